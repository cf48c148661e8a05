"""Edit pages of plain campaign records: in scope allowed, out of scope 404, read-only 403, nothing half-written."""

import pytest
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, signed_in
from cascade.campaigns.models import FieldVisit, OutreachEvent, StudyActivity
from cascade.campaigns.tests.factories import (
    FieldVisitFactory,
    OutreachEventFactory,
    StudyActivityFactory,
)
from cascade.core.tests.queries import page_queries
from cascade.organization.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

# model, URL name stem, factory, valid POST data for a unit (pk)
KINDS = {
    "studyactivity": (
        StudyActivity,
        StudyActivityFactory,
        lambda unit: {"unit": unit, "kind": "collective_study", "title": "Reading day"},
    ),
    "fieldvisit": (
        FieldVisit,
        FieldVisitFactory,
        lambda unit: {"unit": unit, "visited": "A port project", "date": "2023-05-04", "unannounced": "on"},
    ),
    "outreachevent": (
        OutreachEvent,
        OutreachEventFactory,
        lambda unit: {
            "unit": unit,
            "kind": "forum",
            "title": "A forum",
            "start_date": "2023-06-01",
            "participants": 12,
        },
    ),
}


def _state(model):
    return sorted(model.objects.values_list("pk", "updated_at")), AuditEntry.objects.count()


@pytest.mark.parametrize("name", KINDS)
def test_edit_pages_create_change_and_delete_in_scope(world, name):
    model, _factory, data = KINDS[name]
    client = signed_in(world["clerk"])
    response = client.post(reverse(f"campaigns:{name}_create"), data(world["mine"].pk))
    created = model.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse(f"campaigns:{name}_detail", args=[created.pk]),
    )
    assert AuditEntry.objects.filter(action=f"{name}.created", user=world["clerk"]).count() == 1
    edit = reverse(f"campaigns:{name}_edit", args=[created.pk])
    form = client.get(edit).context["form"]
    changed = {**data(world["mine"].pk), "version": form["version"].value()}
    assert client.post(edit, changed).status_code == 302
    assert AuditEntry.objects.filter(action=f"{name}.changed").count() == 1
    # Deleting takes the delete permission, which unit clerks do not hold.
    assert client.post(reverse(f"campaigns:{name}_delete", args=[created.pk])).status_code == 403
    office = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=world["mine"]).user
    assert signed_in(office).post(reverse(f"campaigns:{name}_delete", args=[created.pk])).status_code == 302
    assert model.objects.count() == 0


@pytest.mark.parametrize("name", KINDS)
def test_edit_pages_out_of_scope_answer_404_and_change_nothing(world, name):
    model, factory, data = KINDS[name]
    theirs = factory(unit=world["theirs"])
    client = signed_in(world["clerk"])
    before = _state(model)
    for view in ("edit", "delete"):
        url = reverse(f"campaigns:{name}_{view}", args=[theirs.pk])
        assert (client.get(url).status_code, client.post(url, data(world["mine"].pk)).status_code) == (
            404,
            404,
        )
    assert _state(model) == before


@pytest.mark.parametrize("name", KINDS)
def test_edit_pages_refuse_filing_a_record_under_a_unit_out_of_reach(world, name):
    model, _factory, data = KINDS[name]
    before = _state(model)
    response = signed_in(world["clerk"]).post(reverse(f"campaigns:{name}_create"), data(world["theirs"].pk))
    assert (response.status_code, list(response.context["form"].errors)) == (422, ["unit"])
    assert _state(model) == before


@pytest.mark.parametrize("name", KINDS)
def test_edit_pages_read_only_role_gets_403_and_changes_nothing(world, name):
    model, factory, data = KINDS[name]
    mine = factory(unit=world["mine"])
    client = signed_in(world["auditor"])
    before = _state(model)
    urls = [
        reverse(f"campaigns:{name}_create"),
        reverse(f"campaigns:{name}_edit", args=[mine.pk]),
        reverse(f"campaigns:{name}_delete", args=[mine.pk]),
    ]
    assert [
        (client.get(u).status_code, client.post(u, data(world["mine"].pk)).status_code) for u in urls
    ] == [(403, 403)] * 3
    assert _state(model) == before


def test_edit_page_bad_input_answers_field_errors_in_chinese(world):
    client = signed_in(world["clerk"])
    response = client.post(
        reverse("campaigns:studyactivity_create"),
        {"unit": world["mine"].pk, "kind": "collective_study", "title": "", "start_date": "2023-13-40"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    errors = response.context["form"].errors
    assert (response.status_code, sorted(errors)) == (422, ["start_date", "title"])
    assert errors["title"] == ["这个字段是必填项。"]
    assert StudyActivity.objects.count() == 0


def test_list_and_detail_offer_edit_only_to_who_may_write(world):
    activity = StudyActivityFactory(unit=world["mine"])
    create = reverse("campaigns:studyactivity_create")
    edit = reverse("campaigns:studyactivity_edit", args=[activity.pk])
    detail = reverse("campaigns:studyactivity_detail", args=[activity.pk])
    lists = reverse("campaigns:studyactivity_list")
    clerk, auditor = signed_in(world["clerk"]), signed_in(world["auditor"])
    assert (create in clerk.get(lists).content.decode(), edit in clerk.get(detail).content.decode()) == (
        True,
        True,
    )
    assert (create in auditor.get(lists).content.decode(), edit in auditor.get(detail).content.decode()) == (
        False,
        False,
    )


def test_edit_form_page_costs_the_same_queries_with_more_units(world):
    client = signed_in(world["clerk"])
    url = reverse("campaigns:studyactivity_create")
    few = page_queries(client, url)
    for n in range(3):
        StudyActivityFactory(unit=UnitFactory(parent=world["mine"], name=f"Bureau {n}"))
    assert page_queries(client, url) == few
