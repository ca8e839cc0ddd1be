import DIPCore
import Foundation
import OfficeFormats
import TestSupport
import XCTest

@testable import Intake

/// A read the system fails (EIO from a share that dropped, ENOMEM …) is not a damaged file:
/// the intake says `failed` with the system's cause and hands over no refusal problem, and
/// the same file reads whole once the system reads again. Faults are made where the readers
/// ask the system for bytes (`ReadFaults`, under libzip and the CSV reader): tests run as
/// root, so permissions cannot make a read fail.
final class ReadFailureTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = try Scratch.directory("read-failure")
        ReadFaults.disarmAll()
    }

    override func tearDownWithError() throws {
        ReadFaults.disarmAll()
        try? FileManager.default.removeItem(at: dir)
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// What the unit would be told never appears: no problem, no refusal; the reason is the
    /// system's (EIO explained for the IT officer).
    func assertFailedBySystem(_ result: SubmissionResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, .failed, result.reason ?? "", file: file, line: line)
        XCTAssertEqual(result.problems, [], file: file, line: line)
        XCTAssertEqual(result.items, [], file: file, line: line)
        let reason = result.reason ?? ""
        XCTAssertTrue(reason.contains("gangguan sistem, bukan isi berkasnya"), reason, file: file, line: line)
        XCTAssertTrue(reason.contains(String(cString: strerror(EIO))), reason, file: file, line: line)
        XCTAssertTrue(reason.contains("Disk atau share jaringan gagal membaca"), reason, file: file, line: line)
    }

    func testAnXLSXWhoseSheetCannotBeReadMidwayFailsAndReadsWholeLater() throws {
        let bytes = try ReadFailureFixtures.xlsx(items: 1_500)
        XCTAssertGreaterThan(bytes.count, 120_000, "the sheet's data must lie well before the central directory")
        let path = try write(bytes, "dip.xlsx")
        // Mid-sheet: past what the sniff reads, well before the last 64 KiB libzip reads for
        // the central directory.
        ReadFaults.arm(.init(pathSuffix: "/dip.xlsx", offset: bytes.count / 3, effect: .fail(EIO)))
        // libzip opens the archive (its central directory reads fine) and fails in the sheet.
        let workbook = try XLSXWorkbook(path: path)
        XCTAssertThrowsError(try { var rows = try workbook.rows(sheet: 0); while try rows.nextRow() != nil {} }()) {
            XCTAssertEqual($0 as? FileReadError, FileReadError(path: path, code: EIO, operation: "read"), "\($0)")
        }
        assertFailedBySystem(readSubmission(at: path))
        XCTAssertGreaterThan(ReadFaults.hits, 0)
        ReadFaults.disarmAll()
        let again = readSubmission(at: path)
        XCTAssertEqual(again.status, .accepted, again.reason ?? "")
        XCTAssertEqual(again.items.count, 1_500)
    }

    func testATransientFailureInTheMiddleOfACSVFailsTheReadNotTheFile() throws {
        let (bytes, _) = ReadFailureFixtures.csv(items: 6_500)
        XCTAssertGreaterThan(bytes.count, 1 << 20, "more than one 1 MiB chunk")
        let path = try write(bytes, "dip.csv")
        // The second chunk's read fails once (a share that dropped for a moment).
        ReadFaults.arm(.init(pathSuffix: "/dip.csv", offset: (1 << 20) + 10, effect: .fail(EIO), times: 1))
        assertFailedBySystem(readSubmission(at: path))
        XCTAssertEqual(ReadFaults.hits, 1)
        let again = readSubmission(at: path)
        XCTAssertEqual(again.status, .accepted, again.reason ?? "")
        XCTAssertEqual(again.items.count, 6_500)
    }

    func testAFileWhoseFirstBytesCannotBeReadIsNotCalledEmpty() throws {
        // The sniff's read of the head failing used to read as "File kosong (0 byte)".
        let (bytes, _) = ReadFailureFixtures.csv(items: 10)
        let path = try write(bytes, "dip.csv")
        ReadFaults.arm(.init(pathSuffix: "/dip.csv", offset: 0, effect: .fail(EIO)))
        assertFailedBySystem(readSubmission(at: path))
        var problems: [Problem] = []
        let summary = streamSubmission(at: path, onItem: { _ in }, onProblem: { problems.append($0) })
        XCTAssertEqual(summary.status, .failed)
        XCTAssertEqual(problems, [], "the stream hands over no refusal problem")
    }

    func testDamagedBytesAreStillTheFilesProblem() throws {
        // A zip whose sheet data is garbage: a refusal for the unit, not a failure of the system.
        var bytes = try ReadFailureFixtures.xlsx(items: 300)
        for i in stride(from: bytes.count / 4, to: bytes.count / 2, by: 7) { bytes[i] ^= 0x5A }
        let result = readSubmission(at: try write(bytes, "rusak.xlsx"))
        XCTAssertEqual(result.status, .refused, result.reason ?? "")
        XCTAssertEqual(result.problems.first?.code, "corrupt-file")
    }
}
