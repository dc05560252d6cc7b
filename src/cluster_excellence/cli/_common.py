"""What every command shares: its options (each defined once), a run's inputs and outputs.

A command reads its input through :class:`Run` (one way to load a
portfolio, from a file, standard input or the shipped sample) and writes
through it (standard output, or ``--output`` written safely, in the
``--format`` asked for).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from .._checks import text_problem
from .._output import OutputError, suffix, write_file, write_stdout
from .._text import printable, show
from .._words import LANGUAGES, MONTHS
from ..errors import DocumentError, PortfolioError
from ..files._json import read_stdin
from ..files.portfolio import DEFAULT_MAX_BYTES, PORTFOLIO_FILES, read_portfolio
from ..files.presets import PROGRAMME_IDS, RULEBOOK_IDS, RULEBOOK_PRESETS, Presets
from ..model.clusters import Portfolio
from ..model.rulebooks import Anchor, ExtensionBase, Rulebook
from ..model.tiers import Tier
from ..renderers.formats import FORMATS

if TYPE_CHECKING:
    from ..model.catalogues import Catalogue
    from ..model.programmes import Programme

__all__ = [
    "ANCHOR",
    "BAD_INPUT",
    "DEFAULT_MAX_BYTES",
    "EXTENSION_BASE",
    "FINDINGS",
    "LANGUAGE",
    "OK",
    "ON",
    "OUTPUT",
    "PINNED",
    "PORTFOLIO",
    "RULEBOOK",
    "RULES",
    "TABLE_INPUT",
    "TABLE_SUFFIXES",
    "Command",
    "Option",
    "Run",
    "UsageError",
    "formats",
]

PROG = "cluster-excellence"
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")

#: Exit statuses.
OK, FINDINGS, BAD_INPUT, INTERRUPTED, BROKEN_PIPE = 0, 1, 2, 130, 141
#: The extensions of portfolio tables (anything else is read as JSON); the table reader
#: (``files.table.TABLE_SUFFIXES``, which a test holds equal) is loaded only for them.
TABLE_SUFFIXES = (".csv", ".xlsx", ".ods")


class UsageError(Exception):
    """Bad input that is reported in one message, with exit status 2."""


def files(name: str) -> Any:
    """The reader module ``files.<name>``, loaded when a run first needs it: a command
    loads only the readers its input asks for (a table's reader and its date parser,
    the catalogues, the samples), so that it starts quickly (docs: *Performance*)."""
    return importlib.import_module(f"..files.{name}", __package__)


# -- argument types ----------------------------------------------------------------------


def day(text: str) -> dt.date:
    """A day written ``YYYY-MM-DD``; a month or day that does not exist is named."""
    found = _DATE.fullmatch(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"{show(text)} is not a date in YYYY-MM-DD form")
    year, month, number = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        raise argparse.ArgumentTypeError(f"{show(text)}: there is no month {month}")
    try:
        return dt.date(year, month, number)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{show(text)}: {MONTHS[month - 1]} {year:04d} has no day {number}"
        ) from None


def months(text: str) -> int:
    """A whole number of months above 0."""
    # Up to nine digits: no horizon needs more, and int() refuses thousands of them.
    if text.isascii() and text.isdigit() and len(text) <= 9 and int(text) > 0:
        return int(text)
    raise argparse.ArgumentTypeError(f"{show(text)} is not a whole number of months above 0")


def days(text: str) -> int:
    """A whole number of days, 0 or more."""
    # Up to six digits: 999,999 days is beyond any label's term, and int() stays cheap.
    if text.isascii() and text.isdigit() and len(text) <= 6:
        return int(text)
    raise argparse.ArgumentTypeError(f"{show(text)} is not a whole number of days, 0 or more")


def single_line(text: str) -> str:
    """A text of one line, without control characters."""
    problem = text_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{show(text)} {problem}")
    return text


def words(*allowed: str) -> Callable[[str], str]:
    """An argument that is one of ``allowed``, written as people write it: without regard
    to case, spaces, hyphens and underscores (``Silver``, ``Exact day``); anything else
    is refused with the words there are and the nearest one (docs: *Command line*)."""
    spelling = files("_spelling")

    def read(text: str) -> str:
        found: str | None = spelling.canonical_word(text, allowed)
        if found is None:
            raise argparse.ArgumentTypeError(spelling.word_problem(text, allowed))
        return found

    return read


def chosen_from(*allowed: str) -> dict[str, Any]:
    """The settings of an option that takes one of ``allowed`` (see :func:`words`)."""
    return {"type": words(*allowed), "metavar": "{" + ",".join(allowed) + "}"}


#: A tier's name, as people write it (``Silver``, ``gold``).
tier = words(*(t.value for t in Tier))


# -- options, each defined once ------------------------------------------------------------


class Option:
    """A command-line option (or positional argument), defined once.

    Like :class:`Command`, the command line's own machinery rather than a value of the
    library: a plain class with slots, which costs nothing to create at start-up (an
    attrs class costs about a millisecond; docs: *Performance*)."""

    __slots__ = ("flags", "settings")

    def __init__(self, flags: tuple[str, ...], settings: Mapping[str, Any]) -> None:
        self.flags = flags
        self.settings = settings

    def __repr__(self) -> str:
        return f"Option({self.flags[0]!r})"

    def add(self, parser: argparse.ArgumentParser) -> None:
        """Add the option to ``parser``."""
        parser.add_argument(*self.flags, **self.settings)


class Command:
    """A command's help, its options, how it runs, and examples (its name and summary are
    in the command line's table of commands)."""

    __slots__ = ("description", "examples", "options", "run")

    def __init__(
        self,
        description: str,
        options: tuple[Option, ...],
        run: Callable[[Run], int],
        examples: tuple[str, ...],
    ) -> None:
        self.description = description
        self.options = options
        self.run = run
        self.examples = examples


def formats(*more: str, default: str = "table") -> Option:
    """``--format``: every format of a result (``table``, ``json``, ``csv``, ``xlsx``,
    ``md``, ``html``) and ``more``."""
    return Option(
        ("--format",),
        {
            **chosen_from(*FORMATS, *more),
            "default": default,
            "help": "the output format (default: %(default)s)",
        },
    )


PORTFOLIO = Option(
    ("portfolio",),
    {
        "nargs": "?",
        "metavar": "PORTFOLIO",
        "help": "a portfolio: a cluster-excellence.portfolio/1 JSON file, an .xlsx or .ods "
        "workbook, a .csv table with one row per assessment, a folder of CSV files, or - "
        "for JSON on standard input (default: a sample shipped with the package)",
    },
)
DATE_ORDER = Option(
    ("--date-order",),
    {
        **chosen_from("dmy", "mdy", "ymd"),
        "help": "how a table's written dates order day and month, e.g. dmy for 25.07.2019 "
        "(default: the order a column proves; YYYY-MM-DD and date cells need none)",
    },
)
SHEET = Option(
    ("--sheet",),
    {
        "metavar": "NAME",
        "help": "the sheet of assessments in a workbook, or the file in a folder of CSV "
        "files (default: the first sheet; the one file that is not another table)",
    },
)
DECIMAL = Option(
    ("--decimal",),
    {
        "choices": (".", ","),
        "metavar": "MARK",
        "help": "the decimal mark (. or ,) of a table's numbers written as text: , for 83,5 "
        "(default: a comma in a semicolon-separated CSV file, else a point)",
    },
)
#: What every command that reads a portfolio table takes.
TABLE_INPUT = (DATE_ORDER, DECIMAL, SHEET)
ON = Option(
    ("--on",), {"type": day, "metavar": "DATE", "help": "the day, YYYY-MM-DD (default: today)"}
)
RULEBOOK = Option(
    ("--rulebook",),
    {
        "default": "ecei-2019",
        "metavar": "ID|FILE",
        "help": f"the rulebook: a preset ({', '.join(RULEBOOK_IDS)}) or a rulebook file "
        "(default: %(default)s, with the editions before it)",
    },
)
PINNED = Option(
    ("--pinned",),
    {
        "action": "store_true",
        "help": "judge every assessment by the rulebook's latest edition, whatever its date "
        "(default: each by the edition in force on its date)",
    },
)
ANCHOR = Option(
    ("--anchor",),
    {
        **chosen_from(*(a.value for a in Anchor)),
        "help": "how validity is anchored (default: the rulebook's, month-end for ecei-2019)",
    },
)
EXTENSION_BASE = Option(
    ("--extension-base",),
    {
        **chosen_from(*(e.value for e in ExtensionBase)),
        "help": "what a renewal extends from (default: the rulebook's, previous-expiry for "
        "ecei-2019)",
    },
)
#: The rule options: every command that applies the label rules takes them.
RULES = (RULEBOOK, PINNED, ANCHOR, EXTENSION_BASE)
OUTPUT = Option(
    ("--output", "-o"),
    {
        "metavar": "FILE",
        "help": "write to FILE instead of standard output (all at once; never over an input)",
    },
)
GOLD_CATALOGUE = Option(
    ("--catalogue",),
    {"metavar": "FILE", "help": "the Gold catalogue (default: the shipped reference)"},
)
BENCHMARKING_CATALOGUE = Option(
    ("--catalogue",),
    {"metavar": "FILE", "help": "the benchmarking catalogue (default: the shipped reference)"},
)
TIER = Option(
    ("--tier",),
    {"type": tier, "required": True, "metavar": "TIER", "help": "bronze, silver or gold"},
)
#: ``--programme`` where several may be followed (repeated).
PROGRAMMES_FOLLOWED = Option(
    ("--programme",),
    {
        "action": "append",
        "metavar": "ID|FILE",
        "help": "a programme to follow (a preset: "
        f"{', '.join(PROGRAMME_IDS)}; or a programme file; repeat for more)",
    },
)
#: ``--language``: every command whose output people read takes it.
LANGUAGE = Option(
    ("--language",),
    {
        **chosen_from(*LANGUAGES),
        "default": "en",
        "help": "the language of what people read: tables, report, badge, calendar, "
        "pictures (en, da, nb, de; default: en, whatever the locale; machine words such "
        "as JSON keys and CSV headers never change)",
    },
)
TABLES = formats()


# -- one run of a command ------------------------------------------------------------------


def terminal_width() -> int:
    """The width of the terminal standard output goes to (``COLUMNS`` when set, as the
    standard library's ``shutil.get_terminal_size`` reads it), 80 into a file or a pipe;
    never below 40 (our decision: narrower, no table reads well)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(1).columns
        except (OSError, ValueError):
            columns = 80
    return max(columns, 40)


T = TypeVar("T")


class Run:
    """What a command needs: its arguments, its inputs, and where its output goes."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        #: The files read so far ("-" for standard input): output never goes onto them.
        self.inputs: list[str] = []

    @property
    def on(self) -> dt.date:
        """The day of ``--on``, or today."""
        found: dt.date | None = getattr(self.args, "on", None)
        return found if found is not None else dt.date.today()

    def stdin(self, max_bytes: int, error: type[DocumentError]) -> bytes:
        """Standard input, which one argument of a run may name (``-``)."""
        if "-" in self.inputs:
            raise UsageError("only one argument may read standard input (-)")
        self.inputs.append("-")
        return read_stdin(max_bytes, error)

    def _preset_or_file(self, option: str, name: str, presets: Presets[T]) -> T:
        """The preset ``name`` of ``presets``, or the document in the file ``name`` (``-``:
        standard input) read by the presets' format."""
        if name in presets:
            return presets.get(name)
        found = presets.files
        if name == "-":
            return found.parse(self.stdin(found.max_bytes, found.error), source="<stdin>")
        if suffix(name) or os.sep in name or os.path.exists(name):
            self.inputs.append(name)
            return found.read(name)
        known = ", ".join(presets.ids)
        raise UsageError(
            f"{option}: {show(name)} is neither a preset ({known}) nor a {found.what} file"
        )

    def rulebook(self) -> Rulebook:
        """The rulebook of ``--rulebook`` (a preset id or a file), ``--pinned``,
        ``--anchor`` and ``--extension-base``; the variant applies to every edition."""
        rulebook = self._preset_or_file("--rulebook", self.args.rulebook, RULEBOOK_PRESETS)
        if self.args.pinned:
            rulebook = rulebook.pinned()
        changes: dict[str, Any] = {}
        if self.args.anchor is not None:
            changes["anchor"] = Anchor(self.args.anchor)
        if self.args.extension_base is not None:
            changes["extension_base"] = ExtensionBase(self.args.extension_base)
        return rulebook.variant(**changes)

    def programme(self, name: str) -> Programme:
        """The programme ``name`` of ``--programme``: a preset id or a programme file."""
        # The programme presets are read when first asked for (docs: *Performance*).
        presets: Presets[Programme] = files("presets").PROGRAMME_PRESETS
        return self._preset_or_file("--programme", name, presets)

    def programmes(self) -> list[Programme]:
        """The programmes of a repeated ``--programme``, each once, in the order given."""
        return [self.programme(name) for name in dict.fromkeys(self.args.programme or ())]

    def catalogue(self, purpose: str) -> Catalogue:
        """The catalogue of ``--catalogue``, or the shipped one of ``purpose``."""
        samples = files("samples")
        path = getattr(self.args, "catalogue", None)
        if path is None:
            found: Catalogue = (
                samples.benchmarking_catalogue()
                if purpose == "benchmarking"
                else samples.gold_catalogue()
            )
            return found
        self.inputs.append(path)
        catalogue: Catalogue = files("catalogue").read_catalogue(path)
        if catalogue.purpose != purpose:
            shown = printable(path)
            raise UsageError(
                f"{shown}: a {catalogue.purpose} catalogue, but this needs a {purpose} one"
            )
        return catalogue

    def read(self, path: str, catalogues: Sequence[Catalogue] = ()) -> Portfolio:
        """The portfolio in the file ``path`` (JSON, or a .csv or .xlsx table by its
        extension), or JSON on standard input for ``-``."""
        if path == "-":
            data = self.stdin(DEFAULT_MAX_BYTES, PortfolioError)
            return PORTFOLIO_FILES.against(catalogues).parse(data, source="<stdin>")
        self.inputs.append(path)
        folder = os.path.isdir(path)
        if folder:
            with contextlib.suppress(OSError):
                self.inputs.extend(entry.path for entry in os.scandir(path))
        if folder or suffix(path).lower() in TABLE_SUFFIXES:
            found: Portfolio = files("table").read_portfolio_table(
                path,
                date_order=getattr(self.args, "date_order", None),
                decimal=getattr(self.args, "decimal", None),
                sheet=getattr(self.args, "sheet", None),
                catalogues=catalogues,
            )
            return found
        return read_portfolio(path, catalogues=catalogues)

    def portfolio(self, sample: str = "labels", catalogues: Sequence[Catalogue] = ()) -> Portfolio:
        """The portfolio named on the command line, or the shipped sample ``sample``."""
        path: str | None = self.args.portfolio
        if path is None:
            found: Portfolio = files("samples").sample_portfolio(sample)
            return found
        return self.read(path, catalogues)

    def emit(self, output: str | bytes) -> None:
        """Write the command's output to ``--output`` (safely) or to standard output."""
        data = output.encode("utf-8") if isinstance(output, str) else output
        path: str | None = getattr(self.args, "output", None)
        if path is None:
            write_stdout(data)
        else:
            write_file(path, data, protect=self.inputs)

    def render(self, result: Any) -> None:
        """Render ``result`` in the chosen ``--format`` and emit it (``xlsx`` only to a
        file: a workbook is no text for a terminal). A text table takes the terminal's
        width (80 characters into a file or a pipe)."""
        chosen = self.args.format
        to_file = getattr(self.args, "output", None) is not None
        if chosen == "xlsx" and not to_file:
            raise UsageError("--format xlsx needs --output FILE.xlsx")
        width = 80 if to_file else terminal_width()
        try:
            output = FORMATS[chosen](result, getattr(self.args, "language", None), width)
        except ImportError as error:
            raise UsageError(str(error)) from None
        except OutputError as error:  # what a workbook cannot hold: named with its file
            if not to_file:
                raise
            raise OutputError(f"{printable(self.args.output)}: {error}") from None
        self.emit(output)


def chosen(portfolio: Portfolio, name: str) -> Any:
    """The cluster of ``portfolio`` with the id ``name``, or a usage error that suggests the
    nearest id or lists the ids there are."""
    for cluster in portfolio:
        if cluster.id == name:
            return cluster
    import difflib  # the standard library's: only a miss needs it

    ids = [cluster.id for cluster in portfolio]
    close = difflib.get_close_matches(name, ids, n=3)
    if close:
        hint = "did you mean " + " or ".join(repr(printable(i)) for i in close) + "?"
    elif ids:
        shown = ", ".join(printable(i) for i in ids[:10])
        hint = f"the ids are {shown}" + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
    else:
        hint = "the portfolio has no cluster"
    raise UsageError(f"--cluster: no cluster with id {show(name)} ({hint})")
