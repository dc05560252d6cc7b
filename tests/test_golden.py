"""The sample portfolio's status over a grid of days matches the reviewed snapshot."""

from __future__ import annotations

from .golden.regenerate import SNAPSHOT, render


def test_the_snapshot_is_current() -> None:
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert render() == expected, (
        "the status of the sample changed: run `python tests/golden/regenerate.py` "
        "and review the diff of tests/golden/sample-status.txt"
    )
