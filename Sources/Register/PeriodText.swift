import DIPCore
import Foundation

/// Reads an exemption period typed by an officer into its structured form.
public enum PeriodText {
    /// "permanen" → .permanent; "5 tahun"/"5 (lima) tahun"/"5 thn" → .years(5);
    /// "6 bulan" → .months(6); "selama berlaku" → .whileValid; "sampai …" → .untilEvent;
    /// anything else → .unknown (the text is kept beside it).
    /// Words for "for ever" that officers type instead of *permanen* (normalised keys).
    static let permanentWords = ["selamanya", "selama lamanya", "tidak terbatas", "tanpa batas", "tanpa batas waktu",
                                 "tanpa jangka waktu"]

    public static func parse(_ text: String) -> RetentionPeriod {
        let t = ItemMatching.normalisedKey(text)
        if t.isEmpty { return .unknown }
        if t.hasPrefix("permanen") { return .permanent }
        // "Selamanya" (for ever) is permanent, not "selama berlaku": read before the prefix
        // "selama", so that a permanent period is never taken for a limited one (the DIK
        // decree's period and UU 14/2008 Pasal 20 ayat (1) depend on it).
        if permanentWords.contains(where: { t == $0 || t.hasPrefix($0 + " ") }) { return .permanent }
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
