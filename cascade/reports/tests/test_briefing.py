"""Briefings written from the records: seed 000's figures, grammar, links, formats, CLI, page and scope."""

import datetime as dt
import html as html_module
import re
from html.parser import HTMLParser
from io import BytesIO, StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.test import RequestFactory
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn

from cascade.access.choices import Role
from cascade.access.tests.factories import RoleAssignmentFactory, UserFactory
from cascade.campaigns.choices import Cohort, OutreachKind, SessionLength, StudyKind
from cascade.campaigns.models import (
    Campaign,
    CampaignScope,
    FieldVisit,
    OutreachEvent,
    RectificationItem,
    ResearchTopic,
    SteeringAssignment,
    SteeringGroup,
    StudyActivity,
    StudySession,
)
from cascade.campaigns.tests.factories import CampaignFactory
from cascade.organization.choices import UnitKind
from cascade.organization.domain import find_unit
from cascade.organization.filters import UnitFilterSet
from cascade.organization.models import Unit
from cascade.organization.tests.factories import PersonFactory, UnitFactory
from cascade.reports.briefing import build_briefing, render
from cascade.reports.briefing.language import article, count_noun, plural

CAMPAIGN = "theme-education-2023"
AS_OF = dt.date(2023, 5, 23)

SEED_FIGURES_EN = (
    "5 rounds",
    "14 half-days",
    "5 roving steering groups",
    "36 affiliated units",
    "265 party committees of embassies and consulates abroad",
    "10 research topics",
    "3 batches",
    "7-day",
    "28 research topics",
    "42 special seminars",
)
SEED_FIGURES_ZH = (
    "5轮读书班",
    "14个半天",
    "5个巡回指导组",
    "36家直属单位",
    "265个驻外使领馆党委",
    "10个调研课题",
    "3期",
    "7天",
    "28个调研课题",
    "42场专题研讨",
)


def _briefing(unit="OCFAC", lang="en", user=None):
    return build_briefing(
        unit=find_unit(unit), campaign=Campaign.objects.get(slug=CAMPAIGN), lang=lang, user=user, as_of=AS_OF
    )


def _user_over(unit_name, role=Role.UNIT_CLERK):
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=role, unit=find_unit(unit_name), include_descendants=True)
    return user


def _figure(briefing, text):
    return next(f for f in briefing.figures if f.text == text)


def _filtered_count(filterset_class, url):
    query = QueryDict(urlsplit(url).query)
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True)
    model = filterset_class._meta.model
    return filterset_class(query, queryset=model.objects.all(), request=request).qs.count()


# --- seed 000's figures ------------------------------------------------------------------


@pytest.mark.django_db
def test_english_briefing_whole_tree_states_every_seed_figure(scenario):
    text = _briefing().text
    assert {phrase: phrase in text for phrase in SEED_FIGURES_EN} == dict.fromkeys(SEED_FIGURES_EN, True)


@pytest.mark.django_db
def test_chinese_briefing_whole_tree_states_every_seed_figure_with_measure_words(scenario):
    text = _briefing(lang="zh").text
    assert {phrase: phrase in text for phrase in SEED_FIGURES_ZH} == dict.fromkeys(SEED_FIGURES_ZH, True)


@pytest.mark.django_db
def test_english_briefing_opening_names_campaign_requirements_and_goals(scenario):
    opening = _briefing().paragraphs[0].text
    assert opening.startswith("Since the launch of the thematic education on Xi Jinping Thought")
    assert (
        "“learning ideas, strengthening party spirit, emphasizing practice, making new achievements”"
        in opening
    )
    assert "learning to build the soul" in opening and "learning to promote performance" in opening


@pytest.mark.django_db
def test_english_briefing_one_paragraph_per_body_in_tree_order(scenario):
    headings = [p.heading for p in _briefing().paragraphs[1:]]
    assert headings == [
        "Office of the Central Foreign Affairs Commission",
        "Ministry of Foreign Affairs",
        "International Liaison Department of the CPC Central Committee",
        "China International Development Cooperation Agency",
        "Chinese People's Association for Friendship with Foreign Countries",
        "Chinese People's Institute of Foreign Affairs",
    ]


@pytest.mark.django_db
def test_english_briefing_mfa_paragraph_reads_as_seed(scenario):
    mfa = next(p.text for p in _briefing().paragraphs if p.heading == "Ministry of Foreign Affairs")
    assert (
        "sent 5 roving steering groups to supervise and guide 36 affiliated units and "
        "265 party committees of embassies and consulates abroad" in mfa
    )
    assert "“four nos and two straights”" in mfa
    assert "with 14 half-days of concentrated reading" in mfa


@pytest.mark.django_db
def test_english_briefing_idcpc_batches_sentence(scenario):
    text = _briefing().text
    assert "held a 7-day reading class for bureau-level cadres in 3 batches" in text
    assert "“deep, realistic, detailed, accurate and effective”" in text


# --- links -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_supervised_unit_figures_link_to_units_of_that_kind(scenario):
    briefing = _briefing()
    counts = [
        _filtered_count(UnitFilterSet, _figure(briefing, text).url)
        for text in ("36 affiliated units", "265 party committees of embassies and consulates abroad")
    ]
    assert counts == [36, 265]


@pytest.mark.django_db
def test_figure_link_carries_own_unit_kind_cohort_and_campaign(scenario):
    briefing = _briefing()
    url = _figure(briefing, "5 rounds").url
    assert urlsplit(url).path == "/campaigns/study/"
    assert parse_qs(urlsplit(url).query) == {
        "own_unit": [str(find_unit("OCFAC").pk)],
        "campaign": [CAMPAIGN],
        "kind": ["reading_class"],
        "cohort": ["round"],
    }


class _TableCells(HTMLParser):
    """The cells of the figures table's last column, each as (text, whether it holds a link)."""

    def __init__(self):
        super().__init__()
        self.in_table = self.in_cell = self.linked = False
        self.column = 0
        self.cells: list[tuple[str, bool]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.in_table = True
        elif self.in_table and tag == "tr":
            self.column = 0
        elif self.in_table and tag == "td":
            self.column += 1
            self.in_cell, self.linked, self.text = True, False, ""
        elif self.in_cell and tag == "a":
            self.linked = True

    def handle_endtag(self, tag):
        if tag == "td" and self.in_cell:
            self.in_cell = False
            if self.column == 3:
                self.cells.append((self.text.strip(), self.linked))
        elif tag == "table":
            self.in_table = False

    def handle_data(self, data):
        if self.in_cell:
            self.text += data


@pytest.mark.django_db
def test_html_figures_table_every_number_is_a_link(scenario):
    parser = _TableCells()
    parser.feed(render(_briefing(), "html"))
    assert len(parser.cells) > 20
    assert [cell for cell in parser.cells if not (cell[0].isdigit() and cell[1])] == []


@pytest.mark.django_db
def test_html_every_digit_in_text_is_inside_a_link(scenario):
    html = render(_briefing(), "html")
    outside_links = re.sub(r"<a [^>]*>.*?</a>", "", html)
    text_only = html_module.unescape(re.sub(r"<[^>]+>", "", outside_links))
    text_only = re.sub(r"\d{1,2} [A-Z][a-z]+ 20\d\d", "", text_only)  # dates are not figures
    assert re.findall(r"\d+", text_only) == []


@pytest.mark.django_db
def test_markdown_figures_are_links(scenario):
    markdown = render(_briefing(), "md")
    assert markdown.startswith("# Thematic education")
    assert f"[42 special seminars](/campaigns/study/?unit={find_unit('IDCPC').pk}" in markdown


# --- Word --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_docx_opens_with_title_paragraphs_table_and_hyperlinks(scenario):
    briefing = _briefing(lang="zh")
    document = Document(BytesIO(render(briefing, "docx", base_url="https://cascade.example")))
    text = "\n".join(p.text for p in document.paragraphs)
    hyperlinks = [r for r in document.part.rels.values() if r.reltype == RELATIONSHIP_TYPE.HYPERLINK]
    link_elements = document.element.body.findall(".//" + qn("w:hyperlink"))
    assert document.paragraphs[0].text == briefing.title
    assert {phrase: phrase in text for phrase in SEED_FIGURES_ZH} == dict.fromkeys(SEED_FIGURES_ZH, True)
    assert len(document.tables) == 1
    assert [c.text for c in document.tables[0].rows[0].cells] == ["单位", "项目", "数量"]
    assert len(link_elements) == len(briefing.figures)
    assert all(r.target_ref.startswith("https://cascade.example/") for r in hyperlinks)


# --- grammar -----------------------------------------------------------------------------


def test_count_noun_singular_and_plural():
    assert [
        count_noun(1, "round"),
        count_noun(5, "round"),
        count_noun(3, "batch"),
        count_noun(2, "body"),
    ] == [
        "1 round",
        "5 rounds",
        "3 batches",
        "2 bodies",
    ]


def test_plural_changes_the_head_noun():
    assert plural("reception of foreign visitors") == "receptions of foreign visitors"


def test_article_reads_numbers_aloud():
    assert [article("7-day"), article("8-day"), article("11-day"), article("18-day"), article("unit")] == [
        "a",
        "an",
        "an",
        "an",
        "an",
    ]


@pytest.fixture
def one_of_each(db):
    """A small tree with exactly one record of several kinds."""
    office = UnitFactory(name="Small Office", name_zh="小办公室", short_name="SO")
    office = Unit.objects.get(pk=office.pk)
    ministry = UnitFactory(parent=office, name="Small Ministry", name_zh="小部", short_name="SM")
    ministry = Unit.objects.get(pk=ministry.pk)
    affiliated = UnitFactory(parent=ministry, name="Small Affiliate", kind=UnitKind.AFFILIATED_UNIT)
    campaign = CampaignFactory(office=office, start_date=dt.date(2023, 4, 1), end_date=dt.date(2023, 8, 31))
    CampaignScope.objects.create(campaign=campaign, unit=office)
    leader = PersonFactory()
    common = {"campaign": campaign, "unit": ministry}
    round_ = StudyActivity.objects.create(
        **common,
        kind=StudyKind.READING_CLASS,
        title="Reading class",
        cohort=Cohort.ROUND,
        cohort_number=1,
        audience="all staff",
        start_date=dt.date(2023, 4, 10),
    )
    StudySession.objects.create(
        activity=round_, date=dt.date(2023, 4, 10), length=SessionLength.HALF_DAY, hours=3
    )
    batch = StudyActivity.objects.create(
        **common,
        kind=StudyKind.READING_CLASS,
        title="Batch class",
        cohort=Cohort.BATCH,
        cohort_number=1,
        audience="bureau-level cadres",
        start_date=dt.date(2023, 4, 11),
    )
    StudySession.objects.create(activity=batch, date=dt.date(2023, 4, 11), length=SessionLength.DAY, hours=7)
    topic = ResearchTopic.objects.create(
        **common, title="One topic", claimed_by=leader, started_on=dt.date(2023, 4, 12)
    )
    StudyActivity.objects.create(
        **common,
        kind=StudyKind.SEMINAR,
        title="Seminar",
        research_topic=topic,
        start_date=dt.date(2023, 4, 13),
    )
    StudyActivity.objects.create(
        **common,
        kind=StudyKind.LECTURE,
        title="Special counselling report meeting",
        start_date=dt.date(2023, 4, 14),
    )
    group = SteeringGroup.objects.create(**common, number=1, name="Group 1", roving=True)
    SteeringAssignment.objects.create(group=group, unit=affiliated)
    OutreachEvent.objects.create(
        **common, kind=OutreachKind.FORUM, title="Forum", start_date=dt.date(2023, 4, 15)
    )
    FieldVisit.objects.create(
        **common, visited="A port", date=dt.date(2023, 4, 16), unannounced=True, led_by=leader
    )
    RectificationItem.objects.create(
        **common,
        problem="A problem",
        source="inspection",
        opened_on=dt.date(2023, 4, 17),
        deadline=dt.date(2023, 5, 1),
    )
    return {"office": office, "campaign": campaign}


def _small(one_of_each, lang):
    return build_briefing(
        unit=one_of_each["office"], campaign=one_of_each["campaign"], lang=lang, as_of=AS_OF
    )


def test_english_briefing_exactly_one_of_each_kind_is_singular(one_of_each):
    text = _small(one_of_each, "en").text
    plurals = re.findall(
        r"\b1 (?:rounds|batches|half-days|days|roving steering groups|steering groups|affiliated units|"
        r"research topics|special seminars|seminars|outreach events|forums|field visits|rectification items|"
        r"sessions|units|counselling report meetings|special counselling report meetings|leading cadres)\b",
        text,
    )
    assert plurals == []
    expected = (
        "1 round of the reading class",
        "held a 1-day reading class for bureau-level cadres in 1 batch",
        "1 roving steering group to supervise and guide 1 affiliated unit",
        "Focusing on 1 research topic",
        "1 special seminar",
        "1 field visit",
        "1 forum",
        "is putting right 1 rectification item, which is past its deadline",
    )
    assert {e: e in text for e in expected} == dict.fromkeys(expected, True)


def test_chinese_briefing_exactly_one_of_each_kind_uses_measure_words(one_of_each):
    text = _small(one_of_each, "zh").text
    expected = (
        "1轮读书班",
        "分1期",
        "为期1天",
        "1个巡回指导组",
        "1家直属单位",
        "1个调研课题",
        "1场专题研讨",
        "1场论坛",
    )
    assert {e: e in text for e in expected} == dict.fromkeys(expected, True)


# --- CLI ---------------------------------------------------------------------------------


def _cli(*args, **kwargs):
    out = StringIO()
    call_command(
        "briefing",
        "--unit",
        "OCFAC",
        "--campaign",
        CAMPAIGN,
        "--as-of",
        "2023-05-23",
        *args,
        stdout=out,
        stderr=StringIO(),
        **kwargs,
    )
    return out.getvalue()


@pytest.mark.django_db
def test_cli_markdown_to_stdout_links_figures(scenario):
    out = _cli("--format", "md", "--lang", "en")
    assert "[5 rounds](/campaigns/study/" in out
    assert "[265 party committees of embassies and consulates abroad](/organization/units/" in out


@pytest.mark.django_db
def test_cli_html_to_file_with_base_url(scenario, tmp_path):
    path = tmp_path / "briefing.html"
    _cli("--format", "html", "--lang", "zh", "--output", str(path), "--base-url", "https://cascade.example")
    html = path.read_text(encoding="utf-8")
    assert html.startswith('<article class="briefing" lang="zh-Hans">')
    assert ">5轮读书班</a>" in html
    assert 'href="https://cascade.example/campaigns/study/?' in html


@pytest.mark.django_db
def test_cli_docx_to_file_opens_in_python_docx(scenario, tmp_path):
    path = tmp_path / "briefing.docx"
    _cli("--format", "docx", "--output", str(path))
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert {phrase: phrase in text for phrase in SEED_FIGURES_EN} == dict.fromkeys(SEED_FIGURES_EN, True)


@pytest.mark.django_db
def test_cli_docx_without_output_to_text_stream_is_clear_error(scenario):
    with pytest.raises(CommandError, match="give --output"):
        _cli("--format", "docx")


@pytest.mark.django_db
def test_cli_period_limits_the_records(scenario):
    out = _cli("--format", "md", "--from", "2023-04-01", "--to", "2023-04-16")
    # OCFAC's rounds start on 10 April and each Monday after: only the first round falls in the period.
    assert "held [1 round](" in out
    assert ") of the reading class for all staff" in out
    assert "start_date_before=2023-04-16" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--unit", "Ministry of Magic"), "No unit is called"),
        (("--unit", "OCFAC", "--campaign", "nope"), "No campaign has the slug"),
        (("--unit", "OCFAC", "--from", "2023-13-01"), "is not a date"),
        (("--unit", "OCFAC", "--from", "2023-05-01", "--to", "2023-04-01"), "cannot be before"),
    ],
)
def test_cli_bad_input_is_clear_error(scenario, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("briefing", *args, stdout=StringIO())


# --- page and scope ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls("cascade.reports.tests.briefing_urls")
def test_view_out_of_scope_user_gets_404(scenario, client):
    client.force_login(_user_over("IDCPC"))
    response = client.get(f"/units/{find_unit('MFA').pk}/briefing/", {"campaign": CAMPAIGN})
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.urls("cascade.reports.tests.briefing_urls")
def test_view_anonymous_redirects_to_login(scenario, client):
    response = client.get(f"/units/{find_unit('MFA').pk}/briefing/")
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.urls("cascade.reports.tests.briefing_urls")
def test_view_in_scope_user_sees_page_with_figures(scenario, client):
    client.force_login(_user_over("IDCPC"))
    response = client.get(f"/units/{find_unit('IDCPC').pk}/briefing/", {"campaign": CAMPAIGN, "lang": "en"})
    body = response.content.decode()
    assert response.status_code == 200
    assert ">28 research topics</a>" in body
    assert ">3 batches</a>" in body
    assert "<script>" not in body.split('<article class="briefing"')[1]


@pytest.mark.django_db
@pytest.mark.urls("cascade.reports.tests.briefing_urls")
@pytest.mark.parametrize(
    ("fmt", "content_type", "suffix"),
    [
        ("md", "text/markdown; charset=utf-8", ".md"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    ],
)
def test_view_downloads_markdown_and_word(scenario, client, fmt, content_type, suffix):
    client.force_login(_user_over("MFA"))
    response = client.get(f"/units/{find_unit('MFA').pk}/briefing/", {"campaign": CAMPAIGN, "format": fmt})
    assert (response.status_code, response["Content-Type"]) == (200, content_type)
    name = f"briefing-mfa-en{suffix}"
    assert response["Content-Disposition"] == f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"


@pytest.mark.django_db
@pytest.mark.urls("cascade.reports.tests.briefing_urls")
@pytest.mark.parametrize("query", [{"format": "pdf"}, {"lang": "fr"}, {"from": "yesterday"}])
def test_view_bad_parameters_answer_400(scenario, client, query):
    client.force_login(_user_over("MFA"))
    response = client.get(f"/units/{find_unit('MFA').pk}/briefing/", query)
    assert response.status_code == 400


@pytest.mark.django_db
def test_user_briefing_does_not_mention_sibling_records(scenario):
    text = _briefing("OCFAC", user=_user_over("MFA")).text
    assert "10 research topics" in text
    assert "International Liaison Department" not in text
    assert "42 special seminars" not in text
    assert "Chinese People's Institute" not in text
    assert "Taken together, the records show 2 study activities, 10 research topics" in text


@pytest.mark.django_db
def test_user_briefing_restricted_matches_unrestricted_for_visible_subtree(scenario):
    user = _user_over("IDCPC")
    assert _briefing("IDCPC", user=user).text == _briefing("IDCPC").text


@pytest.mark.django_db
def test_briefing_many_minor_bodies_share_one_paragraph(scenario):
    briefing = build_briefing(unit=find_unit("MFA"), lang="en", as_of=AS_OF)
    assert [p.heading for p in briefing.paragraphs] == ["", "Ministry of Foreign Affairs", ""]
    assert briefing.paragraphs[-1].text.startswith(
        "Across the other units, the records show 36 directives received (30 acknowledged and 12 done)"
    )


@pytest.mark.django_db
def test_user_of_one_embassy_briefing_tells_only_its_own_records(scenario):
    from cascade.intake.scenarios.foreign_affairs_2023 import DEMO_EMBASSY

    briefing = _briefing(DEMO_EMBASSY, user=_user_over(DEMO_EMBASSY))
    assert briefing.paragraphs[1].text == (
        "The Party Committee of the Embassy in France received 1 supervision visit from a steering group. "
        "It is putting right 1 rectification item."
    )
    assert "units under it" not in briefing.paragraphs[0].text
