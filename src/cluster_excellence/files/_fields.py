"""One description of each JSON file format, from which it is read, written and described.

A format is a set of :class:`ObjectSpec` values: per JSON object, its keys
in order, each a :class:`Field` saying how its value is read (checked and
converted), written and described in the JSON Schema. The checks are the
value types' own rules (``cluster_excellence._checks`` and the ``*_problem``
functions of the model), so the readers accept exactly the values the
constructors accept, and the writers write nothing the readers refuse.

A :class:`Checker` walks a parsed document with the specs, collecting
every problem with its JSON path, at most :data:`~cluster_excellence.errors.MAX_PROBLEMS`
of them kept, and gives each object's values by key: the keys are the names
of the value types' fields, so that values reach their constructors by name.

The classes are plain ones with slots (not attrs classes): they are made
on every import of the rules, which read the default rulebook.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Protocol, TypeVar

import attrs
from attrs import AttrsInstance

from .._checks import day_problem, free_text_problem, text_problem
from .._text import show
from ..errors import MAX_PROBLEMS, DocumentError, Problem
from ._json import RepeatedKeys

__all__ = [
    "MISSING",
    "Checker",
    "Field",
    "Invalid",
    "Kind",
    "ObjectSpec",
    "key_path",
    "unchecked",
]

A = TypeVar("A", bound=AttrsInstance)

MISSING: Any = object()
#: Keys longer than this are shortened in paths, and get no "did you mean" search.
KEY_WIDTH = 40
_FLOAT_MAX = sys.float_info.max

#: A JSON Schema, or a function giving it (a nested object's, made when asked for).
Schema = Mapping[str, Any] | Callable[[], Mapping[str, Any]]
#: Reads a nested value: (checker, the JSON value, its path) -> the value.
Nested = Callable[["Checker", Any, str], Any]


class Invalid(Exception):
    """A value that does not fit its field; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def key_path(path: str, key: str) -> str:
    """The JSON path of ``key`` inside the object at ``path``: escaped, and shortened."""
    if key.isascii() and key.isidentifier() and len(key) <= KEY_WIDTH:  # [A-Za-z_][A-Za-z0-9_]*
        return f"{path}.{key}" if path else key
    step = "[" + show(key, KEY_WIDTH) + "]"
    return f"{path}{step}"


def _step(key: str) -> str:
    """What ``key`` adds to the path of the object that holds it (see :func:`key_path`)."""
    return key_path("_", key)[1:]


def _same(value: Any) -> Any:
    return value


class Kind:
    """How one JSON value is read (``read`` raises :class:`Invalid`), written, described."""

    __slots__ = ("read", "schema", "write")

    def __init__(
        self,
        read: Callable[[Any], Any],
        schema: Mapping[str, Any],
        write: Callable[[Any], Any] = _same,
    ) -> None:
        self.read = read
        self.schema = schema
        self.write = write


class Field:
    """One key of a JSON object.

    A leaf field reads with ``read`` (see :meth:`of`); a nested field (a list
    of objects, an object, a map) reads with ``nested(checker, value, path)``
    instead. The writer takes the value from the object written with ``get``
    (by default, the attribute named as the key) and writes it with ``write``.
    """

    __slots__ = ("default", "get", "key", "nested", "read", "required", "schema", "write")

    def __init__(
        self,
        key: str,
        schema: Schema,
        *,
        read: Callable[[Any], Any] | None = None,
        nested: Nested | None = None,
        write: Callable[[Any], Any] = _same,
        required: bool = False,
        default: Any = None,
        get: Callable[[Any], Any] | None = None,
    ) -> None:
        self.key = key
        self.schema = schema
        self.read = read
        self.nested = nested
        self.write = write
        self.required = required
        #: The value when the key is absent; the writer leaves out a value equal to it
        #: (MISSING: the key may be absent, and is always written).
        self.default = default
        self.get = get

    @classmethod
    def of(cls, key: str, kind: Kind, *, required: bool = False, default: Any = None) -> Field:
        """A leaf field of ``kind``."""
        return cls(
            key, kind.schema, read=kind.read, write=kind.write, required=required, default=default
        )

    def described(self) -> dict[str, Any]:
        """The JSON Schema of the value."""
        schema = self.schema
        return dict(schema() if callable(schema) else schema)

    def omitted(self, value: Any) -> bool:
        """Whether the writer leaves ``value`` out (it equals the default)."""
        if self.required or self.default is MISSING:
            return False
        return value is None or value == self.default


class ObjectSpec:
    """The keys of one kind of JSON object, in the order the writer writes them.

    ``extra`` holds the keys handled outside the fields (an assessment's
    ``type``) with their schemas, ``schema_more`` more of the JSON Schema
    (an ``anyOf``, say).
    """

    __slots__ = ("allowed", "defaults", "extra", "fields", "required", "schema_more", "steps")

    def __init__(
        self,
        fields: Sequence[Field],
        *,
        extra: Mapping[str, Any] | None = None,
        schema_more: Mapping[str, Any] | None = None,
    ) -> None:
        self.fields = tuple(fields)
        self.extra: Mapping[str, Any] = extra or {}
        self.schema_more: Mapping[str, Any] = schema_more or {}
        #: Every key the object may hold.
        self.allowed = frozenset([*self.extra, *(field.key for field in self.fields)])
        #: What the reader does per key: (read, nested, the key's path at the top, what
        #: the key adds to a path below it), so that paths need no work per object.
        self.steps: dict[str, tuple[Any, Any, str, str]] = {
            field.key: (field.read, field.nested, key_path("", field.key), _step(field.key))
            for field in self.fields
        }
        #: The values of absent keys, by key.
        self.defaults = {field.key: field.default for field in self.fields}
        #: The keys that must be present.
        self.required = frozenset(field.key for field in self.fields if field.required)

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of the object."""
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [*self.extra, *(f.key for f in self.fields if f.required)],
            "properties": {**self.extra, **{f.key: f.described() for f in self.fields}},
            **self.schema_more,
        }

    def write(self, value: Any) -> dict[str, Any]:
        """The JSON object of ``value`` (a value with an attribute per key, or a ``get``)."""
        out: dict[str, Any] = {}
        for field in self.fields:
            item = getattr(value, field.key) if field.get is None else field.get(value)
            if not field.omitted(item):
                out[field.key] = field.write(item)
        return out

    def writes(self, values: Sequence[Any]) -> list[dict[str, Any]]:
        """The JSON objects of ``values``, in order (a list's writer)."""
        return [self.write(value) for value in values]


#: The slots' own setters of each value type :func:`unchecked` has built, by field.
_SETTERS: dict[type, tuple[tuple[str, Callable[[Any, Any], None]], ...]] = {}


def unchecked(cls: type[A], values: Mapping[str, Any]) -> A:
    """The value of the attrs class ``cls`` with ``values`` (by field name), built without
    its validators and converters.

    Only for values the reader has checked by the constructor's own rules and converted
    as its converters would (tuples, scores as floats, assessments in their canonical
    order): on a large portfolio the constructors would check every value a second
    time, which costs more than a tenth of the ``status`` command (docs: *Performance*).
    A property test holds it equal to the constructor over generated documents.
    """
    try:
        setters = _SETTERS[cls]
    except KeyError:
        fields = attrs.fields(cls)
        setters = _SETTERS[cls] = tuple((f.name, getattr(cls, f.name).__set__) for f in fields)
    made = object.__new__(cls)
    for name, set_value in setters:
        set_value(made, values[name])
    return made


class Make(Protocol):
    """Makes a value of the value type ``cls`` from values by field name."""

    def __call__(self, cls: type[A], values: dict[str, Any], /) -> A: ...


class Checker:
    """Collects the problems of one document, each with its JSON path, and makes its
    values."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        #: Every problem found, also those beyond the kept ones.
        self.count = 0
        #: How a reader makes a value of a value type from values it has checked, by
        #: field name: :func:`unchecked` (a property test gives the constructors instead,
        #: and compares).
        self.make: Make = unchecked

    @property
    def full(self) -> bool:
        """Whether no further problem is kept (only counted)."""
        return len(self.problems) >= MAX_PROBLEMS

    def fail(self, path: str, message: str) -> None:
        """Record a problem at ``path``."""
        self.count += 1
        if not self.full:
            self.problems.append(Problem(path, message))

    def error(self, error: type[DocumentError]) -> DocumentError:
        """The error of ``error``'s class holding the problems found."""
        return error(self.source, self.problems, more=self.count - len(self.problems))

    def texts(self, raw: Any, path: str) -> tuple[str, ...]:
        """The JSON list ``raw`` of single-line texts (a nested reader; see :func:`texts`)."""
        found = []
        for _, at, item in self.items(raw, path):
            try:
                found.append(TEXT.read(item))
            except Invalid as bad:
                self.fail(at, bad.message)
        return tuple(found)

    def check_keys(self, obj: dict[str, Any], path: str, allowed: frozenset[str]) -> None:
        """Report repeated and unknown keys."""
        if type(obj) is RepeatedKeys:
            for key in obj.repeated:
                self.fail(key_path(path, key), "appears more than once in the object")
        if allowed.issuperset(obj):
            return
        import difflib  # only for a mistake: costly to import with every reader

        for key in obj:
            if key in allowed:
                continue
            if self.full:
                self.count += 1
                continue
            close = (
                difflib.get_close_matches(key, sorted(allowed), n=1)
                if len(key) <= KEY_WIDTH
                else []
            )
            hint = (
                f"did you mean {close[0]!r}?" if close else "expected " + ", ".join(sorted(allowed))
            )
            self.fail(key_path(path, key), f"unknown key ({hint})")

    def fields(self, value: Any, path: str, spec: ObjectSpec) -> dict[str, Any] | None:
        """The values of ``spec``'s fields in the object ``value`` by key (None for a field
        with a problem), or None when ``value`` is not an object. Compare :attr:`count`
        before and after to know whether all went well."""
        if type(value) is not dict:
            if not isinstance(value, dict):
                self.fail(path, f"must be an object, not {show(value)}")
                return None
            self.check_keys(value, path, spec.allowed)  # a key repeats
        elif not spec.allowed.issuperset(value):
            self.check_keys(value, path, spec.allowed)
        values = spec.defaults.copy()
        steps = spec.steps
        # Only the keys present are visited (most optional keys are absent).
        for key, raw in value.items():
            step = steps.get(key)
            if step is None:
                continue  # a key handled outside the fields, or unknown (reported)
            read, nested, top, below = step
            if read is not None:
                try:
                    values[key] = read(raw)
                except Invalid as bad:
                    self.fail(path + below if path else top, bad.message)
                    values[key] = None
            else:
                values[key] = nested(self, raw, path + below if path else top)
        if not spec.required.issubset(value):
            for field in spec.fields:
                if field.required and field.key not in value:
                    self.fail(key_path(path, field.key), "is missing (required)")
        return values

    def sound(self, value: Any, path: str, spec: ObjectSpec) -> dict[str, Any] | None:
        """The values of the object ``value`` by key, or None when it has a problem."""
        before = self.count
        values = self.fields(value, path, spec)
        return values if self.count == before else None

    def objects(
        self, value: Any, path: str, spec: ObjectSpec, build: Callable[..., Any]
    ) -> list[Any]:
        """Each object of the JSON list ``value`` read by ``spec`` and made by
        ``build(checker, values, path)``; None for an item with a problem, so that the
        list's indices stay those of the document."""
        made: list[Any] = []
        for _, at, item in self.items(value, path):
            values = self.sound(item, at, spec)
            made.append(None if values is None else build(self, values, at))
        return made

    def items(self, value: Any, path: str) -> Iterator[tuple[int, str, Any]]:
        """Each item of the JSON list ``value`` at ``path`` with its index and path."""
        if type(value) is not list:
            self.fail(path, f"must be a list, not {show(value)}")
            return
        for index, item in enumerate(value):
            yield index, f"{path}[{index}]", item


# -- leaf kinds ----------------------------------------------------------------

_UNSAFE_CLASS = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029"
_FREE_UNSAFE_CLASS = "\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029"


def _read_text(value: Any) -> str:
    if type(value) is str and value and value.isprintable() and not value.isspace():
        return value
    problem = text_problem(value)
    if problem is not None:
        raise Invalid(problem)
    return value  # type: ignore[no-any-return]


def _read_free_text(value: Any) -> str:
    problem = free_text_problem(value)
    if problem is not None:
        raise Invalid(problem)
    return value  # type: ignore[no-any-return]


#: Single-line text: no blank, no control character, no line break.
TEXT = Kind(
    _read_text,
    {"type": "string", "pattern": f"^[^{_UNSAFE_CLASS}]*\\S[^{_UNSAFE_CLASS}]*$"},
)
#: Free text: like :data:`TEXT`, but new lines and tabs are allowed.
FREE_TEXT = Kind(
    _read_free_text,
    {"type": "string", "pattern": f"^[^{_FREE_UNSAFE_CLASS}]*\\S[^{_FREE_UNSAFE_CLASS}]*$"},
)


def _read_bool(value: Any) -> bool:
    if value is True or value is False:
        return value
    raise Invalid(f"must be true or false, not {show(value)}")


BOOLEAN = Kind(_read_bool, {"type": "boolean"})

# Days already read: a portfolio's dates repeat, and the lookup is cheaper.
_DAYS: dict[str, dt.date] = {}


def _date_shape(value: str) -> bool:
    """Whether ``value`` is ``[0-9]{4}-[0-9]{2}-[0-9]{2}`` (ASCII digits only)."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    digits = value[:4] + value[5:7] + value[8:]
    return digits.isascii() and digits.isdigit()


def _read_day(value: Any) -> dt.date:
    if type(value) is not str:
        raise Invalid(f"must be a date string YYYY-MM-DD, not {show(value)}")
    day = _DAYS.get(value)
    if day is not None:
        return day
    if not _date_shape(value):
        raise Invalid(f"{show(value)} is not a date in YYYY-MM-DD form")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{value} is not a valid date") from None
    problem = day_problem(day)
    if problem is not None:
        raise Invalid(problem)
    if len(_DAYS) > 100_000:
        _DAYS.clear()
    _DAYS[value] = day
    return day


def _write_day(value: dt.date) -> str:
    return value.isoformat()


#: A day, ``YYYY-MM-DD``, within the days values may hold.
DAY = Kind(_read_day, {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}, _write_day)


def checked(
    rule: Callable[[Any], str | None],
    schema: Mapping[str, Any],
    convert: Callable[[Any], Any] = _same,
    write: Callable[[Any], Any] = _same,
    sure: Callable[[Any], bool] | None = None,
) -> Kind:
    """A kind whose values are checked with ``rule`` (a model rule) and then converted.

    ``sure``, when given, is a quick test of values the rule certainly accepts
    (the common case); any other value goes to the rule.
    """

    def read(value: Any) -> Any:
        if sure is not None and sure(value):
            return convert(value)
        problem = rule(value)
        if problem is not None:
            raise Invalid(problem)
        return convert(value)

    return Kind(read, schema, write)


def constant(expected: str) -> Kind:
    """The one value a document's ``format`` key may hold."""

    def read(value: Any) -> str:
        if type(value) is not str or value != expected:
            raise Invalid(f"{show(value)} is not a supported format (expected {expected!r})")
        return value

    return Kind(read, {"const": expected})


def number_schema(**bounds: Any) -> dict[str, Any]:
    """A JSON Schema of numbers that a float can hold, within ``bounds``."""
    return {"type": "number", "minimum": -_FLOAT_MAX, "maximum": _FLOAT_MAX, **bounds}


def choice(values: Sequence[str], convert: Callable[[str], Any] = _same) -> Kind:
    """One of ``values`` (strings), converted with ``convert``; written back as text."""
    options = tuple(values)

    def read(value: Any) -> Any:
        if type(value) is str and value in options:
            return convert(value)
        raise Invalid(f"{show(value)} is not one of {', '.join(options)}")

    def write(value: Any) -> Any:
        return getattr(value, "value", value)

    return Kind(read, {"enum": list(options)}, write)


def texts(key: str) -> Field:
    """A list of single-line texts (sources, say), by default empty."""
    return Field(
        key,
        {"type": "array", "items": TEXT.schema},
        nested=Checker.texts,
        write=list,
        default=(),
    )
