"""Role assignments (who may do what where) and the audit log."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.querysets import RestrictedQuerySet
from cascade.organization.models import Unit

from .choices import Role
from .permissions import ROLE_PERMISSIONS


class RoleAssignment(models.Model):
    """A user holds a role over a unit (optionally its subtree) or over a steering group's units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    include_descendants = models.BooleanField(_("include descendants"), default=True)
    steering_group = models.ForeignKey(
        "campaigns.SteeringGroup",
        verbose_name=_("steering group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(unit__isnull=False) & models.Q(steering_group__isnull=True))
                | (models.Q(unit__isnull=True) & models.Q(steering_group__isnull=False)),
                name="roleassignment_unit_xor_group",
                violation_error_message=_("A role is held over either a unit or a steering group."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                condition=models.Q(steering_group__isnull=True),
                name="roleassignment_unique_unit",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "steering_group"],
                condition=models.Q(unit__isnull=True),
                name="roleassignment_unique_group",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit if self.unit_id else self.steering_group
        return f"{self.user} — {self.get_role_display()} @ {where}"

    @property
    def permissions(self) -> frozenset[str]:
        return ROLE_PERMISSIONS[self.role]


class AuditEntry(models.Model):
    """One audited action: who did what to which object, with the state before and after."""

    action = models.CharField(_("action"), max_length=80, db_index=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("object type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["content_type", "object_id"], name="auditentry_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
