"""The strict portfolio reader (contract: ``cluster-excellence.portfolio/1``)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from cluster_excellence import (
    Benchmark,
    Cluster,
    GoldAudit,
    Portfolio,
    PortfolioError,
    SilverAudit,
    read_portfolio,
)
from cluster_excellence.errors import Problem
from cluster_excellence.files.portfolio import PORTFOLIO_FILES

GOOD: dict[str, Any] = {
    "format": "cluster-excellence.portfolio/1",
    "clusters": [
        {
            "id": "qoot",
            "name": "Qoot Cluster",
            "country": "JO",
            "comparative_portfolio": "ICT",
            "assessments": [
                {"type": "benchmarking", "date": "2019-07-25"},
                {"type": "benchmarking", "date": "2021-05-10", "awarded": False},
                {"type": "silver_audit", "date": "2021-09-14", "passed": True},
                {
                    "type": "gold_audit",
                    "date": "2017-11-17",
                    "score": 84.0,
                    "minimum_requirements_met": True,
                },
            ],
        }
    ],
}


def problems(document: Any, source: str = "p.json") -> list[str]:
    text = document if isinstance(document, str) else json.dumps(document)
    with pytest.raises(PortfolioError) as caught:
        PORTFOLIO_FILES.parse(text, source=source)
    assert caught.value.source == source
    return [str(problem) for problem in caught.value.problems]


def with_assessment(**fields: Any) -> dict[str, Any]:
    document = copy.deepcopy(GOOD)
    document["clusters"][0]["assessments"][0] = fields
    return document


def with_cluster(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(GOOD)
    document["clusters"][0].update(changes)
    return document


def test_the_contract_example_reads_into_values_in_date_order() -> None:
    portfolio = PORTFOLIO_FILES.parse(json.dumps(GOOD))
    (cluster,) = portfolio.clusters
    assert cluster == Cluster(
        "qoot",
        "Qoot Cluster",
        [
            GoldAudit(dt.date(2017, 11, 17), score=84.0, minimum_requirements_met=True),
            Benchmark(dt.date(2019, 7, 25)),
            Benchmark(dt.date(2021, 5, 10), awarded=False),
            SilverAudit(dt.date(2021, 9, 14), passed=True),
        ],
        country="JO",
        comparative_portfolio="ICT",
    )
    assert cluster.assessments[0].date == dt.date(2017, 11, 17)


def test_optional_fields_may_be_left_out() -> None:
    document = {
        "format": "cluster-excellence.portfolio/1",
        "clusters": [{"id": "a", "name": "A", "assessments": []}],
    }
    (cluster,) = PORTFOLIO_FILES.parse(json.dumps(document)).clusters
    assert (cluster.country, cluster.comparative_portfolio, cluster.note) == (None, None, None)


def test_a_byte_order_mark_is_accepted() -> None:
    assert len(PORTFOLIO_FILES.parse(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())) == 1


class TestDocument:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "the file is empty"),
            ("  \n", "the file is empty"),
            (
                "{",
                "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
            ),
            ("[]", "the document must be a JSON object, not a list"),
            ("[" * 100_000 + "]" * 100_000, "not usable JSON: nested too deeply"),
            ('{"format": 1' + "0" * 5000 + "}", "not usable JSON: "),
        ],
    )
    def test_unusable_text(self, text: str, message: str) -> None:
        (problem,) = problems(text)
        assert problem.startswith(message)

    def test_not_utf8(self) -> None:
        with pytest.raises(
            PortfolioError, match=r"p.json: the file is not UTF-8 text \(byte 0xff at offset 1\)"
        ):
            PORTFOLIO_FILES.parse(b"{\xff}", source="p.json")

    def test_format_and_clusters(self) -> None:
        assert problems({}) == ["format: is missing (required)", "clusters: is missing (required)"]
        assert problems({"format": "cluster-excellence.portfolio/2", "clusters": {}}) == [
            'format: "cluster-excellence.portfolio/2" is not a supported format '
            "(expected 'cluster-excellence.portfolio/1')",
            "clusters: must be a list, not an object",
        ]

    def test_unknown_and_repeated_keys(self) -> None:
        text = (
            '{"format": "cluster-excellence.portfolio/1", "clusters": [], "clusters": [], "x y": 1}'
        )
        assert problems(text) == [
            "clusters: appears more than once in the object",
            '["x y"]: unknown key (expected clusters, format)',
        ]


class TestClusters:
    def test_required_fields(self) -> None:
        document = {"format": "cluster-excellence.portfolio/1", "clusters": [{}, 3]}
        assert problems(document) == [
            "clusters[0].id: is missing (required)",
            "clusters[0].name: is missing (required)",
            "clusters[0].assessments: is missing (required)",
            "clusters[1]: must be an object, not 3",
        ]

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({"id": 7}, "clusters[0].id: must be a string, not 7"),
            ({"name": "  "}, "clusters[0].name: must not be blank"),
            ({"name": None}, "clusters[0].name: must be a string, not null"),
            (
                {"country": "UK"},
                'clusters[0].country: "UK" is not an ISO 3166-1 alpha-2 country code '
                "(the United Kingdom is GB)",
            ),
            (
                {"country": "jo"},
                'clusters[0].country: "jo" is not an ISO 3166-1 alpha-2 country code',
            ),
            (
                {"comparative_portfolio": ["ICT"]},
                "clusters[0].comparative_portfolio: must be a string, not a list",
            ),
            ({"assessments": {}}, "clusters[0].assessments: must be a list, not an object"),
            ({"contry": "JO"}, "clusters[0].contry: unknown key (did you mean 'country'?)"),
        ],
    )
    def test_field_problems(self, changes: dict[str, Any], expected: str) -> None:
        assert problems(with_cluster(**changes)) == [expected]

    def test_duplicate_ids(self) -> None:
        document = copy.deepcopy(GOOD)
        document["clusters"] *= 3
        assert problems(document) == [
            'clusters[1].id: "qoot" is already the id of clusters[0]',
            'clusters[2].id: "qoot" is already the id of clusters[0]',
        ]


class TestAssessments:
    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            (
                {"date": "2019-07-25"},
                ".type: is missing (required: one of benchmarking, silver_audit, gold_audit)",
            ),
            (
                {"type": "bronze", "date": "2019-07-25"},
                '.type: "bronze" is not one of benchmarking, silver_audit, gold_audit',
            ),
            ({"type": "benchmarking"}, ".date: is missing (required)"),
            (
                {"type": "benchmarking", "date": "2019-02-30"},
                ".date: 2019-02-30 is not a valid date",
            ),
            (
                {"type": "benchmarking", "date": "2019-13-01"},
                ".date: 2019-13-01 is not a valid date",
            ),
            (
                {"type": "benchmarking", "date": "2019-07-25T10:00:00"},
                '.date: "2019-07-25T10:00:00" is not a date in YYYY-MM-DD form',
            ),
            (
                {"type": "benchmarking", "date": "2019-07-25 "},
                '.date: "2019-07-25 " is not a date in YYYY-MM-DD form',
            ),
            (
                {"type": "benchmarking", "date": "20190725"},
                '.date: "20190725" is not a date in YYYY-MM-DD form',
            ),
            (
                {"type": "benchmarking", "date": "2019-W30-4"},
                '.date: "2019-W30-4" is not a date in YYYY-MM-DD form',
            ),
            (
                {"type": "benchmarking", "date": "٢٠١٩-07-25"},
                '.date: "٢٠١٩-07-25" is not a date in YYYY-MM-DD form',
            ),
            (
                {"type": "benchmarking", "date": 20190725},
                ".date: must be a date string YYYY-MM-DD, not 20190725",
            ),
            (
                {"type": "benchmarking", "date": "2019-07-25", "awarded": 1},
                ".awarded: must be true or false, not 1",
            ),
            (
                {"type": "benchmarking", "date": "2019-07-25", "awarded": "false"},
                '.awarded: must be true or false, not "false"',
            ),
            (
                {"type": "benchmarking", "date": "2019-07-25", "passed": True},
                ".passed: unknown key (expected awarded, awarded_on, date, indicators, note, type)",
            ),
            ({"type": "silver_audit", "date": "2019-07-25"}, ".passed: is missing (required)"),
            (
                {"type": "gold_audit", "date": "2019-07-25", "score": 90, "pased": True},
                ".pased: unknown key (did you mean 'passed'?)",
            ),
            (
                {"type": "gold_audit", "date": "2019-07-25"},
                ": a gold_audit needs passed or score (or both)",
            ),
            (
                {"type": "gold_audit", "date": "2019-07-25", "score": True},
                ".score: must be a number from 0 to 100, not true",
            ),
            (
                {"type": "gold_audit", "date": "2019-07-25", "score": "84"},
                '.score: must be a number from 0 to 100, not "84"',
            ),
            (
                {"type": "gold_audit", "date": "2019-07-25", "score": 100.5},
                ".score: 100.5 is outside 0-100 (percent of the maximum points)",
            ),
            (
                {"type": "gold_audit", "date": "2019-07-25", "score": -1},
                ".score: -1 is outside 0-100 (percent of the maximum points)",
            ),
            (
                {"type": "gold_audit", "date": "2019-07-25", "passed": True, "score": 70},
                ".passed: passed is true but score 70 is below the pass score 80",
            ),
            (
                {"type": "gold_audit", "date": "2019-07-25", "passed": False, "score": 90},
                ".passed: passed is false but score 90 reaches the pass score 80 and the minimum requirements were met",
            ),
            (
                {
                    "type": "gold_audit",
                    "date": "2019-07-25",
                    "passed": True,
                    "minimum_requirements_met": False,
                },
                ".passed: passed is true but minimum_requirements_met is false",
            ),
            (
                {
                    "type": "gold_audit",
                    "date": "2019-07-25",
                    "score": 90,
                    "minimum_requirements_met": None,
                },
                ".minimum_requirements_met: must be true or false, not null",
            ),
        ],
    )
    def test_problems(self, fields: dict[str, Any], expected: str) -> None:
        assert problems(with_assessment(**fields)) == ["clusters[0].assessments[0]" + expected]

    @pytest.mark.parametrize(
        ("constant", "shown"),
        [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity")],
    )
    def test_non_finite_numbers(self, constant: str, shown: str) -> None:
        text = json.dumps(with_assessment(type="gold_audit", date="2019-07-25", score=1)).replace(
            '"score": 1', f'"score": {constant}'
        )
        assert problems(text) == [
            f"clusters[0].assessments[0].score: must be a number from 0 to 100, not {shown}"
        ]

    def test_a_number_too_large_for_a_float(self) -> None:
        text = json.dumps(with_assessment(type="gold_audit", date="2019-07-25", score=1)).replace(
            '"score": 1', '"score": 1e999'
        )
        assert problems(text) == ["clusters[0].assessments[0].score: inf is not a finite number"]

    def test_two_of_one_type_on_one_day(self) -> None:
        document = copy.deepcopy(GOOD)
        document["clusters"][0]["assessments"].append(
            {"type": "benchmarking", "date": "2019-07-25", "awarded": False}
        )
        assert problems(document) == [
            "clusters[0].assessments[4]: a second benchmarking on 2019-07-25 "
            "(the first is clusters[0].assessments[0])"
        ]

    def test_two_types_on_one_day_are_fine(self) -> None:
        document = with_assessment(type="silver_audit", date="2021-05-10", passed=False)
        assert len(PORTFOLIO_FILES.parse(json.dumps(document)).clusters[0].assessments) == 4

    def test_the_published_pass_score_judges_the_contradiction(self) -> None:
        """A record is a fact, the same under every rulebook: the published 80 % judges it."""
        text = json.dumps(
            with_assessment(type="gold_audit", date="2019-07-25", passed=True, score=82)
        )
        audits = [
            a for a in PORTFOLIO_FILES.parse(text).clusters[0].assessments if a.kind == "gold_audit"
        ]
        assert [(a.date, a.passed) for a in audits if isinstance(a, GoldAudit)][-1:] == [
            (dt.date(2019, 7, 25), True)
        ]
        below = json.dumps(
            with_assessment(type="gold_audit", date="2019-07-25", passed=True, score=79.5)
        )
        with pytest.raises(PortfolioError, match="below the pass score 80"):
            PORTFOLIO_FILES.parse(below)

    def test_every_problem_is_reported_at_once(self) -> None:
        document = copy.deepcopy(GOOD)
        document["clusters"][0]["assessments"][0]["date"] = "2019-02-30"
        document["clusters"][0]["assessments"][2]["passed"] = "yes"
        document["clusters"].append({"id": "qoot", "name": "", "assessments": [], "x": 1})
        assert problems(document) == [
            "clusters[0].assessments[0].date: 2019-02-30 is not a valid date",
            'clusters[0].assessments[2].passed: must be true or false, not "yes"',
            "clusters[1].x: unknown key (expected assessments, comparative_portfolio, country, id, name, note, organisation, stated_labels, website)",
            "clusters[1].name: must not be blank",
            'clusters[1].id: "qoot" is already the id of clusters[0]',
        ]


class TestFiles:
    def test_reads_a_file(self, tmp_path: Path) -> None:
        path = tmp_path / "portfolio.json"
        path.write_text(json.dumps(GOOD), encoding="utf-8")
        assert read_portfolio(path) == PORTFOLIO_FILES.parse(json.dumps(GOOD))

    def test_a_missing_file(self, tmp_path: Path) -> None:
        path = tmp_path / "nope.json"
        with pytest.raises(
            PortfolioError, match=r"nope.json: cannot read the file: No such file or directory"
        ):
            read_portfolio(path)

    def test_a_directory(self, tmp_path: Path) -> None:
        with pytest.raises(PortfolioError, match=r"cannot read the file: Is a directory"):
            read_portfolio(tmp_path)

    def test_a_file_over_the_size_limit(self, tmp_path: Path) -> None:
        path = tmp_path / "big.json"
        path.write_text(json.dumps(GOOD), encoding="utf-8")
        with pytest.raises(
            PortfolioError, match=r"big.json: the file is larger than 100 bytes \(max_bytes\)"
        ):
            read_portfolio(path, max_bytes=100)

    def test_the_error_names_the_file_and_lists_every_problem(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({"format": "x"}), encoding="utf-8")
        with pytest.raises(PortfolioError) as caught:
            read_portfolio(path)
        assert str(caught.value) == (
            f"{path}: 2 problems\n"
            "  format: \"x\" is not a supported format (expected 'cluster-excellence.portfolio/1')\n"
            "  clusters: is missing (required)"
        )
        assert isinstance(caught.value, ValueError)


def test_errors_and_values_pickle() -> None:
    error = PortfolioError("p.json", [Problem("format", "is missing (required)")])
    copied = pickle.loads(pickle.dumps(error))
    assert (copied.source, copied.problems, str(copied)) == (
        error.source,
        error.problems,
        str(error),
    )
    portfolio = PORTFOLIO_FILES.parse(json.dumps(GOOD))
    assert pickle.loads(pickle.dumps(portfolio)) == portfolio


class TestValueTypes:
    def test_clusters_sort_their_assessments(self) -> None:
        a = Cluster("a", "A", [Benchmark(dt.date(2020, 1, 2)), Benchmark(dt.date(2020, 1, 1))])
        b = Cluster("a", "A", [Benchmark(dt.date(2020, 1, 1)), Benchmark(dt.date(2020, 1, 2))])
        assert a == b

    def test_clusters_refuse_two_of_one_type_on_one_day(self) -> None:
        with pytest.raises(
            ValueError,
            match=r"assessments\[1\]: a second benchmarking on 2020-01-01 \(the first is assessments\[0\]\)",
        ):
            Cluster(
                "a",
                "A",
                [
                    Benchmark(dt.date(2020, 1, 1)),
                    Benchmark(dt.date(2020, 1, 1), awarded=False),
                ],
            )

    def test_clusters_refuse_other_things_as_assessments(self) -> None:
        with pytest.raises(TypeError, match="assessments must be assessments, not str"):
            Cluster("a", "A", ["2020-01-01"])  # type: ignore[list-item]

    def test_portfolios_refuse_duplicate_ids(self) -> None:
        with pytest.raises(
            ValueError, match=r'clusters\[1\].id: "a" is already the id of clusters\[0\]'
        ):
            Portfolio([Cluster("a", "A"), Cluster("a", "B")])

    def test_clusters_check_the_country(self) -> None:
        with pytest.raises(
            ValueError, match=r'"EL" is not an ISO 3166-1 alpha-2 country code \(Greece is GR\)'
        ):
            Cluster("a", "A", country="EL")
