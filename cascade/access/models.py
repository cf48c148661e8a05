"""Role assignments (who may do what where), the audit log, and users' API tokens."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy

from cascade.core.querysets import RestrictedQuerySet
from cascade.core.scopes import permission_for
from cascade.organization.models import Unit

from .choices import Role
from .permissions import ROLE_PERMISSIONS


class RoleAssignment(models.Model):
    """A user holds a role over a unit (optionally its subtree) or over a steering group's units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("user"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(gettext_lazy("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    include_descendants = models.BooleanField(gettext_lazy("include descendants"), default=True)
    steering_group = models.ForeignKey(
        "campaigns.SteeringGroup",
        verbose_name=gettext_lazy("steering group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    granted_at = models.DateTimeField(gettext_lazy("granted at"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["user", "role"]
        verbose_name = gettext_lazy("role assignment")
        verbose_name_plural = gettext_lazy("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(unit__isnull=False) & models.Q(steering_group__isnull=True))
                | (models.Q(unit__isnull=True) & models.Q(steering_group__isnull=False)),
                name="roleassignment_unit_xor_group",
                violation_error_message=gettext_lazy(
                    "A role is held over either a unit or a steering group."
                ),
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

    action = models.CharField(gettext_lazy("action"), max_length=80, db_index=True)
    at = models.DateTimeField(gettext_lazy("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=gettext_lazy("object type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField(gettext_lazy("object id"), max_length=64, blank=True)
    object_repr = models.CharField(gettext_lazy("object"), max_length=300, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=gettext_lazy("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    before = models.JSONField(gettext_lazy("before"), null=True, blank=True)
    after = models.JSONField(gettext_lazy("after"), null=True, blank=True)
    data = models.JSONField(gettext_lazy("details"), default=dict, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = gettext_lazy("audit entry")
        verbose_name_plural = gettext_lazy("audit entries")
        indexes = [models.Index(fields=["content_type", "object_id"], name="auditentry_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class ApiTokenQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "read"):
        """A token is its user's, not a unit's: a user's own tokens only; every token for an
        active superuser and ``SYSTEM`` (the admin, the command line); none for anyone else."""
        permission_for(self.model, action)  # an unknown action still fails loudly
        if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
            return self
        if getattr(user, "is_authenticated", False) and getattr(user, "is_active", False):
            return self.filter(user=user)
        return self.none()


class ApiToken(models.Model):
    """A user's token for programs calling the API (``Authorization: Bearer csc_...``).

    Made, shown once and revoked through ``domain.create_token`` / ``domain.revoke_token``;
    ``domain.user_for_token`` checks one. Only the SHA-256 digest of the token is stored:
    a token is 32 random bytes (``secrets.token_urlsafe(32)``), far too many to guess or to
    search for, so a plain fast hash is the right one (salts and slow hashes such as Argon2
    protect low-entropy passwords, and would make every API request pay for them) and a
    lookup by the digest finds the token in one indexed query.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        gettext_lazy("name"), max_length=100, help_text=gettext_lazy("What the token is for.")
    )
    # The first characters of the token ("csc_" and 8 more): enough to tell tokens apart
    # in a list, far too few to guess the rest from.
    prefix = models.CharField(gettext_lazy("prefix"), max_length=12, db_index=True)
    # SHA-256 of the whole token, in hex; the token itself is never stored.
    digest = models.CharField(gettext_lazy("digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(gettext_lazy("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(gettext_lazy("revoked at"), null=True, blank=True)
    expires_at = models.DateTimeField(gettext_lazy("expires at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = gettext_lazy("API token")
        verbose_name_plural = gettext_lazy("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
