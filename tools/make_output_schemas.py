"""Write the JSON Schemas of the commands' JSON documents, from the result types' layouts.

Usage: python tools/make_output_schemas.py
"""

from __future__ import annotations

import json
from pathlib import Path

from cluster_excellence.renderers.documents import schema_name, schemas

DATA = Path(__file__).resolve().parents[1] / "src" / "cluster_excellence" / "data"

if __name__ == "__main__":
    for format, schema in schemas().items():
        path = DATA / f"{schema_name(format)}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")
