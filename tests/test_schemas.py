"""The JSON Schemas and the readers agree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cluster_excellence import (
    Portfolio,
    PortfolioError,
    benchmarking_catalogue,
    gold_catalogue,
    portfolio_to_json,
    sample_portfolio,
)
from cluster_excellence.errors import CatalogueError
from cluster_excellence.files.catalogue import CATALOGUE_FILES
from cluster_excellence.files.portfolio import PORTFOLIO_FILES

from .property.strategies import clusters_with_stated

DATA = Path(__file__).resolve().parents[1] / "src" / "cluster_excellence" / "data"
PORTFOLIO = jsonschema.Draft202012Validator(PORTFOLIO_FILES.schema())
CATALOGUE = jsonschema.Draft202012Validator(CATALOGUE_FILES.schema())


def test_the_schemas_are_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(PORTFOLIO_FILES.schema())
    jsonschema.Draft202012Validator.check_schema(CATALOGUE_FILES.schema())


@pytest.mark.parametrize(
    ("name", "files"), [("portfolio", PORTFOLIO_FILES), ("catalogue", CATALOGUE_FILES)]
)
def test_the_shipped_files_are_the_schemas(name: str, files: Any) -> None:
    shipped = json.loads((DATA / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert shipped == files.schema(), "run `python tools/make_schemas.py`"


@pytest.mark.parametrize("name", ["labels", "region", "reference"])
def test_the_shipped_samples_are_valid(name: str) -> None:
    PORTFOLIO.validate(json.loads(portfolio_to_json(sample_portfolio(name))))
    PORTFOLIO.validate(
        json.loads((DATA / f"sample-{'portfolio' if name == 'labels' else name}.json").read_text())
    )


@pytest.mark.parametrize("catalogue", [benchmarking_catalogue(), gold_catalogue()])
def test_the_shipped_catalogues_are_valid(catalogue: Any) -> None:
    CATALOGUE.validate(json.loads(CATALOGUE_FILES.to_json(catalogue)))


@given(
    st.lists(clusters_with_stated(), max_size=4).map(
        lambda cs: [c for i, c in enumerate(cs) if c.id not in {d.id for d in cs[:i]}]
    )
)
def test_documents_the_reader_accepts_are_valid(generated: list[Any]) -> None:
    text = portfolio_to_json(Portfolio(generated))
    PORTFOLIO_FILES.parse(text)
    PORTFOLIO.validate(json.loads(text))


def _objects(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(_objects(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_objects(value))
    return found


def _other_type(value: Any) -> Any:
    """A value of another JSON type than ``value``: wrong wherever ``value`` was right."""
    if isinstance(value, str):
        return 7
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, (int, float)):
        return "7"
    return 7  # lists and objects


@given(st.data())
def test_broken_portfolios_are_rejected_by_both(data: st.DataObject) -> None:
    """Broken in ways a schema can say: unknown keys, missing keys, wrong types, date shapes."""
    document = json.loads(portfolio_to_json(sample_portfolio()))
    target = data.draw(st.sampled_from(_objects(document)))
    how = data.draw(st.sampled_from(["unknown key", "drop required", "wrong type", "date shape"]))
    if how == "unknown key":
        target["unexpected"] = 1
    elif how == "drop required":
        required = [
            k
            for k in (
                "format",
                "clusters",
                "id",
                "name",
                "assessments",
                "type",
                "date",
                "indicators",
            )
            if k in target
        ]
        if not required or ("indicators" in required and "code" in target):
            return
        if required == ["indicators"]:
            return  # optional on assessments
        del target[data.draw(st.sampled_from([k for k in required if k != "indicators"]))]
    elif how == "wrong type":
        key = data.draw(st.sampled_from(sorted(target)))
        target[key] = _other_type(target[key])
    else:
        if "date" not in target:
            return
        target["date"] = data.draw(
            st.sampled_from(["2019-7-25", "20190725", "2019-07-25T00:00", ""])
        )
    text = json.dumps(document)
    assert not PORTFOLIO.is_valid(json.loads(text)), how
    with pytest.raises(PortfolioError):
        PORTFOLIO_FILES.parse(text)


@given(st.data())
def test_broken_catalogues_are_rejected_by_both(data: st.DataObject) -> None:
    document = json.loads(CATALOGUE_FILES.to_json(gold_catalogue()))
    target = data.draw(st.sampled_from(_objects(document)))
    how = data.draw(st.sampled_from(["unknown key", "drop required", "bad enum"]))
    if how == "unknown key":
        target["unexpected"] = 1
    elif how == "drop required":
        key = data.draw(
            st.sampled_from(
                [
                    k
                    for k in target
                    if k not in ("unit", "scale", "minimum", "gold_threshold", "points")
                ]
                or ["format"]
            )
        )
        if key not in target:
            return
        del target[key]
    else:
        key = data.draw(
            st.sampled_from(
                [k for k in ("kind", "direction", "provenance", "purpose", "format") if k in target]
                or ["x"]
            )
        )
        if key == "x":
            return
        target[key] = "unheard-of"
    text = json.dumps(document)
    assert not CATALOGUE.is_valid(json.loads(text))
    with pytest.raises(CatalogueError):
        CATALOGUE_FILES.parse(text)
