import DIPCore
import Foundation
import TestSupport
import XCTest
@testable import Publish

/// Renders the page in headless Chromium through scripts/check-page.sh: screenshots are kept
/// as artifacts (DIP_TEST_ARTIFACTS, default .build/artifacts/check-page) and the filter must
/// narrow the table.
final class PageInBrowserTests: XCTestCase {
    func testPageRendersAndFilterNarrowsTheTable() throws {
        guard Shell.which("chromium") ?? Shell.which("chromium-browser") ?? Shell.which("google-chrome") != nil else {
            throw missingTool("chromium not installed (apt-get install -y chromium)")
        }
        let site = try makeTempDir().appendingPathComponent("website")
        try WebsiteWriter.write(version: Fixture.version3(), history: Fixture.history(), clock: Fixture.clock, to: site)
        let artifacts = ProcessInfo.processInfo.environment["DIP_TEST_ARTIFACTS"].map { URL(fileURLWithPath: $0) }
            ?? WebCheckers.repoRoot.appendingPathComponent(".build/artifacts/check-page")
        let script = WebCheckers.repoRoot.appendingPathComponent("scripts/check-page.sh").path
        let started = Date()
        // "banjir" is in two items: bpbd-0003 (berkala K) and bpbd-0004 (serta merta).
        let r = try Shell.run("/bin/bash", [script, site.appendingPathComponent("index.html").path, artifacts.path, "banjir", "2"])
        let seconds = Date().timeIntervalSince(started)
        print("check-page took \(String(format: "%.1f", seconds)) s: \(r.output.split(separator: "\n").last ?? "")")
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("OK check-page index.html: 24 rows rendered, filter 'banjir' shows 2"), r.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: artifacts.appendingPathComponent("index-desktop.png").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: artifacts.appendingPathComponent("index-phone.png").path))
    }
}
