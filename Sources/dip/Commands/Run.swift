import ArgumentParser
import DIPCore
import Foundation
import Logging
import Pipeline

extension DIP {
    /// `dip run`: one pass of the SOP over the workspace.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Satu putaran SOP: arsipkan dan baca kiriman baru, klasifikasi, perbarui register, tulis umpan balik, draf dan paket pemeriksaan, terbitkan versi yang disetujui.")

        @OptionGroup var options: WorkspaceOptions

        @Option(name: .long, help: "Berkas yang berubah kurang dari N detik lalu dianggap masih disalin dan dilewati.")
        var settleSeconds: Double = 10

        @Flag(name: .long, help: "Tunggu bila workspace sedang dipakai proses dip lain (bawaan: keluar dengan kode 4).")
        var wait = false

        func run() throws {
            let logger = Logger(label: "dip")
            let workspace = options.resolved
            let runOptions = RunOptions(settleSeconds: settleSeconds, clock: .fromEnvironment(), waitForLock: wait)
            do {
                let summary = try Runner(workspace: workspace, options: runOptions, logger: logger).run()
                print("Selesai: \(summary.accepted) diterima, \(summary.refused) ditolak, \(summary.duplicates) sama dengan sebelumnya, \(summary.problemCount) masalah.")
                print("Umpan balik unit: \(workspace.feedback.path)")
                if summary.refused > 0 || summary.problemCount > 0 { throw DIPExit.finishedWithProblems }
            } catch let error as WorkspaceError {
                printError(error.description)
                switch error {
                case .locked: throw DIPExit.locked
                case .notAWorkspace: throw DIPExit.configuration
                case .io: throw DIPExit.failure
                }
            } catch let error as RunError {
                printError(error.description)
                throw DIPExit.configuration
            }
        }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
