import Foundation

/// Work started on a thread of its own, its result taken with `wait()`: how a run puts the
/// machine's second core to use (issue 19) without an executor of tasks. The work must not
/// touch what the starting thread changes meanwhile; it hands back a value.
public final class OwnThread<Value>: @unchecked Sendable {
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` at once on a new thread (8 MB of stack, like the main thread's: the
    /// readers recurse on nested XML and YAML).
    public init(_ work: @escaping () -> Value) {
        let thread = Thread { [self] in
            result = work()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The work's result, once it has finished (blocks until then). Call once.
    public func wait() -> Value {
        done.wait()
        return result!
    }

    /// Runs `work` on its own thread when `parallel`, else at once on this one (the work's
    /// result is the same either way; one thread is what `DIP_THREADS=1` asks for).
    public static func start(if parallel: Bool, _ work: @escaping () -> Value) -> Started {
        parallel ? .started(OwnThread(work)) : .done(work())
    }

    /// Work run on its own thread, or already done on the caller's.
    public enum Started {
        case started(OwnThread)
        case done(Value)

        public func wait() -> Value {
            switch self {
            case .started(let thread): return thread.wait()
            case .done(let value): return value
            }
        }
    }
}
