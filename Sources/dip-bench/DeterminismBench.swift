import Foundation
import OfficeFormats
import Pipeline
import Publish
import Rules

/// `dip-bench determinism` (`make determinism`): the guide's "same inputs, same rules, same
/// clock → byte-identical outputs", checked across processes. The whole SOP (cold run, a
/// revised list, an item returned, approval, held lists released and refused, the publishing
/// pass by `dip watch`, a warm run) runs on copies of one workspace in
/// separate `dip` processes (the cold run's review workbook filled in by the PPID and read by
/// the next run, which rebuilds the classifier with the PPID's decisions) that differ in
/// everything that must not matter:
/// - Swift's hash seed: one process with `SWIFT_DETERMINISTIC_HASHING=1` (a fixed seed, every
///   set and dictionary iterated in one order), the others without (a random seed per
///   process and per set instance), so an output that follows a set's or a dictionary's order
///   differs between them;
/// - the threads a run may use (`DIP_THREADS` 1 and 2);
/// - the machine's time zone and locale (`TZ`, `LC_ALL`).
/// Every file the cycles leave (register, review pack, decree drafts, feedback, website,
/// archive packages, originals) is compared byte for byte, and so are the operator's log
/// events (with their times and durations left out) and what `dip status`, `dip diff`,
/// `dip approvals`, `dip history` (as JSON), `dip verify-archive` and `dip check` (JSON, on every
/// original the units sent) print. Two corpora: the bundled examples (`examples/inbox`, from the
/// current folder) and a near-duplicate regency (`NearDuplicateInbox`: titles drawn from one
/// pool, so thousands of items are near one another and similarity sums, ties and orders
/// are exercised) with a few units listing the rule set's precedent titles (training bodies
/// only), whose printed similarities come from many distinct float sums, and a few whose lists
/// have malformed rows (`SyntheticInbox`). Prints what it compared and fails (exit 1) naming each file that differs;
/// the workspaces of a failed check are kept for a look.
/// DIP_DET_UNITS (default 30) × DIP_DET_ITEMS (default 100) sizes the near-duplicate regency,
/// DIP_DET_PRECEDENT_UNITS (default 6) its units of 1.5 × DIP_DET_ITEMS precedent titles,
/// DIP_DET_MALFORMED_UNITS (default 4) its units of DIP_DET_ITEMS rows, some malformed;
/// DIP_DET_CORPUS=contoh|near runs one corpus. Uses the `dip` binary beside dip-bench (debug
/// or release).
func runDeterminismBench() throws {
    let dip = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("dip")
    guard FileManager.default.isExecutableFile(atPath: dip.path) else {
        throw EndToEndBenchError.missing("dip binary not found at \(dip.path); build it: swift build --product dip")
    }
    let environment = ProcessInfo.processInfo.environment
    let corpora = environment["DIP_DET_CORPUS"].map { [$0] } ?? ["contoh", "near"]
    var failures: [String] = []
    for corpus in corpora {
        guard corpus == "contoh" || corpus == "near" else {
            throw EndToEndBenchError.missing("DIP_DET_CORPUS: contoh or near, not \(corpus)")
        }
        failures += try determinismCheck(dip: dip.path, corpus: corpus)
    }
    guard failures.isEmpty else {
        throw EndToEndBenchError.missing("outputs differ between processes:\n" + failures.joined(separator: "\n"))
    }
}

/// One process's setting: what it is called in the report and the environment it runs with.
private struct DeterminismSetting {
    var name: String
    var environment: [String: String]
}

/// Fixed seed on one thread; random seeds on two threads and on one, in other time zones
/// and locales. `C.UTF-8` is present on every Linux; another locale name that is not
/// installed still changes what `setlocale` is asked for.
private let determinismSettings = [
    DeterminismSetting(name: "hash tetap, 1 thread, UTC",
                       environment: ["SWIFT_DETERMINISTIC_HASHING": "1", "DIP_THREADS": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"]),
    DeterminismSetting(name: "hash acak, 2 thread, Asia/Jakarta",
                       environment: ["DIP_THREADS": "2", "TZ": "Asia/Jakarta", "LC_ALL": "id_ID.UTF-8"]),
    DeterminismSetting(name: "hash acak, 1 thread, America/New_York",
                       environment: ["DIP_THREADS": "1", "TZ": "America/New_York", "LC_ALL": "en_US.UTF-8"]),
]

/// The review workbook the cold run wrote, filled in as the PPID would, saved into
/// `inbox/_ppid/` (`FilledReviewWorkbook`, shared with the crash harness).
private func fillReviewWorkbook(_ root: URL) throws {
    try FilledReviewWorkbook.drop(into: Workspace(root: root))
}

/// The cycle in every setting on copies of one prepared workspace; the differences found.
private func determinismCheck(dip: String, corpus: String) throws -> [String] {
    let environment = ProcessInfo.processInfo.environment
    let fm = FileManager.default
    let base = fm.temporaryDirectory.appendingPathComponent("dip-bench-det-\(corpus)-\(getpid())")
    try? fm.removeItem(at: base)
    try fm.createDirectory(at: base, withIntermediateDirectories: true)
    var keep = environment["DIP_DET_KEEP"] == "1"
    defer { if !keep { try? fm.removeItem(at: base) } }

    // The workspace every setting starts from, and the revised lists dropped after the cold run.
    let template = base.appendingPathComponent("template")
    let update = base.appendingPathComponent("update")
    try fm.createDirectory(at: update, withIntermediateDirectories: true)
    let initialised = try determinismChild(dip, ["init", template.path], environment: [:])
    guard initialised.exitCode == 0 else { throw EndToEndBenchError.missing("dip init: \(initialised.stderr)") }
    let workspace = Workspace(root: template)
    var items = 0
    // Units whose revised list would withdraw most of their items: held for the PPID, then one
    // released and one refused (`dip release`).
    var held: [String] = []
    if corpus == "contoh" {
        let examples = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("examples/inbox")
        guard let units = try? fm.contentsOfDirectory(atPath: examples.path) else {
            throw EndToEndBenchError.missing("examples/inbox not found in \(fm.currentDirectoryPath): run from the repository")
        }
        for unit in units.sorted() {
            try fm.copyItem(at: examples.appendingPathComponent(unit), to: workspace.inbox.appendingPathComponent(unit))
        }
    } else {
        let units = Int(environment["DIP_DET_UNITS"] ?? "") ?? 30
        let perUnit = Int(environment["DIP_DET_ITEMS"] ?? "") ?? 100
        items = units * perUnit
        let codes = (1...units).map { String(format: "unit-%03d", $0) }
        // Units whose lists are titles of the rule set's own precedents: each item then has
        // several near precedents, and the similarities printed with them ("kemiripan 77 %")
        // come from float sums over many distinct term sets. A sum whose order follows a set's
        // seed changes in its last bits, which the outputs show only where a printed figure sits
        // on a rounding edge (how CI met the precedent index's term ids; docs/benchmarks.md).
        // Training bodies only: none held out, none of the fresh set.
        let titleUnits = Int(environment["DIP_DET_PRECEDENT_UNITS"] ?? "") ?? 6
        let precedentCodes = (0..<titleUnits).map { String(format: "unit-%03d", units + 1 + $0) }
        let ruleSet = try RuleSet.load(directory: workspace.rules)
        let fresh = Evaluator.freshSets.last?.bodies ?? []
        let titles = ruleSet.precedents.filter { !Evaluator.isHeldOut(body: $0.body) && !fresh.contains($0.body) }
            .map(\.title)
        let perTitleUnit = perUnit + perUnit / 2
        let step = max(1, titles.count / max(1, titleUnits * perTitleUnit))
        var precedentLists: [[String]] = []
        for (n, _) in precedentCodes.enumerated() {
            var seen = Set<String>()
            precedentLists.append(stride(from: n, to: titles.count, by: step * titleUnits).map { titles[$0] }
                .filter { seen.insert($0).inserted }.prefix(perTitleUnit).map { $0 })
        }
        items += precedentLists.reduce(0) { $0 + $1.count }
        // Units whose lists have a row without its summary and with an unknown category every
        // 25 rows (`SyntheticInbox`): the feedback's problem lists, their summaries and codes.
        let malformedUnits = Int(environment["DIP_DET_MALFORMED_UNITS"] ?? "") ?? 4
        let malformedCodes = (0..<malformedUnits).map { String(format: "unit-%03d", units + titleUnits + 1 + $0) }
        items += malformedUnits * perUnit
        let unitFile = workspace.rules.appendingPathComponent("unit.yaml")
        var yaml = try String(contentsOf: unitFile, encoding: .utf8)
        for code in codes + precedentCodes + malformedCodes {
            yaml += "  - kode: \(code)\n    nama: Unit Kerja \(code)\n    kepala: Kepala \(code)\n    ppid_pelaksana: Sekretaris \(code)\n"
        }
        try yaml.write(to: unitFile, atomically: true, encoding: .utf8)
        _ = try NearDuplicateInbox.write(into: workspace.inbox, units: codes, itemsPerUnit: perUnit, seed: 20)
        _ = try NearDuplicateInbox.write(into: update, units: NearDuplicateInbox.updatingUnits(codes),
                                         itemsPerUnit: perUnit, seed: 20, round: 1)
        for (code, list) in zip(precedentCodes, precedentLists) {
            _ = try NearDuplicateInbox.write(list, into: workspace.inbox, unit: code, seed: 20)
        }
        // A fifth of the list kept: the rest would be withdrawn, so the list is held.
        for (code, list) in zip(precedentCodes, precedentLists).prefix(2) where list.count >= 20 {
            _ = try NearDuplicateInbox.write(Array(list.prefix(list.count / 5)), into: update, unit: code, seed: 20, round: 1)
            held.append(code)
        }
        if !malformedCodes.isEmpty {
            _ = try SyntheticInbox.write(into: workspace.inbox, units: malformedCodes, itemsPerUnit: perUnit, seed: 20)
        }
    }

    var results: [(setting: DeterminismSetting, root: URL, files: [String: Data])] = []
    for (index, setting) in determinismSettings.enumerated() {
        let root = base.appendingPathComponent("s\(index)")
        try fm.copyItem(at: template, to: root)
        let started = DispatchTime.now().uptimeNanoseconds
        let printed = try determinismCycle(dip: dip, root: root, update: update, held: held, setting: setting)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        report("determinism \(corpus) cycle (\(setting.name))", seconds, "s")
        var files = try determinismFiles(root)
        for (name, text) in printed { files["<stdout> " + name] = Data(text.utf8) }
        files["<log events>"] = Data(try determinismLogEvents(root).joined(separator: "\n").utf8)
        results.append((setting, root, files))
    }

    var failures: [String] = []
    var differing = Set<String>()
    let reference = results[0]
    for other in results.dropFirst() {
        for path in Set(reference.files.keys).union(other.files.keys).sorted() {
            let a = reference.files[path], b = other.files[path]
            if a != b { differing.insert(path) }
            guard let a else { failures.append("\(corpus): \(path) only with \(other.setting.name)"); continue }
            guard let b else { failures.append("\(corpus): \(path) missing with \(other.setting.name)"); continue }
            if a != b {
                let at = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
                failures.append("\(corpus): \(path) differs between \(reference.setting.name) and \(other.setting.name) "
                    + "(\(a.count) and \(b.count) bytes, first difference at byte \(at))")
            }
        }
    }
    let bytes = reference.files.values.reduce(0) { $0 + $1.count }
    let label = corpus == "contoh" ? "examples/inbox" : "near-duplicate regency, \(items) items"
    report("determinism \(corpus) (\(label)) files compared", Double(reference.files.count), "files")
    report("determinism \(corpus) bytes compared per setting", Double(bytes) / 1_048_576, "MB")
    report("determinism \(corpus) files differing", Double(differing.count), "files")
    if !failures.isEmpty {
        keep = true
        print("  workspaces kept: \(base.path)")
    }
    return failures
}

/// Cold run; the PPID's review workbook, an item returned to its unit (`dip return`) and the
/// revised lists (if any); the update run; approval; the held lists released or refused; the
/// publishing pass (by `dip watch`, stopped by SIGTERM once it has logged its summary), which
/// also drafts the released list; a warm run; then what the register prints. The same clock
/// in every setting (SOURCE_DATE_EPOCH).
private func determinismCycle(dip: String, root: URL, update: URL, held: [String],
                              setting: DeterminismSetting) throws -> [(String, String)] {
    let fm = FileManager.default
    let run = ["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"]
    func step(_ args: [String], epoch: String, allowed: Set<Int32>) throws {
        let result = try determinismChild(dip, args, environment: setting.environment.merging(["SOURCE_DATE_EPOCH": epoch]) { $1 })
        guard allowed.contains(result.exitCode) else {
            throw EndToEndBenchError.missing("dip \(args[0]) (\(setting.name)) exited \(result.exitCode): \(result.stderr)")
        }
    }
    try step(run, epoch: "1767225600", allowed: [0, 2])
    // The PPID's review: its decisions become precedents, and the classifier is rebuilt with them.
    try fillReviewWorkbook(root)
    // One item of the cold run's draft sent back to its unit: the middle one it adds.
    let draft = try determinismChild(dip, ["diff", "--workspace", root.path, "--format", "json"],
                                     environment: setting.environment.merging(["SOURCE_DATE_EPOCH": "1767225600"]) { $1 })
    let added = (try? JSONSerialization.jsonObject(with: Data(draft.stdout.utf8)) as? [String: Any])?["added"] as? [[String: Any]] ?? []
    guard !added.isEmpty, let id = added[added.count / 2]["itemID"] as? String,
          let revision = added[added.count / 2]["revision"] as? Int else {
        throw EndToEndBenchError.missing("dip diff (\(setting.name)) listed no added item: \(draft.stderr)")
    }
    try step(["return", id, "--workspace", root.path, "--revision", "\(revision)", "--name", "Drs. H. Ahmad Fauzi",
              "--note", "Lengkapi tempat pembuatan informasi ini."], epoch: "1767225900", allowed: [0])
    let revised = (try? fm.contentsOfDirectory(atPath: update.path)) ?? []
    if !revised.isEmpty {
        for unit in revised.sorted() {
            let from = update.appendingPathComponent(unit)
            for name in try fm.contentsOfDirectory(atPath: from.path).sorted() {
                try fm.copyItem(at: from.appendingPathComponent(name),
                                to: root.appendingPathComponent("inbox").appendingPathComponent(unit).appendingPathComponent(name))
            }
        }
    }
    try step(run, epoch: "1767226200", allowed: [0, 2])
    try step(["approve", "--workspace", root.path, "--name", "Drs. H. Ahmad Fauzi", "--nip", "197001011995031002",
              "--decree-number", "000.9/12/PPID/2026", "--decree-date", "2026-01-01", "--force-unreviewed"],
             epoch: "1767229200", allowed: [0])
    // The PPID's answers to the held lists, after the approval (they change the next draft, not
    // the approved one): the first applied, the second refused.
    for (n, unit) in held.enumerated() {
        try step(["release", unit, "--workspace", root.path, "--name", "Drs. H. Ahmad Fauzi", "--nip", "197001011995031002",
                  "--note", "Sudah dikonfirmasi dengan unit"] + (n % 2 == 1 ? ["--refuse"] : []),
                 epoch: "1767230000", allowed: [0])
    }
    // The publishing pass, by `dip watch`; it also drafts the released list.
    try watchPass(dip: dip, root: root, environment: setting.environment.merging(["SOURCE_DATE_EPOCH": "1767232800"]) { $1 })
    try step(run, epoch: "1767232800", allowed: [0, 2])
    // What the register prints, the workspace's path taken out.
    var printed: [(String, String)] = []
    func capture(_ args: [String], workspace: Bool = true) throws -> String {
        let result = try determinismChild(dip, workspace ? [args[0], "--workspace", root.path] + args.dropFirst() : args,
                                          environment: setting.environment.merging(["SOURCE_DATE_EPOCH": "1767232800"]) { $1 })
        // Log lines on stderr (`ts=…`) less their time, like the log's.
        let stderr = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("ts=") ? timelessLogLine(String(line), root: root) : String(line)
        }.joined(separator: "\n")
        let text = "exit \(result.exitCode)\n" + (result.stdout + stderr).replacingOccurrences(of: root.path, with: "<ruang kerja>")
        printed.append((args.map { $0.replacingOccurrences(of: root.path, with: "<ruang kerja>") }.joined(separator: " "), text))
        return text
    }
    for args in [["status", "--format", "json"], ["diff", "--format", "json"], ["diff", "--from", "1", "--format", "json"],
                 ["approvals", "--format", "json"], ["verify-archive"]] {
        _ = try capture(args)
    }
    // The history of the first, middle and last item of the published version.
    let published = try capture(["diff", "--to", "1", "--format", "json"])
    let ids = published.split(separator: "\n").filter { $0.contains("\"itemID\"") }
        .compactMap { $0.split(separator: "\"").dropFirst(3).first.map(String.init) }
    for id in Set([ids.first, ids.isEmpty ? nil : ids[ids.count / 2], ids.last].compactMap { $0 }).sorted() {
        _ = try capture(["history", id, "--format", "json"])
    }
    // `dip check` (JSON) on every file the units sent, as kept in the archive of originals.
    let originals = root.appendingPathComponent("archive/originals")
    let sent = ((try? FileManager.default.contentsOfDirectory(atPath: originals.path)) ?? [])
        .filter { !$0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { originals.appendingPathComponent($0).path }
    if !sent.isEmpty { _ = try capture(["check"] + sent + ["--format", "json"], workspace: false) }
    return printed
}

/// One pass of `dip watch` (it publishes the approved version): started, stopped with SIGTERM
/// once the log holds its `run selesai` line, which must exit 0.
private func watchPass(dip: String, root: URL, environment: [String: String]) throws {
    let folder = root.appendingPathComponent("reports/log")
    func summaries() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.reduce(0) { count, name in
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            return count + text.components(separatedBy: "event=\"run selesai\"").count - 1
        }
    }
    let before = summaries()
    let child = try determinismSpawn(dip, ["watch", "--workspace", root.path, "--settle-seconds", "0",
                                           "--poll-seconds", "600", "--quiet"], environment: environment)
    let deadline = Date().addingTimeInterval(600)
    var status: Int32 = 0
    var exited = false
    while summaries() == before && Date() < deadline {
        if waitpid(child.pid, &status, WNOHANG) == child.pid { exited = true; break }
        usleep(100_000)
    }
    if !exited {
        kill(child.pid, SIGTERM)
        while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
    }
    let result = child.finish(status)
    guard summaries() > before, result.exitCode == 0 else {
        throw EndToEndBenchError.missing("dip watch exited \(result.exitCode) (\(exited ? "by itself" : "after SIGTERM")): \(result.stderr)")
    }
}

/// Every regular file under `root` but the operator's log and the kept inbox files' `lstat`
/// records (`FinishedInboxFiles.Fingerprint`: inode numbers and times of this file system,
/// written only once a file's ctime is 2 s old), by relative path.
private func determinismFiles(_ root: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let paths = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
    for path in paths where !path.hasPrefix("reports/log/")
        && !FinishedInboxFiles.isLstatRecord(relativePath: path) {
        let url = root.appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
        out[path] = try Data(contentsOf: url)
    }
    return out
}

/// The operator's log lines in order without what records real time: the timestamp and
/// every duration or memory figure (`detik*`, `*_ms`, `puncak_mb*`, `rss*`), and without
/// `bersamaan` (which document was made beside which on a second thread: there by design).
private func determinismLogEvents(_ root: URL) throws -> [String] {
    let folder = root.appendingPathComponent("reports/log")
    var lines: [String] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        lines += text.split(separator: "\n").map { timelessLogLine(String($0), root: root) }
    }
    return lines
}

/// One logfmt line less its time-bound fields (see `determinismLogEvents`).
private func timelessLogLine(_ line: String, root: URL) -> String {
    let kept = logfmtFields(line).filter { field in
        let key = field.prefix { $0 != "=" }
        // `putaran`: how many passes `dip watch` made before SIGTERM reached it (timing).
        return key != "ts" && !key.hasPrefix("detik") && !key.hasSuffix("_ms") && !key.hasPrefix("puncak_mb")
            && !key.hasPrefix("rss") && key != "bersamaan" && key != "putaran"
    }
    return kept.joined(separator: " ").replacingOccurrences(of: root.path, with: "<ruang kerja>")
}

/// A logfmt line's `key=value` fields, quoted values kept whole.
private func logfmtFields(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var escaped = false
    for c in line {
        if escaped { escaped = false; current.append(c); continue }
        if c == "\\" && quoted { escaped = true; current.append(c); continue }
        if c == "\"" { quoted.toggle() }
        if c == " " && !quoted {
            if !current.isEmpty { fields.append(current) }
            current = ""
        } else {
            current.append(c)
        }
    }
    if !current.isEmpty { fields.append(current) }
    return fields
}

/// Runs `dip args…` with this process's environment less the settings a run varies on
/// (hash seed, threads, time zone, locale), plus `environment` and a fixed review-workbook key.
private func determinismChild(_ path: String, _ args: [String], environment: [String: String]) throws
    -> (exitCode: Int32, stdout: String, stderr: String)
{
    let child = try determinismSpawn(path, args, environment: environment)
    var status: Int32 = 0
    while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
    return child.finish(status)
}

/// A started `dip` child: its pid, and what it printed once it has exited.
private struct DeterminismChildProcess {
    var pid: pid_t
    var out: URL
    var err: URL

    /// The exit code (-1 for a signal), stdout and stderr of the child that exited with `status`.
    func finish(_ status: Int32) -> (exitCode: Int32, stdout: String, stderr: String) {
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : -1, stdout, stderr)
    }
}

/// Starts `dip args…` as `determinismChild` runs it, without waiting.
private func determinismSpawn(_ path: String, _ args: [String], environment: [String: String]) throws -> DeterminismChildProcess {
    let fm = FileManager.default
    let out = fm.temporaryDirectory.appendingPathComponent("dip-bench-det-out-\(UUID().uuidString)")
    let err = fm.temporaryDirectory.appendingPathComponent("dip-bench-det-err-\(UUID().uuidString)")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var env = ProcessInfo.processInfo.environment
    for varied in ["SWIFT_DETERMINISTIC_HASHING", "DIP_THREADS", "TZ", "LC_ALL", "LANG", "DIP_MEMORY_PROBE"] {
        env[varied] = nil
    }
    // The review workbook's secret is random per register; fixed so the register compares.
    env["DIP_REVIEW_KEY"] = "determinism-bench-key"
    env["SOURCE_DATE_EPOCH"] = env["SOURCE_DATE_EPOCH"] ?? "1767225600"
    for (key, value) in environment { env[key] = value }
    let argv = ([path] + args).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, argv, envp)
    guard rc == 0 else {
        try? fm.removeItem(at: out)
        try? fm.removeItem(at: err)
        throw EndToEndBenchError.missing("posix_spawn \(path) failed: \(rc)")
    }
    return DeterminismChildProcess(pid: pid, out: out, err: err)
}
