import DIPCore
import Foundation
import Rules

/// "classify": 100,000 generated items (686 distinct texts, as titles repeat across units and
/// years) through the default rules and precedents; prints items/s and seconds.
func classifyBench() throws { try classifyBench(distinct: false) }

/// "classify-distinct": the same with every text distinct (a serial number appended), so no
/// text-level result is reused: the worst case.
func classifyDistinctBench() throws { try classifyBench(distinct: true) }

private func classifyBench(distinct: Bool) throws {
    let name = distinct ? "classify-distinct" : "classify"
    let ruleSet = try RuleSet.defaults()
    let classifier = Classifier(ruleSet: ruleSet)
    let items = classifyBenchItems(distinct: distinct)
    var flagged = 0
    let cpuBefore = cpuSeconds()
    let seconds = measureSeconds {
        for item in items where classifier.classify(item).needsConsequenceTest { flagged += 1 }
    }
    let cpu = cpuSeconds() - cpuBefore
    report("\(name): items", Double(items.count), "items")
    report("\(name): total", seconds, "s")
    // CPU (user + system of this process): what to compare on a loaded machine, where the
    // wall time above also counts waiting for a core.
    report("\(name): total CPU", cpu, "s")
    report("\(name): throughput", Double(items.count) / seconds, "items/s")
    report("\(name): flagged for consequence test", Double(flagged), "items")
    report("\(name): peak RSS", Double(peakRSSBytes()) / 1_048_576, "MiB")
}

/// The 100,000 generated items of `classify` (686 distinct texts) or, with `distinct`, of
/// `classify-distinct` (a serial number appended to each); also read by `classify-digest`.
func classifyBenchItems(distinct: Bool) -> [InformationItem] {
    let subjects = [
        "Laporan Kinerja Instansi Pemerintah (LKjIP)", "Dokumen Pelaksanaan Anggaran (DPA)",
        "Daftar penerima bansos beserta NIK dan nomor rekening", "Rekam medis pasien Puskesmas",
        "Rencana Umum Pengadaan (RUP) melalui SiRUP", "Harga Perkiraan Sendiri (HPS) paket pekerjaan",
        "Standar Operasional Prosedur (SOP) pelayanan perizinan", "Informasi Kejadian Luar Biasa (KLB) DBD",
        "Profil Dinas dan struktur organisasi", "Perjanjian kerja sama dengan pihak ketiga",
        "Berita Acara Pemeriksaan (BAP) pelanggar Perda", "Laporan Harta Kekayaan Penyelenggara Negara (LHKPN)",
        "Jadwal pengangkutan sampah dan lokasi TPS", "Dokumen kunci sandi dan jaring komunikasi sandi",
    ]
    let units = ["Dinas Kesehatan", "BPBD", "Kecamatan Ciruas", "RSUD", "Disdukcapil", "Satpol PP", "Bappeda"]
    let categories: [Category?] = [.berkala, .setiapSaat, .sertaMerta, .dikecualikan, nil]
    var items: [InformationItem] = []
    items.reserveCapacity(100_000)
    for index in 0..<100_000 {
        let text = "\(subjects[index % subjects.count]) \(units[(index / 7) % units.count]) Tahun \(2020 + index % 7)"
            + (distinct ? " nomor \(index)" : "")
        items.append(InformationItem(
            source: SourceLocation(file: "bench.xlsx", sheet: nil, row: index + 2), nomor: "\(index + 1)",
            ringkasan: text, pejabatPenguasa: "Sekretariat", penanggungJawab: "Kepala",
            waktuPembuatan: "2026", tempatPembuatan: "Serang", bentuk: "Softcopy", retensi: "5 tahun",
            kategori: categories[index % categories.count]))
    }
    return items
}
