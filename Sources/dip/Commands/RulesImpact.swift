import ArgumentParser
import DIPCore
import Foundation
import Pipeline
import Publish
import Register
import Rules

extension DIP.RulesCommand {
    /// `dip rules impact` (also `dampak`, its first name): which items on record the workspace's rules, as they are now, would
    /// classify differently, without a run and without writing anything (session 25). A run
    /// records the same list for the PPID once the rules changed (`RuleChanges`).
    struct Impact: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "impact",
            abstract: "Menampilkan informasi tercatat yang akan diklasifikasikan lain oleh aturan di rules/ sekarang (tanpa mengubah apa pun).",
            discussion: """
                Setelah rules/ diubah (atau program dip diperbarui), informasi yang sudah tercatat tetap \
                memakai klasifikasi lamanya. Perintah ini mengklasifikasikan ulang setiap informasi tercatat \
                dengan aturan sekarang dan menampilkan yang hasilnya berbeda (kategori, perlu uji konsekuensi, \
                dasar Pasal 17), dengan aturan yang menjelaskannya. Register tidak diubah. Run berikutnya \
                mencatat daftar yang sama untuk diputuskan PPID di sheet Aturan Baru lembar kerja pemeriksaan.
                Kode keluar: 0 tidak ada yang berubah; 2 ada informasi yang berubah; 3 bukan workspace.
                """,
            aliases: ["dampak"])

        @OptionGroup var options: WorkspaceOptions

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        func run() throws {
            var changed = false
            try RegisterOutput.run {
                let register = try options.openRegister()
                let config = try Configuration.load(options.resolved)
                let pass = try RuleChanges.evaluate(register: register, classifier: try config.classifier(register: register))
                let changes = try register.withoutKept(pass.changes)
                changed = !changes.isEmpty
                switch format {
                case .json:
                    print(try RegisterOutput.json(changes))
                case .text:
                    var out = "Informasi tercatat diperiksa dengan aturan di \(options.resolved.rules.path): \(pass.checked)\n"
                    if changes.isEmpty {
                        out += "Tidak ada yang diklasifikasikan lain oleh aturan sekarang.\n"
                    } else {
                        out += "Diklasifikasikan lain oleh aturan sekarang: \(changes.count)\n"
                            + RuleChangeText.lines(changes, citations: config.citations)
                            + "Belum ada yang diubah. Run berikutnya mencatatnya untuk diputuskan PPID "
                            + "(sheet Aturan Baru di reports/review/pemeriksaan-dip.xlsx; juga `dip status`).\n"
                    }
                    print(out, terminator: "")
                }
            }
            if changed { throw ExitCode(2) }
        }
    }
}
