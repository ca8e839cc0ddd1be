import TestSupport
import DIPCore
import Foundation

/// Test versions built from the example inbox's expected items (examples/expected).
enum DecreeFixtures {
    static let clock = Clock(now: Date(timeIntervalSince1970: 1_795_700_000)) // 2026-11-26 WIB
    static let expected = Examples.expected

    struct Expected: Decodable {
        struct Item: Decodable {
            var row: Int
            var nomor: String
            var ringkasan: String
            var pejabat_penguasa: String
            var penanggung_jawab: String
            var waktu_pembuatan: String
            var tempat_pembuatan: String
            var bentuk: String
            var retensi: String
            var kategori: String?
        }
        var items: [Item]?
    }

    /// Every sample item once, as a version item; exempted ones get a consequence test.
    static func sampleItems() throws -> [VersionItem] {
        var out: [VersionItem] = []
        let units = try FileManager.default.contentsOfDirectory(atPath: try existing(expected).path).sorted()
        for unit in units {
            let dir = expected.appendingPathComponent(unit)
            for file in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
                let e = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: dir.appendingPathComponent(file)))
                for (i, it) in (e.items ?? []).enumerated() {
                    let category = Category(rawValue: it.kategori ?? "") ?? .setiapSaat
                    let item = InformationItem(
                        source: SourceLocation(file: file, sheet: nil, row: it.row), nomor: it.nomor,
                        ringkasan: it.ringkasan, pejabatPenguasa: it.pejabat_penguasa,
                        penanggungJawab: it.penanggung_jawab, waktuPembuatan: it.waktu_pembuatan,
                        tempatPembuatan: it.tempat_pembuatan, bentuk: it.bentuk, retensi: it.retensi,
                        kategori: category)
                    let subgroup = category == .berkala ? BerkalaSubgroup.allCases[i % 11] : nil
                    let test = category == .dikecualikan ? ConsequenceTest(
                        specificInformation: "Data pribadi dalam \(it.ringkasan)",
                        // Every other test as old registers stored it: a local j-number spelt as
                        // if the law had it. The citation must still come from `dasar_hukum`.
                        legalBasis: i % 2 == 0 ? "" : "Pasal 17 huruf j angka 2 UU 14/2008",
                        grounds: i % 2 == 0 ? ["17h2"] : ["17j2"], consequence: "Mengungkap rahasia pribadi & data kesehatan",
                        publicInterest: "Kepentingan publik tidak lebih besar daripada perlindungan data pribadi",
                        conclusion: .exemptWhole, period: .years(5), periodText: "",
                        conditionsForOpening: "Persetujuan tertulis pemilik data",
                        tester: Official(name: "Uji Penguji", title: "PPID Pelaksana"), testedOn: clock.now) : nil
                    out.append(VersionItem(
                        id: "\(unit)-\(String(format: "%04d", i + 1))", revision: 1,
                        unit: WorkUnit(code: unit, name: unitName(unit)), item: item, category: category,
                        subgroup: subgroup, classification: nil, change: .added, recordedAt: clock.now,
                        consequenceTest: test))
                }
            }
        }
        return out
    }

    static func unitName(_ code: String) -> String {
        switch code {
        case "bappeda": return "Badan Perencanaan Pembangunan Daerah"
        case "dinsos": return "Dinas Sosial"
        case "kec-cikande": return "Kecamatan Cikande"
        case "rsud-drajat": return "RSUD dr. Drajat Prawiranegara"
        case "satpolpp": return "Satuan Polisi Pamong Praja"
        default: return code.uppercased()
        }
    }

    /// A version with the sample items (open ones published, exempted ones in the DIK).
    static func sampleVersion(previous: Bool = true) throws -> DIPVersion {
        let all = try sampleItems()
        return version(all, previous: previous)
    }

    /// A version with at least `count` open items: sample items repeated with a unique marker
    /// ("KODE0001", no hyphen for LibreOffice to break the line at) appended to each summary
    /// so the PDF text can be checked item by item.
    static func largeVersion(count: Int) throws -> DIPVersion {
        let base = try sampleItems()
        let open = base.filter { $0.category.isOpen }
        guard !open.isEmpty else { throw MissingFixture(description: "no open item in \(expected.path)") }
        var items: [VersionItem] = []
        for i in 0..<count {
            var v = open[i % open.count]
            v.id = "x-\(String(format: "%04d", i + 1))"
            v.item.ringkasan += " KODE\(String(format: "%04d", i + 1))"
            v.item.source.row = 1000 + i
            v.subgroup = v.category == .berkala ? BerkalaSubgroup.allCases[i % 11] : nil
            items.append(v)
        }
        var exempted = base.filter { !$0.category.isOpen }
        for i in exempted.indices { exempted[i].item.ringkasan += " RAHASIA-\(i + 1)" }
        return version(items + exempted, previous: true)
    }

    static func version(_ all: [VersionItem], previous: Bool) -> DIPVersion {
        DIPVersion(
            number: 3, status: .approved, createdAt: clock.now, decreeNumber: nil, decreeDate: nil,
            approvedBy: nil, approvedAt: nil, items: all.filter { $0.category.isOpen },
            exempted: all.filter { !$0.category.isOpen },
            previousDecreeNumber: previous ? "000.9/123/Diskominfosatik/2025" : nil,
            previousDecreeDate: previous ? Date(timeIntervalSince1970: 1_750_000_000) : nil)
    }
}
