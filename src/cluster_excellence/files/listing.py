"""Import of the public label listing: clusters known by their labels' stated ends.

The label database of the scheme lists each labelled cluster as a table row
*Name | Comparative portfolio | www | Label valid until*, with dates written
``YYYY/MM/DD``; one listing page per tier. :func:`parse_label_listing` reads
such a table, as CSV or as text copied from the page, into clusters without
assessments whose labels are :class:`~cluster_excellence.StatedLabel` values:
their status on a day follows from the stated end alone
(:func:`~cluster_excellence.stated_label_status`).

What the reader accepts (our decisions, since the page is meant for people,
not programs):

- one cluster per line; cells separated by tabs (what a browser copies from
  a table), by ``|``, by ``;`` or by ``,`` (CSV with quotes), decided by the
  first line;
- an optional header row ``Name | Comparative portfolio | www | Label valid
  until``, and Markdown separator rows (``---|---``), which are skipped;
- dates as ``YYYY/MM/DD`` or ``YYYY-MM-DD``, or, with ``date_order``, as a
  portfolio table reads them (``31.03.2027`` in day-month-year order); the
  comparative portfolio and the website may be empty;
- a cluster named twice with the same portfolio and website is one cluster
  with two stated labels; the same line twice, or one name with different
  portfolios or websites, is an error.

Every problem is reported with its line number in one :class:`ListingError`.

The listing's own example row (its website left out here; a row does not
say its tier, the listing page does: Gold is this example's choice):

>>> from cluster_excellence import ListingError
>>> from cluster_excellence.files.listing import parse_label_listing
>>> listing = parse_label_listing('''
... Name | Comparative portfolio | www | Label valid until
... Aviation Valley | Aviation and space | | 2013/02/23
... ''', tier="gold")
>>> cluster = listing.clusters[0]
>>> cluster.id, cluster.comparative_portfolio, cluster.stated_labels[0].valid_until
('aviation-valley', 'Aviation and space', datetime.date(2013, 2, 23))
>>> try:
...     parse_label_listing("Aviation Valley | Aviation and space | | 2013/02/30",
...                         tier="gold", name="gold.txt")
... except ListingError as error:
...     print(error)
gold.txt: line 1, Label valid until: 2013/02/30 is not a valid date: February 2013 has no day 30
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable

import attrs

from .._checks import day_problem, text_problem
from .._text import show
from ..errors import InvalidValueError, ListingError, Problem
from ..model.clusters import Cluster, Portfolio, StatedLabel
from ..model.tiers import Tier
from ._json import read_bytes
from .portfolio import DEFAULT_MAX_BYTES
from .table import DateOrder, read_day

__all__ = [
    "COLUMNS",
    "DEFAULT_SOURCE",
    "merge_stated_labels",
    "parse_label_listing",
    "read_label_listing",
]

#: The listing's columns, in order.
COLUMNS = ("Name", "Comparative portfolio", "www", "Label valid until")

#: The ``source`` of stated labels when none is given (our decision).
DEFAULT_SOURCE = "label listing"

_DATE = re.compile(r"([0-9]{4})[/-]([0-9]{2})[/-]([0-9]{2})")
_SEPARATOR = re.compile(r":?-{3,}:?")
_HEADER = tuple(column.casefold() for column in COLUMNS)


def _words(text: str) -> str:
    return " ".join(text.split())


def _key(name: str) -> str:
    """Names compare without regard to case and spacing."""
    return _words(name).casefold()


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "cluster"


def _delimiter(line: str) -> str:
    if "\t" in line:
        return "\t"
    if "|" in line:
        return "|"
    if ";" in line and "," not in line:
        return ";"
    return ","


def _cells(line: str, delimiter: str) -> list[str]:
    if delimiter == "|":
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) > 1 and not cells[0]:
            cells = cells[1:]  # | a | b | (Markdown)
        if len(cells) > 1 and not cells[-1]:
            cells = cells[:-1]
        return cells
    return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))]


def _date(text: str, order: DateOrder | None = None) -> dt.date | str:
    """The day, or what is wrong with ``text`` (``order``: how a date other than
    ``YYYY/MM/DD`` orders its parts, as in portfolio tables)."""
    match = _DATE.fullmatch(text)
    if match is not None and text[4] == text[7]:
        text = text.replace("/", "-")
        written = match.group(0)
    elif order is None:
        return f"{show(text)} is not a date in YYYY/MM/DD form (--date-order reads others)"
    else:
        written = text
    try:
        day = read_day(text, order if match is None else None)
    except ValueError as error:
        return str(error).replace(text, written, 1)
    return day_problem(day) or day


def _unique_id(name: str, taken: set[str]) -> str:
    base = _slug(name)
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def parse_label_listing(
    text: str | bytes,
    *,
    tier: Tier | str,
    source: str | None = DEFAULT_SOURCE,
    name: str = "<text>",
    date_order: DateOrder | None = None,
) -> Portfolio:
    """Read a label listing of ``tier`` labels into clusters with stated labels.

    ``source`` becomes each stated label's ``source`` (say where and when
    the listing was taken); ``name`` names the text in error messages. Ids
    are made from the names (``Aviation Valley`` -> ``aviation-valley``,
    numbered when two names give one id). See the module's description for
    the forms accepted; ``date_order`` (``"dmy"``, ``"mdy"`` or ``"ymd"``) reads
    dates written otherwise (``31.03.2027``), as portfolio tables read them.
    """
    tier = Tier(tier)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ListingError(
                name, [Problem("", f"is not UTF-8 text (byte {error.start}); save it as UTF-8")]
            ) from None
    text = text.removeprefix("\ufeff")
    if source is not None and text_problem(source) is not None:
        raise InvalidValueError(f"source {text_problem(source)}")
    problems: list[Problem] = []
    rows: dict[str, tuple[int, str, str | None, str | None, list[tuple[int, dt.date]]]] = {}
    delimiter: str | None = None
    # Lines end at a line feed (with or without a carriage return) only, so that
    # any other control character stays on its line and is reported there.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        if delimiter is None:
            delimiter = _delimiter(line)
        try:
            cells = _cells(line, delimiter)
        except csv.Error as error:
            problems.append(Problem(f"line {number}", f"cannot be read as CSV: {error}"))
            continue
        if all(_SEPARATOR.fullmatch(cell) for cell in cells):
            continue
        if cells and cells[0].casefold() == _HEADER[0]:
            if tuple(_words(cell).casefold() for cell in cells) != _HEADER:
                problems.append(
                    Problem(f"line {number}", f"a header must be {' | '.join(COLUMNS)}")
                )
            continue
        if len(cells) != len(COLUMNS):
            problems.append(
                Problem(
                    f"line {number}",
                    f"{len(cells)} cells, expected {len(COLUMNS)} ({' | '.join(COLUMNS)}); "
                    "one cluster per line",
                )
            )
            continue
        cluster_name, portfolio, website, until = cells
        day = _date(until, date_order)
        bad = False
        for column, cell in zip(COLUMNS[:3], cells, strict=False):
            problem = text_problem(cell) if cell or column == COLUMNS[0] else None
            if problem is not None:
                problems.append(Problem(f"line {number}, {column}", problem))
                bad = True
        if isinstance(day, str):
            problems.append(Problem(f"line {number}, {COLUMNS[3]}", day))
        if bad or isinstance(day, str):
            continue
        key = _key(cluster_name)
        found = rows.get(key)
        if found is None:
            rows[key] = (number, _words(cluster_name), portfolio or None, website or None, [])
            found = rows[key]
        elif (found[2], found[3]) != (portfolio or None, website or None):
            problems.append(
                Problem(
                    f"line {number}",
                    f"{cluster_name} is also on line {found[0]}, "
                    "with another comparative portfolio or website",
                )
            )
            continue
        repeated = [first for first, other in found[4] if other == day]
        if repeated:
            problems.append(Problem(f"line {number}", f"repeats line {repeated[0]}"))
            continue
        found[4].append((number, day))
    if not rows and not problems:
        problems.append(Problem("", "lists no clusters"))
    if problems:
        raise ListingError(name, problems)
    taken: set[str] = set()
    return Portfolio(
        Cluster(
            _unique_id(cluster_name, taken),
            cluster_name,
            (),
            comparative_portfolio=portfolio,
            website=website,
            stated_labels=[StatedLabel(tier, day, source=source) for _, day in days],
        )
        for _, cluster_name, portfolio, website, days in rows.values()
    )


def read_label_listing(
    path: str | os.PathLike[str],
    *,
    tier: Tier | str,
    source: str | None = DEFAULT_SOURCE,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date_order: DateOrder | None = None,
) -> Portfolio:
    """Read a label listing file (UTF-8), with the rules of :func:`parse_label_listing`."""
    name = os.fspath(path)
    return parse_label_listing(
        read_bytes(name, max_bytes, ListingError),
        tier=tier,
        source=source,
        name=name,
        date_order=date_order,
    )


def merge_stated_labels(portfolio: Portfolio, listing: Iterable[Cluster]) -> Portfolio:
    r"""Add the stated labels of ``listing``'s clusters to ``portfolio``.

    A listed cluster joins the portfolio's cluster of the same name
    (compared without regard to case and spacing): its stated labels are
    added (one already there is kept once), and its website and comparative
    portfolio fill those fields when they are empty. A listed cluster
    without a namesake is appended, with an id made unique in the portfolio.
    Two portfolio clusters of one name make the match ambiguous: that
    raises :class:`ValueError`.

    >>> import datetime as dt
    >>> from cluster_excellence import Benchmark, Cluster, Portfolio
    >>> from cluster_excellence.files.listing import merge_stated_labels, parse_label_listing
    >>> mine = Portfolio([Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])])
    >>> listing = parse_label_listing(
    ...     "Qoot cluster\tICT\t\t2021/07/25\nExample Food Cluster\tFood industry\t\t2027/03/31",
    ...     tier="bronze")
    >>> merged = merge_stated_labels(mine, listing)
    >>> [(c.id, [s.valid_until.isoformat() for s in c.stated_labels]) for c in merged]
    [('qoot', ['2021-07-25']), ('example-food-cluster', ['2027-03-31'])]
    """
    by_name: dict[str, int] = {}
    for index, cluster in enumerate(portfolio.clusters):
        key = _key(cluster.name)
        if key in by_name:
            raise InvalidValueError(
                f"two clusters named {cluster.name!r} ({portfolio.clusters[by_name[key]].id!r} "
                f"and {cluster.id!r}): which one a listed cluster is cannot be told"
            )
        by_name[key] = index
    clusters = list(portfolio.clusters)
    taken = {cluster.id for cluster in clusters}
    for listed in listing:
        found = by_name.get(_key(listed.name))
        if found is None:
            clusters.append(attrs.evolve(listed, id=_unique_id(listed.id, taken)))
            continue
        known = clusters[found]
        have = {(s.tier, s.valid_until) for s in known.stated_labels}
        clusters[found] = attrs.evolve(
            known,
            stated_labels=known.stated_labels
            + tuple(s for s in listed.stated_labels if (s.tier, s.valid_until) not in have),
            website=known.website or listed.website,
            comparative_portfolio=known.comparative_portfolio or listed.comparative_portfolio,
        )
    return Portfolio(clusters)
