#!/usr/bin/env python3
"""Writes the XLSX reader's feature workbooks into Tests/Fixtures/xlsx (or OUT_DIR).

Each workbook reproduces one thing real offices send that the reader must handle (Strict
OOXML, the 1904 date system, inline strings, shared formulas, backslash or odd-case part names,
merged ranges, styled empty rows…) or must refuse (entity bombs, external entities, `..` part
names, compression bombs, password-encrypted files). The XML is written by hand, so every
file is small and each feature is exactly what its name says. Next to each `NAME.xlsx`,
`NAME.xlsx.expected.json` says what a correct reader gives: the sheet names and one grid per
sheet from A1 to the last cell holding a value (as `dip dump --format json` prints it:
null for empty, numbers, ISO dates, error text), or the error it must stop with; some add
merged ranges, hidden rows, the date system or long-cell checks.

Deterministic: fixed zip timestamps and entry order, standard library only. The tests
regenerate the files into a temporary folder and compare them with the committed ones.

Usage: scripts/make-xlsx-fixtures.py [OUT_DIR]
       scripts/make-xlsx-fixtures.py --check [DIR]   compares DIR with what would be written
                                                    (zip entries by name and content, so a
                                                    different zlib does not matter); prints
                                                    one final OK/FAIL line, exit 0/1
"""
import datetime
import json
import os
import struct
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
STAMP = (2026, 1, 1, 0, 0, 0)

# Styles: 0 general, 1 date (built-in format 14), 2 a filled empty-row style, 3 text format.
STYLES = (XML_DECL + f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
          '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>'
          '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" applyFill="1"/>'
          '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>')


def write_zip(path, entries):
    """entries: list of (name, bytes or str, compress). Fixed timestamps and order."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data, compress in entries:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def content_types(overrides, extra_defaults=""):
    body = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    return (XML_DECL + f'<Types xmlns="{CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{extra_defaults}{body}</Types>')


def rels(items, ns=PKG_REL):
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in items)
    return XML_DECL + f'<Relationships xmlns="{ns}">{body}</Relationships>'


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def col(n):
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def workbook(sheets, sheet_xml, shared=None, workbook_pr="", defined="", names=None, rel_ns=REL, main=MAIN,
             styles=True, root_target="xl/workbook.xml", sheet_target=lambda i: f"worksheets/sheet{i + 1}.xml"):
    """A standard package: sheets = [(name, state)], sheet_xml = [xml]. Returns entries."""
    names = names or {}
    wb_name = names.get("workbook", "xl/workbook.xml")
    sheet_entries = "".join(
        f'<sheet name="{esc(n)}" sheetId="{i + 1}"{f" state={chr(34)}{s}{chr(34)}" if s else ""} r:id="rId{i + 1}"/>'
        for i, (n, s) in enumerate(sheets))
    wb = XML_DECL + f'<workbook xmlns="{main}" xmlns:r="{rel_ns}">{workbook_pr}<sheets>{sheet_entries}</sheets>{defined}</workbook>'
    wb_rels = [(f"rId{i + 1}", f"{rel_ns}/worksheet", sheet_target(i)) for i in range(len(sheets))]
    k = len(sheets)
    if styles:
        k += 1
        wb_rels.append((f"rId{k}", f"{rel_ns}/styles", "styles.xml"))
    if shared is not None:
        k += 1
        wb_rels.append((f"rId{k}", f"{rel_ns}/sharedStrings", "sharedStrings.xml"))
    sheet_ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    overrides = [("/" + wb_name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")]
    entries = [
        ("[Content_Types].xml", None, True),
        (names.get("rels", "_rels/.rels"), rels([("rId1", f"{rel_ns}/officeDocument", root_target)]), True),
        (wb_name, wb, True),
        (names.get("workbook_rels", "xl/_rels/workbook.xml.rels"), rels(wb_rels), True),
    ]
    for i, xml in enumerate(sheet_xml):
        part = names.get(f"sheet{i + 1}", "xl/" + sheet_target(i).lstrip("/").removeprefix("xl/"))
        overrides.append(("/" + part, sheet_ct))
        entries.append((part, xml, True))
    if styles:
        entries.append((names.get("styles", "xl/styles.xml"), STYLES.replace(MAIN, main), True))
    if shared is not None:
        entries.append((names.get("sharedStrings", "xl/sharedStrings.xml"), shared, True))
    entries[0] = ("[Content_Types].xml", content_types(overrides), True)
    return entries


def sheet(rows_xml, extra="", main=MAIN, before=""):
    return XML_DECL + f'<worksheet xmlns="{main}" xmlns:r="{REL}">{before}<sheetData>{rows_xml}</sheetData>{extra}</worksheet>'


def row(n, cells, attrs=""):
    return f'<row r="{n}"{attrs}>{"".join(cells)}</row>'


def inline(ref, text):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{esc(text)}</t></is></c>'


def num(ref, value, style=None):
    s = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}"{s}><v>{value}</v></c>'


def sst(items):
    body = "".join(items)
    return XML_DECL + f'<sst xmlns="{MAIN}" count="{len(items)}" uniqueCount="{len(items)}">{body}</sst>'


def si(text):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<si><t{space}>{esc(text)}</t></si>"


def serial(day, epoch1904=False):
    base = datetime.date(1904, 1, 1) if epoch1904 else datetime.date(1899, 12, 30)
    return (day - base).days


FIXTURES = []


def fixture(fn):
    FIXTURES.append(fn)
    return fn


# ---------------------------------------------------------------- features the reader handles

@fixture
def strict_ooxml():
    """Strict OOXML (ISO 29500 Strict): purl.oclc.org namespaces everywhere, ISO dates as numbers."""
    d = datetime.date(2026, 3, 17)
    rows = (row(1, [inline("A1", "Ringkasan"), inline("B1", "Tahun"), inline("C1", "Tanggal")])
            + row(2, [f'<c r="A2" t="s"><v>0</v></c>', num("B2", 2026), num("C2", serial(d), 1)]))
    shared = sst([si("Profil badan publik")]).replace(MAIN, STRICT_MAIN)
    entries = workbook([("Strict", None)], [sheet(rows, main=STRICT_MAIN)], shared=shared, rel_ns=STRICT_REL, main=STRICT_MAIN)
    # The package relationships of a Strict file also use the Strict officeDocument type.
    return entries, {"sheet_names": ["Strict"], "sheets": {"Strict": [
        ["Ringkasan", "Tahun", "Tanggal"], ["Profil badan publik", 2026, "2026-03-17"]]}}


@fixture
def date1904():
    """workbookPr date1904="1": serials count days from 1904-01-01 (Mac Excel)."""
    days = [datetime.date(2026, 1, 5), datetime.date(1904, 1, 2), datetime.date(2000, 2, 29)]
    rows = row(1, [inline("A1", "Tanggal")]) + "".join(
        row(i + 2, [num(f"A{i + 2}", serial(d, True), 1)]) for i, d in enumerate(days))
    entries = workbook([("Mac", None)], [sheet(rows)], workbook_pr='<workbookPr date1904="1"/>')
    return entries, {"is1904": True, "sheet_names": ["Mac"],
                     "sheets": {"Mac": [["Tanggal"]] + [[d.isoformat()] for d in days]}}


@fixture
def inline_and_rich_strings():
    """Inline strings (t="inlineStr"), rich-text runs inline and shared, phonetic runs skipped,
    an empty <si/> that keeps its index, whitespace kept only with xml:space="preserve"."""
    shared = sst([
        "<si><r><rPr><b/></rPr><t>Dinas </t></r><r><t>Sosial</t></r></si>",
        "<si/>",
        '<si><t>Kecamatan</t><rPh sb="0" eb="1"><t>KANA</t></rPh></si>',
        si("  Sekretariat  "),
    ])
    rows = (row(1, [inline("A1", "Teks"), '<c r="B1" t="inlineStr"><is><r><t>Bagian </t></r><r><rPr><i/></rPr><t>Umum</t></r></is></c>'])
            + row(2, ['<c r="A2" t="s"><v>0</v></c>', '<c r="B2" t="s"><v>1</v></c>', '<c r="C2" t="s"><v>2</v></c>'])
            + row(3, ['<c r="A3" t="s"><v>3</v></c>', inline("B3", " ada spasi ")]))
    entries = workbook([("Teks", None)], [sheet(rows)], shared=shared)
    return entries, {"sheet_names": ["Teks"], "sheets": {"Teks": [
        ["Teks", "Bagian Umum", None], ["Dinas Sosial", None, "Kecamatan"], ["  Sekretariat  ", " ada spasi ", None]]}}


@fixture
def shared_formulas():
    """Shared formulas (<f t="shared" si>) with cached values, a string-typed cached result
    (t="str"), a formula with no cached value (empty, counted), booleans and error cells."""
    rows = (row(1, [num("A1", 1), '<c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c>'])
            + row(2, [num("A2", 2), '<c r="B2"><f t="shared" si="0"/><v>4</v></c>'])
            + row(3, [num("A3", 3), '<c r="B3"><f t="shared" si="0"/><v>6</v></c>'])
            + row(4, ['<c r="A4" t="str"><f>"No. "&amp;A1</f><v>No. 1</v></c>', '<c r="B4" t="str"><f>TEXT(A2,"0")</f><v>2</v></c>'])
            + row(5, ['<c r="A5" t="str"><f>A1&amp;"x"</f></c>', '<c r="B5" t="b"><v>1</v></c>', '<c r="C5" t="e"><v>#DIV/0!</v></c>',
                      '<c r="D5" t="e"><f>NA()</f><v>#N/A</v></c>']))
    entries = workbook([("Rumus", None)], [sheet(rows)])
    return entries, {"formulas_without_value": 1, "sheet_names": ["Rumus"], "sheets": {"Rumus": [
        [1, 2, None, None], [2, 4, None, None], [3, 6, None, None], ["No. 1", "2", None, None],
        [None, True, "#DIV/0!", "#N/A"]]}}


@fixture
def backslash_part_names():
    """Zip entry names with backslashes (xl\\worksheets\\sheet1.xml), as some Windows tools
    write them; no forward-slash _rels/.rels at all."""
    rows = row(1, [inline("A1", "No"), inline("B1", "Ringkasan")]) + row(2, [num("A2", 1), inline("B2", "Profil")])
    names = {"rels": "_rels\\.rels", "workbook": "xl\\workbook.xml", "workbook_rels": "xl\\_rels\\workbook.xml.rels",
             "sheet1": "xl\\worksheets\\sheet1.xml", "styles": "xl\\styles.xml"}
    entries = workbook([("Miring", None)], [sheet(rows)], names=names)
    entries[0] = ("[Content_Types].xml", content_types([
        ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")]), True)
    return entries, {"sheet_names": ["Miring"], "sheets": {"Miring": [["No", "Ringkasan"], [1, "Profil"]]}}


@fixture
def odd_case_part_names():
    """Part names in another case than the relationships say (xl/WorkBook.xml,
    xl/WorkSheets/SHEET1.xml, xl/STYLES.XML) and explicit zip directory entries."""
    rows = row(1, [inline("A1", "Huruf"), num("B1", 7)])
    names = {"workbook": "xl/WorkBook.xml", "workbook_rels": "xl/_rels/WorkBook.xml.rels",
             "sheet1": "xl/WorkSheets/SHEET1.xml", "styles": "xl/STYLES.XML"}
    entries = workbook([("Besar Kecil", None)], [sheet(rows)], names=names)
    entries = [("xl/", b"", False), ("xl/_rels/", b"", False), ("xl/WorkSheets/", b"", False)] + entries
    return entries, {"sheet_names": ["Besar Kecil"], "sheets": {"Besar Kecil": [["Huruf", 7]]}}


@fixture
def absolute_targets_and_prefixes():
    """Absolute relationship targets (/xl/...), a worksheet part named sheet.xml, an x:
    namespace prefix, no <dimension>, rows and cells without r, lower-case references."""
    x = f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
    x += '<x:row><x:c t="inlineStr"><x:is><x:t>Satu</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row>'
    x += '<x:row><x:c r="b2"><x:v>2</x:v></x:c><x:c r="c2" t="inlineStr"><x:is><x:t>dua</x:t></x:is></x:c></x:row>'
    x += '</x:sheetData></x:worksheet>'
    entries = workbook([("Awalan", None)], [XML_DECL + x], root_target="/xl/workbook.xml",
                       sheet_target=lambda i: "/xl/worksheets/sheet.xml")
    return entries, {"sheet_names": ["Awalan"], "sheets": {"Awalan": [["Satu", 1, None], [None, 2, "dua"]]}}


@fixture
def merged_ranges():
    """Merged header cells (only the top-left holds the value), merges listed after sheetData,
    and a hidden sheet listed with the visible ones."""
    rows = (row(1, [inline("A1", "DAFTAR INFORMASI PUBLIK")])
            + row(2, [inline("A2", "No"), inline("B2", "Ringkasan"), inline("C2", "Bentuk")])
            + row(3, [inline("C3", "Cetak"), inline("D3", "Online")])
            + row(4, [num("A4", 1), inline("B4", "Profil"), inline("C4", "v"), inline("D4", "v")])
            + row(5, [num("A5", 2), inline("B5", "Renstra")]))
    merges = ["A1:D1", "A2:A3", "B2:B3", "C2:D2", "B5:D6"]
    extra = f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
    hidden = sheet(row(1, [inline("A1", "tersembunyi")]))
    entries = workbook([("Gabung", None), ("Catatan", "hidden")], [sheet(rows, extra), hidden])
    return entries, {"merged": {"Gabung": merges}, "sheet_names": ["Gabung", "Catatan"], "sheets": {
        "Gabung": [["DAFTAR INFORMASI PUBLIK", None, None, None], ["No", "Ringkasan", "Bentuk", None],
                   [None, None, "Cetak", "Online"], [1, "Profil", "v", "v"], [2, "Renstra", None, None]],
        "Catatan": [["tersembunyi"]]}}


@fixture
def styled_empty_rows():
    """Thousands of formatted but empty rows and styled empty cells after the data (what a
    template filled halfway leaves), a hidden row, a <dimension> claiming far more than there is."""
    rows = row(1, [inline("A1", "No"), inline("B1", "Ringkasan")])
    rows += row(2, [num("A2", 1), inline("B2", "Profil"), '<c r="C2" s="2"/>'])
    rows += row(3, [num("A3", 2), inline("B3", "Rahasia")], ' hidden="1"')
    rows += "".join(row(n, [f'<c r="A{n}" s="2"/>', f'<c r="B{n}" s="3"/>'], ' s="2" customFormat="1" ht="15"') for n in range(4, 3004))
    entries = workbook([("Kosong", None)], [sheet(rows, before='<dimension ref="A1:Z3003"/>')])
    return entries, {"hidden_rows": {"Kosong": [3]}, "sheet_names": ["Kosong"], "sheets": {"Kosong": [
        ["No", "Ringkasan"], [1, "Profil"], [2, "Rahasia"]]}}


@fixture
def iso_date_cells():
    """t="d" cells holding ISO 8601 dates and date-times, and date-formatted numbers."""
    rows = (row(1, ['<c r="A1" t="d"><v>2026-02-14</v></c>', '<c r="B1" t="d"><v>2026-02-14T08:30:00</v></c>'])
            + row(2, [num("A2", serial(datetime.date(2025, 12, 31)), 1), num("B2", 0.5, 1)]))
    entries = workbook([("Tanggal", None)], [sheet(rows)])
    return entries, {"sheet_names": ["Tanggal"], "sheets": {"Tanggal": [
        ["2026-02-14", "2026-02-14T08:30:00"], ["2025-12-31", "12:00:00"]]}}


@fixture
def long_cell():
    """A 200 000-character cell (varied text, so it does not compress like a bomb) read whole."""
    words = ["informasi", "publik", "daftar", "dinas", "laporan", "anggaran", "kegiatan", "tahun"]
    state, out = 12345, []
    while sum(len(w) + 1 for w in out) < 200_000:
        state = (state * 1103515245 + 12345) % (1 << 31)
        out.append(words[state % len(words)] + str(state % 97))
    text = " ".join(out)[:200_000]
    entries = workbook([("Panjang", None)], [sheet(row(1, [inline("A1", text), num("B1", 1)]))])
    return entries, {"long_cells": {"Panjang!A1": {"length": len(text), "prefix": text[:40], "suffix": text[-40:]}},
                     "sheet_names": ["Panjang"]}


# ---------------------------------------------------------------- files the reader must refuse

@fixture
def entity_bomb():
    """Billion laughs in the shared strings: refused at the DOCTYPE, never expanded."""
    dtd = '<!DOCTYPE sst [<!ENTITY lol "lol">'
    dtd += '<!ENTITY lol1 "' + "&lol;" * 10 + '">'
    for i in range(2, 10):
        dtd += f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">'
    dtd += "]>"
    shared = '<?xml version="1.0"?>' + dtd + f'<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'
    entries = workbook([("Bom", None)], [sheet(row(1, ['<c r="A1" t="s"><v>0</v></c>']))], shared=shared)
    return entries, {"error": "DOCTYPE refused in xl/sharedStrings.xml", "error_on": "rows"}


@fixture
def external_entity():
    """An external entity (XXE) naming a local file in the sheet: refused, the file never read."""
    x = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
         f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')
    entries = workbook([("XXE", None)], [x])
    return entries, {"error": "DOCTYPE refused in xl/worksheets/sheet1.xml", "error_on": "rows"}


@fixture
def dot_dot_part_name():
    """A relationship pointing outside the package (../../evil.xml) and an entry named so."""
    entries = workbook([("Jalan", None)], [sheet(row(1, [inline("A1", "x")]))],
                       sheet_target=lambda i: "../../evil.xml", names={"sheet1": "../evil.xml"})
    return entries, {"error": "unsafe part name ../../evil.xml", "error_on": "open"}


@fixture
def compression_bomb():
    """Four megabytes of blanks inside sheetData: deflates far past the reader's ratio cap."""
    x = sheet(row(1, [num("A1", 1)]) + " " * (4 << 20))
    entries = workbook([("Bom", None)], [x])
    return entries, {"error": "compression ratio of xl/worksheets/sheet1.xml", "error_on": "rows"}


@fixture
def password_encrypted():
    """What Excel saves with "Encrypt with password": a CFB (OLE2) container holding
    EncryptionInfo and EncryptedPackage streams, not a zip."""
    return cfb_encrypted(), {"error": "encrypted", "error_on": "open", "cfb_encrypted": True}


def cfb_encrypted():
    """A minimal, valid compound file (v3, 512-byte sectors): header, one FAT sector, one
    directory sector (Root Entry, EncryptionInfo, EncryptedPackage), a mini stream is not
    used: both streams are 4096 bytes, so they live in regular sectors."""
    sector = 512
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + bytes(4088)          # agile EncryptionInfo header, padded
    package = struct.pack("<Q", 1234) + bytes((i * 7) & 0xFF for i in range(4088))
    # Sector layout: 0 FAT, 1 directory, 2-9 EncryptionInfo, 10-17 EncryptedPackage.
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    fat += [i + 1 for i in range(2, 9)] + [0xFFFFFFFE]
    fat += [i + 1 for i in range(10, 17)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)            # number of FAT sectors
    struct.pack_into("<I", header, 48, 1)            # first directory sector
    struct.pack_into("<I", header, 56, 4096)         # mini stream cutoff
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)   # first mini FAT sector: none
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)   # first DIFAT sector: none
    struct.pack_into("<I", header, 76, 0)            # DIFAT[0] = FAT in sector 0
    for k in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * k, 0xFFFFFFFF)

    def entry(name, kind, left, right, child, start, size):
        e = bytearray(128)
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, left, right, child)
        struct.pack_into("<IQ", e, 116, start, size)
        return bytes(e)

    none = 0xFFFFFFFF
    directory = (entry("Root Entry", 5, none, none, 1, 0xFFFFFFFE, 0)
                 + entry("EncryptionInfo", 2, none, 2, none, 2, len(info))
                 + entry("EncryptedPackage", 2, none, none, none, 10, len(package))
                 + bytes(128))
    return bytes(header) + struct.pack(f"<{sector // 4}I", *fat) + directory + info + package


def build():
    """Yields (file name, bytes or zip entries, expected JSON text) for every fixture."""
    for fn in FIXTURES:
        name = fn.__name__.replace("_", "-") + ".xlsx"
        content, expected = fn()
        expected = {"feature": " ".join(fn.__doc__.split()), **expected}
        yield name, content, json.dumps(expected, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def entries_of(content):
    """Comparable form of a fixture: raw bytes, or the zip's (name, data) in order."""
    if isinstance(content, bytes):
        return content
    return [(n, d.encode("utf-8") if isinstance(d, str) else d) for n, d, _ in content]


def check(directory):
    problems, names = [], set()
    for name, content, expected in build():
        names.update({name, name + ".expected.json"})
        path = os.path.join(directory, name)
        try:
            with open(path + ".expected.json", encoding="utf-8") as fh:
                if fh.read() != expected:
                    problems.append(f"{name}.expected.json differs")
            if isinstance(content, bytes):
                with open(path, "rb") as fh:
                    same = fh.read() == content
            else:
                with zipfile.ZipFile(path) as z:
                    same = [(i.filename, z.read(i)) for i in z.infolist()] == entries_of(content)
            if not same:
                problems.append(f"{name} differs")
        except (OSError, zipfile.BadZipFile) as error:
            problems.append(f"{name}: {error}")
    extra = sorted(set(os.listdir(directory)) - names - {"README.md"}) if os.path.isdir(directory) else []
    problems += [f"{n} is not made by this script" for n in extra]
    for p in problems:
        print("ERROR " + p)
    if problems:
        print(f"FAIL make-xlsx-fixtures --check {directory}: {problems[0]} ({len(problems)} problem(s)); "
              "run scripts/make-xlsx-fixtures.py and commit the result")
        return 1
    print(f"OK make-xlsx-fixtures --check: {len(FIXTURES)} workbooks match the generator")
    return 0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "Tests", "Fixtures", "xlsx")
    args = sys.argv[1:]
    if args and args[0] == "--check":
        sys.exit(check(args[1] if len(args) > 1 else default))
    out = args[0] if args else default
    os.makedirs(out, exist_ok=True)
    for name, content, expected in build():
        path = os.path.join(out, name)
        if isinstance(content, bytes):
            with open(path, "wb") as fh:
                fh.write(content)
        else:
            write_zip(path, content)
        with open(path + ".expected.json", "w", encoding="utf-8") as fh:
            fh.write(expected)
    print(f"{len(FIXTURES)} workbooks written to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
