import Foundation
import TestSupport
import XCTest

/// The IT officer's and the PPID's commands pointed at the wrong folder (a mistyped
/// `--workspace`, an archive share not mounted) or at a workspace whose register was lost:
/// they say so and exit 3, instead of answering from an empty register they just created.
final class WorkspaceCheckTests: XCTestCase {
    func dip(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let binary = Checkers.repoRoot.appendingPathComponent(".build/debug/dip")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw missingTool("the dip binary is not built (swift build)")
        }
        return try runProcess(binary, arguments)
    }

    func temporaryFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dip-wscheck-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    /// Every register command on a folder that does not exist: exit 3 naming the folder, and
    /// nothing created there (it made `archive/register.sqlite` and reported an empty register
    /// with exit 0).
    func testRegisterCommandsRefuseAFolderThatIsNotAWorkspace() throws {
        let missing = temporaryFolder()
        let commands: [[String]] = [
            ["status"], ["diff"], ["history", "dinkes-0001"], ["approvals"],
            ["return", "dinkes-0001", "--revision", "1", "--note", "Perbaiki", "--name", "PPID"],
            ["test", "dinkes-0001", "--revision", "1", "--conclusion", "terbuka", "--consequence", "a",
             "--public-interest", "b", "--period", "5 tahun", "--tester", "Tim"],
            ["approve", "--name", "PPID", "--nip", "197001011990031001", "--decree-number", "1/2026",
             "--decree-date", "2026-12-01", "--yes"],
        ]
        for command in commands {
            let result = try dip(command + ["--workspace", missing.path])
            XCTAssertEqual(result.status, 3, "\(command): \(result.output)")
            XCTAssertTrue(result.output.contains("bukan workspace dip"), "\(command): \(result.output)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path), "\(command) created \(missing.path)")
        }
    }

    /// A workspace whose register was lost while archive/ holds the originals of a run: `dip
    /// status` says "register hilang" (exit 3) as `dip run` does, and creates no empty register.
    func testStatusOfAWorkspaceWhoseRegisterWasLostAsksForTheBackup() throws {
        let workspace = temporaryFolder()
        XCTAssertEqual(try dip(["init", workspace.path]).status, 0)
        let inbox = workspace.appendingPathComponent("inbox/dinsos")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try Examples.file("dinsos", "DIP Dinsos 2026.xlsx"),
                                         to: inbox.appendingPathComponent("DIP Dinsos 2026.xlsx"))
        let run = try dip(["run", "--workspace", workspace.path, "--settle-seconds", "0", "--quiet"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertEqual(try dip(["status", "--workspace", workspace.path]).status, 0)
        let register = workspace.appendingPathComponent("archive/register.sqlite")
        try FileManager.default.removeItem(at: register)
        let status = try dip(["status", "--workspace", workspace.path])
        XCTAssertEqual(status.status, 3, status.output)
        XCTAssertTrue(status.output.contains("register hilang: pulihkan dari cadangan"), status.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: register.path))
        // A fresh workspace (nothing archived) still answers from a new, empty register.
        let fresh = temporaryFolder()
        XCTAssertEqual(try dip(["init", fresh.path]).status, 0)
        let empty = try dip(["status", "--workspace", fresh.path])
        XCTAssertEqual(empty.status, 0, empty.output)
        XCTAssertTrue(empty.output.contains("belum ada unit kerja yang mengirim daftar"), empty.output)
    }

    /// The weekly fixity check on a folder without archive/ (the share not mounted): it
    /// reported "0 paket utuh … 0 masalah" and exit 0, a check that passed on nothing.
    func testVerifyArchiveWithoutAnArchiveFolderFails() throws {
        let missing = temporaryFolder()
        let result = try dip(["verify-archive", "--workspace", missing.path])
        XCTAssertEqual(result.status, 3, result.output)
        XCTAssertTrue(result.output.contains("folder arsip \(missing.path)/archive tidak ada"), result.output)
        // A workspace just made has an (empty) archive/: nothing to check, nothing wrong.
        let fresh = temporaryFolder()
        XCTAssertEqual(try dip(["init", fresh.path]).status, 0)
        XCTAssertEqual(try dip(["verify-archive", "--workspace", fresh.path]).status, 0)
    }

    /// `dip init` makes `inbox/_ppid/`, where docs/panduan.md tells the PPID to drop the filled
    /// review workbook (a fresh workspace had no such folder to drop into); a run leaves it be.
    func testInitMakesThePPIDsDropFolder() throws {
        let workspace = temporaryFolder()
        let first = try dip(["init", workspace.path])
        XCTAssertEqual(first.status, 0, first.output)
        XCTAssertTrue(first.output.contains("dibuat: inbox/_ppid/"), first.output)
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("inbox/_ppid").path,
                                                     isDirectory: &isFolder) && isFolder.boolValue)
        XCTAssertFalse(try dip(["init", workspace.path]).output.contains("inbox/_ppid"), "made once")
        let run = try dip(["run", "--workspace", workspace.path, "--settle-seconds", "0", "--quiet"])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertFalse(FileManager.default.fileExists(
            atPath: workspace.appendingPathComponent("reports/folder-unit-belum-terdaftar.txt").path))
    }
}
