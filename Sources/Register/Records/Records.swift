import DIPCore
import Foundation
import GRDB

// One record type per table. Columns are snake_case; the coding strategies map them to
// the camelCase properties, so the records need no CodingKeys.

/// Shared snake_case mapping of the register's records.
protocol RegisterRecord: Codable, FetchableRecord, PersistableRecord {}

extension RegisterRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .convertFromSnakeCase
    }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy {
        .convertToSnakeCase
    }
}

/// Same as `RegisterRecord` for tables with an auto-incremented `id`.
protocol RegisterAutoRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension RegisterAutoRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy {
        .convertFromSnakeCase
    }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy {
        .convertToSnakeCase
    }
}

/// A row of `units`.
struct UnitRecord: RegisterRecord {
    static let databaseTableName = "units"
    var code: String
    var name: String
    var headTitle: String?
    var ppidPelaksana: String?

    init(_ unit: WorkUnit) {
        code = unit.code
        name = unit.name
        headTitle = unit.headTitle
        ppidPelaksana = unit.ppidPelaksana
    }

    var unit: WorkUnit {
        WorkUnit(code: code, name: name, headTitle: headTitle, ppidPelaksana: ppidPelaksana)
    }
}

/// A row of `submissions`: one file a unit dropped, accepted or refused.
struct SubmissionRecord: RegisterAutoRecord {
    static let databaseTableName = "submissions"
    var id: Int64?
    var unit: String
    var sha256: String
    var fileName: String
    var archivedPath: String
    var receivedAt: Date
    var outcome: String
    var reason: String?
    var problemCount: Int
    var itemCount: Int

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `submission_problems`.
struct ProblemRecord: RegisterAutoRecord {
    static let databaseTableName = "submission_problems"
    var id: Int64?
    var submission: Int64
    var ordinal: Int
    var file: String
    var sheet: String?
    var row: Int?
    var column: String?
    var columnName: String?
    var severity: String
    var code: String
    var message: String
    var hint: String
    var alsoInRows: Int?
    /// `Problem.summarisedRows` as "202-300,305" (`v20-problem-summarised-rows`).
    var summarisedRows: String?
    var rowText: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Runs of rows as text, "202-300,305": the register's form of `Problem.summarisedRows`.
    static func runsText(_ runs: [ClosedRange<Int>]?) -> String? {
        runs.map { $0.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",") }
    }

    /// The runs `runsText` wrote; nil for text it did not write.
    static func runs(_ text: String?) -> [ClosedRange<Int>]? {
        guard let text else { return nil }
        var out: [ClosedRange<Int>] = []
        for part in text.split(separator: ",") {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let low = Int(ends[0]), let high = Int(ends[ends.count - 1]), low <= high
            else { return nil }
            out.append(low...high)
        }
        return out
    }

    init(submission: Int64, ordinal: Int, problem: Problem) {
        self.submission = submission
        self.ordinal = ordinal
        file = problem.file
        sheet = problem.sheet
        row = problem.row
        column = problem.column
        columnName = problem.columnName
        severity = problem.severity.rawValue
        code = problem.code
        message = problem.message
        hint = problem.hint
        alsoInRows = problem.alsoInRows
        summarisedRows = Self.runsText(problem.summarisedRows)
        rowText = problem.rowText
    }

    var problem: Problem {
        var p = Problem(
            file: file, sheet: sheet, row: row, column: column, columnName: columnName,
            severity: Severity(rawValue: severity) ?? .warning, code: code, message: message,
            hint: hint)
        p.alsoInRows = alsoInRows
        p.summarisedRows = Self.runs(summarisedRows)
        p.rowText = rowText
        return p
    }
}

/// A row of `items`: the stable identity of one entry of a unit's list.
struct ItemRecord: RegisterRecord {
    static let databaseTableName = "items"
    var id: String
    var unit: String
    var seq: Int
    var kode: String?
    var currentRevision: Int
    var createdAt: Date
    var createdSubmission: Int64
    var withdrawnAt: Date?
    var withdrawnSubmission: Int64?
}

extension ItemRecord {
    /// Decodes by column name, as `RevisionRecord` does: every current item is read by each
    /// whole-register stage, and the Codable path was a noticeable share of an update run.
    init(row: Row) throws {
        id = row["id"]
        unit = row["unit"]
        seq = row["seq"]
        kode = row["kode"]
        currentRevision = row["current_revision"]
        createdAt = row["created_at"]
        createdSubmission = row["created_submission"]
        withdrawnAt = row["withdrawn_at"]
        withdrawnSubmission = row["withdrawn_submission"]
    }
}

/// A row of `item_revisions`: every version of an item's fields and classification.
struct RevisionRecord: RegisterAutoRecord {
    static let databaseTableName = "item_revisions"
    var id: Int64?
    var item: String
    var revision: Int
    var submission: Int64
    var recordedAt: Date
    var sourceFile: String
    var sourceSheet: String?
    var sourceRow: Int
    var nomor: String
    var ringkasan: String
    var pejabatPenguasa: String
    var penanggungJawab: String
    var waktuPembuatan: String
    var tempatPembuatan: String
    var bentuk: String
    var retensi: String
    var kategoriText: String?
    var declaredCategory: Category?
    var subkelompok: String?
    var judul: String?
    var keterangan: String?
    var kode: String?
    var dasarHukumText: String?
    var tautan: String?
    var formPrinted: Bool
    var formElectronic: Bool
    /// RetentionPeriod as a PeriodColumn text.
    var retention: String
    var tempatNormalised: String?
    var waktuNormalised: String?
    /// Classification as JSON.
    var classification: String
    var suggestedCategory: Category?
    var subgroup: BerkalaSubgroup?
    var needsTest: Bool
    /// Pasal 17 grounds, comma-separated.
    var grounds: String
    var needsReview: Bool
    var matchKey: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The columns `init(row:columns:)` reads, in the order of `Columns.at`.
    static let columnNames: [String] = [
        "id", "item", "revision", "submission", "recorded_at", "source_file", "source_sheet", "source_row",
        "nomor", "ringkasan", "pejabat_penguasa", "penanggung_jawab", "waktu_pembuatan", "tempat_pembuatan",
        "bentuk", "retensi", "kategori_text", "declared_category", "subkelompok", "judul", "keterangan",
        "kode", "dasar_hukum_text", "tautan", "form_printed", "form_electronic", "retention",
        "tempat_normalised", "waktu_normalised", "classification", "suggested_category", "subgroup",
        "needs_test", "grounds", "needs_review", "match_key",
    ]

    /// Where each of `columnNames` stands in a statement's rows, found once per statement:
    /// GRDB finds a column by name with a lowercased, hashed lookup, and 36 of them per row
    /// over every current revision were most of the cost of reading them (issue 19).
    struct Columns {
        let at: [Int]

        init(names: [String]) throws {
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() where index[name.lowercased()] == nil { index[name.lowercased()] = i }
            at = try RevisionRecord.columnNames.map { name in
                guard let i = index[name] else {
                    throw DatabaseError(message: "kolom \(name) tidak ada dalam hasil baca item_revisions")
                }
                return i
            }
        }
    }

    /// Decodes by column name (`columnNames` found in the row's columns). Hand-written because
    /// every stage loads all current revisions, and the Codable path cost a quarter of a cold
    /// run at 18,000 items; loops over many rows use `forEach`, which finds the columns once.
    init(row: Row) throws {
        try self.init(row: row, columns: Columns(names: Array(row.columnNames)))
    }

    /// Decodes a row whose columns stand where `columns` says.
    init(row: Row, columns: Columns) {
        let at = columns.at
        id = row[at[0]]
        item = row[at[1]]
        revision = row[at[2]]
        submission = row[at[3]]
        recordedAt = row[at[4]]
        sourceFile = row[at[5]]
        sourceSheet = row[at[6]]
        sourceRow = row[at[7]]
        nomor = row[at[8]]
        ringkasan = row[at[9]]
        pejabatPenguasa = row[at[10]]
        penanggungJawab = row[at[11]]
        waktuPembuatan = row[at[12]]
        tempatPembuatan = row[at[13]]
        bentuk = row[at[14]]
        retensi = row[at[15]]
        kategoriText = row[at[16]]
        declaredCategory = row[at[17]]
        subkelompok = row[at[18]]
        judul = row[at[19]]
        keterangan = row[at[20]]
        kode = row[at[21]]
        dasarHukumText = row[at[22]]
        tautan = row[at[23]]
        formPrinted = row[at[24]]
        formElectronic = row[at[25]]
        retention = row[at[26]]
        tempatNormalised = row[at[27]]
        waktuNormalised = row[at[28]]
        classification = row[at[29]]
        suggestedCategory = row[at[30]]
        subgroup = row[at[31]]
        needsTest = row[at[32]]
        grounds = row[at[33]]
        needsReview = row[at[34]]
        matchKey = row[at[35]]
    }

    /// Reads the revisions `sql` selects (every column of `item_revisions`), one row at a
    /// time, each decoded with the columns found once for the statement.
    static func forEach(
        _ db: Database, sql: String, arguments: StatementArguments = StatementArguments(),
        _ body: (inout RevisionRecord) throws -> Void
    ) throws {
        let statement = try db.makeStatement(sql: sql)
        let columns = try Columns(names: statement.columnNames)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() {
            var revision = RevisionRecord(row: row, columns: columns)
            try body(&revision)
        }
    }

    init(
        item: String, revision: Int, submission: Int64, recordedAt: Date,
        information i: InformationItem, classification c: Classification
    ) throws {
        self.item = item
        self.revision = revision
        self.submission = submission
        self.recordedAt = recordedAt
        sourceFile = i.source.file
        sourceSheet = i.source.sheet
        sourceRow = i.source.row
        nomor = i.nomor
        ringkasan = i.ringkasan
        pejabatPenguasa = i.pejabatPenguasa
        penanggungJawab = i.penanggungJawab
        waktuPembuatan = i.waktuPembuatan
        tempatPembuatan = i.tempatPembuatan
        bentuk = i.bentuk
        retensi = i.retensi
        kategoriText = i.kategoriText
        declaredCategory = i.kategori
        subkelompok = i.subkelompok
        judul = i.judul
        keterangan = i.keterangan
        kode = i.kode
        dasarHukumText = i.dasarHukumText
        tautan = i.tautan
        formPrinted = i.form.printed
        formElectronic = i.form.electronic
        retention = PeriodColumn.encode(i.retention)
        tempatNormalised = i.tempatNormalised
        waktuNormalised = i.waktuNormalised
        classification = ClassificationJSON.encode(c)
        suggestedCategory = c.suggested
        subgroup = c.subgroup
        needsTest = c.needsConsequenceTest
        grounds = c.exemptionGrounds.joined(separator: ",")
        needsReview = c.needsReview
        matchKey = ItemMatching.normalisedKey(i.ringkasan)
    }

    var information: InformationItem {
        InformationItem(
            source: SourceLocation(file: sourceFile, sheet: sourceSheet, row: sourceRow),
            nomor: nomor, ringkasan: ringkasan, pejabatPenguasa: pejabatPenguasa,
            penanggungJawab: penanggungJawab, waktuPembuatan: waktuPembuatan,
            tempatPembuatan: tempatPembuatan, bentuk: bentuk, retensi: retensi,
            kategoriText: kategoriText, kategori: declaredCategory, subkelompok: subkelompok,
            judul: judul, keterangan: keterangan, kode: kode, dasarHukumText: dasarHukumText, tautan: tautan,
            form: InformationForm(printed: formPrinted, electronic: formElectronic),
            retention: PeriodColumn.decode(retention),
            tempatNormalised: tempatNormalised, waktuNormalised: waktuNormalised)
    }

    func decodedClassification() throws -> Classification {
        try JSONText.decode(Classification.self, classification)
    }
}

/// Decoded classifications by their JSON text, for loops over many revisions. A register
/// repeats a few dozen distinct classifications over thousands of items (31 over the
/// benchmark's 18,000), so each is decoded once, and the decoded arrays and strings are
/// shared instead of held once per item; decoding every row was 8 % of a cold run.
///
/// The decoded texts are kept for the whole process (`Memo`, bounded): a run reads the
/// register's current items in several passes (the state, the draft decree's chunks, the
/// review pack, the templates), and decoding each distinct text once per pass was a tenth of
/// an update once the draft was read in chunks (issue 19). A text always decodes to the same
/// classification, whichever register it came from, so sharing cannot mix registers up.
struct ClassificationDecoder {
    /// Keyed by the text's UTF-8 bytes: a String key hashes and compares with Unicode
    /// normalisation, which over kilobyte texts with non-ASCII words was most of the cost of
    /// reading the register's state (issue 19); equal bytes are equal texts.
    final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var decoded: [Key: (text: String, value: Classification)] = [:]
        /// Emptied when it would hold more distinct texts than this (a few KB each; the
        /// benchmark's 4× regency has about 6,000).
        let limit: Int

        init(limit: Int) { self.limit = limit }

        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return decoded.count
        }

        func entry(_ text: String) throws -> (text: String, value: Classification) {
            let key = Key(text)
            lock.lock()
            let known = decoded[key]
            lock.unlock()
            if let known { return known }
            let classification = try JSONText.decode(Classification.self, text)
            lock.lock()
            defer { lock.unlock() }
            if decoded.count >= limit { decoded.removeAll() }
            decoded[key] = (text, classification)
            return (text, classification)
        }
    }

    static let shared = Memo(limit: 16_384)
    private let memo: Memo

    init(memo: Memo = ClassificationDecoder.shared) { self.memo = memo }

    /// A text compared and hashed by its UTF-8 bytes, in one call, in place (texts read from
    /// the register are native UTF-8; copying each into an array per row cost as much as
    /// hashing it).
    struct Key: Hashable {
        var text: String
        init(_ text: String) {
            self.text = text
            self.text.makeContiguousUTF8()
        }
        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        static func == (a: Key, b: Key) -> Bool {
            var x = a.text, y = b.text
            return x.withUTF8 { p in
                y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
            }
        }
    }

    mutating func decode(_ revision: RevisionRecord) throws -> Classification {
        try decode(text: revision.classification)
    }

    /// The classification of a JSON text.
    mutating func decode(text: String) throws -> Classification {
        try entry(text).value
    }

    /// Decodes `revision`'s classification and makes its JSON text the one instance already
    /// held for equal texts: a revision kept for a whole-register stage otherwise holds its
    /// own copy (about 1 KB an item).
    mutating func decodeSharing(_ revision: inout RevisionRecord) throws -> Classification {
        let (text, value) = try entry(revision.classification)
        revision.classification = text
        return value
    }

    /// The text held for `text` and its classification, decoded on first sight.
    private func entry(_ text: String) throws -> (text: String, value: Classification) {
        try memo.entry(text)
    }
}

/// The JSON text `JSONText.encode` gives for a classification, written directly: every
/// revision recorded stores one, and JSONEncoder per revision was 3 % of a cold run (the
/// texts differ per item, by the words each rule matched, so caching them does not help).
/// Keys in the encoder's sorted order, absent optionals left out, strings escaped as it
/// escapes them (`"`, `\`, `/`, and controls below U+0020; everything else as is).
/// `ClassificationJSONTests` compares it with JSONEncoder on random classifications and
/// fails when `Classification` or `RuleHit` gain a stored property.
enum ClassificationJSON {
    static func encode(_ c: Classification) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        var first = true
        func key(_ name: StaticString) {
            if !first { out.append(0x2C) }
            first = false
            out.append(0x22)
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [0x22, 0x3A])
        }
        func bool(_ b: Bool) { out.append(contentsOf: b ? "true".utf8 : "false".utf8) }
        func strings(_ list: [String]) {
            out.append(0x5B)
            for (i, s) in list.enumerated() {
                if i > 0 { out.append(0x2C) }
                string(s, into: &out)
            }
            out.append(0x5D)
        }
        out.append(0x7B)
        if let d = c.declared { key("declared"); string(d.rawValue, into: &out) }
        key("exemptionGrounds"); strings(c.exemptionGrounds)
        key("hits")
        out.append(0x5B)
        for (i, hit) in c.hits.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(contentsOf: #"{"description":"#.utf8)
            string(hit.description, into: &out)
            out.append(contentsOf: #","matchedWords":"#.utf8)
            strings(hit.matchedWords)
            out.append(contentsOf: #","ruleID":"#.utf8)
            string(hit.ruleID, into: &out)
            out.append(0x7D)
        }
        out.append(0x5D)
        key("missingLegalBasis"); bool(c.missingLegalBasis)
        key("needsConsequenceTest"); bool(c.needsConsequenceTest)
        key("needsReview"); bool(c.needsReview)
        key("notes"); strings(c.notes)
        if let p = c.precedentCategory { key("precedentCategory"); string(p.rawValue, into: &out) }
        if let g = c.subgroup { key("subgroup"); string(g.rawValue, into: &out) }
        if let s = c.suggested { key("suggested"); string(s.rawValue, into: &out) }
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }

    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22, 0x5C, 0x2F: out.append(contentsOf: [0x5C, b])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])  // \b
            case 0x09: out.append(contentsOf: [0x5C, 0x74])  // \t
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])  // \n
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])  // \f
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])  // \r
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])  // \u00xx
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}

/// A row of `item_states`: what one accepted submission did to one item.
struct ItemStateRecord: RegisterRecord {
    static let databaseTableName = "item_states"
    var submission: Int64
    var item: String
    var revision: Int
    var change: ItemChange
    /// Changed field codes, comma-separated.
    var fields: String
    var position: Int?
    var nomor: String?
    var sourceRow: Int?
}

/// A row of `consequence_tests`.
struct ConsequenceTestRecord: RegisterAutoRecord {
    static let databaseTableName = "consequence_tests"
    var id: Int64?
    var item: String
    var revision: Int
    var specificInformation: String
    var legalBasis: String
    var grounds: String
    var consequence: String
    var publicInterest: String
    var conclusion: ConsequenceConclusion
    /// RetentionPeriod as a PeriodColumn text.
    var period: String
    var periodText: String
    var conditionsForOpening: String
    var testerName: String?
    var testerNip: String?
    var testerTitle: String?
    var testedAt: Date?
    var enteredBy: String
    var enteredAt: Date
    var source: EntrySource
    /// Migration `v18-berita-acara-number-place`: nil in rows recorded before it.
    var beritaAcaraNumber: String?
    var place: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(
        item: String, revision: Int, test: ConsequenceTest, enteredBy: String, enteredAt: Date,
        source: EntrySource
    ) throws {
        self.item = item
        self.revision = revision
        specificInformation = test.specificInformation
        legalBasis = test.legalBasis
        grounds = test.grounds.joined(separator: ",")
        consequence = test.consequence
        publicInterest = test.publicInterest
        conclusion = test.conclusion
        period = PeriodColumn.encode(test.period)
        periodText = test.periodText
        conditionsForOpening = test.conditionsForOpening
        testerName = test.tester?.name
        testerNip = test.tester?.nip
        testerTitle = test.tester?.title
        testedAt = test.testedOn
        beritaAcaraNumber = ConsequenceTest.recordedText(test.beritaAcaraNumber)
        place = ConsequenceTest.recordedText(test.place)
        self.enteredBy = enteredBy
        self.enteredAt = enteredAt
        self.source = source
    }

    var test: ConsequenceTest {
        ConsequenceTest(
            specificInformation: specificInformation, legalBasis: legalBasis,
            grounds: grounds.split(separator: ",").map(String.init), consequence: consequence,
            publicInterest: publicInterest, conclusion: conclusion,
            period: PeriodColumn.decode(period),
            periodText: periodText, conditionsForOpening: conditionsForOpening,
            tester: testerName.map { Official(name: $0, nip: testerNip, title: testerTitle) },
            // A signed record (berita acara) carries a date: a test recorded without one (the
            // review workbook's date cell left empty) is dated the day it was recorded, never
            // printed as a blank "……… 2026".
            testedOn: testedAt ?? enteredAt, beritaAcaraNumber: beritaAcaraNumber, place: place)
    }
}

/// A row of `consequence_test_completions` (migration `v27-consequence-test-completions`):
/// what was added to a recorded test afterwards — the berita acara's registered number or the
/// day of the test — by whom and when. Holds only what it adds.
struct TestCompletionRecord: RegisterAutoRecord {
    static let databaseTableName = "consequence_test_completions"
    var id: Int64?
    var test: Int64
    var beritaAcaraNumber: String?
    var testedAt: Date?
    var enteredBy: String
    var enteredAt: Date
    var source: EntrySource

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ConsequenceTestRecord {
    /// The record as completed by `completions` (this test's, in the order recorded): a number
    /// or a day the row lacks is taken from the first completion giving it. Nothing recorded
    /// in the row itself is replaced.
    func completed(by completions: [TestCompletionRecord]) -> ConsequenceTestRecord {
        var record = self
        for c in completions where c.test == id {
            if record.beritaAcaraNumber == nil, let n = c.beritaAcaraNumber { record.beritaAcaraNumber = n }
            if record.testedAt == nil, let d = c.testedAt { record.testedAt = d }
        }
        return record
    }
}

/// A row of `decisions`: the PPID approving or returning one revision of an item.
struct DecisionRecord: RegisterAutoRecord {
    static let databaseTableName = "decisions"
    var id: Int64?
    var item: String
    var revision: Int
    var action: DecisionAction
    var note: String
    var byName: String
    var byNip: String?
    var at: Date
    var source: EntrySource

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `versions`.
struct VersionRecord: RegisterRecord {
    static let databaseTableName = "versions"
    var number: Int
    var status: VersionStatus
    var createdAt: Date
    var supersededBy: Int?
    var decreeNumber: String?
    var decreeDate: Date?
    var approvedByName: String?
    var approvedByNip: String?
    var approvedByTitle: String?
    var approvedAt: Date?
    var approvalSource: EntrySource?
    var publishedAt: Date?
    var previousVersion: Int?
    var dikDecreeNumber: String?
    var approvedByRank: String?
    var atasanName: String?
    var atasanNip: String?
    var atasanTitle: String?
    var atasanRank: String?
    var approvalForced: Bool = false

    var approvedBy: Official? {
        approvedByName.map { Official(name: $0, nip: approvedByNip, title: approvedByTitle, rank: approvedByRank) }
    }

    var atasan: Official? {
        atasanName.map { Official(name: $0, nip: atasanNip, title: atasanTitle, rank: atasanRank) }
    }
}

/// A row of `approval_events`: one approval, replacement or withdrawal, never changed.
struct ApprovalEventRecord: RegisterAutoRecord {
    static let databaseTableName = "approval_events"
    var id: Int64?
    var version: Int
    var action: ApprovalAction
    var decreeNumber: String?
    var dikDecreeNumber: String?
    var decreeDate: Date?
    var byName: String
    var byNip: String?
    var byTitle: String?
    var byRank: String?
    var atasanName: String?
    var atasanNip: String?
    var forced: Bool
    var unreviewed: Int
    var pendingTests: Int
    var note: String
    var at: Date
    var source: EntrySource
    /// The exemptions re-issued past their period without a new test, "<id> r<revision>" joined by ", ".
    var endedExemptionsReissued: String = ""
    /// The items opened although they name personal data, approved over the warning, as above.
    var openedPersonalData: String = ""

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `version_items`: one item's place in one version.
struct VersionItemRecord: RegisterRecord {
    static let databaseTableName = "version_items"
    var version: Int
    var item: String
    var revision: Int
    var category: DIPCore.Category
    var subgroup: BerkalaSubgroup?
    var exempted: Bool
    var test: Int64?
    var change: ItemChange
    var position: Int
    var nomor: String
    /// The newest completion of `test` when the version was made (migration
    /// `v27-consequence-test-completions`; nil without one, and in rows made before it).
    var testCompletion: Int64? = nil
}

extension VersionItemRecord {
    /// Decodes by column name: a draft reads the newest version's rows and its own (twice
    /// the register's size per update run), which the Codable path made slow.
    init(row: Row) throws {
        version = row["version"]
        item = row["item"]
        revision = row["revision"]
        category = row["category"]
        subgroup = row["subgroup"]
        exempted = row["exempted"]
        test = row["test"]
        change = row["change"]
        position = row["position"]
        nomor = row["nomor"]
        testCompletion = row["test_completion"]
    }
}

/// JSON text columns, with sorted keys so equal values give equal text. The coders are
/// made once: creating them per row dominated reading large versions.
enum JSONText {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }
}

/// A retention or exemption period as one short text column: "permanen", "years:5",
/// "months:6", "selama_berlaku", "until:<event>", "jra" (as the Jadwal Retensi Arsip sets it), "" (unknown).
enum PeriodColumn {
    static func encode(_ period: RetentionPeriod) -> String {
        switch period {
        case .permanent: return "permanen"
        case .years(let n): return "years:\(n)"
        case .months(let n): return "months:\(n)"
        case .whileValid: return "selama_berlaku"
        case .untilEvent(let event): return "until:\(event)"
        case .retentionSchedule: return "jra"
        case .unknown: return ""
        }
    }

    static func decode(_ text: String) -> RetentionPeriod {
        if text == "permanen" { return .permanent }
        if text == "selama_berlaku" { return .whileValid }
        if text == "jra" { return .retentionSchedule }
        if text.hasPrefix("years:"), let n = Int(text.dropFirst(6)) { return .years(n) }
        if text.hasPrefix("months:"), let n = Int(text.dropFirst(7)) { return .months(n) }
        if text.hasPrefix("until:") { return .untilEvent(String(text.dropFirst(6))) }
        return .unknown
    }
}

// Hand-written encoding of the records written by the thousand (a cold run inserts 18,000
// revisions, states and version rows): the Codable path with its snake_case conversion was a
// fifth of intake. Same columns and values as the Codable encoding (nil is written as NULL).

extension ProblemRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["submission"] = submission
        container["ordinal"] = ordinal
        container["file"] = file
        container["sheet"] = sheet
        container["row"] = row
        container["column"] = column
        container["column_name"] = columnName
        container["severity"] = severity
        container["code"] = code
        container["message"] = message
        container["hint"] = hint
        container["also_in_rows"] = alsoInRows
        container["summarised_rows"] = summarisedRows
        container["row_text"] = rowText
    }
}

extension ItemRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["unit"] = unit
        container["seq"] = seq
        container["kode"] = kode
        container["current_revision"] = currentRevision
        container["created_at"] = createdAt
        container["created_submission"] = createdSubmission
        container["withdrawn_at"] = withdrawnAt
        container["withdrawn_submission"] = withdrawnSubmission
    }
}

extension RevisionRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["item"] = item
        container["revision"] = revision
        container["submission"] = submission
        container["recorded_at"] = recordedAt
        container["source_file"] = sourceFile
        container["source_sheet"] = sourceSheet
        container["source_row"] = sourceRow
        container["nomor"] = nomor
        container["ringkasan"] = ringkasan
        container["pejabat_penguasa"] = pejabatPenguasa
        container["penanggung_jawab"] = penanggungJawab
        container["waktu_pembuatan"] = waktuPembuatan
        container["tempat_pembuatan"] = tempatPembuatan
        container["bentuk"] = bentuk
        container["retensi"] = retensi
        container["kategori_text"] = kategoriText
        container["declared_category"] = declaredCategory
        container["subkelompok"] = subkelompok
        container["judul"] = judul
        container["keterangan"] = keterangan
        container["kode"] = kode
        container["dasar_hukum_text"] = dasarHukumText
        container["tautan"] = tautan
        container["form_printed"] = formPrinted
        container["form_electronic"] = formElectronic
        container["retention"] = retention
        container["tempat_normalised"] = tempatNormalised
        container["waktu_normalised"] = waktuNormalised
        container["classification"] = classification
        container["suggested_category"] = suggestedCategory
        container["subgroup"] = subgroup
        container["needs_test"] = needsTest
        container["grounds"] = grounds
        container["needs_review"] = needsReview
        container["match_key"] = matchKey
    }
}

extension ItemStateRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["submission"] = submission
        container["item"] = item
        container["revision"] = revision
        container["change"] = change
        container["fields"] = fields
        container["position"] = position
        container["nomor"] = nomor
        container["source_row"] = sourceRow
    }
}

extension VersionItemRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["version"] = version
        container["item"] = item
        container["revision"] = revision
        container["category"] = category
        container["subgroup"] = subgroup
        container["exempted"] = exempted
        container["test"] = test
        container["change"] = change
        container["position"] = position
        container["nomor"] = nomor
    }
}

/// A row of `held_submissions`: a list held for the PPID because it would withdraw most of
/// its unit's items (issue 16 #7).
struct HeldSubmissionRecord: RegisterAutoRecord {
    static let databaseTableName = "held_submissions"
    var id: Int64?
    var unit: String
    var sha256: String
    var fileName: String
    var archivedPath: String
    var receivedAt: Date
    var itemCount: Int
    var currentCount: Int
    var withdrawnCount: Int
    var status: String
    var decidedByName: String?
    var decidedByNip: String?
    var decidedAt: Date?
    var note: String?
    var appliedSubmission: Int64?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var held: HeldSubmission {
        HeldSubmission(
            id: id!, unit: unit, sha256: sha256, fileName: fileName, archivedPath: archivedPath,
            receivedAt: receivedAt, itemCount: itemCount,
            count: WithdrawalCount(withdrawn: withdrawnCount, current: currentCount),
            status: HoldStatus(rawValue: status) ?? .held,
            decidedBy: decidedByName.map { Official(name: $0, nip: decidedByNip) }, decidedAt: decidedAt,
            note: note, appliedSubmission: appliedSubmission)
    }
}

// Prepared inserts for the four kinds of rows a cold run writes by the ten thousand (items,
// revisions, item states, version rows). GRDB's record insert builds a persistence container
// and looks its statement up per row; these bind the same columns and values in one cached
// statement. `PreparedInsertTests` inserts records both ways and compares the rows.

protocol PreparedInsert {
    /// The INSERT statement, columns in `encode(to:)` order (the auto-incremented id left out,
    /// which SQLite assigns as it does for the NULL the record insert writes).
    static var insertSQL: String { get }
    /// The values of those columns, as `encode(to:)` writes them.
    var insertArguments: StatementArguments { get }
}

/// The value GRDB stores for a date, the last one remembered: every row a list records
/// carries the run's clock, and GRDB formats each date through a DateFormatter (0.7 % of a
/// cold run). A miss asks GRDB, so the stored text is GRDB's own.
enum StoredDate {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: (date: Date, value: DatabaseValue)?

    static func value(_ date: Date) -> DatabaseValue {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.date == date { return last.value }
        let value = date.databaseValue
        last = (date, value)
        return value
    }
}

extension PreparedInsert {
    /// Inserts the row; returns its rowid.
    @discardableResult
    func insertPrepared(_ db: Database) throws -> Int64 {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: insertArguments)
        return db.lastInsertedRowID
    }
}

extension ItemRecord: PreparedInsert {
    static let insertSQL = """
        INSERT INTO "items" ("id", "unit", "seq", "kode", "current_revision", "created_at", "created_submission", \
        "withdrawn_at", "withdrawn_submission") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    var insertArguments: StatementArguments {
        [id, unit, seq, kode, currentRevision, StoredDate.value(createdAt), createdSubmission, withdrawnAt, withdrawnSubmission]
    }
}

extension RevisionRecord: PreparedInsert {
    static let insertSQL = """
        INSERT INTO "item_revisions" ("item", "revision", "submission", "recorded_at", "source_file", "source_sheet", \
        "source_row", "nomor", "ringkasan", "pejabat_penguasa", "penanggung_jawab", "waktu_pembuatan", \
        "tempat_pembuatan", "bentuk", "retensi", "kategori_text", "declared_category", "subkelompok", "judul", \
        "keterangan", "kode", "dasar_hukum_text", "tautan", "form_printed", "form_electronic", "retention", \
        "tempat_normalised", "waktu_normalised", "classification", "suggested_category", "subgroup", "needs_test", \
        "grounds", "needs_review", "match_key") VALUES (\(Array(repeating: "?", count: 35).joined(separator: ", ")))
        """
    var insertArguments: StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            item, revision, submission, StoredDate.value(recordedAt), sourceFile, sourceSheet,
            sourceRow, nomor, ringkasan, pejabatPenguasa, penanggungJawab, waktuPembuatan,
            tempatPembuatan, bentuk, retensi, kategoriText, declaredCategory, subkelompok, judul,
            keterangan, kode, dasarHukumText, tautan, formPrinted, formElectronic, retention,
            tempatNormalised, waktuNormalised, classification, suggestedCategory, subgroup, needsTest,
            grounds, needsReview, matchKey,
        ]
        return StatementArguments(values)
    }

    /// Inserts the row and takes its id, as `insert(_:)` does.
    mutating func insertPrepared(_ db: Database) throws {
        let rowID: Int64 = try (self as PreparedInsert).insertPrepared(db)
        id = rowID
    }
}

extension ItemStateRecord: PreparedInsert {
    static let insertSQL = """
        INSERT INTO "item_states" ("submission", "item", "revision", "change", "fields", "position", "nomor", \
        "source_row") VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    var insertArguments: StatementArguments {
        [submission, item, revision, change, fields, position, nomor, sourceRow]
    }
}

extension VersionItemRecord: PreparedInsert {
    static let insertSQL = """
        INSERT INTO "version_items" ("version", "item", "revision", "category", "subgroup", "exempted", "test", \
        "change", "position", "nomor", "test_completion") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    var insertArguments: StatementArguments {
        [version, item, revision, category, subgroup, exempted, test, change, position, nomor, testCompletion]
    }
}
