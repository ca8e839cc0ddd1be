import Crypto
import Foundation
import Publish

/// Rows of a page kept between runs without a copy: the index (`archive/.cache/<kind>/<name>`)
/// says where each row of the page written last sits in that page, under the key of the row's
/// texts, with the SHA-256 of the row's bytes. The next pass reads a kept row straight from the
/// old page (opened before the new one replaces it) and uses it only when its bytes still
/// have that digest: a page edited, cut or replaced by hand only costs the rendering of the
/// rows that no longer match. Keeping a copy of the rows instead meant writing the 37 MB of a
/// regency's review page twice per run, which cost as much as rendering them.
///
/// The index is a first line with the frame key (what every row depends on besides its own
/// texts: the dip build), then one 84-byte record per row of the new page (key, SHA-256 of the
/// row's bytes without its number, offset and length in the page, where the number goes, the
/// number's length), then the SHA-256 of everything before; one whose frame or digest does not
/// match is ignored. The writer of the page calls `advance` with the size of every piece it
/// emits, and a row looked up or kept is the next piece it emits.
final class KeptPageIndex: @unchecked Sendable {
    struct Entry {
        /// The SHA-256 of the row's bytes without its number, as four words (an array per
        /// row was a third of the index's memory: 150,000 rows at four times a regency).
        var digest: KeptRowFile.Key
        var offset: Int
        var length: Int
        var split: Int
        var numberLength: Int
    }

    let url: URL
    let frame: String
    private var page: Int32 = -1
    /// The index read, as its records' bytes and an open-addressing table of record numbers
    /// (+1; 0 is empty) by key: a dictionary of entries cost 25 MB at four times a regency,
    /// the bytes and table about half (issue 19).
    private var old = KeptRecords()
    /// Keys recorded in the new index, by their first word: a row whose key is already there
    /// is not recorded twice. Two keys sharing a first word (a 64-bit prefix of SHA-256) would
    /// only cost the second row's rendering in the next run.
    private var seen = Set<UInt64>()
    /// The new index, written as it is made through a small buffer to a temporary file beside
    /// `url` and hashed on the way (held whole, it and its copies were 30 MB at 4×).
    private let writer: HashedFileWriter
    /// The row looked up or kept last, recorded when it is emitted (`advance`).
    private var pending: (key: KeptRowFile.Key, digest: KeptRowFile.Key, length: Int, split: Int)?
    /// Bytes of the new page emitted so far.
    private var offset = 0
    private(set) var reused = 0
    private(set) var rendered = 0

    /// Opens the index at `url` and the page it describes, `page` (read before it is replaced).
    init(url: URL, page pageURL: URL, frame: String) {
        self.url = url
        self.frame = frame
        writer = HashedFileWriter(url: url, frame: frame, bufferSize: Self.bufferSize)
        guard let data = try? Data(contentsOf: url), let parsed = Self.parse(Array(data), frame: frame) else { return }
        let fd = open(pageURL.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        page = fd
        old = parsed
    }

    deinit {
        if page >= 0 { close(page) }
    }

    static let bufferSize = 1 << 16

    /// A window of the page written last, read ahead: the rows kept come mostly in the order
    /// the page held them, so one read serves many rows (a read call per row cost more than
    /// the copy). Bounded, unlike a mapping of the whole page, which counted in the run's
    /// resident memory.
    private var window: [UInt8] = []
    private var windowStart = 0
    static let windowSize = 1 << 18

    /// The bytes of `entry`'s row without its number, nil when the page is too short.
    private func rowBytes(_ entry: Entry) -> [UInt8]? {
        let end = entry.offset + entry.length
        if entry.offset < windowStart || end > windowStart + window.count {
            let size = max(Self.windowSize, entry.length)
            if window.count != size { window = [UInt8](repeating: 0, count: size) }
            let n = window.withUnsafeMutableBytes { pread(page, $0.baseAddress!, size, off_t(entry.offset)) }
            guard n >= entry.length else {
                window = []
                return nil
            }
            if n < size { window.removeSubrange(n...) }
            windowStart = entry.offset
        }
        let row = window[(entry.offset - windowStart)..<(end - windowStart)]
        let number = (row.startIndex + entry.split)..<(row.startIndex + entry.split + entry.numberLength)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entry.length - entry.numberLength)
        bytes += row[..<number.lowerBound]
        bytes += row[number.upperBound...]
        return bytes
    }

    static let recordSize = 84

    /// The records of an index file, found by key.
    struct KeptRecords {
        /// The records, `recordSize` bytes each.
        var bytes: [UInt8] = []
        /// Record number + 1 at the place the key's first word hashes to, or the next free one.
        var table: [Int32] = []

        var isEmpty: Bool { bytes.isEmpty }

        init() {}

        init(records: [UInt8]) {
            bytes = records
            let count = records.count / KeptPageIndex.recordSize
            var capacity = 16
            while capacity < count * 2 { capacity <<= 1 }
            table = [Int32](repeating: 0, count: capacity)
            for r in 0..<count {
                let key = KeptRowFile.key(records[(r * KeptPageIndex.recordSize)..<(r * KeptPageIndex.recordSize + 32)])
                var at = Int(truncatingIfNeeded: key.a) & (capacity - 1)
                while table[at] != 0 {
                    // A later record of the same key wins, as in the file read into a dictionary.
                    if self.key(Int(table[at]) - 1) == key { break }
                    at = (at + 1) & (capacity - 1)
                }
                table[at] = Int32(r + 1)
            }
        }

        func key(_ r: Int) -> KeptRowFile.Key {
            KeptRowFile.key(bytes[(r * KeptPageIndex.recordSize)..<(r * KeptPageIndex.recordSize + 32)])
        }

        subscript(key: KeptRowFile.Key) -> Entry? {
            guard !table.isEmpty else { return nil }
            var at = Int(truncatingIfNeeded: key.a) & (table.count - 1)
            while table[at] != 0 {
                let r = Int(table[at]) - 1
                if self.key(r) == key {
                    let at = r * KeptPageIndex.recordSize
                    return Entry(digest: KeptRowFile.key(bytes[(at + 32)..<(at + 64)]),
                                 offset: Int(KeptPageIndex.uint64(bytes, at + 64)),
                                 length: Int(KeptRowFile.uint32(bytes, at + 72)),
                                 split: Int(KeptRowFile.uint32(bytes, at + 76)),
                                 numberLength: Int(KeptRowFile.uint32(bytes, at + 80)))
                }
                at = (at + 1) & (table.count - 1)
            }
            return nil
        }
    }

    static func parse(_ bytes: [UInt8], frame: String) -> KeptRecords? {
        let head = Array((frame + "\n").utf8)
        guard bytes.count >= head.count + 32, bytes.starts(with: head) else { return nil }
        let end = bytes.count - 32
        guard (end - head.count) % recordSize == 0,
              Array(SHA256.hash(data: bytes[..<end])) == Array(bytes[end...]) else { return nil }
        var at = head.count
        while at < end {
            let length = Int(KeptRowFile.uint32(bytes, at + 72))
            let split = Int(KeptRowFile.uint32(bytes, at + 76))
            let numberLength = Int(KeptRowFile.uint32(bytes, at + 80))
            guard split + numberLength <= length else { return nil }
            at += recordSize
        }
        return KeptRecords(records: Array(bytes[head.count..<end]))
    }

    static func uint64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        bytes[at..<(at + 8)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Counts a piece of the new page of `count` bytes; the row looked up or kept just before
    /// is that piece.
    func advance(_ count: Int) {
        if let row = pending, count >= row.length {
            record(row.key, row.digest, offset: offset, length: count, split: row.split, numberLength: count - row.length)
        }
        pending = nil
        offset += count
    }

    var rows: KeptRows {
        KeptRows(lookup: { [self] fields in
            pending = nil
            // Nothing kept (a first run): no digest to make here; `keep` makes it.
            guard page >= 0, !old.isEmpty else { return nil }
            let key = KeptRowFile.digest(fields)
            guard let entry = old[key] else { return nil }
            // The page holds the row with its number: the number's digits are taken out again.
            guard let bytes = rowBytes(entry) else { return nil }
            let digest = KeptRowFile.key(Array(SHA256.hash(data: bytes))[...])
            guard digest == entry.digest else { return nil }
            pending = (key, digest, bytes.count, entry.split)
            reused += 1
            return (bytes, entry.split)
        }, keep: { [self] fields, bytes, split in
            pending = (KeptRowFile.digest(fields), KeptRowFile.key(Array(SHA256.hash(data: bytes))[...]), bytes.count, split)
            rendered += 1
        })
    }

    private func record(_ key: KeptRowFile.Key, _ digest: KeptRowFile.Key, offset: Int, length: Int, split: Int, numberLength: Int) {
        guard seen.insert(key.a).inserted else { return }
        writer.append(key)
        writer.append(digest)
        writer.append(uint64: UInt64(offset))
        writer.append(uint32: UInt32(length))
        writer.append(uint32: UInt32(split))
        writer.append(uint32: UInt32(numberLength))
    }

    /// Writes the index of the page just written (temporary name, then rename).
    func finish() throws {
        try writer.finish()
    }
}
