/// All phrases of a rule set compiled once: a vocabulary of word ids, and for each word the
/// phrases that start with it. Matching a text is one pass over its tokens.
struct PhraseMatcher: Sendable {
    /// Word → id. Words not in any phrase are never looked at again.
    private let vocabulary: [String: Int32]
    /// Each phrase as word ids.
    let phrases: [[Int32]]
    /// Each phrase's display text (normalised).
    let phraseTexts: [String]
    /// For each word id, the phrases starting with it.
    private let startingWith: [[Int32]]
    private let phraseIndex: [String: Int]

    init(phrases texts: [String]) {
        var vocabulary: [String: Int32] = [:]
        var phrases: [[Int32]] = []
        var phraseTexts: [String] = []
        var phraseIndex: [String: Int] = [:]
        for text in texts {
            let words = TextNormalizer.tokens(text)
            let key = words.joined(separator: " ")
            guard !words.isEmpty, phraseIndex[key] == nil else { continue }
            let ids = words.map { word -> Int32 in
                if let id = vocabulary[word] { return id }
                let id = Int32(vocabulary.count)
                vocabulary[word] = id
                return id
            }
            phraseIndex[key] = phrases.count
            phrases.append(ids)
            phraseTexts.append(key)
        }
        var startingWith = [[Int32]](repeating: [], count: vocabulary.count)
        for (index, ids) in phrases.enumerated() { startingWith[Int(ids[0])].append(Int32(index)) }
        self.vocabulary = vocabulary
        self.phrases = phrases
        self.phraseTexts = phraseTexts
        self.startingWith = startingWith
        self.phraseIndex = phraseIndex
    }

    /// The id of a phrase as written in a rule (nil when it normalises to nothing).
    func id(of text: String) -> Int? {
        phraseIndex[TextNormalizer.normalise(text)]
    }

    /// The word ids of `text` (-1 for words no phrase uses). A word not in the vocabulary but
    /// ending in the suffix "-nya" ("izinnya") is looked up without it.
    func wordIDs(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        ids.reserveCapacity(24)
        TextNormalizer.forEachToken(text) { bytes in
            let word = String(decoding: bytes, as: UTF8.self)
            if let id = vocabulary[word] {
                ids.append(id)
            } else if bytes.count > 5, bytes.suffix(3) == [110, 121, 97],
                      let id = vocabulary[String(decoding: bytes.dropLast(3), as: UTF8.self)] {
                ids.append(id)
            } else {
                ids.append(-1)
            }
        }
        return ids
    }

    /// Which phrases occur in `text`, as a bit set indexed by phrase id.
    func match(_ text: String) -> PhraseSet {
        var found = PhraseSet(count: phrases.count)
        let ids = wordIDs(text)
        for start in ids.indices where ids[start] >= 0 {
            for candidate in startingWith[Int(ids[start])] {
                let phrase = phrases[Int(candidate)]
                if phrase.count == 1 {
                    found.insert(Int(candidate))
                    continue
                }
                guard start + phrase.count <= ids.count else { continue }
                var same = true
                for offset in 1..<phrase.count where ids[start + offset] != phrase[offset] {
                    same = false
                    break
                }
                if same { found.insert(Int(candidate)) }
            }
        }
        return found
    }
}

/// A fixed-size bit set of phrase ids.
struct PhraseSet: Sendable {
    private var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    mutating func insert(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }

    func contains(_ index: Int) -> Bool { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
}

/// A rule with its phrases replaced by phrase ids.
struct CompiledRule: Sendable {
    let rule: Rule
    let all: [[Int]]
    let any: [Int]
    let none: [Int]

    init(rule: Rule, matcher: PhraseMatcher) {
        self.rule = rule
        all = rule.all.map { $0.compactMap(matcher.id(of:)) }
        any = rule.any.compactMap(matcher.id(of:))
        none = rule.none.compactMap(matcher.id(of:))
    }

    /// Whether the rule has any condition that can be true at all.
    var hasConditions: Bool { !(all.isEmpty && any.isEmpty) }

    /// Whether the rule fires on a text whose phrases are `found`.
    func fires(_ found: PhraseSet) -> Bool {
        guard hasConditions else { return false }
        for group in all where !group.contains(where: found.contains) { return false }
        if !any.isEmpty && !any.contains(where: found.contains) { return false }
        if none.contains(where: found.contains) { return false }
        return true
    }

    /// The phrases that made the rule fire, for the explanation.
    func matchedPhrases(_ found: PhraseSet, matcher: PhraseMatcher) -> [String] {
        var ids: [Int] = []
        for group in all { ids.append(contentsOf: group.filter(found.contains)) }
        ids.append(contentsOf: any.filter(found.contains))
        var seen = Set<Int>()
        return ids.filter { seen.insert($0).inserted }.map { matcher.phraseTexts[$0] }
    }
}
