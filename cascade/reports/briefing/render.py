"""Briefings as Markdown, an HTML fragment, a Word file or plain text; every figure keeps its link."""

from __future__ import annotations

from django.utils.html import escape

from cascade.core.documents import new_document, to_bytes

from .model import Briefing, Figure, Paragraph

FORMATS = ("md", "html", "docx", "txt")


def _md_text(text: str) -> str:
    for char in ("\\", "[", "]", "*", "_", "`"):
        text = text.replace(char, "\\" + char)
    return text


def _md_link(figure: Figure, base_url: str) -> str:
    return f"[{_md_text(figure.text)}]({figure.absolute_url(base_url)})"


def _md_paragraph(paragraph: Paragraph, base_url: str) -> str:
    return "".join(
        _md_link(s, base_url) if isinstance(s, Figure) else _md_text(s) for s in paragraph.segments
    )


def to_markdown(briefing: Briefing, base_url: str = "") -> str:
    lines = [f"# {_md_text(briefing.title)}", ""]
    if briefing.subtitle:
        lines += [f"*{_md_text(briefing.subtitle)}*", ""]
    for paragraph in briefing.paragraphs:
        lines += [_md_paragraph(paragraph, base_url), ""]
    if briefing.table:
        lines += [f"## {_md_text(briefing.table_title)}", ""]
        unit, item, count = briefing.table_headers
        lines += [f"| {unit} | {item} | {count} |", "| --- | --- | ---: |"]
        for row in briefing.table:
            cells = [_md_text(row.body).replace("|", "\\|"), _md_text(row.item).replace("|", "\\|")]
            lines.append(f"| {cells[0]} | {cells[1]} | {_md_link(row.figure, base_url)} |")
        lines.append("")
    return "\n".join(lines)


def _html_link(figure: Figure, base_url: str) -> str:
    return (
        f'<a class="briefing-figure" href="{escape(figure.absolute_url(base_url))}" '
        f'data-value="{figure.value}">{escape(figure.text)}</a>'
    )


def to_html(briefing: Briefing, base_url: str = "") -> str:
    """An HTML fragment (an ``<article>``): headings, paragraphs with linked figures, the figures table."""
    lang = "zh-Hans" if briefing.lang == "zh" else "en"
    parts = [f'<article class="briefing" lang="{lang}">', f'<h1 class="h3">{escape(briefing.title)}</h1>']
    if briefing.subtitle:
        parts.append(f'<p class="text-body-secondary small">{escape(briefing.subtitle)}</p>')
    for paragraph in briefing.paragraphs:
        body = "".join(
            _html_link(s, base_url) if isinstance(s, Figure) else escape(s) for s in paragraph.segments
        )
        parts.append(f"<p>{body}</p>")
    if briefing.table:
        unit, item, count = (escape(h) for h in briefing.table_headers)
        parts += [
            f'<h2 class="h5 mt-4">{escape(briefing.table_title)}</h2>',
            '<div class="table-responsive">',
            '<table class="table table-sm table-striped briefing-figures">',
            f'<thead><tr><th scope="col">{unit}</th><th scope="col">{item}</th>'
            f'<th scope="col" class="text-end">{count}</th></tr></thead>',
            "<tbody>",
        ]
        for row in briefing.table:
            parts.append(
                f"<tr><td>{escape(row.body)}</td><td>{escape(row.item)}</td>"
                f'<td class="text-end">{_html_link(row.figure, base_url)}</td></tr>'
            )
        parts += ["</tbody>", "</table>", "</div>"]
    parts.append("</article>")
    return "\n".join(parts)


def to_text(briefing: Briefing) -> str:
    lines = [briefing.title, "", briefing.text, ""]
    if briefing.table:
        lines += [briefing.table_title, ""]
        lines += [f"{row.body}\t{row.item}\t{row.figure.value}" for row in briefing.table]
    return "\n".join(lines)


class _Links:
    """A Word document's hyperlink targets, one relationship per address.

    python-docx's own ``relate_to`` looks through every relationship of the part for each
    link, and numbers a new one by trying ids from 1 up: a briefing of a large subtree, with
    thousands of linked figures, took minutes that way. This keeps the addresses and the next
    free id at hand.
    """

    def __init__(self, part):
        from docx.opc.constants import RELATIONSHIP_TYPE

        self.kind = RELATIONSHIP_TYPE.HYPERLINK
        self.rels = part.rels
        self.ids = {
            rel.target_ref: rel_id
            for rel_id, rel in self.rels.items()
            if rel.is_external and rel.reltype == self.kind
        }
        self.number = len(self.rels)

    def rel_id(self, url: str) -> str:
        if url not in self.ids:
            self.number += 1
            while f"rId{self.number}" in self.rels:
                self.number += 1
            rel_id = f"rId{self.number}"
            self.rels.add_relationship(self.kind, url, rel_id, is_external=True)
            self.ids[url] = rel_id
        return self.ids[url]


def _docx_hyperlink(paragraph, text: str, url: str, links: _Links) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel_id = links.rel_id(url)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(color)
    props.append(underline)
    run.append(props)
    text_el = OxmlElement("w:t")
    text_el.set(qn("xml:space"), "preserve")
    text_el.text = text
    run.append(text_el)
    link.append(run)
    paragraph._p.append(link)


def to_docx(briefing: Briefing, base_url: str = "") -> bytes:
    """A Word file: title, paragraphs whose figures are hyperlinks, and the figures table."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = new_document(title=briefing.title, language=briefing.lang)
    links = _Links(document.part)
    document.add_heading(briefing.title, level=0)
    if briefing.subtitle:
        document.add_paragraph().add_run(briefing.subtitle).italic = True
    for paragraph in briefing.paragraphs:
        out = document.add_paragraph()
        for segment in paragraph.segments:
            if isinstance(segment, Figure):
                _docx_hyperlink(out, segment.text, segment.absolute_url(base_url), links)
            else:
                out.add_run(segment)
    if briefing.table:
        document.add_heading(briefing.table_title, level=1)
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, briefing.table_headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(header).bold = True
        for row in briefing.table:
            cells = table.add_row().cells
            cells[0].text = row.body
            cells[1].text = row.item
            cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _docx_hyperlink(cells[2].paragraphs[0], row.figure.text, row.figure.absolute_url(base_url), links)
    return to_bytes(document)


def render(briefing: Briefing, fmt: str, *, base_url: str = "") -> str | bytes:
    """``briefing`` as ``fmt``: "md", "html" (a fragment), "txt" (str) or "docx" (bytes).

    ``base_url`` (e.g. ``https://cascade.example``) makes the figures' links absolute, which
    files read outside the site (Markdown, Word) need.
    """
    if fmt == "md":
        return to_markdown(briefing, base_url)
    if fmt == "html":
        return to_html(briefing, base_url)
    if fmt == "txt":
        return to_text(briefing)
    if fmt == "docx":
        return to_docx(briefing, base_url)
    raise ValueError(f"Unknown briefing format {fmt!r}; use one of {', '.join(FORMATS)}.")
