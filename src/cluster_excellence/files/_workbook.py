"""Workbooks read as hostile input: XLSX and OpenDocument spreadsheets, by the standard library.

A workbook is a zip package of XML parts. This reader checks the package
before it parses anything, and parses each part it needs as a stream
(docs: *File formats*, "Workbooks are checked before they are read"):

- the package: at most :data:`DEFAULT_MAX_MEMBERS` members, no name twice,
  each member's and all members' uncompressed size within
  :data:`DEFAULT_MAX_UNPACKED` (the JSON file's cap), a compression ratio of at
  most :data:`DEFAULT_MAX_RATIO` for a member above 1 MiB, and every size
  counted again while the member is unpacked (a header may lie);
- the XML: UTF-8 (or another encoding whose ASCII characters are single
  bytes), no document type declaration and so no entity of its own (no
  "billion laughs"), well-formed;
- the sheet: every row as it comes, whatever the sheet's ``<dimension>``
  claims (writers leave it stale, spreadsheet programs ignore it); row
  numbers that are not numbers, that are missing or that repeat are refused by
  sheet and row; rows come in the order of their numbers; at most
  :data:`DEFAULT_MAX_CELLS` cells are held, counting the empty cells before the
  last value of each row (which a row holds too), and at most as many shared
  strings.

Every problem is a :class:`~cluster_excellence.PortfolioError` that names the
file and the sheet, row and column, or the part of the package. A cell
whose value cannot be read (a formula that computes, an error value, a
shared string past the table) is a :class:`Unreadable` value, reported by the
table reader when its column is read.

Values are read as a spreadsheet program shows them: numbers under a date
format are dates of the workbook's date system (1900, with Excel's phantom
1900-02-29 refused, or 1904), serial numbers outside Excel's calendar are
refused; a formula whose text is a constant (``=TRUE()``, ``=84``, ``="x"``,
which LibreOffice writes for every yes/no cell) is that constant.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import posixpath
import pyexpat
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from .._text import printable, show
from ..errors import PortfolioError, Problem

__all__ = [
    "DEFAULT_MAX_CELLS",
    "DEFAULT_MAX_MEMBERS",
    "DEFAULT_MAX_RATIO",
    "DEFAULT_MAX_UNPACKED",
    "Limits",
    "Row",
    "Unreadable",
    "Workbook",
    "open_workbook",
]

#: The most members a workbook's package may have (our decision: a workbook written by
#: a spreadsheet program has a few dozen; a package of thousands is no portfolio).
DEFAULT_MAX_MEMBERS = 10_000
#: The most bytes a workbook may unpack to, each member and all together (our decision:
#: the cap of a JSON portfolio file, ``DEFAULT_MAX_BYTES``).
DEFAULT_MAX_UNPACKED = 256 * 1024 * 1024
#: The highest compression ratio of a member above 1 MiB (our decision: sheets of
#: portfolios compress 5 to 30 times; zip bombs a thousand times and more).
DEFAULT_MAX_RATIO = 200
#: The most cells a workbook may hold, counting the empty ones before each row's last
#: value, and the most shared strings (our decision: some 80,000 assessments of 12
#: columns, sixty times the whole labelled population's; reading a cell into a
#: portfolio costs about 450 bytes, so a workbook at the limit, read or refused, peaks
#: near 500 MiB; docs: *Performance*), in all its sheets together.
DEFAULT_MAX_CELLS = 1_000_000
#: Members this small are not held to the ratio (a small part may compress well).
_RATIO_FLOOR = 1024 * 1024
#: Excel's limits (https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
_CHUNK = 1024 * 1024


class Limits:
    """What a workbook may hold before it is refused: its unpacked size (each member and
    all together), the compression ratio of a member above 1 MiB, its members, its cells
    in all its sheets (counting the empty ones before each row's last value) and as many
    shared strings (each default our decision, docs: *Portfolio workbooks*)."""

    __slots__ = ("max_cells", "max_members", "max_ratio", "max_unpacked")
    __module__ = "cluster_excellence.files.table"  # documented with the reader that takes it

    def __init__(
        self,
        max_unpacked: int = DEFAULT_MAX_UNPACKED,
        max_ratio: float = DEFAULT_MAX_RATIO,
        max_members: int = DEFAULT_MAX_MEMBERS,
        max_cells: int = DEFAULT_MAX_CELLS,
    ) -> None:
        self.max_unpacked = max_unpacked
        self.max_ratio = max_ratio
        self.max_members = max_members
        self.max_cells = max_cells


class Unreadable:
    """A cell that holds no value to read (a formula, an error value, a broken
    reference), and why."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __repr__(self) -> str:
        return f"Unreadable({self.message!r})"


class _Refused(Exception):
    """A problem of the package: where in it, and what."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


#: A row of a sheet: its number, its values by column position (None: empty) and each
#: value's number format ("" for none).
Row = tuple[int, list[Any], list[str]]


# -- the package -----------------------------------------------------------------------------


class _Package:
    """The members of a zip package, checked before any is unpacked."""

    def __init__(self, data: bytes, limits: Limits, kind: str) -> None:
        self.limits = limits
        #: The cells the workbook's sheets hold so far, against ``limits.max_cells``.
        self.cells = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise _Refused("", f"is not {kind} (not a zip package)") from None
        if len(infos) > limits.max_members:
            raise _Refused(
                "", f"has {len(infos)} members in its package; a workbook may have "
                f"{limits.max_members}"
            )  # fmt: skip
        self.members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = info.filename
            if name in self.members:
                raise _Refused(f"part {printable(name)}", "appears twice in the package")
            self.members[name] = info
            total += info.file_size
            self._check_size(name, info.file_size, info.compress_size)
        if total > limits.max_unpacked:
            raise _Refused(
                "", f"unpacks to {total:,} bytes, more than the {limits.max_unpacked:,} a "
                "workbook may hold (max_unpacked=)"
            )  # fmt: skip
        self.unpacked = 0

    def _check_size(self, name: str, size: int, packed: int) -> None:
        if size > self.limits.max_unpacked:
            raise _Refused(
                f"part {printable(name)}",
                f"unpacks to {size:,} bytes, more than the {self.limits.max_unpacked:,} a "
                "workbook may hold (max_unpacked=)",
            )
        if size > _RATIO_FLOOR and size > self.limits.max_ratio * max(packed, 1):
            raise _Refused(
                f"part {printable(name)}",
                f"is compressed {size / max(packed, 1):,.0f} times, more than the "
                f"{self.limits.max_ratio:g} a workbook's part may be (max_ratio=): a zip bomb?",
            )

    def has(self, name: str) -> bool:
        return name in self.members

    def chunks(self, name: str) -> Iterator[bytes]:
        """The unpacked bytes of the member ``name``, in chunks, each byte counted."""
        info = self.members[name]
        where = f"part {printable(name)}"
        if info.flag_bits & 0x1:
            raise _Refused(where, "cannot be unpacked (it is encrypted)")
        try:
            # zipfile stops a member at the size its header says (and its checksum then
            # fails): what it unpacks is counted against the whole workbook's limit.
            with self.zip.open(info) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    self.unpacked += len(chunk)
                    if self.unpacked > self.limits.max_unpacked:
                        raise _Refused(
                            "", f"unpacks to more than the {self.limits.max_unpacked:,} bytes "
                            "a workbook may hold (max_unpacked=)"
                        )  # fmt: skip
                    yield chunk
        except _Refused:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
            raise _Refused(where, f"cannot be unpacked ({_reason(error)})") from None
        except (RuntimeError, NotImplementedError) as error:  # an unknown method, a flag
            raise _Refused(where, f"cannot be unpacked ({_reason(error)})") from None

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return printable(text[:120]) if text else type(error).__name__


# -- XML ----------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _elements(
    package: _Package, name: str, events: tuple[str, ...] = ("end",)
) -> Iterator[tuple[str, Element]]:
    """The parse events of the part ``name`` as it is unpacked; a document type
    declaration (and so any entity of its own) is refused."""
    where = f"part {printable(name)}"
    parser: XMLPullParser[Element] = XMLPullParser(events)  # type: ignore[arg-type]
    tail = b""
    first = True
    try:
        for chunk in package.chunks(name):
            if first:
                _check_encoding(chunk, where)
                first = False
            window = tail + chunk
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise _Refused(
                    where,
                    "declares a document type or entities, which a workbook "
                    "never needs (refused: entities can expand without end)",
                )
            tail = window[-9:]
            parser.feed(chunk)
            yield from parser.read_events()  # type: ignore[misc]
        parser.close()
        yield from parser.read_events()  # type: ignore[misc]
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise _Refused(
            where, f"is not well-formed XML (line {line}, column {column + 1}: "
            f"{_reason(error).split(':')[0]})"
        ) from None  # fmt: skip


def _check_encoding(start: bytes, where: str) -> None:
    """Refuse an encoding in which ``<!DOCTYPE`` would not be the same bytes (UTF-16, UTF-32)."""
    head = start[:4]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head:
        raise _Refused(where, "is not UTF-8 XML (a workbook's parts are UTF-8)")


def _full_tree(package: _Package, name: str) -> Element:
    root: Element | None = None
    for event, element in _elements(package, name, ("start", "end")):
        if root is None and event == "start":
            root = element
    assert root is not None  # a part without an element is not well-formed: ParseError
    return root


# -- the workbook ------------------------------------------------------------------------------


class Workbook:
    """The sheets of a workbook, each read on demand; ``kind`` is ``"XLSX"`` or ``"ODS"``."""

    def __init__(
        self,
        kind: str,
        names: list[str],
        read: Callable[[str], Iterator[Row]],
    ) -> None:
        self.kind = kind
        #: The sheets' names, in the workbook's order.
        self.sheets = names
        self._read = read

    def rows(self, sheet: str) -> Iterator[Row]:
        """The rows of ``sheet`` that hold a value, in the order of their numbers."""
        return self._read(sheet)


def open_workbook(data: bytes, source: str, kind: str, limits: Limits | None = None) -> Workbook:
    """The workbook in ``data`` (``kind``: ``"xlsx"`` or ``"ods"``); the package and its
    small parts are checked and read here, each sheet when its rows are asked for. Every
    problem, also one met while rows are read, is a
    :class:`~cluster_excellence.PortfolioError` of ``source``."""
    limits = limits or Limits()
    with _errors(source, ""):
        what = "an OpenDocument spreadsheet" if kind == "ods" else "an XLSX workbook"
        package = _Package(data, limits, what)
        if kind == "ods":
            return _ods(package, source)
        return _xlsx(package, source)


class _errors:
    """Turn a :class:`_Refused` into the :class:`~cluster_excellence.PortfolioError` of
    ``source`` (``prefix``: the sheet it was met in)."""

    def __init__(self, source: str, prefix: str) -> None:
        self.source = source
        self.prefix = prefix

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        if isinstance(error, _Refused):
            where = ", ".join(part for part in (self.prefix, error.where) if part)
            raise PortfolioError(self.source, [Problem(where, error.message)]) from None
        if isinstance(error, MemoryError):
            raise PortfolioError(
                self.source, [Problem(self.prefix, "needs more memory than there is to read")]
            ) from None


def _guarded_rows(source: str, sheet: str, rows: Iterator[Row]) -> Iterator[Row]:
    prefix = f"sheet {printable(sheet)}"
    while True:
        with _errors(source, prefix):
            try:
                row = next(rows)
            except StopIteration:
                return
        yield row


# -- XLSX ----------------------------------------------------------------------------------------

_OFFICE_DOCUMENT = "/officeDocument"
#: The built-in number formats (ECMA-376 Part 1, 18.8.30 numFmt): the dates and times, and
#: the percentages; the rest are plain numbers (``0.00`` marks a float).
_BUILTIN_FORMATS = {
    2: "0.00", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
    **dict.fromkeys((27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58), "yyyy-mm-dd"),
    **dict.fromkeys((32, 33, 34, 35, 55, 56), "h:mm:ss"),
}  # fmt: skip
_QUOTED = re.compile(r'"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]')
_DATE_PARTS = re.compile(r"[dmyhs]", re.IGNORECASE)
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")
_ROW_NUMBER = re.compile(r"[0-9]{1,7}")


def is_date_format(code: str) -> bool:
    """Whether a number format shows a date or a time: a day, month, year, hour or
    second part outside quotes, escapes and ``[...]`` sections (ECMA-376 Part 1,
    18.8.31 numFmts)."""
    return bool(_DATE_PARTS.search(_QUOTED.sub("", code)))


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _target(base: str, target: str) -> str:
    """A relationship's target as a member name (None-like "" when outside the package)."""
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
    path = posixpath.normpath(path)
    return "" if path.startswith(("../", "/")) or path == ".." else path


def _relationships(package: _Package, part: str) -> dict[str, tuple[str, str, str]]:
    """The relationships of ``part``: id -> (type, target member, mode)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if not package.has(rels):
        return {}
    found: dict[str, tuple[str, str, str]] = {}
    for item in _full_tree(package, rels):
        if _local(item.tag) != "Relationship":
            continue
        mode = item.get("TargetMode", "Internal")
        target = item.get("Target", "")
        member = _target(folder, target) if mode != "External" else ""
        found[item.get("Id", "")] = (item.get("Type", ""), member, target)
    return found


def _xlsx(package: _Package, source: str) -> Workbook:
    workbook = "xl/workbook.xml"
    for kind, member, _ in _relationships(package, "").values():
        if kind.endswith(_OFFICE_DOCUMENT) and member:
            workbook = member
    if not package.has(workbook):
        raise _Refused("", "is not an XLSX workbook (it has no workbook part)")
    root = _full_tree(package, workbook)
    date1904 = False
    sheets: list[tuple[str, str]] = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "workbookPr":
            date1904 = element.get("date1904", "0").lower() in ("1", "true")
        elif tag == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            sheets.append((element.get("name", ""), rid))
    if not sheets:
        raise _Refused("", "has no sheet")
    rels = _relationships(package, workbook)
    shared: list[str] = []
    formats: list[str] = []
    for kind, member, _ in rels.values():
        if kind.endswith("/sharedStrings") and package.has(member):
            shared = _shared_strings(package, member)
        elif kind.endswith("/styles") and package.has(member):
            formats = _styles(package, member)
    parts: dict[str, str] = {}
    for name, rid in sheets:
        _, member, target = rels.get(rid, ("", "", ""))
        where = f"sheet {printable(name)}"
        if not member:
            shown = show(target) if target else "nothing"
            raise _Refused(where, f"points to {shown}, outside the package")
        if not package.has(member):
            raise _Refused(where, f"points to the part {show(member)}, which is not in it")
        parts[name] = member
    epoch = _Dates(date1904)

    def read(sheet: str) -> Iterator[Row]:
        rows = _sheet_rows(package, parts[sheet], shared, formats, epoch)
        return _guarded_rows(source, sheet, rows)

    return Workbook("XLSX", [name for name, _ in sheets], read)


def _text_of(element: Element) -> str:
    """The text of a string item: its ``t`` elements, without phonetic runs (``rPh``)."""
    parts: list[str] = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _too_many(limits: Limits) -> str:
    return (
        f"holds more than {limits.max_cells:,} cells, counting the empty ones before each "
        "row's last value (max_cells=)"
    )


def _shared_strings(package: _Package, name: str) -> list[str]:
    strings: list[str] = []
    parent: Element | None = None
    for event, element in _elements(package, name, ("start", "end")):
        if event == "start":
            if parent is None:
                parent = element
            continue
        if _local(element.tag) == "si":
            strings.append(_text_of(element))
            if len(strings) > package.limits.max_cells:
                raise _Refused(
                    f"part {printable(name)}",
                    f"holds more than {package.limits.max_cells:,} shared strings (max_cells=)",
                )
            assert parent is not None  # the part's root starts before any item in it ends
            parent.clear()
    return strings


def _styles(package: _Package, name: str) -> list[str]:
    """Each cell style's number format code, by the style's index."""
    root = _full_tree(package, name)
    custom: dict[int, str] = {}
    codes: list[str] = []
    for element in root:
        tag = _local(element.tag)
        if tag == "numFmts":
            for item in element:
                number = item.get("numFmtId", "")
                if number.isdigit():
                    custom[int(number)] = item.get("formatCode", "")
        elif tag == "cellXfs":
            for item in element:
                number = item.get("numFmtId", "0")
                index = int(number) if number.isdigit() else 0
                codes.append(custom.get(index, _BUILTIN_FORMATS.get(index, "")))
    return codes


class _Dates:
    """Serial numbers as days and date-times, in a workbook's date system: 1900 (Excel's,
    with its phantom 1900-02-29, serial 60, refused) or 1904
    (https://learn.microsoft.com/en-us/office/troubleshoot/excel/1900-and-1904-date-system)."""

    def __init__(self, date1904: bool) -> None:
        self.date1904 = date1904
        self.epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
        #: The last serial of Excel's calendar: 9999-12-31 (a fraction of it still counts).
        self.last = 2957003 if date1904 else 2958465

    def moment(self, serial: float) -> dt.datetime | Unreadable:
        system = "1904" if self.date1904 else "1900"
        if not math.isfinite(serial) or serial < (0 if self.date1904 else 1):
            return Unreadable(
                f"holds {serial:g} under a date format, which is no day of the {system} date "
                "system (a spreadsheet shows #####)"
            )
        if serial >= self.last + 1:
            return Unreadable(
                f"holds {serial:g} under a date format, after 9999-12-31, the end of the "
                "spreadsheet calendar"
            )
        if not self.date1904:
            if 60 <= serial < 61:
                return Unreadable(
                    "holds 60 under a date format: 1900-02-29, a day that never was (a "
                    "mistake kept in Excel's 1900 date system); write the date as text"
                )
            if serial < 60:
                serial += 1  # before the phantom day, serials count from 1899-12-31
        days = math.floor(serial)
        # Spreadsheets keep times to the millisecond.
        milli = round((serial - days) * 86_400_000)
        return self.epoch + dt.timedelta(days=days, milliseconds=milli)


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_INTEGER = re.compile(r"[+-]?[0-9]{1,400}")
_STRING_LITERAL = re.compile(r'"((?:[^"]|"")*)"')


def _number(text: str, floating: bool) -> float | int | None:
    """The number written ``text`` (None when it is none): a whole number stays an int
    unless the cell's format marks it a float (``0.0``)."""
    text = text.strip()
    if _INTEGER.fullmatch(text) and not floating:
        return int(text)
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def constant(formula: str) -> tuple[bool, Any]:
    """Whether a formula's text is a constant, and its value: ``TRUE()``, ``FALSE()``,
    ``TRUE``, ``FALSE``, a number or a string literal (what spreadsheet programs
    compute of it, whatever the cell caches; our decision, docs: *Portfolio tables*).

    >>> from cluster_excellence.files._workbook import constant
    >>> constant("TRUE()"), constant("of:=84.5"), constant('"a""b"'), constant("TODAY()")
    ((True, True), (True, 84.5), (True, 'a"b'), (False, None))
    """
    text = formula.strip()
    if text.startswith("of:"):
        text = text[3:]
    text = text.removeprefix("=").strip()
    word = text.upper()
    if word in ("TRUE()", "TRUE"):
        return True, True
    if word in ("FALSE()", "FALSE"):
        return True, False
    literal = _STRING_LITERAL.fullmatch(text)
    if literal is not None:
        return True, literal.group(1).replace('""', '"')
    number = _number(text, False)
    if number is not None:
        return True, number
    return False, None


def _formula_value(formula: str, code: str, epoch: _Dates) -> Any:
    is_constant, value = constant(formula)
    if not is_constant:
        return Unreadable(
            f"holds the formula {show('=' + formula.strip().removeprefix('='))}; the reader "
            "takes values only (copy the column and paste it as values)"
        )
    if type(value) in (int, float) and code and is_date_format(code):
        return epoch.moment(value)
    return value


class _SheetParser:
    """A worksheet part read by expat's callbacks, row by row, without building a tree (the
    cost of a sheet is its cells; a document type is refused as it starts)."""

    def __init__(
        self, package: _Package, shared: list[str], formats: list[str], epoch: _Dates
    ) -> None:
        self.package = package
        self.limits = package.limits
        self.shared = shared
        self.formats = formats
        self.epoch = epoch
        self.date_codes: dict[str, bool] = {}
        self.rows: list[Row] = []
        self.numbers: set[int] = set()
        self.ordered = True
        self.last = 0
        self.number = 0
        self.values: list[Any] = []
        self.codes: list[str] = []
        self.position = 0
        self.in_row = False
        self.cell: dict[str, str] | None = None
        self.raw: str | None = None
        self.formula: str | None = None
        self.formula_kind: str | None = None
        self.inline: list[str] | None = None
        self.phonetic = 0
        self.buffer: list[str] | None = None
        self.names: dict[str, str] = {}

    def local(self, name: str) -> str:
        found = self.names.get(name)
        if found is None:
            found = self.names[name] = name.rpartition("}")[2]
        return found

    def text(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = self.local(name)
        if tag == "c":
            if self.in_row:
                self.cell = attrs
                self.raw = self.formula = self.formula_kind = self.inline = None
        elif tag == "v" or (tag == "t" and self.inline is not None and not self.phonetic):
            self.buffer = []
        elif tag == "f":
            self.formula_kind = attrs.get("t", "normal")
            self.buffer = []
        elif tag == "is":
            self.inline = []
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "row":
            self.begin_row(attrs.get("r"))

    def end(self, name: str) -> None:
        tag = self.local(name)
        if tag == "v" and self.buffer is not None:
            self.raw = "".join(self.buffer)
            self.buffer = None
        elif tag == "f" and self.buffer is not None:
            self.formula = "".join(self.buffer)
            self.buffer = None
        elif tag == "t" and self.buffer is not None and self.inline is not None:
            self.inline.append("".join(self.buffer))
            self.buffer = None
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "c" and self.cell is not None:
            self.end_cell(self.cell)
            self.cell = None
        elif tag == "row" and self.in_row:
            self.in_row = False
            if self.values:
                self.rows.append((self.number, self.values, self.codes))

    def begin_row(self, mark: str | None) -> None:
        where = f"the row after row {self.last}" if self.last else "the first row"
        if mark is None:
            raise _Refused(where, "has no row number (r=)")
        if not _ROW_NUMBER.fullmatch(mark) or not 1 <= int(mark) <= MAX_ROW:
            raise _Refused(
                where,
                f"has the row number {show(mark)}, which is not a number from 1 to {MAX_ROW:,}",
            )
        number = int(mark)
        if number in self.numbers:
            raise _Refused(f"row {number}", "appears twice in the sheet")
        self.numbers.add(number)
        if number < self.last:
            self.ordered = False
        self.last = self.number = number
        self.values, self.codes = [], []
        self.position = 0
        self.in_row = True

    def end_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        number = self.number
        if ref is None:
            self.position += 1
        else:
            found = _CELL_REF.fullmatch(ref)
            if found is None or int(found.group(2)) != number:
                raise _Refused(f"row {number}", f"holds a cell {show(ref)} that is not in row "
                               f"{number}")  # fmt: skip
            column = _column_index(found.group(1))
            if column > MAX_COLUMN or column <= self.position:
                raise _Refused(
                    f"row {number}", f"holds the cell {show(ref)} out of place (past the last "
                    "column, or after a cell to its right)"
                )  # fmt: skip
            self.position = column
        value, code = self.value(attrs)
        if value is None:
            return
        missing = self.position - 1 - len(self.values)
        self.package.cells += missing + 1  # the empty cells before it are held too
        if self.package.cells > self.limits.max_cells:
            raise _Refused("", _too_many(self.limits))
        if missing:
            self.values.extend([None] * missing)
            self.codes.extend([""] * missing)
        self.values.append(value)
        self.codes.append(code)

    def value(self, attrs: dict[str, str]) -> tuple[Any, str]:
        """A cell's value (None when empty) and its number format code."""
        kind = attrs.get("t", "n")
        style = attrs.get("s")
        code = ""
        if style is not None:
            formats = self.formats
            index = int(style) if style.isdigit() else -1
            if not 0 <= index < max(len(formats), 1):
                message = f"has the style {show(style)}, which the workbook does not define"
                return Unreadable(message), ""
            code = formats[index] if formats else ""
        raw = self.raw
        if self.formula_kind is not None:
            text = self.formula or ""
            if self.formula_kind != "normal" or not text.strip():
                return Unreadable(
                    "holds a formula (shared or array); the reader takes values only (copy the "
                    "column and paste it as values)"
                ), code
            return _formula_value(text, code, self.epoch), code
        if kind == "inlineStr":
            return ("".join(self.inline) if self.inline is not None else None), code
        if raw is None:
            return None, code
        if kind == "s":
            index = int(raw) if raw.strip().isdigit() else -1
            if not 0 <= index < len(self.shared):
                return Unreadable(
                    f"refers to the shared string {show(raw)}, which the workbook does not "
                    f"hold (it holds {len(self.shared)})"
                ), code
            return self.shared[index], code
        if kind == "str":
            return raw, code
        if kind == "b":
            if raw.strip() in ("0", "1"):
                return raw.strip() == "1", code
            return Unreadable(f"is a true/false cell holding {show(raw)}"), code
        if kind == "e":
            return Unreadable(f"holds the spreadsheet error {show(raw)}"), code
        if kind == "d":
            return _iso_moment(raw), code
        if kind != "n":
            return Unreadable(f"has the unknown cell type {show(kind)}"), code
        number = _number(raw, "." in code and "%" not in code)
        if number is None:
            return Unreadable(f"is a number cell holding {show(raw)}, which is no finite "
                              "number"), code  # fmt: skip
        if code:
            is_date = self.date_codes.get(code)
            if is_date is None:
                is_date = self.date_codes[code] = is_date_format(code)
            if is_date:
                return self.epoch.moment(number), code
        return number, code


def _refuse_declarations(*_: Any) -> None:
    raise _Refused("", _DECLARES)


_DECLARES = (
    "declares a document type or entities, which a workbook never needs (refused: entities "
    "can expand without end)"
)


def _sheet_rows(
    package: _Package,
    name: str,
    shared: list[str],
    formats: list[str],
    epoch: _Dates,
) -> Iterator[Row]:
    """The rows of a worksheet part, in the order of their numbers."""
    sheet = _SheetParser(package, shared, formats, epoch)
    _parse(package, name, sheet.start, sheet.end, sheet.text)
    rows = sheet.rows
    if not sheet.ordered:
        rows.sort(key=lambda row: row[0])
    yield from rows


def _parse(
    package: _Package,
    name: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None],
) -> None:
    """Parse the part ``name`` as it is unpacked, with expat's handlers ``start``, ``end``
    and ``text`` (names as ``namespace}local``); a document type declaration (and so any
    entity of its own) is refused."""
    where = f"part {printable(name)}"
    parser = pyexpat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    first = True
    try:
        for chunk in package.chunks(name):
            if first:
                _check_encoding(chunk, where)
                first = False
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except pyexpat.ExpatError as error:
        reason = pyexpat.ErrorString(error.code) or "malformed"
        raise _Refused(
            where, f"is not well-formed XML (line {error.lineno}, column {error.offset + 1}: "
            f"{reason})"
        ) from None  # fmt: skip
    except _Refused as refused:
        if refused.message is _DECLARES:
            raise _Refused(where, _DECLARES) from None
        raise


def _iso_moment(text: str) -> dt.datetime | Unreadable:
    """An ISO 8601 date cell (``t="d"``)."""
    try:
        moment = dt.datetime.fromisoformat(text.strip().removesuffix("Z"))
    except ValueError:
        return Unreadable(f"is a date cell holding {show(text)}, which is no ISO 8601 date")
    return moment.replace(tzinfo=None) if moment.utcoffset() == dt.timedelta(0) else moment


# -- OpenDocument ------------------------------------------------------------------------------

_ODS_TYPE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#: The namespaces of OpenDocument's tables, office values and texts, as expat joins them.
_T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = _ODS_TYPE + "}"
_X = "urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _ods(package: _Package, source: str) -> Workbook:
    """An OpenDocument spreadsheet (OASIS OpenDocument 1.3, part 3, 9.1 Tables): every
    table of content.xml is a sheet."""
    if not package.has("content.xml"):
        raise _Refused("", "is not an OpenDocument spreadsheet (it has no content.xml)")
    if package.has("mimetype"):
        mimetype = package.read("mimetype").strip()
        if mimetype != b"application/vnd.oasis.opendocument.spreadsheet":
            kind = show(mimetype.decode("utf-8", "replace"))
            raise _Refused("", f"is not an OpenDocument spreadsheet but {kind}")
    reader = _OdsParser(package.limits)
    _parse(package, "content.xml", reader.start, reader.end, reader.text)
    tables = reader.tables
    if not tables:
        raise _Refused("", "has no sheet")
    names = [name for name, _ in tables]

    def read(sheet: str) -> Iterator[Row]:
        found = tables[names.index(sheet)][1]
        if isinstance(found, _Refused):
            with _errors(source, f"sheet {printable(sheet)}"):
                raise found
        return iter(found)

    return Workbook("ODS", names, read)


def _repeat(attrs: Mapping[str, str], attribute: str, where: str) -> int:
    text = attrs.get(_T + attribute, "1")
    if not (text.isdigit() and len(text) <= 10 and int(text) >= 1):
        raise _Refused(where, f"repeats {show(text)} times, which is no count")
    return int(text)


def _ods_cell(attrs: Mapping[str, str], lines: list[str]) -> tuple[Any, str]:
    """The value of a cell of the attributes ``attrs`` and the paragraphs ``lines``, and its
    number format (``0%`` for a percentage)."""
    kind = attrs.get(_O + "value-type")
    formula = attrs.get(_T + "formula")
    if formula is not None:
        is_constant, value = constant(formula)
        if not is_constant:
            return Unreadable(
                f"holds the formula {show(formula.removeprefix('of:'))}; the reader takes "
                "values only (copy the column and paste it as values)"
            ), ""
        if kind == "date" and type(value) in (int, float):
            return _iso_moment(attrs.get(_O + "date-value", "")), ""
        return value, "0%" if kind == "percentage" else ""
    if kind is None:
        return None, ""
    if kind in ("float", "percentage", "currency"):
        raw = attrs.get(_O + "value", "")
        number = _number(raw, False)
        if number is None:
            return Unreadable(f"is a number cell holding {show(raw)}, which is no finite "
                              "number"), ""  # fmt: skip
        return number, "0%" if kind == "percentage" else ""
    if kind == "boolean":
        raw = attrs.get(_O + "boolean-value", "")
        if raw not in ("true", "false"):
            return Unreadable(f"is a true/false cell holding {show(raw)}"), ""
        return raw == "true", ""
    if kind == "date":
        return _iso_moment(attrs.get(_O + "date-value", "")), ""
    if kind == "string":
        value = attrs.get(_O + "string-value")
        return (value if value is not None else "\n".join(lines)), ""
    if kind == "time":
        return Unreadable(f"holds the time {show(attrs.get(_O + 'time-value', ''))}"), ""
    return Unreadable(f"has the unknown value type {show(kind)}"), ""


class _TooMany(_Refused):
    """More cells than the limits allow: the whole workbook is refused at once."""


class _OdsParser:
    """expat's handlers for content.xml: every table in one pass, its name and its rows, or
    the problem met in it (raised only when the sheet is read: a sheet the reader does not
    use may hold anything). The cells of all tables count against the limit.

    A cell's text is its paragraphs (``text:p``, ``text:h``) on lines, with spaces
    (``text:s``), tabs and line breaks as they are, and without its annotations and the
    tables in it (OpenDocument 1.3 part 3, 6.1 Text; 9.1.4 a cell may hold a table)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.tables: list[tuple[str, list[Row] | _Refused]] = []
        self.cells = 0
        self.depth = 0
        #: The rows of the table being read (None: outside a table), or its problem.
        self.rows: list[Row] | _Refused | None = None
        self.number = 0
        self.in_row = False
        self.repeat = 1
        self.values: list[Any] = []
        self.codes: list[str] = []
        #: The cells of the row counted against the limit so far.
        self.counted = 0
        #: The cell being read: its attributes and depth, its lines, the line being read,
        #: and how deep in annotations the text is.
        self.cell: dict[str, str] | None = None
        self.cell_depth = 0
        self.lines: list[str] = []
        self.line: list[str] | None = None
        self.notes = 0
        #: How deep in tables inside the sheet's table (a cell may hold one) the parser is.
        self.nested = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if name == _T + "table":
            if self.rows is not None:  # a table in the sheet's (in a cell): not its rows
                self.nested += 1
                return
            self.rows, self.number = [], 0
            self.tables.append((attrs.get(_T + "name", f"Sheet{len(self.tables) + 1}"),
                                self.rows))  # fmt: skip
        elif self.nested or not isinstance(self.rows, list):
            return
        elif self.cell is not None:
            self.cell_start(name, attrs)
        elif name == _T + "table-row":
            self.guarded(self.begin_row, attrs)
        elif self.in_row and name in (_T + "table-cell", _T + "covered-table-cell"):
            self.cell, self.cell_depth, self.lines = attrs, self.depth, []

    def cell_start(self, name: str, attrs: dict[str, str]) -> None:
        if name == _O + "annotation":
            self.notes += 1
        elif self.notes:
            return
        elif self.depth == self.cell_depth + 1 and name in (_X + "p", _X + "h"):
            self.line = []
        elif self.line is None:
            return
        elif name == _X + "s":
            count = attrs.get(_X + "c", "1")
            self.line.append(" " * (int(count) if count.isdigit() and len(count) < 6 else 1))
        elif name == _X + "tab":
            self.line.append("\t")
        elif name == _X + "line-break":
            self.line.append("\n")

    def text(self, data: str) -> None:
        if self.line is not None and not self.notes and not self.nested:
            self.line.append(data)

    def end(self, name: str) -> None:
        depth = self.depth
        self.depth -= 1
        if name == _T + "table":
            if self.nested:
                self.nested -= 1
                return
            assert self.rows is not None  # the sheet's table ends: it started
            self.tables[-1] = (self.tables[-1][0], self.rows)
            self.rows = None
        elif self.nested or not isinstance(self.rows, list):
            return
        elif self.cell is not None:
            if name == _O + "annotation":
                self.notes -= 1
            elif depth == self.cell_depth + 1 and self.line is not None and not self.notes:
                self.lines.append("".join(self.line))
                self.line = None
            elif depth == self.cell_depth:
                cell, self.cell = self.cell, None
                self.guarded(self.end_cell, cell)
        elif name == _T + "table-row" and self.in_row:
            self.guarded(self.end_row, None)

    def guarded(self, step: Callable[[Any], None], argument: Any) -> None:
        """Take ``step``; a problem it meets is the table's (too many cells: the workbook's)."""
        try:
            step(argument)
        except _TooMany:
            raise
        except _Refused as refused:
            self.rows = refused
            self.in_row = False

    def begin_row(self, attrs: dict[str, str]) -> None:
        self.repeat = _repeat(attrs, "number-rows-repeated", f"row {self.number + 1}")
        self.values, self.codes = [], []
        self.counted = 0
        self.in_row = True

    def end_cell(self, attrs: dict[str, str]) -> None:
        where = f"row {self.number + 1}"
        times = _repeat(attrs, "number-columns-repeated", where)
        value, code = _ods_cell(attrs, self.lines)
        values = self.values
        if value is None:
            if len(values) < MAX_COLUMN:
                gap = min(times, MAX_COLUMN - len(values))
                values.extend([None] * gap)
                self.codes.extend([""] * gap)
            return
        if len(values) + times > MAX_COLUMN:
            raise _Refused(where, f"has more than {MAX_COLUMN:,} columns")
        # the empty cells before it are held too, once for each repetition of the row
        self.cells += (len(values) + times - self.counted) * self.repeat
        self.counted = len(values) + times
        if self.cells > self.limits.max_cells:
            raise _TooMany("", _too_many(self.limits))
        values.extend([value] * times)
        self.codes.extend([code] * times)

    def end_row(self, _: None) -> None:
        self.in_row = False
        values, number, repeat = self.values, self.number, self.repeat
        while values and values[-1] is None:
            values.pop()
        if values:
            if number + repeat > MAX_ROW:
                raise _Refused(f"row {number + 1}", f"lies past row {MAX_ROW:,}")
            codes = self.codes[: len(values)]
            assert isinstance(self.rows, list)
            self.rows.extend((number + offset + 1, values, codes) for offset in range(repeat))
        self.number = number + repeat
