"""Forms for conferences and their parts, issuing a directive, and a recipient's answers to one.

Conference records are saved through ``cascade.core.records``; directives through
``cascade.conferences.domain``.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cascade.core.forms import ScopedModelForm, style_widgets
from cascade.core.scopes import readable_choices
from cascade.organization.models import Unit

from . import domain
from .choices import DirectiveStatus
from .models import AgendaItem, Arrangement, Attendee, AttendeeCategory, Conference, Directive, Speech


class ConferenceForm(ScopedModelForm):
    class Meta:
        model = Conference
        fields = [
            "slug",
            "title",
            "title_zh",
            "start_date",
            "end_date",
            "venue",
            "venue_zh",
            "convened_by",
            "convened_by_zh",
            "secretariat",
            "campaign",
            "summary",
            "summary_zh",
        ]


class AgendaItemForm(ScopedModelForm):
    class Meta:
        model = AgendaItem
        fields = ["conference", "date", "order", "title", "title_zh", "description"]


class SpeechForm(ScopedModelForm):
    class Meta:
        model = Speech
        fields = [
            "conference",
            "order",
            "is_principal",
            "speaker",
            "speaker_label",
            "speaker_label_zh",
            "speaker_unit",
            "role",
            "role_zh",
            "title",
            "title_zh",
            "summary",
            "summary_zh",
            "text",
        ]


class AttendeeCategoryForm(ScopedModelForm):
    class Meta:
        model = AttendeeCategory
        fields = ["conference", "order", "name", "name_zh", "headcount", "seating_block"]


class AttendeeForm(ScopedModelForm):
    class Meta:
        model = Attendee
        fields = ["conference", "person", "category", "role", "order", "seat"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conference = self.instance.conference_id or self.data.get(self.add_prefix("conference"))
        if conference:
            self.fields["category"].queryset = self.fields["category"].queryset.filter(conference=conference)


class ArrangementForm(ScopedModelForm):
    class Meta:
        model = Arrangement
        fields = ["conference", "order", "theme", "theme_zh", "text", "text_zh"]


class IssueDirectiveForm(forms.Form):
    """An arrangement sent down as a directive: to the units chosen, or to their whole subtrees."""

    title = forms.CharField(label=_("title"), max_length=300)
    title_zh = forms.CharField(label=_("Chinese title"), max_length=300, required=False)
    text = forms.CharField(label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    text_zh = forms.CharField(
        label=_("Chinese text"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    issued_by = forms.ModelChoiceField(label=_("issued by"), queryset=Unit.objects.none())
    recipients = forms.ModelMultipleChoiceField(label=_("recipient units"), queryset=Unit.objects.none())
    with_subunits = forms.BooleanField(label=_("and every unit below each of them"), required=False)
    issued_on = forms.DateField(label=_("issued on"))
    deadline = forms.DateField(label=_("deadline"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["issued_by"].queryset = Unit.objects.restrict(user, "conference.directive:issue")
        self.fields["recipients"].queryset = readable_choices(Unit.objects.all(), user)
        style_widgets(self)

    def clean(self):
        data = super().clean()
        issued_on, deadline = data.get("issued_on"), data.get("deadline")
        if issued_on and deadline and deadline < issued_on:
            self.add_error("deadline", _("The deadline cannot be before the day it is issued."))
        return data

    def issue(self, arrangement: Arrangement) -> Directive:
        """Issue ``arrangement`` as the directive the form describes (``domain.issue_directive``)."""
        data = self.cleaned_data
        conference = arrangement.conference
        return domain.issue_directive(
            title=data["title"],
            title_zh=data["title_zh"],
            text=data["text"],
            text_zh=data["text_zh"],
            issued_by=data["issued_by"],
            recipients=self.recipient_units(),
            issued_on=data["issued_on"],
            deadline=data["deadline"],
            conference=conference,
            arrangement=arrangement,
            campaign=conference.campaign,
            user=self.user,
        )

    def recipient_units(self) -> list[Unit]:
        """The units chosen, with every readable unit below each when ``with_subunits`` is ticked."""
        chosen = list(self.cleaned_data["recipients"])
        if not self.cleaned_data.get("with_subunits"):
            return chosen
        return list(readable_choices(Unit.objects.subtrees(chosen), self.user))


class DirectiveStatusForm(forms.Form):
    to = forms.ChoiceField(label=_("new status"), choices=DirectiveStatus.choices)


class CascadeForm(forms.Form):
    """Pass a directive on to the unit's children: all of them, or the ones ticked."""

    recipients = forms.ModelMultipleChoiceField(
        label=_("units directly below"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to pass it on to every unit directly below."),
    )
    deadline = forms.DateField(
        label=_("deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Not later than the directive's own deadline; empty keeps it."),
    )

    def __init__(self, *args, unit: Unit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.fields["recipients"].queryset = Unit.objects.get_children(unit)
        self.fields["deadline"].widget.attrs.setdefault("class", "form-control")
        self.fields["recipients"].widget.attrs.setdefault("class", "form-check-input")


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("progress"), widget=forms.Textarea(attrs={"rows": 3}))
    percent_done = forms.IntegerField(label=_("percent done"), min_value=0, max_value=100)
    reported_on = forms.DateField(
        label=_("reported on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")
