import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cascade.access.models import AuditEntry
from cascade.core.scopes import SYSTEM
from cascade.core.tree import subtree_bounds
from cascade.organization.domain import AmbiguousUnit, UnitNotFound, create_unit, find_unit, move_unit
from cascade.organization.models import Unit, UnitMove
from cascade.organization.tests.factories import UnitFactory


def test_subtree_bounds_increments_last_step():
    assert subtree_bounds("00010002") == ("00010002", "00010003")


def test_subtree_bounds_carries_over_digits_to_letters():
    assert subtree_bounds("00010009") == ("00010009", "0001000A")
    assert subtree_bounds("0001000Z") == ("0001000Z", "00010010")


def test_subtree_bounds_last_possible_child_bounds_at_parents_successor():
    assert subtree_bounds("0001ZZZZ") == ("0001ZZZZ", "0002")


def test_subtree_bounds_last_possible_root_is_open():
    assert subtree_bounds("ZZZZ") == ("ZZZZ", None)


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Office", short_name="OFF")
    a = UnitFactory(parent=root, name="Ministry A", short_name="MA", name_zh="甲部")
    b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
    a1 = UnitFactory(parent=a, name="Bureau 1")
    a1x = UnitFactory(parent=a1, name="Section X")
    return {"root": root, "a": a, "b": b, "a1": a1, "a1x": a1x}


def test_subtree_contains_exactly_descendants_and_self(tree):
    names = list(Unit.objects.subtree(Unit.objects.get(pk=tree["a"].pk)).values_list("name", flat=True))
    assert names == ["Ministry A", "Bureau 1", "Section X"]


def test_parent_path_is_generated_from_path(tree):
    a1 = Unit.objects.get(pk=tree["a1"].pk)
    a = Unit.objects.get(pk=tree["a"].pk)
    assert a1.parent_path == a.path
    assert Unit.objects.get(pk=tree["root"].pk).parent_path == ""


def test_unit_name_unique_within_parent(tree):
    a = Unit.objects.get(pk=tree["a"].pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.add_child(a, {"name": "Bureau 1"})


def test_unit_same_name_allowed_under_other_parent(tree):
    b = Unit.objects.get(pk=tree["b"].pk)
    Unit.objects.add_child(b, {"name": "Bureau 1"})
    assert Unit.objects.filter(name="Bureau 1").count() == 2


def test_create_unit_duplicate_name_gives_validation_error(tree):
    with pytest.raises(ValidationError):
        create_unit(user=SYSTEM, parent=tree["a"], name="Bureau 1")
    assert Unit.objects.filter(name="Bureau 1").count() == 1


def test_find_unit_by_short_name_ignores_case(tree):
    assert find_unit("ma").pk == tree["a"].pk


def test_find_unit_by_chinese_name(tree):
    assert find_unit("甲部").pk == tree["a"].pk


def test_find_unit_unknown_raises(tree):
    with pytest.raises(UnitNotFound):
        find_unit("Ministry Z")


def test_find_unit_ambiguous_lists_candidates(tree):
    UnitFactory(parent=Unit.objects.get(pk=tree["b"].pk), name="Bureau 1")
    with pytest.raises(AmbiguousUnit) as excinfo:
        find_unit("Bureau 1")
    assert len(excinfo.value.candidates) == 2


def test_move_unit_moves_subtree_and_keeps_history(tree):
    moved = move_unit(user=SYSTEM, unit=tree["a1"], new_parent=tree["b"], reason="reorganisation")
    b = Unit.objects.get(pk=tree["b"].pk)
    assert Unit.objects.get_parent(moved).pk == b.pk
    section = Unit.objects.get(pk=tree["a1x"].pk)
    assert section.path.startswith(b.path)
    assert section.parent_path == moved.path
    move = UnitMove.objects.get(unit=moved)
    assert (move.old_parent_id, move.new_parent_id, move.reason) == (tree["a"].pk, b.pk, "reorganisation")
    assert AuditEntry.objects.filter(action="unit.moved", object_id=str(moved.pk)).count() == 1


def test_move_unit_under_own_descendant_refused(tree):
    with pytest.raises(ValidationError):
        move_unit(user=SYSTEM, unit=tree["a"], new_parent=tree["a1x"])
    assert UnitMove.objects.count() == 0
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree["a1x"].pk)).pk == tree["a1"].pk


def test_move_unit_name_clash_refused(tree):
    UnitFactory(parent=Unit.objects.get(pk=tree["b"].pk), name="Bureau 1")
    with pytest.raises(ValidationError):
        move_unit(user=SYSTEM, unit=tree["a1"], new_parent=tree["b"])
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree["a1"].pk)).pk == tree["a"].pk


@pytest.mark.django_db
def test_create_unit_at_the_top_is_for_superusers_and_moves_need_write_on_both_sides():
    from django.core.exceptions import PermissionDenied

    from cascade.access.choices import Role
    from cascade.access.tests.factories import RoleAssignmentFactory

    root = UnitFactory(name="Office")
    a, b = UnitFactory(parent=root, name="Ministry A"), UnitFactory(parent=root, name="Ministry B")
    bureau = UnitFactory(parent=a, name="Bureau")
    office_of_a = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=a).user
    with pytest.raises(PermissionDenied):
        create_unit(parent=None, user=office_of_a, name="Another top")
    assert create_unit(parent=a, user=office_of_a, name="Section").path.startswith(a.path)
    with pytest.raises(PermissionDenied):
        move_unit(unit=bureau, new_parent=b, user=office_of_a)
    assert (Unit.objects.get_parent(Unit.objects.get(pk=bureau.pk)), UnitMove.objects.count()) == (a, 0)
