import DIPCore
import Foundation
import OfficeFormats
import XCTest
@testable import Pipeline

/// Session 19: a failed write said "Gagal menulis …/index.html: No space left on device" (the
/// system's English as the sentence's end) and a writer's error only in English ("cannot write
/// zip archive: Write error: No space left on device"). Now the Indonesian explanation first.
final class FailureTextTests: XCTestCase {
    func testAFailedWriteSaysWhatHappenedAndWhatToDoFirst() {
        let enospc = String(cString: strerror(ENOSPC))
        let error = WorkspaceError.io(operation: "menulis", path: "/srv/dip/reports/situs/index.html", reason: enospc)
        XCTAssertEqual(error.description, "Gagal menulis /srv/dip/reports/situs/index.html. Disk penuh. Kosongkan ruang disk "
            + "tempat workspace, lalu jalankan lagi (\(enospc)).")
        // Not explained twice when passed on.
        XCTAssertEqual(FailureText.describe(error), error.description)
        let unknown = WorkspaceError.io(operation: "menulis", path: "/x", reason: "weird")
        XCTAssertEqual(unknown.description, "Gagal menulis /x. (pesan sistem: weird).")
    }

    func testAWritersEnglishErrorIsExplained() {
        let raw = "Write error: " + String(cString: strerror(ENOSPC))
        let text = FailureText.describe(ZipWriterError.cannotClose(reason: raw))
        XCTAssertTrue(text.hasPrefix("Disk penuh. Kosongkan ruang disk"), text)
        XCTAssertTrue(text.hasSuffix("(\(ZipWriterError.cannotClose(reason: raw)))"), text)
        // An error without a known system cause is left as it says itself.
        XCTAssertEqual(FailureText.describe(WorkspaceError.locked(lockFile: "/x/.dip.lock")),
                       WorkspaceError.locked(lockFile: "/x/.dip.lock").description)
    }

    func testARealPermissionFailureIsExplained() throws {
        // A folder wanted where a file stands (works as root too, unlike permissions).
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("w19-failure-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("unit")
        FileManager.default.createFile(atPath: file.path, contents: Data())
        XCTAssertThrowsError(try DurableFiles.write(Data("x".utf8), to: file.appendingPathComponent("a.txt"))) { error in
            let text = FailureText.describe(error)
            XCTAssertTrue(text.hasPrefix("Gagal "), text)
            XCTAssertFalse(text.contains("(pesan sistem:"), "no Indonesian explanation: \(text)")
            XCTAssertFalse(text.contains("operation could not be completed"), text)
        }
    }
}
