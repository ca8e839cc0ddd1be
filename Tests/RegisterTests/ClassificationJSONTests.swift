import DIPCore
import Foundation
import XCTest

@testable import Register

/// `ClassificationJSON` writes the register's classification text by hand: it must be, byte
/// for byte, what JSONEncoder (`JSONText.encode`) writes.
final class ClassificationJSONTests: XCTestCase {
    /// Random classifications: every optional present or not, empty and long lists, texts of
    /// every ASCII byte (controls, quotes, slashes, backslashes), Latin letters, combining
    /// marks, line and paragraph separators, emoji.
    func testSameTextAsJSONEncoder() throws {
        var rng = SplitMix(seed: 19)
        let pieces: [String] = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + [
            "é", "e\u{301}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{85}", "\u{A0}", "😀", "“", "”", "–",
            "Laporan keuangan ", "Pasal 17 huruf h", "\\u0041", "</script>",
        ]
        func text() -> String {
            String((0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        func texts() -> [String] { (0..<Int.random(in: 0...3, using: &rng)).map { _ in text() } }
        func category() -> DIPCore.Category? { Bool.random(using: &rng) ? DIPCore.Category.allCases.randomElement(using: &rng) : nil }
        for _ in 0..<3_000 {
            let hits = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                RuleHit(ruleID: text(), description: text(), matchedWords: texts())
            }
            var c = Classification(
                declared: category(), suggested: category(),
                subgroup: Bool.random(using: &rng) ? BerkalaSubgroup.allCases.randomElement(using: &rng) : nil,
                needsConsequenceTest: Bool.random(using: &rng), exemptionGrounds: texts(),
                needsReview: Bool.random(using: &rng), missingLegalBasis: Bool.random(using: &rng), hits: hits,
                notes: texts(), precedents: [], precedentCategory: category())
            if Bool.random(using: &rng) {
                c.precedents = [PrecedentHit(title: text(), category: .berkala, grounds: [], body: "b", bodies: 1,
                                             source: "s", similarity: 0.5, origin: "korpus")]
            }
            let direct = try JSONText.encode(c)
            XCTAssertEqual(Array(ClassificationJSON.encode(c).utf8), Array(direct.utf8), direct)
        }
    }

    /// The hand-written text covers every stored property `Classification.encode(to:)`
    /// writes: a new property must be written by `ClassificationJSON` too (or be one of the
    /// two left out, `precedents` and `learned`).
    func testCoversEveryStoredProperty() {
        let c = Classification(
            declared: nil, suggested: nil, subgroup: nil, needsConsequenceTest: false, exemptionGrounds: [],
            needsReview: false, missingLegalBasis: false, hits: [], notes: [])
        XCTAssertEqual(Mirror(reflecting: c).children.compactMap(\.label), [
            "declared", "suggested", "subgroup", "needsConsequenceTest", "exemptionGrounds", "needsReview",
            "missingLegalBasis", "hits", "notes", "precedents", "precedentCategory", "learned",
        ])
        XCTAssertEqual(Mirror(reflecting: RuleHit(ruleID: "", description: "", matchedWords: [])).children.compactMap(\.label),
                       ["ruleID", "description", "matchedWords"])
    }
}
