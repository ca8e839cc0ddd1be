import DIPCore
import Foundation
import TestSupport
import XCTest

/// A DIP in code: three versions of Kabupaten Serang's list. Version 3 (published) has 24
/// open items across every category and several berkala sub-groups, 2 exempted items, and
/// history: items added in v1, changed in v2 and v3, one withdrawn, one reclassified to exempt.
enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_735_700_400) // 2025-01-01T10:00+07:00
    static func day(_ n: Int) -> Date { t0.addingTimeInterval(Double(n) * 86_400) }

    static let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600)) // 2026-01-01T07:00+07:00

    static let dinkes = WorkUnit(code: "dinkes", name: "Dinas Kesehatan")
    static let bpbd = WorkUnit(code: "bpbd", name: "Badan Penanggulangan Bencana Daerah")
    static let diskominfo = WorkUnit(code: "diskominfo", name: "Dinas Komunikasi, Informatika, Persandian dan Statistik")
    static let disdukcapil = WorkUnit(code: "disdukcapil", name: "Dinas Kependudukan & Pencatatan Sipil")

    /// Marker strings that must never reach a public output.
    static let secretMarkers = [
        "RAHASIA-REKAM-MEDIS-ISI", "KONSEKUENSI-BOCOR", "KEPENTINGAN-PUBLIK-TIMBANG",
        "SYARAT-BUKA-XYZ", "PEJABAT-DIK-TERTUTUP", "KETERANGAN-DIK-RINCI",
        "MENUNGGU-UJI-RINGKASAN", "DITARIK-RINGKASAN-LAMA",
    ]

    static func item(
        _ id: String, rev: Int = 1, unit: WorkUnit, nomor: String, ringkasan: String,
        category: Category, subgroup: BerkalaSubgroup? = nil, change: ItemChange = .unchanged,
        recorded: Int = 0, bentuk: String = "Softcopy", retensi: String = "5 (lima) tahun",
        test: ConsequenceTest? = nil, judul: String? = nil, keterangan: String? = nil,
        pejabat: String? = nil
    ) -> VersionItem {
        VersionItem(
            id: id, revision: rev, unit: unit,
            item: InformationItem(
                source: SourceLocation(file: "\(unit.code).xlsx", sheet: "DIP", row: 5),
                nomor: nomor, ringkasan: ringkasan,
                pejabatPenguasa: pejabat ?? "Sekretariat \(unit.name)",
                penanggungJawab: "Kepala \(unit.name)", waktuPembuatan: "2025",
                tempatPembuatan: "Serang", bentuk: bentuk, retensi: retensi,
                judul: judul, keterangan: keterangan,
                form: InformationForm(printed: false, electronic: true), retention: .years(5)),
            category: category, subgroup: subgroup, classification: nil, change: change,
            recordedAt: day(recorded), consequenceTest: test)
    }

    static func exemptTest(_ basis: String, period: String) -> ConsequenceTest {
        ConsequenceTest(
            specificInformation: "RAHASIA-REKAM-MEDIS-ISI nama dan diagnosis pasien",
            legalBasis: basis, grounds: ["17h2"],
            consequence: "KONSEKUENSI-BOCOR mengungkap rahasia pribadi",
            publicInterest: "KEPENTINGAN-PUBLIK-TIMBANG lebih besar untuk ditutup",
            conclusion: .exemptWhole, period: .years(25), periodText: period,
            conditionsForOpening: "SYARAT-BUKA-XYZ persetujuan tertulis pasien",
            tester: Official(name: "Drs. H. Contoh"), testedOn: day(300))
    }

    /// The open items of version 3 (24 items).
    static func openItemsV3() -> [VersionItem] {
        var items: [VersionItem] = []
        let berkala: [(String, WorkUnit, BerkalaSubgroup, String)] = [
            ("dinkes-0001", dinkes, .A, "Profil Dinas Kesehatan: alamat, tugas & fungsi"),
            ("dinkes-0002", dinkes, .A, "Struktur organisasi dan profil pejabat <eselon III>"),
            ("bpbd-0001", bpbd, .A, "Profil BPBD dan LHKPN pejabat"),
            ("dinkes-0003", dinkes, .B, "Rencana kerja (Renja) \"tahunan\" dan DPA"),
            ("bpbd-0002", bpbd, .B, "Program kesiapsiagaan bencana, anggaran 2025"),
            ("dinkes-0004", dinkes, .C, "Laporan Kinerja Instansi Pemerintah (LKjIP)"),
            ("diskominfo-0001", diskominfo, .C, "Indikator kinerja utama, baris\nkedua"),
            ("dinkes-0005", dinkes, .D, "Laporan realisasi anggaran; neraca; CALK"),
            ("diskominfo-0002", diskominfo, .E, "Laporan layanan informasi publik 2025"),
            ("diskominfo-0003", diskominfo, .F, "Peraturan Bupati tentang keterbukaan informasi"),
            ("diskominfo-0004", diskominfo, .G, "Tata cara permohonan informasi dan keberatan"),
            ("diskominfo-0005", diskominfo, .H, "Tata cara pengaduan melalui SP4N-LAPOR!"),
            ("dinkes-0006", dinkes, .I, "Rencana umum pengadaan (SiRUP) Dinas Kesehatan"),
            ("disdukcapil-0001", disdukcapil, .J, "Pengumuman rekrutmen PPPK"),
            ("bpbd-0003", bpbd, .K, "Prosedur peringatan dini dan evakuasi banjir"),
        ]
        for (i, b) in berkala.enumerated() {
            items.append(item(b.0, unit: b.1, nomor: "\(i + 1)", ringkasan: b.3,
                              category: .berkala, subgroup: b.2, recorded: 10))
        }
        items.append(item("bpbd-0004", unit: bpbd, nomor: "1", ringkasan: "Informasi peringatan dini banjir dan longsor",
                          category: .sertaMerta, recorded: 10))
        items.append(item("dinkes-0007", unit: dinkes, nomor: "2", ringkasan: "Informasi kejadian luar biasa (KLB) demam berdarah",
                          category: .sertaMerta, recorded: 10))
        items.append(item("dinkes-0008", unit: dinkes, nomor: "3", ringkasan: "Informasi keracunan pangan massal",
                          category: .sertaMerta, recorded: 10))
        items.append(item("disdukcapil-0002", unit: disdukcapil, nomor: "1", ringkasan: "Daftar Informasi Publik Disdukcapil",
                          category: .setiapSaat, recorded: 10))
        items.append(item("disdukcapil-0003", unit: disdukcapil, nomor: "2", ringkasan: "SOP pelayanan KTP-el, KK & akta",
                          category: .setiapSaat, recorded: 10))
        items.append(item("diskominfo-0006", unit: diskominfo, nomor: "10", ringkasan: "Perjanjian kerja sama dengan pihak ketiga",
                          category: .setiapSaat, recorded: 10))
        items.append(item("diskominfo-0007", unit: diskominfo, nomor: "9", ringkasan: "Surat-menyurat pimpinan, 'umum'",
                          category: .setiapSaat, recorded: 10))
        items.append(item("bpbd-0005", unit: bpbd, nomor: "3", ringkasan: "Data inventaris barang BPBD",
                          category: .setiapSaat, recorded: 10))
        // A berkala item without a sub-group (the rules did not settle one).
        items.append(item("bpbd-0006", unit: bpbd, nomor: "9", ringkasan: "Agenda kegiatan bulanan BPBD",
                          category: .berkala, subgroup: nil, recorded: 10))
        return items
    }

    /// v1 (published): the first list. v2 (published): dinkes-0003 changed (rev 2), bpbd-0005
    /// added, diskominfo-9999 present (later withdrawn). v3: dinkes-0003 rev 3, dinkes-0004
    /// rev 2, dinkes-0009 reclassified to exempt, diskominfo-9999 withdrawn.
    static func history() -> [DIPVersion] {
        var v1Items = openItemsV3().filter { $0.id != "bpbd-0005" }
        for i in v1Items.indices { v1Items[i].change = .added; v1Items[i].recordedAt = day(10) }
        if let i = v1Items.firstIndex(where: { $0.id == "dinkes-0003" }) {
            v1Items[i].item.ringkasan = "Rencana kerja (Renja) versi awal"
        }
        if let i = v1Items.firstIndex(where: { $0.id == "dinkes-0004" }) {
            v1Items[i].item.ringkasan = "LAKIP lama"
        }
        v1Items.append(item("dinkes-0009", unit: dinkes, nomor: "11", ringkasan: "Data kunjungan pasien per puskesmas",
                            category: .setiapSaat, change: .added, recorded: 10))
        v1Items.append(item("diskominfo-9999", unit: diskominfo, nomor: "99", ringkasan: "DITARIK-RINGKASAN-LAMA dokumen usang",
                            category: .setiapSaat, change: .added, recorded: 10))
        let v1 = DIPVersion(number: 1, status: .published, createdAt: day(20), decreeNumber: "480/Kep.01-PPID/2025",
                            decreeDate: day(25), approvedBy: nil, approvedAt: day(25), items: v1Items,
                            exempted: [], previousDecreeNumber: nil, previousDecreeDate: nil)
        var v2Items = v1Items
        for i in v2Items.indices { v2Items[i].change = .unchanged }
        if let i = v2Items.firstIndex(where: { $0.id == "dinkes-0003" }) {
            v2Items[i].revision = 2
            v2Items[i].change = .changed
            v2Items[i].recordedAt = day(100)
            v2Items[i].item.ringkasan = "Rencana kerja (Renja) revisi kedua"
        }
        var added = openItemsV3().first { $0.id == "bpbd-0005" }!
        added.change = .added
        added.recordedAt = day(100)
        v2Items.append(added)
        let v2 = DIPVersion(number: 2, status: .published, createdAt: day(110), decreeNumber: "480/Kep.02-PPID/2025",
                            decreeDate: day(120), approvedBy: nil, approvedAt: day(120), items: v2Items,
                            exempted: [], previousDecreeNumber: v1.decreeNumber, previousDecreeDate: v1.decreeDate)
        return [v2, v1] // deliberately unsorted
    }

    static func version3() -> DIPVersion {
        var items = openItemsV3()
        if let i = items.firstIndex(where: { $0.id == "dinkes-0003" }) {
            items[i].revision = 3
            items[i].change = .changed
            items[i].recordedAt = day(300)
        }
        if let i = items.firstIndex(where: { $0.id == "dinkes-0004" }) {
            items[i].revision = 2
            items[i].change = .changed
            items[i].recordedAt = day(300)
        }
        // Defensive filtering: a pending item that slipped into `items` must still not appear.
        items.append(item("dinkes-0010", unit: dinkes, nomor: "12", ringkasan: "MENUNGGU-UJI-RINGKASAN data gizi balita per desa",
                          category: .setiapSaat, change: .added, recorded: 300,
                          test: ConsequenceTest(
                            specificInformation: "", legalBasis: "", grounds: [], consequence: "",
                            publicInterest: "", conclusion: .pending, period: .unknown, periodText: "",
                            conditionsForOpening: "", tester: nil, testedOn: nil)))
        // Input order must not matter: interleave odd and even positions.
        items = stride(from: 1, to: items.count, by: 2).map { items[$0] } + stride(from: 0, to: items.count, by: 2).map { items[$0] }
        let exempted = [
            item("dinkes-0009", rev: 2, unit: dinkes, nomor: "11", ringkasan: "Rekam medis pasien puskesmas",
                 category: .dikecualikan, change: .reclassified, recorded: 300, retensi: "25 tahun",
                 test: exemptTest("UU 14/2008 Pasal 17 huruf h angka 2; UU 17/2023", period: "25 (dua puluh lima) tahun"),
                 keterangan: "KETERANGAN-DIK-RINCI", pejabat: "PEJABAT-DIK-TERTUTUP"),
            item("disdukcapil-0009", unit: disdukcapil, nomor: "5", ringkasan: "Data kependudukan perseorangan (NIK, KK)",
                 category: .dikecualikan, change: .added, recorded: 300,
                 test: exemptTest("UU 14/2008 Pasal 17 huruf j; UU 24/2013", period: "Selama berlaku"),
                 judul: "Data pribadi penduduk", keterangan: "KETERANGAN-DIK-RINCI"),
        ]
        return DIPVersion(number: 3, status: .published, createdAt: day(310), decreeNumber: "480/Kep.03-PPID/2025",
                          decreeDate: day(320), approvedBy: Official(name: "Sekretaris Daerah"), approvedAt: day(320),
                          items: items, exempted: exempted, previousDecreeNumber: "480/Kep.02-PPID/2025",
                          previousDecreeDate: day(120))
    }

    /// The ids the page, feeds and CSV must list: the open, non-pending items of v3.
    static let expectedIDs: Set<String> = Set(openItemsV3().map(\.id))
}

/// Runs the project's checkers (scripts/checkers, through `Checkers`) from the publishing tests.
enum WebCheckers {
    static let repoRoot = Checkers.repoRoot

    static func requireInstalled() throws {
        _ = try Checkers.require("check-bag")
    }

    /// Runs `check-<name> args…`; returns exit status and combined output.
    static func run(_ name: String, _ args: [String]) throws -> (status: Int32, output: String) {
        try Shell.run(try Checkers.require(name).path, args)
    }

    static func assertOK(_ name: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try run(name, args)
        XCTAssertEqual(r.status, 0, "\(name) failed:\n\(r.output)", file: file, line: line)
        if ProcessInfo.processInfo.environment["DIP_SHOW_CHECKERS"] != nil { print(r.output) }
        XCTAssertTrue(r.output.split(separator: "\n").last?.hasPrefix("OK ") ?? false, r.output, file: file, line: line)
    }
}

enum Shell {
    static func run(_ executable: String, _ args: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        if let environment { p.environment = environment }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

extension XCTestCase {
    func makeTempDir(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let dir = try Scratch.directory("dip-publish-\(safe)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }
}
