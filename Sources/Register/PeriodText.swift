import DIPCore
import Foundation

/// Reads an exemption period typed by an officer into its structured form.
public enum PeriodText {
    /// "permanen" → .permanent; "5 tahun"/"5 (lima) tahun"/"5 thn" → .years(5);
    /// "6 bulan" → .months(6); "selama berlaku" → .whileValid; "sampai …" → .untilEvent;
    /// anything else → .unknown (the text is kept beside it).
    public static func parse(_ text: String) -> RetentionPeriod {
        let t = ItemMatching.normalisedKey(text)
        if t.isEmpty { return .unknown }
        if t.hasPrefix("permanen") { return .permanent }
        if t.hasPrefix("selama") { return .whileValid }
        if t.hasPrefix("sampai") || t.hasPrefix("hingga") { return .untilEvent(text) }
        let words = t.split(separator: " ")
        if let first = words.first, let n = Int(first) {
            if words.contains(where: { $0.hasPrefix("th") || $0.hasPrefix("tahun") }) {
                return .years(n)
            }
            if words.contains(where: { $0.hasPrefix("bulan") || $0 == "bln" }) {
                return .months(n)
            }
        }
        return .unknown
    }
}
