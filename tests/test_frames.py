"""Results in notebooks: typed DataFrames, short views, pictures shown inline.

Every result type has ``to_records()``, ``to_dataframe()`` and an HTML view, and
``write()`` puts it in a workbook; the frames' columns have the types analysts
compute with, as the result declares them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pandas
import pytest

import cluster_excellence
from cluster_excellence import (
    Benchmark,
    Cluster,
    Portfolio,
    PortfolioError,
    Tier,
    cluster_status,
    from_dataframe,
    get_programme,
    label_timeline,
    portfolio_check,
    portfolio_compliance,
    portfolio_eligibility,
    portfolio_plan,
    portfolio_status,
    sample_portfolio,
    write,
)
from cluster_excellence._layout import words
from cluster_excellence._results import Result
from cluster_excellence._tabular import CATEGORIES, is_date_column
from cluster_excellence.model.clusters import COLUMN_TYPES
from cluster_excellence.rules.decisions import Outcome
from cluster_excellence.rules.labels import Status
from cluster_excellence.rules.lights import Light

from .examples import ON, sample_results

PACKAGE = Path(cluster_excellence.__file__).parent


def one_table(portfolio: Portfolio) -> Portfolio:
    """``portfolio`` without what one table of assessments cannot hold."""

    def kept(assessment: Any) -> Any:
        changes: dict[str, Any] = {}
        if getattr(assessment, "indicators", None):
            changes["indicators"] = {}
        if getattr(assessment, "improvement_areas", None) is not None:
            changes["improvement_areas"] = None
        return attrs.evolve(assessment, **changes)

    return Portfolio(
        [
            attrs.evolve(
                c,
                note=None,
                organisation=None,
                stated_labels=(),
                assessments=[kept(a) for a in c.assessments],
            )
            for c in portfolio
        ]
    )


def every_result() -> list[Any]:
    portfolio = sample_portfolio()
    return [
        *sample_results(),
        portfolio_compliance(portfolio, get_programme("de-go-cluster"), ON),
        portfolio_plan(portfolio, ON, within_months=12),
        portfolio_eligibility(portfolio, Tier.SILVER, ON),
        cluster_status(portfolio["example-gold"], ON),
        portfolio,
        portfolio["basque-energy"],
    ]


def test_the_category_orders_are_the_enumerations() -> None:
    assert words(Tier).categories == tuple(t.value for t in Tier)
    assert words(Status).categories == ("valid", "expired_renewable", "lapsed")
    assert CATEGORIES["tier"] == tuple(t.value for t in Tier)
    assert CATEGORIES["status"] == tuple(s.value for s in Status)
    assert CATEGORIES["light"] == tuple(light.value for light in Light)
    assert CATEGORIES["outcome"] == tuple(o.value for o in Outcome)


@pytest.mark.parametrize(
    "result", [r for r in every_result() if isinstance(r, Result)], ids=lambda r: type(r).__name__
)
def test_every_frame_has_its_declared_types(result: Any) -> None:
    frame = result.to_dataframe()
    table = result.LAYOUT.tables[0]
    assert list(frame.columns) == [c.name for c in table.columns if c.name not in table.attrs]
    assert len(frame) == len(result.to_records())
    for column in table.columns:
        if column.name in table.attrs:
            assert column.name in frame.attrs
            continue
        dtype = frame[column.name].dtype
        if column.kind.dtype == "category":
            assert isinstance(dtype, pandas.CategoricalDtype), column.name
            assert dtype.ordered
            assert tuple(dtype.categories) == column.kind.categories
        else:
            assert str(dtype) == column.kind.dtype, column.name
        if is_date_column(column.name):
            assert str(dtype) == "datetime64[ns]", column.name


def test_an_empty_frame_keeps_its_columns_types_and_no_label_is_a_status() -> None:
    empty = portfolio_status(Portfolio([]), ON).to_dataframe()
    assert len(empty) == 0
    assert str(empty.valid_until.dtype) == "datetime64[ns]"
    assert str(empty.retroactive.dtype) if "retroactive" in empty else True
    assert isinstance(empty.tier.dtype, pandas.CategoricalDtype)
    frame = portfolio_status(sample_portfolio(), ON).to_dataframe()
    none = frame[frame.cluster_id == "example-none"]
    assert list(none.status) == ["no_label"]
    assert "no_label" not in list(frame[frame.status != "no_label"].status)
    assert "example-none" not in set(frame[frame.status.isin(["lapsed", "valid"])].cluster_id)


def test_frames_of_different_results_merge_on_the_cluster() -> None:
    portfolio = sample_portfolio()
    status = portfolio_status(portfolio, ON).to_dataframe()
    compliance = portfolio_compliance(portfolio, "de-go-cluster", ON).to_dataframe()
    plans = portfolio_plan(portfolio, ON, within_months=12).to_dataframe()
    merged = status.merge(compliance, on=["cluster_id", "cluster_name"]).merge(
        plans, on=["cluster_id", "cluster_name"], suffixes=("", "_plan")
    )
    assert len(merged) > 0
    assert set(merged.cluster_id) <= {c.id for c in portfolio}


@pytest.mark.parametrize(
    "result",
    [
        *(r for r in every_result() if not isinstance(r, (Result, Portfolio))),
        one_table(sample_portfolio()),
    ],
    ids=lambda r: type(r).__name__,
)
def test_every_portfolio_frame_is_typed(result: Any) -> None:
    frame = result.to_dataframe()
    records = result.to_records()
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == len(records)
    assert "on" not in frame.columns
    if "rulebook" in frame.columns:  # a finding's edition: one per row, not the result's
        assert type(result).__name__ in ("Decision", "PortfolioEligibility")
    for name in frame.columns:
        kind = str(frame[name].dtype)
        values = [r[name] for r in records if r[name] is not None]
        if name in CATEGORIES:
            kind_of = frame[name].dtype
            assert isinstance(kind_of, pandas.CategoricalDtype), name
            assert kind_of.ordered
        elif is_date_column(name):
            assert kind == "datetime64[ns]", name
        elif isinstance(result, (Portfolio, Cluster)) and name in COLUMN_TYPES:
            assert kind == COLUMN_TYPES[name], name  # declared, whatever the values
        elif values and all(isinstance(v, bool) for v in values):
            assert kind == "boolean", name
        elif values and all(type(v) is int for v in values):
            assert kind == "Int64", name
        elif values and all(type(v) in (int, float) for v in values):
            assert kind == "Float64", name
        elif values and all(isinstance(v, str) for v in values):
            assert kind == "string", name
        if values and isinstance(values[0], dt.date):
            assert kind == "datetime64[ns]", name
    for key, value in frame.attrs.items():
        assert not isinstance(value, dt.date) or isinstance(value, pandas.Timestamp), key


def test_frames_sort_tiers_and_compare_dates() -> None:
    frame = portfolio_status(sample_portfolio(), ON).to_dataframe()
    assert frame.attrs["on"] == pandas.Timestamp(ON)
    assert list(frame.tier.cat.categories) == ["bronze", "silver", "gold"]
    assert frame.sort_values("tier").tier.dropna().iloc[-1] == "gold"
    valid = frame[frame.status == "valid"]
    assert (valid.valid_until >= frame.attrs["on"]).all()
    assert frame.valid_until.dt.year.max() >= 2027


@pytest.mark.parametrize("result", every_result(), ids=lambda r: type(r).__name__)
def test_every_result_writes_a_workbook(result: Any, tmp_path: Path) -> None:
    out = tmp_path / "result.xlsx"
    write(result, out)
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet.max_row == len(result.to_records()) + 1
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("result", every_result(), ids=lambda r: type(r).__name__)
def test_every_result_has_an_html_view(result: Any) -> None:
    page = result._repr_html_()
    assert page.startswith('<table lang="en"><caption>')
    assert "<script" not in page


class TestPortfolioAndCluster:
    def test_short_reprs(self) -> None:
        portfolio = sample_portfolio()
        assert repr(portfolio) == (
            "<Portfolio of 16 clusters: 'qoot', 'nordland-2016', 'hemp-sk', 'basque-energy', "
            "'example-ocean', ... (11 more)>"
        )
        assert repr(portfolio["qoot"]) == (
            "<Cluster 'qoot' (Qoot Cluster): 1 assessment, latest benchmarking on 2019-07-25, "
            "1 stated label>"
        )
        assert len(repr(Portfolio([Cluster("x" * 10_000, "y" * 10_000)]))) < 200

    def test_a_portfolio_is_indexed_by_id_and_position(self) -> None:
        portfolio = sample_portfolio()
        assert portfolio["qoot"] is portfolio.clusters[0]
        assert portfolio[-1] is portfolio.clusters[-1]
        assert "qoot" in portfolio
        assert "nope" not in portfolio
        assert portfolio.clusters[1] in portfolio
        with pytest.raises(
            KeyError, match=re.escape("no cluster with id 'qot' (did you mean 'qoot'?)")
        ):
            portfolio["qot"]
        with pytest.raises(TypeError, match=r"indexed by cluster id or position, not 1\.5"):
            portfolio[1.5]  # type: ignore[index]

    def test_the_portfolio_view_is_one_row_per_cluster(self) -> None:
        page = sample_portfolio().to_html(max_rows=4)
        assert page.count("<tr>") == 1 + 4 + 1
        assert "16 rows, 4 shown" in page


class TestPictures:
    def test_a_timeline_shows_itself_in_a_notebook(self) -> None:
        figure = label_timeline(Portfolio(list(sample_portfolio())[:2]), on="2026-11-20")
        png = figure._repr_png_()  # type: ignore[attr-defined]
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert len(png) > 5_000


class TestThePublicFace:
    def test_the_names_a_user_writes_and_no_other(self) -> None:
        names = [n for n in cluster_excellence.__all__ if n != "__version__"]
        assert 80 <= len(names) <= 100  # value types, functions, their results, errors, words
        for wanted in ("Indicator", "Benchmark", "Label", "Audit", "cluster_plan",
                       "portfolio_gold_score", "portfolio_scorecard", "portfolio_check",
                       "read_portfolio_table", "from_dataframe", "InvalidValueError",
                       "InvalidTypeError", "render", "write", "DEFAULT_RULEBOOK"):  # fmt: skip
            assert wanted in names
        for gone in ("plan", "changes", "check_records", "gold_scores", "regional_scorecard",
                     "gold_baseline", "ECEI_2019", "Benchmarking", "Scorecard", "Plan"):  # fmt: skip
            assert gone not in names
        pairs = [n.removeprefix("portfolio_") for n in names if n.startswith("portfolio_")]
        for name in pairs:
            if name not in ("check", "scorecard", "to_json"):
                assert f"cluster_{name}" in names, name  # one pattern for each pair

    def test_constructors_raise_the_librarys_errors_with_plain_messages(self) -> None:
        from cluster_excellence import Benchmark, InvalidTypeError, InvalidValueError
        from cluster_excellence.model.clusters import StatedLabel

        with pytest.raises(InvalidTypeError) as caught:
            StatedLabel("gold", dt.date(2027, 1, 1))  # type: ignore[arg-type]
        assert str(caught.value) == 'tier: must be Tier, not "gold"'
        assert isinstance(caught.value, ValueError)
        with pytest.raises(InvalidValueError, match=r"^date: 0001-01-02 is before 0011-01-01"):
            Benchmark(dt.date(1, 1, 2))
        with pytest.raises(InvalidTypeError, match=r"^awarded: must be True or False, not 1$"):
            Benchmark(dt.date(2020, 1, 1), awarded=1)  # type: ignore[arg-type]

    def test_no_source_points_outside_the_repository(self) -> None:
        for path in PACKAGE.rglob("*"):
            if path.suffix in (".py", ".json", ".pyi"):
                text = path.read_text(encoding="utf-8")
                assert "shared/" not in text, path
                assert not re.search(r"\w\.md\b", re.sub(r"README\.md|CHANGELOG\.md", "", text)), (
                    path
                )


class TestDays:
    """docs, *Notebooks*: a day is a date, YYYY-MM-DD or a midnight datetime."""

    def test_the_forms_of_a_day(self) -> None:
        from cluster_excellence._checks import as_day
        from cluster_excellence.errors import InvalidTypeError, InvalidValueError

        class Day(dt.date):
            pass

        assert as_day(Day(2024, 2, 29), "on") == dt.date(2024, 2, 29)
        assert type(as_day(Day(2024, 2, 29), "on")) is dt.date
        assert as_day("2024-02-29", "on") == dt.date(2024, 2, 29)
        with pytest.raises(InvalidValueError, match=r'^on: "2023-02-29" is not a valid date$'):
            as_day("2023-02-29", "on")
        with pytest.raises(InvalidValueError, match=r'^on: "29.02.2024" is not a date in YYYY'):
            as_day("29.02.2024", "on")
        with pytest.raises(InvalidTypeError, match=r"^on: must be a day \(a date, YYYY-MM-DD"):
            as_day(20240229, "on")

    def test_plain_messages_of_the_validators(self) -> None:
        from cluster_excellence.errors import InvalidTypeError, InvalidValueError
        from cluster_excellence.model.clusters import Organisation
        from cluster_excellence.rules.changes import ComplianceChange

        with pytest.raises(InvalidTypeError, match=r"^eccp_listed: must be True, False or None"):
            Organisation(eccp_listed="yes")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=r'^event: "won" is not one of gained, lost$'):
            ComplianceChange(dt.date(2024, 1, 1), "x", "X", "no-gce", "won", None)


@pytest.mark.parametrize(
    "result",
    [
        *(r for r in every_result() if isinstance(r, Result) and r.LAYOUT.document is not None),
        portfolio_check(sample_portfolio()),
        portfolio_status(sample_portfolio(), ON).expiring(90),
    ],
    ids=lambda r: type(r).__name__,
)
def test_a_documents_frame_holds_what_the_document_says_of_all_rows(result: Any) -> None:
    document = result.to_dict()
    said = {
        key: pandas.Timestamp(value) if key in ("on", "from", "to") else value
        for key, value in document.items()
        if key != "format" and not isinstance(value, (list, dict))
    }
    attrs = result.to_dataframe().attrs
    assert said.items() <= attrs.items()
    # beyond them only a table's own column with one value (a programme by its id)
    assert set(attrs) - set(said) <= set(result.LAYOUT.tables[0].attrs)
    assert {"rulebook"} <= set(said) or "catalogue" in said


def test_a_portfolio_beyond_one_table_is_refused_as_one_frame_and_held_by_frames() -> None:
    portfolio = sample_portfolio()
    with pytest.raises(PortfolioError) as raised:
        portfolio.to_dataframe()
    problems = [str(problem) for problem in raised.value.problems]
    assert problems[0] == (
        "clusters[0].note: has no column in one table (to_dataframes() holds every record)"
    )
    assert len(problems) == 29  # as many as a CSV table refuses
    assert from_dataframe(portfolio.to_dataframes()) == portfolio
    fitting = one_table(portfolio)
    assert from_dataframe(fitting.to_dataframe()) == fitting


def test_an_empty_column_of_a_portfolio_keeps_its_declared_type() -> None:
    portfolio = Portfolio([Cluster("x", "X", [Benchmark(dt.date(2024, 1, 1))]), Cluster("y", "Y")])
    types = dict(portfolio.to_dataframe().dtypes.astype(str))
    assert types["country"] == "string"
    assert types["passed"] == types["minimum_requirements_met"] == "boolean"
    assert types["score"] == types["audit_days"] == "Float64"
    assert types["experts"] == "Int64"
    assert "object" not in types.values()
    frames = portfolio.to_dataframes()
    assert all("object" not in set(f.dtypes.astype(str)) for f in frames.values())
