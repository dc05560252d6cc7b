"""The reader's fast path accepts exactly what its careful checks accept."""

from __future__ import annotations

from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from cluster_excellence import ECEI_2019
from cluster_excellence._json import NonFinite as _NonFinite
from cluster_excellence._json import json_object as _object
from cluster_excellence._reader import _Reader

# Each field: sound values and broken ones, including the traps of JSON.
anything_odd: st.SearchStrategy[Any] = st.sampled_from(
    [None, True, False, 0, 1, -1.5, 1e999, "", " ", [], {}, _NonFinite("NaN")]
)
dates = st.sampled_from(
    [
        "2019-07-25",
        "2024-02-29",
        "2023-02-29",
        "2019-13-01",
        "2019-7-25",
        "2019-07-25T00:00",
        "20190725",
    ]
)
texts = st.sampled_from(["Qoot", "x", " ", "", "ICT"])
flags = st.sampled_from([True, False, None, 0, 1, "true"])
scores = st.sampled_from([0, 79.9, 80, 80.0, 100, 100.5, -1, True, "84", float("inf")])


def _optional(key: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Absent, a value of the field's kind, null, or something odd."""
    return st.one_of(
        st.just({}),
        st.builds(lambda v: {key: v}, values),
        st.just({key: None}),
        st.builds(lambda v: {key: v}, anything_odd),
    )


def _as_parsed(obj: dict[str, Any], repeat_a_key: bool) -> dict[str, Any]:
    """A JSON object as the parser hands it over, maybe with a key twice."""
    pairs = list(obj.items())
    return _object(pairs + pairs[:1] if repeat_a_key else pairs)


@st.composite
def raw_assessments(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 20)) == 0:
        return draw(anything_odd)
    obj: dict[str, Any] = {}
    obj.update(
        draw(
            _optional("type", st.sampled_from(["benchmarking", "silver_audit", "gold_audit", "x"]))
        )
    )
    obj.update(draw(_optional("date", dates)))
    for key, values in [
        ("awarded", flags),
        ("passed", flags),
        ("score", scores),
        ("minimum_requirements_met", flags),
        ("note", texts),
        ("other", texts),
    ]:
        if draw(st.integers(0, 2)) == 0:
            obj.update(draw(_optional(key, values)))
    return _as_parsed(obj, draw(st.integers(0, 30)) == 0)


@st.composite
def raw_clusters(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 20)) == 0:
        return draw(anything_odd)
    obj: dict[str, Any] = {}
    for key, values in [
        ("id", texts),
        ("name", texts),
        ("country", st.sampled_from(["JO", "UK", "jo", "DE"])),
        ("comparative_portfolio", texts),
        ("note", texts),
        ("assessments", st.lists(raw_assessments(), max_size=4)),
        ("extra", texts),
    ]:
        if key in ("id", "name", "assessments") and draw(st.integers(0, 10)) > 0:
            obj[key] = draw(values)
        elif draw(st.integers(0, 3)) == 0:
            obj.update(draw(_optional(key, values)))
    return _as_parsed(obj, draw(st.integers(0, 30)) == 0)


@settings(max_examples=300)
@given(raw_clusters())
def test_the_fast_path_agrees_with_the_careful_checks(obj: Any) -> None:
    fast = _Reader("f.json", ECEI_2019).sound_cluster(obj)
    careful_reader = _Reader("f.json", ECEI_2019)
    careful = careful_reader.cluster(obj, "clusters[0]", {}, 0)
    event("sound" if not careful_reader.problems else "broken")
    if careful_reader.problems:
        assert fast is None
        assert careful is None
    else:
        assert careful is not None
        assert fast == careful
