import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Publish

/// The review page and a unit's feedback page as their readers print them: headless Chromium
/// prints the page (its own `@page`: F4 landscape) to PDF and `pdftotext -bbox` reads back the
/// words drawn. A word broken over two lines by a column too narrow for it ("Perang/kat",
/// "Dikecualika/n": a cell may break anywhere) is then missing from the PDF's words.
final class PrintedPageTests: XCTestCase {
    /// Words of the page's text (tags, head, scripts and the screen-only navigation left out)
    /// that the printed PDF lacks, with how many are missing.
    func brokenWords(_ name: String, _ html: String) throws -> [String: Int] {
        guard let chrome = Shell.which("chromium") ?? Shell.which("chromium-browser") ?? Shell.which("google-chrome") else {
            throw missingTool("chromium not installed (apt-get install -y chromium)")
        }
        guard let pdftotext = Shell.which("pdftotext") else { throw missingTool("pdftotext not installed (poppler-utils)") }
        let dir = try makeTempDir(name)
        let page = dir.appendingPathComponent("\(name).html")
        try Data(html.utf8).write(to: page)
        let pdf = dir.appendingPathComponent("\(name).pdf")
        let r = try Shell.run("/usr/bin/timeout", [
            "120", chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(dir.appendingPathComponent("profil").path)", "--no-pdf-header-footer",
            "--print-to-pdf=\(pdf.path)", page.absoluteString])
        guard FileManager.default.fileExists(atPath: pdf.path) else {
            throw PrintError(description: "Chromium printed no PDF: \(r.output)")
        }
        if let keep = ProcessInfo.processInfo.environment["DIP_TEST_ARTIFACTS"] {
            try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            try? FileManager.default.copyItem(at: pdf, to: URL(fileURLWithPath: keep).appendingPathComponent("\(name).pdf"))
        }
        let (status, bbox) = try Shell.run(pdftotext, ["-bbox", pdf.path, "-"])
        XCTAssertEqual(status, 0, bbox)
        var drawn: [String] = []
        for line in bbox.split(separator: "\n") where line.contains("<word ") {
            guard let start = line.firstIndex(of: ">"), let end = line.range(of: "</word>") else { continue }
            drawn.append(Self.unescape(String(line[line.index(after: start)..<end.lowerBound])))
        }
        var text = html
        // The head (title, style) is not printed, nor the navigation (`@media print`), nor the
        // header row of a table printed as cards (each card labels its non-empty fields).
        text = text.replacingOccurrences(of: "(?s)(<table class=\"lebar[^\"]*\">\\s*<thead>).*?</thead>", with: "$1</thead>",
                                         options: .regularExpression)
        for element in ["head", "script", "nav"] {
            text = text.replacingOccurrences(of: "(?s)<\(element)[^>]*>.*?</\(element)>", with: " ",
                                             options: [.regularExpression, .caseInsensitive])
        }
        text = Self.unescape(text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression))
        let shown = LibreOfficeRender.words(drawn.joined(separator: "\n"))
        var missing: [String: Int] = [:]
        for (w, n) in LibreOfficeRender.words(text) where (shown[w] ?? 0) < n { missing[w] = n - (shown[w] ?? 0) }
        return missing
    }

    struct PrintError: Error, CustomStringConvertible {
        var description: String
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The review page's category tables (19 columns) printed as a table broke their headers and
    /// values into syllables; printed as one card per item, every word is whole (session 22).
    func testReviewPagePrintsEveryWordWhole() throws {
        let html = ReviewPage.html(try ReviewFixtures.input(), clock: ReviewFixtures.clock)
        XCTAssertEqual(try brokenWords("pemeriksaan", html), [:])
    }

    /// A unit's feedback page printed: the header "Nomor" and a unit's category "Dikecualikan"
    /// broke ("Nomo/r", "Dikecualika/n") in their share of the page.
    func testUnitFeedbackPagePrintsEveryWordWhole() throws {
        var f = UnitDocumentsTests(name: "fixtures", testClosure: { _ in }).feedbackInputs()
        f.items[0].kategoriText = "Dikecualikan"
        let html = UnitFeedback.html(unit: Fixture.dinkes, items: f.items, problems: f.problems, returnNotes: f.notes,
                                     classifications: f.classes, clock: ReviewFixtures.clock)
        XCTAssertEqual(try brokenWords("umpan-balik", html), [:])
    }
}
