import XCTest
@testable import DIPCore

final class ClockTests: XCTestCase {
    func testSourceDateEpochFixesTheClock() {
        let clock = Clock.fromEnvironment(["SOURCE_DATE_EPOCH": "1767225600"]) // 2026-01-01T00:00Z
        XCTAssertEqual(clock.rfc3339(), "2026-01-01T07:00:00+07:00")
        XCTAssertEqual(clock.isoDate(), "2026-01-01")
        XCTAssertEqual(clock.indonesianDate(), "1 Januari 2026")
    }

    func testCategoryCodesAndOrder() {
        XCTAssertEqual(Category.sertaMerta.rawValue, "serta_merta")
        XCTAssertEqual(Category.allCases.sorted(), [.berkala, .sertaMerta, .setiapSaat, .dikecualikan])
        XCTAssertFalse(Category.dikecualikan.isOpen)
    }

    func testProblemLocationIsIndonesian() {
        let p = Problem(file: "a.xlsx", sheet: "DIP", row: 12, column: "C", columnName: "Ringkasan",
                        severity: .warning, code: "x", message: "m", hint: "h")
        XCTAssertEqual(p.locationText, "sheet 'DIP', baris 12, kolom C (Ringkasan)")
    }

    /// The earliest day a *waktu pembuatan* can mean: a date is itself, a month its 1st, a year its
    /// 1 January; a text naming no calendar time ("Saat terjadi", "Setiap tahun") gives none.
    func testEarliestDayOfATimeOfMaking() throws {
        let clock = Clock(now: Date(timeIntervalSince1970: 0))
        func day(_ text: String) -> String? { IndonesianDate.earliestDay(of: text).map(clock.isoDate) }
        XCTAssertEqual(day("2026-03-01"), "2026-03-01")
        XCTAssertEqual(day("1 Maret 2026"), "2026-03-01")
        XCTAssertEqual(day("Maret 2026"), "2026-03-01")
        XCTAssertEqual(day("Des 2025"), "2025-12-01")
        XCTAssertEqual(day("2026"), "2026-01-01")
        XCTAssertNil(day("Saat terjadi"))
        XCTAssertNil(day("Setiap tahun"))
        XCTAssertNil(day("26"))
        XCTAssertNil(day("2025 - 2026 Serang"))
    }
}
