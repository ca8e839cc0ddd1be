import Foundation
import OfficeFormats

/// One problem found in an archive package (fixity check).
public struct ArchiveDamage: Equatable, Sendable, CustomStringConvertible {
    /// What kind of damage.
    public enum Kind: String, Sendable {
        /// The zip cannot be opened at all.
        case unreadablePackage
        /// Not one bag folder named like the zip, or unsafe entry names.
        case layout
        /// `bagit.txt` or a payload manifest is missing.
        case missingTagFile
        /// A tag file's text is not in BagIt form.
        case malformedTagFile
        /// A manifest names a file the bag does not hold.
        case missingFile
        /// A file's checksum differs from its manifest.
        case checksumMismatch
        /// A payload file no payload manifest lists.
        case unlistedFile
        /// `Payload-Oxum` does not match the payload.
        case payloadOxumMismatch
        /// A file's bytes cannot be read (e.g. the zip's CRC check fails).
        case unreadableFile
        /// A manifest uses an algorithm other than sha256/sha512.
        case unsupportedAlgorithm
    }

    /// The package's file name (e.g. "dip-v0003.zip").
    public var package: String
    /// The file inside the bag (e.g. "data/website/index.html"), when one is concerned.
    public var file: String?
    public var kind: Kind
    /// Indonesian explanation for the PPID.
    public var detail: String

    public init(package: String, file: String?, kind: Kind, detail: String) {
        self.package = package
        self.file = file
        self.kind = kind
        self.detail = detail
    }

    /// "dip-v0003.zip: data/x.csv: …" (Indonesian).
    public var description: String {
        [package, file, detail].compactMap { $0 }.joined(separator: ": ")
    }
}

/// The result of checking one package.
public struct ArchiveCheck: Equatable, Sendable {
    /// The package's file name.
    public var package: String
    /// Files whose checksums were recomputed (payload and tag files).
    public var filesChecked: Int
    public var damages: [ArchiveDamage]

    public var isIntact: Bool { damages.isEmpty }
}

/// Reopens archive packages and recomputes every checksum of every payload and tag file
/// (fixity), checks completeness and `Payload-Oxum`, and names each damaged file.
public enum ArchiveVerifier {
    /// Every damage in every `*.zip` package of `directory` (empty when all are intact or the
    /// folder holds none).
    public static func verify(packagesIn directory: URL) -> [ArchiveDamage] {
        checkAll(packagesIn: directory).flatMap(\.damages)
    }

    /// One result per package (`*.zip`, hidden partial files ignored), sorted by name.
    public static func checkAll(packagesIn directory: URL) -> [ArchiveCheck] {
        packages(in: directory).map { check(package: $0) }
    }

    /// The package files of a folder, sorted.
    public static func packages(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".zip") && !$0.hasPrefix(".") }
            .sorted().map { directory.appendingPathComponent($0) }
    }

    /// Checks one zipped bag.
    public static func check(package url: URL) -> ArchiveCheck {
        check(package: url, bagName: String(url.lastPathComponent.dropLast(4)))
    }

    /// Checks a zip whose bag folder is `bagName` (the packager's self-check of its
    /// temporary file, whose name is not the final one).
    static func check(package url: URL, bagName stem: String) -> ArchiveCheck {
        let name = url.lastPathComponent
        let source: BagSource
        var damages: [ArchiveDamage] = []
        do {
            let zip = try ZipBag(url: url, stem: stem)
            damages += zip.layoutProblems.map {
                ArchiveDamage(package: name, file: $0.file, kind: .layout, detail: $0.detail)
            }
            source = zip
        } catch {
            return ArchiveCheck(package: name, filesChecked: 0, damages: [ArchiveDamage(
                package: name, file: nil, kind: .unreadablePackage,
                detail: "paket tidak dapat dibuka sebagai berkas zip")])
        }
        let (checked, found) = verifyBag(source, package: name)
        return ArchiveCheck(package: name, filesChecked: checked, damages: damages + found)
    }

    /// The text of a top-level file of a zipped bag (`bag-info.txt`, `manifest-sha256.txt`),
    /// or nil when the package or the file cannot be read.
    public static func tagFile(_ name: String, package url: URL) -> String? {
        guard let zip = try? ZipBag(url: url, stem: String(url.lastPathComponent.dropLast(4))),
              let data = try? zip.read(name) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Checks an unpacked bag folder (for bags extracted by hand).
    public static func check(bagDirectory url: URL) -> ArchiveCheck {
        let name = url.lastPathComponent
        let (checked, found) = verifyBag(DirectoryBag(root: url), package: name)
        return ArchiveCheck(package: name, filesChecked: checked, damages: found)
    }

    // MARK: - The checks, independent of the container

    static let unreadableDetail =
        "isi berkas rusak dan tidak dapat dibaca utuh (pemeriksaan CRC atau dekompresi zip gagal)"

    static func verifyBag(_ bag: BagSource, package: String) -> (checked: Int, damages: [ArchiveDamage]) {
        var damages: [ArchiveDamage] = []
        func damage(_ file: String?, _ kind: ArchiveDamage.Kind, _ detail: String) {
            damages.append(ArchiveDamage(package: package, file: file, kind: kind, detail: detail))
        }
        let files = Set(bag.files)
        var cache: [String: [BagAlgorithm: String]] = [:]
        var unreadable = Set<String>()
        var sizes: [String: Int64] = [:]
        func digests(_ path: String) -> [BagAlgorithm: String]? {
            if let d = cache[path] { return d }
            if unreadable.contains(path) { return nil }
            do {
                let (d, size) = try bag.hash(path)
                cache[path] = d
                sizes[path] = size
                return d
            } catch {
                unreadable.insert(path)
                damage(path, .unreadableFile, unreadableDetail)
                return nil
            }
        }
        func text(_ path: String) -> String? {
            guard files.contains(path) else { return nil }
            do {
                let data = try bag.read(path)
                guard let s = String(data: data, encoding: .utf8) else {
                    damage(path, .malformedTagFile, "bukan teks UTF-8")
                    return nil
                }
                return s.hasPrefix("\u{FEFF}") ? String(s.dropFirst()) : s
            } catch {
                damage(path, .unreadableFile, unreadableDetail)
                return nil
            }
        }

        // bagit.txt
        if let bagit = text("bagit.txt") {
            let lines = bagit.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            if lines.count != 2 || !lines[0].hasPrefix("BagIt-Version: ")
                || lines[1] != "Tag-File-Character-Encoding: UTF-8" {
                damage("bagit.txt", .malformedTagFile, "isi bagit.txt tidak sesuai BagIt")
            }
        } else if !files.contains("bagit.txt") {
            damage("bagit.txt", .missingTagFile, "berkas bagit.txt tidak ada")
        }

        let topLevel = files.filter { !$0.contains("/") }.sorted()
        let payloadManifests = topLevel.filter { $0.hasPrefix("manifest-") && $0.hasSuffix(".txt") }
        let tagManifests = topLevel.filter { $0.hasPrefix("tagmanifest-") && $0.hasSuffix(".txt") }
        if payloadManifests.isEmpty {
            damage(nil, .missingTagFile, "tidak ada manifest muatan (manifest-sha512.txt)")
        }
        let payloadFiles = files.filter { $0.hasPrefix("data/") }
        var checkedFiles = Set<String>()

        for manifest in payloadManifests + tagManifests {
            let isTag = manifest.hasPrefix("tagmanifest-")
            let algName = String(manifest.dropFirst(isTag ? 12 : 9).dropLast(4))
            guard let alg = BagAlgorithm(rawValue: algName) else {
                damage(manifest, .unsupportedAlgorithm, "algoritma \(algName) tidak diperiksa (hanya sha256 dan sha512)")
                continue
            }
            guard let body = text(manifest) else { continue }
            let parsed = BagFormat.parseManifest(body)
            for line in parsed.bad {
                damage(manifest, .malformedTagFile, "baris \(line) bukan \"checksum path\"")
            }
            var listed = Set<String>()
            for entry in parsed.entries {
                listed.insert(entry.path)
                if !isTag && !entry.path.hasPrefix("data/") {
                    damage(manifest, .malformedTagFile, "mencantumkan berkas di luar data/: \(entry.path)")
                    continue
                }
                guard files.contains(entry.path) else {
                    damage(entry.path, .missingFile, "tercantum di \(manifest) tetapi tidak ada dalam paket")
                    continue
                }
                checkedFiles.insert(entry.path)
                guard let d = digests(entry.path) else { continue }
                if d[alg] != entry.digest {
                    damage(entry.path, .checksumMismatch, "checksum \(alg.rawValue) tidak cocok dengan \(manifest); isi berkas berubah atau rusak")
                }
            }
            if !isTag {
                for path in payloadFiles.sorted() where !listed.contains(path) {
                    damage(path, .unlistedFile, "berkas muatan tidak tercantum di \(manifest)")
                }
            }
        }

        // Payload-Oxum: bytes and file count of the payload as it is now.
        if let info = text("bag-info.txt") {
            let tags = BagFormat.parseTags(info)
            let oxums = tags.filter { $0.label.lowercased() == "payload-oxum" }.map(\.value)
            if oxums.count > 1 {
                damage("bag-info.txt", .malformedTagFile, "Payload-Oxum tercantum lebih dari sekali")
            }
            if let oxum = oxums.first {
                var total: Int64 = 0
                for path in payloadFiles {
                    if let size = sizes[path] { total += size } else if let size = bag.size(path) { total += size }
                }
                let actual = "\(total).\(payloadFiles.count)"
                if oxum != actual {
                    damage("bag-info.txt", .payloadOxumMismatch, "Payload-Oxum \(oxum) tidak cocok dengan muatan (\(actual))")
                }
            }
        }
        return (checkedFiles.count, damages)
    }
}

/// Read access to a bag's files, whatever holds them (zip or folder). Paths are relative to
/// the bag's base folder, "/"-separated.
protocol BagSource {
    var files: [String] { get }
    func read(_ path: String) throws -> Data
    func hash(_ path: String) throws -> (digests: [BagAlgorithm: String], size: Int64)
    func size(_ path: String) -> Int64?
}

/// A zipped bag: entries under one top-level folder named like the zip.
final class ZipBag: BagSource {
    let archive: ZipArchive
    let stem: String
    private var byPath: [String: ZipEntry] = [:]
    private(set) var layoutProblems: [(file: String?, detail: String)] = []

    /// Caps loose enough for any real payload; fixity, not zip-bomb defence, is the point.
    static let limits: XLSXLimits = {
        var l = XLSXLimits()
        l.maxEntryCount = 1_000_000
        l.maxPartSize = Int.max / 2
        l.maxCompressionRatio = Int.max / 2
        return l
    }()

    init(url: URL, stem: String) throws {
        archive = try ZipArchive(path: url.path, limits: Self.limits)
        self.stem = stem
        for name in archive.unsafeEntryNames {
            layoutProblems.append((name, "nama entri zip tidak aman"))
        }
        var tops = Set<String>()
        for entry in archive.entries where !entry.isDirectory {
            let parts = entry.name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                layoutProblems.append((entry.name, "berkas di luar folder paket"))
                continue
            }
            tops.insert(String(parts[0]))
            if parts[0] == stem { byPath[String(parts[1])] = entry }
        }
        if tops.count > 1 || (tops.first.map { $0 != stem } ?? false) {
            layoutProblems.append((nil, "zip harus berisi tepat satu folder bernama \(stem)/ (ditemukan: \(tops.sorted().joined(separator: ", ")))"))
        }
    }

    var files: [String] { byPath.keys.sorted() }

    func read(_ path: String) throws -> Data {
        guard let e = byPath[path] else { throw CocoaError(.fileNoSuchFile) }
        return Data(try archive.readAll(e))
    }

    func hash(_ path: String) throws -> (digests: [BagAlgorithm: String], size: Int64) {
        guard let e = byPath[path] else { throw CocoaError(.fileNoSuchFile) }
        let stream = try archive.openStream(e)
        var hasher = BagHasher()
        var buffer = [UInt8](repeating: 0, count: BagHasher.chunkSize)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return (hasher.finalize(), hasher.byteCount)
    }

    func size(_ path: String) -> Int64? { byPath[path].map { Int64($0.size) } }
}

/// An unpacked bag folder.
struct DirectoryBag: BagSource {
    let root: URL

    var files: [String] {
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var out: [String] = []
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out.append(rel)
            }
        }
        return out.sorted()
    }

    func read(_ path: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent(path)) }

    func hash(_ path: String) throws -> (digests: [BagAlgorithm: String], size: Int64) {
        try BagHasher.hashFile(root.appendingPathComponent(path))
    }

    func size(_ path: String) -> Int64? {
        let attrs = try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
        return (attrs?[.size] as? NSNumber)?.int64Value
    }
}
