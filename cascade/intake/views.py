"""Narrative report pages (the scoped list and detail, submitting a report, confirming its figures)
and spreadsheet imports (upload, preview, import).

The detail page shows the report's text with each figure read from it highlighted, and a
table of the figures to accept (correcting unit or value) or reject; the reconciliation page
sets the accepted figures against the records. Out-of-scope reports and facts answer 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from cascade.core.documents import XLSX, attachment, file_name
from cascade.core.scopes import can
from cascade.core.views import RecordDetailView, RecordListView, is_htmx
from cascade.reports.vocabulary import KINDS, MEASURES

from . import domain, filters, imports, tables
from .choices import ImportStatus, ReportStatus
from .forms import MAX_UPLOAD_BYTES, FactDecisionForm, ImportUploadForm, NarrativeReportForm, writable_units
from .models import ExtractedFact, ImportJob, NarrativeReport
from .spreadsheets import UnreadableFile


class NarrativeReportList(RecordListView):
    table_class = tables.NarrativeReportTable
    filterset_class = filters.NarrativeReportFilterSet
    template_name = "intake/narrativereport_list.html"


def may_write(user, report: NarrativeReport) -> bool:
    """Whether ``user`` holds ``intake.report:write`` over the report's unit (what the page offers)."""
    return can(user, domain.WRITE, report)


def readable_report(request: HttpRequest, pk: int) -> NarrativeReport:
    return get_object_or_404(
        NarrativeReport.objects.restrict(request.user, "read").select_related("unit", "campaign"), pk=pk
    )


# The qualifiers the extractor reads before or after a figure, as shown to people.
QUALIFIERS = {
    "each": gettext_lazy("each"),
    "more than": gettext_lazy("more than"),
    "at least": gettext_lazy("at least"),
    "nearly": gettext_lazy("nearly"),
    "about": gettext_lazy("about"),
}


def qualifier_label(code: str) -> str:
    return str(QUALIFIERS.get(code, code))


def plain_number(value) -> str:
    """A decimal without trailing zeros: 5.00 → "5", 2.50 → "2.5"."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def kind_label(code: str) -> str:
    kind = KINDS.get(code)
    return str(kind.label) if kind else code


def measure_label(code: str) -> str:
    measure = MEASURES.get(code)
    return str(measure.label) if measure else code


def highlighted(text: str, facts: list[ExtractedFact]) -> list[dict[str, Any]]:
    """The text cut into plain and marked segments (one per fact, numbered as in the facts table).

    Facts whose span overlaps an earlier one, or lies outside the text, get no mark. The
    template escapes every segment: the text is never marked safe.
    """
    segments: list[dict[str, Any]] = []
    numbers = {fact.pk: number for number, fact in enumerate(facts, start=1)}
    position = 0
    for fact in sorted(facts, key=lambda f: (f.start, f.end, f.pk)):
        if fact.start < position or fact.end > len(text) or fact.end <= fact.start:
            continue
        if fact.start > position:
            segments.append({"text": text[position : fact.start], "fact": None})
        segments.append({"text": text[fact.start : fact.end], "fact": fact, "number": numbers[fact.pk]})
        position = fact.end
    if position < len(text):
        segments.append({"text": text[position:], "fact": None})
    return segments


def fact_row(
    fact: ExtractedFact, number: int, user, form: FactDecisionForm | None = None, *, marked: bool = True
) -> dict[str, Any]:
    """What the facts table shows of one fact: labels, and the form to accept or reject it."""
    if form is None:
        initial = {"unit": str(fact.unit_id) if fact.unit_id else "", "value": plain_number(fact.value)}
        form = FactDecisionForm(initial=initial, user=user, prefix=f"fact-{fact.pk}")
    return {
        "fact": fact,
        "number": number,
        "kind": kind_label(fact.kind),
        "measure": measure_label(fact.measure),
        "qualifier": qualifier_label(fact.qualifier),
        "value": plain_number(fact.value),
        "marked": marked,
        "form": form,
    }


class NarrativeReportDetail(RecordDetailView):
    """A report, its figures and the forms to decide them. While the worker reads a long
    report's figures, htmx polls this page: the status while it runs, then a refresh."""

    model = NarrativeReport
    template_name = "intake/narrativereport_detail.html"
    partial_name = "intake/_extract_status.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_htmx(request):
            report = readable_report(request, kwargs["pk"])
            if report.status == ReportStatus.EXTRACTING:
                return render(request, self.partial_name, {"report": report})
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.object
        text_label = capfirst(str(NarrativeReport._meta.get_field("text").verbose_name))
        context["fields"] = [f for f in context["fields"] if f["label"] != text_label]
        facts = list(report.facts.restrict(self.request.user, "read").select_related("unit"))
        user = self.request.user
        segments = highlighted(report.text, facts)
        marked = {segment["fact"].pk for segment in segments if segment["fact"] is not None}
        extracting = report.status == ReportStatus.EXTRACTING
        context.update(
            {
                "report": report,
                "extracting": extracting,
                "extraction_failed": not extracting and domain.extraction_failed(report),
                "can_write": may_write(user, report),
                "segments": segments,
                "fact_rows": [
                    fact_row(f, n, user, marked=f.pk in marked) for n, f in enumerate(facts, start=1)
                ],
            }
        )
        return context


class NarrativeReportExtract(LoginRequiredMixin, View):
    """Read the report's figures into facts to be checked (POST; ``intake.report:write``)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = readable_report(request, pk)
        if not may_write(request.user, report):
            raise PermissionDenied(_("You may read this report but not read its figures."))
        if not report.text.strip():
            messages.error(request, _("The report has no text to read figures from."))
            return redirect("intake:narrativereport_detail", pk=report.pk)
        try:
            facts = domain.read_figures(report=report, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if facts is None:
                messages.info(
                    request,
                    _("The report is long: its figures are being read, and this page shows them when done."),
                )
                return redirect("intake:narrativereport_detail", pk=report.pk)
            messages.success(
                request,
                ngettext(
                    "%(count)d figure was read from the report.",
                    "%(count)d figures were read from the report.",
                    len(facts),
                )
                % {"count": len(facts)},
            )
        return redirect("intake:narrativereport_detail", pk=report.pk)


class ExtractedFactDecide(LoginRequiredMixin, View):
    """Accept (with a corrected unit or value) or reject one fact; htmx gets back only its row."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        fact = get_object_or_404(
            ExtractedFact.objects.restrict(request.user, "read").select_related("report", "unit"), pk=pk
        )
        report = fact.report
        if not may_write(request.user, report):
            raise PermissionDenied(_("You may read this report but not decide on its figures."))
        form = FactDecisionForm(request.POST, user=request.user, prefix=f"fact-{fact.pk}")
        decision = request.POST.get("decision")
        error = None
        if decision not in {"accept", "reject"}:
            error = _("Choose whether to accept or reject the figure.")
        elif decision == "reject":
            fact = domain.decide_fact(fact=fact, accept=False, user=request.user)
        elif not form.is_valid():
            error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        else:
            try:
                fact = domain.decide_fact(
                    fact=fact,
                    accept=True,
                    user=request.user,
                    unit=form.cleaned_data.get("unit"),
                    value=form.cleaned_data.get("value"),
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
        if error:
            error = _("Figure not saved: %(error)s") % {"error": error}
        else:
            form = None
        if not is_htmx(request):
            if error:
                messages.error(request, error)
            else:
                messages.success(
                    request,
                    _("The figure “%(text)s” was %(status)s.")
                    % {"text": fact.text, "status": fact.get_status_display()},
                )
        else:
            fact.refresh_from_db()
            facts = list(report.facts.restrict(request.user, "read"))
            pks = [f.pk for f in facts]
            number = pks.index(fact.pk) + 1 if fact.pk in pks else 0
            marked = any(seg["fact"] and seg["fact"].pk == fact.pk for seg in highlighted(report.text, facts))
            context = {
                "row": fact_row(fact, number, request.user, form, marked=marked),
                "report": report,
                "can_write": True,
                "error": error,
            }
            return render(request, "intake/_fact_row.html", context)
        return redirect(reverse("intake:narrativereport_detail", args=[report.pk]) + f"#fact-{fact.pk}")


# The record list behind each kind's figures, and its date-range filter (None: no dates).
_RECORD_LISTS: dict[str, tuple[str, str | None]] = {
    "reading_class": ("campaigns:studyactivity_list", "start_date"),
    "lecture": ("campaigns:studyactivity_list", "start_date"),
    "seminar": ("campaigns:studyactivity_list", "start_date"),
    "collective_study": ("campaigns:studyactivity_list", "start_date"),
    "research_topic": ("campaigns:researchtopic_list", None),
    "field_visit": ("campaigns:fieldvisit_list", "date"),
    "steering_group": ("campaigns:steeringgroup_list", None),
    "supervision_visit": ("campaigns:supervisionvisit_list", "date"),
    "rectification": ("campaigns:rectificationitem_list", None),
    "outreach_event": ("campaigns:outreachevent_list", "start_date"),
}
_STUDY_KINDS = {"reading_class", "lecture", "seminar", "collective_study"}
_COHORTS = {"rounds": "round", "batches": "batch"}


def records_url(row: domain.Reconciled, report: NarrativeReport) -> str | None:
    """The filtered list of the records behind a recorded figure, if there is one."""
    if row.kind not in _RECORD_LISTS:
        return None
    name, date_field = _RECORD_LISTS[row.kind]
    params: dict[str, Any] = {"unit": row.unit.pk}
    if row.kind in _STUDY_KINDS:
        params["kind"] = row.kind
        if row.measure in _COHORTS:
            params["cohort"] = _COHORTS[row.measure]
    if report.campaign is not None and row.kind != "supervision_visit":
        params["campaign"] = report.campaign.slug
    if date_field:
        params[f"{date_field}_after"] = report.period_start.isoformat()
        params[f"{date_field}_before"] = report.period_end.isoformat()
    try:
        return f"{reverse(name)}?{urlencode(params)}"
    except NoReverseMatch:
        return None


class NarrativeReportReconcile(LoginRequiredMixin, View):
    """Reported against recorded (GET); POST creates the missing simple records (``intake.report:write``)."""

    template_name = "intake/narrativereport_reconcile.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = readable_report(request, pk)
        rows = domain.reconcile(report=report, user=request.user)
        table = [
            {
                "row": row,
                "kind": kind_label(row.kind),
                "measure": measure_label(row.measure),
                "qualifier": qualifier_label(row.qualifier),
                "url": records_url(row, report) if row.recorded is not None else None,
                "creatable": domain.makes_records(row.kind, row.measure) and domain.missing_count(row) > 0,
            }
            for row in rows
        ]
        context = {
            "title": _("Reconcile “%(title)s”") % {"title": report.title},
            "report": report,
            "table": table,
            "by_hand": [
                {
                    "row": r,
                    "kind": kind_label(r.kind),
                    "measure": measure_label(r.measure),
                    "qualifier": qualifier_label(r.qualifier),
                }
                for r in domain.by_hand(rows)
            ],
            "creatable": any(item["creatable"] for item in table),
            "can_write": may_write(request.user, report),
        }
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = readable_report(request, pk)
        if not may_write(request.user, report):
            raise PermissionDenied(_("You may read this report but not create records from it."))
        try:
            created = domain.create_missing_records(report=report, user=request.user)
        except (ValidationError, IntegrityError) as exc:
            detail = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, _("No records were created: %(error)s") % {"error": detail})
        else:
            messages.success(
                request,
                ngettext("%(count)d record was created.", "%(count)d records were created.", created)
                % {"count": created},
            )
        return redirect("intake:narrativereport_reconcile", pk=report.pk)


class NarrativeReportCreate(LoginRequiredMixin, View):
    """Submit a narrative report for a unit the user may write reports for (``intake.report:write``)."""

    template_name = "intake/narrativereport_form.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated and not writable_units(request.user).exists():
            raise PermissionDenied(_("You may not submit narrative reports for any unit."))
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, request: HttpRequest, form: NarrativeReportForm) -> HttpResponse:
        context = {
            "form": form,
            "title": _("Submit a narrative report"),
            "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        }
        return render(request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {"unit": request.GET.get("unit", "")}
        return self.render_form(request, NarrativeReportForm(initial=initial, user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = NarrativeReportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                report = form.save()
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(
                    request, _("The report “%(title)s” was submitted.") % {"title": report.title}
                )
                return redirect("intake:narrativereport_detail", pk=report.pk)
        return self.render_form(request, form)


# --- spreadsheet imports ----------------------------------------------------------------------

PREVIEW_ROWS = 500


def own_job(request: HttpRequest, pk: int) -> ImportJob:
    """The user's own import job (another's answers 404, like a record out of scope)."""
    return get_object_or_404(ImportJob.objects.restrict(request.user, "read"), pk=pk, created_by=request.user)


class ImportListView(LoginRequiredMixin, View):
    """Upload a spreadsheet to import; the user's earlier imports; a template per kind."""

    template_name = "intake/import_list.html"

    def render_page(
        self, request: HttpRequest, form: ImportUploadForm, kinds, status: int = 200
    ) -> HttpResponse:
        jobs = [
            (job, imports.KINDS[job.kind].label if job.kind in imports.KINDS else job.kind)
            for job in ImportJob.objects.restrict(request.user, "read").filter(created_by=request.user)[:20]
        ]
        context = {
            "form": form,
            "kinds": kinds,
            "jobs": jobs,
            "max_mb": settings.CASCADE_IMPORT_MAX_BYTES // (1024 * 1024),
            "title": _("Import from a spreadsheet"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        kinds = imports.offered_kinds(request.user)
        form = ImportUploadForm(initial={"kind": request.GET.get("kind", "")}, kinds=kinds)
        return self.render_page(request, form, kinds)

    def post(self, request: HttpRequest) -> HttpResponse:
        kinds = imports.offered_kinds(request.user)
        if not kinds:
            raise PermissionDenied(_("You may not do this here."))
        form = ImportUploadForm(request.POST, request.FILES, kinds=kinds)
        if form.is_valid():
            try:
                job = imports.start_import(
                    kind=imports.kind_for(form.cleaned_data["kind"]),
                    upload=form.cleaned_data["file"],
                    user=request.user,
                )
            except UnreadableFile as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("intake:import_page", pk=job.pk)
        return self.render_page(request, form, kinds, status=422)


class ImportTemplateView(LoginRequiredMixin, View):
    """An empty workbook with a kind's headers in the reader's language."""

    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        try:
            chosen = imports.kind_for(kind)
        except LookupError as exc:
            raise Http404(str(exc)) from None
        if chosen not in imports.offered_kinds(request.user):
            raise PermissionDenied(_("You may not do this here."))
        data = imports.template(chosen, user=request.user)
        return attachment(
            data, name=file_name(_("import template"), chosen.label, extension="xlsx"), content_type=XLSX
        )


class ImportDetailView(LoginRequiredMixin, View):
    """A job: its progress while it runs (htmx polls the partial), then its rows, and the import button."""

    template_name = "intake/import_detail.html"
    partial_name = "intake/_import_status.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = own_job(request, pk)
        running = job.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING)
        if is_htmx(request):
            if not running:
                # Done: the whole page again, with the rows.
                response = HttpResponse(status=204)
                response["HX-Refresh"] = "true"
                return response
            return render(request, self.partial_name, self.context(request, job, running=True))
        return render(request, self.template_name, self.context(request, job, running=running))

    def context(self, request: HttpRequest, job: ImportJob, *, running: bool) -> dict[str, Any]:
        rows = job.report
        only_errors = request.GET.get("errors") == "1"
        if only_errors:
            rows = [r for r in rows if r[1] == "error"]
        done, total = imports.progress_of(job) or (0, 0)
        return {
            "job": job,
            "running": running,
            "done": done,
            "total": total,
            "percent": round(100 * done / total) if total else 0,
            "rows": [
                {"number": n, "outcome": o, "label": imports.OUTCOMES.get(o, o), "record": rec, "errors": e}
                for n, o, rec, e in rows[:PREVIEW_ROWS]
            ],
            "more_rows": max(len(rows) - PREVIEW_ROWS, 0),
            "only_errors": only_errors,
            "can_import": job.status == ImportStatus.CHECKED and job.report and not job.counts.get("error"),
            "title": _("Import of %(file)s") % {"file": job.file_name},
        }


class ImportCommitView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        job = own_job(request, pk)
        try:
            imports.commit_import(job=job, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("intake:import_page", pk=pk)
