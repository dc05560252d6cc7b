# The public names of cluster_excellence, each written once: type checkers
# read them here, and the package loads each one's module on first use
# (cluster_excellence._lazy). Everything else is in its module
# (docs: API reference). Keep the groups in the layers' order.

from .errors import DocumentError as DocumentError
from .errors import InvalidTypeError as InvalidTypeError
from .errors import InvalidValueError as InvalidValueError
from .errors import PortfolioError as PortfolioError
from .files.catalogue import read_catalogue as read_catalogue
from .files.listing import read_label_listing as read_label_listing
from .files.portfolio import portfolio_to_json as portfolio_to_json
from .files.portfolio import read_portfolio as read_portfolio
from .files.presets import DEFAULT_RULEBOOK as DEFAULT_RULEBOOK
from .files.presets import get_programme as get_programme
from .files.presets import get_rulebook as get_rulebook
from .files.programme import read_programme as read_programme
from .files.rulebook import read_rulebook as read_rulebook
from .files.samples import benchmarking_catalogue as benchmarking_catalogue
from .files.samples import gold_catalogue as gold_catalogue
from .files.samples import sample_portfolio as sample_portfolio
from .files.table import from_dataframe as from_dataframe
from .files.table import read_portfolio_table as read_portfolio_table
from .model.assessments import Audit as Audit
from .model.assessments import Benchmark as Benchmark
from .model.assessments import GoldAudit as GoldAudit
from .model.assessments import SilverAudit as SilverAudit
from .model.catalogues import Catalogue as Catalogue
from .model.catalogues import Indicator as Indicator
from .model.clusters import Cluster as Cluster
from .model.clusters import Organisation as Organisation
from .model.clusters import Portfolio as Portfolio
from .model.clusters import StatedLabel as StatedLabel
from .model.programmes import Programme as Programme
from .model.rulebooks import Rulebook as Rulebook
from .model.tiers import Tier as Tier
from .render.badge import badge as badge
from .render.ics import plan_to_ics as plan_to_ics
from .render.pictures import label_timeline as label_timeline
from .render.pictures import scorecard_heatmap as scorecard_heatmap
from .render.report import report_html as report_html
from .rules.changes import changes as changes
from .rules.compliance import portfolio_compliance as portfolio_compliance
from .rules.consistency import check_records as check_records
from .rules.eligibility import gold_baseline as gold_baseline
from .rules.gold_points import gold_scores as gold_scores
from .rules.labels import Label as Label
from .rules.labels import Status as Status
from .rules.planning import plan as plan
from .rules.planning import portfolio_eligibility as portfolio_eligibility
from .rules.planning import portfolio_plan as portfolio_plan
from .rules.scorecard import regional_scorecard as regional_scorecard
from .rules.status import cluster_status as cluster_status
from .rules.status import portfolio_status as portfolio_status

__version__: str
__all__: list[str]
