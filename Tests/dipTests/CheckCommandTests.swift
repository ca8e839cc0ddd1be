import Foundation
import TestSupport
import XCTest

/// Runs the built `dip check` on the project's example inbox (examples/inbox) and checks output
/// and exit codes.
final class CheckCommandTests: XCTestCase {
    func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        try runBuiltDip(arguments, for: self)
    }

    /// The JSON report's `files` array, failing (not crashing) when it is missing.
    func reportedFiles(_ data: Data) throws -> [[String: Any]] {
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any],
                                 "dip check printed no JSON object: \(String(decoding: data, as: UTF8.self))")
        let files = try XCTUnwrap(json["files"] as? [[String: Any]], "no files in \(json)")
        XCTAssertFalse(files.isEmpty, "dip check reported no file: \(json)")
        return files
    }

    func items(_ file: [String: Any]) throws -> [[String: Any]] {
        try XCTUnwrap(file["items"] as? [[String: Any]], "no items in \(file)")
    }

    func testAcceptedFilesExitZeroWithJSON() throws {
        let csv = try Examples.file("bappeda", "usulan_dip_bappeda.csv").path
        let lock = try Examples.file("dinsos", "~$DIP Dinsos 2026.xlsx").path
        let (status, data) = try run(["check", "--format", "json", csv, lock])
        XCTAssertEqual(status, 0)
        let files = try reportedFiles(data)
        XCTAssertEqual(files.count, 1)  // the lock file is skipped
        XCTAssertEqual(files.first?["status"] as? String, "accepted")
        let items = try items(try XCTUnwrap(files.first, "no file reported"))
        XCTAssertEqual(items.map { $0["row"] as? Int }, [2, 3, 4, 5])
        XCTAssertEqual(items.map { $0["kategori"] as? String }, ["berkala", "berkala", "setiap_saat", "berkala"])
    }

    func testEachItemCarriesItsClassification() throws {
        let xlsx = try Examples.file("rsud-drajat", "dip-rsud-2026.xlsx").path
        let (status, data) = try run(["check", "--format", "json", xlsx])
        XCTAssertEqual(status, 0)
        let items = try items(try XCTUnwrap(try reportedFiles(data).first, "no file reported"))
        XCTAssertFalse(items.isEmpty)
        let klasifikasi = try items.map { try XCTUnwrap($0["klasifikasi"] as? [String: Any], "item without klasifikasi: \($0)") }
        for k in klasifikasi {
            for key in ["kategori", "subkelompok", "perlu_uji_konsekuensi", "dasar_pengecualian", "perlu_ditinjau", "alasan"] {
                XCTAssertTrue(k.keys.contains(key), "klasifikasi lacks \(key): \(k)")
            }
        }
        // The item the unit declared dikecualikan needs a consequence test with a named ground.
        let exempt = zip(items, klasifikasi).filter { $0.0["kategori"] as? String == "dikecualikan" }
        XCTAssertEqual(exempt.count, 1)
        let only = try XCTUnwrap(exempt.first, "no item declared dikecualikan in \(items)")
        XCTAssertEqual(only.1["perlu_uji_konsekuensi"] as? Bool, true)
        XCTAssertFalse((only.1["dasar_pengecualian"] as? [String] ?? []).isEmpty)
        XCTAssertFalse((only.1["alasan"] as? [Any] ?? []).isEmpty, "explains which rule fired")
    }

    func testRefusedFileExitsOneWithIndonesianText() throws {
        let xls = try Examples.file("satpolpp", "DIP Satpol PP.xlsx").path
        let xlsx = try Examples.file("rsud-drajat", "dip-rsud-2026.xlsx").path
        let (status, data) = try run(["check", xlsx, xls])
        XCTAssertEqual(status, 1)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("dip-rsud-2026.xlsx: DITERIMA, 6 informasi (sheet 'Daftar')"), text)
        XCTAssertTrue(text.contains("DIP Satpol PP.xlsx: DITOLAK"), text)
        XCTAssertTrue(text.contains("tanpa kata sandi"), text)
    }
}
