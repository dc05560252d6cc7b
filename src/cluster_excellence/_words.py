"""Words for people: sentences made from a template and their values, in a language.

A :class:`Message` is what a rule says (a finding, a reason, an action): an
English template with named places and the values that fill them (dates,
tiers, numbers, ids). The sentence is made where the output is made, in
the language asked for, never by translating finished English text. The
templates are the English messages; other languages translate them in
standard gettext catalogues shipped with the package
(``cluster_excellence/locale/<language>/LC_MESSAGES/cluster_excellence.mo``,
compiled from the ``.po`` files beside them), read with the standard
library's :mod:`gettext` (docs: *Languages*).

>>> import datetime as dt
>>> from cluster_excellence import Message
>>> message = Message("valid until {date}", date=dt.date(2027, 5, 31))
>>> str(message)
'valid until 2027-05-31'
>>> message.values
{'date': datetime.date(2027, 5, 31)}

Numbers keep their format (``{score:g}``) and take the language's decimal
sign; days are written as the language writes them (``{day:month}``: its
month only, as a badge writes a label's end); enumerated values
(tiers, statuses) are shown by their words; a message may hold messages.
Texts that come from data (ids, names) are shown as they are, with their
control characters escaped.
"""

from __future__ import annotations

import datetime as dt
import enum
import string
from collections.abc import Mapping
from typing import Any

from ._text import printable, show
from .errors import InvalidValueError

__all__ = [
    "ENGLISH",
    "LANGUAGES",
    "N_",
    "Language",
    "Message",
    "Name",
    "language",
]

#: The languages of the people's outputs, by code (ISO 639-1); English is the source.
LANGUAGES = ("en", "da", "nb", "de")
DOMAIN = "cluster_excellence"


def N_(msgid: str) -> str:
    """Mark ``msgid`` as a message for the catalogues; it is translated where it is shown."""
    return msgid


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    return value


class Name(str):
    """A shipped preset's name in a message (a programme's,
    :func:`cluster_excellence.files.presets.programme_name`): people read it as their
    language's catalogue has it (docs: *Languages*); a name the catalogue does not hold
    stays as it is. Machine outputs keep the name as written, a plain text.

    >>> from cluster_excellence._words import Name, language
    >>> name = Name("Norway: Global Centres of Expertise (Norwegian Innovation Clusters)")
    >>> language("de").show(name)
    'Norwegen: Global Centres of Expertise (Norwegian Innovation Clusters)'
    >>> language("de").show(Name("Our programme"))
    'Our programme'
    """

    __slots__ = ()


class Message:
    """A sentence for people: an English ``template`` (``str.format`` places) and its values.

    Equal when template and values are equal; immutable and hashable.
    """

    __slots__ = ("_values", "template")
    template: str
    _values: tuple[tuple[str, Any], ...]

    def __init__(self, template: str, /, **values: Any) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "_values", tuple((k, _frozen(v)) for k, v in values.items()))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Message is immutable")

    @property
    def values(self) -> dict[str, Any]:
        """The values, by their places' names."""
        return dict(self._values)

    def text(self, language: Language | None = None) -> str:
        """The sentence in ``language`` (default: English)."""
        return (language or ENGLISH).format(self.template, self._values)

    def __str__(self) -> str:
        return self.text(ENGLISH)

    def __repr__(self) -> str:
        values = "".join(f", {key}={value!r}" for key, value in self._values)
        return f"Message({self.template!r}{values})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return self.template == other.template and self._values == other._values
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.template, self._values))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, self._values))


def _rebuild(template: str, values: tuple[tuple[str, Any], ...]) -> Message:
    return Message(template, **dict(values))


#: The template of a day in sentences and in tables. English keeps ISO 8601 (our
#: decision: the form of the scheme's international records, read alike everywhere);
#: a catalogue translates it into its language's form, e.g. ``{day}. {month_name} {year}``.
DATE_IN_TEXT = N_("{year:04d}-{month:02d}-{day:02d}")
#: The template of a month (a label's end on its month's last day, as the badge writes it);
#: a catalogue translates it, e.g. ``{month_name} {year}``.
MONTH_IN_TEXT = N_("{year:04d}-{month:02d}")
#: The names of the months, for catalogues whose days name them.
MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip
#: The decimal sign of numbers in people's text (a catalogue translates it, e.g. ``,``).
DECIMAL_SIGN = N_("decimal sign: .")
#: The sign between thousands (format spec ``,``): a catalogue translates it (``.``; a
#: space in Norwegian, https://www.sprakradet.no: "Tall").
THOUSANDS_SIGN = N_("thousands sign: ,")
YES, NO = N_("yes"), N_("no")


class Language:
    """How people's outputs are written in one language: its catalogue, days and numbers."""

    __slots__ = ("_decimal", "_formatter", "_gettext", "_thousands", "code")

    def __init__(self, code: str, gettext: Any = None) -> None:
        #: The language's code, e.g. ``"da"``.
        self.code = code
        self._gettext = gettext if gettext is not None else _same
        self._decimal = self._gettext(DECIMAL_SIGN).rpartition(" ")[2] or "."
        self._thousands = self._gettext(THOUSANDS_SIGN).rpartition(" ")[2] or "\u00a0"
        self._formatter = _Formatter(self)

    def __repr__(self) -> str:
        return f"language({self.code!r})"

    def gettext(self, msgid: str) -> str:
        """``msgid`` (an English message) in this language; itself where not translated."""
        return str(self._gettext(msgid))

    def word(self, value: enum.Enum) -> str:
        """An enumerated value (a tier, a status) as people read it in this language."""
        words = getattr(value, "words", None)
        return self.gettext(words if isinstance(words, str) else str(value.value))

    def date(self, day: dt.date, spec: str = "") -> str:
        """A day as this language writes it; with ``spec`` ``"month"``, its month only."""
        template = MONTH_IN_TEXT if spec == "month" else DATE_IN_TEXT
        return self.gettext(template).format(
            year=day.year,
            month=day.month,
            day=day.day,
            month_name=self.gettext(MONTHS[day.month - 1]),
        )

    def number(self, value: float, spec: str = "") -> str:
        """A number formatted by ``spec`` (``format()``'s), with the language's decimal sign
        and, where ``spec`` groups thousands (``,``), its sign between them.

        >>> from cluster_excellence._words import language
        >>> [language(code).number(20000.5, ",") for code in ("en", "da", "nb")]
        ['20,000.5', '20.000,5', '20\xa0000,5']
        """
        text = format(value, spec) if spec else str(value)
        if (self._decimal, self._thousands) == (".", ","):
            return text
        swap = {".": self._decimal, ",": self._thousands}
        return "".join(swap.get(char, char) for char in text)

    def show(self, value: Any, spec: str = "") -> str:
        """Any value of a message or a table cell, as people read it in this language."""
        if value is None:
            return ""
        if isinstance(value, Message):
            return value.text(self)
        if isinstance(value, Name):
            return printable(self.gettext(value))
        if value is True or value is False:
            return self.gettext(YES if value else NO)
        if isinstance(value, enum.Enum):
            return self.word(value)
        if isinstance(value, dt.date):
            return self.date(value, spec)
        if isinstance(value, (int, float)):
            return self.number(value, spec)
        if isinstance(value, tuple):
            return ", ".join(self.show(item) for item in value)
        return printable(str(value))

    def format(self, template: str, values: tuple[tuple[str, Any], ...] | Mapping[str, Any]) -> str:
        """The ``template`` (an English message) translated and filled with ``values``."""
        pairs = dict(values)
        return self._formatter.vformat(self.gettext(template), (), pairs)


def _same(msgid: str) -> str:
    return msgid


class _Formatter(string.Formatter):
    """``str.format`` whose fields are shown as people read them in one language."""

    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Name):
            return self.language.show(value)
        if isinstance(value, str) and not format_spec:
            return printable(value)
        return self.language.show(value, format_spec)


#: English, the language of the templates.
ENGLISH = Language("en")
_LOADED: dict[str, Language] = {"en": ENGLISH}


def language(code: str | Language | None = None) -> Language:
    """The language ``code`` (one of :data:`LANGUAGES`; None for English), its catalogue
    read from the package (docs: *Languages*).

    >>> import datetime as dt
    >>> from cluster_excellence._words import language
    >>> language("en").date(dt.date(2027, 5, 31))
    '2027-05-31'
    >>> language("da").date(dt.date(2027, 5, 31)), language("de").date(dt.date(2027, 5, 31))
    ('31. maj 2027', '31. Mai 2027')
    >>> language("nb").show(dt.date(2027, 5, 31), "month")
    'mai 2027'
    >>> language("fr")
    Traceback (most recent call last):
    ...
    cluster_excellence.errors.InvalidValueError: language: "fr" is not one of en, da, nb, de
    """
    if code is None:
        return ENGLISH
    if isinstance(code, Language):
        return code
    # a list or a dict from a caller that ignores the annotations is refused below
    found = _LOADED.get(code) if isinstance(code, str) else None  # type: ignore[redundant-expr]
    if found is not None:
        return found
    if code not in LANGUAGES:
        raise InvalidValueError(f"language: {show(code)} is not one of {', '.join(LANGUAGES)}")
    found = _LOADED[code] = Language(code, _catalogue(code))
    return found


def _catalogue(code: str) -> Any:
    """The gettext function of the catalogue of ``code`` shipped with the package."""
    import gettext
    import importlib.resources

    path = importlib.resources.files(__package__).joinpath(f"locale/{code}/LC_MESSAGES/{DOMAIN}.mo")
    try:
        with path.open("rb") as file:
            return gettext.GNUTranslations(file).gettext
    except FileNotFoundError:
        return _same
