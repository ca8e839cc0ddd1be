import DIPCore
import Foundation
import OfficeFormats

/// A regency whose lists look like real ones: every summary is drawn from a pool of
/// real-looking DIP titles (a subject, often a field or period, a year), so many summaries of
/// a unit are near one another ("Laporan keuangan 2024", "Laporan keuangan 2025"), as the
/// item matcher meets them in practice. XLSX for even-numbered units, semicolon CSV for odd
/// ones. A later round is a unit's revised list (pemutakhiran): most items kept, some edited
/// (year bumped, typo, words reordered), some withdrawn, some new, in a partly new order.
/// Deterministic for a given seed. Used by the end-to-end benchmark.
public enum NearDuplicateInbox {
    static let subjects = [
        "Laporan keuangan", "Laporan realisasi anggaran", "Neraca keuangan", "Catatan atas laporan keuangan",
        "Rencana strategis", "Rencana kerja", "Rencana kerja dan anggaran", "Dokumen pelaksanaan anggaran",
        "Laporan kinerja instansi pemerintah", "Perjanjian kinerja", "Indikator kinerja utama",
        "Laporan akuntabilitas kinerja", "Standar pelayanan publik", "Maklumat pelayanan",
        "Survei kepuasan masyarakat", "Rekapitulasi pengaduan masyarakat", "Daftar aset tetap",
        "Kartu inventaris barang", "Daftar pegawai negeri sipil", "Profil pejabat struktural",
        "Agenda kegiatan pimpinan", "Notulen rapat koordinasi", "Data statistik sektoral",
        "Pengumuman pengadaan barang dan jasa", "Rencana umum pengadaan", "Daftar penyedia barang dan jasa",
        "Peraturan bupati", "Surat keputusan kepala dinas", "Surat edaran sekretaris daerah",
        "Laporan penyelenggaraan pemerintahan daerah", "Laporan keterangan pertanggungjawaban",
        "Laporan hasil pemeriksaan inspektorat", "Tindak lanjut hasil pemeriksaan BPK",
        "Daftar informasi publik", "Laporan layanan informasi publik", "Prosedur operasional standar",
        "Rencana aksi daerah", "Laporan monitoring dan evaluasi", "Data penerima bantuan sosial",
        "Anggaran pendapatan dan belanja desa",
    ]
    static let fields = [
        "", "", "", " bidang kesehatan", " bidang pendidikan", " bidang pekerjaan umum", " bidang sosial",
        " sekretariat", " UPT puskesmas", " kecamatan", " kelurahan", " program prioritas",
        " semester I", " semester II", " triwulan I", " triwulan II", " triwulan III", " triwulan IV",
    ]

    static let header = SyntheticInbox.header
    static let kinds = ["Berkala", "Serta Merta", "Setiap Saat", "Dikecualikan"]
    static let forms = ["Softcopy", "Hardcopy", "Softcopy dan Hardcopy"]

    /// The units that send a revised list in the update round: every tenth (6 of 60).
    public static func updatingUnits(_ units: [String]) -> [String] {
        units.enumerated().filter { $0.offset % 10 == 9 }.map(\.element)
    }

    /// Writes one file per unit of `units` into `inbox/<unit>/`: its first list (round 0) or
    /// its revised list of that round.
    public static func write(into inbox: URL, units: [String], itemsPerUnit: Int, seed: UInt64 = 1,
                             round: Int = 0) throws -> [SyntheticInbox.Dropped] {
        var dropped: [SyntheticInbox.Dropped] = []
        for unit in units {
            let index = Int(unit.split(separator: "-").last.flatMap { Int($0) } ?? 0)
            var summaries = firstList(unit: unit, count: itemsPerUnit, seed: seed)
            if round > 0 {
                var rng = SplitMix(seed: seed &* 31 &+ UInt64(index) &* 1_000_003 &+ UInt64(round))
                summaries = revise(summaries, rng: &rng, round: round)
            }
            dropped.append(try write(summaries, into: inbox, unit: unit, seed: seed, round: round))
        }
        return dropped
    }

    /// Writes one unit's list of `summaries` into `inbox/<unit>/` with the other six fields
    /// filled as `write(into:units:…)` fills them (XLSX for an even-numbered unit, semicolon
    /// CSV for an odd one).
    public static func write(_ summaries: [String], into inbox: URL, unit: String, seed: UInt64 = 1,
                             round: Int = 0) throws -> SyntheticInbox.Dropped {
        let index = Int(unit.split(separator: "-").last.flatMap { Int($0) } ?? 0)
        var rng = SplitMix(seed: seed &+ UInt64(index) &* 7919 &+ UInt64(round))
        var rows: [[String]] = []
        for (n, summary) in summaries.enumerated() {
            let year = summary.split(separator: " ").last.flatMap { Int($0) }.map(String.init) ?? "2024"
            rows.append(["\(n + 1)", summary, "Sekretariat \(unit)", "Kepala Bidang \(1 + rng.next() % 5) \(unit)",
                         year, "Serang", forms[Int(rng.next() % 3)], "\(1 + rng.next() % 10) tahun",
                         kinds[Int(rng.next() % 100 < 3 ? 3 : rng.next() % 3)]])
        }
        let suffix = round > 0 ? " pemutakhiran \(round)" : ""
        return try SyntheticInbox.drop(
            unit: unit, rows: [header] + rows, into: inbox, asXLSX: index % 2 == 0,
            xlsxName: "DIP \(unit)\(suffix).xlsx", csvName: "usulan_dip_\(unit)\(suffix).csv", separator: ";")
    }

    /// A unit's first list: distinct summaries drawn from the pool.
    static func firstList(unit: String, count: Int, seed: UInt64) -> [String] {
        let index = UInt64(unit.split(separator: "-").last.flatMap { Int($0) } ?? 0)
        var rng = SplitMix(seed: seed &* 0x9E37 &+ index)
        var seen = Set<String>()
        var out: [String] = []
        var attempts = 0
        while out.count < count {
            attempts += 1
            let subject = subjects[Int(rng.next() % UInt64(subjects.count))]
            let field = fields[Int(rng.next() % UInt64(fields.count))]
            let year = 2018 + Int(rng.next() % 8)
            var summary = "\(subject)\(field) tahun \(year)"
            if attempts > count * 4 { summary = "\(subject)\(field) nomor \(out.count + 1) tahun \(year)" }
            if seen.insert(summary).inserted { out.append(summary) }
        }
        return out
    }

    /// A revised list: 70 % kept, 10 % year bumped, 4 % typo, 3 % words reordered, 8 %
    /// withdrawn, 5 % edited wording, plus 5 % new; a few runs of rows moved.
    static func revise(_ list: [String], rng: inout SplitMix, round: Int) -> [String] {
        var out: [String] = []
        for summary in list {
            let roll = rng.next() % 100
            switch roll {
            case 0..<70: out.append(summary)
            case 70..<80:
                var words = summary.split(separator: " ").map(String.init)
                if let year = Int(words.last ?? "") { words[words.count - 1] = "\(year + 1)" }
                out.append(words.joined(separator: " "))
            case 80..<84:
                var chars = Array(summary)
                let i = 1 + Int(rng.next() % UInt64(max(1, chars.count - 2)))
                chars.swapAt(i, i - 1)
                out.append(String(chars))
            case 84..<87:
                var words = summary.split(separator: " ").map(String.init)
                if words.count > 2 { words.swapAt(0, 1) }
                out.append(words.joined(separator: " "))
            case 87..<95: continue
            default: out.append(summary.replacingOccurrences(of: " tahun ", with: " TA "))
            }
        }
        let added = firstList(unit: "new-\(round)", count: max(1, list.count / 20), seed: rng.next())
        for summary in added { out.insert(summary + " (baru)", at: Int(rng.next() % UInt64(out.count + 1))) }
        return out
    }

}
