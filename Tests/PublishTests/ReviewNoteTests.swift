import DIPCore
import Foundation
import Rules
import TestSupport
import XCTest

@testable import Publish

/// The review pack names a precedent's repository source as a GitHub repository with its
/// address ("[sumber: Rickiagung/profileperusahan:application/views/…php]" read as code to a PPID
/// officer, session 22); a web address and the register's own reference stay as they are.
final class ReviewNoteTests: XCTestCase {
    func testARepositorySourceIsNamedAsAGitHubRepository() throws {
        let repo = "Preseden: mirip dengan 'DIPA' (kemiripan 50%) — diumumkan berkala oleh 3 badan publik "
            + "[sumber: Rickiagung/profileperusahan:application/views/v_informasi_berkala.php]."
        XCTAssertEqual(ReviewContent.reviewNote(repo),
                       "Preseden: mirip dengan 'DIPA' (kemiripan 50%) — diumumkan berkala oleh 3 badan publik "
                        + "[sumber: repositori GitHub https://github.com/Rickiagung/profileperusahan, "
                        + "berkas application/views/v_informasi_berkala.php].")
        for kept in [
            "Preseden: mirip dengan 'Rekam medis' (kemiripan 90%) — dikecualikan oleh Pemerintah Kabupaten Lombok Tengah "
                + "[sumber: https://www.ppid.lomboktengahkab.go.id/daftar-informasi-dikecualikan.html].",
            "Keputusan PPID sendiri: mirip dengan 'Profil' (kemiripan 100%) — diumumkan berkala "
                + "[register: uji konsekuensi dinkes-0007, 2026-03-02].",
            "Unit menyatakan Berkala, aturan menyarankan Setiap Saat (kata kunci: tarif layanan).",
        ] {
            XCTAssertEqual(ReviewContent.reviewNote(kept), kept)
        }
        // In the pack: the category sheets' and the test sheet's explanations.
        var input = try ReviewFixtures.input()
        input.pending[0].classification.notes = [repo]
        let text = ReviewContent.tables(input).flatMap { $0.rows.flatMap { $0 } }.joined(separator: "\n")
        XCTAssertTrue(text.contains("repositori GitHub https://github.com/Rickiagung/profileperusahan"), text)
        XCTAssertFalse(text.contains("[sumber: Rickiagung/"), text)
    }
}

/// The byte reading of a note's source (`ReviewContent.repositorySource`, session 26) against the
/// reading by Characters it replaced for ASCII sources (`characterRepositorySource`): the same
/// split, or none, for the source of every precedent of the corpus's training bodies
/// (`Evaluator.split`; held-out and fresh bodies are not read) and for generated sources mixing
/// slashes, colons, spaces, web addresses and scalars outside ASCII; and whole notes the same.
final class ReviewNoteSourceTests: XCTestCase {
    func same(_ source: Substring, file: StaticString = #filePath, line: UInt = #line) {
        let now = ReviewContent.repositorySource(source).map { [String($0.repository), String($0.path)] }
        let before = ReviewContent.characterRepositorySource(source).map { [String($0.repository), String($0.path)] }
        XCTAssertEqual(now, before, source.debugDescription, file: file, line: line)
    }

    func testTrainingSourcesAreReadAsBefore() throws {
        let rules = try RuleSet.load(directory: Checkers.repoRoot.appendingPathComponent("rules"))
        let training = Evaluator.split(rules.precedents).training
        XCTAssertGreaterThan(training.count, 1_000)
        var repositories = 0
        for source in Set(training.map(\.source)) {
            same(Substring(source))
            if ReviewContent.repositorySource(Substring(source)) != nil { repositories += 1 }
            let note = "Preseden: mirip dengan 'Rekam medis' (kemiripan 90%) — dikecualikan oleh 2 badan publik [sumber: \(source)]."
            let expected = ReviewContent.characterRepositorySource(Substring(source)).map {
                "Preseden: mirip dengan 'Rekam medis' (kemiripan 90%) — dikecualikan oleh 2 badan publik "
                    + "[sumber: repositori GitHub https://github.com/\($0.repository), berkas \($0.path)]."
            } ?? note
            XCTAssertEqual(ReviewContent.reviewNote(note), expected)
        }
        // Both kinds of source are met: the comparison is not vacuous.
        XCTAssertGreaterThan(repositories, 10)
    }

    func testGeneratedSourcesAreReadAsBefore() {
        let pieces = ["owner", "repo", "/", "/", ":", ":", "://", " ", "https", "www.ppid.go.id", "a.php", "views",
                      "é", "\u{301}", "漢", "-", "_", "\t", "\r\n", ".", "x"]
        var state: UInt64 = 0x5EED_2026
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func words() -> String {
            var text = ""
            for _ in 0..<next(3) { text += pieces[next(pieces.count)] }
            return text
        }
        var repositories = 0
        for n in 0..<20_000 {
            var source = ""
            if n % 2 == 0 {
                // Shaped as "owner/name:path", with its separators and parts varied.
                source = words() + ["/", "/", "//", " /", ""][next(5)] + words() + [":", ":", "://", ":/", ""][next(5)] + words()
            } else {
                for _ in 0..<(1 + next(7)) { source += pieces[next(pieces.count)] }
            }
            same(Substring(source))
            // Inside a longer text too, as the note's slice is.
            let note = "é [sumber: " + source + "]."
            same(note[note.index(note.startIndex, offsetBy: 11)..<note.index(note.endIndex, offsetBy: -2)])
            if ReviewContent.repositorySource(Substring(source)) != nil { repositories += 1 }
        }
        XCTAssertGreaterThan(repositories, 200)
    }
}
