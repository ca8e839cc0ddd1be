import CLibZip
import Foundation
import XCTest
@testable import OfficeFormats

/// The repository root (three levels up from Tests/OfficeFormatsTests/File.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// Writes a zip with libzip (deflate by default), so tests build hostile packages at test time.
func writeZip(_ path: String, _ files: [(String, [UInt8])], store: Bool = false) throws {
    var code: Int32 = 0
    guard let za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code) else {
        throw NSError(domain: "zip", code: Int(code))
    }
    for (name, data) in files {
        let buffer = malloc(max(data.count, 1))!
        data.withUnsafeBytes { if let b = $0.baseAddress { memcpy(buffer, b, data.count) } }
        guard let source = zip_source_buffer(za, buffer, zip_uint64_t(data.count), 1) else {
            throw NSError(domain: "zip", code: 1)
        }
        let index = zip_file_add(za, name, source, zip_flags_t(ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE))
        if index < 0 { zip_source_free(source); throw NSError(domain: "zip add \(name)", code: 2) }
        if store { zip_set_file_compression(za, zip_uint64_t(index), ZIP_CM_STORE, 0) }
    }
    if zip_close(za) != 0 { throw NSError(domain: "zip close", code: 3) }
}

/// A minimal, valid single-sheet workbook with the given sheet XML body (inside sheetData)
/// and optional shared strings XML; `extra` parts are added or replace defaults.
func minimalWorkbook(sheetData: String, sharedStrings: String? = nil, extra: [(String, [UInt8])] = [],
                     sheetXML: String? = nil) -> [(String, [UInt8])] {
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    var parts: [(String, [UInt8])] = [
        ("[Content_Types].xml", Array("""
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
        """.utf8)),
        ("_rels/.rels", Array("""
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(rns)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """.utf8)),
        ("xl/workbook.xml", Array("""
        <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(ns)" xmlns:r="\(rns)"><sheets>\
        <sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>
        """.utf8)),
        ("xl/_rels/workbook.xml.rels", Array("""
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(rns)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(rns)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """.utf8)),
        ("xl/worksheets/sheet1.xml", Array((sheetXML ?? """
        <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(ns)"><sheetData>\(sheetData)</sheetData></worksheet>
        """).utf8)),
    ]
    if let sharedStrings { parts.append(("xl/sharedStrings.xml", Array(sharedStrings.utf8))) }
    for (name, data) in extra {
        if let i = parts.firstIndex(where: { $0.0 == name }) { parts[i].1 = data } else { parts.append((name, data)) }
    }
    return parts
}

/// A fresh temporary file path with the given extension.
func temporaryPath(_ ext: String = "xlsx") -> String {
    NSTemporaryDirectory() + "dip-xlsx-test-\(UUID().uuidString).\(ext)"
}

/// Reads every row of sheet 0.
func readAllRows(_ path: String, limits: XLSXLimits = XLSXLimits()) throws -> [SheetRow] {
    let workbook = try XLSXWorkbook(path: path, limits: limits)
    let reader = try workbook.rows(sheet: 0)
    var rows: [SheetRow] = []
    while let row = try reader.nextRow() { rows.append(row) }
    return rows
}

/// Asserts that `body` throws exactly `expected`.
func assertThrows<T>(_ expected: OfficeError, _ body: @autoclosure () throws -> T,
                     file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected \(expected), got a value", file: file, line: line)
    } catch let error as OfficeError {
        XCTAssertEqual(error, expected, file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}

/// The OfficeError thrown by `body`, or nil (failing the test) when it does not throw one.
func officeError<T>(_ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line) -> OfficeError? {
    do {
        _ = try body()
        XCTFail("expected an OfficeError, got a value", file: file, line: line)
    } catch let error as OfficeError {
        return error
    } catch {
        XCTFail("expected an OfficeError, got \(error)", file: file, line: line)
    }
    return nil
}
