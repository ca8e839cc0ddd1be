import Foundation
import XCTest
@testable import OfficeFormats

/// The HTML table reader (`HTMLWorkbook`, session 23): tables as sheets, colspan/rowspan as a
/// browser places them, text as a browser shows it, charset, caps against hostile pages.
final class HTMLTablesTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("dip-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ bytes: [UInt8], _ name: String = "t.xls") throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func write(_ text: String, _ name: String = "t.xls") throws -> String { try write(Array(text.utf8), name) }

    /// Every row of a table as texts by column ("" for empty), with its row number.
    func grid(_ workbook: HTMLWorkbook, _ table: Int) throws -> [(Int, [String])] {
        let reader = try workbook.rows(sheet: table)
        var out: [(Int, [String])] = []
        while let row = try reader.nextRow() {
            out.append((row.number, row.cells.map { if case .string(let s) = $0 { return s } else { return "" } }))
        }
        return out
    }

    func testRowspanAndColspanPlaceCellsAsABrowserDoes() throws {
        let page = """
        <table>
        <tr><td rowspan=2>No</td><td rowspan="2">Ringkasan</td><td colspan=2>Penguasaan</td><td rowspan=2>Retensi</td></tr>
        <tr><th>Pejabat</th><th>Penanggung Jawab</th></tr>
        <tr><td>1</td><td>Profil</td><td rowspan=2>Sekretariat</td><td>Kepala</td><td>5 tahun</td></tr>
        <tr><td>2</td><td>Renstra</td><td>Kepala</td><td>Permanen</td></tr>
        </table>
        """
        let workbook = try HTMLWorkbook(path: try write(page))
        XCTAssertEqual(workbook.sheets.map(\.name), ["tabel ke-1"])
        let rows = try grid(workbook, 0)
        XCTAssertEqual(rows.map(\.0), [1, 2, 3, 4])
        XCTAssertEqual(rows.map(\.1), [
            ["No", "Ringkasan", "Penguasaan", "", "Retensi"],
            ["", "", "Pejabat", "Penanggung Jawab"],
            ["1", "Profil", "Sekretariat", "Kepala", "5 tahun"],
            ["2", "Renstra", "", "Kepala", "Permanen"],
        ])
        XCTAssertEqual(try workbook.sheetTail(sheet: 0).mergedRanges, [
            MergedRange(firstRow: 1, lastRow: 2, firstColumn: 0, lastColumn: 0),
            MergedRange(firstRow: 1, lastRow: 2, firstColumn: 1, lastColumn: 1),
            MergedRange(firstRow: 1, lastRow: 1, firstColumn: 2, lastColumn: 3),
            MergedRange(firstRow: 1, lastRow: 2, firstColumn: 4, lastColumn: 4),
            MergedRange(firstRow: 3, lastRow: 4, firstColumn: 2, lastColumn: 2),
        ])
    }

    /// `rowspan="0"` spans to the end of the cell's row group (`<thead>`, `<tbody>`,
    /// `<tfoot>`, or the table when it has none), as browsers read it: it was read as 1, so
    /// the rows under it were shifted one column left under the wrong headers.
    func testRowspanZeroSpansToTheEndOfTheRowGroup() throws {
        let page = """
        <table>
        <thead><tr><th rowspan="0">No</th><th>Ringkasan</th></tr><tr><th>Uraian</th></tr></thead>
        <tbody><tr><td>1</td><td>Profil</td></tr>
        <tr><td rowspan=0 colspan=2>Sekretariat</td><td>Renstra</td></tr><tr><td>LKjIP</td></tr><tr><td>Renja</td></tr></tbody>
        <tbody><tr><td>5</td><td>SOP</td></tr></tbody>
        </table>
        <table><tr><td>a</td><td rowspan="0">b</td></tr><tr><td>c</td><td>d</td></tr><tr><td>e</td></tr></table>
        """
        let workbook = try HTMLWorkbook(path: try write(page))
        XCTAssertEqual(try grid(workbook, 0).map(\.1), [
            ["No", "Ringkasan"],
            ["", "Uraian"],
            ["1", "Profil"],
            ["Sekretariat", "", "Renstra"],
            ["", "", "LKjIP"],
            ["", "", "Renja"],
            ["5", "SOP"],
        ])
        XCTAssertEqual(try workbook.sheetTail(sheet: 0).mergedRanges, [
            MergedRange(firstRow: 1, lastRow: 2, firstColumn: 0, lastColumn: 0),
            MergedRange(firstRow: 4, lastRow: 6, firstColumn: 0, lastColumn: 1),
        ])
        // A table without row groups is one: the span reaches its last row.
        XCTAssertEqual(try grid(workbook, 1).map(\.1), [["a", "b"], ["c", "", "d"], ["e"]])
        XCTAssertEqual(try workbook.sheetTail(sheet: 1).mergedRanges, [
            MergedRange(firstRow: 1, lastRow: 3, firstColumn: 1, lastColumn: 1),
        ])
    }

    func testTextIsReadAsTheBrowserShowsIt() throws {
        let page = "<html><head><style>td { color: red }</style><script>document.write('<td>x</td>')</script></head><body>"
            + "<table><tr><td>\n   Laporan\n   keuangan &amp; aset&nbsp;</td><td>Baris satu<br>baris  dua<BR/>tiga</td>"
            + "<td><p>Paragraf satu</p><p>Paragraf dua</p></td><td><a href=\"https://ppid.example.go.id/a?b=1&amp;c=2\">Unduh</a></td>"
            + "<td>&nbsp;</td><td>caf&eacute; &#8211; &#x201C;kutip&#x201D;</td><td><!-- catatan -->A<script>var x=1;</script>B</td></tr>"
            + "</table></body></html>"
        let workbook = try HTMLWorkbook(path: try write(page))
        let reader = try workbook.rows(sheet: 0)
        let row = try XCTUnwrap(try reader.nextRow())
        XCTAssertEqual(row.cells.map { if case .string(let s) = $0 { return s } else { return "" } }, [
            "Laporan keuangan & aset", "Baris satu\nbaris dua\ntiga", "Paragraf satu\nParagraf dua", "Unduh", "",
            "café – “kutip”", "AB",
        ])
        XCTAssertEqual(row.links, [3: "https://ppid.example.go.id/a?b=1&c=2"])
        XCTAssertNil(try reader.nextRow())
    }

    func testNestedTablesAreTablesOfTheirOwn() throws {
        let page = "<table><tr><td>Menu</td><td>Isi: <table><tr><td>No</td><td>Ringkasan</td></tr>"
            + "<tr><td>1</td><td>Profil</td></tr></table> akhir</td></tr></table><table><tr><td>Kaki</td></tr></table>"
        let workbook = try HTMLWorkbook(path: try write(page))
        XCTAssertEqual(workbook.sheets.map(\.name), ["tabel ke-1", "tabel ke-2", "tabel ke-3"])
        XCTAssertEqual(workbook.tables.map(\.depth), [1, 2, 1])
        XCTAssertEqual(try grid(workbook, 0).map(\.1), [["Menu", "Isi: akhir"]])
        XCTAssertEqual(try grid(workbook, 1).map(\.1), [["No", "Ringkasan"], ["1", "Profil"]])
        XCTAssertEqual(try grid(workbook, 2).map(\.1), [["Kaki"]])
        // The last line of text between two tables of the page heads the second.
        let headed = try HTMLWorkbook(path: try write("<h1>DIP</h1><p>Pengantar</p><h3>A. Informasi\n  Berkala</h3><table><tr><td>a</td></tr></table>"
            + "<p>&nbsp;</p><b>B. Serta Merta</b><br>catatan kecil<table><tr><td>b</td></tr></table><table><tr><td>c</td></tr></table>"))
        XCTAssertEqual(headed.tables.map(\.heading), ["A. Informasi Berkala", "catatan kecil", nil])
    }

    /// Rows past the 30 the index keeps come from a second pass, numbered on; other tables'
    /// rows never mix in.
    func testLongTablesAreReadWholeAfterTheKeptRows() throws {
        var page = "<table><tr><td>judul</td></tr></table><table>"
        for k in 1...100 { page += "<tr><td>\(k)</td><td>Informasi \(k)</td></tr>\n" + (k == 50 ? "<tr></tr>" : "") }
        page += "</table><table><tr><td>sesudah</td></tr></table>"
        let workbook = try HTMLWorkbook(path: try write(page))
        let rows = try grid(workbook, 1)
        XCTAssertEqual(rows.count, 100)
        XCTAssertEqual(rows.map(\.1[1]), (1...100).map { "Informasi \($0)" })
        // The empty <tr> after item 50 still counts as a row of the table.
        XCTAssertEqual(rows.map(\.0), Array(1...50) + Array(52...101))
        XCTAssertEqual(workbook.tables[1].rowCount, 101)
        XCTAssertEqual(try grid(workbook, 2).map(\.1), [["sesudah"]])
    }

    func testCharsetFromBOMMetaOrGuess() throws {
        XCTAssertEqual(HTMLCharset.detect(head: Array("<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">".utf8)),
                       HTMLCharset(name: "windows-1252", source: .meta, bomLength: 0))
        XCTAssertEqual(HTMLCharset.detect(head: Array("<html><head><META CHARSET='UTF-8'>".utf8)).name, "UTF-8")
        XCTAssertEqual(HTMLCharset.detect(head: Array("<meta charset=\"iso-8859-1\">".utf8)).name, "windows-1252")
        XCTAssertEqual(HTMLCharset.detect(head: [0xEF, 0xBB, 0xBF] + Array("<table>".utf8)).bomLength, 3)
        XCTAssertEqual(HTMLCharset.detect(head: [0xFF, 0xFE, 0x3C, 0x00]).name, "UTF-16LE")
        XCTAssertEqual(HTMLCharset.detect(head: Array("<table><tr><td>caf".utf8) + [0xE9]).name, "windows-1252")
        XCTAssertEqual(HTMLCharset.detect(head: Array("<table><tr><td>café".utf8)), HTMLCharset(name: "UTF-8", source: .guessed, bomLength: 0))

        // Declared windows-1252: 0x96 is an en dash, 0x93/0x94 curly quotes (ISO-8859-1 would
        // give C1 controls); the page's own meta is not re-read by libxml2 mid-parse.
        let latin = Array("<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\"><table><tr><td>2021".utf8)
            + [0x96] + Array("2026 ".utf8) + [0x93] + Array("KLB".utf8) + [0x94] + Array("</td></tr></table>".utf8)
        XCTAssertEqual(try grid(try HTMLWorkbook(path: try write(latin)), 0).map(\.1), [["2021–2026 “KLB”"]])
        let utf16: [UInt8] = [0xFF, 0xFE] + "<table><tr><td>Dinas Kesehatan – 2026</td></tr></table>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let w16 = try HTMLWorkbook(path: try write(utf16))
        XCTAssertEqual(w16.charset.name, "UTF-16LE")
        XCTAssertEqual(try grid(w16, 0).map(\.1), [["Dinas Kesehatan – 2026"]])
        // UTF-16 without a BOM, by its NULs (big-endian: NULs first).
        for bigEndian in [false, true] {
            let units = "<table><tr><td>Profil – Dinas</td></tr></table>".utf16
            let bytes: [UInt8] = units.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let w = try HTMLWorkbook(path: try write(bytes, "tanpa-bom-\(bigEndian).xls"))
            XCTAssertEqual(w.charset, HTMLCharset(name: bigEndian ? "UTF-16BE" : "UTF-16LE", source: .guessed, bomLength: 0))
            XCTAssertEqual(try grid(w, 0).map(\.1), [["Profil – Dinas"]])
        }
        XCTAssertThrowsError(try HTMLWorkbook(path: try write("<meta charset=\"x-no-such-charset\"><table><tr><td>a</td></tr></table>"))) {
            XCTAssertEqual($0 as? OfficeError, .unsupportedEncoding("x-no-such-charset"))
        }
    }

    /// libxml2 2.9.14's push parser, handed a chunk that ends inside a quoted attribute value
    /// (`style='hei|ght:30.0pt'`), stopped parsing and buffered the rest of the file (a 116 MB
    /// page held 77 MB). Chunks now end after a `>`: what libxml2 holds stays small.
    func testAChunkCutInsideAQuotedAttributeDoesNotBufferTheRest() throws {
        let row = "<tr style='height:30.0pt'><td>baris</td></tr>\n"
        var head = "<table><tr><td>"
        let opening = "</td></tr>\n<tr style='hei"
        head += String(repeating: "x", count: HTMLPushParser.chunkSize - head.utf8.count - opening.utf8.count) + opening
        XCTAssertEqual(head.utf8.count, HTMLPushParser.chunkSize)
        let page = head + "ght:30.0pt'><td>1</td></tr>\n" + String(repeating: row, count: 40_000) + "</table>"
        let path = try write(page)
        let handler = HTMLTableHandler(mode: .index, limits: XLSXLimits(), inputBytes: page.utf8.count)
        let parser = try HTMLPushParser(path: path, charset: HTMLCharset(name: "UTF-8", source: .guessed, bomLength: 0), handler: handler)
        try parser.parseAll()
        XCTAssertEqual(handler.tables.map(\.rows), [40_002])
        XCTAssertLessThan(parser.largestBacklog, 64 << 10, "libxml2 buffered instead of parsing")
    }

    // MARK: hostile pages

    /// No entity of a DOCTYPE's internal subset is ever expanded (HTML has none): the page is
    /// read with the reference left as written, at once.
    func testBillionLaughsIsNotExpanded() throws {
        var dtd = "<!DOCTYPE html [\n<!ENTITY lol0 \"lol\">\n"
        for k in 1...9 { dtd += "<!ENTITY lol\(k) \"" + String(repeating: "&lol\(k - 1);", count: 10) + "\">\n" }
        dtd += "]>\n"
        let page = dtd + "<html><body><table><tr><td>No</td><td>&lol9;</td></tr></table></body></html>"
        let workbook = try HTMLWorkbook(path: try write(page))
        let cells = try grid(workbook, 0).flatMap(\.1)
        XCTAssertEqual(cells.first, "No")
        XCTAssertEqual(cells.last, "&lol9;")
        XCTAssertLessThan(cells.joined().utf8.count, 100)
    }

    func testDeepNestingAndHugeSpansAreBounded() throws {
        // 100,000 nested <div>s around a table: read.
        let deep = String(repeating: "<div>", count: 100_000) + "<table><tr><td>dalam</td></tr></table>"
        XCTAssertEqual(try grid(try HTMLWorkbook(path: try write(deep)), 0).map(\.1), [["dalam"]])
        // Tables nested 40 deep: refused (32 is the cap).
        let tables = String(repeating: "<table><tr><td>", count: 40) + "x"
        XCTAssertThrowsError(try HTMLWorkbook(path: try write(tables))) {
            guard case .limitExceeded(let what, 32)? = $0 as? OfficeError else { return XCTFail("\($0)") }
            XCTAssertTrue(what.contains("nested"), what)
        }
        // colspan="100000" is clamped to 1,000 (HTML's limit), as a browser does.
        let wide = try HTMLWorkbook(path: try write("<table><tr><td colspan=\"100000\">a</td><td>b</td></tr></table>"))
        XCTAssertEqual(try wide.sheetTail(sheet: 0).mergedRanges, [MergedRange(firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: 999)])
        let row = try XCTUnwrap(try wide.rows(sheet: 0).nextRow())
        XCTAssertEqual(row[1000], .string("b"))
        // Seventeen of them pass column XFD: refused, naming the table.
        let past = "<table><tr><td>x</td></tr></table><table><tr>" + String(repeating: "<td colspan=1000>a</td>", count: 17) + "</tr></table>"
        XCTAssertThrowsError(try HTMLWorkbook(path: try write(past))) {
            guard case .limitExceeded(let what, 16_384)? = $0 as? OfficeError else { return XCTFail("\($0)") }
            XCTAssertTrue(what.contains("<table 2>"), what)
        }
    }

    /// Row spans cost a pass one step per covered position a later cell is placed past: a few
    /// bytes of `colspan=1000 rowspan=65534` made every one-cell row after them walk 16,000
    /// columns (a 1.2 MB page held `dip check` for minutes). Those steps are drawn from the
    /// file's cell allowance (`ExpansionBudget`): past it the page is refused, naming the table;
    /// an ordinary grouping span (one column down many rows) stays far under it.
    func testRowSpansCannotMakePlacingCellsWalkWithoutBound() throws {
        var limits = XLSXLimits()
        limits.baseCells = 5_000
        limits.cellsPerInputByte = 0
        let tall = "<tr>" + String(repeating: "<td colspan=\"100\" rowspan=\"60000\">x</td>", count: 10) + "</tr>"
        let page = "<table><tr><td>a</td></tr></table><table>" + tall + String(repeating: "<tr><td>y</td></tr>", count: 10) + "</table>"
        XCTAssertThrowsError(try HTMLWorkbook(path: try write(page), limits: limits)) {
            XCTAssertEqual($0 as? OfficeError, .expansionExceeded(sheet: "tabel ke-2", what: "cells", limit: 5_000))
        }
        // Four rows step over 4,000 positions: under the allowance, read with each y after the spans.
        let few = "<table>" + tall + String(repeating: "<tr><td>y</td></tr>", count: 4) + "</table>"
        let rows = try grid(try HTMLWorkbook(path: try write(few), limits: limits), 0)
        XCTAssertEqual(rows.dropFirst().map { $0.1.count }, [1001, 1001, 1001, 1001])
        // A grouping column spanning 3,000 rows steps over 2,999 positions: read.
        let grouped = "<table><tr><td rowspan=\"3000\">Sekretariat</td><td>1</td></tr>"
            + String(repeating: "<tr><td>2</td></tr>", count: 2_999) + "</table>"
        XCTAssertEqual(try grid(try HTMLWorkbook(path: try write(grouped), limits: limits), 0).count, 3_000)
    }

    func testHugeCellIsRefused() throws {
        let huge = "<table><tr><td>" + String(repeating: "teks panjang ", count: 100_000) + "</td></tr></table>"
        XCTAssertThrowsError(try HTMLWorkbook(path: try write(huge))) {
            guard case .limitExceeded(let what, HTMLWorkbook.maxCellBytes)? = $0 as? OfficeError else { return XCTFail("\($0)") }
            XCTAssertTrue(what.contains("text length of one cell in <table 1>"), what)
        }
        // A long cell under the cap (40,000 characters) is read whole: the intake says it is too long.
        let long = "<table><tr><td>" + String(repeating: "a", count: 40_000) + "</td></tr></table>"
        XCTAssertEqual(try grid(try HTMLWorkbook(path: try write(long)), 0).first?.1.first?.count, 40_000)
    }

    /// Merged ranges are capped per table: a table over the cap is refused when its merges
    /// are asked for; a table after it whose merges did not fit in the index is read again.
    func testMergeCapPerTable() throws {
        let spans = { (n: Int) in String(repeating: "<tr><td colspan=2>x</td></tr>", count: n) }
        let page = "<table>\(spans(3))</table><table>\(spans(5))</table><table>\(spans(2))<tr><td>y</td></tr></table>"
        var limits = XLSXLimits()
        limits.maxMergedRanges = 4
        let workbook = try HTMLWorkbook(path: try write(page), limits: limits)
        XCTAssertEqual(try workbook.sheetTail(sheet: 0).mergedRanges.count, 3)
        XCTAssertThrowsError(try workbook.sheetTail(sheet: 1)) {
            XCTAssertEqual($0 as? OfficeError, .limitExceeded(what: "merged range count of <table 2> (more than 4)", limit: 4))
        }
        XCTAssertEqual(try workbook.sheetTail(sheet: 2).mergedRanges,
                       [MergedRange(firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: 1),
                        MergedRange(firstRow: 2, lastRow: 2, firstColumn: 0, lastColumn: 1)])
    }
}
