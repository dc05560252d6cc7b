"""The status JSON document of any portfolio is valid under its published JSON Schema
and is its result's data (docs: *JSON Schemas*)."""

from __future__ import annotations

import json

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cluster_excellence import Portfolio, portfolio_status, render

from ..documents import validate
from .strategies import any_days, clusters_with_stated, some_rulebooks

#: Names with what JSON escapes: quotes, backslashes, controls' neighbours, any script.
names = st.text(
    st.characters(categories=["L", "M", "N", "P", "S", "Zs", "Cf"]), min_size=1, max_size=12
).filter(lambda name: not name.isspace())


@st.composite
def portfolios(draw: st.DrawFn) -> Portfolio:
    found = []
    for index in range(draw(st.integers(0, 4))):
        cluster = draw(clusters_with_stated())
        found.append(attrs.evolve(cluster, id=f"{draw(names)}-{index}", name=draw(names)))
    return Portfolio(found)


@given(portfolios(), any_days, some_rulebooks, st.booleans(), st.none() | st.integers(0, 900))
def test_the_document_is_valid_and_is_the_results_data(
    portfolio: Portfolio, on: object, rulebook: object, retroactive: bool, within: int | None
) -> None:
    result = portfolio_status(portfolio, on, rulebook, retroactive=retroactive)  # type: ignore[arg-type]
    if within is not None:
        result = result.expiring(within)
    text = render(result, "json")
    assert isinstance(text, str)
    assert text.endswith("}\n")
    assert "\n" not in text[:-1]
    document = json.loads(text)
    assert document == result.to_dict()
    validate(document)
    assert [c["id"] for c in document["clusters"]] == [c.cluster_id for c in result.clusters]
