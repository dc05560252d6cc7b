"""Explained decisions: an answer, and the findings that make it.

Every "no" comes with the findings that make it no; every finding has a
stable code, a one-line message with the figures, the rule it applies, the
rulebook and the source. A decision is ``undetermined`` when a figure it
needs is not recorded, and its findings say which.

>>> finding = Finding("bronze.benchmarking", True, "benchmarking on 2019-07-25",
...                   "Bronze: a benchmarking by an ESCA expert", "ecei-2019",
...                   "https://www.cluster-analysis.org/benchmarked-clusters")
>>> decision = Decision("qoot", "bronze", Tier.BRONZE, dt.date(2020, 1, 1),
...                     outcome_of([finding]), (finding,), "ecei-2019")
>>> print(decision.to_text())
qoot: Bronze on 2020-01-01: eligible (rulebook ecei-2019)
  [met] bronze.benchmarking: benchmarking on 2019-07-25
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from .._enums import ValueEnum
from .._tabular import MAX_HTML_ROWS, Table, Tables, dataframe, records_table
from ..model.tiers import Tier

__all__ = ["DECISION_COLUMNS", "Decision", "Finding", "Outcome", "outcome_of"]

#: The columns of :meth:`Decision.to_records` and ``eligibility --format csv``.
DECISION_COLUMNS = (
    "cluster", "question", "on", "outcome", "code", "met", "message", "rule", "rulebook",
    "source", "remark",
)  # fmt: skip


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
    #: The id of the edition of the rules that made the finding.
    rulebook: str
    #: Where the rule comes from, or the word "decision" and why.
    source: str
    #: A finding that notes something without deciding (``met`` is True), e.g. an
    #: interval beyond what the page asks for where the rulebook makes that a remark.
    remark: bool = False

    @property
    def mark(self) -> str:
        """``met``, ``not met``, ``missing`` or ``remark``, as the text shows it."""
        if self.remark:
            return "remark"
        return {True: "met", False: "not met", None: "missing"}[self.met]

    def to_dict(self) -> dict[str, Any]:
        """This finding as JSON-ready data."""
        return attrs.asdict(self)


@attrs.frozen
class Decision(Tables):
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
        lines.extend(f"  [{f.mark}] {f.code}: {f.message}" for f in self.findings)
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

    def tables(self) -> list[Table]:
        """The result as one table (its XLSX sheet): title, records, columns."""
        return [("Eligibility", self.to_records(), DECISION_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table, as a notebook shows the result; over ``max_rows`` rows, the first
        and last rows around a gap, with the number of rows."""
        caption = self.to_text().splitlines()[0]
        return records_table(
            caption, self.to_records(), ("code", "met", "message", "source"), max_rows
        )

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

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra):
        the day is in ``frame.attrs``, not in a column."""
        return dataframe(self.to_records(), DECISION_COLUMNS, attrs={"on": self.on})


def outcome_of(findings: Iterable[Finding]) -> Outcome:
    found = [finding.met for finding in findings]
    if False in found:
        return Outcome.NOT_ELIGIBLE
    if None in found:
        return Outcome.UNDETERMINED
    return Outcome.ELIGIBLE
