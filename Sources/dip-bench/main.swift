// dip-bench: prints speed and memory figures for `make bench`. Never asserts: targets are
// compared by a person (docs/architecture.md: no timed unit tests on shared machines).
//
// Usage: dip-bench [NAME…]   (no name: every benchmark but classify-real, classify-fresh, determinism and classify-digest)
// Each benchmark lives in its own file and registers one line here.
import Foundation

let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("xlsx", runXLSXBench),
    ("csv", runCSVBench),
    ("normalise", runNormaliseBench),
    ("classify", classifyBench),
    ("classify-distinct", classifyDistinctBench),
    ("classify-digest", classifyDigestBench),
    ("classify-real", classifyRealBench),
    ("classify-train", classifyTrainBench),
    ("rules-load", rulesLoadBench),
    ("classify-validate", classifyValidateBench),
    ("classify-probes", classifyProbesBench),
    ("classify-ceiling", classifyCeilingBench),
    ("classify-unit-names", classifyUnitNamesBench),
    ("classify-fresh", classifyFreshBench),
    ("personal-data-train", personalDataTrainBench),
    ("register", registerBenchmark),
    ("writers", benchWriters),
    ("publish", benchPublish),
    ("e2e", runEndToEndBench),
    ("hostile", runHostileBench),
    ("determinism", runDeterminismBench),
]

// `dip-bench --child PATH ARGS…`: runs PATH as a child of this small, freshly started process
// and prints "seconds exit maxRSSKB cpuSeconds". Linux carries a process's peak RSS across
// exec, so a child spawned straight from a benchmark that holds hundreds of MB would report
// the benchmark's peak as its own; spawned from here it reports its own.
if CommandLine.arguments.count > 2 && CommandLine.arguments[1] == "--child" {
    do {
        let run = try runChild(CommandLine.arguments[2], Array(CommandLine.arguments.dropFirst(3)))
        print("\(run.seconds) \(run.exitCode) \(run.maxRSSKB) \(run.cpuSeconds)")
        exit(0)
    } catch {
        FileHandle.standardError.write("dip-bench --child: \(error)\n".data(using: .utf8)!)
        exit(1)
    }
}

// Run only when named: the held-out and fresh bodies' figures are printed once a session, on
// purpose, never as a side effect of `make bench` (a plain `make bench` printed the held-out
// figures to whoever only wanted speed; docs/architecture.md, held-out discipline); the
// determinism check (a pass/fail check, not a figure) has its own target, `make determinism`;
// classify-digest prints digests to compare two builds, no figure.
let onlyWhenNamed: Set<String> = ["classify-real", "classify-fresh", "determinism", "classify-digest"]
let wanted = Set(CommandLine.arguments.dropFirst())
// A mistyped name (`make bench BENCH=clasify-train`) printed nothing and exited 0.
let unknown = wanted.subtracting(benchmarks.map(\.name)).sorted()
if !unknown.isEmpty {
    FileHandle.standardError.write("dip-bench: unknown benchmark \(unknown.joined(separator: ", ")); known: \(benchmarks.map(\.name).joined(separator: ", "))\n".data(using: .utf8)!)
    exit(2)
}
for bench in benchmarks where wanted.isEmpty ? !onlyWhenNamed.contains(bench.name) : wanted.contains(bench.name) {
    do {
        try bench.run()
    } catch {
        FileHandle.standardError.write("benchmark \(bench.name) failed: \(error)\n".data(using: .utf8)!)
        exit(1)
    }
}
