"""Eligibility: the Eligibility Criteria, and whether records qualify for each tier.

Each function returns an explained :class:`~cluster_excellence.Decision`
(docs: *Eligibility*). Every threshold comes from the rulebook: each
assessment is judged by the edition in force on its date
(:meth:`~cluster_excellence.Rulebook.in_force_on`), and every finding names
that edition and the source of the parameter it applied.

The Eligibility Criteria (https://www.cluster-analysis.org/benchmarked-clusters)
apply to assessments from 15 November 2019 on: the organisation is listed on
the European Cluster Collaboration Platform (ECCP), whose listing rules ask
for a dedicated management team of at least 0.5 FTE, at least 15 clearly
committed members, at least two member types (triple helix; without public
members, visible cooperation with public bodies) and an English website
showing activity. Organisations recognised by a national or regional cluster
programme are exempt.

>>> import datetime as dt
>>> from cluster_excellence import Organisation
>>> from cluster_excellence.rules.eligibility import eligibility_criteria
>>> profile = Organisation(eccp_listed=True, management_fte=2.0, committed_members=12,
...                        member_types=("business", "research"), english_website=True)
>>> decision = eligibility_criteria(profile, dt.date(2024, 3, 1))
>>> decision.outcome.value
'not_eligible'
>>> for finding in decision.findings:
...     print(f"[{finding.mark}] {finding.code}: {finding.message}")
[met] criteria.eccp_listing: listed on the ECCP
[met] criteria.management_fte: management team 2.0 FTE >= 0.5 FTE
[not_met] criteria.committed_members: committed members 12 < 15
[met] criteria.member_types: member types 2 (business, research) >= 2
[met] criteria.english_website: English website showing activity
>>> for finding in eligibility_criteria(profile, dt.date(2017, 3, 28)).findings:
...     print(f"[{finding.mark}] {finding.code}: {finding.message}")
[met] criteria.not_in_force: the Eligibility Criteria do not apply on 2017-03-28 (ecei-2010)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from .._calendar import add_months, month_index
from .._checks import DayLike, as_day, failure
from .._text import show
from .._words import N_, Message
from ..files._spelling import canonical_word, word_problem
from ..files.presets import DEFAULT_RULEBOOK, rulebook_of
from ..model.assessments import Assessment, Benchmark, GoldAudit, SilverAudit
from ..model.catalogues import Catalogue, Provenance, catalogue_of, meets
from ..model.clusters import Cluster, Organisation, Portfolio, portfolio_of
from ..model.rulebooks import (
    GoldRenewal,
    IntervalCounting,
    IntervalLimit,
    Rulebook,
    Unrecorded,
)
from ..model.tiers import Tier
from .awards import awarded_tier
from .decisions import Decision, Finding, PortfolioEligibility, outcome_of
from .gold_points import gold_score
from .labels import known_on, latest_labels

A = TypeVar("A", bound=Assessment)

__all__ = [
    "bronze_eligibility",
    "cluster_eligibility",
    "cluster_gold_baseline",
    "eligibility_criteria",
    "gold_eligibility",
    "portfolio_eligibility",
    "silver_eligibility",
    "tier_of",
]

_CRITERIA = Message("Eligibility Criteria")
_SILVER_PAGE = "https://www.cluster-analysis.org/silver-label"
_GOLD_PAGE = "https://www.cluster-analysis.org/gold-label"
_MINIMUMS = f"{_GOLD_PAGE} (every minimum requirement)"
_ILLUSTRATIVE = (
    "decision (cluster_excellence docs, Eligibility: an illustrative catalogue never "
    "outweighs what an audit recorded)"
)
_UNRECORDED = {Unrecorded.MET: True, Unrecorded.UNDETERMINED: None, Unrecorded.NOT_MET: False}


def _met(reading: Unrecorded) -> bool | None:
    """What an unrecorded fact counts as, by the rulebook's reading."""
    return _UNRECORDED[reading]


def _said(fact: bool | None, yes: Message, no: Message, unknown: Message) -> Message:
    """The words for a recorded yes, a recorded no, or nothing recorded."""
    if fact is None:
        return unknown
    return yes if fact else no


class _Findings:
    """The findings of one decision under one edition, each naming its parameter's source."""

    def __init__(self, edition: Rulebook, rule: Message) -> None:
        self.edition = edition
        self.rule = rule
        self.found: list[Finding] = []

    def add(
        self,
        code: str,
        met: bool | None,
        message: Message,
        parameter: str = "",
        *,
        source: str = "",
        remark: bool = False,
    ) -> None:
        """A finding whose source is that of ``parameter`` in the edition, or ``source``
        for a rule that is no parameter."""
        source = source or self.edition.source_of(parameter)
        self.found.append(
            Finding(code, met, message, self.rule, self.edition.id, source, remark=remark)
        )


def _criteria_findings(
    profile: Organisation | None, day: dt.date, rulebook: Rulebook
) -> list[Finding]:
    """The Eligibility Criteria for an assessment on ``day``, by the edition in force then."""
    edition = rulebook.in_force_on(day)
    criteria = edition.criteria
    out = _Findings(edition, _CRITERIA)
    if not criteria.apply:
        message = Message(
            "the Eligibility Criteria do not apply on {day} ({edition})",
            day=day,
            edition=edition.id,
        )
        out.add("criteria.not_in_force", True, message, "criteria.apply")
        return out.found
    profile = profile or Organisation()
    if criteria.programme_waiver and profile.programme_recognition is not None:
        programme = profile.programme_recognition
        message = Message(
            "recognised by the cluster programme {programme!r}: criteria waived",
            programme=programme,
        )
        out.add("criteria.waived", True, message, "criteria.programme_waiver")
        return out.found
    if criteria.eccp_listing:
        listed = profile.eccp_listed
        text = _said(
            listed,
            Message("listed on the ECCP"),
            Message("not listed on the ECCP"),
            Message("ECCP listing not recorded"),
        )
        out.add("criteria.eccp_listing", listed, text, "criteria.eccp_listing")
    fte, least = profile.management_fte, criteria.min_management_fte
    if fte is None:
        out.add(
            "criteria.management_fte",
            None,
            Message("management team FTE not recorded"),
            "criteria.min_management_fte",
        )
    else:
        met = fte >= least
        template = (
            "management team {fte} FTE >= {least} FTE"
            if met
            else "management team {fte} FTE < {least} FTE"
        )
        text = Message(template, fte=fte, least=least)
        out.add("criteria.management_fte", met, text, "criteria.min_management_fte")
    members, fewest = profile.committed_members, criteria.min_committed_members
    if members is None:
        text = Message("committed members not recorded")
        out.add("criteria.committed_members", None, text, "criteria.min_committed_members")
    else:
        met = members >= fewest
        template = (
            "committed members {members} >= {fewest}"
            if met
            else "committed members {members} < {fewest}"
        )
        text = Message(template, members=members, fewest=fewest)
        out.add("criteria.committed_members", met, text, "criteria.min_committed_members")
    _member_types(profile, edition, out)
    if criteria.english_website:
        site = profile.english_website
        text = _said(
            site,
            Message("English website showing activity"),
            Message("no English website showing activity"),
            Message("English website not recorded"),
        )
        out.add("criteria.english_website", site, text, "criteria.english_website")
    return out.found


def _member_types(profile: Organisation, edition: Rulebook, out: _Findings) -> None:
    """Enough member types; with ``public_cooperation_counts``, visible cooperation with
    public bodies stands in for a public member type (our reading of the ECCP's rules)."""
    criteria = edition.criteria
    fewest = criteria.min_member_types
    types = profile.member_types
    if types is None:
        message = Message("member types not recorded")
        out.add("criteria.member_types", None, message, "criteria.min_member_types")
        return
    count = len(types)
    listed = [Message(_MEMBER_WORDS[kind]) for kind in types] or [Message("none")]
    stands_in = criteria.public_cooperation_counts and "public" not in types and count < fewest
    if stands_in and profile.public_cooperation:
        count += 1
        listed.append(Message("cooperation with public bodies"))
    met: bool | None = count >= fewest
    if met:
        template = "member types {count} ({types}) >= {fewest}"
    elif stands_in and profile.public_cooperation is None and count + 1 >= fewest:
        met = None  # recorded cooperation with public bodies would decide it
        template = (
            "member types {count} ({types}; cooperation with public bodies not recorded) < {fewest}"
        )
    else:
        template = "member types {count} ({types}) < {fewest}"
    message = Message(template, count=count, types=tuple(listed), fewest=fewest)
    out.add("criteria.member_types", met, message, "criteria.min_member_types")


#: The member types (:data:`~cluster_excellence.model.clusters.MEMBER_TYPES`) for people.
_MEMBER_WORDS = {
    "business": N_("business"),
    "research": N_("research"),
    "public": N_("public"),
    "other": N_("other"),
}


def eligibility_criteria(
    profile: Organisation | None,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    cluster_id: str | None = None,
    cluster_name: str | None = None,
) -> Decision:
    """Whether an organisation meets the Eligibility Criteria for an assessment on ``on``.

    Under an edition whose criteria do not apply (before 2019-11-15 by
    default) the answer is eligible, with the finding ``criteria.not_in_force``;
    recognition by a cluster programme waives them (``criteria.waived``).
    Otherwise each criterion is a finding, with the thresholds of the edition
    in force on ``on``. Source: https://www.cluster-analysis.org/benchmarked-clusters;
    docs, *Eligibility*, "The Eligibility Criteria".
    """
    on = as_day(on, "on")
    rulebook = rulebook_of(rulebook)
    findings = _criteria_findings(profile, on, rulebook)
    return Decision(
        cluster_id,
        cluster_name,
        "eligibility_criteria",
        None,
        on,
        outcome_of(findings),
        tuple(findings),
        rulebook.id,
    )


def _vouched(text: Message, unrecorded: bool | None) -> Message:
    """``text``, saying that the passed audit stands for the fact when it is read as met."""
    if not unrecorded:
        return text
    return Message("{fact} (the passed audit stands for it)", fact=text)


def _latest(cluster: Cluster, kind: type[A], on: dt.date) -> A | None:
    found = None
    for assessment in cluster.assessments:
        if assessment.date > on:
            break
        if isinstance(assessment, kind):
            found = assessment
    return found


def _decision(
    cluster: Cluster, tier: Tier, on: dt.date, findings: list[Finding], rulebook: Rulebook
) -> Decision:
    return Decision(
        cluster.id,
        cluster.name,
        tier.value,
        tier,
        on,
        outcome_of(findings),
        tuple(findings),
        rulebook.id,
    )


def _audit_decision(
    cluster: Cluster, tier: Tier, on: dt.date, day: dt.date, out: _Findings, rulebook: Rulebook
) -> Decision:
    """The decision of an audit on ``day``: its findings, then the Eligibility Criteria of
    that day."""
    criteria = _criteria_findings(cluster.organisation, day, rulebook)
    return _decision(cluster, tier, on, [*out.found, *criteria], rulebook)


def bronze_eligibility(
    cluster: Cluster, on: DayLike, rulebook: Rulebook | str = DEFAULT_RULEBOOK
) -> Decision:
    """Whether the cluster's latest benchmarking on or before ``on`` qualifies for Bronze.

    Bronze needs a benchmarking by an ESCA expert (benchmarkings recorded in a
    portfolio are taken to be theirs) and the Eligibility Criteria of the
    edition in force on the benchmarking's day. There is no pass score.
    Source: https://www.cluster-analysis.org/benchmarked-clusters.
    """
    on = as_day(on, "on")
    rulebook = rulebook_of(rulebook)
    benchmarkings = [a for a in cluster.assessments if isinstance(a, Benchmark) and a.date <= on]
    rule = Message("Bronze: a benchmarking by an ESCA expert")
    source = "https://www.cluster-analysis.org/benchmarked-clusters"
    if not benchmarkings:
        message = Message("no benchmarking recorded on or before {on}", on=on)
        edition = rulebook.in_force_on(on)
        findings = [Finding("bronze.benchmarking", False, message, rule, edition.id, source)]
    else:
        latest = benchmarkings[-1]
        edition = rulebook.in_force_on(latest.date)
        message = Message("benchmarking on {date}", date=latest.date)
        findings = [Finding("bronze.benchmarking", True, message, rule, edition.id, source)]
        findings.extend(_criteria_findings(cluster.organisation, latest.date, rulebook))
    return _decision(cluster, Tier.BRONZE, on, findings, rulebook)


def _months_between(first: dt.date, second: dt.date) -> int:
    return month_index(second) - month_index(first)


def _within(
    first: dt.date, second: dt.date, months: int, counting: IntervalCounting, *, at_least: bool
) -> bool:
    """Whether ``second`` is at least (or at most) ``months`` after ``first``."""
    if counting is IntervalCounting.MONTH:
        between = _months_between(first, second)
        return between >= months if at_least else between <= months
    bound = add_months(first, months)
    return second >= bound if at_least else second <= bound


def _silver_interval(
    cluster: Cluster, audit: SilverAudit, rulebook: Rulebook, out: _Findings
) -> None:
    """A previous awarded benchmarking long enough before the second one: the interval of
    the edition in force on the audit's day (https://www.cluster-analysis.org/silver-label;
    at least 12 months and no maximum before 2019-11-15, from an account of a real award)."""
    rules = out.edition.silver
    code, parameter = "silver.benchmarking_interval", "silver.min_interval_months"
    awarded = [
        a
        for a in cluster.assessments
        if isinstance(a, Benchmark)
        and known_on(a, audit.date)
        and awarded_tier(a, rulebook.in_force_on(a.date)) is Tier.BRONZE
    ]
    if len(awarded) < 2:
        message = Message(
            "{count} awarded benchmarking(s) by {day}, Silver needs two",
            count=len(awarded),
            day=audit.date,
        )
        out.add(code, False, message, parameter)
        return
    second = awarded[-1].date
    low, high, counting = (
        rules.min_interval_months,
        rules.max_interval_months,
        rules.interval_counting,
    )
    long_enough = [
        a.date
        for a in reversed(awarded[:-1])
        if _within(a.date, second, low, counting, at_least=True)
    ]
    if not long_enough:
        previous = awarded[-2].date
        message = Message(
            "benchmarkings on {first} and {second}: less than {low} months apart",
            first=previous,
            second=second,
            low=low,
        )
        out.add(code, False, message, parameter)
        return
    within = [
        d for d in long_enough if high is None or _within(d, second, high, counting, at_least=False)
    ]
    if within:
        if high is None:
            message = Message(
                "benchmarkings on {first} and {second}: at least {low} months apart",
                first=within[0],
                second=second,
                low=low,
            )
        else:
            message = Message(
                "benchmarkings on {first} and {second}: {low} to {high} months apart",
                first=within[0],
                second=second,
                low=low,
                high=high,
            )
        out.add(code, True, message, parameter)
        return
    first = long_enough[0]
    apart = _months_between(first, second)
    values = {"first": first, "second": second, "apart": apart, "high": high}
    if rules.max_interval is IntervalLimit.REMARK:
        message = Message(
            "benchmarkings on {first} and {second}: {apart} months apart, more than {high} "
            "(under {edition} a remark, not a bar)",
            **values,
            edition=out.edition.id,
        )
        out.add(code, True, message, "silver.max_interval", remark=True)
    else:
        message = Message(
            "benchmarkings on {first} and {second}: {apart} months apart, more than {high}",
            **values,
        )
        out.add(code, False, message, "silver.max_interval")


def silver_eligibility(
    cluster: Cluster, on: DayLike, rulebook: Rulebook | str = DEFAULT_RULEBOOK
) -> Decision:
    """Whether the cluster's latest Silver audit on or before ``on`` qualifies for Silver.

    Silver needs (https://www.cluster-analysis.org/silver-label; docs:
    *Eligibility*), by the edition in force on the audit's day: a previous
    awarded benchmarking long enough before the second one (a maximum is a
    bar or a remark, as the edition says); the edition's number of
    improvement areas, each tied to indicators and described with its
    effect, and each validated in the audit; every Gold minimum requirement
    met; the Eligibility Criteria. What a *passed* audit did not record is
    read as the edition says (``silver.unrecorded_of_passed_audit``; by
    default the passed audit stands for it).
    """
    on = as_day(on, "on")
    rulebook = rulebook_of(rulebook)
    audit = _latest(cluster, SilverAudit, on)
    rule = Message("Silver: an on-site audit of the three improvement areas")
    if audit is None:
        edition = rulebook.in_force_on(on)
        out = _Findings(edition, rule)
        out.add(
            "silver.audit",
            False,
            Message("no Silver audit recorded on or before {on}", on=on),
            source=_SILVER_PAGE,
        )
        return _decision(cluster, Tier.SILVER, on, out.found, rulebook)
    edition = rulebook.in_force_on(audit.date)
    rules = edition.silver
    out = _Findings(edition, rule)
    template = (
        "Silver audit on {date} (passed)" if audit.passed else "Silver audit on {date} (failed)"
    )
    out.add("silver.audit", audit.passed, Message(template, date=audit.date), source=_SILVER_PAGE)
    _silver_interval(cluster, audit, rulebook, out)
    unrecorded = _met(rules.unrecorded_of_passed_audit) if audit.passed else None
    areas, need = audit.improvement_areas, rules.improvement_areas
    if areas is None:
        text = _vouched(Message("improvement areas not recorded"), unrecorded)
        out.add("silver.improvement_areas", unrecorded, text, "silver.unrecorded_of_passed_audit")
    else:
        text = Message(
            "{count} improvement areas, Silver needs exactly {need}", count=len(areas), need=need
        )
        out.add("silver.improvement_areas", len(areas) == need, text, "silver.improvement_areas")
        if rules.areas_described:
            undescribed = [
                i + 1 for i, a in enumerate(areas) if a.description is None or a.effect is None
            ]
            if undescribed:
                text = Message(
                    "area(s) {areas} lack a description or an effect", areas=tuple(undescribed)
                )
            else:
                text = Message("each area is tied to indicators and described with its effect")
            met = True if not undescribed else unrecorded
            out.add("silver.improvement_areas_described", met, text, "silver.areas_described")
        if rules.areas_validated:
            refused = [i + 1 for i, a in enumerate(areas) if a.validated is False]
            unknown = [i + 1 for i, a in enumerate(areas) if a.validated is None]
            code, parameter = "silver.improvement_areas_validated", "silver.areas_validated"
            if refused:
                text = Message("area(s) {areas} not validated in the audit", areas=tuple(refused))
                out.add(code, False, text, parameter)
            elif unknown:
                text = Message("validation of area(s) {areas} not recorded", areas=tuple(unknown))
                out.add(code, unrecorded, _vouched(text, unrecorded), parameter)
            else:
                out.add(code, True, Message("every area validated in the audit"), parameter)
    if rules.minimum_requirements:
        recorded = audit.minimum_requirements_met
        text = _said(
            recorded,
            Message("every Gold minimum requirement met"),
            Message("a Gold minimum requirement missed"),
            _vouched(Message("minimum requirements not recorded"), unrecorded),
        )
        out.add(
            "silver.minimum_requirements",
            unrecorded if recorded is None else recorded,
            text,
            "silver.minimum_requirements",
        )
    return _audit_decision(cluster, Tier.SILVER, on, audit.date, out, rulebook)


def gold_eligibility(
    cluster: Cluster,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    catalogue: Catalogue | None = None,
) -> Decision:
    """Whether the cluster's latest Gold audit on or before ``on`` qualifies for Gold.

    Gold needs (https://www.cluster-analysis.org/gold-label; docs:
    *Eligibility*), by the edition in force on the audit's day: the
    self-test passed (an unrecorded one read as the edition says); the
    on-site audit's days and experts (a first award's, or a renewal's when
    the audit renews a Gold label, as the edition counts renewals); a score
    at or above the pass score; every minimum requirement met; the
    Eligibility Criteria.

    What the audit recorded decides its score and minimum requirements. A
    catalogue's figures count only where its entries are not illustrative
    (a catalogue an agency holds): then a value below a minimum overrides a
    recorded "met", and, without a recorded score, the catalogue's points
    give one. Illustrative entries (the shipped reference) are only remarks.
    """
    on = as_day(on, "on")
    rulebook = rulebook_of(rulebook)
    audit = _latest(cluster, GoldAudit, on)
    rule = Message("Gold: an on-site audit of the quality indicators")
    if audit is None:
        out = _Findings(rulebook.in_force_on(on), rule)
        message = Message("no Gold audit recorded on or before {on}", on=on)
        out.add("gold.audit", False, message, source=_GOLD_PAGE)
        return _decision(cluster, Tier.GOLD, on, out.found, rulebook)
    edition = rulebook.in_force_on(audit.date)
    out = _Findings(edition, rule)
    passed = awarded_tier(audit, edition) is Tier.GOLD
    template = "Gold audit on {date} (passed)" if passed else "Gold audit on {date} (not passed)"
    out.add("gold.audit", True, Message(template, date=audit.date), source=_GOLD_PAGE)
    if audit.self_test_passed is None:
        reading = edition.gold.unrecorded_self_test
        text = Message("self-test not recorded (read as {reading})", reading=reading.value)
        out.add("gold.self_test", _met(reading), text, "gold.unrecorded_self_test")
    else:
        text = Message("self-test passed" if audit.self_test_passed else "self-test failed")
        out.add("gold.self_test", audit.self_test_passed, text, "gold.unrecorded_self_test")
    _audit_format(cluster, audit, rulebook, out, passed)
    _gold_score_and_minimums(audit, edition, catalogue, out, passed)
    return _audit_decision(cluster, Tier.GOLD, on, audit.date, out, rulebook)


def _audit_format(
    cluster: Cluster, audit: GoldAudit, rulebook: Rulebook, out: _Findings, passed: bool
) -> None:
    """The days and experts a first award's audit, or a renewal's, needs (the edition's)."""
    rules = out.edition.gold
    earlier = [a for a in cluster.assessments if isinstance(a, GoldAudit) and a.date < audit.date]
    previous = latest_labels(earlier, audit.date, rulebook, retroactive=False)
    renewal = False
    if previous:
        label = previous[-1]
        if rules.renewal is GoldRenewal.WINDOW_ONLY:
            renewal = label.valid_until < audit.date <= label.renewable_until
        else:
            renewal = audit.date <= label.renewable_until
    if renewal:
        what = Message(
            "renewal of the Gold label valid until {until}", until=previous[-1].valid_until
        )
        days, experts = rules.renewal_audit_days, rules.renewal_audit_experts
        parameter = "gold.renewal_audit_experts"
    else:
        what = Message("first award")
        days, experts = rules.first_audit_days, rules.first_audit_experts
        parameter = "gold.first_audit_experts"
    needs = Message("needs {days:g} day(s) by {experts} expert(s)", days=days, experts=experts)
    if audit.audit_days is None or audit.experts is None:
        met = _met(rules.unrecorded_of_passed_audit) if passed else None
        text = Message(
            "{what}: audit days or experts not recorded, {needs}", what=what, needs=needs
        )
        out.add("gold.audit_format", met, _vouched(text, met), "gold.unrecorded_of_passed_audit")
        return
    met = audit.audit_days >= days and audit.experts >= experts
    text = Message(
        "{what}: {days:g} day(s) by {experts} expert(s), {needs}",
        what=what,
        days=audit.audit_days,
        experts=audit.experts,
        needs=needs,
    )
    out.add("gold.audit_format", met, text, parameter)


def _authoritative(catalogue: Catalogue | None) -> bool:
    """Whether a catalogue's Gold figures may decide: none of its scored entries illustrative."""
    return catalogue is not None and all(
        indicator.provenance is not Provenance.ILLUSTRATIVE
        for indicator in catalogue.indicators
        if indicator.points is not None or indicator.minimum is not None
    )


def _score(score: float, pass_score: float, by: Message | None) -> tuple[bool, Message]:
    """Whether ``score`` reaches ``pass_score``, and the sentence that says it."""
    met = score >= pass_score
    if by is None:
        template = (
            "score {score:g} % >= {pass_score:g} % (recorded)"
            if met
            else "score {score:g} % < {pass_score:g} % (recorded)"
        )
        return met, Message(template, score=score, pass_score=pass_score)
    template = (
        "score {score:g} % >= {pass_score:g} % by {catalogue}"
        if met
        else "score {score:g} % < {pass_score:g} % by {catalogue}"
    )
    return met, Message(template, score=score, pass_score=pass_score, catalogue=by)


def _gold_score_and_minimums(
    audit: GoldAudit, edition: Rulebook, catalogue: Catalogue | None, out: _Findings, passed: bool
) -> None:
    pass_score = edition.gold_pass_score
    scored = (
        gold_score(audit.indicators, catalogue, edition)
        if catalogue is not None and audit.indicators
        else None
    )
    deciding = _authoritative(catalogue)
    named = None
    if catalogue is not None:
        template = "{catalogue} (published)" if deciding else "{catalogue} (illustrative)"
        named = Message(template, catalogue=catalogue.label)
    if audit.score is not None:
        met, text = _score(audit.score, pass_score, None)
        out.add("gold.score", met, text, "gold_pass_score")
    elif scored is not None and deciding:
        met, text = _score(scored.percent, pass_score, named)
        out.add("gold.score", met, text, "gold_pass_score")
    else:  # an audit records its score, or whether it passed, or both
        text = Message(
            "score not recorded; the audit is recorded as passed"
            if audit.passed
            else "score not recorded; the audit is recorded as failed"
        )
        out.add("gold.score", audit.passed, text, "gold_pass_score")
    recorded = audit.minimum_requirements_met
    if scored is None or not deciding:
        text = Message(
            "every minimum requirement met (recorded)"
            if recorded
            else "a minimum requirement missed (recorded)"
        )
        out.add("gold.minimum_requirements", recorded, text, source=_MINIMUMS)
        if scored is not None and scored.missed_minimums and recorded:
            text = Message(
                "{catalogue} finds minimum(s) missed: {codes}; the audit's record stands",
                catalogue=named,
                codes=scored.missed_minimums,
            )
            out.add("gold.catalogue_minimums", True, text, source=_ILLUSTRATIVE, remark=True)
        return
    if scored.missed_minimums:
        text = Message(
            "minimum requirements missed by {catalogue}: {codes}",
            catalogue=named,
            codes=scored.missed_minimums,
        )
        out.add("gold.minimum_requirements", False, text, source=_MINIMUMS)
    elif not recorded:  # a recorded miss is a fact the catalogue's values cannot undo
        text = Message("a minimum requirement missed (recorded)")
        out.add("gold.minimum_requirements", False, text, source=_MINIMUMS)
    elif scored.undetermined_minimums:
        text = Message(
            "every minimum requirement met (recorded; {catalogue} has no values for {codes})",
            catalogue=named,
            codes=scored.undetermined_minimums,
        )
        out.add("gold.minimum_requirements", True, text, "scoring.missing_value")
    else:
        text = Message("every minimum requirement met")
        out.add("gold.minimum_requirements", True, text, source=_MINIMUMS)


#: The decision of each tier (Decision 5's tiers, docs: *Eligibility*).
_Decide = Callable[[Cluster, dt.date, Rulebook, "Catalogue | None"], Decision]
_DECIDERS: dict[Tier, _Decide] = {
    Tier.BRONZE: lambda cluster, on, rulebook, catalogue: bronze_eligibility(cluster, on, rulebook),
    Tier.SILVER: lambda cluster, on, rulebook, catalogue: silver_eligibility(cluster, on, rulebook),
    Tier.GOLD: lambda cluster, on, rulebook, catalogue: gold_eligibility(
        cluster, on, rulebook, catalogue=catalogue
    ),
}


def tier_of(value: Tier | str, name: str = "tier") -> Tier:
    """``value`` as a tier: a :class:`~cluster_excellence.Tier`, or its name written as
    people write it (``"Silver"``, ``"gold"``; docs: *Portfolio tables*, "Words").

    >>> from cluster_excellence import Tier
    >>> from cluster_excellence.rules.eligibility import tier_of
    >>> tier_of("Silver "), tier_of(Tier.GOLD)
    (Tier.SILVER, Tier.GOLD)
    >>> tier_of("silvr")
    Traceback (most recent call last):
    ...
    cluster_excellence.errors.InvalidValueError: tier: "silvr" is not one of ... silver?)
    """
    if isinstance(value, Tier):
        return value
    names = tuple(tier.value for tier in Tier)
    if not isinstance(value, str):
        raise failure(name, f"must be a Tier or its name, not {show(value)}")
    found = canonical_word(value, names)
    if found is None:
        raise failure(name, word_problem(value, names))
    return Tier(found)


def cluster_eligibility(
    cluster: Cluster,
    tier: Tier | str,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    catalogue: Catalogue | None = None,
) -> Decision:
    """Whether ``cluster``'s records qualify for ``tier`` on ``on``, explained: the decision
    of :func:`bronze_eligibility`, :func:`silver_eligibility` or :func:`gold_eligibility`
    (the Gold decision reads ``catalogue``'s figures where they are not illustrative).

    >>> import datetime as dt
    >>> from cluster_excellence import Benchmark, Cluster, cluster_eligibility
    >>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
    >>> cluster_eligibility(qoot, "bronze", "2020-01-01").outcome
    Outcome.ELIGIBLE
    """
    chosen = tier_of(tier)
    return _DECIDERS[chosen](
        cluster, as_day(on, "on"), rulebook_of(rulebook), catalogue_of(catalogue, optional=True)
    )


def portfolio_eligibility(
    portfolio: Portfolio,
    tier: Tier | str,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    catalogue: Catalogue | None = None,
) -> PortfolioEligibility:
    """Whether each cluster's records qualify for ``tier`` on ``on``, explained
    (:func:`cluster_eligibility`), in portfolio order.

    >>> from cluster_excellence import portfolio_eligibility, sample_portfolio
    >>> found = portfolio_eligibility(sample_portfolio(), "silver", "2026-11-20")
    >>> found.eligible()
    ('example-silver', 'mineralklynge', 'example-go')
    """
    portfolio = portfolio_of(portfolio)
    chosen, day, book = tier_of(tier), as_day(on, "on"), rulebook_of(rulebook)
    decide, catalogue = _DECIDERS[chosen], catalogue_of(catalogue, optional=True)
    return PortfolioEligibility(
        day, chosen, book.id, tuple(decide(cluster, day, book, catalogue) for cluster in portfolio)
    )


def cluster_gold_baseline(
    cluster: Cluster,
    catalogue: Catalogue,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
) -> Decision:
    """Check each minimum requirement of ``catalogue`` against the cluster's latest values.

    The values are those of the latest Gold audit on or before ``on`` that
    recorded indicator values; each finding gives the margin, and names the
    catalogue and whether the entry is illustrative. A missing value is read
    as the edition in force says (``scoring.missing_value``: undetermined by
    default). Source: https://www.cluster-analysis.org/gold-label (every
    minimum requirement); docs, *Scoring*.
    """
    on = as_day(on, "on")
    rulebook = rulebook_of(rulebook)
    catalogue = catalogue_of(catalogue)
    audit = None
    for assessment in cluster.assessments:
        if assessment.date > on:
            break
        if isinstance(assessment, GoldAudit) and assessment.indicators:
            audit = assessment
    values = audit.indicators if audit is not None else {}
    edition = rulebook.in_force_on(audit.date if audit is not None else on)
    when = (
        Message("Gold audit on {date}", date=audit.date)
        if audit
        else Message("no Gold audit with values")
    )
    findings = []
    for indicator in catalogue.indicators:
        minimum = indicator.minimum
        if minimum is None:
            continue
        code = f"baseline.{indicator.code}"
        rule = Message(
            "Gold minimum requirements of {catalogue} ({provenance})",
            catalogue=catalogue.label,
            provenance=indicator.provenance.value,
        )
        value = values.get(indicator.code)
        if value is None:
            met = _met(edition.scoring.missing_value)
            message = Message("{name}: not recorded ({when})", name=indicator.name, when=when)
            findings.append(Finding(code, met, message, rule, edition.id, indicator.source))
            continue
        met = meets(value, minimum, indicator.direction)
        margin = float(value) - float(minimum)
        if indicator.direction.value == "lower":
            margin = -margin
        template = (
            "{name}: {value} meets {minimum} (margin {margin:+g})"
            if met
            else "{name}: {value} misses {minimum} (margin {margin:+g})"
        )
        message = Message(
            template, name=indicator.name, value=value, minimum=minimum, margin=margin
        )
        findings.append(Finding(code, met, message, rule, edition.id, indicator.source))
    outcome = outcome_of(findings)
    return Decision(
        cluster.id,
        cluster.name,
        "gold_baseline",
        Tier.GOLD,
        on,
        outcome,
        tuple(findings),
        rulebook.id,
    )
