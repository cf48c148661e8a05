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
    assert client.get(reverse("admin:access_auditentry_changelist")).status_code == 302
    assert client.post(delete, {"post": "yes"}).status_code == 302
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
def test_admin_refuses_staff_without_superuser_even_with_every_model_permission(client):
    from cascade.campaigns.choices import RectificationStatus
    from cascade.campaigns.models import RectificationItem
    from cascade.campaigns.tests.factories import RectificationItemFactory

    unit = UnitFactory(name="Ministry A")
    item = RectificationItemFactory(unit=unit, status=RectificationStatus.SUBMITTED)
    auditor = UserFactory(is_staff=True)
    auditor.user_permissions.set(Permission.objects.all())
    RoleAssignmentFactory(user=auditor, unit=unit, role=Role.AUDITOR)
    client.force_login(auditor)
    changelist = reverse("admin:campaigns_rectificationitem_changelist")
    assert client.get(reverse("admin:index")).status_code == 302
    response = client.post(changelist, {"action": "mark_verified", "_selected_action": [item.pk]})
    assert (response.status_code, response["Location"].startswith(reverse("admin:login"))) == (302, True)
    assert RectificationItem.objects.get(pk=item.pk).status == RectificationStatus.SUBMITTED


# --- granting and revoking in the admin: through access.domain ------------------------------------


def _actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


@pytest.mark.django_db
def test_admin_add_role_assignment_goes_through_grant_role(admin_client, admin_user):
    user, unit = UserFactory(username="newcomer"), UnitFactory()
    AuditEntry.objects.all().delete()
    response = admin_client.post(
        reverse("admin:access_roleassignment_add"),
        {
            "user": user.pk,
            "role": Role.AUDITOR,
            "unit": unit.pk,
            "steering_group": "",
            "include_descendants": "on",
        },
    )
    assignment = RoleAssignment.objects.get(user=user)
    assert response.status_code == 302
    assert (assignment.role, assignment.unit_id, assignment.include_descendants) == (
        Role.AUDITOR,
        unit.pk,
        True,
    )
    assert _actions() == ["roleassignment.granted"]
    assert AuditEntry.objects.get().user_id == admin_user.pk


@pytest.mark.django_db
def test_admin_role_assignment_change_page_is_read_only(admin_client):
    assignment = RoleAssignmentFactory(role=Role.AUDITOR)
    url = reverse("admin:access_roleassignment_change", args=[assignment.pk])
    response = admin_client.get(url)
    assert (response.status_code, response.context["has_change_permission"]) == (200, False)
    assert admin_client.post(url, {"role": Role.CAMPAIGN_OFFICE}).status_code == 403
    assert RoleAssignment.objects.get(pk=assignment.pk).role == Role.AUDITOR


@pytest.mark.django_db
def test_admin_delete_role_assignment_goes_through_revoke_role(admin_client):
    assignment = RoleAssignmentFactory(role=Role.AUDITOR)
    AuditEntry.objects.all().delete()
    response = admin_client.post(
        reverse("admin:access_roleassignment_delete", args=[assignment.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists() is False
    assert _actions() == ["roleassignment.revoked"]


@pytest.mark.django_db
def test_admin_delete_action_revokes_each_assignment(admin_client):
    doomed = [RoleAssignmentFactory(role=Role.AUDITOR), RoleAssignmentFactory(role=Role.UNIT_CLERK)]
    AuditEntry.objects.all().delete()
    response = admin_client.post(
        reverse("admin:access_roleassignment_changelist"),
        {"action": "delete_selected", "_selected_action": [a.pk for a in doomed], "post": "yes"},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.count() == 0
    assert _actions() == ["roleassignment.revoked", "roleassignment.revoked"]


def _change_form_data(response) -> dict:
    """The POST a user's change page sends back unchanged: its fields and its inlines' management forms."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [v for v in value if v is not None]
        elif value is not None:
            data[name] = value
    for key, value in list(data.items()):
        widget = form.fields[key].widget
        if hasattr(widget, "widgets"):  # date and time split in two
            data.pop(key)
            for i, part in enumerate(widget.decompress(value)):
                data[f"{key}_{i}"] = "" if part is None else str(part)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for index, inline_form in enumerate(formset.initial_forms):
            data[f"{formset.prefix}-{index}-id"] = inline_form.instance.pk
            data[f"{formset.prefix}-{index}-{formset.fk.name}"] = formset.instance.pk
    return data


@pytest.mark.django_db
def test_admin_user_page_grants_and_revokes_roles_through_domain(admin_client):
    held = RoleAssignmentFactory(role=Role.AUDITOR)
    user, unit = held.user, UnitFactory()
    # Whole seconds: the page's date and time fields send no microseconds back.
    type(user).objects.filter(pk=user.pk).update(date_joined=user.date_joined.replace(microsecond=0))
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = _change_form_data(admin_client.get(url))
    prefix = "role_assignments"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": 2,
            f"{prefix}-0-DELETE": "on",
            f"{prefix}-1-role": Role.UNIT_CLERK,
            f"{prefix}-1-unit": unit.pk,
            f"{prefix}-1-steering_group": "",
            f"{prefix}-1-include_descendants": "on",
            f"{prefix}-1-user": user.pk,
        }
    )
    AuditEntry.objects.all().delete()
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", "unit_id")) == [
        (Role.UNIT_CLERK, unit.pk)
    ]
    assert _actions() == ["roleassignment.revoked", "roleassignment.granted"]
