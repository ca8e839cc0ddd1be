import DIPCore
import Foundation
import XCTest
@testable import Register

/// `dip approve` in the register: refused while the review is incomplete (unless forced),
/// both decree numbers when there is a DIK, the full signatory and Atasan PPID stored, and
/// every approval, replacement and withdrawal kept in `approval_events`.
final class ApprovalTests: XCTestCase {
    let clock = Clock(now: Fixture.date(2))
    let signatory = Official(name: "Drs. H. Ahmad Fauzi, M.Si.", nip: "197001011990031001",
                             title: "KEPALA DINAS KOMINFO SELAKU PPID UTAMA", rank: "Pembina Utama Muda (IV/c)")
    let atasan = Official(name: "H. Zaldi Dhuhana, S.Sos., M.M.", nip: "196801011990031002",
                          title: "SEKRETARIS DAERAH SELAKU ATASAN PPID")

    /// A draft with four open items and one exempted (tested) item, plus one item waiting for a test.
    func draftWithExemption(_ db: AppDatabase) throws -> DIPVersion {
        var list = Fixture.baseList
        list.append(Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        list.append(Fixture.classified(Fixture.item("6", "Data pribadi pegawai", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        try Fixture.submit(db, list, sha: "v1")
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: Fixture.test(.exemptWhole),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        return try XCTUnwrap(db.makeDraft(clock: clock))
    }

    func request(dik: String? = "000.9/13/Diskominfo/2026", force: Bool = false, day: Int = 3) -> ApprovalRequest {
        ApprovalRequest(decreeNumber: "000.9/12/Diskominfo/2026", dikDecreeNumber: dik, decreeDate: Fixture.date(day),
                        signatory: signatory, atasan: atasan, force: force)
    }

    func testDraftMadeBeforeAPendingTestWasRecordedCannotBeApproved() throws {
        // The draft leaves dinkes-0006 out while its test is pending. Once the test is recorded,
        // approving that old draft would publish without the item (and, exempted, without it in
        // the DIK decree): the draft is outdated, even with --force, until `dip run` makes a new one.
        let db = try AppDatabase.inMemory()
        let draft = try draftWithExemption(db)
        XCTAssertFalse((draft.items + draft.exempted).contains { $0.id == "dinkes-0006" })
        try db.recordConsequenceTest(itemID: "dinkes-0006", revision: 1, test: Fixture.test(.exemptWhole),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(3))
        XCTAssertThrowsError(try db.approve(version: draft.number, request(force: true), at: Fixture.date(3))) {
            XCTAssertEqual($0 as? RegisterError, .draftOutdated(number: draft.number, items: ["dinkes-0006"]))
        }
        let next = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(3))))
        XCTAssertEqual(next.exempted.map(\.id), ["dinkes-0005", "dinkes-0006"])
        XCTAssertNoThrow(try db.approve(version: next.number, request(force: true), at: Fixture.date(3)))
    }

    func testApprovalRefusedUntilReviewedUnlessForcedAndRecorded() throws {
        let db = try AppDatabase.inMemory()
        let draft = try draftWithExemption(db)
        XCTAssertEqual(draft.exempted.map(\.id), ["dinkes-0005"])
        XCTAssertThrowsError(try db.approve(version: draft.number, request(), at: Fixture.date(3))) {
            XCTAssertEqual($0 as? RegisterError, .notReviewed(number: draft.number, unreviewed: 5, pendingTests: 1))
            XCTAssertTrue(($0 as? RegisterError)?.message.contains("5 informasi belum diperiksa") == true)
            XCTAssertTrue(($0 as? RegisterError)?.message.contains("1 uji konsekuensi belum dicatat") == true)
        }
        // Deciding on every item leaves only the pending test.
        for item in draft.items + draft.exempted {
            try db.recordDecision(itemID: item.id, revision: item.revision, action: .approve, note: "",
                                  by: signatory, at: Fixture.date(3), source: .workbook)
        }
        XCTAssertEqual(try db.approvalReadiness(version: draft.number).unreviewed, [])
        XCTAssertEqual(try db.approvalReadiness(version: draft.number).pendingTests, ["dinkes-0006"])
        XCTAssertThrowsError(try db.approve(version: draft.number, request(), at: Fixture.date(3)))

        let approved = try db.approve(version: draft.number, request(force: true), at: Fixture.date(3))
        XCTAssertEqual(approved.approvedBy, signatory)
        XCTAssertEqual(approved.atasan?.name, atasan.name)
        XCTAssertEqual(approved.dikDecreeNumber, "000.9/13/Diskominfo/2026")
        let history = try db.approvalHistory(version: draft.number)
        XCTAssertEqual(history.map(\.action), [.approve])
        XCTAssertEqual(history.first?.forced, true)
        XCTAssertEqual(history.first?.pendingTests, 1)
        XCTAssertEqual(history.first?.by.rank, "Pembina Utama Muda (IV/c)")
    }

    func testDIKNumberRequiredAndDistinctAndDateNotBeforeDraft() throws {
        let db = try AppDatabase.inMemory()
        let draft = try draftWithExemption(db)
        XCTAssertThrowsError(try db.approve(version: draft.number, request(dik: nil, force: true), at: Fixture.date(3))) {
            XCTAssertTrue(($0 as? RegisterError)?.message.contains("--dik-decree-number") == true, "\($0)")
        }
        XCTAssertThrowsError(try db.approve(version: draft.number, request(dik: "000.9/12/Diskominfo/2026", force: true),
                                            at: Fixture.date(3)))
        XCTAssertThrowsError(try db.approve(version: draft.number, request(force: true, day: 0), at: Fixture.date(3))) {
            XCTAssertTrue(($0 as? RegisterError)?.message.contains("lebih awal daripada draf") == true, "\($0)")
        }
        XCTAssertEqual(try Fixture.count(db, "approval_events"), 0, "refusals store nothing")
    }

    func testApprovalCanBeReplacedOrWithdrawnUntilPublished() throws {
        let db = try AppDatabase.inMemory()
        let draft = try draftWithExemption(db)
        try db.approve(version: draft.number, request(force: true), at: Fixture.date(3))
        // Approving again replaces the approval (a corrected number or signatory).
        var corrected = request(force: true, day: 4)
        corrected.decreeNumber = "000.9/14/Diskominfo/2026"
        let replaced = try db.approve(version: draft.number, corrected, at: Fixture.date(4))
        XCTAssertEqual(replaced.decreeNumber, "000.9/14/Diskominfo/2026")
        XCTAssertEqual(replaced.decreeDate, Fixture.date(4))
        // Withdrawn: a draft again, nothing to publish, the decree data cleared.
        let withdrawn = try db.withdrawApproval(version: draft.number, by: signatory, reason: "Nomor salah",
                                                at: Fixture.date(4))
        XCTAssertEqual(withdrawn.status, .draft)
        XCTAssertNil(withdrawn.decreeNumber)
        XCTAssertNil(try db.awaitingPublication())
        XCTAssertThrowsError(try db.withdrawApproval(version: draft.number, by: signatory, reason: "x", at: Fixture.date(4)))
        XCTAssertThrowsError(try db.withdrawApproval(version: draft.number, by: signatory, reason: " ", at: Fixture.date(4)))
        // Approved again and published: no more withdrawal or replacement.
        try db.approve(version: draft.number, request(force: true, day: 5), at: Fixture.date(5))
        try db.publish(version: draft.number, at: Fixture.date(5))
        XCTAssertThrowsError(try db.withdrawApproval(version: draft.number, by: signatory, reason: "x", at: Fixture.date(6)))
        XCTAssertThrowsError(try db.approve(version: draft.number, request(force: true, day: 6), at: Fixture.date(6)))
        let history = try db.approvalHistory(version: draft.number)
        XCTAssertEqual(history.map(\.action), [.approve, .replace, .withdraw, .approve])
        XCTAssertEqual(history[2].note, "Nomor salah")
        XCTAssertEqual(history[2].decreeNumber, "000.9/14/Diskominfo/2026", "the withdrawn decree is named")
    }

    func testNextDIKDecreeRevokesThePreviousOne() throws {
        let db = try AppDatabase.inMemory()
        let first = try draftWithExemption(db)
        try db.approve(version: first.number, request(force: true), at: Fixture.date(3))
        try db.publish(version: first.number, at: Fixture.date(3))
        var list = Fixture.baseList
        list[0].0.retensi = "Permanen"
        list.append(Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        try Fixture.submit(db, list, sha: "v2", day: 4)
        let second = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(4))))
        XCTAssertEqual(second.previousDecreeNumber, "000.9/12/Diskominfo/2026")
        XCTAssertEqual(second.previousDIKDecreeNumber, "000.9/13/Diskominfo/2026")
    }

    /// A version that exempts nothing has no DIK decree of its own: it carries the DIK decree in
    /// force (the last published one) for its DIP decree to revoke; the next version's DIK decree
    /// then has nothing left to revoke (that decree was revoked already).
    func testVersionWithoutExemptionsCarriesTheDIKDecreeInForceOnce() throws {
        let db = try AppDatabase.inMemory()
        let first = try draftWithExemption(db)
        try db.approve(version: first.number, request(force: true), at: Fixture.date(3))
        try db.publish(version: first.number, at: Fixture.date(3))
        // The exempted item leaves the unit's list: nothing is exempted any more.
        try Fixture.submit(db, Fixture.baseList, sha: "v2", day: 4)
        let second = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(4))))
        XCTAssertTrue(second.exempted.isEmpty)
        XCTAssertEqual(second.previousDIKDecreeNumber, "000.9/13/Diskominfo/2026")
        XCTAssertEqual(second.previousDIKDecreeDate, Fixture.date(3))
        var plain = request(dik: nil, force: true, day: 4)
        plain.decreeNumber = "000.9/20/Diskominfo/2026"
        try db.approve(version: second.number, plain, at: Fixture.date(4))
        try db.publish(version: second.number, at: Fixture.date(4))
        // Exempted again: its DIK decree revokes nothing (the DIP decree of version 2 did).
        var list = Fixture.baseList
        list.append(Fixture.classified(Fixture.item("7", "Rekam medis pegawai", kategori: .setiapSaat),
                                       suggested: .dikecualikan, test: true))
        try Fixture.submit(db, list, sha: "v3", day: 5)
        try db.recordConsequenceTest(itemID: "dinkes-0007", revision: 1, test: Fixture.test(.exemptWhole),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(5))
        let third = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(5))))
        XCTAssertFalse(third.exempted.isEmpty)
        XCTAssertEqual(third.previousDecreeNumber, "000.9/20/Diskominfo/2026")
        XCTAssertNil(third.previousDIKDecreeNumber)
    }

    /// A version whose test opens an item the DIK decree in force exempted carries that item as
    /// an exemption it lifts, for the decree revoking that DIK decree to name; an item still
    /// exempted, or withdrawn from the unit's list, is not lifted.
    func testVersionNamesTheExemptionsItLifts() throws {
        let db = try AppDatabase.inMemory()
        var list = Fixture.baseList
        for (n, title) in [("5", "Rekam medis pasien"), ("6", "Data pribadi pegawai"), ("7", "Rincian HPS sebelum tender")] {
            list.append(Fixture.classified(Fixture.item(n, title, kategori: .setiapSaat), suggested: .dikecualikan, test: true))
        }
        try Fixture.submit(db, list, sha: "v1")
        for id in ["dinkes-0005", "dinkes-0006", "dinkes-0007"] {
            try db.recordConsequenceTest(itemID: id, revision: 1, test: Fixture.test(.exemptWhole),
                                         enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        }
        let first = try XCTUnwrap(db.makeDraft(clock: clock))
        XCTAssertEqual(first.exempted.map(\.id), ["dinkes-0005", "dinkes-0006", "dinkes-0007"])
        XCTAssertNil(first.liftedExemptions, "nothing was exempted before")
        try db.approve(version: first.number, request(force: true), at: Fixture.date(3))
        try db.publish(version: first.number, at: Fixture.date(3))
        // dinkes-0007 leaves the list; dinkes-0006 is tested again and opened; dinkes-0005 stays exempted.
        try Fixture.submit(db, Array(list.dropLast()), sha: "v2", day: 4)
        try db.recordConsequenceTest(itemID: "dinkes-0006", revision: 1, test: Fixture.test(.open, day: 4),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(4))
        let second = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(4))))
        XCTAssertEqual(second.previousDIKDecreeNumber, "000.9/13/Diskominfo/2026")
        XCTAssertEqual(second.exempted.map(\.id), ["dinkes-0005"])
        XCTAssertTrue(second.items.contains { $0.id == "dinkes-0006" })
        XCTAssertEqual(second.liftedExemptions, ["dinkes-0006"])
    }
}
