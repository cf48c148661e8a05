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

from cascade.access.registry import SCOPES

from ..models import VALUE_COLUMNS
from ..vocabulary import KINDS, MEASURES

# Campaign keys: a campaign's id, or one of these.
NO_CAMPAIGN = 0
ALL_CAMPAIGNS = -1
# The bucket of grain 0 (everything) and the deadline of records that have none.
NO_DAY = date(1, 1, 1)
NO_DUE = date(9999, 12, 31)
GRAIN_ALL, GRAIN_MONTH, GRAIN_DAY = 0, 1, 2

UNITS = "units"
RECTIFICATION_TREND = "rectification_trend"
DECIMAL_SCALE = 10


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


def _series(
    code: str, measures: list[tuple[str, bool]], permission: str, overdue: str | None = None
) -> Series:
    if len(measures) > len(VALUE_COLUMNS):
        raise ValueError(f"Series {code} has {len(measures)} measures; at most {len(VALUE_COLUMNS)} fit")
    columns = {
        measure: Column(
            measure,
            index,
            scale=DECIMAL_SCALE if measure in MEASURES and MEASURES[measure].decimal else 1,
            distinct=distinct,
        )
        for index, (measure, distinct) in enumerate(measures)
    }
    return Series(code, columns, permission, overdue)


def _kind_series(kind) -> Series:
    measures = [(measure, agg.distinct) for tally in kind.tallies for measure, agg in tally.values.items()]
    permission = SCOPES[kind.tallies[0].model.lower()].permission
    return _series(kind.code, [*measures, ("covered", True)], permission, kind.overdue)


SERIES: dict[str, Series] = {
    **{code: _kind_series(kind) for code, kind in KINDS.items()},
    UNITS: _series(UNITS, [("units", False)], "organization.unit"),
    # Step changes of the rectification items' state (open, overdue, closed) on the days
    # they happened: their running sum is the state on any day, for the burndown.
    RECTIFICATION_TREND: _series(
        RECTIFICATION_TREND,
        [("open", False), ("overdue", False), ("closed", False)],
        "campaign.rectification",
    ),
}
