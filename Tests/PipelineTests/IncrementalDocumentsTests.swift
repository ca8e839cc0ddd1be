import Foundation
import Publish
import XCTest
@testable import Pipeline

/// Documents kept per unit between runs (update templates; `PartKeys`) must be exactly what a
/// run without any kept part writes: a near-duplicate regency is taken in, then a few units
/// send a revised list. In one workspace the update run finds the parts of the first run; in
/// the other every kept part and key file is removed before it. Every file must be identical
/// (the operator's log aside), and the update must have kept the other units' templates.
final class IncrementalDocumentsTests: XCTestCase {
    static let keyFiles = [".templat-unit.json", ".cache"]

    func testAnUpdateWithKeptPartsWritesWhatAFullRebuildWrites() throws {
        _ = try DipProcess.requireBinary()
        let units = (1...8).map { String(format: "unit-%03d", $0) }
        let updating = ["unit-002", "unit-005"]
        let warm = try workspace(units: units)
        let cold = try workspace(units: units)
        defer {
            try? FileManager.default.removeItem(at: warm)
            try? FileManager.default.removeItem(at: cold)
        }
        for root in [warm, cold] { try run(root, epoch: "1767225600") }
        // The first draft, no decree: the changes sheet lists nothing (every item is new and on
        // the category sheets) and says so.
        // (the header, and under it the sentence every empty sheet prints).
        XCTAssertEqual(try changesSheet(warm).map { $0.first ?? "" }.dropFirst(), [ReviewWorkbook.emptyTableText], "header only")
        XCTAssertTrue(try reviewPage(warm).contains("belum ada rancangan sebelumnya"))
        let untouched = Workspace(root: warm).templateFile(unit: "unit-001")
        let before = try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date
        for root in [warm, cold] {
            _ = try NearDuplicateInbox.write(into: Workspace(root: root).inbox, units: updating, itemsPerUnit: 40,
                                             seed: 7, round: 1)
        }
        // The cold workspace loses every kept part: its update run renders everything again.
        for name in Self.keyFiles {
            let url = Workspace(root: cold).archive.appendingPathComponent(name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "\(name) was not written by the first run")
            try FileManager.default.removeItem(at: url)
        }
        // Same clock: a kept template carries the date of the run that last changed it (as it did
        // before, when templates followed the register's stamp), which a rebuild would not.
        for root in [warm, cold] { try run(root, epoch: "1767225600") }

        // Still no decree: the changes sheet lists what the two revised lists changed since the
        // first draft, and nothing of the units that sent nothing.
        let changes = try changesSheet(warm)
        XCTAssertGreaterThan(changes.count, 1, "no change listed")
        // Named as the workspace's unit.yaml names them (the sheet's units, 88dae61).
        XCTAssertEqual(Set(changes.dropFirst().map { $0[0] }), Set(updating.map { "Unit Kerja \($0)" }))
        XCTAssertTrue(changes.dropFirst().allSatisfy { ["Baru", "Berubah", "Klasifikasi berubah", "Ditarik"].contains($0[3]) })
        XCTAssertLessThan(changes.count - 1, 2 * 2 * 40, "more rows than the two units could change")
        XCTAssertTrue(try reviewPage(warm).contains("Perubahan sejak Rancangan Sebelumnya"))
        XCTAssertTrue(try reviewPage(warm).contains("rancangan DIP versi 1"))

        let files = try outputFiles(warm)
        XCTAssertEqual(files, try outputFiles(cold))
        for unit in units {
            XCTAssertTrue(files.contains("reports/unit/\(unit)/DIP-\(unit).xlsx"), "template of \(unit) missing")
        }
        // Consequence-test forms were written from kept bodies for the units that sent nothing.
        let forms = files.filter { $0.hasPrefix("reports/uji-konsekuensi/uji-konsekuensi-") }
        XCTAssertGreaterThan(forms.count, 4, "too few units with consequence-test forms to compare: \(forms)")
        XCTAssertEqual(forms.count, files.filter { $0.hasPrefix("archive/.cache/uji-konsekuensi/") }.count)
        // The draft decree of the update was made with the annex rows kept from the first draft.
        XCTAssertTrue(files.contains("archive/.cache/keputusan/draf-dip.rows"))
        XCTAssertTrue(files.contains { $0.hasPrefix("reports/draf/draf-keputusan-penetapan-dip-v2") }, "no second draft")
        for path in files {
            let a = try Data(contentsOf: warm.appendingPathComponent(path))
            let b = try Data(contentsOf: cold.appendingPathComponent(path))
            XCTAssertTrue(a == b, "\(path) differs between kept parts and a full rebuild")
        }
        // The update's draft decree took most annex rows from the first draft, and rendered some.
        let log = try logText(warm)
        let line = try XCTUnwrap(log.split(separator: "\n").last { $0.contains("lampiran keputusan draf") })
        func count(_ name: String) -> Int {
            Int(line.split(separator: " ").first { $0.hasPrefix(name + "=") }?.split(separator: "=").last ?? "") ?? -1
        }
        XCTAssertGreaterThan(count("baris_dipakai_ulang"), 100, String(line))
        XCTAssertGreaterThan(count("baris_dibuat"), 0, String(line))
        XCTAssertLessThan(count("baris_dibuat"), count("baris_dipakai_ulang"), String(line))
        // The review page of the update took most rows from the first run's page.
        let page = try XCTUnwrap(log.split(separator: "\n").last { $0.contains("halaman pemeriksaan") })
        func pageCount(_ name: String) -> Int {
            Int(page.split(separator: " ").first { $0.hasPrefix(name + "=") }?.split(separator: "=").last ?? "") ?? -1
        }
        XCTAssertGreaterThan(pageCount("baris_dipakai_ulang"), 100, String(page))
        XCTAssertGreaterThan(pageCount("baris_dibuat"), 0, String(page))
        XCTAssertTrue(files.contains("archive/.cache/pemeriksaan/halaman.index"))
        // The explanation cells of the units that sent nothing were taken from the first run.
        let cells = try XCTUnwrap(log.split(separator: "\n").last { $0.contains("penjelasan pemeriksaan") })
        func cellCount(_ name: String) -> Int {
            Int(cells.split(separator: " ").first { $0.hasPrefix(name + "=") }?.split(separator: "=").last ?? "") ?? -1
        }
        XCTAssertGreaterThan(cellCount("penjelasan_dipakai_ulang"), 4 * 30, String(cells))
        XCTAssertGreaterThan(cellCount("penjelasan_dibuat"), 0, String(cells))
        XCTAssertLessThan(cellCount("penjelasan_dibuat"), 2 * 2 * 40, String(cells))
        XCTAssertEqual(files.filter { $0.hasPrefix("archive/.cache/pemeriksaan-penjelasan/") }.count, units.count)
        // The kept template really was kept (not rewritten with the same bytes), and the
        // updated units' templates changed.
        let after = try FileManager.default.attributesOfItem(atPath: untouched.path)[.modificationDate] as? Date
        XCTAssertEqual(before, after, "the template of a unit that sent nothing was written again")
    }

    /// The review pack made from kept explanation cells is what a pack made from none is, after
    /// each kind of change that moves a cell or what it is made from: a unit renamed, the draft
    /// approved (its items then compared with a decree), revised lists (new revisions, new items,
    /// withdrawals, moved rows) and the rules' citations reworded. Before each run one workspace
    /// loses every kept part; every file must be identical after each run, the kept cells too.
    func testKeptExplanationsGiveTheFullRebuildAfterRenamesApprovalUpdatesAndRuleChanges() throws {
        _ = try DipProcess.requireBinary()
        let units = (1...5).map { String(format: "unit-%03d", $0) }
        let warm = try workspace(units: units)
        let cold = try workspace(units: units)
        defer {
            try? FileManager.default.removeItem(at: warm)
            try? FileManager.default.removeItem(at: cold)
        }
        // Kept parts of documents a run does not make again (a draft's, once it is published; the
        // templates while the current items stay) are in the warm workspace only: kept parts are
        // compared where both have them. Returns the number of cells the warm run took as kept.
        @discardableResult
        func step(_ name: String, draft: Bool = true, _ change: (URL) throws -> Void) throws -> Int {
            for root in [warm, cold] { try change(root) }
            for file in Self.keyFiles {
                try? FileManager.default.removeItem(at: Workspace(root: cold).archive.appendingPathComponent(file))
            }
            for root in [warm, cold] { try run(root, epoch: "1767225600") }
            func kept(_ path: String) -> Bool { Self.keyFiles.contains { path.hasPrefix("archive/\($0)") } }
            let files = try outputFiles(warm).filter { !kept($0) }
            XCTAssertEqual(files, try outputFiles(cold).filter { !kept($0) }, name)
            let cells = try outputFiles(cold).filter { $0.hasPrefix("archive/.cache/pemeriksaan-penjelasan/") }
            XCTAssertEqual(cells.isEmpty, !draft, name)
            for path in files + cells where try Data(contentsOf: warm.appendingPathComponent(path))
                != Data(contentsOf: cold.appendingPathComponent(path)) {
                XCTFail("\(name): \(path) differs between kept parts and a full rebuild")
            }
            guard draft else { return 0 }
            let line = try XCTUnwrap(try logText(warm).split(separator: "\n").last { $0.contains("penjelasan pemeriksaan") })
            return Int(line.split(separator: " ").first { $0.hasPrefix("penjelasan_dipakai_ulang=") }?
                .split(separator: "=").last ?? "") ?? -1
        }
        func revise(_ root: URL, _ units: [String]) throws {
            _ = try NearDuplicateInbox.write(into: Workspace(root: root).inbox, units: units, itemsPerUnit: 40, seed: 7, round: 1)
        }
        try step("first run") { _ in }
        // A step remakes the pack only when the register changed: each sends a revised list.
        let renamed = try step("lists revised, a unit renamed") { root in
            let file = Workspace(root: root).rules.appendingPathComponent("unit.yaml")
            try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
                of: "nama: Unit Kerja unit-003", with: "nama: Badan Contoh Berganti Nama")
                .write(to: file, atomically: true, encoding: .utf8)
            try revise(root, ["unit-002", "unit-004"])
        }
        XCTAssertGreaterThan(renamed, 60, "the units that sent nothing had their cells made again")
        XCTAssertTrue(try reviewPage(warm).contains("Badan Contoh Berganti Nama"))
        XCTAssertTrue(try reviewPage(warm).contains("Ditarik"), "no withdrawal in the revised lists")
        try step("draft approved", draft: false) { root in
            let approved = try DipProcess.run(
                ["approve", "--name", "Drs. Ahmad Fauzi", "--nip", "197001011990031001", "--decree-number", "000.9/7/2026",
                 "--decree-date", "1/1/2026", "--force-unreviewed", "--yes", "--workspace", root.path],
                environment: ["SOURCE_DATE_EPOCH": "1767225600", "DIP_REVIEW_KEY": "incremental-test-key"])
            XCTAssertEqual(approved.exitCode, 0, approved.stderr + approved.stdout)
        }
        // The cells outlive the publication: the next draft holds the same revisions.
        let afterDecree = try step("a list revised after the decree") { root in try revise(root, ["unit-001"]) }
        XCTAssertGreaterThan(afterDecree, 60, "no cell kept across the publication")
        // A consequence test recorded on an item of a unit that sends nothing more: its row now
        // cites the test's basis (and the kept cell of that revision no longer serves).
        let tests = try XCTUnwrap(try sheetTextRows(Workspace(root: warm).review.appendingPathComponent("pemeriksaan-dip.xlsx"),
                                                    named: ReviewFormat.testSheet))
        let idColumn = try XCTUnwrap(tests.first?.firstIndex(of: ReviewFormat.idHeader))
        let revisionColumn = try XCTUnwrap(tests.first?.firstIndex(of: ReviewFormat.revisionHeader))
        let tested = try XCTUnwrap(tests.dropFirst().first { $0.count > idColumn && $0[idColumn].hasPrefix("unit-003") })
        let testedCells = try step("consequence test recorded") { root in
            let recorded = try DipProcess.run(
                ["test", tested[idColumn], "--revision", tested[revisionColumn], "--conclusion", "terbuka", "--ground", "17h3",
                 "--consequence", "Tidak ada kerugian bila dibuka", "--public-interest", "Pengawasan anggaran",
                 "--tested-on", "1 Januari 2026", "--tester", "Tim Uji", "--workspace", root.path],
                environment: ["SOURCE_DATE_EPOCH": "1767225600", "DIP_REVIEW_KEY": "incremental-test-key"])
            XCTAssertEqual(recorded.exitCode, 0, recorded.stderr + recorded.stdout)
        }
        XCTAssertGreaterThan(testedCells, 60, "no cell kept beside the tested item")
        XCTAssertTrue(try reviewPage(warm).contains("Dasar hukum uji: UU 14/2008 Pasal 17 huruf h angka 3"))
        // The rules' legal basis of three grounds reworded (the same articles of the same law):
        // every cell citing one changes, in the units that sent nothing too.
        let reworded = [
            ("        judul: Kondisi keuangan, aset, pendapatan, dan rekening bank seseorang\n",
             "Pasal 17 huruf h angka 3 Undang-Undang Nomor 14 Tahun 2008"),
            ("        judul: Hasil-hasil evaluasi sehubungan dengan kapabilitas, intelektualitas, dan rekomendasi kemampuan seseorang\n",
             "Pasal 17 huruf h angka 4 Undang-Undang Nomor 14 Tahun 2008"),
            ("    judul: Memorandum atau surat-surat antar atau intra badan publik yang menurut sifatnya dirahasiakan\n",
             "Pasal 17 huruf i Undang-Undang Nomor 14 Tahun 2008"),
        ]
        XCTAssertFalse(try reviewPage(warm).contains("Undang-Undang Nomor 14 Tahun 2008"))
        try step("citations reworded") { root in
            let file = Workspace(root: root).rules.appendingPathComponent("pengecualian.yaml")
            var text = try String(contentsOf: file, encoding: .utf8)
            for (place, basis) in reworded {
                XCTAssertTrue(text.contains(place), place)
                let indent = String(place.prefix { $0 == " " })
                text = text.replacingOccurrences(of: place, with: place + indent + "dasar_hukum: \(basis)\n")
            }
            try text.write(to: file, atomically: true, encoding: .utf8)
            try revise(root, ["unit-005"])
        }
        // The tested item's unit sent nothing in that step: its row cites the reworded basis.
        let rows = try reviewPage(warm).components(separatedBy: "<tr>")
        XCTAssertTrue(rows.contains { row in
            row.contains(">Badan Contoh Berganti Nama</td>") && row.contains("Dasar hukum uji: \(reworded[0].1)")
        }, "the tested item's row does not cite the reworded basis")
    }

    private func workspace(units: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-incr-\(UUID().uuidString)")
        let initialised = try DipProcess.run(["init", root.path])
        XCTAssertEqual(initialised.exitCode, 0, initialised.stderr)
        let workspace = Workspace(root: root)
        let unitFile = workspace.rules.appendingPathComponent("unit.yaml")
        var yaml = try String(contentsOf: unitFile, encoding: .utf8)
        for code in units {
            yaml += "  - kode: \(code)\n    nama: Unit Kerja \(code)\n    kepala: Kepala \(code)\n    ppid_pelaksana: Sekretaris \(code)\n"
        }
        try yaml.write(to: unitFile, atomically: true, encoding: .utf8)
        _ = try NearDuplicateInbox.write(into: workspace.inbox, units: units, itemsPerUnit: 40, seed: 7)
        return root
    }

    private func run(_ root: URL, epoch: String) throws {
        let result = try DipProcess.run(["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"],
                                        environment: ["SOURCE_DATE_EPOCH": epoch, "DIP_REVIEW_KEY": "incremental-test-key"])
        XCTAssertTrue(result.exitCode == 0 || result.exitCode == 2, result.stderr)
    }

    /// The review workbook's changes sheet (*Perubahan*) as text rows, header first.
    private func changesSheet(_ root: URL) throws -> [[String]] {
        try XCTUnwrap(try sheetTextRows(Workspace(root: root).review.appendingPathComponent("pemeriksaan-dip.xlsx"),
                                        named: ReviewFormat.changesSheet))
    }

    private func reviewPage(_ root: URL) throws -> String {
        try String(contentsOf: Workspace(root: root).review.appendingPathComponent("index.html"), encoding: .utf8)
    }

    /// The operator's logs of a workspace, in order.
    private func logText(_ root: URL) throws -> String {
        let folder = root.appendingPathComponent("reports/log")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
    }
}
