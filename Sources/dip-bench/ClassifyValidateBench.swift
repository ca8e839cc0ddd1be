import DIPCore
import Foundation
import Rules

/// The unit a body is split by for validation: the Kota Bekasi OPDs come from one register
/// (`sumber` pemkotbekasi/…) and their titles echo each other, so they go to one fold together;
/// any other body is its own unit.
private func splitUnit(_ precedent: Precedent) -> String {
    precedent.source.hasPrefix("pemkotbekasi/") ? "pemkotbekasi/" : precedent.body
}

/// "classify-validate": nested validation inside the training bodies, so engine choices are no
/// longer made on the held-out bodies (nor on the leave-one-body-out figure alone, whose
/// precedents include 37 of 38 bodies). The training bodies are split by a salted FNV-1a hash
/// of their name (`Evaluator.validationFold`, a different hash from the held-out split) into
/// `folds` folds; each fold in turn is the validation set and the other folds are inner-train:
/// precedents and the learned layer come from inner-train only. Prints each fold's five figures,
/// the mean of the folds' percentages, the pooled figures (every training body validated
/// once) and the confusion of categories (the body's against dip's suggestion).
///
/// Caveat: the rules themselves were tuned looking at all training bodies, so validation
/// recall of withheld items overstates what unseen bodies get (docs/classification.md §9).
func classifyValidateBench() throws {
    guard let split = try corpusSplit("classify-validate") else { return }
    let ruleSet = split.ruleSet, training = split.training
    let policy = policyFromEnvironment()
    let folds = Evaluator.validationFolds, repeats = Evaluator.validationRepeats
    print("training: \(training.count) items from \(Set(training.map(\.body)).count) bodies; \(repeats) splits into \(folds) "
          + "validation folds by salted hashes of the body (Kota Bekasi register as one unit); precedents and the learned "
          + "layer from the other folds only")
    // Every figure three ways: all validation items, those whose title has a near-identical twin
    // (`hasNearIdenticalTwin`, the rule classify-fresh uses) at an inner-train body, and those
    // without one. The part without a twin is what an unseen body mostly brings (wording no
    // known body used): engine choices are made on it.
    let parts = ["all", "with a near-identical twin at an inner-train body", "without one (no twin)"]
    var pooled = [EvaluationReport](repeating: EvaluationReport(), count: parts.count)
    var means = [FoldMeans](repeating: FoldMeans(), count: parts.count)
    var pooledSilent = EvaluationReport()
    // Withheld (0) and open (1) items without a twin: flagged, or not flagged but perlu
    // ditinjau (any reason), i.e. put in front of the PPID either way.
    var safetyNet = [(items: Int, flagged: Int, reviewed: Int)](repeating: (0, 0, 0), count: 2)
    // The same rule files without a single keyword rule (aturan.yaml emptied; kategori, grounds,
    // kamus and open markers kept): precedents and the learned layer alone. Rules were written
    // while reading the training bodies' titles, so on validation they catch what they were
    // written for; the engine alone on the items without a twin is what the engine brings to
    // wording no rule was written for.
    let bare = try RuleSet.load(files: DefaultRules.files
        .filter { RuleSet.fileNames.contains($0.name) || RuleSet.optionalFileNames.contains($0.name) }
        .map { $0.name == "aturan.yaml" ? ($0.name, "aturan: []\n") : $0 })
    var pooledBare = EvaluationReport()
    var layerScores: [(probability: Double, withheld: Bool, silent: Bool)] = []
    var confusion: [Category: [String: Int]] = [:]
    let categoryRules = Set(ruleSet.rules.filter { $0.category != nil }.map(\.id))
    for round in 0..<repeats {
        for fold in 0..<folds {
            let inFold = { (p: Precedent) in Evaluator.validationFold(of: splitUnit(p), split: round, folds: folds) == fold }
            let validation = training.filter(inFold)
            let inner = training.filter { !inFold($0) }
            guard !validation.isEmpty else { continue }
            let classifier = Classifier(ruleSet: ruleSet, precedents: inner, policy: policy)
            let twinned = validation.filter { hasNearIdenticalTwin($0.title, in: classifier.precedentIndex) }
            let unseen = validation.filter { !hasNearIdenticalTwin($0.title, in: classifier.precedentIndex) }
            let twinReport = Evaluator.evaluate(labelled(twinned), classifier: classifier)
            let unseenReport = Evaluator.evaluate(labelled(unseen), classifier: classifier)
            var r = twinReport
            r.add(unseenReport)
            // Inside the part without a twin, the items no rule fires on: there only precedents
            // and the learned layer speak, and both come from inner-train alone, so this figure
            // is not lifted by rules written while reading these bodies' titles.
            pooledBare.add(Evaluator.evaluate(labelled(unseen), classifier: Classifier(ruleSet: bare, precedents: inner, policy: policy)))
            let silent = unseen.filter { classifier.firings($0.title).isEmpty }
            pooledSilent.add(Evaluator.evaluate(labelled(silent), classifier: classifier))
            for precedent in unseen {
                let c = classifier.classify(plainItem(precedent.title))
                let withheld = precedent.category == .dikecualikan
                safetyNet[withheld ? 0 : 1].items += 1
                if c.needsConsequenceTest { safetyNet[withheld ? 0 : 1].flagged += 1 }
                else if c.needsReview { safetyNet[withheld ? 0 : 1].reviewed += 1 }
                layerScores.append((c.learned?.withheldProbability ?? 0, precedent.category == .dikecualikan,
                                    c.hits.isEmpty))
            }
            for item in labelled(validation) {
                let c = classifier.classify(plainItem(item.title))
                confusion[item.category, default: [:]][c.suggested?.rawValue ?? "-", default: 0] += 1
                if round == 0, ProcessInfo.processInfo.environment["DIP_VALIDATE_ITEMS"] != nil {
                    let source = c.hits.contains { hit in categoryRules.contains(hit.ruleID) } ? "aturan"
                        : c.notes.contains { $0.contains("paling sering dipakai") } ? "fallback"
                        : c.notes.contains { $0.hasPrefix("Dari kata-katanya") } ? "lapisan" : "preseden"
                    print("item\t\(item.category.rawValue)\t\(c.suggested?.rawValue ?? "-")\t\(source)\t\(item.title)\t\(item.body)")
                }
            }
            print("   split \(round) fold \(fold): \(r.items) items, \(Set(validation.map(\.body)).count) bodies: "
                  + FoldMeans.summary(r) + "; no twin: " + FoldMeans.summary(unseenReport))
            for (i, report) in [r, twinReport, unseenReport].enumerated() {
                means[i].add(report)
                pooled[i].add(report)
            }
        }
    }
    for (i, part) in parts.enumerated() {
        print("-- \(part): mean over the folds: " + means[i].summary)
        print("-- \(part): pooled over the \(repeats) splits (every training body validated \(repeats) times):")
        for line in pooled[i].figureLines { print("   " + line) }
        print("   " + pooled[i].groundDetailLine)
        print("   " + pooled[i].reviewLine)
    }
    print("-- no twin, and no rule fires (only precedents and the learned layer, all from inner-train, speak): "
          + "\(pooledSilent.items) items, pooled")
    for line in pooledSilent.figureLines.prefix(4) { print("   " + line) }
    print("   " + pooledSilent.reviewLine)
    for (i, name) in ["withheld", "open"].enumerated() {
        let n = safetyNet[i]
        print(String(format: "-- no twin, %@ items flagged or perlu ditinjau (any reason): %d + %d of %d = %.1f%%", name as NSString,
                     n.flagged, n.reviewed, n.items, n.items == 0 ? 0 : Double(n.flagged + n.reviewed) * 100 / Double(n.items)))
    }
    print("-- no twin, precedents + learned layer alone (no keyword rule at all), all from inner-train: \(pooledBare.items) items, pooled")
    for line in pooledBare.figureLines.prefix(4) { print("   " + line) }
    print("   " + pooledBare.reviewLine)
    print("-- learned layer's probability on the items without a twin (pooled; all / no rule fires):")
    for threshold in [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999] {
        func count(_ withheld: Bool, _ silentOnly: Bool) -> String {
            let pool = layerScores.filter { $0.withheld == withheld && (!silentOnly || $0.silent) }
            let reached = pool.filter { $0.probability >= threshold }.count
            return String(format: "%d/%d = %.1f%%", reached, pool.count, pool.isEmpty ? 0 : Double(reached) * 100 / Double(pool.count))
        }
        print(String(format: "   p >= %.3f: ", threshold) + "withheld \(count(true, false)), open \(count(false, false)); "
              + "no rule fires: withheld \(count(true, true)), open \(count(false, true))")
    }
    print("-- category confusion, pooled (body's category: dip's suggestions):")
    for category in Category.allCases {
        let row = confusion[category] ?? [:]
        let cells = (Category.allCases.map(\.rawValue) + ["-"]).map { "\($0) \(row[$0] ?? 0)" }.joined(separator: ", ")
        print("   \(category.rawValue) (\(row.values.reduce(0, +))): \(cells)")
    }
    let mean = means[0].values
    reportPercent("classify-validate: mean exempt recall", mean[0])
    reportPercent("classify-validate: mean open items flagged", mean[1])
    reportPercent("classify-validate: mean with a suggestion", mean[2])
    reportPercent("classify-validate: mean category agreement", mean[3])
    reportPercent("classify-validate: mean Pasal 17 letter agreement", mean[4])
    let unseenMean = means[2].values
    reportPercent("classify-validate: no twin, mean exempt recall", unseenMean[0])
    reportPercent("classify-validate: no twin, mean open items flagged", unseenMean[1])
    reportPercent("classify-validate: no twin, mean category agreement", unseenMean[3])
    reportShare("classify-validate: no twin, pooled exempt recall", pooled[2].exemptFlagged, pooled[2].exempt)
    reportShare("classify-validate: no twin, pooled open items flagged", pooled[2].openFlagged, pooled[2].open)
    reportShare("classify-validate: pooled open items flagged", pooled[0].openFlagged, pooled[0].open)
    reportShare("classify-validate: no twin, withheld flagged or perlu ditinjau", safetyNet[0].flagged + safetyNet[0].reviewed, safetyNet[0].items)
    reportShare("classify-validate: no twin, open flagged or perlu ditinjau", safetyNet[1].flagged + safetyNet[1].reviewed, safetyNet[1].items)
    reportShare("classify-validate: no twin, without rules, exempt recall", pooledBare.exemptFlagged, pooledBare.exempt)
    reportShare("classify-validate: no twin, without rules, open items flagged", pooledBare.openFlagged, pooledBare.open)
    reportShare("classify-validate: no twin, no rule fires, exempt recall", pooledSilent.exemptFlagged, pooledSilent.exempt)
    reportShare("classify-validate: no twin, no rule fires, open items flagged", pooledSilent.openFlagged, pooledSilent.open)
    if ProcessInfo.processInfo.environment["DIP_VALIDATE_MISSES"] != nil {
        for miss in pooled[1].misses { print("   miss (twin): " + miss) }
        for miss in pooled[2].misses { print("   miss (no twin): " + miss) }
    }
}

/// The mean over folds of the five figures (percentages), each over the folds that have items
/// for it: a fold without a withheld item with a stated ground says nothing about letters.
struct FoldMeans {
    private var sums = [Double](repeating: 0, count: 5)
    private var counted = [Int](repeating: 0, count: 5)

    mutating func add(_ r: EvaluationReport) {
        for (i, (part, whole)) in FoldMeans.pairs(r).enumerated() where whole > 0 {
            sums[i] += Double(part) * 100 / Double(whole)
            counted[i] += 1
        }
    }

    static func pairs(_ r: EvaluationReport) -> [(Int, Int)] {
        [(r.exemptFlagged, r.exempt), (r.openFlagged, r.open), (r.suggested, r.items), (r.agreed, r.items),
         (r.groundAgreed, r.withGround)]
    }

    /// Each figure's mean, nil when no fold had anything to measure for it.
    var values: [Double?] { (0..<5).map { counted[$0] == 0 ? nil : sums[$0] / Double(counted[$0]) } }

    var summary: String {
        let names = ["withheld flagged", "open flagged", "suggested", "category", "letter"]
        return values.enumerated().map { i, value in
            "\(names[i]) " + (value.map { String(format: "%.1f%%", $0) } ?? "-") + " (\(counted[i]) folds)"
        }.joined(separator: ", ")
    }

    /// One fold's five figures as "withheld flagged 12/15 = 80.0%, …".
    static func summary(_ r: EvaluationReport) -> String {
        func percent(_ part: Int, _ whole: Int) -> String {
            whole == 0 ? "\(part)/0" : String(format: "%d/%d = %.1f%%", part, whole, Double(part) * 100 / Double(whole))
        }
        let names = ["withheld flagged", "open flagged", "suggested", "category", "letter"]
        return zip(names, pairs(r)).map { "\($0) \(percent($1.0, $1.1))" }.joined(separator: ", ")
    }
}

/// An item with only a title, as the evaluation classifies it (the body's category hidden).
func plainItem(_ title: String) -> InformationItem {
    InformationItem(source: SourceLocation(file: "", sheet: nil, row: 0), nomor: "", ringkasan: title, pejabatPenguasa: "",
                    penanggungJawab: "", waktuPembuatan: "", tempatPembuatan: "", bentuk: "", retensi: "")
}
