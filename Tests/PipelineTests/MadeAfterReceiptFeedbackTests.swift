import DIPCore
import Foundation
import Register
import XCTest
@testable import Pipeline

/// The unit hears at intake, from the run's clock, that a time of making falls after the day
/// its file arrived (the example RSUD list dates information into February and March 2026;
/// received 1 January 2026); the items are still taken.
final class MadeAfterReceiptFeedbackTests: XCTestCase {
    func testTheUnitIsWarnedOfTimesOfMakingAfterTheDayItsFileArrived() throws {
        let w = try ExampleInboxWorkspace("dip-made-after")
        defer { try? FileManager.default.removeItem(at: w.root) }
        let summary = try w.run(0)
        let rsud = try XCTUnwrap(summary.outcomes.first { $0.unit == "rsud-drajat" })
        XCTAssertEqual(rsud.status, .accepted)
        XCTAssertEqual(try AppDatabase.open(path: w.workspace.registerPath.path).currentItems(unit: "rsud-drajat").count, 6,
                       "warned, not refused: every item is in the register")
        let late = rsud.problems.filter { $0.code == "made-after-receipt" }
        // "2026-01-05", "2026-01-20", "2026-02-01", "2026-02-14", "2026-03-01"; not "2025-11-03".
        XCTAssertEqual(late.map(\.row), [3, 4, 6, 7, 8])
        XCTAssertTrue(late.allSatisfy { $0.sheet == "Daftar" && $0.column == "E" && $0.severity == .warning })
        // "Serang, Maret 2026" in the Dinas Sosial list; "Januari 2026" and "2026" are not after 1 January.
        let dinsos = try XCTUnwrap(summary.outcomes.first { $0.unit == "dinsos" })
        XCTAssertEqual(dinsos.problems.filter { $0.code == "made-after-receipt" }.count, 1)

        let feedback = try String(contentsOf: w.workspace.feedbackFile(unit: "rsud-drajat", ext: "txt"), encoding: .utf8)
        XCTAssertTrue(feedback.contains("[PERINGATAN] sheet 'Daftar', baris 8, kolom E (Waktu Pembuatan): Waktu pembuatan \"2026-03-01\" jatuh sesudah tanggal berkas ini diterima (1 Januari 2026)"), feedback)
        XCTAssertTrue(feedback.contains("Periksa tahun atau tanggalnya (salah ketik?)"), feedback)
    }
}
