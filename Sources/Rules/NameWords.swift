import DIPCore
import Foundation

/// The names of the PPID's work units (unit.yaml's names and inbox codes) and of the bodies that
/// decided precedents, as words a title may hold. A name says who holds an item, not what it is:
/// the PPID's own decisions are compared with an item without them (`PrecedentIndex`), since a
/// unit's rare name made each of its titles near every decision on another of its titles
/// ("Laporan keuangan RSUD dr. Drajat Prawiranegara Tahun 2025" 92 % like "Profil dan jenis
/// layanan RSUD …", w26readers; docs/classification.md §53).
///
/// A title token is a name word when it is
/// - a word of a name that is no Indonesian word (no root of kata-dasar.txt, no `singkatan`):
///   "Prawiranegara", "RSUD", "Ciruas", "Malingping", the inbox code's "drajat"; or
/// - part of a whole name written out ("… Dinas Kesehatan", "… Badan Penanggulangan Bencana
///   Daerah"), whose words alone are ordinary words ("kesehatan" elsewhere in the title stays).
/// Names keep the old spelling units are named in ("Dradjat", "Soekarno", "Tjipto") while titles
/// often write the new one: both sides are compared in a folded spelling (`fold`).
///
/// A class: the classifier reads it for every text, and a struct of four tables was copied
/// (each table retained and released) on every read (session 28).
public final class NameWords: Sendable {
    /// Folded name words that are no Indonesian word.
    let properKeys: Set<String>
    /// Whole names as folded tokens, by their first token.
    let wholeNames: [String: [[String]]]
    /// Each folded word of a whole name, by an id (for `facts`, the classifier's token table).
    let wholeWordIDs: [String: Int32]
    /// `wholeNames` as word ids, by the first word's id, in the same order.
    let wholeNameIDs: [Int32: [[Int32]]]
    /// Whether a whole name has a word of ASCII digits ("SMP Negeri 1 …"): only then can a number
    /// be a name word (no number is a name word by itself).
    let hasNumberWords: Bool

    public var isEmpty: Bool { properKeys.isEmpty && wholeNames.isEmpty }

    /// The name words of `names` (each a unit's or body's name, or an inbox code: "rsud-drajat"
    /// reads as "rsud drajat"), read with `morphology` (its roots and abbreviations decide what is
    /// an Indonesian word).
    public init(names: [String], morphology: Morphology) {
        var proper = Set<String>()
        var whole: [String: [[String]]] = [:]
        for name in Set(names) {
            let tokens = morphology.matchTokens(name)
            guard !tokens.isEmpty else { continue }
            for token in tokens where token.count >= 2 && !token.allSatisfy(\.isNumber)
                && !morphology.roots.contains(morphology.key(token)) && morphology.abbreviations[token] == nil
                && !PrecedentIndex.stopWords.contains(token) {
                proper.insert(Self.fold(token))
            }
            let folded = tokens.map(Self.fold)
            // A one-word name that is an Indonesian word ("Inspektorat") is no name in a title
            // ("laporan hasil pemeriksaan inspektorat" is what it is about).
            if folded.count >= 2, !(whole[folded[0]]?.contains(folded) ?? false) { whole[folded[0], default: []].append(folded) }
        }
        properKeys = proper
        let wholeNames = whole.mapValues { $0.sorted { ($0.count, $1.joined(separator: " ")) > ($1.count, $0.joined(separator: " ")) } }
        self.wholeNames = wholeNames
        var wordIDs: [String: Int32] = [:]
        for names in wholeNames.values {
            for name in names { for word in name where wordIDs[word] == nil { wordIDs[word] = Int32(wordIDs.count) } }
        }
        wholeWordIDs = wordIDs
        hasNumberWords = wordIDs.keys.contains { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        wholeNameIDs = Dictionary(uniqueKeysWithValues: wholeNames.map { first, names in
            (wordIDs[first]!, names.map { $0.map { wordIDs[$0]! } })
        })
    }

    /// What one token is to these names, worked out once per distinct token (the classifier's
    /// token table): whether it is a name word by itself, and the id of its folded spelling among
    /// the whole names' words (-1: in none). `mask(proper:words:)` of these equals `mask` of the
    /// tokens.
    public struct Facts: Sendable, Equatable {
        public var proper: Bool
        public var word: Int32
        static let none = Facts(proper: false, word: -1)
    }

    /// The facts of one token (see `Facts`).
    func facts(_ token: String) -> Facts {
        guard !isEmpty else { return .none }
        let folded = Self.fold(token)
        return Facts(proper: properKeys.contains(folded), word: wholeWordIDs[folded] ?? -1)
    }

    /// `facts` of a token of ASCII digits, without folding or looking it up when no whole name
    /// holds a number (serial numbers and years are most of the tokens the token table does not
    /// keep).
    func numberFacts(_ token: String) -> Facts {
        hasNumberWords ? facts(token) : .none
    }

    /// For each token whether it is a name word, from the tokens' `facts`: the same as `mask` of
    /// the tokens, without folding or hashing a word.
    func mask(_ facts: [Facts]) -> [Bool] {
        mask(count: facts.count) { facts[$0] }
    }

    /// `mask(_:)` of `count` tokens whose facts `facts` gives by position (read from the token
    /// table without an array of them).
    func mask(count: Int, _ facts: (Int) -> Facts) -> [Bool] {
        var mask = [Bool](repeating: false, count: count)
        for i in 0..<count where facts(i).proper { mask[i] = true }
        guard !wholeNameIDs.isEmpty else { return mask }
        for start in 0..<count {
            let first = facts(start).word
            guard first >= 0, let candidates = wholeNameIDs[first] else { continue }
            for name in candidates where start + name.count <= count
                && name.indices.allSatisfy({ facts(start + $0).word == name[$0] }) {
                for i in start..<(start + name.count) { mask[i] = true }
                break
            }
        }
        return mask
    }

    /// An inbox code as words: "rsud-drajat" → "rsud drajat", "kec_ciruas" → "kec ciruas".
    static func codeWords(_ code: String) -> String {
        String(code.map { $0 == "-" || $0 == "_" || $0 == "." ? " " : $0 })
    }

    /// For each token whether it is a name word.
    public func mask(_ tokens: [String]) -> [Bool] {
        guard !isEmpty, !tokens.isEmpty else { return [Bool](repeating: false, count: tokens.count) }
        let folded = tokens.map(Self.fold)
        var mask = folded.map(properKeys.contains)
        for start in folded.indices {
            guard let candidates = wholeNames[folded[start]] else { continue }
            for name in candidates where start + name.count <= folded.count
                && folded[start..<(start + name.count)].elementsEqual(name) {
                for i in start..<(start + name.count) { mask[i] = true }
                break
            }
        }
        return mask
    }

    /// For each token whether it lies inside a whole name written out ("Dinas Komunikasi,
    /// Informatika, Persandian dan Statistik", "Pemerintah Kabupaten Serang"), the longest name
    /// at each place; nil when the text holds none. Unlike `mask` the name's words that are no
    /// Indonesian word alone ("RSUD", "Prawiranegara") are not marked: the rules read them
    /// ("NPWP RSUD"). What the rules' exceptions and open markers are not read inside
    /// (`RuleSet.writtenOutNames`, docs/classification.md §55).
    public func writtenOutMask(_ tokens: [String]) -> [Bool]? {
        guard !wholeNames.isEmpty else { return nil }
        var mask: [Bool]?
        var start = 0
        while start < tokens.count {
            guard let candidates = wholeNames[Self.fold(tokens[start])] else {
                start += 1
                continue
            }
            var length = 0
            for name in candidates where start + name.count <= tokens.count
                && zip(name, tokens[start..<(start + name.count)]).allSatisfy({ $0 == Self.fold($1) }) {
                length = name.count
                break
            }
            guard length > 0 else {
                start += 1
                continue
            }
            if mask == nil { mask = [Bool](repeating: false, count: tokens.count) }
            for i in start..<(start + length) { mask?[i] = true }
            start += length
        }
        return mask
    }

    /// `writtenOutMask` of `count` tokens from their `facts` (only `word` is read, worked out once
    /// per distinct token by the classifier's token table): the same mask, without folding or
    /// hashing a word per text.
    func writtenOutMask(count: Int, _ facts: (Int) -> Facts) -> [Bool]? {
        guard !wholeNameIDs.isEmpty else { return nil }
        var mask: [Bool]?
        var start = 0
        while start < count {
            let first = facts(start).word
            guard first >= 0, let candidates = wholeNameIDs[first] else {
                start += 1
                continue
            }
            var length = 0
            for name in candidates where start + name.count <= count
                && name.indices.allSatisfy({ facts(start + $0).word == name[$0] }) {
                length = name.count
                break
            }
            guard length > 0 else {
                start += 1
                continue
            }
            if mask == nil { mask = [Bool](repeating: false, count: count) }
            for i in start..<(start + length) { mask?[i] = true }
            start += length
        }
        return mask
    }

    /// A word in one spelling whichever of the Indonesian spellings it is written in: the
    /// pre-1972 clusters names keep ("dj" → "j", "tj" → "c", "nj" → "ny", "sj" → "sy", "ch" → "kh",
    /// "oe" → "u": "Dradjat", "Soekarno"). Runs on every word of every item compared: a scan of
    /// the bytes, and the word itself back when it has no such cluster (nearly every word).
    static func fold(_ token: String) -> String {
        var previous: UInt8 = 0
        var found = false
        for byte in token.utf8 {
            switch (previous, byte) {
            case (UInt8(ascii: "d"), UInt8(ascii: "j")), (UInt8(ascii: "t"), UInt8(ascii: "j")), (UInt8(ascii: "n"), UInt8(ascii: "j")),
                 (UInt8(ascii: "s"), UInt8(ascii: "j")), (UInt8(ascii: "c"), UInt8(ascii: "h")), (UInt8(ascii: "o"), UInt8(ascii: "e")):
                found = true
            default:
                break
            }
            if found { break }
            previous = byte
        }
        guard found else { return token }
        var word = token
        for (old, new) in [("dj", "j"), ("tj", "c"), ("nj", "ny"), ("sj", "sy"), ("ch", "kh"), ("oe", "u")] where word.contains(old) {
            word = word.replacingOccurrences(of: old, with: new)
        }
        return word
    }
}
