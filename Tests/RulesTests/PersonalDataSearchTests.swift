import Foundation
import Rules
import TestSupport
import XCTest

@testable import DIPCore

/// The byte search that decides whether a text may hold a person's name (`PersonNames.mayHoldNames`,
/// session 26) against the Foundation search it replaced (`foundationMayHoldNames`): the same answer
/// on every title of the corpus's training bodies (`Evaluator.split`; held-out and fresh bodies are
/// not read), every summary and title of the example inbox, each joined as the review pack joins
/// them, and on generated texts mixing honorifics, cue words, names, capitals, tabs, line breaks and
/// scalars outside ASCII. Where the two agree, `find`, `kinds` and `masked` give what they gave
/// before: checked too, with the old shortcut in front of the same patterns.
final class PersonalDataSearchTests: XCTestCase {
    /// `PersonNames.find` with the Foundation shortcuts it had: `furtherNames`' and its own, each in
    /// front of the same patterns.
    func oldNames(_ text: String) -> [Range<String.Index>] {
        let further = PersonNames.foundationMayHoldFurtherNames(text) ? PersonNames.searchFurther(text) : []
        return PersonNames.foundationMayHoldNames(text) ? PersonNames.search(text, further: further) : further
    }

    func assertSameAsBefore(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(PersonNames.mayHoldNames(text), PersonNames.foundationMayHoldNames(text),
                       "shortcut: \(text.debugDescription)", file: file, line: line)
        XCTAssertEqual(PersonNames.mayHoldFurtherNames(text), PersonNames.foundationMayHoldFurtherNames(text),
                       "further shortcut: \(text.debugDescription)", file: file, line: line)
        let before = PersonalDataValues.find(in: text, names: oldNames(text))
        let now = PersonalDataValues.find(in: text)
        XCTAssertEqual(now, before, "find: \(text.debugDescription)", file: file, line: line)
        XCTAssertEqual(PersonalDataValues.kinds(in: text), PersonalDataValues.kinds(of: before),
                       "kinds: \(text.debugDescription)", file: file, line: line)
        XCTAssertEqual(PersonalDataValues.masked(text), PersonalDataValues.masked(text, found: before),
                       "masked: \(text.debugDescription)", file: file, line: line)
    }

    func testTrainingTitlesAndExamplesGetTheSameFindsAsBefore() throws {
        let training = Evaluator.split(defaultRules.precedents).training
        XCTAssertGreaterThan(training.count, 1_000)
        var texts = training.map(\.title)
        for unit in try FileManager.default.contentsOfDirectory(atPath: Examples.expected.path).sorted() {
            let folder = Examples.expected.appendingPathComponent(unit)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
                for item in json["items"] as? [[String: Any]] ?? [] {
                    let summary = item["ringkasan"] as? String ?? ""
                    let title = item["judul"] as? String
                    // As intake reads each field and the review pack and `dip approve` read both.
                    texts += [summary, summary + "\n" + (title ?? "")] + (title.map { [$0] } ?? [])
                }
            }
        }
        XCTAssertGreaterThan(texts.count, training.count + 30)
        var shortcutTaken = 0
        for text in texts {
            assertSameAsBefore(text)
            if PersonNames.mayHoldNames(text) { shortcutTaken += 1 }
        }
        // Both sides of the shortcut are met: the comparison is not vacuous. (The corpus's titles
        // name no person; the generated texts below do.)
        XCTAssertGreaterThan(shortcutTaken, 20)
        XCTAssertLessThan(shortcutTaken, texts.count / 2)
    }

    /// Generated texts: pieces units write (honorifics and cue words in every case, names, offices,
    /// numbers) and pieces that tell a byte search from Foundation's (a tab or two spaces inside
    /// "atas nama", a line break, "İ" and the Kelvin sign that lowercase to ASCII, combining marks,
    /// dashes and quotes), joined by random separators. Deterministic (fixed seed).
    func testGeneratedTextsGetTheSameFindsAsBefore() {
        let pieces = [
            "Surat", "pengaduan", "PENGADUAN", "Pengaduan", "aduan", "pelapor", "terlapor", "pasien", "Pasien", "PASIEN",
            "milik", "tersangka", "terdakwa", "korban", "pemohon", "saksi", "Sdr.", "sdr", "SDR", "Sdri.", "Sdr/i",
            "SDRAJAT", "Saudara", "saudarai", "Saudari", "Bapak", "bapak", "Ibu", "IBU", "ibu", "Pak", "Bu", "bu", "a.n.",
            "A.N.", "a. n.", "an.", "AN.", "a/n", "A/N", "atas nama", "ATAS NAMA", "atas\tnama", "atas  nama", "atas\nnama",
            "Tn.", "TN.", "Ny.", "NY.", "nn.", "Nn.", "Bpk.", "BPK", "BPK.", "bpk.", "Budi", "Santoso", "Siti", "Aminah",
            "Rina", "M.", "H.", "Kepala", "Dinas", "Bupati", "selaku", "sebagai", "Camat", "Rawat", "Inap", "dan", "di",
            "Data", "Laporan", "tahun", "2025", "NIK", "3604015203870002", "0812-3456-7890", "rek.", "1234567890",
            "budi@contoh.id", "İbu", "pasİen", "SAKSİ", "\u{212A}orban", "\u{212A}ORBAN", "Ibu\u{301}", "e\u{301}",
            "\u{301}", "é", "–", "’", "“Sdr.”", "\u{00A0}", "漢字", "Ñ", "\r\n", "\n", "\t",
            // `furtherNames`' cues and given names (substrings too: "kader" holds "ade").
            "almarhum", "Almarhumah", "ALM.", "almh.", "Mendiang", "ahli waris", "Ahli  Waris", "AHLI\tWARIS", "perkara",
            "Perkara", "bin", "binti", "Bin", "BINTI", "Ahmad", "Fauzi", "Nur", "NURUL", "Sri", "Eko", "kader", "Yusuf",
            "m\u{0130}lik", "S\u{0130}T\u{0130}",
        ]
        let separators = [" ", " ", " ", "", "  ", "\t", "\n", ", ", ": ", "; ", " \u{301}", "\r\n", "."]
        var state: UInt64 = 0x5EED_2026
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var shortcutTaken = 0, nonASCII = 0, named = 0
        for _ in 0..<20_000 {
            var text = ""
            for i in 0..<(1 + next(8)) {
                if i > 0 { text += separators[next(separators.count)] }
                text += pieces[next(pieces.count)]
            }
            assertSameAsBefore(text)
            if PersonNames.mayHoldNames(text) { shortcutTaken += 1 }
            if text.utf8.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
            if !PersonNames.find(in: text).isEmpty { named += 1 }
        }
        XCTAssertGreaterThan(shortcutTaken, 1_000)
        XCTAssertLessThan(shortcutTaken, 19_000)
        XCTAssertGreaterThan(nonASCII, 1_000)
        XCTAssertGreaterThan(named, 500)
    }

    /// Named cases: capitals and lowercase alike for the cue words, exact case for "Bapak "/"Ibu ",
    /// and a text outside ASCII answered as Foundation answers it (the Kelvin sign lowercases to "k").
    func testTheShortcutOnNamedCases() {
        for (text, expected) in [
            ("Laporan keuangan tahun 2024", false),
            ("Rekapitulasi PENGADUAN masyarakat", true),
            ("Tindak lanjut hasil pemeriksaan BPK", true),
            ("Surat Ibu Ratna Sari", true),
            ("Surat ibu ratna", false),
            ("IBU HAMIL", false),
            ("Data \u{212A}ORBAN bencana", true),
            ("Data KORBAN bencana", true),
            ("Data koban – bencana", false),
        ] {
            XCTAssertEqual(PersonNames.mayHoldNames(text), expected, text)
            XCTAssertEqual(PersonNames.foundationMayHoldNames(text), expected, text)
        }
    }
}
