"""What an import leaves in a report, held with the report.

:mod:`.record` (the 待核对 marks and the import log in the ``.govreport`` file, format 4) and :mod:`.record_edits`
(printed totals and the import log as edits with inverses).  What the clerk does with an import — the marks made,
以计算值为准, 从上年报告新建 — is in :mod:`..intake`, above the importers; this package itself imports nothing.
"""
