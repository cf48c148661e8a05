import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from cascade.intake import synth


class Command(BaseCommand):
    help = "Build a synthetic tree and activity records for scale work (bulk inserts, with progress)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--units", type=int, required=True, help="Number of units, the synthetic root included."
        )
        parser.add_argument("--records", type=int, required=True, help="About how many activity records.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (same seed, same data).")

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeRemainingColumn(),
            transient=True,
        ) as bar:
            tasks: dict[str, int] = {}

            def on_step(label: str, done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = bar.add_task(label, total=total)
                bar.update(tasks[label], completed=done)

            try:
                counts = synth.synthesize(
                    units=options["units"],
                    records=options["records"],
                    seed=options["seed"],
                    progress=synth.Progress(on_step=on_step),
                )
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{k}={v}" for k, v in counts.items())
        self.stdout.write(f"Built in {elapsed:.1f} s: {summary}")
