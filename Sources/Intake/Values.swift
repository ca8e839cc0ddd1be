import DIPCore

/// Understanding the values units write: categories, forms, retention, "waktu dan tempat".
enum Values {
    // MARK: Category

    /// The category a text names ("Berkala", "B. INFORMASI … SERTA MERTA", "Sertamerta",
    /// "Dikecualikan"), tolerating small typos. Nil when none is named.
    static func category(_ text: String) -> Category? {
        let w = Text.words(Text.fold(text))
        if w.isEmpty { return nil }
        // Short codes some lists use in a category column.
        if w.count == 1 {
            switch w[0] {
            case "sm": return .sertaMerta
            case "ss": return .setiapSaat
            default: break
            }
        }
        // "DIK", "DIK 2026": the Daftar Informasi yang Dikecualikan (a sheet's usual name).
        if w[0] == "dik", w.count <= 2, w.dropFirst().allSatisfy({ $0.allSatisfy(\.isNumber) }) { return .dikecualikan }
        if Text.hasWord(w, "dikecualikan") || Text.hasWord(w, "kecuali") || Text.hasWord(w, "rahasia")
            || Text.hasWord(w, "tertutup")
        {
            return .dikecualikan
        }
        if Text.hasPhrase(w, ["serta", "merta"]) { return .sertaMerta }
        if Text.hasPhrase(w, ["setiap", "saat"]) || Text.hasPhrase(w, ["tiap", "saat"]) {
            return .setiapSaat
        }
        if Text.hasWord(w, "berkala") { return .berkala }
        return nil
    }

    // MARK: Links

    /// A web address fit to publish (`WebLink.checked`), from a hyperlink target or a link cell.
    static func webLink(_ raw: String) -> String? {
        WebLink.checked(raw)
    }

    /// Whether a dropped link value was meant as a link (a scheme, or a web-address shape):
    /// worth telling the unit. Plain words ("Website", "Ada") are not.
    static func looksLikeLink(_ raw: String) -> Bool {
        let t = Text.clean(raw)
        if t.isEmpty || t.contains(" ") { return t.contains("://") }
        let lower = t.lowercased()
        return lower.contains(":") || lower.hasPrefix("www") || lower.contains("/")
    }

    // MARK: Form

    /// Printed and/or electronic from a *bentuk* text: "Softcopy dan Hardcopy", "Hard & Soft
    /// File", "Cetak dan Online", "Hardcopy & Sofcopy", "Digital", "Website".
    static func form(_ text: String) -> InformationForm {
        let folded = Text.fold(text)
        let squashed = folded.replacingAll(" ", with: "")
        let w = Text.words(folded)
        let printedWords = ["cetak", "tercetak", "hardcopy", "hardfile", "fisik", "kertas", "print",
                            "printed", "buku", "luring"]
        let electronicWords = ["online", "daring", "softcopy", "softfile", "elektronik", "digital",
                               "website", "web", "pdf", "email", "internet", "aplikasi", "scan",
                               "file", "flashdisk", "cd", "dvd"]
        let printed = squashed.contains("hard") || squashed.contains("cetak")
            || printedWords.contains { Text.hasWord(w, $0) }
        var electronic = squashed.contains("soft") || squashed.contains("sofcop")
            || squashed.contains("online") || squashed.contains("elektronik")
            || electronicWords.filter { $0 != "file" }.contains { Text.hasWord(w, $0) }
        // "Hard File" alone is printed; "File" alone (no hard) means an electronic file.
        if !electronic, !printed, Text.hasWord(w, "file") { electronic = true }
        return InformationForm(printed: printed, electronic: electronic)
    }

    /// Whether a tick-column cell says "yes": any mark (✓ ✔ √ v V x X "ada" "ya" 1, or the
    /// form's own name) except an explicit no ("-", "tidak", "tidak ada", "0", "no").
    static func isTick(_ text: String) -> Bool {
        let t = Text.clean(text).lowercased()
        if t.isEmpty { return false }
        let negatives: Set<String> = ["-", "–", "—", "tidak", "tidak ada", "tdk", "0", "no", "n", "false", "belum", "belum ada"]
        return !negatives.contains(t)
    }

    // MARK: Retention

    static let numberWords: [String: Int] = [
        "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
        "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "dua belas": 12,
        "lima belas": 15, "dua puluh": 20, "dua puluh lima": 25, "tiga puluh": 30,
    ]

    /// The structured retention of a text, and whether it is wrongly a bare year ("2026").
    static func retention(_ text: String) -> (RetentionPeriod, bareYear: Bool) {
        let folded = Text.fold(text)
        let w = Text.words(folded)
        if w.isEmpty { return (.unknown, false) }
        if w.count == 1, let n = Int(w[0]), (1900...2100).contains(n) { return (.unknown, true) }
        if Text.hasWord(w, "permanen") || Text.hasWord(w, "permanent") || Text.hasPhrase(w, ["selamanya"]) {
            return (.permanent, false)
        }
        let startsUntil = w.first.map { Text.similar($0, "sampai") || $0 == "hingga" || $0 == "s" || $0 == "sd" } ?? false
        // "Sesuai JRA yang berlaku" names the schedule, not "selama berlaku" (read below); "Belum
        // ada JRA yang berlaku" names no period at all.
        if Text.hasWord(w, "berlaku") && !startsUntil && !RetentionPeriod.mentionsRetentionSchedule(text) {
            return (.whileValid, false)
        }
        // "Sampai pengumuman pemenang", "Hingga …", "s.d. berakhirnya kontrak".
        let cleaned = Text.clean(text)
        let lower = cleaned.lowercased()
        for prefix in ["sampai dengan", "sampai", "sampe", "hingga", "s.d.", "s/d", "s.d", "sd"] {
            guard lower.hasPrefix(prefix) else { continue }
            let rest = cleaned.dropFirst(prefix.count)
            guard prefix.hasSuffix(".") || rest.isEmpty || rest.first == " " else { continue }
            return (.untilEvent(String(rest).trimmingSpaces()), false)
        }
        // "5 (lima) tahun", "5 Thn", "lima tahun", "6 bulan".
        let yearUnits = ["tahun", "thn", "th", "thun", "tahunn", "year", "years"]
        let monthUnits = ["bulan", "bln", "bl"]
        func unitIndex(_ units: [String]) -> Int? {
            w.firstIndex { word in units.contains(String(word)) || (word.count >= 5 && Text.similar(word, units[0])) }
        }
        let yearAt = unitIndex(yearUnits)
        let monthAt = unitIndex(monthUnits)
        if let at = yearAt ?? monthAt {
            var number: Int?
            for word in w[..<at] {
                if let n = Int(word) { number = n; break }
            }
            if number == nil {
                let phrase = w[..<at].joined(separator: " ")
                for (k, v) in numberWords.sorted(by: { $0.key.count > $1.key.count }) where phrase.hasSuffix(k) {
                    number = v
                    break
                }
            }
            if let n = number, n > 0, n < 1000 {
                return (yearAt != nil && (monthAt == nil || yearAt! <= monthAt!) ? .years(n) : .months(n), false)
            }
        }
        // "Sesuai JRA": after the periods, so "5 tahun sesuai JRA" keeps its five years.
        if RetentionPeriod.refersToRetentionSchedule(text) { return (.retentionSchedule, false) }
        return (.unknown, false)
    }

    // MARK: Waktu dan tempat

    static let monthNames = [
        "januari", "februari", "pebruari", "maret", "april", "mei", "juni", "juli", "agustus",
        "september", "oktober", "nopember", "november", "desember",
        "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt", "sep", "okt", "nov", "des",
    ]
    static let timeWords = ["saat", "setiap", "tahun", "tiap", "semester", "triwulan", "bulan",
                            "berkala", "tahunan", "bulanan", "harian", "mingguan", "periode", "tanggal",
                            "terjadi", "sewaktu", "waktu", "diperlukan", "kegiatan", "pelayanan",
                            "pemeriksaan", "update", "real", "time"]

    /// Splits a combined "waktu dan tempat" text ("Serang, 2026", "2026 / Serang",
    /// "Saat terjadi, Serang") into its time and place. Nil when it cannot tell which is which.
    static func splitWaktuTempat(_ text: String) -> (waktu: String, tempat: String)? {
        let separators: [Character] = ["/", ",", ";", "|", "-", "–"]
        for sep in separators {
            let parts = text.split(separator: sep, omittingEmptySubsequences: false)
                .map { String($0).trimmingSpaces() }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { continue }
            let t0 = looksLikeTime(parts[0]), t1 = looksLikeTime(parts[1])
            if t0 && !t1 { return (parts[0], parts[1]) }
            if t1 && !t0 { return (parts[1], parts[0]) }
        }
        return nil
    }

    static func looksLikeTime(_ s: String) -> Bool {
        if s.contains(where: { $0.isNumber }) { return true }
        let w = Text.words(Text.fold(s))
        return w.contains { word in
            monthNames.contains(String(word)) || timeWords.contains(String(word))
        }
    }

    // MARK: Nomor

    /// The number as written without a trailing period or closing parenthesis ("1." → "1",
    /// "a)" → "a").
    static func nomor(_ text: String) -> String {
        // Fast path: plain digits, the usual case.
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return text }
        var s = Text.clean(text)
        while let last = s.last, last == "." || last == ")" || last == ":" {
            s.removeLast()
        }
        return s.trimmingSpaces()
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false)
            .joined(separator: replacement)
    }
}
