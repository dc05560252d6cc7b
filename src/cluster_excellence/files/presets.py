"""The rulebooks and programmes that ship with the package, by id.

The presets are files in the package's ``data/presets`` folder, in their own
formats, read by the same readers as every other rulebook and programme
file (:data:`~cluster_excellence.files.rulebook.RULEBOOK_FILES`,
:data:`~cluster_excellence.files.programme.PROGRAMME_FILES`): the rulebook
``ecei-2019`` with ``ecei-2010`` as its previous edition, and one file per
programme.

>>> from cluster_excellence import DEFAULT_RULEBOOK, get_programme, get_rulebook
>>> DEFAULT_RULEBOOK
Rulebook('ecei-2019')
>>> get_rulebook("ecei-2010").silver.min_interval_months
12
>>> get_programme("no-gce").tiers
(Tier.GOLD,)
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .._text import show
from .._words import Name
from ..errors import InvalidTypeError, InvalidValueError, preset
from ..model.rulebooks import Rulebook
from ._json import package_data
from .formats import Format
from .rulebook import RULEBOOK_FILES, shipped_rulebook

if TYPE_CHECKING:
    from ..model.programmes import Programme

    #: The preset programmes, by id (read from their files when first asked for).
    PROGRAMME_PRESETS: Presets[Programme]

__all__ = [
    "DEFAULT_RULEBOOK",
    "PROGRAMME_IDS",
    "PROGRAMME_PRESETS",
    "RULEBOOK_IDS",
    "RULEBOOK_PRESETS",
    "Presets",
    "get_programme",
    "get_rulebook",
    "programme_name",
    "programme_of",
    "rulebook_of",
]

T = TypeVar("T")


class Presets(Generic[T]):
    """The presets of one kind of document, by id, with the format that reads the others
    (what a command line needs to take a preset id or a file)."""

    __slots__ = ("files", "ids", "presets")

    def __init__(self, files: Format[T], presets: Mapping[str, T]) -> None:
        #: How a document of this kind is read from a file or standard input.
        self.files = files
        #: The presets by id.
        self.presets: Mapping[str, T] = MappingProxyType(dict(presets))
        #: Their ids, sorted.
        self.ids = tuple(sorted(self.presets))

    def __contains__(self, name: object) -> bool:
        return name in self.presets

    def get(self, name: str) -> T:
        """The preset ``name``, or a :class:`KeyError` that lists the known ids."""
        return preset(self.presets, name, self.files.what)


#: The default rulebook: the published ECEI rules as in force since the Eligibility
#: Criteria of 15 Nov 2019 (``ecei-2019``), with the edition before them
#: (``ecei-2010``) for earlier assessments (docs: *Rules in force*).
DEFAULT_RULEBOOK: Rulebook = shipped_rulebook()

#: The ids of the programme files that ship with the package (``<id>.programme.json``).
_PROGRAMME_FILES = ("de-go-cluster", "dk-innovationskraft", "no-gce")


#: The preset rulebooks: every edition of the default rulebook, by id.
RULEBOOK_PRESETS = Presets(
    RULEBOOK_FILES, {edition.id: edition for edition in DEFAULT_RULEBOOK.editions()}
)

#: The ids of the preset rulebooks and programmes, sorted.
RULEBOOK_IDS = RULEBOOK_PRESETS.ids
PROGRAMME_IDS = tuple(sorted(_PROGRAMME_FILES))


@functools.cache
def _programme_presets() -> Presets[Programme]:
    """The preset programmes, by id, read from their files when first asked for: the
    rules of labels and the commands that follow no programme do not load the programme
    reader or read the files (docs: *Performance*)."""
    files: Format[Programme] = importlib.import_module(".programme", __package__).PROGRAMME_FILES

    def read(name: str) -> Programme:
        source = f"presets/{name}.programme.json"
        return files.parse(package_data(source), source=source)

    return Presets(files, {name: read(name) for name in _PROGRAMME_FILES})


def __getattr__(name: str) -> Any:
    # PROGRAMME_PRESETS, read when first asked for (PEP 562).
    if name == "PROGRAMME_PRESETS":
        return _programme_presets()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def programme_name(programme: Programme) -> str:
    """A programme's name as people's outputs show it: a shipped preset's as a
    :class:`~cluster_excellence._words.Name`, which they show in their language (its
    translation is in the catalogues; docs: *Languages*); any other programme's, a
    preset's changed ones too, as written.

    >>> from cluster_excellence import Programme, get_programme
    >>> from cluster_excellence._words import language
    >>> from cluster_excellence.files.presets import programme_name
    >>> language("de").show(programme_name(get_programme("no-gce")))
    'Norwegen: Global Centres of Expertise (Norwegian Innovation Clusters)'
    >>> language("da").show(programme_name(Programme("gold", "Gold", ["gold"])))
    'Gold'
    """
    if programme.id in PROGRAMME_IDS and _programme_presets().presets[programme.id] == programme:
        return Name(programme.name)
    return programme.name


def get_rulebook(rulebook_id: str) -> Rulebook:
    """The preset rulebook with this id.

    >>> from cluster_excellence import DEFAULT_RULEBOOK, get_rulebook
    >>> get_rulebook("ecei-2019") is DEFAULT_RULEBOOK
    True
    >>> get_rulebook("ecei-2010") is DEFAULT_RULEBOOK.previous
    True
    >>> get_rulebook("ecei-2009")
    Traceback (most recent call last):
    ...
    KeyError: "unknown rulebook 'ecei-2009' (known: ecei-2010, ecei-2019)"
    """
    return RULEBOOK_PRESETS.get(rulebook_id)


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
    return _programme_presets().get(programme_id)


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
    kind = importlib.import_module("..model.programmes", __package__).Programme
    found: Programme = _value_or_preset(value, kind, get_programme, PROGRAMME_IDS, name)
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
