"""A printed total that disagrees with its parts can be settled (issue 26, item 5, the core): last year's published
PDF prints the 行政复议 总计 as 0 while its parts sum to 11; after import the error used to stay for ever (the total is
computed, errors cannot be confirmed).  以计算值为准 drops the printed figure, keeps it in the import log and in an
explanation, as one undo step; the report then passes the final check's errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from published_pdf import published_lines, write_pdf

from govreport_gui.core.checks.readiness import unresolved
from govreport_gui.core.edits import Document
from govreport_gui.core.importers.dispatch import import_file
from govreport_gui.core.intake.review_marks import import_notes
from govreport_gui.core.intake.settle import SETTLE_TEXT, settle_printed, settles
from govreport_gui.core.report import Report
from govreport_gui.core.storage import dumps, loads

PARTS = {"t4.review.upheld": 5, "t4.review.corrected": 3, "t4.review.other": 2, "t4.review.pending": 1}


@pytest.fixture
def imported(seed: Report, tmp_path: Path) -> Report:
    seed.values.update(PARTS)
    pdf = write_pdf(published_lines(seed, [], {"t4.review.total": 0}), tmp_path / "上年.pdf")
    result = import_file(pdf)
    result.report.import_log = import_notes(result)
    return result.report


def test_settle_the_wrong_printed_total(imported: Report) -> None:
    rule = imported.form.rule_ids_of_kind("printed_totals")
    doc = Document(imported)
    wrong = [f for f in doc.findings if f.rule in rule]
    assert len(wrong) == 1 and wrong[0].severity == "error" and wrong[0].cells[0] == "t4.review.total"
    assert (wrong[0].left, wrong[0].right) == (11, 0)
    assert imported.get("t4.review.total") == 11  # computed: the cell refuses input
    assert settles(imported, wrong[0])
    log_before = len(imported.import_log)

    edit = settle_printed(imported, wrong[0])
    assert edit is not None
    cs = doc.apply(edit)
    assert "t4.review.total" not in imported.printed_totals
    assert not [f for f in doc.findings if f.rule in rule] and wrong[0] in cs.gone
    note = imported.import_log[-1]
    assert len(imported.import_log) == log_before + 1 and note.cell == "t4.review.total"
    assert note.message.startswith(SETTLE_TEXT) and "印出0" in note.message and "各项之和为11" in note.message
    assert imported.explanations[wrong[0].key] == note.message
    assert not unresolved(imported).errors

    again = loads(dumps(imported))  # saved: the printed figure stays in the log and the explanation
    assert again.import_log[-1] == note and again.explanations[wrong[0].key] == note.message
    assert not [f for f in Document(again).findings if f.rule in rule]

    doc.apply(cs.inverse)  # one undo step takes all three back
    assert imported.printed_totals["t4.review.total"] == 0
    assert len(imported.import_log) == log_before and wrong[0].key not in imported.explanations
    assert [f for f in doc.findings if f.rule in rule] == wrong


def test_only_printed_total_findings_settle(seed: Report) -> None:
    doc = Document(seed)
    assert doc.findings and all(settle_printed(seed, f) is None for f in doc.findings)
