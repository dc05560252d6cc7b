"""Values several test modules share: a day, a profile that meets the criteria, sample results."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from cluster_excellence import (
    Organisation,
    benchmarking_catalogue,
    cluster_plan,
    get_programme,
    gold_catalogue,
    portfolio_changes,
    portfolio_gold_score,
    portfolio_scorecard,
    portfolio_status,
    sample_portfolio,
)
from cluster_excellence.rules.eligibility import bronze_eligibility
from cluster_excellence.rules.scorecard import group_clusters

#: Qoot Cluster's public record as a portfolio document: benchmarked on 2019-07-25.
QOOT: dict[str, Any] = {
    "format": "cluster-excellence.portfolio/1",
    "clusters": [
        {
            "id": "qoot",
            "name": "Qoot Cluster",
            "assessments": [{"type": "benchmarking", "date": "2019-07-25"}],
        }
    ],
}

#: The day the sample results are computed on.
ON = dt.date(2026, 11, 20)

#: An organisation that meets every Eligibility Criterion.
PROFILE = Organisation(
    eccp_listed=True,
    management_fte=1.0,
    committed_members=30,
    member_types=("business", "research"),
    english_website=True,
)


def sample_results() -> list[Any]:
    """One of each tabulated result type, computed from the shipped samples."""
    labels = sample_portfolio()
    reference = sample_portfolio("reference")
    return [
        portfolio_status(labels, ON),
        portfolio_scorecard(
            sample_portfolio("region"),
            group_clusters(reference, "country"),
            benchmarking_catalogue(),
            ON,
        ),
        portfolio_gold_score(reference, gold_catalogue(), ON),
        bronze_eligibility(labels.clusters[0], ON),
        cluster_plan(labels.clusters[7], ON),
        portfolio_changes(
            labels, dt.date(2021, 1, 1), ON, programmes=[get_programme("de-go-cluster")]
        ),
    ]


def load_tool(name: str) -> ModuleType:
    """The module of ``tools/<name>.py``, which writes a file of the repository."""
    path = Path(__file__).resolve().parents[1] / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
