import Foundation
import TestSupport
import XCTest
@testable import Pipeline

/// Runs the real `dip` binary as a child process (posix_spawn + wait4, so the child's
/// peak RSS is known), for the crash harness and the run-level tests.
struct DipProcess {
    struct Result {
        var exitCode: Int32?
        var signal: Int32?
        var stdout: String
        var stderr: String
        /// Peak resident set of the child, in kilobytes (ru_maxrss).
        var maxRSSKB: Int
    }

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The debug `dip` binary beside the test bundle, or under .build/debug.
    static var binary: String? {
        var candidates: [String] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(argv0.appendingPathComponent("dip").path)
        if let exec = Bundle.main.executableURL {
            candidates.append(exec.deletingLastPathComponent().appendingPathComponent("dip").path)
        }
        candidates.append(repoRoot.appendingPathComponent(".build/debug/dip").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The binary, or an XCTSkip naming how to build it.
    static func requireBinary() throws -> String {
        guard let binary else {
            throw missingTool("dip binary not built: run `swift build --build-tests` (make test does) before these tests")
        }
        return binary
    }

    let pid: pid_t
    let out: URL
    let err: URL

    /// Starts `dip args…` with stdout/stderr to temporary files, in this process's environment
    /// less the variables named in `removing`, plus `environment`.
    static func start(_ args: [String], environment: [String: String] = [:], removing: [String] = []) throws -> DipProcess {
        let binary = try requireBinary()
        let tmp = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        let out = tmp.appendingPathComponent("dip-out-\(id)")
        let err = tmp.appendingPathComponent("dip-err-\(id)")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var env = ProcessInfo.processInfo.environment
        for name in removing { env[name] = nil }
        env["SOURCE_DATE_EPOCH"] = env["SOURCE_DATE_EPOCH"] ?? "1767225600"
        for (k, v) in environment { env[k] = v }
        let argv = ([binary] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard rc == 0 else { throw NSError(domain: "posix_spawn", code: Int(rc)) }
        return DipProcess(pid: pid, out: out, err: err)
    }

    /// Waits for the child and collects its output.
    func wait() -> Result {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        let exited = (status & 0x7f) == 0
        return Result(exitCode: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f,
                      stdout: stdout, stderr: stderr, maxRSSKB: usage.ru_maxrss)
    }

    /// Runs `dip args…` to completion.
    static func run(_ args: [String], environment: [String: String] = [:], removing: [String] = []) throws -> Result {
        try start(args, environment: environment, removing: removing).wait()
    }
}
