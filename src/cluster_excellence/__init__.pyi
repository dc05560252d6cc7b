# The public API of cluster_excellence, each name written once: type checkers read
# them here, and the package loads each one's module on first use
# (cluster_excellence._lazy). These names, the file formats and the output documents
# are what the compatibility policy holds (docs: Compatibility policy); everything
# else is internal. Keep the groups in the layers' order (tools/make_api_docs.py
# writes the API reference from them, in this order).

# Errors
from .errors import CatalogueError as CatalogueError
from .errors import DocumentError as DocumentError
from .errors import InvalidTypeError as InvalidTypeError
from .errors import InvalidValueError as InvalidValueError
from .errors import ListingError as ListingError
from .errors import PortfolioError as PortfolioError
from .errors import ProgrammeError as ProgrammeError
from .errors import RulebookError as RulebookError

# Sentences for people
from ._words import Message as Message

# Value types
from .model.tiers import Tier as Tier
from .model.rulebooks import Anchor as Anchor
from .model.rulebooks import ExtensionBase as ExtensionBase
from .model.rulebooks import Rulebook as Rulebook
from .model.programmes import Programme as Programme
from .model.assessments import Audit as Audit
from .model.assessments import Benchmark as Benchmark
from .model.assessments import GoldAudit as GoldAudit
from .model.assessments import ImprovementArea as ImprovementArea
from .model.assessments import SilverAudit as SilverAudit
from .model.clusters import Cluster as Cluster
from .model.clusters import Organisation as Organisation
from .model.clusters import Portfolio as Portfolio
from .model.clusters import StatedLabel as StatedLabel
from .model.catalogues import Catalogue as Catalogue
from .model.catalogues import Indicator as Indicator

# Files: reading and writing, the shipped presets and samples
from .files.portfolio import read_portfolio as read_portfolio
from .files.portfolio import portfolio_to_json as portfolio_to_json
from .files.table import read_portfolio_table as read_portfolio_table
from .files.table import from_dataframe as from_dataframe
from .files.rulebook import read_rulebook as read_rulebook
from .files.programme import read_programme as read_programme
from .files.catalogue import read_catalogue as read_catalogue
from .files.listing import read_label_listing as read_label_listing
from .files.presets import DEFAULT_RULEBOOK as DEFAULT_RULEBOOK
from .files.presets import get_rulebook as get_rulebook
from .files.presets import get_programme as get_programme
from .files.samples import sample_portfolio as sample_portfolio
from .files.samples import benchmarking_catalogue as benchmarking_catalogue
from .files.samples import gold_catalogue as gold_catalogue

# Labels and status
from .rules.labels import Label as Label
from .rules.labels import LabelStatus as LabelStatus
from .rules.labels import Status as Status
from .rules.status import ClusterStatus as ClusterStatus
from .rules.status import PortfolioStatus as PortfolioStatus
from .rules.status import StatedDisagreement as StatedDisagreement
from .rules.status import cluster_status as cluster_status
from .rules.status import portfolio_status as portfolio_status

# Decisions: eligibility, the Gold baseline
from .rules.decisions import Decision as Decision
from .rules.decisions import Finding as Finding
from .rules.decisions import Outcome as Outcome
from .rules.decisions import PortfolioEligibility as PortfolioEligibility
from .rules.eligibility import cluster_eligibility as cluster_eligibility
from .rules.eligibility import portfolio_eligibility as portfolio_eligibility
from .rules.eligibility import cluster_gold_baseline as cluster_gold_baseline

# Programme compliance
from .rules.compliance import ClusterCompliance as ClusterCompliance
from .rules.compliance import PortfolioCompliance as PortfolioCompliance
from .rules.compliance import Reason as Reason
from .rules.compliance import Standing as Standing
from .rules.compliance import cluster_compliance as cluster_compliance
from .rules.compliance import portfolio_compliance as portfolio_compliance

# Plans
from .rules.planning import Action as Action
from .rules.planning import ClusterPlan as ClusterPlan
from .rules.planning import PortfolioPlan as PortfolioPlan
from .rules.planning import cluster_plan as cluster_plan
from .rules.planning import portfolio_plan as portfolio_plan

# Changes
from .rules.changes import Change as Change
from .rules.changes import ClusterChanges as ClusterChanges
from .rules.changes import ComplianceChange as ComplianceChange
from .rules.changes import LabelEvent as LabelEvent
from .rules.changes import PortfolioChanges as PortfolioChanges
from .rules.changes import cluster_changes as cluster_changes
from .rules.changes import portfolio_changes as portfolio_changes

# The consistency check
from .rules.consistency import Inconsistency as Inconsistency
from .rules.consistency import PortfolioCheck as PortfolioCheck
from .rules.consistency import StatedMismatch as StatedMismatch
from .rules.consistency import portfolio_check as portfolio_check

# Scoring and the regional scorecard
from .rules.gold_points import ClusterGoldScore as ClusterGoldScore
from .rules.gold_points import GoldScore as GoldScore
from .rules.gold_points import PortfolioGoldScore as PortfolioGoldScore
from .rules.gold_points import cluster_gold_score as cluster_gold_score
from .rules.gold_points import portfolio_gold_score as portfolio_gold_score
from .rules.lights import Light as Light
from .rules.scorecard import PortfolioScorecard as PortfolioScorecard
from .rules.scorecard import group_clusters as group_clusters
from .rules.scorecard import portfolio_scorecard as portfolio_scorecard

# Outputs
from .renderers.formats import render as render
from .renderers.formats import write as write
from .renderers.ics import plan_to_ics as plan_to_ics
from .renderers.pictures import label_timeline as label_timeline
from .renderers.pictures import scorecard_heatmap as scorecard_heatmap
from .renderers.report import report_html as report_html
from .renderers.badge import Badge as Badge
from .renderers.badge import badge as badge

__version__: str
__all__: list[str]
