import DIPCore
import Foundation
import XCTest
@testable import Rules

/// The rules' exceptions (`kecuali`) and open markers (kamus.yaml `penanda_terbuka`) are not read
/// inside a unit's name (unit.yaml) or the body's name (keputusan.json `bodyName`) written out:
/// "Statistik" of "Dinas Komunikasi, Informatika, Persandian dan Statistik" says who holds an
/// item, not that it is a statistic (docs/classification.md §53.5, §55).
final class RuleNameWordsTests: XCTestCase {
    private let diskominfo = "Dinas Komunikasi, Informatika, Persandian dan Statistik"

    /// A withheld title naming the PPID Utama's own unit keeps its flag; the same exception
    /// written outside the name still opens the title.
    func testAnExceptionInsideAUnitsNameDoesNotOpenItsTitles() throws {
        XCTAssertTrue(defaultRules.units.units.contains { $0.name == diskominfo })
        let classifier = Classifier(ruleSet: defaultRules, precedents: [])
        let named = "Data pribadi pegawai \(diskominfo)"
        XCTAssertTrue(classifier.firings(named).contains { $0.rule.id == "data-pribadi" }, "\(classifier.firings(named).map(\.rule.id))")
        let result = classifier.classify(item(named))
        XCTAssertTrue(result.needsConsequenceTest)
        XCTAssertTrue(result.exemptionGrounds.contains { $0.hasPrefix("17") }, "\(result.exemptionGrounds)")
        // The plain path (`firings`) and the token table (`classify`) agree.
        XCTAssertEqual(result.hits.map(\.ruleID), classifier.firings(named).map(\.rule.id))
        // "Statistik" outside the name is the rule's exception as before.
        XCTAssertFalse(classifier.classify(item("Statistik data pribadi pegawai \(diskominfo)")).needsConsequenceTest)
        XCTAssertFalse(classifier.classify(item("Statistik data pribadi pegawai")).needsConsequenceTest)
        // Another unit: "Keluarga Berencana" of the DP3AKB is no family-planning count.
        let dp3akb = "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana"
        XCTAssertTrue(defaultRules.units.units.contains { $0.name == dp3akb })
        XCTAssertTrue(classifier.classify(item("Data pribadi pegawai \(dp3akb)")).needsConsequenceTest)
    }

    /// An open marker inside a unit's name no longer sets the withheld precedents aside.
    func testAnOpenMarkerInsideAUnitsNameDoesNotSetWithheldPrecedentsAside() {
        let classifier = Classifier(ruleSet: defaultRules, precedents: [])
        func marker(_ text: String) -> String? {
            classifier.withPlainPath().referenceAnalysis(tokens: defaultRules.morphology.matchTokens(text)).openMarker
        }
        XCTAssertNil(marker("Nilai seminar hasil penelitian \(diskominfo)"))
        XCTAssertEqual(marker("Statistik nilai seminar hasil penelitian \(diskominfo)"), "statistik")
        XCTAssertEqual(marker("Statistik nilai seminar hasil penelitian"), "statistik")
        // The token table says the same.
        for text in ["Nilai seminar hasil penelitian \(diskominfo)", "Statistik nilai seminar \(diskominfo)"] {
            XCTAssertEqual(classifier.analysis(tokens: defaultRules.morphology.matchTokens(text)).openMarker, marker(text), text)
        }
    }

    /// A phrase wholly inside a name is not read; one that begins or ends outside it is. The
    /// body's name comes from keputusan.json, with the region it governs.
    func testOnlyAPhraseWhollyInsideANameIsLeftUnread() throws {
        let rule = """
        aturan:
          - id: rekening-uji
            keterangan: Rekening nasabah
            salah_satu: [rekening]
            kecuali: [pemerintah, milik pemerintah, kota]
            kategori: dikecualikan
            pengecualian: [17h3]
            contoh_cocok: [Rekening nasabah]
            contoh_tidak_cocok: [Rekening milik pemerintah]

        """
        let directory = try temporaryRules(replacing: ["aturan.yaml": rule])
        try #"{"bodyName": "Pemerintah Kota Contoh Raya"}"#.write(to: directory.appendingPathComponent(RuleSet.settingsFileName),
                                                                   atomically: true, encoding: .utf8)
        let set = try RuleSet.load(directory: directory)
        let classifier = Classifier(ruleSet: set, precedents: [])
        func fires(_ text: String) -> Bool { classifier.firings(text).contains { $0.rule.id == "rekening-uji" } }
        func flagged(_ text: String) -> Bool { classifier.classify(item(text)).needsConsequenceTest }
        // Inside the body's name, and inside the region's name.
        XCTAssertTrue(fires("Rekening nasabah Pemerintah Kota Contoh Raya"))
        XCTAssertTrue(fires("Rekening nasabah Kota Contoh Raya"))
        XCTAssertTrue(flagged("Rekening nasabah Pemerintah Kota Contoh Raya"))
        // Begins outside the name: read.
        XCTAssertFalse(fires("Rekening milik Pemerintah Kota Contoh Raya"))
        XCTAssertFalse(flagged("Rekening milik Pemerintah Kota Contoh Raya"))
        // Not the name written out whole: read.
        XCTAssertFalse(fires("Rekening nasabah pemerintah desa"))
        XCTAssertFalse(fires("Rekening nasabah Pemerintah Kota Contoh"))
        // The default body ("Pemerintah Kabupaten Serang") is not this folder's.
        XCTAssertFalse(fires("Rekening nasabah Pemerintah Kabupaten Serang"))
        XCTAssertEqual(set.nameMask(set.morphology.matchTokens("Rekening milik Pemerintah Kota Contoh Raya")),
                       [false, false, true, true, true, true])
        XCTAssertNil(set.nameMask(set.morphology.matchTokens("Rekening nasabah pemerintah desa")))
        // Without keputusan.json the program's copy names the body.
        XCTAssertEqual(RuleSet.bodyNames(settings: DefaultRules.text(RuleSet.settingsFileName)),
                       ["Pemerintah Kabupaten Serang", "Kabupaten Serang"])
        XCTAssertEqual(RuleSet.bodyNames(settings: "{ broken"), [])
    }
}
