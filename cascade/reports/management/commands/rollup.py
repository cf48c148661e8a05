import json

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from cascade.reports.domain import rollup
from cascade.reports.management.scope import add_scope_arguments, scope_from_options
from cascade.reports.vocabulary import KINDS, MEASURES


class Command(BaseCommand):
    help = "Figures for a unit's whole subtree: totals by kind and measure, coverage, and per direct child."

    def add_arguments(self, parser: CommandParser) -> None:
        add_scope_arguments(parser)
        parser.add_argument("--json", action="store_true", help="Print the stable JSON document.")

    def handle(self, *args, **options) -> None:
        scope = scope_from_options(options)
        result = rollup(unit=scope.unit, campaign=scope.campaign, period=scope.period, as_of=scope.as_of)
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
