"""Find the six section headings, the title (agency and year) and the prose of a published report.

Headings are recognised from the form's own headings (``form.sections``), tolerating old and shortened variants
("五、政府信息公开工作存在的主要问题及改进情况", "6、 其他需要报告的事项", "四、…行政法复议…"): a heading is the
section's number (一…六 or 1…6) followed by text that contains nearly all of the canonical heading's characters in
order.  Variants are reported so that the clerk sees them (rule W9 names the same variants).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..form import Form

CN_NUMERALS = "一二三四五六七八九十"
_CAND_RE = re.compile(r"([一二三四五六]|(?<![\d.])[1-6])\s*[、.,]\s*")
_TITLE_RE = re.compile(
    r"^(?P<agency>.*?)\s*(?:关于)?\s*(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?:的)?\s*政\s*府\s*信\s*息\s*公\s*开"
    r"[^。\n]{0,12}?报\s*告"
)
_PERIOD_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_META_PREFIX_RE = re.compile(r"^(?:#+\s*|标题\s*[:：]\s*)")
_PREFACE_START_RE = re.compile(r"(?:本报告|本年报|根据《|依据《|按照《)")
MAX_CANDIDATES = 20000


@dataclass(frozen=True)
class Heading:
    number: int
    start: int  # offset of the heading in the flat text
    end: int  # offset just after the heading's text
    text: str  # as printed
    variant: bool


def _core(heading: str) -> str:
    return re.sub(r"^[一二三四五六七八九十]+、", "", heading)


def _score(window: str, core: str) -> tuple[float, int]:
    """How much of ``core`` appears in order at the start of ``window``, and where the match ends."""
    sm = SequenceMatcher(None, window, core, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size]
    if not blocks or blocks[0].a > 10:
        return 0.0, 0
    matched = sum(b.size for b in blocks)
    last = blocks[-1]
    return matched / len(core), last.a + last.size


def find_headings(form: Form, norm: str) -> list[Heading]:
    """The section headings in order; a section whose heading is not found is absent from the list."""
    found: list[Heading] = []
    pos = 0
    cands = []
    for i, m in enumerate(_CAND_RE.finditer(norm)):
        if i >= MAX_CANDIDATES:
            break
        cands.append(m)
    for sec in form.sections:
        core = _core(sec.heading)
        numerals = {CN_NUMERALS[sec.number - 1], str(sec.number)}
        for m in cands:
            if m.start() < pos or m.group(1) not in numerals:
                continue
            window = norm[m.end(): m.end() + len(core) + 10]
            score, end = _score(window, core)
            if score >= 0.85:
                text = norm[m.start(): m.end() + end].strip()
                variant = m.group(1).isdigit() or re.sub(r"\s", "", norm[m.end(): m.end() + end]) != core
                found.append(Heading(sec.number, m.start(), m.end() + end, text, variant))
                pos = m.end() + end
                break
    return found


@dataclass(frozen=True)
class Title:
    agency: str
    year: int | None
    title: str
    where: int  # offset of the title line, or -1


def find_title(raw: str, limit: int) -> Title:
    """Agency and year from the title, looked for before ``limit`` (the first heading)."""
    head = raw[: min(limit, 20000)]
    lines = head.split("\n")
    offset = 0
    prev = ""
    prev_offset = 0
    for line in lines[:80]:
        text = _META_PREFIX_RE.sub("", line.replace("\t", " ").strip())
        title_like = len(text) <= 80 and not re.search(r"[。《，,；]", text)
        m = _TITLE_RE.match(text) if title_like else None
        if m:
            agency = re.sub(r"\s+", "", m.group("agency"))
            if not agency:
                agency = re.sub(r"\s+", "", prev)
            title = re.sub(r"\s+", "", text if m.group("agency").strip() else prev + text)
            return Title(agency, int(m.group("year")), title, offset)
        # a title wrapped inside itself ("…办公室2024年" / "度政府信息公开工作报告", as a PDF's lines break it)
        joinable = title_like and prev and len(prev + text) <= 80 and not re.search(r"[。《，,；]", prev)
        m = _TITLE_RE.match(prev + text) if joinable else None
        if m and m.group("agency").strip() and m.end() > len(prev):
            joined = re.sub(r"\s+", "", prev + text)
            return Title(re.sub(r"\s+", "", m.group("agency")), int(m.group("year")), joined, prev_offset)
        if text:
            prev = text
            prev_offset = offset
        offset += len(line) + 1
    year = None
    pm = _PERIOD_RE.search(head)
    if pm:
        year = int(pm.group(1))
    agency = ""
    for line in lines[:10]:
        text = _META_PREFIX_RE.sub("", line.strip())
        if text and len(text) <= 40 and not re.search(r"[\d。，,《：:、]", text):
            agency = re.sub(r"\s+", "", text)
            break
    return Title(agency, year, "", -1)


_END_PUNCT = "。！？；：!?;:」”\")）】>"
_SENTENCE_END = "。！？；!?;"
_NEW_PARA_RE = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[是、]|\d+[.、]|#)")
_TABLE_ROW_RE = re.compile(r"(?:\d[\d,.]*\s+){2,}\d")  # three figures in a row: a table's line, never prose
MIN_FULL_WIDTH = 30  # a printed line holds 28 characters or more (56 half-widths): a shorter "full" line is no wrap
FULL_SLACK = 4  # half-widths a full line may fall short of the longest (a character kept off the next line's start)
MIN_FULL_LINES = 2  # lines near the longest before the text counts as hard-wrapped


def _width(line: str) -> int:
    """A line's width in half-widths: a CJK character or full-width mark counts two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in line)


def _full_width(lines: list[str]) -> int | None:
    """The width of a full printed line when ``lines`` are hard-wrapped (PDF text), else ``None``: the longest line,
    when several lines reach it and it is a printed line's width, not a web page's paragraph."""
    widths = [_width(ln) for ln in lines if ln and not _TABLE_ROW_RE.search(ln)]
    if not widths:
        return None
    longest = max(widths)
    near = sum(1 for w in widths if w >= longest - FULL_SLACK)
    return longest if MIN_FULL_WIDTH <= longest <= 120 and near >= MIN_FULL_LINES else None


def prose(raw: str) -> str:
    """Prose as printed, hard line wraps (PDF text) joined, Markdown marks and blank runs removed.

    A line joins the one before when that one is long and ends without a closing mark, or — in hard-wrapped text —
    when that one fills the printed line and ends inside a sentence ("邮编：" / "223100").  A heading or numbered
    item (（一）…, 一是…, 1.) starts its own line, and a line of figures (a table) is never joined either way."""
    lines = [ln.replace("\t", " ").strip() for ln in raw.split("\n")]
    lines = [re.sub(r"^#+\s*", "", ln) for ln in lines]
    full = _full_width(lines)
    out: list[str] = []
    last = ""  # the last printed line (not the paragraph it joined)
    for ln in lines:
        if not ln:
            continue
        joins = bool(out) and not _NEW_PARA_RE.match(ln) and not _TABLE_ROW_RE.search(ln) \
            and not _TABLE_ROW_RE.search(last)
        wrapped = full is not None and _width(last) >= full - FULL_SLACK and last[-1] not in _SENTENCE_END
        if joins and ((len(out[-1]) >= 24 and out[-1][-1] not in _END_PUNCT) or wrapped):
            out[-1] += ln
        else:
            out.append(ln)
        last = ln
    return "\n".join(out).strip()


def preface_start(raw: str) -> int:
    m = _PREFACE_START_RE.search(raw)
    if not m:
        return 0
    nl = raw.rfind("\n", 0, m.start())
    cut = max(nl + 1, raw.rfind("。", 0, m.start()) + 1, raw.rfind(">", 0, m.start()) + 1)
    return cut
