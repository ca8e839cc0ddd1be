import DIPCore
import Foundation
import TestSupport
import GRDB
import Rules
import XCTest
@testable import Pipeline

/// Kills the real `dip run` with SIGKILL at random moments, then lets it finish, and checks
/// that nothing was lost, nothing was taken twice, and the outputs match the register and a
/// clean reference run. Seeded, so a failure is reproducible (DIP_CRASH_SEED overrides;
/// DIP_CRASH_KILLS sets the number of kills, default 20).
final class CrashHarnessTests: XCTestCase {
    let env = ProcessInfo.processInfo.environment

    func testRandomKillsNeverLoseOrDuplicateAnything() throws {
        _ = try DipProcess.requireBinary()
        let seed = UInt64(env["DIP_CRASH_SEED"] ?? "") ?? 20260101
        let kills = Int(env["DIP_CRASH_KILLS"] ?? "") ?? 20
        var rng = SplitMix(seed: seed)

        // A clean reference run on the same inbox.
        let reference = try HarnessWorkspace()
        let referenceDrops = try reference.drop()
        let started = Date()
        let clean = try DipProcess.run(reference.runArgs)
        let cleanSeconds = Date().timeIntervalSince(started)
        XCTAssertEqual(clean.exitCode, 2, "synthetic inbox has malformed rows: \(clean.stderr)")
        try reference.check(drops: referenceDrops, against: nil)

        var killed = 0
        var round = 0
        while killed < kills {
            round += 1
            let ws = try HarnessWorkspace()
            let drops = try ws.drop()
            // Kill until a run survives to its end (each kill leaves some progress behind).
            var attempts = 0
            while killed < kills {
                attempts += 1
                let child = try DipProcess.start(ws.runArgs)
                let delay = Double(rng.next() % 1000) / 1000 * cleanSeconds * 0.85
                usleep(useconds_t(delay * 1_000_000))
                kill(child.pid, SIGKILL)
                let result = child.wait()
                if result.signal == SIGKILL { killed += 1 } else { break }
                XCTAssertLessThan(attempts, 60, "round \(round) does not converge")
            }
            let final = try DipProcess.run(ws.runArgs)
            XCTAssertTrue(final.exitCode == 2 || final.exitCode == 0, "round \(round): \(final.stderr)")
            try ws.check(drops: drops, against: reference)
            print("crash harness round \(round): \(attempts) runs, \(killed) kills so far (seed \(seed))")
        }
    }
}

/// A temporary workspace with 15 units × 40 items of synthetic submissions.
struct HarnessWorkspace {
    let root: URL
    let workspace: Workspace

    init() throws {
        root = try Scratch.directory("dip-crash")
        workspace = Workspace(root: root)
        _ = try WorkspaceSetup.initialise(workspace)
    }

    var runArgs: [String] { ["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"] }

    func units() throws -> [String] {
        Array(try UnitDirectory.load(directory: workspace.rules).units.map(\.code).sorted().prefix(15))
    }

    func drop() throws -> [SyntheticInbox.Dropped] {
        try SyntheticInbox.write(into: workspace.inbox, units: units(), itemsPerUnit: 40, seed: 7)
    }

    /// The invariants a finished run must satisfy, optionally compared with a reference.
    func check(drops: [SyntheticInbox.Dropped], against reference: HarnessWorkspace?,
               file: StaticString = #filePath, line: UInt = #line) throws {
        let fm = FileManager.default
        // 1. Every dropped file is archived with a receipt naming its unit.
        let archive = OriginalsArchive(workspace: workspace)
        for drop in drops {
            let record = archive.record(sha256: drop.sha256)
            XCTAssertNotNil(record, "\(drop.fileName) not archived", file: file, line: line)
            XCTAssertTrue(record?.receipts.contains { $0.unit == drop.unit && $0.fileName == drop.fileName } ?? false,
                          "no receipt for \(drop.unit)/\(drop.fileName)", file: file, line: line)
            if let record {
                XCTAssertTrue(fm.fileExists(atPath: workspace.originals.appendingPathComponent(record.storedAs).path),
                              file: file, line: line)
            }
        }
        // 2. Nothing left in the inbox.
        for unit in try fm.contentsOfDirectory(atPath: workspace.inbox.path) {
            let folder = workspace.inbox.appendingPathComponent(unit)
            let left = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            XCTAssertEqual(left, [], "inbox/\(unit) not emptied", file: file, line: line)
        }
        // 3. Each (unit, sha) exactly once in the register.
        let db = try DatabaseQueue(path: workspace.registerPath.path)
        let rows = try db.read { try Row.fetchAll($0, sql: "SELECT unit, sha256, item_count FROM submissions") }
        let pairs = rows.map { "\($0["unit"] as String)/\($0["sha256"] as String)" }
        XCTAssertEqual(pairs.sorted(), drops.map { "\($0.unit)/\($0.sha256)" }.sorted(), file: file, line: line)
        let itemCounts = Dictionary(uniqueKeysWithValues: rows.map { ($0["unit"] as String, $0["item_count"] as Int) })
        let versions = try db.read { try Row.fetchAll($0, sql: "SELECT number, status FROM versions") }
        XCTAssertEqual(versions.count, 1, "exactly one draft", file: file, line: line)
        let draftNumber: Int = versions.first?["number"] ?? -1
        // 4. Reports agree with the register.
        let draf = workspace.reports.appendingPathComponent("draf")
        XCTAssertEqual(try? String(contentsOf: draf.appendingPathComponent("VERSI.txt"), encoding: .utf8),
                       "draf-v\(draftNumber)\n", file: file, line: line)
        for drop in drops {
            XCTAssertTrue(fm.fileExists(atPath: workspace.feedbackFile(unit: drop.unit, ext: "txt").path),
                          "feedback for \(drop.unit) lost", file: file, line: line)
        }
        // 5. No half-written leftovers anywhere in reports/ or archive/.
        for top in [workspace.reports, workspace.archive] {
            let all = fm.enumerator(atPath: top.path)?.allObjects as? [String] ?? []
            let leftovers = all.filter { path in path.split(separator: "/").contains { Housekeeping.isLeftover(String($0)) } }
            XCTAssertEqual(leftovers, [], "leftovers in \(top.lastPathComponent)", file: file, line: line)
        }
        // 6. Same counts and the same draft documents as the clean reference run.
        if let reference {
            let refDB = try DatabaseQueue(path: reference.workspace.registerPath.path)
            let refRows = try refDB.read { try Row.fetchAll($0, sql: "SELECT unit, item_count FROM submissions") }
            let refCounts = Dictionary(uniqueKeysWithValues: refRows.map { ($0["unit"] as String, $0["item_count"] as Int) })
            XCTAssertEqual(itemCounts, refCounts, file: file, line: line)
            let refVersionItems = try refDB.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM version_items") }
            let versionItems = try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM version_items") }
            XCTAssertEqual(versionItems, refVersionItems, file: file, line: line)
            let refDraf = reference.workspace.reports.appendingPathComponent("draf")
            let names = try fm.contentsOfDirectory(atPath: refDraf.path).sorted()
            XCTAssertEqual(try fm.contentsOfDirectory(atPath: draf.path).sorted(), names, file: file, line: line)
            for name in names {
                XCTAssertEqual(try Data(contentsOf: draf.appendingPathComponent(name)),
                               try Data(contentsOf: refDraf.appendingPathComponent(name)),
                               "draft document \(name) differs from the reference", file: file, line: line)
            }
        }
    }
}
