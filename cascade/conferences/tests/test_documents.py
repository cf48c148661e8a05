"""A directive's notice and a conference day's sign-in sheet as Word files, read back."""

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, signed_in
from cascade.conferences import domain
from cascade.conferences.models import Attendee
from cascade.conferences.tests.factories import (
    AttendeeCategoryFactory,
    ConferenceFactory,
    DirectiveFactory,
    DirectiveRecipientFactory,
)
from cascade.organization.models import Unit
from cascade.organization.tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    root = UnitFactory(name="Office", name_zh="办公室")
    a = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="Ministry A", name_zh="甲部")
    b = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="Ministry B", name_zh="乙部")
    conference = ConferenceFactory(title="Work conference", title_zh="工作会议", secretariat=root)
    directive = DirectiveFactory(
        title="Carry out the arrangements",
        title_zh="贯彻落实会议部署",
        text="Study the speech.\n\nReport by the deadline.",
        text_zh="学习讲话精神。\n\n按期报告。",
        issued_by=Unit.objects.get(pk=root.pk),
        conference=conference,
        issued_on=dt.date(2023, 12, 29),
        deadline=dt.date(2024, 3, 15),
    )
    for unit in (a, b):
        DirectiveRecipientFactory(directive=directive, unit=unit)
    return {
        "root": root,
        "a": a,
        "directive": directive,
        "conference": conference,
        "office": RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=root).user,
        "clerk": RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=a).user,
        "secretariat": RoleAssignmentFactory(role=Role.SECRETARIAT, unit=root).user,
    }


def _notice(client, directive, **headers):
    response = client.get(reverse("conferences:directive_notice", args=[directive.pk]), **headers)
    assert response.status_code == 200
    return docx.Document(io.BytesIO(response.content))


def test_notice_names_issuer_recipients_deadline_and_text(world):
    document = _notice(signed_in(world["office"]), world["directive"])
    text = [p.text for p in document.paragraphs]
    assert text == [
        "Carry out the arrangements",
        "Issued by: Office",
        "Issued on: Dec. 29, 2023",
        "Deadline: March 15, 2024",
        "Conference: Work conference",
        "Recipients (2)",
        "Ministry A; Ministry B",
        "Text",
        "Study the speech.",
        "Report by the deadline.",
        "Please acknowledge receipt and report progress in Cascade before March 15, 2024.",
    ]


def test_notice_in_chinese_names_only_the_recipients_the_reader_sees(world):
    document = _notice(signed_in(world["clerk"]), world["directive"], HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = [p.text for p in document.paragraphs]
    assert text[0] == "贯彻落实会议部署"
    assert "甲部" in text and "乙部" not in "".join(text)
    assert "学习讲话精神。" in text


def test_notice_of_a_directive_out_of_scope_is_404(world):
    other = DirectiveFactory(issued_by=world["root"], conference=world["conference"])
    DirectiveRecipientFactory(directive=other, unit=UnitFactory(name="Elsewhere"))
    client = signed_in(world["clerk"])
    assert client.get(reverse("conferences:directive_notice", args=[other.pk])).status_code == 404


def test_directive_page_links_to_its_notice(world):
    url = reverse("conferences:directive_detail", args=[world["directive"].pk])
    page = signed_in(world["clerk"]).get(url).content.decode()
    assert reverse("conferences:directive_notice", args=[world["directive"].pk]) in page


def test_attendance_list_by_category_as_word(world):
    today = timezone.localdate()
    conference = world["conference"]
    conference.start_date = conference.end_date = today
    conference.save()
    envoys = AttendeeCategoryFactory(conference=conference, name="Ambassadors", order=1)
    leaders = AttendeeCategoryFactory(conference=conference, name="Leaders", order=0)
    qian = Attendee.objects.create(
        conference=conference, person=PersonFactory(name="Qian", post="Ambassador"), category=envoys
    )
    Attendee.objects.create(
        conference=conference, person=PersonFactory(name="Sun", post="Minister"), category=leaders
    )
    check_in, _new = domain.mark_present(attendee=qian, day=today, user=world["secretariat"])
    url = reverse("conferences:conference_sheet", args=[conference.pk])
    response = signed_in(world["secretariat"]).get(url, {"day": today.isoformat(), "format": "docx"})
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Leaders", "Ambassadors"]
    at = timezone.localtime(check_in.checked_in_at).strftime("%H:%M")
    tables = [[[c.text for c in row.cells] for row in t.rows][1:] for t in document.tables]
    assert tables == [[["1", "Sun", "Minister", "", ""]], [["1", "Qian", "Ambassador", at, ""]]]
