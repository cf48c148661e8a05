from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "cascade.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from cascade.core.registry import register_scopes

        # The rollup engine's bookkeeping, read only through ``cascade.reports.domain`` (which
        # applies the records' scopes to what it counts).
        register_scopes(
            {},
            internal=(
                "reports.pendingchange",
                "reports.unitfigure",
                "reports.rollupfigure",
                "reports.unitancestor",
                "reports.latenessday",
            ),
        )
