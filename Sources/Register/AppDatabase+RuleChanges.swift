import DIPCore
import Foundation
import GRDB

/// What the rules say of an item, in the terms a change of rules matters for: the category
/// the item would stand in, whether it needs a consequence test, and the Pasal 17 grounds.
/// (The berkala sub-group, notes and precedents are left out: they change no decree line.)
public struct RuleOutcome: Codable, Hashable, Sendable {
    public var category: DIPCore.Category
    public var needsTest: Bool
    /// Pasal 17 ground codes ("17h2"), sorted.
    public var grounds: [String]

    public init(category: DIPCore.Category, needsTest: Bool, grounds: [String]) {
        self.category = category
        self.needsTest = needsTest
        self.grounds = grounds.sorted()
    }

    /// The outcome of `c` for an item the unit declared `declared` (`InformationItem.kategori`):
    /// the category the placement proposes (suggested, else declared, else setiap saat).
    public init(_ c: Classification, declared: DIPCore.Category?) {
        self.init(category: c.suggested ?? c.declared ?? declared ?? .setiapSaat,
                  needsTest: c.needsConsequenceTest, grounds: c.exemptionGrounds)
    }
}

/// One current item whose outcome under the current rules differs from the one it was
/// classified with (`dip run` records them; `dip rules dampak` computes them on demand).
public struct RuleChange: Codable, Hashable, Sendable {
    public var itemID: String
    public var unit: String
    /// The revision re-evaluated (the current one when recorded).
    public var revision: Int
    public var nomor: String
    public var ringkasan: String
    public var old: RuleOutcome
    public var new: RuleOutcome
    /// The rules that explain the new outcome ("id: description"), the new ones first.
    public var rules: [String]
    /// The full new classification (applied as the item's next revision when the PPID chooses so).
    public var classification: Classification
    /// The PPID's decision on record for the revision (approval, return or test), as a short
    /// Indonesian phrase; nil when none. The PPID's decision stands until the PPID decides here.
    public var standing: String?

    public init(itemID: String, unit: String, revision: Int, nomor: String, ringkasan: String, old: RuleOutcome,
                new: RuleOutcome, rules: [String], classification: Classification, standing: String? = nil) {
        self.itemID = itemID
        self.unit = unit
        self.revision = revision
        self.nomor = nomor
        self.ringkasan = ringkasan
        self.old = old
        self.new = new
        self.rules = rules
        self.classification = classification
        self.standing = standing
    }

    /// The change for an item classified `old` and now `new`, or nil when the outcome is the same.
    public static func compare(itemID: String, unit: String, revision: Int, item: InformationItem,
                               old: Classification, new: Classification) -> RuleChange? {
        let before = RuleOutcome(old, declared: item.kategori)
        let after = RuleOutcome(new, declared: item.kategori)
        guard before != after else { return nil }
        // The rules that fired now and did not before explain the change; when none is new
        // (a rule stopped firing, or precedents moved), every rule that fires now.
        let oldIDs = Set(old.hits.map(\.ruleID))
        let fresh = new.hits.filter { !oldIDs.contains($0.ruleID) }
        var rules = (fresh.isEmpty ? new.hits : fresh).map { "\($0.ruleID): \($0.description)" }
        var seen = Set<String>()
        rules = rules.filter { seen.insert($0).inserted }
        // No new rule: what else moved it, said first (the corpus or the PPID's own decisions,
        // which the run's classifier reads as precedents; the learned layer).
        if fresh.isEmpty {
            if new.precedentCategory != old.precedentCategory, let p = new.precedents.first {
                let who = p.origin == "ppid" ? "keputusan PPID sendiri" : p.body
                rules.insert("preseden: '\(p.title)' (\(p.category.shortLabel), \(who))", at: 0)
            }
            if new.learned?.flagged == true && old.learned?.flagged != true {
                rules.insert("lapisan pembelajaran: kata \(new.learned?.withheldWords.prefix(3).joined(separator: ", ") ?? "") "
                             + "biasanya dikecualikan badan publik", at: 0)
            }
        }
        if rules.isEmpty {
            let gone = old.hits.map(\.ruleID)
            rules = gone.isEmpty ? ["tidak ada aturan yang berlaku; klasifikasi mengikuti kategori dari unit atau preseden"]
                : ["aturan tidak lagi berlaku: " + gone.joined(separator: ", ")]
        }
        return RuleChange(itemID: itemID, unit: unit, revision: revision, nomor: item.nomor, ringkasan: item.ringkasan,
                          old: before, new: after, rules: rules, classification: new)
    }
}

/// The PPID's choice on an item whose classification the new rules would change.
public enum RuleChangeAction: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Take the new classification: the item gets a new revision classified by the current rules.
    case apply = "terapkan"
    /// Keep the classification on record (and the decisions on it); not asked again for the
    /// same new outcome.
    case keep = "pertahankan"
}

/// A rule change decision read from a row of a review workbook.
public struct WorkbookRuleChoice: Hashable, Sendable {
    public var itemID: String
    public var revision: Int
    public var action: RuleChangeAction
    public var note: String
    public var location: String

    public init(itemID: String, revision: Int, action: RuleChangeAction, note: String, location: String) {
        self.itemID = itemID
        self.revision = revision
        self.action = action
        self.note = note
        self.location = location
    }
}

extension AppDatabase {
    /// The rules key of the newest re-evaluation pass (nil before the first).
    public func lastRulePassKey() throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT rules_key FROM rule_passes ORDER BY id DESC LIMIT 1")
        }
    }

    /// Records a re-evaluation of every current item under the rules `key`: the pass and the
    /// items whose outcome changed, in ONE transaction (a run killed meanwhile leaves nothing,
    /// and the next run makes the pass again). Nothing is written when the newest pass was
    /// made under `key` already. A change the PPID kept before (same item revision, same new
    /// outcome) is not recorded again. Changes are stored in item order.
    ///
    /// - Returns: the changes recorded, or nil when the newest pass had this key.
    @discardableResult
    public func recordRulePass(key: String, at date: Date, changes: [RuleChange]) throws -> [RuleChange]? {
        try write { db in
            if try String.fetchOne(db, sql: "SELECT rules_key FROM rule_passes ORDER BY id DESC LIMIT 1") == key {
                return nil
            }
            let kept = try Self.keptOutcomes(db)
            let recorded = changes
                .filter { !kept.contains(Self.keptKey($0.itemID, $0.revision, $0.new)) }
                .sorted { ($0.unit, $0.itemID) < ($1.unit, $1.itemID) }
            try db.execute(sql: """
                INSERT INTO rule_passes (rules_key, evaluated_at, items_changed) VALUES (?, ?, ?)
                """, arguments: [key, date, recorded.count])
            let pass = db.lastInsertedRowID
            for change in recorded {
                try db.execute(sql: """
                    INSERT INTO rule_reevaluations (pass, item, revision, old_category, old_needs_test, old_grounds,
                        new_category, new_needs_test, new_grounds, new_classification, rules)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [pass, change.itemID, change.revision, change.old.category.rawValue, change.old.needsTest,
                                     change.old.grounds.joined(separator: ","), change.new.category.rawValue,
                                     change.new.needsTest, change.new.grounds.joined(separator: ","),
                                     ClassificationJSON.encode(change.classification),
                                     change.rules.joined(separator: "\n")])
            }
            return recorded
        }
    }

    /// `changes` without those the PPID already chose to keep the old classification against
    /// (same revision, same new outcome): what `dip rules dampak` lists.
    public func withoutKept(_ changes: [RuleChange]) throws -> [RuleChange] {
        try read { db in
            let kept = try Self.keptOutcomes(db)
            return changes.filter { !kept.contains(Self.keptKey($0.itemID, $0.revision, $0.new)) }
        }
    }

    static func keptKey(_ item: String, _ revision: Int, _ outcome: RuleOutcome) -> String {
        "\(item)#\(revision)#\(outcome.category.rawValue)#\(outcome.needsTest)#\(outcome.grounds.joined(separator: ","))"
    }

    /// The new outcomes the PPID chose to keep the old classification against, per revision.
    static func keptOutcomes(_ db: Database) throws -> Set<String> {
        var out = Set<String>()
        for row in try Row.fetchAll(db, sql: """
            SELECT e.item, e.revision, e.new_category, e.new_needs_test, e.new_grounds
            FROM rule_reevaluation_decisions d JOIN rule_reevaluations e ON e.id = d.reevaluation
            WHERE d.action = 'pertahankan'
            """) {
            let grounds: String = row["new_grounds"]
            guard let category = DIPCore.Category(rawValue: row["new_category"]) else { continue }
            out.insert(keptKey(row["item"], row["revision"], RuleOutcome(
                category: category, needsTest: row["new_needs_test"],
                grounds: grounds.isEmpty ? [] : grounds.components(separatedBy: ","))))
        }
        return out
    }

    /// What `pendingRuleChanges` is computed from besides the items' revisions (which
    /// `changeStamp` counts): the newest pass and the number of choices made; nil while the
    /// newest pass found no change. Cheap, for the review pack's stamp: reading the changes
    /// themselves took 1.7 s of a debug run at 1,400 pending items of 18,000.
    public func pendingRuleChangesStamp() throws -> String? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT p.id, p.items_changed, (SELECT COUNT(*) FROM rule_reevaluation_decisions) AS decided
                FROM rule_passes p ORDER BY p.id DESC LIMIT 1
                """), (row["items_changed"] as Int) > 0 else { return nil }
            return "\(row["id"] as Int64):\(row["items_changed"] as Int):\(row["decided"] as Int)"
        }
    }

    /// The changes of the newest pass still waiting for the PPID: the item is current, at the
    /// revision re-evaluated, and nothing was decided on it. In unit and list order.
    public func pendingRuleChanges() throws -> [RuleChange] {
        try read { db in try Self.pendingRuleChanges(db) }
    }

    static func pendingRuleChanges(_ db: Database, item: String? = nil) throws -> [RuleChange] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.*, i.unit AS item_unit, r.nomor AS item_nomor, r.ringkasan AS item_ringkasan
            FROM rule_reevaluations e
            JOIN items i ON i.id = e.item AND i.current_revision = e.revision AND i.withdrawn_at IS NULL
            JOIN item_revisions r ON r.item = e.item AND r.revision = e.revision
            WHERE e.pass = (SELECT MAX(id) FROM rule_passes)
              AND NOT EXISTS (SELECT 1 FROM rule_reevaluation_decisions d WHERE d.reevaluation = e.id)
              \(item == nil ? "" : "AND e.item = ?")
            ORDER BY i.unit, i.seq
            """, arguments: item.map { [$0] } ?? [])
        var classifications = ClassificationDecoder()
        return try rows.map { row in
            func outcome(_ prefix: String) -> RuleOutcome {
                let grounds: String = row["\(prefix)_grounds"]
                return RuleOutcome(category: DIPCore.Category(rawValue: row["\(prefix)_category"]) ?? .setiapSaat,
                                   needsTest: row["\(prefix)_needs_test"],
                                   grounds: grounds.isEmpty ? [] : grounds.components(separatedBy: ","))
            }
            let rules: String = row["rules"]
            let itemID: String = row["item"]
            let revision: Int = row["revision"]
            return RuleChange(
                itemID: itemID, unit: row["item_unit"], revision: revision,
                nomor: row["item_nomor"], ringkasan: row["item_ringkasan"], old: outcome("old"), new: outcome("new"),
                rules: rules.components(separatedBy: "\n"),
                classification: try classifications.decode(text: row["new_classification"]),
                standing: try standingPhrase(db, item: itemID, revision: revision))
        }
    }

    /// The PPID's decision on record for a revision, briefly ("disetujui", "diuji: terbuka").
    static func standingPhrase(_ db: Database, item: String, revision: Int) throws -> String? {
        if let test = try RegisterQueries.latestTest(db, item: item, revision: revision), test.conclusion != .pending {
            switch test.conclusion {
            case .exemptWhole: return "diuji: dikecualikan seluruhnya"
            case .exemptPart: return "diuji: dikecualikan sebagian"
            case .open: return "diuji: terbuka"
            case .pending: break
            }
        }
        if let decision = try RegisterQueries.latestDecision(db, item: item, revision: revision) {
            return decision.action == .approve ? "disetujui" : "dikembalikan ke unit"
        }
        return nil
    }

    /// Records the PPID's choice on a pending rule change of an item's current revision, in
    /// ONE transaction. `apply` records the new classification as the item's next revision
    /// (same fields, change `klasifikasi_berubah` in its history; tests and decisions are per
    /// revision, so it is reviewed again under the new rules); `keep` leaves the item as it is.
    ///
    /// - Throws: `staleRevision` when the item changed since, `invalidInput` when no rule change
    ///   waits for it.
    public func decideRuleChange(itemID: String, revision: Int, action: RuleChangeAction, note: String,
                                 by official: Official, at date: Date, source: EntrySource) throws {
        try write { db in
            try Self.insertRuleChoice(db, itemID: itemID, revision: revision, action: action, note: note,
                                      by: official, at: date, source: source)
        }
    }

    static func insertRuleChoice(_ db: Database, itemID: String, revision: Int, action: RuleChangeAction, note: String,
                                 by official: Official, at date: Date, source: EntrySource) throws {
        let name = official.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw RegisterError.invalidInput("Nama pejabat yang memutuskan wajib diisi.")
        }
        try checkCurrent(db, itemID: itemID, revision: revision)
        guard let id = try Int64.fetchOne(db, sql: """
            SELECT e.id FROM rule_reevaluations e
            WHERE e.pass = (SELECT MAX(id) FROM rule_passes) AND e.item = ? AND e.revision = ?
              AND NOT EXISTS (SELECT 1 FROM rule_reevaluation_decisions d WHERE d.reevaluation = e.id)
            """, arguments: [itemID, revision]) else {
            throw RegisterError.invalidInput(
                "Tidak ada perubahan klasifikasi karena aturan baru yang menunggu keputusan untuk \(itemID) revisi \(revision) "
                    + "(sudah diputuskan? lihat `dip history \(itemID)`). `dip status` menyebut yang menunggu setelah `dip run` "
                    + "mencatatnya; `dip rules impact` menampilkan yang akan diklasifikasikan lain oleh aturan sekarang.")
        }
        try db.execute(sql: """
            INSERT INTO rule_reevaluation_decisions (reevaluation, item, revision, action, note, by_name, by_nip, at, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, itemID, revision, action, note, name, official.nip, date, source])
        guard action == .apply else { return }
        let old = try RegisterQueries.revision(db, item: itemID, revision: revision)
        guard let text = try String.fetchOne(db, sql: "SELECT new_classification FROM rule_reevaluations WHERE id = ?",
                                             arguments: [id]) else { return }
        var classifications = ClassificationDecoder()
        let classification = try classifications.decode(text: text)
        // The same fields from the same list (its submission), classified by the current rules.
        var record = try RevisionRecord(item: itemID, revision: revision + 1, submission: old.submission,
                                        recordedAt: date, information: old.information, classification: classification)
        try record.insertPrepared(db)
        try db.execute(sql: "UPDATE items SET current_revision = ? WHERE id = ?", arguments: [revision + 1, itemID])
    }

    /// The PPID's choices on rule changes, newest last (for `dip history` and tests).
    public func ruleChoices(itemID: String) throws -> [(revision: Int, action: RuleChangeAction, by: String, at: Date)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT revision, action, by_name, at FROM rule_reevaluation_decisions WHERE item = ? ORDER BY id
                """, arguments: [itemID]).map { row in
                (row["revision"], RuleChangeAction(rawValue: row["action"]) ?? .keep, row["by_name"], row["at"])
            }
        }
    }
}

/// A current item as the rules see it: what a re-evaluation classifies again.
public struct RecordedClassification: Sendable {
    public var itemID: String
    public var unit: String
    public var revision: Int
    public var item: InformationItem
    public var classification: Classification
}

extension AppDatabase {
    /// The highest `item_revisions` row id (0 when none): revisions above it were recorded later.
    public func revisionWatermark() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM item_revisions") ?? 0 }
    }

    /// Calls `body` with each current (not withdrawn) item whose current revision was recorded
    /// at or below `watermark` (every current item when nil), in unit and list order, one
    /// revision at a time.
    public func forEachRecordedClassification(upTo watermark: Int64? = nil,
                                              _ body: (RecordedClassification) throws -> Void) throws {
        try read { db in
            var classifications = ClassificationDecoder()
            try RevisionRecord.forEach(db, sql: """
                SELECT r.*, i.unit AS item_unit FROM item_revisions r
                JOIN items i ON i.id = r.item AND r.revision = i.current_revision
                WHERE i.withdrawn_at IS NULL\(watermark == nil ? "" : " AND r.id <= ?")
                ORDER BY i.unit, i.seq
                """, arguments: watermark.map { [$0] } ?? []) { revision in
                let unit = String(revision.item.split(separator: "-").dropLast().joined(separator: "-"))
                try body(RecordedClassification(
                    itemID: revision.item, unit: unit, revision: revision.revision, item: revision.information,
                    classification: try classifications.decode(text: revision.classification)))
            }
        }
    }
}
