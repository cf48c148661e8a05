"""The dashboard in a real browser (Debian's Chromium driven by Playwright): charts drawn, no
script or policy errors, drill-down, and no sideways scrolling at phone width."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from cascade.access.tests.factories import UserFactory
from cascade.campaigns.choices import RectificationSource, StudyKind
from cascade.campaigns.models import CampaignScope, RectificationItem, StudyActivity
from cascade.campaigns.tests.factories import CampaignFactory
from cascade.conferences.models import Directive, DirectiveRecipient
from cascade.core.tests.browser import chromium
from cascade.organization.tests.factories import UnitFactory, fresh

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def session(db):
    """A superuser's session key (made before the browser starts: Playwright's loop forbids queries)."""
    user = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(user)
    assert client.session[SESSION_KEY] == str(user.pk)
    return client.session.session_key


@pytest.fixture
def browser(world, session):
    with chromium() as browser:
        yield browser


@pytest.fixture
def world():
    root = UnitFactory(name="Office", short_name="OF")
    a = UnitFactory(parent=fresh(root), name="Ministry A", short_name="MA")
    UnitFactory(parent=fresh(root), name="Ministry B", short_name="MB")
    root, a = fresh(root), fresh(a)
    campaign = CampaignFactory(
        office=root,
        title="A campaign whose title is long enough to overflow a phone's width if nothing wraps it",
        start_date=dt.date(2023, 4, 1),
    )
    CampaignScope.objects.create(campaign=campaign, unit=root)
    for day in (3, 10, 17):
        StudyActivity.objects.create(
            unit=a,
            campaign=campaign,
            kind=StudyKind.READING_CLASS,
            title="Class",
            start_date=dt.date(2023, 4, day),
        )
    directive = Directive.objects.create(
        title="Carry it out",
        issued_by=root,
        campaign=campaign,
        issued_on=dt.date(2023, 4, 6),
        deadline=dt.date(2023, 5, 6),
    )
    DirectiveRecipient.objects.create(directive=directive, unit=a)
    RectificationItem.objects.create(
        unit=a,
        campaign=campaign,
        problem="A problem",
        source=RectificationSource.INSPECTION,
        opened_on=dt.date(2023, 4, 5),
        deadline=dt.date(2023, 5, 5),
    )
    return {"root": root, "a": a, "campaign": campaign}


def _page(browser, live_server, session: str, width: int):
    """A page signed in as a superuser, collecting the browser's console errors."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def test_dashboard_draws_every_chart_without_errors_and_drills_down(live_server, world, session, browser):
    page, errors = _page(browser, live_server, session, 1280)
    url = (
        live_server.url
        + reverse("unit-dashboard", args=[world["root"].pk])
        + f"?campaign={world['campaign'].slug}"
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    drawn = page.eval_on_selector_all(
        ".chart", "els => els.map(e => e.querySelector('canvas, svg') !== null)"
    )
    assert drawn and all(drawn), drawn
    page.click("table >> text=MA")
    page.wait_for_load_state("networkidle")
    assert page.url.split("?")[0] == live_server.url + reverse("unit-dashboard", args=[world["a"].pk])
    assert errors == []


def test_dashboard_fits_a_phone_without_sideways_scrolling(live_server, world, session, browser):
    page, errors = _page(browser, live_server, session, 390)
    page.goto(
        live_server.url
        + reverse("unit-dashboard", args=[world["root"].pk])
        + f"?campaign={world['campaign'].slug}"
    )
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    assert errors == []
