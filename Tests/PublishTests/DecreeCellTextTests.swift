import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Publish

/// `DecreeWriter.cellText`'s shortcut for a plain line must give what the full clean-up gives
/// (kept here as the reference), on random texts with spaces, tabs, CR, LF, no-break and
/// other Unicode spaces and non-ASCII letters at either edge.
final class DecreeCellTextTests: XCTestCase {
    func testShortcutEqualsTheFullCleanUp() {
        let pieces = ["a", "Z", "9", " ", "\t", "\n", "\r", "\r\n", "\u{A0}", "\u{2003}", "\u{B}", "é", "—",
                      "\u{301}", "Laporan Keuangan", "Serang", "2024", "."]
        var texts = PieceTexts(pieces, maxPieces: 8, seed: 0x0DDB_1A5E_5BAD_5EED)
        var plain = 0
        for _ in 0..<20_000 {
            let text = texts.nextText()
            XCTAssertEqual(Array(DecreeWriter.cellText(text).utf8), Array(reference(text).utf8),
                           "\(text.unicodeScalars.map { $0.value })")
            if DecreeWriter.isPlainLine(text) { plain += 1 }
        }
        XCTAssertGreaterThan(plain, 2_000, "the shortcut is exercised")
    }

    /// Column 5's date: texts of digits alone skip `IndonesianDate.parse`, which never reads
    /// one (it wants day, month and year); every text still gives what parsing it gives.
    func testWhenOfDigitsAloneIsTheText() {
        let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
        var texts = PieceTexts(["0", "1", "2", "9", "2024", "-", "/", ".", " ", "Januari", ","], maxPieces: 6,
                               seed: 0x5EED_DA7E)
        var digitsOnly = 0
        for _ in 0..<5_000 {
            let waktu = texts.nextText()
            let item = InformationItem(
                source: SourceLocation(file: "f.xlsx", sheet: nil, row: 1), nomor: "1", ringkasan: "R",
                pejabatPenguasa: "", penanggungJawab: "", waktuPembuatan: waktu, tempatPembuatan: "",
                bentuk: "", retensi: "", kategori: nil)
            let cell = DecreeWriter.cellText(waktu)
            let expected = (try? IndonesianDate.parse(cell)).map { clock.indonesianDate($0) } ?? cell
            XCTAssertEqual(DecreeWriter.whenAndWhere(item, clock: clock), expected, waktu)
            if !cell.isEmpty, cell.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                digitsOnly += 1
                XCTAssertThrowsError(try IndonesianDate.parse(cell), cell)
            }
        }
        XCTAssertGreaterThan(digitsOnly, 100, "digits alone are exercised")
    }

    private func reference(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
