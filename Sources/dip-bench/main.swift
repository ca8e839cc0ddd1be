// dip-bench: prints speed and memory figures for `make bench`. Never asserts: targets are
// compared by a person (DEVELOPERS.md: no timed unit tests on shared machines).
//
// Usage: dip-bench [NAME…]   (no name: every benchmark)
// Each benchmark lives in its own file and registers one line here.
import Foundation

let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("xlsx", runXLSXBench),
    ("csv", runCSVBench),
    ("normalise", runNormaliseBench),
    ("classify", classifyBench),
    ("classify-distinct", classifyDistinctBench),
    ("classify-real", classifyRealBench),
    ("classify-train", classifyTrainBench),
    ("classify-ceiling", classifyCeilingBench),
    ("register", registerBenchmark),
    ("writers", benchWriters),
    ("publish", benchPublish),
    ("e2e", runEndToEndBench),
    ("hostile", runHostileBench),
]

let wanted = Set(CommandLine.arguments.dropFirst())
for bench in benchmarks where wanted.isEmpty || wanted.contains(bench.name) {
    do {
        try bench.run()
    } catch {
        FileHandle.standardError.write("benchmark \(bench.name) failed: \(error)\n".data(using: .utf8)!)
        exit(1)
    }
}
