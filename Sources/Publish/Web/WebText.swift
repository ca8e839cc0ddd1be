import Foundation

/// Escaping for the web outputs (HTML, XML feeds), shared by the writers in this folder.
enum WebText {
    /// Drops characters XML 1.0 cannot carry (C0 controls except TAB/LF/CR, U+FFFE/U+FFFF) so
    /// a stray control character in a unit's spreadsheet never makes a feed unreadable.
    static func xmlSafe(_ s: String) -> String {
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

    /// Escapes text for element content and for double-quoted attribute values.
    static func escape(_ s: String) -> String {
        if isClean(s) { return s }
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
