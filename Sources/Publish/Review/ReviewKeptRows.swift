import Foundation
import OfficeFormats

/// Rows of the review pack rendered by an earlier run, kept by the caller (the run keeps them
/// in `archive/.cache/pemeriksaan/`) under a digest of the row's texts, so that the pack made
/// again after a few units changed renders only their rows; the others are copied. A numbered
/// table's row is kept without its running number (a gap filled in when it is used), so a row
/// moved down by an item inserted above it is still reused. The bytes are those of a row
/// rendered in full (`ReviewKeptRowsTests`); a row missing from the store is rendered and kept.
public struct ReviewKeptRows: Sendable {
    /// Rows of the page (`reports/review/index.html`).
    public var page: KeptRows?

    public init(page: KeptRows? = nil) {
        self.page = page
    }
}

/// The explanation cells of the review's category rows (*Penjelasan Klasifikasi*) kept by the
/// caller between runs, per unit (the run keeps them in `archive/.cache/pemeriksaan-penjelasan/`),
/// under a digest of what the cell is made from (`ReviewContent.explanationKey`) within a frame
/// the caller fixes (the rules' citations, the register, the dip build). Making every cell again
/// was a third of an update's review pack while a few units had changed; the cells are the
/// same texts a full rebuild makes (`IncrementalDocumentsTests`).
public final class KeptExplanations: @unchecked Sendable {
    let find: (_ unit: String, _ key: [String], _ make: () -> String) -> String

    /// - Parameter text: the cell kept for `key` of `unit`, or `make()`'s (then kept).
    public init(text: @escaping (_ unit: String, _ key: [String], _ make: () -> String) -> String) {
        self.find = text
    }

    func text(unit: String, key: [String], make: () -> String) -> String {
        withoutActuallyEscaping(make) { find(unit, key, $0) }
    }
}

extension HTMLTables {
    /// The start of a table (`table(headers:rowCount:row:empty:to:)` emits the same).
    static func tableStart(headers: [String], widths: [Double]? = nil, cssClass: String? = nil) -> String {
        var out = tableOpen(headers: headers, widths: widths, cssClass: cssClass)
        for h in headers { out += "<th scope=\"col\">\(escape(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        return out
    }

    static let tableEnd = "</tbody>\n</table>\n"

    /// The ` data-label="…"` attribute of each column, as bytes.
    static func labelBytes(headers: [String]) -> [[UInt8]] {
        headers.map { Array(" data-label=\"\(escape($0))\"".utf8) }
    }

    /// One `<tr>` of `table(headers:rowCount:row:empty:to:)` as bytes, appended to `out`.
    /// - Returns: the offset in `out` where the first cell's text starts.
    @discardableResult
    /// In a `wide` table (cards) a long text's cell gets ` class="panjang"`, as `table` does.
    static func rowBytes(_ values: [String], labels: [[UInt8]], wide: Bool = false, into out: inout [UInt8]) -> Int {
        out.append(contentsOf: [0x3C, 0x74, 0x72, 0x3E])  // <tr>
        var first = out.count
        for (c, value) in values.enumerated() {
            out.append(contentsOf: [0x3C, 0x74, 0x64])  // <td
            if c < labels.count { out.append(contentsOf: labels[c]) }
            if wide && value.count > longCardText { out.append(contentsOf: Array(" class=\"panjang\"".utf8)) }
            out.append(0x3E)  // >
            if c == 0 { first = out.count }
            appendCell(value, to: &out)
            out.append(contentsOf: [0x3C, 0x2F, 0x74, 0x64, 0x3E])  // </td>
        }
        out.append(contentsOf: [0x3C, 0x2F, 0x74, 0x72, 0x3E, 0x0A])  // </tr>\n
        return first
    }
}

extension HTMLTables {
    /// `cell(s)`'s bytes appended to `out` in one pass over `s` for the usual text: markup
    /// characters become entities and LF becomes `<br>` exactly where `cell` would do so,
    /// which holds when the text has no control character but TAB and LF, no byte 0x7F, 0xC2 or
    /// 0xEF (C1 controls, U+FFFE/U+FFFF), no markup character next to a scalar at or above
    /// U+0300 and no LF before one (see `WebText.escapeLatin`, `XLSXWriter.lineFeedBytesDecide`);
    /// any other text is given to `cell` itself (`ReviewKeptRowsTests`). Cell escaping was most
    /// of a cold review page's time.
    static func appendCell(_ s: String, to out: inout [UInt8]) {
        let start = out.count
        // What the last scalar was: 0 another below U+0300, 1 a markup character, 2 one at or
        // above U+0300, 3 a line feed.
        var last = 0
        var careful = false
        for b in s.utf8 {
            switch b {
            case 0x26, 0x3C, 0x3E, 0x22, 0x27:
                if last == 2 { careful = true; break }
                last = 1
                WebText.appendEntity(b, to: &out)
            case 0x0A:
                out.append(contentsOf: [0x3C, 0x62, 0x72, 0x3E])  // <br>
                last = 3
            case 0x09:
                out.append(b)
                last = 0
            case 0x00..<0x20, 0x7F, 0xC2, 0xEF:
                careful = true
            case 0x80..<0xC0:
                out.append(b)  // continuation of the scalar copied before
            case 0xCC...0xFF:
                if last == 1 || last == 3 { careful = true; break }
                last = 2
                out.append(b)
            default:
                out.append(b)
                last = 0
            }
            if careful { break }
        }
        if careful {
            out.removeSubrange(start...)
            out.append(contentsOf: cell(s).utf8)
        }
    }
}

extension ReviewPage {
    /// Row `r` of table `t` on the page (its shown `values`), appended to `out`: kept from an
    /// earlier run when its texts are the same, otherwise rendered (and kept).
    static func row(_ t: ReviewTable, _ r: Int, values: [String], labels: [[UInt8]], wide: Bool, kept: KeptRows?,
                    into out: inout [UInt8]) {
        guard let kept else {
            HTMLTables.rowBytes(values, labels: labels, wide: wide, into: &out)
            return
        }
        // A numbered table's first shown value is the running number (checked: anything else
        // is kept whole).
        let number = t.numbered && values.first == String(r + 1) ? values[0] : nil
        var fields = ["halaman", t.sheet]
        fields.reserveCapacity(values.count + 2)
        fields += number == nil ? values : Array(values.dropFirst())
        if let found = kept.lookup(fields), found.split <= found.bytes.count {
            let bytes = found.bytes
            out.append(contentsOf: bytes[..<found.split])
            if let number { out.append(contentsOf: number.utf8) }
            out.append(contentsOf: bytes[found.split...])
            return
        }
        var rendered: [UInt8] = []
        var shown = values
        if number != nil { shown[0] = "" }
        let first = HTMLTables.rowBytes(shown, labels: labels, wide: wide, into: &rendered)
        let split = number == nil ? 0 : first
        kept.keep(fields, rendered, split)
        out.append(contentsOf: rendered[..<split])
        if let number { out.append(contentsOf: number.utf8) }
        out.append(contentsOf: rendered[split...])
    }
}
