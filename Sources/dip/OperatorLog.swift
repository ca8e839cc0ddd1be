import ArgumentParser
import Foundation
import Logging
import Pipeline

/// `--quiet` / `--verbose`, shared by `dip run` and `dip watch`.
struct LogOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Hanya galat dan ringkasan di layar (log berkas tetap lengkap).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Tampilkan juga pesan debug.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet dan --verbose tidak dapat dipakai bersamaan.") }
    }
}

/// The process's log: logfmt lines to stderr and to `reports/log/dip-YYYY-MM-DD.log`.
enum OperatorLog {
    /// One sink per process, so every Logger (and the progress line) shares it.
    static let sink = LogSink(toStandardError: true)

    /// Events shown on stderr even with `--quiet` (besides errors): how each run ended, a run
    /// skipped for a busy workspace, the versions a run drafted or published (or an approved
    /// one waiting for its decree date, which `run selesai` cannot say: `terbit=-`), and a unit's list
    /// held for the PPID's decision (the one warning a cron mail must show: before --quiet kept
    /// to log lines, the terminal's "kiriman DITAHAN … (dip release)" said it), and a review
    /// workbook not wholly applied (rows refused, cells unread, not a workbook dip issued: the
    /// terminal's "… baris ditolak (lihat …/hasil-*.txt)"), which only the PPID can put right,
    /// or left because a program has it open (a lock file left by a crashed program keeps its
    /// decisions waiting; `dip watch` warns of one file once, then logs it at debug level), and
    /// the end of a failure `dip watch` logged once (`Watcher.recoveredEvent`): the error line
    /// reached stderr, so does the line saying it is over; and a register an upgrade of dip
    /// migrated, with where its copy from before is kept.
    static let summaryEvents: Set<String> = [
        "run selesai", "watch dimulai", "watch berhenti", "workspace sedang dipakai, run dilewati",
        "draf DIP baru", "DIP diterbitkan", "menunggu tanggal keputusan", Runner.heldEvent,
        reviewNotAppliedEvent, reviewStillOpenEvent, Watcher.recoveredEvent, Watcher.fileRecoveredEvent,
        Runner.interruptedEvent, RuleChanges.changedEvent, Runner.registerUpgradedEvent,
    ]

    /// Bootstraps swift-log once and returns the "dip" logger. The log file is attached only
    /// when the workspace exists (a typo in --workspace must not create folders).
    static func logger(workspace: Workspace, options: LogOptions) -> Logger {
        if (try? workspace.requireLayout()) != nil {
            sink.attach(folder: workspace.reports.appendingPathComponent("log", isDirectory: true))
        }
        let level: Logger.Level = options.verbose ? .debug : .info
        let quiet = options.quiet
        var logger = Logger(label: "dip") { label in
            var handler = LogfmtHandler(label: label, sink: sink, level: level)
            if quiet { handler.standardErrorFilter = { lvl, event in lvl >= .error || summaryEvents.contains(event) } }
            return handler
        }
        logger.logLevel = level
        return logger
    }

    /// A progress line on stderr ("[3/60] dinkes: DIP.xlsx"), only when stderr is a terminal.
    static func progress(quiet: Bool) -> ((Int, Int, InboxFile) -> Void)? {
        guard !quiet, isatty(STDERR_FILENO) != 0 else { return nil }
        return { index, count, file in
            sink.showProgress("[\(index)/\(count)] \(file.unit): \(file.fileName.replacingOccurrences(of: "\n", with: "\\n"))")
        }
    }
}
