import DIPCore
import Foundation
import Logging
import Register
import Rules

/// Items on record after a rule change (session 25, docs/review.md). A run classifies at
/// intake; an item a unit sent before the PPID edited `rules/` (or before an upgrade shipped
/// new rules or a new classifier) keeps the classification of the old rules. So when the rules
/// key (`Configuration.rulesKey`: the rule files' bytes and the dip build) differs from the one
/// of the register's newest pass, a run classifies again every current item recorded before
/// this run's intake, and records, in one transaction, the items whose outcome would change
/// (category, consequence-test flag, Pasal 17 grounds). Nothing changes for them until the
/// PPID decides (review workbook sheet `Aturan Baru`): the PPID's decisions on record stand.
public enum RuleChanges {
    /// What a pass found.
    public struct Pass: Sendable {
        public var checked = 0
        public var changes: [RuleChange] = []
    }

    /// The key of the rules in `files` under this dip build.
    static func key(files: [(name: String, contents: String)]) -> String {
        PartKeys.key(["klasifikasi"] + files.flatMap { [$0.name, $0.contents] })
    }

    /// Classifies again the current items recorded up to `watermark` (every current item when
    /// nil) and lists those whose outcome differs. Reads only.
    public static func evaluate(register: AppDatabase, classifier: Classifier, upTo watermark: Int64? = nil) throws -> Pass {
        var pass = Pass()
        try register.forEachRecordedClassification(upTo: watermark) { recorded in
            pass.checked += 1
            let now = classifier.classify(recorded.item)
            if let change = RuleChange.compare(itemID: recorded.itemID, unit: recorded.unit, revision: recorded.revision,
                                               item: recorded.item, old: recorded.classification, new: now) {
                pass.changes.append(change)
            }
        }
        return pass
    }

    /// The run's step: when the rules key differs from the newest pass's, re-evaluates the items
    /// recorded up to `watermark` (taken before this run's intake: what the intake recorded was
    /// classified by these rules already) and records the pass. Nil when nothing was to do.
    static func run(register: AppDatabase, config: Configuration, watermark: Int64,
                    classifier: () throws -> Classifier, clock: Clock, logger: Logger) throws -> [RuleChange]? {
        guard !config.rulesKey.isEmpty, try register.lastRulePassKey() != config.rulesKey else { return nil }
        let pass = watermark > 0 ? try evaluate(register: register, classifier: try classifier(), upTo: watermark) : Pass()
        guard let recorded = try register.recordRulePass(key: config.rulesKey, at: clock.now, changes: pass.changes) else { return nil }
        if !recorded.isEmpty {
            logger.notice("\(Self.changedEvent)", metadata: [
                "diperiksa": "\(pass.checked)", "berubah": "\(recorded.count)", "pesan": "\(Self.someNote)",
            ])
        } else if pass.checked > 0 {
            logger.info("\(Self.event)", metadata: ["diperiksa": "\(pass.checked)", "berubah": "0", "pesan": "\(Self.noneNote)"])
        }
        return recorded
    }

    static let event = "aturan berubah: informasi tercatat diperiksa ulang"
    /// Logged (and shown by `dip run --quiet`) when items on record would be classified differently.
    public static let changedEvent = "klasifikasi berubah karena aturan baru"
    static let noneNote = "klasifikasi tidak ada yang berubah"
    static let someNote = "menunggu keputusan PPID: reports/review/pemeriksaan-dip.xlsx sheet Aturan Baru, atau dip status"
}
