import Foundation

/// Where the XML parser gets its bytes: a zip entry read on the calling thread, or the same
/// entry inflated ahead on a helper thread.
protocol ByteChunkSource: AnyObject {
    var entry: ZipEntry { get }
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    func cancel()
}

extension ZipEntryStream: ByteChunkSource {
    func cancel() { close() }
}

/// Inflates a zip entry on a helper thread into a small ring of chunks while the caller
/// parses the previous ones (inflate is a third of the cost of reading a sheet). Memory is
/// bounded by the ring (4 × 256 KB). The helper sleeps once the ring is full until half of it
/// is free, so it is woken once per two chunks rather than once per chunk. Errors from the stream are delivered in order, after the
/// chunks read before them. `cancel()` (also called by the parser's deinit) stops the thread
/// and waits for it, so the stream is never used after its owner is gone.
final class PrefetchingStream: ByteChunkSource {
    private final class Shared {
        let condition = NSCondition()
        let stream: ZipEntryStream
        var slots: [UnsafeMutableRawBufferPointer]
        var lengths: [Int]
        var head = 0
        var filled = 0
        var endOfData = false
        var error: Error?
        var cancelled = false
        var threadDone = false

        init(stream: ZipEntryStream, slotCount: Int, slotSize: Int) {
            self.stream = stream
            slots = (0..<slotCount).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: slotSize, alignment: 16) }
            lengths = Array(repeating: 0, count: slotCount)
        }

        deinit { for s in slots { s.deallocate() } }

        /// The helper thread's loop.
        func produce() {
            while true {
                condition.lock()
                if filled == slots.count {
                    while filled > slots.count / 2 && !cancelled { condition.wait() }
                }
                if cancelled { break }
                let slot = (head + filled) % slots.count
                condition.unlock()
                // The slot is not visible to the consumer until `filled` grows, so no lock here.
                var n = 0
                var failure: Error?
                do { n = try stream.read(into: slots[slot]) } catch { failure = error }
                condition.lock()
                if let failure {
                    error = failure
                    endOfData = true
                } else if n == 0 {
                    endOfData = true
                } else {
                    lengths[slot] = n
                    filled += 1
                }
                condition.broadcast()
                if endOfData { break }
                condition.unlock()
            }
            // Lock held here.
            stream.close()
            threadDone = true
            condition.broadcast()
            condition.unlock()
        }
    }

    let entry: ZipEntry
    private let shared: Shared

    init(stream: ZipEntryStream, slotCount: Int = 4, slotSize: Int = XMLStreamParser.chunkSize) {
        entry = stream.entry
        shared = Shared(stream: stream, slotCount: slotCount, slotSize: slotSize)
        let thread = Thread { [shared] in shared.produce() }
        thread.name = "dip.xlsx.inflate"
        thread.start()
    }

    deinit { cancel() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let s = shared
        s.condition.lock()
        defer { s.condition.unlock() }
        while s.filled == 0 && !s.endOfData && !s.cancelled { s.condition.wait() }
        if s.filled == 0 {
            if let error = s.error { s.error = nil; throw error }
            return 0
        }
        let slot = s.head
        let n = min(s.lengths[slot], buffer.count)
        buffer.baseAddress!.copyMemory(from: s.slots[slot].baseAddress!, byteCount: n)
        s.head = (s.head + 1) % s.slots.count
        s.filled -= 1
        // The helper, if asleep, waits for half the ring to be free.
        if s.filled == s.slots.count / 2 { s.condition.broadcast() }
        return n
    }

    /// Stops the helper thread and waits until it has let go of the stream.
    func cancel() {
        let s = shared
        s.condition.lock()
        s.cancelled = true
        s.condition.broadcast()
        while !s.threadDone { s.condition.wait() }
        s.condition.unlock()
    }
}
