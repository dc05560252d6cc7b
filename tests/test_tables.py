"""Portfolio tables: CSV, XLSX and DataFrames in, XLSX out (docs: *Portfolio tables*).

Each reader is held against the JSON reader on the same records, and every
kind of bad cell is named by its sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pandas
import pytest

from cluster_excellence import (
    Benchmark,
    Cluster,
    GoldAudit,
    Portfolio,
    PortfolioError,
    SilverAudit,
    from_dataframe,
    read_portfolio,
    read_portfolio_table,
    sample_portfolio,
)
from cluster_excellence.cli import main
from cluster_excellence.files.table import (
    parse_portfolio_csv,
    portfolio_to_csv,
    portfolio_to_xlsx,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
D = dt.date
HEADER = "id,name,type,date,score,passed\n"


def problems(text: str, **options: Any) -> list[str]:
    """The problems of a CSV table, one line each (without the source)."""
    with pytest.raises(PortfolioError) as caught:
        parse_portfolio_csv(text, source="t.csv", **options)
    return [str(problem) for problem in caught.value.problems]


def one_problem(text: str, **options: Any) -> str:
    found = problems(text, **options)
    assert len(found) == 1, found
    return found[0]


def xlsx(rows: list[list[Any]], formats: dict[tuple[int, int], str] | None = None) -> bytes:
    """A workbook of one sheet named Assessments, as a person makes it."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Assessments"
    for row in rows:
        sheet.append(row)
    for (row_number, column), number_format in (formats or {}).items():
        sheet.cell(row=row_number, column=column).number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_xlsx(tmp_path: Path, data: bytes, **options: Any) -> Portfolio:
    path = tmp_path / "assessments.xlsx"
    path.write_bytes(data)
    return read_portfolio_table(path, **options)


def xlsx_problems(tmp_path: Path, data: bytes, **options: Any) -> list[str]:
    with pytest.raises(PortfolioError) as caught:
        read_xlsx(tmp_path, data, **options)
    return [str(problem) for problem in caught.value.problems]


class TestTheSameRecordsAsJson:
    """The tutorial's sheet and CSV hold the sample's assessments: each reads as JSON does."""

    def test_the_example_files_read_alike(self) -> None:
        from_xlsx = read_portfolio_table(EXAMPLES / "assessments.xlsx")
        from_csv = read_portfolio_table(EXAMPLES / "assessments.csv")
        assert from_xlsx == from_csv
        assert len(from_xlsx) == len(sample_portfolio())
        for cluster, original in zip(from_xlsx, sample_portfolio(), strict=True):
            assert [(a.kind, a.date) for a in cluster.assessments] == [
                (a.kind, a.date) for a in original.assessments
            ]

    @pytest.mark.parametrize("name", ["assessments.xlsx", "assessments.csv"])
    def test_status_of_a_table_is_the_status_of_its_json(
        self, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        json_file = tmp_path / "assessments.json"
        assert main(["convert", str(EXAMPLES / name), "-o", str(json_file)]) == 0
        capsys.readouterr()
        assert main(["status", str(json_file), "--on", "2026-11-20", "--format", "json"]) == 0
        from_json = capsys.readouterr().out
        assert main(["status", str(EXAMPLES / name), "--on", "2026-11-20", "--format", "json"]) == 0
        assert capsys.readouterr().out == from_json
        assert json.loads(from_json)["clusters"][0]["id"] == "qoot"

    def test_json_to_xlsx_to_json_is_the_same_document(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        first, book, second = (tmp_path / n for n in ("a.json", "a.xlsx", "b.json"))
        assert main(["convert", str(EXAMPLES / "assessments.csv"), "-o", str(first)]) == 0
        assert main(["convert", str(first), "-o", str(book)]) == 0
        assert main(["convert", str(book), "-o", str(second)]) == 0
        assert first.read_bytes() == second.read_bytes()
        csv_file = tmp_path / "a.csv"
        assert main(["convert", str(first), "-o", str(csv_file)]) == 0
        assert read_portfolio_table(csv_file) == read_portfolio(first)

    def test_a_portfolio_a_table_cannot_hold_is_refused_not_cut(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "sample.csv"
        with pytest.raises(PortfolioError, match=r"clusters\[0\]\.stated_labels: has no column"):
            portfolio_to_csv(sample_portfolio())
        sample = tmp_path / "sample.json"
        assert main(["convert", str(EXAMPLES / "assessments.csv"), "-o", str(sample)]) == 0
        sample.write_text(
            sample.read_text(encoding="utf-8").replace(
                '"name": "Qoot Cluster",', '"name": "Qoot Cluster", "note": "kept",', 1
            ),
            encoding="utf-8",
        )
        assert main(["convert", str(sample), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert "clusters[0].note: has no column in a CSV portfolio table" in err
        assert not out.exists()

    def test_the_output_format_comes_from_the_extension(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert (
            main(["convert", str(EXAMPLES / "assessments.csv"), "-o", str(tmp_path / "a.txt")]) == 2
        )
        assert "must be a .json, .csv, .xlsx or .ods file" in capsys.readouterr().err


class TestCells:
    """Cells are read as people write them, and never guessed."""

    def test_iso_dates_and_percent_scores(self) -> None:
        portfolio = parse_portfolio_csv(
            HEADER + "x,X,gold_audit,2019-06-12,84%,\nx,,gold_audit,2021-09-22,99 %,\n"
            "x,,silver_audit,2020-01-10,,yes\n"
        )
        audits = portfolio["x"].assessments
        assert [a.score for a in audits if isinstance(a, GoldAudit)] == [84.0, 99.0]
        assert [a.passed for a in audits if isinstance(a, SilverAudit)] == [True]

    @pytest.mark.parametrize(
        ("written", "order", "day"),
        [
            ("25.07.2019", None, D(2019, 7, 25)),
            ("7/25/2019", None, D(2019, 7, 25)),
            ("2019/07/25", None, D(2019, 7, 25)),
            ("03.04.2021", "dmy", D(2021, 4, 3)),
            ("03.04.2021", "mdy", D(2021, 3, 4)),
            ("04.04.2021", None, D(2021, 4, 4)),
            ("July 25th, 2021", None, D(2021, 7, 25)),
            ("25 July 2021", None, D(2021, 7, 25)),
            ("2019-07-25 00:00:00", None, D(2019, 7, 25)),
            ("29.02.2024", None, D(2024, 2, 29)),
        ],
    )
    def test_written_dates(self, written: str, order: Any, day: dt.date) -> None:
        portfolio = parse_portfolio_csv(
            f'id,name,type,date\nx,X,benchmarking,"{written}"\n', date_order=order
        )
        assert portfolio["x"].assessments[0].date == day

    def test_a_column_proves_its_order(self) -> None:
        portfolio = parse_portfolio_csv(
            "id,name,type,date\nx,X,benchmarking,03.04.2021\ny,Y,benchmarking,25.07.2019\n"
        )
        assert portfolio["x"].assessments[0].date == D(2021, 4, 3)

    @pytest.mark.parametrize(
        ("written", "message"),
        [
            ("03.04.2021", 'row 2, column date: "03.04.2021" could be day-first or month-first, '
             "and no date of the column tells; give the order: --date-order dmy or mdy "
             "(Python: date_order=)"),
            ("25.07.19", 'row 2, column date: "25.07.19" has no four-digit year (a two-digit '
             "year is not guessed)"),
            ("30.02.2021", 'row 2, column date: "30.02.2021" is not a valid date (day-month-year): '
             "February 2021 has no day 30"),
            ("2019-02-29", "row 2, column date: 2019-02-29 is not a valid date: February 2019 has "
             "no day 29"),
            ("2026-13-01", "row 2, column date: 2026-13-01 is not a valid date: month 13 does not "
             "exist"),
            ("July 2021", 'row 2, column date: "July 2021" is not a whole date (a day, a month '
             "and a year)"),
            ("Monday", 'row 2, column date: "Monday" is not a date with a four-digit year'),
            ("2019-07-25 10:30", 'row 2, column date: "2019-07-25 10:30" has a time of day; a '
             "date cell must hold a day"),
            ("soon 2021", 'row 2, column date: "soon 2021" is not a date'),
        ],
    )  # fmt: skip
    def test_dates_that_are_refused(self, written: str, message: str) -> None:
        assert one_problem(f"id,name,type,date\nx,X,benchmarking,{written}\n") == message

    def test_a_column_of_both_orders_is_refused(self) -> None:
        found = problems(
            "id,name,type,date\nx,X,benchmarking,25.07.2019\ny,Y,benchmarking,07.25.2019\n"
        )
        assert found[0] == (
            "column date: mixes day-first dates (row 2: 25.07.2019) and month-first dates "
            "(row 3: 07.25.2019); write them one way, or as YYYY-MM-DD"
        )

    def test_the_day_before_and_after_the_calendar_edges(self) -> None:
        assert "is before 0011-01-01" in one_problem(
            "id,name,type,date\nx,X,benchmarking,0010-12-31\n"
        )
        assert "is after" in one_problem("id,name,type,date\nx,X,benchmarking,9999-12-31\n")

    @pytest.mark.parametrize(
        ("score", "message"),
        [
            ("0.84", 'row 2, column score: "0.84" looks like a fraction (a spreadsheet\'s 84 %); '
             "write the score in percent: 84 or 84%"),
            ("1", 'row 2, column score: "1" looks like a fraction (a spreadsheet\'s 100 %); '
             "write the score in percent: 100 or 100%"),
            ('"84,5"', 'row 2, column score: "84,5" is not a number'),
            ("1e400", 'row 2, column score: "1e400" is not a finite number'),
            ("nan", 'row 2, column score: "nan" is not a number'),
            ("101", "row 2, column score: 101.0 is outside 0-100 (percent of the maximum points)"),
        ],
    )  # fmt: skip
    def test_scores_that_are_refused(self, score: str, message: str) -> None:
        assert one_problem(f"{HEADER}x,X,gold_audit,2019-06-12,{score},\n") == message

    def test_a_fraction_written_with_a_percent_sign_is_a_small_score(self) -> None:
        portfolio = parse_portfolio_csv(f"{HEADER}x,X,gold_audit,2019-06-12,0.5%,\n")
        audit = portfolio["x"].assessments[0]
        assert isinstance(audit, GoldAudit)
        assert audit.score == 0.5

    @pytest.mark.parametrize("word", ["true", "TRUE", "Yes", " no ", "False"])
    def test_true_and_false(self, word: str) -> None:
        portfolio = parse_portfolio_csv(f"{HEADER}x,X,silver_audit,2020-01-10,,{word}\n")
        audit = portfolio["x"].assessments[0]
        assert isinstance(audit, SilverAudit)
        assert audit.passed is (word.strip().lower() in ("true", "yes"))

    @pytest.mark.parametrize(
        ("word", "meant"), [("ture", "true"), ("yse", "yes"), ("flase", "false")]
    )
    def test_a_misspelt_yes_or_no_gets_a_hint(self, word: str, meant: str) -> None:
        assert one_problem(f"{HEADER}x,X,silver_audit,2020-01-10,,{word}\n") == (
            f'row 2, column passed: must be true or false (or yes or no), not "{word}" '
            f"(did you mean {meant}?)"
        )

    def test_other_flags_are_refused(self) -> None:
        assert one_problem(f"{HEADER}x,X,silver_audit,2020-01-10,,1\n") == (
            'row 2, column passed: must be true or false (or yes or no), not "1"'
        )

    def test_texts_keep_what_they_hold_and_control_characters_are_named(self) -> None:
        found = one_problem('id,name,type,date\nx,"A\x07B",benchmarking,2020-01-10\n')
        assert found.startswith("row 2, column name: contains the control character")


class TestRowsAndColumns:
    def test_same_as_above_and_a_cluster_without_assessments(self) -> None:
        portfolio = parse_portfolio_csv(
            "id,name,country,type,date,passed\n"
            "x,X,DE,benchmarking,2019-01-10,\n"
            ",,,silver_audit,2020-09-10,no\n"
            "y,Y,,,,\n"
        )
        assert portfolio["x"].country == "DE"
        assert [a.kind for a in portfolio["x"].assessments] == ["benchmarking", "silver_audit"]
        assert portfolio["y"].assessments == ()

    def test_rows_that_contradict_their_cluster(self) -> None:
        assert one_problem(
            "id,name,type,date\nx,X,benchmarking,2019-01-10\nx,Y,benchmarking,2021-01-10\n"
        ) == (
            'row 3, column name: "Y" differs from "X" (row 2) for the cluster "x"; leave it '
            "blank or write the same"
        )
        assert one_problem("id,name,type,date\n,X,benchmarking,2019-01-10\n") == (
            "row 2, column id: is blank (required in a cluster's first row)"
        )

    def test_the_header(self) -> None:
        assert problems("id,name,typ,date\n") == [
            "column 3: unknown column \"typ\" (did you mean 'type'?)",
            "the header: has no column type (required)",
        ]
        assert problems("id,name,type,date,date\n") == [
            'column 5: "date" appears twice in the header'
        ]
        assert problems("") == ["the header: is missing: the table is empty"]

    def test_a_column_without_a_name(self) -> None:
        portfolio = parse_portfolio_csv("id,name,type,date,\nx,X,benchmarking,2019-01-10,\n")
        assert portfolio["x"].id == "x"
        assert one_problem("id,name,type,date,\nx,X,benchmarking,2019-01-10,84\n") == (
            "row 2: has a value in column 5, which has no name"
        )

    def test_a_row_with_more_cells_than_the_header(self) -> None:
        assert one_problem("id,name,type,date\nx,X,benchmarking,2019-01-10,extra\n") == (
            "row 2: has 5 cells; the header names 4"
        )

    def test_the_json_readers_rules_are_placed_by_row_and_column(self) -> None:
        found = problems(
            "id,name,type,date,score,passed\n"
            "x,X,gold_audit,2019-06-12,84,false\n"
            "x,X,benchmarking,2019-01-10,,\n"
            "x,X,benchmarking,2019-01-10,,\n"
            "x,X,exam,2019-01-11,,\n"
        )
        assert found[0].startswith("row 2, column passed: ")
        assert any(
            f.startswith('row 5, column type: "exam" is not one of benchmarking') for f in found
        )
        assert "row 4: a second benchmarking on 2019-01-10 (the first is row 3)" in found

    def test_every_problem_at_once(self) -> None:
        found = problems(
            "id,name,type,date,score\nx,X,gold_audit,2019-02-30,0.9\ny,Y,benchmarking,25.07.19,\n"
        )
        assert [f.split(":")[0] for f in found] == [
            "row 2, column date",
            "row 2, column score",
            "row 3, column date",
        ]


class TestCsvFiles:
    def test_excels_habits(self, tmp_path: Path) -> None:
        path = tmp_path / "export.csv"
        path.write_bytes(
            "\ufeffid;name;type;date;score\r\nx;Zürich;gold_audit;12.06.2019;84 %\r\n"
            "y;Y;benchmarking;25.07.2019;\r\n".encode()
        )
        portfolio = read_portfolio_table(path)
        assert portfolio["x"].name == "Zürich"
        assert portfolio["x"].assessments[0].date == D(2019, 6, 12)

    def test_a_file_that_is_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "export.csv"
        path.write_bytes("id,name,type,date\nx,Zürich,benchmarking,2019-01-10\n".encode("cp1252"))
        with pytest.raises(PortfolioError) as caught:
            read_portfolio_table(path)
        assert str(caught.value) == (
            f"{path}: is not UTF-8 text (byte 22); in a spreadsheet, save it as 'CSV UTF-8'"
        )

    def test_a_nul_byte(self) -> None:
        assert one_problem("id,name,type,date\nx,X\x00,benchmarking,2019-01-10\n").startswith(
            "row 2"
        )

    def test_formula_guards_are_written_and_read_back(self) -> None:
        portfolio = Portfolio(
            [
                Cluster("=1+1", "'quoted", [Benchmark(D(2019, 1, 10))]),
                Cluster("@x", "-minus", [GoldAudit(D(2019, 1, 10), score=0.25)]),
            ]
        )
        text = portfolio_to_csv(portfolio)
        assert "'=1+1,''quoted" in text
        assert "'@x,'-minus,gold_audit,2019-01-10,0.25%" in text
        assert parse_portfolio_csv(text) == portfolio

    def test_formulas_after_spaces_and_tabs_are_guarded_too(self) -> None:
        portfolio = Portfolio(
            [Cluster(" =1+1", "'hello", [Benchmark(D(2019, 1, 10), note="\t=cmd|' /C calc'!A0")])]
        )
        text = portfolio_to_csv(portfolio)
        assert text.splitlines()[1].startswith("' =1+1,''hello,")
        assert "'\t=cmd" in text
        assert parse_portfolio_csv(text) == portfolio
        assert (
            parse_portfolio_csv("id,name,type,date\nx,'hello,benchmarking,2019-01-10\n")["x"].name
            == "'hello"
        )

    def test_other_extensions_are_refused(self, tmp_path: Path) -> None:
        path = tmp_path / "a.xls"
        path.write_bytes(b"x")
        with pytest.raises(
            PortfolioError,
            match=r"must be a \.csv, \.xlsx or \.ods file \(\.xls is Excel's old binary format",
        ):
            read_portfolio_table(path)


class TestXlsxFiles:
    def test_date_cells_datetimes_and_percent_cells(self, tmp_path: Path) -> None:
        data = xlsx(
            [
                ["id", "name", "type", "date", "score"],
                ["x", "X", "gold_audit", dt.datetime(2019, 6, 12), 0.84],
                [1234, "Y", "benchmarking", D(2020, 2, 29), None],
            ],
            {(2, 5): "0%"},
        )
        portfolio = read_xlsx(tmp_path, data)
        audit = portfolio["x"].assessments[0]
        assert isinstance(audit, GoldAudit)
        assert audit.score == 84.0
        assert portfolio["1234"].assessments[0].date == D(2020, 2, 29)

    def test_bad_cells_are_named_by_sheet_row_and_column(self, tmp_path: Path) -> None:
        data = xlsx(
            [
                ["id", "name", "type", "date", "score"],
                ["x", "X", "gold_audit", dt.datetime(2019, 6, 12, 9, 30), 0.84],
                ["y", "Y", "benchmarking", "=TODAY()", None],
                ["z", "Z", "benchmarking", 43671, None],
            ]
        )
        assert xlsx_problems(tmp_path, data) == [
            "sheet Assessments, row 2, column date: the date-time 2019-06-12 09:30:00 has a "
            "time of day; a date cell must hold a day",
            "sheet Assessments, row 2, column score: 0.84 looks like a fraction (a "
            "spreadsheet's 84 %); write the score in percent: 84 or 84%",
            'sheet Assessments, row 3, column date: holds the formula "=TODAY()"; the reader '
            "takes values only (copy the column and paste it as values)",
            "sheet Assessments, row 4, column date: must be a date (a date cell, or text such "
            "as YYYY-MM-DD), not 43671",
        ]

    def test_sheets(self, tmp_path: Path) -> None:
        data = xlsx([["id", "name", "type", "date"], ["x", "X", "benchmarking", D(2019, 1, 10)]])
        assert len(read_xlsx(tmp_path, data, sheet="Assessments")) == 1
        assert xlsx_problems(tmp_path, data, sheet="Other") == [
            "has no sheet \"Other\" (it has 'Assessments')"
        ]

    def test_a_file_that_is_no_workbook(self, tmp_path: Path) -> None:
        assert xlsx_problems(tmp_path, b"PK\x03\x04 not really") == [
            "is not an XLSX workbook (not a zip package)"
        ]

    def test_without_openpyxl_writing_says_how_to_install_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "a.xlsx"
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(ImportError, match=r"pip install 'cluster_excellence\[excel\]'"):
            portfolio_to_xlsx(sample_portfolio())
        assert main(["convert", str(EXAMPLES / "assessments.csv"), "-o", str(path)]) == 2
        assert "pip install 'cluster_excellence[excel]'" in capsys.readouterr().err
        assert not path.exists()
        # Reading needs no extra: the reader is the package's own.
        assert len(read_portfolio_table(EXAMPLES / "assessments.xlsx")) == len(sample_portfolio())


class TestDataFrames:
    def test_a_typed_frame_reads_back(self) -> None:
        portfolio = read_portfolio_table(EXAMPLES / "assessments.csv")
        frame = portfolio.to_dataframe()
        assert str(frame["date"].dtype) == "datetime64[ns]"
        assert from_dataframe(frame) == portfolio

    def test_problems_name_the_index_label(self) -> None:
        frame = pandas.DataFrame(
            {"id": ["a", "b"], "name": ["A", "B"], "type": ["gold_audit"] * 2,
             "date": [pandas.Timestamp("2019-06-12"), pandas.NaT], "score": [0.84, 90.0]},
            index=[10, 11],
        )  # fmt: skip
        with pytest.raises(PortfolioError) as caught:
            from_dataframe(frame)
        assert [str(p) for p in caught.value.problems] == [
            "row 10, column score: 0.84 looks like a fraction (a spreadsheet's 84 %); write the "
            "score in percent: 84 or 84%",
            "row 11, column date: is missing (required)",
        ]

    def test_only_a_dataframe(self) -> None:
        with pytest.raises(TypeError, match="needs a pandas DataFrame, not list"):
            from_dataframe([])


class TestXlsxOutput:
    def test_every_table_command_writes_a_workbook(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        for command in (
            ["status"], ["scorecard"], ["gold-score"], ["eligibility", "--tier", "silver"],
            ["plan"], ["compliance", "--programme", "no-gce"], ["check"],
            ["changes", "--from", "2025-11-20"],
        ):  # fmt: skip
            out = tmp_path / f"{command[0]}.xlsx"
            day = {"changes": ["--to", "2026-11-20"], "check": []}.get(
                command[0], ["--on", "2026-11-20"]
            )
            code = main([*command, *day, "--format", "xlsx", "-o", str(out)])
            assert code in (0, 1), command
            book = openpyxl.load_workbook(out)
            sheet = book.worksheets[0]
            assert sheet.freeze_panes == "A2"
            assert sheet.auto_filter.ref is not None
            assert sheet.auto_filter.ref.startswith("A1:")
            assert sheet.cell(1, 1).font.bold
            assert sheet.max_row >= 2, command

    def test_cells_are_dates_numbers_and_text_that_stays_text(self, tmp_path: Path) -> None:
        portfolio = Portfolio(
            [Cluster("x", '=HYPERLINK("http://e.x")', [GoldAudit(D(2019, 6, 12), score=84.0)])]
        )
        out = tmp_path / "p.xlsx"
        out.write_bytes(portfolio_to_xlsx(portfolio))
        sheet = openpyxl.load_workbook(out).worksheets[0]
        header = [c.value for c in sheet[1]]
        row: dict[Any, Any] = dict(zip(header, sheet[2], strict=True))
        assert row["name"].data_type == "s"
        assert row["name"].value == '=HYPERLINK("http://e.x")'
        assert row["date"].is_date
        assert row["date"].number_format == "yyyy-mm-dd"
        assert row["score"].value == 84.0
        assert read_portfolio_table(out) == portfolio

    def test_xlsx_needs_an_output_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["status", "--format", "xlsx"]) == 2
        assert capsys.readouterr().err.endswith("--format xlsx needs --output FILE.xlsx\n")

    def test_results_write_workbooks(self, tmp_path: Path) -> None:
        from cluster_excellence import portfolio_status, write

        out = tmp_path / "status.xlsx"
        write(portfolio_status(sample_portfolio(), "2026-11-20"), out)
        sheet = openpyxl.load_workbook(out)["Status"]
        assert sheet.cell(1, 4).value == "cluster_id"
        assert sheet.cell(2, 4).value == "qoot"


class TestEdges:
    """The rarer cells and files, each with its message."""

    def test_cells_of_the_wrong_kind(self) -> None:
        frame = pandas.DataFrame(
            {
                "id": ["a", True, 1.5],
                "name": ["A", "B", "C"],
                "type": ["gold_audit"] * 3,
                "date": [
                    pandas.Timestamp("2019-06-12 00:00:00.000000001"),
                    dt.date(2019, 6, 12),
                    dt.date(2019, 6, 13),
                ],
                "passed": [dt.date(2020, 1, 1), dt.time(12), True],
                "experts": [dt.date(2020, 1, 1), None, None],
            }
        )
        with pytest.raises(PortfolioError) as caught:
            from_dataframe(frame)
        assert [str(p) for p in caught.value.problems] == [
            "row 0, column date: 2019-06-12 00:00:00.000000001 has a time of day; a date cell "
            "must hold a day",
            "row 0, column passed: must be true or false (or yes or no), not the date 2020-01-01",
            "row 0, column experts: must be a number, not the date 2020-01-01",
            "row 1, column id: must be text, not true",
            "row 1, column passed: must be true or false (or yes or no), not the time 12:00:00",
        ]

    def test_numbers_where_text_and_whole_numbers_are_meant(self) -> None:
        frame = pandas.DataFrame(
            {"id": [1.5, 7.0], "name": ["A", "B"], "type": ["gold_audit"] * 2,
             "date": ["2019-06-12"] * 2, "passed": [True, True], "experts": ["2.0", "2"],
             "audit_days": [1.5, 2]},
        )  # fmt: skip
        portfolio = from_dataframe(frame)
        assert [c.id for c in portfolio] == ["1.5", "7"]
        audit = portfolio["1.5"].assessments[0]
        assert isinstance(audit, GoldAudit)
        assert audit.experts == 2
        assert type(audit.experts) is int

    @pytest.mark.parametrize(
        ("written", "order", "message"),
        [
            ("2019/07/25", "dmy", '"2019/07/25" starts with a year, not in day-month-year order'),
            ("25.07.2019", "ymd", '"25.07.2019" does not start with a year (year-month-day '
             "order)"),
            ("July 25th, 2021 10:30", None, '"July 25th, 2021 10:30" has a time of day; a date '
             "cell must hold a day"),
        ],
    )  # fmt: skip
    def test_orders_and_times(self, written: str, order: Any, message: str) -> None:
        found = one_problem(f'id,name,type,date\nx,X,benchmarking,"{written}"\n', date_order=order)
        assert found == f"row 2, column date: {message}"

    def test_a_wrong_date_order_is_refused(self) -> None:
        with pytest.raises(ValueError, match="date_order must be one of dmy, mdy, ymd, not 'dym'"):
            parse_portfolio_csv("id,name,type,date\n", date_order="dym")  # type: ignore[arg-type]

    def test_a_header_that_is_no_name(self) -> None:
        frame = pandas.DataFrame(
            {"id": ["a"], "name": ["A"], "type": [None], "date": [None], 0: [1]}
        )
        with pytest.raises(PortfolioError, match="column 5: the header must be a name, not 0"):
            from_dataframe(frame)

    def test_empty_rows_and_a_text_with_a_byte_order_mark(self) -> None:
        portfolio = parse_portfolio_csv(
            "\ufeffid,name,type,date\n,,,\nx,X,benchmarking,2019-01-10\n,,,\n"
        )
        assert [c.id for c in portfolio] == ["x"]

    def test_a_field_too_large_for_csv(self) -> None:
        found = one_problem("id,name,type,date\nx," + "y" * 200_000 + ",benchmarking,2019-01-10\n")
        assert found.startswith("row 2: is not CSV: field larger than field limit")

    def test_a_bad_id_does_not_start_a_cluster(self) -> None:
        frame = pandas.DataFrame(
            {"id": [True, None], "name": ["A", None], "type": ["benchmarking"] * 2,
             "date": ["2019-01-10", "2020-01-10"]}
        )  # fmt: skip
        with pytest.raises(PortfolioError) as caught:
            from_dataframe(frame)
        assert [str(p) for p in caught.value.problems] == [
            "row 0, column id: must be text, not true",
            "row 1, column id: is blank (required in a cluster's first row)",
        ]

    def test_an_error_cell(self, tmp_path: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["id", "name", "type", "date"])
        sheet.append(["x", "X", "benchmarking", "#N/A"])
        sheet.cell(row=2, column=4).data_type = "e"
        out = io.BytesIO()
        book.save(out)
        assert xlsx_problems(tmp_path, out.getvalue()) == [
            'sheet Sheet, row 2, column date: holds the spreadsheet error "#N/A"'
        ]

    def test_what_a_table_cannot_hold_is_named(self) -> None:
        from cluster_excellence.model.assessments import ImprovementArea, IndicatorValues

        cluster = Cluster(
            "x",
            "X",
            [
                Benchmark(D(2019, 1, 10), indicators=IndicatorValues({"a": 1})),
                SilverAudit(
                    D(2020, 9, 10), passed=True, improvement_areas=[ImprovementArea(["a"])]
                ),
            ],
        )
        with pytest.raises(PortfolioError) as caught:
            portfolio_to_csv(Portfolio([cluster]))
        assert [str(p) for p in caught.value.problems] == [
            "clusters[0].assessments[0].indicators: has no column in a CSV portfolio table "
            "(write .xlsx, .ods or .json to keep it)",
            "clusters[0].assessments[1].improvement_areas: has no column in a CSV portfolio "
            "table (write .xlsx, .ods or .json to keep it)",
        ]


class TestWorkbooks:
    def test_titles_cells_and_limits(self) -> None:
        from cluster_excellence._xlsx import CellTooLongError, workbook

        data = workbook(
            [
                ("plans: 2026/27", ["a"], [["x" * 32_767]]),
                ("plans: 2026/27", ["a"], [[1]]),
            ]
        )
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames == ["plans_ 2026_27", "plans_ 2026_27_1"]
        assert book.worksheets[0].cell(2, 1).value == "x" * 32_767
        with pytest.raises(CellTooLongError) as caught:
            workbook([("plans", ["a"], [["x" * 32_768]])])
        assert str(caught.value) == (
            "sheet plans, row 2, column a: a text of 32,768 characters does not fit in a cell "
            "(at most 32,767); write JSON or CSV instead"
        )
        assert openpyxl.load_workbook(io.BytesIO(workbook([]))).sheetnames == ["Sheet"]
        with pytest.raises(TypeError, match="a table cell holds days, not date-times"):
            workbook([("s", ["a"], [[dt.datetime(2020, 1, 1, 12)]])])


def test_convert_never_writes_onto_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.csv"
    source.write_bytes((EXAMPLES / "assessments.csv").read_bytes())
    before = source.read_bytes()
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    assert main(["convert", str(source), "-o", str(link)]) == 2
    assert capsys.readouterr().err == (
        f"cluster-excellence convert: {link}: is an input of this run; refusing to write over it\n"
    )
    assert source.read_bytes() == before
