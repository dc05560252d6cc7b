"""Hostile and odd input: every reader refuses it with a short, precise message.

Each case ends with exit status 2, a message on standard error that names
the file and the path of the problem, nothing on standard output, and no
traceback, for every command that reads a portfolio.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from cluster_excellence import cli
from cluster_excellence.cli import (
    _common,  # noqa: F401 - patched below
    main,
)
from cluster_excellence.errors import MAX_PROBLEMS

FORMAT = "cluster-excellence.portfolio/1"

#: Every command that reads a portfolio, with the options it needs.
READERS = {
    "status": [],
    "eligibility": ["--tier", "silver"],
    "plan": [],
    "check": [],
    "gold-score": [],
    "scorecard": [],
    "timeline": ["--output", "picture.png"],
    "compliance": ["--programme", "no-gce"],
}


def portfolio(**cluster: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "qoot", "name": "Qoot Cluster", "assessments": []}
    return {"format": FORMAT, "clusters": [{**base, **cluster}]}


def write(tmp_path: Path, document: Any, name: str = "p.json") -> str:
    path = tmp_path / name
    if isinstance(document, bytes):
        path.write_bytes(document)
    else:
        text = document if isinstance(document, str) else json.dumps(document)
        path.write_text(text, encoding="utf-8")
    return str(path)


def refused(capsys: pytest.CaptureFixture[str], command: str, path: str, *more: str) -> str:
    """Run ``command`` on ``path``; it must end with exit status 2 and no output."""
    code = main([command, path, *READERS[command], *more])
    out, err = capsys.readouterr()
    assert (code, out) == (2, ""), err
    assert "Traceback" not in err
    assert err.startswith(f"cluster-excellence {command}: {path}")
    return err


HOSTILE = {
    "a line break in an id": (
        portfolio(id="a\nqoot    bronze*  valid"),
        "clusters[0].id: contains a line break (\\n) at position 1",
    ),
    "a terminal escape in a name": (
        portfolio(name="Qoot\x1b[31m red"),
        "clusters[0].name: contains the control character \\x1b at position 4",
    ),
    "a bare carriage return in a name": (
        portfolio(name="Qoot\rBEGIN:VEVENT"),
        "clusters[0].name: contains a line break (\\r) at position 4",
    ),
    "a lone surrogate in an id": (
        '{"format": "' + FORMAT + '", "clusters": [{"id": "q\\ud800", "name": "Q", '
        '"assessments": []}]}',
        "clusters[0].id: contains a lone surrogate (\\ud800) at position 1",
    ),
    "a line separator in a source": (
        portfolio(
            stated_labels=[{"tier": "gold", "valid_until": "2013-02-23", "source": "a\u2028b"}]
        ),
        "clusters[0].stated_labels[0].source: contains a line break (\\u2028)",
    ),
    "an integer no float can hold": (
        portfolio(assessments=[{"type": "gold_audit", "date": "2020-01-01", "score": 10**400}]),
        "clusters[0].assessments[0].score: an integer of 401 digits is too large for a number",
    ),
    "an integer Python will not read": (
        '{"format": "' + FORMAT + '", "clusters": [{"id": "q", "name": "Q", "assessments": '
        '[{"type": "gold_audit", "date": "2020-01-01", "score": ' + "9" * 5000 + "}]}]}",
        "not usable JSON: a number has too many digits to be read",
    ),
    "an indicator value no float can hold": (
        portfolio(
            assessments=[
                {
                    "type": "benchmarking",
                    "date": "2020-01-01",
                    "indicators": {"B-MAN-01": -(10**309)},
                }
            ]
        ),
        'indicators["B-MAN-01"]: an integer of 310 digits is too large for a number',
    ),
    "a member count no float can hold": (
        portfolio(organisation={"committed_members": 10**310}),
        "clusters[0].organisation.committed_members: an integer of 311 digits is too large",
    ),
    "the last day of the calendar": (
        portfolio(assessments=[{"type": "benchmarking", "date": "9999-12-31"}]),
        "clusters[0].assessments[0].date: 9999-12-31 is after 9979-12-31, the latest day accepted",
    ),
    "the first day of the calendar": (
        portfolio(stated_labels=[{"tier": "gold", "valid_until": "0001-01-01"}]),
        "clusters[0].stated_labels[0].valid_until: 0001-01-01 is before 0011-01-01",
    ),
    "a renewal chain that would run past the calendar": (
        portfolio(
            assessments=[{"type": "benchmarking", "date": f"{9970 + n}-01-01"} for n in range(5)]
        ),
        "clusters[0].assessments[4].date: 9974-01-01 with 5 benchmarking record(s) up to it",
    ),
}


@pytest.mark.parametrize("command", sorted(READERS))
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_every_command_refuses_it(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    case: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    document, message = HOSTILE[case]
    err = refused(capsys, command, write(tmp_path, document))
    assert message in err
    assert len(err) < 600
    assert not (tmp_path / "picture.png").exists()


EDGES = ("0001-01-01", "0011-01-01", "2019-07-25", "9979-12-31", "9999-12-31")


@pytest.mark.parametrize("command", sorted(READERS))
@pytest.mark.parametrize("on", EDGES)
def test_dates_at_the_edges_are_answered_on_any_day(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    on: str,
) -> None:
    """The earliest and latest days a file may hold, asked about on the calendar's ends."""
    monkeypatch.chdir(tmp_path)
    document = portfolio(
        assessments=[
            {"type": "benchmarking", "date": "0011-01-01"},
            {"type": "gold_audit", "date": "9979-12-31", "score": 90.0},
        ],
        stated_labels=[{"tier": "silver", "valid_until": "0011-01-01"}],
    )
    document["clusters"].append(
        {"id": "late", "name": "Late", "assessments": [], "stated_labels": [
            {"tier": "bronze", "valid_until": "9979-12-31"}]}
    )  # fmt: skip
    path = write(tmp_path, document)
    options = [] if command == "check" else ["--on", on]
    code = main([command, path, *READERS[command], *options])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert "Traceback" not in err
    if command != "timeline":
        assert out


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "ics"])
def test_plans_reach_the_last_day_of_the_calendar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    document = portfolio(assessments=[{"type": "benchmarking", "date": "9979-12-31"}])
    path = write(tmp_path, document)
    assert main(["plan", path, "--on", "9999-12-31", "--format", fmt, "--within", "999"]) == 0
    out = capsys.readouterr().out
    assert "9999-12-31" in out or "99991231" in out


def test_many_problems_make_a_short_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = {
        "format": FORMAT,
        "clusters": [{"id": f"c{n}", "name": "", "assessments": []} for n in range(1000)],
    }
    err = refused(capsys, "status", write(tmp_path, document))
    lines = err.splitlines()
    assert lines[0].endswith(": 1000 problems")
    assert len(lines) == 1 + MAX_PROBLEMS + 1
    assert lines[-1] == f"  ... and {1000 - MAX_PROBLEMS} more problems"


def test_a_huge_key_is_shortened_and_gets_no_suggestion_search(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    key = "assessmentz" + "x" * 5_000_000
    document = portfolio(**{key: 1})
    err = refused(capsys, "status", write(tmp_path, document))
    assert len(err) < 600
    assert f'clusters[0]["{key[:39]}..." (5000011 characters)]: unknown key' in err


def test_a_huge_value_is_shortened(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    document = portfolio(country="D" * 1_000_000)
    err = refused(capsys, "status", write(tmp_path, document))
    assert len(err) < 400
    assert "(1000000 characters) is not an ISO 3166-1 alpha-2 country code" in err


def test_standard_input_has_the_size_limit_of_files(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli._common, "DEFAULT_MAX_BYTES", 100)
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(portfolio(note="x" * 200)).encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["status", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "cluster-excellence status: <stdin>: standard input is larger than 100 bytes (max_bytes)\n"
    )


class TestCatalogues:
    def catalogue(self, **indicator: Any) -> dict[str, Any]:
        return {
            "format": "cluster-excellence.catalogue/1",
            "id": "c",
            "version": "1",
            "title": "T",
            "purpose": "gold",
            "areas": [{"code": "s", "name": "S", "source": "x", "provenance": "published"}],
            "indicators": [
                {
                    "code": "G-1",
                    "name": "Members",
                    "area": "s",
                    "kind": "count",
                    "direction": "higher",
                    "gold_threshold": 10,
                    "points": 5,
                    "source": "x",
                    "provenance": "illustrative",
                    **indicator,
                }
            ],
        }

    @pytest.mark.parametrize(
        ("indicator", "message"),
        [
            ({"name": "Mem\x1bbers"}, "indicators[0].name: contains the control character \\x1b"),
            ({"unit": "a\nb"}, "indicators[0].unit: contains a line break"),
            ({"gold_threshold": 10**400}, "an integer of 401 digits is too large for a number"),
            ({"points": 10**400}, "indicators[0].points: must be a whole number above 0"),
        ],
    )
    @pytest.mark.parametrize("command", ["gold-score", "eligibility", "plan", "check"])
    def test_are_refused_with_their_path(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        indicator: dict[str, Any],
        message: str,
        command: str,
    ) -> None:
        path = write(tmp_path, self.catalogue(**indicator), "catalogue.json")
        extra = ["--tier", "gold"] if command == "eligibility" else []
        code = main([command, "--catalogue", path, *extra])
        out, err = capsys.readouterr()
        assert (code, out) == (2, "")
        assert err.startswith(f"cluster-excellence {command}: {path}: ")
        assert message in err


class TestListings:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"Qoot\x1b[2J | ICT | | 2021/07/25\n", "line 1, Name: contains the control character"),
            (b"Qoot | I\x00CT | | 2021/07/25\n", "line 1, Comparative portfolio: contains"),
            (b"Qoot | ICT | \xed\xa0\x80 | 2021/07/25\n", "is not UTF-8 text"),
            (b"Qoot | ICT | | 9999/12/31\n", "9999-12-31 is after 9979-12-31"),
            (b"Qoot\x0bCluster | ICT | | 2021/07/25\n", "line 1, Name: contains a line break"),
        ],
    )
    def test_are_refused_with_their_line(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
    ) -> None:
        path = write(tmp_path, content, "listing.txt")
        code = main(["import-listing", path, "--tier", "gold"])
        out, err = capsys.readouterr()
        assert (code, out) == (2, "")
        assert err.startswith(f"cluster-excellence import-listing: {path}: ")
        assert message in err

    def test_a_source_must_be_single_line_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["import-listing", "-", "--tier", "gold", "--source", "a\x1bb"]) == 2
        assert "contains the control character \\x1b" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--on", "x" * 100_000],
        ["plan", "--within", "9" * 5000],
        ["status", "--format", "\x1b[2J" * 1000],
        ["import-listing", "-", "--tier", "gold", "--source", "\x07\u202e" * 1000],
        ["status", *(["--x\x1b[31m"] * 1000)],
    ],
)
def test_command_line_arguments_are_quoted_short_and_escaped(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    message = err.splitlines()[-1]
    assert message.startswith(f"cluster-excellence {argv[0]}: error: argument ") or (
        "unrecognized arguments" in message
    )
    assert len(message) <= 400
    assert "\x1b" not in err
    assert "\u202e" not in err


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("option", ["scorecard --reference", "import-listing --into"])
def test_every_other_portfolio_argument_refuses_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str, option: str
) -> None:
    document, message = HOSTILE[case]
    path = write(tmp_path, document)
    listing = tmp_path / "listing.txt"
    listing.write_text("Qoot Cluster | ICT | | 2021/07/25\n", encoding="utf-8")
    command, flag = option.split()
    argv = [command, flag, path]
    if command == "import-listing":
        argv = [command, str(listing), "--tier", "bronze", flag, path]
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith(f"cluster-excellence {command}: {path}")
    assert message in err
