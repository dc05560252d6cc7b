"""Indicator catalogues: the indicators benchmarks and Gold audits measure.

The official lists of the 36 benchmarking indicators, the 31 Gold
indicators, their thresholds and the minimum requirements are not public
(docs: *Scoring*, "Catalogues"). So catalogues are data, in the format
``cluster-excellence.catalogue/1`` (see :doc:`formats`); this module holds
their value types and the rules their values obey. Two reference catalogues
ship with the package (:func:`~cluster_excellence.gold_catalogue`,
:func:`~cluster_excellence.benchmarking_catalogue`), built from what is
public and marking everything else ``illustrative``.

>>> from cluster_excellence import gold_catalogue
>>> gold = gold_catalogue()
>>> len(gold.indicators), gold.max_points()
(31, 150)
>>> gold.indicator("G-STR-01").minimum
15
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, overload

import attrs

from .._checks import instance_of, is_text, number_problem, one_of
from .._checks import is_optional_text as _optional_text
from .._enums import ValueEnum
from .._text import show
from ..errors import InvalidTypeError, InvalidValueError
from .assessments import Value

__all__ = [
    "PURPOSES",
    "Area",
    "Catalogue",
    "Direction",
    "Indicator",
    "Provenance",
    "ValueKind",
    "catalogue_of",
    "catalogue_problems",
    "indicator_problems",
    "meets",
    "value_problem",
]

#: What a catalogue is for.
PURPOSES = ("benchmarking", "gold")


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

    >>> from cluster_excellence.model.catalogues import ValueKind, value_problem
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
        return f"must be true or false, not {show(value)}"
    problem = number_problem(value)
    if problem is not None:
        return problem
    if kind is ValueKind.COUNT:
        if type(value) is not int or value < 0:
            return f"{show(value)} is a count and must be a whole number of 0 or more"
    elif kind is ValueKind.SHARE:
        if not 0 <= value <= 1:
            return f"{show(value)} is a share and must lie from 0 to 1"
    elif kind is ValueKind.ORDINAL:
        low, high = scale if scale is not None else (value, value)
        if type(value) is not int or not low <= value <= high:
            return f"{show(value)} must be a whole number on the scale {low} to {high}"
    elif value < 0:
        return f"{show(value)} must be 0 or more"
    return None


def meets(value: Value, target: Value, direction: Direction) -> bool:
    """Whether ``value`` is at least as good as ``target`` (yes counts as 1, no as 0).

    >>> from cluster_excellence.model.catalogues import Direction, meets
    >>> meets(0.5, 0.5, Direction.HIGHER), meets(0.8, 0.7, Direction.LOWER)
    (True, False)
    """
    if direction is Direction.HIGHER:
        return value >= target
    return value <= target


def indicator_problems(
    kind: ValueKind,
    direction: Direction,
    scale: Any,
    gold_threshold: Any,
    points: Any,
    minimum: Any,
) -> Iterator[tuple[str, str]]:
    """What is wrong with an indicator's scale, threshold, points and minimum: (field, message).

    Only ordinal indicators have a scale (``(lowest, highest)`` whole
    numbers); the threshold and the minimum are values of the indicator's
    kind; points are earned against a threshold; a minimum is never stricter
    than the Gold threshold.
    """
    if (kind is ValueKind.ORDINAL) != (scale is not None):
        if scale is None:
            yield "scale", "is missing (required for an ordinal indicator)"
        else:
            yield "scale", "only ordinal indicators have a scale"
        return
    if scale is not None and not (
        isinstance(scale, (tuple, list))
        and len(scale) == 2
        and all(type(v) is int and number_problem(v) is None for v in scale)
        and scale[0] < scale[1]
    ):
        yield "scale", f"must be [lowest, highest] whole numbers, not {show(scale)}"
        return
    scale_pair = None if scale is None else (scale[0], scale[1])
    for field, value in (("gold_threshold", gold_threshold), ("minimum", minimum)):
        if value is not None:
            problem = value_problem(kind, value, scale_pair)
            if problem is not None:
                yield field, f"{problem} (the indicator is {kind.value})"
                return
    if points is not None:
        if type(points) is not int or points <= 0 or number_problem(points) is not None:
            yield "points", f"must be a whole number above 0, not {show(points)}"
        elif gold_threshold is None:
            yield "points", "points need a gold_threshold to be earned against"
    if (
        minimum is not None
        and gold_threshold is not None
        and not meets(gold_threshold, minimum, direction)
    ):
        yield (
            "minimum",
            f"{show(minimum)} is stricter than the gold_threshold {show(gold_threshold)}",
        )


def _consistent_indicator(instance: Indicator, attribute: Any, value: Any) -> None:
    for field, message in indicator_problems(
        instance.kind,
        instance.direction,
        instance.scale,
        instance.gold_threshold,
        instance.points,
        instance.minimum,
    ):
        raise InvalidValueError(f"{field}: {message}")


def _scale(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@attrs.frozen
class Area:
    """An area of indicators, e.g. "Structure of the cluster"."""

    code: str = attrs.field(validator=is_text)
    name: str = attrs.field(validator=is_text)
    source: str = attrs.field(validator=is_text)
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))


@attrs.frozen
class Indicator:
    """One quality indicator, with its Gold threshold, points and minimum where known."""

    code: str = attrs.field(validator=is_text)
    name: str = attrs.field(validator=is_text)
    #: The code of its :class:`Area`.
    area: str = attrs.field(validator=is_text)
    kind: ValueKind = attrs.field(validator=instance_of(ValueKind))
    direction: Direction = attrs.field(validator=instance_of(Direction))
    source: str = attrs.field(validator=is_text)
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))
    #: The unit of values, e.g. ``"participants"`` or ``"EUR"``.
    unit: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    #: (lowest, highest) for ordinal indicators.
    scale: tuple[int, int] | None = attrs.field(default=None, kw_only=True, converter=_scale)
    #: The value that earns the indicator's Gold points.
    gold_threshold: Value | None = attrs.field(default=None, kw_only=True)
    #: Gold points earned at or beyond the threshold.
    points: int | None = attrs.field(default=None, kw_only=True)
    #: The minimum requirement (knock-out): missing it fails Gold and Silver.
    minimum: Value | None = attrs.field(default=None, kw_only=True, validator=_consistent_indicator)


def catalogue_problems(
    purpose: str, areas: Sequence[Area | None], indicators: Sequence[Indicator | None]
) -> Iterator[tuple[str, int, str, str]]:
    """What is wrong with a catalogue's entries together: (list, index, field, message).

    Area and indicator codes are unique; every indicator's area is an area
    of the catalogue; every indicator of a Gold catalogue has a threshold
    and points. ``None`` stands for an entry that could not be read.
    """
    first_area: dict[str, int] = {}
    for index, area in enumerate(areas):
        if area is None:
            continue
        if area.code in first_area:
            message = f"{show(area.code)} is already the code of areas[{first_area[area.code]}]"
            yield "areas", index, "code", message
        else:
            first_area[area.code] = index
    first: dict[str, int] = {}
    for index, indicator in enumerate(indicators):
        if indicator is None:
            continue
        if indicator.code in first:
            message = (
                f"{show(indicator.code)} is already the code of indicators[{first[indicator.code]}]"
            )
            yield "indicators", index, "code", message
        else:
            first[indicator.code] = index
        if indicator.area not in first_area and None not in areas:
            message = f"{show(indicator.area)} is not the code of an area of this catalogue"
            yield "indicators", index, "area", message
        if purpose == "gold" and (indicator.gold_threshold is None or indicator.points is None):
            message = "an indicator of a gold catalogue needs gold_threshold and points"
            yield "indicators", index, "", message


def _consistent_catalogue(instance: Catalogue, attribute: Any, value: Any) -> None:
    for what, index, field, message in catalogue_problems(
        instance.purpose, instance.areas, instance.indicators
    ):
        where = f"{what}[{index}]" + (f".{field}" if field else "")
        raise InvalidValueError(f"{where}: {message}")


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(value)


def _items(kind: type) -> Any:
    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if not all(isinstance(item, kind) for item in value):
            raise InvalidTypeError(f"{attribute.name} must be {kind.__name__} values")

    return validate


@attrs.frozen(repr=False)
class Catalogue:
    """A versioned list of areas and indicators, for benchmarking or for Gold; its repr
    is its id and version.

    >>> from cluster_excellence import gold_catalogue
    >>> gold_catalogue()
    Catalogue('ecei-gold-reference', '2026.1')
    """

    id: str = attrs.field(validator=is_text)
    version: str = attrs.field(validator=is_text)
    title: str = attrs.field(validator=is_text)
    #: ``"benchmarking"`` or ``"gold"`` (every Gold indicator has a threshold and points).
    purpose: str = attrs.field(validator=one_of(PURPOSES))
    areas: tuple[Area, ...] = attrs.field(converter=_tuple, validator=_items(Area))
    indicators: tuple[Indicator, ...] = attrs.field(
        converter=_tuple, validator=[_items(Indicator), _consistent_catalogue]
    )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r}, {self.version!r})"

    def indicator(self, code: str) -> Indicator:
        """The indicator with ``code``; :class:`KeyError` if there is none."""
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(f"catalogue {self.id!r} has no indicator {show(code)}")

    def max_points(self) -> int:
        """The Gold points of all indicators together."""
        return sum(indicator.points or 0 for indicator in self.indicators)

    @property
    def label(self) -> str:
        """``id@version``, as results name the catalogue."""
        return f"{self.id}@{self.version}"


@overload
def catalogue_of(value: Any, name: str = ..., *, optional: Literal[False] = ...) -> Catalogue: ...
@overload
def catalogue_of(value: Any, name: str = ..., *, optional: bool) -> Catalogue | None: ...
def catalogue_of(
    value: Any, name: str = "catalogue", *, optional: bool = False
) -> Catalogue | None:
    """``value`` if it is a :class:`Catalogue` (or None, where ``optional``), else an error
    that says what to pass.

    >>> from cluster_excellence import InvalidTypeError, gold_catalogue
    >>> from cluster_excellence.model.catalogues import catalogue_of
    >>> try:
    ...     catalogue_of(gold_catalogue)
    ... except InvalidTypeError as error:
    ...     print(error)
    catalogue: must be a Catalogue, not a function (call it: gold_catalogue())
    """
    if isinstance(value, Catalogue) or (optional and value is None):
        return value
    if callable(value) and not isinstance(value, type):
        called = getattr(value, "__name__", "")
        hint = f" (call it: {called}())" if called.endswith("_catalogue") else ""
        raise InvalidTypeError(f"{name}: must be a Catalogue, not a function{hint}")
    raise InvalidTypeError(f"{name}: must be a Catalogue, not {show(value)}")
