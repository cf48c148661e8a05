"""A briefing's Word file made in the background, for a subtree too large to build while the
reader waits.

``needs_background(unit)``: whether the unit's subtree has more than
``CASCADE_BRIEFING_BACKGROUND_UNITS`` units (5,000 by default); a briefing's facts are counted
from its subtree's records, so its time grows with them (about 5 s at the root of 30,000 units
and 600,000 records on a 2-core machine). ``request_file`` keeps what the reader asked for
and queues the work; ``make_file`` (the task worker's part) builds the briefing with the
requester's scope and language and stores the file. The file is its requester's alone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cascade.campaigns.models import Campaign
from cascade.core.audit import log_action
from cascade.core.scopes import authorize
from cascade.organization.models import Unit, subtree_q

from ..choices import BriefingFileStatus
from ..domain import Period
from ..models import BriefingFile

READ = "reports.briefing:read"


def needs_background(unit: Unit) -> bool:
    """Whether ``unit``'s briefing is too large to make while the reader waits."""
    limit = settings.CASCADE_BRIEFING_BACKGROUND_UNITS
    return Unit.objects.filter(subtree_q(unit.path))[: limit + 1].count() > limit


def file_name(unit: Unit, lang: str) -> str:
    return f"briefing-{slugify(unit.short_name or unit.name) or unit.pk}-{lang}.docx"


def request_file(
    *, unit: Unit, campaign: Campaign | None, period: Period | None, lang: str, base_url: str, user
) -> BriefingFile:
    """Queue the making of ``unit``'s briefing as a Word file for ``user`` (who may read it)."""
    authorize(user, READ, unit)
    job = BriefingFile(
        requested_by=user,
        unit=unit,
        campaign=campaign,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        lang=lang,
        base_url=base_url[:300],
    )
    job.full_clean(exclude=["file"])
    with transaction.atomic():
        job.save()
        log_action(
            "briefing.requested",
            obj=job,
            user=user,
            unit=unit,
            data={"campaign": campaign.slug if campaign else None, "lang": lang},
        )
        from ..tasks import make_briefing_file

        transaction.on_commit(lambda: make_briefing_file.enqueue(job.pk))
    return job


def make_file(job_id: int) -> None:
    """The worker's part: build the briefing ``job_id`` asks for and keep it as a Word file.

    Should the work itself fail, the job says so (the page stops waiting) and the error goes on
    to the task's result and the log.
    """
    from . import build_briefing, render

    job = BriefingFile.objects.select_related("requested_by", "unit", "campaign").get(pk=job_id)
    if job.status != BriefingFileStatus.QUEUED:
        return
    try:
        period = (
            Period(start=job.period_start, end=job.period_end) if job.period_start or job.period_end else None
        )
        with translation.override("zh-hans" if job.lang == "zh" else "en"):
            briefing = build_briefing(
                unit=job.unit, campaign=job.campaign, period=period, lang=job.lang, user=job.requested_by
            )
            data = render(briefing, "docx", base_url=job.base_url)
    except Exception:
        with translation.override("zh-hans" if job.lang == "zh" else "en"):
            job.message = _("The Word file could not be made because of an error on the server.")
        job.status = BriefingFileStatus.FAILED
        job.save(update_fields=["status", "message", "updated_at"])
        raise
    job.file.save(file_name(job.unit, job.lang), ContentFile(data), save=False)
    job.status = BriefingFileStatus.READY
    job.save(update_fields=["file", "status", "updated_at"])
