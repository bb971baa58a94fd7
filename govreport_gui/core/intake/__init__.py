"""Taking in what the clerk starts from: last year's report carried over, an imported document's figures.

:mod:`.carryover` (this year's report started from last year's), :mod:`.baselines` (last year's figure beside each
cell), :mod:`.review_marks` (the 待核对 marks and the import log an import or a carry-over leaves), :mod:`.settle`
(以计算值为准 for a printed total that disagrees with its parts) and :mod:`.last_year` (从上年报告新建 from any file the
importers read).  The package sits above the importers and the edits (``tests/test_core_layers.py``); nothing below it
imports it, and this package itself imports nothing.
"""
