"""A confirmation belongs to one finding: explaining W1 for 自然人 does not confirm a new W1 for 商业企业; changing
the values of a confirmed warning opens it again with the old explanation offered; files of format 1 and 2 (one
explanation per rule) migrate to the findings they match."""

from __future__ import annotations

import json

from govreport_gui.core.checks.confirmations import is_confirmed, offered
from govreport_gui.core.checks.finding import Finding
from govreport_gui.core.edits import Document, confirm, set_cell
from govreport_gui.core.form import Form
from govreport_gui.core.intake.carryover import carry_over
from govreport_gui.core.report import Report
from govreport_gui.core.storage import dumps, loads


def carried_cell(form: Form, col: str) -> str:
    rule = next(r for r in form.rules if r["kind"] == "baseline_equal")
    return rule["cell"].format(col=col)


def baseline_findings(doc: Document, cell: str | None = None) -> list[Finding]:
    """W1's findings (of ``cell`` only when given; a changed column also changes the 总计 column's W1)."""
    return [f for f in doc.findings if doc.report.form.rule(f.rule)["kind"] == "baseline_equal"
            and (cell is None or f.cells == (cell,))]


def carried_doc(seed: Report) -> tuple[Document, str, str]:
    new = carry_over(seed)
    natural, business = carried_cell(new.form, "natural"), carried_cell(new.form, "business")
    new.values[natural] = 5  # last year carried 0: W1 for 自然人
    new.invalidate()
    return Document(new), natural, business


def test_explaining_one_finding_does_not_confirm_another_of_the_same_rule(seed: Report) -> None:
    doc, natural, business = carried_doc(seed)
    (w1,) = baseline_findings(doc, natural)
    doc.apply(confirm(doc.report, w1, "上年结转数据经核实有误，以本年台账为准。"))
    assert is_confirmed(doc.report, w1)
    doc.apply(set_cell(business, 2))  # a different W1 appears
    by_cell = {f.cells[0]: f for f in baseline_findings(doc)}
    assert is_confirmed(doc.report, by_cell[natural])  # its values did not change
    new_w1 = by_cell[business]
    assert not is_confirmed(doc.report, new_w1)  # open: not silently confirmed by the other one's explanation
    offer = offered(doc.report, new_w1)
    assert offer is not None and offer.text == "上年结转数据经核实有误，以本年台账为准。" and offer.kind == "same_rule"
    doc.apply(confirm(doc.report, new_w1, "商业企业的结转已核实。"))
    assert is_confirmed(doc.report, baseline_findings(doc, natural)[0])  # the first kept its own
    assert is_confirmed(doc.report, baseline_findings(doc, business)[0])


def test_changed_values_reopen_the_warning_and_offer_the_old_explanation(seed: Report) -> None:
    doc, natural, _ = carried_doc(seed)
    (w1,) = baseline_findings(doc, natural)
    doc.apply(confirm(doc.report, w1, "已核实。"))
    doc.apply(set_cell(natural, 6))
    (again,) = baseline_findings(doc, natural)
    assert again.key != w1.key and not is_confirmed(doc.report, again)
    offer = offered(doc.report, again)
    assert offer is not None and offer.kind == "changed" and offer.text == "已核实。"
    cs = doc.apply(confirm(doc.report, again, "已核实（改为6）。"))
    assert doc.report.explanations == {again.key: "已核实（改为6）。"}  # the old one is replaced, in one step
    doc.apply(cs.inverse)
    assert doc.report.explanations == {w1.key: "已核实。"}
    doc.apply(set_cell(natural, 5))  # back to the explained values: confirmed again
    assert is_confirmed(doc.report, baseline_findings(doc, natural)[0])


def test_the_key_survives_saving(seed: Report) -> None:
    doc, natural, _ = carried_doc(seed)
    (w1,) = baseline_findings(doc, natural)
    doc.apply(confirm(doc.report, w1, "已核实。"))
    back = loads(dumps(doc.report))
    assert back.explanations == {w1.key: "已核实。"} and is_confirmed(back, w1)


def old_file(report: Report, version: int, explanations: dict[str, str]) -> str:
    doc = json.loads(dumps(report))
    doc["format_version"] = version
    doc["explanations"] = explanations
    return json.dumps(doc, ensure_ascii=False)


def test_per_rule_explanations_of_format_1_and_2_migrate_to_the_findings_they_match(seed: Report) -> None:
    w6 = [f for f in Document(seed).findings if f.rule == "W6"]
    assert len(w6) == 2
    for version in (1, 2):
        back = loads(old_file(seed, version, {"W6": "已在正文说明。", "W4": "规章一行确为0。"}))
        assert all(is_confirmed(back, f) for f in w6)
        # W4 has no finding: kept under the rule, offered to a W4 that may appear, never confirming one
        assert back.explanations["W4"] == "规章一行确为0。"
        assert set(back.explanations) == {f.key for f in w6} | {"W4"}
        again = json.loads(dumps(back))
        assert again["format_version"] == 4 and set(again["explanations"]) == set(back.explanations)
    back.values["t2.regulations.issued"] = 1
    back.invalidate()
    (w4,) = [f for f in Document(back).findings if f.rule == "W4"]
    assert not is_confirmed(back, w4)
    offer = offered(back, w4)
    assert offer is not None and offer.kind == "migrated"


def test_an_explanation_of_an_unknown_rule_is_refused(seed: Report) -> None:
    import pytest

    from govreport_gui.core.storage import ReportFileError

    with pytest.raises(ReportFileError, match="未知项"):
        loads(old_file(seed, 3, {"Z9|x|1|2": "x"}))
