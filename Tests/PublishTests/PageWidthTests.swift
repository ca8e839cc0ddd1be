import DIPCore
import Foundation
import TestSupport
import XCTest
@testable import Publish

/// The review page, a unit's feedback page and the public page fit a laptop (1366 px) and a
/// phone (390 px) without horizontal scrolling, measured by headless Chromium through
/// scripts/check-width.sh (document.documentElement.scrollWidth). Screenshots are kept in
/// DIP_TEST_ARTIFACTS (default .build/artifacts/check-width).
final class PageWidthTests: XCTestCase {
    let widths = [1366, 390]

    func assertFits(_ name: String, _ html: String, file: StaticString = #filePath, line: UInt = #line) throws {
        guard Shell.which("chromium") ?? Shell.which("chromium-browser") ?? Shell.which("google-chrome") != nil else {
            throw missingTool("chromium not installed (apt-get install -y chromium)")
        }
        let dir = try makeTempDir(name)
        let page = dir.appendingPathComponent("\(name).html")
        try Data(html.utf8).write(to: page)
        let artifacts = ProcessInfo.processInfo.environment["DIP_TEST_ARTIFACTS"].map { URL(fileURLWithPath: $0) }
            ?? WebCheckers.repoRoot.appendingPathComponent(".build/artifacts/check-width")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let script = WebCheckers.repoRoot.appendingPathComponent("scripts/check-width.sh").path
        for width in widths {
            let shot = artifacts.appendingPathComponent("\(name)-\(width).png").path
            let r = try Shell.run("/bin/bash", [script, page.path, String(width), shot])
            XCTAssertEqual(r.status, 0, r.output, file: file, line: line)
            let parts = r.output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            XCTAssertEqual(parts.count, 2, r.output, file: file, line: line)
            guard parts.count == 2 else { continue }
            XCTAssertLessThanOrEqual(parts[1], width, "\(name) at \(width) px scrolls sideways (\(parts[1]) px wide)",
                                     file: file, line: line)
        }
    }

    func testReviewPageFits() throws {
        try assertFits("pemeriksaan", ReviewPage.html(try ReviewFixtures.input(), clock: ReviewFixtures.clock))
    }

    func testUnitFeedbackPageFits() throws {
        let f = UnitDocumentsTests(name: "fixtures", testClosure: { _ in }).feedbackInputs()
        try assertFits("umpan-balik", UnitFeedback.html(
            unit: Fixture.dinkes, items: f.items, problems: f.problems, returnNotes: f.notes,
            classifications: f.classes, clock: ReviewFixtures.clock))
    }

    func testPublicPageFits() throws {
        let site = try makeTempDir().appendingPathComponent("website")
        try WebsiteWriter.write(version: Fixture.version3(), history: Fixture.history(), clock: Fixture.clock, to: site)
        try assertFits("situs", try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8))
    }
}
