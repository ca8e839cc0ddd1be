import Foundation
import TestSupport
import XCTest

/// kiriman-ditahan.txt prints `dip release <code> --name "Nama PPID"` for the PPID to complete;
/// copied as written it recorded "Nama PPID" in the register as the official who released a
/// held list. The placeholder is refused as a name.
final class ReleaseCommandTests: XCTestCase {
    func testThePlaceholderNameIsRefused() throws {
        let binary = Checkers.repoRoot.appendingPathComponent(".build/debug/dip")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw missingTool("the dip binary is not built (swift build)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dip-release-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["Nama PPID", " nama ppid "] {
            let result = try runProcess(binary, ["release", "dinsos", "--name", name, "--workspace", folder.path])
            XCTAssertNotEqual(result.status, 0, result.output)
            XCTAssertTrue(result.output.contains("--name masih berisi contoh \"Nama PPID\": ganti dengan nama PPID"),
                          result.output)
        }
        // A real name gets past the check (and is then told the folder is not a workspace).
        let real = try runProcess(binary, ["release", "dinsos", "--name", "Siti Aminah", "--workspace", folder.path])
        XCTAssertEqual(real.status, 3, real.output)
        XCTAssertFalse(real.output.contains("masih berisi contoh"), real.output)
    }
}
