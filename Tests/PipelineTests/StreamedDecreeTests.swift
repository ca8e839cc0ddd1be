import DIPCore
import Foundation
import Logging
import Register
import Rules
import XCTest
@testable import Pipeline
@testable import Publish

/// Issue 19: the draft decree's Lampiran is read from the register a chunk at a time while it
/// is written (`DecreeAnnex(outline:register:)`), never as a whole version. It must be the
/// decree made from the whole version, byte for byte, with the same items, order, open parts
/// of items exempted in part and numbers.
final class StreamedDecreeTests: XCTestCase {
    func testDecreeFromChunksIsTheDecreeFromTheWholeVersion() throws {
        let example = try ExampleInboxWorkspace("dip-streamed")
        defer { try? FileManager.default.removeItem(at: example.root) }
        _ = try example.run(0)
        let register = try AppDatabase.open(path: example.workspace.registerPath.path)
        // Every kind of conclusion, so the annex has open parts of items exempted in part.
        let conclusions: [ConsequenceConclusion] = [.exemptPart, .exemptWhole, .open]
        let pending = try register.pendingConsequenceTests()
        XCTAssertGreaterThanOrEqual(pending.count, 3)
        for (i, test) in pending.enumerated() {
            try register.recordConsequenceTest(
                itemID: test.itemID, revision: test.revision,
                test: ConsequenceTest(
                    specificInformation: "Bagian \(i)", legalBasis: "UU 14/2008 Pasal 17",
                    grounds: test.classification.exemptionGrounds.isEmpty ? ["17h2"] : test.classification.exemptionGrounds,
                    consequence: "Mengungkap rahasia.", publicInterest: "Tidak lebih besar.",
                    conclusion: conclusions[i % 3], period: .permanent, periodText: "Permanen",
                    conditionsForOpening: "-", tester: Official(name: "Tim"), testedOn: nil),
                enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_700))
        }
        let number = try XCTUnwrap(try example.run(60).draftVersion)
        let config = try Configuration.load(example.workspace)
        let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_660))
        let whole = try register.version(number: number)
        let list = PublishedList(version: whole)
        XCTAssertTrue(list.items.contains(where: PublishedList.isPartial), "an open part of an item exempted in part")
        XCTAssertGreaterThan(list.items.count, 20)

        // Read in chunks of 7, counted.
        let outline = try register.versionOutline(number: number)
        var reads: [Int] = []
        let annex = DecreeAnnex(outline: outline, chunk: 7) { ids in
            reads.append(ids.count)
            return try register.versionItems(number: number, ids: ids)
        }
        XCTAssertEqual(annex.entries.map(\.id), list.items.map(\.id))
        XCTAssertEqual(annex.entries.map(\.category), list.items.map(\.category))
        XCTAssertEqual(annex.entries.map(\.subgroup), list.items.map(\.subgroup))
        XCTAssertEqual(reads, [], "nothing is read before the rows are written")
        let streamed = try DecreeWriter.penetapanDIP(
            version: outline.header, annex: annex, settings: config.decree, citations: config.citations,
            clock: clock, logo: config.decreeLogo)
        XCTAssertEqual(reads.count, (list.items.count + 6) / 7, "each item read once, a chunk at a time")
        XCTAssertTrue(reads.allSatisfy { $0 <= 7 })
        let fromWhole = try DecreeWriter.penetapanDIP(
            version: whole, settings: config.decree, citations: config.citations, clock: clock, logo: config.decreeLogo)
        XCTAssertTrue(streamed == fromWhole, "the streamed decree differs from the one made from the whole version")

        // The run's draft folder holds the same decree (made with kept rows and the run's clock).
        let written = try Data(contentsOf: example.workspace.reports
            .appendingPathComponent("draf/draf-keputusan-penetapan-dip-v\(number).docx"))
        let atRunClock = try DecreeWriter.penetapanDIP(
            version: whole, settings: config.decree, citations: config.citations,
            clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + 60)), logo: config.decreeLogo)
        XCTAssertTrue(Array(written) == atRunClock, "the run's draft decree differs from the whole version's")

        // The draft stage's documents made the streamed way (the DIP decree's items read in
        // chunks, the exempted and tested ones by id) are the documents of the whole draft.
        let stage = PublishStage(workspace: example.workspace, config: config, register: register, clock: clock,
                                 logger: Logger(label: "test"))
        let wholeFiles = try stage.draftDocuments(whole)
        let streamedFiles = try stage.streamedDraftDocuments(try register.versionOutline(number: number))
        XCTAssertEqual(streamedFiles.map(\.name), wholeFiles.map(\.name))
        XCTAssertGreaterThanOrEqual(wholeFiles.count, 3, "DIP and DIK decrees and the test records")
        for (a, b) in zip(streamedFiles, wholeFiles) {
            XCTAssertTrue(a.data == b.data, "\(a.name) differs when the draft is read in chunks")
        }
    }
}
