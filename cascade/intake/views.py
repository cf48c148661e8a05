"""Narrative report pages: the scoped list and detail, and submitting a report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from cascade.common.views import RecordDetailView, RecordListView

from . import filters, tables
from .forms import MAX_UPLOAD_BYTES, NarrativeReportForm, writable_units
from .models import NarrativeReport


class NarrativeReportList(RecordListView):
    table_class = tables.NarrativeReportTable
    filterset_class = filters.NarrativeReportFilterSet
    template_name = "intake/narrativereport_list.html"


class NarrativeReportDetail(RecordDetailView):
    model = NarrativeReport


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
