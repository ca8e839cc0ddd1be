import DIPCore
import Foundation
import XCTest

@testable import Register

/// A new draft (kept by the version cache) must equal the same version read from the register
/// with no cache; and the compact current state (issue 19: placements only, revision texts read
/// again where needed) must tell the same differences as a version made from it.
final class DraftFromStateTests: XCTestCase {
    func testNewDraftEqualsTheVersionReadBackFromTheRegister() throws {
        try assertDraftsEqualReadBack(keepingContent: false)
    }

    /// With the current revisions kept (`keepCurrentContent`, the pipeline's draft stage), the
    /// draft is built from the rows written and those revisions, not read back.
    func testDraftBuiltFromKeptRevisionsEqualsTheVersionReadBack() throws {
        try assertDraftsEqualReadBack(keepingContent: true)
    }

    private func makeDraft(_ db: AppDatabase, keepingContent: Bool, at day: Int) throws -> DIPVersion {
        if keepingContent { try db.keepCurrentContent() }
        let number = try XCTUnwrap(db.makeDraftNumber(clock: Clock(now: Fixture.date(day))))
        let units = Dictionary(try db.read { try UnitRecord.fetchAll($0) }.map { ($0.code, $0.unit) }) { a, _ in a }
        XCTAssertEqual(db.versionCache.items(version: number, units: units) != nil, keepingContent,
                       "built from the kept revisions exactly when they are kept")
        return try db.version(number: number)
    }

    private func assertDraftsEqualReadBack(keepingContent: Bool) throws {
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
        let first = try makeDraft(db, keepingContent: keepingContent, at: 1)
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
        let second = try makeDraft(db, keepingContent: keepingContent, at: 3)
        XCTAssertFalse(second.exempted.isEmpty)
        XCTAssertTrue(second.items.contains { $0.consequenceTest != nil })
        XCTAssertTrue(second.items.contains { $0.revision == 2 && $0.item.bentuk == "Online" })
        try assertEqualToReadBack(db, second)
    }

    /// The placement made from the kept current revisions (`CurrentState.load(_:kept:)`, the
    /// draft stage's) equals the one that reads them: placed (category, test, list place),
    /// pending a test and returned, two units, a withdrawn item and a second revision.
    func testStatePlacedFromKeptRevisionsEqualsTheStateRead() throws {
        let db = try AppDatabase.inMemory()
        var dinkes: [(InformationItem, Classification)] = Fixture.baseList + [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien rawat inap", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("6", "Data kunjungan pasien per puskesmas"), subgroup: .B),
            Fixture.classified(Fixture.item("7", "Hasil pemeriksaan laboratorium pasien"),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("8", "Agenda kegiatan kepala dinas", kategori: .sertaMerta)),
        ]
        try Fixture.submit(db, dinkes, sha: "d1")
        try Fixture.submit(db, [
            Fixture.classified(Fixture.item("1", "Peta rawan bencana", kategori: .sertaMerta)),
            Fixture.classified(Fixture.item("2", "Laporan keuangan 2025"), subgroup: .C),
        ], sha: "b1", unit: Fixture.bpbd)
        try db.recordConsequenceTest(
            itemID: "dinkes-0005", revision: 1, test: Fixture.test(.exemptWhole),
            enteredBy: "operator", source: .cli, at: Fixture.date(1))
        try db.makeDraft(clock: Clock(now: Fixture.date(1)))
        try db.returnItem(itemID: "dinkes-0006", revision: 1, note: "Perbaiki ringkasan", by: Fixture.ppid,
                          at: Fixture.date(2))
        dinkes[0].0.bentuk = "Online"  // a second revision
        dinkes.remove(at: dinkes.count - 1)  // withdrawn
        try Fixture.submit(db, dinkes, sha: "d2", day: 3)

        func summary(_ s: CurrentState) -> [String] {
            s.placed.map {
                "\($0.item.unit)/\($0.item.id) r\($0.revision) \($0.category) \(String(describing: $0.subgroup)) "
                    + "\($0.exempted) \(String(describing: $0.test?.id)) \($0.position) \($0.nomor)"
            }
                + s.pendingTests.map { "pending \($0.item.unit)/\($0.item.id) r\($0.revision) \(String(describing: $0.decision?.id))" }
                + s.returned.map { "returned \($0.item.unit)/\($0.item.id) r\($0.revision) \(String(describing: $0.decision?.id))" }
        }
        let read = try db.read { try CurrentState.load($0) }
        let fromKept = try db.read { try CurrentState.load($0, kept: CurrentState.content($0, units: nil)) }
        XCTAssertEqual(summary(fromKept), summary(read))
        XCTAssertFalse(read.placed.isEmpty)
        XCTAssertTrue(read.placed.contains { $0.exempted && $0.test != nil })
        XCTAssertFalse(read.pendingTests.isEmpty)
        XCTAssertEqual(read.returned.map(\.item.id), ["dinkes-0006"])
        XCTAssertTrue(read.placed.contains { $0.item.id == "dinkes-0001" && $0.revision == 2 })
        XCTAssertEqual(Set(read.placed.map(\.item.unit)).count, 2)
        XCTAssertEqual(try db.currentItemCount(), read.placed.count + read.pendingTests.count + read.returned.count)
    }

    /// `diff(from:to: nil)` reads only the rows of the items that differ from the current
    /// state; `diff(from:to: draft)` has every row of the draft: the deltas must be the same
    /// (added, changed fields, reclassified, withdrawn).
    func testDifferenceFromTheCurrentStateEqualsTheDifferenceFromADraftOfIt() throws {
        let db = try AppDatabase.inMemory()
        let dinkes: [(InformationItem, Classification)] = Fixture.baseList + [
            Fixture.classified(Fixture.item("5", "Laporan keuangan 2025"), subgroup: .C),
            Fixture.classified(Fixture.item("6", "Agenda kegiatan kepala dinas", kategori: .sertaMerta)),
            Fixture.classified(Fixture.item("7", "Rekam medis pasien rawat inap", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
        ]
        try Fixture.submit(db, dinkes, sha: "d1")
        try db.recordConsequenceTest(
            itemID: "dinkes-0007", revision: 1, test: Fixture.test(.open),
            enteredBy: "operator", source: .cli, at: Fixture.date(1))
        _ = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(1))))
        try db.approve(version: 1, by: Fixture.ppid, decreeNumber: "A/1", decreeDate: Fixture.date(2),
                       force: true, at: Fixture.date(2))
        try db.publish(version: 1, at: Fixture.date(2))

        var edited = dinkes
        edited[0].0.retensi = "Permanen"  // changed
        edited[4] = Fixture.classified(Fixture.item("5", "Laporan keuangan 2025"), subgroup: .D)  // moved
        edited.remove(at: 5)  // withdrawn
        edited.append(Fixture.classified(Fixture.item("8", "Daftar aset daerah 2025")))  // added
        try Fixture.submit(db, edited, sha: "d2", day: 3)
        // Moved by a new test conclusion, its revision unchanged (only its summary is read).
        try db.recordConsequenceTest(
            itemID: "dinkes-0007", revision: 1, test: Fixture.test(.exemptWhole),
            enteredBy: "operator", source: .cli, at: Fixture.date(3))
        let current = try db.diff(from: 1, to: nil)
        // With the current revisions kept (the draft stage's), the changes since the decree are
        // taken from them, not read again: the same deltas.
        let read = try db.diffSinceLastDecree()
        try db.keepCurrentContent()
        XCTAssertNotNil(try db.read { try db.keptCurrentContent($0) })
        let fromKept = try db.diffSinceLastDecree()
        XCTAssertEqual(fromKept.added, read.added)
        XCTAssertEqual(fromKept.changed, read.changed)
        XCTAssertEqual(fromKept.reclassified, read.reclassified)
        XCTAssertEqual(fromKept.withdrawn, read.withdrawn)
        XCTAssertEqual(fromKept.added, current.added)
        XCTAssertEqual(fromKept.changed, current.changed)
        let draft = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(3))))
        let made = try db.diff(from: 1, to: draft.number)
        XCTAssertFalse(current.added.isEmpty)
        XCTAssertFalse(current.changed.isEmpty)
        XCTAssertEqual(current.reclassified.count, 2, "\(current.reclassified)")
        XCTAssertFalse(current.withdrawn.isEmpty)
        XCTAssertEqual(current.added, made.added)
        XCTAssertEqual(current.changed, made.changed)
        XCTAssertEqual(current.reclassified, made.reclassified)
        XCTAssertEqual(current.withdrawn, made.withdrawn)
        XCTAssertEqual(try db.diffSinceLastDecree().changed, made.changed)
    }

    /// Before any decree every current item is "added": its summary comes from the kept
    /// revisions when the run keeps them, the same as read.
    func testChangesBeforeTheFirstDecreeFromKeptRevisionsEqualThoseRead() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "d1")
        try Fixture.submit(db, [Fixture.classified(Fixture.item("1", "Peta rawan bencana", kategori: .sertaMerta))],
                           sha: "b1", unit: Fixture.bpbd)
        let read = try db.diffSinceLastDecree()
        try db.keepCurrentContent()
        let fromKept = try db.diffSinceLastDecree()
        XCTAssertEqual(read.added.count, Fixture.baseList.count + 1)
        XCTAssertEqual(fromKept.added, read.added)
        XCTAssertEqual(fromKept.added.map(\.ringkasan), read.added.map(\.ringkasan))
        XCTAssertTrue(fromKept.added.allSatisfy { !$0.ringkasan.isEmpty })
    }

    /// The review pack's changes: none before any version; before the first decree, since the
    /// version made before the draft; once a decree is published, since it.
    func testReviewChangesComeFromTheLastDecreeOrElseThePreviousDraft() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "d1")
        XCTAssertNil(try db.reviewDiff(draft: nil), "no version at all")
        let first = try XCTUnwrap(db.makeDraftNumber(clock: Clock(now: Fixture.date(1))))
        XCTAssertNil(try db.reviewDiff(draft: first), "the first draft: nothing to compare with")
        var edited = Fixture.baseList
        edited[0].0.retensi = "Permanen"
        edited.append(Fixture.classified(Fixture.item("9", "Daftar aset daerah 2025")))
        try Fixture.submit(db, edited, sha: "d2", day: 2)
        try db.keepCurrentContent()
        let second = try XCTUnwrap(db.makeDraftNumber(clock: Clock(now: Fixture.date(2))))
        let sinceDraft = try XCTUnwrap(db.reviewDiff(draft: second))
        XCTAssertFalse(sinceDraft.sinceDecree)
        XCTAssertEqual(sinceDraft.diff.from, first)
        XCTAssertEqual(sinceDraft.diff.added.map(\.itemID), ["dinkes-0005"], "the new item, numbered after the four")
        XCTAssertEqual(sinceDraft.diff.changed.map(\.itemID), ["dinkes-0001"])
        XCTAssertEqual(sinceDraft.diff.changed.first?.fields, ["retensi"])
        XCTAssertEqual(sinceDraft.diff, try db.diff(from: first, to: nil))
        XCTAssertEqual(try db.reviewDiff(draft: nil)?.diff.from, second, "no draft waiting: the newest version")

        try db.approve(version: second, by: Fixture.ppid, decreeNumber: "A/1", decreeDate: Fixture.date(3),
                       force: true, at: Fixture.date(3))
        try db.publish(version: second, at: Fixture.date(3))
        edited[1].0.bentuk = "Online"
        try Fixture.submit(db, edited, sha: "d3", day: 4)
        let third = try XCTUnwrap(db.makeDraftNumber(clock: Clock(now: Fixture.date(4))))
        let sinceDecree = try XCTUnwrap(db.reviewDiff(draft: third))
        XCTAssertTrue(sinceDecree.sinceDecree)
        XCTAssertEqual(sinceDecree.diff, try db.diffSinceLastDecree())
        XCTAssertEqual(sinceDecree.diff.from, second)
        XCTAssertEqual(sinceDecree.diff.changed.map(\.itemID), ["dinkes-0002"])
    }

    private func assertEqualToReadBack(_ db: AppDatabase, _ made: DIPVersion,
                                       file: StaticString = #filePath, line: UInt = #line) throws {
        let read = try db.read { try AppDatabase.buildVersion($0, number: made.number, cache: nil) }
        XCTAssertEqual(made, read, file: file, line: line)
        XCTAssertEqual(made.items.map(\.id), read.items.map(\.id), file: file, line: line)
        XCTAssertEqual(made.exempted.map(\.id), read.exempted.map(\.id), file: file, line: line)
    }
}
