from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendeeRole(models.TextChoices):
    PRINCIPAL = "principal", _("delivered the principal speech")
    PRESIDING = "presiding", _("presided")
    STANDING_COMMITTEE = "standing_committee", _("member of the Standing Committee of the Political Bureau")
    SPEAKER = "speaker", _("speaker")
    ATTENDEE = "attendee", _("attendee")


class DirectiveStatus(models.TextChoices):
    PENDING = "pending", _("not yet acknowledged")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


# The moves a recipient may make with a directive.
DIRECTIVE_TRANSITIONS: dict[str, frozenset[str]] = {
    DirectiveStatus.PENDING: frozenset({DirectiveStatus.ACKNOWLEDGED}),
    DirectiveStatus.ACKNOWLEDGED: frozenset({DirectiveStatus.IN_PROGRESS, DirectiveStatus.DONE}),
    DirectiveStatus.IN_PROGRESS: frozenset({DirectiveStatus.DONE}),
    DirectiveStatus.DONE: frozenset({DirectiveStatus.IN_PROGRESS}),
}
