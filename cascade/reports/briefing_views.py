"""The briefing page: a unit's briefing for the viewer's scope, as a page or a Markdown/Word
download; a large subtree's Word file is made by the task worker, on a page of its own."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cascade.access.scopes import can_view_unit
from cascade.campaigns.models import Campaign
from cascade.core.documents import DOCX, attachment
from cascade.core.forms import MAX_PK
from cascade.core.views import is_htmx
from cascade.organization.models import Unit

from .briefing import build_briefing, files, normalize_lang
from .briefing import render as render_briefing
from .choices import BriefingFileStatus
from .domain import Period
from .models import BriefingFile


def _campaign(request: HttpRequest) -> Campaign | None:
    slug = request.GET.get("campaign")
    if slug == "":
        return None
    campaigns = Campaign.objects.restrict(request.user, "read")
    if slug:
        return get_object_or_404(campaigns, slug=slug)
    return campaigns.order_by("-start_date").first()


def _period(request: HttpRequest) -> Period | None:
    """The period from ``from`` and ``to`` (YYYY-MM-DD); ValueError on a bad date or order."""
    start, end = request.GET.get("from") or None, request.GET.get("to") or None
    if not start and not end:
        return None
    period = Period(
        start=date.fromisoformat(start) if start else None, end=date.fromisoformat(end) if end else None
    )
    if period.start and period.end and period.end < period.start:
        raise ValueError("end before start")
    return period


@login_required
def unit_briefing(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    if not can_view_unit(request.user, unit):
        raise Http404
    fmt = request.GET.get("format", "html")
    if fmt not in ("html", "md", "docx"):
        return HttpResponseBadRequest(_("Unknown format: use html, md or docx."))
    try:
        lang = normalize_lang(request.GET.get("lang") or translation.get_language())
    except ValueError:
        return HttpResponseBadRequest(_("Unknown language: use en or zh."))
    try:
        period = _period(request)
    except ValueError:
        return HttpResponseBadRequest(
            _("Give the period as two dates (YYYY-MM-DD), the end not before the start.")
        )
    campaign = _campaign(request)
    if fmt == "docx" and files.needs_background(unit):
        job = files.request_file(
            unit=unit,
            campaign=campaign,
            period=period,
            lang=lang,
            base_url=request.build_absolute_uri("/"),
            user=request.user,
        )
        return redirect("briefing-file", pk=job.pk)
    briefing = build_briefing(unit=unit, campaign=campaign, period=period, lang=lang, user=request.user)
    filename = f"briefing-{slugify(unit.short_name or unit.name) or unit.pk}-{lang}"
    if fmt == "md":
        text = render_briefing(briefing, "md", base_url=request.build_absolute_uri("/"))
        return attachment(text.encode(), name=f"{filename}.md", content_type="text/markdown; charset=utf-8")
    if fmt == "docx":
        data = render_briefing(briefing, "docx", base_url=request.build_absolute_uri("/"))
        return attachment(data, name=f"{filename}.docx", content_type=DOCX)
    query = {"campaign": campaign.slug if campaign else ""}
    if period is not None:
        query.update({"from": request.GET.get("from", ""), "to": request.GET.get("to", "")})
    links = {
        "md": "?" + urlencode({**query, "lang": lang, "format": "md"}),
        "docx": "?" + urlencode({**query, "lang": lang, "format": "docx"}),
        "en": "?" + urlencode({**query, "lang": "en"}),
        "zh": "?" + urlencode({**query, "lang": "zh"}),
    }
    context = {
        "unit": unit,
        "campaign": campaign,
        "briefing": briefing,
        "fragment": mark_safe(render_briefing(briefing, "html")),  # built from escaped parts
        "lang": lang,
        "links": links,
        # A large subtree's Word file is made in the background: its link leads to a page.
        "docx_later": files.needs_background(unit),
    }
    return render(request, "reports/briefing.html", context)


def _own_file(request: HttpRequest, pk: int) -> BriefingFile:
    """The user's own briefing file; another's answers 404, like a record out of scope."""
    if not 0 < pk <= MAX_PK:
        raise Http404
    return get_object_or_404(
        BriefingFile.objects.restrict(request.user).select_related("unit", "campaign"), pk=pk
    )


@login_required
def briefing_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Where a briefing's Word file being made stands; the page follows the work (htmx polling)
    and offers the file once it is ready."""
    job = _own_file(request, pk)
    context = {"job": job, "waiting": job.status == BriefingFileStatus.QUEUED}
    if is_htmx(request):
        return render(request, "reports/_briefing_file_status.html", context)
    return render(request, "reports/briefing_file.html", context)


@login_required
def briefing_file_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_file(request, pk)
    if job.status != BriefingFileStatus.READY or not job.file:
        raise Http404(_("The Word file is not ready."))
    with job.file.open("rb") as handle:
        data = handle.read()
    return attachment(data, name=files.file_name(job.unit, job.lang), content_type=DOCX)
