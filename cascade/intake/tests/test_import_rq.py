"""An import through RQ on the machine's Redis: the backend for sites that outgrow one machine."""

import django_rq
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django_tasks_rq.backend import Job
from rq import SimpleWorker

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.intake import imports
from cascade.intake.choices import ImportStatus
from cascade.intake.tests.sheets import workbook
from cascade.intake.worker import RQ_BACKEND, worker_command
from cascade.organization.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

# A database of Redis of the tests' own, emptied before and after.
QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15"}}
RQ_TASKS = {"default": {"BACKEND": RQ_BACKEND}}


@pytest.fixture
def queue():
    with override_settings(TASKS=RQ_TASKS, RQ_QUEUES=QUEUES):
        django_rq.get_connection("default").flushdb()
        yield django_rq.get_queue("default", job_class=Job)
        django_rq.get_connection("default").flushdb()


def _people() -> SimpleUploadedFile:
    return SimpleUploadedFile("people.xlsx", workbook(["Name", "Unit"], ["Wang Lei", "ASIA"]))


def test_an_upload_is_queued_on_redis_and_checked_by_an_rq_worker(queue, django_capture_on_commit_callbacks):
    unit = UnitFactory(name="Department of Asian Affairs", short_name="ASIA")
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=unit).user
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(kind=imports.kind_for("people"), upload=_people(), user=clerk)
    assert (queue.count, status_of(job)) == (1, ImportStatus.CHECKING)
    # The worker runs in this process (no fork), so it sees the test's database.
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    assert (queue.count, status_of(job)) == (0, ImportStatus.CHECKED)
    job.refresh_from_db()
    assert job.counts == {"new": 1, "changed": 0, "unchanged": 0, "error": 0}


def test_serve_starts_rqs_worker_for_the_rq_backend():
    with override_settings(TASKS=RQ_TASKS):
        assert worker_command()[-4:] == ["rqworker", "default", "--job-class", "django_tasks_rq.backend.Job"]
    assert worker_command()[-2:] == ["db_worker", "--no-reload"]


def status_of(job) -> str:
    job.refresh_from_db()
    return job.status
