import DIPCore
import Foundation
import TestSupport
import XCTest
@testable import Rules

/// Every citation comes from the ground's `dasar_hukum`; huruf j (and b, d, g, i) never gets
/// an *angka*, whatever the local code or a stored text says.
final class LegalCitationTests: XCTestCase {
    let citations = LegalCitations(ruleSet: defaultRules)

    func testCitationComesFromDasarHukum() {
        XCTAssertEqual(citations.citation(codes: ["17h2"]), "UU 14/2008 Pasal 17 huruf h angka 2")
        XCTAssertEqual(citations.citation(codes: ["17b"]), "UU 14/2008 Pasal 17 huruf b")
        XCTAssertEqual(citations.citation(codes: ["17j1"]),
                       "UU 14/2008 Pasal 17 huruf j jo. UU 23/2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan UU 24/2013")
        // Several grounds, in pengecualian.yaml order, each once.
        XCTAssertEqual(citations.citation(codes: ["17j2", "17h2", "17j2"]),
                       "UU 14/2008 Pasal 17 huruf h angka 2; UU 14/2008 Pasal 17 huruf j jo. UU 27/2022 tentang Pelindungan Data Pribadi")
    }

    /// What the review workbook stores for a test whose *Dasar Hukum* cell kept its prefilled
    /// text (a ground's `dasar_hukum`): grounds "17h2, 17j" and that text. Each printed as the
    /// one point of huruf j that names the law ("jo. UU 17/2023 tentang Kesehatan"), for every
    /// sectoral law of pengecualian.yaml, not only the two (UU 24/2013, UU 27/2022) the parser
    /// knew: before, "huruf j; UU 17/2023" (session 21, read in the DIK Lampiran).
    func testHurufJWithItsLawNamedPrintsThatPointsBasis() {
        for code in ["17j1", "17j2", "17j3", "17j4", "17j5"] {
            let full = citations.citation(codes: [code])
            XCTAssertEqual(citations.citation(codes: ["17h2", "17j"], text: "UU 14/2008 Pasal 17 huruf h angka 2; " + full),
                           "UU 14/2008 Pasal 17 huruf h angka 2; " + full, code)
        }
        // A sectoral law named beside another letter (not huruf j) adds no point of huruf j.
        XCTAssertEqual(citations.citation(codes: ["17h2"], text: "UU 14/2008 Pasal 17 huruf h angka 2; UU 17/2023"),
                       "UU 14/2008 Pasal 17 huruf h angka 2; UU 17/2023")
    }

    /// A precedent's note names its grounds as the law has them: "17j4" (the rules' local
    /// number of a huruf j law) is "Pasal 17 huruf j", never "Pasal 17 huruf j angka 4", which
    /// the unit feedback printed (session 21).
    func testPrecedentNotesNeverGiveALetterWithoutPointsAPoint() {
        XCTAssertEqual(PrecedentVerdict.describe("17j4"), "Pasal 17 huruf j")
        XCTAssertEqual(PrecedentVerdict.describe("17b1"), "Pasal 17 huruf b")
        XCTAssertEqual(PrecedentVerdict.describe("17h2"), "Pasal 17 huruf h angka 2")
        XCTAssertEqual(PrecedentVerdict.describe("17j"), "Pasal 17 huruf j")
    }

    func testStoredOrTypedTextIsReadForItsGroundsNeverPrintedWithAMissingPoint() {
        // What old `dip test` runs stored: the local code spelt as if it were the law's.
        let old = "Pasal 17 huruf j angka 3 UU 14/2008"
        XCTAssertEqual(citations.citation(codes: [], text: old), "UU 14/2008 Pasal 17 huruf j jo. UU 17/2023 tentang Kesehatan")
        // A point the rules do not know falls back to its letter.
        XCTAssertEqual(citations.citation(codes: ["17h9"]), "UU 14/2008 Pasal 17 huruf h")
        // Text citing no known ground is kept, unless it cites a provision that does not exist.
        XCTAssertEqual(citations.citation(codes: [], text: "Pasal 5 Perbup Serang 12/2021"), "Pasal 5 Perbup Serang 12/2021")
        XCTAssertTrue(LegalCitations.citesMissingPoint("pasal 17 huruf J angka 9"))
        XCTAssertFalse(LegalCitations.citesMissingPoint("Pasal 17 huruf h angka 2"))
        for code in ["17j1", "17j2", "17j3", "17j4"] {
            XCTAssertFalse(LegalCitations.citesMissingPoint(citations.citation(codes: [code])), code)
        }
    }

    /// Bare huruf j (a precedent's or an older record's ground) never prints as a complete
    /// citation: the missing law is said; with the law named nothing is added.
    /// The classification decree states each exemption's consequence and period: a record
    /// without them (blank, or only a dash) cannot be printed there; a test concluding open needs neither.
    func testExemptionWithoutConsequenceOrPeriodIsIncomplete() {
        func test(_ consequence: String, _ period: String, _ conclusion: ConsequenceConclusion = .exemptWhole) -> ConsequenceTest {
            ConsequenceTest(specificInformation: "", legalBasis: "", grounds: ["17h2"], consequence: consequence, publicInterest: "",
                            conclusion: conclusion, period: period == "Permanen" ? .permanent : (period == "5 tahun" ? .years(5) : .unknown),
                            periodText: period, conditionsForOpening: "", tester: nil, testedOn: nil)
        }
        XCTAssertEqual(LegalCitations.missingExemptionParts(test("Rahasia pasien terbuka", "5 tahun")), [])
        XCTAssertEqual(LegalCitations.missingExemptionParts(test("", "Permanen")), ["konsekuensi apabila informasi dibuka"])
        XCTAssertEqual(LegalCitations.missingExemptionParts(test("-", " ")), ["konsekuensi apabila informasi dibuka", "jangka waktu pengecualian"])
        XCTAssertEqual(LegalCitations.missingExemptionParts(test("x", "sampai putusan", .exemptPart)), [])
        XCTAssertEqual(LegalCitations.missingExemptionParts(test("", "", .open)), [])
    }

    /// UU 14/2008 Pasal 20 ayat (1): huruf a–f exemptions are not permanent; g–j may be.
    func testPermanenceOnlyForGroundsBeyondHurufF() {
        let problem = LegalCitations.permanenceProblem(codes: ["17b", "17e3"], period: .permanent, conclusion: .exemptWhole)
        XCTAssertEqual(problem, "Pengecualian berdasarkan Pasal 17 huruf b, huruf e UU 14/2008 tidak bersifat permanen "
            + "(Pasal 20 ayat (1)); jangka waktu \"Permanen\" tidak dapat ditetapkan")
        XCTAssertNotNil(LegalCitations.permanenceProblem(codes: ["17a1"], period: .permanent, conclusion: .exemptPart))
        XCTAssertNil(LegalCitations.permanenceProblem(codes: ["17b"], period: .years(2), conclusion: .exemptWhole))
        XCTAssertNil(LegalCitations.permanenceProblem(codes: ["17b", "17h4"], period: .permanent, conclusion: .exemptWhole))
        XCTAssertNil(LegalCitations.permanenceProblem(codes: ["17j1"], period: .permanent, conclusion: .exemptWhole))
        XCTAssertNil(LegalCitations.permanenceProblem(codes: ["17c"], period: .permanent, conclusion: .open))
        XCTAssertNil(LegalCitations.permanenceProblem(codes: [], period: .permanent, conclusion: .exemptWhole))
    }

    /// Huruf a, c, e, f and h each list their points (UU 14/2008 Pasal 17: "…, yaitu: 1. …"); a
    /// basis naming the letter without any of its points gets a note; b, d, g, i (no points) and j
    /// (its law is checked elsewhere) do not.
    func testLetterWithListedPointsCitedWithoutOneGetsANote() throws {
        let h = try XCTUnwrap(LegalCitations.unnumberedPointNote(codes: ["17h", "17j2"]))
        XCTAssertTrue(h.hasPrefix("Pasal 17 huruf h UU 14/2008 merinci rahasia pribadi dalam angka 1–5"), h)
        XCTAssertTrue(h.contains("17h2") && h.contains("huruf j jo. UU 27/2022 (17j2)"), h)
        let ce = try XCTUnwrap(LegalCitations.unnumberedPointNote(codes: ["17e", "17C"]))
        XCTAssertTrue(ce.contains("huruf c UU 14/2008 merinci pertahanan dan keamanan negara dalam angka 1–7")
            && ce.contains("huruf e UU 14/2008 merinci ketahanan ekonomi nasional dalam angka 1–7"), ce)
        XCTAssertFalse(ce.contains("UU 27/2022"), ce)
        for codes in [["17h2"], ["17h", "17h3"], ["17b"], ["17d"], ["17g"], ["17i"], ["17j1"], [], ["17a1", "17a4"]] {
            XCTAssertNil(LegalCitations.unnumberedPointNote(codes: codes), "\(codes)")
        }
    }

    func testBareHurufJSaysTheLawIsMissing() {
        XCTAssertEqual(citations.citation(codes: ["17j"]), "UU 14/2008 Pasal 17 huruf j " + LegalCitations.unnamedLawNote)
        XCTAssertFalse(citations.citation(codes: ["17j"], text: "Pasal 17 huruf j UU 14/2008 jo. UU 27/2022").contains(LegalCitations.unnamedLawNote))
        XCTAssertFalse(citations.citation(codes: ["17j"], text: "Pasal 17 huruf j jo. UU 1/2024").contains(LegalCitations.unnamedLawNote))
        XCTAssertFalse(citations.citation(codes: ["17j1"]).contains(LegalCitations.unnamedLawNote))
    }

    /// A law named in its long form counts as named, as `dip test` and the review workbook
    /// count it (`StatuteBook.namesOtherLaw`): the printed basis carries it, not the note that
    /// makes `dip approve` refuse the decree.
    func testHurufJWithTheLawInItsLongFormIsComplete() {
        let typed = "Pasal 17 huruf j Undang-Undang Nomor 14 Tahun 2008 jo. Undang-Undang Nomor 17 Tahun 2011 tentang Intelijen Negara"
        XCTAssertTrue(StatuteBook.namesOtherLaw(typed))
        let printed = citations.citation(codes: ["17j"], text: typed)
        XCTAssertFalse(printed.contains(LegalCitations.unnamedLawNote), printed)
        XCTAssertTrue(printed.contains("UU 17/2011"), printed)
        XCTAssertFalse(printed.contains("UU 14/2008; UU 14/2008"), printed)
        // Only UU 14/2008 named, in either form: still incomplete.
        for alone in ["Pasal 17 huruf j Undang-Undang Nomor 14 Tahun 2008", "Pasal 17 huruf j UU 14/2008"] {
            XCTAssertFalse(StatuteBook.namesOtherLaw(alone))
            XCTAssertTrue(citations.citation(codes: ["17j"], text: alone).contains(LegalCitations.unnamedLawNote), alone)
        }
    }

    func testTestGroundsWinOverClassification() {
        let test = ConsequenceTest(
            specificInformation: "", legalBasis: "", grounds: ["17j4"], consequence: "", publicInterest: "",
            conclusion: .exemptWhole, period: .permanent, periodText: "", conditionsForOpening: "",
            tester: nil, testedOn: nil)
        XCTAssertEqual(citations.citation(test: test, grounds: ["17h2"]),
                       "UU 14/2008 Pasal 17 huruf j jo. Pasal 19 UU 11/2012 tentang Sistem Peradilan Pidana Anak")
        XCTAssertEqual(citations.citation(test: nil, grounds: ["17h2"]), "UU 14/2008 Pasal 17 huruf h angka 2")
    }

    /// UU 11/2012 is cited by the article the stored texts support (session 26): Pasal 19 keeps
    /// the identity of a child, child victim and child witness secret.
    func testTheChildJusticeGroundCitesItsArticleAndTheMengingatTheLaw() {
        XCTAssertEqual(citations.citation(codes: ["17j4"], text: nil),
                       "UU 14/2008 Pasal 17 huruf j jo. Pasal 19 UU 11/2012 tentang Sistem Peradilan Pidana Anak")
        // The law as `sectoralLaws` gives it to the DIK Mengingat, which prints the law and its gazette
        // without the article (DecreeTests.testDIKMengingatCitesTheLawNotTheArticleOfASectoralGround).
        XCTAssertEqual(citations.sectoralLaws(codes: ["17j4"]), ["Pasal 19 UU 11/2012 tentang Sistem Peradilan Pidana Anak"])
    }

    func testSectoralLawsAndFormalNames() {
        XCTAssertEqual(citations.sectoralLaws(codes: ["17h2", "17j2", "17j1", "17j2"]), [
            "UU 23/2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan UU 24/2013",
            "UU 27/2022 tentang Pelindungan Data Pribadi",
        ])
        XCTAssertEqual(LegalCitations.formal("UU 24/2013 tentang Perubahan atas UU 23/2006 tentang Administrasi Kependudukan"),
                       "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan")
        XCTAssertEqual(LegalCitations.formal("Perbup 12/2021"), "Peraturan Bupati Nomor 12 Tahun 2021")
    }

    /// `dip rules check`: a point under a letter without points needs its own `dasar_hukum`,
    /// and no `dasar_hukum` may cite "huruf j angka".
    func testRulesCheckRefusesPointsTheLawDoesNotHave() throws {
        let original = try String(contentsOf: Paths.rules.appendingPathComponent("pengecualian.yaml"), encoding: .utf8)
        let withoutBasis = original.replacingOccurrences(
            of: "        dasar_hukum: UU 14/2008 Pasal 17 huruf j jo. Pasal 19 UU 11/2012 tentang Sistem Peradilan Pidana Anak\n", with: "")
        XCTAssertNotEqual(withoutBasis, original)
        let dir1 = try temporaryRules(replacing: ["pengecualian.yaml": withoutBasis])
        XCTAssertThrowsError(try RuleSet.load(directory: dir1)) { error in
            let issue = (error as? RuleSetError)?.issues.first { $0.code == "missing_field" }
            XCTAssertNotNil(issue, "\(error)")
            XCTAssertTrue(issue?.message.contains("tidak mempunyai angka") == true, "\(String(describing: issue))")
        }
        let wrong = original.replacingOccurrences(
            of: "dasar_hukum: UU 14/2008 Pasal 17 huruf j jo. UU 17/2023", with: "dasar_hukum: UU 14/2008 Pasal 17 huruf j angka 3 jo. UU 17/2023")
        XCTAssertNotEqual(wrong, original)
        let dir2 = try temporaryRules(replacing: ["pengecualian.yaml": wrong])
        XCTAssertThrowsError(try RuleSet.load(directory: dir2)) { error in
            XCTAssertTrue((error as? RuleSetError)?.issues.contains { $0.code == "missing_provision" } == true, "\(error)")
        }
    }
}
