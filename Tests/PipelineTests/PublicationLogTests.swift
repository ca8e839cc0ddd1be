import DIPCore
import Foundation
import Logging
import Register
import XCTest
@testable import Pipeline

/// The log's counts of a draft and of a publication are the decrees' counts: an item exempted
/// in part has its open part in the DIP's Lampiran (and on the website), and the log said one
/// fewer for each such item than `dip approve`, `dip status`, the decree and the website.
final class PublicationLogTests: XCTestCase {
    let signatory = Official(name: "Drs. H. Ahmad Fauzi, M.Si.", nip: "197001011995031002")
    let atasan = Official(name: "H. Zaldi Dhuhana, S.Sos., M.M.", nip: "196801011990031002")

    func testDraftAndPublicationLogCountTheDecreesItems() throws {
        let example = try ExampleInboxWorkspace("dip-publog")
        defer { try? FileManager.default.removeItem(at: example.root) }
        let workspace = example.workspace
        let log = CapturedLog()
        func run(_ t: TimeInterval) throws -> RunSummary {
            try Runner(workspace: workspace,
                       options: RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + t))),
                       logger: log.logger).run()
        }
        _ = try run(0)
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let pending = try register.pendingConsequenceTests()
        XCTAssertGreaterThanOrEqual(pending.count, 2)
        // The first exempted in part, the second whole, any other opened.
        for (i, p) in pending.enumerated() {
            let conclusion: ConsequenceConclusion = i == 0 ? .exemptPart : i == 1 ? .exemptWhole : .open
            try register.recordConsequenceTest(
                itemID: p.itemID, revision: p.revision,
                test: ConsequenceTest(
                    specificInformation: "NIK dan alamat", legalBasis: "", grounds: conclusion == .open ? [] : ["17h2"],
                    consequence: "Mengungkap rahasia pribadi.", publicInterest: "Tidak lebih besar.",
                    conclusion: conclusion, period: .permanent, periodText: "Permanen", conditionsForOpening: "",
                    tester: Official(name: "dr. Rina Marlina", nip: "198001012005012003"),
                    testedOn: Date(timeIntervalSince1970: 1_767_225_600)),
                enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_700))
        }
        let number = try XCTUnwrap(try run(60).draftVersion)
        let draft = try register.version(number: number)
        XCTAssertEqual(draft.exempted.count, 2)
        let inDIP = draft.items.count + 1
        let drafted = try XCTUnwrap(log.lines.last { $0.message == "draf DIP baru" })
        XCTAssertEqual(drafted.metadata["informasi"], "\(inDIP)", "\(drafted.metadata)")
        XCTAssertEqual(drafted.metadata["dikecualikan"], "2", "\(drafted.metadata)")

        for item in draft.items + draft.exempted {
            try register.recordDecision(itemID: item.id, revision: item.revision, action: .approve, note: "",
                                        by: signatory, at: Date(timeIntervalSince1970: 1_767_225_750), source: .workbook)
        }
        try register.approve(version: number, ApprovalRequest(
            decreeNumber: "000.9/7/2026", dikDecreeNumber: "000.9/8/2026", decreeDate: Date(timeIntervalSince1970: 1_767_225_600),
            signatory: signatory, atasan: atasan), at: Date(timeIntervalSince1970: 1_767_225_800))
        XCTAssertEqual(try run(120).publishedVersion, number)
        let published = try XCTUnwrap(log.lines.last { $0.message == "DIP diterbitkan" })
        XCTAssertEqual(published.metadata["informasi"], "\(inDIP)", "\(published.metadata)")
        XCTAssertEqual(published.metadata["dikecualikan"], "2", "\(published.metadata)")
        // The website's open data lists the same number of items (one CSV record each).
        let csv = try String(contentsOf: workspace.reports.appendingPathComponent("situs/dip.csv"), encoding: .utf8)
        let ids = csv.split(whereSeparator: \.isNewline).filter { $0.range(of: #"^[a-z0-9-]+-\d{4},"#, options: .regularExpression) != nil }
        XCTAssertEqual(ids.count, inDIP, csv)
    }
}
