"""Write the JSON Schemas shipped with the package, from the file formats' descriptions.

Usage: python tools/make_schemas.py
"""

from __future__ import annotations

import json
from pathlib import Path

from cluster_excellence.files.catalogue import catalogue_schema
from cluster_excellence.files.portfolio import portfolio_schema
from cluster_excellence.files.programme import programme_schema
from cluster_excellence.files.rulebook import rulebook_schema

DATA = Path(__file__).resolve().parents[1] / "src" / "cluster_excellence" / "data"


def render(schema: dict[str, object]) -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    schemas = {
        "portfolio": portfolio_schema(),
        "catalogue": catalogue_schema(),
        "rulebook": rulebook_schema(),
        "programme": programme_schema(),
    }
    for name, schema in schemas.items():
        path = DATA / f"{name}.schema.json"
        path.write_text(render(schema), encoding="utf-8")
        print(f"wrote {path}")
