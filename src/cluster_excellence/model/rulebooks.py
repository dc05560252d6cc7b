"""Rulebooks: every parameter that can change an outcome, named, sourced and dated.

A :class:`Rulebook` is one *edition* of the rules: the label lifecycle
(docs: *Validity and renewal*, Decisions 1-5), the Eligibility Criteria
(:class:`Criteria`), the Silver and Gold requirements (:class:`SilverRules`,
:class:`GoldRules`) and the readings of scores (:class:`ScoringRules`). Each
parameter names its source, or says that it is our decision
(:meth:`Rulebook.source_of`; docs: *Rules in force*).

Rules change over time. An edition links to the one in force before it
(``previous``), and every assessment is judged by the edition in force on
its date (:meth:`Rulebook.in_force_on`), as laws are. This module holds the
value types only; the rulebooks the package ships are files, read like any
rulebook file (``cluster_excellence.files.presets``). The default,
``ecei-2019`` (the rules since the Eligibility Criteria of 15 Nov 2019),
follows ``ecei-2010`` (the rules before them):

>>> import attrs
>>> import datetime as dt
>>> from cluster_excellence import DEFAULT_RULEBOOK, Anchor
>>> DEFAULT_RULEBOOK
Rulebook('ecei-2019')
>>> DEFAULT_RULEBOOK.in_force_on(dt.date(2017, 3, 28)).id
'ecei-2010'
>>> DEFAULT_RULEBOOK.in_force_on(dt.date(2019, 11, 15)).id
'ecei-2019'
>>> [edition.silver.min_interval_months for edition in DEFAULT_RULEBOOK.editions()]
[12, 18]
>>> DEFAULT_RULEBOOK.pinned().in_force_on(dt.date(2017, 3, 28)).id
'ecei-2019[pinned]'

Variants change the rulebook as a whole, every edition alike, and name the
change in every id:

>>> exact = DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY)
>>> exact.id, exact.in_force_on(dt.date(2017, 3, 28)).id
('ecei-2019[anchor=exact-day]', 'ecei-2010[anchor=exact-day]')
>>> silver = attrs.evolve(DEFAULT_RULEBOOK.silver, improvement_areas=2)
>>> DEFAULT_RULEBOOK.variant(silver=silver).id
'ecei-2019[silver.improvement_areas=2]'
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._calendar import MAX_TERM_MONTHS
from .._checks import are_texts, as_tuple, is_bool, is_day, is_text, number_problem, text_problem
from .._enums import ValueEnum
from .._text import show
from ..errors import InvalidTypeError, InvalidValueError
from .tiers import Tier

__all__ = [
    "MAX_EDITIONS",
    "PUBLISHED_GOLD_PASS_SCORE",
    "Anchor",
    "Criteria",
    "ExtensionBase",
    "GoldRenewal",
    "GoldRules",
    "IntervalCounting",
    "IntervalLimit",
    "Rulebook",
    "ScoringRules",
    "SilverRules",
    "TierMonths",
    "Unrecorded",
    "parameters",
]

#: Gold needs at least 80 % of the maximum points (published: 2013, 120 of 150
#: points; https://www.cluster-analysis.org/gold-label).
PUBLISHED_GOLD_PASS_SCORE = 80.0


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


class IntervalLimit(ValueEnum):
    """What an interval beyond its maximum means."""

    #: It bars the award (the requirement is not met).
    KNOCK_OUT = "knock-out"
    #: It is noted (a remark), and does not bar the award.
    REMARK = "remark"


class IntervalCounting(ValueEnum):
    """How the months between two benchmarkings are counted."""

    #: To the day: the window runs from the first date plus N months (clamped
    #: to the month's end) to the first date plus M months, both inclusive.
    DAY = "day"
    #: By calendar months: the second month is N to M months after the first.
    MONTH = "month"


class GoldRenewal(ValueEnum):
    """Which Gold audits count as renewals (the 1-day audit format)."""

    #: An audit while the previous Gold label is valid or in its renewal window.
    VALID_OR_WINDOW = "valid-or-window"
    #: Only an audit in the renewal window, after the label expired.
    WINDOW_ONLY = "window-only"


class Unrecorded(ValueEnum):
    """What a fact means when it is not recorded."""

    #: It is taken as met.
    MET = "met"
    #: The decision that needs it is undetermined.
    UNDETERMINED = "undetermined"
    #: It is taken as not met.
    NOT_MET = "not-met"


def _months(low: int, *, optional: bool = False) -> Any:
    """A validator: a whole number of months from ``low`` to :data:`MAX_TERM_MONTHS`."""

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if optional and value is None:
            return
        if type(value) is not int or not low <= value <= MAX_TERM_MONTHS:
            raise InvalidValueError(
                f"{attribute.name} must be a whole number of months from {low} to "
                f"{MAX_TERM_MONTHS}, not {show(value)}"
            )

    return validate


def _number(low: float, *, whole: bool = False, above: bool = False) -> Any:
    """A validator: a number of at least ``low`` (above it when ``above``), whole if asked."""

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        problem = number_problem(value)
        kind = "a whole number" if whole else "a number"
        fits = problem is None and (value > low if above else value >= low)
        if not fits or (whole and type(value) is not int):
            bound = f"above {low:g}" if above else f"of {low:g} or more"
            raise InvalidValueError(f"{attribute.name} must be {kind} {bound}, not {show(value)}")

    return validate


def _of(kind: type) -> Any:
    """A validator: an instance of ``kind``, in words a user can act on."""

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if isinstance(value, kind):
            return
        if issubclass(kind, enum.Enum):
            choices = ", ".join(repr(member) for member in kind)
            raise InvalidTypeError(f"{attribute.name} must be one of {choices}, not {show(value)}")
        raise InvalidTypeError(f"{attribute.name} must be a {kind.__name__}, not {show(value)}")

    return validate


is_positive_months = _months(1)
is_window_months = _months(0)


def _percent(instance: Any, attribute: Any, value: Any) -> None:
    problem = number_problem(value)
    if problem is not None or not 0 <= value <= 100:
        raise InvalidValueError(
            f"{attribute.name} must be a number from 0 to 100, not {show(value)}"
        )


@attrs.frozen
class TierMonths:
    """A number of months for each tier.

    >>> from cluster_excellence import Tier
    >>> from cluster_excellence.model.rulebooks import TierMonths
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


@attrs.frozen
class Criteria:
    """The Eligibility Criteria: listing on the European Cluster Collaboration Platform
    (ECCP), whose listing rules set the thresholds (docs: *Eligibility*)."""

    #: Whether the criteria apply to assessments judged by this edition.
    apply: bool = attrs.field(default=True, validator=is_bool)
    #: Listed on the ECCP.
    eccp_listing: bool = attrs.field(default=True, validator=is_bool)
    #: The smallest dedicated management team, in full-time equivalents.
    min_management_fte: float = attrs.field(default=0.5, validator=_number(0))
    #: The fewest clearly committed members.
    min_committed_members: int = attrs.field(default=15, validator=_number(0, whole=True))
    #: The fewest member types (the triple helix).
    min_member_types: int = attrs.field(default=2, validator=_number(0, whole=True))
    #: Whether visible cooperation with public bodies stands in for a public member type.
    public_cooperation_counts: bool = attrs.field(default=True, validator=is_bool)
    #: An English website showing the cluster's activity.
    english_website: bool = attrs.field(default=True, validator=is_bool)
    #: Whether recognition by a national or regional cluster programme waives the criteria.
    programme_waiver: bool = attrs.field(default=True, validator=is_bool)


def _interval(instance: SilverRules, attribute: Any, value: Any) -> None:
    low = instance.min_interval_months
    if type(low) is not int or type(value) is not int or low > MAX_TERM_MONTHS:
        return  # a value that is not a number of months is reported by its own check
    if value < low:
        raise InvalidValueError(
            f"max_interval_months ({value}) must not be below min_interval_months "
            f"({instance.min_interval_months})"
        )


@attrs.frozen
class SilverRules:
    """What Silver needs besides a passed audit (https://www.cluster-analysis.org/silver-label)."""

    #: The fewest months between the previous benchmarking and the second one.
    min_interval_months: int = attrs.field(default=18, validator=_months(0))
    #: The most months between them; None for no maximum.
    max_interval_months: int | None = attrs.field(
        default=24, validator=[_months(0, optional=True), _interval]
    )
    #: Whether an interval beyond the maximum bars Silver or is a remark.
    max_interval: IntervalLimit = attrs.field(
        default=IntervalLimit.REMARK, validator=_of(IntervalLimit)
    )
    #: How the interval is counted.
    interval_counting: IntervalCounting = attrs.field(
        default=IntervalCounting.DAY,
        validator=_of(IntervalCounting),
    )
    #: The number of improvement areas.
    improvement_areas: int = attrs.field(default=3, validator=_number(1, whole=True))
    #: Whether each area must be tied to indicators and described with its effect.
    areas_described: bool = attrs.field(default=True, validator=is_bool)
    #: Whether each area must be validated in the audit.
    areas_validated: bool = attrs.field(default=True, validator=is_bool)
    #: Whether every Gold minimum requirement must be met.
    minimum_requirements: bool = attrs.field(default=True, validator=is_bool)
    #: What the facts a passed audit did not record (its areas, their validation,
    #: the minimum requirements) mean.
    unrecorded_of_passed_audit: Unrecorded = attrs.field(
        default=Unrecorded.MET, validator=_of(Unrecorded)
    )


@attrs.frozen
class GoldRules:
    """What Gold needs besides its score (https://www.cluster-analysis.org/gold-label)."""

    #: Days of the on-site audit of a first award.
    first_audit_days: float = attrs.field(default=2, validator=_number(0, above=True))
    #: Experts of the on-site audit of a first award.
    first_audit_experts: int = attrs.field(default=2, validator=_number(1, whole=True))
    #: Days of a renewal audit.
    renewal_audit_days: float = attrs.field(default=1, validator=_number(0, above=True))
    #: Experts of a renewal audit.
    renewal_audit_experts: int = attrs.field(default=2, validator=_number(1, whole=True))
    #: Which audits count as renewals.
    renewal: GoldRenewal = attrs.field(
        default=GoldRenewal.VALID_OR_WINDOW,
        validator=_of(GoldRenewal),
    )
    #: What an unrecorded self-test means.
    unrecorded_self_test: Unrecorded = attrs.field(
        default=Unrecorded.MET, validator=_of(Unrecorded)
    )
    #: What an unrecorded audit format (days, experts) of a passed audit means.
    unrecorded_of_passed_audit: Unrecorded = attrs.field(
        default=Unrecorded.MET, validator=_of(Unrecorded)
    )


@attrs.frozen
class ScoringRules:
    """How indicator values are read in decisions (docs: *Scoring*)."""

    #: What a missing indicator value means for a minimum requirement.
    missing_value: Unrecorded = attrs.field(
        default=Unrecorded.UNDETERMINED, validator=_of(Unrecorded)
    )


def _window_within_terms(instance: Rulebook, attribute: Any, value: int) -> None:
    terms = instance.renewal_term_months
    shortest = min(terms.bronze, terms.silver, terms.gold)
    if value > shortest:
        raise InvalidValueError(
            f"renewal_window_months ({value}) must not exceed the shortest renewal term "
            f"({shortest}): a renewal late in the window would end before it was awarded"
        )


def _sources_of_parameters(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> Any:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(name), text) for name, text in pairs))


def _known_parameters(instance: Rulebook, attribute: Any, value: Any) -> None:
    known = set(parameters(instance))
    for name, text in value:
        if name not in known:
            raise InvalidValueError(
                f"parameter_sources: {show(name)} is not a parameter of a rulebook"
            )
        problem = text_problem(text)
        if problem is not None:
            raise InvalidValueError(f"parameter_sources: the source of {name} {problem}")


#: The most editions a rulebook holds (our decision: far more than the scheme has had,
#: and every comparison of two rulebooks walks their editions).
MAX_EDITIONS = 100


def _earlier(instance: Rulebook, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Rulebook):
        raise InvalidTypeError(f"previous must be a Rulebook or None, not {type(value).__name__}")
    if len(value.editions()) >= MAX_EDITIONS:
        raise InvalidValueError(f"previous: a rulebook holds at most {MAX_EDITIONS} editions")
    if value.effective_from >= instance.effective_from:
        raise InvalidValueError(
            f"previous ({value.id}, from {value.effective_from.isoformat()}) must take effect "
            f"before this edition ({instance.effective_from.isoformat()})"
        )


#: The groups of parameters, and the lifecycle parameters at the top of a rulebook.
GROUPS = ("criteria", "silver", "gold", "scoring")
LIFECYCLE = (
    "anchor",
    "first_term_months",
    "renewal_term_months",
    "renewal_window_months",
    "extension_base",
    "gold_pass_score",
)


@attrs.frozen(repr=False)
class Rulebook:
    """One edition of the rules: every parameter, with an id, a date and sources.

    Build variants with :meth:`variant` rather than by hand, so that the id
    changes with the rules. Every term is at most ``MAX_TERM_MONTHS`` (120)
    months long (our decision: it keeps every computed day in the calendar).
    A rulebook built without parameters holds those of ``ecei-2019``. Its
    repr is its id alone (the parameters are attributes, :func:`parameters`
    lists them), so that a signature with a rulebook as its default stays short.
    """

    #: Short identifier named in every result, e.g. ``"ecei-2019"``.
    id: str = attrs.field(validator=is_text)
    #: One line saying what this rulebook is.
    title: str = attrs.field(validator=is_text)
    #: The day from which these rules are in force.
    effective_from: dt.date = attrs.field(validator=is_day)
    #: Where the rules come from (URLs, or the docs page recording a decision).
    sources: tuple[str, ...] = attrs.field(converter=as_tuple, validator=are_texts)
    #: Decision 1: how a term is anchored.
    anchor: Anchor = attrs.field(default=Anchor.MONTH_END, validator=_of(Anchor))
    #: Decision 1: months of a first award's validity (published: two years).
    first_term_months: int = attrs.field(default=24, validator=is_positive_months)
    #: Decision 3: months a seamless renewal adds, per tier
    #: (published: three years for Bronze and Silver, two for Gold).
    renewal_term_months: TierMonths = attrs.field(
        default=TierMonths(bronze=36, silver=36, gold=24), validator=_of(TierMonths)
    )
    #: Decision 2: months after expiry during which a label can be renewed
    #: seamlessly (published: one year).
    renewal_window_months: int = attrs.field(
        default=12, validator=[is_window_months, _window_within_terms]
    )
    #: Decision 3: what a renewal extends from.
    extension_base: ExtensionBase = attrs.field(
        default=ExtensionBase.PREVIOUS_EXPIRY,
        validator=_of(ExtensionBase),
    )
    #: Decision 5: the Gold pass score in percent of the maximum points
    #: (published: 80 %).
    gold_pass_score: float = attrs.field(default=PUBLISHED_GOLD_PASS_SCORE, validator=_percent)
    #: The Eligibility Criteria.
    criteria: Criteria = attrs.field(factory=Criteria, validator=_of(Criteria), kw_only=True)
    #: What Silver needs.
    silver: SilverRules = attrs.field(factory=SilverRules, validator=_of(SilverRules), kw_only=True)
    #: What Gold needs.
    gold: GoldRules = attrs.field(factory=GoldRules, validator=_of(GoldRules), kw_only=True)
    #: How indicator values are read.
    scoring: ScoringRules = attrs.field(
        factory=ScoringRules, validator=_of(ScoringRules), kw_only=True
    )
    #: The edition in force before :attr:`effective_from`, or None.
    previous: Rulebook | None = attrs.field(default=None, validator=_earlier, kw_only=True)
    #: The source of each parameter (``"criteria.min_committed_members"``), or the
    #: word "decision" and why; see :meth:`source_of`.
    parameter_sources: tuple[tuple[str, str], ...] = attrs.field(
        default=(),
        converter=_sources_of_parameters,
        validator=_known_parameters,
        kw_only=True,
    )

    def __repr__(self) -> str:
        """Its id: ``Rulebook('ecei-2019')``."""
        return f"{type(self).__name__}({self.id!r})"

    def in_force_on(self, day: dt.date) -> Rulebook:
        """The edition in force on ``day``: this one, or the newest earlier edition that
        took effect by then. A day before every edition takes the earliest edition."""
        edition = self
        while day < edition.effective_from and edition.previous is not None:
            edition = edition.previous
        return edition

    def editions(self) -> tuple[Rulebook, ...]:
        """This edition and those before it, oldest first."""
        found = []
        edition: Rulebook | None = self
        while edition is not None:
            found.append(edition)
            edition = edition.previous
        return tuple(reversed(found))

    def pinned(self) -> Rulebook:
        """This edition alone, applied to assessments of every date (``id[pinned]``)."""
        if self.previous is None:
            return self
        return attrs.evolve(self, id=f"{self.id}[pinned]", previous=None)

    def source_of(self, parameter: str) -> str:
        """The source of a parameter of this edition (a dotted name, as :func:`parameters`
        gives), or ``"not stated"``."""
        return dict(self.parameter_sources).get(parameter, "not stated")

    def variant(self, *, id: str | None = None, **changes: Any) -> Rulebook:
        """Return the rulebook with ``changes`` made in every edition, and ids that name them.

        A parameter at the top (``anchor=...``) takes the same value in every
        edition; a group (``silver=...``) is compared with this edition's, and
        only the fields that differ are changed, in every edition. Without
        ``id``, each edition's id is its id followed by the changes in
        brackets, e.g. ``ecei-2019[anchor=exact-day]``, and each changed
        parameter's source says it was set in the variant. ``id``,
        ``title``, ``effective_from``, ``sources`` and ``previous`` change
        this edition only.

        >>> from cluster_excellence import DEFAULT_RULEBOOK, ExtensionBase
        >>> DEFAULT_RULEBOOK.variant(extension_base=ExtensionBase.ASSESSMENT)
        Rulebook('ecei-2019[extension_base=assessment]')
        >>> DEFAULT_RULEBOOK.variant() == DEFAULT_RULEBOOK
        True
        """
        unknown = sorted(set(changes) - {a.name for a in attrs.fields(Rulebook)})
        if unknown:
            raise InvalidTypeError(f"Rulebook has no parameter {', '.join(unknown)}")
        own: dict[str, Any] = {
            k: changes.pop(k) for k in ("title", "effective_from", "sources") if k in changes
        }
        if "previous" in changes:
            own["previous"] = changes.pop("previous")
        edits: dict[str, Any] = {}
        for name, value in changes.items():
            if name in GROUPS:
                old = getattr(self, name)
                differ = {
                    f.name: getattr(value, f.name)
                    for f in attrs.fields(type(old))
                    if getattr(old, f.name) != getattr(value, f.name)
                }
                if differ:
                    edits[name] = differ
            elif name == "parameter_sources":
                own[name] = value
            elif getattr(self, name) != value:
                edits[name] = value
        return self._edited(edits, id, own)

    def _edited(
        self,
        edits: Mapping[str, Any],
        id: str | None = None,
        own: Mapping[str, Any] | None = None,
    ) -> Rulebook:
        """This edition (and those before it) with ``edits`` made, named in their ids."""
        own = own or {}
        if not edits and id is None and not own:
            return self
        values: dict[str, Any] = {}
        changed: dict[str, str] = {}
        for name, value in edits.items():
            if name in GROUPS:
                values[name] = attrs.evolve(getattr(self, name), **value)
                changed.update({f"{name}.{field}": _shown(v) for field, v in value.items()})
            else:
                values[name] = value
                changed[name] = _shown(value)
        described = ",".join(f"{name}={shown}" for name, shown in sorted(changed.items()))
        new_id = id if id is not None else (f"{self.id}[{described}]" if described else self.id)
        previous = own.get("previous", self.previous)
        if "previous" not in own and previous is not None and edits:
            previous = previous._edited(edits)
        sources = dict(own.get("parameter_sources", self.parameter_sources))
        sources.update(dict.fromkeys(changed, f"set in the variant {new_id}"))
        rest = {k: v for k, v in own.items() if k not in ("previous", "parameter_sources")}
        return attrs.evolve(
            self, id=new_id, previous=previous, parameter_sources=sources, **rest, **values
        )


def _shown(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, TierMonths):
        return f"{value.bronze}/{value.silver}/{value.gold}"
    return str(value)


def parameters(rulebook: Rulebook) -> dict[str, Any]:
    """Every parameter of ``rulebook`` by dotted name (``silver.min_interval_months``),
    in the order of the docs' table of rules.

    >>> from cluster_excellence import DEFAULT_RULEBOOK
    >>> from cluster_excellence.model.rulebooks import parameters
    >>> parameters(DEFAULT_RULEBOOK)["criteria.min_committed_members"]
    15
    """
    found: dict[str, Any] = {name: getattr(rulebook, name) for name in LIFECYCLE}
    for group in GROUPS:
        value = getattr(rulebook, group)
        for field in attrs.fields(type(value)):
            found[f"{group}.{field.name}"] = getattr(value, field.name)
    return found
