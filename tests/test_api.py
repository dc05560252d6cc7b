"""The public names: all importable, the heavier modules loaded only on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cluster_excellence


def test_every_public_name_resolves() -> None:
    for name in cluster_excellence.__all__:
        assert getattr(cluster_excellence, name) is not None, name
    assert set(cluster_excellence.__all__) <= set(dir(cluster_excellence))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'gold_scorecard'"):
        cluster_excellence.gold_scorecard  # noqa: B018


def test_the_label_rules_load_without_scoring_and_eligibility() -> None:
    probe = (
        "import sys, cluster_excellence as ce; "
        "print(sorted(m for m in ('catalogue', 'eligibility', 'listing', 'scoring') "
        "if f'cluster_excellence.{m}' in sys.modules)); "
        "ce.bronze_eligibility; "
        "print('cluster_excellence.eligibility' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "True"]
