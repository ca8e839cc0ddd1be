import Foundation
@testable import dip
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
        let (status, data) = try run(["dump", "--format", "json", "--max-chars", "0", xlsx])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), try WorkbookDump.xlsx(path: xlsx).json)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertFalse((json["sheets"] as? [String: Any] ?? [:]).isEmpty)
    }

    /// An ODS list (intake reads them) is dumped as an XLSX one is: it was refused with the
    /// reader's English "zip archive is not an XLSX workbook: …".
    func testDumpReadsAnODSList() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dip-dump-ods-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("META-INF"), withIntermediateDirectories: true)
        func put(_ path: String, _ text: String) throws { try Data(text.utf8).write(to: dir.appendingPathComponent(path)) }
        func cell(_ text: String) -> String {
            "<table:table-cell office:value-type=\"string\"><text:p>\(text)</text:p></table:table-cell>"
        }
        try put("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        try put("META-INF/manifest.xml", """
            <?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
            """)
        try put("content.xml", """
            <?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="DIP Inspektorat"><table:table-row>\(cell("No"))\(cell("Ringkasan Isi Informasi"))</table:table-row><table:table-row>\(cell("1"))\(cell("Profil Inspektorat"))</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>
            """)
        let ods = dir.appendingPathComponent("dip.ods").path
        for args in [["-q", "-X", "-0", ods, "mimetype"], ["-q", "-X", "-r", ods, "META-INF", "content.xml"]] {
            let zip = Process()
            zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
            zip.currentDirectoryURL = dir
            zip.arguments = args
            try zip.run()
            zip.waitUntilExit()
            XCTAssertEqual(zip.terminationStatus, 0)
        }
        let (status, text) = try run(["dump", ods])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(String(decoding: text, as: UTF8.self),
                       "== DIP Inspektorat\n  1 | No | Ringkasan Isi Informasi\n  2 | 1 | Profil Inspektorat\n(2 baris)\n\n")
        let (jsonStatus, json) = try run(["dump", "--format", "json", ods])
        XCTAssertEqual(jsonStatus, 0)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        XCTAssertEqual(object["sheet_names"] as? [String], ["DIP Inspektorat"])
    }

    /// A web page named .xls (session 23: read by the intake) is dumped table by table as the
    /// intake sees it; it was shown as a CSV of markup.
    func testDumpReadsAWebPageTableByTable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dip-dump-html-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let page = dir.appendingPathComponent("ekspor.xls")
        try Data(("<html><body><table><tr><td>Dinas</td></tr></table><table><tr><th rowspan=2>No</th><th>Ringkasan</th></tr>"
                  + "<tr><td>Profil<br>Dinas</td></tr></table></body></html>").utf8).write(to: page)
        let (status, text) = try run(["dump", page.path])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(String(decoding: text, as: UTF8.self),
                       "== tabel ke-1\n  1 | Dinas\n(1 baris)\n\n== tabel ke-2\n  1 | No | Ringkasan\n  2 |  | Profil\\nDinas\n(2 baris)\n\n")
        let (jsonStatus, json) = try run(["dump", "--format", "json", "--sheet", "tabel ke-2", page.path])
        XCTAssertEqual(jsonStatus, 0)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        XCTAssertEqual(object["sheet_names"] as? [String], ["tabel ke-1", "tabel ke-2"])
        XCTAssertEqual((object["sheets"] as? [String: Any])?.keys.sorted(), ["tabel ke-2"])
    }
}

/// Session 19: `dip dump` of a CSV it cannot open printed the error's Swift value,
/// "berkas CSV tidak dapat dibaca (cannotOpen(path: \"…\", errno: 2))".
final class DumpCSVMessageTests: XCTestCase {
    func testACSVThatCannotBeOpenedIsSaidInWords() {
        let missing = String(cString: strerror(ENOENT))
        XCTAssertEqual(Dump.message(for: CSVError.cannotOpen(path: "/x/dip.csv", errno: ENOENT), file: "/x/dip.csv"),
                       "/x/dip.csv: berkas CSV tidak dapat dibaca. Berkas atau folder itu tidak ada (dipindahkan atau "
                       + "dihapus selagi dip bekerja?). Periksa jalurnya, lalu jalankan lagi (\(missing)).")
        XCTAssertFalse(Dump.message(for: CSVError.readFailed(path: "/x/dip.csv", errno: EIO), file: "/x/dip.csv")
            .contains("readFailed"))
    }
}
