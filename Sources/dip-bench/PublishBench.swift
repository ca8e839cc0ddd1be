import DIPCore
import Foundation
import Publish

/// Website output and archive package for a large DIP (5,000 items, 50 units): render and
/// write the five website files, then bag them with 20 MB of submissions and verify the zip.
func benchPublish() throws {
    let units = (0..<50).map { WorkUnit(code: "unit\($0)", name: "Unit Kerja Nomor \($0)") }
    let categories: [Category] = [.berkala, .sertaMerta, .setiapSaat]
    let items = (0..<5_000).map { i -> VersionItem in
        let category = categories[i % 3]
        return VersionItem(
            id: "unit\(i % 50)-\(i)", revision: 1 + i % 3, unit: units[i % 50],
            item: InformationItem(
                source: SourceLocation(file: "x.xlsx", sheet: nil, row: i + 2), nomor: "\(i + 1)",
                ringkasan: "Ringkasan informasi publik nomor \(i) tentang program, anggaran & kinerja",
                pejabatPenguasa: "Sekretariat", penanggungJawab: "Kepala Unit", waktuPembuatan: "2025",
                tempatPembuatan: "Serang", bentuk: "Softcopy dan Hardcopy", retensi: "5 (lima) tahun"),
            category: category, subgroup: category == .berkala ? BerkalaSubgroup.allCases[i % 11] : nil,
            classification: nil, change: .changed, recordedAt: Date(timeIntervalSince1970: 1_750_000_000))
    }
    let version = DIPVersion(number: 7, status: .published, createdAt: Date(timeIntervalSince1970: 1_760_000_000),
                             decreeNumber: "480/7", decreeDate: Date(timeIntervalSince1970: 1_760_000_000),
                             approvedBy: nil, approvedAt: Date(timeIntervalSince1970: 1_760_000_000),
                             items: items, exempted: [], previousDecreeNumber: nil, previousDecreeDate: nil)
    let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("dip-bench-publish-\(getpid())")
    defer { try? FileManager.default.removeItem(at: work) }
    let site = work.appendingPathComponent("website")
    let webSeconds = try measureSeconds {
        try WebsiteWriter.write(version: version, history: [], clock: clock, to: site)
    }
    report("publish: website 5,000 items", webSeconds, "s")
    let big = work.appendingPathComponent("usulan.bin")
    var generator = SystemRandomNumberGenerator()
    let block = Data((0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) })
    try Data((0..<20).flatMap { _ in block }).write(to: big)
    var payload = try ArchivePayload.directory(site, under: "website")
    payload.append(.file("usulan/usulan.bin", big))
    let packages = work.appendingPathComponent("packages")
    let packSeconds = try measureSeconds {
        try ArchivePackager().package(version: version, payload: payload, clock: clock, into: packages)
    }
    report("publish: package (20 MB + website, incl. self-check)", packSeconds, "s")
    var damages = 0
    let verifySeconds = measureSeconds { damages = ArchiveVerifier.verify(packagesIn: packages).count }
    report("publish: verify-archive of that package", verifySeconds, "s")
    report("publish: damages found (expect 0)", Double(damages), "")
    report("publish: peak RSS", Double(peakRSSBytes()) / 1_048_576, "MiB")
}
