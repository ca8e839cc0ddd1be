import Dispatch
import Foundation
import Logging

/// Work a run hands to a second thread while its own thread goes on (`RunOptions.threads`):
/// the stages after the intake make documents that do not depend on one another (the draft
/// decrees and the review pack, the consequence-test forms and the review workbook), and the
/// machine dip runs on has two cores.
///
/// Each task computes from values it was given and writes only temporary files or its own
/// cache; what it made is committed (renamed into place, logged) by the run's thread when it
/// waits for the task, in the order the run commits without a second thread. With one thread
/// a task runs on the run's thread when it is waited for, where a run without a second thread
/// always made it (nothing made earlier is held longer); both give the same bytes.
final class WorkLane: @unchecked Sendable {
    /// Serial queues, one per extra thread (none with `threads` 1); tasks go round them in turn.
    private let queues: [DispatchQueue]
    private var next = 0

    init(threads: Int) {
        queues = (0..<max(0, threads - 1)).map { DispatchQueue(label: "dip.lajur-\($0 + 1)", qos: .userInitiated) }
    }

    /// Whether tasks run on another thread.
    var isConcurrent: Bool { !queues.isEmpty }

    /// Starts `work` on the next extra thread; with none, `work` runs when the task is waited for.
    func start<T>(_ work: @escaping () throws -> T) -> LaneTask<T> {
        let task = LaneTask<T>()
        guard !queues.isEmpty else {
            task.deferred = work
            return task
        }
        let queue = queues[next % queues.count]
        next += 1
        queue.async { task.finish(Result { try work() }) }
        return task
    }
}

/// The outcome of a task started on a `WorkLane`, given once it is done.
final class LaneTask<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<T, Error>?
    private var waited: Result<T, Error>?
    /// The work of a lane without an extra thread, done by `wait`.
    fileprivate var deferred: (() throws -> T)?

    fileprivate func finish(_ result: Result<T, Error>) {
        lock.lock()
        self.result = result
        lock.unlock()
        done.signal()
    }

    /// Waits for the task and returns what it made, or throws what it threw. May be called
    /// again (the same result).
    func wait() throws -> T {
        if let waited { return try waited.get() }
        if let work = deferred {
            deferred = nil
            let outcome = Result { try work() }
            waited = outcome
            return try outcome.get()
        }
        done.wait()
        lock.lock()
        let outcome = result!
        lock.unlock()
        waited = outcome
        return try outcome.get()
    }

    /// For a run that stops before it needs the result (an error): waits for the task when
    /// it is under way on another thread, so nothing is left writing; a task not begun is dropped.
    func settle() {
        if deferred != nil {
            deferred = nil
            return
        }
        _ = try? wait()
    }
}

/// Log lines of a task, kept until the run's thread writes them in its fixed order
/// (`replay`): a second thread never writes to the run log itself.
final class BufferedLog: @unchecked Sendable {
    private var lines: [(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata)] = []

    func info(_ message: Logger.Message, metadata: Logger.Metadata) {
        lines.append((.info, message, metadata))
    }

    /// Writes the kept lines to `logger`, in the order they were made, and forgets them.
    func replay(into logger: Logger) {
        for line in lines { logger.log(level: line.level, line.message, metadata: line.metadata) }
        lines = []
    }
}

/// glibc gives each thread that allocates its own malloc arena, and memory freed in one is
/// not reused by another: a `WorkLane` task's working set stayed held beside the run thread's
/// (11 MB of a 66-unit update's peak: 149 MB against 138 MB with one arena). `dip` asks for
/// one arena for the process (`mallopt(M_ARENA_MAX, 1)`; each thread keeps its small cache),
/// which cost no measurable CPU. It must be set before a second thread allocates (glibc fixes
/// the arena limit then), so `dip` calls this first thing. Looked up with dlsym: Swift's
/// Glibc module does not export malloc.h.
public enum MallocArenas {
    public static func useOne() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        let arenaMax: Int32 = -8  // M_ARENA_MAX in malloc.h
        _ = mallopt(arenaMax, 1)
    }
}
