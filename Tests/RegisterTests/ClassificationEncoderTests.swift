import DIPCore
import Foundation
import XCTest

@testable import Register

/// `ClassificationEncoder` hands out a cached JSON text for a classification whose encoded
/// fields have the same bytes: every text it gives must be what `JSONText.encode` gives.
final class ClassificationEncoderTests: XCTestCase {
    /// Classifications that differ in one encoded field at a time, some only in Unicode
    /// normalisation (equal as `String`s, different bytes), each asked for twice.
    func testCachedTextsAreWhatEncodingGives() throws {
        let hit = RuleHit(ruleID: "r1", description: "Laporan keuangan “LRA”", matchedWords: ["laporan", "keuangan"])
        let base = Classification(
            declared: .berkala, suggested: .berkala, subgroup: .C, needsConsequenceTest: false,
            exemptionGrounds: [], needsReview: false, missingLegalBasis: false, hits: [hit],
            notes: ["Catatan café"], precedents: [], precedentCategory: nil)
        var variants = [base]
        func vary(_ change: (inout Classification) -> Void) {
            var c = base
            change(&c)
            variants.append(c)
        }
        vary { $0.declared = nil }
        vary { $0.declared = .dikecualikan }
        vary { $0.suggested = .setiapSaat }
        vary { $0.subgroup = nil }
        vary { $0.needsConsequenceTest = true }
        vary { $0.exemptionGrounds = ["17h2"] }
        vary { $0.exemptionGrounds = ["17h", "2"] }
        vary { $0.needsReview = true }
        vary { $0.missingLegalBasis = true }
        vary { $0.hits = [] }
        vary { $0.hits = [hit, hit] }
        vary { $0.hits[0].ruleID = "r2" }
        vary { $0.hits[0].description = "Laporan keuangan “LRA” " }
        vary { $0.hits[0].matchedWords = ["laporan"] }
        vary { $0.hits[0].matchedWords = ["laporan keuangan"] }
        vary { $0.notes = [] }
        vary { $0.notes = ["Catatan cafe\u{301}"] }  // == "Catatan café" as a String, other bytes
        vary { $0.notes = ["Catatan", "café"] }
        vary { $0.precedentCategory = .dikecualikan }
        // Not encoded: the same text as the base.
        vary { $0.precedents = [PrecedentHit(title: "t", category: .berkala, grounds: [], body: "b", bodies: 1,
                                             source: "s", similarity: 0.9, origin: "korpus")] }
        var encoder = ClassificationEncoder()
        var texts = Set<[UInt8]>()
        for round in 0..<2 {
            for c in variants {
                let cached = try encoder.encode(c)
                let direct = try JSONText.encode(c)
                XCTAssertEqual(Array(cached.utf8), Array(direct.utf8), "round \(round): \(direct)")
                texts.insert(Array(cached.utf8))
            }
        }
        // Every variant but the last (precedents are not encoded) has a text of its own.
        XCTAssertEqual(texts.count, variants.count - 1)
    }

    /// The key covers every stored property `Classification.encode(to:)` writes: a new
    /// property must be added to `ClassificationEncoder.key` (or to the not-encoded list).
    func testKeyCoversEveryStoredProperty() {
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
