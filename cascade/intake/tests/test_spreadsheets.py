"""``intake.spreadsheets.read_table``: workbooks and CSV files read into a table, bad files refused."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile

import msoffcrypto.format.ooxml
import openpyxl
import pytest
from django.utils import translation

from cascade.intake.spreadsheets import Table, UnreadableFile, read_table

NOT_A_WORKBOOK = "This file is not an Excel workbook (.xlsx) or a CSV file."


def workbook(sheets: dict[str, list[list]]) -> bytes:
    """An .xlsx file with one sheet per entry, its rows written from the lists."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=number, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_of(name: str, size: int, *, compresslevel: int | None = None) -> bytes:
    """A deflated zip with one member of ``size`` zero bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive,
        archive.open(name, "w") as member,
    ):
        chunk = bytes(1024 * 1024)
        for start in range(0, size, len(chunk)):
            member.write(chunk[: size - start])
    return out.getvalue()


def has_name(header: list[str]) -> bool:
    return header[:2] == ["Name", "Count"]


def refusal(data: bytes, file_name: str = "upload.xlsx") -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_table(data, file_name=file_name, accept=has_name)
    return str(caught.value)


def test_read_table_xlsx_with_header_on_row_1():
    data = workbook(
        {"Data": [["Name", "Count", "Since"], [" Alpha ", 3, dt.datetime(2023, 5, 1)], ["Beta", 4.5, None]]}
    )
    assert read_table(data, file_name="data.xlsx", accept=has_name) == Table(
        sheet="Data",
        header=["Name", "Count", "Since"],
        rows=[(2, ["Alpha", 3, dt.datetime(2023, 5, 1)]), (3, ["Beta", 4.5, None])],
    )


def test_read_table_xlsx_header_after_title_row():
    data = workbook({"Sheet1": [["Figures for 2023"], [], [" Name ", "Count"], ["Alpha", 1]]})
    assert read_table(data, file_name="data.xlsx", accept=has_name) == Table(
        sheet="Sheet1", header=["Name", "Count"], rows=[(4, ["Alpha", 1])]
    )


def test_read_table_xlsx_second_sheet_when_first_not_accepted():
    data = workbook({"Notes": [["Read me first"]], "Records": [["Name", "Count"], ["Gamma", 7]]})
    assert read_table(data, file_name="data.xlsx", accept=has_name) == Table(
        sheet="Records", header=["Name", "Count"], rows=[(2, ["Gamma", 7])]
    )


def test_read_table_xlsx_empty_rows_skipped():
    data = workbook({"Data": [["Name", "Count"], ["A", 1], [], [None, "   "], ["B", 2, "beyond the header"]]})
    assert read_table(data, file_name="data.xlsx", accept=has_name).rows == [(2, ["A", 1]), (5, ["B", 2])]


def test_read_table_xlsx_short_row_padded():
    data = workbook({"Data": [["Name", "Count", "Note"], ["A"]]})
    assert read_table(data, file_name="data.xlsx", accept=has_name).rows == [(2, ["A", None, None])]


def test_read_table_xlsx_decided_by_content_not_name():
    data = workbook({"Data": [["Name", "Count"], ["A", 1]]})
    assert read_table(data, file_name="data.csv", accept=has_name).sheet == "Data"


def test_read_table_csv_utf8_with_bom():
    data = "Name,Count\r\nAlpha,3\r\n\r\nBeta , 4\r\n".encode("utf-8-sig")
    assert read_table(data, file_name="data.csv", accept=has_name) == Table(
        sheet="", header=["Name", "Count"], rows=[(2, ["Alpha", "3"]), (4, ["Beta", "4"])]
    )


def test_read_table_csv_gb18030_with_chinese_text():
    data = "Name,Count\r\n外交部,12\r\n办公厅（秘书局）,3\r\n".encode("gb18030")
    assert read_table(data, file_name="data.csv", accept=has_name) == Table(
        sheet="", header=["Name", "Count"], rows=[(2, ["外交部", "12"]), (3, ["办公厅（秘书局）", "3"])]
    )


def test_read_table_csv_semicolon_delimited():
    data = b'Name;Count;Note\n"Smith, J.";2;x\nLee;5;\n'
    assert read_table(data, file_name="data.csv", accept=has_name) == Table(
        sheet="", header=["Name", "Count", "Note"], rows=[(2, ["Smith, J.", "2", "x"]), (3, ["Lee", "5", ""])]
    )


def test_read_table_csv_tab_delimited():
    data = b"Name\tCount\nA\t1\n"
    assert read_table(data, file_name="data.tsv", accept=has_name).rows == [(2, ["A", "1"])]


def test_read_table_csv_header_not_accepted():
    assert refusal(b"Title,Other\nA,1\n", "data.csv") == "The file does not have the expected header row."


def test_read_table_empty_file_refused():
    assert refusal(b"") == "The file is empty."


def test_read_table_over_size_refused(settings):
    settings.CASCADE_IMPORT_MAX_BYTES = 1024 * 1024
    assert refusal(b"x" * (1024 * 1024 * 3 // 2)) == "The file is 1.5 MB, more than the limit of 1 MB."


def test_read_table_zip_over_expanded_limit_refused(settings):
    settings.CASCADE_IMPORT_MAX_EXPANDED_BYTES = 1024 * 1024
    data = zip_of("xl/worksheets/sheet1.xml", 2 * 1024 * 1024)
    assert refusal(data) == "This file would expand to 2 MB when unpacked, more than the limit of 1 MB."


def test_read_table_zip_bomb_at_default_limit_refused():
    data = zip_of("xl/worksheets/sheet1.xml", 210 * 1024 * 1024, compresslevel=1)
    assert refusal(data) == "This file would expand to 210 MB when unpacked, more than the limit of 200 MB."


def test_read_table_zip_member_compressed_too_tightly_refused():
    data = zip_of("xl/worksheets/sheet1.xml", 11 * 1024 * 1024)
    assert refusal(data) == (
        "This file is packed in an unusual way (a part of it expands more than 100 times when "
        "unpacked) and is refused as a precaution."
    )


def test_read_table_password_protected_xlsx_refused():
    plain = io.BytesIO(workbook({"Data": [["Name", "Count"], ["A", 1]]}))
    encrypted = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("secret", encrypted)
    assert refusal(encrypted.getvalue()) == (
        "This workbook is protected with a password. Open it in Excel, remove the password and "
        "upload it again."
    )


def test_read_table_old_xls_refused():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    assert refusal(data, "old.xls") == (
        "This is an old Excel file (.xls). Open it in Excel, save it as .xlsx and upload it again."
    )


def test_read_table_zip_not_a_workbook_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    assert refusal(out.getvalue()) == NOT_A_WORKBOOK


def test_read_table_corrupt_workbook_refused():
    data = bytearray(workbook({"Data": [["Name", "Count"], ["A", 1]]}))
    data[len(data) // 2 :] = bytes(len(data) - len(data) // 2)
    assert refusal(bytes(data)) == NOT_A_WORKBOOK


def test_read_table_random_bytes_refused():
    data = random.Random(0).randbytes(4096)
    assert refusal(data, "data.csv") == NOT_A_WORKBOOK


def test_read_table_text_with_nul_refused():
    assert refusal("Name,Count\nA,1\n".encode("utf-16-le"), "data.csv") == NOT_A_WORKBOOK


def test_read_table_no_sheet_accepted_lists_sheets():
    data = workbook({"Notes": [["Read me"]], "Summary": [["Total", 5]]})
    assert refusal(data) == "No sheet has the expected header row. Sheets in the file: «Notes», «Summary»."


def test_read_table_too_many_rows_refused(settings):
    settings.CASCADE_IMPORT_MAX_ROWS = 2
    data = workbook({"Data": [["Name", "Count"], ["A", 1], [], ["B", 2], ["C", 3]]})
    assert refusal(data) == ("The table has more than 2 rows of data; split it into files of at most 2 rows.")


def test_read_table_rows_at_limit_accepted(settings):
    settings.CASCADE_IMPORT_MAX_ROWS = 2
    data = b"Name,Count\nA,1\nB,2\n"
    assert read_table(data, file_name="data.csv", accept=has_name).rows == [(2, ["A", "1"]), (3, ["B", "2"])]


def test_read_table_refusal_message_follows_active_language():
    with translation.override("zh-hans"):
        chinese = refusal(b"")
    with translation.override("en"):
        english = refusal(b"")
    assert (isinstance(chinese, str), english) == (True, "The file is empty.")


def test_read_table_xlsx_header_below_row_20_not_found():
    data = workbook({"Data": [*[[f"Title {n}"] for n in range(20)], ["Name", "Count"], ["A", 1]]})
    assert refusal(data) == "No sheet has the expected header row. Sheets in the file: «Data»."
