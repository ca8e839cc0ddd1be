import DIPCore
import Foundation
import Logging
import OfficeFormats
import Publish
import Register
import TestSupport
import XCTest
@testable import Pipeline

/// The update template a unit receives, sent back untouched, is the same list: the intake
/// finds nothing to complain about and the register records no new revision. Run on the
/// bundled examples, whose lists come with one "Waktu dan Tempat" column, sub-group headings
/// and category headings ("A. INFORMASI YANG …") that the template restates in its own way.
final class TemplateRoundTripTests: XCTestCase {
    var root: URL!
    var workspace: Workspace!
    let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-roundtrip-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
        let examples = repoRoot.appendingPathComponent("examples/inbox")
        for unit in try FileManager.default.contentsOfDirectory(atPath: examples.path) {
            try FileManager.default.copyItem(at: examples.appendingPathComponent(unit),
                                             to: workspace.inbox.appendingPathComponent(unit))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func run(at seconds: TimeInterval) throws -> RunSummary {
        let options = RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + seconds)))
        return try Runner(workspace: workspace, options: options, logger: Logger(label: "test")).run()
    }

    func revisionCount(_ register: AppDatabase) throws -> String {
        try register.changeStamp().split(separator: " ").first { $0.hasPrefix("item_revisions=") }.map(String.init) ?? ""
    }

    /// Cells of the template whose value its own dropdown (with "stop" error style) refuses,
    /// as openpyxl reads the validations.
    func valuesRefusedByDropdowns(_ url: URL) throws -> [String] {
        let script = """
        import sys, json, openpyxl
        from openpyxl.utils.cell import range_boundaries
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["DIP"]
        bad = []
        for dv in ws.data_validations.dataValidation:
            if dv.type != "list" or (dv.errorStyle or "stop") != "stop":
                continue
            f = dv.formula1
            if f.startswith('"'):
                allowed = f[1:-1].split(",")
            else:
                sheet, ref = f.rsplit("!", 1)
                src = wb[sheet.strip("'")]
                allowed = [c.value for row in src[ref.replace("$", "")] for c in row]
            for rng in str(dv.sqref).split():
                c1, r1, c2, r2 = range_boundaries(rng)
                for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
                    for c in row:
                        if c.value not in (None, "") and str(c.value) not in allowed:
                            bad.append(f"{c.coordinate}={c.value}")
        print(json.dumps(bad))
        """
        let (status, output) = try runProcess(URL(fileURLWithPath: try Checkers.python()), ["-c", script, url.path])
        XCTAssertEqual(status, 0, output)
        return try JSONDecoder().decode([String].self, from: Data(output.utf8))
    }

    func testUnchangedTemplateYieldsNoProblemsAndNoRevisions() throws {
        let first = try run(at: 0)
        let units = first.outcomes.filter { $0.status == .accepted }.map(\.unit)
        XCTAssertEqual(units.count, 4)
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let before = try revisionCount(register)

        for unit in units {
            let template = workspace.templateFile(unit: unit)
            XCTAssertEqual(try valuesRefusedByDropdowns(template), [], "\(unit): dropdowns must accept the template's own values")
            let back = workspace.inbox.appendingPathComponent(unit).appendingPathComponent("DIP-\(unit) kembali.xlsx")
            try FileManager.default.copyItem(at: template, to: back)
        }
        let second = try run(at: 600)
        XCTAssertEqual(second.outcomes.map(\.unit).sorted(), units.sorted())
        // The template brings no problem of its own: what remains is what the unit's list
        // itself lacks (a duplicate row, an empty field), reported on its first file too, and
        // the place of making where the list's "Waktu dan Tempat" cell gave only a time
        // ("Saat terjadi"): the template's own Tempat column asks for it.
        // Template rows follow the register's current items from row 2.
        let current = try register.currentItemsByUnit()
        func placeMissing(_ unit: String, _ row: Int?) -> Bool {
            guard let row, let items = current[unit], row - 2 >= 0, row - 2 < items.count else { return false }
            let item = items[row - 2].item
            return item.tempatPembuatan.isEmpty && item.tempatNormalised == nil
        }
        func faults(_ outcome: FileOutcome, template: Bool) -> [String] {
            outcome.problems.filter { p in
                p.severity != .info
                    && !(template && p.column == "G" && p.code == "missing-value" && placeMissing(outcome.unit, p.row))
            }.map { "\($0.code): \($0.message)" }.sorted()
        }
        for outcome in second.outcomes {
            XCTAssertEqual(outcome.status, .accepted, "\(outcome.unit): \(outcome.reason ?? "")")
            let original = Set(faults(first.outcomes.first { $0.unit == outcome.unit }!, template: false))
            XCTAssertEqual(faults(outcome, template: true).filter { !original.contains($0) }, [],
                           "\(outcome.unit): the template itself must not be faulted")
        }
        XCTAssertEqual(try revisionCount(register), before, "an unchanged template must not make new revisions")
    }

    /// A return reaches the unit at the next run although the unit sends nothing: its text,
    /// workbook and page feedback show the PPID's note, and its template is rewritten; an
    /// approval of the returned item takes the note away again at the run after.
    func testReturnReachesUnitAtNextRunWithoutNewSubmission() throws {
        _ = try run(at: 0)
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let item = try XCTUnwrap(try register.currentItems(unit: "bappeda").first)
        let template = workspace.templateFile(unit: "bappeda")
        try FileManager.default.removeItem(at: template)
        let note = "Pisahkan rencana kerja per bidang."
        try register.returnItem(itemID: item.itemID, revision: item.revision, note: note,
                                by: Official(name: "PPID Utama", nip: "197001011995031002"),
                                at: Date(timeIntervalSince1970: 1_767_225_700))

        let second = try run(at: 600)
        XCTAssertTrue(second.outcomes.isEmpty, "nothing new was sent")
        let text = try String(contentsOf: workspace.feedbackFile(unit: "bappeda", ext: "txt"), encoding: .utf8)
        XCTAssertTrue(text.contains(note), text)
        XCTAssertTrue(text.contains("Tidak ada berkas baru"), text)
        let page = try String(contentsOf: workspace.feedbackFile(unit: "bappeda", ext: "html"), encoding: .utf8)
        XCTAssertTrue(page.contains(note))
        let strings = try XLSXWorkbook(path: workspace.feedbackFile(unit: "bappeda", ext: "xlsx").path).sharedStrings()
        XCTAssertTrue(strings.contains(note))
        XCTAssertTrue(FileManager.default.fileExists(atPath: template.path), "the template is rewritten too")
        // Other units' feedback is left alone.
        let dinsos = try String(contentsOf: workspace.feedbackFile(unit: "dinsos", ext: "txt"), encoding: .utf8)
        XCTAssertFalse(dinsos.contains(note))

        // Unchanged notes: the feedback is not rewritten.
        let bappedaText = workspace.feedbackFile(unit: "bappeda", ext: "txt")
        try FileManager.default.removeItem(at: bappedaText)
        _ = try run(at: 1200)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bappedaText.path), "no change, no rewrite")

        // The PPID approves the item after all: the note leaves the feedback.
        try register.recordDecision(itemID: item.itemID, revision: item.revision, action: .approve, note: "",
                                    by: Official(name: "PPID Utama", nip: "197001011995031002"),
                                    at: Date(timeIntervalSince1970: 1_767_227_000), source: .cli)
        _ = try run(at: 1800)
        let after = try String(contentsOf: workspace.feedbackFile(unit: "bappeda", ext: "txt"), encoding: .utf8)
        XCTAssertFalse(after.contains(note), after)
    }

    /// The next review workbook remembers: an approved item shows its approval, a returned
    /// item stays on its category's sheet, marked, although it is in no draft.
    func testReviewWorkbookShowsStandingDecisionsAndKeepsReturnedItems() throws {
        _ = try run(at: 0)
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let draft = try XCTUnwrap(try register.currentDraft())
        let approved = try XCTUnwrap(draft.items.first)
        let returned = try XCTUnwrap(draft.items.first { $0.id != approved.id })
        let ppid = Official(name: "PPID Utama", nip: "197001011995031002")
        try register.recordDecision(itemID: approved.id, revision: approved.revision, action: .approve, note: "",
                                    by: ppid, at: Date(timeIntervalSince1970: 1_767_225_700), source: .cli)
        try register.returnItem(itemID: returned.id, revision: returned.revision, note: "Lengkapi tahun anggaran.",
                                by: ppid, at: Date(timeIntervalSince1970: 1_767_225_700))
        _ = try run(at: 600)

        let dump = try WorkbookDump.xlsx(path: workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx").path)
        func row(of id: String) -> [String]? {
            for name in dump.sheetNames {
                for r in dump.sheets[name] ?? [] {
                    let texts = r.map { v -> String in if case .string(let s) = v { return s }; return "" }
                    if texts.contains(id) { return texts }
                }
            }
            return nil
        }
        let a = try XCTUnwrap(row(of: approved.id), "the approved item is still listed")
        XCTAssertTrue(a.contains { $0.hasPrefix("Disetujui ") && $0.contains("PPID Utama") }, "\(a)")
        let r = try XCTUnwrap(row(of: returned.id), "a returned item stays visible until the unit answers")
        XCTAssertTrue(r.contains { $0.hasPrefix("DIKEMBALIKAN ") && $0.contains("Lengkapi tahun anggaran.") }, "\(r)")
        XCTAssertTrue(r.contains(returned.item.ringkasan))
    }
}
