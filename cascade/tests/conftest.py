"""The world the role journeys walk through (``test_journey_*.py``): a small tree with one of
everything each role works on, and a signed-in-able user per role (password ``TEST_PASSWORD``)."""

import datetime as dt

import pytest
from django.utils import timezone

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import RectificationStatus, TopicStatus
from cascade.campaigns.models import CampaignScope
from cascade.campaigns.tests.factories import (
    CampaignFactory,
    RectificationItemFactory,
    ResearchTopicFactory,
    SteeringAssignmentFactory,
    SteeringGroupFactory,
    StudyActivityFactory,
    StudySessionFactory,
)
from cascade.conferences.tests.factories import (
    AttendeeCategoryFactory,
    AttendeeFactory,
    ConferenceFactory,
    DirectiveFactory,
    DirectiveRecipientFactory,
)
from cascade.core.tests.browser import allow_queries_beside_the_browser, chromium
from cascade.organization.models import Unit
from cascade.organization.tests.factories import MembershipFactory, PersonFactory, UnitFactory


def _person(name: str, name_zh: str, unit: Unit, *, user=None, leadership: bool = False):
    person = PersonFactory(name=name, name_zh=name_zh, user=user, post="Counsellor", post_zh="参赞")
    MembershipFactory(person=person, unit=unit, is_leadership=leadership)
    return person


@pytest.fixture
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def world(monkeypatch):
    allow_queries_beside_the_browser(monkeypatch)
    today = timezone.localdate()
    root = UnitFactory(name="Campaign Office", name_zh="主题教育办公室", short_name="CO")
    a = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="Ministry A", name_zh="甲部", short_name="MA")
    b = UnitFactory(parent=Unit.objects.get(pk=root.pk), name="Ministry B", name_zh="乙部", short_name="MB")
    root, a, b = (Unit.objects.get(pk=u.pk) for u in (root, a, b))
    campaign = CampaignFactory(
        office=root,
        title="Theme education",
        title_zh="主题教育",
        start_date=today - dt.timedelta(days=60),
        end_date=today + dt.timedelta(days=300),
    )
    CampaignScope.objects.create(campaign=campaign, unit=root)
    users = {
        "office": RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=root, user__username="office").user,
        "clerk": RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=a, user__username="clerk").user,
        "leader": RoleAssignmentFactory(role=Role.LEADER, unit=a, user__username="leader").user,
        "secretariat": RoleAssignmentFactory(
            role=Role.SECRETARIAT, unit=root, user__username="secretariat"
        ).user,
        "auditor": RoleAssignmentFactory(role=Role.AUDITOR, unit=root, user__username="auditor").user,
    }
    group = SteeringGroupFactory(campaign=campaign, unit=root, name="Steering group 1", name_zh="第一指导组")
    SteeringAssignmentFactory(group=group, unit=a)
    users["steering"] = RoleAssignmentFactory(
        role=Role.STEERING_MEMBER, unit=None, steering_group=group, user__username="steering"
    ).user
    people = {
        "zhou": _person("Staff Zhou", "周干部", a, user=UserFactory(username="zhou")),
        "wu": _person("Staff Wu", "吴干部", a),
        "leader": _person("Leader Zheng", "郑领导", a, user=users["leader"], leadership=True),
        "steering": _person("Inspector Lin", "林组长", root, user=users["steering"]),
        "ambassador": _person("Ambassador Qian", "钱大使", b),
    }
    topic = ResearchTopicFactory(
        campaign=campaign,
        unit=a,
        title="Consular protection",
        title_zh="领事保护",
        claimed_by=None,
        status=TopicStatus.PLANNED,
    )
    item = RectificationItemFactory(
        campaign=campaign,
        unit=a,
        owner=people["wu"],
        problem="Slow visa replies",
        problem_zh="签证答复慢",
        status=RectificationStatus.SUBMITTED,
        opened_on=today - dt.timedelta(days=30),
        deadline=today + dt.timedelta(days=10),
    )
    activity = StudyActivityFactory(
        campaign=campaign,
        unit=a,
        title="Theory study group",
        title_zh="理论学习中心组",
        start_date=today,
        end_date=today,
    )
    session = StudySessionFactory(activity=activity, date=today)
    conference = ConferenceFactory(
        title="Work conference",
        title_zh="工作会议",
        start_date=today,
        end_date=today + dt.timedelta(days=1),
        secretariat=root,
        campaign=campaign,
    )
    category = AttendeeCategoryFactory(
        conference=conference, name="Ambassadors", name_zh="驻外使节", headcount=2
    )
    AttendeeFactory(conference=conference, person=people["ambassador"], category=category)
    directive = DirectiveFactory(
        title="Carry out the arrangements",
        title_zh="贯彻落实会议部署",
        issued_by=root,
        conference=conference,
        issued_on=today - dt.timedelta(days=2),
        deadline=today + dt.timedelta(days=20),
    )
    delivery = DirectiveRecipientFactory(directive=directive, unit=a)
    return {
        "root": root,
        "a": a,
        "b": b,
        "campaign": campaign,
        "users": users,
        "people": people,
        "topic": topic,
        "item": item,
        "activity": activity,
        "session": session,
        "conference": conference,
        "category": category,
        "group": group,
        "directive": directive,
        "delivery": delivery,
    }
