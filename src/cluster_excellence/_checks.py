"""The rules every field of a value obeys, written once.

Each ``*_problem`` function says what is wrong with a value, or returns
None. The value types' validators raise with these messages, and the file
readers report them with the field's path, so a value the library lets you
build is exactly a value its files can hold (docs: *File formats*).

>>> import datetime as dt
>>> from cluster_excellence._checks import day_problem, text_problem
>>> print(text_problem("Qoot Cluster"))
None
>>> text_problem("a\\nb")
'contains a line break (\\\\n) at position 1; this text must fit on one line'
>>> day_problem(dt.datetime(2019, 7, 25))
'must be a day (datetime.date), not a datetime: 2019-07-25 00:00:00'
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from ._calendar import EARLIEST_DAY, LATEST_DAY
from ._text import printable, show
from .errors import InvalidTypeError, InvalidValueError

__all__ = [
    "DayLike",
    "as_day",
    "as_tuple",
    "day_problem",
    "failure",
    "free_text_problem",
    "instance_of",
    "number_problem",
    "one_of",
    "optional",
    "optional_instance_of",
    "text_problem",
    "texts_problem",
    "validator",
]


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _character_problem(text: str, allowed: str) -> str | None:
    """What is wrong with a character of ``text`` (controls other than ``allowed``,
    lone surrogates, line separators), or None."""
    for position, char in enumerate(text):
        if char in allowed:
            continue
        category = unicodedata.category(char)
        if category == "Cs":
            return (
                f"contains a lone surrogate ({printable(char)}) at position {position}, "
                "which is not a character"
            )
        if char in _LINE_BREAKS and "\n" not in allowed:
            return (
                f"contains a line break ({printable(char)}) at position {position}; "
                "this text must fit on one line"
            )
        if category in ("Cc", "Zl", "Zp"):
            return f"contains the control character {printable(char)} at position {position}"
    return None


def text_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as single-line text (an id, a name, a code, a source).

    It must be a string, not blank, and hold no control character, line break
    or lone surrogate (our decision: such characters forge rows in tables and
    lines in calendars, and cannot be written as UTF-8).
    """
    return _text_problem(value, "")


def free_text_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as free text (a note, a description).

    Like :func:`text_problem`, but new lines (``\\n``) and tabs are allowed.
    """
    return _text_problem(value, "\n\t")


def _text_problem(value: Any, allowed: str) -> str | None:
    if type(value) is not str:
        return f"must be a string, not {show(value)}"
    if not value or value.isspace():
        return "must not be blank"
    if value.isprintable():
        return None
    return _character_problem(value, allowed)


def texts_problem(value: Any, what: str = "text") -> str | None:
    """What is wrong with ``value`` as a tuple or list of single-line texts (sources, or
    the codes of ``what``), or None."""
    if not isinstance(value, (tuple, list)):
        return f"must be a list of {what}s, not {show(value)}"
    for item in value:
        problem = text_problem(item)
        if problem is not None:
            return f"holds a {what} that {problem}"
    return None


def as_tuple(value: Any) -> Any:
    """A converter: any iterable but a text as a tuple (a text stays, for its check)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def number_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as a number: it must be an int or a float (not a
    bool), finite, and no larger than a float can hold (our decision: every figure
    is compared and averaged as a float)."""
    if type(value) is float:
        return None if math.isfinite(value) else f"{value} is not a finite number"
    if type(value) is int:
        try:
            float(value)
        except OverflowError:
            return f"{show(value)} is too large for a number"
        return None
    return f"must be a number, not {show(value)}"


def day_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as a day of the scheme's records.

    It must be a :class:`datetime.date` (a ``datetime`` would carry a time of
    day that the rules would silently drop) from :data:`~._calendar.EARLIEST_DAY`
    to :data:`~._calendar.LATEST_DAY`, so that every term and window counted from
    it stays within the calendar.
    """
    if type(value) is not dt.date:
        if isinstance(value, dt.datetime):
            return f"must be a day (datetime.date), not a datetime: {value}"
        return f"must be a day (datetime.date), not {show(value)}"
    if value > LATEST_DAY:
        return (
            f"{value.isoformat()} is after {LATEST_DAY.isoformat()}, the latest day accepted: "
            "terms and renewal windows counted from it could run past 9999-12-31, "
            "the end of the calendar"
        )
    if value < EARLIEST_DAY:
        return (
            f"{value.isoformat()} is before {EARLIEST_DAY.isoformat()}, the earliest day "
            "accepted: a label's start looked for before it could fall before the year 1"
        )
    return None


def query_day_problem(value: Any) -> str | None:
    """What is wrong with ``value`` as the day a question is asked about (any day)."""
    if type(value) is dt.date:
        return None
    if isinstance(value, dt.datetime):
        return f"must be a day (datetime.date), not a datetime: {value}"
    return f"must be a day (datetime.date), not {show(value)}"


# -- attrs validators built on the rules --------------------------------------


Rule = Callable[[Any], "str | None"]


def failure(name: str, problem: str) -> Exception:
    """The error for ``problem`` of the field or argument ``name``: an
    :class:`~cluster_excellence.errors.InvalidTypeError` when the value is of the wrong
    kind (the rules say so with "must be ..."), else an
    :class:`~cluster_excellence.errors.InvalidValueError`."""
    kind = InvalidTypeError if problem.startswith("must be") else InvalidValueError
    return kind(f"{name}: {problem}")


def validator(rule: Rule) -> Callable[[Any, Any, Any], None]:
    """An attrs validator raising ``field: problem`` (see :func:`failure`) when ``rule``
    finds a problem: the same rule, the same words, as the readers report."""

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        problem = rule(value)
        if problem is not None:
            raise failure(attribute.name, problem)

    validate.__doc__ = f"Raise an error when :func:`{rule.__name__}` finds a problem."
    return validate


def instance_of(kind: type | tuple[type, ...]) -> Callable[[Any, Any, Any], None]:
    """An attrs validator accepting only instances of ``kind``, with a plain message."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = " or ".join(k.__name__ for k in kinds)

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, kinds):
            raise failure(attribute.name, f"must be {names}, not {show(value)}")

    return validate


def optional_instance_of(kind: type) -> Callable[[Any, Any, Any], None]:
    """:func:`instance_of`, but None (not recorded) is accepted too."""
    check = instance_of(kind)

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if value is not None:
            check(instance, attribute, value)

    return validate


def one_of(values: Iterable[Any]) -> Callable[[Any, Any, Any], None]:
    """An attrs validator accepting only one of ``values``, with a plain message."""
    options = tuple(values)

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        if value not in options:
            known = ", ".join(map(str, options))
            raise failure(attribute.name, f"{show(value)} is not one of {known}")

    return validate


def optional(rule: Rule) -> Rule:
    """``rule``, but None (not recorded) is no problem."""

    def optional_rule(value: Any) -> str | None:
        return None if value is None else rule(value)

    optional_rule.__name__ = rule.__name__
    return optional_rule


is_text = validator(text_problem)
is_optional_text = validator(optional(text_problem))
is_optional_free_text = validator(optional(free_text_problem))
are_texts = validator(texts_problem)
is_day = validator(day_problem)
is_query_day = validator(query_day_problem)


def is_bool(instance: Any, attribute: Any, value: Any) -> None:
    """Accept only ``True`` and ``False`` (not 0, 1 or other truthy values)."""
    if type(value) is not bool:
        raise failure(attribute.name, f"must be True or False, not {show(value)}")


def is_optional_bool(instance: Any, attribute: Any, value: Any) -> None:
    """Accept ``True``, ``False`` or ``None`` (not recorded)."""
    if value is not None and type(value) is not bool:
        raise failure(attribute.name, f"must be True, False or None, not {show(value)}")


#: What a function takes for a day: a :class:`datetime.date`, an ISO ``YYYY-MM-DD``
#: text, or a midnight :class:`datetime.datetime` (a ``pandas.Timestamp`` is one).
DayLike = dt.date | str


def as_day(value: Any, name: str) -> dt.date:
    """``value`` as the day a question is asked about (any day of the calendar).

    A :class:`datetime.date` is taken as it is; an ISO text ``YYYY-MM-DD`` is
    read; a :class:`datetime.datetime` (or a ``pandas.Timestamp``) at midnight
    without a time zone is its day (spreadsheets and pandas hold days so); a
    time of day is refused rather than dropped (our decision, docs: *Notebooks*).

    >>> import datetime as dt
    >>> from cluster_excellence._checks import as_day
    >>> as_day("2026-11-20", "on"), as_day(dt.datetime(2026, 11, 20), "on")
    (datetime.date(2026, 11, 20), datetime.date(2026, 11, 20))
    >>> as_day(dt.datetime(2026, 11, 20, 9, 30), "on")
    Traceback (most recent call last):
    ...
    cluster_excellence.errors.InvalidValueError: on: 2026-11-20 09:30:00 has a time of day; ...
    """
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        if (
            value.tzinfo is None
            and value.time() == dt.time(0)
            and not getattr(value, "nanosecond", 0)
        ):
            return dt.date(value.year, value.month, value.day)
        raise InvalidValueError(
            f"{name}: {value} has a time of day; give a day (a date, YYYY-MM-DD, or a "
            "midnight datetime)"
        )
    if isinstance(value, dt.date):  # a subclass of date that is no datetime
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise InvalidValueError(f"{name}: {show(value)} is not a valid date") from None
        raise InvalidValueError(f"{name}: {show(value)} is not a date in YYYY-MM-DD form")
    raise InvalidTypeError(
        f"{name}: must be a day (a date, YYYY-MM-DD, or a midnight datetime), not {show(value)}"
    )
