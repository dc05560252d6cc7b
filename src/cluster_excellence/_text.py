"""Text for people: characters escaped, long values shortened, values described.

Whatever reaches a terminal, a table or a message goes through
:func:`printable`: control characters (which move the cursor, colour the
terminal or start a new line), lone surrogates, line and paragraph
separators, and the bidirectional formatting characters that can make text
read differently from what it is (CVE-2021-42574, "Trojan Source") are
shown as escapes instead.

>>> from cluster_excellence._text import printable, shorten, show
>>> printable("Qoot\\x1b[31m Cluster\\n")
'Qoot\\\\x1b[31m Cluster\\\\n'
>>> shorten("Example Aerospace and Defence Cluster", 20)
'Example Aerospace a…'
>>> show("x" * 100)
'"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." (100 characters)'
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

__all__ = ["is_unsafe", "printable", "shorten", "show"]

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def is_unsafe(char: str) -> bool:
    """Whether ``char`` must not reach a terminal or a line-based file as it is."""
    return char in _BIDI_CONTROLS or unicodedata.category(char) in _UNSAFE_CATEGORIES


def _escape(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every unsafe character (see :func:`is_unsafe`) written as an escape."""
    if text.isprintable():  # the common case, checked in C
        return text
    return "".join(_escape(char) if is_unsafe(char) else char for char in text)


def shorten(text: str, width: int = 40) -> str:
    """``text`` cut to ``width`` characters, a cut marked with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def show(value: Any, width: int = 40) -> str:
    """A short, printable description of a (JSON) value for messages.

    Strings are quoted, escaped and shortened (with their length when
    shortened); numbers too long to read are described by their size.

    >>> from cluster_excellence._text import show
    >>> show(None), show(True), show([1]), show({}), show(10**400)
    ('null', 'true', 'a list', 'an object', 'an integer of 401 digits')
    """
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        if len(value) <= width:
            return '"' + printable(value).replace('"', '\\"') + '"'
        cut = printable(value[: width - 1]).replace('"', '\\"')
        return f'"{cut}..." ({len(value)} characters)'
    if type(value) is int and abs(value) >= 10**30:
        digits = int(value.bit_length() * math.log10(2)) + 1
        if abs(value) < 10 ** (digits - 1):
            digits -= 1
        return f"an integer of {digits} digits"
    if isinstance(value, (int, float)):
        return repr(value)
    return shorten(printable(repr(value)), width)
