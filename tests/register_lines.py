"""A register spanning the 2024/2025 and 2025/2026 year boundaries, and Table 三 for 2025 counted from it by hand."""

from __future__ import annotations

from datetime import date

from govreport_gui.core.register.model import Register, RegisterLine

D = date.fromisoformat


def year_boundary_register() -> Register:
    L = RegisterLine
    return Register([
        # 1 carried in from 2024, answered in 2025
        L(D("2024-11-05"), "natural", "张三", result="granted", answered=D("2025-01-08")),
        # 2 answered in 2024: not 2025's
        L(D("2024-12-20"), "business", "某公司", result="partial", answered=D("2024-12-30")),
        # 3 carried in, 补正 and 延期, answered in 2025
        L(D("2024-12-28"), "legal", "某律所", result="unavailable.not_held", answered=D("2025-03-01"), extended=True,
          correction_asked=D("2025-01-03"), correction_received=D("2025-01-10")),
        # 4 carried in and still open: carried out again
        L(D("2024-12-30"), "natural", "李四"),
        # 5 new, answered
        L(D("2025-01-20"), "natural", result="granted", answered=D("2025-02-21")),
        # 6 new, withheld (third party), with consultation days
        L(D("2025-03-03"), "research", result="withheld.third_party", answered=D("2025-03-20"), consultation_days=5),
        # 7 new, withdrawn
        L(D("2025-06-10"), "nonprofit", result="other.other", answered=D("2025-06-12")),
        # 8 new, answered only in 2026: carried out
        L(D("2025-12-15"), "natural", result="granted", answered=D("2026-01-05")),
        # 9 new, open
        L(D("2025-12-29"), "other_org"),
        # 10 received in 2026: not 2025's
        L(D("2026-01-03"), "business"),
        # 11 new, duplicate
        L(D("2025-05-05"), "business", result="not_processed.duplicate", answered=D("2025-05-30")),
        # 12 new, 补正 asked and never received, closed as 逾期不补正
        L(D("2025-07-01"), "natural", result="other.no_correction", answered=D("2025-08-20"),
          correction_asked=D("2025-07-03")),
    ])


# Table 三 of 2025, by hand: cell -> (count, 序号 counted)
EXPECTED_2025: dict[str, tuple[int, list[int]]] = {
    "t3.new.natural": (3, [5, 8, 12]),
    "t3.new.business": (1, [11]),
    "t3.new.research": (1, [6]),
    "t3.new.nonprofit": (1, [7]),
    "t3.new.other_org": (1, [9]),
    "t3.carried_in.natural": (2, [1, 4]),
    "t3.carried_in.legal": (1, [3]),
    "t3.granted.natural": (2, [1, 5]),
    "t3.unavailable.not_held.legal": (1, [3]),
    "t3.withheld.third_party.research": (1, [6]),
    "t3.other.other.nonprofit": (1, [7]),
    "t3.not_processed.duplicate.business": (1, [11]),
    "t3.other.no_correction.natural": (1, [12]),
    "t3.carried_out.natural": (2, [4, 8]),
    "t3.carried_out.other_org": (1, [9]),
}
