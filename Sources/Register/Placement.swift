import DIPCore
import Foundation
import GRDB

/// Where each current item stands now: placed in the next version (open or exempted),
/// waiting for a consequence test, or returned to its unit. Computed from the register, in
/// one read, by the same rules for drafts, status and differences.
///
/// Compact (issue 19): ids, revision numbers and placements only, about a hundred bytes an
/// item, so a run may keep it; the revisions' texts and classifications are read again, in
/// chunks, by the queries that need them (`content(_:items:)`, `content(_:units:)`).
struct CurrentState {
    /// An item of the register, by id and unit.
    struct ItemRef: Hashable {
        var id: String
        var unit: String
    }

    /// An item that goes into the next version.
    struct Placement {
        var item: ItemRef
        /// The current revision's number.
        var revision: Int
        var category: DIPCore.Category
        var subgroup: BerkalaSubgroup?
        var exempted: Bool
        /// The test the placement rests on, behind a reference: held in place, its sixteen
        /// fields made every placement about 350 bytes, tested or not (25 MB of a 72,000-item
        /// state, issue 19).
        private var testBox: TestBox?
        var test: ConsequenceTestRecord? {
            get { testBox?.record }
            set { testBox = newValue.map(TestBox.init) }
        }
        var position: Int
        var nomor: String
        /// The newest completion of `test` (its number or day added since), which `test`
        /// already carries; the version row names it.
        var completion: Int64?

        init(item: ItemRef, revision: Int, category: DIPCore.Category, subgroup: BerkalaSubgroup?, exempted: Bool,
             test: ConsequenceTestRecord?, position: Int, nomor: String, completion: Int64? = nil) {
            self.item = item
            self.revision = revision
            self.category = category
            self.subgroup = subgroup
            self.exempted = exempted
            testBox = test.map(TestBox.init)
            self.position = position
            self.nomor = nomor
            self.completion = completion
        }
    }

    /// A test record shared by reference (never changed once made).
    final class TestBox {
        let record: ConsequenceTestRecord
        init(_ record: ConsequenceTestRecord) { self.record = record }
    }

    /// An item kept out of the next version.
    struct Held {
        var item: ItemRef
        /// The current revision's number.
        var revision: Int
        var decision: DecisionRecord?
    }

    var placed: [Placement] = []
    var pendingTests: [Held] = []
    var returned: [Held] = []

    /// A current revision with its decoded classification.
    struct Content {
        var revision: RevisionRecord
        var classification: Classification
    }

    /// The current revisions of `ids` (current, not withdrawn items; unknown ids are left
    /// out), read in chunks of a few hundred ids, each classification decoded once per
    /// distinct text and its JSON text shared.
    static func content(_ db: Database, items ids: [String]) throws -> [String: Content] {
        var out: [String: Content] = [:]
        out.reserveCapacity(ids.count)
        var classifications = ClassificationDecoder()
        try forEachChunk(of: ids) { chunk, marks in
            try RevisionRecord.forEach(db, sql: """
                SELECT r.* FROM item_revisions r
                JOIN items i ON i.id = r.item AND r.revision = i.current_revision
                WHERE i.withdrawn_at IS NULL AND r.item IN (\(marks))
                """, arguments: StatementArguments(chunk)) { revision in
                let classification = try classifications.decodeSharing(&revision)
                out[revision.item] = Content(revision: revision, classification: classification)
            }
        }
        return out
    }

    /// The current summaries (ringkasan) of `ids`, read in chunks.
    static func summaries(_ db: Database, items ids: [String]) throws -> [String: String] {
        var out: [String: String] = [:]
        out.reserveCapacity(ids.count)
        try forEachChunk(of: ids) { chunk, marks in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT r.item, r.ringkasan FROM item_revisions r
                JOIN items i ON i.id = r.item AND r.revision = i.current_revision
                WHERE i.withdrawn_at IS NULL AND r.item IN (\(marks))
                """, arguments: StatementArguments(chunk))
            while let row = try rows.next() { out[row["item"]] = row["ringkasan"] }
        }
        return out
    }

    /// The current revisions of the items of `units` (all units when nil), by item id.
    static func content(_ db: Database, units: Set<String>?) throws -> [String: Content] {
        var out: [String: Content] = [:]
        var classifications = ClassificationDecoder()
        func read(_ unit: String?) throws {
            try RevisionRecord.forEach(db, sql: """
                SELECT r.* FROM item_revisions r
                JOIN items i ON i.id = r.item AND r.revision = i.current_revision
                WHERE i.withdrawn_at IS NULL\(unit == nil ? "" : " AND i.unit = ?")
                """, arguments: unit.map { [$0] } ?? []) { revision in
                let classification = try classifications.decodeSharing(&revision)
                out[revision.item] = Content(revision: revision, classification: classification)
            }
        }
        if let units {
            for unit in units.sorted() { try read(unit) }
        } else {
            try read(nil)
        }
        return out
    }

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
        resolve(classification: c, declared: i.kategori, conclusion: conclusion)
    }

    /// `declared`: the category the unit's list gave (`InformationItem.kategori`), the only
    /// field of the item the rules read.
    static func resolve(
        classification c: Classification, declared: DIPCore.Category?,
        conclusion: ConsequenceConclusion?
    ) -> (category: DIPCore.Category, subgroup: BerkalaSubgroup?, exempted: Bool)? {
        let proposed = c.suggested ?? c.declared ?? declared ?? .setiapSaat
        func subgroup(_ category: DIPCore.Category) -> BerkalaSubgroup? {
            category == .berkala ? c.subgroup : nil
        }
        switch conclusion {
        case .exemptWhole?, .exemptPart?:
            return (.dikecualikan, nil, true)
        case .open?:
            let open = [c.suggested, c.declared, declared].compactMap { $0 }
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
        let state = try load(db, kept: cache.content(for: stamp))
        cache.store(state, stamp: stamp)
        return state
    }

    /// Loads the current (not withdrawn) items of every unit and places them, reading the
    /// revisions row by row in unit and list order; only the placements are kept.
    ///
    /// `kept`: every current revision as `content(_:units:)` reads it, for the register as it
    /// is now (the draft stage keeps them before it places the items): the placement then
    /// reads only the items' order from the register, not their revisions and
    /// classifications a second time (issue 19: about 5 % of a 1x update's CPU).
    static func load(_ db: Database, kept: [String: Content]? = nil) throws -> CurrentState {
        let tests = try ConsequenceTestRecord.fetchAll(db, sql: """
            SELECT t.* FROM consequence_tests t
            JOIN items i ON i.id = t.item AND t.revision = i.current_revision
            WHERE i.withdrawn_at IS NULL ORDER BY t.id
            """)
        var testByItem: [String: ConsequenceTestRecord] = [:]
        for t in tests { testByItem[t.item] = t }  // ascending id: the newest wins
        // Numbers and days added to recorded tests since (session 27), and the newest such
        // completion of each test, which the version row names.
        var completionByItem: [String: Int64] = [:]
        let completions = try RegisterQueries.allCompletions(db)
        if !completions.isEmpty {
            for (item, t) in testByItem {
                guard let id = t.id, let list = completions[id], let last = list.last?.id else { continue }
                testByItem[item] = t.completed(by: list)
                completionByItem[item] = last
            }
        }
        let decisions = try DecisionRecord.fetchAll(db, sql: """
            SELECT d.* FROM decisions d
            JOIN items i ON i.id = d.item AND d.revision = i.current_revision
            WHERE i.withdrawn_at IS NULL ORDER BY d.id
            """)
        var decisionByItem: [String: DecisionRecord] = [:]
        for d in decisions { decisionByItem[d.item] = d }
        var positionByItem: [String: (Int, String)] = [:]
        let positions = try Row.fetchCursor(db, sql: """
            SELECT s.item, s.position, s.nomor FROM item_states s
            JOIN items i ON i.id = s.item
            WHERE i.withdrawn_at IS NULL AND s.change <> 'ditarik'
              AND s.submission = (SELECT MAX(submission) FROM item_states WHERE item = s.item)
            """)
        while let row = try positions.next() {
            positionByItem[row["item"]] = (row["position"] ?? 0, row["nomor"] ?? "")
        }

        var state = CurrentState()
        state.placed.reserveCapacity(positionByItem.count)
        // Row by row, only the columns the rules read, each classification decoded once per
        // distinct text (a register repeats a few dozen over thousands of items).
        var classifications = ClassificationDecoder()
        // One current item in unit and list order, with the fields the rules read.
        func place(_ item: ItemRef, revision: Int, classification: Classification,
                   declared: DIPCore.Category?, sourceRow: Int, nomor: String) {
            let decision = decisionByItem[item.id]
            if decision?.action == .return {
                state.returned.append(Held(item: item, revision: revision, decision: decision))
                return
            }
            let test = testByItem[item.id]
            guard let placed = resolve(classification: classification, declared: declared, conclusion: test?.conclusion)
            else {
                state.pendingTests.append(Held(item: item, revision: revision, decision: decision))
                return
            }
            let (position, nomor) = positionByItem[item.id] ?? (sourceRow, nomor)
            state.placed.append(Placement(
                item: item, revision: revision,
                category: placed.category, subgroup: placed.subgroup, exempted: placed.exempted,
                test: placed.exempted || test?.conclusion == .open ? test : nil,
                position: position, nomor: nomor,
                completion: placed.exempted || test?.conclusion == .open ? completionByItem[item.id] : nil))
        }
        if let kept {
            // The kept revisions are exactly the rows of the join below (current revision of
            // a not withdrawn item); the order comes from the items alone.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, unit FROM items WHERE withdrawn_at IS NULL ORDER BY unit, seq
                """)
            while let row = try rows.next() {
                let id: String = row[0]
                guard let content = kept[id] else { continue }
                let r = content.revision
                place(ItemRef(id: id, unit: row[1]), revision: r.revision, classification: content.classification,
                      declared: r.declaredCategory, sourceRow: r.sourceRow, nomor: r.nomor)
            }
            return state
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.item, r.revision, r.classification, r.declared_category, r.source_row, r.nomor,
                   i.unit AS item_unit
            FROM item_revisions r
            JOIN items i ON i.id = r.item AND r.revision = i.current_revision
            WHERE i.withdrawn_at IS NULL
            ORDER BY i.unit, i.seq
            """)
        while let row = try rows.next() {
            place(ItemRef(id: row["item"], unit: row["item_unit"]), revision: row["revision"],
                  classification: try classifications.decode(text: row["classification"]),
                  declared: row["declared_category"], sourceRow: row["source_row"], nomor: row["nomor"])
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

    /// Every current item's revision, kept once a stage that reads all of them asked for it
    /// (the review pack's draft and current items, then the templates: one read for the
    /// three). The draft stage never asks for it, so it holds only the compact state.
    private var contentStamp: [Int] = []
    private var content: [String: CurrentState.Content]?

    /// Whether any revisions are kept (for any stamp): when not, `content(for:)` is nil
    /// whatever the stamp, so a caller need not count the tables for it.
    var holdsContent: Bool {
        lock.lock()
        defer { lock.unlock() }
        return content != nil
    }

    func content(for stamp: [Int]) -> [String: CurrentState.Content]? {
        lock.lock()
        defer { lock.unlock() }
        if stamp != contentStamp { content = nil }  // stale: not kept longer than needed
        return content
    }

    func storeContent(_ content: [String: CurrentState.Content], stamp: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        self.content = content
        contentStamp = stamp
    }

    /// Row counts of the tables `CurrentState.load` reads, in one statement.
    static func stamp(_ db: Database) throws -> [Int] {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM items), (SELECT COUNT(*) FROM items WHERE withdrawn_at IS NOT NULL),
                   (SELECT COUNT(*) FROM item_revisions), (SELECT COUNT(*) FROM item_states),
                   (SELECT COUNT(*) FROM consequence_tests), (SELECT COUNT(*) FROM decisions),
                   (SELECT COUNT(*) FROM consequence_test_completions)
            """) else { return [] }
        return (0..<row.count).map { row[$0] ?? 0 }
    }
}
