import Foundation

/// Turns free Indonesian text into the word tokens the rules match on.
///
/// Lower-case, diacritics folded, every run of characters that is not a letter or digit is a
/// word boundary ("KTP-el" → `ktp el`, "HIV/AIDS" → `hiv aids`, "No." → `no`). Matching is on
/// whole words, so "nik" never matches inside "teknik".
public enum TextNormalizer {
    /// The tokens of `text`, in order.
    public static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        forEachToken(text) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// The normalised text: tokens joined by single spaces.
    public static func normalise(_ text: String) -> String {
        tokens(text).joined(separator: " ")
    }

    /// Calls `body` with the UTF-8 bytes of each token. Avoids building strings for callers
    /// that only look tokens up (the classifier's hot path).
    static func forEachToken(_ text: String, _ body: ([UInt8]) -> Void) {
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(32)
        if isASCII {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    buffer.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    buffer.append(byte + 32)
                default:
                    if !buffer.isEmpty { body(buffer); buffer.removeAll(keepingCapacity: true) }
                }
            }
        } else {
            let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            for scalar in folded.lowercased().unicodeScalars {
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    buffer.append(contentsOf: Array(String(scalar).utf8))
                } else if !buffer.isEmpty {
                    body(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        if !buffer.isEmpty { body(buffer) }
    }
}
