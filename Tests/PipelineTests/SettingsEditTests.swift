import Foundation
import OfficeFormats
import XCTest
@testable import Pipeline

/// The draft decrees and the review pack print what the files of `rules/` say (the decree's
/// Menimbang in `keputusan.json`, the units' names in `unit.yaml`). A PPID who corrects one of
/// them after a Bagian Hukum read and runs dip again must get documents with the correction,
/// though no list came in; they kept the old wording until the next list did.
final class SettingsEditTests: XCTestCase {
    func testACorrectedSettingsFileMakesTheDraftAndTheReviewPackAgain() throws {
        _ = try DipProcess.requireBinary()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-settings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let initialised = try DipProcess.run(["init", root.path])
        XCTAssertEqual(initialised.exitCode, 0, initialised.stderr)
        let workspace = Workspace(root: root)
        let unitFile = workspace.rules.appendingPathComponent("unit.yaml")
        let units = ["unit-001", "unit-002"]
        var yaml = try String(contentsOf: unitFile, encoding: .utf8)
        for code in units {
            yaml += "  - kode: \(code)\n    nama: Unit Kerja \(code)\n    kepala: Kepala \(code)\n    ppid_pelaksana: Sekretaris \(code)\n"
        }
        try yaml.write(to: unitFile, atomically: true, encoding: .utf8)
        _ = try NearDuplicateInbox.write(into: workspace.inbox, units: units, itemsPerUnit: 12, seed: 3)
        try run(root, epoch: "1767225600")

        let draft = workspace.reports.appendingPathComponent("draf/draf-keputusan-penetapan-dip-v1.docx")
        let page = workspace.review.appendingPathComponent("index.html")
        let decreeFile = workspace.rules.appendingPathComponent("keputusan.json")
        let original = "selain informasi yang dikecualikan sesuai dengan ketentuan"
        XCTAssertTrue(try documentText(draft).contains(original))
        XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).contains("Unit Kerja unit-002"))

        // A run with nothing new and nothing corrected makes nothing again.
        let madeAt = try modified(draft)
        try run(root, epoch: "1767229200")
        XCTAssertEqual(try modified(draft), madeAt, "a run with no change made the draft again")

        let corrected = "selain Informasi Publik yang dikecualikan sesuai dengan ketentuan peraturan perundang-undangan"
        let settings = try String(contentsOf: decreeFile, encoding: .utf8)
        XCTAssertTrue(settings.contains(original))
        try settings.replacingOccurrences(of: original, with: corrected).write(to: decreeFile, atomically: true, encoding: .utf8)
        try String(contentsOf: unitFile, encoding: .utf8)
            .replacingOccurrences(of: "nama: Unit Kerja unit-002", with: "nama: Badan Unit Dua Berganti Nama")
            .write(to: unitFile, atomically: true, encoding: .utf8)
        try run(root, epoch: "1767232800")
        XCTAssertTrue(try documentText(draft).contains(corrected), "the draft kept the Menimbang the PPID corrected")
        XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).contains("Badan Unit Dua Berganti Nama"),
                      "the review page kept the unit's old name")
    }

    private func run(_ root: URL, epoch: String) throws {
        let result = try DipProcess.run(["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"],
                                        environment: ["SOURCE_DATE_EPOCH": epoch, "DIP_REVIEW_KEY": "settings-test-key"])
        XCTAssertTrue(result.exitCode == 0 || result.exitCode == 2, result.stderr)
    }

    private func modified(_ url: URL) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date
    }

    /// The document's text runs, joined (a phrase may be split over runs only at formatting,
    /// which the Menimbang has not).
    private func documentText(_ url: URL) throws -> String {
        let archive = try ZipArchive(path: url.path)
        let xml = String(decoding: try archive.readAll(try XCTUnwrap(try archive.entry(named: "word/document.xml"))), as: UTF8.self)
        return xml.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
    }
}
