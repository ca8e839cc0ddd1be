#!/usr/bin/env python3
"""Writes a battery of hostile and broken submissions into OUT_DIR (default /tmp/dip-hostile).

What a careless or hostile sender drops into inbox/<unit>/: zip bombs (ratio, many entries,
nested), DOCTYPE/entity expansion and external entities in every part of a workbook, unsafe
and duplicated entry names, cut or damaged central directories, lying dimensions, references
at the grid's edge, out-of-range indexes, huge merge lists, odd numbers and dates, long cells,
broken CSV encodings, text dressed as a workbook (CSV, HTML, SpreadsheetML 2003 XML), hostile
HTML pages (entity bombs, deep nesting, huge cells and spans, scripts, 6,000 tables), legacy
and encrypted files, empty files. Each file's name says what it is; `scripts/hostile-check.sh`
runs `dip check` on each with a time limit and prints exit code, peak RSS and the message.

Standard library only; deterministic (fixed zip timestamps). Not used by the tests, which
build their own small cases: this is for attacking a build by hand and for
docs/intake.md "Hostile files (session 21)".

Usage: scripts/make-hostile-files.py [OUT_DIR]
"""
import importlib.util
import os
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("fixtures", os.path.join(HERE, "make-xlsx-fixtures.py"))
fx = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fx)
MAIN, XML_DECL = fx.MAIN, fx.XML_DECL

HEADER = ["No", "Ringkasan Isi Informasi", "Pejabat/Unit yang Menguasai Informasi",
          "Penanggung Jawab Pembuatan atau Penerbitan Informasi", "Waktu Pembuatan", "Tempat Pembuatan",
          "Bentuk Informasi", "Jangka Waktu Penyimpanan", "Jenis Informasi"]
ROW = ["1", "Laporan keuangan tahun 2025", "Sekretariat", "Kepala Dinas", "2025", "Serang", "Softcopy",
       "5 tahun", "Berkala"]


def good_rows(n=3):
    """Header plus n item rows as inline-string XML rows."""
    out = [fx.row(1, [fx.inline(f"{fx.col(c)}1", h) for c, h in enumerate(HEADER)])]
    for r in range(2, n + 2):
        vals = list(ROW)
        vals[0] = str(r - 1)
        vals[1] = f"Laporan keuangan tahun {2000 + r}"
        out.append(fx.row(r, [fx.inline(f"{fx.col(c)}{r}", v) for c, v in enumerate(vals)]))
    return "".join(out)


def good_entries(rows_xml=None, extra="", before="", shared=None):
    return fx.workbook([("DIP", None)], [fx.sheet(rows_xml or good_rows(), extra=extra, before=before)], shared=shared)


def replace(entries, name, data):
    return [(n, data if n == name else d, c) for n, d, c in entries]


def write_raw_zip(path, entries):
    """Like fx.write_zip but allows duplicate names (zipfile warns, still writes them)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fx.write_zip(path, entries)


BOMB_DTD = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
            '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
            '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>')
XXE_DTD = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>'


def with_doctype(xml, dtd):
    """Puts `dtd` after the XML declaration (or first)."""
    if xml.startswith("<?xml"):
        end = xml.index("?>") + 2
        return xml[:end] + dtd + xml[end:]
    return dtd + xml


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/dip-hostile"
    os.makedirs(out, exist_ok=True)
    files = {}

    base = good_entries()
    files["baseline.xlsx"] = base
    parts = [n for n, _, _ in base]
    # DOCTYPE with entity expansion and external entities in every part.
    for name in parts:
        tag = name.replace("/", "_").replace("[", "").replace("]", "")
        data = dict((n, d) for n, d, _ in base)[name]
        files[f"bomb-entity-{tag}.xlsx"] = replace(base, name, with_doctype(data, BOMB_DTD))
        files[f"xxe-{tag}.xlsx"] = replace(base, name, with_doctype(data, XXE_DTD))
    shared = fx.sst([fx.si(v) for v in HEADER])
    with_sst = good_entries(rows_xml=fx.row(1, [f'<c r="{fx.col(i)}1" t="s"><v>{i}</v></c>' for i in range(len(HEADER))]),
                            shared=shared)
    files["bomb-entity-sharedStrings.xlsx"] = replace(with_sst, "xl/sharedStrings.xml", with_doctype(shared, BOMB_DTD))
    files["xxe-sharedStrings.xlsx"] = replace(with_sst, "xl/sharedStrings.xml", with_doctype(shared, XXE_DTD))

    # Zip bombs.
    files["bomb-ratio-sheet.xlsx"] = good_entries(extra=" " * (200 << 20))
    files["bomb-ratio-unreferenced-part.xlsx"] = base + [("xl/media/image1.png", b"\0" * (200 << 20), True)]
    files["bomb-many-entries.xlsx"] = base + [(f"xl/junk/{i}.xml", "", False) for i in range(70000)]
    files["bomb-many-entries-under-cap.xlsx"] = base + [(f"xl/junk/{i}.xml", "<x/>", True) for i in range(9000)]
    inner = os.path.join(out, ".inner.xlsx")
    fx.write_zip(inner, good_entries(extra=" " * (50 << 20)))
    with open(inner, "rb") as f:
        inner_bytes = f.read()
    os.remove(inner)
    files["bomb-nested-zip.xlsx"] = base + [("xl/embeddings/Microsoft_Excel_Worksheet1.xlsx", inner_bytes * 1, True)]
    # A sheet whose rows are many empty-but-present cells (cell budget).
    many = "".join(f'<row r="{r}">' + '<c r="A%d"/>' % r * 1 + "</row>" for r in range(10, 300000))
    files["bomb-many-empty-rows.xlsx"] = good_entries(rows_xml=good_rows() + many)

    # Unsafe and duplicated names.
    files["path-traversal-entry.xlsx"] = base + [("../../../../tmp/dip-evil.txt", "evil", True)]
    files["path-absolute-entry.xlsx"] = base + [("/tmp/dip-evil-abs.txt", "evil", True)]
    files["path-backslash-traversal.xlsx"] = base + [("..\\..\\dip-evil-bs.txt", "evil", True)]
    files["path-traversal-sheet-target.xlsx"] = fx.workbook(
        [("DIP", None)], [fx.sheet(good_rows())], sheet_target=lambda i: "../../../etc/passwd",
        names={"sheet1": "xl/worksheets/sheet1.xml"})
    files["path-sheet-target-etc-abs.xlsx"] = fx.workbook(
        [("DIP", None)], [fx.sheet(good_rows())], sheet_target=lambda i: "/etc/passwd",
        names={"sheet1": "xl/worksheets/sheet1.xml"})
    decoy = fx.sheet(fx.row(1, [fx.inline("A1", "decoy")]))
    files["duplicate-entry-sheet.xlsx"] = base + [("xl/worksheets/sheet1.xml", decoy, True)]
    files["duplicate-entry-sheet-case.xlsx"] = base + [("xl/worksheets/Sheet1.xml", decoy, True)]
    files["duplicate-entry-workbook.xlsx"] = base + [("xl/workbook.xml", "<workbook/>", True)]
    files["duplicate-entry-content-types.xlsx"] = base + [("[Content_Types].xml", "<Types/>", True)]

    # Sheet-level lies and edges.
    files["dimension-lies-huge.xlsx"] = good_entries(before='<dimension ref="A1:XFD1048576"/>')
    files["dimension-lies-small.xlsx"] = good_entries(before='<dimension ref="A1"/>')
    files["dimension-garbage.xlsx"] = good_entries(before='<dimension ref="ZZZZZZ99999999999999999999:-1"/>')
    edge = good_rows() + fx.row(1048576, [fx.inline("XFD1048576", "ujung")])
    files["cell-at-XFD1048576.xlsx"] = good_entries(rows_xml=edge)
    files["cell-past-XFD.xlsx"] = good_entries(rows_xml=good_rows() + fx.row(5, [fx.inline("XFE5", "lewat")]))
    files["row-past-1048576.xlsx"] = good_entries(rows_xml=good_rows() + fx.row(1048577, [fx.inline("A1048577", "lewat")]))
    files["row-zero-and-negative.xlsx"] = good_entries(rows_xml=good_rows() + '<row r="0"><c r="A0" t="inlineStr"><is><t>nol</t></is></c></row><row r="-5"><c r="B-5"><v>1</v></c></row>')
    files["row-number-overflow.xlsx"] = good_entries(rows_xml=good_rows() + '<row r="99999999999999999999999"><c r="A99999999999999999999999"><v>1</v></c></row>')
    files["column-letters-overflow.xlsx"] = good_entries(rows_xml=good_rows() + fx.row(6, ['<c r="AAAAAAAAAAAAAAAAAAAA6"><v>1</v></c>']))
    files["sst-index-out-of-range.xlsx"] = replace(with_sst, "xl/worksheets/sheet1.xml", fx.sheet(
        fx.row(1, [f'<c r="{fx.col(i)}1" t="s"><v>{i}</v></c>' for i in range(len(HEADER))])
        + fx.row(2, ['<c r="A2" t="s"><v>99999</v></c>', '<c r="B2" t="s"><v>-1</v></c>',
                     '<c r="C2" t="s"><v>99999999999999999999999</v></c>', '<c r="D2" t="s"><v>abc</v></c>'])))
    files["style-index-out-of-range.xlsx"] = good_entries(rows_xml=good_rows() + fx.row(5, ['<c r="E5" s="99999999"><v>45000</v></c>', '<c r="F5" s="-3"><v>1</v></c>']))
    odd_numbers = ['<c r="A6"><v>1e309</v></c>', '<c r="B6"><v>NaN</v></c>', '<c r="C6"><v>-inf</v></c>',
                   '<c r="E6" s="1"><v>1e300</v></c>', '<c r="F6" s="1"><v>-1e300</v></c>', '<c r="G6" s="1"><v>2958466</v></c>',
                   '<c r="H6" s="1"><v>-700000</v></c>', '<c r="I6" t="d"><v>99999-99-99T99:99:99</v></c>',
                   '<c r="E7" s="1"><v>nan</v></c>', '<c r="E8" t="d"><v>-0001-01-01</v></c>', '<c r="E9" t="b"><v>7</v></c>',
                   '<c r="E10" t="e"><v>' + "#" * 5000 + '</v></c>', '<c r="E11" t="x"><v>?</v></c>']
    import re
    by_row = {}
    for cell in odd_numbers:
        by_row.setdefault(int(re.search(r'r="[A-Z]+(\d+)"', cell).group(1)), []).append(cell)
    files["numbers-odd-and-dates-absurd.xlsx"] = good_entries(
        rows_xml=good_rows() + "".join(fx.row(r, cells) for r, cells in sorted(by_row.items())))
    files["dates-as-text-numbers-as-dates.xlsx"] = good_entries(rows_xml=good_rows().replace(
        '<c r="E2" t="inlineStr"><is><t>2025</t></is></c>', '<c r="E2" s="1"><v>2025</v></c>').replace(
        '<c r="E3" t="inlineStr"><is><t>2025</t></is></c>', '<c r="E3" t="inlineStr"><is><t>31/02/2025</t></is></c>'))
    files["long-cell-40000.xlsx"] = good_entries(rows_xml=good_rows() + fx.row(5, [fx.inline("A5", "5"), fx.inline("B5", "x " * 20000)]))
    files["long-cell-5MB-shared-many-refs.xlsx"] = replace(
        with_sst, "xl/sharedStrings.xml", fx.sst([fx.si(v) for v in HEADER] + [fx.si("y" * (5 << 20))]))
    files["long-cell-5MB-shared-many-refs.xlsx"] = replace(
        files["long-cell-5MB-shared-many-refs.xlsx"], "xl/worksheets/sheet1.xml", fx.sheet(
            fx.row(1, [f'<c r="{fx.col(i)}1" t="s"><v>{i}</v></c>' for i in range(len(HEADER))])
            + "".join(fx.row(r, [f'<c r="B{r}" t="s"><v>{len(HEADER)}</v></c>']) for r in range(2, 3000))))
    deep = "<x>" * 100000 + "</x>" * 100000
    files["xml-deep-nesting.xlsx"] = good_entries(extra=deep)
    files["xml-long-name.xlsx"] = good_entries(extra="<" + "a" * (20 << 20) + "/>")
    files["xml-many-attributes.xlsx"] = good_entries(rows_xml=good_rows() + '<row r="9" ' + " ".join(f'a{i}="1"' for i in range(200000)) + "/>")
    files["xml-not-wellformed.xlsx"] = replace(base, "xl/worksheets/sheet1.xml", fx.sheet(good_rows())[:-40])
    files["xml-empty-sheet-part.xlsx"] = replace(base, "xl/worksheets/sheet1.xml", "")
    files["xml-missing-sheet-part.xlsx"] = [e for e in base if e[0] != "xl/worksheets/sheet1.xml"]
    files["xml-missing-workbook.xlsx"] = [e for e in base if e[0] != "xl/workbook.xml"]
    files["xml-utf16-sheet.xlsx"] = replace(base, "xl/worksheets/sheet1.xml",
                                           b"\xff\xfe" + fx.sheet(good_rows()).replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"))
    files["xml-latin1-declared.xlsx"] = replace(base, "xl/worksheets/sheet1.xml",
                                               fx.sheet(good_rows()).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Laporan", "Lapor\u00e1n").encode("latin-1"))
    files["xml-invalid-utf8.xlsx"] = replace(base, "xl/worksheets/sheet1.xml", fx.sheet(good_rows()).encode().replace(b"Laporan keuangan tahun 2002", b"Laporan \xff\xfe keuangan"))
    # Merges: many of them from a small file.
    merges = "".join(f'<mergeCell ref="J{r}:K{r + 1}"/>' for r in range(1, 3000000, 2))
    files["bomb-many-merges.xlsx"] = good_entries(extra=f'<mergeCells count="1500000">{merges}</mergeCells>')
    huge_merge = '<mergeCells count="2"><mergeCell ref="A2:XFD1048576"/><mergeCell ref="B1:B99999999999"/></mergeCells>'
    files["merge-whole-grid.xlsx"] = good_entries(extra=huge_merge)
    links = "".join(f'<hyperlink ref="B{r}" r:id="rId{r}"/>' for r in range(2, 400000))
    files["bomb-many-hyperlinks.xlsx"] = good_entries(extra=f"<hyperlinks>{links}</hyperlinks>")
    many_sheets = fx.workbook([(f"S{i}", None) for i in range(3000)], [fx.sheet("") for _ in range(3000)])
    files["many-sheets.xlsx"] = many_sheets

    # Central directory damage.
    files_raw = {}
    path = os.path.join(out, ".base.xlsx")
    fx.write_zip(path, base)
    with open(path, "rb") as f:
        good = f.read()
    os.remove(path)
    eocd = good.rfind(b"PK\x05\x06")
    cd = struct.unpack_from("<I", good, eocd + 16)[0]
    files_raw["cut-central-directory.xlsx"] = good[: cd + (eocd - cd) // 2]
    files_raw["cut-end-record.xlsx"] = good[:-10]
    files_raw["cut-half.xlsx"] = good[: len(good) // 2]
    files_raw["cut-after-local-header.xlsx"] = good[:40]
    bad = bytearray(good)
    bad[cd: cd + 4] = b"XXXX"
    files_raw["corrupt-cd-signature.xlsx"] = bytes(bad)
    bad = bytearray(good)
    struct.pack_into("<I", bad, eocd + 16, 0xFFFFFFF0)
    files_raw["corrupt-cd-offset.xlsx"] = bytes(bad)
    bad = bytearray(good)
    struct.pack_into("<HH", bad, eocd + 8, 0xFFFF, 0xFFFF)
    files_raw["corrupt-entry-count.xlsx"] = bytes(bad)
    # Declared sizes lie: every central entry says 10 bytes uncompressed.
    bad = bytearray(good)
    p = cd
    while bad[p:p + 4] == b"PK\x01\x02":
        struct.pack_into("<I", bad, p + 24, 10)
        n, e, c = struct.unpack_from("<HHH", bad, p + 28)
        p += 46 + n + e + c
    files_raw["lying-uncompressed-sizes.xlsx"] = bytes(bad)
    # Data corrupted inside the sheet's deflate stream (CRC fails).
    bad = bytearray(good)
    i = good.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 20
    for k in range(i, min(i + 40, len(bad))):
        bad[k] ^= 0x55
    files_raw["corrupt-sheet-data.xlsx"] = bytes(bad)

    # Not what the name says.
    csv_text = "\n".join(",".join(r) for r in [HEADER, ROW]) + "\n"
    files_raw["really-csv.xlsx"] = csv_text.encode()
    html = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
            "<head><meta charset=\"utf-8\"></head><body><table border=\"1\"><tr>"
            + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr><tr>" + "".join(f"<td>{v}</td>" for v in ROW)
            + "</tr></table></body></html>\n")
    files_raw["really-html.xls"] = html.encode()
    files_raw["really-html.xlsx"] = html.encode()
    files_raw["really-html-upper-doctype.xls"] = ("<!DOCTYPE html>\r\n" + html.upper()).encode()
    # HTML pages (read since session 23): entity bombs, deep nesting, huge cells and spans,
    # scripts, a page cut short, a 100 MB page of rows.
    head_row = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    item_row = "<tr>" + "".join(f"<td>{v}</td>" for v in ROW) + "</tr>"
    lol = "<!DOCTYPE html [\n<!ENTITY lol0 \"lol\">\n" + "".join(
        f"<!ENTITY lol{k} \"" + f"&lol{k - 1};" * 10 + "\">\n" for k in range(1, 10)) + "]>\n"
    files_raw["html-billion-laughs.xls"] = (lol + "<html><body><table>" + head_row
                                            + item_row.replace("Laporan keuangan", "&lol9; Laporan keuangan")
                                            + "</table></body></html>").encode()
    files_raw["html-xxe.xls"] = ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY web SYSTEM '
                                 '"http://127.0.0.1:9/x">]><html><body><table>' + head_row
                                 + item_row.replace("Sekretariat", "&xxe;&web;") + "</table></body></html>").encode()
    files_raw["html-deep-divs.xls"] = ("<html><body>" + "<div>" * 200000 + "<table>" + head_row + item_row
                                       + "</table></body></html>").encode()
    files_raw["html-deep-tables.xls"] = ("<html><body>" + "<table><tr><td>" * 100000 + "x</body></html>").encode()
    files_raw["html-huge-cell.xls"] = ("<html><body><table>" + head_row + item_row.replace("Laporan keuangan", "Laporan " * 2_000_000)
                                       + "</table></body></html>").encode()
    files_raw["html-cell-40000.xls"] = ("<html><body><table>" + head_row + item_row.replace("Laporan keuangan", "a" * 40000)
                                        + item_row.replace("1", "2") + "</table></body></html>").encode()
    files_raw["html-colspan-100000.xls"] = ("<html><body><table>" + head_row
                                            + '<tr><td colspan="100000">judul</td></tr>' * 1000 + item_row + "</table></body></html>").encode()
    files_raw["html-wide-row.xls"] = ("<html><body><table>" + head_row + "<tr>" + "<td colspan=1000>x</td>" * 20 + "</tr>"
                                      + item_row + "</table></body></html>").encode()
    files_raw["html-rowspan-flood.xls"] = ("<html><body><table>" + head_row + item_row
                                           + '<tr><td rowspan="65534" colspan="1000">x</td></tr>' * 300000 + "</table></body></html>").encode()
    # Spans that stay under column XFD but make every later one-cell row walk 16,000 covered
    # columns (w23audit: minutes for a 1.2 MB page; refused as content-too-large since).
    files_raw["html-rowspan-walk.xls"] = ("<html><body><table>" + head_row + item_row + "<tr>"
                                          + '<td colspan="1000" rowspan="65534">x</td>' * 16 + "</tr>"
                                          + "<tr><td>y</td></tr>" * 65533 + "</table></body></html>").encode()
    files_raw["html-script-tags.xls"] = ("<html><head><script>" + "document.write('<table><tr><td>No</td></tr></table>');" * 1000
                                         + "</script><style>td{}</style></head><body><table>" + head_row
                                         + item_row.replace("Sekretariat", "Sekre<script>alert(1)</script>tariat")
                                         + "</table><script src=\"http://127.0.0.1:9/x.js\"></script></body></html>").encode()
    files_raw["html-unclosed.xls"] = ("<html><body><table>" + head_row + item_row + "<tr><td>2<td>Laporan kinerja<td>Sekretariat").encode()
    files_raw["html-many-tables.xls"] = ("<html><body>" + "<table><tr><td>a</td><td>b</td></tr></table>" * 6000
                                         + "</body></html>").encode()
    files_raw["html-no-table.xls"] = b"<html><body><p>Sesi Anda telah berakhir. Silakan masuk kembali.</p></body></html>"
    files_raw["html-utf16-bom.xls"] = b"\xff\xfe" + ("<html><body><table>" + head_row + item_row + "</table></body></html>").encode("utf-16-le")
    files_raw["html-bad-charset.xls"] = ('<meta charset="x-mystery-8"><table>' + head_row + item_row + "</table>").encode()
    files_raw["html-binary-tail.xls"] = ("<html><body><table>" + head_row + item_row).encode() + bytes(range(256)) * 64
    files_raw["html-100mb.xls"] = ("<html><body><table>" + head_row).encode() + "".join(
        item_row.replace("Laporan keuangan tahun 2025", f"Laporan kegiatan nomor {k:07d} tahun 2025").replace(">1<", f">{k}<", 1)
        for k in range(1, 500001)).encode() + b"</table></body></html>"
    ssml = ('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
            '<Worksheet ss:Name="DIP"><Table><Row>' + "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in HEADER)
            + '</Row></Table></Worksheet></Workbook>')
    files_raw["really-spreadsheetml-2003.xls"] = ssml.encode()
    files_raw["really-spreadsheetml-2003.xml"] = ssml.encode()
    files_raw["really-pdf.xlsx"] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
    files_raw["really-png.csv"] = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    files_raw["really-docx.xlsx"] = None  # filled below
    cfb = bytearray(fx.cfb_encrypted())
    files_raw["encrypted.xlsx"] = bytes(cfb)
    legacy = bytes(cfb).replace("EncryptedPackage".encode("utf-16-le"), "Workbook\0\0\0\0\0\0\0\0".encode("utf-16-le"))
    files_raw["legacy-biff.xls"] = legacy
    files_raw["legacy-biff-named.xlsx"] = legacy
    files_raw["empty.xlsx"] = b""
    files_raw["empty.csv"] = b""
    files_raw["empty.ods"] = b""
    files_raw["empty-zip.xlsx"] = b"PK\x05\x06" + bytes(18)
    files_raw["only-bom.csv"] = b"\xef\xbb\xbf"
    files_raw["only-newlines.csv"] = b"\r\n" * (5 << 20)

    # CSV encodings and structure.
    files_raw["csv-invalid-utf8.csv"] = csv_text.replace("Laporan", "Lap\xf3ran").encode("latin-1") + b"2,\xff\xfe\xc3(,x\n"
    files_raw["csv-utf16le-bom.csv"] = b"\xff\xfe" + csv_text.encode("utf-16-le")
    files_raw["csv-utf16le-nobom.csv"] = csv_text.encode("utf-16-le")
    files_raw["csv-utf16be-bom.csv"] = b"\xfe\xff" + csv_text.encode("utf-16-be")
    files_raw["csv-utf16be-nobom.csv"] = csv_text.encode("utf-16-be")
    files_raw["csv-utf8-bom.csv"] = b"\xef\xbb\xbf" + csv_text.encode()
    files_raw["csv-nul-in-middle.csv"] = csv_text.encode() + b"2,Peraturan\x00daerah,Sekretariat,Kepala,2025,Serang,Softcopy,5 tahun,Berkala\n"
    files_raw["csv-nul-padding-tail.csv"] = csv_text.encode() + b"\x00" * 65536
    files_raw["csv-unterminated-quote.csv"] = csv_text.encode() + b'2,"Peraturan daerah yang tidak ditutup,' + b"isi lagi\n" * 200000
    files_raw["csv-one-huge-line.csv"] = csv_text.encode() + b"x" * (8 << 20)
    files_raw["csv-many-fields.csv"] = csv_text.encode() + b"," * 100000 + b"\n"
    files_raw["csv-many-quoted-newlines.csv"] = csv_text.encode() + b'3,"' + b"\n" * (3 << 20) + b'",x\n'
    files_raw["csv-control-chars.csv"] = csv_text.encode() + b"2,Laporan\x07\x1b[31m merah\x08,Sekretariat,Kepala,2025,Serang,Softcopy,5 tahun,Berkala\n"
    files_raw["csv-formula-injection.csv"] = csv_text.encode() + b'2,"=HYPERLINK(""http://evil"",""klik"")",Sekretariat,Kepala,2025,Serang,Softcopy,5 tahun,Berkala\n'
    files_raw["csv-overlong-utf8.csv"] = csv_text.encode() + b"2,Laporan \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80,Sekretariat,Kepala,2025,Serang,Softcopy,5 tahun,Berkala\n"
    files_raw["csv-sep-line-weird.csv"] = b"sep=\x00\n" + csv_text.encode()
    files_raw["csv-bidi-and-zero-width.csv"] = csv_text.encode() + "2,Laporan\u202e2025\u200b\ufeff,Sekretariat,Kepala,2025,Serang,Softcopy,5 tahun,Berkala\n".encode()

    # ODS.
    def ods(content):
        return [("mimetype", "application/vnd.oasis.opendocument.spreadsheet", False),
                ("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>', True),
                ("content.xml", content, True)]
    NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')

    def ods_content(rows):
        return f'<?xml version="1.0"?><office:document-content {NS}><office:body><office:spreadsheet><table:table table:name="DIP">{rows}</table:table></office:spreadsheet></office:body></office:document-content>'

    def ods_row(vals, attrs=""):
        return f"<table:table-row{attrs}>" + "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>' for v in vals) + "</table:table-row>"
    ods_good = ods_row(HEADER) + ods_row(ROW)
    files["ods-baseline.ods"] = ods(ods_content(ods_good))
    files["ods-repeat-bomb-columns.ods"] = ods(ods_content(ods_good + '<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>' * 200))
    files["ods-repeat-bomb-rows.ods"] = ods(ods_content(ods_good + ods_row(["x"] * 9, ' table:number-rows-repeated="2000000000"')))
    files["ods-repeat-overflow.ods"] = ods(ods_content(ods_good + '<table:table-row table:number-rows-repeated="99999999999999999999999"><table:table-cell table:number-columns-repeated="-5" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'))
    files["ods-span-huge.ods"] = ods(ods_content(ods_good.replace("<table:table-cell ", '<table:table-cell table:number-rows-spanned="1048576" table:number-columns-spanned="16384" ', 1)))
    files["ods-xxe.ods"] = ods(with_doctype(ods_content(ods_good), XXE_DTD))
    files["ods-bomb-entity.ods"] = ods(with_doctype(ods_content(ods_good), BOMB_DTD))
    files["ods-date-absurd.ods"] = ods(ods_content(ods_good + '<table:table-row><table:table-cell office:value-type="date" office:date-value="99999-99-99T99:99"/><table:table-cell office:value-type="float" office:value="1e999"/><table:table-cell office:value-type="date" office:date-value=""/></table:table-row>'))
    files["ods-many-spans.ods"] = ods(ods_content(ods_good + "".join(
        '<table:table-row><table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="2"/></table:table-row>' for _ in range(600000))))
    files["ods-no-content.ods"] = ods(ods_content(ods_good))[:2]
    files["ods-mimetype-only.ods"] = ods("")[:1]

    # A Word document named .xlsx.
    files["really-docx.xlsx"] = [("[Content_Types].xml", fx.content_types([("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")]), True),
                                 ("_rels/.rels", fx.rels([("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "word/document.xml")]), True),
                                 ("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>", True)]
    del files_raw["really-docx.xlsx"]

    for name, entries in sorted(files.items()):
        write_raw_zip(os.path.join(out, name), entries)
    for name, data in sorted(files_raw.items()):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    print(f"{len(files) + len(files_raw)} files in {out}")


if __name__ == "__main__":
    main()
