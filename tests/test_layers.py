"""The shape of the house: layers that data flows through one way.

Every import inside the package is read from the source (imports inside
functions too) and checked against the layers of docs/architecture.rst: no
module imports a layer above its own, no import circle exists, and no
module imports a module of the package inside a function (lazy imports are
for the optional extras only).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import cluster_excellence

PACKAGE = Path(cluster_excellence.__file__).parent
DOCS = Path(__file__).resolve().parents[1] / "docs" / "architecture.rst"

#: The layers, and those each may import besides itself.
ALLOWED = {
    "base": set(),
    "model": {"base"},
    "files": {"base", "model"},
    "rules": {"base", "model", "files"},
    "renderers": {"base", "model", "files", "rules"},
    "cli": {"base", "model", "rules", "files", "renderers"},
    "top": {"base", "cli"},
}
LAYER_PACKAGES = ("model", "rules", "files", "renderers")


def module_of(path: Path) -> tuple[str, bool]:
    """The module's dotted name, and whether it is a package (``__init__``)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


SOURCES = {
    module_of(path): ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")
}
MODULES = {name for name, _ in SOURCES}


def layer(module: str) -> str:
    """The layer of a module: the layer packages, the command line, the top, or the base."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "top"
    if parts[1] in LAYER_PACKAGES:
        return parts[1]
    return "cli" if parts[1] == "cli" else "base"


def resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """The package modules an ``from ... import ...`` statement imports."""
    if node.level:
        parts = module.split(".") if is_package else module.split(".")[:-1]
        parts = parts[: len(parts) - node.level + 1]
        target = ".".join([*parts, *([node.module] if node.module else [])])
    else:
        target = node.module or ""
    if not target.startswith("cluster_excellence"):
        return []
    found = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES]
    return found or [target]


def imports(module: str, is_package: bool, tree: ast.AST) -> Iterator[tuple[str, bool]]:
    """Each package module imported, and whether the import is inside a function."""

    def walk(node: ast.AST, in_function: bool) -> Iterator[tuple[str, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", None) == "TYPE_CHECKING":
                continue  # for type checkers only
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.ImportFrom):
                for target in resolve(module, is_package, child):
                    yield target, inside
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("cluster_excellence"):
                        yield alias.name, inside
            yield from walk(child, inside)

    yield from walk(tree, False)


EDGES = [
    (module, target, inside)
    for (module, is_package), tree in SOURCES.items()
    for target, inside in imports(module, is_package, tree)
    if target != module
]


def test_the_imports_are_read() -> None:
    assert ("cluster_excellence.cli.status", "cluster_excellence.rules.status", False) in EDGES
    assert len(EDGES) > 100


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_runs_upward(module: str) -> None:
    own = layer(module)
    for source, target, _ in EDGES:
        if source == module:
            assert layer(target) in ALLOWED[own] | {own}, (
                f"{module} ({own}) imports {target} ({layer(target)})"
            )


def test_no_package_module_is_imported_inside_a_function() -> None:
    assert [(source, target) for source, target, inside in EDGES if inside] == []


def test_there_is_no_import_circle() -> None:
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for source, target, _ in EDGES:
        if target in graph:
            graph[source].add(target)
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> None:
        assert module not in path, "import circle: " + " -> ".join([*path, module])
        if module in done:
            return
        path.append(module)
        for target in sorted(graph[module]):
            visit(target)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)


def test_the_check_catches_an_upward_import_and_a_lazy_one() -> None:
    """The test can fail: a rule importing a renderer, in a function, is caught twice."""
    tree = ast.parse("def f():\n    from ..renderers.text import status_table\n")
    found = list(imports("cluster_excellence.rules.status", False, tree))
    assert found == [("cluster_excellence.renderers.text", True)]
    assert layer(found[0][0]) not in ALLOWED["rules"]


def drawn_modules() -> set[str]:
    """The modules the picture in docs/architecture.rst shows (``layer.name`` or ``name``)."""
    text = DOCS.read_text(encoding="utf-8")
    picture = text.split("\n    cluster_excellence/\n", 1)[1].split("\n\n", 1)[0]
    drawn: set[str] = set()
    current = ""
    for line in picture.splitlines():
        name = line.split()[0]
        if name == "...":
            continue
        depth = (len(line) - len(line.lstrip())) // 2
        if name.endswith("/"):
            current = name.rstrip("/")
        elif depth == 4:
            drawn.add(f"{current}.{name.removesuffix('.py')}")
        else:
            drawn.add(name.removesuffix(".pyi").removesuffix(".py"))
    return drawn


def test_the_picture_in_the_docs_shows_every_module() -> None:
    actual = {module.removeprefix("cluster_excellence.") for module in MODULES}
    actual = {"__init__" if m == "cluster_excellence" else m for m in actual}
    actual -= {*LAYER_PACKAGES, "cli"}  # drawn as folders
    assert drawn_modules() == actual


def _loaded_by_name(module: str, is_package: bool, tree: ast.AST) -> Iterator[str]:
    """The package modules (or module prefixes) a module loads by name, with
    ``importlib.import_module(".x.y", ...)``: the command line loads the chosen command's
    module and the readers its input needs so; the package loads its public names so."""
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "import_module"
            and node.args
        ):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            text = first.value
        elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
            text = str(first.values[0].value)
        else:
            continue
        if not text.startswith("."):
            continue  # an optional extra (pandas, openpyxl, matplotlib)
        level = len(text) - len(text.lstrip("."))
        parts = module.split(".") if is_package else module.split(".")[:-1]
        base = ".".join(parts[: len(parts) - level + 1])
        rest = text[level:].rstrip(".")
        yield f"{base}.{rest}" if rest else base


def test_modules_loaded_by_name_keep_to_the_layers() -> None:
    found = []
    for (module, is_package), tree in SOURCES.items():
        for target in _loaded_by_name(module, is_package, tree):
            found.append((module, target))
            assert layer(target) in ALLOWED[layer(module)] | {layer(module)}, (module, target)
    assert ("cluster_excellence.cli._common", "cluster_excellence.files") in found
    assert ("cluster_excellence.cli", "cluster_excellence.cli") in found
