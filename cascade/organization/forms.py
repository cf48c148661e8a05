"""Forms for organisation actions that go through ``cascade.organization.domain``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .filters import UnitField


class UnitMoveForm(forms.Form):
    """Re-parent a unit: the new parent is given by id, name or short name among the units the user sees."""

    new_parent = UnitField(
        label=_("new parent"),
        help_text=_("The unit's id, name, Chinese name or short name."),
    )
    reason = forms.CharField(label=_("reason"), max_length=300, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].user = user
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
