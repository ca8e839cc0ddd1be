import DIPCore
import Foundation

/// The one place a legal basis for an exemption is written as text.
///
/// Every citation comes from the ground's `dasar_hukum` in pengecualian.yaml (Pasal 17 letter,
/// the *angka* only where the law has one, *jo.* the sectoral law), never from the local code:
/// "17j1" is a local number, and "Pasal 17 huruf j angka 1" does not exist. Decrees, forms,
/// the review workbook, unit feedback and the website all call `citation(codes:text:)`.
public struct LegalCitations: Sendable, Hashable {
    /// Ground code → its `dasar_hukum`, in pengecualian.yaml order.
    private let basis: [String: String]
    private let order: [String: Int]
    /// Ids of the keyword rules that name a personal-data ground (`isPersonalDataGround`): the
    /// rule a PPID is pointed to when a consequence test opens what such a rule flagged.
    private(set) var personalDataRuleIDs: Set<String> = []

    /// Pasal 17 letters whose text has no numbered points (UU 14/2008): a citation must never
    /// give them an *angka*.
    public static let lettersWithoutPoints: Set<Character> = ["b", "d", "g", "i", "j"]

    public init(grounds: [ExemptionGround]) {
        var basis: [String: String] = [:]
        var order: [String: Int] = [:]
        for (i, g) in grounds.enumerated() {
            basis[g.code] = g.legalBasis.trimmingCharacters(in: .whitespacesAndNewlines)
            order[g.code] = i
        }
        self.basis = basis
        self.order = order
    }

    public init(ruleSet: RuleSet) {
        self.init(grounds: ruleSet.grounds)
        personalDataRuleIDs = Set(ruleSet.rules.filter { $0.grounds.contains(where: Self.isPersonalDataGround) }.map(\.id))
    }

    /// The citations of the rules shipped inside the program (what tests and benches use
    /// when no `rules/` folder is at hand).
    public static let builtIn: LegalCitations = {
        guard let set = try? RuleSet.defaults() else { return LegalCitations(grounds: []) }
        return LegalCitations(ruleSet: set)
    }()

    /// Everything the citations are made from (each ground's code, place and legal basis), as
    /// lines: what a kept rendering of citations must be keyed by.
    public var fingerprint: [String] {
        basis.keys.sorted().map { "\($0)|\(order[$0] ?? -1)|\(basis[$0] ?? "")" }
    }

    /// Whether `code` is a ground of the rules.
    public func isKnown(_ code: String) -> Bool { basis[code] != nil }

    /// The known grounds named by `codes` and by a typed legal-basis `text` ("Pasal 17 huruf h
    /// angka 2", "17h2"), each once, in pengecualian.yaml order. A point the rules do not know
    /// falls back to its letter.
    public func codes(_ codes: [String], text: String? = nil) -> [String] {
        var found: [String] = []
        func add(_ raw: String) {
            let code = raw.lowercased().filter { !$0.isWhitespace }
            let accepted = isKnown(code) ? code : (code.count > 3 && isKnown(String(code.prefix(3))) ? String(code.prefix(3)) : nil)
            if let accepted, !found.contains(accepted) { found.append(accepted) }
        }
        codes.forEach(add)
        if let text, !text.isEmpty {
            GroundParser.grounds(in: text, known: { self.isKnown($0) }).forEach(add)
            // Huruf j with the law that closes the information named ("Pasal 17 huruf j jo. UU
            // 17/2023 tentang Kesehatan", as the review workbook prefills a ground's dasar_hukum):
            // the point of huruf j whose dasar_hukum names that law. Without it the signed DIK
            // Lampiran printed "Pasal 17 huruf j; UU 17/2023" for the same basis that another row,
            // whose law the parser happened to know (UU 24/2013), printed as "huruf j jo. …".
            if found.contains("17j") {
                let named = Self.laws(in: text)
                for code in basis.keys.sorted() where code.count > 3 && code.hasPrefix("17j") {
                    guard let law = Self.sectoralParts(basis[code] ?? "").first.flatMap({ Self.laws(in: $0).first }),
                          named.contains(law) else { continue }
                    add(code)
                }
            }
        }
        // A letter named beside one of its points adds nothing ("17j" with "17j1").
        let all = found
        found.removeAll { code in code.count == 3 && all.contains { $0.count > 3 && $0.hasPrefix(code) } }
        return found.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
    }

    /// The legal basis to print: the `dasar_hukum` of every known ground named by `codes` or
    /// `text`, joined with "; ". When no known ground is named, the typed `text` itself (an
    /// officer's citation of another provision), unless it cites a point that does not exist.
    public func citation(codes: [String], text: String? = nil) -> String {
        let known = self.codes(codes, text: text)
        let typed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !known.isEmpty else { return Self.citesMissingPoint(typed) ? "" : typed }
        var parts = known.compactMap { basis[$0] }
        // Huruf j alone names no law: say so where it is printed, never a bare "huruf j" that
        // reads as complete (a precedent or an older record may carry it).
        if known.contains("17j"), let at = parts.firstIndex(of: basis["17j"] ?? ""),
           !Self.laws(in: typed).contains(where: { $0.hasPrefix("UU ") && $0 != "UU 14/2008" }) {
            parts[at] += " " + Self.unnamedLawNote
        }
        // A sectoral law the officer typed that no ground's dasar_hukum names is kept.
        let cited = parts.joined(separator: " ")
        for law in Self.laws(in: typed) where law != "UU 14/2008" && !cited.contains(law) && !parts.contains(law) {
            parts.append(law)
        }
        return parts.joined(separator: "; ")
    }

    /// Printed after a bare "Pasal 17 huruf j": the Undang-Undang that closes the information
    /// has not been named (`dip approve` refuses a decree that would print it).
    public static let unnamedLawNote = "(undang-undang yang merahasiakannya belum disebut)"

    /// What an exemption's record lacks that the classification decree must state for it (its
    /// Lampiran prints "-" otherwise): the consequence if opened (the test of UU 14/2008 Pasal 19)
    /// and the exemption period. Empty for a test concluding *terbuka*.
    public static func missingExemptionParts(_ test: ConsequenceTest) -> [String] {
        guard test.conclusion == .exemptWhole || test.conclusion == .exemptPart else { return [] }
        var missing: [String] = []
        func blank(_ s: String) -> Bool {
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty || t.allSatisfy { "-–—.…".contains($0) }
        }
        if blank(test.consequence) { missing.append("konsekuensi apabila informasi dibuka") }
        if blank(test.periodText) && test.period == .unknown { missing.append("jangka waktu pengecualian") }
        return missing
    }

    /// The Pasal 17 letter of a ground code, lower-cased ("17H2" → h), or nil when the code is
    /// not one of Pasal 17.
    static func letter(of code: String) -> Character? {
        let c = code.lowercased()
        guard c.hasPrefix("17"), c.count >= 3 else { return nil }
        return c[c.index(c.startIndex, offsetBy: 2)]
    }

    /// Pasal 17 letters whose exemptions UU 14/2008 Pasal 20 ayat (1) declares not permanent.
    public static let lettersNeverPermanent: Set<Character> = ["a", "b", "c", "d", "e", "f"]

    /// Why a test's period breaks UU 14/2008 Pasal 20 ayat (1) ("Pengecualian sebagaimana dimaksud
    /// dalam Pasal 17 huruf a, huruf b, huruf c, huruf d, huruf e, dan huruf f tidak bersifat
    /// permanen"), or nil: an exemption resting only on those letters cannot be *permanen*. One
    /// that also rests on huruf g–j may be (Pasal 20 does not limit those letters), and a test
    /// concluding *terbuka* exempts nothing. `codes` are ground codes ("17b", "17e3").
    public static func permanenceProblem(codes: [String], period: RetentionPeriod,
                                         conclusion: ConsequenceConclusion) -> String? {
        guard period == .permanent, conclusion == .exemptWhole || conclusion == .exemptPart else { return nil }
        let letters = codes.compactMap(letter(of:))
        guard !letters.isEmpty, letters.allSatisfy({ lettersNeverPermanent.contains($0) }) else { return nil }
        let named = Array(Set(letters)).sorted().map { "huruf \($0)" }.joined(separator: ", ")
        return "Pengecualian berdasarkan Pasal 17 \(named) UU 14/2008 tidak bersifat permanen (Pasal 20 ayat (1)); "
            + "jangka waktu \"Permanen\" tidak dapat ditetapkan"
    }

    /// What the PPID must be told before approving a classification with exemptions under Pasal 17
    /// huruf a–f, or nil: UU 14/2008 Pasal 20 ayat (2) leaves their periods to a Government
    /// Regulation (PP 61/2010), whose limits and whose official who sets them dip has not verified
    /// from the regulation's text (a public summary says the highest leader of the body sets them
    /// and gives 30 years at most for huruf a). `exemptions` are (item id, ground codes).
    public static func periodRegulationNote(_ exemptions: [(id: String, codes: [String])]) -> String? {
        let limited = exemptions.compactMap { e -> String? in
            let letters = Set(e.codes.compactMap(letter(of:)).filter { lettersNeverPermanent.contains($0) }).sorted()
            return letters.isEmpty ? nil : "\(e.id) (huruf \(letters.map(String.init).joined(separator: ", ")))"
        }
        guard !limited.isEmpty else { return nil }
        return "Keputusan Klasifikasi DIK memuat pengecualian berdasarkan Pasal 17 huruf a–f UU 14/2008: "
            + limited.joined(separator: "; ") + ". Jangka waktu pengecualian ini diatur lebih lanjut dengan PP 61/2010 "
            + "(Pasal 20 ayat (2) UU 14/2008); dip belum memeriksa batas jangka waktu dan pejabat yang menetapkannya menurut "
            + "PP itu: mintakan pemeriksaan Bagian Hukum sebelum ditandatangani"
    }

    /// The points (angka) UU 14/2008 Pasal 17 lists under a letter, and what the letter protects.
    /// Huruf a, c and h read "…, yaitu (informasi yang dapat):", huruf e and f end in a colon: each
    /// letter is its list of points, so an exemption under it fits one of them.
    static let enumeratedLetters: [Character: (count: Int, subject: String)] = [
        "a": (5, "penegakan hukum"), "c": (7, "pertahanan dan keamanan negara"),
        "e": (7, "ketahanan ekonomi nasional"), "f": (4, "hubungan luar negeri"), "h": (5, "rahasia pribadi"),
    ]

    /// What a consequence test or a rule must be told when it cites a letter of Pasal 17 whose
    /// points the law lists (a, c, e, f, h) without naming any of its points, or nil. The decree
    /// would print "Pasal 17 huruf h" and the reader could not tell which secret it protects;
    /// information that fits none of the points (an address, a telephone number) is not closed by
    /// that letter, and personal data may rest on huruf j with UU 27/2022 (17j2). Advice, not a
    /// refusal: whether a letter without its point can carry an exemption is for a lawyer.
    public static func unnumberedPointNote(codes: [String]) -> String? {
        let lowered = codes.map { $0.lowercased() }
        var bare: [Character] = []
        for code in lowered where code.count == 3 {
            guard let letter = letter(of: code), enumeratedLetters[letter] != nil, !bare.contains(letter) else { continue }
            // A point of the same letter also cited names the secret already.
            if lowered.contains(where: { $0.count > 3 && $0.hasPrefix("17\(letter)") }) { continue }
            bare.append(letter)
        }
        guard !bare.isEmpty else { return nil }
        let parts = bare.sorted().map { letter -> String in
            let (count, subject) = enumeratedLetters[letter]!
            return "Pasal 17 huruf \(letter) UU 14/2008 merinci \(subject) dalam angka 1–\(count)"
        }
        let personal = bare.contains("h")
            ? "; data pribadi yang tidak termasuk angka mana pun (alamat, nomor telepon, tanggal lahir) dapat didasarkan pada huruf j jo. UU 27/2022 (17j2)"
            : ""
        return parts.joined(separator: "; ") + ", tetapi dasar ini tidak menyebut angkanya: sebutkan angka yang sesuai "
            + "(misalnya 17\(bare.sorted()[0])\(bare.sorted()[0] == "h" ? "2" : "1")) agar Keputusan Klasifikasi DIK menyatakan alasan pengecualiannya"
            + personal
    }

    /// The legal basis of a consequence test (its grounds and typed text), else of the
    /// classification's grounds, else of the unit's own text.
    public func citation(test: ConsequenceTest?, grounds: [String], unitText: String? = nil) -> String {
        if let test {
            let text = citation(codes: test.grounds, text: test.legalBasis)
            if !text.isEmpty { return text }
        }
        return citation(codes: grounds, text: unitText)
    }

    /// The sectoral laws the grounds rest on: what follows "jo." in each `dasar_hukum`, once
    /// each, in order (e.g. "UU 27/2022 tentang Pelindungan Data Pribadi").
    public func sectoralLaws(codes: [String]) -> [String] {
        var laws: [String] = []
        for code in self.codes(codes) {
            guard let text = basis[code] else { continue }
            for part in Self.sectoralParts(text) where !laws.contains(part) { laws.append(part) }
        }
        return laws
    }

    /// The laws a text cites, in their short form: "UU 17/2023", "PP 61/2010", "Permenkes
    /// 24/2022"; a long form ("Undang-Undang Nomor 27 Tahun 2022 tentang …") is read by the
    /// statute book, so both forms count the same (the same reading `dip test` and the review
    /// workbook use to accept a huruf j basis: `StatuteBook.namesOtherLaw`).
    static func laws(in text: String) -> [String] {
        var out: [String] = []
        // Every short citation holds a "/", every long one "Nomor": most texts (and the empty
        // one) have neither, and running the expressions was a tenth of classifying an item.
        if text.utf8.contains(UInt8(ascii: "/")), let regex = lawPattern {
            let ns = text as NSString
            for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let law = ns.substring(with: m.range).replacingOccurrences(of: #"\s*/\s*"#, with: "/", options: .regularExpression)
                if !out.contains(law) { out.append(law) }
            }
        }
        if text.range(of: "nomor", options: .caseInsensitive) != nil {
            for citation in StatuteBook.citations(in: text) where !out.contains(citation.short) {
                out.append(citation.short)
            }
        }
        return out
    }

    /// Compiled once (NSRegularExpression is immutable and safe to share between threads).
    private static let lawPattern = try? NSRegularExpression(
        pattern: #"\b(UU|PP|Perpres|Permen[A-Za-z]*|Perda|Perbup|Perki)\s+(?:No\.?\s*)?\d+\s*/\s*\d{4}\b"#)

    static func sectoralParts(_ text: String) -> [String] {
        let pieces = text.components(separatedBy: "jo.")
        guard pieces.count > 1 else { return [] }
        return pieces.dropFirst().flatMap { $0.components(separatedBy: ";") }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ",."))) }
            .filter { !$0.isEmpty }
    }

    /// Whether `text` cites "Pasal 17 huruf X angka N" for a letter that has no points
    /// ("huruf j angka 1"): such a provision does not exist.
    public static func citesMissingPoint(_ text: String) -> Bool {
        let lower = text.lowercased()
        // Without the bytes of "angka" no pattern below can match (skips five compilations).
        guard Array(lower.utf8).firstRange(of: Array("angka".utf8)) != nil else { return false }
        for letter in lettersWithoutPoints {
            if lower.range(of: #"huruf\s+\#(letter)\s+angka"#, options: .regularExpression) != nil { return true }
        }
        return false
    }

    /// "UU 24/2013 tentang …" → "Undang-Undang Nomor 24 Tahun 2013 tentang …" (also PP,
    /// Perpres, Permen…, Perda, Perbup), the form a decree's Mengingat uses.
    public static func formal(_ text: String) -> String {
        let kinds: [(String, String)] = [
            ("UU", "Undang-Undang"), ("PP", "Peraturan Pemerintah"), ("Perpres", "Peraturan Presiden"),
            ("Permendagri", "Peraturan Menteri Dalam Negeri"), ("Permenkes", "Peraturan Menteri Kesehatan"),
            ("Perki", "Peraturan Komisi Informasi"), ("Perda", "Peraturan Daerah"), ("Perbup", "Peraturan Bupati"),
        ]
        var out = text
        for (short, long) in kinds {
            let pattern = #"\b\#(short)\s+(?:No\.?\s*)?(\d+)\s*/\s*(\d{4})\b"#
            out = out.replacingOccurrences(of: pattern, with: "\(long) Nomor $1 Tahun $2", options: .regularExpression)
        }
        return out
    }
}
