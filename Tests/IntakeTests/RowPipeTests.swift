import OfficeFormats
import XCTest

@testable import Intake

/// `RowPipe`: rows read on a helper thread arrive in order, a read error after the rows
/// before it, and the helper never reads more than the bounded queue holds.
final class RowPipeTests: XCTestCase {
    private struct Failure: Error, Equatable { var afterRow: Int }

    /// Rows 1...count, one text cell each; throws instead of row `failAt` when set.
    private struct Numbers: RowSource {
        var count: Int
        var failAt: Int?
        var read = 0
        var mergedRanges: [MergedRange] { [] }

        mutating func nextRow() throws -> SheetRow? {
            if let failAt, read + 1 == failAt { throw Failure(afterRow: read) }
            guard read < count else { return nil }
            read += 1
            return SheetRow(number: read, cells: [.string("baris \(read)")])
        }
    }

    /// Takes every batch, giving each back once read (as `streamTable` does).
    private func drain(_ pipe: RowPipe<Numbers>) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        var spent: [SheetRow] = []
        while true {
            let batch = try pipe.next(recycling: spent)
            if batch.isEmpty { return rows }
            XCTAssertLessThanOrEqual(batch.count, RowPipe<Numbers>.batchRows)
            rows += batch
            spent = batch
        }
    }

    func testRowsArriveInOrderAndTheSourceComesBack() throws {
        for count in [0, 1, RowPipe<Numbers>.batchRows, RowPipe<Numbers>.batchRows + 1, 10_007] {
            let pipe = RowPipe(Numbers(count: count))
            pipe.start()
            let rows = try drain(pipe)
            XCTAssertEqual(rows.map(\.number), Array(stride(from: 1, through: count, by: 1)), "\(count)")
            XCTAssertEqual(rows.last?.cells, count > 0 ? [.string("baris \(count)")] : nil)
            XCTAssertEqual(try pipe.next(), [], "the end is reported again")
            XCTAssertEqual(pipe.stop().read, count)
        }
    }

    func testReadErrorComesAfterTheRowsBeforeIt() {
        for failAt in [1, 2, RowPipe<Numbers>.batchRows + 1, 3_000] {
            let pipe = RowPipe(Numbers(count: 5_000, failAt: failAt))
            pipe.start()
            var rows: [SheetRow] = []
            XCTAssertThrowsError(try {
                while true {
                    let batch = try pipe.next()
                    if batch.isEmpty { break }
                    rows += batch
                }
            }()) { error in
                XCTAssertEqual(error as? Failure, Failure(afterRow: failAt - 1))
            }
            XCTAssertEqual(rows.map(\.number), Array(stride(from: 1, through: failAt - 1, by: 1)))
            XCTAssertEqual(pipe.stop().read, failAt - 1)
        }
    }

    /// Stopped without taking anything: the helper read at most the queue and the batch in
    /// its hands, whatever the file's length.
    func testReadAheadIsBounded() throws {
        let pipe = RowPipe(Numbers(count: 1_000_000))
        pipe.start()
        let first = try pipe.next()
        XCTAssertEqual(first.first?.number, 1)
        let read = pipe.stop().read
        XCTAssertLessThanOrEqual(read, (RowPipe<Numbers>.depth + 2) * RowPipe<Numbers>.batchRows)
        XCTAssertGreaterThanOrEqual(read, first.count)
    }

    /// A pipe never started gives its source back untouched.
    func testStopWithoutStart() {
        XCTAssertEqual(RowPipe(Numbers(count: 3)).stop().read, 0)
    }
}
