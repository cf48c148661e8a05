"""Admin for narrative reports."""

import pytest
from django.urls import reverse

from cascade.intake.choices import Language, ReportStatus
from cascade.intake.models import NarrativeReport
from cascade.organization.tests.factories import UnitFactory


def _post(**changes) -> dict[str, str]:
    data = {
        "unit": "",
        "campaign": "",
        "title": "Report for 2023",
        "period_start": "2023-04-01",
        "period_end": "2023-12-31",
        "dated": "",
        "language": Language.EN,
        "text": "",
        "status": ReportStatus.SUBMITTED,
        # The inline of facts read from the report (none yet).
        "facts-TOTAL_FORMS": "0",
        "facts-INITIAL_FORMS": "0",
        "facts-MIN_NUM_FORMS": "0",
        "facts-MAX_NUM_FORMS": "1000",
    }
    data.update({k: str(v) for k, v in changes.items()})
    return data


@pytest.mark.django_db
def test_admin_narrative_report_records_who_submitted_it(admin_client, admin_user):
    unit = UnitFactory()
    response = admin_client.post(
        reverse("admin:intake_narrativereport_add"), _post(unit=unit.pk, text="Two rounds of reading class.")
    )
    assert response.status_code == 302
    assert NarrativeReport.objects.get().submitted_by == admin_user


@pytest.mark.django_db
def test_admin_narrative_report_needs_content(admin_client):
    response = admin_client.post(reverse("admin:intake_narrativereport_add"), _post(unit=UnitFactory().pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not NarrativeReport.objects.exists()
