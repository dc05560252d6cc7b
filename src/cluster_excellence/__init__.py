"""Label status, validity and renewal for the European Cluster Excellence Initiative.

The Bronze, Silver and Gold labels that ESCA/EUCLES award to cluster
management organisations, as immutable value types and pure functions.

>>> import datetime as dt
>>> from cluster_excellence import Benchmarking, Cluster, cluster_status
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmarking(dt.date(2019, 7, 25))])
>>> entry = cluster_status(qoot, dt.date(2021, 7, 31)).labels[0]
>>> entry.tier.value, entry.status.value, entry.label.valid_until.isoformat()
('bronze', 'valid', '2021-07-31')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .assessments import (
    Assessment,
    Benchmarking,
    GoldAudit,
    ImprovementArea,
    IndicatorValues,
    SilverAudit,
    Value,
    awarded_tier,
)
from .errors import CatalogueError, DocumentError, ListingError, PortfolioError, Problem
from .labels import (
    Label,
    LabelStatus,
    StatedLabel,
    Status,
    apply_award,
    expiry,
    first_expiry,
    first_renewable_until,
    label_history,
    label_status,
    last_seamless_renewal_day,
    stated_label_status,
    term_ends,
)
from .portfolio import (
    Cluster,
    Organisation,
    Portfolio,
    parse_portfolio,
    portfolio_to_json,
    read_portfolio,
    sample_portfolio,
)
from .rulebook import ECEI_2019, Anchor, ExtensionBase, Rulebook, TierMonths, get_rulebook
from .status import (
    ClusterStatus,
    PortfolioStatus,
    StatedDisagreement,
    cluster_status,
    highest_valid_tier,
    portfolio_status,
    stated_disagreements,
)
from .tiers import Tier

if TYPE_CHECKING:
    from .catalogue import (
        Area,
        Catalogue,
        Direction,
        Indicator,
        Provenance,
        ValueKind,
        benchmarking_catalogue,
        catalogue_to_json,
        gold_catalogue,
        parse_catalogue,
        read_catalogue,
    )
    from .eligibility import (
        CRITERIA_IN_FORCE_FROM,
        Decision,
        Finding,
        Outcome,
        bronze_eligibility,
        eligibility_criteria,
        gold_baseline,
        gold_eligibility,
        silver_eligibility,
    )
    from .listing import merge_stated_labels, parse_label_listing, read_label_listing
    from .scoring import (
        DEFAULT_LIGHT_RULE,
        AreaSummary,
        Comparison,
        GoldScore,
        IndicatorChange,
        IndicatorLight,
        IndicatorPoints,
        Light,
        LightRule,
        PercentileRank,
        area_summaries,
        compare_benchmarks,
        gold_score,
        percentile_rank,
        quality_light,
        quality_lights,
    )

#: Names whose modules load on first use, so that ``import cluster_excellence``
#: stays quick for the label rules (see the performance page).
_LAZY = {
    **dict.fromkeys(
        (
            "Area",
            "Catalogue",
            "Direction",
            "Indicator",
            "Provenance",
            "ValueKind",
            "benchmarking_catalogue",
            "catalogue_to_json",
            "gold_catalogue",
            "parse_catalogue",
            "read_catalogue",
        ),
        "catalogue",
    ),
    **dict.fromkeys(
        (
            "CRITERIA_IN_FORCE_FROM",
            "Decision",
            "Finding",
            "Outcome",
            "bronze_eligibility",
            "eligibility_criteria",
            "gold_baseline",
            "gold_eligibility",
            "silver_eligibility",
        ),
        "eligibility",
    ),
    **dict.fromkeys(
        (
            "merge_stated_labels",
            "parse_label_listing",
            "read_label_listing",
        ),
        "listing",
    ),
    **dict.fromkeys(
        (
            "DEFAULT_LIGHT_RULE",
            "AreaSummary",
            "Comparison",
            "GoldScore",
            "IndicatorChange",
            "IndicatorLight",
            "IndicatorPoints",
            "Light",
            "LightRule",
            "PercentileRank",
            "area_summaries",
            "compare_benchmarks",
            "gold_score",
            "percentile_rank",
            "quality_light",
            "quality_lights",
        ),
        "scoring",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__version__ = "0.1.0.dev0"

__all__ = [
    "CRITERIA_IN_FORCE_FROM",
    "DEFAULT_LIGHT_RULE",
    "ECEI_2019",
    "Anchor",
    "Area",
    "AreaSummary",
    "Assessment",
    "Benchmarking",
    "Catalogue",
    "CatalogueError",
    "Cluster",
    "ClusterStatus",
    "Comparison",
    "Decision",
    "Direction",
    "DocumentError",
    "ExtensionBase",
    "Finding",
    "GoldAudit",
    "GoldScore",
    "ImprovementArea",
    "Indicator",
    "IndicatorChange",
    "IndicatorLight",
    "IndicatorPoints",
    "IndicatorValues",
    "Label",
    "LabelStatus",
    "Light",
    "LightRule",
    "ListingError",
    "Organisation",
    "Outcome",
    "PercentileRank",
    "Portfolio",
    "PortfolioError",
    "PortfolioStatus",
    "Problem",
    "Provenance",
    "Rulebook",
    "SilverAudit",
    "StatedDisagreement",
    "StatedLabel",
    "Status",
    "Tier",
    "TierMonths",
    "Value",
    "ValueKind",
    "__version__",
    "apply_award",
    "area_summaries",
    "awarded_tier",
    "benchmarking_catalogue",
    "bronze_eligibility",
    "catalogue_to_json",
    "cluster_status",
    "compare_benchmarks",
    "eligibility_criteria",
    "expiry",
    "first_expiry",
    "first_renewable_until",
    "get_rulebook",
    "gold_baseline",
    "gold_catalogue",
    "gold_eligibility",
    "gold_score",
    "highest_valid_tier",
    "label_history",
    "label_status",
    "last_seamless_renewal_day",
    "merge_stated_labels",
    "parse_catalogue",
    "parse_label_listing",
    "parse_portfolio",
    "percentile_rank",
    "portfolio_status",
    "portfolio_to_json",
    "quality_light",
    "quality_lights",
    "read_catalogue",
    "read_label_listing",
    "read_portfolio",
    "sample_portfolio",
    "silver_eligibility",
    "stated_disagreements",
    "stated_label_status",
    "term_ends",
]
