import DIPCore
import Foundation

/// The JSON of `dip check` (docs/json.md): `{"files": [FileReport]}`, keys sorted.
public struct CheckReport: Encodable, Sendable {
    public var files: [FileReport]

    /// - Parameter classify: the rules stage, when available; each item then carries its
    ///   `klasifikasi` (null without it).
    public init(_ results: [SubmissionResult], classify: ((InformationItem) -> Classification)? = nil) {
        files = results.map { FileReport($0, classify: classify) }
    }

    /// The report as JSON bytes: sorted keys, pretty-printed, slashes unescaped, final newline.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}

/// One file of the report.
public struct FileReport: Encodable, Sendable {
    public var path: String
    public var status: String
    public var reason: String?
    public var sheet: String?
    public var dialect: String?
    public var items: [ItemReport]
    public var problems: [ProblemReport]

    public init(_ r: SubmissionResult, classify: ((InformationItem) -> Classification)? = nil) {
        path = r.path
        status = r.status.rawValue
        reason = r.reason
        sheet = r.sheet
        dialect = r.dialect
        items = r.items.map { ItemReport($0, klasifikasi: classify?($0)) }
        problems = r.problems.map(ProblemReport.init)
    }

    enum CodingKeys: String, CodingKey { case path, status, reason, sheet, dialect, items, problems }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(status, forKey: .status)
        try c.encode(reason, forKey: .reason)
        try c.encode(sheet, forKey: .sheet)
        try c.encode(dialect, forKey: .dialect)
        try c.encode(items, forKey: .items)
        try c.encode(problems, forKey: .problems)
    }
}

/// One item: the sample field names hold the original text; normalised forms have other names.
/// `klasifikasi` is filled by the rules stage (null from `dip check`).
public struct ItemReport: Encodable, Sendable {
    public var item: InformationItem
    public var klasifikasi: Classification?

    public init(_ item: InformationItem, klasifikasi: Classification? = nil) {
        self.item = item
        self.klasifikasi = klasifikasi
    }

    enum CodingKeys: String, CodingKey {
        case row, sheet, nomor, ringkasan, pejabat_penguasa, penanggung_jawab, waktu_pembuatan
        case tempat_pembuatan, bentuk, retensi, kategori, kategori_teks, subkelompok, judul
        case keterangan, kode, dasar_hukum, tautan, bentuk_normal, retensi_normal, waktu_normal
        case tempat_normal, klasifikasi
    }

    struct FormReport: Encodable {
        var cetak: Bool
        var elektronik: Bool
    }

    /// `{jenis, nilai}`: jenis permanen | tahun | bulan | selama_berlaku | sampai_peristiwa |
    /// tidak_dikenali; nilai a number (tahun, bulan), the event text, or null.
    struct RetentionReport: Encodable {
        var retention: RetentionPeriod
        enum CodingKeys: String, CodingKey { case jenis, nilai }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch retention {
            case .permanent:
                try c.encode("permanen", forKey: .jenis)
                try c.encodeNil(forKey: .nilai)
            case .years(let n):
                try c.encode("tahun", forKey: .jenis)
                try c.encode(n, forKey: .nilai)
            case .months(let n):
                try c.encode("bulan", forKey: .jenis)
                try c.encode(n, forKey: .nilai)
            case .whileValid:
                try c.encode("selama_berlaku", forKey: .jenis)
                try c.encodeNil(forKey: .nilai)
            case .untilEvent(let event):
                try c.encode("sampai_peristiwa", forKey: .jenis)
                try c.encode(event, forKey: .nilai)
            case .retentionSchedule:
                try c.encode("sesuai_jra", forKey: .jenis)
                try c.encodeNil(forKey: .nilai)
            case .unknown:
                try c.encode("tidak_dikenali", forKey: .jenis)
                try c.encodeNil(forKey: .nilai)
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item.source.row, forKey: .row)
        try c.encode(item.source.sheet, forKey: .sheet)
        try c.encode(item.nomor, forKey: .nomor)
        try c.encode(item.ringkasan, forKey: .ringkasan)
        try c.encode(item.pejabatPenguasa, forKey: .pejabat_penguasa)
        try c.encode(item.penanggungJawab, forKey: .penanggung_jawab)
        try c.encode(item.waktuPembuatan, forKey: .waktu_pembuatan)
        try c.encode(item.tempatPembuatan, forKey: .tempat_pembuatan)
        try c.encode(item.bentuk, forKey: .bentuk)
        try c.encode(item.retensi, forKey: .retensi)
        try c.encode(item.kategori?.rawValue, forKey: .kategori)
        try c.encode(item.kategoriText, forKey: .kategori_teks)
        try c.encode(item.subkelompok, forKey: .subkelompok)
        try c.encode(item.judul, forKey: .judul)
        try c.encode(item.keterangan, forKey: .keterangan)
        try c.encode(item.kode, forKey: .kode)
        try c.encode(item.dasarHukumText, forKey: .dasar_hukum)
        try c.encode(item.tautan, forKey: .tautan)
        try c.encode(FormReport(cetak: item.form.printed, elektronik: item.form.electronic), forKey: .bentuk_normal)
        try c.encode(RetentionReport(retention: item.retention), forKey: .retensi_normal)
        try c.encode(item.waktuNormalised, forKey: .waktu_normal)
        try c.encode(item.tempatNormalised, forKey: .tempat_normal)
        try c.encode(klasifikasi.map(KlasifikasiJSON.init), forKey: .klasifikasi)
    }
}

/// One problem, where it is and what to do.
public struct ProblemReport: Encodable, Sendable {
    public var problem: Problem

    public init(_ problem: Problem) { self.problem = problem }

    enum CodingKeys: String, CodingKey {
        case sheet, row, column, column_name, severity, code, message, hint, also_in_rows
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(problem.sheet, forKey: .sheet)
        try c.encode(problem.row, forKey: .row)
        try c.encode(problem.column, forKey: .column)
        try c.encode(problem.columnName, forKey: .column_name)
        try c.encode(problem.severity.rawValue, forKey: .severity)
        try c.encode(problem.code, forKey: .code)
        try c.encode(problem.message, forKey: .message)
        try c.encode(problem.hint, forKey: .hint)
        // Only on a summary of alike problems: the rows it stands for.
        try c.encodeIfPresent(problem.alsoInRows, forKey: .also_in_rows)
    }
}

/// The readable Indonesian summary of `dip check`, one block per file.
public func checkReportText(_ results: [SubmissionResult]) -> String {
    var out = ""
    for r in results {
        let name = (r.path as NSString).lastPathComponent
        if r.status == .refused {
            out += "\(name): DITOLAK\n  \(r.reason ?? "")\n"
        } else if r.status == .failed {
            out += "\(name): TIDAK DAPAT DIBACA\n  \(r.reason ?? "")\n"
        } else {
            var where_ = [String]()
            if let sheet = r.sheet { where_.append(sheetPhrase(sheet)) }
            if let dialect = r.dialect { where_.append(dialect) }
            out += "\(name): DITERIMA, \(r.items.count) informasi"
            out += where_.isEmpty ? "\n" : " (\(where_.joined(separator: "; ")))\n"
            // Counted, not filtered: a filtered copy of a list of 50,000 items (or of its
            // problems, below) would cost as much memory again.
            var counts: [String] = []
            for cat in Category.allCases {
                let n = r.items.reduce(0) { $0 + ($1.kategori == cat ? 1 : 0) }
                if n > 0 { counts.append("\(cat.shortLabel) \(n)") }
            }
            let none = r.items.reduce(0) { $0 + ($1.kategori == nil ? 1 : 0) }
            if none > 0 { counts.append("tanpa jenis \(none)") }
            if !counts.isEmpty { out += "  Jenis: " + counts.joined(separator: ", ") + "\n" }
        }
        let shown = r.status == .accepted ? r.problems : []
        if !shown.isEmpty {
            let e = shown.reduce(0) { $0 + ($1.severity == .error ? $1.standsFor : 0) }
            let w = shown.reduce(0) { $0 + ($1.severity == .warning ? $1.standsFor : 0) }
            let i = shown.reduce(0) { $0 + ($1.severity == .info ? $1.standsFor : 0) }
            out += "  Masalah: \(e) galat, \(w) peringatan, \(i) catatan\n"
            // The text report shows the first 20 problems of each code (JSON has them all) and
            // every summary of alike problems (`Problem.alsoInRows`), which counts for its rows.
            var perCode: [String: Int] = [:]
            for p in shown {
                if p.alsoInRows == nil {
                    perCode[p.code, default: 0] += 1
                    if perCode[p.code]! > 20 { continue }
                }
                let level: String
                switch p.severity {
                case .error: level = "galat"
                case .warning: level = "peringatan"
                case .info: level = "catatan"
                }
                let location = p.locationText
                out += "  - [\(level)] " + (location.isEmpty ? "" : "\(location): ") + p.message + "\n"
                out += "    Saran: \(p.hint)\n"
            }
            for (code, n) in perCode.sorted(by: { $0.key < $1.key }) where n > 20 {
                out += "  … dan \(n - 20) masalah lain berkode \(code) (lihat --format json).\n"
            }
        }
    }
    return out
}
