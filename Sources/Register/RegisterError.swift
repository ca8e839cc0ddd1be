import Foundation
import GRDB

/// Why the register refused an operation. Each message is Indonesian, for the officer.
public enum RegisterError: Error, Equatable, Sendable, LocalizedError {
    /// The database could not be opened or migrated.
    case cannotOpen(path: String, reason: String)
    /// No item has this id.
    case unknownItem(String)
    /// The unit withdrew the item; nothing more can be decided on it.
    case itemWithdrawn(String)
    /// The decision names a revision that is no longer the item's current one.
    case staleRevision(item: String, given: Int, current: Int)
    /// No version has this number.
    case unknownVersion(Int)
    /// The version is not in the state the operation needs (e.g. approving a published one).
    case wrongVersionStatus(number: Int, status: String, expected: String)
    /// A newer draft replaced this one.
    case versionSuperseded(number: Int, by: Int)
    /// Items of the draft changed, were withdrawn or returned after the draft was made.
    case draftOutdated(number: Int, items: [String])
    /// A newer version is already published; publishing an older one would go backwards.
    case newerVersionPublished(number: Int, published: Int)
    /// A required value is empty or invalid.
    case invalidInput(String)
    /// Items of the draft were not reviewed or consequence tests are pending (no `--force`).
    case notReviewed(number: Int, unreviewed: Int, pendingTests: Int)
    /// A later dip migrated this register (migrations this build does not know): an older
    /// binary put back after an upgrade must not write what it cannot read.
    case madeByNewerProgram(path: String, unknownMigrations: [String])

    public var errorDescription: String? { message }

    /// The Indonesian message.
    public var message: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "Register di \(path) tidak dapat dibuka: \(reason)"
        case .unknownItem(let id):
            return "Informasi dengan kode \(id) tidak ada di register. Periksa kodenya (kolom ID DIP pada paket "
                + "pemeriksaan reports/review/, atau `dip diff`), lalu ulangi."
        case .itemWithdrawn(let id):
            return "Informasi \(id) sudah ditarik oleh unit kerja; keputusan tidak dapat dicatat."
        case .staleRevision(let item, let given, let current) where given > current:
            // A mistyped revision, not a change since the draft (that message sent the PPID
            // looking for a change that never happened).
            return "\(item) belum mempunyai revisi \(given): revisi terkininya \(current). Keputusan tidak "
                + "diterapkan; periksa revisinya (kolom Revisi pada paket pemeriksaan, atau `dip history \(item)`) lalu ulangi."
        case .staleRevision(let item, let given, let current):
            return "Keputusan untuk \(item) merujuk revisi \(given), padahal revisi terkini "
                + "adalah \(current): informasi ini telah berubah sejak draf atau formulir "
                + "dibuat. Keputusan tidak diterapkan; periksa revisi \(current) (`dip history \(item)` "
                + "menyebut yang berubah) lalu ulangi."
        case .unknownVersion(let n):
            return "Versi DIP nomor \(n) tidak ada di register. `dip status` menyebut draf yang menunggu persetujuan "
                + "dan versi yang berlaku."
        case .wrongVersionStatus(let n, let status, let expected):
            return "Versi \(n) berstatus \(VersionStatusText.label(status)); "
                + "tindakan ini hanya untuk versi berstatus \(VersionStatusText.label(expected))."
        case .versionSuperseded(let n, let by):
            return "Draf versi \(n) sudah digantikan oleh draf versi \(by); "
                + "periksa dan setujui draf versi \(by)."
        case .draftOutdated(let n, let items):
            return "Draf versi \(n) tidak dapat disetujui karena informasi berikut berubah, "
                + "ditarik, dikembalikan, atau diuji konsekuensinya setelah draf dibuat: "
                + items.joined(separator: ", ")
                + ". Jalankan `dip run` untuk membuat draf baru."
        case .newerVersionPublished(let n, let published):
            return "Versi \(n) tidak dapat diterbitkan karena versi \(published) yang lebih "
                + "baru sudah diterbitkan."
        case .invalidInput(let text):
            return text
        case .notReviewed(let n, let unreviewed, let pending):
            var parts: [String] = []
            if unreviewed > 0 { parts.append("\(unreviewed) informasi belum diperiksa (belum ada keputusan Setujui/Kembalikan)") }
            if pending > 0 { parts.append("\(pending) uji konsekuensi belum dicatat") }
            return "Draf versi \(n) belum dapat disetujui: " + parts.joined(separator: " dan ")
                + ". Lengkapi lewat lembar kerja pemeriksaan dan `dip test`, atau setujui juga dengan "
                + "`--force-unreviewed` (tercatat di riwayat persetujuan)."
        case .madeByNewerProgram(let path, let unknown):
            return "Register \(path) sudah dimutakhirkan oleh versi dip yang lebih baru (perubahan "
                + unknown.joined(separator: ", ") + " tidak dikenal versi ini); dip ini tidak menulisnya. "
                + "Pasang kembali dip yang lebih baru, atau, bila memang kembali ke versi lama, pulihkan salinan "
                + "register dari sebelum pemutakhiran (archive/cadangan-register/) lalu jalankan lagi "
                + "(docs/ops.md §6)."
        }
    }
}

/// Indonesian words for version states.
public enum VersionStatusText {
    /// "draft" → "draf", "approved" → "disetujui", "published" → "diterbitkan".
    public static func label(_ status: String) -> String {
        switch status {
        case "draft": return "draf"
        case "approved": return "disetujui"
        case "published": return "diterbitkan"
        default: return status
        }
    }
}

extension RegisterError {
    /// Whether `error` says the register file is damaged or is not a database at all (SQLite
    /// CORRUPT / NOTADB): the next run cannot go on until it is restored from a backup, so
    /// it is a configuration matter (exit 3), not a failure a later run recovers from.
    /// Whether a person must act before any command may use the register: it is damaged
    /// (restore it), or a later dip migrated it (put that dip back, or restore the copy from
    /// before the upgrade). `dip run` exits 3 and `dip watch` stops, as for damage.
    public static func waitsForAPerson(_ error: Error) -> Bool {
        if case .madeByNewerProgram? = error as? RegisterError { return true }
        return isDamage(error)
    }

    public static func isDamage(_ error: Error) -> Bool {
        if case .cannotOpen(_, let reason)? = error as? RegisterError {
            return reason.contains("SQLite error 11") || reason.contains("SQLite error 26")
        }
        if let db = error as? DatabaseError { return db.resultCode == .SQLITE_CORRUPT || db.resultCode == .SQLITE_NOTADB }
        return false
    }

    /// A failure of the register's storage in the IT officer's words, or nil for any other
    /// error: a full disk and a register file that cannot be written are named as such, with
    /// what to do (SQLite's own text follows, for whoever reads the log). The run's error line
    /// printed "cannotOpen(path: …, reason: …)" or "SQLite error 13: database or disk is full".
    public static func storageText(_ error: Error) -> String? {
        storageText(error, freeBytes: freeBytes(besides:))
    }

    /// Below this many bytes free beside the register, SQLite's I/O error on opening it is a
    /// full disk: it writes its `-wal` and `-shm` files (32 KB and more) when it opens.
    static let nearlyFullBytes: Int64 = 1 << 20

    /// The bytes free to dip on the file system that holds `path`, nil when unknown.
    static func freeBytes(besides path: String) -> Int64? {
        var info = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// `storageText(_:)` with the free space beside the register from `freeBytes` (tests).
    static func storageText(_ error: Error, freeBytes: (String) -> Int64?) -> String? {
        if isDamage(error) {
            let raw: String
            if case .cannotOpen(_, let reason)? = error as? RegisterError { raw = reason } else { raw = "\(error)" }
            return "Register rusak: archive/register.sqlite tidak dapat dibaca sebagai basis data. Pulihkan "
                + "archive/register.sqlite dari cadangan terbaru, lalu jalankan lagi; dip tidak membuat register baru "
                + "(nomor versi tidak boleh terulang) dan kiriman di inbox/ tetap menunggu (\(raw))."
        }
        if case .cannotOpen(let path, let reason)? = error as? RegisterError {
            if reason.contains("SQLite error 13") || reason.contains("disk is full") {
                return "Disk penuh: register \(path) tidak dapat ditulis. Kosongkan ruang disk tempat workspace, "
                    + "lalu jalankan lagi (\(reason))."
            }
            // SQLite says a full disk at open as an I/O error ("SQLite error 10: disk I/O error"
            // while it makes its -shm file): the IT officer read of a failing disk. Said by the
            // free space left, which the statement cannot tell.
            if reason.contains("SQLite error 10") {
                if let free = freeBytes(path), free < nearlyFullBytes {
                    return "Disk penuh: register \(path) tidak dapat dibuka (tersisa \(free / 1024) KB di disk tempat "
                        + "archive/). Kosongkan ruang disk tempat workspace, lalu jalankan lagi (\(reason))."
                }
                return "Register \(path) tidak dapat dibuka karena gangguan baca/tulis disk: periksa disk atau share "
                    + "tempat archive/ (ruang kosong, izin, pesan sistem di dmesg), lalu jalankan lagi (\(reason))."
            }
            return (error as? RegisterError)?.message
        }
        guard let db = error as? DatabaseError else { return nil }
        switch db.resultCode {
        case .SQLITE_FULL:
            return "Disk penuh: register (archive/register.sqlite) tidak dapat ditulis. Kosongkan ruang disk tempat "
                + "workspace, lalu jalankan lagi (\(db))."
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return "Register (archive/register.sqlite) tidak dapat ditulis: periksa izin tulis folder archive/ "
                + "untuk pengguna yang menjalankan dip, lalu jalankan lagi (\(db))."
        default:
            return nil
        }
    }
}
