"""Writing results safely: to a file, or to standard output.

:func:`write_file` follows these rules (docs: *Command line*, "Output files"):

- It never writes over a file this run reads (the same file by another
  name, a symbolic or hard link to it, or the file behind standard input).
- A symbolic link is written through: its target is replaced, the link
  stays. A link to nothing is refused (it could point anywhere).
- A device or a named pipe is written to as it is (``/dev/null``,
  ``/dev/stdout`` on a terminal); a directory is refused.
- A regular file you may not write to is refused, as a shell's ``>``
  would; one you may write to is replaced all at once: the data goes to a temporary file
  in the same directory, which then takes the file's name, so the file is
  either the old one or the whole new one, never a part. The new file keeps
  the old one's permissions (and owner, where allowed); a file that did not
  exist gets the usual permissions for new files (the umask applies).
- Every failure (no space left, a read-only disk, no permission) is an
  :class:`OutputError` naming the file, and the temporary file is removed,
  also when the run is interrupted.

:func:`write_files` writes several files by the same rules, together: every
file is checked and written to its temporary file before any takes its name,
so that a failure leaves all of them as they were.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable, Sequence

from ._text import printable

__all__ = ["OutputError", "write_file", "write_files", "write_stdout"]


class OutputError(Exception):
    """Output that cannot be written, with a message that names where and why."""


def suffix(path: str) -> str:
    """The extension of the last part of ``path`` (``".json"``), as ``pathlib`` gives it
    (``PurePath(path).suffix``, which a property test holds it to), without loading
    ``pathlib`` and the modules it loads, which a command otherwise does not need."""
    parts = path.replace(os.altsep, os.sep) if os.altsep else path
    names = [part for part in parts.split(os.sep) if part not in ("", ".")]
    name = names[-1] if names else ""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _inputs(protect: Iterable[str]) -> set[tuple[int, int]]:
    """The identities of the files read in this run (``-`` is standard input)."""
    found = set()
    for name in protect:
        try:
            found.add(_identity(os.fstat(0) if name == "-" else os.stat(name)))
        except (OSError, ValueError):
            continue
    return found


def write_file(path: str, data: bytes, *, protect: Iterable[str] = ()) -> None:
    """Write ``data`` to the file ``path`` by the rules of this module.

    ``protect`` names the inputs of the run (paths, or ``-`` for standard
    input); writing onto any of them is refused.
    """
    write_files([(path, data)], protect=protect)


def write_files(files: Sequence[tuple[str, bytes]], *, protect: Iterable[str] = ()) -> None:
    """Write each ``(path, data)`` of ``files`` by the rules of this module, together:
    nothing takes its name until every file is written."""
    inputs = _inputs(protect)
    targets = [(path, data, _target(path, inputs)) for path, data in files]
    written: list[tuple[str, str, str]] = []
    try:
        for path, data, target in targets:
            if target is not None:
                real, status = target
                written.append((_temporary(real, printable(path), data, status), real, path))
        while written:
            temporary, real, path = written[0]
            try:
                os.replace(temporary, real)
            except OSError as error:
                shown = printable(path)
                raise OutputError(f"{shown}: cannot write the file: {_reason(error)}") from None
            written.pop(0)
    finally:
        for temporary, _, _ in written:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    for path, data, target in targets:
        if target is None:
            _write_through(path, printable(path), data)


def _target(path: str, inputs: set[tuple[int, int]]) -> tuple[str, os.stat_result | None] | None:
    """Where ``path`` is written: the real path of a file to replace and its status (None
    for a file that does not exist yet), or None for a device or named pipe."""
    shown = printable(path)
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
        if os.path.islink(path):
            raise OutputError(
                f"{shown}: is a symbolic link to a file that does not exist; "
                "refusing to write through it"
            ) from None
    except OSError as error:
        raise OutputError(f"{shown}: cannot write the file: {_reason(error)}") from None
    if status is not None:
        if _identity(status) in inputs:
            raise OutputError(f"{shown}: is an input of this run; refusing to write over it")
        if stat.S_ISDIR(status.st_mode):
            raise OutputError(f"{shown}: is a directory")
        if not stat.S_ISREG(status.st_mode):
            return None
        if not os.access(path, os.W_OK):
            raise OutputError(f"{shown}: cannot write the file: Permission denied")
    return os.path.realpath(path), status


def _write_through(path: str, shown: str, data: bytes) -> None:
    """Write to a device or named pipe as it is."""
    try:
        with open(path, "wb") as file:
            file.write(data)
    except OSError as error:
        raise OutputError(f"{shown}: cannot write: {_reason(error)}") from None


def _temporary(real: str, shown: str, data: bytes, status: os.stat_result | None) -> str:
    """Write ``data`` to a new temporary file beside ``real``, which is to take its name."""
    directory, name = os.path.split(real)
    # os.urandom as secrets.token_hex uses it (secrets and hashlib cost much to import)
    temporary = os.path.join(directory, f".{name}.{os.urandom(6).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        # New files get 0o666 less the umask, as the kernel applies it.
        descriptor = os.open(temporary, flags, 0o600 if status is not None else 0o666)
    except OSError as error:
        raise OutputError(f"{shown}: cannot write the file: {_reason(error)}") from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            if status is not None:
                _keep_mode_and_owner(file.fileno(), status)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{shown}: cannot write the file: {_reason(error)}") from None
        raise
    return temporary


def _keep_mode_and_owner(descriptor: int, status: os.stat_result) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, stat.S_IMODE(status.st_mode))
    if hasattr(os, "fchown"):
        with contextlib.suppress(OSError):  # allowed for root; the rest keep their group
            os.fchown(descriptor, status.st_uid, status.st_gid)


def write_stdout(data: bytes) -> None:
    """Write ``data`` to standard output and flush it.

    Raises :class:`BrokenPipeError` when the reader has gone away, and
    :class:`OutputError` when standard output is closed or cannot take the
    data (e.g. no space left on the device behind it).
    """
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None) if stream is not None else None
    if buffer is None:
        raise OutputError("cannot write to standard output: it is closed")
    try:
        buffer.write(data)
        buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        if error.errno == errno.EBADF:
            raise OutputError("cannot write to standard output: it is closed") from None
        raise OutputError(f"cannot write to standard output: {_reason(error)}") from None
    except ValueError:  # the stream object was closed
        raise OutputError("cannot write to standard output: it is closed") from None
