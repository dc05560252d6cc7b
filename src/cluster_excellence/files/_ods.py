"""OpenDocument spreadsheets (.ods) written by the standard library.

A minimal package as OASIS OpenDocument 1.3 (part 2, 3 Packages; part 3,
9.1 Tables) describes it: ``mimetype`` first and stored, a manifest, and
``content.xml`` with one table per sheet. Texts are paragraphs whose spaces,
tabs and line breaks are written as ``text:s``, ``text:tab`` and new
paragraphs, so that they read back exactly; numbers keep their written
form (``2.0`` stays a float); dates are date cells; true/false are boolean
cells. The bytes are the same for the same sheets (fixed times).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

from .._xlsx import Sheet, sheet_title

__all__ = ["ods_workbook"]

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_SPACES = re.compile(r"(^ +| +$)|( {2,})|(\t)")
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
    "<office:body><office:spreadsheet>"
)
_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _spaces(found: re.Match[str]) -> str:
    """Spaces a reader would collapse (a run, or any at a paragraph's ends) and tabs as
    their elements (OpenDocument 1.3 part 3, 6.1.2 White Space Characters)."""
    if found.group(3):
        return "<text:tab/>"
    if found.group(1):
        return f'<text:s text:c="{len(found.group(1))}"/>'
    return f' <text:s text:c="{len(found.group(2)) - 1}"/>'


def _paragraphs(text: str) -> str:
    return "".join(
        f"<text:p>{_SPACES.sub(_spaces, _escape(line))}</text:p>" for line in text.split("\n")
    )


def _cell(value: Any) -> str:
    if value is None:
        return "<table:table-cell/>"
    if value is True or value is False:
        word = "true" if value else "false"
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{word}">'
            f"<text:p>{word.upper()}</text:p></table:table-cell>"
        )
    if isinstance(value, dt.date):
        day = value.isoformat()
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{day}">'
            f"<text:p>{day}</text:p></table:table-cell>"
        )
    if isinstance(value, (int, float)):
        written = repr(value)
        return (
            f'<table:table-cell office:value-type="float" office:value="{written}">'
            f"<text:p>{written}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string">{_paragraphs(str(value))}</table:table-cell>'
    )


def _table(title: str, columns: Sequence[str], rows: Any) -> str:
    parts = [f'<table:table table:name="{_escape(title)}">']
    parts.append(f'<table:table-column table:number-columns-repeated="{max(len(columns), 1)}"/>')
    for row in [list(columns), *rows]:
        parts.append("<table:table-row>")
        parts.extend(_cell(value) for value in row)
        parts.append("</table:table-row>")
    parts.append("</table:table>")
    return "".join(parts)


def ods_workbook(sheets: Sequence[Sheet]) -> bytes:
    """The bytes of an OpenDocument spreadsheet holding ``sheets`` in this order."""
    titles: set[str] = set()
    tables = []
    for title, columns, rows in sheets:
        name = sheet_title(title)
        while name.lower() in titles:
            name = sheet_title(name[:28] + f"_{len(titles)}")
        titles.add(name.lower())
        tables.append(_table(name, columns, rows))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        moment = (1980, 1, 1, 0, 0, 0)
        package.writestr(zipfile.ZipInfo("mimetype", moment), MIMETYPE, zipfile.ZIP_STORED)
        for name, text in (
            ("META-INF/manifest.xml", _MANIFEST),
            ("content.xml", _HEAD + "".join(tables) + _TAIL),
        ):
            package.writestr(
                zipfile.ZipInfo(name, moment), text.encode("utf-8"), zipfile.ZIP_DEFLATED
            )
    return out.getvalue()
