import DIPCore
import Foundation
import Register
import XCTest
@testable import dip

/// `dip approve`'s warning about an exemption re-issued after its period ended cites UU 14/2008
/// Pasal 20 ayat (1) ("huruf a–f … tidak bersifat permanen") only for an exemption that rests on
/// huruf a–f: for huruf g–j the law allows a permanent exemption and the period was the PPID's own,
/// so the citation would give the Bagian Hukum a reason that does not apply.
final class ExemptionPeriodsNoteTests: XCTestCase {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Clock.wib
        return cal.date(from: DateComponents(year: y, month: m, day: d))!
    }

    func note(grounds: [String]) throws -> String {
        let term = ExemptionTerm(itemID: "dinsos-0007", revision: 1, unit: WorkUnit(code: "dinsos", name: "Dinas Sosial"),
                                 ringkasan: "Daftar penerima bantuan beserta NIK", conclusion: .exemptPart,
                                 period: .years(1), periodText: "1 (satu) tahun", decidedOn: day(2026, 1, 5),
                                 decreeNumber: "000.9/8/2026", decidedInVersion: 2, grounds: grounds)
        let decree = day(2027, 1, 6)
        return try XCTUnwrap(DIP.Approve.exemptionPeriodsNote([term], decreeDate: decree, noticeDays: 90, clock: Clock(now: decree)))
    }

    func testPasal20IsCitedOnlyForAnExemptionOnHurufAToF() throws {
        let personal = try note(grounds: ["17h3", "17j1"])
        XCTAssertTrue(personal.contains("mencantumkan kembali 1 pengecualian yang jangka waktunya telah berakhir"), personal)
        XCTAssertTrue(personal.contains("(Pasal 19 UU 14/2008) untuk jangka waktu yang ditetapkan PPID: uji ulang dahulu"), personal)
        XCTAssertFalse(personal.contains("Pasal 20"), personal)
        let economic = try note(grounds: ["17e3"])
        XCTAssertTrue(economic.contains("ditetapkan PPID; pengecualian berdasarkan Pasal 17 huruf a–f tidak bersifat permanen "
            + "(Pasal 20 ayat (1)): uji ulang dahulu"), economic)
        let mixed = try note(grounds: ["17h2", "17c"])
        XCTAssertTrue(mixed.contains("(Pasal 20 ayat (1))"), mixed)
    }

    func testTheRegisterGroundsNameTheTemporaryOnes() {
        func term(_ grounds: [String]) -> ExemptionTerm {
            ExemptionTerm(itemID: "a-0001", revision: 1, unit: WorkUnit(code: "a", name: "a"), ringkasan: "x",
                          conclusion: .exemptWhole, period: .years(1), periodText: "1 tahun", grounds: grounds)
        }
        XCTAssertTrue(term(["17a1"]).hasTemporaryGround)
        XCTAssertTrue(term(["17f"]).hasTemporaryGround)
        XCTAssertFalse(term(["17g", "17h2", "17i", "17j4"]).hasTemporaryGround)
        XCTAssertFalse(term([]).hasTemporaryGround)
    }
}
