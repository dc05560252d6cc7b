"""The three kinds of assessment a cluster organisation goes through.

- :class:`Benchmarking`: the ESCA benchmarking interview; awards Bronze.
- :class:`SilverAudit`: the half-day on-site audit; awards Silver when passed.
- :class:`GoldAudit`: the on-site Gold audit; awards Gold when passed, or
  when its score reaches the pass score and every minimum requirement was met.

Which assessment awards which tier is Decision 5 of the domain brief
(``shared/design/domain.md``); the tiers and their steps are described at
https://www.cluster-analysis.org/benchmarked-clusters,
https://www.cluster-analysis.org/silver-label and
https://www.cluster-analysis.org/gold-label.

>>> import datetime as dt
>>> from cluster_excellence import ECEI_2019
>>> awarded_tier(Benchmarking(dt.date(2019, 7, 25)), ECEI_2019)
Tier.BRONZE
>>> basque = GoldAudit(dt.date(2017, 11, 17), score=84.0)
>>> awarded_tier(basque, ECEI_2019)
Tier.GOLD
>>> print(awarded_tier(GoldAudit(dt.date(2017, 11, 17), score=79.9), ECEI_2019))
None
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

import attrs

from ._checks import is_bool, is_day, is_optional_percent, is_optional_text
from .rulebook import Rulebook
from .tiers import Tier

__all__ = [
    "Assessment",
    "Benchmarking",
    "GoldAudit",
    "ImprovementArea",
    "IndicatorValues",
    "SilverAudit",
    "Value",
    "awarded_tier",
]


#: An indicator's value: a number, or true/false for yes/no indicators.
Value = int | float | bool


class IndicatorValues(Mapping[str, Value]):
    """Indicator values by code, immutable and hashable: what a benchmark measured.

    Values are numbers or true/false; whether they fit their indicator is
    checked against a catalogue (see :func:`~cluster_excellence.read_portfolio`).

    >>> values = IndicatorValues({"B-STR-01": 42, "B-MAN-01": 2.5})
    >>> values["B-STR-01"], len(values), "B-FIN-01" in values
    (42, 2, False)
    >>> values
    IndicatorValues({'B-MAN-01': 2.5, 'B-STR-01': 42})
    """

    __slots__ = ("_values",)
    _values: dict[str, Value]

    def __init__(self, values: Mapping[str, Value] | Iterable[tuple[str, Value]] = ()) -> None:
        pairs = dict(values)
        for code, value in pairs.items():
            if not isinstance(code, str) or not code.strip():
                raise ValueError(f"indicator codes must be non-blank strings, not {code!r}")
            if not (
                value is True
                or value is False
                or (type(value) in (int, float) and math.isfinite(value))
            ):
                raise ValueError(f"indicator {code!r}: {value!r} is not a finite number or a bool")
        object.__setattr__(self, "_values", dict(sorted(pairs.items())))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("IndicatorValues are immutable")

    def __getitem__(self, code: str) -> Value:
        return self._values[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, code: object) -> bool:
        return code in self._values

    def get(self, code: str, default: Any = None) -> Any:
        """The value of ``code``, or ``default`` (None) when it was not measured."""
        return self._values.get(code, default)

    def __hash__(self) -> int:
        return hash(tuple(self._values.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, IndicatorValues):
            return self._values == other._values
        return NotImplemented

    def __repr__(self) -> str:
        return f"IndicatorValues({self._values!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (IndicatorValues, (dict(self._values),))


def _checked_values(values: dict[str, Value]) -> IndicatorValues:
    """IndicatorValues of ``values`` that a reader has already checked (no second check)."""
    made = object.__new__(IndicatorValues)
    object.__setattr__(made, "_values", dict(sorted(values.items())))
    return made


def _raw_values(values: IndicatorValues) -> dict[str, Value]:
    """The dict behind ``values``, for loops over many values; never to be changed."""
    return values._values


#: No indicator values.
NO_VALUES = IndicatorValues()


def _indicator_values(value: Mapping[str, Value] | Iterable[tuple[str, Value]]) -> IndicatorValues:
    return value if isinstance(value, IndicatorValues) else IndicatorValues(value)


@attrs.frozen
class Benchmarking:
    """A benchmarking interview by an ESCA expert (about three hours).

    It awards Bronze unless recorded as not awarded (Decision 5).
    """

    kind: ClassVar[str] = "benchmarking"
    tier: ClassVar[Tier] = Tier.BRONZE

    #: The day of the interview.
    date: dt.date = attrs.field(validator=is_day)
    #: False when the benchmarking did not lead to a Bronze label.
    awarded: bool = attrs.field(default=True, validator=is_bool, kw_only=True)
    #: Free text, e.g. where the record comes from.
    note: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)
    #: The benchmark: values of the benchmarking catalogue's indicators.
    indicators: IndicatorValues = attrs.field(
        default=NO_VALUES, converter=_indicator_values, kw_only=True
    )


def _optional_flag(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and type(value) is not bool:
        raise TypeError(f"{attribute.name} must be True, False or None, not {value!r}")


def _codes(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _non_blank_codes(instance: Any, attribute: Any, value: tuple[Any, ...]) -> None:
    for code in value:
        if not isinstance(code, str) or not code.strip():
            raise ValueError(f"indicator codes must be non-blank strings, not {code!r}")


@attrs.frozen
class ImprovementArea:
    """One of the three improvement areas a Silver audit validates.

    Each is tied to quality indicators and described with its effect on the
    cluster (domain brief, "Silver"; https://www.cluster-analysis.org/silver-label).
    """

    #: The codes of the indicators the area is tied to.
    indicators: tuple[str, ...] = attrs.field(converter=_codes, validator=_non_blank_codes)
    #: What was improved; None when not recorded.
    description: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)
    #: Its effect on the cluster; None when not recorded.
    effect: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)
    #: Whether the audit validated it (against the Gold criteria of its
    #: indicators); None when not recorded.
    validated: bool | None = attrs.field(default=None, validator=_optional_flag, kw_only=True)


def _areas(value: Iterable[ImprovementArea] | None) -> tuple[ImprovementArea, ...] | None:
    return None if value is None else tuple(value)


def _optional_positive(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) not in (int, float) or not 0 < value < math.inf):
        raise ValueError(f"{attribute.name} must be a number above 0, not {value!r}")


def _optional_whole(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not int or value <= 0):
        raise ValueError(f"{attribute.name} must be a whole number above 0, not {value!r}")


@attrs.frozen
class SilverAudit:
    """The on-site Silver audit (half a day).

    It awards Silver when passed (Decision 5).
    """

    kind: ClassVar[str] = "silver_audit"
    tier: ClassVar[Tier] = Tier.SILVER

    #: The day of the audit.
    date: dt.date = attrs.field(validator=is_day)
    #: Whether the audit was passed.
    passed: bool = attrs.field(validator=is_bool, kw_only=True)
    #: Free text, e.g. where the record comes from.
    note: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)
    #: The improvement areas the audit looked at; None when not recorded.
    improvement_areas: tuple[ImprovementArea, ...] | None = attrs.field(
        default=None, converter=_areas, kw_only=True
    )
    #: Whether every Gold minimum requirement was met; None when not recorded.
    minimum_requirements_met: bool | None = attrs.field(
        default=None, validator=_optional_flag, kw_only=True
    )


def _passed_or_score(instance: GoldAudit, attribute: Any, value: Any) -> None:
    if instance.passed is None and instance.score is None:
        raise ValueError("a Gold audit needs passed or score (or both)")


def _optional_bool(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        is_bool(instance, attribute, value)


@attrs.frozen
class GoldAudit:
    """The on-site Gold audit (two days by two experts; a renewal one day).

    It awards Gold when ``passed`` is true; when ``passed`` is not recorded,
    when ``score`` reaches the rulebook's pass score and the minimum
    requirements were met (Decision 5). A recorded ``passed`` decides; a file
    in which it contradicts the score is rejected by the portfolio reader.
    """

    kind: ClassVar[str] = "gold_audit"
    tier: ClassVar[Tier] = Tier.GOLD

    #: The (last) day of the audit.
    date: dt.date = attrs.field(validator=is_day)
    #: Whether the audit was passed, when recorded.
    passed: bool | None = attrs.field(default=None, validator=_optional_bool, kw_only=True)
    #: The score in percent of the maximum points (0-100), when recorded.
    score: float | None = attrs.field(
        default=None, validator=[is_optional_percent, _passed_or_score], kw_only=True
    )
    #: Whether every minimum requirement was met (default true).
    minimum_requirements_met: bool = attrs.field(default=True, validator=is_bool, kw_only=True)
    #: Free text, e.g. where the record comes from.
    note: str | None = attrs.field(default=None, validator=is_optional_text, kw_only=True)
    #: Values of the Gold catalogue's indicators found in the audit.
    indicators: IndicatorValues = attrs.field(
        default=NO_VALUES, converter=_indicator_values, kw_only=True
    )
    #: Whether the self-test before the audit was passed; None when not recorded.
    self_test_passed: bool | None = attrs.field(
        default=None, validator=_optional_flag, kw_only=True
    )
    #: Days the on-site audit took; None when not recorded.
    audit_days: float | None = attrs.field(default=None, validator=_optional_positive, kw_only=True)
    #: Experts who audited; None when not recorded.
    experts: int | None = attrs.field(default=None, validator=_optional_whole, kw_only=True)

    def passes_by_score(self, rulebook: Rulebook) -> bool | None:
        """Whether the score and minimum requirements alone pass; None without a score.

        >>> import datetime as dt
        >>> from cluster_excellence import ECEI_2019
        >>> GoldAudit(dt.date(2013, 5, 1), score=80.0).passes_by_score(ECEI_2019)
        True
        >>> GoldAudit(dt.date(2013, 5, 1), score=90.0,
        ...           minimum_requirements_met=False).passes_by_score(ECEI_2019)
        False
        """
        if self.score is None:
            return None
        return self.score >= rulebook.gold_pass_score and self.minimum_requirements_met


#: Any of the three kinds of assessment.
Assessment = Benchmarking | SilverAudit | GoldAudit

#: Assessment kinds in the order used when two fall on one day.
KIND_ORDER = {Benchmarking.kind: 0, SilverAudit.kind: 1, GoldAudit.kind: 2}


def awarded_tier(assessment: Assessment, rulebook: Rulebook) -> Tier | None:
    """Return the tier this assessment awards, or None (Decision 5).

    A benchmarking awards Bronze unless ``awarded`` is false; a Silver audit
    awards Silver when passed; a Gold audit awards Gold when ``passed`` is
    true or, without a recorded ``passed``, when its score is at least the
    rulebook's ``gold_pass_score`` and the minimum requirements were met. A
    failed audit awards nothing and revokes nothing.
    Source: domain brief, Decision 5.
    """
    if isinstance(assessment, Benchmarking):
        return Tier.BRONZE if assessment.awarded else None
    if isinstance(assessment, SilverAudit):
        return Tier.SILVER if assessment.passed else None
    passed = assessment.passed
    if passed is None:
        passed = assessment.passes_by_score(rulebook)
    return Tier.GOLD if passed else None


def gold_audit_contradiction(audit: GoldAudit, rulebook: Rulebook) -> str | None:
    """Describe how a recorded ``passed`` contradicts the rest of the audit, or None.

    ``passed`` true contradicts missed minimum requirements (Gold needs every
    one of them, domain brief "Gold") or a score below the pass score;
    ``passed`` false contradicts a score at or above the pass score with the
    minimum requirements met.
    """
    if audit.passed is None:
        return None
    if audit.passed and not audit.minimum_requirements_met:
        return "passed is true but minimum_requirements_met is false"
    by_score = audit.passes_by_score(rulebook)
    if by_score is None or by_score == audit.passed:
        return None
    pass_score = f"{rulebook.gold_pass_score:g}"
    if audit.passed:
        return f"passed is true but score {audit.score:g} is below the pass score {pass_score}"
    return (
        f"passed is false but score {audit.score:g} reaches the pass score {pass_score}"
        " and the minimum requirements were met"
    )
