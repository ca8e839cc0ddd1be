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

        // Read from the rows first, then from the current revisions kept by an earlier stage
        // (`currentItemsByUnit()` of every unit keeps them too).
        func classifications() throws -> [String: [Classification]] {
            var got: [String: [Classification]] = [:]
            try db.forEachCurrentClassification { unit, classification in got[unit, default: []].append(classification) }
            return got
        }
        XCTAssertNil(try db.read { try db.keptCurrentContent($0) })
        let fromRows = try classifications()
        let current = try db.currentItemsByUnit()
        try db.keepCurrentContent()
        XCTAssertNotNil(try db.read { try db.keptCurrentContent($0) })
        let fromKept = try classifications()
        var expected: [String: [Classification]] = [:]
        for (unit, items) in current { expected[unit] = items.map(\.classification) }
        for (name, got) in [("rows", fromRows), ("kept", fromKept)] {
            XCTAssertEqual(Set(got.keys), Set(expected.keys), name)
            for unit in expected.keys {
                XCTAssertEqual(got[unit]?.count, expected[unit]?.count, "\(unit), \(name)")
                XCTAssertEqual(Set((got[unit] ?? []).map(\.hashValue)), Set((expected[unit] ?? []).map(\.hashValue)),
                               "\(unit), \(name)")
            }
        }
        XCTAssertEqual(current.values.joined().count, 10)
        // Held items (waiting for a test, returned) keep their place in the unit's list (their
        // positions are read for them alone): the list's order, not placed items first.
        XCTAssertEqual(current["dinkes"]?.map(\.itemID), (1...7).map { "dinkes-000\($0)" })
        XCTAssertEqual(current["dinkes"]?.filter { $0.state == "menunggu_uji" || $0.state == "dikembalikan" }.count, 2)

        // The template keys: ids and revisions in the same order, a placed item's number.
        let keys = try db.currentItemKeys(Set(current.keys).union(["tidak-ada"]))
        XCTAssertEqual(Set(keys.keys), Set(current.keys))
        for (unit, items) in current {
            let placed = Set(items.filter { $0.state == "terbuka" || $0.state == "dikecualikan" }.map(\.itemID))
            XCTAssertEqual(keys[unit], items.flatMap { [$0.itemID, String($0.revision), placed.contains($0.itemID) ? $0.item.nomor : "-"] },
                           unit)
        }
        XCTAssertTrue(current.values.joined().contains { $0.state == "menunggu_uji" || $0.state == "dikembalikan" })
        XCTAssertEqual(try db.currentItemKeys(["dinkes"]).keys.sorted(), ["dinkes"])

        let returned = try db.returnedItems().sorted { $0.itemID < $1.itemID }
        let want = current.values.joined().filter { $0.state == "dikembalikan" }.sorted { $0.itemID < $1.itemID }
        XCTAssertEqual(returned.map(\.itemID), ["dinkes-0006"])
        XCTAssertEqual(returned, want)
    }

    /// A draft read a chunk of items at a time (`currentDraftReader`) gives the items
    /// `currentDraft()` gives, from the register's whole-version cache (the run that made the
    /// draft) and from the register's rows (another run).
    func testTheDraftReadInChunksIsTheDraft() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-reads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("register.sqlite").path
        let db = try AppDatabase.open(path: path)
        XCTAssertNil(try db.currentDraftReader())
        try Fixture.submit(db, Fixture.baseList + [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien rawat inap", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("7", "Laporan keuangan 2025"), subgroup: .C),
        ], sha: "d1")
        try Fixture.submit(db, [
            Fixture.classified(Fixture.item("1", "Peta rawan bencana", kategori: .sertaMerta)),
            Fixture.classified(Fixture.item("3", "Rencana kontinjensi banjir"), subgroup: .B),
        ], sha: "b1", unit: Fixture.bpbd)
        try db.makeDraft(clock: Clock(now: Fixture.date(1)))
        try db.recordConsequenceTest(
            itemID: "dinkes-0005", revision: 1, test: Fixture.test(.exemptWhole),
            enteredBy: "operator", source: .cli, at: Fixture.date(2))
        let made = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(2))))
        XCTAssertFalse(made.exempted.isEmpty)
        for (name, register) in [("cached", db), ("read", try AppDatabase.open(path: path))] {
            // The reader first: `currentDraft()` fills the cache.
            let reader = try XCTUnwrap(try register.currentDraftReader(), name)
            XCTAssertEqual(name == "cached", reader.built != nil, name)
            let draft = try XCTUnwrap(try register.currentDraft(), name)
            var header = draft
            header.items = []
            header.exempted = []
            XCTAssertEqual(reader.header, header, name)
            let all = draft.items + draft.exempted
            XCTAssertEqual(Set(reader.slots.map(\.id)), Set(all.map(\.id)), name)
            XCTAssertEqual(reader.slots.count, all.count, name)
            // Read in an order of its own, two at a time.
            let ids = reader.slots.map(\.id).sorted(by: >)
            var got: [VersionItem] = []
            for start in stride(from: 0, to: ids.count, by: 2) {
                got += try reader.items(Array(ids[start..<min(start + 2, ids.count)]))
            }
            let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
            XCTAssertEqual(got, ids.map { byID[$0]! }, name)
            for slot in reader.slots {
                let v = byID[slot.id]!
                XCTAssertEqual(slot.unit, v.unit.code, name)
                XCTAssertEqual(slot.category, v.category, name)
                XCTAssertEqual(slot.subgroup, v.subgroup, name)
                XCTAssertEqual(slot.exempted, draft.exempted.contains { $0.id == slot.id }, name)
                XCTAssertEqual(reader.unit(slot.unit), v.unit, name)
            }
            XCTAssertThrowsError(try reader.items(["tidak-ada"]), name)
        }
    }
}
