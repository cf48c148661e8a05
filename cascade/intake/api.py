"""Narrative reports over HTTP: the scoped list (query parameters = the FilterSet) and details."""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from cascade.common.api import scoped_get, scoped_list

from . import filters
from .models import NarrativeReport

router = Router(tags=["intake"])


class NarrativeReportOut(Schema):
    id: int
    unit_id: int
    campaign_id: int | None
    title: str
    period_start: date
    period_end: date
    dated: date | None
    language: str
    status: str
    attachment: str
    created_at: datetime

    @staticmethod
    def resolve_attachment(obj) -> str:
        return obj.attachment.name or ""


class NarrativeReportDetailOut(NarrativeReportOut):
    text: str


@router.get("/reports", response=list[NarrativeReportOut])
@paginate(LimitOffsetPagination)
def list_reports(request: HttpRequest):
    return scoped_list(request, NarrativeReport, filters.NarrativeReportFilterSet)


@router.get("/reports/{pk}", response=NarrativeReportDetailOut)
def get_report(request: HttpRequest, pk: int):
    return scoped_get(request, NarrativeReport, pk)
