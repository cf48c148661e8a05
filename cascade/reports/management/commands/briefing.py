import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cascade.reports.briefing import build_briefing, render
from cascade.reports.management.scope import add_scope_arguments, scope_from_options


class Command(BaseCommand):
    help = (
        "Write a briefing on a unit's subtree from the records: narrative and figures table, "
        "in English or Chinese, as Markdown, HTML or Word."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_scope_arguments(parser, unit_example="OCFAC")
        parser.add_argument("--lang", choices=["en", "zh"], default="en", help="Language (default en).")
        parser.add_argument("--format", dest="fmt", choices=["md", "html", "docx"], default="md")
        parser.add_argument("--output", help="File to write (default: standard output).")
        parser.add_argument(
            "--base-url",
            default="",
            help="Site address (e.g. https://cascade.example) to make the figures' links absolute.",
        )

    def handle(self, *args, **options) -> None:
        scope = scope_from_options(options)
        briefing = build_briefing(
            unit=scope.unit,
            campaign=scope.campaign,
            period=scope.period,
            lang=options["lang"],
            as_of=scope.as_of,
        )
        output = render(briefing, options["fmt"], base_url=options["base_url"])
        if options["output"]:
            path = Path(options["output"])
            try:
                if isinstance(output, bytes):
                    path.write_bytes(output)
                else:
                    path.write_text(output, encoding="utf-8")
            except OSError as exc:
                raise CommandError(
                    _("Cannot write “%(path)s”: %(error)s") % {"path": path, "error": exc}
                ) from exc
            self.stderr.write(_("Briefing written to %(path)s") % {"path": path})
            return
        if isinstance(output, bytes):
            stream = getattr(self.stdout._out, "buffer", None)
            if stream is None or (self.stdout._out is sys.stdout and sys.stdout.isatty()):
                raise CommandError(
                    _("A Word file is binary: give --output FILE (or redirect standard output).")
                )
            stream.write(output)
            stream.flush()
            return
        self.stdout.write(output)
