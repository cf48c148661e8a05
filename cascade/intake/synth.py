"""Synthetic data for scale work: a realistic tree and records of every kind, through the bulk path.

The tree hangs under its own root ("Synthetic campaign office") so it never mixes with real
units: central bodies → departments → units → committees ..., uneven fan-out, depth 4-7.
Paths are computed here the way treebeard computes them (fixed-width steps), so the tree
is a valid ``MP_Node`` tree without one query per node. Records of every kind the figures
count are spread over the units, more of them on the lower levels, dated within the
campaign: study activities with sessions and attendance, research topics and the measures
they led to, field visits, steering groups with members, assigned units and visits,
rectification items with their history, outreach, conferences with attendees, directives
delivered to units. Most belong to the synthetic campaign, some to a second one, a few to
none. Rows go in through ``bulk.load`` (COPY / executemany); the figures are rebuilt at
the end.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from cascade.campaigns.choices import (
    Cohort,
    GroupRole,
    OutreachKind,
    RectificationSource,
    RectificationStatus,
    SessionLength,
    StudyKind,
)
from cascade.campaigns.models import (
    AdoptedMeasure,
    Campaign,
    CampaignScope,
    FieldVisit,
    OutreachEvent,
    RectificationEvent,
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
from cascade.core.tree import ALPHABET, STEPLEN
from cascade.organization.choices import UnitKind
from cascade.organization.models import Person, Unit

from . import bulk

ROOT_NAME = "Synthetic campaign office"
CAMPAIGN_SLUG = "synthetic"
OTHER_CAMPAIGN_SLUG = "synthetic-follow-up"
START = date(2024, 3, 1)
DAYS = 180

# (kind, fan-out range) by depth: the root has a few dozen central bodies, then fewer
# children per node the deeper it goes; leaves appear from depth 4 on.
LEVELS = [
    (UnitKind.CENTRAL_BODY, (20, 40)),
    (UnitKind.DEPARTMENT, (4, 30)),
    (UnitKind.BUREAU, (2, 20)),
    (UnitKind.AFFILIATED_UNIT, (0, 14)),
    (UnitKind.PARTY_COMMITTEE, (0, 10)),
    (UnitKind.PARTY_COMMITTEE, (0, 6)),
]
MAX_DEPTH = 7

# Share of the records of each table (the rest of the rows: groups, members, conferences).
SHARES = {
    "activities": 0.27,
    "sessions": 0.20,
    "attendance": 0.13,
    "topics": 0.05,
    "measures": 0.03,
    "field_visits": 0.04,
    "assignments": 0.03,
    "visits": 0.03,
    "rectification": 0.08,
    "events": 0.02,
    "outreach": 0.08,
    "deliveries": 0.04,
}


def _step(n: int) -> str:
    digits = []
    for _ in range(STEPLEN):
        n, rest = divmod(n, len(ALPHABET))
        digits.append(ALPHABET[rest])
    return "".join(reversed(digits))


@dataclass
class Progress:
    """What a caller (the CLI's progress bar) is told as the work goes on."""

    on_step: Callable[[str, int, int], None] = lambda label, done, total: None


def _next_root_path() -> str:
    last = Unit.objects.filter(depth=1).order_by("-path").values_list("path", flat=True).first()
    position = 0
    if last:
        for char in last:
            position = position * len(ALPHABET) + ALPHABET.index(char)
    return _step(position + 1)


Tree = list[tuple[int, str, int]]  # (id, path, depth)


def build_tree(*, units: int, rng: random.Random, progress: Progress) -> Tree:
    """Insert ``units`` units (the synthetic root included); return (id, path, depth) of each."""
    if Unit.objects.filter(depth=1, name=ROOT_NAME).exists():
        raise ValueError(f"A synthetic tree already exists (root “{ROOT_NAME}”); drop the database first.")
    root_path = _next_root_path()
    rows: list[tuple[str, int, str, UnitKind]] = [(root_path, 1, ROOT_NAME, UnitKind.COMMISSION_OFFICE)]
    numchild: dict[str, int] = {}
    queue = deque([(root_path, 1)])
    while len(rows) < units and queue:
        path, depth = queue.popleft()
        if depth >= MAX_DEPTH:
            continue
        kind, (low, high) = LEVELS[min(depth - 1, len(LEVELS) - 1)]
        fanout = min(rng.randint(low, high), units - len(rows))
        for i in range(1, fanout + 1):
            child = path + _step(i)
            rows.append((child, depth + 1, f"{kind.label.capitalize()} {child}", kind))
            queue.append((child, depth + 1))
        numchild[path] = fanout
        if not queue and len(rows) < units:  # every branch ended early: grow again from the leaves
            queue.extend((p, d) for p, d, _n, _k in rows if d < MAX_DEPTH and numchild.get(p, 0) == 0)
    ids = bulk.next_ids(Unit, len(rows))
    tree = [(pk, p, d) for pk, (p, d, _n, _k) in zip(ids, rows, strict=True)]
    bulk.load(
        Unit,
        ["id", "path", "depth", "numchild", "name", "kind"],
        ((pk, p, d, numchild.get(p, 0), n, k.value) for pk, (p, d, n, k) in zip(ids, rows, strict=True)),
        on_chunk=lambda n: progress.on_step("units", n, len(rows)),
    )
    return tree


class Builder:
    """Writes the records over a tree, table by table, each through ``bulk.load``."""

    def __init__(
        self, *, tree: Tree, records: int, campaigns: list[Campaign], rng: random.Random, progress: Progress
    ):
        self.tree = tree
        self.rng = rng
        self.progress = progress
        self.counts = {name: int(records * share) for name, share in SHARES.items()}
        self.counts["activities"] += records - sum(self.counts.values())
        self.campaigns = campaigns
        # Deeper units do most of the work: weight each unit by its depth.
        self.weighted = [pk for pk, _path, depth in tree for _ in range(depth)]
        self.path_of = {pk: path for pk, path, _d in tree}
        self.written: dict[str, int] = {}
        self.now = bulk.moment(timezone.now())

    def unit(self) -> int:
        return self.weighted[self.rng.randrange(len(self.weighted))]

    def day(self) -> date:
        return START + timedelta(days=self.rng.randrange(DAYS))

    def campaign(self) -> int | None:
        """Mostly the synthetic campaign, sometimes the follow-up one, now and then none."""
        roll = self.rng.random()
        return self.campaigns[0].pk if roll < 0.85 else self.campaigns[1].pk if roll < 0.95 else None

    def load(self, name: str, model, columns: list[str], rows, total: int) -> range:
        ids = bulk.next_ids(model, total)
        bulk.load(
            model,
            ["id", *columns],
            ((pk, *row) for pk, row in zip(ids, rows, strict=False)),
            on_chunk=lambda n: self.progress.on_step(name, n, total),
        )
        self.written[name] = total
        return ids

    def people(self) -> range:
        total = max(100, sum(self.counts.values()) // 100)
        return self.load(
            "people", Person, ["name"], ((f"Synthetic person {i}",) for i in range(total)), total
        )

    def build(self) -> dict[str, int]:
        rng, people = self.rng, self.people()
        kinds = [k.value for k in StudyKind]

        def activities():
            for i in range(self.counts["activities"]):
                kind = kinds[i % len(kinds)]
                cohort = (
                    rng.choice([Cohort.ROUND, Cohort.BATCH, ""]) if kind == StudyKind.READING_CLASS else ""
                )
                yield (
                    self.campaign(),
                    self.unit(),
                    kind,
                    f"Synthetic {kind} {i}",
                    cohort,
                    rng.randint(1, 5) if cohort else None,
                    self.day(),
                )

        activity_ids = self.load(
            "study activities",
            StudyActivity,
            ["campaign_id", "unit_id", "kind", "title", "cohort", "cohort_number", "start_date"],
            activities(),
            self.counts["activities"],
        )

        def sessions():
            for _i in range(self.counts["sessions"]):
                half = rng.random() < 0.6
                yield (
                    activity_ids[rng.randrange(len(activity_ids))],
                    self.day(),
                    SessionLength.HALF_DAY if half else SessionLength.DAY,
                    3.5 if half else 7,
                )

        self.load(
            "study sessions",
            StudySession,
            ["activity_id", "date", "length", "hours"],
            sessions(),
            self.counts["sessions"],
        )

        def attendance():
            # Distinct people per activity: consecutive people from a random start.
            left, i = self.counts["attendance"], 0
            while left > 0:
                activity = activity_ids[i % len(activity_ids)]
                size = min(left, rng.randint(1, 12), len(people))
                start = rng.randrange(len(people))
                for k in range(size):
                    yield (activity, people[(start + k) % len(people)], 3.5 * rng.randint(0, 4))
                left -= size
                i += 1

        self.load(
            "attendance",
            StudyAttendance,
            ["activity_id", "person_id", "hours"],
            attendance(),
            self.counts["attendance"],
        )

        topic_ids = self.load(
            "research topics",
            ResearchTopic,
            ["campaign_id", "unit_id", "title", "started_on"],
            (
                (self.campaign(), self.unit(), f"Synthetic topic {i}", self.day())
                for i in range(self.counts["topics"])
            ),
            self.counts["topics"],
        )
        self.load(
            "measures adopted",
            AdoptedMeasure,
            ["topic_id", "description", "adopted_on"],
            (
                (topic_ids[rng.randrange(len(topic_ids))], "Synthetic measure", self.day())
                for _i in range(self.counts["measures"])
            ),
            self.counts["measures"],
        )
        self.load(
            "field visits",
            FieldVisit,
            ["campaign_id", "unit_id", "visited", "date", "unannounced"],
            (
                (self.campaign(), self.unit(), f"Synthetic site {i}", self.day(), rng.random() < 0.5)
                for i in range(self.counts["field_visits"])
            ),
            self.counts["field_visits"],
        )
        self.steering(people)
        self.rectification(people)
        outreach_kinds = [k.value for k in OutreachKind]
        self.load(
            "outreach events",
            OutreachEvent,
            ["campaign_id", "unit_id", "kind", "title", "start_date", "participants"],
            (
                (
                    self.campaign(),
                    self.unit(),
                    outreach_kinds[i % len(outreach_kinds)],
                    f"Synthetic event {i}",
                    self.day(),
                    rng.randint(5, 200),
                )
                for i in range(self.counts["outreach"])
            ),
            self.counts["outreach"],
        )
        self.conferences(people)
        return self.written

    def steering(self, people: range) -> None:
        """Five groups per central body; each supervises units of its body's subtree (a few two groups)."""
        rng = self.rng
        bodies = [(pk, path) for pk, path, depth in self.tree if depth == 2] or [self.tree[0][:2]]
        groups = [(body, path, n) for body, path in bodies for n in range(1, 6)]
        group_ids = self.load(
            "steering groups",
            SteeringGroup,
            ["campaign_id", "unit_id", "number", "name", "roving"],
            (
                (self.campaigns[0].pk, body, n, f"Steering group {n} of {path}", True)
                for body, path, n in groups
            ),
            len(groups),
        )

        def members():
            for gid in group_ids:
                start = rng.randrange(len(people))
                for k in range(rng.randint(3, 7)):
                    yield (
                        gid,
                        people[(start + k) % len(people)],
                        GroupRole.LEADER if k == 0 else GroupRole.MEMBER,
                    )

        rows = list(members())
        self.load(
            "steering group members", SteeringGroupMember, ["group_id", "person_id", "role"], rows, len(rows)
        )
        by_body: dict[str, list[int]] = {}
        for gid, (_body, path, _n) in zip(group_ids, groups, strict=True):
            by_body.setdefault(path, []).append(gid)
        below = [(pk, path[: 2 * STEPLEN]) for pk, path, depth in self.tree if depth > 2]
        rng.shuffle(below)
        pairs: list[tuple[int, int]] = []
        for pk, body in below:
            if len(pairs) >= self.counts["assignments"]:
                break
            options = by_body[body]
            twice = rng.random() < 0.05 and len(pairs) + 2 <= self.counts["assignments"]
            pairs += [(gid, pk) for gid in rng.sample(options, 2 if twice else 1)]
        self.load("assigned units", SteeringAssignment, ["group_id", "unit_id"], pairs, len(pairs))
        self.load(
            "supervision visits",
            SupervisionVisit,
            ["group_id", "unit_id", "date"],
            (
                pairs[rng.randrange(len(pairs))] + (self.day(),)
                for _i in range(self.counts["visits"] if pairs else 0)
            ),
            self.counts["visits"] if pairs else 0,
        )

    def rectification(self, people: range) -> None:
        rng = self.rng
        statuses = [s.value for s in RectificationStatus if s != RectificationStatus.REOPENED]
        items, verified = [], []
        for i in range(self.counts["rectification"]):
            opened = self.day()
            status = rng.choice(statuses)
            closed = status == RectificationStatus.VERIFIED
            at = opened + timedelta(days=rng.randint(1, 60))
            items.append(
                (
                    self.campaign(),
                    self.unit(),
                    f"Synthetic problem {i}",
                    RectificationSource.SELF_EXAMINATION,
                    opened,
                    opened + timedelta(days=rng.randint(14, 90)),
                    status,
                    people[rng.randrange(len(people))] if closed else None,
                    bulk.moment(timezone.make_aware(datetime.combine(at, time(10)))) if closed else None,
                )
            )
            verified.append(at if closed else None)
        item_ids = self.load(
            "rectification items",
            RectificationItem,
            [
                "campaign_id",
                "unit_id",
                "problem",
                "source",
                "opened_on",
                "deadline",
                "status",
                "verified_by_id",
                "verified_at",
            ],
            items,
            len(items),
        )
        events = [
            (
                pk,
                RectificationStatus.SUBMITTED,
                RectificationStatus.VERIFIED,
                bulk.moment(timezone.make_aware(datetime.combine(at, time(10)))),
            )
            for pk, at in zip(item_ids, verified, strict=True)
            if at is not None
        ][: self.counts["events"]]
        self.load(
            "rectification history",
            RectificationEvent,
            ["item_id", "from_status", "to_status", "at"],
            events,
            len(events),
        )

    def conferences(self, people: range) -> None:
        """Three work conferences at the root, each with attendees and directives delivered to units."""
        rng, root = self.rng, self.tree[0][0]
        conference_ids = self.load(
            "conferences",
            Conference,
            ["slug", "title", "start_date", "end_date", "venue", "secretariat_id", "campaign_id"],
            (
                (
                    f"synthetic-conference-{i}",
                    f"Synthetic work conference {i}",
                    START + timedelta(days=60 * i),
                    START + timedelta(days=60 * i + 1),
                    "Beijing",
                    root,
                    self.campaigns[0].pk,
                )
                for i in range(3)
            ),
            3,
        )
        attendees = [
            (cid, people[k % len(people)]) for cid in conference_ids for k in range(min(300, len(people)))
        ]
        self.load("conference attendees", Attendee, ["conference_id", "person_id"], attendees, len(attendees))
        directives = 20
        directive_ids = self.load(
            "directives",
            Directive,
            ["title", "issued_by_id", "conference_id", "campaign_id", "issued_on", "deadline"],
            (
                (
                    f"Synthetic directive {i}",
                    root,
                    conference_ids[i % 3],
                    self.campaigns[0].pk,
                    START + timedelta(days=9 * i),
                    START + timedelta(days=9 * i + 30),
                )
                for i in range(directives)
            ),
            directives,
        )
        units = [pk for pk, _p, _d in self.tree]
        per_directive = min(len(units), max(1, self.counts["deliveries"] // directives))
        statuses = list(DirectiveStatus)

        def deliveries():
            for i, did in enumerate(directive_ids):
                issued = START + timedelta(days=9 * i)
                for pk in rng.sample(units, per_directive):
                    status = rng.choice(statuses)
                    done = status == DirectiveStatus.DONE
                    yield (
                        did,
                        pk,
                        status.value,
                        None if status == DirectiveStatus.PENDING else self.now,
                        issued + timedelta(days=rng.randint(1, 45)) if done else None,
                    )

        self.load(
            "directive deliveries",
            DirectiveRecipient,
            ["directive_id", "unit_id", "status", "acknowledged_at", "completed_on"],
            deliveries(),
            per_directive * directives,
        )


def synthesize(
    *, units: int, records: int, seed: int = 1, progress: Progress | None = None
) -> dict[str, int]:
    """Build a synthetic tree of ``units`` units and about ``records`` records, then rebuild the figures."""
    from cascade.reports.engine import rebuild

    if units < 2:
        raise ValueError("A synthetic tree needs at least 2 units.")
    if records < 0:
        raise ValueError("The number of records cannot be negative.")
    progress = progress or Progress()
    rng = random.Random(seed)
    with transaction.atomic():
        tree = build_tree(units=units, rng=rng, progress=progress)
        root_pk = tree[0][0]
        campaigns = []
        for slug, title, offset in (
            (CAMPAIGN_SLUG, "Synthetic campaign", 0),
            (OTHER_CAMPAIGN_SLUG, "Synthetic follow-up", 90),
        ):
            campaign, _ = Campaign.objects.get_or_create(
                slug=slug,
                defaults={
                    "title": title,
                    "office_id": root_pk,
                    "start_date": START + timedelta(days=offset),
                    "end_date": START + timedelta(days=DAYS),
                },
            )
            CampaignScope.objects.get_or_create(campaign=campaign, unit_id=root_pk)
            campaigns.append(campaign)
        written = (
            Builder(tree=tree, records=records, campaigns=campaigns, rng=rng, progress=progress).build()
            if records
            else {}
        )
    progress.on_step("figures", 0, 1)
    rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics for the tables just filled
    progress.on_step("figures", 1, 1)
    return {"units": len(tree), "max_depth": max(d for _pk, _p, d in tree), **written}
