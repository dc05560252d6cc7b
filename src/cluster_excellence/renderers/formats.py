"""Every result in every output format, by one path: one renderer and one entry per format.

Each result declares its document and tables once (docs: *How the package
is built*); the formats below derive every output from that declaration:

======== ==========================================================================
format   what it is
======== ==========================================================================
table    text for a terminal: aligned columns, long cells continued, grouped rows
json     the command's JSON document (one line, never ``NaN``)
csv      the first table as CSV, safe to open in a spreadsheet
xlsx     a workbook of every table, a sheet each (the ``excel`` extra)
md       GitHub-flavoured Markdown tables, for a wiki page or an issue
html     HTML tables, as a notebook shows them
======== ==========================================================================

Words for people (``table``, ``md``, ``html``) follow ``language``; machine
words (JSON keys, CSV and XLSX headers, codes, enumerated values) never change.

>>> from cluster_excellence import portfolio_status, render, sample_portfolio
>>> result = portfolio_status(sample_portfolio(), "2026-11-20")
>>> print(render(result, "md").splitlines()[0])
**Label status on 2026-11-20, as of the day**
>>> render(result, "json")[:46]
'{"format": "cluster-excellence.status/1", "on"'
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from .._checks import failure
from .._output import OutputError, suffix, write_file, write_files
from .._results import DEFAULT_WIDTH, csv_text, html, layout_of, markdown, sheets, text
from .._text import printable
from .._words import Language
from .._xlsx import workbook
from ..files.portfolio import portfolio_to_json
from ..model.clusters import Cluster, Portfolio

__all__ = [
    "FORMATS",
    "PORTFOLIO_WRITERS",
    "SUFFIXES",
    "dumps",
    "is_folder",
    "portfolio_bytes",
    "render",
    "write",
    "write_folder",
]


def dumps(document: Any) -> str:
    """One JSON document on one line, ending with a new line; NaN and infinities refused."""
    return json.dumps(document, ensure_ascii=False, allow_nan=False) + "\n"


def _json(result: Any, language: Language | str | None, width: int) -> str:
    return dumps(result.to_dict())


def _table(result: Any, language: Language | str | None, width: int) -> str:
    return text(result, language, width=width)


def _markdown(result: Any, language: Language | str | None, width: int) -> str:
    return markdown(result, language)


def _html(result: Any, language: Language | str | None, width: int) -> str:
    return html(result, language, max_rows=None)


def _csv(result: Any, language: Language | str | None, width: int) -> str:
    return csv_text(result)


def _xlsx(result: Any, language: Language | str | None, width: int) -> bytes:
    return workbook(sheets(result))


#: Each format's renderer: ``(result, language, width) -> text or bytes``.
FORMATS: dict[str, Callable[[Any, Any, int], str | bytes]] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
    "xlsx": _xlsx,
    "md": _markdown,
    "html": _html,
}
#: The format of a file by its extension (:func:`write`).
SUFFIXES = {
    ".txt": "table",
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
}


def render(
    result: Any,
    format: str = "table",
    *,
    language: Language | str | None = None,
    width: int = DEFAULT_WIDTH,
) -> str | bytes:
    """``result`` (any result of the library) in ``format`` (:data:`FORMATS`): text, or
    bytes for ``xlsx``. People's words follow ``language`` (``"en"``, ``"da"``,
    ``"nb"``, ``"de"``; default English); a text table is ``width`` characters wide."""
    layout_of(result)
    # an unhashable format from a caller that ignores the annotations is refused below
    renderer = FORMATS.get(format) if isinstance(format, str) else None  # type: ignore[redundant-expr]
    if renderer is None:
        raise failure("format", f"{format!r} is not one of {', '.join(FORMATS)}")
    return renderer(result, language, width)


#: How a portfolio is written, by the file's extension: the writer's name in
#: ``files.table`` (loaded when a portfolio is written; the command line's start needs
#: none of it), or None for the portfolio file's own JSON.
PORTFOLIO_WRITERS: dict[str, str | None] = {
    ".json": None,
    ".csv": "portfolio_to_csv",
    ".xlsx": "portfolio_to_xlsx",
    ".ods": "portfolio_to_ods",
}


def is_folder(path: str) -> bool:
    """Whether the output ``path`` of a portfolio names a folder of CSV files: it ends with
    a path separator or is a folder (docs: *Portfolio tables*, "A folder of CSV files")."""
    return path.endswith(("/", os.sep)) or os.path.isdir(path)


def write_folder(portfolio: Portfolio, folder: str, *, protect: Iterable[str] = ()) -> None:
    """Write ``portfolio`` as the CSV files of ``folder``, all together (each replaced all at
    once, by the rules of files written), making the folder if it does not exist (not its
    parents); ``protect``: the run's inputs, never written over."""
    module = importlib.import_module("..files.table", __package__)
    texts: dict[str, str] = module.portfolio_to_csv_files(portfolio)
    made = False
    if not os.path.isdir(folder):
        try:
            os.mkdir(folder)
        except OSError as error:
            reason = error.strerror or str(error)
            raise OutputError(f"{printable(folder)}: cannot make the folder: {reason}") from None
        made = True
    files = [(os.path.join(folder, name), text.encode("utf-8")) for name, text in texts.items()]
    try:
        write_files(files, protect=protect)
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise


def portfolio_bytes(portfolio: Portfolio, suffix: str) -> bytes:
    """``portfolio`` as a file of the extension ``suffix`` (:data:`PORTFOLIO_WRITERS`)."""
    name = PORTFOLIO_WRITERS[suffix]
    writer = (
        portfolio_to_json
        if name is None
        else getattr(importlib.import_module("..files.table", __package__), name)
    )
    data: str | bytes = writer(portfolio)
    return data.encode("utf-8") if isinstance(data, str) else data


def write(
    result: Any,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    language: Language | str | None = None,
) -> None:
    """Write ``result`` to the file ``path`` all at once, in ``format`` or the format of
    its extension (``.txt``, ``.json``, ``.csv``, ``.xlsx``, ``.md``, ``.html``); the file
    is either its old self or the whole new one (docs: *Command line*, "Output files").

    A :class:`~cluster_excellence.Portfolio` (or a :class:`~cluster_excellence.Cluster`,
    as a portfolio of one) is written as a portfolio file or workbook by its extension
    (``.json``, ``.csv``, ``.xlsx``, ``.ods``), or as a folder of CSV files when ``path``
    ends with ``/`` or is a folder: what ``convert`` writes."""
    name = os.fspath(path)
    if isinstance(result, Cluster):
        result = Portfolio([result])
    if isinstance(result, Portfolio):
        if is_folder(name):
            write_folder(result, name)
            return
        extension = suffix(name).lower()
        if extension not in PORTFOLIO_WRITERS:
            known = ", ".join(PORTFOLIO_WRITERS)
            raise failure(
                "path",
                f"{printable(name)}: a portfolio is written as {known}, or as CSV files into "
                "a folder (a path ending with / or a folder)",
            )
        write_file(name, portfolio_bytes(result, extension))
        return
    chosen = format or SUFFIXES.get(suffix(name).lower())
    if chosen is None:
        known = ", ".join(SUFFIXES)
        raise failure("path", f"{printable(name)}: no format for its extension (known: {known})")
    output = render(result, chosen, language=language)
    write_file(name, output.encode("utf-8") if isinstance(output, str) else output)
