"""The public names of the package, loaded on first use.

``cluster_excellence/__init__.pyi`` lists every public name once, one per
line as ``from .module import Name as Name``. Type checkers read that stub;
at run time :func:`attach` reads it too, so ``import cluster_excellence``
stays quick (each name's module is imported when the name is first used)
and the names are never written twice. The stub is read with plain string
operations: parsing it as Python would cost more than the rest of the
import.
"""

from __future__ import annotations

import importlib
import os

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing

if TYPE_CHECKING:  # annotations only: typing costs more to import than the rest
    from collections.abc import Callable
    from typing import Any

__all__ = ["attach", "public_names"]


def public_names(init_file: str) -> dict[str, str]:
    """Every public name in the stub beside ``init_file``, with its module (``.x.y``)."""
    stub = os.path.join(os.path.dirname(init_file), "__init__.pyi")
    names: dict[str, str] = {}
    with open(stub, encoding="utf-8") as file:
        for line in file:
            words = line.split()
            if len(words) == 6 and words[0] == "from" and words[1].startswith("."):
                names[words[5]] = words[1]
    return names


def attach(
    package: str, init_file: str, namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package`` from its stub."""
    names = public_names(init_file)

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
