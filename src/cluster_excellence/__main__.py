"""``python -m cluster_excellence``: the same program as ``cluster-excellence``."""

from __future__ import annotations

from .cli import run

if __name__ == "__main__":
    run()
