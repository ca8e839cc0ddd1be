import XCTest

@testable import Intake

/// The word-at-a-time fast paths of `Text` against byte-by-byte references.
final class TextFastPathTests: XCTestCase {
    /// What `Text.isClean` must say, stated directly: no leading, trailing or doubled space,
    /// no control byte, no byte that may start a Unicode space.
    private func referenceIsClean(_ bytes: [UInt8]) -> Bool {
        if bytes.first == 32 || bytes.last == 32 { return false }
        if bytes.contains(where: { $0 < 32 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xE3 }) { return false }
        return !zip(bytes, bytes.dropFirst()).contains { $0 == 32 && $1 == 32 }
    }

    /// Every position of a space, control or Unicode-space lead byte, on both sides of each
    /// 8-byte word boundary, in texts of 0 to 40 bytes; plus random texts.
    func testIsCleanAgreesWithByteByByteCheck() {
        let specials: [UInt8] = [32, 9, 10, 0, 31, 0xC2, 0xE2, 0xE3, 0xC3, 0x80, 0x7F, 33]
        var checked = 0
        for length in 0...40 {
            let base = [UInt8]((0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) })
            XCTAssertEqual(base.withUnsafeBufferPointer(Text.isClean), referenceIsClean(base))
            for i in 0..<length {
                for b in specials {
                    var one = base
                    one[i] = b
                    XCTAssertEqual(one.withUnsafeBufferPointer(Text.isClean), referenceIsClean(one), "\(one)")
                    checked += 1
                    // Two specials: doubled spaces across and within words.
                    for j in (i + 1)..<min(length, i + 10) {
                        var two = one
                        two[j] = 32
                        XCTAssertEqual(two.withUnsafeBufferPointer(Text.isClean), referenceIsClean(two), "\(two)")
                        checked += 1
                    }
                }
            }
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [32, 32, 32, 65, 97, 122, 48, 9, 0xC2, 0xA0, 0xE2, 0x80, 0xC3, 0xA9, 46]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...48, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            XCTAssertEqual(bytes.withUnsafeBufferPointer(Text.isClean), referenceIsClean(bytes), "\(bytes)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20_000)
    }

    /// `clean` on texts longer than a word, with the flaw on either side of a word boundary:
    /// a clean text is kept, the others are fixed as before.
    func testCleanAfterFastPath() {
        let cases: [(String, String)] = [
            ("Laporan keuangan tahunan 2026", "Laporan keuangan tahunan 2026"),
            ("  Laporan  keuangan\t tahunan ", "Laporan keuangan tahunan"),
            ("Laporan keuangan tahunan  2026", "Laporan keuangan tahunan 2026"),
            ("Laporan keuangan\u{00A0}tahunan", "Laporan keuangan tahunan"),
            ("Laporan\r\n\r\nkeuangan", "Laporan\nkeuangan"),
            ("Anggaran 12345678 \u{0001}x", "Anggaran 12345678 x"),
        ]
        for (text, expected) in cases { XCTAssertEqual(Text.clean(text), expected, text) }
    }
}
