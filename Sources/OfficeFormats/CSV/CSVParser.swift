#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One field of the record being parsed: byte offsets into the chunk buffer.
struct FieldSpan {
    enum Kind: UInt8 {
        /// Content is exactly `start..<end`.
        case plain
        /// A quoted field with no doubled quotes: content `start..<end` (quotes excluded).
        case quotedSimple
        /// Raw bytes `start..<end` including quotes; needs `CSVParser.unescape`.
        case quotedComplex
    }
    var start: Int
    var end: Int
    var kind: Kind

    var isEmpty: Bool { kind != .quotedComplex && start == end }
}

/// The fields of the record being parsed, in raw memory reused from record to record (an
/// Array would check uniqueness and capacity on every append). Growing replaces the storage
/// object, so a copy of the list never sees memory freed under it.
struct FieldList {
    final class Storage {
        let base: UnsafeMutablePointer<FieldSpan>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: capacity)
        }

        deinit { base.deallocate() }
    }

    private var storage = Storage(capacity: 64)
    private(set) var count = 0

    @inline(__always)
    mutating func append(_ field: FieldSpan) {
        if count == storage.capacity {
            let bigger = Storage(capacity: count * 2)
            bigger.base.initialize(from: storage.base, count: count)
            storage = bigger
        }
        (storage.base + count).initialize(to: field)
        count += 1
    }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    subscript(index: Int) -> FieldSpan { storage.base[index] }
}

/// The byte-level RFC 4180 state machine shared by reading and sniffing.
enum CSVParser {
    enum Outcome {
        case record(next: Int, endedWithCR: Bool)
        case needMore
        case endOfInput
    }

    static let quote = UInt8(ascii: "\"")

    /// Parses one record starting at `from`; `needMore` when the buffer ends inside it and more
    /// input may follow.
    @inline(__always)
    static func parseRecord(
        _ p: UnsafeMutablePointer<UInt8>, from: Int, end: Int, eof: Bool, delimiter: UInt8,
        fields: inout FieldList
    ) -> Outcome {
        fields.removeAll()
        if from >= end { return eof ? .endOfInput : .needMore }
        var i = from
        var word = SpecialWord()
        while true {
            if i < end, p[i] == quote {
                let rawStart = i
                var j = i + 1
                var complex = false
                var closed = -1
                while true {
                    guard j < end, let q = memchr(p + j, Int32(quote), end - j) else {
                        if !eof { return .needMore }
                        j = end
                        break
                    }
                    let qi = UnsafeMutableRawPointer(p).distance(to: q)
                    if qi + 1 < end, p[qi + 1] == quote {
                        complex = true
                        j = qi + 2
                        continue
                    }
                    if qi + 1 == end, !eof { return .needMore }
                    closed = qi
                    j = qi + 1
                    break
                }
                let k = scanBytes(p, from: j, end: end, delimiter: delimiter)
                if k == end, !eof { return .needMore }
                if complex || closed < 0 || k > j {
                    fields.append(FieldSpan(start: rawStart, end: k, kind: .quotedComplex))
                } else {
                    fields.append(FieldSpan(start: rawStart + 1, end: closed, kind: .quotedSimple))
                }
                i = k
            } else {
                let s = i
                i = scanUnquoted(p, from: s, end: end, delimiter: delimiter, word: &word)
                if i == end, !eof { return .needMore }
                fields.append(FieldSpan(start: s, end: i, kind: .plain))
            }
            if i == end { return .record(next: end, endedWithCR: false) }
            let b = p[i]
            if b == delimiter {
                i += 1
                continue
            }
            return .record(next: i + 1, endedWithCR: b == 13)
        }
    }

    /// The aligned 8-byte word last scanned in a record and the special bytes found in it, so
    /// that the next field starting inside it does not load and test it again.
    struct SpecialWord {
        var base = -1
        var mask: UInt64 = 0
    }

    /// The position of the first delimiter, LF or CR at or after `from`, or `end`.
    ///
    /// Eight bytes at a time on aligned words: `specialMask` marks the special bytes of a word
    /// and the lowest mark at or after `from` is the answer. Most fields are shorter than a
    /// word or two, so this costs a few operations a field rather than a few a byte.
    @inline(__always)
    static func scanUnquoted(
        _ p: UnsafeMutablePointer<UInt8>, from: Int, end: Int, delimiter: UInt8,
        word: inout SpecialWord
    ) -> Int {
        let raw = UnsafeRawPointer(p)
        let dMask = 0x0101_0101_0101_0101 &* UInt64(delimiter)
        var base = from & ~7
        var mask: UInt64
        if base == word.base {
            mask = word.mask
        } else if base + 8 <= end {
            mask = specialMask(raw.load(fromByteOffset: base, as: UInt64.self), dMask)
        } else {
            return scanBytes(p, from: from, end: end, delimiter: delimiter)
        }
        // Drop the marks of bytes before `from` (little-endian: byte k is bits 8k..<8k+8).
        mask &= ~0 << UInt64((from - base) &* 8)
        while mask == 0 {
            base += 8
            if base + 8 > end {
                word.base = -1
                return scanBytes(p, from: base, end: end, delimiter: delimiter)
            }
            mask = specialMask(raw.load(fromByteOffset: base, as: UInt64.self), dMask)
        }
        word.base = base
        word.mask = mask
        return base + mask.trailingZeroBitCount >> 3
    }

    @inline(__always)
    static func scanBytes(
        _ p: UnsafeMutablePointer<UInt8>, from: Int, end: Int, delimiter: UInt8
    ) -> Int {
        var i = from
        while i < end {
            let b = p[i]
            if b == delimiter || b == 10 || b == 13 { break }
            i += 1
        }
        return i
    }

    /// The high bit of each byte of `w` that is the delimiter, LF or CR. A byte `x` is non-zero
    /// exactly when `((x & 0x7F) + 0x7F) | x` has its high bit set (no carry leaves the byte),
    /// so XOR with each special byte repeated and AND the three tests.
    @inline(__always)
    static func specialMask(_ w: UInt64, _ dMask: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let a = w ^ dMask
        let b = w ^ 0x0A0A_0A0A_0A0A_0A0A
        let c = w ^ 0x0D0D_0D0D_0D0D_0D0D
        let na = ((a & low7) &+ low7) | a
        let nb = ((b & low7) &+ low7) | b
        let nc = ((c & low7) &+ low7) | c
        return ~(na & nb & nc) & 0x8080_8080_8080_8080
    }

    /// The content of a raw quoted field: outer quotes removed, doubled quotes undoubled, any
    /// text after the closing quote kept.
    static func unescape(
        _ p: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]
    ) {
        out.removeAll(keepingCapacity: true)
        var i = start
        var inQuotes = false
        if i < end, p[i] == quote {
            inQuotes = true
            i += 1
        }
        while i < end {
            let c = p[i]
            if inQuotes, c == quote {
                if i + 1 < end, p[i + 1] == quote {
                    out.append(quote)
                    i += 2
                    continue
                }
                inQuotes = false
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
    }
}
