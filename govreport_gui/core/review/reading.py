"""One file of a review, read where it runs (a worker process): the report, its findings, a small summary row.

Each file is read as ``govreport import`` would read it (:func:`..importers.dispatch.import_file`, import log kept)
or, for a ``.govreport`` file, with :func:`..storage.read_report`; a saved report's 待核对 marks (values imported or
carried over and not yet checked) count among its 导入问题, one line in its log.  What goes back to the parent is a
:class:`FileReview` of a few kilobytes — key figures, findings, the import log, the input values a sum needs — never
the :class:`~..report.Report` itself, so that a thousand reports do not sit in the parent's memory.

Anything a file can do goes into its row: a refusal (the importer's Chinese message), an exception of any kind, a
file that takes longer than :data:`FILE_SECONDS` (an interval timer interrupts it).  When the same agency's previous
report was found (``--last``), the cross-year rules of the form run against that report instead of the baseline the
file carries; their messages name the file compared with.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.confirmations import is_confirmed
from ..checks.run import check
from ..report import Baseline, Report
from ..values import Value
from .collect import file_kind
from .figures import agency_key, cross_year_rules, figure_values, missing_sections, sum_cells

FILE_SECONDS = 20.0  # one file's reading and checking; a real report takes 10–200 ms
MAX_ITEMS = 300  # findings or log lines kept per file; a hostile text could make thousands
PROBLEM_LEVELS = frozenset({"mismatch", "missing", "unread", "warning", "error"})


class FileTimeout(BaseException):
    """Raised inside a worker when one file takes longer than :data:`FILE_SECONDS`.

    A ``BaseException``, so that an importer's ``except Exception`` cannot swallow it and read on.
    """


@dataclass(frozen=True)
class Item:
    """A finding as the review keeps it: severity (``error``/``warning``), rule id, message, explained or not."""

    severity: str
    rule: str
    message: str
    explained: bool = False


@dataclass(frozen=True)
class LogLine:
    """One line of a file's import log: its level (``read``, ``mismatch``, …) and its text."""

    level: str
    text: str


@dataclass(frozen=True)
class LastReport:
    """What the review keeps of a previous-year report: its file name, year and input values."""

    name: str
    agency: str
    year: int
    values: dict[str, Value]
    texts: dict[str, str] = field(default_factory=dict)  # for the copied-text rule

    @property
    def key(self) -> tuple[str, int]:
        return agency_key(self.agency), self.year


@dataclass
class FileReview:
    """One row of the review: a file, readable or not, with what was found in it."""

    path: str
    name: str
    kind: str
    shown: str = ""  # the path as the outputs show it, relative to the folder all files share (set by the parent)
    readable: bool = False
    reason: str = ""
    agency: str = ""
    year: int | None = None
    figures: tuple[Value, ...] = ()
    findings: tuple[Item, ...] = ()  # at most MAX_ITEMS kept; errors and warnings count them all
    errors: int = 0
    warnings: int = 0
    log: tuple[LogLine, ...] = ()
    import_problems: int = 0
    sums: tuple[Value, ...] = ()
    last_source: str = ""  # the previous-year file compared with
    published: str = ""  # 发布日期 as the report gives it (YYYY-MM-DD), for the assessment's deadline
    missing_sections: tuple[str, ...] = ()  # headings of the form's sections the report leaves empty
    copied: tuple[tuple[str, str], ...] = ()  # (section label, similarity) of sections copied from last year
    open_counts: tuple[tuple[str, int], ...] = ()  # rule id → findings not explained (errors always count)
    duplicate_of: tuple[str, ...] = ()  # other files of the same agency and year (set by the parent)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def duplicate(self) -> bool:
        return bool(self.duplicate_of)


# --- in the worker --------------------------------------------------------------------------------------------------
_LAST: Mapping[tuple[str, int], LastReport] = {}


def init_worker(last: Mapping[tuple[str, int], LastReport] | None = None, memory_bytes: int | None = None) -> None:
    """Pool initializer: last year's reports to compare with, a timer for slow files, a memory ceiling."""
    global _LAST
    _LAST = last or {}
    if memory_bytes:
        try:
            import resource

            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if soft == resource.RLIM_INFINITY or soft > memory_bytes:
                resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))
        except (ImportError, ValueError, OSError):
            pass  # not on this system (Windows): the importers' own limits still hold


def _on_alarm(signum: int, frame: object) -> None:
    raise FileTimeout


class _Deadline:
    """An interval timer around one file (only in a main thread where SIGALRM exists; elsewhere a no-op)."""

    def __init__(self, seconds: float) -> None:
        self.active = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        self.seconds = seconds

    def __enter__(self) -> _Deadline:
        if self.active:
            self.previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def read_any(path: str) -> tuple[Report, list[LogLine]]:
    """The report in ``path`` and its import log; raises with a Chinese message when it cannot be read."""
    if Path(path).suffix.lower() == ".govreport":
        from ..storage import read_report

        report = read_report(path)
        return report, [LogLine("unchecked", unchecked_text(report))] if report.unchecked else []
    from ..importers.dispatch import import_file

    res = import_file(path)
    return res.report, [LogLine(e.level, str(e)) for e in res.log]


def unchecked_text(report: Report) -> str:
    """The 待核对 marks a saved report still carries, as one line of its import log in the review."""
    shown = "、".join(report.form.cell_title(c) for c in list(report.unchecked)[:3])
    more = f"等{len(report.unchecked)}个" if len(report.unchecked) > 3 else ""
    return f"导入或从上年转入的数值尚未核对（待核对）：{shown}{more}"


def failure_reason(exc: BaseException, name: str) -> str:
    """A one-line Chinese reason for a file that could not be read."""
    from ..importers.base import ImportRefused
    from ..storage import ReportFileError

    if isinstance(exc, ImportRefused | ReportFileError):
        return str(exc)
    if isinstance(exc, FileTimeout):
        return f"“{name}”读取超过{FILE_SECONDS:g}秒，已放弃（文件可能过于复杂或已损坏）。"
    if isinstance(exc, RecursionError | MemoryError):
        return f"“{name}”过于复杂，无法读取。"
    return f"“{name}”读取时出错（{type(exc).__name__}），文件可能已损坏。"


def review_file(path: str) -> FileReview:
    """Read and check one file; never raises (a failure is a row with its reason)."""
    p = Path(path)
    row = FileReview(path=str(path), name=p.name, kind=file_kind(p))
    start = time.perf_counter()
    try:
        with _Deadline(FILE_SECONDS):
            _fill(row, path)
    except (Exception, FileTimeout) as exc:  # any failure of one file is that file's row, never the run's end
        row.readable = False
        row.reason = failure_reason(exc, p.name)
        row.findings, row.figures, row.sums, row.errors, row.warnings = (), (), (), 0, 0
        row.copied, row.open_counts, row.missing_sections, row.published = (), (), (), ""
    row.seconds = time.perf_counter() - start
    return row


def _fill(row: FileReview, path: str) -> None:
    report, log = read_any(path)
    row.readable = True
    row.agency, row.year = report.agency, report.year
    row.import_problems = sum(line.level in PROBLEM_LEVELS for line in log) + len(report.unchecked)
    n_read = sum(line.level == "read" for line in log)
    kept = [line for line in log if line.level != "read"]  # one line per cell read: summed up in one line
    row.log = tuple(kept[:MAX_ITEMS])
    if len(kept) > MAX_ITEMS:
        row.log += (LogLine("info", f"另有{len(kept) - MAX_ITEMS}条导入记录未列出。"),)
    if n_read:
        row.log += (LogLine("read", f"逐格读取记录{n_read}条，从略。"),)
    prev = _LAST.get((agency_key(report.agency), report.year - 1)) if report.year and report.agency else None
    if prev is not None:
        report.previous = Baseline(year=prev.year, cells=dict(prev.values))
        report.last_texts = dict(prev.texts)
        row.last_source = prev.name
    cross = cross_year_rules(report.form)
    copied_rules = report.form.rule_ids_of_kind("copied_text")
    items = []
    open_counts: Counter[str] = Counter()
    copied = []
    for f in check(report):
        msg = f"与上年报告“{prev.name}”比对：{f.message}" if prev is not None and f.rule in cross else f.message
        explained = is_confirmed(report, f)
        items.append(Item(f.severity, f.rule, msg, explained))
        if not explained:
            open_counts[f.rule] += 1
        if f.rule in copied_rules and f.place is not None:
            copied.append((report.form.text_keys.get(f.place.key, f.place.key), str(f.left)))
    row.open_counts = tuple(open_counts.items())
    row.copied = tuple(copied)
    row.published = str(report.meta.get("published") or "")
    row.missing_sections = missing_sections(report)
    row.findings = tuple(items[:MAX_ITEMS])
    row.errors = sum(i.severity == "error" for i in items)
    row.warnings = len(items) - row.errors
    row.figures = figure_values(report)
    row.sums = tuple(report.values.get(c) for c in sum_cells(report.form))
    if not report.agency:
        row.notes.append("未识别机关名称")
    if report.year is None:
        row.notes.append("未识别年度")


def read_last(path: str) -> LastReport | str:
    """A previous-year report for the cross-year checks, or the reason it cannot be used."""
    p = Path(path)
    try:
        with _Deadline(FILE_SECONDS):
            report, _log = read_any(path)
    except (Exception, FileTimeout) as exc:  # as in review_file
        return failure_reason(exc, p.name)
    if not report.agency or report.year is None:
        return f"“{p.name}”未识别机关名称或年度，不能用于跨年度比对。"
    texts = {k: t for k, t in report.texts.items() if t.strip()}
    return LastReport(p.name, report.agency, report.year, {c: v for c, v in report.values.items() if v is not None},
                      texts)
