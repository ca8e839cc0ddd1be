import Foundation

/// English wording of a title put into Indonesian before matching (kamus.yaml `bahasa_inggris`
/// and `bahasa_inggris_sambung`). Bilingual lists of campuses, hospitals and BUMD write "Staff
/// salary slips" or "Minutes of closed board meetings"; rules, `kecuali` phrases, open markers,
/// precedents and the learned layer are Indonesian, so they meet such a title only once it
/// reads "slip gaji pegawai" and "notulen rapat dewan tertutup".
///
/// Word order: English puts modifiers before the word they modify and Indonesian after it, so a
/// run of consecutive English words (phrases of the map counting as one) is written in reverse
/// ("closed board meetings" → rapat dewan tertutup). Linking words (`of`, `and`, `for`,
/// `before` …) end a run and are written as their Indonesian word (or dropped: "of"), as does
/// any word the map does not hold (an acronym, a number, an Indonesian word). A possessive "'s"
/// (the token "s" after an English word) is dropped inside the run: "Regent's decrees" →
/// keputusan bupati. A title with more other words than English words of the map is left as
/// written (an Indonesian title with a loan word: "Catatan home visit wali kelas"). Hand-written because no maintained Swift library translates office
/// titles offline; it is a word map with one ordering rule, not a translator.
public struct EnglishWording: Sendable {
    /// Phrases by their first word, longest first. `weighs` is false for a one-word entry that
    /// is also an Indonesian word (kamus `bahasa_inggris_serupa`: "data", "audit", "hospital"):
    /// it is read in English inside an English title but is no evidence that a title is English.
    private var content: [String: [(words: [String], wording: [String], weighs: Bool)]] = [:]
    /// Linking words and their Indonesian word (empty: dropped).
    private var links: [String: [String]] = [:]
    /// Linking words that are not also Indonesian words (kata-dasar.txt): "of", "the",
    /// "which", "have" are English wherever they stand, so they count as English words when a
    /// title is weighed (`indonesian`); "per" or "as" do not.
    private var englishLinks: Set<String> = []
    /// A filter in front of `content`: for each (first letter, last letter) of a first word,
    /// the set of its lengths as bits. Most Indonesian tokens fail it without hashing a string
    /// (the classifier reads every distinct text through here: `classify-distinct`).
    private var shapes = [UInt64](repeating: 0, count: 26 * 26)
    /// Some first word has no shape (a digit, a letter outside a–z): such tokens are looked up.
    private var unshaped = false
    /// The last word of every entry: an English word a possessive 's may follow.
    private var possessors: Set<String> = []

    public init() {}

    public var isEmpty: Bool { content.isEmpty }

    /// Whether `words` is already an entry (a phrase, a linking word or a generated plural).
    func contains(_ words: [String]) -> Bool {
        if words.count == 1, links[words[0]] != nil { return true }
        return content[words[0]]?.contains { $0.words == words } ?? false
    }

    /// Adds an English word or phrase with its Indonesian wording, and the regular plural of
    /// its last word ("statement" → "statements", "salary" → "salaries", "box" → "boxes")
    /// unless that plural is an entry already or an Indonesian word.
    mutating func addContent(_ words: [String], _ wording: [String], weighs: Bool = true, isIndonesianWord: (String) -> Bool) {
        insert(words, wording, weighs: weighs)
        let last = words[words.count - 1]
        let plural = Self.plural(last)
        var pluralWords = words
        pluralWords[words.count - 1] = plural
        if plural != last, !contains(pluralWords), !isIndonesianWord(plural) || words.count > 1 {
            insert(pluralWords, wording, weighs: weighs)
        }
    }

    mutating func addLink(_ word: String, _ wording: [String], isIndonesianWord: Bool = false) {
        links[word] = wording
        // One letter ("a") may be a list's letter in an Indonesian title: no evidence.
        if isIndonesianWord || word.count < 2 { englishLinks.remove(word) } else { englishLinks.insert(word) }
    }

    private static func shape(_ word: String) -> (slot: Int, bit: UInt64)? {
        let utf8 = word.utf8
        guard let first = utf8.first, let last = utf8.last, utf8.count < 64,
              (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(last) else { return nil }
        return (Int(first - UInt8(ascii: "a")) * 26 + Int(last - UInt8(ascii: "a")), 1 << UInt64(utf8.count))
    }

    /// Whether `word` may start an English entry (no false negatives).
    @inline(__always) private func mayStart(_ word: String) -> Bool {
        guard let shape = Self.shape(word) else { return unshaped && content[word] != nil }
        return shapes[shape.slot] & shape.bit != 0 && content[word] != nil
    }

    private mutating func insert(_ words: [String], _ wording: [String], weighs: Bool) {
        possessors.insert(words[words.count - 1])
        if let shape = Self.shape(words[0]) { shapes[shape.slot] |= shape.bit } else { unshaped = true }
        var list = content[words[0], default: []]
        list.removeAll { $0.words == words }
        list.append((words, wording, weighs))
        list.sort { $0.words.count != $1.words.count ? $0.words.count > $1.words.count : $0.words.lexicographicallyPrecedes($1.words) }
        content[words[0]] = list
    }

    static func plural(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count >= 3 else { return word }
        let vowels: Set<UInt8> = Set("aeiou".utf8)
        if word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("z") || word.hasSuffix("ch") || word.hasSuffix("sh") {
            return word + "es"
        }
        if word.hasSuffix("y"), !vowels.contains(bytes[bytes.count - 2]) {
            return String(word.dropLast()) + "ies"
        }
        return word + "s"
    }

    /// Whether the one-word entry `word` is evidence of English (a word of `bahasa_inggris`
    /// or an English linking word, not a word of both languages).
    private func weighs(_ word: String) -> Bool {
        if englishLinks.contains(word) { return true }
        return content[word]?.contains { $0.words.count == 1 && $0.weighs } ?? false
    }

    /// Whether `word` is a word of the map (a phrase's last word, a one-word entry or its
    /// plural): the word a possessive 's may follow.
    private func isContentWord(_ word: String) -> Bool {
        possessors.contains(word)
    }

    private enum Unit {
        case english([String])
        case link([String])
        case other(String)
    }

    /// The tokens in Indonesian, or nil when they hold no English word of the map (the text
    /// is then matched as written).
    public func indonesian(_ tokens: [String], isIndonesianWord: (String) -> Bool = { _ in false },
                           isAbbreviation: (String) -> Bool = { _ in false }) -> [String]? {
        guard !content.isEmpty, tokens.contains(where: mayStart) else { return nil }
        // A title that opens with an Indonesian word the map does not hold, followed by
        // another word the map does not hold ("Daftar balita stunting by name by address"),
        // is an Indonesian title with English office idioms: Indonesian titles open with their
        // head noun. ("Mineral exploration data …" opens with a word of both languages.)
        // A word of both languages (`bahasa_inggris_serupa`: "Data difabel by name") opens an
        // Indonesian title as well.
        // An office acronym ("UKT", "NIK") belongs to neither language and is passed over.
        if let first = tokens.first, isIndonesianWord(first), !weighs(first),
           !(content[first]?.contains { $0.words.count > 1 && tokens.starts(with: $0.words) } ?? false) {
            let next = tokens.dropFirst().first { !isAbbreviation($0) }
            if next.map({ content[$0] == nil && links[$0] == nil }) ?? true { return nil }
        }
        // A possessive 's after an English word of the map is dropped before phrases are
        // matched, so "owner's estimate" meets the phrase "owner estimate" and "the victim's
        // family" reads like "the victim family".
        var tokens = tokens
        if tokens.contains("s") {
            tokens = tokens.enumerated().filter { index, token in
                !(token == "s" && index > 0 && isContentWord(tokens[index - 1]))
            }.map(\.element)
        }
        var units: [Unit] = []
        var englishWords = 0, otherWords = 0
        var linksSeen: Set<String> = []
        var i = 0
        while i < tokens.count {
            if let candidates = content[tokens[i]],
               let match = candidates.first(where: { i + $0.words.count <= tokens.count && tokens[i..<(i + $0.words.count)].elementsEqual($0.words) }) {
                units.append(.english(match.wording))
                if match.weighs { englishWords += match.words.count }
                i += match.words.count
            } else if let wording = links[tokens[i]] {
                // An English linking word ("of", "the", "which", "have been") is English
                // evidence: a title written as an English sentence holds many of them beside
                // words the map does not know, and is still English.
                // Each linking word counts once: Indonesian office idioms repeat one ("by name
                // by address").
                if englishLinks.contains(tokens[i]), !linksSeen.contains(tokens[i]) {
                    englishWords += 1
                    linksSeen.insert(tokens[i])
                }
                units.append(.link(wording))
                i += 1
            } else {
                if tokens[i].utf8.contains(where: { $0 >= UInt8(ascii: "a") }) { otherWords += 1 }
                units.append(.other(tokens[i]))
                i += 1
            }
        }
        // An Indonesian title with an English loan word or two ("Daftar balita stunting by
        // name by address", "Catatan home visit wali kelas") is left as written: only a title
        // with at least as many English words of the map as other words (numbers aside) is
        // English. (Counting only words whose stem is an Indonesian root as "other" was tried:
        // it rewrote "Daftar balita stunting by name by address", as "balita" is no root.)
        guard englishWords > 0, englishWords >= otherWords else { return nil }
        var result: [String] = []
        result.reserveCapacity(tokens.count + 4)
        var run: [[String]] = []
        func flush() {
            for wording in run.reversed() { result += wording }
            run.removeAll(keepingCapacity: true)
        }
        for unit in units {
            switch unit {
            case .english(let wording): run.append(wording)
            case .link(let wording): flush(); result += wording
            case .other(let token): flush(); result.append(token)
            }
        }
        flush()
        return result
    }
}
