"""The errors raised for unusable input: every problem, each with where it is.

A reader collects every problem of a document before it raises, so that one
run shows everything to mend. Messages stay short: a document with very many
problems keeps the first :data:`MAX_PROBLEMS` and counts the rest.

>>> from cluster_excellence import DocumentError
>>> from cluster_excellence.errors import MAX_PROBLEMS, Problem
>>> error = DocumentError("p.json", [Problem("clusters[0].id", "is missing (required)")])
>>> print(error)
p.json: clusters[0].id: is missing (required)
>>> many = DocumentError("p.json", [Problem(f"clusters[{i}].id", "is missing")
...                                 for i in range(MAX_PROBLEMS)], more=950)
>>> print(str(many).splitlines()[0], "...", str(many).splitlines()[-1])
p.json: 1000 problems ...   ... and 950 more problems
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from ._text import printable

__all__ = [
    "MAX_PROBLEMS",
    "CatalogueError",
    "DocumentError",
    "InvalidTypeError",
    "InvalidValueError",
    "ListingError",
    "PortfolioError",
    "Problem",
    "ProgrammeError",
    "RulebookError",
    "preset",
]

T = TypeVar("T")

#: A document error keeps at most this many problems and counts the rest
#: (our decision: one screen of messages; the rest are usually the same
#: mistake repeated).
MAX_PROBLEMS = 50


@attrs.frozen
class Problem:
    """One problem in a document: where (a JSON path or a line, empty for the whole
    document) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DocumentError(ValueError):
    """A document that cannot be used, with its problems.

    ``problems`` holds at most :data:`MAX_PROBLEMS` of them; ``more`` counts
    those left out.
    """

    def __init__(self, source: str, problems: Iterable[Problem], *, more: int = 0) -> None:
        kept = list(problems)
        self.source = source
        self.problems = tuple(kept[:MAX_PROBLEMS])
        self.more = more + max(len(kept) - MAX_PROBLEMS, 0)
        super().__init__(self._text())

    def _text(self) -> str:
        source = printable(self.source)
        if len(self.problems) == 1 and not self.more:
            return f"{source}: {self.problems[0]}"
        lines = [f"{source}: {len(self.problems) + self.more} problems"]
        lines.extend(f"  {problem}" for problem in self.problems)
        if self.more:
            lines.append(f"  ... and {self.more} more problems")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.source, self.problems, self.more))


def _rebuild(
    cls: type[DocumentError], source: str, problems: tuple[Problem, ...], more: int
) -> DocumentError:
    return cls(source, problems, more=more)


class InvalidValueError(ValueError):
    """A value that a value type or a function does not accept: ``field: what is wrong``.

    >>> import datetime as dt
    >>> from cluster_excellence import Benchmark, InvalidValueError
    >>> try:
    ...     Benchmark(dt.date(1, 1, 2))
    ... except InvalidValueError as error:
    ...     print(error)
    date: 0001-01-02 is before 0011-01-01, the earliest day accepted: a label's start looked for
    before it could fall before the year 1
    """


class InvalidTypeError(TypeError, ValueError):
    """A value of the wrong type for a value type or a function: ``field: what is wrong``.

    It is a :class:`TypeError`, and a :class:`ValueError` too, so that ``except
    ValueError`` catches every value the library does not accept.

    >>> from cluster_excellence import Benchmark, InvalidTypeError
    >>> try:
    ...     Benchmark("2019-07-25")
    ... except InvalidTypeError as error:
    ...     print(error)
    date: must be a day (datetime.date), not "2019-07-25"
    """


class PortfolioError(DocumentError):
    """A portfolio (``cluster-excellence.portfolio/1``) that cannot be used."""


class CatalogueError(DocumentError):
    """An indicator catalogue (``cluster-excellence.catalogue/1``) that cannot be used."""


class RulebookError(DocumentError):
    """A rulebook file (``cluster-excellence.rulebook/1``) that cannot be used."""


class ProgrammeError(DocumentError):
    """A programme file (``cluster-excellence.programme/1``) that cannot be used."""


class ListingError(DocumentError):
    """A label listing (CSV or text copied from the listing page) that cannot be used.

    Problems are located by line (``line 7, Label valid until``).
    """


def preset(presets: Mapping[str, T], name: str, what: str) -> T:
    """The preset ``name`` of ``presets``, or a :class:`KeyError` that lists the known ones.

    >>> from cluster_excellence.errors import preset
    >>> preset({"a": 1}, "b", "rulebook")
    Traceback (most recent call last):
    ...
    KeyError: "unknown rulebook 'b' (known: a)"
    """
    try:
        return presets[name]
    except KeyError:
        known = ", ".join(sorted(presets))
        raise KeyError(f"unknown {what} {name!r} (known: {known})") from None
