"""A workbook is hostile input too: no silent loss, no bomb, no traceback (docs: *File formats*,
"Workbooks are checked before they are read").

Each workbook here is built by hand, part by part, as an attacker or a careless spreadsheet
program would write it; each ends with the full, correct portfolio or with one
PortfolioError that names the place.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from cluster_excellence import (
    Cluster,
    GoldAudit,
    InvalidTypeError,
    Portfolio,
    PortfolioError,
    from_dataframe,
    read_portfolio_table,
)
from cluster_excellence.cli import main
from cluster_excellence.files._workbook import Limits
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.files.table import portfolio_to_ods

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>name</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>type</t></is></c>'
    '<c r="D1" t="inlineStr"><is><t>date</t></is></c></row>'
)


def cluster_row(number: int, cid: str, day: str = "2019-07-25") -> str:
    return (
        f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{cid}</t></is></c>'
        f'<c r="B{number}" t="inlineStr"><is><t>{cid.upper()}</t></is></c>'
        f'<c r="C{number}" t="inlineStr"><is><t>benchmarking</t></is></c>'
        f'<c r="D{number}" t="inlineStr"><is><t>{day}</t></is></c></row>'
    )


def sheet_xml(rows: str, dimension: str = "", head: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{head}<worksheet xmlns="{MAIN}">{dimension}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def package(
    sheet: str | bytes,
    *,
    shared: str | None = None,
    styles: str | None = None,
    workbook: str | None = None,
    target: str = "worksheets/sheet1.xml",
    extra: dict[str, bytes] | None = None,
    more_rels: tuple[str, ...] = (),
) -> bytes:
    """An XLSX package of one sheet named Sheet1, part by part."""
    rels = [f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="{target}"/>', *more_rels]
    if shared is not None:
        rels.append(
            f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    if styles is not None:
        rels.append(f'<Relationship Id="rId3" Type="{RELS}/styles" Target="styles.xml"/>')
    parts: dict[str, bytes] = {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            workbook
            or f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE_RELS}">{"".join(rels)}</Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": sheet if isinstance(sheet, bytes) else sheet.encode(),
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared.encode()
    if styles is not None:
        parts["xl/styles.xml"] = styles.encode()
    parts.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return out.getvalue()


def problems_of(tmp_path: Path, data: bytes, name: str = "p.xlsx", **options: Any) -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PortfolioError) as caught:
        read_portfolio_table(path, **options)
    return [str(problem) for problem in caught.value.problems]


def read(tmp_path: Path, data: bytes, name: str = "p.xlsx") -> Portfolio:
    path = tmp_path / name
    path.write_bytes(data)
    return read_portfolio_table(path)


class TestNoSilentLoss:
    def test_a_stale_dimension_is_ignored(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        rows = HEADER_ROW + cluster_row(2, "a") + cluster_row(3, "b") + cluster_row(4, "c")
        data = package(sheet_xml(rows, '<dimension ref="A1:D2"/>'))
        assert [c.id for c in read(tmp_path, data)] == ["a", "b", "c"]
        out = tmp_path / "out.json"
        assert main(["convert", str(tmp_path / "p.xlsx"), "-o", str(out)]) == 0
        assert len(json.loads(out.read_text(encoding="utf-8"))["clusters"]) == 3

    def test_rows_come_in_the_order_of_their_numbers(self, tmp_path: Path) -> None:
        rows = HEADER_ROW + cluster_row(3, "b") + cluster_row(2, "a")
        assert [c.id for c in read(tmp_path, package(sheet_xml(rows)))] == ["a", "b"]

    @pytest.mark.parametrize(
        ("rows", "message"),
        [
            (HEADER_ROW + cluster_row(2, "a") + cluster_row(2, "b"),
             "sheet Sheet1, row 2: appears twice in the sheet"),
            (HEADER_ROW + cluster_row(2, "a").replace('r="2"', 'r="abc"', 1),
             'sheet Sheet1, the row after row 1: has the row number "abc", which is not a '
             "number from 1 to 1,048,576"),
            (HEADER_ROW + cluster_row(2, "a").replace(' r="2"', "", 1),
             "sheet Sheet1, the row after row 1: has no row number (r=)"),
            (HEADER_ROW.replace(' r="1"', "", 1) + cluster_row(2, "a"),
             "sheet Sheet1, the first row: has no row number (r=)"),
            (HEADER_ROW + cluster_row(2, "a").replace('r="A2"', 'r="A7"'),
             'sheet Sheet1, row 2: holds a cell "A7" that is not in row 2'),
        ],
    )  # fmt: skip
    def test_row_numbers_missing_repeated_or_not_numbers(
        self, tmp_path: Path, rows: str, message: str
    ) -> None:
        assert problems_of(tmp_path, package(sheet_xml(rows))) == [message]

    def test_a_text_too_long_for_a_cell_is_refused_not_cut(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        name = "N" * 40_000
        source = tmp_path / "long.json"
        source.write_text(
            json.dumps({"format": "cluster-excellence.portfolio/1",
                        "clusters": [{"id": "x", "name": name, "assessments": []}]}),
            encoding="utf-8",
        )  # fmt: skip
        out = tmp_path / "long.xlsx"
        assert main(["convert", str(source), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert "clusters[0].name: a text of 40,000 characters does not fit in a cell of a " in err
        assert not out.exists()
        # An OpenDocument spreadsheet has no such limit: it keeps every character.
        ods = tmp_path / "long.ods"
        assert main(["convert", str(source), "-o", str(ods)]) == 0
        assert read_portfolio_table(ods)["x"].name == name

    def test_a_result_too_long_for_a_cell_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        source = tmp_path / "long.json"
        source.write_text(
            json.dumps({"format": "cluster-excellence.portfolio/1",
                        "clusters": [{"id": "x", "name": "N" * 40_000, "assessments": []}]}),
            encoding="utf-8",
        )  # fmt: skip
        out = tmp_path / "status.xlsx"
        assert main(["status", str(source), "--format", "xlsx", "-o", str(out)]) == 2
        assert capsys.readouterr().err == (
            f"cluster-excellence status: {out}: sheet Status, row 2, column cluster_name: a "
            "text of 40,000 characters does not fit in a cell (at most 32,767); write JSON or "
            "CSV instead\n"
        )
        assert not out.exists()


_ROW = cluster_row(2, "a").encode()
_CHUNK = _ROW * (1024 * 1024 // len(_ROW))


def _deflated(size: int) -> bytes:
    """A package whose sheet unpacks to ``size`` bytes of rows (rounded up to a chunk)."""
    small = zipfile.ZipFile(io.BytesIO(package(sheet_xml(HEADER_ROW))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name in small.namelist():
            if name != "xl/worksheets/sheet1.xml":
                book.writestr(name, small.read(name))
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + HEADER_ROW.encode())
            written = 0
            while written < size:
                part.write(_CHUNK)
                written += len(_CHUNK)
    return out.getvalue()


def _size(size: int) -> int:
    """The bytes :func:`_deflated` writes for ``size``."""
    head = len(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + HEADER_ROW.encode())
    return head + -(-size // len(_CHUNK)) * len(_CHUNK)


def _lying(data: bytes, member: str, size: int) -> bytes:
    """``data`` with the uncompressed size of ``member`` in its headers set to ``size``."""
    blob = bytearray(data)
    name = member.encode()
    local = blob.find(b"PK\x03\x04" + b"\x00" * 0)
    while local != -1:
        length = struct.unpack_from("<H", blob, local + 26)[0]
        if bytes(blob[local + 30 : local + 30 + length]) == name:
            struct.pack_into("<I", blob, local + 22, size)
        local = blob.find(b"PK\x03\x04", local + 4)
    central = blob.find(b"PK\x01\x02")
    while central != -1:
        length = struct.unpack_from("<H", blob, central + 28)[0]
        if bytes(blob[central + 46 : central + 46 + length]) == name:
            struct.pack_into("<I", blob, central + 24, size)
        central = blob.find(b"PK\x01\x02", central + 4)
    return bytes(blob)


class TestBombs:
    def test_an_unpacked_size_over_the_limit_is_refused_before_any_work(
        self, tmp_path: Path
    ) -> None:
        data = _deflated(300 * 1024 * 1024)
        assert len(data) < 5 * 1024 * 1024
        assert problems_of(tmp_path, data) == [
            f"part xl/worksheets/sheet1.xml: unpacks to {_size(300 * 1024 * 1024):,} bytes, "
            "more than the 268,435,456 a workbook may hold (max_unpacked=)"
        ]

    def test_the_compression_ratio(self, tmp_path: Path) -> None:
        data = _deflated(8 * 1024 * 1024)
        found = problems_of(tmp_path, data, limits=Limits(max_ratio=50))
        assert len(found) == 1
        assert found[0].startswith("part xl/worksheets/sheet1.xml: is compressed ")
        assert found[0].endswith(" times, more than the 50 a workbook's part may be "
                                 "(max_ratio=): a zip bomb?")  # fmt: skip

    def test_a_header_that_lies_about_the_size(self, tmp_path: Path) -> None:
        rows = HEADER_ROW + cluster_row(2, "a") * 1
        data = _lying(package(sheet_xml(rows)), "xl/worksheets/sheet1.xml", 100)
        assert problems_of(tmp_path, data) == [
            # zipfile stops at the size the header says; the checksum then fails
            "sheet Sheet1, part xl/worksheets/sheet1.xml: cannot be unpacked (Bad CRC-32 for "
            "file 'xl/worksheets/sheet1.xml')"
        ]

    def test_members_and_cells(self, tmp_path: Path) -> None:
        rows = HEADER_ROW + cluster_row(2, "a") + cluster_row(3, "b")
        data = package(sheet_xml(rows))
        assert problems_of(tmp_path, data, limits=Limits(max_members=3)) == [
            "has 5 members in its package; a workbook may have 3"
        ]
        assert problems_of(tmp_path, data, limits=Limits(max_cells=6)) == [
            "sheet Sheet1: holds more than 6 cells, counting the empty ones before each row's "
            "last value (max_cells=)"
        ]
        assert problems_of(tmp_path, data, limits=Limits(max_unpacked=100)) == [
            "part _rels/.rels: unpacks to 240 bytes, more than the 100 a workbook may hold "
            "(max_unpacked=)"
        ]

    def test_peak_memory_of_a_refused_bomb_stays_bounded(self, tmp_path: Path) -> None:
        """A 1.2 GB sheet in a few MB, its headers telling the truth or lying: refused, and
        the reading process stays under 200 MiB."""
        path = tmp_path / "bomb.xlsx"
        honest = _deflated(1_200_000_000)
        for data in (honest, _lying(honest, "xl/worksheets/sheet1.xml", 1000)):
            path.write_bytes(data)
            message, peak = _refused_in_a_child(path)
            assert "part xl/worksheets/sheet1.xml: " in message
            assert "unpacks to" in message or "Bad CRC-32" in message
            assert peak < 200 * 1024  # KiB

    def test_rows_padded_to_the_last_column_are_counted_whole(self, tmp_path: Path) -> None:
        """8,000 rows of one value each in the last column (42 KB unpacked to under 1 MiB,
        so no ratio applies) would hold 131 million cells: refused, in little memory."""
        rows = "".join(
            f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>'
            for n in range(2, 8002)
        )
        path = tmp_path / "wide.xlsx"
        path.write_bytes(package(sheet_xml(HEADER_ROW + rows)))
        message, peak = _refused_in_a_child(path)
        assert message.endswith(
            "wide.xlsx: sheet Sheet1: holds more than 1,000,000 cells, counting the empty "
            "ones before each row's last value (max_cells=)\n"
        )
        assert peak < 200 * 1024  # KiB
        # one such row is read; the cells before its value are empty
        path.write_bytes(package(sheet_xml(HEADER_ROW + rows[: rows.index("</row>") + 6])))
        assert problems_of(tmp_path, path.read_bytes(), limits=Limits(max_cells=20_000)) == [
            "sheet Sheet1, row 2: has 16384 cells; the header names 4"
        ]

    def test_repeated_empty_cells_of_an_ods_row_are_counted_whole(self, tmp_path: Path) -> None:
        row = (
            '<table:table-row table:number-rows-repeated="2000">'
            '<table:table-cell table:number-columns-repeated="16000"/>'
            '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
            "</table:table-row>"
        )
        content = (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            '<office:body><office:spreadsheet><table:table table:name="P">'
            f"{row}</table:table></office:spreadsheet></office:body></office:document-content>"
        )
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as book:
            book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            book.writestr("content.xml", content)
        path = tmp_path / "wide.ods"
        path.write_bytes(out.getvalue())
        message, peak = _refused_in_a_child(path)
        assert message.endswith(
            "wide.ods: holds more than 1,000,000 cells, counting the empty ones before each "
            "row's last value (max_cells=)\n"
        )
        assert peak < 200 * 1024  # KiB

    def test_shared_strings_are_counted(self, tmp_path: Path) -> None:
        strings = "".join(f"<si><t>s{n}</t></si>" for n in range(11))
        shared = f'<sst xmlns="{MAIN}">{strings}</sst>'
        data = package(sheet_xml(HEADER_ROW), shared=shared)
        assert problems_of(tmp_path, data, limits=Limits(max_cells=10)) == [
            "part xl/sharedStrings.xml: holds more than 10 shared strings (max_cells=)"
        ]
        assert read(tmp_path, data) == Portfolio([])  # under the default limit: read


def _refused_in_a_child(path: Path) -> tuple[str, int]:
    """The message of reading ``path`` in a fresh, small process, and that process's peak
    memory in KiB (on Linux a child's peak starts at its parent's at the fork)."""
    reader = (
        "import sys\n"
        "from cluster_excellence import PortfolioError, read_portfolio_table\n"
        "try:\n"
        f"    read_portfolio_table({str(path)!r})\n"
        "except PortfolioError as error:\n"
        "    print(error, file=sys.stderr)\n"
    )
    script = (
        "import resource, subprocess, sys\n"
        f"subprocess.run([sys.executable, '-c', {reader!r}], check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    return done.stderr, int(done.stdout)


ENTITIES = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'


class TestNoTraceback:
    @pytest.mark.parametrize(
        ("sheet", "message"),
        [
            (sheet_xml(HEADER_ROW, head=ENTITIES),
             "sheet Sheet1, part xl/worksheets/sheet1.xml: declares a document type or entities, which a "
             "workbook never needs (refused: entities can expand without end)"),
            (sheet_xml(HEADER_ROW + cluster_row(2, "&undefined;")),
             "sheet Sheet1, part xl/worksheets/sheet1.xml: is not well-formed XML (line 1, "
             "column 376: undefined entity)"),
            (sheet_xml(HEADER_ROW)[:-30],
             "sheet Sheet1, part xl/worksheets/sheet1.xml: is not well-formed XML (line 1, "
             "column 328: no element found)"),
            (sheet_xml(HEADER_ROW).replace("</sheetData>", "</sheetdata>"),
             "sheet Sheet1, part xl/worksheets/sheet1.xml: is not well-formed XML (line 1, "
             "column 336: mismatched tag)"),
            ("\ufeff<?xml version='1.0' encoding='UTF-16'?><worksheet/>".encode("utf-16"),
             "sheet Sheet1, part xl/worksheets/sheet1.xml: is not UTF-8 XML (a workbook's parts are UTF-8)"),
        ],
    )  # fmt: skip
    def test_xml_that_is_refused(self, tmp_path: Path, sheet: str | bytes, message: str) -> None:
        assert problems_of(tmp_path, package(sheet)) == [message]

    def test_a_flipped_deflate_stream_and_a_bad_checksum(self, tmp_path: Path) -> None:
        rows = HEADER_ROW + cluster_row(2, "a")
        data = bytearray(package(sheet_xml(rows)))
        start = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
        flipped = bytearray(data)
        for offset in range(start + 5, start + 25):
            flipped[offset] ^= 0xFF
        found = problems_of(tmp_path, bytes(flipped))
        assert len(found) == 1
        assert found[0].startswith("sheet Sheet1, part xl/worksheets/sheet1.xml: cannot be ")
        central = data.find(b"PK\x01\x02")
        while central != -1:
            length = struct.unpack_from("<H", data, central + 28)[0]
            if data[central + 46 : central + 46 + length] == b"xl/worksheets/sheet1.xml":
                struct.pack_into("<I", data, central + 16, 12345)
            central = data.find(b"PK\x01\x02", central + 4)
        assert problems_of(tmp_path, bytes(data)) == [
            "sheet Sheet1, part xl/worksheets/sheet1.xml: cannot be unpacked (Bad CRC-32 for file "
            "'xl/worksheets/sheet1.xml')"
        ]

    @pytest.mark.parametrize(
        ("cell", "message"),
        [
            ('<c r="B2" t="s"><v>9</v></c>',
             'column name: refers to the shared string "9", which the workbook does not hold '
             "(it holds 1)"),
            ('<c r="B2" t="s"><v>abc</v></c>',
             'column name: refers to the shared string "abc", which the workbook does not hold '
             "(it holds 1)"),
            ('<c r="B2"><v>abc</v></c>',
             'column name: is a number cell holding "abc", which is no finite number'),
            ('<c r="B2"><v>1e999</v></c>',
             'column name: is a number cell holding "1e999", which is no finite number'),
            ('<c r="B2" t="d"><v>garbage</v></c>',
             'column name: is a date cell holding "garbage", which is no ISO 8601 date'),
            ('<c r="B2" s="99"><v>1</v></c>',
             'column name: has the style "99", which the workbook does not define'),
            ('<c r="B2" t="b"><v>2</v></c>', 'column name: is a true/false cell holding "2"'),
            ('<c r="B2" t="q"><v>2</v></c>', 'column name: has the unknown cell type "q"'),
        ],
    )  # fmt: skip
    def test_cells_that_cannot_be_read(self, tmp_path: Path, cell: str, message: str) -> None:
        row = (
            '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c>' + cell
            + '<c r="C2" t="inlineStr"><is><t>benchmarking</t></is></c>'
            '<c r="D2" t="inlineStr"><is><t>2019-07-25</t></is></c></row>'
        )  # fmt: skip
        styles = f'<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="0"/></cellXfs></styleSheet>'
        shared = f'<sst xmlns="{MAIN}"><si><t>one</t></si></sst>'
        data = package(sheet_xml(HEADER_ROW + row), shared=shared, styles=styles)
        assert problems_of(tmp_path, data) == [f"sheet Sheet1, row 2, {message}"]

    @pytest.mark.parametrize(
        ("workbook", "target", "message"),
        [
            (f'<workbook xmlns="{MAIN}"><sheets/></workbook>', "worksheets/sheet1.xml",
             "has no sheet"),
            (None, "../../../etc/passwd",
             'sheet Sheet1: points to "../../../etc/passwd", outside the package'),
            (None, "worksheets/missing.xml",
             'sheet Sheet1: points to the part "xl/worksheets/missing.xml", which is not in it'),
        ],
    )  # fmt: skip
    def test_packages_without_a_readable_sheet(
        self, tmp_path: Path, workbook: str | None, target: str, message: str
    ) -> None:
        data = package(sheet_xml(HEADER_ROW), workbook=workbook, target=target)
        assert problems_of(tmp_path, data) == [message]

    def test_no_traceback_and_no_library_warning_on_the_command_line(self, tmp_path: Path) -> None:
        path = tmp_path / "p.xlsx"
        path.write_bytes(package(sheet_xml(HEADER_ROW + cluster_row(2, "&bad;"))))
        done = subprocess.run(
            [sys.executable, "-W", "default", "-m", "cluster_excellence", "status", str(path)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 2
        assert done.stderr.startswith(
            f"cluster-excellence status: {path}: sheet Sheet1, part xl/worksheets/sheet1.xml: "
            "is not well-formed XML (line 1, column 376: undefined entity)"
        )
        assert "Traceback" not in done.stderr
        assert "Warning" not in done.stderr
        assert len(done.stderr.splitlines()) == 1


#: A sheet of one date column: a header and one cell of ``serial`` under a date format.
def _dated(serial: str, date1904: bool = False) -> bytes:
    rows = (
        HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>X</t></is></c>'
        '<c r="C2" t="inlineStr"><is><t>benchmarking</t></is></c>'
        f'<c r="D2" s="1"><v>{serial}</v></c></row>'
    )  # fmt: skip
    styles = (
        f'<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
        "</styleSheet>"
    )
    workbook = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><workbookPr date1904="{int(date1904)}"/>'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    return package(sheet_xml(rows), styles=styles, workbook=workbook)


class TestValuesAsTheSpreadsheetShowsThem:
    @pytest.mark.parametrize(
        ("serial", "date1904", "day"),
        [
            ("59", False, dt.date(1900, 2, 28)),
            ("61", False, dt.date(1900, 3, 1)),
            ("1", False, dt.date(1900, 1, 1)),
            ("43671", False, dt.date(2019, 7, 25)),
            ("0", True, dt.date(1904, 1, 1)),
            ("42209", True, dt.date(2019, 7, 25)),
        ],
    )
    def test_serials_in_both_date_systems(
        self, tmp_path: Path, serial: str, date1904: bool, day: dt.date
    ) -> None:
        assert read(tmp_path, _dated(serial, date1904))["x"].assessments[0].date == day

    @pytest.mark.parametrize(
        ("serial", "date1904", "message"),
        [
            ("-5", False, "holds -5 under a date format, which is no day of the 1900 date "
             "system (a spreadsheet shows #####)"),
            ("0", False, "holds 0 under a date format, which is no day of the 1900 date "
             "system (a spreadsheet shows #####)"),
            ("-1", True, "holds -1 under a date format, which is no day of the 1904 date "
             "system (a spreadsheet shows #####)"),
            ("60", False, "holds 60 under a date format: 1900-02-29, a day that never was (a "
             "mistake kept in Excel's 1900 date system); write the date as text"),
            ("2958466", False, "holds 2.95847e+06 under a date format, after 9999-12-31, the "
             "end of the spreadsheet calendar"),
        ],
    )  # fmt: skip
    def test_serials_outside_the_calendar(
        self, tmp_path: Path, serial: str, date1904: bool, message: str
    ) -> None:
        assert problems_of(tmp_path, _dated(serial, date1904)) == [
            f"sheet Sheet1, row 2, column date: {message}"
        ]


class TestTypesOfFields:
    def test_a_list_as_a_country(self) -> None:
        with pytest.raises(InvalidTypeError, match=r"^country: must be a string \(an ISO"):
            Cluster("x", "X", country=["DE"])  # type: ignore[arg-type]
        document = json.dumps({"format": "cluster-excellence.portfolio/1", "clusters": [
            {"id": "x", "name": "X", "country": ["DE"], "assessments": []},
            {"id": "y", "name": "Y", "country": {"code": "DE"}, "assessments": []}]})  # fmt: skip
        with pytest.raises(PortfolioError) as caught:
            PORTFOLIO_FILES.parse(document, source="p.json")
        assert [str(p) for p in caught.value.problems] == [
            "clusters[0].country: must be a string (an ISO 3166-1 alpha-2 country code), not a "
            "list",
            "clusters[1].country: must be a string (an ISO 3166-1 alpha-2 country code), not an "
            "object",
        ]

    @pytest.mark.parametrize("score", [0.001, 1.0, 0.5, 84.0, 100.0])
    def test_the_frame_of_a_portfolio_reads_back(self, score: float) -> None:
        portfolio = Portfolio([Cluster("x", "X", [GoldAudit(dt.date(2020, 1, 1), score=score,
                                                            passed=score >= 80)])])  # fmt: skip
        assert from_dataframe(portfolio.to_dataframe()) == portfolio
        assert from_dataframe(portfolio.to_dataframes()) == portfolio

    def test_an_ods_file_is_read_as_a_workbook(self, tmp_path: Path) -> None:
        portfolio = Portfolio([Cluster("x", "X", [GoldAudit(dt.date(2020, 1, 1), score=0.5,
                                                            passed=False)])])  # fmt: skip
        assert read(tmp_path, portfolio_to_ods(portfolio), "p.ods") == portfolio
        assert problems_of(tmp_path, b"not a zip", "p.ods") == [
            "is not an OpenDocument spreadsheet (not a zip package)"
        ]

    def test_an_ods_file_is_read_in_one_pass_each_sheet_placing_its_problems(
        self, tmp_path: Path
    ) -> None:
        def ods(*tables: tuple[str, list[list[str]]], edit: tuple[str, str] = ("", "")) -> bytes:
            def row(cells: list[str]) -> str:
                return "<table:table-row>" + "".join(
                    f'<table:table-cell office:value-type="string"><text:p>{c}</text:p>'
                    "</table:table-cell>" for c in cells) + "</table:table-row>"  # fmt: skip

            body = "".join(f'<table:table table:name="{name}">' + "".join(map(row, rows))
                           + "</table:table>" for name, rows in tables)  # fmt: skip
            content = (
                '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
                "</office:document-content>"
            )
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as book:
                book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
                book.writestr("content.xml", content.replace(*edit) if edit[0] else content)
            return out.getvalue()

        assessments = ("Portfolio", [["id", "name", "type", "date"],
                                     ["x", "X", "benchmarking", "2024-05-02"]])  # fmt: skip
        # A text as a spreadsheet writes it: spaces, tabs, line breaks, paragraphs, and a
        # comment (an annotation), which is no part of the value.
        note = ('a<text:s text:c="2"/>b<text:tab/>c<text:line-break/>d<text:span>e</text:span>'
                "<office:annotation><text:p>a comment</text:p></office:annotation>"
                "</text:p><text:p>second")  # fmt: skip
        clusters = ("Clusters", [["id", "note"], ["x", note]])
        # A sheet the reader does not use may hold anything, also a row that repeats badly.
        notes = ("Notes", [["anything"]])
        data = ods(assessments, clusters, notes, edit=(
            '<table:table table:name="Notes"><table:table-row>',
            '<table:table table:name="Notes"><table:table-row table:number-rows-repeated="x">',
        ))  # fmt: skip
        portfolio = read(tmp_path, data, "p.ods")
        assert portfolio["x"].note == "a  b\tc\nde\nsecond"
        bad = ods(assessments, clusters, edit=(
            '<table:table table:name="Clusters"><table:table-row>',
            '<table:table table:name="Clusters"><table:table-row table:number-rows-repeated="0">',
        ))  # fmt: skip
        assert problems_of(tmp_path, bad, "p.ods") == [
            'sheet Clusters, row 1: repeats "0" times, which is no count'
        ]
        assert problems_of(tmp_path, data, "p.ods", limits=Limits(max_cells=9)) == [
            "holds more than 9 cells, counting the empty ones before each row's last value "
            "(max_cells=)"
        ]


def test_the_cells_of_every_sheet_count_together(tmp_path: Path) -> None:
    """The limit holds for the workbook, not for each sheet: 12 cells of assessments and
    6 of clusters are refused at 15, as in an ODS file."""
    rows = HEADER_ROW + cluster_row(2, "a") + cluster_row(3, "b")
    workbook = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
        '<sheet name="Clusters" sheetId="2" r:id="rId4"/></sheets></workbook>'
    )
    clusters = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{a}</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>{b}</t></is></c></row>'
        for n, a, b in ((1, "id", "note"), (2, "a", "n"), (3, "b", "n"))
    )
    data = package(
        sheet_xml(rows),
        workbook=workbook,
        extra={"xl/worksheets/sheet2.xml": sheet_xml(clusters).encode()},
        more_rels=(
            f'<Relationship Id="rId4" Type="{RELS}/worksheet" Target="worksheets/sheet2.xml"/>',
        ),
    )
    assert read(tmp_path, data)["a"].note == "n"
    assert problems_of(tmp_path, data, limits=Limits(max_cells=15)) == [
        "sheet Clusters: holds more than 15 cells, counting the empty ones before each "
        "row's last value (max_cells=)"
    ]
