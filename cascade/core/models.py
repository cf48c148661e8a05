from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


def localized(obj: object, field: str, lang: str | None = None) -> str:
    """The Chinese variant of ``field`` (``<field>_zh``) when the language is Chinese and it is set."""
    lang = lang or translation.get_language() or "en"
    if lang.lower().startswith("zh"):
        value = getattr(obj, f"{field}_zh", "")
        if value:
            return value
    return getattr(obj, field)


def date_order_constraint(start: str, end: str, name: str) -> models.CheckConstraint:
    """``end`` is empty or not before ``start``."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message=_("The end date cannot be before the start date."),
    )
