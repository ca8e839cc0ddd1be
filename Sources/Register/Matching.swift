import DIPCore
import Foundation

/// Identity of items across a unit's submissions (*pemutakhiran*): which new row is which
/// registered item. Pure functions, so the rules are testable without a database.
enum ItemMatching {
    /// The similarity at or above which two summaries are taken for the same item with a
    /// small edit (typo fixed, year bumped).
    static let similarityThreshold = 0.85

    /// The matching key of a summary: lower case, diacritics folded, anything that is not a
    /// letter or digit turned into one space. Two summaries with the same key are the same item.
    static func normalisedKey(_ text: String) -> String {
        if let key = normalisedKeyBytes(text) { return key }
        return normalisedKeyFolding(text)
    }

    /// `normalisedKeyFolding` on the bytes, for text of ASCII and the dashes and quotes of
    /// U+2013, U+2014, U+2018, U+2019, U+201C, U+201D (no decomposition, no case, not
    /// alphanumeric: separators like ASCII punctuation); nil for any other text. Folding every
    /// summary through Foundation was a few percent of a cold run. `NormalisedKeyTests`
    /// compares the two on random texts.
    static func normalisedKeyBytes(_ text: String) -> String? {
        var out: [UInt8] = []
        var pendingSpace = false
        var bytes = text.utf8.makeIterator()
        out.reserveCapacity(text.utf8.count)
        while let byte = bytes.next() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace && !out.isEmpty { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            case 0..<0x80:
                pendingSpace = true
            case 0xE2:
                guard bytes.next() == 0x80, let last = bytes.next(),
                      [0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D].contains(last) else { return nil }
                pendingSpace = true
            default:
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The key through Foundation's case and diacritic folding (any text).
    static func normalisedKeyFolding(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .lowercased()
        var out = ""
        out.reserveCapacity(folded.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    /// Similarity of two keys in 0…1: the better of token Jaccard (reordered words) and the
    /// Levenshtein ratio (small typing edits).
    static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let ta = Set(a.split(separator: " ")), tb = Set(b.split(separator: " "))
        let jaccard = Double(ta.intersection(tb).count) / Double(ta.union(tb).count)
        let ua = Array(a.unicodeScalars), ub = Array(b.unicodeScalars)
        let longest = max(ua.count, ub.count)
        // The ratio cannot reach the threshold when the lengths differ too much: skip the
        // quadratic distance then.
        let lengthBound = 1 - Double(abs(ua.count - ub.count)) / Double(longest)
        guard lengthBound >= similarityThreshold else { return jaccard }
        let ratio = 1 - Double(levenshtein(ua, ub)) / Double(longest)
        return max(jaccard, ratio)
    }

    /// Edit distance with two rolling rows.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// One registered item as the matcher sees it.
    struct Candidate {
        var itemID: String
        var kode: String?
        var key: String
    }

    /// Pairs each new row (by index) with a registered item, one-to-one, in three passes:
    /// explicit code, equal normalised summary, then similarity ≥ threshold, best pair first.
    /// The third pass scores only the pairs `SimilarKeys` finds through its indexes (the
    /// same pairs and scores as scoring every open row against every open item, which made
    /// a unit's resubmission cost rows × items × length²).
    ///
    /// - Returns: new-row index → item id, for the rows that matched.
    static func match(newRows: [(kode: String?, key: String)], candidates: [Candidate])
        -> [Int: String]
    {
        var result: [Int: String] = [:]
        var taken = Set<String>()

        // 1. Explicit code given by the unit.
        var byKode: [String: [String]] = [:]
        for c in candidates {
            if let k = c.kode?.trimmingCharacters(in: .whitespaces), !k.isEmpty {
                byKode[k, default: []].append(c.itemID)
            }
        }
        // The register id itself, as the update template carries it in its hidden code
        // column; after the unit's own codes so those win on a clash.
        for c in candidates { byKode[c.itemID, default: []].append(c.itemID) }
        for (i, row) in newRows.enumerated() {
            guard let k = row.kode?.trimmingCharacters(in: .whitespaces), !k.isEmpty,
                let id = byKode[k]?.first(where: { !taken.contains($0) })
            else { continue }
            result[i] = id
            taken.insert(id)
        }

        // 2. Equal normalised summary, in list order (duplicates pair up in order).
        var byKey: [String: [String]] = [:]
        for c in candidates where !taken.contains(c.itemID) {
            byKey[c.key, default: []].append(c.itemID)
        }
        for (i, row) in newRows.enumerated() where result[i] == nil {
            guard let id = byKey[row.key]?.first(where: { !taken.contains($0) }) else { continue }
            result[i] = id
            taken.insert(id)
        }

        // 3. Similar summaries, the most similar pair first; ties by list order then id.
        let openRows = newRows.indices.filter { result[$0] == nil }
        let openCandidates = candidates.filter { !taken.contains($0.itemID) }
        guard !openRows.isEmpty, !openCandidates.isEmpty else { return result }
        let similar = SimilarKeys.pairs(
            rows: openRows.map { newRows[$0].key }, candidates: openCandidates.map(\.key),
            threshold: similarityThreshold)
        var pairs = similar.map { (score: $0.score, row: openRows[$0.row], id: openCandidates[$0.candidate].itemID) }
        pairs.sort { l, r in
            if l.score != r.score { return l.score > r.score }
            if l.row != r.row { return l.row < r.row }
            return l.id < r.id
        }
        for p in pairs where result[p.row] == nil && !taken.contains(p.id) {
            result[p.row] = p.id
            taken.insert(p.id)
        }
        return result
    }

    /// The fields of two versions of an item that differ, by stable code. The list number
    /// and source row are not fields: renumbering a list does not change its items.
    /// A row of the update template (its code is the register id) restates the item in the
    /// template's columns, which cannot say everything the unit's own list said: it has no
    /// sub-group headings, and time and place of a list with one "Waktu dan Tempat" column
    /// come back split in two. Where the template's row says the same as the register, the
    /// register's wording is kept, so a template sent back unchanged changes nothing.
    static func keepWhatTheTemplateCannotSay(_ old: InformationItem, _ new: inout InformationItem) {
        if new.subkelompok == nil { new.subkelompok = old.subkelompok }
        if old.tempatPembuatan.isEmpty, !new.tempatPembuatan.isEmpty,
           new.waktuPembuatan == old.waktuNormalised, new.tempatPembuatan == old.tempatNormalised {
            new.waktuPembuatan = old.waktuPembuatan
            new.tempatPembuatan = old.tempatPembuatan
        }
        // The category column names the category the heading named ("Berkala" for "A.
        // INFORMASI YANG WAJIB DISEDIAKAN … BERKALA").
        if new.kategori != nil, new.kategori == old.kategori { new.kategoriText = old.kategoriText }
    }

    static func changedFields(_ old: InformationItem, _ new: InformationItem) -> [String] {
        var fields: [String] = []
        func check(_ code: String, _ a: String?, _ b: String?) {
            if (a ?? "") != (b ?? "") { fields.append(code) }
        }
        check("ringkasan", old.ringkasan, new.ringkasan)
        check("pejabat_penguasa", old.pejabatPenguasa, new.pejabatPenguasa)
        check("penanggung_jawab", old.penanggungJawab, new.penanggungJawab)
        check("waktu_pembuatan", old.waktuPembuatan, new.waktuPembuatan)
        check("tempat_pembuatan", old.tempatPembuatan, new.tempatPembuatan)
        check("bentuk", old.bentuk, new.bentuk)
        check("retensi", old.retensi, new.retensi)
        check("kategori", old.kategori?.rawValue ?? old.kategoriText,
              new.kategori?.rawValue ?? new.kategoriText)
        check("subkelompok", old.subkelompok, new.subkelompok)
        check("judul", old.judul, new.judul)
        check("keterangan", old.keterangan, new.keterangan)
        check("kode", old.kode, new.kode)
        check("dasar_hukum", old.dasarHukumText, new.dasarHukumText)
        check("tautan", old.tautan, new.tautan)
        return fields
    }

    /// Whether the classification outcome differs in a way that matters (category, subgroup,
    /// need of a test, grounds); changed rule notes alone do not count.
    static func classificationChanged(_ old: Classification?, _ new: Classification) -> Bool {
        guard let old else { return true }
        return old.declared != new.declared || old.suggested != new.suggested
            || old.subgroup != new.subgroup
            || old.needsConsequenceTest != new.needsConsequenceTest
            || old.exemptionGrounds != new.exemptionGrounds
    }

    /// Whether the category the unit declared or the rules suggest changed (*reklasifikasi*).
    static func categoryChanged(_ old: Classification?, _ new: Classification) -> Bool {
        guard let old else { return false }
        return old.declared != new.declared || old.suggested != new.suggested
    }
}

/// Indonesian labels of the field codes used in differences.
public enum FieldLabels {
    /// The officer-facing label of a field code ("pejabat_penguasa" → "Pejabat penguasa").
    public static func label(_ code: String) -> String {
        switch code {
        case "ringkasan": return "Ringkasan isi informasi"
        case "pejabat_penguasa": return "Pejabat/unit yang menguasai"
        case "penanggung_jawab": return "Penanggung jawab"
        case "waktu_pembuatan": return "Waktu pembuatan"
        case "tempat_pembuatan": return "Tempat pembuatan"
        case "bentuk": return "Bentuk informasi"
        case "retensi": return "Retensi arsip"
        case "kategori": return "Kategori"
        case "subkelompok": return "Subkelompok"
        case "judul": return "Judul"
        case "keterangan": return "Keterangan"
        case "kode": return "Kode"
        case "dasar_hukum": return "Dasar hukum"
        case "klasifikasi": return "Klasifikasi"
        default: return code
        }
    }
}
