import Foundation
import TestSupport
import XCTest

/// `dip rules evaluate`, `dip rules check` on a broken corpus and `dip rules explain` (issue 14).
final class RulesCommandTests: XCTestCase {
    func dip(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let binary = Checkers.repoRoot.appendingPathComponent(".build/debug/dip")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw missingTool("the dip binary is not built (swift build)")
        }
        return try runProcess(binary, arguments)
    }

    var rules: String { Checkers.repoRoot.appendingPathComponent("rules").path }

    func testEvaluatePrintsTheFiguresAndEveryMiss() throws {
        let fixture = Checkers.repoRoot.appendingPathComponent("Tests/RulesTests/Fixtures/preseden-sintetis.csv").path
        let result = try dip(["rules", "evaluate", fixture, "--rules", rules])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("Dinilai: 7 butir"), result.output)
        XCTAssertTrue(result.output.contains("Butir dikecualikan yang ditandai perlu uji konsekuensi:"), result.output)
        XCTAssertTrue(result.output.contains("Huruf Pasal 17 sama dengan yang dikutip badan publik:"), result.output)
        XCTAssertTrue(result.output.contains("Meleset ("), result.output)
        XCTAssertTrue(result.output.contains("lapisan pembelajaran dilatih ulang tanpa badan itu"), result.output)
        XCTAssertTrue(result.output.contains("Ditandai ATAU ditinjau sebagai mungkin dikecualikan"), result.output)
        let rulesOnly = try dip(["rules", "evaluate", fixture, "--rules", rules, "--rules-only"])
        XCTAssertTrue(rulesOnly.output.contains("hanya aturan"), rulesOnly.output)
        XCTAssertFalse(rulesOnly.output.contains("Ditandai ATAU ditinjau"), rulesOnly.output)
        let withoutLayer = try dip(["rules", "evaluate", fixture, "--rules", rules, "--no-learned-layer"])
        XCTAssertTrue(withoutLayer.output.contains("tanpa lapisan pembelajaran"), withoutLayer.output)
        // The Indonesian names of sessions 14-26 stay (scripts and the docs' measurements use them).
        XCTAssertEqual(try dip(["rules", "evaluate", fixture, "--rules", rules, "--tanpa-preseden"]).output, rulesOnly.output)
        XCTAssertEqual(try dip(["rules", "evaluate", fixture, "--rules", rules, "--tanpa-pembelajaran"]).output, withoutLayer.output)
    }

    /// Session 25: `dip rules dampak` shows, without a run and without writing, the items on
    /// record that the workspace's edited rules would classify differently; `dip status` lists
    /// them once a run recorded them for the PPID.
    func testImpactListsItemsOnRecordTheEditedRulesWouldClassifyDifferently() throws {
        let root = try Scratch.directory("dip-rules-dampak")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = root.appendingPathComponent("ws")
        XCTAssertEqual(try dip(["init", workspace.path]).status, 0)
        let inbox = workspace.appendingPathComponent("inbox/bappeda")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try """
            No,Ringkasan Isi Informasi,Pejabat/Unit yang Menguasai Informasi,Penanggung Jawab Pembuatan atau Penerbitan Informasi,Waktu Pembuatan,Tempat Pembuatan,Bentuk Informasi,Jangka Waktu Penyimpanan,Jenis Informasi,Dasar Hukum Pengecualian
            1,Notulen rapat koordinasi zonasi pasar kaliwungu,Bidang Ekonomi,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Setiap Saat,
            2,Laporan realisasi anggaran tahunan,Sekretariat,Kepala Bappeda,2025,Serang,Softcopy,5 tahun,Berkala,

            """.write(to: inbox.appendingPathComponent("dip.csv"), atomically: true, encoding: .utf8)
        let first = try dip(["run", "--workspace", workspace.path, "--settle-seconds", "0", "--quiet"])
        XCTAssertEqual(first.status, 0, first.output)
        let same = try dip(["rules", "impact", "--workspace", workspace.path])
        XCTAssertEqual(same.status, 0, same.output)
        XCTAssertTrue(same.output.contains("Tidak ada yang diklasifikasikan lain oleh aturan sekarang."), same.output)

        let aturan = workspace.appendingPathComponent("rules/aturan.yaml")
        try (try String(contentsOf: aturan, encoding: .utf8) + """

              - id: notulen-zonasi-kaliwungu
                keterangan: Notulen rapat penetapan zonasi pasar yang masih dibahas dikecualikan sampai zonasi ditetapkan
                prioritas: 100
                salah_satu: [zonasi pasar kaliwungu]
                kategori: dikecualikan
                pengecualian: [17i]
                contoh_cocok:
                  - Notulen rapat koordinasi zonasi pasar kaliwungu
                contoh_tidak_cocok:
                  - Laporan realisasi anggaran tahunan

            """).write(to: aturan, atomically: true, encoding: .utf8)
        let impact = try dip(["rules", "dampak", "--workspace", workspace.path])
        XCTAssertEqual(impact.status, 2, impact.output)
        XCTAssertTrue(impact.output.contains("Diklasifikasikan lain oleh aturan sekarang: 1"), impact.output)
        XCTAssertTrue(impact.output.contains("bappeda-0001 (revisi 1): Notulen rapat koordinasi zonasi pasar kaliwungu"), impact.output)
        XCTAssertTrue(impact.output.contains("tercatat: Setiap Saat"), impact.output)
        XCTAssertTrue(impact.output.contains("aturan baru: Dikecualikan, perlu uji konsekuensi (UU 14/2008 Pasal 17 huruf i"), impact.output)
        XCTAssertTrue(impact.output.contains("aturan: notulen-zonasi-kaliwungu: "), impact.output)
        // Nothing was written: the status lists nothing until a run records it.
        let before = try dip(["status", "--workspace", workspace.path])
        XCTAssertFalse(before.output.contains("Klasifikasi berubah karena aturan baru"), before.output)
        let second = try dip(["run", "--workspace", workspace.path, "--settle-seconds", "0", "--quiet"])
        XCTAssertEqual(second.status, 0, second.output)
        XCTAssertTrue(second.output.contains("klasifikasi berubah karena aturan baru"), "shown with --quiet: \(second.output)")
        let after = try dip(["status", "--workspace", workspace.path])
        XCTAssertTrue(after.output.contains("Klasifikasi berubah karena aturan baru: 1 informasi menunggu keputusan PPID"), after.output)
        XCTAssertTrue(after.output.contains("bappeda-0001 (revisi 1)"), after.output)
        // Approving the draft that still holds the item as it was recorded is refused (session 26):
        // the decree would print the old classification the PPID's own rules now contradict, and
        // nobody decided so. The refusal names the item and the two ways to decide; nothing is stored.
        let approve = ["approve", "--workspace", workspace.path, "--name", "Drs. H. Ahmad Fauzi",
                       "--nip", "197001011995031002", "--decree-number", "000.9/12/PPID/2027", "--decree-date", "2027-01-04"]
        let preview = try dip(approve + ["--preview"])
        XCTAssertTrue(preview.output.contains("Persetujuan ini ditolak: 1 informasi dalam rancangan versi "), preview.output)
        XCTAssertTrue(preview.output.contains("diklasifikasikan lain oleh aturan yang berlaku sekarang dan belum diputuskan PPID: "
                                              + "bappeda-0001 revisi 1 (tercatat Setiap Saat, menurut aturan sekarang "
                                              + "Dikecualikan, perlu uji konsekuensi)"), preview.output)
        let refused = try dip(approve + ["--force-unreviewed", "--yes"])
        XCTAssertEqual(refused.status, 1, refused.output)
        for part in ["bappeda-0001 revisi 1 (tercatat Setiap Saat", "sheet Aturan Baru lembar kerja pemeriksaan",
                     "`dip rules decide bappeda-0001 --revision 1 --choice terapkan|pertahankan --name …`",
                     "Keputusan tidak disetujui."] {
            XCTAssertTrue(refused.output.contains(part), "\(part): \(refused.output)")
        }
        // The command the message gives, pasted with its choice and name filled in, is the one that
        // decides (below); the names of session 25 (`putuskan`, `--pilihan`) are still taken.
        XCTAssertFalse(try dip(["status", "--workspace", workspace.path]).output.contains("Disetujui, belum diterbitkan"), "refused: nothing stored")
        // The PPID decides from the command line too: kept, then nothing waits.
        let stale = try dip(["rules", "putuskan", "bappeda-0001", "--workspace", workspace.path, "--revision", "2",
                             "--pilihan", "pertahankan", "--name", "Siti Aminah, S.Sos."])
        XCTAssertEqual(stale.status, 1, stale.output)
        let given = try XCTUnwrap(refused.output.range(of: #"`dip rules decide [^`]*`"#, options: .regularExpression))
        let pasted = refused.output[given].dropFirst(5).dropLast().replacingOccurrences(of: "terapkan|pertahankan", with: "pertahankan")
            .split(separator: " ").map(String.init).filter { $0 != "…" }
        let kept = try dip(pasted + ["Siti Aminah, S.Sos.", "--workspace", workspace.path])
        XCTAssertEqual(kept.status, 0, kept.output)
        XCTAssertTrue(kept.output.contains("bappeda-0001 revisi 1: klasifikasi tercatat dipertahankan."), kept.output)
        let settled = try dip(["status", "--workspace", workspace.path])
        XCTAssertFalse(settled.output.contains("Klasifikasi berubah karena aturan baru"), settled.output)
        let history = try dip(["history", "bappeda-0001", "--workspace", workspace.path])
        XCTAssertTrue(history.output.contains("Revisi 1: klasifikasi lama dipertahankan oleh Siti Aminah, S.Sos."), history.output)
        XCTAssertEqual(try dip(["rules", "dampak", "--workspace", workspace.path]).status, 0, "kept: not listed on demand either")
        // Decided: the approval is no longer refused for it.
        let decided = try dip(approve + ["--preview"])
        XCTAssertFalse(decided.output.contains("diklasifikasikan lain oleh aturan"), decided.output)
    }

    func testCheckNamesCorpusErrorsWithFileAndLine() throws {
        let directory = try Scratch.directory("dip-rules-corpus")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules) where name.hasSuffix(".yaml") || name.hasSuffix(".txt") || name.hasSuffix(".json") {
            try FileManager.default.copyItem(atPath: rules + "/" + name, toPath: directory.appendingPathComponent(name).path)
        }
        try """
        judul,kategori,pasal17,badan,jenis_badan,sumber
        Judul baik,dikecualikan,17h2,Badan X,dinas,sumber x
        Judul buruk,rahasia,,Badan X,dinas,sumber x
        """.write(to: directory.appendingPathComponent("preseden.csv"), atomically: true, encoding: .utf8)
        let result = try dip(["rules", "check", "--rules", directory.path])
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("preseden.csv:3: galat: Kategori `rahasia` tidak dikenal"), result.output)
    }

    /// After an upgrade the workspace's rules/ lacks the rules the new release added: `dip rules
    /// check` names them (a note: exit 0), and says nothing for a folder that has them all.
    func testCheckNamesTheDefaultRulesTheFolderLacks() throws {
        let complete = try dip(["rules", "check", "--rules", rules])
        XCTAssertEqual(complete.status, 0, complete.output)
        XCTAssertFalse(complete.output.contains("aturan bawaan dip"), complete.output)

        let directory = try Scratch.directory("dip-rules-older")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules) where name.hasSuffix(".yaml") || name.hasSuffix(".txt") || name.hasSuffix(".json") {
            try FileManager.default.copyItem(atPath: rules + "/" + name, toPath: directory.appendingPathComponent(name).path)
        }
        // As a workspace made before the rule was added: its block taken out of aturan.yaml.
        let url = directory.appendingPathComponent("aturan.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "\n  - id: informasi-rahasia-perjanjian\n"))
        let end = try XCTUnwrap(text.range(of: "\n  - id: ", range: start.upperBound..<text.endIndex))
        try (String(text[..<start.lowerBound]) + String(text[end.lowerBound...])).write(to: url, atomically: true, encoding: .utf8)
        let older = try dip(["rules", "check", "--rules", directory.path])
        XCTAssertEqual(older.status, 0, older.output)
        let note = try XCTUnwrap(older.output.split(separator: "\n").first { $0.contains("aturan bawaan dip") }, older.output)
        XCTAssertTrue(note.hasPrefix("aturan.yaml: catatan: 1 aturan bawaan dip "), String(note))
        XCTAssertTrue(note.contains("tidak ada di folder ini: informasi-rahasia-perjanjian."), String(note))
        XCTAssertTrue(note.contains("docs/ops.md §6"), String(note))
    }

    /// rules/penerimaan.json (issue 16 #7: when a list is held for the PPID) is checked too.
    func testCheckReportsInvalidHoldThresholds() throws {
        let directory = try Scratch.directory("dip-rules-hold")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules) where name.hasSuffix(".yaml") || name.hasSuffix(".txt") || name.hasSuffix(".json") {
            try FileManager.default.copyItem(atPath: rules + "/" + name, toPath: directory.appendingPathComponent(name).path)
        }
        let url = directory.appendingPathComponent("penerimaan.json")
        try Data(#"{"holdMassWithdrawal": {"minimumWithdrawn": 0, "percent": 50}}"#.utf8).write(to: url)
        let invalid = try dip(["rules", "check", "--rules", directory.path])
        XCTAssertEqual(invalid.status, 1, invalid.output)
        XCTAssertTrue(invalid.output.contains("penerimaan.json: galat: holdMassWithdrawal: minimumWithdrawn harus 1 atau lebih"), invalid.output)
        try Data(#"{"holdMassWithdrawal": {"minimumWithdrawn": 5}}"#.utf8).write(to: url)
        XCTAssertFalse(try dip(["rules", "check", "--rules", directory.path]).output.contains("penerimaan.json"))
    }

    /// A kop logo that cannot be printed is named with what is wrong; a readable one is not reported.
    func testCheckReportsAnUnprintableLogo() throws {
        let directory = try Scratch.directory("dip-rules-logo")
        for name in try FileManager.default.contentsOfDirectory(atPath: rules) where name.hasSuffix(".yaml") || name.hasSuffix(".txt") || name.hasSuffix(".json") {
            try FileManager.default.copyItem(atPath: rules + "/" + name, toPath: directory.appendingPathComponent(name).path)
        }
        let url = directory.appendingPathComponent("keputusan.json")
        func setLogo(_ logo: String) throws {
            var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            json["contact"] = ["address": "Jalan Veteran No. 1, Serang", "logo": logo]
            try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: url)
        }
        try setLogo("logo-serang.png")
        let missing = try dip(["rules", "check", "--rules", directory.path])
        XCTAssertEqual(missing.status, 1, missing.output)
        XCTAssertTrue(missing.output.contains("keputusan.json: galat: contact.logo \"logo-serang.png\": berkas tidak ditemukan"), missing.output)
        try Data(TestImages.png(width: 8, height: 8)).write(to: directory.appendingPathComponent("logo-serang.png"))
        let present = try dip(["rules", "check", "--rules", directory.path])
        XCTAssertFalse(present.output.contains("contact.logo"), present.output)
    }

    /// Session 27: a `mengalahkan_kecuali` phrase that beat a rule's exception is named, with the
    /// exception it beat ("banyaknya" opened this count of patients before the field existed).
    func testExplainSaysWhichPhraseBeatTheException() throws {
        let result = try dip(["rules", "explain", "Banyaknya hari rawat per pasien beserta diagnosis dan nama pasien", "--rules", rules])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("- kesehatan-perorangan: "), result.output)
        XCTAssertTrue(result.output.contains("kata \"dan nama pasien\" (mengalahkan_kecuali) mengalahkan pengecualian \"banyaknya\" (kecuali): aturan ini tetap berlaku."),
                      result.output)
        XCTAssertTrue(result.output.contains("Perlu uji konsekuensi: ya"), result.output)
        // The count alone: no rule beats its exception, nothing is said.
        let count = try dip(["rules", "explain", "Banyaknya hari rawat per poliklinik menurut diagnosis", "--rules", rules])
        XCTAssertFalse(count.output.contains("mengalahkan"), count.output)
        XCTAssertFalse(count.output.contains("- kesehatan-perorangan: "), count.output)
    }

    func testExplainShowsStemsAndPrecedents() throws {
        let result = try dip(["rules", "explain", "Penilaian kinerja pegawai yang dinilai atasan", "--rules", rules])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("Kata dasar: penilaian→nilai"), result.output)
        XCTAssertTrue(result.output.contains("dinilai→nilai"), result.output)
        // The learned layer's line: its probability and the words that pushed the item.
        let learned = try dip(["rules", "explain", "Data rekening gaji pegawai honorer", "--rules", rules])
        XCTAssertTrue(learned.output.contains("Lapisan pembelajaran: peluang dikecualikan"), learned.output)
        // The words are ordered by weight, which moves as the corpus grows: ask that the
        // account word is among them, not that it comes first.
        let pushing = try XCTUnwrap(learned.output.components(separatedBy: "kata yang condong dikecualikan: ").dropFirst().first, learned.output)
        let words = pushing.prefix { $0 != ")" && $0 != ";" }.components(separatedBy: ", ")
        XCTAssertTrue(words.contains("rekening"), learned.output)
    }
}
