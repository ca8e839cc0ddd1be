import DIPCore
import Foundation
import Rules

/// `dip-bench classify-digest`: a digest of every classification the engine gives on a fixed set
/// of texts, so that a change meant only to make classification faster is shown to change no
/// result (docs/benchmarks.md "Session 22 speed round"). Run it with the binary before and the
/// binary after the change, on the same rules (`DIP_RULES=DIR` loads a rules folder instead of
/// the rules built in, so two builds whose embedded rules differ still compare on one set), and
/// compare the printed digests: one per set, over the JSON of each whole `Classification`
/// (suggested and declared category, berkala sub-group, consequence-test flag, grounds, review
/// flag, rule hits with matched words, notes, precedent hits, learned-layer hint).
///
/// Sets: the 100,000 items of `classify` and of `classify-distinct` (the memo read and
/// bypassed); every corpus title with a declared category in turn (and a unit's own basis every
/// seventh), in three written variants (numbered, upper case with "-NYA", with abbreviations and
/// open markers); the law probes; the example inbox lines; a classifier with 300 PPID decisions;
/// and the same classifier reading every text a second time (from its memo). Only digests and
/// counts are printed, never a title or a classification (held-out and fresh bodies' rows are
/// among the corpus titles). `DIP_DIGEST_OUT=FILE` writes each classification of the bench sets,
/// the probes, the examples and the training bodies' titles as one JSON line, to find a
/// difference.
func classifyDigestBench() throws {
    let environment = ProcessInfo.processInfo.environment
    let ruleSet = try environment["DIP_RULES"].map { try RuleSet.load(directory: URL(fileURLWithPath: $0)) } ?? RuleSet.defaults()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let out: FileHandle? = try environment["DIP_DIGEST_OUT"].map { path in
        FileManager.default.createFile(atPath: path, contents: nil)
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }
    defer { try? out?.close() }
    var all = Digest()
    func digest(_ name: String, _ items: [InformationItem], _ classifier: Classifier, writable: (Int) -> Bool = { _ in true }) throws {
        var set = Digest()
        var flagged = 0
        for (n, item) in items.enumerated() {
            let classification = classifier.classify(item)
            if classification.needsConsequenceTest { flagged += 1 }
            let json = try encoder.encode(classification)
            set.add(json)
            all.add(json)
            if let out, writable(n) {
                out.write(Data("\(name)\t\(n)\t".utf8))
                out.write(json)
                out.write(Data("\n".utf8))
            }
        }
        print("classify-digest: \(name): \(items.count) items, \(flagged) flagged, digest \(set.hex)")
    }

    let classifier = Classifier(ruleSet: ruleSet)
    try digest("classify", classifyBenchItems(distinct: false), classifier)
    try digest("classify-distinct", classifyBenchItems(distinct: true), classifier)

    // Corpus titles: training bodies' rows may be written out; the others only counted.
    let corpus = ruleSet.precedents
    let training = Set(Evaluator.split(corpus).training.map { $0.location?.line ?? -1 })
    let declarations: [Category?] = [nil] + Category.allCases
    var corpusItems: [InformationItem] = []
    var corpusWritable: [Bool] = []
    for (n, precedent) in corpus.enumerated() {
        let isTraining = training.contains(precedent.location?.line ?? -1)
        let texts = [precedent.title, "\(precedent.title) nomor \(n) tahun \(2019 + n % 8)",
                     precedent.title.uppercased() + "NYA", "LHP SPJ \(precedent.title) jumlah rekap KTP"]
        for (v, text) in texts.enumerated() {
            var item = plainItem(text)
            item.kategori = declarations[(n + v) % declarations.count]
            if (n + v) % 7 == 0 { item.dasarHukumText = "Pasal 17 huruf h" }
            if (n + v) % 11 == 0 { item.keterangan = "rahasia" }
            corpusItems.append(item)
            corpusWritable.append(isTraining)
        }
    }
    try digest("corpus titles and variants", corpusItems, classifier, writable: { corpusWritable[$0] })

    var probeItems: [InformationItem] = []
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for name in ["probe-uu-dikecualikan.csv", "probe-uu-terbuka.csv"] {
        let file = root.appendingPathComponent("Tests/RulesTests/Fixtures/\(name)")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            print("classify-digest: \(file.path) not found (run from a checkout)")
            return
        }
        for (n, labelled) in try LabelledList.read(text, file: name).enumerated() {
            var item = plainItem(labelled.title)
            item.kategori = declarations[n % declarations.count]
            probeItems.append(item)
        }
    }
    try digest("law probes", probeItems, classifier)

    var exampleItems: [InformationItem] = []
    let inbox = root.appendingPathComponent("examples/inbox")
    let files = (FileManager.default.enumerator(at: inbox, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
        .filter { $0.pathExtension == "csv" }.sorted { $0.path < $1.path }
    for file in files {
        for line in try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline) {
            exampleItems.append(plainItem(String(line)))
        }
    }
    exampleItems += ["", "17", "2024", "Pasal 17 huruf h", "Rekam medis pasien; NIK; KK", "Data pribadinya dinilai",
                     "Şifre sunucu — konfigurasi jaringan", "Nama & alamat penerima bansos", "Diagram P&ID K3&L",
                     "Nama &amp; alamat penerima bansos", "&quot;Rekam medis&quot; pasien &#39;KIS&#39;", "caf&#233; &#x26; resto",
                     "belum di publikasikan", "Staff salary slips", "Jml penerima BLT per desa"].map(plainItem)
    try digest("example inbox lines", exampleItems, classifier)

    // The PPID's own decisions (every eighth training title, categories turned round) outrank
    // the corpus: their own index and learned layer.
    let decisions = Evaluator.split(corpus).training.enumerated().filter { $0.offset % 8 == 0 }.prefix(300).map { offset, precedent in
        Precedent(title: precedent.title, category: Category.allCases[offset % Category.allCases.count],
                  grounds: offset % 3 == 0 ? ["17b"] : [], body: "Unit \(offset % 5)", source: "register \(offset)", origin: .ppid)
    }
    let withDecisions = Classifier(ruleSet: ruleSet, ppidDecisions: Array(decisions))
    try digest("with 300 PPID decisions", corpusItems.enumerated().filter { $0.offset % 3 == 0 }.map(\.element), withDecisions,
               writable: { corpusWritable[$0 * 3] })

    // The same classifier again: what its memo and token table give must be what it gave.
    try digest("corpus again (memo)", corpusItems, classifier, writable: { corpusWritable[$0] })
    print("classify-digest: all sets: digest \(all.hex)")
}

/// FNV-1a, 64 bits, over each classification's JSON and its length: an equality check between
/// two builds, not a cryptographic one.
private struct Digest {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325
    private mutating func byte(_ b: UInt8) {
        state ^= UInt64(b)
        state = state &* 0x0000_0100_0000_01b3
    }
    mutating func add(_ data: Data) {
        for b in data { byte(b) }
        var length = UInt64(data.count)
        for _ in 0..<8 { byte(UInt8(length & 0xff)); length >>= 8 }
    }
    var hex: String { String(format: "%016llx", state) }
}
