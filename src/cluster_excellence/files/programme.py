"""Programme files: the format ``cluster-excellence.programme/1``, read, written and described.

A programme file holds one :class:`~cluster_excellence.Programme` (docs:
*Programmes*):

>>> from cluster_excellence.files.programme import parse_programme, programme_to_json
>>> text = '''{"format": "cluster-excellence.programme/1", "id": "regional",
...   "name": "A regional cluster programme", "tiers": ["silver", "gold"],
...   "become_by": "2027-06-30", "sources": ["the programme's guide, 2025"]}'''
>>> programme = parse_programme(text)
>>> programme.tiers, programme.renewal_window_counts, programme.become_by
((Tier.SILVER, Tier.GOLD), False, datetime.date(2027, 6, 30))
>>> parse_programme(programme_to_json(programme)) == programme
True
"""

from __future__ import annotations

import json
import os
from typing import Any

from .._checks import trusted
from .._text import show
from ..errors import ProgrammeError
from ..model.programmes import Programme, programme_tiers_problem
from ..model.tiers import Tier
from ._fields import BOOLEAN, DAY, TEXT, Checker, Field, ObjectSpec, constant, texts
from ._json import as_bytes, read_bytes

__all__ = [
    "PROGRAMME_FORMAT",
    "parse_programme",
    "programme_schema",
    "programme_to_json",
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


_PROGRAMME = ObjectSpec(
    "programme",
    (
        Field.of("format", constant(PROGRAMME_FORMAT), required=True),
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
)
_programme = trusted(Programme)


def read_programme_document(data: bytes, source: str) -> Programme:
    """Decode, parse and check a programme document (the bytes of a file)."""
    checker = Checker(source)
    values = checker.document(data, _PROGRAMME, ProgrammeError)
    if checker.count:
        raise checker.error(ProgrammeError)
    return _programme(*values[1:])


def read_programme(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Programme:
    """Read a programme file, strictly: every problem, with its JSON path, in one
    :class:`~cluster_excellence.ProgrammeError`."""
    source = os.fspath(path)
    return read_programme_document(read_bytes(source, max_bytes, ProgrammeError), source)


def parse_programme(text: str | bytes, *, source: str = "<string>") -> Programme:
    """Parse a programme from JSON text, with the checks of :func:`read_programme`."""
    data = as_bytes(text)
    return read_programme_document(data, source)


class _Document:
    __slots__ = ("become_by", "format", "id", "name", "renewal_window_counts", "sources", "tiers")

    def __init__(self, programme: Programme) -> None:
        self.format = PROGRAMME_FORMAT
        self.id, self.name, self.tiers = programme.id, programme.name, programme.tiers
        self.renewal_window_counts = programme.renewal_window_counts
        self.become_by, self.sources = programme.become_by, programme.sources


def programme_to_json(programme: Programme) -> str:
    """Write ``programme`` in the ``cluster-excellence.programme/1`` format; it reads back
    equal."""
    document = _PROGRAMME.write(_Document(programme))
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def programme_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``cluster-excellence.programme/1`` files."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": PROGRAMME_FORMAT,
        "title": "cluster_excellence programme",
        **_PROGRAMME.schema(),
    }
