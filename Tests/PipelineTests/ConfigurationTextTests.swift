import DIPCore
import Foundation
import Publish
import XCTest
@testable import Pipeline

/// A hand-edited settings file that cannot be read is said with its line or field: the run
/// and `dip rules check` printed the decoder's "DecodingError.dataCorrupted: … The given data
/// was not valid JSON." with no line, or "keyNotFound … CodingKeys(stringValue: …)".
final class ConfigurationTextTests: XCTestCase {
    struct Settings: Decodable {
        struct Contact: Decodable { var telepon: String }
        var bodyName: String
        var contact: Contact
        var officials: [String]
        enum Paper: String, Decodable { case f4 = "F4" }
        var paper: Paper?
    }

    func describe(_ json: String) -> String {
        let data = Data(json.utf8)
        do {
            _ = try JSONDecoder().decode(Settings.self, from: data)
            return "read"
        } catch {
            return ConfigurationText.describe(error, data: data)
        }
    }

    func testEachKindOfMistakeIsPlaced() {
        // A missing comma after line 2: the parser stops at line 3.
        XCTAssertEqual(describe("{\n  \"bodyName\": \"Pemkab\"\n  \"contact\": {}\n}"),
                       "baris 3, kolom 3: bukan JSON yang sah; periksa koma, tanda kutip dan kurung kurawal di sekitarnya")
        XCTAssertEqual(describe("{\"contact\": {\"telepon\": \"1\"}, \"officials\": []}"), "isian \"bodyName\" wajib ada")
        XCTAssertEqual(describe("{\"bodyName\": \"P\", \"contact\": {}, \"officials\": []}"), "isian \"contact.telepon\" wajib ada")
        XCTAssertEqual(describe("{\"bodyName\": \"P\", \"contact\": 5, \"officials\": []}"),
                       "isian \"contact\" harus berupa objek { … }")
        XCTAssertEqual(describe("{\"bodyName\": 7, \"contact\": {\"telepon\": \"1\"}, \"officials\": []}"),
                       "isian \"bodyName\" harus berupa teks dalam tanda kutip")
        XCTAssertEqual(describe("{\"bodyName\": \"P\", \"contact\": {\"telepon\": \"1\"}, \"officials\": [\"a\", 2]}"),
                       "isian \"officials[1]\" harus berupa teks dalam tanda kutip")
        XCTAssertEqual(describe("{\"bodyName\": \"P\", \"contact\": {\"telepon\": \"1\"}, \"officials\": []}"), "read")
        // A value of a fixed list, in the PPID's words, not the decoder's English "Cannot initialize …".
        XCTAssertEqual(describe("{\"bodyName\": \"P\", \"contact\": {\"telepon\": \"1\"}, \"officials\": [], \"paper\": \"f4\"}"),
                       "isian \"paper\" berisi \"f4\", nilai yang tidak dikenal; periksa ejaannya (huruf besar dan kecil dibedakan)")
    }

    /// The run stops (exit 3) naming the file and the line.
    func testARunStopsNamingTheLineOfABrokenDecreeSettingsFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-conftext-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
        let url = workspace.rules.appendingPathComponent("keputusan.json")
        var text = try String(contentsOf: url, encoding: .utf8)
        let comma = try XCTUnwrap(text.range(of: "\",\n"))
        text.replaceSubrange(comma, with: "\"\n")
        try text.write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Configuration.load(workspace)) { error in
            let said = "\(error)"
            XCTAssertTrue(said.hasPrefix("Konfigurasi rules/keputusan.json tidak dapat dibaca: baris "), said)
            XCTAssertTrue(said.contains("bukan JSON yang sah"), said)
            XCTAssertFalse(said.contains("DecodingError"), said)
        }
    }
}
