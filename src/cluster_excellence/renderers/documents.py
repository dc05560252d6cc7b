"""The commands' JSON documents and their JSON Schemas, from the result types' layouts.

Every portfolio-level result is a document whose ``format`` names it
(``cluster-excellence.status/1``); its JSON Schema is derived from the same
declaration that writes it (docs: *JSON Schemas*). The package ships each
schema as ``cluster_excellence/data/<name>.schema.json``
(``tools/make_output_schemas.py`` writes them; a test keeps them current).

>>> from cluster_excellence.renderers.documents import schemas
>>> sorted(schemas())[0]
'cluster-excellence.changes/1'
"""

from __future__ import annotations

from typing import Any

from ..rules.changes import PortfolioChanges
from ..rules.compliance import PortfolioCompliance
from ..rules.consistency import PortfolioCheck
from ..rules.decisions import PortfolioEligibility
from ..rules.gold_points import PortfolioGoldScore
from ..rules.planning import PortfolioPlan
from ..rules.scorecard import PortfolioScorecard
from ..rules.status import PortfolioStatus

__all__ = ["DOCUMENTS", "schema_name", "schemas"]

#: Every result type that is a command's JSON document.
DOCUMENTS: tuple[Any, ...] = (
    PortfolioStatus,
    PortfolioEligibility,
    PortfolioPlan,
    PortfolioCompliance,
    PortfolioChanges,
    PortfolioCheck,
    PortfolioGoldScore,
    PortfolioScorecard,
)


def schema_name(format: str) -> str:
    """The name of a document's shipped schema file: ``status`` for ``.../status/1``."""
    return format.removeprefix("cluster-excellence.").split("/")[0]


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema (draft 2020-12) of each document, by its ``format``."""
    return {kind.LAYOUT.document.format: kind.LAYOUT.document.schema() for kind in DOCUMENTS}
