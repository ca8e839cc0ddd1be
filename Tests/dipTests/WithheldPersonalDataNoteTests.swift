import DIPCore
import Foundation
import XCTest
@testable import dip

/// `dip approve` names the exempted items whose summary, title or withheld part carries a value of
/// personal data (session 23): the decrees and the site print it masked, and the unit should name
/// the information without the data.
final class WithheldPersonalDataNoteTests: XCTestCase {
    func exempted(_ id: String, _ ringkasan: String, specific: String = "Data pribadi") -> VersionItem {
        VersionItem(
            id: id, revision: 2, unit: WorkUnit(code: "dinsos", name: "Dinas Sosial"),
            item: InformationItem(source: SourceLocation(file: "dinsos.xlsx", sheet: "DIP", row: 5), nomor: "7",
                                  ringkasan: ringkasan, pejabatPenguasa: "Bidang", penanggungJawab: "Kepala",
                                  waktuPembuatan: "2026", tempatPembuatan: "Serang", bentuk: "Cetak", retensi: "5 tahun"),
            category: .dikecualikan, subgroup: nil, classification: nil, change: .added, recordedAt: Date(timeIntervalSince1970: 0),
            consequenceTest: ConsequenceTest(specificInformation: specific, legalBasis: "", grounds: ["17h3"], consequence: "x",
                                             publicInterest: "y", conclusion: .exemptWhole, period: .whileValid,
                                             periodText: "Selama berlaku", conditionsForOpening: "",
                                             tester: nil, testedOn: nil))
    }

    func testItemsWithPersonalDataAreNamedWithWhatWasFound() throws {
        let note = try XCTUnwrap(DIP.Approve.withheldPersonalDataNote([
            exempted("dinsos-0007", "Daftar penerima bantuan sosial beserta NIK dan nomor rekening"),
            exempted("dinsos-0008", "Rekam medis a.n. Siti NIK 3604015203870002", specific: "HP 081234567890"),
            exempted("dinsos-0009", "Data penerima", specific: "rekening 1234567890"),
        ]))
        XCTAssertTrue(note.hasPrefix("Perhatian: 2 informasi yang dikecualikan memuat data pribadi dalam ringkasan, judul atau "
            + "informasi spesifiknya: dinsos-0008 revisi 2 (NIK/nomor KK, nomor telepon, nama); dinsos-0009 revisi 2 (nomor rekening). "),
                      note)
        XCTAssertTrue(note.contains("\"[data pribadi disamarkan]\" (nama orang: \"[nama disamarkan]\")"), note)
        XCTAssertFalse(note.contains("dinsos-0007"), "a summary naming the kind of data is not data: \(note)")
        XCTAssertNil(DIP.Approve.withheldPersonalDataNote([exempted("dinsos-0007", "Daftar penerima bantuan sosial")]))
    }

    /// An open item's summary is published as the unit wrote it: a value of personal data in it is
    /// named before the DIP decree is signed; the open part of an item exempted in part is masked
    /// already and not named again.
    func testOpenItemsWithPersonalDataAreNamed() throws {
        var open = exempted("dinsos-0010", "Daftar hadir rapat, kontak budi@contoh.id")
        open.category = .setiapSaat
        open.consequenceTest = nil
        var partial = exempted("dinsos-0011", "Rekap penerima, rekening 1234567890")
        partial.consequenceTest?.conclusion = .exemptPart
        let note = try XCTUnwrap(DIP.Approve.listedPersonalDataNote([open, partial]))
        XCTAssertTrue(note.hasPrefix("Perhatian: ringkasan 1 informasi dalam DIP memuat data pribadi: dinsos-0010 revisi 2 "
            + "(alamat surel). "), note)
        XCTAssertFalse(note.contains("dinsos-0011"), note)
        XCTAssertNil(DIP.Approve.listedPersonalDataNote([exempted("dinsos-0012", "Profil Dinas Sosial")]))
    }
}
