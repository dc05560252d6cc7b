"""XLSX workbooks written from plain tables: real dates and numbers, safe text.

A presentation primitive without domain knowledge (like :mod:`._tabular`),
so that the portfolio writer and the result renderers share it. openpyxl is
the optional ``excel`` extra, imported only when a workbook is read or
written.

Every sheet has a bold, frozen header row and a filter over its columns.
Text cells are always stored as text (never as a formula, whatever they
start with: a cell typed as text is not evaluated by spreadsheet programs,
OWASP "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection),
days as date cells shown ``yyyy-mm-dd``, numbers and booleans as such.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import os
from collections.abc import Iterable, Sequence
from typing import Any

from ._output import OutputError, write_file
from ._text import printable
from .errors import InvalidTypeError, InvalidValueError

__all__ = [
    "CELL_WIDTH",
    "DATE_FORMAT",
    "INSTALL_HINT",
    "CellTooLongError",
    "Sheet",
    "openpyxl",
    "records_sheet",
    "save",
    "sheet_title",
    "workbook",
]

#: How date cells are shown.
DATE_FORMAT = "yyyy-mm-dd"
INSTALL_HINT = "pip install 'cluster_excellence[excel]'"
#: Excel's limits: 31 characters in a sheet's title, 1,048,576 rows, 32,767 characters a cell.
_TITLE_WIDTH = 31
MAX_ROWS = 1_048_576
CELL_WIDTH = 32_767
_TITLE_UNSAFE = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))

#: One sheet: its title, its column names, its rows.
Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def openpyxl(what: str) -> Any:
    """The openpyxl module, or an :class:`ImportError` that says how to install it."""
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise ImportError(f"{what} needs openpyxl: install it with {INSTALL_HINT}") from None


def sheet_title(text: str) -> str:
    """``text`` as a sheet title Excel accepts: no ``[]:*?/\\``, at most 31 characters.

    >>> from cluster_excellence._xlsx import sheet_title
    >>> sheet_title("plans: 2026/27")
    'plans_ 2026_27'
    """
    return printable(text).translate(_TITLE_UNSAFE)[:_TITLE_WIDTH] or "Sheet"


def _cell(value: Any) -> tuple[Any, str | None]:
    """A value as a cell value and its number format."""
    if value is None or value is True or value is False:
        return value, None
    if isinstance(value, dt.datetime):
        raise InvalidTypeError(f"a table cell holds days, not date-times: {value!r}")
    if isinstance(value, dt.date):
        return value, DATE_FORMAT
    if isinstance(value, float) and value.is_integer():
        return value, "0.0"  # a float stays a float when read back (2.0, not 2)
    if isinstance(value, (int, float)):
        return value, None
    return str(value), "@"


class CellTooLongError(OutputError, InvalidValueError):
    """A text longer than a cell holds (:data:`CELL_WIDTH`): refused, never cut."""


def workbook(
    sheets: Sequence[Sheet], what: str = "writing XLSX", written: dt.datetime | None = None
) -> bytes:
    """The bytes of an XLSX workbook holding ``sheets`` in this order; ``written`` is the
    time its properties record as created (default: now). The bytes still change with the
    time of writing: openpyxl records it as modified, and in the package's entries."""
    module = openpyxl(what)
    styles = importlib.import_module("openpyxl.styles")
    utils = importlib.import_module("openpyxl.utils")
    book = module.Workbook()
    book.remove(book.active)
    bold = styles.Font(bold=True)
    titles: set[str] = set()
    for title, columns, rows in sheets:
        name = sheet_title(title)
        while name.lower() in titles:
            name = sheet_title(name[:28] + f"_{len(titles)}")
        titles.add(name.lower())
        sheet = book.create_sheet(name)
        widths = [len(column) for column in columns]
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index)
            cell.value = column
            cell.data_type = "s"
            cell.font = bold
        count = 1
        for count, row in enumerate(rows, start=2):
            if count > MAX_ROWS:
                raise InvalidValueError(
                    f"{name}: more than {MAX_ROWS - 1} rows do not fit in a sheet"
                )
            for index, value in enumerate(row, start=1):
                content, number_format = _cell(value)
                if content is None:
                    continue
                if number_format == "@" and len(content) > CELL_WIDTH:
                    named = columns[index - 1] if index <= len(columns) else index
                    raise CellTooLongError(
                        f"sheet {name}, row {count}, column {printable(str(named))}"
                        f": a text of {len(content):,} characters does not fit in a cell "
                        f"(at most {CELL_WIDTH:,}); write JSON or CSV instead"
                    )
                cell = sheet.cell(row=count, column=index)
                cell.value = content
                if number_format == "@":
                    cell.data_type = "s"  # text stays text, even "=1+1"
                elif number_format is not None:
                    cell.number_format = number_format
                shown = 10 if number_format == DATE_FORMAT else len(str(content))
                widths[index - 1] = max(widths[index - 1], min(shown, 60))
        sheet.freeze_panes = "A2"
        if columns:
            last = utils.get_column_letter(len(columns))
            sheet.auto_filter.ref = f"A1:{last}{max(count, 1)}"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[utils.get_column_letter(index)].width = width + 2
    if not book.worksheets:
        book.create_sheet("Sheet")
    if written is not None:
        book.properties.created = book.properties.modified = written
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def records_sheet(title: str, records: Sequence[dict[str, Any]], columns: Sequence[str]) -> Sheet:
    """A sheet of flat records in ``columns`` order."""
    return title, columns, ([record.get(c) for c in columns] for record in records)


def save(path: str | os.PathLike[str], sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` to the XLSX file ``path``, all at once (see ``_output``)."""
    write_file(os.fspath(path), workbook(sheets, "to_excel()"))
