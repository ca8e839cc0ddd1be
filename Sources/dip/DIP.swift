import ArgumentParser

/// `dip`: takes in unit submissions, classifies, registers and publishes the DIP.
@main
struct DIP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dip",
        abstract: "Penetapan dan pemutakhiran Daftar Informasi Publik (DIP).",
        version: "0.1.0",
        subcommands: [Check.self, Dump.self]
    )
}
