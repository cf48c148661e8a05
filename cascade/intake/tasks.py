"""Background work of the intake: checking and importing uploaded spreadsheets, reading long reports' figures."""

from django_tasks import task


@task()
def process_import(job_id: int, commit: bool) -> None:
    """Check (``commit`` false) or import an uploaded spreadsheet (``cascade.intake.imports.process_job``)."""
    from .imports import process_job

    process_job(job_id, commit=commit)


@task()
def extract_figures(report_id: int, user_id: int, previous: str) -> int:
    """Read a long report's figures as the user who asked (``cascade.intake.domain.read_figures``)."""
    from .domain import extract_queued

    return extract_queued(report_id, user_id, previous)
