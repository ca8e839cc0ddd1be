import Foundation

/// Turns free Indonesian text into the word tokens the rules match on.
///
/// Lower-case, diacritics folded, every run of characters that is not a letter or digit is a
/// word boundary ("KTP-el" → `ktp el`, "HIV/AIDS" → `hiv aids`, "No." → `no`). Matching is on
/// whole words, so "nik" never matches inside "teknik".
///
/// "&" is read as the word "dan" where it joins words ("Nama & alamat", "nama&alamat" →
/// `nama dan alamat`), so titles meet rule phrases and precedents written with "dan". Only an
/// "&" with whitespace on both sides or with a lower-case letter on both sides is read so;
/// any other "&" stays a word boundary, which keeps upper-case abbreviations like "P&ID",
/// "R&D" or "K3&L" as they were (`p id`). Every matcher, the precedent index and the
/// classifier's token table tokenise through `forEachToken`, so they all read "&" alike.
///
/// Titles copied from web pages may arrive HTML-escaped ("Nama &amp; alamat", "&quot;Data&quot;",
/// "Kartu &#39;KIS&#39;"): well-formed entities (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
/// `&#NN;`, `&#xHH;`) are decoded to their characters first, so "Nama &amp; alamat" reads as
/// "Nama & alamat" (`nama dan alamat`). Anything else that starts with "&" is left as it was.
public enum TextNormalizer {
    /// The tokens of `text`, in order.
    public static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        // Most texts are ASCII without "&": their tokens are the runs of letters and digits,
        // lower-cased, made straight from the text's bytes (`forEachToken`'s ASCII path, without
        // a byte array grown and handed over per token: 2 % of classify-distinct).
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte >= 0x80 || byte == UInt8(ascii: "&") { return false }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lowered -> Bool in
                var start = 0, length = 0
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        lowered[start + length] = byte
                        length += 1
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        lowered[start + length] = byte + 32
                        length += 1
                    default:
                        if length > 0 {
                            result.append(String(decoding: UnsafeBufferPointer(rebasing: lowered[start..<(start + length)]), as: UTF8.self))
                            start += length
                            length = 0
                        }
                    }
                }
                if length > 0 {
                    result.append(String(decoding: UnsafeBufferPointer(rebasing: lowered[start..<(start + length)]), as: UTF8.self))
                }
                return true
            }
        }
        if done == true { return result }
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
        var isASCII = true, hasAmpersand = false
        for byte in text.utf8 {
            if byte >= 0x80 { isASCII = false } else if byte == UInt8(ascii: "&") { hasAmpersand = true }
        }
        var text = text
        if hasAmpersand {
            // A numeric entity may name a non-ASCII character ("caf&#233;"): fold it like "café".
            text = readingAmpersands(decodingEntities(text))
            if isASCII { isASCII = text.utf8.allSatisfy { $0 < 0x80 } }
        }
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

    /// `text` with each well-formed HTML entity (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
    /// `&#NN;`, `&#xHH;` naming a Unicode scalar) replaced by its character, once (so
    /// "&amp;amp;" becomes "&amp;"); every other character, including any "&" that does not
    /// start such an entity, as it was.
    static func decodingEntities(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&", let (decoded, length) = entity(scalars, at: i) {
                out.append(decoded)
                i += length
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    private static let namedEntities: [String: Unicode.Scalar] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]

    /// The character of the entity starting at `start` (an "&") and the entity's length in
    /// scalars, or nil when no well-formed entity starts there.
    private static func entity(_ scalars: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        // The longest entity accepted: "&#x10FFFF;" or "&#1114111;" (10 scalars).
        let end = min(scalars.count, start + 11)
        guard let semicolon = (start + 1..<end).first(where: { scalars[$0] == ";" }), semicolon > start + 1 else { return nil }
        let body = String(String.UnicodeScalarView(scalars[start + 1..<semicolon]))
        let length = semicolon - start + 1
        if let named = namedEntities[body] { return (named, length) }
        guard body.hasPrefix("#") else { return nil }
        var digits = body.dropFirst()
        var radix = 10
        if digits.first == "x" || digits.first == "X" { digits = digits.dropFirst(); radix = 16 }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit && (radix == 16 || $0.isNumber) }),
              let value = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// `text` with each "&" that joins words replaced by " dan " (see the type's comment for
    /// which ones); every other character as it was.
    static func readingAmpersands(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            guard scalar == "&", i > 0, i + 1 < scalars.count else { out.append(scalar); continue }
            let before = scalars[i - 1].properties, after = scalars[i + 1].properties
            if (before.isWhitespace && after.isWhitespace) || (before.isLowercase && after.isLowercase) {
                out.append(contentsOf: " dan ".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
