"""The bundled scenario ``foreign-affairs-2023``: every fact of SCENARIO.md, counted from the rows."""

from collections import Counter
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from cascade.access.models import AuditEntry
from cascade.campaigns.models import (
    Campaign,
    CampaignPhrase,
    OutreachEvent,
    RectificationItem,
    ResearchTopic,
    SteeringAssignment,
    SteeringGroup,
    SteeringGroupMember,
    StudyActivity,
    StudySession,
    WorkPlan,
)
from cascade.conferences.models import Arrangement, Attendee, AttendeeCategory, Conference, Directive, Speech
from cascade.intake.models import NarrativeReport
from cascade.intake.scenarios import SCENARIOS, UnknownScenario, load_scenario, row_counts
from cascade.intake.scenarios.data import conference as conference_data
from cascade.intake.scenarios.foreign_affairs_2023 import DEMO_EMBASSY, SEED_000
from cascade.organization.models import Membership, Unit

NAME = "foreign-affairs-2023"
CAMPAIGN = "theme-education-2023"
CONFERENCE = "central-foreign-affairs-work-conference-2023"


def _unit(short_name: str) -> Unit:
    return Unit.objects.get(short_name=short_name)


def _children(parent: Unit, kind: str | None = None):
    qs = Unit.objects.subtree(parent, include_self=False).filter(depth=parent.depth + 1)
    return qs.filter(kind=kind) if kind else qs


def _campaign() -> Campaign:
    return Campaign.objects.get(slug=CAMPAIGN)


# --- tree ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_tree_root_is_ocfac_with_five_bodies(scenario):
    ocfac = _unit("OCFAC")
    assert (ocfac.depth, ocfac.kind, ocfac.name_zh, ocfac.short_name_zh) == (
        1,
        "commission_office",
        "中央外事工作委员会办公室",
        "中央外办",
    )
    assert list(_children(ocfac).values_list("short_name", "kind")) == [
        ("MFA", "ministry"),
        ("IDCPC", "party_department"),
        ("CIDCA", "agency"),
        ("CPAFFC", "peoples_organization"),
        ("CPIFA", "peoples_organization"),
    ]


@pytest.mark.django_db
def test_mfa_children_are_36_affiliated_units_and_265_party_committees(scenario):
    mfa = _unit("MFA")
    kinds = Counter(_children(mfa).values_list("kind", flat=True))
    assert kinds == {"affiliated_unit": 36, "party_committee": 265}


@pytest.mark.django_db
def test_party_committees_each_have_a_country_and_chinese_name(scenario):
    committees = _children(_unit("MFA"), "party_committee")
    assert committees.filter(country__isnull=True).count() == 0
    assert committees.filter(name__startswith="Party Committee of the Embassy in ").count() == 174
    assert committees.filter(name__startswith="Party Committee of the Consulate General in ").count() == 91
    assert committees.filter(name_zh__endswith="使馆党委").count() == 174
    assert committees.filter(name_zh__endswith="总领馆党委").count() == 91


@pytest.mark.django_db
def test_demo_embassy_names_france_in_both_languages(scenario):
    embassy = Unit.objects.get(name=DEMO_EMBASSY)
    assert (embassy.name_zh, embassy.country.code, embassy.depth) == ("驻法国使馆党委", "FR", 3)
    assert embassy.path.startswith(_unit("MFA").path)
    consulate = Unit.objects.get(name="Party Committee of the Consulate General in Osaka")
    assert (consulate.name_zh, consulate.country.code) == ("驻大阪总领馆党委", "JP")


@pytest.mark.django_db
def test_units_every_one_has_a_chinese_name(scenario):
    assert Unit.objects.filter(name_zh="").count() == 0


@pytest.mark.django_db
def test_tree_paths_and_numchild_are_consistent(scenario):
    wrong = [u.name for u in Unit.objects.all() if u.numchild != _children(u).count()]
    assert wrong == []
    assert Unit.objects.find_problems() == ([], [], [], [], [])


# --- campaign --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_campaign_dates_phrases_and_scope(scenario):
    campaign = _campaign()
    assert (campaign.office.short_name, campaign.start_date, campaign.end_date, campaign.launched_on) == (
        "OCFAC",
        date(2023, 4, 1),
        date(2023, 8, 31),
        date(2023, 4, 3),
    )
    assert campaign.title_zh == "学习贯彻习近平新时代中国特色社会主义思想主题教育"
    phrases = list(CampaignPhrase.objects.filter(campaign=campaign).values_list("kind", "text_zh"))
    assert phrases == [
        ("goal", "以学铸魂"),
        ("goal", "以学增智"),
        ("goal", "以学正风"),
        ("goal", "以学促干"),
        ("requirement", "学思想"),
        ("requirement", "强党性"),
        ("requirement", "重实践"),
        ("requirement", "建新功"),
    ]
    assert list(campaign.scopes.values_list("unit__short_name", "include_descendants")) == [("OCFAC", True)]


@pytest.mark.django_db
def test_ocfac_round_reading_classes_equal_five(scenario):
    rounds = StudyActivity.objects.filter(unit=_unit("OCFAC"), kind="reading_class", cohort="round")
    assert sorted(rounds.values_list("cohort_number", flat=True)) == [1, 2, 3, 4, 5]
    assert set(rounds.values_list("audience", flat=True)) == {"all staff"}
    assert StudySession.objects.filter(activity__in=rounds).count() == 0


@pytest.mark.django_db
def test_ocfac_lectures_collective_studies_and_seminars(scenario):
    activities = StudyActivity.objects.filter(unit=_unit("OCFAC"))
    assert Counter(activities.values_list("kind", flat=True)) == {
        "reading_class": 5,
        "lecture": 3,
        "collective_study": 2,
        "seminar": 2,
    }
    approaches = set(activities.filter(kind="collective_study").values_list("approach", flat=True))
    assert approaches == {"combined with seminars and exchanges"}


@pytest.mark.django_db
def test_ocfac_inspection_items_in_three_statuses_with_history(scenario):
    items = RectificationItem.objects.filter(unit=_unit("OCFAC"), source="inspection").order_by("pk")
    assert [i.status for i in items] == ["open", "in_progress", "verified"]
    verified = items.get(status="verified")
    assert verified.verified_by_id is not None and verified.verified_by_id != verified.owner_id
    assert verified.verified_at is not None
    assert [(e.from_status, e.to_status) for e in verified.events.order_by("at")] == [
        ("", "open"),
        ("open", "in_progress"),
        ("in_progress", "submitted"),
        ("submitted", "verified"),
    ]
    assert [i.events.count() for i in items] == [1, 2, 4]


@pytest.mark.django_db
def test_ocfac_research_work_plan_exists(scenario):
    plans = WorkPlan.objects.filter(unit=_unit("OCFAC"), kind="research")
    assert list(plans.values_list("title", flat=True)) == [
        "Research work plans on long-term, key and difficult issues of diplomatic and foreign affairs work"
    ]


@pytest.mark.django_db
def test_mfa_reading_class_has_fourteen_half_day_sessions(scenario):
    classes = StudyActivity.objects.filter(unit=_unit("MFA"), kind="reading_class")
    assert (classes.count(), classes.get().cohort) == (1, "")
    sessions = StudySession.objects.filter(activity__in=classes)
    assert sessions.count() == 14
    assert set(sessions.values_list("length", "hours")) == {("half_day", Decimal("3.5"))}
    dates = list(sessions.values_list("date", flat=True))
    assert len(set(dates)) == 14
    assert {d.month for d in dates} == {4, 5}
    assert classes.get().attendances.count() == 10


@pytest.mark.django_db
def test_mfa_party_committee_meeting_after_speech(scenario):
    meeting = StudyActivity.objects.get(unit=_unit("MFA"), kind="collective_study")
    assert (meeting.title, meeting.start_date) == (
        "Party Committee meeting to study the spirit of General Secretary Xi Jinping's important speech",
        date(2023, 4, 4),
    )


@pytest.mark.django_db
def test_mfa_steering_groups_equal_five_roving(scenario):
    groups = SteeringGroup.objects.filter(unit=_unit("MFA"), campaign=_campaign())
    assert list(groups.values_list("number", "roving", "name_zh")) == [
        (1, True, "第一巡回指导组"),
        (2, True, "第二巡回指导组"),
        (3, True, "第三巡回指导组"),
        (4, True, "第四巡回指导组"),
        (5, True, "第五巡回指导组"),
    ]
    roles = Counter(SteeringGroupMember.objects.filter(group__in=groups).values_list("group__number", "role"))
    assert roles == {(n, r): c for n in range(1, 6) for r, c in (("leader", 1), ("member", 2))}


@pytest.mark.django_db
def test_mfa_assigned_units_are_each_affiliated_unit_and_committee_once(scenario):
    mfa = _unit("MFA")
    assignments = SteeringAssignment.objects.filter(group__unit=mfa)
    per_unit = Counter(assignments.values_list("unit_id", flat=True))
    assert (len(per_unit), set(per_unit.values())) == (301, {1})
    assert set(per_unit) == set(_children(mfa).values_list("pk", flat=True))
    assert Counter(assignments.values_list("unit__kind", flat=True)) == {
        "affiliated_unit": 36,
        "party_committee": 265,
    }


@pytest.mark.django_db
def test_demo_embassy_is_assigned_to_group_one(scenario):
    assignment = SteeringAssignment.objects.get(unit__name=DEMO_EMBASSY)
    assert assignment.group.number == 1


@pytest.mark.django_db
def test_mfa_topics_each_claimed_by_a_different_party_committee_member(scenario):
    mfa = _unit("MFA")
    topics = ResearchTopic.objects.filter(unit=mfa, campaign=_campaign())
    claimants = list(topics.values_list("claimed_by", flat=True))
    assert (len(claimants), len(set(claimants))) == (10, 10)
    leaders = set(Membership.objects.filter(unit=mfa, is_leadership=True).values_list("person", flat=True))
    assert set(claimants) == leaders
    assert topics.filter(work_area="").count() == 0
    assert topics.filter(methods__code="four-nos-two-straights").count() == 10
    assert ResearchTopic.objects.filter(unit__in=Unit.objects.subtree(mfa)).count() == 10


@pytest.mark.django_db
def test_mfa_field_visits_are_unannounced(scenario):
    visits = _campaign().field_visits.filter(unit=_unit("MFA"))
    assert (visits.count(), visits.filter(unannounced=True).count()) == (4, 4)
    assert visits.filter(topic__isnull=True).count() == 0


@pytest.mark.django_db
def test_supervision_finding_opens_rectification_item(scenario):
    item = RectificationItem.objects.get(source="supervision")
    assert (item.unit.name, item.finding.visit.group.number) == (DEMO_EMBASSY, 1)
    assert item.finding.visit.unit_id == item.unit_id


@pytest.mark.django_db
def test_idcpc_leading_group_reading_class_and_red_resources(scenario):
    idcpc = _unit("IDCPC")
    leading = StudyActivity.objects.filter(unit=idcpc, kind="reading_class", cohort="")
    assert leading.count() == 1
    bureaus = _children(idcpc, "bureau")
    red = StudyActivity.objects.filter(kind="collective_study", approach="combined with red resources")
    assert sorted(red.values_list("unit_id", flat=True)) == sorted(bureaus.values_list("pk", flat=True))


@pytest.mark.django_db
def test_idcpc_three_batches_of_seven_day_sessions(scenario):
    batches = StudyActivity.objects.filter(
        unit=_unit("IDCPC"), kind="reading_class", cohort="batch"
    ).order_by("cohort_number")
    assert [(b.cohort_number, b.audience_rank, b.original_texts) for b in batches] == [
        (1, "bureau", True),
        (2, "bureau", True),
        (3, "bureau", True),
    ]
    assert [set(b.sessions.values_list("length", "hours")) for b in batches] == [{("day", Decimal("7"))}] * 3
    assert [b.sessions.values("date").distinct().count() for b in batches] == [7, 7, 7]
    assert [b.required_readings.count() for b in batches] == [4, 4, 4]


@pytest.mark.django_db
def test_idcpc_topics_equal_28_covering_every_idcpc_unit(scenario):
    idcpc = _unit("IDCPC")
    subtree = Unit.objects.subtree(idcpc)
    topics = ResearchTopic.objects.filter(unit__in=subtree, campaign=_campaign())
    assert topics.count() == 28
    assert set(topics.values_list("unit_id", flat=True)) == set(subtree.values_list("pk", flat=True))
    assert WorkPlan.objects.get(unit=idcpc, kind="research").standard_zh == "深、实、细、准、效"


@pytest.mark.django_db
def test_idcpc_seminars_equal_42_each_tied_to_a_topic(scenario):
    subtree = Unit.objects.subtree(_unit("IDCPC"))
    seminars = StudyActivity.objects.filter(unit__in=subtree, kind="seminar")
    assert seminars.count() == 42
    assert seminars.filter(research_topic__isnull=True).count() == 0
    assert seminars.values("research_topic").distinct().count() == 28
    assert seminars.exclude(unit_id=F("research_topic__unit_id")).count() == 0


@pytest.mark.django_db
def test_idcpc_outreach_uses_party_channels(scenario):
    events = OutreachEvent.objects.filter(unit__in=Unit.objects.subtree(_unit("IDCPC")))
    assert events.count() == 3
    assert set(events.values_list("organisations__kind", flat=True)) == {"party"}


@pytest.mark.django_db
def test_cidca_plan_visits_and_outreach(scenario):
    cidca = _unit("CIDCA")
    assert list(WorkPlan.objects.filter(unit=cidca).values_list("kind", "title_zh")) == [
        ("research", "主题教育调查研究工作方案")
    ]
    assert _campaign().field_visits.filter(unit=cidca).count() == 3
    assert Counter(OutreachEvent.objects.filter(unit=cidca).values_list("kind", flat=True)) == {
        "study_tour": 2,
        "promotion": 1,
    }
    assert ResearchTopic.objects.filter(unit=cidca).count() == 0


@pytest.mark.django_db
def test_peoples_organisations_outreach(scenario):
    assert Counter(OutreachEvent.objects.filter(unit=_unit("CPAFFC")).values_list("kind", flat=True)) == {
        "exchange": 2,
        "reception": 1,
    }
    cpifa = OutreachEvent.objects.filter(unit=_unit("CPIFA"))
    assert Counter(cpifa.values_list("kind", flat=True)) == {"reception": 2, "track_two": 3, "forum": 1}
    assert cpifa.filter(countries__isnull=True).count() == 0


@pytest.mark.django_db
def test_narrative_report_text_equals_seed_file(scenario):
    report = NarrativeReport.objects.get(unit=_unit("OCFAC"), campaign=_campaign())
    assert (report.dated, report.period_start, report.period_end) == (
        date(2023, 5, 23),
        date(2023, 4, 1),
        date(2023, 5, 23),
    )
    assert report.text == SEED_000.read_text(encoding="utf-8")
    assert report.text.startswith(" date 2023-05-23 Since the launch of the theme education")


# --- conference ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_conference_dates_venue_and_secretariat(scenario):
    conference = Conference.objects.get(slug=CONFERENCE)
    assert (
        conference.title_zh,
        conference.start_date,
        conference.end_date,
        conference.days,
        conference.venue_zh,
        conference.secretariat.short_name,
    ) == ("中央外事工作会议", date(2023, 12, 27), date(2023, 12, 28), 2, "北京", "OCFAC")
    assert sorted(set(conference.agenda.values_list("date", flat=True))) == [
        date(2023, 12, 27),
        date(2023, 12, 28),
    ]


@pytest.mark.django_db
def test_conference_standing_committee_members_and_han_zheng_named(scenario):
    attendees = Attendee.objects.filter(conference__slug=CONFERENCE)
    standing = attendees.filter(role__in=["principal", "standing_committee"]).order_by("order")
    assert list(standing.values_list("person__name", flat=True)) == [
        "Xi Jinping",
        "Li Qiang",
        "Zhao Leji",
        "Wang Huning",
        "Cai Qi",
        "Ding Xuexiang",
        "Li Xi",
    ]
    assert attendees.get(person__name="Han Zheng").person.name_zh == "韩正"


@pytest.mark.django_db
def test_conference_attendee_categories_follow_scenario_list(scenario):
    categories = AttendeeCategory.objects.filter(conference__slug=CONFERENCE).order_by("order")
    # SCENARIO.md lists 17 categories (semicolon-separated), each one row.
    assert categories.count() == 17
    assert list(categories.values_list("name", "name_zh")) == list(conference_data.ATTENDEE_CATEGORIES)
    assert categories.filter(headcount__isnull=False).count() == 0
    assert (categories.first().name, categories.last().name) == (
        "Members of the Political Bureau",
        "Representatives to international organizations",
    )


@pytest.mark.django_db
def test_conference_principal_speech_by_xi_jinping(scenario):
    principal = Speech.objects.get(conference__slug=CONFERENCE, is_principal=True)
    assert (principal.speaker.name, principal.speaker.post_zh) == (
        "Xi Jinping",
        "中共中央总书记、国家主席、中央军委主席",
    )


@pytest.mark.django_db
def test_conference_other_speeches_wang_yi_and_groups(scenario):
    speeches = Speech.objects.filter(conference__slug=CONFERENCE, is_principal=False).order_by("order")
    assert [(s.speaker.name if s.speaker else s.speaker_label) for s in speeches] == [
        "Wang Yi",
        "responsible comrades of various government departments",
        "representatives of the Permanent Mission to the United Nations",
    ]


@pytest.mark.django_db
def test_conference_arrangements_equal_nine(scenario):
    arrangements = Arrangement.objects.filter(conference__slug=CONFERENCE)
    assert arrangements.count() == 9
    assert arrangements.filter(theme_zh="").count() == 0


@pytest.mark.django_db
def test_directives_reach_the_five_bodies_with_mixed_statuses(scenario):
    directives = Directive.objects.filter(conference__slug=CONFERENCE, parent__isnull=True)
    assert directives.count() == 3
    for directive in directives:
        assert (directive.issued_by.short_name, directive.issued_on, directive.deadline) == (
            "OCFAC",
            date(2023, 12, 29),
            date(2024, 3, 31),
        )
        assert sorted(directive.deliveries.values_list("unit__short_name", flat=True)) == [
            "CIDCA",
            "CPAFFC",
            "CPIFA",
            "IDCPC",
            "MFA",
        ]
    statuses = Counter(s for d in directives for s in d.deliveries.values_list("status", flat=True))
    assert set(statuses) == {"pending", "acknowledged", "in_progress", "done"}


@pytest.mark.django_db
def test_mfa_cascades_directive_to_its_36_affiliated_units(scenario):
    child = Directive.objects.get(issued_by__short_name="MFA")
    assert (child.parent.issued_by.short_name, child.title, child.conference.slug) == (
        "OCFAC",
        child.parent.title,
        CONFERENCE,
    )
    assert child.deadline <= child.parent.deadline
    kinds = Counter(child.deliveries.values_list("unit__kind", flat=True))
    assert kinds == {"affiliated_unit": 36}


# --- loading ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_scenario_returns_row_counts(scenario):
    assert scenario == row_counts()
    assert (scenario["organization.Unit"], scenario["campaigns.SteeringAssignment"]) == (314, 301)


@pytest.mark.django_db
def test_load_twice_leaves_every_row_count_unchanged(scenario):
    before = row_counts()
    assert load_scenario(NAME) == before


@pytest.mark.django_db
def test_load_twice_adds_no_audit_entries(scenario):
    before = AuditEntry.objects.count()
    load_scenario(NAME)
    assert (before > 0, AuditEntry.objects.count()) == (True, before)


@pytest.mark.django_db
def test_scenario_command_load_twice_reports_no_new_rows(scenario):
    out = StringIO()
    call_command("scenario", "load", NAME, stdout=out)
    assert ", 0 new." in out.getvalue()


@pytest.mark.django_db
def test_scenario_command_unknown_name_raises_command_error():
    with pytest.raises(CommandError, match="Unknown scenario “unknown”"):
        call_command("scenario", "load", "unknown")


def test_load_scenario_unknown_name_raises_key_error():
    with pytest.raises(KeyError) as excinfo:
        load_scenario("unknown")
    assert isinstance(excinfo.value, UnknownScenario)
    assert str(excinfo.value) == "Unknown scenario “unknown”; known scenarios: foreign-affairs-2023."


def test_scenario_command_list_names_every_scenario():
    out = StringIO()
    call_command("scenario", "list", stdout=out)
    assert [name for name in SCENARIOS if name not in out.getvalue()] == []
