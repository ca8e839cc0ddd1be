import DIPCore
import Foundation
import Logging
import Publish
import Register
import TestSupport
import XCTest
@testable import Pipeline

/// A unit that sends its list again (the PPID's template, edited) reads, for an item the PPID
/// already tested on its current revision, that it was tested and with what conclusion. Before,
/// every item the rules flag read "Perlu uji konsekuensi oleh PPID sebelum diumumkan" at every
/// list, also one tested, decreed and published: the unit read its published item as untested.
/// And a row deleted from the list withdraws its item without the unit being told which.
final class TestedItemFeedbackTests: XCTestCase {
    static let header = "No,Ringkasan Isi Informasi,Pejabat/Unit yang Menguasai Informasi,Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu Pembuatan,Tempat Pembuatan,Bentuk Informasi,Jangka Waktu Penyimpanan,Jenis Informasi\n"
    static let nik = "1,Daftar penerima bantuan sosial beserta NIK dan nomor rekening,Bidang Rehabilitasi Sosial,Kepala Dinas Sosial,2025,Serang,Cetak,5 tahun,Setiap Saat\n"
    static let disabilitas = "2,Data pribadi penyandang disabilitas penerima bantuan alat bantu,Bidang Rehabilitasi Sosial,Kepala Dinas Sosial,2025,Serang,Cetak,5 tahun,Setiap Saat\n"

    /// A withdrawn row whose summary was empty is named in words, not as a pair of quotes.
    func testAWithdrawnRowWithoutASummaryIsNamedInWords() throws {
        let text = try XCTUnwrap(UnitFeedback.withdrawnText([
            ItemDelta(itemID: "dinsos-0003", unit: "dinsos", revision: 1, change: .withdrawn, fields: [], ringkasan: "", nomor: nil),
            ItemDelta(itemID: "dinsos-0004", unit: "dinsos", revision: 2, change: .withdrawn, fields: [], ringkasan: "Data PKH", nomor: nil),
        ]))
        XCTAssertTrue(text.contains("(2): (baris tanpa Ringkasan Isi Informasi); \"Data PKH\"."), text)
        XCTAssertFalse(text.contains("\"\""), text)
    }

    func testAnItemTestedOnItsCurrentRevisionIsToldAsTested() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dip-tested-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
        let inbox = workspace.inbox.appendingPathComponent("dinsos")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        func run(_ seconds: TimeInterval, _ name: String, _ rows: String) throws -> (txt: String, html: String) {
            try (Self.header + rows).write(to: inbox.appendingPathComponent(name), atomically: true, encoding: .utf8)
            _ = try Runner(workspace: workspace,
                           options: RunOptions(settleSeconds: 0, clock: Clock(now: Date(timeIntervalSince1970: 1_767_225_600 + seconds))),
                           logger: Logger(label: "test")).run()
            return (try String(contentsOf: workspace.feedbackFile(unit: "dinsos", ext: "txt"), encoding: .utf8),
                    try String(contentsOf: workspace.feedbackFile(unit: "dinsos", ext: "html"), encoding: .utf8))
        }
        let first = try run(0, "dip-1.csv", Self.nik + Self.disabilitas)
        XCTAssertEqual(first.txt.components(separatedBy: "Perlu uji konsekuensi oleh PPID sebelum diumumkan").count - 1, 2, first.txt)

        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let pending = try register.pendingConsequenceTests()
        let tested = try XCTUnwrap(pending.first { $0.item.ringkasan.hasPrefix("Daftar penerima") })
        try register.recordConsequenceTest(
            itemID: tested.itemID, revision: tested.revision,
            test: ConsequenceTest(
                specificInformation: "", legalBasis: "", grounds: [], consequence: "Tidak merugikan.",
                publicInterest: "Pengawasan penyaluran bantuan.", conclusion: .open, period: .permanent, periodText: "-",
                conditionsForOpening: "", tester: Official(name: "Siti Aminah, S.Sos.", nip: "198203152006042011"),
                testedOn: Date(timeIntervalSince1970: 1_767_225_600 + 86_400)),
            enteredBy: "test", source: .cli, at: Date(timeIntervalSince1970: 1_767_225_600 + 86_400))

        // The same two items and a new one: the tested item is told as tested, the other still asks.
        let again = try run(2 * 86_400, "dip-2.csv", Self.nik + Self.disabilitas
            + "3,Rencana Kerja Dinas Sosial Tahun 2026,Sekretariat,Kepala Dinas Sosial,2025,Serang,Cetak,5 tahun,Berkala\n")
        let nikLine = try XCTUnwrap(again.txt.components(separatedBy: "  - baris ").first { $0.contains("Daftar penerima") })
        XCTAssertTrue(nikLine.contains("Sudah diuji konsekuensi oleh PPID pada 2 Januari 2026, kesimpulan: terbuka"), nikLine)
        XCTAssertFalse(nikLine.contains("Perlu uji konsekuensi"), nikLine)
        // Nor does the rules' note under it ask for the test done (session 22).
        XCTAssertFalse(nikLine.contains("lakukan uji konsekuensi"), nikLine)
        let untested = try XCTUnwrap(first.txt.components(separatedBy: "  - baris ").first { $0.contains("Daftar penerima") })
        XCTAssertTrue(untested.contains("lakukan uji konsekuensi"), "before the test the note asks for it: \(untested)")
        let otherLine = try XCTUnwrap(again.txt.components(separatedBy: "  - baris ").first { $0.contains("penyandang disabilitas") })
        XCTAssertTrue(otherLine.contains("Perlu uji konsekuensi oleh PPID sebelum diumumkan"), otherLine)
        XCTAssertTrue(again.html.contains("sudah diuji konsekuensi oleh PPID pada 2 Januari 2026, kesimpulan: terbuka"), again.html)
        XCTAssertEqual(again.html.components(separatedBy: "perlu uji konsekuensi oleh PPID").count - 1, 1, again.html)

        XCTAssertFalse(again.txt.contains("dianggap ditarik"), again.txt)

        // Changed: a new revision, which the test does not cover.
        let changed = try run(3 * 86_400, "dip-3.csv", Self.nik.replacingOccurrences(of: "Cetak,5 tahun", with: "Online,5 tahun")
            + Self.disabilitas)
        let nikChanged = try XCTUnwrap(changed.txt.components(separatedBy: "  - baris ").first { $0.contains("Daftar penerima") })
        XCTAssertTrue(nikChanged.contains("Perlu uji konsekuensi oleh PPID sebelum diumumkan"), nikChanged)
        XCTAssertFalse(changed.txt.contains("Sudah diuji"), changed.txt)

        // A row deleted withdraws its item: the unit is told which, in the text and on the page.
        let withdrawn = try run(4 * 86_400, "dip-4.csv", Self.disabilitas)
        let said = "Informasi yang dianggap ditarik karena tidak ada lagi dalam daftar ini (1): "
            + "\"Daftar penerima bantuan sosial beserta NIK dan nomor rekening\". Bila tidak sengaja terhapus"
        XCTAssertTrue(withdrawn.txt.contains(said), withdrawn.txt)
        XCTAssertTrue(withdrawn.html.contains(said.replacingOccurrences(of: "\"", with: "&quot;")), withdrawn.html)
    }
}
