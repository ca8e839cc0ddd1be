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
    ///
    /// A kept file is hashed again only when its `lstat` differs from what the sweep that last
    /// hashed it recorded (`Fingerprint`): `dip watch` sweeps every poll, and re-hashed every
    /// kept copy (a unit's 50 MB list, for an hour) each time. `hash` is the hashing, for tests.
    public func sweep(keepSeconds: TimeInterval, now: Date = Date(),
                      hash: (URL) throws -> String = DurableFiles.sha256(of:)) -> [Change] {
        let fm = FileManager.default
        var changes: [Change] = []
        for unit in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
            let unitFolder = folder.appendingPathComponent(unit, isDirectory: true)
            let names = ((try? fm.contentsOfDirectory(atPath: unitFolder.path)) ?? []).sorted()
            let present = Set(names)
            for name in names {
                // A record whose kept file is gone (a run killed between the two unlinks).
                if let keptName = Fingerprint.keptName(ofRecord: name), !present.contains(keptName) {
                    unlink(unitFolder.appendingPathComponent(name).path)
                    continue
                }
                let dash = name.index(name.startIndex, offsetBy: Self.shaDigits, limitedBy: name.endIndex)
                guard let dash, dash < name.endIndex, name[dash] == "-" else { continue }
                let kept = unitFolder.appendingPathComponent(name)
                let record = unitFolder.appendingPathComponent(Fingerprint.recordName(of: name))
                var info = stat()
                guard lstat(kept.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                let seen = Fingerprint(info)
                let sha: Substring
                if let recorded = Fingerprint.read(record), recorded.matches(seen) {
                    sha = Substring(recorded.sha)
                } else if let hashed = try? hash(kept) {
                    sha = hashed.prefix(Self.shaDigits)
                    // Written only when its ctime is old enough to tell a later write (below).
                    if seen.isSettled(at: now) { Fingerprint(seen, sha: String(sha)).write(to: record) }
                } else {
                    continue
                }
                let fileName = String(name[name.index(after: dash)...])
                if sha != name[..<dash] {
                    let original = workspace.inbox.appendingPathComponent(unit, isDirectory: true)
                        .appendingPathComponent(fileName)
                    // link() never replaces the unit's newer file of that name, unlike rename().
                    if link(kept.path, original.path) == 0 {
                        unlink(kept.path)
                        unlink(record.path)
                        DurableFiles.syncDirectory(original.deletingLastPathComponent())
                        changes.append(Change(unit: unit, fileName: fileName, kind: .returned))
                    } else {
                        changes.append(Change(unit: unit, fileName: fileName, kind: .waiting))
                    }
                } else if now.timeIntervalSince1970 - TimeInterval(info.st_ctim.tv_sec) >= keepSeconds {
                    if unlink(kept.path) == 0 {
                        unlink(record.path)
                        changes.append(Change(unit: unit, fileName: fileName, kind: .removed))
                    }
                }
            }
            // An emptied unit folder goes (rmdir fails on a folder that is not empty).
            rmdir(unitFolder.path)
        }
        return changes
    }

    /// Whether `relativePath` (from the workspace root) is a kept inbox file's `lstat` record
    /// (`Fingerprint`): machine state (this file system's inode numbers and times, written only
    /// once a file has settled), like the operator's log, so checks that two runs wrote the same
    /// files byte for byte leave it out.
    public static func isLstatRecord(relativePath: String) -> Bool {
        guard relativePath.hasPrefix("archive/.inbox-selesai/") else { return false }
        let name = relativePath.split(separator: "/").last.map(String.init) ?? ""
        return Fingerprint.keptName(ofRecord: name) != nil
    }

    /// What a sweep saw of a kept file when it hashed it: `lstat`'s device, inode, size, mtime
    /// and ctime (nanoseconds), and the hash's first digits, kept beside it as
    /// `.<kept name>.stat`. A later sweep that sees the same `lstat` takes the hash from it.
    ///
    /// Safe under a writer that puts back the same size: every write into the file (the
    /// stalled copy's writer holds the inode open; nobody else writes into `archive/`) sets
    /// its ctime to the kernel's current time, which no program can set back (`touch` and
    /// `utimensat` set mtime, and ctime to now), so new bytes of the same length still change
    /// ctime. Except within one tick of the file system's clock (writes inside the tick in
    /// which the `lstat` was taken keep that ctime, to the nanosecond): a fingerprint is
    /// recorded only when the file's ctime was at least `settleSeconds` before the sweep
    /// began (Git's "racily clean" index entries, the same problem). The move into the kept
    /// folder itself sets ctime, so nothing is recorded when dip keeps a file: the first
    /// sweep a little later hashes it once and records it, the later ones read the record
    /// (with `dip watch` polling every minute, one hash per kept file instead of sixty).
    /// A record that is missing, unreadable or does not match costs a hash, nothing else.
    struct Fingerprint: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var mtime: Int64
        var ctime: Int64
        var sha: String = ""

        /// A ctime this long before the sweep began can no longer be shared by a later write.
        static let settleSeconds: Int64 = 2

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            ctime = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        }

        init(_ seen: Fingerprint, sha: String) {
            self = seen
            self.sha = sha
        }

        private init?(fields: [Substring]) {
            guard fields.count == 6, let d = UInt64(fields[0]), let i = UInt64(fields[1]), let s = Int64(fields[2]),
                  let m = Int64(fields[3]), let c = Int64(fields[4]), fields[5].count == FinishedInboxFiles.shaDigits else { return nil }
            (device, inode, size, mtime, ctime, sha) = (d, i, s, m, c, String(fields[5]))
        }

        /// Same file, same bytes as far as `lstat` can tell.
        func matches(_ seen: Fingerprint) -> Bool {
            (device, inode, size, mtime, ctime) == (seen.device, seen.inode, seen.size, seen.mtime, seen.ctime)
        }

        func isSettled(at now: Date) -> Bool {
            ctime / 1_000_000_000 + Self.settleSeconds <= Int64(now.timeIntervalSince1970.rounded(.down))
        }

        static func recordName(of keptName: String) -> String { ".\(keptName).stat" }

        /// The kept file's name a record is for; nil for a name that is not a record's.
        static func keptName(ofRecord name: String) -> String? {
            guard name.hasPrefix("."), name.hasSuffix(".stat"), name.count > 6 else { return nil }
            return String(name.dropFirst().dropLast(5))
        }

        static func read(_ url: URL) -> Fingerprint? {
            guard let data = FileManager.default.contents(atPath: url.path), data.count < 256 else { return nil }
            return Fingerprint(fields: String(decoding: data, as: UTF8.self).split(separator: " "))
        }

        /// Temp name and rename (a half-written record would only cost a hash; never read as
        /// another's). Not synced: a record lost in a crash is made again by the next sweep.
        func write(to url: URL) {
            let text = "\(device) \(inode) \(size) \(mtime) \(ctime) \(sha)"
            let temp = DurableFiles.temporaryURL(for: url)
            // Written by hand, not FileManager.createFile: on Linux that writes through a hidden
            // ".dat.nosync…" temporary of its own, which a kill -9 left in the kept folder, where
            // `Housekeeping` (dip's ".tmp-PID" names) does not look (the crash harness found one).
            let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return }
            let written = (try? Array(text.utf8).withUnsafeBytes { try DurableFiles.TemporaryFile(fd: fd).write($0) }) != nil
            close(fd)
            if !written || rename(temp.path, url.path) != 0 { unlink(temp.path) }
        }
    }
}
