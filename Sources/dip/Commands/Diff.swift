import ArgumentParser
import DIPCore
import Foundation
import Register

extension DIP {
    /// `dip diff`: what changed between two versions, or since the last decree.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Perbedaan antara dua versi DIP, atau sejak keputusan terakhir.",
            discussion: """
                Tanpa opsi: keadaan register sekarang dibandingkan dengan versi terakhir yang \
                diterbitkan. --from N saja: versi N dibandingkan dengan keadaan sekarang. \
                --to N saja: versi N dibandingkan dengan versi terbit sebelumnya.
                """)

        @OptionGroup var options: WorkspaceOptions

        @Option(help: ArgumentHelp("Nomor versi lama.", valueName: "versi"))
        var from: Int?

        @Option(help: ArgumentHelp("Nomor versi baru (kosong: keadaan register sekarang).", valueName: "versi"))
        var to: Int?

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        func run() throws {
            try RegisterOutput.run {
                let db = try options.openRegister()
                let diff: VersionDiff
                switch (from, to) {
                case (nil, nil): diff = try db.diffSinceLastDecree()
                case (nil, let to?): diff = try db.diff(
                    from: try db.publishedBefore(version: to), to: to)
                case (let from, let to): diff = try db.diff(from: from, to: to)
                }
                switch format {
                case .json: print(try RegisterOutput.json(diff))
                case .text: print(Self.text(diff), terminator: "")
                }
            }
        }

        static func text(_ d: VersionDiff) -> String {
            let from = d.from.map { "versi \($0)" } ?? "kosong"
            let to = d.to.map { "versi \($0)" } ?? "keadaan register sekarang"
            var out = "PERBEDAAN DIP: \(from) → \(to)\n"
            if d.isEmpty { return out + "\nTidak ada perbedaan.\n" }
            func section(_ title: String, _ deltas: [ItemDelta], details: Bool) {
                guard !deltas.isEmpty else { return }
                out += "\n\(title) (\(deltas.count)):\n"
                for x in deltas {
                    // An exempted item is in the register, never in the open list: say so.
                    let mark = x.toCategory == .dikecualikan ? " [DIKECUALIKAN – tidak diumumkan]" : ""
                    out += "  \(x.itemID) (revisi \(x.revision))\(mark): \(x.ringkasan)\n"
                    if details && !x.fields.isEmpty {
                        out += "    Kolom berubah: \(RegisterOutput.fieldList(x.fields))\n"
                    }
                    if let a = x.fromCategory, let b = x.toCategory, a != b {
                        out += "    Kategori: \(a.shortLabel) → \(b.shortLabel)\n"
                    }
                }
            }
            section("Informasi baru", d.added, details: false)
            section("Informasi berubah", d.changed, details: true)
            section("Klasifikasi berubah", d.reclassified, details: true)
            section("Informasi ditarik atau keluar dari daftar", d.withdrawn, details: false)
            return out
        }
    }
}
