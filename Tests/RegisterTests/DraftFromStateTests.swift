import DIPCore
import Foundation
import XCTest

@testable import Register

/// A new draft is built from the rows `makeDraft` writes and the state they came from, not
/// read back; it must equal the same version read from the register (no cache).
final class DraftFromStateTests: XCTestCase {
    func testNewDraftEqualsTheVersionReadBackFromTheRegister() throws {
        let db = try AppDatabase.inMemory()
        let dinkes: [(InformationItem, Classification)] = Fixture.baseList + [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien rawat inap", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("6", "Data kunjungan pasien per puskesmas"),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("7", "Laporan keuangan 2025"), subgroup: .C),
            Fixture.classified(Fixture.item("8", "Agenda kegiatan kepala dinas", kategori: .sertaMerta)),
        ]
        try Fixture.submit(db, dinkes, sha: "d1")
        try Fixture.submit(db, [
            Fixture.classified(Fixture.item("1", "Peta rawan bencana", kategori: .sertaMerta)),
            Fixture.classified(Fixture.item("2", "Laporan keuangan 2025"), subgroup: .C),
            Fixture.classified(Fixture.item("3", "Rencana kontinjensi banjir"), subgroup: .B),
        ], sha: "b1", unit: Fixture.bpbd)
        let first = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(1))))
        try assertEqualToReadBack(db, first)

        try db.recordConsequenceTest(
            itemID: "dinkes-0005", revision: 1, test: Fixture.test(.exemptWhole),
            enteredBy: "operator", source: .cli, at: Fixture.date(2))
        try db.recordConsequenceTest(
            itemID: "dinkes-0006", revision: 1, test: Fixture.test(.open),
            enteredBy: "operator", source: .workbook, at: Fixture.date(2))
        var edited = dinkes
        edited[1].0.bentuk = "Online"
        edited.swapAt(2, 3)
        try Fixture.submit(db, edited, sha: "d2", day: 3)
        let second = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(3))))
        XCTAssertFalse(second.exempted.isEmpty)
        XCTAssertTrue(second.items.contains { $0.consequenceTest != nil })
        XCTAssertTrue(second.items.contains { $0.revision == 2 && $0.item.bentuk == "Online" })
        try assertEqualToReadBack(db, second)
    }

    private func assertEqualToReadBack(_ db: AppDatabase, _ made: DIPVersion,
                                       file: StaticString = #filePath, line: UInt = #line) throws {
        let read = try db.read { try AppDatabase.buildVersion($0, number: made.number, cache: nil) }
        XCTAssertEqual(made, read, file: file, line: line)
        XCTAssertEqual(made.items.map(\.id), read.items.map(\.id), file: file, line: line)
        XCTAssertEqual(made.exempted.map(\.id), read.exempted.map(\.id), file: file, line: line)
    }
}
