import DIPCore
import Foundation
import Pipeline
import Publish
import TestSupport
import XCTest

/// Runs the built `dip` binary: `dip verify-archive` on a workspace with an intact and a
/// damaged package.
final class VerifyArchiveCommandTests: XCTestCase {
    /// The products folder: the .xctest bundle's folder (macOS) or the bundle URL itself (Linux).
    var dipBinary: URL {
        let bundle = Bundle(for: VerifyArchiveCommandTests.self).bundleURL
        let products = bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
        return products.appendingPathComponent("dip")
    }

    func run(_ args: [String]) throws -> (status: Int32, output: String) {
        try runProcess(dipBinary, args)
    }

    func version(_ n: Int) -> DIPVersion {
        DIPVersion(number: n, status: .published, createdAt: Date(timeIntervalSince1970: 0),
                   decreeNumber: "480/\(n)", decreeDate: nil, approvedBy: nil, approvedAt: nil,
                   items: [], exempted: [], previousDecreeNumber: nil, previousDecreeDate: nil)
    }

    func testVerifyArchiveNamesTheDamagedFileAndFails() throws {
        guard FileManager.default.isExecutableFile(atPath: dipBinary.path) else {
            throw missingTool("dip binary not built at \(dipBinary.path)")
        }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("dip-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        // Where `dip run` puts them (the command once looked in another folder and found none).
        let packages = Workspace(root: workspace).packages
        let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
        let payload: [ArchivePayload] = [
            .bytes("website/index.html", Data(String(repeating: "<p>Daftar Informasi Publik</p>\n", count: 200).utf8)),
            .bytes("register/dip.csv", Data("id\r\na-1\r\n".utf8)),
        ]
        try ArchivePackager().package(version: version(1), payload: payload, clock: clock, into: packages)
        let second = try ArchivePackager().package(version: version(2), payload: payload, clock: clock, into: packages)

        var ok = try run(["verify-archive", "--workspace", workspace.path])
        XCTAssertEqual(ok.status, 0, ok.output)
        XCTAssertTrue(ok.output.contains("UTUH   dip-v0001.zip"), ok.output)
        XCTAssertTrue(ok.output.contains("Hasil: 2 paket utuh, 0 paket rusak, 0 paket hilang."), ok.output)

        // Flip one byte inside the stored data of data/website/index.html.
        var bytes = [UInt8](try Data(contentsOf: second.url))
        let name = Array("dip-v0002/data/website/index.html".utf8)
        let header: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        let start = try XCTUnwrap((0..<(bytes.count - 30)).first { i in
            Array(bytes[i..<(i + 4)]) == header && Array(bytes[(i + 30)..<min(i + 30 + name.count, bytes.count)]) == name
        })
        let nameLength = Int(bytes[start + 26]) | Int(bytes[start + 27]) << 8
        let extraLength = Int(bytes[start + 28]) | Int(bytes[start + 29]) << 8
        let compressed = Int(bytes[start + 18]) | Int(bytes[start + 19]) << 8
        bytes[start + 30 + nameLength + extraLength + compressed / 2] ^= 0xFF
        try Data(bytes).write(to: second.url)

        let bad = try run(["verify-archive", "--workspace", workspace.path])
        XCTAssertEqual(bad.status, 1, bad.output)
        XCTAssertTrue(bad.output.contains("UTUH   dip-v0001.zip"), bad.output)
        XCTAssertTrue(bad.output.contains("RUSAK  dip-v0002.zip"), bad.output)
        XCTAssertTrue(bad.output.contains("  - data/website/index.html: "), bad.output)
        XCTAssertTrue(bad.output.contains("Hasil: 1 paket utuh, 1 paket rusak, 0 paket hilang."), bad.output)

        // An archive/ without packages: nothing to check, nothing wrong (no archive/ at all is
        // a wrong folder: WorkspaceCheckTests).
        let empty = workspace.appendingPathComponent("kosong")
        try FileManager.default.createDirectory(at: empty.appendingPathComponent("archive"), withIntermediateDirectories: true)
        ok = try run(["verify-archive", "--workspace", empty.path])
        XCTAssertEqual(ok.status, 0)
        XCTAssertTrue(ok.output.hasPrefix("Tidak ada paket arsip di "), ok.output)
    }

    /// A real workspace after a published cycle: intact, then a package gone and an original
    /// changed on disk are both found, and the command fails.
    func testVerifyArchiveFindsAMissingPackageAndAChangedOriginal() throws {
        guard FileManager.default.isExecutableFile(atPath: dipBinary.path) else {
            throw missingTool("dip binary not built at \(dipBinary.path)")
        }
        let root = try Scratch.directory("dip-verify")
        let ws = Workspace(root: root)
        XCTAssertEqual(try run(["init", root.path]).status, 0)
        let examples = Checkers.repoRoot.appendingPathComponent("examples/inbox")
        for unit in try FileManager.default.contentsOfDirectory(atPath: examples.path) {
            try FileManager.default.copyItem(at: examples.appendingPathComponent(unit), to: ws.inbox.appendingPathComponent(unit))
        }
        let runArgs = ["run", "--workspace", root.path, "--settle-seconds", "0", "--quiet"]
        _ = try run(runArgs)
        let approve = try run(["approve", "--workspace", root.path, "--name", "Drs. H. Ahmad", "--nip", "197001011995031002",
                               "--decree-number", "1/\(Clock.wibCalendar.component(.year, from: Date()))",
                               "--decree-date", Clock(now: Date()).isoDate(), "--force"])
        XCTAssertEqual(approve.status, 0, approve.output)
        _ = try run(runArgs)
        var result = try run(["verify-archive", "--workspace", root.path])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("UTUH   dip-v0001.zip"), result.output)
        XCTAssertTrue(result.output.contains("Hasil: 1 paket utuh, 0 paket rusak, 0 paket hilang."), result.output)
        XCTAssertTrue(result.output.contains("0 masalah"), result.output)
        // A dated line on stderr and in the workspace's log says when the check ran and how it ended.
        XCTAssertTrue(result.output.contains("level=info event=\"pemeriksaan arsip selesai\""), result.output)
        XCTAssertTrue(result.output.contains("paket_utuh=1") && result.output.contains("kode_keluar=0"), result.output)
        func logText() throws -> String {
            let folder = ws.reports.appendingPathComponent("log")
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined()
        }
        XCTAssertTrue(try logText().contains("event=\"pemeriksaan arsip selesai\""))

        try FileManager.default.removeItem(at: ws.packages.appendingPathComponent("dip-v0001.zip"))
        let original = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: ws.originals.path)
            .sorted().first { $0.hasSuffix(".csv") })
        let handle = try FileHandle(forWritingTo: ws.originals.appendingPathComponent(original))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("x".utf8))
        try handle.close()
        result = try run(["verify-archive", "--workspace", root.path])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("HILANG dip-v0001.zip"), result.output)
        XCTAssertTrue(result.output.contains("  - \(original): isi berkas berubah"), result.output)
        let failed = try logText().split(separator: "\n").last { $0.contains("pemeriksaan arsip") }.map(String.init) ?? ""
        XCTAssertTrue(failed.contains("level=error") && failed.contains("paket_hilang=1") && failed.contains("asli_masalah=1")
                      && failed.contains("kode_keluar=1"), failed)
    }
}
