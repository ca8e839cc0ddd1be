import DIPCore
import Foundation

/// A decision some public body (or this PPID) took on one item: its title, the category it
/// gave, the Pasal 17 grounds it cited, who decided and where it is written.
public struct Precedent: Hashable, Sendable {
    /// Where a precedent comes from. The PPID's own decisions outrank the shipped corpus.
    public enum Origin: String, Codable, Hashable, Sendable {
        /// rules/preseden.csv: decisions other bodies published.
        case corpus = "korpus"
        /// The register: this PPID's consequence tests, approvals, returns, reclassifications.
        case ppid
    }

    public var title: String
    public var category: Category
    /// Pasal 17 codes ("17h2", "17b"); empty when the body stated none.
    public var grounds: [String]
    /// The public body (for the PPID's own decisions: the unit).
    public var body: String
    public var bodyKind: String
    /// The address, repository path or register entry the decision is written in.
    public var source: String
    public var origin: Origin
    /// The line of preseden.csv (corpus entries).
    public var location: RuleFileLocation?

    public init(title: String, category: Category, grounds: [String], body: String, bodyKind: String = "",
                source: String, origin: Origin = .corpus, location: RuleFileLocation? = nil) {
        self.title = title
        self.category = category
        self.grounds = grounds
        self.body = body
        self.bodyKind = bodyKind
        self.source = source
        self.origin = origin
        self.location = location
    }
}

/// How much of a corpus body's own name is left out when its titles are read as precedents
/// (similarity terms) or learned from (the learned layer). A body that names itself in its
/// titles ("Peta Jabatan LLDikti Wilayah IV", "… di LLDikti Wilayah XI") says who holds the
/// item, not what it is; read as content, the name made every title of a sibling body naming
/// itself the same way near to that body's withheld titles (docs/classification.md §35, §39).
public enum BodyNameCut: Int, Hashable, Sendable {
    /// The title is read as written.
    case none = 0
    /// Every word of the title that is a word of the body's name (by stem) is left out, also
    /// words that say what the item is ("koperasi" in a cooperatives office's titles).
    case allWords = 1
    /// Only the words of the name that are no Indonesian word (proper names and acronyms:
    /// "LLDikti", "Bekasi", "XI"; not a known office abbreviation, which names a kind of
    /// thing) are left out, and the whole name where the title writes it out ("… Balai
    /// Wilayah Timur").
    case properNames = 2
}

extension Precedent {
    /// The tokens of `tokens` (this precedent's title as matching reads it) that are its own
    /// body naming itself, by `cut`; empty for the PPID's own decisions and the law's lists
    /// (their "body" is a unit or the statute, not a name written into titles).
    public func ownNameTokens(_ tokens: [String], morphology: Morphology, cut: BodyNameCut) -> Set<String> {
        guard cut != .none, origin == .corpus, body != RuleSet.statutoryBody else { return [] }
        let name = morphology.matchTokens(body)
        guard !name.isEmpty else { return [] }
        switch cut {
        case .none:
            return []
        case .allWords:
            let keys = Set(name.map(morphology.key))
            return Set(tokens.filter { keys.contains(morphology.key($0)) })
        case .properNames:
            let nameWords = Set(name)
            var cut = Set(tokens.filter { token in
                nameWords.contains(token) && token.count >= 2 && !token.allSatisfy(\.isNumber)
                    && !morphology.roots.contains(morphology.key(token)) && morphology.abbreviations[token] == nil
            })
            // The whole name written out in the title.
            if name.count <= tokens.count {
                for start in 0...(tokens.count - name.count) where Array(tokens[start..<(start + name.count)]) == name {
                    cut.formUnion(name)
                }
            }
            return cut
        }
    }
}

/// What the register knows of the PPID's own decisions, given to the classifier as values so
/// that Rules does not depend on the register.
public protocol PPIDDecisionSource {
    /// Every decision of the PPID usable as a precedent (the item's title, the category it
    /// ended in, the grounds of its test).
    func ppidDecisions() throws -> [Precedent]
}

// MARK: - The corpus file

/// rules/preseden.csv: `judul,kategori,pasal17,badan,jenis_badan,sumber`.
public enum PrecedentCorpus {
    public static let fileName = "preseden.csv"
    public static let columns = ["judul", "kategori", "pasal17", "badan", "jenis_badan", "sumber"]

    /// Reads the corpus; every problem is an issue with file and line. Rows with errors are
    /// left out.
    public static func read(_ text: String, file: String = fileName,
                            isKnownGround: (String) -> Bool) -> (precedents: [Precedent], issues: [RuleIssue]) {
        var issues: [RuleIssue] = []
        func error(_ line: Int, _ code: String, _ message: String) {
            issues.append(RuleIssue(severity: .error, location: RuleFileLocation(file: file, line: line), code: code, message: message))
        }
        let records = CSVText.records(text)
        guard let header = records.first else {
            error(1, "missing_header", "Berkas \(file) kosong: baris pertama harus berisi kolom \(columns.joined(separator: ",")).")
            return ([], issues)
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() { index[name] = position }
        let missing = columns.filter { index[$0] == nil }
        if !missing.isEmpty {
            error(header.line, "missing_column", "Kolom \(missing.joined(separator: ", ")) tidak ada. Baris pertama harus: \(columns.joined(separator: ",")).")
            return ([], issues)
        }
        for unknown in names where !columns.contains(unknown) && !unknown.isEmpty {
            issues.append(RuleIssue(severity: .warning, location: RuleFileLocation(file: file, line: header.line),
                                    code: "unknown_column", message: "Kolom `\(unknown)` tidak dikenal dan diabaikan."))
        }
        var precedents: [Precedent] = []
        for record in records.dropFirst() {
            let fields = record.fields
            if fields.allSatisfy({ $0.trimmedWhitespace(newlines: false).isEmpty }) { continue }
            if fields.count != names.count {
                error(record.line, "column_count", "Baris berisi \(fields.count) kolom, seharusnya \(names.count).")
                continue
            }
            func value(_ column: String) -> String { fields[index[column]!].trimmedWhitespace() }
            let title = value("judul")
            var ok = true
            if title.isEmpty { error(record.line, "missing_field", "Kolom judul kosong."); ok = false }
            let categoryText = value("kategori")
            let category = Category(rawValue: categoryText)
            if category == nil {
                error(record.line, "unknown_category", "Kategori `\(categoryText)` tidak dikenal. Kode yang sah: berkala, serta_merta, setiap_saat, dikecualikan.")
                ok = false
            }
            var grounds: [String] = []
            for code in value("pasal17").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !code.isEmpty {
                if isKnownGround(code) {
                    grounds.append(code)
                } else {
                    error(record.line, "unknown_ground", "Dasar `\(code)` tidak ada di pengecualian.yaml (tulis seperti 17h2, 17b, 17j; beberapa dipisah `;`).")
                    ok = false
                }
            }
            if !grounds.isEmpty, let category, category != .dikecualikan {
                error(record.line, "ground_on_open", "Dasar Pasal 17 hanya untuk kategori dikecualikan (baris ini: \(category.rawValue)).")
                ok = false
            }
            let body = value("badan")
            if body.isEmpty { error(record.line, "missing_field", "Kolom badan kosong: tulis nama badan publik yang memutuskan."); ok = false }
            let source = value("sumber")
            if source.isEmpty { error(record.line, "missing_field", "Kolom sumber kosong: tulis alamat atau dokumen sumbernya."); ok = false }
            guard ok, let category else { continue }
            precedents.append(Precedent(title: title, category: category, grounds: grounds, body: body,
                                        bodyKind: value("jenis_badan"), source: source, origin: .corpus,
                                        location: RuleFileLocation(file: file, line: record.line)))
        }
        return (precedents, issues)
    }
}

/// A small RFC 4180 reader (comma or semicolon, quotes, line breaks inside quotes), enough for
/// the corpus and labelled lists; each record keeps the line it starts on.
public enum CSVText {
    public struct Record: Sendable {
        public var fields: [String]
        public var line: Int
    }

    public static func records(_ text: String) -> [Record] {
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var atFieldStart = true
        var iterator = body.makeIterator()
        var pending: Character?
        func endRecord() {
            fields.append(field)
            records.append(Record(fields: fields, line: recordLine))
            fields = []
            field = ""
            atFieldStart = true
        }
        while let char = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if char == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else {
                    if char == "\n" || char == "\r\n" { line += 1 }
                    field.append(char)
                }
                continue
            }
            switch char {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case separator:
                fields.append(field)
                field = ""
                atFieldStart = true
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(char)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}

// MARK: - The index

/// Precedents indexed by the stems of their titles (an inverted index with IDF weights), so
/// that the nearest precedents of an item are found in a few microseconds.
public final class PrecedentIndex: Sendable {
    public let precedents: [Precedent]
    let morphology: Morphology
    private let termIDs: [String: Int32]
    private let idf: [Float]
    private let postings: [[Int32]]
    private let norms: [Float]
    private let termCounts: [Int]
    /// Titles of one content word as written ("NPWP", "IMB"), whatever their abbreviation
    /// expands to.
    private let oneWordTitles: [Bool]
    /// Normalised titles, to group identical titles of several bodies.
    let titleKeys: [String]
    /// Each precedent's category, origin, grounds and body, apart: the verdict reads them for
    /// every neighbour, and copying whole `Precedent` values was a large part of its cost.
    let categories: [Category]
    /// The open category most precedents have (nil without open precedents; ties: the first
    /// in `Category.allCases`).
    let commonOpenCategory: Category?
    let origins: [Precedent.Origin]
    /// Corpus titles that read as English (`Morphology.readsInEnglish`), decided once here: a
    /// note quoting one labels it, and deciding it per shown hit cost classify-distinct about
    /// a fifth of its time (session 23).
    let englishTitles: [Bool]
    let groundLists: [[String]]
    let bodies: [String]
    /// Ids of the explanation groups (same title key, category and origin) and of the bodies,
    /// so that the verdict groups and counts its voters without building strings.
    let groupIDs: [Int32]
    let bodyIDs: [Int32]

    /// Words that carry no meaning for similarity.
    static let stopWords: Set<String> = [
        "dan", "atau", "yang", "di", "ke", "dari", "untuk", "dengan", "oleh", "pada", "dalam", "atas",
        "tentang", "serta", "beserta", "per", "tahun", "th", "thn", "ta", "no", "nomor", "the", "of",
        "a", "b", "c", "d", "e", "i", "ii", "iii", "iv", "v", "bagi", "sebagai", "secara", "lain",
        "lainnya", "tersebut", "ini", "itu", "terkait", "mengenai", "kabupaten", "kota", "provinsi",
        "pemerintah", "badan", "dinas", "kantor", "sd", "s", "yg", "dgn", "dll", "dsb",
        // Words nearly every title has ("dokumen …", "informasi …", "data …").
        "dokumen", "informasi", "data", "berkas", "arsip", "hal", "segala", "jenis", "lingkungan",
    ]

    /// How much of each corpus body's own name its titles' similarity terms leave out.
    public let bodyNameCut: BodyNameCut
    /// The units' and bodies' names left out where the PPID's own decisions are compared with a
    /// text (nil: none). See `NameWords`.
    let names: NameWords?
    /// Each precedent is compared with a text without the names of both (`names`): the PPID's
    /// own decisions, unless the title is nothing but names.
    private let cutsNames: [Bool]
    /// Some precedent is compared without names.
    let hasNameCut: Bool

    /// `names`: where given, the PPID's own decisions (origin `.ppid`) and the texts compared
    /// with them leave those name words out of their similarity terms; the corpus is read as
    /// before (docs/classification.md §39.1, §53).
    public init(precedents: [Precedent], morphology: Morphology,
                bodyNameCut: BodyNameCut = PrecedentPolicy.standard.precedentsLeaveOutBodyNames, names: NameWords? = nil) {
        self.precedents = precedents
        self.morphology = morphology
        self.bodyNameCut = bodyNameCut
        let names = names.flatMap { $0.isEmpty ? nil : $0 }
        self.names = names
        var termIDs: [String: Int32] = [:]
        var documents: [[Int32]] = []
        var titleKeys: [String] = []
        var cutsNames: [Bool] = []
        var oneWordTitles: [Bool] = []
        func isOneWord(_ tokens: [String]) -> Bool {
            tokens.filter { $0.count >= 2 && !Self.stopWords.contains($0) && !$0.allSatisfy(\.isNumber) }.count == 1
        }
        for precedent in precedents {
            var terms = Self.terms(precedent.title, morphology: morphology)
            // Explanation groups stay by the whole title; similarity leaves the body's name out.
            titleKeys.append(terms.sorted().joined(separator: " "))
            var oneWord = isOneWord(TextNormalizer.tokens(precedent.title))
            var cut = false
            if let names, precedent.origin == .ppid {
                let tokens = morphology.matchTokens(precedent.title)
                let mask = names.mask(tokens)
                if mask.contains(true) {
                    let kept = zip(tokens, mask).filter { !$0.1 }.map(\.0)
                    let keptTerms = Self.terms(tokens: kept, morphology: morphology)
                    // A title of names alone ("RSUD dr. Drajat Prawiranegara") is compared whole.
                    if !keptTerms.isEmpty {
                        terms = keptTerms
                        oneWord = isOneWord(kept)
                        cut = true
                    }
                } else {
                    cut = true
                }
            }
            cutsNames.append(cut)
            oneWordTitles.append(oneWord)
            if bodyNameCut != .none {
                let tokens = morphology.matchTokens(precedent.title)
                let own = precedent.ownNameTokens(tokens, morphology: morphology, cut: bodyNameCut)
                if !own.isEmpty { terms = Self.terms(tokens: tokens.filter { !own.contains($0) }, morphology: morphology) }
            }
            var ids = Set<Int32>()
            // Ids in sorted term order, not the set's: a Swift set's order is seeded per
            // instance, and ids decide the order the similarity sums add in. Ids from the
            // set's order made two indexes of the same corpus (or two runs) differ in the last
            // bits of a similarity, enough to print 77 % once and 78 % the next time.
            for term in terms.sorted() {
                let id = termIDs[term] ?? {
                    let id = Int32(termIDs.count)
                    termIDs[term] = id
                    return id
                }()
                ids.insert(id)
            }
            documents.append(ids.sorted())
        }
        var df = [Int](repeating: 0, count: termIDs.count)
        for document in documents { for id in document { df[Int(id)] += 1 } }
        let count = Float(max(precedents.count, 1))
        let idf = df.map { Float(log(1.0 + Double(count) / Double(max($0, 1)))) }
        var postings = [[Int32]](repeating: [], count: termIDs.count)
        var norms: [Float] = []
        for (index, document) in documents.enumerated() {
            var sum: Float = 0
            for id in document {
                postings[Int(id)].append(Int32(index))
                sum += idf[Int(id)] * idf[Int(id)]
            }
            norms.append(sum.squareRoot())
        }
        self.termIDs = termIDs
        self.idf = idf
        self.postings = postings
        self.norms = norms
        self.termCounts = documents.map(\.count)
        self.oneWordTitles = oneWordTitles
        self.cutsNames = cutsNames
        hasNameCut = cutsNames.contains(true)
        self.titleKeys = titleKeys
        categories = precedents.map(\.category)
        var openCounts: [Category: Int] = [:]
        for precedent in precedents where precedent.category != .dikecualikan { openCounts[precedent.category, default: 0] += 1 }
        commonOpenCategory = Category.allCases.filter { openCounts[$0] != nil }
            .max { (openCounts[$0]!, $1.rawValue) < (openCounts[$1]!, $0.rawValue) }
        origins = precedents.map(\.origin)
        englishTitles = precedents.map { precedent in
            precedent.origin == .corpus && morphology.readsInEnglish(TextNormalizer.tokens(precedent.title))
        }
        groundLists = precedents.map(\.grounds)
        bodies = precedents.map(\.body)
        var groupIDs: [String: Int32] = [:]
        var bodyIDs: [String: Int32] = [:]
        self.groupIDs = precedents.indices.map { i in
            let key = titleKeys[i] + "|" + precedents[i].category.rawValue + "|" + precedents[i].origin.rawValue
            if let id = groupIDs[key] { return id }
            let id = Int32(groupIDs.count)
            groupIDs[key] = id
            return id
        }
        self.bodyIDs = precedents.map { precedent in
            if let id = bodyIDs[precedent.body] { return id }
            let id = Int32(bodyIDs.count)
            bodyIDs[precedent.body] = id
            return id
        }
    }

    /// The distinct similarity terms of a text: keys of its words (and of the expansion of its
    /// abbreviations), without stop words and numbers.
    static func terms(_ text: String, morphology: Morphology) -> Set<String> {
        terms(tokens: morphology.matchTokens(text), morphology: morphology)
    }

    static func terms(tokens: [String], morphology: Morphology) -> Set<String> {
        var terms = Set<String>()
        func add(_ words: [String]) {
            for word in words { if let key = termKey(word, morphology: morphology) { terms.insert(key) } }
        }
        add(tokens)
        if let expanded = morphology.expanded(tokens) { add(expanded) }
        return terms
    }

    /// The similarity term of one word: its key, or nil for a stop word, a number or a word of
    /// one letter (before or after stemming).
    static func termKey(_ word: String, morphology: Morphology) -> String? {
        guard word.count >= 2, !stopWords.contains(word), !word.allSatisfy(\.isNumber) else { return nil }
        let key = morphology.key(word)
        return stopWords.contains(key) ? nil : key
    }

    /// One precedent near a text.
    public struct Neighbour: Hashable, Sendable {
        public var index: Int
        public var similarity: Double
        /// The IDF-weighted share of the precedent's own stems that the text holds (1 when the
        /// text contains every word of the precedent's title).
        public var containment: Double = 0
        /// How many stems the text and the precedent share, and how many the precedent has.
        public var shared = 0
        public var terms = 0
        /// The precedent's title is one content word as written.
        public var oneWord = false
    }

    /// The precedents whose titles share stems with the text, most similar first (cosine of
    /// IDF-weighted stem sets), at most `limit`, each at least `minimum` similar. `allowed`
    /// filters precedents (e.g. training bodies only).
    public func nearest(tokens: [String], limit: Int = 12, minimum: Double = 0.05) -> [Neighbour] {
        guard !precedents.isEmpty else { return [] }
        let terms = Self.terms(tokens: tokens, morphology: morphology)
        // Sorted: the sums below then add in one order, whatever the set's (seeded) order.
        let query = terms.compactMap { termIDs[$0] }.sorted()
        var withoutNames: NameCutQuery?
        if hasNameCut, let names {
            let mask = names.mask(tokens)
            let kept = mask.contains(true) ? Self.terms(tokens: zip(tokens, mask).filter { !$0.1 }.map(\.0), morphology: morphology) : terms
            let keptQuery = kept.compactMap { termIDs[$0] }.sorted()
            withoutNames = NameCutQuery(query: keptQuery, unknownTerms: kept.count - keptQuery.count)
        }
        return nearest(query: query, unknownTerms: terms.count - query.count, withoutNames: withoutNames, limit: limit, minimum: minimum)
    }

    /// A text's terms without its name words (`NameWords`): what the PPID's own decisions are
    /// compared with. Distinct corpus term ids (ascending, a subset of the whole text's) and the
    /// number of its other distinct terms, which the corpus lacks.
    struct NameCutQuery {
        var query: [Int32]
        var unknownTerms: Int
    }

    /// The id of a similarity term (a key from `terms`) in the corpus, or nil when no
    /// precedent's title has it.
    func termID(_ key: String) -> Int32? { termIDs[key] }

    /// How many distinct terms the corpus has (ids 0..<termCount).
    var termCount: Int { termIDs.count }

    /// `nearest(tokens:)` from the text's distinct corpus term ids (ascending) and the number of
    /// its distinct terms the corpus lacks; `withoutNames`, the same without its name words, for
    /// the precedents compared without names (`cutsNames`; nil when none is).
    func nearest(query: [Int32], unknownTerms: Int, withoutNames: NameCutQuery? = nil, limit: Int, minimum: Double) -> [Neighbour] {
        guard !precedents.isEmpty, !query.isEmpty else { return [] }
        // Terms the corpus lacks still count in the text's norm (with the weight of a term
        // seen once): an item about something no precedent mentions is not similar to anything.
        let rare = Float(log(1.0 + Double(precedents.count)))
        var queryNorm = Float(unknownTerms) * rare * rare
        for id in query { queryNorm += idf[Int(id)] * idf[Int(id)] }
        // The text's name words, which the precedents compared without names do not count.
        var cutQueryNorm = queryNorm
        var nameOnly: [Int32] = []
        if hasNameCut, let withoutNames {
            cutQueryNorm = Float(withoutNames.unknownTerms) * rare * rare
            for id in withoutNames.query { cutQueryNorm += idf[Int(id)] * idf[Int(id)] }
            nameOnly = query.filter { !withoutNames.query.contains($0) }
        }
        // Scratch space for the sums on the stack (a few KB for the corpus), not two arrays
        // allocated, zeroed and freed for every text (classify-distinct, session 22).
        let count = precedents.count
        // The precedents in the order the postings first reach them: each posting writes its
        // precedent at the end of the list and the end moves on only at a first touch (no
        // branch to mispredict in the loop that runs over every posting of every term).
        var postingCount = 0
        for id in query { postingCount += postings[Int(id)].count }
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { scores in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { sharedCounts in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: postingCount + 1) { touched in
                    scores.initialize(repeating: 0)
                    sharedCounts.initialize(repeating: 0)
                    var touchedCount = 0
                    for id in query {
                        let weight = idf[Int(id)] * idf[Int(id)]
                        if !nameOnly.isEmpty && nameOnly.contains(id) {
                            // A name word of the text: not shared with a precedent compared without names.
                            for document in postings[Int(id)] where !cutsNames[Int(document)] {
                                touched[touchedCount] = document
                                touchedCount += scores[Int(document)] == 0 ? 1 : 0
                                scores[Int(document)] += weight
                                sharedCounts[Int(document)] &+= 1
                            }
                            continue
                        }
                        for document in postings[Int(id)] {
                            // At most one step per posting: within `postingCount`.
                            touched[touchedCount] = document
                            touchedCount += scores[Int(document)] == 0 ? 1 : 0
                            scores[Int(document)] += weight
                            sharedCounts[Int(document)] &+= 1
                        }
                    }
                    return best(touched: UnsafeBufferPointer(rebasing: touched[..<touchedCount]), scores: scores,
                                sharedCounts: sharedCounts, queryNorm: queryNorm, cutQueryNorm: cutQueryNorm,
                                limit: limit, minimum: minimum)
                }
            }
        }
    }

    /// The best `limit` of the touched precedents, kept sorted while scanning (most similar
    /// first, then the lower index): the same list as sorting every neighbour and taking the
    /// first `limit`, since the order is total. Common words touch hundreds of precedents.
    private func best(touched: UnsafeBufferPointer<Int32>, scores: UnsafeMutableBufferPointer<Float>,
                      sharedCounts: UnsafeMutableBufferPointer<UInt8>, queryNorm: Float, cutQueryNorm: Float,
                      limit: Int, minimum: Double) -> [Neighbour] {
        let qn = queryNorm.squareRoot()
        let cutQN = cutQueryNorm.squareRoot()
        var found: [Neighbour] = []
        found.reserveCapacity(limit + 1)
        func before(_ a: Neighbour, _ b: Neighbour) -> Bool { (a.similarity, -a.index) > (b.similarity, -b.index) }
        for document in touched {
            let score = scores[Int(document)]
            let norm = norms[Int(document)]
            let similarity = Double(score / ((hasNameCut && cutsNames[Int(document)] ? cutQN : qn) * norm))
            guard similarity >= minimum, limit > 0 else { continue }
            // Most touched precedents are not among the best once the list is full: compared
            // before their neighbour is built (the same test as `before` below).
            if found.count == limit, !((similarity, -Int(document)) > (found[limit - 1].similarity, -found[limit - 1].index)) { continue }
            let neighbour = Neighbour(index: Int(document), similarity: similarity, containment: Double(score / (norm * norm)),
                                      shared: Int(sharedCounts[Int(document)]), terms: termCounts[Int(document)],
                                      oneWord: oneWordTitles[Int(document)])
            if found.count == limit {
                guard before(neighbour, found[limit - 1]) else { continue }
                found.removeLast()
            }
            var position = found.count
            while position > 0 && before(neighbour, found[position - 1]) { position -= 1 }
            found.insert(neighbour, at: position)
        }
        return found
    }
}
