"""Rulebooks: parameters of Decisions 1-5, presets and variants (Decision 8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import cluster_excellence
from cluster_excellence import (
    ECEI_2010,
    ECEI_2019,
    Anchor,
    ExtensionBase,
    Rulebook,
    Tier,
    TierMonths,
    get_rulebook,
)


def test_ecei_2019_holds_the_published_terms_and_our_default_decisions() -> None:
    assert ECEI_2019.id == "ecei-2019"
    assert ECEI_2019.effective_from == dt.date(2019, 11, 15)
    assert ECEI_2019.anchor is Anchor.MONTH_END
    assert ECEI_2019.first_term_months == 24
    assert ECEI_2019.renewal_term_months == TierMonths(bronze=36, silver=36, gold=24)
    assert ECEI_2019.renewal_window_months == 12
    assert ECEI_2019.extension_base is ExtensionBase.PREVIOUS_EXPIRY
    assert ECEI_2019.gold_pass_score == 80.0
    assert any("cluster-analysis.org" in source for source in ECEI_2019.sources)


def test_a_variant_names_its_changes_in_its_id() -> None:
    variant = ECEI_2019.variant(anchor=Anchor.EXACT_DAY, extension_base=ExtensionBase.ASSESSMENT)
    assert variant.id == "ecei-2019[anchor=exact-day,extension_base=assessment]"
    assert variant.anchor is Anchor.EXACT_DAY
    assert variant.first_term_months == ECEI_2019.first_term_months


def test_a_variant_can_be_given_its_own_id() -> None:
    bw = ECEI_2019.variant(id="bw", renewal_term_months=TierMonths(24, 24, 24))
    assert bw.id == "bw"
    assert bw.renewal_term_months[Tier.BRONZE] == 24


def test_a_variant_without_changes_is_the_rulebook_itself() -> None:
    assert ECEI_2019.variant(anchor=Anchor.MONTH_END) is ECEI_2019


def test_a_variant_with_an_unknown_parameter_is_refused() -> None:
    with pytest.raises(TypeError, match="no parameter anchr"):
        ECEI_2019.variant(anchr=Anchor.EXACT_DAY)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_term_months", 0, "whole number of months from 1 to 120"),
        ("first_term_months", True, "whole number of months from 1 to 120"),
        ("first_term_months", 24.0, "whole number of months from 1 to 120"),
        ("first_term_months", 121, "whole number of months from 1 to 120, not 121"),
        ("renewal_window_months", -1, "whole number of months from 0 to 120"),
        ("gold_pass_score", 101, "from 0 to 100"),
        ("gold_pass_score", float("nan"), "from 0 to 100"),
        ("effective_from", dt.datetime(2019, 11, 15, 9, 0), "not a datetime"),
        ("id", " ", "id: must not be blank"),
        ("id", "ecei\n2019", "id: contains a line break"),
        ("sources", ("a", "\x1b[2J"), "sources: each contains the control character"),
    ],
)
def test_bad_parameters_are_refused(field: str, value: Any, message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=message):
        attrs.evolve(ECEI_2019, **{field: value})


def test_the_renewal_window_must_not_outlast_a_renewal_term() -> None:
    """Otherwise a renewal late in the window would end before it was awarded."""
    with pytest.raises(
        ValueError,
        match=r"renewal_window_months \(13\) must not exceed the shortest renewal term \(12\)",
    ):
        ECEI_2019.variant(renewal_term_months=TierMonths(36, 36, 12), renewal_window_months=13)
    assert ECEI_2019.variant(renewal_window_months=24).renewal_window_months == 24


def test_tier_months_refuse_non_positive_terms() -> None:
    with pytest.raises(ValueError, match="gold must be a whole number of months from 1 to 120"):
        TierMonths(bronze=36, silver=36, gold=0)


def test_presets_are_found_by_id_and_unknown_ids_are_named() -> None:
    assert get_rulebook("ecei-2019") is ECEI_2019
    with pytest.raises(KeyError, match="unknown rulebook 'x'"):
        get_rulebook("x")


def test_rulebooks_are_hashable_values() -> None:
    copy = Rulebook(
        id="ecei-2019",
        title=ECEI_2019.title,
        effective_from=ECEI_2019.effective_from,
        sources=list(ECEI_2019.sources),
        previous=ECEI_2010,
        parameter_sources=dict(ECEI_2019.parameter_sources),
    )
    assert copy == ECEI_2019
    assert hash(copy) == hash(ECEI_2019)
    assert copy != attrs.evolve(copy, previous=None)


def test_a_single_edition_repr_evaluates_back() -> None:
    """The repr leaves out the earlier editions and the sources, which are long."""
    alone = attrs.evolve(ECEI_2019, previous=None, parameter_sources=())
    names = {
        name: getattr(cluster_excellence, name)
        for name in ("Rulebook", "Anchor", "TierMonths", "ExtensionBase", "Criteria", "SilverRules",
                     "GoldRules", "ScoringRules", "IntervalLimit", "IntervalCounting",
                     "GoldRenewal", "Unrecorded")
    }  # fmt: skip
    assert eval(repr(alone), {"datetime": dt, **names}) == alone
    assert "previous" not in repr(ECEI_2019)
