"""Health and readiness for whatever runs Cascade (a load balancer, systemd, Kubernetes).

- ``/health/``: the process answers (no database): 200 ``{"status": "ok"}``.
- ``/ready/``: it can serve: the database answers, every migration is applied, and (outside
  debug mode) the collected static files' manifest is there. 200 with each check, or 503
  naming the ones that failed. Neither needs signing in; neither tells more than that.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _migrations() -> bool:
    try:
        executor = MigrationExecutor(connection)
        return executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    except DatabaseError:
        return False


def _static() -> bool:
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if settings.DEBUG or manifest is None:
        return True
    return staticfiles_storage.exists(manifest)


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database()}
    checks["migrations"] = checks["database"] and _migrations()
    checks["static_files"] = _static()
    ok = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )
