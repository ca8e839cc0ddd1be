import DIPCore
import Foundation
import Publish
@testable import Register
import TestSupport
import XCTest
@testable import Pipeline

/// The website prints a value of personal data in an open item's summary only for an item revision
/// the approval recorded as published whole over `dip approve`'s warning (session 26): the run that
/// publishes reads the record from the register (`PublishStage.publishedWhole`).
final class PublishedWholeRunTests: XCTestCase {
    /// The examples with one more open row of Bappeda whose summary carries a mobile number, decreed
    /// on 5 January 2026; `recorded`: whether the approval records that row as published whole.
    func published(recorded: Bool) throws -> (page: String, csv: String) {
        let example = try ExampleInboxWorkspace("dip-whole")
        addTeardownBlock { try? FileManager.default.removeItem(at: example.root) }
        let csv = example.workspace.inbox.appendingPathComponent("bappeda/usulan_dip_bappeda.csv")
        var text = try String(contentsOf: csv, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\r\n" }
        text += "9,\"Daftar petugas piket pengaduan, HP 081234567890\",Bidang Perencanaan,Kepala Bappeda,2025,Serang,Softcopy,1 tahun,Setiap Saat\r\n"
        try text.write(to: csv, atomically: true, encoding: .utf8)
        _ = try example.run(0)
        let register = try AppDatabase.open(path: example.workspace.registerPath.path)
        let draft = try XCTUnwrap(try example.run(60).draftVersion)
        let version = try register.version(number: draft)
        let row = try XCTUnwrap(version.items.first { $0.item.ringkasan.contains("081234567890") })
        _ = try register.approve(version: draft, ApprovalRequest(
            decreeNumber: "000.9/7/Diskominfosatik/2026", dikDecreeNumber: "000.9/8/Diskominfosatik/2026",
            decreeDate: try IndonesianDate.parse("5 Januari 2026"),
            signatory: Official(name: "PPID Utama", nip: "197001011995031002"),
            atasan: Official(name: "Sekretaris Daerah", nip: "196801011990031003"), force: true,
            openedPersonalData: recorded ? [ItemRevisionRef(item: row.id, revision: row.revision)] : []),
            at: Date(timeIntervalSince1970: 1_767_225_800))
        XCTAssertEqual(try example.run(4 * 86_400).publishedVersion, draft)
        let site = example.workspace.reports.appendingPathComponent("situs")
        return (try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8),
                try String(contentsOf: site.appendingPathComponent("dip.csv"), encoding: .utf8))
    }

    func testTheWebsitePrintsAnOpenItemsValueOnlyWhenTheApprovalRecordedIt() throws {
        let recorded = try published(recorded: true)
        XCTAssertTrue(recorded.page.contains("Daftar petugas piket pengaduan, HP 081234567890"), recorded.page)
        XCTAssertTrue(recorded.csv.contains("081234567890"), recorded.csv)
        let unrecorded = try published(recorded: false)
        for body in [unrecorded.page, unrecorded.csv] {
            XCTAssertFalse(body.contains("081234567890"), body)
            XCTAssertTrue(body.contains("Daftar petugas piket pengaduan, HP [data pribadi disamarkan]"), body)
        }
    }
}
