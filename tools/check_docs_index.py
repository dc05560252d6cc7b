"""Check that the built documentation has an index entry for every public name.

Usage: python tools/check_docs_index.py BUILD_DIR

Reads the object inventory Sphinx wrote (BUILD_DIR/objects.inv) and checks
every public name of the package (the stub's), where it is defined, and every
other name of the modules' ``__all__`` (the internals page). Exits 1 with the
missing names.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from sphinx.util.inventory import InventoryFile

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
TOOL = importlib.import_module("make_api_docs")


def documented(build: Path) -> set[str]:
    """Every Python object the build documents, by its full name."""
    with (build / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    return {name for kind, items in inventory.items() if kind.startswith("py:") for name in items}


def wanted() -> set[str]:
    """The full names of the public API, and of every other name of a module's
    ``__all__``, where each is defined."""
    names = {f"cluster_excellence.{module}.{name}" for module, name in TOOL.public()}
    for module in TOOL.internal_modules():
        found = importlib.import_module(f"cluster_excellence.{module}")
        names.update(
            f"cluster_excellence.{module}.{name}" for name in getattr(found, "__all__", ())
        )
    return names


def main() -> int:
    build = Path(sys.argv[1])
    missing = sorted(wanted() - documented(build))
    if missing:
        print("no index entry for:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    print(f"every public name has an index entry ({len(wanted())} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
