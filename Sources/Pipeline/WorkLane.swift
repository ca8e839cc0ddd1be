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
///
/// Not `OwnThread` (DIPCore), which starts one thread per piece of work and runs it at once:
/// the lane keeps one thread for the run's tasks in the order given, defers them to the
/// waiting thread when there is no second one, and carries thrown errors to `wait`.
final class WorkLane: @unchecked Sendable {
    /// One extra thread when `threads` > 1, none with 1; tasks go round them in turn.
    private let workers: [LaneThread]
    private var next = 0

    /// At most one extra thread whatever `threads` allows (`DIP_THREADS` up to 64): two lane
    /// threads would run the decrees and the templates beside the pack, three working sets at
    /// once where `secondThreadItemLimit` and the memory figures count two.
    init(threads: Int) {
        workers = threads > 1 ? [LaneThread(name: "dip-lajur-1")] : []
    }

    deinit {
        for worker in workers { worker.stop() }
    }

    /// Whether tasks run on another thread.
    var isConcurrent: Bool { !workers.isEmpty }

    /// Starts `work` on the next extra thread; with none, `work` runs when the task is waited for.
    func start<T>(_ work: @escaping () throws -> T) -> LaneTask<T> {
        let task = LaneTask<T>()
        guard !workers.isEmpty else {
            task.deferred = work
            return task
        }
        let worker = workers[next % workers.count]
        next += 1
        worker.run { task.finish(Result { try work() }) }
        return task
    }
}

/// A plain thread running the closures it is given one after another, in the order given
/// (a `Thread`, not a dispatch queue: it inherits the run's scheduling, and has the main
/// thread's 8 MB of stack, which the XML writers' nesting may use). Ends once stopped and idle.
private final class LaneThread: @unchecked Sendable {
    private let lock = NSLock()
    private let ready = DispatchSemaphore(value: 0)
    private var pending: [() -> Void] = []
    private var stopped = false

    init(name: String) {
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    func run(_ work: @escaping () -> Void) {
        lock.lock()
        pending.append(work)
        lock.unlock()
        ready.signal()
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        ready.signal()
    }

    private func loop() {
        while true {
            ready.wait()
            lock.lock()
            if pending.isEmpty {
                let done = stopped
                lock.unlock()
                if done { return }
                continue
            }
            let work = pending.removeFirst()
            lock.unlock()
            work()
            // What the task freed stays in this thread's malloc arena, which the run's thread
            // does not reuse: given back to the system (1× update peak 146 → 143 MB). One
            // arena for both threads (M_ARENA_MAX=1) held less (136 MB) but its lock cost
            // 0.4 s of CPU and a quarter of the wall time won.
            MemoryProbe.giveBackFreedMemory()
        }
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
