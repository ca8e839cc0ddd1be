import DIPCore
import Foundation
import Intake
import XCTest

@testable import Publish

/// Feedback on a list whose alike problems were summarised (`Problem.alsoInRows`) still
/// counts every row that needs fixing, not only the rows listed one by one.
final class AlikeProblemsFeedbackTests: XCTestCase {
    func testRowsToFixCountTheRowsASummaryStandsFor() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("alike-fb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tanpa-pejabat.csv").path
        var text = "No;Ringkasan Isi Informasi;Pejabat yang Menguasai Informasi;Penanggung Jawab;Waktu dan Tempat;Bentuk Informasi;Retensi;Jenis Informasi\n"
        for k in 1...300 { text += "\(k);Laporan kegiatan \(k);;Kepala;2026;Softcopy;5 tahun;Berkala\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let r = readSubmission(at: path)
        XCTAssertEqual(r.items.count, 300)
        XCTAssertEqual(r.problems.filter { $0.alsoInRows == 100 }.count, 1, "\(r.problems.suffix(2))")
        let html = UnitFeedback.html(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), items: r.items,
                                     problems: r.problems, returnNotes: [], classifications: [],
                                     clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertTrue(html.contains("300 informasi dibaca; sedikitnya 300 baris perlu diperbaiki;"), html)
        XCTAssertTrue(html.contains("100 baris lain (baris 202–301)"), html)
    }
}
