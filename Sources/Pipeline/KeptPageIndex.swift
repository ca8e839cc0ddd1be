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
    private var index: [KeptRowFile.Key: Entry] = [:]
    private var records: [UInt8] = []
    private var seen = Set<KeptRowFile.Key>()
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
        records = Array((frame + "\n").utf8)
        guard let data = try? Data(contentsOf: url), let parsed = Self.parse(Array(data), frame: frame) else { return }
        let fd = open(pageURL.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        page = fd
        index = parsed
    }

    deinit {
        if page >= 0 { close(page) }
    }

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

    static func parse(_ bytes: [UInt8], frame: String) -> [KeptRowFile.Key: Entry]? {
        let head = Array((frame + "\n").utf8)
        guard bytes.count >= head.count + 32, bytes.starts(with: head) else { return nil }
        let end = bytes.count - 32
        guard (end - head.count) % recordSize == 0,
              Array(SHA256.hash(data: bytes[..<end])) == Array(bytes[end...]) else { return nil }
        var parsed: [KeptRowFile.Key: Entry] = [:]
        parsed.reserveCapacity((end - head.count) / recordSize)
        var at = head.count
        while at < end {
            let key = KeptRowFile.key(bytes[at..<(at + 32)])
            let offset = Int(uint64(bytes, at + 64))
            let length = Int(KeptRowFile.uint32(bytes, at + 72))
            let split = Int(KeptRowFile.uint32(bytes, at + 76))
            let numberLength = Int(KeptRowFile.uint32(bytes, at + 80))
            guard split + numberLength <= length else { return nil }
            parsed[key] = Entry(digest: KeptRowFile.key(bytes[(at + 32)..<(at + 64)]), offset: offset, length: length,
                                split: split, numberLength: numberLength)
            at += recordSize
        }
        return parsed
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
            guard page >= 0, !index.isEmpty else { return nil }
            let key = KeptRowFile.digest(fields)
            guard let entry = index[key] else { return nil }
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
        guard seen.insert(key).inserted else { return }
        for word in [key.a, key.b, key.c, key.d] { withUnsafeBytes(of: word.bigEndian) { records += $0 } }
        for word in [digest.a, digest.b, digest.c, digest.d] { withUnsafeBytes(of: word.bigEndian) { records += $0 } }
        withUnsafeBytes(of: UInt64(offset).bigEndian) { records += $0 }
        withUnsafeBytes(of: UInt32(length).bigEndian) { records += $0 }
        withUnsafeBytes(of: UInt32(split).bigEndian) { records += $0 }
        withUnsafeBytes(of: UInt32(numberLength).bigEndian) { records += $0 }
    }

    /// Writes the index of the page just written (temporary name, then rename).
    func finish() throws {
        var data = records
        data += Array(SHA256.hash(data: records))
        let parts = KeptParts(folder: url.deletingLastPathComponent())
        try parts.write(url.lastPathComponent, data)
    }
}
