"""Portfolio tables and workbooks: a CSV file, an XLSX or ODS workbook, or DataFrames.

A table holds one row per assessment, its columns the portfolio file's JSON
keys (docs: *Portfolio tables*): ``id``, ``name``, ``type`` and ``date`` are
required; ``country``, ``comparative_portfolio``, ``website``, ``awarded``,
``passed``, ``score``, ``minimum_requirements_met``, ``self_test_passed``,
``audit_days``, ``experts``, ``awarded_on`` and ``note`` (the assessment's)
are optional. A cluster's fields repeat on each of its rows; a blank cell
after a cluster's first row means "same as above". A cluster with no
assessment yet is a row with a blank ``type`` and ``date``.

A workbook holds the whole portfolio: beside that table, the sheets
``Clusters`` (notes and organisation profiles), ``Indicators`` (indicator
values), ``Improvement areas`` and ``Stated labels`` (docs: *Portfolio
workbooks*).

Each cell is read into the JSON value it stands for, and the portfolio is
then checked by the JSON reader's own rules; every problem is named by
file, sheet, row and column, in the order of the sheets, rows and columns.

>>> from cluster_excellence import PortfolioError
>>> from cluster_excellence.files.table import parse_portfolio_csv
>>> portfolio = parse_portfolio_csv('''id,name,type,date,score
... qoot,Qoot Cluster,Benchmarking,25.07.2019,
... ,,gold audit,17.11.2017,84%
... ''')
>>> [(a.kind, a.date.isoformat()) for a in portfolio["qoot"].assessments]
[('gold_audit', '2017-11-17'), ('benchmarking', '2019-07-25')]
>>> try:
...     parse_portfolio_csv("id,name,type,date,score\\nx,X,gold_audit,2019-07-25,0.84\\n",
...                         source="a.csv")
... except PortfolioError as error:
...     print(error)
a.csv: row 2, column score: "0.84" looks like a fraction (a spreadsheet's 84 %); write the score in
percent: 84 or 84%
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import math
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import dateutil.parser

from .._results import csv_safe
from .._text import printable, show
from .._xlsx import CELL_WIDTH, Sheet, workbook
from ..errors import InvalidTypeError, InvalidValueError, PortfolioError, Problem
from ..model.catalogues import Catalogue
from ..model.clusters import (
    AREA_COLUMNS,
    ASSESSMENT_COLUMNS,
    CLUSTER_COLUMNS,
    CLUSTER_SHEET_COLUMNS,
    COLUMN_TYPES,
    EMPTY_LIST,
    INDICATOR_KEYS,
    LONG_INDICATOR_COLUMNS,
    MEMBER_TYPES,
    ORGANISATION_COLUMNS,
    SCORES_ATTRIBUTE,
    SHEETS,
    STATED_COLUMNS,
    TABLE_COLUMNS,
    Portfolio,
    beyond_one_table,
    workbook_tables,
)
from ..model.tiers import Tier
from ._fields import key_path
from ._json import read_bytes
from ._ods import ods_workbook
from ._spelling import canonical_word, closest_word, word_key, word_problem
from ._workbook import Limits, Row, Unreadable, Workbook, open_workbook
from .portfolio import DEFAULT_MAX_BYTES, PORTFOLIO_FILES, portfolio_to_json

__all__ = [
    "COLUMNS",
    "DATE_ORDERS",
    "DECIMALS",
    "TABLE_SUFFIXES",
    "DateOrder",
    "Decimal",
    "Limits",
    "from_dataframe",
    "parse_portfolio_csv",
    "portfolio_table",
    "portfolio_to_csv",
    "portfolio_to_csv_files",
    "portfolio_to_ods",
    "portfolio_to_xlsx",
    "read_day",
    "read_portfolio_table",
]

#: How a written date's day and month are ordered: day-month-year, month-day-year,
#: year-month-day.
DateOrder = Literal["dmy", "mdy", "ymd"]
#: The decimal mark of numbers written as text: a point or a comma.
Decimal = Literal[".", ","]
#: The extensions of portfolio tables (anything else is read as JSON).
TABLE_SUFFIXES = (".csv", ".xlsx", ".ods")
DATE_ORDERS: tuple[DateOrder, ...] = ("dmy", "mdy", "ymd")
DECIMALS: tuple[Decimal, ...] = (".", ",")

#: Every column a portfolio table may have, in the order the writers write them.
COLUMNS = TABLE_COLUMNS
_REQUIRED = ("id", "name", "type", "date")
_KINDS = tuple(tier.kind for tier in Tier)
_TIERS = tuple(tier.value for tier in Tier)
_TRUE, _FALSE = ("true", "yes"), ("false", "no")

_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_ISO_TIMED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}.*")
_NUMERIC_DAY = re.compile(r"([0-9]{1,4})([./-])([0-9]{1,2})\2([0-9]{1,4})")
_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_COMMA_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:,[0-9]*)?|,[0-9]+)(?:[eE][+-]?[0-9]+)?")
_PERCENT = re.compile(r"(.*?)\s*%")

_NO_COLUMN = "has no column in a CSV portfolio table (write .xlsx, .ods or .json to keep it)"
_ORDER_WORDS = {"dmy": "day-month-year", "mdy": "month-day-year", "ymd": "year-month-day"}
_ASK_ORDER = "give the order: --date-order dmy or mdy (Python: date_order=)"
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


class _Bad(Exception):
    """A cell that cannot be read; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- cells -----------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    # pandas' NA and NaT (no pandas import: they are the only values of their types)
    return type(value).__name__ in ("NAType", "NaTType")


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds; a pandas Timestamp as a datetime."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        return value.item()
    to_datetime = getattr(value, "to_pydatetime", None)
    if to_datetime is not None and isinstance(value, dt.datetime):
        if getattr(value, "nanosecond", 0):
            raise _Bad(f"{value} has a time of day; a date cell must hold a day")
        return to_datetime()
    return value


def _text(value: Any, guarded: bool) -> str:
    """A text cell as it is; a whole number (a spreadsheet's idea of an id like 1234) as its
    digits; in a CSV file (``guarded``), the apostrophe that :func:`_guarded` wrote before a
    text a spreadsheet would take for a formula (or before a leading apostrophe) removed."""
    if isinstance(value, str):
        if guarded and value[:1] == "'" and _guarded(value[1:]) == value:
            return value[1:]
        return value
    if isinstance(value, (bool, dt.date, dt.time)):
        raise _Bad(f"must be text, not {_describe(value)}")
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    raise _Bad(f"must be text, not {_describe(value)}")


def _describe(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat(sep=' ')}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the time {value.isoformat()}"
    return show(value)


def _word(value: Any, words: Sequence[str], what: str = "") -> str:
    """An enumerated word as people type it (:func:`~._words.canonical_word`)."""
    if not isinstance(value, str):
        raise _Bad(f"must be one of {', '.join(words)}, not {_describe(value)}")
    found = canonical_word(value, words)
    if found is None:
        raise _Bad(word_problem(value.strip(), words, what))
    return found


def _boolean(value: Any) -> bool:
    """Yes or no: a true/false cell, the words (as people type them), or the numbers 1
    and 0, which a spreadsheet shows for them and ``pandas.read_excel`` gives for a
    yes/no column with blanks (our decision, docs: *Portfolio tables*)."""
    if value is True or value is False:
        return value
    if type(value) in (int, float) and value in (0, 1):
        return bool(value)
    hint = ""
    if isinstance(value, str):
        words = (*_TRUE, *_FALSE)
        found = canonical_word(value, words)
        if found is not None:
            return found in _TRUE
        close = closest_word(value, words)
        hint = f" (did you mean {close}?)" if close else ""
    raise _Bad(f"must be true or false (or yes or no), not {_describe(value)}{hint}")


def _number(value: Any, *, whole: bool, decimal: Decimal = ".") -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _Bad(f"must be a number, not {_describe(value)}")
    if isinstance(value, str):
        text = value.strip()
        if decimal == ",":
            if _NUMBER.fullmatch(text) and "." in text:
                raise _Bad(
                    f"{show(value)} has a decimal point, but the numbers of this table are "
                    "written with decimal commas (a semicolon-separated file; Python: "
                    "decimal=, --decimal)"
                )
            if not _COMMA_NUMBER.fullmatch(text):
                raise _Bad(f"{show(value)} is not a number")
            text = text.replace(",", ".")
        elif not _NUMBER.fullmatch(text):
            raise _Bad(f"{show(value)} is not a number")
        digits = text.lstrip("+-")
        number: float | int = int(text) if digits.isdigit() and len(digits) <= 400 else float(text)
    else:
        number = value
    if not math.isfinite(number):
        raise _Bad(f"{show(value)} is not a finite number")
    if whole and isinstance(number, float) and number.is_integer():
        return int(number)
    return number


def _score(value: Any, percent_cell: bool, decimal: Decimal, fractions: bool) -> float:
    """A score in percent: ``84``, ``84.0``, ``84%`` or a cell formatted as a percentage.

    A bare fraction (above 0, at most 1) is refused: it is what a spreadsheet holds
    for "84 %" when the format is lost (our decision, docs: *Portfolio tables*); a
    frame that says its scores are in percent (``fractions`` false) is taken as it is.
    """
    if percent_cell and isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(float(value) * 100, 10)
    if isinstance(value, str):
        found = _PERCENT.fullmatch(value.strip())
        if found is not None:
            number = _number(found.group(1), whole=False, decimal=decimal)
            return float(number)
    number = _number(value, whole=False, decimal=decimal)
    if fractions and 0 < number <= 1:
        raise _Bad(
            f"{show(value) if isinstance(value, str) else repr(value)} looks like a fraction "
            f"(a spreadsheet's {round(number * 100, 8):g} %); write the score in percent: "
            f"{round(number * 100, 8):g} or {round(number * 100, 8):g}%"
        )
    return float(number)


# -- days ------------------------------------------------------------------------------------


def _numeric_parts(text: str) -> tuple[str, str, str] | None:
    found = _NUMERIC_DAY.fullmatch(text)
    return None if found is None else (found.group(1), found.group(3), found.group(4))


def _order_proof(parts: tuple[str, str, str]) -> DateOrder | None:
    """The order a numeric date proves: year first, or a first or second number over 12."""
    first, second, _ = parts
    if len(first) == 4:
        return "ymd"
    if int(first) > 12:
        return "dmy"
    if int(second) > 12:
        return "mdy"
    return None


def _column_order(texts: Iterable[tuple[str, str]]) -> DateOrder | str | None:
    """The order the column's numeric dates prove (``texts``: (where, text)), None, or
    what is wrong when they contradict each other."""
    proof: dict[str, tuple[str, str]] = {}
    for where, text in texts:
        parts = _numeric_parts(text)
        if parts is None:
            continue
        order = _order_proof(parts)
        if order is not None and order != "ymd":
            proof.setdefault(order, (where, text))
    if "dmy" in proof and "mdy" in proof:
        (at_d, day_first), (at_m, month_first) = proof["dmy"], proof["mdy"]
        return (
            f"mixes day-first dates ({at_d}: {day_first}) and month-first dates "
            f"({at_m}: {month_first}); write them one way, or as YYYY-MM-DD"
        )
    if "dmy" in proof:
        return "dmy"
    return "mdy" if "mdy" in proof else None  # each date that could be either says so


def _calendar_problem(year: int, month: int, day: int) -> str:
    """Which part of a date does not exist."""
    if not 1 <= month <= 12:
        return f"month {month} does not exist"
    if year < 1:
        return f"year {year} does not exist"
    return f"{_MONTHS[month - 1]} {year} has no day {day}"


def _make_day(year: int, month: int, day: int, written: str, words: str = "") -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        problem = _calendar_problem(year, month, day)
        raise _Bad(f"{written} is not a valid date{words}: {problem}") from None


def read_day(value: Any, order: DateOrder | None = None) -> dt.date:
    """The day a cell holds: a date cell, a date-time at midnight, ``YYYY-MM-DD`` text,
    or another written form read in ``order`` (docs: *Portfolio tables*, "Dates"); a
    :class:`ValueError` says what is wrong, naming the part of a date that does not
    exist.

    >>> from cluster_excellence.files.table import read_day
    >>> read_day("31.03.2027", "dmy")
    datetime.date(2027, 3, 31)
    >>> read_day("2026-13-01")
    Traceback (most recent call last):
    ...
    cluster_excellence.errors.InvalidValueError: 2026-13-01 is not a valid date: month 13 does not
    exist
    """
    try:
        return _day(value, order)
    except _Bad as bad:
        raise InvalidValueError(bad.message) from None


def _day(value: Any, order: DateOrder | None) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0) or value.tzinfo is not None:
            raise _Bad(f"{_describe(value)} has a time of day; a date cell must hold a day")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise _Bad(
            f"must be a date (a date cell, or text such as YYYY-MM-DD), not {_describe(value)}"
        )
    text = value.strip()
    iso = _ISO_DAY.fullmatch(text)
    if iso is not None:
        year, month, day = (int(part) for part in iso.groups())
        return _make_day(year, month, day, f"{iso.group(1)}-{iso.group(2)}-{iso.group(3)}")
    if _ISO_TIMED.fullmatch(text):
        raise _Bad(f"{show(text)} has a time of day; a date cell must hold a day")
    parts = _numeric_parts(text)
    if parts is not None:
        return _numeric_day(text, parts, order)
    return _written_day(text, order)


def _numeric_day(text: str, parts: tuple[str, str, str], order: DateOrder | None) -> dt.date:
    first, second, third = parts
    if len(first) == 4:
        if order not in (None, "ymd"):
            raise _Bad(f"{show(text)} starts with a year, not in {_ORDER_WORDS[order]} order")
        year, month, day = first, second, third
    else:
        if order == "ymd":
            raise _Bad(f"{show(text)} does not start with a year (year-month-day order)")
        if order is None:
            order = _order_proof(parts)
            if order is None and first != second:
                raise _Bad(
                    f"{show(text)} could be day-first or month-first, and no date of the column "
                    f"tells; {_ASK_ORDER}"
                )
        day, month, year = (first, second, third) if order != "mdy" else (second, first, third)
    if len(year) != 4:
        raise _Bad(f"{show(text)} has no four-digit year (a two-digit year is not guessed)")
    words = _ORDER_WORDS[order or "ymd"]
    return _make_day(int(year), int(month), int(day), show(text), f" ({words})")


# Two defaults that differ in every part: a part the text leaves out shows as a difference.
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))


def _written_day(text: str, order: DateOrder | None) -> dt.date:
    """A date written with a month's name (``July 25th, 2021``, ``25 Juli``-like forms
    dateutil knows), read by python-dateutil; every part must be written."""
    if not _YEAR.search(text):
        raise _Bad(f"{show(text)} is not a date with a four-digit year")
    dayfirst, yearfirst = order == "dmy", order == "ymd"
    try:
        found = [
            dateutil.parser.parse(text, default=default, dayfirst=dayfirst, yearfirst=yearfirst)
            for default in _DEFAULTS
        ]
    except (ValueError, OverflowError):
        raise _Bad(f"{show(text)} is not a date") from None
    if found[0] != found[1]:
        raise _Bad(f"{show(text)} is not a whole date (a day, a month and a year)")
    moment: dt.datetime = found[0]
    if moment.time() != dt.time(0) or moment.tzinfo is not None:
        raise _Bad(f"{show(text)} has a time of day; a date cell must hold a day")
    return moment.date()


# -- lists and indicator values ----------------------------------------------------------------


def _items(value: Any, guarded: bool) -> list[str]:
    """A cell's list: items on lines (taken as written), or separated by commas or
    semicolons (spaces around them dropped)."""
    text = _text(value, guarded)
    if "\n" in text:
        return [item.removesuffix("\r") for item in text.split("\n") if item.strip()]
    return [item.strip() for item in re.split(r"[,;]", text) if item.strip()]


def _member_types(value: Any, guarded: bool) -> list[str]:
    if isinstance(value, str) and word_key(value) == EMPTY_LIST:
        return []
    return [_word(item, MEMBER_TYPES, "a member type") for item in _items(value, guarded)]


def _indicator_value(value: Any, decimal: Decimal) -> bool | int | float:
    """An indicator value: a number, or true/false (yes/no)."""
    if value is True or value is False:
        return value
    if isinstance(value, str):
        found = canonical_word(value, (*_TRUE, *_FALSE))
        if found is not None:
            return found in _TRUE
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise _Bad(f"{show(value)} is not a finite number")
        return value
    if isinstance(value, str):
        try:
            return _number(value, whole=False, decimal=decimal)
        except _Bad:
            pass
    raise _Bad(f"must be a number or true/false (an indicator value), not {_describe(value)}")


# -- reading cells by column -------------------------------------------------------------------


class _Sheet:
    """One table being read: its title in messages (``prefix``: how a place in it begins),
    its place among the sheets, the decimal mark of its numbers written as text (None:
    the table's) and the position of each of its columns."""

    __slots__ = ("decimal", "index", "positions", "prefix", "title")

    def __init__(
        self, title: str | None, index: int, prefix: str | None = None,
        decimal: Decimal | None = None,
    ) -> None:  # fmt: skip
        self.title = title
        self.index = index
        if prefix is None:
            prefix = "" if title is None else f"sheet {printable(title)}, "
        self.prefix = prefix
        self.decimal = decimal
        self.positions: dict[str, int] = {}


class _Row:
    """One row of a table: its sheet, where it is (``row 5``), its position among the rows
    read, its cells by column and each cell's number format (``0%``)."""

    __slots__ = ("cells", "formats", "order", "sheet", "where")

    def __init__(
        self,
        sheet: _Sheet,
        where: str,
        order: int,
        cells: dict[str, Any],
        formats: dict[str, str],
    ) -> None:
        self.sheet = sheet
        self.where = where
        self.order = order
        self.cells = cells
        self.formats = formats


#: Where a value came from: its row and its column (None: the row as a whole).
_Place = tuple[_Row, "str | None"]
_Reader = Callable[["_Table", Any, _Row, str], Any]

_DAY_COLUMNS = frozenset({"date", "awarded_on", "valid_until"})
_BOOLEAN_COLUMNS = frozenset(name for name, kind in COLUMN_TYPES.items() if kind == "boolean")
#: The number columns besides the score, each whether it holds whole numbers.
_NUMBER_COLUMNS = {
    name: kind == "Int64"
    for name, kind in COLUMN_TYPES.items()
    if kind in ("Int64", "Float64") and name != "score"
}


class _Table:
    """The tables of one portfolio, read into a portfolio document with each value's place."""

    def __init__(
        self,
        source: str,
        date_order: DateOrder | None,
        *,
        guarded: bool = False,
        decimal: Decimal = ".",
        fractions: bool = True,
    ) -> None:
        if date_order is not None and date_order not in DATE_ORDERS:
            raise InvalidValueError(
                f"date_order must be one of {', '.join(DATE_ORDERS)}, not {date_order!r}"
            )
        if decimal not in DECIMALS:
            raise InvalidValueError(f"decimal must be '.' or ',', not {decimal!r}")
        self.source = source
        self.date_order = date_order
        #: Whether texts may carry a formula guard (CSV files written by the writer).
        self.guarded = guarded
        self.decimal = decimal
        #: Whether a bare score of at most 1 is refused as a fraction.
        self.fractions = fractions
        self.problems: list[tuple[tuple[int, int, int], Problem]] = []
        self.reported: set[tuple[int, str, str | None]] = set()
        #: Rows with a cell that could not be read: the checks across their cells wait.
        self.bad_rows: set[tuple[int, str]] = set()
        #: JSON path -> the place of its value.
        self.places: dict[str, _Place] = {}
        self.orders: dict[tuple[int, str], DateOrder | None] = {}

    # -- problems

    def fail(self, row: _Row | None, column: str | None, message: str, sheet: _Sheet | None = None,
             where: str | None = None) -> None:  # fmt: skip
        """A problem at ``row`` (or at ``where`` of ``sheet``), in ``column``."""
        sheet = row.sheet if row is not None else sheet
        assert sheet is not None
        at = row.where if row is not None else (where or "")
        if row is not None and column is not None:
            self.reported.add((sheet.index, at, column))
            self.bad_rows.add((sheet.index, at))
        text = at if column is None else (f"{at}, column {column}" if at else f"column {column}")
        order = row.order if row is not None else (0 if where == "the header" else -1)
        position = sheet.positions.get(column, 0) if column is not None else -1
        path = (sheet.prefix + text).rstrip(", ")
        self.problems.append(((sheet.index, order, position), Problem(path, message)))

    def blank(self, row: _Row, column: str, why: str) -> None:
        """A required cell of ``row`` that holds no value (unless its cell was reported)."""
        if (row.sheet.index, row.where, column) not in self.reported:
            self.fail(row, column, f"is blank (required{why})")

    def at(self, place: _Row, sheet: _Sheet) -> str:
        """``place`` as a message names it from ``sheet``: ``row 4`` in the same sheet."""
        return place.where if place.sheet is sheet else place.sheet.prefix + place.where

    # -- the header and the rows

    def header(
        self, sheet: _Sheet, names: Sequence[Any], known: Sequence[str] | None,
        required: Sequence[str],
    ) -> list[str | None]:  # fmt: skip
        """The column names, checked (``known``: the columns allowed, None for any name);
        None for a blank column."""
        columns: list[str | None] = []
        seen: set[str] = set()
        for position, raw in enumerate(names, start=1):
            name = raw.strip() if isinstance(raw, str) and known is not None else raw
            if _blank(name):
                columns.append(None)
                continue
            if not isinstance(name, str):
                self.fail(None, None, f"the header must be a name, not {show(name)}", sheet,
                          f"column {position}")  # fmt: skip
                columns.append(None)
                continue
            if name in seen:
                self.fail(None, None, f"{show(name)} appears twice in the header", sheet,
                          f"column {position}")  # fmt: skip
            elif known is not None and name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "expected " + ", ".join(known)
                self.fail(None, None, f"unknown column {show(name)} ({hint})", sheet,
                          f"column {position}")  # fmt: skip
            seen.add(name)
            ok = known is None or name in known
            columns.append(name if ok else None)
            if ok:
                sheet.positions.setdefault(name, position)
        missing = [name for name in required if name not in seen]
        if missing:
            self.fail(None, None, f"has no column {', '.join(missing)} (required)", sheet,
                      "the header")  # fmt: skip
        return columns

    def rows(
        self,
        sheet: _Sheet,
        cells: Iterator[tuple[str, Sequence[Any], Sequence[str]]],
        known: Sequence[str] | None,
        required: Sequence[str],
    ) -> list[_Row]:
        """The rows after the header: (where, values, number formats per position)."""
        try:
            _, names, _ = next(cells)
        except StopIteration:
            self.fail(None, None, "is missing: the table is empty", sheet, "the header")
            return []
        before = len(self.problems)
        columns = self.header(sheet, names, known, required)
        if len(self.problems) != before:
            return []
        rows: list[_Row] = []
        for order, (where, values, formats) in enumerate(cells, start=1):
            if len(values) > len(columns) and not all(map(_blank, values[len(columns) :])):
                self.fail(None, None, f"has {len(values)} cells; the header names "
                          f"{len(columns)}", sheet, where)  # fmt: skip
                continue
            row: dict[str, Any] = {}
            kept: dict[str, str] = {}
            for position, column in enumerate(columns):
                value = values[position] if position < len(values) else None
                if column is None:
                    # A column without a name (the header reported every other kind).
                    if not _blank(value):
                        self.fail(None, None, f"has a value in column {position + 1}, which "
                                  "has no name", sheet, where)  # fmt: skip
                    continue
                row[column] = value
                if position < len(formats) and formats[position]:
                    kept[column] = formats[position]
            if all(_blank(v) for v in row.values()):
                continue  # an empty row: spreadsheets keep them
            rows.append(_Row(sheet, where, order, row, kept))
        return rows

    # -- cells

    def values(self, row: _Row, readers: Mapping[str, _Reader]) -> dict[str, Any]:
        """The JSON values of a row's cells (a cell that cannot be read is reported)."""
        values: dict[str, Any] = {}
        for column, raw in row.cells.items():
            if _blank(raw):
                continue
            try:
                if isinstance(raw, Unreadable):
                    raise _Bad(raw.message)
                values[column] = readers[column](self, _plain(raw), row, column)
            except _Bad as bad:
                self.fail(row, column, bad.message)
        return values

    def order_of(self, row: _Row, column: str) -> DateOrder | None:
        if self.date_order is not None:
            return self.date_order
        return self.orders.get((row.sheet.index, column))

    def prove_orders(self, rows: Sequence[_Row], columns: Iterable[str]) -> None:
        """The date order each day column of a sheet proves, or the problem of a column that
        proves both."""
        if self.date_order is not None or not rows:
            return
        sheet = rows[0].sheet
        for column in columns:
            texts = (
                (row.where, row.cells[column].strip())
                for row in rows
                if isinstance(row.cells.get(column), str)
            )
            found = _column_order(texts)
            if found == "dmy":
                self.orders[(sheet.index, column)] = "dmy"
            elif found == "mdy":
                self.orders[(sheet.index, column)] = "mdy"
            elif found is not None:
                self.fail(None, column, found, sheet)

    # -- placing the JSON reader's problems

    _PATH = re.compile(r"clusters\[[0-9]+\](?:\.\w+(?:\[[0-9]+\])?)*")

    def locate(self, problem: Problem) -> tuple[tuple[int, int, int], Problem] | None:
        """A JSON reader's problem placed in the tables (None when its cell was reported)."""
        path = problem.path
        rest = ""
        while path and path not in self.places:
            cut = max(path.rfind("."), path.rfind("["))
            rest = path[cut:] + rest
            path = path[:cut] if cut > 0 else ""
        assert path, problem  # every problem of a table's document is in one of its clusters
        row, column = self.places[path]
        if column is None and rest.startswith(".") and rest[1:].split(".")[0].isidentifier():
            column = rest[1:].split(".")[0].split("[")[0]
        if column is not None and (row.sheet.index, row.where, column) in self.reported:
            return None
        if column is None and (row.sheet.index, row.where) in self.bad_rows:
            return None
        sheet = row.sheet
        at = row.where if column is None else f"{row.where}, column {column}"
        message = self._PATH.sub(lambda found: self._named(found, sheet), problem.message)
        key = (sheet.index, row.order, sheet.positions.get(column, 0) if column else -1)
        return key, Problem(sheet.prefix + at, message)

    def _named(self, found: re.Match[str], sheet: _Sheet) -> str:
        """A JSON path in a message, as the row it stands for."""
        place = self.places.get(found.group(0))
        return found.group(0) if place is None else self.at(place[0], sheet)

    def portfolio(self, document: dict[str, Any], catalogues: Iterable[Catalogue]) -> Portfolio:
        checking = PORTFOLIO_FILES.against(catalogues)  # each a catalogue, or an error
        _values_by_kind(document, checking.catalogues)
        found: list[tuple[tuple[int, int, int], Problem]] = []
        try:
            portfolio = checking.check(document, source=self.source)
        except PortfolioError as error:
            found = [p for p in map(self.locate, error.problems) if p is not None]
            more = error.more
        else:
            if not self.problems:
                return portfolio
            more = 0
        placed = sorted([*self.problems, *found], key=lambda item: item[0])
        raise PortfolioError(self.source, [problem for _, problem in placed], more=more)

    def refuse(self) -> None:
        """Raise the problems found so far, if any."""
        if self.problems:
            placed = sorted(self.problems, key=lambda item: item[0])
            raise PortfolioError(self.source, [problem for _, problem in placed])


def _read_text(table: _Table, value: Any, row: _Row, column: str) -> Any:
    return _text(value, table.guarded)


def _read_day(table: _Table, value: Any, row: _Row, column: str) -> Any:
    return _day(value, table.order_of(row, column)).isoformat()


def _read_boolean(table: _Table, value: Any, row: _Row, column: str) -> Any:
    return _boolean(value)


def _read_score(table: _Table, value: Any, row: _Row, column: str) -> Any:
    percent = "%" in row.formats.get(column, "")
    return _score(value, percent, row.sheet.decimal or table.decimal, table.fractions)


def _read_number(table: _Table, value: Any, row: _Row, column: str) -> Any:
    whole = _NUMBER_COLUMNS[column]
    return _number(value, whole=whole, decimal=row.sheet.decimal or table.decimal)


def _read_kind(table: _Table, value: Any, row: _Row, column: str) -> Any:
    return _word(value, _KINDS)


def _read_tier(table: _Table, value: Any, row: _Row, column: str) -> Any:
    return _word(value, _TIERS)


def _read_members(table: _Table, value: Any, row: _Row, column: str) -> Any:
    return _member_types(value, table.guarded)


def _read_codes(table: _Table, value: Any, row: _Row, column: str) -> Any:
    return _items(value, table.guarded)


def _read_value(table: _Table, value: Any, row: _Row, column: str) -> Any:
    return _indicator_value(value, row.sheet.decimal or table.decimal)


def _reader(column: str) -> _Reader:
    if column in _DAY_COLUMNS:
        return _read_day
    if column in _BOOLEAN_COLUMNS:
        return _read_boolean
    if column in _NUMBER_COLUMNS:
        return _read_number
    special: dict[str, _Reader] = {
        "score": _read_score, "type": _read_kind, "tier": _read_tier,
        "member_types": _read_members, "indicators": _read_codes, "value": _read_value,
    }  # fmt: skip
    return special.get(column, _read_text)


_READERS = {
    column: _reader(column)
    for column in {*TABLE_COLUMNS, *CLUSTER_SHEET_COLUMNS, *LONG_INDICATOR_COLUMNS,
                   *AREA_COLUMNS, *STATED_COLUMNS}
}  # fmt: skip


class _Codes(dict[str, _Reader]):
    """The readers of a wide sheet of indicator values: its keys, and a value for every
    other column."""

    def __missing__(self, key: str) -> _Reader:
        return _read_value


# -- the document of the tables ----------------------------------------------------------------


class _Document:
    """The portfolio document built from the tables, with the place of every value."""

    def __init__(self, table: _Table) -> None:
        self.table = table
        self.clusters: dict[str, dict[str, Any]] = {}
        self.index: dict[str, int] = {}
        #: Each cluster's field values, with the place each came from.
        self.first: dict[str, dict[str, tuple[Any, _Row]]] = {}
        #: (cluster id, type, ISO date) -> (cluster index, assessment index).
        self.assessments: dict[tuple[str, str, str], tuple[int, int]] = {}

    def cluster(self, cid: str, row: _Row) -> tuple[int, dict[str, Any]]:
        if cid not in self.clusters:
            self.index[cid] = len(self.clusters)
            self.clusters[cid] = {"id": cid, "assessments": []}
            self.first[cid] = {"id": (cid, row)}
            self.table.places[f"clusters[{self.index[cid]}]"] = (row, None)
            self.table.places[f"clusters[{self.index[cid]}].id"] = (row, "id")
        return self.index[cid], self.clusters[cid]

    def field(self, cid: str, key: str, value: Any, row: _Row) -> None:
        """A cluster's field, the same wherever it is written."""
        index, cluster = self.index[cid], self.clusters[cid]
        known = self.first[cid].get(key)
        if known is None:
            cluster[key] = value
            self.first[cid][key] = (value, row)
            self.table.places[f"clusters[{index}].{key}"] = (row, key)
        elif known[0] != value:
            self.table.fail(
                row,
                key,
                f"{show(value)} differs from {show(known[0])} "
                f"({self.table.at(known[1], row.sheet)}) for the cluster {show(cid)}; leave it "
                "blank or write the same",
            )

    def main(self, rows: Sequence[_Row]) -> None:
        """The table of assessments."""
        table = self.table
        table.prove_orders(rows, ("date", "awarded_on"))
        last_id: str | None = None
        for row in rows:
            values = table.values(row, _READERS)
            cid = values.get("id")
            if cid is None:
                if last_id is None:
                    table.blank(row, "id", " in a cluster's first row")
                    continue
                if (row.sheet.index, row.where, "id") in table.reported:
                    continue
                cid = last_id
            last_id = cid
            index, cluster = self.cluster(cid, row)
            for key in CLUSTER_COLUMNS[1:]:
                if key in values:
                    self.field(cid, key, values[key], row)
            table.places.setdefault(f"clusters[{index}].name", (row, "name"))
            assessment = {k: v for k, v in values.items() if k in ASSESSMENT_COLUMNS}
            assessments = cluster["assessments"]
            if assessment or any(
                (row.sheet.index, row.where, c) in table.reported for c in ASSESSMENT_COLUMNS
            ):
                number = len(assessments)
                table.places[f"clusters[{index}].assessments[{number}]"] = (row, None)
                assessments.append(assessment)
                if "type" in assessment and "date" in assessment:
                    named = (cid, assessment["type"], assessment["date"])
                    self.assessments.setdefault(named, (index, number))

    def _key_row(self, row: _Row, values: dict[str, Any], kind: str | None) -> Any:
        """The assessment a row of values names by ``id``, ``type`` and ``date``, or None
        after reporting why not (``kind``: the one type the sheet is for)."""
        table = self.table
        for column in ("id", "date") if kind else ("id", "type", "date"):
            if column not in values:
                table.blank(row, column, ": it names the assessment")
                return None
        cid, day = values["id"], values["date"]
        kind = kind or values["type"]
        found = self.assessments.get((cid, kind, day))
        if found is None:
            main = next(iter(self.first.get(cid, {}).values()), None)
            where = f" ({main[1].sheet.prefix.rstrip(', ')})" if main else ""
            if cid not in self.clusters:
                table.fail(row, "id", f"{show(cid)} is the id of no cluster of the portfolio")
            else:
                table.fail(
                    row, None, f"names no assessment: the cluster {show(cid)} has no {kind} on "
                    f"{day}{where}"
                )  # fmt: skip
        return found

    def clusters_sheet(self, rows: Sequence[_Row]) -> None:
        table = self.table
        seen: dict[str, _Row] = {}
        for row in rows:
            values = table.values(row, _READERS)
            cid = values.get("id")
            if cid is None:
                table.blank(row, "id", ": the cluster the row is about")
                continue
            if cid in seen:
                table.fail(row, "id", f"{show(cid)} has a row already ({seen[cid].where})")
                continue
            seen[cid] = row
            index, cluster = self.cluster(cid, row)
            for key in (*CLUSTER_COLUMNS[1:], "note"):
                if key in values:
                    self.field(cid, key, values[key], row)
            profile = {k: values[k] for k in ORGANISATION_COLUMNS if k in values}
            marked = values.get("organisation")
            if marked is False and profile:
                table.fail(row, "organisation", "is false, but the row records the "
                           "organisation's " + ", ".join(profile))  # fmt: skip
            elif profile or marked:
                cluster["organisation"] = profile
                table.places[f"clusters[{index}].organisation"] = (row, None)

    def indicators_sheet(self, rows: Sequence[_Row], long: bool) -> None:
        table = self.table
        readers: Mapping[str, _Reader] = (
            _READERS if long else _Codes({k: _READERS[k] for k in INDICATOR_KEYS})
        )
        table.prove_orders(rows, ("date",))
        seen: dict[tuple[int, int], _Row] = {}
        for row in rows:
            values = table.values(row, readers)
            found = self._key_row(row, values, None)
            if found is None:
                continue
            index, number = found
            assessment = self.clusters_by_index(index)["assessments"][number]
            if assessment["type"] == "silver_audit":
                table.fail(row, "type", "a silver_audit records no indicator values")
                continue
            path = f"clusters[{index}].assessments[{number}].indicators"
            indicators = assessment.setdefault("indicators", {})
            table.places.setdefault(path, (row, None))
            if long:
                if "indicator" not in values or "value" not in values:
                    for column in ("indicator", "value"):
                        if column not in values:
                            table.blank(row, column, " in the long layout")
                    continue
                pairs = [(values["indicator"], values["value"], "value")]
            else:
                if found in seen:
                    table.fail(row, None, f"repeats the assessment of {seen[found].where}")
                    continue
                seen[found] = row
                pairs = [(c, v, c) for c, v in values.items() if c not in INDICATOR_KEYS]
            for code, value, column in pairs:
                if code in indicators:
                    place = table.places[key_path(path, code)][0]
                    table.fail(row, column, f"a second value of {show(code)} for this assessment "
                               f"(the first is {table.at(place, row.sheet)})")  # fmt: skip
                    continue
                indicators[code] = value
                table.places[key_path(path, code)] = (row, column)

    def clusters_by_index(self, index: int) -> dict[str, Any]:
        return list(self.clusters.values())[index]

    def areas_sheet(self, rows: Sequence[_Row]) -> None:
        table = self.table
        table.prove_orders(rows, ("date",))
        for row in rows:
            values = table.values(row, _READERS)
            found = self._key_row(row, values, "silver_audit")
            if found is None:
                continue
            index, number = found
            audit = self.clusters_by_index(index)["assessments"][number]
            areas = audit.setdefault("improvement_areas", [])
            area = {k: v for k, v in values.items() if k not in ("id", "date")}
            if not area and not any(
                (row.sheet.index, row.where, c) in table.reported for c in AREA_COLUMNS
            ):
                continue  # a row of the two keys alone: an audit that recorded no areas
            place = f"clusters[{index}].assessments[{number}].improvement_areas[{len(areas)}]"
            table.places[place] = (row, None)
            areas.append(area)

    def stated_sheet(self, rows: Sequence[_Row]) -> None:
        table = self.table
        table.prove_orders(rows, ("valid_until",))
        for row in rows:
            values = table.values(row, _READERS)
            cid = values.get("id")
            if cid is None:
                table.blank(row, "id", ": the cluster the label is for")
                continue
            if cid not in self.clusters:
                table.fail(row, "id", f"{show(cid)} is the id of no cluster of the portfolio")
                continue
            index, cluster = self.index[cid], self.clusters[cid]
            stated = cluster.setdefault("stated_labels", [])
            table.places[f"clusters[{index}].stated_labels[{len(stated)}]"] = (row, None)
            stated.append({k: v for k, v in values.items() if k != "id"})

    def document(self) -> dict[str, Any]:
        return {
            "format": "cluster-excellence.portfolio/1",
            "clusters": list(self.clusters.values()),
        }


# -- the sources -------------------------------------------------------------------------------

_Cells = Iterator[tuple[str, Sequence[Any], Sequence[str]]]


def _csv_rows(text: str, source: str, delimiter: str, prefix: str = "") -> Iterator[Row]:
    """The rows of CSV ``text`` by number (``prefix``: how a place in it begins)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, values in enumerate(reader, start=1):
            yield number, values, []
    except csv.Error as error:
        raise PortfolioError(
            source, [Problem(f"{prefix}row {number + 1}", f"is not CSV: {error}")]
        ) from None


def _delimiter(text: str) -> str:
    """The separator of CSV ``text``: a comma, semicolon or tab, as its first line shows."""
    first_line = text.split("\n", 1)[0]
    return max(",;\t", key=first_line.count)


def _mark(decimal: Decimal | None, delimiter: str) -> Decimal:
    """The decimal mark of a CSV file's numbers written as text: ``decimal``, or by default
    a comma in a semicolon-separated file and a point otherwise (docs: *Portfolio
    tables*, "Decimal commas"; our decision, never a guess from the values)."""
    if decimal is not None:
        return decimal
    return "," if delimiter == ";" else "."


def _csv_text(text: str | bytes, source: str) -> str:
    if isinstance(text, bytes):
        try:
            return text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise PortfolioError(
                source,
                [
                    Problem(
                        "",
                        f"is not UTF-8 text (byte {error.start + 1}); in a spreadsheet, save it "
                        "as 'CSV UTF-8'",
                    )
                ],
            ) from None
    return text.removeprefix("\ufeff")


def parse_portfolio_csv(
    text: str | bytes,
    *,
    source: str = "<string>",
    date_order: DateOrder | None = None,
    decimal: Decimal | None = None,
    catalogues: Iterable[Catalogue] = (),
) -> Portfolio:
    """A portfolio from CSV text (comma-, semicolon- or tab-separated, as the header
    line shows; UTF-8 with or without a byte order mark), checked as
    :func:`read_portfolio_table` checks it.

    Numbers written as text take ``decimal`` as their decimal mark; by default a
    comma in a semicolon-separated file (what a spreadsheet in a country of decimal
    commas writes: ``83,5``) and a point otherwise (a comma-separated file never
    guesses).

    >>> from cluster_excellence.files.table import parse_portfolio_csv
    >>> parse_portfolio_csv("id;name;type;date;score\\nx;X;Gold audit;2019-07-25;83,5 %\\n")[
    ...     "x"].assessments[0].score
    83.5
    """
    text = _csv_text(text, source)
    delimiter = _delimiter(text)
    table = _Table(source, date_order, guarded=True, decimal=_mark(decimal, delimiter))
    sheet = _Sheet(None, 0)
    cells = _numbered(_csv_rows(text, source, delimiter))
    rows = table.rows(sheet, cells, TABLE_COLUMNS, _REQUIRED)
    table.refuse()
    document = _Document(table)
    document.main(rows)
    return table.portfolio(document.document(), catalogues)


#: The sheets a workbook may hold beside its assessments: the role of each by the key of
#: its title (:func:`~._words.word_key`), and the columns it may have.
_ROLES = {word_key(title): role for role, title in SHEETS.items()}
_ROLE_COLUMNS: dict[str, tuple[Sequence[str] | None, Sequence[str]]] = {
    "clusters": (CLUSTER_SHEET_COLUMNS, ("id",)),
    "improvement_areas": (AREA_COLUMNS, ("id", "date")),
    "stated_labels": (STATED_COLUMNS, ("id", "tier", "valid_until")),
}


#: The catalogue whose indicators an assessment's values are, by the assessment's type.
_PURPOSES = {"benchmarking": "benchmarking", "gold_audit": "gold"}
#: The kinds of indicator whose whole values are written as whole numbers.
_WHOLE_KINDS = frozenset({"count", "ordinal", "money"})


def _values_by_kind(document: dict[str, Any], catalogues: tuple[Catalogue, ...]) -> None:
    """Read each indicator value of a table as its indicator's kind says, where a catalogue
    gives it: 1 and 0 of a yes/no indicator are yes and no, a whole number written as
    ``5.0`` of a count, a scale or an amount of money is 5 (what ``pandas.read_excel``
    gives for a column with blanks, and how spreadsheets store every number; our
    decision, docs: *Portfolio tables*). Anything else is left for the format's check."""
    kinds = {
        catalogue.purpose: {i.code: i.kind.value for i in catalogue.indicators}
        for catalogue in catalogues
    }
    if not kinds:
        return
    for cluster in document.get("clusters", ()):
        for assessment in cluster.get("assessments", ()) if isinstance(cluster, dict) else ():
            if not isinstance(assessment, dict) or not isinstance(
                assessment.get("indicators"), dict
            ):
                continue
            known = kinds.get(_PURPOSES.get(str(assessment.get("type")), ""), {})
            values = assessment["indicators"]
            for code, value in values.items():
                if type(value) not in (int, float):
                    continue
                kind = known.get(code)
                if kind == "yes_no" and value in (0, 1):
                    values[code] = bool(value)
                elif kind in _WHOLE_KINDS and isinstance(value, float) and value.is_integer():
                    values[code] = int(value)


def _numbered(rows: Iterable[Row]) -> _Cells:
    """Rows by number as the reader places them (``row 5``)."""
    for number, values, formats in rows:
        yield f"row {number}", values, formats


def _workbook_portfolio(
    book: Workbook,
    source: str,
    sheet: str | None,
    date_order: DateOrder | None,
    decimal: Decimal,
    catalogues: Iterable[Catalogue],
    *,
    fractions: bool = True,
    files: Mapping[str, tuple[str, Decimal]] | None = None,
) -> Portfolio:
    """The portfolio in ``book``'s sheets; ``files``: for a folder of CSV files read as
    sheets, each sheet's file name and decimal mark."""
    names = book.sheets
    roles: dict[str, str] = {}
    table = _Table(source, date_order, decimal=decimal, fractions=fractions, guarded=bool(files))
    if files is None:
        sheets = {name: _Sheet(name, index) for index, name in enumerate(names)}
        kind = "sheet"
    else:
        sheets = {
            name: _Sheet(name, index, f"{printable(files[name][0])}, ", files[name][1])
            for index, name in enumerate(names)
        }
        kind = "file"
    named = {name: (files[name][0] if files else name) for name in names}
    for name in names:
        role = _ROLES.get(word_key(name))
        if role is None or name == sheet:
            continue
        if role in roles:
            table.fail(None, None, f"holds {role.replace('_', ' ')} like the {kind} "
                       f"{show(named[roles[role]])}; keep one", sheets[name])  # fmt: skip
        roles.setdefault(role, name)
    near = {}
    for name in names:
        if word_key(name) not in _ROLES:
            close = difflib.get_close_matches(word_key(name), list(_ROLES), n=1, cutoff=0.8)
            if close:
                near[name] = SHEETS[_ROLES[close[0]]] + (".csv" if files else "")
    # In a folder, a file named almost as a table is that table misspelt, not the assessments.
    mains = [n for n in names if word_key(n) not in _ROLES and not (files and n in near)]
    main: str | None = None
    if sheet is not None and sheet not in names:
        known = ", ".join(repr(printable(named[n])) for n in names)
        table.fail(None, None, f"has no {kind} {show(sheet)} (it has {known})", _Sheet(None, -1))
    elif sheet is not None:
        main = sheet
    elif not mains:
        table.fail(None, None, f"has no {kind} of assessments (only "
                   + ", ".join(repr(printable(named[n])) for n in names) + ")",
                   _Sheet(None, -1))  # fmt: skip
    elif files is not None and len(mains) > 1:
        several = ", ".join(repr(printable(named[n])) for n in mains)
        table.fail(None, None, f"holds several files that are not one of {_ROLE_FILES}: "
                   f"{several}; keep the assessments in one (or name it: --sheet, Python: "
                   "sheet=)", _Sheet(None, -1))  # fmt: skip
    else:
        main = mains[0]
    for name, title in near.items():
        if name != main:
            table.fail(None, None, f"is not read: did you mean {show(title)}?", sheets[name])
    table.refuse()
    assert main is not None
    document = _Document(table)
    document.main(table.rows(sheets[main], _numbered(book.rows(main)), TABLE_COLUMNS, _REQUIRED))
    for role in ("clusters", "indicators", "improvement_areas", "stated_labels"):
        found = roles.get(role)
        if found is None:
            continue
        cells = _numbered(book.rows(found))
        if role == "indicators":
            rows = _indicator_rows(table, sheets[found], cells)
            if rows is not None:
                document.indicators_sheet(*rows)
            continue
        columns, required = _ROLE_COLUMNS[role]
        rows_of = table.rows(sheets[found], cells, columns, required)
        readers = {
            "clusters": document.clusters_sheet,
            "improvement_areas": document.areas_sheet,
            "stated_labels": document.stated_sheet,
        }
        readers[role](rows_of)
    return table.portfolio(document.document(), catalogues)


#: The files of a folder of CSV tables beside its table of assessments, as messages name them.
_ROLE_FILES = ", ".join(f"{title}.csv" for title in SHEETS.values())


def _folder_workbook(
    folder: str, max_bytes: int, decimal: Decimal | None
) -> tuple[Workbook, dict[str, tuple[str, Decimal]]]:
    """The CSV files of ``folder`` as the sheets of a workbook, titled by their names
    without ``.csv``: those that are not one of the sheets beside the assessments first,
    then those in the order of :data:`SHEETS`; and each one's file name and decimal mark.
    Files with other extensions, and folders in it, are not read."""
    try:
        found = sorted(
            entry.name
            for entry in os.scandir(folder)
            if entry.name.lower().endswith(".csv") and not entry.name.startswith(".")
            and entry.is_file()
        )  # fmt: skip
    except OSError as error:
        reason = error.strerror or str(error)
        raise PortfolioError(folder, [Problem("", f"cannot read the folder: {reason}")]) from None
    if not found:
        raise PortfolioError(
            folder, [Problem("", "holds no .csv file (a folder of CSV tables: docs: *Portfolio "
                             "tables*, \"A folder of CSV files\")")]
        )  # fmt: skip
    order = list(_ROLES)
    found.sort(key=lambda name: order.index(k) + 1 if (k := word_key(name[:-4])) in _ROLES else 0)
    texts: dict[str, tuple[str, str]] = {}
    files: dict[str, tuple[str, Decimal]] = {}
    for name in found:
        path = os.path.join(folder, name)
        text = _csv_text(read_bytes(path, max_bytes, PortfolioError), path)
        delimiter = _delimiter(text)
        texts[name[:-4]] = (text, delimiter)
        files[name[:-4]] = (name, _mark(decimal, delimiter))

    def rows(title: str) -> Iterator[Row]:
        text, delimiter = texts[title]
        return _csv_rows(text, folder, delimiter, f"{printable(files[title][0])}, ")

    return Workbook("CSV", list(texts), rows), files


def _indicator_rows(table: _Table, sheet: _Sheet, cells: _Cells) -> tuple[list[_Row], bool] | None:
    """The rows of a sheet of indicator values and whether it is in the long layout (its
    header names ``indicator`` and ``value``)."""
    try:
        first = next(cells)
    except StopIteration:
        return None
    names = {n.strip() for n in first[1] if isinstance(n, str)}
    long = {"indicator", "value"} <= names
    known = LONG_INDICATOR_COLUMNS if long else None

    def again() -> _Cells:
        yield first
        yield from cells

    if not long:
        # The keys are stripped like every header; the codes are taken as written.
        first = (first[0], [n.strip() if isinstance(n, str) and n.strip() in INDICATOR_KEYS
                            else n for n in first[1]], first[2])  # fmt: skip
    return table.rows(sheet, again(), known, INDICATOR_KEYS), long


def read_portfolio_table(
    path: str | os.PathLike[str],
    *,
    date_order: DateOrder | None = None,
    decimal: Decimal | None = None,
    sheet: str | None = None,
    catalogues: Iterable[Catalogue] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits | None = None,
) -> Portfolio:
    """Read a portfolio from a ``.csv`` file or an ``.xlsx`` or ``.ods`` workbook.

    Cells are read as people write them, and checked by the rules of
    :func:`~cluster_excellence.read_portfolio`:

    * dates: ``YYYY-MM-DD`` text, date cells, midnight date-times; other
      written forms (``25.07.2019``, ``7/25/2019``, ``July 25th, 2021``)
      under ``date_order`` (``"dmy"``, ``"mdy"`` or ``"ymd"``), or, without
      it, in the order the column proves (a day over 12); a column that
      proves nothing is an error asking for the order, never a guess;
    * ``score``: ``84``, ``84.0``, ``84%`` or a cell formatted as a
      percentage; a bare fraction such as ``0.84`` is refused;
    * numbers written as text: with ``decimal`` as the decimal mark (by
      default a comma in a semicolon-separated CSV file, else a point);
    * true/false columns: ``true``/``false`` or ``yes``/``no``, or boolean
      cells; assessment types, tiers and member types without regard to case,
      spaces, hyphens and underscores (``Silver audit``).

    A workbook is read from its first sheet (or ``sheet``) for the
    assessments, and from the sheets ``Clusters``, ``Indicators``,
    ``Improvement areas`` and ``Stated labels`` when it has them. It is
    checked before it is read, against ``limits``
    (:class:`Limits`: its unpacked size,
    compression ratio, members and cells). A formula that computes, or an
    error cell, is refused (paste values); a constant formula such as
    ``=TRUE()`` is its value. Every problem is named by file, sheet, row and
    column in one :class:`~cluster_excellence.PortfolioError`, the only
    error a bad file raises.
    """
    source = os.fspath(path)
    if decimal is not None and decimal not in DECIMALS:
        raise InvalidValueError(f"decimal must be '.' or ',', not {decimal!r}")
    if os.path.isdir(source):
        if sheet is not None and sheet.lower().endswith(".csv"):
            sheet = sheet[:-4]
        book, files = _folder_workbook(source, max_bytes, decimal)
        return _workbook_portfolio(book, source, sheet, date_order, ".", catalogues, files=files)
    suffix = os.path.splitext(source)[1].lower()
    if suffix not in TABLE_SUFFIXES:
        hint = " (.xls is Excel's old binary format: save it as .xlsx)" if suffix == ".xls" else ""
        raise PortfolioError(
            source, [Problem("", f"a portfolio table must be a .csv, .xlsx or .ods file{hint}")]
        )
    data = read_bytes(source, max_bytes, PortfolioError)
    if suffix == ".csv":
        return parse_portfolio_csv(
            data, source=source, date_order=date_order, decimal=decimal, catalogues=catalogues
        )
    book = open_workbook(data, source, suffix[1:], limits)
    return _workbook_portfolio(book, source, sheet, date_order, decimal or ".", catalogues)


def _frame_cells(frame: Any) -> _Cells:
    yield "header", list(frame.columns), ()
    for label, *values in frame.itertuples(index=True, name=None):
        yield f"row {printable(str(label))}", values, ()


def from_dataframe(
    frame: Any,
    *,
    date_order: DateOrder | None = None,
    catalogues: Iterable[Catalogue] = (),
    source: str = "DataFrame",
) -> Portfolio:
    """A portfolio from a pandas DataFrame with one row per assessment, or from frames by
    sheet title (what :meth:`~cluster_excellence.Portfolio.to_dataframes` gives, and
    ``pandas.read_excel(..., sheet_name=None)``), read as a workbook's sheets.

    The columns and the checks are those of :func:`read_portfolio_table`;
    ``datetime64`` columns, nullable columns and numpy numbers are read as
    their values. A score of at most 1 is refused as a fraction unless the
    frame says its scores are in percent (``frame.attrs["scores"] ==
    "percent"``, as :meth:`~cluster_excellence.Portfolio.to_dataframe` marks
    it). Problems name the row by the frame's index label.
    """
    frames: dict[str, Any] = dict(frame) if isinstance(frame, Mapping) else {"": frame}
    for each in frames.values():
        if not hasattr(each, "itertuples") or not hasattr(each, "columns"):
            raise InvalidTypeError(
                f"from_dataframe() needs a pandas DataFrame, not {type(each).__name__}"
            )
    percent = all(
        getattr(f, "attrs", {}).get(SCORES_ATTRIBUTE) == "percent" for f in frames.values()
    )
    if not isinstance(frame, Mapping):
        table = _Table(source, date_order, fractions=not percent)
        document = _Document(table)
        rows = table.rows(_Sheet(None, 0), _frame_cells(frame), TABLE_COLUMNS, _REQUIRED)
        table.refuse()
        document.main(rows)
        return table.portfolio(document.document(), catalogues)
    book = Workbook("DataFrame", list(frames), lambda title: _frame_rows(frames[title]))
    return _workbook_portfolio(
        book, source, None, date_order, ".", catalogues, fractions=not percent
    )


def _frame_rows(frame: Any) -> Iterator[tuple[int, list[Any], list[str]]]:
    yield 1, list(frame.columns), []
    for number, values in enumerate(frame.itertuples(index=False, name=None), start=2):
        yield number, list(values), []


# -- a portfolio as tables -------------------------------------------------------------------


def portfolio_table(
    portfolio: Portfolio, *, source: str = "portfolio"
) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The columns and rows of ``portfolio`` as one table (a CSV file): one row per
    assessment, a cluster without assessments as one row; only the columns some row fills.

    What one table cannot hold (organisation profiles, stated labels, indicator
    values, improvement areas, a cluster's note) is refused, never dropped: a
    :class:`~cluster_excellence.PortfolioError` names each (a workbook holds them all).
    """
    beyond = beyond_one_table(portfolio)
    if beyond:
        raise PortfolioError(source, [Problem(path, _NO_COLUMN) for path in beyond])
    _, records, columns = workbook_tables(portfolio)[0]
    return tuple(columns), [[record.get(c) for c in columns] for record in records]


def _csv_cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value) + "%" if column == "score" and 0 < value <= 1 else repr(value)
    if isinstance(value, int):
        return str(value)
    return _guarded(str(value))


def _guarded(text: str) -> str:
    """``text`` safe in a spreadsheet (the rule of the CSV renderer), and a
    text that starts with an apostrophe with one more, so that the reader, which removes a
    guarding apostrophe, gives back exactly ``text``."""
    safe = csv_safe(text)
    return "'" + text if safe == text and text[:1] == "'" else safe


def portfolio_to_csv(portfolio: Portfolio) -> str:
    """``portfolio`` as a CSV table (RFC 4180, comma-separated, numbers with a decimal point)
    that :func:`read_portfolio_table` reads back equal: dates ``YYYY-MM-DD``; a text that
    a spreadsheet would take for a formula with a leading apostrophe; a score of at most 1
    with a percent sign.

    >>> import datetime as dt
    >>> from cluster_excellence import Benchmark, Cluster, GoldAudit, Portfolio
    >>> from cluster_excellence.files.table import portfolio_to_csv
    >>> qoot = Cluster("qoot", "=Qoot", [Benchmark(dt.date(2019, 7, 25)),
    ...                                  GoldAudit(dt.date(2021, 9, 14), score=0.5)])
    >>> print(portfolio_to_csv(Portfolio([qoot])))
    id,name,type,date,score
    qoot,'=Qoot,benchmarking,2019-07-25,
    qoot,'=Qoot,gold_audit,2021-09-14,0.5%
    <BLANKLINE>
    """
    columns, rows = portfolio_table(portfolio)
    return _csv_table(columns, rows)


def _csv_table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_csv_cell(c, v) for c, v in zip(columns, row, strict=True)] for row in rows)
    return out.getvalue()


#: The key columns of each table of a folder of CSV files: what an empty one holds.
_KEYS = {
    "clusters": ("id",),
    "indicators": INDICATOR_KEYS,
    "improvement_areas": ("id", "date"),
    "stated_labels": ("id", "tier", "valid_until"),
}


def portfolio_to_csv_files(portfolio: Portfolio, *, main: str = "Portfolio") -> dict[str, str]:
    """``portfolio`` as a folder of CSV files that :func:`read_portfolio_table` reads back
    equal: file name -> CSV text, one file per sheet of :func:`portfolio_to_xlsx`, written as
    :func:`portfolio_to_csv` writes (docs: *Portfolio tables*, "A folder of CSV files").

    Every file is given, those of tables the portfolio does not fill with their key
    columns only, so that a folder written again holds no table of an earlier portfolio.

    >>> import datetime as dt
    >>> from cluster_excellence import Benchmark, Cluster, Portfolio
    >>> from cluster_excellence.files.table import portfolio_to_csv_files
    >>> files = portfolio_to_csv_files(Portfolio([
    ...     Cluster("qoot", "Qoot", [Benchmark(dt.date(2019, 7, 25))], note="new")]))
    >>> print(", ".join(files))
    Portfolio.csv, Clusters.csv, Indicators.csv, Improvement areas.csv, Stated labels.csv
    >>> print(files["Clusters.csv"])
    id,name,note
    qoot,Qoot,new
    <BLANKLINE>
    """
    if word_key(main) in _ROLES or not main or printable(main) != main or "/" in main:
        raise InvalidValueError(f"main must name a file that is no other table, not {main!r}")
    tables = {
        title: (columns, records) for title, records, columns in workbook_tables(portfolio, main)
    }
    files = {}
    for title in (main, *SHEETS.values()):
        if title in tables:
            columns, records = tables[title]
        else:
            columns, records = _KEYS[_ROLES[word_key(title)]], []
        files[f"{title}.csv"] = _csv_table(columns, ([r.get(c) for c in columns] for r in records))
    return files


#: The largest whole number a spreadsheet's number cell holds exactly (2**53): larger ones
#: are written as text, which the reader reads back as the number.
_EXACT = 2**53


#: The first day a date cell holds in every spreadsheet's calendar: the day after the
#: 1900 date system's phantom 1900-02-29; earlier days are written as ``YYYY-MM-DD`` text.
_FIRST_DATE_CELL = dt.date(1900, 3, 1)


def _sheet_cell(column: str, value: Any) -> Any:
    # A score of at most 1 as text with a percent sign (a number would read as a fraction).
    if column == "score" and isinstance(value, float) and 0 < value <= 1:
        return f"{value!r}%"
    if type(value) is int and abs(value) > _EXACT:
        return str(value)
    if type(value) is float and float(f"{value:.15g}") != value:
        # A number cell keeps 15 significant digits (Excel's precision): more as text.
        return repr(value)
    if isinstance(value, dt.date) and value < _FIRST_DATE_CELL:
        return value.isoformat()
    return value


def _long_texts(value: Any, path: str, width: int, problems: list[Problem]) -> None:
    """Every text of a portfolio document longer than ``width``, by its JSON path."""
    if isinstance(value, str):
        if len(value) > width:
            problems.append(
                Problem(
                    path,
                    f"a text of {len(value):,} characters does not fit in a cell of a workbook "
                    f"(at most {width:,}); keep this portfolio as JSON",
                )
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            at = key_path(path, key)
            if len(key) > width:
                _long_texts(key, at, width, problems)
            _long_texts(item, at, width, problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _long_texts(item, f"{path}[{index}]", width, problems)


def portfolio_sheets(
    portfolio: Portfolio, *, sheet: str = "Portfolio", cell_width: int | None = CELL_WIDTH
) -> list[Sheet]:
    """The sheets of ``portfolio``'s workbook (see
    :func:`~cluster_excellence.model.clusters.workbook_tables`), their cells as the reader
    reads them back; a text longer than ``cell_width`` (a cell of Excel holds 32,767
    characters) is refused with its JSON path, never cut."""
    if cell_width is not None:
        problems: list[Problem] = []
        document = json.loads(portfolio_to_json(portfolio))
        _long_texts(document, "", cell_width, problems)
        if problems:
            raise PortfolioError("portfolio", problems)
    return [
        (title, list(columns), [[_sheet_cell(c, r.get(c)) for c in columns] for r in records])
        for title, records, columns in workbook_tables(portfolio, sheet)
    ]


def portfolio_to_xlsx(portfolio: Portfolio, *, sheet: str = "Portfolio") -> bytes:
    """``portfolio`` as an XLSX workbook that :func:`read_portfolio_table` reads back equal:
    the assessments in the sheet ``sheet``, and the sheets of what the portfolio records
    beside them (docs: *Portfolio workbooks*); date cells, number cells, text cells that
    stay text, a frozen header and filters. A text too long for a cell is refused, never
    cut. Needs the ``excel`` extra (openpyxl)."""
    sheets = portfolio_sheets(portfolio, sheet=sheet)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's own warnings say nothing of the portfolio
        return workbook(sheets, "writing an XLSX portfolio")


def portfolio_to_ods(portfolio: Portfolio, *, sheet: str = "Portfolio") -> bytes:
    """``portfolio`` as an OpenDocument spreadsheet (.ods) that :func:`read_portfolio_table`
    reads back equal, with the sheets of :func:`portfolio_to_xlsx` (written by the
    standard library: no extra needed)."""
    return ods_workbook(portfolio_sheets(portfolio, sheet=sheet, cell_width=None))
