"""The form file is the only place that names cells and rules: no Python module of the package holds a cell id
("t3.new.total") or a rule id ("W6") as a string literal (docstrings and comments may mention them)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "govreport_gui"
CELL_ID = re.compile(r"(?<![A-Za-z0-9_])t[234]\.[a-z_]+")
RULE_ID = re.compile(r"(?<![A-Za-z0-9_])[HW]\d+(?![0-9])")


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def literals_naming_the_form(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            m = CELL_ID.search(node.value) or RULE_ID.search(node.value)
            if m:
                hits.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {m.group(0)!r} in {node.value[:60]!r}")
    return hits


def test_no_cell_or_rule_id_literals_in_the_package() -> None:
    hits = [h for p in sorted(PACKAGE.rglob("*.py")) for h in literals_naming_the_form(p)]
    assert hits == [], "cell or rule ids belong in the form file:\n" + "\n".join(hits)


def test_the_check_finds_them(tmp_path: Path) -> None:
    """The check itself works: a literal cell id, rule id or one in an f-string part is found; a docstring is not."""
    bad = PACKAGE / "_literal_probe.py"
    try:
        bad.write_text('"""Mentions t3.new.total and W1 in a docstring."""\nA = "t3.new.total"\nB = f"见规则H2：{A}"\n',
                       encoding="utf-8")
        found = literals_naming_the_form(bad)
    finally:
        bad.unlink()
    assert len(found) == 2 and "'t3.new'" in found[0] and "'H2'" in found[1]
