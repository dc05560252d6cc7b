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

from .assessments import Assessment, Benchmarking, GoldAudit, SilverAudit, awarded_tier
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
    Portfolio,
    parse_portfolio,
    read_portfolio,
    sample_portfolio,
)
from .rulebook import ECEI_2019, Anchor, ExtensionBase, Rulebook, TierMonths, get_rulebook
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
    "ECEI_2019",
    "Anchor",
    "Assessment",
    "Benchmarking",
    "CatalogueError",
    "Cluster",
    "ClusterStatus",
    "DocumentError",
    "ExtensionBase",
    "GoldAudit",
    "Label",
    "LabelStatus",
    "Portfolio",
    "PortfolioError",
    "PortfolioStatus",
    "Problem",
    "Rulebook",
    "SilverAudit",
    "Status",
    "Tier",
    "TierMonths",
    "__version__",
    "apply_award",
    "awarded_tier",
    "cluster_status",
    "expiry",
    "first_expiry",
    "first_renewable_until",
    "get_rulebook",
    "highest_valid_tier",
    "label_history",
    "label_status",
    "last_seamless_renewal_day",
    "parse_portfolio",
    "portfolio_status",
    "read_portfolio",
    "sample_portfolio",
]
