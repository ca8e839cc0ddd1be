import DIPCore
import Foundation

/// Applies a rule set to items: suggests a category and berkala sub-group, flags items that
/// need a consequence test with their Pasal 17 grounds, and compares with what the unit declared.
///
/// Stateless after construction and `Sendable`: one classifier may serve many threads.
public struct Classifier: Sendable {
    /// Everything the classifier holds, behind one reference so that copying a classifier (in
    /// closures, across threads) costs one retain.
    private final class Storage: @unchecked Sendable {
        let ruleSet: RuleSet
        let precedentIndex: PrecedentIndex
        /// The learned layer, trained on the same precedents as the index.
        let model: LearnedModel
        let policy: PrecedentPolicy
        let active: [CompiledRule]
        let groundOrder: [String: Int]
        /// Grounds in words for the notes a unit reads (built once, not per item).
        let citations: LegalCitations
        /// What depends on the text alone (fired rules, precedent verdict), by normalised text:
        /// titles repeat across units and runs. Bounded (20,000 texts, about a regency run); guarded by `lock`.
        var memo: [TextKey: TextAnalysis] = [:]
        let lock = NSLock()
        /// What each token means to the matchers and the precedent index, by token (see
        /// `TokenFacts`); guarded by `lock`. Bounded like `memo`.
        var tokenFacts: [String: TokenFacts] = [:]
        /// Ids for similarity terms the corpus lacks, after the corpus's own (they count in
        /// a text's norm, and two tokens with the same key count once).
        var foreignTerms: [String: Int32] = [:]
        /// The token table is valid only when every matcher stems with the rule set's morphology.
        let tokenTableUsable: Bool
        /// For each wide phrase id, the positions in `active` of the rules whose `semua` or
        /// `salah_satu` conditions name it: only those rules can fire on a text holding it.
        let rulesByPhrase: [[Int32]]
        /// Keys made of ASCII digits that some matcher or the abbreviations know: any other
        /// number token means nothing to the matchers and is not a similarity term.
        let knownNumbers: Set<String>
        /// Pasal 17 codes of pengecualian.yaml.
        let groundCodes: Set<String>
        /// Each ground of pengecualian.yaml in words for the notes ("Pasal 17 huruf h angka 3
        /// UU 14/2008: …"), built once: a flagged item used to build it again each time.
        let describedGrounds: [String: String]
        /// `citations.citation(codes:)` of the grounds an item declared dikecualikan is noted
        /// with, by grounds: each such item built the same citation again (its regular
        /// expressions were 2 % of classify-distinct, session 22). Guarded by `lock`; bounded.
        var citedGrounds: [[String]: String] = [:]
        /// The kind of the body whose items this classifier reads (`PrecedentPolicy.kindKey` of a
        /// `jenis_badan`; empty: unknown). Only a policy that `readsBodyKind` uses it.
        let bodyKind: String
        /// The PPID's units' names (the rule set's unit.yaml), left out of an item's words where it
        /// is compared with any precedent (`PrecedentPolicy.itemsLeaveOutUnitNames`); nil: kept.
        let itemNames: NameWords?

        init(ruleSet: RuleSet, precedentIndex: PrecedentIndex, model: LearnedModel, policy: PrecedentPolicy, plainPath: Bool,
             bodyKind: String = "") {
            self.bodyKind = bodyKind
            itemNames = policy.itemsLeaveOutUnitNames
                ? NameWords(names: Classifier.unitNames(ruleSet.units), morphology: ruleSet.morphology) : nil
            self.ruleSet = ruleSet
            self.precedentIndex = precedentIndex
            self.model = model
            self.policy = policy
            active = ruleSet.compiled.filter(\.rule.enabled)
            groundOrder = Dictionary(uniqueKeysWithValues: ruleSet.grounds.enumerated().map { ($1.code, $0) })
            citations = LegalCitations(ruleSet: ruleSet)
            tokenTableUsable = !plainPath && precedentIndex.morphology === ruleSet.matcher.wide.morphology
                && model.morphology === precedentIndex.morphology
            var byPhrase = [[Int32]](repeating: [], count: ruleSet.matcher.wide.count)
            for (position, rule) in active.enumerated() where rule.hasConditions {
                for phrase in Set(rule.conditionPhrases) { byPhrase[phrase].append(Int32(position)) }
            }
            rulesByPhrase = byPhrase
            let isNumber: (String) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
            knownNumbers = Set((ruleSet.matcher.wide.vocabularyKeys + ruleSet.matcher.exact.vocabularyKeys
                + ruleSet.openMarkerKeys + Array(ruleSet.matcher.wide.morphology.abbreviations.keys)).filter(isNumber))
            groundCodes = ruleSet.knownGroundCodes
            var described: [String: String] = [:]
            for ground in ruleSet.grounds where described[ground.code] == nil {
                described[ground.code] = Classifier.describe(ground: ground.code, ruleSet: ruleSet, citations: citations)
            }
            describedGrounds = described
        }
    }

    /// One token as the matchers see it, looked up once per distinct token instead of once per
    /// matcher and item (stemming, abbreviation and vocabulary lookups were most of the cost of
    /// classifying a text not seen before).
    struct TokenFacts {
        /// Key id in the `semua`/`salah_satu` phrase matcher (-1: no phrase uses its stem).
        var wide: Int32
        /// Key id in the `kecuali` phrase matcher.
        var exact: Int32
        /// Key id in the open-marker matcher (kamus.yaml `penanda_terbuka`).
        var marker: Int32
        /// Similarity term for precedents (-1: none, e.g. stop words and numbers); ids below
        /// the corpus's term count are the corpus's own.
        var term: Int32
        /// The learned layer's feature id (`LearnedModel.stemID`: a stem id, `unknownStem` or
        /// `notAFeature`).
        var model: Int32
        /// The facts of an abbreviation's expansion ("lhp" → laporan, hasil, pemeriksaan).
        var expansion: [TokenFacts]?
        /// What the token is to the units' names left out of the item's words
        /// (`PrecedentPolicy.itemsLeaveOutUnitNames`; `.none` when they are kept).
        var itemName = NameWords.Facts.none
        /// What the token is to the names the index compares the PPID's own decisions without
        /// (`PrecedentIndex.names`; `.none` when it has none).
        var indexName = NameWords.Facts.none
        /// What the token is to the unit's and the body's names written out, which the rules'
        /// exceptions and open markers are not read inside (`RuleSet.writtenOutNames`,
        /// `NameWords.writtenOutMask(count:_:)`).
        var ruleName = NameWords.Facts.none
    }

    /// The part of a classification that depends on the text only. A class: the analysis is
    /// kept in the memo and handed to `classify`, and copying it as a value retained each of
    /// its arrays and strings (firings, verdict hits and grounds, the learned layer's words)
    /// on every copy and released them again (classify-distinct, session 22). Never changed
    /// once built.
    final class TextAnalysis: Equatable, @unchecked Sendable {
        let firings: [Firing]
        let openMarker: String?
        let verdict: PrecedentVerdict?
        let assessment: LearnedModel.Assessment?

        init(firings: [Firing], openMarker: String?, verdict: PrecedentVerdict?, assessment: LearnedModel.Assessment?) {
            self.firings = firings
            self.openMarker = openMarker
            self.verdict = verdict
            self.assessment = assessment
        }

        static func == (lhs: TextAnalysis, rhs: TextAnalysis) -> Bool {
            lhs === rhs || (lhs.firings == rhs.firings && lhs.openMarker == rhs.openMarker && lhs.verdict == rhs.verdict
                && lhs.assessment == rhs.assessment)
        }
    }

    /// A text's tokens as the memo's key, hashed once: a text not seen before is looked up and
    /// then stored, and hashing every token twice showed in classify-distinct (session 22).
    /// Equal keys have equal tokens; the stored hash only saves hashing them again.
    struct TextKey: Hashable {
        let tokens: [String]
        let hash: Int

        init(_ tokens: [String]) {
            self.tokens = tokens
            var hasher = Hasher()
            hasher.combine(tokens)
            hash = hasher.finalize()
        }

        static func == (lhs: TextKey, rhs: TextKey) -> Bool { lhs.hash == rhs.hash && lhs.tokens == rhs.tokens }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    private let storage: Storage
    public var ruleSet: RuleSet { storage.ruleSet }
    /// The precedents compared with each item: the PPID's own decisions and the corpus.
    public var precedentIndex: PrecedentIndex { storage.precedentIndex }
    public var policy: PrecedentPolicy { storage.policy }
    /// The learned layer (naive Bayes over stems, trained on the same precedents).
    public var learnedModel: LearnedModel { storage.model }
    private var active: [CompiledRule] { storage.active }
    private var citations: LegalCitations { storage.citations }
    /// Below this similarity a precedent is not written into the notes (see `classify`).
    static let shownPrecedentSimilarity = 0.3
    /// How the note on withheld precedents set aside by an open marker begins (the unit's
    /// feedback leaves it out: it speaks of precedents the unit is not shown, and of kamus.yaml).
    public static let setAsideNotePrefix = "Preseden yang dikecualikan tidak dipakai karena"

    /// A classifier with the rules, the shipped corpus (rules/preseden.csv) and the PPID's own
    /// decisions from the register (which outrank the corpus).
    ///
    /// With the PPID's decisions the precedent index and the learned layer are built anew over
    /// them and the corpus; with `threads` > 1 the layer is trained on a second thread while
    /// the index is built (the same classifier either way).
    ///
    /// `units`: the PPID's work units (unit.yaml), whose names (with the decisions' units' and
    /// the corpus bodies') the PPID's own decisions are compared without (`NameWords`).
    public init(ruleSet: RuleSet, ppidDecisions: [Precedent] = [], units: UnitDirectory = UnitDirectory(units: []),
                policy: PrecedentPolicy = .standard, threads: Int = 1) {
        if ppidDecisions.isEmpty {
            self.init(ruleSet: ruleSet, precedentIndex: ruleSet.precedentIndex, model: ruleSet.learnedModel, policy: policy)
        } else {
            let all = ppidDecisions + ruleSet.precedents
            let examples = all + ruleSet.statutoryExamples
            let morphology = ruleSet.morphology
            let names = Self.names(all, units: Self.unitNames(units) + Self.unitNames(ruleSet.units), morphology: morphology, policy: policy)
            let model = OwnThread.start(if: threads > 1) {
                LearnedModel(precedents: examples, morphology: morphology, ppidWeight: policy.ppidWeight,
                             smoothing: policy.modelSmoothing, learnsFromEnglishWithheld: policy.modelLearnsFromEnglishWithheld,
                             leavesOutBodyNames: policy.modelLeavesOutBodyNames, names: names)
            }
            let index = PrecedentIndex(precedents: all, morphology: morphology, bodyNameCut: policy.precedentsLeaveOutBodyNames,
                                       names: names)
            self.init(ruleSet: ruleSet, precedentIndex: index, model: model.wait(), policy: policy)
        }
    }

    /// A classifier with an explicit set of precedents (e.g. only some bodies', to measure on
    /// the others).
    /// `unitNames`: names of the PPID's units (or inbox codes) besides those of the precedents'
    /// bodies, which the PPID's own decisions among them are compared without.
    public init(ruleSet: RuleSet, precedents: [Precedent], unitNames: [String] = [], policy: PrecedentPolicy = .standard) {
        let names = Self.names(precedents, units: unitNames + Self.unitNames(ruleSet.units), morphology: ruleSet.morphology, policy: policy)
        self.init(ruleSet: ruleSet, precedentIndex: PrecedentIndex(precedents: precedents, morphology: ruleSet.morphology,
                                                                  bodyNameCut: policy.precedentsLeaveOutBodyNames, names: names),
                  // No precedents, no learned layer (rules alone): the law's lists only add
                  // vocabulary to what bodies decided.
                  model: LearnedModel(precedents: precedents.isEmpty ? [] : Self.layerExamples(precedents, policy: policy)
                                          + (policy.modelLearnsFromLaw ? ruleSet.statutoryExamples : []),
                                      morphology: ruleSet.morphology, ppidWeight: policy.ppidWeight, smoothing: policy.modelSmoothing,
                                      learnsFromEnglishWithheld: policy.modelLearnsFromEnglishWithheld,
                                      leavesOutBodyNames: policy.modelLeavesOutBodyNames, names: names),
                  policy: policy)
    }

    /// The name words the PPID's own decisions among `precedents` are compared without: the
    /// units' names and codes, and every precedent's body (a decision's unit, a corpus body); nil
    /// without such a decision or when the policy keeps names (docs/classification.md §53).
    /// Each unit's name and the words of its inbox code ("rsud-drajat" → "rsud drajat").
    static func unitNames(_ units: UnitDirectory) -> [String] {
        units.units.flatMap { [$0.name, NameWords.codeWords($0.code)] }
    }

    static func names(_ precedents: [Precedent], units: [String], morphology: Morphology, policy: PrecedentPolicy) -> NameWords? {
        guard policy.ppidDecisionsLeaveOutNames, precedents.contains(where: { $0.origin == .ppid }) else { return nil }
        var bodies = Set<String>()
        for precedent in precedents where precedent.body != RuleSet.statutoryBody { bodies.insert(precedent.body) }
        return NameWords(names: units + bodies.sorted(), morphology: morphology)
    }

    /// The precedents the learned layer learns from: all of them, unless the policy leaves some
    /// bodies out for measuring (`modelLeavesOutBodies`).
    static func layerExamples(_ precedents: [Precedent], policy: PrecedentPolicy) -> [Precedent] {
        policy.modelLeavesOutBodies.isEmpty ? precedents : precedents.filter { !policy.modelLeavesOutBodies.contains($0.body) }
    }

    init(ruleSet: RuleSet, precedentIndex: PrecedentIndex, model: LearnedModel, policy: PrecedentPolicy) {
        storage = Storage(ruleSet: ruleSet, precedentIndex: precedentIndex, model: model, policy: policy, plainPath: false)
    }

    /// The same classifier analysing every text by the plain path (no token table): the
    /// reference the fast path is compared with.
    func withPlainPath() -> Classifier {
        Classifier(storage: Storage(ruleSet: ruleSet, precedentIndex: precedentIndex, model: storage.model, policy: policy, plainPath: true,
                                           bodyKind: storage.bodyKind))
    }

    private init(storage: Storage) { self.storage = storage }

    /// The same classifier (rules, precedents, learned layer) reading the items of a body of
    /// kind `kind` (a `jenis_badan` value: "kabupaten", "universitas", "rumah_sakit" …), with a
    /// memo of its own. Only a policy that `readsBodyKind` gives a different answer.
    public func forBodyKind(_ kind: String) -> Classifier {
        Classifier(storage: Storage(ruleSet: ruleSet, precedentIndex: precedentIndex, model: storage.model, policy: policy,
                                    plainPath: !storage.tokenTableUsable, bodyKind: policy.kindKey(kind)))
    }

    /// The kind of the body this classifier reads items of, as the policy compares kinds.
    var bodyKindKey: String { storage.bodyKind }

    /// Whether a number token takes the token table's full path (a matcher or an abbreviation
    /// knows it).
    func storageKnowsNumber(_ token: String) -> Bool { storage.knownNumbers.contains(token) }

    /// Fired rules, open marker and precedent verdict of a text, computed once per distinct
    /// normalised text.
    func analysis(tokens: [String]) -> TextAnalysis {
        // Keyed by the token array itself: joining the tokens into a string cost an allocation
        // per text (classify-distinct).
        let key = TextKey(tokens)
        storage.lock.lock()
        if let known = storage.memo[key] {
            storage.lock.unlock()
            return known
        }
        let facts = storage.tokenTableUsable ? tokenFacts(tokens) : nil
        storage.lock.unlock()
        let analysis: TextAnalysis
        if let facts {
            // The learned layer's feature ids come from the table too; the expanded stream is
            // each token's expansion or the token itself (`Morphology.expanded`).
            let expandedIDs: [Int32] = facts.contains { $0.expansion != nil }
                ? facts.flatMap { token in token.expansion.map { $0.map(\.model) } ?? [token.model] } : []
            // The words compared with precedents: without the units' names, when the policy says so
            // (name words read from the table, not folded and looked up per text).
            var comparedFacts: [TokenFacts]? = nil
            if let itemNames = storage.itemNames {
                let mask = itemNames.mask(count: facts.count) { facts[$0].itemName }
                if mask.contains(true) {
                    var kept: [TokenFacts] = []
                    kept.reserveCapacity(facts.count)
                    for (token, name) in zip(facts, mask) where !name { kept.append(token) }
                    comparedFacts = kept
                }
            }
            var names: [Bool]?
            if precedentIndex.hasNameCut, let indexNames = precedentIndex.names {
                let compared = comparedFacts ?? facts
                names = indexNames.mask(count: compared.count) { compared[$0].indexName }
            }
            analysis = self.analysis(facts: facts, compared: comparedFacts,
                                     ruleNames: storage.ruleSet.writtenOutNames.writtenOutMask(count: facts.count) { facts[$0].ruleName },
                                     names: names,
                                     assessment: storage.model.assess(tokens: tokens, ids: facts.map(\.model), expandedIDs: expandedIDs))
        } else {
            analysis = referenceAnalysis(tokens: tokens)
        }
        storage.lock.lock()
        if storage.memo.count >= 20_000 { storage.memo.removeAll(keepingCapacity: true) }
        storage.memo[key] = analysis
        storage.lock.unlock()
        return analysis
    }

    /// The analysis by the plain path: each matcher and the precedent index tokenise, stem and
    /// look up the words themselves. What `analysis(facts:)` must equal (`FastAnalysisTests`).
    func referenceAnalysis(tokens: [String]) -> TextAnalysis {
        let ruleNames = storage.ruleSet.nameMask(tokens)
        let openMarker = storage.ruleSet.openMarker(in: tokens, names: ruleNames)
        var compared = tokens
        if let itemNames = storage.itemNames {
            let mask = itemNames.mask(tokens)
            if mask.contains(true) { compared = zip(tokens, mask).filter { !$0.1 }.map(\.0) }
        }
        return TextAnalysis(firings: firings(found: storage.ruleSet.matcher.match(tokens: tokens, names: ruleNames)), openMarker: openMarker,
                            verdict: precedentVerdict(tokens: compared, openOnly: openMarker != nil),
                            assessment: storage.model.assess(tokens: tokens))
    }

    /// The analysis from the token table's facts (and the learned layer's assessment, read
    /// from the same facts).
    /// `names`: for each token whether it is a name word (`NameWords`), when the index compares
    /// some precedents without names.
    /// `compared`: the facts of the tokens compared with precedents when not all of them are
    /// (`PrecedentPolicy.itemsLeaveOutUnitNames`); `names` is then that list's mask.
    /// `ruleNames`: `RuleSet.nameMask` of the text (the rules' exceptions and open markers are
    /// not read inside a unit's or the body's name written out).
    func analysis(facts: [TokenFacts], compared: [TokenFacts]? = nil, ruleNames: [Bool]? = nil, names: [Bool]? = nil,
                  assessment: LearnedModel.Assessment? = nil) -> TextAnalysis {
        let ruleSet = storage.ruleSet
        let expanded: [Int32]? = facts.contains { $0.expansion != nil }
            ? facts.flatMap { token in token.expansion.map { $0.map(\.wide) } ?? [token.wide] } : nil
        let found = ruleSet.matcher.match(wide: facts.map(\.wide), expanded: expanded, exact: facts.map(\.exact), names: ruleNames)
        let openMarker = ruleSet.openMarker(keyIDs: facts.map(\.marker), names: ruleNames)
        // The text's distinct similarity terms: its words' and its abbreviations' expansions'.
        var terms: [Int32] = []
        terms.reserveCapacity(facts.count + 4)
        let comparedFacts = compared ?? facts
        for token in comparedFacts {
            if token.term >= 0 { terms.append(token.term) }
            for part in token.expansion ?? [] where part.term >= 0 { terms.append(part.term) }
        }
        terms.sort()
        var query: [Int32] = []
        query.reserveCapacity(terms.count)
        var unknown = 0
        let corpusTerms = Int32(precedentIndex.termCount)
        for (offset, term) in terms.enumerated() where offset == 0 || terms[offset - 1] != term {
            if term < corpusTerms { query.append(term) } else { unknown += 1 }
        }
        // The same without the text's name words, for the PPID's own decisions.
        var withoutNames: PrecedentIndex.NameCutQuery?
        if let names, names.contains(true) {
            var kept: [Int32] = []
            for (token, name) in zip(comparedFacts, names) where !name {
                if token.term >= 0 { kept.append(token.term) }
                for part in token.expansion ?? [] where part.term >= 0 { kept.append(part.term) }
            }
            kept.sort()
            var cut = PrecedentIndex.NameCutQuery(query: [], unknownTerms: 0)
            for (offset, term) in kept.enumerated() where offset == 0 || kept[offset - 1] != term {
                if term < corpusTerms { cut.query.append(term) } else { cut.unknownTerms += 1 }
            }
            withoutNames = cut
        } else if names != nil {
            withoutNames = PrecedentIndex.NameCutQuery(query: query, unknownTerms: unknown)
        }
        let neighbours = precedentIndex.nearest(query: query, unknownTerms: unknown, withoutNames: withoutNames,
                                                limit: max(policy.neighbours * 3, 20), minimum: policy.weakSimilarity)
        return TextAnalysis(firings: firings(found: found), openMarker: openMarker,
                            verdict: precedentVerdict(neighbours: neighbours, openOnly: openMarker != nil), assessment: assessment)
    }

    /// The facts of each token, from the table or worked out and added. Call with `lock` held.
    private func tokenFacts(_ tokens: [String]) -> [TokenFacts] {
        if storage.tokenFacts.count >= 200_000 {
            storage.tokenFacts.removeAll(keepingCapacity: true)
            storage.foreignTerms.removeAll(keepingCapacity: true)
        }
        return tokens.map { token in
            if let known = storage.tokenFacts[token] { return known }
            // A number no phrase names (serial numbers, most years): stemming keeps digits as
            // they are, and numbers are never similarity terms. Not kept in the table.
            if token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) && !storage.knownNumbers.contains(token) {
                // A whole name may hold a number ("SMP Negeri 1 …").
                return TokenFacts(wide: -1, exact: -1, marker: -1, term: -1, model: LearnedModel.notAFeature, expansion: nil,
                                  itemName: storage.itemNames?.numberFacts(token) ?? .none,
                                  indexName: storage.precedentIndex.names?.numberFacts(token) ?? .none,
                                  ruleName: storage.ruleSet.writtenOutNames.numberFacts(token))
            }
            let facts = workOutFacts(token, expand: true)
            storage.tokenFacts[token] = facts
            return facts
        }
    }

    /// What `PhraseMatcher.keyIDs`, `RuleSet.openMarker(in:)`, `PrecedentIndex.terms` and
    /// `Morphology.expanded` make of one token. Call with `lock` held.
    private func workOutFacts(_ token: String, expand: Bool) -> TokenFacts {
        let ruleSet = storage.ruleSet
        let index = storage.precedentIndex
        var term: Int32 = -1
        // The learned layer filters and stems as the precedent index does (same morphology:
        // `tokenTableUsable`), so its id comes from the same key.
        var model = LearnedModel.notAFeature
        if token.count >= 2 && !PrecedentIndex.stopWords.contains(token) && !token.allSatisfy(\.isNumber) {
            let key = index.morphology.key(token)
            if !PrecedentIndex.stopWords.contains(key) {
                model = storage.model.featureID(key: key)
                if let id = index.termID(key) {
                    term = id
                } else if let id = storage.foreignTerms[key] {
                    term = id
                } else {
                    term = Int32(index.termCount + storage.foreignTerms.count)
                    storage.foreignTerms[key] = term
                }
            }
        }
        let morphology = ruleSet.matcher.wide.morphology
        let expansion = expand ? morphology.abbreviations[token].map { $0.map { workOutFacts($0, expand: false) } } : nil
        // Names are read on the text's own tokens, never on an expansion's.
        return TokenFacts(wide: ruleSet.matcher.wide.keyID(token), exact: ruleSet.matcher.exact.keyID(token),
                          marker: ruleSet.openMarkerKeyID(token), term: term, model: model, expansion: expansion,
                          itemName: expand ? storage.itemNames?.facts(token) ?? .none : .none,
                          indexName: expand ? index.names?.facts(token) ?? .none : .none,
                          ruleName: expand ? ruleSet.writtenOutNames.facts(token) : .none)
    }

    /// One fired rule with what it matched and whether a Pasal 18 lift cancelled its grounds.
    public struct Firing: Hashable, Sendable {
        /// The compiled rule, held by reference: a firing is copied into the text's analysis,
        /// the memo and the classification, and a `Rule` value would retain each of its fields
        /// on every copy.
        let compiled: CompiledRule
        public var rule: Rule { compiled.rule }
        public var matchedWords: [String]
        /// Its grounds that still apply after Pasal 18 lifts.
        public var remainingGrounds: [String]
        /// True when the rule had grounds and every one was lifted.
        public var lifted: Bool
        /// The rule's `mengalahkan_kecuali` phrases that made it fire although its `kecuali`
        /// phrases `overriddenExceptions` are in the text (both empty otherwise). The overriding
        /// phrases are also the last of `matchedWords`.
        public var overridingWords: [String] = []
        public var overriddenExceptions: [String] = []

        public static func == (lhs: Firing, rhs: Firing) -> Bool {
            (lhs.compiled === rhs.compiled || lhs.rule == rhs.rule) && lhs.matchedWords == rhs.matchedWords
                && lhs.remainingGrounds == rhs.remainingGrounds && lhs.lifted == rhs.lifted
                && lhs.overridingWords == rhs.overridingWords && lhs.overriddenExceptions == rhs.overriddenExceptions
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(rule.id)
            hasher.combine(matchedWords)
            hasher.combine(remainingGrounds)
            hasher.combine(lifted)
            hasher.combine(overridingWords)
        }
    }

    /// The rules that fire on `text`, in file order.
    public func firings(_ text: String) -> [Firing] {
        firings(tokens: ruleSet.morphology.matchTokens(text))
    }

    /// The rules that fire on a text given as tokens; their exceptions are not read inside a
    /// unit's or the body's name written out (`RuleSet.nameMask`).
    func firings(tokens: [String]) -> [Firing] {
        firings(found: ruleSet.matcher.match(tokens: tokens, names: ruleSet.nameMask(tokens)))
    }

    func firings(found: RuleMatcher.Found) -> [Firing] {
        // Only rules naming a phrase the text holds can fire; checked in file order.
        var candidates: [Int32] = []
        found.wide.forEach { candidates.append(contentsOf: storage.rulesByPhrase[$0]) }
        candidates.sort()
        var fired: [(CompiledRule, [String], (overrides: [String], exceptions: [String]))] = []
        for (offset, position) in candidates.enumerated() where offset == 0 || candidates[offset - 1] != position {
            let compiled = active[Int(position)]
            if compiled.fires(found) {
                let overridden: (overrides: [String], exceptions: [String]) = compiled.overrides.isEmpty
                    ? ([], []) : compiled.overriddenExceptions(found, matcher: ruleSet.matcher)
                fired.append((compiled, compiled.matchedPhrases(found, matcher: ruleSet.matcher) + overridden.overrides, overridden))
            }
        }
        let lifts = fired.flatMap { $0.0.rule.lifts }
        return fired.map { compiled, words, overridden in
            let remaining = compiled.rule.grounds.filter { !lifts.contains($0) }
            return Firing(compiled: compiled, matchedWords: words, remainingGrounds: remaining,
                          lifted: !compiled.rule.grounds.isEmpty && remaining.isEmpty,
                          overridingWords: overridden.overrides, overriddenExceptions: overridden.exceptions)
        }
    }

    /// Classifies one item (its title, summary and remarks).
    public func classify(_ item: InformationItem) -> Classification {
        let textTokens = ruleSet.morphology.matchTokens(item.searchableText)
        let analysis = analysis(tokens: textTokens)
        let firings = analysis.firings
        let openMarker = analysis.openMarker
        let verdict = analysis.verdict
        let assessment = analysis.assessment
        let declared = item.kategori
        var notes: [String] = []

        // Pasal 18 lifts, told once per Pasal 18 provision.
        var liftNotes: [String: (grounds: [String], rules: [String])] = [:]
        for firing in firings where !firing.rule.lifts.isEmpty {
            let lifted = firings.flatMap { $0.rule.grounds }.filter(firing.rule.lifts.contains)
            guard !lifted.isEmpty, let code = firing.rule.pasal18 else { continue }
            liftNotes[code, default: ([], [])].grounds += lifted
            liftNotes[code, default: ([], [])].rules.append(firing.rule.id)
        }
        for code in liftNotes.keys.sorted() {
            let entry = liftNotes[code]!
            let title = ruleSet.pasal18.first { $0.code == code }?.title ?? "Pasal 18"
            notes.append("Pasal 18 (\(title)): dasar \(unique(entry.grounds).joined(separator: ", ")) tidak berlaku (aturan \(entry.rules.joined(separator: ", "))).")
        }

        // The suggestion: the highest-priority rule naming a category (file order breaks ties).
        let deciding = firings.filter { $0.rule.category != nil && !$0.lifted }
        var ruleSuggestion: Category?
        var top: Firing?
        if let best = deciding.max(by: { $0.rule.priority < $1.rule.priority }) {
            let tied = deciding.filter { $0.rule.priority == best.rule.priority }
            top = tied.first
            ruleSuggestion = top?.rule.category
            if let declared, declared != ruleSuggestion {
                // The unit's choice stands when a top rule names it, or allows it as an alternative.
                if let accepting = tied.first(where: { $0.rule.category == declared || $0.rule.alternatives.contains(declared) }) {
                    top = accepting
                    ruleSuggestion = declared
                    if accepting.rule.category != declared {
                        notes.append("Kategori yang dinyatakan unit (\(declared.shortLabel)) dapat diterima menurut aturan \(accepting.rule.id) (kategori utama: \(accepting.rule.category!.shortLabel)).")
                    }
                }
            }
        }

        var grounds = unique(firings.flatMap(\.remainingGrounds))
        var suggested = ruleSuggestion ?? declared
        var needsReview = false
        var needsTest = false
        var missingBasis = false

        // Where the rule's open category is not the only one the law allows (it names another as
        // `kategori_alternatif`) and a strong precedent vote files this wording under that other
        // one, the precedents choose between the two lawful categories (never serta merta, whose
        // test is the threat, UU 14/2008 Pasal 10; docs/classification.md §26). `alternativeChosen`:
        // the rule's allowed category was chosen, by the precedents or by the title's period.
        var alternativeChosen = false
        if policy.precedentsPickAllowedCategory, declared == nil, let top, let ruleSuggestion, ruleSuggestion != .dikecualikan,
           let verdict = analysis.verdict, verdict.strong, verdict.category != ruleSuggestion,
           verdict.category != .dikecualikan, verdict.category != .sertaMerta, top.rule.alternatives.contains(verdict.category) {
            suggested = verdict.category
            alternativeChosen = true
            notes.append("Aturan menyarankan \(ruleSuggestion.shortLabel) (kata kunci: \(top.matchedWords.joined(separator: ", "))) "
                         + "dan juga menerima \(verdict.category.shortLabel); preseden kuat memakai \(verdict.category.shortLabel) "
                         + "(\(verdict.summary)), jadi \(verdict.category.shortLabel) yang disarankan.")
        }

        // A title naming the period of its edition, where the rule allows berkala beside setiap
        // saat: one issue of a periodic series (UU 14/2008 Pasal 9; docs/classification.md §31).
        if policy.periodWordsPickBerkala, !alternativeChosen, declared == nil, let top, ruleSuggestion == .setiapSaat,
           top.rule.alternatives.contains(.berkala), let period = ruleSet.morphology.editionPeriods.period(in: textTokens) {
            suggested = .berkala
            alternativeChosen = true
            notes.append("Aturan menyarankan \(Category.setiapSaat.shortLabel) (kata kunci: \(top.matchedWords.joined(separator: ", "))) "
                         + "dan juga menerima \(Category.berkala.shortLabel); judulnya menyebut periode (\"\(period)\"): informasi ini terbit "
                         + "berkala, jadi \(Category.berkala.shortLabel) yang disarankan.")
        }

        if let declared, let ruleSuggestion, declared != ruleSuggestion, let top {
            needsReview = true
            // Plain words for the unit: the matched keywords, not the rule id (kept in `hits`).
            notes.append("Unit menyatakan \(declared.shortLabel), aturan menyarankan \(ruleSuggestion.shortLabel) (kata kunci: \(top.matchedWords.joined(separator: ", "))).")
        }

        // Precedents: they decide where no rule does, flag what other bodies (or this PPID)
        // withheld, and put a declared category that strong precedent contradicts to review.
        var precedentFlag = false
        // Withheld precedents would have flagged the item, but the rules answer them
        // (`rulesAnswer`).
        var answeredByRules = false
        // Rules win where they fire: an open category named by a rule, or a Pasal 18 lift, is
        // the PPID's explicit voice, and precedents then only ask for a review.
        let lifted = firings.contains { $0.lifted || $0.rule.pasal18 != nil }
        // The learned layer's open category, used where neither a rule nor the unit names one.
        var modelOpen: Category?
        if let assessment, policy.modelChoosesOpenCategory, ruleSuggestion == nil, declared == nil,
           !(policy.modelYieldsToStrongPrecedent && verdict?.strong == true),
           !(policy.modelOnlyWherePrecedentsAreWeak && verdict?.decisive == true) {
            modelOpen = assessment.openCategory
        }
        if let verdict {
            // A precedent is shown when it is close (a third of the weighted words or more) or
            // when precedents alone suggest the category; distant ones only add noise for the
            // unit and stay in `preseden` of the JSON.
            let decidedByPrecedents = ruleSuggestion == nil && declared == nil
            for (i, hit) in verdict.hits.enumerated() where decidedByPrecedents || hit.similarity >= Self.shownPrecedentSimilarity {
                // Bilingual bodies publish English titles ("Medical records."): quoted exactly,
                // and labelled as a quotation for the Indonesian reader (`englishHits`).
                notes.append(verdict.explanationLine(i))
            }
            if let openMarker, verdict.setAside > 0 {
                notes.append("\(Self.setAsideNotePrefix) teks memuat \"\(openMarker)\" (penanda informasi terbuka, kamus.yaml).")
            }
            if verdict.exemptLike && grounds.isEmpty && declared != .dikecualikan {
                if (ruleSuggestion == nil || ruleSuggestion == .dikecualikan) && !lifted {
                    if policy.flagNeedsWordOrderDistant, case let itemKeys = termKeys(textTokens),
                       !verdict.flaggingVoters.indices.contains(where: {
                           verdict.flaggingNear[$0] || holdsInOrder(verdict.flaggingVoters[$0], itemKeys: itemKeys)
                       }) {
                        // Every flagging precedent is distant and its words stand in another order
                        // in the item: as a withheld precedent that does not hold the item's words.
                        needsReview = true
                    } else if let answer = rulesAnswer(verdict, tokens: textTokens, firings: firings) {
                        // The PPID's rules say why those precedents are withheld and that this
                        // item is not: no flag, a person looks.
                        answeredByRules = true
                        needsReview = true
                        notes.append(answer)
                    } else {
                        precedentFlag = true
                    }
                } else if verdict.strong {
                    needsReview = true
                    notes.append("Aturan menyatakan informasi ini terbuka, tetapi informasi yang mirip dikecualikan badan publik lain (\(verdict.summary)): tinjau apakah perlu uji konsekuensi.")
                }
            }
            if ruleSuggestion == nil {
                if declared == nil {
                    suggested = precedentFlag ? .dikecualikan : verdict.category
                    if suggested == .dikecualikan && !precedentFlag {
                        // Withheld precedents that do not hold the item's words do not flag it:
                        // the best open category among the voters (or the learned layer's) is
                        // suggested, and a person decides.
                        // With no open voter, the learned layer's open category (when it has
                        // one): a suggestion of dikecualikan without a consequence test would
                        // say "withheld" while nothing asks for the test.
                        let layerOpen = policy.modelChoosesOpenCategory ? (modelOpen ?? assessment?.openCategory) : nil
                        suggested = verdict.openCategory.map { modelOpen ?? $0 } ?? layerOpen ?? .dikecualikan
                        if verdict.openCategory == nil, let layerOpen, let assessment {
                            notes.append(Self.modelCategoryNote(layerOpen, assessment))
                        }
                        needsReview = true
                        if !answeredByRules {
                            notes.append("Preseden terdekat dikecualikan tetapi judulnya tidak cukup sama dengan butir ini sehingga tidak ditandai uji konsekuensi: tinjau kategorinya.")
                        }
                    }
                    if let modelOpen, suggested != .dikecualikan, suggested != modelOpen {
                        suggested = modelOpen
                        if let assessment { notes.append(Self.modelCategoryNote(modelOpen, assessment)) }
                    }
                    var fellBack = false
                    if policy.commonCategoryWhereWeak, !verdict.strong, !verdict.fromPPID, !precedentFlag,
                       suggested != .dikecualikan, let common = precedentIndex.commonOpenCategory, suggested != common {
                        // Weak votes agree with bodies less often than the most common open
                        // category does (training bodies): that category, for a person to decide.
                        suggested = common
                        fellBack = true
                        needsReview = true
                        notes.removeAll { $0.hasPrefix("Dari kata-katanya, informasi seperti ini paling sering") }
                        notes.append("Tidak ada aturan yang cocok dan preseden tidak cukup kuat (\(verdict.summary)): saran kategori \(common.shortLabel) hanya karena kategori itu paling sering dipakai badan publik lain, tentukan kategorinya.")
                    }
                    if !verdict.decisive && !fellBack {
                        needsReview = true
                        notes.append("Tidak ada aturan yang cocok dan preseden yang mirip hanya sedikit: saran kategori \(suggested?.shortLabel ?? verdict.category.shortLabel) lemah, tentukan kategorinya.")
                    }
                } else if let declared, verdict.strong, verdict.category != declared {
                    needsReview = true
                    notes.append("Unit menyatakan \(declared.shortLabel), preseden kuat menyarankan \(verdict.category.shortLabel) (\(verdict.summary)): tinjau keduanya.")
                }
            } else if let ruleSuggestion, !alternativeChosen, verdict.strong, verdict.category != ruleSuggestion, verdict.category != .dikecualikan {
                notes.append("Aturan menyarankan \(ruleSuggestion.shortLabel), preseden menyarankan \(verdict.category.shortLabel) (\(verdict.summary)); aturan PPID yang berlaku.")
            }
        }

        // The learned layer flags what no rule and no precedent flagged when its words make
        // withholding very likely (several words, high probability); when they make it only
        // likely, it asks a person to look (perlu ditinjau) without flagging. An open rule, a
        // lift, an open marker or a strong open precedent keeps it from either.
        var modelFlag = false
        var modelReview = false
        if let assessment, !precedentFlag, grounds.isEmpty, declared != .dikecualikan, openMarker == nil, !lifted,
           ruleSuggestion == nil || ruleSuggestion == .dikecualikan,
           !(verdict.map { $0.strong && $0.category != .dikecualikan } ?? false) {
            let leaning = verdict?.category == .dikecualikan
            let flagThreshold = !leaning ? policy.modelFlagProbability
                : (verdict?.bestSimilarity ?? 0) >= policy.modelFlagLeaningSimilarity ? policy.modelFlagWithPrecedent : .infinity
            modelFlag = assessment.withheld >= flagThreshold
                && assessment.withheldEvidence >= policy.modelMinimumEvidence
            modelReview = !modelFlag
                && assessment.withheld >= (leaning ? policy.modelReviewWithPrecedent : policy.modelReviewProbability)
        }
        // An open rule decided, but the item's words lean withheld strongly
        // (`modelReviewAgainstOpenRule`, docs/classification.md §45.3): the rule's category
        // stands and nothing is flagged, but a person looks.
        var againstOpenRule = false
        if let assessment, !precedentFlag, !modelReview, grounds.isEmpty, declared != .dikecualikan, openMarker == nil, !lifted,
           let ruleSuggestion, ruleSuggestion != .dikecualikan,
           assessment.withheld >= policy.modelReviewAgainstOpenRule, assessment.withheldEvidence >= policy.modelMinimumEvidence {
            againstOpenRule = true
            needsReview = true
            let words = assessment.withheldWords.isEmpty ? "" : "; kata yang condong dikecualikan: \(assessment.withheldWords.joined(separator: ", "))"
            notes.append("Aturan menyatakan informasi ini terbuka, tetapi kata-katanya mirip informasi yang dikecualikan badan publik lain (peluang \(Int((assessment.withheld * 100).rounded()))%\(words)): tinjau apakah perlu uji konsekuensi.")
        }
        if modelReview, let assessment {
            needsReview = true
            let words = assessment.withheldWords.isEmpty ? "" : "; kata yang condong dikecualikan: \(assessment.withheldWords.joined(separator: ", "))"
            notes.append("Kata-katanya mirip informasi yang dikecualikan badan publik lain (peluang \(Int((assessment.withheld * 100).rounded()))%\(words)), tetapi tidak cukup kuat untuk ditandai: tinjau apakah perlu uji konsekuensi.")
        }
        if modelFlag {
            if ruleSuggestion == nil && declared == nil {
                suggested = .dikecualikan
                // The precedents' weaker word on the category no longer applies.
                notes.removeAll { $0.hasPrefix("Preseden terdekat dikecualikan tetapi") || $0.hasPrefix("Tidak ada aturan yang cocok dan preseden yang mirip hanya sedikit") }
            }
        }
        if suggested == nil, let modelOpen, let assessment {
            // No rule, no precedent even weakly similar, nothing declared: the learned layer's
            // category is a weak suggestion for a person to decide.
            suggested = modelOpen
            needsReview = true
            notes.append(Self.modelCategoryNote(modelOpen, assessment))
            notes.append("Tidak ada aturan yang cocok dan tidak ada preseden yang mirip: saran kategori \(modelOpen.shortLabel) hanya dari kata-katanya (lemah), tentukan kategorinya.")
        }

        if declared == .dikecualikan {
            needsTest = true
            var unitText = item.dasarHukumText ?? ""
            if let remark = item.keterangan { unitText += " " + remark }
            let codes = storage.groundCodes
            let unitGrounds = GroundParser.grounds(in: unitText, known: { codes.contains($0) })
            grounds = unique(grounds + unitGrounds)
            // No basis written and no rule's ground: the letter the rules give the nearest
            // withheld precedent of the same kind, for the PPID to confirm (the basis stays
            // marked missing); never where an open rule, a Pasal 18 lift or an open marker
            // speaks against withholding.
            var ruleRead: (grounds: [String], title: String)?
            if grounds.isEmpty, ruleSuggestion == nil || ruleSuggestion == .dikecualikan, !lifted, openMarker == nil, let verdict {
                ruleRead = groundsOfRuleReadPrecedent(verdict)
            }
            if grounds.isEmpty {
                missingBasis = true
                needsReview = true
                var note = "Dinyatakan dikecualikan tanpa dasar hukum: sebutkan huruf/angka Pasal 17 UU 14/2008 yang menjadi dasarnya."
                if let verdict, !verdict.grounds.isEmpty {
                    note += " Badan publik lain memakai \(verdict.groundsText)."
                } else if let ground = assessment?.ground {
                    // No near precedent states a ground: the letter other bodies cite most for
                    // titles with these words (the learned layer).
                    note += " Untuk judul dengan kata-kata seperti ini, badan publik lain paling sering memakai \(PrecedentVerdict.describe(ground))."
                }
                if let ruleRead {
                    grounds = ruleRead.grounds
                    note += " Dasar yang disarankan: \(grounds.map(PrecedentVerdict.describe).joined(separator: ", ")), dasar yang diberikan "
                        + "aturan PPID untuk informasi serupa yang dikecualikan (\"\(ruleRead.title)\"); periksa dalam uji konsekuensi."
                }
                notes.append(note)
            } else {
                notes.append("Dinyatakan dikecualikan: wajib uji konsekuensi (Pasal 19 UU 14/2008) dengan dasar \(citation(grounds)).")
            }
        } else if !grounds.isEmpty {
            needsTest = true
            // In words, from each ground's dasar_hukum (never a local code such as "17j1").
            let described = grounds.map { storage.describedGrounds[$0] ?? Self.describe(ground: $0, ruleSet: ruleSet, citations: citations) }
            if let declared {
                needsReview = true
                notes.append("Dinyatakan terbuka (\(declared.shortLabel)) tetapi memuat informasi yang dapat dikecualikan (\(described.joined(separator: "; "))): lakukan uji konsekuensi sebelum dipublikasikan.")
            } else {
                notes.append("Memuat informasi yang dapat dikecualikan (\(described.joined(separator: "; "))): lakukan uji konsekuensi sebelum dipublikasikan.")
            }
        } else if precedentFlag, let verdict {
            needsTest = true
            grounds = unique(verdict.grounds)
            if policy.modelGroundFirst || grounds.isEmpty, let ground = assessment?.ground { grounds = [ground] }
            let ruleRead = groundsOfRuleReadPrecedent(verdict)
            if let ruleRead { grounds = ruleRead.grounds }
            // The precedents' grounds, when they state any; a letter taken from the words
            // instead (precedents without a ground) is said as such ("dengan dasar" followed
            // by nothing read "dikecualikan dengan dasar  (…)"), and so is the letter the rules
            // give the nearest withheld precedent.
            let basis = verdict.grounds.isEmpty ? "" : " dengan dasar \(verdict.groundsText)"
            let fromWords = ruleRead.map {
                "; dasar menurut aturan PPID untuk \"\($0.title)\": \($0.grounds.map(PrecedentVerdict.describe).joined(separator: ", "))"
            } ?? (verdict.grounds.isEmpty && !grounds.isEmpty
                ? "; dasar menurut kata-katanya: \(grounds.map(PrecedentVerdict.describe).joined(separator: ", "))" : "")
            if let declared {
                needsReview = true
                notes.append("Dinyatakan terbuka (\(declared.shortLabel)) tetapi informasi yang mirip dikecualikan\(basis) (\(verdict.summary)\(fromWords)): lakukan uji konsekuensi sebelum dipublikasikan.")
            } else {
                notes.append("Informasi yang mirip dikecualikan\(basis) (\(verdict.summary)\(fromWords)): lakukan uji konsekuensi sebelum dipublikasikan.")
            }
        } else if modelFlag, let assessment {
            needsTest = true
            var codes = verdict.map { $0.grounds } ?? []
            if policy.modelGroundFirst || codes.isEmpty, let ground = assessment.ground { codes = [ground] }
            grounds = unique(codes)
            let basis = grounds.isEmpty ? "" : " dengan dasar \(grounds.map(PrecedentVerdict.describe).joined(separator: ", "))"
            let reason = "kata-katanya mirip informasi yang dikecualikan badan publik lain (peluang \(Int((assessment.withheld * 100).rounded()))%"
                + (assessment.withheldWords.isEmpty ? ")" : "; kata yang condong dikecualikan: \(assessment.withheldWords.joined(separator: ", ")))")
            needsReview = true
            // Flagged because the nearest precedents lean withheld and the words agree: both are
            // named, so the PPID sees the two signals that met.
            let leaning = verdict.map { $0.category == .dikecualikan } ?? false
            let precedents = leaning ? verdict.map { "preseden terdekat condong dikecualikan (\($0.summary)) dan " } ?? "" : ""
            if let declared {
                notes.append("Dinyatakan terbuka (\(declared.shortLabel)) tetapi \(precedents)\(reason): lakukan uji konsekuensi\(basis) sebelum dipublikasikan.")
            } else if leaning {
                notes.append("Tidak ada aturan yang cocok, tetapi \(precedents)\(reason): lakukan uji konsekuensi\(basis) sebelum dipublikasikan.")
            } else {
                notes.append("Tidak ada aturan atau preseden yang sama, tetapi \(reason): lakukan uji konsekuensi\(basis) sebelum dipublikasikan.")
            }
        }
        // Only for a text with a word that means something ("Dokumen lain-lain" gets none).
        if suggested == nil, policy.commonCategoryWhereWeak, let common = precedentIndex.commonOpenCategory,
           textTokens.contains(where: {
               $0.count >= 2 && !PrecedentIndex.stopWords.contains($0) && !$0.allSatisfy(\.isNumber) && !Self.vagueWords.contains($0)
           }) {
            suggested = common
            needsReview = true
            notes.append("Tidak ada aturan yang cocok, tidak ada preseden yang mirip, dan unit tidak menyatakan kategori: saran kategori \(common.shortLabel) hanya karena kategori itu paling sering dipakai badan publik lain, tentukan kategorinya.")
        }
        if suggested == nil {
            needsReview = true
            notes.append("Tidak ada aturan yang cocok, tidak ada preseden yang mirip, dan unit tidak menyatakan kategori: tentukan kategorinya.")
        }

        var subgroup: BerkalaSubgroup?
        if suggested == .berkala {
            subgroup = (top?.rule.category == .berkala ? top?.rule.subgroup : nil)
                ?? firings.first { $0.rule.subgroup != nil && !$0.lifted }?.rule.subgroup
            if subgroup == nil, let heading = item.subkelompok {
                subgroup = self.firings(heading).first { $0.rule.subgroup != nil }?.rule.subgroup
            }
        }

        let hits = firings.map { firing in
            RuleHit(ruleID: firing.rule.id,
                    description: firing.lifted ? firing.rule.description + " " + RuleHit.liftedByPasal18Suffix : firing.rule.description,
                    matchedWords: firing.matchedWords)
        }
        return Classification(
            declared: declared, suggested: suggested, subgroup: subgroup,
            needsConsequenceTest: needsTest, exemptionGrounds: grounds, needsReview: needsReview,
            missingLegalBasis: missingBasis, hits: hits, notes: notes,
            precedents: verdict?.hits ?? [], precedentCategory: verdict?.category,
            learned: assessment.map {
                LearnedHint(withheldProbability: ($0.withheld * 1000).rounded() / 1000, withheldWords: $0.withheldWords,
                            openCategory: $0.openCategory, ground: $0.ground, flagged: modelFlag,
                            review: modelReview || againstOpenRule)
            })
    }

    /// The similarity terms of `tokens` in their order (`PrecedentIndex.termKey`).
    func termKeys(_ tokens: [String]) -> [String] {
        tokens.compactMap { PrecedentIndex.termKey($0, morphology: precedentIndex.morphology) }
    }

    /// Whether the flagging (withheld) voter at `position` may flag an item whose terms are
    /// `itemKeys` as far as word order goes (`PrecedentPolicy.flagNeedsWordOrderDistant`): a
    /// distant title (the caller lets a near-identical one flag) when the stems the two share
    /// come in the item in the precedent's order.
    func holdsInOrder(_ position: Int, itemKeys item: [String]) -> Bool {
        let own = termKeys(precedentIndex.morphology.matchTokens(precedentIndex.precedents[position].title))
        guard own.count <= policy.flagWordOrderMaximumWords else { return true }
        var at = -1
        for key in own {
            guard let found = item.firstIndex(of: key) else { continue }
            if found < at {
                return false
            }
            at = found
        }
        return true
    }

    /// How the note of an item whose withheld precedents the rules answer begins (`rulesAnswer`).
    public static let answeredNotePrefix = "Informasi yang mirip dikecualikan badan publik lain: "

    /// Why the PPID's rules answer every withheld precedent that would flag an item, as the
    /// note for its review; nil when one of them is not answered (it flags). A precedent is
    /// answered when a withholding rule reads its title and, on the item, that rule's conditions
    /// hold but its `kecuali` phrases stop it (`PrecedentPolicy.precedentsYieldToRuleExceptions`),
    /// or, when measuring, when no rule reading its title reads the item
    /// (`precedentsYieldToRuleReading`). A precedent no withholding rule reads is never answered:
    /// the rules do not know why it is withheld. Read only for an item precedents would flag.
    func rulesAnswer(_ verdict: PrecedentVerdict, tokens: [String], firings itemFirings: [Firing]) -> String? {
        guard policy.precedentsYieldToRuleExceptions || policy.precedentsYieldToRuleReading, !verdict.flaggingVoters.isEmpty
        else { return nil }
        var found: RuleMatcher.Found?
        var reasons: [String] = []
        for voter in verdict.flaggingVoters {
            let title = precedentIndex.precedents[voter].title
            let reading = firings(title).filter { !$0.remainingGrounds.isEmpty }
            guard !reading.isEmpty else { return nil }
            if policy.precedentsYieldToRuleExceptions {
                let itemFound = found ?? ruleSet.matcher.match(tokens: tokens, names: ruleSet.nameMask(tokens))
                found = itemFound
                if let stopped = reading.lazy.map({ ($0, $0.compiled.stoppingExceptions(itemFound)) }).first(where: { !$0.1.isEmpty }) {
                    let words = stopped.1.map { "\"\(ruleSet.matcher.exact.phraseTexts[$0])\"" }.joined(separator: ", ")
                    reasons.append("'\(title)' dikecualikan menurut aturan PPID \(stopped.0.rule.id) (kata kunci: "
                                   + "\(stopped.0.matchedWords.joined(separator: ", "))), tetapi aturan itu tidak berlaku untuk butir ini karena "
                                   + "memuat \(words) (kecuali)")
                    continue
                }
            }
            if policy.precedentsYieldToRuleReading, !reading.contains(where: { rule in itemFirings.contains { $0.rule.id == rule.rule.id } }) {
                let rule = reading[0]
                reasons.append("'\(title)' dikecualikan menurut aturan PPID \(rule.rule.id) karena memuat "
                               + "\(rule.matchedWords.map { "\"\($0)\"" }.joined(separator: ", ")), yang tidak ada pada butir ini")
                continue
            }
            return nil
        }
        return Self.answeredNotePrefix + reasons.joined(separator: "; ")
            + ". Tidak ditandai uji konsekuensi; tinjau kategorinya dan apakah perlu uji konsekuensi."
    }

    /// The grounds the rules give the most similar withheld voter (at least
    /// `precedentRuleLetterSimilarity` similar) whose own title a flagging rule reads, Pasal 18
    /// lifts applied, with that title; nil when none does.
    func groundsOfRuleReadPrecedent(_ verdict: PrecedentVerdict) -> (grounds: [String], title: String)? {
        for hit in verdict.hits where hit.category == .dikecualikan && hit.similarity >= policy.precedentRuleLetterSimilarity {
            let grounds = unique(firings(hit.title).flatMap(\.remainingGrounds))
            if !grounds.isEmpty { return (grounds, hit.title) }
        }
        return nil
    }

    /// Words that say nothing about what an item is: a title made only of these and stop words
    /// gets no category from the common-category fallback.
    static let vagueWords: Set<String> = ["lain", "lainnya", "dll", "umum", "rupa", "macam", "sebagainya"]

    /// A ground in words from its dasar_hukum (never a local code such as "17j1").
    static func describe(ground code: String, ruleSet: RuleSet, citations: LegalCitations) -> String {
        let cited = citations.citation(codes: [code])
        return ruleSet.groundTitle(code).map { "\(cited.isEmpty ? code : cited): \($0)" } ?? (cited.isEmpty ? code : cited)
    }

    /// "Lapisan pembelajaran: …" — why the learned layer chose an open category.
    static func modelCategoryNote(_ category: Category, _ assessment: LearnedModel.Assessment) -> String {
        let words = assessment.openWords.isEmpty ? "" : " (kata yang menentukan: \(assessment.openWords.joined(separator: ", ")))"
        return "Dari kata-katanya, informasi seperti ini paling sering \(verb(category)) oleh badan publik lain\(words)."
    }

    /// `citations.citation(codes: grounds)`, worked out once per list of grounds.
    func citation(_ grounds: [String]) -> String {
        storage.lock.lock()
        if let known = storage.citedGrounds[grounds] {
            storage.lock.unlock()
            return known
        }
        storage.lock.unlock()
        let cited = citations.citation(codes: grounds)
        storage.lock.lock()
        if storage.citedGrounds.count >= 1_000 { storage.citedGrounds.removeAll(keepingCapacity: true) }
        storage.citedGrounds[grounds] = cited
        storage.lock.unlock()
        return cited
    }

    /// Grounds without repeats, in the order of pengecualian.yaml.
    private func unique(_ codes: [String]) -> [String] {
        // Most items have no ground, many one: no set and no sort for them (classify-distinct).
        if codes.count < 2 { return codes }
        let order = storage.groundOrder
        return Array(Set(codes)).sorted { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }
    }
}
