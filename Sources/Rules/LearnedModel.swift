import DIPCore
import Foundation

/// The learned layer: naive Bayes over the stems of titles (single stems, the expansions of
/// abbreviations and pairs of adjacent stems), trained when the rules are loaded from the
/// precedents (rules/preseden.csv and the PPID's own decisions). Where the precedents need a
/// near-identical title, it weighs single words ("nilai", "rekening", "pribadi"), so it reaches
/// titles no body wrote the same way.
///
/// Three decisions, each a small multinomial naive Bayes (a document counts each of its
/// features once):
/// - **withheld or open**: the probability that bodies would withhold the item, and the words
///   that pushed it there (for the note the PPID reads);
/// - **the open category** (berkala, serta merta, setiap saat), trained on open items only;
/// - **the Pasal 17 letter**, trained on withheld items whose body stated a ground.
///
/// Training weights: the items of one group of decisions (a body; all OPDs of one city register
/// count as one group, see `group(of:)`) share a weight of √n, so one large list does not
/// outvote many small ones; the PPID's own decisions weigh `PrecedentPolicy.ppidWeight` each
/// (they outrank the corpus). The open-category head gives groups whose sub-category labels are
/// noisy half weight.
///
/// Deterministic: vocabulary ids follow sorted feature order and every sum runs over sorted ids.
/// Per item the cost is one stem lookup per word and one table read per feature per class.
public final class LearnedModel: @unchecked Sendable {
    /// One naive Bayes head: log prior and per-feature log likelihood of each class.
    struct Head: Sendable {
        var classes: [String]
        var logPrior: [Double]
        /// logLikelihood[class][feature]
        var logLikelihood: [[Double]]
        var isEmpty: Bool { classes.count < 2 }

        /// Log scores of each class for the (sorted, known) feature ids.
        func scores(_ ids: [Int]) -> [Double] {
            var result = logPrior
            for c in classes.indices {
                var sum = logPrior[c]
                for id in ids { sum += logLikelihood[c][id] }
                result[c] = sum
            }
            return result
        }
    }

    /// What the model says about one text.
    public struct Assessment: Hashable, Sendable {
        /// Probability (0–1) that bodies would withhold the item.
        public var withheld: Double
        /// The words that pushed the item towards withheld, strongest first (as written in the
        /// text; a pair of words when the pair counted).
        public var withheldWords: [String]
        /// The words that pushed the item towards open, strongest first.
        public var openWords: [String]
        /// The most likely open category, nil when the text has no word the model knows.
        public var openCategory: Category?
        /// The most likely Pasal 17 code (e.g. "17h"), nil when no letter head was learned.
        public var ground: String?
        /// How many of the text's features the model has seen in training.
        public var knownFeatures: Int
        /// How many of the text's words pushed it towards withheld, alone or in a pair (the
        /// words of an abbreviation's expansion are not counted beyond the abbreviation).
        public var withheldEvidence: Int
    }

    let morphology: Morphology
    /// Ids of single-stem features (by stem) and of stem pairs (by the two stems' ids), so that
    /// assessing a text builds no strings.
    private let stemIDs: [String: Int32]
    private let pairIDs: [UInt64: Int32]
    /// Index of the withheld class in `withheldHead`.
    private let withheldClass: Int
    /// What each token is to the model, looked up once per distinct token: its stem's id,
    /// `unknownStem` (a content word the model never saw) or `notAFeature` (stop word, number,
    /// one letter). Guarded by `lock`; bounded.
    private var tokenCache: [String: Int32] = [:]
    private let lock = NSLock()
    static let unknownStem: Int32 = -1
    static let notAFeature: Int32 = -2

    /// The feature id of a stem that passed `stemID`'s filter (a word of two letters or more,
    /// not a stop word nor a number, whose key is not a stop word): its id or `unknownStem`.
    func featureID(key: String) -> Int32 { stemIDs[key] ?? Self.unknownStem }
    private let withheldHead: Head
    private let openHead: Head
    private let letterHead: Head
    /// The code cited most for each letter (the letter head gives a letter, this the code).
    private let codeForLetter: [String: String]
    /// Additive smoothing of the counts.
    let smoothing: Double
    /// Down-weight of groups with noisy open sub-categories in the open-category head.
    static let noisyGroupWeight = 0.5

    /// The group a precedent counts in for the weights: the OPDs of the Kota Bekasi register
    /// (`sumber` starting with `pemkotbekasi/`) are one register of one city, posted by one
    /// system, and count as one group; every other body is its own group; each PPID decision
    /// is its own.
    static func group(of precedent: Precedent) -> String {
        if precedent.origin == .ppid { return "ppid" }
        if precedent.source.hasPrefix("pemkotbekasi/") { return "pemkotbekasi/" }
        return precedent.body
    }

    /// Groups whose open sub-categories (berkala / serta merta / setiap saat) are what an OPD
    /// chose when posting a document, not a decision on the list (rules/preseden-SUMBER.md).
    static func hasNoisyOpenCategories(_ group: String) -> Bool { group == "pemkotbekasi/" }

    /// `learnsFromEnglishWithheld`: whether withheld titles of the corpus that dip reads in
    /// English (`Morphology.readsInEnglish`) train the layer. They do not by default: the word
    /// map turns a sentence's every incidental word ("hospital", "environment", "student",
    /// "published") into an Indonesian word, and the layer weighs single words, so each of
    /// them became withheld evidence on Indonesian titles that share it. On nested validation
    /// (docs/classification.md §24.1) the layer's flags then cost 3 open items for 7 withheld
    /// (items without a twin), and without those titles 1 for 5. They still vote as precedents
    /// (a whole title must be near), and the PPID's own decisions always train it.
    ///
    /// `names`: the name words of units and bodies (`NameWords`) the PPID's own decisions are
    /// learned without, as the precedent index compares them (docs/classification.md §53).
    public init(precedents given: [Precedent], morphology: Morphology, ppidWeight: Double = 3.0, smoothing: Double = 0.3,
                learnsFromEnglishWithheld: Bool = false, leavesOutBodyNames: BodyNameCut = PrecedentPolicy.standard.modelLeavesOutBodyNames,
                names: NameWords? = nil) {
        self.morphology = morphology
        self.smoothing = smoothing
        let given = learnsFromEnglishWithheld ? given : given.filter { precedent in
            precedent.origin == .ppid || precedent.category != .dikecualikan
                || !morphology.readsInEnglish(TextNormalizer.tokens(precedent.title))
        }
        // Sums of floating-point weights depend on their order: train in one order whatever
        // order the precedents come in.
        // The keys made once, not in each comparison (the grounds were joined anew each time).
        let keys = given.map { ($0.title, $0.category.rawValue, $0.body, $0.source, $0.grounds.joined(separator: ";"), $0.origin.rawValue) }
        let precedents = given.indices.sorted { keys[$0] < keys[$1] }.map { given[$0] }
        // Features of every precedent, and their weights.
        let documents = precedents.map { precedent -> [String] in
            let tokens = morphology.matchTokens(precedent.title)
            let features = Self.features(tokens: tokens, morphology: morphology).keys
            // The body's own name in its title ("… di LLDikti Wilayah XI") says who holds the
            // item, not what it is: learned as withheld evidence, it flagged every title of a
            // sibling body that names itself the same way (docs/classification.md §35).
            var own = precedent.ownNameTokens(tokens, morphology: morphology, cut: leavesOutBodyNames)
            if precedent.origin == .ppid, let names {
                for (token, name) in zip(tokens, names.mask(tokens)) where name { own.insert(token) }
            }
            guard !own.isEmpty else { return Array(features) }
            let name = Set(own.map(morphology.key))
            return features.filter { feature in !feature.split(separator: " ").contains { name.contains(String($0)) } }
        }
        var groupSizes: [String: Int] = [:]
        for precedent in precedents where precedent.origin != .ppid { groupSizes[Self.group(of: precedent), default: 0] += 1 }
        let weights = precedents.map { precedent -> Double in
            if precedent.origin == .ppid { return ppidWeight }
            let n = Double(groupSizes[Self.group(of: precedent)] ?? 1)
            return n.squareRoot() / n
        }
        let vocabulary = Set(documents.flatMap { $0 }).sorted()
        var ids: [String: Int] = [:]
        for (id, feature) in vocabulary.enumerated() { ids[feature] = id }
        var stems: [String: Int32] = [:]
        var pairs: [UInt64: Int32] = [:]
        // A space byte, not Foundation's `contains(" ")` (a substring search per feature).
        for (feature, id) in ids where !feature.utf8.contains(0x20) { stems[feature] = Int32(id) }
        for (feature, id) in ids where feature.utf8.contains(0x20) {
            let parts = feature.split(separator: " ").map(String.init)
            if parts.count == 2, let a = stems[parts[0]], let b = stems[parts[1]] {
                pairs[UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))] = Int32(id)
            }
        }
        stemIDs = stems
        pairIDs = pairs
        let idDocuments = documents.map { $0.compactMap { ids[$0] }.sorted() }

        func head(_ labelled: [(document: [Int], label: String, weight: Double)]) -> Head {
            let classes = Set(labelled.map(\.label)).sorted()
            guard classes.count >= 2 else { return Head(classes: classes, logPrior: [], logLikelihood: []) }
            let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            var counts = [[Double]](repeating: [Double](repeating: 0, count: vocabulary.count), count: classes.count)
            var totals = [Double](repeating: 0, count: classes.count)
            var priors = [Double](repeating: 0, count: classes.count)
            for entry in labelled {
                let c = index[entry.label]!
                priors[c] += entry.weight
                for id in entry.document {
                    counts[c][id] += entry.weight
                    totals[c] += entry.weight
                }
            }
            let priorSum = priors.reduce(0, +)
            let size = Double(vocabulary.count)
            let logLikelihood = classes.indices.map { c in
                counts[c].map { log(($0 + smoothing) / (totals[c] + smoothing * size)) }
            }
            return Head(classes: classes, logPrior: priors.map { log($0 / priorSum) }, logLikelihood: logLikelihood)
        }

        var withheld: [([Int], String, Double)] = []
        var open: [([Int], String, Double)] = []
        var letters: [([Int], String, Double)] = []
        var codeCounts: [String: [String: Double]] = [:]
        for (i, precedent) in precedents.enumerated() {
            let document = idDocuments[i]
            let weight = weights[i]
            withheld.append((document, precedent.category == .dikecualikan ? "dikecualikan" : "terbuka", weight))
            if precedent.category == .dikecualikan {
                for letter in Set(precedent.grounds.compactMap { $0.dropFirst(2).first.map(String.init) }).sorted() {
                    letters.append((document, letter, weight))
                }
                for code in precedent.grounds {
                    if let letter = code.dropFirst(2).first.map(String.init) { codeCounts[letter, default: [:]][code, default: 0] += weight }
                }
            } else {
                let noisy = Self.hasNoisyOpenCategories(Self.group(of: precedent))
                open.append((document, precedent.category.rawValue, weight * (noisy ? Self.noisyGroupWeight : 1)))
            }
        }
        withheldHead = head(withheld)
        withheldClass = withheldHead.classes.firstIndex(of: "dikecualikan") ?? 0
        openHead = head(open)
        letterHead = head(letters)
        // The code cited most for each letter; ties: the shorter code (the bare letter), then order.
        codeForLetter = codeCounts.mapValues { codes in
            codes.sorted { ($0.value, -$0.key.count, $1.key) > ($1.value, -$1.key.count, $0.key) }.first!.key
        }
    }

    /// Whether the model learned anything (at least one withheld and one open precedent).
    public var isEmpty: Bool { withheldHead.isEmpty }

    /// The features of a text, each with the words it stands for: single stems (and the stems
    /// of abbreviation expansions), as in the precedent index, and pairs of adjacent stems
    /// ("nilai orang").
    static func features(tokens: [String], morphology: Morphology) -> [String: String] {
        var features: [String: String] = [:]
        var previous: (key: String, word: String)?
        for word in tokens {
            guard word.count >= 2, !PrecedentIndex.stopWords.contains(word), !word.allSatisfy(\.isNumber) else {
                previous = nil
                continue
            }
            let key = morphology.key(word)
            guard !PrecedentIndex.stopWords.contains(key) else { previous = nil; continue }
            if features[key] == nil { features[key] = word }
            if let previous, previous.key != key {
                let pair = previous.key + " " + key
                if features[pair] == nil { features[pair] = previous.word + " " + word }
            }
            previous = (key, word)
        }
        if let expanded = morphology.expanded(tokens) {
            for word in expanded where word.count >= 2 && !PrecedentIndex.stopWords.contains(word) && !word.allSatisfy(\.isNumber) {
                let key = morphology.key(word)
                if !PrecedentIndex.stopWords.contains(key) && features[key] == nil { features[key] = word }
            }
        }
        return features
    }

    /// What the model says about a text (normalised tokens), or nil when the model is empty or
    /// knows none of the text's words. The same features as `features(tokens:morphology:)`,
    /// looked up by id (no strings are built unless a word is named).
    public func assess(tokens: [String]) -> Assessment? {
        guard !withheldHead.isEmpty else { return nil }
        let expanded = morphology.expanded(tokens)
        return assess(tokens: tokens, ids: tokens.map(stemID), expandedIDs: expanded?.map(stemID) ?? [], expanded: expanded)
    }

    /// The same as `assess(tokens:)` from each token's `featureID` and those of the tokens of
    /// `Morphology.expanded(tokens)` (empty when nothing expands), looked up once per distinct
    /// token by the classifier's token table: no stemming, no string hashing per text. The
    /// expanded words are built only if one of them is named.
    func assess(tokens: [String], ids: [Int32], expandedIDs: [Int32], expanded given: [String]? = nil) -> Assessment? {
        guard !withheldHead.isEmpty else { return nil }
        // Known features with the token positions they stand for (second -1: a single word;
        // first < 0: the expansion word at -first-1).
        var found: [(id: Int32, first: Int, second: Int)] = []
        found.reserveCapacity(tokens.count * 2)
        func add(_ id: Int32, _ first: Int, _ second: Int) {
            if !found.contains(where: { $0.id == id }) { found.append((id, first, second)) }
        }
        var previous: (id: Int32, position: Int)?
        for (position, id) in ids.enumerated() {
            guard id != Self.notAFeature else {
                previous = nil
                continue
            }
            if id >= 0 { add(id, position, -1) }
            if id >= 0, let before = previous, before.id >= 0, before.id != id,
               let pair = pairIDs[UInt64(UInt32(before.id)) << 32 | UInt64(UInt32(id))] {
                add(pair, before.position, position)
            }
            previous = (id, position)
        }
        for (n, id) in expandedIDs.enumerated() where id >= 0 { add(id, -n - 1, -1) }
        var expandedWords = given
        func expandedWord(_ n: Int) -> String {
            if expandedWords == nil { expandedWords = morphology.expanded(tokens) ?? [] }
            return expandedWords![n]
        }
        guard !found.isEmpty else { return nil }
        found.sort { $0.id < $1.id }
        let ids = found.map { Int($0.id) }
        let scores = withheldHead.scores(ids)
        let w = withheldClass
        let o = 1 - w
        let probability = 1 / (1 + exp(scores[o] - scores[w]))
        // Each feature's push: the log ratio of its likelihood under withheld and open; only
        // the clear ones are named.
        func word(_ feature: (id: Int32, first: Int, second: Int)) -> String {
            let first = feature.first >= 0 ? tokens[feature.first] : expandedWord(-feature.first - 1)
            return feature.second >= 0 ? first + " " + tokens[feature.second] : first
        }
        typealias Feature = (id: Int32, first: Int, second: Int)
        var towardsWithheld: [(push: Double, feature: Feature)] = []
        var towardsOpen: [(push: Double, feature: Feature)] = []
        for feature in found {
            let push = withheldHead.logLikelihood[w][Int(feature.id)] - withheldHead.logLikelihood[o][Int(feature.id)]
            if push > 0.5 { towardsWithheld.append((push, feature)) } else if push < -0.5 { towardsOpen.append((-push, feature)) }
        }
        // Strongest first; equal pushes by the words (built only for ties).
        func strongerFirst(_ a: (push: Double, feature: Feature), _ b: (push: Double, feature: Feature)) -> Bool {
            a.push != b.push ? a.push > b.push : word(a.feature) < word(b.feature)
        }
        towardsWithheld.sort(by: strongerFirst)
        towardsOpen.sort(by: strongerFirst)
        /// At most four, without a word already shown inside a shown pair (or a pair holding a
        /// shown word): strings are built only for these.
        func named(_ ranked: [(push: Double, feature: Feature)]) -> [String] {
            var shown: [String] = []
            // At most eight positions (four shown features of at most two words): a linear
            // check, not a Set and a position array per feature (classify-distinct, session 22).
            var used: [Int] = []
            for entry in ranked {
                let first = entry.feature.first, second = entry.feature.second
                if used.contains(first) || (second >= 0 && used.contains(second)) { continue }
                used.append(first)
                if second >= 0 { used.append(second) }
                shown.append(word(entry.feature))
                if shown.count == 4 { break }
            }
            return shown
        }
        var openCategory: Category?
        if !openHead.isEmpty {
            let open = openHead.scores(ids)
            let best = open.indices.max { (open[$0], openHead.classes[$1]) < (open[$1], openHead.classes[$0]) }!
            openCategory = Category(rawValue: openHead.classes[best])
        }
        var ground: String?
        if letterHead.classes.count == 1 {
            ground = codeForLetter[letterHead.classes[0]]
        } else if !letterHead.isEmpty {
            let letters = letterHead.scores(ids)
            let best = letters.indices.max { (letters[$0], letterHead.classes[$1]) < (letters[$1], letterHead.classes[$0]) }!
            ground = codeForLetter[letterHead.classes[best]]
        }
        // Evidence is counted in words of the text, not in features: a pair and its two words
        // are two words, and an abbreviation's expansion ("npwp" → nomor pokok wajib pajak) is
        // no further word beyond the abbreviation itself.
        var evidence: [Int] = []
        for entry in towardsWithheld {
            if entry.feature.first >= 0 && !evidence.contains(entry.feature.first) { evidence.append(entry.feature.first) }
            if entry.feature.second >= 0 && !evidence.contains(entry.feature.second) { evidence.append(entry.feature.second) }
        }
        return Assessment(withheld: probability, withheldWords: named(towardsWithheld),
                          openWords: named(towardsOpen), openCategory: openCategory, ground: ground,
                          knownFeatures: found.count, withheldEvidence: evidence.count)
    }

    /// The id of a token's stem, `unknownStem` or `notAFeature` (see `tokenCache`): the same
    /// filter as `features(tokens:morphology:)`.
    func stemID(_ word: String) -> Int32 {
        lock.lock()
        if let known = tokenCache[word] {
            lock.unlock()
            return known
        }
        lock.unlock()
        var id = Self.notAFeature
        if word.count >= 2, !PrecedentIndex.stopWords.contains(word), !word.allSatisfy(\.isNumber) {
            let key = morphology.key(word)
            if !PrecedentIndex.stopWords.contains(key) { id = stemIDs[key] ?? Self.unknownStem }
        }
        lock.lock()
        if tokenCache.count >= 200_000 { tokenCache.removeAll(keepingCapacity: true) }
        tokenCache[word] = id
        lock.unlock()
        return id
    }
}

extension RuleSet {
    /// The body name of the statutory examples (never shown as a precedent: only the learned
    /// layer reads them).
    static let statutoryBody = "UU 14/2008 dan Perki 1/2021"

    /// What the law itself says belongs where, as labelled examples for the learned layer: the
    /// berkala sub-groups, the serta merta and setiap saat lists (kategori.yaml, from Perki
    /// 1/2021) and the Pasal 17 grounds (pengecualian.yaml, from UU 14/2008). They give the
    /// layer the vocabulary of the law for titles no body in the corpus wrote; they count as
    /// one group, like one more body.
    public var statutoryExamples: [Precedent] {
        var examples: [Precedent] = []
        for subgroup in subgroups {
            examples.append(Precedent(title: subgroup.title + " " + subgroup.description, category: .berkala, grounds: [],
                                      body: Self.statutoryBody, source: "kategori.yaml"))
        }
        for entry in sertaMerta + setiapSaat {
            examples.append(Precedent(title: entry.name, category: entry.category, grounds: [], body: Self.statutoryBody,
                                      source: "kategori.yaml"))
        }
        for ground in grounds {
            examples.append(Precedent(title: ground.title, category: .dikecualikan, grounds: [ground.code], body: Self.statutoryBody,
                                      source: "pengecualian.yaml"))
        }
        return examples
    }
}
