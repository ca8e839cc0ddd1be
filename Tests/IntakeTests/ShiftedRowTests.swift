import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Intake

/// A CSV typed by hand with a comma inside a summary that is not quoted: the row's cells
/// shift right, its summary is cut at the comma and its other fields are read from the wrong
/// columns. The unit was told only the symptoms ("Retensi \"Serang\" tidak dapat dibaca …");
/// now the row is named with its cause and what to do.
final class ShiftedRowTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try Scratch.directory("shifted-row")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    static let header = "No,Ringkasan Isi Informasi,Pejabat/Unit yang Menguasai Informasi,Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu Pembuatan,Tempat Pembuatan,Bentuk Informasi,Jangka Waktu Penyimpanan,Jenis Informasi"

    func read(_ rows: [String], header: String = ShiftedRowTests.header) throws -> SubmissionResult {
        let url = dir.appendingPathComponent("dip.csv")
        try Data((([header] + rows).joined(separator: "\n") + "\n").utf8).write(to: url)
        return readSubmission(at: url.path)
    }

    func testARowShiftedByAnUnquotedCommaIsNamedWithItsCause() throws {
        let r = try read([
            "1,Laporan keuangan tahun 2025,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala",
            "2,Rencana strategis, rencana kerja, dan evaluasi 2025,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala",
            "3,\"Renstra, quoted\",Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala",
        ])
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.count, 3, "kept: a warning, not a refusal")
        let shifted = r.problems.filter { $0.code == "row-shifted" }
        XCTAssertEqual(shifted.map(\.row), [3], r.problems.map(\.message).joined(separator: "\n"))
        let p = try XCTUnwrap(shifted.first)
        XCTAssertEqual(p.severity, .warning)
        XCTAssertTrue(p.message.hasPrefix("Baris ini berisi 11 kolom, sedangkan judul tabel 9 kolom"), p.message)
        XCTAssertTrue(p.hint.contains("tanda kutip"), p.hint)
    }

    /// A row no wider than the header, or cells under a labelled column that is no DIP field
    /// ("Keterangan"), are not shifted; nor is anything in a workbook (cells beside a table).
    func testRowsWithinTheHeaderAreNotShifted() throws {
        let r = try read([
            "1,Laporan keuangan tahun 2025,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala,catatan",
            "2,Rencana strategis,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun",
        ], header: Self.header + ",Keterangan")
        XCTAssertEqual(r.problems.filter { $0.code == "row-shifted" }, [])
    }

    /// A notes column with no heading, as a spreadsheet exports it (every record as wide as
    /// the widest, so the header ends in an empty field, which the reader does not store): the
    /// rows are not shifted, the column is only ignored; a row wider still is. Every row was
    /// warned as shifted (audit, session 21; `RealListTests`' working sheet too).
    func testAnUnlabelledColumnUnderAnEmptyHeaderCellIsNotAShift() throws {
        let r = try read([
            "1,Laporan keuangan tahun 2025,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala,sudah diunggah",
            "2,Rencana strategis 2025-2029,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala,sudah diunggah",
            "3,Rencana strategis, rencana kerja 2025,Sekretariat,Kepala Dinas,2025,Serang,Softcopy,5 tahun,Berkala,sudah diunggah",
        ], header: Self.header + ",")
        XCTAssertEqual(r.items.count, 3)
        XCTAssertEqual(r.problems.filter { $0.code == "row-shifted" }.map(\.row), [4],
                       r.problems.map(\.message).joined(separator: "\n"))
        XCTAssertTrue(r.problems.contains { $0.code == "columns-ignored" }, r.problems.map(\.code).joined(separator: ","))
        let shifted = try XCTUnwrap(r.problems.first { $0.code == "row-shifted" })
        XCTAssertTrue(shifted.message.hasPrefix("Baris ini berisi 11 kolom, sedangkan judul tabel 10 kolom"),
                      shifted.message)
    }
}
