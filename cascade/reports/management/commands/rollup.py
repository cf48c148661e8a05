import json
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cascade.reports.domain import rollup
from cascade.reports.engine import drain, rebuild
from cascade.reports.management.scope import add_scope_arguments, scope_from_options
from cascade.reports.vocabulary import KINDS, MEASURES


class Command(BaseCommand):
    help = (
        "Figures for a unit's whole subtree: totals by kind and measure, coverage, and per direct child. "
        "--rebuild recounts every figure from the records; --drain applies the pending recounts "
        "(--follow keeps doing so, as a worker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_scope_arguments(parser, unit_required=False)
        parser.add_argument("--json", action="store_true", help="Print the stable JSON document.")
        parser.add_argument(
            "--rebuild", action="store_true", help="Recount every figure from the records first."
        )
        parser.add_argument("--drain", action="store_true", help="Apply the pending recounts first.")
        parser.add_argument(
            "--follow",
            type=float,
            metavar="SECONDS",
            help="With --drain: keep draining, pausing SECONDS between rounds, until interrupted.",
        )

    def handle(self, *args, **options) -> None:
        if options["follow"] is not None and not options["drain"]:
            raise CommandError(_("--follow goes with --drain."))
        if options["rebuild"]:
            started = time.perf_counter()
            rebuild()
            self.stderr.write(
                _("Recounted every figure in %(seconds).1f s.") % {"seconds": time.perf_counter() - started}
            )
        if options["drain"]:
            self._drain(options["follow"])
        if not options["unit"]:
            if options["rebuild"] or options["drain"]:
                return
            raise CommandError(_("Name a unit with --unit (or ask for --rebuild or --drain)."))
        scope = scope_from_options(options)
        result = rollup(unit=scope.unit, campaign=scope.campaign, period=scope.period, as_of=scope.as_of)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        self._print_table(result)

    def _drain(self, pause: float | None) -> None:
        while True:
            taken = drain()
            if taken:
                self.stderr.write(
                    ngettext(
                        "Applied %(count)d pending recount.", "Applied %(count)d pending recounts.", taken
                    )
                    % {"count": taken}
                )
            if pause is None:
                return
            try:
                time.sleep(pause)
            except KeyboardInterrupt:
                return

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
