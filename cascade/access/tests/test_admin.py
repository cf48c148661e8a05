"""Admin for role assignments and the audit log."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry, RoleAssignment
from cascade.access.tests.factories import AuditEntryFactory, RoleAssignmentFactory, UserFactory
from cascade.campaigns.tests.factories import SteeringGroupFactory
from cascade.organization.tests.factories import UnitFactory


@pytest.mark.django_db
def test_admin_audit_log_cannot_be_written_by_hand(admin_client):
    entry = AuditEntryFactory(action="unit.created")
    assert admin_client.get(reverse("admin:access_auditentry_add")).status_code == 403
    change = reverse("admin:access_auditentry_change", args=[entry.pk])
    response = admin_client.get(change)
    assert response.status_code == 200  # viewable
    assert not response.context["has_change_permission"]
    assert admin_client.post(change, {"action": "forged"}).status_code == 403
    entry.refresh_from_db()
    assert entry.action == "unit.created"


@pytest.mark.django_db
def test_admin_audit_log_deletion_is_for_superusers_only(client):
    entry = AuditEntryFactory(unit=UnitFactory())
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="access"))
    RoleAssignmentFactory(user=staff, unit=entry.unit, role=Role.CAMPAIGN_OFFICE)
    client.force_login(staff)
    delete = reverse("admin:access_auditentry_delete", args=[entry.pk])
    assert client.get(reverse("admin:access_auditentry_changelist")).status_code == 200
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()

    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_admin_role_assignments_list_by_user_role_unit_and_group(admin_client):
    by_unit = RoleAssignmentFactory(role=Role.UNIT_CLERK, user__username="clerk")
    by_group = RoleAssignmentFactory(
        role=Role.STEERING_MEMBER, unit=None, steering_group=SteeringGroupFactory(name="Group 3")
    )
    url = reverse("admin:access_roleassignment_changelist")
    response = admin_client.get(url)
    assert set(response.context["cl"].result_list) == {by_unit, by_group}
    assert list(admin_client.get(url, {"role": Role.STEERING_MEMBER}).context["cl"].result_list) == [by_group]
    assert list(admin_client.get(url, {"q": "clerk"}).context["cl"].result_list) == [by_unit]
    assert list(admin_client.get(url, {"q": "Group 3"}).context["cl"].result_list) == [by_group]
    content = response.content.decode()
    assert str(by_unit.unit) in content and "Group 3" in content


@pytest.mark.django_db
def test_admin_user_page_shows_roles(admin_client):
    assignment = RoleAssignmentFactory()
    response = admin_client.get(reverse("admin:auth_user_change", args=[assignment.user.pk]))
    assert response.status_code == 200
    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert "role_assignments" in prefixes


@pytest.mark.django_db
def test_admin_role_assignment_needs_unit_or_group(admin_client):
    user = UserFactory()
    response = admin_client.post(
        reverse("admin:access_roleassignment_add"),
        {
            "user": user.pk,
            "role": Role.AUDITOR,
            "unit": "",
            "steering_group": "",
            "include_descendants": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not RoleAssignment.objects.exists()


@pytest.mark.django_db
def test_admin_staff_see_and_change_only_their_scope(client):
    from cascade.campaigns.models import StudyActivity
    from cascade.campaigns.tests.factories import StudyActivityFactory

    mine, theirs = UnitFactory(name="Ministry A"), UnitFactory(name="Ministry B")
    my_bureau = UnitFactory(parent=mine, name="Bureau A1")
    my_study, their_study = StudyActivityFactory(unit=my_bureau), StudyActivityFactory(unit=theirs)
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["organization", "campaigns"])
    )
    RoleAssignmentFactory(user=staff, unit=mine, role=Role.UNIT_CLERK)
    client.force_login(staff)

    units = client.get(reverse("admin:organization_unit_changelist"), {"q": "Ministry"}).context["cl"]
    assert list(units.result_list) == [mine]
    studies = client.get(reverse("admin:campaigns_studyactivity_changelist")).context["cl"]
    assert list(studies.result_list) == [my_study]
    assert client.get(reverse("admin:campaigns_studyactivity_change", args=[my_study.pk])).status_code == 200
    response = client.get(reverse("admin:campaigns_studyactivity_change", args=[their_study.pk]))
    assert response.status_code == 404  # "does not exist" for this user
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "campaigns", "model_name": "studyactivity", "field_name": "unit", "term": "Ministry"},
    )
    assert [r["text"] for r in autocomplete.json()["results"]] == [str(mine)]
    # Unit clerks write study records but not units: the unit page is read-only for them.
    response = client.get(reverse("admin:organization_unit_change", args=[mine.pk]))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    response = client.post(
        reverse("admin:campaigns_studyactivity_delete", args=[my_study.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert StudyActivity.objects.filter(pk=my_study.pk).exists()


@pytest.mark.django_db
def test_admin_staff_cannot_file_records_under_another_unit(client):
    from cascade.campaigns.models import StudyActivity
    from cascade.organization.tests.factories import UnitFactory

    mine, theirs = UnitFactory(name="Ministry A"), UnitFactory(name="Ministry B")
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="campaigns"))
    RoleAssignmentFactory(user=staff, unit=mine, role=Role.UNIT_CLERK)
    client.force_login(staff)
    data = {
        "unit": theirs.pk,
        "kind": "collective_study",
        "title": "Study in someone else's unit",
        **{
            f"{p}-{k}": v
            for p in ("sessions", "attendances")
            for k, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
    }
    response = client.post(reverse("admin:campaigns_studyactivity_add"), data)
    assert response.status_code == 200
    assert "unit" in response.context["adminform"].form.errors
    data["unit"] = mine.pk
    assert client.post(reverse("admin:campaigns_studyactivity_add"), data).status_code == 302
    assert StudyActivity.objects.get().unit == mine
