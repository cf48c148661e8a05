"""``cascade backup FILE``: a consistent copy of the whole database, taken while Cascade runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from cascade.access.backup import VENDOR_NAMES, BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE: SQLite through its online backup API, PostgreSQL "
        "with pg_dump --format=custom. Safe while the server runs. Restore with `cascade restore FILE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            nargs="?",
            help="Where to write the backup (default: var/backups/cascade-<date-time>.sqlite3 or .dump).",
        )
        parser.add_argument("--overwrite", action="store_true", help="Replace FILE if it exists.")

    def handle(self, *args: Any, **options: Any) -> None:
        using = DEFAULT_DB_ALIAS
        path = options["file"]
        if not path:
            suffix = ".sqlite3" if connections[using].vendor == "sqlite" else ".dump"
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"cascade-{timezone.localtime():%Y%m%d-%H%M%S}{suffix}"
        try:
            info = backup(path, using=using, overwrite=options["overwrite"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {VENDOR_NAMES[info.vendor]} database to {info.path} ({info.size} bytes)."
            )
        )
