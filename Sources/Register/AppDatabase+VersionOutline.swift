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
    public func versionItems(number: Int, ids: [String]) throws -> [VersionItem] {
        try read { db in
            var units: [String: WorkUnit] = [:]
            for unit in try UnitRecord.fetchAll(db) { units[unit.code] = unit.unit }
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var arguments = StatementArguments([number])
            arguments += StatementArguments(ids)
            var rowByItem: [String: VersionItemRecord] = [:]
            for row in try VersionItemRecord.fetchAll(db, sql: """
                SELECT * FROM version_items WHERE version = ? AND item IN (\(marks))
                """, arguments: arguments) { rowByItem[row.item] = row }
            var unitByItem: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, unit FROM items WHERE id IN (\(marks))",
                                        arguments: StatementArguments(ids)) {
                unitByItem[row["id"]] = row["unit"]
            }
            var revisionByItem: [String: RevisionRecord] = [:]
            var decoded: [String: Classification?] = [:]
            // The current revisions kept for the run's readers of every item serve the items
            // whose revision is the version's (all of a draft just made); the rest are read.
            var unread = ids
            if let kept = try keptCurrentContent(db) {
                unread = []
                for id in ids {
                    if let c = kept[id], c.revision.revision == rowByItem[id]?.revision {
                        revisionByItem[id] = c.revision
                        decoded[id] = c.classification
                    } else {
                        unread.append(id)
                    }
                }
            }
            if !unread.isEmpty {
                var classifications = ClassificationDecoder()
                var unreadArguments = StatementArguments([number])
                unreadArguments += StatementArguments(unread)
                let unreadMarks = Array(repeating: "?", count: unread.count).joined(separator: ",")
                try RevisionRecord.forEach(db, sql: """
                    SELECT r.* FROM item_revisions r
                    JOIN version_items v ON v.item = r.item AND v.revision = r.revision
                    WHERE v.version = ? AND r.item IN (\(unreadMarks))
                    """, arguments: unreadArguments) { revision in
                    decoded[revision.item] = try? classifications.decodeSharing(&revision)
                    revisionByItem[revision.item] = revision
                }
            }
            let testIDs = rowByItem.values.compactMap(\.test)
            var tests: [Int64: ConsequenceTestRecord] = [:]
            if !testIDs.isEmpty {
                let testMarks = Array(repeating: "?", count: testIDs.count).joined(separator: ",")
                for t in try ConsequenceTestRecord.fetchAll(
                    db, sql: "SELECT * FROM consequence_tests WHERE id IN (\(testMarks))",
                    arguments: StatementArguments(testIDs)) { tests[t.id!] = t }
            }
            return try ids.map { id in
                guard let row = rowByItem[id], let unit = unitByItem[id] else { throw RegisterError.unknownItem(id) }
                guard let revision = revisionByItem[id] else {
                    throw RegisterError.unknownItem("\(id) revisi \(row.revision)")
                }
                return Self.versionItem(VersionEntry(
                    row: row, unit: unit, revision: revision, classification: decoded[id] ?? nil,
                    test: row.test.flatMap { tests[$0] }), units: units)
            }
        }
    }
}
