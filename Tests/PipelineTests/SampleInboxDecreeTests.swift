import DIPCore
import Foundation
import Logging
import Publish
@testable import Register
import Rules
import TestSupport
import XCTest
@testable import Pipeline

/// The project's example inbox (examples/inbox) through the whole pipeline to a published decree, checked by its
/// real consumer: LibreOffice (check-docx) renders an F4 portrait body and landscape Lampiran
/// whose header row repeats, with every approved item and no exempted one.
final class SampleInboxDecreeTests: XCTestCase {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func testSampleInboxDecreeRendersWithEveryApprovedItem() throws {
        _ = try Checkers.require("check-docx")
        let example = try ExampleInboxWorkspace("dip-sample")
        let root = example.root
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = example.workspace
        func run(_ t: TimeInterval) throws -> RunSummary { try example.run(t) }
        let first = try run(0)
        XCTAssertEqual(first.accepted, 4)
        XCTAssertEqual(first.refused, 1, "the .xls in disguise is refused")

        let register = try AppDatabase.open(path: workspace.registerPath.path)
        for pending in try register.pendingConsequenceTests() {
            try register.recordConsequenceTest(
                itemID: pending.itemID, revision: pending.revision,
                test: ConsequenceTest(
                    specificInformation: pending.item.ringkasan, legalBasis: "UU 14/2008 Pasal 17",
                    grounds: pending.classification.exemptionGrounds, consequence: "Mengungkap rahasia pribadi.",
                    publicInterest: "Tidak lebih besar.", conclusion: .exemptWhole, period: .permanent,
                    periodText: "Permanen", conditionsForOpening: "-", tester: Official(name: "Tim"), testedOn: nil),
                enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_700))
        }
        let draft = try XCTUnwrap(try run(60).draftVersion)
        try register.approve(version: draft, by: Official(name: "PPID Utama", nip: "197001011995031002"),
                             decreeNumber: "000.9/7/Diskominfosatik/2026",
                             dikDecreeNumber: "000.9/7.1/Diskominfosatik/2026",
                             decreeDate: Date(timeIntervalSince1970: 1_767_225_600), force: true, at: Date(timeIntervalSince1970: 1_767_225_800))
        XCTAssertEqual(try run(120).publishedVersion, draft)
        let version = try register.version(number: draft)
        XCTAssertFalse(version.items.isEmpty)
        XCTAssertFalse(version.exempted.isEmpty, "the examples' declared exemptions are in the DIK")

        let decree = root.appendingPathComponent("reports/terbit/v\(draft)/keputusan-penetapan-dip-v\(draft).docx")
        let artifacts = Self.repoRoot.appendingPathComponent(".build/artifacts/sample-decree")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let (status, output) = try Checkers.run("check-docx", [decree.path, "--text", "Ringkasan Isi Informasi", "--text-min-pages", "1",
                                                        "--pdf", artifacts.path, "--png", artifacts.path, "--png-page", "1", "--png-page", "3"])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("F4 (215x330mm) portrait"), output)
        XCTAssertTrue(output.contains("F4 (215x330mm) landscape"), output)
        XCTAssertTrue(output.contains("repeating header rows"), output)

        let pdf = artifacts.appendingPathComponent(decree.lastPathComponent + ".pdf")
        let (_, text) = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["pdftotext", pdf.path, "-"])
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for item in version.items {
            // Table cells wrap; compare the first words of each summary.
            let head = item.item.ringkasan.split(whereSeparator: \.isWhitespace).prefix(3).joined(separator: " ")
            XCTAssertTrue(flat.contains(head), "decree lacks \(item.item.ringkasan)")
        }
        for item in version.exempted {
            XCTAssertFalse(flat.contains(item.item.ringkasan), "exempted item in the DIP decree: \(item.item.ringkasan)")
        }
        // The DIK decree and the test records, as a Bagian Hukum reads them: no instrument that
        // is repealed, unknown or mistitled; no placeholder dots in what was signed; the tester
        // without a position signs under "Yang menguji," alone (never "Yang menguji, Penguji,").
        var texts = ["keputusan-penetapan-dip": SignableDecreeTests.reading(text.components(separatedBy: "\u{0C}")
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") })]
        for name in ["keputusan-klasifikasi-dik", "berita-acara-uji-konsekuensi"] {
            let docx = root.appendingPathComponent("reports/terbit/v\(draft)/\(name)-v\(draft).docx")
            let r = try Checkers.run("check-docx", [docx.path, "--pdf", artifacts.path])
            XCTAssertEqual(r.status, 0, r.output)
            let (_, raw) = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                          ["pdftotext", artifacts.appendingPathComponent(docx.lastPathComponent + ".pdf").path, "-"])
            texts[name] = SignableDecreeTests.reading(raw.components(separatedBy: "\u{0C}")
                .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") })
        }
        for (name, text) in texts {
            XCTAssertEqual(StatuteBook.problems(in: text).map(\.message), [], name)
            // The one line a signed record leaves to the secretariat: the berita acara's NOMOR
            // (no number pattern in the sample settings), once on each record.
            let numberLine = "NOMOR \(DecreeSettings.unregisteredNumber)"
            if name.hasPrefix("berita-acara") {
                XCTAssertEqual(text.components(separatedBy: numberLine).count - 1, version.exempted.count, text)
            }
            let text = text.replacingOccurrences(of: numberLine, with: "")
            XCTAssertFalse(text.contains("……") || text.contains("...."), "\(name) prints placeholder dots")
            XCTAssertFalse(text.contains("[nama]") || text.contains("XXX"), name)
        }
        // The DIK decree rests on UU 14/2008 Pasal 19 and Perki 1/2021 Pasal 49, not Perki 1/2017.
        let dik = try XCTUnwrap(texts["keputusan-klasifikasi-dik"])
        XCTAssertTrue(dik.contains("dengan tahapan dan tata cara sebagaimana diatur dalam Pasal 49 Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;"), dik)
        XCTAssertFalse(dik.contains("Tahun 2017 tentang Pengklasifikasian"), dik)
        let records = try XCTUnwrap(texts["berita-acara-uji-konsekuensi"])
        XCTAssertFalse(records.contains("Penguji,"), records)
        XCTAssertEqual(records.components(separatedBy: "Yang menguji,").count - 1, version.exempted.count, records)
    }


    /// A berita acara is issued once, with the version that first rests on it: a later version
    /// prints only the records of its own new tests (a reprint would carry that version's draft
    /// mark or Atasan PPID on a record approved and signed before), while its DIK decree still
    /// lists, and cites, every exemption.
    func testALaterVersionIssuesOnlyTheRecordsOfItsNewTests() throws {
        let example = try ExampleInboxWorkspace("dip-sample-records")
        defer { try? FileManager.default.removeItem(at: example.root) }
        XCTAssertEqual(try example.run(0).accepted, 4)
        let register = try AppDatabase.open(path: example.workspace.registerPath.path)
        func record(_ id: String, _ revision: Int, grounds: [String], number: String, at seconds: TimeInterval) throws {
            try register.recordConsequenceTest(
                itemID: id, revision: revision,
                test: ConsequenceTest(
                    specificInformation: "Seluruhnya", legalBasis: "", grounds: grounds, consequence: "Mengungkap rahasia pribadi.",
                    publicInterest: "Tidak lebih besar.", conclusion: .exemptWhole, period: .permanent, periodText: "Permanen",
                    conditionsForOpening: "-", tester: Official(name: "Tim"), testedOn: nil, beritaAcaraNumber: number),
                enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_600 + seconds))
        }
        let pending = try register.pendingConsequenceTests()
        XCTAssertGreaterThan(pending.count, 1)
        for (i, p) in pending.enumerated() {
            try record(p.itemID, p.revision, grounds: p.classification.exemptionGrounds, number: "000.9/\(i + 1)/BA-UK/2026", at: 30)
        }
        func approveAndPublish(_ draft: Int, at seconds: TimeInterval, number: Int) throws {
            try register.approve(version: draft, by: Official(name: "PPID Utama", nip: "197001011995031002"),
                                 decreeNumber: "000.9/\(number)/Diskominfosatik/2026",
                                 dikDecreeNumber: "000.9/\(number + 1)/Diskominfosatik/2026",
                                 decreeDate: Date(timeIntervalSince1970: 1_767_225_600 + seconds), force: true,
                                 at: Date(timeIntervalSince1970: 1_767_225_600 + seconds))
            XCTAssertEqual(try example.run(seconds + 30).publishedVersion, draft)
        }
        func records(_ version: Int) throws -> [String] {
            let url = example.root.appendingPathComponent("reports/terbit/v\(version)/berita-acara-uji-konsekuensi-v\(version).docx")
            let (status, xml) = try runProcess(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", url.path, "word/document.xml"])
            XCTAssertEqual(status, 0, xml)
            let regex = try NSRegularExpression(pattern: "NOMOR ([^<]+)</w:t>")
            return regex.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map { String(xml[Range($0.range(at: 1), in: xml)!]) }
        }
        let first = try XCTUnwrap(try example.run(60).draftVersion)
        try approveAndPublish(first, at: 90, number: 7)
        XCTAssertEqual(try records(first).sorted(), (1...pending.count).map { "000.9/\($0)/BA-UK/2026" }.sorted())

        // One exemption tested again (a new record); the others rest on the records already issued.
        try record(pending[0].itemID, pending[0].revision, grounds: pending[0].classification.exemptionGrounds,
                   number: "000.9/50/BA-UK/2026", at: 150)
        let second = try XCTUnwrap(try example.run(180).draftVersion)
        try approveAndPublish(second, at: 210, number: 20)
        XCTAssertEqual(try records(second), ["000.9/50/BA-UK/2026"])
        let dik = example.root.appendingPathComponent("reports/terbit/v\(second)/keputusan-klasifikasi-dik-v\(second).docx")
        let (_, xml) = try runProcess(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", dik.path, "word/document.xml"])
        let text = xml.replacingOccurrences(of: "\u{200B}", with: "")
        for n in ["000.9/50/BA-UK/2026"] + (2...pending.count).map({ "000.9/\($0)/BA-UK/2026" }) {
            XCTAssertTrue(text.contains("Nomor \(n) tanggal"), "the DIK decree cites \(n)")
        }
    }

    /// The decrees take effect on the day they are set ("Keputusan ini mulai berlaku pada tanggal
    /// ditetapkan", and revoke the previous ones from then): a version approved with a later decree
    /// date is not published — no website announcing as set a list not yet in force — until the
    /// first run on or after that day (a WIB day: 5 January 01.00 WIB is still 4 January in UTC).
    func testApprovedVersionIsPublishedOnItsDecreeDateNotBefore() throws {
        let example = try ExampleInboxWorkspace("dip-decree-date")
        defer { try? FileManager.default.removeItem(at: example.root) }
        _ = try example.run(0)
        let register = try AppDatabase.open(path: example.workspace.registerPath.path)
        for pending in try register.pendingConsequenceTests() {
            try register.recordConsequenceTest(
                itemID: pending.itemID, revision: pending.revision,
                test: ConsequenceTest(
                    specificInformation: pending.item.ringkasan, legalBasis: "", grounds: ["17h2"],
                    consequence: "Mengungkap rahasia pribadi.", publicInterest: "Tidak lebih besar.",
                    conclusion: .exemptWhole, period: .permanent, periodText: "Permanen", conditionsForOpening: "-",
                    tester: Official(name: "Tim"), testedOn: nil),
                enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_700))
        }
        let draft = try XCTUnwrap(try example.run(60).draftVersion)
        try register.approve(version: draft, by: Official(name: "PPID Utama", nip: "197001011995031002"),
                             decreeNumber: "000.9/7/Diskominfosatik/2026", dikDecreeNumber: "000.9/8/Diskominfosatik/2026",
                             decreeDate: try IndonesianDate.parse("5 Januari 2026"), force: true,
                             at: Date(timeIntervalSince1970: 1_767_225_800))
        let site = example.root.appendingPathComponent("reports/situs/index.html")
        let early = try example.run(3 * 86_400) // 4 January 2026, 07.00 WIB
        XCTAssertNil(early.publishedVersion)
        XCTAssertEqual(early.publicationAwaitsDecreeDate?.version, draft)
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.path), "a website before the decree is in force")
        XCTAssertFalse(FileManager.default.fileExists(atPath: example.root.appendingPathComponent("reports/terbit/v\(draft)").path))
        XCTAssertEqual(try register.version(number: draft).status, .approved)
        // Every run before that day checks the date from the version's header alone: the whole
        // version (a regency's 18,000 items) is read only on the day it is published, so none
        // is built, and so none is kept in the register's version cache (issue 19).
        let fresh = try AppDatabase.open(path: example.workspace.registerPath.path)
        let stage = PublishStage(workspace: example.workspace, config: try Configuration.load(example.workspace),
                                 register: fresh, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + 3 * 86_400)),
                                 logger: Logger(label: "test"))
        XCTAssertEqual(try stage.publishApproved(),
                       .awaitsDecreeDate(version: draft, date: try IndonesianDate.parse("5 Januari 2026")))
        let units = Dictionary(try fresh.read { try UnitRecord.fetchAll($0) }.map { ($0.code, $0.unit) }) { a, _ in a }
        XCTAssertFalse(units.isEmpty)
        XCTAssertTrue(fresh.versionCache.items(version: draft, units: units) == nil,
                      "the waiting version was built by a run before its decree date")
        let onTheDay = try example.run(4 * 86_400 - 6 * 3_600) // 5 January 2026, 01.00 WIB
        XCTAssertEqual(onTheDay.publishedVersion, draft)
        XCTAssertNil(onTheDay.publicationAwaitsDecreeDate)
        let page = try String(contentsOf: site, encoding: .utf8)
        XCTAssertTrue(page.contains("tanggal 5 Januari 2026"), page)
    }
}
