import DIPCore
import Foundation
import XCTest
@testable import Rules

/// Titles written from the law (Tests/RulesTests/Fixtures/probe-uu-*.csv, see the README there):
/// what UU 14/2008 Pasal 17 and sectoral law name as exempt must be flagged by the rules alone,
/// and what Perki 1/2021 and Pasal 18 list as open must not be, even when it sounds sensitive.
/// A regression guard for the broad "person + attribute" rules (the sets were tuned on).
final class LawProbeTests: XCTestCase {
    private func report(_ name: String) throws -> EvaluationReport {
        let text = try String(contentsOf: Paths.fixtures.appendingPathComponent(name), encoding: .utf8)
        let items = try LabelledList.read(text, file: name)
        XCTAssertGreaterThan(items.count, 100, name)
        let report = Evaluator.evaluate(items, classifier: Classifier(ruleSet: defaultRules, precedents: []), file: name)
        for line in report.figureLines { print(line) }
        return report
    }

    func testExemptKindsTheLawNamesAreFlaggedByTheRules() throws {
        let r = try report("probe-uu-dikecualikan.csv")
        XCTAssertEqual(r.exempt, r.items, "every probe item is labelled dikecualikan")
        XCTAssertGreaterThanOrEqual(r.exemptRecall, 0.95, r.misses.filter { $0.contains("terlewat") }.joined(separator: "\n"))
    }

    func testOpenKindsThatSoundSensitiveAreNotFlagged() throws {
        let r = try report("probe-uu-terbuka.csv")
        XCTAssertEqual(r.open, r.items, "every probe item is labelled open")
        XCTAssertEqual(r.openFlagged, 0, r.misses.filter { $0.contains("tetapi ditandai") }.joined(separator: "\n"))
    }
}
