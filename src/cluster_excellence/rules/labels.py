"""Labels: validity, seamless renewal and status on a day.

The rules are Decisions 1-4 (docs: *Validity and renewal*), built on the
published texts:

- Bronze and Silver: a first award is "valid for two years from the month in
  which the interview (assessment) was conducted"; up to one year after
  expiry the label can be renewed and "the validity of the label is then
  seamlessly extended by three years from the previous validity period"
  (https://www.cluster-analysis.org/benchmarked-clusters,
  https://www.cluster-analysis.org/silver-label).
- Gold: valid two years; a renewal within the first year after expiry extends
  it by two years (https://www.cluster-analysis.org/gold-label).

Qoot Cluster was benchmarked on 25 July 2019. With the default month-end
anchor its Bronze label runs through 31 July 2021 and can be renewed
seamlessly until 31 July 2022:

>>> import datetime as dt
>>> from cluster_excellence import DEFAULT_RULEBOOK, Benchmark, Tier
>>> from cluster_excellence.rules.labels import apply_award, label_status
>>> qoot = Benchmark(dt.date(2019, 7, 25))
>>> label = apply_award(None, qoot, DEFAULT_RULEBOOK)
>>> label.valid_from, label.valid_until, label.renewable_until
(datetime.date(2019, 7, 25), datetime.date(2021, 7, 31), datetime.date(2022, 7, 31))
>>> label_status(label, dt.date(2021, 8, 1))
Status.EXPIRED_RENEWABLE
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from .._calendar import MONTH_ENDS, add_months, end_of_month_after
from .._checks import DayLike, as_day
from .._enums import ValueEnum
from .._words import N_
from ..errors import InvalidValueError
from ..files.presets import DEFAULT_RULEBOOK
from ..model.assessments import Assessment
from ..model.clusters import StatedLabel
from ..model.rulebooks import Anchor, ExtensionBase, Rulebook
from ..model.tiers import Tier
from .awards import awarded_tier

__all__ = [
    "Label",
    "LabelStatus",
    "Status",
    "apply_award",
    "expiry",
    "first_expiry",
    "first_renewable_until",
    "known_on",
    "label_history",
    "label_status",
    "last_seamless_renewal_day",
    "latest_labels",
    "stated_known_from",
    "stated_label_status",
    "term_ends",
]


class Status(ValueEnum):
    """The status of a label on a day (Decision 4)."""

    #: On or after ``valid_from`` and on or before ``valid_until``.
    VALID = "valid"
    #: After ``valid_until``, on or before ``renewable_until``.
    EXPIRED_RENEWABLE = "expired_renewable"
    #: After ``renewable_until``: a new award starts a new label.
    LAPSED = "lapsed"

    @property
    def words(self) -> str:
        """The status for people (in English; translated where it is shown)."""
        return _STATUS_WORDS[self]


_STATUS_WORDS = {
    Status.VALID: N_("valid"),
    Status.EXPIRED_RENEWABLE: N_("expired, renewable"),
    Status.LAPSED: N_("lapsed"),
}
#: The status of a table's row for a tier without a label on the day (docs: *File
#: formats*, "One vocabulary"): a value of its own, so that filters on the status see it.
NO_LABEL = "no_label"
N_("no label")


def _awarding_assessments(instance: Label, attribute: Any, value: Any) -> None:
    if not isinstance(value, tuple) or not value:
        raise InvalidValueError("a label needs the assessments that made it")


def _positive(instance: Label, attribute: Any, value: Any) -> None:
    if type(value) is not int or value <= 0:
        raise InvalidValueError(f"{attribute.name} must be a whole number of months above 0")


def _ordered_dates(instance: Label, attribute: Any, value: Any) -> None:
    if not instance.valid_from <= instance.valid_until <= value:
        raise InvalidValueError(
            "a label needs valid_from <= valid_until <= renewable_until, got "
            f"{instance.valid_from}, {instance.valid_until}, {value}"
        )


@attrs.frozen
class Label:
    """One continuous label of one tier, from its first award through its renewals.

    ``valid_until`` is ``term_start`` plus ``term_months`` under the
    rulebook's anchor; ``renewable_until`` is the same plus the renewal
    window. Labels are made by the rules (:func:`apply_award`,
    :func:`label_history`, :func:`~cluster_excellence.cluster_status`) from
    checked assessments, so their constructor checks only what makes a label
    one: its dates in order, its assessments, a term of months.
    """

    tier: Tier
    #: The day of the first award.
    valid_from: dt.date
    #: The last valid day.
    valid_until: dt.date
    #: The last day on which an award of the same tier renews this label.
    renewable_until: dt.date = attrs.field(validator=_ordered_dates)
    #: The awarding assessments that made the label, in date order.
    assessments: tuple[Assessment, ...] = attrs.field(validator=_awarding_assessments)
    #: The id of the rulebook that computed the dates.
    rulebook: str
    #: The day the current term is counted from (the first award, or with the
    #: ``assessment`` extension base the renewal that set the expiry).
    term_start: dt.date
    #: Months from ``term_start`` to ``valid_until``.
    term_months: int = attrs.field(validator=_positive)


@attrs.frozen
class LabelStatus:
    """The status of a label on a day.

    ``label`` is the :class:`Label` that the assessments make or, for a tier
    known only from a stated label, the :class:`StatedLabel`; ``basis`` says
    which. The dates are on the status itself, so that both read alike.
    """

    label: Label | StatedLabel
    on: dt.date
    status: Status
    #: The last day on which an award of the tier renews the label.
    renewable_until: dt.date

    @property
    def tier(self) -> Tier:
        """The label's tier."""
        return self.label.tier

    @property
    def valid_from(self) -> dt.date | None:
        """The day of the first award; None for a stated label (not stated)."""
        return self.label.valid_from if isinstance(self.label, Label) else None

    @property
    def valid_until(self) -> dt.date:
        """The last valid day."""
        return self.label.valid_until

    @property
    def basis(self) -> str:
        """``"assessments"`` for a computed label, ``"stated"`` for a stated one."""
        return "assessments" if isinstance(self.label, Label) else "stated"

    @property
    def source(self) -> str | None:
        """Where a stated label's statement comes from; None for a computed label."""
        return self.label.source if isinstance(self.label, StatedLabel) else None


def expiry(start: dt.date, months: int, rulebook: Rulebook = DEFAULT_RULEBOOK) -> dt.date:
    """Return the last valid day of a term of ``months`` months counted from ``start``.

    Month-end anchor (default): the last day of the month ``months`` months
    after ``start``'s month. Exact-day anchor: ``start`` plus ``months``
    months, clamped to the month's end when that day does not exist.
    Source: docs, *Validity and renewal*, Decision 1 (the default is our
    decision; the published records show both forms).

    >>> import datetime as dt
    >>> from cluster_excellence import DEFAULT_RULEBOOK, Anchor
    >>> from cluster_excellence.rules.labels import expiry
    >>> expiry(dt.date(2016, 9, 1), 24)
    datetime.date(2018, 9, 30)
    >>> exact = DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY)
    >>> expiry(dt.date(2019, 7, 25), 24, exact)
    datetime.date(2021, 7, 25)
    >>> expiry(dt.date(2020, 2, 29), 24, exact)
    datetime.date(2022, 2, 28)
    """
    if rulebook.anchor is _MONTH_END:
        # The remembered month end first: this is the hot path of large portfolios.
        end = MONTH_ENDS.get(start.year * 12 + start.month - 1 + months)
        return end if end is not None else end_of_month_after(start, months)
    return add_months(start, months)


_MONTH_END = Anchor.MONTH_END


def first_expiry(assessed_on: dt.date, rulebook: Rulebook = DEFAULT_RULEBOOK) -> dt.date:
    """Return the last valid day of a label first awarded for an assessment on ``assessed_on``.

    Published: "valid for two years from the month in which the interview
    (assessment) was conducted" (https://www.cluster-analysis.org/benchmarked-clusters).
    The anchor is Decision 1 (docs: *Validity and renewal*).

    Qoot Cluster, benchmarked 2019-07-25 (its certificate says 2021-07-25,
    the exact-day reading); the Nordland clusters, benchmarked September 2016,
    "expire in September 2018":

    >>> import datetime as dt
    >>> from cluster_excellence import DEFAULT_RULEBOOK, Anchor
    >>> from cluster_excellence.rules.labels import first_expiry
    >>> first_expiry(dt.date(2019, 7, 25))
    datetime.date(2021, 7, 31)
    >>> first_expiry(dt.date(2019, 7, 25), DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY))
    datetime.date(2021, 7, 25)
    >>> first_expiry(dt.date(2016, 9, 1))
    datetime.date(2018, 9, 30)
    """
    edition = rulebook.in_force_on(assessed_on)
    return expiry(assessed_on, edition.first_term_months, edition)


def first_renewable_until(assessed_on: dt.date, rulebook: Rulebook = DEFAULT_RULEBOOK) -> dt.date:
    """Return the last day a first award on ``assessed_on`` can be renewed seamlessly.

    Published: a label can be renewed "up to one year after" it expires
    (https://www.cluster-analysis.org/benchmarked-clusters); with the
    month-end anchor the window ends on the last day of that month
    (docs: *Validity and renewal*, Decision 2).

    >>> import datetime as dt
    >>> from cluster_excellence.rules.labels import first_renewable_until
    >>> first_renewable_until(dt.date(2019, 7, 25))
    datetime.date(2022, 7, 31)
    """
    edition = rulebook.in_force_on(assessed_on)
    return expiry(assessed_on, edition.first_term_months + edition.renewal_window_months, edition)


def last_seamless_renewal_day(label: Label) -> dt.date:
    """Return the last day on which an award of the label's tier renews it seamlessly.

    An awarding assessment on or before this day extends the label; a later
    one starts a new label (docs: *Validity and renewal*, Decision 2).

    >>> import datetime as dt
    >>> from cluster_excellence import DEFAULT_RULEBOOK, Benchmark
    >>> from cluster_excellence.rules.labels import apply_award, last_seamless_renewal_day
    >>> label = apply_award(None, Benchmark(dt.date(2016, 9, 1)), DEFAULT_RULEBOOK)
    >>> last_seamless_renewal_day(label)
    datetime.date(2019, 9, 30)
    """
    return label.renewable_until


class _Run:
    """A label while its awards are folded in (internal and mutable)."""

    __slots__ = (
        "assessments",
        "renewable_until",
        "term_months",
        "term_start",
        "tier",
        "valid_until",
    )

    def __init__(self, assessment: Assessment, tier: Tier, edition: Rulebook) -> None:
        """A first award, under the edition in force on its date."""
        months = edition.first_term_months
        start = assessment.date
        self.tier = tier
        self.assessments = [assessment]
        self.term_start = start
        self.term_months = months
        self.valid_until = expiry(start, months, edition)
        self.renewable_until = expiry(start, months + edition.renewal_window_months, edition)

    @classmethod
    def of(cls, label: Label) -> _Run:
        run = cls.__new__(cls)
        run.tier = label.tier
        run.assessments = list(label.assessments)
        run.term_start = label.term_start
        run.term_months = label.term_months
        run.valid_until = label.valid_until
        run.renewable_until = label.renewable_until
        return run

    def renew(self, assessment: Assessment, edition: Rulebook) -> None:
        """Decision 3: extend by the tier's renewal term of the edition in force on the
        renewal's date (see :func:`apply_award`)."""
        rulebook = edition
        term = rulebook.renewal_term_months[self.tier]
        self.assessments.append(assessment)
        if rulebook.extension_base is ExtensionBase.ASSESSMENT:
            until = expiry(assessment.date, term, rulebook)
            if until <= self.valid_until:
                # "Seamlessly extended": a renewal never shortens a label, which
                # a renewal term shorter than the time left could otherwise do.
                return
            self.term_start, self.term_months, self.valid_until = assessment.date, term, until
        else:
            self.term_months += term
            self.valid_until = expiry(self.term_start, self.term_months, rulebook)
        self.renewable_until = expiry(
            self.term_start, self.term_months + rulebook.renewal_window_months, rulebook
        )

    def label(self, rulebook: Rulebook) -> Label:
        """The label so far, named after the rulebook (of all editions) that made it."""
        return Label(
            self.tier,
            self.assessments[0].date,
            self.valid_until,
            self.renewable_until,
            tuple(self.assessments),
            rulebook.id,
            self.term_start,
            self.term_months,
        )


def known_on(assessment: Assessment, on: dt.date) -> bool:
    """Whether an award is known on the day ``on``: made on or before it (on its award day
    when recorded, else on the assessment's day; docs: *Validity and renewal*, Decision 4)."""
    return assessment.date <= on and (assessment.awarded_on is None or assessment.awarded_on <= on)


def _fold(
    assessments: Iterable[Assessment],
    rulebook: Rulebook,
    *,
    known_by: dt.date | None = None,
    starts_by: dt.date | None = None,
    tier: Tier | None = None,
) -> Iterator[_Run]:
    """Fold the awards among ``assessments`` (in date order) into labels: the label of the
    award's tier after each award (Decisions 2, 3 and 5), each award judged by the edition
    of ``rulebook`` in force on its date.

    With ``known_by`` only the awards known by that day count (the as-of reading of
    Decision 4); with ``starts_by`` an award after that day may renew a label but not
    start one (the retroactive reading); with ``tier`` only that tier's awards count.
    Two awards of one tier on one day are an error.
    """
    runs: list[_Run | None] = [None, None, None]  # by tier rank
    for assessment in assessments:
        day = assessment.date
        if known_by is not None:
            if day > known_by:
                break
            if assessment.awarded_on is not None and assessment.awarded_on > known_by:
                continue  # assessed, but not yet awarded on the day
        edition = rulebook.in_force_on(day)
        awarded = awarded_tier(assessment, edition)
        if awarded is None or (tier is not None and awarded is not tier):
            continue
        run = runs[awarded.rank]
        if run is not None and day <= run.renewable_until:
            if day == run.assessments[-1].date:
                raise InvalidValueError(f"two awards of {awarded} on {day.isoformat()}")
            run.renew(assessment, edition)
        elif starts_by is None or day <= starts_by:
            run = runs[awarded.rank] = _Run(assessment, awarded, edition)
        else:
            continue
        yield run


def _by_date(assessments: Iterable[Assessment]) -> list[Assessment]:
    return sorted(assessments, key=lambda assessment: assessment.date)


def latest_labels(
    assessments: Iterable[Assessment], on: dt.date, rulebook: Rulebook, *, retroactive: bool
) -> list[Label]:
    """Per tier, in tier order, the latest label that started on or before ``on``.

    ``assessments`` must be in date order. As of ``on`` only the awards known
    by then count (:func:`known_on`); retroactively, later ones may still renew
    a label that started by then (Decision 4). Each award is judged by the
    edition of ``rulebook`` in force on its date.
    """
    latest: list[_Run | None] = [None, None, None]
    for run in _fold(assessments, rulebook, known_by=None if retroactive else on, starts_by=on):
        latest[run.tier.rank] = run
    return [run.label(rulebook) for run in latest if run is not None]


def apply_award(
    label: Label | None, assessment: Assessment, rulebook: Rulebook = DEFAULT_RULEBOOK
) -> Label:
    """Return the label that results when ``assessment`` awards a tier.

    With no label, or when the assessment falls after the label's
    ``renewable_until``, a new label starts with a first term (Decision 2).
    Otherwise, including before expiry, the label is renewed: it keeps its
    ``valid_from`` and its expiry moves by the tier's renewal term from the
    previous expiry (or, with the ``assessment`` extension base, from the
    assessment's date) (Decision 3). With the exact-day anchor the expiry is
    counted from the term's start plus all its months, never by chaining
    clamped dates.

    Raises :class:`ValueError` when the assessment awards nothing, awards
    another tier than the label's, is not later than the label's latest
    assessment, or when the label was computed under another rulebook.

    The Hemp Cluster (Slovakia) was benchmarked in October 2017, November 2019
    and November 2021 (days not published; the 1st stands in):

    >>> import datetime as dt
    >>> from cluster_excellence import DEFAULT_RULEBOOK, Benchmark, ExtensionBase
    >>> from cluster_excellence.rules.labels import apply_award
    >>> hemp = None
    >>> for day in (dt.date(2017, 10, 1), dt.date(2019, 11, 1), dt.date(2021, 11, 1)):
    ...     hemp = apply_award(hemp, Benchmark(day), DEFAULT_RULEBOOK)
    >>> hemp.valid_from, hemp.valid_until
    (datetime.date(2017, 10, 1), datetime.date(2025, 10, 31))

    Its 2021 certificate is "valid until November 30th 2024": the
    ``assessment`` extension base reproduces that record.

    >>> by_assessment = DEFAULT_RULEBOOK.variant(extension_base=ExtensionBase.ASSESSMENT)
    >>> hemp = None
    >>> for day in (dt.date(2017, 10, 1), dt.date(2019, 11, 1), dt.date(2021, 11, 1)):
    ...     hemp = apply_award(hemp, Benchmark(day), by_assessment)
    >>> hemp.valid_until
    datetime.date(2024, 11, 30)
    """
    edition = rulebook.in_force_on(assessment.date)
    tier = awarded_tier(assessment, edition)
    if tier is None:
        raise InvalidValueError(f"{assessment!r} awards no label")
    if label is None:
        return _Run(assessment, tier, edition).label(rulebook)
    if tier is not label.tier:
        raise InvalidValueError(f"{assessment!r} awards {tier.value}, not {label.tier.value}")
    if label.rulebook != rulebook.id:
        raise InvalidValueError(
            f"the label was computed under rulebook {label.rulebook!r}, not {rulebook.id!r}"
        )
    if assessment.date <= label.assessments[-1].date:
        raise InvalidValueError(
            f"{assessment!r} is not later than the label's latest assessment "
            f"on {label.assessments[-1].date.isoformat()}"
        )
    if assessment.date > label.renewable_until:
        return _Run(assessment, tier, edition).label(rulebook)
    run = _Run.of(label)
    run.renew(assessment, edition)
    return run.label(rulebook)


def label_history(
    assessments: Iterable[Assessment],
    tier: Tier,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
    *,
    until: dt.date | None = None,
) -> tuple[Label, ...]:
    """Return every label of ``tier`` that ``assessments`` make, oldest first.

    Only assessments that award ``tier`` count (Decision 5), each judged by
    the edition in force on its date, and with ``until`` only the awards
    known by that day (``known_on``: the as-of reading of Decision 4).
    The assessments may come in any order.

    >>> import datetime as dt
    >>> from cluster_excellence import Benchmark, Tier
    >>> from cluster_excellence.rules.labels import label_history
    >>> history = label_history(
    ...     [Benchmark(dt.date(2022, 5, 10)), Benchmark(dt.date(2019, 2, 14))],
    ...     Tier.BRONZE,
    ... )
    >>> [(label.valid_from.isoformat(), label.valid_until.isoformat()) for label in history]
    [('2019-02-14', '2021-02-28'), ('2022-05-10', '2024-05-31')]
    """
    runs = _fold(_by_date(assessments), rulebook, known_by=until, tier=tier)
    return tuple(run.label(rulebook) for run in dict.fromkeys(runs))  # each label once


def label_status(label: Label, on: DayLike) -> Status:
    """Return the status of ``label`` on the day ``on`` (Decision 4).

    ``valid`` through ``valid_until``, ``expired_renewable`` through
    ``renewable_until``, ``lapsed`` after that. A label has no status before
    its ``valid_from``: that raises :class:`ValueError`.

    The Nordland clusters' labels, from a benchmarking in September 2016:

    >>> import datetime as dt
    >>> from cluster_excellence import DEFAULT_RULEBOOK, Benchmark
    >>> from cluster_excellence.rules.labels import apply_award, label_status
    >>> label = apply_award(None, Benchmark(dt.date(2016, 9, 1)), DEFAULT_RULEBOOK)
    >>> days = [dt.date(2018, 9, 30), dt.date(2018, 10, 1), dt.date(2019, 10, 1)]
    >>> [label_status(label, day).value for day in days]
    ['valid', 'expired_renewable', 'lapsed']
    """
    on = as_day(on, "on")
    if on < label.valid_from:
        raise InvalidValueError(
            f"the label starts on {label.valid_from.isoformat()}, after {on.isoformat()}"
        )
    if on <= label.valid_until:
        return Status.VALID
    if on <= label.renewable_until:
        return Status.EXPIRED_RENEWABLE
    return Status.LAPSED


def stated_label_status(
    stated: StatedLabel, on: DayLike, rulebook: Rulebook = DEFAULT_RULEBOOK
) -> LabelStatus | None:
    """Return the status of a label known only by its stated end, or None.

    ``valid`` through the stated ``valid_until``; then ``expired_renewable``
    through the end of the renewal window, counted from the stated end as
    for any label (Decision 2: ``renewable_until`` is the
    expiry plus 12 months, to the month's end under the month-end anchor);
    ``lapsed`` after that.

    When the label began is not stated. Our decision, derived from the
    rulebook rather than published: a label that ends on ``valid_until`` was
    certainly valid from the last day of the month ``first_term_months``
    before that month on (no label is shorter than a first award). Before
    that day whether the label existed is not known, and the result is None:
    the tier has no entry, as for a label that has not started.

    The label listing's example row, Aviation Valley, "valid until
    2013/02/23" (the tier is this example's choice; the row does not say it):

    >>> import datetime as dt
    >>> from cluster_excellence import StatedLabel, Tier
    >>> from cluster_excellence.rules.labels import stated_label_status
    >>> stated = StatedLabel(Tier.GOLD, dt.date(2013, 2, 23))
    >>> for day in (dt.date(2011, 2, 27), dt.date(2011, 2, 28), dt.date(2013, 2, 24),
    ...             dt.date(2014, 2, 28), dt.date(2014, 3, 1)):
    ...     entry = stated_label_status(stated, day)
    ...     print(day, entry and entry.status.value)
    2011-02-27 None
    2011-02-28 valid
    2013-02-24 expired_renewable
    2014-02-28 expired_renewable
    2014-03-01 lapsed
    """
    on = as_day(on, "on")
    edition = rulebook.in_force_on(stated.valid_until)
    if on < stated_known_from(stated, rulebook):
        return None
    renewable_until = expiry(stated.valid_until, edition.renewal_window_months, edition)
    if on <= stated.valid_until:
        status = Status.VALID
    elif on <= renewable_until:
        status = Status.EXPIRED_RENEWABLE
    else:
        status = Status.LAPSED
    return LabelStatus(stated, on, status, renewable_until)


def stated_known_from(stated: StatedLabel, rulebook: Rulebook = DEFAULT_RULEBOOK) -> dt.date:
    """The first day a stated label is known to be held: the last day of the month
    ``first_term_months`` before the month of its end (our decision; see
    :func:`stated_label_status`)."""
    edition = rulebook.in_force_on(stated.valid_until)
    return end_of_month_after(stated.valid_until, -edition.first_term_months)


def term_ends(
    assessments: Iterable[Assessment], tier: Tier, rulebook: Rulebook = DEFAULT_RULEBOOK
) -> tuple[dt.date, ...]:
    """Every expiry that ``assessments`` give the labels of ``tier``, in order.

    Each award sets an expiry: a first award its first term's end, each
    renewal the extended end (Decisions 1-3). A stated end that is none of
    these disagrees with the assessments (see
    :func:`~cluster_excellence.stated_disagreements`).

    The Hemp Cluster's three benchmarkings (the 1st stands in for the
    unpublished days):

    >>> import datetime as dt
    >>> from cluster_excellence import Benchmark, Tier
    >>> from cluster_excellence.rules.labels import term_ends
    >>> days = (dt.date(2017, 10, 1), dt.date(2019, 11, 1), dt.date(2021, 11, 1))
    >>> [end.isoformat() for end in term_ends([Benchmark(d) for d in days], Tier.BRONZE)]
    ['2019-10-31', '2022-10-31', '2025-10-31']
    """
    return tuple(run.valid_until for run in _fold(_by_date(assessments), rulebook, tier=tier))
