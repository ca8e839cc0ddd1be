import DIPCore
import Foundation
import TestSupport
import XCTest

/// `dip run` tells the operator what became of the draft and the PPID's decisions: the draft
/// waiting for approval, then the version it published.
final class RunSummaryTests: XCTestCase {
    func testRunSaysWhichDraftWaitsAndWhichVersionWasPublished() throws {
        let binary = Checkers.repoRoot.appendingPathComponent(".build/debug/dip")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw missingTool("the dip binary is not built (swift build)")
        }
        let ws = try Scratch.directory("dip-run-summary").appendingPathComponent("ws")
        XCTAssertEqual(try runProcess(binary, ["init", ws.path]).status, 0)
        let examples = Checkers.repoRoot.appendingPathComponent("examples/inbox")
        for unit in try FileManager.default.contentsOfDirectory(atPath: examples.path) {
            let target = ws.appendingPathComponent("inbox").appendingPathComponent(unit)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: examples.appendingPathComponent(unit), to: target)
        }
        let first = try runProcess(binary, ["run", "--workspace", ws.path, "--settle-seconds", "0"])
        XCTAssertTrue(first.output.contains("Draf DIP versi 1 menunggu persetujuan (dip approve)"), first.output)
        func approve(dated date: Date) throws {
            let approve = try runProcess(binary, [
                "approve", "--workspace", ws.path, "--name", "Budi Santoso", "--nip", "197001011995031002",
                // The year the decree is dated in: a number of another year is refused.
                "--decree-number", "000/1/\(Clock.wibCalendar.component(.year, from: date))",
                "--dik-decree-number", "000/2/\(Clock.wibCalendar.component(.year, from: date))",
                "--decree-date", Clock(now: date).isoDate(), "--force", "--yes",
            ])
            XCTAssertEqual(approve.status, 0, approve.output)
        }
        // Dated two days ahead (the real clock: dip's and this test's), the decrees are not in
        // force yet: the run publishes nothing and says until when.
        let ahead = Date().addingTimeInterval(2 * 86_400)
        try approve(dated: ahead)
        let waiting = try runProcess(binary, ["run", "--workspace", ws.path, "--settle-seconds", "0"])
        XCTAssertTrue(waiting.output.contains("DIP versi 1 sudah disetujui dengan tanggal keputusan \(Clock(now: ahead).indonesianDate()): "
            + "diterbitkan oleh `dip run` pada atau setelah tanggal itu"), waiting.output)
        XCTAssertFalse(waiting.output.contains("diterbitkan: situs"), waiting.output)
        // With --quiet (cron) the sentence is left out: a dated line says the approved version
        // waits (`run selesai` says only terbit=-; 89d691c's --quiet said nothing of it).
        let quiet = try runProcess(binary, ["run", "--workspace", ws.path, "--quiet", "--settle-seconds", "0"])
        XCTAssertFalse(quiet.output.contains("sudah disetujui dengan tanggal keputusan"), quiet.output)
        XCTAssertTrue(quiet.output.contains("level=info event=\"menunggu tanggal keputusan\" tanggal_keputusan="
            + "\(Clock(now: ahead).isoDate()) versi=1"), quiet.output)
        // The approval says how to withdraw it, as a command that works when pasted with its
        // "…" filled in: `dip approve --withdraw` alone was refused ("Sebutkan nama pejabat …
        // (--name)", session 26), and so was the help's `--withdraw --reason …`.
        let approved = try runProcess(binary, [
            "approve", "--workspace", ws.path, "--name", "Budi Santoso", "--nip", "197001011995031002",
            "--decree-number", "000/1/\(Clock.wibCalendar.component(.year, from: ahead))",
            "--dik-decree-number", "000/2/\(Clock.wibCalendar.component(.year, from: ahead))",
            "--decree-date", Clock(now: ahead).isoDate(), "--force-unreviewed", "--yes",
        ])
        XCTAssertEqual(approved.status, 0, approved.output)
        let help = try runProcess(binary, ["approve", "--help"]).output
        for said in [approved.output, help] {
            let fragments = said.components(separatedBy: "`").filter { $0.hasPrefix("dip approve --withdraw") }
            XCTAssertFalse(fragments.isEmpty, said)
            for fragment in fragments {
                XCTAssertEqual(fragment, "dip approve --withdraw --name … --reason …", said)
            }
        }
        let withdrawn = try runProcess(binary, ["approve", "--workspace", ws.path, "--withdraw", "--name", "Budi Santoso",
                                                "--reason", "nomor keputusan salah"])
        XCTAssertEqual(withdrawn.status, 0, withdrawn.output)
        XCTAssertTrue(withdrawn.output.contains("Persetujuan versi 1 ditarik oleh Budi Santoso"), withdrawn.output)
        // Approved again dated today: the next run publishes it.
        try approve(dated: Date())
        let second = try runProcess(binary, ["run", "--workspace", ws.path, "--settle-seconds", "0"])
        XCTAssertTrue(second.output.contains("DIP versi 1 diterbitkan: situs di "), second.output)
    }
}
