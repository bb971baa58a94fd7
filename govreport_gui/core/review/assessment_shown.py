"""What the assessment's outputs show, built once as plain text for the workbook (:mod:`.assessment_sheets`) and the
HTML page (:mod:`.page`): the units' table with every item's points beside the score, and the sums per 上级."""

from __future__ import annotations

from .assessment import RECEIVED, Assessment, GroupSums, UnitResult

SUM_HEADER = ("上级", "单位数", "已报送", "未报送", "无法读取", "按期公布", "逾期公布", "发布日期不明", "部分缺失",
              "照抄上年", "总分", "平均分")
OUTSIDE_HEADER = ("源文件", "机关", "年度", "说明")


def unit_header(a: Assessment) -> list[str]:
    return ["名次", "单位名称", "类别", "上级", "报送情况", "源文件", "发布日期", "法定期限", "按期公布",
            "缺少的部分", "错误", "未说明的警告", "照抄上年的部分",
            *[f"{label}（{full}分）" for label, full in a.labels], f"得分（满分{a.full}）", "扣分说明", "备注"]


def rank_of(units: list[UnitResult]) -> list[int]:
    """Competition ranks (1, 2, 2, 4) of ``units``, which are in score order."""
    ranks: list[int] = []
    for i, u in enumerate(units):
        ranks.append(ranks[-1] if i and u.score == units[i - 1].score else i + 1)
    return ranks


def unit_cells(rank: int, u: UnitResult) -> list[object]:
    """One unit's line, aligned with :func:`unit_header` (numbers stay numbers)."""
    row = u.row
    received = u.status == RECEIVED and row is not None
    on_time = {True: "是", False: "否", None: "不明"}[u.on_time] if received else ""
    open_warnings = sum(k for r, k in row.open_counts) - row.errors if received and row else None
    lost = "；".join(f"{p.label}扣{p.full - p.got}分：{p.why}" if p.why else f"{p.label}扣{p.full - p.got}分"
                    for p in u.points if p.got < p.full)
    if u.status != RECEIVED:
        lost = next((p.why for p in u.points if p.why), u.status)
    unit = u.unit
    return [
        rank, u.name, unit.category if unit else "", unit.superior if unit else "", u.status,
        (row.shown or row.name) if row else "", row.published if received and row else "",
        u.deadline.isoformat() if u.deadline else "", on_time,
        "、".join(row.missing_sections) if received and row else "",
        row.errors if received and row else None, open_warnings,
        "、".join(f"{label}（{pct}）" for label, pct in row.copied) if received and row else "",
        *[p.got for p in u.points], u.score, lost, "；".join(u.notes),
    ]


def sum_cells(g: GroupSums) -> list[object]:
    return [g.superior, g.units, g.received, g.missing, g.unreadable, g.on_time, g.late, g.no_date, g.incomplete,
            g.copied, g.total_score, g.average]


def headline(a: Assessment) -> str:
    t = a.total
    year = f"{a.year}年度" if a.year is not None else ""
    return (f"{year}考核：名单内{t.units}个单位，已报送{t.received}个，未报送{t.missing}个，无法读取{t.unreadable}个；"
            f"按期公布{t.on_time}个，逾期{t.late}个，发布日期不明{t.no_date}个；照抄上年{t.copied}个；"
            f"平均分{t.average or '—'}（满分{a.full}）。")


def outside_cells(u: UnitResult) -> list[object]:
    row = u.row
    assert row is not None
    return [row.shown or row.name, row.agency, row.year, "不在单位名单中，未计分"]
