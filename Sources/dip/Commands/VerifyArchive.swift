import ArgumentParser
import Foundation
import Publish

/// `dip verify-archive`: recomputes every checksum of every archive package (fixity check).
struct VerifyArchive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-archive",
        abstract: "Periksa keutuhan semua paket arsip (checksum setiap berkas).",
        discussion: """
            Membuka setiap paket .zip di <workspace>/archive/packages/, menghitung ulang \
            checksum SHA-512 dan SHA-256 setiap berkas muatan dan berkas tag, serta \
            memeriksa Payload-Oxum. Keluar dengan kode 1 bila ada paket yang rusak.
            """)

    @Option(help: "Folder kerja (workspace) yang berisi archive/packages/.")
    var workspace: String = "."

    func run() throws {
        let dir = URL(fileURLWithPath: workspace).appendingPathComponent("archive/packages")
        let checks = ArchiveVerifier.checkAll(packagesIn: dir)
        print(VerifyArchive.report(checks, directory: dir.path), terminator: "")
        if checks.contains(where: { !$0.isIntact }) { throw ExitCode.failure }
    }

    /// The Indonesian report: one line per package, one indented line per damage.
    static func report(_ checks: [ArchiveCheck], directory: String) -> String {
        guard !checks.isEmpty else { return "Tidak ada paket arsip di \(directory).\n" }
        var out = "Memeriksa \(checks.count) paket arsip di \(directory):\n"
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
        let damaged = checks.filter { !$0.isIntact }.count
        out += "Hasil: \(checks.count - damaged) paket utuh, \(damaged) paket rusak.\n"
        return out
    }
}
