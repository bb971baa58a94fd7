"""The supervisor's desk: review many reports at once (findings, key figures, cross-year checks) and sum them.

- :mod:`.collect` — which files a review reads;
- :mod:`.reading` — one file read and checked in a worker process, kept as a small :class:`FileReview` row;
- :mod:`.pool` — the process pool that makes a hostile file one failed row;
- :mod:`.run` — :func:`iter_review` (progress, cancel) and :func:`review`;
- :mod:`.total` — the cell-wise sum (汇总);
- :mod:`.workbook`, :mod:`.page` — the results as a workbook and a self-contained HTML page.
"""

from .collect import CollectRefused, collect_files
from .reading import FileReview, Item, LogLine
from .run import Progress, ReviewResult, iter_review, review
from .total import SumRefused, SumResult, review_sum, sum_reports, sum_rows

__all__ = [
    "CollectRefused", "FileReview", "Item", "LogLine", "Progress", "ReviewResult", "SumRefused", "SumResult",
    "collect_files", "iter_review", "review", "review_sum", "sum_reports", "sum_rows",
]
