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
    var pooled = EvaluationReport()
    var means = [Double](repeating: 0, count: 5)
    var counted = [Int](repeating: 0, count: 5)
    var confusion: [Category: [String: Int]] = [:]
    let categoryRules = Set(ruleSet.rules.filter { $0.category != nil }.map(\.id))
    func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "\(part)/0" : String(format: "%d/%d = %.1f%%", part, whole, Double(part) * 100 / Double(whole))
    }
    for round in 0..<repeats {
        for fold in 0..<folds {
            let inFold = { (p: Precedent) in Evaluator.validationFold(of: splitUnit(p), split: round, folds: folds) == fold }
            let validation = training.filter(inFold)
            let inner = training.filter { !inFold($0) }
            guard !validation.isEmpty else { continue }
            let classifier = Classifier(ruleSet: ruleSet, precedents: inner, policy: policy)
            let items = labelled(validation)
            let r = Evaluator.evaluate(items, classifier: classifier)
            for item in items {
                let c = classifier.classify(InformationItem(source: SourceLocation(file: "", sheet: nil, row: 0), nomor: "",
                                                            ringkasan: item.title, pejabatPenguasa: "", penanggungJawab: "",
                                                            waktuPembuatan: "", tempatPembuatan: "", bentuk: "", retensi: ""))
                confusion[item.category, default: [:]][c.suggested?.rawValue ?? "-", default: 0] += 1
                if round == 0, ProcessInfo.processInfo.environment["DIP_VALIDATE_ITEMS"] != nil {
                    let source = c.hits.contains { hit in categoryRules.contains(hit.ruleID) } ? "aturan"
                        : c.notes.contains { $0.contains("paling sering dipakai") } ? "fallback"
                        : c.notes.contains { $0.hasPrefix("Dari kata-katanya") } ? "lapisan" : "preseden"
                    print("item\t\(item.category.rawValue)\t\(c.suggested?.rawValue ?? "-")\t\(source)\t\(item.title)\t\(item.body)")
                }
            }
            print("   split \(round) fold \(fold): \(r.items) items, \(Set(validation.map(\.body)).count) bodies: withheld flagged "
                  + "\(percent(r.exemptFlagged, r.exempt)), open flagged \(percent(r.openFlagged, r.open)), suggested "
                  + "\(percent(r.suggested, r.items)), category \(percent(r.agreed, r.items)), letter \(percent(r.groundAgreed, r.withGround))")
            // The mean of a figure is over the folds that have items for it (a fold without a
            // withheld item with a stated ground says nothing about letters).
            for (i, (part, whole)) in [(r.exemptFlagged, r.exempt), (r.openFlagged, r.open), (r.suggested, r.items),
                                       (r.agreed, r.items), (r.groundAgreed, r.withGround)].enumerated() where whole > 0 {
                means[i] += Double(part) * 100 / Double(whole)
                counted[i] += 1
            }
            pooled.add(r)
        }
    }
    let mean = (0..<5).map { counted[$0] == 0 ? 0 : means[$0] / Double(counted[$0]) }
    print(String(format: "-- mean over the folds: withheld flagged %.1f%%, open flagged %.1f%%, suggested %.1f%%, category %.1f%%, letter %.1f%%",
                 mean[0], mean[1], mean[2], mean[3], mean[4]))
    print("-- pooled over the \(repeats) splits (every training body validated \(repeats) times):")
    for line in pooled.figureLines { print("   " + line) }
    print("   " + pooled.groundDetailLine)
    print("   " + pooled.reviewLine)
    print("-- category confusion, pooled (body's category: dip's suggestions):")
    for category in Category.allCases {
        let row = confusion[category] ?? [:]
        let cells = (Category.allCases.map(\.rawValue) + ["-"]).map { "\($0) \(row[$0] ?? 0)" }.joined(separator: ", ")
        print("   \(category.rawValue) (\(row.values.reduce(0, +))): \(cells)")
    }
    reportPercent("classify-validate: mean exempt recall", counted[0] == 0 ? nil : mean[0])
    reportPercent("classify-validate: mean open items flagged", counted[1] == 0 ? nil : mean[1])
    reportPercent("classify-validate: mean with a suggestion", counted[2] == 0 ? nil : mean[2])
    reportPercent("classify-validate: mean category agreement", counted[3] == 0 ? nil : mean[3])
    reportPercent("classify-validate: mean Pasal 17 letter agreement", counted[4] == 0 ? nil : mean[4])
    if ProcessInfo.processInfo.environment["DIP_VALIDATE_MISSES"] != nil {
        for miss in pooled.misses { print("   miss: " + miss) }
    }
}
