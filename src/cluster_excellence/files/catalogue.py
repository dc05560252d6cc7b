"""Catalogue files: the format ``cluster-excellence.catalogue/1``, read, written and described.

Like portfolios, the format is described once, key by key; reader, writer
and JSON Schema (:func:`catalogue_schema`) come from that description, and
its checks are the rules of :class:`~cluster_excellence.Catalogue` and
:class:`~cluster_excellence.Indicator` (docs: *File formats*).

>>> from cluster_excellence import gold_catalogue
>>> from cluster_excellence.files.catalogue import catalogue_to_json, parse_catalogue
>>> parse_catalogue(catalogue_to_json(gold_catalogue())) == gold_catalogue()
True
"""

from __future__ import annotations

import json
import os
from typing import Any

from .._checks import trusted
from .._text import show
from ..errors import CatalogueError
from ..model.assessments import indicator_value_problem
from ..model.catalogues import (
    PURPOSES,
    Area,
    Catalogue,
    Direction,
    Indicator,
    Provenance,
    ValueKind,
    catalogue_problems,
    indicator_problems,
)
from ._fields import (
    TEXT,
    Checker,
    Field,
    ObjectSpec,
    checked,
    choice,
    constant,
    key_path,
    number_schema,
)
from ._json import as_bytes, read_bytes

__all__ = [
    "CATALOGUE_FORMAT",
    "DEFAULT_MAX_BYTES",
    "catalogue_schema",
    "catalogue_to_json",
    "parse_catalogue",
    "read_catalogue",
]

#: The ``format`` value of the catalogue files this version reads and writes.
CATALOGUE_FORMAT = "cluster-excellence.catalogue/1"

#: Files larger than this are refused unless the caller raises the limit (our decision).
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


def _scale_problem(value: Any) -> str | None:
    if type(value) is not list:
        return f"must be [lowest, highest] whole numbers, not {show(value)}"
    return None


def _points_problem(value: Any) -> str | None:
    if type(value) is not int or value <= 0:
        return f"must be a whole number above 0, not {show(value)}"
    return None


_PROVENANCE = choice([p.value for p in Provenance], Provenance)
_VALUE = checked(indicator_value_problem, {"anyOf": [{"type": "boolean"}, number_schema()]})
_AREA = ObjectSpec(
    "area",
    (
        Field.of("code", TEXT, required=True),
        Field.of("name", TEXT, required=True),
        Field.of("source", TEXT, required=True),
        Field.of("provenance", _PROVENANCE, required=True),
    ),
)
_INDICATOR = ObjectSpec(
    "indicator",
    (
        Field.of("code", TEXT, required=True),
        Field.of("name", TEXT, required=True),
        Field.of("area", TEXT, required=True),
        Field.of("kind", choice([k.value for k in ValueKind], ValueKind), required=True),
        Field.of("direction", choice([d.value for d in Direction], Direction), required=True),
        Field.of("unit", TEXT),
        Field.of(
            "scale",
            checked(
                _scale_problem,
                {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
                convert=tuple,
                write=list,
            ),
        ),
        Field.of("gold_threshold", _VALUE),
        Field.of("points", checked(_points_problem, {"type": "integer", "minimum": 1})),
        Field.of("minimum", _VALUE),
        Field.of("source", TEXT, required=True),
        Field.of("provenance", _PROVENANCE, required=True),
    ),
    schema_more={"dependentRequired": {"points": ["gold_threshold"]}},
)
_area = trusted(Area)
_indicator = trusted(Indicator)
_catalogue = trusted(Catalogue)


def _read_list(spec: ObjectSpec, build: Any) -> Any:
    def read(checker: Checker, raw: Any, path: str) -> list[Any | None]:
        return checker.objects(raw, path, spec, build)

    return read


def _build_area(checker: Checker, values: list[Any], path: str) -> Area:
    return _area(*values)


def _build_indicator(checker: Checker, values: list[Any], path: str) -> Indicator:
    """The indicator of ``values``; its problems together are reported, and it is still
    built (each field is sound), so that the catalogue-wide checks see it too."""
    code, name, area, kind, direction, unit, scale, threshold, points, minimum, source, origin = (
        values
    )
    problems = list(indicator_problems(kind, direction, scale, threshold, points, minimum))
    for field, message in problems:
        checker.fail(key_path(path, field), message)
    return _indicator(
        code, name, area, kind, direction, source, origin, unit, scale, threshold, points, minimum
    )


def _write_items(spec: ObjectSpec) -> Any:
    def write(items: tuple[Any, ...]) -> list[dict[str, Any]]:
        return [spec.write(item) for item in items]

    return write


_CATALOGUE = ObjectSpec(
    "catalogue",
    (
        Field.of("format", constant(CATALOGUE_FORMAT), required=True),
        Field.of("id", TEXT, required=True),
        Field.of("version", TEXT, required=True),
        Field.of("title", TEXT, required=True),
        Field.of("purpose", choice(PURPOSES), required=True),
        Field(
            "areas",
            {"type": "array", "items": _AREA.schema()},
            nested=_read_list(_AREA, _build_area),
            write=_write_items(_AREA),
            required=True,
        ),
        Field(
            "indicators",
            {"type": "array", "items": _INDICATOR.schema()},
            nested=_read_list(_INDICATOR, _build_indicator),
            write=_write_items(_INDICATOR),
            required=True,
        ),
    ),
)


def read_catalogue_document(data: bytes, source: str) -> Catalogue:
    """Decode, parse and check a catalogue document (the bytes of a file)."""
    checker = Checker(source)
    values = checker.document(data, _CATALOGUE, CatalogueError)
    _, cid, version, title, purpose, areas, indicators = values
    for what, index, field, message in catalogue_problems(purpose, areas or (), indicators or ()):
        at = f"{what}[{index}]"
        checker.fail(key_path(at, field) if field else at, message)
    if checker.count:
        raise checker.error(CatalogueError)
    return _catalogue(cid, version, title, purpose, tuple(areas), tuple(indicators))


def read_catalogue(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Catalogue:
    """Read a catalogue file, strictly: every problem, with its JSON path, in one
    :class:`~cluster_excellence.CatalogueError` (duplicate codes, an unknown area, a
    threshold of the wrong kind, a minimum stricter than the Gold threshold, ...)."""
    source = os.fspath(path)
    return read_catalogue_document(read_bytes(source, max_bytes, CatalogueError), source)


def parse_catalogue(text: str | bytes, *, source: str = "<string>") -> Catalogue:
    """Parse a catalogue from JSON text, with the checks of :func:`read_catalogue`."""
    data = as_bytes(text)
    return read_catalogue_document(data, source)


class _Document:
    __slots__ = ("areas", "format", "id", "indicators", "purpose", "title", "version")

    def __init__(self, catalogue: Catalogue) -> None:
        self.format = CATALOGUE_FORMAT
        self.id, self.version, self.title = catalogue.id, catalogue.version, catalogue.title
        self.purpose, self.areas, self.indicators = (
            catalogue.purpose,
            catalogue.areas,
            catalogue.indicators,
        )


def catalogue_to_json(catalogue: Catalogue) -> str:
    """Write ``catalogue`` in the ``cluster-excellence.catalogue/1`` format.

    The output is stable (the same catalogue gives the same bytes) and reads
    back into an equal catalogue.
    """
    document = _CATALOGUE.write(_Document(catalogue))
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``cluster-excellence.catalogue/1`` files.

    The reader checks more than the schema says: unique codes, known areas,
    thresholds and minimums of the indicator's kind, a minimum no stricter
    than the Gold threshold, and the thresholds and points of a Gold
    catalogue.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": CATALOGUE_FORMAT,
        "title": "cluster_excellence indicator catalogue",
        **_CATALOGUE.schema(),
    }
