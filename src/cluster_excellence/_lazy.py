"""The public names of the package, loaded on first use.

``cluster_excellence/__init__.pyi`` lists every public name once, as
``from .module import Name as Name``. Type checkers read that stub; at run
time :func:`attach` reads it too, so ``import cluster_excellence`` stays
quick (each name's module is imported when the name is first used) and the
names are never written twice.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable
from importlib import resources
from typing import Any

__all__ = ["attach"]


def public_names(package: str) -> dict[str, str]:
    """Every public name of ``package`` with the module (relative, ``.x.y``) it comes from."""
    stub = resources.files(package).joinpath("__init__.pyi").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for node in ast.parse(stub).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = "." + node.module
    return names


def attach(
    package: str, namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package`` from its stub."""
    names = public_names(package)

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        namespace[name] = value  # later lookups find it directly
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__, sorted([*names, "__version__"])
