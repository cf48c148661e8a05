"""Campaign record pages: every list and detail is scoped to the viewer, filtered, and cheap."""

import pytest
from django.test import Client
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import OutreachKind, RectificationStatus, StudyKind
from cascade.campaigns.tests.factories import (
    CampaignFactory,
    FieldVisitFactory,
    OutreachEventFactory,
    RectificationItemFactory,
    ResearchTopicFactory,
    SteeringGroupFactory,
    StudyActivityFactory,
    SupervisionVisitFactory,
)
from cascade.core.tests.queries import page_queries
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root office")
    a = UnitFactory(parent=root, name="Ministry A", short_name="MA")
    b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
    a1 = UnitFactory(parent=a, name="Department A1", short_name="A1")
    return {"root": root, "a": Unit.objects.get(pk=a.pk), "b": Unit.objects.get(pk=b.pk), "a1": a1}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clerk_client(tree):
    return _client(RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user)


def _pks(response) -> list[int]:
    return [row["object"].pk for row in response.context["table"].rows()]


# (model name in URLs, factory, a filter that keeps the record made with ``match``, ``match``)
RECORDS = [
    ("studyactivity", StudyActivityFactory, {"kind": "reading_class"}, {"kind": StudyKind.READING_CLASS}),
    ("researchtopic", ResearchTopicFactory, {"status": "concluded"}, {"status": "concluded"}),
    ("fieldvisit", FieldVisitFactory, {"unannounced": "false"}, {"unannounced": False}),
    ("steeringgroup", SteeringGroupFactory, {"roving": "true"}, {"roving": True}),
    ("supervisionvisit", SupervisionVisitFactory, {"mode": "unannounced"}, {"mode": "unannounced"}),
    (
        "rectificationitem",
        RectificationItemFactory,
        {"status": "in_progress"},
        {"status": RectificationStatus.IN_PROGRESS},
    ),
    ("outreachevent", OutreachEventFactory, {"kind": "dialogue"}, {"kind": OutreachKind.DIALOGUE}),
]
IDS = [r[0] for r in RECORDS]


@pytest.mark.parametrize(("name", "factory", "query", "match"), RECORDS, ids=IDS)
def test_record_list_shows_only_records_in_scope(clerk_client, tree, name, factory, query, match):
    mine = factory(unit=tree["a1"])
    factory(unit=tree["b"])
    response = clerk_client.get(reverse(f"campaigns:{name}_list"))
    assert response.status_code == 200
    assert _pks(response) == [mine.pk]


@pytest.mark.parametrize(("name", "factory", "query", "match"), RECORDS, ids=IDS)
def test_record_detail_out_of_scope_is_404(clerk_client, tree, name, factory, query, match):
    theirs = factory(unit=tree["b"])
    mine = factory(unit=tree["a"])
    assert clerk_client.get(reverse(f"campaigns:{name}_detail", args=[theirs.pk])).status_code == 404
    assert clerk_client.get(reverse(f"campaigns:{name}_detail", args=[mine.pk])).status_code == 200


@pytest.mark.parametrize(("name", "factory", "query", "match"), RECORDS, ids=IDS)
def test_record_list_anonymous_redirects_to_login(tree, name, factory, query, match):
    response = Client().get(reverse(f"campaigns:{name}_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(("name", "factory", "query", "match"), RECORDS, ids=IDS)
def test_record_list_query_count_does_not_grow_with_rows(clerk_client, tree, name, factory, query, match):
    url = reverse(f"campaigns:{name}_list")
    factory(unit=tree["a"])
    one = page_queries(clerk_client, url)
    factory(unit=tree["a1"])
    factory(unit=tree["a1"])
    assert page_queries(clerk_client, url) == one


@pytest.mark.parametrize(("name", "factory", "query", "match"), RECORDS, ids=IDS)
def test_record_list_filters(clerk_client, tree, name, factory, query, match):
    kept = factory(unit=tree["a1"], **match)
    factory(unit=tree["a"])
    url = reverse(f"campaigns:{name}_list")
    assert _pks(clerk_client.get(url, query)) == [kept.pk]
    assert _pks(clerk_client.get(url, {"unit": "A1"})) == [kept.pk]


@pytest.mark.parametrize(("name", "factory", "query", "match"), RECORDS, ids=IDS)
def test_record_list_invalid_filter_shows_message(clerk_client, tree, name, factory, query, match):
    factory(unit=tree["a"])
    response = clerk_client.get(reverse(f"campaigns:{name}_list"), {"unit": "MB"})
    assert response.status_code == 200
    assert _pks(response) == []
    assert response.context["filterset"].errors == {"unit": ["No unit you can see is called “MB”."]}
    assert "Some filters are not valid" in response.content.decode()


@pytest.mark.parametrize(("name", "factory", "query", "match"), RECORDS, ids=IDS)
def test_record_list_htmx_gets_table_partial(clerk_client, tree, name, factory, query, match):
    factory(unit=tree["a"])
    response = clerk_client.get(reverse(f"campaigns:{name}_list"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert "<table" in content


def test_study_activity_list_rejects_bad_date(clerk_client, tree):
    response = clerk_client.get(reverse("campaigns:studyactivity_list"), {"start_date_after": "someday"})
    assert response.status_code == 200
    assert list(response.context["filterset"].errors) == ["start_date"]


# --- campaigns (reference data: visible to any role holder) ------------------------------------


def test_campaign_list_shows_campaigns_to_role_holders_only(clerk_client, tree):
    campaign = CampaignFactory(office=tree["root"])
    assert _pks(clerk_client.get(reverse("campaigns:campaign_list"))) == [campaign.pk]
    assert _pks(_client(UserFactory()).get(reverse("campaigns:campaign_list"))) == []


def test_campaign_detail_without_role_is_404(tree):
    campaign = CampaignFactory(office=tree["root"])
    response = _client(UserFactory()).get(reverse("campaigns:campaign_detail", args=[campaign.pk]))
    assert response.status_code == 404


def test_campaign_list_query_count_does_not_grow_with_rows(clerk_client, tree):
    url = reverse("campaigns:campaign_list")
    CampaignFactory(office=tree["root"])
    one = page_queries(clerk_client, url)
    CampaignFactory(office=tree["root"])
    CampaignFactory(office=tree["a"])
    assert page_queries(clerk_client, url) == one


def test_campaign_list_search(clerk_client, tree):
    CampaignFactory(office=tree["root"], title="Thematic education")
    other = CampaignFactory(office=tree["root"], title="Something else")
    assert _pks(clerk_client.get(reverse("campaigns:campaign_list"), {"q": "else"})) == [other.pk]


def test_campaign_list_htmx_gets_table_partial(clerk_client, tree):
    response = clerk_client.get(reverse("campaigns:campaign_list"), headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()


def test_supervision_list_group_filter_offers_groups_in_scope_only(clerk_client, tree):
    SteeringGroupFactory(unit=tree["a"], name="Roving group of A")
    SteeringGroupFactory(unit=tree["b"], name="Roving group of B")
    response = clerk_client.get(reverse("campaigns:supervisionvisit_list"))
    choices = [str(label) for _value, label in response.context["filterset"].form.fields["group"].choices]
    html = response.content.decode()
    assert (choices, "Roving group of B" in html) == (["---------", "Roving group of A"], False)


def test_supervision_list_group_filter_out_of_scope_is_refused(clerk_client, tree):
    other = SteeringGroupFactory(unit=tree["b"])
    SupervisionVisitFactory(group=other, unit=tree["a"])
    response = clerk_client.get(reverse("campaigns:supervisionvisit_list"), {"group": other.pk})
    assert (response.status_code, _pks(response), list(response.context["filterset"].errors)) == (
        200,
        [],
        ["group"],
    )


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999999", " 12 "])
def test_unit_filter_answers_odd_numbers_with_a_field_error(clerk_client, value):
    response = clerk_client.get(reverse("campaigns:studyactivity_list"), {"unit": value})
    assert response.status_code == 200
    assert response.context["filterset"].is_valid() is False
