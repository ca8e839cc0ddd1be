import XCTest
import Foundation
@testable import OfficeFormats

final class DateConversionTests: XCTestCase {
    private func iso(_ serial: Double, _ is1904: Bool = false) -> String? {
        civilDateTime(fromSerial: serial, is1904: is1904)?.isoDateTime
    }

    func testThe1900SystemWithLotusLeapYearBug() {
        XCTAssertEqual(iso(1), "1900-01-01T00:00:00")
        XCTAssertEqual(iso(59), "1900-02-28T00:00:00")
        XCTAssertEqual(iso(60), "1900-02-28T00:00:00") // fictitious 1900-02-29, as openpyxl/calamine
        XCTAssertEqual(iso(61), "1900-03-01T00:00:00")
        XCTAssertEqual(iso(45_000), "2023-03-15T00:00:00")
        XCTAssertEqual(iso(2_958_465), "9999-12-31T00:00:00")
    }

    func testThe1904System() {
        XCTAssertEqual(iso(0, true), "1904-01-01T00:00:00")
        XCTAssertEqual(iso(1, true), "1904-01-02T00:00:00")
        XCTAssertEqual(iso(11_111, true), "1934-06-03T00:00:00")
    }

    func testRoundingToMilliseconds() {
        XCTAssertEqual(iso(42_488.479166666664), "2016-04-28T11:30:00") // binary noise
        XCTAssertEqual(iso(0.5 + 0.0005 / 86_400), "1899-12-31T12:00:00.001000")
        XCTAssertEqual(civilDateTime(fromSerial: 0.999_999_999_9, is1904: false)?.isoDate, "1900-01-01")
    }

    func testDumpRepresentation() {
        XCTAssertEqual(DumpValue(.dateTime(ExcelDateTime(serial: 45_000, is1904: false))), .string("2023-03-15"))
        XCTAssertEqual(DumpValue(.dateTime(ExcelDateTime(serial: 45_000.25, is1904: false))), .string("2023-03-15T06:00:00"))
        XCTAssertEqual(DumpValue(.dateTime(ExcelDateTime(serial: 0.0653, is1904: false))), .string("01:34:01.920000"))
        XCTAssertEqual(DumpValue(.dateTime(ExcelDateTime(serial: 660.0 / 86_400, is1904: false, isDuration: true))),
                       .string("PT660S"))
        XCTAssertEqual(DumpValue(.dateTime(ExcelDateTime(serial: 1.5, is1904: false, isDuration: true))), .string("PT129600S"))
        XCTAssertEqual(DumpValue(.number(3)), .int(3))
        XCTAssertEqual(DumpValue(.number(0.1)), .double(0.1))
        XCTAssertEqual(DumpValue(.error("#N/A")), .string("#N/A"))
        XCTAssertEqual(DumpValue(.string("")), .null)
        XCTAssertEqual(DumpValue(.isoDateTime("2009-01-01T11:00:00.00000020954757600")), .string("2009-01-01T11:00:00"))
        XCTAssertEqual(DumpValue(.isoDateTime("10:59:59.9999999999984025")), .string("11:00:00"))
        XCTAssertEqual(DumpValue(.isoDateTime("2021-01-01")), .string("2021-01-01"))
        XCTAssertEqual(DumpValue(.isoDateTime("not a date")), .string("not a date"))
    }
}

final class ReferenceTests: XCTestCase {
    func testColumnReferences() {
        XCTAssertEqual(parseColumn(Array("A1".utf8)), 0)
        XCTAssertEqual(parseColumn(Array("e3".utf8)), 4)
        XCTAssertEqual(parseColumn(Array("AA10".utf8)), 26)
        XCTAssertEqual(parseColumn(Array("$XFD$1".utf8)), 16_383)
        XCTAssertNil(parseColumn(Array("12".utf8)))
        for i in [0, 25, 26, 701, 702, 16_383] { XCTAssertEqual(parseColumn(Array(columnLetters(i).utf8)), i) }
    }

    func testRanges() {
        XCTAssertEqual(parseRange(Array("B2:D5".utf8)), MergedRange(firstRow: 2, lastRow: 5, firstColumn: 1, lastColumn: 3))
        XCTAssertEqual(parseRange(Array("c3".utf8)), MergedRange(firstRow: 3, lastRow: 3, firstColumn: 2, lastColumn: 2))
        XCTAssertNil(parseRange(Array(":".utf8)))
    }

    func testRelationshipTargets() throws {
        XCTAssertEqual(try resolveTarget("worksheets/sheet1.xml", base: "xl/"), "xl/worksheets/sheet1.xml")
        XCTAssertEqual(try resolveTarget("/xl/worksheets/sheet.xml", base: "xl/"), "xl/worksheets/sheet.xml")
        XCTAssertEqual(try resolveTarget("..\\media\\x.xml", base: "xl/worksheets/"), "xl/media/x.xml")
        XCTAssertEqual(try resolveTarget("./workbook.xml", base: ""), "workbook.xml")
        XCTAssertThrowsError(try resolveTarget("../../x.xml", base: "xl/"))
    }

    func testXStringEscapes() {
        XCTAssertEqual(decodeXString(Array("ABC_x000D_\nDEF".utf8)), "ABC\r\nDEF")
        XCTAssertEqual(decodeXString(Array("_x005F_x000D_".utf8)), "_x000D_")
        XCTAssertEqual(decodeXString(Array("a_x0041_b_xZZZZ_".utf8)), "aAb_xZZZZ_")
        XCTAssertEqual(decodeXString(Array("_xD83D__xDE00_".utf8)), "😀")
    }
}

final class NumberFormatTests: XCTestCase {
    func testBuiltinIds() {
        for id in [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 36, 45, 47, 50, 58] {
            XCTAssertEqual(classifyBuiltinFormat(id: id), .dateTime, "id \(id)")
        }
        XCTAssertEqual(classifyBuiltinFormat(id: 46), .duration)
        for id in [0, 1, 2, 9, 10, 11, 37, 44, 48, 49, 59] {
            XCTAssertEqual(classifyBuiltinFormat(id: id), .general, "id \(id)")
        }
    }

    func testCustomCodes() {
        let cases: [(String, NumberFormatKind)] = [
            ("dd/mm/yyyy", .dateTime),
            ("[$-421]dd mmmm yyyy", .dateTime),
            ("[$-id-ID]d mmmm yyyy;@", .dateTime),
            ("[$-409]h:mm:ss AM/PM", .dateTime),
            ("yyyy\"-\"mm\"-\"dd", .dateTime),
            ("[h]:mm", .duration),
            ("[mm]:ss", .duration),
            ("[Red][<=100]0.00", .general),
            ("#,##0 \"days\"", .general),
            ("\"Rp\"#,##0", .general),
            ("[$Rp-421]#,##0.00", .general),
            ("[$€-en-US]#,##0", .general),
            ("0.00E+00", .general),
            ("General", .general),
            ("0;[Red]-0;\"d\"", .general),
            ("_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)", .general),
            ("@", .general),
            ("\\d0", .general),
        ]
        for (code, kind) in cases { XCTAssertEqual(classifyFormatCode(code), kind, code) }
    }
}

final class WorkbookDumpTests: XCTestCase {
    func testJSONIsDeterministicWithSortedKeysAndNullRows() throws {
        let dump = WorkbookDump(sheetNames: ["Zeta", "Alpha"], sheets: [
            "Zeta": [[.string("a\"b\n"), .int(3)], [.null, .double(0.5)]],
            "Alpha": [],
        ])
        XCTAssertEqual(dump.json, """
        {
         "sheet_names": ["Zeta", "Alpha"],
         "sheets": {
          "Alpha": [],
          "Zeta": [
           ["a\\"b\\n", 3],
           [null, 0.5]
          ]
         }
        }

        """)
    }

    func testGridFillsMissingRowsAndMergesDuplicates() throws {
        struct Rows: RowSource {
            var rows: [SheetRow]
            var mergedRanges: [MergedRange] { [] }
            mutating func nextRow() throws -> SheetRow? { rows.isEmpty ? nil : rows.removeFirst() }
        }
        var source = Rows(rows: [
            SheetRow(number: 3, cells: [.empty, .string("x")]),
            SheetRow(number: 1, cells: [.number(1)]),
            SheetRow(number: 3, cells: [.string("y")]),
            SheetRow(number: 5, cells: [.empty, .empty, .string("")]),
        ])
        let grid = try WorkbookDump.grid(from: &source)
        XCTAssertEqual(grid, [[.int(1), .null], [.null, .null], [.string("y"), .string("x")]])
    }

    /// Issue 16 #10: `dip dump` writes each row before the next is read and cuts long texts.
    func testStreamedDumpWritesRowByRowAndCutsLongTexts() throws {
        final class Log { var writes = 0; var pulledAfterWrites: [Int] = [] }
        struct Rows: RowSource {
            var rows: [SheetRow]
            let log: Log
            var mergedRanges: [MergedRange] { [] }
            mutating func nextRow() throws -> SheetRow? {
                log.pulledAfterWrites.append(log.writes)
                return rows.isEmpty ? nil : rows.removeFirst()
            }
        }
        let log = Log()
        let long = String(repeating: "é", count: 1_000_000)
        var source = Rows(rows: [
            SheetRow(number: 1, cells: [.string("No"), .string("Ringkasan")]),
            SheetRow(number: 2, cells: [.number(1), .string(long), .empty, .empty]),
            SheetRow(number: 3, cells: [.empty]),
        ], log: log)
        var out: [String] = []
        try WorkbookDump.streamText(name: "DIP", from: &source, maxCharacters: 10) { out.append($0); log.writes += 1 }
        // The sheet line is written before the first row is read, each row before the next.
        XCTAssertEqual(log.pulledAfterWrites, [1, 2, 3, 3])
        XCTAssertEqual(out, [
            "== DIP\n",
            "  1 | No | Ringkasan\n",
            "  2 | 1 | éééééééééé… (+999990 karakter)\n",
            "(2 baris)\n\n",
        ])
        XCTAssertEqual(WorkbookDump.cut(long, 0).count, 1_000_000)
        XCTAssertEqual(WorkbookDump.cut("pendek", 10), "pendek")
    }

    /// The streamed JSON of a CSV is the grid dump's; long texts are cut when asked.
    func testStreamedJSONOfACSVIsTheGridDump() throws {
        let path = temporaryPath("csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let long = String(repeating: "x", count: 500)
        try Data("No;Nama;Catatan\r\n1;\"Dinas \"\"Kesehatan\"\"\";\r\n;;\r\n3;\(long);\r\n".utf8).write(to: URL(fileURLWithPath: path))
        var streamed = ""
        try WorkbookDump.streamJSONCSV(path: path, maxCharacters: 0) { streamed += $0 }
        XCTAssertEqual(streamed, try WorkbookDump.csv(path: path).json)
        var cut = ""
        try WorkbookDump.streamJSONCSV(path: path, maxCharacters: 10) { cut += $0 }
        XCTAssertTrue(cut.contains("\"xxxxxxxxxx… (+490 karakter)\""), cut)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(cut.utf8)))
    }

    /// A row stored sparse is written with its filled cells only, each named by its column.
    func testStreamedTextOfASparseRowNamesItsCells() throws {
        struct Rows: RowSource {
            var rows: [SheetRow]
            var mergedRanges: [MergedRange] { [] }
            mutating func nextRow() throws -> SheetRow? { rows.isEmpty ? nil : rows.removeFirst() }
        }
        var row = SheetRow(number: 4, cells: [.string("a")])
        row.setCell(.number(2), column: 16_383)
        XCTAssertEqual(row.storedCellCount, 2)
        var source = Rows(rows: [SheetRow(number: 1, cells: [.string("No"), .empty, .string("x")]), row])
        var out = ""
        try WorkbookDump.streamText(name: "DIP", from: &source, maxCharacters: 0) { out += $0 }
        XCTAssertEqual(out, "== DIP\n  1 | No |  | x\n  4 | A: a | XFD: 2\n(2 baris)\n\n")
    }

    func testCSVDumpUsesTheCSVReader() throws {
        let path = temporaryPath("csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("No;Nama\r\n1;Dinas Kesehatan\r\n".utf8).write(to: URL(fileURLWithPath: path))
        let dump = try WorkbookDump.csv(path: path)
        let name = String(path.split(separator: "/").last!)
        XCTAssertEqual(dump.sheets[name], [[.string("No"), .string("Nama")], [.string("1"), .string("Dinas Kesehatan")]])
    }
}

/// `HYPERLINK("url", …)` formulas give their literal target; nothing else does.
final class HyperlinkFormulaTests: XCTestCase {
    func testLiteralTargetsOnly() {
        func target(_ f: String) -> String? { hyperlinkTarget(Array(f.utf8)) }
        XCTAssertEqual(target("HYPERLINK(\"https://a.example/x\",\"Lihat\")"), "https://a.example/x")
        XCTAssertEqual(target(" =hyperlink( \"https://a.example/\"\"q\"\"\" ; \"x\")"), "https://a.example/\"q\"")
        XCTAssertEqual(target("_xlfn.HYPERLINK(\"http://b.example\")"), "http://b.example")
        XCTAssertNil(target("HYPERLINK(A2,\"Lihat\")"))
        XCTAssertNil(target("CONCATENATE(\"https://a.example\")"))
        XCTAssertNil(target("HYPERLINK(\"https://unterminated"))
        XCTAssertNil(target("HYPERLINKS(\"https://a.example\")"))
    }
}
