import XCTest

@testable import Register

final class MatchingTests: XCTestCase {
    func testNormalisedKeyFoldsCaseAccentsAndPunctuation() {
        XCTAssertEqual(
            ItemMatching.normalisedKey("  Laporan Keuangan (LRA),  Tahun 2025. "),
            "laporan keuangan lra tahun 2025")
        XCTAssertEqual(ItemMatching.normalisedKey("Rékap—Data"), "rekap data")
    }

    func testSmallEditIsSimilarAndUnrelatedIsNot() {
        let a = ItemMatching.normalisedKey("Rencana Strategis Dinas Kesehatan 2021-2026")
        let b = ItemMatching.normalisedKey("Rencana Strategis Dinas Kesehatan 2021-2025")
        XCTAssertGreaterThanOrEqual(ItemMatching.similarity(a, b), 0.85)
        let c = ItemMatching.normalisedKey("Daftar Pegawai Negeri Sipil")
        XCTAssertLessThan(ItemMatching.similarity(a, c), 0.85)
    }
}
