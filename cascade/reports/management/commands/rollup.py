import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cascade.campaigns.models import Campaign
from cascade.organization.domain import find_unit
from cascade.reports.domain import Period, rollup
from cascade.reports.vocabulary import KINDS, MEASURES


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}) from exc


class Command(BaseCommand):
    help = "Figures for a unit's whole subtree: totals by kind and measure, coverage, and per direct child."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Unit name, Chinese name or short name (e.g. MFA).")
        parser.add_argument("--campaign", help="Campaign slug.")
        parser.add_argument("--from", dest="start", help="Period start (YYYY-MM-DD).")
        parser.add_argument("--to", dest="end", help="Period end (YYYY-MM-DD).")
        parser.add_argument("--as-of", help="Day against which lateness is judged (default today).")
        parser.add_argument("--json", action="store_true", help="Print the stable JSON document.")

    def handle(self, *args, **options) -> None:
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
        result = rollup(unit=unit, campaign=campaign, period=period, as_of=as_of)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        self._print_table(result)

    def _print_table(self, result) -> None:
        from rich.console import Console
        from rich.table import Table

        console = Console(file=self.stdout, width=120)
        title = f"{result.unit} — {result.campaign or _('all campaigns')}"
        table = Table(title=title)
        table.add_column(_("kind"))
        table.add_column(_("figures"))
        table.add_column(_("coverage"), justify="right")
        for code, kind in KINDS.items():
            figures = ", ".join(f"{MEASURES[m].label}: {v:g}" for m, v in result.totals[code].items() if v)
            cov = result.coverage[code]
            table.add_row(str(kind.label), figures or "—", f"{cov['covered']}/{cov['in_scope']}")
        console.print(table)
