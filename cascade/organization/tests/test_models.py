"""The unit manager's tree reads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cascade.organization.models import Unit

from .factories import UnitFactory


@pytest.mark.django_db
def test_children_list_equals_get_children_for_every_parent_in_one_query_each():
    root = UnitFactory(name="Root")
    first = UnitFactory(parent=root, name="B first")
    second = UnitFactory(parent=root, name="A second")
    grandchild = UnitFactory(parent=first, name="Grandchild")
    asked = [Unit.objects.get(pk=u.pk) for u in (root, first, second, grandchild)]
    with CaptureQueriesContext(connection) as queries:
        listed = [Unit.objects.children_list(unit) for unit in asked]
    assert listed == [list(Unit.objects.get_children(unit)) for unit in asked]
    assert [[u.name for u in children] for children in listed] == [
        ["B first", "A second"],
        ["Grandchild"],
        [],
        [],
    ]
    assert len(queries.captured_queries) == 4
