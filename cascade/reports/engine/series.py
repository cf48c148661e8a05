"""How figures are stored: one *series* per activity kind (plus the unit count and the
rectification trend), each with up to eight integer value columns.

A series' columns are its kind's counted measures in declaration order, then ``covered``
(a unit with at least one record of the kind). Decimal measures are stored in tenths so
that sums are exact on every database. *Distinct* columns count units, not records
(coverage, units supervised): they do not add up across campaigns, so their
all-campaigns figure is kept apart under ``ALL_CAMPAIGNS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cascade.core.registry import SCOPES

from ..models import VALUE_COLUMNS
from ..vocabulary import KINDS, MEASURES

# Campaign keys: a campaign's id, or one of these.
NO_CAMPAIGN = 0
ALL_CAMPAIGNS = -1
# The bucket of grain 0 (everything) and the deadline of records that have none.
NO_DAY = date(1, 1, 1)
NO_DUE = date(9999, 12, 31)
GRAIN_ALL, GRAIN_MONTH, GRAIN_DAY = 0, 1, 2  # a unit's strict descendants

UNITS = "units"
RECTIFICATION_TREND = "rectification_trend"
DUE = "_due"  # suffix of a kind's deadline series
DECIMAL_SCALE = 10
GRAIN_OWN = 3


@dataclass(frozen=True)
class Column:
    measure: str
    index: int
    scale: int = 1
    distinct: bool = False

    @property
    def name(self) -> str:
        return VALUE_COLUMNS[self.index]


@dataclass(frozen=True)
class Series:
    code: str
    columns: dict[str, Column]
    permission: str
    # The column that, counted where the deadline is before the as-of day, is "overdue".
    overdue: str | None = None

    def column(self, measure: str) -> Column:
        return self.columns[measure]


# Distinct columns sit at fixed places, so that one SQL expression per column picks, over
# all campaigns, the right rows for every series: coverage last, another distinct count
# (units supervised) before it.
COVERED_INDEX = len(VALUE_COLUMNS) - 1
DISTINCT_INDEX = len(VALUE_COLUMNS) - 2


def _series(
    code: str, measures: list[tuple[str, bool]], permission: str, overdue: str | None = None
) -> Series:
    additive = [m for m, distinct in measures if not distinct]
    distinct = [m for m, distinct in measures if distinct and m != "covered"]
    if len(distinct) > 1 or len(additive) > (DISTINCT_INDEX if distinct else COVERED_INDEX):
        raise ValueError(
            f"Series {code}: {len(additive)} measures and {len(distinct)} distinct counts do not fit"
        )

    def scale(measure: str) -> int:
        return DECIMAL_SCALE if measure in MEASURES and MEASURES[measure].decimal else 1

    columns = {m: Column(m, i, scale=scale(m)) for i, m in enumerate(additive)}
    columns |= {m: Column(m, DISTINCT_INDEX, distinct=True) for m in distinct}
    if any(m == "covered" for m, _d in measures):
        columns["covered"] = Column("covered", COVERED_INDEX, distinct=True)
    return Series(code, columns, permission, overdue)


def _kind_series(kind) -> list[Series]:
    """A kind's series; a kind with lateness also has "overdue" (as of the lateness day) and a
    deadline series: its records still open, by deadline."""
    measures = [(measure, agg.distinct) for tally in kind.tallies for measure, agg in tally.values.items()]
    permission = SCOPES[kind.tallies[0].model.lower()].permission
    if not kind.overdue:
        return [_series(kind.code, [*measures, ("covered", True)], permission)]
    return [
        _series(kind.code, [*measures, ("overdue", False), ("covered", True)], permission, kind.overdue),
        _series(kind.code + DUE, [(kind.overdue, False)], permission),
    ]


SERIES: dict[str, Series] = {
    **{s.code: s for kind in KINDS.values() for s in _kind_series(kind)},
    UNITS: _series(UNITS, [("units", False)], "organization.unit"),
    # Step changes of the rectification items' state (open, overdue, closed) on the days
    # they happened: their running sum is the state on any day, for the burndown.
    RECTIFICATION_TREND: _series(
        RECTIFICATION_TREND,
        [("open", False), ("overdue", False), ("closed", False)],
        "campaign.rectification",
    ),
}
DUE_SERIES = tuple(code for code in SERIES if code.endswith(DUE))
# Series whose column DISTINCT_INDEX holds a distinct count.
DISTINCT_SERIES = tuple(
    code
    for code, s in SERIES.items()
    if any(c.distinct and c.index == DISTINCT_INDEX for c in s.columns.values())
)
