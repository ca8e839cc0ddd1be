import Foundation
import Pipeline

/// `dip run` end to end on two synthetic regencies of 60 units × 300 items (mixed XLSX and
/// CSV), at 1×, 2× and 4× the number of units:
/// - `synthetic`: `SyntheticInbox` (comma CSV, numbered summaries, some malformed rows), run
///   cold (everything new) and warm (nothing changed);
/// - `near`: `NearDuplicateInbox` (semicolon CSV, summaries from a pool of real-looking DIP
///   titles, so many are near one another), run cold, then the update round (6 of every 60
///   units send a revised list), then warm.
/// Runs the release `dip` binary beside dip-bench as a child of `dip-bench --child`, so the
/// peak RSS is the run's own (wait4 rusage), not the benchmark's: spawned straight from
/// dip-bench, Linux carried the benchmark's peak across the exec, and a plain `make bench`
/// printed 426 MB (the CSV bench's) for every e2e run (session 25 walk). Each run's stage times come from its
/// summary log line. DIP_BENCH_E2E_CORPUS=synthetic|near picks one regency (default both).
/// Targets (near-duplicate regency): cold < 5 s, update < 1.5 s, warm ≈ 0.06 s, peak RSS
/// < 150 MB at 4×.
func runEndToEndBench() throws {
    let dip = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("dip")
    guard FileManager.default.isExecutableFile(atPath: dip.path) else {
        throw EndToEndBenchError.missing("dip binary not found at \(dip.path); build it: swift build -c release --product dip")
    }
    let environment = ProcessInfo.processInfo.environment
    let scales = environment["DIP_BENCH_E2E_SCALES"].map {
        $0.split(separator: ",").compactMap { Int($0) }
    } ?? [1, 2, 4]
    let corpora = environment["DIP_BENCH_E2E_CORPUS"].map { [$0] } ?? ["synthetic", "near"]
    for corpus in corpora {
        guard corpus == "synthetic" || corpus == "near" else {
            throw EndToEndBenchError.missing("DIP_BENCH_E2E_CORPUS: synthetic or near, not \(corpus)")
        }
        var baseline: [String: Double] = [:]
        for scale in scales {
            try endToEnd(dip: dip, corpus: corpus, scale: scale, baseline: &baseline)
        }
    }
}

private func endToEnd(dip: URL, corpus: String, scale: Int, baseline: inout [String: Double]) throws {
    let environment = ProcessInfo.processInfo.environment
    // DIP_BENCH_E2E_UNITS=N replaces 60 × scale (e.g. 66: 19,800 items, just under the kept
    // revisions' limit of 20,000, where a run's memory peaks highest).
    let units = Int(environment["DIP_BENCH_E2E_UNITS"] ?? "") ?? 60 * scale
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-bench-e2e-\(corpus)-\(getpid())-\(scale)")
    // DIP_BENCH_E2E_KEEP=1 keeps the workspaces (to compare outputs between builds).
    let keep = environment["DIP_BENCH_E2E_KEEP"] == "1"
    // DIP_BENCH_E2E_PREPARE=1 only writes the workspace and prints its path, to profile a
    // cold `dip run` on it by hand (heaptrack, perf); for `near` the update round's files
    // are written beside it, in `<workspace>.update/`, to copy into the inbox after the cold run.
    let prepareOnly = environment["DIP_BENCH_E2E_PREPARE"] == "1"
    defer { if !keep && !prepareOnly { try? FileManager.default.removeItem(at: root) } }
    try? FileManager.default.removeItem(at: root)
    let workspace = Workspace(root: root)
    _ = try WorkspaceSetup.initialise(workspace)
    let codes = (1...units).map { String(format: "unit-%03d", $0) }
    let unitFile = workspace.rules.appendingPathComponent("unit.yaml")
    var yaml = try String(contentsOf: unitFile, encoding: .utf8)
    for code in codes {
        yaml += "  - kode: \(code)\n    nama: Unit Kerja Sintetis \(code)\n    kepala: Kepala \(code)\n    ppid_pelaksana: Sekretaris \(code)\n"
    }
    try yaml.write(to: unitFile, atomically: true, encoding: .utf8)
    let dropped = corpus == "near"
        ? try NearDuplicateInbox.write(into: workspace.inbox, units: codes, itemsPerUnit: 300, seed: 42)
        : try SyntheticInbox.write(into: workspace.inbox, units: codes, itemsPerUnit: 300, seed: 42)
    let bytes = dropped.reduce(0) { total, drop in
        let url = workspace.inbox.appendingPathComponent(drop.unit).appendingPathComponent(drop.fileName)
        return total + (((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0)
    }
    let updating = corpus == "near" ? NearDuplicateInbox.updatingUnits(codes) : []
    let args = ["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"]
    if prepareOnly {
        if !updating.isEmpty {
            let aside = URL(fileURLWithPath: root.path + ".update")
            try? FileManager.default.removeItem(at: aside)
            _ = try NearDuplicateInbox.write(into: aside, units: updating, itemsPerUnit: 300, seed: 42, round: 1)
            print("e2e \(corpus) workspace prepared (\(units) units): \(root.path); update round: \(aside.path)")
        } else {
            print("e2e \(corpus) workspace prepared (\(units) units): \(root.path)")
        }
        return
    }
    if keep { print("  workspace kept: \(root.path)") }
    let label = "e2e \(corpus) \(units)×300 (\(units * 300) items, \(bytes / 1_048_576) MB)"
    var runs: [(name: String, run: (seconds: Double, exitCode: Int32, maxRSSKB: Int, cpuSeconds: Double))] = []
    let cold = try runMeasuredChild(dip.path, args)
    if cold.exitCode != 2 && cold.exitCode != 0 { throw EndToEndBenchError.missing("cold run exited \(cold.exitCode)") }
    runs.append(("cold", cold))
    if !updating.isEmpty {
        _ = try NearDuplicateInbox.write(into: workspace.inbox, units: updating, itemsPerUnit: 300, seed: 42, round: 1)
        let update = try runMeasuredChild(dip.path, args)
        if update.exitCode != 2 && update.exitCode != 0 { throw EndToEndBenchError.missing("update run exited \(update.exitCode)") }
        runs.append(("update (\(updating.count) units)", update))
    }
    runs.append(("warm", try runMeasuredChild(dip.path, args)))
    let summaries = runSummaries(workspace)
    for (index, entry) in runs.enumerated() {
        report("\(label) \(entry.name)", entry.run.seconds, "s")
        report("\(label) \(entry.name) CPU (user+sys)", entry.run.cpuSeconds, "s")
        report("\(label) \(entry.name) peak RSS", Double(entry.run.maxRSSKB) / 1024, "MB")
        // Where the time went: the per-stage seconds of the run's summary log line.
        if index < summaries.count {
            print("    stages: \(summaries[index])")
        }
        let key = entry.name
        if let base = baseline[key] {
            report("\(label) \(entry.name) growth (time / 1× time)", entry.run.seconds / base, "×")
        } else {
            baseline[key] = entry.run.seconds
        }
    }
}

/// The `detik_*` fields of every run's summary line in the workspace's log, in run order.
private func runSummaries(_ workspace: Workspace) -> [String] {
    let folder = workspace.reports.appendingPathComponent("log")
    let logs = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    var lines: [String] = []
    for log in logs {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(log), encoding: .utf8) else { continue }
        for line in text.split(separator: "\n") where line.contains("run selesai") {
            let fields = line.split(separator: " ")
            let seconds = fields.filter { $0.hasPrefix("detik_") }
                .map { $0.replacingOccurrences(of: "detik_", with: "") }.joined(separator: " ")
            // Peak RSS (MB) at the end of each stage (DIP_MEMORY_PROBE=1): where the peak is reached.
            let peaks = fields.filter { $0.hasPrefix("puncak_mb_") }
                .map { $0.replacingOccurrences(of: "puncak_mb_", with: "") }.joined(separator: " ")
            lines.append(peaks.isEmpty ? seconds : seconds + "; peak MB after: " + peaks)
        }
    }
    return lines
}

enum EndToEndBenchError: Error, CustomStringConvertible {
    case missing(String)
    var description: String {
        switch self { case .missing(let text): return text }
    }
}

/// Runs a child to completion: wall seconds, exit code, peak RSS (KB) and CPU seconds (user
/// + system) from wait4. On a shared machine the CPU seconds move less than the wall time.
func runChild(_ path: String, _ args: [String]) throws -> (seconds: Double, exitCode: Int32, maxRSSKB: Int, cpuSeconds: Double) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = env["SOURCE_DATE_EPOCH"] ?? "1767225600"
    env["DIP_MEMORY_PROBE"] = env["DIP_MEMORY_PROBE"] ?? "1"
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
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return (seconds, (status >> 8) & 0xff, usage.ru_maxrss, cpu)
}
