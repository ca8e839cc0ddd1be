import DIPCore
import Foundation
import OfficeFormats
import TestSupport
import XCTest

@testable import Intake

/// OpenDocument spreadsheets (issue 18), built in the test from literal content.xml with the
/// `zip` command, as LibreOffice writes them: `mimetype` first and stored, repeated empty rows
/// and columns filling the sheet, merged cells as spans plus covered cells, `text:s`,
/// `text:line-break`, links, comments, hidden sheets by table style.
final class ODSTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try Scratch.directory("ods")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:xlink="http://www.w3.org/1999/xlink" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" \
        xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"
        """

    /// A string cell (`text` may hold inline markup).
    static func s(_ text: String, attributes: String = "") -> String {
        "<table:table-cell office:value-type=\"string\" calcext:value-type=\"string\"\(attributes)><text:p>\(text)</text:p></table:table-cell>"
    }

    static func f(_ value: Double) -> String {
        "<table:table-cell office:value-type=\"float\" office:value=\"\(value)\" calcext:value-type=\"float\"><text:p>\(value)</text:p></table:table-cell>"
    }

    static func empty(_ n: Int = 1) -> String {
        n == 1 ? "<table:table-cell/>" : "<table:table-cell table:number-columns-repeated=\"\(n)\"/>"
    }

    static func row(_ cells: [String], repeated: Int = 1) -> String {
        "<table:table-row table:style-name=\"ro1\"\(repeated > 1 ? " table:number-rows-repeated=\"\(repeated)\"" : "")>"
            + cells.joined() + "</table:table-row>"
    }

    static func table(_ name: String, hidden: Bool = false, _ rows: [String]) -> String {
        "<table:table table:name=\"\(name)\" table:style-name=\"\(hidden ? "ta2" : "ta1")\">"
            + "<table:table-column table:number-columns-repeated=\"1024\"/>" + rows.joined() + "</table:table>"
    }

    func makeODS(_ name: String, tables: [String], doctype: String = "") throws -> String {
        let root = dir.appendingPathComponent(name + ".d")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("META-INF"), withIntermediateDirectories: true)
        func put(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: root.appendingPathComponent(path))
        }
        try put("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        try put("META-INF/manifest.xml", """
            <?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
            """)
        try put("content.xml", """
            <?xml version="1.0" encoding="UTF-8"?>\(doctype)<office:document-content \(Self.namespaces)><office:automatic-styles><style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style><style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style></office:automatic-styles><office:body><office:spreadsheet>\(tables.joined())</office:spreadsheet></office:body></office:document-content>
            """)
        let out = dir.appendingPathComponent(name).path
        for args in [["-q", "-X", "-0", out, "mimetype"], ["-q", "-X", "-r", out, ".", "-x", "mimetype"]] {
            let zip = Process()
            zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
            zip.currentDirectoryURL = root
            zip.arguments = args
            try zip.run()
            zip.waitUntilExit()
            XCTAssertEqual(zip.terminationStatus, 0)
        }
        return out
    }

    /// The classic layout as LibreOffice saves it, with the section heading above the header.
    static func classicSheet(hidden: Bool = false, name: String = "DIP 2026") -> String {
        let header = ["No", "Ringkasan Isi Informasi", "Pejabat yang Menguasai Informasi", "Penanggung Jawab",
                      "Waktu dan Tempat", "Bentuk Informasi", "Retensi"].map { s($0) }
        return table(name, hidden: hidden, [
            row([s("DAFTAR INFORMASI PUBLIK DINAS PERHUBUNGAN", attributes: " table:number-columns-spanned=\"7\" table:number-rows-spanned=\"1\""),
                 "<table:covered-table-cell table:number-columns-repeated=\"6\"/>", empty(1017)]),
            row([empty(1024)]),
            row([s("A. INFORMASI YANG WAJIB DISEDIAKAN DAN DIUMUMKAN SECARA BERKALA"), empty(1023)]),
            row(header + [empty(1017)]),
            row([s("1."), s("Informasi tentang Profil Badan Publik"), empty(1022)]),
            row([s("a."),
                 s("<text:a xlink:type=\"simple\" xlink:href=\"https://dishub.serangkab.example/profil?a=1&amp;b=2\">Profil<text:s/>dan<text:s text:c=\"3\"/>struktur</text:a> organisasi<office:annotation><dc:creator>Admin</dc:creator><text:p>KOMENTAR-TIDAK-DIBACA</text:p></office:annotation>"),
                 s("Sekretariat", attributes: " table:number-rows-spanned=\"2\" table:number-columns-spanned=\"1\""),
                 s("Kepala Dinas"), s("Serang, 2026"), s("Softcopy"), s("Selama berlaku"), empty(1017)]),
            row([s("b."), s("Tugas pokok<text:line-break/>dan fungsi"), "<table:covered-table-cell/>",
                 s("Kepala Dinas"),
                 "<table:table-cell office:value-type=\"date\" office:date-value=\"2026-01-15\" calcext:value-type=\"date\"><text:p>15/01/26</text:p></table:table-cell>",
                 s("Softcopy"), s("Selama berlaku"), empty(1017)]),
            row([s("B. INFORMASI YANG WAJIB DIUMUMKAN SECARA SERTA MERTA"), empty(1023)]),
            row([f(1), s("Penutupan jalan karena banjir"), s("Bidang Lalu Lintas"), s("Kepala Dinas"), s("Saat terjadi, Serang"),
                 s("Softcopy"), s("1 tahun"),
                 "<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"float\" office:value=\"0\" calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell>",
                 empty(1016)]),
            row([empty(1024)], repeated: 1_048_000),
        ])
    }

    func testClassicLayoutSavedByLibreOffice() throws {
        let instructions = Self.table("Petunjuk", [Self.row([Self.s("Isi daftar pada sheet berikutnya.")])])
        let path = try makeODS("dip.ods", tables: [instructions, Self.classicSheet(hidden: true, name: "Lama"), Self.classicSheet()])
        XCTAssertEqual(try sniffFileKind(path: path), .ods)
        let workbook = try ODSWorkbook(path: path)
        XCTAssertEqual(workbook.sheets.map(\.name), ["Petunjuk", "Lama", "DIP 2026"])
        XCTAssertEqual(workbook.sheets.map(\.isHidden), [false, true, false])

        let r = readSubmission(at: path)
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.sheet, "DIP 2026")
        XCTAssertEqual(r.items.map(\.source.row), [6, 7, 9])
        XCTAssertEqual(r.items.map(\.ringkasan), [
            "Profil dan struktur organisasi", "Tugas pokok\ndan fungsi", "Penutupan jalan karena banjir",
        ])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala, .sertaMerta])
        XCTAssertEqual(r.items.map(\.subkelompok), ["Informasi tentang Profil Badan Publik", "Informasi tentang Profil Badan Publik", nil])
        // The vertical merge applies to the covered cell below it.
        XCTAssertEqual(r.items.map(\.pejabatPenguasa), ["Sekretariat", "Sekretariat", "Bidang Lalu Lintas"])
        XCTAssertEqual(r.items.map(\.waktuPembuatan), ["Serang, 2026", "2026-01-15", "Saat terjadi, Serang"])
        XCTAssertEqual(r.items.map(\.nomor), ["a", "b", "1"])
        XCTAssertEqual(r.items.map(\.tautan), ["https://dishub.serangkab.example/profil?a=1&b=2", nil, nil])
        XCTAssertFalse(r.items.contains { $0.ringkasan.contains("KOMENTAR") })
        // The error cell is in a column without a field: one info line, nothing per row.
        XCTAssertEqual(r.problems.map(\.code), ["columns-ignored"])
        XCTAssertTrue(r.problems[0].message.contains("1 sel berisi nilai galat"), r.problems[0].message)
    }

    /// A row with content repeated without end is bounded, as a zip bomb is.
    func testRepeatedContentIsBounded() throws {
        let header = ["No", "Ringkasan Isi Informasi", "Pejabat", "Penanggung Jawab", "Waktu", "Bentuk", "Retensi"].map { Self.s($0) }
        let bomb = Self.table("DIP", [
            Self.row(header),
            Self.row([Self.f(1), Self.s("Profil", attributes: " table:number-columns-repeated=\"16000\"")], repeated: 900_000),
        ])
        let r = readSubmission(at: try makeODS("bom.ods", tables: [bomb]))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["zip-bomb"])

        let far = Self.table("DIP", [
            Self.row(header),
            Self.row([Self.empty(20_000), Self.s("Profil")]),
        ])
        XCTAssertEqual(readSubmission(at: try makeODS("far.ods", tables: [far])).problems.map(\.code), ["zip-bomb"])
    }

    /// Merged ranges are capped per table as an XLSX sheet's are (`XLSXLimits.maxMergedRanges`):
    /// a table past the cap is refused when its merges are asked for, naming it; the other
    /// tables read. Before session 22 the first 100,000 were kept silently; in session 22 the
    /// count ran over the whole part, so the table where the part's total crossed the cap was
    /// named, though it held few merges itself (session 23).
    func testMergedRangesPastTheCapRefuseTheirTable() throws {
        let spanned = Self.s("x", attributes: " table:number-columns-spanned=\"2\"") + "<table:covered-table-cell/>"
        let first = Self.table("Petunjuk", [Self.row([spanned]), Self.row([spanned])])
        let flood = Self.table("DIP", (0..<5).map { _ in Self.row([spanned]) })
        let after = Self.table("Lain", [Self.row([spanned])])
        let path = try makeODS("merges.ods", tables: [first, flood, after])
        var limits = XLSXLimits()
        limits.maxMergedRanges = 4
        let workbook = try ODSWorkbook(path: path, limits: limits)
        XCTAssertEqual(try workbook.sheetTail(sheet: 0).mergedRanges.count, 2)
        XCTAssertThrowsError(try workbook.sheetTail(sheet: 1)) {
            XCTAssertEqual($0 as? OfficeError, .limitExceeded(
                what: "merged range count of content.xml table 'DIP' (more than 4)", limit: 4))
        }
        // The table after the flood is under its own cap: read, not refused.
        XCTAssertEqual(try workbook.sheetTail(sheet: 2).mergedRanges.count, 1)
        // The rows themselves still stream (as an XLSX sheet's do); only the merges refuse.
        let rows = try workbook.rows(sheet: 1)
        var count = 0
        while try rows.nextRow() != nil { count += 1 }
        XCTAssertEqual(count, 5)
        limits.maxMergedRanges = 5
        XCTAssertEqual(try ODSWorkbook(path: path, limits: limits).sheetTail(sheet: 1).mergedRanges.count, 5)
    }

    /// A table under the cap after tables whose merges used up the room the index keeps is read
    /// again alone, whole: its merges are all there, none refused (session 22 refused it, naming it).
    func testMergesCountedPerTableNotOverTheWholeFile() throws {
        let spanned = Self.s("x", attributes: " table:number-rows-spanned=\"2\"")
        let decoy = Self.table("Petunjuk", (0..<3).map { _ in Self.row([spanned]) } + [Self.row([Self.s("y")])])
        let list = Self.table("DIP", (0..<3).map { _ in Self.row([Self.s("a"), spanned]) } + [Self.row([Self.s("z")])])
        let path = try makeODS("per-tabel.ods", tables: [decoy, list])
        var limits = XLSXLimits()
        limits.maxMergedRanges = 4
        let workbook = try ODSWorkbook(path: path, limits: limits)
        XCTAssertEqual(try workbook.sheetTail(sheet: 0).mergedRanges.count, 3)
        let merges = try workbook.sheetTail(sheet: 1).mergedRanges
        XCTAssertEqual(merges, (1...3).map { MergedRange(firstRow: $0, lastRow: $0 + 1, firstColumn: 1, lastColumn: 1) })
        XCTAssertEqual(try workbook.rows(sheet: 1).mergedRanges, merges)
    }

    /// Issue 16 #10: a note 16,000 columns right of every row was spelled out cell by cell
    /// (and the list refused over the cell budget); rows now cost the cells they hold.
    func testNoteFarRightOfEveryRowCostsOnlyItsCells() throws {
        let header = ["No", "Ringkasan Isi Informasi", "Pejabat", "Penanggung Jawab", "Waktu", "Bentuk", "Retensi"].map { Self.s($0) }
        func list(far: Bool) -> String {
            Self.table("DIP", [Self.row(header)] + (1...300).map { k in
                Self.row([Self.f(Double(k)), Self.s("Laporan kegiatan \(k)"), Self.s("Sekretariat"), Self.s("PPID"),
                          Self.s("2026"), Self.s("Softcopy"), Self.s("5 tahun")]
                         + (far ? [Self.empty(15_990), Self.s("catatan \(k)")] : []))
            })
        }
        let read = readSubmission(at: try makeODS("lebar.ods", tables: [list(far: true)]), displayName: "dip.ods")
        let expected = readSubmission(at: try makeODS("biasa.ods", tables: [list(far: false)]), displayName: "dip.ods")
        XCTAssertEqual(read.status, .accepted, read.problems.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(read.items.count, 300)
        XCTAssertEqual(read.items, expected.items)
        XCTAssertEqual(read.problems.filter { $0.code != "columns-ignored" }, expected.problems)
        XCTAssertEqual(read.problems.filter { $0.code == "columns-ignored" }.count, 1)
    }

    /// Issue 16 #10: a long text in a row repeated within the repeat cap still expands to far
    /// more text than the file holds; refused within the file's budget, naming file and sheet.
    func testLongTextInRepeatedRowsIsRefusedAsContentTooLarge() throws {
        let header = ["No", "Ringkasan Isi Informasi", "Pejabat", "Penanggung Jawab", "Waktu", "Bentuk", "Retensi"].map { Self.s($0) }
        let long = String(repeating: "Laporan keuangan ", count: 1_760) // 29,920 characters
        let sheet = Self.table("DIP", [
            Self.row(header),
            Self.row([Self.f(1), Self.s(long), Self.s("Sekretariat"), Self.s("PPID"), Self.s("2026"), Self.s("Softcopy"), Self.s("5 tahun")],
                     repeated: 2_000),
        ])
        let r = readSubmission(at: try makeODS("ulang.ods", tables: [sheet]))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["content-too-large"])
        XCTAssertEqual(r.problems.first?.sheet, "DIP")
        XCTAssertTrue(r.problems.first?.message.contains("ulang.ods") ?? false, r.problems.first?.message ?? "")
        // The sheet named as every other message names it ("sheet 'DIP'", not `lembar "DIP"`).
        XCTAssertTrue(r.problems.first?.message.contains("ditolak pada sheet 'DIP':") ?? false, r.problems.first?.message ?? "")

        // The same row repeated a few times is read.
        let few = Self.table("DIP", [
            Self.row(header),
            Self.row([Self.f(1), Self.s(long), Self.s("Sekretariat"), Self.s("PPID"), Self.s("2026"), Self.s("Softcopy"), Self.s("5 tahun")],
                     repeated: 3),
        ])
        XCTAssertEqual(readSubmission(at: try makeODS("sedikit.ods", tables: [few])).status, .accepted)
    }

    func testDoctypeAndNonSpreadsheetsAreRefused() throws {
        let doctype = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
        let r = readSubmission(at: try makeODS("dtd.ods", tables: [Self.classicSheet()], doctype: doctype))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["zip-bomb"])

        // A legacy .xls is still refused, and the unit is told why and what is read.
        let xls = dir.appendingPathComponent("lama.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 1_000)).write(to: xls)
        let legacy = readSubmission(at: xls.path)
        XCTAssertEqual(legacy.problems.map(\.code), ["legacy-or-encrypted"])
        XCTAssertTrue(legacy.problems[0].message.contains("yang dapat dibaca: .xlsx, .ods dan CSV"), legacy.problems[0].message)
    }

    /// The bundled XLSX examples saved as ODS by LibreOffice Calc itself read to the same items
    /// and problems (rows, fields, categories, sub-groups, merged cells, dates).
    func testExamplesSavedAsODSByLibreOfficeReadTheSame() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") else {
            throw missingTool("LibreOffice (soffice) not installed (`make checkers`, run by `make test`, installs it)")
        }
        let inbox = Checkers.repoRoot.appendingPathComponent("examples/inbox")
        let fm = FileManager.default
        var sources: [URL] = []
        for unit in try fm.contentsOfDirectory(atPath: inbox.path).sorted() {
            for name in try fm.contentsOfDirectory(atPath: inbox.appendingPathComponent(unit).path).sorted()
            where name.hasSuffix(".xlsx") && !Intake.isIgnorable(fileName: name) {
                // Examples that must be refused (a password-protected one) have nothing to compare.
                let url = inbox.appendingPathComponent(unit).appendingPathComponent(name)
                if readSubmission(at: url.path).status == .accepted { sources.append(url) }
            }
        }
        XCTAssertGreaterThanOrEqual(sources.count, 2)
        let out = dir.appendingPathComponent("lo")
        let soffice = Process()
        soffice.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
        soffice.arguments = ["-env:UserInstallation=file://\(dir.path)/profile", "--headless", "--convert-to", "ods",
                             "--outdir", out.path] + sources.map(\.path)
        soffice.standardOutput = FileHandle.nullDevice
        soffice.standardError = FileHandle.nullDevice
        try soffice.run()
        soffice.waitUntilExit()
        for source in sources {
            let ods = out.appendingPathComponent(source.deletingPathExtension().lastPathComponent + ".ods")
            XCTAssertEqual(try sniffFileKind(path: ods.path), .ods, ods.lastPathComponent)
            let a = readSubmission(at: source.path, displayName: "x")
            let b = readSubmission(at: ods.path, displayName: "x")
            XCTAssertEqual(b.status, .accepted, "\(ods.lastPathComponent): \(b.reason ?? "")")
            XCTAssertEqual(b.sheet, a.sheet, ods.lastPathComponent)
            XCTAssertEqual(b.items.count, a.items.count, ods.lastPathComponent)
            for (x, y) in zip(a.items, b.items) {
                XCTAssertEqual(y, x, ods.lastPathComponent)
            }
            XCTAssertEqual(b.problems.map(\.code), a.problems.map(\.code), ods.lastPathComponent)
        }
    }
}
