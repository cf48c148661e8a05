"""The question every figures command asks: which unit's subtree, campaign, period and as-of day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from cascade.campaigns.models import Campaign
from cascade.organization.domain import find_unit
from cascade.organization.models import Unit
from cascade.reports.domain import Period


@dataclass(frozen=True)
class Scope:
    unit: Unit
    campaign: Campaign | None
    period: Period | None
    as_of: date | None


def add_scope_arguments(
    parser: CommandParser, *, unit_example: str = "MFA", unit_required: bool = True
) -> None:
    parser.add_argument(
        "--unit", required=unit_required, help=f"Unit name, Chinese name or short name (e.g. {unit_example})."
    )
    parser.add_argument("--campaign", help="Campaign slug.")
    parser.add_argument("--from", dest="start", help="Period start (YYYY-MM-DD).")
    parser.add_argument("--to", dest="end", help="Period end (YYYY-MM-DD).")
    parser.add_argument("--as-of", help="Day against which lateness is judged (default today).")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}) from exc


def scope_from_options(options: dict) -> Scope:
    """The options resolved, or a CommandError that says what is wrong."""
    try:
        unit = find_unit(options["unit"])
    except LookupError as exc:
        raise CommandError(str(exc)) from exc
    campaign = None
    if options["campaign"]:
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(_("No campaign has the slug “%(slug)s”.") % {"slug": options["campaign"]})
    period = None
    if options["start"] or options["end"]:
        period = Period(
            start=_date(options["start"]) if options["start"] else None,
            end=_date(options["end"]) if options["end"] else None,
        )
        if period.start and period.end and period.end < period.start:
            raise CommandError(_("The end date cannot be before the start date."))
    as_of = _date(options["as_of"]) if options["as_of"] else None
    return Scope(unit=unit, campaign=campaign, period=period, as_of=as_of)
