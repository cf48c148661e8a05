"""The rectification ledger (整改台账) as Word and Excel, and a session's sign-in sheet as Word:
real files read back with python-docx and openpyxl."""

import datetime as dt
import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from cascade.access.tests.factories import signed_in
from cascade.campaigns import domain
from cascade.campaigns.choices import RectificationSource
from cascade.campaigns.tests.factories import (
    RectificationItemFactory,
    StudyActivityFactory,
    StudySessionFactory,
)
from cascade.organization.tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(world):
    owner = PersonFactory(name="Owner Sun", name_zh="孙负责人")
    a1 = RectificationItemFactory(
        unit=world["mine"],
        owner=owner,
        problem="Slow visa replies",
        problem_zh="签证答复慢",
        source=RectificationSource.INSPECTION,
        opened_on=dt.date(2023, 5, 2),
        deadline=dt.date(2023, 6, 30),
        measures="A reply within five days",
    )
    a2 = RectificationItemFactory(
        unit=world["mine"], owner=None, problem="Notes not kept", problem_zh="", opened_on=dt.date(2023, 5, 9)
    )
    RectificationItemFactory(unit=world["theirs"], problem="Someone else's problem")
    return a1, a2


def _ledger(client, fmt, **params):
    return client.get(reverse("campaigns:rectificationitem_list"), {"export": f"ledger.{fmt}", **params})


def test_ledger_docx_lists_own_items_with_their_details(world, items):
    response = _ledger(signed_in(world["clerk"]), "docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessing")
    document = docx.Document(io.BytesIO(response.content))
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == [
        "No.",
        "Unit",
        "Problem",
        "Source",
        "Owner",
        "Measures",
        "Opened on",
        "Deadline",
        "Status",
        "Verified on",
    ]
    assert rows[1:] == [
        [
            "1",
            "Ministry A",
            "Slow visa replies",
            "inspection",
            "Owner Sun",
            "A reply within five days",
            "May 2, 2023",
            "June 30, 2023",
            "open",
            "",
        ],
        [
            "2",
            "Ministry A",
            "Notes not kept",
            "self-examination",
            "",
            "",
            "May 9, 2023",
            "June 30, 2023",
            "open",
            "",
        ],
    ]
    assert document.paragraphs[0].text == "Rectification ledger"
    assert document.paragraphs[1].text.startswith("2 items, as of ")


def test_ledger_of_a_subtree_in_chinese_as_excel(world, items):
    client = signed_in(world["auditor"])
    response = client.get(
        reverse("campaigns:rectificationitem_list"),
        {"export": "ledger.xlsx", "unit": world["mine"].pk},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == f"整改台账：{world['mine'].name_zh}"
    assert values[3][:3] == ("序号", "单位", "问题")
    assert [row[2] for row in values[4:]] == ["签证答复慢", "Notes not kept"]
    assert [row[4] for row in values[4:]] == ["孙负责人", None]


def test_ledger_refuses_bad_filters_and_writes_an_audit_entry(world, items):
    from cascade.access.models import AuditEntry

    client = signed_in(world["clerk"])
    assert _ledger(client, "docx", opened_on_after="not a date").status_code == 400
    assert _ledger(client, "docx").status_code == 200
    assert list(
        AuditEntry.objects.filter(action="rectificationitem.exported").values_list("data__format", flat=True)
    ) == ["ledger.docx"]


def test_list_page_offers_the_ledger_with_its_filters(world, items):
    page = signed_in(world["clerk"]).get(reverse("campaigns:rectificationitem_list"), {"status": "open"})
    assert "?status=open&amp;export=ledger.docx" in page.content.decode()


def test_sign_in_sheet_as_word(world):
    today = timezone.localdate()
    activity = StudyActivityFactory(
        unit=world["mine"], title="Theory study group", start_date=today, end_date=today
    )
    session = StudySessionFactory(activity=activity, date=today, hours=Decimal("3"))
    present = MembershipFactory(
        unit=world["mine"], person=PersonFactory(name="Present Zhao", post="Counsellor")
    ).person
    MembershipFactory(unit=world["mine"], person=PersonFactory(name="Absent Qian", post="Attaché"))
    check_in, _new = domain.mark_present(session=session, person=present, user=world["clerk"])
    url = reverse("campaigns:studysession_sheet", args=[session.pk])
    client = signed_in(world["clerk"])
    assert f"{url}?format=docx" in client.get(url).content.decode()
    response = client.get(url, {"format": "docx"})
    document = docx.Document(io.BytesIO(response.content))
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    at = timezone.localtime(check_in.checked_in_at).strftime("%H:%M")
    assert rows == [
        ["No.", "Name", "Post", "Checked in", "Signature"],
        ["1", "Absent Qian", "Attaché", "", ""],
        ["2", "Present Zhao", "Counsellor", at, ""],
    ]
    assert document.paragraphs[0].text == "Sign-in sheet: Theory study group"
    assert signed_in(world["auditor"]).get(url, {"format": "docx"}).status_code == 403
