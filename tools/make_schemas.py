"""Write the JSON Schemas shipped with the package, from the file formats' descriptions.

Usage: python tools/make_schemas.py
"""

from __future__ import annotations

import json
from pathlib import Path

from cluster_excellence.files.catalogue import CATALOGUE_FILES
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.files.programme import PROGRAMME_FILES
from cluster_excellence.files.rulebook import RULEBOOK_FILES

DATA = Path(__file__).resolve().parents[1] / "src" / "cluster_excellence" / "data"


def render(schema: dict[str, object]) -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    schemas = {
        "portfolio": PORTFOLIO_FILES.schema(),
        "catalogue": CATALOGUE_FILES.schema(),
        "rulebook": RULEBOOK_FILES.schema(),
        "programme": PROGRAMME_FILES.schema(),
    }
    for name, schema in schemas.items():
        path = DATA / f"{name}.schema.json"
        path.write_text(render(schema), encoding="utf-8")
        print(f"wrote {path}")
