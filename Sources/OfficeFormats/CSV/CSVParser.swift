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
        fields: inout [FieldSpan]
    ) -> Outcome {
        fields.removeAll(keepingCapacity: true)
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
                var k = j
                while k < end {
                    let b = p[k]
                    if b == delimiter || b == 10 || b == 13 { break }
                    k += 1
                }
                if k == end, !eof { return .needMore }
                if complex || closed < 0 || k > j {
                    fields.append(FieldSpan(start: rawStart, end: k, kind: .quotedComplex))
                } else {
                    fields.append(FieldSpan(start: rawStart + 1, end: closed, kind: .quotedSimple))
                }
                i = k
            } else {
                let s = i
                // Eight bytes at a time while none is the delimiter, LF or CR (SWAR zero-byte
                // test on the word XORed with each special byte repeated).
                let raw = UnsafeRawPointer(p)
                let dMask = 0x0101_0101_0101_0101 &* UInt64(delimiter)
                while i + 8 <= end {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if hasZeroByte(w ^ dMask) | hasZeroByte(w ^ 0x0A0A_0A0A_0A0A_0A0A)
                        | hasZeroByte(w ^ 0x0D0D_0D0D_0D0D_0D0D) != 0
                    {
                        break
                    }
                    i += 8
                }
                while i < end {
                    let b = p[i]
                    if b == delimiter || b == 10 || b == 13 { break }
                    i += 1
                }
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

    /// Non-zero when some byte of `v` is zero.
    @inline(__always)
    static func hasZeroByte(_ v: UInt64) -> UInt64 {
        (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
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
