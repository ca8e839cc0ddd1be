import DIPCore
import Foundation
import OfficeFormats
import TestSupport
import XCTest
@testable import Intake

/// Seeded mutation fuzzing of the whole intake path: the bundled example submissions are
/// damaged at random (bytes flipped, spans cut or doubled, hostile tokens planted in the
/// package's XML parts, which are then zipped again so the damage reaches the parsers) and
/// each result is read as `dip run` and `dip dump` read it. A file may be accepted or
/// refused; it must never crash the process, and every refusal and problem must say what is
/// wrong. DIP_FUZZ_ITERATIONS sets the number of mutants (default 240, a few seconds);
/// DIP_FUZZ_SEED replays a run.
final class MutationFuzzTests: XCTestCase {
    let environment = ProcessInfo.processInfo.environment
    let examples = Checkers.repoRoot.appendingPathComponent("examples/inbox")
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = try Scratch.directory("dip-fuzz")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testDamagedSubmissionsAreReadOrRefusedNeverCrash() throws {
        let seed = UInt64(environment["DIP_FUZZ_SEED"] ?? "") ?? 20_261_127
        let iterations = Int(environment["DIP_FUZZ_ITERATIONS"] ?? "") ?? 240
        var rng = SplitMix(seed: seed)
        let seeds = try SubmissionMutator.seedFiles(in: examples)
        XCTAssertGreaterThanOrEqual(seeds.count, 4, "the bundled examples are the fuzzing seeds")
        var accepted = 0
        var refused = 0
        for iteration in 0..<iterations {
            let original = seeds[Int(rng.next() % UInt64(seeds.count))]
            let isCSV = original.pathExtension.lowercased() == "csv"
            let bytes = try Array(Data(contentsOf: original))
            let mutant = try SubmissionMutator(scratch: scratch).mutate(bytes, isCSV: isCSV, &rng)
            let path = scratch.appendingPathComponent("mutant-\(iteration).\(original.pathExtension)")
            try Data(mutant).write(to: path)
            let context = "iteration \(iteration) (seed \(seed)) from \(original.lastPathComponent): \(path.path)"

            let result = readSubmission(at: path.path, displayName: original.lastPathComponent)
            switch result.status {
            case .accepted:
                accepted += 1
                for item in result.items {
                    XCTAssertEqual(item.source.file, original.lastPathComponent, context)
                    XCTAssertGreaterThan(item.source.row, 0, context)
                }
            case .refused:
                refused += 1
                XCTAssertFalse(result.reason?.isEmpty ?? true, "a refusal says why: \(context)")
                XCTAssertTrue(result.items.isEmpty, context)
            case .failed:
                // Damaged bytes on a sound disk are the file's problem, never the system's.
                XCTFail("a damaged file read as a failure of the system: \(result.reason ?? "") \(context)")
            }
            for problem in result.problems {
                XCTAssertFalse(problem.message.isEmpty, context)
                XCTAssertFalse(problem.code.isEmpty, context)
            }
            // `dip dump` reads every sheet, including the ones intake skips.
            _ = try? (isCSV ? WorkbookDump.csv(path: path.path) : WorkbookDump.xlsx(path: path.path))
            try? FileManager.default.removeItem(at: path)
        }
        // Both outcomes occur: the mutations neither always break the file nor never do.
        XCTAssertGreaterThan(accepted, 0)
        XCTAssertGreaterThan(refused, 0)
        print("mutation fuzz: \(iterations) mutants, \(accepted) accepted, \(refused) refused (seed \(seed))")
    }
}
