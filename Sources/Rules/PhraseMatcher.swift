/// All phrases of a rule set compiled once: a vocabulary of word keys (stems, see
/// `Morphology`), and for each key the phrase variants that start with it. Matching a text is
/// one pass over its keys (two when it holds an abbreviation: as written and expanded).
///
/// A phrase matches when its words' keys occur consecutively, so an exact phrase always
/// matches and stems widen it ("penilaian kinerja" also meets "dinilai kinerjanya"). A phrase
/// holding an abbreviation also matches its expansion, and the reverse.
struct PhraseMatcher: Sendable {
    /// Key → id. Keys not in any phrase are never looked at again.
    private let vocabulary: [String: Int32]
    /// Each phrase variant as key ids, and the phrase it belongs to.
    private let variants: [[Int32]]
    private let variantPhrase: [Int32]
    /// How many phrases there are (ids 0..<count).
    let count: Int
    /// Each phrase's display text (normalised).
    let phraseTexts: [String]
    /// For each key id, the variants starting with it.
    private let startingWith: [[Int32]]
    /// The variants again, flat for the scan every text takes (`scan`): the key ids of variant
    /// `v` are `flatKeys[flatStart[v]..<flatStart[v + 1]]`.
    private let flatKeys: [Int32]
    private let flatStart: [Int32]
    /// For key id `k`, the variants starting with it are `byFirst[firstStart[k]..<firstStart[k + 1]]`:
    /// the one-word ones first (`bySecond` -1), then the others ordered by their second key
    /// (`bySecond`), so a text's word meets only the variants whose second word follows it.
    /// A common first word ("data", "laporan", "daftar") starts a hundred variants or more, and
    /// the scan tried each of them at every occurrence (about 4 % of classify-distinct).
    private let firstStart: [Int32]
    private let byFirst: [Int32]
    private let bySecond: [Int32]
    private let phraseIndex: [String: Int]
    let morphology: Morphology

    init(phrases texts: [String], morphology: Morphology = .identity) {
        var vocabulary: [String: Int32] = [:]
        var variants: [[Int32]] = []
        var variantPhrase: [Int32] = []
        var phraseTexts: [String] = []
        var phraseIndex: [String: Int] = [:]
        func ids(_ words: [String]) -> [Int32] {
            words.map { word -> Int32 in
                let key = morphology.key(word)
                if let id = vocabulary[key] { return id }
                let id = Int32(vocabulary.count)
                vocabulary[key] = id
                return id
            }
        }
        for text in texts {
            let words = TextNormalizer.tokens(text)
            let key = words.joined(separator: " ")
            guard !words.isEmpty, phraseIndex[key] == nil else { continue }
            let phrase = phraseTexts.count
            phraseIndex[key] = phrase
            phraseTexts.append(key)
            var seen = Set<[Int32]>()
            for form in [words, morphology.expanded(words)].compactMap({ $0 }) {
                let variant = ids(form)
                guard seen.insert(variant).inserted else { continue }
                variants.append(variant)
                variantPhrase.append(Int32(phrase))
            }
        }
        var startingWith = [[Int32]](repeating: [], count: vocabulary.count)
        for (index, ids) in variants.enumerated() { startingWith[Int(ids[0])].append(Int32(index)) }
        var flatKeys: [Int32] = [], flatStart: [Int32] = [0]
        for variant in variants {
            flatKeys += variant
            flatStart.append(Int32(flatKeys.count))
        }
        var firstStart: [Int32] = [0], byFirst: [Int32] = [], bySecond: [Int32] = []
        for starting in startingWith {
            let ordered = starting.map { (second: variants[Int($0)].count > 1 ? variants[Int($0)][1] : -1, variant: $0) }
                .sorted { ($0.second, $0.variant) < ($1.second, $1.variant) }
            byFirst += ordered.map(\.variant)
            bySecond += ordered.map(\.second)
            firstStart.append(Int32(byFirst.count))
        }
        self.flatKeys = flatKeys
        self.flatStart = flatStart
        self.firstStart = firstStart
        self.byFirst = byFirst
        self.bySecond = bySecond
        self.vocabulary = vocabulary
        self.variants = variants
        self.variantPhrase = variantPhrase
        self.count = phraseTexts.count
        self.phraseTexts = phraseTexts
        self.startingWith = startingWith
        self.phraseIndex = phraseIndex
        self.morphology = morphology
    }

    /// The id of a phrase as written in a rule (nil when it normalises to nothing).
    func id(of text: String) -> Int? {
        phraseIndex[TextNormalizer.normalise(text)]
    }

    /// The key ids of `tokens` (-1 for keys no phrase uses).
    func keyIDs(_ tokens: [String]) -> [Int32] {
        tokens.map { vocabulary[morphology.key($0)] ?? -1 }
    }

    /// Which phrases occur in `text`, as a bit set indexed by phrase id.
    func match(_ text: String) -> PhraseSet {
        match(tokens: TextNormalizer.tokens(text))
    }

    /// Which phrases occur in a text given as tokens.
    func match(tokens: [String]) -> PhraseSet {
        matchWithDirect(tokens: tokens).found
    }

    /// Which phrases occur, and which of them occur in the text as written (not only in the
    /// expansion of its abbreviations).
    func matchWithDirect(tokens: [String]) -> (found: PhraseSet, direct: PhraseSet) {
        var direct = PhraseSet(count: count)
        scan(keyIDs(tokens), into: &direct)
        guard let expanded = morphology.expanded(tokens) else { return (direct, direct) }
        var found = direct
        scan(keyIDs(expanded), into: &found)
        return (found, direct)
    }

    /// Every key a phrase uses.
    var vocabularyKeys: [String] { Array(vocabulary.keys) }

    /// The key id of one token (-1 when no phrase uses its key).
    func keyID(_ token: String) -> Int32 { vocabulary[morphology.key(token)] ?? -1 }

    /// `matchWithDirect` from key ids already looked up (`keyID` of each token, and of the
    /// abbreviation-expanded tokens when the text holds an abbreviation).
    /// `outside`: for each token of `keyIDs` whether it lies inside a name written out
    /// (`NameWords.writtenOutMask`); an occurrence wholly inside one does not count. Only for
    /// the exact matchers, which have no expanded stream.
    func match(keyIDs: [Int32], expandedKeyIDs: [Int32]?, outside names: [Bool]? = nil) -> (found: PhraseSet, direct: PhraseSet) {
        var direct = PhraseSet(count: count)
        scan(keyIDs, into: &direct, outside: names)
        guard let expandedKeyIDs else { return (direct, direct) }
        var found = direct
        scan(expandedKeyIDs, into: &found)
        return (found, direct)
    }

    /// Every occurrence of a phrase in `ids`: the phrase, its first token and one past its last.
    /// Only for `RuleMatcher`'s exact phrases, when a `mengalahkan_kecuali` phrase is found.
    /// `outside` as in `match(keyIDs:expandedKeyIDs:outside:)`.
    func spans(_ ids: [Int32], outside names: [Bool]? = nil) -> [PhraseSpan] {
        var spans: [PhraseSpan] = []
        for start in ids.indices where ids[start] >= 0 {
            for candidate in startingWith[Int(ids[start])] {
                let variant = variants[Int(candidate)]
                guard start + variant.count <= ids.count else { continue }
                if variant.count > 1 && (1..<variant.count).contains(where: { ids[start + $0] != variant[$0] }) { continue }
                if let names, (start..<(start + variant.count)).allSatisfy({ names[$0] }) { continue }
                spans.append(PhraseSpan(phrase: Int(variantPhrase[Int(candidate)]), start: start, end: start + variant.count))
            }
        }
        return spans
    }

    /// Inserts into `found` every phrase with a variant at some place of `ids`: at each key, the
    /// one-word variants starting with it and, through the second key, only the longer ones
    /// whose second word is the next key (the same set as trying every variant starting there).
    private func scan(_ ids: [Int32], into found: inout PhraseSet, outside names: [Bool]? = nil) {
        let count = ids.count
        ids.withUnsafeBufferPointer { ids in
        flatKeys.withUnsafeBufferPointer { flatKeys in
        flatStart.withUnsafeBufferPointer { flatStart in
        firstStart.withUnsafeBufferPointer { firstStart in
        byFirst.withUnsafeBufferPointer { byFirst in
        bySecond.withUnsafeBufferPointer { bySecond in
        variantPhrase.withUnsafeBufferPointer { variantPhrase in
            func add(_ variant: Int32, start: Int, length: Int) {
                if let names {
                    var inside = true
                    for position in start..<(start + length) where !names[position] {
                        inside = false
                        break
                    }
                    if inside { return }
                }
                found.insert(Int(variantPhrase[Int(variant)]))
            }
            for start in 0..<count {
                let key = ids[start]
                guard key >= 0 else { continue }
                var slot = Int(firstStart[Int(key)])
                let end = Int(firstStart[Int(key) + 1])
                while slot < end && bySecond[slot] < 0 {
                    add(byFirst[slot], start: start, length: 1)
                    slot += 1
                }
                guard slot < end, start + 1 < count else { continue }
                let second = ids[start + 1]
                guard second >= 0 else { continue }
                // The first variant whose second key is not below the text's next key.
                var low = slot, high = end
                while low < high {
                    let middle = (low + high) / 2
                    if bySecond[middle] < second { low = middle + 1 } else { high = middle }
                }
                slot = low
                while slot < end && bySecond[slot] == second {
                    let variant = byFirst[slot]
                    slot += 1
                    let from = Int(flatStart[Int(variant)]), length = Int(flatStart[Int(variant) + 1]) - from
                    guard start + length <= count else { continue }
                    var same = true
                    var offset = 2
                    while offset < length {
                        if ids[start + offset] != flatKeys[from + offset] {
                            same = false
                            break
                        }
                        offset += 1
                    }
                    if same { add(variant, start: start, length: length) }
                }
            }
        }}}}}}}
    }
}

/// Where a phrase occurs in a text: tokens `start..<end`.
struct PhraseSpan: Hashable, Sendable {
    let phrase: Int
    let start: Int
    let end: Int

    func overlaps(_ other: PhraseSpan) -> Bool { start < other.end && other.start < end }
}

/// A fixed-size bit set of phrase ids.
struct PhraseSet: Sendable {
    private var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    mutating func insert(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }

    func contains(_ index: Int) -> Bool { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// Whether the two sets share a member (both sized for the same matcher).
    func intersects(_ other: PhraseSet) -> Bool {
        for (left, right) in zip(words, other.words) where left & right != 0 { return true }
        return false
    }

    /// Calls `body` with each member, ascending.
    func forEach(_ body: (Int) -> Void) {
        for (block, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                body(block << 6 | rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
    }
}

/// The phrases of a rule set, matched two ways: `semua` and `salah_satu` phrases on word keys
/// (stems and abbreviations widen them), `kecuali` and `mengalahkan_kecuali` phrases exactly as
/// written (a word ending in "-nya" also without it), so an exception the PPID wrote never
/// widens into more exceptions, nor an override into more overrides.
struct RuleMatcher: Sendable {
    let wide: PhraseMatcher
    let exact: PhraseMatcher
    /// The `mengalahkan_kecuali` phrases among `exact`'s: only a text holding one needs the
    /// places of its exact phrases (`Found.exactSpans`).
    let overridePhrases: PhraseSet

    init(rules: [Rule], morphology: Morphology) {
        wide = PhraseMatcher(phrases: rules.flatMap { $0.all.flatMap { $0 } + $0.any }, morphology: morphology)
        let exact = PhraseMatcher(phrases: rules.flatMap { $0.none + $0.overrides }, morphology: .exact)
        var overrides = PhraseSet(count: exact.count)
        for phrase in rules.flatMap(\.overrides) { if let id = exact.id(of: phrase) { overrides.insert(id) } }
        self.exact = exact
        overridePhrases = overrides
    }

    init() {
        wide = PhraseMatcher(phrases: [])
        exact = PhraseMatcher(phrases: [])
        overridePhrases = PhraseSet(count: 0)
    }

    /// What a text holds.
    struct Found {
        var wide: PhraseSet
        /// Wide phrases found in the text as written (not only via abbreviation expansion).
        var direct: PhraseSet
        var exact: PhraseSet
        /// Every occurrence of an exact phrase, listed only when the text holds a
        /// `mengalahkan_kecuali` phrase (whether it lies inside a `kecuali` phrase is then asked).
        var exactSpans: [PhraseSpan] = []
    }

    func match(_ text: String) -> Found { match(tokens: wide.morphology.matchTokens(text)) }

    /// `names`: for each token whether it lies inside a unit's or the body's name written out
    /// (`RuleSet.nameMask`); a `kecuali` or `mengalahkan_kecuali` phrase wholly inside one is
    /// not read ("statistik" of "Dinas Komunikasi, Informatika, Persandian dan Statistik").
    /// `semua` and `salah_satu` phrases are read everywhere.
    func match(tokens: [String], names: [Bool]? = nil) -> Found {
        let (found, direct) = wide.matchWithDirect(tokens: tokens)
        return exactMatch(Found(wide: found, direct: direct, exact: PhraseSet(count: exact.count)), exact.keyIDs(tokens), names: names)
    }

    /// `match(tokens:names:)` from key ids already looked up (the classifier's token table).
    func match(wide wideIDs: [Int32], expanded: [Int32]?, exact exactIDs: [Int32], names: [Bool]? = nil) -> Found {
        let (found, direct) = wide.match(keyIDs: wideIDs, expandedKeyIDs: expanded)
        return exactMatch(Found(wide: found, direct: direct, exact: PhraseSet(count: exact.count)), exactIDs, names: names)
    }

    /// `found` with its exact phrases, and their places when one of them is an override.
    private func exactMatch(_ found: Found, _ exactIDs: [Int32], names: [Bool]?) -> Found {
        var found = found
        // `exact` matches with a morphology without abbreviations: never an expansion.
        found.exact = exact.match(keyIDs: exactIDs, expandedKeyIDs: nil, outside: names).found
        if found.exact.intersects(overridePhrases) { found.exactSpans = exact.spans(exactIDs, outside: names) }
        return found
    }
}

/// A rule with its phrases replaced by phrase ids. A class: the classifier hands compiled rules
/// around per candidate and per firing, and copying a `Rule` value retains each of its strings
/// and arrays (a fifth of `classify-distinct`'s CPU went to retain/release).
final class CompiledRule: Sendable {
    let rule: Rule
    let all: [[Int]]
    let any: [Int]
    let none: [Int]
    let overrides: [Int]
    /// The `kecuali` phrases the overrides may beat (`Rule.beatable`); nil: every one.
    let beatable: [Int]?

    init(rule: Rule, matcher: RuleMatcher) {
        self.rule = rule
        all = rule.all.map { $0.compactMap(matcher.wide.id(of:)) }
        any = rule.any.compactMap(matcher.wide.id(of:))
        none = rule.none.compactMap(matcher.exact.id(of:))
        overrides = rule.overrides.compactMap(matcher.exact.id(of:))
        beatable = rule.beatable.map { $0.compactMap(matcher.exact.id(of:)) }
    }

    /// Whether every `kecuali` phrase found may be beaten (`dapat_dikalahkan`).
    private func allBeatable(_ found: RuleMatcher.Found) -> Bool {
        guard let beatable else { return true }
        return !none.contains { found.exact.contains($0) && !beatable.contains($0) }
    }

    /// The `semua` and `salah_satu` phrases: a rule fires only when the text holds one of them
    /// (each `semua` group needs a phrase found, and `salah_satu` one when it has any).
    var conditionPhrases: [Int] { all.flatMap { $0 } + any }

    /// Whether the rule has any condition that can be true at all.
    var hasConditions: Bool { !(all.isEmpty && any.isEmpty) }

    /// Whether the rule fires on a text whose phrases are `found`.
    func fires(_ found: RuleMatcher.Found) -> Bool {
        guard hasConditions else { return false }
        for group in all where !group.contains(where: found.wide.contains) { return false }
        if !any.isEmpty && !any.contains(where: found.wide.contains) { return false }
        if none.contains(where: found.exact.contains) && (overridingPhrases(found).isEmpty || !allBeatable(found)) { return false }
        return true
    }

    /// The `kecuali` phrases that alone stop the rule on a text whose phrases are `found`: its
    /// conditions hold, and it does not fire because of them (no override beat them). Empty when
    /// it fires or when its conditions do not hold.
    func stoppingExceptions(_ found: RuleMatcher.Found) -> [Int] {
        guard hasConditions, !none.isEmpty else { return [] }
        for group in all where !group.contains(where: found.wide.contains) { return [] }
        if !any.isEmpty && !any.contains(where: found.wide.contains) { return [] }
        guard !fires(found) else { return [] }
        return none.filter(found.exact.contains)
    }

    /// The `mengalahkan_kecuali` phrases that are in the text outside every occurrence of the
    /// rule's own `kecuali` phrases ("nama pasien" in "… beserta nama pasien", not in "… tanpa
    /// nama pasien" when "tanpa nama" is an exception), in the rule's order.
    func overridingPhrases(_ found: RuleMatcher.Found) -> [Int] {
        guard !overrides.isEmpty, !found.exactSpans.isEmpty else { return [] }
        let exceptions = found.exactSpans.filter { none.contains($0.phrase) }
        return overrides.filter { phrase in
            found.exactSpans.contains { span in
                span.phrase == phrase && !exceptions.contains { $0.overlaps(span) }
            }
        }
    }

    /// What an override decided, for the explanation: the rule's `kecuali` phrases in the text
    /// and the `mengalahkan_kecuali` phrases that beat them (both empty when no exception was
    /// found, or none was beaten).
    func overriddenExceptions(_ found: RuleMatcher.Found, matcher: RuleMatcher) -> (overrides: [String], exceptions: [String]) {
        let exceptions = none.filter(found.exact.contains)
        guard !exceptions.isEmpty, allBeatable(found) else { return ([], []) }
        let overriding = overridingPhrases(found)
        guard !overriding.isEmpty else { return ([], []) }
        return (overriding.map { matcher.exact.phraseTexts[$0] }, exceptions.map { matcher.exact.phraseTexts[$0] })
    }

    /// The phrases that made the rule fire, for the explanation: those written in the text,
    /// or (when it fired only through an abbreviation's expansion) the expanded ones.
    func matchedPhrases(_ found: RuleMatcher.Found, matcher: RuleMatcher) -> [String] {
        // First occurrence of each found phrase, in condition order (a rule names few phrases:
        // a linear check is cheaper than a Set per fired rule).
        var ids: [Int] = []
        var direct = false
        func add(_ id: Int) {
            guard found.wide.contains(id), !ids.contains(id) else { return }
            ids.append(id)
            if found.direct.contains(id) { direct = true }
        }
        for group in all { for id in group { add(id) } }
        for id in any { add(id) }
        if direct { ids = ids.filter(found.direct.contains) }
        return ids.map { matcher.wide.phraseTexts[$0] }
    }
}
