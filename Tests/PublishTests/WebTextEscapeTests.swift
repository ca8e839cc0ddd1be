import TestSupport
import XCTest

@testable import Publish

/// `WebText.escape`'s one-pass Latin path must give exactly what the character-by-character
/// path gives (kept here as the reference), on random texts mixing markup characters,
/// controls, C1 controls, Latin letters, combining marks and other scalars.
final class WebTextEscapeTests: XCTestCase {
    func testEscapeEqualsTheCharacterByCharacterEscape() {
        let pieces: [String] = [
            "a", "Z", "0", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\r\n", "\u{1}", "\u{1F}",
            "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "é", "ü", "ß", "\u{2BC}", "\u{2FF}", "\u{301}",
            "e\u{301}", "&\u{301}", "\u{FFFE}", "\u{FFFF}", "€", "😀", "laporan keuangan ", "Dinas ",
            "—", "–", "\u{600}", "\u{200D}", "\u{FFFD}", "\u{FEFF}", "\u{300}",
        ]
        var texts = PieceTexts(pieces, maxPieces: 12, seed: 0x9E37_79B9_7F4A_7C15)
        var latin = 0
        for _ in 0..<20_000 {
            let text = texts.nextText()
            XCTAssertEqual(Array(WebText.escape(text).utf8), Array(reference(text).utf8), "\(text.unicodeScalars.map { $0.value })")
            if !WebText.isClean(text) && WebText.escapeLatin(text) != nil { latin += 1 }
        }
        XCTAssertGreaterThan(latin, 1000, "the one-pass path is exercised")
    }

    /// xmlSafe's shortcut (the text itself when nothing may be dropped) keeps exactly the
    /// scalars the scalar filter keeps.
    func testXMLSafeEqualsTheScalarFilter() {
        let pieces: [String] = ["a", " ", "\t", "\n", "\r", "\u{1}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}",
                                "é", "—", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFFF}", "😀", "&"]
        var texts = PieceTexts(pieces, maxPieces: 10, seed: 0x1234_5678_9ABC_DEF1)
        for _ in 0..<10_000 {
            let text = texts.nextText()
            var kept = String.UnicodeScalarView()
            for u in text.unicodeScalars {
                switch u.value {
                case 0x09, 0x0A, 0x0D: kept.append(u)
                case 0x00..<0x20, 0x7F..<0xA0, 0xFFFE, 0xFFFF: continue
                default: kept.append(u)
                }
            }
            XCTAssertEqual(Array(WebText.xmlSafe(text).utf8), Array(String(kept).utf8), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    /// The escape before the one-pass path: xmlSafe, then character by character.
    private func reference(_ s: String) -> String {
        var out = ""
        for ch in WebText.xmlSafe(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
