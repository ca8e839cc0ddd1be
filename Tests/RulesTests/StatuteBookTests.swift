import DIPCore
import Foundation
import TestSupport
import XCTest
@testable import Rules

/// Citations read the way a Bagian Hukum reads them: the instrument exists, is in force in 2026,
/// carries its official title and promulgation numbers, and an amended law names its latest
/// amendment in a *Mengingat*.
final class StatuteBookTests: XCTestCase {
    func errors(_ text: String, mengingat: Bool = false) -> [String] {
        StatuteBook.problems(in: text, mengingat: mengingat).filter(\.error).map(\.message)
    }

    func testRepealedHealthAndRegionalLawsAreRefused() {
        // Both repealed by UU 17/2023 (Pasal 454); a decree of 2026 cannot rest on them.
        XCTAssertEqual(errors("UU 14/2008 Pasal 17 huruf j jo. UU 36/2009 tentang Kesehatan").count, 1)
        XCTAssertTrue(errors("Undang-Undang Nomor 29 Tahun 2004 tentang Praktik Kedokteran;").first?.contains("UU 17/2023") ?? false)
        XCTAssertEqual(errors("Undang-Undang Nomor 32 Tahun 2004 tentang Pemerintahan Daerah;").count, 1)
        XCTAssertEqual(errors("Peraturan Komisi Informasi Nomor 1 Tahun 2010 tentang Standar Layanan Informasi Publik;").count, 1)
        XCTAssertEqual(errors("UU 14/2008 Pasal 17 huruf j jo. UU 17/2023 tentang Kesehatan"), [])
    }

    /// An amending law has only Pasal I and II: "UU 24/2013 Pasal 84" (a shipped rule explanation
    /// said so) names an article that does not exist; Pasal 84 is UU 23/2006's, as amended. Every
    /// default text (grounds, explanations, decree settings) is free of it.
    func testArticleOfTheAmendedLawIsNotCitedAsTheAmendingLaws() throws {
        for text in ["UU 14/2008 Pasal 17 huruf j jo. UU 24/2013 Pasal 84",
                     "berdasarkan Pasal 84 ayat (1) Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan"] {
            XCTAssertEqual(errors(text).filter { $0.contains("hanya mengubah UU 23/2006 (Pasal I dan Pasal II)") }.count, 1, text)
        }
        for text in ["UU 14/2008 Pasal 17 huruf j jo. Pasal 84 UU 23/2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan UU 24/2013",
                     "UU 14/2008 Pasal 17 huruf j jo. UU 23/2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan UU 24/2013",
                     "Pasal I angka 20 UU 24/2013"] {
            XCTAssertEqual(errors(text), [], text)
        }
        let defaults = try RuleSet.defaults()
        for rule in defaults.rules {
            XCTAssertEqual(StatuteBook.amendedArticleProblems(in: rule.description).map(\.message), [], rule.id)
        }
        for ground in defaults.grounds {
            XCTAssertEqual(StatuteBook.amendedArticleProblems(in: ground.legalBasis).map(\.message), [], ground.code)
        }
    }

    /// Perki 1/2021 sets the consequence test itself (Bagian Kedelapan, Standar Pengujian
    /// Konsekuensi, Pasal 49 ff.); Perki 1/2017's repeal is not established from a text read, so
    /// citing it is a warning advising Perki 1/2021 — never an error, never a reason to refuse
    /// an approval — while Perki 1/2021 itself is cited without a word.
    func testPerki2017IsAWarningAdvisingPerki2021() {
        for (text, mengingat) in [("Peraturan Komisi Informasi Nomor 1 Tahun 2017 tentang Pengklasifikasian Informasi Publik;", true),
                                  ("bahwa berdasarkan Pasal 19 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik dan Peraturan Komisi Informasi Nomor 1 Tahun 2017 tentang Pengklasifikasian Informasi Publik, Pejabat", false)] {
            let problems = StatuteBook.problems(in: text, mengingat: mengingat)
            XCTAssertEqual(problems.count, 1, text)
            XCTAssertEqual(problems.first?.error, false)
            XCTAssertEqual(problems.first?.substantive, false)
            let message = problems.first?.message ?? ""
            XCTAssertTrue(message.hasPrefix("Perki 1/2017 tentang Pengklasifikasian Informasi Publik: materinya kini diatur dalam Perki 1/2021 tentang Standar Layanan Informasi Publik"), message)
            XCTAssertTrue(message.contains("Standar Pengujian Konsekuensi, Pasal 49"), message)
            XCTAssertTrue(message.contains("kutiplah Perki 1/2021"), message)
        }
        XCTAssertEqual(StatuteBook.statute("Perki 1/2017")?.inForce, true, "its repeal is not proven: not marked repealed")
        XCTAssertEqual(StatuteBook.problems(in: "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;", mengingat: true).map(\.message), [])
        // Its Berita Negara number (2021/741, from its own BN heading) is checked like an LN number.
        XCTAssertEqual(StatuteBook.problems(in: "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik (Berita Negara Republik Indonesia Tahun 2021 Nomor 741);", mengingat: true).map(\.message), [])
        XCTAssertEqual(errors("Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik (Berita Negara Republik Indonesia Tahun 2021 Nomor 714);", mengingat: true),
                       ["Perki 1/2021 diundangkan dalam Berita Negara Tahun 2021 Nomor 741, bukan Tahun 2021 Nomor 714."])
        XCTAssertEqual(StatuteBook.problems(in: "dengan tahapan dan tata cara sebagaimana diatur dalam Pasal 49 Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik;").map(\.message), [])
    }

    func testTitleAndGazetteMustBeTheOfficialOnes() {
        XCTAssertEqual(errors("UU 27/2022 tentang Perlindungan Data Pribadi").count, 1, "the law's title says Pelindungan")
        XCTAssertEqual(errors("Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (Lembaran Negara Republik Indonesia Tahun 2008 Nomor 16, Tambahan Lembaran Negara Republik Indonesia Nomor 4846);").count, 1)
        // An instrument named inside another's title is part of that title, and short forms
        // inside a title compare with the long ones.
        XCTAssertEqual(errors("Peraturan Pemerintah Nomor 61 Tahun 2010 tentang Pelaksanaan Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (Lembaran Negara Republik Indonesia Tahun 2010 Nomor 99, Tambahan Lembaran Negara Republik Indonesia Nomor 5149);", mengingat: true), [])
        XCTAssertEqual(errors("UU 14/2008 Pasal 17 huruf j jo. UU 24/2013 tentang Perubahan atas UU 23/2006 tentang Administrasi Kependudukan"), [])
        // Two instruments joined by "dan": the second is not part of the first's title.
        XCTAssertEqual(errors("bahwa berdasarkan Pasal 19 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik dan Peraturan Komisi Informasi Nomor 1 Tahun 2017 tentang Pengklasifikasian Informasi Publik, Pejabat"), [])
        // Unknown instruments are a warning, never silently accepted.
        let unknown = StatuteBook.problems(in: "Undang-Undang Nomor 99 Tahun 2031 tentang Sesuatu;")
        XCTAssertEqual(unknown.map(\.error), [false])
    }

    /// The gazette numbers of the sectoral laws the huruf j grounds rest on, verified in the
    /// seventh legal review (docs/rules.md; UU 4/2023's from one official Mengingat): the book
    /// now holds them, so a keputusan.json `mengingatSektoral` text with a mistyped number is an
    /// error of `dip rules check` and `dip approve`, as a wrong number of UU 14/2008 always was.
    func testSectoralLawsCarryTheirVerifiedGazetteNumbers() {
        let verified: [(String, Int, Int)] = [("UU 16/1997", 39, 3683), ("UU 7/1992", 31, 3472), ("UU 10/1998", 182, 3790),
                                              ("UU 8/2010", 122, 5164), ("UU 4/2023", 4, 6845)]
        for (short, ln, tln) in verified {
            XCTAssertEqual(StatuteBook.statute(short)?.gazette, ln, short)
            XCTAssertEqual(StatuteBook.statute(short)?.supplement, tln, short)
        }
        XCTAssertEqual(errors(DecreeSettingsText.perbankan, mengingat: true), [])
        XCTAssertEqual(errors(DecreeSettingsText.statistik, mengingat: true), [])
        XCTAssertEqual(errors(DecreeSettingsText.tppu, mengingat: true), [])
        let mistyped = DecreeSettingsText.perbankan.replacingOccurrences(of: "Nomor 6845", with: "Nomor 6854")
        XCTAssertEqual(errors(mistyped, mengingat: true), ["UU 4/2023: Tambahan Lembaran Negara Nomor 6845, bukan 6854."])
        let wrongYear = DecreeSettingsText.statistik.replacingOccurrences(of: "Tahun 1997 Nomor 39", with: "Tahun 1997 Nomor 93")
        XCTAssertEqual(errors(wrongYear, mengingat: true).count, 1)
    }

    /// A ground names the article before the law it belongs to, and every article of two with its
    /// own "Pasal" (UU 12/2011 Lampiran II): "Pasal 11 dan Pasal 12 UU 8/2010 tentang …", "Pasal
    /// 21 UU 16/1997 tentang Statistik" — not "UU 16/1997 tentang Statistik, Pasal 21" nor
    /// "Pasal 11 dan 12" as the shipped 17j7 and 17j8 read before the seventh review.
    func testSectoralArticlesStandBeforeTheLawTheyBelongTo() {
        let basis = Dictionary(uniqueKeysWithValues: defaultRules.grounds.map { ($0.code, $0.legalBasis) })
        XCTAssertEqual(basis["17j8"], "UU 14/2008 Pasal 17 huruf j jo. Pasal 21 UU 16/1997 tentang Statistik")
        XCTAssertEqual(basis["17j7"], "UU 14/2008 Pasal 17 huruf j jo. Pasal 11 dan Pasal 12 UU 8/2010 tentang Pencegahan dan Pemberantasan Tindak Pidana Pencucian Uang")
        for ground in defaultRules.grounds {
            XCTAssertNil(ground.legalBasis.range(of: #",\s*Pasal\s"#, options: .regularExpression), ground.code)
            XCTAssertNil(ground.legalBasis.range(of: #"Pasal \d+ dan \d"#, options: .regularExpression), ground.code)
        }
    }

    func testMengingatNamesTheLatestAmendmentAndTheAmendedLaw() {
        // What keputusan.json said before: the amendment by number only.
        let old = "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023;"
        XCTAssertFalse(errors(old, mengingat: true).isEmpty)
        XCTAssertEqual(errors(DecreeSettingsText.uu23of2014, mengingat: true), [])
        // The amending law alone (the old sectoral entry for UU 24/2013).
        XCTAssertFalse(errors("Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan (Lembaran Negara Republik Indonesia Tahun 2013 Nomor 232, Tambahan Lembaran Negara Republik Indonesia Nomor 5475);", mengingat: true).isEmpty)
        XCTAssertEqual(errors(DecreeSettingsText.adminduk, mengingat: true), [])
    }

    /// A ground resting on an amended law names its latest amendment, as a Bagian Hukum cites it
    /// ("Pasal 40 UU 7/1992 … sebagaimana telah beberapa kali diubah terakhir dengan UU 4/2023"):
    /// the banking-secrecy ground once named only UU 10/1998.
    func testShippedGroundsNameTheLatestAmendmentOfTheLawsTheyRestOn() {
        let amended = StatuteBook.all.filter { $0.lastAmendedBy != nil }
        XCTAssertFalse(amended.isEmpty)
        XCTAssertEqual(StatuteBook.statute("UU 7/1992")?.lastAmendedBy, "UU 4/2023")
        for ground in defaultRules.grounds {
            let text = ground.legalBasis.replacingOccurrences(of: " ", with: "")
            for statute in amended where text.contains(statute.short.replacingOccurrences(of: " ", with: "")) {
                XCTAssertTrue(text.contains(statute.lastAmendedBy!.replacingOccurrences(of: " ", with: "")),
                              "\(ground.code): \(statute.short) tanpa \(statute.lastAmendedBy!)")
            }
        }
    }

    /// Every `dasar_hukum` of the shipped grounds and every rule explanation cites laws in force
    /// by their titles, and nothing the book does not know.
    func testShippedGroundsAndExplanationsCiteLawsInForce() {
        for ground in defaultRules.grounds {
            XCTAssertEqual(StatuteBook.problems(in: ground.legalBasis).map(\.message), [], ground.code)
        }
        for rule in defaultRules.rules {
            XCTAssertEqual(StatuteBook.problems(in: rule.description).map(\.message), [], rule.id)
            // Citations moved out of an explanation into the editors' note stay checked there.
            XCTAssertEqual(StatuteBook.problems(in: rule.editorNote ?? "").map(\.message), [], "catatan \(rule.id)")
        }
        // The book itself: every repealing or amending instrument it names is in it and in force.
        for s in StatuteBook.all {
            for other in [s.repealedBy, s.lastAmendedBy, s.amends, s.coveredBy].compactMap({ $0 }) {
                XCTAssertEqual(StatuteBook.statute(other)?.inForce, true, "\(s.short) names \(other)")
            }
        }
        XCTAssertFalse(StatuteBook.statute("UU 36/2009")?.inForce ?? true)
        XCTAssertFalse(StatuteBook.statute("UU 29/2004")?.inForce ?? true)
    }

    /// The legal review of the rules' grounds (docs/rules.md "Legal review"): what the law's
    /// wording does not cover is not cited. Each line: rule, grounds it must not cite, why.
    func testRuleGroundsAreOnesTheLawSupports() throws {
        let forbidden: [(rule: String, not: [String], why: String)] = [
            ("audit-pengawasan-internal", ["17h"], "an audit of the body is not a person's secret"),
            ("keuangan-belum-diaudit", ["17h"], "the body's own accounts are not a person's secret"),
            ("perjanjian-klausul-rahasia", ["17i"], "an agreement with a third party is setiap saat (Pasal 11(1)e), not a memorandum"),
            ("pemeriksaan-etik-disiplin", ["17a1"], "a disciplinary hearing is not a criminal investigation"),
            ("rencana-operasi", ["17a3"], "17a3 is intelligence on transnational crime"),
            ("kerawanan-keamanan", ["17a3"], "17a3 is intelligence on transnational crime"),
            ("perkara-badan-publik", ["17a"], "huruf a has points, all about criminal enforcement"),
            ("keamanan-sistem", ["17j"], "huruf j needs the law that closes the information"),
        ]
        for (id, not, why) in forbidden {
            let rule = try XCTUnwrap(defaultRules.rules.first { $0.id == id }, id)
            for code in not { XCTAssertFalse(rule.grounds.contains(code), "\(id) cites \(code): \(why)") }
            XCTAssertFalse(rule.grounds.isEmpty, id)
            // Where the law leaves room, the explanation says so for the consequence test.
            XCTAssertTrue(rule.description.contains("UU 14/2008 Pasal 17"), "\(id): the explanation names its ground")
        }
        // Huruf a angka 5 protects law enforcers' equipment only: a rule citing it for office
        // security says the ground is weak there (fourth review).
        let security = try XCTUnwrap(defaultRules.rules.first { $0.id == "keamanan-gedung-objek-vital" })
        XCTAssertTrue(security.description.contains("huruf a angka 5 hanya melindungi peralatan, sarana dan prasarana penegak hukum"),
                      security.description)
        // UU 43/2009 Pasal 44 closes archives for the reasons of UU 14/2008 Pasal 17 a–i; the subjects
        // of *arsip terjaga* (kependudukan, kewilayahan, …) are not those reasons (fourth review).
        let archives = try XCTUnwrap(defaultRules.rules.first { $0.id == "arsip-tertutup" })
        XCTAssertTrue(archives.description.contains("Pasal 44 (menghambat penegakan hukum"), archives.description)
        XCTAssertFalse(archives.description.contains("Pasal 44 (kependudukan"), archives.description)
        // A decree's ground names the law itself, "as amended", never the amending law alone
        // (17j1 said "UU 24/2013 tentang Perubahan atas UU 23/2006 …").
        for ground in defaultRules.grounds {
            let cited = StatuteBook.citations(in: ground.legalBasis).map(\.short)
            for short in cited {
                guard let base = StatuteBook.statute(short)?.amends else { continue }
                XCTAssertTrue(cited.contains(base), "\(ground.code) cites \(short) without \(base): \(ground.legalBasis)")
            }
        }
        // No rule cites huruf j without its law, and rules check says so.
        XCTAssertEqual(defaultRules.rules.filter { $0.grounds.contains("17j") }.map(\.id), [])
    }

    /// A workspace whose rules were written before (a repealed law in `dasar_hukum`, a rule on
    /// bare 17j) keeps running — intake and feedback never stop over it — but `dip rules check`
    /// counts both as errors (and `dip approve` refuses a decree citing the repealed law).
    func testLegalDefectsBlockTheCheckNotTheRun() throws {
        let grounds = try String(contentsOf: Paths.rules.appendingPathComponent("pengecualian.yaml"), encoding: .utf8)
        let repealed = grounds.replacingOccurrences(of: "dasar_hukum: UU 14/2008 Pasal 17 huruf j jo. UU 17/2023 tentang Kesehatan",
                                                    with: "dasar_hukum: UU 14/2008 Pasal 17 huruf j jo. UU 36/2009 tentang Kesehatan")
        XCTAssertNotEqual(repealed, grounds)
        let rules = try String(contentsOf: Paths.rules.appendingPathComponent("aturan.yaml"), encoding: .utf8)
        let bareJ = rules.replacingOccurrences(of: "pengecualian: [17c]\n    contoh_cocok:\n      - Topologi", with: "pengecualian: [17c, 17j]\n    contoh_cocok:\n      - Topologi")
        // The website prints a category's dasar_hukum: checked the same way.
        let categories = try String(contentsOf: Paths.rules.appendingPathComponent("kategori.yaml"), encoding: .utf8)
        let oldPerki = categories.replacingOccurrences(of: "dasar_hukum: UU 14/2008 Pasal 9; Perki 1/2021",
                                                       with: "dasar_hukum: UU 14/2008 Pasal 9; Perki 1/2010 tentang Standar Layanan Informasi Publik")
        XCTAssertNotEqual(oldPerki, categories)
        let dir = try temporaryRules(replacing: ["pengecualian.yaml": repealed, "aturan.yaml": bareJ, "kategori.yaml": oldPerki])
        let set = try RuleSet.loadValidated(directory: dir)
        let blocking = set.validate().filter(\.blocksCheck)
        XCTAssertTrue(blocking.contains { $0.code == "statute" && $0.message.contains("UU 36/2009") }, "\(blocking)")
        XCTAssertTrue(blocking.contains { $0.code == "statute" && $0.message.contains("Perki 1/2010") }, "\(blocking)")
        XCTAssertNotEqual(bareJ, rules)
        XCTAssertTrue(blocking.contains { $0.code == "ground_without_law" }, "\(blocking)")
        XCTAssertTrue(blocking.allSatisfy { $0.severity == .warning && $0.text.contains(": galat: ") })
    }

    /// The points of pengecualian.yaml are the law's: UU 14/2008 Pasal 17 gives angka only to
    /// a, c, e, f and h (5, 7, 7, 4, 5 of them); j's numbers are local and each names its law;
    /// each title carries the words that set the point apart in the law's own text.
    func testGroundsFollowTheWordingOfPasal17() {
        let codes = Set(defaultRules.grounds.map(\.code))
        var law: Set<String> = ["17a", "17b", "17c", "17d", "17e", "17f", "17g", "17h", "17i", "17j"]
        for (letter, count) in [("a", 5), ("c", 7), ("e", 7), ("f", 4), ("h", 5)] {
            for n in 1...count { law.insert("17\(letter)\(n)") }
        }
        XCTAssertEqual(codes.filter { !$0.hasPrefix("17j") }, law.filter { !$0.hasPrefix("17j") })
        for code in codes where code.hasPrefix("17j") && code.count > 3 {
            XCTAssertFalse(defaultRules.grounds.first { $0.code == code }!.legalBasis.contains("huruf j angka"), code)
            XCTAssertFalse(StatuteBook.citations(in: defaultRules.grounds.first { $0.code == code }!.legalBasis)
                .filter { $0.short != "UU 14/2008" }.isEmpty, "\(code) names the law that closes the information")
        }
        // Words of the law (UU 14/2008 Pasal 17) each point's title must keep.
        let words: [String: [String]] = [
            "17a1": ["penyelidikan", "penyidikan", "tindak pidana"],
            "17a2": ["informan", "pelapor", "saksi", "korban"],
            "17a3": ["intelijen kriminal", "kejahatan transnasional"],
            "17a4": ["keselamatan", "penegak hukum"],
            "17a5": ["peralatan", "penegak hukum"],
            "17b": ["kekayaan intelektual", "persaingan usaha tidak sehat"],
            "17c": ["pertahanan dan keamanan negara"],
            "17c4": ["instalasi militer"],
            "17c6": ["persandian negara"],
            "17d": ["kekayaan alam"],
            "17e": ["ketahanan ekonomi nasional"],
            "17e3": ["rencana awal", "pajak"],
            "17e4": ["rencana awal", "tanah"],
            "17e6": ["pengawasan perbankan"],
            "17f": ["hubungan luar negeri"],
            "17g": ["akta otentik", "wasiat"],
            "17h": ["rahasia pribadi"],
            "17h1": ["anggota keluarga"],
            "17h2": ["kesehatan", "psikis"],
            "17h3": ["keuangan", "rekening bank"],
            "17h4": ["evaluasi", "kapabilitas", "intelektualitas"],
            "17h5": ["satuan pendidikan"],
            "17i": ["memorandum", "menurut sifatnya dirahasiakan"],
        ]
        for (code, required) in words {
            let title = defaultRules.groundTitle(code)?.lowercased() ?? ""
            for w in required { XCTAssertTrue(title.contains(w), "\(code) \"\(title)\" lacks \"\(w)\"") }
        }
    }
}

/// The shipped Mengingat texts the tests compare against (kept here so a change to the
/// shipped settings is a visible change to the tests).
enum DecreeSettingsText {
    static let perbankan = "Undang-Undang Nomor 7 Tahun 1992 tentang Perbankan (Lembaran Negara Republik Indonesia Tahun 1992 Nomor 31, Tambahan Lembaran Negara Republik Indonesia Nomor 3472) sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 4 Tahun 2023 tentang Pengembangan dan Penguatan Sektor Keuangan (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 4, Tambahan Lembaran Negara Republik Indonesia Nomor 6845);"
    static let statistik = "Undang-Undang Nomor 16 Tahun 1997 tentang Statistik (Lembaran Negara Republik Indonesia Tahun 1997 Nomor 39, Tambahan Lembaran Negara Republik Indonesia Nomor 3683);"
    static let tppu = "Undang-Undang Nomor 8 Tahun 2010 tentang Pencegahan dan Pemberantasan Tindak Pidana Pencucian Uang (Lembaran Negara Republik Indonesia Tahun 2010 Nomor 122, Tambahan Lembaran Negara Republik Indonesia Nomor 5164);"
    static let uu23of2014 = "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587) sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang (Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran Negara Republik Indonesia Nomor 6856);"
    static let adminduk = "Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan (Lembaran Negara Republik Indonesia Tahun 2006 Nomor 124, Tambahan Lembaran Negara Republik Indonesia Nomor 4674) sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan (Lembaran Negara Republik Indonesia Tahun 2013 Nomor 232, Tambahan Lembaran Negara Republik Indonesia Nomor 5475);"
}
