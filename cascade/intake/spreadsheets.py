"""Reading an uploaded spreadsheet (.xlsx or .csv) into a header and rows for an import.

``read_table`` takes the uploaded bytes and returns the first table whose header row the
caller accepts: the sheet's name, the header's cells and every non-empty row after it, each
with its row number as the spreadsheet program shows it, so that a problem can be reported
as "row 14". A file that cannot be imported raises ``UnreadableFile``, whose text is a
message for the user in the active language.

What the content is decides how it is read, not the file's name: a zip is read as an Excel
workbook, an OLE2 compound file is refused (an old .xls file, or a workbook protected with a
password, which Excel also stores in that format), and anything else is read as CSV text
if it decodes as UTF-8 (with or without a BOM) or GB18030 (what Chinese Excel writes when
it saves CSV).

An upload can be any file, made to exhaust memory or time, so the reader checks limits
before the work they guard: the file's size, the size its zip members would expand to
(checked from the zip directory before openpyxl opens anything; ``zipfile`` stops reading a
member at its declared size, so the directory cannot understate it), a compression ratio
above which a large member is taken for a zip bomb, and the number of data rows (a larger
table is refused, not cut short). Each limit can be changed in the settings; the defaults
are the module constants below. Workbooks are read with openpyxl in read-only mode, one row
at a time, and the only list built is the rows returned.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import zipfile
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# Defaults of the limits; each is read from the settings (the name in the comment) at call time.
MAX_FILE_BYTES = 20 * 1024 * 1024  # CASCADE_IMPORT_MAX_BYTES
MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # CASCADE_IMPORT_MAX_EXPANDED_BYTES
MAX_ROWS = 100_000  # CASCADE_IMPORT_MAX_ROWS

# A zip member that expands past SUSPECT_MEMBER_BYTES and more than MAX_COMPRESSION_RATIO
# times its compressed size is refused: worksheets of real data compress 5 to 20 times.
MAX_COMPRESSION_RATIO = 100
SUSPECT_MEMBER_BYTES = 10 * 1024 * 1024

# The header is looked for among a sheet's first HEADER_SEARCH_ROWS rows: the first
# non-empty row the caller accepts (title lines above it are common).
HEADER_SEARCH_ROWS = 20

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted Office file keeps its key data in; OLE2 names are UTF-16-LE.
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
CSV_DELIMITERS = ",;\t"
CSV_SNIFF_CHARS = 64 * 1024


class UnreadableFile(ValueError):
    """The file cannot be imported; str(exc) is a message for the user in the active language."""


@dataclass
class Table:
    sheet: str  # the sheet's name ("" for a CSV file)
    header: list[str]  # the header row's cells as stripped strings ("" for an empty cell)
    rows: list[tuple[int, list[Any]]]  # (row number as the spreadsheet program shows it, cells)


def read_table(data: bytes, *, file_name: str, accept: Callable[[list[str]], bool]) -> Table:
    """The first table in ``data`` whose header row ``accept`` returns true for.

    A sheet's header is the first non-empty row among its first ``HEADER_SEARCH_ROWS`` that
    ``accept`` takes, so title rows above the header are passed over; the first sheet that
    has one is read (a CSV file is one sheet, named "").

    ``file_name`` is the name the file was uploaded under; the format is decided by the
    content, so the name does not change how the file is read. Header cells are stripped
    strings, trailing empty ones dropped; each row is padded or cut to the header's length,
    its strings stripped. Raises ``UnreadableFile`` for a file that cannot be imported.
    """
    check_size(len(data))
    if data.startswith(ZIP_MAGIC):
        return _read_workbook(data, accept)
    if data.startswith(OLE2_MAGIC):
        if ENCRYPTION_INFO in data:
            raise UnreadableFile(
                _(
                    "This workbook is protected with a password. Open it in Excel, remove the "
                    "password and upload it again."
                )
            )
        raise UnreadableFile(
            _("This is an old Excel file (.xls). Open it in Excel, save it as .xlsx and upload it again.")
        )
    return _read_csv(data, accept)


def check_size(size: int) -> None:
    """Refuse a file of ``size`` bytes that is empty or over the size limit (before reading it)."""
    if not size:
        raise UnreadableFile(_("The file is empty."))
    max_bytes = getattr(settings, "CASCADE_IMPORT_MAX_BYTES", MAX_FILE_BYTES)
    if size > max_bytes:
        raise UnreadableFile(
            _("The file is %(size)s MB, more than the limit of %(limit)s MB.")
            % {"size": _megabytes(size, up=True), "limit": _megabytes(max_bytes)}
        )


def _read_workbook(data: bytes, accept: Callable[[list[str]], bool]) -> Table:
    _check_expansion(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl reports a broken file with many kinds of error
        raise _not_a_workbook() from exc
    try:
        names = []
        for sheet in workbook.worksheets:
            names.append(sheet.title)
            sheet.reset_dimensions()  # the stored dimensions may be wrong; read every row
            rows = _guarded(sheet.iter_rows(values_only=True))
            try:
                table = _read_rows(rows, sheet.title, accept, empty=None)
            finally:
                rows.close()
            if table is not None:
                return table
    finally:
        workbook.close()
    raise UnreadableFile(
        _("No sheet has the expected header row. Sheets in the file: %(sheets)s.")
        % {"sheets": ", ".join(f"«{name}»" for name in names)}
    )


def _check_expansion(data: bytes) -> None:
    """Refuse a zip whose members would expand past the limit, before anything unpacks them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _not_a_workbook() from exc
    limit = getattr(settings, "CASCADE_IMPORT_MAX_EXPANDED_BYTES", MAX_EXPANDED_BYTES)
    expanded = sum(member.file_size for member in members)
    if expanded > limit:
        raise UnreadableFile(
            _("This file would expand to %(size)s MB when unpacked, more than the limit of %(limit)s MB.")
            % {"size": _megabytes(expanded, up=True), "limit": _megabytes(limit)}
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > SUSPECT_MEMBER_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise UnreadableFile(
                _(
                    "This file is packed in an unusual way (a part of it expands more than "
                    "%(ratio)s times when unpacked) and is refused as a precaution."
                )
                % {"ratio": MAX_COMPRESSION_RATIO}
            )


def _guarded(rows: Iterable[tuple[Any, ...]]) -> Generator[tuple[Any, ...], None, None]:
    """The rows of an openpyxl sheet, an error while reading them turned into ``UnreadableFile``
    (the caller's own code runs between the rows, outside this guard)."""
    iterator = iter(rows)
    try:
        while True:
            try:
                row = next(iterator)
            except StopIteration:
                return
            except Exception as exc:  # a corrupt sheet fails in openpyxl, zipfile or the XML parser
                raise _not_a_workbook() from exc
            yield row
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


def _read_csv(data: bytes, accept: Callable[[list[str]], bool]) -> Table:
    # NUL never occurs inside a UTF-8 or GB18030 character: a NUL byte means binary data
    # (or UTF-16, which Excel does not use for CSV).
    if b"\x00" in data:
        raise _not_a_workbook()
    encoding = next((name for name in CSV_ENCODINGS if _decodes(data, name)), None)
    if encoding is None:
        raise _not_a_workbook()
    with io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="") as text:
        sample = text.read(CSV_SNIFF_CHARS)
        if len(sample) == CSV_SNIFF_CHARS and "\n" in sample:
            sample = sample[: sample.rindex("\n")]  # whole lines only
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
        except csv.Error:
            delimiter = ","
        text.seek(0)
        try:
            table = _read_rows(csv.reader(text, delimiter=delimiter), "", accept, empty="")
        except csv.Error as exc:  # e.g. a field longer than the csv module allows
            raise _not_a_workbook() from exc
    if table is None:
        raise UnreadableFile(_("The file does not have the expected header row."))
    return table


def _decodes(data: bytes, encoding: str) -> bool:
    """Whether ``data`` is valid text in ``encoding``, checked a megabyte at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    step = 1024 * 1024
    try:
        for start in range(0, len(data), step):
            decoder.decode(data[start : start + step])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _read_rows(
    rows: Iterable[Iterable[Any]], sheet: str, accept: Callable[[list[str]], bool], *, empty: Any
) -> Table | None:
    """The table in ``rows`` whose header is the first non-empty row among the first
    ``HEADER_SEARCH_ROWS`` that ``accept`` takes (rows above it, such as a title, are
    passed over), or None; ``empty`` pads short rows."""
    numbered = enumerate(rows, start=1)
    header = None
    for number, cells in numbered:
        if number > HEADER_SEARCH_ROWS:
            return None
        values = list(cells)
        if _is_empty(values):
            continue
        candidate = ["" if value is None else str(value).strip() for value in values]
        while not candidate[-1]:
            candidate.pop()
        if accept(candidate):
            header = candidate
            break
    if header is None:
        return None
    width = len(header)
    limit = getattr(settings, "CASCADE_IMPORT_MAX_ROWS", MAX_ROWS)
    kept: list[tuple[int, list[Any]]] = []
    for number, cells in numbered:
        values = [value.strip() if isinstance(value, str) else value for value in cells]
        del values[width:]
        if _is_empty(values):
            continue
        if len(kept) == limit:
            raise UnreadableFile(
                _(
                    "The table has more than %(limit)s rows of data; split it into files of at most %(limit)s rows."
                )
                % {"limit": number_format(limit, force_grouping=True)}
            )
        values.extend([empty] * (width - len(values)))
        kept.append((number, values))
    return Table(sheet=sheet, header=header, rows=kept)


def _is_empty(values: list[Any]) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _megabytes(size: int, *, up: bool = False) -> str:
    """``size`` in MB with at most one decimal; ``up`` rounds up, so that a size over a limit
    never reads as the limit itself."""
    tenths = size * 10 / (1024 * 1024)
    tenths = math.ceil(tenths) if up else round(tenths)
    return number_format(tenths / 10, decimal_pos=None if tenths % 10 else 0)


def _not_a_workbook() -> UnreadableFile:
    return UnreadableFile(_("This file is not an Excel workbook (.xlsx) or a CSV file."))
