import DIPCore
import Foundation

/// A consequence test that concluded *terbuka* on an item whose rules (or the test itself) name a
/// ground that protects a person's data. Nothing stops it, and it may be right (the person's
/// written consent, a public office: UU 14/2008 Pasal 18 ayat (2)); but "Daftar penerima bansos
/// beserta NIK dan nomor rekening" tested open is published whole, personal data and all, and
/// until session 22 nobody was told. The review pack (the row's explanation) and `dip approve`
/// say so, naming the item, the rule and the ground, and point to publishing it without those data.
public struct OpenedPersonalData: Sendable, Hashable {
    /// The personal-data grounds the rules and the test named, in pengecualian.yaml order.
    public var grounds: [String]
    /// The rules that flagged it (hits of rules with a personal-data ground, not lifted by Pasal 18).
    public var rules: [RuleHit]
    /// The kinds of personal data the item's title or summary, or the test's specific information,
    /// name in words ("beserta NIK dan nomor rekening"), in `PersonalDataWords` order (session 25).
    public var named: [String] = []
}

/// Kinds of personal data a text names in words, not by value: "Daftar penerima bantuan beserta NIK
/// dan nomor rekening", "Rekam medis pasien", "Data anak korban kekerasan". `PersonalDataValues`
/// finds the values themselves (a NIK's 16 digits); a list opened "beserta NIK" holds none in its
/// summary and is published whole all the same (session 25). Each kind with the ground of
/// pengecualian.yaml that protects it, as DIP.md §2 reads Pasal 17: huruf h angka 2 (health and
/// medical history), angka 3 (finances, bank accounts), huruf j angka 1 (population data, Adminduk),
/// angka 2 (personal data, UU 27/2022). A kind after "tanpa", "kecuali" … or before "disamarkan" …
/// is not named as opened.
public enum PersonalDataWords {
    public struct Kind: Sendable, Hashable {
        public let label: String
        public let ground: String
    }

    static let kinds: [(Kind, NSRegularExpression)] = [
        ("NIK", "17j1", #"nik|nomor\s+induk\s+kependudukan|e-?ktp|ktp"#),
        ("nomor KK", "17j1", #"(?:nomor|no\.?)\s*(?:kk|kartu\s+keluarga)"#),
        ("nomor rekening", "17h3", #"(?:nomor|no\.?)\s*rek(?:ening|\.)?|rekening\s+(?:bank|pribadi|penerima|nasabah)"#),
        ("NPWP", "17j2", #"npwp"#),
        ("alamat rumah", "17j2", #"alamat\s+(?:rumah|tempat\s+tinggal|lengkap|domisili)"#),
        ("nomor HP", "17j2", #"(?:nomor|no\.?)\s*(?:hp|handphone|ponsel|telepon|telp\.?|whatsapp|wa)(?![\p{L}])"#),
        ("tanggal lahir", "17j2", #"tanggal\s+lahir|tempat[,/\s]+tanggal\s+lahir|ttl"#),
        ("rekam medis", "17h2", #"rekam\s+medi[sk]|diagnosa|diagnosis|riwayat\s+penyakit"#),
        ("data pasien", "17h2", #"(?:data|identitas|nama|daftar\s+nama)\s+pasien"#),
        ("data anak", "17j2", #"(?:data|identitas|nama|daftar\s+nama)\s+anak"#),
        ("data korban", "17j2", #"(?:data|identitas|nama|daftar\s+nama)\s+korban"#),
    ].map { label, ground, pattern in
        // Constant patterns: a failure is a programming error the tests catch.
        (Kind(label: label, ground: ground),
         try! NSRegularExpression(pattern: #"(?<![\p{L}\p{N}])(?:"# + pattern + #")(?![\p{L}\p{N}])"#,
                                  options: [.caseInsensitive]))
    }
    /// Words before a kind (in its clause) that say it is left out: "tanpa NIK dan nomor rekening".
    static let leftOutBefore: Set<String> = ["tanpa", "kecuali", "selain", "bukan", "minus"]
    /// Words after a kind that say it is masked: "NIK disamarkan".
    static let leftOutAfter: Set<String> = ["disamarkan", "dihitamkan", "dikaburkan", "disensor", "dihapus", "ditutup",
                                            "dikecualikan", "dirahasiakan"]

    /// The kinds `texts` name as included, each once, in the order of the list above.
    public static func named(in texts: [String]) -> [Kind] {
        var found = Set<String>()
        for text in texts where !text.isEmpty {
            let ns = NSRange(text.startIndex..., in: text)
            for (kind, regex) in kinds where !found.contains(kind.label) {
                for m in regex.matches(in: text, range: ns) {
                    guard let r = Range(m.range, in: text), !leftOut(r, in: text) else { continue }
                    found.insert(kind.label)
                    break
                }
            }
        }
        return kinds.map(\.0).filter { found.contains($0.label) }
    }

    /// Whether the kind at `range` is said to be left out: "tanpa" earlier in its clause (no
    /// comma, semicolon or full stop between), or "disamarkan" … within the next four words.
    static func leftOut(_ range: Range<String.Index>, in text: String) -> Bool {
        let clauseEnds: Set<Character> = [",", ";", ".", ":", "(", ")"]
        let before = text[..<range.lowerBound].reversed().prefix { !clauseEnds.contains($0) }
        let words = String(before.reversed()).lowercased().split(whereSeparator: { !$0.isLetter })
        if words.contains(where: { leftOutBefore.contains(String($0)) }) { return true }
        if String(before.reversed()).lowercased().contains("tidak termasuk")
            || String(before.reversed()).lowercased().contains("tidak memuat") { return true }
        let after = text[range.upperBound...].prefix { !clauseEnds.contains($0) }.lowercased()
            .split(whereSeparator: { !$0.isLetter }).prefix(4)
        return after.contains { leftOutAfter.contains(String($0)) }
    }
}

extension LegalCitations {
    /// Whether `code` protects a person's data: any point of Pasal 17 huruf h (rahasia pribadi), or
    /// the huruf j points of pengecualian.yaml resting on a law that closes personal data (17j1
    /// Adminduk, 17j2 Pelindungan Data Pribadi, 17j3 health, 17j4 children before the law).
    public static func isPersonalDataGround(_ code: String) -> Bool {
        let c = code.lowercased()
        return c.hasPrefix("17h") || ["17j1", "17j2", "17j3", "17j4"].contains(c)
    }

    /// What `test` opened although the item's rules or the test name a personal-data ground, or the
    /// item's title or summary or the test's specific information name a kind of personal data in
    /// words (`PersonalDataWords`, session 25: a test recorded on another ground, or on none, opening
    /// "Daftar penerima bantuan beserta NIK dan nomor rekening"); nil when the test did not conclude
    /// *terbuka* or neither is found. Without a personal-data ground named, the grounds are those
    /// protecting the kinds named.
    public func openedPersonalData(_ classification: Classification?, test: ConsequenceTest?,
                                   item: InformationItem? = nil) -> OpenedPersonalData? {
        guard let test, test.conclusion == .open else { return nil }
        var grounds = codes((classification?.exemptionGrounds ?? []) + test.grounds, text: test.legalBasis)
            .filter(Self.isPersonalDataGround)
        let named = PersonalDataWords.named(in: [item?.judul ?? "", item?.ringkasan ?? "", test.specificInformation])
        guard !grounds.isEmpty || !named.isEmpty else { return nil }
        if grounds.isEmpty { grounds = codes(named.map(\.ground)) }
        let rules = (classification?.hits ?? []).filter { personalDataRuleIDs.contains($0.ruleID) && !$0.isLiftedByPasal18 }
        return OpenedPersonalData(grounds: grounds, rules: rules, named: named.map(\.label))
    }

    /// The finding in words: which rule flagged what, on which ground ("aturan: …; dasar: …").
    public func describe(_ opened: OpenedPersonalData) -> String {
        var parts: [String] = []
        // The kinds named in words, when no rule named them (a rule's matched words say it already).
        if !opened.named.isEmpty, opened.rules.isEmpty { parts.append("menyebut: " + opened.named.joined(separator: ", ")) }
        if !opened.rules.isEmpty {
            // Each rule's first clause: a description's own "; …" (what the rule does not cover)
            // would read as the next rule of the list.
            parts.append("aturan: " + opened.rules.map { hit in
                Self.firstClause(hit.description) + (hit.matchedWords.isEmpty ? "" : " (kata: \(hit.matchedWords.joined(separator: ", ")))")
            }.joined(separator: "; "))
        }
        parts.append("dasar: " + citation(codes: opened.grounds))
        return parts.joined(separator: "; ")
    }

    /// A rule description up to its first "; " outside parentheses: "Data yang menyertakan identitas
    /// orang (nama, …, diagnosis; NIK dan rekening dinilai aturan lain), disusun per pemilik …; data
    /// pelanggan …" keeps its parenthesis whole instead of ending in "(nama, …, diagnosis".
    static func firstClause(_ description: String) -> String {
        var depth = 0
        var previous: Character?
        for index in description.indices {
            let ch = description[index]
            if ch == "(" { depth += 1 } else if ch == ")" { depth = max(0, depth - 1) }
            if ch == " ", previous == ";", depth == 0 {
                return String(description[..<description.index(before: index)])
            }
            previous = ch
        }
        return description
    }

    /// What to do, the same in the review pack and in `dip approve`. Only citations read in a stored
    /// text (docs/publish.md "Session 22"): Pasal 22 ayat (7) huruf e UU 14/2008 (excluded material in a
    /// document is blacked out, with its reason) and Pasal 18 ayat (2) huruf a (written consent).
    public static let openedPersonalDataAdvice =
        "Bila diumumkan seluruhnya, data pribadi di dalamnya ikut terbuka. Umumkan tanpa data itu: catat ulang uji "
        + "konsekuensinya dengan kesimpulan Dikecualikan Sebagian dan sebut data pribadinya (misalnya NIK, nomor rekening) "
        + "sebagai informasi spesifik yang dikecualikan, sehingga bagian lainnya tetap tercantum dalam DIP, sebagaimana "
        + "materi yang dikecualikan dalam suatu dokumen dihitamkan dengan disertai alasannya (Pasal 22 ayat (7) huruf e "
        + "UU 14/2008); atau minta unitnya menghapus data itu dari informasinya. Abaikan peringatan ini bila keterbukaannya "
        + "beralasan, misalnya pemilik data memberikan persetujuan tertulis (Pasal 18 ayat (2) huruf a UU 14/2008)."
}
