import Foundation
import OfficeFormats
import TestSupport
import XCTest

/// `dip dump --format json` streams (issue 16 #10); for an ordinary workbook its output is the
/// grid dump's, byte for byte.
final class DumpCommandTests: XCTestCase {
    func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        try runBuiltDip(arguments, for: self)
    }

    func testJSONDumpOfAnOrdinaryWorkbookIsTheGridDump() throws {
        let xlsx = try Examples.file("rsud-drajat", "dip-rsud-2026.xlsx").path
        let (status, data) = try run(["dump", "--format", "json", "--maks-karakter", "0", xlsx])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), try WorkbookDump.xlsx(path: xlsx).json)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertFalse((json["sheets"] as? [String: Any] ?? [:]).isEmpty)
    }
}
