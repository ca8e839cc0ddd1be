import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Publish

/// Review pack rows kept between runs (`ReviewKeptRows`): a pack made with rows kept by an
/// earlier pack, with an empty store, or with no store at all is the same bytes, whatever moved
/// between the two packs; and a row rendered on its own is the row the whole-table writer
/// makes.
final class ReviewKeptRowsTests: XCTestCase {
    /// A store in memory, counting what it was asked.
    final class Store: @unchecked Sendable {
        var rows: [[String]: (bytes: [UInt8], split: Int)] = [:]
        var hits = 0
        var misses = 0

        var kept: KeptRows {
            KeptRows(lookup: { [self] fields in
                if let row = rows[fields] {
                    hits += 1
                    return row
                }
                misses += 1
                return nil
            }, keep: { [self] fields, bytes, split in rows[fields] = (bytes, split) })
        }
    }

    static let pieces = ["Laporan", " ", "keuangan", "\n", "&", "<b>", "\"", "'", "é", "e\u{301}", "—", "2024",
                         "\t", "\u{7}", "\u{FFFE}", "\r\n", "Ω", "≥", " – ", "x"]

    func testARowRenderedOnItsOwnIsTheRowOfTheWholeTable() {
        var texts = PieceTexts(Self.pieces, maxPieces: 7, seed: 19)
        for _ in 0..<300 {
            // Up to 12 columns: tables wider than `HTMLTables.wideColumns` are cards, whose long
            // texts carry a class.
            let width = 1 + texts.nextInt() % 12
            let headers = (0..<width).map { _ in texts.nextText() }
            let values = (0..<(texts.nextInt() % (width + 2))).map { _ in texts.nextText() }
            var whole = ""
            HTMLTables.table(headers: headers, rowCount: 1, row: { _ in values }, empty: "-") { whole += $0 }
            var row: [UInt8] = []
            HTMLTables.rowBytes(values, labels: HTMLTables.labelBytes(headers: headers),
                                wide: headers.count > HTMLTables.wideColumns, into: &row)
            let start = HTMLTables.tableStart(headers: headers)
            XCTAssertEqual(whole, start + String(decoding: row, as: UTF8.self) + HTMLTables.tableEnd,
                           "headers \(headers) values \(values)")
        }
    }

    /// The one-pass cell writer gives `cell`'s bytes for every text, usual or not: markup next
    /// to combining marks, CR, C0 and C1 controls, U+FFFE, LF before a combining mark.
    func testTheOnePassCellIsTheCell() {
        let pieces = Self.pieces + ["&\u{301}", "\u{301}<", "\n\u{301}", "\u{85}", "\u{A0}", "\u{FFFF}", "\u{0}",
                                    "\u{7F}", "°", "ü", "\u{300}", "\r", ">", "a&b", "\n"]
        var texts = PieceTexts(pieces, maxPieces: 8, seed: 191)
        var usual = 0
        for _ in 0..<20_000 {
            let text = texts.nextText()
            var out: [UInt8] = [0x41]
            HTMLTables.appendCell(text, to: &out)
            XCTAssertEqual(out, [0x41] + Array(HTMLTables.cell(text).utf8), "\(Array(text.unicodeScalars))")
            if !text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 }) { usual += 1 }
        }
        XCTAssertGreaterThan(usual, 1000)
    }

    /// A draft of `count` berkala items of two units, `shift` new items sorted before all others.
    static func input(count: Int, shift: Int = 0, changed: Set<Int> = []) throws -> ReviewInput {
        var input = try ReviewFixtures.input()
        var items: [VersionItem] = []
        for i in 0..<count {
            let unit = i % 3 == 0 ? Fixture.bpbd : Fixture.dinkes
            let text = changed.contains(i) ? "Laporan diubah \(i) & <lampiran>" : "Laporan keuangan \(i) — triwulan\nrinci"
            items.append(Fixture.item(String(format: "%@-%04d", unit.code, 100 + i), unit: unit, nomor: "\(i + 1)",
                                      ringkasan: text, category: .berkala, subgroup: .B))
        }
        for i in 0..<shift {
            items.append(Fixture.item(String(format: "bpbd-%04d", i), unit: Fixture.bpbd, nomor: "\(i)",
                                      ringkasan: "Informasi baru \(i)", category: .berkala, subgroup: .A))
        }
        input.draft?.items += items
        return input
    }

    func page(_ input: ReviewInput, kept: KeptRows?) throws -> [UInt8] {
        var out: [UInt8] = []
        try ReviewPack(input).writePage(clock: ReviewFixtures.clock, kept: ReviewKeptRows(page: kept)) { out += $0 }
        return out
    }

    func testThePageIsTheSameWithKeptRowsWithAnEmptyStoreAndWithout() throws {
        let store = Store()
        let first = try Self.input(count: 40)
        let full = try page(first, kept: nil)
        XCTAssertEqual(full, Array(ReviewPage.html(first, clock: ReviewFixtures.clock).utf8))
        XCTAssertEqual(try page(first, kept: store.kept), full, "empty store")
        XCTAssertEqual(store.hits, 0)
        XCTAssertGreaterThan(store.rows.count, 40)
        XCTAssertEqual(try page(first, kept: store.kept), full, "every row kept")
        XCTAssertEqual(store.misses, store.rows.count)

        // Two new items sorted first (every number below moves) and three changed texts.
        let second = try Self.input(count: 40, shift: 2, changed: [3, 17, 39])
        let hits = store.hits
        let misses = store.misses
        XCTAssertEqual(try page(second, kept: store.kept), try page(second, kept: nil))
        XCTAssertGreaterThan(store.hits - hits, 30, "moved rows were not reused")
        XCTAssertGreaterThanOrEqual(store.misses - misses, 5, "new and changed rows must be rendered")
        XCTAssertTrue(String(decoding: try page(second, kept: store.kept), as: UTF8.self).contains("Laporan diubah 17 &amp; &lt;lampiran&gt;"))
    }

    func testADamagedKeptRowIsNotUsedUnlessItsKeyMatches() throws {
        // A row kept under other texts is never returned for these: the store is keyed by
        // every text. A kept row whose bytes were replaced shows (the store is trusted; the
        // file store checks a digest, KeptRowFileTests), which proves the kept bytes are used.
        let store = Store()
        let input = try Self.input(count: 5)
        _ = try page(input, kept: store.kept)
        let key = try XCTUnwrap(store.rows.keys.first { $0.contains("Laporan keuangan 2 — triwulan\nrinci") })
        store.rows[key] = (Array("<tr><td>PENGGANTI</td></tr>\n".utf8), 8)
        let text = String(decoding: try page(input, kept: store.kept), as: UTF8.self)
        XCTAssertTrue(text.contains("PENGGANTI</td></tr>"), "the kept row was not used")
    }
}
