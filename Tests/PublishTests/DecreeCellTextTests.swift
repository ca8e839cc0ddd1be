import TestSupport
import XCTest

@testable import Publish

/// `DecreeWriter.cellText`'s shortcut for a plain line must give what the full clean-up gives
/// (kept here as the reference), on random texts with spaces, tabs, CR, LF, no-break and
/// other Unicode spaces and non-ASCII letters at either edge.
final class DecreeCellTextTests: XCTestCase {
    func testShortcutEqualsTheFullCleanUp() {
        let pieces = ["a", "Z", "9", " ", "\t", "\n", "\r", "\r\n", "\u{A0}", "\u{2003}", "\u{B}", "é", "—",
                      "\u{301}", "Laporan Keuangan", "Serang", "2024", "."]
        var texts = PieceTexts(pieces, maxPieces: 8, seed: 0x0DDB_1A5E_5BAD_5EED)
        var plain = 0
        for _ in 0..<20_000 {
            let text = texts.nextText()
            XCTAssertEqual(Array(DecreeWriter.cellText(text).utf8), Array(reference(text).utf8),
                           "\(text.unicodeScalars.map { $0.value })")
            if DecreeWriter.isPlainLine(text) { plain += 1 }
        }
        XCTAssertGreaterThan(plain, 2_000, "the shortcut is exercised")
    }

    private func reference(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
