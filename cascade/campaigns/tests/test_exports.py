import io

import openpyxl
import pytest
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import StudyKind
from cascade.campaigns.tests.factories import StudyActivityFactory
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory


@pytest.fixture
def setup(db, client):
    root = UnitFactory(name="Root")
    a = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="A")
    b = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="B")
    mine = StudyActivityFactory(unit=a, kind=StudyKind.SEMINAR, title="外交思想研讨")
    StudyActivityFactory(unit=a, kind=StudyKind.LECTURE, title="Lecture")
    StudyActivityFactory(unit=b, kind=StudyKind.SEMINAR, title="Theirs")
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.UNIT_CLERK, unit=a)
    client.force_login(user)
    return {"mine": mine, "client": client, "user": user}


def test_export_xlsx_is_a_real_workbook_with_filtered_rows(setup):
    response = setup["client"].get(
        reverse("campaigns:studyactivity_list"), {"kind": "seminar", "export": "xlsx"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:2] == ("ID", "Title")
    assert [(row[0], row[1]) for row in values[1:]] == [(setup["mine"].pk, "外交思想研讨")]


def test_export_csv_keeps_chinese_text(setup):
    response = setup["client"].get(reverse("campaigns:studyactivity_list"), {"export": "csv", "q": "研讨"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffID,")
    assert "外交思想研讨" in text and "Theirs" not in text


def test_export_is_logged_in_the_audit_trail(setup):
    setup["client"].get(reverse("campaigns:studyactivity_list"), {"export": "csv"})
    entry = AuditEntry.objects.get(action="studyactivity.exported")
    assert (entry.user_id, entry.data["format"]) == (setup["user"].pk, "csv")


def test_export_unknown_format_is_400(setup):
    response = setup["client"].get(reverse("campaigns:studyactivity_list"), {"export": "pdf"})
    assert response.status_code == 400


def test_export_invalid_filter_is_400_not_500(setup):
    response = setup["client"].get(
        reverse("campaigns:studyactivity_list"), {"export": "csv", "start_date_after": "not-a-date"}
    )
    assert response.status_code == 400
