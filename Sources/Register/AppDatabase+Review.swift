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
            // The current revisions kept by an earlier stage (`keepCurrentContent`): nothing to read.
            if let content = try keptCurrentContent(db) {
                let state = try currentState(db)
                for item in state.placed.map(\.item) + state.pendingTests.map(\.item) + state.returned.map(\.item) {
                    guard let c = content[item.id] else { throw RegisterError.unknownItem(item.id) }
                    try body(item.unit, c.classification)
                }
                return
            }
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

/// A version whose items are read a chunk at a time, by id (the review pack reads a regency's
/// draft so, category by category in its own order, rather than whole). When the register
/// already holds the version built whole (the run that made the draft and wrote its decree),
/// the items come from there and nothing is read again.
public final class VersionReader: @unchecked Sendable {
    /// One item of the version, without its texts.
    public struct Slot: Sendable {
        public var id: String
        /// The unit's code.
        public var unit: String
        public var category: DIPCore.Category
        public var subgroup: BerkalaSubgroup?
        public var exempted: Bool
    }

    /// The version's number, status and dates (its `items` and `exempted` are empty: read
    /// them through `items(_:)`).
    public let header: DIPVersion
    /// Every item of the version, in no particular order.
    public let slots: [Slot]
    let register: AppDatabase
    let units: [String: WorkUnit]
    /// The version built whole, when the register holds it, and each id's place in it.
    let built: (open: [VersionItem], exempted: [VersionItem])?
    let place: [String: (exempted: Bool, index: Int)]

    init(register: AppDatabase, header: DIPVersion, slots: [Slot], units: [String: WorkUnit],
         built: (open: [VersionItem], exempted: [VersionItem])?) {
        self.register = register
        self.header = header
        self.slots = slots
        self.units = units
        self.built = built
        var place: [String: (exempted: Bool, index: Int)] = [:]
        if let built {
            place.reserveCapacity(built.open.count + built.exempted.count)
            for (i, v) in built.open.enumerated() { place[v.id] = (false, i) }
            for (i, v) in built.exempted.enumerated() { place[v.id] = (true, i) }
        }
        self.place = place
    }

    /// The unit of `code` as the version's items name it.
    public func unit(_ code: String) -> WorkUnit { units[code] ?? WorkUnit(code: code, name: code) }

    /// The items `ids` of the version, in the order of `ids`, each built as `version(number:)`
    /// builds it.
    public func items(_ ids: [String]) throws -> [VersionItem] {
        if let built {
            return try ids.map { id in
                guard let p = place[id] else { throw RegisterError.unknownItem(id) }
                return p.exempted ? built.exempted[p.index] : built.open[p.index]
            }
        }
        // Built as `version(number:)` builds them (one joined read per chunk).
        return try register.versionItems(number: header.number, ids: ids)
    }
}

extension AppDatabase {
    /// The current draft (`currentDraft()`), to be read a chunk of items at a time.
    public func currentDraftReader() throws -> VersionReader? {
        try read { db in
            guard let record = try Self.currentDraftRecord(db) else { return nil }
            var units: [String: WorkUnit] = [:]
            for unit in try UnitRecord.fetchAll(db) { units[unit.code] = unit.unit }
            var slots: [VersionReader.Slot] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT v.item, i.unit, v.category, v.subgroup, v.exempted FROM version_items v
                JOIN items i ON i.id = v.item
                WHERE v.version = ?
                """, arguments: [record.number])
            while let row = try rows.next() {
                slots.append(VersionReader.Slot(id: row[0], unit: row[1], category: row[2], subgroup: row[3], exempted: row[4]))
            }
            // The header as `currentDraft()` builds it, from no rows.
            let header = try Self.buildVersion(db, number: record.number, cache: nil, entries: [])
            return VersionReader(register: self, header: header, slots: slots, units: units,
                                 built: versionCache.items(version: record.number, units: units))
        }
    }
}

extension AppDatabase {
    /// For each unit of `codes` with current items, those items in `currentItemsByUnit`'s
    /// order, each as three texts: its id, its revision number and the number of its place in
    /// the unit's list when it is placed in the next version ("-" for an item held back, which
    /// shows its revision's own number). A revision's texts never change, so equal texts here
    /// mean equal `currentItemsByUnit` items: the update templates are checked with them
    /// without reading every unit's texts (only the changed units' are read).
    public func currentItemKeys(_ codes: Set<String>) throws -> [String: [String]] {
        try read { db in
            let state = try currentState(db)
            let position = try heldPositions(db, state, units: codes.contains)
            var out: [String: [(position: Int, id: String, revision: Int, nomor: String)]] = [:]
            for p in state.placed where codes.contains(p.item.unit) {
                out[p.item.unit, default: []].append((p.position, p.item.id, p.revision, p.nomor))
            }
            for held in state.pendingTests + state.returned where codes.contains(held.item.unit) {
                out[held.item.unit, default: []].append((position[held.item.id] ?? Int.max, held.item.id,
                                                         held.revision, "-"))
            }
            return out.mapValues { list in
                list.sorted { ($0.position, $0.id) < ($1.position, $1.id) }.flatMap { [$0.id, String($0.revision), $0.nomor] }
            }
        }
    }
}
