import Foundation

/// System failures (POSIX, SQLite, libzip, libxml2 and Foundation messages, all English)
/// explained in Indonesian for whoever reads them: what happened and what to do first, the
/// system's own text after it in parentheses for the IT officer ("Gagal menulis …: No space
/// left on device" read as an English clause inside an Indonesian sentence).
public enum SystemErrorText {
    /// What happened and what to do, by errno. The system's message for a code is read
    /// from `strerror` at run time, so matching a message follows the C library in use.
    static let byCode: [(code: Int32, text: String)] = [
        (ENOSPC, "Disk penuh. Kosongkan ruang disk tempat workspace, lalu jalankan lagi"),
        (EDQUOT, "Kuota disk pengguna yang menjalankan dip habis. Kosongkan ruang atau naikkan kuotanya, lalu jalankan lagi"),
        (EROFS, "Disk atau share itu hanya dapat dibaca (read-only). Pasang ulang dengan izin tulis, lalu jalankan lagi"),
        (EACCES, "Izin ditolak. Periksa izin berkas atau folder itu untuk pengguna yang menjalankan dip, lalu jalankan lagi"),
        (EPERM, "Tindakan tidak diizinkan sistem. Periksa izin dan pemilik berkas atau folder itu untuk pengguna "
            + "yang menjalankan dip, lalu jalankan lagi"),
        (ENOENT, "Berkas atau folder itu tidak ada (dipindahkan atau dihapus selagi dip bekerja?). Periksa jalurnya, "
            + "lalu jalankan lagi"),
        (EIO, "Disk atau share jaringan gagal membaca/menulis (perangkat rusak atau koneksi terputus). Periksa disk "
            + "atau koneksi share, lalu jalankan lagi"),
        (ESTALE, "Share jaringan terputus (server tidak lagi mengenal berkas itu). Pasang ulang share, lalu jalankan lagi"),
        (EMFILE, "Terlalu banyak berkas terbuka. Naikkan batas berkas terbuka (ulimit -n) atau jalankan lagi nanti"),
        (ENFILE, "Terlalu banyak berkas terbuka di sistem. Jalankan lagi nanti"),
        (EEXIST, "Sudah ada berkas atau folder dengan nama itu (misalnya berkas biasa di tempat folder). Pindahkan "
            + "atau ganti namanya, lalu jalankan lagi"),
        (ENOTDIR, "Sebagian jalur itu berupa berkas, bukan folder. Periksa jalurnya"),
        (EISDIR, "Jalur itu berupa folder, bukan berkas. Periksa jalurnya"),
        (ENAMETOOLONG, "Nama berkas atau jalurnya terlalu panjang. Perpendek nama berkas atau folder"),
        (EBUSY, "Berkas atau folder itu sedang dipakai program lain. Tutup program itu, lalu jalankan lagi"),
        (ETXTBSY, "Berkas itu sedang dipakai program lain. Tutup program itu, lalu jalankan lagi"),
        (ENOMEM, "Memori tidak cukup. Tutup program lain atau tambah memori, lalu jalankan lagi"),
        (EFBIG, "Berkas melebihi ukuran terbesar yang diizinkan disk itu"),
        (ENOTCONN, "Share jaringan tidak tersambung. Pasang ulang share, lalu jalankan lagi"),
        (ETIMEDOUT, "Share jaringan tidak menjawab (waktu habis). Periksa koneksi, lalu jalankan lagi"),
    ]

    /// Messages of SQLite (the register) and libzip that carry no errno text of their own.
    static let byMessage: [(message: String, text: String)] = [
        ("database or disk is full", "Disk penuh. Kosongkan ruang disk tempat workspace, lalu jalankan lagi"),
        ("attempt to write a readonly database",
         "Register hanya dapat dibaca. Periksa izin tulis folder archive/ untuk pengguna yang menjalankan dip, lalu jalankan lagi"),
        ("disk I/O error", "Disk gagal membaca/menulis register (perangkat rusak atau share terputus). Periksa disk, lalu jalankan lagi"),
        ("unable to open database file",
         "Register tidak dapat dibuka. Periksa bahwa folder archive/ ada dan dapat ditulis pengguna yang menjalankan dip"),
        ("database is locked", "Register sedang dipakai proses lain. Jalankan lagi nanti"),
        ("database disk image is malformed", "Register rusak. Pulihkan archive/register.sqlite dari cadangan"),
        ("file is not a database", "Register rusak. Pulihkan archive/register.sqlite dari cadangan"),
        ("Malloc failure", "Memori tidak cukup. Tutup program lain atau tambah memori, lalu jalankan lagi"),
        ("Failure to create temporary file",
         "Berkas sementara tidak dapat dibuat. Periksa ruang disk dan izin tulis folder itu, lalu jalankan lagi"),
    ]

    /// The Indonesian explanation (no final period) of the first system cause named in
    /// `raw`, or nil when none is known.
    public static func explanation(of raw: String) -> String? {
        for (code, text) in byCode {
            let message = String(cString: strerror(code))
            if raw.contains(message) { return text }
        }
        for (message, text) in byMessage where raw.localizedCaseInsensitiveContains(message) {
            return text
        }
        return nil
    }

    /// The explanation for an errno value, or nil.
    public static func explanation(code: Int32) -> String? {
        byCode.first { $0.code == code }?.text
    }

    /// `raw` explained: "Disk penuh. Kosongkan … (No space left on device)"; an unknown
    /// message as "pesan sistem: …" in parentheses.
    public static func explained(_ raw: String) -> String {
        if let text = explanation(of: raw) { return "\(text) (\(raw))" }
        return "(pesan sistem: \(raw))"
    }

    /// The system's message of a Foundation or POSIX error: the errno text of the POSIX
    /// error underneath when there is one (corelibs-foundation's `localizedDescription` often
    /// says only "The operation could not be completed").
    public static func reason(of error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error {
            let inner = underlying as NSError
            if inner.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(inner.code))) }
        }
        // corelibs-foundation often reports a CocoaError without the errno underneath.
        if ns.domain == NSCocoaErrorDomain, let code = cocoaCodes[ns.code] { return String(cString: strerror(code)) }
        return error.localizedDescription
    }

    /// File-system CocoaError codes and the errno each stands for.
    static let cocoaCodes: [Int: Int32] = [
        CocoaError.fileWriteOutOfSpace.rawValue: ENOSPC,
        CocoaError.fileWriteVolumeReadOnly.rawValue: EROFS,
        CocoaError.fileWriteNoPermission.rawValue: EACCES,
        CocoaError.fileReadNoPermission.rawValue: EACCES,
        CocoaError.fileNoSuchFile.rawValue: ENOENT,
        CocoaError.fileReadNoSuchFile.rawValue: ENOENT,
        CocoaError.fileWriteFileExists.rawValue: EEXIST,
    ]
}
