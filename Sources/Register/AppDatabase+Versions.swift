import DIPCore
import Foundation
import GRDB

extension AppDatabase {
    /// Makes a new draft version from the current items of all units, when they differ from
    /// the newest version (draft, approved or published). One transaction.
    ///
    /// Items waiting for a consequence test and items the PPID returned stay out. Running it
    /// twice with nothing new creates nothing. A new draft supersedes older unapproved drafts.
    ///
    /// - Returns: The new draft, or nil when nothing changed.
    public func makeDraft(clock: Clock) throws -> DIPVersion? {
        try makeDraftNumber(clock: clock).map { try version(number: $0) }
    }

    /// `makeDraft` without reading the new version back: its number, or nil when nothing
    /// changed. For a caller that reads the version in parts (`versionOutline`,
    /// `versionItems`) rather than whole.
    ///
    /// With the current revisions kept (`keepCurrentContent`), the new version is built from
    /// the rows just written and those revisions, not read back, and kept for the run's
    /// readers of the whole draft (`version(number:)`, `currentDraft`).
    public func makeDraftNumber(clock: Clock) throws -> Int? {
        let built = VersionItemsCache()
        let made = try write { db -> Int? in
            let state = try currentState(db)
            // Taken before anything is written (the stamp it is kept for covers the items,
            // not the versions this transaction adds).
            let kept = try keptCurrentContent(db)
            let latest = try VersionRecord.order(Column("number").desc).fetchOne(db)
            if let latest {
                let old = try VersionItemRecord.filter(Column("version") == latest.number)
                    .fetchAll(db)
                // A number or day added to a record since a published version is carried by
                // the next version made for another reason: it alone makes no new decree (the
                // signed record already bears it). A draft made before it is remade with it.
                let completions = latest.status != .published
                if Self.fingerprint(old, completions: completions)
                    == Self.fingerprint(state.placed, completions: completions) { return nil }
            } else if state.placed.isEmpty {
                return nil
            }
            let number = (latest?.number ?? 0) + 1
            let published = try VersionRecord.filter(Column("status") == VersionStatus.published)
                .order(Column("number").desc).fetchOne(db)
            let publishedItems = try published.map {
                try VersionItemRecord.filter(Column("version") == $0.number).fetchAll(db)
            } ?? []
            let before = Dictionary(publishedItems.map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })

            try VersionRecord(
                number: number, status: .draft, createdAt: clock.now, supersededBy: nil,
                decreeNumber: nil, decreeDate: nil, approvedByName: nil, approvedByNip: nil,
                approvedByTitle: nil, approvedAt: nil, approvalSource: nil, publishedAt: nil,
                previousVersion: published?.number, dikDecreeNumber: nil, approvedByRank: nil,
                atasanName: nil, atasanNip: nil, atasanTitle: nil, atasanRank: nil, approvalForced: false
            ).insert(db)
            var entries: [VersionEntry]? = kept == nil ? nil : []
            entries?.reserveCapacity(state.placed.count)
            for p in state.placed {
                let change: ItemChange
                if let old = before[p.item.id] {
                    if old.category != p.category || old.subgroup != p.subgroup
                        || old.exempted != p.exempted
                    {
                        change = .reclassified
                    } else if old.revision != p.revision {
                        change = .changed
                    } else {
                        change = .unchanged
                    }
                } else {
                    change = .added
                }
                let row = VersionItemRecord(
                    version: number, item: p.item.id, revision: p.revision,
                    category: p.category, subgroup: p.subgroup, exempted: p.exempted,
                    test: p.test?.id, change: change, position: p.position, nomor: p.nomor,
                    testCompletion: p.completion)
                try row.insertPrepared(db)
                if let c = kept?[p.item.id], c.revision.revision == p.revision {
                    entries?.append(VersionEntry(
                        row: row, unit: p.item.unit, revision: c.revision,
                        classification: c.classification, test: p.test))
                } else {
                    entries = nil
                }
            }
            try db.execute(
                sql: """
                    UPDATE versions SET superseded_by = ?
                    WHERE status = 'draft' AND superseded_by IS NULL AND number < ?
                    """,
                arguments: [number, number])
            if let entries {
                // Built from the rows just written and the revisions they came from.
                _ = try Self.buildVersion(db, number: number, cache: built, entries: entries)
            }
            return number
        }
        // Kept for later reads only once the transaction committed.
        if made != nil { versionCache.adopt(built) }
        return made
    }

    /// The PPID approves a draft, with the decree that sets it. One transaction.
    ///
    /// - Throws: `RegisterError` when the version is unknown, not a draft, superseded by a
    ///   newer draft, or when any of its items changed, was withdrawn, returned or re-tested
    ///   after the draft was made (the approval is then refused, never silently applied).
    @discardableResult
    public func approve(
        version number: Int, by official: Official, decreeNumber: String, dikDecreeNumber: String? = nil,
        decreeDate: Date, force: Bool = false, at date: Date, source: EntrySource = .cli
    ) throws -> DIPVersion {
        try approve(version: number, ApprovalRequest(
            decreeNumber: decreeNumber, dikDecreeNumber: dikDecreeNumber, decreeDate: decreeDate,
            signatory: official, force: force), at: date, source: source)
    }

    /// The PPID approves a draft, or approves again an approved version not yet published
    /// (replacing the earlier approval). One transaction; recorded in `approval_events`.
    ///
    /// - Throws: `RegisterError` when the version is unknown, published, superseded by a newer
    ///   draft, outdated (an item changed, was withdrawn, returned or re-tested since the draft),
    ///   when items are unreviewed or tests pending without `force`, when the version has
    ///   exempted items and no DIK decree number, or when the decree date is before the draft.
    @discardableResult
    public func approve(version number: Int, _ request: ApprovalRequest, at date: Date,
                        source: EntrySource = .cli) throws -> DIPVersion {
        func clean(_ s: String?) -> String? {
            let t = s?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return t.isEmpty ? nil : t
        }
        guard let name = clean(request.signatory.name) else {
            throw RegisterError.invalidInput("Nama pejabat yang menyetujui wajib diisi.")
        }
        guard let decreeNumber = clean(request.decreeNumber) else {
            throw RegisterError.invalidInput("Nomor keputusan wajib diisi.")
        }
        let dikNumber = clean(request.dikDecreeNumber)
        return try write { db in
            guard var version = try VersionRecord.fetchOne(db, key: number) else {
                throw RegisterError.unknownVersion(number)
            }
            let replacing = version.status == .approved
            guard version.status == .draft || replacing else {
                throw RegisterError.wrongVersionStatus(
                    number: number, status: version.status.rawValue, expected: "draft")
            }
            if let newer = version.supersededBy {
                throw RegisterError.versionSuperseded(number: number, by: newer)
            }
            let outdated = try Self.outdatedItems(db, version: number)
            guard outdated.isEmpty else {
                throw RegisterError.draftOutdated(number: number, items: outdated)
            }
            if request.decreeDate < IndonesianDate.startOfDay(version.createdAt) {
                throw RegisterError.invalidInput(
                    "Tanggal keputusan lebih awal daripada draf versi \(number); keputusan tidak dapat "
                        + "ditetapkan sebelum drafnya ada.")
            }
            let exempted = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM version_items WHERE version = ? AND exempted = 1",
                arguments: [number]) ?? 0
            if exempted > 0 {
                guard let dikNumber else {
                    throw RegisterError.invalidInput(
                        "Versi \(number) memuat \(exempted) informasi yang dikecualikan: nomor Keputusan "
                            + "Klasifikasi Informasi yang Dikecualikan wajib diisi (`--dik-decree-number`).")
                }
                if dikNumber == decreeNumber {
                    throw RegisterError.invalidInput(
                        "Nomor Keputusan DIK sama dengan nomor Keputusan DIP; setiap keputusan bernomor sendiri.")
                }
            }
            let ready = try readiness(db, version: number)
            if !ready.isReady && !request.force {
                throw RegisterError.notReviewed(
                    number: number, unreviewed: ready.unreviewed.count,
                    pendingTests: ready.pendingTests.count)
            }
            let published = try VersionRecord.filter(Column("status") == VersionStatus.published)
                .order(Column("number").desc).fetchOne(db)
            let s = request.signatory, a = request.atasan
            version.status = .approved
            version.decreeNumber = decreeNumber
            version.dikDecreeNumber = exempted > 0 ? dikNumber : nil
            version.decreeDate = request.decreeDate
            version.approvedByName = name
            version.approvedByNip = clean(s.nip)
            version.approvedByTitle = clean(s.title)
            version.approvedByRank = clean(s.rank)
            version.atasanName = clean(a?.name)
            version.atasanNip = clean(a?.nip)
            version.atasanTitle = clean(a?.title)
            version.atasanRank = clean(a?.rank)
            version.approvalForced = request.force && !ready.isReady
            version.approvedAt = date
            version.approvalSource = source
            version.previousVersion = published?.number
            try version.update(db)
            var event = ApprovalEventRecord(
                id: nil, version: number, action: replacing ? .replace : .approve,
                decreeNumber: decreeNumber, dikDecreeNumber: version.dikDecreeNumber,
                decreeDate: request.decreeDate, byName: name, byNip: version.approvedByNip,
                byTitle: version.approvedByTitle, byRank: version.approvedByRank,
                atasanName: version.atasanName, atasanNip: version.atasanNip,
                forced: version.approvalForced, unreviewed: ready.unreviewed.count,
                pendingTests: ready.pendingTests.count, note: request.note, at: date, source: source,
                endedExemptionsReissued: ItemRevisionRef.stored(request.endedExemptionsReissued),
                openedPersonalData: ItemRevisionRef.stored(request.openedPersonalData))
            try event.insert(db)
            return try buildVersion(db, number: number)
        }
    }

    /// The PPID withdraws the approval of a version not yet published: it is a draft again
    /// (or superseded, when a newer draft exists), its decree data cleared. One transaction;
    /// recorded in `approval_events` with who withdrew it and why.
    ///
    /// - Throws: `RegisterError.wrongVersionStatus` for a draft or a published version.
    @discardableResult
    public func withdrawApproval(version number: Int, by official: Official, reason: String, at date: Date,
                                 source: EntrySource = .cli) throws -> DIPVersion {
        let name = official.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw RegisterError.invalidInput("Nama pejabat yang menarik persetujuan wajib diisi.")
        }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else {
            throw RegisterError.invalidInput("Alasan penarikan persetujuan wajib diisi (`--reason`).")
        }
        return try write { db in
            guard var version = try VersionRecord.fetchOne(db, key: number) else {
                throw RegisterError.unknownVersion(number)
            }
            guard version.status == .approved else {
                throw RegisterError.wrongVersionStatus(
                    number: number, status: version.status.rawValue, expected: "approved")
            }
            var event = ApprovalEventRecord(
                id: nil, version: number, action: .withdraw, decreeNumber: version.decreeNumber,
                dikDecreeNumber: version.dikDecreeNumber, decreeDate: version.decreeDate, byName: name,
                byNip: official.nip, byTitle: official.title, byRank: official.rank, atasanName: nil,
                atasanNip: nil, forced: false, unreviewed: 0, pendingTests: 0, note: why, at: date,
                source: source)
            try event.insert(db)
            version.status = .draft
            version.decreeNumber = nil
            version.dikDecreeNumber = nil
            version.decreeDate = nil
            version.approvedByName = nil
            version.approvedByNip = nil
            version.approvedByTitle = nil
            version.approvedByRank = nil
            version.atasanName = nil
            version.atasanNip = nil
            version.atasanTitle = nil
            version.atasanRank = nil
            version.approvalForced = false
            version.approvedAt = nil
            version.approvalSource = nil
            // A newer draft made while this one was approved replaces it now.
            let newer = try Int.fetchOne(
                db, sql: "SELECT MAX(number) FROM versions WHERE status = 'draft' AND number > ?",
                arguments: [number])
            version.supersededBy = newer
            try version.update(db)
            return try buildVersion(db, number: number)
        }
    }

    /// Unreviewed items and pending tests of a version (what `approve` refuses without force).
    public func approvalReadiness(version number: Int) throws -> ApprovalReadiness {
        try read { db in try readiness(db, version: number) }
    }

    /// Every approval, replacement and withdrawal, oldest first (of one version, or all).
    public func approvalHistory(version number: Int? = nil) throws -> [ApprovalEvent] {
        try read { db in
            var request = ApprovalEventRecord.order(Column("id"))
            if let number { request = request.filter(Column("version") == number) }
            return try request.fetchAll(db).map { r in
                ApprovalEvent(
                    version: r.version, action: r.action, decreeNumber: r.decreeNumber,
                    dikDecreeNumber: r.dikDecreeNumber, decreeDate: r.decreeDate,
                    by: Official(name: r.byName, nip: r.byNip, title: r.byTitle, rank: r.byRank),
                    atasan: r.atasanName.map { Official(name: $0, nip: r.atasanNip) }, forced: r.forced,
                    unreviewed: r.unreviewed, pendingTests: r.pendingTests, note: r.note, at: r.at,
                    source: r.source, endedExemptionsReissued: ItemRevisionRef.parsed(r.endedExemptionsReissued),
                    openedPersonalData: r.openedPersonalData.isEmpty ? nil : ItemRevisionRef.parsed(r.openedPersonalData))
            }
        }
    }

    func readiness(_ db: Database, version number: Int) throws -> ApprovalReadiness {
        // An item is reviewed when the PPID decided on the revision the version holds.
        let unreviewed = try String.fetchAll(db, sql: """
            SELECT v.item FROM version_items v
            WHERE v.version = ? AND NOT EXISTS (
                SELECT 1 FROM decisions d WHERE d.item = v.item AND d.revision = v.revision)
            ORDER BY v.item
            """, arguments: [number])
        let pending = try Self.pendingTests(db, state: try currentState(db)).map(\.itemID)
        return ApprovalReadiness(version: number, unreviewed: unreviewed, pendingTests: pending)
    }

    /// Marks an approved version published, once its documents and feeds are written.
    /// One transaction.
    ///
    /// - Throws: `RegisterError` when the version is not approved, or a newer one is already
    ///   published.
    @discardableResult
    public func publish(version number: Int, at date: Date) throws -> DIPVersion {
        try write { db in
            guard var version = try VersionRecord.fetchOne(db, key: number) else {
                throw RegisterError.unknownVersion(number)
            }
            guard version.status == .approved else {
                throw RegisterError.wrongVersionStatus(
                    number: number, status: version.status.rawValue, expected: "approved")
            }
            let published = try VersionRecord.filter(Column("status") == VersionStatus.published)
                .order(Column("number").desc).fetchOne(db)
            if let published, published.number > number {
                throw RegisterError.newerVersionPublished(
                    number: number, published: published.number)
            }
            version.status = .published
            version.publishedAt = date
            version.previousVersion = published?.number
            try version.update(db)
            return try buildVersion(db, number: number)
        }
    }

    /// When version `number` was published, or nil when it is not published (or unknown).
    public func publicationDate(version number: Int) throws -> Date? {
        try read { db in
            guard let record = try VersionRecord.fetchOne(db, key: number), record.status == .published else { return nil }
            return record.publishedAt
        }
    }

    /// A version as generators read it.
    public func version(number: Int) throws -> DIPVersion {
        try read { db in try buildVersion(db, number: number) }
    }

    /// The numbers of every published version, oldest first (each must have its package).
    public func publishedVersionNumbers() throws -> [Int] {
        try read { db in
            try Int.fetchAll(db, sql: "SELECT number FROM versions WHERE status = 'published' ORDER BY number")
        }
    }

    /// The decree numbers published versions carry (DIP and DIK), oldest version first: a new
    /// decree under one of them would revoke "Keputusan … Nomor X" while numbered X itself.
    public func publishedDecreeNumbers() throws -> [(version: Int, number: String, date: Date?, dik: Bool)] {
        try read { db in
            try VersionRecord.filter(Column("status") == VersionStatus.published).order(Column("number")).fetchAll(db)
                .flatMap { v -> [(version: Int, number: String, date: Date?, dik: Bool)] in
                    var out: [(version: Int, number: String, date: Date?, dik: Bool)] = []
                    if let n = v.decreeNumber { out.append((v.number, n, v.decreeDate, false)) }
                    if let n = v.dikDecreeNumber { out.append((v.number, n, v.decreeDate, true)) }
                    return out
                }
        }
    }

    /// The newest published version, if any.
    public func lastPublished() throws -> DIPVersion? {
        try read { db in
            try VersionRecord.filter(Column("status") == VersionStatus.published)
                .order(Column("number").desc).fetchOne(db)
                .map { try buildVersion(db, number: $0.number) }
        }
    }

    /// The number of the draft waiting for approval, if any (`currentDraft` without its items).
    public func currentDraftNumber() throws -> Int? {
        try read { db in try Self.currentDraftRecord(db)?.number }
    }

    /// The newest draft that no newer draft replaced, if any: the one waiting for approval.
    public func currentDraft() throws -> DIPVersion? {
        try read { db in
            guard let record = try Self.currentDraftRecord(db) else { return nil }
            // A draft is made whenever the current items change, so its items are (nearly
            // always) the current revisions: built from every current item's revision, read
            // once and kept for the run's other readers of every item (the review pack's
            // current items, the templates) rather than read again per reader.
            return try Self.buildVersion(db, number: record.number, cache: versionCache,
                                         content: { try currentContent(db) })
        }
    }

    /// The newest approved version not yet published (newer than the last published one).
    public func awaitingPublication() throws -> DIPVersion? {
        try read { db in
            try Self.awaitingRecord(db).map { try buildVersion(db, number: $0.number) }
        }
    }

    /// The header of `awaitingPublication()` alone (`items` and `exempted` empty): what the
    /// decree-date check needs. Every run asks while a version waits for its decree date, and
    /// the whole version (a regency's 18,000 items) is read only on the day it is published.
    public func awaitingPublicationHeader() throws -> DIPVersion? {
        try read { db in
            try Self.awaitingRecord(db).map { try Self.buildVersion(db, number: $0.number, withItems: false) }
        }
    }

    // MARK: - Internals

    static func currentDraftRecord(_ db: Database) throws -> VersionRecord? {
        try VersionRecord
            .filter(Column("status") == VersionStatus.draft && Column("superseded_by") == nil)
            .order(Column("number").desc).fetchOne(db)
    }

    static func awaitingRecord(_ db: Database) throws -> VersionRecord? {
        let lastPublished = try lastDecreeNumber(db) ?? 0
        return try VersionRecord
            .filter(Column("status") == VersionStatus.approved && Column("number") > lastPublished)
            .order(Column("number").desc).fetchOne(db)
    }

    /// What makes two versions the same list: each item's revision, category, place and test.
    private struct Key: Hashable {
        var item: String
        var revision: Int
        var category: DIPCore.Category
        var subgroup: BerkalaSubgroup?
        var exempted: Bool
        var test: Int64?
        var completion: Int64?
    }

    private static func fingerprint(_ rows: [VersionItemRecord], completions: Bool) -> Set<Key> {
        Set(rows.map {
            Key(item: $0.item, revision: $0.revision, category: $0.category,
                subgroup: $0.subgroup, exempted: $0.exempted, test: $0.test,
                completion: completions ? $0.testCompletion : nil)
        })
    }

    private static func fingerprint(_ rows: [CurrentState.Placement], completions: Bool) -> Set<Key> {
        Set(rows.map {
            Key(item: $0.item.id, revision: $0.revision, category: $0.category,
                subgroup: $0.subgroup, exempted: $0.exempted, test: $0.test?.id,
                completion: completions ? $0.completion : nil)
        })
    }

    /// Items of a version whose register state moved on since the version was made.
    static func outdatedItems(_ db: Database, version: Int) throws -> [String] {
        var outdated: [String] = []
        let rows = try VersionItemRecord.filter(Column("version") == version)
            .order(Column("item")).fetchAll(db)
        for row in rows {
            let item = try RegisterQueries.item(db, id: row.item)
            if item.withdrawnAt != nil || item.currentRevision != row.revision {
                outdated.append(row.item)
                continue
            }
            if let decision = try RegisterQueries.latestDecision(
                db, item: row.item, revision: row.revision), decision.action == .return
            {
                outdated.append(row.item)
                continue
            }
            let test = try RegisterQueries.latestTest(db, item: row.item, revision: row.revision)
            if row.test != nil && test?.id != row.test {
                outdated.append(row.item)
                continue
            }
            // A number or day added to the record since the draft: the draft prints it without.
            if let id = row.test, try RegisterQueries.completions(db, test: id).last?.id != row.testCompletion {
                outdated.append(row.item)
            }
        }
        // Items the draft left out because their consequence test was pending, tested since:
        // approving the old draft would publish without them (and without a DIK decree when
        // they are exempted), so the draft is outdated too. An item returned after its test
        // stays out of any draft and does not count.
        let testedSince = try String.fetchAll(db, sql: """
            SELECT DISTINCT i.id FROM items i
            JOIN consequence_tests t ON t.item = i.id AND t.revision = i.current_revision
            WHERE i.withdrawn_at IS NULL AND t.conclusion <> 'pending'
              AND NOT EXISTS (SELECT 1 FROM version_items v WHERE v.version = ? AND v.item = i.id)
              AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.item = i.id AND d.revision = i.current_revision
                              AND d.id = (SELECT MAX(d2.id) FROM decisions d2
                                          WHERE d2.item = i.id AND d2.revision = i.current_revision)
                              AND d.action = 'return')
            ORDER BY i.id
            """, arguments: [version])
        return (outdated + testedSince).sorted()
    }

    /// Reads one version into the model generators consume; open items ordered by category,
    /// sub-group, unit and list position; exempted items by unit and position.
    func buildVersion(_ db: Database, number: Int) throws -> DIPVersion {
        // Items whose revision is current come from the current revisions, when kept.
        try Self.buildVersion(db, number: number, cache: versionCache, content: { try keptCurrentContent(db) })
    }

    /// - Parameter entries: the version's rows with what they refer to, when the caller has
    ///   them (a draft just made); read from the register otherwise.
    /// - Parameter withItems: false for the header alone (`items` and `exempted` empty).
    static func buildVersion(
        _ db: Database, number: Int, cache: VersionItemsCache? = nil, entries: [VersionEntry]? = nil,
        withItems: Bool = true, content: (() throws -> [String: CurrentState.Content]?)? = nil
    ) throws -> DIPVersion {
        guard let version = try VersionRecord.fetchOne(db, key: number) else {
            throw RegisterError.unknownVersion(number)
        }
        let previous = try version.previousVersion.flatMap { try VersionRecord.fetchOne(db, key: $0) }
        var units: [String: WorkUnit] = [:]
        for unit in try UnitRecord.fetchAll(db) { units[unit.code] = unit.unit }
        let lists: (open: [VersionItem], exempted: [VersionItem])
        if !withItems {
            lists = ([], [])
        } else if let cached = cache?.items(version: number, units: units) {
            lists = cached
        } else if let entries {
            lists = ordered(entries, units: units)
            cache?.store(version: number, units: units, items: lists)
        } else {
            lists = try versionItems(db, number: number, units: units, content: content?() ?? nil)
            cache?.store(version: number, units: units, items: lists)
        }
        var built = DIPVersion(
            number: version.number, status: version.status, createdAt: version.createdAt,
            decreeNumber: version.decreeNumber, decreeDate: version.decreeDate,
            approvedBy: version.approvedBy, approvedAt: version.approvedAt,
            items: lists.open, exempted: lists.exempted,
            previousDecreeNumber: previous?.decreeNumber,
            previousDecreeDate: previous?.decreeDate)
        built.dikDecreeNumber = version.dikDecreeNumber
        built.atasan = version.atasan
        // The DIK decree in force before this version: the last published version's. When that
        // version exempted nothing, its DIP decree revoked the DIK decree before it (a DIK
        // decree must not stay in force beside a DIP publishing what it exempts), so none is.
        if let previous, let dik = previous.dikDecreeNumber {
            built.previousDIKDecreeNumber = dik
            built.previousDIKDecreeDate = previous.decreeDate
            // The exemptions this version lifts: items that decree classified as exempted, now
            // open on a test concluding *terbuka* (an item withdrawn or still exempted, in whole
            // or in part, is not lifted). The decree revoking that DIK decree names them.
            if withItems {
                let wereExempted = Set(try String.fetchAll(db, sql: """
                    SELECT item FROM version_items WHERE version = ? AND exempted = 1
                    """, arguments: [previous.number]))
                let lifted = lists.open.filter { wereExempted.contains($0.id) && $0.consequenceTest?.conclusion == .open }
                if !lifted.isEmpty { built.liftedExemptions = lifted.map(\.id) }
            }
        }
        return built
    }

    /// A version's open and exempted items, in decree order. A version's rows never change
    /// once written (approval and publication touch only its `versions` row).
    /// - Parameter content: current revisions to take the version's from where the revision
    ///   numbers agree (all, or the version's revisions are read from the register).
    private static func versionItems(
        _ db: Database, number: Int, units: [String: WorkUnit], content: [String: CurrentState.Content]? = nil
    ) throws -> (open: [VersionItem], exempted: [VersionItem]) {
        let rows = try VersionItemRecord.filter(Column("version") == number).fetchAll(db)

        // Bulk reads: one query per table, not per item.
        var itemUnit: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT i.id, i.unit FROM items i JOIN version_items v ON v.item = i.id
            WHERE v.version = ?
            """, arguments: [number])
        {
            itemUnit[row["id"]] = row["unit"]
        }
        var revisions: [String: RevisionRecord] = [:]
        var decoded: [String: Classification] = [:]
        if let content, rows.allSatisfy({ content[$0.item]?.revision.revision == $0.revision }) {
            revisions.reserveCapacity(rows.count)
            decoded.reserveCapacity(rows.count)
            for row in rows {
                let c = content[row.item]!
                revisions[row.item] = c.revision
                decoded[row.item] = c.classification
            }
        } else {
            revisions = try RegisterQueries.revisions(db, version: number)
        }
        var tests: [Int64: ConsequenceTestRecord] = [:]
        for t in try ConsequenceTestRecord.fetchAll(db, sql: """
            SELECT t.* FROM consequence_tests t JOIN version_items v ON v.test = t.id
            WHERE v.version = ?
            """, arguments: [number])
        {
            tests[t.id!] = t
        }
        let completions = rows.contains { $0.testCompletion != nil } ? try RegisterQueries.allCompletions(db) : [:]

        var entries: [VersionEntry] = []
        entries.reserveCapacity(rows.count)
        var classifications = ClassificationDecoder()
        for row in rows {
            guard let unitCode = itemUnit[row.item] else { throw RegisterError.unknownItem(row.item) }
            // Moved out: an item appears once in a version.
            guard let revision = revisions.removeValue(forKey: row.item) else {
                throw RegisterError.unknownItem("\(row.item) revisi \(row.revision)")
            }
            entries.append(VersionEntry(
                row: row, unit: unitCode, revision: revision,
                classification: decoded[row.item] ?? (try? classifications.decode(revision)),
                test: row.test.flatMap { tests[$0] }.map {
                    RegisterQueries.asCited($0, completion: row.testCompletion, completions: completions)
                }))
        }
        return ordered(entries, units: units)
    }

    /// A version's rows in decree order, each item built once in its final place (sorting
    /// built items copied them twice over, the peak of a cold run's memory): open items by
    /// category, sub-group, unit and list position; exempted ones by unit and position.
    static func ordered(_ entries: [VersionEntry], units: [String: WorkUnit])
        -> (open: [VersionItem], exempted: [VersionItem])
    {
        // The sort keys apart, once per entry: the comparators copied whole entries (every
        // string retained and released) on each of the n log n comparisons.
        let keys = entries.map { entry in
            OrderKey(category: entry.row.category, subgroup: entry.row.subgroup?.rawValue ?? "~", unit: entry.unit,
                     position: entry.row.position, item: entry.row.item)
        }
        let (open, exempted) = decreeOrder(keys, exempted: entries.map(\.row.exempted))
        return (open.map { versionItem(entries[$0], units: units) }, exempted.map { versionItem(entries[$0], units: units) })
    }

    /// A version row with what it refers to, as the model generators read.
    static func versionItem(_ entry: VersionEntry, units: [String: WorkUnit]) -> VersionItem {
        let row = entry.row
        var information = entry.revision.information
        information.nomor = row.nomor
        return VersionItem(
            id: row.item, revision: row.revision,
            unit: units[entry.unit] ?? WorkUnit(code: entry.unit, name: entry.unit),
            item: information, category: row.category, subgroup: row.subgroup,
            classification: entry.classification, change: row.change,
            recordedAt: entry.revision.recordedAt, consequenceTest: entry.test?.test)
    }

    /// What a version's items are ordered by.
    struct OrderKey {
        var category: DIPCore.Category
        var subgroup: String
        var unit: String
        var position: Int
        var item: String
    }

    /// The indexes of `keys` in decree order: open items by category, sub-group, unit and list
    /// position; exempted ones by unit and position.
    static func decreeOrder(_ keys: [OrderKey], exempted: [Bool]) -> (open: [Int], exempted: [Int]) {
        let open = keys.indices.filter { !exempted[$0] }.sorted { a, b in
            keys.withUnsafeBufferPointer { keys in
                let l = keys[a], r = keys[b]
                if l.category != r.category { return l.category < r.category }
                if l.subgroup != r.subgroup { return l.subgroup < r.subgroup }
                if l.unit != r.unit { return l.unit < r.unit }
                if l.position != r.position { return l.position < r.position }
                return l.item < r.item
            }
        }
        let closed = keys.indices.filter { exempted[$0] }.sorted { a, b in
            keys.withUnsafeBufferPointer { keys in
                let l = keys[a], r = keys[b]
                if l.unit != r.unit { return l.unit < r.unit }
                if l.position != r.position { return l.position < r.position }
                return l.item < r.item
            }
        }
        return (open, closed)
    }
}

extension AppDatabase {
    /// The items of version `number` whose consequence test — the same recorded test — was in a
    /// version published before it: its berita acara was issued, approved by the Atasan PPID of
    /// that version and signed then. A later version rests on it without issuing it again (a
    /// reprint would carry this version's Atasan, or a draft mark, on a record already signed).
    public func itemsWithTestsIssuedBefore(version number: Int) throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT v.item FROM version_items v
                JOIN version_items p ON p.test = v.test AND p.version < v.version
                JOIN versions pv ON pv.number = p.version AND pv.status = 'published'
                WHERE v.version = ? AND v.test IS NOT NULL
                """, arguments: [number]))
        }
    }

    /// The items of version `number` whose consequence test has no day of its own: recorded
    /// without *Tanggal Uji* (review-workbook tests before session 26) and not dated by a
    /// completion the version read. Their berita acara prints the day they were recorded.
    public func undatedTests(version number: Int) throws -> [ItemRevisionRef] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.item, v.revision FROM version_items v JOIN consequence_tests t ON t.id = v.test
                WHERE v.version = ? AND t.tested_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM consequence_test_completions c
                                  WHERE c.test = t.id AND c.tested_at IS NOT NULL AND c.id <= v.test_completion)
                ORDER BY v.item
                """, arguments: [number]).map { ItemRevisionRef(item: $0["item"], revision: $0["revision"]) }
        }
    }

    /// The number of the newest published version older than `version`, if any.
    public func publishedBefore(version: Int) throws -> Int? {
        try read { db in
            try Int.fetchOne(
                db, sql: "SELECT MAX(number) FROM versions WHERE status = 'published' AND number < ?",
                arguments: [version])
        }
    }
}

/// One row of a version with the revision, classification and test it refers to.
struct VersionEntry {
    var row: VersionItemRecord
    var unit: String
    var revision: RevisionRecord
    var classification: Classification?
    var test: ConsequenceTestRecord?
}

/// The items of the last version read, with the unit names they were read with: a run reads
/// its draft for the decree and again for the review pack (a whole-version read each).
final class VersionItemsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var number: Int?
    private var units: [String: WorkUnit] = [:]
    private var lists: (open: [VersionItem], exempted: [VersionItem]) = ([], [])

    func items(version: Int, units: [String: WorkUnit]) -> (open: [VersionItem], exempted: [VersionItem])? {
        lock.lock()
        defer { lock.unlock() }
        return number == version && self.units == units ? lists : nil
    }

    /// Takes over what `other` holds.
    func adopt(_ other: VersionItemsCache) {
        other.lock.lock()
        let (number, units, lists) = (other.number, other.units, other.lists)
        other.lock.unlock()
        guard let number else { return }
        store(version: number, units: units, items: lists)
    }

    func store(version: Int, units: [String: WorkUnit], items: (open: [VersionItem], exempted: [VersionItem])) {
        lock.lock()
        defer { lock.unlock() }
        number = version
        self.units = units
        lists = items
    }
}
