"""``cluster-excellence import-listing``: the public label listing into a portfolio."""

from __future__ import annotations

from .._text import printable
from ..errors import ListingError
from ..files.listing import (
    DEFAULT_SOURCE,
    merge_stated_labels,
    parse_label_listing,
    read_label_listing,
)
from ..files.portfolio import DEFAULT_MAX_BYTES, portfolio_to_json
from ._common import OK, OUTPUT, Command, Option, Run, UsageError, single_line, tier


def run(run: Run) -> int:
    """Read the listing (and ``--into``'s portfolio) and write the portfolio."""
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


COMMAND = Command(
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
                "type": tier,
                "required": True,
                "metavar": "TIER",
                "help": "the tier of the listed labels, bronze, silver or gold (the listing "
                "page says it, a row does not)",
            },
        ),
        Option(
            ("--source",),
            {
                "type": single_line,
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
    run,
    (
        "cluster-excellence import-listing gold.txt --tier gold --output listed.json",
        "cluster-excellence import-listing - --tier bronze --into mine.json -o merged.json",
    ),
)
