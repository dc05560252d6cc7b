"""The repository's pytest configuration.

The doctests of the modules and the docs run as they are written, each in a fresh
namespace, so that every example runs when pasted: an example imports what it uses.
"""

from __future__ import annotations

from typing import Any

from _pytest.doctest import DoctestItem


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """Give every doctest an empty namespace instead of its module's."""
    for item in items:
        if isinstance(item, DoctestItem) and item.dtest is not None:
            item.dtest.globs = {"__name__": "__main__"}
