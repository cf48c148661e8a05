"""``cascade eval_extract [--data DIR] [--json] [--min-f1 F]``: score the extractor on the evaluation set."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from cascade.intake.extraction.evaluate import DEFAULT_DATA, Score, evaluate


def _cell(score: Score) -> str:
    return f"{score.true_positives}/{score.gold}" if score.gold or score.predicted else "-"


class Command(BaseCommand):
    help = "Score fact and meeting extraction against the gold evaluation set (precision, recall, F1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data", default=str(DEFAULT_DATA), help="Directory of NAME.txt + NAME.gold.json."
        )
        parser.add_argument("--json", action="store_true", help="Print the numbers as JSON.")
        parser.add_argument(
            "--min-f1", type=float, default=None, help="Fail when the overall strict fact F1 is below this."
        )
        parser.add_argument("--verbose", action="store_true", help="List missed and spurious items.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = evaluate(Path(options["data"]))
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            self._table(report, verbose=options["verbose"])
        f1 = report.total("strict").f1
        if options["min_f1"] is not None and f1 < options["min_f1"]:
            raise CommandError(f"Fact F1 {f1:.3f} is below the required {options['min_f1']:.3f}.")

    def _table(self, report, *, verbose: bool) -> None:
        buffer = io.StringIO()
        console = Console(file=buffer, width=140)
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
            f"{strict.precision:.3f}",
            f"{strict.recall:.3f}",
            f"{strict.f1:.3f}",
            f"{relaxed.f1:.3f}",
            _cell(report.total("people")),
            _cell(report.total("categories")),
            _cell(report.total("fields")),
            style="bold",
        )
        console.print(table)
        if verbose:
            for doc in report.documents:
                for fact in doc.missed:
                    console.print(f"{doc.name}: missed {fact}")
                for fact in doc.spurious:
                    console.print(f"{doc.name}: spurious {fact}")
                for item in doc.missed_meeting_items:
                    console.print(f"{doc.name}: missed {item}")
        self.stdout.write(buffer.getvalue(), ending="")
