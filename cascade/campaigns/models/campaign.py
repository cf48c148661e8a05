from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.models import TimeStamped, date_order_constraint, localized
from cascade.core.querysets import RestrictedQuerySet
from cascade.organization.models import Unit, subtree_q

from ..choices import PhraseKind, WorkPlanKind


class Campaign(TimeStamped):
    """An organisation-wide campaign, deployed to one or more subtrees."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_zh = models.TextField(_("Chinese description"), blank=True)
    office = models.ForeignKey(
        Unit,
        verbose_name=_("campaign office"),
        on_delete=models.PROTECT,
        related_name="campaigns_run",
        help_text=_("The unit that sets up and runs the campaign."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    launched_on = models.DateField(_("launched on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "slug"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [date_order_constraint("start_date", "end_date", "campaign_end_after_start")]

    def __str__(self) -> str:
        return localized(self, "title")

    def scope_q(self, field: str = "path") -> models.Q:
        """Filter for units (``field`` is a unit path) inside the campaign's scope."""
        q = models.Q(pk__in=[])
        for scope in self.scopes.select_related("unit"):
            if scope.include_descendants:
                q |= subtree_q(scope.unit.path, field)
            else:
                q |= models.Q(**{field: scope.unit.path})
        return q


class CampaignPhrase(models.Model):
    """One of a campaign's general requirements or goals: a short phrase."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="phrases"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PhraseKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("text"), max_length=200)
    text_zh = models.CharField(_("Chinese text"), max_length=200, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "kind", "order"]
        verbose_name = _("requirement or goal")
        verbose_name_plural = _("requirements and goals")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind", "text"], name="campaignphrase_unique_text")
        ]

    def __str__(self) -> str:
        return localized(self, "text")


class CampaignPhase(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="phases"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "order"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="campaignphase_unique_name"),
            date_order_constraint("start_date", "end_date", "campaignphase_end_after_start"),
        ]

    def __str__(self) -> str:
        return localized(self, "name")


class CampaignScope(models.Model):
    """A unit (with or without its subtree) the campaign is deployed to."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="scopes"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="campaign_scopes"
    )
    include_descendants = models.BooleanField(_("include descendants"), default=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="campaignscope_unique_unit")]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.unit}"


class WorkPlan(TimeStamped):
    """A unit's plan for its part of a campaign (e.g. a research work plan) and its standard."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="work_plans"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="work_plans"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=WorkPlanKind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    focus = models.TextField(_("focus"), blank=True, help_text=_("What the plan concentrates on."))
    focus_zh = models.TextField(_("Chinese focus"), blank=True)
    standard = models.CharField(
        _("standard"),
        max_length=300,
        blank=True,
        help_text=_("The standard the work is held to, in a phrase."),
    )
    standard_zh = models.CharField(_("Chinese standard"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "unit__path", "kind"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    def __str__(self) -> str:
        return localized(self, "title")
