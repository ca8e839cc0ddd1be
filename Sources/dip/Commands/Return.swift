import ArgumentParser
import DIPCore
import Foundation
import Register

extension DIP {
    /// `dip return ITEM`: the PPID sends an item back to its unit with a correction note.
    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mengembalikan satu informasi ke unit kerja dengan catatan perbaikan.",
            discussion: "Catatan muncul pada umpan balik unit kerja berikutnya; informasi "
                + "tidak dimuat dalam DIP sampai unit kerja mengirim revisi baru.")

        @OptionGroup var options: WorkspaceOptions

        @Argument(help: ArgumentHelp("Kode informasi di register, misalnya dinkes-0007.", valueName: "kode-informasi"))
        var item: String

        @Option(help: ArgumentHelp("Revisi yang diperiksa (tertera pada draf).", valueName: "revisi"))
        var revision: Int

        @Option(help: ArgumentHelp("Catatan perbaikan untuk unit kerja.", valueName: "catatan"))
        var note: String

        @Option(help: ArgumentHelp("Nama PPID yang mengembalikan.", valueName: "nama"))
        var name: String

        @Option(help: ArgumentHelp("NIP PPID (18 digit).", valueName: "nip"))
        var nip: String?

        @Option(help: "Format keluaran.")
        var format: OutputFormat = .text

        func run() throws {
            try RegisterOutput.run {
                let lock = try options.lockForWriting()
                defer { withExtendedLifetime(lock) {} }
                let db = try options.openRegister()
                try db.returnItem(
                    itemID: item, revision: revision, note: note,
                    by: Official(name: name, nip: nip), at: Clock.fromEnvironment().now,
                    source: .cli)
                switch format {
                case .json:
                    print(try RegisterOutput.json(
                        ["item": item, "revision": String(revision), "action": "return"]))
                case .text:
                    print("\(item) revisi \(revision) dikembalikan ke unit kerja. Catatan: \(note)")
                }
            }
        }
    }
}
