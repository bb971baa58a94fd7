"""A block pasted into the register (core, no Qt): rows over lines, rows past them as new lines, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from govreport_gui.core.form import load_form
from govreport_gui.core.register.model import FIELDS, RegisterLine
from govreport_gui.core.register.paste import plan_register_paste
from govreport_gui.core.values import ValueRefused

D = date.fromisoformat
ALL = [f for f, _ in FIELDS]


def test_rows_change_lines_then_add_new_ones() -> None:
    lines = [RegisterLine(D("2025-01-02"), "natural"), RegisterLine(D("2025-01-03"), "business")]
    text = ("收到日期\t申请人类型\t申请人\n"  # a header row copied with the data is skipped
            "2025/1/4\t\t张三\n"
            "2025年2月1日\t法律服务机构\t某律所\n"
            "2025-03-05\t其他组织\t\n")
    plan = plan_register_paste(load_form(), lines, [1], ALL, text)
    assert plan.changed == {1: RegisterLine(D("2025-01-04"), None, "张三")}
    assert plan.added == [RegisterLine(D("2025-02-01"), "legal", "某律所"), RegisterLine(D("2025-03-05"), "other_org")]


def test_skipped_columns_and_the_receipt_date_first() -> None:
    lines = [RegisterLine(D("2025-05-01"), "natural")]
    # the answer date is checked against the new receipt date, whatever the column order
    plan = plan_register_paste(load_form(), lines, [0], ["answered", None, "received"], "2025-01-10\tx\t2025-01-05")
    assert plan.changed[0].received == D("2025-01-05") and plan.changed[0].answered == D("2025-01-10")


@pytest.mark.parametrize(("text", "fields", "message"), [
    ("\t自然人\n", ALL, "缺少收到日期"),
    ("2025-01-02\t法人\n", ALL, "第1行“申请人类型”"),
    ("2025-01-02\t自然人\n2025-13-01\n", ALL, "第2行“收到日期”"),
    ("2025-01-02\t自然人\tx\n", ["received", "applicant_type"], "超出了台账的范围"),
    ("\n \t \n", ALL, "没有可粘贴的内容"),
])
def test_refusals_name_the_place(text: str, fields: list[str | None], message: str) -> None:
    with pytest.raises(ValueRefused, match=message):
        plan_register_paste(load_form(), [], [], fields, text)
