"""The home page: each role's work (what is due and overdue in its scope), the links to the lists
that show exactly what each block counts, a fixed number of queries, and the main navigation."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory, signed_in
from cascade.campaigns.choices import RectificationStatus
from cascade.campaigns.domain import may_transition
from cascade.campaigns.models import RectificationItem
from cascade.campaigns.tests.factories import (
    RectificationItemFactory,
    ResearchTopicFactory,
    SteeringAssignmentFactory,
    SteeringGroupFactory,
    StudyActivityFactory,
    StudySessionFactory,
)
from cascade.conferences.choices import DirectiveStatus
from cascade.conferences.tests.factories import (
    ConferenceFactory,
    DirectiveFactory,
    DirectiveRecipientFactory,
)
from cascade.core.tests.browser import PHONE, Journey, chromium
from cascade.core.tests.clock import stay_on
from cascade.core.tests.queries import page_queries
from cascade.organization.tests.factories import MembershipFactory, PersonFactory, UnitFactory, fresh
from cascade.reports.worklist import SHOWN, my_work

TODAY = timezone.localdate()
ALL_BLOCKS = [
    "directives_to_acknowledge",
    "directives_to_report",
    "rectification_to_act_on",
    "rectification_to_verify",
    "study_sessions",
    "topics_to_claim",
    "topics_claimed",
    "conferences_coming_up",
]


@pytest.fixture(autouse=True)
def _same_day():
    with stay_on(TODAY):
        yield


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def delivery(unit, status=DirectiveStatus.PENDING, deadline=3):
    directive = DirectiveFactory(issued_on=day(-60), deadline=day(deadline))
    acknowledged = None if status == DirectiveStatus.PENDING else timezone.now()
    done = day(-1) if status == DirectiveStatus.DONE else None
    return DirectiveRecipientFactory(
        directive=directive, unit=unit, status=status, acknowledged_at=acknowledged, completed_on=done
    )


def item(unit, status=RectificationStatus.OPEN, deadline: int | None = 10):
    extra = {}
    if status == RectificationStatus.VERIFIED:
        extra = {"verified_by": PersonFactory(), "verified_at": timezone.now()}
    return RectificationItemFactory(
        unit=unit,
        status=status,
        opened_on=day(-60),
        deadline=None if deadline is None else day(deadline),
        **extra,
    )


def session(unit, offset: int):
    return StudySessionFactory(activity=StudyActivityFactory(unit=unit), date=day(offset))


@pytest.fixture
def home(db):
    """Office ⊃ {Ministry A ⊃ Bureau A1, Ministry B}; a steering group assigned Ministry A; work of
    every kind in each unit, some due, some overdue, some neither, some done."""
    root = UnitFactory(name="Office")
    mine = UnitFactory(parent=fresh(root), name="Ministry A")
    bureau = UnitFactory(parent=fresh(mine), name="Bureau A1")
    theirs = UnitFactory(parent=fresh(root), name="Ministry B")
    root, mine, bureau, theirs = (fresh(u) for u in (root, mine, bureau, theirs))
    group = SteeringGroupFactory(unit=root, name="Steering group 1")
    SteeringAssignmentFactory(group=group, unit=mine)

    leader_person = PersonFactory(name="Leader Li")
    MembershipFactory(person=leader_person, unit=mine, is_leadership=True)
    users = {
        "clerk": RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=mine).user,
        "steering": RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=None, steering_group=group).user,
        "office": RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=root).user,
        "auditor": RoleAssignmentFactory(role=Role.AUDITOR, unit=root).user,
        "leader": RoleAssignmentFactory(role=Role.LEADER, unit=mine).user,
        "secretariat": RoleAssignmentFactory(role=Role.SECRETARIAT, unit=mine).user,
        "nobody": UserFactory(),
    }
    leader_person.user = users["leader"]
    leader_person.save()

    # Directive deliveries.
    delivery(mine, deadline=3)  # to acknowledge
    delivery(mine, deadline=-2)  # to acknowledge, overdue
    delivery(bureau, deadline=1)  # to acknowledge (the clerk's subtree)
    delivery(theirs, deadline=-4)  # to acknowledge, overdue: out of the clerk's scope
    delivery(mine, DirectiveStatus.ACKNOWLEDGED, deadline=5)  # to report on
    delivery(mine, DirectiveStatus.IN_PROGRESS, deadline=-1)  # to report on, overdue
    delivery(mine, DirectiveStatus.ACKNOWLEDGED, deadline=8)  # due after the week: not yet
    delivery(mine, DirectiveStatus.DONE, deadline=-5)  # done
    delivery(theirs, DirectiveStatus.ACKNOWLEDGED, deadline=4)  # to report on: not the clerk's
    # Rectification items.
    item(mine, deadline=-1)  # open, overdue
    item(mine, RectificationStatus.IN_PROGRESS, deadline=10)
    item(mine, RectificationStatus.SUBMITTED, deadline=-3)  # awaiting verification, overdue
    item(mine, RectificationStatus.VERIFIED, deadline=-20)  # closed
    item(bureau, RectificationStatus.SUBMITTED, deadline=2)  # the group is not assigned the bureau
    item(theirs, deadline=None)
    item(theirs, RectificationStatus.SUBMITTED, deadline=6)
    item(root, RectificationStatus.SUBMITTED, deadline=-10)  # the office's own: verified from above
    # Study sessions.
    session(mine, 0)
    session(mine, 3)
    session(mine, 7)  # the last day of the week ahead
    session(mine, 8)  # after it
    session(mine, -1)  # past
    session(theirs, 0)
    # Research topics.
    ResearchTopicFactory(unit=mine, title="Unclaimed A", claimed_by=None)
    ResearchTopicFactory(unit=mine, title="Claimed by the leader", claimed_by=leader_person)
    ResearchTopicFactory(unit=mine, title="Claimed by another", claimed_by=PersonFactory())
    ResearchTopicFactory(unit=theirs, title="Unclaimed B", claimed_by=None)
    # Conferences, by the unit that runs the secretariat.
    ConferenceFactory(secretariat=mine, start_date=day(10), end_date=day(11))
    ConferenceFactory(secretariat=mine, start_date=day(0), end_date=day(1))
    ConferenceFactory(secretariat=mine, start_date=day(-10), end_date=day(-9))  # over
    ConferenceFactory(secretariat=theirs, start_date=day(5), end_date=day(6))
    return {"root": root, "mine": mine, "bureau": bureau, "theirs": theirs, "group": group, **users}


# (block: (count, overdue or today figure)) for each role; a block not listed is not shown.
EXPECTED = {
    "clerk": {
        "directives_to_acknowledge": (3, 1),
        "directives_to_report": (2, 1),
        "rectification_to_act_on": (4, 2),
        "study_sessions": (3, 1),
    },
    "steering": {
        "rectification_to_verify": (1, 1),
        "study_sessions": (3, 1),
    },
    "office": {
        "directives_to_acknowledge": (4, 2),
        "directives_to_report": (3, 1),
        "rectification_to_act_on": (7, 3),
        "rectification_to_verify": (3, 1),
        "study_sessions": (4, 2),
        "topics_to_claim": (2, None),
        "topics_claimed": (0, None),
        "conferences_coming_up": (3, None),
    },
    "auditor": {
        "directives_to_acknowledge": (4, 2),
        "directives_to_report": (3, 1),
        "rectification_to_act_on": (7, 3),
        "rectification_to_verify": (4, 2),
        "study_sessions": (4, 2),
    },
    "leader": {
        "study_sessions": (3, 1),
        "topics_to_claim": (1, None),
        "topics_claimed": (1, None),
    },
    "secretariat": {
        "study_sessions": (3, 1),
        "conferences_coming_up": (2, None),
    },
    "nobody": {},
}


def _summary(work) -> dict:
    return {b.key: (b.count, b.figures[0].count if b.figures else None) for b in work.blocks}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_its_blocks_with_exact_counts(home, role):
    work = my_work(user=home[role], today=TODAY)
    assert _summary(work) == EXPECTED[role]
    assert work.keys == [k for k in ALL_BLOCKS if k in EXPECTED[role]]  # in the page's order


def test_the_page_shows_the_same_counts(home):
    response = signed_in(home["clerk"]).get(reverse("home"))
    assert response.status_code == 200
    page = response.content.decode()
    for key, (count, _figure) in EXPECTED["clerk"].items():
        block = re.search(rf'<section class="card h-100" id="{key}".*?</section>', page, re.S).group(0)
        assert f'data-count="{count}"' in block
    assert 'id="rectification_to_verify"' not in page


def test_out_of_scope_rows_are_never_counted_or_listed(home):
    work = my_work(user=home["clerk"], today=TODAY)
    units = {item.unit for block in work.blocks for item in block.items if item.unit is not None}
    assert units == {home["mine"], home["bureau"]}
    work = my_work(user=home["steering"], today=TODAY)
    assert [i.unit for i in work.block("rectification_to_verify").items] == [home["mine"]]


def test_items_are_the_first_few_with_links_to_their_pages(home):
    work = my_work(user=home["clerk"], today=TODAY)
    block = work.block("directives_to_acknowledge")
    assert [(i.due, i.overdue) for i in block.items] == [(day(-2), True), (day(1), False), (day(3), False)]
    client = signed_in(home["clerk"])
    for block in work.blocks:
        for i in block.items:
            assert client.get(i.url).status_code == 200, i.url
    sessions = work.block("study_sessions")
    assert [(i.due, i.today) for i in sessions.items] == [(day(0), True), (day(3), False), (day(7), False)]


def test_a_block_lists_no_more_than_a_few_and_says_how_many_more(home):
    for n in range(SHOWN + 2):
        delivery(home["mine"], deadline=20 + n)
    work = my_work(user=home["clerk"], today=TODAY)
    block = work.block("directives_to_acknowledge")
    assert (block.count, len(block.items), block.more) == (3 + SHOWN + 2, SHOWN, 5)
    page = signed_in(home["clerk"]).get(reverse("home")).content.decode()
    assert "and 5 more" in page


def _list_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


@pytest.mark.parametrize("role", ["clerk", "steering", "office", "auditor", "leader", "secretariat"])
def test_each_count_links_to_a_list_with_exactly_those_rows(home, role):
    client = signed_in(home[role])
    work = my_work(user=home[role], today=TODAY)
    linked = 0
    for block in work.blocks:
        if block.url is not None:
            assert _list_count(client, block.url) == block.count, (block.key, block.url)
            linked += 1
        for figure in block.figures:
            if figure.url is not None:
                assert _list_count(client, figure.url) == figure.count, (block.key, figure.url)
        if block.list_url is not None:
            assert client.get(block.list_url).status_code == 200
    # Every block but those whose list has no filter for it yet (sessions by date, topics by claim).
    unlinked = {"study_sessions", "topics_to_claim", "topics_claimed"}
    assert linked == len([k for k in EXPECTED[role] if k not in unlinked])


def test_the_links_say_the_filters_in_the_lists_own_parameters(home):
    work = my_work(user=home["office"], today=TODAY)
    today = TODAY.isoformat()
    assert (
        work.block("rectification_to_act_on").url
        == reverse("campaigns:rectificationitem_list") + "?open=true"
    )
    assert work.block("rectification_to_act_on").figures[0].url == (
        reverse("campaigns:rectificationitem_list") + f"?overdue_on={today}"
    )
    # Verified from outside the unit: below the office's own unit.
    assert work.block("rectification_to_verify").url == (
        reverse("campaigns:rectificationitem_list") + f"?below={home['root'].pk}&status=submitted"
    )
    assert work.block("directives_to_acknowledge").url == (
        reverse("conferences:directiverecipient_list") + "?acknowledged=false"
    )
    assert work.block("directives_to_report").url == (
        reverse("conferences:directiverecipient_list") + f"?acknowledged=true&overdue_on={day(8).isoformat()}"
    )
    assert work.block("conferences_coming_up").url == (
        reverse("conferences:conference_list") + f"?unit={home['root'].pk}&start_date_after={today}"
    )


def test_the_clerk_may_acknowledge_from_the_page(home):
    client = signed_in(home["clerk"])
    page = client.get(reverse("home")).content.decode()
    work = my_work(user=home["clerk"], today=TODAY)
    first = work.block("directives_to_acknowledge").items[0]
    assert f'action="{first.action_url}"' in page
    assert client.post(first.action_url).status_code == 302
    first.obj.refresh_from_db()
    assert first.obj.status == DirectiveStatus.ACKNOWLEDGED
    assert my_work(user=home["clerk"], today=TODAY).block("directives_to_acknowledge").count == 2


def test_the_auditor_sees_but_is_offered_no_write_action(home):
    response = signed_in(home["auditor"]).get(reverse("home"))
    page = response.content.decode()
    assert response.context["work"].read_only
    assert 'method="post" action="/conferences/' not in page
    assert "/acknowledge/" not in page and "/claim/" not in page and "/move/" not in page
    assert "read-only access" in page
    assert all(
        not b.acting and all(i.action_url is None for i in b.items) for b in response.context["work"].blocks
    )


def test_verification_follows_the_domain_rule(home):
    """The verify block counts exactly the submitted items ``may_transition`` lets the user verify."""
    below_only = RoleAssignmentFactory(
        role=Role.CAMPAIGN_OFFICE, unit=home["mine"], include_descendants=False
    ).user
    both = RoleAssignmentFactory(role=Role.CAMPAIGN_OFFICE, unit=home["mine"]).user
    RoleAssignmentFactory(user=both, role=Role.STEERING_MEMBER, unit=None, steering_group=home["group"])
    superuser = UserFactory(is_superuser=True)
    submitted = list(
        RectificationItem.objects.filter(status=RectificationStatus.SUBMITTED).select_related("unit")
    )
    for user in (home["office"], home["steering"], below_only, both, superuser):
        expected = {
            i.pk for i in submitted if may_transition(user=user, item=i, to=RectificationStatus.VERIFIED)
        }
        block = my_work(user=user, today=TODAY).block("rectification_to_verify")
        assert block.count == len(expected), user
        # The items shown are among those counted: all of them, when they are few.
        shown = {i.obj.pk for i in block.items}
        assert (shown <= expected, len(shown)) == (True, min(len(expected), SHOWN)), user
    # A verifier over their own unit alone verifies nothing there; the mixed one verifies the
    # bureau (below their unit) and Ministry A itself (through the steering group).
    assert my_work(user=below_only, today=TODAY).block("rectification_to_verify").count == 0
    assert my_work(user=both, today=TODAY).block("rectification_to_verify").count == 2


def test_the_dashboards_of_the_top_units_are_offered(home):
    page = signed_in(home["clerk"]).get(reverse("home")).content.decode()
    assert reverse("unit-dashboard", args=[home["mine"].pk]) in page
    page = signed_in(home["steering"]).get(reverse("home")).content.decode()
    assert reverse("unit-dashboard", args=[home["mine"].pk]) in page
    page = signed_in(home["office"]).get(reverse("home")).content.decode()
    assert reverse("unit-dashboard", args=[home["root"].pk]) in page
    assert reverse("unit-dashboard", args=[home["mine"].pk]) not in page


def test_a_user_without_a_role_is_told_so_and_shown_no_block(home):
    response = signed_in(home["nobody"]).get(reverse("home"))
    assert response.status_code == 200
    assert response.context["work"].blocks == []
    assert "No unit has been assigned to you yet" in response.content.decode()


def test_empty_blocks_say_so(db):
    unit = UnitFactory(name="Quiet")
    clerk = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=unit).user
    page = signed_in(clerk).get(reverse("home")).content.decode()
    assert "No directive is waiting to be acknowledged." in page
    assert "No rectification item is open." in page
    assert "No study session today or in the coming week." in page


# --- cost -------------------------------------------------------------------------------------


def _seed(units, n: int) -> None:
    """``n`` rows of every kind of work in each of ``units``."""
    root, mine = units
    for _ in range(n):
        delivery(mine, deadline=-1)
        delivery(mine, DirectiveStatus.IN_PROGRESS, deadline=2)
        item(mine, deadline=-1)
        item(mine, RectificationStatus.SUBMITTED, deadline=-1)
        item(root, RectificationStatus.SUBMITTED, deadline=-1)  # put to may_transition one by one
        session(mine, 1)
        ResearchTopicFactory(unit=mine, claimed_by=None)
        ConferenceFactory(secretariat=mine, start_date=day(3), end_date=day(4))


@pytest.mark.parametrize("role", [Role.CAMPAIGN_OFFICE, Role.UNIT_CLERK, Role.STEERING_MEMBER, Role.AUDITOR])
def test_the_page_costs_the_same_with_one_or_three_of_each(db, role):
    root = UnitFactory(name="Office")
    mine = fresh(UnitFactory(parent=root, name="Ministry A"))
    root = fresh(root)
    if role == Role.STEERING_MEMBER:
        group = SteeringGroupFactory(unit=root)
        SteeringAssignmentFactory(group=group, unit=mine)
        user = RoleAssignmentFactory(role=role, unit=None, steering_group=group).user
    else:
        user = RoleAssignmentFactory(role=role, unit=root if role != Role.UNIT_CLERK else mine).user
    client = signed_in(user)
    _seed((root, mine), 1)
    client.get(reverse("home"))  # warm caches (content types, sessions)
    one = page_queries(client, reverse("home"))
    _seed((root, mine), 2)
    three = page_queries(client, reverse("home"))
    assert one == three
    work = my_work(user=user, today=TODAY)
    assert any(b.count == 3 for b in work.blocks)
    print(f"{role}: {one} queries")


# --- navigation -------------------------------------------------------------------------------

NAV_LISTS = [
    "campaigns:campaign_list",
    "campaigns:studyactivity_list",
    "campaigns:researchtopic_list",
    "campaigns:steeringgroup_list",
    "campaigns:supervisionvisit_list",
    "campaigns:rectificationitem_list",
    "campaigns:outreachevent_list",
    "conferences:conference_list",
    "conferences:directive_list",
    "conferences:directiverecipient_list",
    "organization:unit_list",
    "organization:person_list",
    "intake:narrativereport_list",
    "access:auditentry_list",
]


def _nav(page: str) -> str:
    return re.search(r'<nav class="navbar.*?</nav>', page, re.S).group(0)


def test_the_navigation_links_every_list_for_a_signed_in_user(home):
    nav = _nav(signed_in(home["clerk"]).get(reverse("home")).content.decode())
    for name in NAV_LISTS:
        assert f'href="{reverse(name)}"' in nav, name
    assert nav.count('data-bs-toggle="dropdown"') == 5  # four sections and the account menu
    assert reverse("admin:index") not in nav
    assert re.search(r'href="/"\s+aria-current="page"', nav)


def test_the_navigation_marks_the_active_section(home):
    client = signed_in(home["clerk"])
    nav = _nav(client.get(reverse("campaigns:rectificationitem_list")).content.decode())
    current = re.findall(r'<a class="dropdown-item active" href="([^"]+)"\s+aria-current="page"', nav)
    assert current == [reverse("campaigns:rectificationitem_list")]
    assert re.search(
        r'id="nav-campaigns"\s+data-bs-toggle="dropdown" aria-expanded="false" aria-current="true"', nav
    )
    assert re.search(r'id="nav-conferences"\s+data-bs-toggle="dropdown" aria-expanded="false">', nav)
    # A record's page marks its list's entry (longest match: research, not campaigns).
    topic = ResearchTopicFactory(unit=home["mine"])
    nav = _nav(client.get(reverse("campaigns:researchtopic_detail", args=[topic.pk])).content.decode())
    assert re.findall(r'class="dropdown-item active" href="([^"]+)"\s+aria-current="true"', nav) == [
        reverse("campaigns:researchtopic_list")
    ]


def test_the_navigation_leaves_out_what_the_user_cannot_read(home):
    nav = _nav(signed_in(home["nobody"]).get(reverse("home")).content.decode())
    assert not any(f'href="{reverse(name)}"' in nav for name in NAV_LISTS)
    nav = _nav(Client().get(reverse("login")).content.decode())
    assert 'data-bs-toggle="dropdown"' not in nav


def test_the_navigation_costs_no_query_of_its_own_on_the_home_page(home):
    """The grants the page reads are the ones the navigation reads."""
    client = signed_in(home["clerk"])
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("home"))
    grants = [q for q in ctx.captured_queries if "access_roleassignment" in q["sql"]]
    assert len(grants) == 1


# --- in a browser, at phone width -------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_home_and_navigation_work_on_a_phone(live_server):
    unit = UnitFactory(name="Ministry with a name long enough to need wrapping on a narrow phone screen")
    user = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=unit).user
    for n in range(3):
        delivery(unit, deadline=n - 1)
        item(unit, deadline=n - 1)
        session(unit, n)
    with chromium() as browser:
        j = Journey(browser, live_server.url, language="en", width=PHONE)
        j.sign_in(user.username)
        assert j.path == reverse("home")
        assert not j.page.is_visible("#nav-campaigns")  # collapsed behind the toggler
        j.click("a.dropdown-item[href='/campaigns/rectification/']")  # opens the menu, then the dropdown
        assert j.path == reverse("campaigns:rectificationitem_list")
        j.close()


def test_many_top_units_fold_after_the_first_four(db):
    from cascade.campaigns.tests.factories import SteeringAssignmentFactory, SteeringGroupFactory

    root = UnitFactory(name="Office")
    group = SteeringGroupFactory(unit=root)
    units = [UnitFactory(parent=root, name=f"Unit {n}") for n in range(6)]
    for unit in units:
        SteeringAssignmentFactory(group=group, unit=unit)
    member = RoleAssignmentFactory(role=Role.STEERING_MEMBER, unit=None, steering_group=group).user
    page = signed_in(member).get(reverse("home")).content.decode()
    buttons, folded = page.split("<details", 1)
    links = [reverse("unit-dashboard", args=[u.pk]) for u in units]
    assert [link in buttons for link in links] == [True] * 4 + [False] * 2
    assert [link in folded for link in links[4:]] == [True, True]
    assert "2 more units" in folded
