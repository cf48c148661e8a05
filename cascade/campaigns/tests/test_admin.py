"""Admin for campaigns: changelists cost the same at any length; rectification moves only by workflow."""

import datetime as dt

import pytest
from django.urls import reverse

from cascade.access.models import AuditEntry
from cascade.campaigns.choices import RectificationSource, RectificationStatus
from cascade.campaigns.domain import open_rectification
from cascade.campaigns.models import Campaign, RectificationEvent, RectificationItem, StudyActivity
from cascade.campaigns.tests.factories import (
    RectificationItemFactory,
    StudyActivityFactory,
    StudyAttendanceFactory,
)
from cascade.core.scopes import SYSTEM
from cascade.core.tests.queries import page_queries
from cascade.organization.tests.factories import PersonFactory, UnitFactory

S = RectificationStatus


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "make"),
    [
        (StudyActivity, lambda: StudyActivityFactory(speaker=PersonFactory())),
        (RectificationItem, lambda: RectificationItemFactory(verified_by=PersonFactory())),
    ],
    ids=["StudyActivity", "RectificationItem"],
)
def test_admin_changelist_queries_do_not_grow_with_rows(admin_client, model, make):
    url = _url(model, "changelist")
    make()
    admin_client.get(url)
    one = page_queries(admin_client, url)
    make()
    make()
    assert page_queries(admin_client, url) == one


@pytest.mark.django_db
def test_admin_study_activity_page_shows_sessions_and_attendance(admin_client):
    attendance = StudyAttendanceFactory(person=PersonFactory(name="Li Si"))
    response = admin_client.get(_url(StudyActivity, "change", attendance.activity.pk))
    assert response.status_code == 200
    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert prefixes == {"sessions", "attendances"}
    assert "Li Si" in response.content.decode()


@pytest.fixture
def item(db):
    owner = PersonFactory(name="Owner")
    return open_rectification(
        user=SYSTEM,
        unit=UnitFactory(),
        problem="Study records incomplete",
        source=RectificationSource.SELF_EXAMINATION,
        opened_on=dt.date(2023, 5, 1),
        deadline=dt.date(2023, 6, 30),
        owner=owner,
        person=owner,
    )


def _item_post(item: RectificationItem, **changes) -> dict[str, str]:
    events = item.events.count() if item.pk else 0
    data = {
        "campaign": item.campaign_id or "",
        "unit": item.unit_id,
        "owner": item.owner_id or "",
        "problem": item.problem,
        "problem_zh": item.problem_zh,
        "source": item.source,
        "finding": item.finding_id or "",
        "research_topic": item.research_topic_id or "",
        "measures": item.measures,
        "opened_on": item.opened_on.isoformat(),
        "deadline": item.deadline.isoformat() if item.deadline else "",
        **_management("events", total=events, initial=events),
        **_management("evidence"),
    }
    data.update({k: str(v) for k, v in changes.items()})
    return data


@pytest.mark.django_db
def test_admin_rectification_status_is_not_editable(admin_client, item):
    response = admin_client.get(_url(RectificationItem, "change", item.pk))
    form = response.context["adminform"].form
    assert not {"status", "verified_by", "verified_at"} & set(form.fields)
    response = admin_client.post(
        _url(RectificationItem, "change", item.pk),
        _item_post(item, measures="New measures", status=S.VERIFIED, verified_by=item.owner_id),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.measures, item.status, item.verified_by_id) == ("New measures", S.OPEN, None)
    assert AuditEntry.objects.filter(action="admin.rectificationitem.changed").exists()


@pytest.mark.django_db
def test_admin_rectification_events_are_read_only(admin_client, item):
    response = admin_client.get(_url(RectificationItem, "change", item.pk))
    events = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "events")
    assert not events.has_add_permission and not events.has_change_permission
    assert not events.has_delete_permission
    assert admin_client.get(_url(RectificationEvent, "add")).status_code == 403


@pytest.mark.django_db
def test_admin_rectification_added_here_starts_its_history(admin_client, admin_user):
    unit = UnitFactory()
    data = _item_post(
        RectificationItem(
            unit=unit,
            problem="Minutes not kept",
            source=RectificationSource.INSPECTION,
            opened_on=dt.date(2023, 5, 1),
        )
    )
    response = admin_client.post(_url(RectificationItem, "add"), data)
    assert response.status_code == 302
    item = RectificationItem.objects.get(problem="Minutes not kept")
    assert list(item.events.values_list("from_status", "to_status")) == [("", S.OPEN)]
    # Opened through the workflow's door: its one audit action, by the admin's user.
    opened = AuditEntry.objects.filter(action="rectification.opened", object_id=str(item.pk))
    assert [entry.user for entry in opened] == [admin_user]


@pytest.mark.django_db
def test_admin_rectification_bad_input_answers_a_form_error(admin_client, item):
    data = _item_post(item, deadline="2023-01-01", source=RectificationSource.SUPERVISION)
    response = admin_client.post(_url(RectificationItem, "change", item.pk), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors


@pytest.mark.django_db
def test_admin_rectification_actions_go_through_the_workflow(admin_client, admin_user, item):
    url = _url(RectificationItem, "changelist")
    response = admin_client.post(url, {"action": "mark_in_progress", "_selected_action": [item.pk]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == S.IN_PROGRESS
    assert item.events.last().user == admin_user

    # Not allowed by the workflow: the item stays where it is and the admin says why.
    response = admin_client.post(url, {"action": "mark_verified", "_selected_action": [item.pk]}, follow=True)
    item.refresh_from_db()
    assert item.status == S.IN_PROGRESS
    assert any(m.level_tag == "error" for m in response.context["messages"])


@pytest.mark.django_db
def test_admin_rectification_overdue_filter(admin_client):
    late = RectificationItemFactory(deadline=dt.date(2020, 1, 31), opened_on=dt.date(2020, 1, 1))
    RectificationItemFactory(deadline=dt.date(2999, 1, 1))
    response = admin_client.get(_url(RectificationItem, "changelist"), {"overdue": "yes"})
    assert list(response.context["cl"].result_list) == [late]


@pytest.mark.django_db
def test_admin_campaign_page_has_phrases_phases_and_scopes(admin_client):
    campaign = StudyActivityFactory().campaign
    response = admin_client.get(_url(Campaign, "change", campaign.pk))
    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert prefixes == {"phrases", "phases", "scopes"}
