"""Flat records shown as escaped HTML tables (notebooks) or as pandas DataFrames.

These are presentation primitives without domain knowledge, so that result
types can offer ``_repr_html_`` and ``to_dataframe()`` without depending on
the renderers. pandas is an optional extra, imported only when asked for.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Sequence
from typing import Any

from ._text import printable

__all__ = ["dataframe", "escape", "records_table", "table"]

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """``text`` safe in HTML text and attribute values (as :func:`html.escape`, without
    importing the html module and its table of entities, which the import would pay for).

    >>> escape('<b title="x">A & B</b>')
    '&lt;b title=&quot;x&quot;&gt;A &amp; B&lt;/b&gt;'
    """
    return text.translate(_ESCAPES)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4g}"
    return escape(printable(str(value)))


def table(caption: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """An HTML table; every text is escaped."""
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>" for row in rows)
    return (
        f"<table><caption>{escape(printable(caption))}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def records_table(caption: str, records: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """An HTML table of flat records."""
    return table(caption, columns, ([record.get(c) for c in columns] for record in records))


def dataframe(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> Any:
    """A ``pandas.DataFrame`` of ``records`` with ``columns`` in this order."""
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            "to_dataframe() needs pandas: install it with pip install 'cluster_excellence[pandas]'"
        ) from None
    return pandas.DataFrame.from_records(list(records), columns=list(columns))
