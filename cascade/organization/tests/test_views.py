"""Organisation pages: scoped lists and details, filters, htmx partials, moving a unit."""

import pytest
from django.test import Client
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.core.tests.queries import page_queries
from cascade.organization.models import Unit, UnitMove
from cascade.organization.tests.factories import (
    CountryFactory,
    MembershipFactory,
    PersonFactory,
    UnitFactory,
)


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root office", short_name="ROOT")
    a = UnitFactory(parent=root, name="Ministry A", short_name="MA")
    b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
    a1 = UnitFactory(parent=a, name="Department A1", short_name="A1", kind="bureau")
    return {"root": root, "a": Unit.objects.get(pk=a.pk), "b": Unit.objects.get(pk=b.pk), "a1": a1}


@pytest.fixture
def clerk(tree):
    return RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user


@pytest.fixture
def clerk_client(clerk):
    client = Client()
    client.force_login(clerk)
    return client


def _names(response) -> list[str]:
    return [str(row["object"]) for row in response.context["table"].rows()]


# --- units ----------------------------------------------------------------------------------


def test_unit_list_shows_only_units_in_scope(clerk_client, tree):
    response = clerk_client.get(reverse("organization:unit_list"))
    assert response.status_code == 200
    assert _names(response) == ["Ministry A", "Department A1"]


def test_unit_list_anonymous_redirects_to_login(tree):
    response = Client().get(reverse("organization:unit_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_unit_detail_out_of_scope_is_404(clerk_client, tree):
    assert clerk_client.get(reverse("organization:unit_detail", args=[tree["b"].pk])).status_code == 404
    assert clerk_client.get(reverse("organization:unit_detail", args=[tree["root"].pk])).status_code == 404


def test_unit_detail_shows_children_and_members(clerk_client, tree):
    MembershipFactory(unit=tree["a"], person=PersonFactory(name="Zhang San"))
    response = clerk_client.get(reverse("organization:unit_detail", args=[tree["a"].pk]))
    assert response.status_code == 200
    related = {
        str(block["title"]): [str(r["object"]) for r in block["table"].rows()]
        for block in response.context["related"]
    }
    assert related["Units directly below"] == ["Department A1"]
    assert related["Memberships"] == ["Zhang San @ Ministry A"]
    assert related["Unit moves"] == []
    # A clerk may not move units: no move form.
    assert response.context["can_move"] is False


def test_unit_list_query_count_does_not_grow_with_rows(clerk_client, tree):
    url = reverse("organization:unit_list")
    one = page_queries(clerk_client, url)
    UnitFactory(parent=tree["a"], country=CountryFactory())
    UnitFactory(parent=tree["a1"], leader=PersonFactory())
    assert page_queries(clerk_client, url) == one


def test_unit_list_filters_by_kind_and_subtree(clerk_client, tree):
    url = reverse("organization:unit_list")
    assert _names(clerk_client.get(url, {"kind": "bureau"})) == ["Department A1"]
    assert _names(clerk_client.get(url, {"within": "A1"})) == ["Department A1"]
    assert _names(clerk_client.get(url, {"q": "ministry"})) == ["Ministry A"]


def test_unit_list_invalid_filter_shows_message(clerk_client, tree):
    response = clerk_client.get(reverse("organization:unit_list"), {"within": "MB", "kind": "nonsense"})
    assert response.status_code == 200
    assert _names(response) == []
    errors = response.context["filterset"].errors
    assert errors["within"] == ["No unit you can see is called “MB”."]
    assert list(errors) == ["kind", "within"]
    assert "Some filters are not valid" in response.content.decode()


def test_unit_list_htmx_gets_table_partial(clerk_client, tree):
    response = clerk_client.get(reverse("organization:unit_list"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert "Department A1" in content


# --- people and countries ---------------------------------------------------------------------


def test_person_list_shows_only_people_in_scope(clerk_client, tree):
    MembershipFactory(unit=tree["a1"], person=PersonFactory(name="Li Si"))
    MembershipFactory(unit=tree["b"], person=PersonFactory(name="Wang Wu"))
    response = clerk_client.get(reverse("organization:person_list"))
    assert _names(response) == ["Li Si"]


def test_person_list_hides_memberships_out_of_scope(clerk_client, tree):
    person = PersonFactory(name="Li Si")
    MembershipFactory(unit=tree["a1"], person=person)
    MembershipFactory(unit=tree["b"], person=person)
    response = clerk_client.get(reverse("organization:person_list"))
    table = response.context["table"]
    assert [row["cells"][3]["value"] for row in table.rows()] == ["Department A1"]


def test_person_detail_out_of_scope_is_404(clerk_client, tree):
    person = MembershipFactory(unit=tree["b"]).person
    assert clerk_client.get(reverse("organization:person_detail", args=[person.pk])).status_code == 404


def test_person_detail_in_scope_shows_memberships(clerk_client, tree):
    person = MembershipFactory(unit=tree["a1"], person=PersonFactory(name="Li Si")).person
    response = clerk_client.get(reverse("organization:person_detail", args=[person.pk]))
    assert response.status_code == 200
    rows = response.context["related"][0]["table"].rows()
    assert [r["cells"][0]["url"] for r in rows] == [reverse("organization:unit_detail", args=[tree["a1"].pk])]


def test_person_list_query_count_does_not_grow_with_rows(clerk_client, tree):
    url = reverse("organization:person_list")
    MembershipFactory(unit=tree["a"])
    one = page_queries(clerk_client, url)
    MembershipFactory(unit=tree["a1"])
    MembershipFactory(unit=tree["a1"])
    assert page_queries(clerk_client, url) == one


def test_person_list_filters_by_rank_and_unit(clerk_client, tree):
    MembershipFactory(unit=tree["a"], person=PersonFactory(name="Li Si", rank="bureau"))
    person = PersonFactory(name="Zhao Liu", rank="division")
    MembershipFactory(unit=tree["a1"], person=person)
    MembershipFactory(unit=tree["a"], person=person)
    url = reverse("organization:person_list")
    assert _names(clerk_client.get(url, {"rank": "bureau"})) == ["Li Si"]
    assert _names(clerk_client.get(url, {"unit": str(tree["a1"].pk)})) == ["Zhao Liu"]
    assert _names(clerk_client.get(url, {"unit": "MA"})) == ["Li Si", "Zhao Liu"]


def test_person_list_invalid_rank_shows_message(clerk_client, tree):
    response = clerk_client.get(reverse("organization:person_list"), {"rank": "emperor"})
    assert response.status_code == 200
    assert list(response.context["filterset"].errors) == ["rank"]


def test_person_list_htmx_gets_table_partial(clerk_client, tree):
    response = clerk_client.get(reverse("organization:person_list"), headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()


def test_country_list_lists_countries_and_filters(clerk_client, tree):
    CountryFactory(code="XAA", name="Arcadia")
    CountryFactory(code="XAB", name="Borduria")
    url = reverse("organization:country_list")
    assert _names(clerk_client.get(url)) == ["Arcadia", "Borduria"]
    assert _names(clerk_client.get(url, {"q": "bord"})) == ["Borduria"]


def test_country_list_anonymous_redirects_to_login(db):
    assert Client().get(reverse("organization:country_list")).status_code == 302


# --- moving a unit ------------------------------------------------------------------------------


@pytest.fixture
def office_client(tree):
    user = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["root"]).user
    client = Client()
    client.force_login(user)
    return client


def test_unit_move_by_office_moves_and_redirects(office_client, tree):
    url = reverse("organization:unit_move", args=[tree["a1"].pk])
    response = office_client.post(url, {"new_parent": "MB", "reason": "reorganisation"}, follow=True)
    assert response.redirect_chain == [(reverse("organization:unit_detail", args=[tree["a1"].pk]), 302)]
    moved = Unit.objects.get(pk=tree["a1"].pk)
    assert Unit.objects.get_parent(moved).pk == tree["b"].pk
    assert [str(m) for m in response.context["messages"]] == ["Department A1 now stands under Ministry B."]
    assert UnitMove.objects.get().reason == "reorganisation"
    assert AuditEntry.objects.filter(action="unit.moved").count() == 1


def test_unit_move_page_shows_form_to_office(office_client, tree):
    response = office_client.get(reverse("organization:unit_move", args=[tree["a1"].pk]))
    assert response.status_code == 200
    assert "new_parent" in response.content.decode()


def test_unit_move_under_own_descendant_is_form_error(office_client, tree):
    response = office_client.post(
        reverse("organization:unit_move", args=[tree["a"].pk]), {"new_parent": "A1"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "A unit cannot be moved under itself or one of its own descendants."
    ]
    assert UnitMove.objects.count() == 0


def test_unit_move_unknown_parent_is_form_error(office_client, tree):
    response = office_client.post(
        reverse("organization:unit_move", args=[tree["a"].pk]), {"new_parent": "Nowhere"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"new_parent": ["No unit you can see is called “Nowhere”."]}


def test_unit_move_by_clerk_is_forbidden(clerk_client, tree):
    url = reverse("organization:unit_move", args=[tree["a1"].pk])
    assert clerk_client.post(url, {"new_parent": "MA"}).status_code == 403
    assert clerk_client.get(url).status_code == 403
    assert UnitMove.objects.count() == 0


def test_unit_move_out_of_scope_is_404(tree):
    user = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["a"]).user
    client = Client()
    client.force_login(user)
    response = client.post(reverse("organization:unit_move", args=[tree["b"].pk]), {"new_parent": "MA"})
    assert response.status_code == 404
    assert Unit.objects.get_parent(Unit.objects.get(pk=tree["b"].pk)).pk == tree["root"].pk


def test_unit_move_needs_write_over_new_parent(tree):
    user = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["a"]).user
    RoleAssignmentFactory(user=user, role=Role.AUDITOR, unit=tree["b"])
    client = Client()
    client.force_login(user)
    response = client.post(reverse("organization:unit_move", args=[tree["a1"].pk]), {"new_parent": "MB"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"new_parent": ["You may not move units under “Ministry B”."]}
    assert UnitMove.objects.count() == 0


def test_unit_move_needs_csrf_token(tree):
    user = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["root"]).user
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("organization:unit_move", args=[tree["a1"].pk]), {"new_parent": "MB"})
    assert response.status_code == 403
    assert UnitMove.objects.count() == 0


def test_unit_move_anonymous_redirects_to_login(tree):
    response = Client().post(reverse("organization:unit_move", args=[tree["a1"].pk]), {"new_parent": "MB"})
    assert response.status_code == 302
    assert UnitMove.objects.count() == 0


def test_unit_detail_offers_move_form_to_office(office_client, tree):
    response = office_client.get(reverse("organization:unit_detail", args=[tree["a"].pk]))
    assert response.context["can_move"] is True
    assert reverse("organization:unit_move", args=[tree["a"].pk]) in response.content.decode()


def test_unit_list_superuser_sees_all(admin_client, tree):
    UserFactory()
    assert _names(admin_client.get(reverse("organization:unit_list"))) == [
        "Root office",
        "Ministry A",
        "Department A1",
        "Ministry B",
    ]


def test_country_list_query_count_does_not_grow_with_rows(clerk_client, tree):
    url = reverse("organization:country_list")
    CountryFactory()
    one = page_queries(clerk_client, url)
    CountryFactory()
    CountryFactory()
    assert page_queries(clerk_client, url) == one


def test_people_export_names_only_memberships_the_viewer_may_see(clerk_client, tree):
    person = PersonFactory(name="Counsellor Liu", name_zh="")
    MembershipFactory(person=person, unit=tree["a"])
    MembershipFactory(person=person, unit=tree["b"])
    page = clerk_client.get(reverse("organization:person_list"))
    export = clerk_client.get(reverse("organization:person_list"), {"export": "csv"})
    rows = [line for line in export.content.decode("utf-8-sig").splitlines() if "Counsellor Liu" in line]
    assert (
        "Ministry B" in page.content.decode(),
        len(rows),
        "Ministry B" in rows[0],
        "Ministry A" in rows[0],
    ) == (
        False,
        1,
        False,
        True,
    )
