import ArgumentParser
import DIPCore
import Foundation
import Intake
import Rules

/// `dip check FILE…`: reads submissions as the pipeline would and reports items and problems,
/// touching no workspace. Exit 0 when every file is usable, 1 when any is refused or cannot be read.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Periksa berkas usulan DIP (XLSX, ODS, CSV atau halaman web \"Export ke Excel\") tanpa mengubah workspace apa pun.",
        discussion: """
            Keluar dengan kode 0 bila semua berkas dapat dipakai, 1 bila ada berkas yang ditolak atau tidak dapat dibaca.
            Berkas kunci/sementara (~$…, .~lock…#, *.tmp) dilewati. Format JSON: docs/json.md.
            """)


    @Argument(help: ArgumentHelp("Berkas usulan DIP (.xlsx, .ods, .csv, atau halaman web HTML bernama .xls/.html).", valueName: "berkas"))
    var files: [String]

    @Option(help: "Format keluaran.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Folder aturan untuk klasifikasi (bawaan: ./rules bila ada, selain itu aturan bawaan).", valueName: "folder"))
    var rules: String?

    func run() throws {
        // A file checked today is judged as if received today (its times of making).
        let now = Clock.fromEnvironment().now
        let results = files.filter { !Intake.isIgnorable(fileName: $0) }
            .map { readSubmission(at: $0, receivedAt: now) }
        let classifier = Classifier(ruleSet: try loadRules())
        switch format {
        case .json: FileHandle.standardOutput.write(try CheckReport(results, classify: classifier.classify).jsonData())
        case .text: print(checkReportText(results), terminator: "")
        }
        // A file the system could not read (status failed) is not usable either.
        if results.contains(where: { $0.status != .accepted }) { throw ExitCode.failure }
    }

    /// The rules named by --rules, else ./rules when it exists, else the built-in defaults.
    func loadRules() throws -> RuleSet {
        let directory = rules ?? "rules"
        if FileManager.default.fileExists(atPath: directory + "/aturan.yaml") {
            do {
                return try RuleSet.load(directory: URL(fileURLWithPath: directory, isDirectory: true))
            } catch {
                printError("Aturan di \(directory) tidak dapat dibaca; periksa dengan `dip rules check`.\n\(error)")
                throw ExitCode(3)
            }
        }
        if rules != nil {
            printError("Folder aturan \(directory) tidak berisi aturan.yaml.")
            throw ExitCode(3)
        }
        return try RuleSet.defaults()
    }
}
