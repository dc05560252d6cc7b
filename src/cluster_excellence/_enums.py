"""A base for the package's enumerations."""

from __future__ import annotations

import enum


class ValueEnum(enum.Enum):
    """An enumeration whose repr can be pasted back into Python: ``Tier.GOLD``."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def __str__(self) -> str:
        return str(self.value)
