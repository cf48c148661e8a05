"""Forms for a recipient's answers to a directive; each goes through ``cascade.conferences.domain``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cascade.organization.models import Unit

from .choices import DirectiveStatus


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


def form_errors(form: forms.Form) -> str:
    """A form's errors as one line for a message: "label: error" for each field."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            parts.append(f"{label}: {error}" if label else str(error))
    return " ".join(parts)
