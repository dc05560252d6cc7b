"""Standard streams in-process: closed, full or broken output, unreadable input,
and ``python -m cluster_excellence`` itself."""

from __future__ import annotations

import errno
import io
import runpy
import sys
from typing import Any

import pytest

from cluster_excellence import PortfolioError
from cluster_excellence._output import OutputError, write_stdout
from cluster_excellence.cli import main
from cluster_excellence.files._json import read_stdin


class Failing(io.RawIOBase):
    """A stream whose every write or read raises ``error`` until it is mended."""

    def __init__(self, error: BaseException) -> None:
        self.error: BaseException | None = error

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.error is not None:
            raise self.error
        return len(data)

    def readinto(self, buffer: Any) -> int:
        if self.error is not None:
            raise self.error
        return 0


#: The streams a test made, mended and closed after it: a failing stream left to the
#: garbage collector would raise when it flushes, in whichever test runs then.
MADE: list[tuple[Failing, io.TextIOWrapper]] = []


@pytest.fixture(autouse=True)
def _mend_streams() -> Any:
    yield
    while MADE:
        raw, wrapper = MADE.pop()
        raw.error = None
        wrapper.close()


def stream(error: BaseException, *, reading: bool = False) -> io.TextIOWrapper:
    raw = Failing(error)
    wrapper = io.TextIOWrapper(io.BufferedReader(raw) if reading else io.BufferedWriter(raw))
    MADE.append((raw, wrapper))
    return wrapper


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (OSError(errno.EBADF, "Bad file descriptor"), "it is closed"),
        (ValueError("I/O operation on closed file"), "it is closed"),
    ],
)
def test_output_that_cannot_be_written(
    monkeypatch: pytest.MonkeyPatch, error: BaseException, message: str
) -> None:
    monkeypatch.setattr(sys, "stdout", stream(error))
    with pytest.raises(OutputError, match=f"cannot write to standard output: {message}"):
        write_stdout(b"x" * 100_000)


def test_no_standard_output_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(OutputError, match="it is closed"):
        write_stdout(b"x")


def test_a_broken_pipe_is_its_own_exit_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdout", stream(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    assert main(["status", "--on", "2021-08-01"]) == 141
    assert capsys.readouterr().err == (
        "cluster-excellence status: standard output was closed before everything was written\n"
    )


@pytest.mark.parametrize("stderr", [None, "broken"])
def test_the_exit_status_stands_when_standard_error_is_gone(
    monkeypatch: pytest.MonkeyPatch, stderr: str | None
) -> None:
    monkeypatch.setattr(
        sys, "stderr", None if stderr is None else stream(OSError(errno.EPIPE, "x"))
    )
    assert main(["status", "--on", "2021-02-30"]) == 2
    assert main(["status", "missing.json"]) == 2


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        (None, "cannot read standard input: it is closed"),
        ("eio", "cannot read standard input: Input/output error"),
        ("closed", "cannot read standard input: it is closed"),
    ],
)
def test_input_that_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch, stdin: str | None, message: str
) -> None:
    if stdin == "eio":
        failing = stream(OSError(errno.EIO, "Input/output error"), reading=True)
        monkeypatch.setattr(sys, "stdin", failing)
    elif stdin == "closed":
        failing = stream(ValueError("I/O operation on closed file"), reading=True)
        monkeypatch.setattr(sys, "stdin", failing)
    else:
        monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(PortfolioError, match=f"<stdin>: {message}"):
        read_stdin(100, PortfolioError)


def test_python_m_is_the_same_program(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["cluster-excellence", "status", "--on", "2021-08-01"])
    with pytest.raises(SystemExit) as done:
        runpy.run_module("cluster_excellence", run_name="__main__", alter_sys=True)
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("Label status on 2021-08-01")
