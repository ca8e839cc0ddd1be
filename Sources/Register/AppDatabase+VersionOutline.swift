import DIPCore
import Foundation
import GRDB

/// One item of a version without its texts: what a generator needs to order, group, count
/// and number the version's items before it reads them (issue 19: a regency's version read
/// whole was the largest thing in a run's memory).
public struct VersionSlot: Hashable, Sendable {
    public var id: String
    public var revision: Int
    /// The unit's code.
    public var unit: String
    public var category: DIPCore.Category
    public var subgroup: BerkalaSubgroup?
    public var exempted: Bool
    public var change: ItemChange
    /// The item's place in its unit's list, as the version orders items.
    public var position: Int
    /// The number the unit's list gave it (`VersionItem.item.nomor`).
    public var nomor: String
    /// The conclusion of the consequence test the version rests on, if any.
    public var conclusion: ConsequenceConclusion?
    /// The category the unit's list declared (`VersionItem.item.kategori`).
    public var declared: DIPCore.Category?
}

/// A version's header (`items` and `exempted` empty) and its slots, open ones then exempted
/// ones, each in the order `version(number:)` lists them.
public struct VersionOutline: Sendable {
    public var header: DIPVersion
    public var open: [VersionSlot]
    public var exempted: [VersionSlot]
}

extension AppDatabase {
    /// The outline of version `number`: its header and its items' slots, read row by row.
    public func versionOutline(number: Int) throws -> VersionOutline {
        try read { db in
            let header = try Self.buildVersion(db, number: number, withItems: false)
            var slots: [VersionSlot] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT v.item, v.revision, v.category, v.subgroup, v.exempted, v.change, v.position, v.nomor,
                       i.unit AS unit, r.declared_category AS declared, t.conclusion AS conclusion
                FROM version_items v
                JOIN items i ON i.id = v.item
                JOIN item_revisions r ON r.item = v.item AND r.revision = v.revision
                LEFT JOIN consequence_tests t ON t.id = v.test
                WHERE v.version = ?
                """, arguments: [number])
            while let row = try rows.next() {
                slots.append(VersionSlot(
                    id: row["item"], revision: row["revision"], unit: row["unit"], category: row["category"],
                    subgroup: row["subgroup"], exempted: row["exempted"], change: row["change"],
                    position: row["position"], nomor: row["nomor"], conclusion: row["conclusion"],
                    declared: row["declared"]))
            }
            let keys = slots.map { slot in
                OrderKey(category: slot.category, subgroup: slot.subgroup?.rawValue ?? "~", unit: slot.unit,
                         position: slot.position, item: slot.id)
            }
            let (open, exempted) = Self.decreeOrder(keys, exempted: slots.map(\.exempted))
            return VersionOutline(header: header, open: open.map { slots[$0] }, exempted: exempted.map { slots[$0] })
        }
    }

    /// Reads every current item's revision once and keeps it (until a write changes the
    /// register) for the readers of every item that follow: `currentDraft`,
    /// `currentItemsByUnit()`, and `versionItems(number:ids:)` for a version of current
    /// revisions. Costs the memory of every current revision; a stage that reads in chunks
    /// and holds little does not call it.
    public func keepCurrentContent() throws {
        try read { db in _ = try currentContent(db) }
    }

    /// The items `ids` of version `number`, built as `version(number:)` builds them, in the
    /// order of `ids`; a caller reads a large version a few hundred items at a time.
    ///
    /// One statement joins each item's version row, unit and revision (decoded by column
    /// index), rather than a query per table and dictionaries between them: a draft read in
    /// chunks was twice the cost of a whole-register read that way (issue 19).
    public func versionItems(number: Int, ids: [String]) throws -> [VersionItem] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            // By column index: a chunk's read decoded every unit through Codable.
            var units: [String: WorkUnit] = [:]
            let unitRows = try Row.fetchCursor(db, sql: "SELECT code, name, head_title, ppid_pelaksana FROM units")
            while let row = try unitRows.next() {
                let code: String = row[0]
                units[code] = WorkUnit(code: code, name: row[1], headTitle: row[2], ppidPelaksana: row[3])
            }
            // The current revisions kept for the run's readers of every item serve the items
            // whose revision is the version's (all of a draft just made); the rest are read.
            let kept = try keptCurrentContent(db)
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var arguments = StatementArguments([number])
            arguments += StatementArguments(ids)
            // `r.*` first: its columns are found by their first occurrence.
            let statement = try db.makeStatement(sql: """
                SELECT r.*, i.unit AS v_unit, v.revision AS v_revision, v.category AS v_category,
                       v.subgroup AS v_subgroup, v.exempted AS v_exempted, v.test AS v_test, v.change AS v_change,
                       v.position AS v_position, v.nomor AS v_nomor, v.test_completion AS v_completion
                FROM version_items v
                JOIN items i ON i.id = v.item
                JOIN item_revisions r ON r.item = v.item AND r.revision = v.revision
                WHERE v.version = ? AND v.item IN (\(marks))
                """)
            let columns = try RevisionRecord.Columns(names: statement.columnNames)
            func at(_ name: String) throws -> Int {
                guard let i = statement.index(ofColumn: name) else { throw RegisterError.invalidInput(name) }
                return i
            }
            let (cUnit, cRevision, cCategory, cSubgroup, cExempted, cTest, cChange, cPosition, cNomor) = (
                try at("v_unit"), try at("v_revision"), try at("v_category"), try at("v_subgroup"), try at("v_exempted"),
                try at("v_test"), try at("v_change"), try at("v_position"), try at("v_nomor"))
            let cCompletion = try at("v_completion")
            var entryByItem: [String: VersionEntry] = [:]
            entryByItem.reserveCapacity(ids.count)
            var classifications = ClassificationDecoder()
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            while let row = try rows.next() {
                let revisionNumber: Int = row[cRevision]
                let item: String = row[columns.at[1]]
                let record = VersionItemRecord(
                    version: number, item: item, revision: revisionNumber, category: row[cCategory],
                    subgroup: row[cSubgroup], exempted: row[cExempted], test: row[cTest], change: row[cChange],
                    position: row[cPosition], nomor: row[cNomor], testCompletion: row[cCompletion])
                let revision: RevisionRecord
                let classification: Classification?
                if let c = kept?[item], c.revision.revision == revisionNumber {
                    (revision, classification) = (c.revision, c.classification)
                } else {
                    var read = RevisionRecord(row: row, columns: columns)
                    classification = try? classifications.decodeSharing(&read)
                    revision = read
                }
                entryByItem[item] = VersionEntry(row: record, unit: row[cUnit], revision: revision,
                                                 classification: classification, test: nil)
            }
            let testIDs = entryByItem.values.compactMap(\.row.test)
            var tests: [Int64: ConsequenceTestRecord] = [:]
            if !testIDs.isEmpty {
                let testMarks = Array(repeating: "?", count: testIDs.count).joined(separator: ",")
                for t in try ConsequenceTestRecord.fetchAll(
                    db, sql: "SELECT * FROM consequence_tests WHERE id IN (\(testMarks))",
                    arguments: StatementArguments(testIDs)) { tests[t.id!] = t }
            }
            let completions = entryByItem.values.contains { $0.row.testCompletion != nil }
                ? try RegisterQueries.allCompletions(db) : [:]
            return try ids.map { id in
                guard var entry = entryByItem[id] else { throw RegisterError.unknownItem(id) }
                entry.test = entry.row.test.flatMap { tests[$0] }.map {
                    RegisterQueries.asCited($0, completion: entry.row.testCompletion, completions: completions)
                }
                return Self.versionItem(entry, units: units)
            }
        }
    }
}
