import ArgumentParser
import DIPCore
import Foundation
import Logging
import Pipeline
import Register

extension DIP {
    /// `dip run`: one pass of the SOP over the workspace.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Satu putaran SOP: arsipkan dan baca kiriman baru, klasifikasi, perbarui register, tulis umpan balik, draf dan paket pemeriksaan, terbitkan versi yang disetujui.",
            discussion: helpDiscussion)

        /// What the IT officer sets cron or systemd up from: the exit codes and the log.
        static let helpDiscussion = """
            Kode keluar:
              0  selesai, tidak ada kiriman yang ditolak;
              1  gagal (disk penuh, izin folder, galat baca/tulis): tidak ada yang hilang, perbaiki penyebab yang disebut di log lalu jalankan lagi;
              2  selesai, tetapi ada kiriman yang ditolak, ditahan atau bermasalah: unit dan PPID membaca laporannya;
              3  perlu tindakan orang: bukan workspace, aturan di rules/ rusak (dip rules check), atau register hilang, rusak atau lebih lama dari arsip (pulihkan dari cadangan);
              4  workspace sedang dipakai proses dip lain (tanpa --wait).
            Log: reports/log/dip-TTTT-BB-HH.log di folder workspace, satu baris per kejadian; setiap run diakhiri "run selesai" atau "run gagal".
            Panduan petugas TI: docs/ops.md.
            """

        @OptionGroup var options: WorkspaceOptions
        @OptionGroup var log: LogOptions

        @Option(name: .long, help: ArgumentHelp("Berkas yang berubah kurang dari N detik lalu dianggap masih disalin dan dilewati.", valueName: "detik"))
        var settleSeconds: Double = 10

        @Flag(name: .long, help: "Tunggu bila workspace sedang dipakai proses dip lain (bawaan: keluar dengan kode 4).")
        var wait = false

        func run() throws {
            let workspace = options.resolved
            let logger = OperatorLog.logger(workspace: workspace, options: log)
            let runOptions = RunOptions.forCommand(settleSeconds: settleSeconds, waitForLock: wait, logger: logger)
            var runner = Runner(workspace: workspace, options: runOptions, logger: logger)
            runner.progress = OperatorLog.progress(quiet: log.quiet)
            let summary: RunSummary
            do {
                summary = try runner.run()
            } catch {
                throw Self.exit(for: error, logger: logger, quiet: log.quiet)
            }
            // --quiet (cron: `>>cron.log 2>&1`): only dated logfmt lines. The sentences below
            // carry no time, and the summary line `run selesai` (with `kode_keluar`, `draf`,
            // `terbit`, `ditahan`, `gagal`) and each failure's own error line say the same.
            if log.quiet {
                if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
                return
            }
            print(summary.terminalLine)
            if summary.held > 0 {
                print("\(IndonesianNumber.grouped(summary.held)) kiriman DITAHAN karena akan menarik sebagian besar daftar unitnya; "
                    + "lihat \(workspace.heldListsNotice.path) (dip release).")
            }
            // The units told this run, by their folders (a "<unit>" placeholder said nothing).
            let told = Set(summary.outcomes.map(\.unit)).sorted()
            if !told.isEmpty {
                print("Umpan balik unit di \(workspace.outboxes.path)/: " + told.map { "\($0)/" }.joined(separator: ", "))
            }
            for line in Self.decisionLines(summary, workspace: workspace) { print(line) }
            if !summary.failures.isEmpty {
                printError("\(summary.failures.count) berkas tidak dapat diarsipkan dan tetap di inbox/ untuk run berikutnya:")
                for failure in summary.failures { printError("  - \(failure.path): \(failure.reason)") }
            }
            // 1 (a file not archived), 2 (refused, held or with problems) or 0: the code the
            // summary log line states (`kode_keluar`).
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
        }

        /// What the run did with the PPID's decisions and versions, for the terminal.
        static func decisionLines(_ summary: RunSummary, workspace: Workspace) -> [String] {
            var lines: [String] = []
            if let review = summary.review, !review.files.isEmpty {
                let approved = review.files.reduce(0) { $0 + $1.approved }
                let returned = review.files.reduce(0) { $0 + $1.returned }
                let tests = review.files.reduce(0) { $0 + $1.testsRecorded }
                let refused = review.files.reduce(0) { $0 + $1.refused.count }
                var line = "Keputusan PPID dari \(review.files.count) lembar pemeriksaan: \(approved) disetujui, "
                    + "\(returned) dikembalikan, \(tests) uji konsekuensi dicatat"
                if refused > 0 { line += ", \(refused) baris ditolak (lihat \(workspace.review.path)/hasil-*.txt)" }
                lines.append(line + ".")
            }
            if let review = summary.review, !review.skipped.isEmpty {
                lines.append("Lembar pemeriksaan masih terbuka di program lain, dicoba lagi nanti: "
                    + review.skipped.joined(separator: ", ") + ".")
            }
            if let published = summary.publishedVersion {
                lines.append("DIP versi \(published) diterbitkan: situs di \(workspace.reports.path)/situs/, "
                    + "keputusan di \(workspace.reports.path)/terbit/v\(published)/, paket arsip di \(workspace.packages.path)/.")
            } else if let waiting = summary.publicationAwaitsDecreeDate {
                lines.append("DIP versi \(waiting.version) sudah disetujui dengan tanggal keputusan "
                    + "\(Clock(now: waiting.date).indonesianDate(waiting.date)): diterbitkan oleh `dip run` pada atau setelah "
                    + "tanggal itu, karena keputusan mulai berlaku pada tanggal ditetapkan.")
            }
            if !summary.exemptionNotices.isEmpty {
                lines.append("Perhatian: " + ExemptionPeriods.countsText(summary.exemptionNotices, noticeDays: summary.exemptionNoticeDays)
                    + " (" + summary.exemptionNotices.prefix(10).map(\.term.itemID).joined(separator: ", ")
                    + (summary.exemptionNotices.count > 10 ? ", …" : "") + "): " + ExemptionPeriods.whatToDo(summary.exemptionNotices) + "; "
                    + "lihat sheet Jangka Waktu Pengecualian di \(workspace.review.path)/pemeriksaan-dip.xlsx.")
            }
            if summary.publishedVersion == nil, let draft = summary.draftVersion {
                lines.append("Draf DIP versi \(draft) menunggu persetujuan (dip approve); paket pemeriksaan di \(workspace.review.path)/.")
            }
            return lines
        }

        /// Prints the error in Indonesian, logs it, and picks the documented exit code.
        static func exit(for error: Error, logger: Logger, quiet: Bool = false) -> ExitCode {
            let code: ExitCode
            switch error {
            case let error as WorkspaceError:
                switch error {
                case .locked: code = DIPExit.locked
                case .notAWorkspace: code = DIPExit.configuration
                case .io: code = DIPExit.failure
                }
            case is RunError:
                code = DIPExit.configuration
            case _ where RegisterError.waitsForAPerson(error):
                // A damaged register waits for a person (restore it): no later run goes on.
                code = DIPExit.configuration
            default:
                code = DIPExit.failure
            }
            // The register's storage (a full disk, a read-only file) said in words, not as the
            // error's Swift value; anything else as it describes itself.
            let message = FailureText.describe(error)
            let meaning = "Run gagal dan dihentikan; tidak ada kiriman yang hilang, run berikutnya melanjutkan."
            let text = code == DIPExit.failure ? "\(meaning) Penyebab: \(message)" : message
            // The sentence goes to the terminal undated; with --quiet only the dated log line,
            // which carries the same (`error`, and `pesan` for what a failure means), reaches stderr.
            if !quiet { printError(text) }
            if code == DIPExit.locked {
                // Not a failure: the next run proceeds (README, exit 4).
                logger.info("workspace sedang dipakai, run dilewati", metadata: [
                    "kode_keluar": "\(code.rawValue)", "pesan": "\(text)"])
            } else {
                // The cause once (`error`); `pesan` adds what a failure means, not the cause again
                // (the line carried the same sentence twice, 2 × 400 characters for a damaged register).
                var metadata: Logger.Metadata = ["kode_keluar": "\(code.rawValue)", "error": "\(message)",
                                                 "versi_dip": "\(DIP.version)"]
                if code == DIPExit.failure { metadata["pesan"] = "\(meaning)" }
                logger.error("run gagal", metadata: metadata)
            }
            return code
        }
    }
}

/// Writes a line to standard error; never traps (a full disk or closed stderr loses the line,
/// not the run: `FileHandle.write` ended dip with SIGILL there).
func printError(_ message: String) {
    writeStandardError(message + "\n")
}

/// Writes text to fd 2 with write(2), ignoring failures (ENOSPC, EPIPE, EBADF).
func writeStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(2, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 { if errno == EINTR { continue }; return }
            if n == 0 { return }
            offset += n
        }
    }
}
