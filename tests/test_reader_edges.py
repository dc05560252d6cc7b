"""The edges of the readers: portfolio tables and workbooks, label listings and the JSON
formats (portfolio, catalogue, programme, rulebook), each bad input named by its file,
sheet, row, column or JSON path, and what an edge case reads as."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pandas
import pytest

from cluster_excellence import (
    Benchmark,
    Cluster,
    GoldAudit,
    Portfolio,
    PortfolioError,
    from_dataframe,
    gold_catalogue,
    read_portfolio_table,
    sample_portfolio,
)
from cluster_excellence.errors import (
    MAX_PROBLEMS,
    CatalogueError,
    InvalidValueError,
    ListingError,
    ProgrammeError,
)
from cluster_excellence.files import _fields
from cluster_excellence.files._fields import DAY
from cluster_excellence.files.catalogue import CATALOGUE_FILES
from cluster_excellence.files.listing import parse_label_listing
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.files.programme import PROGRAMME_FILES, PROGRAMME_FORMAT
from cluster_excellence.files.rulebook import _GROUP_CLASSES
from cluster_excellence.files.table import (
    parse_portfolio_csv,
    portfolio_to_csv_files,
    portfolio_to_ods,
    portfolio_to_xlsx,
    read_day,
)
from cluster_excellence.model.rulebooks import Rulebook

FORMAT = "cluster-excellence.portfolio/1"
#: The assessments of a folder of CSV files: a benchmarking of x and a Silver audit of y.
ASSESSMENTS = (
    "id,name,type,date,passed\nx,X,benchmarking,2020-01-01,\ny,Y,silver_audit,2021-01-01,true\n"
)


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    """A folder of CSV files (file name -> text)."""
    path = tmp_path / "tables"
    path.mkdir()
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def folder_problems(tmp_path: Path, files: dict[str, str], **options: Any) -> list[str]:
    with pytest.raises(PortfolioError) as caught:
        read_portfolio_table(folder(tmp_path, files), **options)
    return [str(problem) for problem in caught.value.problems]


def frame_problems(frame: Any) -> list[str]:
    with pytest.raises(PortfolioError) as caught:
        from_dataframe(frame)
    return [str(problem) for problem in caught.value.problems]


def json_problems(document: dict[str, Any] | str) -> list[str]:
    text = document if isinstance(document, str) else json.dumps(document)
    with pytest.raises(PortfolioError) as caught:
        PORTFOLIO_FILES.parse(text, source="p.json")
    return [str(problem) for problem in caught.value.problems]


def one_cluster(**fields: Any) -> dict[str, Any]:
    return {"format": FORMAT, "clusters": [{"id": "x", "name": "X", **fields}]}


class TestCells:
    """What a cell of the wrong kind is told, and the edge values of a cell."""

    def test_a_name_that_is_no_text(self) -> None:
        frame = pandas.DataFrame(
            {"id": ["x"], "name": [["X"]], "type": ["benchmarking"], "date": ["2020-01-01"]}
        )
        assert frame_problems(frame) == ["row 0, column name: must be text, not a list"]

    def test_a_type_that_is_a_number(self) -> None:
        frame = pandas.DataFrame(
            {"id": ["x"], "name": ["X"], "type": [3], "date": ["2020-01-01"]}, index=[7]
        )
        assert frame_problems(frame) == [
            "row 7, column type: must be one of benchmarking, silver_audit, gold_audit, not 3"
        ]

    def test_a_word_among_decimal_commas_is_no_number(self) -> None:
        with pytest.raises(PortfolioError) as caught:
            parse_portfolio_csv(
                "id;name;type;date;score\nx;X;gold_audit;2020-01-10;abc\n", source="t.csv"
            )
        assert str(caught.value) == 't.csv: row 2, column score: "abc" is not a number'

    def test_year_zero_does_not_exist(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            read_day("0000-01-01")
        assert str(caught.value) == "0000-01-01 is not a valid date: year 0 does not exist"
        with pytest.raises(PortfolioError) as table:
            parse_portfolio_csv("id,name,type,date\nx,X,benchmarking,0000-06-01\n")
        assert [str(p) for p in table.value.problems] == [
            "row 2, column date: 0000-06-01 is not a valid date: year 0 does not exist"
        ]

    def test_indicator_values_that_are_no_values(self) -> None:
        frames = {
            "Portfolio": pandas.DataFrame(
                {"id": ["x"], "name": ["X"], "type": ["benchmarking"], "date": ["2020-01-01"]}
            ),
            "Indicators": pandas.DataFrame(
                {"id": ["x"], "type": ["benchmarking"], "date": ["2020-01-01"],
                 "B-STR-01": [float("inf")], "B-STR-02": ["many"], "B-STR-03": ["yes"],
                 "B-STR-04": [dt.date(2020, 1, 1)]}
            ),
        }  # fmt: skip
        assert frame_problems(frames) == [
            "sheet Indicators, row 2, column B-STR-01: inf is not a finite number",
            "sheet Indicators, row 2, column B-STR-02: must be a number or true/false (an "
            'indicator value), not "many"',
            "sheet Indicators, row 2, column B-STR-04: must be a number or true/false (an "
            "indicator value), not the date 2020-01-01",
        ]

    @pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
    def test_a_whole_float_stays_a_float_through_a_workbook(
        self, tmp_path: Path, suffix: str
    ) -> None:
        portfolio = Portfolio([
            Cluster("x", "X", [
                Benchmark(dt.date(2020, 1, 1), indicators={"B-STR-01": 42.0, "B-STR-02": 3}),
                GoldAudit(dt.date(2021, 1, 1), score=84.0, audit_days=2.0),
            ])
        ])  # fmt: skip
        path = tmp_path / f"p{suffix}"
        path.write_bytes((portfolio_to_xlsx if suffix == ".xlsx" else portfolio_to_ods)(portfolio))
        back: Any = read_portfolio_table(path)["x"].assessments
        values = dict(back[0].indicators.items())
        assert (type(values["B-STR-01"]), type(values["B-STR-02"])) == (float, int)
        assert type(back[1].audit_days) is float


class TestOptions:
    def test_a_decimal_mark_that_is_none(self) -> None:
        message = "decimal must be '.' or ',', not ';'"
        text = "id,name,type,date\nx,X,benchmarking,2020-01-01\n"
        with pytest.raises(InvalidValueError, match=message):
            parse_portfolio_csv(text, decimal=";")  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match=message):
            read_portfolio_table("nowhere.csv", decimal=";")  # type: ignore[arg-type]

    def test_the_main_file_of_a_folder_must_be_no_other_table(self) -> None:
        portfolio = sample_portfolio()
        with pytest.raises(InvalidValueError) as caught:
            portfolio_to_csv_files(portfolio, main="Clusters")
        assert str(caught.value) == ("main must name a file that is no other table, not 'Clusters'")


class TestSheetsBesideTheAssessments:
    """Each row of the other tables names the cluster or assessment it is about."""

    def test_rows_of_indicator_values_that_name_no_assessment(self, tmp_path: Path) -> None:
        values = (
            "id,type,date,B-STR-01\n"
            "x,benchmarking,,3\n"
            "z,benchmarking,2020-01-01,3\n"
            "x,benchmarking,2020-02-02,3\n"
            "y,silver_audit,2021-01-01,3\n"
            "x,benchmarking,2020-01-01,3\n"
            "x,benchmarking,2020-01-01,4\n"
        )
        files = {"Portfolio.csv": ASSESSMENTS, "Indicators.csv": values}
        assert folder_problems(tmp_path, files) == [
            "Indicators.csv, row 2, column date: is blank (required: it names the assessment)",
            'Indicators.csv, row 3, column id: "z" is the id of no cluster of the portfolio',
            'Indicators.csv, row 4: names no assessment: the cluster "x" has no benchmarking '
            "on 2020-02-02 (Portfolio.csv)",
            "Indicators.csv, row 5, column type: a silver_audit records no indicator values",
            "Indicators.csv, row 7: repeats the assessment of row 6",
        ]

    def test_the_long_layout_needs_the_indicator_and_its_value(self, tmp_path: Path) -> None:
        values = (
            "id,type,date,indicator,value\n"
            "x,benchmarking,2020-01-01,B-STR-01,\n"
            "x,benchmarking,2020-01-01,,3\n"
        )
        files = {"Portfolio.csv": ASSESSMENTS, "Indicators.csv": values}
        assert folder_problems(tmp_path, files) == [
            "Indicators.csv, row 2, column value: is blank (required in the long layout)",
            "Indicators.csv, row 3, column indicator: is blank (required in the long layout)",
        ]

    def test_an_empty_file_of_indicator_values_records_none(self, tmp_path: Path) -> None:
        with_empty = folder(tmp_path, {"Portfolio.csv": ASSESSMENTS, "Indicators.csv": ""})
        without = read_portfolio_table(with_empty / "Portfolio.csv")
        assert read_portfolio_table(with_empty) == without
        assert not dict(without["x"].assessments[0].indicators.items())  # type: ignore[union-attr]

    def test_rows_of_the_clusters_table(self, tmp_path: Path) -> None:
        clusters = (
            "id,name,note,organisation,management_fte\n"
            ",,a note,,\n"
            "x,X,first,,\n"
            "x,X,second,,\n"
            "y,Y,,false,1.5\n"
        )
        files = {"Portfolio.csv": ASSESSMENTS, "Clusters.csv": clusters}
        assert folder_problems(tmp_path, files) == [
            "Clusters.csv, row 2, column id: is blank (required: the cluster the row is about)",
            'Clusters.csv, row 4, column id: "x" has a row already (row 3)',
            "Clusters.csv, row 5, column organisation: is false, but the row records the "
            "organisation's management_fte",
        ]

    def test_improvement_areas_of_no_silver_audit(self, tmp_path: Path) -> None:
        areas = (
            "id,date,description\n"
            "x,2020-01-01,Finance\n"
            "y,2020-05-05,Finance\n"
            "q,2021-01-01,Finance\n"
        )
        files = {"Portfolio.csv": ASSESSMENTS, "Improvement areas.csv": areas}
        assert folder_problems(tmp_path, files) == [
            'Improvement areas.csv, row 2: names no assessment: the cluster "x" has no '
            "silver_audit on 2020-01-01 (Portfolio.csv)",
            'Improvement areas.csv, row 3: names no assessment: the cluster "y" has no '
            "silver_audit on 2020-05-05 (Portfolio.csv)",
            'Improvement areas.csv, row 4, column id: "q" is the id of no cluster of the portfolio',
        ]

    def test_stated_labels_of_no_cluster(self, tmp_path: Path) -> None:
        labels = "id,tier,valid_until\n,gold,2026-01-01\nq,gold,2026-01-01\n"
        files = {"Portfolio.csv": ASSESSMENTS, "Stated labels.csv": labels}
        assert folder_problems(tmp_path, files) == [
            "Stated labels.csv, row 2, column id: is blank (required: the cluster the label "
            "is for)",
            'Stated labels.csv, row 3, column id: "q" is the id of no cluster of the portfolio',
        ]


class TestTheTablesOfAFolder:
    def test_two_files_of_one_table(self, tmp_path: Path) -> None:
        files = {
            "Portfolio.csv": ASSESSMENTS,
            "Clusters.csv": "id,name\nx,X\n",
            "clusters.csv": "id,name\nx,X\n",
        }
        assert folder_problems(tmp_path, files) == [
            'clusters.csv: holds clusters like the file "Clusters.csv"; keep one'
        ]

    def test_a_folder_without_assessments(self, tmp_path: Path) -> None:
        files = {"Clusters.csv": "id,name\nx,X\n", "Stated labels.csv": "id,tier,valid_until\n"}
        assert folder_problems(tmp_path, files) == [
            "has no file of assessments (only 'Clusters.csv', 'Stated labels.csv')"
        ]

    def test_a_file_named_almost_as_a_table_can_be_named_the_assessments(
        self, tmp_path: Path
    ) -> None:
        path = folder(tmp_path, {"Indicatorz.csv": ASSESSMENTS})
        with pytest.raises(PortfolioError) as caught:
            read_portfolio_table(path)
        assert [str(p) for p in caught.value.problems] == [
            "has no file of assessments (only 'Indicatorz.csv')",
            'Indicatorz.csv: is not read: did you mean "Indicators.csv"?',
        ]
        portfolio = read_portfolio_table(path, sheet="Indicatorz.csv")
        assert [(c.id, [a.kind for a in c.assessments]) for c in portfolio] == [
            ("x", ["benchmarking"]),
            ("y", ["silver_audit"]),
        ]

    def test_a_folder_that_cannot_be_read(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = folder(tmp_path, {"Portfolio.csv": ASSESSMENTS})

        def refused(where: Any) -> Iterator[os.DirEntry[str]]:
            raise PermissionError(13, "Permission denied", str(where))

        monkeypatch.setattr(os, "scandir", refused)
        with pytest.raises(PortfolioError) as caught:
            read_portfolio_table(path)
        assert str(caught.value) == f"{path}: cannot read the folder: Permission denied"


class TestWritingWorkbooks:
    def test_an_indicator_code_too_long_for_a_cell_is_refused(self) -> None:
        code = "K" * 40_000
        portfolio = Portfolio(
            [Cluster("x", "X", [Benchmark(dt.date(2020, 1, 1), indicators={code: 1})])]
        )
        with pytest.raises(PortfolioError) as caught:
            portfolio_to_xlsx(portfolio)
        assert [str(p) for p in caught.value.problems] == [
            f'clusters[0].assessments[0].indicators["{code[:39]}..." (40000 characters)]: a '
            "text of 40,000 characters does not fit in a cell of a workbook (at most 32,767); "
            "keep this portfolio as JSON"
        ]


class TestJsonPortfolios:
    def test_an_indicator_given_twice(self) -> None:
        assessment = {"type": "benchmarking", "date": "2020-01-01", "indicators": {"B-STR-01": 1}}
        document = json.dumps(one_cluster(assessments=[assessment]))
        document = document.replace('"B-STR-01": 1', '"B-STR-01": 1, "B-STR-01": 2')
        assert json_problems(document) == [
            'clusters[0].assessments[0].indicators["B-STR-01"]: appears more than once in the '
            "object"
        ]

    def test_assessments_that_are_no_objects(self) -> None:
        assert json_problems(one_cluster(assessments=[1, "benchmarking"])) == [
            "clusters[0].assessments[0]: must be an object, not 1",
            'clusters[0].assessments[1]: must be an object, not "benchmarking"',
        ]

    def test_unknown_keys_beyond_the_kept_problems_are_counted(self) -> None:
        keys = {f"k{number:02d}": 1 for number in range(MAX_PROBLEMS + 10)}
        with pytest.raises(PortfolioError) as caught:
            PORTFOLIO_FILES.parse(json.dumps(one_cluster(assessments=[], **keys)), source="p")
        error = caught.value
        assert (len(error.problems), error.more) == (MAX_PROBLEMS, 10)
        assert error.problems[-1].path == f"clusters[0].k{MAX_PROBLEMS - 1:02d}"
        lines = str(error).splitlines()
        assert (lines[0], lines[-1]) == (
            f"p: {MAX_PROBLEMS + 10} problems",
            "  ... and 10 more problems",
        )

    def test_the_days_read_are_remembered_within_a_bound(self) -> None:
        first = dt.date(1900, 1, 1)
        for offset in range(100_002):
            day = first + dt.timedelta(days=offset)
            assert DAY.read(day.isoformat()) == day
        assert len(_fields._DAYS) <= 100_001
        assert DAY.read("1900-01-01") == first


class TestOtherFormats:
    def test_a_scale_that_is_no_list(self) -> None:
        document: dict[str, Any] = json.loads(CATALOGUE_FILES.to_json(gold_catalogue()))
        document["indicators"][9]["scale"] = "1-5"
        with pytest.raises(CatalogueError) as caught:
            CATALOGUE_FILES.parse(json.dumps(document), source="c.json")
        assert str(caught.value) == (
            'c.json: indicators[9].scale: must be [lowest, highest] whole numbers, not "1-5"'
        )

    def test_programme_tiers_that_are_no_list(self) -> None:
        document = {"format": PROGRAMME_FORMAT, "id": "p", "name": "P", "tiers": "gold"}
        with pytest.raises(ProgrammeError) as caught:
            PROGRAMME_FILES.parse(json.dumps(document), source="p.json")
        assert [str(p) for p in caught.value.problems] == ['tiers: must be a list, not "gold"']

    def test_every_rulebook_parameter_is_checked(self) -> None:
        # The reader names a bad parameter by the message of its field's validator.
        for cls in (Rulebook, *_GROUP_CLASSES.values()):
            assert all(field.validator is not None for field in attrs.fields(cls)), cls

    def test_an_unknown_sample(self) -> None:
        with pytest.raises(KeyError) as caught:
            sample_portfolio("nope")
        assert caught.value.args == ("no sample 'nope' (samples: labels, region, reference)",)


class TestListings:
    def test_a_source_with_a_control_character(self) -> None:
        with pytest.raises(InvalidValueError) as caught:
            parse_label_listing("Aviation Valley | Aviation |  | 2013/02/23", tier="bronze",
                                source="a\x1bb")  # fmt: skip
        assert str(caught.value) == "source contains the control character \\x1b at position 1"

    def test_a_line_that_is_no_csv_is_named_and_the_next_lines_read(self) -> None:
        text = f"Aviation Valley, {'x' * 200_000}, , 2013/02/23\nHemp Cluster, Hemp, , 2014/01/0\n"
        with pytest.raises(ListingError) as caught:
            parse_label_listing(text, tier="bronze", name="l.txt")
        assert [str(p) for p in caught.value.problems] == [
            "line 1: cannot be read as CSV: field larger than field limit (131072)",
            'line 2, Label valid until: "2014/01/0" is not a date in YYYY/MM/DD form '
            "(--date-order reads others)",
        ]
