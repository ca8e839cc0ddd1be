import DIPCore
import Foundation
import XCTest
@testable import Rules

/// The PPID's own decisions (the register's consequence tests and approvals) outrank the corpus
/// when they are near an item. A unit's name written into its titles ("… RSUD dr. Drajat
/// Prawiranegara") is rare in the index and so weighed heavily: it made every title of that unit
/// near every decision on another of its titles, so one withheld decision spread to the unit's
/// open titles, and one open decision outvoted the corpus on a withheld kind (w26readers:
/// "Laporan keuangan RSUD dr. Drajat Prawiranegara Tahun 2025" read 92 % like "Profil dan jenis
/// layanan RSUD …"). Names say who holds an item, not what it is (docs/classification.md §53).
/// The corpus rows here are SYNTHETIC (written for these tests); the unit is the example
/// regency's hospital, whose unit.yaml name is spelled "Dradjat" while its titles write "Drajat".
final class OwnDecisionNameTests: XCTestCase {
    static let unitName = "RSUD dr. Dradjat Prawiranegara"

    func own(_ title: String, _ category: Category, grounds: [String] = []) -> Precedent {
        Precedent(title: title, category: category, grounds: grounds, body: Self.unitName, bodyKind: "ppid",
                  source: "register: uji konsekuensi rsud-drajat-1, 2026-01-05", origin: .ppid)
    }

    func corpus() -> [Precedent] {
        [
            Precedent(title: "Catatan kunjungan tamu pimpinan", category: .dikecualikan, grounds: ["17h"], body: "Badan Sintetis A",
                      source: "SINTETIS: ditulis untuk uji unit"),
            Precedent(title: "Kalender kegiatan tahunan", category: .berkala, grounds: [], body: "Badan Sintetis B",
                      source: "SINTETIS: ditulis untuk uji unit"),
            Precedent(title: "Profil koperasi karyawan", category: .berkala, grounds: [], body: "Badan Sintetis C",
                      source: "SINTETIS: ditulis untuk uji unit"),
            Precedent(title: "Jadwal pelayanan poliklinik", category: .berkala, grounds: [], body: "Badan Sintetis D",
                      source: "SINTETIS: ditulis untuk uji unit"),
        ]
    }

    /// A withheld decision on a patient-record title of the hospital neither flags nor leans the
    /// hospital's open titles withheld; the same title (and the same title with another year) is
    /// still flagged by it, and the note says it is the PPID's own decision at 100 %.
    func testAWithheldDecisionDoesNotSpreadToTheUnitsOpenTitlesByItsName() throws {
        let withheld = own("Data rekam medis pasien RSUD dr. Drajat Prawiranegara", .dikecualikan, grounds: ["17h2"])
        let classifier = Classifier(ruleSet: defaultRules, precedents: [withheld] + corpus())
        for text in ["Profil RSUD dr. Drajat Prawiranegara", "Laporan keuangan RSUD dr. Drajat Prawiranegara Tahun 2025",
                     "Jadwal pelayanan poliklinik RSUD dr. Drajat Prawiranegara"] {
            let c = classifier.classify(item(text))
            XCTAssertFalse(c.needsConsequenceTest, "\(text): \(c.notes)")
            XCTAssertNotEqual(c.suggested, .dikecualikan, "\(text): \(c.notes)")
            XCTAssertFalse(c.notes.contains { $0.hasPrefix("Keputusan PPID sendiri") }, "\(text): \(c.notes)")
            XCTAssertFalse(c.notes.contains { $0.contains("tidak cukup sama") }, "\(text): \(c.notes)")
            // Nor does the learned layer learn the name from the decision.
            XCTAssertFalse(c.learned?.withheldWords.contains { ["drajat", "prawiranegara", "rsud"].contains($0) } ?? false,
                           "\(text): \(c.notes)")
            let nearOwn = c.precedents.filter { $0.origin == Precedent.Origin.ppid.rawValue && $0.similarity >= 0.3 }
            XCTAssertEqual(nearOwn.map(\.title), [], text)
        }
        let same = classifier.classify(item("Data rekam medis pasien RSUD dr. Drajat Prawiranegara"))
        XCTAssertTrue(same.needsConsequenceTest, "\(same.notes)")
        XCTAssertEqual(same.exemptionGrounds.first, "17h2")
        XCTAssertTrue(same.notes.contains {
            $0.hasPrefix("Keputusan PPID sendiri: mirip dengan 'Data rekam medis pasien RSUD dr. Drajat Prawiranegara' (kemiripan 100%) — dikecualikan")
        }, "\(same.notes)")
        let nextYear = classifier.classify(item("Data rekam medis pasien RSUD dr. Drajat Prawiranegara tahun 2026"))
        XCTAssertTrue(nextYear.needsConsequenceTest, "\(nextYear.notes)")
        // Compared with the name (both fields off, as before session 27) the decision
        // was the profile's nearest precedent and outranked the corpus.
        var old = PrecedentPolicy.standard
        old.ppidDecisionsLeaveOutNames = false
        old.itemsLeaveOutUnitNames = false
        let before = Classifier(ruleSet: defaultRules, precedents: [withheld] + corpus(), policy: old)
            .classify(item("Profil RSUD dr. Drajat Prawiranegara"))
        XCTAssertTrue(before.needsConsequenceTest || before.notes.contains { $0.hasPrefix("Keputusan PPID sendiri") }, "\(before.notes)")
    }

    /// An open decision on the hospital's profile does not outvote the corpus's withheld
    /// precedent on another of the hospital's titles: without the decision the item is flagged,
    /// and with it too.
    func testAnOpenDecisionDoesNotOpenAWithheldKindOfTheSameUnitByItsName() throws {
        let text = "Catatan kunjungan tamu pimpinan RSUD dr. Drajat Prawiranegara"
        let withoutDecision = Classifier(ruleSet: defaultRules, precedents: corpus()).classify(item(text))
        XCTAssertTrue(withoutDecision.hits.isEmpty, "no rule reads it: \(withoutDecision.hits)")
        XCTAssertTrue(withoutDecision.needsConsequenceTest, "the corpus flags it: \(withoutDecision.notes)")
        let opened = own("Profil RSUD dr. Drajat Prawiranegara", .berkala)
        let c = Classifier(ruleSet: defaultRules, precedents: [opened] + corpus()).classify(item(text))
        XCTAssertTrue(c.needsConsequenceTest, "\(c.notes)")
        XCTAssertFalse(c.notes.contains { $0.hasPrefix("Keputusan PPID sendiri") }, "\(c.notes)")
        var old = PrecedentPolicy.standard
        old.ppidDecisionsLeaveOutNames = false
        old.itemsLeaveOutUnitNames = false
        let before = Classifier(ruleSet: defaultRules, precedents: [opened] + corpus(), policy: old).classify(item(text))
        XCTAssertFalse(before.needsConsequenceTest, "compared with the name, the open decision outranked the corpus: \(before.notes)")
        // The decision's own title is still decided by it.
        let profile = Classifier(ruleSet: defaultRules, precedents: [opened] + corpus())
            .classify(item("Profil RSUD dr. Drajat Prawiranegara"))
        XCTAssertEqual(profile.suggested, .berkala)
        XCTAssertTrue(profile.notes.contains { $0.hasPrefix("Keputusan PPID sendiri: mirip dengan 'Profil RSUD dr. Drajat Prawiranegara' (kemiripan 100%)") },
                      "\(profile.notes)")
    }

    /// `itemsLeaveOutUnitNames` (standard since session 28, §57): an item's words naming one of the PPID's units
    /// (the rule set's unit.yaml: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu") are left
    /// out where it is compared with the corpus too: the long name diluted the item against the withheld title it holds whole, and a corpus
    /// body of the same name made the item near that body's open titles.
    func testAUnitsNameInAnItemDoesNotDiluteItAgainstTheCorpus() throws {
        let unit = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
        XCTAssertTrue(defaultRules.units.units.contains { $0.name == unit })
        let corpus = corpus() + [
            Precedent(title: "Rencana kerja \(unit) Kota Contoh tahun 2017", category: .berkala, grounds: [],
                      body: "\(unit) Kota Contoh", source: "SINTETIS: ditulis untuk uji unit"),
        ]
        let text = "Catatan kunjungan tamu pimpinan \(unit)"
        var policy = PrecedentPolicy.standard
        policy.itemsLeaveOutUnitNames = true
        let c = Classifier(ruleSet: defaultRules, precedents: corpus, policy: policy).classify(item(text))
        XCTAssertTrue(c.hits.isEmpty, "no rule reads it: \(c.hits)")
        XCTAssertTrue(c.needsConsequenceTest, "\(c.notes)")
        XCTAssertEqual(c.precedents.first?.title, "Catatan kunjungan tamu pimpinan")
        XCTAssertEqual(c.precedents.first?.similarity, 1)
        var old = PrecedentPolicy.standard
        old.itemsLeaveOutUnitNames = false
        let before = Classifier(ruleSet: defaultRules, precedents: corpus, policy: old).classify(item(text))
        XCTAssertLessThan(before.precedents.first { $0.title == "Catatan kunjungan tamu pimpinan" }?.similarity ?? 0, 0.8,
                          "compared with the name: \(before.notes)")
    }
}
