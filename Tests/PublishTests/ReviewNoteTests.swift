import DIPCore
import Foundation
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
