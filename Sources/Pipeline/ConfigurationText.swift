import Foundation

/// Why a JSON settings file of `rules/` (keputusan.json, situs.json, penerimaan.json) could
/// not be read, in the PPID's words: where (line and column, or the field's path) and what.
/// The decoder's own text ("DecodingError.dataCorrupted: … Debug description: The given data
/// was not valid JSON.") named neither the line of a missing comma nor the field.
public enum ConfigurationText {
    public static func describe(_ error: Error, data: Data) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return syntax(data)
        case .dataCorrupted(let context):
            // The decoder's text is English ("Cannot initialize DecreePaper from invalid String
            // value a5"): the value it names is what the PPID needs, the rest is said here.
            let text = context.debugDescription
            if let r = text.range(of: #"invalid \w+ value "#, options: .regularExpression) {
                return "isian \(path(context.codingPath)) berisi \"\(text[r.upperBound...])\", nilai yang tidak dikenal; "
                    + "periksa ejaannya (huruf besar dan kecil dibedakan)"
            }
            return "isian \(path(context.codingPath)) tidak sah"
        case .keyNotFound(let key, let context):
            return "isian \(path(context.codingPath + [key])) wajib ada"
        case .typeMismatch(let type, let context):
            return "isian \(path(context.codingPath)) harus berupa \(kind(type))"
        case .valueNotFound(let type, let context):
            return "isian \(path(context.codingPath)) tidak boleh kosong (null); tulis \(kind(type))"
        @unknown default:
            return "\(error)"
        }
    }

    /// A syntax error, placed by line and column: Foundation's parser says only "around
    /// character N" (an offset into the file), which is turned into a line and a column here.
    static func syntax(_ data: Data) -> String {
        let advice = "bukan JSON yang sah; periksa koma, tanda kutip dan kurung kurawal di sekitarnya"
        var offset: Int?
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
            if let range = text.range(of: #"character (\d+)"#, options: .regularExpression) {
                offset = Int(text[range].dropFirst("character ".count))
            }
        }
        guard let offset else { return advice }
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return "baris \(line), kolom \(column): \(advice)"
    }

    /// "contact.telepon", "atasanPPID", "daftar[2]".
    static func path(_ keys: [CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue { out += "[\(index)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
        }
        return out.isEmpty ? "(seluruh berkas)" : "\"\(out)\""
    }

    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "teks dalam tanda kutip"
        case is Int.Type, is Double.Type: return "angka"
        case is Bool.Type: return "true atau false"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "daftar [ … ]" : "objek { … }"
        }
    }
}
