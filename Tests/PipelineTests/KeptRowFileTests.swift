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

/// The review page's row index: rows are read back from the page written last, without their
/// number, and only while their bytes are what was written.
final class KeptPageIndexTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dip-page-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes a page of `count` numbered rows through the index; row i is "<p>" + number + "|text i</p>".
    func writePage(_ page: URL, index: URL, count: Int, first: Int = 1, frame: String = "f") throws -> KeptPageIndex {
        let kept = KeptPageIndex(url: index, page: page, frame: frame)
        var out: [UInt8] = []
        func emit(_ bytes: [UInt8]) {
            kept.advance(bytes.count)
            out += bytes
        }
        emit(Array("<kepala>\n".utf8))
        for i in 0..<count {
            let number = Array(String(first + i).utf8)
            let row: [UInt8]
            if let found = kept.rows.lookup(["baris", "\(i)"]) {
                row = Array(found.bytes[..<found.split]) + number + found.bytes[found.split...]
            } else {
                let template = Array("<p>|teks \(i)</p>\n".utf8)
                kept.rows.keep(["baris", "\(i)"], template, 3)
                row = Array(template[..<3]) + number + template[3...]
            }
            emit(row)
        }
        try Data(out).write(to: page)
        try kept.finish()
        return kept
    }

    /// A page of several read windows, its rows asked for out of order (backwards, then every
    /// third): each comes back whole, across window edges.
    func testRowsOfALargePageComeBackInAnyOrder() throws {
        let page = folder.appendingPathComponent("index.html")
        let index = folder.appendingPathComponent("halaman.index")
        func template(_ i: Int) -> [UInt8] { Array("<p>|\(i) \(String(repeating: "x", count: 200 + i % 97))</p>\n".utf8) }
        func write(_ order: [Int]) throws -> (page: [UInt8], kept: KeptPageIndex) {
            let kept = KeptPageIndex(url: index, page: page, frame: "f")
            var out: [UInt8] = []
            for i in order {
                let row: [UInt8]
                if let found = kept.rows.lookup(["baris", "\(i)"]) {
                    row = Array(found.bytes[..<found.split]) + Array("\(i)".utf8) + found.bytes[found.split...]
                } else {
                    kept.rows.keep(["baris", "\(i)"], template(i), 3)
                    row = Array(template(i)[..<3]) + Array("\(i)".utf8) + template(i)[3...]
                }
                kept.advance(row.count)
                out += row
            }
            try Data(out).write(to: page)
            try kept.finish()
            return (out, kept)
        }
        let count = 4_000
        let first = try write(Array(0..<count))
        XCTAssertGreaterThan(first.page.count, 3 * KeptPageIndex.windowSize)
        for order in [Array((0..<count).reversed()), stride(from: 0, to: count, by: 3).map { $0 } + [count - 1]] {
            let again = try write(order)
            XCTAssertEqual(again.kept.reused, order.count)
            XCTAssertEqual(again.page, order.flatMap { Array(template($0)[..<3]) + Array("\($0)".utf8) + template($0)[3...] })
        }
    }

    func testRowsComeBackFromTheOldPageWhileTheyAreIntact() throws {
        let page = folder.appendingPathComponent("index.html")
        let index = folder.appendingPathComponent("halaman.index")
        let first = try writePage(page, index: index, count: 50)
        XCTAssertEqual([first.reused, first.rendered], [0, 50])
        // Every row moves (numbers from 101): all are taken from the page, with their new number.
        let second = try writePage(page, index: index, count: 50, first: 101)
        XCTAssertEqual([second.reused, second.rendered], [50, 0])
        let text = try String(contentsOf: page, encoding: .utf8)
        XCTAssertTrue(text.contains("<p>137|teks 36</p>\n"), text)
        XCTAssertFalse(text.contains("<p>37|"))

        // A byte of one row changed by hand: that row alone is rendered again.
        var data = try Data(contentsOf: page)
        let at = try XCTUnwrap(text.range(of: "teks 7<")).lowerBound.utf16Offset(in: text)
        data[at] = UInt8(ascii: "T")
        try data.write(to: page)
        let third = try writePage(page, index: index, count: 50, first: 1)
        XCTAssertEqual([third.reused, third.rendered], [49, 1])
        XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).contains("<p>8|teks 7</p>\n"))

        // Another frame, or a damaged index: nothing is taken.
        XCTAssertEqual(try writePage(page, index: index, count: 50, frame: "g").reused, 0)
        var damaged = try Data(contentsOf: index)
        damaged[damaged.count / 2] ^= 1
        try damaged.write(to: index)
        XCTAssertEqual(try writePage(page, index: index, count: 50, frame: "g").reused, 0)
        // The page gone: nothing is taken either.
        _ = try writePage(page, index: index, count: 50)
        try FileManager.default.removeItem(at: page)
        XCTAssertEqual(try writePage(page, index: index, count: 50).reused, 0)
    }
}
