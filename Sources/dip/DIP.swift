import ArgumentParser

/// `dip`: takes in unit submissions, classifies, registers and publishes the DIP.
@main
struct DIP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dip",
        abstract: "Penetapan dan pemutakhiran Daftar Informasi Publik (DIP).",
        version: "0.1.0",
        subcommands: [Init.self, Run.self, Watch.self, Check.self, Dump.self, VerifyArchive.self, RulesCommand.self, Status.self, Diff.self, History.self, Approve.self, Approvals.self, Return.self, RecordTest.self]
    )
}
