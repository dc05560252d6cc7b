"""Programme files: the format ``cluster-excellence.programme/1``, read, written and described.

A programme file holds one :class:`~cluster_excellence.Programme` (docs:
*Programmes*):

>>> from cluster_excellence.files.programme import PROGRAMME_FILES
>>> text = '''{"format": "cluster-excellence.programme/1", "id": "regional",
...   "name": "A regional cluster programme", "tiers": ["silver", "gold"],
...   "become_by": "2027-06-30", "sources": ["the programme's guide, 2025"]}'''
>>> programme = PROGRAMME_FILES.parse(text)
>>> programme.tiers, programme.renewal_window_counts, programme.become_by
((Tier.SILVER, Tier.GOLD), False, datetime.date(2027, 6, 30))
>>> PROGRAMME_FILES.parse(PROGRAMME_FILES.to_json(programme)) == programme
True
"""

from __future__ import annotations

import os
from typing import Any

from .._text import show
from ..errors import ProgrammeError
from ..model.programmes import Programme, programme_tiers_problem
from ..model.tiers import Tier
from ._fields import BOOLEAN, DAY, TEXT, Checker, Field, texts
from .formats import Format

__all__ = [
    "DEFAULT_MAX_BYTES",
    "PROGRAMME_FILES",
    "PROGRAMME_FORMAT",
    "read_programme",
]

#: The ``format`` value of the programme files this version reads and writes.
PROGRAMME_FORMAT = "cluster-excellence.programme/1"

#: Files larger than this are refused (our decision: a programme is a few hundred bytes).
DEFAULT_MAX_BYTES = 1024 * 1024

_TIER_NAMES = [tier.value for tier in Tier]


def _read_tiers(checker: Checker, raw: Any, path: str) -> tuple[Tier, ...] | None:
    found = []
    for _, at, item in checker.items(raw, path):
        if type(item) is str and item in _TIER_NAMES:
            found.append(Tier(item))
        else:
            checker.fail(at, f"{show(item)} is not one of {', '.join(_TIER_NAMES)}")
    if type(raw) is not list:
        return None
    tiers = tuple(sorted(found))
    problem = programme_tiers_problem(tiers)
    if problem is not None and len(found) == len(raw):
        checker.fail(path, problem)
    return tiers


def _write_tiers(tiers: tuple[Tier, ...]) -> list[str]:
    return [tier.value for tier in tiers]


def _build_programme(checker: Checker, values: dict[str, Any]) -> Programme | None:
    return None if checker.count else Programme(**values)


#: Programme files: read, parsed, checked, written and described (see
#: :class:`~cluster_excellence.files.formats.Format`); every problem, with its JSON
#: path, in one :class:`~cluster_excellence.ProgrammeError`.
PROGRAMME_FILES: Format[Programme] = Format(
    "programme",
    PROGRAMME_FORMAT,
    title="cluster_excellence programme",
    fields=(
        Field.of("id", TEXT, required=True),
        Field.of("name", TEXT, required=True),
        Field(
            "tiers",
            {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"enum": _TIER_NAMES},
            },
            nested=_read_tiers,
            write=_write_tiers,
            required=True,
        ),
        Field.of("renewal_window_counts", BOOLEAN, default=False),
        Field.of("become_by", DAY),
        texts("sources"),
    ),
    build=_build_programme,
    error=ProgrammeError,
    max_bytes=DEFAULT_MAX_BYTES,
)


def read_programme(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Programme:
    """Read a programme file, strictly (:data:`PROGRAMME_FILES`): every problem, with its
    JSON path, in one :class:`~cluster_excellence.ProgrammeError`."""
    return PROGRAMME_FILES.read(path, max_bytes=max_bytes)
