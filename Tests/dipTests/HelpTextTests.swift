import Foundation
import TestSupport
import XCTest

/// The command line speaks Indonesian in the parser's own lines too, and `dip approve` has
/// one `--version` (its version number), not also the parser's version flag.
final class HelpTextTests: XCTestCase {
    func dip(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let binary = Checkers.repoRoot.appendingPathComponent(".build/debug/dip")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw missingTool("the dip binary is not built (swift build)")
        }
        return try runProcess(binary, arguments)
    }

    func testHelpIsIndonesianAndVersionIsNotDuplicated() throws {
        let approve = try dip(["approve", "--help"])
        XCTAssertEqual(approve.status, 0, approve.output)
        XCTAssertEqual(approve.output.components(separatedBy: "--version").count - 1, 1, approve.output)
        for english in ["Show help information", "Show the version", "USAGE:", "OPTIONS:", "default:"] {
            XCTAssertFalse(approve.output.contains(english), "\(english) in:\n\(approve.output)")
        }
        XCTAssertTrue(approve.output.contains("Tampilkan bantuan ini."))
        let root = try dip(["--help"])
        XCTAssertTrue(root.output.contains("SUBPERINTAH:"), root.output)
        XCTAssertEqual(try dip(["--version"]).output.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
        let wrong = try dip(["diff", "--bogus"])
        XCTAssertEqual(wrong.status, 64)
        XCTAssertTrue(wrong.output.contains("Galat: Opsi tidak dikenal '--bogus'"), wrong.output)
    }
}
