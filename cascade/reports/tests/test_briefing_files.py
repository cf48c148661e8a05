"""A large subtree's briefing as a Word file, made by the task worker: the reader is led to a page
that follows the work and offers the file when it is ready; the file is theirs alone, made
with their scope and language."""

import io

import pytest
from django.urls import reverse
from docx import Document

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory, signed_in
from cascade.campaigns.choices import StudyKind
from cascade.campaigns.tests.factories import CampaignFactory, StudyActivityFactory
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory, fresh
from cascade.reports.briefing import files
from cascade.reports.choices import BriefingFileStatus
from cascade.reports.models import BriefingFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(settings):
    settings.CASCADE_BRIEFING_BACKGROUND_UNITS = 3  # the office's four units are "large"
    office = UnitFactory(name="Campaign office", short_name="CO")
    campaign = CampaignFactory(office=fresh(office))
    for name, name_zh in (("Ministry A", "甲部"), ("Ministry B", "乙部"), ("Ministry C", "丙部")):
        ministry = UnitFactory(parent=fresh(office), name=name, name_zh=name_zh)
        StudyActivityFactory(
            unit=ministry, campaign=campaign, kind=StudyKind.SEMINAR, title=f"Seminar of {name}"
        )
    return fresh(office)


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_large_subtree_word_file_is_made_by_the_worker(tree, django_capture_on_commit_callbacks):
    user = RoleAssignmentFactory(role=Role.AUDITOR, unit=tree).user  # reading is all it takes
    client = signed_in(user)
    page = client.get(reverse("unit-briefing", args=[tree.pk]), {"lang": "en"})
    assert "download>Word" not in page.content.decode()  # its link leads to a page, not a file
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.get(reverse("unit-briefing", args=[tree.pk]), {"lang": "en", "format": "docx"})
    job = BriefingFile.objects.get()
    assert (answer.status_code, answer.url) == (302, reverse("briefing-file", args=[job.pk]))
    assert (job.status, job.requested_by, job.unit) == (BriefingFileStatus.READY, user, tree)
    status = client.get(reverse("briefing-file", args=[job.pk]), headers={"HX-Request": "true"})
    assert reverse("briefing-file-download", args=[job.pk]) in status.content.decode()
    download = client.get(reverse("briefing-file-download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="briefing-co-en.docx"')
    text = _docx_text(download.content)
    assert [line for line in text.splitlines() if "seminar" in line] == [
        f"The Ministry {name} held 1 seminar and exchange." for name in "ABC"
    ]
    assert AuditEntry.objects.filter(action="briefing.requested", object_id=str(job.pk)).count() == 1


def test_word_file_is_made_with_the_requesters_scope_and_language(tree, django_capture_on_commit_callbacks):
    # The office itself, and of the units below it Ministry A only.
    user = RoleAssignmentFactory(role=Role.AUDITOR, unit=tree, include_descendants=False).user
    RoleAssignmentFactory(user=user, role=Role.UNIT_CLERK, unit=Unit.objects.get(name="Ministry A"))
    with django_capture_on_commit_callbacks(execute=True):
        job = files.request_file(
            unit=tree, campaign=None, period=None, lang="zh", base_url="http://x/", user=user
        )
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        text = _docx_text(handle.read())
    # The office's briefing as this user may read it, in Chinese: Ministry A's seminar only.
    assert [line for line in text.splitlines() if "研讨交流" in line] == ["甲部开展1场研讨交流。"]
    assert ("乙部" in text, "丙部" in text) == (False, False)


def test_waiting_page_polls_until_the_file_is_ready(tree):
    job = files.request_file(
        unit=tree,
        campaign=None,
        period=None,
        lang="en",
        base_url="http://x/",
        user=UserFactory(is_superuser=True),
    )
    client = signed_in(job.requested_by)
    page = client.get(reverse("briefing-file", args=[job.pk]))
    assert "every 2s" in page.content.decode()
    assert client.get(reverse("briefing-file-download", args=[job.pk])).status_code == 404


def test_briefing_file_of_another_user_is_not_found(tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = files.request_file(
            unit=tree,
            campaign=None,
            period=None,
            lang="en",
            base_url="http://x/",
            user=UserFactory(is_superuser=True),
        )
    other = signed_in(UserFactory(is_superuser=True))
    codes = [
        other.get(reverse("briefing-file", args=[job.pk])).status_code,
        other.get(reverse("briefing-file-download", args=[job.pk])).status_code,
    ]
    assert codes == [404, 404]


def test_failed_work_says_so_and_offers_no_file(tree, monkeypatch, django_capture_on_commit_callbacks):
    def broken(**_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("cascade.reports.briefing.build_briefing", broken)
    user = UserFactory(is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        files.request_file(unit=tree, campaign=None, period=None, lang="en", base_url="http://x/", user=user)
    job = BriefingFile.objects.get()
    assert (job.status, job.message, bool(job.file)) == (
        BriefingFileStatus.FAILED,
        "The Word file could not be made because of an error on the server.",
        False,
    )
    page = signed_in(user).get(reverse("briefing-file", args=[job.pk]))
    assert job.message in page.content.decode()


def test_small_subtree_word_file_comes_at_once(tree, settings):
    settings.CASCADE_BRIEFING_BACKGROUND_UNITS = 4
    client = signed_in(UserFactory(is_superuser=True))
    answer = client.get(reverse("unit-briefing", args=[tree.pk]), {"lang": "en", "format": "docx"})
    assert (answer.status_code, BriefingFile.objects.count()) == (200, 0)
    assert "The Ministry C held 1 seminar and exchange." in _docx_text(answer.content)


def test_briefing_file_needs_read_rights_over_the_unit(tree):
    outsider = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=UnitFactory(name="Elsewhere")).user
    answer = signed_in(outsider).get(reverse("unit-briefing", args=[tree.pk]), {"format": "docx"})
    assert (answer.status_code, BriefingFile.objects.count()) == (404, 0)
