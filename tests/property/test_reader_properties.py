"""The values the portfolio reader builds are those the constructors build.

The reader builds each value it has checked without checking it again
(``files/_fields.py``, :func:`~cluster_excellence.files._fields.unchecked`):
the constructors would apply the same rules a second time. Here every value
of generated documents is built both ways and compared, field by field and
type by type, with the documents shuffled and written the ways a person
would (scores as whole numbers, assessments and stated labels in any order).
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cluster_excellence import Portfolio, benchmarking_catalogue, gold_catalogue, portfolio_to_json
from cluster_excellence.files._fields import unchecked
from cluster_excellence.files._json import as_bytes
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.model.assessments import ImprovementArea

from .test_roundtrip_properties import portfolios

built: list[str] = []


def _both(cls: type[Any], values: dict[str, Any]) -> Any:
    """Build the value both ways; they must be equal, with fields of equal types."""
    fast = unchecked(cls, values)
    made = cls(**values)
    assert fast == made
    for field in attrs.fields(cls):
        assert type(getattr(fast, field.name)) is type(getattr(made, field.name)), field.name
    built.append(cls.__name__)
    return fast


def _as_people_write(document: dict[str, Any], rng: Any) -> None:
    for cluster in document["clusters"]:
        rng.shuffle(cluster["assessments"])
        rng.shuffle(cluster.get("stated_labels", []))
        for assessment in cluster["assessments"]:
            score = assessment.get("score")
            if isinstance(score, float) and score.is_integer():
                assessment["score"] = int(score)


@given(portfolios(), st.randoms(use_true_random=False), st.booleans())
def test_the_reader_builds_what_the_constructors_build(
    portfolio: Portfolio, rng: Any, against: bool
) -> None:
    document = json.loads(portfolio_to_json(portfolio))
    _as_people_write(document, rng)
    text = json.dumps(document)
    files = PORTFOLIO_FILES.against((benchmarking_catalogue(), gold_catalogue()) if against else ())
    checker = files._checker("<string>")
    checker.make = _both
    built.clear()
    try:
        read = files._load(as_bytes(text), checker)
    except ValueError:
        assert against  # indicator codes generated without a catalogue
        return
    assert read == portfolio == files.parse(text)
    assert built.count("Cluster") == len(portfolio.clusters)
    assert built[-1] == "Portfolio"


def test_the_comparison_can_fail() -> None:
    """Values the constructor would convert differ when built unchecked."""
    values = {"indicators": ["B-SER-01"], "description": None, "effect": None, "validated": None}
    with pytest.raises(AssertionError):
        _both(ImprovementArea, values)
    assert unchecked(ImprovementArea, {**values, "indicators": ("B-SER-01",)}) == (
        ImprovementArea(["B-SER-01"])
    )
