"""What an import leaves in a report, and what the clerk does with it.

:mod:`.record` (the 待核对 marks and the import log in the ``.govreport`` file, format 4), :mod:`.record_edits` (printed
totals and the import log as edits with inverses), :mod:`.settle` (以计算值为准 for a printed total that disagrees
with its parts) and :mod:`.last_year` (从上年报告新建 from any file the importers read).  Each module sits in its own
layer of the core (``tests/test_core_layers.py``); this package itself imports nothing.
"""
