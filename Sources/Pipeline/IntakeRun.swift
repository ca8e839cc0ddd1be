import DIPCore
import Foundation
import Intake
import Logging
import Register

/// What happened to one submitted file in a run.
public struct FileOutcome: Sendable {
    public enum Status: String, Sendable {
        /// Read; its items are the unit's current list.
        case accepted = "diterima"
        /// Kept in the archive but not usable; the unit is told why.
        case refused = "ditolak"
        /// The same bytes were already taken in from this unit.
        case duplicate = "sama_dengan_sebelumnya"
        /// Readable, but it would withdraw most of the unit's list: held for the PPID
        /// (`dip release`), the unit's list unchanged (issue 16 #7).
        case held = "ditahan"
    }

    public var unit: String
    public var fileName: String
    public var sha256: String
    public var status: Status
    public var reason: String?
    public var sheet: String?
    /// The items read. `Runner.run` releases them (`releaseItems()`) once the file is
    /// recorded and its feedback written: the register holds them, and a regency's worth of
    /// items kept to the end of a run was a large share of its peak memory.
    public var items: [InformationItem]
    /// The classification of each item, in the same order (empty until classified).
    public var classifications: [Classification] = []
    public var problems: [Problem]
    /// The archived copy.
    public var archivedPath: URL? = nil
    /// Recorded by an earlier run that was stopped before it finished with the file: not
    /// recorded again, and not called a duplicate.
    public var alreadyRecorded = false
    /// Notes for the unit from the register (e.g. items the PPID returned), not file problems.
    public var notes: [String] = []
    /// For a held file: how many of the unit's current items it would withdraw.
    public var hold: WithdrawalCount? = nil
    /// The held file this one (the unit's current list sent again) superseded.
    public var supersededHold: String? = nil
    /// The consequence test on record for an item of this file, by the item's index: an item
    /// tested on its current revision is told as tested, not as needing a test again.
    public var testsOnRecord: [Int: TestOnRecord] = [:]
    /// The unit's items this accepted file withdrew (no longer in its list), as the register recorded them.
    public var withdrawn: [ItemDelta] = []
    /// For an accepted file: what recording it did to each row, by the item's index (new,
    /// changed and which fields, or unchanged), for the unit's feedback; empty otherwise.
    public var rowChanges: [Int: RowChange] = [:]
    private(set) var releasedItemCount: Int? = nil

    /// How many items the file yielded, also after `releaseItems()`.
    public var itemCount: Int { releasedItemCount ?? items.count }

    /// Drops the items and classifications, keeping their count.
    public mutating func releaseItems() {
        releasedItemCount = itemCount
        items = []
        classifications = []
    }
}

/// The result of a run, for the log, the exit code and the reports.
public struct RunSummary: Sendable {
    public var outcomes: [FileOutcome] = []
    public var skipped: [SkippedFile] = []
    /// Files that could not be archived (full disk, I/O error); left in the inbox.
    public var failures: [SkippedFile] = []

    public var accepted: Int { outcomes.filter { $0.status == .accepted }.count }
    public var refused: Int { outcomes.filter { $0.status == .refused }.count }
    public var duplicates: Int { outcomes.filter { $0.status == .duplicate }.count }
    public var held: Int { outcomes.filter { $0.status == .held }.count }
    /// Problems the units must fix (errors and warnings), as their feedback counts them
    /// ("Masalah yang perlu diperbaiki (N)"). Notes worth knowing (severity info: the CSV
    /// dialect read, a hidden sheet, columns ignored) are `noteCount`: every CSV carries one,
    /// and counted here they made a clean CSV "1 masalah" and `dip run` exit 2 while its unit
    /// read "Tidak ada yang perlu diperbaiki".
    public var problemCount: Int { count { $0.severity != .info } }
    /// Notes worth knowing, nothing to fix (severity info).
    public var noteCount: Int { count { $0.severity == .info } }

    func count(_ include: (Problem) -> Bool) -> Int {
        outcomes.filter { $0.status != .duplicate }.reduce(0) { $0 + $1.problems.filter(include).reduce(0) { $0 + $1.standsFor } }
    }
    /// The exit code `dip run` ends with (README "Exit codes"): 1 when a file could not be
    /// archived, 2 when one was refused or held or has problems, or a PPID review workbook was
    /// not wholly applied, else 0. The run's summary log line carries it too, so the log of a
    /// cron run says how it ended.
    public var exitCode: Int32 {
        if !failures.isEmpty { return 1 }
        if refused > 0 || held > 0 || problemCount > 0 || review?.needsAPerson == true { return 2 }
        return 0
    }
    /// The terminal's summary of a `dip run` ("Selesai: …"), counts grouped as the feedback
    /// prints them ("14.666 masalah").
    public var terminalLine: String {
        let n = IndonesianNumber.grouped
        return "Selesai: \(n(accepted)) diterima, \(n(refused)) ditolak, \(n(duplicates)) sama dengan sebelumnya, \(n(problemCount)) masalah."
    }
    /// The draft version made or kept by this run, if any.
    /// What the PPID's review workbooks of this run decided.
    public var review: ReviewDecisionsSummary?
    public var draftVersion: Int?
    /// The version published by this run, if any.
    public var publishedVersion: Int?
    /// An approved version this run did not publish because its decrees are dated later than
    /// today (they take effect on the day they are set), with that date.
    public var publicationAwaitsDecreeDate: (version: Int, date: Date)?
    /// Wall-clock duration of the run.
    public var seconds: TimeInterval = 0
    /// Wall-clock duration of each stage, in the order run (for the run's summary log line).
    public var stages: [StageTiming] = []
    /// Half-written files of an earlier, killed run removed at the start of this one.
    public var leftoversRemoved: [String] = []
    /// Exemptions whose period has ended, ends soon or cannot be counted on the run's clock
    /// (`PublishStage.exemptionNotices`), for the terminal and the log.
    public var exemptionNotices: [ExemptionNotice] = []
    /// keputusan.json's notice window the notices were listed with.
    public var exemptionNoticeDays = ExemptionPeriods.defaultNoticeDays
}

/// How long one stage of a run took.
public struct StageTiming: Sendable, Hashable {
    public var stage: String
    public var seconds: TimeInterval
    /// The process's peak resident memory (MB) when the stage ended, when measured
    /// (`DIP_MEMORY_PROBE=1`; for the benchmark, issue 19).
    public var peakMB: Int? = nil

    public init(stage: String, seconds: TimeInterval) {
        self.stage = stage
        self.seconds = seconds
    }
}

/// Options of a run that the operator may set.
public struct RunOptions: Sendable {
    /// Files modified more recently than this are left for the next run (still being copied).
    public var settleSeconds: TimeInterval
    /// The run's single clock (fixed by SOURCE_DATE_EPOCH when set).
    public var clock: Clock
    /// Wait for another run to finish instead of exiting at once.
    public var waitForLock: Bool
    /// Skipped paths an earlier pass of `dip watch` already logged: logged again at debug
    /// level, so a folder left for weeks does not repeat its warning every poll.
    public var skipsAlreadyLogged: Set<String> = []
    /// Failures (`SkippedFile.failureKey`: the file and its cause) the previous pass of
    /// `dip watch` logged: logged again at debug level only. A full or read-only archive disk
    /// logged the same error for every file at every poll; now once, and again when its cause
    /// changes (the watcher logs when it clears: `Watcher`).
    public var failuresAlreadyLogged: Set<String> = []
    /// Said with each failure logged (`pesan`): what `dip watch` does about it.
    public var failureNote: String?
    /// `dip watch`: a pass that found nothing to do (no file, no decision, no publication, the
    /// register unchanged) logs its "run selesai" line at debug level, so a watcher polling a
    /// network share every minute does not write 1,440 of them a day; a pass that did
    /// something, and every `dip run`, logs it at info.
    public var idleSummaryAtDebug = false
    /// Up to this many current items, the draft stage keeps every current revision and the
    /// draft built whole for the run's later readers (decree, review pack, templates: one read
    /// for all); above it, each reads the register a chunk at a time, so a run's memory stops
    /// growing with the register (issue 19: a 72,000-item register held 190 MB that way) at
    /// the cost of reading the revisions once per reader. 20,000 covers a regency of 60 units
    /// of 300 items, whose run it leaves as fast as before.
    public var keptRevisionsLimit = RunOptions.defaultKeptRevisionsLimit
    /// 20,000, or `DIP_KEPT_REVISIONS_LIMIT` when set (to compare both paths on one register:
    /// the benchmark and the tests).
    public static let defaultKeptRevisionsLimit =
        ProcessInfo.processInfo.environment["DIP_KEPT_REVISIONS_LIMIT"].flatMap { Int($0) } ?? 20_000

    /// How many threads a run may use (at least 1): with 2, the rules are loaded on two
    /// threads and the intake reads and classifies the next inbox file while the current one
    /// is recorded (`IntakePipeline`); the draft decrees are made while the review pack is, and
    /// the consequence-test forms while the review workbook is (`WorkLane`). The outputs, the
    /// register and the log are the same whatever the number; only the wall time differs. More
    /// than 2 work as 2.
    public var threads = RunOptions.defaultThreads
    /// Two, or one on a one-core machine: the PPID's server has two cores, and the stages
    /// have no more than two independent pieces worth a thread.
    public static var defaultThreads: Int { min(2, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// The thread count `DIP_THREADS` asks for (`dip run`, `dip watch`): nil when unset; a
    /// whole number from 1 to 64, or `problem` says why the value is not used.
    public static func threads(fromEnvironment value: String?) -> (threads: Int?, problem: String?) {
        // Newlines too: `echo 2 > …` in a script or an EnvironmentFile leaves one.
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return (nil, nil) }
        guard let n = Int(value.trimmingCharacters(in: .whitespacesAndNewlines)), (1...64).contains(n) else {
            return (nil, "DIP_THREADS=\(value) tidak dipakai: isi dengan bilangan bulat 1 sampai 64; "
                + "dip memakai \(defaultThreads) utas")
        }
        return (n, nil)
    }

    /// How long a finished inbox file is kept (`FinishedInboxFiles`) for a stalled writer that
    /// resumes after dip finished with it: an hour, far beyond any SMB client's timeout.
    public var finishedKeepSeconds: TimeInterval = 3600

    public init(settleSeconds: TimeInterval = 10, clock: Clock, waitForLock: Bool = false) {
        self.settleSeconds = settleSeconds
        self.clock = clock
        self.waitForLock = waitForLock
    }
}

/// The intake stage of `dip run`: every ready inbox file is archived first, then read, then
/// removed from the inbox; each unit gets feedback.
///
/// Order matters for "nothing is ever lost": the archived copy is durable before the file is
/// read, and the inbox file is removed only after everything about it has been recorded. A
/// run killed in between leaves the inbox file in place, and the next run completes it.
public struct IntakeStage {
    public var workspace: Workspace
    public var options: RunOptions
    public var logger: Logger
    /// Unit codes from rules/unit.yaml; nil accepts every folder.
    public var knownUnits: Set<String>?
    /// Told before each ready file is taken in: (1-based position, count, file); the CLI
    /// draws a progress line from it when stderr is a terminal. With `options.threads` > 1 it
    /// is told on the calling thread when the file's turn to be recorded comes, by which time
    /// the second thread has already claimed, archived and read it.
    public var progress: ((Int, Int, InboxFile) -> Void)?
    /// Drops each outcome's items and classifications once `recorded` has returned (the
    /// register holds them then), so the summary does not hold a regency's items to the end
    /// of the intake (issue 19: the intake's memory grew with the number of files).
    public var releaseItemsWhenRecorded = false

    public init(workspace: Workspace, options: RunOptions, logger: Logger, knownUnits: Set<String>? = nil) {
        self.workspace = workspace
        self.options = options
        self.logger = logger
        self.knownUnits = knownUnits
    }

    /// Takes in every ready file.
    ///
    /// - Parameters:
    ///   - isDuplicate: whether this unit already delivered these bytes (the register knows;
    ///     by default the archive's receipts tell).
    ///   - prepare: completes an outcome before it is recorded (classification). With
    ///     `options.threads` > 1 it runs on a second thread, one file ahead of the recording
    ///     (`IntakePipeline`): it must depend on the outcome alone, not on what `record` does.
    ///   - record: records an outcome durably (and may say it was held); called before the
    ///     inbox file is removed.
    ///   - recorded: called after `record`, still before the inbox file is removed (feedback).
    ///   - afterRecord: called after `recorded`: what is left to do before the file leaves the
    ///     inbox (`AfterRecord`: the unit's feedback written). With `options.threads` > 1 its
    ///     `work` runs on a thread of its own while the next file is recorded.
    public func run(
        isDuplicate: ((String, OriginalsArchive.Stored) throws -> Bool)? = nil,
        prepare: @escaping (inout FileOutcome) throws -> Void = { _ in },
        record: (inout FileOutcome) throws -> Void = { _ in },
        recorded: (FileOutcome) throws -> Void = { _ in },
        afterRecord: (FileOutcome) throws -> AfterRecord? = { _ in nil }
    ) throws -> RunSummary {
        // Finished files whose writer resumed after dip was done go back to the inbox first.
        for change in FinishedInboxFiles(workspace: workspace).sweep(keepSeconds: options.finishedKeepSeconds) {
            let metadata: Logger.Metadata = ["unit": "\(change.unit)", "berkas": "\(change.fileName)"]
            switch change.kind {
            case .returned:
                logger.warning("berkas bertambah setelah selesai diproses (salinan tertunda?); diambil lagi sebagai kiriman baru",
                               metadata: metadata)
            case .waiting:
                logger.warning("berkas bertambah setelah selesai diproses, tetapi berkas bernama sama sudah ada di inbox; menunggu run berikutnya",
                               metadata: metadata)
            case .removed:
                logger.debug("salinan berkas inbox yang selesai dihapus", metadata: metadata)
            }
        }
        let scanner = InboxScanner(workspace: workspace, settleSeconds: options.settleSeconds,
                                   isIgnorable: { Intake.isIgnorable(fileName: $0) })
        var (ready, skipped) = try scanner.scan()
        if let knownUnits {
            // A folder not in rules/unit.yaml: leave its files for when the PPID registers it.
            for file in ready where !knownUnits.contains(file.unit) {
                skipped.append(SkippedFile(path: file.url.path,
                    reason: "folder unit '\(file.unit)' tidak terdaftar di rules/unit.yaml; berkas dibiarkan sampai unit didaftarkan",
                    unregisteredFolder: file.unit))
            }
            ready.removeAll { !knownUnits.contains($0.unit) }
        }
        var summary = RunSummary(skipped: skipped)
        for file in skipped {
            let level: Logger.Level = options.skipsAlreadyLogged.contains(file.path) ? .debug
                : file.needsAPerson ? .warning : .info
            logger.log(level: level, "berkas dilewati", metadata: ["path": "\(file.path)", "alasan": "\(file.reason)"])
        }
        let archive = OriginalsArchive(workspace: workspace)
        let receivedAt = options.clock.rfc3339()
        let received = options.clock.now
        // `prepare` runs on the second thread when there is one, hence escaping: that thread
        // may release its last reference to it after `IntakePipeline.run` has returned.
        let take = { (file: InboxFile) in
            Self.take(file, archive: archive, receivedAt: receivedAt, received: received, prepare: prepare)
        }
        // With two threads a file's `afterRecord` work runs while the next file is recorded;
        // the file is removed from the inbox once that work is done (`pending`).
        var pending: Pending?
        do {
            if options.threads > 1 && ready.count > 1 {
                let pipeline = IntakePipeline(ready: ready, take: take)
                try pipeline.run { index, taken in
                    progress?(index + 1, ready.count, ready[index])
                    // A file whose claimed name a later file takes too leaves the inbox at
                    // once: the second thread waits for that before claiming the later one.
                    try finish(taken, into: &summary, pending: &pending, deferring: !pipeline.claimedAgain(index),
                               isDuplicate: isDuplicate, record: record, recorded: recorded, afterRecord: afterRecord)
                    // Files before this one have all left the inbox; this one too unless pending.
                    // A file a later one takes the claimed name of is never left pending, so it is
                    // done even when an earlier file is still pending (it was skipped or failed):
                    // else the second thread would wait for it forever, and this one for that thread.
                    return pending == nil || pipeline.claimedAgain(index) ? index + 1 : index
                }
            } else {
                for (index, file) in ready.enumerated() {
                    progress?(index + 1, ready.count, file)
                    try finish(take(file), into: &summary, pending: &pending, deferring: false,
                               isDuplicate: isDuplicate, record: record, recorded: recorded, afterRecord: afterRecord)
                }
            }
            if let last = pending {
                pending = nil
                try complete(last, into: &summary)
            }
        } catch {
            // Nothing is left writing when the run stops: the file stays in the inbox, and the
            // next run finishes it (it is recorded: `alreadyRecorded`).
            pending?.settle()
            throw error
        }
        return summary
    }

    /// One inbox file claimed, archived, read and prepared (`take`), to be recorded (`finish`).
    enum Taken {
        /// Left for a later run: a claimed file of the same name waits, or it is gone.
        case skipped(SkippedFile, gone: Bool)
        /// Could not be claimed, archived or read (a failure of the system, not of the file);
        /// it stays in the inbox.
        case failed(SkippedFile, stage: FailedStage)
        /// Archived and read; `outcome` is prepared (classified).
        case read(InboxFile, claimed: URL, stored: OriginalsArchive.Stored, outcome: FileOutcome)
        /// `prepare` failed: the run stops there, as it did before anything of the file was recorded.
        case error(Error)
    }

    /// Where taking a file failed.
    enum FailedStage {
        case claiming, archiving, reading
    }

    /// Claims, archives, reads and prepares one file: what may run on a thread of its own,
    /// ahead of the recording of earlier files (it logs nothing and touches no register).
    static func take(_ file: InboxFile, archive: OriginalsArchive, receivedAt: String, received: Date,
                     prepare: (inout FileOutcome) throws -> Void) -> Taken {
        // Claimed first: what is read, archived and removed is this very file, never a
        // newer one the unit saves at the same name meanwhile.
        let claimed: URL
        do {
            switch try InboxClaim.claim(file) {
            case .claimed(let url): claimed = url
            case .busy:
                return .skipped(SkippedFile(path: file.url.path, reason: "berkas bernama sama dari run sebelumnya belum selesai; diambil pada run berikutnya"), gone: false)
            case .gone:
                return .skipped(SkippedFile(path: file.url.path, reason: "berkas hilang sebelum diarsipkan (ditarik kembali oleh unit?)"), gone: true)
            }
        } catch {
            return .failed(SkippedFile(path: file.url.path, reason: FailureText.describe(error)), stage: .claiming)
        }
        let stored: OriginalsArchive.Stored
        do {
            stored = try archive.store(claimed, fileName: file.fileName, unit: file.unit, receivedAt: receivedAt)
        } catch {
            // Cannot be archived (full disk, I/O error): it stays in the inbox for the next
            // run, the other files go on, and the run ends with a failure exit code.
            InboxClaim.release(claimed, as: file)
            return .failed(SkippedFile(path: file.url.path, reason: FailureText.describe(error)), stage: .archiving)
        }
        // Read the archived copy: what is processed is exactly what is kept. A duplicate is
        // read too (reading is deterministic), so its feedback repeats the problems found;
        // this matters when a killed run already recorded the file but not its feedback.
        let result = readSubmission(at: stored.path.path, displayName: file.fileName, receivedAt: received)
        // The system could not read the archived copy (an I/O error of the disk or share), or
        // the copy is no longer the bytes archived (cut short or changed under the reader):
        // nothing is known of the unit's file, so the unit is told nothing. The file stays
        // claimed in the inbox, archived and not recorded: the state a run killed after
        // archiving leaves, which the next run completes (it takes claimed files first, and
        // the register guard counts them as pending, not as history a register lost).
        if let failure = Self.readFailure(result, stored: stored, claimed: claimed) {
            return .failed(SkippedFile(path: claimed.path, reason: failure), stage: .reading)
        }
        var outcome = FileOutcome(
            unit: file.unit, fileName: file.fileName, sha256: stored.sha256,
            status: result.status == .accepted ? .accepted : .refused,
            reason: result.reason, sheet: result.sheet, items: result.items,
            problems: result.problems)
        outcome.archivedPath = stored.path
        do {
            try prepare(&outcome)
        } catch {
            return .error(error)
        }
        return .read(file, claimed: claimed, stored: stored, outcome: outcome)
    }

    /// Why the read of an archived copy says nothing of the unit's file, or nil when it does:
    /// the system failed the read (`SubmissionResult.Status.failed`), or the copy changed
    /// between archiving and reading. Costs one stat after a read that was not refused, and a
    /// hash of the copy only after a refusal (a copy cut short reads as a damaged file).
    /// A copy proven changed (read whole, another SHA-256) is removed when the inbox file
    /// still holds the archived bytes, so the next run archives it again instead of reading
    /// the damaged copy forever.
    static func readFailure(_ result: SubmissionResult, stored: OriginalsArchive.Stored, claimed: URL) -> String? {
        if result.status == .failed { return result.reason ?? "berkas tidak dapat dibaca dari disk" }
        var info = stat()
        let sizeNow = stat(stored.path.path, &info) == 0 ? Int(info.st_size) : -1
        if result.status == .accepted && sizeNow == stored.size { return nil }
        let hashNow: String
        do {
            hashNow = try DurableFiles.sha256(of: stored.path)
        } catch {
            return "Salinan arsip berkas ini tidak dapat dibaca lagi: \(FailureText.describe(error))"
        }
        if hashNow == stored.sha256 && sizeNow == stored.size { return nil }
        var removed = ""
        if (try? DurableFiles.sha256(of: claimed)) == stored.sha256, unlink(stored.path.path) == 0 {
            removed = " Salinan yang berubah dihapus; run berikutnya mengarsipkan lagi berkas yang masih ada di inbox."
        }
        return "Salinan arsip \(stored.path.path) berubah selagi dibaca (ukuran \(stored.size) byte saat diarsipkan, "
            + "\(sizeNow) byte sekarang; SHA-256 tidak lagi sama): disk atau share mengubah atau memotong berkas. "
            + "Periksa disk atau share tempat archive/.\(removed)"
    }

    /// Logs, records and removes from the inbox one taken file, in inbox order (the register
    /// and the log see the files in the same order whatever thread took them).
    func finish(_ taken: Taken, into summary: inout RunSummary, pending: inout Pending?, deferring: Bool,
                isDuplicate: ((String, OriginalsArchive.Stored) throws -> Bool)?,
                record: (inout FileOutcome) throws -> Void, recorded: (FileOutcome) throws -> Void,
                afterRecord: (FileOutcome) throws -> AfterRecord?) throws {
        switch taken {
        case .error(let error):
            throw error
        case .skipped(let skip, let gone):
            summary.skipped.append(skip)
            if gone { logger.warning("berkas hilang sebelum diarsipkan", metadata: ["path": "\(skip.path)"]) }
        case .failed(let failure, let stage):
            summary.failures.append(failure)
            let event: Logger.Message
            switch stage {
            case .claiming: event = "gagal mengambil berkas"
            case .archiving: event = "gagal mengarsipkan berkas"
            // Said to the IT officer only: the unit's feedback says nothing of it.
            case .reading: event = "gagal membaca berkas; dibiarkan di inbox untuk run berikutnya"
            }
            var metadata: Logger.Metadata = ["path": "\(failure.path)", "error": "\(failure.reason)"]
            if let note = options.failureNote { metadata["pesan"] = "\(note)" }
            logger.log(level: options.failuresAlreadyLogged.contains(failure.failureKey) ? .debug : .error, event,
                       metadata: metadata)
        case .read(let file, let claimed, let stored, var outcome):
            if try isDuplicate?(file.unit, stored) ?? stored.seenBefore {
                if file.claimed {
                    // Claimed by a run that was stopped after recording it: the same arrival,
                    // not a second one; the unit is told what was decided about it.
                    outcome.alreadyRecorded = true
                } else {
                    outcome.status = .duplicate
                }
            }
            try record(&outcome)
            try recorded(outcome)
            let after = try afterRecord(outcome)
            logger.info("berkas diproses", metadata: [
                "unit": "\(file.unit)", "berkas": "\(file.fileName)", "status": "\(outcome.status.rawValue)",
                "informasi": "\(outcome.items.count)", "masalah": "\(Problem.toFix(outcome.problems))",
                "sha256": "\(stored.sha256)",
            ])
            var done = Pending(claimed: claimed, outcome: outcome, then: after?.then, work: nil)
            // The previous file's work ran while this one was recorded: it leaves the inbox now.
            if let previous = pending {
                pending = nil
                try complete(previous, into: &summary)
            }
            if let after, deferring {
                done.work = OwnThread { Result { try after.work() } }
                pending = done
            } else {
                try after?.work()
                try complete(done, into: &summary)
            }
        }
    }

    /// What is left to do for a recorded file before it leaves the inbox (`run(afterRecord:)`).
    public struct AfterRecord {
        /// Writes what the file's unit is told (its feedback): may run on a thread of its own,
        /// while the next file is recorded, so it must use only what it was given.
        public var work: () throws -> Void
        /// Runs on the calling thread once `work` is done, in inbox order.
        public var then: () throws -> Void

        public init(work: @escaping () throws -> Void, then: @escaping () throws -> Void = {}) {
            self.work = work
            self.then = then
        }
    }

    /// A recorded file whose `AfterRecord` work may still run.
    struct Pending {
        var claimed: URL
        var outcome: FileOutcome
        var then: (() throws -> Void)?
        var work: OwnThread<Result<Void, Error>>?

        /// Waits for the work, if under way, whatever it gives.
        func settle() { _ = work?.wait() }
    }

    /// Waits for a recorded file's work, then removes the file from the inbox.
    func complete(_ done: Pending, into summary: inout RunSummary) throws {
        try done.work?.wait().get()
        try done.then?()
        // Still being written after it was taken: a copy over the share that stalled longer than
        // the settle window, its writer still holding the file open, went on into the claimed
        // file after dip archived part of it. Removing it would lose the rest while the unit's
        // copy reports success: it goes back under its own name, for the next run to take
        // whole (what was archived is kept and told as it was).
        if let now = try? DurableFiles.sha256(of: done.claimed), now != done.outcome.sha256 {
            InboxClaim.release(done.claimed, as: InboxFile(unit: done.outcome.unit, url: done.claimed,
                                                             fileName: done.outcome.fileName))
            logger.warning("berkas berubah setelah diambil (masih disalin?); dibiarkan di inbox untuk run berikutnya",
                           metadata: ["unit": "\(done.outcome.unit)", "berkas": "\(done.outcome.fileName)"])
        } else if !FinishedInboxFiles(workspace: workspace).keep(
                      done.claimed, unit: done.outcome.unit, fileName: done.outcome.fileName, sha256: done.outcome.sha256),
                  unlink(done.claimed.path) != 0 && errno != ENOENT {
            // Kept (the same inode, for a writer that resumes later), or else removed.
            logger.warning("berkas inbox tidak dapat dihapus", metadata: ["path": "\(done.claimed.path)"])
        }
        var outcome = done.outcome
        if releaseItemsWhenRecorded { outcome.releaseItems() }
        summary.outcomes.append(outcome)
    }
}

/// The intake on two threads (`RunOptions.threads` > 1, issue 19): a second thread claims,
/// archives, reads and classifies the next inbox file while this one records the current
/// file in the register (and a third writes the previous file's feedback: `AfterRecord`).
/// Everything recorded in the register, logged, or removed from the inbox is done by the
/// calling thread, in inbox order, so the register, the outputs and the log are those of one
/// thread. The second thread runs at most one file ahead (one file's
/// items waiting, not the inbox's), takes a file only once the calling thread is done with an
/// earlier file of the same claimed name (`InboxClaim` would call it busy), and stops at the
/// next file when the calling thread stops with an error; it is joined before `run` returns.
final class IntakePipeline: @unchecked Sendable {
    private let ready: [InboxFile]
    private let take: (InboxFile) -> IntakeStage.Taken
    private let condition = NSCondition()
    private var taken: [Int: IntakeStage.Taken] = [:]
    /// Files the calling thread has taken out of `taken`.
    private var consumed = 0
    /// Files (from the first) the calling thread is done with: recorded and removed from the
    /// inbox, or left there (a file of `claimedAgain` counts as soon as it is, whatever an
    /// earlier file still waits for).
    private var finished = 0
    private var stopped = false
    /// For each file, the last earlier file with the same claimed name, if any.
    private let sameNameBefore: [Int?]
    /// The files some later file's `sameNameBefore` names.
    private let claimedLater: Set<Int>

    init(ready: [InboxFile], take: @escaping (InboxFile) -> IntakeStage.Taken) {
        self.ready = ready
        self.take = take
        var last: [String: Int] = [:]
        var before: [Int?] = []
        for (index, file) in ready.enumerated() {
            let key = file.url.deletingLastPathComponent().appendingPathComponent(InboxClaim.prefix + file.fileName).path
            before.append(last[key])
            last[key] = index
        }
        sameNameBefore = before
        claimedLater = Set(before.compactMap { $0 })
    }

    /// Whether a later file takes the same claimed name as file `index`.
    func claimedAgain(_ index: Int) -> Bool { claimedLater.contains(index) }

    /// Runs `finish` for each file in order on the calling thread, with what the second
    /// thread took; `finish` returns how many files (from the first) have left the inbox.
    func run(_ finish: (Int, IntakeStage.Taken) throws -> Int) throws {
        let worker = OwnThread { [self] in takeAll() }
        defer {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
            worker.wait()
        }
        for index in ready.indices {
            condition.lock()
            while taken[index] == nil { condition.wait() }
            let next = taken.removeValue(forKey: index)!
            consumed = index + 1
            condition.broadcast()
            condition.unlock()
            let done = try finish(index, next)
            condition.lock()
            finished = done
            condition.broadcast()
            condition.unlock()
        }
    }

    private func takeAll() {
        for index in ready.indices {
            condition.lock()
            while !stopped && (index > consumed || sameNameBefore[index].map { finished <= $0 } == true) {
                condition.wait()
            }
            let stop = stopped
            condition.unlock()
            if stop { return }
            let result = take(ready[index])
            condition.lock()
            taken[index] = result
            condition.broadcast()
            condition.unlock()
            if case .error = result { return }
        }
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim` (malloc.h, which the Glibc module does not import).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// The process's peak resident set so far (VmHWM of /proc/self/status), in MB; nil where
/// the file is not there (not Linux).
enum MemoryProbe {
    static let enabled = ProcessInfo.processInfo.environment["DIP_MEMORY_PROBE"] == "1"

    /// Returns the free memory of every malloc arena to the system (glibc's `malloc_trim`;
    /// nothing elsewhere).
    static func giveBackFreedMemory() {
        #if canImport(Glibc)
        _ = glibcMallocTrim(0)
        #endif
    }

    static func peakMB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first
            return kb.map { $0 / 1024 }
        }
        return nil
    }
}
