"""Explained decisions: an answer, and the findings that make it.

Every "no" comes with the findings that make it no; every finding has a
stable code, a sentence with the figures (a :class:`~cluster_excellence._words.Message`,
made in the language of the output), the rule it applies, the rulebook and
the source. A decision is ``undetermined`` when a figure it needs is not
recorded, and its findings say which.

>>> import datetime as dt
>>> from cluster_excellence import Decision, Finding, Tier
>>> from cluster_excellence._words import Message
>>> from cluster_excellence.rules.decisions import outcome_of
>>> finding = Finding("bronze.benchmarking", True,
...                   Message("benchmarking on {date}", date=dt.date(2019, 7, 25)),
...                   Message("Bronze: a benchmarking by an ESCA expert"), "ecei-2019",
...                   "https://www.cluster-analysis.org/benchmarked-clusters")
>>> decision = Decision("qoot", "Qoot Cluster", "bronze", Tier.BRONZE, dt.date(2020, 1, 1),
...                     outcome_of([finding]), (finding,), "ecei-2019")
>>> decision.outcome, str(decision.findings[0].message)
(Outcome.ELIGIBLE, 'benchmarking on 2019-07-25')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

import attrs

from .._enums import ValueEnum
from .._layout import (
    BOOL,
    DAY,
    MESSAGE,
    TEXT,
    VALUES,
    Column,
    Document,
    Key,
    Layout,
    Shape,
    Table,
    listing,
    words,
)
from .._results import Result
from .._words import N_, Message
from ..model.tiers import Tier

__all__ = [
    "DECISION",
    "DECISION_COLUMNS",
    "FINDING",
    "Decision",
    "Finding",
    "Outcome",
    "PortfolioEligibility",
    "decision_table",
    "outcome_of",
]


class Outcome(ValueEnum):
    """The answer of a decision."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    #: A figure the decision needs is not recorded.
    UNDETERMINED = "undetermined"

    @property
    def words(self) -> str:
        """The outcome for people (in English; translated where it is shown)."""
        return _OUTCOME_WORDS[self]


_OUTCOME_WORDS = {
    Outcome.ELIGIBLE: N_("eligible"),
    Outcome.NOT_ELIGIBLE: N_("not eligible"),
    Outcome.UNDETERMINED: N_("undetermined"),
}
#: What a finding is, as a table shows it: met, not met, missing (a figure is not
#: recorded) or a remark (noted, deciding nothing).
MARKS = ("met", "not_met", "missing", "remark")
N_("met"), N_("not met"), N_("missing"), N_("remark")


@attrs.frozen
class Finding:
    """One reason of a decision."""

    #: Stable identifier, e.g. ``criteria.committed_members``.
    code: str
    #: True met, False not met, None not decidable (a figure is missing).
    met: bool | None
    #: The sentence with the figures, e.g. ``committed members 12 < 15``.
    message: Message
    #: The rule it applies.
    rule: Message
    #: The id of the edition of the rules that made the finding.
    rulebook: str
    #: Where the rule comes from, or the word "decision" and why.
    source: str
    #: A finding that notes something without deciding (``met`` is True), e.g. an
    #: interval beyond what the page asks for where the rulebook makes that a remark.
    remark: bool = False

    @property
    def mark(self) -> str:
        """``met``, ``not_met``, ``missing`` or ``remark``."""
        if self.remark:
            return "remark"
        return {True: "met", False: "not_met", None: "missing"}[self.met]


#: The JSON of a finding: its sentence in English (``message``) and the values it names.
FINDING = Shape(
    "finding",
    Key("code", TEXT),
    Key("met", BOOL, nullable=True),
    Key("message", MESSAGE),
    Key("values", VALUES, lambda finding: finding.message.values),
    Key("rule", MESSAGE),
    Key("rulebook", TEXT),
    Key("source", TEXT),
    Key("remark", BOOL),
)
#: The columns of a decision's table: one row per finding (``eligibility --format csv``).
DECISION_COLUMNS = (
    Column("cluster_id", TEXT, "Cluster"),
    Column("cluster_name", TEXT, "Name", wide=True),
    Column("question", TEXT, "Question"),
    Column("on", DAY, "On"),
    Column("outcome", words(Outcome), "Outcome"),
    Column("code", TEXT, "Code"),
    Column("mark", words(MARKS, "mark"), "Finding"),
    Column("met", BOOL, "Met"),
    Column("message", MESSAGE, "What was found", wide=True),
    Column("rule", MESSAGE, "Rule", wide=True),
    Column("rulebook", TEXT, "Rulebook"),
    Column("source", TEXT, "Source", wide=True),
    Column("remark", BOOL, "Remark"),
)


@attrs.frozen(repr=False)
class Decision(Result):
    """An explained answer: can this organisation get a tier (or meet the criteria) on a day?"""

    #: The cluster's id and name; None for an organisation judged alone.
    cluster_id: str | None
    cluster_name: str | None
    #: ``"eligibility_criteria"``, ``"gold_baseline"`` or a tier's name.
    question: str
    tier: Tier | None
    on: dt.date
    outcome: Outcome
    findings: tuple[Finding, ...]
    rulebook: str

    LAYOUT: ClassVar[Layout]


def _finding_rows(decision: Decision) -> Iterator[dict[str, Any]]:
    for finding in decision.findings:
        yield {
            "cluster_id": decision.cluster_id,
            "cluster_name": decision.cluster_name,
            "question": decision.question,
            "on": decision.on,
            "outcome": decision.outcome,
            "code": finding.code,
            "mark": finding.mark,
            "met": finding.met,
            "message": finding.message,
            "rule": finding.rule,
            "rulebook": finding.rulebook,
            "source": finding.source,
            "remark": finding.remark,
        }


def _question(decision: Decision | PortfolioEligibility) -> Message:
    question = getattr(decision, "question", None)
    tier = decision.tier
    if question == "eligibility_criteria":
        return Message("Eligibility Criteria on {on}", on=decision.on)
    if question == "gold_baseline":
        return Message("Gold minimum requirements on {on}", on=decision.on)
    return Message("{tier} eligibility on {on}", tier=tier, on=decision.on)


def _decision_title(result: Decision | PortfolioEligibility) -> list[Message]:
    return [_question(result), Message("Rulebook: {rulebook}", rulebook=result.rulebook)]


def _decision_group(row: Mapping[str, Any]) -> Message:
    if row["cluster_id"] is None:
        return Message("Outcome: {outcome}", outcome=row["outcome"])
    return Message(
        "{cluster_id} ({cluster_name}): {outcome}",
        cluster_id=row["cluster_id"],
        cluster_name=row["cluster_name"],
        outcome=row["outcome"],
    )


def decision_table(rows: Any) -> Table:
    """The table of decisions' findings, whose rows are ``rows`` of a result."""
    return Table(
        "Eligibility",
        DECISION_COLUMNS,
        rows,
        title=_decision_title,
        empty=Message("No clusters."),
        shown=("cluster_id", "mark", "code", "message"),
        attrs=("on",),
        group=("cluster_id", "cluster_name", "outcome"),
        group_line=_decision_group,
    )


#: The JSON of a decision (an entry of the ``decisions`` of the eligibility document).
DECISION = Shape(
    "decision",
    Key("cluster_id", TEXT, nullable=True),
    Key("cluster_name", TEXT, nullable=True),
    Key("question", TEXT),
    Key("tier", words(Tier), nullable=True),
    Key("on", DAY),
    Key("outcome", words(Outcome)),
    Key("rulebook", TEXT),
    Key("findings", listing(FINDING)),
)
Decision.LAYOUT = Layout([decision_table(_finding_rows)], entry=DECISION)


def outcome_of(findings: Iterable[Finding]) -> Outcome:
    """Not eligible when a finding is not met; else undetermined when one is missing; else
    eligible (docs: *Eligibility*)."""
    found = [finding.met for finding in findings]
    if False in found:
        return Outcome.NOT_ELIGIBLE
    if None in found:
        return Outcome.UNDETERMINED
    return Outcome.ELIGIBLE


@attrs.frozen(repr=False)
class PortfolioEligibility(Result):
    """The decisions on one tier for a portfolio's clusters on one day, in portfolio order."""

    on: dt.date
    tier: Tier
    rulebook: str
    decisions: tuple[Decision, ...]

    LAYOUT: ClassVar[Layout]

    def __iter__(self) -> Iterator[Decision]:
        return iter(self.decisions)

    def __len__(self) -> int:
        return len(self.decisions)

    def eligible(self) -> tuple[str, ...]:
        """The ids of the clusters whose records qualify for the tier."""
        return tuple(d.cluster_id or "" for d in self.decisions if d.outcome is Outcome.ELIGIBLE)


def _portfolio_rows(result: PortfolioEligibility) -> Iterator[dict[str, Any]]:
    for decision in result.decisions:
        yield from _finding_rows(decision)


PortfolioEligibility.LAYOUT = Layout(
    [decision_table(_portfolio_rows)],
    document=Document(
        "cluster-excellence.eligibility/1",
        Shape(
            "eligibility",
            Key("on", DAY),
            Key("tier", words(Tier)),
            Key("rulebook", TEXT),
            Key("decisions", listing(DECISION)),
        ),
    ),
)
