"""Writing records over the API (``cascade.core.api.record_routes``): every kind the edit pages
write can be created, read, changed and deleted through the same form and domain function,
within the caller's scope only, and a change over a newer version is refused.

Each kind is walked the same way: a row of unit A is read, deleted, and created again from
what was read; then changed, and changed once more with the version read before (409).
"""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory, signed_in
from cascade.access.tests.test_permission_matrix import _factories, _make
from cascade.api import api
from cascade.campaigns.models import RectificationEvent, RectificationItem, SupervisionFinding
from cascade.campaigns.tests.factories import (
    CampaignFactory,
    StudyActivityFactory,
    SupervisionFindingFactory,
    SupervisionVisitFactory,
)
from cascade.core.registry import SCOPES
from cascade.organization.models import Membership, Person, Unit
from cascade.organization.tests.factories import PersonFactory, UnitFactory, fresh

pytestmark = pytest.mark.django_db

JSON = "application/json"


@functools.cache
def _schemas() -> dict:
    return api.get_openapi_schema()["components"]["schemas"]


def _write_routes() -> dict[str, str]:
    """The kinds of record with create, read, change and delete routes (``study_activity``...)."""
    names = {p.name for resolver in api.urls[0] for p in getattr(resolver, "url_patterns", [resolver])}
    kinds = set()
    for name in names:
        if name and name.startswith("change_"):
            kind = name.removeprefix("change_")
            if kind not in ("unit", "person"):  # units and people are not deleted over the API
                assert {f"create_{kind}", f"delete_{kind}", f"get_{kind}"} <= names, kind
                kinds.add(kind)
    return kinds


KINDS = sorted(_write_routes())


def _unit_scoped(kind: str) -> bool:
    return SCOPES[_label(kind)].unit is not None


def _row(kind: str, unit: Unit):
    """A row of ``kind`` in ``unit`` (a kind kept by no unit, such as a conference's parts: any row)."""
    label = _label(kind)
    return _make(label, unit) if _unit_scoped(kind) else _factories()[label]()


def _label(kind: str) -> str:
    model_name = kind.replace("_", "")
    return next(
        m._meta.label_lower
        for m in apps.get_models()
        if m._meta.model_name == model_name and m.__module__.startswith("cascade.")
    )


@pytest.fixture
def world(db):
    root = UnitFactory(name="Root")
    a = UnitFactory(parent=fresh(root), name="A")
    b = UnitFactory(parent=fresh(root), name="B")
    writer = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=fresh(a)).user
    auditor = RoleAssignmentFactory(role=Role.AUDITOR, unit=fresh(a)).user
    return {"a": fresh(a), "b": fresh(b), "writer": writer, "auditor": auditor}


def _unversioned(record: dict) -> dict:
    """A record as answered, without its version (a signed token, new on every answer)."""
    return {k: v for k, v in record.items() if k != "version"}


def _body(kind: str, read: dict, schema: str) -> dict:
    """What ``read`` (a record as the API answered it) says of the fields a body of ``schema`` takes."""
    fields = _schemas()[schema]["properties"]
    return {k: v for k, v in read.items() if k in fields and v is not None and k != "version"}


def _changing(kind: str, read: dict) -> dict:
    """A change to ``read``: its first free-text field, else its first yes/no field turned over."""
    properties = _schemas()[f"{_model(kind).__name__}Patch"]["properties"]
    for name, spec in properties.items():
        kinds = [s.get("type") for s in spec.get("anyOf", [spec])]
        plain = not any({"enum", "format", "pattern"} & set(s) for s in spec.get("anyOf", [spec]))
        text_only = "string" in kinds and "number" not in kinds  # a decimal is a number or a string
        if name in read and text_only and plain and name not in ("slug", "version"):
            text = f"{read[name]} (changed)" if read[name] else "changed"
            return {name: text[: spec["anyOf"][0].get("maxLength", 1000)]}
    for name, spec in properties.items():
        if name in read and "boolean" in [s.get("type") for s in spec.get("anyOf", [spec])]:
            return {name: not read[name]}
    raise AssertionError(f"nothing to change in {kind}")


def _model(kind: str):
    return apps.get_model(_label(kind))


def _url(name: str, pk: int | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk} if pk is not None else None)


@pytest.mark.parametrize("kind", KINDS)
def test_record_round_trip_reads_deletes_creates_and_changes(world, kind):
    # A superuser: the factories' rows name people and units anywhere (scope is tested below).
    client = signed_in(UserFactory(is_superuser=True))
    model = _model(kind)
    own = _row(kind, world["a"])
    read = client.get(_url(f"get_{kind}", own.pk))
    assert read.status_code == 200
    read = read.json()

    assert client.delete(_url(f"delete_{kind}", own.pk)).status_code == 204
    assert not model.objects.filter(pk=own.pk).exists()
    assert client.get(_url(f"get_{kind}", own.pk)).status_code == 404

    body = _body(kind, read, f"{model.__name__}In")
    created = client.post(_url(f"create_{kind}"), body, content_type=JSON)
    assert created.status_code == 201, created.json()
    created = created.json()
    assert {k: created.get(k) for k in body} == body
    assert model.objects.filter(pk=created["id"]).count() == 1

    change = _changing(kind, created)
    changed = client.patch(
        _url(f"change_{kind}", created["id"]), {**change, "version": created["version"]}, content_type=JSON
    )
    assert changed.status_code == 200, changed.json()
    assert {k: changed.json()[k] for k in change} == change
    # The rest kept its values.
    assert {k: changed.json().get(k) for k in body if k not in change} == {
        k: v for k, v in body.items() if k not in change
    }

    stale = client.patch(
        _url(f"change_{kind}", created["id"]),
        {**_changing(kind, changed.json()), "version": created["version"]},
        content_type=JSON,
    )
    assert stale.status_code == 409
    assert _unversioned(client.get(_url(f"get_{kind}", created["id"])).json()) == _unversioned(changed.json())


@pytest.mark.parametrize("kind", [k for k in KINDS if _unit_scoped(k)])
def test_record_of_a_sibling_unit_is_not_found_and_stays(world, kind):
    client = signed_in(world["writer"])
    model = _model(kind)
    other = _make(_label(kind), world["b"])
    before = model.objects.filter(pk=other.pk).values().get()
    answers = [
        client.get(_url(f"get_{kind}", other.pk)).status_code,
        client.patch(_url(f"change_{kind}", other.pk), {}, content_type=JSON).status_code,
        client.delete(_url(f"delete_{kind}", other.pk)).status_code,
    ]
    assert answers == [404, 404, 404]
    assert model.objects.filter(pk=other.pk).values().get() == before


@pytest.mark.parametrize("kind", KINDS)
def test_record_writes_are_refused_to_a_read_only_role(world, kind):
    client = signed_in(world["auditor"])
    model = _model(kind)
    own = _row(kind, world["a"])
    read = client.get(_url(f"get_{kind}", own.pk))
    assert read.status_code == 200
    rows = model.objects.count()
    entries = AuditEntry.objects.count()
    body = _body(kind, read.json(), f"{model.__name__}In")
    answers = [
        client.post(_url(f"create_{kind}"), body, content_type=JSON).status_code,
        client.patch(
            _url(f"change_{kind}", own.pk), _changing(kind, read.json()), content_type=JSON
        ).status_code,
        client.delete(_url(f"delete_{kind}", own.pk)).status_code,
    ]
    assert answers == [403, 403, 403]
    assert (model.objects.count(), AuditEntry.objects.count()) == (rows, entries)
    assert _unversioned(client.get(_url(f"get_{kind}", own.pk)).json()) == _unversioned(read.json())


def test_record_placed_out_of_scope_is_refused_by_field(world):
    client = signed_in(world["writer"])
    campaign = CampaignFactory(office=world["a"])
    body = {"campaign_id": campaign.pk, "unit_id": world["b"].pk, "kind": "seminar", "title": "Seminar"}
    answer = client.post(_url("create_study_activity"), body, content_type=JSON)
    assert answer.status_code == 422
    assert list(answer.json()["errors"]) == ["unit_id"]
    assert not StudyActivityFactory._meta.model.objects.filter(title="Seminar").exists()


def test_record_errors_come_in_the_callers_language(world):
    client = signed_in(world["writer"])
    activity = StudyActivityFactory(unit=world["a"])
    answer = client.patch(
        _url("change_study_activity", activity.pk),
        {"start_date": "2023-05-10", "end_date": "2023-05-01"},
        content_type=JSON,
        headers={"accept-language": "zh-hans"},
    )
    assert answer.status_code == 422
    assert answer.json()["detail"] == "记录无效，未保存任何内容。"
    assert answer.json()["errors"] == {"__all__": ["结束日期不能早于开始日期。"]}


def test_record_body_with_an_unknown_field_is_refused(world):
    client = signed_in(world["writer"])
    activity = StudyActivityFactory(unit=world["a"], title="Kept")
    answer = client.patch(_url("change_study_activity", activity.pk), {"colour": "red"}, content_type=JSON)
    assert answer.status_code == 422
    activity.refresh_from_db()
    assert activity.title == "Kept"


def test_rectification_item_created_over_the_api_opens_through_the_workflow(world):
    client = signed_in(world["writer"])
    body = {
        "unit_id": world["a"].pk,
        "problem": "Late minutes",
        "source": "self_examination",
        "opened_on": "2023-06-01",
    }
    answer = client.post(_url("create_rectification_item"), body, content_type=JSON)
    assert answer.status_code == 201, answer.json()
    item = RectificationItem.objects.get(pk=answer.json()["id"])
    assert (answer.json()["status"], item.events.count()) == ("open", 1)
    assert AuditEntry.objects.filter(action="rectification.opened", object_id=str(item.pk)).count() == 1


def test_finding_created_over_the_api_can_open_its_item(world):
    client = signed_in(world["writer"])
    visit = SupervisionVisitFactory(unit=world["a"])
    body = {"visit_id": visit.pk, "description": "No minutes kept", "severity": "high", "open_item": True}
    answer = client.post(_url("create_supervision_finding"), body, content_type=JSON)
    assert answer.status_code == 201, answer.json()
    finding = SupervisionFinding.objects.get(pk=answer.json()["id"])
    item = RectificationItem.objects.get(finding=finding)
    assert (item.unit_id, item.source, RectificationEvent.objects.filter(item=item).count()) == (
        world["a"].pk,
        "supervision",
        1,
    )
    assert SupervisionFindingFactory._meta.model.objects.count() == 1


def test_unit_created_and_renamed_over_the_api(world):
    client = signed_in(world["writer"])
    body = {"parent_id": world["a"].pk, "name": "Department C", "kind": "department"}
    answer = client.post(_url("create_unit"), body, content_type=JSON)
    assert answer.status_code == 201, answer.json()
    unit = Unit.objects.get(pk=answer.json()["id"])
    assert (Unit.objects.get_parent(unit).pk, unit.name) == (world["a"].pk, "Department C")
    renamed = client.patch(
        _url("change_unit", unit.pk), {"name": "Department D", "parent_id": world["b"].pk}, content_type=JSON
    )
    assert renamed.status_code == 200, renamed.json()
    unit = fresh(unit)
    # An edit renames; it does not move (a move is its own request).
    assert (unit.name, Unit.objects.get_parent(unit).pk) == ("Department D", world["a"].pk)
    outside = client.post(_url("create_unit"), {**body, "parent_id": world["b"].pk}, content_type=JSON)
    assert (outside.status_code, list(outside.json()["errors"])) == (422, ["parent_id"])


def test_person_changed_over_the_api_keeps_their_membership(world):
    client = signed_in(world["writer"])
    body = {"name": "Li Ming", "unit_id": world["a"].pk, "is_leadership": True, "rank": "bureau"}
    answer = client.post(_url("create_person"), body, content_type=JSON)
    assert answer.status_code == 201, answer.json()
    person = Person.objects.get(pk=answer.json()["id"])
    changed = client.patch(_url("change_person", person.pk), {"post": "Director"}, content_type=JSON)
    assert changed.status_code == 200, changed.json()
    person.refresh_from_db()
    assert person.post == "Director"
    assert list(Membership.objects.filter(person=person).values_list("unit_id", "is_leadership")) == [
        (world["a"].pk, True)
    ]
    assert changed.json()["memberships"] == [
        {"unit_id": world["a"].pk, "unit_name": "A", "post": "", "is_leadership": True}
    ]


def test_person_elsewhere_is_answered_with_the_memberships_in_scope_only(world):
    person = PersonFactory(name="Wang Fang")
    Membership.objects.create(person=person, unit=world["a"])
    Membership.objects.create(person=person, unit=world["b"])
    client = signed_in(world["writer"])
    answer = client.patch(_url("change_person", person.pk), {"rank": "section"}, content_type=JSON)
    assert answer.status_code == 200, answer.json()
    assert [m["unit_id"] for m in answer.json()["memberships"]] == [world["a"].pk]


def test_decimal_and_many_to_many_fields_round_trip(world):
    client = signed_in(world["writer"])
    activity = StudyActivityFactory(unit=world["a"])
    answer = client.post(
        _url("create_study_session"),
        {"activity_id": activity.pk, "date": "2023-05-10", "length": "half_day", "hours": "3.5"},
        content_type=JSON,
    )
    assert answer.status_code == 201, answer.json()
    session = activity.sessions.get()
    assert (session.hours, answer.json()["hours"]) == (Decimal("3.5"), "3.5")
