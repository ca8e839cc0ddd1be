import DIPCore
import Foundation
import GRDB

extension AppDatabase {
    /// Records the units named in `rules/` (code, full name, head's title, PPID pelaksana),
    /// adding new ones and updating changed names. One transaction.
    public func saveUnits(_ units: [WorkUnit]) throws {
        try write { db in
            for unit in units.sorted(by: { $0.code < $1.code }) {
                try UnitRecord(unit).save(db)
            }
        }
    }

    /// Records one file a unit dropped, and — when accepted — makes its items the unit's
    /// current full list. One transaction.
    ///
    /// Idempotent on (unit, sha256): the same file again writes nothing and returns
    /// `.duplicate`. Each new row is matched to the unit's current items (explicit `kode`,
    /// then equal normalised summary, then similar summary ≥ 0.85, best pair first,
    /// one-to-one) and recorded as added, changed (with the fields), unchanged or
    /// reclassified; current items left unmatched are withdrawn.
    ///
    /// - Parameters:
    ///   - unit: The unit (its code is the inbox folder).
    ///   - fileName: The original file name as dropped.
    ///   - sha256: Hex SHA-256 of the file's bytes.
    ///   - archivedPath: Where the original is kept (relative to the workspace).
    ///   - receivedAt: When the run took the file in (from the run's Clock).
    ///   - result: Accepted, or refused with the reason told to the unit.
    ///   - items: The items read from the file, in list order, each with its classification.
    ///   - problems: Problems found in the file.
    ///   - holdPolicy: When set, a list that would withdraw most of the unit's current
    ///     items is recorded in `held_submissions` and not applied (`.held`); any earlier
    ///     held file of the unit is superseded by an accepted or held newer one.
    /// - Returns: What happened to the unit's list.
    public func recordSubmission(
        unit: WorkUnit, fileName: String, sha256: String, archivedPath: String,
        receivedAt: Date, result: SubmissionAcceptance,
        items: [(InformationItem, Classification)], problems: [Problem],
        holdPolicy: MassWithdrawalPolicy? = nil
    ) throws -> SubmissionUpdate {
        let input = SubmissionInput(
            unit: unit, fileName: fileName, sha256: sha256, archivedPath: archivedPath,
            receivedAt: receivedAt, result: result, items: items.map { ClassifiedItem(item: $0.0, classification: $0.1) },
            problems: problems, holdPolicy: holdPolicy)
        return try write { db in try Self.record(db, input) }
    }

    /// Records several files in ONE transaction (the whole intake stage of a run), in the
    /// given order; same rules as `recordSubmission` for each.
    public func recordSubmissions(_ inputs: [SubmissionInput]) throws -> [SubmissionUpdate] {
        try write { db in try inputs.map { try Self.record(db, $0) } }
    }

    private static func record(_ db: Database, _ input: SubmissionInput) throws -> SubmissionUpdate {
        let unit = input.unit
        try UnitRecord(unit).save(db)
        if let existing = try SubmissionRecord
            .filter(Column("unit") == unit.code && Column("sha256") == input.sha256)
            .fetchOne(db)
        {
            return SubmissionUpdate(outcome: .duplicate, unit: unit.code, submissionID: existing.id!)
        }
        if let held = try HeldSubmissionRecord
            .filter(Column("unit") == unit.code && Column("sha256") == input.sha256)
            .fetchOne(db)
        {
            // The same bytes as a held file: the same arrival, judged already.
            return SubmissionUpdate(outcome: held.status == HoldStatus.held.rawValue ? .held : .duplicate,
                                    unit: unit.code, submissionID: held.id!,
                                    hold: WithdrawalCount(withdrawn: held.withdrawnCount, current: held.currentCount))
        }
        var plan: ListPlan?
        if case .accepted = input.result {
            let items = input.items.map { ($0.item, $0.classification) }
            plan = try planList(db, unit: unit.code, items: items)
            if let policy = input.holdPolicy, policy.holds(plan!.count) {
                try supersedeHold(db, unit: unit.code, at: input.receivedAt,
                                  note: "digantikan oleh kiriman \(input.fileName) yang juga ditahan")
                var held = HeldSubmissionRecord(
                    id: nil, unit: unit.code, sha256: input.sha256, fileName: input.fileName,
                    archivedPath: input.archivedPath, receivedAt: input.receivedAt,
                    itemCount: input.items.count, currentCount: plan!.count.current,
                    withdrawnCount: plan!.count.withdrawn, status: HoldStatus.held.rawValue,
                    decidedByName: nil, decidedByNip: nil, decidedAt: nil, note: nil, appliedSubmission: nil)
                try held.insert(db)
                return SubmissionUpdate(outcome: .held, unit: unit.code, submissionID: held.id!, hold: plan!.count)
            }
            // A newer list the unit sent settles its held one.
            try supersedeHold(db, unit: unit.code, at: input.receivedAt,
                              note: "digantikan oleh kiriman \(input.fileName)")
        }
        var outcome = "accepted"
        var reason: String?
        if case .refused(let why) = input.result {
            outcome = "refused"
            reason = why
        }
        var submission = SubmissionRecord(
            id: nil, unit: unit.code, sha256: input.sha256, fileName: input.fileName,
            archivedPath: input.archivedPath, receivedAt: input.receivedAt, outcome: outcome,
            reason: reason, problemCount: Problem.toFix(input.problems),
            itemCount: outcome == "accepted" ? input.items.count : 0)
        try submission.insert(db)
        let submissionID = submission.id!
        for (ordinal, problem) in input.problems.enumerated() {
            var record = ProblemRecord(submission: submissionID, ordinal: ordinal + 1, problem: problem)
            try record.insert(db)
        }
        guard outcome == "accepted", let plan else {
            return SubmissionUpdate(outcome: .refused, unit: unit.code, submissionID: submissionID)
        }
        return try applyList(
            db, unit: unit.code, submissionID: submissionID, receivedAt: input.receivedAt,
            items: input.items.map { ($0.item, $0.classification) }, plan: plan)
    }

    /// How a new list meets the unit's current items: read before anything is written, so
    /// a list that would withdraw most of them can be held instead.
    struct ListPlan {
        var current: [ItemRecord]
        var currentRevision: [String: RevisionRecord]
        /// New row index → matched current item id.
        var matches: [Int: String]

        var count: WithdrawalCount {
            WithdrawalCount(withdrawn: current.count - Set(matches.values).count, current: current.count)
        }
    }

    static func planList(_ db: Database, unit: String, items: [(InformationItem, Classification)]) throws -> ListPlan {
        let current = try ItemRecord
            .filter(Column("unit") == unit && Column("withdrawn_at") == nil)
            .order(Column("seq"))
            .fetchAll(db)
        var currentRevision: [String: RevisionRecord] = [:]
        try RevisionRecord.forEach(db, sql: """
            SELECT r.* FROM item_revisions r
            JOIN items i ON i.id = r.item AND r.revision = i.current_revision
            WHERE i.unit = ? AND i.withdrawn_at IS NULL
            """, arguments: [unit]) { r in
            currentRevision[r.item] = r
        }
        let candidates = current.map { item in
            ItemMatching.Candidate(
                itemID: item.id, kode: currentRevision[item.id]?.kode ?? item.kode,
                key: currentRevision[item.id]?.matchKey ?? "")
        }
        let rows = items.map { (kode: $0.0.kode, key: ItemMatching.normalisedKey($0.0.ringkasan)) }
        let matches = ItemMatching.match(newRows: rows, candidates: candidates)
        return ListPlan(current: current, currentRevision: currentRevision, matches: matches)
    }

    /// Makes `items` the unit's current list (inside `recordSubmission`'s transaction).
    static func applyList(
        _ db: Database, unit: String, submissionID: Int64, receivedAt: Date,
        items: [(InformationItem, Classification)], plan: ListPlan
    ) throws -> SubmissionUpdate {
        let (current, currentRevision, matches) = (plan.current, plan.currentRevision, plan.matches)
        var update = SubmissionUpdate(outcome: .accepted, unit: unit, submissionID: submissionID)
        var nextSeq = (try Int.fetchOne(
            db, sql: "SELECT MAX(seq) FROM items WHERE unit = ?", arguments: [unit]) ?? 0) + 1
        var matched = Set<String>()

        var classifications = ClassificationDecoder()
        // The outcomes the PPID chose to keep an item's recorded classification against when
        // the rules changed (session 25): the same list sent again must not undo that choice.
        let kept = try keptOutcomes(db)
        for (index, (read, classification)) in items.enumerated() {
            let position = index + 1
            var information = read
            if let itemID = matches[index], let old = currentRevision[itemID] {
                matched.insert(itemID)
                // A code equal to the register id comes from the update template: it names
                // the item, it is not the unit's own code and not a change.
                if information.kode?.trimmingCharacters(in: .whitespaces) == itemID {
                    information.kode = old.information.kode
                    ItemMatching.keepWhatTheTemplateCannotSay(old.information, &information)
                }
                let oldClassification = try? classifications.decode(old)
                var fields = ItemMatching.changedFields(old.information, information)
                var classChanged = ItemMatching.classificationChanged(
                    oldClassification, classification)
                if classChanged, fields.isEmpty, !kept.isEmpty,
                   kept.contains(keptKey(itemID, old.revision, RuleOutcome(classification, declared: information.kategori))) {
                    classChanged = false
                }
                if fields.isEmpty && !classChanged {
                    try ItemStateRecord(
                        submission: submissionID, item: itemID, revision: old.revision,
                        change: .unchanged, fields: "", position: position,
                        nomor: information.nomor, sourceRow: information.source.row
                    ).insertPrepared(db)
                    update.unchanged.append(ItemDelta(
                        itemID: itemID, unit: unit, revision: old.revision, change: .unchanged,
                        fields: [], ringkasan: information.ringkasan, nomor: information.nomor))
                    continue
                }
                if classChanged { fields.append("klasifikasi") }
                let change: ItemChange =
                    ItemMatching.categoryChanged(oldClassification, classification)
                    ? .reclassified : .changed
                let revision = old.revision + 1
                var record = try RevisionRecord(
                    item: itemID, revision: revision, submission: submissionID,
                    recordedAt: receivedAt, information: information,
                    classification: classification)
                try record.insertPrepared(db)
                try db.execute(
                    sql: "UPDATE items SET current_revision = ?, kode = ? WHERE id = ?",
                    arguments: [revision, information.kode, itemID])
                try ItemStateRecord(
                    submission: submissionID, item: itemID, revision: revision, change: change,
                    fields: fields.joined(separator: ","), position: position,
                    nomor: information.nomor, sourceRow: information.source.row
                ).insertPrepared(db)
                let delta = ItemDelta(
                    itemID: itemID, unit: unit, revision: revision, change: change,
                    fields: fields, ringkasan: information.ringkasan, nomor: information.nomor)
                if change == .reclassified {
                    update.reclassified.append(delta)
                } else {
                    update.changed.append(delta)
                }
            } else {
                let itemID = Self.itemID(unit: unit, seq: nextSeq)
                try ItemRecord(
                    id: itemID, unit: unit, seq: nextSeq, kode: information.kode,
                    currentRevision: 1, createdAt: receivedAt,
                    createdSubmission: submissionID, withdrawnAt: nil, withdrawnSubmission: nil
                ).insertPrepared(db)
                nextSeq += 1
                var record = try RevisionRecord(
                    item: itemID, revision: 1, submission: submissionID, recordedAt: receivedAt,
                    information: information, classification: classification)
                try record.insertPrepared(db)
                try ItemStateRecord(
                    submission: submissionID, item: itemID, revision: 1, change: .added,
                    fields: "", position: position, nomor: information.nomor,
                    sourceRow: information.source.row
                ).insertPrepared(db)
                update.added.append(ItemDelta(
                    itemID: itemID, unit: unit, revision: 1, change: .added, fields: [],
                    ringkasan: information.ringkasan, nomor: information.nomor))
            }
        }

        for item in current where !matched.contains(item.id) {
            try db.execute(
                sql: "UPDATE items SET withdrawn_at = ?, withdrawn_submission = ? WHERE id = ?",
                arguments: [receivedAt, submissionID, item.id])
            try ItemStateRecord(
                submission: submissionID, item: item.id, revision: item.currentRevision,
                change: .withdrawn, fields: "", position: nil, nomor: nil, sourceRow: nil
            ).insertPrepared(db)
            update.withdrawn.append(ItemDelta(
                itemID: item.id, unit: unit, revision: item.currentRevision, change: .withdrawn,
                fields: [], ringkasan: currentRevision[item.id]?.ringkasan ?? "", nomor: nil))
        }
        return update
    }

    /// The items the unit's last recorded submission of this content withdrew, as that
    /// recording returned them (`SubmissionUpdate.withdrawn`, in the same order): a run that
    /// finishes a file a killed run already recorded tells the unit the same list.
    public func withdrawnBy(unit: String, sha256: String) throws -> [ItemDelta] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.item, s.revision, r.ringkasan FROM item_states s
                JOIN item_revisions r ON r.item = s.item AND r.revision = s.revision
                WHERE s.submission = (SELECT MAX(id) FROM submissions WHERE unit = ? AND sha256 = ?)
                  AND s.change = ?
                ORDER BY s.rowid
                """, arguments: [unit, sha256, ItemChange.withdrawn.rawValue]).map { row in
                ItemDelta(itemID: row["item"], unit: unit, revision: row["revision"], change: .withdrawn,
                          fields: [], ringkasan: row["ringkasan"], nomor: nil)
            }
        }
    }

    /// What the unit's last recorded submission of this content did to each of its rows, by the
    /// row's place in the file's list (1 = its first item): added, changed (with the fields), or
    /// unchanged. Read back from `item_states`, so a run that finishes a file a killed run
    /// recorded tells the unit the same. The unit's feedback says it: after an update a clerk
    /// read every row alike and could not tell what dip took as new or changed (session 26).
    public func rowChangesBy(unit: String, sha256: String) throws -> [Int: RowChange] {
        try read { db in
            var changes: [Int: RowChange] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT position, change, fields FROM item_states
                WHERE submission = (SELECT MAX(id) FROM submissions WHERE unit = ? AND sha256 = ?)
                  AND position IS NOT NULL
                """, arguments: [unit, sha256])
            for row in rows {
                guard let position: Int = row["position"], let change = ItemChange(rawValue: row["change"]) else { continue }
                let fields: String = row["fields"]
                changes[position] = RowChange(change: change, fields: Self.split(fields))
            }
            return changes
        }
    }

    /// "dinkes-0007": the unit code and a per-unit sequence, never reused.
    static func itemID(unit: String, seq: Int) -> String {
        let digits = String(seq)
        return "\(unit)-\(String(repeating: "0", count: max(0, 4 - digits.count)))\(digits)"
    }

    /// The problems recorded for a unit's last submission, in file order.
    public func lastProblems(unit: String) throws -> [Problem] {
        try read { db in
            guard let last = try RegisterQueries.lastSubmission(db, unit: unit) else { return [] }
            return try ProblemRecord.filter(Column("submission") == last.id!)
                .order(Column("ordinal")).fetchAll(db).map(\.problem)
        }
    }
}

/// Reusable reads shared by the operations.
enum RegisterQueries {
    static func revision(_ db: Database, item: String, revision: Int) throws -> RevisionRecord {
        guard let record = try RevisionRecord
            .filter(Column("item") == item && Column("revision") == revision).fetchOne(db)
        else { throw RegisterError.unknownItem("\(item) revisi \(revision)") }
        return record
    }

    /// The revision of each item of a version, by item id, in one query.
    static func revisions(_ db: Database, version: Int) throws -> [String: RevisionRecord] {
        var revisions: [String: RevisionRecord] = [:]
        try RevisionRecord.forEach(db, sql: """
            SELECT r.* FROM item_revisions r
            JOIN version_items v ON v.item = r.item AND v.revision = r.revision
            WHERE v.version = ?
            """, arguments: [version]) { r in
            revisions[r.item] = r
        }
        return revisions
    }

    static func item(_ db: Database, id: String) throws -> ItemRecord {
        guard let record = try ItemRecord.fetchOne(db, key: id) else {
            throw RegisterError.unknownItem(id)
        }
        return record
    }

    static func lastSubmission(_ db: Database, unit: String) throws -> SubmissionRecord? {
        try SubmissionRecord.filter(Column("unit") == unit)
            .order(Column("received_at").desc, Column("id").desc).fetchOne(db)
    }

    /// The newest test recorded for an item's revision, with every completion of it
    /// (`completed(by:)`: its number or day added since).
    static func latestTest(_ db: Database, item: String, revision: Int) throws
        -> ConsequenceTestRecord?
    {
        guard let test = try ConsequenceTestRecord
            .filter(Column("item") == item && Column("revision") == revision)
            .order(Column("id").desc).fetchOne(db), let id = test.id else { return nil }
        return test.completed(by: try completions(db, test: id))
    }

    /// The completions of one test, in the order recorded.
    static func completions(_ db: Database, test: Int64) throws -> [TestCompletionRecord] {
        try TestCompletionRecord.filter(Column("test") == test).order(Column("id")).fetchAll(db)
    }

    /// Every completion by test, each test's in the order recorded. Completions are few (one
    /// per number or day added by hand), so the table is read whole.
    static func allCompletions(_ db: Database) throws -> [Int64: [TestCompletionRecord]] {
        var out: [Int64: [TestCompletionRecord]] = [:]
        for c in try TestCompletionRecord.order(Column("id")).fetchAll(db) { out[c.test, default: []].append(c) }
        return out
    }

    /// `record` as version row `row` read it: with the completions up to the one the row names
    /// (none for a row made before any, so a published version reads as it was printed).
    static func asCited(_ record: ConsequenceTestRecord, completion: Int64?,
                        completions: [Int64: [TestCompletionRecord]]) -> ConsequenceTestRecord {
        guard let completion, let id = record.id, let list = completions[id] else { return record }
        return record.completed(by: list.filter { ($0.id ?? 0) <= completion })
    }

    /// The newest decision on an item's revision.
    static func latestDecision(_ db: Database, item: String, revision: Int) throws
        -> DecisionRecord?
    {
        try DecisionRecord
            .filter(Column("item") == item && Column("revision") == revision)
            .order(Column("id").desc).fetchOne(db)
    }
}
