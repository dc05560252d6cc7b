"""Eligibility: the Eligibility Criteria, and whether records qualify for each tier.

Each function returns an explained :class:`~cluster_excellence.Decision`
(docs: *Eligibility*).

The Eligibility Criteria apply to assessments from 15 November 2019 on
(https://www.cluster-analysis.org/benchmarked-clusters): the organisation is listed on the
European Cluster Collaboration Platform (ECCP), whose listing rules ask for
a dedicated management team of at least 0.5 FTE, at least 15 clearly
committed members, at least two member types (triple helix; without public
members, visible cooperation with public bodies) and an English website
showing activity. Organisations recognised by a national or regional cluster
programme are exempt.

>>> from cluster_excellence import Organisation
>>> profile = Organisation(eccp_listed=True, management_fte=2.0, committed_members=12,
...                        member_types=("business", "research"), english_website=True)
>>> decision = eligibility_criteria(profile, dt.date(2024, 3, 1))
>>> decision.outcome.value
'not_eligible'
>>> print(decision.to_text())
Eligibility Criteria on 2024-03-01: not_eligible (rulebook ecei-2019)
  [met] criteria.eccp_listing: listed on the ECCP
  [met] criteria.management_fte: management team 2.0 FTE >= 0.5 FTE
  [not met] criteria.committed_members: committed members 12 < 15
  [met] criteria.member_types: member types 2 (business, research) >= 2
  [met] criteria.english_website: English website showing activity
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from .._calendar import add_months
from .._text import show
from ..model.assessments import Assessment, Benchmarking, GoldAudit, SilverAudit
from ..model.catalogues import Catalogue, meets
from ..model.clusters import Cluster, Organisation
from ..model.rulebooks import ECEI_2019, Rulebook
from ..model.tiers import Tier
from .decisions import Decision, Finding, outcome_of
from .gold_points import gold_score
from .labels import latest_labels

A = TypeVar("A", bound=Assessment)

__all__ = [
    "CRITERIA_IN_FORCE_FROM",
    "bronze_eligibility",
    "eligibility_criteria",
    "gold_baseline",
    "gold_eligibility",
    "silver_eligibility",
]

#: The Eligibility Criteria apply to assessments from this day on (published).
CRITERIA_IN_FORCE_FROM = dt.date(2019, 11, 15)

_CRITERIA = "Eligibility Criteria (in force for all labels since 2019-11-15)"
_CRITERIA_SOURCE = (
    "https://www.cluster-analysis.org/benchmarked-clusters; ECCP cluster listing rules "
    "(https://www.clustercollaboration.eu)"
)
_BRONZE_SOURCE = "https://www.cluster-analysis.org/benchmarked-clusters"
MIN_MANAGEMENT_FTE = 0.5
MIN_COMMITTED_MEMBERS = 15
MIN_MEMBER_TYPES = 2


def _finding(code: str, met: bool | None, message: str, rulebook: Rulebook) -> Finding:
    return Finding(code, met, message, _CRITERIA, rulebook.id, _CRITERIA_SOURCE)


def _criteria_findings(
    profile: Organisation | None, on: dt.date, rulebook: Rulebook
) -> list[Finding]:
    if on < CRITERIA_IN_FORCE_FROM:
        message = (
            f"the criteria apply from {CRITERIA_IN_FORCE_FROM.isoformat()}, not on {on.isoformat()}"
        )
        return [_finding("criteria.not_in_force", True, message, rulebook)]
    profile = profile or Organisation()
    if profile.programme_recognition is not None:
        programme = profile.programme_recognition
        message = f"recognised by the cluster programme {programme!r}: criteria waived"
        return [_finding("criteria.waived", True, message, rulebook)]
    findings = []
    if profile.eccp_listed is None:
        findings.append(
            _finding("criteria.eccp_listing", None, "ECCP listing not recorded", rulebook)
        )
    else:
        text = "listed on the ECCP" if profile.eccp_listed else "not listed on the ECCP"
        findings.append(_finding("criteria.eccp_listing", profile.eccp_listed, text, rulebook))
    fte = profile.management_fte
    if fte is None:
        findings.append(
            _finding("criteria.management_fte", None, "management team FTE not recorded", rulebook)
        )
    else:
        met = fte >= MIN_MANAGEMENT_FTE
        sign = ">=" if met else "<"
        text = f"management team {fte} FTE {sign} {MIN_MANAGEMENT_FTE} FTE"
        findings.append(_finding("criteria.management_fte", met, text, rulebook))
    members = profile.committed_members
    if members is None:
        findings.append(
            _finding("criteria.committed_members", None, "committed members not recorded", rulebook)
        )
    else:
        met = members >= MIN_COMMITTED_MEMBERS
        text = f"committed members {members} {'>=' if met else '<'} {MIN_COMMITTED_MEMBERS}"
        findings.append(_finding("criteria.committed_members", met, text, rulebook))
    findings.append(_member_types(profile, rulebook))
    if profile.english_website is None:
        findings.append(
            _finding("criteria.english_website", None, "English website not recorded", rulebook)
        )
    else:
        text = (
            "English website showing activity"
            if profile.english_website
            else "no English website showing activity"
        )
        findings.append(
            _finding("criteria.english_website", profile.english_website, text, rulebook)
        )
    return findings


def _member_types(profile: Organisation, rulebook: Rulebook) -> Finding:
    """At least two member types; cooperation with public bodies stands in for public members.

    Our reading of "at least two member types (triple helix; without public
    members, visible cooperation with public bodies)" (ECCP listing rules;
    docs: *Eligibility*).
    """
    types = profile.member_types
    if types is None:
        return _finding("criteria.member_types", None, "member types not recorded", rulebook)
    count = len(types)
    listed = ", ".join(types) or "none"
    stands_in = "public" not in types and count < MIN_MEMBER_TYPES
    if stands_in and profile.public_cooperation:
        count += 1
        listed += ", cooperation with public bodies"
    met: bool | None = count >= MIN_MEMBER_TYPES
    undecided = stands_in and profile.public_cooperation is None
    if not met and undecided and count + 1 >= MIN_MEMBER_TYPES:
        met = None  # recorded cooperation with public bodies would decide it
        listed += "; cooperation with public bodies not recorded"
    sign = ">=" if met else "<"
    message = f"member types {count} ({listed}) {sign} {MIN_MEMBER_TYPES}"
    return _finding("criteria.member_types", met, message, rulebook)


def eligibility_criteria(
    profile: Organisation | None,
    on: dt.date,
    rulebook: Rulebook = ECEI_2019,
    *,
    cluster_id: str | None = None,
) -> Decision:
    """Whether an organisation meets the Eligibility Criteria for an assessment on ``on``.

    Before 2019-11-15 the criteria do not apply (eligible, with the finding
    ``criteria.not_in_force``); recognition by a cluster programme waives
    them (``criteria.waived``). Otherwise each criterion is a finding.
    Source: https://www.cluster-analysis.org/benchmarked-clusters; docs,
    *Eligibility*, "The Eligibility Criteria".
    """
    findings = _criteria_findings(profile, on, rulebook)
    return Decision(
        cluster_id,
        "eligibility_criteria",
        None,
        on,
        outcome_of(findings),
        tuple(findings),
        rulebook.id,
    )


def bronze_eligibility(cluster: Cluster, on: dt.date, rulebook: Rulebook = ECEI_2019) -> Decision:
    """Whether the cluster's latest benchmarking on or before ``on`` qualifies for Bronze.

    Bronze needs a benchmarking by an ESCA expert (benchmarkings recorded in a
    portfolio are taken to be theirs) and, for a benchmarking from 2019-11-15
    on, the Eligibility Criteria, judged on the benchmarking's day (the rule in
    force then). Source: https://www.cluster-analysis.org/benchmarked-clusters.
    """
    benchmarkings = [a for a in cluster.assessments if isinstance(a, Benchmarking) and a.date <= on]
    rule = "Bronze: a benchmarking by an ESCA expert"
    if not benchmarkings:
        message = f"no benchmarking recorded on or before {on.isoformat()}"
        findings = [
            Finding("bronze.benchmarking", False, message, rule, rulebook.id, _BRONZE_SOURCE)
        ]
    else:
        latest = benchmarkings[-1]
        message = f"benchmarking on {latest.date.isoformat()}"
        findings = [
            Finding("bronze.benchmarking", True, message, rule, rulebook.id, _BRONZE_SOURCE)
        ]
        findings.extend(_criteria_findings(cluster.organisation, latest.date, rulebook))
    return Decision(
        cluster.id,
        Tier.BRONZE.value,
        Tier.BRONZE,
        on,
        outcome_of(findings),
        tuple(findings),
        rulebook.id,
    )


_SILVER_SOURCE = "https://www.cluster-analysis.org/silver-label; docs: Eligibility, Silver"
_GOLD_SOURCE = "https://www.cluster-analysis.org/gold-label"
#: A Silver applicant's previous benchmarking lies this many months before
#: the second one, inclusive, counted to the day (published: "1.5 to 2 years").
SILVER_INTERVAL_MONTHS = (18, 24)
#: Exactly this many improvement areas (published).
SILVER_IMPROVEMENT_AREAS = 3


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
        cluster.id, tier.value, tier, on, outcome_of(findings), tuple(findings), rulebook.id
    )


def _silver_interval(cluster: Cluster, audit_day: dt.date, rulebook: Rulebook) -> Finding:
    """A previous Bronze benchmarking 18 to 24 months before the second (docs: *Eligibility*)."""
    rule = "Silver: a second benchmarking 1.5 to 2 years after the first"
    awarded = [
        a for a in cluster.assessments
        if isinstance(a, Benchmarking) and a.awarded and a.date <= audit_day
    ]  # fmt: skip
    if len(awarded) < 2:
        message = (
            f"{len(awarded)} awarded benchmarking(s) by {audit_day.isoformat()}, Silver needs two"
        )
        return Finding(
            "silver.benchmarking_interval", False, message, rule, rulebook.id, _SILVER_SOURCE
        )
    second = awarded[-1].date
    low, high = SILVER_INTERVAL_MONTHS
    for first in reversed(awarded[:-1]):
        if add_months(first.date, low) <= second <= add_months(first.date, high):
            message = (
                f"benchmarkings on {first.date.isoformat()} and {second.isoformat()}: "
                f"{low} to {high} months apart"
            )
            return Finding(
                "silver.benchmarking_interval", True, message, rule, rulebook.id, _SILVER_SOURCE
            )
    previous = awarded[-2].date
    message = (
        f"benchmarkings on {previous.isoformat()} and {second.isoformat()}: not {low} to {high} "
        f"months apart (the window was {add_months(previous, low).isoformat()} to "
        f"{add_months(previous, high).isoformat()})"
    )
    return Finding(
        "silver.benchmarking_interval", False, message, rule, rulebook.id, _SILVER_SOURCE
    )


def silver_eligibility(cluster: Cluster, on: dt.date, rulebook: Rulebook = ECEI_2019) -> Decision:
    """Whether the cluster's latest Silver audit on or before ``on`` qualifies for Silver.

    Silver needs (https://www.cluster-analysis.org/silver-label; docs: *Eligibility*):
    a previous Bronze benchmarking 18 to 24 months before the second one
    (inclusive; counted to the day, clamped at month ends: our reading);
    exactly three improvement areas, each tied to indicators and described
    with its effect; each validated in the audit; every Gold minimum
    requirement met; the Eligibility Criteria on the audit's day.
    """
    audit = _latest(cluster, SilverAudit, on)
    rule = "Silver: an on-site audit of the three improvement areas"
    if audit is None:
        message = f"no Silver audit recorded on or before {on.isoformat()}"
        missing = Finding("silver.audit", False, message, rule, rulebook.id, _SILVER_SOURCE)
        return _decision(cluster, Tier.SILVER, on, [missing], rulebook)
    findings = [
        Finding(
            "silver.audit",
            True,
            f"Silver audit on {audit.date.isoformat()}",
            rule,
            rulebook.id,
            _SILVER_SOURCE,
        ),
        _silver_interval(cluster, audit.date, rulebook),
    ]
    areas = audit.improvement_areas
    need = SILVER_IMPROVEMENT_AREAS

    def add(code: str, met: bool | None, message: str) -> None:
        findings.append(Finding(code, met, message, rule, rulebook.id, _SILVER_SOURCE))

    if areas is None:
        add("silver.improvement_areas", None, "improvement areas not recorded")
    else:
        add(
            "silver.improvement_areas",
            len(areas) == need,
            f"{len(areas)} improvement areas, Silver needs exactly {need}",
        )
        undescribed = [
            i + 1
            for i, a in enumerate(areas)
            if not a.indicators or a.description is None or a.effect is None
        ]
        if undescribed:
            listed = ", ".join(map(str, undescribed))
            text = f"area(s) {listed} lack indicators, a description or an effect"
        else:
            text = "each area is tied to indicators and described with its effect"
        add("silver.improvement_areas_described", None if undescribed else True, text)
        refused = [i + 1 for i, a in enumerate(areas) if a.validated is False]
        unknown = [i + 1 for i, a in enumerate(areas) if a.validated is None]
        if refused:
            add(
                "silver.improvement_areas_validated",
                False,
                f"area(s) {', '.join(map(str, refused))} not validated in the audit",
            )
        elif unknown:
            add(
                "silver.improvement_areas_validated",
                None,
                f"validation of area(s) {', '.join(map(str, unknown))} not recorded",
            )
        else:
            add("silver.improvement_areas_validated", True, "every area validated in the audit")
    met = audit.minimum_requirements_met
    add(
        "silver.minimum_requirements",
        met,
        {True: "every Gold minimum requirement met", False: "a Gold minimum requirement missed",
         None: "minimum requirements not recorded"}[met],
    )  # fmt: skip
    findings.extend(_criteria_findings(cluster.organisation, audit.date, rulebook))
    return _decision(cluster, Tier.SILVER, on, findings, rulebook)


def gold_eligibility(
    cluster: Cluster,
    on: dt.date,
    rulebook: Rulebook = ECEI_2019,
    catalogue: Catalogue | None = None,
) -> Decision:
    """Whether the cluster's latest Gold audit on or before ``on`` qualifies for Gold.

    Gold needs (https://www.cluster-analysis.org/gold-label; docs:
    *Eligibility*): the self-test passed where recorded; the on-site audit, 2 days by 2
    experts for a first award and 1 day for a renewal inside the renewal
    window; a score at or above the rulebook's pass score (the recorded
    score, else the score of the audit's indicator values under
    ``catalogue``); every minimum requirement met (with ``catalogue`` and
    values, the :func:`gold_baseline` check); the Eligibility Criteria on the
    audit's day.
    """
    audit = _latest(cluster, GoldAudit, on)
    rule = "Gold: an on-site audit of the quality indicators"

    def finding(code: str, met: bool | None, message: str) -> Finding:
        return Finding(code, met, message, rule, rulebook.id, _GOLD_SOURCE)

    if audit is None:
        missing = finding(
            "gold.audit", False, f"no Gold audit recorded on or before {on.isoformat()}"
        )
        return _decision(cluster, Tier.GOLD, on, [missing], rulebook)
    findings = [finding("gold.audit", True, f"Gold audit on {audit.date.isoformat()}")]
    if audit.self_test_passed is None:
        findings.append(
            finding(
                "gold.self_test", True, "self-test not recorded (only a recorded failure counts)"
            )
        )
    else:
        text = "self-test passed" if audit.self_test_passed else "self-test failed"
        findings.append(finding("gold.self_test", audit.self_test_passed, text))
    findings.append(_audit_format(cluster, audit, rulebook, finding))
    score = audit.score
    scored = None
    if catalogue is not None and audit.indicators:
        scored = gold_score(audit.indicators, catalogue, rulebook)
        if score is None:
            score = scored.percent
    pass_score = rulebook.gold_pass_score
    if score is None:
        findings.append(finding("gold.score", None, "score not recorded"))
    else:
        met = score >= pass_score
        findings.append(
            finding("gold.score", met, f"score {score:g} % {'>=' if met else '<'} {pass_score:g} %")
        )
    if scored is not None:
        missed = scored.missed_minimums
        text = (
            "every minimum requirement met"
            if not missed
            else f"minimum requirements missed: {', '.join(missed)}"
        )
        findings.append(finding("gold.minimum_requirements", not missed, text))
    else:
        met = audit.minimum_requirements_met
        text = "every minimum requirement met" if met else "a minimum requirement missed"
        findings.append(finding("gold.minimum_requirements", met, text))
    findings.extend(_criteria_findings(cluster.organisation, audit.date, rulebook))
    return _decision(cluster, Tier.GOLD, on, findings, rulebook)


def _audit_format(
    cluster: Cluster,
    audit: GoldAudit,
    rulebook: Rulebook,
    finding: Callable[[str, bool | None, str], Finding],
) -> Finding:
    """2 days by 2 experts for a first award; 1 day to renew a Gold label inside its window."""
    earlier = [a for a in cluster.assessments if isinstance(a, GoldAudit) and a.date < audit.date]
    previous = latest_labels(earlier, rulebook, audit.date, retroactive=False)
    renewal = bool(previous) and audit.date <= previous[-1].renewable_until
    days, experts = audit.audit_days, audit.experts
    if renewal:
        label = previous[-1]
        what = f"renewal of the Gold label valid until {label.valid_until.isoformat()}"
        if days is None:
            return finding("gold.audit_format", None, f"{what}: audit days not recorded")
        return finding(
            "gold.audit_format", days >= 1, f"{what}: {days:g} day(s), a renewal needs 1"
        )
    if days is None or experts is None:
        return finding("gold.audit_format", None, "first award: audit days or experts not recorded")
    met = days >= 2 and experts >= 2
    return finding(
        "gold.audit_format",
        met,
        f"first award: {days:g} day(s) by {experts} expert(s), needs 2 days by 2",
    )


def gold_baseline(
    cluster: Cluster, on: dt.date, catalogue: Catalogue, rulebook: Rulebook = ECEI_2019
) -> Decision:
    """Check each minimum requirement of ``catalogue`` against the cluster's latest values.

    The values are those of the latest Gold audit on or before ``on`` that
    recorded indicator values; each finding gives the margin. A missing value
    leaves its finding undetermined.
    """
    audit = None
    for assessment in cluster.assessments:
        if assessment.date > on:
            break
        if isinstance(assessment, GoldAudit) and assessment.indicators:
            audit = assessment
    values = audit.indicators if audit is not None else {}
    when = f" (Gold audit on {audit.date.isoformat()})" if audit else " (no Gold audit with values)"
    rule = f"Gold minimum requirements of {catalogue.label}"
    findings = []
    for indicator in catalogue.indicators:
        minimum = indicator.minimum
        if minimum is None:
            continue
        code = f"baseline.{indicator.code}"
        value = values.get(indicator.code)
        if value is None:
            findings.append(
                Finding(
                    code,
                    None,
                    f"{indicator.name}: not recorded{when}",
                    rule,
                    rulebook.id,
                    indicator.source,
                )
            )
            continue
        met = meets(value, minimum, indicator.direction)
        margin = float(value) - float(minimum)
        if indicator.direction.value == "lower":
            margin = -margin
        verb = "meets" if met else "misses"
        message = f"{indicator.name}: {show(value)} {verb} {show(minimum)} (margin {margin:+g})"
        findings.append(Finding(code, met, message, rule, rulebook.id, indicator.source))
    return Decision(
        cluster.id,
        "gold_baseline",
        Tier.GOLD,
        on,
        outcome_of(findings),
        tuple(findings),
        rulebook.id,
    )
