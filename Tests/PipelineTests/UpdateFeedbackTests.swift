import DIPCore
import Foundation
import Logging
import OfficeFormats
import Publish
import Register
import TestSupport
import XCTest
@testable import Pipeline

/// A unit that sends its list again with one row changed, one removed and one added reads what
/// dip made of it: which rows are new, which changed (and in which columns), how many stand as
/// they were. Before (session 26), the feedback of an update listed every row alike; only the
/// withdrawn row was told, so the clerk could not tell whether an edited title was taken as a
/// change or as a new item.
final class UpdateFeedbackTests: XCTestCase {
    static let header = "No,Ringkasan Isi Informasi,Pejabat/Unit yang Menguasai Informasi,Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu Pembuatan,Tempat Pembuatan,Bentuk Informasi,Jangka Waktu Penyimpanan,Jenis Informasi\n"
    static let profil = "Profil Dinas Sosial,Sekretariat,Kepala Dinas Sosial,2025,Serang,Cetak,Selama berlaku,Berkala\n"
    static let renja = "Rencana Kerja Dinas Sosial Tahun 2026,Sekretariat,Kepala Dinas Sosial,2025,Serang,Cetak,5 tahun,Berkala\n"
    static let sop = "Standar Operasional Prosedur pelayanan rekomendasi PBI-JK,Bidang Rehabilitasi Sosial,Kepala Dinas Sosial,2025,Serang,Cetak,Selama berlaku,Setiap Saat\n"
    static let lkjip = "Laporan Kinerja Instansi Pemerintah Dinas Sosial Tahun 2025,Sekretariat,Kepala Dinas Sosial,2026,Serang,Online,5 tahun,Berkala\n"

    func testAnUpdatesFeedbackSaysWhichRowsAreNewOrChanged() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-update-feedback-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
        let inbox = workspace.inbox.appendingPathComponent("dinsos")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        func run(_ seconds: TimeInterval, _ name: String, _ rows: String) throws -> (txt: String, html: String, xlsx: URL) {
            try (Self.header + rows).write(to: inbox.appendingPathComponent(name), atomically: true, encoding: .utf8)
            _ = try Runner(workspace: workspace,
                           options: RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + seconds))),
                           logger: Logger(label: "test")).run()
            return (try String(contentsOf: workspace.feedbackFile(unit: "dinsos", ext: "txt"), encoding: .utf8),
                    try String(contentsOf: workspace.feedbackFile(unit: "dinsos", ext: "html"), encoding: .utf8),
                    workspace.feedbackFile(unit: "dinsos", ext: "xlsx"))
        }
        // The unit's first list: every row is new, which says nothing.
        let first = try run(0, "dip-1.csv", "1," + Self.profil + "2," + Self.renja + "3," + Self.sop)
        XCTAssertFalse(first.txt.contains("Dibanding daftar"), first.txt)
        XCTAssertFalse(first.txt.contains("Baru: belum ada"), first.txt)

        // Row 2 (file row 3) changed in two columns, the SOP removed, the LKjIP added (file row 4).
        let changedRenja = Self.renja.replacingOccurrences(of: "2025,Serang,Cetak,5 tahun", with: "Desember 2025,Serang,Cetak,5 (lima) tahun")
        let update = try run(86_400, "dip-2.csv", "1," + Self.profil + "2," + changedRenja + "3," + Self.lkjip)
        let said = "Dibanding daftar Anda yang tercatat sebelumnya: 1 informasi baru (baris 4), 1 diubah (baris 3), "
            + "1 tidak berubah, 1 dianggap ditarik."
        XCTAssertTrue(update.txt.contains("Status: DITERIMA. 3 informasi dibaca.\n" + said), update.txt)
        let renjaLine = try XCTUnwrap(update.txt.components(separatedBy: "  - baris ").first { $0.contains("Rencana Kerja") })
        XCTAssertTrue(renjaLine.contains("Diubah dibanding daftar yang tercatat: waktu pembuatan, retensi arsip."), renjaLine)
        let lkjipLine = try XCTUnwrap(update.txt.components(separatedBy: "  - baris ").first { $0.contains("Laporan Kinerja") })
        XCTAssertTrue(lkjipLine.contains("Baru: belum ada dalam daftar Anda yang tercatat."), lkjipLine)
        let profilLine = try XCTUnwrap(update.txt.components(separatedBy: "  - baris ").first { $0.contains("Profil Dinas") })
        XCTAssertFalse(profilLine.contains("Diubah") || profilLine.contains("Baru:"), profilLine)
        // The page and the workbook's status say the same.
        XCTAssertTrue(update.html.contains(said), update.html)
        let workbook = try XLSXWorkbook(path: update.xlsx.path).sharedStrings()
        XCTAssertTrue(workbook.contains { $0.contains(said) }, "\(workbook)")

        // The same list sent again unchanged but for a retyped date: one row changed, none new.
        let again = try run(2 * 86_400, "dip-3.csv", "1," + Self.profil + "2," + changedRenja
            + "3," + Self.lkjip.replacingOccurrences(of: ",2026,", with: ",Januari 2026,"))
        XCTAssertTrue(again.txt.contains("Dibanding daftar Anda yang tercatat sebelumnya: 1 diubah (baris 4), 2 tidak berubah."), again.txt)
    }
}
