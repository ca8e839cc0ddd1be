import DIPCore
import Foundation
import OfficeFormats
import Register
import TestSupport
import XCTest

@testable import Publish

/// Every workbook a person reads, printed by LibreOffice Calc (which, like WPS, shows the
/// stored row heights and does not grow rows on opening): no word of any visible cell may be
/// cut off by a row too short for its wrapped text.
final class WorkbookRenderingTests: XCTestCase {
    let clock = ReviewFixtures.clock

    func assertNothingClipped(_ name: String, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let url = try Checkers.temporaryFile(name, bytes)
        // DIP_TEST_ARTIFACTS keeps the workbooks to look at (render them with soffice/pdftoppm).
        if let dir = ProcessInfo.processInfo.environment["DIP_TEST_ARTIFACTS"] {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try? Data(bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
        }
        let missing = try LibreOfficeRender.clippedWords(in: url)
        XCTAssertEqual(missing, [:], "\(name): words of visible cells missing from LibreOffice's print", file: file, line: line)
    }

    func testReviewWorkbookShowsAllText() throws {
        try assertNothingClipped("pemeriksaan.xlsx", try ReviewWorkbook.build(try ReviewFixtures.input(), clock: clock))
    }

    func testUnitFeedbackAndTemplateShowAllText() throws {
        let docs = UnitDocumentsTests(name: "fixtures", testClosure: { _ in })
        let f = docs.feedbackInputs()
        try assertNothingClipped("umpan-balik.xlsx", try UnitFeedback.workbook(
            unit: Fixture.dinkes, items: f.items, problems: f.problems, returnNotes: f.notes,
            classifications: f.classes, clock: clock))
        try assertNothingClipped("templat.xlsx", try UpdateTemplate.workbook(
            unit: Fixture.dinkes, items: docs.currentItems(), clock: clock))
    }

    func testOpenDataWorkbookShowsAllText() throws {
        let site = try makeTempDir().appendingPathComponent("website")
        try WebsiteWriter.write(version: Fixture.version3(), history: Fixture.history(), clock: Fixture.clock, to: site)
        let bytes = try Array(Data(contentsOf: site.appendingPathComponent("dip.xlsx")))
        try assertNothingClipped("dip.xlsx", bytes)
    }

    /// Fourteen notes of some 150 characters: more lines than a row of a spreadsheet's maximum
    /// height (409 pt) shows in the explanation's usual width.
    static let longNotes = (1...14).map {
        "Preseden: mirip dengan 'Data pribadi penerima bantuan sosial tahap \($0)' (kemiripan \(30 + $0)%) — "
            + "diumumkan berkala oleh Kementerian Pendidikan Dasar dan Menengah Republik Indonesia."
    }

    /// A unit's feedback cut a long explanation (rules, grounds, precedents) after 31 lines on
    /// screen and on paper: its column is widened to show it whole (session 22).
    func testUnitFeedbackShowsALongExplanationWhole() throws {
        let docs = UnitDocumentsTests(name: "fixtures", testClosure: { _ in })
        var f = docs.feedbackInputs()
        f.classes[0].notes = Self.longNotes
        let bytes = try UnitFeedback.workbook(unit: Fixture.dinkes, items: f.items, problems: f.problems,
                                              returnNotes: f.notes, classifications: f.classes, clock: clock)
        try assertNothingClipped("umpan-balik-panjang.xlsx", bytes)
    }

    /// The review workbook's "Alasan Perlu Uji" of a social-aid list with NIK and account numbers
    /// ran to 1,900 characters and was cut likewise (`examples/inbox`, session 22).
    func testReviewWorkbookShowsALongTestReasonWhole() throws {
        var input = try ReviewFixtures.input()
        input.pending[0].classification.notes = Self.longNotes
        try assertNothingClipped("pemeriksaan-panjang.xlsx", try ReviewWorkbook.build(input, clock: clock))
    }

    /// The estimate against texts whose wrapped lines are known.
    func testRowHeightFollowsWrappedText() {
        let w = XLSXRowHeight.usableWidth(columnWidth: 20)
        XCTAssertEqual(XLSXRowHeight.lineCount("Dinas", width: w, bold: false), 1)
        XCTAssertEqual(XLSXRowHeight.lineCount("satu\ndua\ntiga", width: w, bold: false), 3)
        let long = String(repeating: "informasi ", count: 20)
        XCTAssertGreaterThanOrEqual(XLSXRowHeight.lineCount(long, width: w, bold: false), 8)
        XCTAssertEqual(XLSXRowHeight.height([XLSXCell("pendek", style: .body)], widths: [20], spans: [:]), nil)
        let tall = XLSXRowHeight.height([XLSXCell(long, style: .body)], widths: [20], spans: [:]) ?? 0
        let wide = XLSXRowHeight.height([XLSXCell(long, style: .body)], widths: [20], spans: [0: 80]) ?? 0
        XCTAssertGreaterThan(tall, wide, "a merged cell spreads its text over the merged width")
    }
}
