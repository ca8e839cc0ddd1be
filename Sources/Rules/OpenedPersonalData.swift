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
}

extension LegalCitations {
    /// Whether `code` protects a person's data: any point of Pasal 17 huruf h (rahasia pribadi), or
    /// the huruf j points of pengecualian.yaml resting on a law that closes personal data (17j1
    /// Adminduk, 17j2 Pelindungan Data Pribadi, 17j3 health, 17j4 children before the law).
    public static func isPersonalDataGround(_ code: String) -> Bool {
        let c = code.lowercased()
        return c.hasPrefix("17h") || ["17j1", "17j2", "17j3", "17j4"].contains(c)
    }

    /// What `test` opened although the item's rules or the test name a personal-data ground; nil
    /// when the test did not conclude *terbuka* or no such ground is named.
    public func openedPersonalData(_ classification: Classification?, test: ConsequenceTest?) -> OpenedPersonalData? {
        guard let test, test.conclusion == .open else { return nil }
        let grounds = codes((classification?.exemptionGrounds ?? []) + test.grounds, text: test.legalBasis)
            .filter(Self.isPersonalDataGround)
        guard !grounds.isEmpty else { return nil }
        let rules = (classification?.hits ?? []).filter { personalDataRuleIDs.contains($0.ruleID) && !$0.isLiftedByPasal18 }
        return OpenedPersonalData(grounds: grounds, rules: rules)
    }

    /// The finding in words: which rule flagged what, on which ground ("aturan: …; dasar: …").
    public func describe(_ opened: OpenedPersonalData) -> String {
        var parts: [String] = []
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
