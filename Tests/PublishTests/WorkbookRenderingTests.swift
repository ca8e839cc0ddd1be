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
    /// height (409 pt) shows in the explanation's usual width. At least 61 % similar: the unit's
    /// feedback leaves weaker open titles out beside a rule's reason (session 24).
    static let longNotes = (1...14).map {
        "Preseden: mirip dengan 'Data pribadi penerima bantuan sosial tahap \($0)' (kemiripan \(60 + $0)%) — "
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

    /// The open categories' explanation column was left at 48 characters (session 22: finding
    /// its longest text meant reading a regency's draft twice), so an open item with a long
    /// explanation (a test on record adds its basis) was cut after 31 lines. The column is now
    /// fitted while the rows are written: widened for the long one, left as it was otherwise.
    func testReviewWorkbookShowsALongOpenExplanationWhole() throws {
        var input = try ReviewFixtures.input()
        let open = try XCTUnwrap(input.draft?.items.firstIndex { $0.category == .berkala })
        var long = input.pending[0].classification
        long.notes = Self.longNotes
        input.draft?.items[open].classification = long
        let bytes = try ReviewWorkbook.build(input, clock: clock)
        try assertNothingClipped("pemeriksaan-berkala-panjang.xlsx", bytes)
        // The Berkala sheet's explanation column (M) is widened to the narrowest width that
        // shows the text whole; the short texts of the fixture leave the other sheets' at 48.
        let explanation = ReviewContent.explanationCell(try XCTUnwrap(input.draft?.items[open]), citations: input.citations)
        let fitted = XLSXRowHeight.widthFitting([explanation], width: 48, limit: ReviewContent.widestExplanation)
        XCTAssertGreaterThan(fitted, 48)
        XCTAssertEqual(try Self.columnWidths(bytes, sheet: "Berkala")[12], fitted)
        XCTAssertEqual(try Self.columnWidths(try ReviewWorkbook.build(try ReviewFixtures.input(), clock: clock), sheet: "Berkala")[12], 48)
        XCTAssertEqual(try Self.columnWidths(bytes, sheet: "Setiap Saat")[12], 48)
    }

    /// The hidden id and revision columns of the review workbook (and the id column of a unit's
    /// update template) are out of the printed range: LibreOffice drew their wrapped text
    /// clipped to nothing, so the PDF's text carried every item id letter by letter, copied
    /// with the text though invisible on paper (session 22). The ids stay in the workbook.
    func testHiddenIdColumnsAreNotInThePrintedText() throws {
        let input = try ReviewFixtures.input()
        let ids = (input.draft?.items.map(\.id) ?? []) + input.pending.map(\.itemID)
        XCTAssertFalse(ids.isEmpty)
        let review = try ReviewWorkbook.build(input, clock: clock)
        let docs = UnitDocumentsTests(name: "fixtures", testClosure: { _ in })
        let items = docs.currentItems()
        let template = try UpdateTemplate.workbook(unit: Fixture.dinkes, items: items, clock: clock)
        for (name, bytes, ids) in [("pemeriksaan-id.xlsx", review, ids), ("templat-id.xlsx", template, items.map(\.itemID))] {
            let url = try Checkers.temporaryFile(name, bytes)
            // In content order (-raw) a cell's letters follow one another, so an id drawn
            // letter by letter reads whole once the layout's spaces and line breaks are gone.
            let raw = try Shell.run("/usr/bin/pdftotext", ["-raw", try LibreOfficeRender.pdf(of: url).path, "-"])
            XCTAssertEqual(raw.status, 0, raw.output)
            let text = raw.output.filter { !$0.isWhitespace }
            XCTAssertGreaterThan(text.count, 500, name)
            XCTAssertEqual(ids.filter { text.contains($0) }, [], "\(name): hidden ids in the printed text")
            let workbook = try ZipArchive(path: url.path)
            let strings = String(decoding: try workbook.readAll(try XCTUnwrap(try workbook.entry(named: "xl/sharedStrings.xml"))),
                                 as: UTF8.self)
            XCTAssertTrue(ids.allSatisfy { strings.contains($0) }, "\(name): the ids are still in the workbook")
        }
    }

    /// The `<col>` widths of a sheet of an .xlsx, by sheet name.
    static func columnWidths(_ bytes: [UInt8], sheet name: String) throws -> [Double] {
        let url = try Checkers.temporaryFile("lebar.xlsx", bytes)
        let archive = try ZipArchive(path: url.path)
        let workbook = String(decoding: try archive.readAll(try XCTUnwrap(try archive.entry(named: "xl/workbook.xml"))), as: UTF8.self)
        let names = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        let index = try XCTUnwrap(names.firstIndex { $0 == name }, "\(names)")
        let sheet = String(decoding: try archive.readAll(try XCTUnwrap(try archive.entry(named: "xl/worksheets/sheet\(index + 1).xml"))),
                           as: UTF8.self)
        return sheet.components(separatedBy: "<col ").dropFirst().compactMap { col in
            col.components(separatedBy: "width=\"").dropFirst().first.flatMap { Double($0.prefix { $0 != "\"" }) }
        }
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
