import DIPCore
import Foundation

/// A dip workspace: the four folders a deployment works in.
///
/// - `inbox/<unit>/`: units drop their lists here (`inbox/_ppid/` is reserved for the
///   PPID's returned review workbooks);
/// - `rules/`: the PPID's editable rules and configuration;
/// - `reports/`: everything dip generates for people (feedback, review pack, website);
/// - `archive/`: the durable records (original submissions, the register, packages).
public struct Workspace: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var inbox: URL { root.appendingPathComponent("inbox", isDirectory: true) }
    public var rules: URL { root.appendingPathComponent("rules", isDirectory: true) }
    public var reports: URL { root.appendingPathComponent("reports", isDirectory: true) }
    public var archive: URL { root.appendingPathComponent("archive", isDirectory: true) }

    /// Where original submissions are kept, content-addressed by SHA-256.
    public var originals: URL { archive.appendingPathComponent("originals", isDirectory: true) }
    /// The archive packages (zipped BagIt bags) of every published version.
    public var packages: URL { archive.appendingPathComponent("paket", isDirectory: true) }
    /// The SQLite register.
    public var registerPath: URL { archive.appendingPathComponent("register.sqlite") }
    /// The units' outboxes: `reports/unit/<unit>/`, one folder per unit holding everything
    /// for that unit alone (its feedback, its update template, its notices), so a share or ACL
    /// can grant each unit its own folder and nothing else (docs/deploy/smb.conf).
    public var outboxes: URL { reports.appendingPathComponent("unit", isDirectory: true) }
    /// One unit's outbox.
    public func outbox(unit: String) -> URL { outboxes.appendingPathComponent(unit, isDirectory: true) }
    /// The unit's feedback on its last files: `umpan-balik-<unit>.txt`, `.xlsx`, `.html`.
    public func feedbackFile(unit: String, ext: String) -> URL {
        outbox(unit: unit).appendingPathComponent("umpan-balik-\(unit).\(ext)")
    }
    /// The unit's update template, prefilled with its current items (hidden stable ids).
    public func templateFile(unit: String) -> URL { outbox(unit: unit).appendingPathComponent("DIP-\(unit).xlsx") }
    /// The notice naming what the unit put in its inbox folder that dip never reads.
    public func unreadNoticeFile(unit: String) -> URL {
        outbox(unit: unit).appendingPathComponent("tidak-dibaca-\(unit).txt")
    }
    /// The notice of the unit's list held for the PPID, and of the PPID's decision on it.
    public func heldNoticeFile(unit: String) -> URL {
        outbox(unit: unit).appendingPathComponent("ditahan-\(unit).txt")
    }
    /// The PPID's notice of the lists held for a decision (`dip release`).
    public var heldListsNotice: URL { review.appendingPathComponent("kiriman-ditahan.txt") }
    /// Where units' feedback and templates were kept before per-unit outboxes (one folder
    /// every unit could read); removed by the first run that writes the outboxes.
    public var formerSharedUnitFolders: [URL] {
        ["umpan-balik", "templat"].map { reports.appendingPathComponent($0, isDirectory: true) }
    }
    /// The review pack for the PPID and the Tim Pelayanan Informasi.
    public var review: URL { reports.appendingPathComponent("review", isDirectory: true) }
    /// The lock file that keeps runs one at a time.
    public var lockFile: URL { archive.appendingPathComponent(".dip.lock") }

    /// Inbox folders that are not work units.
    public static let reservedInboxFolders: Set<String> = [ppidInboxFolder]

    /// `inbox/_ppid/`: the PPID's filled-in review workbooks (`dip init` makes it).
    public static let ppidInboxFolder = "_ppid"

    /// The four folder names, in the order they are created.
    public static let folderNames = ["inbox", "rules", "reports", "archive"]

    /// Throws `WorkspaceError.notAWorkspace` naming the first missing folder ("" when the
    /// workspace folder itself is missing).
    public func requireLayout() throws {
        let fm = FileManager.default
        var isRoot: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isRoot), isRoot.boolValue else {
            throw WorkspaceError.notAWorkspace(root: root.path, missing: "")
        }
        for name in Workspace.folderNames {
            var isDir: ObjCBool = false
            let path = root.appendingPathComponent(name).path
            if !fm.fileExists(atPath: path, isDirectory: &isDir) || !isDir.boolValue {
                throw WorkspaceError.notAWorkspace(root: root.path, missing: name)
            }
        }
    }
}

/// Errors about the workspace itself (not about a submission).
public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
    case notAWorkspace(root: String, missing: String)
    case locked(lockFile: String)
    case io(operation: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .notAWorkspace(let root, let missing):
            // Mostly a mistyped --workspace or a share not mounted (cron, the IT officer): said
            // first; `dip init` only for a workspace that is meant to be new, never over a share
            // that is merely not there yet.
            let what = missing.isEmpty ? "folder itu tidak ada" : "folder '\(missing)/' tidak ada di dalamnya"
            return "\(root) bukan workspace dip: \(what). Periksa --workspace (salah ketik? folder bersama belum "
                + "terpasang? tanpa --workspace dip memakai folder saat ini). Workspace baru dibuat dengan `dip init \(root)`."
        case .locked(let lockFile):
            return "Workspace sedang dipakai oleh proses dip lain (kunci: \(lockFile)). Coba lagi nanti."
        case .io(let operation, let path, let reason):
            // The system's English text after the Indonesian explanation (SystemErrorText).
            return "Gagal \(operation) \(path). \(SystemErrorText.explained(reason))."
        }
    }
}
