"""Admin for conferences and directives."""

import datetime as dt

import pytest
from django.urls import reverse

from cascade.access.models import AuditEntry
from cascade.conferences.choices import DirectiveStatus
from cascade.conferences.models import Conference, Directive, DirectiveRecipient
from cascade.conferences.tests.factories import (
    AttendeeCategoryFactory,
    AttendeeFactory,
    ConferenceFactory,
    DirectiveRecipientFactory,
)
from cascade.organization.tests.factories import UnitFactory


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
def test_admin_conference_page_has_every_part(admin_client):
    conference = ConferenceFactory()
    response = admin_client.get(_url(Conference, "change", conference.pk))
    assert response.status_code == 200
    prefixes = {formset.formset.prefix for formset in response.context["inline_admin_formsets"]}
    assert prefixes == {"agenda", "speeches", "categories", "attendees", "arrangements"}


@pytest.mark.django_db
def test_admin_attendee_category_choices_are_this_conferences(admin_client):
    attendee = AttendeeFactory(category__name="Ambassadors abroad")
    AttendeeCategoryFactory(name="Someone else's category")
    AttendeeFactory(conference=attendee.conference, category=attendee.category)
    response = admin_client.get(_url(Conference, "change", attendee.conference.pk))
    attendees = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "attendees")
    for form in [*attendees.formset.forms, attendees.formset.empty_form]:
        labels = [label for _value, label in form.fields["category"].choices]
        assert labels == ["---------", "Ambassadors abroad"]


def _directive_post(**changes) -> dict[str, str]:
    data = {
        "title": "Carry out the arrangements",
        "title_zh": "",
        "text": "",
        "text_zh": "",
        "issued_by": "",
        "conference": "",
        "arrangement": "",
        "campaign": "",
        "parent": "",
        "issued_on": "2024-01-02",
        "deadline": "2024-03-31",
        "deliveries-TOTAL_FORMS": "0",
        "deliveries-INITIAL_FORMS": "0",
        "deliveries-MIN_NUM_FORMS": "0",
        "deliveries-MAX_NUM_FORMS": "1000",
    }
    data.update({k: str(v) for k, v in changes.items()})
    return data


@pytest.mark.django_db
def test_admin_directive_records_who_created_it(admin_client, admin_user):
    unit, recipient = UnitFactory(), UnitFactory()
    data = _directive_post(
        issued_by=unit.pk,
        conference=ConferenceFactory().pk,
        **{"deliveries-TOTAL_FORMS": 1, "deliveries-0-unit": recipient.pk},
    )
    response = admin_client.post(_url(Directive, "add"), data)
    assert response.status_code == 302
    directive = Directive.objects.get()
    assert directive.created_by == admin_user
    assert list(directive.recipients.all()) == [recipient]
    assert directive.deliveries.get().status == DirectiveStatus.PENDING
    assert AuditEntry.objects.filter(action="admin.directive.created").exists()
    assert AuditEntry.objects.filter(action="admin.directiverecipient.created").exists()


@pytest.mark.django_db
def test_admin_directive_without_source_is_a_form_error(admin_client):
    response = admin_client.post(_url(Directive, "add"), _directive_post(issued_by=UnitFactory().pk))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    assert not Directive.objects.exists()


@pytest.mark.django_db
def test_admin_directive_status_moves_through_the_domain(admin_client, admin_user):
    delivery = DirectiveRecipientFactory()
    response = admin_client.get(_url(DirectiveRecipient, "change", delivery.pk))
    assert "status" not in response.context["adminform"].form.fields
    url = _url(DirectiveRecipient, "changelist")
    admin_client.post(url, {"action": "mark_acknowledged", "_selected_action": [delivery.pk]})
    delivery.refresh_from_db()
    assert (delivery.status, delivery.acknowledged_by) == (DirectiveStatus.ACKNOWLEDGED, admin_user)
    assert AuditEntry.objects.filter(action="directive.acknowledged").exists()


@pytest.mark.django_db
def test_admin_directive_late_filter(admin_client):
    late = DirectiveRecipientFactory(
        directive__deadline=dt.date(2020, 1, 31), directive__issued_on=dt.date(2020, 1, 1)
    )
    DirectiveRecipientFactory(directive__deadline=dt.date(2999, 1, 1))
    response = admin_client.get(_url(DirectiveRecipient, "changelist"), {"late": "yes"})
    assert list(response.context["cl"].result_list) == [late]
