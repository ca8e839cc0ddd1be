import Foundation

/// Estimates the height a row needs for its text, so that every output carries explicit row
/// heights. Excel grows rows with wrapped text when it opens a file, but LibreOffice Calc and
/// WPS show the stored (default) height and wrapped text overlaps the next row, on screen and
/// in print. The estimate lays each wrapped cell's text out in its column width (the merged
/// width for a merged cell) with Arial's advance widths (LibreOffice substitutes the
/// metric-compatible Liberation Sans), rounding up: a row a little too tall is harmless, one
/// too short hides text.
public enum XLSXRowHeight {
    /// Excel's default row height for the workbook's 11 pt Arial.
    public static let defaultHeight = 15.0
    /// Height of one text line of 11 pt Arial, with LibreOffice's and Excel's line gap.
    public static let lineHeight = 13.0
    /// Space above and below the text inside a cell.
    public static let padding = 4.0
    /// Excel's maximum row height.
    public static let maximum = 409.0
    /// Font size of the workbook's text (points).
    static let fontSize = 11.0
    /// Width of one "character" of a column width: Arial's digit (0.556 em) at 11 pt.
    static let characterWidth = 0.556 * fontSize
    /// Cell padding left and right (points), taken off the usable width.
    static let cellPadding = 4.0

    /// Points a text line may occupy in a column (or merged columns) `width` characters wide.
    public static func usableWidth(columnWidth width: Double) -> Double {
        max(width * characterWidth - cellPadding, characterWidth)
    }

    /// The number of lines `text` takes when wrapped in `width` points (bold a little wider).
    public static func lineCount(_ text: String, width: Double, bold: Bool) -> Int {
        // Every wrapped cell of every output row passes here (a cold run of a 60-unit regency:
        // ~12 % of its CPU went to the Character walk below), so texts where bytes and
        // Characters split alike take the byte path; it gives the same count (RowHeightTests).
        var copy = text
        if let n = copy.withUTF8({ lineCountBytes($0, width: width, bold: bold) }) { return n }
        return lineCountCharacters(text, width: width, bold: bold)
    }

    /// `lineCountCharacters` over UTF-8 bytes; nil for text holding a CR, or a space next to a
    /// scalar that might join it into one Character. Otherwise "\n" and " " bytes split where
    /// the Character split does: an LF is a Character of its own unless after a CR (grapheme
    /// rules GB3–GB5), and a space is one between scalars below U+0300 (nothing there extends
    /// or prepends: combining marks start at U+0300, prepend marks at U+0600) or the dashes,
    /// quotes, bullets and ellipsis of U+2010–U+2027 and U+2030–U+205E (grapheme class Other).
    /// The widths are summed per scalar in both paths, in the same order (the same
    /// floating-point result). Titles like "Laporan 2023 — 2024" are common in DIP lists.
    static func lineCountBytes(_ bytes: UnsafeBufferPointer<UInt8>, width: Double, bold: Bool) -> Int? {
        // Kind of the last scalar: 0 one that never joins a space, 1 space, 2 any other.
        var last = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D { return nil }
            var kind = b == 0x20 ? 1 : 0
            if b >= 0xCC {
                kind = 2
                if b == 0xE2 && i + 2 < bytes.count {
                    let v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                    if (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v) { kind = 0 }
                }
            }
            if (kind == 1 && last == 2) || (kind == 2 && last == 1) { return nil }
            last = kind
            i += 1
            while i < bytes.count && bytes[i] >= 0x80 && bytes[i] < 0xC0 { i += 1 }  // continuation
        }
        let scale = (bold ? 1.08 : 1.0) * fontSize / 1000
        let space = advance(" ") * scale
        // Advance of the scalar a lead byte starts (a continuation byte starts none): ASCII
        // from the table, U+0080…U+02FF as advance(_:) gives it for any scalar ≥ 127.
        func leadAdvance(_ b: UInt8) -> Double? {
            if b < 0x80 { return advance(Unicode.Scalar(b)) }
            return b >= 0xC0 ? 667 : nil
        }
        var lines = 0
        let n = bytes.count
        var p = 0
        while true {
            // One paragraph: bytes p..<e up to the next line feed (or the end).
            var e = p
            while e < n && bytes[e] != 0x0A { e += 1 }
            lines += 1
            var used = 0.0
            var ws = p
            var k = p
            while true {
                if k == e || bytes[k] == 0x20 {
                    var w = 0.0
                    for j in ws..<k { if let a = leadAdvance(bytes[j]) { w += a * scale } }
                    if used > 0 && used + space + w <= width {
                        used += space + w
                    } else {
                        if used > 0 { lines += 1 }
                        if w > width {
                            used = 0
                            for j in ws..<k {
                                guard let adv = leadAdvance(bytes[j]) else { continue }
                                let a = adv * scale
                                if used + a > width && used > 0 {
                                    lines += 1
                                    used = 0
                                }
                                used += a
                            }
                        } else {
                            used = w
                        }
                    }
                    if k == e { break }
                    ws = k + 1
                }
                k += 1
            }
            if e == n { break }
            p = e + 1
        }
        return max(lines, 1)
    }

    /// The layout walking Characters: any text (the reference for `lineCountBytes`).
    static func lineCountCharacters(_ text: String, width: Double, bold: Bool) -> Int {
        let scale = (bold ? 1.08 : 1.0) * fontSize / 1000
        let space = advance(" ") * scale
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += 1
            var used = 0.0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var w = 0.0
                for ch in word.unicodeScalars { w += advance(ch) * scale }
                if used > 0 && used + space + w <= width {
                    used += space + w
                    continue
                }
                if used > 0 { lines += 1 }
                // A word wider than the line is broken wherever it reaches the edge.
                if w > width {
                    used = 0
                    for ch in word.unicodeScalars {
                        let a = advance(ch) * scale
                        if used + a > width && used > 0 {
                            lines += 1
                            used = 0
                        }
                        used += a
                    }
                } else {
                    used = w
                }
            }
        }
        return max(lines, 1)
    }

    /// The height (points) for a row of `cells` in columns of `widths` characters; `spans`
    /// maps a cell's column to the width of the merged range it starts. Nil when the default
    /// height suffices for every cell.
    public static func height(_ cells: [XLSXCell], widths: [Double], spans: [Int: Double]) -> Double? {
        var memo: LineMemo?
        return height(cells, widths: widths, spans: spans, memo: &memo)
    }

    /// Line counts of the longer texts already laid out in one workbook, by exact text, width
    /// and weight: a report repeats its long texts (the review workbook's explanations), and
    /// looking one up costs a fraction of laying it out again.
    struct LineMemo {
        struct Key: Hashable {
            var text: ExactText
            var width: Double
            var bold: Bool
        }
        var lines: [Key: Int] = [:]
        /// Shorter texts are laid out each time (cheaper than hashing them).
        static let shortest = 48

        mutating func lineCount(_ text: String, width: Double, bold: Bool) -> Int {
            let key = Key(text: ExactText(text), width: width, bold: bold)
            if let n = lines[key] { return n }
            let n = XLSXRowHeight.lineCount(text, width: width, bold: bold)
            lines[key] = n
            return n
        }
    }

    /// `height(_:widths:spans:)` with the line counts of long texts kept in `memo` (made on
    /// first use): the same height.
    static func height(_ cells: [XLSXCell], widths: [Double], spans: [Int: Double], memo: inout LineMemo?) -> Double? {
        var lines = 1
        for (c, cell) in cells.enumerated() {
            guard case .string(let text) = cell.value, !text.isEmpty else { continue }
            let columnWidth = spans[c] ?? (c < widths.count ? widths[c] : 8.43)
            let n: Int
            if cell.style.wrap {
                let width = usableWidth(columnWidth: columnWidth)
                if text.utf8.count >= LineMemo.shortest {
                    if memo == nil { memo = LineMemo() }
                    n = memo!.lineCount(text, width: width, bold: cell.style.bold)
                } else {
                    n = lineCount(text, width: width, bold: cell.style.bold)
                }
            } else {
                // Unwrapped text stays on one line (it overflows into empty neighbours).
                n = 1
            }
            lines = max(lines, n)
        }
        guard lines > 1 else { return nil }
        return min((Double(lines) * lineHeight + padding).rounded(.up), maximum)
    }

    /// Lines a row of the maximum height shows (31 of 13 pt).
    public static var maximumLines: Int { Int((maximum - padding) / lineHeight) }

    /// The narrowest column width, from `width` up to `limit` characters, in which every text
    /// of `texts` wrapped fits a row of the maximum height; `limit` when one needs more.
    /// Excel, LibreOffice and WPS never make a row taller than 409 pt: the lines of a longer
    /// text are not shown, on screen or in print (a unit's feedback cut a long classification
    /// explanation after 31 lines, session 22), so the column holding it is made wider
    /// instead. Rows are not laid out for texts that fit whatever their words
    /// (`surelyFits`), so a column of short texts costs a byte scan per text.
    public static func widthFitting<S: Sequence>(_ texts: S, width: Double, limit: Double, bold: Bool = false) -> Double
    where S.Element == String {
        var fitter = WidthFitter(width: width, limit: limit, bold: bold)
        for text in texts {
            fitter.add(text)
            if fitter.width >= limit { break }
        }
        return fitter.width
    }

    /// `widthFitting` one text at a time, for texts measured as they are written
    /// (`XLSXColumn.fitLimit`): after the same texts, `width` is what `widthFitting` returns.
    public struct WidthFitter: Sendable {
        public private(set) var width: Double
        public let limit: Double
        let bold: Bool

        public init(width: Double, limit: Double, bold: Bool = false) {
            self.width = width
            self.limit = limit
            self.bold = bold
        }

        private func fits(_ text: String, _ w: Double) -> Bool {
            lineCount(text, width: usableWidth(columnWidth: w), bold: bold) <= maximumLines
        }

        public mutating func add(_ text: String) {
            guard width < limit, !text.isEmpty,
                  !surelyFits(text, columnWidth: width, lines: maximumLines, bold: bold), !fits(text, width) else { return }
            // Lines shrink about in proportion to the width: double until it fits (or the
            // limit), then halve the gap in whole characters to the narrowest that fits.
            var low = width, high = min(limit, width * 2)
            while !fits(text, high) && high < limit { low = high; high = min(limit, high * 2) }
            guard fits(text, high) else {
                width = limit
                return
            }
            while high - low > 1 {
                let mid = ((low + high) / 2).rounded(.down)
                if mid <= low { break }
                if fits(text, mid) { high = mid } else { low = mid }
            }
            width = high
        }
    }

    /// True when `text` takes at most `lines` lines in a column `columnWidth` wide, by a bound
    /// that holds for any words: within a paragraph two lines side by side hold more than a
    /// line's width less a space and a character (else the second line's first word, or piece
    /// of a broken word, would have stayed on the first), so a paragraph of advance `a` takes
    /// fewer than 2a / (width − space − widest character) + 2 lines. Each byte advances at most
    /// the widest ASCII character ('@', 1015/1000 em); a scalar beyond ASCII has two or more
    /// bytes and advances 667.
    static func surelyFits(_ text: String, columnWidth: Double, lines: Int, bold: Bool) -> Bool {
        let scale = (bold ? 1.08 : 1.0) * fontSize / 1000
        let widest = 1015 * scale
        let room = usableWidth(columnWidth: columnWidth) - advance(" ") * scale - widest
        guard room > 0 else { return false }
        var paragraphs = 1
        var bytes = 0
        for b in text.utf8 {
            if b == 0x0A { paragraphs += 1 }
            bytes += 1
        }
        return 2 * Double(paragraphs) + 2 * Double(bytes) * widest / room <= Double(lines)
    }

    /// Advance width of a character in Arial, in thousandths of an em.
    static func advance(_ scalar: Unicode.Scalar) -> Double {
        let v = scalar.value
        if v >= 32 && v < 127 { return Double(ascii[Int(v) - 32]) }
        if v < 32 { return 0 }
        // Latin letters with diacritics and other text: a wide letter, to err on the tall side.
        return 667
    }

    static func advance(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + advance($1) }
    }

    /// Arial (Liberation Sans) advance widths of ASCII 32…126, per 1000 em.
    static let ascii: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,      // p … ~
    ]
}
