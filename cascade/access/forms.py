"""Granting a role: over a unit within the granting user's own ``access.audit:write`` scope."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cascade.core.audit import explicit, log_action, snapshot
from cascade.organization.filters import UnitField
from cascade.organization.models import Unit

from .models import RoleAssignment

GRANT = "access.audit:write"


def grantable_units(user):
    """The units over which ``user`` may grant roles."""
    return Unit.objects.restrict(user, GRANT)


class RoleAssignmentForm(forms.ModelForm):
    username = forms.CharField(label=_("user name"), max_length=150)
    unit = UnitField(label=_("unit"), help_text=_("The unit's id, name, Chinese name or short name."))

    class Meta:
        model = RoleAssignment
        fields = ["role", "unit", "include_descendants"]

    def __init__(self, *args, granted_by=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.granted_by = granted_by
        self.fields["unit"].user = granted_by
        self.order_fields(["username", "role", "unit", "include_descendants"])
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise forms.ValidationError(
                _("No user is called “%(name)s”."), code="unknown", params={"name": username}
            ) from None
        self.instance.user = user
        return username

    def clean_unit(self):
        unit = self.cleaned_data.get("unit")
        if unit is not None and not grantable_units(self.granted_by).filter(pk=unit.pk).exists():
            raise forms.ValidationError(
                _("You may not grant roles over “%(unit)s”."), code="forbidden", params={"unit": unit}
            )
        return unit

    def clean(self):
        cleaned = super().clean()
        user = self.instance.user if self.instance.user_id else None
        role, unit = cleaned.get("role"), cleaned.get("unit")
        duplicate = (
            user is not None
            and role
            and unit is not None
            and RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists()
        )
        if duplicate:
            raise forms.ValidationError(
                _("%(user)s already holds this role over “%(unit)s”."),
                code="duplicate",
                params={"user": user.get_username(), "unit": unit},
            )
        return cleaned

    def save(self, commit: bool = True) -> RoleAssignment:
        with transaction.atomic(), explicit():
            assignment = super().save(commit=commit)
            if commit:
                log_action(
                    "role.granted",
                    obj=assignment,
                    user=self.granted_by,
                    unit=assignment.unit,
                    after=snapshot(assignment),
                )
        return assignment
