"""Value types pickle and unpickle equal (notebooks and multiprocessing rely on it)."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    benchmarking_catalogue,
    gold_catalogue,
    portfolio_check,
    sample_portfolio,
)
from cluster_excellence.rules.comparison import compare_benchmarks

from .examples import sample_results
from .property.strategies import clusters


def values() -> list[Any]:
    labels = sample_portfolio()
    return [
        DEFAULT_RULEBOOK,
        labels,
        sample_portfolio("reference"),
        gold_catalogue(),
        *sample_results(),
        portfolio_check(labels),
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
