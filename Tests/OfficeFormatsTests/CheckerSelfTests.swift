import Foundation
import TestSupport
import XCTest

/// The project's checkers (scripts/checkers) must be able to fail: each gets a file its real
/// consumer refuses and must end with "FAIL …", exit 1, naming the problem. (The tests of each
/// output show them passing on what dip writes.)
final class CheckerSelfTests: XCTestCase {
    private func assertFails(_ name: String, _ args: [String], mentioning fragment: String,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let (status, output) = try Checkers.run(name, args)
        XCTAssertEqual(status, 1, output, file: file, line: line)
        let last = output.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(last.hasPrefix("FAIL \(name)"), output, file: file, line: line)
        XCTAssertTrue(output.contains(fragment), "\(name) should report '\(fragment)':\n\(output)", file: file, line: line)
    }

    private func directory() throws -> URL {
        let dir = try Scratch.directory("dip-checker-self")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    private let contentTypes = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
    """

    func testCheckXLSXFailsOnASharedStringOutOfRange() throws {
        let path = try directory().appendingPathComponent("rusak.xlsx").path
        let sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>a</t></si></sst>"
        try writeZip(path, minimalWorkbook(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>", sharedStrings: sst,
                                           extra: [("[Content_Types].xml", Array(contentTypes.utf8))]))
        try assertFails("check-xlsx", [path, "--no-convert"], mentioning: "shared string 5 out of range")
    }

    /// A one-part .docx whose body is `body` (a section with an F4 page follows it).
    private func docx(_ name: String, body: String) throws -> String {
        let path = try directory().appendingPathComponent(name).path
        let types = """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """
        let rels = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """
        let document = """
        <?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
        \(body)<w:sectPr><w:pgSz w:w="12189" w:h="18709"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:body></w:document>
        """
        try writeZip(path, [("[Content_Types].xml", Array(types.utf8)), ("_rels/.rels", Array(rels.utf8)),
                            ("word/document.xml", Array(document.utf8))])
        return path
    }

    func testCheckDOCXFailsOnACellWithoutParagraph() throws {
        let path = try docx("sel.docx", body: "<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr><w:tc><w:tcPr/></w:tc></w:tr></w:tbl><w:p/>")
        try assertFails("check-docx", [path, "--no-convert"], mentioning: "does not end with a paragraph")
    }

    func testCheckDOCXFailsOnPropertiesOutOfSchemaOrder() throws {
        let path = try docx("urutan.docx", body: "<w:p><w:r><w:rPr><w:sz w:val=\"22\"/><w:b/></w:rPr><w:t>Teks</w:t></w:r></w:p>")
        try assertFails("check-docx", [path, "--no-convert"], mentioning: "w:b after w:sz in w:rPr")
    }

    func testCheckDOCXFailsOnAnUndefinedStyle() throws {
        let path = try docx("gaya.docx", body: "<w:p><w:pPr><w:pStyle w:val=\"Judul\"/></w:pPr><w:r><w:t>Teks</w:t></w:r></w:p>")
        try assertFails("check-docx", [path, "--no-convert"], mentioning: "'Judul' is not defined")
    }

    func testCheckBagFailsOnATamperedPayload() throws {
        let bag = try directory().appendingPathComponent("dip-v0001")
        try FileManager.default.createDirectory(at: bag.appendingPathComponent("data"), withIntermediateDirectories: true)
        try "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".write(to: bag.appendingPathComponent("bagit.txt"), atomically: true, encoding: .utf8)
        try "diubah\n".write(to: bag.appendingPathComponent("data/dip.csv"), atomically: true, encoding: .utf8)
        // sha256 of "asli\n", not of what the file holds.
        let manifest = "5a0fbc6b5a2d8a6c79b7b2b3d04b0cb7c1dfd8b5b41e5c4a1c1c7e0c0d2f2a11  data/dip.csv\n"
        try manifest.write(to: bag.appendingPathComponent("manifest-sha256.txt"), atomically: true, encoding: .utf8)
        try assertFails("check-bag", [bag.path], mentioning: "bagit-python")
    }

    func testCheckFeedFailsOnAnItemWithoutID() throws {
        let path = try directory().appendingPathComponent("feed.json")
        try """
        {"version": "https://jsonfeed.org/version/1.1", "title": "DIP", "feed_url": "https://ppid.example.go.id/feed.json",
         "items": [{"content_text": "tanpa id"}]}
        """.write(to: path, atomically: true, encoding: .utf8)
        try assertFails("check-feed", [path.path], mentioning: "has no string id")
    }

    func testCheckDatapackageFailsOnAValueOfTheWrongType() throws {
        let dir = try directory()
        try "nomor,ringkasan\r\nsatu,Profil\r\n".write(to: dir.appendingPathComponent("dip.csv"), atomically: true, encoding: .utf8)
        try """
        {"name": "dip", "resources": [{"name": "dip", "path": "dip.csv", "profile": "tabular-data-resource",
          "schema": {"fields": [{"name": "nomor", "type": "integer"}, {"name": "ringkasan", "type": "string"}]}}]}
        """.write(to: dir.appendingPathComponent("datapackage.json"), atomically: true, encoding: .utf8)
        try assertFails("check-datapackage", [dir.path], mentioning: "type-error")
    }

    func testCheckHTMLFailsOnAPageWithoutLanguageAndTableHeaders() throws {
        let path = try directory().appendingPathComponent("index.html")
        try """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>DIP</title></head>
        <body><table><tr><td>1</td></tr></table></body></html>
        """.write(to: path, atomically: true, encoding: .utf8)
        try assertFails("check-html", [path.path], mentioning: "<html> has no lang")
    }
}
