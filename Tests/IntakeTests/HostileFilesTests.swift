import DIPCore
import Foundation
import OfficeFormats
import XCTest
@testable import Intake

/// Session 21: what a careless or hostile sender drops in the inbox and the intake did not
/// answer well (scripts/make-hostile-files.py and scripts/hostile-check.sh found them; the
/// files here are built at test time). Each case failed before its fix: unbounded merges, a
/// duplicated part read silently, too many zip entries called a damaged copy, web pages and
/// XML Spreadsheet 2003 files read as CSV, binary data named .csv called a cut CSV, and an
/// unclosed quote reported as an overlong cell and accepted.
final class HostileFilesTests: XCTestCase {
    var paths: [String] = []

    override func tearDown() {
        for p in paths { try? FileManager.default.removeItem(atPath: p) }
        paths = []
        super.tearDown()
    }

    func temporary(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dip-hostile-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        paths.append(dir.path)
        return dir.appendingPathComponent(name).path
    }

    static let header = ["No", "Ringkasan Isi Informasi", "Pejabat/Unit yang Menguasai Informasi",
                         "Penanggung Jawab Pembuatan atau Penerbitan Informasi", "Waktu Pembuatan", "Tempat Pembuatan",
                         "Bentuk Informasi", "Jangka Waktu Penyimpanan", "Jenis Informasi"]
    static let row = ["1", "Laporan keuangan tahun 2025", "Sekretariat", "Kepala Dinas", "2025", "Serang", "Softcopy",
                      "5 tahun", "Berkala"]

    static func inlineRow(_ r: Int, _ values: [String]) -> String {
        "<row r=\"\(r)\">" + values.enumerated().map { c, v in
            "<c r=\"\(Character(UnicodeScalar(65 + c)!))\(r)\" t=\"inlineStr\"><is><t>\(v)</t></is></c>"
        }.joined() + "</row>"
    }

    /// A one-sheet workbook ("DIP") holding the header and one item; `tail` goes after sheetData.
    static func parts(tail: String = "") -> [(String, String)] {
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        return [
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"),
            ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(rns)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"\(ns)\" xmlns:r=\"\(rns)\"><sheets>"
                + "<sheet name=\"DIP\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(rns)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
            ("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet xmlns=\"\(ns)\"><sheetData>"
                + inlineRow(1, header) + inlineRow(2, row) + "</sheetData>\(tail)</worksheet>"),
        ]
    }

    func writeWorkbook(_ name: String, _ parts: [(String, String)]) throws -> String {
        let path = temporary(name)
        let writer = try ZipWriter(destination: URL(fileURLWithPath: path))
        for (part, text) in parts {
            try writer.add(path: part, text: text, modified: Date(timeIntervalSince1970: 1_767_225_600))
        }
        try writer.close()
        return path
    }

    func testTheBaseWorkbookIsAccepted() throws {
        // The cases below differ from this one only by what they add.
        let r = readSubmission(at: try writeWorkbook("dip.xlsx", Self.parts()))
        XCTAssertEqual(r.status, .accepted, "\(r.problems)")
        XCTAssertEqual(r.items.count, 1)
    }

    /// 1.5 million `<mergeCell>` in a 7.8 MB file took 260 MB and 55 s (debug) before the
    /// first row; merges are now capped (`XLSXLimits.maxMergedRanges`) and the sheet refused.
    func testAMergeListLongerThanAnyListIsRefusedNamingTheSheet() throws {
        let cap = XLSXLimits().maxMergedRanges
        var merges = "<mergeCells>"
        merges.reserveCapacity((cap + 1) * 28)
        for r in 0...cap { merges += "<mergeCell ref=\"J\(r * 2 + 1):K\(r * 2 + 2)\"/>" }
        merges += "</mergeCells>"
        let r = readSubmission(at: try writeWorkbook("gabung.xlsx", Self.parts(tail: merges)))
        XCTAssertEqual(r.status, .refused)
        let p = try XCTUnwrap(r.problems.first)
        XCTAssertEqual(p.code, "zip-bomb")
        XCTAssertEqual(p.sheet, "DIP")
        XCTAssertTrue(p.message.contains("sheet 'DIP' berisi lebih dari 200.000 sel gabungan (merge)"), p.message)
        // At the cap itself a sheet is read: MergeScanTests.testMergedRangesUpToTheCapAreKept.
    }

    /// A year typed into a date-formatted cell (Excel shows 2025 as 17/07/1905) was taken as
    /// the date 1905-07-17, which the decree prints. Now the year, with a warning.
    func testAYearTypedIntoADateCellIsTakenAsTheYear() throws {
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts = Self.parts()
        let styles = "<?xml version=\"1.0\"?><styleSheet xmlns=\"\(ns)\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/>"
            + "<xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
        parts.append(("xl/styles.xml", styles))
        parts[3].1 = parts[3].1.replacingOccurrences(
            of: "</Relationships>", with: "<Relationship Id=\"rId2\" Type=\"\(rns)/styles\" Target=\"styles.xml\"/></Relationships>")
        let second = Self.inlineRow(3, ["2", "Rencana strategis 2025-2029"] + Self.row.dropFirst(2))
        parts[4].1 = parts[4].1
            .replacingOccurrences(of: "<c r=\"E2\" t=\"inlineStr\"><is><t>2025</t></is></c>", with: "<c r=\"E2\" s=\"1\"><v>2025</v></c>")
            .replacingOccurrences(of: "</sheetData>", with: second.replacingOccurrences(
                of: "<c r=\"E3\" t=\"inlineStr\"><is><t>2025</t></is></c>", with: "<c r=\"E3\" s=\"1\"><v>46000</v></c>") + "</sheetData>")
        let r = readSubmission(at: try writeWorkbook("tahun.xlsx", parts))
        XCTAssertEqual(r.status, .accepted, "\(r.problems)")
        XCTAssertEqual(r.items.map(\.waktuPembuatan), ["2025", "2025-12-09"])
        let warned = r.problems.filter { $0.code == "year-in-date-cell" }
        XCTAssertEqual(warned.map(\.row), [2])
        XCTAssertEqual(warned.first?.column, "E")
        XCTAssertTrue(warned.first?.message.contains("sebagai tanggal 1905-07-17; dibaca sebagai tahun 2025") == true,
                      warned.first?.message ?? "")
    }

    /// A part stored twice under the same name was read silently (the first copy); Excel
    /// refuses such a file and other programs may read the other copy.
    func testAPartStoredTwiceIsRefused() throws {
        var parts = Self.parts()
        let decoy = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<sheetData>" + Self.inlineRow(1, ["lain"]) + "</sheetData></worksheet>"
        // Stored as sheet1.xmX, then renamed in the bytes (same length: offsets stay right).
        parts.append(("xl/worksheets/sheet1.xmX", decoy))
        let path = try writeWorkbook("ganda.xlsx", parts)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let from = Array("sheet1.xmX".utf8), to = Array("sheet1.xml".utf8)
        var replaced = 0
        var i = 0
        while i + from.count <= bytes.count {
            if Array(bytes[i..<i + from.count]) == from { bytes.replaceSubrange(i..<i + from.count, with: to); replaced += 1 }
            i += 1
        }
        XCTAssertEqual(replaced, 2, "local header and central directory")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = readSubmission(at: path)
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.first?.code, "corrupt-file")
        XCTAssertTrue(r.problems.first?.message.contains("bagian xl/worksheets/sheet1.xml tersimpan 2 kali") == true,
                      r.problems.first?.message ?? "")
    }

    /// 10,001 entries were refused as "rusak atau tidak utuh" with advice to copy the file
    /// again: the sniff swallowed the reader's entry-count limit.
    func testTooManyEntriesIsSaidAsSuch() throws {
        var parts = Self.parts()
        for i in 0..<XLSXLimits().maxEntryCount { parts.append(("xl/sampah/\(i).xml", "<x/>")) }
        let r = readSubmission(at: try writeWorkbook("banyak.xlsx", parts))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.first?.code, "zip-bomb")
        XCTAssertTrue(r.problems.first?.message.contains("terlalu banyak bagian (lebih dari 10.000)") == true,
                      r.problems.first?.message ?? "")
    }

    /// A web application's "Export to Excel" saves an HTML table named .xls; an Excel 2003
    /// XML Spreadsheet is XML. Both were read as CSV and answered "Tabel DIP tidak ditemukan"
    /// quoting `<html …>`. Since session 23 web pages are read as pages (their tables:
    /// HTMLSubmissionTests), whatever their name; XML Spreadsheet 2003 stays refused.
    func testWebPagesAndXMLSpreadsheetsAreToldWhatTheyAre() throws {
        let cells = Self.header.map { "<th>\($0)</th>" }.joined()
        let item = "<tr>" + Self.row.map { "<td>\($0)</td>" }.joined() + "</tr>"
        let html = "\u{FEFF}\r\n<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta charset=\"utf-8\"></head>"
            + "<body><table><tr>\(cells)</tr>\(item)</table></body></html>"
        let page = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<HTML><BODY><TABLE><TR>\(cells)</TR>\(item)</TABLE></BODY></HTML>"
        for (name, text) in [("ekspor.xls", html), ("ekspor.xlsx", page), ("ekspor.csv", html), ("ekspor.htm", page)] {
            let path = temporary(name)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let r = readSubmission(at: path)
            XCTAssertEqual(r.status, .accepted, "\(name): \(r.reason ?? "")")
            XCTAssertEqual(r.items.map(\.ringkasan), ["Laporan keuangan tahun 2025"], name)
            XCTAssertEqual(r.sheet, "tabel ke-1", name)
        }
        let xml = "<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?><Workbook "
            + "xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet><Table/></Worksheet></Workbook>"
        for (name, text, expected) in [("lama.xls", xml, "XML Spreadsheet 2003 meskipun bernama .xls"),
                                       ("lama.xml", xml, "XML Spreadsheet 2003,")] {
            let path = temporary(name)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let r = readSubmission(at: path)
            XCTAssertEqual(r.status, .refused, name)
            XCTAssertEqual(r.problems.first?.code, "unsupported-type", name)
            XCTAssertTrue(r.problems.first?.message.contains(expected) == true, "\(name): \(r.problems.first?.message ?? "")")
            XCTAssertTrue(r.problems.first?.hint.contains("simpan ulang (Save As) sebagai .xlsx") == true, name)
        }
        // A CSV whose cells hold a tag or two is still a CSV.
        let csv = temporary("tag.csv")
        try Data((Self.header.joined(separator: ";") + "\n" + Self.row.joined(separator: ";")
                  .replacingOccurrences(of: "Laporan", with: "<b>Laporan</b>") + "\n").utf8).write(to: URL(fileURLWithPath: csv))
        XCTAssertEqual(readSubmission(at: csv).status, .accepted)
    }

    /// An image named .csv has few NUL bytes but many control bytes: it was read as CSV and
    /// called "terpotong" (a cut copy).
    func testBinaryDataNamedCSVIsNotCalledACutCopy() throws {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        for i in 0..<4096 { bytes.append(max(1, UInt8((i * 37 + 11) & 0xFF))) }
        XCTAssertLessThan(bytes.filter { $0 == 0 }.count * 100, bytes.count, "few NULs, as in a JPEG or PNG body")
        let path = temporary("gambar.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = readSubmission(at: path)
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.first?.code, "unsupported-type", r.problems.first?.message ?? "")
        XCTAssertEqual(r.problems.first?.message, "File ini bukan teks CSV (berisi data biner).")
    }

    /// A quote opened and never closed swallowed the rest of the file into one cell; with a
    /// line break at the end the file was accepted with the row before it and an "overlong
    /// cell" warning on the row of the quote. Now refused, naming that row.
    func testAnUnclosedQuoteIsRefusedNamingItsRow() throws {
        let lines = [Self.header.joined(separator: ";"), Self.row.joined(separator: ";")]
        let rest = (0..<2000).map { "\($0 + 2);Informasi lain \($0);Sekretariat;Kepala;2025;Serang;Softcopy;5 tahun;Berkala" }
        let text = lines.joined(separator: "\r\n") + "\r\n2;\"Peraturan daerah yang kutipnya tidak ditutup;Sekretariat\r\n"
            + rest.joined(separator: "\r\n") + "\r\n"
        let path = temporary("kutip.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let r = readSubmission(at: path)
        XCTAssertEqual(r.status, .refused)
        let p = try XCTUnwrap(r.problems.first)
        XCTAssertEqual(p.code, "corrupt-file")
        XCTAssertEqual(p.row, 3)
        XCTAssertTrue(p.message.contains("tanda kutip (\") yang dibuka pada baris 3 tidak pernah ditutup"), p.message)
        // A quoted cell holding line breaks, closed, is an ordinary cell.
        let closed = temporary("baris.csv")
        try Data((lines.joined(separator: "\r\n") + "\r\n2;\"Peraturan\r\ndaerah\";Sekretariat;Kepala;2025;Serang;Softcopy;5 tahun;Berkala\r\n").utf8)
            .write(to: URL(fileURLWithPath: closed))
        let ok = readSubmission(at: closed)
        XCTAssertEqual(ok.status, .accepted, "\(ok.problems)")
        XCTAssertEqual(ok.items.count, 2)
    }
}
