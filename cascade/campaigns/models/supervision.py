from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.models import TimeStamped, localized
from cascade.core.querysets import RestrictedQuerySet
from cascade.organization.models import Person, Unit

from ..choices import GroupRole, Severity, VisitMode
from .campaign import Campaign


class SteeringGroup(TimeStamped):
    """A (roving) steering group sent by a unit to supervise and guide the units assigned to it."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="steering_groups"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("dispatching unit"),
        on_delete=models.PROTECT,
        related_name="steering_groups",
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    roving = models.BooleanField(_("roving"), default=False)
    sent_on = models.DateField(
        _("sent on"), null=True, blank=True, help_text=_("The day the group was sent out to its units.")
    )
    members = models.ManyToManyField(
        Person,
        through="SteeringGroupMember",
        verbose_name=_("members"),
        blank=True,
        related_name="steering_groups",
    )
    assigned_units = models.ManyToManyField(
        Unit,
        through="SteeringAssignment",
        verbose_name=_("assigned units"),
        blank=True,
        related_name="supervising_groups",
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "unit__path", "number"]
        verbose_name = _("steering group")
        verbose_name_plural = _("steering groups")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "number"], name="steeringgroup_unique_number"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="steeringgroup_number_positive"),
        ]

    def __str__(self) -> str:
        return localized(self, "name")


class SteeringGroupMember(models.Model):
    group = models.ForeignKey(
        SteeringGroup, verbose_name=_("steering group"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=8, choices=GroupRole.choices, default=GroupRole.MEMBER)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["group", "role", "person__name"]
        verbose_name = _("steering group member")
        verbose_name_plural = _("steering group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="steeringgroupmember_unique_person"),
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(role=GroupRole.LEADER),
                name="steeringgroupmember_one_leader",
                violation_error_message=_("A steering group has one leader."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class SteeringAssignment(models.Model):
    """A unit under a steering group's supervision."""

    group = models.ForeignKey(
        SteeringGroup, verbose_name=_("steering group"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="steering_assignments"
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["group", "unit__path"]
        verbose_name = _("assigned unit")
        verbose_name_plural = _("assigned units")
        constraints = [
            models.UniqueConstraint(fields=["group", "unit"], name="steeringassignment_unique_unit")
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.unit}"


class SupervisionVisit(TimeStamped):
    """A steering group's visit to one of its units."""

    group = models.ForeignKey(
        SteeringGroup, verbose_name=_("steering group"), on_delete=models.CASCADE, related_name="visits"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit visited"), on_delete=models.PROTECT, related_name="supervision_visits"
    )
    date = models.DateField(_("date"))
    mode = models.CharField(_("mode"), max_length=16, choices=VisitMode.choices, default=VisitMode.ON_SITE)
    summary = models.TextField(_("summary"), blank=True)
    feedback = models.TextField(_("feedback given"), blank=True)
    feedback_on = models.DateField(_("feedback given on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("supervision visit")
        verbose_name_plural = _("supervision visits")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(feedback_on__isnull=True) | models.Q(feedback_on__gte=models.F("date")),
                name="supervisionvisit_feedback_after_visit",
                violation_error_message=_("Feedback cannot be given before the visit."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.unit} ({self.date})"


class SupervisionFinding(models.Model):
    """A problem a supervision visit found; it can open a rectification item."""

    visit = models.ForeignKey(
        SupervisionVisit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="findings"
    )
    description = models.TextField(_("description"))
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.MEDIUM
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["visit", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.description[:80]
