import Foundation
import XCTest
@testable import OfficeFormats

/// A large XML part goes to a temporary file instead of memory (issue 19); what is written
/// and zipped must be the very bytes of a part held in memory.
final class XMLSpoolTests: XCTestCase {
    /// A document of many rows with escapes, non-ASCII text and raw row bytes.
    func document(limit: Int, rows: Int = 3_000) throws -> XMLBytes {
        let x = try XMLWriter(standalone: true, spoolLimit: limit)
        x.start("worksheet")
        x.attribute("xmlns", "urn:test")
        x.start("sheetData")
        for r in 0..<rows {
            x.element("row", [("r", String(r + 1))]) {
                x.element("c", text: "Laporan keuangan <\(r)> & \"tahun\" \(2000 + r % 30) — Rp\u{A0}\(r * 7)")
                x.element("c", [("t", "s")], text: String(repeating: "é", count: r % 17))
            }
            if r % 100 == 0 { x.raw(Array("<!-- \(r) -->".utf8)) }
        }
        x.end()
        x.end()
        return try x.finishBuffer()
    }

    func testSpilledPartHasTheBytesOfAPartHeldInMemory() throws {
        let held = try document(limit: Int.max)
        let spilled = try document(limit: 1_000)
        XCTAssertFalse(held.spool.isSpilled)
        XCTAssertTrue(spilled.spool.isSpilled, "a part larger than the limit goes to the temporary file")
        XCTAssertGreaterThan(held.count, 100_000)
        XCTAssertEqual(spilled.count, held.count)
        XCTAssertEqual(spilled.bytes, held.bytes)
    }

    func testPackageFromASpilledPartIsTheSameAsFromMemory() throws {
        let modified = Date(timeIntervalSince1970: 1_767_225_600)
        func package(limit: Int) throws -> [UInt8] {
            try OPCPackage.zip(parts: [
                OPCPart(name: "xl/worksheets/sheet1.xml", contentType: "application/xml", xml: try document(limit: limit)),
                OPCPart(name: "docProps/app.xml", contentType: nil, data: Array("<a/>".utf8)),
                OPCPart(name: "xl/worksheets/sheet2.xml", contentType: "application/xml",
                        xml: try document(limit: limit, rows: 20_000)),
            ], modified: modified)
        }
        let fromMemory = try package(limit: Int.max)
        let fromFile = try package(limit: 4_096)
        XCTAssertEqual(fromFile.count, fromMemory.count)
        XCTAssertTrue(fromFile == fromMemory, "a spilled part must zip to the same bytes")
        // And the entry reads back as the XML written.
        let entries = try readZipEntries(fromFile)
        XCTAssertEqual(entries.map(\.name), ["[Content_Types].xml", "xl/worksheets/sheet1.xml", "docProps/app.xml",
                                             "xl/worksheets/sheet2.xml"])
        XCTAssertEqual(entries[3].data, try document(limit: Int.max, rows: 20_000).bytes)
    }

    func testEmptyAndTinyPartsStayInMemory() throws {
        let x = try XMLWriter(standalone: true, spoolLimit: 1 << 20)
        x.element("a", text: "b")
        let bytes = try x.finishBuffer()
        XCTAssertFalse(bytes.spool.isSpilled)
        XCTAssertEqual(String(decoding: bytes.bytes, as: UTF8.self),
                       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a>b</a>\n")
    }
}
