import DIPCore
import Foundation
import Rules

/// "classify-probes": the law probes (Tests/RulesTests/Fixtures/probe-uu-*.csv, titles written
/// from UU 14/2008, Perki 1/2021 and sectoral law, never from a body's list) classified by the
/// full engine: the shipped rules with the precedents and the learned layer of the training
/// bodies only (held-out and fresh bodies left out, as in classify-train). `LawProbeTests`
/// checks the rules alone; an engine change to precedents or the learned layer is checked
/// here, so that what it adds on the corpus is weighed against what it costs on wording
/// written from the law (open probes flagged must not rise).
func classifyProbesBench() throws {
    guard let split = try corpusSplit("classify-probes") else { return }
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/RulesTests/Fixtures")
    let policy = policyFromEnvironment()
    let classifier = Classifier(ruleSet: split.ruleSet, precedents: split.training, policy: policy)
    print("law probes with the precedents and the learned layer of \(split.training.count) training items "
          + "from \(Set(split.training.map(\.body)).count) bodies (policy from DIP_POLICY when set)")
    for (name, label) in [("probe-uu-dikecualikan.csv", "exempt probes"), ("probe-uu-terbuka.csv", "open probes")] {
        let file = fixtures.appendingPathComponent(name)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            print("classify-probes: \(file.path) not found (run from a checkout)")
            return
        }
        // DIP_PROBE_KIND=kabupaten reads every probe as an item of a body of that kind (a policy
        // that reads the body's kind, `PrecedentPolicy.readsBodyKind`, then uses it).
        let kind = ProcessInfo.processInfo.environment["DIP_PROBE_KIND"] ?? ""
        let items = try LabelledList.read(text, file: name).map { item -> LabelledItem in
            var item = item
            if !kind.isEmpty { item.bodyKind = kind }
            return item
        }
        let report = Evaluator.evaluate(items, classifier: classifier, file: name)
        for item in items where layerFlagsWanted {
            printLayerFlag("\(name):\(item.line)", category: item.category, title: item.title, body: "", classifier.classify(plainItem(item.title)))
        }
        print("-- \(name): \(report.items) items")
        for line in report.figureLines { print("   " + line) }
        print("   " + report.reviewLine)
        if label == "exempt probes" {
            reportShare("classify-probes: exempt probes flagged", report.exemptFlagged, report.exempt)
            // The same probes as a unit declaring them withheld without writing a basis: how
            // many dip leaves without a letter, and whether the letter it gives is the law's.
            var empty = 0, lettered = 0, lawful = 0
            for item in items where !item.groundLetters.isEmpty {
                var declared = plainItem(item.title)
                declared.kategori = .dikecualikan
                let c = classifier.classify(declared)
                let letters = Set(c.exemptionGrounds.map { String($0.dropFirst(2).prefix(1)) })
                if letters.isEmpty { empty += 1; continue }
                lettered += 1
                if !letters.isDisjoint(with: item.groundLetters) { lawful += 1 }
            }
            print("   declared dikecualikan without a basis: no letter \(empty) of \(empty + lettered); "
                  + "with a letter, the probe's letter \(lawful)/\(lettered)")
        } else {
            reportShare("classify-probes: open probes flagged", report.openFlagged, report.open)
            reportShare("classify-probes: open probes category agreement", report.agreed, report.items)
        }
        if ProcessInfo.processInfo.environment["DIP_PROBE_MISSES"] != nil {
            for miss in report.misses where label == "open probes" || miss.contains("terlewat") { print("   miss: " + miss) }
        }
    }
}
