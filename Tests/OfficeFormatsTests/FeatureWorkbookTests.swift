import Foundation
import TestSupport
import XCTest
@testable import OfficeFormats

/// The project's own feature workbooks (Tests/Fixtures/xlsx, made by
/// scripts/make-xlsx-fixtures.py): each reproduces one thing real offices send (Strict OOXML,
/// 1904 dates, inline and rich strings, shared formulas, backslash and odd-case part names,
/// merged ranges, styled empty rows, long cells) or one file the reader must refuse (entity
/// bomb, external entity, `..` part name, compression bomb, password encryption), with what a
/// correct reader gives in `<name>.expected.json`.
final class FeatureWorkbookTests: XCTestCase {
    /// The committed fixtures are exactly what the generator writes today.
    func testGeneratorReproducesTheCommittedFixtures() throws {
        let python = try FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3"
            : XCTUnwrap(ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
                .map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }, "python3 not found")
        let (status, output) = try runProcess(URL(fileURLWithPath: python),
                                              [try existing(FeatureWorkbooks.generator).path, "--check", FeatureWorkbooks.directory.path])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.hasPrefix("OK "), output)
    }

    func testEveryFeatureWorkbookReadsAsExpected() throws {
        let names = try FeatureWorkbooks.names()
        XCTAssertGreaterThanOrEqual(names.count, 16)
        var compared = 0, refused = 0
        for name in names {
            let path = try FeatureWorkbooks.path(name)
            let data = try Data(contentsOf: URL(fileURLWithPath: try FeatureWorkbooks.path(name + ".expected.json")))
            let expected = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], name)
            if let error = expected["error"] as? String {
                refused += 1
                assertRefused(path, name, error, openOnly: expected["error_on"] as? String == "open")
                continue
            }
            let dump: WorkbookDump
            do { dump = try WorkbookDump.xlsx(path: path) } catch {
                XCTFail("\(name): \(error)")
                continue
            }
            compared += 1
            XCTAssertEqual(dump.sheetNames, expected["sheet_names"] as? [String], "\(name): sheet names")
            for (sheet, grid) in expected["sheets"] as? [String: [[Any]]] ?? [:] {
                XCTAssertEqual(dump.sheets[sheet], grid.map { $0.map(dumpValue) }, "\(name)/\(sheet)")
            }
            let workbook = try XLSXWorkbook(path: path)
            XCTAssertEqual(workbook.is1904, expected["is1904"] as? Bool ?? false, "\(name): date system")
            for (sheet, refs) in expected["merged"] as? [String: [String]] ?? [:] {
                let reader = try workbook.rows(sheet: try XCTUnwrap(workbook.sheetIndex(named: sheet)))
                while try reader.nextRow() != nil {}
                let want = refs.compactMap { parseRange(Array($0.utf8)) }
                XCTAssertEqual(reader.mergedRanges, want, "\(name)/\(sheet): merged ranges")
            }
            for (sheet, rows) in expected["hidden_rows"] as? [String: [Int]] ?? [:] {
                let reader = try workbook.rows(sheet: try XCTUnwrap(workbook.sheetIndex(named: sheet)))
                var hidden: [Int] = []
                while let row = try reader.nextRow() { if row.isHidden { hidden.append(row.number) } }
                XCTAssertEqual(hidden, rows, "\(name)/\(sheet): hidden rows")
            }
            if let count = expected["formulas_without_value"] as? Int {
                let reader = try workbook.rows(sheet: 0)
                while try reader.nextRow() != nil {}
                XCTAssertEqual(reader.formulasWithoutValue, count, "\(name): formulas without a cached value")
            }
            for (cell, want) in expected["long_cells"] as? [String: [String: Any]] ?? [:] {
                let parts = cell.split(separator: "!")
                let sheet = String(parts[0]), ref = String(parts[1])
                let grid = try XCTUnwrap(dump.sheets[sheet], "\(name): no sheet \(sheet)")
                let column = Int(ref.unicodeScalars.first!.value) - 65, rowIndex = (Int(ref.dropFirst()) ?? 1) - 1
                guard rowIndex < grid.count, column < grid[rowIndex].count, case .string(let text) = grid[rowIndex][column] else {
                    XCTFail("\(name): \(cell) is not a text cell")
                    continue
                }
                XCTAssertEqual(text.count, want["length"] as? Int, "\(name): \(cell) read whole")
                XCTAssertTrue(text.hasPrefix(want["prefix"] as? String ?? "\u{0}"), "\(name): \(cell) start")
                XCTAssertTrue(text.hasSuffix(want["suffix"] as? String ?? "\u{0}"), "\(name): \(cell) end")
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 11)
        XCTAssertGreaterThanOrEqual(refused, 5)
    }

    /// Issue 16 #10: `dip dump --format json` streams; for every readable feature workbook
    /// (whole workbook and each sheet alone) its text is the grid dump's, byte for byte, and
    /// valid JSON.
    func testStreamedJSONDumpIsTheGridDump() throws {
        var compared = 0
        for name in try FeatureWorkbooks.names() {
            let path = try FeatureWorkbooks.path(name)
            guard let grid = try? WorkbookDump.xlsx(path: path) else { continue }
            for sheet in [nil] + grid.sheetNames.map(Optional.some) {
                let want = sheet == nil ? grid.json : try WorkbookDump.xlsx(path: path, sheet: sheet).json
                var streamed = ""
                try WorkbookDump.streamJSONXLSX(path: path, sheet: sheet, maxCharacters: 0) { streamed += $0 }
                XCTAssertEqual(streamed, want, "\(name) \(sheet ?? "(all)")")
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(streamed.utf8)), "\(name)")
                compared += 1
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 22)
    }

    /// The encrypted container is recognised as such before any zip reading.
    func testPasswordEncryptedFileIsRecognised() throws {
        let path = try FeatureWorkbooks.path("password-encrypted.xlsx")
        XCTAssertEqual(try sniffFileKind(path: path), .cfbContainer(encrypted: true))
        assertThrows(.cfbContainer(encrypted: true), try XLSXWorkbook(path: path))
    }

    // MARK: helpers

    private func assertRefused(_ path: String, _ name: String, _ fragment: String, openOnly: Bool) {
        do {
            let workbook = try XLSXWorkbook(path: path)
            if openOnly {
                XCTFail("\(name): opened, but must be refused with \(fragment)")
                return
            }
            let reader = try workbook.rows(sheet: 0)
            while try reader.nextRow() != nil {}
            XCTFail("\(name): read to the end, but must be refused with \(fragment)")
        } catch let error as OfficeError {
            XCTAssertTrue(error.description.contains(fragment), "\(name): \(error.description)")
        } catch {
            XCTFail("\(name): expected an OfficeError, got \(error)")
        }
    }

    private func dumpValue(_ v: Any) -> DumpValue {
        if v is NSNull { return .null }
        if let s = v as? String { return .string(s) }
        if let n = v as? NSNumber {
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            if n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e15 { return .int(n.int64Value) }
            return .double(n.doubleValue)
        }
        return .string("\(v)")
    }
}
