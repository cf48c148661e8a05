"""Columns of the organisation lists: units, people, memberships, moves, countries."""

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from cascade.core.tables import Column, Table, detail_url, resolve

from .models import Country, Membership, Person, Unit, UnitMove


class LinkedTable(Table):
    """A table whose linked cells open a related record (``link_to``, a lookup) instead of the row."""

    link_to: ClassVar[str] = ""

    def rows(self) -> list[dict[str, Any]]:
        out = super().rows()
        if not self.link_to:
            return out
        for row in out:
            target = resolve(row["object"], self.link_to)
            url = detail_url(target) if isinstance(target, models.Model) else None
            for cell, column in zip(row["cells"], self.columns, strict=True):
                if column.link:
                    cell["url"] = url
        return out


class UnitTable(Table):
    model = Unit
    columns = (
        Column("__str__", label=_("name"), link=True),
        Column("short_name"),
        Column("kind"),
        Column("country"),
        Column("leader"),
        Column("numchild", label=_("units directly below")),
    )
    select_related = ("country", "leader")


class UnitMembershipTable(LinkedTable):
    """A unit's members (linked to each person)."""

    model = Membership
    link_to = "person"
    columns = (
        Column("person", link=True),
        Column("post"),
        Column("is_leadership"),
        Column("start_date"),
        Column("end_date"),
    )
    select_related = ("person",)


class PersonMembershipTable(LinkedTable):
    """A person's places in units (linked to each unit)."""

    model = Membership
    link_to = "unit"
    columns = (
        Column("unit", link=True),
        Column("post"),
        Column("is_leadership"),
        Column("start_date"),
        Column("end_date"),
    )
    select_related = ("unit",)


class UnitMoveTable(Table):
    model = UnitMove
    columns = (
        Column("moved_at"),
        Column("old_parent"),
        Column("new_parent"),
        Column("moved_by"),
        Column("reason"),
    )
    select_related = ("old_parent", "new_parent", "moved_by")


class PersonTable(Table):
    model = Person
    columns = (
        Column("__str__", label=_("name"), link=True),
        Column("rank"),
        Column("post"),
        Column("units", label=_("units")),
    )

    @classmethod
    def for_user(cls, qs: models.QuerySet, user) -> models.QuerySet:
        """``qs`` with each person's memberships prefetched, only those in units ``user`` may see."""
        return qs.prefetch_related(
            models.Prefetch("memberships", queryset=memberships_for(user).select_related("unit"))
        )

    def units(self, row: Person) -> str:
        return ", ".join(str(m.unit) for m in row.memberships.all())


def memberships_for(user) -> models.QuerySet:
    return Membership.objects.restrict(user, "read")


class CountryTable(Table):
    model = Country
    columns = (Column("code"), Column("name"), Column("name_zh"))
