"""Every model has a factory, and every factory saves a valid row on its own."""

import importlib
import inspect

import factory
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from cascade.core.registry import INTERNAL
from cascade.organization.models import Unit

FACTORY_MODULES = [
    "cascade.organization.tests.factories",
    "cascade.campaigns.tests.factories",
    "cascade.conferences.tests.factories",
    "cascade.intake.tests.factories",
    "cascade.access.tests.factories",
    "cascade.reports.tests.factories",
]


def _factories() -> list[type[factory.django.DjangoModelFactory]]:
    found = {}
    for name in FACTORY_MODULES:
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, factory.django.DjangoModelFactory)
                and obj.__module__ == module.__name__
            ):
                found[obj.__name__] = obj
    return [found[key] for key in sorted(found)]


FACTORIES = _factories()


def test_every_model_has_a_factory():
    covered = {f._meta.get_model_class() for f in FACTORIES}
    wanted = {
        model
        for model in apps.get_models()
        if model.__module__.startswith("cascade.")
        and not model._meta.abstract
        and model._meta.label_lower not in INTERNAL
    } | {get_user_model()}
    missing = sorted(f"{m._meta.app_label}.{m.__name__}" for m in wanted - covered)
    assert not missing, f"models without a factory in cascade/<app>/tests/factories.py: {', '.join(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda f: f.__name__)
def test_factory_saves_one_row(factory_class):
    obj = factory_class()
    model = factory_class._meta.get_model_class()
    assert obj.pk is not None
    assert model.objects.count() == 1
    obj.full_clean()


@pytest.mark.django_db
def test_unit_factory_builds_a_tree():
    from cascade.organization.tests.factories import UnitFactory

    root = UnitFactory()
    child = UnitFactory(parent=root)
    grandchild = UnitFactory(parent=child)
    sibling = UnitFactory(parent=root)

    assert root.is_root() and root.depth == 1
    assert grandchild.depth == 3
    assert list(Unit.objects.get_children(Unit.objects.get(pk=root.pk))) == [child, sibling]
    assert set(Unit.objects.subtree(root)) == {root, child, grandchild, sibling}
    assert Unit.objects.get(pk=root.pk).numchild == 2
