import Foundation
import XCTest

/// Runs the project's own output checkers (scripts/checkers/check-*: LibreOffice, python-docx,
/// openpyxl, bagit-python, feedparser, Frictionless, the Nu Html Checker) on generated files.
/// `make checkers`, part of `make test`, installs what they need. Shared by every test target
/// that checks outputs with their real consumers.
public enum Checkers {
    public static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    public static let directory = repoRoot.appendingPathComponent("scripts/checkers")

    /// The checkers' Python venv, where scripts/checkers/setup.sh puts it: $DIP_CHECKERS_VENV,
    /// else ${XDG_CACHE_HOME:-~/.cache}/dip/checkers-venv.
    public static var venv: String {
        let env = ProcessInfo.processInfo.environment
        return env["DIP_CHECKERS_VENV"] ?? ((env["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")) + "/dip/checkers-venv")
    }

    /// The venv's Python (it has openpyxl and python-docx), or `missingTool`.
    public static func python() throws -> String {
        let python = venv + "/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw missingTool("no checkers venv at \(venv) (make checkers installs it; make test runs it)")
        }
        return python
    }

    /// The checker `name`. A checker missing from the checkout is a failure; a venv not yet
    /// installed is `missingTool` (a failure under `make test`, a skip saying why otherwise).
    public static func require(_ name: String) throws -> URL {
        let tool = directory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            throw MissingFixture(description: "checker \(tool.path) is not in the checkout")
        }
        guard FileManager.default.isExecutableFile(atPath: venv + "/bin/python") else {
            let why = "checkers venv \(venv) missing (make checkers installs it; make test runs it)"
            print("SKIP: \(why)")
            throw missingTool(why)
        }
        return tool
    }

    /// Runs a checker; returns its exit status and combined output.
    public static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let tool = try require(name)
        let (status, output) = try runProcess(tool, arguments)
        print("\(name) \(arguments.joined(separator: " ")):\n\(output)")
        return (status, output)
    }

    /// Runs a Python script with the checkers' venv (openpyxl, python-docx: the way a reviewer's
    /// program edits a file) and fails the calling test with the script's output if it exits non-zero.
    public static func runPython(_ script: String, _ arguments: [String],
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let (status, output) = try runProcess(URL(fileURLWithPath: try python()), ["-c", script] + arguments)
        XCTAssertEqual(status, 0, output, file: file, line: line)
    }

    /// Writes bytes to a fresh temporary file with the given name.
    public static func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = try Scratch.directory("dip-writers").appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }
}

/// Runs a program to completion; returns its exit status and its stdout and stderr together.
public func runProcess(_ tool: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = tool
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}
