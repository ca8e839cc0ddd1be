import DIPCore
import Foundation
import GRDB

/// One decision the PPID took on an item, read back as a precedent for next runs' classifier
/// (issue 14): this PPID's consequence tests and approvals outrank other bodies' decisions.
public struct PPIDDecision: Hashable, Sendable {
    public enum Kind: String, Sendable {
        /// A consequence test concluded (exempt wholly or in part, or open).
        case consequenceTest = "uji konsekuensi"
        /// The PPID approved the revision as the unit classified it.
        case approval = "persetujuan"
    }

    public var itemID: String
    public var unit: String
    /// The item's title as the unit wrote it (judul, else ringkasan).
    public var title: String
    /// The category the decision settled.
    public var category: DIPCore.Category
    /// Pasal 17 grounds of an exempting test.
    public var grounds: [String]
    public var kind: Kind
    public var at: Date
}

extension AppDatabase {
    /// The PPID's settled decisions, one per item: the latest concluded consequence test or
    /// approval of any revision. A return settles nothing (the unit must send a new revision;
    /// its later approval or test then counts), and a pending test is no decision.
    public func ppidDecisions() throws -> [PPIDDecision] {
        try read { db in
            var latest: [String: PPIDDecision] = [:]
            func keep(_ decision: PPIDDecision) {
                if let known = latest[decision.itemID], known.at > decision.at { return }
                latest[decision.itemID] = decision
            }
            let tests = try Row.fetchAll(db, sql: """
                SELECT t.item, t.revision, t.grounds, t.conclusion, t.entered_at, i.unit, r.judul, r.ringkasan,
                       r.declared_category, r.suggested_category
                FROM consequence_tests t
                JOIN items i ON i.id = t.item
                JOIN item_revisions r ON r.item = t.item AND r.revision = t.revision
                ORDER BY t.id
                """)
            // The concluded test of each revision: an approval of a revision its test exempted
            // approves the exemption, not the category the unit declared. (The review workbook
            // records a test and the approval of the same row together, and the approval, being
            // later, made the PPID's own precedent read "tersedia setiap saat" for an item it
            // had exempted; the unit's feedback quoted it, session 21.)
            var tested: [String: (category: DIPCore.Category, grounds: [String])] = [:]
            for row in tests {
                guard let conclusion = ConsequenceConclusion(rawValue: row["conclusion"]), conclusion != .pending else { continue }
                let declared = (row["declared_category"] as String?).flatMap(DIPCore.Category.init(rawValue:))
                let suggested = (row["suggested_category"] as String?).flatMap(DIPCore.Category.init(rawValue:))
                let category: DIPCore.Category = conclusion == .open
                    ? ([declared, suggested].compactMap { $0 }.first { $0.isOpen } ?? .setiapSaat) : .dikecualikan
                let grounds = conclusion == .open ? [] : (row["grounds"] as String).split(separator: ",").map(String.init)
                tested["\(row["item"] as String)#\(row["revision"] as Int)"] = (category, grounds)
                keep(PPIDDecision(itemID: row["item"], unit: row["unit"], title: Self.decisionTitle(row), category: category,
                                  grounds: grounds, kind: .consequenceTest, at: row["entered_at"]))
            }
            let approvals = try Row.fetchAll(db, sql: """
                SELECT d.item, d.revision, d.at, i.unit, r.judul, r.ringkasan, r.declared_category, r.suggested_category, r.grounds
                FROM decisions d
                JOIN items i ON i.id = d.item
                JOIN item_revisions r ON r.item = d.item AND r.revision = d.revision
                WHERE d.action = 'approve'
                ORDER BY d.id
                """)
            for row in approvals {
                let declared = (row["declared_category"] as String?).flatMap(DIPCore.Category.init(rawValue:))
                let suggested = (row["suggested_category"] as String?).flatMap(DIPCore.Category.init(rawValue:))
                if let test = tested["\(row["item"] as String)#\(row["revision"] as Int)"] {
                    keep(PPIDDecision(itemID: row["item"], unit: row["unit"], title: Self.decisionTitle(row), category: test.category,
                                      grounds: test.grounds, kind: .approval, at: row["at"]))
                    continue
                }
                guard let category = declared ?? suggested else { continue }
                let grounds = category == .dikecualikan ? (row["grounds"] as String).split(separator: ",").map(String.init) : []
                keep(PPIDDecision(itemID: row["item"], unit: row["unit"], title: Self.decisionTitle(row), category: category,
                                  grounds: grounds, kind: .approval, at: row["at"]))
            }
            return latest.values.sorted { $0.itemID < $1.itemID }
        }
    }

    private static func decisionTitle(_ row: Row) -> String {
        if let judul = row["judul"] as String?, !judul.trimmingCharacters(in: .whitespaces).isEmpty { return judul }
        return row["ringkasan"]
    }
}
