"""Results as JSON documents (the ``--format json`` output of the commands).

Documents are one line of UTF-8 text. They never hold ``NaN`` or
``Infinity``, which JSON does not allow: the results are finite by
construction, and :func:`dumps` refuses rather than writes them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring as _quote
from typing import Any

from ..rules.changes import Changes
from ..rules.compliance import PortfolioCompliance
from ..rules.consistency import Inconsistency
from ..rules.decisions import Decision
from ..rules.gold_points import GoldScores
from ..rules.labels import Label
from ..rules.planning import Plan
from ..rules.scorecard import Scorecard
from ..rules.status import PortfolioStatus, StatedDisagreement

__all__ = [
    "changes_json",
    "compliance_json",
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
    """The ``status --format json`` document: ``dumps(result.to_dict())``, written directly.

    The document of a large portfolio is mostly label entries whose values
    need no escaping (tiers, statuses, ISO dates); writing them as text is
    several times quicker than building and dumping dicts. The texts that
    come from data are escaped by the escaper ``json.dumps`` itself uses, so
    the bytes are the same (a property test holds them equal).
    """
    clusters = []
    for cluster in result.clusters:
        labels = []
        for entry in cluster.labels:
            label = entry.label
            if isinstance(label, Label):
                labels.append(
                    f'{{"tier": "{label.tier._value_}", "status": "{entry.status._value_}", '
                    f'"valid_from": "{label.valid_from.isoformat()}", '
                    f'"valid_until": "{label.valid_until.isoformat()}", '
                    f'"renewable_until": "{label.renewable_until.isoformat()}", '
                    '"basis": "assessments"}'
                )
            else:
                source = "null" if label.source is None else _quote(label.source)
                labels.append(
                    f'{{"tier": "{label.tier._value_}", "status": "{entry.status._value_}", '
                    f'"valid_from": null, "valid_until": "{label.valid_until.isoformat()}", '
                    f'"renewable_until": "{entry.renewable_until.isoformat()}", '
                    f'"basis": "stated", "source": {source}}}'
                )
        best = cluster.highest_valid_tier
        tier = "null" if best is None else f'"{best._value_}"'
        disagreements = ", ".join(
            json.dumps(d.to_dict(), ensure_ascii=False) for d in cluster.disagreements
        )
        clusters.append(
            f'{{"id": {_quote(cluster.cluster_id)}, "name": {_quote(cluster.cluster_name)}, '
            f'"highest_valid_tier": {tier}, '
            f'"labels": [{", ".join(labels)}], "disagreements": [{disagreements}]}}'
        )
    retroactive = "true" if result.retroactive else "false"
    within = result.expiring_within
    expiring = "" if within is None else f'"expiring_within": {within:d}, '
    editions = ", ".join(
        f'{{"id": {_quote(edition)}, "effective_from": "{day.isoformat()}"}}'
        for edition, day in result.editions
    )
    return (
        f'{{"on": "{result.on.isoformat()}", "rulebook": {_quote(result.rulebook)}, '
        f'"editions": [{editions}], '
        f'"retroactive": {retroactive}, {expiring}"clusters": [{", ".join(clusters)}]}}\n'
    )


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


def compliance_json(result: PortfolioCompliance) -> str:
    """The ``compliance --format json`` document."""
    return dumps(result.to_dict())


def changes_json(result: Changes) -> str:
    """The ``changes --format json`` document."""
    return dumps(result.to_dict())
