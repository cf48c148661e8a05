"""``cascade demo``: a working Cascade in one command.

Migrates the database, loads the bundled foreign-affairs scenario, (re)creates the demo
accounts with fresh passwords, prints them, and serves the app on the loopback address, with a
task worker (``cascade db_worker``) beside it for background work and the clock
(``cascade clock``) that enqueues the daily run (lateness, reminders).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from cascade.intake.worker import start_clock, start_worker, stop

SCENARIO = "foreign-affairs-2023"


class Command(BaseCommand):
    help = (
        "Migrate, load the foreign-affairs-2023 scenario, reset the demo accounts (printed with "
        "new passwords) and serve Cascade on 127.0.0.1:8000."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the database and accounts, then exit."
        )
        parser.add_argument(
            "--addrport",
            default="127.0.0.1:8000",
            help="Address and port to serve on (default 127.0.0.1:8000).",
        )

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        self.stdout.write("Migrating the database ...")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))

        self.stdout.write(f"Loading the scenario {SCENARIO} ...")
        # Imported here: the scenario module is heavy and only the demo needs it.
        from cascade.intake.scenarios import load_scenario

        counts = load_scenario(SCENARIO)
        if isinstance(counts, dict) and counts:
            units = counts.get("organization.Unit")
            summary = f"{sum(counts.values())} rows" + (f", {units} units" if units is not None else "")
            self.stdout.write(f"  the database now holds {summary}")

        from cascade.intake.scenarios.demo import ensure_demo_accounts

        accounts = ensure_demo_accounts()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo accounts (passwords are new on every run):"))
        self.stdout.write(_table(("username", "password", "scope"), accounts))
        self.stdout.write("")

        if options["no_serve"]:
            return
        if not settings.DEBUG:
            # Without DEBUG, WhiteNoise serves only collected (hashed) files.
            call_command("collectstatic", interactive=False, verbosity=0)
        # Background work runs in a worker beside the web server; the clock queues the daily run.
        worker = start_worker()
        clock = start_clock()
        self.stdout.write(f"Serving on http://{options['addrport']}/  (Ctrl-C stops)")
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            stop(clock)
            stop(worker)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])
