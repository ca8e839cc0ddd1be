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
    /// The last field opened a quote that the end of the file closed (set by `parseRecord`).
    var endsInOpenQuote = false

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

    mutating func removeAll() {
        count = 0
        endsInOpenQuote = false
    }

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
        fields: inout FieldList, block: inout SpecialBlock
    ) -> Outcome {
        fields.removeAll()
        if from >= end { return eof ? .endOfInput : .needMore }
        var i = from
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
                        fields.endsInOpenQuote = true
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
                i = scanUnquoted(p, from: s, end: end, delimiter: delimiter, block: &block)
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

    /// The aligned 64-byte block last scanned and a bit for each of its delimiter, LF and CR
    /// bytes, so that the next field starting inside it is found without testing it again.
    /// Valid while the buffer bytes and the delimiter stay the same: the reader starts a new
    /// one after every refill, the sniffer one per candidate delimiter.
    struct SpecialBlock {
        var base = -1
        var mask: UInt64 = 0
    }

    /// The position of the first delimiter, LF or CR at or after `from`, or `end`.
    ///
    /// Works on aligned 64-byte blocks: `blockMask` marks the special bytes of a block and the
    /// lowest mark at or after `from` is the answer, so a field costs a few operations rather
    /// than a few a byte, and most fields start in a block already tested.
    @inline(__always)
    static func scanUnquoted(
        _ p: UnsafeMutablePointer<UInt8>, from: Int, end: Int, delimiter: UInt8,
        block: inout SpecialBlock
    ) -> Int {
        let raw = UnsafeRawPointer(p)
        var base = from & ~63
        var mask: UInt64
        if base == block.base {
            mask = block.mask
        } else if base + 64 <= end {
            mask = blockMask(raw + base, delimiter)
        } else {
            return scanBytes(p, from: from, end: end, delimiter: delimiter)
        }
        mask &= ~0 << UInt64(from - base)  // bytes before `from`
        while mask == 0 {
            base += 64
            if base + 64 > end {
                block.base = -1
                return scanBytes(p, from: base, end: end, delimiter: delimiter)
            }
            mask = blockMask(raw + base, delimiter)
        }
        block.base = base
        block.mask = mask
        return base + mask.trailingZeroBitCount
    }

    /// Bit k set when byte k of the 64 at `p` is the delimiter, LF or CR: 16-byte vector
    /// compares, then each 8 lanes' high bits gathered into one byte by a multiplication (the
    /// product's terms never overlap, so no carry disturbs the top byte).
    @inline(__always)
    static func blockMask(_ p: UnsafeRawPointer, _ delimiter: UInt8) -> UInt64 {
        #if _endian(little)
        let d = SIMD16<UInt8>(repeating: delimiter)
        let lf = SIMD16<UInt8>(repeating: 10)
        let cr = SIMD16<UInt8>(repeating: 13)
        let gather: UInt64 = 0x0002_0408_1020_4081
        var result: UInt64 = 0
        for k in 0..<4 {
            let v = p.loadUnaligned(fromByteOffset: 16 &* k, as: SIMD16<UInt8>.self)
            let hit = (v .== d) .| (v .== lf) .| (v .== cr)
            let bytes = SIMD16<UInt8>(repeating: 0).replacing(with: 0x80, where: hit)
            let words = unsafeBitCast(bytes, to: SIMD2<UInt64>.self)
            let low = (words[0] &* gather) >> 56
            let high = (words[1] &* gather) >> 56
            result |= (low | high << 8) << UInt64(16 &* k)
        }
        return result
        #else
        // Lane order within a word is reversed on big-endian machines: test byte by byte.
        var result: UInt64 = 0
        for k in 0..<64 {
            let b = p.load(fromByteOffset: k, as: UInt8.self)
            if b == delimiter || b == 10 || b == 13 { result |= 1 << UInt64(k) }
        }
        return result
        #endif
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
