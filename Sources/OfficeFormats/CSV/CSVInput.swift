#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read in chunks into one growable buffer; `start..<end` holds unconsumed bytes.
/// The whole allocation is initialised and `padding` bytes follow the buffer, so a word load
/// starting inside it never reads past the allocation or uninitialised memory
/// (`CellStrings.make` loads 16 bytes for a field of up to 15; the extra bytes are masked).
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

    /// Moves the unconsumed bytes to the front, grows the buffer when they fill it, and reads
    /// until the buffer is full or the file ends.
    func fill() throws {
        if eof { return }
        if start > 0 {
            memmove(buffer, buffer + start, end - start)
            end -= start
            start = 0
        }
        if end == capacity {
            let bigger = ChunkedFile.allocate(capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while end < capacity {
            let n: Int
            do {
                n = try file.read(into: buffer + end, count: capacity - end, at: offset)
            } catch let error as FileReadError {
                throw CSVError.readFailed(path: path, errno: error.code)
            }
            offset += n
            if n == 0 {
                eof = true
                break
            }
            end += n
        }
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
        let raw = UnsafeRawPointer(p)
        var i = 0
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
            default: return false
            }
            for k in 1..<len {
                if i + k >= n { return allowTruncatedEnd }
                let c = p[i + k]
                if k == 1 {
                    if c < lo || c > hi { return false }
                } else if c & 0xC0 != 0x80 {
                    return false
                }
            }
            i += len
        }
        return true
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
