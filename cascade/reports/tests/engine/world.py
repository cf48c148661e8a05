"""A small world of units and records that tests change at random, one operation at a time.

Operations are (name, a, b, c, d) tuples of small integers, picked by index modulo what
exists, so that any list of them can be applied (and hypothesis can shrink it). They go
through every write path the engine must follow: ORM saves and deletes, ``QuerySet.update``,
treebeard moves (with sibling shifts), the domain's moves and workflow transitions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from cascade.access.choices import Role
from cascade.access.models import RoleAssignment
from cascade.access.tests.factories import UserFactory
from cascade.campaigns.choices import (
    Cohort,
    OutreachKind,
    RectificationSource,
    RectificationStatus,
    SessionLength,
    StudyKind,
)
from cascade.campaigns.domain import transition_rectification
from cascade.campaigns.models import (
    AdoptedMeasure,
    Campaign,
    CampaignScope,
    FieldVisit,
    OutreachEvent,
    RectificationItem,
    ResearchTopic,
    SteeringAssignment,
    SteeringGroup,
    SteeringGroupMember,
    StudyActivity,
    StudyAttendance,
    StudySession,
    SupervisionVisit,
)
from cascade.conferences.choices import DirectiveStatus
from cascade.conferences.models import Attendee, Conference, Directive, DirectiveRecipient
from cascade.core.scopes import SYSTEM
from cascade.organization.domain import move_unit
from cascade.organization.models import Person, Unit
from cascade.reports.models import VALUE_COLUMNS

DAYS = [
    None,
    dt.date(2023, 4, 3),
    dt.date(2023, 4, 28),
    dt.date(2023, 4, 30),
    dt.date(2023, 5, 1),
    dt.date(2023, 5, 17),
    dt.date(2023, 5, 31),
    dt.date(2023, 6, 1),
    dt.date(2023, 7, 14),
]
PERIODS = [
    None,
    (dt.date(2023, 4, 15), dt.date(2023, 6, 10)),
    (dt.date(2023, 5, 1), dt.date(2023, 5, 31)),
    (None, dt.date(2023, 4, 30)),
    (dt.date(2023, 5, 2), None),
    (dt.date(2023, 4, 28), dt.date(2023, 4, 28)),
]
AS_OF = dt.date(2023, 6, 1)
OPS = (
    "unit.add",
    "unit.move",
    "unit.shift",
    "unit.delete",
    "study.add",
    "study.session",
    "study.attend",
    "study.update",
    "study.delete",
    "topic.add",
    "topic.measure",
    "fieldvisit.add",
    "group.add",
    "group.member",
    "group.assign",
    "group.unassign",
    "group.update",
    "supervision.add",
    "rectification.add",
    "rectification.move",
    "rectification.update",
    "outreach.add",
    "conference.add",
    "conference.attend",
    "directive.add",
    "directive.deliver",
    "directive.status",
    "directive.deadline",
    "record.delete",
    "drain",
)


def _day(i: int, *, dated: bool = False) -> dt.date | None:
    days = DAYS[1:] if dated else DAYS
    return days[i % len(days)]


class World:
    def __init__(self) -> None:
        self.n = 0
        root = Unit.objects.add_root({"name": "Root"})
        a = self._child(root)
        b = self._child(root)
        self._child(a)
        self._child(a)
        b1 = self._child(b)
        self.root = Unit.objects.get(pk=root.pk)
        self.people = [Person.objects.create(name=f"Person {i}") for i in range(3)]
        self.campaigns = [
            Campaign.objects.create(slug="c1", title="C1", office=self.root, start_date=DAYS[1]),
            Campaign.objects.create(slug="c2", title="C2", office=self.root, start_date=DAYS[1]),
        ]
        CampaignScope.objects.create(campaign=self.campaigns[0], unit=Unit.objects.get(pk=a.pk))
        CampaignScope.objects.create(
            campaign=self.campaigns[0], unit=Unit.objects.get(pk=b1.pk), include_descendants=False
        )
        CampaignScope.objects.create(campaign=self.campaigns[1], unit=self.root)

    # --- helpers ----------------------------------------------------------------------

    def _child(self, parent: Unit) -> Unit:
        self.n += 1
        return Unit.objects.add_child(Unit.objects.get(pk=parent.pk), {"name": f"Unit {self.n}"})

    def units(self) -> list[Unit]:
        return list(Unit.objects.order_by("pk"))

    def unit(self, i: int) -> Unit:
        units = self.units()
        return units[i % len(units)]

    def campaign(self, i: int) -> Campaign | None:
        return [None, *self.campaigns][i % 3]

    @staticmethod
    def pick(model, i: int):
        rows = list(model.objects.order_by("pk").values_list("pk", flat=True))
        return model.objects.get(pk=rows[i % len(rows)]) if rows else None

    def users(self) -> list:
        """Viewers with different scopes: a clerk of a subtree, of one unit alone, a steering member."""
        units = self.units()
        clerk, alone, member = UserFactory(), UserFactory(), UserFactory()
        RoleAssignment.objects.create(
            user=clerk, role=Role.UNIT_CLERK, unit=units[1 % len(units)], include_descendants=True
        )
        RoleAssignment.objects.create(
            user=alone, role=Role.UNIT_CLERK, unit=units[1 % len(units)], include_descendants=False
        )
        group = SteeringGroup.objects.order_by("pk").first()
        viewers = [clerk, alone]
        if group is not None:
            RoleAssignment.objects.create(
                user=member, role=Role.STEERING_MEMBER, unit=None, steering_group=group
            )
            viewers.append(member)
        return viewers

    # --- operations -------------------------------------------------------------------

    def apply(self, op: tuple[int, int, int, int, int]) -> None:
        name = OPS[op[0] % len(OPS)]
        with transaction.atomic():
            getattr(self, "op_" + name.replace(".", "_"))(*op[1:])

    def op_unit_add(self, a, b, c, d):
        self._child(self.unit(a))

    def op_unit_move(self, a, b, c, d):
        unit, parent = self.unit(a), self.unit(b)
        if unit.depth == 1 or parent.path.startswith(unit.path) or unit.path[:-4] == parent.path:
            return
        if Unit.objects.get_children(parent).filter(name=unit.name).exists():
            return
        move_unit(user=SYSTEM, unit=unit, new_parent=parent)

    def op_unit_shift(self, a, b, c, d):
        """A treebeard move that shifts siblings: before a sibling, or first child."""
        unit, target = self.unit(a), self.unit(b)
        if unit.depth == 1 or target.depth == 1 or target.path.startswith(unit.path):
            return
        pos = "left" if c % 2 else "first-child"
        parent_path = target.path[:-4] if pos == "left" else target.path
        if Unit.objects.filter(parent_path=parent_path, name=unit.name).exclude(pk=unit.pk).exists():
            return
        Unit.objects.move(unit, target, pos=pos)

    def op_unit_delete(self, a, b, c, d):
        unit = self.unit(a)
        if unit.depth == 1:
            return
        try:
            with transaction.atomic():
                Unit.objects.get(pk=unit.pk).delete()
        except ProtectedError:
            pass

    def op_study_add(self, a, b, c, d):
        kind = list(StudyKind)[b % len(StudyKind)]
        cohort = [Cohort.ROUND, Cohort.BATCH, ""][d % 3] if kind == StudyKind.READING_CLASS else ""
        StudyActivity.objects.create(
            unit=self.unit(a),
            campaign=self.campaign(c),
            kind=kind,
            title="Activity",
            cohort=cohort,
            cohort_number=1 if cohort else None,
            start_date=_day(c + d),
        )

    def op_study_session(self, a, b, c, d):
        if activity := self.pick(StudyActivity, a):
            length = [SessionLength.DAY, SessionLength.HALF_DAY][b % 2]
            StudySession.objects.create(activity=activity, date=_day(c, dated=True), length=length, hours=3)

    def op_study_attend(self, a, b, c, d):
        activity, person = self.pick(StudyActivity, a), self.people[b % 3]
        if activity and not StudyAttendance.objects.filter(activity=activity, person=person).exists():
            StudyAttendance.objects.create(activity=activity, person=person, hours=Decimal("3.5") * (c % 3))

    def op_study_update(self, a, b, c, d):
        if activity := self.pick(StudyActivity, a):
            changes = [
                {"unit": self.unit(b)},
                {"campaign": self.campaign(b)},
                {"start_date": _day(b)},
                {"kind": StudyKind.SEMINAR, "cohort": "", "cohort_number": None},
            ][c % 4]
            StudyActivity.objects.filter(pk=activity.pk).update(**changes)

    def op_study_delete(self, a, b, c, d):
        if activity := self.pick(StudyActivity, a):
            activity.delete()

    def op_topic_add(self, a, b, c, d):
        self.n += 1
        ResearchTopic.objects.create(
            unit=self.unit(a), campaign=self.campaign(b), title=f"Topic {self.n}", started_on=_day(c)
        )

    def op_topic_measure(self, a, b, c, d):
        if topic := self.pick(ResearchTopic, a):
            AdoptedMeasure.objects.create(topic=topic, description="Measure", adopted_on=_day(b))

    def op_fieldvisit_add(self, a, b, c, d):
        FieldVisit.objects.create(
            unit=self.unit(a),
            campaign=self.campaign(b),
            visited="Site",
            date=_day(c, dated=True),
            unannounced=bool(d % 2),
        )

    def op_group_add(self, a, b, c, d):
        self.n += 1
        campaign = self.campaigns[b % 2]
        SteeringGroup.objects.create(
            campaign=campaign, unit=self.unit(a), number=self.n, name=f"Group {self.n}", sent_on=_day(c)
        )

    def op_group_member(self, a, b, c, d):
        group, person = self.pick(SteeringGroup, a), self.people[b % 3]
        if group and not SteeringGroupMember.objects.filter(group=group, person=person).exists():
            SteeringGroupMember.objects.create(group=group, person=person)

    def op_group_assign(self, a, b, c, d):
        group, unit = self.pick(SteeringGroup, a), self.unit(b)
        if group and not SteeringAssignment.objects.filter(group=group, unit=unit).exists():
            SteeringAssignment.objects.create(group=group, unit=unit)

    def op_group_unassign(self, a, b, c, d):
        if assignment := self.pick(SteeringAssignment, a):
            assignment.delete()

    def op_group_update(self, a, b, c, d):
        if group := self.pick(SteeringGroup, a):
            changes = [{"unit": self.unit(b)}, {"campaign": self.campaigns[b % 2]}, {"sent_on": _day(b)}][
                c % 3
            ]
            SteeringGroup.objects.filter(pk=group.pk).update(**changes)

    def op_supervision_add(self, a, b, c, d):
        if group := self.pick(SteeringGroup, a):
            SupervisionVisit.objects.create(group=group, unit=self.unit(b), date=_day(c, dated=True))

    def op_rectification_add(self, a, b, c, d):
        opened = _day(c, dated=True)
        RectificationItem.objects.create(
            unit=self.unit(a),
            campaign=self.campaign(b),
            problem="Problem",
            source=RectificationSource.INSPECTION,
            opened_on=opened,
            deadline=None if d % 4 == 0 else opened + dt.timedelta(days=7 * (d % 5)),
        )

    def op_rectification_move(self, a, b, c, d):
        if item := self.pick(RectificationItem, a):
            targets = {
                RectificationStatus.OPEN: [RectificationStatus.IN_PROGRESS, RectificationStatus.SUBMITTED],
                RectificationStatus.IN_PROGRESS: [RectificationStatus.SUBMITTED],
                RectificationStatus.SUBMITTED: [
                    RectificationStatus.VERIFIED,
                    RectificationStatus.IN_PROGRESS,
                ],
                RectificationStatus.VERIFIED: [RectificationStatus.REOPENED],
                RectificationStatus.REOPENED: [RectificationStatus.SUBMITTED],
            }[item.status]
            day = max(_day(c, dated=True), item.opened_on)
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
            transition_rectification(
                user=SYSTEM, item=item, to=targets[b % len(targets)], person=self.people[2], at=at
            )

    def op_rectification_update(self, a, b, c, d):
        if item := self.pick(RectificationItem, a):
            deadline = item.opened_on + dt.timedelta(days=5 * (b % 6))
            RectificationItem.objects.filter(pk=item.pk).update(deadline=deadline, campaign=self.campaign(c))

    def op_outreach_add(self, a, b, c, d):
        OutreachEvent.objects.create(
            unit=self.unit(a),
            campaign=self.campaign(b),
            kind=list(OutreachKind)[d % len(OutreachKind)],
            title="Event",
            start_date=_day(c, dated=True),
            participants=10 * (d % 4),
        )

    def op_conference_add(self, a, b, c, d):
        self.n += 1
        day = _day(c, dated=True)
        Conference.objects.create(
            slug=f"conference-{self.n}",
            title="Conference",
            start_date=day,
            end_date=day,
            venue="Beijing",
            secretariat=None if d % 5 == 0 else self.unit(a),
            campaign=self.campaign(b),
        )

    def op_conference_attend(self, a, b, c, d):
        conference, person = self.pick(Conference, a), self.people[b % 3]
        if conference and not Attendee.objects.filter(conference=conference, person=person).exists():
            Attendee.objects.create(conference=conference, person=person)

    def op_directive_add(self, a, b, c, d):
        issued = _day(c, dated=True)
        directive = Directive.objects.create(
            title="Directive",
            issued_by=self.root,
            campaign=self.campaigns[b % 2],
            issued_on=issued,
            deadline=issued + dt.timedelta(days=10 * (d % 4)),
        )
        DirectiveRecipient.objects.create(directive=directive, unit=self.unit(a))

    def op_directive_deliver(self, a, b, c, d):
        directive, unit = self.pick(Directive, a), self.unit(b)
        if directive and not DirectiveRecipient.objects.filter(directive=directive, unit=unit).exists():
            DirectiveRecipient.objects.create(directive=directive, unit=unit)

    def op_directive_status(self, a, b, c, d):
        if delivery := self.pick(DirectiveRecipient, a):
            status = list(DirectiveStatus)[b % 4]
            done = _day(c, dated=True) if status == DirectiveStatus.DONE else None
            acknowledged = None if status == DirectiveStatus.PENDING else timezone.now()
            DirectiveRecipient.objects.filter(pk=delivery.pk).update(
                status=status, completed_on=done, acknowledged_at=acknowledged
            )

    def op_directive_deadline(self, a, b, c, d):
        if directive := self.pick(Directive, a):
            issued = _day(c, dated=True)
            Directive.objects.filter(pk=directive.pk).update(
                issued_on=issued, deadline=issued + dt.timedelta(days=10 * (b % 5))
            )

    def op_record_delete(self, a, b, c, d):
        model = [
            StudySession,
            ResearchTopic,
            SteeringGroup,
            SupervisionVisit,
            RectificationItem,
            Conference,
            Directive,
        ][b % 7]
        if row := self.pick(model, a):
            row.delete()

    def op_drain(self, a, b, c, d):
        from cascade.reports.engine import drain

        drain()


def stored() -> dict:
    """The engine's own and subtree figures, without zero rows."""
    out = {}
    with connection.cursor() as cursor:
        for table, key in (
            ("reports_unitfigure", "family, key, unit_id, ckey, series, day, due"),
            ("reports_rollupfigure", "unit_id, ckey, series, grain, bucket, due"),
        ):
            nonzero = " OR ".join(f"{v} <> 0" for v in VALUE_COLUMNS)
            cursor.execute(f"SELECT {key}, {', '.join(VALUE_COLUMNS)} FROM {table} WHERE {nonzero}")
            width = len(key.split(", "))
            out[table] = sorted(
                (tuple(str(x) for x in row[:width]), tuple(int(v) for v in row[width:]))
                for row in cursor.fetchall()
            )
        cursor.execute("SELECT unit_id, ancestor_id, distance FROM reports_unitancestor")
        out["reports_unitancestor"] = sorted(cursor.fetchall())
        cursor.execute("SELECT unit_id FROM reports_grainedunit")
        out["reports_grainedunit"] = sorted(cursor.fetchall())
    return out
