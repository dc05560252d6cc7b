"""Flat records for analysts, and DataFrames behind the pandas extra."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pytest

from cluster_excellence import (
    portfolio_status,
    sample_portfolio,
)

from .examples import ON, sample_results


@pytest.mark.parametrize("result", sample_results(), ids=lambda r: type(r).__name__)
def test_records_are_flat_with_stable_columns_and_dates(result: Any) -> None:
    records = result.to_records()
    assert records
    columns = list(records[0])
    for record in records:
        assert list(record) == columns
        for value in record.values():
            assert value is None or isinstance(value, (str, int, float, bool, dt.date))
    assert any(isinstance(v, dt.date) for v in records[0].values())


def test_status_records_match_the_contract_names() -> None:
    record = portfolio_status(sample_portfolio(), ON).to_records()[0]
    assert record == {
        "on": ON, "rulebook": "ecei-2019", "retroactive": False, "cluster_id": "qoot",
        "cluster_name": "Qoot Cluster", "highest_valid_tier": None, "tier": "bronze",
        "status": "lapsed", "valid_from": dt.date(2019, 7, 25),
        "valid_until": dt.date(2021, 7, 31), "renewable_until": dt.date(2022, 7, 31),
        "basis": "assessments", "source": None,
        "disagreement": "Bronze: stated valid until 2021-07-25 (certificate), "
        "the assessments give 2021-07-31",
    }  # fmt: skip


def test_to_dataframe_says_how_to_install_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(ImportError, match=r"pip install 'cluster_excellence\[pandas\]'"):
        portfolio_status(sample_portfolio(), ON).to_dataframe()


def test_to_dataframe_with_pandas() -> None:
    import pandas

    frame = portfolio_status(sample_portfolio(), ON).to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns)[:2] == ["cluster_id", "cluster_name"]
    assert frame.attrs == {
        "on": pandas.Timestamp(ON),
        "rulebook": "ecei-2019",
        "retroactive": False,
    }
    assert len(frame) == len(portfolio_status(sample_portfolio(), ON).to_records())
