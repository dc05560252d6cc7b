"""The edges of the package's own workbook reader and writers (docs: *File formats*).

Each workbook here is built part by part, as a spreadsheet program, a careless script or an
attacker writes it; each ends in the values a user expects, or in one PortfolioError that
names the part, sheet, row and column and says what is wrong.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cluster_excellence import InvalidValueError, PortfolioError, _xlsx, read_portfolio_table
from cluster_excellence.files import _workbook
from cluster_excellence.files._ods import ods_workbook
from cluster_excellence.files._workbook import Limits, Row, open_workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET = "xl/worksheets/sheet1.xml"


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER_ROW = (
    '<row r="1">'
    + "".join(
        text_cell(f"{c}1", t) for c, t in zip("ABCD", ["id", "name", "type", "date"], strict=True)
    )
    + "</row>"
)


def assessment_row(number: int, name_cell: str | None = None, cid: str = "x") -> str:
    """A row of an assessment of cluster ``cid``; ``name_cell`` replaces its cell B."""
    name = name_cell if name_cell is not None else text_cell(f"B{number}", cid.upper())
    return (
        f'<row r="{number}">{text_cell(f"A{number}", cid)}{name}'
        f"{text_cell(f'C{number}', 'benchmarking')}{text_cell(f'D{number}', '2019-07-25')}</row>"
    )


def sheet_xml(rows: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def workbook_xml(*names: str, head: str = "") -> str:
    sheets = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1)
    )
    return f'{head}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{sheets}</sheets></workbook>'


def zipped(parts: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as book:
        for name, data in parts:
            book.writestr(name, data)
    return out.getvalue()


def xlsx_parts(
    sheet: str | bytes,
    *,
    shared: str | bytes | None = None,
    styles: str | None = None,
    workbook: str | None = None,
    sheet_targets: tuple[str, ...] = ("worksheets/sheet1.xml",),
) -> dict[str, bytes]:
    """The parts of an XLSX package: its sheets (``rId1``, ...: ``sheet_targets``), its
    shared strings (``rId90``) and its styles (``rId91``)."""
    rels = [
        f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="{target}"/>'
        for i, target in enumerate(sheet_targets, 1)
    ]
    if shared is not None:
        rels.append(
            f'<Relationship Id="rId90" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    if styles is not None:
        rels.append(f'<Relationship Id="rId91" Type="{RELS}/styles" Target="styles.xml"/>')
    parts = {
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (workbook or workbook_xml("Sheet1")).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE_RELS}">{"".join(rels)}</Relationships>'
        ).encode(),
        SHEET: sheet if isinstance(sheet, bytes) else sheet.encode(),
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared if isinstance(shared, bytes) else shared.encode()
    if styles is not None:
        parts["xl/styles.xml"] = styles.encode()
    return parts


def xlsx(sheet: str | bytes, **options: Any) -> bytes:
    return zipped(list(xlsx_parts(sheet, **options).items()))


def problems_of(tmp_path: Path, data: bytes, name: str = "p.xlsx", **options: Any) -> list[str]:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PortfolioError) as caught:
        read_portfolio_table(path, **options)
    assert caught.value.source == str(path)
    return [str(problem) for problem in caught.value.problems]


def rows_of(data: bytes, kind: str = "xlsx", sheet: str = "Sheet1", **limits: Any) -> list[Row]:
    return list(open_workbook(data, "p." + kind, kind, Limits(**limits)).rows(sheet))


def values_of(data: bytes, kind: str = "xlsx", sheet: str = "Sheet1") -> list[list[Any]]:
    return [values for _, values, _ in rows_of(data, kind, sheet)]


def message_of(data: bytes, kind: str = "xlsx", sheet: str = "Sheet1", **limits: Any) -> str:
    with pytest.raises(PortfolioError) as caught:
        rows_of(data, kind, sheet, **limits)
    assert caught.value.source == "p." + kind
    [problem] = caught.value.problems
    return str(problem)


def _set_header_field(data: bytes, member: str, offsets: tuple[int, int], value: int) -> bytes:
    """``data`` with a 2-byte field of ``member``'s local and central headers set to ``value``
    (``offsets``: the field's offset in each)."""
    blob = bytearray(data)
    name = member.encode()
    for signature, field, name_at, length_at in (
        (b"PK\x03\x04", offsets[0], 30, 26),
        (b"PK\x01\x02", offsets[1], 46, 28),
    ):
        at = blob.find(signature)
        while at != -1:
            length = struct.unpack_from("<H", blob, at + length_at)[0]
            if bytes(blob[at + name_at : at + name_at + length]) == name:
                struct.pack_into("<H", blob, at + field, value)
            at = blob.find(signature, at + 4)
    return bytes(blob)


# -- the package ------------------------------------------------------------------------------


class TestThePackage:
    def test_a_part_twice_in_the_package(self, tmp_path: Path) -> None:
        parts = list(xlsx_parts(sheet_xml(HEADER_ROW)).items())
        with pytest.warns(UserWarning, match="Duplicate name"):
            data = zipped([*parts, ("xl/workbook.xml", parts[1][1])])
        assert problems_of(tmp_path, data) == ["part xl/workbook.xml: appears twice in the package"]

    def test_all_parts_together_over_the_unpacked_limit(self, tmp_path: Path) -> None:
        data = xlsx(sheet_xml(HEADER_ROW + assessment_row(2)))
        sizes = [info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist()]
        limit = max(sizes)  # every part fits, all of them do not
        assert problems_of(tmp_path, data, limits=Limits(max_unpacked=limit)) == [
            f"unpacks to {sum(sizes):,} bytes, more than the {limit:,} a workbook may hold "
            "(max_unpacked=)"
        ]

    def test_a_part_unpacked_again_counts_again(self, tmp_path: Path) -> None:
        """Sheets that all point to one part: each reading of it counts against the limit."""
        rows = HEADER_ROW + assessment_row(2)
        data = xlsx(
            sheet_xml(rows),
            workbook=workbook_xml("Portfolio", "Clusters"),
            sheet_targets=("worksheets/sheet1.xml", "worksheets/sheet1.xml"),
        )
        total = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
        assert problems_of(tmp_path, data, limits=Limits(max_unpacked=total)) == [
            f"sheet Clusters: unpacks to more than the {total:,} bytes a workbook may hold "
            "(max_unpacked=)"
        ]

    def test_an_encrypted_part(self, tmp_path: Path) -> None:
        data = _set_header_field(xlsx(sheet_xml(HEADER_ROW)), SHEET, (6, 8), 1)
        assert problems_of(tmp_path, data) == [
            f"sheet Sheet1, part {SHEET}: cannot be unpacked (it is encrypted)"
        ]

    def test_a_part_compressed_by_an_unknown_method(self, tmp_path: Path) -> None:
        data = _set_header_field(xlsx(sheet_xml(HEADER_ROW)), SHEET, (8, 10), 99)
        assert problems_of(tmp_path, data) == [
            f"sheet Sheet1, part {SHEET}: cannot be unpacked (That compression method is not "
            "supported)"
        ]

    def test_a_file_that_is_no_workbook(self, tmp_path: Path) -> None:
        document = zipped([("word/document.xml", b"<document/>")])
        assert problems_of(tmp_path, document) == [
            "is not an XLSX workbook (it has no workbook part)"
        ]

    def test_without_package_relationships_the_workbook_is_in_its_usual_place(self) -> None:
        parts = xlsx_parts(sheet_xml(HEADER_ROW))
        del parts["_rels/.rels"]
        assert values_of(zipped(list(parts.items()))) == [["id", "name", "type", "date"]]

    def test_without_workbook_relationships_a_sheet_points_nowhere(self, tmp_path: Path) -> None:
        parts = xlsx_parts(sheet_xml(HEADER_ROW))
        del parts["xl/_rels/workbook.xml.rels"]
        assert problems_of(tmp_path, zipped(list(parts.items()))) == [
            "sheet Sheet1: points to nothing, outside the package"
        ]

    def test_elements_beside_the_relationships_are_passed_over(self) -> None:
        parts = xlsx_parts(sheet_xml(HEADER_ROW))
        rels = parts["xl/_rels/workbook.xml.rels"].decode()
        parts["xl/_rels/workbook.xml.rels"] = rels.replace(
            "<Relationship ", '<extLst><ext uri="x"/></extLst><Relationship ', 1
        ).encode()
        assert values_of(zipped(list(parts.items()))) == [["id", "name", "type", "date"]]


# -- the XML of the small parts ---------------------------------------------------------------

DOCTYPE = '<!DOCTYPE x [<!ENTITY e "e">]>'
DECLARES = (
    "declares a document type or entities, which a workbook never needs (refused: entities "
    "can expand without end)"
)


def _noise(size: int) -> str:
    """``size`` characters that do not compress much (a part above 1 MiB is held to the
    compression ratio)."""
    return "".join(random.Random(size).choices("abcdefghijklmnopqrstuvwxyz0123456789", k=size))


class TestTheSmallParts:
    def test_a_document_type_in_the_workbook_part(self, tmp_path: Path) -> None:
        data = xlsx(sheet_xml(HEADER_ROW), workbook=workbook_xml("Sheet1", head=DOCTYPE))
        assert problems_of(tmp_path, data) == [f"part xl/workbook.xml: {DECLARES}"]

    @pytest.mark.parametrize("split", [1, 4, 8])
    def test_a_document_type_split_between_two_chunks(self, tmp_path: Path, split: int) -> None:
        """The shared strings are parsed as they are unpacked, a MiB at a time: a declaration
        that straddles two chunks is still seen."""
        head = '<?xml version="1.0" encoding="UTF-8"?><!--'
        comment = _noise(1024 * 1024 - len(head) - 3 - split)
        shared = f'{head}{comment}-->{DOCTYPE}<sst xmlns="{MAIN}"/>'
        assert shared.index("<!DOCTYPE") == 1024 * 1024 - split
        data = xlsx(sheet_xml(HEADER_ROW), shared=shared)
        assert problems_of(tmp_path, data) == [f"part xl/sharedStrings.xml: {DECLARES}"]

    def test_shared_strings_of_more_than_one_chunk(self) -> None:
        items = [_noise(5000) + str(i) for i in range(300)]
        shared = f'<sst xmlns="{MAIN}">' + "".join(f"<si><t>{t}</t></si>" for t in items)
        shared += "</sst>"
        assert len(shared) > 1024 * 1024
        row = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>299</v></c></row>'
        assert values_of(xlsx(sheet_xml(row), shared=shared)) == [[items[0], items[299]]]

    def test_a_workbook_part_that_is_not_well_formed(self, tmp_path: Path) -> None:
        data = xlsx(sheet_xml(HEADER_ROW), workbook=workbook_xml("Sheet1")[:-5])
        assert problems_of(tmp_path, data) == [
            "part xl/workbook.xml: is not well-formed XML (line 1, column 218: unclosed token)"
        ]

    def test_an_empty_styles_part(self, tmp_path: Path) -> None:
        data = xlsx(sheet_xml(HEADER_ROW), styles="")
        assert problems_of(tmp_path, data) == [
            "part xl/styles.xml: is not well-formed XML (line 1, column 1: no element found)"
        ]


# -- the cells of a worksheet -----------------------------------------------------------------

STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="x" formatCode="yyyy"/>'
    '<numFmt numFmtId="164" formatCode="0.0"/></numFmts>'
    '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>'
)


def one_row(cells: str, **options: Any) -> list[Any]:
    """The values of a sheet of the one row ``cells``."""
    [(number, values, _)] = rows_of(xlsx(sheet_xml(f'<row r="1">{cells}</row>'), **options))
    assert number == 1
    return values


def name_problem(tmp_path: Path, cell: str, **options: Any) -> list[str]:
    """The problems of a portfolio whose one assessment has ``cell`` as its name."""
    data = xlsx(sheet_xml(HEADER_ROW + assessment_row(2, cell)), **options)
    return problems_of(tmp_path, data)


class TestCells:
    def test_shared_strings_of_runs_without_their_phonetic_reading(self) -> None:
        shared = (
            f'<sst xmlns="{MAIN}"><si><t>plain</t></si><si><r><rPr><b/></rPr><t>T\u014d</t></r>'
            "<r><t>ky\u014d</t></r><rPh><t>\u30c8\u30a6\u30ad\u30e7\u30a6</t></rPh></si></sst>"
        )
        cells = '<c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v> 0 </v></c>'
        assert one_row(cells, shared=shared) == ["T\u014dky\u014d", "plain"]

    def test_an_inline_string_without_its_phonetic_reading(self) -> None:
        cell = (
            '<c r="A1" t="inlineStr"><is><t>\u6771\u4eac</t><rPh sb="0" eb="2">'
            "<t>\u30c8\u30a6\u30ad\u30e7\u30a6</t></rPh></is></c>"
        )
        assert one_row(cell) == ["\u6771\u4eac"]

    def test_a_formula_string_and_constant_formulas(self) -> None:
        cells = (
            '<c r="A1" t="str"><v>text</v></c>'
            '<c r="B1" t="b"><f>FALSE()</f><v>0</v></c>'
            '<c r="C1" t="b"><f>=TRUE</f><v>1</v></c>'
            '<c r="D1" s="1"><f>43671</f><v>43671</v></c>'
            '<c r="E1" s="2"><f>2</f><v>2</v></c>'
        )
        assert one_row(cells, styles=STYLES) == ["text", False, True, dt.datetime(2019, 7, 25), 2]

    def test_a_float_format_keeps_a_whole_number_a_float(self) -> None:
        # numFmt "x" is no number: the style takes 164 ("0.0"), not the "yyyy" beside it
        assert one_row('<c r="A1" s="2"><v>2</v></c><c r="B1"><v>2</v></c>', styles=STYLES) == [
            2.0,
            2,
        ]

    @pytest.mark.parametrize(
        "formula", ['<f t="shared" si="0"/>', '<f t="array" ref="B2">1+1</f>', "<f> </f>"]
    )
    def test_shared_array_and_empty_formulas_are_refused(
        self, tmp_path: Path, formula: str
    ) -> None:
        assert name_problem(tmp_path, f'<c r="B2">{formula}<v>3</v></c>') == [
            "sheet Sheet1, row 2, column name: holds a formula (shared or array); the reader "
            "takes values only (copy the column and paste it as values)"
        ]

    def test_styled_empty_cells_and_cells_without_a_reference(self) -> None:
        cells = (
            '<c t="inlineStr"><is><t>a</t></is></c><c s="0"/><c r="C1" s="0"/>'
            '<c><v>4</v></c><c r="F1"><v>6</v></c>'
        )
        assert one_row(cells, styles=STYLES) == ["a", None, None, 4, None, 6]

    @pytest.mark.parametrize(
        ("cells", "ref"),
        [
            ('<c r="B1"><v>1</v></c><c r="A1"><v>2</v></c>', "A1"),
            ('<c r="B1"><v>1</v></c><c r="B1"><v>2</v></c>', "B1"),
            ('<c r="XFE1"><v>1</v></c>', "XFE1"),
        ],
    )
    def test_a_cell_out_of_place(self, cells: str, ref: str) -> None:
        data = xlsx(sheet_xml(f'<row r="1">{cells}</row>'))
        assert message_of(data) == (
            f'sheet Sheet1, row 1: holds the cell "{ref}" out of place (past the last column, '
            "or after a cell to its right)"
        )

    def test_rows_without_a_value_are_left_out_and_indentation_is_no_value(self) -> None:
        sheet = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}">\n  <sheetData>\n'
            '    <row r="1">\n      <c r="A1"><v>1</v></c>\n    </row>\n'
            '    <row r="2">\n      <c r="A2" s="0"/>\n    </row>\n'
            '    <row r="3"/>\n'
            '    <row r="4">\n      <c r="B4" t="inlineStr"><is><t>four</t></is></c>\n    </row>\n'
            "  </sheetData>\n</worksheet>\n"
        )
        assert [(n, v) for n, v, _ in rows_of(xlsx(sheet, styles=STYLES))] == [
            (1, [1]),
            (4, [None, "four"]),
        ]

    def test_a_sheet_of_more_than_one_chunk(self) -> None:
        rows = "".join(
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{_noise(100)}</t></is></c>'
            f'<c r="B{n}"><v>{n}</v></c></row>'
            for n in range(1, 12_001)
        )
        sheet = sheet_xml(rows)
        assert len(sheet) > 2 * 1024 * 1024
        found = rows_of(xlsx(sheet))
        assert [n for n, _, _ in found] == list(range(1, 12_001))
        assert [v[1] for _, v, _ in found] == list(range(1, 12_001))

    def test_a_sheet_too_large_for_memory(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def no_memory(*_: Any) -> Iterator[Row]:
            parsed: list[Row] = []  # a generator, as a sheet's rows: parsed when asked for
            yield from parsed
            raise MemoryError

        monkeypatch.setattr(_workbook, "_sheet_rows", no_memory)
        data = xlsx(sheet_xml(HEADER_ROW + assessment_row(2)))
        assert problems_of(tmp_path, data) == [
            "sheet Sheet1: needs more memory than there is to read"
        ]

    def test_an_unreadable_value_shows_why(self) -> None:
        assert repr(one_row('<c r="A1" t="e"><v>#DIV/0!</v></c>')[0]) == (
            "Unreadable('holds the spreadsheet error \"#DIV/0!\"')"
        )


# -- OpenDocument -----------------------------------------------------------------------------

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
CONTENT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0">'
    "<office:body><office:spreadsheet>"
)
CONTENT_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def ods(tables: str, mimetype: bytes | None = ODS_MIMETYPE) -> bytes:
    """An OpenDocument spreadsheet of the tables ``tables`` (their XML)."""
    parts = [] if mimetype is None else [("mimetype", mimetype)]
    parts.append(("content.xml", (CONTENT_HEAD + tables + CONTENT_TAIL).encode()))
    return zipped(parts)


def text(value: str) -> str:
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def table(name: str, *rows: str) -> str:
    return f'<table:table table:name="{name}">' + "".join(
        f"<table:table-row>{row}</table:table-row>" for row in rows
    ) + "</table:table>"  # fmt: skip


ODS_HEADER = "".join(text(name) for name in ("id", "name", "type", "date"))


def ods_name_problem(tmp_path: Path, cell: str) -> list[str]:
    """The problems of an OpenDocument portfolio whose one assessment has ``cell`` as name."""
    row = text("x") + cell + text("benchmarking") + text("2019-07-25")
    return problems_of(tmp_path, ods(table("Portfolio", ODS_HEADER, row)), "p.ods")


class TestOpenDocumentPackages:
    def test_a_package_without_content(self, tmp_path: Path) -> None:
        data = zipped([("mimetype", ODS_MIMETYPE), ("styles.xml", b"<x/>")])
        assert problems_of(tmp_path, data, "p.ods") == [
            "is not an OpenDocument spreadsheet (it has no content.xml)"
        ]

    def test_another_kind_of_document(self, tmp_path: Path) -> None:
        data = ods(table("Portfolio", ODS_HEADER), b"application/vnd.oasis.opendocument.text\n")
        assert problems_of(tmp_path, data, "p.ods") == [
            'is not an OpenDocument spreadsheet but "application/vnd.oasis.opendocument.text"'
        ]

    def test_a_package_without_a_mimetype_is_read(self) -> None:
        data = ods(table("Sheet1", text("a") + text("b")), mimetype=None)
        assert values_of(data, "ods") == [["a", "b"]]

    def test_a_spreadsheet_without_a_table(self, tmp_path: Path) -> None:
        assert problems_of(tmp_path, ods(""), "p.ods") == ["has no sheet"]


class TestOpenDocumentCells:
    def test_formulas_whose_text_is_a_constant(self) -> None:
        cells = (
            '<table:table-cell table:formula="of:=45000" office:value-type="date" '
            'office:date-value="2023-03-15"><text:p>15.03.23</text:p></table:table-cell>'
            '<table:table-cell table:formula="of:=0.5" office:value-type="percentage" '
            'office:value="0.5"><text:p>50%</text:p></table:table-cell>'
            '<table:table-cell table:formula="of:=FALSE()" office:value-type="boolean" '
            'office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>'
            '<table:table-cell table:formula="of:=&quot;a&quot;&quot;b&quot;" '
            'office:value-type="string"><text:p>a"b</text:p></table:table-cell>'
        )
        [(number, values, codes)] = rows_of(ods(table("Sheet1", cells)), "ods")
        assert number == 1
        assert values == [dt.datetime(2023, 3, 15), 0.5, False, 'a"b']
        assert codes == ["", "0%", "", ""]

    @pytest.mark.parametrize(
        ("cell", "message"),
        [
            ('<table:table-cell table:formula="of:=SUM([.A1:.A3])" office:value-type="float" '
             'office:value="6"><text:p>6</text:p></table:table-cell>',
             'holds the formula "=SUM([.A1:.A3])"; the reader takes values only (copy the '
             "column and paste it as values)"),
            ('<table:table-cell office:value-type="float" office:value="abc"/>',
             'is a number cell holding "abc", which is no finite number'),
            ('<table:table-cell office:value-type="currency" office:value="1e999"/>',
             'is a number cell holding "1e999", which is no finite number'),
            ('<table:table-cell office:value-type="boolean" office:boolean-value="yes"/>',
             'is a true/false cell holding "yes"'),
            ('<table:table-cell office:value-type="time" office:time-value="PT01H30M00S"/>',
             'holds the time "PT01H30M00S"'),
            ('<table:table-cell office:value-type="void"/>', 'has the unknown value type "void"'),
        ],
    )  # fmt: skip
    def test_cells_that_cannot_be_read(self, tmp_path: Path, cell: str, message: str) -> None:
        assert ods_name_problem(tmp_path, cell) == [
            f"sheet Portfolio, row 2, column name: {message}"
        ]

    def test_the_text_of_a_frame_drawn_in_a_cell_is_no_part_of_its_value(self) -> None:
        cell = (
            '<table:table-cell office:value-type="string"><draw:frame><draw:text-box>'
            '<text:p>a caption<text:s text:c="3"/></text:p></draw:text-box></draw:frame>'
            "<text:p>the value</text:p></table:table-cell>"
        )
        assert values_of(ods(table("Sheet1", cell)), "ods") == [["the value"]]

    def test_a_string_value_attribute_is_the_value(self) -> None:
        cell = (
            '<table:table-cell office:value-type="string" office:string-value="kept">'
            "<text:p>shown</text:p></table:table-cell>"
        )
        assert values_of(ods(table("Sheet1", cell)), "ods") == [["kept"]]

    def test_a_table_in_a_cell_is_no_sheet_and_no_part_of_the_value(self) -> None:
        inner = table("Inner", text("nested") + text("table"))
        cells = (
            f'<table:table-cell office:value-type="string"><text:p>outer</text:p>{inner}'
            "</table:table-cell>"
            f'<table:table-cell office:value-type="string"><text:p>in {inner}a line</text:p>'
            "</table:table-cell>"
        )
        book = open_workbook(ods(table("Sheet1", text("a"), cells, text("after"))), "p.ods", "ods")
        assert book.sheets == ["Sheet1"]
        assert [(n, v) for n, v, _ in book.rows("Sheet1")] == [
            (1, ["a"]),
            (2, ["outer", "in a line"]),
            (3, ["after"]),
        ]


def repeated(times: int, cells: str = "<table:table-cell/>") -> str:
    return f'<table:table-row table:number-rows-repeated="{times}">{cells}</table:table-row>'


class TestOpenDocumentRepeats:
    def test_empty_rows_repeated_count_in_the_row_numbers(self) -> None:
        tables = (
            '<table:table table:name="Sheet1">' + f"<table:table-row>{text('one')}</table:table-row>"
            + repeated(3) + f"<table:table-row>{text('five')}</table:table-row>"
            + repeated(1_048_571, '<table:table-cell table:number-columns-repeated="1024"/>')
            + "</table:table>"
        )  # fmt: skip
        assert [(n, v) for n, v, _ in rows_of(ods(tables), "ods")] == [(1, ["one"]), (5, ["five"])]

    def test_a_row_past_the_last_row_of_a_sheet(self, tmp_path: Path) -> None:
        rows = f"<table:table-row>{ODS_HEADER}</table:table-row>" + repeated(1_048_575)
        tables = f'<table:table table:name="Portfolio">{rows}'
        tables += f"<table:table-row>{text('x')}</table:table-row></table:table>"
        assert problems_of(tmp_path, ods(tables), "p.ods") == [
            "sheet Portfolio, row 1048577: lies past row 1,048,576"
        ]

    def test_empty_cells_past_the_last_column_are_nothing(self) -> None:
        empty = '<table:table-cell table:number-columns-repeated="16384"/>'
        cells = text("a") + empty + empty
        [(_, values, codes)] = rows_of(ods(table("Sheet1", cells, empty + empty)), "ods")
        assert values == ["a"]
        assert codes == [""]

    def test_a_value_past_the_last_column(self, tmp_path: Path) -> None:
        gap = '<table:table-cell table:number-columns-repeated="16383"/>'
        cells = text("x") + gap + text("one too many")
        data = ods(table("Portfolio", ODS_HEADER, cells))
        assert problems_of(tmp_path, data, "p.ods") == [
            "sheet Portfolio, row 2: has more than 16,384 columns"
        ]


# -- the writers ------------------------------------------------------------------------------


class TestTheWriters:
    def test_an_xlsx_sheet_holds_at_most_a_million_rows_below_its_header(self) -> None:
        rows: Iterator[list[Any]] = ([] for _ in range(_xlsx.MAX_ROWS))
        with pytest.raises(InvalidValueError, match=r"^Big: more than 1048575 rows do not fit in"):
            _xlsx.workbook([("Big", ["a"], rows)])

    def test_an_xlsx_sheet_without_columns_has_no_filter(self) -> None:
        book = openpyxl.load_workbook(io.BytesIO(_xlsx.workbook([("Empty", [], [])])))
        assert book.sheetnames == ["Empty"]
        assert book["Empty"].auto_filter.ref is None
        assert book["Empty"].max_row == 1

    def test_the_time_a_workbook_records_as_written(self) -> None:
        moment = dt.datetime(2024, 5, 2, 12, 0)
        sheets: list[_xlsx.Sheet] = [("Days", ["day"], [[dt.date(2024, 5, 2)]])]
        book = openpyxl.load_workbook(io.BytesIO(_xlsx.workbook(sheets, written=moment)))
        assert book.properties.created == moment
        assert book["Days"]["A2"].value == dt.datetime(2024, 5, 2)
        assert book["Days"]["A2"].number_format == "yyyy-mm-dd"

    def test_records_in_the_order_of_their_columns(self, tmp_path: Path) -> None:
        records: list[dict[str, Any]] = [{"b": 2, "a": "one"}, {"a": "=1+1", "c": "no"}]
        path = tmp_path / "records.xlsx"
        _xlsx.save(path, [_xlsx.records_sheet("Records", records, ["a", "b"])])
        sheet = openpyxl.load_workbook(path)["Records"]
        assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
            ["a", "b"],
            ["one", 2],
            ["=1+1", None],
        ]
        assert sheet["A3"].data_type == "s"  # text, never a formula

    def test_an_ods_text_keeps_its_spaces_and_tabs(self) -> None:
        texts = ["  two before", "after two  ", "a   run", "one space", "a\ttab", " \t mixed  "]
        data = ods_workbook([("Texts", ["text"], [[t] for t in texts])])
        assert values_of(data, "ods", "Texts") == [["text"], *([t] for t in texts)]
        content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode()
        assert '<text:p><text:s text:c="2"/>two before</text:p>' in content
        assert '<text:p>a <text:s text:c="2"/>run</text:p>' in content

    def test_ods_sheets_of_one_title_are_told_apart(self) -> None:
        sheets: list[_xlsx.Sheet] = [("Data", ["a"], [[1]]), ("data", ["b"], [[2]])]
        data = ods_workbook(sheets)
        book = open_workbook(data, "p.ods", "ods")
        assert book.sheets == ["Data", "data_1"]
        assert values_of(data, "ods", "data_1") == [["b"], [2]]
