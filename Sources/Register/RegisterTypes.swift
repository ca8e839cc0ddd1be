import DIPCore
import Foundation
import GRDB

/// How a decision or a test reached the register: typed on the command line, or read from
/// the review workbook dropped in the inbox.
public enum EntrySource: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case cli
    case workbook
}

/// What happened to a version's approval.
public enum ApprovalAction: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// The PPID approved a draft.
    case approve
    /// The PPID approved again, replacing the earlier approval (before publication).
    case replace
    /// The PPID withdrew the approval; the version is a draft again.
    case withdraw
}

/// What `dip approve` stores: the decree numbers and date, who signs, and the Atasan PPID.
public struct ApprovalRequest: Sendable, Hashable {
    public var decreeNumber: String
    /// The number of the DIK (classification) decree; required when the version has exempted items.
    public var dikDecreeNumber: String?
    public var decreeDate: Date
    /// The PPID who signs: what the decrees print.
    public var signatory: Official
    /// The Atasan PPID who approves the exemptions (printed in the "Menyetujui" block).
    public var atasan: Official?
    /// Approve although items are unreviewed or tests pending (`--force-unreviewed`; recorded).
    public var force: Bool
    /// Exemptions whose period ended by the decree date that the DIK decree re-issues on the test
    /// that set them, approved so by the PPID (`--force-ended-exemptions`): recorded with the event.
    public var endedExemptionsReissued: [ItemRevisionRef]
    /// Items the DIP publishes whole on a test concluding *terbuka* although a personal-data ground
    /// or the words of the item or test name personal data (`LegalCitations.openedPersonalData`):
    /// approved over `dip approve`'s warning, which is not a refusal; recorded with the event (session 25).
    public var openedPersonalData: [ItemRevisionRef]
    public var note: String

    public init(decreeNumber: String, dikDecreeNumber: String? = nil, decreeDate: Date, signatory: Official,
                atasan: Official? = nil, force: Bool = false, endedExemptionsReissued: [ItemRevisionRef] = [],
                openedPersonalData: [ItemRevisionRef] = [], note: String = "") {
        self.decreeNumber = decreeNumber
        self.dikDecreeNumber = dikDecreeNumber
        self.decreeDate = decreeDate
        self.signatory = signatory
        self.atasan = atasan
        self.force = force
        self.endedExemptionsReissued = endedExemptionsReissued
        self.openedPersonalData = openedPersonalData
        self.note = note
    }
}

/// One revision of one item, as an approval names it ("dinsos-0007 revisi 1").
public struct ItemRevisionRef: Codable, Sendable, Hashable {
    public var item: String
    public var revision: Int
    public init(item: String, revision: Int) {
        self.item = item
        self.revision = revision
    }
    /// As the register stores a list of them: "dinsos-0007 r1, dinsos-0009 r2" ("" for none).
    static func stored(_ refs: [ItemRevisionRef]) -> String {
        var out: [String] = []
        for ref in refs { out.append(ref.item + " r" + String(ref.revision)) }
        return out.joined(separator: ", ")
    }

    /// The list `stored` wrote; what does not read as "<id> r<revision>" is skipped.
    static func parsed(_ text: String) -> [ItemRevisionRef] {
        var refs: [ItemRevisionRef] = []
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: " ")
            guard parts.count == 2, parts[1].hasPrefix("r"), let n = Int(parts[1].dropFirst()) else { continue }
            refs.append(ItemRevisionRef(item: String(parts[0]), revision: n))
        }
        return refs
    }
}

/// How far the PPID's review of a draft is: items without a decision on their revision, and
/// items still waiting for a consequence test.
public struct ApprovalReadiness: Codable, Sendable, Hashable {
    public var version: Int
    public var unreviewed: [String]
    public var pendingTests: [String]
    public var isReady: Bool { unreviewed.isEmpty && pendingTests.isEmpty }
}

/// One entry of a version's approval history.
public struct ApprovalEvent: Codable, Sendable, Hashable {
    public var version: Int
    public var action: ApprovalAction
    public var decreeNumber: String?
    public var dikDecreeNumber: String?
    public var decreeDate: Date?
    public var by: Official
    public var atasan: Official?
    /// Approved with items unreviewed or tests pending (`--force-unreviewed`).
    public var forced: Bool
    public var unreviewed: Int
    public var pendingTests: Int
    public var note: String
    public var at: Date
    public var source: EntrySource
    /// Exemptions re-issued although their period had ended, without a new test (`--force-ended-exemptions`).
    public var endedExemptionsReissued: [ItemRevisionRef] = []
    /// Items published whole although they name personal data, approved over the warning (session
    /// 25); nil when none (an event stored before then, or one that opened none: left out of JSON).
    public var openedPersonalData: [ItemRevisionRef]?
}

/// What the PPID decided on one revision of an item.
public enum DecisionAction: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Accepted as is (undoes an earlier return of the same revision).
    case approve
    /// Sent back to the unit with a correction note.
    case `return`
}

extension ItemChange: DatabaseValueConvertible {}
extension VersionStatus: DatabaseValueConvertible {}
extension ConsequenceConclusion: DatabaseValueConvertible {}
extension DIPCore.Category: DatabaseValueConvertible {}
extension BerkalaSubgroup: DatabaseValueConvertible {}

/// How the intake stage judged a file.
public enum SubmissionAcceptance: Hashable, Sendable {
    /// Readable: its items are the unit's new full list.
    case accepted
    /// Not usable; the unit's current list stays as it was.
    case refused(reason: String)
}

/// An item read from a file with its classification.
public struct ClassifiedItem: Hashable, Sendable {
    public var item: InformationItem
    public var classification: Classification

    public init(item: InformationItem, classification: Classification) {
        self.item = item
        self.classification = classification
    }
}

/// One file to record, for `recordSubmissions(_:)` (see `recordSubmission` for the fields).
public struct SubmissionInput: Hashable, Sendable {
    public var unit: WorkUnit
    public var fileName: String
    public var sha256: String
    public var archivedPath: String
    public var receivedAt: Date
    public var result: SubmissionAcceptance
    public var items: [ClassifiedItem]
    public var problems: [Problem]
    /// When set, an accepted list that would withdraw most of the unit's items is held
    /// instead of applied (nil: always applied, as the PPID's `dip release` does).
    public var holdPolicy: MassWithdrawalPolicy?

    public init(
        unit: WorkUnit, fileName: String, sha256: String, archivedPath: String,
        receivedAt: Date, result: SubmissionAcceptance, items: [ClassifiedItem], problems: [Problem],
        holdPolicy: MassWithdrawalPolicy? = nil
    ) {
        self.holdPolicy = holdPolicy
        self.unit = unit
        self.fileName = fileName
        self.sha256 = sha256
        self.archivedPath = archivedPath
        self.receivedAt = receivedAt
        self.result = result
        self.items = items
        self.problems = problems
    }
}

/// One item's part in a submission or a difference between versions.
public struct ItemDelta: Codable, Hashable, Sendable {
    public var itemID: String
    public var unit: String
    /// The revision after the change (for withdrawn items, the last revision).
    public var revision: Int
    public var change: ItemChange
    /// Changed field codes ("ringkasan", "bentuk", …, "kategori", "subkelompok",
    /// "klasifikasi"), in the fixed order of docs/register.md.
    public var fields: [String]
    /// The summary as it now reads (for withdrawn items, as it last read).
    public var ringkasan: String
    /// The number in the unit's list, when the item is in it.
    public var nomor: String?
    /// Category before and after, for differences between versions.
    public var fromCategory: DIPCore.Category?
    public var toCategory: DIPCore.Category?

    public init(
        itemID: String, unit: String, revision: Int, change: ItemChange, fields: [String],
        ringkasan: String, nomor: String?, fromCategory: DIPCore.Category? = nil,
        toCategory: DIPCore.Category? = nil
    ) {
        self.itemID = itemID
        self.unit = unit
        self.revision = revision
        self.change = change
        self.fields = fields
        self.ringkasan = ringkasan
        self.nomor = nomor
        self.fromCategory = fromCategory
        self.toCategory = toCategory
    }
}

/// What recording a submission did to one row of the unit's list (`AppDatabase.rowChangesBy`).
public struct RowChange: Hashable, Sendable {
    /// Added, changed, reclassified or unchanged (a row is never withdrawn).
    public var change: ItemChange
    /// The changed field codes, as `ItemDelta.fields`.
    public var fields: [String]

    public init(change: ItemChange, fields: [String]) {
        self.change = change
        self.fields = fields
    }
}

/// What recording a submission did to the unit's list.
public struct SubmissionUpdate: Codable, Hashable, Sendable {
    /// Outcome of recording the file.
    public enum Outcome: String, Codable, Sendable {
        case accepted
        case refused
        /// The same file (same unit, same SHA-256) was recorded before: nothing was written.
        case duplicate
        /// Readable, but it would withdraw most of the unit's list: held for the PPID
        /// (`held_submissions`), the unit's list unchanged (issue 16 #7).
        case held
    }

    public var outcome: Outcome
    public var unit: String
    /// The submission row (the earlier one for duplicates).
    public var submissionID: Int64
    public var added: [ItemDelta]
    public var changed: [ItemDelta]
    public var unchanged: [ItemDelta]
    public var reclassified: [ItemDelta]
    public var withdrawn: [ItemDelta]
    /// For `.held`: what applying the file would have withdrawn (`submissionID` is then the
    /// `held_submissions` row).
    public var hold: WithdrawalCount? = nil

    public init(
        outcome: Outcome, unit: String, submissionID: Int64, added: [ItemDelta] = [],
        changed: [ItemDelta] = [], unchanged: [ItemDelta] = [], reclassified: [ItemDelta] = [],
        withdrawn: [ItemDelta] = [], hold: WithdrawalCount? = nil
    ) {
        self.hold = hold
        self.outcome = outcome
        self.unit = unit
        self.submissionID = submissionID
        self.added = added
        self.changed = changed
        self.unchanged = unchanged
        self.reclassified = reclassified
        self.withdrawn = withdrawn
    }

    /// Whether the unit's list changed at all.
    public var hasChanges: Bool {
        !(added.isEmpty && changed.isEmpty && reclassified.isEmpty && withdrawn.isEmpty)
    }
}

/// How many of a unit's current items a new list would withdraw.
public struct WithdrawalCount: Codable, Hashable, Sendable {
    /// Current items the list leaves out.
    public var withdrawn: Int
    /// The unit's current items before the list.
    public var current: Int

    public init(withdrawn: Int, current: Int) {
        self.withdrawn = withdrawn
        self.current = current
    }
}

/// When a unit's new list is held for the PPID instead of applied (issue 16 #7: a copy that
/// stalled past the settle window was taken half-written and 990 items were withdrawn).
///
/// Held when it would withdraw at least `minimumWithdrawn` current items AND more than
/// `percent` % of them. Defaults: 10 items, 50 %; set in `rules/penerimaan.json`
/// (docs/problems.md, `mass-withdrawal-held`). `percent: 100` never holds.
public struct MassWithdrawalPolicy: Codable, Hashable, Sendable {
    public var minimumWithdrawn: Int
    public var percent: Int

    public static let standard = MassWithdrawalPolicy(minimumWithdrawn: 10, percent: 50)

    public init(minimumWithdrawn: Int, percent: Int) {
        self.minimumWithdrawn = minimumWithdrawn
        self.percent = percent
    }

    /// Missing keys take the defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minimumWithdrawn = try c.decodeIfPresent(Int.self, forKey: .minimumWithdrawn) ?? Self.standard.minimumWithdrawn
        percent = try c.decodeIfPresent(Int.self, forKey: .percent) ?? Self.standard.percent
    }

    /// Whether a list withdrawing `count.withdrawn` of `count.current` items is held.
    public func holds(_ count: WithdrawalCount) -> Bool {
        count.withdrawn >= max(1, minimumWithdrawn) && count.withdrawn * 100 > count.current * percent
    }

    /// Problems with the values, in Indonesian (empty when valid).
    public var problems: [String] {
        var out: [String] = []
        if minimumWithdrawn < 1 { out.append("minimumWithdrawn harus 1 atau lebih (sekarang \(minimumWithdrawn))") }
        if !(0...100).contains(percent) { out.append("percent harus 0 sampai 100 (sekarang \(percent))") }
        return out
    }
}

/// What became of a held submission.
public enum HoldStatus: String, Codable, Hashable, Sendable {
    /// Waiting for the PPID.
    case held
    /// Applied by the PPID (`dip release`).
    case released
    /// Discarded by the PPID (`dip release --refuse`); the unit's list stayed.
    case refused
    /// The unit sent a newer list (or its current list again) before the PPID decided.
    case superseded
}

/// A submission held for the PPID (`held_submissions`).
public struct HeldSubmission: Codable, Hashable, Sendable {
    public var id: Int64
    public var unit: String
    public var sha256: String
    public var fileName: String
    /// The archived original, relative to the workspace; applied from there on release.
    public var archivedPath: String
    public var receivedAt: Date
    /// Rows read from the file.
    public var itemCount: Int
    public var count: WithdrawalCount
    public var status: HoldStatus
    public var decidedBy: Official?
    public var decidedAt: Date?
    public var note: String?
    /// The `submissions` row made when it was released.
    public var appliedSubmission: Int64?
}

/// An item waiting for a consequence test on its current revision.
public struct PendingTest: Codable, Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var unit: WorkUnit
    public var item: InformationItem
    public var classification: Classification
    /// Why a test is asked for again of an item already tested (an exemption whose period ended
    /// or ends soon, `ExemptionPeriods`); nil for an item never tested on this revision.
    public var retestReason: String? = nil

    public init(
        itemID: String, revision: Int, unit: WorkUnit, item: InformationItem,
        classification: Classification, retestReason: String? = nil
    ) {
        self.itemID = itemID
        self.revision = revision
        self.unit = unit
        self.item = item
        self.classification = classification
        self.retestReason = retestReason
    }
}

/// A correction note the PPID attached when returning an item: told to the unit in its next
/// feedback, until the unit sends a new revision of the item.
public struct ReturnNote: Codable, Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var nomor: String
    public var ringkasan: String
    public var note: String
    public var by: String
    public var at: Date

    public init(
        itemID: String, revision: Int, nomor: String, ringkasan: String, note: String,
        by: String, at: Date
    ) {
        self.itemID = itemID
        self.revision = revision
        self.nomor = nomor
        self.ringkasan = ringkasan
        self.note = note
        self.by = by
        self.at = at
    }
}

/// A short description of a version for status lines.
public struct VersionSummary: Codable, Hashable, Sendable {
    public var number: Int
    public var status: VersionStatus
    public var createdAt: Date
    public var itemCount: Int
    public var exemptedCount: Int
    public var decreeNumber: String?
    public var decreeDate: Date?
    public var approvedBy: Official?
    public var approvedAt: Date?
    public var publishedAt: Date?

    public init(
        number: Int, status: VersionStatus, createdAt: Date, itemCount: Int,
        exemptedCount: Int, decreeNumber: String?, decreeDate: Date?, approvedBy: Official?,
        approvedAt: Date?, publishedAt: Date?
    ) {
        self.number = number
        self.status = status
        self.createdAt = createdAt
        self.itemCount = itemCount
        self.exemptedCount = exemptedCount
        self.decreeNumber = decreeNumber
        self.decreeDate = decreeDate
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.publishedAt = publishedAt
    }
}

/// A unit's last submission.
public struct SubmissionSummary: Codable, Hashable, Sendable {
    public var id: Int64
    public var fileName: String
    public var sha256: String
    public var receivedAt: Date
    /// "accepted" or "refused".
    public var outcome: String
    public var reason: String?
    public var problemCount: Int
    public var itemCount: Int

    public init(
        id: Int64, fileName: String, sha256: String, receivedAt: Date, outcome: String,
        reason: String?, problemCount: Int, itemCount: Int
    ) {
        self.id = id
        self.fileName = fileName
        self.sha256 = sha256
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.reason = reason
        self.problemCount = problemCount
        self.itemCount = itemCount
    }
}

/// One unit's line in `dip status`.
public struct UnitStatus: Codable, Hashable, Sendable {
    public var unit: WorkUnit
    public var lastSubmission: SubmissionSummary?
    /// Items in the unit's current list.
    public var itemCount: Int
    /// Problems in the last submission.
    public var problemCount: Int
    /// Items of the unit waiting for a consequence test.
    public var pendingTestCount: Int
    /// Items the PPID returned and the unit has not corrected yet.
    public var returnedCount: Int

    public init(
        unit: WorkUnit, lastSubmission: SubmissionSummary?, itemCount: Int, problemCount: Int,
        pendingTestCount: Int, returnedCount: Int
    ) {
        self.unit = unit
        self.lastSubmission = lastSubmission
        self.itemCount = itemCount
        self.problemCount = problemCount
        self.pendingTestCount = pendingTestCount
        self.returnedCount = returnedCount
    }
}

/// The whole register at a glance (`dip status`).
public struct RegisterStatus: Codable, Hashable, Sendable {
    public var units: [UnitStatus]
    public var pendingTests: [PendingTest]
    /// The newest draft, when it waits for approval.
    public var draft: VersionSummary?
    /// An approved version not yet published.
    public var approved: VersionSummary?
    public var lastPublished: VersionSummary?
    /// Lists held for the PPID because they would withdraw most of their unit's items
    /// (issue 16 #7), waiting for `dip release`.
    public var held: [HeldSubmission]
    /// Items on record the rules in force would classify differently, waiting for the PPID
    /// (session 25, `pendingRuleChanges`).
    public var ruleChanges: [RuleChange]

    public init(
        units: [UnitStatus], pendingTests: [PendingTest], draft: VersionSummary?,
        approved: VersionSummary?, lastPublished: VersionSummary?, held: [HeldSubmission] = [],
        ruleChanges: [RuleChange] = []
    ) {
        self.held = held
        self.ruleChanges = ruleChanges
        self.units = units
        self.pendingTests = pendingTests
        self.draft = draft
        self.approved = approved
        self.lastPublished = lastPublished
    }
}

/// The differences between two versions (or a version and the register's current state).
public struct VersionDiff: Codable, Hashable, Sendable {
    /// The older side; nil for "nothing" (before the first version).
    public var from: Int?
    /// The newer side; nil for the register's current state (not yet a version).
    public var to: Int?
    public var added: [ItemDelta]
    public var changed: [ItemDelta]
    public var reclassified: [ItemDelta]
    public var withdrawn: [ItemDelta]

    public init(
        from: Int?, to: Int?, added: [ItemDelta], changed: [ItemDelta],
        reclassified: [ItemDelta], withdrawn: [ItemDelta]
    ) {
        self.from = from
        self.to = to
        self.added = added
        self.changed = changed
        self.reclassified = reclassified
        self.withdrawn = withdrawn
    }

    public var isEmpty: Bool {
        added.isEmpty && changed.isEmpty && reclassified.isEmpty && withdrawn.isEmpty
    }
}

/// Everything the register knows about one item (`dip history ITEM`).
public struct ItemHistory: Codable, Hashable, Sendable {
    /// One revision of the item.
    public struct Revision: Codable, Hashable, Sendable {
        public var revision: Int
        public var submissionID: Int64
        public var fileName: String
        public var recordedAt: Date
        public var item: InformationItem
        public var classification: Classification
        public var change: ItemChange
        public var fields: [String]
    }

    /// What one accepted submission of the unit did to the item.
    public struct State: Codable, Hashable, Sendable {
        public var submissionID: Int64
        public var fileName: String
        public var receivedAt: Date
        public var revision: Int
        public var change: ItemChange
        public var fields: [String]
    }

    /// A recorded consequence test.
    public struct Test: Codable, Hashable, Sendable {
        public var id: Int64
        public var revision: Int
        public var test: ConsequenceTest
        public var enteredBy: String
        public var enteredAt: Date
        public var source: EntrySource
        /// What was added to the recorded test since (`dip test` without `--conclusion`), in
        /// the order recorded; nil when nothing was. `test` already carries it.
        public var completions: [Completion]? = nil
    }

    /// A number or day added to a recorded test (session 27): who added it and when.
    public struct Completion: Codable, Hashable, Sendable {
        public var beritaAcaraNumber: String?
        public var testedOn: Date?
        public var enteredBy: String
        public var enteredAt: Date
        public var source: EntrySource
    }

    /// A PPID decision.
    public struct Decision: Codable, Hashable, Sendable {
        public var revision: Int
        public var action: DecisionAction
        public var note: String
        public var by: Official
        public var at: Date
        public var source: EntrySource
    }

    /// The item's place in one version.
    public struct Membership: Codable, Hashable, Sendable {
        public var version: Int
        public var status: VersionStatus
        public var revision: Int
        public var category: DIPCore.Category
        public var subgroup: BerkalaSubgroup?
        public var exempted: Bool
        /// The id of the consequence test the version rests on (`ItemHistory.Test.id`): a later
        /// test of the same revision does not change what an earlier version decreed.
        public var test: Int64? = nil
    }

    public var id: String
    public var unit: WorkUnit
    public var kode: String?
    public var createdAt: Date
    public var withdrawnAt: Date?
    public var currentRevision: Int
    /// Where the item stands now: "menunggu_uji", "terbuka", "dikecualikan", "dikembalikan",
    /// "ditarik" (see docs/register.md).
    public var state: String
    public var revisions: [Revision]
    public var states: [State]
    public var tests: [Test]
    public var decisions: [Decision]
    public var versions: [Membership]

    /// The PPID's choice on a classification the rules in force changed (session 25).
    public struct RuleChoice: Codable, Hashable, Sendable {
        /// The revision re-evaluated (an applied choice made `revision + 1`).
        public var revision: Int
        public var action: RuleChangeAction
        public var note: String
        public var by: Official
        public var at: Date
        public var source: EntrySource
    }

    public var ruleChoices: [RuleChoice] = []
}

/// One flat row of a version, for the archive (CSV/data package).
public struct RegisterRow: Codable, Hashable, Sendable {
    public var version: Int
    public var itemID: String
    public var revision: Int
    public var unitCode: String
    public var unitName: String
    public var category: String
    public var subgroup: String
    public var exempted: Bool
    public var nomor: String
    public var ringkasan: String
    public var pejabatPenguasa: String
    public var penanggungJawab: String
    public var waktuPembuatan: String
    public var tempatPembuatan: String
    public var bentuk: String
    public var retensi: String
    public var change: String
    public var conclusion: String
    public var grounds: String
    public var recordedAt: Date

    /// Column names of `RegisterRow` in order, for CSV headers.
    public static let columns = [
        "version", "item_id", "revision", "unit_code", "unit_name", "category", "subgroup",
        "exempted", "nomor", "ringkasan", "pejabat_penguasa", "penanggung_jawab",
        "waktu_pembuatan", "tempat_pembuatan", "bentuk", "retensi", "change", "conclusion",
        "grounds", "recorded_at",
    ]
}
