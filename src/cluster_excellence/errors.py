"""The errors raised for unusable files: every problem, each with its JSON path.

>>> error = DocumentError("p.json", [Problem("clusters[0].id", "is missing (required)")])
>>> print(error)
p.json: clusters[0].id: is missing (required)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["CatalogueError", "DocumentError", "ListingError", "PortfolioError", "Problem"]


@attrs.frozen
class Problem:
    """One problem in a file: where (a JSON path, empty for the whole file) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DocumentError(ValueError):
    """A file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        if len(self.problems) == 1:
            return f"{self.source}: {self.problems[0]}"
        lines = [f"{self.source}: {len(self.problems)} problems"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.source, self.problems))


class PortfolioError(DocumentError):
    """A portfolio file (``cluster-excellence.portfolio/1``) that cannot be used."""


class CatalogueError(DocumentError):
    """An indicator catalogue (``cluster-excellence.catalogue/1``) that cannot be used."""


class ListingError(DocumentError):
    """A label listing (CSV or text copied from the listing page) that cannot be used.

    Problems are located by line (``line 7, Label valid until``).
    """
