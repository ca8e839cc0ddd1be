import DIPCore
import Foundation
import OfficeFormats

/// Writes a synthetic regency's submissions into an inbox: one file per unit, XLSX for
/// even-numbered units and CSV for odd ones, with a few malformed rows. Used by the crash
/// harness, the hostile-input tests and the end-to-end benchmark, so they all exercise the
/// same, realistic mix. Deterministic for a given seed.
public enum SyntheticInbox {
    /// One file written into the inbox.
    public struct Dropped: Hashable, Sendable {
        public var unit: String
        public var fileName: String
        public var sha256: String
        public var itemRows: Int
    }

    static let header = ["No", "Ringkasan Isi Informasi", "Pejabat/Unit yang Menguasai Informasi",
                         "Penanggung Jawab Pembuatan atau Penerbitan Informasi", "Waktu Pembuatan",
                         "Tempat Pembuatan", "Bentuk Informasi", "Jangka Waktu Penyimpanan", "Jenis Informasi"]
    static let subjects = ["Laporan keuangan", "Rencana strategis", "Daftar aset", "Laporan kinerja",
                           "Standar pelayanan", "Agenda kegiatan", "Profil pejabat", "Rekapitulasi pengaduan",
                           "Data statistik sektoral", "Pengumuman pengadaan", "Peraturan daerah", "Laporan akuntabilitas"]
    static let kinds = ["Berkala", "Serta Merta", "Setiap Saat"]
    static let forms = ["Softcopy", "Hardcopy", "Softcopy dan Hardcopy"]

    /// Writes one file per unit into `inbox/<unit>/` and returns what was written.
    /// - Parameters:
    ///   - malformedEvery: every n-th row has a missing summary and an unknown category.
    ///   - round: varies the content (a later round is a revised list).
    public static func write(into inbox: URL, units: [String], itemsPerUnit: Int, seed: UInt64 = 1,
                             malformedEvery: Int = 25, round: Int = 0) throws -> [Dropped] {
        var dropped: [Dropped] = []
        var rng = SplitMix(seed: seed &+ UInt64(round))
        for (index, unit) in units.enumerated() {
            var rows: [[String]] = []
            for n in 1...max(1, itemsPerUnit) {
                let subject = subjects[Int(rng.next() % UInt64(subjects.count))]
                let year = 2020 + Int(rng.next() % 7)
                var row = ["\(n)", "\(subject) \(unit) nomor \(n) tahun \(year)\(round > 0 ? " revisi \(round)" : "")",
                           "Sekretariat \(unit)", "Kepala \(unit)", "\(year)", "Serang",
                           forms[n % forms.count], "\(1 + n % 10) tahun", kinds[n % kinds.count]]
                if malformedEvery > 0 && n % malformedEvery == 0 {
                    row[1] = ""
                    row[8] = "Tidak jelas"
                }
                rows.append(row)
            }
            dropped.append(try drop(unit: unit, rows: [header] + rows, into: inbox, asXLSX: index % 2 == 0,
                                    xlsxName: "DIP \(unit).xlsx", csvName: "usulan_dip_\(unit).csv", separator: ","))
        }
        return dropped
    }

    /// Writes one unit's list (header row first) into its inbox folder, as XLSX (sheet "DIP")
    /// or as CSV with `separator`, dated an hour back so it is past any settle window. Shared by
    /// the benches' generators (this one and `NearDuplicateInbox`).
    static func drop(unit: String, rows: [[String]], into inbox: URL, asXLSX: Bool,
                     xlsxName: String, csvName: String, separator: Character) throws -> Dropped {
        let folder = inbox.appendingPathComponent(unit, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let bytes: [UInt8]
        let name: String
        if asXLSX {
            name = xlsxName
            bytes = try XLSXWriter.write(XLSXDocument(
                sheets: [XLSXSheet(name: "DIP", rows: rows.map { $0.map { XLSXCell($0) } })], title: "DIP \(unit)",
                creator: unit, created: Date(timeIntervalSince1970: 1_767_225_600)))
        } else {
            name = csvName
            let text = rows.map { $0.map { csvField($0, separator: separator) }.joined(separator: String(separator)) }
                .joined(separator: "\r\n") + "\r\n"
            bytes = Array(text.utf8)
        }
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: url.path)
        return Dropped(unit: unit, fileName: name, sha256: try DurableFiles.sha256(of: url), itemRows: rows.count - 1)
    }

    static func csvField(_ text: String, separator: Character) -> String {
        text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
