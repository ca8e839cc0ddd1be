import Foundation
import XCTest

/// Runs the built `dip check` on the shared samples and checks output and exit codes.
final class CheckCommandTests: XCTestCase {
    static let inbox = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/samples/inbox")

    func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        // Linux: the bundle URL is the build directory; macOS: the .xctest bundle inside it.
        let bundle = Bundle(for: Self.self).bundleURL
        var binary = bundle.appendingPathComponent("dip")
        if !FileManager.default.isExecutableFile(atPath: binary.path) {
            binary = bundle.deletingLastPathComponent().appendingPathComponent("dip")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    func testAcceptedFilesExitZeroWithJSON() throws {
        let csv = Self.inbox.appendingPathComponent("disdukcapil/usulan_dip_disdukcapil.csv").path
        let lock = Self.inbox.appendingPathComponent("dinkes/~$DIP Dinkes 2026.xlsx").path
        let (status, data) = try run(["check", "--format", "json", csv, lock])
        XCTAssertEqual(status, 0)
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let files = json["files"] as! [[String: Any]]
        XCTAssertEqual(files.count, 1)  // the lock file is skipped
        XCTAssertEqual(files[0]["status"] as? String, "accepted")
        let items = files[0]["items"] as! [[String: Any]]
        XCTAssertEqual(items.map { $0["row"] as? Int }, [2, 3, 4, 5, 6, 7])
        XCTAssertEqual(items.map { $0["kategori"] as? String },
                       ["berkala", "berkala", "setiap_saat", "setiap_saat", "dikecualikan", "serta_merta"])
    }

    func testEachItemCarriesItsClassification() throws {
        let csv = Self.inbox.appendingPathComponent("disdukcapil/usulan_dip_disdukcapil.csv").path
        let (status, data) = try run(["check", "--format", "json", csv])
        XCTAssertEqual(status, 0)
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let items = (json["files"] as! [[String: Any]])[0]["items"] as! [[String: Any]]
        let klasifikasi = items.map { $0["klasifikasi"] as! [String: Any] }
        for k in klasifikasi {
            for key in ["kategori", "subkelompok", "perlu_uji_konsekuensi", "dasar_pengecualian", "perlu_ditinjau", "alasan"] {
                XCTAssertTrue(k.keys.contains(key), "klasifikasi lacks \(key): \(k)")
            }
        }
        // The item the unit declared dikecualikan needs a consequence test with a named ground.
        let exempt = zip(items, klasifikasi).filter { $0.0["kategori"] as? String == "dikecualikan" }
        XCTAssertEqual(exempt.count, 1)
        XCTAssertEqual(exempt[0].1["perlu_uji_konsekuensi"] as? Bool, true)
        XCTAssertFalse((exempt[0].1["dasar_pengecualian"] as? [String] ?? []).isEmpty)
        XCTAssertFalse((exempt[0].1["alasan"] as? [Any] ?? []).isEmpty, "explains which rule fired")
    }

    func testRefusedFileExitsOneWithIndonesianText() throws {
        let xls = Self.inbox.appendingPathComponent("satpolpp/DIP satpol.xlsx").path
        let xlsx = Self.inbox.appendingPathComponent("bpbd/dip_bpbd.xlsx").path
        let (status, data) = try run(["check", xlsx, xls])
        XCTAssertEqual(status, 1)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("dip_bpbd.xlsx: DITERIMA, 6 informasi (sheet 'DIP BPBD')"), text)
        XCTAssertTrue(text.contains("DIP satpol.xlsx: DITOLAK"), text)
        XCTAssertTrue(text.contains("tanpa kata sandi"), text)
    }
}
