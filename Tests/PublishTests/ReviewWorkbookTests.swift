import DIPCore
import Foundation
import OfficeFormats
import Register
import TestSupport
import XCTest

@testable import Publish

final class ReviewWorkbookTests: XCTestCase {
    /// openpyxl script: edits = [[sheet, item id, header, value]]; rows are found by the hidden
    /// id column, columns by header text, as a reviewer would see them.
    static let editScript = """
        import json, sys, openpyxl
        path = sys.argv[1]
        edits = json.loads(sys.argv[2])
        wb = openpyxl.load_workbook(path)
        for sheet, item, header, value in edits:
            ws = wb[sheet]
            heads = {c.value: c.column for c in ws[1]}
            idc = heads["ID DIP (jangan diubah)"]
            row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, idc).value == item)
            ws.cell(row, heads[header]).value = value
        p = wb["Petunjuk"]
        for r in range(1, p.max_row + 1):
            if p.cell(r, 1).value == "Nama pemeriksa": p.cell(r, 2).value = "Hj. Siti Pemeriksa, S.Sos."
            if p.cell(r, 1).value == "NIP pemeriksa": p.cell(r, 2).value = "197001012000032001"
        wb.save(path)
        """

    static func edit(_ path: String, _ edits: [[String]]) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: edits), as: UTF8.self)
        try Checkers.runPython(editScript, [path, json])
    }

    func testWorkbookPassesCheckerAndHasEverySheet() throws {
        let bytes = try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock)
        let url = try Checkers.temporaryFile("pemeriksaan.xlsx", bytes)
        let r = try Checkers.run("check-xlsx", [url.path])
        XCTAssertEqual(r.status, 0, r.output)

        let wb = try XLSXWorkbook(path: url.path)
        XCTAssertEqual(wb.sheets.map(\.name), [
            "Petunjuk", "Berkala", "Serta Merta", "Setiap Saat", "Dikecualikan", "Uji Konsekuensi",
            "Perubahan", "Masalah", "Kelengkapan", "_dip",
        ])
        XCTAssertTrue(wb.sheets.last!.isHidden)
        XCTAssertFalse(wb.sheets.dropLast().contains { $0.isHidden })
    }

    func testHiddenIdsMarkerAndIndonesianText() throws {
        let input = try ReviewFixtures.input()
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        let meta = try ReviewFixtures.rows(url.path, sheet: "_dip")
        XCTAssertEqual(ReviewFixtures.text(meta[0][1]), ReviewFormat.marker)
        XCTAssertEqual(ReviewFixtures.text(meta[1][1]), "3")

        let berkala = try ReviewFixtures.rows(url.path, sheet: "Berkala")
        let header = berkala[0].cells.map(ReviewFixtures.text)
        let idc = try XCTUnwrap(header.firstIndex(of: ReviewFormat.idHeader))
        let rc = try XCTUnwrap(header.firstIndex(of: ReviewFormat.revisionHeader))
        XCTAssertTrue(header.contains("Usulan Klasifikasi"))
        XCTAssertTrue(header.contains("Penjelasan Klasifikasi"))
        let ids = berkala.dropFirst().map { ReviewFixtures.text($0[idc]) }
        let expected = input.draft!.items.filter { $0.category == .berkala }.map(\.id)
        XCTAssertEqual(Set(ids), Set(expected))
        XCTAssertTrue(berkala.dropFirst().allSatisfy { Int(ReviewFixtures.text($0[rc])) != nil })

        // The id and revision columns are hidden, the decision column has a dropdown.
        let sheetXML = try unzipText(url.path, "xl/worksheets/sheet2.xml")
        XCTAssertTrue(sheetXML.contains("hidden=\"1\""))
        XCTAssertTrue(sheetXML.contains("&quot;Setujui,Kembalikan&quot;"))
        // The header row and the columns up to the summary stay in sight (a PPID officer scrolls
        // some 2,000 px right to Keputusan; the title went off screen, session 25).
        XCTAssertEqual(header.firstIndex(of: "Ringkasan Isi Informasi"), 3)
        XCTAssertTrue(sheetXML.contains("<pane xSplit=\"4\" ySplit=\"1\" topLeftCell=\"E2\" activePane=\"bottomRight\" state=\"frozen\"/>"), sheetXML)
        XCTAssertTrue(sheetXML.contains("paperSize=\"14\"") && sheetXML.contains("orientation=\"landscape\""))
        let testXML = try unzipText(url.path, "xl/worksheets/sheet6.xml")
        XCTAssertTrue(testXML.contains("<pane xSplit=\"4\" ySplit=\"1\" topLeftCell=\"E2\""), testXML)
        XCTAssertTrue(testXML.contains("Dikecualikan seluruhnya,Dikecualikan sebagian,Terbuka"))
        let workbook = try unzipText(url.path, "xl/workbook.xml")
        XCTAssertTrue(workbook.contains("_xlnm.Print_Titles"))
        XCTAssertTrue(workbook.contains("_xlnm._FilterDatabase"))

        let tests = try ReviewFixtures.rows(url.path, sheet: "Uji Konsekuensi")
        let theader = tests[0].cells.map(ReviewFixtures.text)
        for h in [ReviewFormat.specificHeader, ReviewFormat.legalBasisHeader, ReviewFormat.consequenceHeader,
                  ReviewFormat.publicInterestHeader, ReviewFormat.conclusionHeader, ReviewFormat.periodHeader,
                  ReviewFormat.conditionsHeader, ReviewFormat.testerHeader, ReviewFormat.testedOnHeader] {
            XCTAssertTrue(theader.contains(h), h)
        }
        XCTAssertEqual(tests.count, 3)
        let strings = try XLSXWorkbook(path: url.path).sharedStrings().joined(separator: "\n")
        XCTAssertTrue(strings.contains("UU 14/2008 Pasal 17 huruf h angka 2"), "the prefilled basis is the ground's dasar_hukum")
        XCTAssertFalse(strings.contains("huruf j angka"))
        // The rule's finding in words, without its id; problems without their codes.
        XCTAssertTrue(strings.contains("Data pribadi pasien <rahasia>"))
        XCTAssertFalse(strings.contains("Aturan data-pribadi"))
        XCTAssertFalse(strings.contains("bentuk_kosong"), "no problem codes where people read")
        XCTAssertTrue(strings.contains("Bentuk informasi kosong."))
        XCTAssertTrue(strings.contains("Lembar Kerja Pemeriksaan Daftar Informasi Publik"))
        let kel = try ReviewFixtures.rows(url.path, sheet: "Kelengkapan")
        XCTAssertEqual(kel.count, 3)
        XCTAssertEqual(ReviewFixtures.text(kel[1][0]), "Dinas Kesehatan")
        XCTAssertEqual(kel[1][2], .number(2)) // sub-group A
        // Missing setiap saat entries by their names, missing sub-groups with their titles,
        // and the A–K legend on the instructions sheet.
        let missing = ReviewFixtures.text(kel[1][14])
        XCTAssertEqual(missing, "Rencana kerja proyek dan anggarannya")
        XCTAssertTrue(ReviewFixtures.text(kel[1][13]).contains("K. "), "\(kel[1])")
        XCTAssertTrue(strings.contains("A. \(BerkalaSubgroup.A.title)"))
    }

    /// A unit whose list lacks legal fields (accepted with `missing-column` problems, issue 18)
    /// is shown with those fields on the completeness sheet.
    func testMissingFieldsPerUnitAreShown() throws {
        var input = try ReviewFixtures.input()
        for field in ["Pejabat/Unit yang Menguasai Informasi", "Bentuk Informasi yang Tersedia", "Pejabat/Unit yang Menguasai Informasi"] {
            input.problemsByUnit["dinkes", default: []].append(Problem(
                file: "dip-dinkes.csv", sheet: nil, row: 1, column: nil, columnName: field, severity: .warning,
                code: "missing-column", message: "Kolom \(field) tidak ditemukan pada judul tabel.", hint: "Tambahkan kolom."))
        }
        XCTAssertEqual(input.missingFieldsByUnit, ["dinkes": ["Pejabat/Unit yang Menguasai Informasi", "Bentuk Informasi yang Tersedia"]])
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        let kel = try ReviewFixtures.rows(url.path, sheet: "Kelengkapan")
        let dinkes = try XCTUnwrap(kel.first { ReviewFixtures.text($0[0]) == "Dinas Kesehatan" })
        XCTAssertEqual(ReviewFixtures.text(dinkes.cells.last ?? .empty),
                       "Pejabat/Unit yang Menguasai Informasi, Bentuk Informasi yang Tersedia")
        XCTAssertTrue(ReviewPage.html(input, clock: ReviewFixtures.clock).contains("Unsur DIP yang Belum Ada Kolomnya"))
    }

    /// The changes sheet spoke the register's codes to the PPID ("dinsos"; "ringkasan, bentuk",
    /// "waktu_pembuatan"): it names the unit as the other sheets do and the fields in words.
    func testChangesSheetNamesUnitsAndFieldsInWords() throws {
        let input = try ReviewFixtures.input()
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        let rows = try ReviewFixtures.rows(url.path, sheet: ReviewFormat.changesSheet).map { $0.cells.map(ReviewFixtures.text) }
        let changed = try XCTUnwrap(rows.first { $0.contains("Program kesiapsiagaan") }, "\(rows)")
        XCTAssertTrue(changed.contains("ringkasan isi informasi, bentuk informasi"), "\(changed)")
        XCTAssertFalse(changed.contains("ringkasan, bentuk"), "\(changed)")
        XCTAssertFalse(changed.contains("bpbd"), "\(changed)")
        XCTAssertTrue(changed.contains { $0.hasPrefix("Badan Penanggulangan Bencana") }, "\(changed)")
        XCTAssertTrue(ReviewPage.html(input, clock: ReviewFixtures.clock).contains("ringkasan isi informasi, bentuk informasi"))
    }

    /// With nothing drafted since the last published version, the pack said "Belum ada rancangan
    /// DIP", which reads as if no DIP existed; it names the version in force.
    func testNoNewDraftNamesTheVersionInForce() throws {
        var input = try ReviewFixtures.input()
        input.draft = nil
        input.diff = VersionDiff(from: 9, to: nil, added: [], changed: [], reclassified: [], withdrawn: [])
        XCTAssertTrue(ReviewPage.html(input, clock: ReviewFixtures.clock)
            .contains("Belum ada rancangan DIP baru sejak DIP versi 9; dibuat"))
        input.diff = VersionDiff(from: nil, to: nil, added: [], changed: [], reclassified: [], withdrawn: [])
        XCTAssertTrue(ReviewPage.html(input, clock: ReviewFixtures.clock).contains("Belum ada rancangan DIP; dibuat"))
    }

    /// The page's tables took no column widths: the automatic layout squeezed a short column
    /// ("Peringatan" broken over three lines in "Tingkat" at 1366 px). Tables that stay tables on a
    /// laptop carry the workbook's widths as shares.
    func testPageTablesCarryTheWorkbooksColumnShares() throws {
        let html = ReviewPage.html(try ReviewFixtures.input(), clock: ReviewFixtures.clock)
        let problems = try XCTUnwrap(html.components(separatedBy: "Masalah dalam Berkas Perangkat Daerah</h2>").last)
        let table = try XCTUnwrap(problems.range(of: "<table"))
        XCTAssertTrue(problems[table.lowerBound...].hasPrefix("<table class=\"kolom\">\n<colgroup><col style=\"width:"),
                      String(problems[table.lowerBound...].prefix(200)))
    }

    /// The Petunjuk sheet says how many rows each sheet holds (the page's contents list does;
    /// the workbook said none, session 22), and the counts are the sheets' own.
    func testInstructionsCountEachSheetsRows() throws {
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
        let petunjuk = try ReviewFixtures.rows(url.path, sheet: "Petunjuk").map { ReviewFixtures.text($0.cells.first ?? .empty) }
        let line = try XCTUnwrap(petunjuk.first { $0.hasPrefix("Isi lembar kerja ini") }, "\(petunjuk)")
        // Under the version line and the line on what the draft changed (the fixture's diff).
        XCTAssertEqual(petunjuk.firstIndex(of: line), 3, "under the version line and the changes' line")
        var named = 0
        for sheet in ["Berkala", "Serta Merta", "Setiap Saat", "Dikecualikan", "Uji Konsekuensi", "Perubahan", "Masalah", "Kelengkapan"] {
            // An empty table's sheet holds the sentence saying so, not a row.
            let rows = try ReviewFixtures.rows(url.path, sheet: sheet).dropFirst()
                .filter { ReviewFixtures.text($0.cells.first ?? .empty) != ReviewWorkbook.emptyTableText }.count
            XCTAssertTrue(line.contains(" \(sheet) \(rows),") || line.hasSuffix(" \(sheet) \(rows)."), "\(sheet) \(rows): \(line)")
            named += rows
        }
        XCTAssertGreaterThan(named, 5, "the fixture's sheets hold rows")
    }

    /// After an update the PPID opened the pack on the Berkala sheet, the new and changed rows among
    /// the rows approved before (the read-through's v3: rows 12 and 14 of 14), and the sheet of
    /// changes eighth (session 26). The Petunjuk and the page now say first, under the draft's line,
    /// what changed since the last decree and where; the page links to its section.
    func testInstructionsSayWhatChangedSinceTheLastDecreeFirst() throws {
        var input = try ReviewFixtures.input()
        input.diff.withdrawn = [ItemDelta(itemID: "bpbd-0003", unit: "bpbd", revision: 1, change: .withdrawn, fields: [],
                                          ringkasan: "Peta rawan bencana", nomor: nil, fromCategory: .berkala)]
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        let petunjuk = try ReviewFixtures.rows(url.path, sheet: "Petunjuk").map { ReviewFixtures.text($0.cells.first ?? .empty) }
        let said = "PERUBAHAN SEJAK KEPUTUSAN TERAKHIR (DIP versi 2): 1 informasi baru, 1 berubah, 1 ditarik. "
            + "Daftarnya ada pada sheet Perubahan; pada sheet kategori, kolom Perubahan menandai barisnya (Baru, Berubah) "
            + "dan kolom Keputusan Tercatat kosong untuk informasi yang belum diputuskan."
        XCTAssertEqual(petunjuk.count > 2 ? petunjuk[2] : nil, said, "\(petunjuk)")
        let page = ReviewPage.html(input, clock: ReviewFixtures.clock)
        let head = try XCTUnwrap(page.components(separatedBy: "<nav>").first)
        XCTAssertTrue(head.contains("<p><strong>PERUBAHAN SEJAK KEPUTUSAN TERAKHIR (DIP versi 2): 1 informasi baru, 1 berubah, 1 ditarik. "
            + "Daftarnya ada pada <a href=\"#t6\">bagian Perubahan sejak Keputusan Terakhir</a>;"), head)
        XCTAssertTrue(page.contains("<section id=\"t6\">\n<h2>Perubahan sejak Keputusan Terakhir</h2>"), "the link's target")

        // Before the first decree every item is new: nothing to single out; without a draft, nothing to review.
        input.changesBase = .firstDraft
        XCTAssertNil(ReviewContent.changesSummary(input))
        input.changesBase = .lastDecree
        input.draft = nil
        XCTAssertNil(ReviewContent.changesSummary(input))
    }

    /// A sheet whose table is empty (no draft: every category sheet) printed its header row and
    /// nothing under it, a page that reads as left blank by mistake (session 23's read-through of
    /// the legal walk's last pack); it now says "Tidak ada data." as the page does, and the
    /// workbook still reads back with nothing to apply.
    func testAnEmptySheetSaysSoUnderItsHeaders() throws {
        var input = try ReviewFixtures.input()
        input.draft = nil
        let url = try Checkers.temporaryFile("kosong.xlsx", try ReviewWorkbook.build(input, clock: ReviewFixtures.clock))
        for sheet in ["Berkala", "Serta Merta", "Setiap Saat", "Dikecualikan"] {
            let rows = try ReviewFixtures.rows(url.path, sheet: sheet)
            XCTAssertEqual(rows.count, 2, sheet)
            XCTAssertEqual(rows.last.map { ReviewFixtures.text($0.cells.first ?? .empty) }, ReviewWorkbook.emptyTableText, sheet)
        }
        let filled = try ReviewFixtures.rows(url.path, sheet: "Uji Konsekuensi")
        XCTAssertFalse(filled.contains { ReviewFixtures.text($0.cells.first ?? .empty) == ReviewWorkbook.emptyTableText })
        let read = try ReviewWorkbookReader.read(path: url.path)
        XCTAssertTrue(read.decisions.isEmpty)
        XCTAssertTrue(read.problems.isEmpty, "\(read.problems)")
        XCTAssertTrue(ReviewPage.html(input, clock: ReviewFixtures.clock).contains("<p class=\"empty\">Tidak ada data.</p>"))
    }

    func testSameInputAndClockGiveIdenticalBytes() throws {
        let a = try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock)
        let b = try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock)
        XCTAssertEqual(a, b)
        XCTAssertEqual(ReviewPage.html(try ReviewFixtures.input(), clock: ReviewFixtures.clock),
                       ReviewPage.html(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
    }

    func testUnfilledWorkbookReadsBackWithNothingToApply() throws {
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
        let d = try ReviewWorkbookReader.read(path: url.path)
        XCTAssertEqual(d.draftVersion, 3)
        XCTAssertNil(d.reviewer)
        XCTAssertTrue(d.tests.isEmpty)
        XCTAssertTrue(d.decisions.isEmpty)
        XCTAssertTrue(d.problems.isEmpty, "\(d.problems)")
    }

    /// Huruf j without the Undang-Undang that closes the information is not recorded (as `dip
    /// test` refuses it); with the law named it is.
    func testBareHurufJIsAProblemNotATest() throws {
        for (basis, recorded) in [("Pasal 17 huruf j UU 14/2008", false), ("UU 14/2008 Pasal 17 huruf j jo. UU 27/2022", true)] {
            let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
            try Self.edit(url.path, [
                ["Uji Konsekuensi", "dinkes-0099", "Dasar Hukum (Pasal)", basis],
                ["Uji Konsekuensi", "dinkes-0099", "Konsekuensi apabila Dibuka", "Mengungkap data pribadi"],
                ["Uji Konsekuensi", "dinkes-0099", "Pertimbangan Kepentingan Publik", "Tidak lebih besar"],
                ["Uji Konsekuensi", "dinkes-0099", "Kesimpulan", "Dikecualikan seluruhnya"],
                ["Uji Konsekuensi", "dinkes-0099", "Jangka Waktu Pengecualian", "Permanen"],
                ["Uji Konsekuensi", "dinkes-0099", "Tanggal Uji", "26/11/2026"],
            ])
            let d = try ReviewWorkbookReader.read(path: url.path)
            XCTAssertEqual(d.tests.map(\.itemID), recorded ? ["dinkes-0099"] : [], basis)
            XCTAssertEqual(d.problems.contains { $0.message.contains("huruf j tanpa undang-undang") }, !recorded, "\(d.problems)")
        }
    }

    /// UU 14/2008 Pasal 20 ayat (1): an exemption under huruf a–f alone is not permanent; typed
    /// "Permanen" it is a located problem, not a test (as `dip test` refuses it). With a huruf h
    /// ground beside it, or a period in years, it is recorded.
    func testPermanentExemptionUnderHurufAToFIsAProblemNotATest() throws {
        for (basis, period, recorded) in [("UU 14/2008 Pasal 17 huruf b", "Permanen", false),
                                          ("UU 14/2008 Pasal 17 huruf b", "2 tahun", true),
                                          ("UU 14/2008 Pasal 17 huruf b; Pasal 17 huruf h angka 4", "Permanen", true)] {
            let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
            try Self.edit(url.path, [
                ["Uji Konsekuensi", "dinkes-0099", "Dasar Hukum (Pasal)", basis],
                ["Uji Konsekuensi", "dinkes-0099", "Konsekuensi apabila Dibuka", "Persaingan usaha tidak sehat"],
                ["Uji Konsekuensi", "dinkes-0099", "Pertimbangan Kepentingan Publik", "Tidak lebih besar"],
                ["Uji Konsekuensi", "dinkes-0099", "Kesimpulan", "Dikecualikan sebagian"],
                ["Uji Konsekuensi", "dinkes-0099", "Jangka Waktu Pengecualian", period],
                ["Uji Konsekuensi", "dinkes-0099", "Tanggal Uji", "26/11/2026"],
            ])
            let d = try ReviewWorkbookReader.read(path: url.path)
            // The officer is told before typing, on the instructions and above the test sheet.
            let sheets = try WorkbookDump.xlsx(path: url.path).json
            XCTAssertTrue(sheets.contains("tidak boleh permanen (Pasal 20 ayat (1))"), "Petunjuk")
            XCTAssertTrue(ReviewPage.html(try ReviewFixtures.input(), clock: ReviewFixtures.clock)
                .contains("tidak bersifat permanen (Pasal 20 ayat (1)): tulis jangka waktunya"), "review page, test section")
            XCTAssertEqual(d.tests.map(\.itemID), recorded ? ["dinkes-0099"] : [], "\(basis) \(period)")
            let located = d.problems.first { $0.message.contains("Pasal 20 ayat (1)") }
            XCTAssertEqual(located != nil, !recorded, "\(d.problems)")
            if let located { XCTAssertEqual(located.columnName, "Jangka Waktu Pengecualian", "\(located)") }
        }
    }

    /// An exemption "sampai" a date already past on the day of the test is a located problem in its
    /// period's cell, not a test (session 25: any decree setting it would set an exemption already
    /// over); a date after the test is recorded.
    func testAPeriodOverByTheDayOfTheTestIsAProblemNotATest() throws {
        for (period, recorded) in [("sampai 31 Desember 2025", false), ("sampai 31 Desember 2026", true)] {
            let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
            try Self.edit(url.path, [
                ["Uji Konsekuensi", "dinkes-0099", "Dasar Hukum (Pasal)", "UU 14/2008 Pasal 17 huruf b"],
                ["Uji Konsekuensi", "dinkes-0099", "Konsekuensi apabila Dibuka", "Persaingan usaha tidak sehat"],
                ["Uji Konsekuensi", "dinkes-0099", "Pertimbangan Kepentingan Publik", "Tidak lebih besar"],
                ["Uji Konsekuensi", "dinkes-0099", "Kesimpulan", "Dikecualikan seluruhnya"],
                ["Uji Konsekuensi", "dinkes-0099", "Jangka Waktu Pengecualian", period],
                ["Uji Konsekuensi", "dinkes-0099", "Tanggal Uji", "5 Januari 2026"],
            ])
            let d = try ReviewWorkbookReader.read(path: url.path)
            XCTAssertEqual(d.tests.map(\.itemID), recorded ? ["dinkes-0099"] : [], "\(period): \(d.problems)")
            let located = d.problems.first { $0.message.contains("sudah berakhir pada tanggal") }
            XCTAssertEqual(located != nil, !recorded, "\(d.problems)")
            if let located {
                XCTAssertEqual(located.columnName, "Jangka Waktu Pengecualian", "\(located)")
                // The last day withheld, as the test's own words say it (session 26), not the day after.
                XCTAssertTrue(located.message.contains("\"sampai 31 Desember 2025\" sudah berakhir pada tanggal 31 Desember 2025, "
                    + "sebelum tanggal uji 5 Januari 2026"), located.message)
            }
        }
    }

    /// A test row without its date is a located problem naming the Tanggal Uji cell and what to
    /// write, not a test (session 26): the berita acara opens with the day of the test, and a period
    /// "sampai …" over by that day went unnoticed until `dip approve`.
    func testATestWithoutItsDateIsAProblemNotATest() throws {
        for date in ["", "26/11/2026"] {
            let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
            try Self.edit(url.path, [
                ["Uji Konsekuensi", "dinkes-0099", "Dasar Hukum (Pasal)", "UU 14/2008 Pasal 17 huruf h angka 2"],
                ["Uji Konsekuensi", "dinkes-0099", "Konsekuensi apabila Dibuka", "Mengungkap diagnosis"],
                ["Uji Konsekuensi", "dinkes-0099", "Kesimpulan", "Dikecualikan seluruhnya"],
                ["Uji Konsekuensi", "dinkes-0099", "Jangka Waktu Pengecualian", "sampai 31 Desember 2025"],
                ["Uji Konsekuensi", "dinkes-0099", "Tanggal Uji", date],
            ])
            let d = try ReviewWorkbookReader.read(path: url.path)
            XCTAssertEqual(d.tests.map(\.itemID), [], "\(date): never recorded (undated, or its period over): \(d.problems)")
            let located = try XCTUnwrap(d.problems.first, date)
            if date.isEmpty {
                XCTAssertEqual(located.sheet, "Uji Konsekuensi")
                XCTAssertEqual(located.columnName, "Tanggal Uji", "\(located)")
                XCTAssertNotNil(located.column, "the cell is named by its column letter")
                XCTAssertGreaterThan(located.row ?? 0, 1)
                XCTAssertEqual(located.message, "Tanggal uji konsekuensi dinkes-0099 belum diisi; ujinya tidak dicatat.")
                XCTAssertTrue(located.hint.hasPrefix("Isi kolom Tanggal Uji dengan tanggal rapat Tim yang menguji"), located.hint)
            } else {
                XCTAssertEqual(located.columnName, "Jangka Waktu Pengecualian", "dated: its period is checked: \(located)")
            }
        }
        // Said before typing, above the test sheet (workbook and page).
        XCTAssertTrue(ReviewPage.html(try ReviewFixtures.input(), clock: ReviewFixtures.clock)
            .contains("Tanggal Uji wajib diisi dengan tanggal rapat Tim"), "review page, test section")
    }

    /// An exemption typed without its consequence or its period is a located problem, not a test:
    /// the classification decree's Lampiran states both for every exempted item.
    func testExemptionWithoutConsequenceOrPeriodIsAProblemNotATest() throws {
        for (consequence, period, column) in [("", "5 tahun", "Konsekuensi apabila Dibuka"), ("Mengungkap diagnosis", "", "Jangka Waktu Pengecualian")] {
            let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
            try Self.edit(url.path, [
                ["Uji Konsekuensi", "dinkes-0099", "Dasar Hukum (Pasal)", "UU 14/2008 Pasal 17 huruf h angka 2"],
                ["Uji Konsekuensi", "dinkes-0099", "Konsekuensi apabila Dibuka", consequence],
                ["Uji Konsekuensi", "dinkes-0099", "Pertimbangan Kepentingan Publik", "Tidak lebih besar"],
                ["Uji Konsekuensi", "dinkes-0099", "Kesimpulan", "Dikecualikan seluruhnya"],
                ["Uji Konsekuensi", "dinkes-0099", "Jangka Waktu Pengecualian", period],
            ])
            let d = try ReviewWorkbookReader.read(path: url.path)
            XCTAssertEqual(d.tests.map(\.itemID), [], column)
            let located = d.problems.first { $0.message.hasPrefix("Kesimpulan dikecualikan tanpa") }
            XCTAssertEqual(located?.columnName, column, "\(d.problems)")
        }
    }

    /// The tester's NIP is printed on the berita acara: one that is not 18 digits is a located
    /// problem; the printed form with spaces is read as the 18 digits.
    func testTesterNIPMustHaveEighteenDigits() throws {
        for (nip, recorded) in [("12345", false), ("1.98203152006042E+17", false), ("19820315 200604 2 011", true)] {
            let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
            try Self.edit(url.path, [
                ["Uji Konsekuensi", "dinkes-0099", "Dasar Hukum (Pasal)", "UU 14/2008 Pasal 17 huruf h angka 2"],
                ["Uji Konsekuensi", "dinkes-0099", "Konsekuensi apabila Dibuka", "Mengungkap diagnosis"],
                ["Uji Konsekuensi", "dinkes-0099", "Kesimpulan", "Dikecualikan seluruhnya"],
                ["Uji Konsekuensi", "dinkes-0099", "Jangka Waktu Pengecualian", "Permanen"],
                ["Uji Konsekuensi", "dinkes-0099", "Nama Penguji", "dr. Penguji"],
                ["Uji Konsekuensi", "dinkes-0099", "NIP Penguji", nip],
                ["Uji Konsekuensi", "dinkes-0099", "Tanggal Uji", "26/11/2026"],
            ])
            let d = try ReviewWorkbookReader.read(path: url.path)
            XCTAssertEqual(d.tests.map(\.itemID), recorded ? ["dinkes-0099"] : [], nip)
            XCTAssertEqual(d.problems.contains { $0.message.hasPrefix("NIP penguji") }, !recorded, "\(d.problems)")
            if recorded { XCTAssertEqual(d.tests.first?.test.tester?.nip, "198203152006042011") }
        }
    }

    /// The berita acara's number and the place of the meeting, when the reviewer fills them in,
    /// are recorded with the test; left empty they stay unrecorded (nil, not "").
    func testBeritaAcaraNumberAndPlaceAreReadWithTheTest() throws {
        for (number, place) in [("000.9/5/BA-UK/2026", "Ruang Rapat RSUD dr. Drajat Prawiranegara"), ("", "")] {
            let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
            try Self.edit(url.path, [
                ["Uji Konsekuensi", "dinkes-0099", "Dasar Hukum (Pasal)", "UU 14/2008 Pasal 17 huruf h angka 2"],
                ["Uji Konsekuensi", "dinkes-0099", "Konsekuensi apabila Dibuka", "Mengungkap diagnosis"],
                ["Uji Konsekuensi", "dinkes-0099", "Kesimpulan", "Dikecualikan seluruhnya"],
                ["Uji Konsekuensi", "dinkes-0099", "Jangka Waktu Pengecualian", "Permanen"],
                ["Uji Konsekuensi", "dinkes-0099", "Nomor Berita Acara", number],
                ["Uji Konsekuensi", "dinkes-0099", "Tempat Uji", place],
                ["Uji Konsekuensi", "dinkes-0099", "Tanggal Uji", "26/11/2026"],
            ])
            let d = try ReviewWorkbookReader.read(path: url.path)
            XCTAssertEqual(d.tests.map(\.itemID), ["dinkes-0099"], "\(d.problems)")
            XCTAssertEqual(d.tests.first?.test.beritaAcaraNumber, number.isEmpty ? nil : number)
            XCTAssertEqual(d.tests.first?.test.place, place.isEmpty ? nil : place)
        }
        // The review page says what an empty column means, in words ("tempat kosong: kota
        // keputusan" did not say whose city, nor when the number comes).
        let page = ReviewPage.html(try ReviewFixtures.input(), clock: ReviewFixtures.clock)
        XCTAssertTrue(page.contains("nomor yang diberikan setelah berita acara ditandatangani dapat dicatat kemudian"), "review page")
        XCTAssertTrue(page.contains("tanpa Tempat Uji berita acara memuat kota tempat keputusan ditetapkan"), "review page")
    }

    /// A test date typed the Indonesian way in the workbook is read as `dip test --tested-on`
    /// reads it ("5 Desember 2026" was refused: "Tulis tanggal seperti 26/11/2026").
    func testTestDateTypedInWordsIsRead() throws {
        for (typed, iso) in [("5 Desember 2026", "2026-12-05"), ("26 Nov 2026", "2026-11-26"), ("26/11/2026", "2026-11-26"),
                             ("2026-11-26", "2026-11-26")] {
            let date = try XCTUnwrap(ReviewWorkbookReader.date(.string(typed)), typed)
            XCTAssertEqual(ReviewFixtures.clock.isoDate(date), iso, typed)
        }
        XCTAssertNil(ReviewWorkbookReader.date(.string("kemarin")))
        XCTAssertNil(ReviewWorkbookReader.date(.string("31 Februari 2026")))
    }

    func testDecisionsFilledWithOpenpyxlAreReadBack() throws {
        let url = try Checkers.temporaryFile("p.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
        try Self.edit(url.path, [
            ["Berkala", "dinkes-0001", "Keputusan", "Setujui"],
            ["Berkala", "dinkes-0002", "Keputusan", "Kembalikan"],
            ["Berkala", "dinkes-0002", "Catatan", "Pisahkan profil pejabat dari struktur organisasi."],
            ["Berkala", "bpbd-0001", "Keputusan", "Kembalikan"], // no note: a problem
            ["Setiap Saat", Fixture.openItemsV3().first { $0.category == .setiapSaat }!.id, "Keputusan", "boleh"],
            ["Uji Konsekuensi", "dinkes-0099", "Informasi Spesifik yang Dikecualikan", "Nama dan diagnosis pasien"],
            ["Uji Konsekuensi", "dinkes-0099", "Dasar Hukum (Pasal)", "Pasal 17 huruf h angka 2 UU 14/2008"],
            ["Uji Konsekuensi", "dinkes-0099", "Konsekuensi apabila Dibuka", "Mengungkap rahasia pribadi"],
            ["Uji Konsekuensi", "dinkes-0099", "Pertimbangan Kepentingan Publik", "Tidak lebih besar"],
            ["Uji Konsekuensi", "dinkes-0099", "Kesimpulan", "Dikecualikan seluruhnya"],
            ["Uji Konsekuensi", "dinkes-0099", "Jangka Waktu Pengecualian", "25 tahun"],
            ["Uji Konsekuensi", "dinkes-0099", "Syarat Dibukanya Informasi", "Persetujuan pasien"],
            ["Uji Konsekuensi", "dinkes-0099", "Nama Penguji", "dr. Penguji"],
            ["Uji Konsekuensi", "dinkes-0099", "Tanggal Uji", "26/11/2026"],
            ["Uji Konsekuensi", "bpbd-0042", "Kesimpulan", "Terbuka"],
            ["Uji Konsekuensi", "bpbd-0042", "Tanggal Uji", "kemarin"],
        ])
        let d = try ReviewWorkbookReader.read(path: url.path)
        XCTAssertEqual(d.reviewer?.name, "Hj. Siti Pemeriksa, S.Sos.")
        XCTAssertEqual(d.reviewer?.nip, "197001012000032001")
        XCTAssertEqual(d.decisions.map(\.itemID), ["dinkes-0001", "dinkes-0002"])
        XCTAssertEqual(d.decisions.map(\.action), [.approve, .return])
        XCTAssertEqual(d.decisions[1].note, "Pisahkan profil pejabat dari struktur organisasi.")
        XCTAssertEqual(d.decisions[0].revision, Fixture.openItemsV3().first { $0.id == "dinkes-0001" }!.revision)

        XCTAssertEqual(d.tests.count, 1)
        let t = try XCTUnwrap(d.tests.first)
        XCTAssertEqual(t.itemID, "dinkes-0099")
        XCTAssertEqual(t.revision, 2)
        XCTAssertEqual(t.test.conclusion, .exemptWhole)
        XCTAssertEqual(t.test.grounds, ["17h2"])
        XCTAssertEqual(t.test.period, .years(25))
        XCTAssertEqual(t.test.tester?.name, "dr. Penguji")
        XCTAssertEqual(ReviewFixtures.clock.isoDate(t.test.testedOn), "2026-11-26")

        // Three unreadable rows, each located, in Indonesian.
        XCTAssertEqual(d.problems.count, 3, "\(d.problems)")
        let messages = d.problems.map { "\($0.sheet ?? "") \($0.row ?? 0) \($0.column ?? "") \($0.message)" }
        XCTAssertTrue(messages.contains { $0.hasPrefix("Berkala") && $0.contains("dikembalikan tanpa catatan") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("Setiap Saat") && $0.contains("'boleh' tidak dikenali") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("Uji Konsekuensi") && $0.contains("Tanggal uji 'kemarin'") }, "\(messages)")
        XCTAssertTrue(d.problems.allSatisfy { $0.row != nil && $0.column != nil })
    }

    func testOtherSpreadsheetIsNotTakenForAReviewWorkbook() throws {
        let bytes = try UpdateTemplate.blank(clock: ReviewFixtures.clock)
        let url = try Checkers.temporaryFile("lain.xlsx", bytes)
        XCTAssertThrowsError(try ReviewWorkbookReader.read(path: url.path)) { error in
            XCTAssertEqual(error as? ReviewWorkbookError, .notReviewWorkbook(file: "lain.xlsx"))
        }
        let junk = try Checkers.temporaryFile("rusak.xlsx", Array("bukan zip".utf8))
        XCTAssertThrowsError(try ReviewWorkbookReader.read(path: junk.path))
    }

    func testEmptyRegisterStillGivesAValidWorkbook() throws {
        let empty = ReviewInput(draft: nil, pending: [], diff: VersionDiff(from: nil, to: nil, added: [], changed: [],
                                reclassified: [], withdrawn: []), problemsByUnit: [:], completeness: nil)
        let url = try Checkers.temporaryFile("kosong.xlsx", try ReviewWorkbook.build(empty, clock: ReviewFixtures.clock))
        let r = try Checkers.run("check-xlsx", [url.path])
        XCTAssertEqual(r.status, 0, r.output)
        let d = try ReviewWorkbookReader.read(path: url.path)
        XCTAssertNil(d.draftVersion)
        XCTAssertTrue(d.problems.isEmpty && d.decisions.isEmpty && d.tests.isEmpty)
    }

    func testLegalBasisGroundsAreParsed() {
        XCTAssertEqual(ReviewWorkbookReader.grounds("Pasal 17 huruf h angka 2 dan 17a1"), ["17h2", "17a1"])
        XCTAssertEqual(ReviewWorkbookReader.grounds("UU 36/2009 tentang Kesehatan"), [])
    }

    func testReviewPageIsSelfContainedEscapedAndComplete() throws {
        let input = try ReviewFixtures.input()
        let html = ReviewPage.html(input, clock: ReviewFixtures.clock)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains("<html lang=\"id\">"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://"))
        XCTAssertTrue(html.contains("Data pribadi pasien &lt;rahasia&gt;"))
        XCTAssertFalse(html.contains("<rahasia>"))
        XCTAssertTrue(html.contains("Informasi yang Memerlukan Uji Konsekuensi"))
        XCTAssertTrue(html.contains("Kelengkapan Informasi Berkala"))
        XCTAssertTrue(html.contains("@media print"))
        for v in input.draft!.items { XCTAssertTrue(html.contains(v.id), v.id) }
        for p in input.pending { XCTAssertTrue(html.contains(p.itemID)) }
        let url = try Checkers.temporaryFile("index.html", Array(html.utf8))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/java") {
            let r = try Checkers.run("check-html", [url.path])
            XCTAssertEqual(r.status, 0, r.output)
        }
    }

    func unzipText(_ path: String, _ entry: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-p", path, entry]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
