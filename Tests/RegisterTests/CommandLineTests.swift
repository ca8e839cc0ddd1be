import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Register

/// Runs the built `dip` binary on a workspace whose register the test fills through the
/// library: the commands' text, JSON and exit codes.
final class CommandLineTests: XCTestCase {
    private func dipBinary() throws -> URL {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("dip")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw missingTool("Binari dip belum dibangun (jalankan `swift build`).")
        }
        return url
    }

    private func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try dipBinary()
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = "1780300000"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                String(decoding: errData, as: UTF8.self))
    }

    func testTestApproveStatusHistoryAndStaleRefusal() throws {
        _ = try dipBinary()
        let workspace = FileManager.default.temporaryDirectory
            .appendingPathComponent("dip-ws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        do {
            let db = try AppDatabase.open(path: AppDatabase.path(workspace: workspace.path))
            var list = Fixture.baseList
            list.append(Fixture.classified(
                Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                suggested: .dikecualikan, test: true))
            try Fixture.submit(db, list, sha: "v1")
        }
        let ws = ["--workspace", workspace.path]

        let status = try run(["status", "--format", "json"] + ws)
        XCTAssertEqual(status.status, 0, status.err)
        let json = try JSONSerialization.jsonObject(with: Data(status.out.utf8)) as? [String: Any]
        let pending = json?["pendingTests"] as? [[String: Any]]
        XCTAssertEqual(pending?.first?["itemID"] as? String, "dinkes-0005")

        let stale = try run(["test", "dinkes-0005", "--revision", "2", "--conclusion",
                             "dikecualikan_seluruhnya", "--ground", "17h2", "--consequence", "x",
                             "--public-interest", "y", "--period", "permanen", "--tester", "Tim"]
                            + ws)
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.err.contains("revisi terkini adalah 1"), stale.err)

        let test = try run(["test", "dinkes-0005", "--revision", "1", "--conclusion",
                            "dikecualikan_seluruhnya", "--ground", "17h2", "--consequence",
                            "Rahasia pribadi pasien terbuka", "--public-interest",
                            "Tidak ada kepentingan publik yang lebih besar", "--period",
                            "permanen", "--tester", "Tim Uji Konsekuensi"] + ws)
        XCTAssertEqual(test.status, 0, test.err)
        XCTAssertTrue(test.out.contains("Dikecualikan seluruhnya"))

        do {
            let db = try AppDatabase.open(path: AppDatabase.path(workspace: workspace.path))
            XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        }
        let approve = try run(["approve", "--name", "Drs. Ahmad Fauzi", "--nip",
                               "197001011990031001", "--decree-number", "000.9/7/2026",
                               "--decree-date", "2026-06-01"] + ws)
        XCTAssertEqual(approve.status, 0, approve.err)
        XCTAssertTrue(approve.out.contains("Versi 1 disetujui"), approve.out)
        XCTAssertTrue(approve.out.contains("1 Juni 2026"), approve.out)

        let history = try run(["history", "dinkes-0005"] + ws)
        XCTAssertEqual(history.status, 0, history.err)
        XCTAssertTrue(history.out.contains("dikecualikan (masuk DIK)"), history.out)
        XCTAssertTrue(history.out.contains("Versi 1 (disetujui)"), history.out)

        let text = try run(["status"] + ws)
        XCTAssertTrue(text.out.contains("Disetujui, belum diterbitkan: versi 1"), text.out)

        let diff = try run(["diff", "--to", "1", "--format", "json"] + ws)
        XCTAssertEqual(diff.status, 0, diff.err)
        let diffJSON = try JSONSerialization.jsonObject(with: Data(diff.out.utf8)) as? [String: Any]
        XCTAssertEqual((diffJSON?["added"] as? [Any])?.count, 5)

        let missing = try run(["history", "dinkes-9999"] + ws)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("tidak ada di register"))
    }
}
