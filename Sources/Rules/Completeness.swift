import DIPCore

/// What one unit (or the whole body) lacks: the berkala sub-groups A–K and the setiap saat
/// entries with no open item — what Komisi Informasi's e-Monev checks (*kelengkapan*).
public struct CompletenessEntry: Codable, Hashable, Sendable {
    /// The unit code, or nil for the whole body.
    public var unit: String?
    public var itemCount: Int
    /// Open items per sub-group present.
    public var subgroupCounts: [String: Int]
    public var missingSubgroups: [BerkalaSubgroup]
    /// Codes of setiap saat entries (kategori.yaml) with no item.
    public var missingSetiapSaat: [String]
}

/// The completeness report: one entry per unit (sorted by code) and one for the body.
public struct CompletenessReport: Codable, Hashable, Sendable {
    public var units: [CompletenessEntry]
    public var body: CompletenessEntry
    /// Indonesian names of the setiap saat entries by code (kategori.yaml), for people.
    public var setiapSaatNames: [String: String]?

    /// "Daftar Informasi Publik" for "dip"; the code itself when no name is known.
    public func setiapSaatName(_ code: String) -> String { setiapSaatNames?[code] ?? code }
}

/// Computes *kelengkapan* from classified items. Items needing a consequence test or exempted
/// do not count: they are not published.
public struct Completeness: Sendable {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    /// The report of items held in memory. A run counts while it reads the register (`tally()`);
    /// this whole-list form serves callers that already hold the items (the tests).
    public func report(items: [(unit: String, item: InformationItem, classification: Classification)]) -> CompletenessReport {
        var tally = tally()
        for row in items { tally.add(unit: row.unit, classification: row.classification) }
        return tally.report()
    }

    /// An empty count, fed one item at a time (the review pack counts a regency's items as it
    /// reads them, without holding them).
    public func tally() -> Tally {
        Tally(listOf: Dictionary(ruleSet.rules.compactMap { rule in rule.listEntry.map { (rule.id, $0) } },
                                 uniquingKeysWith: { a, _ in a }),
              setiapSaat: ruleSet.setiapSaat.map { ($0.code, $0.name) })
    }

    /// The counts behind a `CompletenessReport`, per unit and for the body.
    public struct Tally: Sendable {
        struct Counts: Sendable {
            var items = 0
            var subgroups: [String: Int] = [:]
            var entries = Set<String>()
        }

        let listOf: [String: String]
        let setiapSaat: [(code: String, name: String)]
        var units: [String: Counts] = [:]
        var body = Counts()

        /// Counts one item of `unit`.
        public mutating func add(unit: String, classification c: Classification) {
            var counts = units.removeValue(forKey: unit) ?? Counts()
            add(c, to: &counts)
            units[unit] = counts
            add(c, to: &body)
        }

        private func add(_ c: Classification, to counts: inout Counts) {
            counts.items += 1
            guard !c.needsConsequenceTest, (c.suggested ?? c.declared) != .dikecualikan else { return }
            if let subgroup = c.subgroup { counts.subgroups[subgroup.rawValue, default: 0] += 1 }
            for hit in c.hits { if let code = listOf[hit.ruleID] { counts.entries.insert(code) } }
        }

        public func report() -> CompletenessReport {
            func entry(_ unit: String?, _ counts: Counts) -> CompletenessEntry {
                CompletenessEntry(
                    unit: unit, itemCount: counts.items, subgroupCounts: counts.subgroups,
                    missingSubgroups: BerkalaSubgroup.allCases.filter { counts.subgroups[$0.rawValue] == nil },
                    missingSetiapSaat: setiapSaat.map(\.code).filter { !counts.entries.contains($0) })
            }
            return CompletenessReport(
                units: units.keys.sorted().map { entry($0, units[$0]!) },
                body: entry(nil, body),
                setiapSaatNames: Dictionary(setiapSaat.map { ($0.code, $0.name) }) { a, _ in a })
        }
    }
}
