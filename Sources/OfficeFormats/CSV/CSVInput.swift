#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in chunks into one growable buffer; `start..<end` holds unconsumed bytes.
/// The whole allocation is initialised and `padding` bytes follow the buffer, so a word load
/// starting inside it never reads past the allocation or uninitialised memory
/// (`CellStrings.make` loads 16 bytes for a field of up to 15; the extra bytes are masked).
///
/// A UTF-16 file (Excel's "Teks Unicode") is handed over as UTF-8 after `restartAsUTF16`:
/// its bytes are read into a fixed staging buffer and transcoded chunk by chunk, so the
/// parser sees the same bytes as for a UTF-8 file and memory stays one chunk plus the
/// staging buffer.
final class ChunkedFile {
    static let padding = 16

    let path: String
    /// Where the bytes come from (pread at `offset`, the next byte not yet read).
    private let file: FileBytes
    private var offset = 0
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var start = 0
    private(set) var end = 0
    private(set) var eof = false
    /// Set when the file is UTF-16 and transcoded to UTF-8 as it is read.
    private var utf16: UTF16Staging?

    init(path: String, capacity: Int) throws {
        self.path = path
        do {
            file = try FileBytes(path: path)
        } catch let error as FileReadError {
            throw CSVError.cannotOpen(path: path, errno: error.code)
        }
        self.capacity = capacity
        buffer = ChunkedFile.allocate(capacity)
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + padding)
        p.initialize(repeating: 0, count: capacity + padding)
        return p
    }

    deinit {
        buffer.deallocate()
    }

    /// Drops what was read and reads the file again from byte `offset` as UTF-16 (the BOM,
    /// if any, before it), little- or big-endian, handing UTF-8 to the buffer.
    func restartAsUTF16(bigEndian: Bool, from offset: Int) throws {
        self.offset = offset
        start = 0
        end = 0
        eof = false
        utf16 = UTF16Staging(bigEndian: bigEndian)
        try fill()
    }

    /// Moves the unconsumed bytes to the front, grows the buffer when they fill it, and reads
    /// until the buffer is full or the file ends.
    func fill() throws {
        if eof { return }
        if start > 0 {
            memmove(buffer, buffer + start, end - start)
            end -= start
            start = 0
        }
        // A transcoded scalar takes up to 4 bytes: grow when less than that is left.
        if capacity - end < (utf16 == nil ? 1 : 4) {
            let bigger = ChunkedFile.allocate(capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        if let staging = utf16 {
            try fillTranscoding(staging)
            return
        }
        while end < capacity {
            let n = try readRaw(into: buffer + end, count: capacity - end)
            if n == 0 {
                eof = true
                break
            }
            end += n
        }
    }

    private func readRaw(into target: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        let n: Int
        do {
            n = try file.read(into: target, count: count, at: offset)
        } catch let error as FileReadError {
            throw CSVError.readFailed(path: path, errno: error.code)
        }
        offset += n
        return n
    }

    /// Fills the buffer with UTF-8 transcoded from the staged UTF-16 bytes, reading more of
    /// the file into the staging buffer as it empties, until less than one scalar's room is
    /// left or the file ends.
    private func fillTranscoding(_ s: UTF16Staging) throws {
        while capacity - end >= 4 {
            if s.count - s.position < 4, !s.rawEOF {
                s.compact()
                let n = try readRaw(into: s.bytes + s.count, count: UTF16Staging.capacity - s.count)
                if n == 0 { s.rawEOF = true } else { s.count += n }
            }
            if s.position == s.count, s.rawEOF {
                eof = true
                return
            }
            end += s.transcode(into: buffer + end, room: capacity - end)
        }
    }
}

/// UTF-16 bytes read from the file and not yet transcoded (`position..<count`).
final class UTF16Staging {
    static let capacity = 64 * 1024
    let bigEndian: Bool
    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: UTF16Staging.capacity)
    var position = 0
    var count = 0
    var rawEOF = false

    init(bigEndian: Bool) { self.bigEndian = bigEndian }
    deinit { bytes.deallocate() }

    /// Moves the bytes not yet transcoded to the front.
    func compact() {
        guard position > 0 else { return }
        memmove(bytes, bytes + position, count - position)
        count -= position
        position = 0
    }

    @inline(__always)
    private func unit(at i: Int) -> UInt32 {
        bigEndian
            ? UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1])
            : UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
    }

    /// Transcodes staged code units to UTF-8 at `out` while at least 4 bytes of `room` are
    /// left; returns the bytes written. A surrogate pair cut by the staging buffer's end waits
    /// for the next read; an unpaired surrogate, or an odd last byte at the end of the file,
    /// becomes U+FFFD (as Foundation and Excel decode them).
    func transcode(into out: UnsafeMutablePointer<UInt8>, room: Int) -> Int {
        var w = 0
        @inline(__always) func put(_ v: UInt32) {
            if v < 0x80 {
                out[w] = UInt8(v)
                w += 1
            } else if v < 0x800 {
                out[w] = UInt8(0xC0 | v >> 6)
                out[w + 1] = UInt8(0x80 | v & 0x3F)
                w += 2
            } else if v < 0x10000 {
                out[w] = UInt8(0xE0 | v >> 12)
                out[w + 1] = UInt8(0x80 | (v >> 6) & 0x3F)
                out[w + 2] = UInt8(0x80 | v & 0x3F)
                w += 3
            } else {
                out[w] = UInt8(0xF0 | v >> 18)
                out[w + 1] = UInt8(0x80 | (v >> 12) & 0x3F)
                out[w + 2] = UInt8(0x80 | (v >> 6) & 0x3F)
                out[w + 3] = UInt8(0x80 | v & 0x3F)
                w += 4
            }
        }
        while room - w >= 4, count - position >= 2 {
            let u = unit(at: position)
            if u < 0xD800 || u > 0xDFFF {
                put(u)
                position += 2
            } else if u <= 0xDBFF {
                if count - position < 4 {
                    if !rawEOF { break }  // the low half is in the next read
                    put(0xFFFD)
                    position += 2
                    continue
                }
                let low = unit(at: position + 2)
                if low >= 0xDC00, low <= 0xDFFF {
                    put(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))
                    position += 4
                } else {
                    put(0xFFFD)
                    position += 2
                }
            } else {
                put(0xFFFD)
                position += 2
            }
        }
        if rawEOF, count - position == 1, room - w >= 4 {
            put(0xFFFD)
            position += 1
        }
        return w
    }
}

/// UTF-8 validation on raw bytes (no String built).
enum UTF8Check {
    /// Whether any byte is ≥ 0x80: 32 bytes a step (four words ORed), then words, then bytes.
    static func hasNonASCII(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 32 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            if w & high != 0 { return true }
            i += 32
        }
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & high != 0 { return true }
            i += 8
        }
        while i < n {
            if p[i] >= 0x80 { return true }
            i += 1
        }
        return false
    }

    /// Whether `n` bytes are valid UTF-8 (no overlongs, surrogates or values above U+10FFFF).
    /// With `allowTruncatedEnd`, a sequence cut by the end of a sample is accepted.
    static func isValid(_ p: UnsafePointer<UInt8>, _ n: Int, allowTruncatedEnd: Bool) -> Bool {
        firstInvalid(p, n, from: 0, allowTruncatedEnd: allowTruncatedEnd) == n
    }

    /// How many of `n` bytes begin a sequence that is not valid UTF-8 (what a decoder shows as
    /// U+FFFD), counting on from the byte after each.
    static func invalidSequences(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var count = 0
        var i = firstInvalid(p, n, from: 0, allowTruncatedEnd: false)
        while i < n {
            count += 1
            i = firstInvalid(p, n, from: i + 1, allowTruncatedEnd: false)
        }
        return count
    }

    /// The offset of the first sequence at or after `from` that is not valid UTF-8; `n` when
    /// there is none (with `allowTruncatedEnd`, a sequence cut by the end counts as valid).
    static func firstInvalid(_ p: UnsafePointer<UInt8>, _ n: Int, from: Int, allowTruncatedEnd: Bool) -> Int {
        let raw = UnsafeRawPointer(p)
        var i = from
        while i < n {
            let b = p[i]
            if b < 0x80 {
                // Runs of ASCII eight bytes at a time.
                i += 1
                while i + 8 <= n,
                    raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    i += 8
                }
                continue
            }
            let len: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return i
            }
            for k in 1..<len {
                if i + k >= n { return allowTruncatedEnd ? n : i }
                let c = p[i + k]
                if k == 1 {
                    if c < lo || c > hi { return i }
                } else if c & 0xC0 != 0x80 {
                    return i
                }
            }
            i += len
        }
        return n
    }
}

/// Windows-1252 to Unicode; the five undefined bytes map to U+FFFD.
enum Windows1252 {
    /// The text of Windows-1252 bytes, through UTF-8 written into `scratch` (one String built,
    /// no per-character appends). Undefined bytes become U+FFFD and are counted in `undefined`.
    static func string(
        _ bytes: UnsafeBufferPointer<UInt8>, undefined: inout Int, scratch: inout [UInt8]
    ) -> String {
        scratch.removeAll(keepingCapacity: true)
        for b in bytes {
            if b < 0x80 {
                scratch.append(b)
                continue
            }
            let v = table[Int(b)]
            if v == 0xFFFD { undefined += 1 }
            if v < 0x800 {
                scratch.append(UInt8(0xC0 | v >> 6))
                scratch.append(UInt8(0x80 | v & 0x3F))
            } else {
                scratch.append(UInt8(0xE0 | v >> 12))
                scratch.append(UInt8(0x80 | (v >> 6) & 0x3F))
                scratch.append(UInt8(0x80 | v & 0x3F))
            }
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    static let table: [UInt32] = {
        var t = (0..<256).map { UInt32($0) }
        let high: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        for (k, v) in high.enumerated() { t[0x80 + k] = v }
        return t
    }()
}
