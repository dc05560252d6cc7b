"""The ``scorecard`` and ``gold-score`` commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from cluster_excellence import gold_catalogue, portfolio_to_json, sample_portfolio
from cluster_excellence.cli import main
from cluster_excellence.files.catalogue import CATALOGUE_FILES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestScorecard:
    def test_runs_on_the_shipped_samples(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "scorecard", "--on", "2026-11-20")
        assert (code, err) == (0, "")
        assert "Reference groups: DE (6), DK (12), NO (12), SE (6)" in out
        assert (
            "Catalogue ecei-benchmarking-reference@2026.2; lights: thresholds-then-quartiles" in out
        )
        assert max(len(line) for line in out.splitlines()) <= 80
        assert sum(line.startswith("region-") for line in out.splitlines()) == 7

    def test_json_names_catalogue_rule_groups_and_sizes(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "scorecard", "--on", "2026-11-20", "--format", "json")
        document = json.loads(out)
        assert code == 0
        assert document["catalogue"] == "ecei-benchmarking-reference@2026.2"
        assert document["light_rule"] == "thresholds-then-quartiles"
        assert document["groups"] == [
            {"name": "DE", "size": 6}, {"name": "DK", "size": 12},
            {"name": "NO", "size": 12}, {"name": "SE", "size": 6},
        ]  # fmt: skip
        assert document["light_reference"]["size"] == 36
        row = document["indicators"][0]
        assert row["code"] == "B-STR-01"
        assert sum(row["lights"].values()) == document["region_size"] == 7
        assert set(document["clusters"][0]["lights"]) == {i["code"] for i in document["indicators"]}

    def test_csv_has_a_row_per_indicator_and_group(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "scorecard", "--on", "2026-11-20", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert code == 0
        assert len(rows) == 36 * 4
        assert rows[0]["group"] == "DE"

    def test_user_files_and_grouping(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        region = tmp_path / "region.json"
        region.write_text(portfolio_to_json(sample_portfolio("region")), encoding="utf-8")
        reference = tmp_path / "reference.json"
        reference.write_text(portfolio_to_json(sample_portfolio("reference")), encoding="utf-8")
        code, out, _ = run(
            capsys, "scorecard", str(region), "--reference", str(reference),
            "--group-by", "comparative_portfolio", "--on", "2026-11-20", "--format", "json",
        )  # fmt: skip
        assert code == 0
        names = [g["name"] for g in json.loads(out)["groups"]]
        assert names == ["Energy", "Food industry", "ICT", "Life sciences", "Maritime"]
        code, out, _ = run(
            capsys, "scorecard", str(region), "--reference", str(reference), "--format", "json"
        )
        assert json.loads(out)["groups"] == [{"name": "reference.json", "size": 36}]

    def test_a_bad_catalogue(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "catalogue.json"
        document: dict[str, Any] = json.loads(CATALOGUE_FILES.to_json(gold_catalogue()))
        document["indicators"][0]["minimum"] = 100
        path.write_text(json.dumps(document), encoding="utf-8")
        code, out, err = run(capsys, "gold-score", "--catalogue", str(path))
        assert (code, out) == (2, "")
        assert f"{path}: indicators[0].minimum: 100 is stricter than the gold_threshold 80" in err

    def test_a_catalogue_of_the_wrong_purpose(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "gold.json"
        path.write_text(CATALOGUE_FILES.to_json(gold_catalogue()), encoding="utf-8")
        code, out, err = run(capsys, "scorecard", "--catalogue", str(path))
        assert (code, out) == (2, "")
        assert "a gold catalogue, but this needs a benchmarking one" in err


class TestGoldScore:
    def test_runs_on_the_shipped_reference(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "gold-score", "--on", "2026-11-20")
        assert (code, err) == (0, "")
        assert "Catalogue ecei-gold-reference@2026.1; rulebook ecei-2019" in out
        assert max(len(line) for line in out.splitlines()) <= 80

    def test_json_agrees_with_the_recorded_scores(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "gold-score", "--on", "2026-11-20", "--format", "json")
        scored = [c for c in json.loads(out)["clusters"] if c["result"]]
        assert code == 0
        assert len(scored) == 8  # every fourth reference cluster had a Gold audit
        for entry in scored:
            assert entry["recorded_score"] == round(entry["result"]["percent"], 1)
            assert entry["result"]["max_points"] == 150

    def test_csv(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "gold-score", "--on", "2026-11-20", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert code == 0
        assert len(rows) == 36
        assert {row["passed"] for row in rows} <= {"true", "false", ""}
