"""The layers stay apart: read from the source's import statements (every one, also the
ones inside functions), so a lazy import cannot slip past.

* ``model`` never imports ``tui`` or Textual (or Rich, which comes with it), nor
  changes the interpreter (``gc``, the thread switch interval);
* ``model.store`` never imports ``model.planning`` or ``model.capture``;
* ``tui`` reaches the store and quick capture only through the names ``model.store``
  and ``model.capture`` export;
* no two modules import each other, directly or round a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("model", "tui")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


MODULES = source_modules()


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside ``if TYPE_CHECKING:`` (never run: not a dependency at run time)."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(name: str, *, runtime_only: bool = False) -> set[str]:
    """The modules ``name`` imports; ``from package import module`` names the module."""
    path = MODULES[name]
    tree = ast.parse(path.read_text("utf-8"), str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if runtime_only and isinstance(node, (ast.Import, ast.ImportFrom)) and _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            inner = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(inner)
            if len(inner) < len(node.names):  # a name defined in ``base`` itself
                found.add(base)
    return found


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def offenders(importer: str, forbidden: tuple[str, ...]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name in MODULES:
        if within(name, importer):
            bad = {i for i in imports_of(name) if any(within(i, f) for f in forbidden)}
            if bad:
                out[name] = bad
    return out


def test_the_source_is_found() -> None:
    assert {"model.store", "model.planning.book", "tui.app", "tui.cli.entry"} <= set(MODULES)
    assert "model.planning.book" in imports_of("model.planning.book_update")


def test_model_never_imports_the_app_or_textual() -> None:
    assert offenders("model", ("tui", "textual", "rich")) == {}


def test_model_leaves_the_interpreter_alone() -> None:
    # the collector and the thread hand-over are the app's to set (tui.interpreter)
    assert offenders("model", ("gc",)) == {}
    assert not [name for name, path in MODULES.items()
                if within(name, "model") and "setswitchinterval" in path.read_text("utf-8")]


def test_the_store_knows_nothing_of_planning_or_capture() -> None:
    assert offenders("model.store", ("model.planning", "model.capture", "model.actions",
                                     "model.transfer", "model.demo")) == {}


def test_tui_reaches_the_store_and_capture_only_through_their_exports() -> None:
    for package in ("model.store", "model.capture"):
        inside = tuple(m for m in MODULES if m.startswith(package + "."))
        assert inside, f"{package} has no modules inside it?"
        assert offenders("tui", inside) == {}, package


def test_no_import_cycles() -> None:
    graph = {name: {i for i in imports_of(name, runtime_only=True) if i in MODULES and i != name}
             for name in MODULES}
    # A package's __init__ re-exports its modules, and a module importing its own
    # package's __init__ for a name is a circle too: both count.
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert cycles == []


def test_model_shows_its_parts_at_its_top() -> None:
    """A newcomer sees the domain's parts, not forty modules: new modules go in a package."""
    top = sorted(p.name for p in (ROOT / "model").iterdir() if p.name != "__pycache__")
    assert len(top) <= 11, top
