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
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable

from ._text import printable

__all__ = ["OutputError", "write_file", "write_stdout"]


class OutputError(Exception):
    """Output that cannot be written, with a message that names where and why."""


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
        if _identity(status) in _inputs(protect):
            raise OutputError(f"{shown}: is an input of this run; refusing to write over it")
        if stat.S_ISDIR(status.st_mode):
            raise OutputError(f"{shown}: is a directory")
        if not stat.S_ISREG(status.st_mode):
            _write_through(path, shown, data)
            return
        if not os.access(path, os.W_OK):
            raise OutputError(f"{shown}: cannot write the file: Permission denied")
    _replace(os.path.realpath(path), shown, data, status)


def _write_through(path: str, shown: str, data: bytes) -> None:
    """Write to a device or named pipe as it is."""
    try:
        with open(path, "wb") as file:
            file.write(data)
    except OSError as error:
        raise OutputError(f"{shown}: cannot write: {_reason(error)}") from None


def _replace(real: str, shown: str, data: bytes, status: os.stat_result | None) -> None:
    """Write a temporary file beside ``real`` and give it ``real``'s name."""
    directory, name = os.path.split(real)
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
        os.replace(temporary, real)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{shown}: cannot write the file: {_reason(error)}") from None
        raise


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
