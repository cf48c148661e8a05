from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CAMPAIGN_OFFICE = "campaign_office", _("campaign office")
    UNIT_CLERK = "unit_clerk", _("unit clerk")
    LEADER = "leader", _("leadership member")
    STEERING_MEMBER = "steering_member", _("steering group member")
    SECRETARIAT = "secretariat", _("conference secretariat")
    AUDITOR = "auditor", _("auditor (read-only)")
