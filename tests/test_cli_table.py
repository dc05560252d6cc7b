"""The command line as one table: shared options defined once, given to every command
that applies the rules; every command's help ends with examples."""

from __future__ import annotations

import json

import pytest

from cluster_excellence.cli import COMMANDS, command, main
from cluster_excellence.cli._common import ANCHOR, EXTENSION_BASE, ON, OUTPUT, PINNED, RULEBOOK

RULE_COMMANDS = {
    "status", "gold-score", "eligibility", "plan", "check", "timeline", "compliance",
    "changes", "report", "badge",
}  # fmt: skip


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_help_ends_with_examples(capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    tail = out.rstrip("\n").split("\n\nexamples:\n", 1)[1].splitlines()
    assert 2 <= len(tail) <= 3
    assert all(line.startswith(f"  cluster-excellence {command}") for line in tail)


def test_each_shared_option_is_one_definition() -> None:
    by_command = {c.name: command(c.name).options for c in COMMANDS}
    rules = (RULEBOOK, PINNED, ANCHOR, EXTENSION_BASE)
    for option in rules:
        assert {name for name, options in by_command.items() if option in options} == (
            RULE_COMMANDS
        )
    assert {name for name, options in by_command.items() if ON in options} == {
        "status", "scorecard", "gold-score", "eligibility", "plan", "timeline", "compliance",
        "report", "badge",
    }  # fmt: skip  # changes has --from and --to instead
    assert {name for name, options in by_command.items() if OUTPUT in options} == (
        {c.name for c in COMMANDS} - {"timeline", "report", "convert"}  # --output is required
    )


def test_plan_follows_the_rule_options_as_status_does(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--on", "2020-01-01", "--format", "json", "--anchor", "exact-day"]
    assert main(["status", *argv]) == 0
    status = json.loads(capsys.readouterr().out)
    assert main(["plan", *argv]) == 0
    plans = json.loads(capsys.readouterr().out)
    expiries = {
        (plan["cluster_id"], action["code"].split(".")[0]): action["date"]
        for plan in plans["plans"]
        for action in plan["actions"]
        if action["code"].endswith(".expires")
    }
    labels = {
        (cluster["id"], label["tier"]): label["valid_until"]
        for cluster in status["clusters"]
        for label in cluster["labels"]
        if label["valid_until"] >= "2020-01-01"
    }
    assert expiries == labels
    assert expiries[("qoot", "bronze")] == "2021-07-25"  # exact day, not the month's end
    assert plans["plans"][0]["rulebook"] == "ecei-2019[anchor=exact-day]"


@pytest.mark.parametrize(
    "argv",
    [
        ["eligibility", "--tier", "gold", "--extension-base", "assessment"],
        ["check", "--anchor", "exact-day"],
        ["gold-score", "--rulebook", "ecei-2019", "--anchor", "exact-day"],
    ],
)
def test_the_rule_options_name_the_rulebook_in_the_result(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main([*argv, "--format", "json"]) in (0, 1)
    document = capsys.readouterr().out
    variant = "extension_base=assessment" if "--extension-base" in argv else "anchor=exact-day"
    assert f"ecei-2019[{variant}]" in document


def test_the_command_line_knows_the_table_reader_s_extensions() -> None:
    from cluster_excellence.cli._common import TABLE_SUFFIXES
    from cluster_excellence.files import table

    assert TABLE_SUFFIXES == table.TABLE_SUFFIXES
