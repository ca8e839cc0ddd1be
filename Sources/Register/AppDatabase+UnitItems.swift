import DIPCore
import Foundation
import GRDB

/// One item in a unit's current list, with its register identity: what the unit's update
/// template is prefilled with.
public struct CurrentItem: Codable, Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var unit: WorkUnit
    /// The current revision's fields, numbered as in the unit's newest list.
    public var item: InformationItem
    public var classification: Classification
    /// The category the item stands in now (nil while a consequence test is pending or
    /// when it was returned).
    public var category: DIPCore.Category?
    public var subgroup: BerkalaSubgroup?
    /// "terbuka", "dikecualikan", "menunggu_uji" or "dikembalikan".
    public var state: String

    public init(
        itemID: String, revision: Int, unit: WorkUnit, item: InformationItem,
        classification: Classification, category: DIPCore.Category?, subgroup: BerkalaSubgroup?,
        state: String
    ) {
        self.itemID = itemID
        self.revision = revision
        self.unit = unit
        self.item = item
        self.classification = classification
        self.category = category
        self.subgroup = subgroup
        self.state = state
    }
}

extension AppDatabase {
    /// The unit's current (not withdrawn) items in the order of its newest list: placed,
    /// pending a test and returned ones alike.
    public func currentItems(unit code: String) throws -> [CurrentItem] {
        try currentItemsByUnit([code])[code] ?? []
    }

    /// What the current items of every unit are computed from, as one line of text: equal
    /// stamps mean equal `currentItemsByUnit` (the row counts `CurrentState` is cached by;
    /// those tables only grow). Unlike `changeStamp`, versions are not part of it: a new
    /// draft, an approval or a publication changes no unit's current items, so documents made
    /// from them (the update templates) need not be rebuilt for it.
    public func currentItemsStamp() throws -> String {
        try read { db in "items " + (try CurrentStateCache.stamp(db)).map(String.init).joined(separator: " ") }
    }

    /// The number of current (not withdrawn) items: placed, waiting for a test or returned.
    public func currentItemCount() throws -> Int {
        // Counted, not placed: the draft stage asks before it keeps the current revisions,
        // and the placement made then from them (`CurrentState.load(_:kept:)`) does not read
        // them again. The rows counted are those the placement places, holds or returns.
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM items i
                JOIN item_revisions r ON r.item = i.id AND r.revision = i.current_revision
                WHERE i.withdrawn_at IS NULL
                """) ?? 0
        }
    }

    /// Each held item's (waiting for a test, returned) row in its unit's latest list
    /// (`item_states.position`), for the units `wanted` accepts: the order in which a unit's
    /// items, held ones included, are listed and keyed. Held items alone (a placed item carries
    /// its position): for every current item, the query's latest-submission lookup per row was a
    /// third of an update's template stage.
    func heldPositions(_ db: Database, _ state: CurrentState, units wanted: (String) -> Bool) throws -> [String: Int] {
        let ids = (state.pendingTests + state.returned).filter { wanted($0.item.unit) }.map(\.item.id)
        var position: [String: Int] = [:]
        try forEachChunk(of: ids) { chunk, marks in
            for row in try Row.fetchAll(db, sql: """
                SELECT s.item, s.position FROM item_states s
                JOIN items i ON i.id = s.item
                WHERE i.withdrawn_at IS NULL AND s.change <> 'ditarik' AND s.item IN (\(marks))
                  AND s.submission = (SELECT MAX(submission) FROM item_states WHERE item = s.item)
                """, arguments: StatementArguments(chunk)) {
                position[row["item"]] = row["position"] ?? 0
            }
        }
        return position
    }

    /// The current items of several units (all when `codes` is nil), keyed by unit code,
    /// from one read of the register state: callers that need many units use this rather
    /// than `currentItems(unit:)` in a loop, which would reload the whole state each time.
    public func currentItemsByUnit(_ codes: Set<String>? = nil) throws -> [String: [CurrentItem]] {
        try read { db in
            let state = try currentState(db)
            let units = Dictionary(try UnitRecord.fetchAll(db).map { ($0.code, $0.unit) }) { a, _ in a }
            let wanted: (String) -> Bool = { codes?.contains($0) ?? true }
            let position = try heldPositions(db, state, units: wanted)
            // The state keeps placements only: the revisions' texts are read for these units
            // (for every unit: read once and kept for the run's other readers of every item).
            let content: [String: CurrentState.Content]
            if codes == nil {
                content = try currentContent(db)
            } else if let kept = try keptCurrentContent(db) {
                content = kept
            } else {
                content = try CurrentState.content(db, units: codes)
            }
            func text(_ id: String) throws -> CurrentState.Content {
                guard let c = content[id] else { throw RegisterError.unknownItem(id) }
                return c
            }
            var out: [String: [(Int, CurrentItem)]] = [:]
            func unit(_ code: String) -> WorkUnit { units[code] ?? WorkUnit(code: code, name: code) }
            for p in state.placed where wanted(p.item.unit) {
                let c = try text(p.item.id)
                var info = c.revision.information
                info.nomor = p.nomor
                out[p.item.unit, default: []].append((p.position, CurrentItem(
                    itemID: p.item.id, revision: p.revision, unit: unit(p.item.unit), item: info,
                    classification: c.classification, category: p.category, subgroup: p.subgroup,
                    state: p.exempted ? "dikecualikan" : "terbuka")))
            }
            for (held, label) in state.pendingTests.map({ ($0, "menunggu_uji") }) + state.returned.map({ ($0, "dikembalikan") })
            where wanted(held.item.unit) {
                let c = try text(held.item.id)
                out[held.item.unit, default: []].append((position[held.item.id] ?? Int.max, CurrentItem(
                    itemID: held.item.id, revision: held.revision, unit: unit(held.item.unit),
                    item: c.revision.information, classification: c.classification,
                    category: nil, subgroup: nil, state: label)))
            }
            return out.mapValues { list in
                list.sorted { ($0.0, $0.1.itemID) < ($1.0, $1.1.itemID) }.map(\.1)
            }
        }
    }
}
