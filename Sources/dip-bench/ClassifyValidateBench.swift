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
    // Why those not flagged are perlu ditinjau.
    var reviewReasons = ReviewReasons()
    // The open items without a twin again, each declaring the body's own category as a unit does.
    // DIP_DECLARE_WITHHELD=setiap_saat (or serta_merta): the open category withheld items are declared.
    let withheldDeclaredAs = ProcessInfo.processInfo.environment["DIP_DECLARE_WITHHELD"].flatMap(Category.init(rawValue:)) ?? .berkala
    var declaredCounts = [(items: Int, flagged: Int, reviewed: Int)](repeating: (0, 0, 0), count: 2)
    var declaredReasons = ReviewReasons()
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
    var byKind: [String: EvaluationReport] = [:]
    var flaggedWithoutLetter = [0, 0]
    let categoryRules = Set(ruleSet.rules.filter { $0.category != nil }.map(\.id))
    for round in 0..<repeats {
        for fold in 0..<folds {
            let inFold = { (p: Precedent) in Evaluator.validationFold(of: splitUnit(p), split: round, folds: folds) == fold }
            let validation = training.filter(inFold)
            let inner = training.filter { !inFold($0) }
            guard !validation.isEmpty else { continue }
            let classifier = Classifier(ruleSet: ruleSet, precedents: inner, policy: policy)
            let twins = twinIndex(classifier, precedents: inner)
            let twinned = validation.filter { hasNearIdenticalTwin($0.title, in: twins) }
            let unseen = validation.filter { !hasNearIdenticalTwin($0.title, in: twins) }
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
            // The body's kind (`jenis_badan`), no twin: each kind's items apart.
            for (kind, items) in Dictionary(grouping: unseen, by: { $0.bodyKind.isEmpty ? "-" : $0.bodyKind }) {
                byKind[kind, default: EvaluationReport()].add(Evaluator.evaluate(labelled(items), classifier: classifier))
            }
            var kindClassifiers: [String: Classifier] = [:]
            func reading(_ p: Precedent) -> Classifier {
                guard policy.readsBodyKind, !p.bodyKind.isEmpty else { return classifier }
                if let known = kindClassifiers[p.bodyKind] { return known }
                let made = classifier.forBodyKind(p.bodyKind)
                kindClassifiers[p.bodyKind] = made
                return made
            }
            for precedent in unseen {
                let c = reading(precedent).classify(plainItem(precedent.title))
                printLayerFlag("validate \(round)/\(fold)", category: precedent.category, title: precedent.title, body: precedent.body, c)
                printUnreached("validate \(round)/\(fold)", precedent, c, classifier: classifier)
                let withheld = precedent.category == .dikecualikan
                do {
                    // The item as a unit sends it, declaring a category: an open item the body's own,
                    // a withheld item berkala or `withheldDeclaredAs` (a unit that lists a withheld kind as open: what then
                    // still puts it in front of the PPID).
                    var declared = plainItem(precedent.title)
                    declared.kategori = withheld ? withheldDeclaredAs : precedent.category
                    let d = reading(precedent).classify(declared)
                    let side = withheld ? 0 : 1
                    declaredCounts[side].items += 1
                    if d.needsConsequenceTest { declaredCounts[side].flagged += 1 }
                    else if d.needsReview {
                        declaredCounts[side].reviewed += 1
                        declaredReasons.add(d, withheld: withheld)
                        if ReviewReasons.printItems {
                            print("review-declared\t\(withheld ? "withheld" : "open")\t\(ReviewReasons.names(d).joined(separator: "; "))\t"
                                  + String(format: "%.3f", d.learned?.withheldProbability ?? -1) + "\t\(declared.kategori!.rawValue)\t"
                                  + "\(d.precedentCategory?.rawValue ?? "-")\t\(d.suggested?.rawValue ?? "-")\t\(d.hits.map(\.ruleID).joined(separator: ","))\t"
                                  + "\(precedent.title)")
                        }
                    }
                }
                safetyNet[withheld ? 0 : 1].items += 1
                if c.needsConsequenceTest { safetyNet[withheld ? 0 : 1].flagged += 1 }
                else if c.needsReview {
                    safetyNet[withheld ? 0 : 1].reviewed += 1
                    reviewReasons.add(c, withheld: withheld)
                    if ReviewReasons.printItems {
                        // DIP_REVIEW_ITEMS=1: each reviewed item (training bodies only), with what
                        // each layer said, to weigh a reason's quieting.
                        let voters = c.precedents.map { String(format: "%.2f %@", $0.similarity, $0.category.rawValue) }
                        print("review\t\(withheld ? "withheld" : "open")\t\(ReviewReasons.names(c).joined(separator: "; "))\t"
                              + String(format: "%.3f", c.learned?.withheldProbability ?? -1) + "\t\(c.learned?.openCategory?.rawValue ?? "-")\t"
                              + "\(c.precedentCategory?.rawValue ?? "-")\t\(c.suggested?.rawValue ?? "-")\t\(precedent.category.rawValue)\t"
                              + "\(voters.joined(separator: ", "))\t\(precedent.title)")
                    }
                }
                layerScores.append((c.learned?.withheldProbability ?? 0, precedent.category == .dikecualikan,
                                    c.hits.isEmpty))
            }
            for (item, p) in zip(labelled(validation), validation) {
                let c = reading(p).classify(plainItem(item.title))
                confusion[item.category, default: [:]][c.suggested?.rawValue ?? "-", default: 0] += 1
                // A flag without a Pasal 17 letter gives the DIK decree no ground to cite.
                if c.needsConsequenceTest && c.exemptionGrounds.isEmpty {
                    flaggedWithoutLetter[item.category == .dikecualikan ? 0 : 1] += 1
                    if round == 0, ProcessInfo.processInfo.environment["DIP_VALIDATE_LETTERS"] != nil {
                        print("no-letter\t\(item.category.rawValue)\t\(item.title)\t\(item.body)")
                    }
                }
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
    reviewReasons.print()
    print("-- no twin, declared as a unit sends them (open items the body's category, withheld items \(withheldDeclaredAs.rawValue)): "
          + "withheld flagged \(declaredCounts[0].flagged), perlu ditinjau \(declaredCounts[0].reviewed) of \(declaredCounts[0].items); "
          + "open flagged \(declaredCounts[1].flagged), perlu ditinjau \(declaredCounts[1].reviewed) of \(declaredCounts[1].items)")
    declaredReasons.print("-- the same, perlu ditinjau without a flag, by reason")
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
    print("-- no twin, by the kind of the item's body (jenis_badan), pooled: withheld flagged, open flagged, category, "
          + "withheld flagged or reviewed by the layer")
    for (kind, r) in byKind.sorted(by: { $0.key < $1.key }) {
        print(String(format: "   %@: %d items; withheld %d/%d; open %d/%d; category %d/%d = %.1f%%; withheld flagged or reviewed %d",
                     kind as NSString, r.items, r.exemptFlagged, r.exempt, r.openFlagged, r.open, r.agreed, r.items,
                     r.items == 0 ? 0 : Double(r.agreed) * 100 / Double(r.items), r.exemptFlagged + r.exemptReviewed))
    }
    print("-- category confusion, pooled (body's category: dip's suggestions):")
    for category in Category.allCases {
        let row = confusion[category] ?? [:]
        let cells = (Category.allCases.map(\.rawValue) + ["-"]).map { "\($0) \(row[$0] ?? 0)" }.joined(separator: ", ")
        print("   \(category.rawValue) (\(row.values.reduce(0, +))): \(cells)")
    }
    print("-- flagged with no Pasal 17 letter, pooled: withheld \(flaggedWithoutLetter[0]), open \(flaggedWithoutLetter[1])")
    categoryCauses(training, ruleSet: ruleSet, policy: policy)
    letterPairs(training, ruleSet: ruleSet, policy: policy)
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

/// Category misses of split 0 (every training body validated once, precedents and the learned
/// layer from the other folds only), sorted by cause (docs/classification.md §26):
/// - withheld/open: a withheld item not flagged, or an open item flagged (the flag's figures);
/// - (a) law: a rule written from the law's lists (a Perki 1/2021 berkala sub-group or a serta
///   merta / setiap saat list entry) decided, and the body filed the item elsewhere — split by
///   whether the rule allows the body's category as an alternative (the two lists overlap);
/// - (b) rule against precedents: a rule decided, and the inner-train precedents' vote (best
///   voter ≥ 0.3 similar) names the body's category;
/// - (c) body habit: no rule decided, and the body's category is the one it files most of its
///   other open items under (at least five), while dip said another;
/// - (d) the rest: a rule outside the law's lists decided, or nothing decided and the body's
///   category is not its habit.
/// `DIP_VALIDATE_CAUSES=1` prints every miss with its cause (training bodies only).
private func categoryCauses(_ training: [Precedent], ruleSet: RuleSet, policy: PrecedentPolicy) {
    let folds = Evaluator.validationFolds
    let printing = ProcessInfo.processInfo.environment["DIP_VALIDATE_CAUSES"] != nil
    // Each body's open categories, to tell its habit (leave this item out).
    var habits: [String: [Category: Int]] = [:]
    for p in training where p.category != .dikecualikan { habits[p.body, default: [:]][p.category, default: 0] += 1 }
    var causes: [String: Int] = [:]
    var bySource: [String: (items: Int, agreed: Int)] = [:]
    var misses = 0, items = 0
    for fold in 0..<folds {
        let inFold = { (p: Precedent) in Evaluator.validationFold(of: splitUnit(p), split: 0, folds: folds) == fold }
        let validation = training.filter(inFold)
        guard !validation.isEmpty else { continue }
        let classifier = Classifier(ruleSet: ruleSet, precedents: training.filter { !inFold($0) }, policy: policy)
        for p in validation {
            items += 1
            let c = classifier.classify(plainItem(p.title))
            let deciding = classifier.firings(p.title).filter { $0.rule.category != nil && !$0.lifted }
            let top = deciding.max { $0.rule.priority < $1.rule.priority }
                .flatMap { best in deciding.first { $0.rule.priority == best.rule.priority } }
            let bestSimilarity = c.precedents.map(\.similarity).max() ?? 0
            let source = top != nil ? "rule"
                : c.notes.contains { $0.contains("paling sering dipakai") } ? "common-category fallback"
                : c.notes.contains { $0.hasPrefix("Dari kata-katanya") } ? "learned layer"
                : bestSimilarity >= 0.6 ? "precedents >= 0.6" : c.suggested == nil ? "none" : "precedents < 0.6"
            let agreed = c.suggested == p.category
            bySource[source, default: (0, 0)].items += 1
            if agreed { bySource[source, default: (0, 0)].agreed += 1; continue }
            misses += 1
            let cause: String
            var habit = habits[p.body] ?? [:]
            if p.category != .dikecualikan { habit[p.category, default: 0] -= 1 }
            let habitCount = habit.values.reduce(0, +)
            let habitual = habitCount >= 5 ? habit.max { ($0.value, $1.key.rawValue) < ($1.value, $0.key.rawValue) }?.key : nil
            if p.category == .dikecualikan || c.suggested == .dikecualikan {
                cause = p.category == .dikecualikan ? "withheld/open: withheld item not flagged" : "withheld/open: open item flagged"
            } else if let top, let named = top.rule.category {
                let fromLaw = top.rule.subgroup != nil || top.rule.listEntry != nil
                if c.precedentCategory == p.category && bestSimilarity >= 0.3 {
                    cause = "(b) rule says \(named.rawValue), precedents say the body's" + (bestSimilarity >= 0.6 ? " (best >= 0.6)" : " (best 0.3-0.6)")
                } else if fromLaw && top.rule.alternatives.contains(p.category) {
                    cause = "(a) law's lists overlap: rule allows the body's category as an alternative"
                } else if fromLaw {
                    cause = "(a) body's label differs from the law's list the rule reads"
                } else {
                    cause = "(d) rule outside the law's lists"
                }
            } else if habitual == p.category {
                cause = "(c) body's habit: its usual open category, dip said another (\(source))"
            } else {
                cause = "(d) no rule, not the body's habit (\(source))"
            }
            causes[cause, default: 0] += 1
            if printing {
                print("cause\t\(cause)\t\(p.category.rawValue)\t\(c.suggested?.rawValue ?? "-")\t\(top?.rule.id ?? "-")\t"
                      + "\(c.precedentCategory?.rawValue ?? "-")\t\(String(format: "%.2f", bestSimilarity))\t\(p.title)\t\(p.body)")
            }
        }
    }
    print("-- category misses of split 0 by cause (\(misses) misses of \(items) items; docs/classification.md §26):")
    for (cause, count) in causes.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
        print(String(format: "   %4d  %@", count, cause as NSString))
    }
    categoryAgreementBetweenBodies(training, ruleSet: ruleSet)
    print("-- split 0, where the suggested category comes from:")
    for (source, count) in bySource.sorted(by: { $0.key < $1.key }) {
        print(String(format: "   %@: %d items, category = body's %d = %.1f%%", source as NSString, count.items, count.agreed,
                     count.items == 0 ? 0 : Double(count.agreed) * 100 / Double(count.items)))
    }
}

/// The Pasal 17 letter on split 0 (every training body validated once; precedents and the
/// learned layer from the other folds only), for each withheld item whose body stated a ground:
/// the body's letters against dip's, and which layer chose dip's letters — a rule that flags
/// (its own `pengecualian`), the precedents (or the learned layer) when no rule flags, or none
/// (not flagged). Counts the pairs "body → dip (layer)" and how often the full code (letter and
/// angka) is one the body cited too (docs/classification.md §41). `DIP_VALIDATE_LETTERS=1`
/// prints every such item (training bodies only).
private func letterPairs(_ training: [Precedent], ruleSet: RuleSet, policy: PrecedentPolicy) {
    let folds = Evaluator.validationFolds
    let printing = ProcessInfo.processInfo.environment["DIP_VALIDATE_LETTERS"] != nil
    let flaggingRules = Set(ruleSet.rules.filter { !$0.grounds.isEmpty }.map(\.id))
    func letters(_ codes: [String]) -> Set<String> { Set(codes.map { String($0.dropFirst(2).prefix(1)) }) }
    var pairs: [String: Int] = [:]
    var items = 0, agreed = 0, withAngka = 0, angkaAgreed = 0
    for fold in 0..<folds {
        let inFold = { (p: Precedent) in Evaluator.validationFold(of: splitUnit(p), split: 0, folds: folds) == fold }
        let validation = training.filter { inFold($0) && $0.category == .dikecualikan && !$0.grounds.isEmpty }
        guard !validation.isEmpty else { continue }
        let classifier = Classifier(ruleSet: ruleSet, precedents: training.filter { !inFold($0) }, policy: policy)
        for p in validation {
            items += 1
            let c = classifier.classify(plainItem(p.title))
            let dip = c.needsConsequenceTest ? c.exemptionGrounds : []
            let ruleIDs = c.hits.filter { flaggingRules.contains($0.ruleID) && !$0.isLiftedByPasal18 }.map(\.ruleID)
            let layer = !c.needsConsequenceTest ? "not flagged" : dip.isEmpty ? "flagged, no letter" : !ruleIDs.isEmpty ? "rule"
                : c.notes.contains { $0.contains("dasar menurut aturan PPID untuk") } ? "precedents flag, the rules' letter of the nearest withheld precedent"
                : c.learned?.ground.map { dip == [$0] } == true ? "precedents flag, the learned layer's letter"
                : c.precedents.isEmpty ? "no rule, no precedent" : "precedents flag, their letters"
            let body = letters(p.grounds)
            let same = !dip.isEmpty && !body.isDisjoint(with: letters(dip))
            if same { agreed += 1 }
            // The angka: only where the body cited a numbered code (17h4, not bare 17h).
            let numbered = p.grounds.filter { $0.count > 3 }
            if !numbered.isEmpty {
                withAngka += 1
                if !Set(numbered).isDisjoint(with: dip) { angkaAgreed += 1 }
            }
            let pair = "\(body.sorted().joined(separator: ",")) -> \(dip.isEmpty ? "-" : letters(dip).sorted().joined(separator: ","))"
            if !same { pairs["\(pair) (\(layer))", default: 0] += 1 }
            if printing {
                print("letter\t\(same ? "same" : "differs")\t\(p.grounds.joined(separator: ","))\t\(dip.joined(separator: ","))\t\(layer)\t"
                      + "\(ruleIDs.joined(separator: ","))\t\(p.title)\t\(p.body)")
            }
        }
    }
    // The same withheld items as a unit sends them: declared dikecualikan, no legal basis
    // written. dip flags each one; a flag whose ground stays empty gives the DIK decree and
    // the consequence-test form no letter to cite.
    var declared = 0, declaredEmpty = 0, declaredGrounded = 0, declaredAgreed = 0
    for fold in 0..<folds {
        let inFold = { (p: Precedent) in Evaluator.validationFold(of: splitUnit(p), split: 0, folds: folds) == fold }
        let validation = training.filter { inFold($0) && $0.category == .dikecualikan }
        guard !validation.isEmpty else { continue }
        let classifier = Classifier(ruleSet: ruleSet, precedents: training.filter { !inFold($0) }, policy: policy)
        for p in validation {
            var item = plainItem(p.title)
            item.kategori = .dikecualikan
            let c = classifier.classify(item)
            declared += 1
            if c.exemptionGrounds.isEmpty { declaredEmpty += 1 }
            let same = !letters(p.grounds).isDisjoint(with: letters(c.exemptionGrounds))
            if !p.grounds.isEmpty {
                declaredGrounded += 1
                if same { declaredAgreed += 1 }
            }
            if printing {
                print("declared-letter\t\(p.grounds.isEmpty ? "no ground stated" : same ? "same" : "differs")\t"
                      + "\(p.grounds.joined(separator: ","))\t\(c.exemptionGrounds.joined(separator: ","))\t\(p.title)\t\(p.body)")
            }
        }
    }
    func percent(_ part: Int, _ whole: Int) -> String { String(format: "%d/%d = %.1f%%", part, whole, whole == 0 ? 0 : Double(part) * 100 / Double(whole)) }
    print("-- declared dikecualikan without a legal basis (split 0, every training withheld item as a unit sends it): "
          + "no Pasal 17 letter \(percent(declaredEmpty, declared)); letter = body's \(percent(declaredAgreed, declaredGrounded))")
    print("-- Pasal 17 letter, split 0 (each training body once): letter = body's \(percent(agreed, items)); "
          + "where the body cited an angka, dip cites that code \(percent(angkaAgreed, withAngka))")
    print("   disagreements by letters (body -> dip) and the layer that chose dip's letter:")
    for (pair, count) in pairs.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
        print(String(format: "   %3d  %@", count, pair as NSString))
    }
}

/// How far bodies agree with EACH OTHER on the open category where their titles are not twins
/// (no classifier involved; training bodies only, the Kota Bekasi register as one body): open
/// items are grouped by the law-list rule that names their category (the same Perki 1/2021 item
/// in the bodies' own words), and pairs of open items of two different bodies are counted by the
/// similarity of their stemmed titles. Per group, the share of items in the group's most common
/// category bounds any method that gives one category to one kind of item.
private func categoryAgreementBetweenBodies(_ training: [Precedent], ruleSet: RuleSet) {
    let open = training.filter { $0.category != .dikecualikan }
    let rulesOnly = Classifier(ruleSet: ruleSet, precedents: [])
    let index = PrecedentIndex(precedents: open, morphology: ruleSet.morphology)
    var twin = [Bool](repeating: false, count: open.count)
    var bands: [String: (pairs: Int, same: Int)] = [:]
    let bandNames = ["0.8-1 (twins)", "0.6-0.8", "0.4-0.6", "0.3-0.4"]
    for (i, p) in open.enumerated() {
        for n in index.nearest(tokens: TextNormalizer.tokens(p.title), limit: 60, minimum: 0.3)
        where splitUnit(open[n.index]) != splitUnit(p) {
            if n.similarity >= nearIdenticalSimilarity { twin[i] = true }
            guard n.index > i else { continue }
            let band = n.similarity >= 0.8 ? bandNames[0] : n.similarity >= 0.6 ? bandNames[1] : n.similarity >= 0.4 ? bandNames[2] : bandNames[3]
            bands[band, default: (0, 0)].pairs += 1
            if open[n.index].category == p.category { bands[band, default: (0, 0)].same += 1 }
        }
    }
    print("-- open items of two different training bodies (register as one), same open category, by title similarity:")
    for band in bandNames {
        let b = bands[band] ?? (0, 0)
        print(String(format: "   %@: %d pairs, same category %d = %.1f%%", band as NSString, b.pairs, b.same,
                     b.pairs == 0 ? 0 : Double(b.same) * 100 / Double(b.pairs)))
    }
    // Groups by the law-list rule deciding the category, for the items without a twin.
    var groups: [String: [Category: Set<String>]] = [:]
    var groupCounts: [String: [Category: Int]] = [:]
    for (i, p) in open.enumerated() where !twin[i] {
        let deciding = rulesOnly.firings(p.title).filter { $0.rule.category != nil && !$0.lifted }
        guard let best = deciding.max(by: { $0.rule.priority < $1.rule.priority }),
              let top = deciding.first(where: { $0.rule.priority == best.rule.priority }),
              top.rule.subgroup != nil || top.rule.listEntry != nil else { continue }
        groups[top.rule.id, default: [:]][p.category, default: []].insert(splitUnit(p))
        groupCounts[top.rule.id, default: [:]][p.category, default: 0] += 1
    }
    var total = 0, majority = 0, law = 0, splitGroups = 0, bodiesSplit = 0
    let lawCategory = Dictionary(ruleSet.rules.compactMap { r in r.category.map { (r.id, $0) } }, uniquingKeysWith: { a, _ in a })
    for (id, counts) in groupCounts {
        let n = counts.values.reduce(0, +)
        total += n
        majority += counts.values.max() ?? 0
        law += counts[lawCategory[id] ?? .berkala] ?? 0
        let categoriesAcrossBodies = groups[id]?.filter { !$0.value.isEmpty }.count ?? 0
        if categoriesAcrossBodies > 1 {
            splitGroups += 1
            bodiesSplit += Set(groups[id]!.values.flatMap { $0 }).count
        }
    }
    func percent(_ part: Int, _ whole: Int) -> String { String(format: "%d/%d = %.1f%%", part, whole, whole == 0 ? 0 : Double(part) * 100 / Double(whole)) }
    print("-- open items without a twin that a law-list rule decides (training bodies): \(total) items in \(groupCounts.count) kinds;")
    print("   the law's category (the rule's) = body's: \(percent(law, total)); each kind's most common category: \(percent(majority, total))")
    print("   kinds that bodies file under more than one open category: \(splitGroups) of \(groupCounts.count)")
}

/// `DIP_LAYER_FLAGS=1`: every item the learned layer itself flagged (not a rule, not the
/// precedents), one tab-separated line: where, the body's category, the layer's probability and
/// the words that pushed it, and the nearest precedents' groups (similarity, category, title) —
/// why the layer flagged it. Printed by classify-validate (no twin, validation folds),
/// classify-train (leave-one-body-out) and classify-probes: training bodies and law probes only.
let layerFlagsWanted = ProcessInfo.processInfo.environment["DIP_LAYER_FLAGS"] != nil

func printLayerFlag(_ place: String, category: Category, title: String, body: String, _ c: Classification) {
    guard layerFlagsWanted, let learned = c.learned, learned.flagged else { return }
    let neighbours = c.precedents.map { String(format: "%.2f %@ '%@'", $0.similarity, $0.category.rawValue, $0.title) }
    print("layer-flag\t\(place)\t\(category.rawValue)\t" + String(format: "%.3f", learned.withheldProbability)
          + "\t\(learned.withheldWords.joined(separator: ", "))\t\(title)\t\(body)\t" + neighbours.joined(separator: " | "))
}

private let unreachedWanted = ProcessInfo.processInfo.environment["DIP_VALIDATE_UNREACHED"] != nil

/// DIP_VALIDATE_UNREACHED=1: every withheld item (no twin) that dip neither flags nor puts to
/// review, with what each layer said of it, so that the misses can be sorted by cause: the
/// rules that fired (category, grounds, lifted), the open marker, the nearest precedents (their
/// similarity and containment, so a withheld neighbour below the thresholds shows) and the
/// learned layer's probability and words. Training bodies only (validation folds).
private func printUnreached(_ place: String, _ precedent: Precedent, _ c: Classification, classifier: Classifier) {
    guard unreachedWanted else { return }
    let withheldUnreached = precedent.category == .dikecualikan && !c.needsConsequenceTest && !c.needsReview
    // An open item flagged with no rule ground: the precedents (or the layer) flagged it.
    let openFlagged = precedent.category != .dikecualikan && c.needsConsequenceTest
        && !c.hits.contains { hit in !(classifier.ruleSet.rules.first { $0.id == hit.ruleID }?.grounds.isEmpty ?? true) && !hit.isLiftedByPasal18 }
    guard withheldUnreached || openFlagged else { return }
    let ruleSet = classifier.ruleSet
    let rules = c.hits.map { hit -> String in
        let rule = ruleSet.rules.first { $0.id == hit.ruleID }
        let category = rule?.category?.rawValue ?? "-"
        let grounds = rule?.grounds.joined(separator: ";") ?? ""
        return "\(hit.ruleID)[\(category)\(grounds.isEmpty ? "" : " " + grounds)\(hit.isLiftedByPasal18 ? " lifted" : "")]{\(hit.matchedWords.joined(separator: ","))}"
    }
    let morphology = ruleSet.morphology
    let tokens = morphology.matchTokens(precedent.title)
    let stems = tokens.map { token -> String in
        let key = morphology.key(token)
        return key == token ? token : "\(token)>\(key)"
    }
    let neighbours = classifier.precedentIndex.nearest(tokens: tokens, limit: withheldUnreached ? 4 : 8, minimum: 0.05).map { n in
        let p = classifier.precedentIndex.precedents[n.index]
        return String(format: "%.2f/c%.2f/%d of %d %@ '%@'", n.similarity, n.containment, n.shared, n.terms,
                      p.category.rawValue, p.title)
    }
    let layer = c.learned.map { String(format: "p=%.3f {%@}", $0.withheldProbability, $0.withheldWords.joined(separator: ",")) } ?? "-"
    print("\(withheldUnreached ? "unreached" : "openflag")\t\(place)\t\(precedent.title)\t\(precedent.body)\tsuggested=\(c.suggested?.rawValue ?? "-")\t"
          + "rules=\(rules.joined(separator: " "))\tlayer=\(layer)\tstems=\(stems.joined(separator: " "))\t"
          + "near=\(neighbours.joined(separator: " | "))")
}

/// Why items are perlu ditinjau without a flag, read from the notes the classifier wrote beside
/// each review mark (one item may have several reasons): for each reason, how many open and
/// withheld items have it, and how many have it as their only reason (the items that would leave
/// the review queue if that reason fell silent). docs/classification.md §61.
struct ReviewReasons {
    /// Each reason: the note's opening, and a short name.
    static let reasons: [(prefix: String, name: String)] = [
        ("Tidak ada aturan yang cocok, tidak ada preseden yang mirip, dan unit tidak menyatakan kategori: tentukan", "nothing decides: no rule, no precedent, no suggestion"),
        ("Tidak ada aturan yang cocok, tidak ada preseden yang mirip, dan unit tidak menyatakan kategori: saran", "no rule, no precedent: the most common category"),
        ("Tidak ada aturan yang cocok dan tidak ada preseden yang mirip", "no rule, no precedent: the learned layer's category"),
        ("Tidak ada aturan yang cocok dan preseden yang mirip hanya sedikit", "no rule, precedents below minimumSimilarity"),
        ("Tidak ada aturan yang cocok dan preseden tidak cukup kuat", "no rule, weak precedent vote: the most common category"),
        ("Preseden terdekat dikecualikan tetapi", "no rule, precedents lean withheld without holding the item's words"),
        (Classifier.answeredNotePrefix, "withheld precedents the rules answer (kecuali)"),
        ("Aturan menyatakan informasi ini terbuka, tetapi informasi yang mirip", "open rule against a strong withheld precedent"),
        ("Aturan menyatakan informasi ini terbuka, tetapi kata-katanya", "learned layer against an open rule (modelReviewAgainstOpenRule)"),
        ("Kata-katanya mirip informasi yang dikecualikan", "learned layer review (modelReviewProbability / WithPrecedent)"),
        ("Unit menyatakan", "declared category against the deciding rule's"),
        ("Unit menyatakan", "declared category against a strong precedent vote"),
        ("Dinyatakan", "declared category (basis missing, or open but withheld-like)"),
    ]

    /// Whether a note gives reason `i`.
    static func gives(_ note: String, _ i: Int) -> Bool {
        guard note.hasPrefix(reasons[i].prefix) else { return false }
        switch reasons[i].name {
        case "declared category against the deciding rule's": return note.contains(", aturan menyarankan ")
        case "declared category against a strong precedent vote": return note.contains(", preseden kuat menyarankan ")
        default: return true
        }
    }
    /// [reason][0: withheld, 1: open]: items with the reason, and items with it alone.
    var with = [[Int]](repeating: [0, 0], count: reasons.count + 1)
    var alone = [[Int]](repeating: [0, 0], count: reasons.count + 1)
    var items = [0, 0]

    static let printItems = ProcessInfo.processInfo.environment["DIP_REVIEW_ITEMS"] != nil

    /// The reasons of one item's review mark.
    static func names(_ c: Classification) -> [String] {
        indices(c).map { $0 < reasons.count ? reasons[$0].name : "other" }
    }

    /// The positions in `reasons` of the reasons one item's notes give; `reasons.count` ("other")
    /// when none.
    static func indices(_ c: Classification) -> [Int] {
        let found = reasons.indices.filter { i in c.notes.contains { gives($0, i) } }
        return found.isEmpty ? [reasons.count] : found
    }

    mutating func add(_ c: Classification, withheld: Bool) {
        let side = withheld ? 0 : 1
        items[side] += 1
        let found = Self.indices(c)
        for i in found { with[i][side] += 1 }
        if found.count == 1 { alone[found[0]][side] += 1 }
    }

    func print(_ heading: String = "-- no twin, perlu ditinjau without a flag, by reason") {
        Swift.print("\(heading) (withheld \(items[0]), open \(items[1]) items; an item may have several):")
        Swift.print("   reason\twithheld\topen\twithheld (only reason)\topen (only reason)")
        for (i, name) in (Self.reasons.map(\.name) + ["other"]).enumerated() where with[i] != [0, 0] {
            Swift.print("   \(name)\t\(with[i][0])\t\(with[i][1])\t\(alone[i][0])\t\(alone[i][1])")
        }
    }
}
