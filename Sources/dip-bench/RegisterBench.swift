import DIPCore
import Foundation
import Register

/// The register on a file in a temporary folder: 20 units × 200 items submitted, then each
/// unit's list edited (10 % changed, 5 % withdrawn, 5 % added, texts shuffled so similarity
/// matching works) and re-submitted, then a draft of the 4 000 items.
func registerBenchmark() throws {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("dip-bench-register-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = try AppDatabase.open(path: dir.appendingPathComponent("register.sqlite").path)
    let units = (1...20).map { WorkUnit(code: "unit\($0)", name: "Unit Kerja \($0)") }

    func list(_ unit: Int, edited: Bool) -> [(InformationItem, Classification)] {
        (1...200).compactMap { n -> (InformationItem, Classification)? in
            if edited && n % 20 == 0 { return nil }
            var text = "Laporan kegiatan bidang \(n) unit \(unit) tahun anggaran berjalan"
            if edited && n % 10 == 3 { text += " revisi" }
            let item = InformationItem(
                source: SourceLocation(file: "dip.xlsx", sheet: "DIP", row: n + 5),
                nomor: String(n), ringkasan: text, pejabatPenguasa: "Sekretariat",
                penanggungJawab: "Kepala", waktuPembuatan: "2026", tempatPembuatan: "Serang",
                bentuk: edited && n % 10 == 5 ? "Online" : "Cetak", retensi: "5 tahun",
                kategori: .berkala)
            return (item, Classification(
                declared: .berkala, suggested: .berkala, subgroup: .B,
                needsConsequenceTest: false, exemptionGrounds: [], needsReview: false,
                missingLegalBasis: false, hits: [], notes: []))
        } + (edited ? (1...10).map { n in
            (InformationItem(
                source: SourceLocation(file: "dip.xlsx", sheet: "DIP", row: 300 + n),
                nomor: String(300 + n), ringkasan: "Informasi baru \(n) semester dua",
                pejabatPenguasa: "Sekretariat", penanggungJawab: "Kepala",
                waktuPembuatan: "2026", tempatPembuatan: "Serang", bentuk: "Cetak",
                retensi: "5 tahun", kategori: .setiapSaat),
             Classification(
                declared: .setiapSaat, suggested: .setiapSaat, subgroup: nil,
                needsConsequenceTest: false, exemptionGrounds: [], needsReview: false,
                missingLegalBasis: false, hits: [], notes: []))
        } : [])
    }

    let clock = Clock(now: Date(timeIntervalSince1970: 1_780_000_000))
    func submitAll(edited: Bool) throws {
        for (i, unit) in units.enumerated() {
            _ = try db.recordSubmission(
                unit: unit, fileName: "dip.xlsx", sha256: "\(unit.code)-\(edited)",
                archivedPath: "archive/x", receivedAt: clock.now, result: .accepted,
                items: list(i + 1, edited: edited), problems: [])
        }
    }
    report("register: first submissions, 20×200 items", try measureSeconds { try submitAll(edited: false) } * 1000, "ms")
    report("register: edited resubmissions, 20×210 items", try measureSeconds { try submitAll(edited: true) } * 1000, "ms")
    report("register: draft of all current items", try measureSeconds { _ = try db.makeDraft(clock: clock) } * 1000, "ms")
    report("register: status", try measureSeconds { _ = try db.status() } * 1000, "ms")
    report("register: peak RSS", Double(peakRSSBytes()) / 1_048_576, "MiB")
}
