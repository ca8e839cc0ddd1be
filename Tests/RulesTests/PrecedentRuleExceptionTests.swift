import DIPCore
import Foundation
import XCTest
@testable import Rules

/// A withheld precedent does not flag an item that the rule withholding the precedent excepts
/// (`PrecedentPolicy.precedentsYieldToRuleExceptions`, docs/classification.md §61). The
/// precedents are written for these tests (the first as a corpus body wrote it).
final class PrecedentRuleExceptionTests: XCTestCase {
    /// soal-ujian reads "Dokumen soal dan uji kompetensi" (17b, 17h4); on a schedule of the
    /// tests its words hold and its exception "jadwal" stops it. Before the policy, the precedent
    /// (77 % near, every word of it in the item) flagged the schedule: the law probe "Jadwal
    /// pelaksanaan soal dan uji kompetensi guru".
    func testARuleExceptionOnTheItemAnswersThePrecedentTheRuleWithholds() throws {
        let corpus = [Precedent(title: "Dokumen soal dan uji kompetensi", category: .dikecualikan, grounds: [],
                                body: "Universitas A", source: "s")]
        let schedule = item("Jadwal pelaksanaan soal dan uji kompetensi guru")
        let rule = try XCTUnwrap(defaultRules.rules.first { $0.id == "soal-ujian" })
        XCTAssertTrue(rule.none.contains("jadwal"), "the test rests on soal-ujian excepting a schedule")

        let c = Classifier(ruleSet: defaultRules, precedents: corpus).classify(schedule)
        XCTAssertTrue(c.hits.isEmpty, "\(c.hits)")
        XCTAssertEqual(c.precedentCategory, .dikecualikan)
        XCTAssertFalse(c.needsConsequenceTest, "\(c.notes)")
        XCTAssertTrue(c.exemptionGrounds.isEmpty)
        XCTAssertTrue(c.needsReview)
        XCTAssertNotEqual(c.suggested, .dikecualikan)
        let note = try XCTUnwrap(c.notes.first { $0.hasPrefix(Classifier.answeredNotePrefix) }, "\(c.notes)")
        XCTAssertTrue(note.contains("'Dokumen soal dan uji kompetensi' dikecualikan menurut aturan PPID soal-ujian"), note)
        XCTAssertTrue(note.hasSuffix("memuat \"jadwal\" (kecuali). Tidak ditandai uji konsekuensi; tinjau kategorinya dan apakah perlu uji konsekuensi."), note)
        XCTAssertFalse(c.notes.contains { $0.contains("tidak cukup sama") }, "\(c.notes)")

        // The old engine flagged it.
        var old = PrecedentPolicy.standard
        old.precedentsYieldToRuleExceptions = false
        let before = Classifier(ruleSet: defaultRules, precedents: corpus, policy: old).classify(schedule)
        XCTAssertTrue(before.needsConsequenceTest, "\(before.notes)")

        // The papers themselves: the rule fires, the item is flagged by it.
        let papers = Classifier(ruleSet: defaultRules, precedents: corpus).classify(item("Dokumen soal dan uji kompetensi guru"))
        XCTAssertTrue(papers.needsConsequenceTest)
        XCTAssertEqual(papers.hits.map(\.ruleID), ["soal-ujian"])
    }

    /// A precedent no withholding rule reads still flags (the rules do not know why it is
    /// withheld), and so does one whose rule simply does not read the item (no exception on
    /// it): only the measuring field `precedentsYieldToRuleReading` lets that one go.
    func testPrecedentsTheRulesDoNotAnswerStillFlag() throws {
        let unread = [Precedent(title: "Berkas qorvat lindem", category: .dikecualikan, grounds: ["17i"], body: "X", source: "s")]
        let c = Classifier(ruleSet: defaultRules, precedents: unread).classify(item("Berkas qorvat lindem guru"))
        XCTAssertTrue(c.hits.isEmpty, "\(c.hits)")
        XCTAssertTrue(c.needsConsequenceTest, "\(c.notes)")

        // akta-otentik reads "Sertifikat tanah" (a person's title deed); "Daftar tanah
        // bersertifikat" holds none of its phrases and none of its exceptions.
        let read = [Precedent(title: "Sertifikat tanah", category: .dikecualikan, grounds: [], body: "X", source: "s")]
        let text = item("Daftar tanah bersertifikat")
        XCTAssertEqual(defaultRules.compiled.first { $0.rule.id == "akta-otentik" }.map { defaultRulesFires($0, "Sertifikat tanah") }, true)
        let standard = Classifier(ruleSet: defaultRules, precedents: read).classify(text)
        XCTAssertTrue(standard.hits.isEmpty, "\(standard.hits)")
        XCTAssertTrue(standard.needsConsequenceTest, "\(standard.notes)")
        var wide = PrecedentPolicy.standard
        wide.precedentsYieldToRuleReading = true
        let measured = Classifier(ruleSet: defaultRules, precedents: read, policy: wide).classify(text)
        XCTAssertFalse(measured.needsConsequenceTest, "\(measured.notes)")
        XCTAssertTrue(measured.needsReview)
        XCTAssertTrue(measured.notes.contains { $0.contains("'Sertifikat tanah' dikecualikan menurut aturan PPID akta-otentik karena memuat \"sertifikat tanah\", yang tidak ada pada butir ini") },
                      "\(measured.notes)")
    }

    /// `flagNeedsWordOrderDistant` (§61.5): a distant two-word withheld precedent whose words
    /// stand in the other order in the item does not flag it (it is perlu ditinjau); in its order
    /// it does. The old engine (the field off) flagged both.
    func testADistantTwoWordPrecedentFlagsOnlyInItsWordOrder() {
        let corpus = [Precedent(title: "Alamat rumah", category: .dikecualikan, grounds: ["17h"], body: "X", source: "s")]
        let shelter = item("Daftar rumah singgah anak jalanan beserta alamat")
        let home = item("Daftar alamat rumah anak jalanan")
        let standard = Classifier(ruleSet: defaultRules, precedents: corpus)
        let c = standard.classify(shelter)
        XCTAssertTrue(c.hits.isEmpty, "\(c.hits)")
        XCTAssertFalse(c.needsConsequenceTest, "\(c.notes)")
        XCTAssertTrue(c.needsReview)
        XCTAssertTrue(c.notes.contains { $0.contains("tidak cukup sama") }, "\(c.notes)")
        XCTAssertTrue(standard.classify(home).needsConsequenceTest)
        var old = PrecedentPolicy.standard
        old.flagNeedsWordOrderDistant = false
        let before = Classifier(ruleSet: defaultRules, precedents: corpus, policy: old)
        XCTAssertTrue(before.classify(shelter).needsConsequenceTest)
        XCTAssertTrue(before.classify(home).needsConsequenceTest)
        // Longer precedents keep the old reading unless the limit is raised.
        let longer = [Precedent(title: "Alamat rumah pegawai", category: .dikecualikan, grounds: ["17h"], body: "X", source: "s")]
        let reversed = item("Daftar pegawai rumah singgah beserta alamat")
        XCTAssertEqual(Classifier(ruleSet: defaultRules, precedents: longer).classify(reversed).needsConsequenceTest,
                       Classifier(ruleSet: defaultRules, precedents: longer, policy: old).classify(reversed).needsConsequenceTest)
    }

    private func defaultRulesFires(_ rule: CompiledRule, _ text: String) -> Bool {
        rule.fires(defaultRules.matcher.match(tokens: defaultRules.morphology.matchTokens(text)))
    }
}
