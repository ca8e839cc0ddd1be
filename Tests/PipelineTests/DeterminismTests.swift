import Foundation
import XCTest
@testable import Pipeline

/// docs/architecture.md: same inputs, same rules, same clock → byte-identical outputs. The whole SOP
/// (intake, draft, approval, publication) runs in fresh workspaces, in different machine time
/// zones and folders, with the clock fixed by SOURCE_DATE_EPOCH, each step its own process:
/// one cycle with Swift's hash seed fixed (`SWIFT_DETERMINISTIC_HASHING=1`) on one thread, the
/// others with the seed random per process (and per set instance) on two threads and on one,
/// so an output that follows a set's or a dictionary's order differs between them. Every file
/// they leave behind must be identical, the register and the archive package included, and so
/// must what `dip status` and `dip diff` print. Only the operator's log differs (it records
/// real time, by design). `make determinism` runs the same check on a regency of ~4,000 items.
final class DeterminismTests: XCTestCase {
    func testTheWholeCycleGivesIdenticalFilesInAnyTimeZoneHashSeedAndThreadCount() throws {
        _ = try DipProcess.requireBinary()
        let utc = try cycle(timeZone: "UTC", fixedHashSeed: true, threads: 1)
        let tokyo = try cycle(timeZone: "Asia/Tokyo", fixedHashSeed: false, threads: 2)
        // The draft stage reading the register a chunk at a time (a register above
        // `keptRevisionsLimit` items) writes the same files as the one keeping it whole.
        let streamed = try cycle(timeZone: "UTC", fixedHashSeed: false, threads: 1, keptRevisionsLimit: 0)
        defer {
            try? FileManager.default.removeItem(at: utc)
            try? FileManager.default.removeItem(at: tokyo)
            try? FileManager.default.removeItem(at: streamed)
        }
        let files = try outputFiles(utc)
        XCTAssertEqual(files, try outputFiles(tokyo))
        // Above the limit the review's explanation cells are not kept (`KeptExplanationFiles`):
        // every other file is the same.
        let keptCells = "archive/.cache/pemeriksaan-penjelasan/"
        XCTAssertTrue(files.contains { $0.hasPrefix(keptCells) })
        XCTAssertEqual(files.filter { !$0.hasPrefix(keptCells) }, try outputFiles(streamed))
        func drafts(_ root: URL) throws -> [String] {
            let log = root.appendingPathComponent("reports/log")
            return try FileManager.default.contentsOfDirectory(atPath: log.path).sorted().flatMap { name in
                try String(contentsOf: log.appendingPathComponent(name), encoding: .utf8)
                    .split(separator: "\n").filter { $0.contains("dokumen draf ditulis") }.map(String.init)
            }
        }
        let keptDrafts = try drafts(utc), streamedDrafts = try drafts(streamed)
        XCTAssertFalse(keptDrafts.isEmpty)
        XCTAssertTrue(keptDrafts.allSatisfy { $0.contains("pembacaan=sekaligus") }, "\(keptDrafts)")
        XCTAssertFalse(streamedDrafts.isEmpty)
        XCTAssertTrue(streamedDrafts.allSatisfy { $0.contains("pembacaan=bertahap") }, "\(streamedDrafts)")
        // The cycle really produced what is compared: feedback, decree drafts, review pack,
        // website, archive package and register.
        for expected in ["archive/register.sqlite", "reports/review/pemeriksaan-dip.xlsx", "reports/situs/index.html"] {
            XCTAssertTrue(files.contains(expected), "\(expected) missing from \(files)")
        }
        for prefix in ["archive/paket/", "archive/originals/", "reports/draf/", "reports/unit/", "reports/terbit/"] {
            XCTAssertTrue(files.contains { $0.hasPrefix(prefix) }, "nothing under \(prefix)")
        }
        for path in files {
            let a = try Data(contentsOf: utc.appendingPathComponent(path))
            let b = try Data(contentsOf: tokyo.appendingPathComponent(path))
            XCTAssertTrue(a == b, "\(path) differs between the two runs")
            if path.hasPrefix(keptCells) { continue }
            let c = try Data(contentsOf: streamed.appendingPathComponent(path))
            XCTAssertTrue(a == c, "\(path) differs between the kept and the streamed draft")
        }
        // What the register prints for the officer and for scripts.
        let printedUTC = try printed(utc, fixedHashSeed: true)
        XCTAssertTrue(printedUTC.contains("\"itemID\""), "the published version's items are listed: \(printedUTC)")
        XCTAssertEqual(printedUTC, try printed(tokyo, fixedHashSeed: false))
        XCTAssertEqual(printedUTC, try printed(streamed, fixedHashSeed: false))
    }

    /// `dip status` and `dip diff --to 1` (the published version against none: every item
    /// added) as JSON, the workspace's path taken out.
    private func printed(_ root: URL, fixedHashSeed: Bool) throws -> String {
        var out = ""
        for args in [["status", "--format", "json"], ["diff", "--to", "1", "--format", "json"]] {
            let result = try DipProcess.run([args[0], "--workspace", root.path] + args.dropFirst(),
                                            environment: fixedHashSeed ? ["SWIFT_DETERMINISTIC_HASHING": "1"] : [:],
                                            removing: fixedHashSeed ? [] : ["SWIFT_DETERMINISTIC_HASHING"])
            XCTAssertEqual(result.exitCode, 0, result.stderr)
            out += result.stdout.replacingOccurrences(of: root.path, with: "<ruang kerja>")
        }
        return out
    }

    /// Intake of the bundled examples, approval of the draft, then the run that publishes it.
    /// With `fixedHashSeed`, every process runs with `SWIFT_DETERMINISTIC_HASHING=1`; without,
    /// the variable is removed (whatever the test runner was given), so each process draws its
    /// own seed.
    private func cycle(timeZone: String, fixedHashSeed: Bool, threads: Int, keptRevisionsLimit: Int? = nil) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-det-\(UUID().uuidString)")
        // The review-workbook secret is random per register; fixed here so the register and
        // the review workbook (its token) can be compared byte for byte.
        var env = ["TZ": timeZone, "DIP_REVIEW_KEY": "determinism-test-key", "DIP_THREADS": String(threads)]
        if fixedHashSeed { env["SWIFT_DETERMINISTIC_HASHING"] = "1" }
        let removing = fixedHashSeed ? [] : ["SWIFT_DETERMINISTIC_HASHING"]
        if let keptRevisionsLimit { env["DIP_KEPT_REVISIONS_LIMIT"] = String(keptRevisionsLimit) }
        let initialised = try DipProcess.run(["init", root.path], environment: env, removing: removing)
        XCTAssertEqual(initialised.exitCode, 0, initialised.stderr)
        let examples = DipProcess.repoRoot.appendingPathComponent("examples/inbox")
        let inbox = root.appendingPathComponent("inbox")
        for unit in try FileManager.default.contentsOfDirectory(atPath: examples.path) {
            try FileManager.default.copyItem(at: examples.appendingPathComponent(unit),
                                             to: inbox.appendingPathComponent(unit))
        }
        let run = ["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"]
        let first = try DipProcess.run(run, environment: env.merging(["SOURCE_DATE_EPOCH": "1767225600"]) { $1 }, removing: removing)
        XCTAssertEqual(first.exitCode, 2, "the examples include a refused file: \(first.stderr)")
        let approve = try DipProcess.run(
            ["approve", "--workspace", root.path, "--name", "Drs. H. Ahmad Fauzi", "--nip", "197001011995031002",
             "--decree-number", "000.9/12/PPID/2026", "--decree-date", "2026-01-01", "--force"],
            environment: env.merging(["SOURCE_DATE_EPOCH": "1767229200"]) { $1 }, removing: removing)
        XCTAssertEqual(approve.exitCode, 0, approve.stderr)
        let publish = try DipProcess.run(run, environment: env.merging(["SOURCE_DATE_EPOCH": "1767232800"]) { $1 }, removing: removing)
        XCTAssertEqual(publish.exitCode, 0, publish.stderr)
        return root
    }
}
