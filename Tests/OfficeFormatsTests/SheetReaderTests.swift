import Foundation
import XCTest
@testable import OfficeFormats

/// Row and cell rules of the sheet reader on small hand-written sheets.
final class SheetReaderTests: XCTestCase {
    private func rows(_ sheetData: String, sharedStrings: String? = nil) throws -> [SheetRow] {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeZip(path, minimalWorkbook(sheetData: sheetData, sharedStrings: sharedStrings))
        return try readAllRows(path)
    }

    func testMissingReferencesUseRunningIndexes() throws {
        let got = try rows("""
        <row><c><v>1</v></c><c><v>2</v></c></row>\
        <row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row>\
        <row><c r="b7"><v>5</v></c></row>
        """)
        XCTAssertEqual(got.map(\.number), [1, 5, 6])
        XCTAssertEqual(got[0].cells, [.number(1), .number(2)])
        XCTAssertEqual(got[1].cells, [.empty, .empty, .number(3), .number(4)])
        XCTAssertEqual(got[2].cells, [.empty, .number(5)])
    }

    func testAdjacentDuplicateRowsMergeLastWriteWins() throws {
        let got = try rows("""
        <row r="2"><c r="A2" t="inlineStr"><is><t>old</t></is></c><c r="B2"><v>1</v></c></row>\
        <row r="2" hidden="1"><c r="A2" t="inlineStr"><is><t>new</t></is></c></row>
        """)
        XCTAssertEqual(got, [SheetRow(number: 2, cells: [.string("new"), .number(1)], isHidden: true)])
    }

    func testCellTypes() throws {
        let sst = """
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>plain</t></si>\
        <si><r><t>ri</t></r><r><rPr><b/></rPr><t>ch</t></r><rPh sb="0" eb="1"><t>PHON</t></rPh></si><si/></sst>
        """
        let got = try rows("""
        <row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v/></c>\
        <c t="inlineStr"><is><t>in</t><r><t>line</t></r></is><v>ignored</v></c>\
        <c t="str"><f>A1</f><v>x_x000D_y</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c>\
        <c t="d"><v>2021-01-01</v></c><c><f>1+1</f></c><c><v>1.5E+3</v></c><c t="n"><v>abc</v></c></row>
        """, sharedStrings: sst)
        XCTAssertEqual(got.first?.cells, [
            .string("plain"), .string("rich"), .string(""), .empty, .string("inline"), .string("x\ry"),
            .bool(true), .error("#N/A"), .isoDateTime("2021-01-01"), .empty, .number(1500), .string("abc"),
        ])
    }

    func testStyleOnlyCellsDoNotExtendRows() throws {
        let got = try rows("<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"Z1\" s=\"3\"/></row><row r=\"1048576\"><c r=\"A1048576\" s=\"1\"/></row>")
        XCTAssertEqual(got.map(\.cells), [[.number(1)], []])
    }

    func testBigSheetsReadThroughThePrefetchThreadGiveTheSameRows() throws {
        // Digits from a counter keep the part incompressible enough to pass the ratio cap.
        let count = 120_000
        let data = (1...count).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0 &* 7919 % 1_000_003)</v></c><c r=\"B\($0)\" t=\"inlineStr\"><is><t>r\($0)</t></is></c></row>" }.joined()
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeZip(path, minimalWorkbook(sheetData: data))
        let workbook = try XLSXWorkbook(path: path)
        let entry = try XCTUnwrap(try workbook.archive.entry(named: "xl/worksheets/sheet1.xml"))
        XCTAssertGreaterThanOrEqual(entry.size, XLSXSheetReader.prefetchThreshold)
        let reader = try workbook.rows(sheet: 0)
        var n = 0
        while let row = try reader.nextRow() {
            n += 1
            XCTAssertEqual(row.number, n)
            XCTAssertEqual(row.cells, [.number(Double(n &* 7919 % 1_000_003)), .string("r\(n)")])
            if n != row.number { break }
        }
        XCTAssertEqual(n, count)

        // Dropping a reader in the middle stops its thread cleanly.
        for _ in 0..<20 {
            let early = try workbook.rows(sheet: 0)
            _ = try early.nextRow()
        }
    }

    func testSharedStringsResolveAcrossChunksAndDuplicateRows() throws {
        // Heap (long) and inline (short) strings; enough rows for several 64 KB chunks, since
        // shared strings are filled in per chunk of queued rows.
        let items = (0..<500).map { $0 % 3 == 0 ? "s\($0)" : "a longer shared string, number \($0)" }
        let sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + items.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        var data = ""
        var expected: [SheetRow] = []
        for r in 1...5_000 {
            let a = r * 7 % 500, c = r * 13 % 500
            data += "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(a)</v></c><c r=\"B\(r)\"><v>\(r)</v></c>"
                + "<c r=\"C\(r)\" t=\"s\"><v>\(c)</v></c></row>"
            expected.append(SheetRow(number: r, cells: [.string(items[a]), .number(Double(r)), .string(items[c])]))
        }
        // The same row twice: a shared string replaced by a number, a number by a shared string,
        // and a shared string cell written twice in one row (last wins).
        data += "<row r=\"5001\"><c r=\"A5001\" t=\"s\"><v>1</v></c><c r=\"B5001\"><v>2</v></c></row>"
            + "<row r=\"5001\"><c r=\"A5001\"><v>3</v></c><c r=\"B5001\" t=\"s\"><v>4</v></c>"
            + "<c r=\"C5001\" t=\"s\"><v>5</v></c><c r=\"C5001\" t=\"s\"><v>6</v></c></row>"
        expected.append(SheetRow(number: 5001, cells: [.number(3), .string(items[4]), .string(items[6])]))
        XCTAssertEqual(try rows(data, sharedStrings: sst), expected)
    }

    func testSharedStringPrefetchChecksTheStringLayout() {
        // Built at run time: heap strings, as the shared-string parser makes them.
        let heap = String(decoding: Array("a string longer than fifteen bytes".utf8), as: UTF8.self)
        let small = String(decoding: Array("short".utf8), as: UTF8.self)
        // On 64-bit Swift the raw path is taken; it only ever changes speed, not values.
        XCTAssertTrue(SharedStringPrefetch.layoutVerified([small, heap, small]))
        // No heap string: nothing to touch raw.
        XCTAssertFalse(SharedStringPrefetch.layoutVerified([small]))
        XCTAssertFalse(SharedStringPrefetch.layoutVerified([]))
        // A long literal is immortal, not a heap object: refused, so the safe touch is used.
        XCTAssertFalse(SharedStringPrefetch.layoutVerified([heap, "a long immortal literal string"]))
    }
}
