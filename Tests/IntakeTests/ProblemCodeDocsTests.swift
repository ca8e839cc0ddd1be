import Foundation
import XCTest
@testable import Intake

/// Issue 16 #16: every problem code a unit can be told is documented in docs/problems.md
/// (`too-many-rows` was missing), so tools and officers can look each one up.
final class ProblemCodeDocsTests: XCTestCase {
    func testEveryProblemCodeIsDocumented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/problems.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let missing = ProblemCode.allCases.map(\.rawValue).filter { !text.contains("| `\($0)` |") }
        XCTAssertEqual(missing, [], "codes not in a table row of docs/problems.md")
    }
}
