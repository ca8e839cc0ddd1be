import DIPCore
import Foundation
import Rules

/// The corpus of real decisions (rules/preseden.csv, built in) split BY BODY: the bodies whose
/// name hashes to fold 0 of 5 are held out; precedents come only from the other (training)
/// bodies. Rules and abbreviations were tuned looking only at training bodies' rows
/// ("classify-train"); "classify-real" prints the held-out figures only. The bodies of the
/// current fresh set (`Evaluator.freshBodies`) are in neither: only "classify-fresh" measures on
/// them. Bodies of earlier fresh sets (`Evaluator.formerFreshBodies`) are ordinary bodies.
func corpusSplit(_ bench: String = "classify-real") throws
    -> (ruleSet: RuleSet, training: [Precedent], heldOut: [Precedent], fresh: [Precedent])? {
    // DIP_RULES=DIR measures a rules folder being edited (rules/ of a worktree) without
    // rebuilding the embedded copy; the benches otherwise use the rules built in.
    let ruleSet = try ProcessInfo.processInfo.environment["DIP_RULES"].map { try RuleSet.load(directory: URL(fileURLWithPath: $0)) }
        ?? RuleSet.defaults()
    let corpus = ruleSet.precedents
    guard !corpus.isEmpty else {
        print("\(bench): rules/preseden.csv has no rows yet; nothing to measure")
        return nil
    }
    let split = Evaluator.split(corpus)
    if !split.fresh.isEmpty && bench != "classify-fresh" {
        let set = Evaluator.currentFreshSet
        print("(\(split.fresh.count) items of \(Set(split.fresh.map(\.body)).count) bodies of fresh set \(set.number) "
              + "(session \(set.session)) left out: see classify-fresh)")
    }
    return (ruleSet, split.training, split.heldOut, split.fresh)
}

func labelled(_ precedents: [Precedent]) -> [LabelledItem] {
    precedents.map {
        LabelledItem(title: $0.title, category: $0.category,
                     groundLetters: Array(Set($0.grounds.map { String($0.dropFirst(2).prefix(1)) })).sorted(),
                     body: $0.body, bodyKind: $0.bodyKind, line: $0.location?.line ?? 0)
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
    let withoutLayer = Evaluator.evaluate(items, classifier: Classifier(ruleSet: split.ruleSet, precedents: split.training,
                                                                       policy: .withoutLearnedLayer))
    print("-- held out, rules + precedents of the training bodies, without the learned layer:")
    for line in withoutLayer.figureLines { print("   " + line) }
    let classifier = Classifier(ruleSet: split.ruleSet, precedents: split.training)
    var result = EvaluationReport()
    let seconds = measureSeconds { result = Evaluator.evaluate(items, classifier: classifier) }
    print("-- held out, rules + precedents + learned layer, all from the training bodies:")
    for line in result.figureLines { print("   " + line) }
    print("   " + result.reviewLine)
    reportShare("classify-real: held-out exempt recall", result.exemptFlagged, result.exempt)
    reportShare("classify-real: held-out open items flagged", result.openFlagged, result.open)
    reportShare("classify-real: held-out with a suggestion", result.suggested, result.items)
    reportShare("classify-real: held-out category agreement", result.agreed, result.items)
    reportShare("classify-real: held-out Pasal 17 letter agreement", result.groundAgreed, result.withGround)
    report("classify-real: time", seconds, "s")
}

/// "classify-fresh": rules as shipped + precedents of every NON-fresh body (training and held
/// out, earlier fresh sets included), measured once on the current fresh set
/// (`Evaluator.currentFreshSet`), which no rule, kamus entry or engine choice was tuned on.
/// Prints the figures and counts only, never the misses or rows, so nobody tunes on them.
func classifyFreshBench() throws {
    guard let split = try corpusSplit("classify-fresh") else { return }
    let known = split.training + split.heldOut
    guard !split.fresh.isEmpty else {
        print("classify-fresh: Evaluator.freshBodies names no body of rules/preseden.csv; nothing to measure")
        return
    }
    let missing = Evaluator.freshBodies.subtracting(split.fresh.map(\.body)).sorted()
    if !missing.isEmpty { print("classify-fresh: fresh bodies without rows in the corpus: \(missing.joined(separator: "; "))") }
    describe("precedents (every non-fresh body: training + held out)", known)
    let set = Evaluator.currentFreshSet
    describe("fresh set \(set.number) (bodies added in session \(set.session), measured once)", split.fresh)
    let items = labelled(split.fresh)
    var kinds: [String: (bodies: Set<String>, items: Int, withheld: Int)] = [:]
    for precedent in split.fresh {
        let kind = precedent.bodyKind.isEmpty ? "-" : precedent.bodyKind
        kinds[kind, default: ([], 0, 0)].bodies.insert(precedent.body)
        kinds[kind, default: ([], 0, 0)].items += 1
        if precedent.category == .dikecualikan { kinds[kind, default: ([], 0, 0)].withheld += 1 }
    }
    for (kind, count) in kinds.sorted(by: { $0.key < $1.key }) {
        print("   kind \(kind): \(count.bodies.count) bodies, \(count.items) items (\(count.withheld) dikecualikan)")
    }
    let rulesOnly = Evaluator.evaluate(items, classifier: Classifier(ruleSet: split.ruleSet, precedents: []))
    print("-- fresh, rules only:")
    for line in rulesOnly.figureLines { print("   " + line) }
    let withoutLayer = Evaluator.evaluate(items, classifier: Classifier(ruleSet: split.ruleSet, precedents: known,
                                                                       policy: .withoutLearnedLayer))
    print("-- fresh, rules + precedents of the non-fresh bodies, without the learned layer:")
    for line in withoutLayer.figureLines { print("   " + line) }
    let result = Evaluator.evaluate(items, classifier: Classifier(ruleSet: split.ruleSet, precedents: known))
    print("-- fresh, rules + precedents + learned layer, all from the non-fresh bodies:")
    for line in result.figureLines { print("   " + line) }
    print("   " + result.reviewLine)
    // The one-city register (`sumber` pemkotbekasi/) also supplies many training bodies: fresh
    // OPDs from it share their wording and posting habits, so they are also left out here.
    let outside = split.fresh.filter { !$0.source.hasPrefix("pemkotbekasi/") }
    if outside.count < split.fresh.count {
        describe("fresh, without the pemkotbekasi/ register", outside)
        if !outside.isEmpty {
            let other = Evaluator.evaluate(labelled(outside), classifier: Classifier(ruleSet: split.ruleSet, precedents: known))
            print("-- fresh without the pemkotbekasi/ register, rules + precedents + learned layer:")
            for line in other.figureLines { print("   " + line) }
        }
    }
    // A fresh body may have adopted a model list that earlier bodies adopted too (a ministry's
    // model DIK): its items then meet a near-identical precedent, and the figure says how well
    // dip remembers, not how it reads wording it never saw. Both parts are reported apart, with
    // the ceiling bench's threshold (cosine >= 0.8 of the stemmed words); counts and figures only.
    let knownIndex = PrecedentIndex(precedents: known, morphology: split.ruleSet.morphology, bodyNameCut: .none)
    let hasTwin = { (precedent: Precedent) in hasNearIdenticalTwin(precedent.title, in: knownIndex) }
    let twinned = split.fresh.filter(hasTwin)
    let unseen = split.fresh.filter { !hasTwin($0) }
    describe("fresh items with a near-identical precedent of a non-fresh body (cosine >= 0.8)", twinned)
    describe("fresh items without one (wording no earlier body used)", unseen)
    let fullClassifier = Classifier(ruleSet: split.ruleSet, precedents: known)
    let twinnedResult = Evaluator.evaluate(labelled(twinned), classifier: fullClassifier)
    let unseenResult = Evaluator.evaluate(labelled(unseen), classifier: fullClassifier)
    for (name, part, partResult) in [("with a near-identical precedent", twinned, twinnedResult),
                                     ("without a near-identical precedent", unseen, unseenResult)] where !part.isEmpty {
        print("-- fresh \(name), rules + precedents + learned layer:")
        for line in partResult.figureLines { print("   " + line) }
    }
    print("   (misses not printed: the fresh bodies are measured, never tuned on)")
    reportShare("classify-fresh: fresh exempt recall", result.exemptFlagged, result.exempt)
    reportShare("classify-fresh: fresh open items flagged", result.openFlagged, result.open)
    reportShare("classify-fresh: fresh with a suggestion", result.suggested, result.items)
    reportShare("classify-fresh: fresh category agreement", result.agreed, result.items)
    reportShare("classify-fresh: fresh Pasal 17 letter agreement", result.groundAgreed, result.withGround)
    reportShare("classify-fresh: fresh without near-identical precedent, exempt recall", unseenResult.exemptFlagged, unseenResult.exempt)
    reportShare("classify-fresh: fresh without near-identical precedent, category agreement", unseenResult.agreed, unseenResult.items)
}

/// The similarity (cosine of the stemmed words, as the precedent index computes it) from which
/// two titles count as near-identical: the ceiling bench's threshold. Where a title has such a
/// twin among the precedents, classifying it measures memory of a decision; where it has none,
/// it measures reading of wording no known body used (what an unseen body mostly brings).
let nearIdenticalSimilarity = 0.8

/// Whether `title` has a near-identical twin (`nearIdenticalSimilarity`) among the precedents of
/// `index`. classify-fresh, classify-validate and classify-train split their items by it.
func hasNearIdenticalTwin(_ title: String, in index: PrecedentIndex) -> Bool {
    !index.nearest(tokens: TextNormalizer.tokens(title), limit: 1, minimum: nearIdenticalSimilarity).isEmpty
}

/// The index twins are found in: titles read whole (no `BodyNameCut`), whatever the policy
/// measured, so that a policy cutting body names splits items into twinned and unseen exactly
/// as the standard one does.
func twinIndex(_ classifier: Classifier, precedents: [Precedent]) -> PrecedentIndex {
    classifier.precedentIndex.bodyNameCut == .none ? classifier.precedentIndex
        : PrecedentIndex(precedents: precedents, morphology: classifier.ruleSet.morphology, bodyNameCut: .none)
}

/// A policy from the environment (DIP_POLICY="minimumSimilarity=0.4,flagShare=0.5"), for tuning.
func policyFromEnvironment() -> PrecedentPolicy {
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
        case "flagContainmentDistant": policy.flagContainmentDistant = value
        case "flagNearSimilarity": policy.flagNearSimilarity = value
        case "flagCoverageDistant": policy.flagCoverageDistant = value
        case "strongSimilarity": policy.strongSimilarity = value
        case "strongAgreement": policy.strongAgreement = value
        case "modelFlagProbability": policy.modelFlagProbability = value
        case "modelChoosesOpenCategory": policy.modelChoosesOpenCategory = value != 0
        case "modelYieldsToStrongPrecedent": policy.modelYieldsToStrongPrecedent = value != 0
        case "modelGroundFirst": policy.modelGroundFirst = value != 0
        case "precedentRuleLetterSimilarity": policy.precedentRuleLetterSimilarity = value
        case "modelFlagWithPrecedent": policy.modelFlagWithPrecedent = value
        case "modelSmoothing": policy.modelSmoothing = value
        case "modelLeavesOutBodyNames": policy.modelLeavesOutBodyNames = BodyNameCut(rawValue: Int(value)) ?? .none
        case "ppidDecisionsLeaveOutNames": policy.ppidDecisionsLeaveOutNames = value != 0
        case "itemsLeaveOutUnitNames": policy.itemsLeaveOutUnitNames = value != 0
        case "precedentsLeaveOutBodyNames": policy.precedentsLeaveOutBodyNames = BodyNameCut(rawValue: Int(value)) ?? .none
        case "modelFlagLeaningSimilarity": policy.modelFlagLeaningSimilarity = value
        case "modelOnlyWherePrecedentsAreWeak": policy.modelOnlyWherePrecedentsAreWeak = value != 0
        case "modelReviewProbability": policy.modelReviewProbability = value
        case "modelReviewWithPrecedent": policy.modelReviewWithPrecedent = value
        case "modelReviewAgainstOpenRule": policy.modelReviewAgainstOpenRule = value
        case "modelMinimumEvidence": policy.modelMinimumEvidence = Int(value)
        case "modelLearnsFromLaw": policy.modelLearnsFromLaw = value != 0
        case "modelLearnsFromEnglishWithheld": policy.modelLearnsFromEnglishWithheld = value != 0
        // The bodies of one fresh set (by its number) are left out of the learned layer only.
        case "modelLeavesOutFreshSet":
            policy.modelLeavesOutBodies.formUnion(Evaluator.freshSets.first { $0.number == Int(value) }?.bodies ?? [])
        case "commonCategoryWhereWeak": policy.commonCategoryWhereWeak = value != 0
        case "singleWordFlagSimilarity": policy.singleWordFlagSimilarity = value
        case "precedentsPickAllowedCategory": policy.precedentsPickAllowedCategory = value != 0
        case "periodWordsPickBerkala": policy.periodWordsPickBerkala = value != 0
        case "sameKindWeight": policy.sameKindWeight = value
        case "sameKindFamilies": policy.sameKindFamilies = value != 0
        case "flagNeedsSameKind": policy.flagNeedsSameKind = value != 0
        case "precedentsYieldToRuleExceptions": policy.precedentsYieldToRuleExceptions = value != 0
        case "precedentsYieldToRuleReading": policy.precedentsYieldToRuleReading = value != 0
        case "flagNeedsWordOrderDistant": policy.flagNeedsWordOrderDistant = value != 0
        case "flagWordOrderMaximumWords": policy.flagWordOrderMaximumWords = Int(value)
        default: print("unknown policy field \(parts[0])")
        }
    }
    return policy
}

/// "classify-train": the training bodies only, each body against the OTHER training bodies'
/// precedents, with every miss: what tuning may look at (DIP_POLICY overrides the policy).
func classifyTrainBench() throws {
    guard let split = try corpusSplit("classify-train") else { return }
    describe("training", split.training)
    let withoutLayer = Evaluator.evaluateLeavingOutBodies(labelled(split.training), ruleSet: split.ruleSet, precedents: split.training,
                                                          policy: .withoutLearnedLayer)
    print("-- rules + precedents, without the learned layer:")
    for line in withoutLayer.figureLines { print("   " + line) }
    print("-- rules + precedents + learned layer (policy from DIP_POLICY when set):")
    let (report, twinned, unseen, unseenByKind) = leavingOutBodiesByTwin(split.training, ruleSet: split.ruleSet,
                                                                         policy: policyFromEnvironment())
    for line in report.figureLines { print("   " + line) }
    print("   " + report.groundDetailLine)
    print("   " + report.reviewLine)
    for (name, part) in [("with a near-identical twin at another training body", twinned), ("without one (no twin)", unseen)] {
        print("-- the same, items \(name): \(part.items) items")
        for line in part.figureLines { print("   " + line) }
        print("   " + part.reviewLine)
    }
    print("-- no twin, by the kind of the item's body (jenis_badan): withheld flagged, open flagged, category")
    for (kind, r) in unseenByKind.sorted(by: { $0.key < $1.key }) {
        print(String(format: "   %@: %d items; withheld %d/%d; open %d/%d; category %d/%d = %.1f%%", kind as NSString, r.items,
                     r.exemptFlagged, r.exempt, r.openFlagged, r.open, r.agreed, r.items,
                     r.items == 0 ? 0 : Double(r.agreed) * 100 / Double(r.items)))
    }
    reportShare("classify-train: no twin, exempt recall", unseen.exemptFlagged, unseen.exempt)
    reportShare("classify-train: no twin, open items flagged", unseen.openFlagged, unseen.open)
    // The Kota Bekasi OPDs come from one register: leaving out one OPD still leaves the others
    // of the same register in training. Leaving the register out as one body is stricter.
    let asOne = split.training.map { precedent -> Precedent in
        var copy = precedent
        if copy.source.hasPrefix("pemkotbekasi/") { copy.body = "pemkotbekasi/ (register Kota Bekasi)" }
        return copy
    }
    let strict = Evaluator.evaluateLeavingOutBodies(labelled(asOne), ruleSet: split.ruleSet, precedents: asOne, policy: policyFromEnvironment())
    print("-- the same, with the pemkotbekasi/ register left out as ONE body:")
    for line in strict.figureLines { print("   " + line) }
    learnedLayerAlone(split.training, ruleSet: split.ruleSet, policy: policyFromEnvironment())
    categorySources(split.training, ruleSet: split.ruleSet, policy: policyFromEnvironment())
    for miss in report.misses { print("   miss: " + miss) }
}

/// Leave-one-body-out over the training bodies, as `Evaluator.evaluateLeavingOutBodies`, and the
/// same figures apart for the items whose title has a near-identical twin at another training
/// body (`hasNearIdenticalTwin`) and for those without one.
private func leavingOutBodiesByTwin(_ training: [Precedent], ruleSet: RuleSet, policy: PrecedentPolicy)
    -> (all: EvaluationReport, twinned: EvaluationReport, unseen: EvaluationReport, unseenByKind: [String: EvaluationReport]) {
    var all = EvaluationReport(), twinned = EvaluationReport(), unseen = EvaluationReport()
    var byKind: [String: EvaluationReport] = [:]
    for body in Set(training.map(\.body)).sorted() {
        let classifier = Classifier(ruleSet: ruleSet, precedents: training.filter { $0.body != body }, policy: policy)
        let own = training.filter { $0.body == body }
        all.add(Evaluator.evaluate(labelled(own), classifier: classifier))
        let twins = twinIndex(classifier, precedents: training.filter { $0.body != body })
        let hasTwin = { (p: Precedent) in hasNearIdenticalTwin(p.title, in: twins) }
        twinned.add(Evaluator.evaluate(labelled(own.filter(hasTwin)), classifier: classifier))
        let ownUnseen = Evaluator.evaluate(labelled(own.filter { !hasTwin($0) }), classifier: classifier)
        unseen.add(ownUnseen)
        byKind[own.first.map { $0.bodyKind.isEmpty ? "-" : $0.bodyKind } ?? "-", default: EvaluationReport()].add(ownUnseen)
        for p in own where layerFlagsWanted {
            printLayerFlag(hasTwin(p) ? "lobo twin" : "lobo no-twin", category: p.category, title: p.title, body: p.body,
                           classifier.classify(plainItem(p.title)))
        }
    }
    return (all, twinned, unseen, byKind)
}

/// Where the suggested category comes from (leave-one-body-out over the training bodies), and
/// how often each source agrees with the body: a rule naming a category, precedents by the
/// similarity of the best one, or the learned layer alone. Which layer to work on.
private func categorySources(_ training: [Precedent], ruleSet: RuleSet, policy: PrecedentPolicy) {
    let categoryRules = Set(ruleSet.rules.filter { $0.category != nil }.map(\.id))
    var counts: [String: (items: Int, agreed: Int)] = [:]
    var truth: [String: [Category: Int]] = [:]
    var said: [String: [Category: Int]] = [:]
    for body in Set(training.map(\.body)).sorted() {
        let classifier = Classifier(ruleSet: ruleSet, precedents: training.filter { $0.body != body }, policy: policy)
        for precedent in training where precedent.body == body {
            let item = InformationItem(source: SourceLocation(file: "", sheet: nil, row: 0), nomor: "", ringkasan: precedent.title,
                                       pejabatPenguasa: "", penanggungJawab: "", waktuPembuatan: "", tempatPembuatan: "",
                                       bentuk: "", retensi: "")
            let c = classifier.classify(item)
            let source: String
            if c.hits.contains(where: { categoryRules.contains($0.ruleID) && !$0.isLiftedByPasal18 }) {
                source = "aturan"
            } else if let best = c.precedents.map(\.similarity).max() {
                source = best >= 0.6 ? "preseden ≥ 0,6" : best >= 0.3 ? "preseden 0,3–0,6" : "preseden < 0,3 / lapisan"
            } else if c.suggested != nil {
                source = "lapisan pembelajaran saja"
            } else {
                source = "tanpa saran"
            }
            counts[source, default: (0, 0)].items += 1
            truth[source, default: [:]][precedent.category, default: 0] += 1
            if let suggested = c.suggested { said[source, default: [:]][suggested, default: 0] += 1 }
            if c.suggested == precedent.category { counts[source, default: (0, 0)].agreed += 1 }
        }
    }
    print("-- where the suggested category comes from (leave-one-body-out):")
    for (source, count) in counts.sorted(by: { $0.key < $1.key }) {
        let share = String(format: "%.1f%%", count.items == 0 ? 0 : Double(count.agreed) * 100 / Double(count.items))
        let bodies: String = Category.allCases.map { "\($0.rawValue) \(truth[source]?[$0] ?? 0)" }.joined(separator: ", ")
        let suggestions: String = Category.allCases.map { "\($0.rawValue) \(said[source]?[$0] ?? 0)" }.joined(separator: ", ")
        print("   \(source): \(count.items) butir, sama dengan badan publik \(count.agreed) = \(share); badan: \(bodies); saran: \(suggestions)")
    }
}

/// The learned layer on its own, leave-one-body-out over the training bodies: how many
/// withheld items and how many open items reach each probability, and how often its open
/// category equals the body's (open items only; and without the one-city register whose
/// sub-categories are noisy).
private func learnedLayerAlone(_ training: [Precedent], ruleSet: RuleSet, policy: PrecedentPolicy) {
    var scored: [(probability: Double, withheld: Bool)] = []
    var openAgreed = 0, openItems = 0, cleanAgreed = 0, cleanItems = 0, letterAgreed = 0, letterItems = 0
    for body in Set(training.map(\.body)).sorted() {
        let others = training.filter { $0.body != body }
        let classifier = Classifier(ruleSet: ruleSet, precedents: others, policy: policy)
        for precedent in training where precedent.body == body {
            let assessment = classifier.learnedModel.assess(tokens: TextNormalizer.tokens(precedent.title))
            scored.append((assessment?.withheld ?? 0, precedent.category == .dikecualikan))
            if precedent.category == .dikecualikan {
                if !precedent.grounds.isEmpty {
                    letterItems += 1
                    let letters = Set(precedent.grounds.map { $0.dropFirst(2).prefix(1) })
                    if let ground = assessment?.ground, letters.contains(ground.dropFirst(2).prefix(1)) { letterAgreed += 1 }
                }
                continue
            }
            let agreed = assessment?.openCategory == precedent.category
            openItems += 1
            if agreed { openAgreed += 1 }
            if !precedent.source.hasPrefix("pemkotbekasi/") {
                cleanItems += 1
                if agreed { cleanAgreed += 1 }
            }
        }
    }
    let withheld = scored.filter(\.withheld).count
    let open = scored.count - withheld
    // Training cost at rule-load time (the whole corpus and the law's lists, as `dip run` does).
    let everything = ruleSet.precedents + ruleSet.statutoryExamples
    var model: LearnedModel?
    let seconds = measureSeconds { model = LearnedModel(precedents: everything, morphology: ruleSet.morphology) }
    print(String(format: "-- learned layer: trained on %d titles in %.1f ms (stems cached)%@", everything.count, seconds * 1000,
                 model?.isEmpty == false ? "" : " (empty)"))
    print("-- learned layer alone (leave-one-body-out, training bodies):")
    for threshold in [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99] {
        let flaggedWithheld = scored.filter { $0.withheld && $0.probability >= threshold }.count
        let flaggedOpen = scored.filter { !$0.withheld && $0.probability >= threshold }.count
        print(String(format: "   p >= %.2f: withheld flagged %d/%d = %.1f%%, open flagged %d/%d = %.1f%%", threshold,
                     flaggedWithheld, withheld, Double(flaggedWithheld) * 100 / Double(max(withheld, 1)),
                     flaggedOpen, open, Double(flaggedOpen) * 100 / Double(max(open, 1))))
    }
    print("   open category = body's: \(openAgreed)/\(openItems); without pemkotbekasi/: \(cleanAgreed)/\(cleanItems)")
    print("   Pasal 17 letter = body's (withheld items with a stated ground): \(letterAgreed)/\(letterItems)")
}

/// "classify-ceiling": how often public bodies in the corpus agree with EACH OTHER on the same
/// title (identical stemmed words) or a near-identical one (cosine ≥ 0.8 of the stemmed
/// words): over every pair of items from two different bodies, the share with the same
/// category and the share with the same withheld/open decision. No classifier is involved: a
/// method that predicts one body's category from other bodies' decisions cannot agree with
/// bodies more often than they agree with each other. Printed for every body, and with the OPDs
/// of the one-city register (`sumber` pemkotbekasi/…) counted as one body.
func classifyCeilingBench() throws {
    let ruleSet = try RuleSet.defaults()
    // The fresh bodies are measured once by classify-fresh and looked at by nothing else.
    let split = Evaluator.split(ruleSet.precedents)
    let corpus = split.training + split.heldOut
    let index = split.fresh.isEmpty ? ruleSet.precedentIndex : PrecedentIndex(precedents: corpus, morphology: ruleSet.morphology)
    print("corpus: \(corpus.count) items from \(Set(corpus.map(\.body)).count) bodies"
          + (split.fresh.isEmpty ? "" : " (\(split.fresh.count) items of fresh bodies left out)"))
    for registerAsOneBody in [false, true] {
        func body(_ p: Precedent) -> String {
            registerAsOneBody && p.source.hasPrefix("pemkotbekasi/") ? "pemkotbekasi/" : p.body
        }
        for (name, minimum) in [("identical stemmed title", 0.999), ("near-identical (cosine >= 0.8)", 0.8)] {
            var pairs = 0, sameCategory = 0, sameDecision = 0, openPairs = 0, sameOpenCategory = 0, groundPairs = 0, sameLetter = 0
            var items = Set<Int>()
            for (i, item) in corpus.enumerated() {
                for neighbour in index.nearest(tokens: TextNormalizer.tokens(item.title), limit: corpus.count, minimum: minimum)
                where neighbour.index > i && body(corpus[neighbour.index]) != body(item) {
                    let other = corpus[neighbour.index]
                    pairs += 1
                    items.insert(i)
                    items.insert(neighbour.index)
                    if other.category == item.category { sameCategory += 1 }
                    if (other.category == .dikecualikan) == (item.category == .dikecualikan) { sameDecision += 1 }
                    let letters = Set(item.grounds.map { $0.dropFirst(2).prefix(1) })
                    let otherLetters = Set(other.grounds.map { $0.dropFirst(2).prefix(1) })
                    if !letters.isEmpty && !otherLetters.isEmpty {
                        groundPairs += 1
                        if !letters.isDisjoint(with: otherLetters) { sameLetter += 1 }
                    }
                    if other.category != .dikecualikan && item.category != .dikecualikan {
                        openPairs += 1
                        if other.category == item.category { sameOpenCategory += 1 }
                    }
                }
            }
            func percent(_ part: Int, _ whole: Int) -> String { String(format: "%d/%d = %.1f%%", part, whole, whole == 0 ? 0 : Double(part) * 100 / Double(whole)) }
            print("-- \(name)\(registerAsOneBody ? ", pemkotbekasi/ register as one body" : ""): \(pairs) pairs of items from different bodies (\(items.count) items)")
            print("   same category: \(percent(sameCategory, pairs))")
            print("   same withheld/open decision: \(percent(sameDecision, pairs))")
            print("   same open category (pairs where both are open): \(percent(sameOpenCategory, openPairs))")
            print("   a Pasal 17 letter in common (pairs where both stated a ground): \(percent(sameLetter, groundPairs))")
            report("classify-ceiling: \(name)\(registerAsOneBody ? " (register as one body)" : "") category agreement between bodies",
                   pairs == 0 ? 0 : Double(sameCategory) * 100 / Double(pairs), "%")
        }
    }
}
