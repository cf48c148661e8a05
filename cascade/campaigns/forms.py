"""Forms for campaign records and actions; every one is written through a domain function."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cascade.core.forms import ScopedModelForm

from .choices import RectificationStatus
from .models import FieldVisit, OutreachEvent, StudyActivity


class RectificationTransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("new status"), choices=RectificationStatus.choices)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


# --- edit forms of plain records (written through cascade.core.records.save_record) ---------


class StudyActivityForm(ScopedModelForm):
    class Meta:
        model = StudyActivity
        fields = [
            "campaign",
            "unit",
            "kind",
            "title",
            "title_zh",
            "audience",
            "audience_zh",
            "audience_rank",
            "cohort",
            "cohort_number",
            "start_date",
            "end_date",
            "speaker",
            "required_readings",
            "original_texts",
            "approach",
            "approach_zh",
        ]


class OutreachEventForm(ScopedModelForm):
    class Meta:
        model = OutreachEvent
        fields = [
            "campaign",
            "unit",
            "kind",
            "title",
            "title_zh",
            "start_date",
            "end_date",
            "place",
            "countries",
            "organisations",
            "participants",
            "description",
        ]


class FieldVisitForm(ScopedModelForm):
    class Meta:
        model = FieldVisit
        fields = [
            "campaign",
            "unit",
            "topic",
            "led_by",
            "visited_unit",
            "visited",
            "visited_zh",
            "date",
            "unannounced",
            "findings",
        ]
