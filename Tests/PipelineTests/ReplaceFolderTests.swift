import Foundation
import XCTest
@testable import Pipeline

/// A folder of documents is replaced whole (`DurableFiles.replaceFolder`); the files it already
/// holds with the same bytes are linked into the new folder, not written again.
final class ReplaceFolderTests: XCTestCase {
    func testUnchangedFilesAreLinkedChangedOnesWrittenGoneOnesRemoved() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-replace-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("uji-konsekuensi", isDirectory: true)
        func data(_ s: String) -> Data { Data(s.utf8) }
        let first = [(name: "a.docx", data: data("satu")), (name: "b.docx", data: data("dua")),
                     (name: "c.docx", data: data("tiga"))]
        XCTAssertEqual(try DurableFiles.replaceFolder(folder, with: first), 0, "nothing to link from")
        func inode(_ name: String) throws -> UInt64 {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            return try XCTUnwrap((attributes[.systemFileNumber] as? NSNumber)?.uint64Value)
        }
        let a = try inode("a.docx"), b = try inode("b.docx")

        let second = [(name: "a.docx", data: data("satu")), (name: "b.docx", data: data("dua, diubah")),
                      (name: "d.docx", data: data("empat"))]
        XCTAssertEqual(try DurableFiles.replaceFolder(folder, with: second), 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a.docx", "b.docx", "d.docx"])
        for file in second {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(file.name)), file.data, file.name)
        }
        XCTAssertEqual(try inode("a.docx"), a, "the unchanged file is the same file, linked")
        XCTAssertNotEqual(try inode("b.docx"), b, "the changed file is written anew")
        XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("a.docx").path)[.referenceCount]
                        as? NSNumber)?.intValue, 1, "the old folder's name is gone")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted(), ["uji-konsekuensi"],
                       "no staging or old folder left behind")
    }

    /// Several files written together (a unit's feedback): each new file in place, older ones
    /// replaced, folders created, no temporary name left behind.
    func testSeveralFilesWrittenTogetherLandWholeAndLeaveNoTemporaries() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-write-many-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("unit/umpan-balik.txt"), b = root.appendingPathComponent("unit/umpan-balik.xlsx")
        let c = root.appendingPathComponent("lain/umpan-balik.html")
        try DurableFiles.write([(Data("lama".utf8), a)])
        try DurableFiles.write([(Data("teks".utf8), a), (Data([0x50, 0x4B, 0x03, 0x04]), b), (Data("<p>halaman</p>".utf8), c)])
        XCTAssertEqual(try Data(contentsOf: a), Data("teks".utf8))
        XCTAssertEqual(try Data(contentsOf: b), Data([0x50, 0x4B, 0x03, 0x04]))
        XCTAssertEqual(try Data(contentsOf: c), Data("<p>halaman</p>".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("unit").path).sorted(),
                       ["umpan-balik.txt", "umpan-balik.xlsx"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("lain").path),
                       ["umpan-balik.html"])
    }
}
