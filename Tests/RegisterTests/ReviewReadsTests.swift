import DIPCore
import Foundation
import XCTest

@testable import Register

/// The review pack's reads that do not hold every item (`forEachCurrentClassification`,
/// `returnedItems`) give what `currentItemsByUnit` gives, on a register with placed items,
/// items waiting for a test, returned items, a return undone by an approval, a return on an
/// older revision and withdrawn items.
final class ReviewReadsTests: XCTestCase {
    func testTheReviewReadsAgreeWithTheCurrentItems() throws {
        let db = try AppDatabase.inMemory()
        let official = Official(name: "Kepala PPID", nip: "1")
        var dinkes: [(InformationItem, Classification)] = Fixture.baseList + [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien rawat inap", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("6", "Data kunjungan pasien per puskesmas"), subgroup: .B),
            Fixture.classified(Fixture.item("7", "Laporan keuangan 2025"), subgroup: .C),
            Fixture.classified(Fixture.item("8", "Agenda kegiatan kepala dinas", kategori: .sertaMerta)),
        ]
        try Fixture.submit(db, dinkes, sha: "d1")
        try Fixture.submit(db, [
            Fixture.classified(Fixture.item("1", "Peta rawan bencana", kategori: .sertaMerta)),
            Fixture.classified(Fixture.item("2", "Laporan keuangan 2025"), subgroup: .C),
            Fixture.classified(Fixture.item("3", "Rencana kontinjensi banjir"), subgroup: .B),
        ], sha: "b1", unit: Fixture.bpbd)
        try db.makeDraft(clock: Clock(now: Fixture.date(1)))
        // Returned and still returned; returned then approved; returned, then a new revision.
        try db.returnItem(itemID: "dinkes-0006", revision: 1, note: "Perbaiki ringkasan", by: official, at: Fixture.date(2))
        try db.returnItem(itemID: "bpbd-0002", revision: 1, note: "Lengkapi", by: official, at: Fixture.date(2))
        try db.recordDecision(itemID: "bpbd-0002", revision: 1, action: .approve, note: "", by: official,
                              at: Fixture.date(3), source: .cli)
        try db.returnItem(itemID: "dinkes-0007", revision: 1, note: "Ubah bentuk", by: official, at: Fixture.date(2))
        dinkes[6].0.bentuk = "Online"
        // The list sent again without item 8: withdrawn.
        try Fixture.submit(db, Array(dinkes.prefix(7)), sha: "d2", day: 4)

        let current = try db.currentItemsByUnit()
        var expected: [String: [Classification]] = [:]
        for (unit, items) in current { expected[unit] = items.map(\.classification) }
        var got: [String: [Classification]] = [:]
        try db.forEachCurrentClassification { unit, classification in got[unit, default: []].append(classification) }
        XCTAssertEqual(Set(got.keys), Set(expected.keys))
        for unit in expected.keys {
            XCTAssertEqual(got[unit]?.count, expected[unit]?.count, unit)
            XCTAssertEqual(Set((got[unit] ?? []).map(\.hashValue)), Set((expected[unit] ?? []).map(\.hashValue)), unit)
        }
        XCTAssertEqual(current.values.joined().count, 10)

        let returned = try db.returnedItems().sorted { $0.itemID < $1.itemID }
        let want = current.values.joined().filter { $0.state == "dikembalikan" }.sorted { $0.itemID < $1.itemID }
        XCTAssertEqual(returned.map(\.itemID), ["dinkes-0006"])
        XCTAssertEqual(returned, want)
    }
}
