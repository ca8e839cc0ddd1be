import Foundation
import XCTest

/// Temporary directories for tests, all under one root per test process
/// (`$TMPDIR/dip-tests-<pid>/`) that is removed when the test bundle finishes, so repeated
/// test runs do not fill /tmp (several hundred workspaces a day before this).
public enum Scratch {
    private final class Cleaner: NSObject, XCTestObservation {
        func testBundleDidFinish(_ testBundle: Bundle) {
            try? FileManager.default.removeItem(at: Scratch.root)
        }
    }

    static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dip-tests-\(getpid())")
        XCTestObservationCenter.shared.addTestObserver(Cleaner())
        return url
    }()

    /// A fresh, empty directory named `<prefix>-<uuid>`.
    public static func directory(_ prefix: String) throws -> URL {
        let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
