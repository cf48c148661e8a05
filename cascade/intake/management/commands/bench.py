import json
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cascade.intake import bench

FIGURES = (
    "rollup_root_p95_ms",
    "rollup_mid_p95_ms",
    "rollup_leaf_p95_ms",
    "rollup_root_fresh_p95_ms",
    "rollup_mid_fresh_p95_ms",
    "rollup_leaf_fresh_p95_ms",
    "write_rows_per_s",
    "bulk_rows_per_s",
    "peak_rss_mb",
    "dashboard_root_p95_ms",
    "dashboard_lag_ms",
    "served_dashboard_rps",
    "served_dashboard_p95_ms",
    "served_list_rps",
    "served_list_p95_ms",
    "import_rows_per_s",
    "import_peak_rss_mb",
    "build_s",
)


def _size(text: str) -> tuple[int, int]:
    try:
        units, records = text.split(":")
        return int(units), int(records)
    except ValueError as exc:
        raise CommandError(_("“%(text)s” is not UNITS:RECORDS.") % {"text": text}) from exc


class Command(BaseCommand):
    help = (
        "Measure the rollup engine against counting the records, side by side, on synthetic trees "
        "(each in a throw-away database); print a table or JSON lines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quick", action="store_true", help="Small trees, about a minute per database.")
        parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
        parser.add_argument("--size", action="append", type=_size, help="UNITS:RECORDS (repeatable).")
        parser.add_argument("--json", action="store_true", help="One JSON object per figure.")
        parser.add_argument("--output", help="Also append the JSON lines to this directory's results file.")
        parser.add_argument("--phase", nargs="+", help="(internal) run one phase in the current database.")

    def handle(self, *args, **options) -> None:
        if options["phase"]:
            name, *values = options["phase"]
            bench.PHASES[name](*(_value(v) for v in values))
            return
        kinds = ["sqlite", "postgres"] if options["db"] == "both" else [options["db"]]
        output = None
        if options["output"]:
            folder = Path(options["output"])
            folder.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            output = (folder / f"{stamp}{'-quick' if options['quick'] else ''}.jsonl").open("a")
            output.write(json.dumps({"machine": bench.machine()}) + "\n")
        rows = []
        for row in bench.run(kinds=kinds, quick=options["quick"], sizes=options["size"]):
            rows.append(row)
            if output:
                output.write(json.dumps(row) + "\n")
                output.flush()
            if options["json"]:
                self.stdout.write(json.dumps(row))
        if not options["json"]:
            self.stdout.write(render(rows))


def _value(text: str):
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{value:,}"


def render(rows: list[dict]) -> str:
    """A table: one line per figure and size, engine, baseline and ratio side by side."""
    header = ("db", "units", "records", "figure", "engine", "baseline", "ratio")
    lines = [header]
    for row in sorted(
        rows,
        key=lambda r: (
            r["db"],
            FIGURES.index(r["figure"]) if r["figure"] in FIGURES else 99,
            r.get("writers", 0),
            r["units"],
        ),
    ):
        name = row["figure"] + (f" ({row['writers']} writers)" if "writers" in row else "")
        if row.get("errors"):
            name += f" ({row['errors']} errors)"
        lines.append(
            (
                row["db"],
                _fmt(row["units"]),
                _fmt(row["records"]),
                name,
                _fmt(row["engine"]),
                _fmt(row["baseline"]),
                _fmt(row["ratio"]) + ("x" if row["ratio"] is not None else ""),
            )
        )
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )
