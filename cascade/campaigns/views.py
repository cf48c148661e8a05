"""Campaign record pages: lists filtered and scoped to the viewer, detail pages, and edit pages.

Plain records are edited by ``cascade.core.views.RecordEditView`` (URL patterns from
``edit_pages``); what has a rule of its own calls its function in ``domain``: opening and
moving a rectification item, its evidence, a finding opening an item, attendance rosters,
claiming a research topic.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cascade.core.documents import XLSX, attachment, docx_response, file_name, ledger_xlsx
from cascade.core.forms import form_errors
from cascade.core.models import localized
from cascade.core.scopes import can, person_of
from cascade.core.views import (
    CheckInDeskView,
    CodeCheckInView,
    RecordDetailView,
    RecordListView,
    writable_or_refused,
)
from cascade.organization.models import Person

from . import documents, domain, filters, forms, tables
from .choices import RECTIFICATION_TRANSITIONS, RectificationStatus
from .models import (
    Campaign,
    FieldVisit,
    OutreachEvent,
    RectificationEvidence,
    RectificationItem,
    ResearchTopic,
    SessionCheckIn,
    SteeringGroup,
    StudyActivity,
    StudyAttendance,
    StudySession,
    SupervisionVisit,
)


class CampaignList(RecordListView):
    table_class = tables.CampaignTable
    filterset_class = filters.CampaignFilterSet


class CampaignDetail(RecordDetailView):
    model = Campaign
    related = (("phases", tables.CampaignPhaseTable), ("scopes", tables.CampaignScopeTable))


class StudyActivityList(RecordListView):
    table_class = tables.StudyActivityTable
    import_kind = "study-activities"
    filterset_class = filters.StudyActivityFilterSet


class StudyActivityDetail(RecordDetailView):
    model = StudyActivity
    template_name = "campaigns/studyactivity_detail.html"
    related = (("sessions", tables.StudySessionTable), ("attendances", tables.StudyAttendanceTable))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if can(self.request.user, "campaign.study:write", self.object):
            context["roster_url"] = reverse("campaigns:studyactivity_roster", args=[self.object.pk])
            sessions = next(block for block in context["related"] if block["accessor"] == "sessions")
            sessions["table"].actions.insert(0, (_("Check-in"), "campaigns:studysession_checkin"))
        return context


class ResearchTopicList(RecordListView):
    table_class = tables.ResearchTopicTable
    import_kind = "research-topics"
    filterset_class = filters.ResearchTopicFilterSet


class ResearchTopicDetail(RecordDetailView):
    model = ResearchTopic
    template_name = "campaigns/researchtopic_detail.html"
    related = (
        ("field_visits", tables.FieldVisitTable),
        ("measures", tables.AdoptedMeasureTable),
        ("seminars", tables.StudyActivityTable),
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        topic, user = self.object, self.request.user
        person = person_of(user)
        if topic.claimed_by_id is None and person is not None and can(user, "campaign.research:claim", topic):
            context["claim_url"] = reverse("campaigns:researchtopic_claim", args=[topic.pk])
        return context


class FieldVisitList(RecordListView):
    table_class = tables.FieldVisitTable
    import_kind = "field-visits"
    filterset_class = filters.FieldVisitFilterSet


class FieldVisitDetail(RecordDetailView):
    model = FieldVisit


class SteeringGroupList(RecordListView):
    table_class = tables.SteeringGroupTable
    filterset_class = filters.SteeringGroupFilterSet


class SteeringGroupDetail(RecordDetailView):
    model = SteeringGroup
    related = (("assignments", tables.SteeringAssignmentTable), ("visits", tables.SupervisionVisitTable))


class SupervisionVisitList(RecordListView):
    table_class = tables.SupervisionVisitTable
    import_kind = "supervision-visits"
    filterset_class = filters.SupervisionVisitFilterSet


class SupervisionVisitDetail(RecordDetailView):
    model = SupervisionVisit
    related = (("findings", tables.SupervisionFindingTable),)


class RectificationItemList(RecordListView):
    """Rectification items; the filtered list is also the ledger (整改台账) as Word or Excel."""

    table_class = tables.RectificationItemTable
    filterset_class = filters.RectificationItemFilterSet
    import_kind = "rectification-items"
    documents = {"ledger.docx": gettext_lazy("Ledger (Word)"), "ledger.xlsx": gettext_lazy("Ledger (Excel)")}

    def document(self, request: HttpRequest, queryset, key: str, *, chosen: dict[str, Any]) -> HttpResponse:
        unit = chosen.get("unit")
        items = queryset.select_related("unit", "owner").order_by("unit__path", "opened_on", "pk")
        rows = documents.ledger_rows(items)
        name = file_name(
            documents.ledger_title(unit), timezone.localdate().isoformat(), extension=key.split(".")[1]
        )
        if key == "ledger.docx":
            return docx_response(documents.ledger_docx(unit=unit, rows=rows), name=name)
        content = ledger_xlsx(
            title=documents.ledger_title(unit),
            subtitle=documents.ledger_subtitle(rows),
            headers=documents.ledger_headers(),
            rows=rows,
        )
        return attachment(content, name=name, content_type=XLSX)


class RectificationItemDetail(RecordDetailView):
    """An item, its history and evidence; the moves the user may make from its current state."""

    model = RectificationItem
    template_name = "campaigns/rectificationitem_detail.html"
    related = (("evidence", tables.RectificationEvidenceTable), ("events", tables.RectificationEventTable))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item, user = self.object, self.request.user
        moves = [
            to
            for to in RECTIFICATION_TRANSITIONS.get(item.status, ())
            if domain.may_transition(user=user, item=item, to=to)
        ]
        if moves:
            form = forms.RectificationTransitionForm()
            form.fields["to"].choices = [
                (to, RectificationStatus(to).label) for to in RectificationStatus if to in moves
            ]
            context["transition_form"] = form
            context["transition_url"] = reverse("campaigns:rectificationitem_transition", args=[item.pk])
        return context


class OutreachEventList(RecordListView):
    table_class = tables.OutreachEventTable
    import_kind = "outreach-events"
    filterset_class = filters.OutreachEventFilterSet


class OutreachEventDetail(RecordDetailView):
    model = OutreachEvent


class RectificationTransitionView(LoginRequiredMixin, View):
    """Move an item to another state (``domain.transition_rectification``); refusals come back as messages."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = get_object_or_404(RectificationItem.objects.restrict(request.user, "read"), pk=pk)
        form = forms.RectificationTransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, form_errors(form))
            return redirect("campaigns:rectificationitem_detail", pk=pk)
        try:
            domain.transition_rectification(
                item=item,
                to=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
                person=person_of(request.user),
                user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("campaigns:rectificationitem_detail", pk=pk)
        messages.success(
            request,
            _("The item is now “%(status)s”.")
            % {"status": RectificationStatus(form.cleaned_data["to"]).label},
        )
        return redirect("campaigns:rectificationitem_detail", pk=pk)


class EvidenceDownload(LoginRequiredMixin, View):
    """An evidence file, to who may read its item."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        evidence = get_object_or_404(RectificationEvidence.objects.restrict(request.user, "read"), pk=pk)
        try:
            handle = evidence.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404(_("The file is no longer stored.")) from None
        return FileResponse(handle, as_attachment=True, filename=evidence.file.name.rsplit("/", 1)[-1])


class AttendanceRosterView(LoginRequiredMixin, View):
    """Who attended a study activity: the people of its unit (and anyone already recorded),
    each marked present with hours or absent, saved as one roster (``domain.record_attendance``)."""

    template_name = "campaigns/attendance_roster.html"

    def get_activity(self, request: HttpRequest, pk: int) -> StudyActivity:
        return writable_or_refused(
            StudyActivity.objects.select_related("unit"), pk, request.user, "campaign.study:write"
        )

    def roster(self, request: HttpRequest, activity: StudyActivity) -> list[dict[str, Any]]:
        attended = {a.person_id: a.hours for a in StudyAttendance.objects.filter(activity=activity)}
        people = (
            Person.objects.restrict(request.user, "read")
            .filter(pk__in=[*attended, *domain.expected_people(activity).values_list("pk", flat=True)])
            .distinct()
            .order_by("name")
        )
        default = activity.sessions.aggregate(total=Sum("hours"))["total"] or Decimal("0")
        return [
            {"person": p, "present": p.pk in attended, "hours": attended.get(p.pk, default)} for p in people
        ]

    def render_roster(self, request, activity, rows, errors=(), status=200) -> HttpResponse:
        context = {
            "title": _("Attendance: %(activity)s") % {"activity": activity},
            "activity": activity,
            "rows": rows,
            "errors": errors,
            "present_count": sum(1 for r in rows if r["present"]),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        activity = self.get_activity(request, pk)
        return self.render_roster(request, activity, self.roster(request, activity))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        activity = self.get_activity(request, pk)
        rows = self.roster(request, activity)
        errors = []
        present = {}
        chosen = set(request.POST.getlist("present"))
        for row in rows:
            person = row["person"]
            row["present"] = str(person.pk) in chosen
            raw = request.POST.get(f"hours-{person.pk}", "").strip()
            row["hours"] = raw
            if not row["present"]:
                continue
            try:
                hours = Decimal(raw or "0")
                if not hours.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                errors.append(_("Hours attended by %(person)s must be a number.") % {"person": person})
                continue
            present[person] = hours
        if not errors:
            try:
                domain.record_attendance(activity=activity, present=present, user=request.user)
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            return self.render_roster(request, activity, rows, errors, status=422)
        messages.success(request, _("Attendance saved: %(count)d present.") % {"count": len(present)})
        return redirect("campaigns:studyactivity_detail", pk=activity.pk)


class ClaimTopicView(LoginRequiredMixin, View):
    """A leader takes a research topic on (``domain.claim_topic``)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        topic = get_object_or_404(ResearchTopic.objects.restrict(request.user, "read"), pk=pk)
        try:
            domain.claim_topic(
                topic=topic,
                person=person_of(request.user),
                work_area=request.POST.get("work_area", "").strip(),
                user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("You have claimed this topic."))
        return redirect("campaigns:researchtopic_detail", pk=pk)


class SessionCheckInDesk(CheckInDeskView):
    """A study session's check-in desk (its QR code, arrivals as they come, marking by hand),
    and its printable sign-in sheet (``sheet=True``). The people expected are the current
    members of the activity's unit (``domain.expected_people``)."""

    def get_occasion(self, request: HttpRequest, pk: int) -> StudySession:
        return writable_or_refused(
            StudySession.objects.select_related("activity__unit"), pk, request.user, "campaign.study:write"
        )

    def describe(self, session: StudySession) -> dict[str, Any]:
        return {
            "occasion": str(session.activity),
            "subtitle": f"{formats.date_format(session.date)} · {session.get_length_display()} · {session.activity.unit}",
            "day": session.date,
            "back_url": reverse("campaigns:studyactivity_detail", args=[session.activity_id]),
            "desk_url": reverse("campaigns:studysession_checkin", args=[session.pk]),
            "sheet_url": reverse("campaigns:studysession_sheet", args=[session.pk]),
            "code_path": reverse("campaigns:studysession_code", args=[domain.session_code(session)]),
        }

    def arrivals(self, session: StudySession) -> list[dict[str, Any]]:
        check_ins = SessionCheckIn.objects.restrict(self.request.user, "read").filter(session=session)
        return [
            {
                "pk": c.pk,
                "person": c.person_id,
                "name": str(c.person),
                "detail": localized(c.person, "post"),
                "at": timezone.localtime(c.checked_in_at),
                "method": c.get_method_display(),
            }
            for c in check_ins.select_related("person")
        ]

    def expected(self, session: StudySession) -> list[tuple[Any, str, str, str]]:
        people = domain.expected_people(session.activity).restrict(self.request.user, "read")
        return [(p.pk, str(p), localized(p, "post"), "") for p in people]

    def mark(self, session: StudySession, pk: int | None, user) -> str:
        person = Person.objects.restrict(user, "read").filter(pk=pk).first()
        if person is None:
            raise ValidationError(_("Choose a person of %(unit)s.") % {"unit": session.activity.unit})
        _row, created = domain.mark_present(session=session, person=person, user=user)
        return (_("Marked present: %(person)s.") if created else _("Already checked in: %(person)s.")) % {
            "person": person
        }

    def undo(self, session: StudySession, pk: int | None, user) -> str:
        check_in = session.check_ins.select_related("person").filter(pk=pk).first()
        if check_in is None:
            return _("That check-in had already been taken back.")
        domain.undo_check_in(check_in=check_in, user=user)
        return _("Check-in taken back: %(person)s.") % {"person": check_in.person}


class SessionCodeCheckIn(CodeCheckInView):
    def who(self, *, code: str, user) -> tuple[str, Any]:
        session, person = domain.who_checks_in(code=code, user=user)
        return _occasion(session), person

    def check_in(self, *, code: str, user) -> tuple[str, bool]:
        check_in, created = domain.check_in_by_code(code=code, user=user)
        return _occasion(check_in.session), created


def _occasion(session: StudySession) -> str:
    return f"{session.activity} · {formats.date_format(session.date)}"
