import Foundation
import TestSupport
import XCTest
@testable import OfficeFormats

/// The optional real-world check: when ../shared/samples/xlsx-corpus sits beside the checkout
/// (CI has it), reads every workbook of it and compares the dump with the expectation in its
/// expected.json; otherwise prints one "SKIP: …" line. The features these files exercise are
/// reproduced by the project's own fixtures (FeatureWorkbookTests), which always run.
/// - the reference reader is openpyxl (raw text kept, error cells as text: the notes call those
///   right), except where openpyxl failed or returned no sheets (backslash, odd case, Hancom,
///   Strict), where calamine is the reference;
/// - calamine pads grids with "" where openpyxl has null: "" and null compare equal, and
///   trailing empty rows/columns are trimmed on both sides;
/// - date "representation" differences (openpyxl `…T00:00:00` vs calamine `…`) are not value
///   differences: a midnight date-time equals its date;
/// - truncated grids (sheetjs large_strings) compare row/column counts and the head rows.
/// No per-file exceptions are needed. The merge pre-scan must also agree with the reader on
/// every sheet, and the two must-fail files must fail as the fixtures do.
final class CorpusTests: XCTestCase {
    func testEveryWorkbookMatchesItsExpectation() throws {
        let corpusDirectory = try SharedCorpus.require()
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

        // The two must-fail files.
        let locked = corpusDirectory.appendingPathComponent("calamine__pass_protected.xlsx").path
        XCTAssertEqual(try sniffFileKind(path: locked), .cfbContainer(encrypted: true))
        assertThrows(.cfbContainer(encrypted: true), try XLSXWorkbook(path: locked))
        let bomb = try XLSXWorkbook(path: corpusDirectory.appendingPathComponent("poi__poc-xmlbomb.xlsx").path)
        assertThrows(.doctypeRefused(part: "xl/sharedStrings.xml"), try bomb.rows(sheet: 0))

        // The merge pre-scan agrees with the reader on every sheet it can read to the end.
        var sheetsCompared = 0, merges = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path).filter({ $0.hasSuffix(".xlsx") }).sorted() {
            guard let workbook = try? XLSXWorkbook(path: corpusDirectory.appendingPathComponent(file).path) else { continue }
            for index in workbook.sheets.indices {
                guard let reader = try? workbook.rows(sheet: index) else { continue }
                do { while try reader.nextRow() != nil {} } catch { continue }
                let scanned = try workbook.mergedRanges(sheet: index)
                XCTAssertEqual(scanned, reader.mergedRanges, "\(file) sheet \(index)")
                sheetsCompared += 1
                merges += scanned.count
            }
        }
        XCTAssertGreaterThan(sheetsCompared, 40)
        XCTAssertGreaterThanOrEqual(merges, 40, "the corpus has merged cells")
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
