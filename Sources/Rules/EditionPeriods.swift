import Foundation
import Yams

/// The words by which a title names the period of one edition of a periodic item ("triwulan
/// II", "laporan tahunan", "per bulan", "bulan Oktober", "Maret 2024"), from kamus.yaml
/// `periode_terbit`. Where the deciding rule names setiap saat and allows berkala, such a title
/// is one issue of a periodic series and berkala is suggested (UU 14/2008 Pasal 9;
/// `PrecedentPolicy.periodWordsPickBerkala`, docs/classification.md §31).
///
/// Matched on the tokens as written (after `bentuk_singkat` and English wording are written
/// out), never on stems: "bulanan" is a period, "bulan" alone is not.
public struct EditionPeriods: Hashable, Sendable {
    /// One word naming a period ("tahunan", "triwulan", "semester").
    public var words: Set<String> = []
    /// Phrases of two or more words naming a period ("per tahun", "setiap bulan"), in file order.
    public var phrases: [[String]] = []
    /// Month names: a period only after "bulan" ("bulan Oktober") or before a year ("Maret 2024").
    public var months: Set<String> = []
    /// Words that make a month part of a date, not a period ("tanggal 14 Maret 2018"); a number
    /// before the month does too.
    public var dateWords: Set<String> = []

    public init(words: Set<String> = [], phrases: [[String]] = [], months: Set<String> = [], dateWords: Set<String> = []) {
        self.words = words
        self.phrases = phrases
        self.months = months
        self.dateWords = dateWords
    }

    /// The field of kamus.yaml.
    static let field = "periode_terbit"
    static let subfields = ["kata", "frasa", "nama_bulan", "kata_tanggal"]

    /// The lists of the kamus.yaml built into the program: what a workspace whose kamus.yaml
    /// predates `periode_terbit` uses (nothing changes for it when the program is updated).
    public static let builtIn: EditionPeriods = {
        guard let text = DefaultRules.text(Morphology.dictionaryFileName), let root = try? Yams.compose(yaml: text),
              let node = root.mapping?[field] else { return EditionPeriods() }
        var reader = YAMLReader(file: Morphology.dictionaryFileName)
        return read(node, reader: &reader, shortSpellings: [:])
    }()

    /// The words of `tokens` that name the period of an edition, or nil. A year alone is not one
    /// (a plan for 2021-2026, a review dated 2023), nor a month in a date.
    public func period(in tokens: [String]) -> String? {
        func isYear(_ t: String) -> Bool { t.count == 4 && (t.hasPrefix("19") || t.hasPrefix("20")) && t.allSatisfy(\.isNumber) }
        for (i, token) in tokens.enumerated() {
            if words.contains(token) { return token }
            for phrase in phrases where phrase.first == token && i + phrase.count <= tokens.count
                && tokens[i..<(i + phrase.count)].elementsEqual(phrase) {
                return phrase.joined(separator: " ")
            }
            guard months.contains(token) else { continue }
            let previous = i > 0 ? tokens[i - 1] : ""
            let next = i + 1 < tokens.count ? tokens[i + 1] : ""
            let inDate = dateWords.contains(previous) || (!previous.isEmpty && previous.allSatisfy(\.isNumber))
            if !inDate && (previous == "bulan" || isYear(next)) { return previous == "bulan" ? "bulan \(token)" : "\(token) \(next)" }
        }
        return nil
    }

    /// Reads `periode_terbit` (a mapping of the four lists), reporting with file and line an
    /// entry that is not one word (or, in `frasa`, fewer than two), a number, a duplicate, or a
    /// short spelling (`bentuk_singkat` replaces it before matching, so it could never match).
    static func read(_ node: Node, reader: inout YAMLReader, shortSpellings: [String: [String]]) -> EditionPeriods {
        var periods = EditionPeriods()
        guard let fields = reader.fields(node, allowed: subfields, what: "\(field) (\(Morphology.dictionaryFileName))") else {
            return periods
        }
        var seen = Set<[String]>()
        func entries(_ name: String, phrase: Bool) -> [[String]] {
            guard let list = fields[name] else { return [] }
            let elements: [Node]
            if list.scalar != nil {
                elements = [list]
            } else if let sequence = list.sequence {
                elements = Array(sequence)
            } else {
                reader.error(list, "wrong_type", "`\(field).\(name)` harus berupa daftar.")
                return []
            }
            var result: [[String]] = []
            for element in elements {
                guard let text = element.scalar?.string else {
                    reader.error(element, "wrong_type", "Setiap isi `\(field).\(name)` harus berupa teks.")
                    continue
                }
                let tokens = TextNormalizer.tokens(text)
                if tokens.isEmpty { continue }
                if !phrase && tokens.count != 1 {
                    reader.error(element, "not_a_word", "`\(text)` pada \(field).\(name) harus satu kata"
                                 + (name == "kata" ? " (frasa beberapa kata ditulis di \(field).frasa)." : "."))
                    continue
                }
                if phrase && tokens.count < 2 {
                    reader.error(element, "not_a_word", "`\(text)` pada \(field).frasa hanya satu kata: tulis di \(field).kata.")
                    continue
                }
                if tokens.contains(where: { $0.allSatisfy(\.isNumber) }) {
                    reader.error(element, "not_a_word", "`\(text)` pada \(field).\(name) memuat angka: tahun atau tanggal saja bukan periode terbit.")
                    continue
                }
                if let short = tokens.first(where: { shortSpellings[$0] != nil }) {
                    reader.error(element, "not_a_word", "`\(short)` pada \(field).\(name) adalah bentuk singkat (bentuk_singkat) yang diganti kata lengkapnya sebelum pencocokan: tulis kata lengkapnya.")
                    continue
                }
                guard seen.insert(tokens).inserted else {
                    reader.error(element, "duplicate_id", "`\(tokens.joined(separator: " "))` ditulis dua kali pada \(field).")
                    continue
                }
                result.append(tokens)
            }
            return result
        }
        periods.words = Set(entries("kata", phrase: false).map { $0[0] })
        periods.phrases = entries("frasa", phrase: true)
        periods.months = Set(entries("nama_bulan", phrase: false).map { $0[0] })
        periods.dateWords = Set(entries("kata_tanggal", phrase: false).map { $0[0] })
        return periods
    }
}
