"""Strict reading of the package's JSON documents (portfolios, catalogues).

Decoding and parsing turn every unusable file into a :class:`DocumentError`
with a clear message; :class:`Checker` collects the problems of a parsed
document, each with its JSON path, for the format-specific readers.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import DocumentError, Problem

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MISSING: Any = object()


class NonFinite:
    """Stands in for NaN, Infinity and -Infinity, which JSON does not allow."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class RepeatedKeys(dict):  # type: ignore[type-arg]
    """A JSON object in which some key appears more than once."""

    repeated: list[str]


def json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The parser's hook for each JSON object: a dict, flagged when a key repeats."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    flagged = RepeatedKeys(obj)
    seen: set[str] = set()
    flagged.repeated = sorted({k for k, _ in pairs if k in seen or seen.add(k)})  # type: ignore[func-returns-value]
    return flagged


def read_bytes(source: str, max_bytes: int, error: type[DocumentError]) -> bytes:
    """Read at most ``max_bytes`` of a file, or raise ``error``."""
    try:
        with open(source, "rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as problem:
        raise error(
            source, [Problem("", f"cannot read the file: {problem.strerror or problem}")]
        ) from None
    if len(data) > max_bytes:
        raise error(source, [Problem("", f"the file is larger than {max_bytes} bytes (max_bytes)")])
    return data


def load_json(data: bytes, source: str, error: type[DocumentError]) -> Any:
    """Decode and parse a JSON document, or raise ``error`` saying why it is unusable.

    Objects become dicts (a :class:`RepeatedKeys` when a key repeats); NaN
    and infinities become :class:`NonFinite` markers, which checkers reject.
    """

    def fail(message: str) -> DocumentError:
        return error(source, [Problem("", message)])

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        at = problem.start
        raise fail(f"the file is not UTF-8 text (byte 0x{data[at]:02x} at offset {at})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        raise fail("the file is empty")
    try:
        return json.loads(text, parse_constant=NonFinite, object_pairs_hook=json_object)
    except json.JSONDecodeError as problem:
        raise fail(
            f"not valid JSON: {problem.msg} (line {problem.lineno}, column {problem.colno})"
        ) from None
    except RecursionError:
        raise fail("not usable JSON: nested too deeply") from None
    except ValueError as problem:  # e.g. an integer with too many digits
        raise fail(f"not usable JSON: {problem}") from None


def show(value: Any) -> str:
    """A short description of a JSON value for messages."""
    if isinstance(value, NonFinite):
        return value.name
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)
        return shown if len(shown) <= 42 else shown[:40] + '"...'
    return repr(value)


def key_path(path: str, key: str) -> str:
    """The JSON path of ``key`` inside the object at ``path``."""
    step = key if _IDENTIFIER.fullmatch(key) else json.dumps(key, ensure_ascii=False)
    if not path:
        return step if _IDENTIFIER.fullmatch(key) else f"[{step}]"
    return f"{path}.{step}" if _IDENTIFIER.fullmatch(key) else f"{path}[{step}]"


class Checker:
    """Collects the problems of one document, each with its JSON path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def keys(
        self, obj: dict[str, Any], path: str, allowed: frozenset[str], required: Iterable[str]
    ) -> None:
        """Report repeated, unknown and missing keys."""
        if type(obj) is RepeatedKeys:
            for key in obj.repeated:
                self.fail(key_path(path, key), "appears more than once in the object")
        if not allowed.issuperset(obj):
            for key in obj:
                if key not in allowed:
                    import difflib  # only when a key is wrong

                    close = difflib.get_close_matches(key, sorted(allowed), n=1)
                    hint = (
                        f"did you mean {close[0]!r}?"
                        if close
                        else "expected " + ", ".join(sorted(allowed))
                    )
                    self.fail(key_path(path, key), f"unknown key ({hint})")
        for key in required:
            if key not in obj:
                self.fail(key_path(path, key), "is missing (required)")

    def object(self, value: Any, path: str) -> dict[str, Any] | None:
        """``value`` if it is a JSON object, else report it."""
        if isinstance(value, dict):
            return value
        self.fail(path, f"must be an object, not {show(value)}")
        return None

    def objects(self, raw: list[Any], path: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """Each item of the list ``raw`` at ``path`` that is an object, with its index and
        path; an item that is not an object is reported."""
        for index, item in enumerate(raw):
            at = f"{path}[{index}]"
            obj = self.object(item, at)
            if obj is not None:
                yield index, at, obj

    def list(self, obj: dict[str, Any], key: str, path: str) -> list[Any] | None:
        """The list at ``key``, or None (a missing key is reported by :meth:`keys`)."""
        value = obj.get(key, MISSING)
        if value is MISSING:
            return None
        if type(value) is not list:
            self.fail(key_path(path, key), f"must be a list, not {show(value)}")
            return None
        return value

    def text(self, obj: dict[str, Any], key: str, path: str) -> str | None:
        """The non-blank string at ``key``, or None (missing keys are reported by :meth:`keys`)."""
        value = obj.get(key, MISSING)
        if value is MISSING:
            return None
        if type(value) is not str:
            self.fail(key_path(path, key), f"must be a string, not {show(value)}")
            return None
        if not value.strip():
            self.fail(key_path(path, key), "must not be blank")
            return None
        return value

    def choice(
        self, obj: dict[str, Any], key: str, path: str, choices: Iterable[str]
    ) -> str | None:
        """The string at ``key`` if it is one of ``choices``."""
        options = list(choices)
        value = obj.get(key, MISSING)
        if value is MISSING:
            return None
        if value not in options or type(value) is not str:
            self.fail(key_path(path, key), f"{show(value)} is not one of {', '.join(options)}")
            return None
        return value

    def boolean(self, obj: dict[str, Any], key: str, path: str, *, default: Any) -> Any:
        """``true``/``false`` at ``key``; ``default`` when missing (MISSING: None)."""
        value = obj.get(key, MISSING)
        if value is MISSING:
            return None if default is MISSING else default
        if value is True or value is False:
            return value
        self.fail(key_path(path, key), f"must be true or false, not {show(value)}")
        return None

    def number(self, value: Any, path: str) -> int | float | None:
        """A finite JSON number (not a boolean), or None after reporting."""
        if type(value) is int or type(value) is float:
            if math.isfinite(value):
                return value
            self.fail(path, f"{value} is not a finite number")
            return None
        self.fail(path, f"must be a number, not {show(value)}")
        return None
