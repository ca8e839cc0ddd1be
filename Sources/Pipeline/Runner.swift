import BuildInfo
import DIPCore
import Foundation
import Logging
import OfficeFormats
import Publish
import Register
import Rules

/// Errors that stop a run before anything is done.
public enum RunError: Error, CustomStringConvertible {
    case brokenRules([String])
    case brokenConfiguration(file: String, reason: String)
    /// `archive/register.sqlite` is missing or empty while the archive holds history.
    case registerLost([String])
    /// The register does not know part of the archive's history (restored from an older backup).
    case registerOlder([String])

    public var description: String {
        switch self {
        case .brokenRules(let messages):
            return "Aturan di rules/ rusak; dip tidak menjalankan apa pun sampai diperbaiki:\n"
                + messages.map { "  - \($0)" }.joined(separator: "\n")
                + "\nPeriksa dengan `dip rules check`."
        case .brokenConfiguration(let file, let reason):
            return "Konfigurasi \(file) tidak dapat dibaca: \(reason)"
        case .registerLost(let things):
            return "register hilang: pulihkan dari cadangan. archive/register.sqlite tidak ada atau kosong, "
                + "padahal archive/ menyimpan riwayat (\(Self.listed(things))). dip tidak membuat register baru "
                + "agar nomor versi tidak terulang; pulihkan archive/register.sqlite dari cadangan terbaru."
        case .registerOlder(let things):
            return "register lebih lama dari arsip: pulihkan dari cadangan terbaru. Register tidak mengenal "
                + "\(Self.listed(things)); kemungkinan dipulihkan dari cadangan lama. dip tidak berjalan agar "
                + "nomor versi dan paket arsip tidak tertukar."
        }
    }
}

extension RunError {
    static func listed(_ things: [String]) -> String {
        let shown = things.prefix(5).joined(separator: "; ")
        return things.count > 5 ? "\(shown); dan \(things.count - 5) lainnya" : shown
    }
}

/// Everything a run needs from `rules/`, loaded and checked before anything is touched.
public struct Configuration {
    /// The rules (`rules/`): loaded by `load`, or, for a run (`load(_:deferringRules:)`) whose
    /// rules folder holds exactly what an earlier run of this dip build validated, when first
    /// used.
    public var ruleSet: RuleSet {
        get { rules.ruleSet }
        set { rules = DeferredRules(newValue) }
    }
    var rules: DeferredRules
    public var units: UnitDirectory
    public var decree: DecreeSettings
    public var website: WebsiteSettings
    public var archive: ArchiveSettings
    /// The kop's logo (`contact.logo`); nil when none is configured or it cannot be read
    /// (`dip rules check` says why; the decrees then print without it).
    public var decreeLogo: DOCXImage? = nil
    /// `rules/penerimaan.json`: when a unit's new list is held for the PPID.
    public var intake: IntakeSettings = IntakeSettings()
    /// The digest of rules just validated, to keep once the run may write (`keepRulesDigest`).
    var rulesDigest: (key: String, file: URL)? = nil
    /// Threads the rules and the classifier may be built on (`RunOptions.threads`).
    var threads = 1
    /// The rule files' bytes and this dip build, as one key: a run whose key differs from the
    /// register's newest re-evaluation classifies the items on record again (`RuleChanges`).
    /// Empty: never re-evaluate.
    public var rulesKey = ""

    /// How legal bases are cited: from the rules' `dasar_hukum` (the one citation function).
    public var citations: LegalCitations { LegalCitations(ruleSet: ruleSet) }

    /// Loads and validates `rules/`; throws `RunError` naming what is broken.
    public static func load(_ workspace: Workspace) throws -> Configuration {
        try load(workspace, deferringRules: false)
    }

    /// `load`, but when `deferringRules` and the rules folder holds exactly the bytes an
    /// earlier run of this dip build validated (`archive/.cache/aturan.kunci`, a digest of the
    /// files read, the issues of reading them and the build), the rule set is made from
    /// those bytes only when first used: a run with nothing to take in never classifies, and
    /// loading the rules (dictionary, precedents, learned layer) was 60 % of such a run.
    /// Otherwise the rules are loaded and validated at once, as by `load`, and the digest is
    /// kept when they are valid. Broken rules still stop every run before anything is done:
    /// a folder that changed is always validated.
    ///
    /// `threads` > 1 loads the rules on two threads (`RuleSet.load(files:extraIssues:threads:)`).
    public static func load(_ workspace: Workspace, deferringRules: Bool, threads: Int = 1) throws -> Configuration {
        let rules: DeferredRules
        var digest: (key: String, file: URL)?
        var rulesKey = ""
        do {
            let folder = try RuleSet.readFolder(directory: workspace.rules)
            rulesKey = RuleChanges.key(files: folder.files)
            let stampFile = workspace.archive.appendingPathComponent(".cache/aturan.kunci")
            let key = deferringRules && !PartKeys.buildIdentity.isEmpty
                ? PartKeys.key(["aturan"] + folder.files.flatMap { [$0.name, $0.contents] }
                               + ["masalah"] + folder.issues.map { "\($0)" })
                : nil
            if let key, (try? String(contentsOf: stampFile, encoding: .utf8)) == key + "\n" {
                rules = DeferredRules(files: folder.files, issues: folder.issues, threads: threads)
            } else {
                rules = DeferredRules(try RuleSet.loadValidated(files: folder.files, extraIssues: folder.issues,
                                                                threads: threads))
                digest = key.map { ($0, stampFile) }
            }
        } catch let error as RuleSetError {
            switch error {
            case .invalid(let issues):
                // Each issue as `dip rules check` prints it ("unit.yaml:100: galat: …"); the log
                // and the IT officer's terminal got the Swift value ("RuleIssue(severity: …").
                throw RunError.brokenRules(issues.filter { $0.severity == .error }.map(\.text))
            default:
                throw RunError.brokenRules(["\(error)"])
            }
        }
        let units: UnitDirectory
        do {
            units = try UnitDirectory.load(directory: workspace.rules)
        } catch {
            throw RunError.brokenRules(["unit.yaml: \(error)"])
        }
        let decree: DecreeSettings = try loadJSON(workspace.rules.appendingPathComponent("keputusan.json"),
                                                  default: .kabupatenSerang)
        let website: WebsiteSettings = try loadJSON(workspace.rules.appendingPathComponent("situs.json"),
                                                    default: .serang)
        let intake: IntakeSettings = try loadJSON(workspace.rules.appendingPathComponent(IntakeSettings.fileName),
                                                  default: IntakeSettings())
        let invalid = intake.holdMassWithdrawal.problems
        if !invalid.isEmpty {
            throw RunError.brokenConfiguration(file: "rules/\(IntakeSettings.fileName)",
                                               reason: "holdMassWithdrawal: " + invalid.joined(separator: "; "))
        }
        return Configuration(rules: rules, units: units, decree: decree, website: website,
                             archive: ArchiveSettings(),
                             decreeLogo: DecreeLogo.load(decree, rulesDirectory: workspace.rules).image,
                             intake: intake, rulesDigest: digest, threads: threads, rulesKey: rulesKey)
    }

    /// Keeps the digest of the rules this load validated, so the next run of this build may
    /// defer loading them; called by a run once it has checked the register (nothing is
    /// written before that). Only a cache: losing it costs one validation.
    func keepRulesDigest() {
        guard let rulesDigest else { return }
        try? DurableFiles.write(rulesDigest.key + "\n", to: rulesDigest.file)
    }

    static func loadJSON<T: Decodable>(_ url: URL, default fallback: T) throws -> T {
        guard let data = try? Data(contentsOf: url) else { return fallback }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw RunError.brokenConfiguration(file: "rules/\(url.lastPathComponent)",
                                               reason: ConfigurationText.describe(error, data: data))
        }
    }
}

/// The rule set, or the validated bytes it is made from when first asked for
/// (`Configuration.load(_:deferringRules:)`). A class so that copies of a configuration
/// share one loading.
final class DeferredRules: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: RuleSet?
    private var source: (files: [(name: String, contents: String)], issues: [RuleIssue])?
    private var threads = 1

    init(_ set: RuleSet) { loaded = set }

    init(files: [(name: String, contents: String)], issues: [RuleIssue], threads: Int = 1) {
        source = (files, issues)
        self.threads = threads
    }

    /// Whether the rule set has been made (for tests and the warm path's check).
    var isLoaded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return loaded != nil
    }

    var ruleSet: RuleSet {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        // These bytes were validated by a run of this very build (the digest says so), and
        // loading is a function of them: it cannot fail now.
        guard let source, let set = try? RuleSet.load(files: source.files, extraIssues: source.issues, threads: threads) else {
            fatalError("aturan di rules/ tidak dapat dimuat ulang padahal sudah divalidasi; hapus archive/.cache/aturan.kunci")
        }
        loaded = set
        self.source = nil
        return set
    }
}

/// The intake's settings, `rules/penerimaan.json` (optional; missing keys take the defaults):
/// `{"holdMassWithdrawal": {"minimumWithdrawn": 10, "percent": 50}}`.
public struct IntakeSettings: Codable, Hashable, Sendable {
    public static let fileName = "penerimaan.json"
    /// A list that would withdraw at least `minimumWithdrawn` of the unit's current items and
    /// more than `percent` % of them is held for the PPID (issue 16 #7, docs/problems.md).
    public var holdMassWithdrawal: MassWithdrawalPolicy

    public init(holdMassWithdrawal: MassWithdrawalPolicy = .standard) {
        self.holdMassWithdrawal = holdMassWithdrawal
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        holdMassWithdrawal = try c.decodeIfPresent(MassWithdrawalPolicy.self, forKey: .holdMassWithdrawal) ?? .standard
    }
}

/// `dip run`: takes the lock, checks the configuration, then runs each stage in order.
///
/// Stages: intake (archive first, read, classify, record in the register: one transaction
/// per file) → feedback → draft version → documents for the draft → publication of an
/// approved version (archive package, website, then the register's `published` mark).
/// Every stage is idempotent, so a run killed anywhere is completed by the next one.
public struct Runner {
    public var workspace: Workspace
    public var options: RunOptions
    public var logger: Logger
    /// Told before each inbox file is taken in (position, count, file); see `IntakeStage`.
    public var progress: ((Int, Int, InboxFile) -> Void)?

    public init(workspace: Workspace, options: RunOptions, logger: Logger) {
        self.workspace = workspace
        self.options = options
        self.logger = logger
    }

    /// Logged when this run migrated a register an earlier dip made (`RegisterUpgrade`);
    /// shown with `--quiet` too.
    public static let registerUpgradedEvent = "register dimutakhirkan"

    public func run() throws -> RunSummary {
        try workspace.requireLayout()
        let lock = try RunLock(workspace: workspace, wait: options.waitForLock)
        let started = Date()
        if let left = lock.leftMarker() {
            logger.warning("\(Self.interruptedEvent)", metadata: ["sebelumnya": "\(left)", "pesan": "\(Self.interruptedNote)"])
        }
        lock.writeMarker(startedAt: started)
        defer { lock.clearMarker() }
        // Broken rules stop the run before anything is touched.
        let config = try Configuration.load(workspace, deferringRules: true, threads: options.threads)
        // Under the lock: whatever a killed run left half-written is garbage now.
        let leftovers = Housekeeping.removeLeftovers(in: workspace)
        for path in leftovers {
            logger.warning("sisa run terputus dihapus", metadata: ["path": "\(path)"])
        }
        var stageStart = Date()
        var stages: [StageTiming] = []
        /// Ends the stage begun at `stageStart`; `seconds`, when given, is the stage's own part
        /// of the time since (the next stage then begins that much later).
        func endStage(_ name: String, seconds: TimeInterval? = nil) {
            let now = Date()
            var timing = StageTiming(stage: name, seconds: seconds ?? now.timeIntervalSince(stageStart))
            if MemoryProbe.enabled { timing.peakMB = MemoryProbe.peakMB() }
            stages.append(timing)
            stageStart = seconds.map { stageStart.addingTimeInterval($0) } ?? now
        }
        // A register that is missing, emptied or older than the archive is never replaced
        // silently (nothing is created or touched before this check).
        if !FileManager.default.fileExists(atPath: workspace.registerPath.path) {
            try RegisterGuard.check(workspace, history: nil)
        }
        let register = try AppDatabase.open(path: workspace.registerPath.path)
        if let upgrade = register.upgrade {
            // The first run of a new dip on an earlier dip's register: said once, with where
            // the copy from before is (the IT officer keeps it until the new dip has proved itself).
            logger.info("\(Self.registerUpgradedEvent)", metadata: [
                "perubahan": "\(upgrade.applied.joined(separator: ","))",
                "salinan": "\(upgrade.backupPath ?? "-")", "versi_dip": "\(BuildInfo.version)",
                "pesan": "\(upgrade.text)"])
        }
        try RegisterGuard.check(workspace, history: try register.history())
        config.keepRulesDigest()
        try register.saveUnits(config.units.units)
        let stampAtStart = options.idleSummaryAtDebug ? try register.changeStamp() : nil
        // Each unit's outputs live in its own outbox; the former shared folders are emptied.
        for path in try Housekeeping.moveSharedUnitFolders(in: workspace) {
            logger.info("dipindahkan ke folder unit", metadata: ["path": "\(path)"])
        }
        endStage("persiapan")
        // The PPID's decisions first: they refer to the draft the PPID saw, before this run's
        // submissions change anything (a decision on a changed item is then refused).
        let review = try applyReviewWorkbooks(workspace: workspace, register: register, clock: options.clock, logger: logger,
                                              alreadyLogged: options.skipsAlreadyLogged,
                                              failuresLogged: options.failuresAlreadyLogged)
        endStage("keputusan_ppid")
        // Revisions recorded up to here were classified by the rules of an earlier run (or by a
        // PPID's choice above); what this run's intake records is classified by the current rules.
        let ruleWatermark = try register.revisionWatermark()
        // The PPID's own decisions (tests, approvals) are precedents that outrank the shipped
        // corpus. Read after this run's workbooks are applied, so the submissions classify the
        // same whether a killed run had applied them already or this run does (the crash
        // harness compares every revision's classification with a clean run). Made at the
        // first file, before anything of this run's intake is recorded (the same state): a
        // run with nothing to take in loads no rules. With two threads the intake's second
        // thread makes it and classifies every file (`IntakePipeline`): the classifier and its
        // memo are used by that thread alone, while this one records.
        var classifier: Classifier?

        var intake = IntakeStage(workspace: workspace, options: options, logger: logger,
                                 knownUnits: Set(config.units.units.map(\.code)))
        intake.progress = progress
        intake.releaseItemsWhenRecorded = true
        // Feedback is written after each file is recorded and before it leaves the inbox,
        // so a run killed later never loses a unit's feedback (the harness found this).
        var feedbackSoFar = RunSummary()
        // Each unit's return notes are read right after its file is recorded (its new list
        // may settle some): the feedback written then is final, also if the run is killed
        // before the end (a snapshot rewritten after intake was lost by such a kill).
        let receivedAt = options.clock.now
        var summary = try intake.run(
            isDuplicate: { unit, stored in try register.hasSubmission(unit: unit, sha256: stored.sha256) },
            prepare: { outcome in
                if classifier == nil { classifier = try config.classifier(register: register) }
                outcome.classifications = outcome.items.map(classifier!.classify)
            },
            record: { outcome in
                guard outcome.status != .duplicate, !outcome.alreadyRecorded else {
                    try recordedBefore(&outcome, register: register, at: receivedAt)
                    if outcome.status != .held { try noteTestsOnRecord(&outcome, register: register) }
                    // Recorded by a run killed before its feedback: the withdrawals it recorded
                    // are told as that run would have told them (CrashHarnessTests).
                    if outcome.alreadyRecorded && outcome.status == .accepted {
                        outcome.withdrawn = try register.withdrawnBy(unit: outcome.unit, sha256: outcome.sha256)
                        outcome.rowChanges = try rowChanges(outcome, register: register)
                    }
                    return
                }
                let unit = config.units.unit(outcome.unit) ?? WorkUnit(code: outcome.unit, name: outcome.unit)
                let relative = outcome.archivedPath.map { relativePath($0) } ?? ""
                let update = try register.recordSubmission(
                    unit: unit, fileName: outcome.fileName, sha256: outcome.sha256,
                    archivedPath: relative, receivedAt: receivedAt,
                    result: outcome.status == .accepted ? .accepted : .refused(reason: outcome.reason ?? ""),
                    items: Array(zip(outcome.items, outcome.classifications)), problems: outcome.problems,
                    holdPolicy: config.intake.holdMassWithdrawal)
                if update.outcome == .held {
                    outcome.status = .held
                    outcome.hold = update.hold
                    logHold(outcome)
                } else if outcome.status == .accepted {
                    try noteTestsOnRecord(&outcome, register: register)
                    outcome.withdrawn = update.withdrawn
                    outcome.rowChanges = try rowChanges(outcome, register: register)
                }
            },
            recorded: { outcome in
                feedbackSoFar.outcomes.append(outcome)
                // Files come unit by unit (InboxScanner sorts them): the feedback of a unit
                // done with needs its items no more, so the intake holds one unit's at a time.
                for i in feedbackSoFar.outcomes.indices where feedbackSoFar.outcomes[i].unit != outcome.unit {
                    feedbackSoFar.outcomes[i].releaseItems()
                }
            },
            afterRecord: { outcome in
                let notes = [outcome.unit: try register.returnNotes(unit: outcome.unit)]
                // The unit's outcomes so far, as they are now: the feedback may be written on
                // another thread while the next file is recorded (`IntakeStage.AfterRecord`).
                let unitSoFar = RunSummary(outcomes: feedbackSoFar.outcomes.filter { $0.unit == outcome.unit })
                return IntakeStage.AfterRecord(
                    work: { try writeFeedback(unitSoFar, config: config, notes: notes, only: outcome.unit) },
                    // The notes this feedback carries are delivered: a run killed before the
                    // end must not have the next one rewrite it as if the unit had sent nothing.
                    then: { try markNotesDelivered(unit: outcome.unit, notes: notes[outcome.unit] ?? []) })
            })
        // A return (workbook or `dip return`) reaches the unit at the next run even when it
        // sends nothing: its feedback is rewritten whenever its notes change.
        try refreshAfterPPIDNotes(sentThisRun: Set(summary.outcomes.map(\.unit)), config: config, register: register)
        try UnreadNotice.update(summary.skipped, units: config.units, workspace: workspace, clock: options.clock)
        try HeldNotices.update(register: register, config: config, workspace: workspace, clock: options.clock)
        try UnregisteredUnitsNotice.update(summary.skipped, workspace: workspace, clock: options.clock, units: config.units)
        // The items are in the register now; the later stages read them from there.
        feedbackSoFar = RunSummary()
        for i in summary.outcomes.indices { summary.outcomes[i].releaseItems() }
        // Rules changed since the register's last look: the items on record classified again,
        // the changes kept for the PPID (nothing applied; docs/review.md "Session 25").
        _ = try RuleChanges.run(register: register, config: config, watermark: ruleWatermark, classifier: {
            if classifier == nil { classifier = try config.classifier(register: register) }
            return classifier!
        }, clock: options.clock, logger: logger)
        // So is the classifier, with its texts' analyses (bounded at 20,000 texts, 12 MB kept
        // through the later stages otherwise, issue 19).
        classifier = nil
        // What the intake's second thread allocated (items read, the classifier's memo) was
        // freed into that thread's malloc arena, which the later stages' allocations on this
        // thread do not reuse: given back to the system here, or the run's peak grew by the
        // arena (+8 MB at 1×, measured with and without MALLOC_ARENA_MAX=1).
        if options.threads > 1 { MemoryProbe.giveBackFreedMemory() }
        endStage("terima")
        summary.leftoversRemoved = leftovers
        summary.failures += review.failures
        summary.review = review

        var publisher = PublishStage(workspace: workspace, config: config, register: register,
                                     clock: options.clock, logger: logger)
        publisher.keptRevisionsLimit = options.keptRevisionsLimit
        let lane = WorkLane(threads: options.threads)
        let draft = try publisher.planDraft()
        func publish() throws {
            switch try publisher.publishApproved() {
            case .published(let number)?: summary.publishedVersion = number
            case .awaitsDecreeDate(let number, let date)?: summary.publicationAwaitsDecreeDate = (number, date)
            case nil: break
            }
            if summary.publishedVersion != nil { try publisher.stampDraft(summary.draftVersion) }
            else { try publisher.refreshWebsite() }
        }
        // With a second thread the draft's decrees are made while the review pack is, and
        // both are committed in a one-thread run's order: the draft folder and its stamp, the
        // publication step, then the pack (`writeReviewPack`'s `beforeCommit`). Not when this
        // run publishes (the pack shows the publication, so it is made after it), nor above
        // `secondThreadItemLimit` current items (the two stages' memory would add up).
        if lane.isConcurrent, let work = draft.work, work.draft != nil,
           let items = draft.currentItems, items <= publisher.secondThreadItemLimit,
           !(try publisher.publicationDue()) {
            let stage = publisher
            let rendering = lane.start { try stage.renderDraft(work) }
            // The templates too (register reads; nothing of this run's later stages changes
            // a current item), written after the pack as on one thread.
            let templating = lane.start { try self.makeTemplates(config: config, register: register) }
            defer {
                rendering.settle()
                templating.settle()
            }
            endStage("draf")
            var committed = false
            var publishing: TimeInterval = 0
            func commitDraft() throws {
                committed = true
                summary.draftVersion = try publisher.finishDraft(draft, rendered: try rendering.wait(), alongside: true)
                let started = Date()
                try publish()
                publishing = Date().timeIntervalSince(started)
            }
            do {
                try publisher.writeReviewPack(lane: lane, beforeCommit: commitDraft)
            } catch {
                // As a one-thread run would have: the draft is written before the pack fails,
                // and a draft that fails is the run's error (a one-thread run stops there,
                // before the pack); the pack's is logged.
                if !committed {
                    do {
                        try commitDraft()
                    } catch let draftError {
                        logger.error("paket pemeriksaan gagal", metadata: ["error": "\(FailureText.describe(error))"])
                        throw draftError
                    }
                }
                throw error
            }
            endStage("terbit", seconds: publishing)
            endStage("pemeriksaan")
            // Every unit's template follows the register; last, so its stamp is the run's
            // final state whatever run was stopped before.
            if let update = try templating.wait() { try writeTemplates(update) }
            endStage("templat")
        } else {
            summary.draftVersion = try publisher.finishDraft(draft, rendered: try draft.work.map { try publisher.renderDraft($0) })
            endStage("draf")
            try publish()
            endStage("terbit")
            // After publication, so "changes since the last decree" already counts this run's.
            try publisher.writeReviewPack(lane: lane, beforeCommit: {})
            endStage("pemeriksaan")
            // Every unit's template follows the register (also after a crash, and when the PPID's
            // decisions or a withdrawal changed a unit's list without a new file from it); last,
            // so its stamp is the run's final state whatever run was stopped before.
            try updateTemplates(config: config, register: register)
            endStage("templat")
        }

        // Exemption periods end with the clock: said on every run while one needs the PPID
        // (the review pack lists them), so the IT officer's log shows it too.
        summary.exemptionNotices = try publisher.exemptionNotices()
        summary.exemptionNoticeDays = config.decree.exemptionNoticeDays
        summary.seconds = Date().timeIntervalSince(started)
        summary.stages = stages
        var timing: Logger.Metadata = [:]
        for stage in stages {
            timing["detik_\(stage.stage)"] = "\(String(format: "%.3f", stage.seconds))"
            if let mb = stage.peakMB { timing["puncak_mb_\(stage.stage)"] = "\(mb)" }
        }
        // An idle pass of `dip watch` (`RunOptions.idleSummaryAtDebug`): nothing taken in,
        // refused, skipped or failed, no PPID workbook, nothing published, the register as it was.
        let idle = stampAtStart != nil && summary.outcomes.isEmpty
            && summary.skipped.allSatisfy { options.skipsAlreadyLogged.contains($0.path) }
            && summary.failures.allSatisfy { options.failuresAlreadyLogged.contains($0.failureKey) }
            && summary.leftoversRemoved.isEmpty && (summary.review?.files.isEmpty ?? true)
            && summary.publishedVersion == nil && (try? register.changeStamp()) == stampAtStart
        // A warning when a period has ended or ends soon; periods dip cannot count ("selama
        // berlaku", common and lawful) at info level, or every run would warn; an idle pass of
        // `dip watch` at debug, as its summary.
        let periodCounts = ExemptionPeriods.counts(summary.exemptionNotices)
        if !summary.exemptionNotices.isEmpty {
            let urgent = periodCounts.ended + periodCounts.ending > 0
            logger.log(level: idle ? .debug : urgent ? .warning : .info,
                       urgent ? "jangka waktu pengecualian perlu ditindaklanjuti PPID" : "jangka waktu pengecualian perlu diperiksa PPID",
                       metadata: Self.exemptionNoticeMetadata(summary.exemptionNotices))
        }
        logger.log(level: idle ? .debug : .info, "run selesai", metadata: timing.merging([
            "diterima": "\(summary.accepted)", "ditolak": "\(summary.refused)",
            "duplikat": "\(summary.duplicates)", "masalah": "\(summary.problemCount)", "catatan": "\(summary.noteCount)",
            "draf": "\(summary.draftVersion.map(String.init) ?? "-")",
            "terbit": "\(summary.publishedVersion.map(String.init) ?? "-")",
            "detik": "\(String(format: "%.3f", summary.seconds))",
            "dilewati": "\(summary.skipped.count)", "gagal": "\(summary.failures.count)",
            "ditahan": "\(summary.held)", "kode_keluar": "\(summary.exitCode)",
            // Which build ran: an IT officer reporting a problem quotes this line.
            "versi_dip": "\(BuildInfo.version)",
        ]) { _, new in new })
        return summary
    }

    /// A file recorded before (a duplicate, or claimed by a stopped run): still held, it is
    /// told as held; the unit's current list sent again answers its held one (superseded).
    func recordedBefore(_ outcome: inout FileOutcome, register: AppDatabase, at: Date) throws {
        if let hold = try register.pendingHold(unit: outcome.unit), hold.sha256 == outcome.sha256 {
            outcome.status = .held
            outcome.hold = hold.count
        } else if outcome.status == .duplicate,
                  let superseded = try register.supersedeHoldByResend(
                      unit: outcome.unit, sha256: outcome.sha256, fileName: outcome.fileName, at: at)
        {
            outcome.supersededHold = superseded.fileName
            logger.info("kiriman ditahan dibatalkan oleh kiriman ulang", metadata: [
                "unit": "\(outcome.unit)", "berkas": "\(outcome.fileName)", "ditahan": "\(superseded.fileName)",
            ])
        }
    }

    /// What recording an accepted file did to each of its rows, by item index, for its feedback.
    func rowChanges(_ outcome: FileOutcome, register: AppDatabase) throws -> [Int: RowChange] {
        var byIndex: [Int: RowChange] = [:]
        for (position, change) in try register.rowChangesBy(unit: outcome.unit, sha256: outcome.sha256) {
            byIndex[position - 1] = change
        }
        return byIndex
    }

    /// The tests on record for the items of an accepted (or resent) file that the rules flag:
    /// its feedback says they were tested instead of asking for a test the PPID already made.
    func noteTestsOnRecord(_ outcome: inout FileOutcome, register: AppDatabase) throws {
        guard outcome.classifications.contains(where: \.needsConsequenceTest) else { return }
        outcome.testsOnRecord = TestOnRecord.byRow(try register.testsOnRecord(unit: outcome.unit), items: outcome.items)
    }

    /// Logged (a warning, shown with `--quiet`) by a run that finds the marker of a run that
    /// was stopped before its end (`RunLock.writeMarker`): that run could log nothing itself.
    public static let interruptedEvent = "run sebelumnya terhenti sebelum selesai"
    public static let interruptedNote = "Run sebelumnya berhenti sebelum selesai (dihentikan dengan sinyal, kehabisan memori, "
        + "listrik padam atau server dimatikan). Tidak ada kiriman yang hilang: run ini melanjutkan pekerjaan yang tertunda. "
        + "Bila sering terjadi, periksa log sistem (journalctl) pada waktu `mulai`."

    /// The event of a held list's log line (`dip run --quiet` shows it: OperatorLog).
    public static let heldEvent = "kiriman ditahan: akan menarik sebagian besar daftar unit"

    /// The run log's word to the IT officer and the PPID: a warning, so `grep level=warning` finds it.
    func logHold(_ outcome: FileOutcome) {
        logger.warning("\(Self.heldEvent)", metadata: [
            "unit": "\(outcome.unit)", "berkas": "\(outcome.fileName)",
            "ditarik": "\(outcome.hold?.withdrawn ?? 0)", "dari": "\(outcome.hold?.current ?? 0)",
            "sha256": "\(outcome.sha256)", "lepas": "dip release \(outcome.unit)",
        ])
    }

    /// One feedback file per unit that sent something this run.
    func writeFeedback(_ summary: RunSummary, config: Configuration,
                       notes: [String: [ReturnNote]], only: String? = nil) throws {
        let byUnit = Dictionary(grouping: summary.outcomes, by: \.unit)
        for code in byUnit.keys.sorted() where only == nil || only == code {
            let unit = config.units.unit(code) ?? WorkUnit(code: code, name: code)
            let lines = Self.noteLines(notes[code] ?? [])
            let outcomes = byUnit[code]!
            let citations = config.citations
            // The newest file's rows with their problems, as a workbook and a page.
            let latest = outcomes.last { $0.status != .duplicate } ?? outcomes.last!
            let returned = notes[code] ?? []
            let files = outcomes.sorted { $0.fileName < $1.fileName }.map(FeedbackReport.file)
            let documents = try UnitFeedback.feedbackDocuments(
                unit: unit, items: latest.items, problems: latest.problems, returnNotes: returned,
                classifications: latest.classifications, testsOnRecord: latest.testsOnRecord,
                withdrawn: latest.withdrawn, files: files,
                citations: citations, clock: options.clock)
            // The text cites repeated notes by the page's codes.
            let text = FeedbackReport.text(unit: unit, outcomes: outcomes, citations: citations, clock: options.clock,
                                           notes: lines, codes: documents.codes)
            try writeFeedbackFiles(unit: code, text: text, workbook: documents.workbook, page: documents.page)
        }
    }

    /// A unit's feedback as text, workbook and page, in its outbox (one folder sync for the three).
    func writeFeedbackFiles(unit code: String, text: String, workbook: [UInt8], page: String) throws {
        try DurableFiles.write([
            (Data(text.utf8), workspace.feedbackFile(unit: code, ext: "txt")),
            (Data(workbook), workspace.feedbackFile(unit: code, ext: "xlsx")),
            (Data(page.utf8), workspace.feedbackFile(unit: code, ext: "html")),
        ])
    }

    /// Where the PPID's notes each unit's feedback last showed are remembered.
    var notesStateFile: URL { workspace.archive.appendingPathComponent(".catatan-ppid.json") }

    /// The notes as the state file keeps them: one line per returned item.
    static func notesFingerprint(_ notes: [ReturnNote]) -> [String] {
        notes.sorted { $0.itemID < $1.itemID }.map {
            "\($0.itemID)|\($0.revision)|\($0.by)|\(Int($0.at.timeIntervalSince1970))|\($0.note)"
        }
    }

    /// Rewrites the feedback of every unit whose return notes differ from those its feedback
    /// last showed (a return, an approval of a returned item, a note answered), from the
    /// register: the unit's current items and its last file's problems. Units that sent a
    /// file this run already have feedback with the current notes; templates follow the
    /// register in `updateTemplates`. The state is written last: a crash in between only
    /// means the next run writes the feedback again.
    func refreshAfterPPIDNotes(sentThisRun: Set<String>, config: Configuration, register: AppDatabase) throws {
        let notes = try register.returnNotesByUnit()
        // A missing or unreadable state file: every unit with notes gets fresh feedback once.
        let known = (try? Data(contentsOf: notesStateFile))
            .flatMap { try? JSONDecoder().decode([String: [String]].self, from: $0) } ?? [:]
        var state = known
        var changed: [String] = []
        for code in Set(notes.keys).union(known.keys).sorted() {
            let now = Self.notesFingerprint(notes[code] ?? [])
            guard now != known[code] ?? [] else { continue }
            state[code] = now.isEmpty ? nil : now
            if !sentThisRun.contains(code) { changed.append(code) }
        }
        if !changed.isEmpty {
            let current = try register.currentItemsByUnit(Set(changed))
            for code in changed {
                let unit = config.units.unit(code) ?? WorkUnit(code: code, name: code)
                let items = current[code] ?? []
                let returned = notes[code] ?? []
                let citations = config.citations
                let text = FeedbackReport.text(unit: unit, outcomes: [], citations: citations, clock: options.clock,
                                               notes: Self.noteLines(returned))
                let problems = try register.lastProblems(unit: code)
                let tests = TestOnRecord.byRow(try register.testsOnRecord(unit: code), items: items.map(\.item))
                let (workbook, page) = try UnitFeedback.documents(
                    unit: unit, items: items.map(\.item), problems: problems, returnNotes: returned,
                    classifications: items.map(\.classification), testsOnRecord: tests, citations: citations,
                    clock: options.clock)
                try writeFeedbackFiles(unit: code, text: text, workbook: workbook, page: page)
                logger.info("umpan balik diperbarui karena catatan PPID", metadata: ["unit": "\(code)"])
            }
        }
        if state != known {
            let data = try JSONEncoder.sortedPretty.encode(state)
            try DurableFiles.write(data, to: notesStateFile)
        }
    }

    /// Records in the notes state file that `unit`'s feedback now carries `notes`.
    func markNotesDelivered(unit: String, notes: [ReturnNote]) throws {
        var state = (try? Data(contentsOf: notesStateFile))
            .flatMap { try? JSONDecoder().decode([String: [String]].self, from: $0) } ?? [:]
        let now = Self.notesFingerprint(notes)
        guard state[unit] ?? [] != now else { return }
        state[unit] = now.isEmpty ? nil : now
        try DurableFiles.write(try JSONEncoder.sortedPretty.encode(state), to: notesStateFile)
    }

    static func noteLines(_ notes: [ReturnNote]) -> [String] {
        notes.map { note in
            "No. \(note.nomor) \"\(note.ringkasan)\" dikembalikan oleh PPID (\(note.by)): \(note.note)"
        }
    }

    /// Rewrites the update template of every unit with current items (or with a template
    /// already) whose prefilled rows changed since it was written, or whose file is missing or
    /// not the one written (`PartKeys`, archive/.templat-unit.json); the others are kept, so
    /// an update of a few units writes only their templates. The stamp of the current items is
    /// written last (the warm run does no work); a crash in between only means the next run
    /// checks the keys again.
    func updateTemplates(config: Configuration, register: AppDatabase) throws {
        if let update = try makeTemplates(config: config, register: register) { try writeTemplates(update) }
    }

    /// The templates `makeTemplates` made, to write in this order: each unit's file, the keys,
    /// then the stamp.
    struct TemplateUpdate {
        var files: [(code: String, key: String, data: Data)]
        var keys: PartKeys
        var stamp: String
        var stampFile: URL
    }

    /// The templates to write (nil when the stamp says the current items have not changed):
    /// reads the register and the kept keys, writes nothing, so it may run on a second
    /// thread (`WorkLane`) while the review pack is made.
    func makeTemplates(config: Configuration, register: AppDatabase) throws -> TemplateUpdate? {
        let stampFile = workspace.archive.appendingPathComponent(".templat-stamp")
        // The current items' stamp, not the register's: the draft made after this stage
        // changes the register but no template, and the next run need not rebuild them all.
        // With the units registered: a unit added to rules/unit.yaml gets its template at the
        // next run even when no list changed.
        let stamp = try register.currentItemsStamp() + "\n" + PartKeys.key(["unit"] + config.units.units.flatMap {
            [$0.code, $0.name, $0.headTitle ?? "", $0.ppidPelaksana ?? ""]
        }) + "\n"
        let codes = Set(config.units.units.map(\.code))
        // Nothing changed, and every template is still there: a reports/ folder deleted or
        // restored without its outboxes (session 24 walk) lost the templates under an
        // unchanged stamp, and they stayed lost until some unit's list changed.
        if (try? String(contentsOf: stampFile, encoding: .utf8)) == stamp,
           codes.allSatisfy({ FileManager.default.fileExists(atPath: workspace.templateFile(unit: $0).path) }) { return nil }
        // A template is keyed by its unit's items as ids, revisions and places
        // (`currentItemKeys`: a revision's texts never change); only the units whose key moved
        // have their items' texts read and their template made.
        let itemKeys = try register.currentItemKeys(codes)
        var keys = PartKeys(file: workspace.archive.appendingPathComponent(".templat-unit.json"))
        var stale: [(code: String, unit: WorkUnit, key: String)] = []
        for code in codes.sorted() {
            let items = itemKeys[code] ?? []
            let url = workspace.templateFile(unit: code)
            // Every registered unit has its template, a blank list under its name until its
            // first list is taken in: the blank one in inbox/ is out of a unit's reach (each
            // unit's share holds only its own folders, README "Who may reach what"), so a new
            // unit had nothing to fill, and its outbox did not exist to be shared.
            let unit = config.units.unit(code) ?? WorkUnit(code: code, name: code)
            let key = PartKeys.key(["templat-butir", unit.code, unit.name, unit.headTitle ?? "", unit.ppidPelaksana ?? ""]
                                   + items)
            if keys.isCurrent(code, key: key, url: url) { continue }
            stale.append((code, unit, key))
        }
        // A few units' items at a time: a cold run makes every unit's template, and every
        // current item's texts read at once were a regency's worth of memory (issue 19); the
        // templates themselves are small (≈ 30 KB each).
        var files: [(code: String, key: String, data: Data)] = []
        var batchStart = stale.startIndex
        while batchStart < stale.endIndex {
            let batch = stale[batchStart..<min(batchStart + 16, stale.endIndex)]
            batchStart = batch.endIndex
            let current = try register.currentItemsByUnit(Set(batch.map(\.code)))
            for (code, unit, key) in batch {
                let rows = UpdateTemplate.rows(current[code] ?? [])
                files.append((code, key, Data(try UpdateTemplate.workbook(unit: unit, rows: rows, clock: options.clock))))
            }
        }
        return TemplateUpdate(files: files, keys: keys, stamp: stamp, stampFile: stampFile)
    }

    /// Writes what `makeTemplates` made: each template, the keys, then the stamp.
    func writeTemplates(_ update: TemplateUpdate) throws {
        var keys = update.keys
        for file in update.files {
            try DurableFiles.write(file.data, to: workspace.templateFile(unit: file.code))
            keys.wrote(file.code, key: file.key, bytes: file.data)
        }
        try keys.save()
        try DurableFiles.write(update.stamp, to: update.stampFile)
    }

    func relativePath(_ url: URL) -> String {
        let root = workspace.root.path.hasSuffix("/") ? workspace.root.path : workspace.root.path + "/"
        return url.path.hasPrefix(root) ? String(url.path.dropFirst(root.count)) : url.path
    }
}


extension Runner {
    /// The log line's fields for exemption periods: counts by standing and the items (ended
    /// ones first), at most 20 named.
    static func exemptionNoticeMetadata(_ notices: [ExemptionNotice]) -> Logger.Metadata {
        let (ended, ending, person) = ExemptionPeriods.counts(notices)
        let named = notices.prefix(20).map(\.term.itemID).joined(separator: ",")
        return [
            "berakhir": "\(ended)", "akan_berakhir": "\(ending)", "perlu_diperiksa": "\(person)",
            "informasi": "\(named)\(notices.count > 20 ? ",…" : "")",
        ]
    }
}

extension JSONEncoder {
    /// Sorted keys, indented: a state file that diffs well and is the same for the same state.
    static var sortedPretty: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        return e
    }
}
