"""Characters the role fonts lack print from a fallback face; what no face has is a finding and an export warning.

Before: CJK Extension B (𠀀 𪚥), rarer characters missing from a face (刏 is not in AR PL UMing/UKai) and emoji printed
as empty boxes, with no warning.  Needs Debian's fonts-hanazono (HanaMinA/B) and poppler-utils, as `make test`
installs them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from govreport_gui.cli import main
from govreport_gui.core.checks.run import check
from govreport_gui.core.exporters.pdf import export_pdf
from govreport_gui.core.fonts.coverage import face_codepoints, undrawable
from govreport_gui.core.report import Report
from govreport_gui.core.storage import write_report

HANAZONO = Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")
pytestmark = [
    pytest.mark.skipif(not HANAZONO.is_file(), reason="fonts-hanazono not installed"),
    pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed"),
]
RARE = "𠀀𪚥刏😀"
NO_FONT = "\U000F0000"  # a private-use character no font here draws


def rare_report() -> Report:
    report = Report.new(agency="𠀀𪚥镇人民政府", year=2025)
    report.texts["overview"] = "本镇刏村群众反映问题😀，已办结。"
    return report


def test_rare_characters_print_from_a_fallback_face(tmp_path: Path) -> None:
    out = tmp_path / "rare.pdf"
    export_pdf(rare_report(), out)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert any("HanaMin" in row for row in rows), fonts  # the Extension B characters came from 花园明朝
    assert all(row.split()[-5] == "yes" for row in rows), fonts  # every font embedded
    assert not [f for f in check(rare_report()) if f.message.count("无法打印")]


def test_coverage_is_read_from_the_fonts_themselves() -> None:
    b = face_codepoints(str(HANAZONO), 0, (0, 0))
    assert 0x20000 in b and 0x2A6A5 in b
    assert undrawable(RARE + "政府") == []
    assert undrawable(f"甲{NO_FONT}乙") == [NO_FONT]


def test_a_character_no_font_has_is_a_finding_and_an_export_warning(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    report = rare_report()
    report.texts["other"] = f"特殊符号{NO_FONT}。"
    found = [f for f in check(report) if NO_FONT in f.message]
    assert len(found) == 1 and found[0].severity == "warning" and "六、其他需要报告的事项" in found[0].message
    src = tmp_path / "r.govreport"
    write_report(report, src)
    assert main(["export", str(src), "--pdf", str(tmp_path / "r.pdf")]) == 0
    out = capsys.readouterr().out
    assert "警告：" in out and "U+F0000" in out
