import DIPCore
import Foundation
import Rules

/// "classify-unit-names": how often the PPID's own decisions reach a unit's other titles through
/// the unit's name alone (docs/classification.md §53). Training bodies only (never a held-out
/// or fresh body's row): split 0 of the nested validation, each fold in turn. Every title of the
/// fold's bodies goes to one of the example regency's units (rules/unit.yaml, by a hash of the
/// title) and gets that unit's name written into it as units write it (after the title, or
/// before it with " - "; a name in the old spelling, "Dradjat", half the time in the new one,
/// "Drajat"). Half of each unit's titles (by another hash) are the PPID's decisions: a withheld
/// title a concluded consequence test with the body's grounds, an open one an approval of the
/// body's category. The other half are classified with the other folds as the corpus and those
/// decisions as the register's precedents.
///
/// The same is done without names (the plain titles, decisions on the plain titles): what
/// differs between the two is what the names alone did. Printed for the standard policy (names
/// left out of the PPID's decisions and, since session 28, of the item against every precedent:
/// `itemsLeaveOutUnitNames`) and for names compared as any word (both fields off, as before
/// session 27); `DIP_POLICY` applies to both. `DIP_UNIT_NAMES_ITEMS=1` prints each item whose flag the name
/// changes (training titles).
func classifyUnitNamesBench() throws {
    guard let split = try corpusSplit("classify-unit-names") else { return }
    let ruleSet = split.ruleSet, training = split.training
    guard let unitFile = DefaultRules.files.first(where: { $0.name == "unit.yaml" }) else { return }
    let units = try UnitDirectory.parse(unitFile.contents).units
    guard !units.isEmpty else { return }
    let unitNames = units.flatMap { [$0.name, String($0.code.map { $0 == "-" || $0 == "_" || $0 == "." ? " " : $0 })] }
    let printItems = ProcessInfo.processInfo.environment["DIP_UNIT_NAMES_ITEMS"] != nil
    func hash(_ key: String, _ salt: Int, _ count: Int) -> Int { Evaluator.validationFold(of: key, split: 1000 + salt, folds: count) }
    /// The name as the unit's titles write it.
    func written(_ name: String, _ key: String) -> String {
        guard hash(key, 3, 2) == 0 else { return name }
        return name.replacingOccurrences(of: "dj", with: "j").replacingOccurrences(of: "Dj", with: "J")
            .replacingOccurrences(of: "tj", with: "c").replacingOccurrences(of: "oe", with: "u")
    }
    func named(_ title: String, unit: WorkUnit) -> String {
        let name = written(unit.name, title)
        return hash(title, 2, 4) == 0 ? "\(name) - \(title)" : "\(title) \(name)"
    }
    var base = policyFromEnvironment()
    base.ppidDecisionsLeaveOutNames = true
    var before = base
    before.ppidDecisionsLeaveOutNames = false
    before.itemsLeaveOutUnitNames = false
    print("classify-unit-names: training \(training.count) items of \(Set(training.map(\.body)).count) bodies (split 0, "
          + "\(Evaluator.validationFolds) folds); \(units.count) units of rules/unit.yaml")
    for (label, policy) in [("names compared as any word (before)", before), ("names left out (standard)", base)] {
        // [named, plain] × [withheld, open]: flagged, flagged or reviewed; category as the body's.
        var items = [0, 0], decisions = [0, 0]
        var flagged = [[0, 0], [0, 0]], reached = [[0, 0], [0, 0]], category = [0, 0]
        var ownNear = [0, 0]
        var openFlagsFromNames = 0, withheldFlagsLostToNames = 0, withheldFlagsFromNames = 0, openFlagsLostToNames = 0
        var categoryChanged = 0
        for fold in 0..<Evaluator.validationFolds {
            let inFold = { (p: Precedent) in
                Evaluator.validationFold(of: p.source.hasPrefix("pemkotbekasi/") ? "pemkotbekasi/" : p.body, split: 0) == fold
            }
            let validation = training.filter(inFold)
            let inner = training.filter { !inFold($0) }
            var decided: [(Precedent, WorkUnit)] = [], asked: [(Precedent, WorkUnit)] = []
            for p in validation {
                let unit = units[hash(p.title + "|" + p.body, 1, units.count)]
                if hash(p.title + "|" + p.body, 4, 2) == 0 { decided.append((p, unit)) } else { asked.append((p, unit)) }
            }
            func decision(_ p: Precedent, _ unit: WorkUnit, named withName: Bool) -> Precedent {
                Precedent(title: withName ? named(p.title, unit: unit) : p.title, category: p.category, grounds: p.grounds,
                          body: unit.name, bodyKind: "ppid", source: "register: simulasi", origin: .ppid)
            }
            let withNames = Classifier(ruleSet: ruleSet, precedents: decided.map { decision($0.0, $0.1, named: true) } + inner,
                                       unitNames: unitNames, policy: policy)
            let plain = Classifier(ruleSet: ruleSet, precedents: decided.map { decision($0.0, $0.1, named: false) } + inner,
                                   unitNames: unitNames, policy: policy)
            decisions[0] += decided.filter { $0.0.category == .dikecualikan }.count
            decisions[1] += decided.filter { $0.0.category != .dikecualikan }.count
            for (p, unit) in asked {
                let w = p.category == .dikecualikan ? 0 : 1
                items[w] += 1
                let text = named(p.title, unit: unit)
                let a = withNames.classify(plainItem(text)), b = plain.classify(plainItem(p.title))
                for (side, c) in [a, b].enumerated() {
                    if c.needsConsequenceTest { flagged[side][w] += 1 }
                    if c.needsConsequenceTest || c.needsReview { reached[side][w] += 1 }
                    if c.suggested == p.category { category[side] += 1 }
                    if c.precedents.contains(where: { $0.origin == Precedent.Origin.ppid.rawValue && $0.similarity >= 0.3 }) {
                        ownNear[side] += 1
                    }
                }
                if a.suggested != b.suggested { categoryChanged += 1 }
                if a.needsConsequenceTest != b.needsConsequenceTest {
                    if w == 1 { if a.needsConsequenceTest { openFlagsFromNames += 1 } else { openFlagsLostToNames += 1 } }
                    else { if a.needsConsequenceTest { withheldFlagsFromNames += 1 } else { withheldFlagsLostToNames += 1 } }
                    if printItems {
                        let near = a.precedents.first.map { "\($0.origin) \(Int(($0.similarity * 100).rounded()))% '\($0.title)'" } ?? "-"
                        print("  \(p.category.rawValue)\tnamed \(a.needsConsequenceTest ? "flagged" : "not flagged")\t\(text)\t<- \(near)")
                    }
                }
            }
        }
        func share(_ n: Int, _ d: Int) -> String { d == 0 ? "\(n)/0" : String(format: "%d/%d = %.1f %%", n, d, 100 * Double(n) / Double(d)) }
        print("\(label): \(decisions[0]) withheld and \(decisions[1]) open decisions; \(items[0]) withheld and \(items[1]) open items")
        print("   with names:    withheld flagged \(share(flagged[0][0], items[0])), open flagged \(share(flagged[0][1], items[1])); "
              + "flagged or reviewed \(reached[0][0]) / \(reached[0][1]); category \(share(category[0], items[0] + items[1])); "
              + "an own decision ≥ 30 % near: \(ownNear[0])")
        print("   without names: withheld flagged \(share(flagged[1][0], items[0])), open flagged \(share(flagged[1][1], items[1])); "
              + "flagged or reviewed \(reached[1][0]) / \(reached[1][1]); category \(share(category[1], items[0] + items[1])); "
              + "an own decision ≥ 30 % near: \(ownNear[1])")
        print("   what the names alone did: open items flagged \(openFlagsFromNames), open flags lost \(openFlagsLostToNames); "
              + "withheld flags lost \(withheldFlagsLostToNames), withheld flags gained \(withheldFlagsFromNames); "
              + "suggested category changed \(categoryChanged)")
    }
}
