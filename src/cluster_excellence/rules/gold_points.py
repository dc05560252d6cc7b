"""Gold points: a Gold audit's indicator values scored against a catalogue.

Gold needs at least the rulebook's pass score (published: 80 %; 2013: 120
of 150 points) of the catalogue's points and every minimum requirement
(https://www.cluster-analysis.org/gold-label; docs: *Scoring*, "Gold points").

>>> from cluster_excellence import gold_catalogue
>>> from cluster_excellence.rules.gold_points import gold_score
>>> catalogue = gold_catalogue()
>>> values = {i.code: i.gold_threshold for i in catalogue.indicators}
>>> result = gold_score(values, catalogue)
>>> result.points, result.max_points, result.percent, result.passed
(150, 150, 100.0, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeVar

import attrs

from .._checks import DayLike, as_day
from .._layout import (
    BOOL,
    DAY,
    INT,
    NUMBER,
    TEXT,
    TEXTS,
    Column,
    Document,
    Key,
    Kind,
    Layout,
    Shape,
    Table,
    listing,
    nested,
)
from .._results import Result
from .._words import Message
from ..files.presets import DEFAULT_RULEBOOK, rulebook_of
from ..model.assessments import Benchmark, GoldAudit, Value
from ..model.catalogues import Catalogue, catalogue_of, meets
from ..model.clusters import Cluster, Portfolio, portfolio_of
from ..model.rulebooks import Rulebook, Unrecorded

__all__ = [
    "ClusterGoldScore",
    "GoldScore",
    "IndicatorPoints",
    "PortfolioGoldScore",
    "cluster_gold_score",
    "gold_score",
    "latest_gold_audit",
    "latest_measured",
    "portfolio_gold_score",
]

M = TypeVar("M", Benchmark, GoldAudit)


@attrs.frozen
class IndicatorPoints:
    """What one Gold indicator earned."""

    code: str
    value: Value | None
    threshold: Value
    points: int
    earned: int


@attrs.frozen
class GoldScore:
    """A Gold result: points, percentage, minimum requirements, pass or fail."""

    catalogue: str
    rulebook: str
    points: int
    max_points: int
    percent: float
    pass_score: float
    #: Every minimum requirement met; None when one is undetermined (a missing value,
    #: read so by the rulebook) and none is missed.
    minimums_met: bool | None
    missed_minimums: tuple[str, ...]
    #: Indicators without a value: they earn nothing.
    missing: tuple[str, ...]
    #: The indicators that cost points, most points first.
    lost: tuple[IndicatorPoints, ...]
    #: Pass or fail; None when only undetermined minimum requirements stand in the way.
    passed: bool | None
    #: Minimum requirements without a value, read as undetermined.
    undetermined_minimums: tuple[str, ...] = ()


_VALUE = {"anyOf": [{"type": "number"}, {"type": "boolean"}]}
#: The JSON of a Gold score (the ``result`` of a cluster in the gold-score document).
GOLD_SCORE = Shape(
    "gold score",
    Key("catalogue", TEXT),
    Key("rulebook", TEXT),
    Key("points", INT),
    Key("max_points", INT),
    Key("percent", NUMBER),
    Key("pass_score", NUMBER),
    Key("passed", BOOL, nullable=True),
    Key("minimums_met", BOOL, nullable=True),
    Key("missed_minimums", TEXTS),
    Key("undetermined_minimums", TEXTS),
    Key("missing", TEXTS),
    Key(
        "lost",
        listing(
            Shape(
                "points lost",
                Key("code", TEXT),
                Key("value", Kind("value", _VALUE), nullable=True),
                Key("threshold", Kind("value", _VALUE)),
                Key("points", INT),
            )
        ),
    ),
)


def gold_score(
    values: Mapping[str, Value], catalogue: Catalogue, rulebook: Rulebook = DEFAULT_RULEBOOK
) -> GoldScore:
    """Score ``values`` against the Gold thresholds and points of ``catalogue``.

    An indicator earns its points when its value meets its threshold. Gold
    is passed with at least ``rulebook.gold_pass_score`` percent of the
    catalogue's points and every minimum requirement met (published: 80 %,
    2013: 120 of 150 points; https://www.cluster-analysis.org/gold-label). A
    missing value earns nothing; what it means for a minimum requirement is
    the rulebook's ``scoring.missing_value`` (by default undetermined: a
    missing value is not a missed one; our decision).

    >>> from cluster_excellence import gold_catalogue
    >>> from cluster_excellence.rules.gold_points import gold_score
    >>> catalogue = gold_catalogue()
    >>> values = {i.code: i.gold_threshold for i in catalogue.indicators}
    >>> values["G-REC-01"] = values["G-REC-02"] = values["G-REC-04"] = 0  # 3 x 4 points
    >>> values["G-SER-01"] = values["G-SER-02"] = 0                      # 2 x 5 points
    >>> result = gold_score(values, catalogue)
    >>> result.points, result.percent, result.passed
    (128, 85.33333333333333, True)
    """
    earned_total = 0
    lost: list[IndicatorPoints] = []
    missed: list[str] = []
    undetermined: list[str] = []
    missing: list[str] = []
    reading = rulebook.scoring.missing_value
    for indicator in catalogue.indicators:
        value = values.get(indicator.code)
        if value is None:
            missing.append(indicator.code)
        if indicator.minimum is not None:
            if value is not None:
                if not meets(value, indicator.minimum, indicator.direction):
                    missed.append(indicator.code)
            elif reading is Unrecorded.NOT_MET:
                missed.append(indicator.code)
            elif reading is Unrecorded.UNDETERMINED:
                undetermined.append(indicator.code)
        if indicator.gold_threshold is None or indicator.points is None:
            continue
        earned = (
            indicator.points
            if value is not None and meets(value, indicator.gold_threshold, indicator.direction)
            else 0
        )
        earned_total += earned
        if earned < indicator.points:
            lost.append(
                IndicatorPoints(
                    indicator.code, value, indicator.gold_threshold, indicator.points, earned
                )
            )
    maximum = catalogue.max_points()
    percent = 100.0 * earned_total / maximum if maximum else 0.0
    lost.sort(key=lambda p: (-(p.points - p.earned), p.code))
    passed: bool | None = maximum > 0 and percent >= rulebook.gold_pass_score and not missed
    if passed and undetermined:
        passed = None
    return GoldScore(
        catalogue=catalogue.label,
        rulebook=rulebook.id,
        points=earned_total,
        max_points=maximum,
        percent=percent,
        pass_score=rulebook.gold_pass_score,
        minimums_met=False if missed else (None if undetermined else True),
        missed_minimums=tuple(missed),
        missing=tuple(missing),
        lost=tuple(lost),
        undetermined_minimums=tuple(undetermined),
        passed=passed,
    )


def latest_measured(cluster: Cluster, kind: type[M], on: dt.date) -> M | None:
    """The cluster's latest assessment of ``kind`` on or before ``on`` with indicator values."""
    found = None
    for assessment in cluster.assessments:  # date order
        if assessment.date > on:
            break
        if isinstance(assessment, kind) and assessment.indicators:
            found = assessment
    return found


def latest_gold_audit(cluster: Cluster, on: dt.date) -> GoldAudit | None:
    """The cluster's latest Gold audit on or before ``on`` with indicator values."""
    return latest_measured(cluster, GoldAudit, on)


_ENTRY = Shape(
    "cluster gold score",
    Key("id", TEXT, "cluster_id"),
    Key("name", TEXT, "cluster_name"),
    Key("audit_date", DAY, lambda entry: entry.audit.date if entry.audit else None, nullable=True),
    Key(
        "recorded_score",
        NUMBER,
        lambda entry: entry.audit.score if entry.audit else None,
        nullable=True,
    ),
    Key(
        "recorded_passed",
        BOOL,
        lambda entry: entry.audit.passed if entry.audit else None,
        nullable=True,
    ),
    Key("result", nested(GOLD_SCORE), "score", nullable=True),
)
_COLUMNS = (
    Column("on", DAY, "On"),
    Column("catalogue", TEXT, "Catalogue"),
    Column("rulebook", TEXT, "Rulebook"),
    Column("cluster_id", TEXT, "Cluster"),
    Column("cluster_name", TEXT, "Name", wide=True),
    Column("audit_date", DAY, "Audit"),
    Column("recorded_score", NUMBER, "Recorded score"),
    Column("points", INT, "Points"),
    Column("max_points", INT, "Of"),
    Column("percent", NUMBER, "Percent", spec=".1f"),
    Column("minimums_met", BOOL, "Minimums met"),
    Column("missed_minimums", TEXTS, "Missed minimums", wide=True),
    Column("passed", BOOL, "Passed"),
)


def _rows(on: dt.date, catalogue: str, rulebook: str, entries: Iterable[ClusterGoldScore]) -> Any:
    """One row per cluster; without a scored audit, the result's columns are empty."""
    for entry in entries:
        score, audit = entry.score, entry.audit
        yield {
            "on": on,
            "catalogue": catalogue,
            "rulebook": rulebook,
            "cluster_id": entry.cluster_id,
            "cluster_name": entry.cluster_name,
            "audit_date": audit.date if audit else None,
            "recorded_score": audit.score if audit else None,
            "points": score.points if score else None,
            "max_points": score.max_points if score else None,
            "percent": score.percent if score else None,
            "minimums_met": score.minimums_met if score else None,
            "missed_minimums": score.missed_minimums if score else None,
            "passed": score.passed if score else None,
        }


def _title(result: Any) -> list[Message]:
    return [
        Message("Gold scores on {on}", on=result.on),
        Message(
            "Catalogue {catalogue}; rulebook {rulebook}",
            catalogue=result.catalogue,
            rulebook=result.rulebook,
        ),
    ]


def _table(rows: Any) -> Table:
    return Table(
        "Gold scores",
        _COLUMNS,
        rows,
        title=_title,
        empty=Message("No clusters."),
        shown=(
            "cluster_id",
            "audit_date",
            "points",
            "max_points",
            "percent",
            "minimums_met",
            "missed_minimums",
            "passed",
        ),
        attrs=("on", "catalogue", "rulebook"),
    )


@attrs.frozen(repr=False)
class ClusterGoldScore(Result):
    """A cluster's latest Gold audit with indicator values, scored; or neither."""

    cluster_id: str
    cluster_name: str
    on: dt.date
    catalogue: str
    rulebook: str
    audit: GoldAudit | None
    score: GoldScore | None

    LAYOUT: ClassVar[Layout] = Layout(
        [_table(lambda e: _rows(e.on, e.catalogue, e.rulebook, [e]))], entry=_ENTRY
    )


@attrs.frozen(repr=False)
class PortfolioGoldScore(Result):
    """The Gold scores of a portfolio's clusters on a day, in portfolio order."""

    on: dt.date
    catalogue: str
    rulebook: str
    clusters: tuple[ClusterGoldScore, ...]

    LAYOUT: ClassVar[Layout] = Layout(
        [_table(lambda r: _rows(r.on, r.catalogue, r.rulebook, r.clusters))],
        document=Document(
            "cluster-excellence.gold-score/1",
            Shape(
                "gold score",
                Key("on", DAY),
                Key("catalogue", TEXT),
                Key("rulebook", TEXT),
                Key("clusters", listing(_ENTRY)),
            ),
        ),
    )


def cluster_gold_score(
    cluster: Cluster,
    catalogue: Catalogue,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
) -> ClusterGoldScore:
    """Score the cluster's latest Gold audit with indicator values on or before ``on``
    (see :func:`gold_score`), under the edition of ``rulebook`` in force on the audit's
    day."""
    return _cluster(cluster, catalogue_of(catalogue), as_day(on, "on"), rulebook_of(rulebook))


def _cluster(
    cluster: Cluster, catalogue: Catalogue, on: dt.date, rulebook: Rulebook
) -> ClusterGoldScore:
    audit = latest_gold_audit(cluster, on)
    edition = rulebook.in_force_on(audit.date) if audit else rulebook
    score = gold_score(audit.indicators, catalogue, edition) if audit else None
    return ClusterGoldScore(
        cluster.id, cluster.name, on, catalogue.label, rulebook.id, audit, score
    )


def portfolio_gold_score(
    portfolio: Portfolio,
    catalogue: Catalogue,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
) -> PortfolioGoldScore:
    """Every cluster's :func:`cluster_gold_score`, in portfolio order."""
    portfolio = portfolio_of(portfolio)
    day, book, catalogue = as_day(on, "on"), rulebook_of(rulebook), catalogue_of(catalogue)
    entries = tuple(_cluster(cluster, catalogue, day, book) for cluster in portfolio)
    return PortfolioGoldScore(day, catalogue.label, book.id, entries)
