"""Families of figures: which tables a unit's figures are counted from, and which writes make them stale.

A family is recounted as a whole for one *key* (a unit's id) whenever a write touches one
of its watched tables: every ``Watch`` names a model and the lookup from a row of it to
the unit that keys the family. The triggers (``triggers.py``) are generated from these
watches, so a tally added to the vocabulary is kept current as soon as its model, and
every model its lookups pass through, is watched here (a test checks that).

Each tally and coverage of the vocabulary belongs to the one family that watches its
model with the tally's key lookup: its unit, or for a distinct count of other units
(units supervised by steering groups) the counted unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps

from ..vocabulary import KINDS, Coverage, Tally


@dataclass(frozen=True)
class Watch:
    model: str
    # Lookup from a row of ``model`` to the keying unit ("" when the row is the unit).
    key: str


@dataclass(frozen=True)
class Family:
    code: str
    watches: tuple[Watch, ...]

    def adds_rows(self, watch: Watch) -> bool:
        """Whether a row of ``watch`` inserted is noted by its id, so that the drain adds that
        row's figures instead of recounting the unit's.

        Every tally reads its own row and the rows that row points at, never rows pointing at
        it, so an inserted row adds its own figures to the additive ones and changes no other
        row's. Distinct counts and coverage are recounted all the same. Not for the unit count,
        nor for a row keyed through rows that point at it (when inserted, it has none).
        """
        if self.code == UNITS:
            return False
        model = apps.get_model(watch.model)
        for hop in watch.key.split("__"):
            field = model._meta.get_field(hop)
            if not field.many_to_one:
                return False
            model = field.related_model
        return True

    def key_lookup(self, model: str) -> str | None:
        for watch in self.watches:
            if watch.model == model:
                return watch.key
        return None


UNITS = "units"

FAMILIES: tuple[Family, ...] = (
    Family(UNITS, (Watch("organization.Unit", ""),)),
    Family(
        "study",
        (
            Watch("campaigns.StudyActivity", "unit"),
            Watch("campaigns.StudySession", "activity__unit"),
            Watch("campaigns.StudyAttendance", "activity__unit"),
        ),
    ),
    Family(
        "research",
        (Watch("campaigns.ResearchTopic", "unit"), Watch("campaigns.AdoptedMeasure", "topic__unit")),
    ),
    Family("field_visit", (Watch("campaigns.FieldVisit", "unit"),)),
    Family(
        "steering",
        (Watch("campaigns.SteeringGroup", "unit"), Watch("campaigns.SteeringGroupMember", "group__unit")),
    ),
    # Keyed by the supervised unit: its coverage, and its share of "units supervised".
    Family(
        "steering_units",
        (
            Watch("campaigns.SteeringAssignment", "unit"),
            Watch("campaigns.SteeringGroup", "assignments__unit"),
        ),
    ),
    Family(
        "supervision",
        (Watch("campaigns.SupervisionVisit", "unit"), Watch("campaigns.SteeringGroup", "visits__unit")),
    ),
    Family(
        "rectification",
        (Watch("campaigns.RectificationItem", "unit"), Watch("campaigns.RectificationEvent", "item__unit")),
    ),
    Family("outreach", (Watch("campaigns.OutreachEvent", "unit"),)),
    Family(
        "conference",
        (
            Watch("conferences.Conference", "secretariat"),
            Watch("conferences.Attendee", "conference__secretariat"),
        ),
    ),
    Family(
        "directive",
        (Watch("conferences.DirectiveRecipient", "unit"), Watch("conferences.Directive", "deliveries__unit")),
    ),
)
BY_CODE: dict[str, Family] = {f.code: f for f in FAMILIES}


def distinct_elsewhere(tally: Tally) -> list[str]:
    """Measures of ``tally`` that count distinct units other than the tally's own unit."""
    return [m for m, agg in tally.values.items() if agg.distinct and agg.field != tally.unit]


def tally_key(tally: Tally) -> str:
    """The lookup that keys a tally's figures: its unit, or the unit it counts distinctly."""
    elsewhere = {tally.values[m].field for m in distinct_elsewhere(tally)}
    if len(elsewhere) > 1 or (elsewhere and len(elsewhere) != len(tally.values)):
        raise ValueError(f"A tally of {tally.model} mixes distinct counts of other units with other measures")
    return elsewhere.pop() if elsewhere else tally.unit


def family_of(model: str, key: str) -> Family:
    matches = [f for f in FAMILIES if f.key_lookup(model) == key]
    if len(matches) != 1:
        raise LookupError(f"{len(matches)} families watch {model} by {key!r}; exactly one must")
    return matches[0]


@dataclass(frozen=True)
class Member:
    """A tally or coverage of ``kind``, counted in its family."""

    kind: str
    source: Tally | Coverage


def members(family: Family) -> list[Member]:
    out = []
    for code, kind in KINDS.items():
        for tally in kind.tallies:
            if family_of(tally.model, tally_key(tally)) is family:
                out.append(Member(code, tally))
        if family_of(kind.coverage.model, kind.coverage.unit) is family:
            out.append(Member(code, kind.coverage))
    return out
