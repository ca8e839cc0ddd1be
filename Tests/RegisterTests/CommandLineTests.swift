import DIPCore
import Foundation
import TestSupport
import XCTest

@testable import Register

/// Runs the built `dip` binary on a workspace whose register the test fills through the
/// library: the commands' text, JSON and exit codes.
final class CommandLineTests: XCTestCase {
    private func dipBinary() throws -> URL {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("dip")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw missingTool("Binari dip belum dibangun (jalankan `swift build`).")
        }
        return url
    }

    private func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try dipBinary()
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["SOURCE_DATE_EPOCH"] = "1780300000"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                String(decoding: errData, as: UTF8.self))
    }

    /// A fresh workspace folder, removed when the test ends (the `dip` binary checked first).
    private func temporaryWorkspace() throws -> URL {
        _ = try dipBinary()
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("dip-ws-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: workspace) }
        return workspace
    }

    /// A fresh workspace (see `temporaryWorkspace`) and its register, open, holding the dinkes
    /// list "v1": `Fixture.baseList` and `items`.
    private func workspaceWithRegister(
        submitting items: [(InformationItem, Classification)]
    ) throws -> (workspace: URL, db: AppDatabase) {
        let workspace = try temporaryWorkspace()
        let db = try AppDatabase.open(path: AppDatabase.path(workspace: workspace.path))
        try Fixture.submit(db, Fixture.baseList + items, sha: "v1")
        return (workspace, db)
    }

    /// `dip approve` signed by the fixtures' PPID, DIP decree 000.9/7/2026.
    private static let signatory = ["approve", "--name", "Drs. Ahmad Fauzi", "--nip", "197001011990031001",
                                    "--decree-number", "000.9/7/2026"]
    /// The fixtures' Atasan PPID.
    private static let atasan = ["--atasan-name", "H. Zaldi Dhuhana", "--atasan-nip", "196801011990031002"]

    /// `dip approve --preview` by `signatory`, decree dated 1 June 2026, with `extra` arguments.
    private func previewApproval(in workspace: URL, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        try run(Self.signatory + ["--decree-date", "1/6/2026", "--preview"] + extra + ["--workspace", workspace.path])
    }

    /// `dip approve --force --yes` (or `force` in its place) by `signatory` and `atasan`, DIK decree
    /// 000.9/8/2026, both dated 1 June 2026.
    private func approveWithBothDecrees(in workspace: URL, force: [String] = ["--force"]) throws
        -> (status: Int32, out: String, err: String) {
        try run(Self.signatory + ["--dik-decree-number", "000.9/8/2026", "--decree-date", "1/6/2026"] + Self.atasan
                + force + ["--yes", "--workspace", workspace.path])
    }

    /// A consequence test recorded before dip knew UU 14/2008 Pasal 20 ayat (1) (here through the
    /// register, as an older workspace holds it): huruf b alone with a permanent period. The DIK
    /// decree would print "Permanen" for an exemption the law says is not permanent: refused.
    func testApprovalRefusesAPermanentExemptionUnderHurufAToF() throws {
        let workspace = try temporaryWorkspace()
        for (ground, consequence, refused) in [("17b", "x", true), ("17h2", "", true), ("17h2", "x", false)] {
            try? FileManager.default.removeItem(at: workspace)
            do {
                let db = try AppDatabase.open(path: AppDatabase.path(workspace: workspace.path))
                var list = Fixture.baseList
                list.append(Fixture.classified(
                    Fixture.item("5", "Rincian HPS sebelum tender diumumkan", kategori: .setiapSaat),
                    suggested: .dikecualikan, test: true))
                try Fixture.submit(db, list, sha: "v1")
                try db.recordConsequenceTest(
                    itemID: "dinkes-0005", revision: 1,
                    test: ConsequenceTest(
                        specificInformation: "Rincian harga satuan", legalBasis: "", grounds: [ground],
                        consequence: consequence, publicInterest: "y", conclusion: .exemptPart, period: .permanent,
                        periodText: "Permanen", conditionsForOpening: "", tester: Official(name: "Tim"),
                        testedOn: Fixture.date(2)),
                    enteredBy: "Tim", source: .cli, at: Fixture.date(2))
                XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
            }
            if !refused {
                // `dip status` counts the draft as its decrees will (the open part in the DIP too).
                let status = try run(["status", "--workspace", workspace.path])
                XCTAssertTrue(status.out.contains("; DIP memuat 5 informasi (termasuk bagian terbuka dari 1 informasi yang "
                    + "dikecualikan sebagian), DIK 1 informasi dikecualikan.\n"), status.out)
            }
            let approve = try approveWithBothDecrees(in: workspace)
            if refused {
                XCTAssertEqual(approve.status, 1, approve.out)
                XCTAssertTrue(approve.err.contains(ground == "17b"
                    ? "dinkes-0005: Pengecualian berdasarkan Pasal 17 huruf b UU 14/2008 tidak bersifat permanen"
                    : "dinkes-0005: dikecualikan tanpa konsekuensi apabila informasi dibuka yang tercatat"), approve.err)
            } else {
                XCTAssertEqual(approve.status, 0, approve.err)
                // The counts the decrees state: the open part of the item exempted in part is in the DIP too.
                XCTAssertTrue(approve.out.contains("Versi 1 disetujui: DIP memuat 5 informasi (termasuk bagian terbuka dari 1 informasi "
                    + "yang dikecualikan sebagian), DIK 1 informasi dikecualikan"), approve.out)
                // Huruf h: no period regulated by PP 61/2010 to point out.
                XCTAssertFalse(approve.out.contains("PP 61/2010"), approve.out)
            }
        }
    }

    /// A version that exempts nothing may still rest on consequence tests (an exemption lifted, a
    /// test concluding terbuka): its published berita acara prints the Atasan PPID's "Menyetujui"
    /// block on every record, so `dip approve` asks for the Atasan's name and NIP as it does for a
    /// version with exemptions, instead of publishing that block signed by nobody.
    func testVersionRestingOnTestsWithoutExemptionsNeedsTheAtasan() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rincian HPS paket konsultansi", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: Fixture.test(.open, day: 2),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        XCTAssertTrue(try db.version(number: 1).exempted.isEmpty)
        let base = Self.signatory + ["--decree-date", "1/6/2026", "--force", "--yes", "--workspace", workspace.path]
        let refused = try run(base)
        XCTAssertEqual(refused.status, 1, refused.out)
        XCTAssertTrue(refused.err.contains("Versi 1 memuat 1 uji konsekuensi yang dicetak dalam berita acara uji konsekuensi "
            + "dengan blok \"Menyetujui\" Atasan PPID: nama dan NIP Atasan PPID (blok \"Menyetujui\" pada berita acara) wajib ada"),
                      refused.err)
        XCTAssertFalse(refused.err.contains("Keputusan DIK"), "a version without exemptions has no DIK decree: \(refused.err)")
        XCTAssertNil(try db.version(number: 1).decreeNumber)
        let approved = try run(base + Self.atasan)
        XCTAssertEqual(approved.status, 0, approved.err)
        XCTAssertTrue(approved.out.contains("Menyetujui: SEKRETARIS DAERAH"), approved.out)
        let version = try db.version(number: 1)
        XCTAssertEqual(version.atasan?.name, "H. Zaldi Dhuhana")
        XCTAssertEqual(version.atasan?.nip, "196801011990031002")
    }

    /// What the decrees print as typed is never a fill-in mark: a number copied from the draft
    /// ("000.9/___/Diskominfosatik/2026") or from keputusan.json's pattern ("{tahun}"), a name
    /// left dotted. Nor a number of another year than the decree's date (a January decree given
    /// last year's number): refused, naming each option and what to write; nothing is stored
    /// (docs/publish.md "Session 25"). A right number still approves.
    func testApprovalRefusesFillInMarksAndANumberOfAnotherYear() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [])
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        func approve(number: String, name: String = "Drs. Ahmad Fauzi", rank: [String] = []) throws
            -> (status: Int32, out: String, err: String) {
            try run(["approve", "--name", name, "--nip", "197001011990031001", "--decree-number", number,
                     "--decree-date", "1/6/2026", "--force-unreviewed", "--yes", "--workspace", workspace.path] + rank)
        }
        let blank = try approve(number: "000.9/___/Diskominfosatik/2026")
        XCTAssertEqual(blank.status, 1, blank.out)
        XCTAssertTrue(blank.err.contains("Yang akan dicetak pada keputusan belum dapat ditandatangani: --decree-number "
            + "\"000.9/___/Diskominfosatik/2026\" masih berisi tempat isian (___): tulis nomor yang diberikan saat keputusan "
            + "diregistrasi (misalnya 000.9/7/Diskominfosatik/2026), bukan pola nomor dari draf"), blank.err)
        // The example follows the deployment's pattern and the decree's year.
        let rules = workspace.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        let shipped = try String(contentsOf: Checkers.repoRoot.appendingPathComponent("rules/keputusan.json"), encoding: .utf8)
        try shipped.replacingOccurrences(of: "\"000.9/___/Diskominfosatik/{tahun}\"", with: "\"800/___/PPID/{tahun}\"")
            .write(to: rules.appendingPathComponent("keputusan.json"), atomically: true, encoding: .utf8)
        let own = try approve(number: "800/___/PPID/2026")
        XCTAssertTrue(own.err.contains("(misalnya 800/7/PPID/2026), bukan pola nomor dari draf"), own.err)
        try FileManager.default.removeItem(at: rules)
        let pattern = try approve(number: "000.9/7/Diskominfosatik/{tahun}", name: "……", rank: ["--rank", "..."])
        XCTAssertEqual(pattern.status, 1, pattern.out)
        for part in ["--decree-number \"000.9/7/Diskominfosatik/{tahun}\" masih berisi tempat isian ({tahun})",
                     "--name \"……\" masih berisi tempat isian (…): tulis nama pejabat lengkap",
                     "--rank \"...\" masih berisi tempat isian (...)"] {
            XCTAssertTrue(pattern.err.contains(part), pattern.err)
        }
        let lastYear = try approve(number: "000.9/7/Diskominfosatik/2025")
        XCTAssertEqual(lastYear.status, 1, lastYear.out)
        XCTAssertTrue(lastYear.err.contains("--decree-number \"000.9/7/Diskominfosatik/2025\" memuat tahun 2025, sedangkan "
            + "keputusan bertanggal 1 Juni 2026 dan judulnya \"… Tahun 2026\": tulis nomor yang diregistrasi pada tahun 2026"),
                      lastYear.err)
        XCTAssertNil(try db.version(number: 1).decreeNumber, "nothing stored")
        // A registration number that looks like a year is not one when the pattern places the year last.
        let right = try approve(number: "000.9/2025/Diskominfosatik/2026")
        XCTAssertEqual(right.status, 0, right.err)
        XCTAssertEqual(try db.version(number: 1).decreeNumber, "000.9/2025/Diskominfosatik/2026")
    }

    /// A decree never takes the number of a published one: the update would read "Nomor 000.9/1/2026"
    /// and revoke "Keputusan … Nomor 000.9/1/2026" in its diktum. Refused for either number, naming
    /// the decree that carries it; a new number approves.
    func testApprovalRefusesANumberAPublishedDecreeCarries() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [])
        let first = try XCTUnwrap(db.makeDraft(clock: Clock(now: Fixture.date(1))))
        try db.approve(version: first.number, ApprovalRequest(
            decreeNumber: "000.9/1/2026", dikDecreeNumber: nil, decreeDate: Fixture.date(1), signatory: Fixture.ppid,
            atasan: nil, force: true), at: Fixture.date(1))
        try db.publish(version: first.number, at: Fixture.date(1))
        try Fixture.submit(db, Fixture.baseList + [Fixture.classified(Fixture.item("8", "Profil Puskesmas"))], sha: "v2", day: 2)
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 2)
        func approve(_ number: String) throws -> (status: Int32, out: String, err: String) {
            try run(["approve", "--name", "Drs. Ahmad Fauzi", "--nip", "197001011990031001", "--decree-number", number,
                     "--decree-date", "1/6/2026", "--force-unreviewed", "--yes", "--workspace", workspace.path])
        }
        let reused = try approve("000.9/1/2026")
        XCTAssertEqual(reused.status, 1, reused.out)
        XCTAssertTrue(reused.err.contains("--decree-number \"000.9/1/2026\" sudah dipakai Keputusan Penetapan DIP versi 1 tanggal "),
                      reused.err)
        XCTAssertNil(try db.version(number: 2).decreeNumber, "nothing stored")
        XCTAssertEqual(try approve("000.9/2/2026").status, 0)
    }

    /// A new test whose period runs "sampai 31 Mei 2026" cannot be set by a decree of 1 June 2026:
    /// the DIK decree would set an exemption already over (its Lampiran "Sampai 31 Mei 2026", its
    /// date after it). Refused, also with --force-ended-exemptions (that override re-issues an old
    /// test; here the test itself is to be recorded again); the preview says so. A period ending
    /// on the decree's day or later is approved.
    func testApprovalRefusesANewExemptionWhosePeriodRanOutBeforeTheDecree() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rincian HPS sebelum tender diumumkan", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        // `dip test` refuses it already when the period is over by the day of the test.
        let over = try run(["test", "dinkes-0005", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya", "--ground", "17b",
                            "--consequence", "x", "--public-interest", "y", "--period", "sampai 31 Mei 2026",
                            "--tested-on", "1 Juni 2026", "--tester", "Tim", "--workspace", workspace.path])
        XCTAssertEqual(over.status, 1, over.out)
        XCTAssertTrue(over.err.contains("Jangka waktu pengecualian \"sampai 31 Mei 2026\" sudah berakhir pada tanggal 31 Mei 2026, "
            + "sebelum tanggal uji 1 Juni 2026"), over.err)
        // Recorded the day before (through the register, as an older record holds it), the decree of 1 June refuses it.
        var test = Fixture.test(.exemptWhole, day: 2)
        test.period = PeriodText.parse("sampai 31 Mei 2026")
        test.periodText = "sampai 31 Mei 2026"
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: test, enteredBy: "Tim", source: .cli,
                                     at: Fixture.date(2))
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let preview = try previewApproval(in: workspace, Self.atasan + ["--dik-decree-number", "000.9/8/2026"])
        XCTAssertTrue(preview.out.contains("Persetujuan ini ditolak: Keputusan Klasifikasi DIK versi 1 tanggal 1 Juni 2026 akan "
            + "menetapkan 1 pengecualian yang jangka waktunya menurut uji konsekuensinya sudah berakhir sebelum tanggal itu: "
            + "dinkes-0005 revisi 1 (\"sampai 31 Mei 2026\", berakhir pada tanggal 31 Mei 2026)."), preview.out)
        XCTAssertFalse(preview.out.contains("1 Juni 2026)"), "never the day after its last")
        for force in [["--force-unreviewed"], ["--force-unreviewed", "--force-ended-exemptions"]] {
            let refused = try approveWithBothDecrees(in: workspace, force: force)
            XCTAssertEqual(refused.status, 1, refused.out)
            XCTAssertTrue(refused.err.contains("catat ulang uji konsekuensinya dengan jangka waktu yang benar"), refused.err)
            XCTAssertNil(try db.version(number: 1).decreeNumber, "nothing stored")
        }
        test.period = PeriodText.parse("sampai 1 Juni 2026")
        test.periodText = "sampai 1 Juni 2026"
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: test, enteredBy: "Tim", source: .cli,
                                     at: Fixture.date(3))
        XCTAssertNotNil(try db.makeDraft(clock: Clock(now: Fixture.date(3))))
        let approved = try approveWithBothDecrees(in: workspace, force: ["--force-unreviewed"])
        XCTAssertEqual(approved.status, 0, approved.err)
    }

    /// UU 14/2008 Pasal 17 huruf h lists the personal secrets it protects ("rahasia pribadi, yaitu:
    /// 1. … 5."): a test citing the letter alone is recorded, as the PPID decided, but `dip test` says
    /// the decree will not tell which secret, and where personal data outside the list may rest.
    func testGroundWithoutItsPointIsRecordedWithANote() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Daftar riwayat hidup pegawai", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        func record(_ grounds: [String]) throws -> (status: Int32, out: String, err: String) {
            try run(["test", "dinkes-0005", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya"]
                + grounds.flatMap { ["--ground", $0] }
                + ["--consequence", "x", "--public-interest", "y", "--period", "Permanen", "--tester", "Tim",
                   "--workspace", workspace.path])
        }
        let bare = try record(["17h"])
        XCTAssertEqual(bare.status, 0, bare.err)
        XCTAssertTrue(bare.out.contains("dicatat: Dikecualikan seluruhnya"), bare.out)
        XCTAssertTrue(bare.out.contains("Perhatian: Pasal 17 huruf h UU 14/2008 merinci rahasia pribadi dalam angka 1–5, "
            + "tetapi dasar ini tidak menyebut angkanya"), bare.out)
        XCTAssertTrue(bare.out.contains("huruf j jo. UU 27/2022 (17j2)"), bare.out)
        // The DIK decree about to be signed prints "Pasal 17 huruf h": `dip approve` says so too
        // (session 26), naming the item; warned, not refused.
        let now = Clock(now: Date(timeIntervalSince1970: 1_780_300_000))
        XCTAssertNotNil(try db.makeDraft(clock: now))
        let preview = try previewApproval(in: workspace, Self.atasan + ["--dik-decree-number", "000.9/8/2026"])
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Perhatian: dasar hukum 1 informasi dalam Lampiran Keputusan Klasifikasi DIK menyebut "
            + "huruf Pasal 17 tanpa angkanya: dinkes-0005 revisi 1. Pasal 17 huruf h UU 14/2008 merinci rahasia pribadi dalam "
            + "angka 1–5"), preview.out)
        let pointed = try record(["17h", "17h1"])
        XCTAssertEqual(pointed.status, 0, pointed.err)
        XCTAssertFalse(pointed.out.contains("Perhatian"), pointed.out)
        XCTAssertNotNil(try db.makeDraft(clock: now))
        let again = try previewApproval(in: workspace, Self.atasan + ["--dik-decree-number", "000.9/8/2026"])
        XCTAssertFalse(again.out.contains("tanpa angkanya"), again.out)
    }

    /// A test concluding *terbuka* is recorded without --period (it exempts nothing, so it has
    /// no exemption period; the review workbook takes it without one): `dip test … --conclusion
    /// terbuka` refused it with "isi juga --period" (session 21). An exempting conclusion still
    /// needs it.
    func testAnOpenConclusionNeedsNoExemptionPeriod() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Daftar penerima bantuan sosial", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        let base = ["test", "dinkes-0005", "--revision", "1", "--ground", "17h3", "--consequence", "Tidak ada kerugian",
                    "--public-interest", "Pengawasan bantuan", "--tester", "Tim", "--workspace", workspace.path]
        let exempting = try run(base + ["--conclusion", "dikecualikan_seluruhnya"])
        XCTAssertNotEqual(exempting.status, 0)
        XCTAssertTrue(exempting.err.contains("isi juga --period"), exempting.err)
        let open = try run(base + ["--conclusion", "terbuka"])
        XCTAssertEqual(open.status, 0, open.err)
        XCTAssertTrue(open.out.contains("dicatat: Terbuka"), open.out)
        let test = try XCTUnwrap(try db.history(itemID: "dinkes-0005").tests.last?.test)
        XCTAssertEqual(test.conclusion, .open)
        XCTAssertEqual(test.periodText, "")
    }

    /// The berita acara prints the test's day ("Pada hari ini, Sabtu …"): a test dated on a
    /// Saturday or Sunday is recorded with a note, a weekday one without.
    func testTestDatedOnAWeekendIsRecordedWithANote() throws {
        let (workspace, _) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        func record(on day: String) throws -> (status: Int32, out: String, err: String) {
            try run(["test", "dinkes-0005", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya",
                     "--ground", "17h2", "--consequence", "x", "--public-interest", "y", "--period", "Permanen",
                     "--tester", "Tim", "--tested-on", day, "--workspace", workspace.path])
        }
        let saturday = try record(on: "30 Mei 2026")
        XCTAssertEqual(saturday.status, 0, saturday.err)
        XCTAssertTrue(saturday.out.contains("Perhatian: tanggal uji 30 Mei 2026 jatuh pada hari Sabtu; berita acara mencetak "
            + "\"Pada hari ini, Sabtu …\"."), saturday.out)
        let friday = try record(on: "29 Mei 2026")
        XCTAssertEqual(friday.status, 0, friday.err)
        XCTAssertFalse(friday.out.contains("Perhatian"), friday.out)
    }

    /// A name or a value typed into a test's reasons is published masked in the berita acara and
    /// the DIK Lampiran: `dip test` says so when it records the test, naming the field (session 26).
    func testATestWhoseReasonsNamePersonalDataIsRecordedWithANote() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Surat pengaduan masyarakat", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        func record(consequence: String) throws -> (status: Int32, out: String, err: String) {
            try run(["test", "dinkes-0005", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya",
                     "--ground", "17h", "--consequence", consequence, "--public-interest", "Tidak ada",
                     "--period", "5 tahun", "--tester", "Tim", "--tested-on", "29 Mei 2026", "--workspace", workspace.path])
        }
        let named = try record(consequence: "Membuka pengaduan Sdr. Budi Santoso, NIK 3604015203870002")
        XCTAssertEqual(named.status, 0, named.err)
        XCTAssertTrue(named.out.contains("Perhatian: teks uji konsekuensi memuat data pribadi (konsekuensi: NIK/nomor KK, nama)"),
                      named.out)
        // Recorded as typed: the register keeps what the Tim wrote; only the published texts mask it.
        XCTAssertEqual(try db.history(itemID: "dinkes-0005").tests.last?.test.consequence,
                       "Membuka pengaduan Sdr. Budi Santoso, NIK 3604015203870002")
        let plain = try record(consequence: "Membuka identitas pengadu")
        XCTAssertEqual(plain.status, 0, plain.err)
        XCTAssertFalse(plain.out.contains("teks uji konsekuensi memuat"), plain.out)
    }

    /// `dip approve` names the tests whose reasons hold a name or a value, as `dip test` did: the
    /// signed record prints them masked (session 26).
    func testApprovalNamesTestsWhoseReasonsHoldPersonalData() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Surat pengaduan masyarakat", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        var test = Fixture.test(.exemptWhole, day: 2)
        test.consequence = "Membuka identitas pelapor Ratna Sari"
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: test, enteredBy: "Tim", source: .cli,
                                     at: Fixture.date(2))
        XCTAssertNotNil(try db.makeDraft(clock: Clock(now: Fixture.date(3))))
        let preview = try previewApproval(in: workspace, Self.atasan)
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Perhatian: teks uji konsekuensi 1 informasi memuat data pribadi: dinkes-0005 revisi 1 "
            + "(konsekuensi: nama). Berita acara dan Lampiran Keputusan Klasifikasi DIK mencetaknya"), preview.out)
    }

    /// The berita acara's number is given when it is signed, after the test: `dip test` with only
    /// --berita-acara-number/--place records it (and the place) for the test already recorded,
    /// keeping every other field; `dip approve --preview` names the tests still without a number.
    func testBeritaAcaraNumberAndPlaceAreRecordedForARecordedTest() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("6", "Hasil psikotes pegawai", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        let ws = ["--workspace", workspace.path]
        // Nothing to complete before the test is recorded.
        let early = try run(["test", "dinkes-0005", "--revision", "1", "--berita-acara-number", "000.9/3/BA-UK/2026"] + ws)
        XCTAssertNotEqual(early.status, 0)
        XCTAssertTrue(early.err.contains("belum memiliki uji konsekuensi yang tercatat"), early.err)
        for (item, day) in [("dinkes-0005", "29 Mei 2026"), ("dinkes-0006", "28 Mei 2026")] {
            let r = try run(["test", item, "--revision", "1", "--conclusion", "dikecualikan_seluruhnya",
                             "--ground", "17h2", "--consequence", "Mengungkap riwayat kesehatan", "--public-interest", "Tidak ada",
                             "--period", "Permanen", "--tester", "Tim", "--tested-on", day] + ws)
            XCTAssertEqual(r.status, 0, r.err)
        }
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let before = try previewApproval(in: workspace, Self.atasan + ["--dik-decree-number", "000.9/8/2026"])
        XCTAssertEqual(before.status, 0, before.err)
        XCTAssertTrue(before.out.contains("Perhatian: berita acara uji konsekuensi 2 informasi belum bernomor: "
            + "dinkes-0005 revisi 1 (uji 29 Mei 2026); dinkes-0006 revisi 1 (uji 28 Mei 2026)."), before.out)

        // Only the number and the place: the other fields are the recorded test's.
        let mixed = try run(["test", "dinkes-0005", "--revision", "1", "--berita-acara-number", "000.9/3/BA-UK/2026",
                             "--consequence", "lain"] + ws)
        XCTAssertNotEqual(mixed.status, 0)
        XCTAssertTrue(mixed.err.contains("--consequence hanya dipakai bersama --conclusion"), mixed.err)
        // A test with its conclusion but not its other fields is not recorded, and is told so
        // (it read "Uji konsekuensi dicatat dengan --consequence …", as if it had been).
        let partial = try run(["test", "dinkes-0005", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya",
                               "--consequence", "x", "--tester", "Tim"] + ws)
        XCTAssertNotEqual(partial.status, 0)
        XCTAssertTrue(partial.err.contains("Uji konsekuensi belum dicatat: isi juga --public-interest, --period (wajib bersama --conclusion)."),
                      partial.err)
        let numbered = try run(["test", "dinkes-0005", "--revision", "1", "--berita-acara-number", " 000.9/3/BA-UK/2026 ",
                                "--place", "Aula Kantor Kecamatan Cikande"] + ws)
        XCTAssertEqual(numbered.status, 0, numbered.err)
        XCTAssertTrue(numbered.out.contains("Uji konsekuensi dinkes-0005 revisi 1 dilengkapi: berita acara Nomor "
            + "000.9/3/BA-UK/2026 tanggal 29 Mei 2026, bertempat di Aula Kantor Kecamatan Cikande."), numbered.out)
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(4)))?.number, 2, "a newer test outdates the draft")
        let test = try XCTUnwrap(try db.version(number: 2).exempted.first { $0.id == "dinkes-0005" }?.consequenceTest)
        XCTAssertEqual(test.beritaAcaraNumber, "000.9/3/BA-UK/2026")
        XCTAssertEqual(test.place, "Aula Kantor Kecamatan Cikande")
        XCTAssertEqual(test.consequence, "Mengungkap riwayat kesehatan")
        XCTAssertEqual(test.conclusion, .exemptWhole)
        XCTAssertEqual(test.grounds, ["17h2"])
        XCTAssertEqual(test.testedOn.map { Clock(now: $0).indonesianDate($0) }, "29 Mei 2026")
        // dip history tells the recorded test from the same test completed with its number.
        let history = try run(["history", "dinkes-0005"] + ws)
        XCTAssertEqual(history.status, 0, history.err)
        XCTAssertTrue(history.out.contains("penguji: Tim; tanggal uji 29 Mei 2026; berita acara belum bernomor; dicatat"),
                      history.out)
        XCTAssertTrue(history.out.contains("penguji: Tim; tanggal uji 29 Mei 2026; berita acara Nomor 000.9/3/BA-UK/2026, "
            + "bertempat di Aula Kantor Kecamatan Cikande; dicatat"), history.out)
        XCTAssertTrue(history.out.contains("dicatat oleh Tim (perintah dip test)"), history.out)
        XCTAssertFalse(history.out.contains("(cli)"), history.out)
        // A full test records its number and place directly.
        let direct = try run(["test", "dinkes-0006", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya",
                              "--ground", "17h4", "--consequence", "x", "--public-interest", "y", "--period", "Permanen",
                              "--tester", "Tim", "--tested-on", "28 Mei 2026", "--berita-acara-number", "000.9/4/BA-UK/2026"] + ws)
        XCTAssertEqual(direct.status, 0, direct.err)
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(5)))?.number, 3)
        let after = try run(Self.signatory + ["--decree-date", "6/6/2026", "--preview", "--dik-decree-number", "000.9/8/2026"]
                            + Self.atasan + ws)
        XCTAssertEqual(after.status, 0, after.err)
        XCTAssertFalse(after.out.contains("belum bernomor"), after.out)
        XCTAssertEqual(try db.version(number: 3).exempted.first { $0.id == "dinkes-0006" }?.consequenceTest?.beritaAcaraNumber,
                       "000.9/4/BA-UK/2026")
        // Completing a test of a version approved and not yet published: said, since that version
        // is printed as it was approved.
        let approved = try run(Self.signatory + ["--decree-date", "6/6/2026", "--dik-decree-number", "000.9/8/2026", "--force", "--yes"]
                               + Self.atasan + ws)
        XCTAssertEqual(approved.status, 0, approved.err)
        let late = try run(["test", "dinkes-0006", "--revision", "1", "--place", "Aula Dinas Kesehatan"] + ws)
        XCTAssertEqual(late.status, 0, late.err)
        XCTAssertTrue(late.out.contains("Perhatian: versi 3 sudah disetujui dan belum diterbitkan"), late.out)
        // An item another unit sent after the approval is not in version 3: nothing to say about it.
        try Fixture.submit(db, [Fixture.classified(Fixture.item("1", "Data korban bencana per jiwa", kategori: .setiapSaat),
                                                   suggested: .dikecualikan, test: true)], sha: "bpbd1", unit: Fixture.bpbd, day: 6)
        let fresh = try run(["test", "bpbd-0001", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya",
                             "--ground", "17h2", "--consequence", "x", "--public-interest", "y", "--period", "Permanen",
                             "--tester", "Tim", "--tested-on", "1 Juni 2026"] + ws)
        XCTAssertEqual(fresh.status, 0, fresh.err)
        let numberedLater = try run(["test", "bpbd-0001", "--revision", "1", "--berita-acara-number", "000.9/9/BA-UK/2026"] + ws)
        XCTAssertEqual(numberedLater.status, 0, numberedLater.err)
        XCTAssertTrue(numberedLater.out.contains("dilengkapi: berita acara Nomor 000.9/9/BA-UK/2026"), numberedLater.out)
        XCTAssertFalse(numberedLater.out.contains("sudah disetujui"), numberedLater.out)
        // A corrected test is a new record without the number of the one it replaces: said, with
        // the command that records it again when the berita acara is the same.
        let corrected = try run(["test", "bpbd-0001", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya",
                                 "--ground", "17h2", "--consequence", "Mengungkap data korban", "--public-interest", "y",
                                 "--period", "Permanen", "--tester", "Tim", "--tested-on", "1 Juni 2026"] + ws)
        XCTAssertEqual(corrected.status, 0, corrected.err)
        XCTAssertTrue(corrected.out.contains("Perhatian: uji sebelumnya untuk revisi ini tercatat dengan berita acara Nomor "
            + "000.9/9/BA-UK/2026"), corrected.out)
        XCTAssertTrue(corrected.out.contains("`dip test bpbd-0001 --revision 1 --berita-acara-number \"000.9/9/BA-UK/2026\"`"),
                      corrected.out)
    }

    /// Session 27: `dip approve` refuses a version issuing a berita acara whose test was recorded
    /// without its day (naming it and the command); `dip test --tested-on --name` without
    /// --conclusion dates it; once published, `dip test --berita-acara-number --name` numbers
    /// the record without a new one, and the approval of the next version no longer names it.
    func testUndatedTestsAreRefusedAndRecordsAreCompletedWithoutReprinting() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        let ws = ["--workspace", workspace.path]
        var undated = Fixture.test(.exemptWhole)
        undated.testedOn = nil
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: undated, enteredBy: "PPID",
                                     source: .workbook, at: Fixture.date(1))
        XCTAssertNotNil(try db.makeDraft(clock: Clock(now: Fixture.date(1))))
        let refused = try previewApproval(in: workspace, Self.atasan + ["--dik-decree-number", "000.9/8/2026"])
        XCTAssertEqual(refused.status, 0, refused.err)
        XCTAssertTrue(refused.out.contains("Persetujuan ini ditolak: Berita acara uji konsekuensi 1 informasi yang diterbitkan "
            + "bersama versi 1 belum bertanggal uji: dinkes-0005 revisi 1 (dicatat 30 Mei 2026)."), refused.out)
        XCTAssertTrue(refused.out.contains("`dip test dinkes-0005 --revision 1 --tested-on \"…\" --name \"…\"`"), refused.out)
        // Or without a terminal, on the review workbook's sheet that lists the record (session 29).
        XCTAssertTrue(refused.out.contains("atau isi sheet Lengkapi Berita Acara pada lembar kerja pemeriksaan "
            + "(reports/review/pemeriksaan-dip.xlsx) dan letakkan berkasnya di inbox/_ppid/, lalu `dip run`"), refused.out)
        let approval = try approveWithBothDecrees(in: workspace)
        XCTAssertNotEqual(approval.status, 0)
        XCTAssertTrue(approval.err.contains("belum bertanggal uji"), approval.err)

        let nameless = try run(["test", "dinkes-0005", "--revision", "1", "--tested-on", "29 Mei 2026"] + ws)
        XCTAssertNotEqual(nameless.status, 0)
        XCTAssertTrue(nameless.err.contains("Isi --name dengan nama petugas yang mencatat tanggal uji ini"), nameless.err)
        let dated = try run(["test", "dinkes-0005", "--revision", "1", "--tested-on", "29 Mei 2026", "--name", "Rina (PPID)"] + ws)
        XCTAssertEqual(dated.status, 0, dated.err)
        XCTAssertTrue(dated.out.contains("Uji konsekuensi dinkes-0005 revisi 1 dilengkapi: tanggal uji Jumat, 29 Mei 2026."), dated.out)
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(2)))?.number, 2)
        let approved = try approveWithBothDecrees(in: workspace)
        XCTAssertEqual(approved.status, 0, approved.err)
        XCTAssertFalse(approved.out.contains("belum bertanggal"), approved.out)
        try db.publish(version: 2, at: Fixture.date(3))

        // Published without a number: numbered afterwards, by name, without a new record.
        let completed = try run(["test", "dinkes-0005", "--revision", "1", "--berita-acara-number", "000.9/3/BA-UK/2026",
                                 "--name", "Siti (sekretariat)"] + ws)
        XCTAssertEqual(completed.status, 0, completed.err)
        XCTAssertTrue(completed.out.contains("Berita acara uji konsekuensi dinkes-0005 revisi 1 (terbit bersama DIP versi 2) "
            + "dilengkapi: berita acara Nomor 000.9/3/BA-UK/2026 tanggal 29 Mei 2026; dicatat oleh Siti (sekretariat)"),
                      completed.out)
        XCTAssertTrue(completed.out.contains("Berita acaranya tidak dicetak ulang"), completed.out)
        let again = try run(["test", "dinkes-0005", "--revision", "1", "--berita-acara-number", "000.9/4/BA-UK/2026",
                             "--name", "Siti"] + ws)
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.err.contains("sudah bernomor 000.9/3/BA-UK/2026"), again.err)
        let history = try run(["history", "dinkes-0005"] + ws)
        XCTAssertTrue(history.out.contains("dilengkapi dengan tanggal uji 29 Mei 2026 oleh Rina (PPID)"), history.out)
        XCTAssertTrue(history.out.contains("dilengkapi dengan nomor berita acara 000.9/3/BA-UK/2026 oleh Siti (sekretariat)"),
                      history.out)
    }

    /// A test dated on a holiday listed in keputusan.json `hariLibur` is recorded with a note, as
    /// a weekend test is; `dip approve --preview` names every test on such a day, including those
    /// the review workbook recorded (here: through the register), with the holiday's name.
    func testTestDatedOnAListedHolidayIsNoted() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("6", "Hasil psikotes pegawai", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        // The shipped keputusan.json with one (made-up, test-only) holiday.
        var settings = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Checkers.repoRoot.appendingPathComponent("rules/keputusan.json"))) as! [String: Any]
        settings["hariLibur"] = [["tanggal": "2026-05-27", "keterangan": "Contoh hari libur uji", "dasar": "data uji, bukan SKB"]]
        let rules = workspace.appendingPathComponent("rules")
        try FileManager.default.copyItem(at: Checkers.repoRoot.appendingPathComponent("rules"), to: rules)
        try FileManager.default.removeItem(at: rules.appendingPathComponent("keputusan.json"))
        try JSONSerialization.data(withJSONObject: settings).write(to: rules.appendingPathComponent("keputusan.json"))
        let ws = ["--workspace", workspace.path]
        func record(on day: String) throws -> (status: Int32, out: String, err: String) {
            try run(["test", "dinkes-0005", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya",
                     "--ground", "17h2", "--consequence", "x", "--public-interest", "y", "--period", "Permanen",
                     "--tester", "Tim", "--tested-on", day] + ws)
        }
        let holiday = try record(on: "27 Mei 2026")
        XCTAssertEqual(holiday.status, 0, holiday.err)
        XCTAssertTrue(holiday.out.contains("Perhatian: tanggal uji 27 Mei 2026 jatuh pada hari libur (Contoh hari libur uji); "
            + "berita acara mencetak \"Pada hari ini, Rabu …\"."), holiday.out)
        let workday = try record(on: "26 Mei 2026")
        XCTAssertEqual(workday.status, 0, workday.err)
        XCTAssertFalse(workday.out.contains("Perhatian"), workday.out)
        XCTAssertEqual(try record(on: "27 Mei 2026").status, 0, "recorded again on the holiday")
        // As the review workbook records it: no note at recording.
        try db.recordConsequenceTest(
            itemID: "dinkes-0006", revision: 1,
            test: ConsequenceTest(
                specificInformation: "", legalBasis: "", grounds: ["17h4"], consequence: "x", publicInterest: "y",
                conclusion: .exemptWhole, period: .permanent, periodText: "Permanen", conditionsForOpening: "",
                tester: Official(name: "Tim"), testedOn: try IndonesianDate.parse("30 Mei 2026")),
            enteredBy: "Tim", source: .workbook, at: Fixture.date(2))
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let preview = try previewApproval(in: workspace, Self.atasan + ["--dik-decree-number", "000.9/8/2026"])
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Perhatian: uji konsekuensi 2 informasi bertanggal hari Sabtu, Minggu atau hari libur: "
            + "dinkes-0005 (27 Mei 2026, hari libur (Contoh hari libur uji)); dinkes-0006 (30 Mei 2026, hari Sabtu)."), preview.out)
    }

    /// UU 14/2008 Pasal 20 ayat (2) leaves the periods of huruf a–f exemptions to PP 61/2010, whose
    /// limits dip has not verified: approving such a classification says so (it does not refuse).
    func testApprovalOfAHurufAToFExemptionPointsToPP61() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rincian HPS sebelum tender diumumkan", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        try db.recordConsequenceTest(
            itemID: "dinkes-0005", revision: 1,
            test: ConsequenceTest(
                specificInformation: "Rincian harga satuan", legalBasis: "", grounds: ["17b"], consequence: "x",
                publicInterest: "y", conclusion: .exemptPart, period: .years(2), periodText: "2 tahun",
                conditionsForOpening: "", tester: Official(name: "Tim"), testedOn: Fixture.date(2)),
            enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let approve = try approveWithBothDecrees(in: workspace)
        XCTAssertEqual(approve.status, 0, approve.err)
        XCTAssertTrue(approve.out.contains("Perhatian: Keputusan Klasifikasi DIK memuat pengecualian berdasarkan Pasal 17 huruf a–f "
            + "UU 14/2008: dinkes-0005 (huruf b). Jangka waktu pengecualian ini diatur lebih lanjut dengan PP 61/2010"), approve.out)
    }

    /// An exemption whose period (counted from the DIK decree that set it) has ended by the new
    /// decree's date, re-issued on the same test, is named when the decree is approved (warned,
    /// not refused); one ending within 90 days and one "selama berlaku" are named too. Tested
    /// again, it is no longer named.
    func testApprovalWarnsOfAnExemptionWhosePeriodEnded() throws {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Clock.wib
        let january = { (d: Int) in cal.date(from: DateComponents(year: 2026, month: 1, day: d))! }
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rincian HPS sebelum tender diumumkan", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("6", "Rencana awal pembelian tanah", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
            Fixture.classified(Fixture.item("7", "Rekam medis pasien", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true),
        ])
        func test(_ grounds: [String], _ period: RetentionPeriod, _ text: String, on day: Date) -> ConsequenceTest {
            ConsequenceTest(specificInformation: "Bagian rinci", legalBasis: "", grounds: grounds, consequence: "x",
                            publicInterest: "y", conclusion: .exemptWhole, period: period, periodText: text,
                            conditionsForOpening: "", tester: Official(name: "Tim"), testedOn: day)
        }
        for (id, grounds, period, text) in [("dinkes-0005", ["17b"], RetentionPeriod.months(3), "3 (tiga) bulan"),
                                            ("dinkes-0006", ["17e4"], .months(6), "6 (enam) bulan"),
                                            ("dinkes-0007", ["17h2"], .whileValid, "Selama berlaku")] {
            try db.recordConsequenceTest(itemID: id, revision: 1, test: test(grounds, period, text, on: january(1)),
                                         enteredBy: "Tim", source: .cli, at: january(1))
        }
        let first = try XCTUnwrap(db.makeDraft(clock: Clock(now: january(1))))
        try db.approve(version: first.number, ApprovalRequest(
            decreeNumber: "000.9/1/2026", dikDecreeNumber: "000.9/2/2026", decreeDate: january(2),
            signatory: Fixture.ppid, atasan: Fixture.ppid, force: true), at: january(2))
        try db.publish(version: first.number, at: january(2))
        // A later list makes the draft the new decree (1 June 2026) will set.
        try Fixture.submit(db, Fixture.baseList + [Fixture.classified(Fixture.item("8", "Profil Puskesmas"))]
            + (5...7).map { n in
                Fixture.classified(Fixture.item("\(n)", ["Rincian HPS sebelum tender diumumkan", "Rencana awal pembelian tanah",
                                                      "Rekam medis pasien"][n - 5], kategori: .setiapSaat),
                                   suggested: .dikecualikan, test: true)
            }, sha: "v2", day: 3)
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, first.number + 1)
        let preview = try previewApproval(in: workspace, Self.atasan + ["--dik-decree-number", "000.9/8/2026"])
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Perhatian: Keputusan Klasifikasi DIK ini mencantumkan kembali 1 pengecualian yang "
            + "jangka waktunya telah berakhir sebelum tanggal keputusan, tanpa uji konsekuensi baru: dinkes-0005 revisi 1 (Rincian HPS "
            + "sebelum tender diumumkan; 3 (tiga) bulan sejak Keputusan Nomor 000.9/2/2026 tanggal 2 Januari 2026, berakhir "
            + "pada tanggal 1 April 2026)."), preview.out)
        XCTAssertTrue(preview.out.contains("Perhatian: jangka waktu 1 pengecualian berakhir dalam 90 hari setelah tanggal "
            + "keputusan: dinkes-0006 (6 (enam) bulan sejak Keputusan Nomor 000.9/2/2026 tanggal 2 Januari 2026, berakhir "
            + "pada tanggal 1 Juli 2026)."), preview.out)
        XCTAssertTrue(preview.out.contains("tidak dapat dihitung dip: dinkes-0007 (\"Selama berlaku\")"), preview.out)
        // Refused without --force (session 23): the decree would set again what its own Lampiran
        // says has ended. The preview says so; the approval is refused and nothing is stored.
        XCTAssertTrue(preview.out.contains("Tanpa --force-ended-exemptions persetujuan ini ditolak: Keputusan Klasifikasi DIK versi "
            + "\(first.number + 1) akan menetapkan kembali 1 pengecualian yang jangka waktunya telah berakhir sebelum tanggal "
            + "keputusan, tanpa uji konsekuensi baru (dinkes-0005 revisi 1)"), preview.out)
        let refused = try run(Self.signatory + ["--dik-decree-number", "000.9/8/2026", "--decree-date", "1/6/2026"] + Self.atasan
                              + ["--yes", "--workspace", workspace.path])
        XCTAssertNotEqual(refused.status, 0, refused.out)
        XCTAssertTrue(refused.err.contains("(dinkes-0005 revisi 1): Lampirannya menyatakan jangka waktu itu telah berakhir"),
                      refused.err)
        XCTAssertTrue(refused.err.contains("Keputusan tidak disetujui."), refused.err)
        XCTAssertNil(try db.version(number: first.number + 1).approvedAt, "refused: nothing stored")
        // --force (deprecated) and --force-unreviewed override the review only, never an ended
        // period (session 24): refused the same, --force told what it now means.
        for option in ["--force", "--force-unreviewed"] {
            let overReview = try run(Self.signatory + ["--dik-decree-number", "000.9/8/2026", "--decree-date", "1/6/2026"]
                                     + Self.atasan + [option, "--yes", "--workspace", workspace.path])
            XCTAssertNotEqual(overReview.status, 0, overReview.out)
            XCTAssertTrue(overReview.err.contains("atau setujui dengan --force-ended-exemptions bila PPID memutuskan"), overReview.err)
            XCTAssertEqual(overReview.err.contains("Peringatan: --force sudah usang dan kini hanya berarti --force-unreviewed"),
                           option == "--force", overReview.err)
            XCTAssertNil(try db.version(number: first.number + 1).approvedAt, "\(option): nothing stored")
        }
        // `dip status` on the run's clock (1 June 2026) lists them too.
        let status = try run(["status", "--workspace", workspace.path])
        XCTAssertTrue(status.out.contains("\nJangka waktu pengecualian (1 pengecualian telah berakhir jangka waktunya, "
            + "1 pengecualian akan berakhir dalam 90 hari, 1 pengecualian perlu diperiksa jangka waktunya); uji ulang dengan "
            + "`dip test` atau sheet Uji Konsekuensi:\n"
            + "  dinkes-0005 (revisi 1): \"3 (tiga) bulan\" sejak 2 Januari 2026, telah berakhir pada tanggal 1 April 2026\n"
            + "  dinkes-0006 (revisi 1): \"6 (enam) bulan\" sejak 2 Januari 2026, berakhir pada tanggal 1 Juli 2026\n"
            + "  dinkes-0007 (revisi 1): \"Selama berlaku\" sejak 2 Januari 2026, tanggal berakhir tidak dapat dihitung\n"),
                      status.out)

        // Tested again (still exempted, a new period): the next decree sets it anew.
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1,
                                     test: test(["17b"], .months(3), "3 (tiga) bulan", on: Fixture.date(3)),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(3))
        XCTAssertNotNil(try db.makeDraft(clock: Clock(now: Fixture.date(3))))
        let again = try previewApproval(in: workspace, Self.atasan + ["--dik-decree-number", "000.9/8/2026"])
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertFalse(again.out.contains("telah berakhir sebelum tanggal keputusan"), again.out)
        XCTAssertFalse(again.out.contains("Tanpa --force-ended-exemptions persetujuan ini ditolak"), again.out)
        XCTAssertTrue(again.out.contains("dinkes-0006 (6 (enam) bulan"), again.out)
    }

    /// The PPID may still sign a DIK decree re-issuing an ended exemption: with --force-ended-exemptions
    /// (that override, named apart from the review's since session 24), and the register and the
    /// history name what was re-issued; an approval overriding nothing says nothing of overrides.
    func testForcedApprovalOverAnEndedExemptionIsRecorded() throws {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Clock.wib
        let january = { (d: Int) in cal.date(from: DateComponents(year: 2026, month: 1, day: d))! }
        let hps = Fixture.classified(Fixture.item("5", "Rincian HPS sebelum tender diumumkan", kategori: .setiapSaat),
                                     suggested: .dikecualikan, test: true)
        let (workspace, db) = try workspaceWithRegister(submitting: [hps])
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: ConsequenceTest(
            specificInformation: "Rincian HPS", legalBasis: "", grounds: ["17b"], consequence: "x", publicInterest: "y",
            conclusion: .exemptWhole, period: .months(3), periodText: "3 (tiga) bulan", conditionsForOpening: "",
            tester: Official(name: "Tim"), testedOn: january(1)), enteredBy: "Tim", source: .cli, at: january(1))
        let first = try XCTUnwrap(db.makeDraft(clock: Clock(now: january(1))))
        try db.approve(version: first.number, ApprovalRequest(
            decreeNumber: "000.9/1/2026", dikDecreeNumber: "000.9/2/2026", decreeDate: january(2),
            signatory: Fixture.ppid, atasan: Fixture.ppid, force: true), at: january(2))
        try db.publish(version: first.number, at: january(2))
        try Fixture.submit(db, Fixture.baseList + [Fixture.classified(Fixture.item("8", "Profil Puskesmas")), hps],
                           sha: "v2", day: 3)
        XCTAssertNotNil(try db.makeDraft(clock: Clock(now: Fixture.date(3))))
        let forced = try approveWithBothDecrees(in: workspace, force: ["--force-unreviewed", "--force-ended-exemptions"])
        XCTAssertEqual(forced.status, 0, forced.err)
        XCTAssertFalse(forced.err.contains("usang"), forced.err)
        XCTAssertTrue(forced.out.contains(" (disetujui dengan --force-unreviewed walaupun 6 informasi belum diperiksa; dengan "
            + "--force-ended-exemptions menetapkan kembali tanpa uji konsekuensi baru 1 pengecualian yang jangka waktunya telah "
            + "berakhir (dinkes-0005 revisi 1); tercatat di riwayat persetujuan)."), forced.out)
        let events = try db.approvalHistory(version: first.number + 1)
        XCTAssertEqual(events.last?.endedExemptionsReissued, [ItemRevisionRef(item: "dinkes-0005", revision: 1)])
        XCTAssertEqual(events.last?.forced, true)
        let history = try run(["approvals", "--workspace", workspace.path])
        XCTAssertTrue(history.out.contains("  Pengecualian yang jangka waktunya telah berakhir ditetapkan kembali tanpa uji "
            + "konsekuensi baru (--force-ended-exemptions): dinkes-0005 revisi 1\n"), history.out)
        XCTAssertTrue(history.out.contains("  Disetujui walaupun belum lengkap diperiksa (--force-unreviewed): 6 informasi belum "
            + "diperiksa, 0 uji konsekuensi belum dicatat\n"), history.out)
        // The first approval overrode neither: nothing of either is recorded for it.
        XCTAssertEqual(try db.approvalHistory(version: first.number).last?.endedExemptionsReissued, [])
    }

    /// A DIP lists information the body holds (UU 14/2008 Pasal 11 ayat (1) huruf a): an item
    /// whose time of making is after the decree date is named when the decree is approved.
    func testApprovalNamesInformationMadeAfterTheDecreeDate() throws {
        var later = Fixture.item("5", "Laporan kinerja semester I")
        later.waktuPembuatan = "Juli 2026"
        var earlier = Fixture.item("6", "Profil pejabat")
        earlier.waktuPembuatan = "1 Mei 2026"
        // A date cell is stored as "2026-07-14"; the note quotes it as the Lampiran prints it.
        var cell = Fixture.item("8", "Laporan pengaduan masyarakat")
        cell.waktuPembuatan = "2026-07-14"
        // Exempted in part: its open part is in the DIP and its withheld part in the DIK, one item.
        var partial = Fixture.item("7", "Rekap rekam medis pasien", kategori: .setiapSaat)
        partial.waktuPembuatan = "Agustus 2026"
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(later), Fixture.classified(earlier),
            Fixture.classified(partial, suggested: .dikecualikan, test: true), Fixture.classified(cell)])
        try db.recordConsequenceTest(itemID: "dinkes-0007", revision: 1, test: Fixture.test(.exemptPart, day: 2),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let preview = try previewApproval(in: workspace, Self.atasan)
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Perhatian: waktu pembuatan 3 informasi sesudah tanggal keputusan 1 Juni 2026: "
            + "dinkes-0005 (Juli 2026); dinkes-0008 (14 Juli 2026); dinkes-0007 (Agustus 2026)."), preview.out)
        XCTAssertFalse(preview.out.contains("dinkes-0006 ("), preview.out)
        XCTAssertFalse(preview.out.contains("jangka waktu penyimpanan"), "every retention is a period: \(preview.out)")
    }

    /// The DIP Lampiran prints the retention as the unit wrote it: a bare year or an unreadable
    /// text would be signed as a period, so approval names such items (said, not refused).
    func testApprovalNamesRetentionsThatAreNoPeriod() throws {
        var year = Fixture.item("5", "Tarif layanan rawat jalan")
        year.retensi = "2026"
        year.retention = .unknown
        var words = Fixture.item("6", "Standar pelayanan minimal")
        words.retensi = "Lemari arsip"
        words.retention = .unknown
        // "Sesuai JRA" names the Jadwal Retensi Arsip's period; stored as unknown by a register of
        // an earlier release, it is still not named.
        var schedule = Fixture.item("7", "Rencana kerja")
        schedule.retensi = "Sesuai JRA"
        schedule.retention = .unknown
        var scheduleNow = Fixture.item("8", "Laporan kinerja")
        scheduleNow.retensi = "Sesuai Jadwal Retensi Arsip"
        scheduleNow.retention = .retentionSchedule
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(year), Fixture.classified(words), Fixture.classified(schedule), Fixture.classified(scheduleNow)])
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let preview = try previewApproval(in: workspace)
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Perhatian: jangka waktu penyimpanan 2 informasi tidak terbaca sebagai jangka waktu: "
            + "dinkes-0005 (2026); dinkes-0006 (Lemari arsip). Lampiran Keputusan Penetapan DIP mencetak kolom"), preview.out)
    }

    /// Intake takes a row with an empty field (the unit is warned): the DIP Lampiran then printed a
    /// row with an empty Ringkasan Isi Informasi, naming no information, and nothing said so when
    /// the decree was approved. Approval names each such item and its empty columns.
    func testApprovalNamesRowsWithEmptyColumns() throws {
        let untitled = Fixture.item("5", "")
        var noOfficial = Fixture.item("6", "Laporan realisasi anggaran", pejabat: "")
        noOfficial.penanggungJawab = ""
        noOfficial.waktuPembuatan = ""
        noOfficial.tempatPembuatan = ""
        var onlyPlace = Fixture.item("7", "Profil pejabat")
        onlyPlace.waktuPembuatan = ""
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(untitled), Fixture.classified(noOfficial), Fixture.classified(onlyPlace)])
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let preview = try previewApproval(in: workspace)
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Perhatian: kolom kosong pada 2 informasi dalam Lampiran Keputusan Penetapan DIP: "
            + "dinkes-0005 (ringkasan isi informasi); dinkes-0006 (penanggung jawab pembuatan atau penerbitan informasi, "
            + "waktu dan tempat pembuatan). Setiap informasi"), preview.out)
        XCTAssertFalse(preview.out.contains("dinkes-0007 ("), "a place without a time still prints: \(preview.out)")
        XCTAssertFalse(preview.out.contains("pejabat atau unit yang menguasai"), "column (3) prints the unit: \(preview.out)")
    }

    /// A consequence test concluding *terbuka* on an item a rule flagged as personal data (NIK,
    /// nomor rekening) puts it in the DIP whole; `dip approve` said nothing. It now names the item,
    /// the rule and the ground and advises publishing it without those data (said, not refused: the
    /// person's written consent may make it lawful). An open test of an item with no personal-data
    /// ground is not named.
    func testApprovalWarnsOfPersonalDataOpenedByATest() throws {
        let bansos = Fixture.item("5", "Daftar penerima bansos beserta NIK dan nomor rekening", kategori: .setiapSaat)
        let flagged = Classification(
            declared: .setiapSaat, suggested: .dikecualikan, subgroup: nil, needsConsequenceTest: true,
            exemptionGrounds: ["17h3", "17j1"], needsReview: true, missingLegalBasis: false,
            hits: [RuleHit(ruleID: "keuangan-pribadi", description: "Kondisi keuangan, gaji, harta dan rekening bank seseorang",
                           matchedWords: ["nomor rekening"])],
            notes: [])
        let hps = Fixture.item("6", "Harga perkiraan sendiri pengadaan alat kesehatan", kategori: .setiapSaat)
        var tender = flagged
        tender.exemptionGrounds = ["17b"]
        tender.hits = []
        let (workspace, db) = try workspaceWithRegister(submitting: [(bansos, flagged), (hps, tender)])
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: Fixture.test(.open, day: 2),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        var openTender = Fixture.test(.open, day: 2)
        openTender.grounds = ["17b"]
        openTender.legalBasis = "Pasal 17 huruf b"
        // (The fixture's "Riwayat penyakit pasien" names health data in words: warned since session 25.)
        openTender.specificInformation = "Rincian harga perkiraan sendiri"
        try db.recordConsequenceTest(itemID: "dinkes-0006", revision: 1, test: openTender,
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let preview = try previewApproval(in: workspace, Self.atasan)
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Perhatian: uji konsekuensi menyimpulkan terbuka untuk 1 informasi yang memuat data "
            + "pribadi: dinkes-0005 revisi 1 (Daftar penerima bansos beserta NIK dan nomor rekening; aturan: Kondisi keuangan, "
            + "gaji, harta dan rekening bank seseorang (kata: nomor rekening); dasar: "), preview.out)
        XCTAssertTrue(preview.out.contains("Pasal 17 huruf h angka 3"), preview.out)
        XCTAssertTrue(preview.out.contains("Umumkan tanpa data itu"), preview.out)
        XCTAssertFalse(preview.out.contains("dinkes-0006 revisi 1 (Harga"), preview.out)
    }

    /// A test concluding *terbuka* recorded on a ground that protects no one's data, whose specific
    /// information opens "beserta NIK dan nomor rekening", was approved without a word (only a
    /// personal-data ground was looked at). `dip approve` now warns, naming the kinds and the grounds
    /// that protect them; it does not refuse (the PPID may open an aggregate, or with consent), but
    /// its confirmation says the warning was passed over, and the history records it (session 25).
    func testApprovalOverPersonalDataOpenedInWordsIsSaidAndRecorded() throws {
        let bansos = Fixture.item("5", "Daftar penerima bantuan sosial tahun 2026", kategori: .setiapSaat)
        var tender = Fixture.classified(bansos, suggested: .dikecualikan, test: true)
        tender.1.exemptionGrounds = ["17b"]
        let (workspace, db) = try workspaceWithRegister(submitting: [tender])
        var open = Fixture.test(.open, day: 2)
        open.grounds = ["17b"]
        open.legalBasis = "Pasal 17 huruf b"
        open.specificInformation = "Daftar penerima bantuan sosial beserta NIK dan nomor rekening"
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: open, enteredBy: "Tim", source: .cli,
                                     at: Fixture.date(2))
        let draft = try XCTUnwrap(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number)
        let approved = try run(Self.signatory + ["--decree-date", "1/6/2026", "--force-unreviewed", "--yes"] + Self.atasan
                               + ["--workspace", workspace.path])
        XCTAssertEqual(approved.status, 0, approved.err)
        XCTAssertTrue(approved.out.contains("Perhatian: uji konsekuensi menyimpulkan terbuka untuk 1 informasi yang memuat data "
            + "pribadi: dinkes-0005 revisi 1 (Daftar penerima bantuan sosial tahun 2026; menyebut: NIK, nomor rekening; dasar: "),
                      approved.out)
        XCTAssertTrue(approved.out.contains("walaupun 1 informasi yang diumumkan utuh memuat data pribadi (peringatan di atas "
            + "diabaikan: dinkes-0005 revisi 1); tercatat di riwayat persetujuan)"), approved.out)
        XCTAssertEqual(try db.approvalHistory(version: draft).last?.openedPersonalData,
                       [ItemRevisionRef(item: "dinkes-0005", revision: 1)])
        let history = try run(["approvals", "--workspace", workspace.path])
        XCTAssertTrue(history.out.contains("  Diumumkan utuh walaupun informasinya memuat data pribadi (peringatan `dip approve` "
            + "diabaikan): dinkes-0005 revisi 1\n"), history.out)
    }

    /// An open item whose summary holds a value of personal data is printed as the unit wrote it in
    /// the DIP Lampiran; the website prints it only for an item the approval recorded (session 26).
    /// `dip approve` warned and stored nothing (main); now the approval over the warning records the
    /// item, says so, and `dip approvals` prints it.
    func testApprovalOverAValueInAnOpenSummaryIsSaidAndRecorded() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Daftar petugas piket pengaduan, HP 081234567890", kategori: .setiapSaat))])
        let draft = try XCTUnwrap(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number)
        let approved = try run(Self.signatory + ["--decree-date", "1/6/2026", "--force-unreviewed", "--yes"]
                               + ["--workspace", workspace.path])
        XCTAssertEqual(approved.status, 0, approved.err)
        XCTAssertTrue(approved.out.contains("Perhatian: ringkasan 1 informasi dalam DIP memuat data pribadi: dinkes-0005 revisi 1 "
            + "(nomor telepon)"), approved.out)
        XCTAssertTrue(approved.out.contains("walaupun 1 informasi yang diumumkan utuh memuat data pribadi (peringatan di atas "
            + "diabaikan: dinkes-0005 revisi 1); tercatat di riwayat persetujuan)"), approved.out)
        XCTAssertEqual(try db.approvalHistory(version: draft).last?.openedPersonalData,
                       [ItemRevisionRef(item: "dinkes-0005", revision: 1)])
        let history = try run(["approvals", "--workspace", workspace.path])
        XCTAssertTrue(history.out.contains("dinkes-0005 revisi 1\n"), history.out)
    }

    /// A row a unit repeated (intake's duplicate-item) would be decreed twice: approval names it;
    /// the same title of two units is two pieces of information and is not named.
    func testApprovalNamesInformationListedTwice() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rencana Kerja Pemerintah Daerah (RKPD) Tahun 2026")),
            Fixture.classified(Fixture.item("6", "Rencana kerja pemerintah daerah (RKPD) tahun 2026.", bentuk: "Softcopy"))])
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let preview = try previewApproval(in: workspace)
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Perhatian: ringkasan yang sama tercantum lebih dari sekali dalam Lampiran Keputusan "
            + "Penetapan DIP: dinkes-0006 sama dengan dinkes-0005 (Rencana kerja pemerintah daerah (RKPD) tahun 2026.)."), preview.out)
        XCTAssertEqual(preview.out.components(separatedBy: "sama dengan").count - 1, 1, preview.out)
    }

    /// A test is recorded after it took place (the register refuses one dated on a later day), and
    /// a decree never predates a test it rests on: an older record dated after the decree date is
    /// refused at approval.
    func testTestsAreNotDatedAfterTheirRecordingNorAfterTheDecree() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        XCTAssertThrowsError(try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: Fixture.test(.exemptWhole, day: 9),
                                                          enteredBy: "Tim", source: .cli, at: Fixture.date(2))) { error in
            XCTAssertTrue("\(error)".contains("sesudah hari pencatatannya"), "\(error)")
        }
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: Fixture.test(.exemptWhole, day: 2),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        // An older register's record, dated after the decree date typed below.
        try db.write { try $0.execute(sql: "UPDATE consequence_tests SET tested_at = ?", arguments: [Fixture.date(20)]) }
        let approve = try approveWithBothDecrees(in: workspace)
        XCTAssertEqual(approve.status, 1, approve.out)
        XCTAssertTrue(approve.err.contains("lebih awal daripada uji konsekuensi dinkes-0005"), approve.err)
    }

    /// The decrees take effect on the day they are set: a version approved with a later decree
    /// date waits for it, and `dip approve` and `dip status` say until when; approved again dated
    /// today, the next run publishes it. `dip test` itself refuses a test dated after today.
    /// (The clock is fixed at 1 June 2026 by SOURCE_DATE_EPOCH.)
    func testLaterDecreeDateIsSaidByApproveAndStatus() throws {
        let workspace = try temporaryWorkspace()
        do {
            let db = try AppDatabase.open(path: AppDatabase.path(workspace: workspace.path))
            var list = Fixture.baseList
            list.append(Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                                           suggested: .dikecualikan, test: true))
            try Fixture.submit(db, list, sha: "v1")
        }
        let ws = ["--workspace", workspace.path]
        let test = ["test", "dinkes-0005", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya", "--ground", "17h2",
                    "--consequence", "Rahasia pribadi pasien terbuka", "--public-interest", "Tidak lebih besar",
                    "--period", "Permanen", "--tester", "Tim Uji", "--tested-on"]
        let ahead = try run(test + ["2 Juni 2026"] + ws)
        XCTAssertEqual(ahead.status, 1, ahead.out)
        XCTAssertTrue(ahead.err.contains("Tanggal uji konsekuensi dinkes-0005 (2 Juni 2026) sesudah hari pencatatannya (1 Juni 2026)"),
                      ahead.err)
        // A NIP typed in its printed form (with spaces) is the 18 digits the berita acara prints.
        let today = try run(test + ["1 Juni 2026", "--tester-nip", "19820315 200604 2 011"] + ws)
        XCTAssertEqual(today.status, 0, today.err)
        do {
            let db = try AppDatabase.open(path: AppDatabase.path(workspace: workspace.path))
            XCTAssertEqual(try db.history(itemID: "dinkes-0005").tests.first?.test.tester?.nip, "198203152006042011")
            XCTAssertEqual(try db.makeDraft(clock: Clock(now: Date(timeIntervalSince1970: 1_780_300_000)))?.number, 1)
        }
        // Digits of another script are numbers to Swift, not a NIP a decree can print.
        let arabicIndic = try run(["approve", "--name", "Drs. Ahmad Fauzi", "--nip", "١٩٧٠٠١٠١١٩٩٠٠٣١٠٠١",
                                   "--decree-number", "000.9/7/2026", "--decree-date", "1/6/2026", "--preview"] + ws)
        XCTAssertNotEqual(arabicIndic.status, 0, arabicIndic.out)
        XCTAssertTrue(arabicIndic.err.contains("NIP harus 18 digit angka"), arabicIndic.err)
        let approve = ["approve", "--name", "Drs. Ahmad Fauzi", "--nip", "19700101 199003 1 001",
                       "--decree-number", "000.9/7/2026", "--dik-decree-number", "000.9/8/2026",
                       "--atasan-name", "H. Zaldi Dhuhana", "--atasan-nip", "196801011990031002", "--force", "--yes",
                       "--decree-date"]
        let later = try run(approve + ["5/6/2026"] + ws)
        XCTAssertEqual(later.status, 0, later.err)
        XCTAssertTrue(later.out.contains("Keputusan mulai berlaku pada tanggal ditetapkan: versi ini diterbitkan oleh "
            + "`dip run` pertama pada atau setelah 5 Juni 2026"), later.out)
        XCTAssertFalse(later.out.contains("diterbitkan pada `dip run` berikutnya"), later.out)
        XCTAssertTrue(later.out.contains("\n  NIP. 197001011990031001\n"), later.out)
        let waiting = try run(["status"] + ws)
        XCTAssertTrue(waiting.out.contains("Disetujui, belum diterbitkan: versi 1 (keputusan 000.9/7/2026 tanggal 5 Juni 2026; "
            + "diterbitkan pada atau setelah tanggal itu).\n"), waiting.out)
        let onTheDay = try run(approve + ["1/6/2026"] + ws)
        XCTAssertEqual(onTheDay.status, 0, onTheDay.err)
        XCTAssertTrue(onTheDay.out.contains("Versi ini diterbitkan pada `dip run` berikutnya"), onTheDay.out)
        let ready = try run(["status"] + ws)
        XCTAssertTrue(ready.out.contains("Disetujui, belum diterbitkan: versi 1 (keputusan 000.9/7/2026).\n"), ready.out)
    }

    /// A version approved for a later decree date waits; a newer draft made meanwhile cannot be
    /// approved over it (the older decree would never be published nor revoked, yet come into
    /// force on its date): refused, naming the waiting decree and how to withdraw it; once
    /// withdrawn, the newer version is approved. A version without exemptions is said to have
    /// no DIK decree, not "DIK 0".
    func testANewerVersionIsNotApprovedOverOneWaitingForItsDecreeDate() throws {
        let workspace = try temporaryWorkspace()
        do {
            let db = try AppDatabase.open(path: AppDatabase.path(workspace: workspace.path))
            try Fixture.submit(db, Fixture.baseList, sha: "v1")
            XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(1)))?.number, 1)
            try db.approve(version: 1, by: Fixture.ppid, decreeNumber: "000.9/7/2026", decreeDate: Fixture.date(10),
                           force: true, at: Fixture.date(2))
            var list = Fixture.baseList
            list.append(Fixture.classified(Fixture.item("5", "Jadwal imunisasi"), suggested: .berkala, test: false))
            try Fixture.submit(db, list, sha: "v2", day: 3)
            XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 2)
        }
        let ws = ["--workspace", workspace.path]
        let approve = ["approve", "--name", "Drs. Ahmad Fauzi", "--nip", "197001011990031001", "--decree-number", "000.9/9/2026",
                       "--decree-date", "1/6/2026", "--force", "--yes"] + ws
        let over = try run(approve)
        XCTAssertEqual(over.status, 1, over.out)
        XCTAssertTrue(over.err.contains("Versi 1 sudah disetujui (Keputusan Nomor 000.9/7/2026 tanggal 8 Juni 2026) dan belum "
            + "diterbitkan: bila versi 2 disetujui, keputusan versi 1 tidak akan diterbitkan"), over.err)
        XCTAssertTrue(over.err.contains("`dip approve --withdraw --name … --reason …`"), over.err)
        XCTAssertTrue(over.err.contains("untuk memperbaiki persetujuan versi 1: `dip approve --version 1 …`"), over.err)
        // As it says: the waiting approval corrected (another decree date), still waiting.
        let corrected = try run(["approve", "--version", "1", "--name", "Drs. Ahmad Fauzi", "--nip", "197001011990031001",
                                 "--decree-number", "000.9/7/2026", "--decree-date", "3/6/2026", "--force", "--yes"] + ws)
        XCTAssertEqual(corrected.status, 0, corrected.err)
        XCTAssertTrue(corrected.out.contains("pada atau setelah 3 Juni 2026"), corrected.out)
        // `--version N` names the version (it was taken for the program's version flag).
        let history = try run(["approvals", "--version", "1"] + ws)
        XCTAssertEqual(history.status, 0, history.err)
        XCTAssertTrue(history.out.contains("Versi 1 disetujui"), history.out)
        let withdraw = try run(["approve", "--withdraw", "--version", "1", "--name", "Drs. Ahmad Fauzi",
                                "--reason", "Diganti versi 2"] + ws)
        XCTAssertEqual(withdraw.status, 0, withdraw.err)
        let approved = try run(approve)
        XCTAssertEqual(approved.status, 0, approved.err)
        XCTAssertTrue(approved.out.contains("Versi 2 disetujui: DIP memuat 5 informasi, tanpa informasi yang dikecualikan "
            + "(tidak ada Keputusan DIK)"), approved.out)
    }

    func testTestApproveStatusHistoryAndStaleRefusal() throws {
        let workspace = try temporaryWorkspace()
        do {
            let db = try AppDatabase.open(path: AppDatabase.path(workspace: workspace.path))
            var list = Fixture.baseList
            list.append(Fixture.classified(
                Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                suggested: .dikecualikan, test: true))
            try Fixture.submit(db, list, sha: "v1")
        }
        let ws = ["--workspace", workspace.path]

        let status = try run(["status", "--format", "json"] + ws)
        XCTAssertEqual(status.status, 0, status.err)
        let json = try JSONSerialization.jsonObject(with: Data(status.out.utf8)) as? [String: Any]
        let pending = json?["pendingTests"] as? [[String: Any]]
        XCTAssertEqual(pending?.first?["itemID"] as? String, "dinkes-0005")

        let stale = try run(["test", "dinkes-0005", "--revision", "2", "--conclusion",
                             "dikecualikan_seluruhnya", "--ground", "17h2", "--consequence", "x",
                             "--public-interest", "y", "--period", "permanen", "--tester", "Tim"]
                            + ws)
        XCTAssertEqual(stale.status, 1)
        // A revision above the current one is a typo, said as such (session 27).
        XCTAssertTrue(stale.err.contains("dinkes-0005 belum mempunyai revisi 2: revisi terkininya 1."), stale.err)

        // Pasal 17 huruf j without the Undang-Undang that closes the information cites nothing
        // a reader can check: refused, unless the law is named.
        let bareJ = try run(["test", "dinkes-0005", "--revision", "1", "--conclusion",
                             "dikecualikan_seluruhnya", "--ground", "17j", "--consequence", "x",
                             "--public-interest", "y", "--period", "permanen", "--tester", "Tim"] + ws)
        XCTAssertEqual(bareJ.status, 1, bareJ.out)
        XCTAssertTrue(bareJ.err.contains("huruf j hanya berlaku"), bareJ.err)

        // UU 14/2008 Pasal 20 ayat (1): an exemption under huruf a–f alone is not permanent.
        let permanentB = try run(["test", "dinkes-0005", "--revision", "1", "--conclusion",
                                  "dikecualikan_sebagian", "--ground", "17b", "--consequence", "x",
                                  "--public-interest", "y", "--period", "Permanen", "--tester", "Tim"] + ws)
        XCTAssertEqual(permanentB.status, 1, permanentB.out)
        XCTAssertTrue(permanentB.err.contains("tidak bersifat permanen (Pasal 20 ayat (1))"), permanentB.err)
        let noConsequence = try run(["test", "dinkes-0005", "--revision", "1", "--conclusion",
                                     "dikecualikan_seluruhnya", "--ground", "17h2", "--consequence", " ",
                                     "--public-interest", "y", "--period", "Permanen", "--tester", "Tim"] + ws)
        XCTAssertEqual(noConsequence.status, 1, noConsequence.out)
        XCTAssertTrue(noConsequence.err.contains("wajib dicatat dengan konsekuensi apabila informasi dibuka"), noConsequence.err)
        XCTAssertTrue(noConsequence.err.contains("Isi --consequence (bukan kosong atau tanda hubung)."), noConsequence.err)
        let shortNIP = try run(["test", "dinkes-0005", "--revision", "1", "--conclusion", "terbuka", "--consequence", "x",
                                "--public-interest", "y", "--period", "-", "--tester", "Tim", "--tester-nip", "12"] + ws)
        XCTAssertNotEqual(shortNIP.status, 0, shortNIP.out)
        XCTAssertTrue(shortNIP.err.contains("NIP penguji harus 18 digit angka"), shortNIP.err)
        let foreverB = try run(["test", "dinkes-0005", "--revision", "1", "--conclusion",
                                "dikecualikan_sebagian", "--ground", "17b", "--consequence", "x",
                                "--public-interest", "y", "--period", "selamanya", "--tester", "Tim"] + ws)
        XCTAssertEqual(foreverB.status, 1, "\"selamanya\" is permanent too: \(foreverB.out)")
        XCTAssertTrue(foreverB.err.contains("tidak bersifat permanen (Pasal 20 ayat (1))"), foreverB.err)

        let test = try run(["test", "dinkes-0005", "--revision", "1", "--conclusion",
                            "dikecualikan_seluruhnya", "--ground", "17h2", "--consequence",
                            "Rahasia pribadi pasien terbuka", "--public-interest",
                            "Tidak ada kepentingan publik yang lebih besar", "--period",
                            "permanen", "--tester", "Tim Uji Konsekuensi"] + ws)
        XCTAssertEqual(test.status, 0, test.err)
        XCTAssertTrue(test.out.contains("Dikecualikan seluruhnya"))

        do {
            let db = try AppDatabase.open(path: AppDatabase.path(workspace: workspace.path))
            XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        }
        let signatory = ["approve", "--name", "Drs. Ahmad Fauzi", "--nip", "197001011990031001",
                         "--decree-number", "000.9/7/2026", "--atasan-name", "H. Zaldi Dhuhana",
                         "--atasan-nip", "196801011990031002"]
        // The day-month-year an officer types is read as such; a two-digit year is refused.
        let twoDigit = try run(signatory + ["--decree-date", "01-06-26", "--dik-decree-number", "000.9/8/2026"] + ws)
        XCTAssertNotEqual(twoDigit.status, 0)
        XCTAssertTrue(twoDigit.err.contains("tahun dua angka"), twoDigit.err)
        let early = try run(signatory + ["--decree-date", "01-06-2025", "--dik-decree-number", "000.9/8/2026"] + ws)
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.err.contains("lebih awal daripada draf"), early.err)
        // The version has an exempted item: the DIK decree needs its own number.
        let noDIK = try run(signatory + ["--decree-date", "01-06-2026", "--force"] + ws)
        XCTAssertEqual(noDIK.status, 1)
        XCTAssertTrue(noDIK.err.contains("--dik-decree-number"), noDIK.err)
        // Nothing was reviewed: refused, saying how many, unless --force.
        let unreviewed = try run(signatory + ["--decree-date", "01-06-2026", "--dik-decree-number", "000.9/8/2026"] + ws)
        XCTAssertEqual(unreviewed.status, 1)
        XCTAssertTrue(unreviewed.err.contains("5 informasi belum diperiksa"), unreviewed.err)
        let preview = try run(signatory + ["--decree-date", "1 Juni 2026", "--dik-decree-number", "000.9/8/2026",
                                           "--preview"] + ws)
        XCTAssertEqual(preview.status, 0, preview.err)
        XCTAssertTrue(preview.out.contains("Nomor 000.9/8/2026, tanggal 1 Juni 2026"), preview.out)
        XCTAssertTrue(preview.out.contains("belum ada yang disimpan"), preview.out)
        // An acting official (Plt.) typed in any case prints in the drafting form "Plt. <ISSUER>".
        let acting = try run(signatory + ["--decree-date", "1 Juni 2026", "--dik-decree-number", "000.9/8/2026", "--preview",
                                          "--title", "plt kepala dinas komunikasi, informatika, persandian dan statistik kabupaten serang selaku pejabat pengelola informasi dan dokumentasi utama"] + ws)
        XCTAssertEqual(acting.status, 0, acting.err)
        XCTAssertTrue(acting.out.contains("\n  Plt. KEPALA DINAS KOMUNIKASI, INFORMATIKA, PERSANDIAN DAN STATISTIK KABUPATEN SERANG SELAKU PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI UTAMA,\n"), acting.out)
        // A keputusan.json resting on a repealed law: the decree is not approved.
        let rules = workspace.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        let shipped = try Data(contentsOf: Checkers.repoRoot.appendingPathComponent("rules/keputusan.json"))
        var repealed = try XCTUnwrap(try JSONSerialization.jsonObject(with: shipped) as? [String: Any])
        repealed["mengingat"] = (repealed["mengingat"] as? [String] ?? []) + ["Undang-Undang Nomor 36 Tahun 2009 tentang Kesehatan;"]
        try JSONSerialization.data(withJSONObject: repealed).write(to: rules.appendingPathComponent("keputusan.json"))
        let onRepealed = try run(signatory + ["--decree-date", "1/6/2026", "--dik-decree-number", "000.9/8/2026",
                                              "--force"] + ws)
        XCTAssertEqual(onRepealed.status, 1, onRepealed.out)
        XCTAssertTrue(onRepealed.err.contains("UU 36/2009 tentang Kesehatan telah dicabut oleh UU 17/2023"), onRepealed.err)
        // A workspace whose keputusan.json is of before, the DIK decree resting on Perki 1/2017
        // (a warning, not an error): approved.
        try FileManager.default.removeItem(at: rules)
        try FileManager.default.copyItem(at: Checkers.repoRoot.appendingPathComponent("rules"), to: rules)
        var older = try XCTUnwrap(try JSONSerialization.jsonObject(with: shipped) as? [String: Any])
        older["mengingatKlasifikasi"] = ["Peraturan Komisi Informasi Nomor 1 Tahun 2017 tentang Pengklasifikasian Informasi Publik;"]
        try JSONSerialization.data(withJSONObject: older).write(to: rules.appendingPathComponent("keputusan.json"))
        let approve = try run(signatory + ["--decree-date", "1/6/2026", "--dik-decree-number", "000.9/8/2026",
                                           "--force"] + ws)
        XCTAssertEqual(approve.status, 0, approve.err)
        XCTAssertTrue(approve.out.contains("Versi 1 disetujui: DIP memuat 4 informasi, DIK 1 informasi dikecualikan"), approve.out)
        XCTAssertTrue(approve.out.contains("1 Juni 2026"), approve.out)
        XCTAssertTrue(approve.out.contains("Drs. Ahmad Fauzi"), approve.out)
        // The history shows who approved, with both numbers and the forced review.
        let approvals = try run(["approvals"] + ws)
        XCTAssertEqual(approvals.status, 0, approvals.err)
        XCTAssertTrue(approvals.out.contains("Versi 1 disetujui"), approvals.out)
        XCTAssertTrue(approvals.out.contains("Keputusan DIK Nomor 000.9/8/2026"), approvals.out)
        XCTAssertTrue(approvals.out.contains("5 informasi belum diperiksa"), approvals.out)

        let history = try run(["history", "dinkes-0005"] + ws)
        XCTAssertEqual(history.status, 0, history.err)
        XCTAssertTrue(history.out.contains("dikecualikan (masuk DIK)"), history.out)
        XCTAssertTrue(history.out.contains("Versi 1 (disetujui)"), history.out)

        let text = try run(["status"] + ws)
        XCTAssertTrue(text.out.contains("Disetujui, belum diterbitkan: versi 1"), text.out)

        let diff = try run(["diff", "--to", "1", "--format", "json"] + ws)
        XCTAssertEqual(diff.status, 0, diff.err)
        let diffJSON = try JSONSerialization.jsonObject(with: Data(diff.out.utf8)) as? [String: Any]
        XCTAssertEqual((diffJSON?["added"] as? [Any])?.count, 5)

        let missing = try run(["history", "dinkes-9999"] + ws)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("tidak ada di register"))
    }

    /// `dip history` of an item exempted in part says its open part stays in the DIP, as the
    /// decrees and `dip status` count it ("dikecualikan (masuk DIK)" said it left the DIP).
    func testHistoryOfAnItemExemptedInPart() throws {
        let (workspace, db) = try workspaceWithRegister(submitting: [
            Fixture.classified(Fixture.item("5", "Rekam medis pasien", kategori: .setiapSaat),
                               suggested: .dikecualikan, test: true)])
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: Fixture.test(.exemptPart, day: 2),
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(2))
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(3)))?.number, 1)
        let history = try run(["history", "dinkes-0005", "--workspace", workspace.path])
        XCTAssertEqual(history.status, 0, history.err)
        XCTAssertTrue(history.out.contains(
            "Keadaan: dikecualikan sebagian (bagian yang dikecualikan masuk DIK, bagian lainnya tetap di DIP); revisi terkini 1"),
            history.out)
        XCTAssertTrue(history.out.contains("Versi 1 (draf): revisi 1, Dikecualikan sebagian\n"), history.out)

        // Tested again on the same revision and opened: version 1 still reads as it was decreed,
        // and a test without a ground says so ("dasar: -", not "dasar: ;").
        var open = Fixture.test(.open, day: 4)
        open.grounds = []
        open.legalBasis = ""
        try db.recordConsequenceTest(itemID: "dinkes-0005", revision: 1, test: open,
                                     enteredBy: "Tim", source: .cli, at: Fixture.date(4))
        XCTAssertEqual(try db.makeDraft(clock: Clock(now: Fixture.date(5)))?.number, 2)
        let later = try run(["history", "dinkes-0005", "--workspace", workspace.path])
        XCTAssertEqual(later.status, 0, later.err)
        XCTAssertTrue(later.out.contains("Versi 1 (draf): revisi 1, Dikecualikan sebagian\n"), later.out)
        XCTAssertFalse(later.out.contains("Versi 2 (draf): revisi 1, Dikecualikan"), later.out)
        XCTAssertTrue(later.out.contains("Revisi 1: Terbuka; dasar: -; penguji:"), later.out)
    }

    /// What a PPID or IT officer reads on the common paths when something is wrong says what to do
    /// next, in plain Indonesian (session 27 read-through): a mistyped code or revision, an
    /// approval missing its signatory's data, a withdrawal with nothing approved, an unknown
    /// ground, a choice between two values, a workspace that is not there.
    func testMistakesOnTheCommonPathsSayWhatToDoNext() throws {
        let (workspace, _) = try workspaceWithRegister(submitting: [])
        let ws = ["--workspace", workspace.path]
        let test = ["--conclusion", "terbuka", "--consequence", "x", "--public-interest", "y", "--tester", "Siti"]
        func err(_ args: [String]) throws -> String {
            let r = try run(args + ws)
            XCTAssertNotEqual(r.status, 0, "\(args): \(r.out)")
            return (r.err + r.out).replacingOccurrences(of: "\n", with: " ")
        }
        // A code that is not there: where the codes are.
        XCTAssertTrue(try err(["test", "dinkes-9999", "--revision", "1"] + test)
            .contains("Informasi dengan kode dinkes-9999 tidak ada di register. Periksa kodenya (kolom ID DIP pada paket "
                      + "pemeriksaan reports/review/, atau `dip diff`), lalu ulangi."))
        // A revision that does not exist yet is a typo, not a change since the draft.
        let ahead = try err(["test", "dinkes-0001", "--revision", "7"] + test)
        XCTAssertTrue(ahead.contains("dinkes-0001 belum mempunyai revisi 7: revisi terkininya 1."), ahead)
        XCTAssertFalse(ahead.contains("telah berubah sejak draf"), ahead)
        // An unknown ground: the codes of its letter.
        XCTAssertTrue(try err(["test", "dinkes-0001", "--revision", "1", "--conclusion", "dikecualikan_seluruhnya",
                               "--ground", "17h7", "--consequence", "x", "--public-interest", "y", "--period", "5 tahun",
                               "--tester", "Siti"])
            .contains("Dasar pengecualian 17h7 tidak ada di rules/pengecualian.yaml. Kode untuk Pasal 17 huruf h: 17h, 17h1, "))
        // An approval without the signatory's data: what is missing, as a sentence.
        XCTAssertTrue(try err(["approve", "--name", "Drs. Ahmad Fauzi"])
            .contains("Persetujuan belum lengkap: isi juga --nip, --decree-number dan --decree-date. "))
        XCTAssertTrue(try err(Self.signatory.map { $0 == "197001011990031001" ? "19700101" : $0 } + ["--decree-date", "1/6/2026"])
            .contains("--nip \"19700101\": NIP harus 18 digit angka, misalnya 197001011995031002."))
        XCTAssertTrue(try err(Self.signatory + ["--decree-date", "1/6/2026", "--version", "9"])
            .contains("Versi DIP nomor 9 tidak ada di register. `dip status` menyebut draf yang menunggu persetujuan"))
        XCTAssertTrue(try err(["approve", "--withdraw", "--name", "Drs. Ahmad Fauzi", "--reason", "Tanggal diundur"])
            .contains("Tidak ada versi disetujui yang menunggu terbit, jadi tidak ada persetujuan yang dapat ditarik "
                      + "(riwayatnya: `dip approvals`)."))
        // One of two values is "atau", not "dan" (both).
        XCTAssertTrue(try err(["rules", "decide", "dinkes-0001", "--revision", "1", "--choice", "ya", "--name", "Siti"])
            .contains("Pilih salah satu dari 'terapkan' atau 'pertahankan'."))
        XCTAssertTrue(try err(["rules", "decide", "dinkes-0001", "--revision", "1", "--choice", "terapkan", "--name", "Siti"])
            .contains("(sudah diputuskan? lihat `dip history dinkes-0001`)"))
        // A workspace that is not there is first a mistyped path or a share not mounted.
        let gone = try run(["status", "--workspace", workspace.appendingPathComponent("tidak-ada").path])
        XCTAssertEqual(gone.status, 3)
        XCTAssertTrue(gone.err.contains("bukan workspace dip: folder itu tidak ada. Periksa --workspace (salah ketik? "
                                        + "folder bersama belum terpasang?"), gone.err)
        let empty = workspace.appendingPathComponent("kosong")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let notOne = try run(["status", "--workspace", empty.path])
        XCTAssertTrue(notOne.err.contains("bukan workspace dip: folder 'inbox/' tidak ada di dalamnya. Periksa --workspace"), notOne.err)
        // `dip rules evaluate` of a file not there says so (it said "tidak dapat dibaca sebagai teks UTF-8").
        let missing = try run(["rules", "evaluate", empty.appendingPathComponent("berlabel.csv").path])
        XCTAssertTrue(missing.out.contains("tidak ada atau tidak dapat dibuka: periksa nama dan foldernya."), missing.out)
    }
}
