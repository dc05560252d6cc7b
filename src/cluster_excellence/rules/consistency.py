"""The consistency check: recorded awards that contradict the rules.

An award recorded in a portfolio is a fact; the rules say whether the
records qualify for it. Where they do not, the check reports the award
with the findings that contradict it, without changing the computed labels
(docs: *Planning and checking records*, "Checking recorded awards").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ..files.presets import DEFAULT_RULEBOOK
from ..model.assessments import awarded_tier
from ..model.catalogues import Catalogue
from ..model.clusters import Portfolio
from ..model.rulebooks import Rulebook
from .decisions import Decision, Outcome
from .planning import decide

__all__ = ["Inconsistency", "check_records"]


@attrs.frozen
class Inconsistency:
    """A recorded award that the rulebook's decision for its day contradicts."""

    #: ``clusters[i]`` in portfolio order.
    path: str
    cluster_id: str
    #: ``benchmarking``, ``silver_audit`` or ``gold_audit``.
    assessment: str
    date: dt.date
    decision: Decision

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, with the unmet findings only."""
        return {
            "path": self.path,
            "cluster": self.cluster_id,
            "assessment": self.assessment,
            "date": self.date.isoformat(),
            "findings": [f.to_dict() for f in self.decision.findings if f.met is False],
        }


def check_records(
    portfolio: Portfolio,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
    *,
    catalogue: Catalogue | None = None,
) -> tuple[Inconsistency, ...]:
    """Every recorded award that contradicts the rulebook (a decision of ``not_eligible``).

    An awarding benchmarking is checked with :func:`bronze_eligibility`, a
    passed Silver audit with :func:`silver_eligibility`, a passing Gold audit
    with :func:`gold_eligibility`, each on the assessment's day. Undetermined
    decisions are not contradictions. The computed labels stay as they are.
    """
    found = []
    for index, cluster in enumerate(portfolio.clusters):
        for assessment in cluster.assessments:
            tier = awarded_tier(assessment, rulebook.in_force_on(assessment.date))
            if tier is None:
                continue
            decision = decide(cluster, tier, assessment.date, rulebook, catalogue)
            if decision.outcome is Outcome.NOT_ELIGIBLE:
                found.append(
                    Inconsistency(
                        f"clusters[{index}]", cluster.id, assessment.kind, assessment.date, decision
                    )
                )
    return tuple(found)
