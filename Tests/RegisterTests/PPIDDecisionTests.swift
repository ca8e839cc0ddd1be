import DIPCore
import Foundation
import XCTest
@testable import Register

/// The PPID's settled decisions read back as precedents for the classifier (issue 14).
final class PPIDDecisionTests: XCTestCase {
    func testTestsAndApprovalsSettleReturnsAndPendingDoNot() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, [
            Fixture.classified(Fixture.item("1", "Profil Dinas", kategori: .berkala)),
            Fixture.classified(Fixture.item("2", "Rekam medis pasien rawat inap", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("3", "Data kunjungan pasien per puskesmas", kategori: .berkala),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("4", "Jadwal imunisasi", kategori: .berkala)),
            Fixture.classified(Fixture.item("5", "Daftar hadir rapat", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
        ], sha: "v1")
        XCTAssertEqual(try db.ppidDecisions(), [])
        try db.recordConsequenceTest(itemID: "dinkes-0002", revision: 1, test: Fixture.test(.exemptWhole),
                                     enteredBy: "operator", source: .cli, at: Fixture.date(3))
        try db.recordConsequenceTest(itemID: "dinkes-0003", revision: 1, test: Fixture.test(.open),
                                     enteredBy: "operator", source: .cli, at: Fixture.date(3))
        try db.recordDecision(itemID: "dinkes-0001", revision: 1, action: .approve, note: "", by: Fixture.ppid,
                              at: Fixture.date(4), source: .cli)
        try db.returnItem(itemID: "dinkes-0004", revision: 1, note: "perbaiki", by: Fixture.ppid, at: Fixture.date(4))
        let decisions = try db.ppidDecisions()
        XCTAssertEqual(decisions.map(\.itemID), ["dinkes-0001", "dinkes-0002", "dinkes-0003"])
        XCTAssertEqual(decisions.map(\.category), [.berkala, .dikecualikan, .berkala])
        XCTAssertEqual(decisions.map(\.kind), [.approval, .consequenceTest, .consequenceTest])
        XCTAssertEqual(decisions[1].grounds, ["17h2"])
        XCTAssertEqual(decisions[1].title, "Rekam medis pasien rawat inap")
        XCTAssertEqual(decisions[2].grounds, [])
        XCTAssertEqual(decisions[0].unit, "dinkes")
    }

    /// The review workbook records a row's test and its approval together: the approval of a
    /// revision its test exempted is the exemption (category dikecualikan, the test's grounds),
    /// never the category the unit declared (session 21: the unit was told the PPID's own
    /// decision on its exempted item was "tersedia setiap saat").
    func testApprovingAnExemptedRevisionSettlesTheExemption() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, [
            Fixture.classified(Fixture.item("1", "Rekam medis pasien rawat inap", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
        ], sha: "v1")
        try db.recordConsequenceTest(itemID: "dinkes-0001", revision: 1, test: Fixture.test(.exemptWhole),
                                     enteredBy: "operator", source: .workbook, at: Fixture.date(3))
        try db.recordDecision(itemID: "dinkes-0001", revision: 1, action: .approve, note: "", by: Fixture.ppid,
                              at: Fixture.date(3), source: .workbook)
        let decisions = try db.ppidDecisions()
        XCTAssertEqual(decisions.map(\.category), [.dikecualikan])
        XCTAssertEqual(decisions.first?.grounds, ["17h2"])
    }
}
