import DIPCore
import Foundation
import XCTest

@testable import Register

final class RegisterTests: XCTestCase {
    let clock = Clock(now: Fixture.date(2))

    func testResubmittingTheSameFileWritesNothingAndMakesNoVersion() throws {
        let db = try AppDatabase.inMemory()
        let first = try Fixture.submit(db, Fixture.baseList, sha: "aaa")
        XCTAssertEqual(first.outcome, .accepted)
        XCTAssertEqual(first.added.map(\.itemID),
                       ["dinkes-0001", "dinkes-0002", "dinkes-0003", "dinkes-0004"])
        XCTAssertNotNil(try db.makeDraft(clock: clock))
        let tables = ["submissions", "items", "item_revisions", "item_states", "versions",
                      "version_items"]
        let before = try tables.map { try Fixture.count(db, $0) }

        let again = try Fixture.submit(db, Fixture.baseList, sha: "aaa", day: 1)
        XCTAssertEqual(again.outcome, .duplicate)
        XCTAssertEqual(again.submissionID, first.submissionID)
        XCTAssertFalse(again.hasChanges)
        XCTAssertNil(try db.makeDraft(clock: clock))
        XCTAssertEqual(try tables.map { try Fixture.count(db, $0) }, before)
    }

    func testEditedListGivesExactAddedChangedWithdrawn() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "v1")
        var list = Fixture.baseList
        list[1].0.bentuk = "Online"                                   // changed: bentuk
        list.remove(at: 2)                                            // withdrawn: LKjIP
        list.append(Fixture.classified(Fixture.item("5", "Daftar Rumah Sakit Rujukan")))  // added
        let update = try Fixture.submit(db, list, sha: "v2", day: 1)

        XCTAssertEqual(update.added.map(\.itemID), ["dinkes-0005"])
        XCTAssertEqual(update.changed.map(\.itemID), ["dinkes-0002"])
        XCTAssertEqual(update.changed.first?.fields, ["bentuk"])
        XCTAssertEqual(update.changed.first?.revision, 2)
        XCTAssertEqual(update.withdrawn.map(\.itemID), ["dinkes-0003"])
        XCTAssertEqual(update.unchanged.map(\.itemID), ["dinkes-0001", "dinkes-0004"])
        XCTAssertTrue(update.reclassified.isEmpty)
        XCTAssertEqual(try Fixture.count(db, "item_revisions"), 6)
        // What a run finishing a file a killed run recorded reads back: the same withdrawals.
        XCTAssertEqual(try db.withdrawnBy(unit: "dinkes", sha256: "v2"), update.withdrawn)
        XCTAssertFalse(update.withdrawn[0].ringkasan.isEmpty)
        XCTAssertEqual(try db.withdrawnBy(unit: "dinkes", sha256: "v1"), [])
    }

    /// An item's link (issue 18, migration v2-item-link) is stored, read back, and a changed
    /// link is a changed field.
    func testItemLinkIsRecordedAndAChangedLinkIsAChange() throws {
        let db = try AppDatabase.inMemory()
        var list = Fixture.baseList
        list[0].0.tautan = "https://dinkes.serangkab.example/profil"
        try Fixture.submit(db, list, sha: "v1")
        XCTAssertEqual(try db.currentItems(unit: "dinkes").first { $0.itemID == "dinkes-0001" }?.item.tautan,
                       "https://dinkes.serangkab.example/profil")
        list[0].0.tautan = "https://dinkes.serangkab.example/profil-baru"
        let update = try Fixture.submit(db, list, sha: "v2", day: 1)
        XCTAssertEqual(update.changed.map(\.itemID), ["dinkes-0001"])
        XCTAssertEqual(update.changed.first?.fields, ["tautan"])
    }

    func testRenumberingAloneChangesNothing() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "v1")
        var list = Array(Fixture.baseList.reversed())
        for i in list.indices { list[i].0.nomor = String(i + 1) }
        let update = try Fixture.submit(db, list, sha: "v2", day: 1)
        XCTAssertEqual(update.unchanged.count, 4)
        XCTAssertFalse(update.hasChanges)
    }

    func testReclassifiedWhenSuggestedCategoryChanges() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "v1")
        var list = Fixture.baseList
        list[3] = Fixture.classified(list[3].0, suggested: .berkala, subgroup: .F)
        let update = try Fixture.submit(db, list, sha: "v2", day: 1)
        XCTAssertEqual(update.reclassified.map(\.itemID), ["dinkes-0004"])
        XCTAssertEqual(update.reclassified.first?.fields, ["klasifikasi"])
        XCTAssertTrue(update.changed.isEmpty)
    }

    func testExplicitKodeMatchesEvenWhenTextIsRewritten() throws {
        let db = try AppDatabase.inMemory()
        let list = [
            Fixture.classified(Fixture.item("1", "Profil Dinas", kode: "K-01")),
            Fixture.classified(Fixture.item("2", "Struktur Organisasi", kode: "K-02")),
        ]
        try Fixture.submit(db, list, sha: "v1")
        let rewritten = [
            Fixture.classified(Fixture.item("1", "Struktur organisasi dan tata kerja terbaru",
                                            kode: "K-02")),
            Fixture.classified(Fixture.item("2", "Profil lengkap pejabat struktural",
                                            kode: "K-01")),
        ]
        let update = try Fixture.submit(db, rewritten, sha: "v2", day: 1)
        XCTAssertEqual(update.changed.map(\.itemID), ["dinkes-0002", "dinkes-0001"])
        XCTAssertEqual(update.changed.map(\.fields), [["ringkasan"], ["ringkasan"]])
        XCTAssertTrue(update.added.isEmpty)
        XCTAssertTrue(update.withdrawn.isEmpty)
    }

    func testSmallEditMatchesBySimilarity() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "v1")
        var list = Fixture.baseList
        list[1].0.ringkasan = "Rencana Strategis Dinas Kesehatan Tahun 2021-2026"
        list[2].0.ringkasan = "laporan kinerja instansi pemerintah (LKjIP) 2025."  // same key
        let update = try Fixture.submit(db, list, sha: "v2", day: 1)
        XCTAssertEqual(update.changed.map(\.itemID), ["dinkes-0002", "dinkes-0003"])
        XCTAssertEqual(update.changed.map(\.fields), [["ringkasan"], ["ringkasan"]])
        XCTAssertTrue(update.added.isEmpty)
        XCTAssertTrue(update.withdrawn.isEmpty)
    }

    /// A summary of alike problems keeps the rows it stands for, and the unit's problem count
    /// counts them (issue 16 #10).
    func testSummaryOfAlikeProblemsKeepsItsRowCount() throws {
        let db = try AppDatabase.inMemory()
        var summary = Problem(
            file: "daftar.xlsx", sheet: "DIP", row: 202, column: "D", columnName: "Penanggung Jawab",
            severity: .warning, code: "missing-value", message: "… dan 4.800 baris lain.", hint: "Isi kolom itu.")
        summary.alsoInRows = 4_800
        let one = Problem(file: "daftar.xlsx", sheet: "DIP", row: 2, column: "D", severity: .warning,
                          code: "missing-value", message: "Kolom kosong.", hint: "Isi.")
        _ = try db.recordSubmission(
            unit: Fixture.dinkes, fileName: "daftar.xlsx", sha256: "s1",
            archivedPath: "archive/originals/dinkes/daftar.xlsx", receivedAt: Fixture.date(1),
            result: .refused(reason: "Uji."), items: [], problems: [one, summary])
        XCTAssertEqual(try db.lastProblems(unit: "dinkes"), [one, summary])
        XCTAssertEqual(try db.status().units.first?.problemCount, 4_801)
    }

    func testRefusedFileKeepsTheCurrentListAndItsProblems() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "v1")
        let problem = Problem(
            file: "rusak.xlsx", severity: .error, code: "file.unreadable",
            message: "Berkas tidak dapat dibaca.", hint: "Simpan ulang sebagai .xlsx.")
        let update = try db.recordSubmission(
            unit: Fixture.dinkes, fileName: "rusak.xlsx", sha256: "bad",
            archivedPath: "archive/originals/dinkes/rusak.xlsx", receivedAt: Fixture.date(1),
            result: .refused(reason: "Berkas tidak dapat dibaca."), items: [],
            problems: [problem])
        XCTAssertEqual(update.outcome, .refused)
        XCTAssertEqual(try db.lastProblems(unit: "dinkes"), [problem])
        let status = try db.status()
        XCTAssertEqual(status.units.first?.itemCount, 4)
        XCTAssertEqual(status.units.first?.lastSubmission?.outcome, "refused")
        XCTAssertEqual(status.units.first?.problemCount, 1)
    }

    func testConsequenceTestTerbukaVersusDikecualikan() throws {
        let db = try AppDatabase.inMemory()
        let list = [
            Fixture.classified(Fixture.item("1", "Profil Dinas")),
            Fixture.classified(Fixture.item("2", "Rekam medis pasien rawat inap",
                                            kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("3", "Data kunjungan pasien per puskesmas",
                                            kategori: .berkala),
                               suggested: .dikecualikan, test: true),
        ]
        try Fixture.submit(db, list, sha: "v1")
        XCTAssertEqual(try db.pendingConsequenceTests().map(\.itemID),
                       ["dinkes-0002", "dinkes-0003"])
        let draft1 = try XCTUnwrap(db.makeDraft(clock: clock))
        XCTAssertEqual(draft1.items.map(\.id), ["dinkes-0001"])
        XCTAssertTrue(draft1.exempted.isEmpty)

        try db.recordConsequenceTest(
            itemID: "dinkes-0002", revision: 1, test: Fixture.test(.exemptWhole),
            enteredBy: "operator", source: .cli, at: Fixture.date(3))
        try db.recordConsequenceTest(
            itemID: "dinkes-0003", revision: 1, test: Fixture.test(.open),
            enteredBy: "operator", source: .workbook, at: Fixture.date(3))
        XCTAssertTrue(try db.pendingConsequenceTests().isEmpty)

        let draft2 = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(3))))
        XCTAssertEqual(draft2.number, 2)
        XCTAssertEqual(draft2.items.map(\.id), ["dinkes-0001", "dinkes-0003"])
        XCTAssertEqual(draft2.items.last?.category, .berkala)
        XCTAssertEqual(draft2.items.last?.consequenceTest?.conclusion, .open)
        XCTAssertEqual(draft2.exempted.map(\.id), ["dinkes-0002"])
        XCTAssertEqual(draft2.exempted.first?.category, .dikecualikan)
        XCTAssertEqual(draft2.exempted.first?.consequenceTest?.conclusion, .exemptWhole)
        XCTAssertEqual(draft2.exempted.first?.consequenceTest?.period, .permanent)
        XCTAssertEqual(try db.history(itemID: "dinkes-0002").state, "dikecualikan")
    }

    func testStaleDecisionIsRefused() throws {
        let db = try AppDatabase.inMemory()
        let flagged = [Fixture.classified(
            Fixture.item("1", "Rekam medis pasien"), suggested: .dikecualikan, test: true)]
        try Fixture.submit(db, flagged, sha: "v1")
        var edited = flagged
        edited[0].0.bentuk = "Online"
        try Fixture.submit(db, edited, sha: "v2", day: 1)

        XCTAssertThrowsError(try db.recordConsequenceTest(
            itemID: "dinkes-0001", revision: 1, test: Fixture.test(.exemptWhole),
            enteredBy: "operator", source: .workbook, at: Fixture.date(2))
        ) { error in
            XCTAssertEqual(error as? RegisterError,
                           .staleRevision(item: "dinkes-0001", given: 1, current: 2))
            XCTAssertTrue((error as? RegisterError)?.message.contains("revisi terkini") ?? false)
        }
        XCTAssertThrowsError(try db.returnItem(
            itemID: "dinkes-0001", revision: 1, note: "Perbaiki", by: Fixture.ppid,
            at: Fixture.date(2)))
        XCTAssertEqual(try Fixture.count(db, "consequence_tests"), 0)
        XCTAssertEqual(try Fixture.count(db, "decisions"), 0)
        XCTAssertEqual(try db.pendingConsequenceTests().map(\.revision), [2])
    }

    func testApprovePublishGivesExactlyTheApprovedOpenItems() throws {
        let db = try AppDatabase.inMemory()
        var list = Fixture.baseList
        list.append(Fixture.classified(
            Fixture.item("5", "Data pribadi pegawai", kategori: .setiapSaat),
            suggested: .dikecualikan, test: true))
        try Fixture.submit(db, list, sha: "v1")
        try Fixture.submit(db, [Fixture.classified(Fixture.item("1", "Peta rawan bencana"))],
                           sha: "b1", unit: Fixture.bpbd)
        let draft = try XCTUnwrap(db.makeDraft(clock: clock))
        XCTAssertEqual(draft.status, .draft)

        let approved = try db.approve(
            version: draft.number, by: Fixture.ppid, decreeNumber: "000.9/12/Diskominfo/2026",
            decreeDate: Fixture.date(3), force: true, at: Fixture.date(3))
        XCTAssertEqual(approved.status, .approved)
        XCTAssertEqual(approved.approvedBy?.nip, Fixture.ppid.nip)
        let published = try db.publish(version: draft.number, at: Fixture.date(4))
        XCTAssertEqual(published.status, .published)
        XCTAssertEqual(try db.lastPublished()?.number, draft.number)

        XCTAssertEqual(Set(published.items.map(\.id)), [
            "bpbd-0001", "dinkes-0001", "dinkes-0002", "dinkes-0003", "dinkes-0004",
        ])
        XCTAssertFalse(published.items.contains { $0.id == "dinkes-0005" })
        XCTAssertTrue(published.exempted.isEmpty)
        XCTAssertEqual(published.items.map(\.category),
                       published.items.map(\.category).sorted())
        XCTAssertEqual(published.items.first?.unit.name, "Badan Penanggulangan Bencana Daerah")
        XCTAssertEqual(try db.status().lastPublished?.number, draft.number)
        XCTAssertEqual(try db.status().pendingTests.map(\.itemID), ["dinkes-0005"])

        // A published version cannot be approved or published again.
        XCTAssertThrowsError(try db.approve(
            version: draft.number, by: Fixture.ppid, decreeNumber: "x",
            decreeDate: Fixture.date(5), at: Fixture.date(5)))
        XCTAssertThrowsError(try db.publish(version: draft.number, at: Fixture.date(5)))
        XCTAssertTrue(try db.diffSinceLastDecree().isEmpty)
    }

    func testReturnedItemIsExcludedAndItsNoteIsKept() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "v1")
        let draft = try XCTUnwrap(db.makeDraft(clock: clock))
        try db.returnItem(
            itemID: "dinkes-0003", revision: 1, note: "Lengkapi tahun LKjIP dan tautannya.",
            by: Fixture.ppid, at: Fixture.date(3))

        XCTAssertThrowsError(try db.approve(
            version: draft.number, by: Fixture.ppid, decreeNumber: "1",
            decreeDate: Fixture.date(3), at: Fixture.date(3))
        ) { error in
            XCTAssertEqual(error as? RegisterError,
                           .draftOutdated(number: draft.number, items: ["dinkes-0003"]))
        }
        let notes = try db.returnNotes(unit: "dinkes")
        XCTAssertEqual(notes.map(\.itemID), ["dinkes-0003"])
        XCTAssertEqual(notes.first?.note, "Lengkapi tahun LKjIP dan tautannya.")

        let next = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(3))))
        XCTAssertFalse(next.items.contains { $0.id == "dinkes-0003" })
        XCTAssertThrowsError(try db.approve(
            version: draft.number, by: Fixture.ppid, decreeNumber: "1",
            decreeDate: Fixture.date(3), at: Fixture.date(3))
        ) { error in
            XCTAssertEqual(error as? RegisterError,
                           .versionSuperseded(number: draft.number, by: next.number))
        }

        // The unit corrects the item: the note is answered and the item comes back.
        var list = Fixture.baseList
        list[2].0.ringkasan = "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025"
        try Fixture.submit(db, list, sha: "v2", day: 4)
        XCTAssertTrue(try db.returnNotes(unit: "dinkes").isEmpty)
        let third = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(4))))
        XCTAssertTrue(third.items.contains { $0.id == "dinkes-0003" && $0.revision == 2 })
    }

    /// The return-note query reads only decisions; it must follow the same rule as the
    /// whole current state: the newest decision on the current revision decides.
    func testReturnNotesFollowTheNewestDecisionOnTheCurrentRevision() throws {
        let db = try AppDatabase.inMemory()
        try Fixture.submit(db, Fixture.baseList, sha: "v1")
        try Fixture.submit(db, [Fixture.classified(Fixture.item("1", "Profil BPBD"))], sha: "b1", unit: Fixture.bpbd)
        // Returned, then approved: no note.
        try db.returnItem(itemID: "dinkes-0001", revision: 1, note: "Perbaiki.", by: Fixture.ppid, at: Fixture.date(1))
        try db.recordDecision(itemID: "dinkes-0001", revision: 1, action: .approve, note: "",
                              by: Fixture.ppid, at: Fixture.date(2), source: .cli)
        // Approved, then returned twice: the newest note.
        try db.recordDecision(itemID: "dinkes-0002", revision: 1, action: .approve, note: "",
                              by: Fixture.ppid, at: Fixture.date(1), source: .cli)
        try db.returnItem(itemID: "dinkes-0002", revision: 1, note: "Pertama.", by: Fixture.ppid, at: Fixture.date(2))
        try db.returnItem(itemID: "dinkes-0002", revision: 1, note: "Kedua.", by: Fixture.ppid, at: Fixture.date(3))
        // Returned, then answered with a new revision: no note.
        try db.returnItem(itemID: "dinkes-0003", revision: 1, note: "Lengkapi.", by: Fixture.ppid, at: Fixture.date(1))
        // Another unit's note.
        try db.returnItem(itemID: "bpbd-0001", revision: 1, note: "Sebutkan tahun.", by: Fixture.ppid, at: Fixture.date(1))
        var list = Fixture.baseList
        list[2].0.ringkasan = "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2025"
        try Fixture.submit(db, list, sha: "v2", day: 4)

        let byUnit = try db.returnNotesByUnit()
        XCTAssertEqual(byUnit.keys.sorted(), ["bpbd", "dinkes"])
        XCTAssertEqual(byUnit["dinkes"]?.map(\.itemID), ["dinkes-0002"])
        XCTAssertEqual(byUnit["dinkes"]?.first?.note, "Kedua.")
        XCTAssertEqual(byUnit["dinkes"]?.first?.ringkasan, Fixture.baseList[1].0.ringkasan)
        XCTAssertEqual(byUnit["bpbd"]?.first?.nomor, "1")
        XCTAssertEqual(try db.returnNotes(unit: "dinkes"), byUnit["dinkes"])
        // The same items as the whole-state rule holds back as returned.
        let returned = try db.read { try CurrentState.load($0).returned.map(\.item.id) }
        XCTAssertEqual(returned.sorted(), ["bpbd-0001", "dinkes-0002"])
    }

    func testVersionNumbering() throws {
        let db = try AppDatabase.inMemory()
        XCTAssertNil(try db.makeDraft(clock: clock), "empty register: no version")
        try Fixture.submit(db, Fixture.baseList, sha: "v1")
        XCTAssertEqual(try db.makeDraft(clock: clock)?.number, 1)
        XCTAssertNil(try db.makeDraft(clock: clock))
        try db.approve(version: 1, by: Fixture.ppid, decreeNumber: "A/1", decreeDate: Fixture.date(2),
                       force: true, at: Fixture.date(2))
        try db.publish(version: 1, at: Fixture.date(2))
        XCTAssertNil(try db.makeDraft(clock: clock), "published and unchanged: no version")

        var list = Fixture.baseList
        list[0].0.retensi = "Permanen"
        try Fixture.submit(db, list, sha: "v2", day: 3)
        let second = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(3))))
        XCTAssertEqual(second.number, 2)
        XCTAssertEqual(second.previousDecreeNumber, "A/1")
        XCTAssertEqual(second.items.first { $0.id == "dinkes-0001" }?.change, .changed)
        XCTAssertEqual(second.items.first { $0.id == "dinkes-0002" }?.change, .unchanged)

        let diff = try db.diff(from: 1, to: 2)
        XCTAssertEqual(diff.changed.map(\.itemID), ["dinkes-0001"])
        XCTAssertEqual(diff.changed.first?.fields, ["retensi"])

        list.removeLast()
        try Fixture.submit(db, list, sha: "v3", day: 4)
        let third = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(4))))
        XCTAssertEqual(third.number, 3)
        XCTAssertEqual(try db.currentDraft()?.number, 3)
        XCTAssertEqual(try db.diffSinceLastDecree().withdrawn.map(\.itemID), ["dinkes-0004"])
        XCTAssertEqual(try db.status().draft?.number, 3)
        XCTAssertEqual(try db.status().lastPublished?.number, 1)
    }

    func testHistoryShowsRevisionsTestsDecisionsAndVersions() throws {
        let db = try AppDatabase.inMemory()
        let flagged = [Fixture.classified(
            Fixture.item("1", "Rekam medis pasien"), suggested: .dikecualikan, test: true)]
        try Fixture.submit(db, flagged, sha: "v1")
        var edited = flagged
        edited[0].0.keterangan = "Disimpan di RSUD"
        try Fixture.submit(db, edited, sha: "v2", day: 1)
        try db.recordConsequenceTest(
            itemID: "dinkes-0001", revision: 2, test: Fixture.test(.exemptPart),
            enteredBy: "operator", source: .cli, at: Fixture.date(2))
        let draft = try XCTUnwrap(db.makeDraft(clock: clock))
        XCTAssertEqual(draft.exempted.map(\.id), ["dinkes-0001"])

        let history = try db.history(itemID: "dinkes-0001")
        XCTAssertEqual(history.revisions.map(\.revision), [1, 2])
        XCTAssertEqual(history.revisions.map(\.change), [.added, .changed])
        XCTAssertEqual(history.revisions.last?.fields, ["keterangan"])
        XCTAssertEqual(history.states.map(\.change), [.added, .changed])
        XCTAssertEqual(history.tests.map(\.test.conclusion), [.exemptPart])
        XCTAssertEqual(history.versions.map(\.version), [draft.number])
        XCTAssertEqual(history.state, "dikecualikan")
        XCTAssertThrowsError(try db.history(itemID: "dinkes-9999"))

        let rows = try db.exportRows(version: draft.number)
        XCTAssertEqual(rows.map(\.itemID), ["dinkes-0001"])
        XCTAssertEqual(rows.first?.conclusion, "dikecualikan_sebagian")
    }

    func testFileDatabaseUsesWALAndSurvivesReopen() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("register-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("archive/register.sqlite").path
        do {
            let db = try AppDatabase.open(path: path)
            try Fixture.submit(db, Fixture.baseList, sha: "v1")
            XCTAssertEqual(try db.journalMode(), "wal")
        }
        let reopened = try AppDatabase.open(path: path)
        XCTAssertEqual(try reopened.status().units.first?.itemCount, 4)
        XCTAssertEqual(try Fixture.submit(reopened, Fixture.baseList, sha: "v1").outcome,
                       .duplicate)
    }
}

final class BatchSubmissionTests: XCTestCase {
    func testRecordSubmissionsIsOneStageAndIdempotent() throws {
        let db = try AppDatabase.inMemory()
        let inputs = [Fixture.dinkes, Fixture.bpbd].map { unit in
            SubmissionInput(
                unit: unit, fileName: "dip.xlsx", sha256: "sha-\(unit.code)",
                archivedPath: "archive/originals/\(unit.code)/dip.xlsx",
                receivedAt: Fixture.date(0), result: .accepted,
                items: Fixture.baseList.map { ClassifiedItem(item: $0.0, classification: $0.1) },
                problems: [])
        }
        let first = try db.recordSubmissions(inputs)
        XCTAssertEqual(first.map(\.outcome), [.accepted, .accepted])
        XCTAssertEqual(first.last?.added.first?.itemID, "bpbd-0001")
        let second = try db.recordSubmissions(inputs)
        XCTAssertEqual(second.map(\.outcome), [.duplicate, .duplicate])
        XCTAssertEqual(try Fixture.count(db, "items"), 8)
    }

    /// "Selamanya" is for ever, not "selama berlaku": a permanent period typed in other words is
    /// still permanent (the DIK decree prints it, and UU 14/2008 Pasal 20 ayat (1) forbids it
    /// for huruf a–f), while "selama berlaku" stays a limited period.
    /// "Sesuai JRA" is kept as what it is, through the register's one-column form; a text that names
    /// it as an exemption period is no period dip can count.
    func testARetentionByTheScheduleIsStoredAsSuch() {
        XCTAssertEqual(PeriodColumn.encode(.retentionSchedule), "jra")
        XCTAssertEqual(PeriodColumn.decode("jra"), .retentionSchedule)
        for period: RetentionPeriod in [.permanent, .years(5), .months(6), .whileValid, .untilEvent("x"), .unknown] {
            XCTAssertEqual(PeriodColumn.decode(PeriodColumn.encode(period)), period)
        }
        XCTAssertEqual(PeriodText.parse("Sesuai JRA"), .unknown)
    }

    func testPeriodTextReadsForEverAsPermanent() {
        for text in ["Permanen", "selamanya", "Selama-lamanya", "tidak terbatas", "Tanpa batas waktu"] {
            XCTAssertEqual(PeriodText.parse(text), .permanent, text)
        }
        XCTAssertEqual(PeriodText.parse("Selama berlaku"), .whileValid)
        XCTAssertEqual(PeriodText.parse("selama masa kontrak"), .whileValid)
        XCTAssertEqual(PeriodText.parse("5 (lima) tahun"), .years(5))
    }
}
