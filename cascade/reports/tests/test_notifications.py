"""The notifications pages and API: each user sees and marks their own only, the unread badge on
every page, a fixed number of queries, both languages, and the language emails are written in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cascade.access.choices import Role
from cascade.access.domain import create_token
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import TEST_PASSWORD, RoleAssignmentFactory, UserFactory, signed_in
from cascade.campaigns.tests.factories import RectificationItemFactory
from cascade.conferences.tests.factories import DirectiveFactory, DirectiveRecipientFactory
from cascade.core.tests.queries import page_queries
from cascade.organization.tests.factories import UnitFactory
from cascade.reports.choices import NotificationStage
from cascade.reports.models import Notification, ReaderLanguage
from cascade.reports.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications")


@pytest.fixture
def unit():
    return UnitFactory(name="Embassy", name_zh="使馆")


@pytest.fixture
def clerk(unit):
    return RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=unit, user__username="clerk").user


def about_item(recipient, unit, problem="Lax record keeping", **kwargs) -> Notification:
    item = RectificationItemFactory(
        unit=unit, problem=problem, problem_zh="记录不严", deadline=dt.date(2024, 3, 15)
    )
    return NotificationFactory(recipient=recipient, item=item, deadline=dt.date(2024, 3, 15), **kwargs)


def about_delivery(recipient, unit, **kwargs) -> Notification:
    directive = DirectiveFactory(title="Study the speech", title_zh="学习讲话")
    delivery = DirectiveRecipientFactory(directive=directive, unit=unit)
    return NotificationFactory(
        recipient=recipient, item=None, delivery=delivery, deadline=dt.date(2024, 3, 15), **kwargs
    )


def badge(html: str) -> str | None:
    """The unread count on the menu's "Notifications" link, or None when it shows none."""
    link = html.split('id="notifications-link"', 1)[1].split("</a>", 1)[0]
    if "badge" not in link:
        return None
    return link.split('<span class="badge text-bg-danger">', 1)[1].split("</span>", 1)[0]


def test_the_list_shows_the_users_own_notifications_newest_first_unread_marked(clerk, unit):
    older = about_item(clerk, unit, problem="Older item", read_at=dt.datetime(2024, 3, 16, tzinfo=dt.UTC))
    newer = about_delivery(clerk, unit, stage=NotificationStage.DUE_SOON)
    about_item(UserFactory(), unit, problem="Someone else's item")
    response = signed_in(clerk).get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(f'id="notification-{newer.pk}"') < html.index(f'id="notification-{older.pk}"')
    assert "Someone else" not in html
    assert f'href="{newer.url}"' in html and f'href="{older.url}"' in html
    assert html.count(">unread</span>") == 1
    assert "Directive “Study the speech” for Embassy is due on March 15, 2024." in html
    assert "Rectification item “Older item” of Embassy was due on March 15, 2024 and is not done." in html


def test_the_list_in_chinese(clerk, unit):
    about_item(clerk, unit, stage=NotificationStage.ESCALATED)
    client = signed_in(clerk)
    client.cookies["django_language"] = "zh-hans"
    html = client.get(LIST).content.decode()
    assert "逾期上报：使馆的整改事项“记录不严”自2024年3月15日起逾期未完成。" in html
    assert '<html lang="zh-hans">' in html


def test_marking_one_read_is_for_its_recipient_only(clerk, unit):
    mine = about_item(clerk, unit)
    theirs = about_item(UserFactory(), unit)
    client = signed_in(clerk)
    assert client.post(reverse("notification-read", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("notification-read", args=[mine.pk])).status_code == 405
    response = client.post(reverse("notification-read", args=[mine.pk]), {"page": "1"})
    assert (response.status_code, response["Location"]) == (302, f"{LIST}?page=1")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.read_at is not None, theirs.read_at) == (True, None)
    assert AuditEntry.objects.filter(action="notification.read", user=clerk).count() == 1
    # Read already: stays as it was, nothing more logged.
    client.post(reverse("notification-read", args=[mine.pk]))
    assert AuditEntry.objects.filter(action="notification.read").count() == 1


def test_marking_all_read_leaves_others_notifications_alone(clerk, unit):
    about_item(clerk, unit)
    about_delivery(clerk, unit)
    theirs = about_item(UserFactory(), unit)
    response = signed_in(clerk).post(reverse("notifications-read"), follow=True)
    assert "2 notifications marked read." in response.content.decode()
    assert Notification.objects.filter(recipient=clerk, read_at__isnull=True).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert AuditEntry.objects.get(action="notifications.read").data == {"count": 2}


def test_signed_out_visitors_are_sent_to_sign_in(clerk, unit):
    notification = about_item(clerk, unit)
    assert Client().get(LIST)["Location"].startswith(reverse("login"))
    assert Client().post(reverse("notification-read", args=[notification.pk])).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_badge_counts_unread_notifications_on_every_page(clerk, unit):
    client = signed_in(clerk)
    assert badge(client.get(reverse("home")).content.decode()) is None
    first = about_item(clerk, unit)
    about_delivery(clerk, unit)
    about_item(UserFactory(), unit)
    for url in (reverse("home"), LIST, reverse("campaigns:rectificationitem_list")):
        assert badge(client.get(url).content.decode()) == "2", url
    client.post(reverse("notification-read", args=[first.pk]))
    assert badge(client.get(reverse("home")).content.decode()) == "1"
    assert 'id="notifications-link"' not in Client().get(reverse("login")).content.decode()


def test_the_list_costs_the_same_queries_for_one_notification_or_three(clerk, unit):
    client = signed_in(clerk)
    about_item(clerk, unit)
    one = page_queries(client, LIST)
    about_item(clerk, unit)
    about_delivery(clerk, unit)
    assert page_queries(client, LIST) == one


def test_the_menu_link_and_list_fit_a_phone(clerk, unit):
    """No inline script or style (the page's Content-Security-Policy forbids them) and the
    list wraps instead of a table that would scroll at 390 px."""
    about_item(clerk, unit, problem="A problem stated at some length " * 5)
    html = signed_in(clerk).get(LIST).content.decode()
    assert ("<script>" in html, "style=" in html, "<table" in html) == (False, False, False)
    assert 'class="flex-grow-1 text-break"' in html


# --- the language emails are written in ------------------------------------------------------


def test_signing_in_keeps_the_language_of_the_sign_in_page(clerk):
    client = Client()
    client.cookies["django_language"] = "zh-hans"
    response = client.post(reverse("login"), {"username": "clerk", "password": TEST_PASSWORD})
    assert (response.status_code, ReaderLanguage.objects.get(user=clerk).language) == (302, "zh-hans")


def test_switching_language_keeps_the_choice(clerk):
    client = signed_in(clerk)
    assert ReaderLanguage.objects.get(user=clerk).language == "en"
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": LIST})
    assert (response.status_code, response["Location"]) == (302, LIST)
    assert ReaderLanguage.objects.get(user=clerk).language == "zh-hans"
    assert '<html lang="zh-hans">' in client.get(LIST).content.decode()


def test_visitors_and_token_requests_keep_no_language(clerk):
    raw = create_token(user=clerk, name="script")[1]
    Client().get(reverse("api:list_notifications"), headers={"Authorization": f"Bearer {raw}"})
    Client().post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert ReaderLanguage.objects.count() == 0


# --- API --------------------------------------------------------------------------------------


def test_api_lists_the_callers_notifications_in_their_language(clerk, unit):
    read = about_item(clerk, unit, read_at=dt.datetime(2024, 3, 16, tzinfo=dt.UTC))
    unread = about_delivery(clerk, unit)
    about_item(UserFactory(), unit)
    client = signed_in(clerk)
    items = client.get(reverse("api:list_notifications")).json()["items"]
    assert [(i["id"], i["about"], i["stage"]) for i in items] == [
        (unread.pk, "directive_delivery", "overdue"),
        (read.pk, "rectification_item", "overdue"),
    ]
    assert items[0]["object_id"] == unread.delivery_id and items[0]["unit_id"] == unit.pk
    with translation.override("zh-hans"):
        only = client.get(
            reverse("api:list_notifications"), {"unread": "true"}, headers={"Accept-Language": "zh-hans"}
        )
    assert [(i["id"], i["title"]) for i in only.json()["items"]] == [
        (unread.pk, "使馆的任务通知“学习讲话”已于2024年3月15日到期，尚未完成。")
    ]
    assert client.get(reverse("api:list_notifications"), {"unread": "perhaps"}).status_code == 422


def test_api_marks_read_the_callers_own_only(clerk, unit):
    mine = about_item(clerk, unit)
    about_delivery(clerk, unit)
    theirs = about_item(UserFactory(), unit)
    client = signed_in(clerk)
    url = reverse("api:mark_notification_read", kwargs={"pk": theirs.pk})
    assert client.post(url).status_code == 404
    response = client.post(reverse("api:mark_notification_read", kwargs={"pk": mine.pk}))
    assert (response.status_code, response.json()["read_at"] is not None) == (200, True)
    assert client.post(reverse("api:mark_notifications_read")).json() == {"marked": 1}
    assert client.post(reverse("api:mark_notifications_read")).json() == {"marked": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert Client().get(reverse("api:list_notifications")).status_code == 401
