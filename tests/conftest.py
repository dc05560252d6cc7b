"""Hypothesis profiles: ``default`` for every run, ``thorough`` for long runs.

Choose with ``HYPOTHESIS_PROFILE=thorough python -m pytest tests/property``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
