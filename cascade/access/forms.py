"""Granting a role: over a unit within the granting user's own ``access.audit:write`` scope.

The form checks what it can show as field errors; ``domain.grant_role`` authorises and writes.
Making an API token: its name and an optional last day (``domain.create_token`` writes).
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cascade.core.forms import style_widgets
from cascade.organization.filters import UnitField

from .domain import grant_role, grantable_units, may_grant
from .models import ApiToken, RoleAssignment


class RoleAssignmentForm(forms.ModelForm):
    username = forms.CharField(label=gettext_lazy("user name"), max_length=150)
    unit = UnitField(
        label=gettext_lazy("unit"), help_text=gettext_lazy("The unit's id, name, Chinese name or short name.")
    )

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
                gettext_lazy("No user is called “%(name)s”."), code="unknown", params={"name": username}
            ) from None
        self.instance.user = user
        return username

    def clean_unit(self):
        unit = self.cleaned_data.get("unit")
        if unit is not None and not grantable_units(self.granted_by).filter(pk=unit.pk).exists():
            raise forms.ValidationError(
                gettext_lazy("You may not grant roles over “%(unit)s”."),
                code="forbidden",
                params={"unit": unit},
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
                gettext_lazy("%(user)s already holds this role over “%(unit)s”."),
                code="duplicate",
                params={"user": user.get_username(), "unit": unit},
            )
        descendants = cleaned.get("include_descendants", False)
        if (
            unit is not None
            and descendants
            and "unit" not in self.errors
            and not may_grant(self.granted_by, unit=unit, include_descendants=True)
        ):
            self.add_error(
                "include_descendants",
                forms.ValidationError(
                    gettext_lazy("You may grant roles over “%(unit)s” but not over all the units below it."),
                    code="forbidden_subtree",
                    params={"unit": unit},
                ),
            )
        return cleaned

    def save(self, commit: bool = True) -> RoleAssignment:
        """Grant the role through ``domain.grant_role`` (``commit=False``: the unsaved assignment)."""
        if not commit:
            return super().save(commit=False)
        cleaned = self.cleaned_data
        self.instance = grant_role(
            user=self.granted_by,
            target=self.instance.user,
            role=cleaned["role"],
            unit=cleaned["unit"],
            include_descendants=cleaned["include_descendants"],
        )
        return self.instance


class ApiTokenForm(forms.Form):
    """A new API token: its name, and optionally the last day it works."""

    name = forms.CharField(
        label=gettext_lazy("name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=gettext_lazy("What the token is for, so that you can tell it apart later."),
    )
    valid_until = forms.DateField(
        label=gettext_lazy("valid until"),
        required=False,
        widget=forms.DateInput(),
        help_text=gettext_lazy(
            "Optional: the last day the token works. Leave it empty for a token that works until you revoke it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_valid_until(self) -> datetime.date | None:
        day = self.cleaned_data.get("valid_until")
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(gettext_lazy("The last day cannot lie in the past."), code="past")
        return day

    def expires_at(self) -> datetime.datetime | None:
        """When the token stops working: the end of its last day (the start of the next one), local time."""
        day = self.cleaned_data.get("valid_until")
        if day is None:
            return None
        return timezone.make_aware(
            datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
        )
