"""API tokens on the HTTP API: ``Authorization: Bearer csc_...`` beside the browser's session.

``cascade.api`` lists ``TokenAuth()`` before ninja's ``django_auth``. A request that carries
a bearer token is the token's user's, however it came: it needs no CSRF token (a page of
another site cannot set an ``Authorization`` header, so nothing rides on the browser's
cookies), and an unknown, revoked or expired token, or one of an inactive user, answers
401 at once, never falling back to a session the request may also carry. A request
without one goes on to ``django_auth``, which keeps ninja's CSRF check for sessions.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from .domain import user_for_token


class TokenAuth(HttpBearer):
    """A user's API token (made on the "API tokens" page) as a bearer token."""

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser:
        user = user_for_token(token)
        if user is None:
            raise AuthenticationError  # 401, whatever else the request carries
        # The routers scope their querysets with ``.restrict(request.user, ...)``, and model
        # history names ``request.user``: both are the token's user.
        request.user = user
        return user
