import DIPCore
import Foundation
import GRDB

extension AppDatabase {
    /// The register at a glance: each unit's last submission, items and problems; items
    /// waiting for a test; the draft waiting for approval; the last published version.
    public func status() throws -> RegisterStatus {
        try read { db in
            let state = try currentState(db)
            let pending = try Self.pendingTests(db, state: state)
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT unit, COUNT(*) AS n FROM items WHERE withdrawn_at IS NULL GROUP BY unit
                """) {
                counts[row["unit"]] = row["n"]
            }
            var units: [UnitStatus] = []
            for unit in try UnitRecord.order(Column("code")).fetchAll(db) {
                let last = try RegisterQueries.lastSubmission(db, unit: unit.code)
                let itemCount = counts[unit.code] ?? 0
                units.append(UnitStatus(
                    unit: unit.unit, lastSubmission: last.map(Self.summary),
                    itemCount: itemCount, problemCount: last?.problemCount ?? 0,
                    pendingTestCount: state.pendingTests.filter { $0.item.unit == unit.code }.count,
                    returnedCount: state.returned.filter { $0.item.unit == unit.code }.count))
            }
            let published = try VersionRecord.filter(Column("status") == VersionStatus.published)
                .order(Column("number").desc).fetchOne(db)
            return RegisterStatus(
                units: units, pendingTests: pending,
                draft: try Self.currentDraftRecord(db).map { try Self.summary(db, $0) },
                approved: try Self.awaitingRecord(db).map { try Self.summary(db, $0) },
                lastPublished: try published.map { try Self.summary(db, $0) },
                held: try HeldSubmissionRecord.filter(Column("status") == HoldStatus.held.rawValue)
                    .order(Column("unit"), Column("id")).fetchAll(db).map(\.held),
                ruleChanges: try Self.pendingRuleChanges(db))
        }
    }

    /// Differences between two versions. `to: nil` compares with the register's current
    /// state (what the next draft would hold); `from: nil` compares with nothing.
    public func diff(from: Int?, to: Int?) throws -> VersionDiff {
        try read { db in try Self.diff(db, from: from, to: to, current: { try currentState(db) }) }
    }

    /// Differences between the last published version (the last decree) and the register's
    /// current state.
    public func diffSinceLastDecree() throws -> VersionDiff {
        try read { db in try diffWithCurrentState(db, from: try Self.lastDecreeNumber(db)) }
    }

    /// The changes the review pack shows: since the last decree (`sinceDecree`); before the
    /// first decree, since the version made before `draft` (or the newest one when no draft
    /// waits): what the lists sent since then changed. Nil before the first decree when no
    /// earlier version exists: every item is new.
    public func reviewDiff(draft: Int?) throws -> (diff: VersionDiff, sinceDecree: Bool)? {
        try read { db in
            if let published = try Self.lastDecreeNumber(db) {
                return (try diffWithCurrentState(db, from: published), true)
            }
            guard let earlier = try Int.fetchOne(
                db, sql: "SELECT MAX(number) FROM versions WHERE number < ?", arguments: [draft ?? Int.max])
            else { return nil }
            return (try diffWithCurrentState(db, from: earlier), false)
        }
    }

    /// The number of the last published version (the last decree), nil before the first.
    static func lastDecreeNumber(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT MAX(number) FROM versions WHERE status = 'published'")
    }

    /// Differences between version `from` and the current state, the current revisions taken
    /// from those the run keeps when it keeps them.
    private func diffWithCurrentState(_ db: Database, from: Int?) throws -> VersionDiff {
        try Self.diff(db, from: from, to: nil, current: { try currentState(db) }, kept: try keptCurrentContent(db))
    }

    /// Every revision, state, test, decision and version membership of one item.
    public func history(itemID: String) throws -> ItemHistory {
        try read { db in
            let item = try RegisterQueries.item(db, id: itemID)
            let unit = try UnitRecord.fetchOne(db, key: item.unit)?.unit
                ?? WorkUnit(code: item.unit, name: item.unit)
            var submissions: [Int64: SubmissionRecord] = [:]
            for s in try SubmissionRecord.filter(Column("unit") == item.unit).fetchAll(db) {
                submissions[s.id!] = s
            }
            let stateRows = try ItemStateRecord.filter(Column("item") == itemID)
                .order(Column("submission")).fetchAll(db)
            let states = stateRows.map { s in
                ItemHistory.State(
                    submissionID: s.submission, fileName: submissions[s.submission]?.fileName ?? "",
                    receivedAt: submissions[s.submission]?.receivedAt ?? item.createdAt,
                    revision: s.revision, change: s.change, fields: Self.split(s.fields))
            }
            let ruleChoices = try Row.fetchAll(db, sql: """
                SELECT revision, action, note, by_name, by_nip, at, source FROM rule_reevaluation_decisions
                WHERE item = ? ORDER BY id
                """, arguments: [itemID]).map { row in
                ItemHistory.RuleChoice(revision: row["revision"], action: row["action"], note: row["note"],
                                       by: Official(name: row["by_name"], nip: row["by_nip"]), at: row["at"],
                                       source: row["source"])
            }
            // A revision made by applying new rules has no list state: its unit sent nothing.
            let appliedRules = Set(ruleChoices.filter { $0.action == .apply }.map { $0.revision + 1 })
            let revisions = try RevisionRecord.filter(Column("item") == itemID)
                .order(Column("revision")).fetchAll(db).map { r in
                    let made = stateRows.first {
                        $0.revision == r.revision && $0.submission == r.submission
                    }
                    if made == nil && appliedRules.contains(r.revision) {
                        return ItemHistory.Revision(
                            revision: r.revision, submissionID: r.submission,
                            fileName: submissions[r.submission]?.fileName ?? "",
                            recordedAt: r.recordedAt, item: r.information,
                            classification: try r.decodedClassification(), change: .reclassified, fields: ["klasifikasi"])
                    }
                    return ItemHistory.Revision(
                        revision: r.revision, submissionID: r.submission,
                        fileName: submissions[r.submission]?.fileName ?? "",
                        recordedAt: r.recordedAt, item: r.information,
                        classification: try r.decodedClassification(),
                        change: made?.change ?? (r.revision == 1 ? .added : .changed),
                        fields: Self.split(made?.fields ?? ""))
                }
            let completions = try RegisterQueries.allCompletions(db)
            let tests = try ConsequenceTestRecord.filter(Column("item") == itemID)
                .order(Column("id")).fetchAll(db).map { record -> ItemHistory.Test in
                    // As completed since (its number or day added), with who added what and when.
                    let added = completions[record.id!] ?? []
                    return ItemHistory.Test(
                        id: record.id!, revision: record.revision, test: record.completed(by: added).test,
                        enteredBy: record.enteredBy, enteredAt: record.enteredAt, source: record.source,
                        completions: added.isEmpty ? nil : added.map {
                            ItemHistory.Completion(beritaAcaraNumber: $0.beritaAcaraNumber, testedOn: $0.testedAt,
                                                   enteredBy: $0.enteredBy, enteredAt: $0.enteredAt, source: $0.source)
                        })
                }
            let decisions = try DecisionRecord.filter(Column("item") == itemID)
                .order(Column("id")).fetchAll(db).map {
                    ItemHistory.Decision(
                        revision: $0.revision, action: $0.action, note: $0.note,
                        by: Official(name: $0.byName, nip: $0.byNip), at: $0.at,
                        source: $0.source)
                }
            var versions: [ItemHistory.Membership] = []
            for row in try VersionItemRecord.filter(Column("item") == itemID)
                .order(Column("version")).fetchAll(db)
            {
                guard let v = try VersionRecord.fetchOne(db, key: row.version) else { continue }
                versions.append(ItemHistory.Membership(
                    version: row.version, status: v.status, revision: row.revision,
                    category: row.category, subgroup: row.subgroup, exempted: row.exempted, test: row.test))
            }
            return ItemHistory(
                id: item.id, unit: unit, kode: item.kode, createdAt: item.createdAt,
                withdrawnAt: item.withdrawnAt, currentRevision: item.currentRevision,
                state: try Self.itemState(db, item: item), revisions: revisions, states: states,
                tests: tests, decisions: decisions, versions: versions, ruleChoices: ruleChoices)
        }
    }

    /// The items of a version as flat rows for the archive, open items first (in decree
    /// order), then exempted ones.
    public func exportRows(version number: Int) throws -> [RegisterRow] {
        let version = try version(number: number)
        return (version.items + version.exempted).map { v in
            RegisterRow(
                version: number, itemID: v.id, revision: v.revision, unitCode: v.unit.code,
                unitName: v.unit.name, category: v.category.rawValue,
                subgroup: v.subgroup?.rawValue ?? "",
                exempted: v.category == .dikecualikan, nomor: v.item.nomor,
                ringkasan: v.item.ringkasan, pejabatPenguasa: v.item.pejabatPenguasa,
                penanggungJawab: v.item.penanggungJawab, waktuPembuatan: v.item.waktuPembuatan,
                tempatPembuatan: v.item.tempatPembuatan, bentuk: v.item.bentuk,
                retensi: v.item.retensi, change: v.change.rawValue,
                conclusion: v.consequenceTest?.conclusion.rawValue ?? "",
                grounds: (v.consequenceTest?.grounds ?? v.classification?.exemptionGrounds ?? [])
                    .joined(separator: ","),
                recordedAt: v.recordedAt)
        }
    }

    // MARK: - Internals

    static func split(_ fields: String) -> [String] {
        fields.split(separator: ",").map(String.init)
    }

    static func summary(_ s: SubmissionRecord) -> SubmissionSummary {
        SubmissionSummary(
            id: s.id!, fileName: s.fileName, sha256: s.sha256, receivedAt: s.receivedAt,
            outcome: s.outcome, reason: s.reason, problemCount: s.problemCount,
            itemCount: s.itemCount)
    }

    static func summary(_ db: Database, _ v: VersionRecord) throws -> VersionSummary {
        let exempted = try VersionItemRecord
            .filter(Column("version") == v.number && Column("exempted") == true).fetchCount(db)
        let all = try VersionItemRecord.filter(Column("version") == v.number).fetchCount(db)
        return VersionSummary(
            number: v.number, status: v.status, createdAt: v.createdAt,
            itemCount: all - exempted, exemptedCount: exempted, decreeNumber: v.decreeNumber,
            decreeDate: v.decreeDate, approvedBy: v.approvedBy, approvedAt: v.approvedAt,
            publishedAt: v.publishedAt)
    }

    /// "ditarik", "dikembalikan", "menunggu_uji", "dikecualikan" or "terbuka".
    static func itemState(_ db: Database, item: ItemRecord) throws -> String {
        if item.withdrawnAt != nil { return "ditarik" }
        if let d = try RegisterQueries.latestDecision(
            db, item: item.id, revision: item.currentRevision), d.action == .return
        {
            return "dikembalikan"
        }
        let revision = try RegisterQueries.revision(db, item: item.id, revision: item.currentRevision)
        let test = try RegisterQueries.latestTest(db, item: item.id, revision: item.currentRevision)
        guard let placed = CurrentState.resolve(
            classification: try revision.decodedClassification(),
            information: revision.information, conclusion: test?.conclusion)
        else { return "menunggu_uji" }
        return placed.exempted ? "dikecualikan" : "terbuka"
    }

    /// One side of a difference: item → (revision, category, subgroup, exempted). The
    /// revisions' rows are read apart, only for the items whose fields are compared or whose
    /// summary is shown (each side held every row inline: 107 MB for a 72,000-item register,
    /// issue 19).
    private struct Side {
        var revision: Int
        var category: DIPCore.Category
        var subgroup: BerkalaSubgroup?
        var exempted: Bool
        var unit: String
        var nomor: String
    }

    /// The rows read for one side, by item; a missing one is an unknown item, as a single read
    /// reports it.
    private struct SideRows {
        var records: [String: RevisionRecord] = [:]
        /// Summaries alone, for items whose row is not compared.
        var summaries: [String: String] = [:]

        func record(item: String, revision: Int) throws -> RevisionRecord {
            guard let record = records[item] else { throw RegisterError.unknownItem("\(item) revisi \(revision)") }
            return record
        }

        func ringkasan(item: String, revision: Int) throws -> String {
            if let summary = summaries[item] { return summary }
            return try record(item: item, revision: revision).ringkasan
        }
    }

    private static func side(
        _ db: Database, version: Int?, current: () throws -> CurrentState
    ) throws -> [String: Side] {
        guard let version else {
            // The current state keeps no revision texts: `diff` reads those it needs.
            let placed = try current().placed
            var result: [String: Side] = [:]
            result.reserveCapacity(placed.count)
            for p in placed {
                result[p.item.id] = Side(
                    revision: p.revision, category: p.category, subgroup: p.subgroup,
                    exempted: p.exempted, unit: p.item.unit, nomor: p.nomor)
            }
            return result
        }
        guard try VersionRecord.fetchOne(db, key: version) != nil else {
            throw RegisterError.unknownVersion(version)
        }
        var result: [String: Side] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT v.item, v.revision, v.category, v.subgroup, v.exempted, v.nomor, i.unit AS unit
            FROM version_items v JOIN items i ON i.id = v.item
            WHERE v.version = ?
            """, arguments: [version])
        while let row = try rows.next() {
            let category: String = row["category"]
            let subgroup: String? = row["subgroup"]
            result[row["item"]] = Side(
                revision: row["revision"], category: DIPCore.Category(rawValue: category) ?? .setiapSaat,
                subgroup: subgroup.flatMap(BerkalaSubgroup.init(rawValue:)),
                exempted: row["exempted"], unit: row["unit"], nomor: row["nomor"])
        }
        return result
    }

    /// The rows of version `version`'s revisions of `ids`, read a few hundred at a time.
    private static func revisions(_ db: Database, version: Int, items ids: [String]) throws -> [String: RevisionRecord] {
        var out: [String: RevisionRecord] = [:]
        out.reserveCapacity(ids.count)
        try forEachChunk(of: ids) { chunk, marks in
            var arguments = StatementArguments([version])
            arguments += StatementArguments(chunk)
            try RevisionRecord.forEach(db, sql: """
                SELECT r.* FROM item_revisions r
                JOIN version_items v ON v.item = r.item AND v.revision = r.revision
                WHERE v.version = ? AND v.item IN (\(marks))
                """, arguments: arguments) { r in out[r.item] = r }
        }
        return out
    }

    /// `current` gives the register's current state when a side is nil; `kept`, the current
    /// revisions when the run keeps them (the draft stage's), read from there instead of again.
    static func diff(_ db: Database, from: Int?, to: Int?, current: () throws -> CurrentState,
                     kept: [String: CurrentState.Content]? = nil) throws -> VersionDiff
    {
        let old = try from.map { try side(db, version: $0, current: current) } ?? [:]
        let new = try side(db, version: to, current: current)
        // The rows of the items whose revision changed (their fields are compared, on both
        // sides), the summaries of those added or moved, and the withdrawn items' last rows:
        // not every item's row.
        var revised: [String] = []
        var summarised: [String] = []
        for (id, n) in new {
            guard let o = old[id] else { summarised.append(id); continue }
            if o.revision != n.revision {
                revised.append(id)
            } else if o.category != n.category || o.subgroup != n.subgroup || o.exempted != n.exempted {
                summarised.append(id)
            }
        }
        let withdrawn = old.keys.filter { new[$0] == nil }
        var newRows = SideRows()
        if let to {
            newRows.records = try revisions(db, version: to, items: revised + summarised)
        } else {
            // Kept revisions answer first (in an update before the first decree every item is
            // "added" and its summary was read again: 66 of 2,100 perf samples at 1×); what
            // they lack is read.
            var unread = revised
            var unsummarised = summarised
            if let kept {
                unread.removeAll { id in
                    guard let record = kept[id]?.revision else { return false }
                    newRows.records[id] = record
                    return true
                }
                unsummarised.removeAll { id in
                    guard let summary = kept[id]?.revision.ringkasan else { return false }
                    newRows.summaries[id] = summary
                    return true
                }
            }
            let content = try CurrentState.content(db, items: unread)
            for id in unread { newRows.records[id] = content[id]?.revision }
            for (id, summary) in try CurrentState.summaries(db, items: unsummarised) { newRows.summaries[id] = summary }
        }
        var oldRows = SideRows()
        if let from { oldRows.records = try revisions(db, version: from, items: revised + withdrawn) }
        var result = VersionDiff(
            from: from, to: to, added: [], changed: [], reclassified: [], withdrawn: [])
        for id in new.keys.sorted() {
            let n = new[id]!
            guard let o = old[id] else {
                result.added.append(ItemDelta(
                    itemID: id, unit: n.unit, revision: n.revision, change: .added, fields: [],
                    ringkasan: try newRows.ringkasan(item: id, revision: n.revision), nomor: n.nomor, fromCategory: nil,
                    toCategory: n.category))
                continue
            }
            var fields: [String] = []
            if o.revision != n.revision {
                let revision = try newRows.record(item: id, revision: n.revision)
                let before = try oldRows.record(item: id, revision: o.revision)
                fields = ItemMatching.changedFields(before.information, revision.information)
                if fields.isEmpty { fields = ["klasifikasi"] }
            }
            let moved = o.category != n.category || o.subgroup != n.subgroup
                || o.exempted != n.exempted
            if moved {
                if o.category != n.category && !fields.contains("kategori") {
                    fields.append("kategori")
                }
                if o.subgroup != n.subgroup && !fields.contains("subkelompok") {
                    fields.append("subkelompok")
                }
            }
            guard moved || !fields.isEmpty else { continue }
            let delta = ItemDelta(
                itemID: id, unit: n.unit, revision: n.revision,
                change: moved ? .reclassified : .changed, fields: fields,
                ringkasan: try newRows.ringkasan(item: id, revision: n.revision), nomor: n.nomor, fromCategory: o.category,
                toCategory: n.category)
            if moved { result.reclassified.append(delta) } else { result.changed.append(delta) }
        }
        for id in old.keys.sorted() where new[id] == nil {
            let o = old[id]!
            let revision = try oldRows.record(item: id, revision: o.revision)
            result.withdrawn.append(ItemDelta(
                itemID: id, unit: o.unit, revision: o.revision, change: .withdrawn, fields: [],
                ringkasan: revision.ringkasan, nomor: o.nomor, fromCategory: o.category,
                toCategory: nil))
        }
        return result
    }
}
