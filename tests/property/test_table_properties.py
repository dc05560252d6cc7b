"""Portfolio tables hold what a portfolio holds (docs: *Portfolio tables*).

Every portfolio a table can hold (no organisation profiles, stated labels,
indicator values, improvement areas or cluster notes) is written as CSV and
as XLSX and read back equal, and its JSON document survives JSON -> XLSX ->
JSON unchanged. Every portfolio at all survives a workbook (XLSX or ODS) and
its frames, and every command answers alike on the workbook and the file. An XLSX number cell keeps 15 significant digits, as Excel
does: numbers are drawn with at most that many.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cluster_excellence import (
    Portfolio,
    PortfolioError,
    from_dataframe,
    portfolio_to_json,
    read_portfolio_table,
)
from cluster_excellence.cli import main
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.files.table import (
    DateOrder,
    parse_portfolio_csv,
    portfolio_to_csv,
    portfolio_to_csv_files,
    portfolio_to_ods,
    portfolio_to_xlsx,
)
from cluster_excellence.model.assessments import NO_VALUES, Assessment, GoldAudit, SilverAudit

from .test_roundtrip_properties import portfolios


def _excel(value: float | None) -> float | None:
    """A number as an XLSX cell keeps it: 15 significant digits, as Excel does."""
    return value if not isinstance(value, float) else float(f"{value:.15g}")


def _tableable(assessment: Assessment) -> Assessment:
    if isinstance(assessment, SilverAudit):
        return attrs.evolve(assessment, improvement_areas=None)
    if isinstance(assessment, GoldAudit):
        return attrs.evolve(
            assessment,
            indicators=NO_VALUES,
            score=_excel(assessment.score),
            audit_days=_excel(assessment.audit_days),
        )
    return attrs.evolve(assessment, indicators=NO_VALUES)


def tableable(portfolio: Portfolio) -> Portfolio:
    """``portfolio`` without what a table has no column for, its numbers as XLSX keeps them."""
    clusters = []
    for cluster in portfolio:
        assessments = [_tableable(a) for a in cluster.assessments]
        clusters.append(
            attrs.evolve(
                cluster, note=None, organisation=None, stated_labels=(), assessments=assessments
            )
        )
    return Portfolio(clusters)


tables = st.builds(tableable, portfolios())


class TestTablesHoldWhatTheyCan:
    """contract, Portfolio tables: one row per assessment, the JSON keys as columns."""

    @given(tables)
    def test_csv_reads_back_equal(self, portfolio: Portfolio) -> None:
        assert parse_portfolio_csv(portfolio_to_csv(portfolio)) == portfolio

    @settings(max_examples=30)
    @given(tables)
    def test_json_to_xlsx_to_json_is_the_same_document(self, portfolio: Portfolio) -> None:
        document = portfolio_to_json(portfolio)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "p.xlsx"
            path.write_bytes(portfolio_to_xlsx(PORTFOLIO_FILES.parse(document)))
            back = read_portfolio_table(path)
        assert back == portfolio
        assert portfolio_to_json(back) == document


_FORMS = {
    "dmy": "%d.%m.%Y",
    "mdy": "%m/%d/%Y",
    "ymd": "%Y/%m/%d",
}


class TestWrittenDates:
    """contract, Portfolio tables: written dates are read under the given order, never guessed."""

    @given(
        st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9000, 12, 31)),
        st.sampled_from(sorted(_FORMS)),
    )
    @example(dt.date(2024, 2, 29), "dmy")
    @example(dt.date(2024, 2, 29), "mdy")
    @example(dt.date(2023, 12, 31), "dmy")
    @example(dt.date(2024, 1, 1), "mdy")
    @example(dt.date(2021, 4, 3), "dmy")
    @example(dt.date(2021, 4, 3), "mdy")
    def test_a_date_written_in_an_order_reads_back_under_it(
        self, day: dt.date, order: DateOrder
    ) -> None:
        written = day.strftime(_FORMS[order])
        table = f"id,name,type,date\nx,X,benchmarking,{written}\n"
        assert parse_portfolio_csv(table, date_order=order)["x"].assessments[0].date == day

    @given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9000, 12, 31)))
    @example(dt.date(2021, 4, 3))
    @example(dt.date(2024, 2, 29))
    def test_without_an_order_a_date_is_read_only_when_it_proves_one(self, day: dt.date) -> None:
        written = day.strftime("%d.%m.%Y")
        table = f"id,name,type,date\nx,X,benchmarking,{written}\n"
        if day.day > 12 or day.day == day.month:
            assert parse_portfolio_csv(table)["x"].assessments[0].date == day
        else:
            with pytest.raises(PortfolioError, match="could be day-first or month-first"):
                parse_portfolio_csv(table)

    @given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9000, 12, 31)))
    @example(dt.date(2024, 2, 29))
    @example(dt.date(2023, 2, 28))
    def test_a_month_written_by_its_name(self, day: dt.date) -> None:
        written = f"{day.strftime('%B')} {day.day}, {day.year:04d}"
        table = f'id,name,type,date\nx,X,benchmarking,"{written}"\n'
        assert parse_portfolio_csv(table)["x"].assessments[0].date == day

    @given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
    @example(dt.date(2023, 2, 28))
    def test_the_day_after_a_month_end_does_not_exist(self, day: dt.date) -> None:
        # the 29th, 30th or 31st beyond the month's last day is refused, never rolled over
        last = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        if last.day == 31:
            return
        written = f"{last.day + 1:02d}.{last.month:02d}.{last.year:04d}"
        table = f"id,name,type,date\nx,X,benchmarking,{written}\n"
        with pytest.raises(PortfolioError, match="is not a valid date"):
            parse_portfolio_csv(table, date_order="dmy")


def _workbook(portfolio: Portfolio, suffix: str) -> Portfolio:
    """``portfolio`` read back from a workbook (``.xlsx``, ``.ods``) or a folder of CSV
    files (``/``)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"p{suffix}"
        if suffix == "/":
            path.mkdir()
            for name, text in portfolio_to_csv_files(portfolio).items():
                (path / name).write_text(text, encoding="utf-8", newline="")
        else:
            write = portfolio_to_xlsx if suffix == ".xlsx" else portfolio_to_ods
            path.write_bytes(write(portfolio))
        return read_portfolio_table(path)


#: What a pandas frame holds: days of ``datetime64[ns]`` and whole numbers of 64 bits.
_FRAME_DAYS = (dt.date(1677, 9, 22), dt.date(2262, 4, 11))


def _fits_a_frame(portfolio: Portfolio) -> bool:
    for cluster in portfolio:
        for label in cluster.stated_labels:
            if not _FRAME_DAYS[0] <= label.valid_until <= _FRAME_DAYS[1]:
                return False
        for assessment in cluster.assessments:
            values = getattr(assessment, "indicators", NO_VALUES)
            if any(type(v) is int and abs(v) >= 2**63 for _, v in values.items()):
                return False
    return True


class TestWorkbooksHoldEverything:
    """contract, Portfolio workbooks: every portfolio (organisations, indicator values,
    improvement areas, stated labels and notes included) survives a workbook."""

    @settings(max_examples=25, deadline=None)
    @given(portfolios(), st.sampled_from([".xlsx", ".ods", "/"]))
    def test_every_portfolio_reads_back_equal_and_as_the_same_document(
        self, portfolio: Portfolio, suffix: str
    ) -> None:
        back = _workbook(portfolio, suffix)
        assert back == portfolio
        assert portfolio_to_json(back) == portfolio_to_json(portfolio)

    @settings(max_examples=25, deadline=None)
    @given(portfolios().filter(lambda p: _fits_a_frame(p)))
    def test_the_frames_of_every_portfolio_read_back_equal(self, portfolio: Portfolio) -> None:
        assert from_dataframe(portfolio.to_dataframes()) == portfolio

    @settings(max_examples=25, deadline=None)
    @given(tables)
    def test_the_one_frame_of_a_table_reads_back_equal(self, portfolio: Portfolio) -> None:
        assert from_dataframe(portfolio.to_dataframe()) == portfolio


@settings(max_examples=5, deadline=None)
@given(portfolios())
def test_every_command_gives_the_same_json_on_the_workbook(portfolio: Portfolio) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "p.json"
        source.write_text(portfolio_to_json(portfolio), encoding="utf-8")
        book = Path(folder) / "p.xlsx"
        book.write_bytes(portfolio_to_xlsx(portfolio))
        tables = Path(folder) / "tables"
        tables.mkdir()
        for name, text in portfolio_to_csv_files(portfolio).items():
            (tables / name).write_text(text, encoding="utf-8", newline="")
        for command in (
            ["status", "--on", "2026-11-20"],
            ["eligibility", "--tier", "silver", "--on", "2026-11-20"],
            ["plan", "--on", "2026-11-20"],
            ["check"],
        ):
            outputs = []
            for path in (source, book, tables):
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    status = main([command[0], str(path), *command[1:], "--format", "json"])
                outputs.append((status, out.getvalue()))
            assert outputs[0] == outputs[1] == outputs[2]
