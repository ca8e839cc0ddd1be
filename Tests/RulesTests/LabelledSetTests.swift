import DIPCore
import Foundation
import TestSupport
import XCTest
import Yams
@testable import Rules

/// The default rules against items labelled from the law (Fixtures/labelled-items.yaml) and
/// against the example inbox.
final class LabelledSetTests: XCTestCase {
    struct Labelled: Decodable {
        var unit: String
        var teks: String
        var dinyatakan: String
        var kategori: String
        var sub: String?
        var uji: Bool?
        var dasar: [String]?
        var jenis: String?
    }

    struct Fixture: Decodable { var items: [Labelled] }

    func testLabelledItems() throws {
        let result = try evaluate("labelled-items.yaml")
        XCTAssertGreaterThanOrEqual(result.items, 150)
        XCTAssertGreaterThanOrEqual(result.unitKinds, 10)
        XCTAssertGreaterThanOrEqual(result.agreement, 0.90)
        XCTAssertEqual(result.missedSensitive, [], "missed exemptions among personal data, investigation, HPS or persandian items")
    }

    /// Items written after the first rules were frozen (58% agreement, 6/14 flags then); the
    /// rules were broadened on them in rules2, so the thresholds are a regression guard.
    func testHeldOutItems() throws {
        let result = try evaluate("heldout-items.yaml")
        XCTAssertEqual(result.falseFlags, 0)
        XCTAssertGreaterThanOrEqual(result.agreement, 0.95)
        XCTAssertEqual(result.missedSensitive, [])
    }

    /// A second, larger held-out set (134 items, 20 kinds of units) written on branch rules2
    /// before the rules were broadened (then 83.6% agreement, 34/52 flags, 1 false flag). The
    /// rules now reach 99.3% and 52/52; thresholds sit a small margin below.
    func testHeldOut2Items() throws {
        let result = try evaluate("heldout2-items.yaml")
        XCTAssertGreaterThanOrEqual(result.items, 80)
        XCTAssertGreaterThanOrEqual(result.unitKinds, 12)
        XCTAssertGreaterThanOrEqual(result.agreement, 0.96)
        XCTAssertGreaterThanOrEqual(result.recall, 0.96)
        XCTAssertEqual(result.missedSensitive, [], "missed exemptions among personal data, investigation, HPS or persandian items")
        XCTAssertEqual(result.falseFlags, 0)
    }

    /// Written after the first broadening and run once before any rule saw it: 80% agreement,
    /// 11/18 flags, no false flag — the honest generalisation figure. A second pass of generic
    /// rules then used it, so it is now a regression guard too.
    func testHeldOut3Items() throws {
        let result = try evaluate("heldout3-items.yaml")
        XCTAssertGreaterThanOrEqual(result.items, 40)
        XCTAssertGreaterThanOrEqual(result.agreement, 0.95)
        XCTAssertEqual(result.missedSensitive, [])
        XCTAssertEqual(result.falseFlags, 0)
    }

    struct Evaluation {
        var items: Int, unitKinds: Int, agreement: Double, falseFlags: Int
        /// Share of items needing a consequence test that were flagged.
        var recall: Double
        var missedSensitive: [String]
    }

    private func evaluate(_ file: String) throws -> Evaluation {
        let text = try String(contentsOf: Paths.fixtures.appendingPathComponent(file), encoding: .utf8)
        let items = try YAMLDecoder().decode(Fixture.self, from: text).items

        let classifier = Classifier(ruleSet: defaultRules)
        var categoryAgree = 0, subgroupTotal = 0, subgroupAgree = 0
        var exemptTotal = 0, exemptFlagged = 0, groundAgree = 0, falseFlags = 0, openTotal = 0
        var mismatches: [String] = []
        var missedSensitive: [String] = []
        for labelled in items {
            let declared = try XCTUnwrap(Category(rawValue: labelled.dinyatakan), labelled.teks)
            let expected = try XCTUnwrap(Category(rawValue: labelled.kategori), labelled.teks)
            let c = classifier.classify(item(labelled.teks, declared: declared))
            if c.suggested == expected { categoryAgree += 1 } else {
                mismatches.append("kategori \(c.suggested?.rawValue ?? "-") ≠ \(expected.rawValue): \(labelled.teks)")
            }
            if let sub = labelled.sub, expected == .berkala {
                subgroupTotal += 1
                if c.subgroup?.rawValue == sub { subgroupAgree += 1 } else {
                    mismatches.append("subkelompok \(c.subgroup?.rawValue ?? "-") ≠ \(sub): \(labelled.teks)")
                }
            }
            if labelled.uji == true {
                exemptTotal += 1
                if c.needsConsequenceTest {
                    exemptFlagged += 1
                    let letters = Set(c.exemptionGrounds.map { String($0.dropFirst(2).prefix(1)) })
                    if !letters.isDisjoint(with: labelled.dasar ?? []) { groundAgree += 1 } else {
                        mismatches.append("dasar \(c.exemptionGrounds) ≠ \(labelled.dasar ?? []): \(labelled.teks)")
                    }
                } else {
                    mismatches.append("pengecualian terlewat: \(labelled.teks)")
                    if ["pribadi", "penyidikan", "hps", "persandian"].contains(labelled.jenis ?? "") {
                        missedSensitive.append(labelled.teks)
                    }
                }
            } else {
                openTotal += 1
                if c.needsConsequenceTest {
                    falseFlags += 1
                    mismatches.append("ditandai tanpa perlu (\(c.exemptionGrounds)): \(labelled.teks)")
                }
            }
        }
        let agreement = Double(categoryAgree) / Double(items.count)
        let recall = Double(exemptFlagged) / Double(exemptTotal)
        print(String(format: "\(file): %d items, %d unit kinds", items.count, Set(items.map(\.unit)).count))
        print(String(format: "category agreement: %d/%d = %.1f%%", categoryAgree, items.count, agreement * 100))
        print(String(format: "sub-group agreement: %d/%d", subgroupAgree, subgroupTotal))
        print(String(format: "exemption-flag recall: %d/%d = %.1f%%; ground letter agreement %d/%d; false flags on open items %d/%d",
                     exemptFlagged, exemptTotal, recall * 100, groundAgree, exemptFlagged, falseFlags, openTotal))
        for line in mismatches { print("  " + line) }
        return Evaluation(items: items.count, unitKinds: Set(items.map(\.unit)).count, agreement: agreement,
                          falseFlags: falseFlags, recall: recall, missedSensitive: missedSensitive)
    }

    /// The longest rule explanation a bundled example's row may read (`testSamplesClassifySensibly`).
    static let longestExampleReason = 200

    /// Items of the example inbox (examples/expected): every item declared dikecualikan gets a ground.
    func testSamplesClassifySensibly() throws {
        let expected = try existing(Examples.expected)
        let units = try FileManager.default.contentsOfDirectory(atPath: expected.path).sorted()
        let classifier = Classifier(ruleSet: defaultRules)
        var exempted = 0, total = 0, flaggedOpen = 0
        for unit in units {
            let folder = expected.appendingPathComponent(unit)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
                for row in object["items"] as? [[String: Any]] ?? [] {
                    total += 1
                    let declared = (row["kategori"] as? String).flatMap(Category.init(rawValue:))
                    let sample = InformationItem(
                        source: SourceLocation(file: name, sheet: nil, row: row["row"] as? Int ?? 0),
                        nomor: row["nomor"] as? String ?? "", ringkasan: row["ringkasan"] as? String ?? "",
                        pejabatPenguasa: row["pejabat_penguasa"] as? String ?? "",
                        penanggungJawab: row["penanggung_jawab"] as? String ?? "",
                        waktuPembuatan: row["waktu_pembuatan"] as? String ?? "",
                        tempatPembuatan: row["tempat_pembuatan"] as? String ?? "",
                        bentuk: row["bentuk"] as? String ?? "", retensi: row["retensi"] as? String ?? "",
                        kategori: declared, subkelompok: row["subkelompok"] as? String)
                    let c = classifier.classify(sample)
                    // The reasons these units read (feedback, review pack) are one or two lines each:
                    // what the information is and its legal basis. Qualifications for the PPID and
                    // the rules' editors live in `catatan` (session 24: "rekam medis" read 335 and
                    // 234 characters of two rules, incident reports and perinatal audits included).
                    for hit in c.hits {
                        XCTAssertLessThanOrEqual(hit.description.count, Self.longestExampleReason,
                                                 "\(hit.ruleID) explains \(sample.ringkasan) at length: \(hit.description)")
                    }
                    print("\(unit): \(declared?.rawValue ?? "-") → \(c.suggested?.rawValue ?? "-")\(c.subgroup.map { "/" + $0.rawValue } ?? "") uji=\(c.needsConsequenceTest) \(c.exemptionGrounds) tinjau=\(c.needsReview) | \(sample.ringkasan)")
                    if declared == .dikecualikan {
                        exempted += 1
                        XCTAssertTrue(c.needsConsequenceTest, sample.ringkasan)
                        XCTAssertFalse(c.exemptionGrounds.isEmpty, "no ground: \(sample.ringkasan)")
                        XCTAssertFalse(c.missingLegalBasis, sample.ringkasan)
                    } else if row["perlu_uji_konsekuensi"] as? Bool == true {
                        // Declared open, but personal data the rules must catch.
                        flaggedOpen += 1
                        XCTAssertTrue(c.needsConsequenceTest, "open item with personal data not flagged: \(sample.ringkasan)")
                        XCTAssertFalse(c.exemptionGrounds.isEmpty, "no ground: \(sample.ringkasan)")
                    } else {
                        XCTAssertFalse(c.needsConsequenceTest, "open sample item flagged: \(sample.ringkasan)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(total, 0)
        XCTAssertGreaterThan(exempted, 0)
        XCTAssertGreaterThan(flaggedOpen, 0)
    }
}
