"""The auditor reads everything in their scope and can change nothing: no page offers them a
write, and every write they try anyway (each create page, each record's edit and delete, each
action) is refused with 403 while the database stays exactly as it was."""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cascade.core.tests.browser import WAYS, Journey

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CASCADE_APPS = ("organization", "campaigns", "conferences", "reports", "intake", "access")


def _create_pages(patterns=None, prefix="") -> list[str]:
    found = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver) and p.namespace not in {"admin", "api"}:
            found += _create_pages(p.url_patterns, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern) and p.name and p.name.endswith("_create"):
            found.append(reverse(f"{prefix}{p.name}"))
    return sorted(found)


def _database() -> dict[str, list[dict]]:
    return {
        m._meta.label_lower: list(m.objects.order_by("pk").values())
        for app in CASCADE_APPS
        for m in apps.get_app_config(app).get_models()
    }


def _actions(world) -> list[str]:
    """Every page that changes one of the world's records, by its URL."""
    item, topic, session, activity = world["item"], world["topic"], world["session"], world["activity"]
    delivery, conference = world["delivery"], world["conference"]
    return [
        reverse("campaigns:rectificationitem_edit", args=[item.pk]),
        reverse("campaigns:rectificationitem_delete", args=[item.pk]),
        reverse("campaigns:rectificationitem_transition", args=[item.pk]),
        reverse("campaigns:researchtopic_edit", args=[topic.pk]),
        reverse("campaigns:researchtopic_claim", args=[topic.pk]),
        reverse("campaigns:studyactivity_edit", args=[activity.pk]),
        reverse("campaigns:studyactivity_roster", args=[activity.pk]),
        reverse("campaigns:studysession_checkin", args=[session.pk]),
        reverse("campaigns:steeringgroup_edit", args=[world["group"].pk]),
        reverse("conferences:conference_edit", args=[conference.pk]),
        reverse("conferences:conference_checkin", args=[conference.pk]),
        reverse("conferences:delivery_acknowledge", args=[delivery.pk]),
        reverse("conferences:delivery_status", args=[delivery.pk]),
        reverse("conferences:delivery_progress", args=[delivery.pk]),
        reverse("conferences:delivery_cascade", args=[delivery.pk]),
        reverse("organization:unit_move", args=[world["a"].pk]),
    ]


@pytest.mark.parametrize(("language", "width"), WAYS)
def test_auditor_reads_everything_and_every_write_is_refused(live_server, browser, world, language, width):
    item = world["item"]
    j = Journey(browser, live_server.url, language=language, width=width)
    j.sign_in("auditor")

    # Reading: the home page says so; lists and records open, with nothing offered to change.
    j.go("/")
    j.click(f'a[href="{reverse("campaigns:rectificationitem_list")}"]')
    j.follow(reverse("campaigns:rectificationitem_detail", args=[item.pk]))
    j.sees(item.problem if language == "en" else item.problem_zh)
    for page in (
        reverse("campaigns:rectificationitem_detail", args=[item.pk]),
        reverse("campaigns:studyactivity_detail", args=[world["activity"].pk]),
        reverse("conferences:conference_detail", args=[world["conference"].pk]),
        reverse("conferences:directive_detail", args=[world["directive"].pk]),
        reverse("campaigns:campaign_list"),
    ):
        j.go(page)
        offered = j.page.eval_on_selector_all(
            "main a[href], main form[method=post]",
            "els => els.map(e => e.getAttribute('href') || e.getAttribute('action') || 'post')",
        )
        writes = [u for u in offered if u == "post" or any(w in u for w in ("/new/", "/edit/", "/delete/"))]
        assert writes == [], f"{page} offers {writes}"

    # Writing anyway, by hand: refused everywhere, and nothing changed.
    before = _database()
    creates, actions = _create_pages(), _actions(world)
    assert len(creates) >= 20
    refused = {url: (j.status_of(url), j.status_of(url, "post", {"unit": world["a"].pk})) for url in creates}
    refused |= {url: j.status_of(url, "post", {"to": "verified", "text": "x"}) for url in actions}
    wrong = {url: codes for url, codes in refused.items() if codes not in ((403, 403), 403)}
    assert wrong == {}
    assert _database() == before
    j.close()
