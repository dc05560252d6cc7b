"""Small, escaped HTML tables for notebooks (``_repr_html_``), with no external assets."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from typing import Any


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4g}"
    return html.escape(str(value))


def table(caption: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """An HTML table; every text is escaped."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def records_table(caption: str, records: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """An HTML table of flat records."""
    return table(caption, columns, ([record.get(c) for c in columns] for record in records))
