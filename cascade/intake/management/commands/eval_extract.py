"""``cascade eval_extract [--set labelled|rules|set-aside|all] [--data DIR] [--json] [--min-f1 F] [--rules]``.

Scores the reader on an evaluation set: the 44 labelled documents (``labelled``, the default),
the real public documents the rules were written against (``rules``), the real ones set aside
(``set-aside``), or all three (``all``, what ``make eval-extract`` prints; a set with no documents
yet, as the set-aside part between rounds, is shown empty there).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from cascade.intake.extraction.evaluate import SETS, Report, Score, evaluate


def _cell(score: Score) -> str:
    return f"{score.true_positives}/{score.gold}" if score.gold or score.predicted else "-"


def _empty(path: Path) -> bool:
    """A set with no documents yet (the set-aside part between rounds): ``all`` shows it empty."""
    return not any(path.glob("*.gold.json"))


def _prf(score: Score) -> tuple[str, str, str]:
    return f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"


class Command(BaseCommand):
    help = "Score fact and meeting extraction against the gold evaluation sets (precision, recall, F1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--set",
            dest="which",
            choices=[*SETS, "all"],
            default="labelled",
            help="Which evaluation set (default: labelled; all: every set, one line each).",
        )
        parser.add_argument("--data", default=None, help="A directory of NAME.txt + NAME.gold.json instead.")
        parser.add_argument("--json", action="store_true", help="Print the numbers as JSON.")
        parser.add_argument(
            "--min-f1", type=float, default=None, help="Fail when a set's strict fact F1 is below this."
        )
        parser.add_argument("--verbose", action="store_true", help="List missed and spurious items.")
        parser.add_argument("--rules", action="store_true", help="Score each rule of the reader on its own.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["data"]:
            chosen = {Path(options["data"]).name: Path(options["data"])}
        elif options["which"] == "all":
            chosen = dict(SETS)
        else:
            chosen = {options["which"]: SETS[options["which"]]}
        try:
            reports = {
                name: Report([]) if options["which"] == "all" and _empty(path) else evaluate(path)
                for name, path in chosen.items()
            }
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        single = len(reports) == 1
        if options["json"]:
            data = (
                next(iter(reports.values())).as_json()
                if single
                else {"sets": {name: report.as_json() for name, report in reports.items()}}
            )
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        elif single:
            self._table(next(iter(reports.values())), verbose=options["verbose"])
        else:
            self._summary(reports)
        if options["rules"] and not options["json"]:
            self._rules(reports)
        for name, report in reports.items():
            f1 = report.total("strict").f1
            if options["min_f1"] is not None and report.documents and f1 < options["min_f1"]:
                raise CommandError(
                    f"Fact F1 {f1:.3f} on {name} is below the required {options['min_f1']:.3f}."
                )

    def _print(self, *renderables) -> None:
        buffer = io.StringIO()
        console = Console(file=buffer, width=160)
        for renderable in renderables:
            console.print(renderable)
        self.stdout.write(buffer.getvalue(), ending="")

    def _summary(self, reports: dict[str, Report]) -> None:
        table = Table(title="Extraction evaluation: facts (every figure) and meeting people")
        for column in (
            "set", "documents", "facts P", "facts R", "facts F1", "F1 (no unit)",
            "people P", "people R", "people F1", "categories", "fields",
        ):  # fmt: skip
            table.add_column(column, justify="left" if column == "set" else "right")
        for name, report in reports.items():
            if not report.documents:
                table.add_row(name, "0", *["-"] * 9)
                continue
            facts, people = report.total("strict"), report.total("people")
            table.add_row(
                name,
                str(len(report.documents)),
                *_prf(facts),
                f"{report.total('relaxed').f1:.3f}",
                *_prf(people),
                _cell(report.total("categories")),
                _cell(report.total("fields")),
            )
        self._print(table)

    def _rules(self, reports: dict[str, Report]) -> None:
        table = Table(title="Each rule: correct / predicted (precision)")
        table.add_column("rule")
        for name in reports:
            table.add_column(name, justify="right")
        names = sorted({rule for report in reports.values() for rule in report.rules()})
        for rule in names:
            cells = []
            for report in reports.values():
                score = report.rules().get(rule)
                cells.append(
                    f"{score.true_positives}/{score.predicted} ({score.precision:.2f})" if score else "-"
                )
            table.add_row(rule, *cells)
        self._print(table)

    def _table(self, report: Report, *, verbose: bool) -> None:
        table = Table(title="Extraction evaluation")
        for column in ("document", "lang", "P", "R", "F1", "F1 (no unit)", "people", "categories", "fields"):
            table.add_column(column, justify="left" if column in {"document", "lang"} else "right")
        for doc in report.documents:
            table.add_row(
                doc.name,
                doc.lang,
                f"{doc.strict.precision:.2f}",
                f"{doc.strict.recall:.2f}",
                f"{doc.strict.f1:.2f}",
                f"{doc.relaxed.f1:.2f}",
                _cell(doc.people),
                _cell(doc.categories),
                _cell(doc.fields),
            )
        strict, relaxed = report.total("strict"), report.total("relaxed")
        table.add_row(
            "OVERALL",
            "",
            *_prf(strict),
            f"{relaxed.f1:.3f}",
            _cell(report.total("people")),
            _cell(report.total("categories")),
            _cell(report.total("fields")),
            style="bold",
        )
        lines = []
        if verbose:
            for doc in report.documents:
                lines += [f"{doc.name}: missed {fact}" for fact in doc.missed]
                lines += [f"{doc.name}: spurious {fact}" for fact in doc.spurious]
                lines += [f"{doc.name}: missed {item}" for item in doc.missed_meeting_items]
        self._print(table, *lines)
