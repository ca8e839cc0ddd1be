import Foundation
import TestSupport
import XCTest

@testable import OfficeFormats
@testable import Publish

/// The byte shortcuts for "\n" must agree with Foundation's search and replace they skip:
/// `XLSXWriter.containsLineFeed` with `contains("\n")`, `HTMLTables.cell` with the escape
/// followed by `replacingOccurrences(of: "\n", with: "<br>")`, on random texts with LF, CR,
/// CR LF, combining marks after LF, dashes and markup characters.
final class LineFeedSearchTests: XCTestCase {
    func testShortcutsEqualFoundation() {
        let pieces = ["a", " ", "\n", "\r", "\r\n", "\n\u{301}", "\u{301}", "—", "&", "<", "é", "\u{A0}", "\u{85}",
                      "\u{2028}", "Laporan ", "😀", "\n\n"]
        var texts = PieceTexts(pieces, maxPieces: 8, seed: 0x7F4A_7C15_9E37_79B9)
        var decided = 0
        for _ in 0..<20_000 {
            let text = texts.nextText()
            let codes = "\(text.unicodeScalars.map { $0.value })"
            XCTAssertEqual(XLSXWriter.containsLineFeed(text), text.contains("\n"), codes)
            let reference = WebText.isClean(text) && !text.utf8.contains(0x0A)
                ? text : HTMLTables.escape(text).replacingOccurrences(of: "\n", with: "<br>")
            XCTAssertEqual(Array(HTMLTables.cell(text).utf8), Array(reference.utf8), codes)
            if XLSXWriter.lineFeedBytesDecide(text) && text.utf8.contains(0x0A) { decided += 1 }
        }
        XCTAssertGreaterThan(decided, 2_000, "the byte paths are exercised")
    }
}
