import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Intake

/// A time of making after the day the file was received is almost always a typo: the unit is
/// told at intake (a warning naming file, row and column), the item is still taken.
final class MadeAfterReceiptTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try Scratch.directory("made-after-receipt")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static let header = "No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu Pembuatan;Tempat Pembuatan;Bentuk Informasi;Retensi Arsip;Jenis Informasi"

    /// Received 5 January 2026, 20.00 WIB.
    static let received = Date(timeIntervalSince1970: 1_767_618_000)

    func testTimesOfMakingAfterTheDayOfReceiptAreWarnedAndKept() throws {
        let rows = [
            "1;Rencana Strategis;Sekretariat;Kepala Dinas;2026;Serang;Softcopy;Selama berlaku;Berkala",          // 1 Jan: fine
            "2;Laporan Kinerja;Sekretariat;Kepala Dinas;5 Januari 2026;Serang;Softcopy;5 tahun;Berkala",         // same day: fine
            "3;Laporan Keuangan;Sekretariat;Kepala Dinas;1 Maret 2026;Serang;Softcopy;5 tahun;Berkala",          // later: warned
            "4;Profil Dinas;Sekretariat;Kepala Dinas;2062;Serang;Softcopy;Selama berlaku;Berkala",               // typo of 2026
            "5;Peringatan Dini Banjir;Bidang Darurat;Kepala Dinas;Saat terjadi;Serang;Online;Selama berlaku;Serta Merta", // no calendar time
            "6;Daftar Aset;Sekretariat;Kepala Dinas;Februari 2026;Serang;Softcopy;5 tahun;Setiap Saat",          // later: warned
        ]
        let path = try write(([Self.header] + rows).joined(separator: "\r\n") + "\r\n", "dip-dinas.csv")
        let r = readSubmission(at: path, receivedAt: Self.received)
        XCTAssertEqual(r.status, .accepted)
        XCTAssertEqual(r.items.count, 6, "a warning, not a refusal: every item is taken")
        let late = r.problems.filter { $0.code == "made-after-receipt" }
        XCTAssertEqual(late.map(\.row), [4, 5, 7], late.map(\.message).joined(separator: "\n"))
        for p in late {
            XCTAssertEqual(p.file, "dip-dinas.csv")
            XCTAssertEqual(p.severity, .warning)
            XCTAssertEqual(p.column, "E")
            XCTAssertEqual(p.columnName, "Waktu Pembuatan")
            XCTAssertTrue(p.message.contains("sesudah tanggal berkas ini diterima (5 Januari 2026)"), p.message)
            XCTAssertTrue(p.hint.contains("Periksa tahun atau tanggalnya"), p.hint)
        }
        XCTAssertTrue(late[0].message.hasPrefix("Waktu pembuatan \"1 Maret 2026\""), late[0].message)
        XCTAssertTrue(late[1].message.hasPrefix("Waktu pembuatan \"2062\""), late[1].message)
        XCTAssertEqual(ProblemCode.madeAfterReceipt.severity, .warning)

        // Without a day of receipt (a file read on its own) nothing is judged.
        XCTAssertEqual(readSubmission(at: path).problems.filter { $0.code == "made-after-receipt" }, [])
        // Read the day after the last date, nothing is late.
        let later = readSubmission(at: path, receivedAt: try IndonesianDate.parse("2 Maret 2026"))
        XCTAssertEqual(later.problems.filter { $0.code == "made-after-receipt" }.map(\.row), [5])
    }

    /// A numeric date that names no calendar day ("31/02/2026") was taken silently and printed as
    /// the time of making in the decree: the unit is warned (the item is still taken); a real
    /// date, a year or a text is not.
    func testADateThatIsNoCalendarDayIsWarned() throws {
        let rows = [
            "1;Laporan Keuangan;Sekretariat;Kepala Dinas;31/02/2025;Serang;Softcopy;5 tahun;Berkala",
            "2;Rencana Strategis;Sekretariat;Kepala Dinas;2025-13-01;Serang;Softcopy;5 tahun;Berkala",
            "3;Laporan Kinerja;Sekretariat;Kepala Dinas;28/02/2025;Serang;Softcopy;5 tahun;Berkala",
            "4;Profil Dinas;Sekretariat;Kepala Dinas;2025;Serang;Softcopy;Selama berlaku;Berkala",
            "5;Peringatan Dini;Bidang Darurat;Kepala Dinas;Saat terjadi;Serang;Online;Selama berlaku;Serta Merta",
        ]
        let path = try write(([Self.header] + rows).joined(separator: "\r\n") + "\r\n", "dip-tanggal.csv")
        let r = readSubmission(at: path, receivedAt: Self.received)
        XCTAssertEqual(r.items.count, 5)
        let wrong = r.problems.filter { $0.code == "date-no-such-day" }
        XCTAssertEqual(wrong.map(\.row), [2, 3], "\(r.problems)")
        XCTAssertTrue(wrong.allSatisfy { $0.severity == .warning && $0.column == "E" })
        XCTAssertEqual(wrong.first?.message, "Waktu pembuatan \"31/02/2025\" bukan tanggal yang ada di kalender.")
    }

    /// One "Waktu dan Tempat" column: the time part is judged and quoted ("Serang, Maret 2026"
    /// → 1 March), and the warning names that column.
    func testTheTimePartOfAWaktuDanTempatColumnIsJudged() throws {
        let text = [
            "No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu dan Tempat Pembuatan;Bentuk Informasi;Retensi Arsip",
            "1;Data penerima bantuan;Bidang Sosial;Kepala Dinas;Serang, Maret 2026;Softcopy;5 tahun",
            "2;Rencana kerja;Bidang Sosial;Kepala Dinas;Serang, 2025;Softcopy;5 tahun",
        ].joined(separator: "\n") + "\n"
        let r = readSubmission(at: try write(text, "dinsos.csv"), receivedAt: Self.received)
        let late = r.problems.filter { $0.code == "made-after-receipt" }
        XCTAssertEqual(late.map(\.row), [2])
        XCTAssertEqual(late.first?.column, "E")
        XCTAssertEqual(late.first?.columnName, "Waktu dan Tempat Pembuatan")
        XCTAssertTrue(late.first?.message.hasPrefix("Waktu pembuatan \"Maret 2026\" jatuh") ?? false, late.first?.message ?? "")
    }
}
