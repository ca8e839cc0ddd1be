import OfficeFormats

/// Text helpers shared by header matching and value parsing.
enum Text {
    /// The field text as kept in items: trimmed, runs of spaces/tabs collapsed to one space,
    /// line breaks kept (as "\n", one per run) because multi-line cells are deliberate.
    static func clean(_ s: consuming String) -> String {
        // Fast path: nothing to do for plain single-spaced text (runs for every cell, so over
        // the contiguous UTF-8 bytes, which native strings have).
        let unchanged = s.utf8.withContiguousStorageIfAvailable(isClean) ?? Array(s.utf8).withUnsafeBufferPointer(isClean)
        if unchanged { return s }
        var out = ""
        var pendingSpace = false
        var pendingNewline = false
        for ch in s.unicodeScalars {
            if ch == "\n" || ch == "\r" || ch == "\u{2028}" {
                pendingNewline = true
                pendingSpace = false
            } else if ch.properties.isWhitespace || ch.value < 32 {
                pendingSpace = true
            } else {
                if !out.isEmpty {
                    if pendingNewline { out.append("\n") } else if pendingSpace { out.append(" ") }
                }
                pendingSpace = false
                pendingNewline = false
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// True when `clean` would return the text unchanged: no leading, trailing or doubled
    /// space, no control character, no byte that may start a Unicode space (C2, E2, E3).
    /// Eight bytes at a time for ASCII (this runs for every cell); bytes of a word with a
    /// non-ASCII byte are looked at one by one.
    static func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        let n = bytes.count
        if base[0] == 32 || base[n - 1] == 32 { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let spaces = ones &* 32
        var prevSpace = false
        var i = 0
        while i + 8 <= n {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            if w & high == 0 {
                // A byte below 32 (exact for ASCII bytes: no borrow crosses a byte).
                if (w &- spaces) & ~w & high != 0 { return false }
                // The high bit of each byte that is a space, exactly.
                let t = w ^ spaces
                let isSpace = ~(((t & low) &+ low) | t | low)
                if isSpace & (isSpace << 8) != 0 { return false }
                if prevSpace && isSpace & 0x80 != 0 { return false }
                prevSpace = isSpace >> 63 != 0
            } else {
                for k in i..<(i + 8) where !cleanByte(base[k], &prevSpace) { return false }
            }
            i += 8
        }
        while i < n {
            if !cleanByte(base[i], &prevSpace) { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    private static func cleanByte(_ u: UInt8, _ prevSpace: inout Bool) -> Bool {
        if u == 32 {
            if prevSpace { return false }
            prevSpace = true
        } else if u < 32 || u == 0xC2 || u == 0xE2 || u == 0xE3 {
            return false
        } else {
            prevSpace = false
        }
        return true
    }

    /// A matching key: lower case, diacritics folded, anything not a letter or digit turned
    /// into a single space.
    static func fold(_ s: String) -> String {
        // ASCII fast path: no Unicode property lookups (this runs once per item for duplicates).
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(s.utf8.count)
            var space = true
            for b in s.utf8 {
                let c = b >= 65 && b <= 90 ? b + 32 : b
                if (c >= 97 && c <= 122) || (c >= 48 && c <= 57) {
                    bytes.append(c)
                    space = false
                } else if !space {
                    bytes.append(32)
                    space = true
                }
            }
            if bytes.last == 32 { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        var space = true
        for ch in s.lowercased().unicodeScalars {
            var c = ch
            if c.value >= 0xC0, c.value <= 0xFF { c = latinBase(c) }
            if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                out.unicodeScalars.append(c)
                space = false
            } else if !space {
                out.append(" ")
                space = true
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// A 64-bit hash of `fold(s)`; plain ASCII text is hashed as it is folded, without building
    /// the folded string (this runs once per item, for the duplicate index).
    static func foldedHash(_ s: String) -> UInt64 {
        let ascii = s.utf8.withContiguousStorageIfAvailable(foldedASCIIHash)
            ?? Array(s.utf8).withUnsafeBufferPointer(foldedASCIIHash)
        if let ascii { return ascii }
        var h = KeyHasher()
        for f in fold(s).utf8 { h.add(f) }
        return h.finish()
    }

    /// `foldedHash` of ASCII bytes, folded as `fold` does; nil when a byte is not ASCII.
    private static func foldedASCIIHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var h = KeyHasher()
        var space = true
        var pendingSpace = false
        for b in bytes {
            if b >= 0x80 { return nil }
            let c = b >= 65 && b <= 90 ? b + 32 : b
            if (c >= 97 && c <= 122) || (c >= 48 && c <= 57) {
                if pendingSpace { h.add(32) }
                pendingSpace = false
                h.add(c)
                space = false
            } else if !space {
                pendingSpace = true  // written only if a letter or digit follows: fold drops a trailing space
                space = true
            }
        }
        return h.finish()
    }

    /// The base letter of an accented Latin-1 letter (é → e).
    static func latinBase(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0xC0...0xC5, 0xE0...0xE5: return "a"
        case 0xC8...0xCB, 0xE8...0xEB: return "e"
        case 0xCC...0xCF, 0xEC...0xEF: return "i"
        case 0xD2...0xD6, 0xF2...0xF6: return "o"
        case 0xD9...0xDC, 0xF9...0xFC: return "u"
        case 0xC7, 0xE7: return "c"
        case 0xD1, 0xF1: return "n"
        default: return s
        }
    }

    static func words(_ folded: String) -> [Substring] {
        folded.split(separator: " ")
    }

    /// Levenshtein distance, bounded: returns `limit + 1` as soon as it is exceeded.
    static func distance(_ a: Substring, _ b: String, limit: Int) -> Int {
        // The length bound before any copy: header detection compares every word of the first
        // rows with every keyword, and most pairs differ in length by more than the limit.
        if abs(a.utf8.count - b.utf8.count) > limit { return limit + 1 }
        // Over the strings' own bytes with the two rows on the stack: header detection makes
        // thousands of these per file, and four arrays per pair were most of their cost.
        if let d = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y in levenshtein(x, y, limit: limit) }
        }), let d {
            return d
        }
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        return x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in levenshtein(x, y, limit: limit) } }
    }

    /// Bounded Levenshtein distance of two byte strings (`distance`).
    private static func levenshtein(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        let width = y.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { rows in
            var prev = rows.baseAddress!
            var cur = prev + width
            for j in 0..<width { prev[j] = j }
            for i in 1...x.count {
                cur[0] = i
                var rowMin = i
                let xi = x[i - 1]
                for j in 1...y.count {
                    let cost = xi == y[j - 1] ? 0 : 1
                    let value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                    cur[j] = value
                    rowMin = min(rowMin, value)
                }
                if rowMin > limit { return limit + 1 }
                swap(&prev, &cur)
            }
            return prev[y.count]
        }
    }

    /// Whether a word is the keyword or a small typo of it: exact for words under 5 letters,
    /// one edit under 8, two edits from 8 letters on.
    static func similar(_ word: Substring, _ keyword: String) -> Bool {
        if word == keyword { return true }
        let n = keyword.utf8.count
        let limit = n < 5 ? 0 : (n < 8 ? 1 : 2)
        if limit == 0 { return false }
        return distance(word, keyword, limit: limit) <= limit
    }

    /// Whether any word of `words` is similar to `keyword`.
    static func hasWord(_ words: [Substring], _ keyword: String) -> Bool {
        words.contains { similar($0, keyword) }
    }

    /// Whether the words contain the phrase (consecutive words, each similar), or the
    /// squashed text contains the squashed phrase ("penanggungjawab").
    static func hasPhrase(_ words: [Substring], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else {
            return squashedContains(words, phrase)
        }
        for i in 0...(words.count - phrase.count) {
            var ok = true
            for (k, p) in phrase.enumerated() where !similar(words[i + k], p) {
                ok = false
                break
            }
            if ok { return true }
        }
        return squashedContains(words, phrase)
    }

    private static func squashedContains(_ words: [Substring], _ phrase: [String]) -> Bool {
        let target = phrase.joined()
        let asciiTarget = target.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
        let targetBytes = asciiTarget ? Array(target.utf8) : []
        return words.contains { w in
            // ASCII on both sides without CR (every folded ASCII text): characters are bytes
            // (CR LF is the one ASCII pair that makes one character), so the count and the
            // search are the byte ones, without a grapheme walk per word.
            if asciiTarget, w.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
                return w.utf8.count >= target.utf8.count
                    && (containsBytes(w.utf8, targetBytes) || similar(w, target))
            }
            return w.count >= target.count && (w.contains(target) || similar(w, target))
        }
    }

    /// Whether `needle`'s bytes occur in `haystack`'s (read in place when the word's storage
    /// allows: this runs for every long word of a sheet's first rows).
    private static func containsBytes(_ haystack: Substring.UTF8View, _ needle: [UInt8]) -> Bool {
        if let found = haystack.withContiguousStorageIfAvailable({ containsBytes($0, needle) }) { return found }
        return containsBytes(Array(haystack), needle)
    }

    private static func containsBytes<H: RandomAccessCollection>(_ h: H, _ n: [UInt8]) -> Bool
    where H.Element == UInt8, H.Index == Int {
        if n.isEmpty { return true }
        if n.count > h.count { return false }
        let base = h.startIndex
        for start in 0...(h.count - n.count) where h[base + start] == n[0] {
            var k = 1
            while k < n.count && h[base + start + k] == n[k] { k += 1 }
            if k == n.count { return true }
        }
        return false
    }
}

/// Turning reader cells into text.
enum CellText {
    /// The text of a cell: numbers without a needless ".0", dates as ISO dates.
    static func text(_ cell: CellValue) -> String {
        switch cell {
        case .empty: return ""
        case .string(let s): return s
        case .number(let d): return number(d)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        case .dateTime(let dt): return isoDate(dt) ?? number(dt.serial)
        case .isoDateTime(let s): return s.count >= 10 && s.contains("T00:00:00") ? String(s.prefix(10)) : s
        }
    }

    static func number(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// An Excel serial as "YYYY-MM-DD" (with "THH:MM:SS" when it has a time part). Durations
    /// and impossible serials give nil.
    static func isoDate(_ dt: ExcelDateTime) -> String? {
        guard !dt.isDuration, dt.serial.isFinite, dt.serial >= 0, dt.serial < 2_958_466 else {
            return nil
        }
        var days = Int(dt.serial.rounded(.down))
        let seconds = Int(((dt.serial - Double(days)) * 86400).rounded())
        // Days since 1970-01-01. 1900 system: serial 25569 is 1970-01-01, and serials below 61
        // are off by one because of Lotus' fictitious 1900-02-29 (serial 60).
        let unixDays: Int
        if dt.is1904 {
            unixDays = days - 24107
        } else {
            if days < 61 { days += 1 }
            unixDays = days - 25569
        }
        let (y, m, d) = civil(fromDays: unixDays)
        var s = String(format4(y)) + "-" + pad2(m) + "-" + pad2(d)
        if seconds > 0, seconds < 86400 {
            s += "T" + pad2(seconds / 3600) + ":" + pad2(seconds / 60 % 60) + ":" + pad2(seconds % 60)
        }
        return s
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func format4(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// Howard Hinnant's days → civil date.
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
