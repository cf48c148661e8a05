"""Pages with a rule of their own: attendance rosters, claiming topics, findings opening items,
moving rectification items through their states, evidence, and child records under a parent."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory, signed_in
from cascade.campaigns.choices import RectificationSource, RectificationStatus
from cascade.campaigns.models import (
    RectificationEvidence,
    RectificationItem,
    ResearchTopic,
    StudyAttendance,
    StudySession,
    SupervisionFinding,
)
from cascade.campaigns.tests.factories import (
    RectificationItemFactory,
    ResearchTopicFactory,
    SteeringAssignmentFactory,
    SteeringGroupFactory,
    StudyActivityFactory,
    StudySessionFactory,
    SupervisionVisitFactory,
)
from cascade.organization.tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _people(unit, *names):
    return [
        MembershipFactory(unit=unit, person=PersonFactory(name=name, name_zh=name)).person for name in names
    ]


# --- attendance roster --------------------------------------------------------------------


def test_roster_lists_the_unit_people_with_the_sessions_hours(world):
    activity = StudyActivityFactory(unit=world["mine"])
    StudySessionFactory(activity=activity, hours=Decimal("3.5"))
    StudySessionFactory(activity=activity, hours=Decimal("4"))
    _people(world["mine"], "Zhao", "Qian")
    _people(world["theirs"], "Sun")
    response = signed_in(world["clerk"]).get(reverse("campaigns:studyactivity_roster", args=[activity.pk]))
    rows = [(str(r["person"]), r["present"], r["hours"]) for r in response.context["rows"]]
    assert rows == [("Qian", False, Decimal("7.5")), ("Zhao", False, Decimal("7.5"))]


def test_roster_marks_present_with_hours_and_absent_in_one_save(world):
    activity = StudyActivityFactory(unit=world["mine"])
    zhao, qian, li = _people(world["mine"], "Zhao", "Qian", "Li")
    StudyAttendance.objects.create(activity=activity, person=li, hours=2)
    url = reverse("campaigns:studyactivity_roster", args=[activity.pk])
    data = {
        "present": [zhao.pk, qian.pk],
        f"hours-{zhao.pk}": "6",
        f"hours-{qian.pk}": "3.5",
        f"hours-{li.pk}": "2",
    }
    response = signed_in(world["clerk"]).post(url, data)
    assert response.status_code == 302
    got = sorted((a.person.name, a.hours) for a in StudyAttendance.objects.filter(activity=activity))
    assert got == [("Qian", Decimal("3.5")), ("Zhao", Decimal("6.0"))]
    entry = AuditEntry.objects.get(action="studyattendance.recorded")
    assert (entry.user, entry.before, entry.after) == (
        world["clerk"],
        {"attendance": {str(li.pk): "2.0"}},
        {"attendance": {str(zhao.pk): "6", str(qian.pk): "3.5"}},
    )


def test_roster_bad_hours_answer_in_chinese_and_save_nothing(world):
    activity = StudyActivityFactory(unit=world["mine"])
    (zhao,) = _people(world["mine"], "Zhao")
    url = reverse("campaigns:studyactivity_roster", args=[activity.pk])
    response = signed_in(world["clerk"]).post(
        url, {"present": [zhao.pk], f"hours-{zhao.pk}": "abc"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert (response.status_code, response.context["errors"]) == (422, ["Zhao 的出勤学时必须是数字。"])
    negative = signed_in(world["clerk"]).post(url, {"present": [zhao.pk], f"hours-{zhao.pk}": "-1"})
    assert negative.status_code == 422
    assert StudyAttendance.objects.count() == 0


def test_roster_refuses_read_only_and_out_of_scope(world):
    mine = StudyActivityFactory(unit=world["mine"])
    theirs = StudyActivityFactory(unit=world["theirs"])
    (zhao,) = _people(world["mine"], "Zhao")
    data = {"present": [zhao.pk], f"hours-{zhao.pk}": "1"}
    auditor, clerk = signed_in(world["auditor"]), signed_in(world["clerk"])
    url = reverse("campaigns:studyactivity_roster", args=[mine.pk])
    other = reverse("campaigns:studyactivity_roster", args=[theirs.pk])
    assert [auditor.get(url).status_code, auditor.post(url, data).status_code] == [403, 403]
    assert [clerk.get(other).status_code, clerk.post(other, data).status_code] == [404, 404]
    assert StudyAttendance.objects.count() == 0


# --- sessions under their activity ----------------------------------------------------------


def test_session_added_from_its_activity_page_returns_there(world):
    activity = StudyActivityFactory(unit=world["mine"])
    client = signed_in(world["clerk"])
    detail = reverse("campaigns:studyactivity_detail", args=[activity.pk])
    add = f"{reverse('campaigns:studysession_create')}?activity={activity.pk}"
    assert add in client.get(detail).content.decode()
    assert client.get(add).context["form"]["activity"].value() == activity.pk
    response = client.post(
        add, {"activity": activity.pk, "date": "2023-05-06", "length": "half_day", "hours": "3"}
    )
    assert (response.status_code, response["Location"]) == (302, detail)
    session = StudySession.objects.get()
    edit = reverse("campaigns:studysession_edit", args=[session.pk])
    assert edit in client.get(detail).content.decode()
    assert AuditEntry.objects.filter(action="studysession.created").count() == 1


def test_session_of_an_activity_out_of_reach_is_404_and_not_offered(world):
    theirs = StudyActivityFactory(unit=world["theirs"])
    client = signed_in(world["clerk"])
    assert client.get(f"{reverse('campaigns:studysession_create')}?activity={theirs.pk}").status_code == 404
    response = client.post(
        reverse("campaigns:studysession_create"),
        {"activity": theirs.pk, "date": "2023-05-06", "length": "half_day", "hours": "3"},
    )
    assert (response.status_code, list(response.context["form"].errors)) == (422, ["activity"])
    assert StudySession.objects.count() == 0


# --- claiming research topics ---------------------------------------------------------------


def _leader(unit, *, leadership=True):
    person = PersonFactory(name="Deputy Director Wang")
    MembershipFactory(person=person, unit=unit, is_leadership=leadership)
    user = RoleAssignmentFactory(role=Role.LEADER, unit=unit).user
    person.user = user
    person.save()
    return user, person


def test_leader_claims_a_topic_tied_to_their_work(world):
    user, person = _leader(world["mine"])
    topic = ResearchTopicFactory(unit=world["mine"], claimed_by=None, status="planned", started_on=None)
    client = signed_in(user)
    detail = reverse("campaigns:researchtopic_detail", args=[topic.pk])
    claim = reverse("campaigns:researchtopic_claim", args=[topic.pk])
    assert claim in client.get(detail).content.decode()
    assert client.post(claim, {"work_area": "Consular protection"}).status_code == 302
    topic.refresh_from_db()
    assert (topic.claimed_by, topic.work_area, topic.status) == (person, "Consular protection", "in_progress")
    assert AuditEntry.objects.filter(action="researchtopic.claimed", user=user).count() == 1


def test_claim_refused_outside_the_leadership_and_for_a_taken_topic(world):
    user, _person = _leader(world["mine"], leadership=False)
    free = ResearchTopicFactory(unit=world["mine"], claimed_by=None)
    taken = ResearchTopicFactory(unit=world["mine"], claimed_by=PersonFactory(name="Someone"))
    client = signed_in(user)
    response = client.post(reverse("campaigns:researchtopic_claim", args=[free.pk]), follow=True)
    assert "leadership team" in response.content.decode()
    response = client.post(reverse("campaigns:researchtopic_claim", args=[taken.pk]), follow=True)
    assert "has already claimed this topic" in response.content.decode()
    assert list(ResearchTopic.objects.order_by("pk").values_list("claimed_by__name", flat=True)) == [
        None,
        "Someone",
    ]


def test_claim_needs_the_claim_permission(world):
    topic = ResearchTopicFactory(unit=world["mine"], claimed_by=None)
    assert (
        signed_in(world["clerk"]).post(reverse("campaigns:researchtopic_claim", args=[topic.pk])).status_code
        == 403
    )
    assert ResearchTopic.objects.get().claimed_by is None


# --- supervision: a finding opens a rectification item ---------------------------------------


def _steering(world):
    group = SteeringGroupFactory(unit=world["root"])
    SteeringAssignmentFactory(group=group, unit=world["mine"])
    user = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=None, steering_group=group).user
    person = PersonFactory(name="Inspector Liu", user=user)
    return group, user, person


def test_finding_opens_its_rectification_item_in_one_step(world):
    group, user, _person = _steering(world)
    visit = SupervisionVisitFactory(group=group, unit=world["mine"], date="2023-06-01", feedback_on=None)
    response = signed_in(user).post(
        f"{reverse('campaigns:supervisionfinding_create')}?visit={visit.pk}",
        {
            "visit": visit.pk,
            "description": "Study is a formality",
            "severity": "high",
            "open_item": "on",
            "deadline": "2023-09-30",
        },
    )
    assert response.status_code == 302
    finding = SupervisionFinding.objects.get()
    item = RectificationItem.objects.get()
    assert (item.finding, item.unit, item.source, item.problem, str(item.deadline), item.status) == (
        finding,
        world["mine"],
        RectificationSource.SUPERVISION,
        "Study is a formality",
        "2023-09-30",
        RectificationStatus.OPEN,
    )


def test_finding_with_a_bad_deadline_writes_neither(world):
    group, user, _person = _steering(world)
    visit = SupervisionVisitFactory(group=group, unit=world["mine"], date="2023-06-01", feedback_on=None)
    response = signed_in(user).post(
        reverse("campaigns:supervisionfinding_create"),
        {
            "visit": visit.pk,
            "description": "Late",
            "severity": "low",
            "open_item": "on",
            "deadline": "2023-01-01",
        },
    )
    assert response.status_code == 422
    assert (SupervisionFinding.objects.count(), RectificationItem.objects.count()) == (0, 0)


# --- rectification through its states ------------------------------------------------------


def _move(client, item, to, note=""):
    url = reverse("campaigns:rectificationitem_transition", args=[item.pk])
    return client.post(url, {"to": to, "note": note}, follow=True)


def test_rectification_moves_by_its_unit_and_is_verified_from_outside(world):
    owner = PersonFactory(name="Owner")
    item = RectificationItemFactory(unit=world["mine"], owner=owner, status=RectificationStatus.OPEN)
    clerk = signed_in(world["clerk"])
    _move(clerk, item, "in_progress")
    _move(clerk, item, "submitted", "done, minutes attached")
    refused = _move(clerk, item, "verified")
    assert (refused.status_code, "You may not do this here." in refused.content.decode()) == (403, True)
    item.refresh_from_db()
    assert item.status == RectificationStatus.SUBMITTED
    _group, user, person = _steering(world)
    steering = signed_in(user)
    detail = steering.get(reverse("campaigns:rectificationitem_detail", args=[item.pk]))
    assert [c[0] for c in detail.context["transition_form"].fields["to"].choices] == [
        "in_progress",
        "verified",
    ]
    _move(steering, item, "verified")
    item.refresh_from_db()
    assert (item.status, item.verified_by) == (RectificationStatus.VERIFIED, person)
    _move(steering, item, "reopened", "not really done")
    item.refresh_from_db()
    assert (item.status, item.verified_by) == (RectificationStatus.REOPENED, None)
    assert list(item.events.values_list("to_status", flat=True)) == [
        "in_progress",
        "submitted",
        "verified",
        "reopened",
    ]


def test_auditor_sees_no_moves_and_cannot_make_one(world):
    item = RectificationItemFactory(unit=world["mine"], status=RectificationStatus.OPEN)
    auditor = signed_in(world["auditor"])
    detail = auditor.get(reverse("campaigns:rectificationitem_detail", args=[item.pk]))
    assert "transition_form" not in detail.context
    response = auditor.post(
        reverse("campaigns:rectificationitem_transition", args=[item.pk]), {"to": "in_progress"}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == RectificationStatus.OPEN


def test_new_rectification_item_opens_with_its_first_event(world):
    response = signed_in(world["clerk"]).post(
        reverse("campaigns:rectificationitem_create"),
        {
            "unit": world["mine"].pk,
            "problem": "Files not filed",
            "source": "self_examination",
            "opened_on": "2023-05-01",
        },
    )
    item = RectificationItem.objects.get()
    assert (response.status_code, item.status, list(item.events.values_list("to_status", flat=True))) == (
        302,
        RectificationStatus.OPEN,
        ["open"],
    )
    assert AuditEntry.objects.filter(action="rectification.opened").count() == 1


def test_evidence_uploads_downloads_in_scope_and_refuses_other_files(world):
    item = RectificationItemFactory(unit=world["mine"])
    client = signed_in(world["clerk"])
    url = f"{reverse('campaigns:rectificationevidence_create')}?item={item.pk}"
    upload = SimpleUploadedFile("minutes.txt", "会议纪要".encode(), content_type="text/plain")
    response = client.post(url, {"item": item.pk, "file": upload, "description": "Minutes"})
    assert response.status_code == 302
    evidence = RectificationEvidence.objects.get()
    assert (evidence.uploaded_by, evidence.description) == (world["clerk"], "Minutes")
    download = client.get(reverse("campaigns:rectificationevidence_file", args=[evidence.pk]))
    assert b"".join(download.streaming_content).decode() == "会议纪要"
    other = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=world["theirs"]).user
    assert (
        signed_in(other).get(reverse("campaigns:rectificationevidence_file", args=[evidence.pk])).status_code
        == 404
    )
    bad = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url, {"item": item.pk, "file": bad}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert (response.status_code, list(response.context["form"].errors)) == (422, ["file"])
    assert RectificationEvidence.objects.count() == 1


def test_item_opened_from_a_finding_can_be_edited_by_its_unit(world):
    group, user, _person = _steering(world)
    visit = SupervisionVisitFactory(group=group, unit=world["mine"], date="2023-06-01", feedback_on=None)
    finding = SupervisionFinding.objects.create(visit=visit, description="Formality")
    from cascade.campaigns.domain import open_rectification_from_finding

    item = open_rectification_from_finding(finding=finding, owner=None, deadline=None, user=user)
    client = signed_in(world["clerk"])
    edit = reverse("campaigns:rectificationitem_edit", args=[item.pk])
    form = client.get(edit).context["form"]
    data = {
        "unit": world["mine"].pk,
        "problem": "Formality",
        "source": "supervision",
        "opened_on": "2023-06-01",
        "measures": "Study the originals",
        "version": form["version"].value(),
    }
    assert client.post(edit, data).status_code == 302
    item.refresh_from_db()
    assert (item.source, item.measures, item.finding) == ("supervision", "Study the originals", finding)


def test_office_adds_scope_from_campaign_page(world):
    """A campaign's scope is placed by the unit chosen on the form, not by the campaign."""
    from cascade.campaigns.models import CampaignScope
    from cascade.campaigns.tests.factories import CampaignFactory

    office = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=world["root"]).user
    campaign = CampaignFactory(office=world["root"])
    client = signed_in(office)
    detail = reverse("campaigns:campaign_detail", args=[campaign.pk])
    add = f"{reverse('campaigns:campaignscope_create')}?campaign={campaign.pk}"
    assert add in client.get(detail).content.decode()
    response = client.post(
        add, {"campaign": campaign.pk, "unit": world["mine"].pk, "include_descendants": "on"}
    )
    assert (response.status_code, response["Location"]) == (302, detail)
    assert list(CampaignScope.objects.filter(campaign=campaign).values_list("unit", flat=True)) == [
        world["mine"].pk
    ]
    # A clerk may read the campaign but not place its scope anywhere.
    refused = signed_in(world["clerk"]).post(add, {"campaign": campaign.pk, "unit": world["mine"].pk})
    assert (refused.status_code, CampaignScope.objects.filter(campaign=campaign).count()) == (403, 1)
