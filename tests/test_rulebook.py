"""Rulebooks: parameters of Decisions 1-5, presets and variants (Decision 8)."""

from __future__ import annotations

import datetime as dt
import pydoc
from typing import Any

import attrs
import pytest

from cluster_excellence import DEFAULT_RULEBOOK, Rulebook, Tier, cluster_status, get_rulebook
from cluster_excellence.model.rulebooks import (
    Anchor,
    Criteria,
    ExtensionBase,
    GoldRules,
    IntervalLimit,
    SilverRules,
    TierMonths,
)

ECEI_2010 = get_rulebook("ecei-2010")


def test_ecei_2019_holds_the_published_terms_and_our_default_decisions() -> None:
    assert DEFAULT_RULEBOOK.id == "ecei-2019"
    assert DEFAULT_RULEBOOK.effective_from == dt.date(2019, 11, 15)
    assert DEFAULT_RULEBOOK.anchor is Anchor.MONTH_END
    assert DEFAULT_RULEBOOK.first_term_months == 24
    assert DEFAULT_RULEBOOK.renewal_term_months == TierMonths(bronze=36, silver=36, gold=24)
    assert DEFAULT_RULEBOOK.renewal_window_months == 12
    assert DEFAULT_RULEBOOK.extension_base is ExtensionBase.PREVIOUS_EXPIRY
    assert DEFAULT_RULEBOOK.gold_pass_score == 80.0
    assert any("cluster-analysis.org" in source for source in DEFAULT_RULEBOOK.sources)


def test_a_variant_names_its_changes_in_its_id() -> None:
    variant = DEFAULT_RULEBOOK.variant(
        anchor=Anchor.EXACT_DAY, extension_base=ExtensionBase.ASSESSMENT
    )
    assert variant.id == "ecei-2019[anchor=exact-day,extension_base=assessment]"
    assert variant.anchor is Anchor.EXACT_DAY
    assert variant.first_term_months == DEFAULT_RULEBOOK.first_term_months


def test_a_variant_can_be_given_its_own_id() -> None:
    bw = DEFAULT_RULEBOOK.variant(id="bw", renewal_term_months=TierMonths(24, 24, 24))
    assert bw.id == "bw"
    assert bw.renewal_term_months[Tier.BRONZE] == 24


def test_a_variant_without_changes_is_the_rulebook_itself() -> None:
    assert DEFAULT_RULEBOOK.variant(anchor=Anchor.MONTH_END) is DEFAULT_RULEBOOK


def test_a_variant_with_an_unknown_parameter_is_refused() -> None:
    with pytest.raises(TypeError, match="no parameter anchr"):
        DEFAULT_RULEBOOK.variant(anchr=Anchor.EXACT_DAY)


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
        ("sources", ("a", "\x1b[2J"), "sources: holds a text that contains the control character"),
    ],
)
def test_bad_parameters_are_refused(field: str, value: Any, message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=message):
        attrs.evolve(DEFAULT_RULEBOOK, **{field: value})


def test_the_renewal_window_must_not_outlast_a_renewal_term() -> None:
    """Otherwise a renewal late in the window would end before it was awarded."""
    with pytest.raises(
        ValueError,
        match=r"renewal_window_months \(13\) must not exceed the shortest renewal term \(12\)",
    ):
        DEFAULT_RULEBOOK.variant(
            renewal_term_months=TierMonths(36, 36, 12), renewal_window_months=13
        )
    assert DEFAULT_RULEBOOK.variant(renewal_window_months=24).renewal_window_months == 24


def test_tier_months_refuse_non_positive_terms() -> None:
    with pytest.raises(ValueError, match="gold must be a whole number of months from 1 to 120"):
        TierMonths(bronze=36, silver=36, gold=0)


def test_presets_are_found_by_id_and_unknown_ids_are_named() -> None:
    assert get_rulebook("ecei-2019") is DEFAULT_RULEBOOK
    with pytest.raises(KeyError, match="unknown rulebook 'x'"):
        get_rulebook("x")


def test_rulebooks_are_hashable_values() -> None:
    copy = Rulebook(
        id="ecei-2019",
        title=DEFAULT_RULEBOOK.title,
        effective_from=DEFAULT_RULEBOOK.effective_from,
        sources=list(DEFAULT_RULEBOOK.sources),
        previous=ECEI_2010,
        parameter_sources=dict(DEFAULT_RULEBOOK.parameter_sources),
    )
    assert copy == DEFAULT_RULEBOOK
    assert hash(copy) == hash(DEFAULT_RULEBOOK)
    assert copy != attrs.evolve(copy, previous=None)


def test_the_repr_is_the_id_so_that_signatures_stay_short() -> None:
    """The repr leaves out the parameters, the earlier editions and the sources, which are
    long: a signature with the default rulebook as a default fits on a line or two."""
    assert repr(DEFAULT_RULEBOOK) == "Rulebook('ecei-2019')"
    assert repr(DEFAULT_RULEBOOK.pinned()) == "Rulebook('ecei-2019[pinned]')"
    assert repr(ECEI_2010) == "Rulebook('ecei-2010')"
    # Python 3.13's pydoc puts a long signature one parameter a line
    lines = pydoc.plain(pydoc.render_doc(cluster_status)).splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("cluster_status("))
    end = next(n for n, line in enumerate(lines) if n >= start and ") ->" in line)
    signature = " ".join(line.strip() for line in lines[start : end + 1])
    assert "rulebook: 'Rulebook | str' = Rulebook('ecei-2019')" in signature
    assert len(signature) < 200
    assert end - start < 8


def test_the_short_repr_leaves_equality_alone() -> None:
    changed = attrs.evolve(DEFAULT_RULEBOOK, first_term_months=36)
    assert repr(changed) == repr(DEFAULT_RULEBOOK)
    assert changed != DEFAULT_RULEBOOK  # equality still compares every field
    assert "previous" not in repr(DEFAULT_RULEBOOK)


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"parameter_sources": {"silver.areas": "x"}}, ValueError,
         'parameter_sources: "silver.areas" is not a parameter of a rulebook'),
        ({"parameter_sources": {"anchor": "a\tb"}}, ValueError,
         "parameter_sources: the source of anchor contains the control character"),
        ({"previous": "ecei-2010"}, TypeError, "previous must be a Rulebook or None, not str"),
        ({"previous": DEFAULT_RULEBOOK}, ValueError,
         "previous (ecei-2019, from 2019-11-15) must take effect before this edition"),
        ({"sources": "https://www.cluster-analysis.org"}, ValueError,
         'sources: must be a list of texts, not "https://www.cluster-analysis.org"'),
        ({"effective_from": dt.date(9999, 1, 1)}, ValueError,
         "effective_from: 9999-01-01 is after 9979-12-31"),
    ],
)  # fmt: skip
def test_a_rulebook_says_what_is_wrong(
    changes: dict[str, Any], error: type[Exception], message: str
) -> None:
    base = attrs.evolve(DEFAULT_RULEBOOK, previous=None)
    with pytest.raises(error) as caught:
        attrs.evolve(base, **changes)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Criteria(min_management_fte=-0.5),
         "min_management_fte must be a number of 0 or more, not -0.5"),
        (lambda: Criteria(min_committed_members=15.0),  # type: ignore[arg-type]
         "min_committed_members must be a whole number of 0 or more, not 15.0"),
        (lambda: GoldRules(first_audit_days=0), "first_audit_days must be a number above 0, not 0"),
        (lambda: SilverRules(min_interval_months=20, max_interval_months=19),
         "max_interval_months (19) must not be below min_interval_months (20)"),
        (lambda: SilverRules(max_interval="bar"),  # type: ignore[arg-type]
         'max_interval must be one of IntervalLimit.KNOCK_OUT, IntervalLimit.REMARK, not "bar"'),
        (lambda: Rulebook("x", "X", dt.date(2020, 1, 1), (), renewal_term_months=36),  # type: ignore[arg-type]
         "renewal_term_months must be a TierMonths, not 36"),
    ],
)  # fmt: skip
def test_groups_of_parameters_say_what_is_wrong(make: Any, message: str) -> None:
    with pytest.raises((TypeError, ValueError)) as caught:
        make()
    assert str(caught.value).startswith(message)


def test_a_rulebook_holds_at_most_100_editions() -> None:
    book = None
    for year in range(1900, 2000):
        book = Rulebook(f"e{year}", "E", dt.date(year, 1, 1), (), previous=book)
    assert book is not None
    assert len(book.editions()) == 100
    with pytest.raises(ValueError, match="a rulebook holds at most 100 editions"):
        Rulebook("one-more", "E", dt.date(2001, 1, 1), (), previous=book)


def test_a_variant_may_set_the_sources_and_the_edition_before() -> None:
    alone = DEFAULT_RULEBOOK.variant(previous=None)
    assert (alone.id, alone.editions()) == ("ecei-2019", (alone,))
    sourced = DEFAULT_RULEBOOK.variant(parameter_sources={"anchor": "our own reading"})
    assert sourced.source_of("anchor") == "our own reading"
    assert sourced.source_of("gold_pass_score") == "not stated"
    with pytest.raises(TypeError, match="Rulebook has no parameter colour"):
        DEFAULT_RULEBOOK.variant(colour="gold")


def test_tier_months_by_tier() -> None:
    months = TierMonths(bronze=36, silver=30, gold=24)
    assert [months[tier] for tier in Tier] == [36, 30, 24]
    with pytest.raises(KeyError):
        months["platinum"]  # type: ignore[index]


def test_an_enumeration_is_given_by_its_member() -> None:
    with pytest.raises(
        TypeError, match=r"anchor must be one of Anchor\.MONTH_END, Anchor\.EXACT_DAY"
    ):
        DEFAULT_RULEBOOK.variant(anchor="exact-day")
    assert SilverRules(max_interval=IntervalLimit.KNOCK_OUT).max_interval is IntervalLimit.KNOCK_OUT
