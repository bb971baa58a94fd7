"""Read back a Word document written by :mod:`core.exporters.word`, possibly edited in Word, WPS or LibreOffice.

The document is ours when its custom properties say so (``生成程序``), or when every table of the form is found in it
by the grid's shape (rows, grid columns and labels where :func:`core.grid.table_grid` puts them) and every section
heading is a level-1 heading (a copy saved by a program that drops custom properties).  Then each table
is read cell by cell at the grid's positions — a figure a clerk changed in Word comes in, a printed total that
disagrees with its parts is kept in ``printed_totals`` (rules H2–H4 report it) — and the prose is read paragraph by
paragraph between the section headings, exactly as exported.  The meta comes from the custom properties, the title
from the title paragraph.  Anything else goes to the published-report reader.  The container passes the same checks
(size, entries, zip bombs, XML tags) as any Word file before anything is parsed; reading the seed report back takes
7 ms warm (``benchmarks/bench_word.py``).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from ...exporters.printed import default_opening
from ...exporters.word import properties as P
from ...exporters.word import styles as S
from ...form import Form, load_form
from ...meta_fields import MAX_YEAR, MIN_YEAR
from ...storage import ReportFileError, from_dict
from ..base import ImportResult
from ..docx import check_docx_container
from .by_grid import GridReader, match_tables

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(\d{4})\s*年")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CUSTOM_XML = re.compile(r"^customXml/item\d+\.xml$")
MAX_SPAN = 64  # grid columns a cell may claim (the form's widest table has 15): a hostile gridSpan is cut here


@dataclass
class _Cell:
    r: int
    c: int
    cs: int
    rs: int = 1
    value: str = ""


@dataclass
class _Table:
    rows: int
    cols: int
    at: dict[tuple[int, int], _Cell] = field(default_factory=dict)  # top-left positions only


def import_own_docx(data: bytes, name: str, checked: bool = False) -> ImportResult | None:
    """Our own document read back by the grid, or ``None`` when it is not ours.  Raises :class:`ImportRefused`.

    ``checked``: the caller has already passed ``data`` through :func:`check_docx_container`.
    """
    if not checked:
        check_docx_container(data, name)
    props, extra, body = _parts(data)
    if body is None:  # not well-formed: the published-report reader gives its refusal
        return None
    items = _body(body)
    form = load_form()
    tables = [t for kind, _style, t in items if kind == "tbl"]
    matched = match_tables(form, tables)
    marked = props.get(P.MARK) == P.FORMAT and props.get(P.FORM, form.id) == form.id
    if not marked and not (len(matched) == len(form.tables) and _our_headings(form, items)):
        return None
    return _Reader(form, name, props, items, matched, extra).run()


# --- the container -------------------------------------------------------------------------------------------
def _parts(data: bytes) -> tuple[dict[str, str | int], dict[str, Any], Any]:
    """The custom properties, our custom XML data and the parsed ``w:body`` (``None`` if unreadable).

    The body is parsed by lxml alone — no entities, no DTD, no network — not by python-docx: a document that is not
    ours goes on to python-docx in the published-report reader, and parsing it twice that way would double the time
    a hostile 150,000-tag document costs (~3 s each).
    """
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        props_xml = zf.read(P.PARTNAME.lstrip("/")) if P.PARTNAME.lstrip("/") in names else b""
        extra: dict[str, Any] = {}
        for item in sorted(n for n in names if _CUSTOM_XML.match(n)):
            extra = P.read_data(zf.read(item)) or {}
            if extra:
                break
        xml = zf.read("word/document.xml")
    props = P.read_properties(props_xml) if props_xml else {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return props, extra, None
    if root.getroottree().docinfo.doctype:
        return props, extra, None
    return props, extra, root.find(f"{_W}body")


def _body(body: Any) -> list[tuple[str, str, Any]]:
    """The body in order: ("p", style id, text) and ("tbl", "", parsed table)."""
    out: list[tuple[str, str, Any]] = []
    if body is None:
        return out
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            style = child.find(f"{_W}pPr/{_W}pStyle")
            out.append(("p", style.get(f"{_W}val", "") if style is not None else "", _text(child)))
        elif child.tag == f"{_W}tbl":
            out.append(("tbl", "", _parse_table(child)))
    return out


def _text(p: Any) -> str:
    """A paragraph's text as Word shows it: runs (also inside hyperlinks, fields, insertions), tabs and breaks."""
    parts: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab" and node.getparent().tag == f"{_W}r":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _parse_table(tbl: Any) -> _Table:
    """The table's cells at their grid positions: gridSpan widens a cell, a continued vMerge lengthens the one above."""
    grid_cols = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
    covering: dict[tuple[int, int], _Cell] = {}
    out = _Table(rows=0, cols=grid_cols)
    for r, tr in enumerate(tbl.iterchildren(f"{_W}tr"), 1):
        out.rows = r
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        c = 1 + (_int(before.get(f"{_W}val")) if before is not None else 0)
        for tc in tr.iterchildren(f"{_W}tc"):
            pr = tc.find(f"{_W}tcPr")
            span = max(1, _int(pr.find(f"{_W}gridSpan").get(f"{_W}val"))) if pr is not None and \
                pr.find(f"{_W}gridSpan") is not None else 1
            merge = pr.find(f"{_W}vMerge") if pr is not None else None
            above = covering.get((r - 1, c))
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue" and above is not None:
                if above.r + above.rs == r:
                    above.rs += 1
                cell = above
            else:
                cell = _Cell(r, c, span, value="\n".join(_text(p) for p in tc.iterchildren(f"{_W}p")))
                out.at[(r, c)] = cell
            for cc in range(c, c + span):
                covering[(r, cc)] = cell
            c += span
        out.cols = max(out.cols, c - 1)
    return out


def _our_headings(form: Form, items: list[tuple[str, str, Any]]) -> bool:
    """True when every section heading of the form is a level-1 heading paragraph, as we write them."""
    found = {_SPACE.sub("", text) for kind, style, text in items if kind == "p" and style == S.HEADING1}
    return all(_SPACE.sub("", s.heading) in found for s in form.sections)


def _int(text: str | None) -> int:
    """A span or offset attribute, within 0..MAX_SPAN."""
    try:
        return min(max(int(text or 0), 0), MAX_SPAN)
    except ValueError:
        return 0


# --- the report --------------------------------------------------------------------------------------------------
class _Reader(GridReader):
    noun = "文档"

    def __init__(self, form: Form, name: str, props: dict[str, str | int], items: list[tuple[str, str, Any]],
                 tables: dict[str, _Table], extra: dict[str, Any]) -> None:
        super().__init__(form, tables)
        self.name, self.props, self.items, self.extra = name, props, items, extra

    def run(self) -> ImportResult:
        self.log("info", f"“{self.name}”是本程序导出的Word文档，表格按官方表格的格子读入。")
        self.read_meta()
        self.read_extra()
        self.read_tables()
        self.read_prose()
        self.result.report.invalidate()
        return self.result

    # meta ------------------------------------------------------------------------------------------------------
    def read_meta(self) -> None:
        meta = self.result.report.meta
        names = P.META_NAMES
        agency = self.props.get(names["agency"])
        if isinstance(agency, str):
            meta["agency"] = agency[:1000]
        year = self.props.get(names["year"])
        if isinstance(year, int) and MIN_YEAR <= year <= MAX_YEAR:
            meta["year"] = year
        published = self.props.get(names["published"])
        if isinstance(published, str) and (published == "" or _DATE.match(published)):
            meta["published"] = published
        stored = self.props.get(names["title"])
        shown = next((text for kind, style, text in self.items if kind == "p" and style == S.TITLE), None)
        if shown is not None:  # a long title is broken after the agency (a line break inside the paragraph)
            shown = shown.replace("\n", "").strip()[:1000]
        if isinstance(stored, str) and (shown is None or shown == stored):
            meta["title"] = stored
        elif shown and shown != self.form.title_for(meta.get("agency") or "", meta.get("year")):
            meta["title"] = shown
            if isinstance(stored, str):
                self.log("info", "报告标题已在Word中修改，按文档中的标题读入。", where="标题")
        if "year" not in meta:
            m = _YEAR.search(str(meta.get("title") or shown or ""))
            if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
                meta["year"] = int(m.group(1))
                self.log("info", f"文档属性中没有年度，按标题读作{meta['year']}年。", where="标题")

    def read_extra(self) -> None:
        """The clerk's explanations and last year's baseline, kept in the document's custom XML part."""
        if not self.extra:
            return
        try:
            base = from_dict({"format": "govreport", "format_version": 1, "form": self.form.id,
                              "explanations": self.extra.get("explanations") or {},
                              "previous": self.extra.get("previous")}, self.name)
        except ReportFileError as exc:
            self.log("warning", f"文档中保存的说明和上年数据无效，未采用：{exc}")
            return
        rep = self.result.report
        rep.explanations, rep.previous = base.explanations, base.previous

    # prose -----------------------------------------------------------------------------------------------------
    def read_prose(self) -> None:
        """The 开篇 between the title and the first heading; each text section's paragraphs up to the next heading."""
        headings = {_SPACE.sub("", s.heading): s for s in self.form.sections}
        rep = self.result.report
        current = "preface"
        blocks: dict[str, list[str]] = {"preface": []}
        title_seen = False
        for kind, style, text in self.items:
            if kind != "p":
                continue
            if style == S.TITLE and not title_seen:
                title_seen = True
                continue
            section = headings.get(_SPACE.sub("", text)) if style == S.HEADING1 else None
            if section is not None:
                current = section.key if section.kind == "text" else ""
                blocks.setdefault(current, [])
                continue
            if style == S.HEADING1:  # another level-1 heading (the rules appendix): the report's text ends
                current = ""
                continue
            if style == S.SIGNATURE or not current:
                continue
            blocks[current].append(text)
        blocks.pop("", None)
        for key, lines in blocks.items():
            text = "\n".join(lines)
            if key == "preface" and text == default_opening(rep):
                continue
            if text:
                rep.texts[key] = text
