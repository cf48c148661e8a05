"""The question a rollup answers: which unit's subtree, for which campaign and period.

``RollupForm`` validates it for the dashboard and the API alike: the unit is resolved by id
or name among the units the user may read, the campaign by its slug among those they may
read, and the period must not end before it starts.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cascade.campaigns.models import Campaign
from cascade.organization.filters import UnitField

from .domain import Period


class RollupForm(forms.Form):
    unit = UnitField(label=_("unit"), help_text=_("The unit's id, name, Chinese name or short name."))
    campaign = forms.CharField(
        label=_("campaign"), required=False, help_text=_("The campaign's slug; empty for all campaigns.")
    )
    start = forms.DateField(label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].user = user

    def clean_campaign(self) -> Campaign | None:
        slug = (self.cleaned_data.get("campaign") or "").strip()
        if not slug:
            return None
        campaign = Campaign.objects.restrict(self.user, "read").filter(slug=slug).first()
        if campaign is None:
            raise forms.ValidationError(
                _("No campaign you can see has the slug “%(slug)s”."), code="unknown", params={"slug": slug}
            )
        return campaign

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return cleaned

    @property
    def period(self) -> Period | None:
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        return Period(start, end) if start or end else None


class RollupQueryForm(RollupForm):
    """The API's rollup question: also the day against which "overdue" is judged."""

    as_of = forms.DateField(label=_("as of"), required=False)
