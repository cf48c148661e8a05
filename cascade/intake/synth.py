"""Synthetic data for scale work: a realistic tree and activity records, built with bulk inserts.

The tree hangs under its own root ("Synthetic campaign office") so it never mixes with real
units: central bodies → departments → units → committees ..., uneven fan-out, depth 4-7.
Paths are computed here the way treebeard computes them (fixed-width steps), so the tree
is a valid ``MP_Node`` tree without one query per node. Records of every campaign kind
are spread over the units, more of them on the lower levels, dated within the campaign.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from cascade.campaigns.choices import (
    Cohort,
    OutreachKind,
    RectificationSource,
    RectificationStatus,
    SessionLength,
    StudyKind,
)
from cascade.campaigns.models import (
    Campaign,
    CampaignScope,
    FieldVisit,
    OutreachEvent,
    RectificationItem,
    ResearchTopic,
    StudyActivity,
    StudySession,
)
from cascade.organization.choices import UnitKind
from cascade.organization.models import ALPHABET, STEPLEN, Unit

ROOT_NAME = "Synthetic campaign office"
CAMPAIGN_SLUG = "synthetic"
START = date(2024, 3, 1)
DAYS = 180
BATCH = 5000

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


def build_tree(*, units: int, rng: random.Random, progress: Progress) -> list[tuple[int, str, int]]:
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
    objs = (Unit(path=p, depth=d, numchild=numchild.get(p, 0), name=n, kind=k) for p, d, n, k in rows)
    _insert(Unit, objs, len(rows), "units", progress)
    return list(Unit.objects.filter(path__startswith=root_path).values_list("pk", "path", "depth"))


def _insert(model, objects: Iterator, total: int, label: str, progress: Progress) -> list[int]:
    """Bulk-insert ``objects`` in batches, one transaction each; return the new primary keys."""
    pks: list[int] = []
    chunk: list = []

    def flush() -> None:
        with transaction.atomic():
            model.objects.bulk_create(chunk)
        pks.extend(obj.pk for obj in chunk)
        progress.on_step(label, len(pks), total)
        chunk.clear()

    for obj in objects:
        chunk.append(obj)
        if len(chunk) == BATCH:
            flush()
    if chunk:
        flush()
    return pks


def build_records(
    *,
    records: int,
    tree: list[tuple[int, str, int]],
    campaign: Campaign,
    rng: random.Random,
    progress: Progress,
) -> dict[str, int]:
    """Insert about ``records`` activity rows spread over the tree; return the count per model."""
    # Deeper units do most of the work: weight each unit by its depth.
    unit_ids = [pk for pk, _path, depth in tree for _ in range(depth)]
    pick_unit = lambda: unit_ids[rng.randrange(len(unit_ids))]  # noqa: E731
    pick_day = lambda: START + timedelta(days=rng.randrange(DAYS))  # noqa: E731
    shares = {
        "study": 0.35,
        "session": 0.25,
        "topic": 0.10,
        "visit": 0.05,
        "rectification": 0.10,
        "outreach": 0.15,
    }
    counts = {name: int(records * share) for name, share in shares.items()}
    counts["study"] += records - sum(counts.values())
    study_kinds = [k.value for k in StudyKind]

    def activities() -> Iterator[StudyActivity]:
        for i in range(counts["study"]):
            kind = study_kinds[i % len(study_kinds)]
            cohort = rng.choice([Cohort.ROUND, Cohort.BATCH, ""]) if kind == StudyKind.READING_CLASS else ""
            yield StudyActivity(
                campaign=campaign,
                unit_id=pick_unit(),
                kind=kind,
                title=f"Synthetic {kind} {i}",
                cohort=cohort,
                cohort_number=rng.randint(1, 5) if cohort else None,
                start_date=pick_day(),
            )

    activity_ids = _insert(StudyActivity, activities(), counts["study"], "study activities", progress)

    def sessions() -> Iterator[StudySession]:
        for _i in range(counts["session"]):
            half = rng.random() < 0.6
            yield StudySession(
                activity_id=activity_ids[rng.randrange(len(activity_ids))],
                date=pick_day(),
                length=SessionLength.HALF_DAY if half else SessionLength.DAY,
                hours=3.5 if half else 7,
            )

    def topics() -> Iterator[ResearchTopic]:
        for i in range(counts["topic"]):
            yield ResearchTopic(
                campaign=campaign, unit_id=pick_unit(), title=f"Synthetic topic {i}", started_on=pick_day()
            )

    def visits() -> Iterator[FieldVisit]:
        for i in range(counts["visit"]):
            yield FieldVisit(
                campaign=campaign,
                unit_id=pick_unit(),
                visited=f"Synthetic site {i}",
                date=pick_day(),
                unannounced=rng.random() < 0.5,
            )

    statuses = [s.value for s in RectificationStatus if s != RectificationStatus.VERIFIED]

    def items() -> Iterator[RectificationItem]:
        for i in range(counts["rectification"]):
            opened = pick_day()
            yield RectificationItem(
                campaign=campaign,
                unit_id=pick_unit(),
                problem=f"Synthetic problem {i}",
                source=RectificationSource.SELF_EXAMINATION,
                opened_on=opened,
                deadline=opened + timedelta(days=rng.randint(14, 90)),
                status=rng.choice(statuses),
            )

    outreach_kinds = [k.value for k in OutreachKind]

    def events() -> Iterator[OutreachEvent]:
        for i in range(counts["outreach"]):
            yield OutreachEvent(
                campaign=campaign,
                unit_id=pick_unit(),
                kind=outreach_kinds[i % len(outreach_kinds)],
                title=f"Synthetic event {i}",
                start_date=pick_day(),
                participants=rng.randint(5, 200),
            )

    for model, rows, name, label in [
        (StudySession, sessions(), "session", "study sessions"),
        (ResearchTopic, topics(), "topic", "research topics"),
        (FieldVisit, visits(), "visit", "field visits"),
        (RectificationItem, items(), "rectification", "rectification items"),
        (OutreachEvent, events(), "outreach", "outreach events"),
    ]:
        _insert(model, rows, counts[name], label, progress)
    return {
        "study_activities": counts["study"],
        "study_sessions": counts["session"],
        "research_topics": counts["topic"],
        "field_visits": counts["visit"],
        "rectification_items": counts["rectification"],
        "outreach_events": counts["outreach"],
    }


def synthesize(
    *, units: int, records: int, seed: int = 1, progress: Progress | None = None
) -> dict[str, int]:
    """Build a synthetic tree of ``units`` units and about ``records`` activity records."""
    if units < 2:
        raise ValueError("A synthetic tree needs at least 2 units.")
    if records < 0:
        raise ValueError("The number of records cannot be negative.")
    progress = progress or Progress()
    rng = random.Random(seed)
    tree = build_tree(units=units, rng=rng, progress=progress)
    root_pk = tree[0][0]
    campaign, _ = Campaign.objects.get_or_create(
        slug=CAMPAIGN_SLUG,
        defaults={
            "title": "Synthetic campaign",
            "office_id": root_pk,
            "start_date": START,
            "end_date": START + timedelta(days=DAYS),
        },
    )
    CampaignScope.objects.get_or_create(campaign=campaign, unit_id=root_pk)
    counts = build_records(records=records, tree=tree, campaign=campaign, rng=rng, progress=progress)
    return {"units": len(tree), "max_depth": max(d for _pk, _p, d in tree), **counts}
