"""Forms for campaign actions that go through domain functions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import RectificationStatus


class RectificationTransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("new status"), choices=RectificationStatus.choices)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
