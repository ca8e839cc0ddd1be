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

    public func report(items: [(unit: String, item: InformationItem, classification: Classification)]) -> CompletenessReport {
        let listOf = Dictionary(ruleSet.rules.compactMap { rule in rule.listEntry.map { (rule.id, $0) } },
                                uniquingKeysWith: { a, _ in a })
        let setiapSaatCodes = ruleSet.setiapSaat.map(\.code)
        func entry(_ unit: String?, _ rows: [(unit: String, item: InformationItem, classification: Classification)]) -> CompletenessEntry {
            var counts: [String: Int] = [:]
            var entries = Set<String>()
            for row in rows {
                let c = row.classification
                guard !c.needsConsequenceTest, (c.suggested ?? c.declared) != .dikecualikan else { continue }
                if let subgroup = c.subgroup { counts[subgroup.rawValue, default: 0] += 1 }
                for hit in c.hits { if let code = listOf[hit.ruleID] { entries.insert(code) } }
            }
            return CompletenessEntry(
                unit: unit, itemCount: rows.count, subgroupCounts: counts,
                missingSubgroups: BerkalaSubgroup.allCases.filter { counts[$0.rawValue] == nil },
                missingSetiapSaat: setiapSaatCodes.filter { !entries.contains($0) })
        }
        let byUnit = Dictionary(grouping: items, by: \.unit)
        return CompletenessReport(
            units: byUnit.keys.sorted().map { entry($0, byUnit[$0]!) },
            body: entry(nil, items),
            setiapSaatNames: Dictionary(ruleSet.setiapSaat.map { ($0.code, $0.name) }) { a, _ in a })
    }
}
