import DIPCore
import Foundation
import XCTest
@testable import Rules

/// The period-of-edition words (kamus.yaml `periode_terbit`, docs/classification.md §31 and §35):
/// an editable list that reads as the lists written in code until session 22 did, is checked
/// by `dip rules check` with file and line, and moves the classification when a PPID edits it.
final class EditionPeriodsTests: XCTestCase {
    /// The words of the shipped kamus find the periods the engine found before they were moved
    /// there, and nothing where it found nothing.
    func testShippedListsFindThePeriodsOfOneEdition() {
        let periods = defaultRules.morphology.editionPeriods
        let found: [(String, String?)] = [
            ("LAPORAN PENGADUAN TAHUN 2023 (TRIWULAN II)", "triwulan"),
            ("Laporan pengaduan masyarakat tahunan", "tahunan"),
            ("Rekap pengaduan per bln", "per bulan"),             // bentuk_singkat: bln → bulan
            ("Rekapitulasi pengaduan setiap tahun", "setiap tahun"),
            ("Rekapitulasi Pengaduan Bulan September/Oktober 2021", "bulan september"),
            ("Rekapitulasi pengaduan Oktober 2025", "oktober 2025"),
            ("Laporan Pebruari 2020", "pebruari 2020"),           // the older spelling offices type
            ("Rekapitulasi pengaduan tanggal 14 Maret 2025", nil), // a date, not a period
            ("Rekapitulasi pengaduan tgl 14 Maret 2025", nil),     // bentuk_singkat: tgl → tanggal
            ("Rekapitulasi pengaduan 14 Maret 2025", nil),
            ("Renstra 2021-2026", nil),                            // a year is no period
            ("Review Rencana Strategis Tahun 2023", nil),
            ("Laporan bulan ini", nil),
            ("Maret", nil),
        ]
        for (title, expected) in found {
            XCTAssertEqual(periods.period(in: defaultRules.morphology.matchTokens(title)), expected, title)
        }
        XCTAssertEqual(periods, EditionPeriods.builtIn, "the built-in lists are the shipped kamus's")
        XCTAssertTrue(periods.words.contains("triwulan") && periods.months.count == 14, "\(periods)")
    }

    /// A kamus without `periode_terbit` (a workspace made before it existed) keeps the built-in
    /// lists; an empty one turns the reading off; an edited one is what the classifier reads.
    func testAnEditedListMovesTheClassification() throws {
        let title = "Laporan penanganan pengaduan masyarakat mingguan"
        func suggested(kamus: String) throws -> Category? {
            let rules = try RuleSet.load(files: [("kategori.yaml", DefaultRules.text("kategori.yaml")!),
                                                 ("pengecualian.yaml", DefaultRules.text("pengecualian.yaml")!),
                                                 ("aturan.yaml", DefaultRules.text("aturan.yaml")!),
                                                 ("kamus.yaml", kamus)])
            return Classifier(ruleSet: rules, precedents: []).classify(item(title)).suggested
        }
        let shipped = DefaultRules.text("kamus.yaml")!
        XCTAssertEqual(try suggested(kamus: shipped), .setiapSaat, "\"mingguan\" is not in the shipped list")
        let edited = shipped.replacingOccurrences(of: "  kata: [tahunan,", with: "  kata: [mingguan, tahunan,")
        XCTAssertNotEqual(edited, shipped)
        XCTAssertEqual(try suggested(kamus: edited), .berkala, "a word the PPID added names a period")

        let tahunan = "Laporan penanganan pengaduan masyarakat tahunan"
        let without = Morphology.load(dictionary: "kata_tetap: [pengadaan]\n", roots: nil)
        XCTAssertTrue(without.issues.isEmpty, "\(without.issues)")
        XCTAssertEqual(without.morphology.editionPeriods, EditionPeriods.builtIn)
        let off = Morphology.load(dictionary: "periode_terbit: {}\n", roots: nil)
        XCTAssertTrue(off.issues.isEmpty, "\(off.issues)")
        XCTAssertNil(off.morphology.editionPeriods.period(in: TextNormalizer.tokens(tahunan)))
        XCTAssertEqual(without.morphology.editionPeriods.period(in: TextNormalizer.tokens(tahunan)), "tahunan")
    }

    /// `dip rules check` names the file and line of every entry that cannot work.
    func testMistakesAreReportedWithFileAndLine() {
        let kamus = """
        bentuk_singkat:
          tgl: tanggal
        periode_terbit:
          kata: [tahunan, per tahun]
          frasa:
            - per bulan
            - semesteran
          nama_bulan:
            - maret
            - "2024"
          kata_tanggal: [tanggal, tgl, tahunan]
          kata_lain: [x]

        """
        let loaded = Morphology.load(dictionary: kamus, roots: nil)
        let byLine = Dictionary(grouping: loaded.issues, by: \.location.line)
        func assertIssue(line: Int, code: String, mentions word: String, file: StaticString = #filePath, at: UInt = #line) {
            let found = byLine[line] ?? []
            XCTAssertTrue(found.contains { $0.code == code && $0.message.contains(word) && $0.location.file == "kamus.yaml"
                && $0.severity == .error }, "line \(line): \(found)", file: file, line: at)
        }
        assertIssue(line: 4, code: "not_a_word", mentions: "per tahun")        // two words in `kata`
        assertIssue(line: 7, code: "not_a_word", mentions: "semesteran")       // one word in `frasa`
        assertIssue(line: 10, code: "not_a_word", mentions: "2024")            // a number
        assertIssue(line: 11, code: "not_a_word", mentions: "tgl")             // a short spelling never matches
        assertIssue(line: 11, code: "duplicate_id", mentions: "tahunan")
        assertIssue(line: 12, code: "unknown_field", mentions: "kata_lain")
        XCTAssertEqual(loaded.issues.count, 6, "\(loaded.issues)")
        let periods = loaded.morphology.editionPeriods
        XCTAssertEqual(periods.words, ["tahunan"])
        XCTAssertEqual(periods.phrases, [["per", "bulan"]])
        XCTAssertEqual(periods.months, ["maret"])
        XCTAssertEqual(periods.dateWords, ["tanggal"])

        let wrongType = Morphology.load(dictionary: "periode_terbit: [tahunan]\n", roots: nil)
        XCTAssertTrue(wrongType.issues.contains { $0.code == "wrong_type" && $0.location.line == 1 }, "\(wrongType.issues)")
    }

    /// Moving the lists into the kamus changed nothing: on every corpus title and every law
    /// probe (and on month and period variants of them), the shipped lists find exactly what
    /// the code of session 21 (`Classifier.periodOfEdition`, copied below as it was) found.
    func testShippedListsReadEveryTitleAsTheCodeOfSession21Did() throws {
        func session21(_ tokens: [String]) -> String? {
            let periodWords: Set<String> = ["tahunan", "triwulan", "triwulanan", "semester", "semesteran", "bulanan", "caturwulan", "periodik"]
            let monthNames = Set(Clock.indonesianMonths.map { $0.lowercased() }).union(["pebruari", "nopember"])
            func isYear(_ t: String) -> Bool { t.count == 4 && (t.hasPrefix("19") || t.hasPrefix("20")) && t.allSatisfy(\.isNumber) }
            for (i, token) in tokens.enumerated() {
                if periodWords.contains(token) { return token }
                let next = i + 1 < tokens.count ? tokens[i + 1] : ""
                if (token == "per" || token == "setiap") && (next == "tahun" || next == "bulan") { return "\(token) \(next)" }
                guard monthNames.contains(token) else { continue }
                let previous = i > 0 ? tokens[i - 1] : ""
                let inDate = previous == "tanggal" || previous == "tgl" || (!previous.isEmpty && previous.allSatisfy(\.isNumber))
                if !inDate && (previous == "bulan" || isYear(next)) { return previous == "bulan" ? "bulan \(token)" : "\(token) \(next)" }
            }
            return nil
        }
        var titles = defaultRules.precedents.map(\.title)
        for name in ["probe-uu-dikecualikan.csv", "probe-uu-terbuka.csv"] {
            let text = try String(contentsOf: Paths.fixtures.appendingPathComponent(name), encoding: .utf8)
            titles += try LabelledList.read(text, file: name).map(\.title)
        }
        titles += titles.flatMap { ["\($0) bulan Maret", "\($0) Nopember 2024", "\($0) tgl 3 Mei 2024", "\($0) per bln", "\($0) triwulanan"] }
        let morphology = defaultRules.morphology
        var found = 0, differ = 0
        for title in titles {
            let tokens = morphology.matchTokens(title)
            let now = morphology.editionPeriods.period(in: tokens)
            if now != nil { found += 1 }
            if now != session21(tokens) { differ += 1 }
        }
        XCTAssertEqual(differ, 0, "titles read differently (of \(titles.count))")
        XCTAssertGreaterThan(found, titles.count / 2, "the variants name periods: the comparison is not vacuous")
    }
}
