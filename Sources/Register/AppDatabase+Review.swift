import DIPCore
import Foundation
import GRDB

/// Reads for the review pack that do not hold the register's items whole (issue 19: at four
/// times a regency, every current item read at once for the completeness counts was a third of
/// the review pack's memory).
extension AppDatabase {
    /// Calls `body` with the unit code and classification of each current item: every item not
    /// withdrawn, at its current revision (the items `currentItemsByUnit` lists: placed, waiting
    /// for a test, or returned), in no particular order. Rows are read one at a time; each
    /// classification text is decoded once.
    public func forEachCurrentClassification(_ body: (String, Classification) throws -> Void) throws {
        try read { db in
            var classifications = ClassificationDecoder()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT i.unit, r.classification FROM items i
                JOIN item_revisions r ON r.item = i.id AND r.revision = i.current_revision
                WHERE i.withdrawn_at IS NULL
                """)
            while let row = try rows.next() {
                let unit: String = row[0]
                let text: String = row[1]
                try body(unit, try classifications.decode(text: text))
            }
        }
    }

    /// The current items returned to their unit and not answered yet (the newest decision on
    /// their current revision is a return): `currentItemsByUnit`'s items in state
    /// "dikembalikan", in no particular order.
    public func returnedItems() throws -> [CurrentItem] {
        try read { db in
            let units = Dictionary(try UnitRecord.fetchAll(db).map { ($0.code, $0.unit) }) { a, _ in a }
            var unitByItem: [String: String] = [:]
            var classifications = ClassificationDecoder()
            var out: [CurrentItem] = []
            let returned = """
                SELECT i.id FROM items i
                WHERE i.withdrawn_at IS NULL AND (
                    SELECT d.action FROM decisions d WHERE d.item = i.id AND d.revision = i.current_revision
                    ORDER BY d.id DESC LIMIT 1) = ?
                """
            for row in try Row.fetchAll(db, sql: "SELECT i.id, i.unit FROM items i WHERE i.id IN (\(returned))",
                                        arguments: [DecisionAction.return]) {
                unitByItem[row[0]] = row[1]
            }
            guard !unitByItem.isEmpty else { return [] }
            try RevisionRecord.forEach(db, sql: """
                SELECT r.* FROM item_revisions r
                JOIN items i ON i.id = r.item AND r.revision = i.current_revision
                WHERE i.id IN (\(returned))
                """, arguments: [DecisionAction.return]) { revision in
                guard let code = unitByItem[revision.item] else { return }
                out.append(CurrentItem(
                    itemID: revision.item, revision: revision.revision, unit: units[code] ?? WorkUnit(code: code, name: code),
                    item: revision.information, classification: try classifications.decodeSharing(&revision),
                    category: nil, subgroup: nil, state: "dikembalikan"))
            }
            return out
        }
    }
}
