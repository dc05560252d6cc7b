"""One reader and writer for every JSON document format of the package.

A :class:`Format` is one format, such as ``cluster-excellence.portfolio/1``:
the description of its keys (``files/_fields.py``), the builder that makes
the value from the values read, the error it raises and the size of the
largest file it reads. From these it reads a file, parses a text (or the
bytes of standard input), checks a document already parsed (the JSON values
read from a table), writes a value as text and gives its JSON Schema. Every
document holds its ``format`` key first, and every format is written with
the one indentation :data:`INDENT`.

>>> from cluster_excellence.files.programme import PROGRAMME_FILES
>>> programme = PROGRAMME_FILES.parse('''{"format": "cluster-excellence.programme/1",
...   "id": "regional", "name": "A regional programme", "tiers": ["gold"]}''')
>>> programme
Programme('regional')
>>> print(PROGRAMME_FILES.to_json(programme), end="")
{
  "format": "cluster-excellence.programme/1",
  "id": "regional",
  "name": "A regional programme",
  "tiers": [
    "gold"
  ]
}
>>> PROGRAMME_FILES.parse('{"format": "cluster-excellence.programme/1"}', source="p.json")
Traceback (most recent call last):
...
cluster_excellence.errors.ProgrammeError: p.json: 3 problems
  id: is missing (required)
  name: is missing (required)
  tiers: is missing (required)
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .._text import show
from ..errors import DocumentError
from ._fields import Checker, Field, ObjectSpec, constant
from ._json import as_bytes, load_json, read_bytes

__all__ = ["INDENT", "Format"]

T = TypeVar("T")

#: The indentation of every document the package writes (our decision: two spaces, as
#: in most JSON files people read and edit by hand).
INDENT = 2

if TYPE_CHECKING:  # for the annotations only: made on every import of the rules
    #: Makes a format's value from its document's values by key (``format`` left out),
    #: or returns None after reporting why it cannot (``checker.fail``).
    _Build = Callable[[Checker, dict[str, Any]], T | None]


class Format(Generic[T]):
    """A JSON document format: read, parsed, checked, written and described alike.

    ``what`` names the document in messages (``"rulebook"``), ``format`` is
    the value of its ``format`` key, ``title`` the title of its JSON Schema;
    ``fields`` are the keys after ``format``; ``build`` makes the value;
    ``error`` is raised with every problem found; ``max_bytes`` is the
    largest file read unless the caller allows more.
    """

    __slots__ = ("_build", "error", "format", "max_bytes", "spec", "title", "what")

    def __init__(
        self,
        what: str,
        format: str,
        *,
        title: str,
        fields: Sequence[Field],
        build: _Build[T],
        error: type[DocumentError],
        max_bytes: int,
    ) -> None:
        self.what = what
        self.format = format
        self.title = title
        self.error = error
        self.max_bytes = max_bytes
        self._build = build
        key = Field.of("format", constant(format), required=True)
        key.get = self._format_of
        #: The keys of the document: ``format``, then ``fields``.
        self.spec = ObjectSpec((key, *fields))

    def _format_of(self, value: Any) -> str:
        return self.format

    def _checker(self, source: str) -> Checker:
        """A checker for one document read from ``source``."""
        return Checker(source)

    def read(self, path: str | os.PathLike[str], *, max_bytes: int | None = None) -> T:
        """The value in the file ``path``, read strictly: every problem, each with its
        JSON path, in one error of :attr:`error`; a file over ``max_bytes`` (by default
        :attr:`max_bytes`) is refused unread."""
        source = os.fspath(path)
        limit = self.max_bytes if max_bytes is None else max_bytes
        return self._load(read_bytes(source, limit, self.error), self._checker(source))

    def parse(self, text: str | bytes, *, source: str = "<string>") -> T:
        """The value in the JSON document ``text`` (a text, or bytes as a file or standard
        input holds them), checked as :meth:`read` checks a file; ``source`` names it in
        messages."""
        return self._load(as_bytes(text), self._checker(source))

    def check(self, document: Any, *, source: str) -> T:
        """The value in a document already parsed into JSON values (read from a table)."""
        return self._made(document, self._checker(source))

    def _load(self, data: bytes, checker: Checker) -> T:
        """The value in the bytes ``data``: decoded, parsed and checked by ``checker``."""
        return self._made(load_json(data, checker.source, self.error), checker)

    def _made(self, document: Any, checker: Checker) -> T:
        """The value built from the JSON values of ``document``, or the error with every
        problem ``checker`` found."""
        if not isinstance(document, dict):
            checker.fail("", f"the document must be a JSON object, not {show(document)}")
            raise checker.error(self.error)
        values = checker.fields(document, "", self.spec)
        assert values is not None  # the document is an object
        del values["format"]
        value = self._build(checker, values)
        if checker.count or value is None:
            raise checker.error(self.error)
        return value

    def to_json(self, value: T) -> str:
        """``value`` as a document of this format: stable (the same value gives the same
        bytes), and read back into an equal value."""
        document = self.spec.write(value)
        return json.dumps(document, ensure_ascii=False, indent=INDENT, allow_nan=False) + "\n"

    def schema(self) -> dict[str, Any]:
        """The JSON Schema (draft 2020-12) of the documents of this format."""
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": self.format,
            "title": self.title,
            **self.spec.schema(),
        }

    def __repr__(self) -> str:
        return f"<Format {self.format}>"
