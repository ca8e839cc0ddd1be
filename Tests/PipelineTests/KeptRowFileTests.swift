import Foundation
import XCTest
@testable import Pipeline
@testable import Publish

/// The kept-rows file: rows kept by one pass are found by the next for the same fields and
/// frame, with their number gap; another frame, a damaged or cut file finds nothing.
final class KeptRowFileTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dip-kept-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ url: URL, frame: String, rows: Int) throws {
        let file = KeptRowFile(url: url, frame: frame)
        let kept = file.rows
        for i in 0..<rows {
            // Rows large enough that the file spans several read chunks.
            kept.keep(["baris", "\(i)"], Array(String(repeating: "<w:tr>\(i)</w:tr>", count: 1 + i % 700).utf8), 4)
        }
        try file.finish()
    }

    func testRowsAreFoundAgainOnlyInAnIntactFileOfTheSameFrame() throws {
        let url = folder.appendingPathComponent("baris.rows")
        try write(url, frame: "bingkai-1", rows: 800)
        let again = KeptRowFile(url: url, frame: "bingkai-1")
        for i in [0, 1, 199, 699, 799] {
            let row = try XCTUnwrap(again.rows.lookup(["baris", "\(i)"]), "row \(i)")
            XCTAssertEqual(row.bytes, Array(String(repeating: "<w:tr>\(i)</w:tr>", count: 1 + i % 700).utf8))
            XCTAssertEqual(row.split, 4)
        }
        XCTAssertNil(again.rows.lookup(["baris", "800"]))
        XCTAssertNil(KeptRowFile(url: url, frame: "bingkai-2").rows.lookup(["baris", "1"]))

        // One byte changed in the middle, or the end cut off: nothing is taken from the file.
        var data = try Data(contentsOf: url)
        XCTAssertGreaterThan(data.count, 2 << 20, "the file should span several read chunks")
        data[data.count / 2] ^= 0x01
        try data.write(to: url)
        XCTAssertNil(KeptRowFile(url: url, frame: "bingkai-1").rows.lookup(["baris", "1"]))
        try write(url, frame: "bingkai-1", rows: 800)
        let whole = try Data(contentsOf: url)
        try whole.prefix(whole.count - 10).write(to: url)
        XCTAssertNil(KeptRowFile(url: url, frame: "bingkai-1").rows.lookup(["baris", "1"]))
    }

    func testTheNewFileHoldsOnlyTheRowsUsedByThePass() throws {
        let url = folder.appendingPathComponent("baris.rows")
        try write(url, frame: "f", rows: 10)
        let file = KeptRowFile(url: url, frame: "f")
        XCTAssertNotNil(file.rows.lookup(["baris", "3"]))
        file.rows.keep(["baru"], Array("<w:tr/>".utf8), 0)
        try file.finish()
        XCTAssertEqual(file.reused, 1)
        let next = KeptRowFile(url: url, frame: "f")
        XCTAssertNotNil(next.rows.lookup(["baris", "3"]))
        XCTAssertNotNil(next.rows.lookup(["baru"]))
        XCTAssertNil(next.rows.lookup(["baris", "4"]))
    }
}
