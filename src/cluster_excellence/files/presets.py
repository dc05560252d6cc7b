"""The rulebooks and programmes that ship with the package, by id.

>>> from cluster_excellence import DEFAULT_RULEBOOK, get_programme, get_rulebook
>>> DEFAULT_RULEBOOK.id
'ecei-2019'
>>> get_rulebook("ecei-2010").silver.min_interval_months
12
>>> get_programme("no-gce").tiers
(Tier.GOLD,)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._text import show
from ..errors import InvalidTypeError, InvalidValueError, preset
from ..model.programmes import PROGRAMMES, Programme
from ..model.rulebooks import ECEI_2019, RULEBOOKS, Rulebook

__all__ = [
    "DEFAULT_RULEBOOK",
    "PROGRAMME_IDS",
    "RULEBOOK_IDS",
    "get_programme",
    "get_rulebook",
    "programme_of",
    "rulebook_of",
]

#: The default rulebook: the published ECEI rules as in force since the Eligibility
#: Criteria of 15 Nov 2019 (``ecei-2019``), with the edition before them
#: (``ecei-2010``) for earlier assessments (docs: *Rules in force*).
DEFAULT_RULEBOOK: Rulebook = ECEI_2019

#: The ids of the preset rulebooks and programmes, sorted.
RULEBOOK_IDS = tuple(sorted(RULEBOOKS))
PROGRAMME_IDS = tuple(sorted(PROGRAMMES))


def get_rulebook(rulebook_id: str) -> Rulebook:
    """The preset rulebook with this id.

    >>> from cluster_excellence import DEFAULT_RULEBOOK, get_rulebook
    >>> get_rulebook("ecei-2019") is DEFAULT_RULEBOOK
    True
    >>> get_rulebook("ecei-2009")
    Traceback (most recent call last):
    ...
    KeyError: "unknown rulebook 'ecei-2009' (known: ecei-2010, ecei-2019)"
    """
    return preset(RULEBOOKS, rulebook_id, "rulebook")


def get_programme(programme_id: str) -> Programme:
    """The preset programme with this id.

    >>> from cluster_excellence import get_programme
    >>> get_programme("dk-innovationskraft").tiers
    (Tier.GOLD,)
    >>> get_programme("dk")
    Traceback (most recent call last):
    ...
    KeyError: "unknown programme 'dk' (known: de-go-cluster, dk-innovationskraft, no-gce)"
    """
    return preset(PROGRAMMES, programme_id, "programme")


def rulebook_of(value: Rulebook | str, name: str = "rulebook") -> Rulebook:
    """``value`` if it is a rulebook, the preset of that id if it is one's id (a text).

    >>> from cluster_excellence.files.presets import rulebook_of
    >>> rulebook_of("ecei-2010").id
    'ecei-2010'
    >>> rulebook_of(2019)
    Traceback (most recent call last):
    ...
    cluster_excellence.errors.InvalidTypeError: rulebook: must be a Rulebook or a preset's id ...
    """
    found: Rulebook = _value_or_preset(value, Rulebook, get_rulebook, RULEBOOK_IDS, name)
    return found


def programme_of(value: Programme | str, name: str = "programme") -> Programme:
    """``value`` if it is a programme, the preset of that id if it is one's id (a text).

    >>> from cluster_excellence.files.presets import programme_of
    >>> programme_of("de-go-cluster").tiers
    (Tier.SILVER, Tier.GOLD)
    >>> programme_of("de")
    Traceback (most recent call last):
    ...
    cluster_excellence.errors.InvalidValueError: programme: unknown programme 'de' (known: ...)
    """
    found: Programme = _value_or_preset(value, Programme, get_programme, PROGRAMME_IDS, name)
    return found


def _value_or_preset(
    value: Any, kind: type, get: Callable[[str], Any], ids: tuple[str, ...], name: str
) -> Any:
    """``value`` if it is a ``kind``, else the preset of the id ``value``, else an error."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        try:
            return get(value)
        except KeyError as error:
            raise InvalidValueError(f"{name}: {error.args[0]}") from None
    raise InvalidTypeError(
        f"{name}: must be a {kind.__name__} or a preset's id ({', '.join(ids)}), not {show(value)}"
    )
