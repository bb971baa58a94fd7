"""The folders and units list of an assessment, built for the tests: eight units on the list, five reports came.

2023 reports (``本年``): 甲 (部门, published 2024-01-20: on time), 乙 (部门, 2024-02-15: late), 丙 (政府,
2024-03-20: on time for a government), 丁 (部门, on time, its 五、存在的主要问题及改进情况 copied from its 2022
report), 戊 (部门, no publication date, section 六 left empty), a damaged file named for 己, and a report of 外单位
(not on the list).  庚 and 辛 sent nothing.  2022 reports (``上年``): the same units, each with other prose, except
丁's problems section.  上级: 市政府办公室 (甲, 乙, 丙, 庚) and 市发展改革委 (丁, 戊, 己, 辛).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govreport_gui.core.report import Report
from govreport_gui.core.storage import read_report, write_report

HERE = Path(__file__).resolve().parent
SEED = HERE / "data" / "linping-2023.govreport"
OFFICE, REFORM = "市政府办公室", "市发展改革委"
# name: (category, superior, published or "" (None: no report came))
UNITS: dict[str, tuple[str, str, str | None]] = {
    "甲区教育局": ("部门", OFFICE, "2024-01-20"),
    "乙区卫生健康局": ("部门", OFFICE, "2024-02-15"),
    "丙区人民政府": ("政府", OFFICE, "2024-03-20"),
    "丁区民政局": ("部门", REFORM, "2024-01-30"),
    "戊区司法局": ("部门", REFORM, ""),
    "己区财政局": ("部门", REFORM, None),  # a damaged file named for it
    "庚区人民政府": ("政府", OFFICE, None),
    "辛区商务局": ("部门", REFORM, None),
}
COPIER, LATE, NO_DATE, UNREADABLE = "丁区民政局", "乙区卫生健康局", "戊区司法局", "己区财政局"
MISSING = ("庚区人民政府", "辛区商务局")
PROBLEMS = {
    2022: ("{agency}2022年度政务公开工作存在栏目更新不及时的问题。"
           "下一步将建立{n}项更新台账，每季度检查一次，确保信息及时准确。"),
    2023: "{agency}本年度发现政策解读形式较单一、互动回应偏慢。今后将推出图解{n}篇，并在五个工作日内回应网民留言。",
}

OVERVIEW = {
    2022: "（一）主动公开\n{agency}通过门户网站发布信息{n}0条，并更新了政府信息公开指南。",
    2023: "（一）主动公开\n本年度围绕重点领域，在政务新媒体发布动态{n}5条，开展政府开放日活动{n}次。",
}


@dataclass
class AssessmentFolders:
    this: Path
    last: Path
    units: Path


def unit_report(seed: Report, agency: str, year: int, published: str, n: int) -> Report:
    r = Report.new(agency=agency, year=year)
    r.values = dict(seed.values)
    r.texts = {k: v.replace(seed.agency, agency).replace("2023", str(year)) for k, v in seed.texts.items()}
    r.texts["problems"] = PROBLEMS[year].format(agency=agency, n=n)
    r.texts["overview"] = OVERVIEW[year].format(agency=agency, n=n)
    r.meta["published"] = published
    return r


def build(base: Path) -> AssessmentFolders:
    import xlsxwriter

    seed = read_report(SEED)
    this, last = base / "本年", base / "上年"
    this.mkdir(parents=True)
    last.mkdir(parents=True)
    for n, (agency, (_category, _superior, published)) in enumerate(UNITS.items(), 1):
        if published is None:
            continue
        now = unit_report(seed, agency, 2023, published, n)
        before = unit_report(seed, agency, 2022, f"2023-01-{10 + n}", n)
        if agency == COPIER:
            now.texts["problems"] = before.texts["problems"].replace("2022年度", "2023年度")
        if agency == NO_DATE:
            del now.texts["other"]  # and section 六 left empty
        write_report(now, this / f"{agency}.govreport")
        write_report(before, last / f"{agency}-2022.govreport")
    (this / f"{UNREADABLE}.docx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 3)
    write_report(unit_report(seed, "外单位", 2023, "2024-01-05", 9), this / "外单位.govreport")
    units = base / "单位名单.xlsx"
    wb = xlsxwriter.Workbook(str(units))
    ws = wb.add_worksheet("单位名单")
    ws.write_string(0, 0, "2023年度政府信息公开工作年度报告考核单位名单")
    for c, h in enumerate(("单位名称", "类别", "上级")):
        ws.write_string(2, c, h)
    for r, (agency, (category, superior, _p)) in enumerate(UNITS.items(), 3):
        for c, v in enumerate((agency, category, superior)):
            ws.write_string(r, c, v)
    wb.close()
    return AssessmentFolders(this, last, units)
