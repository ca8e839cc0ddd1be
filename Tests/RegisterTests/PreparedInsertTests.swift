import DIPCore
import Foundation
import GRDB
import XCTest

@testable import Register

/// The prepared inserts of the rows written by the thousand must store exactly what GRDB's
/// record insert stores: each record is inserted both ways and the two rows compared column
/// by column (all columns of the table, the auto-incremented id aside).
final class PreparedInsertTests: XCTestCase {
    func testPreparedInsertsStoreWhatRecordInsertsStore() throws {
        // The register's schema without foreign-key checks: the rows stand alone here.
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(configuration: configuration)
        try RegisterMigrations.migrator.migrate(queue)
        try queue.write { db in
            let when = Fixture.date(3)
            var sparse = Fixture.item("1", "Rekam medis pasien — 2024", kategori: nil)
            sparse.keterangan = nil
            var full = Fixture.item("2", "Laporan keuangan “LRA” 2025", kategori: .dikecualikan, kode: "LK-1")
            full.judul = "Judul"; full.keterangan = "Catatan"; full.dasarHukumText = "Pasal 17 huruf h"
            full.tautan = "https://ppid.example.go.id"; full.subkelompok = "C"; full.kategoriText = "DIK"
            full.tempatNormalised = "Serang"; full.waktuNormalised = "2025"
            for (n, information) in [sparse, full].enumerated() {
                let (_, classification) = Fixture.classified(information, suggested: n == 0 ? .berkala : .dikecualikan, test: n == 1)
                let items = [
                    ItemRecord(id: "a-\(n)", unit: "dinkes", seq: n, kode: information.kode, currentRevision: 1, createdAt: when,
                               createdSubmission: 7, withdrawnAt: n == 1 ? when : nil, withdrawnSubmission: n == 1 ? 8 : nil),
                    ItemRecord(id: "b-\(n)", unit: "dinkes", seq: n + 10, kode: information.kode, currentRevision: 1, createdAt: when,
                               createdSubmission: 7, withdrawnAt: n == 1 ? when : nil, withdrawnSubmission: n == 1 ? 8 : nil),
                ]
                try items[0].insert(db)
                try items[1].insertPrepared(db)
                try assertSameRows(db, table: "items", key: "id", "a-\(n)", "b-\(n)", ignoring: ["seq"])
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT seq FROM items WHERE id = ?", arguments: ["b-\(n)"]), n + 10)

                var byRecord = try RevisionRecord(item: "a-\(n)", revision: 1, submission: 7, recordedAt: when,
                                                  information: information, classification: classification)
                var prepared = byRecord
                prepared.item = "b-\(n)"
                try byRecord.insert(db)
                try prepared.insertPrepared(db)
                XCTAssertEqual(prepared.id, byRecord.id.map { $0 + 1 })
                try assertSameRows(db, table: "item_revisions", key: "item", "a-\(n)", "b-\(n)", ignoring: ["id"])

                let state = ItemStateRecord(submission: 7, item: "a-\(n)", revision: 1, change: n == 0 ? .added : .withdrawn,
                                            fields: n == 0 ? "" : "ringkasan,klasifikasi", position: n == 0 ? 3 : nil,
                                            nomor: n == 0 ? "1" : nil, sourceRow: n == 0 ? 9 : nil)
                var other = state
                other.item = "b-\(n)"
                try state.insert(db)
                try other.insertPrepared(db)
                try assertSameRows(db, table: "item_states", key: "item", "a-\(n)", "b-\(n)")

                let row = VersionItemRecord(version: 1, item: "a-\(n)", revision: 1, category: n == 0 ? .berkala : .dikecualikan,
                                            subgroup: n == 0 ? .C : nil, exempted: n == 1, test: n == 1 ? 4 : nil,
                                            change: .added, position: n, nomor: "\(n)")
                var otherRow = row
                otherRow.item = "b-\(n)"
                try row.insert(db)
                try otherRow.insertPrepared(db)
                try assertSameRows(db, table: "version_items", key: "item", "a-\(n)", "b-\(n)")
            }
        }
    }

    /// The rows whose `key` is `a` and `b` hold the same values (and types) in every other column.
    private func assertSameRows(_ db: Database, table: String, key: String, _ a: String, _ b: String,
                                ignoring: Set<String> = [], file: StaticString = #filePath, line: UInt = #line) throws {
        let columns = try db.columns(in: table).map(\.name).filter { $0 != key && !ignoring.contains($0) }
        XCTAssertGreaterThan(columns.count, 3, file: file, line: line)
        let select = columns.map { "quote(\"\($0)\")" }.joined(separator: ", ")
        let rows = try [a, b].map { value in
            try XCTUnwrap(Row.fetchOne(db, sql: "SELECT \(select) FROM \"\(table)\" WHERE \"\(key)\" = ?", arguments: [value]),
                          file: file, line: line)
        }
        for (index, column) in columns.enumerated() {
            XCTAssertEqual(rows[0][index] as String?, rows[1][index] as String?, "\(table).\(column)", file: file, line: line)
        }
    }
}
