"""A briefing of a large subtree stays a briefing: a body's many reading classes are told by
their totals (not a sentence each), each total linked to exactly the records it counts, and
the Word file of thousands of linked figures is written in one pass."""

import io

import pytest
from docx import Document

from cascade.access.tests.factories import UserFactory
from cascade.campaigns.choices import Cohort, StudyKind
from cascade.campaigns.tests.factories import StudyActivityFactory
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory, fresh
from cascade.reports.briefing import build_briefing, render
from cascade.reports.briefing.facts import MAX_CLASS_GROUPS
from cascade.reports.briefing.model import Figure
from cascade.reports.tests.test_briefing_links import _page_rows

pytestmark = pytest.mark.django_db


def _text(paragraph) -> str:
    return "".join(s.text if isinstance(s, Figure) else s for s in paragraph.segments)


@pytest.fixture
def office():
    """An office with one body whose departments hold many differently titled reading classes."""
    office = UnitFactory(name="Campaign office", name_zh="办公室")
    body = UnitFactory(parent=fresh(office), name="Ministry", name_zh="某部")
    for number in range(MAX_CLASS_GROUPS + 3):
        department = UnitFactory(parent=fresh(body), name=f"Department {number}")
        cohort = Cohort.ROUND if number % 3 else Cohort.BATCH
        StudyActivityFactory(
            unit=department, kind=StudyKind.READING_CLASS, cohort=cohort, title=f"Reading class {number}"
        )
    return fresh(office)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "The Ministry held 9 reading classes, 6 rounds and 3 batches among them."),
        ("zh", "某部共举办9期读书班，其中轮训6轮、分批培训3期。"),
    ],
)
def test_many_reading_classes_are_told_by_their_totals(office, client, lang, expected):
    user = UserFactory(is_superuser=True)
    briefing = build_briefing(unit=office, campaign=None, period=None, lang=lang, user=user)
    texts = [_text(p) for p in briefing.paragraphs]
    assert [t for t in texts if "读书班" in t or "reading class" in t] == [expected]
    client.force_login(user)
    # The totals in the text, and in the figures table, each list exactly their records.
    counted = sorted(
        (f.text, f.value, len(_page_rows(client, f.url)))
        for f in briefing.figures
        if f.kind == "reading_class"
    )
    texts = ("9 reading classes", "6 rounds", "3 batches") if lang == "en" else ("9期读书班", "6轮", "3期")
    assert counted == sorted(
        [(t, int(t[0]), int(t[0])) for t in texts] + [(n, int(n), int(n)) for n in "963"]
    )


def test_few_reading_classes_are_still_told_one_group_each(office):
    body = Unit.objects.get_children(office).get()
    for department in Unit.objects.get_children(body)[MAX_CLASS_GROUPS - 1 :]:
        department.study_activities.all().delete()
    briefing = build_briefing(
        unit=office, campaign=None, period=None, lang="en", user=UserFactory(is_superuser=True)
    )
    sentences = " ".join(_text(p) for p in briefing.paragraphs)
    assert sentences.count("reading class") == MAX_CLASS_GROUPS - 1


def test_word_file_links_every_figure_once_per_address(office):
    briefing = build_briefing(
        unit=office, campaign=None, period=None, lang="en", user=UserFactory(is_superuser=True)
    )
    document = Document(io.BytesIO(render(briefing, "docx", base_url="http://cascade.test/")))
    targets = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    addresses = {f.absolute_url("http://cascade.test/") for f in briefing.figures}
    assert sorted(targets) == sorted(addresses)
