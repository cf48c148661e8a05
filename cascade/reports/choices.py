from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodPreset(models.TextChoices):
    """Ready-made periods for dashboards; each is turned into dates by ``domain.preset_period``."""

    ALL = "all", _("all time")
    CAMPAIGN = "campaign", _("the campaign's period")
    LAST_7_DAYS = "7d", _("last 7 days")
    LAST_30_DAYS = "30d", _("last 30 days")
    THIS_YEAR = "year", _("this year")


class NotificationStage(models.TextChoices):
    """How far a directive or rectification item is past its deadline when its people are told."""

    DUE_SOON = "due_soon", _("due soon")
    OVERDUE = "overdue", _("overdue")
    ESCALATED = "escalated", _("escalated")


class BriefingFileStatus(models.TextChoices):
    """Where a briefing's Word file made in the background stands."""

    QUEUED = "queued", _("being made")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")
