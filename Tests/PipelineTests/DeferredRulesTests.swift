import DIPCore
import Foundation
import Rules
import TestSupport
import XCTest
@testable import Pipeline

/// A run whose rules folder holds what an earlier run of this build validated loads the rules
/// only when it uses them (the warm run never does); the rule set it then makes classifies as
/// the one loaded at once; a folder that changed is validated again, and broken rules still
/// stop the run.
final class DeferredRulesTests: XCTestCase {
    func testValidatedFolderLoadsWhenUsedAndAChangedOneIsCheckedAgain() throws {
        let workspace = Workspace(root: try Scratch.directory("dip-aturan-tunda"))
        _ = try WorkspaceSetup.initialise(workspace)

        let first = try Configuration.load(workspace, deferringRules: true)
        XCTAssertTrue(first.rules.isLoaded, "a folder not seen before is validated at once")
        XCTAssertTrue(try Configuration.load(workspace, deferringRules: true).rules.isLoaded,
                      "the digest is kept only by a run (after it checked the register)")
        first.keepRulesDigest()
        let deferred = try Configuration.load(workspace, deferringRules: true)
        XCTAssertFalse(deferred.rules.isLoaded, "the same folder, the same build: loaded when used")
        XCTAssertTrue(try Configuration.load(workspace).rules.isLoaded, "load without deferring loads at once")

        let eager = try Configuration.load(workspace)
        let titles = ["Laporan keuangan tahun 2025", "Rekam medis pasien", "Daftar pegawai negeri sipil",
                      "Rencana strategis dinas kesehatan", "Dokumen pengadaan barang dan jasa", "Data statistik sektoral"]
        for (n, title) in titles.enumerated() {
            let item = InformationItem(
                source: SourceLocation(file: "dip.csv", sheet: nil, row: n + 2), nomor: "\(n + 1)", ringkasan: title,
                pejabatPenguasa: "Sekretariat", penanggungJawab: "Kepala Bidang", waktuPembuatan: "2025",
                tempatPembuatan: "Serang", bentuk: "Softcopy", retensi: "5 tahun", kategoriText: "Berkala",
                kategori: n % 2 == 0 ? .berkala : .dikecualikan)
            XCTAssertEqual(Classifier(ruleSet: deferred.ruleSet).classify(item), Classifier(ruleSet: eager.ruleSet).classify(item), title)
        }
        XCTAssertTrue(deferred.rules.isLoaded)

        // A rules file changed: validated again; broken, the run stops as before.
        let aturan = workspace.rules.appendingPathComponent("aturan.yaml")
        let good = try Data(contentsOf: aturan)
        try Data("aturan: [ ini: bukan yaml yang benar\n".utf8).write(to: aturan)
        XCTAssertThrowsError(try Configuration.load(workspace, deferringRules: true)) { error in
            guard case RunError.brokenRules(let lines) = error else { return XCTFail("\(error)") }
            // Said as `dip rules check` says it: file, line, "galat", the Indonesian message.
            XCTAssertTrue(lines.first?.hasPrefix("aturan.yaml:2: galat: Kesalahan penulisan YAML") == true, "\(lines)")
            XCTAssertFalse("\(error)".contains("RuleIssue("), "\(error)")
        }
        // Restored: the digest is the validated one again.
        try good.write(to: aturan)
        XCTAssertFalse(try Configuration.load(workspace, deferringRules: true).rules.isLoaded)
        // A new file beside them (an unknown .yaml, a warning) is a change too.
        try Data("x: 1\n".utf8).write(to: workspace.rules.appendingPathComponent("lain.yaml"))
        let changed = try Configuration.load(workspace, deferringRules: true)
        XCTAssertTrue(changed.rules.isLoaded)
        changed.keepRulesDigest()
        XCTAssertFalse(try Configuration.load(workspace, deferringRules: true).rules.isLoaded)
    }
}
