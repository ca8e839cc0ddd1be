import TestSupport
import XCTest
@testable import OfficeFormats

final class WriterXLSXTests: XCTestCase {
    let when = Date(timeIntervalSince1970: 1_767_225_600)

    func sampleWorkbook(rows: Int = 30) -> XLSXDocument { Self.sampleWorkbook(rows: rows, when: when) }

    static func sampleWorkbook(rows: Int, when: Date) -> XLSXDocument {
        var data: [[XLSXCell]] = [["id", "Ringkasan", "Unit", "Tanggal", "Jumlah", "Setuju", "Keputusan"].map { XLSXCell($0, style: .header) }]
        for i in 1...rows {
            data.append([
                XLSXCell("dinkes-\(String(format: "%04d", i))"),
                XLSXCell(" Ringkasan & <informasi> \(i)\nbaris dua", style: .body),
                XLSXCell("Dinas Kesehatan", style: .body),
                XLSXCell(.date(when.addingTimeInterval(Double(i) * 86_400 - 7 * 3600)), style: .body),
                XLSXCell(.number(Double(i) * 1.5), style: .body),
                XLSXCell(.bool(i % 2 == 0), style: .body),
                XLSXCell(.empty, style: XLSXStyle(border: true, fill: "FFF2CC", locked: false)),
            ])
        }
        let main = XLSXSheet(
            name: "Berkala", rows: data,
            columns: [XLSXColumn(width: 12, hidden: true), XLSXColumn(width: 60), XLSXColumn(width: 25),
                      XLSXColumn(width: 12), XLSXColumn(width: 10), XLSXColumn(width: 8), XLSXColumn(width: 20)],
            frozenRows: 1, autoFilter: true, print: .f4Landscape,
            validations: [XLSXListValidation(range: "G2:G\(rows + 1)", options: ["Setuju", "Ubah", "Tolak"]),
                          XLSXListValidation(range: "C2:C\(rows + 1)", sourceRange: "'Daftar Pilihan'!$A$1:$A$2")],
            merges: [], protected: true)
        let lists = XLSXSheet(name: "Daftar Pilihan", rows: [[XLSXCell("Dinas Kesehatan")], [XLSXCell("Dinas Pendidikan")]],
                              hidden: true)
        let notes = XLSXSheet(name: "Catatan", rows: [[XLSXCell("Judul")], [XLSXCell("isi")]],
                              merges: [MergedRange(firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: 3)])
        return XLSXDocument(sheets: [main, lists, notes], title: "Uji", creator: "dip", created: when,
                            timeZone: TimeZone(secondsFromGMT: 7 * 3600)!)
    }

    func testStructure() throws {
        let entries = try readZipEntries(try XLSXWriter.write(sampleWorkbook()))
        XCTAssertEqual(entries.map(\.name), [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
            "xl/styles.xml", "xl/sharedStrings.xml", "docProps/core.xml", "docProps/app.xml",
        ])
        func text(_ n: String) -> String { String(decoding: entries.first { $0.name == n }!.data, as: UTF8.self) }
        let wb = text("xl/workbook.xml")
        XCTAssertTrue(wb.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'Berkala'!$A$1:$G$31</definedName>"), wb)
        XCTAssertTrue(wb.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Berkala'!$1:$1</definedName>"), wb)
        XCTAssertTrue(wb.contains("name=\"Daftar Pilihan\" sheetId=\"2\" state=\"hidden\""), wb)
        let s1 = text("xl/worksheets/sheet1.xml")
        let order = ["<sheetPr>", "<dimension", "<sheetViews>", "<sheetFormatPr", "<cols>", "<sheetData>",
                     "<sheetProtection", "<autoFilter", "<dataValidations", "<pageMargins", "<pageSetup"]
        let positions = order.map { s1.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), s1)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), "CT_Worksheet order")
        XCTAssertTrue(s1.contains("<pageSetup paperSize=\"14\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"))
        XCTAssertTrue(s1.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        XCTAssertTrue(s1.contains("<col min=\"1\" max=\"1\" width=\"12\" customWidth=\"1\" hidden=\"1\"/>"))
        XCTAssertTrue(s1.contains("<formula1>&quot;Setuju,Ubah,Tolak&quot;</formula1>"), s1)
        // 2026-01-02 00:00 WIB = serial 46024.
        XCTAssertTrue(s1.contains("<v>46024</v>"), s1)
        let sst = text("xl/sharedStrings.xml")
        XCTAssertTrue(sst.contains("uniqueCount="))
        XCTAssertEqual(sst.components(separatedBy: "<t>Dinas Kesehatan</t>").count, 2, "shared once")
        XCTAssertTrue(sst.contains("<t xml:space=\"preserve\"> Ringkasan &amp; &lt;informasi&gt; 1\nbaris dua</t>"), sst)
        let styles = text("xl/styles.xml")
        XCTAssertTrue(styles.contains("<patternFill patternType=\"gray125\"/>"))
        XCTAssertTrue(styles.contains("<protection locked=\"0\"/>"))
    }

    /// Rows are serialised by hand (`XLSXWriter.RowXML`): every cell kind, exactly as the
    /// element-by-element writer wrote them (empty rows self-closed, unstyled empty cells
    /// left out, styled ones kept).
    func testSheetDataRowsByteForByte() throws {
        var wide = [XLSXCell](repeating: XLSXCell(.empty), count: 27)
        wide[26] = XLSXCell(.number(-2.5))
        let rows: [[XLSXCell]] = [
            [XLSXCell("teks"), XLSXCell(.empty), XLSXCell(.empty, style: .body), XLSXCell(.number(3))],
            [XLSXCell(.empty), XLSXCell("")],
            [XLSXCell(.bool(true)), XLSXCell(.bool(false), style: .body), XLSXCell(.number(.nan)),
             XLSXCell(.number(.infinity), style: .body), XLSXCell(.date(when))],
            wide,
            [XLSXCell("teks", style: .header)],
        ]
        let document = XLSXDocument(sheets: [XLSXSheet(name: "S", rows: rows)], title: "t", creator: "dip",
                                    created: when, timeZone: TimeZone(secondsFromGMT: 7 * 3600)!)
        let entries = try readZipEntries(try XLSXWriter.write(document))
        let sheet = String(decoding: entries.first { $0.name == "xl/worksheets/sheet1.xml" }!.data, as: UTF8.self)
        let body = try XCTUnwrap(sheet.range(of: "<sheetData>").map { sheet[$0.lowerBound...] })
        let sheetData = String(body[..<body.range(of: "</sheetData>")!.upperBound])
        XCTAssertEqual(sheetData, "<sheetData>"
            + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" s=\"1\"/><c r=\"D1\"><v>3</v></c></row>"
            + "<row r=\"2\"/>"
            + "<row r=\"3\"><c r=\"A3\" t=\"b\"><v>1</v></c><c r=\"B3\" s=\"1\" t=\"b\"><v>0</v></c>"
            + "<c r=\"D3\" s=\"1\"/><c r=\"E3\" s=\"2\"><v>46023.29166666667</v></c></row>"
            + "<row r=\"4\"><c r=\"AA4\"><v>-2.5</v></c></row>"
            + "<row r=\"5\"><c r=\"A5\" s=\"3\" t=\"s\"><v>0</v></c></row>"
            + "</sheetData>")
        let sst = String(decoding: entries.first { $0.name == "xl/sharedStrings.xml" }!.data, as: UTF8.self)
        XCTAssertTrue(sst.contains("count=\"2\" uniqueCount=\"1\""), sst)
    }

    /// A sheet whose fitted column needed widening is written again at the fitted width; the
    /// shared-string table's `count` (references to it) counted the first pass too, so it said
    /// twice the sheet's references (w23audit). It is what one pass at that width writes.
    func testRewrittenSheetCountsItsSharedStringsOnce() throws {
        let long = String(repeating: "penjelasan aturan yang panjang ", count: 40)
        let rows = [[XLSXCell("Penjelasan", style: .header)], [XLSXCell(long, style: XLSXStyle(wrap: true))]]
        let fitted = XLSXSheet(name: "S", rows: rows, columns: [XLSXColumn(width: 10, fitLimit: 120)])
        let entries = try readZipEntries(try XLSXWriter.write(XLSXDocument(sheets: [fitted], created: when)))
        let sheet = String(decoding: entries.first { $0.name == "xl/worksheets/sheet1.xml" }!.data, as: UTF8.self)
        let width = try XCTUnwrap(sheet.components(separatedBy: "width=\"").dropFirst().first.flatMap { Double($0.prefix { $0 != "\"" }) })
        XCTAssertGreaterThan(width, 10, "the column was not widened: the test does not reach the second pass")
        let sst = String(decoding: entries.first { $0.name == "xl/sharedStrings.xml" }!.data, as: UTF8.self)
        XCTAssertTrue(sst.contains("count=\"2\" uniqueCount=\"2\""), sst.prefix(200) + "")
        // The same sheet at the fitted width from the start writes the same shared strings.
        let onePass = XLSXSheet(name: "S", rows: rows, columns: [XLSXColumn(width: width)])
        let again = try readZipEntries(try XLSXWriter.write(XLSXDocument(sheets: [onePass], created: when)))
        let onePassSST = String(decoding: again.first { $0.name == "xl/sharedStrings.xml" }!.data, as: UTF8.self)
        XCTAssertTrue(onePassSST == sst, "one pass: " + onePassSST.prefix(200))
    }

    /// The shared string table answers by exact bytes first (`ExactText`) and by Swift's text
    /// equality otherwise: canonically equivalent texts (NFC "é" and NFD "e" + U+0301, the
    /// Kelvin sign and "K") still share the first one's entry, and every index is the one a
    /// table keyed by text alone gives (the reference below), over hundreds of entries.
    func testSharedStringsMatchATableKeyedByTextAlone() {
        var texts = PieceTexts(["é", "e\u{301}", "K", "\u{212A}", "a", " ", "—", "\n", "Ω", "\u{2126}", "1"],
                               maxPieces: 5, seed: 7)
        var table = XLSXWriter.SharedStrings()
        var reference: [String: Int] = [:]
        var order: [String] = []
        for _ in 0..<3000 {
            let text = texts.nextText()
            let expected: Int
            if let i = reference[text] {
                expected = i
            } else {
                expected = order.count
                reference[text] = expected
                order.append(text)
            }
            XCTAssertEqual(table.index(text), expected, "\(Array(text.unicodeScalars))")
        }
        XCTAssertGreaterThan(order.count, 200)
        XCTAssertEqual(table.list.map { Array($0.utf8) }, order.map { Array($0.utf8) })
        XCTAssertEqual(table.count, 3000)
        XCTAssertEqual(table.index("e\u{301}"), table.index("é"))
    }

    /// Reports made from stored data truncate a text no cell can hold; the default refuses it.
    func testOverlongTextIsRefusedByDefaultOrTruncatedOnACharacterBoundary() throws {
        // 32,765 letters, then an emoji (two UTF-16 units) straddling the limit.
        let long = String(repeating: "a", count: 32_765) + "📄" + String(repeating: "b", count: 10)
        let sheet = XLSXSheet(name: "S", rows: [[XLSXCell(long)]])
        XCTAssertThrowsError(try XLSXWriter.write(XLSXDocument(sheets: [sheet], created: when))) { error in
            XCTAssertEqual(error as? XLSXWriterError, .cellTooLong(sheet: "S", cell: "A1"))
        }
        let generated = XLSXSheet(name: "G", rowCount: 1, row: { _ in [XLSXCell(long)] }, columns: [XLSXColumn(width: 10)])
        let bytes = try XLSXWriter.write(XLSXDocument(sheets: [sheet, generated], created: when, longText: .truncate))
        let entries = try readZipEntries(bytes)
        let sst = String(decoding: entries.first { $0.name == "xl/sharedStrings.xml" }!.data, as: UTF8.self)
        let expected = String(repeating: "a", count: 32_765) + "…"
        XCTAssertTrue(sst.contains("<t>\(expected)</t>"), "cut before the emoji, never inside it")
        XCTAssertEqual(expected.utf16.count, 32_766)
        XCTAssertTrue(sst.contains("count=\"2\" uniqueCount=\"1\""), "both sheets share the cut text")
        let path = NSTemporaryDirectory() + "dip-long-\(UUID().uuidString).xlsx"
        defer { unlink(path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let dump = try WorkbookDump.xlsx(path: path)
        XCTAssertEqual(dump.sheets["S"]?.first?.first, .string(expected))
    }

    func testDeterministic() throws {
        XCTAssertEqual(try XLSXWriter.write(sampleWorkbook()), try XLSXWriter.write(sampleWorkbook()))
    }

    /// Zipped straight into a file (the review workbook, issue 19), a workbook has the bytes it
    /// has in memory, at the usual and at its own level; nothing is left beside the file.
    func testWorkbookWrittenToAFileHasTheBytesWrittenInMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dip-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var fast = sampleWorkbook(rows: 400)
        fast.compression = .deflate(level: 2)
        for (n, workbook) in [sampleWorkbook(), sampleWorkbook(rows: 400), fast].enumerated() {
            let url = folder.appendingPathComponent("b\(n).xlsx")
            try XLSXWriter.write(workbook, streamingTo: url)
            XCTAssertEqual(Array(try Data(contentsOf: url)), try XLSXWriter.write(workbook), "workbook \(n)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(),
                       ["b0.xlsx", "b1.xlsx", "b2.xlsx"])
    }

    /// A workbook's own deflate level (the review workbook's, level 2) changes the compressed
    /// bytes only: every part reads back the same, and the level is the one asked for.
    func testCompressionLevelChangesTheBytesNotTheParts() throws {
        var fast = sampleWorkbook(rows: 400)
        fast.compression = .deflate(level: 2)
        let usual = try XLSXWriter.write(sampleWorkbook(rows: 400))
        let quick = try XLSXWriter.write(fast)
        XCTAssertNotEqual(usual, quick)
        XCTAssertEqual(quick, try XLSXWriter.write(fast), "deterministic at any level")
        let a = try readZipEntries(usual), b = try readZipEntries(quick)
        XCTAssertEqual(a.map(\.name), b.map(\.name))
        for (x, y) in zip(a, b) { XCTAssertEqual(x.data, y.data, x.name) }
        // The general-purpose flag's bits 1-2 in the central directory record the level class:
        // 0 normal (levels 3-7 in libzip's choice), 2 fast (1-2).
        XCTAssertEqual(Self.deflateFlags(usual, entry: "xl/worksheets/sheet1.xml"), 0)
        XCTAssertEqual(Self.deflateFlags(quick, entry: "xl/worksheets/sheet1.xml"), 4)
        XCTAssertEqual(Self.deflateFlags(quick, entry: "[Content_Types].xml"), 0, "content types keep the usual level")
    }

    /// Bits 1-2 of the general-purpose flag of `entry`'s central directory record, shifted in place.
    static func deflateFlags(_ zip: [UInt8], entry: String) -> Int? {
        let name = Array(entry.utf8)
        var i = 0
        while i + 46 <= zip.count {
            if zip[i] == 0x50, zip[i + 1] == 0x4B, zip[i + 2] == 0x01, zip[i + 3] == 0x02 {
                let nameLength = Int(zip[i + 28]) | Int(zip[i + 29]) << 8
                if Array(zip[(i + 46)..<min(zip.count, i + 46 + nameLength)]) == name {
                    return Int(zip[i + 8]) & 0x06
                }
            }
            i += 1
        }
        return nil
    }

    func testRejectsWhatExcelRepairs() throws {
        var wb = sampleWorkbook(rows: 2)
        wb.sheets[2].name = "Dinas Komunikasi dan Informatika Kabupaten"
        XCTAssertThrowsError(try XLSXWriter.write(wb)) {
            XCTAssertEqual($0 as? XLSXWriterError, .invalidSheetName("Dinas Komunikasi dan Informatika Kabupaten"))
        }
        XCTAssertEqual(XLSXWriter.sanitizedSheetName("Dinas [Kominfo]: Data/Statistik dan Persandian"), "Dinas Kominfo DataStatistik dan")
        wb = sampleWorkbook(rows: 2)
        wb.sheets[2].name = "berkala"
        XCTAssertThrowsError(try XLSXWriter.write(wb)) { XCTAssertEqual($0 as? XLSXWriterError, .duplicateSheetName("berkala")) }
        wb = sampleWorkbook(rows: 2)
        wb.sheets[0].validations = [XLSXListValidation(range: "A1:A2", options: Array(repeating: "pilihan panjang", count: 30))]
        XCTAssertThrowsError(try XLSXWriter.write(wb)) { XCTAssertEqual($0 as? XLSXWriterError, .listTooLong(sheet: "Berkala", range: "A1:A2")) }
        wb = sampleWorkbook(rows: 2)
        wb.sheets[2].merges.append(MergedRange(firstRow: 1, lastRow: 2, firstColumn: 1, lastColumn: 1))
        XCTAssertThrowsError(try XLSXWriter.write(wb)) { XCTAssertEqual($0 as? XLSXWriterError, .overlappingMerges(sheet: "Catatan")) }
        wb = sampleWorkbook(rows: 2)
        for i in wb.sheets.indices { wb.sheets[i].hidden = true }
        XCTAssertThrowsError(try XLSXWriter.write(wb)) { XCTAssertEqual($0 as? XLSXWriterError, .noVisibleSheet) }
    }

    func testCheckXlsxAccepts() throws {
        let url = try Checkers.temporaryFile("uji.xlsx", try XLSXWriter.write(sampleWorkbook(rows: 200)))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let r = try Checkers.run("check-xlsx", [url.path])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("OK"), r.output)
    }
}

final class WriterXLSXOpenpyxlTests: XCTestCase {
    /// openpyxl (from the checkers' venv) reads back what a spreadsheet program would see:
    /// values and types, dropdowns, hidden id column, hidden sheet, frozen pane, print setup.
    func testOpenpyxlReadsBack() throws {
        _ = try Checkers.require("check-xlsx")
        let url = try Checkers.temporaryFile("uji.xlsx", try XLSXWriter.write(WriterXLSXTests.sampleWorkbook(rows: 5, when: Date(timeIntervalSince1970: 1_767_225_600))))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let script = """
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Berkala']
out = {
  'sheets': [[s.title, s.sheet_state] for s in wb.worksheets],
  'a1': ws['A1'].value, 'b2': ws['B2'].value, 'd2': ws['D2'].value.isoformat(), 'e3': ws['E3'].value,
  'f3': ws['F3'].value, 'bold': ws['A1'].font.b, 'hiddenA': ws.column_dimensions['A'].hidden,
  'freeze': ws.freeze_panes, 'paper': ws.page_setup.paperSize, 'orient': ws.page_setup.orientation,
  'titles': str(ws.print_title_rows),
  'dv': sorted([[str(d.sqref), d.formula1] for d in ws.data_validations.dataValidation]),
  'protected': ws.protection.sheet, 'g2locked': ws['G2'].protection.locked,
}
print(json.dumps(out))
"""
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Checkers.python())
        p.arguments = ["-c", script, url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(o["sheets"] as? [[String]], [["Berkala", "visible"], ["Daftar Pilihan", "hidden"], ["Catatan", "visible"]])
        XCTAssertEqual(o["a1"] as? String, "id")
        XCTAssertEqual(o["b2"] as? String, " Ringkasan & <informasi> 1\nbaris dua")
        XCTAssertEqual(o["d2"] as? String, "2026-01-02T00:00:00")
        XCTAssertEqual(o["e3"] as? Double, 3)
        XCTAssertEqual(o["f3"] as? Bool, true)
        XCTAssertEqual(o["bold"] as? Bool, true)
        XCTAssertEqual(o["hiddenA"] as? Bool, true)
        XCTAssertEqual(o["freeze"] as? String, "A2")
        XCTAssertEqual(o["paper"] as? String ?? (o["paper"] as? Int).map(String.init), "14")
        XCTAssertEqual(o["orient"] as? String, "landscape")
        XCTAssertEqual(o["titles"] as? String, "$1:$1")
        XCTAssertEqual(o["dv"] as? [[String]], [["C2:C6", "'Daftar Pilihan'!$A$1:$A$2"], ["G2:G6", "\"Setuju,Ubah,Tolak\""]])
        XCTAssertEqual(o["protected"] as? Bool, true)
        XCTAssertEqual(o["g2locked"] as? Bool, false)
    }

    /// Frozen columns, with and without a frozen header row, as openpyxl (and so a spreadsheet
    /// program) reads the pane: the first cell that scrolls.
    func testOpenpyxlReadsFrozenColumns() throws {
        _ = try Checkers.require("check-xlsx")
        let cells = [[XLSXCell("No"), XLSXCell("Nomor"), XLSXCell("Ringkasan"), XLSXCell("Keputusan")],
                     [XLSXCell("1"), XLSXCell("a"), XLSXCell("Renja"), XLSXCell("Setujui")]]
        let doc = XLSXDocument(sheets: [
            XLSXSheet(name: "Baris dan kolom", rows: cells, frozenRows: 1, frozenColumns: 3),
            XLSXSheet(name: "Kolom", rows: cells, frozenColumns: 2),
            XLSXSheet(name: "Baris", rows: cells, frozenRows: 1),
        ], created: Date(timeIntervalSince1970: 1_767_225_600))
        let url = try Checkers.temporaryFile("beku.xlsx", try XLSXWriter.write(doc))
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Checkers.python())
        p.arguments = ["-c", "import sys, openpyxl; print(' '.join(str(ws.freeze_panes) for ws in openpyxl.load_workbook(sys.argv[1]).worksheets))", url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertEqual(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), "D2 C1 A2")
        let r = try Checkers.run("check-xlsx", [url.path])
        XCTAssertEqual(r.status, 0, r.output)
    }
}
