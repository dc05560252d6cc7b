"""The sample portfolio's status over a grid of days, and what people read of it in each
language, match the reviewed snapshots."""

from __future__ import annotations

import pytest

from cluster_excellence._words import LANGUAGES

from .golden.regenerate import SNAPSHOT, language_snapshot, render_language, render_snapshot


def test_the_snapshot_is_current() -> None:
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert render_snapshot() == expected, (
        "the status of the sample changed: run `python tests/golden/regenerate.py` "
        "and review the diff of tests/golden/sample-status.txt"
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_what_people_read_in_each_language_is_current(code: str) -> None:
    expected = language_snapshot(code).read_text(encoding="utf-8")
    assert render_language(code) == expected, (
        f"what people read in {code} changed: run `python tests/golden/regenerate.py` "
        f"and review the diff of tests/golden/sample-{code}.txt"
    )
