import Foundation

/// A file in a unit's inbox folder that is ready to be taken in.
public struct InboxFile: Hashable, Sendable {
    /// The unit code: the folder name under `inbox/`.
    public var unit: String
    public var url: URL
    public var fileName: String { url.lastPathComponent }
}

/// Why a file in the inbox was left alone this time (reported in the run log).
public struct SkippedFile: Hashable, Sendable {
    public var path: String
    public var reason: String
    /// Set when the unit put something in its folder that dip never reads: the unit is told
    /// (`UnreadNotice`), since it would otherwise wait for feedback that never comes.
    public var unread: Unread?

    /// Something in a unit's folder that dip never reads.
    public struct Unread: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            case subfolder, link, special
            /// A name that is not valid UTF-8 (copied from an old system): it cannot be opened
            /// by the name the system lists, so it is never read until renamed.
            case unreadableName
        }
        /// The unit folder it sits in.
        public var unit: String
        public var kind: Kind
    }

    /// The folder under `inbox/` that `rules/unit.yaml` does not know, when that is why: its
    /// files wait until the PPID adds the unit (`UnregisteredUnitsNotice`).
    public var unregisteredFolder: String?

    /// Left alone until someone acts (not merely until the file settles): logged as a warning.
    public var needsAPerson: Bool { unread != nil || unregisteredFolder != nil }

    public init(path: String, reason: String, unread: Unread? = nil, unregisteredFolder: String? = nil) {
        self.path = path
        self.reason = reason
        self.unread = unread
        self.unregisteredFolder = unregisteredFolder
    }
}

/// Lists the files waiting in `inbox/<unit>/`, oldest concerns first: skips lock and
/// temporary files, anything that is not a regular file (symlinks are never followed), and
/// files still being written (modified within the settle window).
public struct InboxScanner: Sendable {
    public var workspace: Workspace
    /// A file modified less than this many seconds ago is left for the next run.
    public var settleSeconds: TimeInterval
    /// Decides which file names are not submissions at all (lock and temporary files).
    public var isIgnorable: @Sendable (String) -> Bool

    public init(workspace: Workspace, settleSeconds: TimeInterval, isIgnorable: @escaping @Sendable (String) -> Bool) {
        self.workspace = workspace
        self.settleSeconds = settleSeconds
        self.isIgnorable = isIgnorable
    }

    /// Ready files sorted by unit then name (deterministic), and the files left alone.
    public func scan(now: Date = Date()) throws -> (ready: [InboxFile], skipped: [SkippedFile]) {
        let fm = FileManager.default
        var ready: [InboxFile] = []
        var skipped: [SkippedFile] = []
        let units = (try? fm.contentsOfDirectory(atPath: workspace.inbox.path)) ?? []
        for unit in units.sorted() {
            if unit.hasPrefix(".") || Workspace.reservedInboxFolders.contains(unit) { continue }
            let unitURL = workspace.inbox.appendingPathComponent(unit, isDirectory: true)
            guard let kind = fileType(unitURL) else {
                // Listed but not there by that name: not valid UTF-8 (or gone since listing).
                if unit.contains("\u{FFFD}") {
                    skipped.append(SkippedFile(path: unitURL.path, reason: "nama folder bukan UTF-8 dan tidak dapat dibuka; ganti namanya",
                                               unregisteredFolder: unit))
                }
                continue
            }
            if kind == .typeSymbolicLink {
                skipped.append(SkippedFile(path: unitURL.path, reason: "folder unit berupa symlink, tidak diikuti"))
                continue
            }
            guard kind == .typeDirectory else {
                if !isIgnorable(unit) && unit != "README.md" && unit != WorkspaceSetup.blankTemplateName {
                    skipped.append(SkippedFile(path: unitURL.path, reason: "berkas langsung di inbox/, harus di dalam folder unit"))
                }
                continue
            }
            let names = (try? fm.contentsOfDirectory(atPath: unitURL.path)) ?? []
            for name in names.sorted() {
                if isIgnorable(name) { continue }
                let url = unitURL.appendingPathComponent(name)
                guard let type = fileType(url) else {
                    if name.contains("\u{FFFD}") {
                        skipped.append(SkippedFile(path: url.path, reason: "nama berkas bukan UTF-8 dan tidak dapat dibuka",
                                                   unread: .init(unit: unit, kind: .unreadableName)))
                    }
                    continue
                }
                switch type {
                case .typeRegular:
                    let attributes = try? fm.attributesOfItem(atPath: url.path)
                    let modified = attributes?[.modificationDate] as? Date ?? .distantPast
                    if now.timeIntervalSince(modified) < settleSeconds {
                        skipped.append(SkippedFile(path: url.path, reason: "masih ditulis (berubah kurang dari \(Int(settleSeconds)) detik lalu)"))
                    } else {
                        ready.append(InboxFile(unit: unit, url: url))
                    }
                case .typeSymbolicLink:
                    skipped.append(SkippedFile(path: url.path, reason: "symlink tidak diikuti", unread: .init(unit: unit, kind: .link)))
                case .typeDirectory:
                    skipped.append(SkippedFile(path: url.path, reason: "subfolder di folder unit diabaikan", unread: .init(unit: unit, kind: .subfolder)))
                default:
                    skipped.append(SkippedFile(path: url.path, reason: "bukan berkas biasa", unread: .init(unit: unit, kind: .special)))
                }
            }
        }
        return (ready, skipped)
    }

    private func fileType(_ url: URL) -> FileAttributeType? {
        // attributesOfItem does not follow a final symlink, which is what we want.
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
    }
}
