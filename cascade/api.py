"""The HTTP API (django-ninja): OpenAPI at /api/docs.

A browser calls it with its session (and CSRF token); a program with a token of its user
(``Authorization: Bearer csc_...``, made on the "API tokens" page). Every operation's
document lists the errors it may answer (``cascade.core.api.document_errors``).
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.security import django_auth

from cascade.access.tokens import TokenAuth
from cascade.core.api import InputError, document_errors


class CascadeAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return document_errors(super().get_openapi_schema(**kwargs))


api = CascadeAPI(
    title="Cascade API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), django_auth],
    description="Campaigns and work conferences across a tree of units. Every list is scoped to the caller.",
)


@api.exception_handler(InputError)
def input_error(request: HttpRequest, exc: InputError):
    """A filter or a body the API refuses: the message and the errors by field."""
    return api.create_response(request, {"detail": exc.message, "errors": exc.errors}, status=exc.status_code)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied):
    """A domain function refused the caller: 403, with its reason in the caller's language."""
    return api.create_response(
        request, {"detail": str(exc) or gettext("You may not do this here.")}, status=403
    )


def _add_routers() -> None:
    from cascade.access.api import router as access_router
    from cascade.campaigns.api import router as campaigns_router
    from cascade.conferences.api import router as conferences_router
    from cascade.intake.api import router as intake_router
    from cascade.organization.api import router as organization_router
    from cascade.reports.api import router as reports_router

    api.add_router("/organization/", organization_router)
    api.add_router("/campaigns/", campaigns_router)
    api.add_router("/conferences/", conferences_router)
    api.add_router("/reports/", reports_router)
    api.add_router("/intake/", intake_router)
    api.add_router("/access/", access_router)


_add_routers()
