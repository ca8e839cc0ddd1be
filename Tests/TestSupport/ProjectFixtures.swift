import Foundation
import XCTest

/// Test inputs that belong to the project itself, so a bare clone runs the whole suite:
/// the example inboxes (`examples/inbox`, what `make demo` runs) with the items each file must
/// yield (`examples/expected`), and the reader's feature workbooks made by
/// `scripts/make-xlsx-fixtures.py` (`Tests/Fixtures/xlsx`).
public enum Examples {
    public static let root = Checkers.repoRoot.appendingPathComponent("examples")
    public static let inbox = root.appendingPathComponent("inbox")
    public static let expected = root.appendingPathComponent("expected")

    /// `examples/inbox/<unit>/<name>`, failing with the path when it is missing.
    public static func file(_ unit: String, _ name: String) throws -> URL {
        try existing(inbox.appendingPathComponent(unit).appendingPathComponent(name))
    }

    /// Every file of every unit folder of the example inbox, sorted by unit then name.
    public static func inboxFiles() throws -> [URL] {
        var files: [URL] = []
        for unit in try FileManager.default.contentsOfDirectory(atPath: try existing(inbox).path).sorted() {
            let dir = inbox.appendingPathComponent(unit)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
                files.append(dir.appendingPathComponent(name))
            }
        }
        return files
    }
}

/// The workbooks `scripts/make-xlsx-fixtures.py` writes, one per reader feature, each with an
/// `<name>.expected.json` written by the same script (see Tests/Fixtures/xlsx/README.md).
public enum FeatureWorkbooks {
    public static let directory = Checkers.repoRoot.appendingPathComponent("Tests/Fixtures/xlsx")
    public static let generator = Checkers.repoRoot.appendingPathComponent("scripts/make-xlsx-fixtures.py")

    /// `Tests/Fixtures/xlsx/<name>`, failing with the path when it is missing.
    public static func path(_ name: String) throws -> String {
        try existing(directory.appendingPathComponent(name)).path
    }

    /// Every fixture workbook name (`*.xlsx`), sorted.
    public static func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: try existing(directory).path)
            .filter { $0.hasSuffix(".xlsx") }.sorted()
    }
}

/// The real-world workbook corpus beside the checkout (`../shared/samples/xlsx-corpus`): an
/// extra check that runs when it is present (CI has it) and is skipped, with one line saying
/// so, when it is not. Nothing else in the suite reads `../shared`.
public enum SharedCorpus {
    public static let directory = Checkers.repoRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/samples/xlsx-corpus")

    /// The corpus folder, or an XCTSkip after printing one "SKIP: …" line.
    public static func require() throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let why = "optional real-world xlsx corpus not found at \(directory.standardizedFileURL.path) (it sits beside CI's checkout); not run"
            print("SKIP: \(why)")
            throw XCTSkip(why)
        }
        return directory
    }
}

/// The URL when something exists there; otherwise a failure naming the path (never a crash on
/// an empty listing later).
public func existing(_ url: URL) throws -> URL {
    guard FileManager.default.fileExists(atPath: url.path) else {
        throw MissingFixture(description: "test input missing: \(url.standardizedFileURL.path)")
    }
    return url
}

/// A test input of the project is missing (a broken checkout, or a fixture not generated).
public struct MissingFixture: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
