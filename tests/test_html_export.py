"""The web page and the clipboard HTML: self-contained, the form's merged headers from the grid, captions, header
cells and their data cells, printed totals, 单位 lines, signature, 草稿, markup a web editor keeps, the plain-text
alternative, and untrusted text kept as text (a test for each kind)."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from common import SEED

from govreport_gui.core.checks.readiness import DRAFT_NOTE
from govreport_gui.core.exporters.html import clipboard_html, export_html, plain_text, render_page
from govreport_gui.core.exporters.html.tables import unit_line
from govreport_gui.core.exporters.printed import cell_text
from govreport_gui.core.grid import table_grid
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.importers.own.html_blocks import Table, html_blocks
from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report

EDITOR_TAGS = {"html", "head", "meta", "title", "body", "div", "h1", "h2", "h3", "p", "span", "br", "table", "caption",
               "colgroup", "col", "thead", "tbody", "tr", "th", "td"}


class _Elements(HTMLParser):
    """Every element with its attributes, and the text of <style> blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    p = _Elements()
    p.feed(page)
    p.close()
    return p.elements


def tables_of(page: str) -> list[Table]:
    blocks, _meta = html_blocks(page)
    return [t for kind, t, _mark in blocks if kind == "table"]


@pytest.fixture(scope="module")
def seed() -> Report:
    return read_report(SEED)


def test_the_page_is_self_contained_utf8_and_chinese(seed: Report, tmp_path: Path) -> None:
    out = tmp_path / "报告.html"
    export_html(seed, out)
    data = out.read_bytes()
    page = data.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    assert '<meta charset="utf-8">' in page and f"<title>{seed.title}</title>" in page
    found = elements(page)
    assert not [t for t, _ in found if t in ("script", "link", "img", "iframe", "object", "embed", "base")]
    assert not [(t, a) for t, a in found if "src" in a or "href" in a]
    assert not re.search(r"url\(|@import|@font-face|https?:", page)  # no font, picture or style from elsewhere
    assert [t for t, _ in found].count("main") == 1 and [t for t, _ in found].count("h1") == 1


def test_tables_have_the_grids_merged_cells_values_and_printed_totals(seed: Report) -> None:
    page = render_page(seed)
    tables = tables_of(page)
    assert len(tables) == len(seed.form.tables)
    for table, tid in zip(tables, seed.form.tables, strict=True):
        grid = table_grid(seed.form, tid)
        assert (table.rows, table.cols) == (grid.table.rows, grid.table.cols)
        assert {(c.r, c.c, c.rs, c.cs) for c in table.at.values()} == \
            {(g.r, g.c, g.rs, g.cs) for g in grid.cells} | \
            {(r, c, 1, 1) for r in range(1, grid.table.rows + 1) for c in range(1, grid.table.cols + 1)
             if (r, c) not in grid.covering}
        for g in grid.cells:
            got = table.at[(g.r, g.c)].value
            if g.is_value:  # totals included: the figures as printed, computed from their parts
                assert got == cell_text(seed, g.cell_id, False), g.cell_id
            else:
                assert got.replace("\n", "") == g.text.replace("\n", "")
    assert sum(1 for g in table_grid(seed.form, "t3").cells if g.kind == "total") > 20


def test_captions_units_headers_and_their_data_cells(seed: Report) -> None:
    page = render_page(seed)
    found = elements(page)
    assert [t for t, _ in found].count("caption") == len(seed.form.tables)
    for tid in seed.form.tables:
        assert f">{unit_line(seed.form, tid)}</caption>" in page
    assert "单位：件" in page and "万元" in unit_line(seed.form, "t2")
    th = {a["id"]: a for t, a in found if t == "th"}
    assert th and all(a["scope"] in ("col", "colgroup", "row", "rowgroup") for a in th.values())
    cells = [a for t, a in found if t == "td" and a.get("data-cell")]
    assert {a["data-cell"] for a in cells} == set(seed.form.cells)
    referenced: set[str] = set()
    for a in cells:
        ids = (a.get("headers") or "").split()
        assert ids and all(i in th for i in ids), a
        table = seed.form.cells[a["data-cell"] or ""].table
        assert all(i.startswith(f"{table}-") for i in ids)  # headers of its own table
        referenced.update(ids)
        spec = seed.form.cells[a["data-cell"] or ""]
        column = seed.form.tables[table].column_labels[spec.column]
        names = [th_text(page, i) for i in ids]
        assert column in names or any(column in n for n in names), (a, names)
    assert referenced == set(th)  # every header describes some figure
    # a figure with headers three deep each way: 申请人情况 › 法人或其他组织 › 商业企业,
    # 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密
    deep = max(cells, key=lambda a: len((a.get("headers") or "").split()))
    assert len((deep.get("headers") or "").split()) >= 5


def th_text(page: str, ident: str) -> str:
    m = re.search(rf'<th[^>]* id="{re.escape(ident)}"[^>]*>(.*?)</th>', page)
    assert m, ident
    return re.sub(r"<br>", "", m.group(1))


def test_headings_in_order(seed: Report) -> None:
    levels = [int(t[1]) for t, _ in elements(render_page(seed)) if re.fullmatch(r"h\d", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # never h1 → h3
    assert levels.count(2) == len(seed.form.sections)


def test_draft_signature_and_blank_as_zero(seed: Report) -> None:
    seed = read_report(SEED)
    seed.meta["published"] = "2024-01-31"
    clean = render_page(seed)
    assert DRAFT_NOTE not in clean and "草稿" not in clean and "（盖章）" not in clean
    draft = render_page(seed, draft=True, signature_block=True)
    assert draft.count(DRAFT_NOTE) >= 2  # on the page, and in the print header of every page
    assert f"{seed.agency}（盖章）" in draft and "2024年1月31日" in draft and "单位负责人（签字）" in draft
    assert DRAFT_NOTE in clipboard_html(seed, draft=True) and DRAFT_NOTE in plain_text(seed, draft=True)
    cid = next(c for c in seed.form.inputs if seed.form.cells[c].kind == "count")
    del seed.values[cid]
    blank = tables_of(render_page(seed))
    zero = tables_of(render_page(seed, blank_as_zero=True))
    g = table_grid(seed.form, seed.form.cells[cid].table).by_id[cid]
    i = list(seed.form.tables).index(seed.form.cells[cid].table)
    assert blank[i].at[(g.r, g.c)].value == "" and zero[i].at[(g.r, g.c)].value == "0"


def test_clipboard_markup_is_what_a_web_editor_keeps(seed: Report) -> None:
    html = clipboard_html(seed, signature_block=True, draft=True)
    found = elements(html)
    assert {t for t, _ in found} <= EDITOR_TAGS
    assert not [a for _, a in found if "class" in a]
    assert "<style" not in html and "<script" not in html
    assert html.count("<!--StartFragment-->") == 1 and html.count("<!--EndFragment-->") == 1
    styled = [t for t, a in found if t in ("h1", "h2", "p", "table", "td", "th")]
    assert all(a.get("style") for t, a in found if t in ("h1", "h2", "table", "td", "th")) and styled
    fragment = html.split("<!--StartFragment-->")[1].split("<!--EndFragment-->")[0]
    assert fragment in render_page(seed, signature_block=True, draft=True)  # the same report as the page


def test_plain_text_alternative(seed: Report) -> None:
    text = plain_text(seed)
    lines = text.split("\n")
    assert lines[0] == seed.title
    for section in seed.form.sections:
        assert section.heading in lines
    grid = table_grid(seed.form, "t3")
    row = next(line for line in lines if line.startswith(grid.by_position[(4, 1)].text))
    assert row.split("\t")[3:] == [cell_text(seed, g.cell_id, False) for g in grid.cells if g.r == 4 and g.is_value]
    assert seed.texts["problems"] in text


# --- untrusted text ---------------------------------------------------------------------------------------------
HOSTILE = {
    "script": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "ampersand": "甲 & 乙 &amp; &lt;丙&gt; &#x41;",
    "quotes": "\"双\" 'single' “中文” ‘单’ `反`",
    "control": "前\x01\x07\x1b\x7f后\r中\x85尾",
    "extension_b": "𠀀𪚥𠮷𡈼（扩展B）",
}


def hostile_report(kind: str) -> Report:
    r = read_report(SEED)
    s = HOSTILE[kind]
    r.meta["agency"] = f"某{s}局"
    r.meta["title"] = f"某{s}局2023年度政府信息公开工作报告"
    r.meta["published"] = "2024-01-31"
    r.texts["overview"] = f"{s}\n（一）主动公开{s}\n（二）{s}。正文{s}"
    r.texts["problems"] = s
    r.texts["preface"] = f"　　{s}"
    return r


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_untrusted_text_is_escaped_and_reads_back_as_typed(kind: str, tmp_path: Path) -> None:
    r = hostile_report(kind)
    for make in (render_page, clipboard_html):
        page = make(r, signature_block=True)
        found = elements(page)
        assert not [t for t, _ in found if t in ("script", "img")]
        assert not [a for _, a in found if any(k.startswith("on") for k in a)]
        assert "\x01" not in page and "\r" not in page and "\x00" not in page
        blocks, _meta = html_blocks(page)
        texts = [str(t) for kind_, t, _m in blocks if kind_ in ("p", "h3")]
        assert r.texts["problems"] in texts
        assert f"某{HOSTILE[kind]}局（盖章）" in texts  # the signature block shows the agency as typed
    out = tmp_path / "报告.html"
    export_html(r, out, signature_block=True)
    back = import_file(out).report
    assert back.meta == r.meta
    assert back.texts == r.texts
    assert back.values == r.values


def test_a_nul_character_becomes_the_replacement_character() -> None:
    r = read_report(SEED)
    r.texts["other"] = "甲\x00乙"
    page = render_page(r)
    assert "\x00" not in page and "甲\ufffd乙" in page


def test_colours_meet_wcag_aa_contrast_on_white(seed: Report) -> None:
    """Every colour the page sets for text is at least 4.5:1 on its white background (axe marks cells whose
    background it cannot determine — those spanning rows, or clipped by a scrolling box — for review)."""
    page = render_page(seed, draft=True)

    def luminance(hexa: str) -> float:
        h = hexa.lstrip("#")
        h = "".join(ch * 2 for ch in h) if len(h) == 3 else h
        rgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    colours = set(re.findall(r"(?<![-\w])color:(#[0-9a-fA-F]{3,6})", page))
    assert colours
    for c in colours:
        assert (1.05) / (luminance(c) + 0.05) >= 4.5, c
    assert "background:#fff" in page
