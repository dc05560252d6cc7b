"""Rulebook files: the format ``cluster-excellence.rulebook/1``, read, written and described.

A rulebook file holds the editions of a rulebook, oldest first; the last is
the rulebook, each links to the one before it (docs: *File formats*,
"Rulebook files"). An edition names its ``id``, ``title`` and
``effective_from`` day and may leave out any parameter: a parameter left
out is inherited, with its source, from the edition before it (for the
first edition, from the library's defaults, the values of ``ecei-2019``).
A Baden-Wuerttemberg-style label (two years, renewed for two, 80 % of the
points) is one edition of a few lines:

>>> from cluster_excellence.files.rulebook import parse_rulebook
>>> text = '''{"format": "cluster-excellence.rulebook/1", "editions": [
...   {"id": "bw-example", "title": "A regional label", "effective_from": "2016-01-01",
...    "renewal_term_months": {"bronze": 24, "silver": 24, "gold": 24},
...    "parameter_sources": {"renewal_term_months": "the programme's guide (valid 2 years)"}}]}'''
>>> book = parse_rulebook(text)
>>> book.id, book.renewal_term_months.bronze, book.gold_pass_score
('bw-example', 24, 80.0)
>>> book.source_of("renewal_term_months")
"the programme's guide (valid 2 years)"

The writer writes every parameter of every edition, so a file it wrote
reads back into an equal rulebook.
"""

from __future__ import annotations

import json
import os
import types
from collections.abc import Mapping
from typing import Any

import attrs

from .._text import show
from ..errors import InvalidTypeError, RulebookError
from ..model import rulebooks as model
from ..model.rulebooks import ECEI_2019, GROUPS, LIFECYCLE, MAX_EDITIONS, Rulebook, TierMonths
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
    constant,
    key_path,
    number_schema,
    texts,
)
from ._json import as_bytes, read_bytes

__all__ = [
    "RULEBOOK_FORMAT",
    "parse_rulebook",
    "read_rulebook",
    "rulebook_schema",
    "rulebook_to_json",
]

#: The ``format`` value of the rulebook files this version reads and writes.
RULEBOOK_FORMAT = "cluster-excellence.rulebook/1"

#: Files larger than this are refused (our decision: a rulebook is a few kilobytes).
DEFAULT_MAX_BYTES = 1024 * 1024

#: Where the first edition's parameters left out come from.
_DEFAULTS = attrs.evolve(ECEI_2019, previous=None)


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
    if enum is None:
        raise InvalidTypeError(f"no file kind for {owner.__name__}.{field.name} ({declared})")
    return choice([member.value for member in enum], enum)


def _parameter(owner: type, field: Any) -> Field:
    # MISSING as the default: a parameter left out is inherited, and the writer writes all.
    return Field.of(field.name, _kind(owner, field), default=MISSING)


#: The class of each group of parameters (criteria: Criteria, ...).
_GROUP_CLASSES: dict[str, type] = {group: type(getattr(_DEFAULTS, group)) for group in GROUPS}
_GROUP_SPECS = {
    group: ObjectSpec(group, tuple(_parameter(cls, field) for field in attrs.fields(cls)))
    for group, cls in _GROUP_CLASSES.items()
}
_TERMS = ObjectSpec(
    "renewal_term_months", tuple(_parameter(TierMonths, f) for f in attrs.fields(TierMonths))
)
_RULEBOOK_FIELDS = attrs.fields_dict(Rulebook)


def _read_object(spec: ObjectSpec) -> Any:
    def read(checker: Checker, raw: Any, path: str) -> Any:
        values = checker.fields(raw, path, spec)
        if values is None:
            return None
        return {f.key: v for f, v in zip(spec.fields, values, strict=True) if v is not MISSING}

    return read


def _write_object(spec: ObjectSpec) -> Any:
    def write(value: Any) -> dict[str, Any]:
        return {f.key: f.write(getattr(value, f.key)) for f in spec.fields}

    return write


def _read_sources(checker: Checker, raw: Any, path: str) -> dict[str, str] | None:
    if type(raw) is not dict:
        checker.fail(path, f"must be an object of parameter names and sources, not {show(raw)}")
        return None
    known = model.parameters(_DEFAULTS)
    checker.check_keys(raw, path, frozenset(known))
    found = {}
    for name, text in raw.items():
        if name not in known:
            continue
        try:
            found[name] = TEXT.read(text)
        except Invalid as bad:
            checker.fail(key_path(path, name), bad.message)
    return found


_EDITION = ObjectSpec(
    "edition",
    (
        Field.of("id", TEXT, required=True),
        Field.of("title", TEXT, required=True),
        Field.of("effective_from", DAY, required=True),
        texts("sources"),
        *(
            Field(
                name,
                _TERMS.schema(),
                nested=_read_object(_TERMS),
                write=_write_object(_TERMS),
                default=MISSING,
            )
            if name == "renewal_term_months"
            else _parameter(Rulebook, _RULEBOOK_FIELDS[name])
            for name in LIFECYCLE
        ),
        *(
            Field(
                group,
                _GROUP_SPECS[group].schema(),
                nested=_read_object(_GROUP_SPECS[group]),
                write=_write_object(_GROUP_SPECS[group]),
                default=MISSING,
            )
            for group in GROUPS
        ),
        Field(
            "parameter_sources",
            {"type": "object", "additionalProperties": TEXT.schema},
            nested=_read_sources,
            write=dict,
            default=MISSING,
        ),
    ),
)


def _read_editions(checker: Checker, raw: Any, path: str) -> list[Any]:
    if type(raw) is list and not raw:
        checker.fail(path, "must hold at least one edition")
    elif type(raw) is list and len(raw) > MAX_EDITIONS:
        checker.fail(path, f"holds {len(raw)} editions; a rulebook holds at most {MAX_EDITIONS}")
        return []
    return checker.objects(raw, path, _EDITION, _keep)


def _keep(checker: Checker, values: list[Any], path: str) -> list[Any]:
    return values


_DOCUMENT = ObjectSpec(
    "rulebook",
    (
        Field.of("format", constant(RULEBOOK_FORMAT), required=True),
        Field(
            "editions",
            {"type": "array", "minItems": 1, "maxItems": MAX_EDITIONS, "items": _EDITION.schema()},
            nested=_read_editions,
            write=lambda editions: editions,
            required=True,
        ),
    ),
)


def _problems(cls: type, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each (field, message) the validators of ``cls`` find in ``values`` (all its fields),
    in the words of the value types, without the field's name in front."""
    instance = types.SimpleNamespace(**values)
    found = []
    for field in attrs.fields(cls):
        if field.validator is None:
            continue
        try:
            field.validator(instance, field, values[field.name])
        except (TypeError, ValueError) as error:
            message = str(error)
            for prefix in (f"{field.name}: ", f"{field.name} "):
                if message.startswith(prefix):
                    message = message[len(prefix) :]
                    break
            found.append((field.name, message))
    return found


def _merge(
    checker: Checker,
    cls: type,
    given: Mapping[str, Any],
    base: Any,
    path: str,
) -> Any:
    """``base`` with the ``given`` fields changed, checked; None when a check fails."""
    merged = {f.name: getattr(base, f.name) for f in attrs.fields(cls)}
    merged.update(given)
    problems = _problems(cls, merged)
    for name, message in problems:
        if name in given:
            checker.fail(key_path(path, name), message)
        else:
            checker.fail(path, f"{name} {message}")
    return None if problems else cls(**merged)


def _edition(
    checker: Checker, values: list[Any], path: str, previous: Rulebook | None
) -> Rulebook | None:
    """One edition from its values, what it leaves out inherited from ``previous``."""
    fields = dict(zip((f.key for f in _EDITION.fields), values, strict=True))
    base = previous if previous is not None else _DEFAULTS
    before = checker.count
    given_sources = fields.pop("parameter_sources")
    own: dict[str, Any] = {
        "id": fields.pop("id"),
        "title": fields.pop("title"),
        "effective_from": fields.pop("effective_from"),
        "sources": fields.pop("sources"),
    }
    if previous is not None and own["effective_from"] <= previous.effective_from:
        checker.fail(
            key_path(path, "effective_from"),
            f"{own['effective_from'].isoformat()} must be after the previous edition's "
            f"effective_from ({previous.effective_from.isoformat()})",
        )
    inherited: set[str] = set()
    for name, value in fields.items():
        if name in GROUPS or name == "renewal_term_months":
            cls = _GROUP_CLASSES.get(name, TierMonths)
            given = value if isinstance(value, dict) else {}
            own[name] = _merge(checker, cls, given, getattr(base, name), key_path(path, name))
            if name == "renewal_term_months":
                if not given:
                    inherited.add(name)
            else:
                inherited.update(
                    f"{name}.{f.name}" for f in attrs.fields(cls) if f.name not in given
                )
        elif value is MISSING:
            own[name] = getattr(base, name)
            inherited.add(name)
        else:
            own[name] = value
    if checker.count != before:
        return None
    problems = _problems(Rulebook, {**own, "previous": previous, "parameter_sources": ()})
    for name, message in problems:
        if fields.get(name, MISSING) is MISSING:
            checker.fail(path, f"{name} {message}")
        else:
            checker.fail(key_path(path, name), message)
    if problems:
        return None
    sources = dict(given_sources) if isinstance(given_sources, dict) else {}
    for name in inherited:
        sources.setdefault(name, _inherited_source(base, previous, name))
    return Rulebook(**own, previous=previous, parameter_sources=sources)


def _inherited_source(base: Rulebook, previous: Rulebook | None, name: str) -> str:
    source = base.source_of(name)
    if previous is not None:
        return source
    return f"the library's default, as in {ECEI_2019.id}: {source}"


def read_rulebook_document(data: bytes, source: str) -> Rulebook:
    """Decode, parse and check a rulebook document (the bytes of a file)."""
    checker = Checker(source)
    values = checker.document(data, _DOCUMENT, RulebookError)
    editions = values[1] if isinstance(values[1], list) else []
    previous: Rulebook | None = None
    seen: dict[str, int] = {}
    for index, edition_values in enumerate(editions):
        path = f"editions[{index}]"
        if edition_values is None:
            previous = None
            continue
        edition_id = edition_values[0]
        if edition_id in seen:
            checker.fail(
                key_path(path, "id"),
                f"{show(edition_id)} is the id of editions[{seen[edition_id]}]",
            )
        seen.setdefault(edition_id, index)
        if checker.count:
            continue  # later editions build on this one: report their own problems only
        previous = _edition(checker, edition_values, path, previous)
    if checker.count or previous is None:
        if not checker.count:
            checker.fail("editions", "must hold at least one edition")
        raise checker.error(RulebookError)
    return previous


def read_rulebook(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Rulebook:
    """Read a rulebook file, strictly: every problem, with its JSON path, in one
    :class:`~cluster_excellence.RulebookError` (an unknown parameter, a value out of its
    range, an edition that does not follow the one before it, ...)."""
    source = os.fspath(path)
    return read_rulebook_document(read_bytes(source, max_bytes, RulebookError), source)


def parse_rulebook(text: str | bytes, *, source: str = "<string>") -> Rulebook:
    """Parse a rulebook from JSON text, with the checks of :func:`read_rulebook`."""
    data = as_bytes(text)
    return read_rulebook_document(data, source)


def _edition_document(edition: Rulebook) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in _EDITION.fields:
        value = getattr(edition, field.key)
        if field.key == "parameter_sources":
            out[field.key] = dict(value)
        elif field.key == "sources":
            out[field.key] = list(value)
        else:
            out[field.key] = field.write(value)
    return out


def rulebook_to_json(rulebook: Rulebook) -> str:
    """Write ``rulebook`` and its earlier editions in the ``cluster-excellence.rulebook/1``
    format: every parameter of every edition, so that it reads back equal.

    >>> from cluster_excellence import DEFAULT_RULEBOOK
    >>> from cluster_excellence.files.rulebook import parse_rulebook, rulebook_to_json
    >>> parse_rulebook(rulebook_to_json(DEFAULT_RULEBOOK)) == DEFAULT_RULEBOOK
    True
    """
    document = {
        "format": RULEBOOK_FORMAT,
        "editions": [_edition_document(edition) for edition in rulebook.editions()],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def rulebook_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``cluster-excellence.rulebook/1`` files.

    The reader checks more than the schema says: each parameter's range, a
    Silver maximum interval not below the minimum, a renewal window no longer
    than the shortest renewal term, editions in order of their days, and
    unique edition ids.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": RULEBOOK_FORMAT,
        "title": "cluster_excellence rulebook",
        **_DOCUMENT.schema(),
    }
