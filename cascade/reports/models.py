"""The rollup engine's tables: figures kept current on write, so a rollup reads O(children) rows.

- ``PendingChange``: what a write made stale. Database triggers on every counted table add
  a row (a *family* of figures and the unit it belongs to) in the writer's own transaction;
  writers never touch the figures themselves, so no row is hot.
- ``UnitFigure``: a unit's own figures, recounted from the rows for each stale (family, key)
  by ``engine.drain``: one row per campaign, series, day and deadline, with up to eight values.
- ``RollupFigure``: the figures summed for reading: over a unit's strict descendants by
  campaign, series and period bucket (everything, a month, a day), and over the unit's own
  records (everything). A subtree's figures are its unit's own plus its descendants'; a
  rollup reads them for the unit and each direct child.
- ``UnitAncestor``: the tree as the figures were summed (a closure table), so that moves,
  additions and deletions of units are applied exactly once, whatever path they took.
- ``LatenessDay``: the day stored "overdue" figures are judged against (today, as of the
  last drain); other days are answered by correcting them with the records' deadlines.

None of these tables has a foreign key: a deleted unit's figures are taken out by the drain
that follows, not by a cascade. Nothing here is edited by hand; ``cascade rollup --rebuild``
recounts all of it from the records.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

VALUE_COLUMNS = tuple(f"v{i}" for i in range(8))


class PendingChange(models.Model):
    """A family of a unit's figures that a write has made stale."""

    id = models.BigAutoField(primary_key=True)
    family = models.CharField(_("family"), max_length=16)
    key = models.BigIntegerField(_("key"))

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
    ``engine.series.NO_DAY``), a month (``bucket`` its first day), a day. ``grain`` 3 holds
    the unit's own records, everything. The key leads with (unit, grain, due) so that a
    read of one grain skips the deadline series' rows.
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
                fields=["unit_id", "grain", "due", "ckey", "series", "bucket"], name="rollupfigure_key"
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


class LatenessDay(models.Model):
    """The day the stored "overdue" figures are judged against; one row."""

    day = models.DateField()

    class Meta:
        verbose_name = _("lateness day")
        verbose_name_plural = _("lateness days")

    def __str__(self) -> str:
        return str(self.day)
