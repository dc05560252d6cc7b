"""The ``cluster-excellence status`` command (docs: Command line)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cluster_excellence import portfolio_eligibility, sample_portfolio
from cluster_excellence.cli import main

from .documents import validate
from .examples import QOOT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, document: Any, name: str = "portfolio.json") -> str:
    path = tmp_path / name
    path.write_text(
        document if isinstance(document, str) else json.dumps(document), encoding="utf-8"
    )
    return str(path)


def qoot_on(
    capsys: pytest.CaptureFixture[str], path: str, day: str, *options: str
) -> dict[str, Any]:
    code, out, err = run(capsys, "status", path, "--on", day, "--format", "json", *options)
    assert (code, err) == (0, "")
    document: dict[str, Any] = json.loads(out)
    return document


class TestJson:
    def test_the_contract_document(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        document = qoot_on(capsys, write(tmp_path, QOOT), "2021-08-01")
        validate(document)
        assert document == {
            "format": "cluster-excellence.status/1",
            "on": "2021-08-01",
            "rulebook": "ecei-2019",
            "editions": [
                {"id": "ecei-2010", "effective_from": "2010-11-01"},
                {"id": "ecei-2019", "effective_from": "2019-11-15"},
            ],
            "retroactive": False,
            "clusters": [
                {
                    "id": "qoot",
                    "name": "Qoot Cluster",
                    "highest_valid_tier": None,
                    "labels": [
                        {
                            "tier": "bronze",
                            "status": "expired_renewable",
                            "valid_from": "2019-07-25",
                            "valid_until": "2021-07-31",
                            "renewable_until": "2022-07-31",
                            "basis": "assessments",
                            "source": None,
                        }
                    ],
                    "disagreements": [],
                }
            ],
        }

    @pytest.mark.parametrize(
        ("day", "status", "highest"),
        [
            ("2019-07-24", None, None),
            ("2019-07-25", "valid", "bronze"),
            ("2021-07-31", "valid", "bronze"),
            ("2021-08-01", "expired_renewable", None),
            ("2022-07-31", "expired_renewable", None),
            ("2022-08-01", "lapsed", None),
        ],
    )
    def test_every_boundary(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        day: str,
        status: str | None,
        highest: str | None,
    ) -> None:
        (cluster,) = qoot_on(capsys, write(tmp_path, QOOT), day)["clusters"]
        assert cluster["highest_valid_tier"] == highest
        assert [label["status"] for label in cluster["labels"]] == ([status] if status else [])

    def test_exact_day_anchor(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        document = qoot_on(capsys, write(tmp_path, QOOT), "2021-07-26", "--anchor", "exact-day")
        assert document["rulebook"] == "ecei-2019[anchor=exact-day]"
        (label,) = document["clusters"][0]["labels"]
        assert (label["valid_until"], label["renewable_until"], label["status"]) == (
            "2021-07-25",
            "2022-07-25",
            "expired_renewable",
        )

    def test_extension_base_and_retroactive(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        hemp = {
            "format": "cluster-excellence.portfolio/1",
            "clusters": [
                {
                    "id": "hemp",
                    "name": "Hemp Cluster",
                    "assessments": [
                        {"type": "benchmarking", "date": day}
                        for day in ("2021-11-01", "2017-10-01", "2019-11-01")
                    ],
                }
            ],
        }
        path = write(tmp_path, hemp)
        default = qoot_on(capsys, path, "2024-12-01")["clusters"][0]["labels"][0]
        assert (default["valid_until"], default["status"]) == ("2025-10-31", "valid")
        by_assessment = qoot_on(capsys, path, "2024-12-01", "--extension-base", "assessment")[
            "clusters"
        ][0]["labels"][0]
        assert (by_assessment["valid_until"], by_assessment["status"]) == (
            "2024-11-30",
            "expired_renewable",
        )
        as_of = qoot_on(capsys, path, "2019-10-31")
        retro = qoot_on(capsys, path, "2019-11-15", "--retroactive")
        assert as_of["clusters"][0]["labels"][0]["valid_until"] == "2019-10-31"
        assert retro["retroactive"] is True
        assert retro["clusters"][0]["labels"][0]["valid_until"] == "2025-10-31"

    def test_the_sample_runs_without_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "status", "--format", "json", "--on", "2021-08-01")
        assert (code, err) == (0, "")
        document = json.loads(out)
        assert document["clusters"][0]["id"] == "qoot"
        assert len(document["clusters"]) == 16

    def test_the_sample_records_on_2021_08_01(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "status", "--on", "2021-08-01", "--format", "json")
        assert code == 0
        clusters = {c["id"]: c for c in json.loads(out)["clusters"]}
        expected = {
            "qoot": ("bronze", "expired_renewable", "2019-07-25", "2021-07-31", "2022-07-31"),
            "nordland-2016": ("bronze", "lapsed", "2016-09-01", "2018-09-30", "2019-09-30"),
            "hemp-sk": ("bronze", "valid", "2017-10-01", "2022-10-31", "2023-10-31"),
            "basque-energy": ("gold", "lapsed", "2017-11-17", "2019-11-30", "2020-11-30"),
            "example-ocean": (
                "gold",
                "expired_renewable",
                "2015-06-10",
                "2021-06-30",
                "2022-06-30",
            ),
        }
        for cluster_id, (tier, status, start, until, renewable) in expected.items():
            (label,) = clusters[cluster_id]["labels"]
            assert (label["tier"], label["status"], label["valid_from"]) == (tier, status, start)
            assert (label["valid_until"], label["renewable_until"]) == (until, renewable)
        assert clusters["hemp-sk"]["highest_valid_tier"] == "bronze"
        assert clusters["example-leap"]["labels"] == []

    def test_standard_input(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        stdin = io.TextIOWrapper(io.BytesIO(json.dumps(QOOT).encode()))
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, _ = run(capsys, "status", "-", "--on", "2020-01-01", "--format", "json")
        assert code == 0
        assert json.loads(out)["clusters"][0]["highest_valid_tier"] == "bronze"


class TestTableAndCsv:
    def test_the_table_fits_80_columns(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        long = json.loads(json.dumps(QOOT))
        long["clusters"][0]["id"] = "a-very-long-cluster-identifier-that-does-not-fit"
        code, out, _ = run(capsys, "status", write(tmp_path, long), "--on", "2021-08-01")
        assert code == 0
        assert max(len(line) for line in out.splitlines()) <= 80
        assert "a-very-long-cluster-identifier-that-does-not-fit (Qoot Cluster): no" in out
        assert "  Bronze  expired, renewable  2019-07-25  2021-07-31   2022-07-31" in out

    def test_the_sample_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "status", "--on", "2026-11-20", "--anchor", "exact-day")
        assert code == 0
        lines = out.splitlines()
        assert lines[:3] == [
            "Label status on 2026-11-20, as of the day",
            "Rulebook: ecei-2019[anchor=exact-day] (from 2019-11-15), before it",
            "  ecei-2010[anchor=exact-day] (from 2010-11-01)",
        ]
        assert max(len(line) for line in lines) <= 80
        assert (
            "example-none (Example Not Awarded Cluster): no valid label\n          no label" in out
        )
        assert (
            "example-leap (Example Leap Day Cluster): highest valid tier Gold\n"
            "  Gold    valid               2024-02-29  2028-02-29   2029-02-28" in out
        )

    def test_csv_has_one_row_per_cluster_and_tier(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        document = json.loads(json.dumps(QOOT))
        document["clusters"][0]["name"] = '=HYPERLINK("x")'
        document["clusters"][0]["assessments"].append(
            {"type": "gold_audit", "date": "2020-01-10", "score": 81}
        )
        document["clusters"].append({"id": "none", "name": "No label", "assessments": []})
        code, out, _ = run(
            capsys, "status", write(tmp_path, document), "--on", "2021-08-01", "--format", "csv"
        )
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [
            (r["cluster_id"], r["tier"], r["status"], r["highest_valid_tier"]) for r in rows
        ] == [
            ("qoot", "bronze", "expired_renewable", "gold"),
            ("qoot", "gold", "valid", "gold"),
            ("none", "", "no_label", ""),
        ]
        assert rows[0]["cluster_name"] == '\'=HYPERLINK("x")'
        assert rows[0]["on"] == "2021-08-01"
        assert out.endswith("\r\n")


class TestBadInput:
    """Exit status 2, nothing on stdout, one message naming the file and each path."""

    def test_problems_in_the_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bad = json.loads(json.dumps(QOOT))
        bad["clusters"][0]["assessments"][0]["date"] = "2019-02-30"
        bad["clusters"].append(bad["clusters"][0])
        path = write(tmp_path, bad)
        code, out, err = run(capsys, "status", path, "--format", "json")
        assert (code, out) == (2, "")
        assert err == (
            f"cluster-excellence status: {path}: 3 problems\n"
            "  clusters[0].assessments[0].date: 2019-02-30 is not a valid date\n"
            "  clusters[1].assessments[0].date: 2019-02-30 is not a valid date\n"
            '  clusters[1].id: "qoot" is already the id of clusters[0]\n'
        )

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("", "the file is empty"),
            ('{"format": NaN}', "format: NaN is not a supported format"),
            ("[" * 50_000, "not usable JSON: nested too deeply"),
            (b"\xff\xfe{}", "the file is not UTF-8 text"),
        ],
    )
    def test_unusable_files(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | bytes, message: str
    ) -> None:
        path = tmp_path / "bad.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        code, out, err = run(capsys, "status", str(path))
        assert (code, out) == (2, "")
        assert err.startswith(f"cluster-excellence status: {path}")
        assert message in err
        assert "Traceback" not in err

    def test_a_missing_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, out, err = run(capsys, "status", str(tmp_path / "missing.json"))
        assert (code, out) == (2, "")
        assert "missing.json: cannot read the file: No such file or directory" in err

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["status", "--on", "2021-02-30"], '"2021-02-30": February 2021 has no day 30'),
            (["status", "--on", "2026-13-01"], '"2026-13-01": there is no month 13'),
            (["status", "--on", "2021-08-01T00:00"], "is not a date in YYYY-MM-DD form"),
            (
                ["status", "--format", "xml"],
                'argument --format: "xml" is not one of table, json, csv, xlsx, md, html',
            ),
            (
                ["status", "--anchor", "first-day"],
                'argument --anchor: "first-day" is not one of month-end, exact-day',
            ),
            ([], "the following arguments are required: COMMAND"),
        ],
    )
    def test_usage(self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert message in err

    def test_dates_past_the_calendar(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        far = json.loads(json.dumps(QOOT))
        far["clusters"][0]["assessments"][0]["date"] = "9998-12-01"
        path = write(tmp_path, far)
        code, out, err = run(capsys, "status", path, "--on", "9999-01-01")
        assert (code, out) == (2, "")
        assert err == (
            f"cluster-excellence status: {path}: clusters[0].assessments[0].date: 9998-12-01 "
            "is after 9979-12-31, the latest day accepted: terms and renewal windows counted "
            "from it could run past 9999-12-31, the end of the calendar\n"
        )


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "cluster_excellence"],
        [str(Path(sys.executable).with_name("cluster-excellence"))],
    ],
    ids=["python -m", "console script"],
)
def test_the_installed_entry_points(command: list[str]) -> None:
    done = subprocess.run(
        [*command, "status", "--on", "2021-08-01", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["on"] == "2021-08-01"
    bad = subprocess.run(
        [*command, "status", "--on", "yesterday"], capture_output=True, text=True, check=False
    )
    assert (bad.returncode, bad.stdout) == (2, "")
    assert "Traceback" not in bad.stderr


class TestCommandRefusals:
    def test_a_timeline_too_tall_for_a_picture(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        many = {
            "format": "cluster-excellence.portfolio/1",
            "clusters": [
                {
                    "id": f"c{n}",
                    "name": "C",
                    "assessments": [{"type": "benchmarking", "date": "2020-01-01"}],
                }
                for n in range(301)
            ],
        }
        picture = tmp_path / "t.png"
        code, out, err = run(capsys, "timeline", write(tmp_path, many), "-o", str(picture))
        assert (code, out) == (2, "")
        assert "301 rows are too many for one picture (at most 300)" in err
        assert not picture.exists()

    def test_a_listing_cannot_join_two_namesakes(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        twins = {
            "format": "cluster-excellence.portfolio/1",
            "clusters": [
                {"id": "a", "name": "Qoot Cluster", "assessments": []},
                {"id": "b", "name": "QOOT  cluster", "assessments": []},
            ],
        }
        into = write(tmp_path, twins)
        listing = tmp_path / "listing.txt"
        listing.write_text("Qoot Cluster | ICT | | 2021/07/25\n", encoding="utf-8")
        code, out, err = run(
            capsys, "import-listing", str(listing), "--tier", "bronze", "--into", into
        )
        assert (code, out) == (2, "")
        assert f"{into}: two clusters named 'QOOT  cluster' ('a' and 'b')" in err


class TestTerminalWidth:
    """Text tables take the terminal's width (COLUMNS, as a shell sets it) and wrap long
    cells onto further lines instead of cutting them."""

    def test_a_wide_terminal_keeps_a_finding_on_one_line(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        argv = ["eligibility", "--tier", "gold", "--on", "2026-11-20"]
        monkeypatch.setenv("COLUMNS", "160")
        assert main(argv) == 0
        wide = capsys.readouterr().out
        monkeypatch.setenv("COLUMNS", "60")
        assert main(argv) == 0
        narrow = capsys.readouterr().out
        assert max(len(line) for line in wide.splitlines()) > 80
        assert max(len(line) for line in narrow.splitlines()) <= 60
        assert len(narrow.splitlines()) > len(wide.splitlines())
        flat = " ".join(narrow.split())
        for finding in portfolio_eligibility(sample_portfolio(), "gold", "2026-11-20").to_records():
            assert " ".join(finding["message"].split()) in flat  # wrapped, never cut

    def test_help_is_wrapped_to_the_terminal_and_keeps_its_examples(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("COLUMNS", "60")
        assert main(["report", "--help"]) == 0
        out = capsys.readouterr().out
        head, examples = out.split("\nexamples:\n")
        described = head.split("\n\n", 1)[1]  # after the usage, which argparse lays out
        assert max(len(line) for line in described.splitlines()) <= 60
        assert (
            "  cluster-excellence report portfolio.json --programme de-go-cluster -o report.html"
            in (examples)
        )
