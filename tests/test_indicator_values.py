"""Indicator values on benchmarkings and Gold audits in portfolio files."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
from typing import Any

import pytest

from cluster_excellence import (
    Benchmark,
    GoldAudit,
    PortfolioError,
    SilverAudit,
    benchmarking_catalogue,
    gold_catalogue,
    portfolio_to_json,
    sample_portfolio,
)
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.model.assessments import IndicatorValues

CATALOGUES = (benchmarking_catalogue(), gold_catalogue())


def document(values: Any, kind: str = "benchmarking") -> str:
    assessment: dict[str, Any] = {"type": kind, "date": "2024-05-02", "indicators": values}
    if kind == "gold_audit":
        assessment["passed"] = True
    return json.dumps(
        {
            "format": "cluster-excellence.portfolio/1",
            "clusters": [{"id": "a", "name": "A", "assessments": [assessment]}],
        }
    )


def problems(text: str, catalogues: Any = ()) -> list[str]:
    with pytest.raises(PortfolioError) as caught:
        PORTFOLIO_FILES.against(catalogues).parse(text)
    return [str(problem) for problem in caught.value.problems]


def test_values_are_read_in_to_the_assessment() -> None:
    portfolio = PORTFOLIO_FILES.parse(document({"B-STR-01": 40, "B-MAN-01": 1.5, "B-INT-01": True}))
    (benchmarking,) = portfolio.clusters[0].assessments
    assert isinstance(benchmarking, Benchmark)
    assert dict(benchmarking.indicators) == {"B-INT-01": True, "B-MAN-01": 1.5, "B-STR-01": 40}


def test_files_without_values_stay_valid() -> None:
    assert len(sample_portfolio()) == 16


class TestWithoutCatalogues:
    """Only the shape of values is checked."""

    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            (
                {"X": None},
                "clusters[0].assessments[0].indicators.X: must be a number or true/false, not null",
            ),
            (
                {"X": "12"},
                'clusters[0].assessments[0].indicators.X: must be a number or true/false, not "12"',
            ),
            (
                {"X": [1]},
                "clusters[0].assessments[0].indicators.X: must be a number or true/false, not a list",
            ),
            (
                {" ": 1},
                'clusters[0].assessments[0].indicators[" "]: an indicator code must not be blank',
            ),
            (
                [1, 2],
                "clusters[0].assessments[0].indicators: must be an object of indicator values, not a list",
            ),
        ],
    )
    def test_shape_problems(self, values: Any, expected: str) -> None:
        assert problems(document(values)) == [expected]

    def test_nan(self) -> None:
        text = document({"X": 1}).replace('"X": 1', '"X": NaN')
        assert problems(text) == [
            "clusters[0].assessments[0].indicators.X: must be a number or true/false, not NaN"
        ]

    def test_silver_audits_carry_no_values(self) -> None:
        text = document({"X": 1}, "silver_audit").replace('"date"', '"passed": true, "date"')
        assert problems(text) == [
            "clusters[0].assessments[0].indicators: unknown key (expected awarded_on, date, improvement_areas, minimum_requirements_met, note, passed, type)"
        ]


class TestWithCatalogues:
    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            (
                {"B-XXX-01": 1},
                '["B-XXX-01"]: ecei-benchmarking-reference@2026.2 has no indicator "B-XXX-01"',
            ),
            (
                {"B-STR-01": -3},
                '["B-STR-01"]: -3 is a count and must be a whole number of 0 or more (count: Committed cluster participants)',
            ),
            (
                {"B-STR-03": 1.5},
                '["B-STR-03"]: 1.5 is a share and must lie from 0 to 1 (share: Share of SMEs among participants)',
            ),
            (
                {"B-INT-01": 1},
                '["B-INT-01"]: must be true or false, not 1 (yes_no: English website showing the cluster\'s activity)',
            ),
            (
                {"B-MAN-06": 7},
                '["B-MAN-06"]: 7 must be a whole number on the scale 1 to 5 (ordinal: Participants\' involvement in governance)',
            ),
            (
                {"B-MAN-01": True},
                '["B-MAN-01"]: must be a number, not true (fte: Dedicated cluster management staff)',
            ),
        ],
    )
    def test_benchmark_values(self, values: dict[str, Any], expected: str) -> None:
        assert problems(document(values), catalogues=CATALOGUES) == [
            "clusters[0].assessments[0].indicators" + expected
        ]

    def test_gold_audits_use_the_gold_catalogue(self) -> None:
        assert problems(document({"B-STR-01": 20}, "gold_audit"), catalogues=CATALOGUES) == [
            'clusters[0].assessments[0].indicators["B-STR-01"]: ecei-gold-reference@2026.1 has no indicator "B-STR-01"'
        ]
        portfolio = PORTFOLIO_FILES.against(CATALOGUES).parse(
            document({"G-STR-01": 20}, "gold_audit")
        )
        audit = portfolio.clusters[0].assessments[0]
        assert isinstance(audit, GoldAudit)
        assert audit.indicators["G-STR-01"] == 20

    @pytest.mark.parametrize(
        ("codes", "expected"),
        [
            (["B-SER-01", "B-SER-03"], None),  # chosen from two benchmarking reports
            (["G-SER-01"], None),  # the Gold criterion the audit validated it against
            (
                ["B-SER-01", "X-1"],
                "clusters[0].assessments[0].improvement_areas[0].indicators: "
                "ecei-benchmarking-reference@2026.2 or ecei-gold-reference@2026.1 has no "
                'indicator "X-1"',
            ),
        ],
    )
    def test_improvement_areas_name_benchmarking_or_gold_indicators(
        self, codes: list[str], expected: str | None
    ) -> None:
        text = document({}, "silver_audit").replace(
            '"indicators": {}',
            '"passed": true, "improvement_areas": [{"indicators": ' + json.dumps(codes) + "}]",
        )
        if expected is None:
            (audit,) = PORTFOLIO_FILES.against(CATALOGUES).parse(text).clusters[0].assessments
            assert isinstance(audit, SilverAudit)
            assert audit.improvement_areas is not None
            assert audit.improvement_areas[0].indicators == tuple(codes)
        else:
            assert problems(text, catalogues=CATALOGUES) == [expected]
        PORTFOLIO_FILES.parse(text)  # without catalogues only the shape is checked
        PORTFOLIO_FILES.against([gold_catalogue()]).parse(text)  # a B- code could be right

    def test_the_command_reports_bad_values_with_their_path(
        self, tmp_path: Any, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from cluster_excellence.cli import main

        path = tmp_path / "region.json"
        path.write_text(document({"B-STR-03": 2}), encoding="utf-8")
        assert main(["scorecard", str(path)]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert 'clusters[0].assessments[0].indicators["B-STR-03"]: 2 is a share' in err


class TestIndicatorValues:
    def test_are_immutable_hashable_and_pickle(self) -> None:
        values = IndicatorValues({"b": 2, "a": 1.5})
        assert list(values) == ["a", "b"]
        assert hash(values) == hash(IndicatorValues({"a": 1.5, "b": 2}))
        assert pickle.loads(pickle.dumps(values)) == values
        with pytest.raises(AttributeError):
            values.x = 1

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            (float("inf"), "inf is not a finite number"),
            (None, "must be a number or true/false, not null"),
            ("1", 'must be a number or true/false, not "1"'),
            ([1], "must be a number or true/false, not a list"),
            (-(10**400), "an integer of 401 digits is too large for a number"),
        ],
    )
    def test_refuse_what_is_not_a_value(self, value: Any, message: str) -> None:
        with pytest.raises(ValueError, match=f'indicator "a": {re.escape(message)}'):
            IndicatorValues({"a": value})

    @pytest.mark.parametrize("code", ["", " ", "B-\x1bSTR", "B-\ud800", "B\nSTR"])
    def test_refuse_codes_that_are_not_single_line_text(self, code: str) -> None:
        with pytest.raises(ValueError, match="indicator code"):
            IndicatorValues({code: 1})

    def test_assessments_take_plain_mappings(self) -> None:
        benchmarking = Benchmark(dt.date(2024, 1, 1), indicators={"B-STR-01": 20})
        assert benchmarking.indicators == IndicatorValues({"B-STR-01": 20})


@pytest.mark.parametrize("name", ["labels", "region", "reference"])
def test_portfolios_round_trip_through_their_file_format(name: str) -> None:
    portfolio = sample_portfolio(name)
    text = portfolio_to_json(portfolio)
    assert PORTFOLIO_FILES.against(CATALOGUES).parse(text) == portfolio
    assert portfolio_to_json(PORTFOLIO_FILES.parse(text)) == text
