import DIPCore
import Foundation
import OfficeFormats
import TestSupport
import XCTest
@testable import Intake

/// Session 23: a web application's "Export ke Excel" (an HTML table named .xls) and .html pages
/// are read through the same row pipeline as XLSX; they were refused as `unsupported-type`.
/// The pages are written by `scripts/make-html-exports.py`.
final class HTMLSubmissionTests: XCTestCase {
    static var exports: URL!

    override class func setUp() {
        super.setUp()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dip-html-exports-\(UUID().uuidString)")
        let script = Checkers.repoRoot.appendingPathComponent("scripts/make-html-exports.py")
        let result = try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, dir.path])
        exports = result?.status == 0 ? dir : nil
    }

    override class func tearDown() {
        if let exports { try? FileManager.default.removeItem(at: exports) }
        super.tearDown()
    }

    func export(_ name: String) throws -> String {
        let dir = try XCTUnwrap(Self.exports, "scripts/make-html-exports.py failed")
        return try existing(dir.appendingPathComponent(name)).path
    }

    var scratch: [URL] = []

    override func tearDown() {
        for url in scratch { try? FileManager.default.removeItem(at: url) }
        super.tearDown()
    }

    func write(_ text: String, _ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dip-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        scratch.append(dir)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A page table's header naming the seven DIP fields, and one item's row under it.
    static let sevenFieldHeader = "<tr><th>No</th><th>Ringkasan Isi Informasi</th><th>Pejabat yang Menguasai Informasi</th>"
        + "<th>Penanggung Jawab</th><th>Waktu dan Tempat Pembuatan</th><th>Bentuk Informasi</th><th>Jangka Waktu Penyimpanan</th></tr>"
    static func sevenFieldRow(_ n: Int, _ title: String) -> String {
        "<tr><td>\(n)</td><td>\(title)" + sevenFieldRowTail
    }
    static let sevenFieldRowTail = "</td><td>Sekretariat</td><td>Kepala Dinas</td><td>2026, Serang</td><td>Softcopy</td><td>5 tahun</td></tr>"

    static let titles = ["Profil Dinas Kesehatan & struktur organisasi", "Rencana Strategis (Renstra) 2021–2026",
                         "Laporan Keuangan Tahun Anggaran 2025\n(audited)", "Informasi “Kejadian Luar Biasa” penyakit menular"]

    /// The SIPD-like export: windows-1252, a letterhead table before the list, a two-row header
    /// with rowspan/colspan groups and tick columns, section rows, a penanggung jawab merged
    /// down three rows, links, <br>, entities and a signature table after it.
    func testSIPDExportIsRead() throws {
        let r = readSubmission(at: try export("sipd-export.xls"))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.sheet, "tabel ke-2")
        XCTAssertEqual(r.dialect, "halaman web (HTML), windows-1252")
        XCTAssertEqual(r.items.map(\.ringkasan), Self.titles)
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala, .berkala, .sertaMerta])
        XCTAssertEqual(r.items.map(\.penanggungJawab), ["Kepala Dinas\nKesehatan", "Kepala Dinas\nKesehatan", "Kepala Dinas\nKesehatan",
                                                        "Kepala Bidang P2P"])
        XCTAssertEqual(r.items.map(\.pejabatPenguasa), ["Sekretariat", "Sub Bagian Perencanaan", "Sub Bagian Keuangan", "Bidang P2P"])
        XCTAssertEqual(r.items.map(\.tautan), ["https://ppid.serangkab.go.id/profil.pdf", nil, "https://ppid.serangkab.go.id/lk-2025.pdf", nil])
        XCTAssertEqual(r.items.map { [$0.form.printed, $0.form.electronic] }, [[true, true], [true, false], [false, true], [false, true]])
        XCTAssertEqual(r.items.map(\.retensi), ["Selama berlaku", "5 tahun", "10 tahun", "1 tahun"])
        // Rows are counted within the table: two header rows, a section row, then the items.
        XCTAssertEqual(r.items.map(\.source.row), [4, 5, 6, 8])
        XCTAssertEqual(r.items.map(\.source.sheet), Array(repeating: "tabel ke-2", count: 4))
        let note = try XCTUnwrap(r.problems.first { $0.code == "html-table" })
        XCTAssertEqual(note.severity, .info)
        XCTAssertEqual(note.message, "File ini halaman web (HTML) meskipun bernama .xls, biasanya hasil tombol \"Export ke Excel\" dari "
            + "aplikasi web; daftar dibaca dari tabel ke-2, satu dari 3 tabel di halaman itu, dengan pengodean windows-1252. "
            + "Nomor baris pada pesan untuk berkas ini dihitung dari baris pertama tabel itu, sehingga dapat berbeda dari nomor "
            + "baris yang tampak bila berkas dibuka di Excel.")
        // Nothing else to say of this list: every field is there.
        XCTAssertEqual(r.problems.filter { $0.severity != .info }.map(\.message), [])
    }

    /// The same page as UTF-16LE with a BOM reads to the same items.
    func testUnicodeExportReadsTheSameItems() throws {
        let r = readSubmission(at: try export("unicode-export.xls"))
        let sipd = readSubmission(at: try export("sipd-export.xls"))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.dialect, "halaman web (HTML), UTF-16LE")
        XCTAssertEqual(r.items.map(\.ringkasan), Self.titles)
        XCTAssertEqual(r.items.map { [$0.pejabatPenguasa, $0.penanggungJawab, $0.waktuPembuatan, $0.retensi] },
                       sipd.items.map { [$0.pejabatPenguasa, $0.penanggungJawab, $0.waktuPembuatan, $0.retensi] })
    }

    /// A UTF-8 page whose list sits in a layout table's cell, after a navigation table.
    func testListInsideALayoutTable() throws {
        let r = readSubmission(at: try export("web-layout.html"))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.sheet, "tabel ke-3")
        XCTAssertEqual(r.items.map(\.ringkasan), Array(Self.titles.prefix(3)))
        XCTAssertEqual(r.items.map(\.source.row), [2, 3, 4])
        let note = try XCTUnwrap(r.problems.first { $0.code == "html-table" })
        XCTAssertTrue(note.message.contains("File ini halaman web (HTML), biasanya"), note.message)
        XCTAssertTrue(note.message.contains("tabel ke-3 (\"Daftar Informasi Publik Dinas Kesehatan\"), satu dari 3 tabel"), note.message)
        XCTAssertTrue(note.message.contains("pengodean UTF-8"), note.message)
    }

    /// A page listing each category in a table of its own, under a heading: every table with a
    /// full DIP header is read into the list (only the first was, and the others' items would
    /// have been taken as withdrawn), each table's heading declaring its items' category.
    func testEveryDIPTableOfAPageIsReadWithItsHeadingsCategory() throws {
        let header = Self.sevenFieldHeader, row = Self.sevenFieldRow
        let page = "<html><body><table><tr><td><a href=\"/\">Beranda</a></td></tr></table>"
            + "<h2>Daftar Informasi Publik</h2><h3>A. Informasi Berkala</h3><table>\(header)\(row(1, "Profil Dinas"))\(row(2, "Laporan Keuangan 2025"))</table>"
            + "<p>&nbsp;</p><h3>B. Informasi Serta Merta</h3><table>\(header)\(row(1, "Peringatan dini banjir"))</table>"
            + "<h3>C. Informasi Setiap Saat</h3><table>\(header)\(row(1, "Daftar Informasi Publik"))\(row(2, "Profil Dinas"))</table>"
            + "</body></html>"
        let r = readSubmission(at: try write(page, "kategori.html"))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.ringkasan), ["Profil Dinas", "Laporan Keuangan 2025", "Peringatan dini banjir",
                                                  "Daftar Informasi Publik", "Profil Dinas"])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala, .sertaMerta, .setiapSaat, .setiapSaat])
        XCTAssertEqual(r.items.map(\.source.sheet), ["tabel ke-2", "tabel ke-2", "tabel ke-3", "tabel ke-4", "tabel ke-4"])
        // The same title in two tables is said, naming the earlier table.
        let duplicate = try XCTUnwrap(r.problems.first { $0.code == "duplicate-item" })
        XCTAssertEqual(duplicate.message, "Ringkasan informasi ini sama dengan baris 2 pada tabel ke-2.")
        let note = try XCTUnwrap(r.problems.first { $0.code == "html-table" })
        XCTAssertTrue(note.message.contains("daftar dibaca dari tabel ke-2, tabel ke-3 dan tabel ke-4, dari 4 tabel di halaman itu, "
            + "dengan pengodean UTF-8. Nomor baris pada pesan untuk berkas ini dihitung dari baris pertama setiap tabel,"), note.message)
    }

    func testPageWithoutATableIsRefusedSayingSo() throws {
        let r = readSubmission(at: try export("tanpa-tabel.html"))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["no-dip-table"])
        XCTAssertEqual(r.problems.first?.message, "Tabel DIP tidak ditemukan: file ini halaman web (HTML) yang tidak berisi tabel sama sekali.")
        // Named .xls (a login page saved by "Export ke Excel"), the name comes last, not between
        // "halaman web" and the clause about it.
        let login = readSubmission(at: try write("<html><body><p>Sesi Anda telah berakhir.</p></body></html>", "ekspor.xls"))
        XCTAssertEqual(login.problems.first?.message,
                       "Tabel DIP tidak ditemukan: file ini halaman web (HTML) yang tidak berisi tabel sama sekali, meskipun bernama .xls.")
    }

    /// Every message names file, table, row and column; a page without a DIP table names the
    /// table it looked at and the others, as tables, not sheets.
    func testMessagesNameTheTableRowAndColumn() throws {
        let page = "<html><body><table><tr><td>Dinas Kesehatan</td></tr></table><table>"
            + "<tr><th>No</th><th>Ringkasan Isi Informasi</th><th>Pejabat yang Menguasai Informasi</th><th>Penanggung Jawab</th>"
            + "<th>Waktu dan Tempat Pembuatan</th><th>Bentuk Informasi</th><th>Jangka Waktu Penyimpanan</th><th>Jenis</th></tr>"
            + "<tr><td>1</td><td>Profil Dinas</td><td></td><td>Kepala Dinas</td><td>2026, Serang</td><td>Softcopy</td><td>5 tahun</td><td>Berkala</td></tr>"
            + "</table></body></html>"
        let r = readSubmission(at: try write(page, "ekspor.xls"), displayName: "dinkes/ekspor.xls")
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        let missing = try XCTUnwrap(r.problems.first { $0.code == "missing-value" })
        XCTAssertEqual(missing.file, "dinkes/ekspor.xls")
        XCTAssertEqual(missing.locationText, "tabel ke-2, baris 2, kolom C (Pejabat yang Menguasai Informasi)")
        XCTAssertTrue(checkReportText([r]).contains("DITERIMA, 1 informasi (tabel ke-2; halaman web (HTML), UTF-8)"), checkReportText([r]))

        let noList = "<table><tr><td>Menu</td></tr></table><table><tr><td>Nama</td><td>Alamat</td></tr><tr><td>Ani</td><td>Serang</td></tr></table>"
        let refused = readSubmission(at: try write(noList, "bukan.html"))
        XCTAssertEqual(refused.status, .refused)
        XCTAssertEqual(refused.problems.map(\.code), ["no-dip-table"])
        XCTAssertEqual(refused.problems.first?.sheet, "tabel ke-2")
        let message = refused.problems.first?.message ?? ""
        XCTAssertTrue(message.hasPrefix("Tabel DIP tidak ditemukan: baris 1 tabel ke-2 berisi judul kolom \"Nama\", \"Alamat\""), message)
        XCTAssertTrue(message.hasSuffix("Tabel lain pada halaman ini juga bukan tabel DIP: tabel ke-1."), message)
    }

    /// A cap crossed in a page's table names that table in Indonesian.
    func testHostilePageRefusalNamesTheTable() throws {
        let past = "<table><tr><td>x</td></tr></table><table><tr>" + String(repeating: "<td colspan=1000>a</td>", count: 17) + "</tr></table>"
        let r = readSubmission(at: try write(past, "lebar.xls"))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["zip-bomb"])
        XCTAssertEqual(r.problems.first?.sheet, "tabel ke-2")
        XCTAssertTrue(r.problems.first?.message.hasPrefix("File ditolak karena ada sel pada tabel ke-2 di luar batas baris atau kolom") ?? false,
                      r.problems.first?.message ?? "")
        let nested = readSubmission(at: try write(String(repeating: "<table><tr><td>", count: 40), "sarang.html"))
        XCTAssertEqual(nested.problems.map(\.code), ["zip-bomb"])
        XCTAssertTrue(nested.problems.first?.message.contains("tabel di dalam tabel bersarang lebih dari 32 tingkat") ?? false,
                      nested.problems.first?.message ?? "")
    }

    /// A few bytes of wide, tall row spans over one-cell rows: each row made cell placement walk
    /// 16,000 covered columns (a 1.2 MB page held `dip check` for minutes). Refused as a file
    /// whose reading far outgrows its size, naming the table.
    func testRowSpanFloodIsRefusedAsContentTooLarge() throws {
        let spans = "<tr>" + String(repeating: "<td colspan=\"1000\" rowspan=\"65534\">x</td>", count: 16) + "</tr>"
        let page = "<table>" + spans + String(repeating: "<tr><td>y</td></tr>", count: 100) + "</table>"
        let r = readSubmission(at: try write(page, "rentang.xls"))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["content-too-large"])
        XCTAssertEqual(r.problems.first?.sheet, "tabel ke-1")
        XCTAssertTrue(r.problems.first?.message.hasPrefix("File rentang.xls ditolak pada tabel ke-1: isinya bila dibaca jauh lebih besar") ?? false,
                      r.problems.first?.message ?? "")
    }

    /// SpreadsheetML 2003 (XML, not HTML) stays refused as before; a web export declaring the
    /// SpreadsheetML namespace on its <html> is a page, read (it was refused as XML Spreadsheet).
    /// A UTF-8 page (valid in its first 64 KiB, so guessed UTF-8) with a Windows-1252 "é"
    /// pasted in further on: libxml2 reads that byte as U+FFFD, and the unit is told how many
    /// characters were lost. A clean page gets no such note.
    func testStrayWindows1252ByteInAUTF8PageIsCounted() throws {
        let header = Self.sevenFieldHeader, row = Self.sevenFieldRow
        let rows = (1...800).map { row($0, "Laporan kegiatan bulanan nomor \($0) tahun 2026") }.joined()
        func page(_ last: [UInt8]) -> Data {
            var bytes = Array(("<html><body><table>" + header + rows).utf8)
            XCTAssertGreaterThan(bytes.count, 65_536)
            bytes += Array("<tr><td>801</td><td>Profil Caf".utf8) + last
                + Array(Self.sevenFieldRowTail.utf8)
                + Array("</table></body></html>".utf8)
            return Data(bytes)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dip-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        scratch.append(dir)
        let stray = dir.appendingPathComponent("ekspor.xls")
        try page([0xE9, 0x20, 0xC3, 0xA9]).write(to: stray)  // a stray "é", then a UTF-8 "é"
        let r = readSubmission(at: stray.path)
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.count, 801)
        let note = try XCTUnwrap(r.problems.first { $0.code == "encoding-guess" })
        XCTAssertTrue(note.message.hasPrefix("Halaman ini berpengodean UTF-8, tetapi 1 karakter di dalamnya bukan UTF-8 yang sah"), note.message)
        let clean = dir.appendingPathComponent("bersih.xls")
        try page([0xC3, 0xA9]).write(to: clean)
        let ok = readSubmission(at: clean.path)
        XCTAssertEqual(ok.status, .accepted, ok.reason ?? "")
        XCTAssertNil(ok.problems.first { $0.code == "encoding-guess" })
    }

    func testSpreadsheetML2003StaysRefused() throws {
        let page = "<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\" xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">"
            + "<body><table><tr><td>No</td><td>Ringkasan Isi Informasi</td><td>Jenis</td></tr><tr><td>1</td><td>Profil Dinas</td>"
            + "<td>Berkala</td></tr></table></body></html>"
        let read = readSubmission(at: try write(page, "ekspor.xls"))
        XCTAssertEqual(read.status, .accepted, read.reason ?? "")
        XCTAssertEqual(read.items.map(\.ringkasan), ["Profil Dinas"])
        let xml = "<?xml version=\"1.0\"?><?mso-application progid=\"Excel.Sheet\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"
            + "<Worksheet ss:Name=\"DIP\"><Table><Row><Cell><Data ss:Type=\"String\">No</Data></Cell></Row></Table></Worksheet></Workbook>"
        let r = readSubmission(at: try write(xml, "lama.xls"))
        XCTAssertEqual(r.problems.map(\.code), ["unsupported-type"])
        XCTAssertTrue(r.problems.first?.message.contains("XML Spreadsheet 2003") ?? false)
    }
}
