import DIPCore
import Foundation
import GRDB

/// Where each current item stands now: placed in the next version (open or exempted),
/// waiting for a consequence test, or returned to its unit. Computed from the register, in
/// one read, by the same rules for drafts, status and differences.
struct CurrentState {
    /// An item that goes into the next version.
    struct Placement {
        var item: ItemRecord
        var revision: RevisionRecord
        var classification: Classification
        var category: DIPCore.Category
        var subgroup: BerkalaSubgroup?
        var exempted: Bool
        var test: ConsequenceTestRecord?
        var position: Int
        var nomor: String
    }

    /// An item kept out of the next version.
    struct Held {
        var item: ItemRecord
        var revision: RevisionRecord
        var classification: Classification
        var decision: DecisionRecord?
    }

    var placed: [Placement] = []
    var pendingTests: [Held] = []
    var returned: [Held] = []

    /// The outcome of the rules for one item: its category, or nil while a test is pending.
    ///
    /// - An item whose classification needs a consequence test (or which lands in
    ///   *dikecualikan*) and has no conclusion is pending.
    /// - *terbuka* returns it to its open category: the suggested one when open, else the
    ///   declared one, else *setiap saat* (UU 14/2008 Pasal 11: the residual category).
    /// - *dikecualikan seluruhnya/sebagian* puts it in the DIK.
    static func resolve(
        classification c: Classification, information i: InformationItem,
        conclusion: ConsequenceConclusion?
    ) -> (category: DIPCore.Category, subgroup: BerkalaSubgroup?, exempted: Bool)? {
        let proposed = c.suggested ?? c.declared ?? i.kategori ?? .setiapSaat
        func subgroup(_ category: DIPCore.Category) -> BerkalaSubgroup? {
            category == .berkala ? c.subgroup : nil
        }
        switch conclusion {
        case .exemptWhole?, .exemptPart?:
            return (.dikecualikan, nil, true)
        case .open?:
            let open = [c.suggested, c.declared, i.kategori].compactMap { $0 }
                .first(where: { $0.isOpen }) ?? .setiapSaat
            return (open, subgroup(open), false)
        case .pending?, nil:
            if c.needsConsequenceTest || proposed == .dikecualikan { return nil }
            return (proposed, subgroup(proposed), false)
        }
    }

    /// The current state, reused from `cache` while the tables it is computed from are
    /// unchanged (a run asks for it from several stages; each whole-register read cost about
    /// a second at 18,000 items).
    ///
    /// Call it before the transaction writes anything: a state read from uncommitted rows
    /// must not outlive a rollback.
    static func current(_ db: Database, cache: CurrentStateCache) throws -> CurrentState {
        let stamp = try CurrentStateCache.stamp(db)
        if let state = cache.state(for: stamp) { return state }
        let state = try load(db)
        cache.store(state, stamp: stamp)
        return state
    }

    /// Loads the current (not withdrawn) items of every unit and places them.
    static func load(_ db: Database) throws -> CurrentState {
        let items = try ItemRecord.filter(Column("withdrawn_at") == nil)
            .order(Column("unit"), Column("seq")).fetchAll(db)
        // Row by row, each classification decoded once per distinct text and its JSON text
        // shared, so the state holds no per-item copy of it (about 1 KB an item).
        var classifications = ClassificationDecoder()
        var revisionByItem: [String: (revision: RevisionRecord, classification: Classification)] = [:]
        revisionByItem.reserveCapacity(items.count)
        try RevisionRecord.forEach(db, sql: """
            SELECT r.* FROM item_revisions r
            JOIN items i ON i.id = r.item AND r.revision = i.current_revision
            WHERE i.withdrawn_at IS NULL
            """) { revision in
            guard revisionByItem[revision.item] == nil else { return }
            let classification = try classifications.decodeSharing(&revision)
            revisionByItem[revision.item] = (revision, classification)
        }
        let tests = try ConsequenceTestRecord.fetchAll(db, sql: """
            SELECT t.* FROM consequence_tests t
            JOIN items i ON i.id = t.item AND t.revision = i.current_revision
            WHERE i.withdrawn_at IS NULL ORDER BY t.id
            """)
        var testByItem: [String: ConsequenceTestRecord] = [:]
        for t in tests { testByItem[t.item] = t }  // ascending id: the newest wins
        let decisions = try DecisionRecord.fetchAll(db, sql: """
            SELECT d.* FROM decisions d
            JOIN items i ON i.id = d.item AND d.revision = i.current_revision
            WHERE i.withdrawn_at IS NULL ORDER BY d.id
            """)
        var decisionByItem: [String: DecisionRecord] = [:]
        for d in decisions { decisionByItem[d.item] = d }
        let positions = try Row.fetchAll(db, sql: """
            SELECT s.item, s.position, s.nomor FROM item_states s
            JOIN items i ON i.id = s.item
            WHERE i.withdrawn_at IS NULL AND s.change <> 'ditarik'
              AND s.submission = (SELECT MAX(submission) FROM item_states WHERE item = s.item)
            """)
        var positionByItem: [String: (Int, String)] = [:]
        for row in positions {
            positionByItem[row["item"]] = (row["position"] ?? 0, row["nomor"] ?? "")
        }

        var state = CurrentState()
        state.placed.reserveCapacity(items.count)  // exact: doubling left a third unused
        for item in items {
            guard let (revision, classification) = revisionByItem.removeValue(forKey: item.id) else { continue }
            let decision = decisionByItem[item.id]
            if decision?.action == .return {
                state.returned.append(Held(
                    item: item, revision: revision, classification: classification,
                    decision: decision))
                continue
            }
            let test = testByItem[item.id]
            guard let placed = resolve(
                classification: classification, information: revision.information,
                conclusion: test?.conclusion)
            else {
                state.pendingTests.append(Held(
                    item: item, revision: revision, classification: classification,
                    decision: decision))
                continue
            }
            let (position, nomor) = positionByItem[item.id] ?? (revision.sourceRow, revision.nomor)
            state.placed.append(Placement(
                item: item, revision: revision, classification: classification,
                category: placed.category, subgroup: placed.subgroup, exempted: placed.exempted,
                test: placed.exempted || test?.conclusion == .open ? test : nil,
                position: position, nomor: nomor))
        }
        return state
    }
}

/// The last `CurrentState` computed by one register handle, with the row counts it was
/// computed from. Every table the state reads only grows (rows are inserted, never deleted;
/// an item's revision moves only with a new revision row, its withdrawal is counted), so equal
/// counts mean an equal state. Shared by the copies of an `AppDatabase`.
final class CurrentStateCache: @unchecked Sendable {
    private let lock = NSLock()
    private var stamp: [Int] = []
    private var state: CurrentState?

    func state(for stamp: [Int]) -> CurrentState? {
        lock.lock()
        defer { lock.unlock() }
        return stamp == self.stamp ? state : nil
    }

    func store(_ state: CurrentState, stamp: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        self.state = state
        self.stamp = stamp
    }

    /// Row counts of the tables `CurrentState.load` reads, in one statement.
    static func stamp(_ db: Database) throws -> [Int] {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM items), (SELECT COUNT(*) FROM items WHERE withdrawn_at IS NOT NULL),
                   (SELECT COUNT(*) FROM item_revisions), (SELECT COUNT(*) FROM item_states),
                   (SELECT COUNT(*) FROM consequence_tests), (SELECT COUNT(*) FROM decisions)
            """) else { return [] }
        return (0..<row.count).map { row[$0] ?? 0 }
    }
}
