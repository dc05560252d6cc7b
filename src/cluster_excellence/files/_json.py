"""Reading documents: bytes from a file, standard input or the package's data, within a
size limit, and strict JSON.

Every way a document can be unusable as a whole (unreadable, too large,
not UTF-8, empty, not JSON, nested too deeply, a number too long) becomes a
:class:`~cluster_excellence.DocumentError` with one clear message.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from ..errors import DocumentError, Problem

__all__ = [
    "NonFinite",
    "RepeatedKeys",
    "as_bytes",
    "load_json",
    "package_data",
    "read_bytes",
    "read_stdin",
]

#: The package's data folder (``cluster_excellence/data``).
_DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")


class NonFinite:
    """Stands in for NaN, Infinity and -Infinity, which JSON does not allow."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


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


def as_bytes(text: str | bytes) -> bytes:
    """A document given as text or bytes, as the bytes a file would hold (UTF-8; a lone
    surrogate kept, so that the reader reports it)."""
    return text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text


def _fail(error: type[DocumentError], source: str, message: str) -> DocumentError:
    return error(source, [Problem("", message)])


def read_bytes(source: str, max_bytes: int, error: type[DocumentError]) -> bytes:
    """Read at most ``max_bytes`` of the file ``source``, or raise ``error``.

    Pipes and devices are read too (``<(...)`` in a shell gives a pipe),
    within the same limit.
    """
    try:
        with open(source, "rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as problem:
        raise _fail(error, source, f"cannot read the file: {problem.strerror or problem}") from None
    if len(data) > max_bytes:
        raise _fail(error, source, f"the file is larger than {max_bytes} bytes (max_bytes)")
    return data


def package_data(name: str) -> bytes:
    """The bytes of the file ``name`` (``/``-separated) in the package's ``data`` folder.

    Read through the package's own loader, as :mod:`importlib.resources` would, without
    importing it (it costs more than the reading): the default rulebook is read on every
    import of the rules.
    """
    loader: Any = __spec__.loader
    data: bytes = loader.get_data(os.path.join(_DATA, *name.split("/")))
    return data


def read_stdin(max_bytes: int, error: type[DocumentError], source: str = "<stdin>") -> bytes:
    """Read standard input (at most ``max_bytes``, like a file), or raise ``error``."""
    stream = sys.stdin
    if stream is None or getattr(stream, "buffer", None) is None:
        raise _fail(error, source, "cannot read standard input: it is closed")
    try:
        data: bytes = stream.buffer.read(max_bytes + 1)
    except (OSError, ValueError) as problem:
        reason = getattr(problem, "strerror", None) or "it is closed"
        raise _fail(error, source, f"cannot read standard input: {reason}") from None
    if len(data) > max_bytes:
        raise _fail(error, source, f"standard input is larger than {max_bytes} bytes (max_bytes)")
    return data


def load_json(data: bytes, source: str, error: type[DocumentError]) -> Any:
    """Decode and parse a JSON document, or raise ``error`` saying why it is unusable.

    Objects become dicts (a :class:`RepeatedKeys` when a key repeats); NaN
    and infinities become :class:`NonFinite` markers, which the checks reject.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        at = problem.start
        raise _fail(
            error, source, f"the file is not UTF-8 text (byte 0x{data[at]:02x} at offset {at})"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        raise _fail(error, source, "the file is empty")
    try:
        return json.loads(text, parse_constant=NonFinite, object_pairs_hook=json_object)
    except json.JSONDecodeError as problem:
        raise _fail(
            error,
            source,
            f"not valid JSON: {problem.msg} (line {problem.lineno}, column {problem.colno})",
        ) from None
    except RecursionError:
        raise _fail(error, source, "not usable JSON: nested too deeply") from None
    except ValueError:  # an integer of more digits than Python converts
        raise _fail(
            error, source, "not usable JSON: a number has too many digits to be read"
        ) from None
