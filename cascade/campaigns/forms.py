"""Forms for campaign records and actions; every one is written through a domain function."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from cascade.core.forms import ScopedModelForm
from cascade.core.scopes import person_of, readable_choices
from cascade.organization.models import Person, Unit

from . import domain
from .choices import RectificationSource, RectificationStatus
from .models import (
    AdoptedMeasure,
    Campaign,
    CampaignPhase,
    CampaignScope,
    FieldVisit,
    OutreachEvent,
    RectificationEvidence,
    RectificationItem,
    ResearchTopic,
    SteeringGroup,
    StudyActivity,
    StudyAttendance,
    StudySession,
    SupervisionFinding,
    SupervisionVisit,
)


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


class CampaignForm(ScopedModelForm):
    class Meta:
        model = Campaign
        fields = [
            "slug",
            "title",
            "title_zh",
            "office",
            "start_date",
            "end_date",
            "launched_on",
            "description",
            "description_zh",
        ]


class CampaignPhaseForm(ScopedModelForm):
    class Meta:
        model = CampaignPhase
        fields = ["campaign", "order", "name", "name_zh", "start_date", "end_date"]


class CampaignScopeForm(ScopedModelForm):
    class Meta:
        model = CampaignScope
        fields = ["campaign", "unit", "include_descendants"]


class StudySessionForm(ScopedModelForm):
    write_units = ("activity",)

    class Meta:
        model = StudySession
        fields = ["activity", "date", "length", "hours", "topic"]


class StudyAttendanceForm(ScopedModelForm):
    """One person's attendance at a study activity: a row of a roster. An activity's rows are
    written together, by one ``domain.record_attendance`` (``write_together``)."""

    write_units = ("activity",)

    class Meta:
        model = StudyAttendance
        fields = ["activity", "person", "hours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].validators += [
            MinValueValidator(0),
            MaxValueValidator(domain.MAX_ATTENDANCE_HOURS),
        ]

    @classmethod
    def write_together(cls, forms: list[StudyAttendanceForm]) -> list[StudyAttendance]:
        """Write the validated rows of one activity (``forms``, one user's): the people they name
        attended for their hours; everyone else already recorded keeps their attendance."""
        first = forms[0]
        return domain.record_attendance(
            activity=first.instance.activity,
            present={form.instance.person: form.cleaned_data["hours"] for form in forms},
            keep_others=True,
            user=first.user,
        )

    def write(self) -> StudyAttendance:
        rows = self.write_together([self])
        return next(row for row in rows if row.person_id == self.instance.person_id)


class ResearchTopicForm(ScopedModelForm):
    class Meta:
        model = ResearchTopic
        fields = [
            "campaign",
            "unit",
            "title",
            "title_zh",
            "claimed_by",
            "work_area",
            "work_area_zh",
            "methods",
            "status",
            "started_on",
            "reported_on",
            "findings",
            "report",
            "report_file",
        ]


class AdoptedMeasureForm(ScopedModelForm):
    write_units = ("topic",)

    class Meta:
        model = AdoptedMeasure
        fields = ["topic", "description", "description_zh", "adopted_on"]


class SteeringGroupForm(ScopedModelForm):
    """A steering group; its assigned units are picked as units, each with or without its subtree."""

    with_subunits = forms.BooleanField(label=_("assign the units below each chosen unit too"), required=False)

    class Meta:
        model = SteeringGroup
        fields = [
            "campaign",
            "unit",
            "number",
            "name",
            "name_zh",
            "roving",
            "sent_on",
            "members",
            "assigned_units",
        ]

    def m2m(self) -> dict[str, Any]:
        values = super().m2m()
        chosen = list(values.get("assigned_units") or [])
        if chosen and self.cleaned_data.get("with_subunits"):
            values["assigned_units"] = list(readable_choices(Unit.objects.subtrees(chosen), self.user))
        return values


class SupervisionVisitForm(ScopedModelForm):
    class Meta:
        model = SupervisionVisit
        fields = ["group", "unit", "date", "mode", "summary", "feedback", "feedback_on"]


class SupervisionFindingForm(ScopedModelForm):
    """A finding of a visit; ticking "open a rectification item" opens one for the visited unit at once."""

    write_units = ("visit",)
    open_item = forms.BooleanField(label=_("open a rectification item for it"), required=False)
    owner = forms.ModelChoiceField(
        label=_("owner of the rectification item"), queryset=Person.objects.all(), required=False
    )
    deadline = forms.DateField(label=_("rectification deadline"), required=False)

    class Meta:
        model = SupervisionFinding
        fields = ["visit", "description", "severity"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A visit's name shows its group and unit.
        self.fields["visit"].queryset = self.fields["visit"].queryset.select_related("group", "unit")
        if self.instance.pk is not None and RectificationItem.objects.filter(finding=self.instance).exists():
            for name in ("open_item", "owner", "deadline"):
                del self.fields[name]

    def write(self) -> SupervisionFinding:
        data = self.cleaned_data
        return domain.record_finding(
            finding=self.instance,
            open_item=bool(data.get("open_item")),
            owner=data.get("owner"),
            deadline=data.get("deadline"),
            person=person_of(self.user),
            user=self.user,
        )


class RectificationItemForm(ScopedModelForm):
    """A new rectification item of a unit (its states move on its own page)."""

    class Meta:
        model = RectificationItem
        fields = [
            "campaign",
            "unit",
            "owner",
            "problem",
            "problem_zh",
            "source",
            "research_topic",
            "measures",
            "opened_on",
            "deadline",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new item from supervision is opened from its finding, on the visit's page.
        if self.instance.pk is None:
            self.fields["source"].choices = [
                c for c in self.fields["source"].choices if c[0] != RectificationSource.SUPERVISION
            ]

    def write(self) -> RectificationItem:
        """A new item opens through ``domain.open_item`` (its first event); changes save like a record."""
        if self.instance.pk is None:
            return domain.open_item(item=self.instance, user=self.user, person=person_of(self.user))
        return super().write()


EVIDENCE_EXTENSIONS = ("pdf", "docx", "xlsx", "doc", "xls", "jpg", "jpeg", "png", "txt")
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class RectificationEvidenceForm(ScopedModelForm):
    write_units = ("item",)

    class Meta:
        model = RectificationEvidence
        fields = ["item", "file", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(FileExtensionValidator(list(EVIDENCE_EXTENSIONS)))
        self.fields["file"].help_text = _("%(types)s, at most %(mb)d MB.") % {
            "types": ", ".join(EVIDENCE_EXTENSIONS),
            "mb": MAX_EVIDENCE_BYTES // (1024 * 1024),
        }
        if self.instance.pk is None and getattr(self.user, "is_authenticated", False):
            self.instance.uploaded_by = self.user

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_EVIDENCE_BYTES // (1024 * 1024)}
            )
        return upload
