from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "cascade.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from cascade.core.registry import ModelScope, register_scopes

        from . import drain_queue
        from .reminders import remember_sign_in_language

        # The rollup engine's bookkeeping, read only through ``cascade.reports.domain`` (which
        # applies the records' scopes to what it counts), and the language reminders are
        # written in (``reminders.remember_language``).
        register_scopes(
            {
                # A user's own, not a unit's: its queryset's ``restrict`` keeps the user's own
                # notifications only (``models.NotificationQuerySet``).
                "reports.notification": ModelScope(None, "reports.briefing"),
                # Its requester's own, likewise (``models.BriefingFileQuerySet``).
                "reports.briefingfile": ModelScope(None, "reports.briefing"),
            },
            internal=(
                "reports.pendingchange",
                "reports.unitfigure",
                "reports.rollupfigure",
                "reports.unitancestor",
                "reports.grainedunit",
                "reports.latenessday",
                "reports.readerlanguage",
            ),
        )
        # Figures are brought up to date in the background after each write that counts.
        drain_queue.connect()
        # Reminder emails are written in the language the user signs in with.
        user_logged_in.connect(remember_sign_in_language, dispatch_uid="cascade.reports.sign_in_language")
