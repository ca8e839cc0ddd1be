import Crypto
import DIPCore
import Foundation
import Logging
import Publish
import Register
import Rules

/// Why a publication was stopped.
public enum PublishError: Error, CustomStringConvertible {
    /// `archive/paket/` already holds a package of this number that is not this version's.
    case foreignPackage(path: String, version: Int)

    public var description: String {
        switch self {
        case .foreignPackage(let path, let version):
            return "Paket arsip \(path) sudah ada tetapi bukan paket versi \(version) yang akan diterbitkan "
                + "(nomor keputusan atau isi register berbeda). Paket tidak ditimpa dan versi ini tidak diterbitkan: "
                + "register kemungkinan dipulihkan dari cadangan lama; pulihkan archive/register.sqlite dari cadangan terbaru."
        }
    }
}

/// The generating stages of a run: documents for the current draft, and publication of an
/// approved version (archive package, website, then the register's mark).
///
/// Generators only read the register. Each output is written under a temporary name and
/// renamed; a folder of documents is built aside and swapped in whole.
public struct PublishStage {
    /// The decision already taken on an item, as the review pack's "Keputusan Tercatat" says it.
    /// One full stop after a name that ends with its degree's ("… oleh Dra. Hj. Rina Marlina,
    /// M.Si.", not "M.Si..", read in the session 24 walk).
    static func standingText(_ d: StandingDecision, clock: Clock) -> String {
        switch d.action {
        case .approve:
            return "Disetujui \(clock.indonesianDate(d.at)) oleh \(d.by)" + (d.by.hasSuffix(".") ? "" : ".")
        case .return:
            return "DIKEMBALIKAN \(clock.indonesianDate(d.at)) oleh \(d.by): \(d.note) — menunggu perbaikan dari perangkat daerah."
        }
    }

    public var workspace: Workspace
    public var config: Configuration
    public var register: AppDatabase
    public var clock: Clock
    public var logger: Logger
    /// Up to this many current items the draft stage keeps every current revision and the
    /// draft whole for the later stages; above it they read in chunks (`RunOptions.keptRevisionsLimit`).
    public var keptRevisionsLimit = RunOptions.defaultKeptRevisionsLimit
    /// Up to this many current items (nine tenths of `keptRevisionsLimit`: 18,000 by default,
    /// a regency of 60 × 300) the run's second thread makes documents beside the review pack
    /// (`WorkLane`); above it everything is made on one thread. Both threads' working sets
    /// add up: at 66 × 300 (19,800 items, the revisions still kept whole) an update peaked at
    /// 151 MB with the second thread against 129 MB without; at 60 × 300, 143–146 MB.
    var secondThreadItemLimit: Int { keptRevisionsLimit - keptRevisionsLimit / 10 }

    public init(workspace: Workspace, config: Configuration, register: AppDatabase, clock: Clock, logger: Logger) {
        self.workspace = workspace
        self.config = config
        self.register = register
        self.clock = clock
        self.logger = logger
        settingsKey = Self.settingsKey(workspace.rules)
    }

    /// `settingsKey(_:)` of the workspace's `rules/`, read once: the draft and review stamps
    /// each carry it, and a run reads them up to four times.
    let settingsKey: String

    /// How legal bases are cited: from the rules' `dasar_hukum`.
    var citations: LegalCitations { config.citations }

    /// Folder of the documents for the current draft.
    public var draftFolder: URL { workspace.reports.appendingPathComponent("draf", isDirectory: true) }
    /// Folder of the website output for the last published version.
    public var websiteFolder: URL { workspace.reports.appendingPathComponent("situs", isDirectory: true) }
    /// Folder of the archive packages.
    public var packagesFolder: URL { workspace.packages }

    /// Makes a new draft when the register's current items differ from the last version,
    /// and (re)writes the draft documents when they are missing or stale.
    /// - Returns: the current draft's number, if there is a draft.
    @discardableResult
    public func updateDraft() throws -> Int? {
        let plan = try planDraft()
        return try finishDraft(plan, rendered: try plan.work.map { try renderDraft($0) })
    }

    /// What `planDraft` found: the current draft, and its documents to make and write when they
    /// are missing or stale (`renderDraft`, then `finishDraft`).
    public struct DraftPlan {
        /// The current draft's number, if there is a draft.
        public var number: Int?
        /// The documents to make; nil when they are in place (or no draft waits).
        var work: DraftWork?
        /// Nothing recorded since the last pass and the documents in place: no stamp to write.
        var warm = false
        /// The register's current items, when counted (not on the warm path).
        var currentItems: Int?
    }

    /// A draft whose documents are to be made: the values `renderDraft` reads.
    struct DraftWork: @unchecked Sendable {
        var number: Int
        /// The draft whole (a register up to `keptRevisionsLimit` items), else its outline.
        var draft: DIPVersion?
        var outline: VersionOutline?
        /// `VERSI.txt`'s text.
        var marker: String
    }

    /// The draft's documents made, and their log lines (written by `finishDraft`).
    struct RenderedDraft {
        var files: [(name: String, data: Data)]
        var log: BufferedLog
    }

    /// The register's part of `updateDraft`: a new draft version when the current items
    /// differ from the last one, and what its documents need. Runs on the run's thread.
    func planDraft() throws -> DraftPlan {
        // Warm path: nothing recorded since the last pass and the documents are in place.
        let stampBefore = try draftStamp()
        let saved = (try? String(contentsOf: draftStampFile, encoding: .utf8)).flatMap(Self.parseStamp)
        if let (number, stamp) = saved, stamp == stampBefore {
            let marker = (try? String(contentsOf: draftFolder.appendingPathComponent("VERSI.txt"), encoding: .utf8))
            if number == nil || marker == "draf-v\(number!)\n" { return DraftPlan(number: number, warm: true) }
        }
        // A register of up to `keptRevisionsLimit` current items: every current revision is
        // read once here and kept; the new draft is built from it (and kept for the review
        // pack), and the templates read it. A larger one is read a chunk at a time by each
        // stage (the decree here, the review pack's tables, the templates): same bytes, one
        // read per reader instead of one for all, and memory that does not grow with it.
        let currentItems = try register.currentItemCount()
        let keep = currentItems <= keptRevisionsLimit
        if keep { try register.keepCurrentContent() }
        let made = try register.makeDraftNumber(clock: clock)
        // A new draft is the current one (it supersedes older drafts).
        guard let number = try made ?? register.currentDraftNumber() else {
            // No draft waits. A run stopped between the register's `published` mark and the
            // draft folder's note left the published draft's documents there: finish that.
            try retireDraftFolderIfPublished()
            return DraftPlan(number: nil, currentItems: currentItems)
        }
        let marker = draftFolder.appendingPathComponent("VERSI.txt")
        let stamp = "draf-v\(number)\n"
        // In place: this draft's documents, made with the settings files as they are now (a
        // corrected `keputusan.json` or citation makes them again, as a new revision does).
        let settingsAsBefore = saved.map { $0.1.hasSuffix(" berkas=" + settingsKey) } ?? false
        let inPlace = (try? String(contentsOf: marker, encoding: .utf8)) == stamp && settingsAsBefore
        if made == nil && inPlace { return DraftPlan(number: number, currentItems: currentItems) }
        let draft = keep ? try register.version(number: number) : nil
        let outline = keep ? nil : try register.versionOutline(number: number)
        if made != nil {
            logger.info("draf DIP baru", metadata: ["versi": "\(number)"].merging(Self.decreeCounts(
                open: draft?.items.count ?? outline?.open.count ?? 0,
                exempted: draft?.exempted.map { $0.consequenceTest?.conclusion } ?? outline?.exempted.map(\.conclusion) ?? [])
            ) { a, _ in a })
        }
        if inPlace { return DraftPlan(number: number, currentItems: currentItems) }
        return DraftPlan(number: number, work: DraftWork(number: number, draft: draft, outline: outline, marker: stamp),
                         currentItems: currentItems)
    }

    /// The counts the decrees state, for the log lines of a new draft and a publication:
    /// `informasi` is the DIP decree's (its Lampiran holds the open parts of items exempted in
    /// part too, as `dip status`, `dip approve` and the website count; the log said one fewer
    /// for each), `dikecualikan` the DIK decree's.
    static func decreeCounts(open: Int, exempted: [ConsequenceConclusion?]) -> Logger.Metadata {
        let partial = exempted.filter { $0 == .exemptPart }.count
        return ["informasi": "\(open + partial)", "dikecualikan": "\(exempted.count)"]
    }

    /// Makes the draft's documents (`planDraft`'s work). Reads only `work` and the decree's
    /// kept rows (its own cache) when the draft is held whole, so it may run on a second
    /// thread (`WorkLane`); its log lines are kept for `finishDraft`.
    func renderDraft(_ work: DraftWork) throws -> RenderedDraft {
        let log = BufferedLog()
        let files = try work.draft.map { try decreeDocuments($0, prefix: "draf-", log: log) }
            ?? streamedDraftDocuments(work.outline!, log: log)
        return RenderedDraft(files: files, log: log)
    }

    /// Writes the documents `renderDraft` made (the draft folder replaced whole), then the
    /// stamp: a crash before it just means the next run takes the full path.
    /// - Returns: the current draft's number, if there is a draft.
    /// - Parameter alongside: the documents were made on a second thread while the review pack
    ///   was (said in the log line, for the IT officer).
    func finishDraft(_ plan: DraftPlan, rendered: RenderedDraft?, alongside: Bool = false) throws -> Int? {
        if let work = plan.work, let rendered {
            rendered.log.replay(into: logger)
            var files = rendered.files
            files.append((name: "VERSI.txt", data: Data(work.marker.utf8)))
            try replaceFolder(draftFolder, with: files)
            var metadata: Logger.Metadata = [
                "versi": "\(work.number)", "folder": "\(draftFolder.path)",
                "pembacaan": work.draft != nil ? "sekaligus" : "bertahap"]
            if alongside { metadata["bersamaan"] = "pemeriksaan" }
            logger.info("dokumen draf ditulis", metadata: metadata)
        }
        if !plan.warm { try stampDraft(plan.number) }
        return plan.number
    }

    var draftStampFile: URL { workspace.archive.appendingPathComponent(".draf-stamp") }

    /// Records that the draft documents of `number` match the register as it is now. Also
    /// called after a publication (which changes no draft document), so the stamp is the
    /// same whether or not the run was stopped in between.
    func stampDraft(_ number: Int?) throws {
        try DurableFiles.write("\(number.map(String.init) ?? "-")\n\(try draftStamp())\n", to: draftStampFile)
    }

    /// The draft stamp's second line: the register's change stamp and the settings files' key.
    func draftStamp() throws -> String {
        try register.changeStamp() + " berkas=" + settingsKey
    }

    /// A key of every file under `rules/` (its name and bytes). The draft decrees and the review
    /// pack print what these files say — the decree's Menimbang, Mengingat and officials
    /// (`keputusan.json`), the grounds' `dasar_hukum`, the units' names — so a file the PPID
    /// corrected must make them again although the register did not change (they kept the old
    /// wording until the next list came in). Not the dip build: a stamp must read the same
    /// whichever build wrote it, as the crash and determinism checks compare `archive/`.
    static func settingsKey(_ folder: URL) -> String {
        var hasher = SHA256()
        let base = folder.standardizedFileURL.path
        let files = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL } ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map { (name: String($0.standardizedFileURL.path.dropFirst(base.count)), url: $0) }
            .sorted { $0.name < $1.name }
        for file in files {
            let data = (try? Data(contentsOf: file.url)) ?? Data()
            hasher.update(data: Data("\(file.name)\u{0}\(data.count)\u{0}".utf8))
            hasher.update(data: data)
        }
        return PartKeys.hex(hasher.finalize())
    }

    static func parseStamp(_ text: String) -> (Int?, String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2 else { return nil }
        return (Int(lines[0]), String(lines[1]))
    }

    /// What `publishApproved` did with the approved version waiting for publication.
    public enum Publication: Equatable, Sendable {
        /// Published: archive package, website and the register's mark.
        case published(version: Int)
        /// Not published yet: its decree date is a later day than the run's.
        case awaitsDecreeDate(version: Int, date: Date)
    }

    /// Publishes the newest approved version, if one waits: its archive package (never
    /// overwritten), the website, then the register's `published` mark (last, so a crash
    /// before it simply repeats the identical, deterministic work).
    /// - Returns: the version published, or the one waiting for its decree date; nil when no
    ///   approved version waits.
    /// Whether `publishApproved` would publish a version now (one approved, its decree date
    /// reached): a run that publishes writes its review pack after the publication.
    func publicationDue() throws -> Bool {
        guard let header = try register.awaitingPublicationHeader() else { return false }
        if let date = header.decreeDate, IndonesianDate.isLaterDay(date, than: clock.now) { return false }
        return true
    }

    @discardableResult
    public func publishApproved() throws -> Publication? {
        // The header alone first: while a version waits for its decree date every run comes
        // here, and reading the whole version (twice, before) cost a regency's warm run a few
        // tenths of a second instead of hundredths (issue 19).
        guard let header = try register.awaitingPublicationHeader() else { return nil }
        // The decrees say "mulai berlaku pada tanggal ditetapkan" (and revoke the previous ones
        // from then): published before that day, the website and feeds would announce as set a
        // list not yet in force, in place of the one that still is. The first run on or after
        // the decree date publishes it.
        if let date = header.decreeDate, IndonesianDate.isLaterDay(date, than: clock.now) {
            logger.info("menunggu tanggal keputusan", metadata: [
                "versi": "\(header.number)", "tanggal_keputusan": "\(clock.isoDate(date))"])
            return .awaitsDecreeDate(version: header.number, date: date)
        }
        let version = try register.version(number: header.number)
        let history = try publishedHistory(before: version.number)
        let terms = try register.exemptionTerms(version: version.number)
        let website = try WebsiteWriter.render(version: version, history: history, settings: config.website,
                                              citations: citations, clock: clock, exemptionTerms: terms,
                                              publishedWhole: try publishedWhole())
        let documents = try decreeDocuments(version, prefix: "")
        var payload: [ArchivePayload] = documents.map { ArchivePayload.bytes("keputusan/" + $0.name, $0.data) }
        payload += website.keys.sorted().map { ArchivePayload.bytes("situs/" + $0, website[$0]!) }
        for source in try register.sourceSubmissions(version: version.number) {
            let url = workspace.root.appendingPathComponent(source.archivedPath)
            payload.append(.file("usulan/\(source.unit)/\(ArchivePayload.safeName(source.fileName))", url))
        }
        let rows = try register.exportRows(version: version.number)
        payload.append(.bytes("register/dip-v\(version.number).csv", Data(RegisterExport.csv(rows).utf8)))
        payload.append(.bytes("register/dip-v\(version.number).json", try RegisterExport.json(rows)))
        // The full record of every consequence test the version rests on (not only its conclusion).
        payload.append(.bytes("register/uji-konsekuensi-v\(version.number).json", try Self.testRecords(version)))
        // Who approved the decrees, and what the approval overrode (`--force-unreviewed`,
        // `--force-ended-exemptions`): kept with the decrees it let be signed.
        payload.append(.bytes("register/persetujuan-v\(version.number).json",
                              try Self.approvalRecords(try register.approvalHistory(version: version.number))))

        let packageURL = packagesFolder.appendingPathComponent(ArchivePackager.packageName(forVersion: version.number) + ".zip")
        if FileManager.default.fileExists(atPath: packageURL.path) {
            // Only this version's own package (left by a run stopped before the register's
            // mark) is taken: same decree number, same register export in its manifest.
            let registerCSV = Data(RegisterExport.csv(rows).utf8)
            guard Self.isPackage(packageURL, of: version, registerCSV: registerCSV) else {
                throw PublishError.foreignPackage(path: packageURL.path, version: version.number)
            }
            logger.info("paket arsip sudah ada", metadata: ["paket": "\(packageURL.path)"])
        } else {
            try DurableFiles.createDirectory(packagesFolder)
            try ArchivePackager(settings: config.archive).package(version: version, payload: payload, clock: clock, into: packagesFolder)
            logger.info("paket arsip dibuat", metadata: ["paket": "\(packageURL.path)"])
        }
        try replaceFolder(websiteFolder, with: website.keys.sorted().map { (name: $0, data: website[$0]!) })
        try writeWebsiteStamp(Self.websiteStamp(version: version.number, terms: terms, decreeDate: version.decreeDate,
                                                clock: clock))
        let published = workspace.reports.appendingPathComponent("terbit/v\(version.number)", isDirectory: true)
        try replaceFolder(published, with: documents)
        try register.publish(version: version.number, at: clock.now)
        // The draft just published is no longer a draft waiting for approval: its folder says
        // so (a newer draft, made later, replaces the folder as usual).
        try retireDraftFolder(showing: version, publishedAt: clock.now)
        logger.info("DIP diterbitkan", metadata: ["versi": "\(version.number)"].merging(Self.decreeCounts(
            open: version.items.count, exempted: version.exempted.map { $0.consequenceTest?.conclusion })) { a, _ in a })
        return .published(version: version.number)
    }

    /// Where the website's stamp is kept: the published version and the exempted titles whose
    /// period had ended when the page was written. In `archive/.cache/`: lost, the next run
    /// writes the website once more.
    var websiteStampFile: URL {
        workspace.archive.appendingPathComponent(".cache/situs/pengecualian-berakhir.txt")
    }

    private func writeWebsiteStamp(_ stamp: String) throws {
        try DurableFiles.createDirectory(websiteStampFile.deletingLastPathComponent())
        try DurableFiles.write(stamp, to: websiteStampFile)
    }

    /// The website stamp: the version and the exemptions (id#revision) whose period has ended by
    /// `clock`'s WIB day, counted from the decree that set each (`decidedOn`, else `decreeDate`,
    /// the decree being published).
    static func websiteStamp(version: Int, terms: [ExemptionTerm], decreeDate: Date?, clock: Clock) -> String {
        let today = IndonesianDate.startOfDay(clock.now)
        let ended = terms.compactMap { t -> String? in
            guard let end = ExemptionPeriods.endDay(of: t.period, setOn: t.decidedOn ?? decreeDate), end <= today
            else { return nil }
            return "\(t.itemID)#\(t.revision)"
        }.sorted()
        return "v\(version) " + ended.joined(separator: ",") + "\n"
    }

    /// Writes the website of the version in force again when one of its exempted titles' period
    /// has ended since the page was written: the page then says so, with the day it ended (a page
    /// written at publication kept listing it as withheld, with no end in sight, until the next
    /// decree). Cheap when nothing changed: the exemptions' terms only (a regency's few), no item.
    /// - Returns: whether the website was written.
    @discardableResult
    public func refreshWebsite() throws -> Bool {
        guard config.website.listExemptedTitles, let number = try register.publishedVersionNumbers().last else { return false }
        let terms = try register.exemptionTerms(version: number)
        let stamp = Self.websiteStamp(version: number, terms: terms, decreeDate: nil, clock: clock)
        let old = try? String(contentsOf: websiteStampFile, encoding: .utf8)
        if old == stamp { return false }
        // No stamp (a workspace published before it existed, or the cache deleted): written
        // again only when an exemption has ended, else the stamp alone is recorded.
        if old == nil, stamp == "v\(number) \n" {
            try writeWebsiteStamp(stamp)
            return false
        }
        let version = try register.version(number: number)
        let website = try WebsiteWriter.render(version: version, history: try publishedHistory(before: number),
                                              settings: config.website, citations: citations, clock: clock,
                                              exemptionTerms: terms, publishedWhole: try publishedWhole())
        try replaceFolder(websiteFolder, with: website.keys.sorted().map { (name: $0, data: website[$0]!) })
        try writeWebsiteStamp(stamp)
        logger.info("situs ditulis ulang: jangka waktu pengecualian berakhir", metadata: [
            "versi": "\(number)", "informasi": "\(stamp.dropFirst("v\(number) ".count).trimmingCharacters(in: .whitespacesAndNewlines))"])
        return true
    }

    /// Replaces the draft folder with a note when it still holds the documents of `version`,
    /// which is now published. The note is dated by the publication, so the run that
    /// publishes and a run finishing a stopped one write the same bytes.
    func retireDraftFolder(showing version: DIPVersion, publishedAt: Date) throws {
        guard draftFolderVersion() == version.number else { return }
        let note = """
            Tidak ada draf yang menunggu persetujuan.
            Draf versi \(version.number) sudah diterbitkan sebagai keputusan nomor \(version.decreeNumber ?? "-") \
            pada \(clock.indonesianDate(publishedAt)); dokumennya ada di reports/terbit/v\(version.number)/.
            Draf baru dibuat di folder ini bila ada perubahan daftar berikutnya.

            """
        try replaceFolder(draftFolder, with: [(name: "BACA-INI.txt", data: Data(note.utf8))])
    }

    /// The draft folder's documents belong to a version that is published (the run that
    /// published it was stopped before writing the note): writes the note.
    func retireDraftFolderIfPublished() throws {
        guard let number = draftFolderVersion(),
              let publishedAt = try register.publicationDate(version: number) else { return }
        try retireDraftFolder(showing: try register.version(number: number), publishedAt: publishedAt)
    }

    /// The version whose documents the draft folder holds (its `VERSI.txt` reads "draf-vN").
    func draftFolderVersion() -> Int? {
        guard let text = try? String(contentsOf: draftFolder.appendingPathComponent("VERSI.txt"), encoding: .utf8),
              text.hasPrefix("draf-v"), text.hasSuffix("\n") else { return nil }
        return Int(text.dropFirst("draf-v".count).dropLast())
    }

    /// Whether the package at `url` is `version`'s: its bag-info names the version and its
    /// decree number, and its SHA-256 manifest lists exactly this register export.
    static func isPackage(_ url: URL, of version: DIPVersion, registerCSV: Data) -> Bool {
        guard let info = ArchiveVerifier.tagFile("bag-info.txt", package: url),
              let manifest = ArchiveVerifier.tagFile("manifest-sha256.txt", package: url) else { return false }
        let identifier = ArchivePackager.externalIdentifier(forVersion: version.number)
        guard info.split(whereSeparator: \.isNewline).contains(where: { $0 == "External-Identifier: \(identifier)" })
        else { return false }
        // Tag lines are folded at 79 characters: compare word by word.
        func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        if let decree = version.decreeNumber, !words(info).contains(words("Keputusan Nomor \(decree):"))
            && !words(info).contains(words("Keputusan Nomor \(decree) tanggal")) { return false }
        let digest = SHA256.hash(data: registerCSV).map { String(format: "%02x", $0) }.joined()
        let path = "data/register/dip-v\(version.number).csv"
        return manifest.split(whereSeparator: \.isNewline).contains { line in
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            return parts.count == 2 && parts[0] == digest && parts[1].trimmingCharacters(in: .whitespaces) == path
        }
    }

    /// Writes the review pack (workbook + page) and the consequence-test forms per unit.
    /// Skipped when the register has not changed since the pack was written and the files
    /// exist (the warm run does no work); the stamp is written last, so a crash in between
    /// only means the next run writes the pack again.
    public func writeReviewPack() throws {
        try writeReviewPack(lane: WorkLane(threads: 1), beforeCommit: {})
    }

    /// `writeReviewPack`, the consequence-test forms made on `lane` while the workbook and the
    /// page are; `beforeCommit` is called once every file of the pack is made under its
    /// temporary name and before the first is renamed into place (or when the pack is
    /// current): the run commits the draft there, made meanwhile on `lane`, so the renames
    /// come in the order of a run on one thread.
    func writeReviewPack(lane: WorkLane, beforeCommit: () throws -> Void) throws {
        let workbookURL = workspace.review.appendingPathComponent("pemeriksaan-dip.xlsx")
        let stampFile = workspace.archive.appendingPathComponent(".review-stamp")
        // The pack lists the held lists too: a hold, release, refusal or superseding rewrites
        // it. Left out when none waits, so a register without holds keeps its stamp.
        let held = try register.pendingHolds()
        // Exemption periods end with the clock, not with the register: while one has ended or
        // ends soon the pack is made again each day (its "telah berakhir N hari" changes). A
        // period dip cannot date ("selama berlaku", common) reads the same every day: its ids
        // alone, or such a register would have its pack, and its review token, made anew daily.
        // Left out when none is listed, so such a register keeps its stamp.
        let notices = try exemptionNotices()
        // Items the rules in force would classify differently, waiting for the PPID: a pass or a
        // choice rewrites the pack (a new revision or withdrawal is in `changeStamp`). Left out
        // while the newest pass changed nothing, so such a register keeps its stamp.
        let ruleChangesStamp = try register.pendingRuleChangesStamp()
        let stamp = try register.changeStamp()
            + (held.isEmpty ? "" : " held=" + held.map { String($0.id) }.joined(separator: ","))
            + (ruleChangesStamp.map { " aturan=" + $0 } ?? "")
            + Self.exemptionStamp(notices, clock: clock)
            + " berkas=" + settingsKey
            + "\n"
        if FileManager.default.fileExists(atPath: workbookURL.path),
           (try? String(contentsOf: stampFile, encoding: .utf8)) == stamp {
            try beforeCommit()
            return
        }
        // The draft's items are read a chunk at a time while the tables are written (a
        // regency's draft held whole was most of the review pack's memory).
        let draft = try register.currentDraftReader()
        // Exemptions whose period has ended or ends within the window are asked for again on the
        // test sheet and the units' blank forms (with why), so the Tim can test them again there;
        // periods dip cannot date stay on the periods sheet only (they would be asked every run).
        let firstTests = try register.pendingConsequenceTests()
        let waiting = Set(firstTests.map(\.itemID))
        let pending = firstTests + (try register.retests(notices.filter { n in
            switch n.standing {
            case .ended, .ending: return !waiting.contains(n.term.itemID)
            default: return false
            }
        }, reason: { Self.retestReason($0, clock: clock) }))
        // The forms need only the pending tests (and their own kept bodies): made meanwhile,
        // up to `secondThreadItemLimit` draft items; above it on this thread after the
        // workbook, as always (both at once took 8 MB more of a 4× update's peak).
        let formsLane = (draft?.slots.count ?? 0) > secondThreadItemLimit ? WorkLane(threads: 1) : lane
        let formsTask = formsLane.start { [self] in
            try ConsequenceTestForm.documentsPerUnit(pending: pending, settings: config.decree, citations: citations,
                                                     clock: clock, kept: keptFormBodies(pending))
        }
        // Never left running past this function, whatever it throws.
        defer { formsTask.settle() }
        // Since the last decree; before the first, since the draft before this one (an
        // update's changes), or nothing when this is the first draft (docs/review.md).
        let changes = try register.reviewDiff(draft: draft?.header.number)
        let diff = changes?.diff ?? VersionDiff(from: nil, to: nil, added: [], changed: [], reclassified: [], withdrawn: [])
        var problemsByUnit: [String: [Problem]] = [:]
        for unit in config.units.units {
            let problems = try register.lastProblems(unit: unit.code)
            if !problems.isEmpty { problemsByUnit[unit.code] = problems }
        }
        // The configured units' current items counted as they are read, never held (a unit
        // listed twice counts twice, as it always did).
        var listed: [String: Int] = [:]
        for unit in config.units.units { listed[unit.code, default: 0] += 1 }
        var tally = Completeness(ruleSet: config.ruleSet).tally()
        try register.forEachCurrentClassification { unit, classification in
            for _ in 0..<(listed[unit] ?? 0) { tally.add(unit: unit, classification: classification) }
        }
        let completeness = tally.report()
        let token = try reviewToken(draft: draft?.header.number, stamp: stamp)
        var input = ReviewInput(draft: draft?.header, pending: pending, diff: diff, problemsByUnit: problemsByUnit,
                                completeness: completeness, units: config.units.units, token: token,
                                citations: citations)
        // What the PPID already decided, and the returned items waiting for their unit.
        for (id, d) in try register.standingDecisions() { input.standing[id] = Self.standingText(d, clock: clock) }
        input.changesBase = changes.map { $0.sinceDecree ? .lastDecree : .previousDraft } ?? .firstDraft
        input.held = held
        if ruleChangesStamp != nil { input.ruleChanges = try register.pendingRuleChanges() }
        input.incompleteRecords = try register.incompleteRecords()
        input.exemptionNotices = notices
        input.exemptionNoticeDays = config.decree.exemptionNoticeDays
        input.returned = Self.returnedRows(try register.returnedItems(), clock: clock)
        if let draft { input.categoryItems = Self.categoryItems(draft, returned: input.returned) }
        // The category rows' explanation cells are kept per unit between runs (`KeptExplanationFiles`)
        // while the draft is held whole. Their frame: the rules' citations, the register (a
        // revision's number and time name its texts only within one register) and the dip build
        // (`PartKeys.key`).
        // Without a draft (after a publication) there is no category row: the cells stay for the
        // next draft, which holds most of the same revisions.
        let explanations = draft != nil && (draft?.slots.count ?? 0) <= secondThreadItemLimit
            ? KeptExplanationFiles(parts: KeptParts(workspace: workspace, kind: "pemeriksaan-penjelasan"),
                                   frame: PartKeys.key(["pemeriksaan-penjelasan", try reviewSecret()] + citations.fingerprint))
            : nil
        input.keptExplanations = explanations?.explanations
        let pack = ReviewPack(input)
        // The page's rows are kept between runs (archive/.cache/pemeriksaan/): after an
        // update only the changed units' rows are rendered. The page is written while the
        // workbook is made, from the same rows (each made once).
        let pageURL = workspace.review.appendingPathComponent("index.html")
        let pageRows = KeptPageIndex(url: KeptParts(workspace: workspace, kind: "pemeriksaan").url("halaman.index"),
                                     page: pageURL, frame: PartKeys.key(["pemeriksaan-halaman"]))
        // The workbook is zipped straight into a temporary file (a regency's, zipped in memory
        // and copied out, was 20 MB of the run's peak at 4×), made durable and renamed last.
        let workbookTemporary = DurableFiles.temporaryURL(for: workbookURL)
        do {
            try DurableFiles.write(to: pageURL, streamingBytes: { emit in
                try pack.write(clock: clock, kept: ReviewKeptRows(page: pageRows.rows), workbookTo: workbookTemporary) { piece in
                    pageRows.advance(piece.count)
                    try emit(piece)
                }
                // Before the page is renamed into place: the pack's first rename.
                try beforeCommit()
            })
            try pageRows.finish()
            try DurableFiles.adopt(workbookTemporary, as: workbookURL)
        } catch {
            unlink(workbookTemporary.path)
            throw error
        }
        logger.info("halaman pemeriksaan", metadata: [
            "baris_dipakai_ulang": "\(pageRows.reused)", "baris_dibuat": "\(pageRows.rendered)"])
        if let explanations {
            try explanations.finish()
            logger.info("penjelasan pemeriksaan", metadata: [
                "penjelasan_dipakai_ulang": "\(explanations.reused)", "penjelasan_dibuat": "\(explanations.rendered)"])
        }
        let forms = try formsTask.wait()
        try replaceFolder(workspace.reports.appendingPathComponent("uji-konsekuensi", isDirectory: true),
                          with: forms.map { (name: $0.fileName, data: Data($0.bytes)) })
        try DurableFiles.write(stamp, to: stampFile)
        logger.info("paket pemeriksaan ditulis", metadata: ["folder": "\(workspace.review.path)", "uji": "\(pending.count)"])
    }

    /// The exemptions of the newest version (the next decree's, or those in force when nothing
    /// newer waits) whose period has ended by the run's clock, ends within keputusan.json's
    /// notice window, or cannot be counted (`ExemptionPeriods.notices`).
    public func exemptionNotices() throws -> [ExemptionNotice] {
        guard let newest = try register.newestVersionNumber() else { return [] }
        return ExemptionPeriods.notices(try register.exemptionTerms(version: newest), today: clock.now,
                                        noticeDays: config.decree.exemptionNoticeDays)
    }

    /// The review stamp's part for exemption notices: their items, and the WIB day when one of
    /// them has ended or ends within the window (its count of days changes daily); empty when
    /// none is listed.
    static func exemptionStamp(_ notices: [ExemptionNotice], clock: Clock) -> String {
        guard !notices.isEmpty else { return "" }
        let counts = ExemptionPeriods.counts(notices)
        let day = counts.ended + counts.ending > 0 ? "\(clock.isoDate()):" : ""
        return " pengecualian=" + day + notices.map(\.term.itemID).joined(separator: ",")
    }

    /// Why an exemption is asked to be tested again, for the test sheet's *Alasan Perlu Uji*.
    static func retestReason(_ n: ExemptionNotice, clock: Clock) -> String {
        let t = n.term
        let set = "jangka waktu pengecualian \"\(t.periodText)\" sejak Keputusan Klasifikasi"
            + (t.decreeNumber.map { " Nomor \($0)" } ?? "") + (t.decidedOn.map { " tanggal \(clock.indonesianDate($0))" } ?? "")
        switch n.standing {
        case .ended(let end): return "Uji ulang: \(set) telah \(ExemptionPeriods.endsText(end, clock: clock))."
        case .ending(let end): return "Uji ulang: \(set) \(ExemptionPeriods.endsText(end, clock: clock))."
        default: return "Uji ulang: \(set)."
        }
    }

    /// The returned items as rows of their category's table (in the category suggested, else
    /// declared).
    static func returnedRows(_ returned: [CurrentItem], clock: Clock) -> [VersionItem] {
        returned.map { c in
            VersionItem(
                id: c.itemID, revision: c.revision, unit: c.unit, item: c.item,
                category: c.classification.suggested ?? c.classification.declared ?? c.item.kategori ?? .berkala,
                subgroup: c.subgroup ?? c.classification.subgroup, classification: c.classification, change: .unchanged,
                recordedAt: clock.now, consequenceTest: nil)
        }
    }

    /// The review's category tables read from `draft` a chunk at a time, the returned items
    /// (few, in memory) in their places.
    static func categoryItems(_ draft: VersionReader, returned: [VersionItem]) -> ReviewCategoryItems {
        var places: [ReviewPlace] = []
        places.reserveCapacity(draft.slots.count + returned.count)
        for (i, slot) in draft.slots.enumerated() {
            places.append(ReviewPlace(category: slot.category, subgroup: slot.subgroup, unit: slot.unit, id: slot.id,
                                      list: slot.exempted ? 1 : 0, index: i))
        }
        for (i, v) in returned.enumerated() {
            places.append(ReviewPlace(category: v.category, subgroup: v.subgroup, unit: v.unit.code, id: v.id,
                                      list: 2, index: i))
        }
        let tables = ReviewPlace.tables(places)
        var codes = Set<String>()
        var units: [WorkUnit] = []
        for slot in draft.slots where codes.insert(slot.unit).inserted { units.append(draft.unit(slot.unit)) }
        return ReviewCategoryItems(counts: tables.mapValues(\.count), units: units) { category, range in
            let wanted = tables[category]![range]
            var items = try draft.items(wanted.filter { $0.list < 2 }.map(\.id)).makeIterator()
            return try wanted.map { p in
                if p.list == 2 { return returned[p.index] }
                guard let v = items.next() else { throw RegisterError.unknownItem(p.id) }
                return v
            }
        }
    }

    /// The per-unit consequence-test forms kept from earlier runs, whose compressed bodies the
    /// new forms take (`archive/.cache/uji-konsekuensi/`), keyed by everything a body is made from: the
    /// fields of the unit's pending tests the form shows (`ConsequenceTestForm.keyFields`), the
    /// decree settings, the rules' citations, the day (WIB) the form's year and blank dates come
    /// from, and the dip build. Units without pending tests lose their kept body.
    func keptFormBodies(_ pending: [PendingTest]) throws -> KeptBodies {
        let parts = KeptParts(workspace: workspace, kind: "uji-konsekuensi")
        parts.keepOnly(Set(pending.map { "\($0.unit.code).docx" }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let frame = ["uji-konsekuensi", String(decoding: try encoder.encode(config.decree), as: UTF8.self),
                     clock.indonesianDate()] + citations.fingerprint
        func key(_ unit: String, _ tests: [PendingTest]) -> String? {
            var fields = frame + [unit]
            for test in tests.sorted(by: { ($0.itemID, $0.revision) < ($1.itemID, $1.revision) }) {
                let each = ConsequenceTestForm.keyFields(test)
                fields.append(String(each.count))
                fields += each
            }
            return PartKeys.key(fields)
        }
        return KeptBodies(
            body: { unit, tests in key(unit, tests).flatMap { parts.part("\(unit).docx", key: $0) } },
            keep: { unit, tests, package in
                if let key = key(unit, tests) { try parts.keep("\(unit).docx", key: key, bytes: package) }
            })
    }

    /// The annex rows of the draft decree kept from the last draft, for the decree settings
    /// and dip build they were rendered with.
    func keptDecreeRows() throws -> KeptRowFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let frame = PartKeys.key(["keputusan-dip-baris", String(decoding: try encoder.encode(config.decree), as: UTF8.self)])
        return KeptRowFile(url: KeptParts(workspace: workspace, kind: "keputusan").url("draf-dip.rows"), frame: frame)
    }

    /// The token of the review workbook about to be written, issued in the register: an
    /// HMAC of the pack's identity under the register's secret (random, made once; fixed by
    /// `DIP_REVIEW_KEY` only for reproducibility tests), so nobody without the register can
    /// make a workbook that decides.
    func reviewToken(draft: Int?, stamp: String) throws -> String {
        let secret = try reviewSecret()
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("dip-review|\(draft.map(String.init) ?? "-")|\(stamp)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        let token = mac.prefix(16).map { String(format: "%02x", $0) }.joined()
        try register.issueReviewToken(token, draftVersion: draft, at: clock.now)
        return token
    }

    /// The register's review secret, made at its first use.
    func reviewSecret() throws -> String {
        try register.reviewSecret {
            if let fixed = ProcessInfo.processInfo.environment["DIP_REVIEW_KEY"], !fixed.isEmpty { return fixed }
            var generator = SystemRandomNumberGenerator()
            return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        }
    }

    /// The decree drafts for a draft version.
    func draftDocuments(_ draft: DIPVersion, log: BufferedLog? = nil) throws -> [(name: String, data: Data)] {
        try decreeDocuments(draft, prefix: "draf-", log: log)
    }

    /// The decree drafts for a draft version: the DIP decree's Lampiran read from the register
    /// as it is written; the exempted items and the tested open ones (the DIK decree and the
    /// test records, a small part of a version) read whole.
    func streamedDraftDocuments(_ outline: VersionOutline, log: BufferedLog? = nil) throws -> [(name: String, data: Data)] {
        var version = outline.header
        version.exempted = try register.versionItems(number: version.number, ids: outline.exempted.map(\.id))
        // Only the open items a test rests on: what `decreeDocuments` reads of `items` besides the annex.
        version.items = try register.versionItems(
            number: version.number, ids: outline.open.filter { $0.conclusion != nil }.map(\.id))
        return try decreeDocuments(version, prefix: "draf-", annex: DecreeAnnex(outline: outline, register: register), log: log)
    }

    /// Every consequence test of a version (exempted items and items a test opened), in full.
    /// A version's approval history (every approval, replacement and withdrawal, with the overrides
    /// each gave) as the archive keeps it; dates as RFC 3339 on the run's clock, keys sorted.
    static func approvalRecords(_ events: [ApprovalEvent]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Clock(now: date).rfc3339())
        }
        return try encoder.encode(events)
    }

    static func testRecords(_ version: DIPVersion) throws -> Data {
        struct Record: Encodable {
            var item: String
            var revision: Int
            var unit: String
            var ringkasan: String
            var test: ConsequenceTest
        }
        // Filtered apart, then joined: `exempted + items` copied every item of a regency (13 MB).
        let tested = (version.exempted.filter { $0.consequenceTest != nil } + version.items.filter { $0.consequenceTest != nil })
            .sorted { ($0.unit.code, $0.id) < ($1.unit.code, $1.id) }
        let records = tested.map {
            Record(item: $0.id, revision: $0.revision, unit: $0.unit.code, ringkasan: $0.item.ringkasan, test: $0.consequenceTest!)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Clock(now: date).rfc3339())
        }
        return try encoder.encode(records)
    }

    /// - Parameter annex: the DIP decree's Lampiran items, when not `version.items` (a draft's,
    ///   read from the register in chunks).
    /// - Parameter log: where its log line goes when it runs on a second thread (else the run log).
    func decreeDocuments(_ version: DIPVersion, prefix: String, annex: DecreeAnnex? = nil,
                         log: BufferedLog? = nil) throws -> [(name: String, data: Data)]
    {
        // The draft's decree is made again after every change: its annex rows are kept
        // (archive/.cache/keputusan/) and only the rows whose texts changed are rendered.
        let kept = prefix == "draf-" ? try keptDecreeRows() : nil
        let dip = try DecreeWriter.penetapanDIP(
            version: version, annex: annex ?? DecreeAnnex(version: version), settings: config.decree,
            citations: citations, clock: clock, logo: config.decreeLogo, kept: kept?.rows)
        if let kept {
            try kept.finish()
            let metadata: Logger.Metadata = [
                "baris_dipakai_ulang": "\(kept.reused)", "baris_dibuat": "\(kept.rendered)"]
            if let log { log.info("lampiran keputusan draf", metadata: metadata) } else {
                logger.info("lampiran keputusan draf", metadata: metadata)
            }
        }
        var files = [(name: "\(prefix)keputusan-penetapan-dip-v\(version.number).docx", data: Data(dip))]
        if !version.exempted.isEmpty {
            let dik = try DecreeWriter.klasifikasiDIK(version: version, settings: config.decree, citations: citations,
                                                      clock: clock, logo: config.decreeLogo,
                                                      terms: try register.exemptionTerms(version: version.number))
            files.append((name: "\(prefix)keputusan-klasifikasi-dik-v\(version.number).docx", data: Data(dik)))
        }
        // The signed record (berita acara) of each consequence test the version rests on that no
        // earlier published version issued: a record already issued was approved and signed with
        // that version (its Atasan PPID, its date) and is not printed again as this version's.
        // Filtered apart, then joined in the same order: `exempted + items` copied every item
        // of a regency (13 MB at 60 × 300) only to keep a few.
        let issued = try register.itemsWithTestsIssuedBefore(version: version.number)
        let tested = version.exempted.filter { $0.consequenceTest != nil && !issued.contains($0.id) }
            + version.items.filter { $0.consequenceTest != nil && !issued.contains($0.id) }
        if !tested.isEmpty {
            let forms = try ConsequenceTestForm.document(items: tested, settings: config.decree, citations: citations,
                                                         atasan: version.atasan, draft: prefix == "draf-", clock: clock)
            files.append((name: "\(prefix)berita-acara-uji-konsekuensi-v\(version.number).docx", data: Data(forms)))
        }
        return files
    }

    /// Earlier published versions, newest first, for the change feeds.
    /// The item revisions every approval recorded as published whole although they hold personal
    /// data (`ApprovalEvent.openedPersonalData`) in the approval each version stands on: the website
    /// prints their values as written and masks any other open item's (`PublishedWhole`, session 26).
    func publishedWhole() throws -> Set<ItemRevisionRef> {
        // Events in the order recorded: each approval (or replacement) records the whole list for its
        // version, a withdrawal none.
        var byVersion: [Int: [ItemRevisionRef]] = [:]
        for event in try register.approvalHistory() {
            byVersion[event.version] = event.action == .withdraw ? [] : event.openedPersonalData ?? []
        }
        return Set(byVersion.values.joined())
    }

    func publishedHistory(before number: Int) throws -> [DIPVersion] {
        var history: [DIPVersion] = []
        var cursor = try register.publishedBefore(version: number)
        while let n = cursor {
            history.append(try register.version(number: n))
            cursor = try register.publishedBefore(version: n)
        }
        return history
    }

    /// Writes `files` into a fresh sibling folder, then swaps it in place of `folder`, so a
    /// reader never sees a mix of two versions' documents (`DurableFiles.replaceFolder`).
    func replaceFolder(_ folder: URL, with files: [(name: String, data: Data)]) throws {
        try DurableFiles.replaceFolder(folder, with: files)
    }
}
