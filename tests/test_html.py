"""Notebook display: escaped HTML tables with no external assets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cluster_excellence import (
    Benchmarking,
    Cluster,
    Portfolio,
    benchmarking_catalogue,
    bronze_eligibility,
    gold_catalogue,
    gold_scores,
    group_clusters,
    plan,
    portfolio_status,
    regional_scorecard,
    sample_portfolio,
)

ON = dt.date(2026, 11, 20)
HOSTILE = Cluster("x<y>", "<script>alert('&')</script>", [Benchmarking(dt.date(2025, 1, 2))])


def results() -> list[Any]:
    reference = sample_portfolio("reference")
    return [
        portfolio_status(Portfolio([HOSTILE]), ON),
        regional_scorecard(
            [HOSTILE], group_clusters(reference, "country"), benchmarking_catalogue(), ON
        ),
        gold_scores([HOSTILE, *reference], gold_catalogue(), ON),
        bronze_eligibility(HOSTILE, ON),
        plan(HOSTILE, ON),
    ]


@pytest.mark.parametrize("result", results(), ids=lambda r: type(r).__name__)
def test_an_escaped_table_without_external_assets(result: Any) -> None:
    page = result._repr_html_()
    assert page.startswith("<table><caption>")
    assert page.endswith("</tbody></table>")
    assert "<script>" not in page
    assert "src=" not in page
    assert "href=" not in page
    assert page.count("<tr>") >= 2


def test_the_status_table_shows_the_labels() -> None:
    page = portfolio_status(Portfolio([HOSTILE]), ON)._repr_html_()
    assert "&lt;script&gt;alert(&#x27;&amp;&#x27;)&lt;/script&gt;" in page
    assert "<td>bronze</td><td>valid</td><td>2025-01-02</td><td>2027-01-31</td>" in page
