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
}
