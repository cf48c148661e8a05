"""Narrative report pages: scoped list and detail, filters, and submitting text, .txt or .docx."""

import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cascade.access.choices import Role
from cascade.access.models import AuditEntry
from cascade.access.tests.factories import RoleAssignmentFactory
from cascade.core.tests.queries import page_queries
from cascade.intake.models import NarrativeReport
from cascade.intake.tests.factories import NarrativeReportFactory
from cascade.organization.models import Unit
from cascade.organization.tests.factories import UnitFactory

NEW = reverse("intake:narrativereport_create")


@pytest.fixture
def tree(db):
    root = UnitFactory(name="Root office")
    a = UnitFactory(parent=root, name="Ministry A", short_name="MA")
    b = UnitFactory(parent=root, name="Ministry B", short_name="MB")
    a1 = UnitFactory(parent=a, name="Department A1", short_name="A1")
    return {"root": root, "a": Unit.objects.get(pk=a.pk), "b": b, "a1": a1}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clerk_client(tree):
    return _client(RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user)


def _titles(response) -> list[str]:
    return [str(row["object"]) for row in response.context["table"].rows()]


def _form(**extra) -> dict:
    data = {
        "unit": "MA",
        "title": "Report of Ministry A",
        "period_start": "2023-04-01",
        "period_end": "2023-12-31",
        "language": "en",
    }
    data.update(extra)
    return data


def _docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- list and detail -----------------------------------------------------------------------------


def test_report_list_shows_only_reports_in_scope(clerk_client, tree):
    NarrativeReportFactory(unit=tree["a1"], title="A1 report")
    NarrativeReportFactory(unit=tree["b"], title="B report")
    assert _titles(clerk_client.get(reverse("intake:narrativereport_list"))) == ["A1 report"]


def test_report_detail_out_of_scope_is_404(clerk_client, tree):
    report = NarrativeReportFactory(unit=tree["b"])
    assert clerk_client.get(reverse("intake:narrativereport_detail", args=[report.pk])).status_code == 404


def test_report_detail_in_scope_shows_text(clerk_client, tree):
    report = NarrativeReportFactory(unit=tree["a"], text="Two rounds of the reading class.")
    response = clerk_client.get(reverse("intake:narrativereport_detail", args=[report.pk]))
    assert response.status_code == 200
    assert "Two rounds of the reading class." in response.content.decode()


def test_report_list_anonymous_redirects_to_login(db):
    response = Client().get(reverse("intake:narrativereport_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_report_list_query_count_does_not_grow_with_rows(clerk_client, tree):
    url = reverse("intake:narrativereport_list")
    NarrativeReportFactory(unit=tree["a"])
    one = page_queries(clerk_client, url)
    NarrativeReportFactory(unit=tree["a1"])
    NarrativeReportFactory(unit=tree["a1"])
    assert page_queries(clerk_client, url) == one


def test_report_list_filters_by_unit_and_period(clerk_client, tree):
    NarrativeReportFactory(unit=tree["a"], title="A report", period_end=datetime.date(2023, 6, 30))
    NarrativeReportFactory(unit=tree["a1"], title="A1 report")
    url = reverse("intake:narrativereport_list")
    assert _titles(clerk_client.get(url, {"unit": "A1"})) == ["A1 report"]
    assert _titles(clerk_client.get(url, {"period_end_before": "2023-07-01"})) == ["A report"]


def test_report_list_invalid_filter_shows_message(clerk_client, tree):
    response = clerk_client.get(reverse("intake:narrativereport_list"), {"language": "fr"})
    assert response.status_code == 200
    assert list(response.context["filterset"].errors) == ["language"]
    assert "Some filters are not valid" in response.content.decode()


def test_report_list_htmx_gets_table_partial(clerk_client, tree):
    NarrativeReportFactory(unit=tree["a"], title="A report")
    response = clerk_client.get(reverse("intake:narrativereport_list"), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert "A report" in content


# --- submitting ------------------------------------------------------------------------------------


def test_upload_text_creates_report_and_audit_entry(clerk_client, tree):
    response = clerk_client.post(NEW, _form(text="We held two reading classes."))
    report = NarrativeReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("intake:narrativereport_detail", args=[report.pk])
    assert (report.unit_id, report.text, report.attachment.name) == (
        tree["a"].pk,
        "We held two reading classes.",
        "",
    )
    assert AuditEntry.objects.filter(action="narrative_report.submitted").count() == 1


def test_upload_docx_reads_text(clerk_client, tree):
    upload = SimpleUploadedFile("report.docx", _docx("First paragraph.", "Second paragraph."))
    response = clerk_client.post(NEW, _form(unit="A1", file=upload))
    assert response.status_code == 302
    report = NarrativeReport.objects.get()
    assert report.text == "First paragraph.\nSecond paragraph."
    assert report.unit_id == tree["a1"].pk
    assert report.attachment.name.endswith(".docx")


def test_upload_txt_reads_text(clerk_client, tree):
    upload = SimpleUploadedFile("report.txt", "\ufeff开展主题教育。".encode())
    clerk_client.post(NEW, _form(file=upload, language="zh"))
    assert NarrativeReport.objects.get().text == "开展主题教育。"


def test_upload_page_shows_form(clerk_client, tree):
    response = clerk_client.get(NEW)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("report.pdf", b"%PDF-1.4", "Only .txt and .docx files can be read; “report.pdf” is neither."),
        ("report.docx", b"not a zip", "“report.docx” could not be read as a Word (.docx) document."),
        (
            "report.txt",
            b"\xff\xfe\x00bad",
            "“report.txt” is not UTF-8 text; save it as UTF-8 and upload it again.",
        ),
        ("report.txt", b"   ", "“report.txt” contains no text."),
    ],
    ids=["pdf", "broken-docx", "not-utf8", "empty"],
)
def test_upload_bad_file_is_rejected_with_message(clerk_client, tree, name, content, error):
    response = clerk_client.post(NEW, _form(file=SimpleUploadedFile(name, content)))
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [error]}
    assert NarrativeReport.objects.count() == 0


def test_upload_file_over_5_mb_is_rejected(clerk_client, tree):
    big = SimpleUploadedFile("report.txt", b"a" * (5 * 1024 * 1024 + 1))
    response = clerk_client.post(NEW, _form(file=big))
    assert response.context["form"].errors == {"file": ["The file is 5.0 MB; the limit is 5 MB."]}
    assert NarrativeReport.objects.count() == 0


def test_upload_without_text_or_file_is_rejected(clerk_client, tree):
    response = clerk_client.post(NEW, _form())
    assert response.context["form"].non_field_errors() == [
        "Give the report's text or attach a .txt or .docx file."
    ]
    assert NarrativeReport.objects.count() == 0


def test_upload_with_both_text_and_file_is_rejected(clerk_client, tree):
    upload = SimpleUploadedFile("report.txt", b"file text")
    response = clerk_client.post(NEW, _form(text="typed", file=upload))
    assert response.context["form"].non_field_errors() == ["Give the report's text or a file, not both."]
    assert NarrativeReport.objects.count() == 0


def test_upload_end_before_start_is_rejected(clerk_client, tree):
    response = clerk_client.post(NEW, _form(text="x", period_end="2023-01-01"))
    assert response.context["form"].errors == {
        "period_end": ["The end date cannot be before the start date."]
    }
    assert NarrativeReport.objects.count() == 0


def test_upload_for_unit_out_of_scope_is_rejected(clerk_client, tree):
    response = clerk_client.post(NEW, _form(unit="MB", text="x"))
    assert response.status_code == 200
    assert response.context["form"].errors == {"unit": ["No unit you can see is called “MB”."]}
    assert NarrativeReport.objects.count() == 0


def test_upload_for_unit_read_but_not_writable_is_rejected(tree):
    user = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a1"]).user
    RoleAssignmentFactory(user=user, role=Role.AUDITOR, unit=tree["b"])
    response = _client(user).post(NEW, _form(unit="MB", text="x"))
    assert response.context["form"].errors == {"unit": ["You may not submit reports for “Ministry B”."]}
    assert NarrativeReport.objects.count() == 0


def test_upload_by_user_without_write_anywhere_is_403(tree):
    client = _client(RoleAssignmentFactory(role=Role.AUDITOR, unit=tree["a"]).user)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, _form(text="x")).status_code == 403
    assert NarrativeReport.objects.count() == 0


def test_upload_anonymous_redirects_to_login(db):
    response = Client().post(NEW, _form(text="x"))
    assert response.status_code == 302
    assert NarrativeReport.objects.count() == 0


def test_upload_is_all_or_nothing(tree, monkeypatch, settings, tmp_path):
    from cascade.intake import domain, forms

    settings.MEDIA_ROOT = tmp_path
    user = RoleAssignmentFactory(role=Role.UNIT_CLERK, unit=tree["a"]).user
    upload = SimpleUploadedFile("report.txt", b"Some text.")
    form = forms.NarrativeReportForm(_form(), {"file": upload}, user=user)
    assert form.is_valid()

    def fail(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(domain, "log_action", fail)
    with pytest.raises(RuntimeError):
        form.save()
    assert NarrativeReport.objects.count() == 0
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def _expanding_docx(megabytes: int) -> bytes:
    """A real Word file with one part of ``megabytes`` MB of zeros: tiny compressed, huge expanded."""
    import zipfile

    buffer = io.BytesIO(_docx("A paragraph."))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * (megabytes * 1024 * 1024))
    return buffer.getvalue()


def test_upload_docx_that_expands_too_far_is_refused_before_reading(clerk_client, tree):
    data = _expanding_docx(30)
    assert len(data) < 200_000
    response = clerk_client.post(NEW, _form(file=SimpleUploadedFile("report.docx", data)))
    assert response.context["form"].errors == {
        "file": ["The Word file expands to 30 MB; at most 25 MB can be read."]
    }
    assert NarrativeReport.objects.count() == 0


def test_upload_txt_with_nul_bytes_is_refused(clerk_client, tree):
    upload = SimpleUploadedFile("report.txt", b"two reading\x00classes")
    response = clerk_client.post(NEW, _form(file=upload))
    assert response.context["form"].errors == {
        "file": ["The text contains NUL characters, which a report cannot hold; save it as plain text."]
    }
    assert NarrativeReport.objects.count() == 0


def test_report_text_over_the_limit_is_refused_typed_or_uploaded(clerk_client, tree):
    from cascade.intake.domain import MAX_REPORT_CHARS

    long = "a" * (MAX_REPORT_CHARS + 1)
    typed = clerk_client.post(NEW, _form(text=long))
    uploaded = clerk_client.post(NEW, _form(file=SimpleUploadedFile("report.txt", long.encode())))
    message = "The text has 300,001 characters; a report holds at most 300,000."
    assert (typed.context["form"].errors, uploaded.context["form"].errors) == (
        {"text": [message]},
        {"file": [message]},
    )
    assert NarrativeReport.objects.count() == 0
