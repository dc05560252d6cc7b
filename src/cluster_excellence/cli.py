"""The ``cluster-excellence`` command line (``python -m cluster_excellence``).

One table of commands (:data:`COMMANDS`); each shared option is defined
once (:class:`Option`) and given to every command it makes sense for. A
command reads its input through :class:`Run` (one way to load a
portfolio, from a file, standard input or the shipped sample) and writes
through it (standard output, or ``--output`` written safely), and returns
its exit status.

Exit status: 0 on success (``check``: 1 with findings); 2 for bad input,
bad usage or output that cannot be written, with a message on standard
error and nothing on standard output; 130 when interrupted (Ctrl-C); 141
when standard output is closed early (a broken pipe).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import attrs

from ._checks import text_problem
from ._output import OutputError, write_file, write_stdout
from ._text import printable, shorten, show
from ._version import __version__
from .errors import DocumentError, ListingError, PortfolioError, ProgrammeError, RulebookError
from .files._json import read_stdin
from .files.catalogue import read_catalogue
from .files.listing import (
    DEFAULT_SOURCE,
    merge_stated_labels,
    parse_label_listing,
    read_label_listing,
)
from .files.portfolio import DEFAULT_MAX_BYTES, portfolio_to_json, read_document, read_portfolio
from .files.presets import PROGRAMME_IDS, RULEBOOK_IDS, get_programme, get_rulebook
from .files.programme import DEFAULT_MAX_BYTES as PROGRAMME_MAX_BYTES
from .files.programme import read_programme, read_programme_document
from .files.rulebook import DEFAULT_MAX_BYTES as RULEBOOK_MAX_BYTES
from .files.rulebook import read_rulebook, read_rulebook_document
from .files.samples import benchmarking_catalogue, gold_catalogue, sample_portfolio
from .files.table import (
    DATE_ORDERS,
    DECIMALS,
    TABLE_SUFFIXES,
    portfolio_to_csv,
    portfolio_to_ods,
    portfolio_to_xlsx,
    read_portfolio_table,
)
from .model.catalogues import Catalogue
from .model.clusters import Cluster, Portfolio
from .model.programmes import Programme
from .model.rulebooks import Anchor, ExtensionBase, Rulebook
from .model.tiers import Tier
from .render import csv as csv_render
from .render import json as json_render
from .render import pictures
from .render import report as report_render
from .render import text as text_render
from .render import xlsx as xlsx_render
from .render.badge import badge
from .render.ics import plan_to_ics, reminder_days
from .rules.changes import changes
from .rules.compliance import portfolio_compliance
from .rules.consistency import check_records
from .rules.gold_points import gold_scores
from .rules.planning import portfolio_eligibility, portfolio_plan
from .rules.scorecard import GROUP_FIELDS, group_clusters, regional_scorecard
from .rules.status import cluster_status, portfolio_status, stated_disagreements

__all__ = ["COMMANDS", "main", "run"]

PROG = "cluster-excellence"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: Exit statuses.
OK, FINDINGS, BAD_INPUT, INTERRUPTED, BROKEN_PIPE = 0, 1, 2, 130, 141


class UsageError(Exception):
    """Bad input that is reported in one message, with exit status 2."""


# -- argument types ----------------------------------------------------------------------


def _day(text: str) -> dt.date:
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"{show(text)} is not a date in YYYY-MM-DD form")


def _months(text: str) -> int:
    # Up to nine digits: no horizon needs more, and int() refuses thousands of them.
    if text.isascii() and text.isdigit() and len(text) <= 9 and int(text) > 0:
        return int(text)
    raise argparse.ArgumentTypeError(f"{show(text)} is not a whole number of months above 0")


def _days(text: str) -> int:
    # Up to six digits: 999,999 days is beyond any label's term, and int() stays cheap.
    if text.isascii() and text.isdigit() and len(text) <= 6:
        return int(text)
    raise argparse.ArgumentTypeError(f"{show(text)} is not a whole number of days, 0 or more")


def _lead_times(text: str) -> tuple[int, ...]:
    try:
        return reminder_days(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _text(text: str) -> str:
    problem = text_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{show(text)} {problem}")
    return text


# -- options, each defined once ------------------------------------------------------------


@attrs.frozen
class Option:
    """A command-line option (or positional argument), defined once."""

    flags: tuple[str, ...]
    settings: Mapping[str, Any]

    def add(self, parser: argparse.ArgumentParser) -> None:
        """Add the option to ``parser``."""
        parser.add_argument(*self.flags, **self.settings)


def _formats(*names: str) -> Option:
    return _formats_default("table", *names)


def _formats_default(default: str, *names: str) -> Option:
    return Option(
        ("--format",),
        {"choices": names, "default": default, "help": "the output format (default: %(default)s)"},
    )


PORTFOLIO = Option(
    ("portfolio",),
    {
        "nargs": "?",
        "metavar": "PORTFOLIO",
        "help": "a portfolio: a cluster-excellence.portfolio/1 JSON file, a .csv or .xlsx "
        "table with one row per assessment, or - for JSON on standard input (default: a "
        "sample shipped with the package)",
    },
)
DATE_ORDER = Option(
    ("--date-order",),
    {
        "choices": DATE_ORDERS,
        "help": "how a table's written dates order day and month, e.g. dmy for 25.07.2019 "
        "(default: the order a column proves; YYYY-MM-DD and date cells need none)",
    },
)
SHEET = Option(
    ("--sheet",),
    {"metavar": "NAME", "help": "the sheet of an .xlsx portfolio (default: the first)"},
)
DECIMAL = Option(
    ("--decimal",),
    {
        "choices": DECIMALS,
        "metavar": "MARK",
        "help": "the decimal mark (. or ,) of a table's numbers written as text: , for 83,5 "
        "(default: a comma in a semicolon-separated CSV file, else a point)",
    },
)
#: What every command that reads a portfolio table takes.
TABLE_INPUT = (DATE_ORDER, DECIMAL, SHEET)
ON = Option(
    ("--on",), {"type": _day, "metavar": "DATE", "help": "the day, YYYY-MM-DD (default: today)"}
)
RULEBOOK = Option(
    ("--rulebook",),
    {
        "default": "ecei-2019",
        "metavar": "ID|FILE",
        "help": f"the rulebook: a preset ({', '.join(RULEBOOK_IDS)}) or a rulebook file "
        "(default: %(default)s, with the editions before it)",
    },
)
PINNED = Option(
    ("--pinned",),
    {
        "action": "store_true",
        "help": "judge every assessment by the rulebook's latest edition, whatever its date "
        "(default: each by the edition in force on its date)",
    },
)
ANCHOR = Option(
    ("--anchor",),
    {
        "choices": [a.value for a in Anchor],
        "help": "how validity is anchored (default: the rulebook's, month-end for ecei-2019)",
    },
)
EXTENSION_BASE = Option(
    ("--extension-base",),
    {
        "choices": [e.value for e in ExtensionBase],
        "help": "what a renewal extends from (default: the rulebook's, previous-expiry for "
        "ecei-2019)",
    },
)
#: The rule options: every command that applies the label rules takes them.
RULES = (RULEBOOK, PINNED, ANCHOR, EXTENSION_BASE)
RETROACTIVE = Option(
    ("--retroactive",),
    {
        "action": "store_true",
        "help": "count assessments after the day too (a later renewal covers the gap)",
    },
)
OUTPUT = Option(
    ("--output", "-o"),
    {
        "metavar": "FILE",
        "help": "write to FILE instead of standard output (all at once; never over an input)",
    },
)
GOLD_CATALOGUE = Option(
    ("--catalogue",),
    {"metavar": "FILE", "help": "the Gold catalogue (default: the shipped reference)"},
)
BENCHMARKING_CATALOGUE = Option(
    ("--catalogue",),
    {"metavar": "FILE", "help": "the benchmarking catalogue (default: the shipped reference)"},
)
TIER = Option(("--tier",), {"choices": [t.value for t in Tier], "required": True})
#: ``--programme`` where several may be followed (repeated).
PROGRAMMES_FOLLOWED = Option(
    ("--programme",),
    {
        "action": "append",
        "metavar": "ID|FILE",
        "help": "a programme to follow (a preset: "
        f"{', '.join(PROGRAMME_IDS)}; or a programme file; repeat for more): plan adds "
        "the day each cluster falls out of it, changes the days it is gained or lost",
    },
)
TABLES = _formats("table", "json", "csv", "xlsx")


# -- one run of a command ------------------------------------------------------------------

#: How rulebook and programme files are read: what, file reader, document reader, size, error.
_RULEBOOK_FILES = (
    "rulebook",
    read_rulebook,
    read_rulebook_document,
    RULEBOOK_MAX_BYTES,
    RulebookError,
)
_PROGRAMME_FILES = (
    "programme",
    read_programme,
    read_programme_document,
    PROGRAMME_MAX_BYTES,
    ProgrammeError,
)


class Run:
    """What a command needs: its arguments, its inputs, and where its output goes."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        #: The files read so far ("-" for standard input): output never goes onto them.
        self.inputs: list[str] = []

    @property
    def on(self) -> dt.date:
        """The day of ``--on``, or today."""
        day: dt.date | None = getattr(self.args, "on", None)
        return day if day is not None else dt.date.today()

    def stdin(self, max_bytes: int, error: type[DocumentError]) -> bytes:
        """Standard input, which one argument of a run may name (``-``)."""
        if "-" in self.inputs:
            raise UsageError("only one argument may read standard input (-)")
        self.inputs.append("-")
        return read_stdin(max_bytes, error)

    def _preset_or_file(
        self, option: str, name: str, presets: tuple[str, ...], get: Callable[[str], Any], kind: Any
    ) -> Any:
        """The preset ``name`` (one of ``presets``, given by ``get``), or the document in the
        file ``name`` (``-``: standard input) read by ``kind``: (what, read_file,
        read_document, max_bytes, error)."""
        if name in presets:
            return get(name)
        what, read_file, read_document, max_bytes, error = kind
        if name == "-":
            return read_document(self.stdin(max_bytes, error), "<stdin>")
        if Path(name).suffix or os.sep in name or Path(name).exists():
            self.inputs.append(name)
            return read_file(name)
        known = ", ".join(presets)
        raise UsageError(f"{option}: {show(name)} is neither a preset ({known}) nor a {what} file")

    def rulebook(self) -> Rulebook:
        """The rulebook of ``--rulebook`` (a preset id or a file), ``--pinned``,
        ``--anchor`` and ``--extension-base``; the variant applies to every edition."""
        rulebook: Rulebook = self._preset_or_file(
            "--rulebook", self.args.rulebook, RULEBOOK_IDS, get_rulebook, _RULEBOOK_FILES
        )
        if self.args.pinned:
            rulebook = rulebook.pinned()
        changes: dict[str, Any] = {}
        if self.args.anchor is not None:
            changes["anchor"] = Anchor(self.args.anchor)
        if self.args.extension_base is not None:
            changes["extension_base"] = ExtensionBase(self.args.extension_base)
        return rulebook.variant(**changes)

    def programme(self, name: str) -> Programme:
        """The programme ``name`` of ``--programme``: a preset id or a programme file."""
        programme: Programme = self._preset_or_file(
            "--programme", name, PROGRAMME_IDS, get_programme, _PROGRAMME_FILES
        )
        return programme

    def programmes(self) -> list[Programme]:
        """The programmes of a repeated ``--programme``, each once, in the order given."""
        return [self.programme(name) for name in dict.fromkeys(self.args.programme or ())]

    def catalogue(self, purpose: str) -> Catalogue:
        """The catalogue of ``--catalogue``, or the shipped one of ``purpose``."""
        path = getattr(self.args, "catalogue", None)
        if path is None:
            return benchmarking_catalogue() if purpose == "benchmarking" else gold_catalogue()
        self.inputs.append(path)
        catalogue = read_catalogue(path)
        if catalogue.purpose != purpose:
            shown = printable(path)
            raise UsageError(
                f"{shown}: a {catalogue.purpose} catalogue, but this needs a {purpose} one"
            )
        return catalogue

    def read(self, path: str, catalogues: Sequence[Catalogue] = ()) -> Portfolio:
        """The portfolio in the file ``path`` (JSON, or a .csv or .xlsx table by its
        extension), or JSON on standard input for ``-``."""
        if path == "-":
            return read_document(
                self.stdin(DEFAULT_MAX_BYTES, PortfolioError), "<stdin>", catalogues
            )
        self.inputs.append(path)
        if Path(path).suffix.lower() in TABLE_SUFFIXES:
            try:
                return read_portfolio_table(
                    path,
                    date_order=getattr(self.args, "date_order", None),
                    decimal=getattr(self.args, "decimal", None),
                    sheet=getattr(self.args, "sheet", None),
                    catalogues=catalogues,
                )
            except ImportError as error:
                raise UsageError(str(error)) from None
        return read_portfolio(path, catalogues=catalogues)

    def portfolio(self, sample: str = "labels", catalogues: Sequence[Catalogue] = ()) -> Portfolio:
        """The portfolio named on the command line, or the shipped sample ``sample``."""
        path: str | None = self.args.portfolio
        return sample_portfolio(sample) if path is None else self.read(path, catalogues)

    def emit(self, output: str | bytes) -> None:
        """Write the command's output to ``--output`` (safely) or to standard output."""
        data = output.encode("utf-8") if isinstance(output, str) else output
        path: str | None = getattr(self.args, "output", None)
        if path is None:
            write_stdout(data)
        else:
            write_file(path, data, protect=self.inputs)

    def render(self, renderers: Renderers, *result: Any) -> None:
        """Render ``result`` in the chosen ``--format`` and emit it (``xlsx`` only to a
        file: a workbook is no text for a terminal)."""
        if self.args.format == "xlsx":
            if getattr(self.args, "output", None) is None:
                raise UsageError("--format xlsx needs --output FILE.xlsx")
            try:
                data = renderers["xlsx"](*result)
            except ImportError as error:
                raise UsageError(str(error)) from None
            self.emit(data)
            return
        self.emit(renderers[self.args.format](*result))


# -- the renderings of each kind of result, by --format ----------------------------------

#: A kind of result's renderers, by ``--format``: text, or bytes for xlsx.
Renderers = Mapping[str, Callable[..., "str | bytes"]]

STATUS: Renderers = {
    "table": text_render.status_table,
    "json": json_render.status_json,
    "csv": csv_render.status_csv,
    "xlsx": xlsx_render.result_xlsx,
}
SCORECARD: Renderers = {
    "table": text_render.scorecard_table,
    "json": json_render.scorecard_json,
    "csv": csv_render.scorecard_csv,
    "xlsx": xlsx_render.result_xlsx,
}
GOLD_SCORES: Renderers = {
    "table": text_render.gold_scores_table,
    "json": json_render.gold_scores_json,
    "csv": csv_render.gold_scores_csv,
    "xlsx": xlsx_render.result_xlsx,
}
DECISIONS: Renderers = {
    "table": text_render.decisions_table,
    "json": json_render.decisions_json,
    "csv": csv_render.decisions_csv,
    "xlsx": xlsx_render.decisions_xlsx,
}
PLANS: Renderers = {
    "table": text_render.plans_table,
    "json": json_render.plans_json,
    "csv": csv_render.plans_csv,
    "xlsx": xlsx_render.plans_xlsx,
}
COMPLIANCE: Renderers = {
    "table": text_render.compliance_table,
    "json": json_render.compliance_json,
    "csv": csv_render.compliance_csv,
    "xlsx": xlsx_render.result_xlsx,
}
CHANGES: Renderers = {
    "table": text_render.changes_table,
    "json": json_render.changes_json,
    "csv": csv_render.changes_csv,
    "xlsx": xlsx_render.result_xlsx,
}
INCONSISTENCIES: Renderers = {
    "table": text_render.inconsistencies_table,
    "json": json_render.inconsistencies_json,
    "csv": csv_render.inconsistencies_csv,
    "xlsx": xlsx_render.inconsistencies_xlsx,
}

# -- the commands --------------------------------------------------------------------------


def _status(run: Run) -> int:
    rulebook = run.rulebook()
    portfolio = run.portfolio()
    result = portfolio_status(portfolio, run.on, rulebook, retroactive=run.args.retroactive)
    if run.args.expiring_within is not None:
        result = result.expiring(run.args.expiring_within)
    run.render(STATUS, result)
    return OK


def _scorecard(run: Run) -> int:
    catalogue = run.catalogue("benchmarking")
    group_by = run.args.group_by
    if run.args.portfolio is None:
        region = sample_portfolio("region")
        group_by = group_by or "country"
    else:
        region = run.read(run.args.portfolio, [catalogue])
    if run.args.reference is not None:
        reference, reference_name = run.read(run.args.reference, [catalogue]), run.args.reference
    elif run.args.portfolio is None:
        reference, reference_name = sample_portfolio("reference"), "sample-reference.json"
    else:
        reference, reference_name = region, run.args.portfolio
    groups = (
        group_clusters(reference, group_by)
        if group_by
        else {Path(reference_name).name: tuple(reference)}
    )
    result = regional_scorecard(region, groups, catalogue, run.on)
    run.render(SCORECARD, result)
    return OK


def _gold_score(run: Run) -> int:
    catalogue = run.catalogue("gold")
    portfolio = run.portfolio("reference", [catalogue])
    result = gold_scores(portfolio, catalogue, run.on, run.rulebook())
    run.render(GOLD_SCORES, result)
    return OK


def _eligibility(run: Run) -> int:
    catalogue = run.catalogue("gold")
    rulebook = run.rulebook()
    portfolio = run.portfolio(catalogues=[catalogue])
    found = portfolio_eligibility(
        portfolio, Tier(run.args.tier), run.on, rulebook, catalogue=catalogue
    )
    run.render(DECISIONS, found.decisions)
    return OK


def _plan(run: Run) -> int:
    catalogue = run.catalogue("gold")
    rulebook = run.rulebook()
    if run.args.remind is not None and run.args.format != "ics":
        raise UsageError("--remind needs --format ics")
    programmes = run.programmes()
    portfolio = run.portfolio(catalogues=[catalogue])
    plans = portfolio_plan(
        portfolio,
        run.on,
        rulebook,
        within_months=run.args.within,
        catalogue=catalogue,
        programmes=programmes,
    ).plans
    if run.args.format == "ics":
        run.emit(plan_to_ics(plans, remind=run.args.remind or ()))
    else:
        run.render(PLANS, plans)
    return OK


def _compliance(run: Run) -> int:
    rulebook = run.rulebook()
    programme = run.programme(run.args.programme)
    portfolio = run.portfolio()
    run.render(COMPLIANCE, portfolio_compliance(portfolio, programme, run.on, rulebook))
    return OK


def _check(run: Run) -> int:
    catalogue = run.catalogue("gold")
    rulebook = run.rulebook()
    portfolio = run.portfolio(catalogues=[catalogue])
    found = check_records(portfolio, rulebook, catalogue=catalogue)
    stated = [
        (f"clusters[{index}]", cluster.id, disagreement)
        for index, cluster in enumerate(portfolio)
        for disagreement in stated_disagreements(cluster, rulebook)
    ]
    run.render(INCONSISTENCIES, found, stated)
    return FINDINGS if found or stated else OK


def _timeline(run: Run) -> int:
    output: str = run.args.output
    fmt = Path(output).suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise UsageError(f"{printable(output)}: the picture must be a .png or .svg file")
    try:
        pictures.require_matplotlib()
    except ImportError as error:
        raise UsageError(str(error)) from None
    rulebook = run.rulebook()
    clusters = list(run.portfolio())
    if run.args.cluster:
        known = {cluster.id: cluster for cluster in clusters}
        unknown = [name for name in run.args.cluster if name not in known]
        if unknown:
            raise UsageError(f"no cluster with id {', '.join(repr(printable(n)) for n in unknown)}")
        clusters = [known[name] for name in dict.fromkeys(run.args.cluster)]
    try:
        figure = pictures.label_timeline(clusters, on=run.on, rulebook=rulebook)
    except ValueError as error:
        raise UsageError(str(error)) from None
    run.emit(pictures.figure_bytes(figure, fmt))
    return OK


def _changes(run: Run) -> int:
    since, until = run.args.since, run.args.until or dt.date.today()
    if until < since:
        raise UsageError(f"--to {until.isoformat()} is before --from {since.isoformat()}")
    rulebook = run.rulebook()
    programmes = run.programmes()
    portfolio = run.portfolio()
    run.render(CHANGES, changes(portfolio, since, until, rulebook, programmes=programmes))
    return OK


def _chosen_cluster(run: Run, portfolio: Portfolio) -> Cluster:
    for cluster in portfolio:
        if cluster.id == run.args.cluster:
            return cluster
    raise UsageError(f"no cluster with id {show(run.args.cluster)}")


def _badge(run: Run) -> int:
    rulebook = run.rulebook()
    cluster = _chosen_cluster(run, run.portfolio())
    found = badge(cluster_status(cluster, run.on, rulebook))
    run.emit(found.to_svg() if run.args.format == "svg" else json_render.dumps(found.to_dict()))
    return OK


def _report(run: Run) -> int:
    output: str = run.args.output
    if Path(output).suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"{printable(output)}: the report must be an .html file")
    try:
        pictures.require_matplotlib()
    except ImportError as error:
        raise UsageError(str(error)) from None
    rulebook = run.rulebook()
    programme = None if run.args.programme is None else run.programme(run.args.programme)
    catalogue = run.catalogue("benchmarking")
    portfolio = run.portfolio(catalogues=[catalogue])
    page = report_render.report_html(
        portfolio,
        run.on,
        rulebook,
        programme=programme,
        catalogue=catalogue,
        plan_months=run.args.within,
    )
    run.emit(page)
    return OK


#: How ``convert`` writes a portfolio, by the output's extension.
_WRITERS: dict[str, Callable[[Portfolio], str | bytes]] = {
    ".json": portfolio_to_json,
    ".csv": portfolio_to_csv,
    ".xlsx": portfolio_to_xlsx,
    ".ods": portfolio_to_ods,
}


def _convert(run: Run) -> int:
    output: str = run.args.output
    writer = _WRITERS.get(Path(output).suffix.lower())
    if writer is None:
        raise UsageError(
            f"{printable(output)}: the output must be a .json, .csv, .xlsx or .ods file"
        )
    portfolio = run.read(run.args.input)
    try:
        data = writer(portfolio)
    except PortfolioError as error:
        raise UsageError(f"{printable(output)}: cannot hold {error}") from None
    except ImportError as error:
        raise UsageError(str(error)) from None
    run.emit(data)
    return OK


def _import_listing(run: Run) -> int:
    args = run.args
    if args.listing == "-":
        data = run.stdin(DEFAULT_MAX_BYTES, ListingError)
        listing = parse_label_listing(
            data, tier=args.tier, source=args.source, name="<stdin>", date_order=args.date_order
        )
    else:
        run.inputs.append(args.listing)
        listing = read_label_listing(
            args.listing, tier=args.tier, source=args.source, date_order=args.date_order
        )
    if args.into is not None:
        into = run.read(args.into)
        try:
            listing = merge_stated_labels(into, listing)
        except ValueError as error:
            raise UsageError(f"{printable(args.into)}: {error}") from None
    run.emit(portfolio_to_json(listing))
    return OK


# -- the table of commands -------------------------------------------------------------------


@attrs.frozen
class Command:
    """A command: its name, what it does, its options, how it runs, and examples."""

    name: str
    summary: str
    description: str
    options: tuple[Option, ...]
    run: Callable[[Run], int]
    examples: tuple[str, ...]


COMMANDS: tuple[Command, ...] = (
    Command(
        "status",
        "the status of every cluster's labels on a day",
        "Print the status of every cluster's Bronze, Silver and Gold labels on a day. "
        "Without PORTFOLIO, the sample portfolio shipped with the package.",
        (
            PORTFOLIO,
            ON,
            *RULES,
            RETROACTIVE,
            Option(
                ("--expiring-within",),
                {
                    "type": _days,
                    "metavar": "DAYS",
                    "help": "keep only the labels valid on the day that end at most DAYS days "
                    "after it (and the clusters that hold one)",
                },
            ),
            TABLES,
            OUTPUT,
        ),
        _status,
        (
            "cluster-excellence status --on 2021-08-01",
            "cluster-excellence status portfolio.json --expiring-within 90",
            "cluster-excellence status portfolio.json --format json --output status.json",
        ),
    ),
    Command(
        "scorecard",
        "the regional scorecard: a region's benchmarks against reference groups",
        "Compare a region's clusters with reference groups, indicator by indicator. Without "
        "PORTFOLIO, the shipped synthetic region of 7 clusters against the synthetic "
        "reference of 36, grouped by country.",
        (
            PORTFOLIO,
            Option(
                ("--reference",),
                {
                    "metavar": "FILE",
                    "help": "the reference clusters (default: PORTFOLIO itself when given, "
                    "else the shipped synthetic reference)",
                },
            ),
            Option(
                ("--group-by",),
                {
                    "choices": GROUP_FIELDS,
                    "help": "form reference groups by this field (default: one group; "
                    "country for the shipped samples)",
                },
            ),
            ON,
            BENCHMARKING_CATALOGUE,
            TABLES,
            OUTPUT,
        ),
        _scorecard,
        (
            "cluster-excellence scorecard --on 2026-11-20",
            "cluster-excellence scorecard region.json --reference europe.json --group-by country",
        ),
    ),
    Command(
        "gold-score",
        "Gold points and pass or fail of each cluster's latest Gold audit",
        "Score each cluster's latest Gold audit with indicator values against a Gold "
        "catalogue. Without PORTFOLIO, the shipped synthetic reference of 36 clusters.",
        (PORTFOLIO, ON, *RULES, GOLD_CATALOGUE, TABLES, OUTPUT),
        _gold_score,
        (
            "cluster-excellence gold-score --on 2026-11-20",
            "cluster-excellence gold-score audits.json --catalogue official-gold.json --format csv",
        ),
    ),
    Command(
        "eligibility",
        "whether each cluster can get a tier, and why not",
        "Explain, for each cluster, whether its records qualify for a tier.",
        (PORTFOLIO, TIER, ON, *RULES, GOLD_CATALOGUE, TABLES, OUTPUT),
        _eligibility,
        (
            "cluster-excellence eligibility --tier silver --on 2026-11-20",
            "cluster-excellence eligibility portfolio.json --tier gold --format json",
        ),
    ),
    Command(
        "plan",
        "the dated actions ahead: expiries, renewal deadlines, Silver windows, next tier",
        "List each cluster's dated actions from a day on.",
        (
            PORTFOLIO,
            ON,
            *RULES,
            Option(
                ("--within",),
                {
                    "type": _months,
                    "metavar": "MONTHS",
                    "help": "only actions within this many months",
                },
            ),
            GOLD_CATALOGUE,
            PROGRAMMES_FOLLOWED,
            _formats("table", "json", "csv", "xlsx", "ics"),
            Option(
                ("--remind",),
                {
                    "type": _lead_times,
                    "metavar": "DAYS[,DAYS...]",
                    "help": "with --format ics: an alarm this many days before each event "
                    "after the day (e.g. 90,30,7)",
                },
            ),
            OUTPUT,
        ),
        _plan,
        (
            "cluster-excellence plan --on 2026-11-20 --within 12",
            "cluster-excellence plan portfolio.json --format ics --output deadlines.ics",
        ),
    ),
    Command(
        "compliance",
        "which clusters meet a programme's label requirement on a day, and until when",
        "Say, for each cluster, whether it holds a label that a cluster programme accepts on "
        "a day, which tier counts, the last day its labels keep it compliant, and why. "
        "Without PORTFOLIO, the sample portfolio shipped with the package.",
        (
            PORTFOLIO,
            Option(
                ("--programme",),
                {
                    "required": True,
                    "metavar": "ID|FILE",
                    "help": f"the programme: a preset ({', '.join(PROGRAMME_IDS)}) or a "
                    "programme file",
                },
            ),
            ON,
            *RULES,
            TABLES,
            OUTPUT,
        ),
        _compliance,
        (
            "cluster-excellence compliance --programme no-gce --on 2026-11-20",
            "cluster-excellence compliance portfolio.json --programme regional.json --format csv",
        ),
    ),
    Command(
        "changes",
        "what changed between two days: labels awarded, renewed, expired, lapsed",
        "List every day after --from through --to on which a label's status, as of that "
        "day, changed: awarded (a new label), renewed (valid until moves later), expired, "
        "lapsed; with --programme also the days a cluster gained or lost a programme. "
        "Without PORTFOLIO, the sample portfolio shipped with the package.",
        (
            PORTFOLIO,
            Option(
                ("--from",),
                {
                    "dest": "since",
                    "type": _day,
                    "required": True,
                    "metavar": "DATE",
                    "help": "the day of the last look: changes after it count",
                },
            ),
            Option(
                ("--to",),
                {
                    "dest": "until",
                    "type": _day,
                    "metavar": "DATE",
                    "help": "the last day that counts (default: today)",
                },
            ),
            *RULES,
            PROGRAMMES_FOLLOWED,
            TABLES,
            OUTPUT,
        ),
        _changes,
        (
            "cluster-excellence changes --from 2026-01-01 --to 2026-11-20",
            "cluster-excellence changes portfolio.json --from 2026-10-01 --programme no-gce "
            "--format json",
        ),
    ),
    Command(
        "check",
        "validate a portfolio and report recorded awards that contradict the rules",
        "Report recorded awards that contradict the rules and stated labels that disagree "
        "with the assessments. Exit status 0 when clean, 1 with findings, 2 for bad input.",
        (PORTFOLIO, *RULES, GOLD_CATALOGUE, TABLES, OUTPUT),
        _check,
        (
            "cluster-excellence check portfolio.json",
            "cluster-excellence check portfolio.json --format json --output findings.json",
        ),
    ),
    Command(
        "timeline",
        "draw each cluster's labels over time (needs the plot extra)",
        "Draw a label timeline: per cluster and tier the labels, their renewal windows, "
        "stated labels and the assessments. Needs matplotlib: "
        "pip install 'cluster_excellence[plot]'.",
        (
            PORTFOLIO,
            ON,
            *RULES,
            Option(
                ("--cluster",),
                {
                    "action": "append",
                    "metavar": "ID",
                    "help": "draw only this cluster (repeat for more; default: all)",
                },
            ),
            Option(
                ("--output", "-o"),
                {"metavar": "FILE", "required": True, "help": "the picture, FILE.png or FILE.svg"},
            ),
        ),
        _timeline,
        (
            "cluster-excellence timeline --on 2026-11-20 --output timeline.png",
            "cluster-excellence timeline portfolio.json --cluster qoot --output qoot.svg",
        ),
    ),
    Command(
        "report",
        "a self-contained, printable HTML report to send (needs the plot extra)",
        "Write one HTML page: the status table, the compliance table with --programme, the "
        "plan ahead, the label timeline and, when the portfolio has indicator values, the "
        "scorecard heat map. It makes no request of any kind and prints on A4. Needs "
        "matplotlib: pip install 'cluster_excellence[plot]'.",
        (
            PORTFOLIO,
            ON,
            *RULES,
            Option(
                ("--programme",),
                {
                    "metavar": "ID|FILE",
                    "help": "add the compliance table of this programme (a preset: "
                    f"{', '.join(PROGRAMME_IDS)}; or a programme file)",
                },
            ),
            Option(
                ("--within",),
                {
                    "type": _months,
                    "default": report_render.DEFAULT_PLAN_MONTHS,
                    "metavar": "MONTHS",
                    "help": "how far ahead the plan looks (default: %(default)s months)",
                },
            ),
            BENCHMARKING_CATALOGUE,
            Option(
                ("--output", "-o"),
                {"metavar": "FILE", "required": True, "help": "the report, FILE.html"},
            ),
        ),
        _report,
        (
            "cluster-excellence report --on 2026-11-20 --output report.html",
            "cluster-excellence report portfolio.json --programme de-go-cluster -o report.html",
        ),
    ),
    Command(
        "badge",
        "a badge of a cluster's best label: shields.io endpoint JSON or SVG",
        "Print the badge of one cluster's highest valid label on a day, e.g. "
        "'ECEI Gold | valid until 2027-05': the shields.io endpoint document (json) or a "
        "small SVG with the same words.",
        (
            PORTFOLIO,
            Option(("--cluster",), {"required": True, "metavar": "ID", "help": "the cluster's id"}),
            ON,
            *RULES,
            _formats_default("json", "json", "svg"),
            OUTPUT,
        ),
        _badge,
        (
            "cluster-excellence badge --cluster example-gold --on 2026-11-20",
            "cluster-excellence badge portfolio.json --cluster ocean --format svg -o badge.svg",
        ),
    ),
    Command(
        "convert",
        "convert a portfolio between JSON, CSV and XLSX",
        "Read a portfolio (.json, .csv or .xlsx; - for JSON on standard input) and write it "
        "in the format of the output's extension. A table holds one row per assessment; what "
        "it has no column for (organisation profiles, stated labels, indicator values, "
        "improvement areas, a cluster's note) is refused, never dropped. XLSX needs the excel "
        "extra: pip install 'cluster_excellence[excel]'.",
        (
            Option(("input",), {"metavar": "IN", "help": "the portfolio to read"}),
            Option(
                ("--output", "-o"),
                {
                    "metavar": "OUT",
                    "required": True,
                    "help": "the portfolio to write: OUT.json, OUT.csv or OUT.xlsx",
                },
            ),
        ),
        _convert,
        (
            "cluster-excellence convert assessments.xlsx --output portfolio.json",
            "cluster-excellence convert records.csv --date-order dmy -o assessments.xlsx",
        ),
    ),
    Command(
        "import-listing",
        "read the public label listing into a portfolio of stated labels",
        "Read a label listing (Name | Comparative portfolio | www | Label valid until; CSV, "
        "or text copied from the listing page) and write a portfolio file whose clusters "
        "carry the stated labels.",
        (
            Option(
                ("listing",),
                {"metavar": "LISTING", "help": "the listing file (UTF-8), or - for standard input"},
            ),
            Option(
                ("--tier",),
                {
                    "choices": [t.value for t in Tier],
                    "required": True,
                    "help": "the tier of the listed labels (the listing page says it, a row "
                    "does not)",
                },
            ),
            Option(
                ("--source",),
                {
                    "type": _text,
                    "default": DEFAULT_SOURCE,
                    "help": "where the listing comes from, kept with each stated label "
                    "(default: %(default)s)",
                },
            ),
            Option(
                ("--into",),
                {
                    "metavar": "PORTFOLIO",
                    "help": "add the stated labels to this portfolio's clusters of the same name",
                },
            ),
            OUTPUT,
        ),
        _import_listing,
        (
            "cluster-excellence import-listing gold.txt --tier gold --output listed.json",
            "cluster-excellence import-listing - --tier bronze --into mine.json -o merged.json",
        ),
    ),
)


class _ArgumentParser(argparse.ArgumentParser):
    """argparse whose messages go to their own stream or nowhere: a usage error to
    standard error only (argparse sends its usage to standard output when standard
    error is closed), help to standard output only, and a closed or broken stream
    is no error (Python 3.10's argparse fails on it). Subparsers are of this class too."""

    def _print_message(self, message: str, file: Any = None) -> None:
        if message and file is not None:
            with contextlib.suppress(AttributeError, OSError, ValueError):
                file.write(message)

    def print_help(self, file: Any = None) -> None:
        self._print_message(self.format_help(), file if file is not None else sys.stdout)

    def error(self, message: str) -> NoReturn:
        # argparse quotes arguments as they were given: escape and shorten them here.
        self._print_message(self.format_usage(), sys.stderr)
        self.exit(BAD_INPUT, f"{self.prog}: error: {shorten(printable(message), 300)}\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message, sys.stderr)
        raise SystemExit(status)


#: The arguments that name a portfolio: their commands take --date-order and --sheet.
_READS_TABLES = ("portfolio", "input", "--reference", "--into")


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog=PROG,
        description="Label status, validity and renewal for ECEI cluster excellence labels. "
        "Commands: " + ", ".join(command.name for command in COMMANDS) + ".",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = commands.add_parser(
            command.name,
            help=command.summary,
            description=command.description,
            epilog="examples:\n" + "".join(f"  {example}\n" for example in command.examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        for option in command.options:
            option.add(sub)
        if any(option.flags[0] in _READS_TABLES for option in command.options):
            for option in TABLE_INPUT:
                option.add(sub)
        sub.set_defaults(command_run=command.run)
    return parser


# -- running ---------------------------------------------------------------------------------


def _say(message: str) -> None:
    """One message on standard error; nothing when standard error is gone too.

    Messages escape the data they quote where they are made (paths, values).
    """
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(message + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _execute(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # usage errors (2), --help and --version (0)
        return done.code if isinstance(done.code, int) else BAD_INPUT
    name = f"{PROG} {args.command}"
    try:
        return int(args.command_run(Run(args)))
    except (DocumentError, UsageError, OutputError) as error:
        _say(f"{name}: {error}")
        return BAD_INPUT
    except BrokenPipeError:
        _say(f"{name}: standard output was closed before everything was written")
        return BROKEN_PIPE
    except KeyboardInterrupt:
        _say(f"{name}: interrupted")
        return INTERRUPTED


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    A run builds many small objects that live until it ends, so Python's
    cyclic garbage collector is paused for it (walking them again and again
    would cost a third of a large run); it is left as it was found.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _execute(argv)
    except KeyboardInterrupt:
        _say(f"{PROG}: interrupted")
        return INTERRUPTED
    finally:
        if collecting:
            gc.enable()


def run() -> None:
    """The ``cluster-excellence`` program: :func:`main`, then exit with its status.

    After a broken pipe, standard output is pointed at the null device, so
    that the interpreter's last flush at exit cannot fail again.
    """
    status = main()
    if status == BROKEN_PIPE and sys.stdout is not None:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    sys.exit(status)
