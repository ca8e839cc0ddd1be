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

    /// "17h2" → "Pasal 17 huruf h angka 2 UU 14/2008"; other text unchanged.
    public static func groundText(_ code: String) -> String {
        let chars = Array(code.lowercased())
        guard chars.count >= 3, String(chars[0...1]) == "17", chars[2].isLetter else { return code }
        var text = "Pasal 17 huruf \(chars[2])"
        if chars.count > 3 { text += " angka \(String(chars[3...]))" }
        return text + " UU 14/2008"
    }
}
