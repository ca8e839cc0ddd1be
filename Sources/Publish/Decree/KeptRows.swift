import Foundation
import OfficeFormats

/// Table rows rendered by an earlier run, kept by the caller (the run keeps them in
/// `archive/.cache/`) under a key of everything a row is made from, so that a decree made
/// again after a few units changed renders only their rows (`DOCXTable.renderedRow`). A kept
/// row holds its list number as a gap, filled in when it is used: a row moved down by an
/// item inserted above it is still reused.
public final class KeptRows: @unchecked Sendable {
    /// The row kept for `fields`: its bytes and where the number goes.
    let lookup: (_ fields: [String]) -> (bytes: [UInt8], split: Int)?
    /// Keeps a row just rendered for `fields`.
    let keep: (_ fields: [String], _ bytes: [UInt8], _ split: Int) -> Void

    public init(lookup: @escaping ([String]) -> (bytes: [UInt8], split: Int)?,
                keep: @escaping ([String], [UInt8], Int) -> Void) {
        self.lookup = lookup
        self.keep = keep
    }

    /// Stands for the number while a row is rendered to be kept: U+E000 (private use), whose
    /// lead byte 0xEE no kept row's texts may hold.
    static let gap = "\u{E000}"
    static let gapBytes: [UInt8] = [0xEE, 0x80, 0x80]

    /// The row for `fields` with `number` filled in: kept, or made by `make(numberText)`,
    /// rendered and kept. Rows whose texts hold a byte 0xEE are rendered, never kept.
    func row(fields: [String], number: Int, columnWidths: [Int], make: (String) -> DOCXRow) throws -> [UInt8] {
        let digits = Array(String(number).utf8)
        if let kept = lookup(fields) {
            return Array(kept.bytes[..<kept.split]) + digits + kept.bytes[kept.split...]
        }
        guard !fields.contains(where: { $0.utf8.contains(0xEE) }) else {
            return try DOCXWriter.rowXML(make(String(number)), columnWidths: columnWidths)
        }
        let rendered = try DOCXWriter.rowXML(make(Self.gap), columnWidths: columnWidths)
        guard let at = Self.find(Self.gapBytes, in: rendered) else {
            return try DOCXWriter.rowXML(make(String(number)), columnWidths: columnWidths)
        }
        var bytes = rendered
        bytes.removeSubrange(at..<(at + Self.gapBytes.count))
        keep(fields, bytes, at)
        return Array(bytes[..<at]) + digits + bytes[at...]
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = 0
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0] && bytes[i + 1] == needle[1] && bytes[i + 2] == needle[2] { return i }
            i += 1
        }
        return nil
    }
}
