"""The consistency check: recorded awards that contradict the rules, and stated labels that
disagree with the assessments.

An award recorded in a portfolio is a fact; the rules say whether the
records qualify for it. Where they do not, the check reports the award
with the findings that contradict it, without changing the computed labels
(docs: *Planning and checking records*, "Checking recorded awards"). A
stated label (from the label listing, a certificate) whose end is none of
the expiries the assessments give its tier is reported too
(:func:`~cluster_excellence.rules.status.stated_disagreements`).

>>> from cluster_excellence import portfolio_check, sample_portfolio
>>> found = portfolio_check(sample_portfolio())
>>> found.clean, [item.cluster_id for item in found.stated_disagreements]
(False, ['qoot', 'hemp-sk'])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar

import attrs

from .._layout import (
    DAY,
    MESSAGE,
    TEXT,
    Column,
    Document,
    Key,
    Layout,
    Shape,
    Table,
    listing,
    words,
)
from .._results import Result
from .._words import Message
from ..files.presets import DEFAULT_RULEBOOK, rulebook_of
from ..model.catalogues import Catalogue, catalogue_of
from ..model.clusters import Portfolio, portfolio_of
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier
from .awards import awarded_tier
from .decisions import FINDING, Decision, Outcome
from .eligibility import cluster_eligibility
from .status import StatedDisagreement, stated_disagreements

__all__ = ["Inconsistency", "PortfolioCheck", "StatedMismatch", "portfolio_check"]


@attrs.frozen
class Inconsistency:
    """A recorded award that the rulebook's decision for its day contradicts."""

    #: ``clusters[i]`` in portfolio order.
    path: str
    cluster_id: str
    cluster_name: str
    #: ``benchmarking``, ``silver_audit`` or ``gold_audit``.
    assessment: str
    date: dt.date
    decision: Decision


@attrs.frozen
class StatedMismatch:
    """A stated label of a cluster that disagrees with its assessments."""

    #: ``clusters[i]`` in portfolio order.
    path: str
    cluster_id: str
    cluster_name: str
    disagreement: StatedDisagreement


#: What a stated label is compared with (the ``rule`` of its row).
STATED_RULE = Message(
    "Decisions 1-3: a stated end must be one of the expiries the assessments give"
)

_INCONSISTENCY = Shape(
    "inconsistency",
    Key("path", TEXT),
    Key("cluster_id", TEXT),
    Key("cluster_name", TEXT),
    Key("assessment", TEXT),
    Key("date", DAY),
    Key(
        "findings",
        listing(FINDING),
        lambda item: [f for f in item.decision.findings if f.met is False],
    ),
)
_MISMATCH = Shape(
    "stated disagreement",
    Key("path", TEXT),
    Key("cluster_id", TEXT),
    Key("cluster_name", TEXT),
    Key("tier", words(Tier), lambda item: item.disagreement.tier),
    Key("stated_valid_until", DAY, lambda item: item.disagreement.stated.valid_until),
    Key("implied_valid_until", DAY, lambda item: item.disagreement.implied_valid_until),
    Key("source", TEXT, lambda item: item.disagreement.stated.source, nullable=True),
)
#: What a row of the check is about: an assessment by its type, or a stated label.
_RECORDS = (*(tier.kind for tier in Tier), "stated_label")
#: Each as people read it (the words of the table's cells, :func:`words`).
_RECORD_WORDS = {
    "benchmarking": Message("benchmarking"),
    "silver_audit": Message("silver audit"),
    "gold_audit": Message("gold audit"),
    "stated_label": Message("stated label"),
}
_COLUMNS = (
    Column("path", TEXT, "Path"),
    Column("cluster_id", TEXT, "Cluster"),
    Column("cluster_name", TEXT, "Name", wide=True),
    Column("assessment", words(_RECORDS, "record"), "Record"),
    Column("date", DAY, "Date"),
    Column("code", TEXT, "Code"),
    Column("message", MESSAGE, "What contradicts it", wide=True),
    Column("rule", MESSAGE, "Rule", wide=True),
    Column("source", TEXT, "Source", wide=True),
)


def _rows(result: PortfolioCheck) -> Iterator[dict[str, Any]]:
    """One row per unmet finding of each contradicted award, then one per stated
    disagreement."""
    for item in result.inconsistencies:
        for finding in item.decision.findings:
            if finding.met is False:
                yield {
                    "path": item.path,
                    "cluster_id": item.cluster_id,
                    "cluster_name": item.cluster_name,
                    "assessment": item.assessment,
                    "date": item.date,
                    "code": finding.code,
                    "message": finding.message,
                    "rule": finding.rule,
                    "source": finding.source,
                }
    for mismatch in result.stated_disagreements:
        found = mismatch.disagreement
        yield {
            "path": mismatch.path,
            "cluster_id": mismatch.cluster_id,
            "cluster_name": mismatch.cluster_name,
            "assessment": "stated_label",
            "date": found.stated.valid_until,
            "code": f"{found.tier.value}.stated_disagrees",
            "message": found.message,
            "rule": STATED_RULE,
            "source": found.stated.source or "",
        }


def _title(result: PortfolioCheck) -> list[Message]:
    if result.clean:
        return [Message("Rulebook: {rulebook}", rulebook=result.rulebook)]
    return [
        Message(
            "{count} recorded award(s) contradict the rules", count=len(result.inconsistencies)
        ),
        Message(
            "{count} stated label(s) disagree with the assessments",
            count=len(result.stated_disagreements),
        ),
        Message("Rulebook: {rulebook}", rulebook=result.rulebook),
    ]


def _group(row: Any) -> Message:
    return Message(
        "{path} {cluster_id}: {assessment} on {date}",
        path=row["path"],
        cluster_id=row["cluster_id"],
        assessment=_RECORD_WORDS[row["assessment"]],
        date=row["date"],
    )


@attrs.frozen(repr=False)
class PortfolioCheck(Result):
    """The recorded awards of a portfolio that contradict the rules, and its stated labels
    that disagree with the assessments (the ``check`` command)."""

    rulebook: str
    inconsistencies: tuple[Inconsistency, ...]
    stated_disagreements: tuple[StatedMismatch, ...]

    LAYOUT: ClassVar[Layout] = Layout(
        [
            Table(
                "Check",
                _COLUMNS,
                _rows,
                title=_title,
                empty=Message(
                    "No recorded award contradicts the rules; no stated label disagrees."
                ),
                shown=("path", "cluster_id", "code", "message"),
                group=("path", "cluster_id", "assessment", "date"),
                group_line=_group,
            )
        ],
        document=Document(
            "cluster-excellence.check/1",
            Shape(
                "check",
                Key("rulebook", TEXT),
                Key("inconsistencies", listing(_INCONSISTENCY)),
                Key("stated_disagreements", listing(_MISMATCH)),
            ),
        ),
    )

    @property
    def clean(self) -> bool:
        """Whether nothing was found (``check`` exits with 0, else 1)."""
        return not self.inconsistencies and not self.stated_disagreements


def portfolio_check(
    portfolio: Portfolio,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    catalogue: Catalogue | None = None,
) -> PortfolioCheck:
    """Every recorded award that contradicts the rulebook (a decision of ``not_eligible``),
    and every stated label that disagrees with the assessments.

    An awarding benchmarking is checked with the Bronze decision, a passed Silver audit
    with the Silver decision, a passing Gold audit with the Gold decision
    (:func:`~cluster_excellence.cluster_eligibility`), each on the assessment's day.
    Undetermined decisions are not contradictions. The computed labels stay as they are.
    """
    portfolio = portfolio_of(portfolio)
    book = rulebook_of(rulebook)
    catalogue = catalogue_of(catalogue, optional=True)
    found = []
    stated = []
    for index, cluster in enumerate(portfolio.clusters):
        path = f"clusters[{index}]"
        for assessment in cluster.assessments:
            tier = awarded_tier(assessment, book.in_force_on(assessment.date))
            if tier is None:
                continue
            decision = cluster_eligibility(
                cluster, tier, assessment.date, book, catalogue=catalogue
            )
            if decision.outcome is Outcome.NOT_ELIGIBLE:
                found.append(
                    Inconsistency(
                        path, cluster.id, cluster.name, assessment.kind, assessment.date, decision
                    )
                )
        stated += [
            StatedMismatch(path, cluster.id, cluster.name, disagreement)
            for disagreement in stated_disagreements(cluster, book)
        ]
    return PortfolioCheck(book.id, tuple(found), tuple(stated))
