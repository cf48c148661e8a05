"""Every figure of a briefing links to exactly the records it counts (issue 5: "links back to the records").

The test follows every link of every briefing of the scenario (the whole tree and each top
body, English and Chinese, for the campaign, for all records and for one month) through the
site's own pages, as a reader would. A figure that counts records must find that many rows
on its page; a figure summed or counted over records (half-days, the length of each batch,
counterpart parties and countries) must find exactly the records it
was worked out from: each contributes, and together they give the figure.
"""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.urls import resolve

from cascade.access.tests.factories import UserFactory
from cascade.campaigns.models import Campaign, StudySession
from cascade.organization.domain import find_unit
from cascade.reports.briefing import build_briefing
from cascade.reports.domain import Period

CAMPAIGN = "theme-education-2023"
AS_OF = dt.date(2023, 5, 23)
APRIL = Period(dt.date(2023, 4, 1), dt.date(2023, 4, 30))
BODIES = ("OCFAC", "MFA", "IDCPC", "CIDCA", "CPAFFC", "CPIFA")
BRIEFINGS = [
    *(
        (unit, lang, campaign, None)
        for unit in BODIES
        for lang in ("en", "zh")
        for campaign in (CAMPAIGN, None)
    ),
    ("OCFAC", "en", CAMPAIGN, APRIL),
    ("OCFAC", "zh", None, APRIL),
]
SESSION_LENGTH = {"half_days": "half_day", "days": "day", "days_each": "day"}


# The rows each page listed, by address: the briefings in English and in Chinese of one scope
# link to the same pages, and the scenario does not change while the module's tests run.
_LISTED: dict[str, list] = {}


def _rows(client, url: str) -> list:
    """The records the page at ``url`` lists (a record's own page: that record), for a superuser."""
    if url not in _LISTED:
        _LISTED[url] = _page_rows(client, url)
    return _LISTED[url]


def _page_rows(client, url: str) -> list:
    response = client.get(url)
    assert response.status_code == 200, url
    if "page" in response.context:
        filterset = response.context["filterset"]
        assert filterset is None or not filterset.errors, (url, filterset.errors)
        return list(response.context["page"].paginator.object_list)
    return [response.context["object"]]


def _sessions(rows, length: str, period: Period | None):
    sessions = StudySession.objects.filter(activity__in=rows, length=length)
    return sessions.filter(period.q("date")) if period is not None else sessions


def _what_the_rows_give(figure, rows, period: Period | None):
    """What ``rows`` give for ``figure``, and whether every row is one the figure was worked out from."""
    aggregate = figure.aggregate
    if not aggregate:
        return len(rows), True
    if aggregate in ("half_days", "days"):
        per_row = [_sessions([r], SESSION_LENGTH[aggregate], period).count() for r in rows]
        return sum(per_row), all(per_row)
    if aggregate == "days_each":
        per_row = {_sessions([r], "day", period).count() for r in rows}
        return (per_row.pop() if len(per_row) == 1 else sorted(per_row)), True
    if aggregate == "parties":
        parties = [{o.pk for o in r.organisations.all() if o.kind == "party"} for r in rows]
        return len(set().union(*parties)), all(parties)
    if aggregate == "countries":
        countries = [set(r.countries.values_list("pk", flat=True)) for r in rows]
        return len(set().union(*countries)), all(countries)
    raise AssertionError(f"unknown aggregate {aggregate}")


@pytest.mark.django_db
@pytest.mark.parametrize(("unit", "lang", "campaign", "period"), BRIEFINGS)
def test_every_figure_link_lists_exactly_the_records_it_counts(
    scenario, client, unit, lang, campaign, period
):
    client.force_login(UserFactory(is_superuser=True))
    briefing = build_briefing(
        unit=find_unit(unit),
        campaign=Campaign.objects.get(slug=campaign) if campaign else None,
        period=period,
        lang=lang,
        as_of=AS_OF,
    )
    wrong = []
    for figure in briefing.figures:
        value, all_counted = _what_the_rows_give(figure, _rows(client, figure.url), period)
        if (value, all_counted) != (figure.value, True):
            wrong.append((figure.text, figure.value, value, all_counted, figure.url))
    assert (wrong, len(briefing.figures) > 5) == ([], True)


@pytest.mark.django_db
def test_figure_links_resolve_to_list_or_record_pages(scenario):
    names = set()
    for unit in BODIES:
        for figure in build_briefing(unit=find_unit(unit), lang="en", as_of=AS_OF).figures:
            names.add(resolve(urlsplit(figure.url).path).url_name)
    assert {n for n in names if not n.endswith(("_list", "_detail"))} == set()
