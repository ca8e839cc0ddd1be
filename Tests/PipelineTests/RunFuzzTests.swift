import DIPCore
import Foundation
import Logging
import TestSupport
import XCTest
@testable import Pipeline

/// Damaged submissions through a whole run: intake, register, feedback, templates, draft,
/// decree documents and review pack. Intake fuzzing alone cannot see a file that reads
/// fine but stops a later stage (a CSV cell longer than any workbook cell once stopped every
/// run at the feedback workbook); here each round drops a few mutants, runs, and requires
/// the run to finish with every file archived, recorded once and out of the inbox.
/// DIP_RUN_FUZZ_ROUNDS sets the rounds (default 12), DIP_FUZZ_SEED replays one.
final class RunFuzzTests: XCTestCase {
    func testDamagedSubmissionsNeverStopARun() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = UInt64(environment["DIP_FUZZ_SEED"] ?? "") ?? 20_261_127
        let rounds = Int(environment["DIP_RUN_FUZZ_ROUNDS"] ?? "") ?? 12
        var rng = SplitMix(seed: seed)
        let ws = try HarnessWorkspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let mutator = SubmissionMutator(scratch: ws.root)
        let seeds = try SubmissionMutator.seedFiles(in: DipProcess.repoRoot.appendingPathComponent("examples/inbox"))
        let units = try ws.units()
        var dropped = 0
        for round in 0..<rounds {
            // A few units send a damaged list each round; later rounds update earlier lists.
            for slot in 0..<5 {
                let original = seeds[Int(rng.next() % UInt64(seeds.count))]
                let isCSV = original.pathExtension.lowercased() == "csv"
                let mutant = try mutator.mutate(try Array(Data(contentsOf: original)), isCSV: isCSV, &rng)
                let folder = ws.workspace.inbox.appendingPathComponent(units[(round * 5 + slot) % units.count])
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(mutant).write(to: folder.appendingPathComponent("kiriman-\(round)-\(slot).\(original.pathExtension)"))
                dropped += 1
            }
            let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + Double(round) * 86_400))
            let summary = try Runner(workspace: ws.workspace, options: RunOptions(settleSeconds: 0, clock: clock),
                                     logger: Logger(label: "fuzz")).run()
            let context = "round \(round) (seed \(seed))"
            XCTAssertTrue(summary.failures.isEmpty, "\(context): \(summary.failures)")
            XCTAssertEqual(summary.outcomes.count, 5, context)
            for outcome in summary.outcomes where outcome.status == .refused {
                XCTAssertFalse(outcome.reason?.isEmpty ?? true, "a refusal says why: \(context)")
            }
            for unit in Set(summary.outcomes.map(\.unit)) {
                XCTAssertTrue(FileManager.default.fileExists(
                    atPath: ws.workspace.feedbackFile(unit: unit, ext: "xlsx").path), context)
            }
        }
        // Every file archived once, none left in the inbox.
        let archived = try FileManager.default.contentsOfDirectory(atPath: ws.workspace.originals.path)
            .filter { $0.hasSuffix(".json") }
        XCTAssertLessThanOrEqual(archived.count, dropped)
        XCTAssertGreaterThan(archived.count, 0)
        for unit in try FileManager.default.contentsOfDirectory(atPath: ws.workspace.inbox.path) {
            let left = (try? FileManager.default.contentsOfDirectory(
                atPath: ws.workspace.inbox.appendingPathComponent(unit).path)) ?? []
            XCTAssertEqual(left, [], "inbox/\(unit)")
        }
    }
}
