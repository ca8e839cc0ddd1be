#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the standard library's Strings that `CellStrings` relies on.
enum CSVStrings {
    /// Whether the standard library lays out short ASCII Strings as `CellStrings.make` builds them (the
    /// 64-bit little-endian small-string form: bytes 0-7, bytes 8-14 and a tag byte
    /// `0xE0 | count`). Checked once by comparing the bits of Strings the standard library
    /// built itself, so no String of another layout is ever made; when it does not hold, the
    /// standard initialiser is used.
    static let inlineLayoutHolds: Bool = {
        guard MemoryLayout<String>.size == 16, UInt16(1).littleEndian == 1 else { return false }
        for text in ["", "a", "Softcopy", "Kepala Dinas", "123456789012345"] {
            let bytes = Array(text.utf8) + [UInt8](repeating: 0, count: 16)
            let expected = bytes.withUnsafeBytes { raw in
                (raw.loadUnaligned(as: UInt64.self),
                 raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | UInt64(0xE0 | text.utf8.count) &<< 56)
            }
            let built = String(decoding: bytes.prefix(text.utf8.count), as: UTF8.self)
            let bits = unsafeBitCast(built, to: (UInt64, UInt64).self)
            guard bits == expected else { return false }
        }
        return true
    }()
}

/// Builds the cell Strings of records already known to be valid UTF-8: the part of reading
/// that costs most, since every field becomes a String.
///
/// Short fields (up to 15 bytes) become small inline Strings, with no allocation. Long ones of
/// up to 64 bytes are looked up first: the String of a long field whose bytes equal a recent
/// field of the same column is reused, as pandas' C reader does with its per-column string
/// table. DIP lists repeat the unit, form, retention and category columns on every row; a
/// reused String costs a comparison and a retain instead of an allocation, a copy, validation
/// and later a free.
///
/// Per column a small direct-mapped table: the slot is chosen by a hash of the length and the
/// first and last eight bytes, and holds the bytes and the String last seen there. A column
/// whose fields rarely repeat (a running number, a summary) stops being looked up after a
/// while, and is tried again later in case the file changes.
final class CellStrings {
    static let columns = 32
    static let slotsPerColumn = 16
    static let minLength = 16
    static let maxLength = 64
    /// Lookups between verdicts on a column, and lookups skipped after a bad one.
    static let window = 512
    static let pause = 1 << 14

    private let bytes: UnsafeMutablePointer<UInt8>
    private let lengths: UnsafeMutablePointer<Int>
    private let strings: UnsafeMutablePointer<String>
    /// Per column, three counters: lookups and hits in the current window, and lookups still
    /// to skip while paused. Raw memory, as class properties would be checked for exclusive
    /// access on every use.
    private let counters: UnsafeMutablePointer<Int>
    /// `CSVStrings.inlineLayoutHolds`, read once (a lazy global is checked on every use).
    private let inlineLayout = CSVStrings.inlineLayoutHolds
    /// Where an inline String's two words are assembled before being moved out as a String.
    private let inlineBits = UnsafeMutableRawPointer.allocate(
        byteCount: MemoryLayout<String>.size, alignment: MemoryLayout<String>.alignment)

    init() {
        let slots = Self.columns * Self.slotsPerColumn
        bytes = .allocate(capacity: slots * Self.maxLength)
        lengths = .allocate(capacity: slots)
        lengths.initialize(repeating: -1, count: slots)
        strings = .allocate(capacity: slots)
        strings.initialize(repeating: "", count: slots)
        counters = .allocate(capacity: Self.columns * 3)
        counters.initialize(repeating: 0, count: Self.columns * 3)
    }

    deinit {
        let slots = Self.columns * Self.slotsPerColumn
        bytes.deallocate()
        lengths.deallocate()
        strings.deinitialize(count: slots)
        strings.deallocate()
        counters.deallocate()
        inlineBits.deallocate()
    }

    /// The String for `n` valid UTF-8 bytes of field `column`. The 16 bytes from `p` must be
    /// readable (see `ChunkedFile.padding`).
    @inline(__always)
    func string(_ p: UnsafePointer<UInt8>, _ n: Int, column: Int) -> String {
        guard n >= Self.minLength, n <= Self.maxLength, column < Self.columns else {
            return make(p, n)
        }
        return lookUp(p, n, column: column)
    }

    /// A String from bytes that are valid UTF-8. Up to 15 ASCII bytes, when `inlineLayout`
    /// holds, the small String's two words are built here and moved out as a String (moved,
    /// so not even the no-op retain of a copy is paid); other short text fills a small String
    /// through the standard initialiser, which re-checks only its ASCII bit.
    @inline(__always)
    func make(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        if n <= 15, inlineLayout {
            let raw = UnsafeRawPointer(p)
            let lo = raw.loadUnaligned(as: UInt64.self)
                & (n >= 8 ? ~0 : (1 &<< UInt64(n &* 8)) &- 1)
            let hi = n > 8 ? raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                & ((1 &<< UInt64((n &- 8) &* 8)) &- 1) : 0
            if (lo | hi) & 0x8080_8080_8080_8080 == 0 {
                inlineBits.storeBytes(of: lo, as: UInt64.self)
                inlineBits.storeBytes(
                    of: hi | UInt64(0xE0 | n) &<< 56, toByteOffset: 8, as: UInt64.self)
                return inlineBits.bindMemory(to: String.self, capacity: 1).move()
            }
        }
        if n <= 15 {
            return String(unsafeUninitializedCapacity: n) { out in
                out.baseAddress!.initialize(from: p, count: n)
                return n
            }
        }
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    private func lookUp(_ p: UnsafePointer<UInt8>, _ n: Int, column: Int) -> String {
        let counter = counters + column * 3
        if counter[2] > 0 {
            counter[2] -= 1
            return make(p, n)
        }
        let raw = UnsafeRawPointer(p)
        let first = raw.loadUnaligned(as: UInt64.self)
        let last = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        let h = (first ^ (last &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)) &* 0xBF58_476D_1CE4_E5B9
        let slot = column * Self.slotsPerColumn + Int(truncatingIfNeeded: h >> 60)
        let stored = bytes + slot * Self.maxLength
        counter[0] += 1
        if counter[0] == Self.window {
            if counter[1] * 8 < Self.window { counter[2] = Self.pause }
            counter[0] = 0
            counter[1] = 0
        }
        if lengths[slot] == n, memcmp(stored, p, n) == 0 {
            counter[1] += 1
            return strings[slot]
        }
        let s = make(p, n)
        stored.update(from: p, count: n)
        lengths[slot] = n
        strings[slot] = s
        return s
    }
}
