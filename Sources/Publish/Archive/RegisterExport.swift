import DIPCore
import Foundation
import Register

/// The register rows of a version as CSV and JSON, for the archive package. A generator
/// like the others: it only reads what the register exported.
public enum RegisterExport {
    /// RFC 4180 CSV with `RegisterRow.columns` as header; fields quoted as in `dip.csv`.
    public static func csv(_ rows: [RegisterRow]) -> String {
        var out = RegisterRow.columns.joined(separator: ",") + "\r\n"
        for r in rows {
            let fields: [String] = [
                "\(r.version)", r.itemID, "\(r.revision)", r.unitCode, r.unitName, r.category, r.subgroup,
                r.exempted ? "true" : "false", r.nomor, r.ringkasan, r.pejabatPenguasa, r.penanggungJawab,
                r.waktuPembuatan, r.tempatPembuatan, r.bentuk, r.retensi, r.change, r.conclusion, r.grounds,
                Clock(now: r.recordedAt).rfc3339(),
            ]
            out += fields.map(OpenData.field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The same rows as pretty-printed JSON with sorted keys and RFC 3339 dates in WIB.
    public static func json(_ rows: [RegisterRow]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, enc in
            var c = enc.singleValueContainer()
            try c.encode(Clock(now: date).rfc3339())
        }
        return try encoder.encode(rows)
    }
}
