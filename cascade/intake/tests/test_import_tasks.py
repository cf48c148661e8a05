"""An import through the real task queue: the database backend and its worker, as ``make run`` runs them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.intake import imports
from cascade.intake.choices import ImportStatus
from cascade.intake.tests.sheets import workbook
from cascade.organization.models import Person
from cascade.organization.tests.factories import UnitFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _imports():
    """The import tasks (the writes of a test also queue the figures' drain)."""
    return DBTaskResult.objects.filter(task_path="cascade.intake.tasks.process_import")


def _people(*names: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("people.xlsx", workbook(["Name", "Unit"], *([name, "ASIA"] for name in names)))


def _work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_upload_waits_for_the_worker_then_checks_and_imports():
    unit = UnitFactory(name="Department of Asian Affairs", short_name="ASIA")
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=unit).user
    job = imports.start_import(
        kind=imports.kind_for("people"), upload=_people("Wang Lei", "Li Na"), user=clerk
    )
    job.refresh_from_db()
    assert (job.status, _imports().count()) == (ImportStatus.CHECKING, 1)
    _work()
    job.refresh_from_db()
    assert (job.status, job.counts) == (
        ImportStatus.CHECKED,
        {"new": 2, "changed": 0, "unchanged": 0, "error": 0},
    )
    assert Person.objects.count() == 0
    imports.commit_import(job=job, user=clerk)
    _work()
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Li Na", "Wang Lei"]
    assert sorted(_imports().values_list("status", flat=True)) == ["SUCCESSFUL", "SUCCESSFUL"]
