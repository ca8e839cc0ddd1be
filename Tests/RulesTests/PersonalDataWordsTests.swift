import DIPCore
import Foundation
import XCTest
@testable import Rules

/// Personal data named in words, not by value (session 25): a consequence test concluding *terbuka*
/// on "Daftar penerima bantuan sosial beserta NIK dan nomor rekening" was warned only when a rule or
/// the test named a personal-data ground; recorded on another ground, or on none, it was published
/// whole without a word.
final class PersonalDataWordsTests: XCTestCase {
    func labels(_ text: String) -> [String] { PersonalDataWords.named(in: [text]).map(\.label) }

    func testKindsNamedInWordsAreFound() {
        XCTAssertEqual(labels("Daftar penerima bantuan sosial beserta NIK dan nomor rekening"), ["NIK", "nomor rekening"])
        XCTAssertEqual(labels("Data wajib pajak dengan NPWP dan alamat rumah"), ["NPWP", "alamat rumah"])
        XCTAssertEqual(labels("Daftar peserta (nama, no. HP, tempat tanggal lahir)"), ["nomor HP", "tanggal lahir"])
        XCTAssertEqual(labels("Rekam medis pasien rawat inap"), ["rekam medis"])
        XCTAssertEqual(labels("Data pasien TB paru per puskesmas"), ["data pasien"])
        XCTAssertEqual(labels("Identitas anak dan data korban kekerasan"), ["data anak", "data korban"])
        XCTAssertEqual(labels("Nomor KK dan nomor induk kependudukan penerima"), ["NIK", "nomor KK"])
    }

    /// A kind said to be left out, and words that only look alike, name nothing.
    func testKindsLeftOutOrLookalikesAreNotNamed() {
        for text in [
            "Daftar penerima bantuan sosial tanpa NIK dan nomor rekening",
            "Daftar penerima bantuan (NIK dan nomor rekening disamarkan)",
            "Daftar penerima bantuan, kecuali NIK",
            "Kode rekening 5.1.02 belanja pegawai", "Rekomendasi teknis", "Jumlah pasien per bulan",
            "Rekapitulasi anak usia sekolah", "Laporan keuangan", "Nikah massal tahun 2026",
        ] {
            XCTAssertEqual(labels(text), [], text)
        }
    }

    /// The warning of a test opening them: on whatever ground it was recorded, citing the grounds that
    /// protect the kinds named when none of its own does.
    func testAnOpenTestNamingPersonalDataInWordsIsFound() throws {
        let citations = LegalCitations.builtIn
        let item = InformationItem(source: SourceLocation(file: "x.csv", sheet: nil, row: 2), nomor: "1",
                                   ringkasan: "Daftar penerima bantuan sosial tahun 2026", pejabatPenguasa: "Dinsos",
                                   penanggungJawab: "Kepala", waktuPembuatan: "2026", tempatPembuatan: "", bentuk: "Softcopy",
                                   retensi: "5 tahun")
        var test = ConsequenceTest(
            specificInformation: "Daftar penerima bantuan sosial beserta NIK dan nomor rekening", legalBasis: "Pasal 17 huruf b",
            grounds: ["17b"], consequence: "-", publicInterest: "Pengawasan", conclusion: .open, period: .permanent,
            periodText: "", conditionsForOpening: "", tester: Official(name: "Tim"), testedOn: nil)
        let opened = try XCTUnwrap(citations.openedPersonalData(nil, test: test, item: item))
        XCTAssertEqual(opened.named, ["NIK", "nomor rekening"])
        XCTAssertEqual(opened.grounds, ["17h3", "17j1"])
        let said = citations.describe(opened)
        XCTAssertTrue(said.hasPrefix("menyebut: NIK, nomor rekening; dasar: "), said)
        XCTAssertTrue(said.contains("Pasal 17 huruf h angka 3"), said)
        XCTAssertTrue(said.contains("Administrasi Kependudukan"), said)
        test.specificInformation = "Daftar penerima bantuan sosial tanpa NIK dan nomor rekening"
        XCTAssertNil(citations.openedPersonalData(nil, test: test, item: item))
        test.specificInformation = "Daftar penerima bantuan sosial beserta NIK dan nomor rekening"
        test.conclusion = .exemptPart
        XCTAssertNil(citations.openedPersonalData(nil, test: test, item: item))
    }
}
