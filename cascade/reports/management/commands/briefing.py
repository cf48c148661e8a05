import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cascade.campaigns.models import Campaign
from cascade.organization.domain import find_unit
from cascade.reports.briefing import build_briefing, render
from cascade.reports.domain import Period


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}) from exc


class Command(BaseCommand):
    help = (
        "Write a briefing on a unit's subtree from the records: narrative and figures table, "
        "in English or Chinese, as Markdown, HTML or Word."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--unit", required=True, help="Unit name, Chinese name or short name (e.g. OCFAC)."
        )
        parser.add_argument("--campaign", help="Campaign slug.")
        parser.add_argument("--from", dest="start", help="Period start (YYYY-MM-DD).")
        parser.add_argument("--to", dest="end", help="Period end (YYYY-MM-DD).")
        parser.add_argument("--lang", choices=["en", "zh"], default="en", help="Language (default en).")
        parser.add_argument("--format", dest="fmt", choices=["md", "html", "docx"], default="md")
        parser.add_argument("--output", help="File to write (default: standard output).")
        parser.add_argument(
            "--base-url",
            default="",
            help="Site address (e.g. https://cascade.example) to make the figures' links absolute.",
        )
        parser.add_argument("--as-of", help="Day against which lateness is judged (default today).")

    def handle(self, *args, **options) -> None:
        try:
            unit = find_unit(options["unit"])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        campaign = None
        if options["campaign"]:
            campaign = Campaign.objects.filter(slug=options["campaign"]).first()
            if campaign is None:
                raise CommandError(_("No campaign has the slug “%(slug)s”.") % {"slug": options["campaign"]})
        period = None
        if options["start"] or options["end"]:
            period = Period(
                start=_date(options["start"]) if options["start"] else None,
                end=_date(options["end"]) if options["end"] else None,
            )
            if period.start and period.end and period.end < period.start:
                raise CommandError(_("The end date cannot be before the start date."))
        as_of = _date(options["as_of"]) if options["as_of"] else None
        briefing = build_briefing(
            unit=unit, campaign=campaign, period=period, lang=options["lang"], as_of=as_of
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
