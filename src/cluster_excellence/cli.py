"""The ``cluster-excellence`` command line (``python -m cluster_excellence``).

- ``status``: label status on a day, as specified in ``shared/design/contract.md``;
- ``scorecard``: the regional cluster excellence scorecard;
- ``gold-score``: Gold points and pass or fail of each cluster's latest Gold audit;
- ``eligibility``, ``plan``, ``check``: decisions, dated actions, contradicted records;
- ``timeline``: the label timeline as a picture (the ``plot`` extra);
- ``import-listing``: the public label listing as a portfolio of stated labels.

Exit status 0 on success (``check``: 1 with findings), 2 for bad input or
usage with a message on standard error and nothing on standard output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from ._render import (
    decisions_csv,
    decisions_json,
    decisions_table,
    gold_scores_csv,
    gold_scores_json,
    gold_scores_table,
    inconsistencies_csv,
    inconsistencies_json,
    inconsistencies_table,
    plans_csv,
    plans_json,
    plans_table,
    scorecard_csv,
    scorecard_json,
    scorecard_table,
    status_csv,
    status_json,
    status_table,
)
from .catalogue import Catalogue, benchmarking_catalogue, gold_catalogue, read_catalogue
from .eligibility import bronze_eligibility, gold_eligibility, silver_eligibility
from .errors import DocumentError, PortfolioError
from .listing import DEFAULT_SOURCE, merge_stated_labels, parse_label_listing, read_label_listing
from .planning import check_records, plan, plan_to_ics
from .portfolio import Portfolio, portfolio_to_json, read_portfolio, sample_portfolio
from .rulebook import RULEBOOKS, Anchor, ExtensionBase, Rulebook, get_rulebook
from .scorecard import GROUP_FIELDS, group_clusters, regional_scorecard
from .scoring import gold_scores
from .status import PortfolioStatus, portfolio_status, stated_disagreements
from .tiers import Tier

__all__ = ["main"]

PROG = "cluster-excellence"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_RENDERERS: dict[str, Callable[[PortfolioStatus], str]] = {
    "table": status_table,
    "json": status_json,
    "csv": status_csv,
}
_FORMATS = ("table", "json", "csv")


class _UsageError(Exception):
    """Bad input that is reported in one message and exit status 2."""


def _day(text: str) -> dt.date:
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Label status, validity and renewal for ECEI cluster excellence labels.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    status = commands.add_parser(
        "status",
        help="the status of every cluster's labels on a day",
        description="Print the status of every cluster's Bronze, Silver and Gold labels on a day.",
    )
    _portfolio_argument(
        status,
        "a cluster-excellence.portfolio/1 JSON file, or - for standard input "
        "(default: the sample portfolio shipped with the package)",
    )
    status.add_argument(
        "--on", type=_day, metavar="DATE", help="the day, YYYY-MM-DD (default: today)"
    )
    status.add_argument("--format", choices=sorted(_RENDERERS), default="table")
    status.add_argument(
        "--retroactive",
        action="store_true",
        help="count assessments after the day too (a later renewal covers the gap)",
    )
    status.add_argument(
        "--rulebook",
        choices=sorted(RULEBOOKS),
        default="ecei-2019",
        help="the preset rulebook (default: %(default)s)",
    )
    status.add_argument(
        "--anchor",
        choices=[a.value for a in Anchor],
        help="how validity is anchored (default: the rulebook's, month-end for ecei-2019)",
    )
    status.add_argument(
        "--extension-base",
        choices=[e.value for e in ExtensionBase],
        help="what a renewal extends from (default: the rulebook's, previous-expiry for ecei-2019)",
    )
    status.set_defaults(run=_status)

    scorecard = commands.add_parser(
        "scorecard",
        help="the regional scorecard: a region's benchmarks against reference groups",
        description="Compare a region's clusters with reference groups, indicator by indicator.",
    )
    _portfolio_argument(
        scorecard, "the region's clusters (default: the shipped synthetic region of 7 clusters)"
    )
    scorecard.add_argument(
        "--reference",
        metavar="FILE",
        help="the reference clusters (default: PORTFOLIO itself when given, "
        "else the shipped synthetic reference of 36 clusters)",
    )
    scorecard.add_argument(
        "--group-by",
        choices=GROUP_FIELDS,
        help="form reference groups by this field (default: one group; "
        "country for the shipped samples)",
    )
    _common(scorecard, "the benchmarking catalogue (default: the shipped reference)")
    scorecard.set_defaults(run=_scorecard)

    gold = commands.add_parser(
        "gold-score",
        help="Gold points and pass or fail of each cluster's latest Gold audit",
        description="Score each cluster's latest Gold audit with indicator values.",
    )
    _portfolio_argument(
        gold, "a portfolio file (default: the shipped synthetic reference of 36 clusters)"
    )
    _common(gold, "the Gold catalogue (default: the shipped reference)")
    gold.add_argument(
        "--rulebook",
        choices=sorted(RULEBOOKS),
        default="ecei-2019",
        help="the rulebook whose Gold pass score applies (default: %(default)s)",
    )
    gold.set_defaults(run=_gold_score)

    eligibility = commands.add_parser(
        "eligibility",
        help="whether each cluster can get a tier, and why not",
        description="Explain, for each cluster, whether its records qualify for a tier.",
    )
    _portfolio_argument(
        eligibility, "a portfolio file (default: the sample portfolio shipped with the package)"
    )
    eligibility.add_argument("--tier", choices=[t.value for t in Tier], required=True)
    _common(
        eligibility,
        "the Gold catalogue for Gold scores and minimums (default: the shipped reference)",
    )
    eligibility.set_defaults(run=_eligibility)

    planner = commands.add_parser(
        "plan",
        help="the dated actions ahead: expiries, renewal deadlines, Silver windows, next tier",
        description="List each cluster's dated actions from a day on.",
    )
    _portfolio_argument(
        planner, "a portfolio file (default: the sample portfolio shipped with the package)"
    )
    planner.add_argument(
        "--on", type=_day, metavar="DATE", help="the day, YYYY-MM-DD (default: today)"
    )
    planner.add_argument(
        "--within", type=_months, metavar="MONTHS", help="only actions within this many months"
    )
    planner.add_argument("--catalogue", metavar="FILE", help="the Gold catalogue")
    planner.add_argument("--format", choices=(*_FORMATS, "ics"), default="table")
    planner.set_defaults(run=_plan)

    check = commands.add_parser(
        "check",
        help="validate a portfolio and report recorded awards that contradict the rules",
        description="Exit status 0 when clean, 1 with findings, 2 for unreadable input.",
    )
    _portfolio_argument(
        check, "a portfolio file (default: the sample portfolio shipped with the package)"
    )
    check.add_argument("--catalogue", metavar="FILE", help="the Gold catalogue")
    check.add_argument("--format", choices=_FORMATS, default="table")
    check.set_defaults(run=_check)

    timeline = commands.add_parser(
        "timeline",
        help="draw each cluster's labels over time (needs the plot extra)",
        description="Draw a label timeline: per cluster and tier the labels, their renewal "
        "windows, stated labels and the assessments. Needs matplotlib: "
        "pip install 'cluster_excellence[plot]'.",
    )
    _portfolio_argument(
        timeline, "a portfolio file (default: the sample portfolio shipped with the package)"
    )
    timeline.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        required=True,
        help="the picture to write, FILE.png or FILE.svg",
    )
    timeline.add_argument(
        "--on", type=_day, metavar="DATE", help="mark this day, YYYY-MM-DD (default: today)"
    )
    timeline.add_argument(
        "--cluster",
        action="append",
        metavar="ID",
        help="draw only this cluster (repeat for more; default: all)",
    )
    timeline.set_defaults(run=_timeline)

    importer = commands.add_parser(
        "import-listing",
        help="read the public label listing into a portfolio of stated labels",
        description="Read a label listing (Name | Comparative portfolio | www | Label valid "
        "until; CSV, or text copied from the listing page) and write a portfolio file whose "
        "clusters carry the stated labels.",
    )
    importer.add_argument(
        "listing", metavar="LISTING", help="the listing file (UTF-8), or - for standard input"
    )
    importer.add_argument(
        "--tier",
        choices=[t.value for t in Tier],
        required=True,
        help="the tier of the listed labels (the listing page says it, a row does not)",
    )
    importer.add_argument(
        "--source",
        default=DEFAULT_SOURCE,
        help="where the listing comes from, kept with each stated label (default: %(default)s)",
    )
    importer.add_argument(
        "--into",
        metavar="PORTFOLIO",
        help="add the stated labels to this portfolio's clusters of the same name",
    )
    _output_argument(importer, "the portfolio file to write (default: standard output)")
    importer.set_defaults(run=_import_listing)
    return parser


def _output_argument(command: argparse.ArgumentParser, help_text: str) -> None:
    command.add_argument("--output", "-o", metavar="FILE", help=help_text)


def _months(text: str) -> int:
    if text.isdigit() and int(text) > 0:
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of months above 0")


def _portfolio_argument(command: argparse.ArgumentParser, help_text: str) -> None:
    command.add_argument("portfolio", nargs="?", metavar="PORTFOLIO", help=help_text)


def _common(command: argparse.ArgumentParser, catalogue_help: str) -> None:
    command.add_argument(
        "--on", type=_day, metavar="DATE", help="the day, YYYY-MM-DD (default: today)"
    )
    command.add_argument("--catalogue", metavar="FILE", help=catalogue_help)
    command.add_argument("--format", choices=_FORMATS, default="table")


def _catalogue(path: str | None, purpose: str) -> Catalogue:
    if path is None:
        return benchmarking_catalogue() if purpose == "benchmarking" else gold_catalogue()
    catalogue = read_catalogue(path)
    if catalogue.purpose != purpose:
        raise _UsageError(
            f"{path}: a {catalogue.purpose} catalogue, but this needs a {purpose} one"
        )
    return catalogue


def _portfolio_or_sample(path: str | None, rulebook: Rulebook, catalogue: Catalogue) -> Portfolio:
    """The portfolio at ``path`` (values checked against ``catalogue``), or the shipped sample."""
    return sample_portfolio() if path is None else _read(path, rulebook, [catalogue])


def _read(path: str, rulebook: Rulebook, catalogues: Sequence[Catalogue]) -> Portfolio:
    if path == "-":
        from ._reader import read_document

        return read_document(sys.stdin.buffer.read(), "<stdin>", rulebook, catalogues)
    return read_portfolio(path, rulebook=rulebook, catalogues=catalogues)


def _scorecard(args: argparse.Namespace) -> str:
    catalogue = _catalogue(args.catalogue, "benchmarking")
    on = args.on if args.on is not None else dt.date.today()
    group_by = args.group_by
    if args.portfolio is None:
        region = sample_portfolio("region")
        reference = (
            sample_portfolio("reference")
            if args.reference is None
            else _read(args.reference, get_rulebook("ecei-2019"), [catalogue])
        )
        group_by = group_by or "country"
        reference_name = "sample-reference.json" if args.reference is None else args.reference
    else:
        region = _read(args.portfolio, get_rulebook("ecei-2019"), [catalogue])
        reference = (
            region
            if args.reference is None
            else _read(args.reference, get_rulebook("ecei-2019"), [catalogue])
        )
        reference_name = args.reference or args.portfolio
    groups = (
        group_clusters(reference, group_by)
        if group_by
        else {Path(reference_name).name: tuple(reference)}
    )
    result = regional_scorecard(region, groups, catalogue, on)
    return {"table": scorecard_table, "json": scorecard_json, "csv": scorecard_csv}[args.format](
        result
    )


def _gold_score(args: argparse.Namespace) -> str:
    catalogue = _catalogue(args.catalogue, "gold")
    rulebook = get_rulebook(args.rulebook)
    on = args.on if args.on is not None else dt.date.today()
    portfolio = (
        sample_portfolio("reference")
        if args.portfolio is None
        else _read(args.portfolio, rulebook, [catalogue])
    )
    result = gold_scores(portfolio, catalogue, on, rulebook)
    renderers = {"table": gold_scores_table, "json": gold_scores_json, "csv": gold_scores_csv}
    return renderers[args.format](result)


def _rulebook(args: argparse.Namespace) -> Rulebook:
    changes: dict[str, Any] = {}
    if args.anchor is not None:
        changes["anchor"] = Anchor(args.anchor)
    if args.extension_base is not None:
        changes["extension_base"] = ExtensionBase(args.extension_base)
    return get_rulebook(args.rulebook).variant(**changes)


def _load(path: str | None, rulebook: Rulebook) -> tuple[str, Portfolio]:
    if path is None:
        return "sample-portfolio.json", sample_portfolio()
    return ("<stdin>" if path == "-" else path), _read(path, rulebook, ())


def _status(args: argparse.Namespace) -> str:
    # A run builds many small objects and frees them all at exit; the
    # cyclic garbage collector would only walk them again and again (a
    # third of the run time on 100,000 clusters). Nothing here makes cycles.
    gc.disable()
    rulebook = _rulebook(args)
    source, portfolio = _load(args.portfolio, rulebook)
    on = args.on if args.on is not None else dt.date.today()
    try:
        result = portfolio_status(portfolio, on, rulebook, retroactive=args.retroactive)
    except PortfolioError as error:
        raise PortfolioError(source, error.problems) from None
    return _RENDERERS[args.format](result)


def _eligibility(args: argparse.Namespace) -> str:
    catalogue = _catalogue(args.catalogue, "gold")
    rulebook = get_rulebook("ecei-2019")
    on = args.on if args.on is not None else dt.date.today()
    portfolio = _portfolio_or_sample(args.portfolio, rulebook, catalogue)
    tier = Tier(args.tier)
    decisions = []
    for cluster in portfolio:
        if tier is Tier.BRONZE:
            decisions.append(bronze_eligibility(cluster, on, rulebook))
        elif tier is Tier.SILVER:
            decisions.append(silver_eligibility(cluster, on, rulebook))
        else:
            decisions.append(gold_eligibility(cluster, on, rulebook, catalogue))
    renderers = {"table": decisions_table, "json": decisions_json, "csv": decisions_csv}
    return renderers[args.format](decisions)


def _plan(args: argparse.Namespace) -> str:
    catalogue = _catalogue(args.catalogue, "gold")
    rulebook = get_rulebook("ecei-2019")
    on = args.on if args.on is not None else dt.date.today()
    portfolio = _portfolio_or_sample(args.portfolio, rulebook, catalogue)
    plans = [
        plan(cluster, on, rulebook, within_months=args.within, catalogue=catalogue)
        for cluster in portfolio
    ]
    renderers = {"table": plans_table, "json": plans_json, "csv": plans_csv, "ics": plan_to_ics}
    return renderers[args.format](plans)


def _check(args: argparse.Namespace) -> str:
    catalogue = _catalogue(args.catalogue, "gold")
    rulebook = get_rulebook("ecei-2019")
    portfolio = _portfolio_or_sample(args.portfolio, rulebook, catalogue)
    found = check_records(portfolio, rulebook, catalogue)
    stated = [
        (f"clusters[{index}]", cluster.id, disagreement)
        for index, cluster in enumerate(portfolio)
        for disagreement in stated_disagreements(cluster, rulebook)
    ]
    args.findings = bool(found or stated)
    renderers = {
        "table": inconsistencies_table,
        "json": inconsistencies_json,
        "csv": inconsistencies_csv,
    }
    return renderers[args.format](found, stated)


def _timeline(args: argparse.Namespace) -> str:
    fmt = Path(args.output).suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise _UsageError(f"{args.output}: the picture must be a .png or .svg file")
    try:
        from .plots import _matplotlib as require_matplotlib
        from .plots import figure_bytes, label_timeline

        require_matplotlib()
    except ImportError as error:
        raise _UsageError(str(error)) from None
    rulebook = get_rulebook("ecei-2019")
    _, portfolio = _load(args.portfolio, rulebook)
    clusters = list(portfolio)
    if args.cluster:
        known = {cluster.id: cluster for cluster in clusters}
        unknown = [name for name in args.cluster if name not in known]
        if unknown:
            raise _UsageError(f"no cluster with id {', '.join(map(repr, unknown))}")
        clusters = [known[name] for name in dict.fromkeys(args.cluster)]
    on = args.on if args.on is not None else dt.date.today()
    try:
        figure = label_timeline(clusters, on=on, rulebook=rulebook)
    except ValueError as error:
        raise _UsageError(str(error)) from None
    return _deliver(figure_bytes(figure, fmt), args.output)


def _import_listing(args: argparse.Namespace) -> str:
    if args.listing == "-":
        listing = parse_label_listing(
            sys.stdin.buffer.read(), tier=args.tier, source=args.source, name="<stdin>"
        )
    else:
        listing = read_label_listing(args.listing, tier=args.tier, source=args.source)
    if args.into is not None:
        into = _read(args.into, get_rulebook("ecei-2019"), ())
        try:
            listing = merge_stated_labels(into, listing)
        except ValueError as error:
            raise _UsageError(f"{args.into}: {error}") from None
    return _deliver(portfolio_to_json(listing).encode("utf-8"), args.output)


def _deliver(data: bytes, path: str | None) -> str:
    """Text for standard output, or, with ``path``, the whole file written at once."""
    if path is None:
        return data.decode("utf-8")
    _write_atomically(path, data)
    return ""


def _write_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so no half-written file remains."""
    target = Path(path)
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as file:
            temporary = file.name
            file.write(data)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise _UsageError(f"{path}: cannot write the file: {error.strerror or error}") from None


def _write(text: str) -> None:
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if out is None:
        sys.stdout.write(text)
    else:
        out.write(text.encode("utf-8"))
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        text = args.run(args)
    except (DocumentError, _UsageError) as error:
        print(f"{PROG} {args.command}: {error}", file=sys.stderr)
        return 2
    try:
        _write(text)
    except BrokenPipeError:
        # The reader went away (e.g. ``| head``): point stdout at devnull so
        # that the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    # ``check`` reports findings with exit status 1.
    return 1 if getattr(args, "findings", False) else 0
