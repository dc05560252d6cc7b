"""Rulebook files: the format ``cluster-excellence.rulebook/1``, read, written and described.

A rulebook file holds the editions of a rulebook, oldest first; the last is
the rulebook, each links to the one before it (docs: *File formats*,
"Rulebook files"). An edition names its ``id``, ``title`` and
``effective_from`` day and may leave out any parameter: a parameter left
out is inherited, with its source, from the edition before it (for the
first edition, from the library's defaults, the values of ``ecei-2019``).
A Baden-Wuerttemberg-style label (two years, renewed for two, 80 % of the
points) is one edition of a few lines:

>>> from cluster_excellence.files.rulebook import RULEBOOK_FILES
>>> text = '''{"format": "cluster-excellence.rulebook/1", "editions": [
...   {"id": "bw-example", "title": "A regional label", "effective_from": "2016-01-01",
...    "renewal_term_months": {"bronze": 24, "silver": 24, "gold": 24},
...    "parameter_sources": {"renewal_term_months": "the programme's guide (valid 2 years)"}}]}'''
>>> book = RULEBOOK_FILES.parse(text)
>>> book.id, book.renewal_term_months.bronze, book.gold_pass_score
('bw-example', 24, 80.0)
>>> book.source_of("renewal_term_months")
"the programme's guide (valid 2 years)"

The writer writes every parameter of every edition, so a file it wrote
reads back into an equal rulebook.
"""

from __future__ import annotations

import functools
import os
import re
import types
from collections.abc import Callable, Container, Mapping
from typing import Any

import attrs

from .._text import show
from ..errors import RulebookError
from ..model import rulebooks as model
from ..model.rulebooks import GROUPS, LIFECYCLE, MAX_EDITIONS, Rulebook
from ._fields import (
    BOOLEAN,
    DAY,
    MISSING,
    TEXT,
    Checker,
    Field,
    Invalid,
    Kind,
    ObjectSpec,
    choice,
    key_path,
    number_schema,
    texts,
)
from ._json import package_data
from .formats import Format

__all__ = [
    "DEFAULT_MAX_BYTES",
    "RULEBOOK_FILES",
    "RULEBOOK_FORMAT",
    "SHIPPED_FILE",
    "read_rulebook",
    "shipped_rulebook",
]

#: The ``format`` value of the rulebook files this version reads and writes.
RULEBOOK_FORMAT = "cluster-excellence.rulebook/1"

#: Files larger than this are refused (our decision: a rulebook is a few kilobytes).
DEFAULT_MAX_BYTES = 1024 * 1024

#: The package's own rulebook file (in its ``data`` folder): ``ecei-2019`` and the edition
#: before it, every parameter with its source (docs: *Rules in force*).
SHIPPED_FILE = "presets/ecei-2019.rulebook.json"


def _read_whole(value: Any) -> int:
    if type(value) is int:
        return value
    raise Invalid(f"must be a whole number, not {show(value)}")


def _read_whole_or_null(value: Any) -> int | None:
    return None if value is None else _read_whole(value)


def _read_number(value: Any) -> float:
    if type(value) in (int, float):
        return value  # type: ignore[no-any-return]
    raise Invalid(f"must be a number, not {show(value)}")


_WHOLE = Kind(_read_whole, {"type": "integer"})
_WHOLE_OR_NULL = Kind(_read_whole_or_null, {"type": ["integer", "null"]})
_NUMBER = Kind(_read_number, number_schema())


def _kind(owner: type, field: Any) -> Kind:
    """How a parameter is read, from its declared type."""
    declared = str(field.type)
    if declared == "bool":
        return BOOLEAN
    if declared == "int":
        return _WHOLE
    if declared == "int | None":
        return _WHOLE_OR_NULL
    if declared == "float":
        return _NUMBER
    enum = getattr(model, declared, None)
    assert enum is not None, f"no file kind for {owner.__name__}.{field.name} ({declared})"
    return choice([member.value for member in enum], enum)


def _parameter(owner: type, field: Any) -> Field:
    # MISSING as the default: a parameter left out is inherited, and the writer writes all.
    return Field.of(field.name, _kind(owner, field), default=MISSING)


_RULEBOOK_FIELDS = attrs.fields_dict(Rulebook)
#: The class of each group of parameters (criteria: Criteria, ...), and of the terms.
_GROUP_CLASSES: dict[str, type] = {
    name: getattr(model, str(_RULEBOOK_FIELDS[name].type))
    for name in (*GROUPS, "renewal_term_months")
}


def _given(spec: ObjectSpec) -> Callable[[Checker, Any, str], dict[str, Any] | None]:
    """Reads a group of parameters: the values the file gives, by name."""

    def read(checker: Checker, raw: Any, path: str) -> dict[str, Any] | None:
        values = checker.fields(raw, path, spec)
        if values is None:
            return None
        return {name: value for name, value in values.items() if value is not MISSING}

    return read


def _group(name: str) -> Field:
    """The field of a group of parameters (``criteria``, ..., ``renewal_term_months``)."""
    cls = _GROUP_CLASSES[name]
    spec = ObjectSpec(tuple(_parameter(cls, field) for field in attrs.fields(cls)))
    return Field(name, spec.schema, nested=_given(spec), write=spec.write, default=MISSING)


def _read_sources(checker: Checker, raw: Any, path: str) -> dict[str, str] | None:
    if type(raw) is not dict:
        checker.fail(path, f"must be an object of parameter names and sources, not {show(raw)}")
        return None
    known = _PARAMETERS
    checker.check_keys(raw, path, known)
    found = {}
    for name, text in raw.items():
        if name not in known:
            continue
        try:
            found[name] = TEXT.read(text)
        except Invalid as bad:
            checker.fail(key_path(path, name), bad.message)
    return found


#: Every parameter's dotted name (``silver.min_interval_months``).
_PARAMETERS = frozenset(
    [
        *LIFECYCLE,
        *(
            f"{group}.{field.name}"
            for group in GROUPS
            for field in attrs.fields(_GROUP_CLASSES[group])
        ),
    ]
)

_EDITION = ObjectSpec(
    (
        Field.of("id", TEXT, required=True),
        Field.of("title", TEXT, required=True),
        Field.of("effective_from", DAY, required=True),
        texts("sources"),
        *(
            _group(name)
            if name == "renewal_term_months"
            else _parameter(Rulebook, _RULEBOOK_FIELDS[name])
            for name in LIFECYCLE
        ),
        *(_group(group) for group in GROUPS),
        Field(
            "parameter_sources",
            {"type": "object", "additionalProperties": TEXT.schema},
            nested=_read_sources,
            write=dict,
            default=MISSING,
        ),
    )
)


def _read_editions(checker: Checker, raw: Any, path: str) -> list[Any]:
    if type(raw) is list and not raw:
        checker.fail(path, "must hold at least one edition")
    elif type(raw) is list and len(raw) > MAX_EDITIONS:
        checker.fail(path, f"holds {len(raw)} editions; a rulebook holds at most {MAX_EDITIONS}")
        return []
    return checker.objects(raw, path, _EDITION, _keep)


def _keep(checker: Checker, values: dict[str, Any], path: str) -> dict[str, Any]:
    return values


def _problems(cls: type, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each (field, message) the validators of ``cls`` find in ``values`` (all its fields,
    converted as the constructor converts them), in the words of the value types, without
    the field's name in front."""
    fields = attrs.fields(cls)
    converted = {
        f.name: values[f.name] if f.converter is None else f.converter(values[f.name])
        for f in fields
    }
    instance = types.SimpleNamespace(**converted)
    found = []
    for field in fields:
        validate = field.validator
        assert validate is not None  # every field of a rulebook and its groups is checked
        try:
            validate(instance, field, converted[field.name])
        except (TypeError, ValueError) as error:
            # The validators' messages start with the field's name ("name: ..." or "name ...").
            message = re.sub(f"^{re.escape(field.name)}:? ", "", str(error), count=1)
            found.append((field.name, message))
    return found


def _built(
    checker: Checker, cls: type, values: Mapping[str, Any], given: Container[str], path: str
) -> Any:
    """``cls(**values)``, or None after reporting each problem its validators find: at the
    field's path when the file gives it (``given``), else at ``path``, naming it."""
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:
        problems = _problems(cls, values) or [("", str(error))]
    for name, message in problems:
        if name in given:
            checker.fail(key_path(path, name), message)
        else:
            checker.fail(path, f"{name} {message}".lstrip())
    return None


def _merge(
    checker: Checker,
    cls: type,
    given: Mapping[str, Any],
    base: Callable[[], Any],
    path: str,
) -> Any:
    """The group ``base()`` with the ``given`` fields changed, checked; None when a check
    fails. ``base`` is asked only when the file leaves a field out."""
    names = [f.name for f in attrs.fields(cls)]
    merged = dict(given)
    if len(merged) < len(names):
        inherited = base()
        merged = {name: given.get(name, getattr(inherited, name)) for name in names}
    return _built(checker, cls, merged, given, path)


class _Base:
    """What an edition leaves out comes from: the edition before it, or, for the first
    edition, the library's defaults (the newest edition of :func:`shipped_rulebook`),
    read only when the file leaves something out."""

    __slots__ = ("_rulebook", "previous")

    def __init__(self, previous: Rulebook | None) -> None:
        self.previous = previous
        self._rulebook = previous

    def rulebook(self) -> Rulebook:
        if self._rulebook is None:
            self._rulebook = _library_defaults()
        return self._rulebook

    def group(self, name: str) -> Callable[[], Any]:
        return lambda: getattr(self.rulebook(), name)

    def source(self, name: str) -> str:
        source = self.rulebook().source_of(name)
        if self.previous is not None:
            return source
        return f"the library's default, as in {self.rulebook().id}: {source}"


def _edition(
    checker: Checker, values: dict[str, Any], path: str, previous: Rulebook | None
) -> Rulebook | None:
    """One edition from its values, what it leaves out inherited from ``previous``."""
    fields = dict(values)
    base = _Base(previous)
    before = checker.count
    given_sources = fields.pop("parameter_sources")
    own: dict[str, Any] = {
        name: fields.pop(name) for name in ("id", "title", "effective_from", "sources")
    }
    if previous is not None and own["effective_from"] <= previous.effective_from:
        checker.fail(
            key_path(path, "effective_from"),
            f"{own['effective_from'].isoformat()} must be after the previous edition's "
            f"effective_from ({previous.effective_from.isoformat()})",
        )
    inherited: set[str] = set()
    for name, value in fields.items():
        if name in _GROUP_CLASSES:
            cls = _GROUP_CLASSES[name]
            given = value if isinstance(value, dict) else {}
            own[name] = _merge(checker, cls, given, base.group(name), key_path(path, name))
            if name == "renewal_term_months":
                if not given:
                    inherited.add(name)
            else:
                inherited.update(
                    f"{name}.{f.name}" for f in attrs.fields(cls) if f.name not in given
                )
        elif value is MISSING:
            own[name] = getattr(base.rulebook(), name)
            inherited.add(name)
        else:
            own[name] = value
    if checker.count != before:
        return None
    sources = dict(given_sources) if isinstance(given_sources, dict) else {}
    for name in inherited:
        sources.setdefault(name, base.source(name))
    stated = {name for name, value in fields.items() if value is not MISSING}
    own.update(previous=previous, parameter_sources=sources)
    edition: Rulebook | None = _built(checker, Rulebook, own, stated, path)
    return edition


def _build_rulebook(checker: Checker, values: dict[str, Any]) -> Rulebook | None:
    """The rulebook of the editions, each built on the one before it."""
    editions = values["editions"] if isinstance(values["editions"], list) else []
    previous: Rulebook | None = None
    seen: dict[str, int] = {}
    for index, edition_values in enumerate(editions):
        path = f"editions[{index}]"
        if edition_values is None:
            previous = None
            continue
        edition_id = edition_values["id"]
        if edition_id in seen:
            checker.fail(
                key_path(path, "id"),
                f"{show(edition_id)} is the id of editions[{seen[edition_id]}]",
            )
        seen.setdefault(edition_id, index)
        if checker.count:
            continue  # later editions build on this one: report their own problems only
        previous = _edition(checker, edition_values, path, previous)
    # No edition is built only after a problem (an empty list is _read_editions' own).
    assert previous is not None or checker.count
    return previous


#: Rulebook files: read, parsed, checked, written and described (see
#: :class:`~cluster_excellence.files.formats.Format`). The reader is strict: every
#: problem, with its JSON path, in one :class:`~cluster_excellence.RulebookError` (an
#: unknown parameter, a value out of its range, an edition that does not follow the one
#: before it, ...). The writer writes every parameter of every edition, so that a
#: rulebook reads back equal. The JSON Schema says less than the reader checks: each
#: parameter's range, a Silver maximum interval not below the minimum, a renewal window
#: no longer than the shortest renewal term, editions in order of their days, and
#: unique edition ids.
RULEBOOK_FILES: Format[Rulebook] = Format(
    "rulebook",
    RULEBOOK_FORMAT,
    title="cluster_excellence rulebook",
    fields=(
        Field(
            "editions",
            lambda: {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_EDITIONS,
                "items": _EDITION.schema(),
            },
            nested=_read_editions,
            write=_EDITION.writes,
            required=True,
            get=Rulebook.editions,
        ),
    ),
    build=_build_rulebook,
    error=RulebookError,
    max_bytes=DEFAULT_MAX_BYTES,
)


@functools.cache
def shipped_rulebook() -> Rulebook:
    """The package's own rulebook, ``ecei-2019`` with ``ecei-2010`` before it, read from
    :data:`SHIPPED_FILE` by :data:`RULEBOOK_FILES` like any rulebook file (it states every
    parameter with its source, so it inherits nothing); the default of every rule is
    :data:`~cluster_excellence.DEFAULT_RULEBOOK`, which is this rulebook."""
    return RULEBOOK_FILES.parse(package_data(SHIPPED_FILE), source=SHIPPED_FILE)


@functools.cache
def _library_defaults() -> Rulebook:
    """Where a file's first edition inherits what it leaves out from: the newest edition
    of the package's own rulebook, alone."""
    return attrs.evolve(shipped_rulebook(), previous=None)


def read_rulebook(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Rulebook:
    """Read a rulebook file, strictly (:data:`RULEBOOK_FILES`): every problem, with its JSON
    path, in one :class:`~cluster_excellence.RulebookError` (an unknown parameter, a value
    out of its range, an edition that does not follow the one before it, ...).

    :meth:`RULEBOOK_FILES.to_json() <cluster_excellence.files.formats.Format.to_json>`
    writes a rulebook and its earlier editions, every parameter of every edition, so that
    it reads back equal:

    >>> from cluster_excellence import DEFAULT_RULEBOOK
    >>> from cluster_excellence.files.rulebook import RULEBOOK_FILES
    >>> RULEBOOK_FILES.parse(RULEBOOK_FILES.to_json(DEFAULT_RULEBOOK)) == DEFAULT_RULEBOOK
    True
    """
    return RULEBOOK_FILES.read(path, max_bytes=max_bytes)
