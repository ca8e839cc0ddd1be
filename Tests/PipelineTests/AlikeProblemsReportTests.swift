import DIPCore
import Foundation
import XCTest

@testable import Pipeline

/// The unit's feedback text counts a summary of alike problems for the rows it stands for.
final class AlikeProblemsReportTests: XCTestCase {
    func testFeedbackTextCountsTheRowsASummaryStandsFor() {
        let one = Problem(file: "d.csv", row: 2, column: "C", severity: .warning, code: "missing-value",
                          message: "Kolom pejabat kosong.", hint: "Isi.")
        var summary = Problem(file: "d.csv", row: 202, column: "C", severity: .warning, code: "missing-value",
                              message: "… dan 100 baris lain (baris 202–301) juga tanpa isi.", hint: "Isi kolom itu.")
        summary.alsoInRows = 100
        let outcome = FileOutcome(unit: "dinkes", fileName: "d.csv", sha256: "x", status: .accepted,
                                  items: [], problems: [one, summary])
        let text = FeedbackReport.text(unit: WorkUnit(code: "dinkes", name: "Dinas Kesehatan"), outcomes: [outcome],
                                       clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600)))
        XCTAssertTrue(text.contains("Masalah yang perlu diperbaiki (101):"), text)
        XCTAssertEqual(FeedbackReport.file(outcome).detail, "0 informasi dibaca. 101 hal perlu diperbaiki.")
    }
}
