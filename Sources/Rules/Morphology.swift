import Foundation
import Yams

/// Indonesian morphology for matching: an affix-stripping stemmer checked against a root-word
/// list (rules/kata-dasar.txt), words that must keep their form, and the abbreviations offices
/// write (rules/kamus.yaml).
///
/// `key(_:)` is what matching compares: two words meet when their keys are equal, so *nilai /
/// penilaian / dinilai*, *audit / diaudit / pengauditan* and *rekam / perekaman* meet. Each
/// distinct word is stemmed once and cached (thread-safe), which keeps classification fast.
public final class Morphology: @unchecked Sendable {
    /// The root words (lower case).
    public let roots: Set<String>
    /// Words that are never stripped (their key is themselves), e.g. "pengadaan", whose root
    /// "ada" would otherwise meet the everyday verb.
    public let fixedWords: Set<String>
    /// Abbreviation → its expansion as tokens ("lhp" → ["laporan", "hasil", "pemeriksaan"]).
    public let abbreviations: [String: [String]]
    /// Derived words whose root is set by hand (kamus.yaml `kata_dasar_khusus`): "perubahan" →
    /// "ubah", where affix stripping alone reaches another root of the list ("rubah", a fox).
    public let rootOverrides: [String: String]
    /// Phrases that mark open information (kamus.yaml `penanda_terbuka`), as written.
    public internal(set) var openMarkers: [String] = []
    /// Short spellings offices write for ordinary words (kamus.yaml `bentuk_singkat`: "jml" →
    /// jumlah, "sblm" → sebelum, "dok" → dokumen). Unlike `abbreviations`, they are replaced in
    /// the text before anything matches, so `kecuali` phrases and open markers see the word too:
    /// "Jml penerima BLT per desa" is the aggregate "jumlah …", not a list of recipients.
    public internal(set) var shortSpellings: [String: [String]] = [:] {
        didSet {
            shortSpellingLength = shortSpellings.keys.map(\.utf8.count).max() ?? 0
            var shapes = [UInt64](repeating: 0, count: 128)
            for key in shortSpellings.keys {
                guard let first = key.utf8.first, first < 0x80, key.utf8.count < 64 else { continue }
                shapes[Int(first)] |= 1 << UInt64(key.utf8.count)
            }
            shortSpellingShapes = shapes
        }
    }
    /// The longest short spelling, in bytes: longer tokens are not looked up (most are).
    private var shortSpellingLength = 0
    /// For each ASCII first byte, a bit for each length (in bytes) of a short spelling starting
    /// with it: a token whose first byte and length no short spelling has is not looked up
    /// (most short words of a title: "dinas", "tahun", "2021"; the lookups were 1.5 % of
    /// classify-distinct). A token starting with any other byte is looked up.
    private var shortSpellingShapes = [UInt64](repeating: 0, count: 128)

    /// Whether `token` may be a short spelling (no false negatives): the dictionary decides.
    @inline(__always) func mayBeShortSpelling(_ token: String) -> Bool {
        let utf8 = token.utf8
        let count = utf8.count
        guard count <= shortSpellingLength else { return false }
        guard let first = utf8.first, first < 0x80 else { return true }
        return shortSpellingShapes[Int(first)] & (1 << UInt64(count)) != 0
    }
    /// English words and phrases with their Indonesian wording (kamus.yaml `bahasa_inggris`
    /// and `bahasa_inggris_sambung`), written in Indonesian word order before anything
    /// matches, like the short spellings: bilingual campus and hospital lists write "Staff
    /// salary slips" for "slip gaji pegawai".
    public internal(set) var english = EnglishWording()
    /// Words naming the period of one edition (kamus.yaml `periode_terbit`; the built-in lists
    /// when the kamus has no such field).
    public internal(set) var editionPeriods: EditionPeriods {
        get { readPeriods ?? .builtIn }
        set { readPeriods = newValue }
    }
    private var readPeriods: EditionPeriods?

    private var cache: [String: String] = [:]
    private let lock = NSLock()

    /// Only "-nya" is removed (from words longer than five letters): exact matching.
    let nyaOnly: Bool

    public convenience init(roots: Set<String>, fixedWords: Set<String> = [], abbreviations: [String: [String]] = [:],
                            rootOverrides: [String: String] = [:]) {
        self.init(roots: roots, fixedWords: fixedWords, abbreviations: abbreviations, rootOverrides: rootOverrides, nyaOnly: false)
    }

    private init(roots: Set<String>, fixedWords: Set<String>, abbreviations: [String: [String]], rootOverrides: [String: String],
                 nyaOnly: Bool) {
        self.nyaOnly = nyaOnly
        self.roots = roots.union(fixedWords)
        self.fixedWords = fixedWords
        self.abbreviations = abbreviations
        self.rootOverrides = rootOverrides
    }

    /// A morphology without roots: every word is its own key (no stripping).
    public static let identity = Morphology(roots: [])

    /// Words as written, except a final "-nya" ("izinnya" → "izin"): how `kecuali` phrases match.
    static let exact = Morphology(roots: [], fixedWords: [], abbreviations: [:], rootOverrides: [:], nyaOnly: true)

    /// The key a word is matched by: its stem, or the word itself.
    public func key(_ word: String) -> String {
        lock.lock()
        if let hit = cache[word] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let stemmed = stem(word)
        lock.lock()
        if cache.count < 500_000 { cache[word] = stemmed }
        lock.unlock()
        return stemmed
    }

    /// The keys of a text's tokens, in order.
    public func keys(_ text: String) -> [String] { TextNormalizer.tokens(text).map(key) }

    /// The tokens with every short spelling (`bentuk_singkat`) written out and English wording
    /// (`bahasa_inggris`) put into Indonesian.
    public func spelledOut(_ tokens: [String]) -> [String] {
        var tokens = tokens
        if shortSpellingLength > 0, tokens.contains(where: { mayBeShortSpelling($0) && shortSpellings[$0] != nil }) {
            tokens = tokens.flatMap { mayBeShortSpelling($0) ? shortSpellings[$0] ?? [$0] : [$0] }
        }
        tokens = joiningSplitPassives(tokens)
        return english.indonesian(tokens, isIndonesianWord: { self.roots.contains($0) },
                                  isAbbreviation: { self.abbreviations[$0] != nil }) ?? tokens
    }

    /// Whether `spelledOut` reads these tokens as an English title (the map rewrites them into
    /// Indonesian wording).
    public func readsInEnglish(_ tokens: [String]) -> Bool {
        var tokens = tokens
        let longest = shortSpellingLength
        if longest > 0, tokens.contains(where: { $0.utf8.count <= longest && shortSpellings[$0] != nil }) {
            tokens = tokens.flatMap { $0.utf8.count <= longest ? shortSpellings[$0] ?? [$0] : [$0] }
        }
        return english.indonesian(joiningSplitPassives(tokens), isIndonesianWord: { self.roots.contains($0) },
                                  isAbbreviation: { self.abbreviations[$0] != nil }) != nil
    }

    /// Lists often write the passive prefix apart from its verb ("belum di publikasikan", "yang
    /// di tetapkan"), which a `kecuali` phrase or a rule ("belum dipublikasikan") does not meet.
    /// "di" is joined to the next word when that word is a verb in -kan and the joined word
    /// reaches the same root ("di publikasikan" → dipublikasikan); "di" before a place ("di
    /// kecamatan", "di rumah sakit") stays a preposition.
    func joiningSplitPassives(_ tokens: [String]) -> [String] {
        guard tokens.count > 1, tokens.dropLast().contains("di") else { return tokens }
        var result: [String] = []
        result.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            if tokens[i] == "di", i + 1 < tokens.count {
                let verb = tokens[i + 1]
                if verb.utf8.count > 5, verb.hasSuffix("kan") {
                    let joined = "di" + verb
                    let root = key(joined)
                    if root != joined, roots.contains(root), key(verb) == root {
                        result.append(joined)
                        i += 2
                        continue
                    }
                }
            }
            result.append(tokens[i])
            i += 1
        }
        return result
    }

    /// The tokens of a text as matching sees them: normalised, short spellings written out.
    public func matchTokens(_ text: String) -> [String] { spelledOut(TextNormalizer.tokens(text)) }

    /// The tokens with every known abbreviation replaced by its expansion, or nil when the
    /// tokens hold no abbreviation.
    public func expanded(_ tokens: [String]) -> [String]? {
        guard !abbreviations.isEmpty, tokens.contains(where: { abbreviations[$0] != nil }) else { return nil }
        return tokens.flatMap { abbreviations[$0] ?? [$0] }
    }

    // MARK: - The stemmer

    /// The root of `word` (lower-case letters), or `word` when no affix stripping reaches a
    /// root of the list. Words with digits, of three letters or fewer, roots, fixed words and
    /// abbreviations are kept as they are; `kata_dasar_khusus` words get their set root.
    public func stem(_ word: String) -> String {
        if nyaOnly { return word.count > 5 && word.hasSuffix("nya") ? String(word.dropLast(3)) : word }
        if let root = rootOverrides[word] { return root }
        if roots.isEmpty || word.count <= 3 || roots.contains(word) || abbreviations[word] != nil { return word }
        guard word.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        if let root = derivedRoot(word) { return root }
        // Inflectional particles only when the word as written reaches no root: "sekolah",
        // "masalah", "jumlah" end in -lah without being particle forms ("bermasalah" is
        // ber-+masalah, not ber-+masa+-lah).
        for particle in ["lah", "kah", "tah", "pun"] where word.hasSuffix(particle) && word.count > particle.count + 3 {
            if let root = derivedRoot(String(word.dropLast(particle.count))) { return root }
            break
        }
        // No root found: the word without "-nya" when it had one (old behaviour), else itself.
        return word.hasSuffix("nya") && word.count > 6 ? String(word.dropLast(3)) : word
    }

    /// Suffixes a reading may strip; `none` is the word as it stands.
    private enum Suffix { case kan, an, i, none }

    /// Prefix–suffix pairs Indonesian does not form (Nazief & Adriani's list, as Sastrawi uses
    /// it: be-…-i, di-…-an, ke-…-i, ke-…-kan, me-…-an, se-…-i, se-…-kan, te-…-an; plus pe(N)-…-kan,
    /// since pe(N)- nouns take -an). A reading whose outermost prefix and suffix form such a pair
    /// is not a reading: "diberikan" is di-+beri+-kan, never di-+berik+-an; "mengajukan" is
    /// meN-+aju+-kan, never meN-+ajuk+-an; "memetakan" is peta, not petak.
    private static func isDisallowed(outerPrefix: String, _ suffix: Suffix) -> Bool {
        switch (outerPrefix, suffix) {
        case ("be", .i), ("di", .an), ("ke", .i), ("ke", .kan), ("me", .an), ("se", .i), ("se", .kan), ("te", .an), ("pe", .kan):
            return true
        default:
            return false
        }
    }

    /// The root `word` reaches by stripping a possessive pronoun, a derivational suffix and up to
    /// three prefixes, or nil. Every reading is tried; the longest root wins: it strips least
    /// ("dinilai" is di-+nilai, not di-+nila+-i).
    private func derivedRoot(_ word: String) -> String? {
        var base = word
        for pronoun in ["nya", "ku", "mu"] where base.hasSuffix(pronoun) && base.count > pronoun.count + 3 {
            base = String(base.dropLast(pronoun.count))
            break
        }
        if base != word {
            if let root = rootOverrides[base] { return root }
            if roots.contains(base) { return base }
        }
        var candidates: [(word: String, suffix: Suffix)] = []
        for (text, suffix) in [("kan", Suffix.kan), ("an", .an), ("i", .i)] where base.hasSuffix(text) && base.count > text.count + 2 {
            candidates.append((String(base.dropLast(text.count)), suffix))
        }
        candidates.append((base, .none))
        var found: [String] = []
        for candidate in candidates {
            if roots.contains(candidate.word) { found.append(candidate.word) }
            let outer = String(candidate.word.prefix(2))
            if Self.isDisallowed(outerPrefix: outer, candidate.suffix) { continue }
            stripPrefixes(candidate.word, depth: 0, into: &found)
        }
        return found.max(by: { $0.count < $1.count })
    }

    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u"]

    /// Strips up to three prefixes (with nasal recoding), collecting every root reached.
    private func stripPrefixes(_ word: String, depth: Int, into found: inout [String]) {
        guard depth < 3, word.count >= 5 else { return }
        for candidate in prefixRemovals(word) where candidate.count >= 3 {
            if roots.contains(candidate) { found.append(candidate) }
            stripPrefixes(candidate, depth: depth + 1, into: &found)
        }
    }

    /// The words left after removing one prefix of `word`, most likely first.
    private func prefixRemovals(_ word: String) -> [String] {
        let chars = Array(word)
        func rest(_ n: Int) -> String { String(chars[n...]) }
        func isVowel(_ i: Int) -> Bool { i < chars.count && Self.vowels.contains(chars[i]) }
        func at(_ i: Int) -> Character { i < chars.count ? chars[i] : " " }
        var out: [String] = []
        let start = String(chars.prefix(2))
        switch start {
        case "di", "ke", "se":
            out.append(rest(2))
        case "be":
            if at(2) == "r" { out.append(rest(3)) }
            if at(2) == "l" && word.hasPrefix("belajar") { out.append(rest(3)) }
            out.append(rest(2))
        case "te":
            if at(2) == "r" { out.append(rest(3)) }
            out.append(rest(2))
        case "me", "pe":
            let p = chars[0]
            if p == "p" && at(2) == "r" { out.append(rest(3)) } // per-
            if p == "p" && at(2) == "l" && isVowel(3) { out.append(rest(3)) } // pel-ajar
            if at(2) == "n" && at(3) == "g" { // meng-/peng-
                if isVowel(4) { out.append(rest(4)); out.append("k" + rest(4)) } else { out.append(rest(4)) }
            } else if at(2) == "n" && at(3) == "y" { // meny-/peny-
                if isVowel(4) { out.append("s" + rest(4)) }
            } else if at(2) == "m" { // mem-/pem-
                if isVowel(3) { out.append("p" + rest(3)); out.append("m" + rest(3)) } else { out.append(rest(3)) }
            } else if at(2) == "n" { // men-/pen-
                if isVowel(3) { out.append("t" + rest(3)); out.append("n" + rest(3)) } else { out.append(rest(3)) }
            }
            out.append(rest(2)) // me-/pe- before l, r, w, y (melapor, perekam → pe-rekam)
        default:
            break
        }
        return out
    }

    // MARK: - Loading

    /// Reads a root-word list: one word a line; blank lines and lines starting with `#` are
    /// skipped.
    public static func readRoots(_ text: String) -> Set<String> {
        var roots = Set<String>()
        roots.reserveCapacity(32_000)
        // The list is plain ASCII: split, trim and lower-case its bytes (the same words as the
        // Character path below, which cost a run 30 ms on the 30,000 lines, each run: issue 19).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var utf8 = text
            utf8.withUTF8 { bytes in
                var start = 0
                func take(_ end: Int) {
                    var a = start, b = end
                    while a < b, bytes[a] == 0x20 || bytes[a] == 0x09 { a += 1 }
                    while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 { b -= 1 }
                    guard a < b, bytes[a] != UInt8(ascii: "#") else { return }
                    roots.insert(String(unsafeUninitializedCapacity: b - a) { out in
                        for i in a..<b {
                            let c = bytes[i]
                            out[i - a] = c >= 0x41 && c <= 0x5A ? c + 32 : c
                        }
                        return b - a
                    })
                }
                for i in 0..<bytes.count where bytes[i] >= 0x0A && bytes[i] <= 0x0D {
                    take(i)
                    start = i + 1
                }
                take(bytes.count)
            }
            return roots
        }
        for line in text.split(whereSeparator: \.isNewline) {
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            if word.isEmpty || word.hasPrefix("#") { continue }
            roots.insert(word)
        }
        return roots
    }
}

extension Morphology {
    /// The file of fixed words and abbreviations.
    public static let dictionaryFileName = "kamus.yaml"
    /// The root-word list.
    public static let rootsFileName = "kata-dasar.txt"

    /// The built-in root list, parsed once.
    private static let builtInRoots: (text: String?, roots: Set<String>) = {
        let text = DefaultRules.text(rootsFileName)
        return (text, text.map(readRoots) ?? [])
    }()

    /// Reads kamus.yaml and the root list (either may be nil: no stemming, no abbreviations).
    static func load(dictionary: String?, roots rootsText: String?) -> (morphology: Morphology, issues: [RuleIssue]) {
        let roots: Set<String>
        if let rootsText {
            roots = rootsText == builtInRoots.text ? builtInRoots.roots : readRoots(rootsText)
        } else {
            roots = []
        }
        var fixed = Set<String>()
        var abbreviations: [String: [String]] = [:]
        var overrides: [String: String] = [:]
        var shortSpellings: [String: [String]] = [:]
        var english = EnglishWording()
        var reader = YAMLReader(file: dictionaryFileName)
        // Read after the short spellings, which an entry may not be.
        var periodsNode: Node?
        if let dictionary, let root = reader.root(of: dictionary),
           let top = reader.fields(root, allowed: ["kata_tetap", "kata_dasar_khusus", "singkatan", "penanda_terbuka", "bentuk_singkat",
                                                   "bahasa_inggris", "bahasa_inggris_serupa", "bahasa_inggris_sambung",
                                                   EditionPeriods.field], what: dictionaryFileName) {
            periodsNode = top[EditionPeriods.field]
            for word in reader.strings(top["kata_tetap"], field: "kata_tetap", what: dictionaryFileName) {
                let tokens = TextNormalizer.tokens(word)
                if tokens.count != 1 {
                    reader.error(top["kata_tetap"], "not_a_word", "`\(word)` pada kata_tetap harus satu kata.")
                    continue
                }
                fixed.insert(tokens[0])
            }
            // Every word map of the kamus is a YAML mapping; anything else is refused with `wrongType`.
            func eachPair(_ field: String, wrongType: String, _ body: (_ key: Node, _ value: Node) -> Void) {
                guard let node = top[field] else { return }
                guard let mapping = node.mapping else {
                    reader.error(node, "wrong_type", wrongType)
                    return
                }
                for (key, value) in mapping { body(key, value) }
            }
            eachPair("kata_dasar_khusus", wrongType: "`kata_dasar_khusus` harus berupa pasangan kata: kata dasarnya.") { key, value in
                let word = TextNormalizer.tokens(key.string ?? "")
                let root = TextNormalizer.tokens(value.string ?? "")
                if word.count != 1 || root.count != 1 {
                    reader.error(key, "not_a_word", "`\(key.string ?? "")` pada kata_dasar_khusus harus satu kata dengan kata dasarnya (satu kata).")
                    return
                }
                if overrides[word[0]] != nil {
                    reader.error(key, "duplicate_id", "Kata `\(word[0])` pada kata_dasar_khusus ditulis dua kali.")
                }
                overrides[word[0]] = root[0]
            }
            eachPair("singkatan", wrongType: "`singkatan` harus berupa pasangan singkatan: kepanjangan.") { key, value in
                let short = TextNormalizer.tokens(key.string ?? "")
                let long = TextNormalizer.tokens(value.string ?? "")
                if short.count != 1 || long.isEmpty {
                    reader.error(key, "bad_abbreviation", "Singkatan `\(key.string ?? "")` harus satu kata dengan kepanjangan berupa teks.")
                    return
                }
                if abbreviations[short[0]] != nil {
                    reader.error(key, "duplicate_id", "Singkatan `\(short[0])` ditulis dua kali.")
                }
                abbreviations[short[0]] = long
            }
            eachPair("bentuk_singkat", wrongType: "`bentuk_singkat` harus berupa pasangan bentuk singkat: kata lengkap.") { key, value in
                let short = TextNormalizer.tokens(key.string ?? "")
                let long = TextNormalizer.tokens(value.string ?? "")
                if short.count != 1 || long.isEmpty {
                    reader.error(key, "bad_abbreviation", "Bentuk singkat `\(key.string ?? "")` harus satu kata dengan kata lengkapnya berupa teks.")
                    return
                }
                if shortSpellings[short[0]] != nil || abbreviations[short[0]] != nil {
                    reader.error(key, "duplicate_id", "Bentuk singkat `\(short[0])` ditulis dua kali (atau juga ada di singkatan).")
                }
                shortSpellings[short[0]] = long
            }
            // English: a word that is also an Indonesian root or office abbreviation would turn
            // Indonesian titles into something else, so such keys are refused.
            func englishKey(_ key: Node, field: String, linking: Bool = false) -> [String]? {
                let words = TextNormalizer.tokens(key.string ?? "")
                guard !words.isEmpty else {
                    reader.error(key, "bad_abbreviation", "Kata `\(key.string ?? "")` pada \(field) kosong.")
                    return nil
                }
                if english.contains(words) {
                    reader.error(key, "duplicate_id", "`\(words.joined(separator: " "))` pada \(field) ditulis dua kali.")
                    return nil
                }
                // Linking words ("not", "are") only count inside a title that holds an English
                // word of `bahasa_inggris`, so only those are held to this.
                if words.count == 1, !linking, roots.contains(words[0]) || abbreviations[words[0]] != nil || shortSpellings[words[0]] != nil {
                    reader.error(key, "not_a_word", "`\(words[0])` pada \(field) juga kata bahasa Indonesia (kata-dasar.txt), singkatan atau bentuk singkat: teks berbahasa Indonesia akan ikut diterjemahkan. Hapus kata ini.")
                    return nil
                }
                return words
            }
            eachPair("bahasa_inggris", wrongType: "`bahasa_inggris` harus berupa pasangan kata Inggris: padanan bahasa Indonesia.") { key, value in
                let wording = TextNormalizer.tokens(value.string ?? "")
                guard let words = englishKey(key, field: "bahasa_inggris") else { return }
                if wording.isEmpty {
                    reader.error(key, "bad_abbreviation", "`\(words.joined(separator: " "))` pada bahasa_inggris harus diberi padanan bahasa Indonesia.")
                    return
                }
                english.addContent(words, wording, isIndonesianWord: { roots.contains($0) })
            }
            // English words spelled like an Indonesian word ("data", "audit", "hospital"): read in
            // English only inside a title that other words already show to be English, and
            // never counted as evidence that it is. Anything else belongs in `bahasa_inggris`.
            eachPair("bahasa_inggris_serupa", wrongType: "`bahasa_inggris_serupa` harus berupa pasangan kata Inggris: padanan bahasa Indonesia.") { key, value in
                let words = TextNormalizer.tokens(key.string ?? "")
                let wording = TextNormalizer.tokens(value.string ?? "")
                guard words.count == 1, !wording.isEmpty else {
                    reader.error(key, "not_a_word", "`\(key.string ?? "")` pada bahasa_inggris_serupa harus satu kata dengan padanan bahasa Indonesia.")
                    return
                }
                if english.contains(words) {
                    reader.error(key, "duplicate_id", "`\(words[0])` pada bahasa_inggris_serupa ditulis dua kali (atau juga ada di bahasa_inggris).")
                    return
                }
                guard roots.contains(words[0]) else {
                    reader.error(key, "not_a_word", "`\(words[0])` pada bahasa_inggris_serupa bukan kata bahasa Indonesia (kata-dasar.txt): tulis di bahasa_inggris.")
                    return
                }
                english.addContent(words, wording, weighs: false, isIndonesianWord: { roots.contains($0) })
            }
            eachPair("bahasa_inggris_sambung", wrongType: "`bahasa_inggris_sambung` harus berupa pasangan kata sambung Inggris: padanannya (boleh kosong: \"\").") { key, value in
                guard let words = englishKey(key, field: "bahasa_inggris_sambung", linking: true) else { return }
                if words.count != 1 {
                    reader.error(key, "not_a_word", "`\(words.joined(separator: " "))` pada bahasa_inggris_sambung harus satu kata.")
                    return
                }
                english.addLink(words[0], TextNormalizer.tokens(value.string ?? ""), isIndonesianWord: roots.contains(words[0]))
            }
        }
        let morphology = Morphology(roots: roots, fixedWords: fixed, abbreviations: abbreviations, rootOverrides: overrides)
        morphology.shortSpellings = shortSpellings
        morphology.english = english
        if let periods = periodsNode {
            morphology.editionPeriods = EditionPeriods.read(periods, reader: &reader, shortSpellings: shortSpellings)
        }
        if let dictionary, let root = try? Yams.compose(yaml: dictionary), let node = root.mapping?["penanda_terbuka"] {
            var markerReader = YAMLReader(file: dictionaryFileName)
            morphology.openMarkers = markerReader.strings(node, field: "penanda_terbuka", what: dictionaryFileName)
                .filter { !TextNormalizer.tokens($0).isEmpty }
        }
        return (morphology, reader.issues)
    }
}
