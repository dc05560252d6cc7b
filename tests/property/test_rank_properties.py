"""Ranking by bisection in a sorted group equals counting over the group."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cluster_excellence.model.catalogues import Direction
from cluster_excellence.rules.percentiles import percentile_rank

values = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.sampled_from([0.5, 2.5]))


def _counted(value: object, group: list[object], direction: Direction) -> float | None:
    numbers = [float(v) for v in group if v is not None]  # type: ignore[arg-type]
    if value is None or len(numbers) < 5:
        return None
    x = float(value)  # type: ignore[arg-type]
    worse = sum(1 for v in numbers if (v < x if direction is Direction.HIGHER else v > x))
    ties = sum(1 for v in numbers if v == x)
    return 100.0 * (worse + 0.5 * ties) / len(numbers)


@given(values, st.lists(values, max_size=30), st.sampled_from(list(Direction)))
def test_the_rank_is_the_share_of_worse_values_with_half_the_ties(
    value: object, group: list[object], direction: Direction
) -> None:
    rank = percentile_rank(value, group, direction)  # type: ignore[arg-type]
    assert rank.rank == _counted(value, group, direction)
