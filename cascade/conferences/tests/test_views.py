"""Conference and directive pages: scoping, the conference at a glance, a recipient's answers."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.conferences.choices import AttendeeRole, DirectiveStatus
from cascade.conferences.models import Directive, DirectiveRecipient, ProgressReport
from cascade.conferences.tests.factories import (
    AgendaItemFactory,
    ArrangementFactory,
    AttendeeCategoryFactory,
    AttendeeFactory,
    ConferenceFactory,
    DirectiveFactory,
    DirectiveRecipientFactory,
    SpeechFactory,
)
from cascade.core.tests.queries import page_queries
from cascade.organization.models import Unit
from cascade.organization.tests.factories import PersonFactory, UnitFactory


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root office", short_name="ROOT")
    a = UnitFactory(parent=root, name="Ministry A", short_name="MA")
    b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
    a1 = UnitFactory(parent=a, name="Department A1", short_name="A1")
    a2 = UnitFactory(parent=a, name="Department A2", short_name="A2")
    return {
        "root": Unit.objects.get(pk=root.pk),
        "a": Unit.objects.get(pk=a.pk),
        "b": Unit.objects.get(pk=b.pk),
        "a1": a1,
        "a2": a2,
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clerk(tree):
    return RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user


@pytest.fixture
def clerk_client(clerk):
    return _client(clerk)


@pytest.fixture
def office_client(tree):
    return _client(RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=tree["a"]).user)


def _directive(title, *units, **kwargs):
    today = timezone.localdate()
    kwargs.setdefault("issued_on", today)
    kwargs.setdefault("deadline", today + datetime.timedelta(days=30))
    directive = DirectiveFactory(title=title, **kwargs)
    for unit in units:
        DirectiveRecipientFactory(directive=directive, unit=unit)
    return directive


def _names(response) -> list[str]:
    return [str(row["object"]) for row in response.context["table"].rows()]


# --- conferences ----------------------------------------------------------------------------


def test_conference_list_shows_conferences_to_role_holders(clerk_client, tree):
    ConferenceFactory(title="Central work conference")
    response = clerk_client.get(reverse("conferences:conference_list"))
    assert _names(response) == ["Central work conference"]


def test_conference_list_is_empty_without_a_role(db):
    ConferenceFactory(title="Central work conference")
    response = _client(UserFactory()).get(reverse("conferences:conference_list"))
    assert _names(response) == []


def test_conference_detail_without_a_role_is_404(db):
    conference = ConferenceFactory()
    response = _client(UserFactory()).get(reverse("conferences:conference_detail", args=[conference.pk]))
    assert response.status_code == 404


def test_conference_list_anonymous_redirects_to_login(db):
    response = Client().get(reverse("conferences:conference_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_conference_list_query_count_does_not_grow_with_rows(clerk_client, tree):
    url = reverse("conferences:conference_list")
    ConferenceFactory()
    one = page_queries(clerk_client, url)
    ConferenceFactory()
    ConferenceFactory()
    assert page_queries(clerk_client, url) == one


def test_conference_list_filters_and_rejects_bad_dates(clerk_client, tree):
    ConferenceFactory(title="Winter conference", start_date=datetime.date(2023, 12, 27))
    ConferenceFactory(
        title="Spring conference", start_date=datetime.date(2024, 3, 1), end_date=datetime.date(2024, 3, 2)
    )
    url = reverse("conferences:conference_list")
    assert _names(clerk_client.get(url, {"start_date_after": "2024-01-01"})) == ["Spring conference"]
    assert _names(clerk_client.get(url, {"q": "winter"})) == ["Winter conference"]
    response = clerk_client.get(url, {"start_date_after": "not-a-date"})
    assert response.status_code == 200
    assert list(response.context["filterset"].errors) == ["start_date"]
    assert "Some filters are not valid" in response.content.decode()


def test_conference_list_htmx_gets_table_partial(clerk_client, tree):
    ConferenceFactory(title="Central work conference")
    response = clerk_client.get(reverse("conferences:conference_list"), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert "Central work conference" in content


def test_conference_detail_shows_speeches_attendance_agenda_arrangements(clerk_client, tree):
    conference = ConferenceFactory(title="Central work conference", venue="Beijing", convened_by="The Centre")
    SpeechFactory(
        conference=conference,
        is_principal=True,
        speaker=PersonFactory(name="Principal Speaker"),
        title="Keynote",
    )
    SpeechFactory(conference=conference, speaker=None, speaker_label="Representatives of missions")
    ambassadors = AttendeeCategoryFactory(conference=conference, name="Ambassadors", headcount=None)
    AttendeeCategoryFactory(conference=conference, name="Provincial officials", headcount=40)
    AttendeeFactory(conference=conference, category=ambassadors, person=PersonFactory(name="Ambassador Zhao"))
    AttendeeFactory(
        conference=conference,
        category=ambassadors,
        person=PersonFactory(name="Ambassador Qian"),
        role=AttendeeRole.SPEAKER,
    )
    AgendaItemFactory(conference=conference, title="Opening")
    ArrangementFactory(conference=conference, theme="Carry out the decisions to the letter")
    _directive("Study the speech", tree["a"], conference=conference)
    _directive("Elsewhere only", tree["b"], conference=conference)

    response = clerk_client.get(reverse("conferences:conference_detail", args=[conference.pk]))
    assert response.status_code == 200
    context = response.context
    assert context["principal"]["speaker"] == "Principal Speaker"
    assert [s["speaker"] for s in context["speeches"]] == ["Representatives of missions"]
    assert [{k: v for k, v in c.items() if k != "pk"} for c in context["categories"]] == [
        {"name": "Ambassadors", "headcount": None, "named": 2, "seating_block": ""},
        {"name": "Provincial officials", "headcount": 40, "named": 0, "seating_block": ""},
    ]
    assert [
        (g["name"], [(r["label"], [p["name"] for p in r["people"]]) for r in g["roles"]])
        for g in context["attendee_groups"]
    ] == [("Ambassadors", [("speaker", ["Ambassador Qian"]), ("attendee", ["Ambassador Zhao"])])]
    assert [[s["title"] for s in day["sessions"]] for day in context["agenda"]] == [["Opening"]]
    assert [a["theme"] for a in context["arrangements"]] == ["Carry out the decisions to the letter"]
    assert [str(d) for d in context["directives"]] == ["Study the speech"]
    content = response.content.decode()
    assert "Keynote" in content
    assert "Elsewhere only" not in content


def test_conference_detail_in_chinese_uses_chinese_fields(clerk_client, tree):
    conference = ConferenceFactory(
        title="Work conference", title_zh="工作会议", venue="Beijing", venue_zh="北京"
    )
    ArrangementFactory(conference=conference, theme="Theme", theme_zh="主题", text="Text", text_zh="正文")
    with_language = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
    response = clerk_client.get(
        reverse("conferences:conference_detail", args=[conference.pk]), **with_language
    )
    assert response.context["title"] == "工作会议"
    assert response.context["venue"] == "北京"
    assert [(a["theme"], a["text"]) for a in response.context["arrangements"]] == [("主题", "正文")]


# --- directives -------------------------------------------------------------------------------


def test_directive_list_shows_only_directives_delivered_in_scope(clerk_client, tree):
    _directive("To A and B", tree["a"], tree["b"])
    _directive("To A1", tree["a1"])
    _directive("To B", tree["b"])
    response = clerk_client.get(reverse("conferences:directive_list"))
    assert sorted(_names(response)) == ["To A and B", "To A1"]


def test_directive_detail_out_of_scope_is_404(clerk_client, tree):
    directive = _directive("To B", tree["b"])
    assert clerk_client.get(reverse("conferences:directive_detail", args=[directive.pk])).status_code == 404


def test_directive_detail_shows_only_deliveries_in_scope(clerk_client, tree):
    directive = _directive("To A and B", tree["a"], tree["b"])
    response = clerk_client.get(reverse("conferences:directive_detail", args=[directive.pk]))
    assert response.status_code == 200
    rows = response.context["deliveries"]
    assert [r["delivery"].unit.name for r in rows] == ["Ministry A"]
    assert (rows[0]["can_acknowledge"], rows[0]["can_cascade"], rows[0]["can_progress"]) == (True, True, True)


def test_directive_list_anonymous_redirects_to_login(db):
    assert Client().get(reverse("conferences:directive_list")).status_code == 302


def test_directive_list_query_count_does_not_grow_with_rows(clerk_client, tree):
    url = reverse("conferences:directive_list")
    _directive("One", tree["a"])
    one = page_queries(clerk_client, url)
    _directive("Two", tree["a1"])
    _directive("Three", tree["a"], tree["a2"])
    assert page_queries(clerk_client, url) == one


def test_directive_list_filters_by_unit_and_delivery_status(clerk_client, tree):
    done = _directive("Done in A1", tree["a2"])
    DirectiveRecipientFactory(
        directive=done,
        unit=tree["a1"],
        status=DirectiveStatus.DONE,
        acknowledged_at=datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC),
        completed_on=datetime.date(2024, 1, 5),
    )
    _directive("Pending in A1", tree["a1"])
    url = reverse("conferences:directive_list")
    assert sorted(_names(clerk_client.get(url, {"unit": "A1"}))) == ["Done in A1", "Pending in A1"]
    assert _names(clerk_client.get(url, {"unit": "A1", "status": "done"})) == ["Done in A1"]
    # One delivery must match both: A2's copy of "Done in A1" is pending, not done.
    assert _names(clerk_client.get(url, {"unit": "A2", "status": "done"})) == []


def test_directive_list_invalid_filter_shows_message(clerk_client, tree):
    response = clerk_client.get(reverse("conferences:directive_list"), {"unit": "MB", "status": "lost"})
    assert response.status_code == 200
    assert list(response.context["filterset"].errors) == ["unit", "status"]
    assert _names(response) == []


def test_directive_list_htmx_gets_table_partial(clerk_client, tree):
    response = clerk_client.get(reverse("conferences:directive_list"), headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()


# --- answers ------------------------------------------------------------------------------------


def test_acknowledge_by_clerk_acknowledges(clerk_client, tree):
    directive = _directive("To A", tree["a"])
    delivery = directive.deliveries.get()
    response = clerk_client.post(reverse("conferences:delivery_acknowledge", args=[delivery.pk]), follow=True)
    assert response.redirect_chain == [(reverse("conferences:directive_detail", args=[directive.pk]), 302)]
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.ACKNOWLEDGED
    assert [str(m) for m in response.context["messages"]] == ["Ministry A acknowledged the directive."]


def test_acknowledge_twice_is_a_message_not_an_error(clerk_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    url = reverse("conferences:delivery_acknowledge", args=[delivery.pk])
    clerk_client.post(url, follow=True)
    response = clerk_client.post(url, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "A directive cannot go from “acknowledged” to “acknowledged”."
    ]


def test_acknowledge_out_of_scope_is_404(clerk_client, tree):
    delivery = _directive("To B", tree["b"]).deliveries.get()
    response = clerk_client.post(reverse("conferences:delivery_acknowledge", args=[delivery.pk]))
    assert response.status_code == 404
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.PENDING


def test_acknowledge_by_auditor_is_403(tree):
    client = _client(RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a"]).user)
    delivery = _directive("To A", tree["a"]).deliveries.get()
    assert client.post(reverse("conferences:delivery_acknowledge", args=[delivery.pk])).status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.PENDING


def test_acknowledge_get_is_not_allowed(clerk_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    assert (
        clerk_client.get(reverse("conferences:delivery_acknowledge", args=[delivery.pk])).status_code == 405
    )


def test_acknowledge_needs_csrf_token(clerk, tree):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    delivery = _directive("To A", tree["a"]).deliveries.get()
    assert client.post(reverse("conferences:delivery_acknowledge", args=[delivery.pk])).status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.PENDING


def test_cascade_by_clerk_passes_directive_to_children(clerk_client, tree):
    directive = _directive("To A", tree["a"])
    delivery = directive.deliveries.get()
    response = clerk_client.post(reverse("conferences:delivery_cascade", args=[delivery.pk]), {}, follow=True)
    assert response.redirect_chain == [(reverse("conferences:directive_detail", args=[directive.pk]), 302)]
    cascaded = Directive.objects.get(parent=directive)
    assert sorted(cascaded.deliveries.values_list("unit__name", flat=True)) == [
        "Department A1",
        "Department A2",
    ]
    assert [str(m) for m in response.context["messages"]] == ["Passed on to 2 units."]


def test_cascade_to_chosen_children(clerk_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    url = reverse("conferences:delivery_cascade", args=[delivery.pk])
    assert clerk_client.get(url).status_code == 200
    clerk_client.post(url, {"recipients": [tree["a2"].pk]})
    cascaded = DirectiveRecipient.objects.filter(directive__parent=delivery.directive)
    assert list(cascaded.values_list("unit__name", flat=True)) == ["Department A2"]


def test_cascade_to_a_unit_not_below_is_form_error(clerk_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = clerk_client.post(
        reverse("conferences:delivery_cascade", args=[delivery.pk]), {"recipients": [tree["b"].pk]}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["recipients"]
    assert Directive.objects.filter(parent=delivery.directive).count() == 0


def test_cascade_with_later_deadline_shows_error(clerk_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    later = delivery.directive.deadline + datetime.timedelta(days=1)
    response = clerk_client.post(
        reverse("conferences:delivery_cascade", args=[delivery.pk]), {"deadline": later.isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "A cascaded directive cannot have a later deadline than the one it comes from."
    ]
    assert Directive.objects.filter(parent=delivery.directive).count() == 0


def test_cascade_out_of_scope_is_404(clerk_client, tree):
    delivery = _directive("To B", tree["b"]).deliveries.get()
    assert clerk_client.post(reverse("conferences:delivery_cascade", args=[delivery.pk])).status_code == 404
    assert Directive.objects.filter(parent=delivery.directive).count() == 0


def test_cascade_by_auditor_is_403(tree):
    client = _client(RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a"]).user)
    delivery = _directive("To A", tree["a"]).deliveries.get()
    assert client.post(reverse("conferences:delivery_cascade", args=[delivery.pk])).status_code == 403
    assert Directive.objects.filter(parent=delivery.directive).count() == 0


def test_progress_by_office_reports_and_moves_to_in_progress(office_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    office_client.post(reverse("conferences:delivery_acknowledge", args=[delivery.pk]))
    response = office_client.post(
        reverse("conferences:delivery_progress", args=[delivery.pk]),
        {"text": "Half done", "percent_done": "50"},
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.text, report.percent_done) == ("Half done", 50)
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.IN_PROGRESS


def test_progress_with_bad_percent_is_a_message(office_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = office_client.post(
        reverse("conferences:delivery_progress", args=[delivery.pk]),
        {"text": "Too much", "percent_done": "150"},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "percent done: Ensure this value is less than or equal to 100."
    ]
    assert ProgressReport.objects.count() == 0


def test_progress_by_auditor_is_403(tree):
    # Reporting progress needs conference.directive:write, which a read-only auditor does not hold.
    client = _client(RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a"]).user)
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = client.post(
        reverse("conferences:delivery_progress", args=[delivery.pk]), {"text": "Done", "percent_done": "100"}
    )
    assert response.status_code == 403
    assert ProgressReport.objects.count() == 0


def test_progress_by_clerk_is_recorded(clerk_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    clerk_client.post(reverse("conferences:delivery_acknowledge", args=[delivery.pk]))
    response = clerk_client.post(
        reverse("conferences:delivery_progress", args=[delivery.pk]),
        {"text": "Half done", "percent_done": "50"},
    )
    assert response.status_code == 302
    assert list(ProgressReport.objects.values_list("percent_done", flat=True)) == [50]


def test_progress_out_of_scope_is_404(office_client, tree):
    delivery = _directive("To B", tree["b"]).deliveries.get()
    response = office_client.post(
        reverse("conferences:delivery_progress", args=[delivery.pk]), {"text": "Done", "percent_done": "100"}
    )
    assert response.status_code == 404
    assert ProgressReport.objects.count() == 0


def test_status_by_office_and_invalid_transition(office_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    url = reverse("conferences:delivery_status", args=[delivery.pk])
    response = office_client.post(url, {"to": "done"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "A directive cannot go from “not yet acknowledged” to “done”."
    ]
    office_client.post(url, {"to": "acknowledged"})
    office_client.post(url, {"to": "done"})
    delivery.refresh_from_db()
    assert delivery.status == DirectiveStatus.DONE


def test_status_unknown_value_is_a_message(office_client, tree):
    delivery = _directive("To A", tree["a"]).deliveries.get()
    response = office_client.post(
        reverse("conferences:delivery_status", args=[delivery.pk]), {"to": "x"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "new status: Select a valid choice. x is not one of the available choices."
    ]
