import DIPCore
import Foundation
import OfficeFormats
import Publish
import Rules

/// Decree generation for a large list and a large review-style workbook: seconds, bytes, RSS.
func benchWriters() throws {
    let clock = Clock(now: Date(timeIntervalSince1970: 1_795_700_000))
    let categories: [Category] = [.berkala, .sertaMerta, .setiapSaat]
    let items = (0..<2000).map { i -> VersionItem in
        let category = categories[i % 3]
        let item = InformationItem(
            source: SourceLocation(file: "bench.xlsx", sheet: nil, row: i + 2), nomor: "\(i + 1)",
            ringkasan: "Ringkasan informasi publik nomor \(i + 1) tentang program dan kegiatan perangkat daerah",
            pejabatPenguasa: "Sekretariat", penanggungJawab: "Kepala Dinas", waktuPembuatan: "2026",
            tempatPembuatan: "Serang", bentuk: "Softcopy dan Hardcopy", retensi: "5 (lima) tahun", kategori: category)
        return VersionItem(id: "u\(i % 40)-\(i)", revision: 1, unit: WorkUnit(code: "u\(i % 40)", name: "Dinas \(i % 40)"),
                           item: item, category: category, subgroup: category == .berkala ? BerkalaSubgroup.allCases[i % 11] : nil,
                           classification: nil, change: .added, recordedAt: clock.now)
    }
    let version = DIPVersion(number: 1, status: .approved, createdAt: clock.now, decreeNumber: nil, decreeDate: nil,
                             approvedBy: nil, approvedAt: nil, items: items, exempted: [],
                             previousDecreeNumber: nil, previousDecreeDate: nil)
    var bytes: [UInt8] = []
    let decree = try measureSeconds {
        bytes = try DecreeWriter.penetapanDIP(version: version, settings: .kabupatenSerang, citations: .builtIn, clock: clock)
    }
    report("writers: decree DOCX, 2000 items", decree, "s")
    report("writers: decree DOCX size", Double(bytes.count) / 1024, "KiB")

    let rows = (0..<20_000).map { i in
        [XLSXCell("id-\(i)"), XLSXCell("Ringkasan informasi nomor \(i)", style: .body), XLSXCell("Dinas \(i % 40)", style: .body),
         XLSXCell(.number(Double(i)), style: .body), XLSXCell(.date(clock.now), style: .body), XLSXCell(.bool(i % 2 == 0))]
    }
    let wb = XLSXDocument(sheets: [XLSXSheet(name: "Data", rows: rows, frozenRows: 1, autoFilter: true, print: .f4Landscape)],
                          created: clock.now)
    let xlsx = try measureSeconds { bytes = try XLSXWriter.write(wb) }
    report("writers: XLSX 20000 rows x 6 cols", xlsx, "s")
    report("writers: XLSX size", Double(bytes.count) / 1024, "KiB")
    report("writers: peak RSS", Double(peakRSSBytes()) / 1_048_576, "MiB")
}
