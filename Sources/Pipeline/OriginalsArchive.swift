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
        /// The size of the bytes archived (as copied from the inbox), to tell a copy that
        /// changed under the reader.
        public var size: Int = 0
    }

    /// Copies `file` into the archive durably (or finds it there) and records the receipt.
    /// `fileName` is the name the unit gave it (the file may sit under its claimed name).
    public func store(_ file: URL, fileName: String? = nil, unit: String, receivedAt: String) throws -> Stored {
        let fileName = fileName ?? file.lastPathComponent
        try DurableFiles.createDirectory(folder)
        // Hash while copying to a staging name, so the name reflects exactly the bytes kept
        // even if the unit overwrites the inbox file meanwhile.
        let staging = folder.appendingPathComponent(".incoming-\(getpid())")
        let sha = try DurableFiles.copy(file, to: staging)
        let size = fileSize(staging)
        let ext = (fileName as NSString).pathExtension.lowercased()
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
        let receipt = Receipt(unit: unit, fileName: fileName, receivedAt: receivedAt)
        if !record.receipts.contains(receipt) {
            record.receipts.append(receipt)
            record.receipts.sort { ($0.receivedAt, $0.unit, $0.fileName) < ($1.receivedAt, $1.unit, $1.fileName) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try DurableFiles.write(try encoder.encode(record), to: recordURL)
        }
        return Stored(sha256: sha, path: target, seenBefore: seenBefore, size: size)
    }

    /// One archived original that is not what its name and record say.
    public struct Damage: Hashable, Sendable {
        public var file: String
        /// Indonesian: what is wrong.
        public var detail: String
    }

    /// Fixity of the originals: every file's SHA-256 must be its name, every record must
    /// name a file that is there. Returns the files checked and the damages found.
    public func verify() -> (checked: Int, damages: [Damage]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        // Each receipt read once, by the SHA-256 it is named by.
        var records: [String: Record] = [:]
        for name in names where name.hasSuffix(".json") {
            let sha = String(name.dropLast(5))
            records[sha] = record(sha256: sha)
        }
        var checked = 0
        var damages: [Damage] = []
        for name in names where !name.hasSuffix(".json") {
            checked += 1
            let expected = String(name.prefix { $0 != "." })
            do {
                let actual = try DurableFiles.sha256(of: folder.appendingPathComponent(name))
                if actual != expected {
                    damages.append(Damage(file: name, detail: "isi berkas berubah (SHA-256 \(actual), seharusnya sesuai namanya)"))
                }
            } catch {
                damages.append(Damage(file: name, detail: "tidak dapat dibaca: \(FailureText.describe(error))"))
            }
            if records[expected] == nil {
                damages.append(Damage(file: name, detail: "catatan penerimaan \(expected).json hilang atau rusak"))
            }
        }
        for name in names where name.hasSuffix(".json") {
            guard let record = records[String(name.dropLast(5))] else {
                damages.append(Damage(file: name, detail: "catatan penerimaan tidak dapat dibaca"))
                continue
            }
            if !names.contains(record.storedAs) {
                damages.append(Damage(file: record.storedAs, detail: "berkas asli hilang (tercatat di \(name))"))
            }
        }
        return (checked, damages)
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
