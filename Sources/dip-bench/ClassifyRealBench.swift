import DIPCore
import Foundation
import Rules

/// The corpus of real decisions (rules/preseden.csv, built in) split BY BODY: the bodies whose
/// name hashes to fold 0 of 5 are held out; precedents come only from the other (training)
/// bodies. Rules and abbreviations were tuned looking only at training bodies' rows
/// ("classify-train"); "classify-real" prints the held-out figures only.
private func corpusSplit() throws -> (ruleSet: RuleSet, training: [Precedent], heldOut: [Precedent])? {
    let ruleSet = try RuleSet.defaults()
    let corpus = ruleSet.precedents
    guard !corpus.isEmpty else {
        print("classify-real: rules/preseden.csv has no rows yet; nothing to measure")
        return nil
    }
    let heldOut = corpus.filter { Evaluator.isHeldOut(body: $0.body) }
    let training = corpus.filter { !Evaluator.isHeldOut(body: $0.body) }
    return (ruleSet, training, heldOut)
}

private func labelled(_ precedents: [Precedent]) -> [LabelledItem] {
    precedents.map {
        LabelledItem(title: $0.title, category: $0.category,
                     groundLetters: Array(Set($0.grounds.map { String($0.dropFirst(2).prefix(1)) })).sorted(),
                     body: $0.body, line: $0.location?.line ?? 0)
    }
}

private func describe(_ name: String, _ items: [Precedent]) {
    let bodies = Set(items.map(\.body)).count
    let exempt = items.filter { $0.category == .dikecualikan }.count
    print("\(name): \(items.count) items from \(bodies) bodies (\(exempt) dikecualikan)")
}

/// "classify-real": held-out figures (rules + training precedents), and rules alone.
func classifyRealBench() throws {
    guard let split = try corpusSplit() else { return }
    describe("training", split.training)
    describe("held out (fold 0 of 5 by body-name hash)", split.heldOut)
    let items = labelled(split.heldOut)
    let rulesOnly = Evaluator.evaluate(items, classifier: Classifier(ruleSet: split.ruleSet, precedents: []))
    print("-- held out, rules only:")
    for line in rulesOnly.figureLines { print("   " + line) }
    let classifier = Classifier(ruleSet: split.ruleSet, precedents: split.training)
    var result = EvaluationReport()
    let seconds = measureSeconds { result = Evaluator.evaluate(items, classifier: classifier) }
    print("-- held out, rules + precedents of the training bodies:")
    for line in result.figureLines { print("   " + line) }
    report("classify-real: held-out exempt recall", result.exemptRecall * 100, "%")
    report("classify-real: held-out open items flagged", result.falseFlagRate * 100, "%")
    report("classify-real: held-out with a suggestion", result.suggestionShare * 100, "%")
    report("classify-real: held-out category agreement", result.categoryAgreement * 100, "%")
    report("classify-real: held-out Pasal 17 letter agreement", result.groundAgreement * 100, "%")
    report("classify-real: time", seconds, "s")
}

/// A policy from the environment (DIP_POLICY="minimumSimilarity=0.4,flagShare=0.5"), for tuning.
private func policyFromEnvironment() -> PrecedentPolicy {
    var policy = PrecedentPolicy.standard
    for pair in (ProcessInfo.processInfo.environment["DIP_POLICY"] ?? "").split(separator: ",") {
        let parts = pair.split(separator: "=").map(String.init)
        guard parts.count == 2, let value = Double(parts[1]) else { continue }
        switch parts[0] {
        case "neighbours": policy.neighbours = Int(value)
        case "minimumSimilarity": policy.minimumSimilarity = value
        case "weakSimilarity": policy.weakSimilarity = value
        case "relativeCut": policy.relativeCut = value
        case "flagShare": policy.flagShare = value
        case "flagSimilarity": policy.flagSimilarity = value
        case "flagContainment": policy.flagContainment = value
        case "strongSimilarity": policy.strongSimilarity = value
        case "strongAgreement": policy.strongAgreement = value
        default: print("unknown policy field \(parts[0])")
        }
    }
    return policy
}

/// "classify-train": the training bodies only, each body against the OTHER training bodies'
/// precedents, with every miss: what tuning may look at (DIP_POLICY overrides the policy).
func classifyTrainBench() throws {
    guard let split = try corpusSplit() else { return }
    describe("training", split.training)
    let report = Evaluator.evaluateLeavingOutBodies(labelled(split.training), ruleSet: split.ruleSet, precedents: split.training,
                                                    policy: policyFromEnvironment())
    for line in report.figureLines { print("   " + line) }
    for miss in report.misses { print("   miss: " + miss) }
}
