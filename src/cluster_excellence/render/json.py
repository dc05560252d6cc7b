"""Results as JSON documents (the ``--format json`` output of the commands).

Documents are one line of UTF-8 text. They never hold ``NaN`` or
``Infinity``, which JSON does not allow: the results are finite by
construction, and :func:`dumps` refuses rather than writes them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..rules.consistency import Inconsistency
from ..rules.decisions import Decision
from ..rules.gold_points import GoldScores
from ..rules.planning import Plan
from ..rules.scorecard import Scorecard
from ..rules.status import PortfolioStatus, StatedDisagreement

__all__ = [
    "decisions_json",
    "dumps",
    "gold_scores_json",
    "gold_scores_to_dict",
    "inconsistencies_json",
    "plans_json",
    "scorecard_json",
    "status_json",
]


def dumps(document: Any) -> str:
    """One JSON document on one line, ending with a new line; NaN and infinities refused."""
    return json.dumps(document, ensure_ascii=False, allow_nan=False) + "\n"


def status_json(result: PortfolioStatus) -> str:
    """The ``status --format json`` document."""
    return dumps(result.to_dict())


def scorecard_json(result: Scorecard) -> str:
    """The ``scorecard --format json`` document."""
    return dumps(result.to_dict())


def gold_scores_to_dict(result: GoldScores) -> dict[str, Any]:
    """The ``gold-score --format json`` document as data."""
    return {
        "on": result.on.isoformat(),
        "catalogue": result.catalogue,
        "rulebook": result.rulebook,
        "clusters": [
            {
                "id": entry.cluster_id,
                "name": entry.name,
                "audit_date": entry.audit.date.isoformat() if entry.audit else None,
                "recorded_score": entry.audit.score if entry.audit else None,
                "recorded_passed": entry.audit.passed if entry.audit else None,
                "result": entry.score.to_dict() if entry.score else None,
            }
            for entry in result.clusters
        ],
    }


def gold_scores_json(result: GoldScores) -> str:
    """The ``gold-score --format json`` document."""
    return dumps(gold_scores_to_dict(result))


def decisions_json(decisions: Sequence[Decision]) -> str:
    """The ``eligibility --format json`` document: one decision per cluster."""
    return dumps({"decisions": [d.to_dict() for d in decisions]})


def plans_json(plans: Sequence[Plan]) -> str:
    """The ``plan --format json`` document."""
    return dumps(
        {
            "plans": [
                {
                    "cluster": entry.cluster_id,
                    "name": entry.cluster_name,
                    "on": entry.on.isoformat(),
                    "rulebook": entry.rulebook,
                    "actions": [action.to_dict() for action in entry.actions],
                }
                for entry in plans
            ]
        }
    )


def inconsistencies_json(
    found: Sequence[Inconsistency], stated: Sequence[tuple[str, str, StatedDisagreement]] = ()
) -> str:
    """The ``check --format json`` document."""
    return dumps(
        {
            "inconsistencies": [i.to_dict() for i in found],
            "stated_disagreements": [
                {"path": path, "cluster": cluster, **d.to_dict()} for path, cluster, d in stated
            ],
        }
    )
