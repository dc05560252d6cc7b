"""The status JSON document is written directly, for speed; it must be, byte for byte,
``json.dumps`` of :meth:`PortfolioStatus.to_dict` (docs: Performance)."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cluster_excellence import Portfolio, portfolio_status
from cluster_excellence.render.json import dumps, status_json

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


@given(portfolios(), any_days, some_rulebooks, st.booleans())
def test_the_direct_document_is_the_dumped_one(
    portfolio: Portfolio, on: object, rulebook: object, retroactive: bool
) -> None:
    result = portfolio_status(portfolio, on, rulebook, retroactive=retroactive)  # type: ignore[arg-type]
    assert status_json(result) == dumps(result.to_dict())
