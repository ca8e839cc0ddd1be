import DIPCore
import Foundation
import XCTest

/// Session 19: system messages (POSIX, SQLite, libzip) stood as English clauses inside
/// Indonesian sentences ("Gagal menulis …: No space left on device"). The Indonesian
/// explanation comes first, the system's text after it in parentheses.
final class SystemErrorTextTests: XCTestCase {
    func testAFullDiskIsSaidFirstWithTheSystemTextKept() {
        let raw = "Write error: " + String(cString: strerror(ENOSPC))
        XCTAssertEqual(SystemErrorText.explained(raw),
                       "Disk penuh. Kosongkan ruang disk tempat workspace, lalu jalankan lagi (\(raw))")
        XCTAssertEqual(SystemErrorText.explanation(of: "database or disk is full"),
                       SystemErrorText.explanation(code: ENOSPC))
    }

    func testPermissionReadOnlyAndMissingAreTold() throws {
        let denied = try XCTUnwrap(SystemErrorText.explanation(of: String(cString: strerror(EACCES))))
        XCTAssertTrue(denied.hasPrefix("Izin ditolak."), denied)
        let readOnly = try XCTUnwrap(SystemErrorText.explanation(of: String(cString: strerror(EROFS))))
        XCTAssertTrue(readOnly.contains("hanya dapat dibaca"), readOnly)
        let missing = try XCTUnwrap(SystemErrorText.explanation(of: String(cString: strerror(ENOENT))))
        XCTAssertTrue(missing.hasPrefix("Berkas atau folder itu tidak ada"), missing)
        XCTAssertTrue(try XCTUnwrap(SystemErrorText.explanation(of: "attempt to write a readonly database")).hasPrefix("Register"))
    }

    func testAnUnknownMessageIsMarkedAsTheSystemsText() {
        XCTAssertNil(SystemErrorText.explanation(of: "frobnication failed"))
        XCTAssertEqual(SystemErrorText.explained("frobnication failed"), "(pesan sistem: frobnication failed)")
    }

    func testTheReasonOfAFoundationErrorIsItsErrnoText() {
        XCTAssertEqual(SystemErrorText.reason(of: POSIXError(.EACCES)), String(cString: strerror(EACCES)))
        let wrapped = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue,
                              userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        XCTAssertEqual(SystemErrorText.reason(of: wrapped), String(cString: strerror(ENOSPC)))
        // Created for real: a folder under a file.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("w19-\(getpid())-datei")
        FileManager.default.createFile(atPath: file.path, contents: Data())
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try FileManager.default.createDirectory(at: file.appendingPathComponent("x"), withIntermediateDirectories: true)
            XCTFail("created a folder under a file")
        } catch {
            XCTAssertNotNil(SystemErrorText.explanation(of: SystemErrorText.reason(of: error)),
                            "no explanation for \(SystemErrorText.reason(of: error)) (\(error))")
        }
    }
}
