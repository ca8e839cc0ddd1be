import DIPCore
import Foundation
import Intake
import OfficeFormats
import Rules
import Register
import TestSupport
import XCTest

@testable import Publish

/// Update template, unit feedback and per-unit consequence-test forms.
final class UnitDocumentsTests: XCTestCase {
    let clock = ReviewFixtures.clock

    func currentItems() -> [CurrentItem] {
        Fixture.openItemsV3().filter { $0.unit.code == "dinkes" }.map { v in
            var item = v.item
            item.kategoriText = v.category.shortLabel
            item.keterangan = "Catatan & <lampiran>"
            return CurrentItem(itemID: v.id, revision: v.revision, unit: v.unit, item: item,
                               classification: ReviewFixtures.classification(v.category), category: v.category,
                               subgroup: v.subgroup, state: "terbuka")
        }
    }

    func testTemplateReadsBackAsSubmissionWithIdsAndFieldsIntact() throws {
        let items = currentItems()
        let bytes = try UpdateTemplate.workbook(unit: Fixture.dinkes, items: items, clock: clock)
        let url = try Checkers.temporaryFile("templat-dinkes.xlsx", bytes)
        let r = try Checkers.run("check-xlsx", [url.path])
        XCTAssertEqual(r.status, 0, r.output)

        let result = readSubmission(at: url.path)
        XCTAssertEqual(result.status, .accepted, "\(result.problems)")
        XCTAssertEqual(result.sheet, "DIP")
        XCTAssertEqual(result.items.count, items.count, "blank rows must not become items")
        for (read, c) in zip(result.items, items) {
            XCTAssertEqual(read.kode, c.itemID)
            XCTAssertEqual(read.nomor, c.item.nomor)
            XCTAssertEqual(read.ringkasan, c.item.ringkasan)
            XCTAssertEqual(read.pejabatPenguasa, c.item.pejabatPenguasa)
            XCTAssertEqual(read.penanggungJawab, c.item.penanggungJawab)
            XCTAssertEqual(read.waktuPembuatan, c.item.waktuPembuatan)
            XCTAssertEqual(read.tempatPembuatan, c.item.tempatPembuatan)
            XCTAssertEqual(read.bentuk, c.item.bentuk)
            XCTAssertEqual(read.retensi, c.item.retensi)
            XCTAssertEqual(read.kategori, c.category)
            XCTAssertEqual(read.keterangan, "Catatan & <lampiran>")
        }
        // The id column is hidden; dropdowns for category and form; instructions in Indonesian.
        let strings = try XLSXWorkbook(path: url.path).sharedStrings().joined(separator: "\n")
        XCTAssertTrue(strings.contains("Petunjuk Pengisian Daftar Informasi Publik"))
        XCTAssertTrue(strings.contains(UpdateTemplate.idHeader))
        XCTAssertFalse(strings.contains("1/2010"), "the revoked Perki 1/2010 is not cited")
        // The unit's own folders, not "reports/unit/<kode perangkat daerah>/".
        XCTAssertTrue(strings.contains("letakkan di folder inbox/dinkes/. Hasil pemeriksaan ada di folder umpan balik unit Anda, "
            + "reports/unit/dinkes/."), strings)
        XCTAssertFalse(strings.contains("<kode perangkat daerah>"), strings)
        let wb = try XLSXWorkbook(path: url.path)
        XCTAssertEqual(wb.sheets.map(\.name), ["DIP", "Petunjuk"])
        // No and the summary stay in sight while the unit types in the columns to their right.
        XCTAssertEqual(UpdateTemplate.headers.firstIndex(of: "Ringkasan Isi Informasi"), 1)
        XCTAssertTrue(try unzip(url.path, "xl/worksheets/sheet1.xml").contains("<pane xSplit=\"2\" ySplit=\"1\" topLeftCell=\"C2\""))
        XCTAssertEqual(try UpdateTemplate.workbook(unit: Fixture.dinkes, items: items, clock: clock), bytes)
    }

    /// An item's link goes out in the template's link column and comes back unchanged.
    func testTemplateCarriesItemLinks() throws {
        var items = currentItems()
        items[0].item.tautan = "https://dinkes.serangkab.example/profil?tahun=2026&bagian=1"
        items[1].item.tautan = "javascript:alert(1)"
        let url = try Checkers.temporaryFile("templat-tautan.xlsx",
                                             try UpdateTemplate.workbook(unit: Fixture.dinkes, items: items, clock: clock))
        let result = readSubmission(at: url.path)
        XCTAssertEqual(result.status, .accepted, "\(result.problems)")
        XCTAssertEqual(result.items.first?.tautan, "https://dinkes.serangkab.example/profil?tahun=2026&bagian=1")
        XCTAssertEqual(result.items.dropFirst().map(\.tautan), Array(repeating: nil, count: items.count - 1))
        XCTAssertFalse(result.problems.contains { $0.code == "link-unsafe" })
    }

    func testBlankTemplatePassesCheckerAndReadsAsEmptyList() throws {
        let bytes = try UpdateTemplate.blank(clock: clock)
        let url = try Checkers.temporaryFile("TEMPLAT-DIP.xlsx", bytes)
        let r = try Checkers.run("check-xlsx", [url.path])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertEqual(readSubmission(at: url.path).items.count, 0)
        XCTAssertEqual(try UpdateTemplate.blank(clock: clock), bytes)
    }

    func feedbackInputs() -> (items: [InformationItem], problems: [Problem], notes: [ReturnNote], classes: [Classification]) {
        var items = Fixture.openItemsV3().filter { $0.unit.code == "dinkes" }.map(\.item)
        for i in items.indices { items[i].source.row = 5 + i }
        let problems = [
            Problem(file: "dinkes.xlsx", sheet: "DIP", row: 6, column: "F", columnName: "Bentuk", severity: .warning,
                    code: "bentuk_kosong", message: "Bentuk informasi kosong.", hint: "Isi Cetak atau Online."),
            Problem(file: "dinkes.xlsx", sheet: nil, row: nil, severity: .info, code: "sheet_lain",
                    message: "Sheet 'Rekap' tidak dibaca.", hint: ""),
        ]
        let notes = [ReturnNote(itemID: "dinkes-0002", revision: 1, nomor: items[1].nomor, ringkasan: items[1].ringkasan,
                                note: "Pisahkan profil pejabat.", by: "PPID Utama", at: clock.now)]
        let classes = items.map { _ in ReviewFixtures.classification(.berkala) }
        return (items, problems, notes, classes)
    }

    func testUnitFeedbackWorkbookAndPage() throws {
        var f = feedbackInputs()
        f.classes[0].subgroup = .A
        let bytes = try UnitFeedback.workbook(unit: Fixture.dinkes, items: f.items, problems: f.problems,
                                              returnNotes: f.notes, classifications: f.classes, clock: clock)
        let url = try Checkers.temporaryFile("dinkes.xlsx", bytes)
        let r = try Checkers.run("check-xlsx", [url.path])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertEqual(try XLSXWorkbook(path: url.path).sheets.map(\.name),
                       ["Ringkasan", "Daftar", "Masalah Berkas", "Untuk Diketahui", "Catatan PPID"])
        let daftar = try ReviewFixtures.rows(url.path, sheet: "Daftar")
        XCTAssertEqual(daftar.count, f.items.count + 1)
        // Row, number and summary stay in sight while the clerk scrolls right to the row's
        // problems (a 50–110 character explanation column stands between them, session 25).
        XCTAssertEqual(ReviewFixtures.text(daftar[0][2]), "Ringkasan Isi Informasi")
        XCTAssertTrue(try unzip(url.path, "xl/worksheets/sheet2.xml").contains("<pane xSplit=\"3\" ySplit=\"1\" topLeftCell=\"D2\""))
        // Row 6 holds the second item: its problem and the PPID's note are on its line.
        XCTAssertTrue(ReviewFixtures.text(daftar[2][6]).contains("Bentuk informasi kosong."))
        // The problem names its column, as the text feedback does ("baris 6, kolom F (Bentuk)"):
        // the row is the table's, the cell was the clerk's to guess (session 24).
        XCTAssertEqual(ReviewFixtures.text(daftar[2][6]), "• Kolom F (Bentuk): Bentuk informasi kosong. Saran: Isi Cetak atau Online.")
        XCTAssertTrue(ReviewFixtures.text(daftar[2][7]).contains("Pisahkan profil pejabat."))
        XCTAssertEqual(ReviewFixtures.text(daftar[1][6]), "")
        // A berkala sub-group is named, not left as a letter ("Berkala (B)").
        XCTAssertEqual(ReviewFixtures.text(daftar[1][4]),
                       "Berkala – sub-kelompok A (Informasi tentang Profil Badan Publik)")
        // An informational note is not a problem to fix: it has its own sheet.
        // A sheet with nothing to list says so under its headers (printed, headers alone read as
        // a page left blank by mistake), as the page does.
        let fileProblems = try ReviewFixtures.rows(url.path, sheet: "Masalah Berkas")
        XCTAssertEqual(fileProblems.map { $0.cells.map(ReviewFixtures.text).filter { !$0.isEmpty } }.last,
                       ["Tidak ada masalah pada berkas secara keseluruhan."])
        XCTAssertEqual(fileProblems.count, 2)
        let infos = try ReviewFixtures.rows(url.path, sheet: "Untuk Diketahui")
        XCTAssertEqual(infos.count, 2)
        XCTAssertEqual(ReviewFixtures.text(infos[1][2]), "Sheet 'Rekap' tidak dibaca.")
        // No problem codes or rule ids where unit staff read.
        let shown = try XLSXWorkbook(path: url.path).sharedStrings().joined(separator: "\n")
        XCTAssertFalse(shown.contains("sheet_lain") || shown.contains("bentuk_kosong") || shown.contains("Aturan "), shown)

        let html = UnitFeedback.html(unit: Fixture.dinkes, items: f.items, problems: f.problems,
                                     returnNotes: f.notes, classifications: f.classes, clock: clock)
        XCTAssertTrue(html.contains("Umpan Balik Daftar Informasi Publik – Dinas Kesehatan"))
        XCTAssertTrue(html.contains("Pisahkan profil pejabat."))
        XCTAssertTrue(html.contains("• Kolom F (Bentuk): Bentuk informasi kosong. Saran: Isi Cetak atau Online."), html)
        XCTAssertTrue(html.contains("Struktur organisasi dan profil pejabat &lt;eselon III&gt;"))
        XCTAssertTrue(html.contains("Perbaiki berkas Anda"), "a returned item and a warning ask for a correction")
        XCTAssertEqual(try UnitFeedback.workbook(unit: Fixture.dinkes, items: f.items, problems: f.problems,
                                                 returnNotes: f.notes, classifications: f.classes, clock: clock), bytes)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/java") {
            let page = try Checkers.temporaryFile("dinkes.html", Array(html.utf8))
            let h = try Checkers.run("check-html", [page.path])
            XCTAssertEqual(h.status, 0, h.output)
        }
    }

    /// A precedent's note reaches the unit without its corpus reference ("[sumber: repo:path]"),
    /// in the workbook and the page alike.
    func testUnitFeedbackShowsPrecedentsWithoutTheirSource() throws {
        var f = feedbackInputs()
        let note = "Preseden: mirip dengan 'Profil Pejabat' (kemiripan 63%) — diumumkan berkala oleh Kantor UPBU "
            + "Harun Thohir [sumber: hilmandr/bxwbawean:src/lib/ppid.constant.ts]."
        f.classes[0].notes = [note]
        let (bytes, html) = try UnitFeedback.documents(unit: Fixture.dinkes, items: f.items, problems: f.problems,
                                                       returnNotes: f.notes, classifications: f.classes, clock: clock)
        let url = try Checkers.temporaryFile("dinkes-preseden.xlsx", bytes)
        let shown = try XLSXWorkbook(path: url.path).sharedStrings().joined(separator: "\n")
        for text in [shown, html.replacingOccurrences(of: "&#39;", with: "'")] {
            XCTAssertTrue(text.contains("Judul mirip: 'Profil Pejabat' (kemiripan 63%) — diumumkan berkala oleh "
                + "Kantor UPBU Harun Thohir."), text)
            XCTAssertFalse(text.contains("sumber:") || text.contains("ppid.constant.ts"), text)
        }
    }

    /// A withheld precedent at 31 % beside an item nobody proposes to withhold does not reach
    /// the unit's workbook or page (it read as "your item looks withheld"); the review pack keeps it.
    func testUnitFeedbackLeavesOutAWeakWithheldPrecedent() throws {
        var f = feedbackInputs()
        f.classes[0].needsConsequenceTest = false
        f.classes[0].suggested = .berkala
        f.classes[0].notes = ["Preseden: mirip dengan 'Data Potensi Kerawanan IPOLEKSOSBUD' (kemiripan 31%) — dikecualikan "
            + "oleh Pemerintah Kabupaten Malang [sumber: a/b:c.php].", "Aturan PPID yang berlaku."]
        let (bytes, html) = try UnitFeedback.documents(unit: Fixture.dinkes, items: f.items, problems: f.problems,
                                                       returnNotes: f.notes, classifications: f.classes, clock: clock)
        let url = try Checkers.temporaryFile("dinkes-preseden-lemah.xlsx", bytes)
        let shown = try XLSXWorkbook(path: url.path).sharedStrings().joined(separator: "\n")
        for text in [shown, html] {
            XCTAssertFalse(text.contains("IPOLEKSOSBUD"), text)
            XCTAssertTrue(text.contains("Aturan PPID yang berlaku."), text)
        }
    }

    /// Another body's open title that shares a word or two with an item a rule explained is left
    /// out of the unit's feedback ("Peta Jabatan LLDikti Wilayah IV", 43 %, beside Kecamatan
    /// Cikande's profile and map, session 24); a title at the engine's strong level stays, and
    /// so do weak ones when no rule fired (they are then the only reason for the suggestion).
    func testUnitFeedbackLeavesOutAWeakOpenPrecedentBesideARule() throws {
        var f = feedbackInputs()
        let weak = "Preseden: mirip dengan 'Peta Jabatan LLDikti Wilayah IV' (kemiripan 43%) — tersedia setiap saat oleh "
            + "LLDikti Wilayah IV [sumber: a/b:c.php]."
        let near = "Preseden: mirip dengan 'Profil Kecamatan' (kemiripan 72%) — diumumkan berkala oleh Kecamatan Medan "
            + "Satria [sumber: a/b:d.php]."
        f.classes[0].notes = [weak, near]
        XCTAssertFalse(f.classes[0].hits.isEmpty)
        let (bytes, html) = try UnitFeedback.documents(unit: Fixture.dinkes, items: f.items, problems: f.problems,
                                                       returnNotes: f.notes, classifications: f.classes, clock: clock)
        let url = try Checkers.temporaryFile("dinkes-preseden-terbuka.xlsx", bytes)
        let shown = try XLSXWorkbook(path: url.path).sharedStrings().joined(separator: "\n")
        for text in [shown, html] {
            XCTAssertFalse(text.contains("LLDikti"), text)
            XCTAssertTrue(text.contains("Profil Kecamatan"), text)
        }
        var noRule = f.classes[0]
        noRule.hits = []
        XCTAssertEqual(UnitFeedback.unitNotes(noRule).filter { $0.contains("LLDikti") }.count, 1)
    }

    /// No rule fired and dip keeps the category the unit wrote: other bodies' open titles under
    /// the strong level share a word or two and ask nothing (the legal walk's "Rekapitulasi
    /// jumlah penerima bantuan sosial per desa Tahun 2025", setiap saat, read three: 43 % serta
    /// merta, 38 % and 33 % berkala, session 25). The unit reads that its category is followed;
    /// a strong title stays; when dip suggests another category the titles are its reason and stay.
    func testUnitFeedbackLeavesOutWeakOpenTitlesWhenTheUnitsCategoryStands() throws {
        let weak = ["Preseden: mirip dengan 'Informasi Bantuan Sosial penanganan Covid-19' (kemiripan 43%) — "
                        + "diumumkan serta merta oleh RSUD Kebayoran Lama [sumber: a/b:c.php].",
                    "Preseden: mirip dengan 'jumlah permohonan informasi publik yang diterima' (kemiripan 38%) — "
                        + "diumumkan berkala oleh 2 badan publik."]
        let strong = "Preseden: mirip dengan 'Rekapitulasi penerima bantuan sosial per desa' (kemiripan 72%) — "
            + "tersedia setiap saat oleh Dinas Sosial Kabupaten Contoh."
        var c = Classification(declared: .setiapSaat, suggested: .setiapSaat, subgroup: nil, needsConsequenceTest: false,
                               exemptionGrounds: [], needsReview: false, missingLegalBasis: false, hits: [], notes: weak)
        XCTAssertEqual(UnitFeedback.unitNotes(c), [])
        XCTAssertEqual(UnitFeedback.plainExplanation(c, citations: .builtIn), "Mengikuti kategori yang Anda isi.")
        c.notes = weak + [strong]
        XCTAssertEqual(UnitFeedback.unitNotes(c).count, 1)
        XCTAssertTrue(UnitFeedback.unitNotes(c)[0].contains("Rekapitulasi penerima bantuan sosial per desa"))
        // dip suggests berkala against the unit's setiap saat, or the unit wrote no category:
        // the titles are the only reason for the suggestion, and the unit sees them.
        c.notes = weak
        c.suggested = .berkala
        XCTAssertEqual(UnitFeedback.unitNotes(c).count, 2)
        c.declared = nil
        XCTAssertEqual(UnitFeedback.unitNotes(c).count, 2)
        // The page and the workbook follow the same notes.
        var f = feedbackInputs()
        var kept = c
        kept.declared = .setiapSaat
        kept.suggested = .setiapSaat
        f.classes[0] = kept
        let (bytes, html) = try UnitFeedback.documents(unit: Fixture.dinkes, items: f.items, problems: f.problems,
                                                       returnNotes: f.notes, classifications: f.classes, clock: clock)
        let url = try Checkers.temporaryFile("dinkes-judul-lemah.xlsx", bytes)
        let shown = try XLSXWorkbook(path: url.path).sharedStrings().joined(separator: "\n")
        for text in [shown, html] {
            XCTAssertFalse(text.contains("Covid-19"), text)
            XCTAssertFalse(text.contains("jumlah permohonan"), text)
            XCTAssertTrue(text.contains("Mengikuti kategori yang Anda isi."), text)
        }
    }

    /// Feedback on a clean list says so; each file's status is stated in the workbook and the page.
    func testFeedbackWithNothingToFixSaysSoAndStatesFileStatus() throws {
        let f = feedbackInputs()
        let infoOnly = f.problems.filter { $0.severity == .info }
        let files = [FeedbackFile(fileName: "dinkes.xlsx", status: .accepted, detail: "4 informasi dibaca."),
                     FeedbackFile(fileName: "lama.xls", status: .refused, detail: "Format .xls lama tidak dapat dibaca.")]
        let html = UnitFeedback.html(unit: Fixture.dinkes, items: f.items, problems: infoOnly, returnNotes: [],
                                     classifications: f.classes, files: [files[0]], clock: clock)
        XCTAssertTrue(html.contains("Tidak ada yang perlu diperbaiki."), html)
        XCTAssertFalse(html.contains("Perbaiki berkas Anda"), html)
        XCTAssertTrue(html.contains("DITERIMA"), html)
        let bytes = try UnitFeedback.workbook(unit: Fixture.dinkes, items: f.items, problems: infoOnly, returnNotes: [],
                                              classifications: f.classes, files: files, clock: clock)
        let url = try Checkers.temporaryFile("dinkes-status.xlsx", bytes)
        let summary = try ReviewFixtures.rows(url.path, sheet: "Ringkasan").map { $0.cells.map(ReviewFixtures.text) }
        XCTAssertTrue(summary.contains(["lama.xls", "DITOLAK", "Format .xls lama tidak dapat dibaca."]), "\(summary)")
        XCTAssertTrue(summary.contains(["dinkes.xlsx", "DITERIMA", "4 informasi dibaca."]), "\(summary)")
        XCTAssertTrue(summary.joined().joined().contains("Perbaiki berkas Anda"), "a refused file asks for a new one")
    }

    func testConsequenceTestFormsPerUnit() throws {
        let files = try ConsequenceTestForm.documentsPerUnit(
            pending: ReviewFixtures.pending(), settings: .kabupatenSerang, citations: .builtIn, clock: clock)
        XCTAssertEqual(files.map(\.fileName), ["uji-konsekuensi-bpbd.docx", "uji-konsekuensi-dinkes.docx"])
        let url = try Checkers.temporaryFile(files[1].fileName, files[1].bytes)
        let r = try Checkers.run("check-docx", [url.path])
        XCTAssertEqual(r.status, 0, r.output)
        let xml = try unzip(url.path, "word/document.xml")
        XCTAssertTrue(xml.contains("dinkes-0099 (revisi 2)"))
        XCTAssertTrue(xml.contains("Rekam medis pasien &amp; hasil laboratorium"))
        XCTAssertFalse(xml.contains("bpbd-0042"))
        XCTAssertEqual(try ConsequenceTestForm.documentsPerUnit(
            pending: ReviewFixtures.pending(), settings: .kabupatenSerang, citations: .builtIn, clock: clock), files)
    }

    func unzip(_ path: String, _ entry: String) throws -> String {
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
