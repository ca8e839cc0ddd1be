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

    /// The filter searches the exempted titles too and counts them apart: a citizen looking for
    /// a withheld title ("rekam medis") read "0 dari 24 informasi cocok." and stopped, while the
    /// title with its basis and period stood unfiltered at the page's end (session 24).
    func testFilterFindsAnExemptedTitleAndSaysSo() throws {
        guard let chrome = Shell.which("chromium") ?? Shell.which("chromium-browser") ?? Shell.which("google-chrome") else {
            throw missingTool("chromium not installed (apt-get install -y chromium)")
        }
        let site = try makeTempDir().appendingPathComponent("website")
        try WebsiteWriter.write(version: Fixture.version3(), history: Fixture.history(), clock: Fixture.clock, to: site)
        let profile = try makeTempDir("chromium-profile")
        func dom(_ query: String) throws -> String {
            let url = "file://" + site.appendingPathComponent("index.html").path + "?q=" + query
            return try Shell.run(chrome, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                          "--no-first-run", "--no-default-browser-check", "--user-data-dir=\(profile.path)",
                                          "--virtual-time-budget=5000", "--dump-dom", url]).output
        }
        let found = try dom("rekam%20medis")
        XCTAssertTrue(found.contains("0 dari 24 informasi cocok; 1 dari 2 judul informasi yang dikecualikan cocok."), found)
        XCTAssertTrue(found.contains("data-tampil-dikecualikan=\"1\""), found)
        let rows = found.components(separatedBy: "<tr class=\"dik-item\"").dropFirst()
        XCTAssertEqual(rows.count, 2, found)
        let shown = rows.filter { !$0.hasPrefix(" hidden") }
        XCTAssertEqual(shown.count, 1, found)
        XCTAssertTrue(shown.first?.contains("Rekam medis pasien puskesmas") == true, found)
        XCTAssertFalse(found.contains("<section id=\"dikecualikan\" aria-labelledby=\"dikecualikan-judul\" hidden"), found)
        // A query no exempted title holds hides their section, as an empty category is hidden.
        let open = try dom("banjir")
        XCTAssertTrue(open.contains("2 dari 24 informasi cocok; 0 dari 2 judul informasi yang dikecualikan cocok."), open)
        XCTAssertTrue(open.contains("<section id=\"dikecualikan\" aria-labelledby=\"dikecualikan-judul\" hidden"), open)
    }
}
