"""A whole review: last year's reports first (for the cross-year checks), then this year's, with progress.

:func:`iter_review` is what a window's worker thread drives: it yields a :class:`Progress` after every file
(``done``/``total`` over both passes) and stops soon after ``cancel()`` turns true; the last progress carries the
:class:`ReviewResult` (also after a cancel, then with the rows read so far and ``cancelled`` set).
:func:`review` runs it to the end.  The parent keeps only the rows (:class:`~.reading.FileReview`, a few KB each);
the reports themselves live and die in the worker processes.

After reading: rows of the same agency and year are marked 重复 in both (or all) rows, a year that differs from the
most common one is noted, and the rows are sorted worst first — unreadable, then errors, duplicates, import
problems, warnings.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from ..form import load_form
from .figures import agency_key, key_figures
from .pool import MEMORY_BYTES, run_pool
from .reading import FileReview, LastReport, init_worker, read_last, review_file
from .total import SumResult, review_sum

STAGE_LAST, STAGE_THIS = "上年报告", "本年报告"


@dataclass
class ReviewResult:
    rows: list[FileReview]  # worst first
    figure_labels: tuple[str, ...]
    last_unusable: list[tuple[str, str]] = field(default_factory=list)  # previous-year files not usable: (name, why)
    last_count: int = 0  # previous-year reports available for comparison
    total: SumResult | None = None
    cancelled: bool = False
    main_year: int | None = None


@dataclass
class Progress:
    done: int
    total: int
    stage: str
    row: FileReview | None = None
    result: ReviewResult | None = None  # set on the last progress only


def _failed_row(path: str, why: str) -> FileReview:
    from .collect import file_kind

    name = os.path.basename(path)
    return FileReview(path=path, name=name, kind=file_kind(path), reason=f"“{name}”{why}")


def iter_review(
    files: Sequence[str | os.PathLike[str]],
    last_files: Sequence[str | os.PathLike[str]] = (),
    *,
    workers: int = 2,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Progress]:
    """Review ``files`` (compared with the reports in ``last_files``), yielding progress; see the module text."""
    cancelled = cancel or (lambda: False)
    paths, last_paths = [str(f) for f in files], [str(f) for f in last_files]
    total, done = len(paths) + len(last_paths), 0
    index: dict[tuple[str, int], LastReport] = {}
    unusable: list[tuple[str, str]] = []
    w = min(workers, len(last_paths))
    for i, got in run_pool(read_last, last_paths, lambda p, why: f"“{os.path.basename(p)}”{why}", workers=w,
                           initializer=init_worker if w > 0 else None, initargs=(None, MEMORY_BYTES),
                           cancel=cancelled):
        done += 1
        if isinstance(got, LastReport):
            index.setdefault(got.key, got)
        else:
            unusable.append((os.path.basename(last_paths[i]), got))
        yield Progress(done, total, STAGE_LAST)
    rows: list[FileReview] = []
    w = min(workers, len(paths))
    if not cancelled():
        for _i, row in run_pool(review_file, paths, _failed_row, workers=w, initializer=init_worker,
                                initargs=(index, MEMORY_BYTES if w > 0 else None), cancel=cancelled):
            done += 1
            rows.append(row)
            yield Progress(done, total, STAGE_THIS, row=row)
    if w <= 0:
        init_worker(None)  # the in-process run set the worker's module state: clear it
    result = finish(rows, unusable, len(index), cancelled=cancelled() or len(rows) < len(paths))
    yield Progress(done, total, STAGE_THIS, result=result)


def review(
    files: Sequence[str | os.PathLike[str]], last_files: Sequence[str | os.PathLike[str]] = (), *, workers: int = 2,
) -> ReviewResult:
    """Review ``files`` to the end (no progress, no cancel)."""
    result = None
    for p in iter_review(files, last_files, workers=workers):
        result = p.result or result
    assert result is not None
    return result


def finish(rows: list[FileReview], unusable: list[tuple[str, str]], last_count: int,
           cancelled: bool = False) -> ReviewResult:
    """Mark duplicates and off-year rows, add the sum, sort worst first."""
    form = load_form()
    for r, shown in zip(rows, display_paths(rows), strict=True):
        r.shown = shown
    mark_duplicates(rows)
    years = Counter(r.year for r in rows if r.readable and r.year is not None)
    main_year = max(years, key=lambda y: (years[y], y)) if years else None
    if main_year is not None and len(years) > 1:
        for r in rows:
            if r.readable and r.year is not None and r.year != main_year:
                r.notes.append(f"年度为{r.year}年，与多数报告（{main_year}年）不同")
    rows.sort(key=severity_key)
    return ReviewResult(
        rows=rows, figure_labels=tuple(k.label for k in key_figures(form)), last_unusable=unusable,
        last_count=last_count, total=review_sum(rows, form), cancelled=cancelled, main_year=main_year,
    )


def mark_duplicates(rows: list[FileReview]) -> None:
    """Every row whose agency and year another row shares gets the other files' names in ``duplicate_of``."""
    groups: dict[tuple[str, int], list[FileReview]] = {}
    for r in rows:
        key = agency_key(r.agency)
        if r.readable and key and r.year is not None:
            groups.setdefault((key, r.year), []).append(r)
    for group in groups.values():
        if len(group) > 1:
            for r in group:
                r.duplicate_of = tuple(o.shown or o.name for o in group if o is not r)


def display_paths(rows: list[FileReview]) -> list[str]:
    """Each row's path as shown: relative to the folder all files share (two files of one name stay distinct)."""
    paths = [os.path.abspath(r.path) for r in rows]
    try:
        root = os.path.commonpath([os.path.dirname(p) for p in paths]) if paths else ""
    except ValueError:  # paths on different drives
        root = ""
    return [os.path.relpath(p, root) if root else p for p in paths]


def severity_key(r: FileReview) -> tuple[object, ...]:
    """Sort key, worst first: unreadable, errors, duplicate, import problems, warnings, then by file."""
    return (r.readable, -r.errors, not r.duplicate, -r.import_problems, -r.warnings, -len(r.notes), r.name, r.path)
