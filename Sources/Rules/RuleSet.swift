import DIPCore
import Foundation
import Yams

/// The PPID's rules: categories, sub-groups, the serta merta and setiap saat lists, the
/// Pasal 17/18 grounds, the keyword rules and the work units, read from a `rules/` folder.
///
/// Loading checks structure (syntax, unknown fields, duplicate ids, unknown codes) and throws
/// `RuleSetError.invalid` listing every error; `validate()` additionally runs each rule's
/// examples and looks for rules that can never fire.
public struct RuleSet: Sendable {
    /// The files a rules folder holds.
    public static let fileNames = ["kategori.yaml", "pengecualian.yaml", "aturan.yaml", "unit.yaml"]
    /// Files a rules folder may hold; when one is absent (a workspace made by an older
    /// version) the copy built into the program is used.
    public static let optionalFileNames = [Morphology.dictionaryFileName, Morphology.rootsFileName, PrecedentCorpus.fileName]
    /// The decree settings (read by the run, `DecreeSettings`): the rules read only its
    /// `bodyName`, whose written-out name their exceptions and open markers are not read inside
    /// (`writtenOutNames`). Read when present; else the copy built into the program.
    public static let settingsFileName = "keputusan.json"

    public private(set) var categories: [CategoryInfo] = []
    public private(set) var subgroups: [SubgroupInfo] = []
    /// The serta merta list (kategori.yaml `serta_merta`).
    public private(set) var sertaMerta: [ListEntry] = []
    /// The setiap saat list (kategori.yaml `setiap_saat`), checked by `Completeness`.
    public private(set) var setiapSaat: [ListEntry] = []
    public private(set) var grounds: [ExemptionGround] = []
    public private(set) var pasal18: [Pasal18Lift] = []
    /// The keyword rules in file order (disabled ones included).
    public private(set) var rules: [Rule] = []
    public private(set) var units = UnitDirectory(units: [])
    /// The names of the units (unit.yaml `nama`) and of the body (keputusan.json `bodyName`, and
    /// the region it governs: "Kabupaten Serang"), written out whole in a title: a `kecuali`
    /// phrase or an open marker wholly inside one is not read ("Statistik" of "Dinas Komunikasi,
    /// Informatika, Persandian dan Statistik" says who holds the item, not that it is a
    /// statistic; docs/classification.md §55).
    public private(set) var writtenOutNames = NameWords(names: [], morphology: .identity)
    /// Warnings found while loading (errors make `load` throw).
    public private(set) var loadIssues: [RuleIssue] = []

    /// Stems, fixed words and abbreviations (kamus.yaml, kata-dasar.txt).
    public private(set) var morphology = Morphology.identity
    /// The shipped corpus of other bodies' decisions (preseden.csv).
    public private(set) var precedents: [Precedent] = []
    /// The corpus indexed by stems (built once when the rules are loaded).
    public private(set) var precedentIndex = PrecedentIndex(precedents: [], morphology: .identity)
    /// The learned layer trained on the corpus (built once when the rules are loaded).
    public private(set) var learnedModel = LearnedModel(precedents: [], morphology: .identity)

    var matcher = RuleMatcher()
    private var openMarkerMatcher = PhraseMatcher(phrases: [])
    var compiled: [CompiledRule] = []
    private var groundCodes: Set<String> = []

    /// Reads and checks the rule files in `directory`.
    ///
    /// - Throws: `RuleSetError.invalid` with every error (file and line) found.
    public static func load(directory: URL) throws -> RuleSet {
        let folder = try readFolder(directory: directory)
        return try load(files: folder.files, extraIssues: folder.issues)
    }

    /// The rule files of `directory` as `load(directory:)` reads them, with the issues of
    /// reading (a missing or unreadable file, an unknown one): `load(files:extraIssues:)` of
    /// the result is `load(directory:)`. A run keeps them to load the rules only when used.
    public static func readFolder(directory: URL) throws -> (files: [(name: String, contents: String)], issues: [RuleIssue]) {
        var files: [(name: String, contents: String)] = []
        var issues: [RuleIssue] = []
        let manager = FileManager.default
        guard let present = try? manager.contentsOfDirectory(atPath: directory.path) else {
            throw RuleSetError.unreadable(path: directory.path, reason: "folder tidak ada")
        }
        for name in fileNames {
            let url = directory.appendingPathComponent(name)
            guard present.contains(name) else {
                if name == "unit.yaml" {
                    issues.append(RuleIssue(severity: .warning, location: RuleFileLocation(file: name, line: 0),
                                            code: "missing_file", message: "Berkas unit.yaml tidak ada: daftar unit kerja kosong."))
                } else {
                    issues.append(RuleIssue(severity: .error, location: RuleFileLocation(file: name, line: 0),
                                            code: "missing_file", message: "Berkas \(name) wajib ada di folder aturan."))
                }
                continue
            }
            guard let data = manager.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8) else {
                issues.append(RuleIssue(severity: .error, location: RuleFileLocation(file: name, line: 0),
                                        code: "encoding", message: "Berkas \(name) tidak dapat dibaca sebagai teks UTF-8."))
                continue
            }
            files.append((name, text))
        }
        for name in optionalFileNames + [settingsFileName] where present.contains(name) {
            let url = directory.appendingPathComponent(name)
            guard let data = manager.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                issues.append(RuleIssue(severity: .error, location: RuleFileLocation(file: name, line: 0),
                                        code: "encoding", message: "Berkas \(name) tidak dapat dibaca sebagai teks UTF-8."))
                continue
            }
            files.append((name, text))
        }
        for name in present.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            if !fileNames.contains(name) && !optionalFileNames.contains(name) {
                issues.append(RuleIssue(severity: .warning, location: RuleFileLocation(file: name, line: 0),
                                        code: "unknown_file", message: "Berkas \(name) tidak dikenal dan tidak dibaca."))
            }
        }
        return (files, issues)
    }

    /// The rule set shipped inside the program (`DefaultRules`).
    public static func defaults() throws -> RuleSet {
        try load(files: DefaultRules.files.filter { fileNames.contains($0.name) || optionalFileNames.contains($0.name)
                                                   || $0.name == settingsFileName })
    }

    /// Reads rule files given as text (name → contents); used for the embedded defaults and tests.
    public static func load(files: [(name: String, contents: String)], extraIssues: [RuleIssue] = []) throws -> RuleSet {
        try load(files: files, extraIssues: extraIssues, threads: 1)
    }

    /// `load(files:extraIssues:)`, on two threads when `threads` > 1: the precedent corpus is
    /// parsed while the rules and the dictionary are read, then the learned layer is trained
    /// while the precedents are indexed (each half of a run's ~70 ms of loading, issue 19).
    /// The same rule set either way: each part is a function of the files alone, the
    /// morphology's stem cache is locked and holds the same stem whoever asks first, and the
    /// issues are sorted.
    ///
    /// Why built each run and not cached in the workspace: profiled in the 1× update (issue 19),
    /// the load is ~70 ms of CPU spread over six parts (precedent corpus, learned layer,
    /// precedent index, rules YAML, phrase matchers, dictionary), none above ~20 ms, and on two
    /// threads ~40 ms of it is on the intake's path. A cache would have to write and read back
    /// every one of them (classes of matchers, postings, the model's tables) with a checksum,
    /// and a reader of that size through Foundation's decoders is not clearly faster than
    /// building them; the saving left is too small for a second copy of the rules to keep right.
    public static func load(files: [(name: String, contents: String)], extraIssues: [RuleIssue] = [],
                            threads: Int) throws -> RuleSet {
        let parallel = threads > 1
        var set = RuleSet()
        var issues = extraIssues
        let byName = Dictionary(files.map { ($0.name, $0.contents) }, uniquingKeysWith: { a, _ in a })
        // Order matters: rules refer to codes of the other files.
        if let text = byName["kategori.yaml"] { issues += set.readCategories(text) }
        if let text = byName["pengecualian.yaml"] { issues += set.readGrounds(text) }
        // The corpus needs only the ground codes: read beside the rules and the dictionary.
        let known = set.groundCodes
        let corpusText = byName[PrecedentCorpus.fileName] ?? DefaultRules.text(PrecedentCorpus.fileName)
        let corpus = OwnThread.start(if: parallel) {
            corpusText.map { PrecedentCorpus.read($0, isKnownGround: { known.contains($0) }) }
        }
        if let text = byName["aturan.yaml"] { issues += set.readRules(text) }
        if let text = byName["unit.yaml"] {
            var reader = YAMLReader(file: "unit.yaml")
            set.units = UnitDirectory.read(text, reader: &reader)
            issues += reader.issues
        }
        // Morphology and corpus: the folder's files, else the copies built into the program.
        let morphology = Morphology.load(
            dictionary: byName[Morphology.dictionaryFileName] ?? DefaultRules.text(Morphology.dictionaryFileName),
            roots: byName[Morphology.rootsFileName] ?? DefaultRules.text(Morphology.rootsFileName))
        issues += morphology.issues
        set.morphology = morphology.morphology
        set.matcher = RuleMatcher(rules: set.rules, morphology: set.morphology)
        set.compiled = set.rules.map { CompiledRule(rule: $0, matcher: set.matcher) }
        set.openMarkerMatcher = PhraseMatcher(phrases: set.morphology.openMarkers, morphology: .exact)
        set.writtenOutNames = NameWords(
            names: set.units.units.map(\.name) + bodyNames(settings: byName[settingsFileName] ?? DefaultRules.text(settingsFileName)),
            morphology: set.morphology)
        if let read = corpus.wait() {
            issues += read.issues
            set.precedents = read.precedents
        }
        let examples = set.precedents + set.statutoryExamples
        let stems = set.morphology
        let model = OwnThread.start(if: parallel) { LearnedModel(precedents: examples, morphology: stems) }
        set.precedentIndex = PrecedentIndex(precedents: set.precedents, morphology: set.morphology)
        set.learnedModel = model.wait()
        issues.sort()
        if issues.contains(where: { $0.severity == .error }) { throw RuleSetError.invalid(issues) }
        set.loadIssues = issues
        return set
    }

    /// Loads, then fails also on the errors `validate()` finds: what `dip run` uses so it never
    /// works with broken rules.
    public static func loadValidated(directory: URL) throws -> RuleSet {
        let folder = try readFolder(directory: directory)
        return try loadValidated(files: folder.files, extraIssues: folder.issues)
    }

    /// `loadValidated(directory:)` of files already read (`readFolder`).
    public static func loadValidated(files: [(name: String, contents: String)], extraIssues: [RuleIssue],
                                     threads: Int = 1) throws -> RuleSet {
        let set = try load(files: files, extraIssues: extraIssues, threads: threads)
        let issues = set.validate()
        if issues.contains(where: { $0.severity == .error }) { throw RuleSetError.invalid(issues) }
        return set
    }

    /// keputusan.json's `bodyName` ("Pemerintah Kabupaten Serang") and the region it governs
    /// ("Kabupaten Serang"), the way titles write it; none when the file or the field is missing
    /// or unreadable (the run reports a broken keputusan.json itself).
    static func bodyNames(settings: String?) -> [String] {
        guard let data = settings?.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let name = (object["bodyName"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else { return [] }
        let words = name.split(separator: " ")
        if words.count >= 3, words[0].lowercased() == "pemerintah" { return [name, words.dropFirst().joined(separator: " ")] }
        return [name]
    }

    /// For each token whether it lies inside a unit's or the body's name written out
    /// (`writtenOutNames`); nil when the text holds none.
    public func nameMask(_ tokens: [String]) -> [Bool]? { writtenOutNames.writtenOutMask(tokens) }

    /// The first open-information marker of kamus.yaml (`penanda_terbuka`) found in the text as
    /// written ("jumlah", "agregat", "tata cara"): it keeps precedents of withheld items from
    /// flagging the text. `names`: `nameMask(tokens)`; a marker wholly inside a name written out
    /// does not count.
    func openMarker(in tokens: [String], names: [Bool]? = nil) -> String? {
        guard openMarkerMatcher.count > 0 else { return nil }
        let found = openMarkerMatcher.match(keyIDs: openMarkerMatcher.keyIDs(tokens), expandedKeyIDs: nil, outside: names).found
        return (0..<openMarkerMatcher.count).first(where: found.contains).map { openMarkerMatcher.phraseTexts[$0] }
    }

    /// The keys the open-marker matcher knows.
    var openMarkerKeys: [String] { openMarkerMatcher.vocabularyKeys }

    /// The open-marker matcher's key id of one token (see `openMarker(keyIDs:)`).
    func openMarkerKeyID(_ token: String) -> Int32 { openMarkerMatcher.keyID(token) }

    /// `openMarker(in:)` from the tokens' `openMarkerKeyID`s.
    func openMarker(keyIDs: [Int32], names: [Bool]? = nil) -> String? {
        guard openMarkerMatcher.count > 0 else { return nil }
        let found = openMarkerMatcher.match(keyIDs: keyIDs, expandedKeyIDs: nil, outside: names).found
        return (0..<openMarkerMatcher.count).first(where: found.contains).map { openMarkerMatcher.phraseTexts[$0] }
    }

    /// Whether a Pasal 17 code is defined in pengecualian.yaml.
    public func isKnownGround(_ code: String) -> Bool { groundCodes.contains(code) }

    /// The codes `isKnownGround` accepts.
    var knownGroundCodes: Set<String> { groundCodes }

    /// The title of a ground code ("Riwayat, kondisi dan perawatan kesehatan …").
    public func groundTitle(_ code: String) -> String? { grounds.first { $0.code == code }?.title }

    /// The list entry (serta merta or setiap saat) with this code.
    public func listEntry(_ code: String) -> ListEntry? {
        (sertaMerta + setiapSaat).first { $0.code == code }
    }

    // MARK: - kategori.yaml

    private mutating func readCategories(_ text: String) -> [RuleIssue] {
        var r = YAMLReader(file: "kategori.yaml")
        guard let root = r.root(of: text),
              let top = r.fields(root, allowed: ["kategori", "subkelompok_berkala", "serta_merta", "setiap_saat"],
                                 what: "kategori.yaml") else { return r.issues }
        var seen = Set<String>()
        for node in r.list(top["kategori"], field: "kategori") {
            guard let f = r.fields(node, allowed: ["kode", "label", "dasar_hukum", "keterangan"], what: "kategori") else { continue }
            guard let code = r.string(f["kode"], field: "kode", required: true, what: "kategori") else { continue }
            guard let category = Category(rawValue: code) else {
                r.error(f["kode"], "unknown_category", "Kode kategori `\(code)` tidak dikenal. Kode yang sah: berkala, serta_merta, setiap_saat, dikecualikan.")
                continue
            }
            if !seen.insert(code).inserted { r.error(f["kode"], "duplicate_id", "Kategori `\(code)` ditulis dua kali.") }
            let label = r.string(f["label"], field: "label", required: true, what: "kategori \(code)") ?? category.label
            let basis = r.string(f["dasar_hukum"], field: "dasar_hukum", required: true, what: "kategori \(code)")
            // The website prints it as the category's legal basis.
            if let basis { Self.checkStatutes(basis, node: f["dasar_hukum"], reader: &r) }
            categories.append(CategoryInfo(
                category: category,
                label: label,
                legalBasis: basis ?? category.legalBasis,
                description: r.string(f["keterangan"], field: "keterangan", what: "kategori \(code)") ?? ""))
        }
        for category in Category.allCases where !seen.contains(category.rawValue) {
            r.error(top["kategori"], "missing_category", "Kategori `\(category.rawValue)` belum ditulis.")
        }
        seen = []
        for node in r.list(top["subkelompok_berkala"], field: "subkelompok_berkala") {
            guard let f = r.fields(node, allowed: ["kode", "judul", "keterangan"], what: "subkelompok") else { continue }
            guard let code = r.string(f["kode"], field: "kode", required: true, what: "subkelompok") else { continue }
            guard let subgroup = BerkalaSubgroup(rawValue: code) else {
                r.error(f["kode"], "unknown_subgroup", "Kode subkelompok `\(code)` tidak dikenal. Kode yang sah: A sampai K.")
                continue
            }
            if !seen.insert(code).inserted { r.error(f["kode"], "duplicate_id", "Subkelompok `\(code)` ditulis dua kali.") }
            subgroups.append(SubgroupInfo(
                subgroup: subgroup,
                title: r.string(f["judul"], field: "judul", required: true, what: "subkelompok \(code)") ?? subgroup.title,
                description: r.string(f["keterangan"], field: "keterangan", what: "subkelompok \(code)") ?? ""))
        }
        for subgroup in BerkalaSubgroup.allCases where !seen.contains(subgroup.rawValue) {
            r.error(top["subkelompok_berkala"], "missing_subgroup", "Subkelompok `\(subgroup.rawValue)` belum ditulis.")
        }
        seen = []
        for (field, category) in [("serta_merta", Category.sertaMerta), ("setiap_saat", .setiapSaat)] {
            for node in r.list(top[field], field: field) {
                guard let f = r.fields(node, allowed: ["kode", "nama", "dasar_hukum"], what: "butir \(field)") else { continue }
                guard let code = r.string(f["kode"], field: "kode", required: true, what: "butir \(field)") else { continue }
                if !seen.insert(code).inserted { r.error(f["kode"], "duplicate_id", "Kode butir `\(code)` ditulis dua kali.") }
                let name = r.string(f["nama"], field: "nama", required: true, what: "butir \(code)") ?? code
                let basis = r.string(f["dasar_hukum"], field: "dasar_hukum", what: "butir \(code)")
                if let basis { Self.checkStatutes(basis, node: f["dasar_hukum"], reader: &r) }
                let entry = ListEntry(
                    code: code,
                    name: name,
                    legalBasis: basis ?? "",
                    category: category, location: r.location(node))
                if category == .sertaMerta { sertaMerta.append(entry) } else { setiapSaat.append(entry) }
            }
        }
        return r.issues
    }

    // MARK: - pengecualian.yaml

    private mutating func readGrounds(_ text: String) -> [RuleIssue] {
        var r = YAMLReader(file: "pengecualian.yaml")
        guard let root = r.root(of: text),
              let top = r.fields(root, allowed: ["pasal_17", "pasal_18"], what: "pengecualian.yaml") else { return r.issues }
        for node in r.list(top["pasal_17"], field: "pasal_17") {
            guard let f = r.fields(node, allowed: ["huruf", "judul", "dasar_hukum", "butir"], what: "dasar Pasal 17") else { continue }
            guard let letter = r.string(f["huruf"], field: "huruf", required: true, what: "dasar Pasal 17") else { continue }
            guard letter.count == 1, "abcdefghij".contains(letter) else {
                r.error(f["huruf"], "unknown_ground", "Huruf `\(letter)` tidak ada pada Pasal 17 (a sampai j).")
                continue
            }
            let code = "17" + letter
            let basis = r.string(f["dasar_hukum"], field: "dasar_hukum", what: "Pasal 17 huruf \(letter)") ?? "UU 14/2008 Pasal 17 huruf \(letter)"
            if LegalCitations.citesMissingPoint(basis) {
                r.error(f["dasar_hukum"], "missing_provision", "`dasar_hukum` huruf \(letter) menyebut angka yang tidak ada pada Pasal 17 huruf \(letter) UU 14/2008.")
            }
            Self.checkStatutes(basis, node: f["dasar_hukum"], reader: &r)
            let hasPoints = !LegalCitations.lettersWithoutPoints.contains(Character(letter))
            addGround(ExemptionGround(code: code, title: r.string(f["judul"], field: "judul", required: true, what: "Pasal 17 huruf \(letter)") ?? code,
                                      legalBasis: basis), node: f["huruf"], reader: &r)
            guard let points = f["butir"] else { continue }
            for pointNode in r.list(points, field: "butir") {
                guard let pf = r.fields(pointNode, allowed: ["angka", "judul", "dasar_hukum"], what: "butir Pasal 17 huruf \(letter)") else { continue }
                guard let number = r.string(pf["angka"], field: "angka", required: true, what: "butir Pasal 17 huruf \(letter)") else { continue }
                guard Int(number) != nil else {
                    r.error(pf["angka"], "wrong_type", "`angka` harus berupa bilangan (1, 2, …).")
                    continue
                }
                let pointBasis = r.string(pf["dasar_hukum"], field: "dasar_hukum", what: "butir")
                // Letters b, d, g, i and j have no numbered points in the law: their `angka` is
                // a local number, so the citation must be written out in `dasar_hukum`.
                if pointBasis == nil && !hasPoints {
                    r.error(pf["angka"], "missing_field", "Pasal 17 huruf \(letter) tidak mempunyai angka; butir \(code)\(number) wajib menulis `dasar_hukum` (misalnya \"UU 14/2008 Pasal 17 huruf \(letter) jo. UU …\").")
                }
                if let pointBasis { Self.checkStatutes(pointBasis, node: pf["dasar_hukum"], reader: &r) }
                if let pointBasis, LegalCitations.citesMissingPoint(pointBasis) {
                    r.error(pf["dasar_hukum"], "missing_provision", "`dasar_hukum` butir \(code)\(number) menyebut \"huruf \(letter) angka\", yang tidak ada pada UU 14/2008; tulis \"UU 14/2008 Pasal 17 huruf \(letter) jo. <undang-undang sektoral>\".")
                }
                addGround(ExemptionGround(
                    code: code + number,
                    title: r.string(pf["judul"], field: "judul", required: true, what: "Pasal 17 huruf \(letter) angka \(number)") ?? code + number,
                    legalBasis: pointBasis ?? "\(basis) angka \(number)"),
                          node: pf["angka"], reader: &r)
            }
        }
        for node in r.list(top["pasal_18"], field: "pasal_18") {
            guard let f = r.fields(node, allowed: ["kode", "judul", "mencabut"], what: "ketentuan Pasal 18") else { continue }
            guard let code = r.string(f["kode"], field: "kode", required: true, what: "ketentuan Pasal 18") else { continue }
            if pasal18.contains(where: { $0.code == code }) { r.error(f["kode"], "duplicate_id", "Kode `\(code)` ditulis dua kali.") }
            let lifts = r.strings(f["mencabut"], field: "mencabut", what: "Pasal 18 \(code)")
            for lift in lifts where !groundCodes.contains(lift) {
                r.error(f["mencabut"], "unknown_ground", "Kode dasar `\(lift)` pada `mencabut` tidak ada di pasal_17.")
            }
            if lifts.isEmpty { r.error(node, "missing_field", "Isian `mencabut` wajib ada pada \(code).") }
            pasal18.append(Pasal18Lift(code: code, title: r.string(f["judul"], field: "judul", required: true, what: code) ?? code, lifts: lifts))
        }
        return r.issues
    }

    /// A `dasar_hukum` printed in decrees must cite instruments in force, by their titles
    /// (StatuteBook): a repealed law or a wrong title is an error, an unknown law a warning.
    private static func checkStatutes(_ text: String, node: Node?, reader r: inout YAMLReader) {
        for problem in StatuteBook.problems(in: text) {
            // Never stops `dip run` (a workspace's rules written before a law was repealed keep
            // working); `dip rules check` fails on it and `dip approve` refuses a decree citing it.
            r.warning(node, problem.error ? "statute" : "unknown_statute", "`dasar_hukum`: \(problem.message)")
        }
    }

    private mutating func addGround(_ ground: ExemptionGround, node: Node?, reader: inout YAMLReader) {
        if !groundCodes.insert(ground.code).inserted {
            reader.error(node, "duplicate_id", "Kode dasar `\(ground.code)` ditulis dua kali.")
            return
        }
        grounds.append(ground)
    }

    // MARK: - aturan.yaml

    static let ruleFields = [
        "id", "keterangan", "catatan", "prioritas", "aktif", "semua", "salah_satu", "kecuali", "mengalahkan_kecuali", "dapat_dikalahkan", "kategori",
        "kategori_alternatif", "subkelompok", "pengecualian", "butir", "pasal_18", "cabut",
        "contoh_cocok", "contoh_tidak_cocok",
    ]

    private mutating func readRules(_ text: String) -> [RuleIssue] {
        var r = YAMLReader(file: "aturan.yaml")
        guard let root = r.root(of: text),
              let top = r.fields(root, allowed: ["aturan"], what: "aturan.yaml") else { return r.issues }
        var ids: [String: RuleFileLocation] = [:]
        for node in r.list(top["aturan"], field: "aturan") {
            guard let f = r.fields(node, allowed: Self.ruleFields, what: "aturan") else { continue }
            guard let id = r.string(f["id"], field: "id", required: true, what: "aturan") else { continue }
            let what = "aturan `\(id)`"
            if let first = ids[id] {
                r.error(f["id"], "duplicate_id", "Id aturan `\(id)` sudah dipakai di baris \(first.line); setiap aturan harus punya id sendiri.")
            } else {
                ids[id] = r.location(f["id"])
            }
            var priority = 0
            if let text = r.string(f["prioritas"], field: "prioritas", what: what) {
                if let value = Int(text) { priority = value } else {
                    r.error(f["prioritas"], "wrong_type", "`prioritas` pada \(what) harus berupa bilangan bulat.")
                }
            }
            var enabled = true
            if let text = r.string(f["aktif"], field: "aktif", what: what) {
                switch text.lowercased() {
                case "ya", "true", "yes": enabled = true
                case "tidak", "false", "no": enabled = false
                default: r.error(f["aktif"], "wrong_type", "`aktif` pada \(what) harus `ya` atau `tidak`.")
                }
            }
            var all: [[String]] = []
            if let allNode = f["semua"] {
                if let sequence = allNode.sequence {
                    // A nested list is a group of alternatives: `- [bansos, bantuan sosial]`.
                    for element in sequence { all.append(r.strings(element, field: "semua", what: what)) }
                } else {
                    all = r.strings(allNode, field: "semua", what: what).map { [$0] }
                }
            }
            var category: Category?
            if let code = r.string(f["kategori"], field: "kategori", what: what) {
                category = Category(rawValue: code)
                if category == nil {
                    r.error(f["kategori"], "unknown_category", "Kategori `\(code)` pada \(what) tidak dikenal (berkala, serta_merta, setiap_saat, dikecualikan).")
                }
            }
            var alternatives: [Category] = []
            for code in r.strings(f["kategori_alternatif"], field: "kategori_alternatif", what: what) {
                if let c = Category(rawValue: code) { alternatives.append(c) } else {
                    r.error(f["kategori_alternatif"], "unknown_category", "Kategori `\(code)` pada \(what) tidak dikenal.")
                }
            }
            var subgroup: BerkalaSubgroup?
            if let code = r.string(f["subkelompok"], field: "subkelompok", what: what) {
                subgroup = BerkalaSubgroup(rawValue: code.uppercased())
                if subgroup == nil {
                    r.error(f["subkelompok"], "unknown_subgroup", "Subkelompok `\(code)` pada \(what) tidak dikenal (A sampai K).")
                } else if let category, category != .berkala, !alternatives.contains(.berkala) {
                    r.error(f["subkelompok"], "subgroup_without_berkala", "\(what) menyebut subkelompok \(code) tetapi kategorinya bukan berkala.")
                }
            }
            let grounds = r.strings(f["pengecualian"], field: "pengecualian", what: what)
            for code in grounds where !groundCodes.contains(code) {
                r.error(f["pengecualian"], "unknown_ground", "Dasar pengecualian `\(code)` pada \(what) tidak ada di pengecualian.yaml (contoh kode: 17h2, 17a1).")
            }
            if category == .dikecualikan && grounds.isEmpty {
                r.error(f["kategori"], "missing_ground", "\(what) menyarankan `dikecualikan` tetapi tidak menyebut `pengecualian` (dasar Pasal 17).")
            }
            let listEntry = r.string(f["butir"], field: "butir", what: what)
            if let code = listEntry {
                if let entry = self.listEntry(code) {
                    if let category, category != entry.category, !alternatives.contains(entry.category) {
                        r.error(f["butir"], "list_category_mismatch", "Butir `\(code)` termasuk \(entry.category.rawValue), tetapi \(what) menyarankan \(category.rawValue).")
                    }
                } else {
                    r.error(f["butir"], "unknown_list_entry", "Butir `\(code)` pada \(what) tidak ada di daftar serta_merta/setiap_saat kategori.yaml.")
                }
            }
            let pasal18Code = r.string(f["pasal_18"], field: "pasal_18", what: what)
            let lifts = r.strings(f["cabut"], field: "cabut", what: what)
            if let code = pasal18Code {
                if let lift = pasal18.first(where: { $0.code == code }) {
                    if lifts.isEmpty { r.error(f["pasal_18"], "missing_field", "\(what) menyebut pasal_18 tetapi tidak menyebut `cabut` (kode dasar yang dicabut).") }
                    for code in lifts where !lift.lifts.contains(where: { Self.covers($0, code) }) {
                        r.error(f["cabut"], "lift_not_allowed", "Pasal 18 `\(lift.code)` tidak dapat mencabut `\(code)`; yang boleh: \(lift.lifts.joined(separator: ", ")).")
                    }
                } else {
                    r.error(f["pasal_18"], "unknown_pasal18", "Kode `\(code)` pada \(what) tidak ada di pasal_18 pengecualian.yaml.")
                }
            } else if !lifts.isEmpty {
                r.error(f["cabut"], "missing_field", "\(what) menyebut `cabut` tanpa `pasal_18` (dasar pencabutannya).")
            }
            for code in lifts where !groundCodes.contains(code) {
                r.error(f["cabut"], "unknown_ground", "Kode dasar `\(code)` pada `cabut` \(what) tidak dikenal.")
            }
            if category == nil && subgroup == nil && grounds.isEmpty && lifts.isEmpty && listEntry == nil {
                r.error(node, "no_effect", "\(what) tidak berpengaruh apa pun: isi `kategori`, `subkelompok`, `pengecualian`, `butir` atau `cabut`.")
            }
            let exceptions = r.strings(f["kecuali"], field: "kecuali", what: what)
            let overrides = readOverrides(f["mengalahkan_kecuali"], exceptions: exceptions, what: what, reader: &r)
            rules.append(Rule(
                id: id,
                description: r.string(f["keterangan"], field: "keterangan", required: true, what: what) ?? id,
                editorNote: r.string(f["catatan"], field: "catatan", what: what),
                priority: priority, enabled: enabled, all: all,
                any: r.strings(f["salah_satu"], field: "salah_satu", what: what),
                none: exceptions,
                overrides: overrides,
                beatable: readBeatable(f["dapat_dikalahkan"], exceptions: exceptions, overrides: overrides, what: what, reader: &r),
                category: category ?? (subgroup != nil ? .berkala : nil),
                alternatives: alternatives, subgroup: subgroup, grounds: grounds, listEntry: listEntry,
                pasal18: pasal18Code, lifts: lifts,
                mustMatch: r.strings(f["contoh_cocok"], field: "contoh_cocok", what: what),
                mustNotMatch: r.strings(f["contoh_tidak_cocok"], field: "contoh_tidak_cocok", what: what),
                location: r.location(f["id"])))
        }
        return r.issues
    }

    /// A rule's `mengalahkan_kecuali` phrases. Refused, each at its own line: a phrase that is
    /// one of the rule's own `kecuali` phrases or holds one (matched exactly, both as written, a
    /// final "-nya" aside; such a phrase lies on its exception and could never beat it). A list
    /// on a rule without `kecuali` has nothing to beat (a warning).
    private func readOverrides(_ node: Node?, exceptions: [String], what: String, reader r: inout YAMLReader) -> [String] {
        let overrides = r.strings(node, field: "mengalahkan_kecuali", what: what)
        guard let node, !overrides.isEmpty else { return overrides }
        if exceptions.isEmpty {
            r.warning(node, "override_without_exception", "`mengalahkan_kecuali` pada \(what) tidak berpengaruh: aturan ini tidak punya `kecuali`.")
            return overrides
        }
        let exact = Morphology.exact
        func words(_ phrase: String) -> [String] { TextNormalizer.tokens(phrase).map(exact.key) }
        let exceptionWords = exceptions.map(words).filter { !$0.isEmpty }
        // Each phrase with its own node, for its line (`strings` skips what is not text).
        let elements = (node.sequence ?? [node]).filter { !($0.scalar?.string.trimmedWhitespace().isEmpty ?? true) }
        for (index, phrase) in overrides.enumerated() {
            let own = words(phrase)
            guard !own.isEmpty else { continue }
            let place = elements.count == overrides.count ? elements[index] : node
            if let same = exceptionWords.first(where: { $0 == own }) {
                r.error(place, "override_is_exception", "`mengalahkan_kecuali` \"\(phrase)\" pada \(what) juga tertulis di `kecuali` (\(same.joined(separator: " "))): "
                        + "kata yang sama tidak dapat sekaligus menggugurkan dan memberlakukan aturan. Hapus dari salah satunya.")
            } else if let held = exceptionWords.first(where: { RuleSet.contains(own, $0) }) {
                r.error(place, "override_is_exception", "`mengalahkan_kecuali` \"\(phrase)\" pada \(what) memuat kata `kecuali` \"\(held.joined(separator: " "))\" "
                        + "sehingga tidak pernah dapat mengalahkannya. Tulis frasa yang tidak memuat kata `kecuali` aturan ini.")
            }
        }
        return overrides
    }

    /// A rule's `dapat_dikalahkan` list (nil when absent): each entry must be one of the rule's own
    /// `kecuali` phrases (an error at its line otherwise), and the list needs `mengalahkan_kecuali`
    /// (a warning: without overrides nothing is beaten).
    private func readBeatable(_ node: Node?, exceptions: [String], overrides: [String], what: String,
                              reader r: inout YAMLReader) -> [String]? {
        guard let node else { return nil }
        let beatable = r.strings(node, field: "dapat_dikalahkan", what: what)
        if overrides.isEmpty {
            r.warning(node, "beatable_without_override", "`dapat_dikalahkan` pada \(what) tidak berpengaruh: aturan ini tidak punya `mengalahkan_kecuali`.")
        }
        let own = Set(exceptions.map(TextNormalizer.normalise))
        let elements = (node.sequence ?? [node]).filter { !($0.scalar?.string.trimmedWhitespace().isEmpty ?? true) }
        for (index, phrase) in beatable.enumerated() where !own.contains(TextNormalizer.normalise(phrase)) {
            let place = elements.count == beatable.count ? elements[index] : node
            r.error(place, "beatable_not_exception", "`dapat_dikalahkan` \"\(phrase)\" pada \(what) tidak tertulis di `kecuali` aturan ini: "
                    + "tulis di sini hanya kata `kecuali` yang boleh dikalahkan `mengalahkan_kecuali`.")
        }
        return beatable
    }

    /// Whether a lift entry covers a ground: the same code, or a letter ("17h") covering its
    /// sub-points ("17h2").
    static func covers(_ lift: String, _ ground: String) -> Bool {
        if lift == ground { return true }
        return lift.count == 3 && ground.hasPrefix(lift)
    }
}
