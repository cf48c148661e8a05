import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cascade.conferences.choices import DirectiveStatus
from cascade.conferences.domain import (
    acknowledge_directive,
    cascade_directive,
    issue_directive,
    report_progress,
    set_directive_status,
)
from cascade.conferences.models import Directive, DirectiveRecipient
from cascade.conferences.tests.factories import ConferenceFactory
from cascade.core.scopes import SYSTEM
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory


@pytest.fixture
def setup(db):
    root = UnitFactory(name="Office")
    ministry = UnitFactory(parent=root, name="Ministry")
    kids = [UnitFactory(parent=Unit.objects.get(pk=ministry.pk), name=f"Dept {i}") for i in range(3)]
    other = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="Agency")
    directive = issue_directive(
        user=SYSTEM,
        title="Implement the arrangements",
        issued_by=root,
        recipients=[Unit.objects.get(pk=ministry.pk), other],
        issued_on=dt.date(2023, 12, 29),
        deadline=dt.date(2024, 3, 31),
        conference=ConferenceFactory(),
    )
    return {"root": root, "ministry": ministry, "kids": kids, "other": other, "directive": directive}


def _delivery(setup, key="ministry"):
    return DirectiveRecipient.objects.get(directive=setup["directive"], unit=setup[key])


def test_issue_directive_creates_pending_deliveries(setup):
    assert (
        list(setup["directive"].deliveries.values_list("status", flat=True)) == [DirectiveStatus.PENDING] * 2
    )


def test_issue_directive_without_recipients_refused(setup):
    with pytest.raises(ValidationError):
        issue_directive(
            user=SYSTEM,
            title="x",
            issued_by=setup["root"],
            recipients=[],
            issued_on=dt.date(2024, 1, 1),
            deadline=dt.date(2024, 2, 1),
            campaign=None,
            conference=setup["directive"].conference,
        )


def test_acknowledge_directive_sets_time(setup):
    delivery = acknowledge_directive(user=SYSTEM, delivery=_delivery(setup))
    assert delivery.status == DirectiveStatus.ACKNOWLEDGED
    assert delivery.acknowledged_at is not None


def test_directive_done_before_acknowledged_refused(setup):
    with pytest.raises(ValidationError):
        set_directive_status(user=SYSTEM, delivery=_delivery(setup), to=DirectiveStatus.DONE)


def test_cascade_directive_reaches_every_child(setup):
    child = cascade_directive(user=SYSTEM, delivery=_delivery(setup), issued_on=dt.date(2024, 1, 5))
    assert child.parent_id == setup["directive"].pk
    assert sorted(child.deliveries.values_list("unit__name", flat=True)) == ["Dept 0", "Dept 1", "Dept 2"]
    assert child.deadline == dt.date(2024, 3, 31)
    assert _delivery(setup).status == DirectiveStatus.ACKNOWLEDGED


def test_cascade_directive_to_non_child_refused(setup):
    with pytest.raises(ValidationError):
        cascade_directive(user=SYSTEM, delivery=_delivery(setup), recipients=[setup["other"]])
    assert Directive.objects.count() == 1


def test_cascade_directive_later_deadline_refused(setup):
    with pytest.raises(ValidationError):
        cascade_directive(user=SYSTEM, delivery=_delivery(setup), deadline=dt.date(2024, 4, 30))
    assert Directive.objects.count() == 1


def test_report_progress_moves_to_in_progress(setup):
    delivery = acknowledge_directive(user=SYSTEM, delivery=_delivery(setup))
    report_progress(user=SYSTEM, delivery=delivery, text="Study sessions held", percent_done=40)
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.IN_PROGRESS
    assert delivery.progress_reports.get().percent_done == 40


def test_report_progress_over_100_refused(setup):
    delivery = acknowledge_directive(user=SYSTEM, delivery=_delivery(setup))
    with pytest.raises(ValidationError):
        report_progress(user=SYSTEM, delivery=delivery, text="x", percent_done=140)
    assert delivery.progress_reports.count() == 0


def test_cascade_directive_twice_refused(setup):
    cascade_directive(user=SYSTEM, delivery=_delivery(setup), issued_on=dt.date(2024, 1, 5))
    with pytest.raises(ValidationError):
        cascade_directive(user=SYSTEM, delivery=_delivery(setup), issued_on=dt.date(2024, 1, 6))
    assert Directive.objects.filter(parent=setup["directive"]).count() == 1
