"""The whole portfolio in one workbook, read as analysts write it (docs: *Portfolio workbooks*).

A workbook holds every record a portfolio file holds; every command gives the same answer on
it as on the JSON file; workbooks saved by LibreOffice or written by pandas read back to the
same portfolio; words, decimal commas and dates are read as people write them.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pandas
import pytest

from cluster_excellence import (
    PortfolioError,
    benchmarking_catalogue,
    from_dataframe,
    gold_catalogue,
    portfolio_to_json,
    read_portfolio,
    read_portfolio_table,
    sample_portfolio,
)
from cluster_excellence.cli import main
from cluster_excellence.files._spelling import canonical_word, word_problem
from cluster_excellence.files.table import (
    parse_portfolio_csv,
    portfolio_to_xlsx,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "cluster_excellence" / "data"
SAMPLES = ["sample-portfolio.json", "sample-region.json", "sample-reference.json"]


def convert(tmp_path: Path, source: Path, suffix: str) -> Path:
    """``source`` converted to ``suffix`` (``/``: a folder of CSV files)."""
    out = tmp_path / (source.stem + suffix)
    assert main(["convert", str(source), "-o", str(out) + ("/" if suffix == "/" else "")]) == 0
    return out


class TestTheWholePortfolio:
    @pytest.mark.parametrize("name", SAMPLES)
    @pytest.mark.parametrize("suffix", [".xlsx", ".ods", "/"])
    def test_json_to_workbook_to_json_is_the_same_document(
        self, tmp_path: Path, name: str, suffix: str
    ) -> None:
        # The document the writer gives for the file (it orders indicator codes and records).
        document = convert(tmp_path, DATA / name, ".json")
        book = convert(tmp_path, document, suffix)
        back = tmp_path / "back.json"
        assert main(["convert", str(book), "-o", str(back)]) == 0
        assert back.read_bytes() == document.read_bytes()
        assert read_portfolio_table(book) == read_portfolio(DATA / name)

    @pytest.mark.parametrize(
        "command",
        [
            ["status", "--on", "2026-11-20"],
            ["eligibility", "--tier", "silver", "--on", "2026-11-20"],
            ["plan", "--on", "2026-11-20"],
            ["check"],
        ],
    )
    def test_commands_on_the_sample_workbook(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
    ) -> None:
        self._same(tmp_path, capsys, "sample-portfolio.json", command)

    @pytest.mark.parametrize(
        "command",
        [["scorecard", "--group-by", "country", "--on", "2026-11-20"],
         ["gold-score", "--on", "2026-11-20"]],
    )  # fmt: skip
    def test_scoring_on_the_region_workbook(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
    ) -> None:
        self._same(tmp_path, capsys, "sample-region.json", command)

    def _same(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, command: list[str]
    ) -> None:
        capsys.readouterr()
        outputs = []
        for path in (DATA / name, convert(tmp_path, DATA / name, ".xlsx"),
                     convert(tmp_path, DATA / name, ".ods"), convert(tmp_path, DATA / name, "/")):  # fmt: skip
            capsys.readouterr()
            status = main([command[0], str(path), *command[1:], "--format", "json"])
            outputs.append((status, capsys.readouterr().out))
        assert outputs[0][1]
        assert outputs[1] == outputs[0]
        assert outputs[2] == outputs[0]
        assert outputs[3] == outputs[0]

    def test_the_sheets_of_the_sample(self, tmp_path: Path) -> None:
        book = openpyxl.load_workbook(io.BytesIO(portfolio_to_xlsx(sample_portfolio())))
        assert book.sheetnames == ["Portfolio", "Clusters", "Improvement areas", "Stated labels"]
        header = [cell.value for cell in book["Clusters"][1]]
        assert header[:3] == ["id", "name", "note"]
        region = openpyxl.load_workbook(DATA.parent.parent.parent / "docs" / "examples"
                                        / "region.xlsx")  # fmt: skip
        assert region.sheetnames == ["Portfolio", "Clusters", "Indicators"]
        assert [c.value for c in region["Indicators"][1]][:4] == ["id", "type", "date", "B-ACH-01"]

    def test_indicator_values_in_the_long_layout(self, tmp_path: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Assessments"
        sheet.append(["id", "name", "type", "date"])
        sheet.append(["x", "X", "Benchmarking", "2024-05-02"])
        values = book.create_sheet("indicators")
        values.append(["id", "type", "date", "indicator", "value"])
        values.append(["x", "benchmarking", "2024-05-02", "B-STR-01", 42])
        values.append(["x", "benchmarking", "2024-05-02", "B-INT-01", "yes"])
        values.append(["x", "benchmarking", "2024-05-02", "B-STR-01", 43])
        out = tmp_path / "long.xlsx"
        book.save(out)
        with pytest.raises(PortfolioError) as caught:
            read_portfolio_table(out)
        assert [str(p) for p in caught.value.problems] == [
            'sheet indicators, row 4, column value: a second value of "B-STR-01" for this '
            "assessment (the first is row 2)"
        ]
        values.delete_rows(4)
        book.save(out)
        assessment: Any = read_portfolio_table(out)["x"].assessments[0]
        assert dict(assessment.indicators.items()) == {"B-INT-01": True, "B-STR-01": 42}

    def test_problems_of_every_sheet_are_placed_and_sorted(self, tmp_path: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Assessments"
        sheet.append(["id", "name", "type", "date"])
        for number in range(2, 14):
            sheet.append([f"c{number}", "C", "benchmarking", f"2020-01-{number:02d}"])
        for number in (13, 7, 4):
            sheet.cell(number, 3).value = "silver"
        clusters = book.create_sheet("Clusters")
        clusters.append(["id", "management_fte", "member_types"])
        clusters.append(["c2", -1, "business, reserch"])
        clusters.append(["nobody", 1, "public"])
        labels = book.create_sheet("Stated labels")
        labels.append(["id", "tier", "valid_until"])
        labels.append(["c2", "Silver", "2026-13-01"])
        book.create_sheet("Indicator").append(["id"])
        out = tmp_path / "p.xlsx"
        book.save(out)
        with pytest.raises(PortfolioError) as caught:
            read_portfolio_table(out, catalogues=[benchmarking_catalogue(), gold_catalogue()])
        kinds = "benchmarking, silver_audit, gold_audit"
        assert [str(p) for p in caught.value.problems] == [
            'sheet Indicator: is not read: did you mean "Indicators"?',
        ]
        del book["Indicator"]
        book.save(out)
        with pytest.raises(PortfolioError) as caught:
            read_portfolio_table(out)
        hint = "(did you mean silver_audit?)"
        assert [str(p) for p in caught.value.problems] == [
            f'sheet Assessments, row 4, column type: "silver" is not one of {kinds} {hint}',
            f'sheet Assessments, row 7, column type: "silver" is not one of {kinds} {hint}',
            f'sheet Assessments, row 13, column type: "silver" is not one of {kinds} {hint}',
            "sheet Clusters, row 2, column management_fte: -1 must be a number of 0 or more",
            'sheet Clusters, row 2, column member_types: "reserch" is not a member type (did '
            "you mean research?)",
            "sheet Clusters, row 3, column name: is missing (required)",
            "sheet Stated labels, row 2, column valid_until: 2026-13-01 is not a valid date: "
            "month 13 does not exist",
        ]


class TestSpreadsheetPrograms:
    def test_a_workbook_pandas_writes_reads_back(self, tmp_path: Path) -> None:
        sample = sample_portfolio()
        path = tmp_path / "pandas.xlsx"
        with pandas.ExcelWriter(path) as writer:
            for title, frame in sample.to_dataframes().items():
                frame.to_excel(writer, sheet_name=title, index=False)
        assert read_portfolio_table(path) == sample

    def test_the_frames_pandas_reads_from_a_workbook(self, tmp_path: Path) -> None:
        """pandas.read_excel turns a yes/no column with blanks into 1.0, 0.0 and NaN."""
        sample = sample_portfolio()
        path = tmp_path / "library.xlsx"
        path.write_bytes(portfolio_to_xlsx(sample))
        frames = pandas.read_excel(path, sheet_name=None)
        assert str(frames["Portfolio"]["passed"].dtype) == "float64"
        assert from_dataframe(frames) == sample
        # indicator values come as floats too; by their catalogue's kinds they are read as
        # the counts, yes/no values and amounts they are
        reference = sample_portfolio("reference")
        path.write_bytes(portfolio_to_xlsx(reference))
        catalogues = [benchmarking_catalogue(), gold_catalogue()]
        read_back = from_dataframe(pandas.read_excel(path, sheet_name=None), catalogues=catalogues)
        assert portfolio_to_json(read_back) == portfolio_to_json(reference)
        frames["Portfolio"].loc[2, "passed"] = 2.0
        with pytest.raises(PortfolioError) as caught:
            from_dataframe(frames)
        assert [str(p) for p in caught.value.problems] == [
            "sheet Portfolio, row 4, column passed: must be true or false (or yes or no), not 2.0"
        ]

    @pytest.mark.skipif(
        shutil.which("soffice") is None,
        reason="needs LibreOffice: apt-get install libreoffice-calc-nogui",
    )
    @pytest.mark.parametrize("suffix", ["xlsx", "ods"])
    def test_a_workbook_saved_by_libreoffice_reads_back(self, tmp_path: Path, suffix: str) -> None:
        sample = sample_portfolio()
        source = tmp_path / "library.xlsx"
        source.write_bytes(portfolio_to_xlsx(sample))
        saved = tmp_path / "saved"
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
             "--convert-to", suffix, "--outdir", str(saved), str(source)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        saved_file = saved / f"library.{suffix}"
        assert b"TRUE()" in _part(saved_file)  # every yes/no cell, as a constant formula
        assert read_portfolio_table(saved_file) == sample

    def test_constant_formulas_are_their_value_and_others_are_refused(self, tmp_path: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["id", "name", "type", "date", "passed", "score"])
        sheet.append(["x", '="X"', "silver_audit", "2020-01-10", "=TRUE()", None])
        sheet.append(["y", "Y", "gold_audit", "2020-01-10", "=TRUE()", "=84"])
        sheet.append(["z", "Z", "gold_audit", "2020-01-10", "=A1=A1", "=80+4"])
        out = tmp_path / "f.xlsx"
        book.save(out)
        with pytest.raises(PortfolioError) as caught:
            read_portfolio_table(out)
        assert [str(p) for p in caught.value.problems] == [
            'sheet Sheet, row 4, column passed: holds the formula "=A1=A1"; the reader takes '
            "values only (copy the column and paste it as values)",
            'sheet Sheet, row 4, column score: holds the formula "=80+4"; the reader takes '
            "values only (copy the column and paste it as values)",
        ]
        sheet.delete_rows(4)
        book.save(out)
        portfolio = read_portfolio_table(out)
        assert portfolio["x"].name == "X"
        assert portfolio["y"].assessments[0].score == 84.0  # type: ignore[union-attr]


def _part(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as package:
        names = [n for n in package.namelist() if n.endswith(("sheet1.xml", "content.xml"))]
        return package.read(names[0])


class TestWords:
    KINDS = ("benchmarking", "silver_audit", "gold_audit")

    @pytest.mark.parametrize(
        ("written", "kind"),
        [("silver audit", "silver_audit"), ("Benchmarking", "benchmarking"),
         ("Silver_Audit", "silver_audit"), ("BENCHMARKING", "benchmarking"),
         ("gold-audit", "gold_audit"), (" Gold Audit ", "gold_audit")],
    )  # fmt: skip
    def test_word_forms(self, written: str, kind: str) -> None:
        assert canonical_word(written, self.KINDS) == kind
        passed = "" if kind == "benchmarking" else "Yes"
        portfolio = parse_portfolio_csv(
            f"id,name,type,date,passed\nx,X,{written},2020-01-10,{passed}\n"
        )
        assert portfolio["x"].assessments[0].kind == kind

    @pytest.mark.parametrize(
        ("written", "message"),
        [
            ("benchmarkng", '"benchmarkng" is not one of benchmarking, silver_audit, gold_audit '
             "(did you mean benchmarking?)"),
            ("silver", '"silver" is not one of benchmarking, silver_audit, gold_audit (did you '
             "mean silver_audit?)"),
            ("audit", '"audit" is not one of benchmarking, silver_audit, gold_audit'),
        ],
    )  # fmt: skip
    def test_words_that_are_refused(self, written: str, message: str) -> None:
        assert word_problem(written, self.KINDS) == message
        with pytest.raises(PortfolioError) as caught:
            parse_portfolio_csv(f"id,name,type,date\nx,X,{written},2020-01-10\n")
        assert [str(p) for p in caught.value.problems] == [f"row 2, column type: {message}"]

    def test_tiers_for_the_command_line(self) -> None:
        assert canonical_word("Silver", ("bronze", "silver", "gold")) == "silver"
        assert word_problem("Silwer", ("bronze", "silver", "gold"), "a tier") == (
            '"Silwer" is not a tier (did you mean silver?)'
        )

    def test_json_stays_strict(self) -> None:
        from cluster_excellence.files.portfolio import PORTFOLIO_FILES

        with pytest.raises(PortfolioError, match=r'"Silver audit" is not one of'):
            PORTFOLIO_FILES.parse('{"format": "cluster-excellence.portfolio/1", "clusters": '
                                  '[{"id": "x", "name": "X", "assessments": [{"type": '
                                  '"Silver audit", "date": "2020-01-10", "passed": true}]}]}')  # fmt: skip


class TestDecimals:
    @pytest.mark.parametrize("score", ["83,5", "83,5 %", "83,5%", '"83,5"'])
    def test_a_semicolon_file_reads_decimal_commas(self, score: str) -> None:
        portfolio = parse_portfolio_csv(
            f"id;name;type;date;score;audit_days\nx;X;gold_audit;2020-01-10;{score};1,5\n"
        )
        audit: Any = portfolio["x"].assessments[0]
        assert (audit.score, audit.audit_days) == (83.5, 1.5)

    def test_a_comma_file_never_guesses_and_decimal_says_it(self) -> None:
        text = 'id,name,type,date,score\nx,X,gold_audit,2020-01-10,"83,5"\n'
        with pytest.raises(PortfolioError, match=r'"83,5" is not a number'):
            parse_portfolio_csv(text)
        assert parse_portfolio_csv(text, decimal=",")["x"].assessments[0].score == 83.5  # type: ignore[union-attr]

    def test_a_point_among_decimal_commas_is_refused(self) -> None:
        with pytest.raises(PortfolioError) as caught:
            parse_portfolio_csv("id;name;type;date;score\nx;X;gold_audit;2020-01-10;83.5\n")
        assert [str(p) for p in caught.value.problems] == [
            'row 2, column score: "83.5" has a decimal point, but the numbers of this table '
            "are written with decimal commas (a semicolon-separated file; Python: decimal=, "
            "--decimal)"
        ]
        portfolio = parse_portfolio_csv(
            "id;name;type;date;score\nx;X;gold_audit;2020-01-10;83.5\n", decimal="."
        )
        assert portfolio["x"].assessments[0].score == 83.5  # type: ignore[union-attr]

    def test_the_command_line_option(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "p.csv"
        path.write_text('id,name,type,date,score\nx,X,gold_audit,2020-01-10,"83,5"\n',
                        encoding="utf-8")  # fmt: skip
        out = tmp_path / "p.json"
        assert main(["convert", str(path), "--decimal", ",", "-o", str(out)]) == 0
        assert '"score": 83.5' in out.read_text(encoding="utf-8")
        assert main(["convert", str(path), "-o", str(out)]) == 2

    def test_the_csv_writer_stays_readable(self) -> None:
        import datetime as dt

        from cluster_excellence import Cluster, GoldAudit, Portfolio
        from cluster_excellence.files.table import portfolio_to_csv

        portfolio = Portfolio([Cluster("x", "X", [GoldAudit(dt.date(2020, 1, 10), score=83.5,
                                                            passed=True, audit_days=1.5)])])  # fmt: skip
        assert parse_portfolio_csv(portfolio_to_csv(portfolio)) == portfolio


def test_csv_says_what_it_cannot_hold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.csv"
    assert main(["convert", str(DATA / "sample-portfolio.json"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "clusters[0].note: has no column in a CSV portfolio table (write .xlsx, .ods or " in err
    assert not out.exists()


def test_a_workbook_reads_like_the_json_file() -> None:
    sample = read_portfolio(DATA / "sample-portfolio.json")
    assert json.loads(json.dumps(len(sample))) == len(sample_portfolio())


class TestAFolderOfCsvFiles:
    """docs: *Portfolio tables*, "A folder of CSV files": the tables of a workbook as CSV
    files of one folder, given together."""

    def test_convert_writes_every_table_and_again_leaves_nothing_stale(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = convert(tmp_path, DATA / "sample-portfolio.json", "/")
        assert sorted(p.name for p in folder.iterdir()) == [
            "Clusters.csv", "Improvement areas.csv", "Indicators.csv", "Portfolio.csv",
            "Stated labels.csv",
        ]  # fmt: skip
        assert read_portfolio_table(folder) == sample_portfolio()
        # Written again from a portfolio without stated labels: their file holds none.
        small = tmp_path / "small.json"
        small.write_text(
            '{"format": "cluster-excellence.portfolio/1", "clusters": [{"id": "x", '
            '"name": "X", "assessments": []}]}', encoding="utf-8")  # fmt: skip
        assert main(["convert", str(small), "-o", f"{folder}/"]) == 0
        assert (folder / "Stated labels.csv").read_bytes() == (b"id,tier,valid_until\r\n")
        assert [c.id for c in read_portfolio_table(folder)] == ["x"]

    def test_every_command_reads_a_folder_and_write_makes_one(self, tmp_path: Path) -> None:
        from cluster_excellence import write

        write(sample_portfolio(), f"{tmp_path / 'out'}/")
        assert read_portfolio_table(tmp_path / "out") == sample_portfolio()
        write(sample_portfolio(), tmp_path / "out")  # an existing folder
        with pytest.raises(ValueError, match=r"\.ods, or as CSV files into a folder \(a path"):
            write(sample_portfolio(), tmp_path / "new")
        assert read_portfolio_table(tmp_path / "out") == sample_portfolio()

    def test_the_one_table_of_assessments(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = convert(tmp_path, DATA / "sample-portfolio.json", "/")
        (folder / "notes.txt").write_text("not read", encoding="utf-8")
        shutil.copy(folder / "Portfolio.csv", folder / "copy.csv")
        assert main(["status", str(folder)]) == 2
        assert capsys.readouterr().err == (
            f"cluster-excellence status: {folder}: holds several files that are not one of "
            "Clusters.csv, Indicators.csv, Improvement areas.csv, Stated labels.csv: "
            "'Portfolio.csv', 'copy.csv'; keep the assessments in one (or name it: --sheet, "
            "Python: sheet=)\n"
        )
        assert main(["status", str(folder), "--sheet", "copy.csv", "--on", "2026-11-20"]) == 0
        assert read_portfolio_table(folder, sheet="copy") == sample_portfolio()
        with pytest.raises(PortfolioError, match=r"has no file \"nope\" \(it has 'Portfolio.csv'"):
            read_portfolio_table(folder, sheet="nope")

    def test_a_misspelt_table_and_an_empty_folder(self, tmp_path: Path) -> None:
        folder = convert(tmp_path, DATA / "sample-portfolio.json", "/")
        (folder / "Clusters.csv").rename(folder / "clusterz.csv")
        with pytest.raises(PortfolioError) as error:
            read_portfolio_table(folder)
        assert str(error.value) == (
            f'{folder}: clusterz.csv: is not read: did you mean "Clusters.csv"?'
        )
        empty = tmp_path / "empty"
        empty.mkdir()
        with pytest.raises(PortfolioError, match=r"holds no \.csv file"):
            read_portfolio_table(empty)

    def test_each_file_has_its_own_separator_and_places_its_problems(self, tmp_path: Path) -> None:
        folder = tmp_path / "t"
        folder.mkdir()
        (folder / "assessments.csv").write_text(
            "id;name;type;date;score\nx;X;Gold audit;2021-09-14;83,5 %\n", encoding="utf-8"
        )
        (folder / "clusters.csv").write_text("id,name,note\nx,X,first\n", encoding="utf-8")
        portfolio = read_portfolio_table(folder)
        assert portfolio["x"].assessments[0].score == 83.5  # type: ignore[union-attr]
        assert portfolio["x"].note == "first"
        (folder / "stated labels.csv").write_text(
            'id,tier,valid_until\nx,silver,"2026-01-01\n', encoding="utf-8"
        )
        with pytest.raises(PortfolioError) as error:
            read_portfolio_table(folder)
        assert str(error.value) == (
            f"{folder}: stated labels.csv, row 2: is not CSV: unexpected end of data"
        )
        (folder / "stated labels.csv").write_text(
            "id,tier,valid_until\nx,platinum,2026-01-01\n", encoding="utf-8"
        )
        with pytest.raises(PortfolioError, match=r"stated labels\.csv, row 2, column tier: "):
            read_portfolio_table(folder)

    def test_convert_never_writes_onto_the_folder_it_reads(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        folder = convert(tmp_path, DATA / "sample-portfolio.json", "/")
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        assert main(["convert", str(folder), "-o", f"{folder}/"]) == 2
        assert "Portfolio.csv: is an input of this run" in capsys.readouterr().err
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
