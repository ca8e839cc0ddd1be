import Foundation

/// The statutes dip's legal texts may cite (decree *Mengingat*, `dasar_hukum` of the grounds,
/// rule explanations), with their official titles, promulgation numbers and whether they are
/// still in force, so that `dip rules check` and the tests can read a citation the way a Bagian
/// Hukum does: does the instrument exist, is it in force, is its title right.
///
/// Written by hand from the instruments themselves (their titles and closing provisions; see
/// docs/rules.md "Legal review" for the sources); a citation of an instrument not listed here
/// is only a warning, since a deployment may rightly cite its own Perbup or a sectoral law.
public enum StatuteBook {
    /// Kinds of instrument, in the words a decree uses and their short forms.
    public enum Kind: String, Sendable, CaseIterable {
        case uu = "UU", perppu = "Perppu", pp = "PP", perpres = "Perpres", permendagri = "Permendagri"
        case perki = "Perki"

        /// The long form in a decree ("Undang-Undang Nomor 14 Tahun 2008").
        public var formal: String {
            switch self {
            case .uu: return "Undang-Undang"
            case .perppu: return "Peraturan Pemerintah Pengganti Undang-Undang"
            case .pp: return "Peraturan Pemerintah"
            case .perpres: return "Peraturan Presiden"
            case .permendagri: return "Peraturan Menteri Dalam Negeri"
            case .perki: return "Peraturan Komisi Informasi"
            }
        }
    }

    /// One instrument.
    public struct Statute: Sendable, Hashable {
        public var kind: Kind
        public var number: Int
        public var year: Int
        /// The official title after "tentang".
        public var title: String
        /// Lembaran Negara number (its year is `year`) and Tambahan Lembaran Negara number, when
        /// the instrument has them.
        public var gazette: Int?
        public var supplement: Int?
        /// The instrument that repealed it ("UU 17/2023"), nil while in force.
        public var repealedBy: String?
        /// The latest amendment in force ("UU 6/2023"), which a Mengingat must name.
        public var lastAmendedBy: String?
        /// The law this one amends ("UU 23/2006"): a Mengingat cites that law "sebagaimana
        /// telah diubah dengan" this one, never the amendment alone.
        public var amends: String?
        /// The instrument in force that now governs the same matter ("Perki 1/2021") when this
        /// one's repeal is not established from a text read (so it is not `repealedBy`), and
        /// where in it ("Bagian Kedelapan …"): citing this one is a warning advising that one.
        public var coveredBy: String?
        public var coveredIn: String?
        /// Berita Negara number (its year is `year`) of a regulation promulgated there (a Perki).
        public var beritaNegara: Int?

        public var short: String { "\(kind.rawValue) \(number)/\(year)" }
        public var inForce: Bool { repealedBy == nil }
    }

    /// Every instrument dip knows, in force or repealed.
    public static let all: [Statute] = [
        // In force: the openness regime and what the decrees rest on.
        .init(kind: .uu, number: 14, year: 2008, title: "Keterbukaan Informasi Publik", gazette: 61, supplement: 4846),
        .init(kind: .uu, number: 25, year: 2009, title: "Pelayanan Publik", gazette: 112, supplement: 5038),
        .init(kind: .uu, number: 43, year: 2009, title: "Kearsipan", gazette: 152, supplement: 5071),
        .init(kind: .uu, number: 23, year: 2014, title: "Pemerintahan Daerah", gazette: 244, supplement: 5587,
              lastAmendedBy: "UU 6/2023"),
        .init(kind: .uu, number: 6, year: 2023,
              title: "Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang",
              gazette: 41, supplement: 6856),
        .init(kind: .uu, number: 12, year: 2011, title: "Pembentukan Peraturan Perundang-undangan"),
        // LN 1997/39, TLN 3683: the Mengingat of BPS decrees and terms of reference (public
        // copies found by the code search) and a summary of the law (iariadi.web.id).
        .init(kind: .uu, number: 16, year: 1997, title: "Statistik", gazette: 39, supplement: 3683),
        .init(kind: .pp, number: 61, year: 2010,
              title: "Pelaksanaan Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
              gazette: 99, supplement: 5149),
        // BN 2017/157: its own Berita Negara heading ("BERITA NEGARA REPUBLIK INDONESIA No. 157, 2017
        // KEMENDAGRI. Pelayanan Informasi dan Dokumentasi. Pedoman. Pencabutan.", a copy of the
        // edition on fdokumen.com naming ditjenpp.kemenkumham.go.id/arsip/bn/2017/bn157-2017.pdf and
        // peraturan.go.id; session 22), as the Balikpapan PPID list had it.
        .init(kind: .permendagri, number: 3, year: 2017,
              title: "Pedoman Pengelolaan Pelayanan Informasi dan Dokumentasi Kementerian Dalam Negeri dan Pemerintahan Daerah",
              beritaNegara: 157),
        // Perki 1/2021 regulates the consequence test itself (Bagian Kedelapan "Standar Pengujian
        // Konsekuensi", Pasal 49 ff.) and the Komisi Informasi Pusat presented it as merging Perki
        // 1/2010 and Perki 1/2017; its closing article (what it revokes) was not read, so citing
        // Perki 1/2017 is a warning, not an error (docs/rules.md "Legal review").
        .init(kind: .perki, number: 1, year: 2017, title: "Pengklasifikasian Informasi Publik",
              coveredBy: "Perki 1/2021", coveredIn: "Bagian Kedelapan, Standar Pengujian Konsekuensi, Pasal 49 dan seterusnya"),
        // BN 2021/741: its own Berita Negara heading ("No.741, 2021 KPI. Standar Layanan Informasi
        // Publik. Pencabutan."), also cited so by regional Mengingat lists.
        .init(kind: .perki, number: 1, year: 2021, title: "Standar Layanan Informasi Publik", beritaNegara: 741),
        .init(kind: .perki, number: 1, year: 2013, title: "Prosedur Penyelesaian Sengketa Informasi Publik"),
        .init(kind: .perki, number: 1, year: 2018, title: "Standar Layanan Informasi Publik Desa"),
        // Sectoral laws the grounds of Pasal 17 huruf j rest on.
        .init(kind: .uu, number: 23, year: 2006, title: "Administrasi Kependudukan", gazette: 124, supplement: 4674,
              lastAmendedBy: "UU 24/2013"),
        // LN 2013/232, TLN 5475: its own Lembaran Negara heading ("LEMBARAN NEGARA REPUBLIK
        // INDONESIA No.232, 2013 … (Penjelasan Dalam Tambahan Lembaran Negara Republik Indonesia
        // Nomor 5475)", djpp.kemenkumham copy on text-id.123dok.com), whose Mengingat 2 also
        // gives UU 23/2006 as LN 2006/124, TLN 4674.
        .init(kind: .uu, number: 24, year: 2013,
              title: "Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan",
              gazette: 232, supplement: 5475, amends: "UU 23/2006"),
        .init(kind: .uu, number: 27, year: 2022, title: "Pelindungan Data Pribadi", gazette: 196, supplement: 6820),
        .init(kind: .uu, number: 17, year: 2023, title: "Kesehatan", gazette: 105, supplement: 6887),
        .init(kind: .uu, number: 11, year: 2012, title: "Sistem Peradilan Pidana Anak", gazette: 153, supplement: 5332),
        .init(kind: .uu, number: 17, year: 2011, title: "Intelijen Negara"),
        .init(kind: .uu, number: 28, year: 2014, title: "Hak Cipta"),
        // Sectoral laws cited by the BUMD rules (banking secrecy and anti-tipping-off as grounds of
        // huruf j; unfair competition and the limited company's own records behind huruf b and i).
        // UU 7/1992 was amended by UU 10/1998, by Perppu 2/2022 (Cipta Kerja) and last by UU 4/2023
        // (P2SK, its Pasal 14); a citation names the base law "as amended last by" UU 4/2023.
        // LN 1992/31, TLN 3472 and UU 10/1998's LN 1998/182, TLN 3790: the Mengingat of POJK
        // 11/POJK.03/2015, 32/POJK.03/2016 and 42/POJK.03/2017 (docplayer copies); UU 4/2023's
        // Mengingat (ortax copy) and its Pasal 14 (jogloabang) cite UU 7/1992 with the same numbers.
        .init(kind: .uu, number: 7, year: 1992, title: "Perbankan", gazette: 31, supplement: 3472, lastAmendedBy: "UU 4/2023"),
        .init(kind: .uu, number: 10, year: 1998, title: "Perubahan atas Undang-Undang Nomor 7 Tahun 1992 tentang Perbankan",
              gazette: 182, supplement: 3790, amends: "UU 7/1992"),
        // An omnibus law with its own arabic articles (its Pasal 14 amends UU 7/1992), so no `amends`.
        // LN 2023/4, TLN 6845: the Mengingat of POJK 38 Tahun 2025 (quoted in a public
        // repository's extract of OJK regulations); one copy only, see docs/rules.md.
        .init(kind: .uu, number: 4, year: 2023, title: "Pengembangan dan Penguatan Sektor Keuangan", gazette: 4, supplement: 6845),
        // LN 2010/122, TLN 5164: the Mengingat of Perpres 50/2011 and of PPATK regulations
        // (djpp copies on 123dok and scribd).
        .init(kind: .uu, number: 8, year: 2010, title: "Pencegahan dan Pemberantasan Tindak Pidana Pencucian Uang",
              gazette: 122, supplement: 5164),
        .init(kind: .uu, number: 5, year: 1999, title: "Larangan Praktek Monopoli dan Persaingan Usaha Tidak Sehat"),
        .init(kind: .uu, number: 40, year: 2007, title: "Perseroan Terbatas"),
        .init(kind: .pp, number: 54, year: 2017, title: "Badan Usaha Milik Daerah"),
        // Cited by an open rule: BPK audit reports given to the legislature are open (Pasal 19 ayat (1)).
        .init(kind: .uu, number: 15, year: 2004, title: "Pemeriksaan Pengelolaan dan Tanggung Jawab Keuangan Negara"),
        // Cited by `keterangan-perselisihan-hubungan-industrial` and ground 17j9 (the conciliator's duty to
        // keep secret what he asked of the parties, Pasal 22 ayat (3), text read; the mediator's article was
        // not found in a stored copy). LN 2004/6, TLN 4356 as a Disnaker decree's Mengingat cites it.
        .init(kind: .uu, number: 2, year: 2004, title: "Penyelesaian Perselisihan Hubungan Industrial", gazette: 6, supplement: 4356),
        // Cited by `hps-penawaran`: Pasal 26 ayat (3) makes the HPS value open (text read in the 2018
        // version, LN 2018/33); amended by Perpres 12/2021, whose wording of Pasal 26 was not read.
        .init(kind: .perpres, number: 16, year: 2018, title: "Pengadaan Barang/Jasa Pemerintah", gazette: 33,
              lastAmendedBy: "Perpres 12/2021"),
        .init(kind: .perpres, number: 12, year: 2021,
              title: "Perubahan atas Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah",
              amends: "Perpres 16/2018"),
        // Repealed: a decree of 2026 must not rest on them.
        .init(kind: .uu, number: 36, year: 2009, title: "Kesehatan", repealedBy: "UU 17/2023"),
        .init(kind: .uu, number: 29, year: 2004, title: "Praktik Kedokteran", repealedBy: "UU 17/2023"),
        .init(kind: .uu, number: 44, year: 2009, title: "Rumah Sakit", repealedBy: "UU 17/2023"),
        .init(kind: .uu, number: 36, year: 2014, title: "Tenaga Kesehatan", repealedBy: "UU 17/2023"),
        .init(kind: .uu, number: 18, year: 2014, title: "Kesehatan Jiwa", repealedBy: "UU 17/2023"),
        .init(kind: .uu, number: 32, year: 2004, title: "Pemerintahan Daerah", repealedBy: "UU 23/2014"),
        .init(kind: .uu, number: 28, year: 2009, title: "Pajak Daerah dan Retribusi Daerah", repealedBy: "UU 1/2022"),
        .init(kind: .uu, number: 1, year: 2022, title: "Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah"),
        .init(kind: .uu, number: 3, year: 1997, title: "Pengadilan Anak", repealedBy: "UU 11/2012"),
        .init(kind: .uu, number: 7, year: 1971, title: "Ketentuan-Ketentuan Pokok Kearsipan", repealedBy: "UU 43/2009"),
        .init(kind: .perki, number: 1, year: 2010, title: "Standar Layanan Informasi Publik", repealedBy: "Perki 1/2021"),
        .init(kind: .permendagri, number: 35, year: 2010,
              title: "Pedoman Pengelolaan Pelayanan Informasi dan Dokumentasi di Lingkungan Kementerian Dalam Negeri dan Pemerintahan Daerah",
              repealedBy: "Permendagri 3/2017"),
    ]

    /// An amending law has only Pasal I and Pasal II; the article it amends belongs to the law it
    /// amends ("Pasal 84 UU 23/2006 sebagaimana telah diubah dengan UU 24/2013"). A text citing an
    /// arabic-numbered article as the amending law's ("UU 24/2013 Pasal 84", "Pasal 84 Undang-Undang
    /// Nomor 24 Tahun 2013") points at a provision that does not exist.
    static func amendedArticleProblems(in text: String) -> [Problem] {
        guard text.range(of: "Pasal", options: .caseInsensitive) != nil else { return [] }
        var out: [Problem] = []
        for (s, regexes) in amendingLawArticlePatterns {
            for regex in regexes {
                guard let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                      let r = Range(m.range, in: text) else { continue }
                let base = s.amends ?? ""
                out.append(Problem(error: true, message: "\"\(text[r])\": \(s.short) hanya mengubah \(base) (Pasal I dan Pasal II); "
                    + "pasal yang diubahnya adalah pasal \(base), kutip \"Pasal … \(base) sebagaimana telah diubah dengan \(s.short)\"."))
                break
            }
        }
        return out
    }

    /// Compiled once (NSRegularExpression is immutable and safe to share between threads): for each
    /// amending law, an arabic article after or before its citation, short or long form.
    private static let amendingLawArticlePatterns: [(Statute, [NSRegularExpression])] = all.filter { $0.amends != nil }.map { s in
        let law = "(?:\(s.kind.rawValue)\\s+\(s.number)\\s*/\\s*\(s.year)|\(NSRegularExpression.escapedPattern(for: s.kind.formal))\\s+Nomor\\s+\(s.number)\\s+Tahun\\s+\(s.year))"
        let article = "Pasal\\s+\\d+"
        let patterns = ["\\b\(law)\\s+\(article)", "\\b\(article)(?:\\s+ayat\\s+\\(\\d+\\))?(?:\\s+huruf\\s+[a-z])?\\s+\(law)\\b"]
        return (s, patterns.compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) })
    }

    /// The instrument with this short citation ("UU 14/2008").
    public static func statute(_ short: String) -> Statute? {
        let key = short.replacingOccurrences(of: " ", with: "").lowercased()
        return all.first { $0.short.replacingOccurrences(of: " ", with: "").lowercased() == key }
    }

    /// One citation of an instrument found in a text.
    public struct Citation: Sendable, Hashable {
        public var kind: Kind
        public var number: Int
        public var year: Int
        /// What follows "tentang" up to the end of the title (before "(", ";", " sebagaimana",
        /// " jo."), nil when the citation names no title.
        public var title: String?
        /// "Lembaran Negara … Tahun Y Nomor N" and "Tambahan Lembaran Negara … Nomor M" right
        /// after the title, when given.
        public var gazetteYear: Int?
        public var gazette: Int?
        public var supplement: Int?
        /// "Berita Negara Republik Indonesia Tahun Y Nomor N" right after the title, when given.
        public var beritaNegaraYear: Int?
        public var beritaNegara: Int?
        /// Where in the text it starts (for messages and ordering).
        public var offset: Int

        public var short: String { "\(kind.rawValue) \(number)/\(year)" }
    }

    /// Whether `text` cites an Undang-Undang other than UU 14/2008: the law a ground of Pasal 17
    /// huruf j must name, since huruf j closes only what another Undang-Undang closes.
    public static func namesOtherLaw(_ text: String) -> Bool {
        citations(in: text).contains { $0.kind == .uu && $0.short != "UU 14/2008" }
    }

    /// Every citation of an instrument in `text`, long form ("Undang-Undang Nomor 14 Tahun
    /// 2008 tentang …") or short ("UU 14/2008 tentang …"), in order. Instruments named inside
    /// another's title ("Pelaksanaan Undang-Undang Nomor 14 Tahun 2008 tentang …") are found too.
    public static func citations(in text: String) -> [Citation] {
        let ns = text as NSString
        var found: [(citation: Citation, titleEnd: Int)] = []
        for (regex, isLong) in [(longPattern, true), (shortPattern, false)] {
            guard let regex else { continue }
            for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let kindText = ns.substring(with: m.range(at: 1)).lowercased()
                let kind = Kind.allCases.first { (isLong ? $0.formal : $0.rawValue).lowercased() == kindText }
                guard let kind, let number = Int(ns.substring(with: m.range(at: 2))),
                      let year = Int(ns.substring(with: m.range(at: 3))) else { continue }
                let end = m.range.location + m.range.length
                let rest = ns.substring(from: end)
                var citation = Citation(kind: kind, number: number, year: year, title: nil, offset: m.range.location)
                let parsed = title(after: rest)
                citation.title = parsed?.title
                let afterTitle = ns.substring(from: min(ns.length, end + (parsed?.length ?? 0)))
                (citation.gazetteYear, citation.gazette, citation.supplement) = gazette(after: afterTitle)
                (citation.beritaNegaraYear, citation.beritaNegara) = beritaNegara(after: afterTitle)
                found.append((citation, end + (parsed?.length ?? 0)))
            }
        }
        // An instrument named inside another's title ("Pelaksanaan Undang-Undang Nomor 14 Tahun
        // 2008 tentang …") is part of that title, not a citation of its own.
        let outer = found
        return found.filter { c in
            !outer.contains { $0.citation.offset < c.citation.offset && c.citation.offset < $0.titleEnd }
        }.map(\.citation).sorted { $0.offset < $1.offset }
    }

    private static let longPattern = try? NSRegularExpression(
        pattern: #"\b(Undang-Undang|Peraturan Pemerintah Pengganti Undang-Undang|Peraturan Pemerintah|Peraturan Presiden|Peraturan Menteri Dalam Negeri|Peraturan Komisi Informasi)(?:\s+Republik Indonesia)?\s+Nomor\s+(\d+)\s+Tahun\s+(\d{4})"#,
        options: [.caseInsensitive])
    private static let shortPattern = try? NSRegularExpression(
        pattern: #"\b(UU|Perppu|PP|Perpres|Permendagri|Perki)\s+(?:No\.?\s*)?(\d+)\s*/\s*(\d{4})\b"#)

    /// The title right after a citation (" tentang X" up to where the title ends) and how many
    /// UTF-16 units of `rest` it spans.
    static func title(after rest: String) -> (title: String, length: Int)? {
        let lead = rest.prefix { $0 == " " }.count
        let trimmed = rest.dropFirst(lead)
        guard trimmed.lowercased().hasPrefix("tentang ") else { return nil }
        var title = String(trimmed.dropFirst("tentang ".count))
        // A title may itself name an instrument and its title ("Pelaksanaan Undang-Undang
        // Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik"); it ends at the first
        // mark no official title holds.
        for end in ["(", ";", ":", " sebagaimana ", " jo. ", " jo ", ", ", " yang ", " dan Pasal", " Pasal ", " — ", " - "] {
            if let r = title.range(of: end) { title = String(title[..<r.lowerBound]) }
        }
        // "… tentang Keterbukaan Informasi Publik dan Peraturan Komisi Informasi Nomor …": the
        // next instrument named after "dan"/"serta" is not part of the title.
        if let r = title.range(of: #"\s+(dan|serta)\s+(Undang-Undang|Peraturan|UU|PP|Perpres|Permendagri|Perki)\b"#,
                               options: .regularExpression) {
            title = String(title[..<r.lowerBound])
        }
        let length = lead + "tentang ".utf16.count + title.utf16.count
        title = title.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ".,")))
        return title.isEmpty ? nil : (title, length)
    }

    static func gazette(after rest: String) -> (Int?, Int?, Int?) {
        // Only a bracket right after the title belongs to this citation.
        let trimmed = rest.drop { $0 == " " }
        guard trimmed.first == "(", let close = trimmed.firstIndex(of: ")") else { return (nil, nil, nil) }
        let inside = String(trimmed[...close])
        func number(_ regex: NSRegularExpression?) -> [Int] {
            guard let regex else { return [] }
            let ns = inside as NSString
            guard let m = regex.firstMatch(in: inside, range: NSRange(location: 0, length: ns.length)) else { return [] }
            return (1..<m.numberOfRanges).compactMap { Int(ns.substring(with: m.range(at: $0))) }
        }
        let ln = number(gazettePattern)
        let tln = number(supplementPattern)
        return (ln.first, ln.count > 1 ? ln[1] : nil, tln.first)
    }

    /// Compiled once, like the citation patterns (`gazette`, `beritaNegara` run per citation).
    private static let gazettePattern = try? NSRegularExpression(
        pattern: #"(?<!Tambahan )Lembaran Negara Republik Indonesia Tahun (\d{4}) Nomor (\d+)"#)
    private static let supplementPattern = try? NSRegularExpression(
        pattern: #"Tambahan Lembaran Negara Republik Indonesia Nomor (\d+)"#)
    private static let beritaNegaraPattern = try? NSRegularExpression(
        pattern: #"(?<!Tambahan )Berita Negara Republik Indonesia Tahun (\d{4}) Nomor (\d+)"#)

    /// "(Berita Negara Republik Indonesia Tahun Y Nomor N)" right after a title (never the
    /// Tambahan Berita Negara).
    static func beritaNegara(after rest: String) -> (Int?, Int?) {
        let trimmed = rest.drop { $0 == " " }
        guard trimmed.first == "(", let close = trimmed.firstIndex(of: ")") else { return (nil, nil) }
        let inside = String(trimmed[...close])
        guard let regex = beritaNegaraPattern else { return (nil, nil) }
        let ns = inside as NSString
        guard let m = regex.firstMatch(in: inside, range: NSRange(location: 0, length: ns.length)) else { return (nil, nil) }
        return (Int(ns.substring(with: m.range(at: 1))), Int(ns.substring(with: m.range(at: 2))))
    }

    /// Whether `text` continues a word at `offset` (a letter right before and right at it).
    static func startsWord(_ text: String, at offset: Int) -> Bool {
        let chars = Array(text)
        guard offset > 0, offset < chars.count else { return false }
        return chars[offset - 1].isLetter && chars[offset].isLetter
    }

    /// Whether two titles are the same words (case, spacing and a trailing mark aside).
    static func sameTitle(_ a: String, _ b: String) -> Bool {
        func norm(_ s: String) -> String {
            expandShortForms(s).lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                .trimmingCharacters(in: CharacterSet(charactersIn: ".,; "))
        }
        return norm(a) == norm(b)
    }

    /// "UU 23/2006" → "Undang-Undang Nomor 23 Tahun 2006" (every kind), so that a title
    /// written with short forms compares with the official one.
    static func expandShortForms(_ text: String) -> String {
        // Every short form holds a "/": a text without one is returned as is, without
        // compiling and running a pattern per kind.
        guard text.utf8.contains(UInt8(ascii: "/")) else { return text }
        var out = text
        for (regex, template) in shortFormPatterns {
            out = regex.stringByReplacingMatches(in: out, range: NSRange(location: 0, length: (out as NSString).length),
                                                 withTemplate: template)
        }
        return out
    }

    /// One pattern per kind, compiled once (NSRegularExpression is immutable and thread-safe).
    private static let shortFormPatterns: [(NSRegularExpression, String)] = Kind.allCases.compactMap { kind in
        (try? NSRegularExpression(pattern: #"\b\#(kind.rawValue)\s+(?:No\.?\s*)?(\d+)\s*/\s*(\d{4})\b"#))
            .map { ($0, "\(kind.formal) Nomor $1 Tahun $2") }
    }

    public struct Problem: Sendable, Hashable {
        public var error: Bool
        public var message: String
        /// The decree would rest on something that is not the law in force (a repealed
        /// instrument, a wrong title or promulgation number): `dip approve` refuses. A drafting
        /// omission in a Mengingat entry (amendment or title not named) is an error for `dip rules
        /// check` only, so an older keputusan.json does not stop an approval.
        public var substantive: Bool

        public init(error: Bool, message: String, substantive: Bool = false) {
            self.error = error
            self.message = message
            self.substantive = substantive
        }
    }

    /// What a Bagian Hukum would object to in a legal text, in Indonesian: a repealed
    /// instrument (error), a wrong title or promulgation number of a known one (error), a
    /// *Mengingat* entry naming an amended law without its latest amendment (error when
    /// `mengingat`), an instrument whose matter a newer one in force now governs (warning,
    /// `coveredBy`), an instrument dip does not know (warning).
    public static func problems(in text: String, mengingat: Bool = false) -> [Problem] {
        var out: [Problem] = []
        let found = citations(in: text)
        for c in found {
            guard let s = statute(c.short) else {
                out.append(Problem(error: false, message: "\(c.short) tidak ada dalam daftar peraturan yang dikenal dip; periksa nomor, tahun dan judulnya."))
                continue
            }
            if let by = s.repealedBy {
                out.append(Problem(error: true, message: "\(c.short) tentang \(s.title) telah dicabut oleh \(by) dan tidak dapat menjadi dasar hukum.", substantive: true))
                continue
            }
            if let by = s.coveredBy, let newer = statute(by) {
                let part = s.coveredIn.map { " (\($0))" } ?? ""
                out.append(Problem(error: false, message: "\(c.short) tentang \(s.title): materinya kini diatur dalam \(newer.short) tentang \(newer.title)\(part), dan status berlakunya \(c.short) diragukan; kutiplah \(newer.short) sebagai dasar hukum."))
            }
            // In a Mengingat entry the title stands alone; in running text (a rendered page,
            // an explanation) words of the next cell or sentence may follow it.
            if let title = c.title, !sameTitle(title, s.title),
               mengingat || !sameTitle(String(expandShortForms(title).prefix(expandShortForms(s.title).count)), s.title)
                || startsWord(expandShortForms(title), at: expandShortForms(s.title).count) {
                out.append(Problem(error: true, message: "\(c.short) berjudul \"\(s.title)\", bukan \"\(title)\".", substantive: true))
            }
            if let g = c.gazette, let want = s.gazette, g != want || c.gazetteYear != s.year {
                out.append(Problem(error: true, message: "\(c.short) diundangkan dalam Lembaran Negara Tahun \(s.year) Nomor \(want), bukan Tahun \(c.gazetteYear ?? 0) Nomor \(g).", substantive: true))
            }
            if let n = c.beritaNegara, let want = s.beritaNegara, n != want || c.beritaNegaraYear != s.year {
                out.append(Problem(error: true, message: "\(c.short) diundangkan dalam Berita Negara Tahun \(s.year) Nomor \(want), bukan Tahun \(c.beritaNegaraYear ?? 0) Nomor \(n).", substantive: true))
            }
            if let t = c.supplement, let want = s.supplement, t != want {
                out.append(Problem(error: true, message: "\(c.short): Tambahan Lembaran Negara Nomor \(want), bukan \(t).", substantive: true))
            }
            if mengingat, let amended = s.lastAmendedBy, c.offset == found.first?.offset {
                // The amendment must be named, with its title (a Mengingat cites each instrument in full).
                let names = found.contains { $0.short == amended && $0.title != nil }
                if !names {
                    out.append(Problem(error: true, message: "\(c.short) telah diubah, terakhir dengan \(amended): sebutkan perubahan itu lengkap dengan judulnya (\"sebagaimana telah diubah … dengan … tentang …\")."))
                }
            }
        }
        out += amendedArticleProblems(in: text)
        if mengingat, let first = found.first, let s = statute(first.short), let base = s.amends {
            out.append(Problem(error: true, message: "\(first.short) mengubah \(base): sebutkan \(base) lengkap dengan judulnya, \"sebagaimana telah diubah dengan \(first.short) tentang …\"."))
        }
        if mengingat, let first = found.first, found.contains(where: { $0.title == nil && $0.short != first.short && $0.offset > first.offset }) {
            let bare = found.filter { $0.title == nil && $0.offset > first.offset }.map(\.short)
            out.append(Problem(error: true, message: "Mengingat menyebut \(bare.joined(separator: ", ")) tanpa judul (\"tentang …\")."))
        }
        return out
    }
}
