import DIPCore
import Foundation
import OfficeFormats

/// What streaming one submitted file gave, without its items and problems (those went to the
/// closures of `streamSubmission`).
public struct SubmissionSummary: Codable, Hashable, Sendable {
    /// The path as given to `streamSubmission`.
    public var path: String
    public var status: SubmissionResult.Status
    /// For a refused file: the Indonesian reason told to the unit.
    public var reason: String?
    /// The sheet the DIP table was read from (nil for CSV).
    public var sheet: String?
    /// For CSV: the dialect used, e.g. "pemisah ';', UTF-8 dengan BOM".
    public var dialect: String?
    /// Items of the result: every item handed over when accepted, 0 when refused.
    public var itemCount: Int
    /// Problems of the result: every problem handed over when accepted, 1 (the refusal
    /// problem) when refused.
    public var problemCount: Int

    public init(
        path: String, status: SubmissionResult.Status, reason: String? = nil, sheet: String? = nil,
        dialect: String? = nil, itemCount: Int = 0, problemCount: Int = 0
    ) {
        self.path = path
        self.status = status
        self.reason = reason
        self.sheet = sheet
        self.dialect = dialect
        self.itemCount = itemCount
        self.problemCount = problemCount
    }
}

/// Reads one submitted file (XLSX or CSV) and hands each item and problem over as its row is
/// read, so memory does not grow with the number of rows (apart from the duplicate index: one
/// 64-bit hash and a row number per distinct summary). Never throws. `readSubmission` is this
/// with both closures collecting.
///
/// What the stream guarantees:
/// - Items come in source order; every problem of an item comes before the item.
/// - Problems of a table met before its first item (rows not read as items) are held until
///   that item; a sheet whose table has no item is skipped together with its problems.
/// - File-level problems (missing columns, hidden sheet, formulas without value, CSV dialect and
///   encoding) come after the last row. Problems are therefore not sorted: `readSubmission`
///   sorts them by sheet, row, column and code.
/// - A refused file ends with its refusal problem (an error) and a `.refused` summary. A refusal
///   can come after items were handed over (a read error or `maxDataRows` met mid-file): the
///   items and problems handed over before it are then void, as `readSubmission`'s empty
///   items show.
/// - A file the system could not read (an I/O error, out of memory, permission denied: a
///   `FileReadError` from the readers) ends with a `.failed` summary whose `reason` says the
///   system's cause; no refusal problem is handed over (what came before is void as well).
///
/// - Parameters:
///   - path: the file.
///   - displayName: the name used in problems (default: the file name).
///   - maxDataRows: data rows after which the file is refused (`Int.max`: no cap).
///   - receivedAt: when the file was received (the run's clock); items made after that WIB day
///     get a `made-after-receipt` warning. Nil: not checked.
public func streamSubmission(
    at path: String, displayName: String? = nil, maxDataRows: Int = defaultMaxDataRows, receivedAt: Date? = nil,
    onItem: (InformationItem) -> Void, onProblem: (Problem) -> Void
) -> SubmissionSummary {
    streamSubmission(at: path, displayName: displayName, maxDataRows: maxDataRows, receivedAt: receivedAt,
                     onItem: onItem, onProblem: onProblem, observe: nil)
}

/// `streamSubmission` with a hook called after each row the table builder consumed (tests
/// check that what it keeps stays bounded).
func streamSubmission(
    at path: String, displayName: String?, maxDataRows: Int, receivedAt: Date? = nil,
    onItem: (InformationItem) -> Void, onProblem: (Problem) -> Void,
    observe: ((TableBuilder.Retained) -> Void)?
) -> SubmissionSummary {
    let name = displayName ?? (path as NSString).lastPathComponent
    let factory = ProblemFactory(file: name, receivedOn: receivedAt.map(IndonesianDate.startOfDay))
    return withoutActuallyEscaping(onItem) { onItem in
        withoutActuallyEscaping(onProblem) { onProblem in
            let output = TableOutput(onItem: onItem, onProblem: onProblem, observe: observe)
            let outcome: StreamOutcome
            switch SubmissionKind.sniff(path: path) {
            case .refused(let code, let message, let hint):
                outcome = .refused(factory.make(code, message: message, hint: hint))
            case .failed(let failure):
                outcome = .failed(failure)
            case .csv:
                outcome = streamCSVSubmission(path: path, factory: factory, maxDataRows: maxDataRows, output: output)
            case .xlsx:
                outcome = streamXLSXSubmission(path: path, factory: factory, maxDataRows: maxDataRows, output: output)
            case .ods:
                outcome = streamODSSubmission(path: path, factory: factory, maxDataRows: maxDataRows, output: output)
            case .html:
                outcome = streamHTMLSubmission(path: path, factory: factory, maxDataRows: maxDataRows, output: output)
            }
            switch outcome {
            case .refused(let problem):
                onProblem(problem)
                return SubmissionSummary(path: path, status: .refused, reason: problem.message + " " + problem.hint,
                                         itemCount: 0, problemCount: 1)
            case .failed(let failure):
                // No problem is handed over: the file's content is not in question.
                return SubmissionSummary(path: path, status: .failed, reason: readFailureText(failure))
            case .accepted(let sheet, let dialect, let sink):
                sink.finish()
                return SubmissionSummary(path: path, status: .accepted, sheet: sheet, dialect: dialect,
                                         itemCount: sink.itemCount, problemCount: sink.problemCount)
            }
        }
    }
}

/// How a streamed file ended; the accepted table's sink has the counts.
enum StreamOutcome {
    case accepted(sheet: String?, dialect: String?, TableSink)
    case refused(Problem)
    /// The system could not read the file (`FileReadError`): neither accepted nor refused.
    case failed(FileReadError)
}

/// The caller's closures, shared by the sinks of every table tried in one file.
final class TableOutput {
    let onItem: (InformationItem) -> Void
    let onProblem: (Problem) -> Void
    let observe: ((TableBuilder.Retained) -> Void)?

    init(onItem: @escaping (InformationItem) -> Void, onProblem: @escaping (Problem) -> Void,
         observe: ((TableBuilder.Retained) -> Void)?) {
        self.onItem = onItem
        self.onProblem = onProblem
        self.observe = observe
    }
}

/// Receives one table's items and problems as its rows are read. Problems met before the
/// table's first item are held (a table without items is skipped with its problems, and the
/// next sheet is tried); duplicate summaries are found here.
///
/// Items are handed over in batches of `batchSize`, each with the problems that came before
/// it, in the order they came: the duplicate index is a table of a few megabytes looked up at
/// random, and looking up a whole batch in one tight loop lets the processor wait for those
/// memory reads together instead of one per row. `finish()` hands over what is still queued.
final class TableSink {
    private let output: TableOutput
    /// Items received (queued or handed over).
    private(set) var itemCount = 0
    /// Problems handed over.
    private(set) var problemCount = 0
    /// Problems before the first item (for a table that turns out empty, dropped with the sink).
    private(set) var held: [Problem] = []
    private var duplicates = DuplicateIndex()

    /// Items waiting for their duplicate look-up, and for each the number of queued problems
    /// that come before it.
    /// Queued items (the first `queuedCount` slots initialised): moved in and moved out, so an
    /// item's sixteen-odd strings are never copied on the way (an array element read out of
    /// its buffer would be).
    private let queuedItems = UnsafeMutablePointer<InformationItem>.allocate(capacity: TableSink.batchSize)
    private var queuedCount = 0
    private var problemsBefore: [Int] = []
    private var queuedProblems: [Problem] = []
    private var hashes: [UInt64] = []
    static let batchSize = 32

    /// How a `duplicate-item` problem names its cell (set by the table builder).
    private var duplicateColumn: Int?
    private var duplicateColumnName: String?
    private var factory: ProblemFactory?

    init(_ output: TableOutput) {
        self.output = output
        problemsBefore.reserveCapacity(Self.batchSize)
        hashes.reserveCapacity(Self.batchSize)
    }

    deinit {
        queuedItems.deinitialize(count: queuedCount)
        queuedItems.deallocate()
    }

    var observe: ((TableBuilder.Retained) -> Void)? { output.observe }

    /// Distinct summaries recorded so far (the only state that grows with the rows).
    var distinctSummaries: Int { duplicates.count }

    /// Items received but not handed over yet (at most `batchSize`).
    var queuedItemCount: Int { queuedCount }

    /// The sheets whose tables fed this sink (a list split over category sheets), and the
    /// current one's place: the duplicate index keeps it with each row (row | sheet << 21).
    private var sheetNames: [String?] = []
    private var sheetOrdinal = 0
    private static let rowBits = 21

    /// The summary column, for `duplicate-item` problems, of the table about to be read (on
    /// `sheet`); items queued from an earlier table are handed over first.
    func describeSummaryColumn(_ column: Int?, name: String?, factory: ProblemFactory, sheet: String? = nil) {
        if queuedCount > 0 { finish() }
        duplicateColumn = column
        duplicateColumnName = name
        self.factory = factory
        if let i = sheetNames.firstIndex(where: { $0 == sheet }) {
            sheetOrdinal = i
        } else if sheetNames.count < 1 << (31 - Self.rowBits) {
            sheetNames.append(sheet)
            sheetOrdinal = sheetNames.count - 1
        }
    }

    func problem(_ problem: Problem) {
        if itemCount == 0 {
            held.append(problem)
        } else if queuedCount == 0 {
            problemCount += 1
            output.onProblem(problem)
        } else {
            queuedProblems.append(problem)
        }
    }

    /// Queues an item; it is handed over after a `duplicate-item` problem when its summary
    /// repeats an earlier one (compared folded: case, accents and punctuation ignored).
    func item(_ item: consuming InformationItem) {
        if itemCount == 0 && !held.isEmpty {
            // Held problems come before the first item.
            problemCount += held.count
            for p in held { output.onProblem(p) }
            held = []
        }
        itemCount += 1
        hashes.append(item.ringkasan.isEmpty ? 0 : Text.foldedHash(item.ringkasan))
        problemsBefore.append(queuedProblems.count)
        (queuedItems + queuedCount).initialize(to: item)
        queuedCount += 1
        if queuedCount == Self.batchSize { finish() }
    }

    /// Hands over every queued item and problem.
    func finish() {
        // The queues are moved out and worked on as locals (no access to this object's
        // storage while the caller's closures run), then moved back empty with their capacity.
        var problems: [Problem] = []
        var before: [Int] = []
        var keys: [UInt64] = []
        swap(&problems, &queuedProblems)
        swap(&before, &problemsBefore)
        swap(&keys, &hashes)
        let item = queuedItems
        let count = queuedCount
        queuedCount = 0
        // Locals for the loop: no exclusivity check or closure retain per item.
        var index = DuplicateIndex()
        swap(&index, &duplicates)
        defer { swap(&index, &duplicates) }
        let onItem = output.onItem
        let onProblem = output.onProblem
        let rowMask = (1 << Self.rowBits) - 1
        let sheetBits = sheetOrdinal << Self.rowBits
        // Read each item's home slot first: independent loads, so their cache misses overlap
        // instead of coming one after the other.
        var touched: UInt64 = 0
        for k in 0..<count where !item[k].ringkasan.isEmpty {
            touched |= index.touch(hash: keys[k])
        }
        touchSink = touched
        var nextProblem = 0
        var duplicateProblems = 0
        for k in 0..<count {
            while nextProblem < before[k] {
                onProblem(problems[nextProblem])
                nextProblem += 1
            }
            let next = (item + k).move()
            if !next.ringkasan.isEmpty,
               let earlier = index.firstRow(hash: keys[k], row: min(next.source.row, rowMask) | sheetBits) {
                duplicateProblems += 1
                onProblem(duplicateProblem(next, earlier: earlier))
            }
            onItem(next)
        }
        problemCount += duplicateProblems
        while nextProblem < problems.count {
            onProblem(problems[nextProblem])
            nextProblem += 1
        }
        problemCount += problems.count
        problems.removeAll(keepingCapacity: true)
        before.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        swap(&problems, &queuedProblems)
        swap(&before, &problemsBefore)
        swap(&keys, &hashes)
    }

    /// Where the touched keys go, so the reads are not optimised away.
    private var touchSink: UInt64 = 0

    /// - Parameter earlier: the first row with the same summary, with its sheet's place.
    private func duplicateProblem(_ item: InformationItem, earlier: Int) -> Problem {
        let earlierRow = earlier & ((1 << Self.rowBits) - 1)
        let earlierSheet = earlier >> Self.rowBits
        var where_ = "baris \(earlierRow)"
        if earlierSheet != sheetOrdinal, earlierSheet < sheetNames.count, let name = sheetNames[earlierSheet] {
            where_ += " pada " + sheetPhrase(name)
        }
        return (factory ?? ProblemFactory(file: item.source.file)).make(
            .duplicateItem, sheet: item.source.sheet, row: item.source.row, column: duplicateColumn,
            columnName: duplicateColumnName,
            message: "Ringkasan informasi ini sama dengan \(where_).",
            hint: "Hapus salah satu baris, atau bedakan ringkasannya bila memang dua informasi yang berbeda.")
    }
}

/// The first row of each distinct summary, keyed by a 64-bit hash of its folded text rather
/// than the text: 12 bytes a summary instead of the whole string, so a million-row file keeps
/// about 20 MB here. Two different summaries with the same hash would be reported as
/// duplicates; for n distinct summaries that happens with probability about n²/2⁶⁵ (3·10⁻⁸
/// for a million rows, 10⁻¹² for a DIP list of a few thousand). Sharded by the top hash bits so
/// growing never copies more than one shard at a time (a whole-table rehash would briefly
/// hold both tables).
struct DuplicateIndex {
    private struct Shard {
        /// 0 marks an empty slot (a hash of 0 is stored as 1).
        var keys: [UInt64] = []
        var rows: [Int32] = []
        var count = 0
    }

    private static let shardBits = 6
    private var shards = [Shard](repeating: Shard(), count: 1 << DuplicateIndex.shardBits)
    private(set) var count = 0

    /// The key in `hash`'s home slot (0 when its shard is empty): a read whose only purpose
    /// is to bring the slot into the cache ahead of `firstRow`.
    @inline(__always)
    func touch(hash: UInt64) -> UInt64 {
        let key = hash == 0 ? 1 : hash
        let s = Int(key >> UInt64(64 - Self.shardBits))
        return shards[s].keys.withUnsafeBufferPointer { keys in
            keys.isEmpty ? 0 : keys[Int(truncatingIfNeeded: key) & (keys.count - 1)]
        }
    }

    /// The row recorded for `hash`, or nil after recording `row` for it.
    mutating func firstRow(hash: UInt64, row: Int) -> Int? {
        let key = hash == 0 ? 1 : hash
        let s = Int(key >> UInt64(64 - Self.shardBits))
        if shards[s].count * 4 >= shards[s].keys.count * 3 { grow(s) }
        let mask = shards[s].keys.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = shards[s].keys[slot]
            if k == key { return Int(shards[s].rows[slot]) }
            if k == 0 {
                shards[s].keys[slot] = key
                shards[s].rows[slot] = Int32(clamping: row)
                shards[s].count += 1
                count += 1
                return nil
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow(_ s: Int) {
        let old = shards[s]
        let capacity = max(16, old.keys.count * 2)
        var keys = [UInt64](repeating: 0, count: capacity)
        var rows = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (k, r) in zip(old.keys, old.rows) where k != 0 {
            var slot = Int(truncatingIfNeeded: k) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = k
            rows[slot] = r
        }
        shards[s] = Shard(keys: keys, rows: rows, count: old.count)
    }
}

/// A 64-bit hash of a byte sequence fed one byte at a time (no allocation): 8-byte words mixed
/// by multiply and shift, finished with the splitmix64 finaliser. Not cryptographic; equal
/// inputs give equal hashes in every process (unlike `Hasher`, which is seeded per process).
struct KeyHasher {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3
    private var word: UInt64 = 0
    private var filled: UInt64 = 0
    private var length: UInt64 = 0

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        word |= UInt64(byte) << (filled * 8)
        filled += 1
        length += 1
        if filled == 8 {
            mix(word)
            word = 0
            filled = 0
        }
    }

    @inline(__always)
    private mutating func mix(_ w: UInt64) {
        state = (state ^ w) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 32
    }

    mutating func finish() -> UInt64 {
        mix(word ^ (length << 56))
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
