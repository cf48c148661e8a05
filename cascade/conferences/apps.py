from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "cascade.conferences"
    label = "conferences"
    verbose_name = _("Conferences")

    def ready(self) -> None:
        from cascade.core.registry import ModelScope, register_scopes

        register_scopes(
            {
                "conferences.conference": ModelScope(None, "conference.conference"),
                "conferences.agendaitem": ModelScope(None, "conference.conference"),
                "conferences.speech": ModelScope(None, "conference.conference"),
                "conferences.attendeecategory": ModelScope(None, "conference.conference"),
                "conferences.attendee": ModelScope(None, "conference.conference"),
                "conferences.attendeecheckin": ModelScope(None, "conference.conference"),
                "conferences.arrangement": ModelScope(None, "conference.conference"),
                "conferences.directive": ModelScope("deliveries__unit", "conference.directive", many=True),
                "conferences.directiverecipient": ModelScope("unit", "conference.directive"),
                "conferences.progressreport": ModelScope("recipient__unit", "conference.directive"),
            }
        )
