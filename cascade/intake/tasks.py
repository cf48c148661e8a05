"""Background work of the intake: checking and importing uploaded spreadsheets."""

from django_tasks import task


@task()
def process_import(job_id: int, commit: bool) -> None:
    """Check (``commit`` false) or import an uploaded spreadsheet (``cascade.intake.imports.process_job``)."""
    from .imports import process_job

    process_job(job_id, commit=commit)
