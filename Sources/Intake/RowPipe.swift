import Foundation
import OfficeFormats

/// Reads a row source on a helper thread ahead of the table builder. Rows come over in
/// batches through a queue of at most `depth` batches, so reading (inflating and parsing the
/// XML, or parsing the CSV) and normalising run on two cores while what is held stays bounded
/// (whatever the file's size). Rows arrive in source order, and a read error arrives after the
/// rows read before it, so the builder sees exactly what reading on its own thread would give.
///
/// Batches the builder is done with come back (`next(recycling:)`) and are dropped by the
/// helper: the rows' memory was allocated on its thread, and freeing it there keeps malloc in
/// its thread cache, where frees from the other thread would contend for the helper's arena.
final class RowPipe<S: RowSource>: @unchecked Sendable {
    static var batchRows: Int { 512 }
    static var depth: Int { 4 }

    private let condition = NSCondition()
    /// Only the helper touches the source between `start()` and `stop()`.
    private var source: S
    private var batches: [[SheetRow]] = []
    /// Batches given back, for the helper to drop (at most `depth` + 1: one per batch taken).
    private var spent: [[SheetRow]] = []
    /// The helper has queued its last batch (after the end of the rows or a read error).
    private var ended = false
    private var failure: Error?
    private var cancelled = false
    private var threadDone = false
    private var started = false

    init(_ source: S) {
        self.source = source
    }

    func start() {
        started = true
        let thread = Thread { [self] in produce() }
        thread.name = "dip.intake.rows"
        thread.start()
    }

    /// The helper's loop: a batch is read without the lock, then queued.
    private func produce() {
        var end = false
        var garbage: [[SheetRow]] = []
        while !end {
            // Drops what the builder gave back, outside the lock.
            garbage.removeAll(keepingCapacity: true)
            var batch: [SheetRow] = []
            batch.reserveCapacity(Self.batchRows)
            var error: Error?
            do {
                while batch.count < Self.batchRows {
                    guard let row = try source.nextRow() else {
                        end = true
                        break
                    }
                    batch.append(row)
                }
            } catch let readError {
                error = readError
                end = true
            }
            condition.lock()
            // A full queue is refilled once half of it has been taken: one wake-up per two
            // batches rather than one per batch.
            if batches.count >= Self.depth {
                while batches.count > Self.depth / 2 && !cancelled { condition.wait() }
            }
            swap(&garbage, &spent)
            if cancelled {
                end = true
            } else {
                batches.append(batch)
                if end {
                    ended = true
                    failure = error
                }
                condition.broadcast()
            }
            condition.unlock()
        }
        condition.lock()
        threadDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch of rows (never empty), or an empty array after the last row. Throws the
    /// read error once the rows read before it have been taken.
    /// - Parameter spent: the batch the caller is done with (given up: the helper frees it).
    func next(recycling spent: consuming [SheetRow] = []) throws -> [SheetRow] {
        condition.lock()
        defer { condition.unlock() }
        if !spent.isEmpty && !cancelled { self.spent.append(spent) }
        while true {
            if !batches.isEmpty {
                let batch = batches.removeFirst()
                if batches.count == Self.depth / 2 { condition.broadcast() }
                if batch.isEmpty { continue }
                return batch
            }
            if ended {
                if let failure {
                    self.failure = nil
                    throw failure
                }
                return []
            }
            condition.wait()
        }
    }

    /// Stops the helper if it is still reading, waits until it has let go of the source, and
    /// gives the source back (with the state reading left in it, e.g. the CSV dialect counts).
    func stop() -> S {
        if started {
            condition.lock()
            cancelled = true
            condition.broadcast()
            while !threadDone { condition.wait() }
            batches = []
            spent = []
            condition.unlock()
        }
        return source
    }
}
