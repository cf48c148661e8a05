from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    EN = "en", _("English")
    ZH = "zh", _("Chinese")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    EXTRACTING = "extracting", _("figures being read")
    EXTRACTED = "extracted", _("facts extracted")
    CONFIRMED = "confirmed", _("confirmed")


class FactStatus(models.TextChoices):
    PENDING = "pending", _("to be checked")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("being checked")
    CHECKED = "checked", _("checked")
    IMPORTING = "importing", _("being imported")
    IMPORTED = "imported", _("imported")
    REFUSED = "refused", _("refused")
