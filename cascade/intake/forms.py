"""The narrative-report form: typed text, or a .txt or .docx file whose text is read in."""

from __future__ import annotations

import os

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from cascade.campaigns.models import Campaign
from cascade.core.forms import style_widgets
from cascade.organization.filters import UnitField
from cascade.organization.models import Unit

from .choices import Language
from .domain import WRITE, check_report_text, docx_text, submit_narrative_report
from .models import NarrativeReport

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALLOWED_EXTENSIONS = (".txt", ".docx")


def writable_units(user):
    """The units ``user`` may submit narrative reports for."""
    return Unit.objects.restrict(user, WRITE)


class NarrativeReportForm(forms.Form):
    unit = UnitField(label=_("unit"), help_text=_("The unit's id, name, Chinese name or short name."))
    campaign = forms.ModelChoiceField(
        label=_("campaign"), queryset=Campaign.objects.none(), required=False, to_field_name="slug"
    )
    title = forms.CharField(label=_("title"), max_length=300)
    period_start = forms.DateField(label=_("period start"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("period end"), widget=forms.DateInput(attrs={"type": "date"}))
    dated = forms.DateField(label=_("dated"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=_("language"), choices=Language.choices, initial=Language.EN)
    text = forms.CharField(
        label=_("text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste the report here, or attach it as a file below."),
    )
    file = forms.FileField(
        label=_("file"),
        required=False,
        help_text=_("A .txt (UTF-8) or .docx file of at most 5 MB."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.file_text = ""
        self.fields["unit"].user = user
        self.fields["campaign"].queryset = (
            Campaign.objects.restrict(user, "read") if user is not None else Campaign.objects.none()
        )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_unit(self) -> Unit | None:
        unit = self.cleaned_data.get("unit")
        if unit is not None and not writable_units(self.user).filter(pk=unit.pk).exists():
            raise ValidationError(
                _("You may not submit reports for “%(unit)s”."), code="forbidden", params={"unit": unit}
            )
        return unit

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        extension = os.path.splitext(upload.name)[1].lower()
        if extension not in ALLOWED_EXTENSIONS:
            raise ValidationError(
                _("Only .txt and .docx files can be read; “%(name)s” is neither."),
                code="type",
                params={"name": upload.name},
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is %(size).1f MB; the limit is 5 MB."),
                code="size",
                params={"size": upload.size / (1024 * 1024)},
            )
        data = upload.read()
        upload.seek(0)
        if extension == ".docx":
            try:
                self.file_text = docx_text(data)
            except ValidationError:
                raise
            except Exception as exc:  # python-docx raises many kinds of errors on a broken file
                raise ValidationError(
                    _("“%(name)s” could not be read as a Word (.docx) document."),
                    code="unreadable",
                    params={"name": upload.name},
                ) from exc
        else:
            try:
                self.file_text = data.decode("utf-8-sig").strip()
            except UnicodeDecodeError as exc:
                raise ValidationError(
                    _("“%(name)s” is not UTF-8 text; save it as UTF-8 and upload it again."),
                    code="encoding",
                    params={"name": upload.name},
                ) from exc
        if not self.file_text:
            raise ValidationError(
                _("“%(name)s” contains no text."), code="empty", params={"name": upload.name}
            )
        check_report_text(self.file_text)
        return upload

    def clean_text(self) -> str:
        return check_report_text(self.cleaned_data.get("text") or "")

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("text") or "").strip()
        has_file = bool(cleaned.get("file"))
        if text and has_file:
            raise ValidationError(_("Give the report's text or a file, not both."), code="both")
        if not text and not has_file and "file" not in self.errors and "text" not in self.errors:
            raise ValidationError(_("Give the report's text or attach a .txt or .docx file."), code="missing")
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end date cannot be before the start date."))
        return cleaned

    def save(self) -> NarrativeReport:
        data = self.cleaned_data
        upload = data.get("file")
        return submit_narrative_report(
            unit=data["unit"],
            campaign=data.get("campaign"),
            title=data["title"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            dated=data.get("dated"),
            language=data["language"],
            text=self.file_text if upload else data["text"],
            upload=upload,
            user=self.user,
        )


class FactDecisionForm(forms.Form):
    """Accepting a fact, optionally correcting its unit (resolved within the user's scope) and value."""

    unit = UnitField(
        label=_("unit"), required=False, help_text=_("The unit's id, name, Chinese name or short name.")
    )
    value = forms.DecimalField(
        label=_("value"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={"invalid": _("Enter a number, such as 12 or 3.5.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].user = user
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")


class ImportUploadForm(forms.Form):
    """A spreadsheet to import: what its rows are (among the kinds the user may import) and the file."""

    kind = forms.ChoiceField(label=_("what the rows are"))
    file = forms.FileField(
        label=_("file"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file, with a header row."),
        validators=[FileExtensionValidator(["xlsx", "csv"])],
        allow_empty_file=True,  # an empty file is refused by the import, in its own words
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.slug, k.label) for k in kinds]
        style_widgets(self)
