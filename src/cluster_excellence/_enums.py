"""A base for the package's enumerations."""

from __future__ import annotations

import enum


class ValueEnum(enum.Enum):
    """An enumeration whose repr can be pasted back into Python: ``Tier.GOLD``."""

    # Members are singletons compared by identity; the identity hash is the
    # fast C one (Enum's own hashes the name in Python on every lookup).
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"

    def __str__(self) -> str:
        return str(self.value)
