from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "cascade.organization"
    label = "organization"
    verbose_name = _("Organization")

    def ready(self) -> None:
        from cascade.core.registry import ModelScope, register_scopes

        register_scopes(
            {
                "organization.country": ModelScope(None, "organization.unit"),
                "organization.unit": ModelScope("", "organization.unit"),
                "organization.person": ModelScope("memberships__unit", "organization.person", many=True),
                "organization.membership": ModelScope("unit", "organization.person"),
                "organization.unitmove": ModelScope("unit", "organization.unit"),
            }
        )
