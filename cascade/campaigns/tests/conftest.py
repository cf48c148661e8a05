import pytest

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.organization.tests.factories import UnitFactory


@pytest.fixture
def world(db):
    """Two sibling ministries under an office: a clerk of A, and an auditor over all three."""
    root = UnitFactory(name="Office")
    mine = UnitFactory(parent=root, name="Ministry A")
    theirs = UnitFactory(parent=root, name="Ministry B")
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=mine).user
    auditor = RoleAssignmentFactory(role=Role.AUDITOR, unit=root).user
    return {"root": root, "mine": mine, "theirs": theirs, "clerk": clerk, "auditor": auditor}
