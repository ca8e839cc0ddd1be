import Foundation

/// Inbox files dip has finished with, kept a while instead of removed.
///
/// A copy over the share that stalls longer than the settle window *and* the whole run is
/// taken half-written; when its writer (smbd, still holding the file open) resumes after dip
/// removed the file, the rest went into a removed file and was lost, while the unit's copy
/// reported success (a list cut at a row boundary reads as a shorter list, and a withdrawal
/// under the hold threshold was applied). The finished file is moved instead (the same inode:
/// the writer's writes land in it) to `archive/.inbox-selesai/<unit>/<sha>-<name>`. Each run
/// first looks at those: one whose content changed goes back to `inbox/<unit>/<name>` and is
/// taken as a new submission (after the settle window, like any file); one unchanged for
/// `RunOptions.finishedKeepSeconds` is removed.
///
/// The move is a rename, so it needs `inbox/` and `archive/` on one file system; across two
/// (an inbox mounted from elsewhere) the file is removed as before (`keep` returns false).
public struct FinishedInboxFiles: Sendable {
    public var workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    /// `archive/.inbox-selesai/`.
    public var folder: URL { workspace.archive.appendingPathComponent(".inbox-selesai", isDirectory: true) }

    /// How many hex digits of the SHA-256 the kept name carries (enough to tell a change).
    static let shaDigits = 16

    /// The kept name of a finished file: its content's hash, then the unit's name for it.
    static func keptName(fileName: String, sha256: String) -> String {
        "\(sha256.prefix(shaDigits))-\(fileName)"
    }

    /// Moves the finished `claimed` file into the kept folder; false when it could not be moved
    /// (the caller removes it then).
    public func keep(_ claimed: URL, unit: String, fileName: String, sha256: String) -> Bool {
        let unitFolder = folder.appendingPathComponent(unit, isDirectory: true)
        guard (try? DurableFiles.createDirectory(unitFolder)) != nil else { return false }
        let target = unitFolder.appendingPathComponent(Self.keptName(fileName: fileName, sha256: sha256))
        // The same bytes under the same name replace their older copy (nothing is lost).
        guard rename(claimed.path, target.path) == 0 else { return false }
        DurableFiles.syncDirectory(unitFolder)
        DurableFiles.syncDirectory(claimed.deletingLastPathComponent())
        return true
    }

    /// What `sweep` did with one kept file.
    public struct Change: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// Its content changed after dip finished it: back in the inbox under its name.
            case returned
            /// Changed, but the unit's folder holds a file of that name: kept for the next run.
            case waiting
            /// Unchanged for the keep period: removed.
            case removed
        }
        public var unit: String
        public var fileName: String
        public var kind: Kind
    }

    /// Gives back every kept file whose content changed, and removes those unchanged and kept
    /// for at least `keepSeconds` (measured from when dip moved them, by the file's ctime, on
    /// the machine's clock: a fixed `SOURCE_DATE_EPOCH` clock says nothing of it). Runs under
    /// the workspace lock.
    public func sweep(keepSeconds: TimeInterval, now: Date = Date()) -> [Change] {
        let fm = FileManager.default
        var changes: [Change] = []
        for unit in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
            let unitFolder = folder.appendingPathComponent(unit, isDirectory: true)
            for name in ((try? fm.contentsOfDirectory(atPath: unitFolder.path)) ?? []).sorted() {
                let dash = name.index(name.startIndex, offsetBy: Self.shaDigits, limitedBy: name.endIndex)
                guard let dash, dash < name.endIndex, name[dash] == "-" else { continue }
                let kept = unitFolder.appendingPathComponent(name)
                var info = stat()
                guard lstat(kept.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                      let sha = try? DurableFiles.sha256(of: kept) else { continue }
                let fileName = String(name[name.index(after: dash)...])
                if sha.prefix(Self.shaDigits) != name[..<dash] {
                    let original = workspace.inbox.appendingPathComponent(unit, isDirectory: true)
                        .appendingPathComponent(fileName)
                    // link() never replaces the unit's newer file of that name, unlike rename().
                    if link(kept.path, original.path) == 0 {
                        unlink(kept.path)
                        DurableFiles.syncDirectory(original.deletingLastPathComponent())
                        changes.append(Change(unit: unit, fileName: fileName, kind: .returned))
                    } else {
                        changes.append(Change(unit: unit, fileName: fileName, kind: .waiting))
                    }
                } else if now.timeIntervalSince1970 - TimeInterval(info.st_ctim.tv_sec) >= keepSeconds {
                    if unlink(kept.path) == 0 { changes.append(Change(unit: unit, fileName: fileName, kind: .removed)) }
                }
            }
            // An emptied unit folder goes (rmdir fails on a folder that is not empty).
            rmdir(unitFolder.path)
        }
        return changes
    }
}
