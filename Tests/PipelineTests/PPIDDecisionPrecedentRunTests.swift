import DIPCore
import Foundation
import Logging
import Register
import TestSupport
import XCTest
@testable import Pipeline

/// Issue 14 ("the PPID's own decisions in the register outrank the shipped corpus, so next
/// year's run knows what this PPID decided this year"), end to end: a consequence test the PPID
/// records on one unit's item is what the NEXT run tells another unit sending a similar title.
/// The classifier-level ranking is tested in PrecedentTests; this test holds the run to feeding
/// the register's decisions into it (`Configuration.classifier(register:)`), which no run test
/// covered (session 24 audit).
final class PPIDDecisionPrecedentRunTests: XCTestCase {
    static let header = "No,Ringkasan Isi Informasi,Pejabat/Unit yang Menguasai Informasi,Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu Pembuatan,Tempat Pembuatan,Bentuk Informasi,Jangka Waktu Penyimpanan,Jenis Informasi,Dasar Hukum Pengecualian\n"

    func testAConsequenceTestOfOneUnitIsThePrecedentOfAnotherUnitsItemOnTheNextRun() throws {
        let decided = try DecisionRunWorkspace(prefix: "dip-ppid-precedent")
        defer { decided.remove() }
        let workspace = decided.workspace, start = decided.start
        let submit = decided.submit, run = decided.run, line = decided.line

        // A title no rule reads: only precedents decide it. The unit withholds it; another unit
        // declares a near-identical title open in the same run, before the PPID decided anything.
        try submit("bappeda", "dip.csv",
                   "1,Dokumen kajian awal pembangunan pasar,Bidang Ekonomi,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Dikecualikan,Pasal 17 huruf i\n")
        try submit("kec-cikande", "dip.csv",
                   "1,Dokumen kajian awal pembangunan pasar desa,Seksi Ekonomi,Camat Cikande,2025,Cikande,Softcopy,5 tahun,Berkala,\n")
        try run(0)
        let before = try line("kec-cikande", "Dokumen kajian awal pembangunan pasar desa")
        XCTAssertFalse(before.contains("Perlu uji konsekuensi"), "control: without the PPID's decision the open title is not flagged: \(before)")
        XCTAssertFalse(before.contains("Keputusan PPID"), before)

        // The PPID tests the withheld item and keeps it withheld (huruf i).
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let pending = try XCTUnwrap(try register.pendingConsequenceTests().first { $0.unit.code == "bappeda" })
        try register.recordConsequenceTest(
            itemID: pending.itemID, revision: pending.revision,
            test: ConsequenceTest(
                specificInformation: "", legalBasis: "UU 14/2008 Pasal 17 huruf i", grounds: ["17i"],
                consequence: "Kajian masih dibahas; dibuka sebelum diputuskan menghambat pengambilan keputusan.",
                publicInterest: "Kajian yang telah final diumumkan.", conclusion: .exemptWhole, period: .years(2),
                periodText: "2 (dua) tahun", conditionsForOpening: "Setelah kajian ditetapkan.",
                tester: Official(name: "Siti Aminah, S.Sos.", nip: "198203152006042011"),
                testedOn: start.addingTimeInterval(86_400)),
            enteredBy: "test", source: .cli, at: start.addingTimeInterval(86_400))

        // The next run: a third unit sends a similar title as open. The PPID's own decision is
        // its precedent, and it asks for a consequence test on the PPID's ground.
        try submit("dpmptsp", "dip.csv",
                   "1,Dokumen kajian awal pembangunan pasar rakyat,Bidang Penanaman Modal,Kepala DPMPTSP,2025,Serang,Softcopy,5 tahun,Berkala,\n")
        try run(2 * 86_400)
        let after = try line("dpmptsp", "Dokumen kajian awal pembangunan pasar rakyat")
        XCTAssertTrue(after.contains("Keputusan PPID atas judul mirip 'Dokumen kajian awal pembangunan pasar'"), after)
        XCTAssertTrue(after.contains("Perlu uji konsekuensi oleh PPID sebelum diumumkan (dasar: UU 14/2008 Pasal 17 huruf i)"), after)
        // The unit is told the similar title suggests withholding, and not that "another public
        // body" decided it: the only precedent that voted is its own PPID's (session 24 audit:
        // the plain wording for unit staff said "di badan publik lain" of every precedent).
        XCTAssertTrue(after.contains("menyarankan Dikecualikan"), after)
        XCTAssertFalse(after.contains("badan publik lain"), after)
    }

    /// A unit's name in its titles does not carry the PPID's decision on one of them to the
    /// others (docs/classification.md §53): after the PPID keeps the hospital's patient records
    /// withheld, the hospital's profile and financial report are neither flagged nor told of that
    /// decision; the records sent again read "Keputusan PPID atas judul yang sama"; another unit's
    /// patient records are told of the decision as a similar title, quoted (compared without the
    /// names, the two read 100 % alike, and "judul yang sama" would tell that unit its own item
    /// was decided). The unit.yaml name is spelled "Dradjat", the titles "Drajat".
    func testAUnitsNameDoesNotCarryTheDecisionOnOneOfItsTitlesToTheOthers() throws {
        let decided = try DecisionRunWorkspace(prefix: "dip-ppid-names")
        defer { decided.remove() }
        let workspace = decided.workspace, start = decided.start
        let submit = decided.submit, run = decided.run, line = decided.line
        let records = "Data rekam medis pasien RSUD dr. Drajat Prawiranegara"
        let recordsRow = "1,\(records),Bagian Rekam Medis,Direktur RSUD,2025,Serang,Softcopy,25 tahun,Dikecualikan,Pasal 17 huruf h\n"
        try submit("rsud-drajat", "dip.csv", recordsRow)
        try run(0)
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        let pending = try XCTUnwrap(try register.pendingConsequenceTests().first { $0.unit.code == "rsud-drajat" })
        try register.recordConsequenceTest(
            itemID: pending.itemID, revision: pending.revision,
            test: ConsequenceTest(
                specificInformation: "", legalBasis: "UU 14/2008 Pasal 17 huruf h", grounds: ["17h2"],
                consequence: "Membuka rekam medis mengungkap riwayat dan kondisi kesehatan pasien.",
                publicInterest: "Statistik pelayanan diumumkan tanpa identitas pasien.", conclusion: .exemptWhole, period: .years(25),
                periodText: "25 (dua puluh lima) tahun", conditionsForOpening: "Atas persetujuan pasien.",
                tester: Official(name: "Siti Aminah, S.Sos.", nip: "198203152006042011"),
                testedOn: start.addingTimeInterval(86_400)),
            enteredBy: "test", source: .cli, at: start.addingTimeInterval(86_400))

        try submit("rsud-drajat", "dip-2.csv", recordsRow
            + "2,Profil RSUD dr. Drajat Prawiranegara,Bagian Umum,Direktur RSUD,2025,Serang,Softcopy,5 tahun,Berkala,\n"
            + "3,Laporan keuangan RSUD dr. Drajat Prawiranegara Tahun 2025,Bagian Keuangan,Direktur RSUD,2025,Serang,Softcopy,10 tahun,Berkala,\n")
        try submit("kec-cikande", "dip.csv",
                   "1,Data rekam medis pasien Kecamatan Cikande,Seksi Kesejahteraan Sosial,Camat Cikande,2025,Cikande,Softcopy,25 tahun,Dikecualikan,Pasal 17 huruf h\n")
        try run(2 * 86_400)
        for title in ["Profil RSUD dr. Drajat Prawiranegara", "Laporan keuangan RSUD dr. Drajat Prawiranegara Tahun 2025"] {
            let said = try line("rsud-drajat", title)
            XCTAssertFalse(said.contains("Keputusan PPID"), said)
            XCTAssertFalse(said.contains("uji konsekuensi"), said)
        }
        let again = try line("rsud-drajat", records)
        XCTAssertTrue(again.contains("Keputusan PPID atas judul yang sama: dikecualikan dengan dasar Pasal 17 huruf h angka 2"), again)
        let other = try line("kec-cikande", "Data rekam medis pasien Kecamatan Cikande")
        XCTAssertTrue(other.contains("Keputusan PPID atas judul mirip '\(records)' (kemiripan 100%) — dikecualikan"), other)
        XCTAssertFalse(other.contains("judul yang sama"), other)
    }
}

/// A workspace where units submit CSV lists and runs are made some seconds after 1 January 2026
/// (one clock), with the unit feedback's line of a title: the two tests' common set-up.
private struct DecisionRunWorkspace {
    let root: URL
    let workspace: Workspace
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    init(prefix: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        workspace = Workspace(root: root)
        try WorkspaceSetup.initialise(workspace)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func submit(_ unit: String, _ name: String, _ rows: String) throws {
        let inbox = workspace.inbox.appendingPathComponent(unit)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try (PPIDDecisionPrecedentRunTests.header + rows).write(to: inbox.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func run(_ seconds: TimeInterval) throws {
        _ = try Runner(workspace: workspace,
                       options: RunOptions(settleSeconds: 0, clock: Clock(now: start.addingTimeInterval(seconds))),
                       logger: Logger(label: "test")).run()
    }

    func line(_ unit: String, _ title: String) throws -> String {
        let text = try String(contentsOf: workspace.feedbackFile(unit: unit, ext: "txt"), encoding: .utf8)
        return try XCTUnwrap(text.components(separatedBy: "  - baris ").first { $0.contains(title + " [") }, text)
    }
}
