"""API tokens: made and shown once, stored as a digest, revoked by their own user, and
accepted by the API as bearer tokens beside the browser's session."""

import datetime
import hashlib
import json
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cascade.access.choices import Role
from cascade.access.domain import create_token, revoke_token, user_for_token
from cascade.access.models import ApiToken, AuditEntry
from cascade.access.tests.factories import ApiTokenFactory, RoleAssignmentFactory, UserFactory, signed_in
from cascade.campaigns.choices import RectificationStatus
from cascade.campaigns.tests.factories import RectificationItemFactory
from cascade.core.audit import explicit
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2024, 5, 6, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def tree(db):
    with explicit():
        root = UnitFactory(name="Root office")
        a = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="Ministry A")
        b = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="Ministry B")
        a1 = UnitFactory(parent=Unit.objects.get(pk=a.pk), name="Department A1")
    return {"root": root, "a": Unit.objects.get(pk=a.pk), "b": b, "a1": a1}


@pytest.fixture
def clerk(tree):
    """A unit clerk of Ministry A and its subtree."""
    with explicit():
        return RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user


def _bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _units(client: Client, **headers):
    return client.get(reverse("api:list_units"), {"limit": 1000}, **headers)


def _secretless(entries) -> str:
    """Every field of the audit entries, as one string to search for secrets."""
    return json.dumps(
        [[e.action, e.object_repr, e.object_id, e.before, e.after, e.data] for e in entries], default=str
    )


# --- storing and the audit log ----------------------------------------------------------------


def test_create_token_stores_only_its_digest(clerk):
    token, raw = create_token(user=clerk, name="nightly export")
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert (raw.startswith("csc_"), len(raw), token.prefix) == (True, 47, raw[:12])
    assert row["digest"] == hashlib.sha256(raw.encode()).hexdigest()
    assert [key for key, value in row.items() if raw in str(value)] == []
    assert raw not in _secretless(AuditEntry.objects.all())


def test_create_token_makes_a_new_token_each_time(clerk):
    (_first, one), (_second, two) = create_token(user=clerk, name="a"), create_token(user=clerk, name="a")
    assert (one != two, ApiToken.objects.filter(user=clerk).count()) == (True, 2)


def test_audit_log_holds_created_and_revoked_without_the_secret(clerk):
    token, raw = create_token(user=clerk, name="nightly export")
    revoke_token(token=token, user=clerk)
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [(e.action, e.user, e.object_repr) for e in entries] == [
        ("apitoken.created", clerk, f"nightly export ({raw[:12]}…)"),
        ("apitoken.revoked", clerk, f"nightly export ({raw[:12]}…)"),
    ]
    text = _secretless(entries)
    assert (raw in text, token.digest in text, "digest" in text) == (False, False, False)
    assert entries[1].before["revoked_at"] is None
    assert entries[1].after["revoked_at"] is not None


def test_model_history_of_a_deleted_user_keeps_no_token_digest(clerk):
    token, raw = create_token(user=clerk, name="nightly export")
    clerk.delete()
    entry = AuditEntry.objects.get(action="access.apitoken.deleted")
    assert (entry.before["name"], "digest" in entry.before) == ("nightly export", False)
    text = _secretless(AuditEntry.objects.all())
    assert (token.digest in text, raw in text) == (False, False)


def test_create_token_refuses_an_empty_name_or_a_past_expiry(clerk):
    with pytest.raises(ValidationError):
        create_token(user=clerk, name="  ")
    with pytest.raises(ValidationError):
        create_token(user=clerk, name="late", expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert ApiToken.objects.count() == 0


# --- who a token stands for -------------------------------------------------------------------


def test_user_for_token_answers_the_tokens_user(clerk):
    _token, raw = create_token(user=clerk, name="script")
    assert user_for_token(raw) == clerk


@pytest.mark.parametrize("raw", ["", "csc_", "csc_unknown", "not-a-token", "csc_" + "x" * 200])
def test_user_for_token_answers_none_for_unknown_tokens(clerk, raw):
    create_token(user=clerk, name="script")
    assert user_for_token(raw) is None


def test_user_for_token_notes_the_last_use_at_most_once_a_minute(clerk):
    with time_machine.travel(NOW, tick=False):
        token, raw = create_token(user=clerk, name="script")
        user_for_token(raw)
    with time_machine.travel(NOW + datetime.timedelta(seconds=59), tick=False):
        user_for_token(raw)
    token.refresh_from_db()
    assert token.last_used_at == NOW
    with time_machine.travel(NOW + datetime.timedelta(seconds=61), tick=False):
        user_for_token(raw)
    token.refresh_from_db()
    assert token.last_used_at == NOW + datetime.timedelta(seconds=61)
    assert AuditEntry.objects.filter(action__startswith="access.apitoken").count() == 0


# --- the API ----------------------------------------------------------------------------------


def test_api_list_with_a_token_answers_exactly_the_users_scoped_rows(tree, clerk):
    _token, raw = create_token(user=clerk, name="script")
    response = _units(Client(), **_bearer(raw))
    assert response.status_code == 200
    assert sorted(item["id"] for item in response.json()["items"]) == sorted([tree["a"].pk, tree["a1"].pk])


def test_api_without_a_token_or_a_session_answers_401(tree):
    assert _units(Client()).status_code == 401


def _revoked(user) -> str:
    token, raw = create_token(user=user, name="old")
    revoke_token(token=token, user=user)
    return raw


def _expired(user) -> str:
    with time_machine.travel(NOW, tick=False):
        _token, raw = create_token(user=user, name="short", expires_at=NOW + datetime.timedelta(days=1))
    return raw


def _inactive(user) -> str:
    _token, raw = create_token(user=user, name="left")
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    return raw


def _unknown(user) -> str:
    create_token(user=user, name="real")
    return "csc_" + "A" * 43


@pytest.mark.parametrize("make", [_revoked, _expired, _inactive, _unknown])
def test_api_refuses_a_bad_token_with_401(clerk, make):
    raw = make(clerk)
    response = _units(Client(), **_bearer(raw))
    assert (response.status_code, response.json()) == (401, {"detail": "Unauthorized"})


def test_api_refuses_a_bad_token_with_401_even_beside_a_session(clerk):
    """A token offered and refused is never made up for by the session cookie."""
    assert _units(signed_in(clerk), **_bearer(_revoked(clerk))).status_code == 401


def test_api_post_with_a_token_needs_no_csrf_token(tree, clerk):
    item = RectificationItemFactory(unit=tree["a"], status=RectificationStatus.OPEN)
    _token, raw = create_token(user=clerk, name="script")
    url = reverse("api:transition_rectification_item", kwargs={"pk": item.pk})
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"to": "in_progress"}, content_type="application/json", **_bearer(raw))
    assert (response.status_code, response.json()["status"]) == (200, "in_progress")
    item.refresh_from_db()
    assert item.status == RectificationStatus.IN_PROGRESS


def test_api_post_with_a_session_still_needs_the_csrf_token(tree, clerk):
    item = RectificationItemFactory(unit=tree["a"], status=RectificationStatus.OPEN)
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    url = reverse("api:transition_rectification_item", kwargs={"pk": item.pk})
    response = client.post(url, {"to": "in_progress"}, content_type="application/json")
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == RectificationStatus.OPEN


def test_api_post_with_a_bad_token_answers_401(tree, clerk):
    item = RectificationItemFactory(unit=tree["a"], status=RectificationStatus.OPEN)
    url = reverse("api:transition_rectification_item", kwargs={"pk": item.pk})
    response = Client(enforce_csrf_checks=True).post(
        url, {"to": "in_progress"}, content_type="application/json", **_bearer(_revoked(clerk))
    )
    assert response.status_code == 401
    item.refresh_from_db()
    assert item.status == RectificationStatus.OPEN


def test_api_with_a_token_stays_in_the_users_scope(tree, clerk):
    item = RectificationItemFactory(unit=tree["b"], status=RectificationStatus.OPEN)
    _token, raw = create_token(user=clerk, name="script")
    url = reverse("api:transition_rectification_item", kwargs={"pk": item.pk})
    response = Client().post(url, {"to": "in_progress"}, content_type="application/json", **_bearer(raw))
    assert response.status_code == 404


def test_openapi_declares_the_bearer_token_beside_the_session(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert {json.dumps(op["security"]) for op in operations} == {'[{"TokenAuth": []}, {"SessionAuth": []}]'}


# --- the pages --------------------------------------------------------------------------------


def test_tokens_page_shows_a_new_token_once_and_never_again(clerk):
    client = signed_in(clerk)
    response = client.post(reverse("access:apitoken_list"), {"name": "nightly export"})
    html = response.content.decode()
    raw = response.context["raw"]
    token = ApiToken.objects.get(user=clerk)
    assert (response.status_code, html.count(raw), token.prefix) == (200, 1, raw[:12])
    assert "Copy it now: it will not be shown again." in html
    assert "no-store" in response["Cache-Control"]
    again = client.get(reverse("access:apitoken_list")).content.decode()
    assert (raw in again, f"{raw[:12]}…" in again, "nightly export" in again) == (False, True, True)
    assert raw not in json.dumps(dict(client.session.items()), default=str)


def test_tokens_page_lists_only_the_users_own_tokens(clerk):
    ApiTokenFactory(user=clerk, name="mine")
    ApiTokenFactory(name="someone else's")
    admin = UserFactory(is_superuser=True, is_staff=True)
    ApiTokenFactory(user=admin, name="the admin's")
    html = signed_in(clerk).get(reverse("access:apitoken_list")).content.decode()
    assert ("mine" in html, "someone else" in html, "the admin" in html) == (True, False, False)
    admin_html = signed_in(admin).get(reverse("access:apitoken_list")).content.decode()
    assert ("mine" in admin_html, "the admin" in admin_html) == (False, True)


def test_tokens_page_is_for_any_signed_in_user_even_without_roles():
    user = UserFactory()
    client = signed_in(user)
    response = client.post(reverse("access:apitoken_list"), {"name": "script"})
    assert (response.status_code, user_for_token(response.context["raw"])) == (200, user)


def test_tokens_page_sends_anonymous_visitors_to_sign_in(db):
    response = Client().get(reverse("access:apitoken_list"))
    assert (response.status_code, response["Location"].startswith(reverse("login"))) == (302, True)


def test_tokens_page_sets_the_expiry_to_the_end_of_the_last_day(clerk):
    client = signed_in(clerk)
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            reverse("access:apitoken_list"), {"name": "short", "valid_until": "2024-05-07"}
        )
    token = ApiToken.objects.get(user=clerk)
    end = timezone.make_aware(datetime.datetime(2024, 5, 8))
    assert (response.status_code, token.expires_at) == (200, end)


def test_tokens_page_refuses_a_past_day_and_makes_nothing(clerk):
    client = signed_in(clerk)
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("access:apitoken_list"), {"name": "late", "valid_until": "2024-05-01"})
    assert (response.status_code, response.context["raw"], ApiToken.objects.count()) == (200, "", 0)
    assert response.context["form"].errors == {"valid_until": ["The last day cannot lie in the past."]}


def test_revoking_an_own_token_ends_it(clerk):
    token, raw = create_token(user=clerk, name="script")
    client = signed_in(clerk)
    response = client.post(reverse("access:apitoken_revoke", args=[token.pk]))
    assert (response.status_code, response["Location"]) == (302, reverse("access:apitoken_list"))
    token.refresh_from_db()
    assert (token.revoked_at is not None, user_for_token(raw)) == (True, None)
    html = client.get(reverse("access:apitoken_list")).content.decode()
    assert re.search(r"revoked \d{4}-\d\d-\d\d \d\d:\d\d", html)
    assert reverse("access:apitoken_revoke", args=[token.pk]) not in html


def test_revoking_another_users_token_answers_404_and_leaves_it_active(clerk):
    """404 rather than 403, as for any record out of the user's reach: the page does not tell
    whether such a token exists at all."""
    owner = UserFactory()
    token, raw = create_token(user=owner, name="theirs")
    for user in (clerk, UserFactory(is_superuser=True, is_staff=True)):
        assert signed_in(user).post(reverse("access:apitoken_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert (token.revoked_at, user_for_token(raw)) == (None, owner)
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["apitoken.created"]


def test_revoke_page_answers_404_for_a_key_past_what_a_database_holds(clerk):
    response = signed_in(clerk).post(reverse("access:apitoken_revoke", args=[2**63]))
    assert response.status_code == 404


def test_revoke_page_takes_no_get(clerk):
    token, _raw = create_token(user=clerk, name="script")
    assert signed_in(clerk).get(reverse("access:apitoken_revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoke_token_is_for_its_user_or_a_superuser(clerk):
    token, _raw = create_token(user=clerk, name="script")
    with pytest.raises(PermissionDenied):
        revoke_token(token=token, user=UserFactory())
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    revoke_token(token=token, user=UserFactory(is_superuser=True))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_revoke_token_twice_logs_once(clerk):
    token, _raw = create_token(user=clerk, name="script")
    first = revoke_token(token=token, user=clerk).revoked_at
    assert revoke_token(token=token, user=clerk).revoked_at == first
    assert AuditEntry.objects.filter(action="apitoken.revoked").count() == 1


# --- the admin --------------------------------------------------------------------------------


def test_admin_lists_tokens_without_the_digest_and_adds_none(admin_client, clerk):
    token, _raw = create_token(user=clerk, name="script")
    pages = [
        admin_client.get(reverse("admin:access_apitoken_changelist")),
        admin_client.get(reverse("admin:access_apitoken_change", args=[token.pk])),
    ]
    assert [p.status_code for p in pages] == [200, 200]
    assert [token.digest in p.content.decode() for p in pages] == [False, False]
    assert "script" in pages[0].content.decode()
    assert admin_client.get(reverse("admin:access_apitoken_add")).status_code == 403


def test_admin_revokes_selected_tokens_through_the_domain(admin_client, clerk):
    token, raw = create_token(user=clerk, name="script")
    response = admin_client.post(
        reverse("admin:access_apitoken_changelist"),
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    assert (user_for_token(raw), AuditEntry.objects.filter(action="apitoken.revoked").count()) == (None, 1)
