"""Rulebooks: every parameter of the label lifecycle, named and dated.

A :class:`Rulebook` holds the parameters of the lifecycle decisions (docs:
*Validity and renewal*, Decisions 1-5): how validity is anchored, the first
term, the renewal term per tier, the renewal window, what a renewal extends
from, and the Gold pass score. The preset :data:`ECEI_2019` is the default.
Variants are made from it with :meth:`Rulebook.variant`, which gives the
variant its own id so that every result says which rules produced it.

>>> ECEI_2019.id
'ecei-2019'
>>> ECEI_2019.first_term_months, ECEI_2019.renewal_term_months.gold
(24, 24)
>>> exact = ECEI_2019.variant(anchor=Anchor.EXACT_DAY)
>>> exact.id
'ecei-2019[anchor=exact-day]'

A Baden-Wuerttemberg-style book (labels valid two years, renewals too) is a
variant with its own id:

>>> bw = ECEI_2019.variant(
...     id="bw-style",
...     renewal_term_months=TierMonths(bronze=24, silver=24, gold=24),
... )
>>> bw.renewal_term_months.bronze
24
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .._calendar import MAX_TERM_MONTHS
from .._checks import is_query_day, is_text, number_problem, text_problem
from .._enums import ValueEnum
from .._text import show
from .tiers import Tier

__all__ = [
    "ECEI_2019",
    "PUBLISHED_GOLD_PASS_SCORE",
    "RULEBOOKS",
    "Anchor",
    "ExtensionBase",
    "Rulebook",
    "TierMonths",
    "get_rulebook",
]


class Anchor(ValueEnum):
    """How a term of N months is turned into a last valid day (Decision 1)."""

    #: Through the last day of the month N months after the start's month.
    MONTH_END = "month-end"
    #: Through the start plus N months, clamped to the month's end.
    EXACT_DAY = "exact-day"


class ExtensionBase(ValueEnum):
    """What a seamless renewal extends from (Decision 3)."""

    #: The new expiry is the previous expiry plus the renewal term.
    PREVIOUS_EXPIRY = "previous-expiry"
    #: The new expiry is the renewal assessment's date plus the renewal term.
    ASSESSMENT = "assessment"


#: Gold needs at least 80 % of the maximum points (published: 2013, 120 of 150
#: points; https://www.cluster-analysis.org/gold-label).
PUBLISHED_GOLD_PASS_SCORE = 80.0


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _texts(instance: Any, attribute: Any, value: tuple[Any, ...]) -> None:
    for item in value:
        problem = text_problem(item)
        if problem is not None:
            raise ValueError(f"{attribute.name}: each {problem}")


def _months(low: int) -> Any:
    """A validator: a whole number of months from ``low`` to :data:`MAX_TERM_MONTHS`."""

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if type(value) is not int or not low <= value <= MAX_TERM_MONTHS:
            raise ValueError(
                f"{attribute.name} must be a whole number of months from {low} to "
                f"{MAX_TERM_MONTHS}, not {show(value)}"
            )

    return validate


is_positive_months = _months(1)
is_window_months = _months(0)


def _percent(instance: Any, attribute: Any, value: Any) -> None:
    problem = number_problem(value)
    if problem is not None or not 0 <= value <= 100:
        raise ValueError(f"{attribute.name} must be a number from 0 to 100, not {show(value)}")


@attrs.frozen
class TierMonths:
    """A number of months for each tier.

    >>> TierMonths(bronze=36, silver=36, gold=24)[Tier.GOLD]
    24
    """

    bronze: int = attrs.field(validator=is_positive_months)
    silver: int = attrs.field(validator=is_positive_months)
    gold: int = attrs.field(validator=is_positive_months)

    def __getitem__(self, tier: Tier) -> int:
        if tier is Tier.BRONZE:
            return self.bronze
        if tier is Tier.SILVER:
            return self.silver
        if tier is Tier.GOLD:
            return self.gold
        raise KeyError(tier)


def _window_within_terms(instance: Rulebook, attribute: Any, value: int) -> None:
    terms = instance.renewal_term_months
    shortest = min(terms.bronze, terms.silver, terms.gold)
    if value > shortest:
        raise ValueError(
            f"renewal_window_months ({value}) must not exceed the shortest renewal term "
            f"({shortest}): a renewal late in the window would end before it was awarded"
        )


@attrs.frozen
class Rulebook:
    """The parameters of the label lifecycle, with an id, a date and sources.

    Build variants with :meth:`variant` rather than by hand, so that the id
    changes with the rules. Every term is at most ``MAX_TERM_MONTHS`` (120)
    months long (our decision: it keeps every computed day in the calendar).
    """

    #: Short identifier named in every result, e.g. ``"ecei-2019"``.
    id: str = attrs.field(validator=is_text)
    #: One line saying what this rulebook is.
    title: str = attrs.field(validator=is_text)
    #: The day from which these rules are in force.
    effective_from: dt.date = attrs.field(validator=is_query_day)
    #: Where the rules come from (URLs, or the docs page recording a decision).
    sources: tuple[str, ...] = attrs.field(converter=_strings, validator=_texts)
    #: Decision 1: how a term is anchored.
    anchor: Anchor = attrs.field(
        default=Anchor.MONTH_END, validator=attrs.validators.instance_of(Anchor)
    )
    #: Decision 1: months of a first award's validity (published: two years).
    first_term_months: int = attrs.field(default=24, validator=is_positive_months)
    #: Decision 3: months a seamless renewal adds, per tier
    #: (published: three years for Bronze and Silver, two for Gold).
    renewal_term_months: TierMonths = attrs.field(
        default=TierMonths(bronze=36, silver=36, gold=24),
        validator=attrs.validators.instance_of(TierMonths),
    )
    #: Decision 2: months after expiry during which a label can be renewed
    #: seamlessly (published: one year).
    renewal_window_months: int = attrs.field(
        default=12, validator=[is_window_months, _window_within_terms]
    )
    #: Decision 3: what a renewal extends from.
    extension_base: ExtensionBase = attrs.field(
        default=ExtensionBase.PREVIOUS_EXPIRY,
        validator=attrs.validators.instance_of(ExtensionBase),
    )
    #: Decision 5: the Gold pass score in percent of the maximum points
    #: (published: 80 %).
    gold_pass_score: float = attrs.field(default=PUBLISHED_GOLD_PASS_SCORE, validator=_percent)

    def variant(self, *, id: str | None = None, **changes: Any) -> Rulebook:
        """Return a copy with ``changes`` applied and an id that names them.

        Without ``id``, the new id is this id followed by the changed
        parameters in brackets, e.g. ``ecei-2019[anchor=exact-day]``.

        >>> ECEI_2019.variant(extension_base=ExtensionBase.ASSESSMENT).id
        'ecei-2019[extension_base=assessment]'
        >>> ECEI_2019.variant() == ECEI_2019
        True
        """
        unknown = sorted(set(changes) - {a.name for a in attrs.fields(Rulebook)})
        if unknown:
            raise TypeError(f"Rulebook has no parameter {', '.join(unknown)}")
        changed = {k: v for k, v in changes.items() if getattr(self, k) != v}
        if id is None:
            if not changed:
                return self
            described = ",".join(f"{k}={_describe(v)}" for k, v in sorted(changed.items()))
            id = f"{self.id}[{described}]"
        return attrs.evolve(self, id=id, **changed)


def _describe(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, TierMonths):
        return f"{value.bronze}/{value.silver}/{value.gold}"
    return str(value)


#: The default rulebook: the published ECEI rules as in force since the
#: Eligibility Criteria of 15 Nov 2019, with the library's decisions where the
#: sources are silent (docs: *Rules, sources and decisions*).
ECEI_2019 = Rulebook(
    id="ecei-2019",
    title="ECEI labels as run by ESCA/EUCLES since the Eligibility Criteria of 15 Nov 2019",
    effective_from=dt.date(2019, 11, 15),
    sources=(
        "https://www.cluster-analysis.org/benchmarked-clusters",
        "https://www.cluster-analysis.org/silver-label",
        "https://www.cluster-analysis.org/gold-label",
        "cluster_excellence docs, Validity and renewal (Decisions 1-5)",
    ),
)

#: The preset rulebooks by id.
RULEBOOKS: Mapping[str, Rulebook] = MappingProxyType({ECEI_2019.id: ECEI_2019})


def get_rulebook(rulebook_id: str) -> Rulebook:
    """Return the preset rulebook with this id.

    >>> get_rulebook("ecei-2019") is ECEI_2019
    True
    >>> get_rulebook("ecei-2009")
    Traceback (most recent call last):
    ...
    KeyError: "unknown rulebook 'ecei-2009' (known: ecei-2019)"
    """
    try:
        return RULEBOOKS[rulebook_id]
    except KeyError:
        known = ", ".join(sorted(RULEBOOKS))
        raise KeyError(f"unknown rulebook {rulebook_id!r} (known: {known})") from None
