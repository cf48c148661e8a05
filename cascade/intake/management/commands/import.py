"""``cascade import KIND FILE [--dry-run] [--user NAME]``: records from an .xlsx or .csv file.

The rows go through the same forms and domain functions as the pages, as ``--user`` (the
system when none is given), in one transaction: nothing is written unless every row is good. ``--dry-run`` only checks. ``cascade import KIND --template OUT.xlsx`` writes an
empty workbook with the kind's headers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from cascade.core.scopes import SYSTEM
from cascade.intake import imports
from cascade.intake.spreadsheets import UnreadableFile, read_table

SHOWN_ERRORS = 50


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


class Command(BaseCommand):
    help = "Import records from an .xlsx or .csv file (kinds: " + ", ".join(imports.KINDS) + ")."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="What the rows are: " + ", ".join(imports.KINDS) + ".")
        parser.add_argument("file", nargs="?", help="The .xlsx or .csv file.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")
        parser.add_argument("--user", help="Import as this user (their scope applies); default: the system.")
        parser.add_argument(
            "--template", metavar="OUT", help="Write an empty .xlsx template for KIND and exit."
        )
        parser.add_argument(
            "--language", choices=["en", "zh-hans"], default="en", help="Messages and headers."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        try:
            kind = imports.kind_for(options["kind"])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        user = self._user(options["user"])
        if options["template"]:
            Path(options["template"]).write_bytes(imports.template(kind, user=user))
            self.stdout.write(f"Wrote {options['template']}")
            return
        if not options["file"]:
            raise CommandError("Give the file to import (or --template OUT).")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read the file ({exc.strerror or exc}).") from exc
        try:
            table = read_table(data, file_name=path.name, accept=imports.accepts(kind, user=user))
        except UnreadableFile as exc:
            raise CommandError(f"{path}: {exc}") from exc
        audit = {"file": path.name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        result = self._run(kind, table, user, commit=not options["dry_run"], audit=audit)
        self._report(result, dry_run=options["dry_run"])
        if not result.ok:
            errors = result.count("error")
            raise CommandError(
                f"{_rows(errors)} {'has' if errors == 1 else 'have'} errors; nothing was imported."
            )

    def _user(self, name: str | None):
        if not name:
            return SYSTEM
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user is called {name!r}.")
        return user

    def _run(self, kind, table, user, *, commit: bool, audit=None) -> imports.ImportResult:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        verb = "Importing" if commit else "Checking"
        columns = (TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, transient=True, disable=not self.stdout.isatty()) as bar:
            task = bar.add_task(verb, total=len(table.rows))
            return imports.run_import(
                kind=kind,
                table=table,
                user=user,
                commit=commit,
                audit=audit,
                progress=lambda done, total: bar.update(task, completed=done),
            )

    def _report(self, result: imports.ImportResult, *, dry_run: bool) -> None:
        counts = result.counts
        if result.ignored_columns:
            self.stdout.write("Ignored columns: " + ", ".join(result.ignored_columns))
        for row in [r for r in result.rows if r.outcome == "error"][:SHOWN_ERRORS]:
            self.stdout.write(f"row {row.number}: " + " ".join(row.errors))
        if result.count("error") > SHOWN_ERRORS:
            self.stdout.write(f"... and {result.count('error') - SHOWN_ERRORS} more rows with errors")
        state = "imported" if result.committed else ("checked, nothing written" if result.ok else "refused")
        self.stdout.write(
            f"{_rows(len(result.rows))} {state}: {counts['new']} new, {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged, {counts['error']} with errors"
            + (" (dry run)" if dry_run else "")
        )
