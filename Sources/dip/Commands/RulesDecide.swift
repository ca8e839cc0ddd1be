import ArgumentParser
import DIPCore
import Foundation
import Register

extension RuleChangeAction: ExpressibleByArgument {}

extension DIP.RulesCommand {
    /// `dip rules decide ITEM` (also `putuskan`, its first name): the PPID's choice on one item the rules in force would classify
    /// differently, from the command line (as `dip return` beside the workbook's Keputusan).
    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide",
            abstract: "Memutuskan satu informasi tercatat yang diklasifikasikan lain oleh aturan baru (lihat dip status).",
            discussion: """
                terapkan: informasi dicatat sebagai revisi baru dengan klasifikasi aturan baru, lalu diperiksa \
                ulang (termasuk uji konsekuensi bila diperlukan). pertahankan: klasifikasi tercatat tetap, dan \
                tidak ditanyakan lagi selama aturan menghasilkan klasifikasi baru yang sama. Sama dengan kolom \
                Keputusan atas Aturan Baru pada sheet Aturan Baru lembar kerja pemeriksaan.
                """,
            aliases: ["putuskan"])

        @OptionGroup var options: WorkspaceOptions

        @Argument(help: ArgumentHelp("Kode informasi di register, misalnya dinkes-0007.", valueName: "kode-informasi"))
        var item: String

        @Option(help: ArgumentHelp("Revisi yang tercantum di dip status.", valueName: "revisi"))
        var revision: Int

        @Option(name: [.customLong("choice"), .customLong("pilihan")],
                help: ArgumentHelp("terapkan (klasifikasi aturan baru) atau pertahankan (klasifikasi tercatat).", valueName: "pilihan"))
        var choice: RuleChangeAction

        @Option(help: ArgumentHelp("Nama PPID yang memutuskan.", valueName: "nama"))
        var name: String

        @Option(help: ArgumentHelp("NIP PPID (18 digit).", valueName: "nip"))
        var nip: String?

        @Option(help: ArgumentHelp("Catatan untuk register (boleh kosong).", valueName: "catatan"))
        var note: String = ""

        func run() throws {
            try RegisterOutput.run {
                let lock = try options.lockForWriting()
                defer { withExtendedLifetime(lock) {} }
                let db = try options.openRegister()
                try db.decideRuleChange(itemID: item, revision: revision, action: choice, note: note,
                                        by: Official(name: name, nip: nip), at: Clock.fromEnvironment().now, source: .cli)
                switch choice {
                case .apply:
                    print("\(item): klasifikasi aturan baru diterapkan sebagai revisi \(revision + 1); "
                        + "informasi ini diperiksa ulang pada `dip run` berikutnya.")
                case .keep:
                    print("\(item) revisi \(revision): klasifikasi tercatat dipertahankan.")
                }
            }
        }
    }
}
