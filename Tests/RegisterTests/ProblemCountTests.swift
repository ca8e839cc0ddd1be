import DIPCore
import Foundation
import GRDB
import XCTest
@testable import Register

/// A submission's "masalah" in `dip status` is what its unit must fix, as its feedback and
/// `dip run` count it: a note worth knowing (every CSV's dialect note) is none.
final class ProblemCountTests: XCTestCase {
    static let note = Problem(file: "usulan.csv", severity: .info, code: "csv-dialect",
                              message: "File CSV dibaca dengan pemisah kolom titik koma (;).", hint: "")
    static let warning = Problem(file: "usulan.csv", row: 3, column: "C", severity: .warning, code: "empty-field",
                                 message: "Pejabat yang menguasai informasi kosong.", hint: "Isi kolomnya.")

    func submit(_ db: AppDatabase, _ problems: [Problem], sha: String) throws {
        _ = try db.recordSubmission(unit: Fixture.dinkes, fileName: "\(sha).csv", sha256: sha,
                                archivedPath: "archive/originals/dinkes/\(sha).csv", receivedAt: Fixture.date(0),
                                result: .accepted, items: Fixture.baseList, problems: problems)
    }

    func problems(_ db: AppDatabase) throws -> Int? {
        try db.status().units.first { $0.unit.code == "dinkes" }?.problemCount
    }

    func testNotesAreNotCountedAsProblems() throws {
        let db = try AppDatabase.inMemory()
        try submit(db, [Self.note], sha: "a")
        XCTAssertEqual(try problems(db), 0, "a clean CSV has nothing to fix")
        try submit(db, [Self.note, Self.warning], sha: "b")
        XCTAssertEqual(try problems(db), 1)
    }

    /// A register written before counted the note: the migration recounts its rows.
    func testAnOlderRegistersCountsAreRecounted() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dip-count-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let db = try AppDatabase.open(path: path)
            try submit(db, [Self.note, Self.warning], sha: "b")
        }
        // As the earlier binary stored it, before the migration.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE submissions SET problem_count = 2")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v18-problem-count-without-notes'")
        }
        try queue.close()
        XCTAssertEqual(try problems(try AppDatabase.open(path: path)), 1)
    }
    /// A summary of alike problems keeps the rows it stands for and their short text through
    /// the register (the feedback rebuilt after a PPID's note marks every row from them).
    func testASummarysRowsAndShortTextRoundTrip() throws {
        let db = try AppDatabase.inMemory()
        var summary = Self.warning
        summary.row = 202
        summary.alsoInRows = 7
        summary.summarisedRows = [202...205, 210...210, 300...301]
        summary.rowText = "Pejabat yang menguasai informasi kosong."
        try submit(db, [Self.warning, summary], sha: "c")
        let back = try db.lastProblems(unit: "dinkes")
        XCTAssertEqual(back, [Self.warning, summary])
        XCTAssertTrue(back[1].namesEverySummarisedRow)
        XCTAssertEqual(ProblemRecord.runsText(summary.summarisedRows), "202-205,210,300-301")
        XCTAssertNil(ProblemRecord.runs("202-x"))
    }
}
