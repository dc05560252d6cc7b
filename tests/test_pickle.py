"""Value types pickle and unpickle equal (notebooks and multiprocessing rely on it)."""

from __future__ import annotations

import datetime as dt
import pickle
from typing import Any

import pytest
from hypothesis import given

from cluster_excellence import (
    ECEI_2019,
    benchmarking_catalogue,
    bronze_eligibility,
    compare_benchmarks,
    gold_catalogue,
    portfolio_status,
    sample_portfolio,
)
from cluster_excellence.planning import check_records, plan
from cluster_excellence.scorecard import group_clusters, regional_scorecard
from cluster_excellence.scoring import gold_scores

from .property.strategies import clusters

ON = dt.date(2026, 11, 20)


def values() -> list[Any]:
    labels = sample_portfolio()
    reference = sample_portfolio("reference")
    return [
        ECEI_2019,
        labels,
        reference,
        gold_catalogue(),
        portfolio_status(labels, ON),
        regional_scorecard(
            sample_portfolio("region"),
            group_clusters(reference, "country"),
            benchmarking_catalogue(),
            ON,
        ),
        gold_scores(reference, gold_catalogue(), ON),
        bronze_eligibility(labels.clusters[0], ON),
        plan(labels.clusters[7], ON),
        check_records(labels),
        compare_benchmarks({"B-SER-02": 1}, {"B-SER-02": 3}, benchmarking_catalogue()),
    ]


@pytest.mark.parametrize("value", values(), ids=lambda v: type(v).__name__)
def test_results_and_inputs_pickle(value: Any) -> None:
    copy = pickle.loads(pickle.dumps(value))
    assert copy == value
    assert hash(copy) == hash(value)


@given(clusters())
def test_generated_clusters_pickle(cluster: Any) -> None:
    assert pickle.loads(pickle.dumps(cluster)) == cluster
