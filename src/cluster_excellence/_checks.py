"""Small attrs validators shared by the value types."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
from attrs import AttrsInstance

T = TypeVar("T", bound=AttrsInstance)


def is_day(instance: Any, attribute: Any, value: Any) -> None:
    """Accept a :class:`datetime.date` that is not a :class:`datetime.datetime`.

    ``datetime`` subclasses ``date``; where a day is meant, a time of day
    would be silently dropped or compared wrongly, so it is rejected.
    """
    require_day(value, attribute.name)


def require_day(value: Any, name: str) -> None:
    """Raise :class:`TypeError` unless ``value`` is a date and not a datetime."""
    if type(value) is not dt.date and (
        isinstance(value, dt.datetime) or not isinstance(value, dt.date)
    ):
        kind = "a datetime" if isinstance(value, dt.datetime) else type(value).__name__
        raise TypeError(f"{name} must be a datetime.date, not {kind}: {value!r}")


def is_bool(instance: Any, attribute: Any, value: Any) -> None:
    """Accept only ``True`` and ``False`` (not 0, 1 or other truthy values)."""
    if type(value) is not bool:
        raise TypeError(f"{attribute.name} must be True or False, not {value!r}")


def is_positive_int(instance: Any, attribute: Any, value: Any) -> None:
    """Accept an int greater than zero (booleans are not numbers here)."""
    if type(value) is not int or value <= 0:
        raise ValueError(
            f"{attribute.name} must be a positive whole number of months, not {value!r}"
        )


def is_non_negative_int(instance: Any, attribute: Any, value: Any) -> None:
    """Accept an int of zero or more (booleans are not numbers here)."""
    if type(value) is not int or value < 0:
        raise ValueError(f"{attribute.name} must be a whole number of months >= 0, not {value!r}")


def is_percent(instance: Any, attribute: Any, value: Any) -> None:
    """Accept a finite int or float from 0 to 100 (booleans are not numbers here)."""
    if type(value) not in (int, float) or not math.isfinite(value) or not 0 <= value <= 100:
        raise ValueError(f"{attribute.name} must be a number from 0 to 100, not {value!r}")


def is_optional_percent(instance: Any, attribute: Any, value: Any) -> None:
    """Like :func:`is_percent`, but also accept ``None``."""
    if value is not None:
        is_percent(instance, attribute, value)


def is_text(instance: Any, attribute: Any, value: Any) -> None:
    """Accept a string that is not blank."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-blank string, not {value!r}")


def is_optional_text(instance: Any, attribute: Any, value: Any) -> None:
    """Like :func:`is_text`, but also accept ``None``."""
    if value is not None:
        is_text(instance, attribute, value)


def unchecked(cls: type[T]) -> Callable[..., T]:
    """Return a positional constructor of attrs class ``cls`` that skips its checks.

    Only for values the package builds from values it has already checked
    (the portfolio reader's sound path, computed labels and statuses): on
    large portfolios the validators and converters would cost several times
    the work itself. The constructor is generated the way attrs generates
    ``__init__``; arguments are the fields in declaration order.
    """
    names = [field.name for field in attrs.fields(cls)]
    body = "".join(f"    _set(obj, {name!r}, {name})\n" for name in names)
    source = f"def make({', '.join(names)}):\n    obj = _new(cls)\n{body}    return obj\n"
    namespace: dict[str, Any] = {"_new": object.__new__, "_set": object.__setattr__, "cls": cls}
    exec(source, namespace)
    make: Callable[..., T] = namespace["make"]
    make.__qualname__ = f"unchecked({cls.__name__})"
    return make
