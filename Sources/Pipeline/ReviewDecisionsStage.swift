import DIPCore
import Foundation
import Intake
import Logging
import Publish
import Register

/// What applying one review workbook did.
public struct ReviewFileResult: Hashable, Sendable {
    public var fileName: String
    public var sha256: String
    /// The workbook was recognised and read (false: not a review workbook or unreadable).
    public var recognised: Bool
    /// The same bytes were applied before; nothing was applied again.
    public var duplicate: Bool
    public var testsRecorded: Int
    public var approved: Int
    public var returned: Int
    /// Items whose new classification (rules changed) the PPID applied, or kept the old one.
    public var ruleChangesApplied = 0
    public var ruleChangesKept = 0
    /// Recorded tests' berita acara completed with a number or day (sheet Lengkapi Berita Acara).
    public var completionsRecorded = 0
    /// Rows the register refused (stale revision, withdrawn item, missing legal basis…),
    /// each an Indonesian sentence naming sheet and row.
    public var refused: [String]
    /// Cells that could not be read.
    public var problems: [Problem]
    /// `reports/review/hasil-<file>.txt`.
    public var resultFile: URL

    /// Not recognised as a workbook dip issued, or rows refused, or cells unread.
    public var notWhollyApplied: Bool { !recognised || !refused.isEmpty || !problems.isEmpty }
}

/// The event of the warning that a review workbook was taken but not all of it applied: not
/// recognised as a workbook dip issued, rows the register refused, or cells it could not read
/// (`dip run --quiet` shows it: OperatorLog).
public let reviewNotAppliedEvent = "lembar pemeriksaan tidak seluruhnya diterapkan"

/// The event of the warning that a review workbook was left because a spreadsheet program has
/// it open (`dip run --quiet` shows it: OperatorLog).
public let reviewStillOpenEvent = "lembar pemeriksaan masih dibuka, dilewati"

/// What the review-decisions stage did in one run.
public struct ReviewDecisionsSummary: Hashable, Sendable {
    public var files: [ReviewFileResult]
    /// Files left in `inbox/_ppid/` because a spreadsheet program still has them open.
    public var skipped: [String]
    /// Their paths (for `RunOptions.skipsAlreadyLogged`).
    public var skippedPaths: [String] = []
    /// Files left in `inbox/_ppid/` because the register could not take them (busy, I/O
    /// error): nothing of them was applied; a later run applies them whole.
    public var failures: [SkippedFile] = []

    /// Whether a workbook was taken but not wholly applied: not one dip issued, rows the
    /// register refused or cells it could not read. The PPID must re-enter or correct them
    /// (its `hasil-*.txt` says what), so `dip run` ends with exit 2 as for a unit's refused file.
    public var needsAPerson: Bool { files.contains(where: \.notWhollyApplied) }

    /// Whether any decision or test reached the register (a new draft may be due).
    public var changedRegister: Bool {
        files.contains { $0.testsRecorded + $0.approved + $0.returned + $0.completionsRecorded > 0 }
    }
}

/// Takes each review workbook in `inbox/_ppid/`: archives it (as unit "_ppid"), records its
/// consequence tests and decisions in the register (a row about a revision that is no longer
/// current is refused, never applied), writes `reports/review/hasil-<file>.txt` in
/// Indonesian and removes the inbox file.
///
/// A workbook left because a spreadsheet program has it open (its lock file beside it) is a
/// warning, which `dip run --quiet` shows: its decisions wait, and a lock file left by a
/// program that crashed keeps them waiting until someone removes it. `alreadyLogged` (paths a
/// pass of `dip watch` already warned of) logs it again at debug level only; so does a failure
/// in `failuresLogged` (`RunOptions.failuresAlreadyLogged`).
public func applyReviewWorkbooks(
    workspace: Workspace, register: AppDatabase, clock: Clock, logger: Logger, alreadyLogged: Set<String> = [],
    failuresLogged: Set<String> = []
) throws -> ReviewDecisionsSummary {
    let folder = workspace.inbox.appendingPathComponent(Workspace.ppidInboxFolder, isDirectory: true)
    var summary = ReviewDecisionsSummary(files: [], skipped: [])
    // A workspace made before `dip init` made this folder has none, and the PPID is told to drop
    // the workbook there (docs/panduan.md): made here once, as init makes it.
    if !FileManager.default.fileExists(atPath: folder.path), FileManager.default.fileExists(atPath: workspace.inbox.path) {
        do {
            try DurableFiles.createDirectory(folder)
            logger.info("folder lembar pemeriksaan PPID dibuat", metadata: ["folder": "inbox/\(Workspace.ppidInboxFolder)/"])
        } catch {
            // Debug: an inbox share the run may not write would say it at every pass of `dip watch`.
            logger.debug("folder lembar pemeriksaan PPID tidak dapat dibuat", metadata: [
                "folder": "inbox/\(Workspace.ppidInboxFolder)/", "error": "\(FailureText.describe(error))"])
        }
    }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return summary }
    let archive = OriginalsArchive(workspace: workspace)
    let receivedAt = clock.rfc3339()
    let reportDir = workspace.reports.appendingPathComponent("review", isDirectory: true)
    for listed in names.sorted() {
        let url = folder.appendingPathComponent(listed)
        let name = InboxClaim.originalName(listed) ?? listed
        // Regular files only: a link is never followed (its target could be anything).
        guard (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType == .typeRegular,
              listed != name || !Intake.isIgnorable(fileName: name)
        else { continue }
        // Excel and LibreOffice keep a lock file next to a workbook that is open.
        if listed == name && (names.contains("~$" + name) || names.contains(".~lock.\(name)#")) {
            summary.skipped.append(name)
            summary.skippedPaths.append(url.path)
            logger.log(level: alreadyLogged.contains(url.path) ? .debug : .warning, "\(reviewStillOpenEvent)",
                       metadata: ["berkas": "\(name)", "path": "\(url.path)"])
            continue
        }
        // Claimed first, so a newer workbook saved at the same name meanwhile is never removed.
        let claimed: URL
        do {
            guard case .claimed(let at) = try InboxClaim.claim(InboxFile(unit: "_ppid", url: url, fileName: name)) else { continue }
            claimed = at
        } catch {
            let failure = SkippedFile(path: url.path, reason: FailureText.describe(error))
            summary.failures.append(failure)
            logger.log(level: failuresLogged.contains(failure.failureKey) ? .debug : .error, "gagal mengambil lembar pemeriksaan",
                       metadata: ["path": "\(url.path)", "error": "\(failure.reason)"])
            continue
        }
        let stored: OriginalsArchive.Stored
        do {
            stored = try archive.store(claimed, fileName: name, unit: "_ppid", receivedAt: receivedAt)
        } catch {
            InboxClaim.release(claimed, as: InboxFile(unit: "_ppid", url: url, fileName: name))
            let failure = SkippedFile(path: url.path, reason: FailureText.describe(error))
            summary.failures.append(failure)
            logger.log(level: failuresLogged.contains(failure.failureKey) ? .debug : .error, "gagal mengarsipkan lembar pemeriksaan",
                       metadata: ["path": "\(url.path)", "error": "\(failure.reason)"])
            continue
        }
        let base = (name as NSString).deletingPathExtension
        var result = ReviewFileResult(
            fileName: name, sha256: stored.sha256, recognised: false, duplicate: false,
            testsRecorded: 0, approved: 0, returned: 0, refused: [], problems: [],
            resultFile: reportDir.appendingPathComponent("hasil-\(base).txt"))
        var lines: [String] = []
        // "Already applied" is the register's word (recorded in the same transaction as the
        // decisions), never the archive's receipt: a run killed after archiving applies it.
        do {
            let earlier = try register.appliedReviewWorkbook(sha256: stored.sha256)
            // Claimed by a run that was stopped after applying it: the same arrival, reported
            // as it was applied; the same bytes dropped again are a duplicate.
            let resumed = listed != name
            if let earlier, !resumed {
                result.recognised = true
                result.duplicate = true
                lines.append("Berkas yang sama persis sudah diterapkan pada \(Clock(now: earlier.appliedAt).indonesianDate()); "
                    + "tidak ada yang dicatat ulang.")
            } else {
                do {
                    let decisions = try ReviewWorkbookReader.read(path: stored.path.path)
                    // Only a workbook dip issued may decide: `inbox/_ppid/` may be reachable by
                    // others, and a workbook built from scratch must not decide as the PPID.
                    guard let token = decisions.token, try register.isIssuedReviewToken(token) else {
                        lines.append(unissuedWorkbookNotice(name))
                        logger.warning("lembar pemeriksaan tanpa token dip yang sah ditolak", metadata: ["berkas": "\(name)"])
                        throw ReviewWorkbookError.notReviewWorkbook(file: name)
                    }
                    result.recognised = true
                    if let earlier {
                        report(earlier, of: decisions, register: register, result: &result, lines: &lines)
                    } else {
                        try apply(decisions, register: register, clock: clock, result: &result, lines: &lines)
                    }
                } catch let error as ReviewWorkbookError {
                    if lines.isEmpty { lines.append(error.description) }
                }
            }
        } catch {
            // The register could not take it (busy, I/O error): nothing of it was recorded;
            // the file stays in the inbox and a later run applies it whole.
            let failure = SkippedFile(path: claimed.path, reason: FailureText.describe(error))
            summary.failures.append(failure)
            logger.log(level: failuresLogged.contains(failure.failureKey) ? .debug : .error,
                       "lembar pemeriksaan tidak dapat diterapkan; dibiarkan di inbox",
                       metadata: ["berkas": "\(name)", "error": "\(failure.reason)"])
            continue
        }
        try DurableFiles.write(resultText(result, lines: lines, clock: clock), to: result.resultFile)
        var processed: Logger.Metadata = [
            "berkas": "\(name)", "uji": "\(result.testsRecorded)", "disetujui": "\(result.approved)",
            "dikembalikan": "\(result.returned)", "ditolak": "\(result.refused.count)",
        ]
        if result.completionsRecorded > 0 { processed["berita_acara_dilengkapi"] = "\(result.completionsRecorded)" }
        if result.ruleChangesApplied + result.ruleChangesKept > 0 {
            processed["aturan_baru_diterapkan"] = "\(result.ruleChangesApplied)"
            processed["klasifikasi_lama_dipertahankan"] = "\(result.ruleChangesKept)"
        }
        logger.info("lembar pemeriksaan diproses", metadata: processed)
        // What was not applied needs a person (the PPID re-enters or corrects it): a warning of
        // its own, which `dip run --quiet` shows too (`reviewNotAppliedEvent`).
        if result.notWhollyApplied {
            logger.warning("\(reviewNotAppliedEvent)", metadata: [
                "berkas": "\(name)", "dikenali": result.recognised ? "ya" : "tidak",
                "ditolak": "\(result.refused.count)", "masalah": "\(result.problems.count)",
                "hasil": "\(result.resultFile.path)",
            ])
        }
        if unlink(claimed.path) != 0 && errno != ENOENT {
            logger.warning("berkas inbox tidak dapat dihapus", metadata: ["path": "\(claimed.path)"])
        }
        summary.files.append(result)
    }
    return summary
}

/// Records tests first (a decision on the same row may follow), then decisions, and that the
/// workbook was applied: one register transaction (`AppDatabase.applyReviewWorkbook`).
/// Throws when the register cannot take it (nothing is recorded then).
func apply(
    _ decisions: ReviewDecisions, register: AppDatabase, clock: Clock,
    result: inout ReviewFileResult, lines: inout [String]
) throws {
    result.problems = decisions.problems
    lines += draftNote(decisions, register: register)
    let reviewerName = decisions.reviewer?.name
    let tests = decisions.tests.map { entry in
        WorkbookTest(itemID: entry.itemID, revision: entry.revision, test: entry.test,
                     enteredBy: reviewerName ?? entry.test.tester?.name ?? "lembar pemeriksaan",
                     location: "Sheet '\(entry.sheet)' baris \(entry.row)")
    }
    let rows = decisions.decisions.map { entry in
        WorkbookDecision(itemID: entry.itemID, revision: entry.revision, action: entry.action, note: entry.note,
                         location: "Sheet '\(entry.sheet)' baris \(entry.row)")
    }
    let choices = decisions.ruleChoices.map { entry in
        WorkbookRuleChoice(itemID: entry.itemID, revision: entry.revision, action: entry.action, note: entry.note,
                           location: "Sheet '\(entry.sheet)' baris \(entry.row)")
    }
    let completions = decisions.completions.map { entry in
        WorkbookCompletion(itemID: entry.itemID, revision: entry.revision, beritaAcaraNumber: entry.beritaAcaraNumber,
                           testedOn: entry.testedOn, place: entry.place, enteredBy: entry.enteredBy,
                           location: "Sheet '\(entry.sheet)' baris \(entry.row)", testID: entry.testID)
    }
    guard let applied = try register.applyReviewWorkbook(
        sha256: result.sha256, fileName: result.fileName, token: decisions.token, tests: tests,
        decisions: rows, ruleChoices: choices, completions: completions, reviewer: decisions.reviewer, at: clock.now)
    else {
        result.duplicate = true
        lines.append("Berkas yang sama persis sudah diterapkan; tidak ada yang dicatat ulang.")
        return
    }
    fill(&result, from: applied, decisions: decisions)
}

/// The result of a workbook a stopped run applied, as that run would have reported it.
func report(_ applied: ReviewWorkbookApplication, of decisions: ReviewDecisions, register: AppDatabase,
            result: inout ReviewFileResult, lines: inout [String]) {
    result.problems = decisions.problems
    lines += draftNote(decisions, register: register)
    fill(&result, from: applied, decisions: decisions)
}

func fill(_ result: inout ReviewFileResult, from applied: ReviewWorkbookApplication, decisions: ReviewDecisions) {
    result.testsRecorded = applied.testsRecorded
    result.approved = applied.approved
    result.returned = applied.returned
    result.ruleChangesApplied = applied.ruleChangesApplied
    result.ruleChangesKept = applied.ruleChangesKept
    result.completionsRecorded = applied.completionsRecorded
    result.refused = applied.refused
    let unsigned = decisions.decisions.count + decisions.ruleChoices.count
    if unsigned > 0 && decisions.reviewer == nil {
        result.refused.append(
            "\(unsigned) keputusan tidak dicatat: nama pemeriksa belum diisi di sheet "
                + "'\(ReviewFormat.instructionsSheet)' (\(ReviewFormat.reviewerNameLabel)).")
    }
}

/// Explains stale rows when the workbook was made for another draft than the current one.
func draftNote(_ decisions: ReviewDecisions, register: AppDatabase) -> [String] {
    guard let draft = decisions.draftVersion, case let current = (try? register.currentDraftNumber()) ?? nil,
          current != draft else { return [] }
    // Rows are checked per revision; the version only explains stale rows.
    return ["Catatan: lembar ini dibuat untuk rancangan DIP versi \(draft); "
        + (current.map { "rancangan terkini adalah versi \($0)." } ?? "saat ini tidak ada rancangan.")]
}

/// The PPID's notice for a workbook that does not carry a token dip issued.
func unissuedWorkbookNotice(_ name: String) -> String {
    "PERINGATAN untuk PPID: \(name) tidak membawa token lembar pemeriksaan yang diterbitkan dip untuk "
        + "workspace ini (dibuat sendiri, diubah, atau dari workspace lain). Tidak ada uji konsekuensi "
        + "atau keputusan yang diterapkan. Gunakan reports/review/pemeriksaan-dip.xlsx terbaru; bila berkas "
        + "ini bukan kiriman PPID, periksa siapa yang dapat menulis ke folder inbox/_ppid/."
}

func message(_ error: Error) -> String {
    (error as? RegisterError)?.message ?? "\(error)"
}

func resultText(_ r: ReviewFileResult, lines: [String], clock: Clock) -> String {
    var out = [
        "Hasil pemrosesan lembar pemeriksaan \(r.fileName)",
        "Diproses: \(clock.indonesianDate()) (\(clock.rfc3339()))",
        "SHA-256: \(r.sha256)",
        "",
    ]
    out += lines
    if r.recognised && !r.duplicate {
        out += [
            "Uji konsekuensi dicatat: \(r.testsRecorded)",
            "Informasi disetujui: \(r.approved)",
            "Informasi dikembalikan ke perangkat daerah: \(r.returned)",
            "Baris yang ditolak: \(r.refused.count)",
        ]
        if r.completionsRecorded > 0 {
            // Only when the sheet Lengkapi Berita Acara was filled: other results read as before.
            out.insert("Berita acara uji konsekuensi dilengkapi (nomor, tanggal, atau tempat uji): \(r.completionsRecorded)",
                       at: out.count - 1)
        }
        if r.ruleChangesApplied + r.ruleChangesKept > 0 {
            // Only when the sheet Aturan Baru was used: other results read as before.
            out.insert(contentsOf: [
                "Klasifikasi aturan baru diterapkan: \(r.ruleChangesApplied)",
                "Klasifikasi lama dipertahankan: \(r.ruleChangesKept)",
            ], at: out.count - 1)
        }
    }
    if !r.refused.isEmpty {
        out += ["", "Ditolak (tidak diterapkan):"] + r.refused.map { "- \($0)" }
    }
    if !r.problems.isEmpty {
        out += ["", "Sel yang tidak dapat dibaca (baris tersebut tidak diterapkan):"]
        out += r.problems.map { "- \($0.locationText): \($0.message) \($0.hint)" }
    }
    return out.joined(separator: "\n") + "\n"
}
