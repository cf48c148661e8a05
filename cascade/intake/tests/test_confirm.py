"""Confirming a report's figures and reconciling them with the records (issue 5 §2)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.campaigns.models import ResearchTopic, StudyActivity
from cascade.campaigns.tests.factories import CampaignFactory, ResearchTopicFactory, StudyActivityFactory
from cascade.core import records
from cascade.intake import domain
from cascade.intake.choices import FactStatus
from cascade.intake.models import ExtractedFact
from cascade.intake.tests.factories import ExtractedFactFactory, NarrativeReportFactory
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory

SEED_000 = domain.__file__.replace("domain.py", "tests/data/extract/en_seed_000.txt")
OCFAC = "Office of the Central Foreign Affairs Commission"
MFA = "Ministry of Foreign Affairs"
IDCPC = "International Liaison Department of the CPC Central Committee"
PERIOD_END = datetime.date(2023, 12, 31)


def _unit(unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Foreign affairs front", short_name="FAF")
    ocfac = UnitFactory(parent=_unit(root), name=OCFAC, short_name="OCFAC")
    mfa = UnitFactory(parent=_unit(root), name=MFA, short_name="MFA")
    idcpc = UnitFactory(parent=_unit(root), name=IDCPC, short_name="IDCPC")
    other = UnitFactory(name="Other front", short_name="OF")
    return {
        "root": _unit(root),
        "ocfac": _unit(ocfac),
        "mfa": _unit(mfa),
        "idcpc": _unit(idcpc),
        "other": _unit(other),
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clerk(tree):
    return RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["root"]).user


@pytest.fixture
def clerk_client(clerk):
    return _client(clerk)


@pytest.fixture
def outsider_client(tree):
    return _client(RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["other"]).user)


@pytest.fixture
def auditor_client(tree):
    return _client(RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["root"]).user)


@pytest.fixture
def campaign(db):
    return CampaignFactory(slug="theme-education")


def _report(tree, campaign=None, **kwargs):
    kwargs.setdefault("text", "The Ministry of Foreign Affairs held 5 rounds of reading classes.")
    return NarrativeReportFactory(unit=tree["root"], campaign=campaign, title="Front report", **kwargs)


def _fact(report, unit, kind, measure, value, *, qualifier="", status=FactStatus.ACCEPTED, text=None):
    return ExtractedFactFactory(
        report=report,
        unit=unit,
        kind=kind,
        measure=measure,
        value=value,
        qualifier=qualifier,
        status=status,
        text=text or f"{value} {measure}",
        start=0,
        end=1,
    )


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- reading the figures --------------------------------------------------------------------


def test_extract_seed_000_stores_facts_with_spans(clerk_client, tree):
    with open(SEED_000, encoding="utf-8") as handle:
        report = _report(tree, text=handle.read())
    response = clerk_client.post(reverse("intake:narrativereport_extract", args=[report.pk]))
    assert response.status_code == 302
    facts = list(ExtractedFact.objects.filter(report=report).select_related("unit"))
    assert [(f.unit.name, f.kind, f.measure, f.value, f.qualifier) for f in facts[:4]] == [
        (OCFAC, "reading_class", "rounds", Decimal("5"), ""),
        (MFA, "reading_class", "half_days", Decimal("14"), ""),
        (MFA, "steering_group", "records", Decimal("5"), ""),
        (MFA, "steering_group", "units_supervised", Decimal("36"), ""),
    ]
    assert [(f.start, f.end, f.text) for f in facts[:2]] == [
        (1713, 1740, "5 rounds of reading classes"),
        (3058, 3070, "14 half-days"),
    ]
    assert [report.text[f.start : f.end] for f in facts] == [f.text for f in facts]
    assert AuditEntry.objects.filter(action="narrative_report.extracted").count() == 1


def test_detail_marks_each_fact_numbered_and_linked(clerk_client, tree):
    report = _report(tree)
    ExtractedFact.objects.all().delete()
    clerk_client.post(reverse("intake:narrativereport_extract", args=[report.pk]))
    fact = ExtractedFact.objects.get(report=report)
    html = clerk_client.get(reverse("intake:narrativereport_detail", args=[report.pk])).content.decode()
    mark = (
        f'<a class="intake-mark-link" href="#fact-{fact.pk}" id="mark-{fact.pk}">'
        '<mark class="intake-mark intake-mark-pending">5 rounds of reading classes'
        '<sup class="intake-mark-number">1</sup></mark></a>'
    )
    assert html.count(mark) == 1
    assert html.count(f'<tr id="fact-{fact.pk}"') == 1


def test_detail_escapes_html_in_report_text(clerk_client, tree):
    text = "<script>alert(1)</script> held <b>5 rounds</b> of reading classes."
    report = _report(tree, text=text)
    start = text.index("<b>")
    _fact(
        report, tree["mfa"], "reading_class", "rounds", 5, status=FactStatus.PENDING, text="<b>5 rounds</b>"
    )
    ExtractedFact.objects.filter(report=report).update(start=start, end=start + len("<b>5 rounds</b>"))
    html = clerk_client.get(reverse("intake:narrativereport_detail", args=[report.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt; held ") == 1
    assert html.count('intake-mark-pending">&lt;b&gt;5 rounds&lt;/b&gt;<sup') == 1


def test_extract_reports_how_many_figures_were_read(clerk_client, tree):
    report = _report(tree)
    response = clerk_client.post(reverse("intake:narrativereport_extract", args=[report.pk]))
    assert _messages(response) == ["1 figure was read from the report."]
    report.refresh_from_db()
    assert report.status == "extracted"


def test_detail_for_reader_shows_facts_without_buttons(auditor_client, tree):
    report = _report(tree)
    _fact(report, tree["mfa"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    html = auditor_client.get(reverse("intake:narrativereport_detail", args=[report.pk])).content.decode()
    assert html.count('<tr id="fact-') == 1
    assert html.count('name="decision"') == 0
    assert html.count("Read the figures") == 0


def test_detail_for_writer_offers_to_read_the_figures(clerk_client, tree):
    report = _report(tree)
    html = clerk_client.get(reverse("intake:narrativereport_detail", args=[report.pk])).content.decode()
    assert html.count(">Read the figures</button>") == 1
    assert html.count("The figures have not been read from the report yet.") == 1


def test_extract_without_write_permission_is_forbidden(auditor_client, tree):
    report = _report(tree)
    response = auditor_client.post(reverse("intake:narrativereport_extract", args=[report.pk]))
    assert response.status_code == 403
    assert ExtractedFact.objects.count() == 0


# --- deciding -------------------------------------------------------------------------------


def _decide_url(fact) -> str:
    return reverse("intake:extractedfact_decide", args=[fact.pk])


def test_decide_accept_with_corrections_saves_and_audits(clerk_client, tree):
    fact = _fact(_report(tree), tree["ocfac"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    data = {"decision": "accept", f"fact-{fact.pk}-unit": "MFA", f"fact-{fact.pk}-value": "6"}
    response = clerk_client.post(_decide_url(fact), data)
    assert response.status_code == 302
    fact.refresh_from_db()
    assert (fact.status, fact.unit, fact.value) == (FactStatus.ACCEPTED, tree["mfa"], Decimal("6"))
    entry = AuditEntry.objects.get(action="extracted_fact.accepted")
    assert (entry.before["value"], entry.after["value"]) == ("5.00", "6")


def test_decide_reject_saves_and_audits(clerk_client, tree):
    fact = _fact(_report(tree), tree["mfa"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    response = clerk_client.post(_decide_url(fact), {"decision": "reject"})
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.status == FactStatus.REJECTED
    assert AuditEntry.objects.filter(action="extracted_fact.rejected").count() == 1


@pytest.mark.parametrize(
    ("unit", "value", "message"),
    [
        ("Nowhere", "6", "Figure not saved: No unit you can see is called “Nowhere”."),
        ("OF", "6", "Figure not saved: No unit you can see is called “OF”."),
        ("MFA", "-3", "Figure not saved: Ensure this value is greater than or equal to 0."),
        ("MFA", "many", "Figure not saved: Enter a number, such as 12 or 3.5."),
    ],
)
def test_decide_bad_input_changes_nothing(clerk_client, tree, unit, value, message):
    fact = _fact(_report(tree), tree["ocfac"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    data = {"decision": "accept", f"fact-{fact.pk}-unit": unit, f"fact-{fact.pk}-value": value}
    response = clerk_client.post(_decide_url(fact), data)
    assert response.status_code == 302
    assert _messages(response) == [message]
    fact.refresh_from_db()
    assert (fact.status, fact.unit, fact.value) == (FactStatus.PENDING, tree["ocfac"], Decimal("5"))
    assert AuditEntry.objects.filter(action__startswith="extracted_fact.").count() == 0


def test_decide_without_decision_changes_nothing(clerk_client, tree):
    fact = _fact(_report(tree), tree["ocfac"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    response = clerk_client.post(_decide_url(fact), {})
    assert _messages(response) == ["Figure not saved: Choose whether to accept or reject the figure."]
    fact.refresh_from_db()
    assert fact.status == FactStatus.PENDING


def test_decide_htmx_returns_only_the_row(clerk_client, tree):
    fact = _fact(_report(tree), tree["mfa"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    response = clerk_client.post(_decide_url(fact), {"decision": "accept"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<tr id="fact-{fact.pk}" class="table-success">')
    assert "<html" not in html
    assert _messages(response) == []


def test_decide_htmx_bad_input_returns_row_with_message(clerk_client, tree):
    fact = _fact(_report(tree), tree["mfa"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    data = {"decision": "accept", f"fact-{fact.pk}-value": "-1"}
    response = clerk_client.post(_decide_url(fact), data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.count("Figure not saved: Ensure this value is greater than or equal to 0.") == 1
    assert html.startswith(f'<tr id="fact-{fact.pk}">')
    fact.refresh_from_db()
    assert fact.status == FactStatus.PENDING


def test_decide_without_write_permission_is_forbidden(auditor_client, tree):
    fact = _fact(_report(tree), tree["mfa"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    assert auditor_client.post(_decide_url(fact), {"decision": "accept"}).status_code == 403


# --- reconciling ----------------------------------------------------------------------------


@pytest.fixture
def reconciled_report(tree, campaign):
    """Five rounds recorded and reported; ten topics reported, two recorded; a per-record figure."""
    report = _report(tree, campaign)
    for number in range(1, 6):
        StudyActivityFactory(
            unit=tree["mfa"],
            campaign=campaign,
            kind="reading_class",
            cohort="round",
            cohort_number=number,
            start_date=datetime.date(2023, 6, number),
            end_date=datetime.date(2023, 6, number),
        )
    for _number in range(2):
        ResearchTopicFactory(unit=tree["mfa"], campaign=campaign, started_on=datetime.date(2023, 6, 1))
    _fact(report, tree["mfa"], "reading_class", "rounds", 5)
    _fact(report, tree["mfa"], "research_topic", "records", 10, text="10 research topics")
    _fact(report, tree["mfa"], "reading_class", "days", 7, qualifier="each")
    _fact(report, tree["mfa"], "reading_class", "half_days", 14)
    _fact(report, tree["mfa"], "research_topic", "records", 3, status=FactStatus.REJECTED)
    return report


def _flags(report, user) -> list[tuple]:
    return [
        (r.kind, r.measure, r.reported, r.recorded, r.agrees)
        for r in domain.reconcile(report=report, user=user)
    ]


def test_reconcile_page_flags_agree_differ_and_per_record(clerk_client, reconciled_report, tree):
    response = clerk_client.get(reverse("intake:narrativereport_reconcile", args=[reconciled_report.pk]))
    assert response.status_code == 200
    rows = [(i["row"].kind, i["row"].measure, i["row"].agrees) for i in response.context["table"]]
    assert rows == [
        ("reading_class", "rounds", True),
        ("research_topic", "records", False),
        ("reading_class", "days", None),
        ("reading_class", "half_days", False),
    ]
    html = response.content.decode()
    assert html.count('<span class="badge text-bg-danger">differs</span>') == 2
    assert html.count('<tr class="table-danger">') == 2
    assert html.count('<span class="badge text-bg-secondary">per-record figure</span>') == 1
    by_hand = [(i["row"].kind, i["row"].measure) for i in response.context["by_hand"]]
    assert by_hand == [("reading_class", "days"), ("reading_class", "half_days")]


def test_reconcile_links_recorded_figure_to_filtered_list(clerk_client, reconciled_report, tree):
    response = clerk_client.get(reverse("intake:narrativereport_reconcile", args=[reconciled_report.pk]))
    url = response.context["table"][0]["url"]
    assert url == (
        f"/campaigns/study/?unit={tree['mfa'].pk}&kind=reading_class&cohort=round&campaign=theme-education"
        "&start_date_after=2023-04-01&start_date_before=2023-12-31"
    )
    assert response.content.decode().count(f'href="{url.replace("&", "&amp;")}"') == 1


def test_reconcile_without_campaign_counts_all_campaigns(clerk_client, tree):
    report = _report(tree)
    StudyActivityFactory(
        unit=tree["mfa"], kind="seminar", start_date=datetime.date(2023, 6, 1), end_date=None
    )
    _fact(report, tree["mfa"], "seminar", "records", 1)
    response = clerk_client.get(reverse("intake:narrativereport_reconcile", args=[report.pk]))
    assert [(i["row"].recorded, i["row"].agrees) for i in response.context["table"]] == [(1, True)]
    assert response.content.decode().count("(all campaigns)") == 1
    assert response.context["creatable"] is False


def test_create_missing_records_makes_difference_vanish(reconciled_report, clerk, tree, campaign):
    created = domain.create_missing_records(report=reconciled_report, user=clerk)
    assert created == 8
    topics = ResearchTopic.objects.filter(unit=tree["mfa"], campaign=campaign).exclude(started_on=None)
    assert topics.filter(started_on=PERIOD_END).count() == 8
    assert topics.filter(title="10 research topics — 3 (from report «Front report»)").count() == 1
    assert _flags(reconciled_report, clerk) == [
        ("reading_class", "rounds", Decimal("5"), 5, True),
        ("research_topic", "records", Decimal("10"), 10, True),
        ("reading_class", "days", Decimal("7"), None, None),
        ("reading_class", "half_days", Decimal("14"), 0, False),
    ]
    assert AuditEntry.objects.filter(action="researchtopic.created_from_report").count() == 8
    assert AuditEntry.objects.filter(action="narrative_report.records_created").count() == 1
    assert domain.create_missing_records(report=reconciled_report, user=clerk) == 0


def test_create_missing_records_study_rows_get_kind_and_cohort(tree, clerk, campaign):
    report = _report(tree, campaign)
    _fact(report, tree["idcpc"], "reading_class", "batches", 3, text="Three batches")
    _fact(report, tree["idcpc"], "seminar", "records", 2, text="2 seminars")
    assert domain.create_missing_records(report=report, user=clerk) == 5
    rows = StudyActivity.objects.filter(unit=tree["idcpc"]).order_by("kind", "cohort_number")
    assert [(a.kind, a.cohort, a.cohort_number, a.campaign_id) for a in rows] == [
        ("reading_class", "batch", 1, campaign.pk),
        ("reading_class", "batch", 2, campaign.pk),
        ("reading_class", "batch", 3, campaign.pk),
        ("seminar", "", None, campaign.pk),
        ("seminar", "", None, campaign.pk),
    ]
    assert [r.agrees for r in domain.reconcile(report=report, user=clerk)] == [True, True]


def test_create_missing_records_is_all_or_nothing(reconciled_report, clerk, tree, monkeypatch):
    _fact(reconciled_report, tree["mfa"], "seminar", "records", 2)
    calls = []

    def failing_log_action(action, **kwargs):
        calls.append(action)
        if len(calls) == 10:
            raise RuntimeError("audit store unavailable")

    # The rows are written through save_record, which logs each one.
    monkeypatch.setattr(records, "log_action", failing_log_action)
    monkeypatch.setattr(domain, "log_action", failing_log_action)
    with pytest.raises(RuntimeError):
        domain.create_missing_records(report=reconciled_report, user=clerk)
    assert calls[-1] == "studyactivity.created_from_report"
    assert ResearchTopic.objects.count() == 2
    assert StudyActivity.objects.filter(kind="seminar").count() == 0


def test_reconcile_post_creates_records_then_page_agrees(clerk_client, reconciled_report):
    url = reverse("intake:narrativereport_reconcile", args=[reconciled_report.pk])
    response = clerk_client.post(url)
    assert response.status_code == 302
    assert _messages(response) == ["8 records were created."]
    rows = [(i["row"].kind, i["row"].agrees) for i in clerk_client.get(url).context["table"]]
    assert rows == [
        ("reading_class", True),
        ("research_topic", True),
        ("reading_class", None),
        ("reading_class", False),
    ]


def test_reconcile_post_without_write_permission_is_forbidden(auditor_client, reconciled_report):
    url = reverse("intake:narrativereport_reconcile", args=[reconciled_report.pk])
    assert auditor_client.get(url).status_code == 200
    assert auditor_client.post(url).status_code == 403
    assert ResearchTopic.objects.count() == 2


def test_out_of_scope_user_gets_404_everywhere(outsider_client, reconciled_report):
    fact = reconciled_report.facts.first()
    pk = reconciled_report.pk
    statuses = [
        outsider_client.get(reverse("intake:narrativereport_detail", args=[pk])).status_code,
        outsider_client.post(reverse("intake:narrativereport_extract", args=[pk])).status_code,
        outsider_client.get(reverse("intake:narrativereport_reconcile", args=[pk])).status_code,
        outsider_client.post(reverse("intake:narrativereport_reconcile", args=[pk])).status_code,
        outsider_client.post(_decide_url(fact), {"decision": "reject"}).status_code,
    ]
    assert statuses == [404, 404, 404, 404, 404]
    assert ResearchTopic.objects.count() == 2


# --- the API --------------------------------------------------------------------------------


def test_api_lists_a_reports_facts(clerk_client, reconciled_report):
    response = clerk_client.get(f"/api/intake/reports/{reconciled_report.pk}/facts")
    assert (response.status_code, response.json()["count"]) == (200, 5)
    assert [(f["kind"], f["measure"], f["status"]) for f in response.json()["items"]] == [
        ("reading_class", "rounds", "accepted"),
        ("research_topic", "records", "accepted"),
        ("reading_class", "days", "accepted"),
        ("reading_class", "half_days", "accepted"),
        ("research_topic", "records", "rejected"),
    ]
    page = clerk_client.get(f"/api/intake/reports/{reconciled_report.pk}/facts", {"limit": 2, "offset": 4})
    assert [f["status"] for f in page.json()["items"]] == ["rejected"]


def test_api_extract_reads_the_figures(clerk_client, tree):
    report = _report(tree)
    response = clerk_client.post(f"/api/intake/reports/{report.pk}/extract")
    assert response.status_code == 200
    assert [
        (f["unit_id"], f["kind"], f["measure"], f["value"], f["start"], f["end"]) for f in response.json()
    ] == [(tree["mfa"].pk, "reading_class", "rounds", "5.00", 37, 64)]


def test_api_decide_accepts_with_corrections(clerk_client, tree):
    fact = _fact(_report(tree), tree["ocfac"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    body = {"accept": True, "unit": tree["mfa"].pk, "value": 4}
    response = clerk_client.post(f"/api/intake/facts/{fact.pk}/decide", body, content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["unit_id"], response.json()["value"]) == (
        "accepted",
        tree["mfa"].pk,
        "4.00",
    )
    assert AuditEntry.objects.filter(action="extracted_fact.accepted").count() == 1


@pytest.mark.parametrize(
    "body",
    [{"accept": True, "value": -1}, {"accept": True, "value": "many"}, {"accept": True, "unit": 0}],
)
def test_api_decide_bad_input_is_422_and_changes_nothing(clerk_client, tree, body):
    fact = _fact(_report(tree), tree["ocfac"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    response = clerk_client.post(f"/api/intake/facts/{fact.pk}/decide", body, content_type="application/json")
    assert response.status_code == 422
    fact.refresh_from_db()
    assert (fact.status, fact.value) == (FactStatus.PENDING, Decimal("5"))


def test_api_decide_unit_out_of_scope_is_422(clerk_client, tree):
    fact = _fact(_report(tree), tree["ocfac"], "reading_class", "rounds", 5, status=FactStatus.PENDING)
    body = {"accept": True, "unit": tree["other"].pk}
    response = clerk_client.post(f"/api/intake/facts/{fact.pk}/decide", body, content_type="application/json")
    assert response.status_code == 422
    fact.refresh_from_db()
    assert fact.unit == tree["ocfac"]


def test_api_reconcile_flags_rows(clerk_client, reconciled_report):
    response = clerk_client.get(f"/api/intake/reports/{reconciled_report.pk}/reconcile")
    assert response.status_code == 200
    assert [(r["kind"], r["measure"], r["recorded"], r["agrees"]) for r in response.json()] == [
        ("reading_class", "rounds", 5, True),
        ("research_topic", "records", 2, False),
        ("reading_class", "days", None, None),
        ("reading_class", "half_days", 0, False),
    ]


def test_api_out_of_scope_is_404(outsider_client, reconciled_report):
    fact = reconciled_report.facts.first()
    pk = reconciled_report.pk
    statuses = [
        outsider_client.get(f"/api/intake/reports/{pk}/facts").status_code,
        outsider_client.post(f"/api/intake/reports/{pk}/extract").status_code,
        outsider_client.post(
            f"/api/intake/facts/{fact.pk}/decide", {"accept": False}, content_type="application/json"
        ).status_code,
        outsider_client.get(f"/api/intake/reports/{pk}/reconcile").status_code,
    ]
    assert statuses == [404, 404, 404, 404]


def test_api_without_write_permission_is_403(auditor_client, reconciled_report):
    fact = reconciled_report.facts.first()
    pk = reconciled_report.pk
    statuses = [
        auditor_client.get(f"/api/intake/reports/{pk}/facts").status_code,
        auditor_client.post(f"/api/intake/reports/{pk}/extract").status_code,
        auditor_client.post(
            f"/api/intake/facts/{fact.pk}/decide", {"accept": False}, content_type="application/json"
        ).status_code,
    ]
    assert statuses == [200, 403, 403]
    fact.refresh_from_db()
    assert fact.status == FactStatus.ACCEPTED


def test_extraction_keeps_at_most_the_first_facts_of_a_report(tree, clerk, monkeypatch):
    text = " ".join(f"The Ministry of Foreign Affairs held {n} seminars." for n in range(1, 8))
    report = _report(tree, text=text)
    all_facts = len(domain.extract_report(report=report, user=clerk))
    monkeypatch.setattr(domain, "MAX_FACTS_PER_REPORT", 3)
    report.facts.all().delete()
    kept = domain.extract_report(report=report, user=clerk)
    assert (all_facts > 3, [f.value for f in kept]) == (True, [Decimal(1), Decimal(2), Decimal(3)])
