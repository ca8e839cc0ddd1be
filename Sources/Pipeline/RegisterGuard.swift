import Foundation
import Publish
import Register

/// Keeps a lost, emptied or older register from being silently replaced (issue 16 #3): the
/// archive's originals and packages are the history a register must know. A register that
/// does not know them was lost or restored from an older backup; a run on it would restart
/// version numbers and take old packages for new versions.
public enum RegisterGuard {
    /// Archived things the register does not know.
    public struct Unknown: Hashable, Sendable {
        /// Original submissions (`archive/originals/<name>` with the unit and file name of a
        /// receipt) whose arrival the register has no record of.
        public var originals: [String] = []
        /// Packages in `archive/paket/` of versions the register has not approved or published.
        public var packages: [String] = []

        public var isEmpty: Bool { originals.isEmpty && packages.isEmpty }

        public init(originals: [String] = [], packages: [String] = []) {
            self.originals = originals
            self.packages = packages
        }

        /// Indonesian lines, one per thing, for the log and `verify-archive`.
        public var lines: [String] {
            packages.map { "paket arsip \($0)" } + originals.map { "berkas asli \($0)" }
        }
    }

    /// Units' arrivals recorded in the originals' receipts, as ("unit/sha256", description).
    /// The PPID's review workbooks (unit `_ppid`) are not submissions and are left out.
    static func archivedArrivals(_ workspace: Workspace) -> [(key: String, description: String)] {
        let archive = OriginalsArchive(workspace: workspace)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: archive.folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }.sorted()
        var out: [(String, String)] = []
        for name in names {
            guard let record = archive.record(sha256: String(name.dropLast(5))) else { continue }
            for unit in Set(record.receipts.map(\.unit)).sorted() where !Workspace.reservedInboxFolders.contains(unit) {
                let file = record.receipts.first { $0.unit == unit }?.fileName ?? ""
                out.append(("\(unit)/\(record.sha256)", "\(record.storedAs) (\(unit): \(file))"))
            }
        }
        return out
    }

    /// Package files in `archive/paket/` with the version number their name gives.
    static func packages(_ workspace: Workspace) -> [(number: Int, file: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.packages.path)) ?? []
        return names.sorted().compactMap { name in
            guard name.hasPrefix("dip-v"), name.hasSuffix(".zip"),
                  let n = Int(name.dropFirst(5).dropLast(4)) else { return nil }
            return (n, name)
        }
    }

    /// Files claimed from unit folders by a run that was stopped ("unit/sha256"): archived,
    /// perhaps, but not yet recorded, which is not a sign of an older register.
    static func pendingClaims(_ workspace: Workspace) -> Set<String> {
        let fm = FileManager.default
        var out = Set<String>()
        for unit in (try? fm.contentsOfDirectory(atPath: workspace.inbox.path)) ?? [] where !unit.hasPrefix(".") {
            let folder = workspace.inbox.appendingPathComponent(unit, isDirectory: true)
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where InboxClaim.originalName(name) != nil {
                if let sha = try? DurableFiles.sha256(of: folder.appendingPathComponent(name)) {
                    out.insert("\(unit)/\(sha)")
                }
            }
        }
        return out
    }

    /// What the archive holds that `history` (nil: no register at all) does not know.
    public static func unknown(_ workspace: Workspace, history: RegisterHistory?) -> Unknown {
        var unknown = Unknown()
        let arrivals = archivedArrivals(workspace)
        let known = history?.submissions ?? []
        let missing = arrivals.filter { !known.contains($0.key) }
        if !missing.isEmpty {
            let pending = pendingClaims(workspace)
            unknown.originals = missing.filter { !pending.contains($0.key) }.map(\.description)
        }
        for package in packages(workspace) {
            let status = history?.versions[package.number]
            if status != "approved" && status != "published" { unknown.packages.append(package.file) }
        }
        return unknown
    }

    /// Throws `RunError.registerLost` or `.registerOlder` when the register at `path`
    /// (possibly absent) does not know the archive's history; opens nothing itself.
    public static func check(_ workspace: Workspace, history: RegisterHistory?) throws {
        let unknown = unknown(workspace, history: history)
        guard !unknown.isEmpty else { return }
        if history?.isEmpty ?? true {
            throw RunError.registerLost(unknown.lines)
        }
        throw RunError.registerOlder(unknown.lines)
    }
}
