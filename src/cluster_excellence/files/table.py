"""Portfolio tables: one row per assessment, in a CSV file, an XLSX sheet or a DataFrame.

The columns are the portfolio file's JSON keys (docs: *Portfolio tables*):
``id``, ``name``, ``type`` and ``date`` are required; ``country``,
``comparative_portfolio``, ``website``, ``awarded``, ``passed``, ``score``,
``minimum_requirements_met``, ``self_test_passed``, ``audit_days``,
``experts``, ``awarded_on`` and ``note`` (the assessment's) are optional.
A cluster's fields repeat on each of its rows; a blank cell after a
cluster's first row means "same as above". A cluster with no assessment
yet is a row with a blank ``type`` and ``date``.

Each cell is read into the JSON value it stands for, and the portfolio is
then checked by the JSON reader's own rules; every problem is named by
file, sheet, row and column.

>>> portfolio = parse_portfolio_csv('''id,name,type,date,score
... qoot,Qoot Cluster,benchmarking,25.07.2019,
... ,,gold_audit,17.11.2017,84%
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
import math
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import dateutil.parser

from .._tabular import csv_safe
from .._text import printable, show
from .._xlsx import Sheet, openpyxl, workbook
from ..errors import InvalidTypeError, InvalidValueError, PortfolioError, Problem
from ..model.catalogues import Catalogue
from ..model.clusters import (
    ASSESSMENT_COLUMNS,
    CLUSTER_COLUMNS,
    TABLE_COLUMNS,
    Portfolio,
    assessment_record,
)
from ._json import read_bytes
from .portfolio import DEFAULT_MAX_BYTES, check_document

__all__ = [
    "COLUMNS",
    "DATE_ORDERS",
    "TABLE_SUFFIXES",
    "DateOrder",
    "from_dataframe",
    "parse_portfolio_csv",
    "portfolio_table",
    "portfolio_to_csv",
    "portfolio_to_xlsx",
    "read_portfolio_table",
]

#: How a written date's day and month are ordered: day-month-year, month-day-year,
#: year-month-day.
DateOrder = Literal["dmy", "mdy", "ymd"]
#: The extensions of portfolio tables (anything else is read as JSON).
TABLE_SUFFIXES = (".csv", ".xlsx")
DATE_ORDERS: tuple[DateOrder, ...] = ("dmy", "mdy", "ymd")

_CLUSTER_COLUMNS = CLUSTER_COLUMNS
_ASSESSMENT_COLUMNS = ASSESSMENT_COLUMNS
#: Every column a portfolio table may have, in the order the writers write them.
COLUMNS = TABLE_COLUMNS
_REQUIRED = ("id", "name", "type", "date")
_DAY_COLUMNS = ("date", "awarded_on")
_BOOLEAN_COLUMNS = (
    "awarded", "passed", "minimum_requirements_met", "self_test_passed",
)  # fmt: skip
_TRUE, _FALSE = frozenset({"true", "yes"}), frozenset({"false", "no"})

_ISO_DAY = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
_ISO_TIMED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}.*")
_NUMERIC_DAY = re.compile(r"([0-9]{1,4})([./-])([0-9]{1,2})\2([0-9]{1,4})")
_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_PERCENT = re.compile(r"(.*?)\s*%")

_NO_COLUMN = "has no column in a portfolio table (keep this portfolio as JSON)"
_ORDER_WORDS = {"dmy": "day-month-year", "mdy": "month-day-year", "ymd": "year-month-day"}
_ASK_ORDER = "give the order: --date-order dmy or mdy (Python: date_order=)"


class _Unreadable:
    """A cell that holds no value to read (a formula, a spreadsheet error), and why."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


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


def _boolean(value: Any) -> bool:
    if value is True or value is False:
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise _Bad(f"must be true or false (or yes or no), not {_describe(value)}")


def _number(value: Any, *, whole: bool) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise _Bad(f"must be a number, not {_describe(value)}")
    if isinstance(value, str):
        text = value.strip()
        if not _NUMBER.fullmatch(text):
            raise _Bad(f"{show(value)} is not a number")
        digits = text.lstrip("+-")
        number: float | int = int(text) if digits.isdigit() and len(digits) <= 300 else float(text)
    else:
        number = value
    if not math.isfinite(number):
        raise _Bad(f"{show(value)} is not a finite number")
    if whole and isinstance(number, float) and number.is_integer():
        return int(number)
    return number


def _score(value: Any, percent_cell: bool) -> float:
    """A score in percent: ``84``, ``84.0``, ``84%`` or a cell formatted as a percentage.

    A bare fraction (above 0, at most 1) is refused: it is what a spreadsheet holds
    for "84 %" when the format is lost (our decision, docs: *Portfolio tables*).
    """
    if percent_cell and isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(float(value) * 100, 10)
    if isinstance(value, str):
        found = _PERCENT.fullmatch(value.strip())
        if found is not None:
            number = _number(found.group(1), whole=False)
            return float(number)
    number = _number(value, whole=False)
    if 0 < number <= 1:
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


def _column_order(
    column: str, texts: Iterable[tuple[str, str]], problems: list[Problem]
) -> DateOrder | None:
    """The order the column's numeric dates prove (``texts``: (where, text)), or None; a
    problem when they contradict each other."""
    proof: dict[str, tuple[str, str]] = {}
    for where, text in texts:
        parts = _numeric_parts(text)
        if parts is None:
            continue
        order = _order_proof(parts)
        if order == "ymd":
            continue
        if order is not None:
            proof.setdefault(order, (where, text))
    if "dmy" in proof and "mdy" in proof:
        (at_d, day_first), (at_m, month_first) = proof["dmy"], proof["mdy"]
        problems.append(
            Problem(
                f"column {column}",
                f"mixes day-first dates ({at_d}: {day_first}) and month-first dates "
                f"({at_m}: {month_first}); write them one way, or as YYYY-MM-DD",
            )
        )
        return None
    if "dmy" in proof:
        return "dmy"
    return (
        "mdy" if "mdy" in proof else None
    )  # each date that could be either is reported in its cell


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
        try:
            return dt.date.fromisoformat(iso.group(1))
        except ValueError:
            raise _Bad(f"{iso.group(1)} is not a valid date") from None
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
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        words = _ORDER_WORDS[order or "ymd"]
        raise _Bad(f"{show(text)} is not a valid date ({words})") from None


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


# -- rows into a portfolio -----------------------------------------------------------------


class _Row:
    """One row of a table: where it is (``row 5``) and its cells by column."""

    __slots__ = ("cells", "formats", "where")

    def __init__(self, where: str, cells: dict[str, Any], formats: dict[str, str]) -> None:
        self.where = where
        self.cells = cells
        #: The number format of each column's cell (XLSX), e.g. ``0%``.
        self.formats = formats


class _Table:
    """The rows of one table, read into a portfolio document with each value's place."""

    def __init__(
        self, source: str, prefix: str, date_order: DateOrder | None, guarded: bool = False
    ) -> None:
        if date_order is not None and date_order not in DATE_ORDERS:
            raise InvalidValueError(
                f"date_order must be one of {', '.join(DATE_ORDERS)}, not {date_order!r}"
            )
        self.source = source
        self.prefix = prefix
        self.date_order = date_order
        #: Whether texts may carry a formula guard (CSV files written by the writer).
        self.guarded = guarded
        self.problems: list[Problem] = []
        self.reported: set[tuple[str, str | None]] = set()
        #: Rows with a cell that could not be read: the checks across their cells wait.
        self.bad_rows: set[str] = set()
        #: (cluster index, key) -> where; (cluster index, assessment index) -> where.
        self.places: dict[tuple[int, Any], str] = {}

    def fail(self, where: str, column: str | None, message: str) -> None:
        if column is not None:
            self.reported.add((where, column))
            self.bad_rows.add(where)
        at = f"{where}, column {column}" if column is not None else where
        self.problems.append(Problem(self.prefix + at, message))

    def header(self, names: Sequence[Any]) -> list[str | None]:
        """The column names, checked; None for a blank column."""
        columns: list[str | None] = []
        seen: set[str] = set()
        for position, raw in enumerate(names, start=1):
            name = raw.strip() if isinstance(raw, str) else raw
            if _blank(name):
                columns.append(None)
                continue
            if not isinstance(name, str):
                self.fail(
                    f"column {position}", None, f"the header must be a name, not {show(name)}"
                )
                columns.append(None)
                continue
            if name in seen:
                self.fail(f"column {position}", None, f"{show(name)} appears twice in the header")
            elif name not in COLUMNS:
                close = difflib.get_close_matches(name, COLUMNS, n=1)
                hint = f"did you mean {close[0]!r}?" if close else "expected " + ", ".join(COLUMNS)
                self.fail(f"column {position}", None, f"unknown column {show(name)} ({hint})")
            seen.add(name)
            columns.append(name if name in COLUMNS else None)
        missing = [name for name in _REQUIRED if name not in seen]
        if missing:
            self.fail("the header", None, f"has no column {', '.join(missing)} (required)")
        return columns

    def document(self, rows: Sequence[_Row]) -> dict[str, Any]:
        """The portfolio document of ``rows``."""
        orders = {column: self._order(column, rows) for column in _DAY_COLUMNS}
        clusters: dict[str, dict[str, Any]] = {}
        indices: dict[str, int] = {}
        first: dict[str, dict[str, tuple[Any, str]]] = {}
        last_id: str | None = None
        for row in rows:
            values = self._values(row, orders)
            cid = values.get("id")
            if cid is None:
                if (row.where, "id") in self.reported:
                    continue
                if last_id is None:
                    self.fail(row.where, "id", "is blank (required in a cluster's first row)")
                    continue
                cid = last_id
            last_id = cid
            if cid not in clusters:
                index = indices[cid] = len(clusters)
                clusters[cid] = {"id": cid}
                first[cid] = {"id": (cid, row.where)}
                self.places[(index, "id")] = row.where
            index = indices[cid]
            cluster = clusters[cid]
            for key in _CLUSTER_COLUMNS[1:]:
                if key not in values:
                    continue
                known = first[cid].get(key)
                if known is None:
                    cluster[key] = values[key]
                    first[cid][key] = (values[key], row.where)
                    self.places[(index, key)] = row.where
                elif known[0] != values[key]:
                    self.fail(
                        row.where,
                        key,
                        f"{show(values[key])} differs from {show(known[0])} ({known[1]}) for the "
                        f"cluster {show(cid)}; leave it blank or write the same",
                    )
            self.places.setdefault((index, "name"), row.where)
            assessment = {k: v for k, v in values.items() if k in _ASSESSMENT_COLUMNS}
            assessments = cluster.setdefault("assessments", [])
            if assessment or any((row.where, c) in self.reported for c in _ASSESSMENT_COLUMNS):
                self.places[(index, len(assessments))] = row.where
                assessments.append(assessment)
        return {"format": "cluster-excellence.portfolio/1", "clusters": list(clusters.values())}

    def _order(self, column: str, rows: Sequence[_Row]) -> DateOrder | None:
        if self.date_order is not None:
            return self.date_order
        texts = (
            (row.where, row.cells[column].strip())
            for row in rows
            if isinstance(row.cells.get(column), str)
        )
        return _column_order(column, texts, self.problems)

    def _values(self, row: _Row, orders: dict[str, DateOrder | None]) -> dict[str, Any]:
        """The JSON values of a row's cells (a cell that cannot be read is reported)."""
        values: dict[str, Any] = {}
        for column, raw in row.cells.items():
            if _blank(raw):
                continue
            try:
                if isinstance(raw, _Unreadable):
                    raise _Bad(raw.message)
                value = _plain(raw)
                if column in _DAY_COLUMNS:
                    values[column] = _day(value, orders[column]).isoformat()
                elif column in _BOOLEAN_COLUMNS:
                    values[column] = _boolean(value)
                elif column == "score":
                    values[column] = _score(value, "%" in row.formats.get(column, ""))
                elif column in ("audit_days", "experts"):
                    if type(value) is int and "." in row.formats.get(column, ""):
                        value = float(value)  # a float the writer marked (see _xlsx)
                    values[column] = _number(value, whole=column == "experts")
                else:
                    values[column] = _text(value, self.guarded)
            except _Bad as bad:
                self.fail(row.where, column, bad.message)
        return values

    _PATH = re.compile(r"clusters\[([0-9]+)\](?:\.assessments(?:\[([0-9]+)\])?)?(?:\.(\w+))?")

    def locate(self, problem: Problem) -> Problem | None:
        """A JSON reader's problem placed in the table (None when the cell was reported)."""
        found = self._PATH.match(problem.path)
        if found is None:
            return Problem(self.prefix.rstrip(", "), problem.message)
        cluster, assessment, key = int(found.group(1)), found.group(2), found.group(3)
        if assessment is not None:
            where = self.places.get((cluster, int(assessment)), "")
        else:
            where = self.places.get((cluster, key or "id"), self.places.get((cluster, "id"), ""))
        if (where, key) in self.reported or (key is None and where in self.bad_rows):
            return None
        at = f"{where}, column {key}" if key is not None else where
        return Problem(self.prefix + at, self._PATH.sub(self._row_of, problem.message))

    def _row_of(self, found: re.Match[str]) -> str:
        """A JSON path in a message, as the row it stands for."""
        cluster, assessment = int(found.group(1)), found.group(2)
        key: Any = int(assessment) if assessment is not None else "id"
        return self.places.get((cluster, key), found.group(0))

    def portfolio(self, rows: Sequence[_Row], catalogues: Iterable[Catalogue]) -> Portfolio:
        document = self.document(rows)
        found: list[Problem] = []
        try:
            portfolio = check_document(document, self.source, catalogues)
        except PortfolioError as error:
            found = [p for p in map(self.locate, error.problems) if p is not None]
            more = error.more
        else:
            if not self.problems:
                return portfolio
            more = 0
        raise PortfolioError(self.source, [*self.problems, *found], more=more)


def _rows_of(
    table: _Table, cells: Iterator[tuple[str, Sequence[Any], Sequence[str]]]
) -> list[_Row]:
    """The rows after the header: (where, values, number formats per position)."""
    try:
        _, names, _ = next(cells)
    except StopIteration:
        table.fail("the header", None, "is missing: the table is empty")
        raise PortfolioError(table.source, table.problems) from None
    columns = table.header(names)
    if table.problems:
        raise PortfolioError(table.source, table.problems)
    rows: list[_Row] = []
    for where, values, percent in cells:
        if len(values) > len(columns) and not all(map(_blank, values[len(columns) :])):
            table.fail(where, None, f"has {len(values)} cells; the header names {len(columns)}")
            continue
        row: dict[str, Any] = {}
        formats: dict[str, str] = {}
        for position, column in enumerate(columns):
            if column is None:
                # A column without a name (the header reported every other kind).
                if position < len(values) and not _blank(values[position]):
                    table.fail(
                        where, None, f"has a value in column {position + 1}, which has no name"
                    )
                continue
            value = values[position] if position < len(values) else None
            row[column] = value
            if position < len(percent) and percent[position]:
                formats[column] = percent[position]
        if all(_blank(v) for v in row.values()):
            continue  # an empty row: spreadsheets keep them
        rows.append(_Row(where, row, formats))
    return rows


# -- the sources -------------------------------------------------------------------------------


def _csv_cells(text: str, source: str) -> Iterator[tuple[str, Sequence[Any], Sequence[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, values in enumerate(reader, start=1):
            yield f"row {number}", values, ()
    except csv.Error as error:
        raise PortfolioError(
            source, [Problem(f"row {number + 1}", f"is not CSV: {error}")]
        ) from None


def parse_portfolio_csv(
    text: str | bytes,
    *,
    source: str = "<string>",
    date_order: DateOrder | None = None,
    catalogues: Iterable[Catalogue] = (),
) -> Portfolio:
    """A portfolio from CSV text (comma-, semicolon- or tab-separated, as the header
    line shows; UTF-8 with or without a byte order mark), checked as
    :func:`read_portfolio_table` checks it."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
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
    elif text.startswith("\ufeff"):
        text = text[1:]
    table = _Table(source, "", date_order, guarded=True)
    rows = _rows_of(table, _csv_cells(text, source))
    return table.portfolio(rows, catalogues)


def _xlsx_cells(sheet: Any, table: _Table) -> Iterator[tuple[str, Sequence[Any], Sequence[str]]]:
    for cells in sheet.iter_rows():
        values: list[Any] = []
        percent: list[str] = []
        where = ""
        for cell in cells:
            value = cell.value
            row = getattr(cell, "row", None)
            if row is not None:
                where = f"row {row}"
            kind = getattr(cell, "data_type", "n")
            if kind == "f":
                value = _Unreadable(
                    f"holds the formula {show(value)}; the reader takes values only "
                    "(copy the column and paste it as values)"
                )
            elif kind == "e":
                value = _Unreadable(f"holds the spreadsheet error {show(value)}")
            values.append(value)
            percent.append(getattr(cell, "number_format", "") or "")
        yield where, values, percent


def _xlsx_portfolio(
    data: bytes,
    source: str,
    sheet: str | None,
    date_order: DateOrder | None,
    catalogues: Iterable[Catalogue],
) -> Portfolio:
    module = openpyxl("reading an XLSX portfolio")
    try:
        book = module.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise PortfolioError(
            source, [Problem("", f"is not an XLSX workbook ({type(error).__name__})")]
        ) from None
    try:
        names = list(book.sheetnames)
        if sheet is None:
            sheet = names[0]  # a workbook has at least one sheet
        elif sheet not in names:
            known = ", ".join(repr(printable(n)) for n in names)
            raise PortfolioError(
                source, [Problem("", f"has no sheet {show(sheet)} (it has {known})")]
            )
        table = _Table(source, f"sheet {printable(sheet)}, ", date_order)
        rows = _rows_of(table, _xlsx_cells(book[sheet], table))
        return table.portfolio(rows, catalogues)
    finally:
        book.close()


def read_portfolio_table(
    path: str | os.PathLike[str],
    *,
    date_order: DateOrder | None = None,
    sheet: str | None = None,
    catalogues: Iterable[Catalogue] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Portfolio:
    """Read a portfolio from a ``.csv`` or ``.xlsx`` file, one row per assessment.

    Cells are read as people write them, and checked by the rules of
    :func:`~cluster_excellence.read_portfolio`:

    * dates: ``YYYY-MM-DD`` text, date cells, midnight date-times; other
      written forms (``25.07.2019``, ``7/25/2019``, ``July 25th, 2021``)
      under ``date_order`` (``"dmy"``, ``"mdy"`` or ``"ymd"``), or, without
      it, in the order the column proves (a day over 12); a column that
      proves nothing is an error asking for the order, never a guess;
    * ``score``: ``84``, ``84.0``, ``84%`` or a cell formatted as a
      percentage; a bare fraction such as ``0.84`` is refused;
    * true/false columns: ``true``/``false`` or ``yes``/``no`` in any case,
      or boolean cells.

    An XLSX file is read from its first sheet unless ``sheet`` names one; a
    formula cell is refused (paste values). Every problem is named by file,
    sheet, row and column in one :class:`~cluster_excellence.PortfolioError`.
    Reading XLSX needs the ``excel`` extra (openpyxl).
    """
    source = os.fspath(path)
    suffix = os.path.splitext(source)[1].lower()
    if suffix not in TABLE_SUFFIXES:
        raise PortfolioError(
            source, [Problem("", "a portfolio table must be a .csv or .xlsx file")]
        )
    if suffix == ".xlsx":
        openpyxl("reading an XLSX portfolio")  # before reading the file: say what is missing
    data = read_bytes(source, max_bytes, PortfolioError)
    if suffix == ".csv":
        return parse_portfolio_csv(
            data, source=source, date_order=date_order, catalogues=catalogues
        )
    return _xlsx_portfolio(data, source, sheet, date_order, catalogues)


def _frame_cells(frame: Any) -> Iterator[tuple[str, Sequence[Any], Sequence[str]]]:
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
    """A portfolio from a pandas DataFrame with one row per assessment.

    The columns and the checks are those of :func:`read_portfolio_table`;
    ``datetime64`` columns, nullable columns and numpy numbers are read as
    their values. Problems name the row by the frame's index label.
    """
    if not hasattr(frame, "itertuples") or not hasattr(frame, "columns"):
        raise InvalidTypeError(
            f"from_dataframe() needs a pandas DataFrame, not {type(frame).__name__}"
        )
    table = _Table(source, "", date_order)
    rows = _rows_of(table, _frame_cells(frame))
    return table.portfolio(rows, catalogues)


# -- a portfolio as a table ------------------------------------------------------------------


def portfolio_table(
    portfolio: Portfolio, *, source: str = "portfolio"
) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The columns and rows of ``portfolio`` as a table: one row per assessment, a
    cluster without assessments as one row; only the columns some row fills.

    What a table cannot hold (organisation profiles, stated labels, indicator
    values, improvement areas, a cluster's note) is refused, never dropped:
    a :class:`~cluster_excellence.PortfolioError` names each.
    """
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    for index, cluster in enumerate(portfolio.clusters):
        at = f"clusters[{index}]"
        for key in ("note", "organisation"):
            if getattr(cluster, key) is not None:
                problems.append(Problem(f"{at}.{key}", _NO_COLUMN))
        if cluster.stated_labels:
            problems.append(Problem(f"{at}.stated_labels", _NO_COLUMN))
        base = {
            "id": cluster.id,
            "name": cluster.name,
            "country": cluster.country,
            "comparative_portfolio": cluster.comparative_portfolio,
            "website": cluster.website,
        }
        if not cluster.assessments:
            rows.append(base)
        for number, assessment in enumerate(cluster.assessments):
            where = f"{at}.assessments[{number}]"
            if getattr(assessment, "indicators", None):
                problems.append(Problem(f"{where}.indicators", _NO_COLUMN))
            if getattr(assessment, "improvement_areas", None):
                problems.append(Problem(f"{where}.improvement_areas", _NO_COLUMN))
            rows.append({**base, **assessment_record(assessment)})
    if problems:
        raise PortfolioError(source, problems)
    used = [c for c in COLUMNS if c in _REQUIRED or any(r.get(c) is not None for r in rows)]
    return tuple(used), [[row.get(column) for column in used] for row in rows]


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
    """``portfolio`` as a CSV table (RFC 4180) that :func:`read_portfolio_table` reads back
    equal: dates ``YYYY-MM-DD``; a text that a spreadsheet would take for a formula with a
    leading apostrophe; a score of at most 1 with a percent sign.

    >>> from cluster_excellence import Benchmark, Cluster, GoldAudit, Portfolio
    >>> qoot = Cluster("qoot", "=Qoot", [Benchmark(dt.date(2019, 7, 25)),
    ...                                  GoldAudit(dt.date(2021, 9, 14), score=0.5)])
    >>> print(portfolio_to_csv(Portfolio([qoot])))
    id,name,type,date,score
    qoot,'=Qoot,benchmarking,2019-07-25,
    qoot,'=Qoot,gold_audit,2021-09-14,0.5%
    <BLANKLINE>
    """
    columns, rows = portfolio_table(portfolio)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_csv_cell(c, v) for c, v in zip(columns, row, strict=True)] for row in rows)
    return out.getvalue()


def _xlsx_row(columns: Sequence[str], row: Sequence[Any]) -> list[Any]:
    # A score of at most 1 as text with a percent sign (a number would read as a fraction).
    return [
        f"{v!r}%" if c == "score" and isinstance(v, float) and 0 < v <= 1 else v
        for c, v in zip(columns, row, strict=True)
    ]


def portfolio_to_xlsx(portfolio: Portfolio, *, sheet: str = "Portfolio") -> bytes:
    """``portfolio`` as an XLSX workbook of one sheet that :func:`read_portfolio_table`
    reads back equal: date cells, number cells, text cells that stay text, a frozen
    header and filters. Needs the ``excel`` extra (openpyxl)."""
    columns, rows = portfolio_table(portfolio)
    sheets: list[Sheet] = [(sheet, columns, (_xlsx_row(columns, row) for row in rows))]
    return workbook(sheets, "writing an XLSX portfolio")
