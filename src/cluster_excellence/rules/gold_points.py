"""Gold points: a Gold audit's indicator values scored against a catalogue.

Gold needs at least the rulebook's pass score (published: 80 %; 2013: 120
of 150 points) of the catalogue's points and every minimum requirement
(https://www.cluster-analysis.org/gold-label; docs: *Scoring*, "Gold points").

>>> from cluster_excellence import gold_catalogue
>>> catalogue = gold_catalogue()
>>> values = {i.code: i.gold_threshold for i in catalogue.indicators}
>>> result = gold_score(values, catalogue)
>>> result.points, result.max_points, result.percent, result.passed
(150, 150, 100.0, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from .._checks import DayLike, as_day
from .._tabular import MAX_HTML_ROWS, Table, Tables, dataframe, records_table
from ..files.presets import DEFAULT_RULEBOOK
from ..model.assessments import Benchmark, GoldAudit, Value
from ..model.catalogues import Catalogue, meets
from ..model.clusters import Cluster
from ..model.rulebooks import Rulebook, Unrecorded

__all__ = [
    "GOLD_SCORE_COLUMNS",
    "ClusterGoldScore",
    "GoldScore",
    "GoldScores",
    "IndicatorPoints",
    "gold_score",
    "gold_scores",
    "latest_gold_audit",
    "latest_measured",
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

    def to_dict(self) -> dict[str, Any]:
        """This result as plain JSON-ready data."""
        return {
            "catalogue": self.catalogue,
            "rulebook": self.rulebook,
            "points": self.points,
            "max_points": self.max_points,
            "percent": self.percent,
            "pass_score": self.pass_score,
            "passed": self.passed,
            "minimums_met": self.minimums_met,
            "missed_minimums": list(self.missed_minimums),
            "undetermined_minimums": list(self.undetermined_minimums),
            "missing": list(self.missing),
            "lost": [
                {"code": p.code, "value": p.value, "threshold": p.threshold, "points": p.points}
                for p in self.lost
            ],
        }


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


@attrs.frozen
class ClusterGoldScore:
    """A cluster's latest Gold audit with indicator values, scored; or neither."""

    cluster_id: str
    name: str
    audit: GoldAudit | None
    score: GoldScore | None


#: The columns of :meth:`GoldScores.to_records` and ``gold-score --format csv``.
GOLD_SCORE_COLUMNS = (
    "on", "catalogue", "rulebook", "cluster_id", "cluster_name", "audit_date",
    "recorded_score", "points", "max_points", "percent", "minimums_met",
    "missed_minimums", "passed",
)  # fmt: skip


@attrs.frozen
class GoldScores(Tables):
    """The Gold scores of a portfolio's clusters on a day, in portfolio order."""

    on: dt.date
    catalogue: str
    rulebook: str
    clusters: tuple[ClusterGoldScore, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per cluster; without a scored audit, the result columns are None."""
        records = []
        for entry in self.clusters:
            score, audit = entry.score, entry.audit
            records.append(
                {
                    "on": self.on,
                    "catalogue": self.catalogue,
                    "rulebook": self.rulebook,
                    "cluster_id": entry.cluster_id,
                    "cluster_name": entry.name,
                    "audit_date": audit.date if audit else None,
                    "recorded_score": audit.score if audit else None,
                    "points": score.points if score else None,
                    "max_points": score.max_points if score else None,
                    "percent": score.percent if score else None,
                    "minimums_met": score.minimums_met if score else None,
                    "missed_minimums": " ".join(score.missed_minimums) if score else None,
                    "passed": score.passed if score else None,
                }
            )
        return records

    def tables(self) -> list[Table]:
        """The result as one table (its XLSX sheet): title, records, columns."""
        return [("Gold scores", self.to_records(), GOLD_SCORE_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table, as a notebook shows the result; over ``max_rows`` rows, the first
        and last rows around a gap, with the number of rows."""
        caption = f"Gold scores on {self.on.isoformat()} ({self.catalogue}, {self.rulebook})"
        return records_table(caption, self.to_records(), GOLD_SCORE_COLUMNS[3:], max_rows)

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra):
        the day and rulebook are in ``frame.attrs``, not in columns."""
        return dataframe(
            self.to_records(),
            GOLD_SCORE_COLUMNS,
            attrs={"on": self.on, "catalogue": self.catalogue, "rulebook": self.rulebook},
        )


def gold_scores(
    clusters: Iterable[Cluster],
    catalogue: Catalogue,
    on: DayLike,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
) -> GoldScores:
    """Score each cluster's latest Gold audit on or before ``on`` (see :func:`gold_score`),
    under the edition of ``rulebook`` in force on the audit's day."""
    on = as_day(on, "on")
    entries = []
    for cluster in clusters:
        audit = latest_gold_audit(cluster, on)
        edition = rulebook.in_force_on(audit.date) if audit else rulebook
        score = gold_score(audit.indicators, catalogue, edition) if audit else None
        entries.append(ClusterGoldScore(cluster.id, cluster.name, audit, score))
    return GoldScores(on, catalogue.label, rulebook.id, tuple(entries))
