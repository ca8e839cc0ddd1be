import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules

/// Everything the review pack shows: the draft waiting for approval, the items waiting for a
/// consequence test, the changes since the last decree, the problems per unit and the
/// completeness of each unit's berkala list.
public struct ReviewInput: Sendable {
    public var draft: DIPVersion?
    public var pending: [PendingTest]
    public var diff: VersionDiff
    /// Problems of each unit's last submission, by unit code.
    public var problemsByUnit: [String: [Problem]]
    public var completeness: CompletenessReport?
    /// Unit names for codes that appear only in problems or completeness (optional).
    public var units: [WorkUnit]
    /// The unguessable token written in the hidden `_dip` sheet and kept in the register:
    /// only a workbook carrying a token dip issued may decide (a unit cannot forge one).
    public var token: String?
    /// How legal bases are cited (from the rules' `dasar_hukum`).
    public var citations: LegalCitations
    /// The decision already taken on an item's current revision, as a sentence ("Disetujui
    /// 2 Januari 2026 oleh …"), by item id: shown so the PPID need not decide twice.
    public var standing: [String: String] = [:]
    /// Items returned to their unit and not answered yet (they are in no draft): kept on
    /// their category's sheet, marked, until the unit sends a new revision.
    public var returned: [VersionItem] = []
    /// Lists held for the PPID (would withdraw most of their unit's items), waiting for
    /// `dip release`: shown first on the page and on their own sheet; none, nothing shown.
    public var held: [HeldSubmission] = []
    /// Exemptions in force whose period has ended, ends within `exemptionNoticeDays`, or cannot
    /// be counted (`ExemptionPeriods.notices`): shown first on the page and on their own sheet;
    /// none, nothing shown.
    public var exemptionNotices: [ExemptionNotice] = []
    public var exemptionNoticeDays: Int = ExemptionPeriods.defaultNoticeDays
    /// Items on record the rules in force would classify differently, waiting for the PPID
    /// (`AppDatabase.pendingRuleChanges`): shown first on the page and on their own sheet;
    /// none, nothing shown.
    public var ruleChanges: [RuleChange] = []
    /// Recorded tests whose berita acara lacks its number (published) or its day
    /// (`AppDatabase.incompleteRecords`): shown first on the page and on their own sheet, where
    /// the PPID completes them; none, nothing shown.
    public var incompleteRecords: [IncompleteRecord] = []
    /// The category tables' items, read a chunk at a time (a regency's draft is not held
    /// whole); nil: the draft's items and `returned`, in memory.
    public var categoryItems: ReviewCategoryItems?
    /// What `diff` compares the register with, as the changes sheet says it.
    public var changesBase: ChangesBase = .lastDecree
    /// The category rows' explanation cells kept by earlier runs (`KeptExplanations`); nil: each
    /// is made.
    public var keptExplanations: KeptExplanations?

    /// The base of the changes sheet (*Perubahan*).
    public enum ChangesBase: Sendable, Equatable {
        /// The last decree, `diff.from` (nil: none, and every item is listed as new).
        case lastDecree
        /// No decree yet: the version made before this draft, `diff.from`: what the lists
        /// sent since then changed (an update's changes, not the whole draft again).
        case previousDraft
        /// No decree and no earlier version: every item is new and is on the category and
        /// test sheets already; the sheet lists none and says so.
        case firstDraft
    }

    public init(
        draft: DIPVersion?, pending: [PendingTest], diff: VersionDiff,
        problemsByUnit: [String: [Problem]], completeness: CompletenessReport?, units: [WorkUnit] = [],
        token: String? = nil, citations: LegalCitations = .builtIn
    ) {
        self.token = token
        self.citations = citations
        self.draft = draft
        self.pending = pending
        self.diff = diff
        self.problemsByUnit = problemsByUnit
        self.completeness = completeness
        self.units = units
    }

    /// The DIP fields each unit's last file has no column for (the `missing-column` problems,
    /// whose column name is the field), by unit code; units missing none are left out.
    public var missingFieldsByUnit: [String: [String]] {
        var out: [String: [String]] = [:]
        for (unit, problems) in problemsByUnit {
            var fields: [String] = []
            for p in problems where p.code == "missing-column" {
                if let name = p.columnName, !fields.contains(name) { fields.append(name) }
            }
            if !fields.isEmpty { out[unit] = fields }
        }
        return out
    }
}

/// The fixed vocabulary of the review workbook: sheet names, header texts, dropdown values
/// and the format marker. The writer and the reader share it, so a workbook dropped back is
/// read with exactly the columns it was written with (located by header text, so a reviewer
/// who inserts or moves a column does not break the round trip).
public enum ReviewFormat {
    /// Written in the hidden `_dip` sheet; the reader refuses any other value.
    public static let marker = "dip-review-workbook/1"
    /// Read-only column with the decision already recorded on the row's revision.
    public static let standingHeader = "Keputusan Tercatat"
    public static let metaSheet = "_dip"
    public static let instructionsSheet = "Petunjuk"
    public static let testSheet = "Uji Konsekuensi"
    public static let changesSheet = "Perubahan"
    public static let problemsSheet = "Masalah"
    public static let completenessSheet = "Kelengkapan"
    /// Only when lists are held; the reader never reads it.
    public static let heldSheet = "Kiriman Ditahan"
    /// Only when an exemption's period has ended, ends soon or cannot be counted; never read back.
    public static let exemptionPeriodsSheet = "Jangka Waktu Pengecualian"
    /// Only when items on record would be classified differently by the rules in force
    /// (`RuleChangesSection`); read back: apply or keep, per row.
    public static let ruleChangesSheet = "Aturan Baru"
    public static let ruleChangeDecisionHeader = "Keputusan atas Aturan Baru"
    public static let applyRuleChange = "Terapkan aturan baru"
    public static let keepRuleChange = "Pertahankan klasifikasi lama"
    public static let ruleChangeOptions: [(String, RuleChangeAction)] = [
        (applyRuleChange, .apply), (keepRuleChange, .keep),
    ]
    /// Only when a recorded test's berita acara lacks its number or day
    /// (`IncompleteRecordsSection`); read back: the number, day and/or place, and who records it.
    public static let completionSheet = "Lengkapi Berita Acara"
    public static let completionNameHeader = "Nama Petugas yang Mencatat"

    /// Category sheets, in decree order (exempted items of the draft included).
    public static func sheetName(_ category: DIPCore.Category) -> String { category.shortLabel }

    // Hidden identity columns.
    public static let idHeader = "ID DIP (jangan diubah)"
    public static let revisionHeader = "Revisi (jangan diubah)"
    /// The recorded test a row of the sheet `completionSheet` completes.
    public static let testIDHeader = "ID Uji (jangan diubah)"

    /// A hidden column as the instructions name it: "ID DIP (jangan diubah)" → "ID DIP".
    static func hiddenName(_ header: String) -> String {
        header.replacingOccurrences(of: " (jangan diubah)", with: "")
    }

    // Decision columns.
    public static let decisionHeader = "Keputusan"
    public static let noteHeader = "Catatan"
    public static let approve = "Setujui"
    public static let returnToUnit = "Kembalikan"
    public static let decisionOptions = [approve, returnToUnit]

    // Consequence-test columns (DIP.md §4).
    public static let specificHeader = "Informasi Spesifik yang Dikecualikan"
    public static let legalBasisHeader = "Dasar Hukum (Pasal)"
    public static let consequenceHeader = "Konsekuensi apabila Dibuka"
    public static let publicInterestHeader = "Pertimbangan Kepentingan Publik"
    public static let conclusionHeader = "Kesimpulan"
    public static let periodHeader = "Jangka Waktu Pengecualian"
    public static let conditionsHeader = "Syarat Dibukanya Informasi"
    public static let testerHeader = "Nama Penguji"
    public static let testerNipHeader = "NIP Penguji"
    public static let testedOnHeader = "Tanggal Uji"
    /// The berita acara's registered number and the place of the meeting (optional; a workbook
    /// written before these columns is read without them).
    public static let beritaAcaraNumberHeader = "Nomor Berita Acara"
    public static let placeHeader = "Tempat Uji"
    public static let conclusionOptions: [(String, ConsequenceConclusion)] = [
        ("Dikecualikan seluruhnya", .exemptWhole),
        ("Dikecualikan sebagian", .exemptPart),
        ("Terbuka", .open),
    ]

    // Reviewer cells on the instructions sheet (label in column A, value in column B).
    public static let reviewerNameLabel = "Nama pemeriksa"
    public static let reviewerNipLabel = "NIP pemeriksa"
    public static let reviewerTitleLabel = "Jabatan pemeriksa"

    /// "baru" → "Baru", … for the change column.
    public static func changeLabel(_ change: ItemChange) -> String {
        switch change {
        case .added: return "Baru"
        case .changed: return "Berubah"
        case .unchanged: return "Tetap"
        case .reclassified: return "Klasifikasi berubah"
        case .withdrawn: return "Ditarik"
        }
    }
}

/// How many columns a workbook sheet keeps frozen at its left: those up to and including the
/// item's summary ("Ringkasan Isi Informasi"), which say which row is which, so they stay in sight
/// while a PPID officer scrolls right to *Keputusan* or a unit clerk to *Masalah pada Baris Ini*
/// (0 for a table without a summary). Session 25: on a 1366 px screen the review sheet's decision
/// columns start some 2,000 px to the right, and the title was gone by the time one got there.
func columnsThroughSummary(_ headers: [String]) -> Int {
    headers.firstIndex(of: "Ringkasan Isi Informasi").map { $0 + 1 } ?? 0
}

/// One column of a review table.
struct ReviewColumn: Sendable {
    var header: String
    var width: Double
    var hidden = false
    /// Dropdown values for an input column.
    var options: [String] = []
    /// A column the reviewer fills in (unlocked, shaded).
    var input = false
    /// Cells hold counts (written as numbers).
    var numeric = false
    /// The workbook widens the column up to this many characters to show its longest text
    /// whole, measured as the rows are written (`XLSXColumn.fitLimit`).
    var fitLimit: Double?
}

/// One table of the review pack: a sheet in the workbook and a section of the page.
struct ReviewTable: Sendable {
    var sheet: String
    var title: String
    var intro: String
    var columns: [ReviewColumn]
    /// Number of rows.
    var rowCount: Int
    /// Row `r`'s texts (0-based), made when the row is written: a regency's tables held as
    /// texts were a tenth of the review pack's peak memory, and the pack writes each row once
    /// for both the workbook and the page (`ReviewPack.write`).
    var row: @Sendable (Int) -> [String]
    /// Column 0 holds each row's running number ("1", "2", …): a kept row leaves it as a gap
    /// (`ReviewKeptRows`), so a row moved by an item inserted above it is still reused.
    var numbered = false

    init(sheet: String, title: String, intro: String, columns: [ReviewColumn], rows: [[String]], numbered: Bool = false) {
        self.init(sheet: sheet, title: title, intro: intro, columns: columns, rowCount: rows.count,
                  row: { rows[$0] }, numbered: numbered)
    }

    init(sheet: String, title: String, intro: String, columns: [ReviewColumn], rowCount: Int,
         row: @escaping @Sendable (Int) -> [String], numbered: Bool = false) {
        self.sheet = sheet
        self.title = title
        self.intro = intro
        self.columns = columns
        self.rowCount = rowCount
        self.row = row
        self.numbered = numbered
    }

    /// Every row (for tests and small tables).
    var rows: [[String]] { (0..<rowCount).map(row) }
}

/// Builds the tables once, for both the workbook and the page, so both show the same content.
enum ReviewContent {
    static func tables(_ input: ReviewInput, failure: ReviewReadFailure = ReviewReadFailure()) -> [ReviewTable] {
        var tables: [ReviewTable] = []
        let source = input.categoryItems ?? ReviewCategoryItems(input)
        for category in DIPCore.Category.allCases {
            let reader = ReviewItemReader(category, count: source.counts[category] ?? 0, read: source.read, failure: failure)
            tables.append(categoryTable(category, reader, draft: input.draft?.number, citations: input.citations,
                                        standing: input.standing, kept: input.keptExplanations))
        }
        tables.append(testTable(input.pending, citations: input.citations))
        let names = unitNames(input, draftUnits: source.units)
        tables.append(changesTable(input.diff, base: input.changesBase, names: names))
        tables.append(problemsTable(input, names: names))
        tables.append(completenessTable(input, names: names))
        return tables
    }

    static func order(_ a: VersionItem, _ b: VersionItem) -> Bool {
        let sa = a.subgroup?.rawValue ?? "", sb = b.subgroup?.rawValue ?? ""
        if sa != sb { return sa < sb }
        if a.unit.code != b.unit.code { return a.unit.code < b.unit.code }
        return a.id < b.id
    }

    static let decisionColumns = [
        ReviewColumn(header: ReviewFormat.decisionHeader, width: 14,
                     options: ReviewFormat.decisionOptions, input: true),
        ReviewColumn(header: ReviewFormat.noteHeader, width: 36, input: true),
    ]
    static let idColumns = [
        ReviewColumn(header: ReviewFormat.idHeader, width: 18, hidden: true),
        ReviewColumn(header: ReviewFormat.revisionHeader, width: 10, hidden: true),
    ]

    static func categoryTable(_ category: DIPCore.Category, _ items: [VersionItem], draft: Int?,
                              citations: LegalCitations, standing: [String: String] = [:]) -> ReviewTable {
        let reader = ReviewItemReader(category, count: items.count, read: { _, range in Array(items[range]) },
                                      failure: ReviewReadFailure())
        return categoryTable(category, reader, draft: draft, citations: citations, standing: standing)
    }

    static func categoryTable(_ category: DIPCore.Category, _ items: ReviewItemReader, draft: Int?,
                              citations: LegalCitations, standing: [String: String] = [:],
                              kept: KeptExplanations? = nil) -> ReviewTable {
        var columns = [
            ReviewColumn(header: "No", width: 5),
            ReviewColumn(header: "Perangkat Daerah", width: 22),
            ReviewColumn(header: "Nomor di Daftar Unit", width: 8),
            ReviewColumn(header: "Ringkasan Isi Informasi", width: 48),
            ReviewColumn(header: "Pejabat/Unit yang Menguasai Informasi", width: 22),
            ReviewColumn(header: "Penanggung Jawab Pembuatan", width: 20),
            ReviewColumn(header: "Waktu Pembuatan", width: 14),
            ReviewColumn(header: "Tempat Pembuatan", width: 14),
            ReviewColumn(header: "Bentuk Informasi", width: 14),
            ReviewColumn(header: "Jangka Waktu Penyimpanan", width: 14),
            ReviewColumn(header: "Kategori dari Unit", width: 14),
            ReviewColumn(header: "Usulan Klasifikasi", width: 22),
            ReviewColumn(header: "Penjelasan Klasifikasi", width: 48),
            ReviewColumn(header: "Perubahan", width: 14),
            ReviewColumn(header: ReviewFormat.standingHeader, width: 28),
        ] + decisionColumns + idColumns
        // An explanation carries the item's rules, grounds, precedents and, once tested, the
        // test's basis: over 1,500 characters for some, more than a row of the maximum height
        // shows in 48 characters. The column widens to show the longest whole, measured while
        // the rows are written, so a regency's draft is not read twice to find it (an open item
        // with a test on record can be as long as an exempted one).
        columns[explanationColumn].fitLimit = widestExplanation
        let row: @Sendable (Int) -> [String] = { i in
            // A failed read leaves the row empty; the pack throws the failure once written.
            guard let v = items.item(i) else { return [] }
            // The explanation was most of a row's time (rules, grounds, precedents, the searches for
            // personal data): an item whose revision, test and place are as in an earlier run takes
            // its cell from there, so an update makes the changed units' cells only.
            var explanation: String?
            if let kept, let key = explanationKey(v) {
                explanation = kept.text(unit: v.unit.code, key: key) { explanationCell(v, citations: citations) }
            }
            return categoryRow(i, v, citations: citations, standing: standing, explanation: explanation)
        }
        let versionText = draft.map { "rancangan DIP versi \($0)" } ?? "rancangan DIP"
        return ReviewTable(
            sheet: ReviewFormat.sheetName(category), title: category.label,
            intro: "Informasi \(category.shortLabel.lowercased()) dalam \(versionText), dengan usulan klasifikasi "
                + "dan penjelasannya. Isi kolom Keputusan (Setujui/Kembalikan); catatan wajib bila dikembalikan. "
                + "Kolom \(ReviewFormat.standingHeader) menunjukkan keputusan yang sudah dicatat; informasi yang "
                + "dikembalikan tetap tampil sampai perangkat daerah mengirim perbaikannya.",
            columns: columns, rowCount: items.count, row: row, numbered: true)
    }

    /// The category tables' *Penjelasan Klasifikasi* column.
    static let explanationColumn = 12

    /// Row `i` (0-based) of a category table: item `v`'s texts.
    static func categoryRow(_ i: Int, _ v: VersionItem, citations: LegalCitations, standing: [String: String],
                            explanation: String? = nil) -> [String] {
        // Time and place as the decree's Lampiran and the website print them: a unit's one cell
        // "Cikande, 2026" showed under Waktu Pembuatan with Tempat Pembuatan empty, which the PPID
        // read as a place missing from the list (session 23).
        let made = v.item.madeApart
        return [
            "\(i + 1)", v.unit.name, v.item.nomor, v.item.ringkasan, v.item.pejabatPenguasa,
            v.item.penanggungJawab, made.waktu, made.tempat,
            v.item.bentuk, v.item.retensi,
            v.item.kategori?.shortLabel ?? (v.item.kategoriText ?? ""),
            suggestion(v), explanation ?? explanationCell(v, citations: citations),
            ReviewFormat.changeLabel(v.change), standing[v.id] ?? "", "", "", v.id, "\(v.revision)",
        ]
    }

    /// A category row's explanation cell: the explanation and the line on empty Lampiran columns.
    /// One function for the row and for the width its column is fitted to, so the two cannot
    /// differ (the column was once fitted without the second line and cut it).
    static func explanationCell(_ v: VersionItem, citations: LegalCitations) -> String {
        explanation(v.classification, test: v.consequenceTest, item: v.item, citations: citations) + emptyColumnsLine(v.item)
            + personalDataLine(v.item)
    }

    /// What an explanation cell (`explanationCell`) is made from besides the rules' citations and
    /// the dip build (the kept cells' frame, `KeptExplanations`): the item's revision, which fixes
    /// its texts and classification (a revision is never changed: a new list or a rule change
    /// applied makes a new one; its time of recording tells a register made again apart), its
    /// place number in the draft, and its consequence test (recorded or recorded again on the same
    /// revision), in full.
    /// Nil when the test cannot be encoded (the cell is then made, never kept).
    static func explanationKey(_ v: VersionItem) -> [String]? {
        var test = ""
        if let t = v.consequenceTest {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            guard let encoded = try? encoder.encode(t) else { return nil }
            test = String(decoding: encoded, as: UTF8.self)
        }
        return ["penjelasan", v.id, String(v.revision), String(v.recordedAt.timeIntervalSinceReferenceDate.bitPattern),
                v.item.nomor, test]
    }

    /// The row's warning of values of personal data written into the summary or title
    /// (`PersonalDataValues`), as `dip approve` gives it; "" when none.
    static func personalDataLine(_ item: InformationItem) -> String {
        let kinds = PersonalDataValues.kinds(in: item.ringkasan + "\n" + (item.judul ?? ""))
        guard !kinds.isEmpty else { return "" }
        return "\nPerhatian: ringkasan memuat data pribadi (" + kinds.map(\.label).joined(separator: ", ") + "). Bila "
            + "dikecualikan, Lampiran Keputusan dan situs web menyamarkannya; bila tercantum utuh dalam DIP, dicetak apa adanya. "
            + "Ringkasan menyebut jenis informasinya, bukan isinya: minta unitnya menulis ulang ringkasannya tanpa data itu."
    }

    /// The row's warning of the Lampiran columns it would print empty (as intake told the unit and
    /// `dip approve` tells the PPID), after the explanation; "" when none.
    static func emptyColumnsLine(_ item: InformationItem) -> String {
        let empty = item.emptyDecreeColumns
        guard !empty.isEmpty else { return "" }
        return "\nPerhatian: kolom " + empty.joined(separator: ", ") + " kosong; Lampiran Keputusan Penetapan DIP akan "
            + "mencetaknya kosong. Minta unitnya melengkapi daftarnya, atau kembalikan informasinya, sebelum keputusan ditandatangani."
    }

    static func suggestion(_ v: VersionItem) -> String {
        var text = v.category.shortLabel
        if let g = v.subgroup { text += " – sub-kelompok \(g.rawValue) (\(g.title))" }
        if let t = v.consequenceTest { text += " – hasil uji: \(t.conclusion.label)" }
        return text
    }

    /// The rules that fired and the reviewer notes, in plain Indonesian.
    /// `item`: the item tested, whose title and summary are read for personal data named in words.
    static func explanation(_ c: Classification?, test: ConsequenceTest? = nil, item: InformationItem? = nil,
                            citations: LegalCitations) -> String {
        var lines: [String] = []
        if let c {
            for hit in c.hits {
                // What the rule saw, in words; its id is for whoever edits the rules
                // (`dip rules`), not for the reviewer.
                var line = hit.description
                if !hit.matchedWords.isEmpty { line += " (kata: \(hit.matchedWords.joined(separator: ", ")))" }
                lines.append(line)
            }
            if !c.exemptionGrounds.isEmpty {
                lines.append("Dasar pengecualian: " + citations.citation(codes: c.exemptionGrounds))
                // The basis is copied into the test's column: said here, before it is tested.
                if let note = LegalCitations.unnumberedPointNote(codes: c.exemptionGrounds) { lines.append("Perhatian: \(note).") }
            }
            lines += c.notes.map(reviewNote)
            if c.needsReview { lines.append("Perlu ditinjau.") }
            if c.missingLegalBasis { lines.append("Dasar hukum pengecualian belum disebutkan.") }
        }
        if let test {
            let basis = citations.citation(codes: test.grounds, text: test.legalBasis)
            if !basis.isEmpty { lines.append("Dasar hukum uji: \(basis)") }
            // Opened whole although a rule (or the test) names a person's data: said on the row, as
            // `dip approve` says it before the decree is signed.
            if let opened = citations.openedPersonalData(c, test: test, item: item) {
                lines.append("Perhatian: uji konsekuensi menyimpulkan terbuka, padahal informasi ini memuat data pribadi ("
                    + citations.describe(opened) + "). " + LegalCitations.openedPersonalDataAdvice)
            }
            // A name or a value typed into the test's reasons: masked in the published record and
            // decree, said here so the Tim records the test again without it (session 26).
            if let note = test.reasonsPersonalDataNote { lines.append(note) }
        }
        if lines.isEmpty { lines.append("Tidak ada aturan yang berlaku; mengikuti kategori dari unit.") }
        return lines.joined(separator: "\n")
    }

    /// The widest an explanation column grows to show a long text whole
    /// (`XLSXRowHeight.widthFitting`); the sheet prints fitted to the page's width.
    static let widestExplanation = 110.0

    /// A precedent's note as the PPID reads it: a source in a code repository
    /// ("[sumber: Rickiagung/profileperusahan:application/views/v_informasi_berkala.php]", which
    /// means nothing to a non-engineer) is named as the GitHub repository it was collected from,
    /// with the address to open and the file ("[sumber: repositori GitHub
    /// https://github.com/Rickiagung/profileperusahan, berkas application/views/…]"; the corpus's
    /// repositories are GitHub's, docs/classification.md §16.2). A web address stays as it is.
    static func reviewNote(_ note: String) -> String {
        guard note.hasSuffix("]."), let start = note.lastByteRange(of: " [sumber: ") else { return note }
        let source = note[start.upperBound..<note.index(note.endIndex, offsetBy: -2)]
        guard let split = repositorySource(source) else { return note }
        return String(note[..<start.lowerBound])
            + " [sumber: repositori GitHub https://github.com/\(split.repository), berkas \(split.path)]."
    }

    /// A note's source split into "owner/name" and the file's path; nil for a web address or
    /// anything else. An ASCII source (every source of the corpus) is read over its bytes: the
    /// review pack asks this of every note of every row, and Foundation's `contains` bridged each
    /// through CFString (1.7 % of a cold regency run, 3 % of its update, session 26). Any other
    /// source is read by Characters as before (`characterRepositorySource`), where a combining mark
    /// after ":" or "/" makes another Character than the byte alone.
    static func repositorySource(_ source: Substring) -> (repository: Substring, path: Substring)? {
        let bytes = source.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return characterRepositorySource(source) }
        var colon: Substring.Index?
        var slash: Substring.Index?
        var slashes = 0
        var previous: (UInt8, UInt8) = (0, 0)
        for index in bytes.indices {
            let byte = bytes[index]
            // "://" anywhere: a web address.
            if byte == 0x2F, previous == (0x3A, 0x2F) { return nil }
            previous = (previous.1, byte)
            guard colon == nil else { continue }
            switch byte {
            case 0x3A: colon = index
            case 0x2F: slashes += 1; slash = index
            case 0x20: return nil
            default: break
            }
        }
        guard let colon, slashes == 1, let slash, slash > source.startIndex,
              bytes.index(after: slash) < colon, bytes.index(after: colon) < source.endIndex else { return nil }
        return (source[..<colon], source[bytes.index(after: colon)...])
    }

    /// `repositorySource` by Characters, for a source with a byte outside ASCII.
    static func characterRepositorySource(_ source: Substring) -> (repository: Substring, path: Substring)? {
        guard !source.contains("://"), let colon = source.firstIndex(of: ":") else { return nil }
        let repository = source[..<colon], path = source[source.index(after: colon)...]
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }), !path.isEmpty else { return nil }
        return (repository, path)
    }

    static func testTable(_ pending: [PendingTest], citations: LegalCitations) -> ReviewTable {
        let options = ReviewFormat.conclusionOptions.map(\.0)
        var columns = [
            ReviewColumn(header: "No", width: 5),
            ReviewColumn(header: "Perangkat Daerah", width: 22),
            ReviewColumn(header: "Nomor di Daftar Unit", width: 8),
            ReviewColumn(header: "Ringkasan Isi Informasi", width: 40),
            ReviewColumn(header: "Pejabat/Unit yang Menguasai Informasi", width: 20),
            ReviewColumn(header: "Usulan Klasifikasi", width: 16),
            ReviewColumn(header: "Alasan Perlu Uji", width: 36),
            ReviewColumn(header: ReviewFormat.specificHeader, width: 30, input: true),
            ReviewColumn(header: ReviewFormat.legalBasisHeader, width: 26, input: true),
            ReviewColumn(header: ReviewFormat.consequenceHeader, width: 30, input: true),
            ReviewColumn(header: ReviewFormat.publicInterestHeader, width: 30, input: true),
            ReviewColumn(header: ReviewFormat.conclusionHeader, width: 22, options: options, input: true),
            ReviewColumn(header: ReviewFormat.periodHeader, width: 16, input: true),
            ReviewColumn(header: ReviewFormat.conditionsHeader, width: 24, input: true),
            ReviewColumn(header: ReviewFormat.testerHeader, width: 20, input: true),
            ReviewColumn(header: ReviewFormat.testerNipHeader, width: 20, input: true),
            ReviewColumn(header: ReviewFormat.testedOnHeader, width: 12, input: true),
            ReviewColumn(header: ReviewFormat.beritaAcaraNumberHeader, width: 22, input: true),
            ReviewColumn(header: ReviewFormat.placeHeader, width: 20, input: true),
        ] + decisionColumns + idColumns
        // The rows' order as indices, each row's texts made when it is written: a regency's
        // pending tests held as texts were 16 MB of the review pack's peak at 4× (issue 19).
        let order = pending.indices.sorted {
            (pending[$0].unit.code, pending[$0].itemID) < (pending[$1].unit.code, pending[$1].itemID)
        }
        // With the warning of a value or a name in the summary (`personalDataLine`): the conclusion
        // typed on this row decides whether it is masked or printed as written (session 26).
        let reason: @Sendable (PendingTest) -> String = { p in
            [p.retestReason, explanation(p.classification, citations: citations)].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: "\n") + personalDataLine(p.item)
        }
        // The reason column widened for the longest reason (rules, grounds, precedents with their
        // sources: 1,900 characters for a list of social-aid recipients with NIK and account
        // numbers), which a row of a spreadsheet's maximum height cut after 31 lines.
        let reasonColumn = 6
        columns[reasonColumn].width = XLSXRowHeight.widthFitting(
            order.lazy.map { reason(pending[$0]) }, width: columns[reasonColumn].width, limit: widestExplanation)
        let row: @Sendable (Int) -> [String] = { i in
            let p = pending[order[i]]
            let c = p.classification
            let suggested = (c.suggested ?? c.declared ?? p.item.kategori)?.shortLabel ?? "Belum ada"
            return [
                "\(i + 1)", p.unit.name, p.item.nomor, p.item.ringkasan, p.item.pejabatPenguasa,
                suggested, reason(p), "",
                citations.citation(codes: c.exemptionGrounds, text: p.item.dasarHukumText),
                "", "", "", "", "", "", "", "", "", "", "", "", p.itemID, "\(p.revision)",
            ]
        }
        return ReviewTable(
            sheet: ReviewFormat.testSheet, title: "Informasi yang Memerlukan Uji Konsekuensi",
            intro: "Isi setiap kolom uji (UU 14/2008 Pasal 17 dan Pasal 19; Pertimbangan Kepentingan Publik: Pasal 2 ayat (4); "
                + "tahapan uji: Perki 1/2021 Pasal 49), sebagaimana berita acara mencetaknya. Kesimpulan dipilih dari daftar; "
                + "kesimpulan dikecualikan wajib disertai dasar hukum. Tanggal Uji wajib diisi dengan tanggal rapat Tim "
                + "(berita acara dibuka dengan hari dan tanggal itu); baris tanpa tanggal tidak dicatat. "
                + "Pengecualian yang hanya berdasar Pasal 17 huruf a–f "
                + "tidak bersifat permanen (Pasal 20 ayat (1)): tulis jangka waktunya. Nomor Berita Acara dan Tempat Uji "
                + "boleh kosong: nomor yang diberikan setelah berita acara ditandatangani dapat dicatat kemudian "
                + "(`dip test … --berita-acara-number`), dan tanpa Tempat Uji berita acara memuat kota tempat keputusan "
                + "ditetapkan. Baris tanpa kesimpulan tidak dicatat.",
            columns: columns, rowCount: order.count, row: row, numbered: true)
    }

    /// The unit by its name as the other sheets give it (a withdrawn unit's code when no name is
    /// known), and the changed fields in words: the sheet read "dinsos" and
    /// "ringkasan, waktu_pembuatan, tempat_pembuatan", the register's codes.
    static func changesTable(_ diff: VersionDiff, base: ReviewInput.ChangesBase = .lastDecree,
                             names: [String: String] = [:]) -> ReviewTable {
        let columns = [
            ReviewColumn(header: "Perangkat Daerah", width: 16),
            ReviewColumn(header: "Nomor di Daftar Unit", width: 8),
            ReviewColumn(header: "Ringkasan Isi Informasi", width: 48),
            ReviewColumn(header: "Perubahan", width: 18),
            ReviewColumn(header: "Kolom yang Berubah", width: 28),
            ReviewColumn(header: "Kategori Sebelumnya", width: 16),
            ReviewColumn(header: "Kategori Sekarang", width: 16),
        ] + idColumns
        // Sorted as places in the diff's four lists, not as a sorted copy of every delta (a
        // regency's first draft adds every item: 6 MB of copies at 4×, issue 19). Ties keep
        // the lists' order, as the stable sort of the concatenation did.
        // Before the first decree every item of the first draft would be listed as new, the
        // whole draft again (18,000 rows for a regency, a third of the pack's rows): none are.
        let lists = base == .firstDraft ? [] : [diff.added, diff.changed, diff.reclassified, diff.withdrawn]
        var places: [(list: Int, index: Int)] = []
        places.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (l, list) in lists.enumerated() { for i in list.indices { places.append((l, i)) } }
        places.sort { a, b in
            let x = lists[a.list][a.index], y = lists[b.list][b.index]
            if (x.unit, x.itemID) != (y.unit, y.itemID) { return (x.unit, x.itemID) < (y.unit, y.itemID) }
            return (a.list, a.index) < (b.list, b.index)
        }
        let deltas = places
        let row: @Sendable (Int) -> [String] = { i in
            let d = lists[deltas[i].list][deltas[i].index]
            return [
                names[d.unit] ?? d.unit, d.nomor ?? "", d.ringkasan, ReviewFormat.changeLabel(d.change),
                d.fields.map { FieldLabels.label($0).lowercased() }.joined(separator: ", "), d.fromCategory?.shortLabel ?? "",
                d.toCategory?.shortLabel ?? "", d.itemID, "\(d.revision)",
            ]
        }
        let title: String, intro: String
        switch base {
        case .lastDecree:
            let since = diff.from.map { "versi \($0)" } ?? "awal (belum ada keputusan sebelumnya)"
            title = "Perubahan sejak Keputusan Terakhir"
            intro = "Informasi yang baru, berubah, berpindah kategori, atau ditarik dibandingkan dengan \(since)."
        case .previousDraft:
            let since = diff.from.map { "rancangan DIP versi \($0)" } ?? "rancangan sebelumnya"
            title = "Perubahan sejak Rancangan Sebelumnya"
            intro = "Belum ada Keputusan DIP yang ditetapkan, jadi kolom Perubahan pada sheet kategori menandai "
                + "semua informasi sebagai baru. Sheet ini memuat informasi yang baru, berubah, berpindah kategori, "
                + "atau ditarik dibandingkan dengan \(since): yang berubah karena daftar yang dikirim sesudahnya."
        case .firstDraft:
            title = "Perubahan sejak Keputusan Terakhir"
            intro = "Belum ada Keputusan DIP yang ditetapkan dan belum ada rancangan sebelumnya: semua informasi "
                + "dalam rancangan ini baru dan tercantum pada sheet kategori dan sheet Uji Konsekuensi. "
                + "Sheet ini memuat perubahan mulai rancangan berikutnya."
        }
        return ReviewTable(
            sheet: ReviewFormat.changesSheet, title: title, intro: intro,
            columns: columns, rowCount: deltas.count, row: row)
    }

    static func unitNames(_ input: ReviewInput, draftUnits: [WorkUnit]? = nil) -> [String: String] {
        var names: [String: String] = [:]
        for u in input.units { names[u.code] = u.name }
        for u in draftUnits ?? ReviewCategoryItems.draftUnits(input.draft) { names[u.code] = u.name }
        for p in input.pending { names[p.unit.code] = p.unit.name }
        return names
    }

    static func severityLabel(_ s: Severity) -> String {
        switch s {
        case .error: return "Galat"
        case .warning: return "Peringatan"
        case .info: return "Info"
        }
    }

    static func problemsTable(_ input: ReviewInput, names: [String: String]? = nil) -> ReviewTable {
        let names = names ?? unitNames(input)
        let columns = [
            ReviewColumn(header: "Perangkat Daerah", width: 22),
            ReviewColumn(header: "Berkas", width: 24),
            ReviewColumn(header: "Lokasi", width: 26),
            ReviewColumn(header: "Tingkat", width: 14),
            ReviewColumn(header: "Masalah", width: 48),
            ReviewColumn(header: "Saran Perbaikan", width: 40),
        ]
        var rows: [[String]] = []
        for unit in input.problemsByUnit.keys.sorted() {
            for p in input.problemsByUnit[unit] ?? [] {
                rows.append([names[unit] ?? unit, p.file, p.locationText, severityLabel(p.severity),
                             p.message, p.hint])
            }
        }
        return ReviewTable(
            sheet: ReviewFormat.problemsSheet, title: "Masalah dalam Berkas Perangkat Daerah",
            intro: "Masalah yang ditemukan pada berkas terakhir setiap perangkat daerah.",
            columns: columns, rows: rows)
    }

    static func completenessTable(_ input: ReviewInput, names: [String: String]? = nil) -> ReviewTable {
        let names = names ?? unitNames(input)
        var columns = [
            ReviewColumn(header: "Perangkat Daerah", width: 24),
            ReviewColumn(header: "Jumlah Informasi", width: 10, numeric: true),
        ]
        for g in BerkalaSubgroup.allCases {
            columns.append(ReviewColumn(header: g.rawValue, width: 5, numeric: true))
        }
        columns.append(ReviewColumn(header: "Sub-kelompok Berkala yang Belum Ada", width: 24))
        columns.append(ReviewColumn(header: "Informasi Setiap Saat yang Belum Ada", width: 36))
        columns.append(ReviewColumn(header: "Unsur DIP yang Belum Ada Kolomnya", width: 36))
        let missingFields = input.missingFieldsByUnit
        var rows: [[String]] = []
        if let report = input.completeness {
            func row(_ e: CompletenessEntry, name: String) -> [String] {
                [name, "\(e.itemCount)"]
                    + BerkalaSubgroup.allCases.map { "\(e.subgroupCounts[$0.rawValue] ?? 0)" }
                    + [e.missingSubgroups.map { "\($0.rawValue). \($0.title)" }.joined(separator: "\n"),
                       e.missingSetiapSaat.map(report.setiapSaatName).joined(separator: "\n"),
                       e.unit.flatMap { missingFields[$0] }?.joined(separator: ", ") ?? ""]
            }
            for e in report.units.sorted(by: { ($0.unit ?? "") < ($1.unit ?? "") }) {
                rows.append(row(e, name: e.unit.map { names[$0] ?? $0 } ?? "Seluruh badan publik"))
            }
            rows.append(row(report.body, name: "Seluruh badan publik"))
        }
        return ReviewTable(
            sheet: ReviewFormat.completenessSheet, title: "Kelengkapan Informasi Berkala (Sub-kelompok A–K)",
            intro: "Jumlah informasi per sub-kelompok berkala Perki 1/2021 (A–K) untuk setiap perangkat daerah. "
                + BerkalaSubgroup.allCases.map { "\($0.rawValue): \($0.title)" }.joined(separator: "; ") + ".",
            columns: columns, rows: rows)
    }

    /// The instructions sheet's and the page's line on what the draft changes, under the draft's
    /// line: "PERUBAHAN SEJAK KEPUTUSAN TERAKHIR (DIP versi 2): 1 informasi baru, 1 berubah,
    /// 1 ditarik; …". After a unit's update the PPID opened the pack on the Berkala sheet, its new
    /// and changed rows among the rows approved before (the walk's v3: rows 12 and 14 of 14), and
    /// the sheet of changes eighth (session 26). Nil for a first draft (every item is new), when
    /// nothing changed, and without a draft.
    static func changesSummary(_ input: ReviewInput) -> String? {
        guard input.draft != nil, input.changesBase != .firstDraft, let from = input.diff.from else { return nil }
        let d = input.diff
        var parts: [String] = []
        if !d.added.isEmpty { parts.append("\(IndonesianNumber.grouped(d.added.count)) informasi baru") }
        if !d.changed.isEmpty { parts.append("\(IndonesianNumber.grouped(d.changed.count)) berubah") }
        if !d.reclassified.isEmpty { parts.append("\(IndonesianNumber.grouped(d.reclassified.count)) berpindah kategori") }
        if !d.withdrawn.isEmpty { parts.append("\(IndonesianNumber.grouped(d.withdrawn.count)) ditarik") }
        guard !parts.isEmpty else { return nil }
        let since = input.changesBase == .lastDecree
            ? "PERUBAHAN SEJAK KEPUTUSAN TERAKHIR (DIP versi \(from))" : "PERUBAHAN SEJAK RANCANGAN SEBELUMNYA (versi \(from))"
        return "\(since): " + parts.joined(separator: ", ") + ". Daftarnya ada pada sheet \(ReviewFormat.changesSheet); "
            + "pada sheet kategori, kolom Perubahan menandai barisnya (Baru, Berubah) dan kolom Keputusan Tercatat "
            + "kosong untuk informasi yang belum diputuskan."
    }

    /// The instructions shown first (sheet "Petunjuk" and the page's introduction).
    static func instructions(_ input: ReviewInput, clock: Clock) -> [String] {
        // After a publication with nothing new, "Belum ada rancangan DIP" read as if no DIP existed.
        let version = input.draft.map { "Rancangan DIP versi \($0.number)" }
            ?? input.diff.from.map { "Belum ada rancangan DIP baru sejak DIP versi \($0)" } ?? "Belum ada rancangan DIP"
        // Every hidden column the workbook has: ID Uji only on the sheet of records to complete,
        // which is there only while one waits (the pack's bytes are otherwise what they were).
        var hiddenColumns = "\(ReviewFormat.hiddenName(ReviewFormat.idHeader)) dan \(ReviewFormat.hiddenName(ReviewFormat.revisionHeader))"
        if !input.incompleteRecords.isEmpty {
            hiddenColumns = "\(ReviewFormat.hiddenName(ReviewFormat.idHeader)), \(ReviewFormat.hiddenName(ReviewFormat.revisionHeader)), "
                + "dan pada sheet \(ReviewFormat.completionSheet) juga \(ReviewFormat.hiddenName(ReviewFormat.testIDHeader))"
        }
        return [
            "Lembar Kerja Pemeriksaan Daftar Informasi Publik",
            "\(version); dibuat \(clock.indonesianDate()).",
            "1. Periksa usulan klasifikasi pada sheet Berkala, Serta Merta, Setiap Saat, dan Dikecualikan.",
            "2. Pada kolom Keputusan pilih Setujui atau Kembalikan. Bila Kembalikan, isi Catatan untuk perangkat daerah.",
            "3. Pada sheet Uji Konsekuensi isi kolom uji dan pilih Kesimpulan; kesimpulan dikecualikan wajib disertai dasar hukum (Pasal 17 UU 14/2008); pengecualian yang hanya berdasar huruf a–f tidak boleh permanen (Pasal 20 ayat (1)).",
            "4. Isi nama dan NIP pemeriksa di bawah ini.",
            "5. Simpan berkas dan letakkan di folder inbox/_ppid/. Keputusan dicatat pada proses berikutnya; hasilnya ada di reports/review/.",
            "Jangan mengubah kolom tersembunyi (\(hiddenColumns)) maupun nama sheet. Keputusan untuk informasi yang sudah berubah sejak lembar ini dibuat akan ditolak.",
            "Kolom A–K pada sheet Kelengkapan adalah sub-kelompok informasi berkala (Peraturan Komisi Informasi Nomor 1 Tahun 2021):",
        ] + BerkalaSubgroup.allCases.map { "\($0.rawValue). \($0.title)" }
    }
}

/// Where an item of a category table comes from and how the table orders it: by sub-group
/// (none first), unit code and id; the list (0 the draft's items, 1 its exempted items, 2 the
/// returned items) and the place in it break ties, as a stable sort of those lists did.
public struct ReviewPlace: Sendable {
    public var category: DIPCore.Category
    public var subgroup: String
    public var unit: String
    public var id: String
    public var list: Int
    public var index: Int

    public init(category: DIPCore.Category, subgroup: BerkalaSubgroup?, unit: String, id: String, list: Int, index: Int) {
        self.category = category
        self.subgroup = subgroup?.rawValue ?? ""
        self.unit = unit
        self.id = id
        self.list = list
        self.index = index
    }

    /// Each category's places in table order. A returned item (list 2) already in the draft is
    /// left out.
    public static func tables(_ places: [ReviewPlace]) -> [DIPCore.Category: [ReviewPlace]] {
        var inDraft = Set<String>()
        for p in places where p.list < 2 { inDraft.insert(p.id) }
        var out: [DIPCore.Category: [ReviewPlace]] = [:]
        for p in places where p.list < 2 || !inDraft.contains(p.id) { out[p.category, default: []].append(p) }
        return out.mapValues { list in
            list.sorted { ($0.subgroup, $0.unit, $0.id, $0.list, $0.index) < ($1.subgroup, $1.unit, $1.id, $1.list, $1.index) }
        }
    }
}

/// The items of the review's category tables, each category's in table order
/// (`ReviewPlace.tables`), given a range at a time, and the units of the draft's items.
public struct ReviewCategoryItems: Sendable {
    /// Number of items of each category's table.
    public var counts: [DIPCore.Category: Int]
    /// The units of the draft's items (their names head the problems and completeness rows).
    public var units: [WorkUnit]
    /// Items `range` of a category's table, in order.
    public var read: @Sendable (DIPCore.Category, Range<Int>) throws -> [VersionItem]

    public init(counts: [DIPCore.Category: Int], units: [WorkUnit],
                read: @escaping @Sendable (DIPCore.Category, Range<Int>) throws -> [VersionItem]) {
        self.counts = counts
        self.units = units
        self.read = read
    }

    /// From the input's draft and returned items, in memory.
    init(_ input: ReviewInput) {
        // Sorted as places in the three lists, not as items: a regency's 18,000 items were
        // copied, filtered and moved four times, a third of the tables' time.
        let lists = [input.draft?.items ?? [], input.draft?.exempted ?? [], input.returned]
        var places: [ReviewPlace] = []
        places.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for (l, list) in lists.enumerated() {
            for (i, v) in list.enumerated() {
                places.append(ReviewPlace(category: v.category, subgroup: v.subgroup, unit: v.unit.code, id: v.id,
                                          list: l, index: i))
            }
        }
        let tables = ReviewPlace.tables(places).mapValues { $0.map { lists[$0.list][$0.index] } }
        self.init(counts: tables.mapValues(\.count), units: Self.draftUnits(input.draft)) { category, range in
            Array(tables[category]![range])
        }
    }

    /// The units of a draft's items, each time the unit changes from one item to the next
    /// (the last name given for a code wins).
    static func draftUnits(_ draft: DIPVersion?) -> [WorkUnit] {
        var units: [WorkUnit] = []
        for list in [draft?.items ?? [], draft?.exempted ?? []] {
            var last: WorkUnit?
            for v in list where v.unit.code != last?.code || v.unit.name != last?.name {
                units.append(v.unit)
                last = v.unit
            }
        }
        return units
    }
}

/// The first failure of a review table's read, thrown once the pack is written.
final class ReviewReadFailure: @unchecked Sendable {
    private(set) var error: Error?

    func record(_ error: Error) { if self.error == nil { self.error = error } }

    func check() throws { if let error { throw error } }
}

/// A category table's items read in chunks, as the table's rows are made in order: one chunk
/// held at a time.
final class ReviewItemReader: @unchecked Sendable {
    static let chunk = 400
    let category: DIPCore.Category
    let count: Int
    let read: @Sendable (DIPCore.Category, Range<Int>) throws -> [VersionItem]
    let failure: ReviewReadFailure
    private var start = 0
    private var items: [VersionItem] = []

    init(_ category: DIPCore.Category, count: Int,
         read: @escaping @Sendable (DIPCore.Category, Range<Int>) throws -> [VersionItem], failure: ReviewReadFailure) {
        self.category = category
        self.count = count
        self.read = read
        self.failure = failure
    }

    /// Item `i`, or nil when its chunk could not be read (the failure is recorded).
    func item(_ i: Int) -> VersionItem? {
        if i < start || i >= start + items.count {
            items = []
            guard failure.error == nil, i >= 0, i < count else { return nil }
            let range = i..<min(count, i + Self.chunk)
            do {
                let read = try read(category, range)
                guard read.count == range.count else {
                    failure.record(ReviewReadError.shortRead(category: category, expected: range.count, got: read.count))
                    return nil
                }
                items = read
                start = i
            } catch {
                failure.record(error)
                return nil
            }
        }
        let v = items[i - start]
        // The last row of the table: its chunk is not needed any more.
        if i == count - 1 { items = [] }
        return v
    }
}

/// A category table's source gave fewer or more items than asked.
public enum ReviewReadError: Error, CustomStringConvertible {
    case shortRead(category: DIPCore.Category, expected: Int, got: Int)

    public var description: String {
        switch self {
        case .shortRead(let category, let expected, let got):
            return "Register memberi \(got) informasi \(category.shortLabel.lowercased()) untuk lembar pemeriksaan, bukan \(expected)."
        }
    }
}
