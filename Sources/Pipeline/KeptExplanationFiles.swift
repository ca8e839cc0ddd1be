import Crypto
import Foundation
import Publish

/// The review's explanation cells (`KeptExplanations`) kept between runs, one file per unit in
/// `archive/.cache/pemeriksaan-penjelasan/<unit>.teks`: a first line with the frame key, then
/// the unit's cells in the order the pack last asked for them, each as the 32-byte digest of
/// its key fields, its length (4 bytes, big-endian) and its UTF-8 text, then the SHA-256 of
/// everything before. A file whose frame or digest does not match reads as empty.
///
/// Nothing is held whole: a unit's file is checked and indexed when its first cell is asked
/// for, and a cell is read through a small window of the file when it is used (a regency's
/// cells are 16 MB; held as texts they were a tenth of an update's peak). A unit whose cells
/// come in the file's order, all found, keeps its file untouched; from the first cell that
/// differs, the unit's new file is written as the pack goes (the cells before copied from the
/// old file), through a small buffer, under a temporary name renamed by `finish`. So an update
/// of 6 of 60 units writes 6 files; a unit with no row in the pack loses its file.
final class KeptExplanationFiles: @unchecked Sendable {
    let folder: URL
    let frame: String
    private let lock = NSLock()
    private var units: [String: UnitFile] = [:]
    private var failure: Error?
    private(set) var reused = 0
    private(set) var rendered = 0

    init(parts: KeptParts, frame: String) {
        self.folder = parts.folder
        self.frame = frame
    }

    static func fileName(_ unit: String) -> String { "\(unit).teks" }
    static let windowSize = 1 << 15
    static let bufferSize = 1 << 15

    /// One unit's old file (its records' places) and its new file while it is written.
    final class UnitFile {
        let url: URL
        var keys: [KeptRowFile.Key] = []
        var offsets: [Int] = []
        var lengths: [Int] = []
        var index: [KeptRowFile.Key: Int] = [:]
        /// Cells asked for in this pass: the old record's number, or -1 for a cell made now.
        var seen: [KeptRowFile.Key: Int] = [:]
        /// While the cells asked for are the old file's first `matched`, in order, and
        /// `writer` is nil, the old file stays.
        var matched = 0
        /// The unit's new file while it is written (`HashedFileWriter`, through a small buffer).
        var writer: HashedFileWriter?
        var window: [UInt8] = []
        var windowStart = 0

        init(url: URL) { self.url = url }

        /// Bytes `offset..<offset+count` of the old file, nil when it is shorter.
        func read(_ offset: Int, _ count: Int) -> ArraySlice<UInt8>? {
            if offset < windowStart || offset + count > windowStart + window.count {
                let size = max(KeptExplanationFiles.windowSize, count)
                let fd = open(url.path, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { return nil }
                defer { close(fd) }
                var bytes = [UInt8](repeating: 0, count: size)
                let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, size, off_t(offset)) }
                guard n >= count else {
                    window = []
                    return nil
                }
                bytes.removeSubrange(n...)
                window = bytes
                windowStart = offset
            }
            return window[(offset - windowStart)..<(offset - windowStart + count)]
        }

        /// Old record `r` whole (key, length, text).
        func record(_ r: Int) -> ArraySlice<UInt8>? { read(offsets[r] - 36, lengths[r] + 36) }
    }

    var explanations: KeptExplanations {
        KeptExplanations { [self] unit, fields, make in
            let key = KeptRowFile.digest(fields)
            lock.lock()
            defer { lock.unlock() }
            let file = units[unit] ?? load(unit)
            if let r = file.seen[key] {
                // Asked again in this pass (a sheet made twice to fit a column).
                if r >= 0, let text = file.record(r) { return String(decoding: text.dropFirst(36), as: UTF8.self) }
                return make()
            }
            if let r = file.index[key], let record = file.record(r) {
                file.seen[key] = r
                reused += 1
                if file.writer == nil && r == file.matched {
                    file.matched += 1
                } else {
                    diverge(file)
                    file.writer?.append(record)
                }
                return String(decoding: record.dropFirst(36), as: UTF8.self)
            }
            let text = make()
            file.seen[key] = -1
            rendered += 1
            diverge(file)
            if let writer = file.writer {
                writer.append(key)
                writer.append(uint32: UInt32(text.utf8.count))
                writer.append(text.utf8)
            }
            return text
        }
    }

    /// Starts the unit's new file, with the old file's cells matched so far.
    private func diverge(_ file: UnitFile) {
        guard file.writer == nil else { return }
        let writer = HashedFileWriter(url: file.url, frame: frame, bufferSize: Self.bufferSize)
        if file.matched > 0 {
            let start = file.offsets[0] - 36
            let end = file.offsets[file.matched - 1] + file.lengths[file.matched - 1]
            // Copied a window at a time.
            var at = start
            while at < end {
                let count = min(Self.windowSize, end - at)
                guard let bytes = file.read(at, count) else {
                    writer.fail(DurableFiles.posixError("membaca", file.url.path))
                    break
                }
                writer.append(bytes)
                at += count
            }
        }
        file.writer = writer
    }

    /// Indexes a unit's old file; one that cannot be read or checked has no cell.
    private func load(_ unit: String) -> UnitFile {
        let file = UnitFile(url: folder.appendingPathComponent(Self.fileName(unit)))
        units[unit] = file
        guard let data = try? Data(contentsOf: file.url) else { return file }
        let bytes = [UInt8](data)
        let head = Array((frame + "\n").utf8)
        guard bytes.count >= head.count + 32, bytes.starts(with: head) else { return file }
        let end = bytes.count - 32
        guard Array(SHA256.hash(data: bytes[..<end])) == Array(bytes[end...]) else { return file }
        var at = head.count
        var keys: [KeptRowFile.Key] = [], offsets: [Int] = [], lengths: [Int] = []
        while at < end {
            guard at + 36 <= end else { return file }
            let length = Int(KeptRowFile.uint32(bytes, at + 32))
            guard length <= end - at - 36 else { return file }
            keys.append(KeptRowFile.key(bytes[at..<(at + 32)]))
            offsets.append(at + 36)
            lengths.append(length)
            at += 36 + length
        }
        file.keys = keys
        file.offsets = offsets
        file.lengths = lengths
        file.index.reserveCapacity(keys.count)
        // A key twice (never written so) keeps its first record.
        for (r, key) in keys.enumerated() where file.index[key] == nil { file.index[key] = r }
        return file
    }

    /// Writes the new files of the units whose cells changed, and removes those of units with no
    /// cell in this pass. Called once the pack is written.
    func finish() throws {
        lock.lock()
        defer { lock.unlock() }
        for (_, file) in units.sorted(by: { $0.key < $1.key }) {
            if file.writer == nil && file.matched == file.keys.count && !file.keys.isEmpty { continue }
            // Fewer cells than the old file's: its first `matched`.
            if file.writer == nil { diverge(file) }
            try file.writer?.finish()
        }
        let names = Set(units.keys.map(Self.fileName))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !names.contains(name) {
            unlink(folder.appendingPathComponent(name).path)
        }
    }
}
