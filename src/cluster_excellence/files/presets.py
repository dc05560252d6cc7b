"""The rulebooks and programmes that ship with the package, by id.

>>> DEFAULT_RULEBOOK.id
'ecei-2019'
>>> get_rulebook("ecei-2010").silver.min_interval_months
12
>>> get_programme("no-gce").tiers
(Tier.GOLD,)
"""

from __future__ import annotations

from ..errors import preset
from ..model.programmes import PROGRAMMES, Programme
from ..model.rulebooks import ECEI_2019, RULEBOOKS, Rulebook

__all__ = ["DEFAULT_RULEBOOK", "PROGRAMME_IDS", "RULEBOOK_IDS", "get_programme", "get_rulebook"]

#: The default rulebook: the published ECEI rules as in force since the Eligibility
#: Criteria of 15 Nov 2019 (``ecei-2019``), with the edition before them
#: (``ecei-2010``) for earlier assessments (docs: *Rules in force*).
DEFAULT_RULEBOOK: Rulebook = ECEI_2019

#: The ids of the preset rulebooks and programmes, sorted.
RULEBOOK_IDS = tuple(sorted(RULEBOOKS))
PROGRAMME_IDS = tuple(sorted(PROGRAMMES))


def get_rulebook(rulebook_id: str) -> Rulebook:
    """The preset rulebook with this id.

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

    >>> get_programme("dk-innovationskraft").tiers
    (Tier.GOLD,)
    >>> get_programme("dk")
    Traceback (most recent call last):
    ...
    KeyError: "unknown programme 'dk' (known: de-go-cluster, dk-innovationskraft, no-gce)"
    """
    return preset(PROGRAMMES, programme_id, "programme")
