from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "cascade.intake"
    label = "intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from cascade.core.registry import ModelScope, register_scopes

        register_scopes(
            {
                "intake.narrativereport": ModelScope("unit", "intake.report"),
                "intake.extractedfact": ModelScope("report__unit", "intake.report"),
                # Not a unit's record: the pages serve a job to its uploader only (views.own_job).
                "intake.importjob": ModelScope(None, "intake.report"),
            }
        )
