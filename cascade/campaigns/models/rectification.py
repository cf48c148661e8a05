from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.models import TimeStamped, localized
from cascade.core.querysets import RestrictedQuerySet
from cascade.organization.models import Person, Unit

from ..choices import RectificationSource, RectificationStatus
from .campaign import Campaign
from .research import ResearchTopic
from .supervision import SupervisionFinding


class RectificationItem(TimeStamped):
    """A problem to put right, its owner, measures, deadline and place in the workflow.

    ``status`` changes only through ``cascade.campaigns.domain.transition_rectification``,
    which allows the moves in ``choices.RECTIFICATION_TRANSITIONS`` and writes history.
    """

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rectification_items",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="rectification_items"
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_items",
    )
    problem = models.TextField(_("problem"))
    problem_zh = models.TextField(_("Chinese problem"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=RectificationSource.choices)
    finding = models.OneToOneField(
        SupervisionFinding,
        verbose_name=_("supervision finding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_item",
    )
    research_topic = models.ForeignKey(
        ResearchTopic,
        verbose_name=_("research topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_items",
    )
    measures = models.TextField(_("measures"), blank=True)
    opened_on = models.DateField(_("opened on"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    verified_by = models.ForeignKey(
        Person,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        indexes = [models.Index(fields=["campaign", "status"], name="rectification_campaign_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__isnull=True) | models.Q(deadline__gte=models.F("opened_on")),
                name="rectification_deadline_after_opened",
                violation_error_message=_("The deadline cannot be before the item was opened."),
            ),
            models.CheckConstraint(
                condition=models.Q(verified_by__isnull=True) | ~models.Q(verified_by=models.F("owner")),
                name="rectification_verifier_not_owner",
                violation_error_message=_("The person who verifies an item cannot be its owner."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=RectificationStatus.VERIFIED)
                | (models.Q(verified_by__isnull=False) & models.Q(verified_at__isnull=False)),
                name="rectification_verified_has_verifier",
                violation_error_message=_("A verified item records who verified it and when."),
            ),
            models.CheckConstraint(
                condition=~models.Q(source=RectificationSource.SUPERVISION) | models.Q(finding__isnull=False),
                name="rectification_supervision_has_finding",
                violation_error_message=_(
                    "An item from a supervision visit names the finding it comes from."
                ),
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "problem")[:80]


class RectificationEvent(models.Model):
    """One move of an item through the workflow; reopening keeps every earlier move."""

    item = models.ForeignKey(
        RectificationItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=16, choices=RectificationStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=RectificationStatus.choices)
    person = models.ForeignKey(
        Person, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["item", "at", "pk"]
        verbose_name = _("rectification event")
        verbose_name_plural = _("rectification events")

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class RectificationEvidence(models.Model):
    item = models.ForeignKey(
        RectificationItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to="rectification/%Y/")
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["item", "uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.description or self.file.name
