import DIPCore
import Foundation
import Logging
import TestSupport
import XCTest
@testable import Pipeline

/// The PPID's side of the cycle, fuzzed: each round fills the current review workbook with
/// random decisions, consequence tests and reviewer details (valid, sloppy and hostile
/// values, identity cells changed, now and then the package damaged too), drops it into
/// `inbox/_ppid/`, and runs. The run must finish, the workbook must be archived and answered
/// with a result file, and the next round starts from the review pack that run wrote.
/// DIP_DECISION_FUZZ_ROUNDS sets the rounds (default 4; each starts a Python process).
final class ReviewDecisionsFuzzTests: XCTestCase {
    static let fillScript = #"""
        import json, random, sys, openpyxl
        path, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
        rng = random.Random(seed)
        values = json.loads(sys.argv[4])
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            if ws.max_row < 2:
                continue
            heads = [c.value for c in ws[1]]
            # Mostly the columns a reviewer fills, with their own values; now and then anything.
            known = [i + 1 for i, h in enumerate(heads) if h in values]
            for _ in range(rng.randint(0, 30)):
                row = rng.randint(2, ws.max_row + 1)
                col = rng.choice(known) if known and rng.random() < 0.8 else rng.randint(1, max(1, len(heads)))
                head = heads[col - 1] if col - 1 < len(heads) else None
                pool = values.get(head or "", values["*"])
                value = rng.choice(pool if rng.random() < 0.85 else values["*"])
                cell = ws.cell(row, col)
                if type(cell).__name__ == "MergedCell":
                    continue  # inside a merged range: Excel only lets a reviewer type in its first cell
                cell.value = value
        if "Petunjuk" in wb.sheetnames:
            p = wb["Petunjuk"]
            for r in range(1, p.max_row + 1):
                if p.cell(r, 1).value in ("Nama pemeriksa", "NIP pemeriksa", "Jabatan pemeriksa"):
                    p.cell(r, 2).value = rng.choice(values["*"] + ["Hj. Siti Pemeriksa", "197001011995031002"])
        wb.save(out)
        """#

    /// Per column header, the values a reviewer might type; "*" goes anywhere.
    static let values: [String: [String]] = [
        "Keputusan": ["Setujui", "Kembalikan", "setujui", "SETUJU", "Tolak", "", "Setujui "],
        "Catatan": ["Perbaiki tahun.", "", String(repeating: "catatan ", count: 5000)],
        "Kesimpulan": ["Dikecualikan seluruhnya", "Dikecualikan sebagian", "Terbuka", "terbuka", "Rahasia"],
        "Dasar Hukum (Pasal)": ["Pasal 17 huruf h angka 2", "17h2", "Pasal 99", ""],
        "Jangka Waktu Pengecualian": ["25 tahun", "Permanen", "selamanya", "2026", "-5 tahun", ""],
        "Tanggal Uji": ["2026-01-02", "32/13/2026", "kemarin", ""],
        "Informasi Spesifik yang Dikecualikan": ["Identitas dan diagnosis pasien", ""],
        "Konsekuensi apabila Dibuka": ["Mengungkap rahasia pribadi", ""],
        "Pertimbangan Kepentingan Publik": ["Perlindungan data pribadi lebih besar", ""],
        "Syarat Dibukanya Informasi": ["Persetujuan tertulis pemilik data", ""],
        "Nama Penguji": ["dr. Penguji", ""],
        "NIP Penguji": ["197001011995031002", "123", "NIP", ""],
        "ID DIP (jangan diubah)": ["unit-000-0001", "", "x", "../../etc"],
        "Revisi (jangan diubah)": ["0", "-1", "99", "dua", ""],
        "*": ["", "=1+1", "📄", String(repeating: "x", count: 300), "0", "-1"],
    ]

    func testRandomReviewDecisionsNeverStopARun() throws {
        let environment = ProcessInfo.processInfo.environment
        let pythonPath = try Checkers.python()
        let seed = UInt64(environment["DIP_FUZZ_SEED"] ?? "") ?? 20_261_127
        let rounds = Int(environment["DIP_DECISION_FUZZ_ROUNDS"] ?? "") ?? 4
        var rng = SplitMix(seed: seed)
        let ws = try HarnessWorkspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        _ = try ws.drop()
        let ppid = ws.workspace.inbox.appendingPathComponent("_ppid")
        try FileManager.default.createDirectory(at: ppid, withIntermediateDirectories: true)
        let valuesJSON = String(decoding: try JSONSerialization.data(withJSONObject: Self.values), as: UTF8.self)
        var clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
        func run() throws -> RunSummary {
            clock = Clock(now: clock.now.addingTimeInterval(3600))
            return try Runner(workspace: ws.workspace, options: RunOptions(settleSeconds: 0, clock: clock),
                              logger: Logger(label: "fuzz")).run()
        }
        _ = try run()
        for round in 0..<rounds {
            let context = "round \(round) (seed \(seed))"
            let review = ws.workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx")
            let filled = ws.root.appendingPathComponent("filled.xlsx")
            let python = Process()
            python.executableURL = URL(fileURLWithPath: pythonPath)
            python.arguments = ["-c", Self.fillScript, review.path, filled.path, String(rng.next() % 1_000_000), valuesJSON]
            let errors = Pipe()
            python.standardError = errors
            try python.run()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            python.waitUntilExit()
            XCTAssertEqual(python.terminationStatus, 0, "\(context): \(stderr)")
            var bytes = try Array(Data(contentsOf: filled))
            if rng.next() % 3 == 0 {
                bytes = try SubmissionMutator(scratch: ws.root).mutate(bytes, isCSV: false, &rng)
            }
            let name = "pemeriksaan-\(round).xlsx"
            try Data(bytes).write(to: ppid.appendingPathComponent(name))
            // Old enough to be settled.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)],
                                                  ofItemAtPath: ppid.appendingPathComponent(name).path)

            let summary = try run()
            XCTAssertTrue(summary.failures.isEmpty, "\(context): \(summary.failures)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ppid.path), [], "\(context): taken in")
            let results = try FileManager.default.contentsOfDirectory(atPath: ws.workspace.review.path)
                .filter { $0.hasPrefix("hasil-") }
            XCTAssertTrue(results.contains { $0.contains("pemeriksaan-\(round)") }, "\(context): answered, \(results)")
        }
    }
}
