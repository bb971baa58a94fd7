"""The review's assessment (``govreport review --units``): every unit of the list, missing ones too; the deadline of
条例第四十九条 by 类别; the six sections; copied sections; the score, whose points add up to it; a sheet per 上级 with
sums; the units list, its template and its refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from assessment_folder import COPIER, LATE, MISSING, NO_DATE, OFFICE, REFORM, UNITS, UNREADABLE, build

from govreport_gui.core.form import Form
from govreport_gui.core.review import collect_files, review
from govreport_gui.core.review.assessment import MISSING as NOT_SENT
from govreport_gui.core.review.assessment import RECEIVED, Assessment, assess
from govreport_gui.core.review.assessment import UNREADABLE as CANNOT_READ
from govreport_gui.core.review.units import UnitsRefused, parse_units, read_units, units_template_bytes


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build(tmp_path_factory.mktemp("assessment"))


@pytest.fixture(scope="module")
def assessment(folders) -> Assessment:  # type: ignore[no-untyped-def]
    from govreport_gui.core.form import load_form

    form = load_form()
    result = review(collect_files([str(folders.this)]), collect_files([str(folders.last)]), workers=0)
    return assess(result, read_units(folders.units, form), form)


def by_name(a: Assessment) -> dict[str, object]:
    return {u.name: u for u in a.units}


def test_every_unit_of_the_list_is_a_row_missing_ones_too(assessment: Assessment) -> None:
    units = by_name(assessment)
    assert set(units) == set(UNITS)
    assert {n for n, u in units.items() if u.status == NOT_SENT} == set(MISSING)  # type: ignore[attr-defined]
    assert units[UNREADABLE].status == CANNOT_READ  # type: ignore[attr-defined]
    assert [u.row.agency for u in assessment.outside] == ["外单位"]  # type: ignore[union-attr]
    assert all(u.score == 0 for u in assessment.units if u.status != RECEIVED)


def test_the_deadline_follows_the_category(assessment: Assessment) -> None:
    units = by_name(assessment)
    late = units[LATE]
    assert (late.on_time, late.deadline.isoformat()) == (False, "2024-01-31")  # type: ignore[attr-defined]
    assert late.points[0].got == 0 and "晚于法定期限2024-01-31" in late.points[0].why  # type: ignore[attr-defined]
    government = units["丙区人民政府"]  # published 2024-03-20: late for a 部门, on time for a 政府
    assert government.on_time is True and government.deadline.isoformat() == "2024-03-31"  # type: ignore[attr-defined]
    no_date = units[NO_DATE]
    assert no_date.on_time is None and no_date.points[0].got == 0  # type: ignore[attr-defined]
    assert assessment.total.late == 1 and assessment.total.no_date == 1 and assessment.total.on_time == 3


def test_copied_problems_and_missing_sections_lose_their_points(assessment: Assessment) -> None:
    units = by_name(assessment)
    copier = units[COPIER]
    assert [label for label, _ in copier.row.copied] == ["五、存在的主要问题及改进情况"]  # type: ignore[attr-defined]
    copied_point = next(p for p in copier.points if p.label == "正文不照抄上年")  # type: ignore[attr-defined]
    assert (copied_point.full, copied_point.got) == (10, 0) and "相似度" in copied_point.why
    assert [u.name for u in assessment.units if u.row and u.row.copied] == [COPIER]
    sections = next(p for p in units[NO_DATE].points if p.label == "六个部分齐全")  # type: ignore[attr-defined]
    assert (sections.got, sections.why) == (25, "缺少六、其他需要报告的事项")


def test_the_points_add_up_to_the_score_and_units_sort_by_it(assessment: Assessment) -> None:
    for u in assessment.units:
        assert sum(p.got for p in u.points) == u.score
        assert all(0 <= p.got <= p.full for p in u.points)
        assert [p.full for p in u.points] == [full for _, full in assessment.labels]
    assert assessment.full == 100
    scores = [u.score for u in assessment.units]
    assert scores == sorted(scores, reverse=True)
    assert by_name(assessment)["甲区教育局"].score == 100  # type: ignore[attr-defined]
    groups = {g.superior: g for g in assessment.groups}
    assert set(groups) == {OFFICE, REFORM}
    assert groups[OFFICE].units == 4 and groups[OFFICE].missing == 1 and groups[REFORM].unreadable == 1
    assert sum(g.total_score for g in groups.values()) == assessment.total.total_score


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport_gui.cli", *args], capture_output=True, text=True)


def test_cli_workbook_and_page(folders, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    xlsx, page = tmp_path / "考核.xlsx", tmp_path / "考核.html"
    p = run("review", str(folders.this), "--last", str(folders.last), "--units", str(folders.units),
            "--xlsx", str(xlsx), "--html", str(page))
    assert p.returncode == 0, p.stderr
    assert "名单内8个单位，已报送5个，未报送2个，无法读取1个" in p.stdout
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames[:4] == ["考核", f"上级 {OFFICE}", f"上级 {REFORM}", "名单外"]
    assert wb.active.title == "考核"
    ws = wb["考核"]
    header = [c.value for c in ws[3]]
    score_col = next(i for i, h in enumerate(header) if str(h).startswith("得分"))
    first_point = header.index("按期公布（20分）")
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert {r[1] for r in rows} == set(UNITS)
    for r in rows:
        assert sum(r[first_point:score_col]) == r[score_col]  # each point shown; they add up
    assert [r[score_col] for r in rows] == sorted((r[score_col] for r in rows), reverse=True)
    status = {r[1]: r[header.index("报送情况")] for r in rows}
    assert [n for n, s in status.items() if s == "未报送"] == sorted(MISSING, key=list(status).index)
    sums = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1] in (OFFICE, REFORM, "合计")}
    assert sums["合计"][2] == 8 and sums["合计"][3] == 5  # 单位数, 已报送
    office = wb[f"上级 {OFFICE}"]
    names = {r[1] for r in office.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)}
    assert names == {n for n, (_c, s, _p) in UNITS.items() if s == OFFICE}
    summary = wb["汇总"]
    head = [c.value for c in summary[2]]
    copied = {r[head.index("机关")]: r[head.index("照抄上年")] for r in summary.iter_rows(min_row=3, values_only=True)}
    assert {a for a, v in copied.items() if v} == {COPIER}  # the review's column of copied sections
    assert copied[COPIER].startswith("五、存在的主要问题及改进情况（")
    text = page.read_text(encoding="utf-8")
    assert 'id="assessment"' in text and all(name in text for name in UNITS)
    assert text.index('id="assessment"') < text.index('id="summary"')


def test_units_list_refusals(folders, tmp_path: Path, form: Form) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnitsRefused, match="没有“单位名称”“类别”“上级”三列的标题"):
        parse_units([(1, ["名称", "类型"])], "名单.xlsx", form)
    with pytest.raises(UnitsRefused, match="第3行（甲局）的类别“事业单位”无法识别，应为“部门”或“政府”"):
        parse_units([(1, ["单位名称", "类别", "上级"]), (2, ["乙局", "部门", "市"]), (3, ["甲局", "事业单位", "市"])],
                    "名单.xlsx", form)
    with pytest.raises(UnitsRefused, match="第3行的单位“乙 局”与第2行重复"):
        parse_units([(1, ["单位名称", "类别", "上级"]), (2, ["乙局", "部门", "市"]), (3, ["乙 局", "政府部门", "市"])],
                    "名单.xlsx", form)
    aliases = parse_units([(1, ["单位名称", "类别", "上级"]), (2, ["丙县人民政府", "人民政府", ""])], "名单.xlsx", form)
    assert (aliases[0].category, aliases[0].superior) == ("政府", "（未填写上级）")
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 2)
    p = run("review", str(folders.this), "--units", str(broken), "--xlsx", str(tmp_path / "o.xlsx"))
    assert p.returncode == 2 and p.stderr.startswith("govreport：") and "Traceback" not in p.stderr
    assert not (tmp_path / "o.xlsx").exists()


def test_template_round_trip(tmp_path: Path, form: Form) -> None:
    out = tmp_path / "单位名单.xlsx"
    p = run("review", "template", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert run("review", "template", "-o", str(out)).returncode == 2  # not over an existing file without --force
    wb = openpyxl.load_workbook(out)
    ws = wb["单位名单"]
    assert [c.value for c in ws[1]] == ["单位名称", "类别", "上级"]
    assert ws.data_validations.dataValidation[0].formula1 == '"部门,政府"'
    ws.append(["甲局", "部门", "市政府办公室"])
    ws.append([" 乙县人民政府 ", "政府", "市政府办公室"])
    wb.save(out)
    assert [(u.name, u.category) for u in read_units(out, form)] == [("甲局", "部门"), ("乙县人民政府", "政府")]
    assert units_template_bytes(form)[:2] == b"PK"
