"""The window's rooms, read from the code (ast, no Qt needed): no circles, and no room importing the shell.

``govreport_gui/ui`` is the shell (the modules directly in it: the application, the main window, its menus, tabs and
bars) over the rooms — its sub-packages, grouped by what the clerk works on.  A room may import ``base``, its own
modules and other rooms, never the shell; no modules import each other in a circle, and neither do the rooms taken
as wholes.  Every ``import`` counts, also those inside functions and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "govreport_gui" / "ui"
MAX_MODULES = 30  # modules side by side in one folder


def module_names() -> dict[str, Path]:
    """Every ui module by its name relative to ``govreport_gui.ui`` (a package by its folder's name)."""
    out = {}
    for path in UI.rglob("*.py"):
        rel = path.relative_to(UI).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The ui modules ``name`` imports, anywhere in it (relative and absolute imports resolved)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    package = [p for p in package if p]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level - 1 > len(package):  # reaches above ui (the core)
                    continue
                base = package[: len(package) - (node.level - 1)]
                full = ".".join([*base, *([node.module] if node.module else [])])
            elif (node.module or "") == "govreport_gui.ui" or (node.module or "").startswith("govreport_gui.ui."):
                full = node.module.removeprefix("govreport_gui.ui").lstrip(".")  # type: ignore[union-attr]
            else:
                continue
            targets = [f"{full}.{a.name}".lstrip(".") if f"{full}.{a.name}".lstrip(".") in known else full
                       for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name.removeprefix("govreport_gui.ui.") for a in node.names
                       if a.name.startswith("govreport_gui.ui.")]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def graph() -> dict[str, set[str]]:
    mods = module_names()
    known = set(mods) - {""}
    return {n: imports_of(n, mods[n], known) for n in known}


def shell() -> set[str]:
    return {p.stem for p in UI.glob("*.py") if p.stem != "__init__"}


def room_of(name: str) -> str:
    return name.split(".")[0]


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_imports_are_read() -> None:
    """The reader sees relative, sideways, package and function-level imports (else the tests below would pass on
    nothing), and the circle finder finds a circle."""
    g = graph()
    assert {"base.style", "document.controller", "register.links"} <= g["grid.table_model"]
    assert {"grid.table_view", "register.tab", "text.prose_tab"} <= g["section_tabs"]
    assert "review.dialog" in g["menus"]  # inside a function
    assert "base.settings" in g["app"]  # ``from .base import settings``, inside a function
    assert "grid.table_model" in g["grid.view_api"]  # under TYPE_CHECKING
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_room_imports_the_shell() -> None:
    top = shell()
    assert {"app", "main_window", "menus", "section_tabs"} <= top
    upward = [f"{name} → {dep}" for name, deps in sorted(graph().items()) if "." in name
              for dep in sorted(deps) if dep in top]
    assert upward == []


def test_no_circle_of_ui_modules() -> None:
    assert circles(graph()) == []


def test_no_circle_of_rooms() -> None:
    """Rooms import each other sideways, but never round: taken as wholes they still form no circle."""
    top = shell()
    rooms: dict[str, set[str]] = {}
    for name, deps in graph().items():
        if room_of(name) not in top:
            rooms.setdefault(room_of(name), set()).update(room_of(d) for d in deps if room_of(d) != room_of(name))
    assert len(rooms) >= 10
    assert circles(rooms) == []


def test_no_folder_holds_more_than_thirty_modules() -> None:
    crowded = {str(folder.relative_to(UI)): n for folder in [UI, *(p for p in UI.rglob("*") if p.is_dir())]
               if (n := len(list(folder.glob("*.py")))) > MAX_MODULES}
    assert crowded == {}
