import DIPCore
import Foundation
import Logging
import Publish
import Register
import XCTest
@testable import Pipeline

/// The whole SOP on the bundled examples: submissions → flags → consequence tests →
/// approval → a published version whose items are exactly the approved open ones.
final class EndToEndTests: XCTestCase {
    var root: URL!
    var workspace: Workspace!
    let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-e2e-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("examples/inbox"),
                                         to: workspace.inbox.appendingPathComponent("contoh"))
        // Move the example unit folders up into inbox/.
        let contoh = workspace.inbox.appendingPathComponent("contoh")
        for unit in try FileManager.default.contentsOfDirectory(atPath: contoh.path) {
            try FileManager.default.moveItem(at: contoh.appendingPathComponent(unit),
                                             to: workspace.inbox.appendingPathComponent(unit))
        }
        try FileManager.default.removeItem(at: contoh)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func run(at seconds: TimeInterval) throws -> RunSummary {
        let options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + seconds)))
        return try Runner(workspace: workspace, options: options, logger: Logger(label: "test")).run()
    }

    func testFullCycleFromSubmissionToPublishedVersion() throws {
        // 1. Intake: four usable lists, one refused .xls, one lock file left alone.
        let first = try run(at: 0)
        XCTAssertEqual(first.accepted, 4)
        XCTAssertEqual(first.refused, 1)
        XCTAssertEqual(first.draftVersion, 1)
        XCTAssertTrue(FileManager.default.fileExists(
            atPath: workspace.inbox.appendingPathComponent("dinsos/~$DIP Dinsos 2026.xlsx").path))

        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let pending = try register.pendingConsequenceTests()
        let pendingTexts = pending.map(\.item.ringkasan)
        // The bansos list declared setiap saat is caught, as are the declared exemptions.
        XCTAssertTrue(pendingTexts.contains("Daftar penerima bantuan sosial beserta NIK dan nomor rekening"), "\(pendingTexts)")
        XCTAssertTrue(pendingTexts.contains("Rekam medis pasien"), "\(pendingTexts)")
        let draft1 = try XCTUnwrap(register.currentDraft())
        XCTAssertFalse(draft1.items.contains { pendingTexts.contains($0.item.ringkasan) },
                       "an item with a pending test is never in a version's items")

        // 2. A second run with nothing new changes nothing.
        let idle = try run(at: 60)
        XCTAssertTrue(idle.outcomes.isEmpty)
        XCTAssertEqual(idle.draftVersion, 1)

        // 3. Consequence tests: the bansos list is exempted, everything else pending is exempted too
        //    except the KLB-like open ones; here: rekam medis exempted, bansos exempted.
        let tester = Official(name: "Tim Uji", nip: "197001011995031002")
        for test in pending {
            let conclusion: ConsequenceConclusion = .exemptWhole
            try register.recordConsequenceTest(
                itemID: test.itemID, revision: test.revision,
                test: ConsequenceTest(
                    specificInformation: test.item.ringkasan, legalBasis: "UU 14/2008 Pasal 17",
                    grounds: test.classification.exemptionGrounds, consequence: "Mengungkap data pribadi.",
                    publicInterest: "Kepentingan publik tidak lebih besar.", conclusion: conclusion,
                    period: .permanent, periodText: "Permanen", conditionsForOpening: "Persetujuan tertulis pemilik data.",
                    tester: tester, testedOn: Date(timeIntervalSince1970: 1_767_225_600)),
                enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_700))
        }
        let afterTests = try run(at: 120)
        let draftNumber = try XCTUnwrap(afterTests.draftVersion)
        XCTAssertGreaterThan(draftNumber, 1, "a new draft once the tests are recorded")
        let draft = try register.version(number: draftNumber)
        XCTAssertEqual(Set(draft.exempted.map(\.item.ringkasan)), Set(pendingTexts))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(
            "reports/draf/draf-keputusan-klasifikasi-dik-v\(draftNumber).docx").path))

        // 4. Approval, then the next run publishes.
        try register.approve(version: draftNumber, by: Official(name: "Kepala Dinas", nip: "197001011995031002"),
                             decreeNumber: "000.9/12/Diskominfosatik/2026",
                             dikDecreeNumber: "000.9/12.1/Diskominfosatik/2026",
                             decreeDate: Date(timeIntervalSince1970: 1_767_225_600), force: true, at: Date(timeIntervalSince1970: 1_767_225_800))
        let publishing = try run(at: 180)
        XCTAssertEqual(publishing.publishedVersion, draftNumber)
        let published = try XCTUnwrap(register.lastPublished())
        XCTAssertEqual(published.number, draftNumber)
        // Issue 16 #14: the review pack is written after publication, so the run that publishes
        // already compares with the version it published (before, the pack compared with the
        // previous decree for a whole cycle).
        let reviewPage = try String(contentsOf: root.appendingPathComponent("reports/review/index.html"), encoding: .utf8)
        XCTAssertTrue(reviewPage.contains("dibandingkan dengan versi \(draftNumber)."), "review pack stale after publication")
        // The draft folder no longer offers the published version as a pending draft.
        let draftFolder = root.appendingPathComponent("reports/draf")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: draftFolder.path), ["BACA-INI.txt"])
        let readMe = try String(contentsOf: draftFolder.appendingPathComponent("BACA-INI.txt"), encoding: .utf8)
        XCTAssertTrue(readMe.contains("Draf versi \(draftNumber) sudah diterbitkan"), readMe)

        // The website lists exactly the published open items, and no exempted text.
        let csv = try String(contentsOf: root.appendingPathComponent("reports/situs/dip.csv"), encoding: .utf8)
        let csvIDs = Set(csv.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[0]) })
        XCTAssertEqual(csvIDs, Set(published.items.map(\.id)))
        XCTAssertTrue(csvIDs.isDisjoint(with: published.exempted.map(\.id)), "exempted items are not in the DIP")
        let page = try String(contentsOf: root.appendingPathComponent("reports/situs/index.html"), encoding: .utf8)
        for item in published.items {
            XCTAssertTrue(page.contains(item.item.ringkasan.replacingOccurrences(of: "&", with: "&amp;")), item.item.ringkasan)
        }

        // The archive package exists, verifies, and is never rewritten.
        let package = root.appendingPathComponent("archive/paket/dip-v\(String(format: "%04d", draftNumber)).zip")
        let bytes = try Data(contentsOf: package)
        XCTAssertTrue(try ArchiveVerifier.verify(packagesIn: package.deletingLastPathComponent()).isEmpty)
        let again = try run(at: 240)
        XCTAssertNil(again.publishedVersion)
        XCTAssertEqual(try Data(contentsOf: package), bytes)
    }
}
