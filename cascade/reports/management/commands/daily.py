"""``cascade daily [--day YYYY-MM-DD]``: the day's work at once, as the daily task does it.

Moves the lateness day to the day, applies the pending recounts, and sends the day's
reminders (notifications in the app and emails). Running it again for a day sends nothing new.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from cascade.reports.tasks import run_daily


class Command(BaseCommand):
    help = (
        "Judge lateness as of the day, apply the pending recounts and send the day's reminders (idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="The day to run as (YYYY-MM-DD; default: today).")

    def handle(self, *args, **options) -> None:
        day = timezone.localdate()
        if options["day"]:
            try:
                day = date.fromisoformat(options["day"])
            except ValueError:
                raise CommandError(_("Give the day as YYYY-MM-DD.")) from None
        counts = run_daily(day)
        self.stdout.write(
            _(
                "%(day)s: %(due_soon)d due soon, %(overdue)d overdue, %(escalated)d escalated "
                "notifications; %(emails)d emails; %(unreached)d with nobody to tell."
            )
            % {"day": day.isoformat(), **counts}
        )
