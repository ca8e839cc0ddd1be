/// How a cell style's number format makes a number read: as a plain number, a date/time
/// (a serial), or an elapsed duration (`[h]:mm`).
public enum NumberFormatKind: Hashable, Sendable {
    case general
    case dateTime
    case duration
}

/// Classifies a built-in number format id (ECMA-376 18.8.30). 14–22 and 45, 47 are dates and
/// times, 46 is `[h]:mm:ss`; 27–36 and 50–58 are East-Asian locale date formats.
public func classifyBuiltinFormat(id: Int) -> NumberFormatKind {
    switch id {
    case 14...22, 27...36, 45, 47, 50...58: return .dateTime
    case 46: return .duration
    default: return .general
    }
}

/// Classifies a custom format code. Only the first section counts; quoted literals, `\x`
/// escapes, `_x` padding, `*x` fills and `[...]` brackets (colours, conditions, `[$-421]`
/// locales) are skipped; `[h]`, `[m]`, `[s]` mean a duration; any of d m y h s (or AM/PM,
/// e, B1/B2 era tokens) outside those means a date/time.
public func classifyFormatCode(_ code: String) -> NumberFormatKind {
    let chars = Array(code.unicodeScalars)
    var i = 0
    var sawDate = false
    while i < chars.count {
        let c = chars[i]
        switch c {
        case ";":
            return sawDate ? .dateTime : .general
        case "\"":
            i += 1
            while i < chars.count && chars[i] != "\"" { i += 1 }
        case "\\", "_", "*":
            i += 1 // the next character is literal, padding or fill
        case "[":
            var j = i + 1
            var inner = ""
            while j < chars.count && chars[j] != "]" { inner.unicodeScalars.append(chars[j]); j += 1 }
            let lower = inner.lowercased()
            if !lower.isEmpty, lower.allSatisfy({ $0 == "h" }) || lower.allSatisfy({ $0 == "m" })
                || lower.allSatisfy({ $0 == "s" }) {
                return .duration
            }
            i = j
        case "e", "E":
            // "0.00E+00" is scientific notation; a lone e is the era-year token.
            if i + 1 < chars.count, chars[i + 1] == "+" || chars[i + 1] == "-" { i += 1 } else { sawDate = true }
        case "d", "D", "m", "M", "y", "Y", "h", "H", "s", "S":
            sawDate = true
        case "g", "G":
            // "General" is not a date; skip the word.
            let word = String(String.UnicodeScalarView(chars[i..<min(i + 7, chars.count)])).lowercased()
            if word == "general" { i += 6 }
        case "a", "A":
            let rest = String(String.UnicodeScalarView(chars[i..<min(i + 5, chars.count)])).uppercased()
            if rest.hasPrefix("AM/PM") || rest.hasPrefix("A/P") { sawDate = true }
        case "b", "B":
            if i + 1 < chars.count, chars[i + 1] == "1" || chars[i + 1] == "2" { sawDate = true }
        default:
            break
        }
        i += 1
    }
    return sawDate ? .dateTime : .general
}
