import BuildInfo
import DIPCore
import Foundation
import OfficeFormats

/// One file to put in a bag's payload (`data/…`).
public struct ArchivePayload: Sendable, Hashable {
    /// Where the bytes come from.
    public enum Source: Sendable, Hashable {
        /// A file on disk, streamed (never loaded whole).
        case file(URL)
        /// Bytes produced in memory (e.g. a register export).
        case bytes(Data)
    }

    /// Path inside `data/`, "/"-separated, e.g. "website/index.html".
    public var path: String
    public var source: Source

    public init(path: String, source: Source) {
        self.path = path
        self.source = source
    }

    public static func file(_ path: String, _ url: URL) -> ArchivePayload {
        ArchivePayload(path: path, source: .file(url))
    }

    public static func bytes(_ path: String, _ data: Data) -> ArchivePayload {
        ArchivePayload(path: path, source: .bytes(data))
    }

    /// Every regular file under `directory` (recursively, hidden files skipped), placed under
    /// `prefix` in the payload, sorted by path.
    ///
    /// A folder that is missing, is not a folder, holds no file, or cannot be walked is an error
    /// (`folderWithoutFiles` / `unreadableSource`), never an empty list: a package written from an
    /// empty list would lack the folder's files without anyone noticing. (On Linux,
    /// `FileManager.enumerator` returns a walker for a missing folder that simply yields nothing,
    /// so the folder is checked here first and walk errors are caught by the error handler.)
    public static func directory(_ directory: URL, under prefix: String) throws -> [ArchivePayload] {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isFolder) else {
            throw ArchiveError.folderWithoutFiles(path: directory.path, reason: "tidak ada")
        }
        guard isFolder.boolValue else {
            throw ArchiveError.folderWithoutFiles(path: directory.path, reason: "bukan folder")
        }
        let base = directory.standardizedFileURL.resolvingSymlinksInPath()
        var walkError: (URL, Error)?
        guard let walker = fm.enumerator(
            at: base, includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles], errorHandler: { url, error in
                walkError = (url, error)
                return false
            }) else {
            throw ArchiveError.unreadableSource(path: directory.path, reason: "folder tidak dapat dibaca")
        }
        var out: [ArchivePayload] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey])
            guard values?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(base.path + "/") else { continue }
            let rel = String(full.dropFirst(base.path.count + 1))
            let path = prefix.isEmpty ? rel : prefix.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/" + rel
            out.append(.file(path, url))
        }
        if let (url, error) = walkError {
            throw ArchiveError.unreadableSource(path: url.path, reason: error.localizedDescription)
        }
        guard !out.isEmpty else {
            throw ArchiveError.folderWithoutFiles(path: directory.path, reason: "tidak berisi satu berkas pun")
        }
        return out.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    /// A payload-safe version of a file name: NFC, with "%", "\", control characters and
    /// Windows-reserved characters replaced by "_" (bagit-python does not decode "%25", so a
    /// literal "%" would make the bag unverifiable by common tools).
    public static func safeName(_ name: String) -> String {
        let reserved = Set("%\\:*?\"<>|".unicodeScalars)
        let scalars = name.precomposedStringWithCanonicalMapping.unicodeScalars.map { u -> Unicode.Scalar in
            (u.value < 0x20 || u.value == 0x7F || reserved.contains(u)) ? "_" : u
        }
        var s = String(String.UnicodeScalarView(scalars))
        if s.isEmpty || s == "." || s == ".." { s = "_" + s }
        return s
    }
}

/// Who and what a bag describes (`bag-info.txt`).
public struct ArchiveSettings: Codable, Hashable, Sendable {
    public var sourceOrganization: String
    public var organizationAddress: String?
    public var contactName: String?
    public var contactEmail: String?
    /// `Bag-Software-Agent`: the program and the exact build, "dip 0.2.0 (abc1234)"
    /// (`BuildInfo.softwareAgent`), for the package's provenance.
    public var softwareAgent: String

    public init(
        sourceOrganization: String = "Pemerintah Kabupaten Serang",
        organizationAddress: String? = nil, contactName: String? = nil,
        contactEmail: String? = nil, softwareAgent: String = BuildInfo.softwareAgent
    ) {
        self.sourceOrganization = sourceOrganization
        self.organizationAddress = organizationAddress
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.softwareAgent = softwareAgent
    }
}

/// Why a package could not be built.
public enum ArchiveError: Error, Equatable, Sendable {
    /// A package for this version exists already; packages are never overwritten.
    case packageExists(path: String)
    /// A payload path is unsafe or not portable (reason in Indonesian).
    case invalidPayloadPath(path: String, reason: String)
    /// Two payload entries share a path (or differ only in letter case).
    case duplicatePayloadPath(String)
    /// A source file could not be read.
    case unreadableSource(path: String, reason: String)
    /// A folder given as payload is missing, is not a folder or holds no file (`reason` in Indonesian).
    case folderWithoutFiles(path: String, reason: String)
    /// Writing the package failed (`reason`: the system's or the zip library's text).
    case writeFailed(path: String, reason: String)
    /// The zip just written did not read back as the bag it should be (`damages` in Indonesian):
    /// dip's own finding, not a system message, so it is not passed through `SystemErrorText`.
    case failedSelfCheck(path: String, damages: [String])
    /// Only approved or published versions are archived.
    case versionNotApproved(number: Int)
}

extension ArchiveError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .packageExists(let p):
            return "Paket arsip \(p) sudah ada; paket arsip tidak pernah ditimpa."
        case .invalidPayloadPath(let p, let r):
            return "Nama berkas \"\(p)\" tidak dapat dimasukkan ke paket arsip: \(r)."
        case .duplicatePayloadPath(let p):
            return "Berkas \"\(p)\" dimasukkan lebih dari sekali ke paket arsip."
        case .unreadableSource(let p, let r):
            return "Berkas sumber \(p) tidak dapat dibaca. \(SystemErrorText.explained(r))."
        case .folderWithoutFiles(let p, let r):
            return "Folder \(p) \(r), padahal isinya harus masuk ke paket arsip; paket arsip tidak ditulis. "
                + "Periksa apakah folder itu dipindah atau dihapus, kembalikan berkasnya, lalu jalankan lagi."
        case .writeFailed(let p, let r):
            return "Gagal menulis paket arsip \(p). \(SystemErrorText.explained(r))."
        case .failedSelfCheck(let p, let damages):
            return "Paket arsip \(p) yang baru ditulis tidak lolos pemeriksaan ulang (\(damages.joined(separator: "; "))), "
                + "jadi tidak disimpan. Jalankan dip run lagi; bila berulang, periksa disk tempat archive/ dan berkas usulan yang disebut."
        case .versionNotApproved(let n):
            return "DIP versi \(n) masih draf; hanya versi yang disetujui yang diarsipkan."
        }
    }
}

/// A package written by `ArchivePackager`.
public struct ArchivePackage: Sendable, Equatable {
    /// The zip file.
    public var url: URL
    /// Bag base name, e.g. "dip-v0003" (the zip's only top-level folder).
    public var name: String
    public var externalIdentifier: String
    /// `<payload bytes>.<payload files>`.
    public var payloadOxum: String
    /// Payload paths relative to the bag (all start with "data/"), sorted.
    public var payloadPaths: [String]
}

/// Builds one zipped BagIt 1.0 bag (RFC 8493) per published DIP version: payload under
/// `data/`, SHA-512 and SHA-256 manifests and tag manifests, `bag-info.txt`; the zip holds one
/// folder named like the zip. Packages are never overwritten.
public struct ArchivePackager: Sendable {
    public var settings: ArchiveSettings

    public init(settings: ArchiveSettings = ArchiveSettings()) {
        self.settings = settings
    }

    /// "dip-v0003" for version 3.
    public static func packageName(forVersion number: Int) -> String {
        let digits = String(number)
        return "dip-v" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// "DIP-v3" for version 3.
    public static func externalIdentifier(forVersion number: Int) -> String { "DIP-v\(number)" }

    /// Writes `<directory>/dip-vNNNN.zip` for `version`.
    ///
    /// - Parameters:
    ///   - payload: the files to archive (paths relative to `data/`).
    ///   - clock: Bagging-Date and zip entry times come from it, so a rerun is byte-identical.
    /// - Returns: the package written.
    /// - Throws: `ArchiveError` (`packageExists` when the zip is already there).
    @discardableResult
    public func package(
        version: DIPVersion, payload: [ArchivePayload], clock: Clock, into directory: URL
    ) throws -> ArchivePackage {
        guard version.status != .draft else { throw ArchiveError.versionNotApproved(number: version.number) }
        let name = Self.packageName(forVersion: version.number)
        let destination = directory.appendingPathComponent(name + ".zip")
        let fm = FileManager.default
        if fm.fileExists(atPath: destination.path) {
            throw ArchiveError.packageExists(path: destination.path)
        }
        let entries = try Self.validated(payload)

        // Hash the payload first: manifests and bag-info go before it in the zip.
        var digests: [BagAlgorithm: [(path: String, digest: String)]] = [:]
        var totalBytes: Int64 = 0
        for entry in entries {
            let (d, size): ([BagAlgorithm: String], Int64)
            switch entry.source {
            case .file(let url):
                do { (d, size) = try BagHasher.hashFile(url) } catch {
                    throw ArchiveError.unreadableSource(path: url.path, reason: SystemErrorText.reason(of: error))
                }
            case .bytes(let data):
                var h = BagHasher()
                h.update(data)
                (d, size) = (h.finalize(), h.byteCount)
            }
            totalBytes += size
            for alg in BagAlgorithm.allCases {
                digests[alg, default: []].append(("data/" + entry.path, d[alg]!))
            }
        }
        let oxum = "\(totalBytes).\(entries.count)"

        var tagFiles: [(name: String, data: Data)] = []
        tagFiles.append(("bagit.txt", Data(BagFormat.bagitTxt.utf8)))
        let records = entries.contains { $0.path.hasPrefix("keputusan/") && $0.path.contains("berita-acara-uji-konsekuensi") }
        tagFiles.append(("bag-info.txt", Data(bagInfo(version: version, oxum: oxum,
                                                      bytes: totalBytes, clock: clock, records: records).utf8)))
        for alg in BagAlgorithm.allCases.sorted() {
            tagFiles.append(("manifest-\(alg.rawValue).txt",
                             Data(BagFormat.manifest(digests[alg] ?? []).utf8)))
        }
        var tagManifests: [(name: String, data: Data)] = []
        for alg in BagAlgorithm.allCases.sorted() {
            let lines = tagFiles.map { file -> (path: String, digest: String) in
                var h = BagHasher()
                h.update(file.data)
                return (file.name, h.finalize()[alg]!)
            }
            tagManifests.append(("tagmanifest-\(alg.rawValue).txt", Data(BagFormat.manifest(lines).utf8)))
        }

        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError.writeFailed(path: directory.path, reason: SystemErrorText.reason(of: error))
        }
        let partial = directory.appendingPathComponent(".\(name).zip.partial-\(getpid())")
        try? fm.removeItem(at: partial)
        do {
            let zip = try ZipWriter(destination: partial, timeZone: Clock.wib)
            for file in tagFiles + tagManifests {
                try zip.add(path: "\(name)/\(file.name)", data: file.data, modified: clock.now)
            }
            for entry in entries {
                let path = "\(name)/data/\(entry.path)"
                switch entry.source {
                case .file(let url): try zip.addFile(path: path, from: url, modified: clock.now)
                case .bytes(let data): try zip.add(path: path, data: data, modified: clock.now)
                }
            }
            try zip.close()
        } catch {
            try? fm.removeItem(at: partial)
            throw ArchiveError.writeFailed(path: destination.path, reason: "\(error)")
        }
        // Re-read the finished zip before it becomes the package: libzip streams source files
        // at close time, so a file changed after hashing must not be archived unnoticed.
        let selfCheck = ArchiveVerifier.check(package: partial, bagName: name)
        if !selfCheck.isIntact {
            try? fm.removeItem(at: partial)
            // Each damage without the temporary zip's name (the message names the package).
            throw ArchiveError.failedSelfCheck(path: destination.path,
                                               damages: selfCheck.damages.map { [$0.file, $0.detail].compactMap { $0 }.joined(separator: ": ") })
        }
        try Self.publishWithoutOverwrite(partial, as: destination)
        return ArchivePackage(
            url: destination, name: name,
            externalIdentifier: Self.externalIdentifier(forVersion: version.number),
            payloadOxum: oxum, payloadPaths: entries.map { "data/" + $0.path })
    }

    /// Moves the finished zip into place with link(2), which fails rather than replace an
    /// existing package (a plain rename would overwrite one created meanwhile).
    static func publishWithoutOverwrite(_ partial: URL, as destination: URL) throws {
        defer { unlink(partial.path) }
        if link(partial.path, destination.path) == 0 { return }
        let code = errno
        if code == EEXIST { throw ArchiveError.packageExists(path: destination.path) }
        // File systems without hard links: check, then rename.
        if FileManager.default.fileExists(atPath: destination.path) {
            throw ArchiveError.packageExists(path: destination.path)
        }
        if rename(partial.path, destination.path) != 0 {
            throw ArchiveError.writeFailed(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }

    /// `records`: the payload holds a berita acara (a version resting only on tests issued with
    /// earlier versions holds none; its register export still has each test's full record).
    func bagInfo(version: DIPVersion, oxum: String, bytes: Int64, clock: Clock, records: Bool) -> String {
        var description = "Paket arsip Daftar Informasi Publik versi \(version.number)"
        if let n = version.decreeNumber {
            description += ", Keputusan Nomor \(n)"
            if let dik = version.dikDecreeNumber { description += " dan Keputusan Klasifikasi DIK Nomor \(dik)" }
            if let d = version.decreeDate { description += " tanggal \(clock.indonesianDate(d))" }
        }
        // What the payload holds (PublishStage.publishApproved), no more: the decrees as dip
        // printed them for signing, never the signed originals (those are kept on paper or as
        // the PPID's scan), so the description must not call them signed.
        let tested = version.exempted.contains { $0.consequenceTest != nil } || version.items.contains { $0.consequenceTest != nil }
        description += ": naskah keputusan sebagaimana dicetak untuk ditandatangani"
            + (records ? " beserta berita acara uji konsekuensi" : "")
            + ", keluaran situs web, berkas usulan asli dan ekspor register"
            + (tested ? " dengan catatan lengkap setiap uji konsekuensi." : ".")
        var text = BagFormat.tagLine("Source-Organization", settings.sourceOrganization)
        if let a = settings.organizationAddress { text += BagFormat.tagLine("Organization-Address", a) }
        if let c = settings.contactName { text += BagFormat.tagLine("Contact-Name", c) }
        if let c = settings.contactEmail { text += BagFormat.tagLine("Contact-Email", c) }
        text += BagFormat.tagLine("External-Description", description)
        text += BagFormat.tagLine("Bagging-Date", clock.isoDate())
        text += BagFormat.tagLine("External-Identifier", Self.externalIdentifier(forVersion: version.number))
        text += BagFormat.tagLine("Bag-Size", BagFormat.humanSize(bytes))
        text += BagFormat.tagLine("Payload-Oxum", oxum)
        text += BagFormat.tagLine("Bag-Count", "1 of 1")
        text += BagFormat.tagLine("Bag-Software-Agent", settings.softwareAgent)
        return text
    }

    /// Checks payload paths (relative, portable, NFC, no "%", CR, LF, no "." or ".."
    /// segments, unique ignoring case, no file also used as a folder) and sorts them.
    static func validated(_ payload: [ArchivePayload]) throws -> [ArchivePayload] {
        var seen: [String: String] = [:]
        for p in payload {
            let path = p.path
            func bad(_ reason: String) -> ArchiveError { .invalidPayloadPath(path: path, reason: reason) }
            if path.isEmpty { throw bad("nama kosong") }
            if path.hasPrefix("/") || path.hasSuffix("/") { throw bad("diawali atau diakhiri garis miring") }
            if path.contains("\\") { throw bad("memuat garis miring terbalik") }
            if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw bad("memuat karakter kendali (misalnya baris baru)")
            }
            if path.contains("%") { throw bad("memuat tanda %; gunakan ArchivePayload.safeName") }
            // String == ignores normalisation, so compare the scalars themselves.
            if !path.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(path.unicodeScalars) { throw bad("tidak dalam bentuk Unicode NFC") }
            let segments = path.split(separator: "/", omittingEmptySubsequences: false)
            if segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
                throw bad("memuat segmen kosong, \".\" atau \"..\"")
            }
            let key = path.lowercased()
            if seen[key] != nil { throw ArchiveError.duplicatePayloadPath(path) }
            seen[key] = path
        }
        // A path that is also another path's folder cannot be extracted. Checked in path
        // order: the dictionary's own order is seeded per instance, and the refusal would name
        // a different path from one run to the next.
        for key in seen.keys.sorted() {
            var prefix = Substring(key)
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if let clash = seen[String(prefix)] {
                    throw ArchiveError.invalidPayloadPath(path: clash, reason: "nama yang sama dipakai sebagai folder")
                }
            }
        }
        return payload.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }
}
