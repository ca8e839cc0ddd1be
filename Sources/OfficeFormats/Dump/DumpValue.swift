/// A cell as the `dip dump` JSON shows it (the corpus convention of INDEX.md): null for
/// empty, integers without a fraction, dates/times as ISO text, errors as their text.
public enum DumpValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)

    /// Converts a cell. Empty strings count as empty (openpyxl's grid shows them as null).
    /// Date-times follow python-calamine: a serial below 1 is a time of day, a whole serial a
    /// date, anything else a date-time; elapsed-time formats give `PT<seconds>S`.
    public init(_ cell: CellValue) {
        switch cell {
        case .empty: self = .null
        case .string(let s): self = s.isEmpty ? .null : .string(s)
        case .bool(let b): self = .bool(b)
        case .error(let e): self = .string(e)
        case .number(let d): self = DumpValue.number(d)
        case .isoDateTime(let text):
            if let (v, hasDate, hasTime) = parseISODateTime(text) {
                self = .string(hasDate ? (hasTime ? v.isoDateTime : v.isoDate) : v.isoTime)
            } else {
                self = .string(text)
            }
        case .dateTime(let dt):
            if dt.isDuration {
                let ms = (dt.serial * 86_400_000).rounded()
                let seconds = ms / 1000
                if seconds == seconds.rounded(), abs(seconds) < 1e15 {
                    self = .string("PT\(Int64(seconds))S")
                } else {
                    self = .string("PT\(seconds)S")
                }
            } else if let civil = dt.civil {
                if dt.serial < 1 && dt.serial >= 0 {
                    self = .string(civil.isoTime)
                } else if civil.isMidnight {
                    self = .string(civil.isoDate)
                } else {
                    self = .string(civil.isoDateTime)
                }
            } else {
                self = DumpValue.number(dt.serial)
            }
        }
    }

    static func number(_ d: Double) -> DumpValue {
        if d == d.rounded(), abs(d) < 9_007_199_254_740_992 { return .int(Int64(d)) }
        return .double(d)
    }

    /// True for `.null`.
    public var isNull: Bool { self == .null }

    /// The JSON text of this value.
    public var json: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? "\(d)" : "null"
        case .string(let s): return jsonString(s)
        }
    }

    /// Plain text for the table view.
    public var text: String {
        switch self {
        case .null: return ""
        case .string(let s): return s
        default: return json
        }
    }
}

/// A JSON string literal: quotes, backslashes and control characters escaped; other
/// characters (Indonesian, CJK) kept as UTF-8.
public func jsonString(_ s: String) -> String {
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
