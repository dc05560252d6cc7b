"""The three kinds of assessment a cluster organisation goes through.

- :class:`Benchmark`: the ESCA benchmarking interview; awards Bronze.
- :class:`SilverAudit`: the half-day on-site audit; awards Silver when passed.
- :class:`GoldAudit`: the on-site Gold audit; awards Gold when passed, or
  when its score reaches the pass score and every minimum requirement was met.

Which assessment awards which tier is Decision 5 (docs: *Validity and
renewal*); the tiers and their steps are described at
https://www.cluster-analysis.org/benchmarked-clusters,
https://www.cluster-analysis.org/silver-label and
https://www.cluster-analysis.org/gold-label.

>>> import datetime as dt
>>> from cluster_excellence import Benchmark, GoldAudit
>>> Benchmark(dt.date(2019, 7, 25)).tier
Tier.BRONZE
>>> GoldAudit(dt.date(2017, 11, 17), score=84.0).kind
'gold_audit'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

import attrs

from .._checks import (
    as_tuple,
    day_problem,
    is_bool,
    is_day,
    is_optional_bool,
    is_optional_free_text,
    number_problem,
    optional,
    text_problem,
    texts_problem,
    validator,
)
from .._text import show
from ..errors import InvalidTypeError, InvalidValueError
from .rulebooks import PUBLISHED_GOLD_PASS_SCORE
from .tiers import Tier

__all__ = [
    "Assessment",
    "Audit",
    "Benchmark",
    "GoldAudit",
    "ImprovementArea",
    "IndicatorValues",
    "SilverAudit",
    "Value",
    "award_day_problem",
    "gold_audit_problem",
    "indicator_value_problem",
    "silver_audit_problem",
]


#: An indicator's value: a number, or true/false for yes/no indicators.
Value = int | float | bool


def indicator_value_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as an indicator value (a number or true/false), or None."""
    if value is True or value is False:
        return None
    problem = number_problem(value)
    return None if problem is None else problem.replace("a number", "a number or true/false")


class IndicatorValues(Mapping[str, Value]):
    """Indicator values by code, immutable and hashable: what a benchmark measured.

    Codes are single-line texts; values are numbers or true/false. Whether
    they fit their indicator is checked against a catalogue (see
    :func:`~cluster_excellence.read_portfolio`).

    >>> from cluster_excellence.model.assessments import IndicatorValues
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
            problem = text_problem(code)
            if problem is not None:
                raise InvalidValueError(f"indicator code {show(code)} {problem}")
            problem = indicator_value_problem(value)
            if problem is not None:
                raise InvalidValueError(f"indicator {show(code)}: {problem}")
        object.__setattr__(self, "_values", dict(sorted(pairs.items())))

    @classmethod
    def _trusted(cls, values: dict[str, Value]) -> IndicatorValues:
        """Values already checked by the rules of ``__init__`` (by a reader)."""
        made = object.__new__(cls)
        object.__setattr__(made, "_values", dict(sorted(values.items())))
        return made

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


def award_day_problem(day: dt.date, awarded_on: Any, awards: bool | None) -> str | None:
    """What is wrong with ``awarded_on``, the day an award was made, or None.

    Validity counts from the assessment (published), but a label is held only
    from the day it is awarded: the EUCLES board approves labels monthly, and
    Mineralklynge Norge was reviewed on 28 March and awarded on 15 June 2017
    (docs: *Validity and renewal*, "Award day"). So the award day is on or
    after the assessment, and only an assessment that awards has one.
    """
    if awarded_on is None:
        return None
    problem = day_problem(awarded_on)
    if problem is not None:
        return problem
    if awarded_on < day:
        return f"{awarded_on.isoformat()} is before the assessment on {day.isoformat()}"
    if awards is False:
        return "an assessment recorded as awarding nothing has no award day"
    return None


def raw_values(values: IndicatorValues) -> dict[str, Value]:
    """The dict behind ``values``, for loops over many values; never to be changed."""
    return values._values


#: No indicator values.
NO_VALUES = IndicatorValues()


def _indicator_values(value: Mapping[str, Value] | Iterable[tuple[str, Value]]) -> IndicatorValues:
    return value if isinstance(value, IndicatorValues) else IndicatorValues(value)


def _award_day(instance: Any, attribute: Any, value: Any) -> None:
    awards = getattr(instance, "awarded", None)
    if awards is None:
        awards = instance.passed
    problem = award_day_problem(instance.date, value, awards)
    if problem is not None:
        raise InvalidValueError(f"{attribute.name}: {problem}")


def silver_audit_problem(passed: bool, minimum_requirements_met: bool | None) -> str | None:
    """What contradicts what in a Silver audit's record, or None: "if a cluster
    organisation does not meet one of these [minimum] criteria the Silver Label cannot
    be awarded" (https://www.cluster-analysis.org/silver-label)."""
    if passed and minimum_requirements_met is False:
        return "passed is true but minimum_requirements_met is false"
    return None


def _consistent_silver(instance: SilverAudit, attribute: Any, value: Any) -> None:
    problem = silver_audit_problem(instance.passed, value)
    if problem is not None:
        raise InvalidValueError(problem)


@attrs.frozen
class Benchmark:
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
    note: str | None = attrs.field(default=None, validator=is_optional_free_text, kw_only=True)
    #: The benchmark: values of the benchmarking catalogue's indicators.
    indicators: IndicatorValues = attrs.field(
        default=NO_VALUES, converter=_indicator_values, kw_only=True
    )
    #: The day the label was awarded, when known and later than the interview.
    awarded_on: dt.date | None = attrs.field(default=None, validator=_award_day, kw_only=True)


def indicator_codes_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as the indicator codes of an improvement area, or None."""
    if not isinstance(value, (tuple, list)) or not value:
        return f"must be a list of indicator codes (at least one), not {show(value)}"
    return texts_problem(value, "code")


@attrs.frozen
class ImprovementArea:
    """One of the three improvement areas a Silver audit validates.

    Each is tied to quality indicators and described with its effect on the
    cluster (https://www.cluster-analysis.org/silver-label).
    """

    #: The codes of the indicators the area is tied to (at least one).
    indicators: tuple[str, ...] = attrs.field(
        converter=as_tuple, validator=validator(indicator_codes_problem)
    )
    #: What was improved; None when not recorded.
    description: str | None = attrs.field(
        default=None, validator=is_optional_free_text, kw_only=True
    )
    #: Its effect on the cluster; None when not recorded.
    effect: str | None = attrs.field(default=None, validator=is_optional_free_text, kw_only=True)
    #: Whether the audit validated it (against the Gold criteria of its
    #: indicators); None when not recorded.
    validated: bool | None = attrs.field(default=None, validator=is_optional_bool, kw_only=True)


def _areas(value: Iterable[ImprovementArea] | None) -> tuple[ImprovementArea, ...] | None:
    return None if value is None else tuple(value)


def _area_items(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and not all(isinstance(area, ImprovementArea) for area in value):
        raise InvalidTypeError(f"{attribute.name} must be ImprovementArea values")


def positive_problem(value: Any, *, whole: bool) -> str | None:
    """What is wrong with ``value`` as a number above 0 (a whole one when ``whole``)."""
    problem = number_problem(value)
    if problem is not None:
        return problem
    if value <= 0 or (whole and type(value) is not int):
        return f"{show(value)} must be {'a whole number' if whole else 'a number'} above 0"
    return None


def _positive_number(value: Any) -> str | None:
    return positive_problem(value, whole=False)


def _positive_whole(value: Any) -> str | None:
    return positive_problem(value, whole=True)


class Audit:
    """An on-site audit by ESCA experts: a :class:`SilverAudit` or a :class:`GoldAudit`.

    The base of both (``isinstance(assessment, Audit)``); its type string in
    files is the kind's own (``silver_audit``, ``gold_audit``).

    >>> import datetime as dt
    >>> from cluster_excellence import Audit, SilverAudit
    >>> isinstance(SilverAudit(dt.date(2021, 9, 14), passed=True), Audit)
    True
    """

    __slots__ = ()
    #: The date of the audit.
    date: dt.date
    #: Whether the audit was passed (None: a Gold audit judged by its score).
    passed: bool | None


@attrs.frozen
class SilverAudit(Audit):
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
    note: str | None = attrs.field(default=None, validator=is_optional_free_text, kw_only=True)
    #: The improvement areas the audit looked at; None when not recorded.
    improvement_areas: tuple[ImprovementArea, ...] | None = attrs.field(
        default=None, converter=_areas, validator=_area_items, kw_only=True
    )
    #: Whether every Gold minimum requirement was met; None when not recorded.
    minimum_requirements_met: bool | None = attrs.field(
        default=None, validator=[is_optional_bool, _consistent_silver], kw_only=True
    )
    #: The day the label was awarded, when known and later than the audit.
    awarded_on: dt.date | None = attrs.field(default=None, validator=_award_day, kw_only=True)


def percent_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as a percentage of the maximum points (0 to 100)."""
    if type(value) not in (int, float):
        return f"must be a number from 0 to 100, not {show(value)}"
    problem = number_problem(value)
    if problem is not None:
        return problem
    if not 0 <= value <= 100:
        return f"{show(value)} is outside 0-100 (percent of the maximum points)"
    return None


def _score(value: Any) -> Any:
    """Scores are kept as floats, so that 84 and 84.0 are one score, written alike."""
    return float(value) if type(value) is int and number_problem(value) is None else value


def gold_audit_problem(
    passed: bool | None, score: float | None, minimum_requirements_met: bool
) -> tuple[str, str] | None:
    """What contradicts what in a Gold audit's record: (field, message), or None.

    A record needs ``passed`` or ``score``. A recorded ``passed`` must agree
    with the rest: Gold needs every minimum requirement, and at least the
    published 80 % of the points (https://www.cluster-analysis.org/gold-label).
    The published pass score, not a rulebook's, judges a record (our
    decision: a record is a fact, the same under every rulebook; a rulebook
    with another pass score decides only audits recorded without
    ``passed``).
    """
    if passed is None:
        return ("", "a gold_audit needs passed or score (or both)") if score is None else None
    if passed and not minimum_requirements_met:
        return "passed", "passed is true but minimum_requirements_met is false"
    if score is None:
        return None
    by_score = score >= PUBLISHED_GOLD_PASS_SCORE and minimum_requirements_met
    if by_score == passed:
        return None
    pass_score = f"{PUBLISHED_GOLD_PASS_SCORE:g}"
    if passed:
        return "passed", f"passed is true but score {score:g} is below the pass score {pass_score}"
    return (
        "passed",
        f"passed is false but score {score:g} reaches the pass score {pass_score}"
        " and the minimum requirements were met",
    )


def _consistent_gold(instance: GoldAudit, attribute: Any, value: Any) -> None:
    problem = gold_audit_problem(instance.passed, instance.score, instance.minimum_requirements_met)
    if problem is not None:
        raise InvalidValueError(problem[1])


@attrs.frozen
class GoldAudit(Audit):
    """The on-site Gold audit (two days by two experts; a renewal one day).

    It awards Gold when ``passed`` is true; when ``passed`` is not recorded,
    when ``score`` reaches the rulebook's pass score and the minimum
    requirements were met (Decision 5). A recorded ``passed`` must agree
    with the score and the minimum requirements (see
    :func:`gold_audit_problem`).
    """

    kind: ClassVar[str] = "gold_audit"
    tier: ClassVar[Tier] = Tier.GOLD

    #: The (last) day of the audit.
    date: dt.date = attrs.field(validator=is_day)
    #: Whether the audit was passed, when recorded.
    passed: bool | None = attrs.field(default=None, validator=is_optional_bool, kw_only=True)
    #: The score in percent of the maximum points (0-100), when recorded; kept as a float.
    score: float | None = attrs.field(
        default=None, converter=_score, validator=validator(optional(percent_problem)), kw_only=True
    )
    #: Whether every minimum requirement was met (default true).
    minimum_requirements_met: bool = attrs.field(
        default=True, validator=[is_bool, _consistent_gold], kw_only=True
    )
    #: Free text, e.g. where the record comes from.
    note: str | None = attrs.field(default=None, validator=is_optional_free_text, kw_only=True)
    #: Values of the Gold catalogue's indicators found in the audit.
    indicators: IndicatorValues = attrs.field(
        default=NO_VALUES, converter=_indicator_values, kw_only=True
    )
    #: Whether the self-test before the audit was passed; None when not recorded.
    self_test_passed: bool | None = attrs.field(
        default=None, validator=is_optional_bool, kw_only=True
    )
    #: Days the on-site audit took; None when not recorded.
    audit_days: float | None = attrs.field(
        default=None, validator=validator(optional(_positive_number)), kw_only=True
    )
    #: Experts who audited; None when not recorded.
    experts: int | None = attrs.field(
        default=None, validator=validator(optional(_positive_whole)), kw_only=True
    )
    #: The day the label was awarded, when known and later than the audit.
    awarded_on: dt.date | None = attrs.field(default=None, validator=_award_day, kw_only=True)


#: Any of the three kinds of assessment.
Assessment = Benchmark | SilverAudit | GoldAudit
