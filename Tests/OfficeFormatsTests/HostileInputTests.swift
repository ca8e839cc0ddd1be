import Foundation
import XCTest
@testable import OfficeFormats

/// A test case that builds zip packages at test time and removes them afterwards.
class ZipFixtureTestCase: XCTestCase {
    /// Files to remove in tearDown (tests that write their own add them here too).
    var paths: [String] = []

    override func tearDown() {
        for p in paths { try? FileManager.default.removeItem(atPath: p) }
        paths = []
        super.tearDown()
    }

    func zipFile(_ files: [(String, [UInt8])]) throws -> String {
        let path = temporaryPath()
        paths.append(path)
        try writeZip(path, files)
        return path
    }
}

/// Hostile and extreme packages, built at test time. Each test asserts the precise outcome.
final class HostileInputTests: ZipFixtureTestCase {

    func testBillionLaughsInSharedStringsIsRefused() throws {
        var dtd = "<!DOCTYPE sst [<!ENTITY lol \"lol\">"
        dtd += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        for i in 2...9 { dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">" }
        dtd += "]>"
        let sst = "<?xml version=\"1.0\"?>" + dtd +
            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol9;</t></si></sst>"
        let path = try zipFile(minimalWorkbook(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
                                               sharedStrings: sst))
        assertThrows(.doctypeRefused(part: "xl/sharedStrings.xml"), try readAllRows(path))
    }

    func testExternalEntityIsNeverRead() throws {
        let sheet = """
        <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
        """
        let path = try zipFile(minimalWorkbook(sheetData: "", sheetXML: sheet))
        assertThrows(.doctypeRefused(part: "xl/worksheets/sheet1.xml"), try readAllRows(path))
    }

    func testUndeclaredEntityIsAnXMLErrorNotALookup() throws {
        let path = try zipFile(minimalWorkbook(
            sheetData: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"))
        guard case .xmlError(let part, _, let message)? = officeError(try readAllRows(path)) else { return }
        XCTAssertEqual(part, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(message.contains("xxe"), message)
    }

    func testZipBombByRatioIsRefused() throws {
        // 64 MB of blanks inside sheetData deflate about 1000:1.
        let padding = String(repeating: " ", count: 64 << 20)
        let path = try zipFile(minimalWorkbook(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + padding))
        guard case .limitExceeded(let what, let limit)? = officeError(try readAllRows(path)) else { return }
        XCTAssertTrue(what.contains("compression ratio of xl/worksheets/sheet1.xml"), what)
        XCTAssertEqual(limit, XLSXLimits().maxCompressionRatio)
    }

    func testPartLargerThanSizeCapIsRefused() throws {
        var limits = XLSXLimits()
        limits.maxPartSize = 1 << 20
        let rows = (1...40_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
        let path = try zipFile(minimalWorkbook(sheetData: rows))
        guard case .limitExceeded(let what, let limit)? = officeError(try readAllRows(path, limits: limits)) else { return }
        XCTAssertTrue(what.contains("size of xl/worksheets/sheet1.xml"), what)
        XCTAssertEqual(limit, 1 << 20)
    }

    func testTenMegabyteCellIsReadWholeAndCapIsEnforced() throws {
        // Pseudo-random letters so the part does not trip the compression-ratio cap.
        var seed: UInt32 = 12_345
        var bytes = [UInt8](repeating: 0, count: 10_000_000)
        for i in bytes.indices { seed = seed &* 1_103_515_245 &+ 12_345; bytes[i] = 0x61 + UInt8((seed >> 16) % 26) }
        let big = String(decoding: bytes, as: UTF8.self)
        let path = try zipFile(minimalWorkbook(
            sheetData: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(big)</t></is></c><c r=\"B1\"><v>2</v></c></row>"))
        let rows = try readAllRows(path)
        XCTAssertEqual(rows.count, 1)
        guard case .string(let s) = rows[0][0] else { return XCTFail("A1 is \(rows[0][0])") }
        XCTAssertEqual(s.utf8.count, 10_000_000)
        XCTAssertEqual(rows[0][1], .number(2))

        var limits = XLSXLimits()
        limits.maxTextBytes = 1 << 20
        assertThrows(.limitExceeded(what: "text length of one cell in xl/worksheets/sheet1.xml", limit: 1 << 20),
                     try readAllRows(path, limits: limits))
    }

    func testRowWith16384ColumnsAndOneMore() throws {
        let cells = (0..<16_384).map { "<c r=\"\(columnLetters($0))1\"><v>\($0)</v></c>" }.joined()
        let path = try zipFile(minimalWorkbook(sheetData: "<row r=\"1\">\(cells)</row>"))
        let rows = try readAllRows(path)
        XCTAssertEqual(rows.first?.cells.count, 16_384)
        XCTAssertEqual(rows.first?[16_383], .number(16_383))

        let over = try zipFile(minimalWorkbook(sheetData: "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"))
        assertThrows(.limitExceeded(what: "column 16385 in row 1 of xl/worksheets/sheet1.xml", limit: 16_384),
                     try readAllRows(over))
    }

    func testInvalidUTF8InSharedStringsIsAnXMLError() throws {
        var sst = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>ab".utf8)
        sst += [0xC3, 0x28, 0xFF]
        sst += Array("</t></si></sst>".utf8)
        let path = try zipFile(minimalWorkbook(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
                                               extra: [("xl/sharedStrings.xml", sst)]))
        guard case .xmlError(let part, let line, _)? = officeError(try readAllRows(path)) else { return }
        XCTAssertEqual(part, "xl/sharedStrings.xml")
        XCTAssertEqual(line, 1)
    }

    func testZeroByteFile() throws {
        let path = temporaryPath()
        paths.append(path)
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        XCTAssertEqual(try sniffFileKind(path: path), .empty)
        assertThrows(.emptyFile, try XLSXWorkbook(path: path))
    }

    func testTextFileIsNotAZip() throws {
        let path = temporaryPath("csv")
        paths.append(path)
        _ = FileManager.default.createFile(atPath: path, contents: Data("No;Nama\n1;Dinas\n".utf8))
        XCTAssertEqual(try sniffFileKind(path: path), .text)
        assertThrows(.notAZip("no zip signature"), try XLSXWorkbook(path: path))
    }

    func testDotDotEntryNamesAreNeverUsed() throws {
        let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let rels = """
        <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(rns)/worksheet" Target="../../evil.xml"/></Relationships>
        """
        let path = try zipFile(minimalWorkbook(sheetData: "", extra: [
            ("../evil.xml", Array("<worksheet><sheetData/></worksheet>".utf8)),
            ("xl/_rels/workbook.xml.rels", Array(rels.utf8)),
        ]))
        let archive = try ZipArchive(path: path)
        XCTAssertEqual(archive.unsafeEntryNames, ["../evil.xml"])
        assertThrows(.unsafePartName("../evil.xml"), try archive.entry(named: "../evil.xml"))
        assertThrows(.unsafePartName("../../evil.xml"), try XLSXWorkbook(path: path))
    }

    func testWordDocumentIsNotAWorkbook() throws {
        let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let path = try zipFile([
            ("_rels/.rels", Array("""
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rns)/officeDocument" Target="word/document.xml"/></Relationships>
            """.utf8)),
            ("word/document.xml", Array("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>".utf8)),
        ])
        XCTAssertEqual(try sniffFileKind(path: path), .zipNotWorkbook)
        assertThrows(.notAWorkbook("officeDocument part word/document.xml is <document>, not <workbook>"),
                     try XLSXWorkbook(path: path))
    }

    func testTooManyEntries() throws {
        var limits = XLSXLimits()
        limits.maxEntryCount = 5
        let path = try zipFile(minimalWorkbook(sheetData: "", sharedStrings: "<sst/>"))
        assertThrows(.limitExceeded(what: "zip entry count 6", limit: 5), try XLSXWorkbook(path: path, limits: limits))
    }

    func testOutOfRangeSharedStringIndexIsReported() throws {
        let path = try zipFile(minimalWorkbook(
            sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>",
            sharedStrings: "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>a</t></si></sst>"))
        guard case .invalidContent(let part, let message)? = officeError(try readAllRows(path)) else { return }
        XCTAssertEqual(part, "xl/worksheets/sheet1.xml")
        XCTAssertTrue(message.contains("shared string index 7"), message)
    }
}

/// Shapes whose reading would cost far more than their size (issue 16 #10): every one must be
/// refused within the per-file expansion budget (`XLSXLimits.baseCells` and following).
final class ExpansionBudgetTests: ZipFixtureTestCase {

    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }

    func testOneCellAtColumnXFDCostsOneStoredCell() throws {
        // 200 rows of one cell each at XFD: spelled out from column A that was 3.3 million
        // positions from a file of a few KB. Each row must cost the one cell it holds.
        let rows = (1...200).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\"><v>\($0)</v></c></row>" }.joined()
        let path = try zipFile(minimalWorkbook(sheetData: rows))
        XCTAssertLessThan(fileSize(path), 20_000)
        let workbook = try XLSXWorkbook(path: path)
        let reader = try workbook.rows(sheet: 0)
        var read: [SheetRow] = []
        while let row = try reader.nextRow() { read.append(row) }
        XCTAssertEqual(read.count, 200)
        XCTAssertEqual(workbook.budget.cells, 200, "cells stored for 200 rows of one cell each")
        XCTAssertEqual(read.map(\.storedCellCount), Array(repeating: 1, count: 200))
        let last = try XCTUnwrap(read.last)
        XCTAssertEqual(last.width, 16_384)
        XCTAssertEqual(last[16_383], .number(200))
        XCTAssertEqual(last[0], .empty)
        XCTAssertEqual(last.nonEmptyCells.map(\.column), [16_383])

        // A cell in A and one at XFD: two cells stored, read back at their columns.
        let two = try readAllRows(try zipFile(minimalWorkbook(sheetData:
            "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c><c r=\"XFD1\"><v>2</v></c></row>")))
        XCTAssertEqual(two.first?.storedCellCount, 3)
        XCTAssertEqual(two.first?.nonEmptyCells.map(\.column), [0, 1, 16_383])
        XCTAssertEqual(two.first?[1], .string("b"))
        XCTAssertEqual(two.first, SheetRow(number: 1, cells: [.number(1), .string("b")]
            + Array(repeating: .empty, count: 16_381) + [.number(2)]), "equal to the same row spelled out")

        // An ordinary row is still stored by column, gaps included.
        let plain = try readAllRows(try zipFile(minimalWorkbook(sheetData:
            "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"D1\"><v>4</v></c></row>")))
        XCTAssertEqual(plain.first?.cells, [.number(1), .empty, .empty, .number(4)])
        XCTAssertEqual(plain.first?.storedCellCount, 4)
    }

    func testManyCellsFromASmallFileAreRefusedWithinTheCellBudget() throws {
        // 600 rows × 60 real cells compress to little: over a cell budget of 10,000 + 2 per byte.
        let rows = String(repeating: "<row>" + String(repeating: "<c><v>1</v></c>", count: 60) + "</row>", count: 600)
        var limits = XLSXLimits()
        limits.baseCells = 10_000
        limits.maxCompressionRatio = 5_000
        let path = try zipFile(minimalWorkbook(sheetData: rows))
        guard case .expansionExceeded(let sheet, let what, let limit)? = officeError(try readAllRows(path, limits: limits)) else {
            return XCTFail("36,000 cells were read within a budget of \(10_000 + 2 * fileSize(path))")
        }
        XCTAssertEqual(sheet, "Data")
        XCTAssertEqual(what, "cells")
        XCTAssertEqual(limit, 10_000 + 2 * fileSize(path))
        // Within the default budget the same file is read.
        XCTAssertEqual(try readAllRows(path, limits: { var l = XLSXLimits(); l.maxCompressionRatio = 5_000; return l }()).count, 600)
    }

    func testASheetReadTwiceDrawsOnTheBudgetOnce() throws {
        // 12,000 cells and 4.8 MB of text; the budget allows one and a half reads.
        let text = String(repeating: "abcd", count: 100)
        let rows = String(repeating: "<row>" + String(repeating: "<c t=\"inlineStr\"><is><t>\(text)</t></is></c>", count: 60) + "</row>", count: 200)
        let path = try zipFile(minimalWorkbook(sheetData: rows))
        let size = fileSize(path)
        var limits = XLSXLimits()
        limits.maxCompressionRatio = 5_000
        limits.baseCells = 18_000 - limits.cellsPerInputByte * size
        limits.baseTextBytes = 7_200_000 - limits.textBytesPerInputByte * size
        XCTAssertGreaterThan(limits.baseTextBytes, 0)
        let workbook = try XLSXWorkbook(path: path, limits: limits)
        func readSheet() throws -> Int {
            let reader = try workbook.rows(sheet: 0)
            var n = 0
            while let row = try reader.nextRow() { n += row.storedCellCount }
            return n
        }
        XCTAssertEqual(try readSheet(), 12_000)
        XCTAssertEqual(try readSheet(), 12_000, "the second read of the same sheet was charged again")
        // Part of a read, then the whole: still one read's worth.
        _ = try workbook.rows(sheet: 0).nextRow()
        XCTAssertEqual(try readSheet(), 12_000)
        XCTAssertEqual(workbook.budget.cells, 12_000)
        XCTAssertEqual(workbook.budget.textBytes, 4_800_000)
    }

    /// Issue 16 #10: `dip dump --format json` of a sheet whose grid would be far larger than
    /// the file (one cell at XFD per row, a cell in the last row) writes its filled cells
    /// instead, cut as in the text format: valid JSON in proportion to the file.
    func testStreamedJSONDumpOfAHugeGridIsBounded() throws {
        let long = String(repeating: "Informasi ", count: 100_000)
        let rows = (1...200).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c><c r=\"XFD\($0)\"><v>1</v></c></row>" }.joined()
            + "<row r=\"1048576\"><c r=\"B1048576\" t=\"inlineStr\"><is><t>\(long)</t></is></c></row>"
        let path = try zipFile(minimalWorkbook(sheetData: rows))
        var out = ""
        var writes = 0
        try WorkbookDump.streamJSONXLSX(path: path, maxCharacters: 20) { out += $0; writes += 1 }
        // 200 × 16,384 × 1,048,576 positions as a grid; a few KB as filled cells.
        XCTAssertLessThan(out.utf8.count, 20_000)
        XCTAssertGreaterThan(writes, 400, "written cell by cell")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let sheet = try XCTUnwrap((json["sheets"] as? [String: Any])?["Data"] as? [String: Any])
        XCTAssertEqual(sheet["rows"] as? Int, 1_048_576)
        XCTAssertEqual(sheet["columns"] as? Int, 16_384)
        let cells = try XCTUnwrap(sheet["cells"] as? [[Any]])
        XCTAssertEqual(cells.count, 401)
        XCTAssertEqual(cells[1][0] as? String, "XFD1")
        XCTAssertEqual(cells[1][1] as? Int, 1)
        XCTAssertEqual(cells.last?[0] as? String, "B1048576")
        XCTAssertEqual(cells.last?[1] as? String, "Informasi Informasi … (+999980 karakter)")

        // Rows out of order cannot be placed while streaming: filled cells too, in reading order.
        let unordered = try zipFile(minimalWorkbook(sheetData:
            "<row r=\"3\"><c r=\"B3\"><v>3</v></c></row><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"))
        var text = ""
        try WorkbookDump.streamJSONXLSX(path: unordered, maxCharacters: 0) { text += $0 }
        XCTAssertTrue(text.contains("\"Data\": {\"rows\": 3, \"columns\": 2, \"cells\": [\n   [\"B3\", 3],\n   [\"A1\", 1]\n  ]}"), text)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }

    func testLongSharedStringsReferencedByManyCellsAreRefusedWithinTheTextBudget() throws {
        // Six 30,000-character shared strings, each referenced by 2,000 cells: 360 MB of text.
        let items = (0..<6).map { k in "<si><t>" + String(repeating: "Informasi\(k) ", count: 2_728).prefix(30_000) + "</t></si>" }
        let sst = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\(items.joined())</sst>"
        let rows = (1...2_000).map { r in
            "<row r=\"\(r)\">" + (0..<6).map { "<c r=\"\(columnLetters($0))\(r)\" t=\"s\"><v>\($0)</v></c>" }.joined() + "</row>"
        }.joined()
        let path = try zipFile(minimalWorkbook(sheetData: rows, sharedStrings: sst))
        XCTAssertLessThan(fileSize(path), 100_000)
        guard case .expansionExceeded(let sheet, let what, let limit)? = officeError(try readAllRows(path)) else {
            return XCTFail("360 MB of repeated shared text was read from a small file")
        }
        XCTAssertEqual(sheet, "Data")
        XCTAssertEqual(what, "text")
        XCTAssertEqual(limit, (8 << 20) + 128 * fileSize(path))

        // The same strings referenced once each are read.
        let once = "<row r=\"1\">" + (0..<6).map { "<c r=\"\(columnLetters($0))1\" t=\"s\"><v>\($0)</v></c>" }.joined() + "</row>"
        let fine = try readAllRows(try zipFile(minimalWorkbook(sheetData: once, sharedStrings: sst)))
        XCTAssertEqual(fine.first?.cells.count, 6)
    }

    func testOneMillionCharacterInlineTextRepeatedIsRefused() throws {
        // Inline strings are counted too: a 1,000,000-character text in 24 cells, a small file.
        let big = String(repeating: "a", count: 1_000_000)
        let rows = (1...24).map { "<row r=\"\($0)\"><c r=\"A\($0)\" t=\"inlineStr\"><is><t>\(big)</t></is></c></row>" }.joined()
        var limits = XLSXLimits()
        limits.maxCompressionRatio = 5_000 // this shape is about the text budget, not the zip-bomb ratio
        let path = try zipFile(minimalWorkbook(sheetData: rows))
        guard case .expansionExceeded(_, let what, _)? = officeError(try readAllRows(path, limits: limits)) else {
            return XCTFail("24 MB of text was read from a file of \(fileSize(path)) bytes")
        }
        XCTAssertEqual(what, "text")
    }

    func testUnreferencedSharedStringTableIsBoundedByTheFileSize() throws {
        // A 4 MB table nothing refers to, compressing about 1,000 to 1.
        let items = String(repeating: "<si><t>" + String(repeating: "a", count: 4_000) + "</t></si>", count: 1_000)
        let sst = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\(items)</sst>"
        let path = try zipFile(minimalWorkbook(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", sharedStrings: sst))
        var limits = XLSXLimits()
        limits.maxCompressionRatio = 5_000
        limits.baseSharedStringBytes = 1 << 20
        guard case .expansionExceeded(let sheet, let what, let limit)? = officeError(try readAllRows(path, limits: limits)) else {
            return XCTFail("a 4 MB shared-string table was loaded from \(fileSize(path)) bytes")
        }
        XCTAssertNil(sheet)
        XCTAssertEqual(what, "shared strings")
        XCTAssertEqual(limit, (1 << 20) + 32 * fileSize(path))

        // With the default allowance (4 MB + 32 per byte), a 6 MB table from a file of a few KB.
        let bigger = String(repeating: "<si><t>" + String(repeating: "b", count: 4_000) + "</t></si>", count: 1_500)
        let big = try zipFile(minimalWorkbook(sheetData: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", sharedStrings:
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\(bigger)</sst>"))
        var defaults = XLSXLimits()
        defaults.maxCompressionRatio = 5_000
        guard case .expansionExceeded(_, "shared strings", let defaultLimit)? = officeError(try readAllRows(big, limits: defaults)) else {
            return XCTFail("a 6 MB shared-string table was loaded from \(fileSize(big)) bytes")
        }
        XCTAssertEqual(defaultLimit, (4 << 20) + 32 * fileSize(big))
    }
}
