"""A conference's secretariat builds it in Cascade's pages; an arrangement goes down as a directive."""

import pytest
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, signed_in
from cascade.conferences.models import AgendaItem, Attendee, Directive
from cascade.conferences.tests.factories import (
    AgendaItemFactory,
    ArrangementFactory,
    AttendeeCategoryFactory,
    ConferenceFactory,
)
from cascade.core.tests.queries import page_queries
from cascade.organization.tests.factories import MembershipFactory, PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    root = UnitFactory(name="Ministry")
    general = UnitFactory(parent=root, name="General Office")
    embassies = UnitFactory(parent=root, name="Embassies")
    for name in ("Embassy X", "Embassy Y"):
        UnitFactory(parent=embassies, name=name)
    return {
        "root": root,
        "embassies": embassies,
        # The secretariat reads the whole ministry: its attendees come from every unit.
        "secretariat": RoleAssignmentFactory(role=Role.SECRETARIAT, unit=root).user,
        "clerk": RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=general).user,
        "office": RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=root).user,
        "conference": ConferenceFactory(start_date="2023-12-27", end_date="2023-12-28"),
    }


def test_secretariat_adds_agenda_and_named_attendees(world):
    conference = world["conference"]
    client = signed_in(world["secretariat"])
    detail = reverse("conferences:conference_detail", args=[conference.pk])
    add = f"{reverse('conferences:agendaitem_create')}?conference={conference.pk}"
    assert add in client.get(detail).content.decode()
    for order, (day, title) in enumerate([("2023-12-28", "Discussion"), ("2023-12-27", "Opening")]):
        response = client.post(
            add, {"conference": conference.pk, "date": day, "order": order, "title": title}
        )
        assert (response.status_code, response["Location"]) == (302, detail)
    category = AttendeeCategoryFactory(conference=conference, name="Ambassadors", headcount=3)
    person = MembershipFactory(unit=world["embassies"], person=PersonFactory(name="Ambassador Qian")).person
    response = client.post(
        reverse("conferences:attendee_create"),
        {
            "conference": conference.pk,
            "person": person.pk,
            "category": category.pk,
            "role": "attendee",
            "order": 0,
        },
    )
    assert response.status_code == 302
    context = client.get(detail).context
    assert [(str(d["date"]), [s["title"] for s in d["sessions"]]) for d in context["agenda"]] == [
        ("2023-12-27", ["Opening"]),
        ("2023-12-28", ["Discussion"]),
    ]
    assert [(c["name"], c["headcount"], c["named"]) for c in context["categories"]] == [("Ambassadors", 3, 1)]
    assert AuditEntry.objects.filter(action="agendaitem.created", user=world["secretariat"]).count() == 2


def test_clerk_may_not_build_a_conference(world):
    conference = world["conference"]
    item = AgendaItemFactory(conference=conference, title="Opening")
    client = signed_in(world["clerk"])
    urls = [
        reverse("conferences:conference_create"),
        reverse("conferences:conference_edit", args=[conference.pk]),
        f"{reverse('conferences:agendaitem_create')}?conference={conference.pk}",
        reverse("conferences:agendaitem_edit", args=[item.pk]),
        reverse("conferences:agendaitem_delete", args=[item.pk]),
    ]
    data = {"conference": conference.pk, "title": "Changed", "order": 0}
    assert [(client.get(u).status_code, client.post(u, data).status_code) for u in urls] == [(403, 403)] * 5
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Opening"]
    page = client.get(reverse("conferences:conference_detail", args=[conference.pk])).content.decode()
    assert reverse("conferences:agendaitem_create") not in page


def test_attendee_twice_at_one_conference_is_a_field_error(world):
    conference = world["conference"]
    person = MembershipFactory(unit=world["embassies"], person=PersonFactory()).person
    client = signed_in(world["secretariat"])
    data = {"conference": conference.pk, "person": person.pk, "role": "attendee", "order": 0}
    assert client.post(reverse("conferences:attendee_create"), data).status_code == 302
    again = client.post(reverse("conferences:attendee_create"), data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert again.status_code == 422
    assert Attendee.objects.count() == 1


def test_arrangement_issued_as_a_directive_to_a_subtree(world):
    arrangement = ArrangementFactory(conference=world["conference"], theme="Study the speech")
    client = signed_in(world["office"])
    url = reverse("conferences:arrangement_issue", args=[arrangement.pk])
    assert client.get(url).context["form"]["title"].value() == "Study the speech"
    response = client.post(
        url,
        {
            "title": "Study the speech",
            "issued_by": world["root"].pk,
            "recipients": [world["embassies"].pk],
            "with_subunits": "on",
            "issued_on": "2024-01-02",
            "deadline": "2024-02-01",
        },
    )
    directive = Directive.objects.get()
    assert (response.status_code, directive.arrangement, directive.conference) == (
        302,
        arrangement,
        world["conference"],
    )
    assert sorted(directive.deliveries.values_list("unit__name", flat=True)) == [
        "Embassies",
        "Embassy X",
        "Embassy Y",
    ]


def test_arrangement_issue_refuses_bad_dates_and_who_may_not_issue(world):
    arrangement = ArrangementFactory(conference=world["conference"])
    url = reverse("conferences:arrangement_issue", args=[arrangement.pk])
    data = {
        "title": "T",
        "issued_by": world["root"].pk,
        "recipients": [world["embassies"].pk],
        "issued_on": "2024-02-02",
        "deadline": "2024-02-01",
    }
    response = signed_in(world["office"]).post(url, data)
    assert (response.status_code, list(response.context["form"].errors)) == (422, ["deadline"])
    assert signed_in(world["secretariat"]).post(url, data).status_code == 403
    assert Directive.objects.count() == 0


def test_conference_edit_pages_cost_the_same_with_more_to_choose_from(world):
    conference = world["conference"]
    client = signed_in(world["secretariat"])
    urls = [reverse("conferences:conference_edit", args=[conference.pk])] + [
        f"{reverse(f'conferences:{kind}_create')}?conference={conference.pk}"
        for kind in ("agendaitem", "speech", "attendeecategory", "attendee", "arrangement")
    ]

    def costs():
        return [page_queries(client, url) for url in urls]

    def more(n):
        unit = UnitFactory(parent=world["embassies"], name=f"Consulate {n}")
        MembershipFactory(unit=unit, person=PersonFactory(name=f"Consul {n}"))
        AttendeeCategoryFactory(conference=conference, name=f"Category {n}")

    more(0)
    before = costs()
    more(1)
    more(2)
    assert costs() == before
