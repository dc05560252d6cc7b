"""Every result's outputs, derived from its declared :class:`~._layout.Layout` by one path.

A result type declares its JSON document and its tables once
(:mod:`cluster_excellence._layout`); :class:`Result` gives it its JSON data,
its rows, a typed DataFrame, its view in a notebook and a short repr, and the
functions here turn any declared table into text for a terminal, GitHub
Markdown, HTML, CSV and the sheets of an XLSX workbook. Words for people
(headings, captions, tiers, statuses, sentences) are written in the language
asked for (:mod:`cluster_excellence._words`); machine words (JSON keys, CSV
and XLSX headers, codes, enumerated values) never change.

Every text from data is shown with its control characters escaped (text,
Markdown), escaped for HTML, or guarded against spreadsheet formulas (CSV);
nothing is cut: a long cell of a text table continues on further lines.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from ._checks import failure
from ._layout import Column, Layout, Table
from ._text import printable, shorten
from ._words import Language, Message, language

__all__ = [
    "MAX_HTML_ROWS",
    "Result",
    "cells",
    "csv_safe",
    "csv_text",
    "dataframe",
    "escape",
    "html",
    "layout_of",
    "markdown",
    "pandas",
    "sheets",
    "text",
]

#: HTML views show at most this many rows: the first and last half, with a note of how
#: many there are (as pandas does; our decision, a parameter of every HTML view).
MAX_HTML_ROWS = 60
#: The width of a text table when none is given (our decision: a classic terminal).
DEFAULT_WIDTH = 80
#: A long text that a table's column could show only narrower than this goes on a
#: line of its own under its row (our decision: below it, words wrap too often).
BELOW_WIDTH = 24
_INDENT = "  "


class Result:
    """What every result offers, from its :class:`~._layout.Layout`: JSON data
    (:meth:`to_dict`), rows (:meth:`to_records`), a typed DataFrame (:meth:`to_dataframe`),
    a view in a notebook and a short repr. Every other output:
    :func:`cluster_excellence.render`."""

    __slots__ = ()
    LAYOUT: ClassVar[Layout]

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON data: the ``--format json`` document of its command."""
        return self.LAYOUT.encode(self)

    def to_records(self) -> list[dict[str, Any]]:
        """The rows of the result's (first) table, a dict of every column each: days as
        :class:`datetime.date`, enumerations as their values, sentences as their English
        text (the rows of ``--format csv``)."""
        return cells(self.LAYOUT.tables[0], self)

    def to_dataframe(self) -> Any:
        """The rows as a ``pandas.DataFrame`` whose column types come from the declaration
        (days as ``datetime64``, tiers and statuses as ordered categories, nullable
        booleans and numbers; an empty column keeps its type), the values that hold for
        every row (the day, the rulebook: each value of the JSON document that is neither a
        list nor an object) in ``frame.attrs``. Needs the ``pandas`` extra."""
        return dataframe(self.LAYOUT.tables[0], self)

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS, *, language: Any = None) -> str:
        """The result's tables as HTML, as a notebook shows them; over ``max_rows`` rows,
        the first and last rows around a gap, with the number of rows (see :func:`html`)."""
        return html(self, language, max_rows=max_rows)

    def _repr_html_(self) -> str:
        return html(self)

    def __repr__(self) -> str:
        """Short: the type, the values at the top of its document, how many rows."""
        data = self.to_dict() if self.LAYOUT.document is not None else {}
        shown = [
            f"{key}={shorten(printable(str(value)), 40)}"
            for key, value in data.items()
            if key != "format" and isinstance(value, (str, int, float, bool))
        ][:4]
        table = self.LAYOUT.tables[0]
        count = sum(1 for _ in table.rows(self))
        head = " ".join([type(self).__name__, *shown])
        return f"<{head}: {count} row{'' if count == 1 else 's'} of {table.name}>"


def layout_of(result: Any) -> Layout:
    """The layout of ``result``, or a clear error for a value that is no result."""
    found = getattr(type(result), "LAYOUT", None)
    if not isinstance(found, Layout):
        raise failure("result", f"must be a result of the library, not {type(result).__name__}")
    return found


def cells(table: Table, result: Any) -> list[dict[str, Any]]:
    """The rows of ``table`` of ``result`` as machine cells (see :meth:`Result.to_records`)."""
    kinds = [(column.name, column.kind.cell) for column in table.columns]
    return [{name: cell(row[name]) for name, cell in kinds} for row in table.records(result)]


# -- for people ---------------------------------------------------------------------------


def _show(column: Column, value: Any, words: Language) -> str:
    """A cell as people read it in ``words``' language."""
    if value is None:
        return ""
    if column.kind.categories and isinstance(value, str):  # a word that is no member
        return words.gettext(value.replace("_", " "))
    if column.kind.name == "reasons":
        return "; ".join(words.show(item) for item in value)
    return words.show(value, column.spec)


def _lines(messages: Sequence[Message], words: Language) -> list[str]:
    return [message.text(words) for message in messages]


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    import textwrap  # the standard library's: only text tables need it

    return textwrap.wrap(
        text,
        width=max(width, 10),
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [""]


def text(result: Any, lang: str | Language | None = None, *, width: int = DEFAULT_WIDTH) -> str:
    """Every table of ``result`` as text for a terminal ``width`` characters wide: its
    lines, its columns aligned (a long cell goes on over further lines, never cut), its
    rows grouped where the table says so, its notes."""
    words = language(lang)
    blocks = [_text_table(table, result, words, width) for table in layout_of(result).tables]
    return "\n".join(blocks)


def _text_table(table: Table, result: Any, words: Language, width: int) -> str:
    out: list[str] = []
    for line in _lines(table.title(result), words):
        out.extend(_wrap(line, width, _INDENT))
    out.append("")
    rows = table.records(result)
    if not rows:
        out.extend(_wrap(table.empty.text(words), width))
    else:
        grouped = bool(table.group)
        columns = [table.column(n) for n in table.shown if not grouped or n not in table.group]
        indent = _INDENT if grouped else ""
        headings = [words.gettext(column.heading).upper() for column in columns]
        body = [[_show(column, row[column.name], words) for column in columns] for row in rows]
        # A column with no value in any row is left out; a wide column that would be
        # narrower than BELOW_WIDTH goes under its row, as a line of its own.
        kept = [i for i in range(len(columns)) if any(cells[i] for cells in body)] or [0]
        inline, below = kept, []
        while True:
            widths = _widths(
                [columns[i] for i in inline],
                [headings[i] for i in inline],
                [[cells[i] for i in inline] for cells in body],
                width - len(indent),
            )
            narrow = [
                i
                for i, w in zip(inline, widths, strict=True)
                if columns[i].wide and w < BELOW_WIDTH and len(inline) > 1
            ]
            if not narrow:
                break
            below.append(narrow[-1])
            inline = [i for i in inline if i != narrow[-1]]
        shown_columns = [columns[i] for i in inline]
        out.extend(
            indent + line for line in _aligned(shown_columns, [headings[i] for i in inline], widths)
        )
        previous: tuple[Any, ...] | None = None
        for row, cells in zip(rows, body, strict=True):
            if grouped:
                key = tuple(row[name] for name in table.group)
                if key != previous and table.group_line is not None:
                    out.extend(_wrap(table.group_line(row).text(words), width, _INDENT * 2))
                previous = key
            out.extend(
                indent + line
                for line in _aligned(shown_columns, [cells[i] for i in inline], widths)
            )
            for i in sorted(below):
                if cells[i]:
                    label = words.gettext(columns[i].heading)
                    out.extend(
                        _wrap(f"{indent}{_INDENT}{label}: {cells[i]}", width, indent + _INDENT * 2)
                    )
    notes = _lines(table.notes(result), words)
    if notes:
        out.append("")
        for note in notes:
            out.extend(_wrap(note, width, _INDENT))
    return "\n".join(out) + "\n"


def _widths(
    columns: Sequence[Column], headings: Sequence[str], body: Sequence[Sequence[str]], room: int
) -> list[int]:
    """Each column's width: its widest cell, but the wide columns (long texts) share what
    room the others leave, each at least as wide as its heading and 12 characters (the
    others are never narrowed: a line may then run longer than ``room``)."""
    natural = [
        max([len(heading), *(len(row[i]) for row in body)]) for i, heading in enumerate(headings)
    ]
    room -= 2 * (len(columns) - 1)
    if sum(natural) <= room:
        return natural
    flexible = [i for i, column in enumerate(columns) if column.wide]
    fixed = sum(natural[i] for i in range(len(columns)) if i not in flexible)
    left = room - fixed
    wanted = sum(natural[i] for i in flexible)
    widths = list(natural)
    for i in flexible:
        share = left * natural[i] // wanted if wanted else 0
        widths[i] = min(natural[i], max(share, len(headings[i]), 12))
    return widths


def _aligned(columns: Sequence[Column], cells: Sequence[str], widths: Sequence[int]) -> list[str]:
    """One row's lines: each cell wrapped to its column's width, numbers to the right."""
    wrapped = [
        _wrap(cell, width) if len(cell) > width else [cell]
        for cell, width in zip(cells, widths, strict=True)
    ]
    height = max(len(lines) for lines in wrapped)
    lines = []
    for index in range(height):
        parts = []
        for column, cell_lines, width in zip(columns, wrapped, widths, strict=True):
            part = cell_lines[index] if index < len(cell_lines) else ""
            numeric = column.kind.name in ("int", "number")
            parts.append(part.rjust(width) if numeric else part.ljust(width))
        lines.append("  ".join(parts).rstrip())
    return lines


def _flat(table: Table, rows: Sequence[Mapping[str, Any]]) -> list[Column]:
    """The columns people see in a table without groups (Markdown, HTML): the columns that
    group the rows of a text table, then the others shown; a column with no value in any
    row is left out (the first stays)."""
    names = [*table.group, *(name for name in table.shown if name not in table.group)]
    kept = [name for name in names if any(row[name] is not None for row in rows)]
    return [table.column(name) for name in kept or names[:1]]


_MARKDOWN = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "*": "\\*",
        "_": "\\_",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        "#": "\\#",
        "~": "\\~",
    }
)


def _md(text: str) -> str:
    """``text`` as the content of a GitHub Markdown table cell or paragraph: markup and
    HTML written as text, control characters escaped, one line."""
    return printable(text).translate(_MARKDOWN)


def markdown(result: Any, lang: str | Language | None = None) -> str:
    """Every table of ``result`` as GitHub-flavoured Markdown: its caption in bold, its
    lines, a table (numbers to the right), its notes; an agency pastes it into a wiki or
    an issue. Every text is escaped, so data never becomes markup."""
    words = language(lang)
    blocks = []
    for table in layout_of(result).tables:
        title = _lines(table.title(result), words)
        out = [f"**{_md(title[0])}**", ""] if title else []
        out.extend(line for extra in title[1:] for line in (_md(extra), ""))
        rows = table.records(result)
        if not rows:
            out += [_md(table.empty.text(words)), ""]
        else:
            columns = _flat(table, rows)
            heads = [_md(words.gettext(column.heading)) for column in columns]
            marks = ["---:" if c.kind.name in ("int", "number") else "---" for c in columns]
            out.append("| " + " | ".join(heads) + " |")
            out.append("| " + " | ".join(marks) + " |")
            for row in rows:
                shown = (_md(_show(column, row[column.name], words)) for column in columns)
                out.append("| " + " | ".join(shown) + " |")
            out.append("")
        out.extend(line for note in _lines(table.notes(result), words) for line in (_md(note), ""))
        blocks.append("\n".join(out))
    return "\n".join(blocks).rstrip("\n") + "\n"


_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """``text`` safe in HTML text and attribute values, its control characters escaped
    (as :func:`html.escape`, without importing the html module and its entity table).

    >>> from cluster_excellence._results import escape
    >>> escape('<b title="x">A & B</b>')
    '&lt;b title=&quot;x&quot;&gt;A &amp; B&lt;/b&gt;'
    """
    return printable(text).translate(_HTML)


def _rows_shown(count: int, max_rows: int | None) -> tuple[range, range] | None:
    """The rows an HTML view shows around a gap (the first half, the larger, and the
    last), or None when every row is shown."""
    if max_rows is not None and (type(max_rows) is not int or max_rows < 1):
        raise failure("max_rows", f"must be a whole number above 0 or None, not {max_rows!r}")
    if max_rows is None or count <= max_rows:
        return None
    tail = max_rows // 2
    return range(max_rows - tail), range(count - tail, count)


def html(
    result: Any, lang: str | Language | None = None, *, max_rows: int | None = MAX_HTML_ROWS
) -> str:
    """Every table of ``result`` as HTML tables (a caption, header cells with their scope,
    each row headed by its first cell); over ``max_rows`` rows, the first and last rows
    around a gap, and a note of how many there are. Every text is escaped."""
    words = language(lang)
    parts = []
    for table in layout_of(result).tables:
        title = _lines(table.title(result), words)
        rows = table.records(result)
        columns = _flat(table, rows)
        head = "".join(f'<th scope="col">{escape(words.gettext(c.heading))}</th>' for c in columns)
        shown = _rows_shown(len(rows), max_rows)
        indices: list[int | None] = (
            list(range(len(rows))) if shown is None else [*shown[0], None, *shown[1]]
        )
        body = []
        for index in indices:
            if index is None:
                body.append("<tr>" + "<td>\u2026</td>" * len(columns) + "</tr>")
                continue
            cells_html = []
            for place, column in enumerate(columns):
                value = escape(_show(column, rows[index][column.name], words))
                tag = "th" if place == 0 else "td"
                scope = ' scope="row"' if place == 0 else ""
                cells_html.append(f"<{tag}{scope}>{value}</{tag}>")
            body.append("<tr>" + "".join(cells_html) + "</tr>")
        if not rows:
            body.append(
                f'<tr><td colspan="{len(columns)}">{escape(table.empty.text(words))}</td></tr>'
            )
        caption = "<br>".join(escape(line) for line in title)
        caption = f"<caption>{caption}</caption>" if title else ""
        lines = _lines(table.notes(result), words)
        if shown is not None:
            note = Message("{count:,} rows, {shown} shown", count=len(rows), shown=max_rows)
            lines.insert(0, note.text(words))
        # each element names its language: a fragment may stand in a page of another
        notes = "".join(f'<p lang="{words.code}">{escape(line)}</p>' for line in lines)
        parts.append(
            f'<table lang="{words.code}">{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>{notes}"
        )
    return "".join(parts)


# -- for other programs ---------------------------------------------------------------------

_FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_IGNORED_BEFORE = "".join(map(chr, range(0x21))) + "\x7f"


def csv_safe(cell: str) -> str:
    """Return ``cell`` so that spreadsheet programs show it as text, not a formula: with a
    leading apostrophe when it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return, also after leading spaces or control characters (OWASP, "CSV Injection",
    https://owasp.org/www-community/attacks/CSV_Injection).

    >>> from cluster_excellence._results import csv_safe
    >>> csv_safe("=HYPERLINK(1)"), csv_safe("\\x00 @SUM(A1)"), csv_safe("Qoot Cluster")
    ("'=HYPERLINK(1)", "'\\x00 @SUM(A1)", 'Qoot Cluster')
    """
    if not cell:
        return cell
    if cell[0] in "\t\r" or cell.lstrip(_IGNORED_BEFORE)[:1] in _FORMULA_START:
        return "'" + cell
    return cell


def _csv_cell(value: Any) -> str:
    """A cell as CSV text: text made formula-safe, numbers as they are, days in ISO form,
    booleans as true/false, nothing as an empty cell (a list is joined by its column's
    kind, :meth:`~cluster_excellence._layout.Kind.cell`)."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return csv_safe(str(value))


def csv_text(result: Any) -> str:
    """The result's (first) table as CSV (RFC 4180 line ends), safe in a spreadsheet: the
    columns' names as the header, a row per record (``--format csv``)."""
    import csv  # the standard library's: only CSV needs it
    import io

    table = layout_of(result).tables[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    for row in cells(table, result):
        writer.writerow([_csv_cell(value) for value in row.values()])
    return out.getvalue()


def sheets(result: Any) -> list[tuple[str, Sequence[str], list[list[Any]]]]:
    """The result's tables as the sheets of an XLSX workbook: title, columns, rows of
    cells (days as days, numbers as numbers, lists joined with ``"; "``)."""
    found: list[tuple[str, Sequence[str], list[list[Any]]]] = []
    for table in layout_of(result).tables:
        names = [column.name for column in table.columns]
        rows = [
            [
                "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
                for value in row.values()
            ]
            for row in cells(table, result)
        ]
        found.append((table.name, names, rows))
    return found


def pandas(what: str = "to_dataframe()") -> Any:
    """The pandas module, or an :class:`ImportError` that says how to install it."""
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            f"{what} needs pandas: install it with pip install 'cluster_excellence[pandas]'"
        ) from None


def _series(module: Any, column: Column, values: list[Any]) -> Any:
    kind = column.kind
    if kind.dtype == "category":
        dtype = module.CategoricalDtype(list(kind.categories), ordered=True)
        return module.Series(values, dtype=dtype, name=column.name)
    if kind.dtype == "datetime64[ns]":
        return module.Series(module.to_datetime(values).astype("datetime64[ns]"), name=column.name)
    if kind.name == "texts":
        values = [None if v is None else "; ".join(v) for v in values]
    return module.Series(values, dtype=kind.dtype, name=column.name)


def _cell_of(column: Column, value: Any) -> Any:
    """A result's own value for a column held in ``frame.attrs`` (a programme by its id)."""
    return column.kind.cell(getattr(value, "id", value))


def dataframe(table: Table, result: Any) -> Any:
    """A table of ``result`` as a typed ``pandas.DataFrame`` (see
    :meth:`Result.to_dataframe`)."""
    module = pandas()
    rows = cells(table, result)
    kept = [column for column in table.columns if column.name not in table.attrs]
    data = {c.name: _series(module, c, [row[c.name] for row in rows]) for c in kept}
    frame = module.DataFrame(data, columns=[column.name for column in kept])
    for name in table.attrs:  # the one value of the column, on every row
        value = rows[0][name] if rows else _cell_of(table.column(name), getattr(result, name, None))
        frame.attrs[name] = module.Timestamp(value) if isinstance(value, dt.date) else value
    document = result.LAYOUT.document
    for key in document.shape.keys if document is not None else ():
        # what the document says of all its rows (its day or span, rulebook, options)
        if key.name in frame.attrs or key.kind.schema.get("type") in ("array", "object"):
            continue
        value = key.get(result)
        if not (key.omit is not None and key.omit(value)):
            frame.attrs[key.name] = (
                module.Timestamp(value) if isinstance(value, dt.date) else key.kind.json(value)
            )
    return frame
