"""Doctests see the public API without importing it, as the docs' examples do."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import cluster_excellence


@pytest.fixture(autouse=True)
def _public_api_in_doctests(doctest_namespace: dict[str, Any]) -> None:
    doctest_namespace["dt"] = dt
    for name in cluster_excellence.__all__:
        doctest_namespace[name] = getattr(cluster_excellence, name)
