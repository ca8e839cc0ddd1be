import DIPCore

extension RuleSet {
    /// Every problem of the rule set: what loading found (warnings), plus rules that can never
    /// fire, examples that fail, rules without examples, and setiap saat entries no rule finds.
    public func validate() -> [RuleIssue] {
        var issues = loadIssues
        let ruleIDs = Set(rules.map(\.id))
        for compiled in compiled {
            let rule = compiled.rule
            let what = "Aturan `\(rule.id)`"
            func issue(_ severity: Severity, _ code: String, _ message: String) {
                issues.append(RuleIssue(severity: severity, location: rule.location, code: code, message: message))
            }
            for phrase in rule.all.flatMap({ $0 }) + rule.any + rule.none + rule.overrides where TextNormalizer.tokens(phrase).isEmpty {
                issue(.error, "empty_phrase", "\(what): kata `\(phrase)` tidak berisi huruf atau angka sehingga tidak pernah cocok.")
            }
            if let reason = neverFiresReason(rule) {
                issue(rule.enabled ? .error : .warning, "never_fires", "\(what) tidak akan pernah berlaku: \(reason).")
            }
            if !rule.enabled { issue(.info, "disabled", "\(what) dinonaktifkan (`aktif: tidak`).") }
            // The explanation is shown to units and the PPID as the reason: a law it cites must
            // be in force and named by its title (StatuteBook).
            // A warning for `dip run` (a workspace's older rules keep working), an error for
            // `dip rules check` (`RuleIssue.blocksCheck`).
            for problem in StatuteBook.problems(in: rule.description) {
                issue(.warning, problem.error ? "statute" : "unknown_statute", "\(what), `keterangan`: \(problem.message)")
            }
            for problem in explanationProblems(rule, ruleIDs: ruleIDs) {
                issue(.warning, "explanation_editor_note", "\(what), `keterangan`: \(problem). `keterangan` dibaca unit kerja dan PPID "
                      + "sebagai alasan; catatan untuk penyunting aturan ditulis di `catatan`.")
            }
            // Huruf j alone names no law: the decree would cite "Pasal 17 huruf j" with nothing
            // for the reader to check. Its local points (17j1…) each carry their Undang-Undang.
            if rule.grounds.contains("17j") {
                issue(.warning, "ground_without_law", "\(what) memakai dasar 17j tanpa undang-undang: pakai butir 17j1 dst. "
                      + "(pengecualian.yaml) yang menyebut undang-undang yang merahasiakan informasinya.")
            }
            if rule.mustMatch.isEmpty {
                issue(.error, "missing_example", "\(what) belum punya `contoh_cocok` (teks yang harus cocok).")
            }
            if rule.mustNotMatch.isEmpty {
                issue(.warning, "missing_counter_example", "\(what) belum punya `contoh_tidak_cocok` (teks yang tidak boleh cocok).")
            }
            for example in rule.mustMatch where !compiled.fires(matcher.match(example)) {
                issue(.error, "example_fails", "\(what): contoh_cocok \"\(example)\" ternyata tidak cocok dengan aturan ini.")
            }
            // An override is a narrow licence to beat every exception of the rule: one example
            // must show it deciding (an exception and an override in the same text).
            if !compiled.overrides.isEmpty && !rule.none.isEmpty
                && !rule.mustMatch.contains(where: { !compiled.overriddenExceptions(matcher.match($0), matcher: matcher).overrides.isEmpty }) {
                issue(.error, "override_without_example", "\(what) memakai `mengalahkan_kecuali` tetapi tidak ada `contoh_cocok` yang memuat kata `kecuali` "
                      + "sekaligus kata `mengalahkan_kecuali` (contoh yang menunjukkan kata itu mengalahkan pengecualian).")
            }
            for example in rule.mustNotMatch where compiled.fires(matcher.match(example)) {
                let words = compiled.matchedPhrases(matcher.match(example), matcher: matcher).joined(separator: ", ")
                issue(.error, "counter_example_fails", "\(what): contoh_tidak_cocok \"\(example)\" ternyata cocok (kata: \(words)).")
            }
        }
        let found = Set(rules.filter(\.enabled).compactMap(\.listEntry))
        for entry in setiapSaat where !found.contains(entry.code) {
            issues.append(RuleIssue(severity: .warning, location: entry.location, code: "list_entry_unused",
                                    message: "Butir setiap saat `\(entry.code)` tidak dikenali aturan mana pun; kelengkapannya tidak dapat diperiksa."))
        }
        return issues.sorted()
    }

    /// The longest `keterangan` a reader is asked to read as a rule's reason: the feedback and
    /// review pack print every fired rule's explanation one under another.
    static let longestExplanation = 400

    /// Phrases that only a rule editor understands: pointers to files, other rules and the
    /// words a rule matches, and the rule's scope ("keputusan siapa pun pejabat …": whoever set
    /// a decision, which explains nothing about the unit's item).
    static let editorNoteMarkers = ["§", "lihat aturan", "dibaca aturan", "dinilai aturan", "aturan lain", ".yaml", ".csv",
                                    "docs/", "contoh_cocok", "salah_satu", "kata \"", "siapa pun"]

    /// What in a rule's `keterangan` is not for its readers (units and the PPID read it as the
    /// reason for a classification): another rule's id, notes for rule editors, an English
    /// text, or a length no reader wades through. Empty when the explanation is fine.
    func explanationProblems(_ rule: Rule, ruleIDs: Set<String>) -> [String] {
        let text = rule.description
        var problems: [String] = []
        let words = TextNormalizer.tokens(text)
        if words.isEmpty || text == rule.id {
            return ["kosong atau hanya berisi id aturan; tulis penjelasan singkat dalam bahasa Indonesia"]
        }
        if text.count > Self.longestExplanation {
            problems.append("panjangnya \(text.count) karakter (paling banyak \(Self.longestExplanation)); pindahkan uraian untuk penyunting ke `catatan`")
        }
        // Rule ids are lower-case words joined by hyphens: one written in the text ("aturan
        // keamanan-sistem") tells a unit clerk nothing. A one-word id ("keputusan") is an
        // ordinary word, so only "aturan <id>" names it.
        let lower = text.lowercased()
        let pieces = lower.split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
        var named: [String] = []
        for (i, piece) in pieces.enumerated() where ruleIDs.contains(piece) && !named.contains(piece) {
            if piece.contains("-") || (i > 0 && pieces[i - 1] == "aturan") { named.append(piece) }
        }
        if !named.isEmpty { problems.append("menyebut id aturan (\(named.joined(separator: ", ")))") }
        let markers = Self.editorNoteMarkers.filter { lower.contains($0) }
        if !markers.isEmpty { problems.append("memuat catatan untuk penyunting aturan (\(markers.map { "\"\($0)\"" }.joined(separator: ", ")))") }
        if morphology.readsInEnglish(words) { problems.append("terbaca sebagai bahasa Inggris") }
        return problems
    }

    /// Why a rule can never fire, or nil when it can.
    func neverFiresReason(_ rule: Rule) -> String? {
        if rule.all.isEmpty && rule.any.isEmpty { return "tidak ada `semua` maupun `salah_satu`" }
        // A `mengalahkan_kecuali` phrase lets the rule fire whatever `kecuali` holds.
        let none = rule.overrides.isEmpty ? rule.none.map(TextNormalizer.tokens).filter { !$0.isEmpty } : []
        func excluded(_ phrase: String) -> String? {
            let words = TextNormalizer.tokens(phrase)
            return none.first { Self.contains(words, $0) }.map { $0.joined(separator: " ") }
        }
        for group in rule.all {
            if group.isEmpty { return "ada kelompok `semua` yang kosong" }
            let blocked = group.compactMap(excluded)
            if blocked.count == group.count {
                return "setiap kata `semua` (\(group.joined(separator: " / "))) juga memuat kata `kecuali` (\(blocked[0]))"
            }
        }
        if !rule.any.isEmpty {
            let blocked = rule.any.compactMap(excluded)
            if blocked.count == rule.any.count {
                return "setiap kata `salah_satu` juga memuat kata `kecuali` (\(blocked[0]))"
            }
        }
        return nil
    }

    /// Whether `needle` occurs as consecutive words in `haystack`.
    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return true
        }
        return false
    }
}
