"""The foreign-affairs front in 2023: the thematic-education campaign and the work conference.

Every fact of ``SCENARIO.md`` becomes rows: the tree from the Office of the Central Foreign
Affairs Commission down to 265 party committees of embassies and consulates abroad, the
campaign of seed 000 unit by unit, and the conference of seed 004 with the directives its
arrangements became. Where the seeds give a count but no names, that many illustrative
rows are created, so every figure is a count of rows.

Every row is keyed on a natural key (unit name under its parent, campaign slug, topic title
within its unit, person name...), so loading twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from cascade.campaigns.choices import (
    GroupRole,
    PhraseKind,
    RectificationSource,
    RectificationStatus,
    SessionLength,
    StudyKind,
    TopicStatus,
)
from cascade.campaigns.models import (
    Campaign,
    CampaignPhase,
    CampaignPhrase,
    CampaignScope,
    CounterpartOrganisation,
    FieldVisit,
    OutreachEvent,
    Reading,
    RectificationEvent,
    RectificationItem,
    ResearchMethod,
    ResearchTopic,
    SteeringAssignment,
    SteeringGroup,
    SteeringGroupMember,
    StudyActivity,
    StudyAttendance,
    StudySession,
    SupervisionFinding,
    SupervisionVisit,
    WorkPlan,
)
from cascade.conferences.choices import AttendeeRole, DirectiveStatus
from cascade.conferences.models import (
    AgendaItem,
    Arrangement,
    Attendee,
    AttendeeCategory,
    Conference,
    Directive,
    DirectiveRecipient,
    Speech,
)
from cascade.core.records import save_record
from cascade.core.scopes import SYSTEM
from cascade.intake.choices import Language, ReportStatus
from cascade.intake.models import NarrativeReport
from cascade.organization.choices import Rank, UnitKind
from cascade.organization.domain import create_unit
from cascade.organization.models import Country, Membership, Person, Unit

from .data import campaign as camp
from .data import conference as conf
from .data import missions, people, units

# The embassy party committee the demo account ``embassy`` works in (assigned to steering group 1).
DEMO_EMBASSY = "Party Committee of the Embassy in France"

SEED_000 = Path(__file__).resolve().parent / "data" / "seed_000.txt"

M = TypeVar("M", bound=models.Model)


# --- generic helpers -------------------------------------------------------------------------


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    """Whether ``obj.<name>`` differs from ``value``, comparing foreign keys by id (no query)."""
    model_field = obj._meta.get_field(name)
    if model_field.many_to_one or model_field.one_to_one:
        return getattr(obj, model_field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


def _upsert(model: type[M], *, keys: dict[str, Any], values: dict[str, Any] | None = None) -> M:
    """The row with ``keys``, created with ``values`` or updated to them (saved only if something
    changed), through ``save_record`` like every other write."""
    values = values or {}
    obj = model.objects.filter(**keys).first()
    if obj is None:
        return save_record(user=SYSTEM, instance=model(**keys, **values))
    changed = [name for name, value in values.items() if _differs(obj, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        save_record(user=SYSTEM, instance=obj)
    return obj


def _set_m2m(obj: models.Model, field: str, objs: list[models.Model]) -> None:
    """Set a many-to-many relation (through ``save_record``), only when it differs."""
    if set(getattr(obj, field).values_list("pk", flat=True)) != {o.pk for o in objs}:
        save_record(user=SYSTEM, instance=obj, m2m={field: objs})


def _at(day: date, hour: int = 10) -> datetime:
    """An aware moment on ``day`` in the project's time zone."""
    return datetime.combine(day, time(hour), tzinfo=timezone.get_default_timezone())


# --- tree ------------------------------------------------------------------------------------


@dataclass
class Tree:
    ocfac: Unit
    mfa: Unit
    idcpc: Unit
    cidca: Unit
    cpaffc: Unit
    cpifa: Unit
    affiliated: list[Unit] = field(default_factory=list)
    committees: list[Unit] = field(default_factory=list)
    bureaus: list[Unit] = field(default_factory=list)

    def top(self, short_name: str) -> Unit:
        return {u.short_name: u for u in (self.mfa, self.idcpc, self.cidca, self.cpaffc, self.cpifa)}[
            short_name
        ]

    def affiliated_unit(self, name: str) -> Unit:
        return next(u for u in self.affiliated if u.name == name)

    def bureau(self, name: str) -> Unit:
        return next(u for u in self.bureaus if u.name == name)

    def committee(self, name: str) -> Unit:
        return next(u for u in self.committees if u.name == name)


def _countries() -> dict[str, Country]:
    """Country rows by ISO code."""
    for code, name, name_zh in missions.COUNTRIES:
        _upsert(Country, keys={"code": code}, values={"name": name, "name_zh": name_zh})
    return {c.code: c for c in Country.objects.filter(code__in=[code for code, _n, _z in missions.COUNTRIES])}


def _root(*, spec: dict[str, Any]) -> Unit:
    root = Unit.objects.filter(depth=1, name=spec["name"]).first()
    if root is None:
        return create_unit(parent=None, user=SYSTEM, **spec)
    return _update_unit(unit=root, spec=spec)


def _update_unit(*, unit: Unit, spec: dict[str, Any]) -> Unit:
    changed = [name for name, value in spec.items() if _differs(unit, name, value)]
    if changed:
        # Children added since ``unit`` was read changed its place in the tree, not in memory.
        unit.refresh_from_db(fields=["path", "depth", "numchild", "parent_path"])
        for name in changed:
            setattr(unit, name, spec[name])
        save_record(user=SYSTEM, instance=unit)
    return unit


def _children(*, parent: Unit, specs: list[dict[str, Any]]) -> list[Unit]:
    """The children of ``parent`` named in ``specs`` (in that order), added where missing and
    updated where they differ (existing children are read in one query)."""
    existing = {
        u.name: u for u in Unit.objects.subtree(parent, include_self=False).filter(depth=parent.depth + 1)
    }
    return [
        _update_unit(unit=existing[spec["name"]], spec=spec)
        if spec["name"] in existing
        else create_unit(parent=parent, user=SYSTEM, **spec)
        for spec in specs
    ]


def _tree(*, countries: dict[str, Country]) -> Tree:
    ocfac = _root(spec=units.OCFAC)
    mfa, idcpc, cidca, cpaffc, cpifa = _children(parent=ocfac, specs=[dict(s) for s in units.TOP_BODIES])
    affiliated_specs = [
        {"name": name, "name_zh": name_zh, "kind": UnitKind.AFFILIATED_UNIT}
        for name, name_zh in units.MFA_AFFILIATED_UNITS
    ]
    names = {code: (name, name_zh) for code, name, name_zh in missions.COUNTRIES}
    committee_specs = [
        {
            "name": missions.embassy_committee_name(names[code][0]),
            "name_zh": missions.embassy_committee_name_zh(names[code][1]),
            "kind": UnitKind.PARTY_COMMITTEE,
            "country": countries[code],
        }
        for code in missions.EMBASSY_COUNTRIES
    ] + [
        {
            "name": missions.consulate_committee_name(city),
            "name_zh": missions.consulate_committee_name_zh(city_zh),
            "kind": UnitKind.PARTY_COMMITTEE,
            "country": countries[code],
        }
        for city, city_zh, code in missions.CONSULATES_GENERAL
    ]
    mfa_children = _children(parent=mfa, specs=affiliated_specs + committee_specs)
    bureau_specs = [
        {"name": name, "name_zh": name_zh, "kind": UnitKind.BUREAU}
        for name, name_zh, _r, _rz in units.IDCPC_BUREAUS
    ]
    return Tree(
        ocfac=ocfac,
        mfa=mfa,
        idcpc=idcpc,
        cidca=cidca,
        cpaffc=cpaffc,
        cpifa=cpifa,
        affiliated=mfa_children[: len(affiliated_specs)],
        committees=mfa_children[len(affiliated_specs) :],
        bureaus=_children(parent=idcpc, specs=bureau_specs),
    )


# --- people ----------------------------------------------------------------------------------


def _person(*, name: str, name_zh: str, post: str = "", post_zh: str = "", rank: str = "") -> Person:
    return _upsert(
        Person,
        keys={"name": name},
        values={"name_zh": name_zh, "post": post, "post_zh": post_zh, "rank": rank},
    )


def _member(*, person: Person, unit: Unit, post: str, is_leadership: bool) -> Membership:
    return _upsert(
        Membership,
        keys={"person": person, "unit": unit, "start_date": None},
        values={"post": post, "is_leadership": is_leadership},
    )


def _illustrative(*, spec: dict[str, Any], unit: Unit, is_leadership: bool, **fmt: Any) -> Person:
    """One illustrative person from a template spec (see ``data/people.py``), a member of ``unit``."""
    person = _person(
        name=spec["name"].format(**fmt),
        name_zh=spec["name_zh"].format(**fmt),
        post=spec["post"].format(**fmt),
        post_zh=spec["post_zh"].format(**fmt),
        rank=spec["rank"],
    )
    _member(person=person, unit=unit, post=person.post, is_leadership=is_leadership)
    return person


def _staff(*, spec: dict[str, Any], unit: Unit, is_leadership: bool, **fmt: Any) -> list[Person]:
    """``spec["count"]`` illustrative people numbered 1, 2 ... (一, 二 ...), members of ``unit``."""
    return [
        _illustrative(spec=spec, unit=unit, is_leadership=is_leadership, n=n, zh=people.zh_number(n), **fmt)
        for n in range(1, spec.get("count", 1) + 1)
    ]


def _lead(*, unit: Unit, person: Person) -> None:
    _update_unit(unit=unit, spec={"leader": person})


# --- campaign --------------------------------------------------------------------------------


def _campaign(*, office: Unit) -> Campaign:
    campaign = _upsert(
        Campaign,
        keys={"slug": camp.SLUG},
        values={
            "title": camp.TITLE,
            "title_zh": camp.TITLE_ZH,
            "description": camp.DESCRIPTION,
            "description_zh": camp.DESCRIPTION_ZH,
            "office": office,
            "start_date": camp.START,
            "end_date": camp.END,
            "launched_on": camp.LAUNCHED_ON,
        },
    )
    _upsert(CampaignScope, keys={"campaign": campaign, "unit": office}, values={"include_descendants": True})
    for kind, phrases in ((PhraseKind.REQUIREMENT, camp.REQUIREMENTS), (PhraseKind.GOAL, camp.GOALS)):
        for order, (text, text_zh) in enumerate(phrases, start=1):
            _upsert(
                CampaignPhrase,
                keys={"campaign": campaign, "kind": kind, "text": text},
                values={"order": order, "text_zh": text_zh},
            )
    for order, (name, name_zh, start, end) in enumerate(camp.PHASES, start=1):
        _upsert(
            CampaignPhase,
            keys={"campaign": campaign, "name": name},
            values={"order": order, "name_zh": name_zh, "start_date": start, "end_date": end},
        )
    return campaign


def _readings() -> list[Reading]:
    return [
        _upsert(Reading, keys={"title": title}, values={"title_zh": title_zh})
        for title, title_zh in camp.READINGS
    ]


def _activity(
    *,
    campaign: Campaign,
    unit: Unit,
    kind: str,
    title: str,
    title_zh: str,
    cohort: str = "",
    cohort_number: int | None = None,
    start_date: date,
    end_date: date | None = None,
    readings: list[Reading] | None = None,
    **values: Any,
) -> StudyActivity:
    activity = _upsert(
        StudyActivity,
        keys={
            "campaign": campaign,
            "unit": unit,
            "kind": kind,
            "title": title,
            "cohort": cohort,
            "cohort_number": cohort_number,
        },
        values={"title_zh": title_zh, "start_date": start_date, "end_date": end_date or start_date, **values},
    )
    if readings is not None:
        _set_m2m(activity, "required_readings", readings)
    return activity


def _sessions(*, activity: StudyActivity, dates: list[date], length: str, hours: Decimal) -> None:
    for day in dates:
        _upsert(
            StudySession, keys={"activity": activity, "date": day}, values={"length": length, "hours": hours}
        )


def _attendance(*, activity: StudyActivity, persons: list[Person], hours: Decimal) -> None:
    for person in persons:
        _upsert(StudyAttendance, keys={"activity": activity, "person": person}, values={"hours": hours})


def _rectification(
    *,
    campaign: Campaign,
    unit: Unit,
    problem: str,
    problem_zh: str,
    source: str,
    opened_on: date,
    deadline: date | None,
    moves: tuple[tuple[str, date], ...],
    owner: Person | None = None,
    verifier: Person | None = None,
    measures: str = "",
    finding: SupervisionFinding | None = None,
) -> RectificationItem:
    """A rectification item in the status its ``moves`` lead to, with one event per move."""
    status = moves[-1][0] if moves else RectificationStatus.OPEN
    verified_on = next((day for to, day in moves if to == RectificationStatus.VERIFIED), None)
    values = {
        "problem": problem,
        "problem_zh": problem_zh,
        "source": source,
        "opened_on": opened_on,
        "deadline": deadline,
        "status": status,
        "owner": owner,
        "measures": measures,
        "verified_by": verifier if verified_on else None,
        "verified_at": _at(verified_on, 16) if verified_on else None,
    }
    if finding is not None:
        item = _upsert(
            RectificationItem,
            keys={"finding": finding},
            values={"campaign": campaign, "unit": unit, **values},
        )
    else:
        values.pop("problem")
        item = _upsert(
            RectificationItem,
            keys={"campaign": campaign, "unit": unit, "problem": problem},
            values={**values, "finding": None},
        )
    previous = ""
    for to, day in ((RectificationStatus.OPEN, opened_on), *moves):
        by = verifier if to == RectificationStatus.VERIFIED else owner
        _upsert(
            RectificationEvent,
            keys={"item": item, "from_status": previous, "to_status": to},
            values={"at": _at(day, 9 if to == RectificationStatus.OPEN else 15), "person": by},
        )
        previous = to
    return item


def _work_plan(*, campaign: Campaign, unit: Unit, spec: dict[str, Any]) -> WorkPlan:
    values = {k: v for k, v in spec.items() if k not in {"kind", "title"}}
    return _upsert(
        WorkPlan,
        keys={"campaign": campaign, "unit": unit, "kind": spec["kind"], "title": spec["title"]},
        values=values,
    )


def _topic(
    *,
    campaign: Campaign,
    unit: Unit,
    title: str,
    title_zh: str,
    claimed_by: Person | None,
    work_area: str,
    work_area_zh: str,
    started_on: date,
    methods: list[ResearchMethod],
    status: str = TopicStatus.IN_PROGRESS,
) -> ResearchTopic:
    topic = _upsert(
        ResearchTopic,
        keys={"campaign": campaign, "unit": unit, "title": title},
        values={
            "title_zh": title_zh,
            "claimed_by": claimed_by,
            "work_area": work_area,
            "work_area_zh": work_area_zh,
            "started_on": started_on,
            "status": status,
        },
    )
    _set_m2m(topic, "methods", methods)
    return topic


def _field_visit(
    *,
    campaign: Campaign,
    unit: Unit,
    visited: str,
    visited_zh: str,
    day: date,
    led_by: Person | None,
    topic: ResearchTopic | None = None,
    visited_unit: Unit | None = None,
    unannounced: bool = False,
) -> FieldVisit:
    return _upsert(
        FieldVisit,
        keys={"campaign": campaign, "unit": unit, "visited": visited, "date": day},
        values={
            "visited_zh": visited_zh,
            "topic": topic,
            "led_by": led_by,
            "visited_unit": visited_unit,
            "unannounced": unannounced,
        },
    )


def _outreach(
    *,
    campaign: Campaign,
    unit: Unit,
    spec: dict[str, Any],
    countries: dict[str, Country],
    organisations: list[CounterpartOrganisation] | None = None,
) -> OutreachEvent:
    event = _upsert(
        OutreachEvent,
        keys={"campaign": campaign, "unit": unit, "kind": spec["kind"], "title": spec["title"]},
        values={
            "title_zh": spec["title_zh"],
            "start_date": spec["start_date"],
            "end_date": spec.get("end_date") or spec["start_date"],
        },
    )
    _set_m2m(event, "countries", [countries[code] for code in spec.get("countries", ())])
    if organisations is not None:
        _set_m2m(event, "organisations", [organisations[i] for i in spec.get("organisations", ())])
    return event


# --- the units' parts ------------------------------------------------------------------------


def _load_ocfac(*, tree: Tree, campaign: Campaign, readings: list[Reading]) -> None:
    unit = tree.ocfac
    leaders = _staff(spec=people.OCFAC_LEADERSHIP, unit=unit, is_leadership=True)
    _lead(unit=unit, person=leaders[0])

    spec = camp.OCFAC_READING_CLASS
    for number in range(1, spec["rounds"] + 1):
        start = spec["first_start"] + timedelta(weeks=number - 1)
        _activity(
            campaign=campaign,
            unit=unit,
            kind=StudyKind.READING_CLASS,
            title=spec["title"],
            title_zh=spec["title_zh"],
            cohort="round",
            cohort_number=number,
            start_date=start,
            end_date=start + timedelta(days=4),
            audience=spec["audience"],
            audience_zh=spec["audience_zh"],
            readings=readings,
        )
    for title, title_zh, day in camp.OCFAC_LECTURES:
        _activity(
            campaign=campaign,
            unit=unit,
            kind=StudyKind.LECTURE,
            title=title,
            title_zh=title_zh,
            start_date=day,
            audience="all staff",
            audience_zh="全体干部职工",
        )
    approach, approach_zh = camp.OCFAC_COLLECTIVE_APPROACH
    for title, title_zh, day in camp.OCFAC_COLLECTIVE_STUDIES:
        _activity(
            campaign=campaign,
            unit=unit,
            kind=StudyKind.COLLECTIVE_STUDY,
            title=title,
            title_zh=title_zh,
            start_date=day,
            approach=approach,
            approach_zh=approach_zh,
        )
    for title, title_zh, day in camp.OCFAC_SEMINARS:
        _activity(
            campaign=campaign,
            unit=unit,
            kind=StudyKind.SEMINAR,
            title=title,
            title_zh=title_zh,
            start_date=day,
        )
    for plan in camp.OCFAC_WORK_PLANS:
        _work_plan(campaign=campaign, unit=unit, spec=plan)
    for item in camp.OCFAC_INSPECTION_ITEMS:
        _rectification(
            campaign=campaign,
            unit=unit,
            problem=item["problem"],
            problem_zh=item["problem_zh"],
            source=RectificationSource.INSPECTION,
            opened_on=item["opened_on"],
            deadline=item["deadline"],
            moves=item["moves"],
            owner=leaders[item["owner"] - 1],
            verifier=leaders[item["verifier"] - 1] if "verifier" in item else None,
            measures=item["measures"],
        )


def _research_methods() -> dict[str, ResearchMethod]:
    return {
        spec["code"]: _upsert(
            ResearchMethod, keys={"code": spec["code"]}, values={k: v for k, v in spec.items() if k != "code"}
        )
        for spec in camp.RESEARCH_METHODS
    }


def _mfa_steering_groups(*, mfa: Unit, campaign: Campaign) -> list[SteeringGroup]:
    """Five roving steering groups of the MFA Party Committee, a leader and two members each."""
    name, name_zh = camp.STEERING_GROUP_NAME
    groups = []
    for number in range(1, camp.STEERING_GROUPS + 1):
        zh = people.zh_number(number)
        group = _upsert(
            SteeringGroup,
            keys={"campaign": campaign, "unit": mfa, "number": number},
            values={
                "name": name.format(n=number),
                "name_zh": name_zh.format(zh=zh),
                "roving": True,
                "sent_on": camp.STEERING_GROUPS_SENT_ON,
            },
        )
        groups.append(group)
        leader = _illustrative(
            spec=people.STEERING_GROUP_LEADER, unit=mfa, is_leadership=False, n=number, zh=zh
        )
        _upsert(
            SteeringGroupMember, keys={"group": group, "person": leader}, values={"role": GroupRole.LEADER}
        )
        for m in range(1, people.STEERING_GROUP_MEMBERS_EACH + 1):
            member = _illustrative(
                spec=people.STEERING_GROUP_MEMBER,
                unit=mfa,
                is_leadership=False,
                n=number,
                zh=zh,
                m=m,
                zh_m=people.zh_number(m),
            )
            _upsert(
                SteeringGroupMember,
                keys={"group": group, "person": member},
                values={"role": GroupRole.MEMBER},
            )
    return groups


def _steering_assignments(*, tree: Tree, groups: list[SteeringGroup]) -> dict[int, list[Unit]]:
    """Each of MFA's 36 affiliated units and 265 party committees under exactly one group.

    The demo embassy goes to group 1; the other units go round the groups in tree order.
    """
    demo = tree.committee(DEMO_EMBASSY)
    others = [u for u in tree.affiliated + tree.committees if u.pk != demo.pk]
    plan: dict[int, list[Unit]] = {g.number: [] for g in groups}
    plan[1].append(demo)
    for index, unit in enumerate(others):
        plan[index % len(groups) + 1].append(unit)
    by_number = {g.number: g for g in groups}
    for number, assigned in plan.items():
        for unit in assigned:
            _upsert(SteeringAssignment, keys={"group": by_number[number], "unit": unit})
    return plan


def _load_mfa(
    *, tree: Tree, campaign: Campaign, readings: list[Reading], methods: dict[str, ResearchMethod]
) -> None:
    mfa = tree.mfa
    committee = _staff(spec=people.MFA_PARTY_COMMITTEE, unit=mfa, is_leadership=True)
    _lead(unit=mfa, person=committee[0])

    meeting = camp.MFA_PARTY_COMMITTEE_MEETING
    _activity(
        campaign=campaign,
        unit=mfa,
        kind=StudyKind.COLLECTIVE_STUDY,
        title=meeting["title"],
        title_zh=meeting["title_zh"],
        start_date=meeting["date"],
        audience=meeting["audience"],
        audience_zh=meeting["audience_zh"],
    )

    spec = camp.MFA_READING_CLASS
    dates = list(spec["dates"])
    hours = Decimal(spec["session_hours"])
    reading_class = _activity(
        campaign=campaign,
        unit=mfa,
        kind=StudyKind.READING_CLASS,
        title=spec["title"],
        title_zh=spec["title_zh"],
        start_date=dates[0],
        end_date=dates[-1],
        audience=spec["audience"],
        audience_zh=spec["audience_zh"],
        readings=readings,
    )
    _sessions(activity=reading_class, dates=dates, length=SessionLength.HALF_DAY, hours=hours)
    _attendance(activity=reading_class, persons=committee, hours=hours * len(dates))

    groups = _mfa_steering_groups(mfa=mfa, campaign=campaign)
    plan = _steering_assignments(tree=tree, groups=groups)

    # The demo embassy's party committee and its secretary.
    embassy = tree.committee(DEMO_EMBASSY)
    secretary = _illustrative(spec=people.EMBASSY_SECRETARY, unit=embassy, is_leadership=True)
    _lead(unit=embassy, person=secretary)

    # Ten research topics, each claimed by a different Party Committee member.
    four_nos = methods["four-nos-two-straights"]
    topics = []
    for index, spec_t in enumerate(camp.MFA_TOPICS):
        extra = methods["symposium"] if index % 2 == 0 else methods["dissecting-a-sparrow"]
        topics.append(
            _topic(
                campaign=campaign,
                unit=mfa,
                title=spec_t["title"],
                title_zh=spec_t["title_zh"],
                claimed_by=committee[index],
                work_area=spec_t["work_area"],
                work_area_zh=spec_t["work_area_zh"],
                started_on=camp.MFA_TOPICS_STARTED_ON,
                methods=[four_nos, extra],
            )
        )
    for visit in camp.MFA_FIELD_VISITS:
        number = visit["topic"]
        _field_visit(
            campaign=campaign,
            unit=mfa,
            visited=visit["visited"],
            visited_zh=visit["visited_zh"],
            day=visit["date"],
            led_by=committee[number - 1],
            topic=topics[number - 1],
            visited_unit=tree.affiliated_unit(visit["visited_unit"]) if visit["visited_unit"] else None,
            unannounced=True,
        )

    # A few supervision visits; one finding opens a rectification item.
    by_number = {g.number: g for g in groups}
    for visit in camp.SUPERVISION_VISITS:
        group = by_number[visit["group"]]
        if visit["unit"] == "demo-embassy":
            unit = embassy
        else:
            unit = next(u for u in plan[group.number] if u.kind == UnitKind.AFFILIATED_UNIT)
        row = _upsert(
            SupervisionVisit,
            keys={"group": group, "unit": unit, "date": visit["date"]},
            values={
                "mode": visit["mode"],
                "summary": visit["summary"],
                "feedback": visit["feedback"],
                "feedback_on": visit["feedback_on"],
            },
        )
        found = visit["finding"]
        if found:
            finding = _upsert(
                SupervisionFinding,
                keys={"visit": row, "description": found["description"]},
                values={"severity": found["severity"]},
            )
            _rectification(
                campaign=campaign,
                unit=unit,
                problem=found["description"],
                problem_zh=found["description_zh"],
                source=RectificationSource.SUPERVISION,
                opened_on=visit["feedback_on"] or visit["date"],
                deadline=found["deadline"],
                moves=found["moves"],
                owner=secretary if unit.pk == embassy.pk else None,
                finding=finding,
            )


def _load_idcpc(
    *,
    tree: Tree,
    campaign: Campaign,
    readings: list[Reading],
    methods: dict[str, ResearchMethod],
    countries: dict[str, Country],
) -> None:
    idcpc = tree.idcpc
    leading_group = _staff(spec=people.IDCPC_LEADING_GROUP, unit=idcpc, is_leadership=True)
    _lead(unit=idcpc, person=leading_group[0])
    heads = []
    for bureau, (name, name_zh, _region, _region_zh) in zip(tree.bureaus, units.IDCPC_BUREAUS, strict=True):
        head = _illustrative(
            spec=people.BUREAU_HEAD, unit=bureau, is_leadership=True, bureau=name, bureau_zh=name_zh
        )
        _lead(unit=bureau, person=head)
        heads.append(head)

    study = camp.IDCPC_CENTRAL_GROUP_STUDY
    _activity(
        campaign=campaign,
        unit=idcpc,
        kind=StudyKind.COLLECTIVE_STUDY,
        title=study["title"],
        title_zh=study["title_zh"],
        start_date=study["date"],
    )
    spec = camp.IDCPC_LEADING_GROUP_READING_CLASS
    _activity(
        campaign=campaign,
        unit=idcpc,
        kind=StudyKind.READING_CLASS,
        title=spec["title"],
        title_zh=spec["title_zh"],
        start_date=spec["start"],
        end_date=spec["end"],
        audience=spec["audience"],
        audience_zh=spec["audience_zh"],
        readings=readings,
    )
    red = camp.IDCPC_RED_RESOURCES
    for index, bureau in enumerate(tree.bureaus):
        _activity(
            campaign=campaign,
            unit=bureau,
            kind=StudyKind.COLLECTIVE_STUDY,
            title=red["title"],
            title_zh=red["title_zh"],
            start_date=_working_day(red["first_date"], index + 1),
            approach=red["approach"],
            approach_zh=red["approach_zh"],
        )

    # Three batches of bureau-level cadres, each a 7-day reading class.
    batches = camp.IDCPC_BATCHES
    for number, start in enumerate(batches["starts"], start=1):
        days = [start + timedelta(days=i) for i in range(batches["days"])]
        batch = _activity(
            campaign=campaign,
            unit=idcpc,
            kind=StudyKind.READING_CLASS,
            title=batches["title"],
            title_zh=batches["title_zh"],
            cohort="batch",
            cohort_number=number,
            start_date=days[0],
            end_date=days[-1],
            audience=batches["audience"],
            audience_zh=batches["audience_zh"],
            audience_rank=Rank.BUREAU,
            original_texts=True,
            readings=readings,
        )
        _sessions(activity=batch, dates=days, length=SessionLength.DAY, hours=Decimal(batches["hours"]))

    # 28 research topics reaching every IDCPC unit, and 42 special seminars on them.
    topic_methods = [methods["symposium"], methods["four-nos-two-straights"]]
    topics = []
    for index, (title, title_zh, area, area_zh) in enumerate(camp.IDCPC_TOPICS):
        topics.append(
            _topic(
                campaign=campaign,
                unit=idcpc,
                title=title,
                title_zh=title_zh,
                claimed_by=leading_group[index % len(leading_group)],
                work_area=area,
                work_area_zh=area_zh,
                started_on=camp.IDCPC_TOPICS_STARTED_ON,
                methods=topic_methods,
            )
        )
    area, area_zh = camp.IDCPC_BUREAU_WORK_AREA
    for bureau, head, (_n, _nz, region, region_zh) in zip(
        tree.bureaus, heads, units.IDCPC_BUREAUS, strict=True
    ):
        for title, title_zh in camp.IDCPC_BUREAU_TOPICS:
            topics.append(
                _topic(
                    campaign=campaign,
                    unit=bureau,
                    title=title.format(region=region),
                    title_zh=title_zh.format(region_zh=region_zh),
                    claimed_by=head,
                    work_area=area.format(region=region),
                    work_area_zh=area_zh.format(region_zh=region_zh),
                    started_on=camp.IDCPC_TOPICS_STARTED_ON,
                    methods=topic_methods,
                )
            )
    seminars = [(topic, *camp.IDCPC_SEMINAR) for topic in topics]
    seminars += [(topic, *camp.IDCPC_SECOND_SEMINAR) for topic in topics[: camp.IDCPC_SECOND_SEMINARS]]
    for index, (topic, title, title_zh) in enumerate(seminars):
        _activity(
            campaign=campaign,
            unit=topic.unit,
            kind=StudyKind.SEMINAR,
            title=title.format(topic=topic.title),
            title_zh=title_zh.format(topic_zh=topic.title_zh),
            start_date=_working_day(camp.IDCPC_SEMINARS_FIRST_DATE, index // camp.IDCPC_SEMINARS_A_DAY),
            research_topic=topic,
        )
    _work_plan(campaign=campaign, unit=idcpc, spec=camp.IDCPC_WORK_PLAN)

    # Channels with foreign political parties.
    organisations = [
        _upsert(
            CounterpartOrganisation,
            keys={"name": name},
            values={"name_zh": name_zh, "kind": "party", "country": countries[code]},
        )
        for name, name_zh, code in camp.IDCPC_COUNTERPARTS
    ]
    for event in camp.IDCPC_OUTREACH:
        unit = tree.bureau(event["unit"]) if event["unit"] else idcpc
        _outreach(campaign=campaign, unit=unit, spec=event, countries=countries, organisations=organisations)


def _working_day(start: date, offset: int) -> date:
    """The ``offset``-th working day (Monday to Friday) from ``start``; 0 is ``start`` or the next one."""
    day = start
    while day.weekday() >= 5:
        day += timedelta(days=1)
    for _i in range(offset):
        day += timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
    return day


def _load_cidca(*, tree: Tree, campaign: Campaign, countries: dict[str, Country]) -> None:
    cidca = tree.cidca
    leaders = _staff(spec=people.CIDCA_LEADERSHIP, unit=cidca, is_leadership=True)
    _lead(unit=cidca, person=leaders[0])
    _work_plan(campaign=campaign, unit=cidca, spec=camp.CIDCA_WORK_PLAN)
    for visit in camp.CIDCA_FIELD_VISITS:
        _field_visit(
            campaign=campaign,
            unit=cidca,
            visited=visit["visited"],
            visited_zh=visit["visited_zh"],
            day=visit["date"],
            led_by=leaders[visit["led_by"] - 1],
        )
    for event in camp.CIDCA_OUTREACH:
        _outreach(campaign=campaign, unit=cidca, spec=event, countries=countries)


def _load_peoples_organisations(*, tree: Tree, campaign: Campaign, countries: dict[str, Country]) -> None:
    for unit, spec, events in (
        (tree.cpaffc, people.CPAFFC_LEADERSHIP, camp.CPAFFC_OUTREACH),
        (tree.cpifa, people.CPIFA_LEADERSHIP, camp.CPIFA_OUTREACH),
    ):
        leaders = _staff(spec=spec, unit=unit, is_leadership=True)
        _lead(unit=unit, person=leaders[0])
        for event in events:
            _outreach(campaign=campaign, unit=unit, spec=event, countries=countries)


def _load_report(*, tree: Tree, campaign: Campaign) -> NarrativeReport:
    return _upsert(
        NarrativeReport,
        keys={
            "unit": tree.ocfac,
            "campaign": campaign,
            "title": camp.REPORT_TITLE,
            "dated": camp.REPORT_DATED,
        },
        values={
            "period_start": camp.START,
            "period_end": camp.REPORT_DATED,
            "language": Language.EN,
            "text": SEED_000.read_text(encoding="utf-8"),
            "status": ReportStatus.SUBMITTED,
        },
    )


# --- conference ------------------------------------------------------------------------------


def _load_conference(*, tree: Tree) -> Conference:
    conference = _upsert(
        Conference,
        keys={"slug": conf.SLUG},
        values={
            "title": conf.TITLE,
            "title_zh": conf.TITLE_ZH,
            "start_date": conf.START,
            "end_date": conf.END,
            "venue": conf.VENUE[0],
            "venue_zh": conf.VENUE[1],
            "convened_by": conf.CONVENED_BY[0],
            "convened_by_zh": conf.CONVENED_BY[1],
            "secretariat": tree.ocfac,
            "summary": conf.SUMMARY,
            "summary_zh": conf.SUMMARY_ZH,
        },
    )
    categories = [
        _upsert(
            AttendeeCategory,
            keys={"conference": conference, "name": name},
            values={"order": order, "name_zh": name_zh, "headcount": None},
        )
        for order, (name, name_zh) in enumerate(conf.ATTENDEE_CATEGORIES, start=1)
    ]
    politburo = categories[0]

    xi = _person(**conf.XI_JINPING)
    post, post_zh = conf.STANDING_COMMITTEE_POST
    standing = [
        _person(name=name, name_zh=name_zh, post=post, post_zh=post_zh, rank=Rank.STATE_LEADER)
        for name, name_zh in conf.STANDING_COMMITTEE
    ]
    han = _person(**conf.HAN_ZHENG)
    wang = _person(**conf.WANG_YI)
    attendees: list[tuple[Person, str, AttendeeCategory | None]] = [
        (xi, AttendeeRole.PRINCIPAL, politburo),
        *((p, AttendeeRole.STANDING_COMMITTEE, politburo) for p in standing),
        (han, AttendeeRole.ATTENDEE, None),
        (wang, AttendeeRole.SPEAKER, politburo),
    ]
    for order, (person, role, category) in enumerate(attendees, start=1):
        _upsert(
            Attendee,
            keys={"conference": conference, "person": person},
            values={"role": role, "order": order, "category": category},
        )

    speeches: list[dict[str, Any]] = [
        {
            "is_principal": True,
            "speaker": xi,
            "role": xi.post,
            "role_zh": xi.post_zh,
            **conf.PRINCIPAL_SPEECH,
        },
        {"speaker": wang, "role": wang.post, "role_zh": wang.post_zh, **conf.WANG_YI_SPEECH},
        *({"speaker_label": label, "speaker_label_zh": label_zh} for label, label_zh in conf.GROUP_SPEAKERS),
    ]
    for order, speech in enumerate(speeches, start=1):
        values = {
            "is_principal": False,
            "speaker": None,
            "speaker_label": "",
            "speaker_label_zh": "",
            "role": "",
            "role_zh": "",
            "title": "",
            "title_zh": "",
            "summary": "",
            "summary_zh": "",
            **speech,
        }
        _upsert(Speech, keys={"conference": conference, "order": order}, values=values)

    for order, (day, title, title_zh) in enumerate(conf.AGENDA, start=1):
        _upsert(
            AgendaItem,
            keys={"conference": conference, "order": order},
            values={"date": day, "title": title, "title_zh": title_zh},
        )
    arrangements = [
        _upsert(
            Arrangement,
            keys={"conference": conference, "order": order},
            values={"theme": theme, "theme_zh": theme_zh, "text": text, "text_zh": text_zh},
        )
        for order, (theme, theme_zh, text, text_zh) in enumerate(conf.ARRANGEMENTS, start=1)
    ]
    _load_directives(tree=tree, conference=conference, arrangements=arrangements)
    return conference


def _delivery(
    *, directive: Directive, unit: Unit, status: str, acknowledged: date | None, done: date | None
) -> None:
    _upsert(
        DirectiveRecipient,
        keys={"directive": directive, "unit": unit},
        values={
            "status": status,
            "acknowledged_at": _at(acknowledged) if acknowledged else None,
            "completed_on": done,
        },
    )


def _load_directives(*, tree: Tree, conference: Conference, arrangements: list[Arrangement]) -> None:
    directives = []
    for spec in conf.DIRECTIVES:
        directive = _upsert(
            Directive,
            keys={"conference": conference, "issued_by": tree.ocfac, "parent": None, "title": spec["title"]},
            values={
                "title_zh": spec["title_zh"],
                "text": spec["text"],
                "text_zh": spec["text_zh"],
                "arrangement": arrangements[spec["arrangement"] - 1],
                "issued_on": conf.DIRECTIVES_ISSUED_ON,
                "deadline": conf.DIRECTIVES_DEADLINE,
            },
        )
        directives.append(directive)
        for short_name, (status, acknowledged, done) in spec["recipients"].items():
            _delivery(
                directive=directive,
                unit=tree.top(short_name),
                status=status,
                acknowledged=acknowledged,
                done=done,
            )

    # MFA passes the first directive on to its 36 affiliated units (same title, earlier deadline).
    parent = directives[conf.CASCADE_DIRECTIVE - 1]
    child = _upsert(
        Directive,
        keys={"parent": parent, "issued_by": tree.mfa, "title": parent.title},
        values={
            "title_zh": parent.title_zh,
            "text": parent.text,
            "text_zh": parent.text_zh,
            "conference": conference,
            "arrangement": parent.arrangement,
            "issued_on": conf.CASCADE_ISSUED_ON,
            "deadline": conf.CASCADE_DEADLINE,
        },
    )
    pattern = conf.CASCADE_STATUS_PATTERN
    for index, unit in enumerate(tree.affiliated):
        status = pattern[index % len(pattern)]
        _delivery(
            directive=child,
            unit=unit,
            status=status,
            acknowledged=None if status == DirectiveStatus.PENDING else conf.CASCADE_ACKNOWLEDGED_ON,
            done=conf.CASCADE_COMPLETED_ON if status == DirectiveStatus.DONE else None,
        )


# --- entry point -----------------------------------------------------------------------------


def load() -> None:
    """Thematic education on the foreign-affairs front (2023) and the Central Foreign Affairs Work Conference.

    The first line of this docstring is what ``cascade scenario list`` shows.
    """
    countries = _countries()
    tree = _tree(countries=countries)
    campaign = _campaign(office=tree.ocfac)
    readings = _readings()
    methods = _research_methods()
    _load_ocfac(tree=tree, campaign=campaign, readings=readings)
    _load_mfa(tree=tree, campaign=campaign, readings=readings, methods=methods)
    _load_idcpc(tree=tree, campaign=campaign, readings=readings, methods=methods, countries=countries)
    _load_cidca(tree=tree, campaign=campaign, countries=countries)
    _load_peoples_organisations(tree=tree, campaign=campaign, countries=countries)
    _load_report(tree=tree, campaign=campaign)
    _load_conference(tree=tree)


__all__ = ["DEMO_EMBASSY", "load"]
