from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "cascade.access"
    label = "access"
    verbose_name = _("Access")

    def ready(self) -> None:
        from cascade.core.audit import register_audit_log
        from cascade.core.registry import ModelScope, register_scopes
        from cascade.core.scopes import register_grant_source

        from . import history
        from .models import AuditEntry
        from .scopes import role_grants
        from .tables import AuditEntryTable

        register_scopes(
            {
                "access.roleassignment": ModelScope("unit", "access.audit"),
                "access.auditentry": ModelScope("unit", "access.audit"),
                # A user's own, not a unit's: no unit, and its queryset's ``restrict`` keeps a
                # user's own tokens only (every token for superusers); the pages serve a
                # user their own tokens and nobody else's (``views.own_token``).
                "access.apitoken": ModelScope(None, "access.audit"),
            }
        )

        history.connect()
        register_grant_source(role_grants)
        register_audit_log(model=AuditEntry, table=AuditEntryTable)
