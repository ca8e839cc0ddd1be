import DIPCore
import Foundation

@testable import Register

/// Builders of small, readable test lists.
enum Fixture {
    static let dinkes = WorkUnit(
        code: "dinkes", name: "Dinas Kesehatan", headTitle: "Kepala Dinas Kesehatan")
    static let bpbd = WorkUnit(code: "bpbd", name: "Badan Penanggulangan Bencana Daerah")
    static let ppid = Official(name: "Drs. Ahmad Fauzi", nip: "197001011990031001")

    static func date(_ day: Int) -> Date {
        Date(timeIntervalSince1970: 1_780_000_000 + TimeInterval(day) * 86_400)
    }

    static func item(
        _ nomor: String, _ ringkasan: String, bentuk: String = "Cetak dan Online",
        kategori: DIPCore.Category? = .berkala, kode: String? = nil,
        pejabat: String = "Sekretariat"
    ) -> InformationItem {
        InformationItem(
            source: SourceLocation(file: "dip.xlsx", sheet: "DIP", row: 5 + (Int(nomor) ?? 0)),
            nomor: nomor, ringkasan: ringkasan, pejabatPenguasa: pejabat,
            penanggungJawab: "Kepala Dinas", waktuPembuatan: "2026", tempatPembuatan: "Serang",
            bentuk: bentuk, retensi: "5 tahun", kategori: kategori, kode: kode,
            retention: .years(5))
    }

    static func classified(
        _ item: InformationItem, suggested: DIPCore.Category? = nil, test: Bool = false,
        subgroup: BerkalaSubgroup? = nil
    ) -> (InformationItem, Classification) {
        let s = suggested ?? item.kategori
        return (item, Classification(
            declared: item.kategori, suggested: s, subgroup: s == .berkala ? (subgroup ?? .A) : nil,
            needsConsequenceTest: test, exemptionGrounds: test ? ["17h2"] : [],
            needsReview: item.kategori != s, missingLegalBasis: false, hits: [], notes: []))
    }

    static let baseList: [(InformationItem, Classification)] = [
        classified(item("1", "Profil Dinas Kesehatan Kabupaten Serang")),
        classified(item("2", "Rencana Strategis Dinas Kesehatan 2021-2026")),
        classified(item("3", "Laporan Kinerja Instansi Pemerintah (LKjIP) 2025")),
        classified(item("4", "Standar Operasional Prosedur Pelayanan Puskesmas",
                        kategori: .setiapSaat)),
    ]

    @discardableResult
    static func submit(
        _ db: AppDatabase, _ list: [(InformationItem, Classification)], sha: String,
        unit: WorkUnit = dinkes, day: Int = 0
    ) throws -> SubmissionUpdate {
        try db.recordSubmission(
            unit: unit, fileName: "\(sha).xlsx", sha256: sha,
            archivedPath: "archive/originals/\(unit.code)/\(sha).xlsx", receivedAt: date(day),
            result: .accepted, items: list, problems: [])
    }

    static func test(
        _ conclusion: ConsequenceConclusion, day: Int = 1
    ) -> ConsequenceTest {
        ConsequenceTest(
            specificInformation: "Riwayat penyakit pasien", legalBasis: "Pasal 17 huruf h angka 2",
            grounds: ["17h2"], consequence: "Mengungkap rahasia pribadi pasien",
            publicInterest: "Kepentingan publik tidak lebih besar", conclusion: conclusion,
            period: .permanent, periodText: "Permanen",
            conditionsForOpening: "Persetujuan tertulis pasien",
            tester: Official(name: "Tim Uji", nip: nil), testedOn: date(day))
    }

    /// Counts rows of a table through a fresh read (tests only).
    static func count(_ db: AppDatabase, _ table: String) throws -> Int {
        try db.rowCount(table: table)
    }
}
