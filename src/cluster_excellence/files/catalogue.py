"""Catalogue files: the format ``cluster-excellence.catalogue/1``, read, written and described.

Like portfolios, the format is described once, key by key; :data:`CATALOGUE_FILES`
reads, writes and describes it (its JSON Schema) from that description, and
its checks are the rules of :class:`~cluster_excellence.Catalogue` and
:class:`~cluster_excellence.Indicator` (docs: *File formats*).

>>> from cluster_excellence import gold_catalogue
>>> from cluster_excellence.files.catalogue import CATALOGUE_FILES
>>> CATALOGUE_FILES.parse(CATALOGUE_FILES.to_json(gold_catalogue())) == gold_catalogue()
True
"""

from __future__ import annotations

import os
import types
from typing import Any

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
    key_path,
    number_schema,
)
from .formats import Format

__all__ = [
    "CATALOGUE_FILES",
    "CATALOGUE_FORMAT",
    "DEFAULT_MAX_BYTES",
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
    (
        Field.of("code", TEXT, required=True),
        Field.of("name", TEXT, required=True),
        Field.of("source", TEXT, required=True),
        Field.of("provenance", _PROVENANCE, required=True),
    )
)
_INDICATOR = ObjectSpec(
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


def _build_area(checker: Checker, values: dict[str, Any], path: str) -> Area:
    return Area(**values)


def _build_indicator(checker: Checker, values: dict[str, Any], path: str) -> Any:
    """The indicator of ``values``, or, when its fields disagree (each problem is
    reported), a stand-in with the same fields, so that the catalogue-wide checks see
    it too."""
    problems = list(
        indicator_problems(
            values["kind"],
            values["direction"],
            values["scale"],
            values["gold_threshold"],
            values["points"],
            values["minimum"],
        )
    )
    for field, message in problems:
        checker.fail(key_path(path, field), message)
    return types.SimpleNamespace(**values) if problems else Indicator(**values)


def _items(spec: ObjectSpec, build: Any) -> Any:
    def read(checker: Checker, raw: Any, path: str) -> list[Any | None]:
        return checker.objects(raw, path, spec, build)

    return read


def _build_catalogue(checker: Checker, values: dict[str, Any]) -> Catalogue | None:
    areas, indicators = values["areas"] or [], values["indicators"] or []
    for what, index, field, message in catalogue_problems(values["purpose"], areas, indicators):
        at = f"{what}[{index}]"
        checker.fail(key_path(at, field) if field else at, message)
    return None if checker.count else Catalogue(**values)


#: Catalogue files: read, parsed, checked, written and described (see
#: :class:`~cluster_excellence.files.formats.Format`). The reader is strict: every
#: problem, with its JSON path, in one :class:`~cluster_excellence.CatalogueError`
#: (duplicate codes, an unknown area, a threshold of the wrong kind, a minimum stricter
#: than the Gold threshold, ...). Its JSON Schema says less than the reader checks:
#: unique codes, known areas, thresholds and minimums of the indicator's kind, a
#: minimum no stricter than the Gold threshold, and the thresholds and points of a Gold
#: catalogue.
CATALOGUE_FILES: Format[Catalogue] = Format(
    "catalogue",
    CATALOGUE_FORMAT,
    title="cluster_excellence indicator catalogue",
    fields=(
        Field.of("id", TEXT, required=True),
        Field.of("version", TEXT, required=True),
        Field.of("title", TEXT, required=True),
        Field.of("purpose", choice(PURPOSES), required=True),
        Field(
            "areas",
            lambda: {"type": "array", "items": _AREA.schema()},
            nested=_items(_AREA, _build_area),
            write=_AREA.writes,
            required=True,
        ),
        Field(
            "indicators",
            lambda: {"type": "array", "items": _INDICATOR.schema()},
            nested=_items(_INDICATOR, _build_indicator),
            write=_INDICATOR.writes,
            required=True,
        ),
    ),
    build=_build_catalogue,
    error=CatalogueError,
    max_bytes=DEFAULT_MAX_BYTES,
)


def read_catalogue(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Catalogue:
    """Read a catalogue file, strictly (:data:`CATALOGUE_FILES`): every problem, with its
    JSON path, in one :class:`~cluster_excellence.CatalogueError` (duplicate codes, an
    unknown area, a threshold of the wrong kind, a minimum stricter than the Gold
    threshold, ...).

    :meth:`CATALOGUE_FILES.to_json() <cluster_excellence.files.formats.Format.to_json>`
    writes a catalogue back: the output is stable (the same catalogue gives the same
    bytes) and reads back into an equal catalogue.
    """
    return CATALOGUE_FILES.read(path, max_bytes=max_bytes)
