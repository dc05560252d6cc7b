"""What each assessment awards (Decision 5, docs: *Validity and renewal*).

A benchmarking awards Bronze unless recorded as not awarded; a Silver audit
awards Silver when passed; a Gold audit awards Gold when ``passed`` is true
or, without a recorded ``passed``, when its score reaches the pass score of
the rulebook edition in force on the audit's date and every minimum
requirement was met. A failed audit awards nothing and revokes nothing.
Sources: https://www.cluster-analysis.org/benchmarked-clusters,
https://www.cluster-analysis.org/silver-label,
https://www.cluster-analysis.org/gold-label.

>>> import datetime as dt
>>> from cluster_excellence import DEFAULT_RULEBOOK, Benchmark, GoldAudit
>>> from cluster_excellence.rules.awards import awarded_tier
>>> awarded_tier(Benchmark(dt.date(2019, 7, 25)), DEFAULT_RULEBOOK)
Tier.BRONZE
>>> awarded_tier(GoldAudit(dt.date(2017, 11, 17), score=84.0), DEFAULT_RULEBOOK)
Tier.GOLD
>>> print(awarded_tier(GoldAudit(dt.date(2017, 11, 17), score=79.9), DEFAULT_RULEBOOK))
None
"""

from __future__ import annotations

from ..model.assessments import Assessment, Benchmark, GoldAudit, SilverAudit
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier

__all__ = ["awarded_tier", "passes_by_score"]


def passes_by_score(audit: GoldAudit, rulebook: Rulebook) -> bool | None:
    """Whether a Gold audit's score and minimum requirements alone pass, by the pass score
    of the edition of ``rulebook`` in force on the audit's date; None without a score.

    >>> import datetime as dt
    >>> from cluster_excellence import DEFAULT_RULEBOOK, GoldAudit
    >>> from cluster_excellence.rules.awards import passes_by_score
    >>> passes_by_score(GoldAudit(dt.date(2013, 5, 1), score=80.0), DEFAULT_RULEBOOK)
    True
    >>> passes_by_score(GoldAudit(dt.date(2013, 5, 1), score=90.0,
    ...                           minimum_requirements_met=False), DEFAULT_RULEBOOK)
    False
    """
    if audit.score is None:
        return None
    pass_score = rulebook.in_force_on(audit.date).gold_pass_score
    return audit.score >= pass_score and audit.minimum_requirements_met


def awarded_tier(assessment: Assessment, rulebook: Rulebook) -> Tier | None:
    """The tier ``assessment`` awards under ``rulebook``, or None (Decision 5)."""
    if isinstance(assessment, Benchmark):
        return Tier.BRONZE if assessment.awarded else None
    if isinstance(assessment, SilverAudit):
        return Tier.SILVER if assessment.passed else None
    assert isinstance(assessment, GoldAudit)
    passed = assessment.passed
    if passed is None:
        passed = passes_by_score(assessment, rulebook)
    return Tier.GOLD if passed else None
