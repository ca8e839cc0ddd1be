import DIPCore
import Foundation
import OfficeFormats
import TestSupport
import XCTest

@testable import Publish

/// The review pack written in one pass (`ReviewPack.write`: each row made once, when the
/// workbook writes it, and handed to the page) is the workbook and the page written apart.
final class ReviewPackTests: XCTestCase {
    /// Inputs with every table filled, with empty tables, and without a draft.
    static func inputs() throws -> [(String, ReviewInput)] {
        let full = try ReviewKeptRowsTests.input(count: 60, shift: 3, changed: [5, 40])
        var emptyTables = try ReviewFixtures.input()
        emptyTables.pending = []
        emptyTables.problemsByUnit = [:]
        var noDraft = try ReviewFixtures.input()
        noDraft.draft = nil
        noDraft.completeness = nil
        // An open item whose explanation widens its column: the Berkala sheet's rows are made
        // twice by the workbook writer, and the page must still get each row once.
        var long = try ReviewFixtures.input()
        if let open = long.draft?.items.firstIndex(where: { $0.category == .berkala }) {
            var c = long.pending[0].classification
            c.notes = WorkbookRenderingTests.longNotes
            long.draft?.items[open].classification = c
        }
        return [("full", full), ("empty tables", emptyTables), ("no draft", noDraft), ("long explanation", long)]
    }

    func testOnePassEqualsTheWorkbookAndThePageWrittenApart() throws {
        for (name, input) in try Self.inputs() {
            let pack = ReviewPack(input)
            var page: [UInt8] = []
            let workbook = try pack.write(clock: ReviewFixtures.clock) { page += $0 }
            XCTAssertEqual(workbook, try pack.workbook(clock: ReviewFixtures.clock), name)
            XCTAssertEqual(workbook, try ReviewWorkbook.build(input, clock: ReviewFixtures.clock), name)
            XCTAssertEqual(page, Array(ReviewPage.html(input, clock: ReviewFixtures.clock).utf8), name)
            XCTAssertGreaterThan(page.count, 1000, name)
        }
    }

    func testOnePassWithKeptRowsEqualsThePageWrittenApart() throws {
        let store = ReviewKeptRowsTests.Store()
        for count in [40, 45] {
            let input = try ReviewKeptRowsTests.input(count: count, shift: count - 40, changed: [3])
            var page: [UInt8] = []
            _ = try ReviewPack(input).write(clock: ReviewFixtures.clock, kept: ReviewKeptRows(page: store.kept)) { page += $0 }
            XCTAssertEqual(page, Array(ReviewPage.html(input, clock: ReviewFixtures.clock).utf8), "\(count)")
        }
        XCTAssertGreaterThan(store.hits, 30, "the second pack reused no row")
    }

    /// The page writer makes the rows it is not given (a table skipped, a table given in
    /// part), so the page is whole whoever drives it; rows are made once each either way.
    func testThePageWriterMakesTheRowsItIsNotGiven() throws {
        let input = try ReviewKeptRowsTests.input(count: 25)
        let tables = ReviewContent.tables(input)
        let whole = Array(ReviewPage.html(input, clock: ReviewFixtures.clock).utf8)
        let nonEmpty = tables.indices.filter { tables[$0].rowCount > 3 }
        XCTAssertGreaterThanOrEqual(nonEmpty.count, 2)
        var page: [UInt8] = []
        let writer = ReviewPageWriter(tables: tables, kept: nil) { page += $0 }
        try writer.start(input, clock: ReviewFixtures.clock)
        // Rows 2 and 3 of one table (rows 0 and 1 are made by the writer), then row 1 of a
        // later table; everything else is left to `finish`.
        try writer.row(nonEmpty[0], 2, tables[nonEmpty[0]].row(2))
        try writer.row(nonEmpty[0], 3, tables[nonEmpty[0]].row(3))
        try writer.row(nonEmpty[1], 1, tables[nonEmpty[1]].row(1))
        try writer.finish()
        XCTAssertEqual(page, whole)
    }

    /// An error of the page's emitter made while the workbook is written is thrown, not lost.
    func testAnEmitterErrorIsThrown() throws {
        struct Full: Error {}
        let input = try ReviewKeptRowsTests.input(count: 10)
        var calls = 0
        XCTAssertThrowsError(try ReviewPack(input).write(clock: ReviewFixtures.clock) { _ in
            calls += 1
            if calls == 5 { throw Full() }
        }) { XCTAssertTrue($0 is Full, "\($0)") }
    }

    /// A draft read a chunk at a time (`ReviewInput.categoryItems`, the draft's own items left
    /// out of the input) gives the pack of the draft held whole; each item is read once per
    /// pass (an exempted one twice), in ranges of at most a chunk.
    func testCategoryItemsReadInChunksGiveThePackOfTheWholeDraft() throws {
        var whole = try ReviewKeptRowsTests.input(count: 1_000, shift: 7, changed: [1, 500])
        whole.returned = [Fixture.item("dinkes-0001", unit: Fixture.dinkes, nomor: "1", ringkasan: "Dikembalikan",
                                       category: .berkala, subgroup: .A)]
        let source = ReviewCategoryItems(whole)
        XCTAssertGreaterThan(source.counts[.berkala] ?? 0, ReviewItemReader.chunk * 2)
        final class Reads: @unchecked Sendable { var ranges: [Range<Int>] = [] }
        let reads = Reads()
        var streamed = whole
        streamed.draft?.items = []
        streamed.draft?.exempted = []
        streamed.returned = []
        streamed.categoryItems = ReviewCategoryItems(counts: source.counts, units: source.units) { category, range in
            reads.ranges.append(range)
            return try source.read(category, range)
        }
        var page: [UInt8] = []
        let workbook = try ReviewPack(streamed).write(clock: ReviewFixtures.clock) { page += $0 }
        XCTAssertEqual(workbook, try ReviewWorkbook.build(whole, clock: ReviewFixtures.clock))
        XCTAssertEqual(page, Array(ReviewPage.html(whole, clock: ReviewFixtures.clock).utf8))
        // Each item once, the exempted ones too: explanation columns are fitted while the rows are
        // written (`XLSXColumn.fitLimit`), and these explanations need no wider column.
        XCTAssertGreaterThan(source.counts[.dikecualikan] ?? 0, 0)
        XCTAssertEqual(reads.ranges.map(\.count).reduce(0, +), source.counts.values.reduce(0, +), "items read more than once")
        XCTAssertLessThanOrEqual(reads.ranges.map(\.count).max() ?? 0, ReviewItemReader.chunk)
    }

    /// A failed read is thrown, not written as empty rows.
    func testAFailedReadIsThrown() throws {
        struct Gone: Error {}
        var input = try ReviewKeptRowsTests.input(count: 900)
        let source = ReviewCategoryItems(input)
        input.categoryItems = ReviewCategoryItems(counts: source.counts, units: source.units) { category, range in
            if range.lowerBound > 0 { throw Gone() }
            return try source.read(category, range)
        }
        XCTAssertThrowsError(try ReviewPack(input).write(clock: ReviewFixtures.clock) { _ in }) { XCTAssertTrue($0 is Gone) }
        XCTAssertThrowsError(try ReviewWorkbook.build(input, clock: ReviewFixtures.clock)) { XCTAssertTrue($0 is Gone) }
        input.categoryItems = ReviewCategoryItems(counts: source.counts, units: source.units) { category, range in
            Array(try source.read(category, range).dropLast())
        }
        XCTAssertThrowsError(try ReviewPack(input).workbook(clock: ReviewFixtures.clock)) {
            XCTAssertTrue($0 is ReviewReadError, "\($0)")
        }
    }

    /// `ReviewPlace.tables` orders as a stable sort of the draft's items, exempted items and
    /// returned items not in the draft by `ReviewContent.order`.
    func testPlacesAreOrderedAsTheItemsWere() {
        var generator = SplitMix(seed: 5)
        let units = [Fixture.dinkes, Fixture.bpbd]
        let subgroups: [BerkalaSubgroup?] = [nil, .A, .B, .K]
        let categories: [DIPCore.Category] = [.berkala, .setiapSaat, .dikecualikan]
        for _ in 0..<20 {
            var lists: [[VersionItem]] = [[], [], []]
            for l in 0..<3 {
                for _ in 0..<Int(generator.next() % 60) {
                    let id = String(format: "x-%03d", Int(generator.next() % 90))
                    lists[l].append(Fixture.item(id, unit: units[Int(generator.next() % 2)], nomor: "1", ringkasan: id,
                                                 category: categories[Int(generator.next() % 3)],
                                                 subgroup: subgroups[Int(generator.next() % 4)]))
                }
            }
            let inDraft = Set((lists[0] + lists[1]).map(\.id))
            let expected = (lists[0] + lists[1] + lists[2].filter { !inDraft.contains($0.id) })
            var places: [ReviewPlace] = []
            for (l, list) in lists.enumerated() {
                for (i, v) in list.enumerated() {
                    places.append(ReviewPlace(category: v.category, subgroup: v.subgroup, unit: v.unit.code, id: v.id,
                                              list: l, index: i))
                }
            }
            let tables = ReviewPlace.tables(places)
            for category in DIPCore.Category.allCases {
                let want = stableSorted(expected.filter { $0.category == category }, by: ReviewContent.order)
                let got = (tables[category] ?? []).map { lists[$0.list][$0.index] }
                XCTAssertEqual(got.map(\.id), want.map(\.id))
                XCTAssertEqual(got.map(\.unit.code), want.map(\.unit.code))
            }
        }
    }

    func stableSorted(_ items: [VersionItem], by less: (VersionItem, VersionItem) -> Bool) -> [VersionItem] {
        items.enumerated().sorted { less($0.element, $1.element) || (!less($1.element, $0.element) && $0.offset < $1.offset) }
            .map(\.element)
    }

    /// The reviewer copies the suggested basis into the test's column: when it names a letter of
    /// Pasal 17 whose points the law lists (here huruf h) without one, the explanation beside it
    /// says so before the test is made; a basis with its point gets no such note.
    func testExplanationSaysWhenTheBasisLacksItsPoint() {
        let bare = ReviewContent.explanation(ReviewFixtures.classification(.dikecualikan, grounds: ["17h"], test: true),
                                             citations: .builtIn)
        XCTAssertTrue(bare.contains("Dasar pengecualian: UU 14/2008 Pasal 17 huruf h\nPerhatian: Pasal 17 huruf h UU 14/2008 "
            + "merinci rahasia pribadi dalam angka 1–5"), bare)
        let pointed = ReviewContent.explanation(ReviewFixtures.classification(.dikecualikan, grounds: ["17h2"], test: true),
                                                citations: .builtIn)
        XCTAssertFalse(pointed.contains("Perhatian"), pointed)
    }

    /// A consequence test concluding *terbuka* on "Daftar penerima bansos beserta NIK dan nomor
    /// rekening" published it whole, personal data and all, and the review pack said nothing. The
    /// row's explanation now warns, naming the rule that flagged it and its ground, and points to
    /// publishing it without those data; a test exempting a part, or an open test of an item no
    /// personal-data ground names, gets no such line.
    func testAnOpenTestOfPersonalDataIsWarnedOnItsRow() {
        let hits = [
            RuleHit(ruleID: "kependudukan-perorangan", description: "Data kependudukan perorangan (NIK, nomor KK, biodata, database SIAK) dirahasiakan UU Administrasi Kependudukan", matchedWords: ["nik"]),
            RuleHit(ruleID: "keuangan-pribadi", description: "Kondisi keuangan, gaji, harta dan rekening bank seseorang (UU 14/2008 Pasal 17 huruf h angka 3); rekening badan publik bukan rekening seseorang", matchedWords: ["nomor rekening"]),
            RuleHit(ruleID: "bukan-aturan-data-pribadi", description: "Laporan keuangan", matchedWords: ["keuangan"]),
        ]
        let flagged = Classification(
            declared: .setiapSaat, suggested: .dikecualikan, subgroup: nil, needsConsequenceTest: true,
            exemptionGrounds: ["17h3", "17j1"], needsReview: true, missingLegalBasis: false, hits: hits, notes: [])
        var test = Fixture.exemptTest("", period: "")
        test.conclusion = .open
        test.grounds = []
        let text = ReviewContent.explanation(flagged, test: test, citations: .builtIn)
        XCTAssertTrue(text.contains("Perhatian: uji konsekuensi menyimpulkan terbuka, padahal informasi ini memuat data pribadi "
            + "(aturan: Data kependudukan perorangan (NIK, nomor KK, biodata, database SIAK) dirahasiakan UU Administrasi "
            + "Kependudukan (kata: nik); Kondisi keuangan"), text)
        XCTAssertTrue(text.contains("Kondisi keuangan, gaji, harta dan rekening bank seseorang (UU 14/2008 Pasal 17 huruf h angka 3) "
            + "(kata: nomor rekening); dasar: UU 14/2008 Pasal 17 huruf h angka 3"), "a rule's own '; …' is left out: \(text)")
        XCTAssertFalse(text.contains("Laporan keuangan (kata: keuangan);"), "a rule without a personal ground is not named: \(text)")
        XCTAssertTrue(text.contains("Dikecualikan Sebagian"), text)
        XCTAssertTrue(text.contains("(Pasal 22 ayat (7) huruf e UU 14/2008)"), text)

        var part = test
        part.conclusion = .exemptPart
        XCTAssertFalse(ReviewContent.explanation(flagged, test: part, citations: .builtIn).contains("menyimpulkan terbuka"))
        XCTAssertFalse(ReviewContent.explanation(flagged, test: nil, citations: .builtIn).contains("menyimpulkan terbuka"))
        var plain = flagged
        plain.exemptionGrounds = ["17b"]
        plain.hits = []
        // (The fixture's specific information names "diagnosis pasien": personal data in words, warned
        // since session 25; an open test of an item that names none is not.)
        var tender = test
        tender.specificInformation = "Rincian harga perkiraan sendiri"
        XCTAssertFalse(ReviewContent.explanation(plain, test: tender, citations: .builtIn).contains("menyimpulkan terbuka"))
    }

    /// An open test recorded on a ground that protects no person's data (or on none), of an item
    /// whose title, summary or specific information names personal data in words ("beserta NIK dan
    /// nomor rekening"), is warned on its row too, naming the kinds and the grounds that protect
    /// them; one that says they are left out ("tanpa NIK …") is not (session 25).
    func testAnOpenTestNamingPersonalDataInWordsIsWarnedOnItsRow() {
        let hps = Classification(
            declared: .setiapSaat, suggested: .dikecualikan, subgroup: nil, needsConsequenceTest: true,
            exemptionGrounds: ["17b"], needsReview: true, missingLegalBasis: false, hits: [], notes: [])
        var test = Fixture.exemptTest("Pasal 17 huruf b", period: "")
        test.conclusion = .open
        test.grounds = ["17b"]
        test.specificInformation = "Daftar penerima bantuan sosial beserta NIK dan nomor rekening"
        let item = InformationItem(source: SourceLocation(file: "x.csv", sheet: nil, row: 2), nomor: "1",
                                   ringkasan: "Daftar penerima bantuan sosial", pejabatPenguasa: "Dinsos",
                                   penanggungJawab: "Kepala", waktuPembuatan: "2026", tempatPembuatan: "",
                                   bentuk: "Softcopy", retensi: "5 tahun")
        let text = ReviewContent.explanation(hps, test: test, item: item, citations: .builtIn)
        XCTAssertTrue(text.contains("Perhatian: uji konsekuensi menyimpulkan terbuka, padahal informasi ini memuat data pribadi "
            + "(menyebut: NIK, nomor rekening; dasar: UU 14/2008 Pasal 17 huruf h angka 3"), text)
        XCTAssertTrue(text.contains("Dikecualikan Sebagian"), text)
        test.specificInformation = "Daftar penerima bantuan sosial tanpa NIK dan nomor rekening"
        XCTAssertFalse(ReviewContent.explanation(hps, test: test, item: item, citations: .builtIn).contains("menyimpulkan terbuka"))
        var titled = item
        titled.ringkasan = "Rekam medis pasien rawat inap"
        XCTAssertTrue(ReviewContent.explanation(hps, test: test, item: titled, citations: .builtIn)
            .contains("(menyebut: rekam medis; dasar: UU 14/2008 Pasal 17 huruf h angka 2"))
    }

    /// The PPID decides a pending test on its row of *Uji Konsekuensi*: a summary holding a value of
    /// personal data is said there too, as on the category rows and by `dip approve` (session 26: the
    /// row gave only the rules' reasons).
    func testAPendingTestsRowSaysItsSummaryHoldsPersonalData() {
        var pending = ReviewFixtures.pending()
        pending[0].item.ringkasan = "Rekam medis pasien Sdr. Budi Santoso, NIK 3604015203870002"
        let table = ReviewContent.testTable(pending, citations: .builtIn)
        let rows = (0..<table.rowCount).map { table.row($0) }
        let row = rows.first { $0.contains("dinkes-0099") }
        XCTAssertTrue(row?[6].contains("Perhatian: ringkasan memuat data pribadi (NIK/nomor KK, nama)") == true, "\(row ?? [])")
        let other = rows.first { $0.contains("bpbd-0042") }
        XCTAssertFalse(other?[6].contains("data pribadi (") == true, "\(other ?? [])")
    }

    /// A name or a value typed into a test's reasons is published masked (berita acara, DIK
    /// Lampiran): the row the PPID reads says so, naming the field and the kinds (session 26).
    func testATestWhoseReasonsNamePersonalDataIsWarnedOnItsRow() {
        let c = Classification(
            declared: .setiapSaat, suggested: .dikecualikan, subgroup: nil, needsConsequenceTest: true,
            exemptionGrounds: ["17h"], needsReview: true, missingLegalBasis: false, hits: [], notes: [])
        var test = Fixture.exemptTest("Pasal 17 huruf h", period: "5 tahun")
        test.consequence = "Membuka pengaduan Sdr. Budi Santoso merugikan pelapor"
        test.conditionsForOpening = "Persetujuan pemilik NIK 3604015203870002"
        let text = ReviewContent.explanation(c, test: test, citations: .builtIn)
        XCTAssertTrue(text.contains("Perhatian: teks uji konsekuensi memuat data pribadi (konsekuensi: nama; "
            + "syarat dibukanya informasi: NIK/nomor KK)"), text)
        XCTAssertTrue(text.contains("[nama disamarkan]"), text)
        test.consequence = "Membuka identitas pelapor merugikan pelapor"
        test.conditionsForOpening = "Dengan persetujuan tertulis pemiliknya"
        XCTAssertFalse(ReviewContent.explanation(c, test: test, citations: .builtIn).contains("teks uji konsekuensi memuat"))
    }

    /// A rule is named by its first clause, but a "; " inside its parentheses does not end it:
    /// "Data yang menyertakan identitas orang (nama, …, diagnosis; NIK dan rekening dinilai aturan
    /// lain), disusun per pemilik …" was cut to "… (nama, identitas, NPWP, penghasilan, diagnosis".
    func testAnOpenedPersonalDataRuleIsNamedWithItsParenthesesWhole() {
        let hit = RuleHit(ruleID: "data-beserta-identitas-orang",
                          description: "Data yang menyertakan identitas orang (nama, identitas, NPWP, penghasilan, diagnosis; NIK dan "
                              + "rekening dinilai aturan lain), disusun per pemilik — rahasia pribadi (UU 14/2008 Pasal 17 huruf h); "
                              + "yang diumumkan atau berupa jumlah tetap terbuka",
                          matchedWords: ["beserta nama"])
        let flagged = Classification(
            declared: .setiapSaat, suggested: .dikecualikan, subgroup: nil, needsConsequenceTest: true,
            exemptionGrounds: ["17h"], needsReview: true, missingLegalBasis: false, hits: [hit], notes: [])
        var test = Fixture.exemptTest("", period: "")
        test.conclusion = .open
        test.grounds = []
        let said = ReviewContent.explanation(flagged, test: test, citations: .builtIn)
        XCTAssertTrue(said.contains("(aturan: Data yang menyertakan identitas orang (nama, identitas, NPWP, penghasilan, diagnosis; "
            + "NIK dan rekening dinilai aturan lain), disusun per pemilik — rahasia pribadi (UU 14/2008 Pasal 17 huruf h) "
            + "(kata: beserta nama); dasar: "), said)
        let warning = said.components(separatedBy: "\n").first { $0.hasPrefix("Perhatian: uji konsekuensi") } ?? ""
        XCTAssertFalse(warning.contains("tetap terbuka"), warning)
    }

    /// A unit's one cell for time and place ("Cikande, 2026") showed under Waktu Pembuatan with
    /// Tempat Pembuatan empty, which reads as a place missing from the list; the row now splits it
    /// as the website and the open data do (`InformationItem.madeApart`).
    func testTimeAndPlaceWrittenInOneCellAreShownApart() {
        var v = Fixture.item("kec-cikande-0004", unit: Fixture.dinkes, nomor: "4", ringkasan: "DIPA Kelurahan", category: .berkala)
        v.item.waktuPembuatan = "Cikande, 2026"
        v.item.tempatPembuatan = ""
        // As intake reads such a cell (the place before the comma, the time after it).
        v.item.tempatNormalised = "Cikande"
        v.item.waktuNormalised = "2026"
        let row = ReviewContent.categoryRow(0, v, citations: .builtIn, standing: [:])
        XCTAssertEqual(Array(row[6...7]), ["2026", "Cikande"])
        v.item.waktuPembuatan = "2025"
        v.item.tempatPembuatan = "Serang"
        XCTAssertEqual(Array(ReviewContent.categoryRow(0, v, citations: .builtIn, standing: [:])[6...7]), ["2025", "Serang"])
    }

    /// The Dikecualikan sheet's explanation column is widened to show its longest text whole, but
    /// the width was measured without the row's line on empty Lampiran columns: an exempted item
    /// with a long explanation and an empty ringkasan lost that line past a row's 31.
    func testAnExemptedRowsEmptyColumnsLineFitsItsColumn() throws {
        var v = Fixture.item("dinkes-0005", unit: Fixture.dinkes, nomor: "5", ringkasan: " ", category: .dikecualikan,
                             judul: "Rekam medis")
        v.item.penanggungJawab = ""
        var c = ReviewFixtures.classification(.dikecualikan, grounds: ["17h2"], test: true)
        c.notes = Array(WorkbookRenderingTests.longNotes.prefix(9))
        v.classification = c
        let table = ReviewContent.categoryTable(.dikecualikan, [v], draft: 3, citations: .builtIn)
        let text = table.row(0)[12]
        XCTAssertTrue(text.contains("Perhatian: kolom ringkasan isi informasi"), text)
        // The width the workbook writes, fitted to the cell's text as the row is written.
        let bytes = try XLSXWriter.write(XLSXDocument(sheets: [ReviewWorkbook.sheet(table)], title: "t", creator: "dip",
                                                      created: ReviewFixtures.clock.now, timeZone: Clock.wib))
        let fitted = try WorkbookRenderingTests.columnWidths(bytes, sheet: table.sheet)[12]
        XCTAssertGreaterThan(fitted, 48)
        let width = XLSXRowHeight.usableWidth(columnWidth: fitted)
        XCTAssertLessThanOrEqual(XLSXRowHeight.lineCount(text, width: width, bold: false), XLSXRowHeight.maximumLines,
                                 "column width \(fitted)")
    }

    /// Intake warns the unit of an empty Ringkasan Isi Informasi (missing-value) and `dip approve`
    /// names the item, but the review pack's row showed an empty cell and nothing else (the warning
    /// stood only on the Masalah sheet, under the unit). The row now says which Lampiran columns it
    /// would print empty, in the words intake and approval use; a complete row says nothing.
    func testARowWithAnEmptySummarySaysSoInItsExplanation() {
        var v = Fixture.item("dinkes-0005", unit: Fixture.dinkes, nomor: "5", ringkasan: " ", category: .berkala,
                             judul: "Rencana Strategis")
        v.item.penanggungJawab = ""
        let row = ReviewContent.categoryRow(0, v, citations: .builtIn, standing: [:])
        XCTAssertTrue(row[12].contains("Perhatian: kolom ringkasan isi informasi, penanggung jawab pembuatan atau penerbitan "
            + "informasi kosong; Lampiran Keputusan Penetapan DIP akan mencetaknya kosong."), row[12])
        let full = ReviewContent.categoryRow(0, Fixture.item("dinkes-0006", unit: Fixture.dinkes, nomor: "6",
                                                             ringkasan: "Profil", category: .berkala),
                                             citations: .builtIn, standing: [:])
        XCTAssertFalse(full[12].contains("kosong"), full[12])
    }

    /// A summary carrying a value of personal data is said on its row (session 23), as `dip approve`
    /// says it; an ordinary summary is not.
    func testARowWhoseSummaryCarriesPersonalDataSaysSo() {
        let v = Fixture.item("dinsos-0005", unit: Fixture.dinkes, nomor: "5",
                             ringkasan: "Data penerima bantuan a.n. Siti, NIK 3604015203870002", category: .setiapSaat)
        let row = ReviewContent.categoryRow(0, v, citations: .builtIn, standing: [:])
        XCTAssertTrue(row[12].contains("Perhatian: ringkasan memuat data pribadi (NIK/nomor KK, nama). Bila dikecualikan, "
            + "Lampiran Keputusan dan situs web menyamarkannya"), row[12])
        let plain = ReviewContent.categoryRow(0, Fixture.item("dinkes-0006", unit: Fixture.dinkes, nomor: "6",
                                                              ringkasan: "Renja Tahun 2026", category: .berkala),
                                              citations: .builtIn, standing: [:])
        XCTAssertFalse(plain[12].contains("data pribadi"), plain[12])
    }
}
