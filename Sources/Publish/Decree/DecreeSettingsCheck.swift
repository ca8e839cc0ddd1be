import DIPCore
import Foundation
import Register
import Rules

extension DecreeSettings {
    /// Whether `text` is a fill-in placeholder ("……", "...", "___") rather than a value.
    static func isPlaceholder(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.contains("…") || text.contains("...") || text.contains("___")
    }

    /// The fields of keputusan.json that still hold dotted placeholders (the number pattern's
    /// blank `___` is the registration number, not a placeholder). A decree is never approved
    /// while any remain.
    public func placeholderFields() -> [String] {
        var found: [String] = []
        func check(_ name: String, _ value: String?) { if Self.isPlaceholder(value) { found.append(name) } }
        check("bodyName", bodyName)
        for (i, line) in letterhead.enumerated() { check("letterhead[\(i + 1)]", line) }
        check("issuer", issuer)
        check("city", city)
        for (key, o) in [("ppid", ppid), ("atasanPPID", atasanPPID)] {
            check("\(key).name", o.name)
            check("\(key).nip", o.nip)
            check("\(key).title", o.title)
            check("\(key).rank", o.rank)
        }
        for (i, t) in menimbang.enumerated() { check("menimbang[\(i + 1)]", t) }
        for (i, t) in menimbangKlasifikasi.enumerated() { check("menimbangKlasifikasi[\(i + 1)]", t) }
        for (i, t) in mengingat.enumerated() { check("mengingat[\(i + 1)]", t) }
        for (i, t) in (mengingatDaerah ?? []).enumerated() { check("mengingatDaerah[\(i + 1)]", t) }
        for (i, t) in (mengingatKlasifikasi ?? []).enumerated() { check("mengingatKlasifikasi[\(i + 1)]", t) }
        for key in (mengingatSektoral ?? [:]).keys.sorted() { check("mengingatSektoral[\(key)]", mengingatSektoral?[key]) }
        check("diktumPemutakhiran", diktumPemutakhiran)
        for (i, t) in tembusan.enumerated() { check("tembusan[\(i + 1)]", t) }
        if let c = contact {
            check("contact.address", c.address)
            check("contact.telephone", c.telephone)
            check("contact.email", c.email)
            check("contact.website", c.website)
        }
        for (key, d) in [("keputusanSebelumnya", keputusanSebelumnya), ("keputusanDIKSebelumnya", keputusanDIKSebelumnya)] {
            guard let d else { continue }
            check("\(key).number", d.number)
            check("\(key).title", d.title)
        }
        return found
    }

    /// Each legal text of the settings (field name, text, whether it is a *Mengingat* entry).
    var legalTexts: [(field: String, text: String, mengingat: Bool)] {
        var out: [(String, String, Bool)] = []
        for (i, t) in menimbang.enumerated() { out.append(("menimbang[\(i + 1)]", t, false)) }
        for (i, t) in menimbangKlasifikasi.enumerated() { out.append(("menimbangKlasifikasi[\(i + 1)]", t, false)) }
        for (i, t) in mengingat.enumerated() { out.append(("mengingat[\(i + 1)]", t, true)) }
        for (i, t) in (mengingatKlasifikasi ?? []).enumerated() { out.append(("mengingatKlasifikasi[\(i + 1)]", t, true)) }
        for (i, t) in (mengingatDaerah ?? []).enumerated() { out.append(("mengingatDaerah[\(i + 1)]", t, true)) }
        for key in (mengingatSektoral ?? [:]).keys.sorted() { out.append(("mengingatSektoral[\(key)]", mengingatSektoral?[key] ?? "", true)) }
        out.append(("diktumPemutakhiran", diktumPemutakhiran, false))
        return out
    }

    /// What a Bagian Hukum would object to in the cited instruments, one message per problem,
    /// naming the field (errors: repealed, wrong title or gazette number, amendment or title
    /// missing in a Mengingat entry; warnings: an instrument dip does not know).
    public func legalTextProblems() -> [StatuteBook.Problem] {
        legalTexts.flatMap { field, text, mengingat in
            StatuteBook.problems(in: text, mengingat: mengingat).map {
                StatuteBook.Problem(error: $0.error, message: "\(field): \($0.message)", substantive: $0.substantive)
            }
        }
    }

    /// What `dip rules check` reports about keputusan.json: placeholders and mismatches are
    /// errors; what a Bagian Hukum officer would still ask for is a warning.
    public func issues() -> [(error: Bool, message: String)] {
        var out: [(Bool, String)] = []
        let placeholders = placeholderFields()
        if !placeholders.isEmpty {
            out.append((true, "titik-titik pengisi pada \(placeholders.joined(separator: ", ")); isi nilainya atau hapus isiannya "
                + "(nama, NIP dan pangkat PPID diberikan saat `dip approve`)."))
        }
        if let title = ppid.title, !title.isEmpty, title != issuer {
            out.append((true, "ppid.title berbeda dengan issuer; jabatan pada tanda tangan harus sama dengan jabatan "
                + "pejabat yang menetapkan keputusan (hapus ppid.title atau samakan)."))
        }
        if let d = keputusanSebelumnya, (try? IndonesianDate.parse(d.date)) == nil {
            out.append((true, "keputusanSebelumnya.date \"\(d.date)\" bukan tanggal (tulis misalnya 2025-03-10)."))
        }
        if let d = keputusanDIKSebelumnya, (try? IndonesianDate.parse(d.date)) == nil {
            out.append((true, "keputusanDIKSebelumnya.date \"\(d.date)\" bukan tanggal (tulis misalnya 2025-03-10)."))
        }
        for (i, h) in (hariLibur ?? []).enumerated() {
            if (try? IndonesianDate.parse(h.tanggal)) == nil {
                out.append((true, "hariLibur[\(i + 1)].tanggal \"\(h.tanggal)\" bukan tanggal (tulis misalnya 2026-03-20)."))
            }
            if h.keterangan.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                out.append((true, "hariLibur[\(i + 1)].keterangan kosong: tulis nama hari libur atau cuti bersamanya seperti pada SKB."))
            }
        }
        if let days = hariPemberitahuanPengecualian, !Self.exemptionNoticeDaysRange.contains(days) {
            let range = Self.exemptionNoticeDaysRange
            out.append((true, "hariPemberitahuanPengecualian \(days) bukan jumlah hari yang dapat dipakai; tulis \(range.lowerBound) sampai "
                + "\(range.upperBound) (sampai diperbaiki dip memakai bawaan \(ExemptionPeriods.defaultNoticeDays) hari sebelum "
                + "jangka waktu pengecualian berakhir)."))
        }
        // Every instrument the considerations and bases cite, read as a Bagian Hukum reads it:
        // in force, with its official title and promulgation numbers, an amended law with its
        // latest amendment (StatuteBook).
        out += legalTextProblems().map { ($0.error, $0.message) }
        out += missingGazetteWarnings()
        if contact == nil {
            out.append((false, "kop surat belum memuat alamat, telepon, e-mail dan laman (`contact`)."))
        }
        if (mengingatDaerah ?? []).isEmpty {
            out.append((false, "Mengingat belum memuat dasar kewenangan daerah (Peraturan Bupati/SK tentang PPID) di `mengingatDaerah`."))
        }
        if atasanPPID.name.trimmingCharacters(in: .whitespaces).isEmpty || atasanPPID.nip == nil {
            out.append((false, "nama dan NIP Atasan PPID (`atasanPPID`) kosong: `dip approve` memintanya lewat "
                + "--atasan-name/--atasan-nip bila ada informasi yang dikecualikan atau uji konsekuensi yang dicetak dalam berita acara."))
        }
        return out
    }

    /// The issuing office as the letterhead names it (its second line, when the issuer's title
    /// names it too) against the units in unit.yaml: when that office also submits a list, the
    /// Lampiran prints the unit's `nama` beside the letterhead's name, and one decree naming one
    /// office two ways is the first thing a Bagian Hukum returns. A warning: the letterhead may
    /// name an office that submits nothing.
    /// The sectoral laws of the grounds (`codes`, huruf j jo. …) that the DIK decree's Mengingat
    /// would cite without their Lembaran Negara numbers (no `mengingatSektoral` text, not in the
    /// general Mengingat): a keputusan.json of an earlier release lacks the texts shipped since
    /// (UU 16/1997 for 17j8), and a Bagian Hukum strikes such an entry.
    public func sectoralMengingatWarnings(citations: LegalCitations, codes: [String]) -> [(error: Bool, message: String)] {
        // Compared without the closing ";" or ".": the last entry's changes when a law is added.
        func bare(_ entry: String) -> String { entry.trimmingCharacters(in: CharacterSet(charactersIn: ";. ")) }
        let base = Set(mengingatDIK(sectoralLaws: []).map(bare))
        let gazettes = ["Lembaran Negara", "Berita Negara", "Lembaran Daerah", "Berita Daerah"]
        var out: [(Bool, String)] = []
        var seen: Set<String> = []
        for law in citations.sectoralLaws(codes: codes) {
            for entry in mengingatDIK(sectoralLaws: [law]).map(bare)
            where !base.contains(entry) && !gazettes.contains(where: { entry.contains($0) }) {
                guard seen.insert(entry).inserted else { continue }
                let key = law.range(of: #"\b(UU|PP|Perpres) \d+/\d{4}"#, options: .regularExpression).map { String(law[$0]) } ?? law
                out.append((false, "Mengingat Keputusan Klasifikasi DIK akan memuat \"\(entry)\" "
                    + "tanpa Lembaran Negara-nya: tambahkan teks lengkapnya di `mengingatSektoral` dengan kunci \"\(key)\" "
                    + "(periksa nomornya di JDIH), seperti entri lain di sana."))
            }
        }
        return out
    }

    public func officeNameWarnings(units: [WorkUnit]) -> [(error: Bool, message: String)] {
        guard letterhead.count >= 2 else { return [] }
        func folded(_ text: String) -> String {
            text.uppercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
        }
        let office = folded(letterhead[1])
        guard office.split(separator: " ").count >= 2, folded(issuer).contains(office) else { return [] }
        if units.contains(where: { folded($0.name).hasPrefix(office) }) { return [] }
        // The same kind of office under another name: the words of its name, in any order.
        let words = Set(office.split(separator: " "))
        let similar = units.filter { unit in
            let unitWords = Set(folded(unit.name).split(separator: " "))
            return unitWords.count == words.count && unitWords.intersection(words).count >= words.count - 2
        }
        guard let unit = similar.first else { return [] }
        return [(false, "kop dan pejabat penetap menyebut \"\(letterhead[1])\", sedangkan unit.yaml menamai unit "
            + "`\(unit.code)` \"\(unit.name)\": satu keputusan akan menyebut satu perangkat daerah dengan dua nama. "
            + "Samakan dengan nama resmi menurut peraturan daerah tentang perangkat daerah.")]
    }

    /// A Mengingat entry whose instrument is printed without where it was promulgated (Lembaran
    /// Negara for a UU/PP, Berita Negara for a ministerial or commission regulation) while the
    /// other entries give theirs: a warning naming the number dip knows from a text read, or
    /// saying plainly that dip has not verified one, never a number guessed into the decree.
    func missingGazetteWarnings() -> [(error: Bool, message: String)] {
        var out: [(Bool, String)] = []
        for (field, text, mengingat) in legalTexts where mengingat {
            guard let c = StatuteBook.citations(in: text).first, let s = StatuteBook.statute(c.short), s.inForce,
                  s.coveredBy == nil else { continue }
            // (A `where` on a case with several patterns binds only the last one: test inside.)
            switch c.kind {
            case .uu, .perppu, .pp:
                guard c.gazette == nil else { continue }
                let known = s.gazette.map { " (Lembaran Negara Republik Indonesia Tahun \(s.year) Nomor \($0)"
                    + (s.supplement.map { ", Tambahan Lembaran Negara Republik Indonesia Nomor \($0)" } ?? "") + ")" }
                out.append((false, "\(field): \(c.short) dicantumkan tanpa Lembaran Negara-nya, berbeda dengan entri Mengingat lainnya; "
                    + (known.map { "tambahkan\($0)." } ?? "nomornya belum diverifikasi dip dari naskah resmi: periksa di JDIH lalu tambahkan.")))
            case .permendagri, .perki:
                guard c.beritaNegara == nil else { continue }
                let known = s.beritaNegara.map { " (Berita Negara Republik Indonesia Tahun \(s.year) Nomor \($0))" }
                out.append((false, "\(field): \(c.short) dicantumkan tanpa Berita Negara-nya, berbeda dengan entri Mengingat lainnya; "
                    + (known.map { "tambahkan\($0)." } ?? "nomornya belum diverifikasi dip dari naskah resmi: periksa di JDIH lalu tambahkan "
                        + "\"(Berita Negara Republik Indonesia Tahun \(s.year) Nomor …)\".")))
            default:
                continue
            }
        }
        return out
    }

    /// The local basis and the sectoral laws the exemptions rest on, as *Mengingat* entries
    /// after the shared ones (each law once; its full text from `mengingatSektoral`, else
    /// written out from the short citation).
    func mengingatDIK(sectoralLaws: [String]) -> [String] {
        var list = mengingat + (mengingatKlasifikasi ?? []) + (mengingatDaerah ?? [])
        for cited in sectoralLaws {
            // A Mengingat cites the law, not the article the basis names before it ("Pasal 21
            // UU 16/1997 tentang Statistik") or after a comma (an older pengecualian.yaml's
            // "UU 16/1997 tentang Statistik, Pasal 21").
            let law = Self.lawWithoutArticle(cited)
            let key = law.components(separatedBy: " tentang ").first ?? law
            // A law the Mengingat already cites in full (UU 43/2009 of the general list, for
            // 17j5) is not cited again in short.
            let head = LegalCitations.formal(key) + " "
            if list.contains(where: { $0.hasPrefix(head) }) { continue }
            // A settings file keyed by another law the citation names (an older keputusan.json
            // keyed "UU 24/2013" for Adminduk) still supplies the full text.
            let other = (mengingatSektoral ?? [:]).keys.sorted().first { $0 != key && law.contains($0) }
            let text = mengingatSektoral?[key] ?? other.flatMap { mengingatSektoral?[$0] } ?? (LegalCitations.formal(law) + ";")
            if !list.contains(text) { list.append(text) }
        }
        return Self.punctuated(Self.inHierarchyOrder(list))
    }

    /// "Pasal 11 dan Pasal 12 UU 8/2010 tentang …" → "UU 8/2010 tentang …"; "UU 16/1997 tentang
    /// Statistik, Pasal 21" → "UU 16/1997 tentang Statistik". A text naming no instrument after
    /// its article is returned as it is.
    static func lawWithoutArticle(_ text: String) -> String {
        var law = text.trimmingCharacters(in: .whitespaces)
        if law.hasPrefix("Pasal "),
           let r = law.range(of: #"\b(UU|Perppu|PP|Perpres|Permen[A-Za-z]*|Perda|Perbup|Perki|Undang-Undang|Peraturan)\s"#,
                             options: .regularExpression) {
            law = String(law[r.lowerBound...])
        }
        if let r = law.range(of: #",\s*Pasal\s.*$"#, options: .regularExpression) { law = String(law[..<r.lowerBound]) }
        return law
    }

    var mengingatDIP: [String] { Self.punctuated(Self.inHierarchyOrder(mengingat + (mengingatDaerah ?? []))) }

    /// *Mengingat* in the order UU 12/2011 (Lampiran II) prescribes: by the hierarchy of the
    /// instrument (Undang-Undang, Peraturan Pemerintah, Peraturan Presiden, ministerial and
    /// commission regulations, Perda, Perbup, decrees), then by year and number. A sectoral law
    /// added for the DIK therefore stands among the other laws, not after the Perki. Entries
    /// whose instrument is not recognised keep their place after the recognised ones, in the
    /// order configured.
    static func inHierarchyOrder(_ list: [String]) -> [String] {
        let ranks: [(prefix: String, rank: Int)] = [
            ("undang-undang", 1), ("peraturan pemerintah pengganti undang-undang", 1),
            ("peraturan pemerintah", 2), ("peraturan presiden", 3), ("peraturan menteri", 4),
            ("peraturan komisi", 5), ("peraturan badan", 5), ("peraturan lembaga", 5),
            ("peraturan daerah provinsi", 6), ("peraturan daerah", 7), ("peraturan bupati", 8),
            ("peraturan wali kota", 8), ("peraturan walikota", 8), ("keputusan", 9),
        ]
        func key(_ entry: String, _ index: Int) -> (Int, Int, Int, Int) {
            let text = entry.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            // The longest matching prefix decides ("peraturan pemerintah pengganti…" before "peraturan pemerintah").
            let rank = ranks.filter { text.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }?.rank ?? 10
            func number(after word: String) -> Int {
                guard let r = text.range(of: word + " ") else { return Int.max }
                return Int(text[r.upperBound...].prefix { $0.isNumber }) ?? Int.max
            }
            return rank == 10 ? (rank, 0, 0, index) : (rank, number(after: "tahun"), number(after: "nomor"), index)
        }
        return list.enumerated().sorted { key($0.element, $0.offset) < key($1.element, $1.offset) }.map(\.element)
    }

    /// Each entry ends with ";" and the last with "." (the drafting convention for lists).
    static func punctuated(_ list: [String]) -> [String] {
        list.enumerated().map { i, raw in
            var t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            while let last = t.last, last == ";" || last == "." { t.removeLast() }
            return t + (i == list.count - 1 ? "." : ";")
        }
    }

    /// The signature title: the approval's, else the issuer (they must be identical).
    func signatureTitle(_ official: Official?) -> String {
        if let t = official?.title, !t.isEmpty { return t }
        return issuer
    }
}
