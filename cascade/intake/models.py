"""What units send in: narrative reports (text or .docx) for a period, and spreadsheets of records."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.models import TimeStamped, date_order_constraint
from cascade.core.querysets import RestrictedQuerySet
from cascade.organization.models import Unit

from .choices import FactStatus, ImportStatus, Language, ReportStatus


class NarrativeReport(TimeStamped):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="narrative_reports"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="narrative_reports",
    )
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    dated = models.DateField(_("dated"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=4, choices=Language.choices, default=Language.EN)
    text = models.TextField(_("text"), blank=True)
    attachment = models.FileField(
        _("attachment"),
        upload_to="reports/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["txt", "docx"])],
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "unit__path"]
        verbose_name = _("narrative report")
        verbose_name_plural = _("narrative reports")
        constraints = [
            date_order_constraint("period_start", "period_end", "narrativereport_end_after_start"),
            models.CheckConstraint(
                condition=~models.Q(text="") | ~models.Q(attachment=""),
                name="narrativereport_has_content",
                violation_error_message=_("A report needs its text or an attached file."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ExtractedFact(TimeStamped):
    """A figure read from a report's text, with its span, until a person accepts, edits or rejects it."""

    report = models.ForeignKey(
        NarrativeReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="facts"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_facts",
        help_text=_("The unit the figure is about, as matched in the tree."),
    )
    unit_text = models.CharField(_("unit as read"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=32)
    measure = models.CharField(_("measure"), max_length=32)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    qualifier = models.CharField(_("qualifier"), max_length=20, blank=True)
    text = models.CharField(_("text"), max_length=500)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=FactStatus.choices, default=FactStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["report", "start", "pk"]
        verbose_name = _("extracted fact")
        verbose_name_plural = _("extracted facts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="extractedfact_span_order"
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="extractedfact_value_nonnegative"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}.{self.measure} = {self.value:g}"


class ImportJob(TimeStamped):
    """A spreadsheet a user uploaded to import, its check (the preview) and its import.

    Only its uploader works with it; the rows' results (``report``: one ``[row, outcome,
    record, errors]`` per row) are kept with the file so that the preview can be read again.
    """

    kind = models.CharField(_("kind"), max_length=40)
    file = models.FileField(_("file"), upload_to="imports/%Y/")
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    language = models.CharField(_("language"), max_length=16)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    message = models.TextField(_("message"), blank=True)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    ignored_columns = models.JSONField(_("ignored columns"), default=list, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    report = models.JSONField(_("rows"), default=list, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.kind})"
