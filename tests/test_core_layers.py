"""The core's layers, in order: a module never imports one above it, and no modules import each other in a circle.

``LAYERS`` is the house as built, from the ground up (docs/design.md draws it).  Each module of the core belongs to
exactly one layer (a new module must be placed here); a module may import its own layer and those below.  Two
checks: the imports read from the code (every ``import``, also those inside functions), and the modules actually
loaded when each layer is imported in a fresh process, layer by layer — as :mod:`test_core_isolation` does for
PySide6.
"""

from __future__ import annotations

import ast
import fnmatch
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "govreport_gui"

# From the ground up; names relative to govreport_gui.core, fnmatch patterns.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("ground: paths, text, atomic saves, the form file, fonts",
     ("paths", "text_safety", "os_errors", "shown", "paragraphs", "tsv", "bounded_read", "atomic", "form",
      "meta_fields", "fonts", "fonts.*", "text_similarity")),
    ("values and the grid", ("values", "grid")),
    ("totals", ("compute",)),
    ("the applications register (lines, counting, deadlines)", ("register", "register.*")),
    ("the report", ("report", "imported", "imported.record", "imported.record_edits")),
    ("what works on a report's cells", ("workbook", "paste_plan", "sheet_cells")),
    ("the rules and the file", ("checks", "checks.*", "storage")),
    ("edits, recovery, locks", ("edits", "recovery", "document_file", "locking", "schema", "prose", "prose_fix")),
    ("exporters", ("exporters", "exporters.*")),
    ("importers", ("importers", "importers.*")),
    ("intake: last year's report and imported documents taken in", ("intake", "intake.*")),
    ("two years side by side", ("compare", "compare.*")),
    ("the supervisor's review", ("review", "review.*")),
]


def module_names() -> dict[str, Path]:
    out = {}
    for path in (PACKAGE / "core").rglob("*.py"):
        rel = path.relative_to(PACKAGE / "core").with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts) or "__init__"] = path
    return out


def layer_of(name: str) -> int:
    found = [i for i, (_, patterns) in enumerate(LAYERS) if any(fnmatch.fnmatchcase(name, p) for p in patterns)]
    assert len(found) == 1, f"core module {name!r} is in {len(found)} layers: place it in LAYERS once"
    return found[0]


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The core modules ``name`` imports, anywhere in it (relative imports resolved)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                if node.level - 1 > len(package):  # reaches above the core
                    continue
                full = ".".join([*base, *([node.module] if node.module else [])])
            elif (node.module or "").startswith("govreport_gui.core."):
                full = node.module.removeprefix("govreport_gui.core.")  # type: ignore[union-attr]
            else:
                continue
            targets = [f"{full}.{a.name}" if full else a.name for a in node.names] + [full]
        elif isinstance(node, ast.Import):
            targets = [a.name.removeprefix("govreport_gui.core.") for a in node.names
                       if a.name.startswith("govreport_gui.core.")]
        for t in targets:
            if t in known and t != name:
                out.add(t)
                break
            parent = t.rsplit(".", 1)[0]
            if parent in known and parent != name and "." in t:
                out.add(parent)
                break
    return out


def test_the_imports_are_read() -> None:
    """The reader sees relative, absolute and function-level imports (else the tests below would pass on nothing)."""
    mods = module_names()
    known = set(mods) - {"__init__"}
    wanted = {"report", "register.count", "register.fileformat", "atomic"}
    assert wanted <= imports_of("storage", mods["storage"], known)
    assert {"checks.finding", "fonts.coverage"} <= imports_of("checks.glyphs", mods["checks.glyphs"], known)
    assert "importers.dispatch" in imports_of("review.reading", mods["review.reading"], known)  # inside a function


def test_every_core_module_has_one_layer() -> None:
    for name in module_names():
        if name != "__init__":
            layer_of(name)


def test_no_core_module_imports_one_above_it() -> None:
    mods = module_names()
    known = set(mods) - {"__init__"}
    upward = []
    for name in sorted(known):
        mine = layer_of(name)
        for dep in imports_of(name, mods[name], known):
            if layer_of(dep) > mine:
                upward.append(f"{name} ({LAYERS[mine][0]}) → {dep} ({LAYERS[layer_of(dep)][0]})")
    assert upward == []


def test_no_circle_of_imports_in_the_package() -> None:
    """No modules of the core or the command line import each other in a loop (Tarjan's strongly connected parts)."""
    mods = module_names()
    known = set(mods) - {"__init__"}
    graph = {n: imports_of(n, mods[n], known) for n in known}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
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
                circles.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert circles == []


def test_importing_the_layers_in_order_loads_nothing_above() -> None:
    """In a fresh process, import layer after layer: after each, no module of a higher layer is loaded."""
    known = sorted(set(module_names()) - {"__init__"})
    layers = [[n for n in known if layer_of(n) == i] for i in range(len(LAYERS))]
    code = (
        "import importlib, sys, json\n"
        f"layers = {layers!r}\n"
        "out = []\n"
        "for i, names in enumerate(layers):\n"
        "    for n in names:\n"
        "        importlib.import_module('govreport_gui.core.' + n)\n"
        "    above = {m for later in layers[i + 1:] for m in later}\n"
        "    core = 'govreport_gui.core.'\n"
        "    loaded = {m.removeprefix(core) for m in sys.modules if m.startswith(core)}\n"
        "    out += [f'{i}: {m}' for m in sorted(loaded & above)]\n"
        "print(json.dumps(out))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "[]", res.stdout


def test_no_folder_holds_more_than_thirty_modules() -> None:
    """Rooms a reader can see: a folder of the package with more than 30 modules side by side is split by subject."""
    crowded = {str(d.relative_to(PACKAGE)): n for d in [PACKAGE, *PACKAGE.rglob("*")]
               if d.is_dir() and d.name != "__pycache__" and (n := len(list(d.glob("*.py")))) > 30}
    assert crowded == {}
