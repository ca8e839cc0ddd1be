import Foundation
import Logging
import Register
#if canImport(Glibc)
import Glibc
#endif

/// Set by SIGTERM/SIGINT; read between runs so a run is never cut in half.
/// A plain global because a C signal handler cannot capture context.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

/// `dip watch`: runs the pipeline whenever the inbox changes, until SIGTERM or SIGINT.
///
/// inotify wakes it early where the kernel delivers events; a poll interval is the fallback,
/// because SMB/CIFS shares often deliver none. Each wake-up is debounced by the settle window
/// (the Runner itself leaves files modified within it for the next pass). A signal stops the
/// loop only between runs: the current run finishes or, if killed harder, the next run
/// completes it (every stage is crash-safe).
public struct Watcher {
    public var runner: Runner
    /// Seconds between passes when no event arrives.
    public var pollInterval: TimeInterval
    public var logger: Logger

    public init(runner: Runner, pollInterval: TimeInterval, logger: Logger) {
        self.runner = runner
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Whether a pass's error needs a person before any later pass can go on: a damaged
    /// register (restore it from a backup) or a lost or older one. Polling on logged the same
    /// error every minute for good; the watcher stops instead (exit 3, which the systemd unit
    /// does not restart). Broken rules or settings are not among them: the next pass after the
    /// PPID fixes them goes on by itself.
    public static func needsAPerson(_ error: Error) -> Bool {
        if RegisterError.waitsForAPerson(error) { return true }
        switch error as? RunError {
        case .registerLost?, .registerOlder?: return true
        default: return false
        }
    }

    /// Logged when a pass succeeds after a failed one, and when a file that failed no longer
    /// does: shown with `--quiet` too, as the failure was (`OperatorLog.summaryEvents`).
    public static let recoveredEvent = "putaran berhasil lagi"
    public static let fileRecoveredEvent = "berkas tidak lagi gagal"

    /// What the operator is told with a failure the watcher will meet again at every poll.
    public static let retryNote = "dip watch mencoba lagi pada setiap putaran; kesalahan yang sama tidak dicatat lagi "
        + "sampai penyebabnya berubah atau teratasi (lalu dicatat sebagai teratasi). Perbaiki penyebabnya; "
        + "dip tidak perlu dijalankan ulang."

    /// Loops until a stop signal, or until a pass fails with an error that `needsAPerson`,
    /// which it returns; `onRun` sees each pass's summary (or error).
    ///
    /// A cause that lasts (an archive on a full or read-only disk, broken rules) failed every
    /// pass the same way and was logged at every poll, 1,440 error lines a day: each failure is
    /// logged at error level once, with `pesan` saying what the watcher does, then at debug
    /// level while it stays the same; when it changes it is logged again, and when it clears
    /// an info line says so (`putaran berhasil lagi`, `berkas tidak lagi gagal`).
    @discardableResult
    public func run(maxPasses: Int? = nil, onRun: (Result<RunSummary, Error>) -> Void) -> Error? {
        installSignalHandlers()
        let notify = InboxNotifier(inbox: runner.workspace.inbox)
        var passes = 0
        var logged: Set<String> = []
        var failedFiles: [SkippedFile] = []
        var passError: String?
        logger.info("watch dimulai", metadata: ["inbox": "\(runner.workspace.inbox.path)", "inotify": "\(notify.isActive)"])
        while stopRequested == 0 {
            var options = runner.options
            options.clock = .fromEnvironment()
            options.skipsAlreadyLogged = logged
            options.failuresAlreadyLogged = Set(failedFiles.map(\.failureKey))
            options.failureNote = Self.retryNote
            options.idleSummaryAtDebug = true
            var pass = runner
            pass.options = options
            let result = Result { try pass.run() }
            switch result {
            case .success(let summary):
                logged = Set(summary.skipped.map(\.path) + (summary.review?.skippedPaths ?? []))
                if let previous = passError {
                    logger.info("\(Self.recoveredEvent)", metadata: ["gangguan_sebelumnya": "\(previous)"])
                    passError = nil
                }
                let failing = Set(summary.failures.map(\.failureKey))
                for failure in failedFiles where !failing.contains(failure.failureKey) {
                    logger.info("\(Self.fileRecoveredEvent)", metadata: [
                        "path": "\(failure.path)", "gangguan_sebelumnya": "\(failure.reason)"])
                }
                failedFiles = summary.failures
            case .failure(let error) where !Self.needsAPerson(error):
                let text = FailureText.describe(error)
                logger.log(level: text == passError ? .debug : .error, "putaran gagal",
                           metadata: ["error": "\(text)", "pesan": "\(Self.retryNote)"])
                passError = text
            case .failure:
                break
            }
            onRun(result)
            passes += 1
            if case .failure(let error) = result, Self.needsAPerson(error) {
                logger.info("watch berhenti", metadata: ["putaran": "\(passes)"])
                return error
            }
            if let maxPasses, passes >= maxPasses { break }
            // A stop asked for during the pass: now, not after the poll interval (the signal
            // interrupts only a wait it arrives in; `systemctl stop` waited up to --poll-seconds).
            if stopRequested != 0 { break }
            // Wait for an event or the poll interval, then let a burst settle.
            if notify.wait(seconds: pollInterval), stopRequested == 0 {
                notify.wait(seconds: max(1, runner.options.settleSeconds), drainOnly: true)
            }
        }
        logger.info("watch berhenti", metadata: ["putaran": "\(passes)"])
        return nil
    }

    private func installSignalHandlers() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in stopRequested = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0 // no SA_RESTART: poll() returns EINTR so the loop sees the flag
        sigaction(SIGTERM, &action, nil)
        sigaction(SIGINT, &action, nil)
    }
}

/// inotify on `inbox/` and its unit folders; inactive (pure polling) when unavailable.
final class InboxNotifier {
    private let fd: Int32
    private let inbox: URL
    private var watched: Set<String> = []

    var isActive: Bool { fd >= 0 }

    init(inbox: URL) {
        self.inbox = inbox
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        refreshWatches()
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Watches the inbox and every unit folder (new unit folders are picked up on each wait).
    private func refreshWatches() {
        guard fd >= 0 else { return }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB)
        var paths = [inbox.path]
        let units = (try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? []
        paths += units.filter { !$0.hasPrefix(".") }.map { inbox.appendingPathComponent($0).path }
        for path in paths where !watched.contains(path) {
            if inotify_add_watch(fd, path, mask) >= 0 { watched.insert(path) }
        }
    }

    /// The longest a wait sleeps before it looks at the stop flag again: a stop signal that
    /// arrives between the flag's check and the sleep interrupts nothing, and would otherwise
    /// be seen only when the whole poll interval is over.
    static let stopCheckSeconds: TimeInterval = 1

    /// Waits up to `seconds`; true when something changed. With `drainOnly`, keeps reading
    /// events until the folder is quiet for `seconds` (debouncing a burst of copies). Returns
    /// early (false) on a stop request.
    @discardableResult
    func wait(seconds: TimeInterval, drainOnly: Bool = false) -> Bool {
        guard fd >= 0 else {
            if !drainOnly { sleepInterruptibly(seconds) }
            return false
        }
        var changed = false
        repeat {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            var n: Int32 = 0
            let end = Date().addingTimeInterval(seconds)
            while stopRequested == 0 {
                let left = end.timeIntervalSinceNow
                if left <= 0 { break }
                n = poll(&pfd, 1, Int32(min(left, Self.stopCheckSeconds) * 1000))
                if n != 0 { break }
            }
            if n <= 0 { break } // timeout, stop request, or EINTR from a stop signal
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress!, $0.count) }) > 0 {}
            changed = true
            refreshWatches()
        } while drainOnly && stopRequested == 0
        return changed
    }

    private func sleepInterruptibly(_ seconds: TimeInterval) {
        let end = Date().addingTimeInterval(seconds)
        // nanosleep returns early on a signal; slices of `stopCheckSeconds` see a stop request
        // that came just before it.
        while stopRequested == 0 {
            let slice = min(end.timeIntervalSinceNow, Self.stopCheckSeconds)
            if slice <= 0 { return }
            var remaining = timespec(tv_sec: Int(slice), tv_nsec: Int((slice - floor(slice)) * 1e9))
            var left = timespec()
            if nanosleep(&remaining, &left) != 0 { return }
        }
    }
}
