"""``cascade extract FILE [--lang en|zh|auto] [--json]``: the facts, other figures and meetings in a report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cascade.intake.extraction import extract


def read_report(path: Path) -> str:
    """The text of a .txt (UTF-8) or .docx report; CommandError when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in {".txt", ".docx"}:
        raise CommandError(f"{path}: unsupported file type {suffix or '(none)'}; give a .txt or .docx file.")
    if not path.is_file():
        raise CommandError(f"{path}: no such file.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read the file ({exc.strerror or exc}).") from exc
    if suffix == ".docx":
        from cascade.intake.domain import docx_text

        try:
            return docx_text(data)
        except Exception as exc:  # python-docx raises several types for a corrupt or non-Word file
            raise CommandError(f"{path}: not a readable Word (.docx) document ({exc}).") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}).") from exc


class Command(BaseCommand):
    help = "Extract the figures (facts) and meetings from a narrative report (.txt or .docx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A .txt (UTF-8) or .docx report.")
        parser.add_argument("--lang", choices=["en", "zh", "auto"], default="auto", help="Default: auto.")
        parser.add_argument(
            "--json", action="store_true", help="Print JSON: {facts: [...], figures: [...], meetings: [...]}."
        )
        parser.add_argument(
            "--year", type=int, default=None, help="Year for meeting dates when the text has no date line."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = read_report(Path(options["file"]))
        result = extract(text, lang=options["lang"], default_year=options["year"])
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"Language: {result.lang}; {len(result.facts)} facts, {len(result.figures)} other figures, "
            f"{len(result.meetings)} meetings"
        )
        for fact in result.facts:
            qualifier = f"{fact.qualifier} " if fact.qualifier else ""
            self.stdout.write(
                f"  {fact.unit or '(no unit)'}: {fact.kind}.{fact.measure} = {qualifier}{fact.value}"
                f"  [{fact.start}:{fact.end}] {fact.text!r}"
            )
        for figure in result.figures:
            qualifier = f"{figure.qualifier} " if figure.qualifier else ""
            self.stdout.write(
                f"  {figure.unit or '(no unit)'}: {qualifier}{figure.value} {figure.noun or '(no noun)'}"
                f"  [{figure.start}:{figure.end}] {figure.text!r}"
            )
        for meeting in result.meetings:
            self.stdout.write(f"Meeting: {meeting.name}")
            for key, value in meeting.as_json().items():
                if key != "name" and value:
                    shown = "; ".join(value) if isinstance(value, list) else value
                    self.stdout.write(f"  {key}: {shown}")
