import DIPCore
import Foundation
import XCTest

@testable import Pipeline
import Publish
@testable import Register
import Rules
import TestSupport

/// The unit's feedback text counts a summary of alike problems for the rows it stands for.
final class AlikeProblemsReportTests: XCTestCase {
    func testFeedbackTextCountsTheRowsASummaryStandsFor() {
        let one = Problem(file: "d.csv", row: 2, column: "C", severity: .warning, code: "missing-value",
                          message: "Kolom pejabat kosong.", hint: "Isi.")
        var summary = Problem(file: "d.csv", row: 202, column: "C", severity: .warning, code: "missing-value",
                              message: "… dan 100 baris lain (baris 202–301) juga tanpa isi.", hint: "Isi kolom itu.")
        summary.alsoInRows = 100
        let outcome = FileOutcome(unit: "dinkes", fileName: "d.csv", sha256: "x", status: .accepted,
                                  items: [], problems: [one, summary])
        let text = FeedbackReport.text(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), outcomes: [outcome],
                                       clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertTrue(text.contains("Masalah yang perlu diperbaiki (101):"), text)
        // The summary names its first row only (its runs are not recorded): "antara lain".
        XCTAssertEqual(FeedbackReport.file(outcome).detail, "0 informasi dibaca. 101 hal perlu diperbaiki, antara lain pada baris 2, 202.")
    }

    /// Counts a unit reads are grouped the Indonesian way: a 20,000-row list read
    /// "20000 informasi dibaca" and "Masalah yang perlu diperbaiki (14666)" beside the
    /// summary's own "6.466 baris lain".
    func testCountsAreGroupedWithFullStops() {
        let items = (2...1_201).map(RepeatedFeedbackTests.item)
        var summary = Problem(file: "d.csv", row: 202, column: "C", severity: .warning, code: "missing-value",
                              message: "… dan 1.000 baris lain (baris 202–1201) juga tanpa isi.", hint: "Isi kolom itu.")
        summary.alsoInRows = 1_000
        let alike = (2...201).map {
            Problem(file: "d.csv", row: $0, column: "C", columnName: "Pejabat", severity: .warning, code: "missing-value",
                    message: "Kolom pejabat kosong.", hint: "Isi.")
        }
        let outcome = FileOutcome(unit: "dinkes", fileName: "d.csv", sha256: "x", status: .accepted,
                                  items: items, problems: alike + [summary])
        let text = FeedbackReport.text(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), outcomes: [outcome],
                                       clock: RepeatedFeedbackTests.clock)
        XCTAssertTrue(text.contains("Status: DITERIMA. 1.200 informasi dibaca."), text)
        XCTAssertTrue(text.contains("Masalah yang perlu diperbaiki (1.200):"), text)
        XCTAssertEqual(FeedbackReport.file(outcome).detail,
                       "1.200 informasi dibaca. 1.200 hal perlu diperbaiki, antara lain pada baris 2–202.")
    }

    /// The file's status in the page and the workbook says on which rows its problems are: both
    /// list every row of the file, and a clerk with a long list and a few rows to fix read it
    /// all to find them (session 25). Every row a summary names counts; notes worth knowing and
    /// problems of the whole file name no row; past ten runs of rows, "antara lain".
    func testFileStatusNamesTheRowsToFix() {
        func outcome(_ problems: [Problem]) -> FileOutcome {
            FileOutcome(unit: "dinkes", fileName: "d.xlsx", sha256: "x", status: .accepted, items: [], problems: problems)
        }
        func problem(_ row: Int?, _ severity: Severity = .warning) -> Problem {
            Problem(file: "d.xlsx", sheet: "DIP", row: row, column: "E", severity: severity, code: "waktu-sesudah-diterima",
                    message: "Waktu pembuatan jatuh sesudah tanggal berkas ini diterima.", hint: "Periksa tahunnya.")
        }
        var summary = problem(20)
        summary.alsoInRows = 11
        summary.summarisedRows = [20...30]
        let note = problem(3, .info)
        let whole = problem(nil, .error)
        XCTAssertEqual(FeedbackReport.file(outcome([problem(15), note])).detail,
                       "0 informasi dibaca. 1 hal perlu diperbaiki, pada baris 15.")
        XCTAssertEqual(FeedbackReport.file(outcome([problem(15), summary, problem(9)])).detail,
                       "0 informasi dibaca. 13 hal perlu diperbaiki, pada baris 9, 15, 20–30.")
        XCTAssertEqual(FeedbackReport.file(outcome([whole])).detail, "0 informasi dibaca. 1 hal perlu diperbaiki.")
        XCTAssertEqual(FeedbackReport.file(outcome([note])).detail, "0 informasi dibaca. Tidak ada yang perlu diperbaiki.")
        let many = stride(from: 2, through: 24, by: 2).map { problem($0) }
        XCTAssertEqual(FeedbackReport.file(outcome(many)).detail,
                       "0 informasi dibaca. 12 hal perlu diperbaiki, antara lain pada baris 2, 4, 6, 8, 10, 12, 14, 16, 18, 20.")
    }
}

/// Session 19: a 20,000-row list made 11 MB of feedback text (16–23 MB with the page), the
/// same problem with its two-line hint and the same notes on row after row. The same problem
/// is said once with every row it is on; a note on many rows is written once with a code that
/// each row names. No row loses a message.
final class RepeatedFeedbackTests: XCTestCase {
    static let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))

    static func item(_ row: Int) -> InformationItem {
        InformationItem(
            source: SourceLocation(file: "d.csv", sheet: nil, row: row), nomor: "\(row - 1)", ringkasan: "Laporan \(row)",
            pejabatPenguasa: "Bidang", penanggungJawab: "", waktuPembuatan: "2025", tempatPembuatan: "Serang",
            bentuk: "Cetak", retensi: "5 tahun", kategoriText: "Berkala", kategori: .berkala,
            form: InformationForm(printed: true, electronic: false), retention: .years(5))
    }

    func testTheSameProblemOnManyRowsIsSaidOnceWithEveryRow() {
        let rows = [2, 3, 4, 7, 9, 10]
        var problems = rows.map {
            Problem(file: "d.csv", row: $0, column: "D", columnName: "Penanggung Jawab", severity: .warning,
                    code: "missing-value", message: "Kolom penanggung jawab kosong.", hint: "Isi penanggung jawabnya.")
        }
        problems.append(Problem(file: "d.csv", row: 5, column: "E", columnName: "Waktu", severity: .error,
                                code: "bad-date", message: "Tanggal '13/13/2025' tidak dikenal.", hint: "Tulis tanggal yang benar."))
        let outcome = FileOutcome(unit: "dinkes", fileName: "d.csv", sha256: "x", status: .accepted, items: [],
                                  problems: problems)
        let text = FeedbackReport.text(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), outcomes: [outcome],
                                       clock: Self.clock)
        XCTAssertTrue(text.contains("Masalah yang perlu diperbaiki (7):"), text)
        XCTAssertTrue(text.contains("  1. [PERINGATAN] kolom D (Penanggung Jawab), 6 baris: Kolom penanggung jawab kosong.\n"
            + "     Baris: 2–4, 7, 9, 10.\n     Yang perlu dilakukan: Isi penanggung jawabnya.\n"), text)
        XCTAssertTrue(text.contains("  2. [GALAT] baris 5, kolom E (Waktu): Tanggal '13/13/2025' tidak dikenal.\n"), text)
        XCTAssertEqual(text.components(separatedBy: "Isi penanggung jawabnya.").count, 2, "the hint once: \(text)")
    }

    /// A row inside "Baris: 2–4, …" cannot be searched for in the text: each item names the
    /// numbers of its own problems, and a summary whose rows are only in its text is said as
    /// such instead of leaving those rows looking clean.
    func testEachItemNamesItsProblemsInTheListAbove() {
        let items = (2...12).map(Self.item)
        var problems = [2, 3, 4, 7, 9, 10].map {
            Problem(file: "d.csv", row: $0, column: "D", columnName: "Penanggung Jawab", severity: .warning,
                    code: "missing-value", message: "Kolom penanggung jawab kosong.", hint: "Isi penanggung jawabnya.")
        }
        problems.append(Problem(file: "d.csv", row: 3, column: "E", columnName: "Waktu", severity: .error,
                                code: "bad-date", message: "Tanggal '13/13/2025' tidak dikenal.", hint: "Tulis tanggal yang benar."))
        problems.append(Problem(file: "d.csv", row: 4, column: "I", columnName: "Jenis", severity: .info,
                                code: "no-category", message: "Jenis informasi tidak dinyatakan.", hint: ""))
        let outcome = FileOutcome(unit: "dinkes", fileName: "d.csv", sha256: "x", status: .accepted, items: items,
                                  problems: problems)
        let unit = WorkUnit(code: "dinkes", name: "Dinas Kesehatan")
        let text = FeedbackReport.text(unit: unit, outcomes: [outcome], clock: Self.clock)
        XCTAssertTrue(text.contains("  2. [GALAT] baris 3, kolom E (Waktu): Tanggal '13/13/2025' tidak dikenal.\n"), text)
        XCTAssertTrue(text.contains("  - baris 3, no. 2: Laporan 3 [Berkala]\n      Perlu diperbaiki: lihat masalah nomor 1 dan 2 di atas.\n"), text)
        XCTAssertTrue(text.contains("  - baris 10, no. 9: Laporan 10 [Berkala]\n      Perlu diperbaiki: lihat masalah nomor 1 di atas.\n"), text)
        XCTAssertTrue(text.contains("  - baris 5, no. 4: Laporan 5 [Berkala]\n  - baris 6,"), "a row without problems: \(text)")
        XCTAssertFalse(text.contains("tidak ditandai satu per satu"), text)
        // Rows a summary stands for are named only in its text: the list says so.
        var summary = Problem(file: "d.csv", row: 11, column: "D", columnName: "Penanggung Jawab", severity: .warning,
                              code: "missing-value", message: "… dan 2 baris lain (baris 11, 12) juga tanpa isi.", hint: "Isi.")
        summary.alsoInRows = 2
        var summarised = outcome
        summarised.problems.append(summary)
        let withSummary = FeedbackReport.text(unit: unit, outcomes: [summarised], clock: Self.clock)
        XCTAssertTrue(withSummary.contains("Informasi yang diterima:\n  (Baris yang tercantum dalam masalah nomor 3 di atas "
            + "tidak ditandai satu per satu di bawah ini; periksa daftar barisnya di sana.)\n"), withSummary)
        XCTAssertTrue(withSummary.contains("  - baris 11, no. 10: Laporan 11 [Berkala]\n  - baris 12"), withSummary)
    }

    func testANoteOnManyRowsIsWrittenOnceAndEveryRowNamesIt() throws {
        let count = RepeatedNotes.minimumRows + 2
        let items = (2..<(2 + count)).map(Self.item)
        let shared = "Preseden: mirip dengan 'Laporan Keuangan' (kemiripan 61%) — diumumkan berkala oleh 5 badan publik."
        let shown = UnitFeedback.unitNote(shared)
        let classes = items.enumerated().map { n, item in
            Classification(declared: .berkala, suggested: .berkala, subgroup: nil, needsConsequenceTest: false,
                           exemptionGrounds: [], needsReview: false, missingLegalBasis: false, hits: [],
                           notes: [shared, "Catatan khusus untuk \(item.ringkasan) yang hanya ada di baris ini saja."])
        }
        var outcome = FileOutcome(unit: "dinkes", fileName: "d.csv", sha256: "x", status: .accepted, items: items, problems: [])
        outcome.classifications = classes
        let text = FeedbackReport.text(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), outcomes: [outcome],
                                       clock: Self.clock)
        XCTAssertEqual(text.components(separatedBy: shown).count, 2, "the shown note once: \(text)")
        XCTAssertTrue(text.contains("  C1 (\(count) baris): \(shown)\n"), text)
        for item in items {
            XCTAssertTrue(text.contains("  - baris \(item.source.row), no. \(item.nomor): \(item.ringkasan) [Berkala]\n"
                + "      Catatan berulang: C1.\n      Catatan: Catatan khusus untuk \(item.ringkasan) yang hanya"), text)
        }
        // A short list keeps every note on its row.
        var short = outcome
        short.items = Array(items.prefix(RepeatedNotes.minimumRows - 1))
        short.classifications = Array(classes.prefix(RepeatedNotes.minimumRows - 1))
        let shortText = FeedbackReport.text(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), outcomes: [short],
                                            clock: Self.clock)
        XCTAssertFalse(shortText.contains("Catatan berulang"), shortText)
        XCTAssertEqual(shortText.components(separatedBy: "Catatan: \(shown)").count, RepeatedNotes.minimumRows, shortText)
    }
}

extension RepeatedFeedbackTests {
    /// Session 19: the page coded the explanation and problem columns (C1 = "Kolom penanggung
    /// jawab kosong …"), the text only the notes (C1 = a precedent): a PPID saying "catatan C1"
    /// meant another line than the unit read. The text now takes the page's codes.
    func testTheTextCitesANoteByThePagesCode() throws {
        let count = RepeatedNotes.minimumRows + 2
        let items = (2..<(2 + 2 * count)).map(Self.item)
        // The first rows carry only a problem, the later ones only a note: the page codes the
        // problem first.
        let problems = items.prefix(count).map {
            Problem(file: "d.csv", row: $0.source.row, column: "D", columnName: "Penanggung Jawab", severity: .warning,
                    code: "missing-value", message: "Kolom penanggung jawab kosong.", hint: "Isi penanggung jawabnya.")
        }
        let shared = "Preseden: mirip dengan 'Laporan Keuangan' (kemiripan 61%) — diumumkan berkala oleh 5 badan publik."
        let shown = UnitFeedback.unitNote(shared)
        let classes = items.enumerated().map { n, _ in
            Classification(declared: .berkala, suggested: .berkala, subgroup: nil, needsConsequenceTest: false,
                           exemptionGrounds: [], needsReview: false, missingLegalBasis: false, hits: [],
                           notes: n < count ? [] : [shared])
        }
        var outcome = FileOutcome(unit: "dinkes", fileName: "d.csv", sha256: "x", status: .accepted, items: items,
                                  problems: problems)
        outcome.classifications = classes
        let unit = WorkUnit(code: "dinkes", name: "Dinas Kesehatan")
        let documents = try UnitFeedback.feedbackDocuments(
            unit: unit, items: items, problems: problems, returnNotes: [], classifications: classes, clock: Self.clock)
        XCTAssertEqual(documents.codes.code("• Kolom D (Penanggung Jawab): Kolom penanggung jawab kosong. Saran: Isi penanggung jawabnya."), "C1")
        XCTAssertEqual(documents.codes.code(shown), "C2")
        XCTAssertTrue(documents.page.contains(">C2</td>"), "the page lists C2")
        let text = FeedbackReport.text(unit: unit, outcomes: [outcome], clock: Self.clock, codes: documents.codes)
        XCTAssertTrue(text.contains("  C2 (\(count) baris): \(shown)\n"), text)
        XCTAssertFalse(text.contains("  C1 ("), "C1 is the page's problem line, said by number in the text: \(text)")
        let last = items.last!
        XCTAssertTrue(text.contains("  - baris \(last.source.row), no. \(last.nomor): \(last.ringkasan) [Berkala]\n"
            + "      Catatan berulang: C2.\n"), text)
        // A second file of the run, not on the page: its own repeated note gets a code after the page's.
        let other = "Catatan lain yang berulang pada berkas kedua unit ini, cukup panjang untuk diberi kode."
        var second = FileOutcome(unit: "dinkes", fileName: "e.csv", sha256: "y", status: .accepted, items: items, problems: [])
        second.classifications = classes.map { c in var c = c; c.notes = [other, shared]; return c }
        let both = FeedbackReport.text(unit: unit, outcomes: [outcome, second], clock: Self.clock, codes: documents.codes)
        XCTAssertTrue(both.contains("  C3 (\(2 * count) baris): \(other)\n"), both)
        XCTAssertTrue(both.contains("  C2 (\(2 * count) baris): \(shown)\n"), both)
    }
}

/// What unit staff read of a precedent: the sentence, not the corpus reference after it
/// ("[sumber: owner/repo:src/app/(flight)/page.tsx]" meant nothing to them).
final class UnitFeedbackNoteTests: XCTestCase {
    /// An open item (a BPBD's hazard map) whose notes the tests vary.
    static let hazardMap = InformationItem(
        source: SourceLocation(file: "d.xlsx", sheet: "DIP", row: 4), nomor: "1", ringkasan: "Peta rawan bencana",
        pejabatPenguasa: "Bidang Pencegahan", penanggungJawab: "Kepala Pelaksana", waktuPembuatan: "2025",
        tempatPembuatan: "Serang", bentuk: "Cetak", retensi: "5 tahun", kategoriText: "Berkala",
        kategori: .berkala, form: InformationForm(printed: true, electronic: false), retention: .years(5))

    func testFeedbackTextShowsPrecedentsWithoutTheirSource() {
        let item = Self.hazardMap
        // At 65 %: a weaker open title beside a category dip keeps is not shown at all (session 25).
        let note = "Preseden: mirip dengan 'Peta Jabatan' (kemiripan 65%) — tersedia setiap saat oleh Kantor UPBU "
            + "Tardamu [sumber: ilhamaditya2626/bandaratardamuweb:src/app/(flight)/layanan-[id]/page.tsx]."
        let c = Classification(declared: .berkala, suggested: .berkala, subgroup: nil, needsConsequenceTest: false,
                               exemptionGrounds: [], needsReview: false, missingLegalBasis: false, hits: [],
                               notes: [note, "Aturan PPID yang berlaku."])
        var outcome = FileOutcome(unit: "bpbd", fileName: "d.xlsx", sha256: "x", status: .accepted, items: [item], problems: [])
        outcome.classifications = [c]
        let text = FeedbackReport.text(unit: WorkUnit(code: "bpbd", name: "BPBD"), outcomes: [outcome],
                                       clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertTrue(text.contains("Catatan: Judul mirip: 'Peta Jabatan' (kemiripan 65%) — tersedia setiap saat "
            + "oleh Kantor UPBU Tardamu.\n"), text)
        XCTAssertTrue(text.contains("Catatan: Aturan PPID yang berlaku.\n"), text)
        XCTAssertFalse(text.contains("sumber") || text.contains("page.tsx"), text)
    }

    /// A title with a line break (a quoted CSV cell: "Agenda kegiatan Kecamatan;\nMusrenbang …")
    /// put its second line at the left margin of the .txt, outside the list; it is one line now.
    func testATitleWithALineBreakStaysOnItsListLine() {
        var item = Self.hazardMap
        item.ringkasan = "Agenda kegiatan Kecamatan;\nMusrenbang tingkat kecamatan"
        let outcome = FileOutcome(unit: "bpbd", fileName: "d.csv", sha256: "x", status: .accepted, items: [item], problems: [])
        let text = FeedbackReport.text(unit: WorkUnit(code: "bpbd", name: "BPBD"), outcomes: [outcome],
                                       clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertTrue(text.contains(": Agenda kegiatan Kecamatan; Musrenbang tingkat kecamatan ["), text)
        XCTAssertFalse(text.contains("\nMusrenbang"), text)
    }

    /// Two notes meant for the PPID reached unit clerks: withheld precedents "tidak dipakai karena
    /// teks memuat "standar" (penanda informasi terbuka, kamus.yaml)" (precedents the unit is not
    /// shown, and a rules file), and the PPID's own precedent's "[register: uji konsekuensi …,
    /// 2026-03-02]". The review pack keeps both.
    func testUnitIsNotToldOfSetAsidePrecedentsOrRegisterReferences() {
        let setAside = Classifier.setAsideNotePrefix + " teks memuat \"standar\" (penanda informasi terbuka, kamus.yaml)."
        let own = "Keputusan PPID sendiri: mirip dengan 'Standar pelayanan kecamatan' (kemiripan 80%) — tersedia setiap saat "
            + "[register: uji konsekuensi kec-cikande-0003, 2026-03-02]."
        let c = Classification(declared: .setiapSaat, suggested: .setiapSaat, subgroup: nil, needsConsequenceTest: false,
                               exemptionGrounds: [], needsReview: false, missingLegalBasis: false, hits: [],
                               notes: [setAside, own])
        XCTAssertEqual(UnitFeedback.unitNotes(c), [
            "Keputusan PPID atas judul mirip 'Standar pelayanan kecamatan' (kemiripan 80%) — tersedia setiap saat.",
        ])
        // The PPID's decision on the same title (the row's own approval, after an update) is not
        // said as a look-alike of itself at 100 % (session 26).
        let same = "Keputusan PPID sendiri: mirip dengan 'Standar pelayanan kecamatan' (kemiripan 100%) — tersedia setiap saat "
            + "[register: persetujuan kec-cikande-0003, 2026-01-02]."
        let approved = Classification(declared: .setiapSaat, suggested: .setiapSaat, subgroup: nil, needsConsequenceTest: false,
                                      exemptionGrounds: [], needsReview: false, missingLegalBasis: false, hits: [], notes: [same])
        XCTAssertEqual(UnitFeedback.unitNotes(approved), ["Keputusan PPID atas judul yang sama: tersedia setiap saat."])
        XCTAssertEqual(UnitFeedback.unitNotes(approved, title: "STANDAR PELAYANAN KECAMATAN 2026"),
                       ["Keputusan PPID atas judul yang sama: tersedia setiap saat."])
        // A decision at 100 % on another unit's wording (the PPID's decisions are compared
        // without units' names, docs/classification.md §53) is quoted, not called the same title.
        XCTAssertEqual(UnitFeedback.unitNotes(approved, title: "Standar pelayanan Kecamatan Ciruas"),
                       ["Keputusan PPID atas judul mirip 'Standar pelayanan kecamatan' (kemiripan 100%) — tersedia setiap saat."])
        XCTAssertEqual(c.notes.count, 2, "the classification itself keeps every note")
    }

    /// A withheld precedent at 33 % beside an open item nobody proposes to withhold is not
    /// shown to the unit (it read as "your item looks withheld"); when the item's flag came
    /// from withheld precedents, their note stays. The classification keeps every note.
    func testUnitSeesAWithheldPrecedentOnlyWhenItSupportsTheFlag() {
        let item = Self.hazardMap
        let weak = "Preseden: mirip dengan 'Data Potensi Kerawanan IPOLEKSOSBUD' (kemiripan 33%) — dikecualikan oleh "
            + "Pemerintah Kabupaten Malang [sumber: a/b:c.php]."
        let open = "Preseden: mirip dengan 'Peta Bencana' (kemiripan 34%) — diumumkan berkala oleh BPBD Serang [sumber: a/b:d.php]."
        let quiet = Classification(declared: .berkala, suggested: .berkala, subgroup: nil, needsConsequenceTest: false,
                                   exemptionGrounds: [], needsReview: false, missingLegalBasis: false, hits: [],
                                   notes: [weak, open])
        let flagging = "Preseden: mirip dengan 'Data Kerawanan Bencana Sosial' (kemiripan 52%) — dikecualikan oleh "
            + "Pemerintah Kabupaten Malang, Pasal 17 huruf c [sumber: a/b:e.php]."
        let flagged = Classification(declared: .berkala, suggested: .berkala, subgroup: nil, needsConsequenceTest: true,
                                     exemptionGrounds: ["17c"], needsReview: true, missingLegalBasis: false, hits: [],
                                     notes: [flagging, "Dinyatakan terbuka (berkala) tetapi informasi yang mirip dikecualikan."])
        var outcome = FileOutcome(unit: "bpbd", fileName: "d.xlsx", sha256: "x", status: .accepted,
                                  items: [item, item], problems: [])
        outcome.classifications = [quiet, flagged]
        let text = FeedbackReport.text(unit: WorkUnit(code: "bpbd", name: "BPBD"), outcomes: [outcome],
                                       clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertFalse(text.contains("IPOLEKSOSBUD"), text)
        // The weak open title beside it asks nothing either: no rule fired and dip keeps the
        // unit's berkala (session 25); the item reads that its category is followed.
        XCTAssertFalse(text.contains("Peta Bencana' (kemiripan 34%)"), text)
        XCTAssertEqual(quiet.notes.count, 2, "the classification itself keeps every note")
        XCTAssertTrue(text.contains("Catatan: Judul mirip: 'Data Kerawanan Bencana Sosial' (kemiripan 52%) — "
            + "dikecualikan oleh Pemerintah Kabupaten Malang, Pasal 17 huruf c.\n"), text)
        // At the engine's strong level (60 %) a withheld precedent asks for review: it stays.
        var strong = quiet
        strong.notes = [weak.replacingOccurrences(of: "33%", with: "60%")]
        XCTAssertEqual(UnitFeedback.unitNotes(strong).count, 1)
        XCTAssertEqual(quiet.notes.count, 2, "the classification itself keeps every note")
    }

    /// The terminal's "Selesai: …" line and the held-list notices group their counts as the
    /// feedback does ("14.666 masalah", not "14666 masalah").
    func testRunSummaryAndHeldNoticesGroupTheirCounts() throws {
        var summary = Problem(file: "d.csv", row: 2, column: "C", severity: .warning, code: "missing-value",
                              message: "Kolom pejabat kosong.", hint: "Isi.")
        summary.alsoInRows = 14_666
        var run = RunSummary()
        run.outcomes = [FileOutcome(unit: "dinkes", fileName: "d.csv", sha256: "x", status: .accepted,
                                    items: [], problems: [summary])]
        XCTAssertEqual(run.terminalLine, "Selesai: 1 diterima, 0 ditolak, 0 sama dengan sebelumnya, 14.666 masalah.")

        let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
        let hold = HeldSubmission(id: 1, unit: "dinkes", sha256: "x", fileName: "d.xlsx", archivedPath: "archive/d.xlsx",
                                  receivedAt: clock.now, itemCount: 1_200, count: WithdrawalCount(withdrawn: 12_345, current: 13_545),
                                  status: .held, decidedBy: nil, decidedAt: nil, note: nil, appliedSubmission: nil)
        let unitText = HeldNotices.unitText(hold, unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), clock: clock)
        XCTAssertTrue(unitText.contains("memuat 1.200 informasi"), unitText)
        XCTAssertTrue(unitText.contains("menarik 12.345 dari 13.545 informasi"), unitText)
        let workspace = Workspace(root: try Scratch.directory("dip-ditahan-angka"))
        _ = try WorkspaceSetup.initialise(workspace)
        let ppidText = HeldNotices.ppidText([hold], config: try Configuration.load(workspace, deferringRules: true), clock: clock)
        XCTAssertTrue(ppidText.contains("1.200 informasi; menarik 12.345 dari 13.545 informasi."), ppidText)
    }
}
