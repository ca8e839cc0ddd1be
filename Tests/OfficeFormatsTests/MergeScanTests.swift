import Foundation
import TestSupport
import XCTest
@testable import OfficeFormats

/// `XLSXWorkbook.mergedRanges(sheet:)` (a byte pre-scan) must report exactly the merged ranges
/// the SAX reader reports after the last row.
final class MergeScanTests: XCTestCase {
    /// Every sheet of every feature workbook (Tests/Fixtures/xlsx) and example-inbox workbook
    /// the reader can read to the end. The real-world corpus gets the same check in CorpusTests
    /// when it is present.
    func testPreScanEqualsReaderOnTheFixturesAndExamples() throws {
        var files = try FeatureWorkbooks.names().map { try FeatureWorkbooks.path($0) }
        XCTAssertGreaterThanOrEqual(files.count, 16)
        let examples = try Examples.inboxFiles().map(\.path).filter { $0.hasSuffix(".xlsx") && !$0.contains("~$") }
        XCTAssertGreaterThanOrEqual(examples.count, 3)
        files += examples
        var sheetsCompared = 0
        var merges = 0
        for file in files {
            guard let workbook = try? XLSXWorkbook(path: file) else { continue }
            for index in workbook.sheets.indices {
                guard let reader = try? workbook.rows(sheet: index) else { continue }
                do {
                    while try reader.nextRow() != nil {}
                } catch {
                    continue  // a part the reader refuses: nothing to compare
                }
                let scanned = try workbook.mergedRanges(sheet: index)
                XCTAssertEqual(scanned, reader.mergedRanges, "\(file) sheet \(index)")
                sheetsCompared += 1
                merges += scanned.count
            }
        }
        XCTAssertGreaterThanOrEqual(sheetsCompared, 14)
        XCTAssertGreaterThanOrEqual(merges, 17, "the merged-ranges fixture and the Dinsos example have merged cells")
    }

    /// Markup the scan must read as libxml2 does: prefixes, quotes, entities, comments, CDATA,
    /// processing instructions, namespace declarations named `ref`, merges inside sheetData.
    func testTrickyMarkupMatchesTheReader() throws {
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let cases: [(String, [MergedRange])] = [
            ("""
            <?xml version="1.0"?><worksheet xmlns="\(ns)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;mergeCell ref="A1:A9"/&gt;</t></is></c></row></sheetData>\
            <mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell  ref = 'C3:C5' /></mergeCells></worksheet>
            """, [range("A1:B2"), range("C3:C5")]),
            ("""
            <x:worksheet xmlns:x="\(ns)"><x:sheetData/><!-- <mergeCell ref="D1:D4"/> --><?pi <mergeCell ref="E1:E4"/> ?>\
            <x:mergeCells><x:mergeCell xmlns:ref="urn:x" ref="&#x41;1:&#65;3"/><x:mergeCell\nref="B1:B&#x32;"></x:mergeCell></x:mergeCells></x:worksheet>
            """, [range("A1:A3"), range("B1:B2")]),
            ("""
            <worksheet xmlns="\(ns)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<mergeCell ref="F1:F9"/>]]></t></is></c></row>\
            <mergeCell ref="G1:G2"/></sheetData><mergeCells><mergeCell foo="1" ref="$H$1:$H$3"/><mergeCell ref="bad"/>\
            <mergeCellX ref="J1:J2"/><mergeCell ref="K5:K2"/></mergeCells></worksheet>
            """, [range("H1:H3"), range("K2:K5")]),
        ]
        for (k, (xml, expected)) in cases.enumerated() {
            let path = temporaryPath()
            defer { try? FileManager.default.removeItem(atPath: path) }
            try writeZip(path, minimalWorkbook(sheetData: "", sheetXML: xml))
            let workbook = try XLSXWorkbook(path: path)
            let reader = try workbook.rows(sheet: 0)
            while try reader.nextRow() != nil {}
            XCTAssertEqual(reader.mergedRanges, expected, "case \(k): reader")
            XCTAssertEqual(try workbook.mergedRanges(sheet: 0), expected, "case \(k): pre-scan")
            // Every split of the bytes into chunks gives the same ranges.
            for size in [1, 2, 3, 5, 7, 11, 64] {
                XCTAssertEqual(scan(Array(xml.utf8), chunk: size), expected, "case \(k), chunks of \(size)")
            }
        }
    }

    /// A UTF-16 sheet part is legal XML; the byte scan hands it to libxml2.
    func testUTF16PartFallsBackToTheXMLParser() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <sheetData/><mergeCells><mergeCell ref="A1:A4"/></mergeCells></worksheet>
        """
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeZip(path, minimalWorkbook(sheetData: "", extra: [("xl/worksheets/sheet1.xml", bytes)]))
        let workbook = try XLSXWorkbook(path: path)
        let reader = try workbook.rows(sheet: 0)
        while try reader.nextRow() != nil {}
        XCTAssertEqual(reader.mergedRanges, [range("A1:A4")])
        XCTAssertEqual(try workbook.mergedRanges(sheet: 0), [range("A1:A4")])
    }

    /// Session 21: merged ranges are capped (`XLSXLimits.maxMergedRanges`); up to the cap
    /// they are kept, one more refuses the sheet, by the byte scan and by its UTF-16 fallback;
    /// the row reader keeps the first ones only.
    func testMergedRangesUpToTheCapAreKept() throws {
        var limits = XLSXLimits()
        limits.maxMergedRanges = 5
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        func sheet(_ count: Int) -> String {
            "<?xml version=\"1.0\"?><worksheet xmlns=\"\(ns)\"><sheetData/><mergeCells>"
                + (1...count).map { "<mergeCell ref=\"A\($0 * 2):B\($0 * 2 + 1)\"/>" }.joined() + "</mergeCells></worksheet>"
        }
        func utf16(_ xml: String) -> [UInt8] {
            var bytes: [UInt8] = [0xFF, 0xFE]
            for unit in xml.replacingOccurrences(of: "?>", with: " encoding=\"UTF-16\"?>").utf16 {
                bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            }
            return bytes
        }
        for (count, encode) in [(5, false), (6, false), (5, true), (6, true)] {
            let path = temporaryPath()
            defer { try? FileManager.default.removeItem(atPath: path) }
            let xml = sheet(count)
            try writeZip(path, minimalWorkbook(sheetData: "", extra: [("xl/worksheets/sheet1.xml", encode ? utf16(xml) : Array(xml.utf8))]))
            let workbook = try XLSXWorkbook(path: path, limits: limits)
            if count <= limits.maxMergedRanges {
                XCTAssertEqual(try workbook.mergedRanges(sheet: 0).count, count, "utf16: \(encode)")
                XCTAssertEqual(try workbook.sheetTail(sheet: 0).mergedRanges.count, count, "utf16: \(encode)")
            } else {
                for error in [officeError(try workbook.mergedRanges(sheet: 0)), officeError(try workbook.sheetTail(sheet: 0))] {
                    guard case .limitExceeded(let what, let limit)? = error else { return XCTFail("\(String(describing: error))") }
                    XCTAssertTrue(what.contains("merged range count of xl/worksheets/sheet1.xml"), what)
                    XCTAssertEqual(limit, 5)
                }
            }
            let reader = try workbook.rows(sheet: 0)
            while try reader.nextRow() != nil {}
            XCTAssertEqual(reader.mergedRanges.count, min(count, limits.maxMergedRanges), "utf16: \(encode)")
        }
    }

    private func range(_ ref: String) -> MergedRange { parseRange(Array(ref.utf8))! }

    private func scan(_ bytes: [UInt8], chunk: Int) -> [MergedRange] {
        var scanner = MergeCellScanner()
        var i = 0
        while i < bytes.count {
            let piece = Array(bytes[i..<min(i + chunk, bytes.count)])
            piece.withUnsafeBytes { scanner.feed($0) }
            i += chunk
        }
        scanner.finish()
        return scanner.ranges
    }
}
