"""Two years side by side: every table cell with its change, the prose diffed, the cross-year rules, a verdict.

- :mod:`.reading` — either report from any file the importer reads;
- :mod:`.cells` — the cell table (last year, this year, the change in 件 and %);
- :mod:`.prose` — each section diffed sentence by sentence, its similarity, copied or not;
- :mod:`.cross_year` — the cross-year rules (W1–W3) and the carried figures;
- :mod:`.run` — :func:`compare_reports` / :func:`compare_files` and the verdict;
- :mod:`.page`, :mod:`.word`, :mod:`.workbook` — the comparison as HTML, Word and Excel.
"""

from .reading import CompareRefused
from .run import Comparison, compare_files, compare_reports

__all__ = ["CompareRefused", "Comparison", "compare_files", "compare_reports"]
