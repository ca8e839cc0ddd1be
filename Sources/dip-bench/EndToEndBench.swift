import Foundation
import Pipeline

/// `dip run` end to end on a synthetic regency: 60 units × 300 items (mixed XLSX and CSV,
/// some malformed rows), run cold (everything new) and warm (nothing changed), at 1×, 2×
/// and 4× the number of units. Runs the release `dip` binary beside dip-bench as a child
/// process, so the peak RSS is the run's own (wait4 rusage), not the benchmark's.
/// Targets: cold < 10 s, warm < 0.5 s, peak RSS < 200 MB at 1×; cost linear in size.
func runEndToEndBench() throws {
    let dip = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("dip")
    guard FileManager.default.isExecutableFile(atPath: dip.path) else {
        throw EndToEndBenchError.missing("dip binary not found at \(dip.path); build it: swift build -c release --product dip")
    }
    var baseline: (cold: Double, warm: Double)?
    let scales = ProcessInfo.processInfo.environment["DIP_BENCH_E2E_SCALES"].map {
        $0.split(separator: ",").compactMap { Int($0) }
    } ?? [1, 2, 4]
    for scale in scales {
        let units = 60 * scale
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-bench-e2e-\(getpid())-\(scale)")
        // DIP_BENCH_E2E_KEEP=1 keeps the workspaces (to compare outputs between builds).
        let keep = ProcessInfo.processInfo.environment["DIP_BENCH_E2E_KEEP"] == "1"
        // DIP_BENCH_E2E_PREPARE=1 only writes the workspace and prints its path, to profile a
        // cold `dip run` on it by hand (heaptrack, perf).
        let prepareOnly = ProcessInfo.processInfo.environment["DIP_BENCH_E2E_PREPARE"] == "1"
        defer { if !keep && !prepareOnly { try? FileManager.default.removeItem(at: root) } }
        let workspace = Workspace(root: root)
        _ = try WorkspaceSetup.initialise(workspace)
        let codes = (1...units).map { String(format: "unit-%03d", $0) }
        let unitFile = workspace.rules.appendingPathComponent("unit.yaml")
        var yaml = try String(contentsOf: unitFile, encoding: .utf8)
        for code in codes {
            yaml += "  - kode: \(code)\n    nama: Unit Kerja Sintetis \(code)\n    kepala: Kepala \(code)\n    ppid_pelaksana: Sekretaris \(code)\n"
        }
        try yaml.write(to: unitFile, atomically: true, encoding: .utf8)
        let dropped = try SyntheticInbox.write(into: workspace.inbox, units: codes, itemsPerUnit: 300, seed: 42)
        let bytes = dropped.reduce(0) { total, drop in
            let url = workspace.inbox.appendingPathComponent(drop.unit).appendingPathComponent(drop.fileName)
            return total + (((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0)
        }
        let args = ["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"]
        if prepareOnly {
            print("e2e workspace prepared (\(units) units): \(root.path)")
            continue
        }
        if keep { print("  workspace kept: \(root.path)") }
        let cold = try runChild(dip.path, args)
        let warm = try runChild(dip.path, args)
        let label = "e2e \(units) units × 300 items (\(units * 300) items, \(bytes / 1_048_576) MB)"
        report("\(label) cold", cold.seconds, "s")
        report("\(label) cold peak RSS", Double(cold.maxRSSKB) / 1024, "MB")
        report("\(label) warm", warm.seconds, "s")
        report("\(label) warm peak RSS", Double(warm.maxRSSKB) / 1024, "MB")
        // Where the cold run's time went: the per-stage seconds of its summary log line.
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: workspace.reports.appendingPathComponent("log").path)) ?? []
        if let log = logs.sorted().first,
           let text = try? String(contentsOf: workspace.reports.appendingPathComponent("log/\(log)"), encoding: .utf8),
           let summary = text.split(separator: "\n").first(where: { $0.contains("run selesai") }) {
            let stages = summary.split(separator: " ").filter { $0.hasPrefix("detik_") }.joined(separator: " ")
            print("  \(label) cold stages: \(stages)")
        }
        if cold.exitCode != 2 && cold.exitCode != 0 { throw EndToEndBenchError.missing("cold run exited \(cold.exitCode)") }
        if let baseline {
            report("e2e growth ×\(scale) cold (time / 1× time)", cold.seconds / baseline.cold, "×")
            report("e2e growth ×\(scale) warm (time / 1× time)", warm.seconds / baseline.warm, "×")
        } else {
            baseline = (cold.seconds, warm.seconds)
        }
    }
}

enum EndToEndBenchError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self { case .missing(let text): return text }
    }
}

/// Runs a child to completion: wall seconds, exit code, peak RSS (KB) from wait4.
func runChild(_ path: String, _ args: [String]) throws -> (seconds: Double, exitCode: Int32, maxRSSKB: Int) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = env["SOURCE_DATE_EPOCH"] ?? "1767225600"
    let argv = ([path] + args).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
    guard rc == 0 else { throw EndToEndBenchError.missing("posix_spawn \(path) failed: \(rc)") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (seconds, (status >> 8) & 0xff, usage.ru_maxrss)
}
