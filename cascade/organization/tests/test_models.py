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
    fields = [f.attname for f in Unit._meta.concrete_fields if f.attname not in ("created_at", "updated_at")]
    assert [[[getattr(u, f) for f in fields] for u in children] for children in listed] == [
        [[getattr(u, f) for f in fields] for u in Unit.objects.get_children(unit)] for unit in asked
    ]
    # The timestamps are read when asked for.
    assert listed[0][0].created_at == Unit.objects.get(pk=first.pk).created_at
