import DIPCore
import Foundation
import XCTest

@testable import Register

/// Session 25: the register's record of items re-evaluated after a rule change
/// (`rule_passes`, `rule_reevaluations`, `rule_reevaluation_decisions`).
final class RuleChangeTests: XCTestCase {
    /// The withheld outcome a new rule gives `item`.
    func withheld(_ item: InformationItem) -> Classification {
        Classification(declared: item.kategori, suggested: .dikecualikan, subgroup: nil, needsConsequenceTest: true,
                       exemptionGrounds: ["17i"], needsReview: true, missingLegalBasis: false,
                       hits: [RuleHit(ruleID: "rapat-internal", description: "Notulen rapat internal", matchedWords: ["notulen"])],
                       notes: [])
    }

    func changes(_ db: AppDatabase) throws -> [RuleChange] {
        let current = try db.currentItems(unit: "dinkes")
        return current.compactMap { c in
            c.item.ringkasan.hasPrefix("Rencana")
                ? RuleChange.compare(itemID: c.itemID, unit: "dinkes", revision: c.revision, item: c.item,
                                     old: c.classification, new: withheld(c.item))
                : nil
        }
    }

    func testAPassIsRecordedOncePerRulesKeyWithoutDuplicates() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "a")
        let found = try changes(db)
        XCTAssertEqual(found.map(\.itemID), ["dinkes-0002"])
        XCTAssertEqual(found[0].old, RuleOutcome(category: .berkala, needsTest: false, grounds: []))
        XCTAssertEqual(found[0].rules, ["rapat-internal: Notulen rapat internal"])
        XCTAssertEqual(try db.recordRulePass(key: "R2", at: Fixture.date(1), changes: found)?.count, 1)
        // A run repeating the pass (killed after it committed, or simply the next run) writes nothing.
        XCTAssertNil(try db.recordRulePass(key: "R2", at: Fixture.date(2), changes: found))
        XCTAssertEqual(try Fixture.count(db, "rule_passes"), 1)
        XCTAssertEqual(try Fixture.count(db, "rule_reevaluations"), 1)
        XCTAssertEqual(try db.pendingRuleChanges().map(\.itemID), ["dinkes-0002"])
        XCTAssertEqual(try db.status().ruleChanges.count, 1)
    }

    func testKeepHoldsAcrossPassesAndApplyMakesTheNextRevision() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "a")
        try db.recordRulePass(key: "R2", at: Fixture.date(1), changes: try changes(db))
        // The PPID's approval of the revision stays on record and is shown.
        try db.recordDecision(itemID: "dinkes-0002", revision: 1, action: .approve, note: "", by: Fixture.ppid,
                              at: Fixture.date(1), source: .cli)
        XCTAssertEqual(try db.pendingRuleChanges().first?.standing, "disetujui")
        try db.decideRuleChange(itemID: "dinkes-0002", revision: 1, action: .keep, note: "", by: Fixture.ppid,
                                at: Fixture.date(2), source: .cli)
        XCTAssertEqual(try db.pendingRuleChanges(), [])
        XCTAssertEqual(try db.currentItems(unit: "dinkes").first { $0.itemID == "dinkes-0002" }?.revision, 1)
        // Another rules key giving the same new outcome: not asked again.
        XCTAssertEqual(try db.recordRulePass(key: "R3", at: Fixture.date(3), changes: try changes(db)), [])
        XCTAssertEqual(try db.pendingRuleChanges(), [])
        // A choice on nothing pending is refused, never recorded.
        XCTAssertThrowsError(try db.decideRuleChange(itemID: "dinkes-0002", revision: 1, action: .apply, note: "",
                                                     by: Fixture.ppid, at: Fixture.date(3), source: .cli))

        // A new outcome (another ground) is asked; applying it makes revision 2, pending its test.
        var other = try changes(db)
        other[0].new = RuleOutcome(category: .dikecualikan, needsTest: true, grounds: ["17h"])
        other[0].classification.exemptionGrounds = ["17h"]
        XCTAssertEqual(try db.recordRulePass(key: "R4", at: Fixture.date(4), changes: other)?.count, 1)
        XCTAssertThrowsError(try db.decideRuleChange(itemID: "dinkes-0002", revision: 2, action: .apply, note: "",
                                                     by: Fixture.ppid, at: Fixture.date(4), source: .cli)) {
            XCTAssertEqual($0 as? RegisterError, .staleRevision(item: "dinkes-0002", given: 2, current: 1))
        }
        try db.decideRuleChange(itemID: "dinkes-0002", revision: 1, action: .apply, note: "", by: Fixture.ppid,
                                at: Fixture.date(4), source: .cli)
        let item = try XCTUnwrap(try db.currentItems(unit: "dinkes").first { $0.itemID == "dinkes-0002" })
        XCTAssertEqual(item.revision, 2)
        XCTAssertEqual(item.classification.exemptionGrounds, ["17h"])
        XCTAssertEqual(item.item.ringkasan, "Rencana Strategis Dinas Kesehatan 2021-2026", "same fields")
        XCTAssertEqual(try db.pendingConsequenceTests().map(\.itemID), ["dinkes-0002"])
        XCTAssertEqual(try db.consistencyFacts().itemsWithMissingRevision, 0)
        XCTAssertEqual(try db.ruleChoices(itemID: "dinkes-0002").map(\.action), [.keep, .apply])
        // `dip history` tells the applied revision as reclassified, with the PPID's choices.
        let history = try db.history(itemID: "dinkes-0002")
        XCTAssertEqual(history.revisions.map(\.change), [.added, .reclassified])
        XCTAssertEqual(history.revisions.last?.fields, ["klasifikasi"])
        XCTAssertEqual(history.ruleChoices.map(\.action), [.keep, .apply])
        XCTAssertEqual(history.ruleChoices.first?.by.name, Fixture.ppid.name)
    }
}
