"""What a result is made of, declared once: its JSON document and its tables.

>>> from cluster_excellence._layout import DAY, TEXT, Key, Shape
>>> row = Shape("label", Key("tier", TEXT), Key("valid_until", DAY))
>>> import datetime as dt
>>> class Entry:
...     tier, valid_until = "gold", dt.date(2027, 5, 31)
>>> row.encode(Entry())
{'tier': 'gold', 'valid_until': '2027-05-31'}

Every result type of the rules declares a :class:`Layout`: the JSON
document it is (a :class:`Shape` of keys, each of a :class:`Kind`, with the
document's ``format``) and the tables it holds (each a :class:`Table` of
:class:`Column` values: names, kinds, headings, captions, the values a
DataFrame keeps in ``frame.attrs``). Every output is derived from that one
declaration by one generic path (docs: *How the package is built*): the
JSON document and its JSON Schema here, the tables' text, Markdown, HTML,
CSV, XLSX and DataFrames in :mod:`cluster_excellence._results`.

The names follow one vocabulary (docs: *File formats*, "One vocabulary"):
an entry of a ``clusters`` list names its cluster ``id`` and ``name``;
every other object or row about a cluster says ``cluster_id`` and
``cluster_name``; ``cluster`` is never a key.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ._words import Message

__all__ = [
    "BOOL",
    "DAY",
    "INT",
    "MESSAGE",
    "NUMBER",
    "TEXT",
    "TEXTS",
    "VALUES",
    "Column",
    "Document",
    "Key",
    "Kind",
    "Layout",
    "Shape",
    "Table",
    "listing",
    "nested",
    "words",
]


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _value(member: enum.Enum) -> Any:
    return member.value


class Kind:
    """How the values of one kind are written: in JSON, in the JSON Schema, in a table's
    cell, in a DataFrame; for people, :meth:`cluster_excellence._words.Language.show`."""

    __slots__ = ("_cell", "categories", "dtype", "encode", "name", "schema")

    def __init__(
        self,
        name: str,
        schema: Mapping[str, Any],
        encode: Callable[[Any], Any] | None = None,
        dtype: str = "string",
        categories: tuple[str, ...] = (),
        cell: Callable[[Any], Any] | None = None,
    ) -> None:
        #: The kind's name, e.g. ``"day"``.
        self.name = name
        #: Its JSON Schema.
        self.schema = dict(schema)
        #: Its value as JSON (None: the value is JSON as it is).
        self.encode = encode
        #: The pandas dtype of its column (``"category"`` with :attr:`categories`).
        self.dtype = dtype
        #: The ordered values of an enumeration.
        self.categories = categories
        self._cell = cell

    def __repr__(self) -> str:
        return f"Kind({self.name!r})"

    def json(self, value: Any) -> Any:
        """``value`` as JSON."""
        return value if value is None or self.encode is None else self.encode(value)

    def cell(self, value: Any) -> Any:
        """``value`` in a cell of a CSV or XLSX table: days stay days, enumerations become
        their values, messages their English text, lists their items joined."""
        if value is None:
            return None
        if self._cell is not None:
            return self._cell(value)
        if self.encode is _iso:
            return value
        return self.json(value)


TEXT = Kind("text", {"type": "string"})
DAY = Kind("day", {"type": "string", "format": "date"}, _iso, dtype="datetime64[ns]")
BOOL = Kind("bool", {"type": "boolean"}, dtype="boolean")
INT = Kind("int", {"type": "integer"}, dtype="Int64")
NUMBER = Kind("number", {"type": "number"}, dtype="Float64")
#: A sentence for people (a :class:`~cluster_excellence._words.Message`): its English text
#: in JSON, CSV and XLSX; in the chosen language where people read it.
MESSAGE = Kind("message", {"type": "string"}, str)


def _texts(values: Sequence[str]) -> list[str]:
    return list(values)


def _joined(separator: str) -> Callable[[Sequence[str]], str]:
    def join(values: Sequence[str]) -> str:
        return separator.join(values)

    return join


#: A list of texts (JSON: a list; a table's cell: joined with ``"; "``).
TEXTS = Kind("texts", {"type": "array", "items": {"type": "string"}}, _texts, cell=_joined("; "))


def _encode_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in values.items()}


def _plain(value: Any) -> Any:
    """A message's value as JSON: days in ISO form, enumerations as their values."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Message):
        return str(value)
    if isinstance(value, str):
        return str(value)  # a plain text, also for a name people read translated
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


#: The values of a message, by their names (JSON: an object).
VALUES = Kind("values", {"type": "object"}, _encode_values)


def words(values: type[enum.Enum] | Sequence[str], name: str = "") -> Kind:
    """The kind of an enumeration's values (its members, or texts), in their order."""
    if isinstance(values, type):
        categories = tuple(str(member.value) for member in values)
        label = name or values.__name__.lower()
        return Kind(label, {"enum": list(categories)}, _value, "category", categories)
    categories = tuple(values)
    return Kind(name or "words", {"enum": list(categories)}, _word_value, "category", categories)


def _word_value(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


class Key:
    """One key of a JSON object: its name, its kind, how the value is got from the result."""

    __slots__ = ("get", "kind", "name", "nullable", "omit")

    def __init__(
        self,
        name: str,
        kind: Kind,
        attribute: str | Callable[[Any], Any] | None = None,
        *,
        nullable: bool = False,
        omit: Callable[[Any], bool] | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        #: How the value is got: an attribute (by default the key's own name) or a function.
        self.get: Callable[[Any], Any] = (
            attribute if callable(attribute) else operator.attrgetter(attribute or name)
        )
        #: Whether the value may be null.
        self.nullable = nullable
        #: When the key is left out (e.g. a value that was not asked for).
        self.omit = omit

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of the key's value."""
        schema = dict(self.kind.schema)
        if not self.nullable:
            return schema
        if "enum" in schema:
            return {"enum": [*schema["enum"], None]}
        if "type" in schema and len(schema) <= 2 and isinstance(schema["type"], str):
            return {**schema, "type": [schema["type"], "null"]}
        return {"anyOf": [schema, {"type": "null"}]}


class Shape:
    """One kind of JSON object: its keys in the order written."""

    __slots__ = ("_plan", "keys", "title")

    def __init__(self, title: str, *keys: Key) -> None:
        self.title = title
        self.keys = keys
        self._plan = tuple((key.name, key.get, key.kind.encode, key.omit) for key in keys)

    def encode(self, value: Any) -> dict[str, Any]:
        """The JSON object of ``value``."""
        out: dict[str, Any] = {}
        for name, get, encode, omit in self._plan:
            item = get(value)
            if omit is not None and omit(item):
                continue
            out[name] = item if item is None or encode is None else encode(item)
        return out

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of the object. Later versions may add keys (the schema allows
        them); every key it names is present unless it may be left out."""
        return {
            "title": self.title,
            "type": "object",
            "required": [key.name for key in self.keys if key.omit is None],
            "properties": {key.name: key.schema() for key in self.keys},
        }


def nested(shape: Shape) -> Kind:
    """The kind of a value that is an object of ``shape``."""
    return Kind(shape.title, shape.schema(), shape.encode, dtype="object")


def listing(shape: Shape | Kind) -> Kind:
    """The kind of a list of objects of ``shape`` (or of values of a kind)."""
    if isinstance(shape, Kind):
        item_kind = shape
        encode_item = item_kind.encode

        def encode_values(values: Iterable[Any]) -> list[Any]:
            if encode_item is None:
                return list(values)
            return [None if item is None else encode_item(item) for item in values]

        return Kind(
            f"list of {item_kind.name}",
            {"type": "array", "items": item_kind.schema},
            encode_values,
            dtype="object",
        )
    encode_object = shape.encode

    def encode_list(values: Iterable[Any]) -> list[dict[str, Any]]:
        return [encode_object(item) for item in values]

    return Kind(
        f"list of {shape.title}",
        {"type": "array", "items": shape.schema()},
        encode_list,
        dtype="object",
    )


class Document:
    """A JSON document: its ``format`` (``cluster-excellence.status/1``) and its shape."""

    __slots__ = ("format", "shape")

    def __init__(self, format: str, shape: Shape) -> None:
        self.format = format
        self.shape = shape

    def encode(self, value: Any) -> dict[str, Any]:
        """The document of ``value``, its ``format`` first."""
        return {"format": self.format, **self.shape.encode(value)}

    def schema(self) -> dict[str, Any]:
        """The document's JSON Schema (draft 2020-12)."""
        schema = self.shape.schema()
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": self.format,
            "title": f"cluster_excellence {self.shape.title} document",
            "type": "object",
            "required": ["format", *schema["required"]],
            "properties": {"format": {"const": self.format}, **schema["properties"]},
        }


class Column:
    """One column of a table: its name (the CSV/XLSX header and the DataFrame column, a
    machine word), its kind, and its heading for people (an English message)."""

    __slots__ = ("heading", "kind", "name", "spec", "wide")

    def __init__(
        self, name: str, kind: Kind, heading: str, *, wide: bool = False, spec: str = ""
    ) -> None:
        self.name = name
        self.kind = kind
        self.heading = heading
        #: Whether the column takes the room the others leave (long texts, wrapped).
        self.wide = wide
        #: How people see its numbers (a ``format()`` spec, e.g. ``".1f"``).
        self.spec = spec

    def __repr__(self) -> str:
        return f"Column({self.name!r})"


def _nothing(result: Any) -> Sequence[Message]:
    return ()


class Table:
    """One table of a result: its columns, how its rows come from the result, and what
    people see of it (the columns shown, the lines above and below, the words when it is
    empty, how rows are grouped)."""

    __slots__ = (
        "_by_name",
        "attrs",
        "columns",
        "empty",
        "group",
        "group_line",
        "name",
        "notes",
        "rows",
        "shown",
        "title",
    )

    def __init__(
        self,
        name: str,
        columns: Sequence[Column],
        rows: Callable[[Any], Iterable[Mapping[str, Any]]],
        *,
        title: Callable[[Any], Sequence[Message]],
        empty: Message,
        shown: Sequence[str] = (),
        attrs: Sequence[str] = (),
        group: Sequence[str] = (),
        group_line: Callable[[Mapping[str, Any]], Message] | None = None,
        notes: Callable[[Any], Sequence[Message]] = _nothing,
    ) -> None:
        #: The table's name (an XLSX sheet's title).
        self.name = name
        self.columns = tuple(columns)
        #: The result's rows, each a mapping of column names to values.
        self.rows = rows
        #: The lines above the table (the first is its caption).
        self.title = title
        #: What people read when the table has no row.
        self.empty = empty
        self._by_name = {column.name: column for column in self.columns}
        names = set(self._by_name)
        #: The columns people see (text, Markdown, HTML): by default all.
        self.shown = tuple(shown) or tuple(c.name for c in self.columns)
        #: The columns whose one value a DataFrame keeps in ``frame.attrs``.
        self.attrs = tuple(attrs)
        #: The columns whose values group the rows in a text table (one line per group).
        self.group = tuple(group)
        self.group_line = group_line
        #: The lines below the table.
        self.notes = notes
        unknown = {*self.shown, *self.attrs, *self.group} - names
        if unknown:
            raise ValueError(f"table {name}: no column {', '.join(sorted(unknown))}")

    def column(self, name: str) -> Column:
        """The column ``name`` (:class:`KeyError` if the table has none)."""
        return self._by_name[name]

    def records(self, result: Any) -> list[dict[str, Any]]:
        """The rows of ``result``, each with every column (None where it has no value)."""
        empty = dict.fromkeys(column.name for column in self.columns)
        return [{**empty, **row} for row in self.rows(result)]


class Layout:
    """Everything a result type declares about its outputs: its document and its tables."""

    __slots__ = ("document", "entry", "tables")

    def __init__(
        self,
        tables: Sequence[Table],
        *,
        document: Document | None = None,
        entry: Shape | None = None,
    ) -> None:
        #: The JSON document of a result that is one (a portfolio's).
        self.document = document
        #: The JSON object of a result that is an entry of a document (a cluster's).
        self.entry = entry
        self.tables = tuple(tables)

    def encode(self, result: Any) -> dict[str, Any]:
        """The JSON of ``result``."""
        if self.document is not None:
            return self.document.encode(result)
        assert self.entry is not None
        return self.entry.encode(result)
