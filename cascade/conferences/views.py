"""Conference and directive pages, and a recipient's answers to a directive.

Answers (acknowledge, set status, cascade, report progress) go through
``cascade.conferences.domain``; each needs its permission over the recipient unit
(``domain.DELIVERY_PERMISSIONS``). A delivery the user cannot read answers 404; one they
can read but not answer, 403.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from cascade.core.documents import docx_response, file_name
from cascade.core.forms import form_errors
from cascade.core.models import localized
from cascade.core.scopes import can
from cascade.core.views import CheckInDeskView, CodeCheckInView, RecordDetailView, RecordListView

from . import documents, domain, filters, tables
from .choices import DIRECTIVE_TRANSITIONS, AttendeeRole, DirectiveStatus
from .domain import DELIVERY_PERMISSIONS
from .forms import CascadeForm, DirectiveStatusForm, IssueDirectiveForm, ProgressForm
from .models import (
    Arrangement,
    Attendee,
    AttendeeCheckIn,
    Conference,
    Directive,
    DirectiveRecipient,
    ProgressReport,
)


class ConferenceList(RecordListView):
    table_class = tables.ConferenceTable
    filterset_class = filters.ConferenceFilterSet


def _speech(speech) -> dict[str, Any]:
    return {
        "pk": speech.pk,
        "speaker": str(speech),
        "speaker_id": speech.speaker_id,
        "unit": speech.speaker_unit,
        "role": localized(speech, "role"),
        "title": localized(speech, "title"),
        "summary": localized(speech, "summary"),
    }


class ConferenceDetail(RecordDetailView):
    """The conference at a glance: speeches, attendance by category and role, agenda, arrangements."""

    model = Conference
    template_name = "conferences/conference_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("campaign", "secretariat")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        conference = self.object
        speeches = list(conference.speeches.select_related("speaker", "speaker_unit"))
        categories = list(conference.categories.all())
        attendees = list(conference.attendees.select_related("person", "category"))
        by_category: dict[int | None, list] = {}
        for attendee in attendees:
            by_category.setdefault(attendee.category_id, []).append(attendee)
        groups = []
        for category in [*categories, None]:
            members = by_category.get(category.pk if category else None, [])
            if not members:
                continue
            roles = []
            for role in AttendeeRole:
                people = [
                    {"pk": a.pk, "name": str(a.person), "post": localized(a.person, "post"), "seat": a.seat}
                    for a in members
                    if a.role == role
                ]
                if people:
                    roles.append({"label": role.label, "people": people})
            groups.append({"name": str(category) if category else _("Other attendees"), "roles": roles})
        context.update(
            {
                "conference": conference,
                "venue": localized(conference, "venue"),
                "convened_by": localized(conference, "convened_by"),
                "summary": localized(conference, "summary"),
                "principal": next((_speech(s) for s in speeches if s.is_principal), None),
                "speeches": [_speech(s) for s in speeches if not s.is_principal],
                "categories": [
                    {
                        "pk": c.pk,
                        "name": str(c),
                        "headcount": c.headcount,
                        "named": len(by_category.get(c.pk, [])),
                        "seating_block": c.seating_block,
                    }
                    for c in categories
                ],
                "attendee_groups": groups,
                "attendee_count": len(attendees),
                "agenda": _agenda_days(conference.agenda.all()),
                "arrangements": [
                    {"pk": a.pk, "theme": str(a), "text": localized(a, "text")}
                    for a in conference.arrangements.all()
                ],
                "editable": can(self.request.user, "conference.conference:write", conference),
                "may_check_in": domain.organises(self.request.user, conference),
                "may_issue": can(self.request.user, "conference.directive:issue"),
                "directives": Directive.objects.filter(conference=conference)
                .restrict(self.request.user, "read")
                .select_related("issued_by", "parent"),
            }
        )
        return context


def _agenda_days(items) -> list[dict[str, Any]]:
    """The agenda as days (in date order, undated items last), each with its sessions in order."""
    days: dict[Any, list] = {}
    for item in items:
        days.setdefault(item.date, []).append(
            {"pk": item.pk, "title": str(item), "description": localized(item, "description")}
        )
    order = sorted(days, key=lambda d: (d is None, d))
    return [{"date": d, "sessions": days[d]} for d in order]


class IssueDirectiveView(LoginRequiredMixin, View):
    """Send an arrangement of a conference down as a directive (``domain.issue_directive``)."""

    template_name = "common/record_form.html"

    def get_arrangement(self, request: HttpRequest, pk: int) -> Arrangement:
        arrangement = get_object_or_404(
            Arrangement.objects.restrict(request.user, "read").select_related("conference"), pk=pk
        )
        if not can(request.user, "conference.directive:issue"):
            raise PermissionDenied(_("You may not do this here."))
        return arrangement

    def render_form(self, request, arrangement, form, status=200) -> HttpResponse:
        context = {
            "form": form,
            "title": _("Issue as a directive: %(theme)s") % {"theme": arrangement},
            "cancel_url": reverse("conferences:conference_detail", args=[arrangement.conference_id]),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        arrangement = self.get_arrangement(request, pk)
        initial = {
            "title": arrangement.theme,
            "title_zh": arrangement.theme_zh,
            "text": arrangement.text,
            "text_zh": arrangement.text_zh,
            "issued_on": timezone.localdate(),
        }
        return self.render_form(request, arrangement, IssueDirectiveForm(initial=initial, user=request.user))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        arrangement = self.get_arrangement(request, pk)
        form = IssueDirectiveForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_form(request, arrangement, form, status=422)
        try:
            directive = form.issue(arrangement)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_form(request, arrangement, form, status=422)
        count = directive.deliveries.count()
        messages.success(
            request,
            ngettext("Directive issued to %(count)d unit.", "Directive issued to %(count)d units.", count)
            % {"count": count},
        )
        return redirect("conferences:directive_detail", pk=directive.pk)


class DirectiveList(RecordListView):
    table_class = tables.DirectiveTable
    filterset_class = filters.DirectiveFilterSet


class DeliveryList(RecordListView):
    """Every delivery of a directive the viewer may read: the rows the directive figures count."""

    table_class = tables.DeliveryListTable
    filterset_class = filters.DeliveryFilterSet

    def get_context_data(self, **context: Any) -> dict[str, Any]:
        context["title"] = _("Directive deliveries")
        return context


class DeliveryDetail(RecordDetailView):
    """One unit's copy of a directive: its answer, and the progress it reported."""

    model = DirectiveRecipient
    related = (("progress_reports", tables.ProgressReportTable),)

    def get_queryset(self):
        return super().get_queryset().select_related("directive", "unit")


def _allowed(user, deliveries, answer: str) -> set[int]:
    return set(deliveries.restrict(user, DELIVERY_PERMISSIONS[answer]).values_list("pk", flat=True))


class DirectiveDetail(RecordDetailView):
    """A directive, its deliveries (those the viewer may read) with their answers, and progress reports."""

    model = Directive
    template_name = "conferences/directive_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        directive = self.object
        readable = DirectiveRecipient.objects.filter(directive=directive).restrict(user, "read")
        allowed = {answer: _allowed(user, readable, answer) for answer in DELIVERY_PERMISSIONS}
        deliveries = []
        for delivery in tables.DeliveryTable.queryset(readable):
            can_write = delivery.pk in allowed["status"]
            deliveries.append(
                {
                    "delivery": delivery,
                    "can_acknowledge": delivery.pk in allowed["acknowledge"]
                    and delivery.status == DirectiveStatus.PENDING,
                    "can_cascade": delivery.pk in allowed["cascade"] and delivery.unit.numchild > 0,
                    "can_progress": delivery.pk in allowed["progress"],
                    "progress_form": ProgressForm(auto_id=f"id_progress_{delivery.pk}_%s"),
                    "next_statuses": [
                        (s, DirectiveStatus(s).label)
                        for s in DirectiveStatus.values
                        if can_write and s in DIRECTIVE_TRANSITIONS.get(delivery.status, ())
                    ],
                }
            )
        progress = ProgressReport.objects.filter(recipient__directive=directive).restrict(user, "read")
        context.update(
            {
                "directive": directive,
                "deliveries": deliveries,
                "delivery_headers": tables.DeliveryTable.headers(),
                "progress": tables.ProgressReportTable(tables.ProgressReportTable.queryset(progress)),
                "cascaded": tables.DirectiveTable(
                    tables.DirectiveTable.queryset(directive.cascaded.restrict(user, "read"))
                ),
            }
        )
        return context


class DeliveryAnswerView(LoginRequiredMixin, View):
    """Base for a recipient's answers: finds the delivery (404 out of scope, 403 without the permission)."""

    answer: ClassVar[str]
    http_method_names = ["post"]

    def get_delivery(self, request: HttpRequest, pk: int) -> DirectiveRecipient:
        readable = DirectiveRecipient.objects.restrict(request.user, "read").select_related(
            "directive", "unit"
        )
        delivery = get_object_or_404(readable, pk=pk)
        # What the page offers; the domain function checks the same permission when it writes.
        if not can(request.user, DELIVERY_PERMISSIONS[self.answer], delivery):
            raise PermissionDenied(_("You may not do this for this unit."))
        return delivery

    def get_form(self, request: HttpRequest, delivery: DirectiveRecipient):
        return None

    def perform(self, request: HttpRequest, delivery: DirectiveRecipient, form) -> str:
        raise NotImplementedError

    def done_url(self, delivery: DirectiveRecipient) -> str:
        return reverse("conferences:directive_detail", args=[delivery.directive_id])

    def invalid(self, request: HttpRequest, delivery: DirectiveRecipient, form) -> HttpResponse:
        messages.error(request, form_errors(form))
        return redirect(self.done_url(delivery))

    def refused(
        self, request: HttpRequest, delivery: DirectiveRecipient, form, exc: ValidationError
    ) -> HttpResponse:
        """The domain said no: tell the user why and go back to the directive."""
        messages.error(request, " ".join(exc.messages))
        return redirect(self.done_url(delivery))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = self.get_delivery(request, pk)
        form = self.get_form(request, delivery)
        if form is not None and not form.is_valid():
            return self.invalid(request, delivery, form)
        try:
            message = self.perform(request, delivery, form)
        except ValidationError as exc:
            return self.refused(request, delivery, form, exc)
        messages.success(request, message)
        return redirect(self.done_url(delivery))


class AcknowledgeView(DeliveryAnswerView):
    answer = "acknowledge"

    def perform(self, request, delivery, form) -> str:
        domain.acknowledge_directive(delivery=delivery, user=request.user)
        return _("%(unit)s acknowledged the directive.") % {"unit": delivery.unit}


class StatusView(DeliveryAnswerView):
    answer = "status"

    def get_form(self, request, delivery):
        return DirectiveStatusForm(request.POST)

    def perform(self, request, delivery, form) -> str:
        to = form.cleaned_data["to"]
        domain.set_directive_status(delivery=delivery, to=to, user=request.user)
        return _("The directive is now “%(status)s” for %(unit)s.") % {
            "status": DirectiveStatus(to).label,
            "unit": delivery.unit,
        }


class ProgressView(DeliveryAnswerView):
    answer = "progress"

    def get_form(self, request, delivery):
        return ProgressForm(request.POST)

    def perform(self, request, delivery, form) -> str:
        domain.report_progress(
            delivery=delivery,
            text=form.cleaned_data["text"],
            percent_done=form.cleaned_data["percent_done"],
            reported_on=form.cleaned_data["reported_on"],
            user=request.user,
        )
        return _("Progress reported for %(unit)s.") % {"unit": delivery.unit}


class CascadeView(DeliveryAnswerView):
    """Pass the directive on to the recipient's children; GET shows the form to choose them."""

    answer = "cascade"
    http_method_names = ["get", "post"]
    template_name = "conferences/cascade.html"

    def get_form(self, request, delivery):
        return CascadeForm(request.POST, unit=delivery.unit)

    def render_form(self, request, delivery, form) -> HttpResponse:
        title = _("Pass on: %(directive)s") % {"directive": delivery.directive}
        context = {"delivery": delivery, "form": form, "title": title}
        return render(request, self.template_name, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = self.get_delivery(request, pk)
        return self.render_form(request, delivery, CascadeForm(unit=delivery.unit))

    def invalid(self, request, delivery, form) -> HttpResponse:
        return self.render_form(request, delivery, form)

    def refused(self, request, delivery, form, exc) -> HttpResponse:
        form.add_error(None, exc)
        return self.render_form(request, delivery, form)

    def perform(self, request, delivery, form) -> str:
        chosen = list(form.cleaned_data["recipients"])
        cascaded = domain.cascade_directive(
            delivery=delivery,
            recipients=chosen or None,
            deadline=form.cleaned_data["deadline"],
            user=request.user,
        )
        count = cascaded.deliveries.count()
        return ngettext("Passed on to %(count)d unit.", "Passed on to %(count)d units.", count) % {
            "count": count
        }


def chosen_day(request: HttpRequest, conference: Conference) -> date:
    """``?day=`` if it is a day of the conference, else today if it is one, else its first day."""
    days = domain.conference_days(conference)
    try:
        day = date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    return day if day in days else (timezone.localdate() if timezone.localdate() in days else days[0])


class ConferenceCheckInDesk(CheckInDeskView):
    """A conference day's check-in desk (the day's QR code, arrivals, marking by hand) and, with
    ``sheet=True``, its printable sign-in sheet: the named attendees by category."""

    def get_occasion(self, request: HttpRequest, pk: int) -> tuple[Conference, date]:
        conference = get_object_or_404(
            Conference.objects.restrict(request.user, "read").select_related("secretariat"), pk=pk
        )
        if not domain.organises(request.user, conference):
            raise PermissionDenied(_("You may not do this here."))
        return conference, chosen_day(request, conference)

    def describe(self, occasion: tuple[Conference, date]) -> dict[str, Any]:
        conference, day = occasion
        here = reverse("conferences:conference_checkin", args=[conference.pk])
        days = domain.conference_days(conference)
        query = f"?day={day.isoformat()}"
        return {
            "occasion": str(conference),
            "subtitle": f"{formats.date_format(day)} · {localized(conference, 'venue')}",
            "day": day,
            "back_url": reverse("conferences:conference_detail", args=[conference.pk]),
            "desk_url": here + query,
            "sheet_url": reverse("conferences:conference_sheet", args=[conference.pk]) + query,
            "code_path": reverse("conferences:conference_code", args=[domain.day_code(conference, day)]),
            "days": [
                {"label": formats.date_format(d), "url": f"{here}?day={d.isoformat()}", "active": d == day}
                for d in days
            ]
            if len(days) > 1
            else [],
        }

    def arrivals(self, occasion: tuple[Conference, date]) -> list[dict[str, Any]]:
        conference, day = occasion
        check_ins = (
            AttendeeCheckIn.objects.restrict(self.request.user, "read")
            .filter(attendee__conference=conference, date=day)
            .select_related("attendee__person", "attendee__category")
        )
        return [
            {
                "pk": c.pk,
                "person": c.attendee_id,
                "name": str(c.attendee.person),
                "detail": str(c.attendee.category) if c.attendee.category else "",
                "at": timezone.localtime(c.checked_in_at),
                "method": c.get_method_display(),
            }
            for c in check_ins
        ]

    def expected(self, occasion: tuple[Conference, date]) -> list[tuple[Any, str, str, str]]:
        attendees = (
            Attendee.objects.restrict(self.request.user, "read")
            .filter(conference=occasion[0])
            .select_related("person", "category")
            .order_by("category__order", "category__pk", "order", "pk")
        )
        other = _("Other attendees")
        return [
            (a.pk, str(a.person), localized(a.person, "post"), str(a.category) if a.category else other)
            for a in attendees
        ]

    def mark(self, occasion: tuple[Conference, date], pk: int | None, user) -> str:
        conference, day = occasion
        attendee = conference.attendees.select_related("person").filter(pk=pk).first()
        if attendee is None:
            raise ValidationError(_("Choose one of the conference's attendees."))
        _row, created = domain.mark_present(attendee=attendee, day=day, user=user)
        return (_("Marked present: %(person)s.") if created else _("Already checked in: %(person)s.")) % {
            "person": attendee.person
        }

    def undo(self, occasion: tuple[Conference, date], pk: int | None, user) -> str:
        conference, day = occasion
        check_in = (
            AttendeeCheckIn.objects.filter(attendee__conference=conference, date=day, pk=pk)
            .select_related("attendee__person", "attendee__conference__secretariat")
            .first()
        )
        if check_in is None:
            return _("That check-in had already been taken back.")
        domain.undo_check_in(check_in=check_in, user=user)
        return _("Check-in taken back: %(person)s.") % {"person": check_in.attendee.person}


class ConferenceCodeCheckIn(CodeCheckInView):
    def who(self, *, code: str, user) -> tuple[str, Any]:
        attendee, day = domain.who_checks_in(code=code, user=user)
        return f"{attendee.conference} · {formats.date_format(day)}", attendee.person

    def check_in(self, *, code: str, user) -> tuple[str, bool]:
        check_in, created = domain.check_in_by_code(code=code, user=user)
        return f"{check_in.attendee.conference} · {formats.date_format(check_in.date)}", created


class DirectiveNotice(LoginRequiredMixin, View):
    """A directive's notice as a Word file, naming the recipients the reader may see."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        directive = get_object_or_404(
            Directive.objects.restrict(request.user, "read").select_related(
                "issued_by", "conference", "arrangement", "campaign", "parent"
            ),
            pk=pk,
        )
        deliveries = (
            DirectiveRecipient.objects.restrict(request.user, "read")
            .filter(directive=directive)
            .select_related("unit")
            .order_by("unit__path")
        )
        document = documents.directive_notice(directive=directive, recipients=[d.unit for d in deliveries])
        return docx_response(
            document, name=file_name(_("Notice"), localized(directive, "title"), extension="docx")
        )
