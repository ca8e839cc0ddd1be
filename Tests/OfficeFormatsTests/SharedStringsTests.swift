import DIPCore
import XCTest

@testable import OfficeFormats

/// The shared-string table's byte-keyed lookup must hand out exactly the indexes the
/// `String`-keyed table alone gives, canonically equivalent spellings included ("é" written
/// precomposed and as e + U+0301 share one entry, as before).
final class SharedStringsTests: XCTestCase {
    func testIndexesEqualTheStringKeyedTable() {
        let pieces = ["a", "Laporan ", "é", "e\u{301}", "—", "2024", " ", "Å", "A\u{30A}", "\u{212B}", "ß", "😀", "\n"]
        var random = SplitMix(seed: 19)
        var table = XLSXWriter.SharedStrings()
        var reference: [String: Int] = [:]
        var referenceList: [String] = []
        for _ in 0..<20_000 {
            let text = (0..<Int(random.next() % 4)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let expected: Int
            if let known = reference[text] {
                expected = known
            } else {
                expected = referenceList.count
                reference[text] = expected
                referenceList.append(text)
            }
            XCTAssertEqual(table.index(text), expected, "\(text.unicodeScalars.map(\.value))")
        }
        XCTAssertEqual(table.list, referenceList)
        XCTAssertEqual(table.count, 20_000)
        // Canonically equivalent spellings meet; the comparison above can tell them apart.
        XCTAssertEqual(table.index("e\u{301}"), table.index("é"))
        XCTAssertNotEqual(ExactText("e\u{301}"), ExactText("é"))
    }
}
