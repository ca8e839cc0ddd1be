import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Publish

/// The review pack written in one pass (`ReviewPack.write`: each row made once, when the
/// workbook writes it, and handed to the page) is the workbook and the page written apart.
final class ReviewPackTests: XCTestCase {
    /// Inputs with every table filled, with empty tables, and without a draft.
    static func inputs() throws -> [(String, ReviewInput)] {
        let full = try ReviewKeptRowsTests.input(count: 60, shift: 3, changed: [5, 40])
        var emptyTables = try ReviewFixtures.input()
        emptyTables.pending = []
        emptyTables.problemsByUnit = [:]
        var noDraft = try ReviewFixtures.input()
        noDraft.draft = nil
        noDraft.completeness = nil
        return [("full", full), ("empty tables", emptyTables), ("no draft", noDraft)]
    }

    func testOnePassEqualsTheWorkbookAndThePageWrittenApart() throws {
        for (name, input) in try Self.inputs() {
            let pack = ReviewPack(input)
            var page: [UInt8] = []
            let workbook = try pack.write(clock: ReviewFixtures.clock) { page += $0 }
            XCTAssertEqual(workbook, try pack.workbook(clock: ReviewFixtures.clock), name)
            XCTAssertEqual(workbook, try ReviewWorkbook.build(input, clock: ReviewFixtures.clock), name)
            XCTAssertEqual(page, Array(ReviewPage.html(input, clock: ReviewFixtures.clock).utf8), name)
            XCTAssertGreaterThan(page.count, 1000, name)
        }
    }

    func testOnePassWithKeptRowsEqualsThePageWrittenApart() throws {
        let store = ReviewKeptRowsTests.Store()
        for count in [40, 45] {
            let input = try ReviewKeptRowsTests.input(count: count, shift: count - 40, changed: [3])
            var page: [UInt8] = []
            _ = try ReviewPack(input).write(clock: ReviewFixtures.clock, kept: ReviewKeptRows(page: store.kept)) { page += $0 }
            XCTAssertEqual(page, Array(ReviewPage.html(input, clock: ReviewFixtures.clock).utf8), "\(count)")
        }
        XCTAssertGreaterThan(store.hits, 30, "the second pack reused no row")
    }

    /// The page writer makes the rows it is not given (a table skipped, a table given in
    /// part), so the page is whole whoever drives it; rows are made once each either way.
    func testThePageWriterMakesTheRowsItIsNotGiven() throws {
        let input = try ReviewKeptRowsTests.input(count: 25)
        let tables = ReviewContent.tables(input)
        let whole = Array(ReviewPage.html(input, clock: ReviewFixtures.clock).utf8)
        let nonEmpty = tables.indices.filter { tables[$0].rowCount > 3 }
        XCTAssertGreaterThanOrEqual(nonEmpty.count, 2)
        var page: [UInt8] = []
        let writer = ReviewPageWriter(tables: tables, kept: nil) { page += $0 }
        try writer.start(input, clock: ReviewFixtures.clock)
        // Rows 2 and 3 of one table (rows 0 and 1 are made by the writer), then row 1 of a
        // later table; everything else is left to `finish`.
        try writer.row(nonEmpty[0], 2, tables[nonEmpty[0]].row(2))
        try writer.row(nonEmpty[0], 3, tables[nonEmpty[0]].row(3))
        try writer.row(nonEmpty[1], 1, tables[nonEmpty[1]].row(1))
        try writer.finish()
        XCTAssertEqual(page, whole)
    }

    /// An error of the page's emitter made while the workbook is written is thrown, not lost.
    func testAnEmitterErrorIsThrown() throws {
        struct Full: Error {}
        let input = try ReviewKeptRowsTests.input(count: 10)
        var calls = 0
        XCTAssertThrowsError(try ReviewPack(input).write(clock: ReviewFixtures.clock) { _ in
            calls += 1
            if calls == 5 { throw Full() }
        }) { XCTAssertTrue($0 is Full, "\($0)") }
    }
}
