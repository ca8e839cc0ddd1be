import Foundation

/// Escaping for the web outputs (HTML, XML feeds), shared by the writers in this folder.
enum WebText {
    /// Drops characters XML 1.0 cannot carry (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF) so
    /// a stray control character in a unit's spreadsheet never makes a feed unreadable.
    static func xmlSafe(_ s: String) -> String {
        // Nothing to drop (almost every text): the text itself, not a scalar-by-scalar copy.
        if !mayNeedXMLSafe(s) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x09, 0x0A, 0x0D: out.append(u)
            case 0x00..<0x20, 0x7F..<0xA0, 0xFFFE, 0xFFFF: continue
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// Whether `s` may hold a scalar `xmlSafe` drops: a C0 control other than TAB/LF/CR,
    /// DEL, or a byte that may start a C1 control (0xC2) or U+FFFE/U+FFFF (0xEF).
    static func mayNeedXMLSafe(_ s: String) -> Bool {
        for b in s.utf8 {
            switch b {
            case 0x7F, 0xC2, 0xEF: return true
            case 0x00..<0x20 where b != 0x09 && b != 0x0A && b != 0x0D: return true
            default: continue
            }
        }
        return false
    }

    /// Escapes text for element content and for double-quoted attribute values.
    static func escape(_ s: String) -> String {
        if isClean(s) { return s }
        if let latin = escapeLatin(s) { return latin }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in xmlSafe(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Appends the entity of a markup byte (one of `& < > " '`): the one table both byte
    /// escapers (`escapeLatin`, the review page's kept cells) write.
    @inline(__always)
    static func appendEntity(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
        case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
        case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
        case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
        default: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
        }
    }

    /// `escape` in one pass over the bytes; nil for the rare text where a markup character
    /// (& < > " ') stands next to a scalar at or above U+0300 (after the drops xmlSafe makes).
    /// Below U+0300 no scalar joins a neighbour into one character (combining marks start at
    /// U+0300, prepend marks at U+0600), so a markup character between two such scalars is a
    /// Character of its own and escaping it gives what the character walk gives; every other
    /// Character is copied whole, scalar by scalar, either way. Text with a dash (U+2013,
    /// U+2014: most review page cells) used to take the grapheme walk, ~9 % of a cold run.
    static func escapeLatin(_ s: String) -> String? {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        // What the last kept scalar was: 0 none or another below U+0300, 1 a markup
        // character, 2 a scalar at or above U+0300.
        var last = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            switch b {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27:
                if last == 2 { return nil }
                last = 1
                WebText.appendEntity(b, to: &out)
            case 0x09, 0x0A, 0x0D:
                out.append(b)
                last = 0
            case 0x00..<0x20, 0x7F: continue  // dropped, as xmlSafe does
            case 0xC2 where i < bytes.count && bytes[i] < 0xA0:
                i += 1  // a C1 control (U+0080–U+009F): dropped, as xmlSafe does
            case 0xEF where i + 1 < bytes.count && bytes[i] == 0xBF && (bytes[i + 1] == 0xBE || bytes[i + 1] == 0xBF):
                i += 2  // U+FFFE, U+FFFF: dropped, as xmlSafe does
            case 0x80..<0xC0:
                out.append(b)  // continuation of the scalar copied before
            case 0xCC...0xFF:
                if last == 1 { return nil }
                last = 2
                out.append(b)
            default:
                out.append(b)
                last = 0
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `s` is unchanged by `xmlSafe` and `escape`: the fast path, as most values need
    /// nothing (bytes 0xC2/0xEF may start C1 controls or U+FFFE/U+FFFF, so they count as not
    /// clean and take the careful path).
    static func isClean(_ s: String) -> Bool {
        for b in s.utf8 {
            switch b {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F, 0xC2, 0xEF: return false
            case 0x00..<0x20 where b != 0x09 && b != 0x0A && b != 0x0D: return false
            default: continue
            }
        }
        return true
    }

    /// A fragment identifier safe in HTML ids and URLs: letters, digits, "-", "_", ".";
    /// anything else becomes "_".
    static func anchor(_ s: String) -> String {
        String(s.unicodeScalars.map { u -> Character in
            let ok = (u.value >= 0x30 && u.value <= 0x39) || (u.value >= 0x41 && u.value <= 0x5A)
                || (u.value >= 0x61 && u.value <= 0x7A) || u == "-" || u == "_" || u == "."
            return ok ? Character(u) : "_"
        })
    }

    /// Percent-encodes for a URI path segment (RFC 3986 unreserved kept).
    static func pathSegment(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7F}"))
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? anchor(s)
    }
}
