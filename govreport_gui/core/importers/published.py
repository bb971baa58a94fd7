"""Import a published report from its lines (text, HTML, Word or PDF all come here): one pipeline for all sources.

Lines → one flat text → section headings → title (agency, year) → tables 二/三/四 read by the label matcher → prose
sections.  The result is a :class:`~.base.ImportResult`: the report and a log of every cell read and where from,
every printed total that disagrees with its parts, every cell not found and every stretch of a table not understood.
"""

from __future__ import annotations

from ..checks.run import check
from ..form import Form, Section, load_form
from ..paragraphs import IMPORT_PARAGRAPH_CHARS, cut_long_paragraphs
from ..report import Report
from .base import ImportRefused, ImportResult
from .flat_table_reader import read_flat_table
from .labels import table_regex
from .later_tables import tables_printed_later
from .legacy2019 import is_2019_table, read_table2_2019, rescan_single_rows
from .noise import is_noise
from .row_reader import read_rows
from .sections import Heading, find_headings, find_title, preface_start, prose
from .source import BLANK, Flat, SourceLine, flatten
from .table_tokens import scan

MIN_KEY_LABELS = 5  # a report of this kind prints at least this many of table 三's row labels
MAX_TABLE_CHARS = 100_000  # a table is a few thousand characters; the rest of an over-long region is not read
MAX_TEXT_CHARS = 300_000  # a long report is 50,000 characters; more is not a report, and reading it would take long


def check_length(chars: int, name: str) -> None:
    """Refuse a source whose text is far longer than any annual report (bounded import time)."""
    if chars > MAX_TEXT_CHARS:
        raise ImportRefused(
            f"“{name}”的文字过长（约{chars // 10000}万字，上限{MAX_TEXT_CHARS // 10000}万字），"
            "不像一份年度报告，无法导入。"
        )


def import_lines(lines: list[SourceLine], name: str, kind: str = "文本") -> ImportResult:
    """Build a report from the lines of a published report.  Raises :class:`ImportRefused` for other documents."""
    form = load_form()
    check_length(sum(len(c) + 1 for ln in lines for c in ln.cells), name)
    flat = flatten(lines)
    if not flat.norm.strip():
        raise ImportRefused(f"“{name}”中没有文字内容，无法导入。")
    headings = {h.number: h for h in find_headings(form, flat.norm)}
    key = _key_section(form)  # 三: the one table every report of this kind prints
    if key.number not in headings and _count_labels(form, key.key, flat) < MIN_KEY_LABELS:
        raise ImportRefused(f"“{name}”不是政府信息公开工作年度报告：没有找到“{key.heading}”及其表格。")
    res = ImportResult(Report(form=form))
    first = min((h.start for h in headings.values()), default=len(flat.raw))
    title = find_title(flat.raw, first)
    res.report.meta = {"agency": title.agency, "year": title.year}
    if title.title:
        res.report.meta["title"] = title.title
    where = flat.where(title.where) if title.where >= 0 else ""
    if title.agency or title.year:
        found = f"机关：{title.agency or '（未找到）'}；年度：{title.year or '（未找到）'}"
        res.add("info", f"来源：{name}（{kind}）。{found}。", "", where)
    if not title.year:
        res.add("missing", "未能从标题中找到报告年度，请在“基本信息”中填写。")
    if not title.agency:
        res.add("missing", "未能从标题中找到机关名称，请在“基本信息”中填写。")
    _log_headings(form, headings, flat, res)
    regions = _regions(form, headings, len(flat.norm))
    regions.update(tables_printed_later(form, flat.norm, headings, regions))
    if not any(s.number in headings for s in form.sections if s.kind == "table"):
        regions = {key.key: (0, len(flat.norm))}
    _read_prose(form, flat, headings, title.where, res)  # first: the prose may settle glued table 二 cells
    _read_tables(form, flat, _cap(regions, res), res)
    printed_totals = form.rule_ids_of_kind("printed_totals")
    for f in check(res.report):
        if f.rule in printed_totals:
            res.add("mismatch", f"印出的总计与各项之和不一致（已保留原表数字，见规则{f.rule}）：{f.message}",
                    f.cells[0])
    n_read = len(res.report.values) + len(res.report.printed_totals)
    n_inputs = len(form.inputs)
    res.add("info", f"共读取{len(res.report.values)}/{n_inputs}个填报格、{len(res.report.printed_totals)}个印出的总计"
            f"（合计{n_read}个数字）。")
    return res


def _key_section(form: Form) -> Section:
    """The table section whose labels identify a report of this kind: the one with the most value rows (三)."""
    tables = [s for s in form.sections if s.kind == "table"]
    return max(tables, key=lambda s: len(form.tables[s.key].row_ids))


def _count_labels(form: Form, table_id: str, flat: Flat) -> int:
    rx = table_regex(form, table_id)
    seen: set[str] = set()
    for i, m in enumerate(rx.finditer(flat.norm, 0, 2_000_000)):
        if i > 2000:
            break
        seen.add(m.lastgroup or "")
    return len(seen)


def _log_headings(form: Form, headings: dict[int, Heading], flat: Flat, res: ImportResult) -> None:
    headings_rule = "、".join(sorted(form.rule_ids_of_kind("headings")))
    for sec in form.sections:
        h = headings.get(sec.number)
        if h is None:
            res.add("missing", f"未找到第{sec.number}部分“{sec.heading}”的标题。", "")
        elif h.variant:
            res.add("warning", f"章节标题“{h.text.strip()}”与现行格式“{sec.heading}”不同（旧格式或简写，见规则"
                    f"{headings_rule}）。", "", flat.where(h.start))


def _regions(form: Form, headings: dict[int, Heading], size: int) -> dict[str, tuple[int, int]]:
    """The stretch of text of each table: from its heading to the next heading found."""
    out: dict[str, tuple[int, int]] = {}
    for sec in form.sections:
        if sec.kind != "table" or sec.number not in headings:
            continue
        start = headings[sec.number].end
        later = [h.start for n, h in headings.items() if n > sec.number]
        out[sec.key] = (start, min(later) if later else size)
    return out


def _cap(regions: dict[str, tuple[int, int]], res: ImportResult) -> dict[str, tuple[int, int]]:
    out = {}
    for key, (start, end) in regions.items():
        if end - start > MAX_TABLE_CHARS:
            res.add("unread", f"“{key}”所在部分过长（{end - start}字），只读取前{MAX_TABLE_CHARS}字。")
            end = start + MAX_TABLE_CHARS
        out[key] = (start, end)
    return out


def _read_tables(form: Form, flat: Flat, regions: dict[str, tuple[int, int]], res: ImportResult) -> None:
    """Each table of the form by its reader (``import_reader`` in the form file: rows with labels, or one run)."""
    for table in form.tables.values():
        if table.id not in regions:
            what = table.title.split("、", 1)[-1]
            res.add("missing", f"未找到{table.short}（{what}），其中各格未导入。")
            continue
        start, end = regions[table.id]
        if is_2019_table(table.id, flat.norm[start:end]):
            read_table2_2019(flat, start, end, res)
            continue
        sc = rescan_single_rows(form, flat, table.id, scan(form, flat, table.id, start, end), start, end, res)
        if table.import_reader == "flat":
            read_flat_table(form, flat, table.id, sc, res)
        else:
            read_rows(form, flat, table.id, sc, res)
        if table.import_report_unread:
            _log_unread(flat, sc.unread, res)


def _log_unread(flat: Flat, unread: list[tuple[int, str]], res: ImportResult) -> None:
    unread = [(off, text) for off, text in unread if not is_noise(text)]  # markup, placeholders, page numbers
    for off, text in unread[:50]:
        res.add("unread", f"表格中未能识别的文字：“{text[:60]}”", "", flat.where(off))
    if len(unread) > 50:
        res.add("unread", f"另有{len(unread) - 50}处表格中的文字未能识别。")


def _read_prose(form: Form, flat: Flat, headings: dict[int, Heading], title_at: int, res: ImportResult) -> None:
    raw = flat.raw.replace(BLANK, "")
    order = sorted(headings.values(), key=lambda h: h.start)
    first = order[0].start if order else len(raw)
    begin = 0 if title_at < 0 else raw.find("\n", title_at) + 1
    head = raw[begin:first]
    pre = _capped(prose(head[preface_start(head):]), "开头", res)
    if pre:
        res.report.texts[form.preface_key] = pre
    for sec in form.sections:
        if sec.kind != "text":
            continue
        h = headings.get(sec.number)
        if h is None:
            continue
        later = [x.start for x in order if x.start > h.start]
        text = _capped(prose(raw[h.end: min(later) if later else len(raw)]), f"“{sec.heading}”", res)
        if text:
            res.report.texts[sec.key] = text
            res.add("read", f"读取“{sec.heading}”正文（{len(text)}字）。", "", flat.where(h.start))
        else:
            res.add("missing", f"“{sec.heading}”下没有正文。", "", flat.where(h.start))


def _capped(text: str, where: str, res: ImportResult) -> str:
    """``text`` with paragraphs over :data:`IMPORT_PARAGRAPH_CHARS` cut into several, said in the log."""
    text, n = cut_long_paragraphs(text, IMPORT_PARAGRAPH_CHARS)
    if n:
        res.add("warning", f"{where}正文中有{n}段超过{IMPORT_PARAGRAPH_CHARS}字，已在句末分成几段，请核对。")
    return text


def import_text(text: str, name: str) -> ImportResult:
    """Import a report from plain text (copied from a page, pdftotext, Markdown…)."""
    from .source import text_lines

    res = import_lines(text_lines(text), name, "文本")
    res.replace_lone_surrogates()
    return res
