"""Login and response hardening that Django does not ship.

- ``SecurityHeadersMiddleware`` adds a strict Content-Security-Policy (no inline scripts,
  no inline styles, nothing from other origins), a Permissions-Policy turning off powerful
  browser features, and ``Cross-Origin-Opener-Policy: same-origin``; every answer to a
  signed-in user (pages, exports, documents, the API) gets ``Cache-Control: private, no-store``
  unless the view set its own.

  The Django admin is the one exception, and for styles only: its change list writes an
  inline ``<style>`` block, and the select2 autocomplete widgets it bundles set ``style``
  attributes. Under ``/admin/`` ``style-src`` also allows ``'unsafe-inline'``; scripts stay
  ``'self'`` only everywhere.

- ``LockoutBackend`` is django-axes' standalone backend (refuses a login while the
  username + address pair is locked out), except that a call to ``authenticate()`` made
  without a request (a management command, a shell, a test) is left to the other backends
  instead of failing: lockout is about logins over HTTP, which always carry a request.

- ``BusyDatabaseMiddleware`` answers 503 (with ``Retry-After``) when SQLite stayed locked
  past its timeout, as it can while a long import holds the one write lock: the page says
  nothing was saved and to try again, instead of a server error.

- ``lockout_response`` renders ``access/lockout.html`` (HTTP 429) for a locked-out login
  (``AXES_LOCKOUT_CALLABLE``), with the failure limit and the waiting time in minutes.
"""

from __future__ import annotations

from collections.abc import Callable

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse

CSP_DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
ADMIN_STYLE_SRC = "'self' 'unsafe-inline'"

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def content_security_policy(path: str = "/") -> str:
    directives = dict(CSP_DIRECTIVES)
    if path.startswith(_admin_prefix()):
        directives["style-src"] = ADMIN_STYLE_SRC
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _admin_prefix() -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("admin:index")
    except NoReverseMatch:  # pragma: no cover - the admin is always installed here
        return "/admin/"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request.path))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        user = getattr(request, "user", None)  # absent on static files (WhiteNoise answers first)
        if user is not None and user.is_authenticated:
            # A signed-in user's pages, files and API answers hold scoped data: no shared or
            # browser cache keeps them (the back button after logging out shows nothing).
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response


class BusyDatabaseMiddleware:
    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.db import OperationalError
        from django.shortcuts import render

        if not (isinstance(exception, OperationalError) and "database is locked" in str(exception)):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not getattr(settings, "AXES_ENABLED", True):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The page a locked-out login gets (django-axes' ``AXES_LOCKOUT_CALLABLE``): HTTP 429."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.shortcuts import render

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "access/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
