import DIPCore
import Foundation

/// A file in a unit's inbox folder that is ready to be taken in.
public struct InboxFile: Hashable, Sendable {
    /// The unit code: the folder name under `inbox/`.
    public var unit: String
    /// Where the file is now: its name as dropped, or its claimed name (`InboxClaim`).
    public var url: URL
    /// The name the unit gave the file.
    public var fileName: String

    /// Whether an earlier run claimed it and was stopped before it finished (the file is then
    /// resumed: what that run recorded about it is not a second arrival).
    public var claimed: Bool { url.lastPathComponent != fileName }

    public init(unit: String, url: URL, fileName: String? = nil) {
        self.unit = unit
        self.url = url
        self.fileName = fileName ?? url.lastPathComponent
    }
}

/// Claiming an inbox file before reading it: it is renamed to a private name in the same
/// folder, so what is read, archived and finally removed is that very file. A unit that saves
/// a newer version meanwhile (Excel saves by writing a new file and renaming it over the old
/// name) leaves it at the original name, where the next run finds it.
public enum InboxClaim {
    /// The prefix of a claimed file's name (hidden, and ignored by the units' programs).
    public static let prefix = ".dip-diambil-"

    /// The name the unit gave a claimed file, or nil when `name` is not a claimed name.
    public static func originalName(_ name: String) -> String? {
        guard name.hasPrefix(prefix), name.count > prefix.count else { return nil }
        return String(name.dropFirst(prefix.count))
    }

    public enum Outcome {
        /// Claimed: the file is now at this URL.
        case claimed(URL)
        /// A claimed file of the same name is still waiting (an earlier run stopped): this
        /// one waits for the next run.
        case busy
        /// The file is gone (taken back by the unit).
        case gone
    }

    /// Gives a claimed file its own name back (nothing was recorded about it: archiving
    /// failed), unless the unit put a newer file there meanwhile; then it stays claimed and
    /// the next run takes it first.
    public static func release(_ claimed: URL, as file: InboxFile) {
        let original = claimed.deletingLastPathComponent().appendingPathComponent(file.fileName)
        guard claimed != original else { return }
        // link() never replaces an existing name, unlike rename().
        if link(claimed.path, original.path) == 0 {
            unlink(claimed.path)
            DurableFiles.syncDirectory(claimed.deletingLastPathComponent())
        }
    }

    /// Claims `file` (no-op for a file claimed by an earlier run). Runs under the workspace
    /// lock, so no other dip process claims at the same time.
    public static func claim(_ file: InboxFile) throws -> Outcome {
        if file.claimed { return .claimed(file.url) }
        let target = file.url.deletingLastPathComponent().appendingPathComponent(prefix + file.fileName)
        var info = stat()
        if lstat(target.path, &info) == 0 { return .busy }
        guard rename(file.url.path, target.path) == 0 else {
            if errno == ENOENT { return .gone }
            throw DurableFiles.posixError("mengambil", file.url.path)
        }
        DurableFiles.syncDirectory(file.url.deletingLastPathComponent())
        return .claimed(target)
    }
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
            /// A file whose modification time is ahead of the server's clock (the sender's
            /// clock is wrong): dip cannot tell when it is fully copied, so it waits.
            case futureTime
            /// The unit's folder itself is a link: never followed.
            case linkedFolder
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

    /// For a failure (`RunSummary.failures`): the file and its cause, which `dip watch` logs
    /// once (`RunOptions.failuresAlreadyLogged`) until the cause changes or clears.
    public var failureKey: String { path + "\u{1}" + reason }

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
                // Waits for a person: a warning, and a notice in the unit's outbox.
                skipped.append(SkippedFile(path: unitURL.path, reason: "folder unit berupa symlink, tidak diikuti",
                                           unread: .init(unit: unit, kind: .linkedFolder)))
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
                let url = unitURL.appendingPathComponent(name)
                if let original = InboxClaim.originalName(name) {
                    // Claimed by a run that was stopped: ready whatever its age.
                    if fileType(url) == .typeRegular { ready.append(InboxFile(unit: unit, url: url, fileName: original)) }
                    continue
                }
                if isIgnorable(name) { continue }
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
                    if modified.timeIntervalSince(now) > max(60, settleSeconds) {
                        // Ahead of the clock: it would wait silently until that time comes.
                        skipped.append(SkippedFile(path: url.path,
                            reason: "waktu ubah berkas di masa depan (\(Clock(now: modified).rfc3339())); jam komputer pengirim salah? berkas menunggu",
                            unread: .init(unit: unit, kind: .futureTime)))
                    } else if now.timeIntervalSince(modified) < settleSeconds {
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
