"""Units (a materialized-path tree), people and their memberships."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from cascade.core.models import TimeStamped, date_order_constraint, localized
from cascade.core.querysets import RestrictedQuerySet, RestrictMixin
from cascade.core.tree import STEPLEN, subtree_q

from .choices import Rank, UnitKind


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return localized(self, "name")


class UnitQuerySet(RestrictMixin, MP_NodeQuerySet):
    def subtree(self, unit: "Unit", *, include_self: bool = True) -> "UnitQuerySet":
        qs = self.filter(subtree_q(unit.path))
        return qs if include_self else qs.exclude(pk=unit.pk)

    def subtrees(self, units: Iterable["Unit"]) -> "UnitQuerySet":
        """The units in any of the subtrees of ``units`` (each unit and everything below it)."""
        q = models.Q(pk__in=[])
        for unit in units:
            q |= subtree_q(unit.path)
        return self.filter(q)


# The compiled children query of each database alias and the fields it selects (see
# ``UnitManager.children_list``).
_children_sql: dict[str, tuple[str, list[str]]] = {}


class UnitManager(MP_NodeManager):
    def get_queryset(self) -> UnitQuerySet:
        return UnitQuerySet(self.model).order_by("path")

    def subtree(self, unit: "Unit", *, include_self: bool = True) -> UnitQuerySet:
        return self.get_queryset().subtree(unit, include_self=include_self)

    def subtrees(self, units: Iterable["Unit"]) -> UnitQuerySet:
        return self.get_queryset().subtrees(units)

    def get_children(self, node: "Unit") -> UnitQuerySet:
        """The unit's direct children, in tree order, by the indexed parent path.

        Treebeard's own query (a depth within the range of the subtree's paths) reads the
        whole subtree on SQLite; nor does this trust a possibly stale ``numchild``.
        """
        return self.get_queryset().filter(parent_path=node.path)

    def children_list(self, node: "Unit") -> list["Unit"]:
        """``get_children(node)`` as a list, for the rollup's hot path: the query is compiled
        once per database, then run as it is and its rows made units directly (compiling the
        query, or a raw query's column matching, costs more than running it). The timestamps
        are left out (read when asked for), and with them every column a database converts."""
        alias = self.db
        compiled = _children_sql.get(alias)
        if compiled is None:
            compiler = self.get_children(node).defer("created_at", "updated_at").query.get_compiler(alias)
            sql, _params = compiler.as_sql()
            columns = [expression for expression, _sql, _alias in compiler.select]
            if compiler.get_converters(columns):
                raise ImproperlyConfigured(
                    "A unit's column read for its children needs converting: defer it."
                )
            compiled = _children_sql[alias] = (sql, [column.target.attname for column in columns])
        sql, names = compiled
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, [node.path])
            rows = cursor.fetchall()
        return [self.model.from_db(alias, names, row) for row in rows]

    def restrict(self, user, action: str = "read") -> UnitQuerySet:
        return self.get_queryset().restrict(user, action)


class Unit(MP_Node, TimeStamped):
    """A node of the organisation tree, at any depth."""

    steplen = STEPLEN
    node_order_by = None

    # Indexed: imports and pickers find a unit by its name among tens of thousands.
    name = models.CharField(_("name"), max_length=200, db_index=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True, db_index=True)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, db_index=True, help_text=_("Abbreviation, e.g. MFA.")
    )
    short_name_zh = models.CharField(_("Chinese short name"), max_length=40, blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices, default=UnitKind.OTHER)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    leader = models.ForeignKey(
        "organization.Person",
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_units",
    )
    # The parent's path, computed by the database from ``path``: it carries the
    # "unique name within a parent" constraint without a second copy of the tree.
    parent_path = models.GeneratedField(
        expression=Substr("path", 1, Length("path") - STEPLEN),
        output_field=models.CharField(max_length=255),
        db_persist=True,
        verbose_name=_("parent path"),
    )

    objects = UnitManager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["parent_path", "name"],
                name="unit_unique_name_per_parent",
                violation_error_message=_("A unit with this name already exists under the same parent."),
            ),
            models.CheckConstraint(condition=models.Q(depth__gte=1), name="unit_depth_positive"),
        ]

    def __str__(self) -> str:
        return localized(self, "name")

    @property
    def label(self) -> str:
        """Short name if any, else the name (in the active language)."""
        return localized(self, "short_name") or str(self)

    def subtree_q(self, field: str = "path") -> models.Q:
        return subtree_q(self.path, field)


class Person(TimeStamped):
    name = models.CharField(_("name"), max_length=120, db_index=True)
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True, db_index=True)
    rank = models.CharField(_("rank"), max_length=32, choices=Rank.choices, blank=True)
    post = models.CharField(_("post"), max_length=300, blank=True)
    post_zh = models.CharField(_("Chinese post"), max_length=300, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    units = models.ManyToManyField(Unit, through="Membership", related_name="people", verbose_name=_("units"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return localized(self, "name")


class Membership(TimeStamped):
    """A person's place in a unit: post held, leadership-team membership, period."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    post = models.CharField(_("post"), max_length=300, blank=True)
    is_leadership = models.BooleanField(
        _("leadership team"),
        default=False,
        help_text=_("Member of the unit's party committee or leading group."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "person__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit", "start_date"], name="membership_unique_person_unit_start"
            ),
            models.UniqueConstraint(
                fields=["person", "unit"],
                condition=models.Q(start_date__isnull=True),
                name="membership_unique_person_unit_undated",
            ),
            date_order_constraint("start_date", "end_date", "membership_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.unit}"


class UnitMove(models.Model):
    """History of re-parenting: where a unit stood before and after a move."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="moves")
    old_parent = models.ForeignKey(
        Unit, verbose_name=_("old parent"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    new_parent = models.ForeignKey(
        Unit, verbose_name=_("new parent"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    old_path = models.CharField(_("old path"), max_length=255)
    new_path = models.CharField(_("new path"), max_length=255)
    moved_at = models.DateTimeField(_("moved at"), auto_now_add=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moved by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-moved_at"]
        verbose_name = _("unit move")
        verbose_name_plural = _("unit moves")

    def __str__(self) -> str:
        return f"{self.unit}: {self.old_path} → {self.new_path}"
