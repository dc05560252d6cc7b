"""What the value types refuse, with messages that name the field (the same rules as
the readers')."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from cluster_excellence import (
    Benchmark,
    Cluster,
    GoldAudit,
    Label,
    Organisation,
    Portfolio,
    SilverAudit,
    StatedLabel,
    Tier,
)
from cluster_excellence.model.assessments import ImprovementArea

D = dt.date(2020, 1, 1)


#: Values of the wrong type, as a caller without a type checker passes them.
TEXT: Any = "2020-01-01"
HALF: Any = 1.5


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ImprovementArea([]), "indicators: must be a list of indicator codes"),
        (lambda: ImprovementArea(["B\n1"]), "holds a code that contains a line break"),
        (lambda: ImprovementArea(["B-1"], description=" "), "description: must not be blank"),
        (lambda: SilverAudit(D, passed=True, improvement_areas=[TEXT]), "ImprovementArea values"),
        (lambda: GoldAudit(D, score=90.0, audit_days=0), "audit_days: 0 must be a number above 0"),
        (lambda: GoldAudit(D, score=90.0, experts=HALF), "experts: 1.5 must be a whole number"),
        (lambda: GoldAudit(D, score=90.0, experts=True), "experts: must be a number, not true"),
        (lambda: Organisation(member_types=("business", "x")), 'member_types: "x" is not one of'),
        (lambda: Organisation(member_types=("public", "public")), "lists a member type twice"),
        (lambda: Organisation(management_fte=-0.5), "management_fte: -0.5 must be a number of 0"),
        (lambda: Organisation(committed_members=HALF), "committed_members: 1.5 must be a whole"),
        (lambda: Organisation(programme_recognition="a\tb"), "contains the control character"),
        (lambda: Cluster("c", "C", [TEXT]), "assessments must be assessments, not str"),
        (lambda: Cluster("c", "C", [None]), "assessments must be assessments, not NoneType"),  # type: ignore[list-item]
        (lambda: Cluster("c", "C", [], stated_labels=[TEXT]), "must be StatedLabel values"),
        (lambda: Cluster("c", "C", [], country="UK"), "(the United Kingdom is GB)"),
        (lambda: Cluster("c", "C", [], note="\x00"), "note: contains the control character"),
        (lambda: Portfolio([TEXT]), "clusters must be Cluster values, not str"),
        (
            lambda: Cluster(
                "c", "C", [], stated_labels=[StatedLabel(Tier.GOLD, D), StatedLabel(Tier.GOLD, D)]
            ),
            "stated_labels[1]: a second stated gold label valid until 2020-01-01",
        ),
    ],
)
def test_refused_with_the_field_named(make: Any, message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=re.escape(message)):
        make()


def test_free_text_may_hold_new_lines_and_tabs() -> None:
    cluster = Cluster("c", "C", [Benchmark(D, note="line one\n\tline two")])
    assert cluster.assessments[0].note == "line one\n\tline two"


def test_a_computed_label_may_end_anywhere_in_the_calendar() -> None:
    """Results may hold any day: only recorded days keep away from the calendar's ends."""
    label = Label(Tier.GOLD, D, dt.date.max, dt.date.max, (GoldAudit(D, score=90.0),), "r", D, 24)
    assert label.valid_until == dt.date.max
    with pytest.raises(ValueError, match="needs the assessments that made it"):
        Label(Tier.GOLD, D, D, D, (), "r", D, 24)
    with pytest.raises(ValueError, match="term_months must be a whole number of months above 0"):
        Label(Tier.GOLD, D, D, D, (GoldAudit(D, score=90.0),), "r", D, 0)
