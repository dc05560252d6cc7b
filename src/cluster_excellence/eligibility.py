"""Explained decisions: the Eligibility Criteria and Bronze eligibility.

Every "no" comes with the findings that make it no; every finding has a
stable code, a one-line message with the figures, the rule it applies, the
rulebook and the source. A decision is ``undetermined`` when a figure it
needs is not recorded, and its findings say which.

The Eligibility Criteria apply to assessments from 15 November 2019 on
(domain brief, "Eligibility Criteria"): the organisation is listed on the
European Cluster Collaboration Platform (ECCP), whose listing rules ask for
a dedicated management team of at least 0.5 FTE, at least 15 clearly
committed members, at least two member types (triple helix; without public
members, visible cooperation with public bodies) and an English website
showing activity. Organisations recognised by a national or regional cluster
programme are exempt.

>>> import datetime as dt
>>> from cluster_excellence import Cluster, Organisation
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
from collections.abc import Iterable
from typing import Any

import attrs

from ._enums import ValueEnum
from .assessments import Benchmarking
from .portfolio import Cluster, Organisation
from .rulebook import ECEI_2019, Rulebook
from .tiers import Tier

__all__ = [
    "CRITERIA_IN_FORCE_FROM",
    "Decision",
    "Finding",
    "Outcome",
    "bronze_eligibility",
    "eligibility_criteria",
]

#: The Eligibility Criteria apply to assessments from this day on (published).
CRITERIA_IN_FORCE_FROM = dt.date(2019, 11, 15)

_CRITERIA = "Eligibility Criteria (in force for all labels since 2019-11-15)"
_CRITERIA_SOURCE = (
    "https://www.cluster-analysis.org/benchmarked-clusters; ECCP cluster listing rules "
    "(domain brief, Eligibility Criteria)"
)
_BRONZE_SOURCE = "https://www.cluster-analysis.org/benchmarked-clusters"
MIN_MANAGEMENT_FTE = 0.5
MIN_COMMITTED_MEMBERS = 15
MIN_MEMBER_TYPES = 2


class Outcome(ValueEnum):
    """The answer of a decision."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    #: A figure the decision needs is not recorded.
    UNDETERMINED = "undetermined"


@attrs.frozen
class Finding:
    """One reason of a decision."""

    #: Stable identifier, e.g. ``criteria.committed_members``.
    code: str
    #: True met, False not met, None not decidable (a figure is missing).
    met: bool | None
    #: One line with the figures, e.g. ``committed members 12 < 15``.
    message: str
    rule: str
    rulebook: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """This finding as JSON-ready data."""
        return attrs.asdict(self)


@attrs.frozen
class Decision:
    """An explained answer: can this organisation get a tier (or meet the criteria) on a day?"""

    cluster_id: str | None
    #: ``"eligibility_criteria"`` or a tier's name.
    question: str
    tier: Tier | None
    on: dt.date
    outcome: Outcome
    findings: tuple[Finding, ...]
    rulebook: str

    def to_text(self) -> str:
        """The decision and its findings, one line each."""
        title = "Eligibility Criteria" if self.tier is None else f"{self.tier.value.title()}"
        who = f"{self.cluster_id}: " if self.cluster_id else ""
        lines = [
            f"{who}{title} on {self.on.isoformat()}: {self.outcome.value} "
            f"(rulebook {self.rulebook})"
        ]
        marks = {True: "met", False: "not met", None: "missing"}
        lines.extend(f"  [{marks[f.met]}] {f.code}: {f.message}" for f in self.findings)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The decision as JSON-ready data."""
        return {
            "cluster": self.cluster_id,
            "question": self.question,
            "tier": self.tier.value if self.tier else None,
            "on": self.on.isoformat(),
            "outcome": self.outcome.value,
            "rulebook": self.rulebook,
            "findings": [finding.to_dict() for finding in self.findings],
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per finding (dates as :class:`datetime.date`)."""
        return [
            {
                "cluster": self.cluster_id,
                "question": self.question,
                "on": self.on,
                "outcome": self.outcome.value,
                **finding.to_dict(),
            }
            for finding in self.findings
        ]


def _outcome(findings: Iterable[Finding]) -> Outcome:
    found = [finding.met for finding in findings]
    if False in found:
        return Outcome.NOT_ELIGIBLE
    if None in found:
        return Outcome.UNDETERMINED
    return Outcome.ELIGIBLE


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
    members, visible cooperation with public bodies)" (domain brief).
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
    Source: domain brief, "Eligibility Criteria".
    """
    findings = _criteria_findings(profile, on, rulebook)
    return Decision(
        cluster_id,
        "eligibility_criteria",
        None,
        on,
        _outcome(findings),
        tuple(findings),
        rulebook.id,
    )


def bronze_eligibility(cluster: Cluster, on: dt.date, rulebook: Rulebook = ECEI_2019) -> Decision:
    """Whether the cluster's latest benchmarking on or before ``on`` qualifies for Bronze.

    Bronze needs a benchmarking by an ESCA expert (benchmarkings recorded in a
    portfolio are taken to be theirs) and, for a benchmarking from 2019-11-15
    on, the Eligibility Criteria, judged on the benchmarking's day (the rule in
    force then). Source: https://www.cluster-analysis.org/benchmarked-clusters;
    domain brief, "Bronze".
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
        _outcome(findings),
        tuple(findings),
        rulebook.id,
    )
