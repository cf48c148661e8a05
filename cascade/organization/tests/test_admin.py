"""The admin site as a whole (every registered model), the unit tree admin, and the zh-Hans catalogue."""

import importlib
import inspect
import re
from pathlib import Path

import factory
import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from cascade.access.models import AuditEntry
from cascade.core.tests.queries import page_queries
from cascade.organization.models import Membership, Person, Unit, UnitMove
from cascade.organization.tests.factories import CountryFactory, PersonFactory, UnitFactory

FACTORY_MODULES = [
    "cascade.organization.tests.factories",
    "cascade.campaigns.tests.factories",
    "cascade.conferences.tests.factories",
    "cascade.intake.tests.factories",
    "cascade.access.tests.factories",
    "cascade.reports.tests.factories",
]


def _factories_by_model() -> dict[type, type]:
    found = {}
    for name in FACTORY_MODULES:
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, factory.django.DjangoModelFactory)
                and obj.__module__ == module.__name__
            ):
                found.setdefault(obj._meta.get_model_class(), obj)
    return found


FACTORIES = _factories_by_model()
EXTRA_CREATORS = {Group: lambda: Group.objects.create(name="Clerks")}
REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)
# Change pages are checked for the models this project owns (and auth's); third-party admins
# (e.g. the login-failure log) are read-only lists tested by their own packages.
OWNED = [
    m for m in REGISTERED if m.__module__.startswith("cascade.") or m in EXTRA_CREATORS or m in FACTORIES
]


def _id(model) -> str:
    return model._meta.label


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def inline_management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


# --- every registered model -----------------------------------------------------------------


def test_admin_registers_every_cascade_model():
    from django.apps import apps

    from cascade.core.registry import INTERNAL

    wanted = {
        m
        for m in apps.get_models()
        if m.__module__.startswith("cascade.") and m._meta.label_lower not in INTERNAL
    }
    missing = sorted(m._meta.label for m in wanted - set(admin.site._registry))
    assert not missing, f"not in the admin: {', '.join(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=_id)
def test_admin_changelist_and_add_page_answer(admin_client, admin_user, rf, model):
    assert admin_client.get(_url(model, "changelist")).status_code == 200
    request = rf.get("/")
    request.user = admin_user
    expected = 200 if admin.site._registry[model].has_add_permission(request) else 403
    assert admin_client.get(_url(model, "add")).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("model", OWNED, ids=_id)
def test_admin_change_page_answers(admin_client, model):
    create = EXTRA_CREATORS.get(model) or FACTORIES[model]
    obj = create()
    response = admin_client.get(_url(model, "change", obj.pk))
    assert response.status_code == 200
    # A search on the changelist goes through every search field without error.
    assert admin_client.get(_url(model, "changelist"), {"q": "x"}).status_code == 200


def test_admin_every_cascade_model_has_a_change_page_test():
    uncovered = [
        m._meta.label for m in REGISTERED if m.__module__.startswith("cascade.") and m not in FACTORIES
    ]
    assert not uncovered


# --- units ----------------------------------------------------------------------------------


def _unit(**kwargs) -> Unit:
    return UnitFactory(leader=PersonFactory(), country=CountryFactory(), **kwargs)


@pytest.mark.django_db
def test_admin_unit_changelist_queries_do_not_grow_with_rows(admin_client):
    url = _url(Unit, "changelist")
    _unit()
    admin_client.get(url)  # warm up the session and content types
    one = page_queries(admin_client, url)
    _unit()
    _unit()
    assert page_queries(admin_client, url) == one


@pytest.mark.django_db
def test_admin_unit_search_lists_matches_anywhere_in_the_tree(admin_client):
    root = UnitFactory(name="Ministry")
    child = UnitFactory(parent=root, name="Embassy in Ruritania", name_zh="驻鲁里塔尼亚使馆")
    response = admin_client.get(_url(Unit, "changelist"), {"q": "鲁里塔尼亚"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [child]
    url = _url(Unit, "changelist")
    for n in range(3):
        UnitFactory(parent=child, name=f"Section {n}", leader=PersonFactory(), country=CountryFactory())
    one = page_queries(admin_client, url, {"q": "Section 0"})
    assert page_queries(admin_client, url, {"q": "Section"}) == one


@pytest.mark.django_db
def test_admin_unit_form_never_lists_every_unit(admin_client):
    root = UnitFactory(name="Ministry")
    unit = UnitFactory(parent=root, name="Department")
    for n in range(5):
        UnitFactory(name=f"Far away unit {n}")
    PersonFactory(name="Someone unrelated")
    for url in (_url(Unit, "change", unit.pk), _url(Unit, "add")):
        content = admin_client.get(url).content.decode()
        assert "Far away unit" not in content
        assert "Someone unrelated" not in content
        assert 'data-model-name="unitmove"' in content  # the reference node is an AJAX search


@pytest.mark.django_db
def test_admin_unit_reference_node_search_answers(admin_client):
    UnitFactory(name="Ministry of Foreign Affairs", short_name="MFA")
    UnitFactory(name="Ministry of Commerce", short_name="MOFCOM")
    params = {
        "app_label": "organization",
        "model_name": "unitmove",
        "field_name": "new_parent",
        "term": "MFA",
    }
    response = admin_client.get(reverse("admin:autocomplete"), params)
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Ministry of Foreign Affairs"]


def _unit_post(unit: Unit, **changes) -> dict[str, str]:
    data = {
        "name": unit.name,
        "name_zh": unit.name_zh,
        "short_name": unit.short_name,
        "short_name_zh": unit.short_name_zh,
        "kind": unit.kind,
        "country": "",
        "leader": "",
        "treebeard_position": "first-child",
        "treebeard_ref_node": "",
        **inline_management("memberships"),
    }
    data.update({k: str(v) for k, v in changes.items()})
    return data


@pytest.mark.django_db
def test_admin_unit_add_places_the_unit_and_refuses_a_twin(admin_client):
    root = UnitFactory(name="Ministry")
    UnitFactory(parent=root, name="Department")
    url = _url(Unit, "add")
    new = Unit(name="Bureau", kind="bureau")
    response = admin_client.post(url, _unit_post(new, treebeard_ref_node=root.pk))
    assert response.status_code == 302
    bureau = Unit.objects.get(name="Bureau")
    assert Unit.objects.get_parent(bureau).pk == root.pk
    assert AuditEntry.objects.filter(action="admin.unit.created", object_id=str(bureau.pk)).exists()

    twin = Unit(name="Department", kind="department")
    response = admin_client.post(url, _unit_post(twin, treebeard_ref_node=root.pk))
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert Unit.objects.filter(name="Department").count() == 1


@pytest.mark.django_db
def test_admin_unit_reparenting_keeps_history(admin_client):
    a = UnitFactory(name="Ministry A")
    b = UnitFactory(name="Ministry B")
    unit = UnitFactory(parent=a, name="Bureau")
    UnitFactory(parent=unit, name="Section")
    old_path = unit.path
    response = admin_client.post(_url(Unit, "change", unit.pk), _unit_post(unit, treebeard_ref_node=b.pk))
    assert response.status_code == 302
    unit.refresh_from_db()
    assert Unit.objects.get_parent(unit).pk == b.pk
    assert Unit.objects.get_children(unit).get().name == "Section"
    move = UnitMove.objects.get(unit=unit)
    assert (move.old_parent, move.new_parent, move.old_path, move.new_path) == (a, b, old_path, unit.path)
    assert AuditEntry.objects.filter(action="unit.moved", object_id=str(unit.pk)).exists()


@pytest.mark.django_db
def test_admin_unit_cannot_move_under_itself(admin_client):
    unit = UnitFactory(name="Bureau")
    section = UnitFactory(parent=unit, name="Section")
    response = admin_client.post(
        _url(Unit, "change", unit.pk), _unit_post(unit, treebeard_ref_node=section.pk)
    )
    assert response.status_code == 200
    assert "treebeard_ref_node" in response.context["adminform"].form.errors
    assert not UnitMove.objects.exists()


@pytest.mark.django_db
def test_admin_unit_drag_and_drop_move_keeps_history(admin_client):
    a = UnitFactory(name="Ministry A")
    b = UnitFactory(name="Ministry B")
    unit = UnitFactory(parent=a, name="Bureau")
    response = admin_client.post(
        _url(Unit, "changelist") + "move/", {"node": unit.pk, "target": b.pk, "relation": "child"}
    )
    assert response.status_code == 200
    move = UnitMove.objects.get(unit=unit)
    assert (move.old_parent, move.new_parent) == (a, b)
    # A reorder among siblings is not a move.
    c = UnitFactory(parent=b, name="Bureau C")
    admin_client.post(
        _url(Unit, "changelist") + "move/", {"node": c.pk, "target": unit.pk, "relation": "sibling"}
    )
    assert UnitMove.objects.count() == 1


@pytest.mark.django_db
def test_admin_unit_move_history_is_read_only(admin_client, client, django_user_model):
    move = UnitMove.objects.create(unit=UnitFactory(), old_path="0001", new_path="0002")
    assert admin_client.get(_url(UnitMove, "add")).status_code == 403
    response = admin_client.post(_url(UnitMove, "change", move.pk), {"reason": "edited"})
    assert response.status_code == 403
    move.refresh_from_db()
    assert move.reason == ""


@pytest.mark.django_db
def test_admin_changes_land_in_the_audit_log(admin_client):
    person = PersonFactory(name="Zhang San", post="Counsellor")
    unit = UnitFactory(name="Bureau")
    data = {
        "name": "Zhang San",
        "name_zh": "张三",
        "rank": person.rank,
        "post": "Minister-counsellor",
        "post_zh": "",
        "user": "",
        **inline_management("memberships", total=1),
        "memberships-0-unit": str(unit.pk),
        "memberships-0-post": "Deputy director",
    }
    response = admin_client.post(_url(Person, "change", person.pk), data)
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.person.changed")
    assert (entry.before["post"], entry.after["post"]) == ("Counsellor", "Minister-counsellor")
    assert entry.user.is_superuser
    membership = Membership.objects.get(person=person)
    created = AuditEntry.objects.get(action="admin.membership.created")
    assert (created.object_id, created.unit_id) == (str(membership.pk), unit.pk)

    response = admin_client.post(_url(Person, "delete", person.pk), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="admin.person.deleted", before__name="Zhang San").exists()


# --- the zh-Hans catalogue ------------------------------------------------------------------

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _po_entries(text: str) -> list[dict]:
    """Entries of a .po file: flags, msgid, msgid_plural, msgstr (a list), header excluded."""
    entries, current, key = [], None, None

    def unquote(s: str) -> str:
        return bytes(s.strip()[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if not line or line.startswith("#~"):
            if current is not None and "msgid" in current:
                entries.append(current)
            current, key = None, None
            continue
        current = current if current is not None else {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif m := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line):
            key = m.group(1) if not m.group(1).startswith("msgstr") else ("msgstr", m.group(2) or "0")
            value = unquote(m.group(3))
            if isinstance(key, tuple):
                current["msgstr"][key[1]] = value
            else:
                current[key] = value
        elif line.startswith('"') and key is not None:
            value = unquote(line)
            if isinstance(key, tuple):
                current["msgstr"][key[1]] += value
            else:
                current[key] += value
    return [e for e in entries if e["msgid"]]


def test_admin_zh_hans_catalogue_is_complete():
    entries = _po_entries(CATALOGUE.read_text(encoding="utf-8"))
    assert len(entries) > 300
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    empty = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    assert not fuzzy, f"fuzzy entries: {fuzzy[:10]}"
    assert not empty, f"untranslated entries: {empty[:10]}"


def test_admin_zh_hans_catalogue_placeholders_match():
    pattern = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfr]|%[sd]|\{\w*\}")
    for entry in _po_entries(CATALOGUE.read_text(encoding="utf-8")):
        wanted = set(pattern.findall(entry.get("msgid_plural", entry["msgid"])))
        for text in entry["msgstr"].values():
            assert set(pattern.findall(text)) == wanted, entry["msgid"]


def test_admin_zh_hans_compiled_catalogue_is_current():
    """What the .po says is what Django answers (the .mo is compiled, and nothing shadows it)."""
    stale = []
    with translation.override("zh-hans"):
        for entry in _po_entries(CATALOGUE.read_text(encoding="utf-8")):
            if "msgid_plural" in entry:
                got = translation.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            elif "msgctxt" in entry:
                got = translation.pgettext(entry["msgctxt"], entry["msgid"])
            else:
                got = translation.gettext(entry["msgid"])
            if got != entry["msgstr"]["0"]:
                stale.append(entry["msgid"])
    assert not stale, f"recompile the catalogue (compilemessages); stale: {stale[:10]}"


def test_admin_speaks_chinese():
    with translation.override("zh-hans"):
        assert str(Unit._meta.verbose_name) == "单位"
        assert str(Unit._meta.get_field("kind").verbose_name) == "类型"


@pytest.mark.django_db
def test_admin_pages_in_chinese(admin_client):
    response = admin_client.get(_url(Unit, "changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "单位" in response.content.decode()
