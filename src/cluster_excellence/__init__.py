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
from .errors import CatalogueError, DocumentError, PortfolioError, Problem
from .labels import (
    Label,
    LabelStatus,
    Status,
    apply_award,
    expiry,
    first_expiry,
    first_renewable_until,
    label_history,
    label_status,
    last_seamless_renewal_day,
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
from .status import (
    ClusterStatus,
    PortfolioStatus,
    cluster_status,
    highest_valid_tier,
    portfolio_status,
)
from .tiers import Tier

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
    "parse_catalogue",
    "parse_portfolio",
    "percentile_rank",
    "portfolio_status",
    "portfolio_to_json",
    "quality_light",
    "quality_lights",
    "read_catalogue",
    "read_portfolio",
    "sample_portfolio",
    "silver_eligibility",
]
