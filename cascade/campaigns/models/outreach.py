from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.models import TimeStamped, date_order_constraint, localized
from cascade.core.querysets import RestrictedQuerySet
from cascade.organization.models import Country, Unit

from ..choices import OrganisationKind, OutreachKind
from .campaign import Campaign


class CounterpartOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=300, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("counterpart organisation")
        verbose_name_plural = _("counterpart organisations")

    def __str__(self) -> str:
        return localized(self, "name")


class OutreachEvent(TimeStamped):
    """A forum, dialogue, reception, study tour, exchange visit or promotion abroad."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outreach_events",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="outreach_events"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OutreachKind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    countries = models.ManyToManyField(
        Country, verbose_name=_("counterpart countries"), blank=True, related_name="+"
    )
    organisations = models.ManyToManyField(
        CounterpartOrganisation,
        verbose_name=_("counterpart organisations"),
        blank=True,
        related_name="events",
    )
    participants = models.PositiveIntegerField(
        _("participants"), default=0, validators=[MinValueValidator(0)], help_text=_("Head count.")
    )
    description = models.TextField(_("description"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")
        constraints = [
            date_order_constraint("start_date", "end_date", "outreachevent_end_after_start"),
            models.CheckConstraint(
                condition=models.Q(participants__gte=0), name="outreachevent_participants_nonneg"
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "title")
