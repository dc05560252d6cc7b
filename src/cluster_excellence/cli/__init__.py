"""The ``cluster-excellence`` command line (``python -m cluster_excellence``).

One table of commands (:data:`COMMANDS`: name, summary, and the module that
holds its options and its run); each shared option is defined once
(:mod:`cluster_excellence.cli._common`) and given to every command it makes
sense for. Only the chosen command's module is loaded, with what it uses, so
that a command starts quickly (docs: *Performance*).

Exit status: 0 on success (``check``: 1 with findings); 2 for bad input,
bad usage or output that cannot be written, with a message on standard
error and nothing on standard output; 130 when interrupted (Ctrl-C); 141
when standard output is closed early (a broken pipe).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .._output import OutputError
from .._text import printable, shorten, show
from .._version import __version__
from ..errors import DocumentError
from ._common import (
    BAD_INPUT,
    BROKEN_PIPE,
    INTERRUPTED,
    PROG,
    TABLE_INPUT,
    Command,
    Run,
    UsageError,
    terminal_width,
)

__all__ = ["COMMANDS", "CommandEntry", "command", "main", "run"]


class CommandEntry:
    """A command in the table: its name, what it does, the module that runs it.

    The command line's own machinery, not a value of the library: a plain class with
    slots, which costs nothing to create at start-up (docs: *Performance*)."""

    __slots__ = ("module", "name", "summary")

    def __init__(self, name: str, summary: str, module: str) -> None:
        self.name = name
        self.summary = summary
        self.module = module

    def __repr__(self) -> str:
        return f"CommandEntry({self.name!r})"


#: Every command, in the order the help lists them.
COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry("status", "the status of every cluster's labels on a day", "status"),
    CommandEntry(
        "scorecard",
        "the regional scorecard: a region's benchmarks against reference groups",
        "scorecard",
    ),
    CommandEntry(
        "gold-score",
        "Gold points and pass or fail of each cluster's latest Gold audit",
        "gold_score",
    ),
    CommandEntry("eligibility", "whether each cluster can get a tier, and why not", "eligibility"),
    CommandEntry(
        "plan",
        "the dated actions ahead: expiries, renewal deadlines, Silver windows, next tier",
        "plan",
    ),
    CommandEntry(
        "compliance",
        "which clusters meet a programme's label requirement on a day, and until when",
        "compliance",
    ),
    CommandEntry(
        "changes",
        "what changed between two days: labels awarded, renewed, expired, lapsed",
        "changes",
    ),
    CommandEntry(
        "check",
        "validate a portfolio and report recorded awards that contradict the rules",
        "check",
    ),
    CommandEntry(
        "timeline", "draw each cluster's labels over time (needs the plot extra)", "timeline"
    ),
    CommandEntry(
        "report",
        "a self-contained, printable HTML report to send (needs the plot extra)",
        "report",
    ),
    CommandEntry(
        "badge", "a badge of a cluster's best label: shields.io endpoint JSON or SVG", "badge"
    ),
    CommandEntry("convert", "convert a portfolio between JSON, CSV and XLSX", "convert"),
    CommandEntry(
        "import-listing",
        "read the public label listing into a portfolio of stated labels",
        "import_listing",
    ),
)
_BY_NAME = {entry.name: entry for entry in COMMANDS}


def command(name: str) -> Command:
    """The command ``name`` with its options and its run (its module loaded)."""
    found: Command = importlib.import_module(f".{_BY_NAME[name].module}", __name__).COMMAND
    return found


class _HelpFormatter(argparse.HelpFormatter):
    """Help wrapped to the terminal's width, as text tables are (``COLUMNS`` when set;
    :func:`~cluster_excellence.cli._common.terminal_width`), less argparse's margin of
    two; the examples kept as written. Given the width, argparse does not load
    ``shutil`` (and the compression modules it loads) to find it, which every command
    would pay for at start-up: argparse makes a formatter for each option it adds."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=terminal_width() - 2)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:\n"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


class _ArgumentParser(argparse.ArgumentParser):
    """argparse whose messages go to their own stream or nowhere: a usage error to
    standard error only (argparse sends its usage to standard output when standard
    error is closed), help to standard output only, and a closed or broken stream
    is no error (Python 3.10's argparse fails on it). Subparsers are of this class too."""

    def _print_message(self, message: str, file: Any = None) -> None:
        if message and file is not None:
            with contextlib.suppress(AttributeError, OSError, ValueError):
                file.write(message)

    def print_help(self, file: Any = None) -> None:
        self._print_message(self.format_help(), file if file is not None else sys.stdout)

    def error(self, message: str) -> NoReturn:
        # argparse quotes arguments as they were given: escape and shorten them here.
        self._print_message(self.format_usage(), sys.stderr)
        self.exit(BAD_INPUT, f"{self.prog}: error: {shorten(printable(message), 300)}\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message, sys.stderr)
        raise SystemExit(status)


def _closest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the nearest of ``choices``, or nothing."""
    import difflib  # the standard library's: only a misspelling needs it

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _top_parser() -> argparse.ArgumentParser:
    """The parser of the program itself: its commands by their summaries, --version."""
    parser = _ArgumentParser(
        prog=PROG,
        description="Label status, validity and renewal for ECEI cluster excellence labels. "
        "Commands: " + ", ".join(entry.name for entry in COMMANDS) + ".",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for entry in COMMANDS:
        commands.add_parser(entry.name, help=entry.summary)
    return parser


def _command_parser(name: str) -> argparse.ArgumentParser:
    """The parser of one command: its options (the shared ones and its own), its help."""
    spec = command(name)
    parser = _ArgumentParser(
        prog=f"{PROG} {name}",
        description=spec.description,
        epilog="examples:\n" + "".join(f"  {example}\n" for example in spec.examples),
        formatter_class=_HelpFormatter,
    )
    for option in spec.options:
        option.add(parser)
    for option in TABLE_INPUT:  # every command reads a portfolio or a listing
        option.add(parser)
    parser.set_defaults(command=name, command_run=spec.run)
    return parser


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments, or :class:`SystemExit` after a message: an unknown command or
    option is named with the nearest known one, and with the command's usage. Only the
    named command's parser is built (and its module loaded)."""
    if not argv or argv[0] not in _BY_NAME:
        parser = _top_parser()
        words = [word for word in argv if not word.startswith("-")]
        if words and words[0] not in _BY_NAME:
            parser.error(
                f"no command {show(words[0])}{_closest(words[0], list(_BY_NAME))}; the "
                f"commands are {', '.join(_BY_NAME)}"
            )
        return parser.parse_args(argv)  # --help, --version, or a usage error
    parser = _command_parser(argv[0])
    args, extra = parser.parse_known_args(argv[1:])
    if extra:
        options = [flag for action in parser._actions for flag in action.option_strings]
        unknown = extra[0].split("=", 1)[0]
        hint = _closest(unknown, options) if unknown.startswith("-") else ""
        parser.error(f"unrecognized arguments: {' '.join(map(show, extra))}{hint}")
    return args


# -- running ---------------------------------------------------------------------------------


def _say(message: str) -> None:
    """One message on standard error; nothing when standard error is gone too.

    Messages escape the data they quote where they are made (paths, values).
    """
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(message + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _execute(argv: Sequence[str] | None) -> int:
    try:
        args = _parse(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as done:  # usage errors (2), --help and --version (0)
        return done.code if isinstance(done.code, int) else BAD_INPUT
    name = f"{PROG} {args.command}"
    try:
        return int(args.command_run(Run(args)))
    except (DocumentError, UsageError, OutputError) as error:
        _say(f"{name}: {error}")
        return BAD_INPUT
    except BrokenPipeError:
        _say(f"{name}: standard output was closed before everything was written")
        return BROKEN_PIPE
    except KeyboardInterrupt:
        _say(f"{name}: interrupted")
        return INTERRUPTED


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    A run builds many small objects that live until it ends, so Python's
    cyclic garbage collector is paused for it (walking them again and again
    would cost a third of a large run); it is left as it was found.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _execute(argv)
    except KeyboardInterrupt:
        _say(f"{PROG}: interrupted")
        return INTERRUPTED
    finally:
        if collecting:
            gc.enable()


def run() -> None:
    """The ``cluster-excellence`` program: :func:`main`, then exit with its status.

    After a broken pipe, standard output is pointed at the null device, so
    that the interpreter's last flush at exit cannot fail again.
    """
    status = main()
    if status == BROKEN_PIPE and sys.stdout is not None:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    sys.exit(status)
