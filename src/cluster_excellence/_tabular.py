"""A portfolio's tables as escaped HTML tables (notebooks) and as pandas DataFrames.

A portfolio's tables (its assessments, clusters, indicator values, improvement
areas and stated labels) have the columns their values bring (an indicator's
code is a column), so their frames take their types from the values; every
result's tables are declared and derive their outputs in :mod:`._results`.
pandas is an optional extra, imported only when asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ._results import MAX_HTML_ROWS, escape, pandas
from ._text import printable
from .errors import InvalidValueError

__all__ = [
    "CATEGORIES",
    "MAX_HTML_ROWS",
    "Table",
    "Tables",
    "dataframe",
    "is_date_column",
    "records_table",
    "table",
]

#: The ordered categories of the frames' categorical columns (the values of the
#: enumerations Tier, Status, Light and Outcome, in their order; tests keep them equal).
TIERS = ("bronze", "silver", "gold")
#: The ordered categories of a portfolio frame's columns, by column.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "tier": TIERS,
    "highest_valid_tier": TIERS,
    "held_tier": TIERS,
    "status": ("valid", "expired_renewable", "lapsed"),
    "light": ("red", "yellow", "green"),
    "outcome": ("eligible", "not_eligible", "undetermined"),
}
#: Columns holding days, by name: ``on``, ``date`` and names ending so.
_DATE_NAMES = ("on", "date", "since", "until")
_DATE_ENDINGS = ("_date", "_from", "_until", "_on")


def is_date_column(name: str) -> bool:
    """Whether a frame's column ``name`` holds days (``datetime64`` in a DataFrame)."""
    return name in _DATE_NAMES or name.endswith(_DATE_ENDINGS)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4g}"
    return escape(printable(str(value)))


def _shown(rows: list[Sequence[Any]], max_rows: int | None) -> tuple[list[Any], int | None]:
    """The rows to show (None marks the gap) and the count when some are left out: the
    first half of ``max_rows`` (the larger half) and the last."""
    # Checked for callers that do not follow the annotation (mypy: redundant).
    if max_rows is not None and (isinstance(max_rows, bool) or not isinstance(max_rows, int)  # type: ignore[redundant-expr]
                                 or max_rows < 1):  # fmt: skip
        raise InvalidValueError(
            f"max_rows must be a whole number above 0 or None, not {max_rows!r}"
        )
    if max_rows is None or len(rows) <= max_rows:
        return list(rows), None
    tail = max_rows // 2
    head = max_rows - tail
    return [*rows[:head], None, *rows[len(rows) - tail :]], len(rows)


def table(
    caption: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    max_rows: int | None = MAX_HTML_ROWS,
) -> str:
    """An HTML table; every text is escaped. Over ``max_rows`` rows, the first and last
    rows are shown around a row of dots, and the caption says how many rows there are."""
    shown, count = _shown(list(rows), max_rows)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    gap = "<tr>" + "<td>\u2026</td>" * len(columns) + "</tr>"
    body = "".join(
        gap if row is None else "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
        for row in shown
    )
    note = "" if count is None else f"<p>{count:,} rows, {max_rows} shown</p>"
    return (
        f'<table lang="en"><caption>{escape(printable(caption))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"
    )


def records_table(
    caption: str,
    records: Sequence[dict[str, Any]],
    columns: Sequence[str],
    max_rows: int | None = MAX_HTML_ROWS,
) -> str:
    """An HTML table of flat records (see :func:`table`)."""
    rows = [[record.get(c) for c in columns] for record in records]
    return table(caption, columns, rows, max_rows)


def _column(module: Any, name: str, values: list[Any], declared: str | None = None) -> Any:
    """A typed column: days as ``datetime64``, the scheme's words as ordered categories,
    true/false, whole numbers, numbers and texts as pandas' nullable types: the type
    ``declared``, else the one its values share."""
    present = [v for v in values if v is not None]
    if name in CATEGORIES:
        kind = module.CategoricalDtype(CATEGORIES[name], ordered=True)
        return module.Series([getattr(v, "value", v) for v in values], dtype=kind, name=name)
    if is_date_column(name):
        return module.Series(
            module.to_datetime([v if v is not None else None for v in values]).astype(
                "datetime64[ns]"
            ),
            name=name,
        )
    if declared is not None:
        return module.Series(values, dtype=declared, name=name)
    if present and all(v is True or v is False for v in present):
        return module.Series(values, dtype="boolean", name=name)
    if present and all(type(v) is int for v in present):
        return module.Series(values, dtype="Int64", name=name)
    if present and all(type(v) in (int, float) for v in present):
        return module.Series(values, dtype="Float64", name=name)
    if present and all(isinstance(v, str) for v in present):
        return module.Series(values, dtype="string", name=name)
    return module.Series(values, dtype=object, name=name)


def dataframe(
    records: Sequence[dict[str, Any]],
    columns: Sequence[str],
    types: Mapping[str, str] | None = None,
) -> Any:
    """A typed ``pandas.DataFrame`` of ``records`` with ``columns`` in this order, each
    of its type in ``types`` where it is declared there."""
    module = pandas()
    declared = types or {}
    data = {c: _column(module, c, [r.get(c) for r in records], declared.get(c)) for c in columns}
    return module.DataFrame(data, columns=list(columns))


#: One table of a result: its title, its records, its columns.
Table = tuple[str, Sequence[dict[str, Any]], Sequence[str]]


class Tables:
    """What a value with tables offers besides its records: its view in a notebook
    (:meth:`to_html`, truncated over ``max_rows``). A class using it defines
    ``tables()`` (each table's title, records and columns) and ``to_html()``; files are
    written with :func:`cluster_excellence.write`."""

    __slots__ = ()

    def tables(self) -> list[Table]:  # pragma: no cover - every user defines it
        """The result's tables: (title, records, columns) each."""
        raise NotImplementedError

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:  # pragma: no cover
        """The result as an HTML table; over ``max_rows`` rows, the first and last."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return self.to_html()
