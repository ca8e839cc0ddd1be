import XCTest
@testable import OfficeFormats

final class WriterXMLTests: XCTestCase {
    func testEscapesAndStripsControls() throws {
        let x = try XMLWriter()
        x.element("w:document", [("xmlns:w", "urn:w")]) {
            x.element("w:t", [("a", "x\"<&>\u{1}y")], text: "A & B <c> \u{0}\u{8}\u{B}tab\tend\u{FFFE}")
            x.element("empty")
        }
        let s = String(decoding: try x.finish(), as: UTF8.self)
        XCTAssertTrue(s.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"), s)
        XCTAssertTrue(s.contains("<w:document xmlns:w=\"urn:w\">"), s)
        XCTAssertTrue(s.contains("a=\"x&quot;&lt;&amp;&gt;y\""), s)
        XCTAssertTrue(s.contains(">A &amp; B &lt;c&gt; tab\tend</w:t>"), s)
        XCTAssertTrue(s.contains("<empty/></w:document>"), s)
    }

    func testReportsMisuse() throws {
        let x = try XMLWriter()
        x.start("a")
        XCTAssertThrowsError(try x.finish()) { XCTAssertEqual($0 as? XMLWriterError, .unclosedElements(["a"])) }
        let y = try XMLWriter()
        y.end()
        XCTAssertThrowsError(try y.finish())
    }

    func testNonASCIIRoundTrip() throws {
        let x = try XMLWriter()
        x.element("t", text: "Rp 1.000 — é 🙂 Ğ")
        let s = String(decoding: try x.finish(), as: UTF8.self)
        XCTAssertTrue(s.contains("<t>Rp 1.000 — é 🙂 Ğ</t>"), s)
    }
}
