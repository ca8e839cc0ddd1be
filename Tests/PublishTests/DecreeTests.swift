import DIPCore
import Foundation
import OfficeFormats
import Register
import Rules
import TestSupport
import XCTest
@testable import Publish

/// Reads the visible text of `word/document.xml` of a .docx: every w:t, unescaped, one string.
func docxParts(_ bytes: [UInt8]) throws -> [(name: String, text: String)] {
    let url = try Checkers.temporaryFile("read.docx", bytes)
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", """
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps([[n, z.read(n).decode('utf-8', 'replace')] for n in z.namelist()]))
""", url.path]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let list = try JSONSerialization.jsonObject(with: data) as! [[String]]
    return list.map { ($0[0], $0[1]) }
}

/// Concatenated w:t texts of a document part, XML entities decoded.
func visibleText(_ xml: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: "<w:t(?: [^>]*)?>([^<]*)</w:t>")
    let ns = xml as NSString
    return regex.matches(in: xml, range: NSRange(location: 0, length: ns.length)).map {
        ns.substring(with: $0.range(at: 1)).replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

final class DecreeTests: XCTestCase {
    let settings = DecreeSettings.kabupatenSerang
    let clock = DecreeFixtures.clock

    func testSettingsFileMatchesDefaults() throws {
        let url = Checkers.repoRoot.appendingPathComponent("rules/keputusan.json")
        let decoded = try JSONDecoder().decode(DecreeSettings.self, from: Data(contentsOf: url))
        XCTAssertEqual(decoded, DecreeSettings.kabupatenSerang)
        XCTAssertEqual(settings.blankNumber(year: 2026), "000.9/___/Diskominfosatik/2026")
    }

    /// Each Mengingat and Menimbang of both decrees, read as a Bagian Hukum reads them: every
    /// instrument exists, is in force, has its official title and gazette numbers, an amended
    /// law names its latest amendment; the DIK decree rests on UU 14/2008 Pasal 19 and Perki
    /// 1/2021 Pasal 49 (Standar Pengujian Konsekuensi), cited once, never on Perki 1/2017, whose
    /// status is doubtful; an older keputusan.json still naming Perki 1/2017 still renders, and
    /// `dip rules check` warns about it without an error.
    func testDecreesCiteOnlyInstrumentsInForceByTheirTitles() throws {
        XCTAssertEqual(settings.legalTextProblems().map(\.message), [])
        let allSectoral = LegalCitations.builtIn.sectoralLaws(codes: defaultGroundCodes)
        XCTAssertFalse(allSectoral.isEmpty)
        let dik = settings.mengingatDIK(sectoralLaws: allSectoral)
        for entry in dik + settings.mengingatDIP {
            XCTAssertEqual(StatuteBook.problems(in: entry, mengingat: true).map(\.message), [], entry)
        }
        let perki2017 = "Peraturan Komisi Informasi Nomor 1 Tahun 2017 tentang Pengklasifikasian Informasi Publik"
        let perki2021 = "Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik"
        let menimbangB = "bahwa berdasarkan Pasal 19 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Pejabat Pengelola Informasi dan Dokumentasi wajib melakukan pengujian tentang konsekuensi sebelum menyatakan Informasi Publik tertentu dikecualikan, dengan tahapan dan tata cara sebagaimana diatur dalam Pasal 49 \(perki2021);"
        XCTAssertFalse((dik + settings.menimbangKlasifikasi).joined().contains("Tahun 2017 tentang Pengklasifikasian"), dik.joined(separator: "\n"))
        // Once, with its Berita Negara number (the last entry ends with ".", the others ";").
        XCTAssertEqual(dik.filter { $0.hasPrefix(perki2021) }.map { String($0.dropLast()) },
                       [perki2021 + " (Berita Negara Republik Indonesia Tahun 2021 Nomor 741)"], dik.joined(separator: "\n"))
        XCTAssertEqual(settings.menimbangKlasifikasi[1], menimbangB)
        // The DIP decree's Menimbang b rests on a provision a reader can check: UU 14/2008 Pasal
        // 11 ayat (1) huruf a in its words (the list of all public information, exempted excluded),
        // not on a duty attributed to Perki 1/2021 without an article no stored text confirmed.
        let dipText = visibleText(try docxParts(try DecreeWriter.penetapanDIP(version: try DecreeFixtures.sampleVersion(), settings: settings,
                                                                              citations: .builtIn, clock: clock))[2].text).joined(separator: " ")
        XCTAssertTrue(dipText.contains("bahwa berdasarkan Pasal 11 ayat (1) huruf a Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik, Badan Publik wajib menyediakan Informasi Publik setiap saat yang meliputi daftar seluruh Informasi Publik yang berada di bawah penguasaannya, tidak termasuk informasi yang dikecualikan;"), dipText)
        XCTAssertFalse(dipText.contains("bahwa berdasarkan Peraturan Komisi Informasi"), dipText)
        // The last consideration names the decree itself, as its heading and Menetapkan do (the
        // issuer and the title with its year), never a bare "Keputusan tentang …".
        let issuer = "Keputusan Kepala Dinas Komunikasi, Informatika, Persandian dan Statistik Kabupaten Serang selaku Pejabat Pengelola Informasi dan Dokumentasi Utama"
        XCTAssertTrue(dipText.contains("perlu menetapkan \(issuer) tentang Penetapan Daftar Informasi Publik di Lingkungan Pemerintah Kabupaten Serang Tahun 2026;"), dipText)
        XCTAssertFalse(dipText.contains("perlu menetapkan Keputusan tentang") || dipText.contains("{keputusan}"), dipText)
        // The rendered DIK decree: the same instruments, none unknown, none repealed.
        let v = try DecreeFixtures.sampleVersion()
        let text = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock))[2].text)
            .joined(separator: " ")
        XCTAssertEqual(StatuteBook.problems(in: text).map(\.message), [])
        XCTAssertTrue(text.contains(menimbangB), text)
        XCTAssertTrue(text.contains("perlu menetapkan \(issuer) tentang Klasifikasi Informasi yang Dikecualikan di Lingkungan Pemerintah Kabupaten Serang Tahun 2026;"), text)
        XCTAssertFalse(text.contains("perlu menetapkan Keputusan tentang") || text.contains("{keputusan}"), text)
        XCTAssertFalse(text.contains("Nomor 1 Tahun 2017"), text)
        // A keputusan.json of before (Perki 1/2017 in mengingatKlasifikasi and Menimbang b) still
        // gives the decree; the check warns, advising Perki 1/2021, and raises no error.
        var older = settings
        older.mengingatKlasifikasi = [perki2017 + ";"]
        older.menimbangKlasifikasi[1] = "bahwa berdasarkan Pasal 19 Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik dan \(perki2017), Pejabat Pengelola Informasi dan Dokumentasi wajib melakukan pengujian tentang konsekuensi sebelum menyatakan Informasi Publik tertentu dikecualikan;"
        let olderText = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: v, settings: older, citations: .builtIn, clock: clock))[2].text)
            .joined(separator: " ")
        XCTAssertTrue(olderText.contains(perki2017), olderText)
        let olderIssues = older.issues().filter { $0.message.contains("Perki 1/2017") }
        XCTAssertEqual(olderIssues.count, 2, "\(olderIssues)")
        XCTAssertTrue(olderIssues.allSatisfy { !$0.error && $0.message.contains("kutiplah Perki 1/2021") }, "\(olderIssues)")
        XCTAssertFalse(older.legalTextProblems().contains { $0.substantive })
        // Diktum KEDUA names the record dip issues for each test by its title (the berita acara).
        XCTAssertTrue(text.contains("tercatat dalam Berita Acara Uji Konsekuensi setiap informasi"), text)
        // The blank consequence-test form and a record whose tester has no position: "Yang
        // menguji," once, never followed by a second label "Penguji,".
        var untitled = v.exempted
        for i in untitled.indices { untitled[i].consequenceTest?.tester = Official(name: "Siti Aminah", nip: "198203152006042011") }
        for items in [v.exempted.map { var x = $0; x.consequenceTest = nil; return x }, untitled] {
            let form = visibleText(try docxParts(try ConsequenceTestForm.document(items: items, settings: settings, citations: .builtIn,
                                                                                  clock: clock))[2].text)
            XCTAssertEqual(form.filter { $0.hasPrefix("Yang menguji") }.count, items.count, form.joined(separator: "|"))
            XCTAssertFalse(form.contains("Penguji,"), form.joined(separator: "|"))
        }
        // A recorded test with no conditions for opening: the signed decree's cell reads "-",
        // never blank (as the berita acara prints it).
        var noConditions = v
        let tested = try XCTUnwrap(noConditions.exempted.firstIndex { $0.consequenceTest != nil })
        noConditions.exempted[tested].consequenceTest?.conditionsForOpening = ""
        func dashes(_ version: DIPVersion) throws -> Int {
            visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: version, settings: settings, citations: .builtIn,
                                                                      clock: clock))[2].text).filter { $0 == "-" }.count
        }
        XCTAssertEqual(try dashes(noConditions), try dashes(v) + 1)
        // A keputusan.json written before 17j1 cited UU 23/2006 (keyed "UU 24/2013") still gives
        // the full Mengingat text.
        var olderKeys = settings
        olderKeys.mengingatSektoral = ["UU 24/2013": try XCTUnwrap(settings.mengingatSektoral?["UU 23/2006"])]
        XCTAssertTrue(olderKeys.mengingatDIK(sectoralLaws: LegalCitations.builtIn.sectoralLaws(codes: ["17j1"]))
            .contains { $0.hasPrefix("Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan (Lembaran Negara") })
        // A shipped setting citing a repealed law is reported as an error by `dip rules check`.
        var old = settings
        old.mengingat.append("Undang-Undang Nomor 36 Tahun 2009 tentang Kesehatan;")
        XCTAssertTrue(old.issues().contains { $0.error && $0.message.contains("UU 36/2009") })
    }

    /// A Mengingat entry without where its instrument was promulgated is a warning (never an
    /// error): with the number dip knows from a text read, or saying the number is not verified.
    /// Permendagri 3/2017 was printed without its Berita Negara until session 22, when its own BN
    /// heading (No. 157, 2017) was read: the shipped Mengingat now gives it, and a wrong number is an error.
    func testMengingatWithoutItsGazetteIsAnHonestWarning() {
        XCTAssertEqual(settings.issues().filter { $0.message.contains("dicantumkan tanpa") }.map(\.message), [])
        XCTAssertTrue(settings.mengingat.contains { $0.contains("Nomor 3 Tahun 2017") && $0.contains("Tahun 2017 Nomor 157)") })
        let permendagri = settings.mengingat.firstIndex { $0.contains("Nomor 3 Tahun 2017") }!
        var withoutBN = settings
        withoutBN.mengingat[permendagri] = "Peraturan Menteri Dalam Negeri Nomor 3 Tahun 2017 tentang Pedoman Pengelolaan Pelayanan "
            + "Informasi dan Dokumentasi Kementerian Dalam Negeri dan Pemerintahan Daerah;"
        XCTAssertTrue(withoutBN.issues().contains { !$0.error && $0.message == "mengingat[\(permendagri + 1)]: Permendagri 3/2017 "
            + "dicantumkan tanpa Berita Negara-nya, berbeda dengan entri Mengingat lainnya; tambahkan (Berita Negara Republik "
            + "Indonesia Tahun 2017 Nomor 157)." }, "\(withoutBN.issues())")
        var wrongBN = settings
        wrongBN.mengingat[permendagri] = wrongBN.mengingat[permendagri].replacingOccurrences(of: "Nomor 157)", with: "Nomor 158)")
        XCTAssertTrue(wrongBN.issues().contains { $0.error && $0.message.contains("Permendagri 3/2017") }, "\(wrongBN.issues())")
        var unverified = settings
        unverified.mengingat.append("Peraturan Komisi Informasi Nomor 1 Tahun 2013 tentang Prosedur Penyelesaian Sengketa Informasi Publik;")
        XCTAssertTrue(unverified.issues().contains { !$0.error && $0.message.contains("Perki 1/2013 dicantumkan tanpa Berita Negara-nya")
            && $0.message.contains("nomornya belum diverifikasi dip dari naskah resmi") }, "\(unverified.issues())")
        var bare = settings
        bare.mengingat[0] = "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik;"
        XCTAssertTrue(bare.issues().contains { !$0.error && $0.message == "mengingat[1]: UU 14/2008 dicantumkan tanpa Lembaran Negara-nya, "
            + "berbeda dengan entri Mengingat lainnya; tambahkan (Lembaran Negara Republik Indonesia Tahun 2008 Nomor 61, "
            + "Tambahan Lembaran Negara Republik Indonesia Nomor 4846)." }, "\(bare.issues())")
    }

    /// The DIK decree in force before dip (`keputusanDIKSebelumnya`) is revoked by dip's first
    /// decrees only: by the DIK decree of a first version with exemptions, by the DIP decree of a
    /// first version without; a later version (a dip decree published before it) revokes it no more.
    func testTheDIKDecreeMadeBeforeDipIsRevokedByTheFirstDecreesOnly() throws {
        var withDIK = settings
        withDIK.keputusanDIKSebelumnya = EarlierDecree(number: "188/45/Kominfo/2025", date: "2025-03-10",
                                                       title: "Klasifikasi Informasi yang Dikecualikan Tahun 2025")
        let revoked = "Nomor 188/45/Kominfo/2025 tanggal 10 Maret 2025 tentang Klasifikasi Informasi yang Dikecualikan Tahun 2025"
        func dip(_ v: DIPVersion) throws -> String {
            visibleText(try docxParts(try DecreeWriter.penetapanDIP(version: v, settings: withDIK, citations: .builtIn,
                                                                    clock: clock))[2].text).joined(separator: " ")
        }
        func dik(_ v: DIPVersion) throws -> String {
            visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: v, settings: withDIK, citations: .builtIn,
                                                                      clock: clock))[2].text).joined(separator: " ")
        }
        let first = try DecreeFixtures.sampleVersion(previous: false)
        XCTAssertNil(first.previousDecreeNumber)
        XCTAssertFalse(first.exempted.isEmpty)
        let firstDIK = try dik(first), firstDIP = try dip(first)
        XCTAssertTrue(firstDIK.contains(revoked), firstDIK)
        XCTAssertFalse(firstDIP.contains(revoked), "the DIK decree revokes it")
        var nothingExempted = first
        nothingExempted.exempted = []
        let alone = try dip(nothingExempted)
        XCTAssertTrue(alone.contains(revoked), alone)
        var later = first
        later.previousDecreeNumber = "000.9/7/Diskominfosatik/2026"
        let laterDIK = try dik(later)
        XCTAssertFalse(laterDIK.contains("188/45/Kominfo/2025"), laterDIK)
        later.exempted = []
        let laterDIP = try dip(later)
        XCTAssertFalse(laterDIP.contains("188/45/Kominfo/2025"), laterDIP)
    }

    /// A version that exempts nothing issues no DIK decree: its DIP decree revokes the DIK decree
    /// in force with the previous DIP decree, so no classification stays in force beside a DIP
    /// that publishes what it exempted; a version with exemptions leaves that to its DIK decree.
    func testDIPDecreeWithoutExemptionsRevokesTheDIKDecreeInForce() throws {
        var v = try DecreeFixtures.sampleVersion()
        v.exempted = []
        v.previousDecreeNumber = "000.9/7/Diskominfosatik/2026"
        v.previousDecreeDate = try IndonesianDate.parse("5 Januari 2026")
        v.previousDIKDecreeNumber = "000.9/8/Diskominfosatik/2026"
        v.previousDIKDecreeDate = try IndonesianDate.parse("5 Januari 2026")
        func text(_ version: DIPVersion) throws -> String {
            visibleText(try docxParts(try DecreeWriter.penetapanDIP(version: version, settings: settings, citations: .builtIn,
                                                                    clock: clock))[2].text).joined(separator: " ")
        }
        let issuer = "Keputusan Kepala Dinas Komunikasi, Informatika, Persandian dan Statistik Kabupaten Serang selaku Pejabat Pengelola Informasi dan Dokumentasi Utama"
        let both = try text(v)
        XCTAssertTrue(both.contains("Pada saat Keputusan ini mulai berlaku, \(issuer) Nomor 000.9/7/Diskominfosatik/2026 tanggal 5 Januari 2026 "
            + "tentang Penetapan Daftar Informasi Publik di Lingkungan Pemerintah Kabupaten Serang Tahun 2026 dan \(issuer) Nomor "
            + "000.9/8/Diskominfosatik/2026 tanggal 5 Januari 2026 tentang Klasifikasi Informasi yang Dikecualikan di Lingkungan "
            + "Pemerintah Kabupaten Serang Tahun 2026, dicabut dan dinyatakan tidak berlaku."), both)
        var withExemptions = v
        withExemptions.exempted = try DecreeFixtures.sampleVersion().exempted
        XCTAssertFalse(withExemptions.exempted.isEmpty)
        XCTAssertFalse(try text(withExemptions).contains("000.9/8/Diskominfosatik/2026"), "the DIK decree revokes it there")
    }

    /// The exemptions a version lifts (items the revoked DIK decree exempted, opened on a new
    /// test) are named in the decree that revokes that DIK decree, each with its berita acara,
    /// and set "sebagai Informasi Publik yang dapat diakses" (the PPID's *penetapan*, PP 61/2010);
    /// before, they vanished unnamed from the revoked decree's Lampiran. The DIK decree names
    /// them after its revocation diktum; a version with no DIK decree names them in its DIP
    /// decree, which then revokes the DIK decree; nothing is said when nothing is lifted.
    func testDecreeRevokingTheDIKDecreeNamesTheExemptionsItLifts() throws {
        var v = try DecreeFixtures.sampleVersion()
        v.previousDIKDecreeNumber = "000.9/22/Diskominfosatik/2026"
        v.previousDIKDecreeDate = try IndonesianDate.parse("3 Februari 2026")
        let index = try XCTUnwrap(v.items.firstIndex { $0.category == .setiapSaat })
        var test = ConsequenceTest(
            specificInformation: "Rincian harga satuan", legalBasis: "Pasal 17 huruf b", grounds: ["17b"],
            consequence: "Tidak merugikan lagi", publicInterest: "Pengawasan publik", conclusion: .open,
            period: .unknown, periodText: "-", conditionsForOpening: "-", tester: Official(name: "Siti Aminah", nip: nil),
            testedOn: try IndonesianDate.parse("2 Maret 2026"))
        test.beritaAcaraNumber = "000.9/31/BA-UK/Diskominfosatik/2026"
        v.items[index].consequenceTest = test
        let lifted = v.items[index]
        func text(_ bytes: [UInt8]) throws -> String { visibleText(try docxParts(bytes)[2].text).joined(separator: " ") }
        func dik(_ version: DIPVersion) throws -> String {
            try text(try DecreeWriter.klasifikasiDIK(version: version, settings: settings, citations: .builtIn, clock: clock))
        }
        func dip(_ version: DIPVersion) throws -> String {
            try text(try DecreeWriter.penetapanDIP(version: version, settings: settings, citations: .builtIn, clock: clock))
        }
        XCTAssertFalse(try dik(v).contains("tidak lagi dikecualikan"), "nothing lifted, nothing said")
        v.liftedExemptions = [lifted.id]
        let named = "\(lifted.item.ringkasan) yang dikuasai oleh \(lifted.unit.name) (Berita Acara Uji Konsekuensi Nomor "
            + "000.9/31/BA-UK/Diskominfosatik/2026 tanggal 2 Maret 2026),"
        let withDIK = try dik(v)
        let diktum = "KELIMA : Informasi yang dikecualikan dalam Keputusan sebagaimana dimaksud dalam Diktum KEEMPAT yang "
            + "berdasarkan Uji Konsekuensi disimpulkan terbuka, yaitu: \(named) tidak lagi dikecualikan dan ditetapkan sebagai "
            + "Informasi Publik yang dapat diakses serta dimuat dalam Daftar Informasi Publik. KEENAM : Keputusan ini mulai berlaku"
        XCTAssertTrue(withDIK.contains(diktum), withDIK)
        XCTAssertTrue(withDIK.contains("KEEMPAT : Pada saat Keputusan ini mulai berlaku"), withDIK)
        XCTAssertFalse(try dip(v).contains("tidak lagi dikecualikan"), "the DIK decree names them")
        var nothingExempted = v
        nothingExempted.exempted = []
        let alone = try dip(nothingExempted)
        XCTAssertTrue(alone.contains("KELIMA : Informasi yang dikecualikan dalam Keputusan tentang Klasifikasi Informasi yang "
            + "Dikecualikan sebagaimana dimaksud dalam Diktum KEEMPAT yang berdasarkan Uji Konsekuensi disimpulkan terbuka, yaitu: "
            + "\(named) tidak lagi dikecualikan"), alone)
        // Two lifted items: "; dan" before the last.
        let second = try XCTUnwrap(v.items.firstIndex { $0.id != lifted.id })
        v.items[second].consequenceTest = test
        v.liftedExemptions = [lifted.id, v.items[second].id]
        let both = try dik(v)
        XCTAssertTrue(both.contains("Nomor 000.9/31/BA-UK/Diskominfosatik/2026 tanggal 2 Maret 2026); dan"), both)
    }

    /// The signature never stands on a page without the last diktum. LibreOffice ignored the
    /// keep-with-next of the diktum table's last row: the scenario's v7 DIK decree, its diktums
    /// lengthened by the exemptions it lifts, ended page 3 with "KEENAM : Keputusan ini mulai
    /// berlaku …" and printed "Ditetapkan di Serang" and both signatures alone on page 4. The
    /// DIK decree is printed with 0 to 10 lifted items (so the page break falls at every point
    /// of the diktums, and once just before the last one); on every print the page with the
    /// signature holds "mulai berlaku pada tanggal ditetapkan".
    func testSignatureIsNeverAloneOnAPage() throws {
        var v = try DecreeFixtures.largeVersion(count: 12)
        v.previousDIKDecreeNumber = "000.9/22/Diskominfosatik/2026"
        v.previousDIKDecreeDate = try IndonesianDate.parse("3 Februari 2026")
        let test = ConsequenceTest(
            specificInformation: "-", legalBasis: "Pasal 17 huruf b", grounds: ["17b"], consequence: "Tidak merugikan lagi",
            publicInterest: "Pengawasan publik", conclusion: .open, period: .unknown, periodText: "-", conditionsForOpening: "-",
            tester: Official(name: "Siti Aminah", nip: nil), testedOn: try IndonesianDate.parse("2 Maret 2026"),
            beritaAcaraNumber: "000.9/31/BA-UK/Diskominfosatik/2026")
        for i in v.items.indices { v.items[i].consequenceTest = test }
        let dir = try Scratch.directory("dip-signature-page")
        var files: [URL] = []
        for k in 0...10 {
            var lifting = v
            lifting.liftedExemptions = k == 0 ? nil : Array(v.items.prefix(k).map(\.id))
            let file = dir.appendingPathComponent("dik-\(k).docx")
            try Data(try DecreeWriter.klasifikasiDIK(version: lifting, settings: settings, citations: .builtIn, clock: clock)).write(to: file)
            files.append(file)
        }
        let out = dir.appendingPathComponent("pdf")
        let (status, output) = try runProcess(URL(fileURLWithPath: "/usr/bin/timeout"), [
            "600", "soffice", "-env:UserInstallation=file://\(dir.path)/profile", "--headless",
            "--convert-to", "pdf", "--outdir", out.path] + files.map(\.path))
        XCTAssertEqual(status, 0, output)
        var breakBeforeLastDiktum = false
        for (k, file) in files.enumerated() {
            let pdf = out.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".pdf")
            let (s, text) = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftotext"), [pdf.path, "-"])
            XCTAssertEqual(s, 0, text)
            let pages = text.split(separator: "\u{0C}").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            let page = try XCTUnwrap(pages.first { $0.contains("Ditetapkan di Serang") }, "\(k)")
            XCTAssertTrue(page.contains("mulai berlaku pada tanggal ditetapkan"), "\(k) lifted: \(page)")
            if k > 0 && !page.contains("tidak lagi dikecualikan") { breakBeforeLastDiktum = true }
        }
        XCTAssertTrue(breakBeforeLastDiktum, "no print broke the page just before the last diktum")
    }

    /// A draft says so above its first page and its Lampiran; the decree itself never does.
    func testDraftDecreesAreMarkedAsDrafts() throws {
        var draft = try DecreeFixtures.sampleVersion()
        let approved = draft
        draft.status = .draft
        for (version, marks) in [(draft, 2), (approved, 0)] {
            for bytes in [try DecreeWriter.penetapanDIP(version: version, settings: settings, citations: .builtIn, clock: clock),
                          try DecreeWriter.klasifikasiDIK(version: version, settings: settings, citations: .builtIn, clock: clock)] {
                let text = visibleText(try docxParts(bytes)[2].text)
                XCTAssertEqual(text.filter { $0 == DecreeWriter.draftNotice }.count, marks, "\(version.status)")
            }
        }
    }

    var defaultGroundCodes: [String] { (try? RuleSet.defaults())?.grounds.map(\.code) ?? [] }

    func testDIPDecreeStructureAndContent() throws {
        let version = try DecreeFixtures.sampleVersion()
        XCTAssertFalse(version.exempted.isEmpty)
        let bytes = try DecreeWriter.penetapanDIP(version: version, settings: settings, citations: .builtIn, clock: clock)
        let parts = try docxParts(bytes)
        XCTAssertEqual(parts.map(\.name), [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
            "word/styles.xml", "word/settings.xml", "word/numbering.xml", "word/footer1.xml",
            "docProps/core.xml", "docProps/app.xml",
        ])
        let xml = parts[2].text
        let text = visibleText(xml)
        let joined = text.joined(separator: "\n")
        // A line break in a summary becomes <w:br/>, so each line is its own w:t.
        for v in version.items {
            for line in v.item.ringkasan.split(separator: "\n") {
                XCTAssertTrue(text.contains(String(line)), "open item \(v.id) in the decree")
            }
        }
        for v in version.exempted { XCTAssertFalse(joined.contains(v.item.ringkasan), "exempted item \(v.id) absent") }
        XCTAssertTrue(joined.contains("NOMOR 000.9/___/Diskominfosatik/2026"))
        XCTAssertTrue(joined.contains("PENETAPAN DAFTAR INFORMASI PUBLIK DI LINGKUNGAN PEMERINTAH KABUPATEN SERANG TAHUN 2026"))
        XCTAssertTrue(joined.contains("Nomor 000.9/123/Diskominfosatik/2025 tanggal 15 Juni 2025"), "KEEMPAT revokes the previous decree")
        XCTAssertTrue(joined.contains("Ditetapkan di Serang"))
        for label in ["Menimbang", "Mengingat", "KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "Tembusan:"] {
            XCTAssertTrue(text.contains(label), label)
        }
        for sub in Set(version.items.compactMap(\.subgroup)) {
            XCTAssertTrue(text.contains("Kelompok \(sub.rawValue) – \(sub.title)"), "sub-group \(sub.rawValue)")
        }
        // Group order A berkala, B serta merta, C setiap saat.
        let a = joined.range(of: Category.berkala.label.uppercased())!.lowerBound
        let b = joined.range(of: Category.sertaMerta.label.uppercased())!.lowerBound
        let c = joined.range(of: Category.setiapSaat.label.uppercased())!.lowerBound
        XCTAssertTrue(a < b && b < c)
        XCTAssertTrue(xml.contains("<w:pgSz w:w=\"12189\" w:h=\"18709\"/>"))
        XCTAssertTrue(xml.contains("<w:pgSz w:w=\"18709\" w:h=\"12189\" w:orient=\"landscape\"/>"))

        let first = try DecreeWriter.penetapanDIP(version: try DecreeFixtures.sampleVersion(previous: false),
                                                  settings: settings, citations: .builtIn, clock: clock)
        let firstLines = visibleText(try docxParts(first)[2].text)
        let firstText = firstLines.joined(separator: "\n")
        // Nothing to revoke: no revocation diktum at all, and the numbering does not skip.
        XCTAssertFalse(firstText.contains("dicabut"), firstText)
        XCTAssertFalse(firstText.contains("tidak terdapat Keputusan sebelumnya"))
        XCTAssertTrue(firstLines.contains("KEEMPAT"))
        XCTAssertFalse(firstLines.contains("KELIMA"))
        // The decree made before dip, configured, is revoked by the first dip decree in full.
        var configured = settings
        configured.keputusanSebelumnya = EarlierDecree(
            number: "000.9/45/Diskominfosatik/2025", date: "2025-03-10",
            title: "Penetapan Daftar Informasi Publik di Lingkungan Pemerintah Kabupaten Serang Tahun 2025")
        let revoking = visibleText(try docxParts(try DecreeWriter.penetapanDIP(
            version: try DecreeFixtures.sampleVersion(previous: false), settings: configured, citations: .builtIn,
            clock: clock))[2].text).joined(separator: "\n")
        XCTAssertTrue(revoking.contains("Nomor 000.9/45/Diskominfosatik/2025 tanggal 10 Maret 2025 tentang Penetapan Daftar "
            + "Informasi Publik di Lingkungan Pemerintah Kabupaten Serang Tahun 2025, dicabut dan dinyatakan tidak berlaku"),
                      revoking)
    }

    /// An update decree says in its considerations which decree it replaces and why, before the
    /// point that concludes from them, whose cross-reference then counts three points (session 24);
    /// a first decree replaces none and keeps a–c as configured. The DIK decree likewise.
    func testAnUpdateDecreeSaysInItsConsiderationsWhatItReplaces() throws {
        func menimbang(_ bytes: [UInt8]) throws -> String {
            let text = visibleText(try docxParts(bytes)[2].text).joined(separator: " ")
            let start = try XCTUnwrap(text.range(of: "Menimbang")), end = try XCTUnwrap(text.range(of: "Mengingat"))
            return String(text[start.upperBound..<end.lowerBound])
        }
        var update = try DecreeFixtures.sampleVersion()
        let dip = try menimbang(try DecreeWriter.penetapanDIP(version: update, settings: settings, citations: .builtIn, clock: clock))
        XCTAssertTrue(dip.contains("bahwa Daftar Informasi Publik yang ditetapkan dengan Keputusan Kepala Dinas Komunikasi, "
            + "Informatika, Persandian dan Statistik Kabupaten Serang selaku Pejabat Pengelola Informasi dan Dokumentasi Utama "
            + "Nomor 000.9/123/Diskominfosatik/2025 tanggal "), dip)
        XCTAssertTrue(dip.contains("telah dimutakhirkan sesuai dengan perubahan Informasi Publik yang berada di bawah penguasaan "
            + "Badan Publik, sehingga Keputusan tersebut perlu diganti;"), dip)
        XCTAssertTrue(dip.contains("bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, huruf b, dan huruf c, perlu menetapkan"), dip)
        XCTAssertLessThan(try XCTUnwrap(dip.range(of: "perlu diganti;")).lowerBound,
                          try XCTUnwrap(dip.range(of: "bahwa berdasarkan pertimbangan")).lowerBound, "the conclusion comes last")
        let first = try menimbang(try DecreeWriter.penetapanDIP(version: try DecreeFixtures.sampleVersion(previous: false),
                                                               settings: settings, citations: .builtIn, clock: clock))
        XCTAssertFalse(first.contains("perlu diganti"), first)
        XCTAssertTrue(first.contains("sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan"), first)

        update.previousDIKDecreeNumber = "000.9/124/Diskominfosatik/2025"
        update.previousDIKDecreeDate = update.previousDecreeDate
        let dik = try menimbang(try DecreeWriter.klasifikasiDIK(version: update, settings: settings, citations: .builtIn, clock: clock))
        XCTAssertTrue(dik.contains("bahwa Klasifikasi Informasi yang Dikecualikan yang ditetapkan dengan Keputusan Kepala Dinas "
            + "Komunikasi, Informatika, Persandian dan Statistik Kabupaten Serang selaku Pejabat Pengelola Informasi dan "
            + "Dokumentasi Utama Nomor 000.9/124/Diskominfosatik/2025 tanggal "), dik)
        XCTAssertTrue(dik.contains("perlu dimutakhirkan sejalan dengan pemutakhiran Daftar Informasi Publik, sehingga Keputusan "
            + "tersebut perlu diganti;"), dik)
        XCTAssertTrue(dik.contains("dalam huruf a, huruf b, dan huruf c, perlu menetapkan"), dik)
    }

    func testDeterministic() throws {
        let v = try DecreeFixtures.sampleVersion()
        XCTAssertEqual(try DecreeWriter.penetapanDIP(version: v, settings: settings, citations: .builtIn, clock: clock),
                       try DecreeWriter.penetapanDIP(version: v, settings: settings, citations: .builtIn, clock: clock))
        XCTAssertEqual(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock),
                       try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock))
        XCTAssertEqual(try ConsequenceTestForm.document(items: v.exempted, settings: settings, citations: .builtIn, clock: clock),
                       try ConsequenceTestForm.document(items: v.exempted, settings: settings, citations: .builtIn, clock: clock))
    }

    /// No text is clipped in the Lampiran tables: a row far taller than a page (rows are
    /// `cantSplit`) still prints every word, in the DIP and in the DIK (LibreOffice → PDF text).
    func testTallRowsAreNotClipped() throws {
        _ = try Checkers.require("check-docx")
        var v = try DecreeFixtures.sampleVersion()
        let words = (0..<300).map { "kegiatan\($0) pembangunan jalan desa dan jembatan" }.joined(separator: " ")
        v.items[0].item.ringkasan = "Awal " + words + " AKHIRDIP"
        v.exempted[0].item.ringkasan = "Awal " + words + " AKHIRDIK"
        var tested = v.exempted.filter { $0.consequenceTest != nil }
        tested[0].consequenceTest?.consequence = "Awal " + words + " AKHIRUJI"
        for (name, bytes, marker) in [
            ("dip.docx", try DecreeWriter.penetapanDIP(version: v, settings: settings, citations: .builtIn, clock: clock), "AKHIRDIP"),
            ("dik.docx", try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock), "AKHIRDIK"),
            ("uji.docx", try ConsequenceTestForm.document(items: tested, settings: settings, citations: .builtIn, clock: clock), "AKHIRUJI"),
        ] {
            let url = try Checkers.temporaryFile(name, bytes)
            let dir = url.deletingLastPathComponent()
            defer { try? FileManager.default.removeItem(at: dir) }
            let r = try Checkers.run("check-docx", [url.path, "--pdf", dir.path])
            XCTAssertEqual(r.status, 0, r.output)
            let (_, text) = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                           ["pdftotext", dir.appendingPathComponent(name + ".pdf").path, "-"])
            let kept = (0..<300).filter { text.contains("kegiatan\($0) ") || text.contains("kegiatan\($0)\n") }.count
            XCTAssertTrue(text.contains(marker), "\(name): the end of a tall row is clipped (\(kept) of 300 words kept)")
            XCTAssertTrue(text.contains("kegiatan299"), name)
        }
    }

    func testDIKDecreeListsExemptedWithTheirTests() throws {
        let v = try DecreeFixtures.sampleVersion()
        let text = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock))[2].text)
        let joined = text.joined(separator: "\n")
        for e in v.exempted { XCTAssertTrue(joined.contains(e.item.ringkasan), e.id) }
        for o in v.items { XCTAssertFalse(text.contains(o.item.ringkasan), "open item \(o.id) not in the DIK") }
        XCTAssertTrue(text.contains("UU 14/2008 Pasal 17 huruf h angka 2"), joined)
        XCTAssertTrue(text.contains("UU 14/2008 Pasal 17 huruf j jo. UU 27/2022 tentang Pelindungan Data Pribadi"), joined)
        XCTAssertFalse(joined.contains("huruf j angka"), joined)
        XCTAssertTrue(text.contains("Mengungkap rahasia pribadi & data kesehatan"))
        XCTAssertTrue(text.contains("Dikecualikan seluruhnya"))
        XCTAssertTrue(text.contains("5 (lima) tahun"))
    }

    /// The DIK Lampiran closes with both signatures inside the table (titles, then names): no
    /// border but the one closing the table under its last item. Session 25's page images showed
    /// a rule drawn across both signatures, between the titles and the names (the second closing
    /// row kept its top border). The DIP Lampiran's single closing row keeps its top.
    func testTheDIKLampiranSignaturesHaveNoRuleBetweenTitlesAndNames() throws {
        var v = try DecreeFixtures.sampleVersion()
        v.approvedBy = Official(name: "Drs. H. Ahmad Fauzi, M.Si.", nip: "197001011995031002")
        v.atasan = Official(name: "H. Zaldi Dhuhana, S.Sos., M.M.", nip: "196801011990031002",
                            title: "SEKRETARIS DAERAH KABUPATEN SERANG SELAKU ATASAN PPID")
        func closingRows(_ bytes: [UInt8]) throws -> [String] {
            let xml = try docxParts(bytes)[2].text
            return xml.components(separatedBy: "<w:tr>").dropFirst().filter { $0.contains("<w:bottom w:val=\"nil\"/>") }
        }
        let dik = try closingRows(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock))
        XCTAssertEqual(dik.count, 2, "titles row and names row")
        XCTAssertFalse(dik[0].contains("<w:top w:val=\"nil\"/>"), "the titles row closes the table")
        XCTAssertTrue(dik[1].contains("H. Zaldi Dhuhana"), dik[1])
        XCTAssertEqual(dik[1].components(separatedBy: "<w:top w:val=\"nil\"/>").count - 1, 2,
                       "both cells of the names row without a top border: \(dik[1])")
        let dip = try closingRows(try DecreeWriter.penetapanDIP(version: v, settings: settings, citations: .builtIn, clock: clock))
        XCTAssertEqual(dip.count, 1)
        XCTAssertFalse(dip[0].contains("<w:top w:val=\"nil\"/>"))
    }

    /// The berita acara, made before any decree sets its exemption, records the reading of its
    /// period in the decree's words (session 26): years and months run from the classification
    /// decree; a "sampai" period whose words do not name its last day says it.
    func testTheBeritaAcaraRecordsTheReadingOfItsPeriod() {
        func test(_ period: RetentionPeriod, _ text: String) -> ConsequenceTest {
            ConsequenceTest(specificInformation: "", legalBasis: "", grounds: ["17h2"], consequence: "x", publicInterest: "y",
                            conclusion: .exemptWhole, period: period, periodText: text, conditionsForOpening: "",
                            tester: nil, testedOn: nil)
        }
        XCTAssertEqual(DecreeWriter.periodRecord(test(.years(2), "2 (dua) tahun"), clock: clock),
                       "2 (dua) tahun\nsejak tanggal Keputusan Klasifikasi yang menetapkannya")
        XCTAssertEqual(DecreeWriter.periodRecord(test(.untilEvent("sampai akhir tahun 2026"), "sampai akhir tahun 2026"), clock: clock),
                       "Sampai akhir tahun 2026\n(sampai dengan tanggal 31 Desember 2026)")
        XCTAssertEqual(DecreeWriter.periodRecord(test(.untilEvent("sampai 31 Desember 2026"), "sampai 31 Desember 2026"), clock: clock),
                       "Sampai 31 Desember 2026", "its words name the day already")
        XCTAssertEqual(DecreeWriter.periodRecord(test(.untilEvent("sampai pengumuman pemenang"), "sampai pengumuman pemenang"),
                                                 clock: clock), "Sampai pengumuman pemenang")
        XCTAssertEqual(DecreeWriter.periodRecord(test(.permanent, "Permanen"), clock: clock), "Permanen")
    }

    /// The DIK Lampiran says when each exemption of a number of years or months ends, counted
    /// from the decree that first set it on its test (session 21: it printed "1 (satu) tahun"
    /// alone, and the reader of a decree re-issuing it had to find the earlier decree to count):
    /// a new exemption from this decree's date, one carried again from the earlier decree, named.
    /// A permanent or "selama berlaku" period is printed as recorded, with no date.
    func testDIKLampiranStatesWhenEachPeriodEnds() throws {
        var v = try DecreeFixtures.sampleVersion()
        XCTAssertGreaterThanOrEqual(v.exempted.count, 2)
        v.decreeDate = try IndonesianDate.parse("5 Januari 2026")
        v.dikDecreeNumber = "000.9/8/Diskominfosatik/2026"
        for i in v.exempted.indices {
            v.exempted[i].consequenceTest?.period = i == 0 ? .years(1) : (i == 1 ? .months(6) : .permanent)
            v.exempted[i].consequenceTest?.periodText = i == 0 ? "1 (satu) tahun" : (i == 1 ? "6 (enam) bulan" : "Permanen")
        }
        let ordered = v.exempted.sorted(by: PublishedList.order)
        // The second (in Lampiran order) was set a year before by an earlier decree on the same test.
        let carried = try XCTUnwrap(ordered.first { $0.consequenceTest?.period == .months(6) })
        let terms = [ExemptionTerm(itemID: carried.id, revision: carried.revision, unit: carried.unit, ringkasan: carried.item.ringkasan,
                                   conclusion: .exemptWhole, period: .months(6), periodText: "6 (enam) bulan",
                                   decidedOn: try IndonesianDate.parse("2 Januari 2025"),
                                   decreeNumber: "000.9/4/Diskominfosatik/2025", decidedInVersion: 1)]
        let text = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(
            version: v, settings: settings, citations: .builtIn, clock: clock, terms: terms))[2].text)
            .map { $0.replacingOccurrences(of: "\u{200B}", with: "") }
        // The last day withheld (session 26): a year from 5 January 2026 runs up to and including
        // 4 January 2027, six months from 2 January 2025 up to and including 1 July 2025.
        XCTAssertTrue(text.contains("sejak tanggal Keputusan ini ditetapkan sampai dengan tanggal 4 Januari 2027"), text.joined(separator: "|"))
        XCTAssertTrue(text.contains("sejak Keputusan Nomor 000.9/4/Diskominfosatik/2025 tanggal 2 Januari 2025 sampai dengan tanggal 1 Juli 2025"),
                      text.joined(separator: "|"))
        XCTAssertEqual(text.filter { $0.contains("sampai dengan tanggal") }.count, 2, "a permanent period has no end date")
        XCTAssertFalse(text.joined().contains("berakhir pada tanggal"), "one wording of the end")
        // A period "sampai" a date is the test's own last day, from this decree: never the day after.
        var u = v
        for i in u.exempted.indices {
            u.exempted[i].consequenceTest?.period = .untilEvent("sampai 31 Desember 2026")
            u.exempted[i].consequenceTest?.periodText = "sampai 31 Desember 2026"
        }
        let until = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(
            version: u, settings: settings, citations: .builtIn, clock: clock))[2].text)
        XCTAssertTrue(until.contains("Sampai 31 Desember 2026"), until.joined(separator: "|"))
        XCTAssertTrue(until.contains("sejak tanggal Keputusan ini ditetapkan sampai dengan tanggal 31 Desember 2026"), until.joined(separator: "|"))
        XCTAssertFalse(until.joined().contains("1 Januari 2027"), until.joined(separator: "|"))
        // Undated draft: from this decree, no date to count from.
        v.decreeDate = nil
        let draft = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn,
                                                                              clock: clock))[2].text)
        XCTAssertEqual(draft.filter { $0 == "sejak tanggal Keputusan ini ditetapkan" }.count, 2, draft.joined(separator: "|"))
    }

    /// The DIK decree is public: a NIK or a telephone number a unit wrote into the summary of an
    /// exempted item (or the officer into its specific information) is printed masked in the
    /// Lampiran, the rest of the text as written; the DIP Lampiran masks the summary of the open
    /// part of an item exempted in part the same way (session 23).
    func testPersonalDataInAWithheldItemIsMaskedInTheLampiran() throws {
        var v = try DecreeFixtures.sampleVersion()
        let i = try XCTUnwrap(v.exempted.firstIndex { $0.consequenceTest?.conclusion == .exemptWhole })
        v.exempted[i].item.ringkasan = "Rekam medis pasien a.n. Siti NIK 3604015203870002"
        v.exempted[i].consequenceTest?.specificInformation = "Diagnosis dan nomor HP 081234567890"
        let dik = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn,
                                                                            clock: clock))[2].text).joined(separator: "\n")
        XCTAssertFalse(dik.contains("3604015203870002"), dik)
        XCTAssertFalse(dik.contains("081234567890"), dik)
        XCTAssertTrue(dik.contains("Rekam medis pasien a.n. [nama disamarkan] NIK [data pribadi disamarkan]"), dik)
        XCTAssertTrue(dik.contains("Informasi spesifik yang dikecualikan: Diagnosis dan nomor HP [data pribadi disamarkan]"), dik)

        // An item exempted in part: its open part is listed in the DIP.
        var partial = v.exempted[i]
        partial.id += "-sebagian"
        partial.consequenceTest?.conclusion = .exemptPart
        partial.item.kategori = .setiapSaat
        v.exempted.append(partial)
        if let p = v.exempted.firstIndex(where: { $0.consequenceTest?.conclusion == .exemptPart }) {
            v.exempted[p].item.ringkasan = "Daftar penerima bantuan, rekening 1234567890"
            let dip = visibleText(try docxParts(try DecreeWriter.penetapanDIP(version: v, settings: settings, citations: .builtIn,
                                                                              clock: clock))[2].text).joined(separator: "\n")
            XCTAssertFalse(dip.contains("1234567890"), dip)
            XCTAssertTrue(dip.contains("Daftar penerima bantuan, rekening [data pribadi disamarkan]"), dip)
        } else {
            XCTFail("the sample version has an item exempted in part")
        }
    }

    /// A private person's name in a withheld item's summary ("Surat pengaduan Sdr. Budi Santoso") is
    /// masked in the DIK Lampiran as a NIK is (session 24); the names of the officials who sign the
    /// decree, and an office after "a.n.", are printed as they are.
    func testAPersonsNameInAWithheldItemIsMaskedAndTheSignatoryIsNot() throws {
        var v = try DecreeFixtures.sampleVersion()
        v.approvedBy = Official(name: "Drs. H. Ahmad Fauzi, M.Si.", nip: "197001011995031002", rank: "Pembina Utama Muda (IV/c)")
        v.atasan = Official(name: "Ibu Hj. Ratna Dewi, S.H.", nip: "196801011990032002")
        let i = try XCTUnwrap(v.exempted.firstIndex { $0.consequenceTest?.conclusion == .exemptWhole })
        v.exempted[i].item.ringkasan = "Surat pengaduan Sdr. Budi Santoso tentang pelayanan, disposisi a.n. Bupati Serang"
        v.exempted[i].consequenceTest?.specificInformation = "Identitas pelapor Sdri. Ratna Sari"
        let dik = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn,
                                                                            clock: clock))[2].text).joined(separator: "\n")
        XCTAssertFalse(dik.contains("Budi Santoso"), dik)
        XCTAssertFalse(dik.contains("Ratna Sari"), dik)
        XCTAssertTrue(dik.contains("Surat pengaduan Sdr. [nama disamarkan] tentang pelayanan, disposisi a.n. Bupati Serang"), dik)
        XCTAssertTrue(dik.contains("Informasi spesifik yang dikecualikan: Identitas pelapor Sdri. [nama disamarkan]"), dik)
        XCTAssertTrue(dik.contains("Drs. H. Ahmad Fauzi, M.Si."), dik)
        XCTAssertTrue(dik.contains("Ibu Hj. Ratna Dewi, S.H."), dik)
    }

    /// The berita acara of a test is published with the decrees (`reports/terbit/`, the archive
    /// package): a test that withheld the information prints its summary and specific information
    /// masked as the DIK Lampiran does, or the record would publish what the decree withholds; a test
    /// that opened it prints them as the DIP Lampiran does, as written; the tester (an official
    /// acting in office) is printed as recorded; the units' forms of pending tests (working papers,
    /// never published) print the unit's text as written (session 25).
    func testTheBeritaAcaraOfAWithheldItemMasksPersonalDataAsTheLampiranDoes() throws {
        let v = try DecreeFixtures.sampleVersion()
        var withheld = try XCTUnwrap(v.exempted.first { $0.consequenceTest?.conclusion == .exemptWhole })
        withheld.item.ringkasan = "Surat pengaduan Sdr. Budi Santoso, NIK 3604015203870002"
        withheld.consequenceTest?.specificInformation = "Identitas pelapor Ratna Sari dan nomor HP 081234567890"
        withheld.consequenceTest?.tester = Official(name: "Siti Aminah, S.Sos.", nip: "198203152006042011")
        func text(_ items: [VersionItem]) throws -> String {
            visibleText(try docxParts(try ConsequenceTestForm.document(items: items, settings: settings, citations: .builtIn,
                                                                       clock: clock))[2].text).joined(separator: "\n")
        }
        let record = try text([withheld])
        for secret in ["Budi Santoso", "3604015203870002", "Ratna Sari", "081234567890"] {
            XCTAssertFalse(record.contains(secret), secret + "\n" + record)
        }
        XCTAssertTrue(record.contains("Surat pengaduan Sdr. [nama disamarkan], NIK [data pribadi disamarkan]"), record)
        XCTAssertTrue(record.contains("Identitas pelapor [nama disamarkan] dan nomor HP [data pribadi disamarkan]"), record)
        XCTAssertTrue(record.contains("Siti Aminah, S.Sos."), record)
        // As Word and LibreOffice open it, one page, the masks on the printed page.
        let file = try Checkers.temporaryFile("berita-acara.docx", try ConsequenceTestForm.document(
            items: [withheld], settings: settings, citations: .builtIn, clock: clock))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let checked = try Checkers.run("check-docx", [file.path, "--expect-pages", "1", "--text", "[nama disamarkan]",
                                                      "--text", "[data pribadi disamarkan]"])
        XCTAssertEqual(checked.status, 0, checked.output)
        var partial = withheld
        partial.consequenceTest?.conclusion = .exemptPart
        XCTAssertFalse(try text([partial]).contains("Budi Santoso"))
        var opened = withheld
        opened.consequenceTest?.conclusion = .open
        XCTAssertTrue(try text([opened]).contains("Surat pengaduan Sdr. Budi Santoso, NIK 3604015203870002"))
        // The Tim's working form of a pending test.
        let form = ConsequenceTestForm.model(items: [withheld], settings: settings, citations: .builtIn, atasan: nil,
                                             clock: clock)
        let working = visibleText(try docxParts(try DOCXWriter.write(form))[2].text).joined(separator: "\n")
        XCTAssertTrue(working.contains("Surat pengaduan Sdr. Budi Santoso, NIK 3604015203870002"), working)
    }

    /// The texts the Tim types into a test (the consequence, the public interest, the conditions for
    /// opening) are printed in the DIK decree's Lampiran and in the berita acara, both published: a
    /// Tim writing "pengaduan Sdr. Budi Santoso, NIK 3604…" there published it (session 26; main
    /// printed them as written). Masked in both, whatever the conclusion (they are the Tim's reasons,
    /// not the information opened); the units' working forms still print them as written.
    func testTheTimsTypedTextsAreMaskedWhereTheyArePublished() throws {
        let v = try DecreeFixtures.sampleVersion()
        var withheld = try XCTUnwrap(v.exempted.first { $0.consequenceTest?.conclusion == .exemptWhole })
        withheld.consequenceTest?.consequence = "Membuka pengaduan Sdr. Budi Santoso, NIK 3604015203870002, merugikan pelapor"
        withheld.consequenceTest?.publicInterest = "Tidak ada kepentingan publik atas identitas pelapor Ratna Sari"
        withheld.consequenceTest?.conditionsForOpening = "Dengan persetujuan tertulis pemilik rekening 1234567890"
        var version = v
        version.exempted = version.exempted.map { $0.id == withheld.id ? withheld : $0 }
        let dik = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: version, settings: settings,
                                                                            citations: .builtIn, clock: clock))[2].text)
            .joined(separator: "\n")
        func record(_ items: [VersionItem]) throws -> String {
            visibleText(try docxParts(try ConsequenceTestForm.document(items: items, settings: settings, citations: .builtIn,
                                                                       clock: clock))[2].text).joined(separator: "\n")
        }
        var opened = withheld
        opened.consequenceTest?.conclusion = .open
        for (name, text) in [("DIK", dik), ("berita acara", try record([withheld])), ("berita acara terbuka", try record([opened]))] {
            for secret in ["Budi Santoso", "3604015203870002", "Ratna Sari", "1234567890"] {
                XCTAssertFalse(text.contains(secret), "\(name): \(secret)\n\(text)")
            }
            XCTAssertTrue(text.contains("pengaduan Sdr. [nama disamarkan], NIK [data pribadi disamarkan]"), name + "\n" + text)
            XCTAssertTrue(text.contains("identitas pelapor [nama disamarkan]"), name + "\n" + text)
            XCTAssertTrue(text.contains("pemilik rekening [data pribadi disamarkan]"), name + "\n" + text)
        }
        // As LibreOffice lays the DIK decree out (pdftotext read cell by cell, whitespace collapsed: the
        // consequence column is narrow): the masks are printed, the name and NIK are not.
        let file = try Checkers.temporaryFile("dik.docx", try DecreeWriter.klasifikasiDIK(version: version, settings: settings,
                                                                                         citations: .builtIn, clock: clock))
        let dir = file.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let checked = try Checkers.run("check-docx", [file.path, "--pdf", dir.path])
        XCTAssertEqual(checked.status, 0, checked.output)
        let (_, pdfText) = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                          ["pdftotext", dir.appendingPathComponent("dik.docx.pdf").path, "-"])
        let printed = pdfText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(printed.contains("pengaduan Sdr. [nama disamarkan], NIK [data pribadi disamarkan]"), printed)
        XCTAssertFalse(printed.contains("Budi Santoso") || printed.contains("3604015203870002"), printed)
        // The Tim's working form (never published) prints what was typed.
        let form = ConsequenceTestForm.model(items: [withheld], settings: settings, citations: .builtIn, atasan: nil,
                                             clock: clock)
        let working = visibleText(try docxParts(try DOCXWriter.write(form))[2].text).joined(separator: "\n")
        XCTAssertTrue(working.contains("Sdr. Budi Santoso, NIK 3604015203870002"), working)
    }

    /// The period is typed by the Tim too, and printed in the DIK Lampiran, the berita acara and the
    /// website's list of exempted titles: a name in it ("sampai putusan perkara Siti Rahmawati …")
    /// was printed as typed (session 26); masked there now, as the other texts of the test.
    func testANameTypedIntoThePeriodIsMaskedWhereItIsPublished() throws {
        let v = try DecreeFixtures.sampleVersion()
        var withheld = try XCTUnwrap(v.exempted.first { $0.consequenceTest?.conclusion == .exemptWhole })
        withheld.consequenceTest?.periodText = "sampai putusan perkara Siti Rahmawati berkekuatan hukum tetap"
        withheld.consequenceTest?.period = PeriodText.parse("sampai putusan perkara Siti Rahmawati berkekuatan hukum tetap")
        var version = v
        version.exempted = version.exempted.map { $0.id == withheld.id ? withheld : $0 }
        let dik = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: version, settings: settings,
                                                                            citations: .builtIn, clock: clock))[2].text)
            .joined(separator: "\n")
        let record = visibleText(try docxParts(try ConsequenceTestForm.document(items: [withheld], settings: settings,
                                                                                citations: .builtIn, clock: clock))[2].text)
            .joined(separator: "\n")
        var site = WebsiteSettings.serang
        site.listExemptedTitles = true
        let page = String(decoding: try XCTUnwrap(try WebsiteWriter.render(version: version, history: [], settings: site,
                                                                           clock: clock)["index.html"]), as: UTF8.self)
        for (name, text) in [("DIK", dik), ("berita acara", record), ("situs", page)] {
            XCTAssertFalse(text.contains("Siti Rahmawati"), name + "\n" + text)
            XCTAssertTrue(text.contains("Sampai putusan perkara [nama disamarkan] berkekuatan hukum tetap"), name + "\n" + text)
        }
    }

    /// What a signed text calls the test's specific information matches its conclusion: a row
    /// *dikecualikan seluruhnya* names it "Informasi spesifik yang dikecualikan" (it read "Bagian
    /// yang dikecualikan" beside "Dikecualikan seluruhnya"), and the berita acara of a test
    /// concluding *terbuka* "Informasi spesifik yang diuji" (it read "yang dikecualikan" beside
    /// "☒ Terbuka"). Session 21.
    func testSpecificInformationIsNamedAsItsConclusionReads() throws {
        let v = try DecreeFixtures.sampleVersion()
        let whole = try XCTUnwrap(v.exempted.first { $0.consequenceTest?.conclusion == .exemptWhole })
        let dik = visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn,
                                                                            clock: clock))[2].text).joined(separator: "\n")
        XCTAssertTrue(dik.contains("Informasi spesifik yang dikecualikan: Data pribadi dalam \(whole.item.ringkasan)"), dik)
        XCTAssertFalse(dik.contains("Bagian yang dikecualikan"), dik)
        var opened = whole
        opened.consequenceTest?.conclusion = .open
        let form = visibleText(try docxParts(try ConsequenceTestForm.document(items: [opened], settings: settings,
                                                                              citations: .builtIn, clock: clock))[2].text)
        XCTAssertTrue(form.contains("Informasi spesifik yang diuji"), form.joined(separator: "|"))
        XCTAssertFalse(form.contains("Informasi spesifik yang dikecualikan"), form.joined(separator: "|"))
    }

    /// A diktum is not broken across pages: the seventh review read "KESATU : Menetapkan
    /// Klasifikasi Informasi yang Dikecualikan di" alone at the foot of page 2 of a signed DIK
    /// decree, the rest on page 3. Every diktum row (and Menetapkan) of both decrees is kept
    /// whole (w:cantSplit); the Menimbang/Mengingat rows may still run on across pages.
    func testDiktumsAreNotBrokenAcrossPages() throws {
        let v = try DecreeFixtures.sampleVersion()
        let decrees = [try DecreeWriter.penetapanDIP(version: v, settings: settings, citations: .builtIn, clock: clock),
                       try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock)]
        for bytes in decrees {
            let xml = try XCTUnwrap(try docxParts(bytes).first { $0.name == "word/document.xml" }?.text)
            let rows = xml.components(separatedBy: "<w:tr>").dropFirst().map { $0.components(separatedBy: "</w:tr>")[0] }
            var labels: [String] = []
            for row in rows {
                let cells = visibleText(row)
                guard let label = cells.first, ["Menetapkan", "KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"].contains(label) else { continue }
                labels.append(label)
                XCTAssertTrue(row.contains("<w:cantSplit/>"), "\(label) may split across pages")
            }
            XCTAssertTrue(labels.starts(with: ["Menetapkan", "KESATU", "KEDUA", "KETIGA"]), "\(labels)")
            let mengingat = try XCTUnwrap(rows.first { visibleText($0).first == "Mengingat" })
            XCTAssertFalse(mengingat.contains("<w:cantSplit/>"), "the Mengingat list runs on")
        }
    }

    func testMengingatOfTheDIKDecreeFollowsTheHierarchyOfLegislation() {
        // The sectoral laws behind the grounds stand among the other Undang-Undang by year, before
        // the Peraturan Pemerintah and the Perki; the local basis stays last (UU 12/2011, Lampiran II).
        let list = settings.mengingatDIK(sectoralLaws: ["UU 17/2023 tentang Kesehatan", "UU 11/2012 tentang Sistem Peradilan Pidana Anak"])
        func position(_ prefix: String) -> Int? { list.firstIndex { $0.hasPrefix(prefix) } }
        let order = ["Undang-Undang Nomor 14 Tahun 2008", "Undang-Undang Nomor 11 Tahun 2012", "Undang-Undang Nomor 23 Tahun 2014",
                     "Undang-Undang Nomor 17 Tahun 2023", "Peraturan Pemerintah Nomor 61 Tahun 2010",
                     "Peraturan Menteri Dalam Negeri Nomor 3 Tahun 2017", "Peraturan Komisi Informasi Nomor 1 Tahun 2021"]
        let positions = order.compactMap(position)
        XCTAssertEqual(positions.count, order.count, list.joined(separator: "\n"))
        XCTAssertEqual(positions, positions.sorted(), list.joined(separator: "\n"))
        XCTAssertTrue(list.last?.hasSuffix(".") ?? false)
        XCTAssertEqual(DecreeSettings.inHierarchyOrder(["Keputusan Bupati Serang Nomor 1 Tahun 2020", "Peraturan Bupati Serang Nomor 5 Tahun 2019",
                                                         "Undang-Undang Nomor 14 Tahun 2008", "Surat Edaran X"]),
                       ["Undang-Undang Nomor 14 Tahun 2008", "Peraturan Bupati Serang Nomor 5 Tahun 2019",
                        "Keputusan Bupati Serang Nomor 1 Tahun 2020", "Surat Edaran X"])
    }

    func testTerbilang() {
        XCTAssertEqual(Terbilang.words(0), "nol")
        XCTAssertEqual(Terbilang.words(11), "sebelas")
        XCTAssertEqual(Terbilang.words(19), "sembilan belas")
        XCTAssertEqual(Terbilang.words(100), "seratus")
        XCTAssertEqual(Terbilang.words(312), "tiga ratus dua belas")
        XCTAssertEqual(Terbilang.words(1_001), "seribu satu")
        XCTAssertEqual(Terbilang.words(25_000), "dua puluh lima ribu")
        XCTAssertEqual(Terbilang.words(6), "enam")
        XCTAssertEqual(Terbilang.words(2026), "dua ribu dua puluh enam")
        XCTAssertEqual(Terbilang.words(1990), "seribu sembilan ratus sembilan puluh")
        XCTAssertEqual(Terbilang.words(2100), "dua ribu seratus")
    }

    /// The day a berita acara opens with, in words, on the WIB day: 4 January 2026 18:30 UTC is
    /// already Monday 5 January in Serang.
    func testTheDayInWordsIsTheWIBDay() throws {
        let monday = try IndonesianDate.parse("5 Januari 2026")
        XCTAssertEqual(Terbilang.day(monday, clock: clock), "Senin tanggal lima bulan Januari tahun dua ribu dua puluh enam")
        let lateSunday = Date(timeIntervalSince1970: 1_767_551_400) // 2026-01-04T18:30:00Z
        XCTAssertEqual(Terbilang.day(lateSunday, clock: clock), "Senin tanggal lima bulan Januari tahun dua ribu dua puluh enam")
        XCTAssertEqual(Terbilang.day(try IndonesianDate.parse("31-12-2027"), clock: clock),
                       "Jumat tanggal tiga puluh satu bulan Desember tahun dua ribu dua puluh tujuh")
        XCTAssertEqual(Terbilang.day(try IndonesianDate.parse("2026-03-01"), clock: clock),
                       "Minggu tanggal satu bulan Maret tahun dua ribu dua puluh enam")
    }

    /// The berita acara as a Bagian Hukum reads it printed (LibreOffice → PDF → text): NOMOR in
    /// the configured pattern, "Pada hari ini, <hari> tanggal … tahun …" with the test's day in
    /// words, one page per test; the empty form (test not held yet) leaves dotted blanks for the
    /// day and the number, never a placeholder word.
    func testBeritaAcaraOpensWithTheDayInWordsOnThePrintedPage() throws {
        let v = try DecreeFixtures.sampleVersion()
        XCTAssertFalse(v.exempted.isEmpty)
        var numbered = settings
        numbered.beritaAcaraNumberPattern = "000.9/___/BA-UK/Diskominfosatik/{tahun}"
        let dir = try Scratch.directory("dip-berita-acara")
        let recorded = dir.appendingPathComponent("berita-acara.docx")
        try Data(try ConsequenceTestForm.document(items: v.exempted, settings: numbered, citations: .builtIn,
                                                  clock: clock)).write(to: recorded)
        var pending = v.exempted
        for i in pending.indices { pending[i].consequenceTest = nil }
        let blank = dir.appendingPathComponent("lembar.docx")
        try Data(try ConsequenceTestForm.document(items: pending, settings: settings, citations: .builtIn,
                                                  clock: clock)).write(to: blank)

        func printed(_ file: URL) throws -> (pages: [String], text: String) {
            let pdf = try LibreOfficeRender.pdf(of: file)
            let (status, output) = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftotext"), [pdf.path, "-"])
            XCTAssertEqual(status, 0, output)
            let pages = output.split(separator: "\u{0C}", omittingEmptySubsequences: true)
                .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                .filter { !$0.isEmpty }
            return (pages, pages.joined(separator: " "))
        }

        let r = try printed(recorded)
        XCTAssertEqual(r.pages.count, v.exempted.count, "one page per berita acara")
        for page in r.pages {
            XCTAssertTrue(page.contains("BERITA ACARA UJI KONSEKUENSI INFORMASI PUBLIK"), page)
            XCTAssertTrue(page.contains("NOMOR 000.9/___/BA-UK/Diskominfosatik/2026"), page)
            // The fixture's tests were held on the clock's day, Thursday 26 November 2026.
            XCTAssertTrue(page.contains("Pada hari ini, Kamis tanggal dua puluh enam bulan November tahun dua ribu dua puluh enam, bertempat di Serang, telah dilakukan uji konsekuensi"), page)
            XCTAssertTrue(page.contains("Pasal 19 Undang-Undang Nomor 14 Tahun 2008"), page)
            XCTAssertTrue(page.contains("Demikian berita acara ini dibuat"), page)
            XCTAssertTrue(page.contains("Serang, 26 November 2026"), page)
            XCTAssertFalse(page.contains("……"), "a recorded test leaves nothing to fill in: \(page)")
        }

        let b = try printed(blank)
        XCTAssertEqual(b.pages.count, pending.count, "one page per form")
        for page in b.pages {
            XCTAssertTrue(page.contains("LEMBAR UJI KONSEKUENSI INFORMASI PUBLIK"), page)
            XCTAssertTrue(page.contains("NOMOR ……"), page)
            XCTAssertTrue(page.contains("Pada hari ini, ……………… tanggal ……………… bulan ……………… tahun ………………, bertempat di Serang"), page)
        }
        for text in [r.text, b.text] {
            for word in ["TODO", "placeholder", "{tahun}", "XXX"] { XCTAssertFalse(text.contains(word), word) }
        }
    }

    /// The berita acara's registered number and the place of the meeting, recorded per test:
    /// printed on that test's record (NOMOR line, "bertempat di …"), cited by the DIK decree's
    /// Lampiran ("Berita Acara Uji Konsekuensi Nomor … tanggal …"); diktum KEDUA says the
    /// numbers are in the Lampiran only when every row cites one. A test without them keeps
    /// the pattern and the decrees' city.
    func testRecordedBeritaAcaraNumberAndPlaceArePrintedAndCited() throws {
        var v = try DecreeFixtures.sampleVersion()
        XCTAssertGreaterThan(v.exempted.count, 1)
        let order = v.exempted.sorted(by: PublishedList.order).map(\.id)
        let first = v.exempted.firstIndex { $0.id == order[0] }!
        v.exempted[first].consequenceTest?.beritaAcaraNumber = "000.9/7/BA-UK/2026"
        v.exempted[first].consequenceTest?.place = "Aula Kantor Kecamatan Cikande"
        var numbered = settings
        numbered.beritaAcaraNumberPattern = "000.9/___/BA-UK/{tahun}"
        let dir = try Scratch.directory("dip-berita-acara-nomor")
        let file = dir.appendingPathComponent("berita-acara.docx")
        try Data(try ConsequenceTestForm.document(items: v.exempted, settings: numbered, citations: .builtIn,
                                                  clock: clock)).write(to: file)
        let pdf = try LibreOfficeRender.pdf(of: file)
        let (status, output) = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftotext"), [pdf.path, "-"])
        XCTAssertEqual(status, 0, output)
        let pages = output.split(separator: "\u{0C}", omittingEmptySubsequences: true)
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.filter { !$0.isEmpty }
        XCTAssertEqual(pages.count, v.exempted.count)
        XCTAssertTrue(pages[0].contains("NOMOR 000.9/7/BA-UK/2026"), pages[0])
        XCTAssertTrue(pages[0].contains("tahun dua ribu dua puluh enam, bertempat di Aula Kantor Kecamatan Cikande, telah dilakukan"), pages[0])
        // Signed where the decrees are made: the place and date line keeps the city.
        XCTAssertTrue(pages[0].contains("Serang, 26 November 2026"), pages[0])
        for page in pages.dropFirst() {
            XCTAssertTrue(page.contains("NOMOR 000.9/___/BA-UK/2026"), page)
            XCTAssertTrue(page.contains(", bertempat di Serang, telah dilakukan"), page)
        }

        func dik(_ version: DIPVersion) throws -> String {
            // The number wraps at its slashes in the narrow column (zero-width spaces, read away here).
            visibleText(try docxParts(try DecreeWriter.klasifikasiDIK(version: version, settings: numbered, citations: .builtIn,
                                                                     clock: clock))[2].text).joined(separator: "\n")
                .replacingOccurrences(of: "\u{200B}", with: "")
        }
        let some = try dik(v)
        XCTAssertTrue(some.contains("Berita Acara Uji Konsekuensi Nomor 000.9/7/BA-UK/2026 tanggal 26 November 2026"), some)
        XCTAssertEqual(some.components(separatedBy: "Berita Acara Uji Konsekuensi Nomor").count - 1, 1, "only the numbered test is cited")
        XCTAssertFalse(some.contains("Nomor dan tanggal Berita Acara"), some)
        XCTAssertFalse(some.contains("000.9/___/BA-UK"), "a pattern is never cited as a number")

        for i in v.exempted.indices where i != first { v.exempted[i].consequenceTest?.beritaAcaraNumber = "000.9/\(10 + i)/BA-UK/2026" }
        let all = try dik(v)
        XCTAssertEqual(all.components(separatedBy: "Berita Acara Uji Konsekuensi Nomor").count - 1, v.exempted.count)
        XCTAssertTrue(all.contains("selaku Atasan PPID. Nomor dan tanggal Berita Acara Uji Konsekuensi setiap informasi "
            + "tercantum dalam Lampiran Keputusan ini."), all)
    }

    /// A registered number is longer than the DIK Lampiran's conclusion column is wide: printed,
    /// it must wrap after a slash ("…/BA-UK/" + "Diskominfosatik/"), never inside a word
    /// ("…/Dis" + "kominfosatik/2026", as LibreOffice broke it in the sixth review).
    func testLongBeritaAcaraNumbersWrapAtSlashesInTheDIKLampiran() throws {
        var v = try DecreeFixtures.sampleVersion()
        for i in v.exempted.indices {
            v.exempted[i].consequenceTest?.beritaAcaraNumber = "000.9/\(i + 1)/BA-UK/Diskominfosatik/2026"
        }
        let dir = try Scratch.directory("dip-dik-nomor")
        let file = dir.appendingPathComponent("dik.docx")
        try Data(try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock)).write(to: file)
        let pdf = try LibreOfficeRender.pdf(of: file)
        let (status, output) = try runProcess(URL(fileURLWithPath: "/usr/bin/pdftotext"), [pdf.path, "-"])
        XCTAssertEqual(status, 0, output)
        let words = output.replacingOccurrences(of: "\u{200B}", with: "").split(whereSeparator: \.isWhitespace).map(String.init)
        // Whole between slashes: "Diskominfosatik/2026" or "Diskominfosatik/" with "2026" on the next line.
        XCTAssertEqual(words.filter { $0.hasPrefix("Diskominfosatik/") }.count, v.exempted.count, output)
        XCTAssertFalse(words.contains { $0.hasSuffix("/Dis") || $0.hasPrefix("kominfosatik") }, output)
    }

    /// A number a register holds with a zero-width space after a slash (pasted from an earlier
    /// DIK decree before `ConsequenceTest.recordedText` cleaned it) is cited as the number:
    /// one break after each "/" in the Lampiran, none in the plain citation.
    func testCitedNumberHoldingAZeroWidthSpaceWrapsOnceAtEachSlash() throws {
        var t = try XCTUnwrap(try DecreeFixtures.sampleVersion().exempted.first?.consequenceTest)
        t.beritaAcaraNumber = "000.9/\u{200B}7/\u{200B}BA-UK/2026\u{00A0}"
        let plain = try XCTUnwrap(ConsequenceTestForm.citation(t, clock: clock))
        XCTAssertTrue(plain.hasPrefix("Berita Acara Uji Konsekuensi Nomor 000.9/7/BA-UK/2026 tanggal "), plain)
        let wrapped = try XCTUnwrap(ConsequenceTestForm.citation(t, clock: clock, wrapsAtSlashes: true))
        XCTAssertTrue(wrapped.contains("Nomor 000.9/\u{200B}7/\u{200B}BA-UK/\u{200B}2026 tanggal "), wrapped)
    }

    /// Every law the DIK decree's Mengingat adds for the shipped grounds (huruf j jo. a sectoral
    /// law) is cited as a Mengingat cites a law: with its Lembaran Negara and Tambahan numbers,
    /// and without the article the ground's basis names after a comma (", Pasal 21" of
    /// UU 16/1997 for 17j8, ", Pasal 11 dan 12" of UU 8/2010 for 17j7: the Lampiran cites the
    /// article, the Mengingat the law). A law without a configured full text still loses the comma.
    func testSectoralLawsInTheDIKMengingatCarryGazetteNumbersNotArticles() throws {
        let dik = settings.mengingatDIK(sectoralLaws: LegalCitations.builtIn.sectoralLaws(codes: defaultGroundCodes))
        for entry in dik where entry.contains("Undang-Undang Nomor") && !entry.hasPrefix("Undang-Undang Nomor 14 Tahun 2008") {
            XCTAssertTrue(entry.contains("Lembaran Negara Republik Indonesia Tahun"), entry)
            XCTAssertNil(entry.range(of: #", Pasal \d"#, options: .regularExpression), entry)
        }
        XCTAssertTrue(dik.contains { $0.hasPrefix("Undang-Undang Nomor 16 Tahun 1997 tentang Statistik (Lembaran Negara Republik Indonesia Tahun 1997 Nomor 39, Tambahan Lembaran Negara Republik Indonesia Nomor 3683)") },
                      dik.joined(separator: "\n"))
        let unknown = settings.mengingatDIK(sectoralLaws: ["UU 5/2030 tentang Contoh, Pasal 3 dan 4"])
        XCTAssertTrue(unknown.contains { $0.hasPrefix("Undang-Undang Nomor 5 Tahun 2030 tentang Contoh;") || $0 == "Undang-Undang Nomor 5 Tahun 2030 tentang Contoh." },
                      unknown.joined(separator: "\n"))
    }

    /// The DIK Mengingat cites the law whatever way the ground's basis names its article: before
    /// the law ("jo. Pasal 40 UU 7/1992 …", "jo. Pasal 11 dan Pasal 12 UU 8/2010 …", the shipped
    /// form since the seventh review) or after it (an older pengecualian.yaml's "…, Pasal 21").
    /// With the shipped texts each entry is one the statute book reads without a problem (title,
    /// LN, TLN, latest amendment); an older keputusan.json without them printed "Pasal 40
    /// Undang-Undang Nomor 7 Tahun 1992 …" as a Mengingat entry, an article where a law belongs.
    func testDIKMengingatCitesTheLawNotTheArticleOfASectoralGround() throws {
        let laws = LegalCitations.builtIn.sectoralLaws(codes: defaultGroundCodes)
        XCTAssertTrue(laws.contains("Pasal 21 UU 16/1997 tentang Statistik"), "\(laws)")
        XCTAssertTrue(laws.contains { $0.hasPrefix("Pasal 40 UU 7/1992 tentang Perbankan") }, "\(laws)")
        let shipped = settings.mengingatDIK(sectoralLaws: laws)
        for entry in shipped {
            XCTAssertEqual(StatuteBook.problems(in: entry, mengingat: true).map(\.message), [], entry)
        }
        for law in ["UU 7/1992", "UU 8/2010", "UU 16/1997", "UU 11/2012"] {
            let head = LegalCitations.formal(law) + " tentang "
            XCTAssertEqual(shipped.filter { $0.hasPrefix(head) }.count, 1, "\(law): \(shipped.joined(separator: "\n"))")
        }
        var older = settings
        older.mengingatSektoral = [:]
        let bare = older.mengingatDIK(sectoralLaws: laws + ["UU 16/1997 tentang Statistik, Pasal 21"])
        XCTAssertFalse(bare.contains { $0.hasPrefix("Pasal") }, bare.joined(separator: "\n"))
        XCTAssertEqual(bare.filter { $0.hasPrefix("Undang-Undang Nomor 16 Tahun 1997 tentang Statistik") }, ["Undang-Undang Nomor 16 Tahun 1997 tentang Statistik;"])
        XCTAssertTrue(bare.contains { $0.hasPrefix("Undang-Undang Nomor 8 Tahun 2010 tentang Pencegahan dan Pemberantasan Tindak Pidana Pencucian Uang") }, bare.joined(separator: "\n"))
        XCTAssertEqual(DecreeSettings.lawWithoutArticle("Pasal 11 dan Pasal 12 UU 8/2010 tentang Contoh"), "UU 8/2010 tentang Contoh")
        XCTAssertEqual(DecreeSettings.lawWithoutArticle("Pasal 4 ayat (2) huruf b Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi"),
                       "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi")
    }

    /// A keputusan.json of an earlier release, without the full text of a ground's sectoral law,
    /// is told so by `dip rules check` (a warning naming the key to add); the shipped one is not.
    func testASectoralLawWithoutItsFullTextIsWarnedAbout() throws {
        let codes = defaultGroundCodes
        XCTAssertEqual(settings.sectoralMengingatWarnings(citations: .builtIn, codes: codes).map(\.message), [])
        var older = settings
        older.mengingatSektoral?["UU 16/1997"] = nil
        let warnings = older.sectoralMengingatWarnings(citations: .builtIn, codes: codes)
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
        XCTAssertEqual(warnings.first?.error, false)
        XCTAssertTrue(warnings.first?.message.contains("\"Undang-Undang Nomor 16 Tahun 1997 tentang Statistik\" tanpa Lembaran Negara-nya") ?? false,
                      "\(warnings)")
        XCTAssertTrue(warnings.first?.message.contains("dengan kunci \"UU 16/1997\"") ?? false, "\(warnings)")
        // Every entry the general Mengingat already had stays unnamed, whichever entry ends the
        // list with "." (here a law without its text sorts among the others).
        older.mengingatSektoral = [:]
        let all = older.sectoralMengingatWarnings(citations: .builtIn, codes: codes).map(\.message)
        XCTAssertFalse(all.contains { $0.contains("Peraturan Komisi Informasi") || $0.contains("Nomor 14 Tahun 2008") }, "\(all)")
        XCTAssertTrue(all.contains { $0.contains("dengan kunci \"UU 8/2010\"") }, "\(all)")
    }

    /// keputusan.json `hariLibur`: a listed day is a day off with its name, as Saturday and
    /// Sunday are; shipped empty (no invented dates); an unreadable date or a nameless entry is
    /// an error of `dip rules check`.
    func testListedHolidaysAreDaysOff() throws {
        XCTAssertEqual(settings.hariLibur, [], "shipped empty")
        var s = settings
        let wib = Clock(now: Date(timeIntervalSince1970: 0))
        func day(_ text: String) throws -> Date { try IndonesianDate.parse(text) }
        XCTAssertNil(s.dayOff(try day("20 Maret 2026"), clock: wib), "a Friday, no holiday listed")
        XCTAssertEqual(s.dayOff(try day("21 Maret 2026"), clock: wib), "hari Sabtu")
        XCTAssertEqual(s.dayOff(try day("22 Maret 2026"), clock: wib), "hari Minggu")
        s.hariLibur = [PublicHoliday(tanggal: "2026-03-20", keterangan: "Contoh cuti bersama"),
                       PublicHoliday(tanggal: "19 Maret 2026", keterangan: "Contoh hari libur")]
        XCTAssertEqual(s.dayOff(try day("20/03/2026"), clock: wib), "hari libur (Contoh cuti bersama)")
        XCTAssertEqual(s.dayOff(try day("19 Maret 2026"), clock: wib), "hari libur (Contoh hari libur)")
        XCTAssertNil(s.dayOff(try day("18 Maret 2026"), clock: wib))
        XCTAssertFalse(s.issues().contains { $0.message.hasPrefix("hariLibur") })
        s.hariLibur = [PublicHoliday(tanggal: "27 Mai 2026", keterangan: " ")]
        let errors = s.issues().filter(\.error).map(\.message)
        XCTAssertTrue(errors.contains("hariLibur[1].tanggal \"27 Mai 2026\" bukan tanggal (tulis misalnya 2026-03-20)."), "\(errors)")
        XCTAssertTrue(errors.contains { $0.hasPrefix("hariLibur[1].keterangan kosong") }, "\(errors)")
    }

    /// The real consumers: a 320-item decree through check-docx (structure, python-docx,
    /// LibreOffice), header row on every Lampiran page, F4 portrait body and landscape
    /// Lampiran, every item's marker in the PDF text and no exempted one.
    func testLargeDecreePassesCheckDocx() throws {
        let version = try DecreeFixtures.largeVersion(count: 320)
        let url = try Checkers.temporaryFile("keputusan-dip.docx", try DecreeWriter.penetapanDIP(version: version, settings: settings, citations: .builtIn, clock: clock))
        let dir = url.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Checkers.run("check-docx", [url.path, "--text", "Ringkasan Isi Informasi", "--text-min-pages", "10",
                                                "--pdf", dir.path])
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("section 1: F4 (215x330mm) portrait"), r.output)
        XCTAssertTrue(r.output.contains("section 2: F4 (215x330mm) landscape"), r.output)
        XCTAssertTrue(r.output.contains("repeating header rows: 2"), r.output)
        // PDF pages: the body portrait, then only landscape pages.
        let pdfLine = r.output.split(separator: "\n").first { $0.contains("INFO  PDF:") }.map(String.init) ?? ""
        XCTAssertTrue(pdfLine.contains("F4 portrait") && pdfLine.contains("F4 landscape"), pdfLine)
        XCTAssertFalse(pdfLine.contains("A4"), pdfLine)
        // Header text on every Lampiran page.
        let pagesLine = r.output.split(separator: "\n").first { $0.contains("text 'Ringkasan Isi Informasi' on pages") }.map(String.init) ?? ""
        let headerPages = pagesLine.components(separatedBy: "[").last?.components(separatedBy: "]").first?
            .split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? []
        let landscape = Int(pdfLine.components(separatedBy: "x F4 landscape").first?.split(separator: " ").last ?? "") ?? 0
        XCTAssertGreaterThanOrEqual(landscape, 10, pdfLine)
        XCTAssertGreaterThanOrEqual(headerPages.count, landscape, "header on each landscape page: \(pagesLine)")

        let pdf = try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasSuffix(".pdf") }
        let pdfURL = dir.appendingPathComponent(try XCTUnwrap(pdf, "check-docx --pdf kept the PDF"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["pdftotext", pdfURL.path, "-"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        for i in 1...320 { XCTAssertTrue(text.contains("KODE\(String(format: "%04d", i))"), "item \(i) in the PDF") }
        XCTAssertFalse(text.contains("RAHASIA-"), "no exempted item in the PDF")
    }

    func testDIKDecreeAndFormPassCheckDocx() throws {
        let v = try DecreeFixtures.sampleVersion()
        let dik = try Checkers.temporaryFile("keputusan-dik.docx", try DecreeWriter.klasifikasiDIK(version: v, settings: settings, citations: .builtIn, clock: clock))
        defer { try? FileManager.default.removeItem(at: dik.deletingLastPathComponent()) }
        let r1 = try Checkers.run("check-docx", [dik.path])
        XCTAssertEqual(r1.status, 0, r1.output)
        XCTAssertTrue(r1.output.contains("landscape"), r1.output)

        let form = try Checkers.temporaryFile("uji-konsekuensi.docx",
                                              try ConsequenceTestForm.document(items: v.exempted, settings: settings, citations: .builtIn, clock: clock))
        defer { try? FileManager.default.removeItem(at: form.deletingLastPathComponent()) }
        let r2 = try Checkers.run("check-docx", [form.path, "--expect-pages", String(v.exempted.count),
                                                 "--text", "UJI KONSEKUENSI INFORMASI PUBLIK", "--text-min-pages", String(v.exempted.count)])
        XCTAssertEqual(r2.status, 0, r2.output)
    }

    /// The exemption period is printed with a capital, "Permanen" however it was typed.
    func testPeriodLabelCapitalises() {
        func test(_ text: String, _ period: RetentionPeriod) -> ConsequenceTest {
            ConsequenceTest(specificInformation: "x", legalBasis: "", grounds: [], consequence: "", publicInterest: "",
                            conclusion: .exemptWhole, period: period, periodText: text, conditionsForOpening: "",
                            tester: nil, testedOn: nil)
        }
        XCTAssertEqual(DecreeWriter.periodLabel(test("permanen", .permanent)), "Permanen")
        XCTAssertEqual(DecreeWriter.periodLabel(test("PERMANEN ", .permanent)), "Permanen")
        XCTAssertEqual(DecreeWriter.periodLabel(test("selama proses hukum berjalan", .untilEvent("x"))),
                       "Selama proses hukum berjalan")
        XCTAssertEqual(DecreeWriter.periodLabel(test("", .years(5))), "5 (lima) tahun")
    }
}

/// One office, one name: the letterhead and issuer against unit.yaml (`dip rules check`).
final class DecreeOfficeNameTests: XCTestCase {
    func testTheShippedLetterheadNamesTheIssuingUnitAsUnitYamlDoes() throws {
        let units = try RuleSet.defaults().units.units
        XCTAssertTrue(units.contains { $0.code == "diskominfosatik" })
        XCTAssertEqual(DecreeSettings.kabupatenSerang.officeNameWarnings(units: units).count, 0)
        let shipped = try JSONDecoder().decode(DecreeSettings.self, from: Data(XCTUnwrap(DefaultRules.text("keputusan.json")).utf8))
        XCTAssertEqual(shipped.officeNameWarnings(units: units).count, 0)
    }

    func testTheSameOfficeUnderTwoNamesIsAWarningNamingBoth() throws {
        var settings = DecreeSettings.kabupatenSerang
        settings.letterhead[1] = "DINAS KOMUNIKASI, INFORMATIKA, SANDI DAN STATISTIK"
        settings.issuer = "KEPALA DINAS KOMUNIKASI, INFORMATIKA, SANDI DAN STATISTIK KABUPATEN SERANG SELAKU PEJABAT PENGELOLA INFORMASI DAN DOKUMENTASI UTAMA"
        let units = [WorkUnit(code: "diskominfosatik", name: "Dinas Komunikasi, Informatika, Statistik dan Persandian"),
                     WorkUnit(code: "dinsos", name: "Dinas Sosial")]
        let warnings = settings.officeNameWarnings(units: units)
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?.error, false)
        XCTAssertTrue(warnings.first?.message.contains("DINAS KOMUNIKASI, INFORMATIKA, SANDI DAN STATISTIK") ?? false)
        XCTAssertTrue(warnings.first?.message.contains("`diskominfosatik` \"Dinas Komunikasi, Informatika, Statistik dan Persandian\"") ?? false)
        // The same name written in another case and punctuation is the same name.
        let same = [WorkUnit(code: "diskominfosatik", name: "Dinas Komunikasi Informatika Sandi dan Statistik")]
        XCTAssertEqual(settings.officeNameWarnings(units: same).count, 0)
        // An office that submits nothing and resembles no unit: nothing to compare.
        XCTAssertEqual(settings.officeNameWarnings(units: [WorkUnit(code: "dinsos", name: "Dinas Sosial")]).count, 0)
    }

    /// The DIP decree lists the open part of an item exempted in part under the item's own title
    /// ("Daftar penerima bantuan sosial beserta NIK dan nomor rekening"): its Lampiran names the
    /// part withheld, as the DIK decree's Lampiran does, instead of only saying that some part is.
    func testLampiranNamesThePartWithheldFromAnItemExemptedInPart() throws {
        var v = Fixture.version3()
        var test = Fixture.exemptTest("UU 14/2008 Pasal 17 huruf h angka 3", period: "Selama berlaku")
        test.conclusion = .exemptPart
        test.specificInformation = "NIK dan nomor rekening penerima"
        var partial = Fixture.item("dinsos-0007", unit: Fixture.diskominfo, nomor: "7",
                                   ringkasan: "Daftar penerima bantuan sosial beserta NIK dan nomor rekening",
                                   category: .dikecualikan, test: test)
        partial.item.kategori = .setiapSaat
        v.exempted.append(partial)
        let text = visibleText(try docxParts(try DecreeWriter.penetapanDIP(version: v, settings: .kabupatenSerang,
                                                                           citations: .builtIn, clock: Fixture.clock))[2].text)
            .joined(separator: " ")
        XCTAssertTrue(text.contains("(Dikecualikan sebagian: NIK dan nomor rekening penerima; tersedia salinan yang bagian "
            + "dikecualikannya dihitamkan.)"), text)
        // No part recorded: the note still says a part is withheld.
        v.exempted[v.exempted.count - 1].consequenceTest?.specificInformation = " "
        let generic = visibleText(try docxParts(try DecreeWriter.penetapanDIP(version: v, settings: .kabupatenSerang,
                                                                              citations: .builtIn, clock: Fixture.clock))[2].text)
            .joined(separator: " ")
        XCTAssertTrue(generic.contains("(\(PublishedList.partialNote))"), generic)
    }
}
