import DIPCore
import XCTest

@testable import OfficeFormats

/// `XMLWriter.sanitize` (byte test first) must drop exactly the scalars XML 1.0 cannot carry.
final class XMLSanitizeTests: XCTestCase {
    func testSanitizeEqualsTheScalarFilter() {
        let pieces = ["a", " ", "\t", "\n", "\r", "\u{0}", "\u{1}", "\u{B}", "\u{1F}", "\u{7F}", "é", "—", "\u{FFFD}",
                      "\u{FFFE}", "\u{FFFF}", "\u{F000}", "\u{EFFF}", "\u{FEFF}", "😀", "Laporan 2024"]
        var random = SplitMix(seed: 1008)
        var dropped = 0
        for _ in 0..<20_000 {
            let text = (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            var expected = String.UnicodeScalarView()
            expected.append(contentsOf: text.unicodeScalars.filter(XMLWriter.isAllowed))
            let clean = XMLWriter.sanitize(text)
            XCTAssertTrue(clean.utf8.elementsEqual(String(expected).utf8), "\(text.unicodeScalars.map(\.value))")
            if clean.utf8.count != text.utf8.count { dropped += 1 }
        }
        XCTAssertGreaterThan(dropped, 1_000)
    }
}
