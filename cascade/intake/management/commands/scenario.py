"""``cascade scenario load NAME`` / ``cascade scenario list``: the bundled scenarios."""

from __future__ import annotations

import io
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from cascade.intake.scenarios import SCENARIOS, UnknownScenario, describe, load_scenario, row_counts


class Command(BaseCommand):
    help = "Load a bundled scenario (idempotent: loading twice changes nothing), or list the scenarios."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{load,list}")
        load = actions.add_parser("load", help="Load a scenario into the database.")
        load.add_argument("name", help="Scenario name, e.g. foreign-affairs-2023.")
        actions.add_parser("list", help="List the bundled scenarios.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list()
        else:
            self._load(options["name"])

    def _console(self) -> tuple[Console, io.StringIO]:
        buffer = io.StringIO()
        # A StringIO is no terminal, so rich writes plain text; it is then written through self.stdout.
        return Console(file=buffer, width=100), buffer

    def _flush(self, buffer: io.StringIO) -> None:
        self.stdout.write(buffer.getvalue(), ending="")

    def _list(self) -> None:
        console, buffer = self._console()
        table = Table(title="Scenarios")
        table.add_column("name")
        table.add_column("description")
        for name in SCENARIOS:
            table.add_row(name, describe(name))
        console.print(table)
        self._flush(buffer)

    def _load(self, name: str) -> None:
        if name not in SCENARIOS:
            raise CommandError(str(UnknownScenario(name)))
        before = row_counts()
        started = time.perf_counter()
        after = load_scenario(name)
        elapsed = time.perf_counter() - started
        console, buffer = self._console()
        table = Table(title=f"Scenario {name}")
        table.add_column("model")
        table.add_column("rows", justify="right")
        table.add_column("new", justify="right")
        for label, count in after.items():
            if count:
                table.add_row(label, str(count), str(count - before.get(label, 0)))
        console.print(table)
        created = sum(after.values()) - sum(before.values())
        console.print(f"Loaded {name} in {elapsed:.1f} s: {sum(after.values())} rows, {created} new.")
        self._flush(buffer)
