"""The rollup engine's tables: figures kept current on write, so a rollup reads O(children) rows.

- ``PendingChange``: what a write made stale. Database triggers on every counted table add
  a row (a *family* of figures and the unit it belongs to, and for an inserted row its table
  and id) in the writer's own transaction; writers never touch the figures themselves, so no
  row is hot.
- ``UnitFigure``: a unit's own figures, kept by ``engine.drain`` for each stale (family, key):
  recounted from the rows, or the inserted rows' figures added. One row per campaign,
  series, day and deadline, with up to eight values.
- ``RollupFigure``: the figures summed for reading: over a unit's strict descendants by
  campaign, series and period bucket (everything, a month, a day), and over the unit's own
  records (everything). A subtree's figures are its unit's own plus its descendants'; a
  rollup reads them for the unit and each direct child. Months and days are kept only for
  the ``GrainedUnit`` units: a period of a smaller subtree is summed from its units' own
  figures when read.
- ``UnitAncestor``: the tree as the figures were summed (a closure table), so that moves,
  additions and deletions of units are applied exactly once, whatever path they took.
- ``LatenessDay``: the day stored "overdue" figures are judged against (today, as of the
  last drain); other days are answered by correcting them with the records' deadlines.

None of these tables has a foreign key: a deleted unit's figures are taken out by the drain
that follows, not by a cascade. Nothing here is edited by hand; ``cascade rollup --rebuild``
recounts all of it from the records.

Besides the engine's tables, the reminders' (``reminders``): ``Notification``, a user told
that a directive delivery or rectification item is due soon, overdue or escalated, and
``ReaderLanguage``, the language a user's emails are written in; and ``BriefingFile``, a
briefing's Word file the task worker makes for a large subtree (``briefing.files``).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cascade.core.models import TimeStamped, localized
from cascade.core.querysets import OwnedQuerySet

from .choices import BriefingFileStatus, NotificationStage

VALUE_COLUMNS = tuple(f"v{i}" for i in range(8))


class PendingChange(models.Model):
    """A family of a unit's figures that a write has made stale: to recount, or, for a row
    inserted (``source`` its table, ``row_id`` its id), to add that row's figures to."""

    id = models.BigAutoField(primary_key=True)
    family = models.CharField(_("family"), max_length=16)
    key = models.BigIntegerField(_("key"))
    source = models.CharField(_("table"), max_length=64, null=True)
    row_id = models.BigIntegerField(_("row"), null=True)

    class Meta:
        verbose_name = _("pending recount")
        verbose_name_plural = _("pending recounts")

    def __str__(self) -> str:
        return f"{self.family}:{self.key}"


class _Values(models.Model):
    v0 = models.BigIntegerField(default=0)
    v1 = models.BigIntegerField(default=0)
    v2 = models.BigIntegerField(default=0)
    v3 = models.BigIntegerField(default=0)
    v4 = models.BigIntegerField(default=0)
    v5 = models.BigIntegerField(default=0)
    v6 = models.BigIntegerField(default=0)
    v7 = models.BigIntegerField(default=0)

    class Meta:
        abstract = True


class UnitFigure(_Values):
    """Figures of one unit's own records, as last recounted for (``family``, ``key``).

    ``ckey`` is the campaign's id, 0 for records outside any campaign, and -1 for the
    distinct counts over all campaigns together (coverage, units supervised), which do
    not add up across campaigns. ``day`` is the date that places the figures in a period
    (null when the records have none); ``due`` the deadline, in the deadline series only
    (``engine.series.NO_DUE`` elsewhere).
    """

    family = models.CharField(max_length=16)
    key = models.BigIntegerField()
    unit_id = models.BigIntegerField()
    ckey = models.BigIntegerField()
    series = models.CharField(max_length=24)
    day = models.DateField(null=True)
    due = models.DateField()

    class Meta:
        verbose_name = _("unit figure")
        verbose_name_plural = _("unit figures")
        indexes = [
            models.Index(fields=["family", "key"], name="unitfigure_source"),
            models.Index(fields=["unit_id", "ckey", "series", "day"], name="unitfigure_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.series} {self.day or '—'}"


class RollupFigure(_Values):
    """Figures summed for one unit, campaign key, series and bucket.

    ``grain`` 0, 1 and 2 hold the unit's strict descendants: everything (``bucket`` is
    ``engine.series.NO_DAY``), a month (``bucket`` its first day), a day; months and days
    only for a ``GrainedUnit``. ``grain`` 3 holds
    the unit's own records, everything. The key leads with (unit, grain, due, bucket) so
    that a read of one grain skips the deadline series' rows, and a period's months or days
    are one range of it.
    """

    unit_id = models.BigIntegerField()
    grain = models.SmallIntegerField()
    ckey = models.BigIntegerField()
    series = models.CharField(max_length=24)
    bucket = models.DateField()
    due = models.DateField()

    class Meta:
        verbose_name = _("rollup figure")
        verbose_name_plural = _("rollup figures")
        constraints = [
            models.UniqueConstraint(
                fields=["unit_id", "grain", "due", "bucket", "ckey", "series"], name="rollupfigure_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.series} {self.grain}:{self.bucket}"


class UnitAncestor(models.Model):
    """``ancestor_id`` is ``distance`` levels above ``unit_id`` (0: the unit itself) in the summed tree."""

    unit_id = models.BigIntegerField()
    ancestor_id = models.BigIntegerField()
    distance = models.SmallIntegerField()

    class Meta:
        verbose_name = _("unit ancestor")
        verbose_name_plural = _("unit ancestors")
        constraints = [
            models.UniqueConstraint(fields=["unit_id", "ancestor_id"], name="unitancestor_pair"),
        ]
        indexes = [models.Index(fields=["ancestor_id", "distance"], name="unitancestor_ancestor")]

    def __str__(self) -> str:
        return f"{self.ancestor_id} ⊇ {self.unit_id} ({self.distance})"


class GrainedUnit(models.Model):
    """A unit with enough descendants (``settings.CASCADE_GRAINED_FROM``) that its subtree's
    figures are also kept by month and by day."""

    unit_id = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = _("unit summed by period")
        verbose_name_plural = _("units summed by period")

    def __str__(self) -> str:
        return str(self.unit_id)


class LatenessDay(models.Model):
    """The state of the stored figures, one row: the day their "overdue" figures are judged
    against, and their version, replaced by every transaction that changes them (a read can be
    kept for as long as the version it was read under is current: ``engine.read``)."""

    day = models.DateField()
    version = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        verbose_name = _("lateness day")
        verbose_name_plural = _("lateness days")

    def __str__(self) -> str:
        return str(self.day)


# --- notifications ------------------------------------------------------------------------------


class NotificationQuerySet(OwnedQuerySet):
    """A notification is its recipient's alone (the daily run, as ``SYSTEM``, sees every one)."""

    owner_field = "recipient"

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A user is told that a directive delivery or a rectification item is due soon, overdue, or
    (for the unit above) escalated; made by ``reminders.send_reminders``, once per recipient,
    item and stage.

    What it says is written when it is read, in the reader's language, from the item itself
    (its title, its unit) and the deadline it had when it was noticed (``title``, ``url``).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    stage = models.CharField(_("stage"), max_length=16, choices=NotificationStage.choices)
    delivery = models.ForeignKey(
        "conferences.DirectiveRecipient",
        verbose_name=_("directive delivery"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    item = models.ForeignKey(
        "campaigns.RectificationItem",
        verbose_name=_("rectification item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    deadline = models.DateField(_("deadline"))
    day = models.DateField(_("day"), help_text=_("The day the reminder run noticed it."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(delivery__isnull=False) & models.Q(item__isnull=True))
                | (models.Q(delivery__isnull=True) & models.Q(item__isnull=False)),
                name="notification_one_subject",
                violation_error_message=_(
                    "A notification is about a directive delivery or a rectification item."
                ),
            ),
            models.UniqueConstraint(
                fields=["recipient", "delivery", "stage"],
                condition=models.Q(delivery__isnull=False),
                name="notification_once_per_delivery",
            ),
            models.UniqueConstraint(
                fields=["recipient", "item", "stage"],
                condition=models.Q(item__isnull=False),
                name="notification_once_per_item",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_newest"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self):
        """The directive delivery or rectification item it is about."""
        return self.delivery if self.delivery_id else self.item

    @property
    def unit(self):
        return self.subject.unit

    @property
    def url(self) -> str:
        if self.delivery_id:
            return reverse("conferences:directiverecipient_detail", args=[self.delivery_id])
        return reverse("campaigns:rectificationitem_detail", args=[self.item_id])

    @property
    def title(self) -> str:
        """What it says, in the active language (load ``delivery__directive``, ``delivery__unit``
        and ``item__unit`` with it)."""
        values = {"unit": str(self.unit), "deadline": formats.date_format(self.deadline)}
        if self.delivery_id:
            values["title"] = localized(self.delivery.directive, "title")
            texts = {
                NotificationStage.DUE_SOON: gettext(
                    "Directive “%(title)s” for %(unit)s is due on %(deadline)s."
                ),
                NotificationStage.OVERDUE: gettext(
                    "Directive “%(title)s” for %(unit)s was due on %(deadline)s and is not done."
                ),
                NotificationStage.ESCALATED: gettext(
                    "Escalated: directive “%(title)s” for %(unit)s is overdue since %(deadline)s."
                ),
            }
        else:
            values["title"] = str(self.item)
            texts = {
                NotificationStage.DUE_SOON: gettext(
                    "Rectification item “%(title)s” of %(unit)s is due on %(deadline)s."
                ),
                NotificationStage.OVERDUE: gettext(
                    "Rectification item “%(title)s” of %(unit)s was due on %(deadline)s and is not done."
                ),
                NotificationStage.ESCALATED: gettext(
                    "Escalated: rectification item “%(title)s” of %(unit)s is overdue since %(deadline)s."
                ),
            }
        return texts[self.stage] % values

    @property
    def status(self) -> str:
        """The item's status now (it may have moved on since the notice)."""
        return self.subject.get_status_display()


class BriefingFileQuerySet(OwnedQuerySet):
    """A briefing file is its requester's alone."""

    owner_field = "requested_by"


class ReaderLanguage(models.Model):
    """The language a user last signed in with or switched to: what is sent to them outside a
    request (reminder emails) is written in it. Kept by ``reminders.remember_language``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reader's language")
        verbose_name_plural = _("readers' languages")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"


class BriefingFile(TimeStamped):
    """A briefing's Word file made by the task worker (a large subtree's takes a while to
    build); its requester's alone, made with their scope, in the language they asked for."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        "organization.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    lang = models.CharField(_("language"), max_length=2)
    # The site's address as the requester used it: the figures' links in the file point there.
    base_url = models.CharField(_("address of the site"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=BriefingFileStatus.choices, default=BriefingFileStatus.QUEUED
    )
    file = models.FileField(_("file"), upload_to="briefings/%Y/", blank=True)
    message = models.TextField(_("message"), blank=True)

    objects = BriefingFileQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("briefing file")
        verbose_name_plural = _("briefing files")

    def __str__(self) -> str:
        return (
            f"{self.unit} ({self.lang}, {self.created_at:%Y-%m-%d %H:%M})"
            if self.created_at
            else str(self.unit)
        )
