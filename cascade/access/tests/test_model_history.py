"""Model history: raw saves and deletes are in the audit log; explicit actions are not logged twice."""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.history import CurrentRequestMiddleware, tracked_models
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import RectificationSource, RectificationStatus
from cascade.campaigns.domain import open_rectification, transition_rectification
from cascade.campaigns.models import RectificationEvent, StudyActivity, StudySession
from cascade.campaigns.tests.factories import StudyActivityFactory, StudySessionFactory
from cascade.core.audit import explicit, snapshot
from cascade.core.registry import SCOPES
from cascade.core.scopes import SYSTEM
from cascade.organization.models import Country, Membership, Unit
from cascade.organization.tests.factories import (
    CountryFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)


def _entries(obj) -> list[AuditEntry]:
    """The entries about ``obj``, oldest first."""
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).order_by("pk")
    )


def _actions(obj) -> list[str]:
    return [entry.action for entry in _entries(obj)]


def _fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields]


@contextmanager
def _database_queries():
    """The statements that reach the database in the block (not those refused before running)."""
    done = []

    def count(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        done.append(sql)
        return result

    with connection.execute_wrapper(count):
        yield done


def test_tracked_models_are_every_cascade_model_but_the_audit_log_and_reports():
    tracked = sorted(model._meta.label_lower for model in tracked_models())
    expected = sorted(
        label
        for label in SCOPES
        if label != "access.auditentry" and apps.get_model(label)._meta.app_label != "reports"
    )
    assert tracked == expected


@pytest.mark.django_db
def test_raw_create_records_created_with_after():
    activity = StudyActivityFactory(title="Reading class")
    [entry] = _entries(activity)
    assert (entry.action, entry.user, entry.unit, entry.object_repr, entry.before) == (
        "campaigns.studyactivity.created",
        None,
        activity.unit,
        "Reading class",
        None,
    )
    assert entry.after == snapshot(activity, fields=_fields(StudyActivity))


@pytest.mark.django_db
def test_raw_change_records_before_and_after():
    activity = StudyActivityFactory(title="Reading class")
    activity = StudyActivity.objects.get(pk=activity.pk)
    activity.title = "Reading class, first round"
    activity.save()
    entry = _entries(activity)[-1]
    changed = sorted(name for name in entry.after if entry.after[name] != entry.before[name])
    assert (entry.action, changed, entry.before["title"], entry.after["title"]) == (
        "campaigns.studyactivity.changed",
        ["title"],
        "Reading class",
        "Reading class, first round",
    )


@pytest.mark.django_db
def test_raw_save_without_change_records_nothing():
    activity = StudyActivityFactory()
    StudyActivity.objects.get(pk=activity.pk).save()
    assert _actions(activity) == ["campaigns.studyactivity.created"]


@pytest.mark.django_db
def test_raw_save_with_update_fields_records_only_the_written_fields():
    activity = StudyActivity.objects.get(pk=StudyActivityFactory(title="Old", audience="staff").pk)
    activity.title = "New"
    activity.audience = "not saved"
    activity.save(update_fields=["title"])
    entry = _entries(activity)[-1]
    assert (entry.before["title"], entry.after["title"], entry.after["audience"]) == ("Old", "New", "staff")


@pytest.mark.django_db
def test_raw_delete_records_deleted_with_before():
    activity = StudyActivityFactory()
    pk, unit = activity.pk, activity.unit
    before = snapshot(activity, fields=_fields(StudyActivity))
    activity.delete()
    entry = AuditEntry.objects.get(action="campaigns.studyactivity.deleted")
    assert (entry.object_id, entry.unit, entry.before, entry.after) == (str(pk), unit, before, None)


@pytest.mark.django_db
def test_unit_deleted_with_its_rows_records_each_without_dangling_unit():
    unit = UnitFactory()
    membership = MembershipFactory(unit=unit)
    membership_pk, unit_pk = membership.pk, unit.pk
    Unit.objects.get(pk=unit_pk).delete()
    connection.check_constraints()  # no entry points at the deleted unit
    deleted = AuditEntry.objects.filter(action__endswith=".deleted")
    assert sorted((e.action, e.object_id, e.unit_id) for e in deleted) == [
        ("organization.membership.deleted", str(membership_pk), None),
        ("organization.unit.deleted", str(unit_pk), None),
    ]


@pytest.mark.django_db
def test_raw_change_costs_one_query_for_the_before():
    activity = StudyActivity.objects.get(pk=StudyActivityFactory().pk)
    activity.title = "Changed"
    with _database_queries() as done:
        activity.save()
    assert [sql.split()[0] for sql in done] == ["SELECT", "UPDATE", "INSERT"]  # as it was, save, entry


@pytest.mark.django_db
def test_raw_create_costs_the_entry_only():
    unit = UnitFactory()
    StudyActivityFactory(unit=unit)  # the first entry looks the content types up
    with _database_queries() as done:
        StudyActivityFactory(unit=unit, campaign=None)
    assert [sql.split()[0] for sql in done] == ["INSERT", "INSERT"]


@pytest.mark.django_db
def test_raw_change_names_the_row_without_reading_its_relations():
    membership = Membership.objects.get(pk=MembershipFactory(post="Counsellor").pk)
    membership.post = "Minister-counsellor"
    with _database_queries() as done:
        membership.save()
    assert [sql.split()[0] for sql in done] == ["SELECT", "UPDATE", "INSERT"]
    entry = _entries(membership)[-1]
    assert (entry.object_repr, entry.unit_id) == (f"membership #{membership.pk}", membership.unit_id)


@pytest.mark.django_db
def test_raw_save_during_a_request_records_the_user():
    user = UserFactory()
    activity = StudyActivity.objects.get(pk=StudyActivityFactory().pk)
    request = RequestFactory().post("/")
    request.user = user

    def view(request):
        activity.title = "Changed in a request"
        activity.save()

    CurrentRequestMiddleware(view)(request)
    activity.title = "Changed from the shell"
    activity.save()
    assert [(e.action, e.user) for e in _entries(activity)] == [
        ("campaigns.studyactivity.created", None),
        ("campaigns.studyactivity.changed", user),
        ("campaigns.studyactivity.changed", None),
    ]


@pytest.mark.django_db
def test_domain_action_records_no_generic_entry():
    owner = PersonFactory()
    item = open_rectification(
        user=SYSTEM,
        unit=UnitFactory(),
        problem="Reading records incomplete",
        source=RectificationSource.SELF_EXAMINATION,
        opened_on=dt.date(2023, 5, 1),
        owner=owner,
    )
    transition_rectification(user=SYSTEM, item=item, to=RectificationStatus.IN_PROGRESS, person=owner)
    generic = AuditEntry.objects.filter(action__startswith="campaigns.").count()
    assert (_actions(item), generic, RectificationEvent.objects.filter(item=item).count()) == (
        ["rectification.opened", "rectification.in_progress"],
        0,
        2,
    )


@pytest.mark.django_db
def test_admin_change_records_no_generic_entry(admin_client):
    country = CountryFactory(code="FR", name="France", name_zh="法国")
    url = reverse("admin:organization_country_change", args=[country.pk])
    response = admin_client.post(url, {"code": "FR", "name": "French Republic", "name_zh": "法国"})
    assert response.status_code == 302
    assert _actions(country) == ["organization.country.created", "admin.country.changed"]
    assert Country.objects.get(pk=country.pk).name == "French Republic"


@pytest.mark.django_db
def test_admin_delete_records_cascaded_rows_in_model_history(admin_client):
    session = StudySessionFactory()
    activity = session.activity
    url = reverse("admin:campaigns_studyactivity_delete", args=[activity.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert (_actions(activity), _actions(session)) == (
        ["campaigns.studyactivity.created", "admin.studyactivity.deleted"],
        ["campaigns.studysession.created", "campaigns.studysession.deleted"],
    )
    assert StudySession.objects.filter(pk=session.pk).exists() is False


@pytest.mark.django_db
def test_explicit_rows_cover_only_those_rows():
    first, second = StudyActivityFactory(), StudyActivityFactory()
    with explicit([first]):
        first.title = second.title = "Changed"
        first.save()
        second.save()
    assert (_actions(first), _actions(second)) == (
        ["campaigns.studyactivity.created"],
        ["campaigns.studyactivity.created", "campaigns.studyactivity.changed"],
    )


def test_explicit_refuses_unsaved_rows():
    with pytest.raises(ValueError, match="saved rows only"), explicit([StudyActivity()]):
        pass


@pytest.mark.django_db
def test_record_page_shows_raw_edits_in_its_history(client):
    activity = StudyActivity.objects.get(pk=StudyActivityFactory(title="Old").pk)
    activity.title = "New"
    activity.save()
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.UNIT_CLERK, unit=activity.unit)
    client.force_login(user)
    response = client.get(reverse("campaigns:studyactivity_detail", args=[activity.pk]))
    actions = [row["object"].action for row in response.context["history"]["table"].rows()]
    assert actions == ["campaigns.studyactivity.changed", "campaigns.studyactivity.created"]
