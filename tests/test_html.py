"""Notebook display: escaped HTML tables with no external assets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cluster_excellence import (
    Benchmark,
    Cluster,
    Portfolio,
    benchmarking_catalogue,
    cluster_plan,
    gold_catalogue,
    portfolio_gold_score,
    portfolio_scorecard,
    portfolio_status,
    sample_portfolio,
)
from cluster_excellence.rules.eligibility import bronze_eligibility
from cluster_excellence.rules.scorecard import group_clusters

ON = dt.date(2026, 11, 20)
HOSTILE = Cluster("x<y>", "<script>alert('&')</script>", [Benchmark(dt.date(2025, 1, 2))])


def results() -> list[Any]:
    reference = sample_portfolio("reference")
    return [
        portfolio_status(Portfolio([HOSTILE]), ON),
        portfolio_scorecard(
            Portfolio([HOSTILE]), group_clusters(reference, "country"), benchmarking_catalogue(), ON
        ),
        portfolio_gold_score(Portfolio([HOSTILE, *reference]), gold_catalogue(), ON),
        bronze_eligibility(HOSTILE, ON),
        cluster_plan(HOSTILE, ON),
    ]


@pytest.mark.parametrize("result", results(), ids=lambda r: type(r).__name__)
def test_an_escaped_table_without_external_assets(result: Any) -> None:
    page = result._repr_html_()
    assert page.startswith('<table lang="en"><caption>')
    assert page.endswith(("</tbody></table>", " rows, 60 shown</p>", "</p>"))
    assert "<script>" not in page
    assert "src=" not in page
    assert "href=" not in page
    assert page.count("<tr>") >= 2


def test_the_status_table_shows_the_labels() -> None:
    page = portfolio_status(Portfolio([HOSTILE]), ON)._repr_html_()
    assert "&lt;script&gt;alert(&#x27;&amp;&#x27;)&lt;/script&gt;" in page
    assert "<td>Bronze</td><td>valid</td><td>2025-01-02</td><td>2027-01-31</td>" in page


def test_a_long_table_shows_its_head_and_tail_and_counts_its_rows() -> None:
    result = portfolio_scorecard(
        sample_portfolio("region"),
        group_clusters(sample_portfolio("reference"), "country"),
        benchmarking_catalogue(),
        ON,
    )
    records = result.to_records()
    assert len(records) == 144
    page = result.to_html(max_rows=10)
    indicators = page.split("</table>")[0]  # the first of its two tables
    assert indicators.count("<tr>") == 1 + 10 + 1  # the header, 10 rows, the gap
    assert '<p lang="en">144 rows, 10 shown</p>' in page
    first, last = records[0]["indicator"], records[-1]["indicator"]
    assert page.index(f'<th scope="row">{first}</th>') < page.index("<td>\u2026</td>")
    assert indicators.rindex(f'<th scope="row">{last}</th>') > page.index("<td>\u2026</td>")
    whole = result.to_html(max_rows=None)
    assert whole.split("</table>")[0].count("<tr>") == 1 + 144
    assert "shown" not in whole
    assert result._repr_html_() == result.to_html(max_rows=60)
    assert portfolio_status(sample_portfolio(), ON).to_html(max_rows=1).count("<tr>") == 3
    assert portfolio_status(sample_portfolio(), ON).to_html(max_rows=2).count("<tr>") == 4
    for wrong in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="max_rows: must be a whole number above 0 or None"):
            result.to_html(max_rows=wrong)  # type: ignore[arg-type]
