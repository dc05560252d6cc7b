"""Safe output: files are written all at once, never over an input, never replacing
a link or a device; failures and broken streams end with a message, never a
traceback or a partial file (docs: Command line, "Output files")."""

from __future__ import annotations

import errno
import gc
import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cluster_excellence.cli import main

from .examples import QOOT

LISTING = "Aviation Valley | Aviation and space | | 2013/02/23\n"
SCRIPT = str(Path(sys.executable).with_name("cluster-excellence"))


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "listing.txt").write_text(LISTING, encoding="utf-8")
    (tmp_path / "p.json").write_text(json.dumps(QOOT), encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class TestInputsAreNeverOverwritten:
    @pytest.mark.parametrize(
        "argv",
        [
            ["import-listing", "listing.txt", "--tier", "gold", "--output", "listing.txt"],
            ["import-listing", "listing.txt", "--tier", "gold", "--into", "p.json", "-o", "p.json"],
            ["status", "p.json", "--output", "p.json"],
            ["status", "p.json", "--output", "./sub/../p.json"],
            ["check", "p.json", "--output", "p.json"],
            ["plan", "p.json", "--format", "ics", "--output", "p.json"],
            ["timeline", "p.json", "--output", "p.json"],
        ],
    )
    def test_by_its_own_name(
        self, files: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        (files / "sub").mkdir()
        before = {name: (files / name).read_bytes() for name in ("listing.txt", "p.json")}
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, "")
        target = argv[-1]
        if target.endswith(".json") and "timeline" not in argv:
            assert f"{target}: is an input of this run; refusing to write over it" in err
        assert {name: (files / name).read_bytes() for name in before} == before

    def test_by_a_symbolic_link_or_a_hard_link(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        os.symlink("p.json", files / "soft.json")
        os.link(files / "p.json", files / "hard.json")
        before = (files / "p.json").read_bytes()
        for name in ("soft.json", "hard.json"):
            code, _, err = run(capsys, "status", "p.json", "--output", name)
            assert code == 2
            assert "is an input of this run" in err
        assert (files / "p.json").read_bytes() == before

    def test_a_catalogue_is_an_input_too(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from cluster_excellence import gold_catalogue
        from cluster_excellence.files.catalogue import CATALOGUE_FILES

        (files / "gold.json").write_text(
            CATALOGUE_FILES.to_json(gold_catalogue()), encoding="utf-8"
        )
        code, _, err = run(capsys, "plan", "p.json", "--catalogue", "gold.json", "-o", "gold.json")
        assert code == 2
        assert "gold.json: is an input of this run" in err

    def test_nor_the_file_behind_standard_input(self, files: Path) -> None:
        with open(files / "p.json", "rb") as stdin:
            done = subprocess.run(
                [SCRIPT, "status", "-", "--output", "p.json"],
                stdin=stdin,
                capture_output=True,
                text=True,
                check=False,
            )
        assert (done.returncode, done.stdout) == (2, "")
        assert "p.json: is an input of this run" in done.stderr
        assert json.loads((files / "p.json").read_text(encoding="utf-8")) == QOOT


class TestLinksAndDevices:
    def test_a_symbolic_link_is_written_through(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (files / "real.json").write_text("old", encoding="utf-8")
        os.symlink("real.json", files / "link.json")
        code, _, _ = run(capsys, "status", "p.json", "--format", "json", "-o", "link.json")
        assert code == 0
        assert (files / "link.json").is_symlink()
        assert json.loads((files / "real.json").read_text(encoding="utf-8"))["clusters"]

    def test_a_link_to_nothing_is_refused(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        os.symlink("elsewhere/missing.json", files / "dangling.json")
        code, _, err = run(capsys, "status", "p.json", "-o", "dangling.json")
        assert code == 2
        assert "dangling.json: is a symbolic link to a file that does not exist" in err
        assert not (files / "elsewhere").exists()

    def test_a_device_is_written_to_as_it_is(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(capsys, "status", "p.json", "--output", os.devnull)
        assert (code, out, err) == (0, "", "")
        assert stat.S_ISCHR(os.stat(os.devnull).st_mode)

    def test_a_named_pipe_is_written_to_as_it_is(self, files: Path) -> None:
        os.mkfifo(files / "pipe")
        writer = subprocess.Popen(
            [SCRIPT, "status", "p.json", "--format", "json", "-o", "pipe"],
            stderr=subprocess.DEVNULL,
        )
        with open(files / "pipe", encoding="utf-8") as pipe:
            document = json.loads(pipe.read())
        assert writer.wait(timeout=60) == 0
        assert document["clusters"][0]["id"] == "qoot"
        assert stat.S_ISFIFO(os.stat(files / "pipe").st_mode)

    def test_a_directory_is_refused(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        (files / "out").mkdir()
        code, _, err = run(capsys, "status", "p.json", "-o", "out")
        assert code == 2
        assert "out: is a directory" in err

    def test_a_missing_folder_is_named(
        self, files: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _, err = run(capsys, "status", "p.json", "-o", "nowhere/out.txt")
        assert code == 2
        assert "nowhere/out.txt: cannot write the file: No such file or directory" in err


@pytest.fixture
def umask() -> Iterator[int]:
    old = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(old)


class TestPermissions:
    def test_a_replaced_file_keeps_its_permissions(
        self, files: Path, capsys: pytest.CaptureFixture[str], umask: int
    ) -> None:
        target = files / "status.txt"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o604)
        assert run(capsys, "status", "p.json", "-o", "status.txt")[0] == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o604
        assert target.read_text(encoding="utf-8").startswith("Label status")

    def test_a_new_file_gets_the_usual_permissions(
        self, files: Path, capsys: pytest.CaptureFixture[str], umask: int
    ) -> None:
        assert run(capsys, "status", "p.json", "-o", "new.txt")[0] == 0
        assert stat.S_IMODE((files / "new.txt").stat().st_mode) == 0o666 & ~umask

    def test_a_file_one_may_not_write_is_refused(
        self, files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """As a shell's ``>`` refuses it (``os.access`` answers for the user running us)."""
        (files / "mine.txt").write_text("keep", encoding="utf-8")
        real_access = os.access
        monkeypatch.setattr(
            os,
            "access",
            lambda path, mode: False if str(path) == "mine.txt" else real_access(path, mode),
        )
        code, _, err = run(capsys, "status", "p.json", "-o", "mine.txt")
        assert code == 2
        assert "mine.txt: cannot write the file: Permission denied" in err
        assert (files / "mine.txt").read_text(encoding="utf-8") == "keep"


class TestFailures:
    @pytest.mark.parametrize(
        ("where", "error"),
        [
            ("fsync", OSError(errno.ENOSPC, "No space left on device")),
            ("replace", OSError(errno.EROFS, "Read-only file system")),
            ("open", OSError(errno.EROFS, "Read-only file system")),
        ],
    )
    def test_end_with_a_message_and_leave_the_old_file_whole(
        self,
        files: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        where: str,
        error: OSError,
    ) -> None:
        (files / "out.txt").write_text("old", encoding="utf-8")

        def fail(*args: Any, **kwargs: Any) -> Any:
            raise error

        monkeypatch.setattr(os, where, fail)
        code, out, err = run(capsys, "status", "p.json", "-o", "out.txt")
        assert (code, out) == (2, "")
        assert (
            err == f"cluster-excellence status: out.txt: cannot write the file: {error.strerror}\n"
        )
        assert (files / "out.txt").read_text(encoding="utf-8") == "old"
        assert leftovers(files) == []

    def test_a_full_device(self, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "status", "p.json", "--output", "/dev/full")
        assert (code, out) == (2, "")
        assert (
            err == "cluster-excellence status: /dev/full: cannot write: No space left on device\n"
        )

    def test_an_interrupted_write_leaves_no_temporary_file(
        self, files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        (files / "out.txt").write_text("old", encoding="utf-8")

        def interrupt(*args: Any) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "replace", interrupt)
        code, out, err = run(capsys, "status", "p.json", "-o", "out.txt")
        assert (code, out, err) == (130, "", "cluster-excellence status: interrupted\n")
        assert (files / "out.txt").read_text(encoding="utf-8") == "old"
        assert leftovers(files) == []


def command(*argv: str, **streams: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *argv], text=True, stderr=subprocess.PIPE, check=False, timeout=120, **streams
    )


class TestStandardStreams:
    """Closed and broken standard streams, as a shell makes them (``>&-``, ``| head``)."""

    def test_a_closed_standard_output(self) -> None:
        done = subprocess.run(
            f"'{SCRIPT}' status >&-", shell=True, text=True, capture_output=True, check=False
        )
        assert done.returncode == 2
        assert done.stderr == (
            "cluster-excellence status: cannot write to standard output: it is closed\n"
        )

    def test_a_full_standard_output(self) -> None:
        with open("/dev/full", "w") as full:
            done = command("status", stdout=full)
        assert done.returncode == 2
        assert done.stderr == (
            "cluster-excellence status: cannot write to standard output: No space left on device\n"
        )

    def test_a_broken_pipe(self) -> None:
        read, write = os.pipe()
        os.close(read)
        try:
            done = command("status", stdout=write)
        finally:
            os.close(write)
        assert done.returncode == 141
        assert done.stderr == (
            "cluster-excellence status: standard output was closed before everything was written\n"
        )

    def test_a_reader_that_stops_early(self) -> None:
        """``cluster-excellence plan | head -n 1``: no traceback, no "Exception ignored"."""
        done = subprocess.run(
            f"set -o pipefail; '{SCRIPT}' plan --on 2026-11-20 --format ics | head -c 10",
            shell=True,
            executable="/bin/bash",
            text=True,
            capture_output=True,
            check=False,
        )
        assert done.stdout == "BEGIN:VCAL"
        assert done.returncode in (0, 141)
        assert "Traceback" not in done.stderr
        assert "Exception ignored" not in done.stderr

    def test_a_usage_error_with_standard_error_closed(self) -> None:
        """The usage goes to standard error or nowhere, never to standard output."""
        done = subprocess.run(
            f"'{SCRIPT}' status --on 2021-02-30 2>&-",
            shell=True,
            text=True,
            capture_output=True,
            check=False,
        )
        assert (done.returncode, done.stdout) == (2, "")

    def test_a_closed_standard_input(self) -> None:
        done = subprocess.run(
            f"'{SCRIPT}' status - <&-", shell=True, text=True, capture_output=True, check=False
        )
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == (
            "cluster-excellence status: <stdin>: cannot read standard input: it is closed\n"
        )

    def test_ctrl_c_while_reading(self) -> None:
        process = subprocess.Popen(
            [SCRIPT, "status", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _wait_until_it_reads_standard_input(process.pid)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
        assert (process.returncode, out) == (130, "")
        assert err == "cluster-excellence status: interrupted\n"


def _wait_until_it_reads_standard_input(pid: int) -> None:
    """Return once the process ``pid`` waits in a read of its (pipe) standard input: the
    kernel names the wait ``pipe_read`` (Linux; elsewhere the test is skipped)."""
    wchan = Path(f"/proc/{pid}/wchan")
    if not wchan.exists():
        pytest.skip("needs /proc/PID/wchan (Linux) to see the program wait for its input")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if "pipe_read" in wchan.read_text():
            return
        time.sleep(0.01)
    pytest.fail("the program never waited for standard input")


@pytest.mark.parametrize("collecting", [True, False])
def test_main_leaves_the_garbage_collector_as_it_found_it(
    capsys: pytest.CaptureFixture[str], collecting: bool
) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if collecting else gc.disable()
        assert main(["status", "--on", "2021-08-01"]) == 0
        assert main(["status", "--on", "2021-02-30"]) == 2
        assert gc.isenabled() is collecting
    finally:
        gc.enable() if was else gc.disable()
    capsys.readouterr()


class TestSeveralFilesTogether:
    """Several files written together (a folder of CSV files): none takes its name until
    every one is written."""

    def test_a_failure_leaves_every_file_as_it_was(self, tmp_path: Path) -> None:
        from cluster_excellence._output import OutputError, write_files

        first = tmp_path / "first.csv"
        first.write_text("old", encoding="utf-8")
        with pytest.raises(OutputError, match=r"missing/second\.csv: cannot write the file"):
            write_files([(str(first), b"new"), (str(tmp_path / "missing" / "second.csv"), b"new")])
        assert first.read_text(encoding="utf-8") == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["first.csv"]

    def test_an_input_among_them_is_refused_before_any_is_written(self, tmp_path: Path) -> None:
        from cluster_excellence._output import OutputError, write_files

        first, second = tmp_path / "a", tmp_path / "b"
        second.write_text("input", encoding="utf-8")
        with pytest.raises(OutputError, match="is an input of this run"):
            write_files([(str(first), b"x"), (str(second), b"x")], protect=[str(second)])
        assert not first.exists()
        assert second.read_text(encoding="utf-8") == "input"
