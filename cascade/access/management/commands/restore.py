"""``cascade restore FILE``: replace the whole database with a backup made by ``cascade backup``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from cascade.access.backup import VENDOR_NAMES, BackupError, check_backup, restore
from cascade.core.audit import log_action


class Command(BaseCommand):
    help = (
        "Replace the whole database with the backup in FILE (made by `cascade backup`). The file is "
        "checked first; a file that is not a Cascade backup is refused and nothing changes. Asks for "
        "confirmation unless --yes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup file to restore.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        using = DEFAULT_DB_ALIAS
        try:
            info = check_backup(options["file"], using=using)
        except BackupError as exc:
            raise CommandError(f"{exc} Nothing was changed.") from exc
        name = connections[using].settings_dict["NAME"]
        if not options["yes"]:
            self.stdout.write(
                f"This replaces everything in the {VENDOR_NAMES[info.vendor]} database {name} with the backup {info.path}."
            )
            try:
                answer = input("Type 'yes' to continue: ")
            except EOFError:
                answer = ""
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        try:
            restore(info.path, using=using)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        log_action(
            "database.restored", data={"file": str(info.path), "size": info.size, "vendor": info.vendor}
        )
        self.stdout.write(
            self.style.SUCCESS(f"Restored the {VENDOR_NAMES[info.vendor]} database {name} from {info.path}.")
        )
