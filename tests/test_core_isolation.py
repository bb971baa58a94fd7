"""The core stays light and Qt-free: importing it loads neither PySide6 nor reportlab nor openpyxl nor XlsxWriter."""

from __future__ import annotations

import subprocess
import sys


def test_core_imports_no_heavy_library() -> None:
    code = (
        "import sys, govreport_gui.core, govreport_gui.core.form, govreport_gui.core.report,"
        " govreport_gui.core.checks.run, govreport_gui.core.edits, govreport_gui.core.storage, govreport_gui.core.grid,"
        " govreport_gui.core.paths, govreport_gui.core.workbook, govreport_gui.core.exporters.pdf, govreport_gui.cli,"
        " govreport_gui.core.meta_fields, govreport_gui.core.document_file, govreport_gui.core.paste_plan,"
        " govreport_gui.core.intake.review_marks, govreport_gui.core.intake.baselines, govreport_gui.core.bounded_read,"
        " govreport_gui.core.checks.help, govreport_gui.core.importers.kind, govreport_gui.core.importers.noise\n"
        "govreport_gui.cli.build_parser()\n"
        "heavy = ('PySide6', 'shiboken6', 'reportlab', 'openpyxl', 'xlsxwriter')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in heavy]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_no_core_module_mentions_qt() -> None:
    import re
    from pathlib import Path

    core = Path(__file__).resolve().parents[1] / "govreport_gui" / "core"
    qt = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6)", re.M)
    offenders = [p.name for p in core.rglob("*.py") if qt.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
