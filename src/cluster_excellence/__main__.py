"""``python -m cluster_excellence``: the same program as ``cluster-excellence``."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
