"""Login lockout (django-axes), security headers, CSRF, and a clean ``check --deploy``."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cascade.access.tests.factories import TEST_PASSWORD, UserFactory
from cascade.core.middleware import CSP_DIRECTIVES

LOGIN = "login"


def _login(client: Client, username: str, password: str, **extra):
    return client.post(
        reverse(LOGIN),
        {"username": username, "password": password, "next": reverse("home")},
        **extra,
    )


def _csp(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


class _InlineFinder(HTMLParser):
    """Collects executable inline scripts, ``<style>`` blocks and ``style=`` attributes."""

    def __init__(self):
        super().__init__()
        self.inline_scripts: list[str] = []
        self.style_attributes: list[str] = []
        self.style_blocks = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes.append(f"<{tag} style={attributes['style']!r}>")
        if any(name.startswith("on") for name in attributes):
            self.inline_scripts.append(f"<{tag}> event handler attribute")
        if tag == "style":
            self.style_blocks += 1
        if tag == "script":
            kind = (attributes.get("type") or "text/javascript").lower()
            executable = "javascript" in kind or kind == "module"
            self._in_script = executable and not attributes.get("src")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts.append(data.strip()[:80])


def _inline(html: str) -> _InlineFinder:
    finder = _InlineFinder()
    finder.feed(html)
    return finder


# --- lockout ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_five_failures_lock_the_username_and_address_with_a_clear_message():
    user = UserFactory(username="clerk")
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, user.username, "wrong password")
        assert response.status_code == 200  # the login form again, with its error
        assert "_auth_user_id" not in client.session

    response = _login(client, user.username, "wrong password")
    assert response.status_code == 429
    content = response.content.decode()
    assert "Too many failed login attempts: after 5 failures" in content
    assert "Try again in 30 minutes." in content
    assert response.headers["Content-Security-Policy"]

    # The right password is refused too while the lock lasts.
    response = _login(client, user.username, TEST_PASSWORD)
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302  # still sent to the login page


@pytest.mark.django_db
def test_lockout_is_per_username_and_address():
    locked = UserFactory(username="locked")
    other = UserFactory(username="other")
    attacker = Client(REMOTE_ADDR="10.0.0.8")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, locked.username, "nope")
    assert _login(attacker, locked.username, TEST_PASSWORD).status_code == 429

    # Another account from the same address, and the same account from elsewhere, still log in.
    response = _login(attacker, other.username, TEST_PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert _login(elsewhere, locked.username, TEST_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_successful_login_clears_earlier_failures():
    user = UserFactory()
    client = Client(REMOTE_ADDR="10.0.0.10")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.username, "wrong")
    assert _login(client, user.username, TEST_PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, user.username, "wrong").status_code == 200
    assert _login(client, user.username, TEST_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_lockout_page_is_translated_when_chinese_is_chosen():
    user = UserFactory()
    client = Client(REMOTE_ADDR="10.0.0.11", HTTP_ACCEPT_LANGUAGE="zh-hans")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, user.username, "wrong")
    assert response.status_code == 429
    assert '<html lang="zh-hans">' in response.content.decode()


@pytest.mark.django_db
def test_force_login_is_not_affected_by_a_lockout(admin_user):
    client = Client(REMOTE_ADDR="10.0.0.12")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, admin_user.username, "wrong")
    client.force_login(admin_user)
    assert client.get(reverse("admin:index")).status_code == 200


# --- headers ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_other_headers(admin_client):
    response = admin_client.get(reverse("home"))
    assert response.status_code == 200
    policy = _csp(response)
    assert policy == CSP_DIRECTIVES
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    found = _inline(response.content.decode())
    assert found.inline_scripts == [] and found.style_attributes == [] and found.style_blocks == 0


@pytest.mark.django_db
def test_anonymous_and_error_responses_carry_the_policy(client):
    assert _csp(client.get(reverse(LOGIN)))["script-src"] == "'self'"
    assert _csp(client.get("/no-such-page/"))["default-src"] == "'self'"


@pytest.mark.django_db
def test_admin_pages_work_under_the_policy_with_only_styles_relaxed(admin_client):
    pages = [
        reverse("admin:index"),
        reverse("admin:login"),
        reverse("admin:campaigns_rectificationitem_changelist"),
        reverse("admin:campaigns_rectificationitem_add"),
        reverse("admin:campaigns_studyactivity_add"),
        reverse("admin:organization_unit_changelist"),
        reverse("admin:auth_user_changelist"),
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code in (200, 302), url
        policy = _csp(response)
        # The admin's own change list writes a <style> block and select2 sets style attributes.
        assert policy["style-src"] == "'self' 'unsafe-inline'", url
        assert policy["script-src"] == "'self'", url
        assert {k: v for k, v in policy.items() if k != "style-src"} == {
            k: v for k, v in CSP_DIRECTIVES.items() if k != "style-src"
        }
        if response.status_code == 200:
            assert _inline(response.content.decode()).inline_scripts == [], url


TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
DJANGO_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)


def test_no_template_of_ours_has_inline_scripts_or_styles():
    templates = [path for root in TEMPLATE_DIRS for path in root.rglob("*.html")]
    assert templates, "no templates found"
    offenders = []
    for path in templates:
        source = DJANGO_COMMENT.sub("", path.read_text(encoding="utf-8"))
        if re.search(r"\sstyle\s*=", source) or re.search(r"<style[\s>]", source):
            offenders.append(f"{path}: inline style")
        for match in re.finditer(r"<script\b([^>]*)>", source):
            attributes = match.group(1)
            if "src=" in attributes or re.search(r"type=[\"']application/(ld\+)?json", attributes):
                continue
            offenders.append(f"{path}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", source):
            offenders.append(f"{path}: event handler attribute")
    assert offenders == []


# --- CSRF ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_csrf_is_enforced_on_post_forms(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    # The language switch form in every page's header: refused without the token ...
    assert client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"}).status_code == 403
    # ... and accepted with it.
    page = client.get(reverse("home"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302

    anonymous = Client(enforce_csrf_checks=True)
    assert _login(anonymous, admin_user.username, "password").status_code == 403


# --- session and deployment settings ------------------------------------------------------


def test_sessions_end_with_the_browser_and_after_8_idle_hours():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


@pytest.mark.django_db
def test_session_cookie_is_a_browser_session_cookie(admin_user):
    client = Client()
    response = _login(client, admin_user.username, "password")
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["expires"] and not cookie["max-age"]


def test_check_deploy_is_clean_in_production(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CASCADE_", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(
        CASCADE_PRODUCTION="1",
        CASCADE_SECRET_KEY=secrets.token_urlsafe(64),
        CASCADE_ALLOWED_HOSTS="example.org",
        CASCADE_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="cascade.settings",
    )
    code = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(settings.BASE_DIR).parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


@pytest.mark.django_db
def test_a_clerk_who_is_not_staff_signs_in_on_cascades_own_page_and_out_again():
    user = UserFactory(is_staff=False)
    client = Client()
    home = client.get(reverse("home"))
    assert (home.status_code, home["Location"]) == (302, f"{reverse('login')}?next=/")
    response = _login(client, user.username, TEST_PASSWORD)
    assert (response.status_code, response["Location"], client.session["_auth_user_id"]) == (
        302,
        reverse("home"),
        str(user.pk),
    )
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_in_page_answers_a_wrong_password_in_chinese():
    user = UserFactory()
    response = _login(Client(), user.username, "wrong", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert (response.status_code, len(response.context["form"].non_field_errors())) == (200, 1)
    assert "请输入一个正确的" in response.content.decode()


@pytest.mark.django_db
def test_data_for_a_signed_in_user_is_never_cached(admin_client):
    urls = [
        reverse("home"),
        reverse("campaigns:rectificationitem_list"),
        reverse("campaigns:rectificationitem_list") + "?export=csv",
        reverse("campaigns:rectificationitem_list") + "?export=ledger.xlsx",
        "/api/me",
    ]
    assert [admin_client.get(url).headers.get("Cache-Control") for url in urls] == ["private, no-store"] * 5


@pytest.mark.django_db
def test_a_locked_database_answers_busy_and_to_try_again(monkeypatch, admin_client):
    from django.db import OperationalError

    from cascade.intake import imports

    def locked(user):
        raise OperationalError("database is locked")

    monkeypatch.setattr(imports, "offered_kinds", locked)
    response = admin_client.get(reverse("intake:imports"))
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert "nothing you sent was saved" in response.content.decode()
    zh = admin_client.get(reverse("intake:imports"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert (zh.status_code, "没有保存" in zh.content.decode()) == (503, True)


@pytest.mark.django_db
def test_other_database_errors_are_not_taken_for_a_busy_database(monkeypatch, admin_user):
    from django.db import OperationalError

    from cascade.intake import imports

    def broken(user):
        raise OperationalError("no such table: intake_importjob")

    monkeypatch.setattr(imports, "offered_kinds", broken)
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    assert client.get(reverse("intake:imports")).status_code == 500
