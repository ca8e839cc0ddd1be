import Foundation
import GRDB

/// The register schema. Migrations are appended and never edited once released; they use
/// string table and column names, never record types, so old migrations keep compiling as
/// the records evolve.
enum RegisterMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-register") { db in
            try db.create(table: "units") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("head_title", .text)
                t.column("ppid_pelaksana", .text)
            }

            try db.create(table: "submissions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("unit", .text).notNull().indexed()
                    .references("units", onDelete: .restrict)
                t.column("sha256", .text).notNull()
                t.column("file_name", .text).notNull()
                t.column("archived_path", .text).notNull()
                t.column("received_at", .datetime).notNull()
                t.column("outcome", .text).notNull()
                    .check(sql: "outcome IN ('accepted', 'refused')")
                t.column("reason", .text)
                t.column("problem_count", .integer).notNull()
                t.column("item_count", .integer).notNull()
                t.uniqueKey(["unit", "sha256"])
            }

            try db.create(table: "submission_problems") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("submission", .integer).notNull().indexed()
                    .references("submissions", onDelete: .cascade)
                t.column("ordinal", .integer).notNull()
                t.column("file", .text).notNull()
                t.column("sheet", .text)
                t.column("row", .integer)
                t.column("column", .text)
                t.column("column_name", .text)
                t.column("severity", .text).notNull()
                t.column("code", .text).notNull()
                t.column("message", .text).notNull()
                t.column("hint", .text).notNull()
                t.uniqueKey(["submission", "ordinal"])
            }

            try db.create(table: "items") { t in
                t.primaryKey("id", .text)
                t.column("unit", .text).notNull().indexed()
                    .references("units", onDelete: .restrict)
                t.column("seq", .integer).notNull()
                t.column("kode", .text)
                t.column("current_revision", .integer).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("created_submission", .integer).notNull()
                    .references("submissions", onDelete: .restrict)
                t.column("withdrawn_at", .datetime)
                t.column("withdrawn_submission", .integer)
                    .references("submissions", onDelete: .restrict)
                t.uniqueKey(["unit", "seq"])
            }

            try db.create(table: "item_revisions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("item", .text).notNull()
                    .references("items", onDelete: .restrict)
                t.column("revision", .integer).notNull()
                t.column("submission", .integer).notNull().indexed()
                    .references("submissions", onDelete: .restrict)
                t.column("recorded_at", .datetime).notNull()
                t.column("source_file", .text).notNull()
                t.column("source_sheet", .text)
                t.column("source_row", .integer).notNull()
                t.column("nomor", .text).notNull()
                t.column("ringkasan", .text).notNull()
                t.column("pejabat_penguasa", .text).notNull()
                t.column("penanggung_jawab", .text).notNull()
                t.column("waktu_pembuatan", .text).notNull()
                t.column("tempat_pembuatan", .text).notNull()
                t.column("bentuk", .text).notNull()
                t.column("retensi", .text).notNull()
                t.column("kategori_text", .text)
                t.column("declared_category", .text)
                t.column("subkelompok", .text)
                t.column("judul", .text)
                t.column("keterangan", .text)
                t.column("kode", .text)
                t.column("dasar_hukum_text", .text)
                t.column("form_printed", .boolean).notNull()
                t.column("form_electronic", .boolean).notNull()
                t.column("retention", .text).notNull()
                t.column("tempat_normalised", .text)
                t.column("waktu_normalised", .text)
                t.column("classification", .text).notNull()
                t.column("suggested_category", .text)
                t.column("subgroup", .text)
                t.column("needs_test", .boolean).notNull()
                t.column("grounds", .text).notNull()
                t.column("needs_review", .boolean).notNull()
                t.column("match_key", .text).notNull()
                t.uniqueKey(["item", "revision"])
            }

            try db.create(table: "item_states") { t in
                t.column("submission", .integer).notNull()
                    .references("submissions", onDelete: .restrict)
                t.column("item", .text).notNull().indexed()
                    .references("items", onDelete: .restrict)
                t.column("revision", .integer).notNull()
                t.column("change", .text).notNull()
                t.column("fields", .text).notNull()
                t.column("position", .integer)
                t.column("nomor", .text)
                t.column("source_row", .integer)
                t.primaryKey(["submission", "item"])
            }

            try db.create(table: "consequence_tests") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("item", .text).notNull().indexed()
                    .references("items", onDelete: .restrict)
                t.column("revision", .integer).notNull()
                t.column("specific_information", .text).notNull()
                t.column("legal_basis", .text).notNull()
                t.column("grounds", .text).notNull()
                t.column("consequence", .text).notNull()
                t.column("public_interest", .text).notNull()
                t.column("conclusion", .text).notNull()
                t.column("period", .text).notNull()
                t.column("period_text", .text).notNull()
                t.column("conditions_for_opening", .text).notNull()
                t.column("tester_name", .text)
                t.column("tester_nip", .text)
                t.column("tester_title", .text)
                t.column("tested_at", .datetime)
                t.column("entered_by", .text).notNull()
                t.column("entered_at", .datetime).notNull()
                t.column("source", .text).notNull()
                    .check(sql: "source IN ('cli', 'workbook')")
            }

            try db.create(table: "decisions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("item", .text).notNull().indexed()
                    .references("items", onDelete: .restrict)
                t.column("revision", .integer).notNull()
                t.column("action", .text).notNull()
                    .check(sql: "action IN ('approve', 'return')")
                t.column("note", .text).notNull()
                t.column("by_name", .text).notNull()
                t.column("by_nip", .text)
                t.column("at", .datetime).notNull()
                t.column("source", .text).notNull()
                    .check(sql: "source IN ('cli', 'workbook')")
            }

            try db.create(table: "versions") { t in
                t.primaryKey("number", .integer)
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('draft', 'approved', 'published')")
                t.column("created_at", .datetime).notNull()
                t.column("superseded_by", .integer)
                t.column("decree_number", .text)
                t.column("decree_date", .datetime)
                t.column("approved_by_name", .text)
                t.column("approved_by_nip", .text)
                t.column("approved_by_title", .text)
                t.column("approved_at", .datetime)
                t.column("approval_source", .text)
                t.column("published_at", .datetime)
                t.column("previous_version", .integer)
                    .references("versions", onDelete: .restrict)
            }

            try db.create(table: "version_items") { t in
                t.column("version", .integer).notNull()
                    .references("versions", onDelete: .restrict)
                t.column("item", .text).notNull().indexed()
                    .references("items", onDelete: .restrict)
                t.column("revision", .integer).notNull()
                t.column("category", .text).notNull()
                t.column("subgroup", .text)
                t.column("exempted", .boolean).notNull()
                t.column("test", .integer)
                    .references("consequence_tests", onDelete: .restrict)
                t.column("change", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("nomor", .text).notNull()
                t.primaryKey(["version", "item"])
            }
        }

        // Issue 18: an item's web link (`InformationItem.tautan`), checked http(s) by the intake.
        migrator.registerMigration("v2-item-link") { db in
            try db.alter(table: "item_revisions") { t in
                t.add(column: "tautan", .text)
            }
        }

        // Issue 16: a review workbook is applied in one transaction that also records that
        // it was applied (by SHA-256), so "already applied" comes from the register, never
        // from the archive's receipt; only workbooks dip issued (by token) may decide.
        migrator.registerMigration("v3-review-workbooks") { db in
            try db.create(table: "review_workbooks") { t in
                t.primaryKey("sha256", .text)
                t.column("file_name", .text).notNull()
                t.column("token", .text)
                t.column("applied_at", .datetime).notNull()
                t.column("tests", .integer).notNull()
                t.column("approved", .integer).notNull()
                t.column("returned", .integer).notNull()
                t.column("refused", .text).notNull()
            }
            try db.create(table: "review_tokens") { t in
                t.primaryKey("token", .text)
                t.column("draft_version", .integer)
                t.column("issued_at", .datetime).notNull()
            }
            try db.create(table: "register_secrets") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
        }

        // Issue 15: the DIK decree's own number, the full signatory and the Atasan PPID of
        // an approval, and every approval, replacement and withdrawal as history.
        migrator.registerMigration("v15-approval-history") { db in
            try db.alter(table: "versions") { t in
                t.add(column: "dik_decree_number", .text)
                t.add(column: "approved_by_rank", .text)
                t.add(column: "atasan_name", .text)
                t.add(column: "atasan_nip", .text)
                t.add(column: "atasan_title", .text)
                t.add(column: "atasan_rank", .text)
                t.add(column: "approval_forced", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "approval_events") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("version", .integer).notNull().indexed()
                    .references("versions", onDelete: .restrict)
                t.column("action", .text).notNull()
                    .check(sql: "action IN ('approve', 'replace', 'withdraw')")
                t.column("decree_number", .text)
                t.column("dik_decree_number", .text)
                t.column("decree_date", .datetime)
                t.column("by_name", .text).notNull()
                t.column("by_nip", .text)
                t.column("by_title", .text)
                t.column("by_rank", .text)
                t.column("atasan_name", .text)
                t.column("atasan_nip", .text)
                t.column("forced", .boolean).notNull()
                t.column("unreviewed", .integer).notNull()
                t.column("pending_tests", .integer).notNull()
                t.column("note", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("source", .text).notNull()
            }
        }

        // Issue 16 #7: a submission that would withdraw most of a unit's list is held for the
        // PPID instead of applied; kept here (not in `submissions`, whose outcome is accepted or
        // refused) until the PPID releases or refuses it, or a newer file supersedes it.
        migrator.registerMigration("v16-held-submissions") { db in
            try db.create(table: "held_submissions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("unit", .text).notNull().indexed()
                    .references("units", onDelete: .restrict)
                t.column("sha256", .text).notNull()
                t.column("file_name", .text).notNull()
                t.column("archived_path", .text).notNull()
                t.column("received_at", .datetime).notNull()
                t.column("item_count", .integer).notNull()
                t.column("current_count", .integer).notNull()
                t.column("withdrawn_count", .integer).notNull()
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('held', 'released', 'refused', 'superseded')")
                t.column("decided_by_name", .text)
                t.column("decided_by_nip", .text)
                t.column("decided_at", .datetime)
                t.column("note", .text)
                t.column("applied_submission", .integer)
                    .references("submissions", onDelete: .restrict)
                t.uniqueKey(["unit", "sha256"])
            }
        }


        // Issue 16 #10: a problem that summarises alike problems beyond the first 200 of one
        // code in one column (`Problem.alsoInRows`) keeps how many rows it stands for, so
        // feedback counts stay the number of problems found.
        migrator.registerMigration("v17-problem-also-in-rows") { db in
            try db.alter(table: "submission_problems") { t in
                t.add(column: "also_in_rows", .integer)
            }
        }

        // Session 18: the berita acara uji konsekuensi's registered number (given when it is
        // signed; the DIK decree cites it) and the place the Tim met ("bertempat di …"), per
        // test; NULL in earlier rows (the record then prints the pattern or a dotted line, and
        // the decrees' city).
        migrator.registerMigration("v18-berita-acara-number-place") { db in
            try db.alter(table: "consequence_tests") { t in
                t.add(column: "berita_acara_number", .text)
                t.add(column: "place", .text)
            }
        }

        // Session 18: the versions that rest on a recorded test, found by the test
        // (`itemsWithTestsIssuedBefore`, asked for every draft and publication); without the
        // index that question read every row of every version.
        migrator.registerMigration("v18-version-items-by-test") { db in
            try db.create(index: "version_items_by_test", on: "version_items", columns: ["test"])
        }

        // Session 18: a submission's problem count is what its unit must fix (errors and
        // warnings, `Problem.toFix`), as its feedback, `dip run` and the log count it; rows
        // recorded before counted the notes worth knowing too (every CSV's dialect note made a
        // clean CSV "masalah: 1" in `dip status`).
        migrator.registerMigration("v18-problem-count-without-notes") { db in
            try db.execute(sql: """
                UPDATE submissions SET problem_count = (
                    SELECT COALESCE(SUM(COALESCE(p.also_in_rows, 1)), 0) FROM submission_problems p
                    WHERE p.submission = submissions.id AND p.severity != 'info')
                WHERE EXISTS (SELECT 1 FROM submission_problems p WHERE p.submission = submissions.id AND p.severity = 'info')
                """)
        }

        // Session 20: a summary of alike problems keeps the rows it stands for (runs,
        // "202-300,305") and what each has, briefly (`Problem.summarisedRows`, `rowText`), so
        // the unit's feedback workbook rebuilt from the register marks every such row; NULL
        // in earlier rows (the feedback then says those rows are named in the summary only).
        migrator.registerMigration("v20-problem-summarised-rows") { db in
            try db.alter(table: "submission_problems") { t in
                t.add(column: "summarised_rows", .text)
                t.add(column: "row_text", .text)
            }
        }

        // Session 24: `dip approve` names its two overrides apart. An approval that re-issues
        // exemptions whose period ended, without a new test (`--force-ended-exemptions`), records
        // them here ("dinsos-0007 r1", comma-separated; empty for none); `forced` keeps meaning
        // approved with items unreviewed or tests pending (`--force-unreviewed`).
        migrator.registerMigration("v24-approval-ended-exemptions") { db in
            try db.alter(table: "approval_events") { t in
                t.add(column: "ended_exemptions_reissued", .text).notNull().defaults(to: "")
            }
        }

        // Session 25: items on record after a rule change. Rules classify at intake; when the
        // rules (or the program) change, a run re-classifies every current item once
        // (`rule_passes`, one row per rules key) and keeps the items whose outcome would change
        // (`rule_reevaluations`) for the PPID, who applies or keeps each
        // (`rule_reevaluation_decisions`). Append-only: nothing here is ever updated.
        migrator.registerMigration("v25-rule-reevaluations") { db in
            try db.create(table: "rule_passes") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("rules_key", .text).notNull()
                t.column("evaluated_at", .datetime).notNull()
                // Not the number of items classified again: that depends on where a killed run
                // stopped (its intake's items are classified by these rules already), and a
                // register must not (CrashHarnessTests); the log says it.
                t.column("items_changed", .integer).notNull()
            }
            try db.create(table: "rule_reevaluations") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("pass", .integer).notNull().indexed()
                    .references("rule_passes", onDelete: .restrict)
                t.column("item", .text).notNull().indexed()
                    .references("items", onDelete: .restrict)
                t.column("revision", .integer).notNull()
                t.column("old_category", .text).notNull()
                t.column("old_needs_test", .boolean).notNull()
                t.column("old_grounds", .text).notNull()
                t.column("new_category", .text).notNull()
                t.column("new_needs_test", .boolean).notNull()
                t.column("new_grounds", .text).notNull()
                t.column("new_classification", .text).notNull()
                t.column("rules", .text).notNull()
                t.uniqueKey(["pass", "item"])
            }
            try db.create(table: "rule_reevaluation_decisions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("reevaluation", .integer).notNull().indexed()
                    .references("rule_reevaluations", onDelete: .restrict)
                t.column("item", .text).notNull()
                    .references("items", onDelete: .restrict)
                t.column("revision", .integer).notNull()
                t.column("action", .text).notNull()
                    .check(sql: "action IN ('terapkan', 'pertahankan')")
                t.column("note", .text).notNull()
                t.column("by_name", .text).notNull()
                t.column("by_nip", .text)
                t.column("at", .datetime).notNull()
                t.column("source", .text).notNull()
                    .check(sql: "source IN ('cli', 'workbook')")
            }
        }

        // Session 25: an approval over `dip approve`'s warning that items published whole name
        // personal data (a test concluding *terbuka*; a warning, not a refusal) records those items
        // ("dinsos-0007 r1", comma-separated; empty for none).
        migrator.registerMigration("v25-approval-opened-personal-data") { db in
            try db.alter(table: "approval_events") { t in
                t.add(column: "opened_personal_data", .text).notNull().defaults(to: "")
            }
        }

        // Session 27: a berita acara completed without rewriting it. A record published with the
        // dotted NOMOR line is numbered by hand by the secretariat; an old review-workbook test
        // was recorded without its day. A completion adds that number or day to the recorded
        // test (`test`), never anything substantive, and says who added it and when; a test
        // has at most one number and one day, each given once. A version's row names the
        // newest completion it read (`version_items.test_completion`), so a published
        // version reads as it was printed and the next one cites the number, without a new
        // record (which a later version would reprint with its own Atasan PPID). Append-only.
        migrator.registerMigration("v27-consequence-test-completions") { db in
            try db.create(table: "consequence_test_completions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("test", .integer).notNull().indexed()
                    .references("consequence_tests", onDelete: .restrict)
                t.column("berita_acara_number", .text)
                t.column("tested_at", .datetime)
                t.column("entered_by", .text).notNull()
                t.column("entered_at", .datetime).notNull()
                t.column("source", .text).notNull()
                    .check(sql: "source IN ('cli', 'workbook')")
                t.check(sql: "berita_acara_number IS NOT NULL OR tested_at IS NOT NULL")
            }
            try db.alter(table: "version_items") { t in
                t.add(column: "test_completion", .integer)
                    .references("consequence_test_completions", onDelete: .restrict)
            }
        }

        return migrator
    }

    /// Migrates the register, reporting an upgrade: a register that already holds migrations
    /// (made by an earlier dip) and lacks some is first copied whole, with SQLite's backup
    /// API, to `archive/cadangan-register/register-sebelum-<first migration>.sqlite` beside it
    /// (an existing copy of that name is kept: it is the same state), so an upgrade can be
    /// undone by putting the copy back. A new register, or one a killed first run left between
    /// two migrations with no record in it, is only migrated; one holding migrations this
    /// build does not know is refused before anything is written.
    /// Whether any table of the register holds a row (GRDB's list of migrations aside).
    static func holdsRecords(_ db: Database) throws -> Bool {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'grdb_migrations'
            ORDER BY name
            """)
        for table in tables where try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM \(table.quotedDatabaseIdentifier))") == true {
            return true
        }
        return false
    }

    static func upgrade(_ writer: any DatabaseWriter, path: String?) throws -> RegisterUpgrade? {
        let migrator = Self.migrator
        let applied = try writer.read { try migrator.appliedIdentifiers($0) }
        let unknown = applied.subtracting(migrator.migrations).sorted()
        if !unknown.isEmpty {
            throw RegisterError.madeByNewerProgram(path: path ?? ":memory:", unknownMigrations: unknown)
        }
        let pending = migrator.migrations.filter { !applied.contains($0) }
        // GRDB runs each migration in a transaction of its own, so a first run killed between two
        // of them leaves a register with some migrations and no record at all. Finishing it is
        // no upgrade of anybody's register: nothing to copy or report (the crash harness found the
        // copy appearing in archive/ after such a kill, where a run never killed has none).
        guard !applied.isEmpty, !pending.isEmpty, try writer.read(holdsRecords) else {
            try migrate(pending, applied: applied, with: migrator, writer)
            return nil
        }
        var backup: String?
        if let path {
            let folder = ((path as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent(RegisterUpgrade.backupFolderName)
            let target = (folder as NSString).appendingPathComponent("register-sebelum-\(pending[0]).sqlite")
            if !FileManager.default.fileExists(atPath: target) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                // A temporary name a later run's housekeeping removes if this one is killed.
                let temporary = (folder as NSString).appendingPathComponent(".register-sebelum-\(pending[0]).sqlite.tmp-\(getpid())")
                try? FileManager.default.removeItem(atPath: temporary)
                do {
                    let copy = try DatabaseQueue(path: temporary)
                    try writer.backup(to: copy)
                    try copy.close()
                } catch {
                    try? FileManager.default.removeItem(atPath: temporary)
                    throw error
                }
                guard rename(temporary, target) == 0 else {
                    let reason = String(cString: strerror(errno))
                    try? FileManager.default.removeItem(atPath: temporary)
                    throw RegisterError.cannotOpen(path: target, reason: "salinan register sebelum pemutakhiran: \(reason)")
                }
            }
            backup = target
        }
        try migrate(pending, applied: applied, with: migrator, writer)
        return RegisterUpgrade(applied: pending, backupPath: backup)
    }

    /// Applies `pending` in order, each in its own transaction as GRDB runs them, checkpointing
    /// the write-ahead log after each: every migration rewrites the schema's pages, and without a
    /// checkpoint a new register's log held all of them at once (about 480 KB for 23 migrations,
    /// more than the register itself), so a nearly full disk refused the register before the
    /// first list was read (HostileInboxTests' full-disk case, session 27).
    ///
    /// GRDB stops the process (a fatal error, not a thrown one) when asked to migrate up to a
    /// migration older than one already applied. A register with a gap (a migration missing
    /// below the newest applied one, as the upgrade tests make an older register) takes the gap
    /// and everything up to its newest applied migration in one step, then the rest one by one.
    private static func migrate(_ pending: [String], applied: Set<String>, with migrator: DatabaseMigrator,
                                _ writer: any DatabaseWriter) throws {
        let all = migrator.migrations
        var steps = pending
        if let newest = all.lastIndex(where: applied.contains),
           steps.contains(where: { (all.firstIndex(of: $0) ?? 0) < newest }) {
            try migrator.migrate(writer, upTo: all[newest])
            try? writer.writeWithoutTransaction { try $0.checkpoint(.passive) }
            steps = steps.filter { (all.firstIndex(of: $0) ?? 0) > newest }
        }
        for identifier in steps {
            try migrator.migrate(writer, upTo: identifier)
            // Passive: never waits for a reader (`dip status` in another process); once the log
            // is copied back, the next migration writes it again from its start.
            try? writer.writeWithoutTransaction { try $0.checkpoint(.passive) }
        }
    }
}

/// A register made by an earlier dip, migrated when this one opened it.
public struct RegisterUpgrade: Sendable, Equatable {
    /// The folder under `archive/` that keeps each register copied before an upgrade.
    public static let backupFolderName = "cadangan-register"
    /// The migrations applied, in order (their names are in CHANGELOG.md, with what they mean).
    public var applied: [String]
    /// The copy of the register from before them.
    public var backupPath: String?

    /// One sentence for the IT officer, the log and the terminal.
    public var text: String {
        var text = "Register dimutakhirkan untuk versi dip ini (\(applied.count) perubahan: "
            + applied.joined(separator: ", ") + "); isinya tetap"
        if let backupPath {
            text += "; salinan register sebelum pemutakhiran: \(backupPath) (simpan sampai versi ini terbukti berjalan baik)"
        }
        return text + "."
    }
}
