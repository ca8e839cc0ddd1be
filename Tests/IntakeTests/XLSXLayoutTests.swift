import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Intake

/// XLSX-only layouts (merged cells, several sheets, hidden sheets, date cells), built in the
/// test from literal XML with the `zip` command.
final class XLSXLayoutTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try Scratch.directory("xlsx")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    struct Sheet {
        var name: String
        var hidden = false
        /// Row number → cells (reference, XML of the `<c>` content and attributes).
        var rows: [(Int, [String])]
        var merges: [String] = []
        /// External hyperlinks: cell or range reference → target (written to the sheet's rels).
        var links: [(String, String)] = []
        /// Written between the XML declaration and `<worksheet>` (a hostile DOCTYPE).
        var doctype = ""
    }

    /// An inline-string cell.
    static func s(_ ref: String, _ text: String) -> String {
        "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(text)</t></is></c>"
    }

    /// A number cell; style 1 is a date format.
    static func n(_ ref: String, _ value: Double, date: Bool = false) -> String {
        "<c r=\"\(ref)\"\(date ? " s=\"1\"" : "")><v>\(value)</v></c>"
    }

    func makeXLSX(_ name: String, _ sheets: [Sheet]) throws -> String {
        let root = dir.appendingPathComponent(name + ".d")
        let fm = FileManager.default
        for sub in ["_rels", "xl/_rels", "xl/worksheets"] {
            try fm.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        func put(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: root.appendingPathComponent(path))
        }
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var overrides = ""
        var rels = ""
        var list = ""
        for (k, sheet) in sheets.enumerated() {
            let i = k + 1
            overrides += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            rels += "<Relationship Id=\"rId\(i)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
            list += "<sheet name=\"\(sheet.name)\" sheetId=\"\(i)\"\(sheet.hidden ? " state=\"hidden\"" : "") r:id=\"rId\(i)\"/>"
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\(sheet.doctype)<worksheet xmlns=\"\(ns)\" xmlns:r=\"\(rel)\"><sheetData>"
            for (r, cells) in sheet.rows { xml += "<row r=\"\(r)\">" + cells.joined() + "</row>" }
            xml += "</sheetData>"
            if !sheet.merges.isEmpty {
                xml += "<mergeCells count=\"\(sheet.merges.count)\">"
                    + sheet.merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
            }
            if !sheet.links.isEmpty {
                xml += "<hyperlinks>" + sheet.links.enumerated().map {
                    "<hyperlink ref=\"\($0.element.0)\" r:id=\"rIdL\($0.offset)\" display=\"x\"/>"
                }.joined() + "</hyperlinks>"
                let sheetRels = sheet.links.enumerated().map {
                    "<Relationship Id=\"rIdL\($0.offset)\" Type=\"\(rel)/hyperlink\" Target=\"\($0.element.1)\" TargetMode=\"External\"/>"
                }.joined()
                try fm.createDirectory(at: root.appendingPathComponent("xl/worksheets/_rels"), withIntermediateDirectories: true)
                try put("xl/worksheets/_rels/sheet\(i).xml.rels", """
                    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(sheetRels)</Relationships>
                    """)
            }
            xml += "</worksheet>"
            try put("xl/worksheets/sheet\(i).xml", xml)
        }
        rels += "<Relationship Id=\"rIdS\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
        try put("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\(overrides)</Types>
            """)
        try put("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        try put("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)</Relationships>
            """)
        try put("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(ns)" xmlns:r="\(rel)"><sheets>\(list)</sheets></workbook>
            """)
        try put("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(ns)"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>
            """)
        let out = dir.appendingPathComponent(name).path
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        zip.currentDirectoryURL = root
        zip.arguments = ["-q", "-X", "-r", out, "."]
        try zip.run()
        zip.waitUntilExit()
        XCTAssertEqual(zip.terminationStatus, 0)
        return out
    }

    static let instructions = Sheet(name: "Petunjuk", rows: [
        (1, [s("A1", "Petunjuk pengisian")]),
        (2, [s("A2", "Isi tabel pada sheet DIP. Kolom No, Ringkasan, Bentuk wajib diisi.")]),
    ])

    static func dipSheet(name: String = "DIP", hidden: Bool = false) -> Sheet {
        Sheet(name: name, hidden: hidden, rows: [
            (1, [s("A1", "DAFTAR INFORMASI PUBLIK DINAS KESEHATAN")]),
            (3, [s("A3", "No"), s("B3", "Ringkasan Isi Informasi"), s("C3", "Pejabat yang Menguasai Informasi"),
                 s("D3", "Penanggung Jawab"), s("E3", "Tanggal Pembuatan"), s("F3", "Tempat"),
                 s("G3", "Bentuk Informasi"), s("I3", "Retensi")]),
            (4, [s("G4", "Hardcopy"), s("H4", "Softcopy")]),
            (5, [s("A5", "1"), s("B5", "2"), s("C5", "3"), s("D5", "4"), s("E5", "5"), s("F5", "6"), s("G5", "7"), s("H5", "8"), s("I5", "9")]),
            (6, [s("A6", "A. BERKALA")]),
            (7, [n("A7", 1), s("B7", "Renstra 2021-2026"), s("C7", "Sekretariat"), s("D7", "Kepala Dinas"),
                 n("E7", 45658, date: true), s("F7", "Serang"), s("G7", "✓"), s("H7", "✓"), s("I7", "5 tahun")]),
            (8, [n("A8", 2), s("B8", "LKjIP 2025"), n("E8", 45700, date: true), s("F8", "Serang"), s("H8", "v"), s("I8", "Permanen")]),
            (9, [n("A9", 3), s("B9", "DPA 2026"), s("E9", "Januari 2026"), s("F9", "Serang"), s("G9", "x"), s("I9", "1 tahun")]),
            (10, [s("A10", "B. SERTA MERTA")]),
            (11, [n("A11", 1), s("B11", "Informasi KLB DBD"), s("C11", "Bidang P2P"), s("D11", "Kepala Dinas"),
                  s("E11", "Saat terjadi"), s("F11", "Serang"), s("H11", "√"), s("I11", "1 tahun")]),
            (13, [s("F13", "Serang, 12 Maret 2026")]),
            (14, [s("F14", "Kepala Dinas Kesehatan")]),
            (17, [s("F17", "dr. Nama Pejabat")]),
            (18, [s("F18", "NIP 197001011990031001")]),
        ], merges: ["A1:I1", "G3:H3", "A6:I6", "C7:C9", "D7:D9", "A10:I10"])
    }

    /// A formatted empty cell (a style, no value), as Excel writes below a table.
    static func e(_ ref: String) -> String { "<c r=\"\(ref)\" s=\"0\"/>" }

    /// Issue 18's first list: the table starts in column B under a merged title; the title
    /// column's header is the section title; the category is a column; the link column holds
    /// hyperlinks (one plain-text URL, one hostile target); formatted empty rows follow.
    func testColumnBTableUnderAMergedTitleWithHyperlinks() throws {
        var rows: [(Int, [String])] = [
            (2, [Self.s("B2", "DAFTAR INFORMASI PUBLIK DINAS KOMUNIKASI DAN INFORMATIKA")]),
            (4, [Self.s("B4", "No"), Self.s("C4", "Informasi Wajib Disediakan dan Diumumkan Secara Berkala"),
                 Self.s("D4", "Kategori"), Self.s("E4", "Link")]),
            (5, [Self.n("B5", 1), Self.s("C5", "Profil Dinas Komunikasi dan Informatika"), Self.s("D5", "Informasi Berkala"),
                 Self.s("E5", "Lihat")]),
            (6, [Self.n("B6", 2), Self.s("C6", "Rencana Strategis Dinas 2025-2029"), Self.s("D6", "Informasi Berkala"),
                 Self.s("E6", "Unduh")]),
            (7, [Self.n("B7", 3), Self.s("C7", "Laporan Kinerja Instansi Pemerintah 2025"), Self.s("D7", "Informasi Berkala"),
                 Self.s("E7", "https://diskominfo.serangkab.example/lkjip-2025.pdf")]),
            (8, [Self.n("B8", 4), Self.s("C8", "Ringkasan laporan keuangan 2025"), Self.s("D8", "Informasi Berkala"),
                 Self.s("E8", "Lihat")]),
            // A HYPERLINK formula (its cached text is what the cell shows).
            (9, [Self.n("B9", 5), Self.s("C9", "Daftar aplikasi layanan publik"), Self.s("D9", "Informasi Berkala"),
                 "<c r=\"E9\" t=\"str\"><f>_xlfn.hyperlink( \"https://diskominfo.serangkab.example/aplikasi?x=1&amp;y=2\" , \"Lihat\")</f><v>Lihat</v></c>"]),
        ]
        for r in 10...40 { rows.append((r, ["B", "C", "D", "E"].map { Self.e("\($0)\(r)") })) }
        let sheet = Sheet(name: "Sheet1", rows: rows, merges: ["B2:E2"], links: [
            ("E5", "https://diskominfo.serangkab.example/profil"),
            ("C6", "https://diskominfo.serangkab.example/renstra.pdf?v=1&amp;t=2"),
            ("E6", "https://diskominfo.serangkab.example/tidak-dipakai"),
            ("E8", "javascript:alert(&quot;x&quot;)"),
            ("E10:E40", "https://diskominfo.serangkab.example/kosong"),
        ])
        let r = readSubmission(at: try makeXLSX("dip-kominfo.xlsx", [sheet]))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.source.row), [5, 6, 7, 8, 9])
        XCTAssertEqual(r.items.map(\.nomor), ["1", "2", "3", "4", "5"])
        XCTAssertEqual(r.items.map(\.ringkasan).first, "Profil Dinas Komunikasi dan Informatika")
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala, .berkala, .berkala, .berkala])
        XCTAssertEqual(r.items.map(\.tautan), [
            "https://diskominfo.serangkab.example/profil",
            "https://diskominfo.serangkab.example/renstra.pdf?v=1&t=2",  // the title cell's link wins
            "https://diskominfo.serangkab.example/lkjip-2025.pdf",
            nil,
            "https://diskominfo.serangkab.example/aplikasi?x=1&y=2",  // a HYPERLINK formula
        ])
        XCTAssertEqual(r.problems.filter { $0.code == "missing-column" }.count, 5)
        let unsafe = r.problems.filter { $0.code == "link-unsafe" }
        XCTAssertEqual(unsafe.map(\.row), [8])
        XCTAssertEqual(unsafe.map(\.column), ["E"])
        XCTAssertEqual(Set(r.problems.map(\.code)), ["missing-column", "link-unsafe"])
    }

    /// The sheet's name declares the category when nothing else does; the title column's
    /// header is "Nama/Jenis Dokumen".
    /// Session 19: a sheet formatted down to its last rows stores a styled, empty row each; a
    /// list of a few items was refused as "more than 50,000 rows of data". Empty rows do not
    /// count against the cap; rows holding data still do.
    func testFormattedEmptyRowsAreNotCountedAsData() throws {
        let plain = readSubmission(at: try makeXLSX("biasa.xlsx", [Self.dipSheet()]))
        var sheet = Self.dipSheet()
        sheet.rows.removeAll { $0.0 >= 13 }  // no signature block: rows far below still belong to the table
        for r in 20..<(20 + defaultMaxDataRows + 10_000) { sheet.rows.append((r, ["<c r=\"A\(r)\" s=\"1\"/>"])) }
        let formatted = readSubmission(at: try makeXLSX("berformat.xlsx", [sheet]))
        XCTAssertEqual(formatted.status, .accepted, formatted.reason ?? "")
        XCTAssertFalse(formatted.problems.contains { $0.code == "too-many-rows" }, "\(formatted.problems.map(\.message))")
        XCTAssertEqual(formatted.items.map { [$0.nomor, $0.ringkasan, "\($0.source.row)"] },
                       plain.items.map { [$0.nomor, $0.ringkasan, "\($0.source.row)"] })
        // Rows with data past the cap are still refused, however many empty rows lie between.
        let last = 20 + defaultMaxDataRows + 10_000
        for r in last..<(last + 6) {
            sheet.rows.append((r, [Self.n("A\(r)", Double(r)), Self.s("B\(r)", "Laporan \(r)"), Self.s("G\(r)", "Hardcopy")]))
        }
        let path = try makeXLSX("berformat2.xlsx", [sheet])
        XCTAssertEqual(readSubmission(at: path).items.map(\.ringkasan).suffix(6), (last..<(last + 6)).map { "Laporan \($0)" })
        let capped = readSubmission(at: path, maxDataRows: 5)
        XCTAssertEqual(capped.status, .refused)
        XCTAssertEqual(capped.problems.map(\.message), ["File berisi lebih dari 5 baris berisi data; ini bukan daftar DIP yang wajar dan tidak dibaca."])
    }

    /// Session 19: a workbook cut short in copying (a file dropped over a slow share and left
    /// unchanged past the settle window) was told only to be saved again in Excel; the likely
    /// cause, and what to do about it, comes first now.
    func testACopyCutShortIsToldToBeCopiedAgain() throws {
        let path = try makeXLSX("utuh.xlsx", [Self.dipSheet()])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        for fraction in [0.3, 0.6, 0.9] {
            let cut = dir.appendingPathComponent("terpotong-\(fraction).xlsx")
            try data.prefix(Int(Double(data.count) * fraction)).write(to: cut)
            let r = readSubmission(at: cut.path)
            XCTAssertEqual(r.status, .refused, "\(fraction)")
            let problem = try XCTUnwrap(r.problems.first)
            XCTAssertEqual(problem.code, "corrupt-file", "\(fraction): \(problem.message)")
            XCTAssertTrue(problem.hint.hasPrefix("Bila berkas ini disalin dari komputer lain atau dari share jaringan, "
                + "penyalinannya mungkin terputus: salin ulang berkas aslinya"), "\(fraction): \(problem.hint)")
        }
    }

    /// Session 19: a hostile workbook was refused with the reader's English and a package part
    /// ("DOCTYPE refused in xl/worksheets/sheet2.xml …"); the unit reads what was found, in
    /// Indonesian, on which sheet (by its name), with the reader's text after it.
    func testHostileSheetsAreRefusedNamingTheSheet() throws {
        var entities = Self.dipSheet(name: "Daftar Kami")
        entities.doctype = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        let laughs = readSubmission(at: try makeXLSX("entitas.xlsx", [Self.instructions, entities]))
        XCTAssertEqual(laughs.status, .refused)
        let refusal = try XCTUnwrap(laughs.problems.first)
        XCTAssertEqual(refusal.code, "zip-bomb")
        XCTAssertEqual(refusal.sheet, "Daftar Kami")
        XCTAssertTrue(refusal.message.hasPrefix("File ditolak karena bagian berkas pada sheet 'Daftar Kami' memuat "
            + "deklarasi DOCTYPE"), refusal.message)
        // One parenthesis, the reader's text, without another inside it or before it (session 19
        // read "… server (entitas XML) (DOCTYPE refused in … (entity expansion / …)).").
        XCTAssertTrue(refusal.message.hasSuffix("menyerang server melalui entitas XML (DOCTYPE refused in "
            + "xl/worksheets/sheet2.xml: entity expansion and external entities are not allowed)."), refusal.message)
        XCTAssertEqual(refusal.message.filter { $0 == "(" }.count, 1, refusal.message)

        var bomb = Self.dipSheet()
        bomb.rows.append((30, [Self.s("B30", String(repeating: "A", count: 6 << 20))]))
        let inflated = readSubmission(at: try makeXLSX("bom.xlsx", [bomb]))
        let p = try XCTUnwrap(inflated.problems.first)
        XCTAssertEqual(inflated.status, .refused)
        XCTAssertEqual(p.sheet, "DIP")
        XCTAssertTrue(p.message.hasPrefix("File ditolak karena isi pada sheet 'DIP' bila dibuka jauh lebih besar dari "
            + "ukuran berkasnya"), p.message)
    }

    /// Session 19: a CSV whose space was reserved before it was filled (a Windows copy over a
    /// share), taken before the copy ended, was refused as "bukan teks CSV (berisi data
    /// biner)". It is told as a copy not yet finished. A binary file stays binary.
    func testACSVEndingInZeroBytesIsToldAsNotYetCopied() throws {
        let text = "No;Ringkasan Isi Informasi;Pejabat;Penanggung Jawab;Waktu;Bentuk;Retensi\n1;Laporan;Sekretariat;Kepala;2025;Cetak;5 tahun\n"
        let cut = dir.appendingPathComponent("belum.csv")
        try (Data(text.utf8) + Data(count: 4096)).write(to: cut)
        let r = readSubmission(at: cut.path)
        XCTAssertEqual(r.status, .refused)
        XCTAssertTrue(r.problems.first?.message.hasPrefix("File CSV ini belum utuh: bagian akhirnya masih berisi byte kosong") == true,
                      "\(r.problems.map(\.message))")
        let binary = dir.appendingPathComponent("biner.csv")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 * 7 % 5 == 0 ? 0 : $0) }).write(to: binary)
        XCTAssertEqual(readSubmission(at: binary.path).problems.first?.message, "File ini bukan teks CSV (berisi data biner).")
    }

    /// Session 19: `dip check` of a mistyped path said "File tidak dapat dibuka … masih disalin
    /// atau dikunci", and of a folder "File kosong (0 byte)".
    func testAMissingPathAndAFolderAreSaidAsSuch() throws {
        let missing = readSubmission(at: dir.appendingPathComponent("tidak-ada.xlsx").path)
        XCTAssertEqual(missing.problems.map(\.message), ["File tidak ditemukan."])
        let folder = dir.appendingPathComponent("folder.xlsx")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        XCTAssertEqual(readSubmission(at: folder.path).problems.map(\.message), ["Ini sebuah folder, bukan berkas."])
    }

    func testSheetNameDeclaresTheCategory() throws {
        let sheet = Sheet(name: "Dikecualikan", rows: [
            (1, [Self.s("A1", "No"), Self.s("B1", "Nama/Jenis Dokumen"), Self.s("C1", "Alasan Pengecualian")]),
            (2, [Self.n("A2", 1), Self.s("B2", "Rekam medis pasien"), Self.s("C2", "Pasal 17 huruf h")]),
            (3, [Self.n("A3", 2), Self.s("B3", "Dokumen penawaran lelang sebelum pengumuman"), Self.s("C3", "Pasal 17 huruf b")]),
        ], links: [("C2", "https://jdih.serangkab.example/perbup-1.pdf"), ("A3", "file:///C:/rahasia.docx")])
        let r = readSubmission(at: try makeXLSX("dik.xlsx", [sheet]))
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.items.map(\.kategori), [.dikecualikan, .dikecualikan])
        XCTAssertEqual(r.items.map(\.kategoriText), ["Dikecualikan", "Dikecualikan"])
        XCTAssertEqual(r.items.map(\.dasarHukumText), ["Pasal 17 huruf h", "Pasal 17 huruf b"])
        // A hyperlink elsewhere in the row is the item's link when title and link column have none.
        XCTAssertEqual(r.items.map(\.tautan), ["https://jdih.serangkab.example/perbup-1.pdf", nil])
        XCTAssertEqual(r.problems.filter { $0.code == "link-unsafe" }.map(\.row), [3])
    }

    /// A list split over sheets named after categories: every such visible sheet is read, each
    /// sheet's name giving its items' category; other sheets are not.
    func testListSplitOverCategorySheets() throws {
        func sheet(_ name: String, hidden: Bool = false, _ titles: [String]) -> Sheet {
            var rows: [(Int, [String])] = [(1, [Self.s("A1", "No"), Self.s("B1", "Judul Informasi"), Self.s("C1", "Link")])]
            for (k, t) in titles.enumerated() {
                rows.append((k + 2, [Self.n("A\(k + 2)", Double(k + 1)), Self.s("B\(k + 2)", t)]))
            }
            return Sheet(name: name, hidden: hidden, rows: rows)
        }
        let path = try makeXLSX("terpisah.xlsx", [
            Self.instructions,
            sheet("Berkala", ["Profil dinas dan struktur organisasi", "Laporan keuangan tahunan"]),
            sheet("Rekap", ["Rekap jumlah informasi per bidang"]),
            sheet("Serta Merta", ["Peringatan dini bencana banjir"]),
            sheet("Setiap Saat", ["Profil dinas dan struktur organisasi"]),
            sheet("DIK 2026", ["Rekam medis pasien rumah sakit"]),
            sheet("Dikecualikan Lama", hidden: true, ["Data lama yang tidak dipakai"]),
        ])
        let r = readSubmission(at: path)
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.sheet, "Berkala")
        XCTAssertEqual(r.items.map(\.source.sheet), ["Berkala", "Berkala", "Serta Merta", "Setiap Saat", "DIK 2026"])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala, .sertaMerta, .setiapSaat, .dikecualikan])
        // Duplicates are found across sheets.
        let duplicate = r.problems.filter { $0.code == "duplicate-item" }
        XCTAssertEqual(duplicate.map(\.sheet), ["Setiap Saat"])
        XCTAssertEqual(duplicate.map(\.message), ["Ringkasan informasi ini sama dengan baris 2 pada sheet 'Berkala'."])
    }

    /// An instructions sheet with a text table under an "Informasi …" header comes first: it is
    /// passed over for a later sheet with a full DIP header, but read when there is none.
    func testWeakTableOnAnEarlierSheetYieldsToAFullHeader() throws {
        let petunjuk = Sheet(name: "Petunjuk", rows: [
            (1, [Self.s("A1", "No"), Self.s("B1", "Informasi yang harus diisi"), Self.s("C1", "Contoh")]),
            (2, [Self.n("A2", 1), Self.s("B2", "Judul dokumen yang dimiliki unit"), Self.s("C2", "Profil dinas")]),
            (3, [Self.n("A3", 2), Self.s("B3", "Pejabat yang menguasai informasi"), Self.s("C3", "Sekretariat")]),
        ])
        let r = readSubmission(at: try makeXLSX("petunjuk.xlsx", [petunjuk, Self.dipSheet()]))
        XCTAssertEqual(r.sheet, "DIP")
        XCTAssertEqual(r.items.count, 4)
        let alone = readSubmission(at: try makeXLSX("petunjuk-saja.xlsx", [petunjuk]))
        XCTAssertEqual(alone.sheet, "Petunjuk")
        XCTAssertEqual(alone.items.map(\.ringkasan), ["Judul dokumen yang dimiliki unit", "Pejabat yang menguasai informasi"])
    }

    func testMergedCellsTicksDatesAndSections() throws {
        let path = try makeXLSX("dip.xlsx", [Self.instructions, Self.dipSheet(name: "Lama", hidden: true), Self.dipSheet()])
        let r = readSubmission(at: path)
        XCTAssertEqual(r.status, .accepted, r.reason ?? "")
        XCTAssertEqual(r.sheet, "DIP")
        XCTAssertEqual(r.items.map(\.source.row), [7, 8, 9, 11])
        XCTAssertEqual(r.items.map(\.source.sheet), ["DIP", "DIP", "DIP", "DIP"])
        XCTAssertEqual(r.items.map(\.nomor), ["1", "2", "3", "1"])
        XCTAssertEqual(r.items.map(\.pejabatPenguasa), ["Sekretariat", "Sekretariat", "Sekretariat", "Bidang P2P"])
        XCTAssertEqual(r.items.map(\.penanggungJawab), ["Kepala Dinas", "Kepala Dinas", "Kepala Dinas", "Kepala Dinas"])
        XCTAssertEqual(r.items.map(\.waktuPembuatan), ["2025-01-01", "2025-02-12", "Januari 2026", "Saat terjadi"])
        XCTAssertEqual(r.items.map(\.tempatPembuatan), ["Serang", "Serang", "Serang", "Serang"])
        XCTAssertEqual(r.items.map(\.bentuk), ["Cetak dan Online", "Online", "Cetak", "Online"])
        XCTAssertEqual(r.items.map(\.kategori), [.berkala, .berkala, .berkala, .sertaMerta])
        XCTAssertEqual(r.items.map(\.retention), [.years(5), .permanent, .years(1), .years(1)])
        XCTAssertEqual(r.problems.map(\.code), [])
    }

    func testRowsAreClassifiedAfterMergesAreApplied() throws {
        // Row 3 has only nomor and a summary mentioning "berkala" until the merges fill it:
        // it must be an item, not a section row.
        let sheet = Sheet(name: "DIP", rows: [
            (1, [Self.s("A1", "No"), Self.s("B1", "Ringkasan Informasi"), Self.s("C1", "Unit Penguasa Informasi"),
                 Self.s("D1", "Penanggung Jawab"), Self.s("E1", "Waktu dan Tempat"), Self.s("F1", "Bentuk"),
                 Self.s("G1", "Retensi"), Self.s("H1", "Jenis")]),
            (2, [Self.n("A2", 1), Self.s("B2", "Laporan keuangan"), Self.s("C2", "Subbag Keuangan"), Self.s("D2", "Kepala Badan"),
                 Self.s("E2", "2026, Serang"), Self.s("F2", "Softcopy"), Self.s("G2", "5 tahun"), Self.s("H2", "Berkala")]),
            (3, [Self.n("A3", 2), Self.s("B3", "Laporan berkala")]),
        ], merges: ["C2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:H3"])
        let r = readSubmission(at: try makeXLSX("merged.xlsx", [sheet]))
        XCTAssertEqual(r.items.map(\.ringkasan), ["Laporan keuangan", "Laporan berkala"])
        XCTAssertEqual(r.items[1].pejabatPenguasa, "Subbag Keuangan")
        XCTAssertEqual(r.items[1].waktuPembuatan, "2026, Serang")
        XCTAssertEqual(r.items[1].kategori, .berkala)
        XCTAssertEqual(r.items[1].source.row, 3)
        XCTAssertEqual(r.problems.map(\.code), [])
    }

    func testHiddenSheetIsUsedWhenNoVisibleSheetHasATable() throws {
        let path = try makeXLSX("hidden.xlsx", [Self.instructions, Self.dipSheet(name: "Data", hidden: true)])
        let r = readSubmission(at: path)
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.sheet, "Data")
        XCTAssertEqual(r.items.count, 4)
        XCTAssertEqual(r.problems.map(\.code), ["hidden-sheet"])
        XCTAssertEqual(r.problems.first?.severity, .info)
    }

    func testTemplateHeaderOnInstructionsSheetIsSkipped() throws {
        let template = Sheet(name: "Contoh", rows: [
            (1, [Self.s("A1", "No"), Self.s("B1", "Ringkasan Isi Informasi"), Self.s("C1", "Pejabat yang Menguasai Informasi"),
                 Self.s("D1", "Penanggung Jawab"), Self.s("E1", "Waktu dan Tempat"), Self.s("F1", "Bentuk"), Self.s("G1", "Retensi")]),
        ])
        let r = readSubmission(at: try makeXLSX("template.xlsx", [template, Self.dipSheet()]))
        XCTAssertEqual(r.sheet, "DIP")
        XCTAssertEqual(r.items.count, 4)
        let only = readSubmission(at: try makeXLSX("only-template.xlsx", [template]))
        XCTAssertEqual(only.status, .refused)
        XCTAssertEqual(only.problems.map(\.code), ["empty-table"])
        XCTAssertEqual(only.problems.first?.sheet, "Contoh")
    }

    func testWorkbookWithoutTableIsRefused() throws {
        let path = try makeXLSX("petunjuk.xlsx", [Self.instructions])
        let r = readSubmission(at: path)
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["no-dip-table"])
    }

    /// The refusal of a list whose header has no title column names the sheet and the row dip
    /// took for its header and quotes what is there, so the unit sees which heading to rename;
    /// a sheet with only a title says that (both said only "Tabel DIP tidak ditemukan").
    func testNoTableRefusalSaysWhatTheHeaderRowHolds() throws {
        let wrong = Sheet(name: "Daftar", rows: [
            (1, [Self.s("A1", "DAFTAR DOKUMEN DINAS KESEHATAN")]),
            (3, [Self.s("A3", "Kode"), Self.s("B3", "Nama Berkas"), Self.s("C3", "Keterangan"), Self.s("D3", "Tahun")]),
            (4, [Self.n("A4", 1), Self.s("B4", "Profil Dinas Kesehatan"), Self.s("C4", "ada"), Self.n("D4", 2025)]),
        ])
        let r = readSubmission(at: try makeXLSX("salah-judul.xlsx", [wrong, Self.instructions]))
        XCTAssertEqual(r.status, .refused)
        let p = try XCTUnwrap(r.problems.first)
        XCTAssertEqual(p.code, "no-dip-table")
        XCTAssertEqual(p.sheet, "Daftar")
        XCTAssertEqual(p.row, 3)
        XCTAssertTrue(p.message.contains("baris 3 berisi judul kolom \"Kode\", \"Nama Berkas\", \"Keterangan\", \"Tahun\""), p.message)
        XCTAssertTrue(p.message.contains("Sheet lain juga tidak memuat tabel DIP: 'Petunjuk'."), p.message)
        XCTAssertTrue(p.hint.contains("menjadi \"Ringkasan Isi Informasi\""), p.hint)

        let title = Sheet(name: "DIP", rows: [(1, [Self.s("A1", "DAFTAR INFORMASI PUBLIK DP3AKB TAHUN 2026")])])
        let t = readSubmission(at: try makeXLSX("judul-saja.xlsx", [title]))
        let q = try XCTUnwrap(t.problems.first)
        XCTAssertEqual(q.code, "no-dip-table")
        XCTAssertEqual(q.sheet, "DIP")
        XCTAssertEqual(q.row, 1)
        XCTAssertTrue(q.message.contains("hanya ada \"DAFTAR INFORMASI PUBLIK DP3AKB TAHUN 2026\" (baris 1), tanpa baris judul kolom"),
                      q.message)
    }

    func testHostileAndProtectedWorkbooksAreRefused() throws {
        let bomb = readSubmission(at: try FeatureWorkbooks.path("entity-bomb.xlsx"))
        XCTAssertEqual(bomb.status, .refused)
        XCTAssertEqual(bomb.problems.map(\.code), ["zip-bomb"])
        let locked = readSubmission(at: try FeatureWorkbooks.path("password-encrypted.xlsx"))
        XCTAssertEqual(locked.status, .refused)
        XCTAssertEqual(locked.problems.map(\.code), ["legacy-or-encrypted"])
        XCTAssertEqual(locked.problems.first?.message, "File ini dilindungi kata sandi (terenkripsi), sehingga tidak dapat dibaca.")
        XCTAssertTrue(locked.reason!.contains("simpan ulang sebagai .xlsx"))
    }

    func testCompressionBombIsRefused() throws {
        // 40 MB of spaces inside the sheet: deflates about 1000:1, above the reader's cap.
        var sheet = Self.dipSheet()
        sheet.rows.append((30, [Self.s("A30", String(repeating: " ", count: 40 << 20))]))
        let r = readSubmission(at: try makeXLSX("bomb.xlsx", [sheet]))
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["zip-bomb"])
    }

    func testZipWithoutWorkbookIsUnsupported() throws {
        let root = dir.appendingPathComponent("docx.d/word")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("<w:document/>".utf8).write(to: root.appendingPathComponent("document.xml"))
        let out = dir.appendingPathComponent("surat.docx").path
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        zip.currentDirectoryURL = root.deletingLastPathComponent()
        zip.arguments = ["-q", "-r", out, "."]
        try zip.run()
        zip.waitUntilExit()
        let r = readSubmission(at: out)
        XCTAssertEqual(r.status, .refused)
        XCTAssertEqual(r.problems.map(\.code), ["unsupported-type"])
    }
}

extension XLSXLayoutTests {
    /// Issue 16 #10: a DIP list whose every row also holds one cell at column XFD was read as
    /// 16,384 cells a row (and refused over the cell budget). Rows now cost the cells they
    /// hold: the list is read as the same list without those cells, with one info line about
    /// the far column.
    func testRowsReachingColumnXFDAreReadAtTheCostOfTheirCells() throws {
        var plain = Self.dipSheet()
        for r in 20...320 {
            plain.rows.append((r, [Self.n("A\(r)", Double(r)), Self.s("B\(r)", "Laporan kegiatan \(r)"),
                                   Self.s("C\(r)", "Sekretariat"), Self.s("D\(r)", "Kepala Dinas"),
                                   Self.s("E\(r)", "Januari 2026"), Self.s("F\(r)", "Serang"), Self.s("I\(r)", "5 tahun")]))
        }
        var wide = plain
        // Every row from the section heading down, merged cells and signature included.
        wide.rows = plain.rows.map { r, cells in (r, r >= 6 ? cells + [Self.s("XFD\(r)", "catatan \(r)")] : cells) }
        let read = readSubmission(at: try makeXLSX("dip-lebar.xlsx", [wide]), displayName: "dip.xlsx")
        let expected = readSubmission(at: try makeXLSX("dip-biasa.xlsx", [plain]), displayName: "dip.xlsx")
        XCTAssertEqual(expected.status, .accepted)
        XCTAssertEqual(read.status, .accepted, read.problems.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(read.items.count, 305)
        XCTAssertEqual(read.items, expected.items)
        XCTAssertEqual(read.problems.filter { $0.code != "columns-ignored" }, expected.problems)
        let junk = read.problems.filter { $0.code == "columns-ignored" }
        XCTAssertEqual(junk.count, 1)
        XCTAssertTrue(junk.first?.message.contains("tanpa judul (XFD)") ?? false, junk.first?.message ?? "")
    }

    // MARK: Merged header cells (session 22)

    /// A field's header merged across two data columns ("Waktu dan Tempat" over a year and a
    /// place, "Ringkasan" over a letter and the text): both columns are the field's, read
    /// together. Before, the second column was ignored as "tanpa judul (C)".
    func testHeaderMergedAcrossDataColumnsCoversThem() throws {
        let sheet = Sheet(name: "DIP", rows: [
            (1, [Self.s("A1", "DAFTAR INFORMASI PUBLIK")]),
            (3, [Self.s("A3", "No"), Self.s("B3", "Ringkasan Isi Informasi"), Self.s("D3", "Pejabat yang Menguasai Informasi"),
                 Self.s("E3", "Penanggung Jawab"), Self.s("F3", "Waktu dan Tempat Pembuatan"), Self.s("H3", "Bentuk Informasi"),
                 Self.s("I3", "Retensi"), Self.s("J3", "Jenis Informasi")]),
            (4, [Self.n("A4", 1), Self.s("B4", "a."), Self.s("C4", "Rencana Strategis 2021-2026"), Self.s("D4", "Sekretariat"),
                 Self.s("E4", "Kepala Dinas"), Self.n("F4", 2026), Self.s("G4", "Serang"), Self.s("H4", "Softcopy"),
                 Self.s("I4", "5 tahun"), Self.s("J4", "Berkala")]),
            (5, [Self.n("A5", 2), Self.s("C5", "Laporan Keuangan 2025"), Self.s("D5", "Sekretariat"),
                 Self.s("E5", "Kepala Dinas"), Self.s("G5", "Serang"), Self.s("H5", "Hardcopy"),
                 Self.s("I5", "Permanen"), Self.s("J5", "Berkala")]),
        ], merges: ["A1:J1", "B3:C3", "F3:G3"])
        let r = readSubmission(at: try makeXLSX("merged-header.xlsx", [sheet]))
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.map(\.ringkasan), ["a. Rencana Strategis 2021-2026", "Laporan Keuangan 2025"])
        XCTAssertEqual(r.items.map(\.waktuPembuatan), ["2026, Serang", "Serang"])
        XCTAssertEqual(r.items.first?.waktuNormalised, "2026")
        XCTAssertEqual(r.items.first?.tempatNormalised, "Serang")
        XCTAssertFalse(r.problems.contains { $0.code == "columns-ignored" }, "\(r.problems.map(\.message))")
        XCTAssertFalse(r.problems.contains { $0.code == "missing-column" }, "\(r.problems.map(\.message))")
    }

    /// A two-row header as real lists have it: a group title merged over sub-titles that name
    /// fields ("Penguasaan Informasi" over "Pejabat …" and "Penanggung Jawab"), next to labels
    /// merged down both rows and a "Bentuk" over Cetak/Online ticks.
    func testGroupTitleMergedOverSubTitles() throws {
        let sheet = Sheet(name: "DIP", rows: [
            (2, [Self.s("A2", "No"), Self.s("B2", "Ringkasan Isi Informasi"), Self.s("C2", "Penguasaan Informasi"),
                 Self.s("E2", "Waktu dan Tempat Pembuatan"), Self.s("F2", "Bentuk Informasi"), Self.s("H2", "Retensi Arsip")]),
            (3, [Self.s("C3", "Pejabat yang Menguasai Informasi"), Self.s("D3", "Penanggung Jawab Pembuatan Informasi"),
                 Self.s("F3", "Cetak"), Self.s("G3", "Online")]),
            (4, [Self.n("A4", 1), Self.s("B4", "Rencana Strategis 2021-2026"), Self.s("C4", "Sekretariat"),
                 Self.s("D4", "Kepala Dinas"), Self.s("E4", "2026, Serang"), Self.s("G4", "v"), Self.s("H4", "5 tahun")]),
        ], merges: ["A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:G2", "H2:H3"])
        let r = readSubmission(at: try makeXLSX("group-header.xlsx", [sheet]))
        XCTAssertEqual(r.status, .accepted)
        let item = try XCTUnwrap(r.items.first)
        XCTAssertEqual(r.items.count, 1)
        XCTAssertEqual(item.pejabatPenguasa, "Sekretariat")
        XCTAssertEqual(item.penanggungJawab, "Kepala Dinas")
        XCTAssertEqual(item.form, InformationForm(printed: false, electronic: true))
        XCTAssertEqual(item.retensi, "5 tahun")
        XCTAssertEqual(Set(r.problems.filter { $0.severity != .info }.map(\.code)).subtracting(["missing-category"]), [])
        XCTAssertFalse(r.problems.contains { $0.code == "missing-column" || $0.code == "row-ignored" },
                       "\(r.problems.map(\.message))")
    }

    /// The lower row of a two-row header holds the field names under group titles ("Informasi"
    /// over "Ringkasan" and "Jenis"), and No, Waktu, Bentuk, Retensi are merged down from the
    /// upper row: every field is found.
    func testSubTitleRowUnderGroupTitlesWithLabelsMergedDown() throws {
        let sheet = Sheet(name: "DIP", rows: [
            (1, [Self.s("A1", "No"), Self.s("B1", "Informasi"), Self.s("D1", "Penguasaan"),
                 Self.s("F1", "Waktu dan Tempat Pembuatan"), Self.s("G1", "Bentuk Informasi"), Self.s("H1", "Jangka Waktu Penyimpanan")]),
            (2, [Self.s("B2", "Ringkasan Isi Informasi"), Self.s("C2", "Jenis Informasi"),
                 Self.s("D2", "Pejabat"), Self.s("E2", "Penanggung Jawab")]),
            (3, [Self.n("A3", 1), Self.s("B3", "Profil Dinas Kesehatan"), Self.s("C3", "Berkala"), Self.s("D3", "Sekretariat"),
                 Self.s("E3", "Kepala Dinas"), Self.s("F3", "2026, Serang"), Self.s("G3", "Softcopy"), Self.s("H3", "Selama berlaku")]),
        ], merges: ["A1:A2", "B1:C1", "D1:E1", "F1:F2", "G1:G2", "H1:H2"])
        let r = readSubmission(at: try makeXLSX("lower-header.xlsx", [sheet]))
        XCTAssertEqual(r.status, .accepted)
        let item = try XCTUnwrap(r.items.first)
        XCTAssertEqual(r.items.count, 1)
        XCTAssertEqual([item.nomor, item.ringkasan, item.kategoriText, item.pejabatPenguasa, item.penanggungJawab,
                        item.bentuk, item.retensi],
                       ["1", "Profil Dinas Kesehatan", "Berkala", "Sekretariat", "Kepala Dinas", "Softcopy", "Selama berlaku"])
        XCTAssertEqual(item.waktuNormalised, "2026")
        XCTAssertEqual(r.problems.filter { $0.severity != .info }.map(\.code), [])
    }
}
