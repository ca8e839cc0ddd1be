import DIPCore
import XCTest

@testable import Register

/// `ItemMatching.normalisedKey`'s byte path must give exactly the Foundation folding's key
/// wherever it answers, and must decline (nil) texts it cannot fold the same way.
final class NormalisedKeyTests: XCTestCase {
    func testBytePathEqualsFoundationFolding() {
        let pieces: [String] = (32..<127).map { String(UnicodeScalar(UInt8($0))) } + [
            "\t", "\n", "\r\n", "\u{0}", "\u{1F}", "\u{7F}", "—", "–", "‘", "’", "“", "”", " — ",
            "Laporan ", "keuangan ", "TAHUN ", "2024", "LKjIP", "(SOP)", "No.", "dan/atau",
            // Texts the byte path must decline: folded letters, other punctuation.
            "é", "e\u{301}", "Ä", "ß", "ﬁ", "…", "\u{A0}", "½", "²", "™", "\u{2015}", "\u{2212}", "İ", "😀",
        ]
        var random = SplitMix(seed: 14)
        var answered = 0, declined = 0
        for _ in 0..<20_000 {
            let text = (0..<Int(random.next() % 14)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            if let key = ItemMatching.normalisedKeyBytes(text) {
                answered += 1
                XCTAssertEqual(key, ItemMatching.normalisedKeyFolding(text), "\(text.unicodeScalars.map(\.value))")
            } else {
                declined += 1
                XCTAssertTrue(text.unicodeScalars.contains { $0.value >= 0x80 && !"—–‘’“”".unicodeScalars.contains($0) },
                              "declined plain text \(text.unicodeScalars.map(\.value))")
            }
        }
        // Both paths were exercised.
        XCTAssertGreaterThan(answered, 1_000)
        XCTAssertGreaterThan(declined, 1_000)
        XCTAssertEqual(ItemMatching.normalisedKey("Rékap—Data"), "rekap data")
        XCTAssertEqual(ItemMatching.normalisedKeyBytes(" Laporan — Keuangan (LRA), 2024. "), "laporan keuangan lra 2024")
    }
}
