from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.models import TimeStamped, localized
from cascade.core.querysets import RestrictedQuerySet
from cascade.organization.models import Person, Unit

from ..choices import TopicStatus
from .campaign import Campaign


class ResearchMethod(models.Model):
    """A named way of doing research, e.g. "four nos and two straights" (unannounced, direct visits)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_zh = models.TextField(_("Chinese description"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("research method")
        verbose_name_plural = _("research methods")

    def __str__(self) -> str:
        return localized(self, "name")


class ResearchTopic(TimeStamped):
    """A research topic of a unit, claimed by a leader and tied to the work in their charge."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="topics",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="research_topics"
    )
    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    claimed_by = models.ForeignKey(
        Person,
        verbose_name=_("claimed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claimed_topics",
    )
    work_area = models.CharField(
        _("work area"),
        max_length=200,
        blank=True,
        help_text=_("The work in the leader's charge that it serves."),
    )
    work_area_zh = models.CharField(_("Chinese work area"), max_length=200, blank=True)
    methods = models.ManyToManyField(
        ResearchMethod, verbose_name=_("methods"), blank=True, related_name="topics"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TopicStatus.choices, default=TopicStatus.PLANNED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    report = models.TextField(_("report"), blank=True)
    report_file = models.FileField(_("report file"), upload_to="research/%Y/", blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "title"]
        verbose_name = _("research topic")
        verbose_name_plural = _("research topics")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "title"], name="researchtopic_unique_title"),
        ]

    def __str__(self) -> str:
        return localized(self, "title")


class FieldVisit(TimeStamped):
    """A field visit for research: who went where, whether unannounced, what they found."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="field_visits",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("visiting unit"), on_delete=models.PROTECT, related_name="field_visits"
    )
    topic = models.ForeignKey(
        ResearchTopic,
        verbose_name=_("research topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="field_visits",
    )
    led_by = models.ForeignKey(
        Person, verbose_name=_("led by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visited_unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit visited"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visited = models.CharField(
        _("place or body visited"), max_length=300, help_text=_("e.g. an aid construction project")
    )
    visited_zh = models.CharField(_("Chinese place or body visited"), max_length=300, blank=True)
    date = models.DateField(_("date"))
    unannounced = models.BooleanField(_("unannounced"), default=False)
    findings = models.TextField(_("findings"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("field visit")
        verbose_name_plural = _("field visits")

    def __str__(self) -> str:
        return f"{localized(self, 'visited')} ({self.date})"


class AdoptedMeasure(TimeStamped):
    """A measure that a research topic's findings turned into."""

    topic = models.ForeignKey(
        ResearchTopic, verbose_name=_("research topic"), on_delete=models.CASCADE, related_name="measures"
    )
    description = models.TextField(_("description"))
    description_zh = models.TextField(_("Chinese description"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "adopted_on", "pk"]
        verbose_name = _("measure adopted")
        verbose_name_plural = _("measures adopted")

    def __str__(self) -> str:
        return localized(self, "description")[:80]
