"""One contract per format: the writer, the reader and the constructors agree.

Any portfolio the library lets a user build is written into a file the
reader accepts and reads back equal, and writing it again gives the same
bytes; and for every kind of field, the reader refuses exactly the values
the constructors refuse (docs: File formats).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cluster_excellence import (
    Benchmark,
    Cluster,
    GoldAudit,
    Organisation,
    Portfolio,
    PortfolioError,
    SilverAudit,
    StatedLabel,
    Tier,
    portfolio_to_json,
)
from cluster_excellence._calendar import EARLIEST_DAY, LATEST_DAY
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.model.assessments import Assessment, ImprovementArea
from cluster_excellence.model.clusters import MEMBER_TYPES

#: Every character, also controls, line separators and lone surrogates.
any_text = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Z", "C"]), max_size=12)
#: Texts people write: letters, marks, digits, punctuation, spaces, symbols.
fair_text = st.text(
    st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=16
).filter(lambda t: not t.isspace())
notes = st.none() | st.builds(lambda a, b: f"{a}\n\t{b}", fair_text, fair_text) | fair_text
days = st.dates(min_value=EARLIEST_DAY, max_value=LATEST_DAY)
recent_days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
numbers = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(10**30, 10**300),
)
values = st.dictionaries(fair_text, st.booleans() | numbers, max_size=3)
scores = st.one_of(st.integers(0, 100), st.floats(0, 100))


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


areas = st.builds(
    ImprovementArea,
    st.lists(fair_text, min_size=1, max_size=3),
    description=_maybe(fair_text),
    effect=notes,
    validated=_maybe(st.booleans()),
)


def _award_day(draw: st.DrawFn, day: dt.date, awards: bool | None) -> dt.date | None:
    """An award day on or after the assessment, for an assessment that may award."""
    if awards is False or not draw(st.booleans()):
        return None
    return day + dt.timedelta(days=draw(st.integers(0, 400)))


@st.composite
def benchmarkings(draw: st.DrawFn) -> Benchmark:
    day, awarded = draw(recent_days), draw(st.booleans())
    return Benchmark(
        day,
        awarded=awarded,
        note=draw(notes),
        indicators=draw(values),
        awarded_on=_award_day(draw, day, awarded),
    )


@st.composite
def silver_audits(draw: st.DrawFn) -> SilverAudit:
    day, passed = draw(recent_days), draw(st.booleans())
    met = draw(_maybe(st.booleans()))
    return SilverAudit(
        day,
        passed=passed,
        note=draw(notes),
        improvement_areas=draw(_maybe(st.lists(areas, max_size=3))),
        minimum_requirements_met=None if passed and met is False else met,
        awarded_on=_award_day(draw, day, passed),
    )


@st.composite
def gold_audits(draw: st.DrawFn) -> GoldAudit:
    score = draw(_maybe(scores))
    met = draw(st.booleans())
    passed = draw(_maybe(st.booleans()))
    if score is None and passed is None:
        passed = True
    if passed is not None and score is not None:
        passed = score >= 80 and met
    if passed and not met:
        passed = False
    day = draw(recent_days)
    return GoldAudit(
        day,
        passed=passed,
        score=score,
        minimum_requirements_met=met,
        note=draw(notes),
        indicators=draw(values),
        self_test_passed=draw(_maybe(st.booleans())),
        audit_days=draw(_maybe(st.integers(1, 3) | st.floats(0.5, 3))),
        experts=draw(_maybe(st.integers(1, 4))),
        awarded_on=_award_day(draw, day, passed),
    )


organisations = st.builds(
    Organisation,
    eccp_listed=_maybe(st.booleans()),
    management_fte=_maybe(st.floats(0, 50) | st.integers(0, 50)),
    committed_members=_maybe(st.integers(0, 10**6)),
    member_types=_maybe(st.lists(st.sampled_from(MEMBER_TYPES), unique=True)),
    public_cooperation=_maybe(st.booleans()),
    english_website=_maybe(st.booleans()),
    programme_recognition=_maybe(fair_text),
)
stated = st.builds(StatedLabel, st.sampled_from(list(Tier)), days, source=_maybe(fair_text))


@st.composite
def clusters(draw: st.DrawFn, cluster_id: str) -> Cluster:
    assessments = draw(
        st.lists(
            st.one_of(benchmarkings(), silver_audits(), gold_audits()),
            max_size=5,
            unique_by=lambda a: (a.kind, a.date),
        )
    )
    return Cluster(
        cluster_id,
        draw(fair_text),
        assessments,
        country=draw(st.sampled_from([None, "DE", "NO", "JO", "SK"])),
        comparative_portfolio=draw(_maybe(fair_text)),
        note=draw(notes),
        organisation=draw(_maybe(organisations)),
        stated_labels=draw(
            st.lists(stated, max_size=2, unique_by=lambda s: (s.tier, s.valid_until))
        ),
        website=draw(_maybe(fair_text)),
    )


@st.composite
def portfolios(draw: st.DrawFn) -> Portfolio:
    ids = draw(st.lists(fair_text, max_size=3, unique=True))
    return Portfolio([draw(clusters(cluster_id)) for cluster_id in ids])


@given(portfolios())
def test_every_portfolio_a_user_can_build_is_written_read_back_equal_and_stable(
    portfolio: Portfolio,
) -> None:
    written = portfolio_to_json(portfolio)
    read = PORTFOLIO_FILES.parse(written)
    assert read == portfolio
    assert portfolio_to_json(read) == written


@pytest.mark.parametrize(("score", "written"), [(84, "84.0"), (84.0, "84.0"), (79.5, "79.5")])
def test_integer_and_float_scores_are_written_alike(score: float, written: str) -> None:
    cluster = Cluster("c", "C", [GoldAudit(dt.date(2020, 1, 1), score=score)])
    text = portfolio_to_json(Portfolio([cluster]))
    assert f'"score": {written}' in text
    assert portfolio_to_json(PORTFOLIO_FILES.parse(text)) == text


# -- the reader refuses exactly what the constructors refuse ---------------------------


def _document(cluster: dict[str, Any]) -> str:
    base = {"id": "c", "name": "C", "assessments": []}
    return json.dumps(
        {"format": "cluster-excellence.portfolio/1", "clusters": [{**base, **cluster}]},
        ensure_ascii=True,  # lone surrogates travel as \\ud800 escapes, as in a real file
    )


def _read(text: str) -> bool:
    try:
        PORTFOLIO_FILES.parse(text)
    except PortfolioError:
        return True
    return False


def _built(make: Any) -> bool:
    try:
        make()
    except (TypeError, ValueError):
        return True
    return False


@given(any_text)
def test_single_line_texts(text: str) -> None:
    refused = _built(lambda: Cluster("c", text, []))
    assert _read(_document({"name": text})) == refused
    assert _read(_document({"website": text})) == _built(
        lambda: Cluster("c", "C", [], website=text)
    )


@given(any_text)
def test_free_texts(text: str) -> None:
    assert _read(_document({"note": text})) == _built(lambda: Cluster("c", "C", [], note=text))


@given(st.dates())
def test_days(day: dt.date) -> None:
    document = _document({"assessments": [{"type": "benchmarking", "date": day.isoformat()}]})
    assert _read(document) == _built(lambda: Cluster("c", "C", [Benchmark(day)]))


@given(
    st.one_of(
        st.integers(-(10**400), 10**400),
        st.floats(),
        st.booleans(),
        st.text(max_size=3),
    )
)
def test_scores(score: Any) -> None:
    document = json.dumps(
        {
            "format": "cluster-excellence.portfolio/1",
            "clusters": [
                {
                    "id": "c",
                    "name": "C",
                    "assessments": [{"type": "gold_audit", "date": "2020-01-01", "score": score}],
                }
            ],
        }
    )
    assert _read(document) == _built(lambda: GoldAudit(dt.date(2020, 1, 1), score=score))


@given(st.dictionaries(any_text, st.integers(-(10**400), 10**400) | st.floats(), max_size=2))
def test_indicator_values(found: dict[str, Any]) -> None:
    document = _document(
        {"assessments": [{"type": "benchmarking", "date": "2020-01-01", "indicators": found}]}
    )
    assert _read(document) == _built(lambda: Benchmark(dt.date(2020, 1, 1), indicators=found))


@given(st.lists(recent_days | st.just(dt.date(9979, 12, 31)), min_size=1, max_size=40))
def test_renewal_chains_near_the_calendar_end(chain: list[dt.date]) -> None:
    """Long chains of records near the calendar's end: both refuse the same clusters."""
    chain = sorted(set(chain))
    assume(len(chain) == len(set(chain)))
    document = _document(
        {"assessments": [{"type": "benchmarking", "date": d.isoformat()} for d in chain]}
    )
    assert _read(document) == _built(lambda: Cluster("c", "C", [Benchmark(d) for d in chain]))


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["benchmarking", "silver_audit", "gold_audit"]),
            st.sampled_from([dt.date(2019, 7, 25), dt.date(2020, 1, 1), dt.date(9970, 6, 1)])
            | recent_days,
        ),
        max_size=6,
    ),
    st.randoms(use_true_random=False),
)
def test_assessments_in_any_order_read_as_the_constructor_builds_them(
    records: list[tuple[str, dt.date]], rng: Any
) -> None:
    """In order or not, repeated or not, near the calendar's end or not."""
    rng.shuffle(records)
    raw = [
        {
            "type": kind,
            "date": day.isoformat(),
            **({"passed": True} if kind != "benchmarking" else {}),
        }
        for kind, day in records
    ]
    made: dict[str, Callable[[dt.date], Assessment]] = {
        "benchmarking": Benchmark,
        "silver_audit": lambda day: SilverAudit(day, passed=True),
        "gold_audit": lambda day: GoldAudit(day, passed=True),
    }
    try:
        built: Cluster | None = Cluster("c", "C", [made[kind](day) for kind, day in records])
    except ValueError:
        built = None
    try:
        read: Cluster | None = PORTFOLIO_FILES.parse(_document({"assessments": raw})).clusters[0]
    except PortfolioError:
        read = None
    assert read == built
