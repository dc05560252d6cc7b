"""Indicator catalogues: the indicators benchmarks and Gold audits measure.

The official lists of the 36 benchmarking indicators, the 31 Gold
indicators, their thresholds and the minimum requirements are not public
(domain brief, "The three tiers"). So catalogues are data, in the format
``cluster-excellence.catalogue/1`` (see the docs, *File formats*), which
this module defines, validates, reads and writes. Two reference catalogues
ship with the package, built from what is public and marking everything else
``illustrative``; agencies load the official catalogue they hold with
:func:`read_catalogue`.

>>> gold = gold_catalogue()
>>> len(gold.indicators), gold.max_points()
(31, 150)
>>> gold.indicator("G-STR-01").minimum
15
>>> [area.code for area in benchmarking_catalogue().areas]
['structure', 'management', 'financing', 'services', 'interaction', 'achievements']
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from typing import Any

import attrs

from ._checks import is_text
from ._enums import ValueEnum
from .assessments import Value
from .errors import CatalogueError

__all__ = [
    "CATALOGUE_FORMAT",
    "Area",
    "Catalogue",
    "Direction",
    "Indicator",
    "Provenance",
    "Value",
    "ValueKind",
    "benchmarking_catalogue",
    "catalogue_to_json",
    "gold_catalogue",
    "meets",
    "parse_catalogue",
    "read_catalogue",
    "value_problem",
]

#: The ``format`` value of the catalogue files this version reads and writes.
CATALOGUE_FORMAT = "cluster-excellence.catalogue/1"


class ValueKind(ValueEnum):
    """What an indicator's values are."""

    #: A whole number of things, 0 or more.
    COUNT = "count"
    #: A fraction from 0 to 1.
    SHARE = "share"
    #: Full-time equivalents, 0 or more.
    FTE = "fte"
    #: An amount of money, 0 or more (the unit names the currency).
    MONEY = "money"
    #: ``true`` or ``false``.
    YES_NO = "yes_no"
    #: A whole number on the indicator's ``scale`` (lowest, highest).
    ORDINAL = "ordinal"


class Direction(ValueEnum):
    """Which way is better. For yes/no indicators, ``higher`` means yes is better."""

    HIGHER = "higher"
    LOWER = "lower"


class Provenance(ValueEnum):
    """Whether an entry is a published fact or illustrative (our stand-in)."""

    PUBLISHED = "published"
    ILLUSTRATIVE = "illustrative"


def value_problem(kind: ValueKind, value: Any, scale: tuple[int, int] | None = None) -> str | None:
    """Say what is wrong with ``value`` for an indicator of ``kind``, or return None.

    >>> value_problem(ValueKind.SHARE, 1.2)
    '1.2 is a share and must lie from 0 to 1'
    >>> value_problem(ValueKind.COUNT, True)
    'must be a number, not true'
    >>> print(value_problem(ValueKind.ORDINAL, 4, (1, 5)))
    None
    """
    if kind is ValueKind.YES_NO:
        if value is True or value is False:
            return None
        return f"must be true or false, not {_shown(value)}"
    if type(value) not in (int, float) or not math.isfinite(value):
        return f"must be a number, not {_shown(value)}"
    if kind is ValueKind.COUNT:
        if type(value) is not int or value < 0:
            return f"{value!r} is a count and must be a whole number of 0 or more"
    elif kind is ValueKind.SHARE:
        if not 0 <= value <= 1:
            return f"{value!r} is a share and must lie from 0 to 1"
    elif kind is ValueKind.ORDINAL:
        low, high = scale if scale is not None else (value, value)
        if type(value) is not int or not low <= value <= high:
            return f"{value!r} must be a whole number on the scale {low} to {high}"
    elif value < 0:
        return f"{value!r} must be 0 or more"
    return None


def _shown(value: Any) -> str:
    from ._json import show

    return show(value)


def meets(value: Value, target: Value, direction: Direction) -> bool:
    """Whether ``value`` is at least as good as ``target`` (yes counts as 1, no as 0).

    >>> meets(0.5, 0.5, Direction.HIGHER), meets(0.8, 0.7, Direction.LOWER)
    (True, False)
    """
    if direction is Direction.HIGHER:
        return value >= target
    return value <= target


def _value_of_kind(instance: Indicator, attribute: Any, value: Any) -> None:
    if value is not None:
        problem = value_problem(instance.kind, value, instance.scale)
        if problem is not None:
            raise ValueError(f"{attribute.name}: {problem}")


def _scale(instance: Indicator, attribute: Any, value: Any) -> None:
    if (instance.kind is ValueKind.ORDINAL) != (value is not None):
        raise ValueError("scale is required for ordinal indicators and only for them")
    if value is not None and not (
        isinstance(value, tuple)
        and len(value) == 2
        and all(type(v) is int for v in value)
        and value[0] < value[1]
    ):
        raise ValueError(f"scale must be (lowest, highest) whole numbers, not {value!r}")


def _points(instance: Indicator, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if type(value) is not int or value <= 0:
        raise ValueError(f"points must be a whole number above 0, not {value!r}")
    if instance.gold_threshold is None:
        raise ValueError("points need a gold_threshold to be earned against")


def _minimum(instance: Indicator, attribute: Any, value: Any) -> None:
    _value_of_kind(instance, attribute, value)
    threshold = instance.gold_threshold
    if (
        value is not None
        and threshold is not None
        and not meets(threshold, value, instance.direction)
    ):
        raise ValueError(f"minimum {value!r} is stricter than the gold_threshold {threshold!r}")


@attrs.frozen
class Area:
    """An area of indicators, e.g. "Structure of the cluster"."""

    code: str = attrs.field(validator=is_text)
    name: str = attrs.field(validator=is_text)
    source: str = attrs.field(validator=is_text)
    provenance: Provenance = attrs.field(validator=attrs.validators.instance_of(Provenance))


@attrs.frozen
class Indicator:
    """One quality indicator, with its Gold threshold, points and minimum where known."""

    code: str = attrs.field(validator=is_text)
    name: str = attrs.field(validator=is_text)
    #: The code of its :class:`Area`.
    area: str = attrs.field(validator=is_text)
    kind: ValueKind = attrs.field(validator=attrs.validators.instance_of(ValueKind))
    direction: Direction = attrs.field(validator=attrs.validators.instance_of(Direction))
    source: str = attrs.field(validator=is_text)
    provenance: Provenance = attrs.field(validator=attrs.validators.instance_of(Provenance))
    #: The unit of values, e.g. ``"participants"`` or ``"EUR"``.
    unit: str | None = attrs.field(default=None, kw_only=True)
    #: (lowest, highest) for ordinal indicators.
    scale: tuple[int, int] | None = attrs.field(default=None, kw_only=True, validator=_scale)
    #: The value that earns the indicator's Gold points.
    gold_threshold: Value | None = attrs.field(default=None, kw_only=True, validator=_value_of_kind)
    #: Gold points earned at or beyond the threshold.
    points: int | None = attrs.field(default=None, kw_only=True, validator=_points)
    #: The minimum requirement (knock-out): missing it fails Gold and Silver.
    minimum: Value | None = attrs.field(default=None, kw_only=True, validator=_minimum)


def _unique_codes(instance: Catalogue, attribute: Any, value: Any) -> None:
    areas = {area.code for area in instance.areas}
    if len(areas) != len(instance.areas):
        raise ValueError("area codes must be unique")
    seen: set[str] = set()
    for indicator in value:
        if indicator.code in seen:
            raise ValueError(f"two indicators with code {indicator.code!r}")
        if indicator.area not in areas:
            raise ValueError(f"indicator {indicator.code!r} is in unknown area {indicator.area!r}")
        if instance.purpose == "gold" and (
            indicator.gold_threshold is None or indicator.points is None
        ):
            raise ValueError(
                f"indicator {indicator.code!r} of a gold catalogue needs a threshold and points"
            )
        seen.add(indicator.code)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen
class Catalogue:
    """A versioned list of areas and indicators, for benchmarking or for Gold."""

    id: str = attrs.field(validator=is_text)
    version: str = attrs.field(validator=is_text)
    title: str = attrs.field(validator=is_text)
    #: ``"benchmarking"`` or ``"gold"`` (every Gold indicator has a threshold and points).
    purpose: str = attrs.field(validator=attrs.validators.in_(("benchmarking", "gold")))
    areas: tuple[Area, ...] = attrs.field(converter=_tuple)
    indicators: tuple[Indicator, ...] = attrs.field(converter=_tuple, validator=_unique_codes)

    def indicator(self, code: str) -> Indicator:
        """The indicator with ``code``; :class:`KeyError` if there is none."""
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(f"catalogue {self.id!r} has no indicator {code!r}")

    def max_points(self) -> int:
        """The Gold points of all indicators together."""
        return sum(indicator.points or 0 for indicator in self.indicators)

    @property
    def label(self) -> str:
        """``id@version``, as results name the catalogue."""
        return f"{self.id}@{self.version}"


def catalogue_to_json(catalogue: Catalogue) -> str:
    """Write ``catalogue`` in the ``cluster-excellence.catalogue/1`` format.

    The output is stable (the same catalogue gives the same bytes) and reads
    back into an equal catalogue.

    >>> parse_catalogue(catalogue_to_json(gold_catalogue())) == gold_catalogue()
    True
    """
    document = {
        "format": CATALOGUE_FORMAT,
        "id": catalogue.id,
        "version": catalogue.version,
        "title": catalogue.title,
        "purpose": catalogue.purpose,
        "areas": [
            {
                "code": area.code,
                "name": area.name,
                "source": area.source,
                "provenance": area.provenance.value,
            }
            for area in catalogue.areas
        ],
        "indicators": [_indicator_json(indicator) for indicator in catalogue.indicators],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _indicator_json(indicator: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": indicator.code,
        "name": indicator.name,
        "area": indicator.area,
        "kind": indicator.kind.value,
        "direction": indicator.direction.value,
    }
    for key in ("unit", "scale", "gold_threshold", "points", "minimum"):
        value = getattr(indicator, key)
        if value is not None:
            out[key] = list(value) if key == "scale" else value
    out["source"] = indicator.source
    out["provenance"] = indicator.provenance.value
    return out


#: Files larger than this are refused unless the caller raises the limit (our decision).
DEFAULT_MAX_BYTES = 16 * 1024 * 1024


def read_catalogue(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Catalogue:
    """Read a catalogue file, strictly: every problem, with its JSON path, in one
    :class:`CatalogueError` (duplicate codes, an unknown area, a threshold of
    the wrong kind, a minimum stricter than the Gold threshold, ...)."""
    from ._catalogue_reader import read_catalogue_document
    from ._json import read_bytes

    source = os.fspath(path)
    return read_catalogue_document(read_bytes(source, max_bytes, CatalogueError), source)


def parse_catalogue(text: str | bytes, *, source: str = "<string>") -> Catalogue:
    """Parse a catalogue from JSON text, with the checks of :func:`read_catalogue`."""
    from ._catalogue_reader import read_catalogue_document

    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_catalogue_document(data, source)


def _shipped(name: str) -> Catalogue:
    from importlib import resources

    from ._catalogue_reader import read_catalogue_document

    data = resources.files(__package__).joinpath(f"data/{name}").read_bytes()
    return read_catalogue_document(data, name)


def benchmarking_catalogue() -> Catalogue:
    """The shipped reference catalogue for benchmarking: six areas, 36 indicators.

    The six areas and the Eligibility Criteria thresholds are published
    (https://www.cluster-analysis.org/benchmarked-clusters; the ECCP listing
    rules); the other indicators are ``illustrative`` stand-ins.
    """
    return _shipped("benchmarking-reference.json")


def gold_catalogue() -> Catalogue:
    """The shipped reference catalogue for Gold: 31 indicators, 150 points.

    The scale of 150 points (2013: 120 of 150 to pass) and the categories are
    published (https://www.cluster-analysis.org/gold-label); thresholds,
    points per indicator and minimum requirements are ``illustrative``.
    """
    return _shipped("gold-reference.json")
