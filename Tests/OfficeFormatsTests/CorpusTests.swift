import Foundation
import XCTest
@testable import OfficeFormats

/// Reads every workbook of ../shared/samples/xlsx-corpus and compares the dump with the
/// expectation in its expected.json:
/// - the reference reader is openpyxl (raw text kept, error cells as text: the notes call those
///   right), except where openpyxl failed or returned no sheets (backslash, odd case, Hancom,
///   Strict), where calamine is the reference;
/// - calamine pads grids with "" where openpyxl has null: "" and null compare equal, and
///   trailing empty rows/columns are trimmed on both sides;
/// - date "representation" differences (openpyxl `…T00:00:00` vs calamine `…`) are not value
///   differences: a midnight date-time equals its date;
/// - truncated grids (sheetjs large_strings) compare row/column counts and the head rows.
/// No per-file exceptions are needed.
final class CorpusTests: XCTestCase {
    func testEveryWorkbookMatchesItsExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path)
            .filter { $0.hasSuffix(".xlsx.expected.json") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 29, "corpus not found at \(corpusDirectory.path)")
        var compared = 0
        for file in files {
            let name = String(file.dropLast(".expected.json".count))
            let expected = try JSONSerialization.jsonObject(
                with: Data(contentsOf: corpusDirectory.appendingPathComponent(file))) as! [String: Any]
            let readers = expected["readers"] as! [String: [String: Any]]
            let openpyxl = readers["openpyxl"]!, calamine = readers["calamine"]!
            let openpyxlNames = openpyxl["sheet_names"] as? [String]
            let reference: [String: Any]
            if let names = openpyxlNames, !names.isEmpty || (calamine["sheet_names"] as? [String] ?? []).isEmpty {
                reference = openpyxl
            } else if calamine["sheet_names"] != nil {
                reference = calamine
            } else {
                continue // must-fail files: tested below
            }
            let path = corpusDirectory.appendingPathComponent(name).path
            let dump: WorkbookDump
            do { dump = try WorkbookDump.xlsx(path: path) } catch {
                XCTFail("\(name): \(error)")
                continue
            }
            compared += 1
            let names = reference["sheet_names"] as! [String]
            XCTAssertEqual(dump.sheetNames, names, "\(name): sheet names")
            let sheets = reference["sheets"] as! [String: Any]
            for sheet in names {
                let got = trimmed((dump.sheets[sheet] ?? []).map { $0.map(jsonValue) })
                if let truncated = sheets[sheet] as? [String: Any] {
                    XCTAssertEqual(got.count, truncated["row_count"] as? Int, "\(name)/\(sheet): rows")
                    XCTAssertEqual(got.first?.count, truncated["col_count"] as? Int, "\(name)/\(sheet): columns")
                    let head = trimmed((truncated["head_rows"] as! [[Any]]).map { $0.map(normalise) })
                    compare(Array(got.prefix(head.count)), head, "\(name)/\(sheet) head")
                } else {
                    let want = trimmed((sheets[sheet] as! [[Any]]).map { $0.map(normalise) })
                    compare(got, want, "\(name)/\(sheet)")
                }
            }
        }
        XCTAssertEqual(compared, files.count - 2, "every workbook except the two must-fail files is compared")
    }

    func testEncryptedWorkbookIsReportedAsEncrypted() {
        let path = corpusDirectory.appendingPathComponent("calamine__pass_protected.xlsx").path
        XCTAssertEqual(try sniffFileKind(path: path), .cfbContainer(encrypted: true))
        assertThrows(.cfbContainer(encrypted: true), try XLSXWorkbook(path: path))
    }

    func testXMLBombIsRefusedAtTheDoctype() throws {
        let path = corpusDirectory.appendingPathComponent("poi__poc-xmlbomb.xlsx").path
        let workbook = try XLSXWorkbook(path: path) // the bomb sits in sharedStrings, loaded on first read
        assertThrows(.doctypeRefused(part: "xl/sharedStrings.xml"), try workbook.rows(sheet: 0))
    }

    func testReaderDetailsTheDumpDoesNotShow() throws {
        // Empty <si/> keeps its index: A2 is an empty string, not a missing cell.
        var rows = try readAllRows(corpusDirectory.appendingPathComponent("calamine__empty_shared_string.xlsx").path)
        XCTAssertEqual(rows.map(\.cells), [[.string("abc")], [.string("")]])

        // Error cells keep their text. The notes say "row 7 is hidden", but the sheet XML has
        // the hidden flag on an empty <row r="20" hidden="1"/>: that is what must be reported.
        rows = try readAllRows(corpusDirectory.appendingPathComponent("calamine__errors.xlsx").path)
        XCTAssertEqual(rows.first?[0], .error("#DIV/0!"))
        XCTAssertEqual(rows.filter(\.isHidden).map(\.number), [20])

        // Merged ranges are complete after the last row.
        let workbook = try XLSXWorkbook(path: corpusDirectory.appendingPathComponent("sheetjs__merge_cells.xlsx").path)
        let reader = try workbook.rows(sheet: 0)
        while try reader.nextRow() != nil {}
        XCTAssertFalse(reader.mergedRanges.isEmpty)

        // Formula without a cached value is empty and counted.
        let missing = try XLSXWorkbook(path: corpusDirectory.appendingPathComponent("readxl__missing-v-node-xlsx.xlsx").path)
        let r = try missing.rows(sheet: 0)
        while try r.nextRow() != nil {}
        XCTAssertEqual(r.formulasWithoutValue, 1)

        // 1904 system detected.
        XCTAssertTrue(try XLSXWorkbook(path: corpusDirectory.appendingPathComponent("sheetjs__1904__1904.xlsx").path).is1904)
    }

    // MARK: helpers

    private func compare(_ got: [[AnyHashable]], _ want: [[AnyHashable]], _ label: String) {
        XCTAssertEqual(got.count, want.count, "\(label): row count")
        XCTAssertEqual(got.first?.count ?? 0, want.first?.count ?? 0, "\(label): column count")
        var mismatches: [String] = []
        for (i, (g, w)) in zip(got, want).enumerated() {
            for (j, (a, b)) in zip(g, w).enumerated() where !same(a, b) {
                mismatches.append("\(columnLetters(j))\(i + 1): got \(a) want \(b)")
            }
        }
        XCTAssertTrue(mismatches.isEmpty, "\(label): \(mismatches.prefix(5).joined(separator: "; ")) (\(mismatches.count))")
    }

    private func same(_ a: AnyHashable, _ b: AnyHashable) -> Bool {
        if a == b { return true }
        if let x = a as? Double, let y = b as? Double { return abs(x - y) <= 1e-9 * max(1, abs(y)) }
        if let x = a as? String, let y = b as? String {
            return (y.hasSuffix("T00:00:00") && String(y.dropLast(9)) == x) || (x.hasSuffix("T00:00:00") && String(x.dropLast(9)) == y)
        }
        return false
    }

    private func jsonValue(_ v: DumpValue) -> AnyHashable {
        switch v {
        case .null: return Null.null
        case .bool(let b): return b
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): return s
        }
    }

    private func normalise(_ v: Any) -> AnyHashable {
        if v is NSNull { return Null.null }
        if let s = v as? String { return s.isEmpty ? Null.null : s }
        if let n = v as? NSNumber {
            if String(cString: n.objCType) == "c" { return n.boolValue } // JSON true/false
            return n.doubleValue
        }
        return "\(v)"
    }

    private func trimmed(_ grid: [[AnyHashable]]) -> [[AnyHashable]] {
        var g = grid
        while let last = g.last, last.allSatisfy({ $0 == AnyHashable(Null.null) }) { g.removeLast() }
        let width = g.map { row in (row.lastIndex { $0 != AnyHashable(Null.null) } ?? -1) + 1 }.max() ?? 0
        return g.map { row in
            var r = Array(row.prefix(width))
            while r.count < width { r.append(Null.null) }
            return r
        }
    }

    private enum Null: Hashable { case null }
}
