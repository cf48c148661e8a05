"""Factories for the organization app: countries, units (through treebeard), people."""

import factory

from cascade.organization.choices import Rank, UnitKind
from cascade.organization.models import Country, Membership, Person, Unit, UnitMove


def _country_code(n: int) -> str:
    # "X" + two letters: ISO 3166 keeps the X.. codes for user assignment, so these never
    # collide with a real country a scenario loads.
    return "X" + chr(65 + (n // 26) % 26) + chr(65 + n % 26)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.Sequence(_country_code)
    name = factory.Sequence(lambda n: f"Country {n}")
    name_zh = factory.Sequence(lambda n: f"国家{n}")


def fresh(unit: Unit) -> Unit:
    """``unit`` read again: treebeard changes paths and child counts in the database, not on
    instances already loaded."""
    return Unit.objects.get(pk=unit.pk)


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit saved through treebeard: a new root, or a child of ``parent=`` when given.

    ``UnitFactory.build()`` is not supported: a unit only gets its path when treebeard adds it.
    """

    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Unit {n}")
    name_zh = factory.Sequence(lambda n: f"单位{n}")
    short_name = factory.Sequence(lambda n: f"U{n}")
    kind = UnitKind.DEPARTMENT

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        manager = model_class.objects
        if parent is None:
            return manager.add_root(kwargs)
        return manager.add_child(parent, kwargs)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    name_zh = factory.Sequence(lambda n: f"人员{n}")
    rank = Rank.DIVISION
    post = "Counsellor"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    post = "Staff member"


class UnitMoveFactory(factory.django.DjangoModelFactory):
    """A history row only: it does not move the unit (that is the domain's job)."""

    class Meta:
        model = UnitMove

    unit = factory.SubFactory(UnitFactory)
    old_path = factory.LazyAttribute(lambda o: o.unit.path)
    new_path = factory.LazyAttribute(lambda o: o.unit.path)
    reason = "reorganisation"
