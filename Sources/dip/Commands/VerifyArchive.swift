import ArgumentParser
import Foundation
import Logging
import Pipeline
import Publish
import Register

/// `dip verify-archive`: the fixity check of everything dip keeps, for the IT officer and
/// the archivist: every archive package (each checksum recomputed), one package for every
/// version the register says was published, and every original submission (its SHA-256 is
/// its name).
struct VerifyArchive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-archive",
        abstract: "Periksa keutuhan arsip: paket arsip, paket setiap versi terbit, dan berkas asli kiriman.",
        discussion: """
            Membuka setiap paket .zip di <workspace>/archive/paket/ dan menghitung ulang \
            checksum SHA-512 dan SHA-256 setiap berkas muatan dan berkas tag serta \
            Payload-Oxum; memeriksa bahwa setiap versi DIP yang tercatat terbit di register \
            mempunyai paketnya; dan menghitung ulang SHA-256 setiap berkas asli di \
            <workspace>/archive/originals/. Keluar dengan kode 1 bila ada yang rusak atau hilang.
            """)

    @Option(help: ArgumentHelp("Folder workspace yang berisi archive/.", valueName: "folder"))
    var workspace: String = "."

    func run() throws {
        let ws = Workspace(root: URL(fileURLWithPath: workspace))
        // No archive/ at all: a mistyped --workspace or an archive disk not mounted. Reported
        // as "0 packages, 0 problems" with exit 0, the weekly fixity check passed on nothing.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: ws.archive.path, isDirectory: &isFolder), isFolder.boolValue else {
            printError("dip verify-archive: folder arsip \(ws.archive.path) tidak ada; tidak ada yang diperiksa. "
                + "Periksa --workspace (folder yang berisi archive/) dan apakah disk atau share arsip sudah terpasang.")
            throw DIPExit.configuration
        }
        let checks = ArchiveVerifier.checkAll(packagesIn: ws.packages)
        var missing: [String] = []
        var history: RegisterHistory?
        if FileManager.default.fileExists(atPath: ws.registerPath.path) {
            let register = try AppDatabase.open(path: ws.registerPath.path)
            if let upgrade = register.upgrade { printError("dip: " + upgrade.text) }
            let present = Set(checks.map(\.package))
            missing = try register.publishedVersionNumbers()
                .map { ArchivePackager.packageName(forVersion: $0) + ".zip" }
                .filter { !present.contains($0) }
            history = try register.history()
        }
        // Packages and originals the register does not know: a lost or older register.
        // A bare copy of archive/ (no workspace around it) has no register to compare with.
        let isWorkspace = (try? ws.requireLayout()) != nil
        let unknown = history != nil || isWorkspace ? RegisterGuard.unknown(ws, history: history) : RegisterGuard.Unknown()
        let originals = OriginalsArchive(workspace: ws).verify()
        print(Self.report(checks, directory: ws.packages.path, missing: missing, originals: originals, unknown: unknown),
              terminator: "")
        let failed = checks.contains(where: { !$0.isIntact }) || !missing.isEmpty || !originals.damages.isEmpty || !unknown.isEmpty
        // One dated line in the workspace's log (and on stderr, so the weekly cron log, whose
        // report lines carry no date, says when each check ran and how it ended).
        if isWorkspace {
            let logger = OperatorLog.logger(workspace: ws, options: try LogOptions.parse([]))
            let damaged = checks.filter { !$0.isIntact }.count
            let metadata: Logger.Metadata = [
                "paket_utuh": "\(checks.count - damaged)", "paket_rusak": "\(damaged)", "paket_hilang": "\(missing.count)",
                "asli_diperiksa": "\(originals.checked)", "asli_masalah": "\(originals.damages.count)",
                "tidak_dikenal_register": "\(unknown.lines.count)", "kode_keluar": failed ? "1" : "0",
            ]
            if failed {
                logger.error("pemeriksaan arsip: ada yang rusak atau hilang", metadata: metadata)
            } else {
                logger.info("pemeriksaan arsip selesai", metadata: metadata)
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// The Indonesian report: one line per package, one indented line per damage, then the
    /// missing packages and the originals.
    static func report(_ checks: [ArchiveCheck], directory: String, missing: [String] = [],
                       originals: (checked: Int, damages: [OriginalsArchive.Damage]) = (0, []),
                       unknown: RegisterGuard.Unknown = RegisterGuard.Unknown()) -> String {
        var out = ""
        if checks.isEmpty {
            out += "Tidak ada paket arsip di \(directory).\n"
        } else {
            out += "Memeriksa \(checks.count) paket arsip di \(directory):\n"
            for check in checks {
                if check.isIntact {
                    out += "UTUH   \(check.package) (\(check.filesChecked) berkas diperiksa)\n"
                } else {
                    out += "RUSAK  \(check.package)\n"
                    for d in check.damages {
                        out += "  - \(d.file.map { "\($0): " } ?? "")\(d.detail)\n"
                    }
                }
            }
        }
        for name in missing {
            out += "HILANG \(name) (versi ini tercatat terbit di register, tetapi paketnya tidak ada)\n"
        }
        for line in unknown.lines {
            out += "TIDAK DIKENAL REGISTER \(line): register hilang atau lebih lama dari arsip; pulihkan dari cadangan\n"
        }
        let damaged = checks.filter { !$0.isIntact }.count
        out += "Hasil: \(checks.count - damaged) paket utuh, \(damaged) paket rusak, \(missing.count) paket hilang.\n"
        out += "Berkas asli kiriman: \(originals.checked) diperiksa, \(originals.damages.count) masalah.\n"
        for d in originals.damages {
            out += "  - \(d.file): \(d.detail)\n"
        }
        return out
    }
}
