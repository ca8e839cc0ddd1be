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
    /// Rows the register refused (stale revision, withdrawn item, missing legal basis…),
    /// each an Indonesian sentence naming sheet and row.
    public var refused: [String]
    /// Cells that could not be read.
    public var problems: [Problem]
    /// `reports/review/hasil-<file>.txt`.
    public var resultFile: URL
}

/// What the review-decisions stage did in one run.
public struct ReviewDecisionsSummary: Hashable, Sendable {
    public var files: [ReviewFileResult]
    /// Files left in `inbox/_ppid/` because a spreadsheet program still has them open.
    public var skipped: [String]

    /// Whether any decision or test reached the register (a new draft may be due).
    public var changedRegister: Bool {
        files.contains { $0.testsRecorded + $0.approved + $0.returned > 0 }
    }
}

/// Takes each review workbook in `inbox/_ppid/`: archives it (as unit "_ppid"), records its
/// consequence tests and decisions in the register (a row about a revision that is no longer
/// current is refused, never applied), writes `reports/review/hasil-<file>.txt` in
/// Indonesian and removes the inbox file.
public func applyReviewWorkbooks(
    workspace: Workspace, register: AppDatabase, clock: Clock, logger: Logger
) throws -> ReviewDecisionsSummary {
    let folder = workspace.inbox.appendingPathComponent("_ppid", isDirectory: true)
    var summary = ReviewDecisionsSummary(files: [], skipped: [])
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return summary }
    let archive = OriginalsArchive(workspace: workspace)
    let receivedAt = clock.rfc3339()
    let reportDir = workspace.reports.appendingPathComponent("review", isDirectory: true)
    for name in names.sorted() {
        let url = folder.appendingPathComponent(name)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue,
              !Intake.isIgnorable(fileName: name)
        else { continue }
        // Excel and LibreOffice keep a lock file next to a workbook that is open.
        if names.contains("~$" + name) || names.contains(".~lock.\(name)#") {
            summary.skipped.append(name)
            logger.info("lembar pemeriksaan masih dibuka, dilewati", metadata: ["berkas": "\(name)"])
            continue
        }
        let stored: OriginalsArchive.Stored
        do {
            stored = try archive.store(url, unit: "_ppid", receivedAt: receivedAt)
        } catch {
            logger.error("gagal mengarsipkan lembar pemeriksaan", metadata: ["path": "\(url.path)", "error": "\(error)"])
            continue
        }
        let base = (name as NSString).deletingPathExtension
        var result = ReviewFileResult(
            fileName: name, sha256: stored.sha256, recognised: false, duplicate: stored.seenBefore,
            testsRecorded: 0, approved: 0, returned: 0, refused: [], problems: [],
            resultFile: reportDir.appendingPathComponent("hasil-\(base).txt"))
        var lines: [String] = []
        if stored.seenBefore {
            result.recognised = true
            lines.append("Berkas yang sama persis sudah pernah diproses; tidak ada yang dicatat ulang.")
        } else {
            do {
                let decisions = try ReviewWorkbookReader.read(path: stored.path.path)
                result.recognised = true
                apply(decisions, register: register, clock: clock, result: &result, lines: &lines)
            } catch let error as ReviewWorkbookError {
                lines.append(error.description)
            }
        }
        try DurableFiles.write(resultText(result, lines: lines, clock: clock), to: result.resultFile)
        logger.info("lembar pemeriksaan diproses", metadata: [
            "berkas": "\(name)", "uji": "\(result.testsRecorded)", "disetujui": "\(result.approved)",
            "dikembalikan": "\(result.returned)", "ditolak": "\(result.refused.count)",
        ])
        if unlink(url.path) != 0 && errno != ENOENT {
            logger.warning("berkas inbox tidak dapat dihapus", metadata: ["path": "\(url.path)"])
        }
        summary.files.append(result)
    }
    return summary
}

/// Records tests first (a decision on the same row may follow), then decisions.
func apply(
    _ decisions: ReviewDecisions, register: AppDatabase, clock: Clock,
    result: inout ReviewFileResult, lines: inout [String]
) {
    result.problems = decisions.problems
    if let draft = decisions.draftVersion, case let current = (try? register.currentDraft()) ?? nil, current?.number != draft {
        // Rows are checked per revision below; the version only explains stale rows.
        lines.append("Catatan: lembar ini dibuat untuk rancangan DIP versi \(draft); "
            + (current.map { "rancangan terkini adalah versi \($0.number)." } ?? "saat ini tidak ada rancangan."))
    }
    let reviewerName = decisions.reviewer?.name
    for entry in decisions.tests {
        let by = reviewerName ?? entry.test.tester?.name ?? "lembar pemeriksaan"
        do {
            try register.recordConsequenceTest(
                itemID: entry.itemID, revision: entry.revision, test: entry.test, enteredBy: by,
                source: .workbook, at: clock.now)
            result.testsRecorded += 1
        } catch {
            result.refused.append("Sheet '\(entry.sheet)' baris \(entry.row) (\(entry.itemID)): \(message(error))")
        }
    }
    if !decisions.decisions.isEmpty && decisions.reviewer == nil {
        result.refused.append(
            "\(decisions.decisions.count) keputusan tidak dicatat: nama pemeriksa belum diisi di sheet "
                + "'\(ReviewFormat.instructionsSheet)' (\(ReviewFormat.reviewerNameLabel)).")
        return
    }
    for entry in decisions.decisions {
        guard let reviewer = decisions.reviewer else { break }
        do {
            try register.recordDecision(
                itemID: entry.itemID, revision: entry.revision, action: entry.action, note: entry.note,
                by: reviewer, at: clock.now, source: .workbook)
            if entry.action == .approve { result.approved += 1 } else { result.returned += 1 }
        } catch {
            result.refused.append("Sheet '\(entry.sheet)' baris \(entry.row) (\(entry.itemID)): \(message(error))")
        }
    }
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
