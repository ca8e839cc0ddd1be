import TestSupport
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

    /// The bounded Levenshtein distance as it was written first (arrays per pair): the stack
    /// version over the strings' bytes must give the same number for every pair and limit.
    private func referenceDistance(_ a: Substring, _ b: String, limit: Int) -> Int {
        if abs(a.utf8.count - b.utf8.count) > limit { return limit + 1 }
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// `hasPhrase` as it was written first (Character counts and search in every case).
    private func referenceHasPhrase(_ words: [Substring], _ phrase: [String]) -> Bool {
        func squashed() -> Bool {
            let target = phrase.joined()
            return words.contains { w in w.count >= target.count && (w.contains(target) || Text.similar(w, target)) }
        }
        guard !phrase.isEmpty, words.count >= phrase.count else { return squashed() }
        for i in 0...(words.count - phrase.count) where phrase.indices.allSatisfy({ Text.similar(words[i + $0], phrase[$0]) }) {
            return true
        }
        return squashed()
    }

    func testDistanceAndPhrasesAgreeWithFirstVersions() {
        var rng = SystemRandomNumberGenerator()
        let keywords = ["penanggung", "jawab", "retensi", "ringkasan", "penyimpanan", "tempat", "informasi",
                        "penanggungjawab", "kode", "café", "cafe\u{301}", "satuankerja", "a\r\nb"]
        let letters: [Character] = Array("aeiknmrgstjpwbu") + ["é", "\r", "\n", "\r\n", "ñ"]
        var checked = 0
        for _ in 0..<20_000 {
            var word = ""
            if Bool.random(using: &rng) {
                // A keyword with a few edits, or part of one.
                var chars = Array(keywords.randomElement(using: &rng)!)
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    let at = Int.random(in: 0...chars.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0 where at < chars.count: chars.remove(at: at)
                    case 1: chars.insert(letters.randomElement(using: &rng)!, at: at)
                    default: if at < chars.count { chars[at] = letters.randomElement(using: &rng)! }
                    }
                }
                word = String(chars)
            } else {
                word = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
            }
            let text = "x \(word) y"
            let sub = text.split(separator: " ", omittingEmptySubsequences: false)[1]
            for keyword in keywords {
                for limit in 0...2 {
                    XCTAssertEqual(Text.distance(sub, keyword, limit: limit), referenceDistance(sub, keyword, limit: limit),
                                   "\(word) \(keyword) \(limit)")
                }
                checked += 1
            }
            let words = Text.words(text + " " + keywords.randomElement(using: &rng)!) + [sub]
            for phrase in [["penanggung", "jawab"], ["satuan", "kerja"], ["cafe\u{301}"], ["a", "b"], ["x", "y"]] {
                XCTAssertEqual(Text.hasPhrase(words, phrase), referenceHasPhrase(words, phrase), "\(words) \(phrase)")
            }
        }
        XCTAssertGreaterThan(checked, 100_000)
    }

    /// `HeaderMemo` answers what the header tests answer, for each exact text: canonically
    /// equivalent texts spelled differently (NFC, NFD) are kept apart, since they may fold
    /// differently.
    func testHeaderMemoAnswersAsTheTests() {
        var texts = PieceTexts(["Ringkasan", " isi ", "informasi", "Pejabat", " yang ", "menguasai", "caf", "é", "e\u{301}",
                                "x", " ", "Jangka waktu", "penyimpanan", "Informasi", "Laporan keuangan 2025", "http://a",
                                "Berkala", "Tautan", "no", "\r\n"], maxPieces: 6, seed: 21)
        let memo = HeaderMemo()
        var asked: [String] = []
        for _ in 0..<3_000 {
            let text = Bool.random() && !asked.isEmpty ? asked.randomElement()! : texts.nextText()
            asked.append(text)
            XCTAssertEqual(memo.field(text), HeaderMatcher.field(text), text)
            XCTAssertEqual(memo.isTitleLike(text), ColumnMap.isTitleLike(text), text)
        }
        XCTAssertEqual(memo.field("Tempat caf\u{E9}x"), HeaderMatcher.field("Tempat caf\u{E9}x"))
        XCTAssertEqual(memo.field("Tempat cafe\u{301}x"), HeaderMatcher.field("Tempat cafe\u{301}x"))
    }
}
