import DIPCore
import Foundation

/// Keeps every submitted file exactly as received, before anything else happens to it.
///
/// Files are content-addressed: `archive/originals/<sha256>.<ext>`, with a receipt
/// `<sha256>.json` listing each time (unit, file name, time) the same bytes arrived. An
/// identical file dropped again is therefore recognised without a second copy.
public struct OriginalsArchive: Sendable {
    public let folder: URL

    public init(workspace: Workspace) {
        folder = workspace.originals
    }

    /// One arrival of a file.
    public struct Receipt: Codable, Hashable, Sendable {
        public var unit: String
        public var fileName: String
        public var receivedAt: String
    }

    /// The record kept next to each archived original.
    public struct Record: Codable, Hashable, Sendable {
        public var sha256: String
        public var size: Int
        public var storedAs: String
        public var receipts: [Receipt]
    }

    /// What happened when a file was archived.
    public struct Stored: Sendable {
        public var sha256: String
        public var path: URL
        /// True when these bytes had already arrived from this unit before.
        public var seenBefore: Bool
    }

    /// Copies `file` into the archive durably (or finds it there) and records the receipt.
    public func store(_ file: URL, unit: String, receivedAt: String) throws -> Stored {
        try DurableFiles.createDirectory(folder)
        // Hash while copying to a staging name, so the name reflects exactly the bytes kept
        // even if the unit overwrites the inbox file meanwhile.
        let staging = folder.appendingPathComponent(".incoming-\(getpid())")
        let sha = try DurableFiles.copy(file, to: staging)
        let ext = file.pathExtension.lowercased()
        let name = ext.isEmpty ? sha : "\(sha).\(ext)"
        let target = folder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: target.path) {
            unlink(staging.path)
        } else if rename(staging.path, target.path) != 0 {
            unlink(staging.path)
            throw DurableFiles.posixError("menyimpan", target.path)
        } else {
            DurableFiles.syncDirectory(folder)
        }
        let recordURL = folder.appendingPathComponent("\(sha).json")
        var record = (try? JSONDecoder().decode(Record.self, from: Data(contentsOf: recordURL)))
            ?? Record(sha256: sha, size: fileSize(target), storedAs: name, receipts: [])
        let seenBefore = record.receipts.contains { $0.unit == unit }
        let receipt = Receipt(unit: unit, fileName: file.lastPathComponent, receivedAt: receivedAt)
        if !record.receipts.contains(receipt) {
            record.receipts.append(receipt)
            record.receipts.sort { ($0.receivedAt, $0.unit, $0.fileName) < ($1.receivedAt, $1.unit, $1.fileName) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try DurableFiles.write(try encoder.encode(record), to: recordURL)
        }
        return Stored(sha256: sha, path: target, seenBefore: seenBefore)
    }

    /// The archived copy of a submission, if present.
    public func record(sha256: String) -> Record? {
        let url = folder.appendingPathComponent("\(sha256).json")
        return try? JSONDecoder().decode(Record.self, from: Data(contentsOf: url))
    }

    private func fileSize(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
