import DIPCore
import Foundation
import Logging
import OfficeFormats
@testable import Publish
@testable import Register
import XCTest
@testable import Pipeline

/// Session 25, "items on record after a rule change": a register built with rules R1, the
/// rules edited to R2 (a new withheld rule matching items on record); the next run lists those
/// items for the PPID with the old and the new outcome and the rule, changes none of them; the
/// PPID's choice (review workbook, sheet Aturan Baru) holds on the runs after; rules that change
/// no outcome list nothing.
final class RuleChangeRunTests: XCTestCase {
    static let header = "No,Ringkasan Isi Informasi,Pejabat/Unit yang Menguasai Informasi,Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu Pembuatan,Tempat Pembuatan,Bentuk Informasi,Jangka Waktu Penyimpanan,Jenis Informasi,Dasar Hukum Pengecualian\n"

    /// A withheld rule the PPID adds: it reads two titles no shipped rule reads.
    static let newRule = """

          - id: notulen-zonasi-kaliwungu
            keterangan: Notulen rapat penetapan zonasi pasar yang masih dibahas dikecualikan sampai zonasi ditetapkan
            prioritas: 100
            salah_satu: [zonasi pasar kaliwungu]
            kategori: dikecualikan
            pengecualian: [17i]
            contoh_cocok:
              - Notulen rapat koordinasi zonasi pasar kaliwungu
            contoh_tidak_cocok:
              - Laporan realisasi anggaran tahunan

        """

    var root: URL!
    var workspace: Workspace!
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-rule-change-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func submit(_ unit: String, _ rows: String) throws {
        let inbox = workspace.inbox.appendingPathComponent(unit)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try (Self.header + rows).write(to: inbox.appendingPathComponent("dip.csv"), atomically: true, encoding: .utf8)
    }

    @discardableResult
    func run(_ seconds: TimeInterval) throws -> RunSummary {
        try Runner(workspace: workspace, options: RunOptions(settleSeconds: 0, clock: Clock(now: start.addingTimeInterval(seconds))),
                   logger: Logger(label: "test")).run()
    }

    func appendRule(_ text: String) throws {
        let url = workspace.rules.appendingPathComponent("aturan.yaml")
        let rules = try String(contentsOf: url, encoding: .utf8)
        try (rules + text).write(to: url, atomically: true, encoding: .utf8)
    }

    func passCount(_ register: AppDatabase) throws -> Int {
        try register.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rule_passes") ?? 0 }
    }

    func testANewWithheldRuleListsTheItemsOnRecordAndThePPIDsChoiceHolds() throws {
        try submit("bappeda", """
            1,Notulen rapat koordinasi zonasi pasar kaliwungu,Bidang Ekonomi,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Setiap Saat,
            2,Kajian teknis zonasi pasar kaliwungu tahap dua,Bidang Ekonomi,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Setiap Saat,
            3,Laporan realisasi anggaran tahunan,Sekretariat,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Berkala,

            """)
        try run(0)
        var register = try AppDatabase.open(path: workspace.registerPath.path)
        XCTAssertEqual(try register.pendingRuleChanges(), [])
        XCTAssertEqual(try passCount(register), 1, "the first run records the rules its items were classified with")
        let items = try register.currentItems(unit: "bappeda")
        XCTAssertEqual(items.count, 3)
        let notulen = try XCTUnwrap(items.first { $0.item.ringkasan.hasPrefix("Notulen") })
        let kajian = try XCTUnwrap(items.first { $0.item.ringkasan.hasPrefix("Kajian") })
        XCTAssertEqual(notulen.category, .setiapSaat, "control: under R1 the item is open and placed")
        XCTAssertFalse(notulen.classification.needsConsequenceTest)

        // The same rules again: nothing to look at, no pass.
        try run(3600)
        XCTAssertEqual(try register.pendingRuleChanges(), [])
        XCTAssertEqual(try passCount(register), 1)

        // R2: the PPID adds a withheld rule. The next run (no list sent) lists both items.
        try appendRule(Self.newRule)
        try run(86_400)
        register = try AppDatabase.open(path: workspace.registerPath.path)
        let changes = try register.pendingRuleChanges()
        XCTAssertEqual(changes.map(\.itemID), [notulen.itemID, kajian.itemID])
        let first = try XCTUnwrap(changes.first)
        XCTAssertEqual(first.revision, 1)
        XCTAssertEqual(first.old, RuleOutcome(category: .setiapSaat, needsTest: false, grounds: []))
        XCTAssertEqual(first.new, RuleOutcome(category: .dikecualikan, needsTest: true, grounds: ["17i"]))
        XCTAssertTrue(first.rules.contains { $0.hasPrefix("notulen-zonasi-kaliwungu: ") }, "\(first.rules)")
        // Nothing applied: the items keep their revision, classification and place.
        let unchanged = try XCTUnwrap(try register.currentItems(unit: "bappeda").first { $0.itemID == notulen.itemID })
        XCTAssertEqual(unchanged.revision, 1)
        XCTAssertEqual(unchanged.category, .setiapSaat)
        XCTAssertEqual(try register.pendingConsequenceTests().count, 0)

        // The PPID reads it in the review pack (sheet and page) and in `dip status`.
        let page = try String(contentsOf: workspace.review.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("Klasifikasi berubah karena aturan baru (2)"), "page lists the changes")
        XCTAssertTrue(page.contains("Dikecualikan, perlu uji konsekuensi (UU 14/2008 Pasal 17 huruf i"), "new outcome cited")
        let book = try XLSXWorkbook(path: workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx").path)
        let sheet = try XCTUnwrap(book.sheetIndex(named: ReviewFormat.ruleChangesSheet))
        let reader = try book.rows(sheet: sheet)
        var rows: [[String]] = []
        while let row = try reader.nextRow() { rows.append(row.cells.map { ReviewWorkbookReader.text($0) }) }
        XCTAssertEqual(rows.count, 3, "header and two items: \(rows)")
        XCTAssertTrue(rows[1].contains("Setiap Saat"), "\(rows[1])")
        XCTAssertTrue(rows[1].contains(notulen.itemID), "\(rows[1])")
        XCTAssertEqual(try register.status().ruleChanges.count, 2)

        // The PPID keeps the first item's classification and applies the new rule to the second.
        try fill(choices: [notulen.itemID: ReviewFormat.keepRuleChange, kajian.itemID: ReviewFormat.applyRuleChange])
        let decided = try run(2 * 86_400)
        XCTAssertEqual(decided.review?.files.first?.ruleChangesKept, 1)
        XCTAssertEqual(decided.review?.files.first?.ruleChangesApplied, 1)
        XCTAssertEqual(try register.pendingRuleChanges(), [])
        let after = try register.currentItems(unit: "bappeda")
        let kept = try XCTUnwrap(after.first { $0.itemID == notulen.itemID })
        XCTAssertEqual(kept.revision, 1, "kept: no new revision")
        XCTAssertEqual(kept.category, .setiapSaat)
        let applied = try XCTUnwrap(after.first { $0.itemID == kajian.itemID })
        XCTAssertEqual(applied.revision, 2, "applied: the new classification is the item's next revision")
        XCTAssertEqual(applied.classification.suggested, .dikecualikan)
        XCTAssertEqual(applied.classification.exemptionGrounds, ["17i"])
        XCTAssertEqual(try register.pendingConsequenceTests().map(\.itemID), [kajian.itemID],
                       "the applied item now waits for its consequence test")
        // The pack is made again without the sheet: nothing waits.
        let decidedBook = try XLSXWorkbook(path: workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx").path)
        XCTAssertNil(decidedBook.sheetIndex(named: ReviewFormat.ruleChangesSheet))
        XCTAssertFalse(try String(contentsOf: workspace.review.appendingPathComponent("index.html"), encoding: .utf8)
            .contains("Klasifikasi berubah karena aturan baru"))

        // The choices hold on the runs after: nothing is listed again, nothing changes, also
        // when the unit sends the same list again (classified by the new rules at intake, the
        // kept item stays as the PPID kept it).
        try submit("bappeda", """
            1,Notulen rapat koordinasi zonasi pasar kaliwungu,Bidang Ekonomi,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Setiap Saat,
            2,Kajian teknis zonasi pasar kaliwungu tahap dua,Bidang Ekonomi,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Setiap Saat,
            3,Laporan realisasi anggaran tahunan,Sekretariat,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Berkala,


            """)
        try run(3 * 86_400)
        XCTAssertEqual(try register.pendingRuleChanges(), [])
        XCTAssertEqual(try register.currentItems(unit: "bappeda").map(\.revision), after.map(\.revision))
        XCTAssertEqual(try register.currentItems(unit: "bappeda").first { $0.itemID == notulen.itemID }?.category, .setiapSaat)
        // Another rule edit (a new rule no item matches): a new pass, still the kept item is not
        // asked again for the same outcome, and nothing else is listed.
        try appendRule("""

              - id: rencana-tata-ruang-pesisir-uji
                keterangan: Rencana tata ruang pesisir diumumkan secara berkala
                prioritas: 40
                salah_satu: [tata ruang pesisir tanjung]
                kategori: berkala
                subkelompok: C
                contoh_cocok:
                  - Rencana tata ruang pesisir tanjung
                contoh_tidak_cocok:
                  - Laporan realisasi anggaran tahunan

            """)
        try run(4 * 86_400)
        XCTAssertEqual(try passCount(register), 3)
        XCTAssertEqual(try register.pendingRuleChanges(), [], "an edit that changes no outcome lists nothing")
        XCTAssertEqual(try register.currentItems(unit: "bappeda").first { $0.itemID == notulen.itemID }?.revision, 1)
    }

    /// A run killed after it recorded the pass (before its review pack): the next run makes no
    /// second pass and no duplicate row, and writes the pack with the changes.
    func testARunKilledAfterThePassIsCompletedByTheNextWithoutDuplicates() throws {
        try submit("bappeda", """
            1,Notulen rapat koordinasi zonasi pasar kaliwungu,Bidang Ekonomi,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Setiap Saat,

            """)
        try run(0)
        try appendRule(Self.newRule)
        // What the killed run committed: its pass (the stage's one transaction), nothing after.
        let config = try Configuration.load(workspace)
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let recorded = try RuleChanges.run(register: register, config: config, watermark: try register.revisionWatermark(),
                                           classifier: { try config.classifier(register: register) },
                                           clock: Clock(now: start.addingTimeInterval(86_400)), logger: Logger(label: "test"))
        XCTAssertEqual(recorded?.count, 1)
        let page = workspace.review.appendingPathComponent("index.html")
        XCTAssertFalse(try String(contentsOf: page, encoding: .utf8).contains("Klasifikasi berubah karena aturan baru"))
        try run(86_400 + 60)
        XCTAssertEqual(try passCount(register), 2, "the first run's pass and the killed run's; none by the run after")
        XCTAssertEqual(try register.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM rule_reevaluations") }, 1)
        XCTAssertEqual(try register.pendingRuleChanges().count, 1)
        XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).contains("Klasifikasi berubah karena aturan baru (1)"))
    }

    /// The review workbook as the PPID fills it: the reviewer named, a choice per item id on the
    /// sheet Aturan Baru; dropped into `inbox/_ppid/`.
    func fill(choices: [String: String]) throws {
        let book = try XLSXWorkbook(path: workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx").path)
        var sheets: [XLSXSheet] = []
        for (index, info) in book.sheets.enumerated() {
            let reader = try book.rows(sheet: index)
            var rows: [[XLSXCell]] = []
            var header: [String] = []
            while let row = try reader.nextRow() {
                let texts = row.cells.map { ReviewWorkbookReader.text($0) }
                var cells = texts.map { XLSXCell($0) }
                if rows.isEmpty { header = texts }
                if info.name == ReviewFormat.instructionsSheet, texts.first?.lowercased() == ReviewFormat.reviewerNameLabel.lowercased() {
                    while cells.count < 2 { cells.append(XLSXCell(.empty)) }
                    cells[1] = XLSXCell("Hj. Siti Pemeriksa")
                } else if info.name == ReviewFormat.ruleChangesSheet, !rows.isEmpty,
                          let idc = header.firstIndex(of: ReviewFormat.idHeader),
                          let dc = header.firstIndex(of: ReviewFormat.ruleChangeDecisionHeader),
                          idc < texts.count, let choice = choices[texts[idc]] {
                    cells[dc] = XLSXCell(choice)
                }
                rows.append(cells)
            }
            sheets.append(XLSXSheet(name: info.name, rows: rows, hidden: info.state != .visible))
        }
        let bytes = try XLSXWriter.write(XLSXDocument(sheets: sheets, created: start))
        let folder = workspace.inbox.appendingPathComponent(Workspace.ppidInboxFolder, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("pemeriksaan (isi).xlsx")
        try Data(bytes).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: url.path)
    }
}
