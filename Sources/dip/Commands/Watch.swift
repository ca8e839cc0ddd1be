import ArgumentParser
import Foundation
import Logging
import Pipeline
import Register

extension DIP {
    /// `dip watch`: process files as they arrive, until SIGTERM/SIGINT.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Memantau inbox/ dan memproses kiriman begitu selesai disalin (berhenti dengan SIGTERM/Ctrl-C).")

        @OptionGroup var options: WorkspaceOptions
        @OptionGroup var log: LogOptions

        @Option(name: .long, help: ArgumentHelp("Detik antarpemeriksaan bila tidak ada notifikasi (share jaringan sering tidak mengirimnya).", valueName: "detik"))
        var pollSeconds: Double = 60

        @Option(name: .long, help: ArgumentHelp("Berkas yang berubah kurang dari N detik lalu dianggap masih disalin dan dilewati.", valueName: "detik"))
        var settleSeconds: Double = 10

        func run() throws {
            let workspace = options.resolved
            let logger = OperatorLog.logger(workspace: workspace, options: log)
            do { try workspace.requireLayout() } catch let error as WorkspaceError {
                // --quiet: the dated log line alone (it carries the sentence), under the key
                // `run gagal` gives the same cause (`error`), so one grep finds both.
                if !log.quiet { printError(error.description) }
                logger.error("watch gagal dimulai", metadata: [
                    "kode_keluar": "\(DIPExit.configuration.rawValue)", "error": "\(error.description)"])
                throw DIPExit.configuration
            }
            // Wait for the lock: a cron `dip run` overlapping the watcher simply goes first.
            var runner = Runner(workspace: workspace,
                                options: RunOptions.forCommand(settleSeconds: settleSeconds, waitForLock: true, logger: logger),
                                logger: logger)
            runner.progress = OperatorLog.progress(quiet: log.quiet)
            // A failing pass is logged by the watcher (once while its cause stays the same).
            let stoppedBy = Watcher(runner: runner, pollInterval: pollSeconds, logger: logger).run { _ in }
            // A damaged, lost or older register: said once, exit 3 (systemd does not restart it,
            // RestartPreventExitStatus=3), instead of the same error every poll.
            if let error = stoppedBy { throw Run.exit(for: error, logger: logger, quiet: log.quiet) }
        }
    }
}
