import DIPCore
import Foundation
import XCTest
import Yams
@testable import Rules

/// The classifier's token table (each token stemmed and looked up once, candidate rules by
/// phrase, top-k precedents) must give exactly what the plain path gives: every matcher and
/// the precedent index tokenising, stemming and looking words up themselves.
final class FastAnalysisTests: XCTestCase {
    /// Texts from every source at hand: the corpus titles, the labelled sets, the example inbox
    /// lines, and variants (serial numbers, abbreviations, "-nya", case, open markers).
    private func texts() throws -> [String] {
        var texts = defaultRules.precedents.map(\.title)
        for file in ["labelled-items.yaml", "heldout-items.yaml", "heldout2-items.yaml", "heldout3-items.yaml"] {
            let text = try String(contentsOf: Paths.fixtures.appendingPathComponent(file), encoding: .utf8)
            texts += try YAMLDecoder().decode(LabelledSetTests.Fixture.self, from: text).items.map(\.teks)
        }
        let inbox = Paths.root.appendingPathComponent("examples/inbox")
        let files = FileManager.default.enumerator(at: inbox, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "csv" }.sorted { $0.path < $1.path } ?? []
        XCTAssertFalse(files.isEmpty, "example inbox CSV files")
        for file in files {
            texts += try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        }
        XCTAssertGreaterThan(texts.count, 1_000)
        let base = texts
        for (n, text) in base.enumerated() where n % 3 == 0 {
            texts.append("\(text) nomor \(n) tahun \(2019 + n % 8)")
            texts.append(text.uppercased() + "NYA")
            texts.append("LHP SPJ \(text) jumlah rekap KTP")
        }
        texts += ["", "17", "2024", "Pasal 17 huruf h", "Rekam medis pasien; NIK; KK", "Data pribadinya dinilai",
                  "Şifre sunucu — konfigurasi jaringan", "Qwerty zxcvb 123456",
                  "Nama & alamat penerima bansos", "nama&alamat apotek", "Diagram P&ID K3&L",
                  "Nama &amp; alamat penerima bansos", "&quot;Rekam medis&quot; pasien &#39;KIS&#39;", "caf&#233; &#x26; resto"]
        // Units' and the body's names written out, whose exceptions and open markers the rules
        // do not read (`RuleSet.nameMask`): inside, around, and cut short.
        for (n, name) in (defaultRules.units.units.map(\.name) + ["Pemerintah Kabupaten Serang", "Kabupaten Serang"]).enumerated() {
            let text = base[(n * 37) % base.count]
            texts += ["\(text) \(name)", "Statistik \(text) \(name) tahun 2025", "\(name) \(name)",
                      "\(text) " + name.split(separator: " ").dropLast().joined(separator: " ")]
        }
        return texts
    }

    private func assertSameAnalyses(_ classifier: Classifier, _ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        let plain = classifier.withPlainPath()
        var differing: [String] = []
        // Twice: the first pass fills the token table, the second reads it.
        for _ in 0..<2 {
            for text in texts {
                let tokens = TextNormalizer.tokens(text)
                let fast = classifier.analysis(tokens: tokens)
                let reference = plain.referenceAnalysis(tokens: tokens)
                if fast != reference { differing.append(text) }
            }
        }
        XCTAssertEqual(differing, [], "texts analysed differently", file: file, line: line)
    }

    func testTokenTableEqualsThePlainPathOnCorpusLabelledAndExampleTexts() throws {
        let texts = try texts()
        let classifier = Classifier(ruleSet: defaultRules)
        assertSameAnalyses(classifier, texts)
        // Whole classifications, with each declared category.
        let plain = classifier.withPlainPath()
        var differing = 0
        let declarations: [Category?] = [nil] + Category.allCases
        for (n, text) in texts.enumerated() {
            let probe = item(text, declared: declarations[n % declarations.count], basis: n % 7 == 0 ? "Pasal 17 huruf h" : nil)
            if classifier.classify(probe) != plain.classify(probe) { differing += 1 }
        }
        XCTAssertEqual(differing, 0)
        // The comparison can fail: a verdict and a firing list are compared field by field.
        let some = classifier.analysis(tokens: TextNormalizer.tokens("Rekam medis pasien"))
        XCTAssertNotEqual(some, plain.referenceAnalysis(tokens: TextNormalizer.tokens("Jadwal pengangkutan sampah")))
    }

    /// The learned layer fed from the token table (feature ids looked up once per distinct
    /// word) assesses every text exactly as `LearnedModel.assess(tokens:)` does: probability,
    /// named words, open category, Pasal 17 letter, evidence counts.
    func testLearnedLayerFromTheTokenTableEqualsItsOwnReading() throws {
        let classifier = Classifier(ruleSet: defaultRules)
        let model = classifier.learnedModel
        var differing: [String] = []
        var assessed = 0, named = 0, expandedNamed = 0
        for text in try texts() {
            let tokens = TextNormalizer.tokens(text)
            let table = classifier.analysis(tokens: tokens).assessment
            let own = model.assess(tokens: tokens)
            if table != own { differing.append(text) }
            if let own {
                assessed += 1
                if !own.withheldWords.isEmpty || !own.openWords.isEmpty { named += 1 }
                if defaultRules.morphology.expanded(tokens) != nil { expandedNamed += 1 }
            }
        }
        XCTAssertEqual(differing, [], "texts the layer assessed differently from the token table")
        // The comparison covers assessments with named words and with abbreviation expansions.
        XCTAssertGreaterThan(assessed, 1_000)
        XCTAssertGreaterThan(named, 500)
        XCTAssertGreaterThan(expandedNamed, 100)
        // And it can fail: two texts' assessments differ.
        XCTAssertNotEqual(model.assess(tokens: TextNormalizer.tokens("Rekam medis pasien")),
                          classifier.analysis(tokens: TextNormalizer.tokens("Jadwal pengangkutan sampah")).assessment)
    }

    /// PPID decisions with words the shipped corpus lacks (ids after the corpus's own terms).
    func testTokenTableEqualsThePlainPathWithPPIDDecisions() throws {
        let own = [
            Precedent(title: "Catatan qwerty bimbingan skripsi mahasiswa", category: .dikecualikan, grounds: ["17h"],
                      body: "PPID sendiri", source: "register", origin: .ppid),
            Precedent(title: "Zxcvb rekapitulasi pengaduan warga", category: .setiapSaat, grounds: [],
                      body: "PPID sendiri", source: "register", origin: .ppid),
        ]
        let classifier = Classifier(ruleSet: defaultRules, ppidDecisions: own)
        var texts = try texts()
        texts += ["Catatan qwerty bimbingan", "zxcvb qwerty asdfg pengaduan", "Rekapitulasi pengaduan zxcvb 2025"]
        assertSameAnalyses(classifier, texts)
    }

    /// PPID decisions whose titles name the example regency's units, compared without those
    /// names (`NameWords`, docs/classification.md §53): the token table leaves the same words out
    /// as the plain path, also a name written in another spelling, an abbreviation beside a name
    /// and a word the corpus lacks.
    func testTokenTableEqualsThePlainPathWithUnitNamesLeftOut() throws {
        let units = try UnitDirectory.load(directory: Paths.rules)
        XCTAssertGreaterThan(units.units.count, 10)
        let own = [
            Precedent(title: "Data rekam medis pasien RSUD dr. Drajat Prawiranegara", category: .dikecualikan, grounds: ["17h2"],
                      body: "RSUD dr. Dradjat Prawiranegara", source: "register", origin: .ppid),
            Precedent(title: "Profil Kecamatan Ciruas qwerty", category: .berkala, grounds: [],
                      body: "Kecamatan Ciruas", source: "register", origin: .ppid),
            Precedent(title: "Dinas Kesehatan", category: .berkala, grounds: [], body: "Dinas Kesehatan", source: "register", origin: .ppid),
        ]
        let classifier = Classifier(ruleSet: defaultRules, ppidDecisions: own, units: units)
        XCTAssertTrue(classifier.precedentIndex.hasNameCut)
        var texts = try texts()
        texts += ["Profil RSUD dr. Dradjat Prawiranegara", "Laporan keuangan RSUD dr. Drajat Prawiranegara Tahun 2025",
                  "LHP SPJ Kecamatan Ciruas qwerty", "Data tenaga kesehatan Dinas Kesehatan", "Dinas Kesehatan",
                  "Kecamatan Ciruas", "Rekam medis pasien RSUD Malingping zxcvb"]
        assertSameAnalyses(classifier, texts)
        // With the units' names kept in the comparison with the corpus (standard until session 28, §57).
        var policy = PrecedentPolicy.standard
        policy.itemsLeaveOutUnitNames = false
        assertSameAnalyses(Classifier(ruleSet: defaultRules, ppidDecisions: own, units: units, policy: policy), texts)
        assertSameAnalyses(Classifier(ruleSet: defaultRules, policy: policy), texts)
    }

    /// The token table keeps what each token is to the units' names (`NameWords.facts`); the masks
    /// read from those facts (`mask`, `writtenOutMask`) must be those of the tokens, with whole
    /// names that hold a number or an old spelling, names inside names, and names cut off at the
    /// end of a text.
    func testNameWordFactsGiveTheMaskOfTheTokens() throws {
        let units = try UnitDirectory.load(directory: Paths.rules)
        let names = NameWords(names: Classifier.unitNames(units) + ["SMP Negeri 1 Ciruas", "SMP Negeri 1", "Dinas Kesehatan",
                                                                    "Tjipto Soedjono", "Badan Penanggulangan Bencana Daerah"],
                              morphology: defaultRules.morphology)
        XCTAssertFalse(names.wholeNameIDs.isEmpty)
        var texts = try texts()
        let written = units.units.map(\.name) + ["SMP Negeri 1 Ciruas", "SMP NEGERI 1", "Tjipto Soedjono", "Cipto Sujono",
                                                 "Badan Penanggulangan Bencana", "Dinas Kesehatan Dinas Kesehatan"]
        for (n, name) in written.enumerated() {
            texts.append("Laporan keuangan \(name) Tahun \(2019 + n % 7)")
            texts.append("\(name) - Profil")
            texts.append("Profil \(name)")
        }
        var marked = 0
        for text in texts {
            let tokens = defaultRules.morphology.matchTokens(text)
            let mask = names.mask(tokens)
            if mask.contains(true) { marked += 1 }
            let facts = tokens.map(names.facts)
            XCTAssertEqual(names.mask(facts), mask, text)
            XCTAssertEqual(names.writtenOutMask(count: facts.count) { facts[$0] }, names.writtenOutMask(tokens), text)
            for token in tokens where token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                XCTAssertEqual(names.numberFacts(token), names.facts(token), token)
            }
        }
        XCTAssertTrue(names.hasNumberWords)
        XCTAssertTrue(names.numberFacts("1").word >= 0, "the 1 of SMP Negeri 1")
        let plain = NameWords(names: ["RSUD Malingping", "Kecamatan Ciruas"], morphology: defaultRules.morphology)
        XCTAssertFalse(plain.hasNumberWords)
        for token in ["1", "2025", "17"] { XCTAssertEqual(plain.numberFacts(token), plain.facts(token)) }
        XCTAssertGreaterThan(marked, 3 * written.count, "texts holding a name")
        let none = NameWords(names: [], morphology: defaultRules.morphology)
        XCTAssertEqual(none.mask(["profil", "rsud"].map(none.facts)), [false, false])
    }

    func testNumbersThatRulesNameStillMatch() {
        // Numbers outside every vocabulary skip the table; one a phrase names must not.
        let rules = try? RuleSet.load(files: [("kategori.yaml", defaultRulesText("kategori.yaml")),
                                              ("pengecualian.yaml", defaultRulesText("pengecualian.yaml")),
                                              ("aturan.yaml", """
        aturan:
          - id: uu-17-2003
            keterangan: Undang-undang 17 tahun 2003
            prioritas: 50
            kategori: setiap_saat
            salah_satu: ["uu 17 2003"]
            contoh_cocok: ["Salinan UU 17 2003"]
        """)])
        guard let rules else { return XCTFail("rules do not load") }
        let classifier = Classifier(ruleSet: rules, precedents: [])
        XCTAssertTrue(classifier.storageKnowsNumber("17"))
        let tokens = TextNormalizer.tokens("Salinan UU 17 2003")
        XCTAssertEqual(classifier.analysis(tokens: tokens).firings.map(\.rule.id), ["uu-17-2003"])
        XCTAssertEqual(classifier.analysis(tokens: tokens), classifier.withPlainPath().referenceAnalysis(tokens: tokens))
    }

    private func defaultRulesText(_ name: String) -> String {
        (try? String(contentsOf: Paths.rules.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    /// A text read before is handed back from the memo (the same analysis, not one analysed
    /// again), and texts whose tokens differ only in where words split are told apart: the
    /// memo's key keeps its hash, but equal keys still need equal tokens (session 22).
    func testMemoHandsBackTheAnalysisItKeptAndTellsTextsApart() {
        let classifier = Classifier(ruleSet: defaultRules)
        let plain = classifier.withPlainPath()
        let split = ["rekam", "medis", "pasien"], joined = ["rekammedis", "pasien"]
        let first = classifier.analysis(tokens: split)
        XCTAssertTrue(first === classifier.analysis(tokens: split))
        let other = classifier.analysis(tokens: joined)
        XCTAssertFalse(first === other)
        XCTAssertEqual(first, plain.referenceAnalysis(tokens: split))
        XCTAssertEqual(other, plain.referenceAnalysis(tokens: joined))
        XCTAssertNotEqual(first, other)
        XCTAssertEqual(classifier.classify(item("Rekam medis pasien")), classifier.classify(item("Rekam medis pasien")))
    }

    /// The phrase scan meets at each word only the variants whose second word follows it
    /// (session 29): it must find exactly the phrases that trying every variant starting there
    /// finds (`PhraseMatcher.spans`, which still tries them all), for the wide and the exact
    /// matcher, on the words as written and on their abbreviations' expansion, with and without
    /// the names the exact phrases are not read inside.
    func testPhraseIndexFindsWhatTryingEveryVariantFinds() throws {
        let matcher = defaultRules.matcher
        let morphology = defaultRules.morphology
        var texts = try texts()
        // Phrases written out, alone and inside other words: every variant is met at least once.
        texts += matcher.wide.phraseTexts.enumerated().map { n, phrase in n % 2 == 0 ? phrase : "rekap \(phrase) tahun \(n)" }
        texts += matcher.exact.phraseTexts.enumerated().map { n, phrase in n % 2 == 0 ? phrase : "data \(phrase) per desa" }
        var compared = 0, found = 0
        for text in texts {
            let tokens = morphology.matchTokens(text)
            let names = defaultRules.nameMask(tokens)
            var streams = [tokens]
            if let expanded = morphology.expanded(tokens) { streams.append(expanded) }
            for phraseMatcher in [matcher.wide, matcher.exact] {
                for stream in streams {
                    let ids = phraseMatcher.keyIDs(stream)
                    for outside in stream == tokens ? [nil, names] : [nil] {
                        var scanned: [Int] = []
                        phraseMatcher.match(keyIDs: ids, expandedKeyIDs: nil, outside: outside).found.forEach { scanned.append($0) }
                        let tried = Set(phraseMatcher.spans(ids, outside: outside).map(\.phrase)).sorted()
                        XCTAssertEqual(scanned, tried, "phrases of \(text)")
                        compared += 1
                        found += tried.count
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 20_000)
        XCTAssertGreaterThan(found, 10_000)
    }

    /// An ASCII text without "&" is cut into tokens straight from its bytes (session 29): the
    /// same tokens as the byte path every other text takes (`TextNormalizer.forEachToken`), on
    /// every text at hand and on generated ones of letters, digits, upper case and punctuation.
    func testTokensOfPlainTextsAreThoseOfTheBytePath() throws {
        var texts = try texts()
        var generator = SplitMix(seed: 29)
        let alphabet = Array("aAzZmM09 5-./,;:()'\"_\t\n@#%*+=[]{}|~`!?<>^$\\".utf8)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 40)
            texts.append(String(decoding: (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self))
        }
        var differing: [String] = []
        for text in texts {
            var reference: [String] = []
            TextNormalizer.forEachToken(text) { reference.append(String(decoding: $0, as: UTF8.self)) }
            if TextNormalizer.tokens(text) != reference { differing.append(text) }
        }
        XCTAssertEqual(differing, [])
    }

    /// The short spellings are looked up only for tokens whose first byte and length one of
    /// them has (session 29): each one is still written out, alone and inside a title.
    func testEveryShortSpellingIsStillWrittenOut() {
        let morphology = defaultRules.morphology
        XCTAssertFalse(morphology.shortSpellings.isEmpty)
        for (short, long) in morphology.shortSpellings {
            XCTAssertTrue(morphology.mayBeShortSpelling(short), short)
            XCTAssertEqual(morphology.spelledOut([short]), morphology.spelledOut(long), short)
            XCTAssertEqual(morphology.spelledOut(["rekap", short, "desa"]), morphology.spelledOut(["rekap"] + long + ["desa"]), short)
        }
    }
}
