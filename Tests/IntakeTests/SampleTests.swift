import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Intake

/// Every file of the example inbox (examples/inbox) gives exactly the items its
/// examples/expected/<unit>/<file>.json lists, or is refused.
final class SampleTests: XCTestCase {

    struct Expected: Decodable {
        var items: [ExpectedItem]?
        var reject: String?
        var problems: [ExpectedProblem]?
    }

    struct ExpectedProblem: Decodable, Equatable {
        var row: Int?
        var code: String
        var severity: String
    }

    struct ExpectedItem: Decodable, Equatable {
        var row: Int
        var nomor, ringkasan, pejabat_penguasa, penanggung_jawab: String
        var waktu_pembuatan, tempat_pembuatan, bentuk, retensi, kategori: String
        var subkelompok: String?
    }

    func testEverySampleMatchesItsExpectedFile() throws {
        let files = try Examples.inboxFiles()
        XCTAssertGreaterThanOrEqual(files.count, 5)
        var checked = 0
        for file in files {
            let unit = file.deletingLastPathComponent().lastPathComponent
            let expectedURL = Examples.expected.appendingPathComponent("\(unit)/\(file.lastPathComponent).json")
            guard FileManager.default.fileExists(atPath: expectedURL.path) else {
                XCTAssertTrue(Intake.isIgnorable(fileName: file.lastPathComponent), "\(file.lastPathComponent) has no expected file")
                continue
            }
            let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: expectedURL))
            let result = readSubmission(at: file.path)
            if expected.reject != nil {
                XCTAssertEqual(result.status, .refused, file.lastPathComponent)
                XCTAssertEqual(result.items, [])
                XCTAssertEqual(result.problems.first?.severity, .error)
            } else {
                XCTAssertEqual(result.status, .accepted, "\(file.lastPathComponent): \(result.reason ?? "")")
                let got = result.items.map {
                    ExpectedItem(
                        row: $0.source.row, nomor: $0.nomor, ringkasan: $0.ringkasan,
                        pejabat_penguasa: $0.pejabatPenguasa, penanggung_jawab: $0.penanggungJawab,
                        waktu_pembuatan: $0.waktuPembuatan, tempat_pembuatan: $0.tempatPembuatan,
                        bentuk: $0.bentuk, retensi: $0.retensi, kategori: $0.kategori?.rawValue ?? "",
                        subkelompok: $0.subkelompok)
                }
                let want = expected.items ?? []
                XCTAssertEqual(got.count, want.count, file.lastPathComponent)
                for (g, w) in zip(got, want) { XCTAssertEqual(g, w, file.lastPathComponent) }
                let problems = result.problems.filter { $0.severity != .info }
                    .map { ExpectedProblem(row: $0.row, code: $0.code, severity: $0.severity.rawValue) }
                XCTAssertEqual(problems, expected.problems ?? [], "\(file.lastPathComponent): \(result.problems)")
            }
            checked += 1
        }
        XCTAssertEqual(checked, 5)
    }

    /// The bundled examples name no private person and hold no value of personal data, so whatever
    /// `PersonalDataValues` finds in their titles and summaries is a false mask (a word masked in a
    /// decree or on the website, and a warning to the unit): none (session 25, with the names found
    /// after cue words such as "pengaduan", "pasien", "milik").
    func testTheExamplesHaveNoFalseMask() throws {
        var texts = 0
        var masked: [String] = []
        for file in try Examples.inboxFiles() where !Intake.isIgnorable(fileName: file.lastPathComponent) {
            for item in readSubmission(at: file.path).items {
                for text in [item.ringkasan, item.judul ?? ""] where !text.isEmpty {
                    texts += 1
                    masked += PersonalDataValues.find(in: text).map { "\(text[$0.range]) <= \(text)" }
                }
            }
        }
        XCTAssertGreaterThan(texts, 20)
        XCTAssertEqual(masked, [])
    }

    func testLockFileIsIgnorable() {
        XCTAssertTrue(Intake.isIgnorable(fileName: "~$DIP Dinkes 2026.xlsx"))
        XCTAssertTrue(Intake.isIgnorable(fileName: ".~lock.DIP.xlsx#"))
        XCTAssertTrue(Intake.isIgnorable(fileName: ".DS_Store"))
        XCTAssertTrue(Intake.isIgnorable(fileName: "upload.tmp"))
        XCTAssertFalse(Intake.isIgnorable(fileName: "DIP Dinkes 2026.xlsx"))
        XCTAssertFalse(Intake.isIgnorable(fileName: "usulan_dip.csv"))
    }
}
