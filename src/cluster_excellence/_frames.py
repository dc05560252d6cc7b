"""pandas DataFrames of result records, behind the ``pandas`` extra (imported lazily)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any


def dataframe(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> Any:
    """A ``pandas.DataFrame`` of ``records`` with ``columns`` in this order."""
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            "to_dataframe() needs pandas: install it with pip install 'cluster_excellence[pandas]'"
        ) from None
    return pandas.DataFrame.from_records(list(records), columns=list(columns))
