import DIPCore
import Foundation

/// One labelled title: what a body decided about it.
public struct LabelledItem: Hashable, Sendable {
    public var title: String
    public var category: Category
    /// Pasal 17 letters the body cited ("h", "j"); empty when none was stated.
    public var groundLetters: [String]
    /// The body that decided (empty when the list does not say).
    public var body: String
    /// The kind of that body (`jenis_badan`: "kabupaten", "universitas" …; empty when the list
    /// does not say). Only a policy that reads the body's kind (`PrecedentPolicy.readsBodyKind`)
    /// uses it.
    public var bodyKind: String
    public var line: Int

    public init(title: String, category: Category, groundLetters: [String], body: String = "", bodyKind: String = "",
                line: Int = 0) {
        self.title = title
        self.category = category
        self.groundLetters = groundLetters
        self.body = body
        self.bodyKind = bodyKind
        self.line = line
    }
}

/// Reads a labelled CSV: a title column (`judul`, `title`, `teks` or `ringkasan`), a category
/// column (`kategori` or `category`), optionally a ground column (`pasal17`, `dasar` or
/// `ground`: "17h2;17j", "h", "Pasal 17 huruf h") and a body column (`badan` or `body`).
/// The header of rules/preseden.csv is accepted as it is.
public enum LabelledList {
    public struct ReadError: Error, CustomStringConvertible {
        public var messages: [String]
        public var description: String { messages.joined(separator: "\n") }
    }

    public static func read(_ text: String, file: String) throws -> [LabelledItem] {
        let records = CSVText.records(text)
        guard let header = records.first else { throw ReadError(messages: ["\(file): berkas kosong."]) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ options: [String]) -> Int? { names.firstIndex { options.contains($0) } }
        guard let titleColumn = column(["judul", "title", "teks", "ringkasan", "judul informasi"]),
              let categoryColumn = column(["kategori", "category"]) else {
            throw ReadError(messages: ["\(file):\(header.line): baris pertama harus memuat kolom judul dan kategori (mis. judul,kategori,pasal17)."])
        }
        let groundColumn = column(["pasal17", "dasar", "ground", "pasal_17"])
        let bodyColumn = column(["badan", "body"])
        let kindColumn = column(["jenis_badan", "jenis", "kind"])
        var items: [LabelledItem] = []
        var errors: [String] = []
        for record in records.dropFirst() {
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if fields.allSatisfy(\.isEmpty) { continue }
            func value(_ index: Int?) -> String { index.flatMap { $0 < fields.count ? fields[$0] : nil } ?? "" }
            let title = value(titleColumn)
            guard !title.isEmpty else { errors.append("\(file):\(record.line): judul kosong."); continue }
            guard let category = Category(rawValue: value(categoryColumn).lowercased()) else {
                errors.append("\(file):\(record.line): kategori `\(value(categoryColumn))` tidak dikenal (berkala, serta_merta, setiap_saat, dikecualikan).")
                continue
            }
            items.append(LabelledItem(title: title, category: category, groundLetters: letters(value(groundColumn)),
                                      body: value(bodyColumn), bodyKind: value(kindColumn), line: record.line))
        }
        if !errors.isEmpty { throw ReadError(messages: errors) }
        return items
    }

    /// Pasal 17 letters in a ground cell: codes ("17h2;17j"), bare letters ("h, j") or text.
    static func letters(_ text: String) -> [String] {
        var found: [String] = []
        let tokens = TextNormalizer.tokens(text)
        if !tokens.isEmpty && tokens.allSatisfy({ $0.count == 1 && GroundParser.letters.contains($0) }) {
            found = tokens
        } else {
            for code in GroundParser.grounds(in: text, known: { _ in true }) {
                found.append(String(code.dropFirst(2).prefix(1)))
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }
}

/// The figures of a classifier on a labelled list, with the unit's category hidden: nothing
/// the list says is given to the classifier except the title.
public struct EvaluationReport: Sendable {
    public var items = 0
    public var exempt = 0
    public var exemptFlagged = 0
    public var open = 0
    public var openFlagged = 0
    public var suggested = 0
    public var agreed = 0
    public var withGround = 0
    public var groundAgreed = 0
    /// Of `withGround`: the items dip flagged (the others have no letter from dip at all, so
    /// the letter figure also counts withheld items dip missed), those where dip cited more
    /// than one letter, and how many of those agreed (any letter in common counts).
    public var groundFlagged = 0
    public var groundSeveralLetters = 0
    public var groundSeveralLettersAgreed = 0
    /// Items not flagged but put to review by the learned layer as likely withheld.
    public var exemptReviewed = 0
    public var openReviewed = 0
    /// Every miss, one printable line each (Indonesian).
    public var misses: [String] = []

    public init() {}

    static func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
    public var exemptRecall: Double { Self.share(exemptFlagged, exempt) }
    public var falseFlagRate: Double { Self.share(openFlagged, open) }
    public var suggestionShare: Double { Self.share(suggested, items) }
    public var categoryAgreement: Double { Self.share(agreed, items) }
    public var groundAgreement: Double { Self.share(groundAgreed, withGround) }

    /// Adds another report's counts (e.g. folds).
    public mutating func add(_ other: EvaluationReport) {
        items += other.items; exempt += other.exempt; exemptFlagged += other.exemptFlagged
        open += other.open; openFlagged += other.openFlagged; suggested += other.suggested
        agreed += other.agreed; withGround += other.withGround; groundAgreed += other.groundAgreed
        groundFlagged += other.groundFlagged; groundSeveralLetters += other.groundSeveralLetters
        groundSeveralLettersAgreed += other.groundSeveralLettersAgreed
        exemptReviewed += other.exemptReviewed; openReviewed += other.openReviewed
        misses += other.misses
    }

    /// `part` of `whole` as a share, or nil when `whole` is 0: a figure with nothing to measure
    /// (e.g. no withheld item with a cited ground) is not a 0 % failure.
    public static func measured(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    /// "part/whole = 12.3%", or "0/0 — tidak terukur (why)" when there is nothing to measure.
    static func fraction(_ part: Int, _ whole: Int, nothing: String) -> String {
        guard let share = measured(part, whole) else { return "\(part)/\(whole) — tidak terukur (\(nothing))" }
        return "\(part)/\(whole) = " + String(format: "%.1f%%", share * 100)
    }

    /// A figure line: its target only when the figure can be measured.
    static func figure(_ label: String, _ part: Int, _ whole: Int, target: String, nothing: String) -> String {
        "\(label): \(fraction(part, whole, nothing: nothing))" + (whole == 0 ? "" : " (sasaran \(target))")
    }

    /// The five figures, one line each. A figure whose denominator is 0 says it cannot be
    /// measured instead of printing 0.0% against its target.
    public var figureLines: [String] {
        [
            Self.figure("Butir dikecualikan yang ditandai perlu uji konsekuensi", exemptFlagged, exempt, target: "≥ 90%",
                        nothing: "tidak ada butir dikecualikan"),
            Self.figure("Butir terbuka yang ikut ditandai", openFlagged, open, target: "≤ 5%", nothing: "tidak ada butir terbuka"),
            Self.figure("Butir yang diberi saran kategori", suggested, items, target: "≥ 95%", nothing: "tidak ada butir"),
            Self.figure("Saran kategori sama dengan kategori badan publik", agreed, items, target: "≥ 80%", nothing: "tidak ada butir"),
            Self.figure("Huruf Pasal 17 sama dengan yang dikutip badan publik", groundAgreed, withGround, target: "≥ 80%",
                        nothing: "tidak ada butir dengan dasar yang dikutip"),
        ]
    }

    /// The letter figure taken apart: how many items with a stated ground dip flagged at all
    /// (an unflagged one counts as a letter disagreement), the letter agreement among those,
    /// and how many of dip's answers cited several letters (any one in common agrees, so
    /// citing more letters can only raise the figure: the count keeps that in sight).
    public var groundDetailLine: String {
        return "Huruf Pasal 17, rinci: \(groundFlagged)/\(withGround) butir berdasar ditandai; di antaranya huruf sama \(Self.fraction(groundAgreed, groundFlagged, nothing: "tidak ada butir berdasar yang ditandai")); dip menyebut lebih dari satu huruf pada \(groundSeveralLetters) butir (\(groundSeveralLettersAgreed) di antaranya sama)"
    }

    /// The learned layer's review marks (not flags): withheld and open items it put to review
    /// as likely withheld, and what flags and those marks reach together.
    public var reviewLine: String {
        func percent(_ part: Int, _ whole: Int) -> String { String(format: "%.1f%%", Self.share(part, whole) * 100) }
        return "Ditandai ATAU ditinjau sebagai mungkin dikecualikan (lapisan pembelajaran): dikecualikan \(exemptFlagged + exemptReviewed)/\(exempt) = \(percent(exemptFlagged + exemptReviewed, exempt)), terbuka \(openFlagged + openReviewed)/\(open) = \(percent(openFlagged + openReviewed, open))"
    }
}

public enum Evaluator {
    /// Classifies each labelled title with no declared category and counts agreement.
    public static func evaluate(_ items: [LabelledItem], classifier: Classifier, file: String = "") -> EvaluationReport {
        var report = EvaluationReport()
        // A policy that reads the kind of the item's body classifies each kind's items with the
        // same classifier told that kind.
        var byKind: [String: Classifier] = [:]
        for labelled in items {
            var classifier = classifier
            if classifier.policy.readsBodyKind, !labelled.bodyKind.isEmpty {
                if let known = byKind[labelled.bodyKind] {
                    classifier = known
                } else {
                    classifier = classifier.forBodyKind(labelled.bodyKind)
                    byKind[labelled.bodyKind] = classifier
                }
            }
            let item = InformationItem(
                source: SourceLocation(file: file, sheet: nil, row: labelled.line), nomor: "", ringkasan: labelled.title,
                pejabatPenguasa: "", penanggungJawab: "", waktuPembuatan: "", tempatPembuatan: "",
                bentuk: "", retensi: "")
            let c = classifier.classify(item)
            let place = file.isEmpty ? "baris \(labelled.line)" : "\(file):\(labelled.line)"
            let who = labelled.body.isEmpty ? "" : " [\(labelled.body)]"
            var layer = c.hits.isEmpty ? (c.precedents.isEmpty ? "" : "; preseden") : "; aturan " + c.hits.map(\.ruleID).joined(separator: ",")
            if c.learned?.flagged == true { layer += "; pembelajaran" }
            if c.learned?.review == true { layer += "; ditinjau pembelajaran" }
            let said = "saran \(c.suggested?.rawValue ?? "-")\(c.needsConsequenceTest ? ", ditandai " + (c.exemptionGrounds.isEmpty ? "tanpa dasar" : c.exemptionGrounds.joined(separator: ",")) : "")\(layer)"
            report.items += 1
            if c.suggested != nil { report.suggested += 1 }
            if c.suggested == labelled.category {
                report.agreed += 1
            } else {
                report.misses.append("\(place): kategori \(labelled.category.rawValue), \(said): \(labelled.title)\(who)")
            }
            if labelled.category == .dikecualikan {
                report.exempt += 1
                if c.needsConsequenceTest {
                    report.exemptFlagged += 1
                } else {
                    if c.learned?.review == true { report.exemptReviewed += 1 }
                    report.misses.append("\(place): pengecualian terlewat (\(said)): \(labelled.title)\(who)")
                }
                if !labelled.groundLetters.isEmpty {
                    report.withGround += 1
                    let letters = Set(c.exemptionGrounds.map { String($0.dropFirst(2).prefix(1)) })
                    let agrees = c.needsConsequenceTest && !letters.isDisjoint(with: labelled.groundLetters)
                    if c.needsConsequenceTest {
                        report.groundFlagged += 1
                        if letters.count > 1 {
                            report.groundSeveralLetters += 1
                            if agrees { report.groundSeveralLettersAgreed += 1 }
                        }
                    }
                    if agrees {
                        report.groundAgreed += 1
                    } else {
                        report.misses.append("\(place): dasar huruf \(labelled.groundLetters.joined(separator: ",")), \(said): \(labelled.title)\(who)")
                    }
                }
            } else {
                report.open += 1
                if !c.needsConsequenceTest && c.learned?.review == true { report.openReviewed += 1 }
                if c.needsConsequenceTest {
                    report.openFlagged += 1
                    report.misses.append("\(place): terbuka (\(labelled.category.rawValue)) tetapi ditandai (\(said)): \(labelled.title)\(who)")
                }
            }
        }
        return report
    }
}

extension Evaluator {
    /// Evaluates with each body's items classified against the precedents of the OTHER bodies
    /// only (items without a body: against every precedent of a body not named in the list),
    /// so a list cannot be measured against its own decisions.
    public static func evaluateLeavingOutBodies(_ items: [LabelledItem], ruleSet: RuleSet, precedents: [Precedent],
                                                policy: PrecedentPolicy = .standard, file: String = "") -> EvaluationReport {
        let listed = Set(items.map(\.body))
        var byBody: [String: [LabelledItem]] = [:]
        for item in items { byBody[item.body, default: []].append(item) }
        var report = EvaluationReport()
        for body in byBody.keys.sorted() {
            let others = precedents.filter { body.isEmpty ? !listed.contains($0.body) : $0.body != body }
            let classifier = Classifier(ruleSet: ruleSet, precedents: others, policy: policy)
            report.add(evaluate(byBody[body]!, classifier: classifier, file: file))
        }
        return report
    }

    /// A stable split of bodies: the held-out ones are those whose name hashes (FNV-1a 64 of
    /// the lower-cased name) to 0 modulo `folds`. A fresh body (`isFresh`) hashes like any
    /// other; the corpus benches leave it out of both sides (`split`) while its set is current,
    /// and once it is not, its hash alone puts it on one side, without moving any other body.
    public static func isHeldOut(body: String, folds: Int = 5) -> Bool {
        fold(of: body, folds: folds) == 0
    }

    /// One generation of "fresh" bodies of rules/preseden.csv (`badan` exactly as in the
    /// file): bodies added in one session that no rule, kamus entry, policy threshold or
    /// engine choice had been tuned on, measured once by `dip-bench classify-fresh`.
    public struct FreshSet: Sendable {
        /// The generation: 1, 2, … in the order the sets were collected.
        public let number: Int
        /// The session in which these bodies were added to the corpus.
        public let session: Int
        public let bodies: Set<String>
    }

    /// Every generation of fresh bodies, oldest first. Only the LAST one is fresh now
    /// (`freshBodies`): only `dip-bench classify-fresh` measures on it (without printing its
    /// misses), and every other corpus bench (classify-train, classify-real, classify-validate,
    /// classify-ceiling) leaves it out entirely, neither training nor held out. The rows still
    /// ship as precedents for `dip run`. Once its figure has been printed, rules written
    /// afterwards may have been prompted by that figure, so the set is no longer fresh: the next
    /// session appends a new generation, and the earlier ones become ordinary corpus bodies,
    /// split by `isHeldOut` like any other body (the name's hash alone decides, so no older
    /// body changes side).
    public static let freshSets: [FreshSet] = [
        // Set 1 (session 16), measured once at the end of session 16 (docs/classification.md
        // §12); ordinary training / held-out bodies since session 17.
        FreshSet(number: 1, session: 16, bodies: [
            // Batch 1: OPDs of the ppid.bekasikota.go.id document register (and one regency's
            // legal bureau posting on the same platform).
            "Badan Kesatuan Bangsa dan Politik Kota Bekasi",
            "Bagian Hukum Setda Belu",
            "Dinas Kesehatan Kota Bekasi",
            "Dinas Koperasi, Usaha Kecil dan Menengah Kota Bekasi",
            "Dinas Perumahan, Kawasan Permukiman dan Pertanahan Kota Bekasi",
            "Inspektorat Kota Bekasi",
            "Kecamatan Bekasi Selatan Kota Bekasi",
            "Kecamatan Medan Satria Kota Bekasi",
            "Sekretaris Dewan Perwakilan Rakyat Daerah Kota Bekasi",
            // Batch 2: a BUMD with open and withheld items, from its own PPID application.
            "PT Food Station Tjipinang Jaya (Perseroda)",
            // Batch 3: a city's DIP transcribed in a redesign of its PPID portal.
            "Pemerintah Kota Probolinggo",
        ]),
        // Set 2 (session 17), measured once at the end of session 17 (docs/classification.md
        // §14); ordinary training / held-out bodies since session 18. Bodies new to the corpus,
        // none from a source that already supplied a body (rules/preseden-SUMBER.md, rows
        // marked FRESH SET 2).
        FreshSet(number: 2, session: 17, bodies: [
            // A polytechnic's DIP and DIK (16 withheld items, 11 with a Pasal 17 ground) as its
            // PPID portal publishes them; its DIK is the Kemristekdikti model list that two
            // earlier bodies adopted too, so classify-fresh reports near-identical items apart.
            "Politeknik Negeri Banjarmasin",
            // A university's DIP and DIK (41 withheld items, no ground stated per item) as its
            // PPID portal publishes them; its DIK follows the Kemendikbud model list as well.
            "UPN \"Veteran\" Yogyakarta",
            // A ministry's DIK (12 withheld items) as one of its units' PPID portals quotes it.
            "Kementerian Pendidikan Dasar dan Menengah",
        ]),
        // Set 3 (session 18), measured once at the end of session 18 (docs/classification.md
        // §18); ordinary training / held-out bodies since session 19. Bodies new to the corpus,
        // none from a source that already supplied a body (rules/preseden-SUMBER.md, rows
        // marked FRESH SET 3).
        FreshSet(number: 3, session: 18, bodies: [
            // A university's own DIK (17 withheld items, no ground) as the English page of one of
            // its faculties publishes it (the only full copy stored); not the ministry model list.
            "Universitas Brawijaya",
            // A regency's open items (berkala, serta merta) as its PPID portal lists them,
            // transcribed in an app whose rows open the portal's own files; and, from another
            // source, 2 withheld items with their Pasal 17 letters from its 2024 consequence-test
            // sheet (attributed by date and place; the stored copy ends after row 2).
            "Pemerintah Kabupaten Cilacap",
            // A national agency's open lists (berkala, serta merta, setiap saat; 21 items) from its
            // PPID page; its DIK page quotes Pasal 17 and lists no item.
            "Badan Nasional Penanggulangan Bencana (BNPB)",
            // A ministry's open lists (berkala, serta merta, setiap saat; 23 items) from a database
            // dump of its PPID portal's CMS whose rows link to the ministry's own pages; no DIK.
            "Kementerian Badan Usaha Milik Negara",
            // A province's revenue agency: its PPID menu's berkala and setiap-saat document lists
            // (49 open items, 12 of them one DPA wording per revenue unit); no DIK page stored.
            "Badan Pendapatan Daerah Provinsi Banten",
        ]),
        // Set 4 (session 19), measured once at the end of session 19 (docs/classification.md
        // §22); ordinary training / held-out bodies since session 20 (Pemerintah Kabupaten
        // Kulon Progo falls in the held-out fold, the other four in training). Bodies new to
        // the corpus, none from a source that already supplied a body (rules/preseden-SUMBER.md,
        // rows marked FRESH SET 4).
        FreshSet(number: 4, session: 19, bodies: [
            // A national agency's open lists (berkala, serta merta, setiap saat; 91 items) from a
            // dump of the CMS of its PPID subsite, whose entries link to the agency's own files.
            "Badan Pengawas Obat dan Makanan",
            // A river-basin office of the public-works ministry: its berkala table (23 open items), copied with its file links.
            "Balai Besar Wilayah Sungai Pemali Juana",
            // A regency environment office's berkala page (2 open items, two licence and service
            // procedures) from its website's PPID menu; no other list of the office is stored.
            "Dinas Lingkungan Hidup Kabupaten Rembang",
            // A regency's serta-merta page on its PPID portal (6 open items in the wording of
            // Perki 1/2010, which an earlier body also lists: mostly near-identical items).
            "Pemerintah Kabupaten Kulon Progo",
            // A high court's open lists (berkala, serta merta, setiap saat; 44 items) from the
            // production dump of its e-PPID application; the court template, in its own words.
            "Pengadilan Tinggi Denpasar",
        ]),
        // Set 5 (session 20), measured once at the end of session 20 (docs/classification.md
        // §27); ordinary training / held-out bodies since session 21. Bodies new to the
        // corpus, none from a source that already supplied a body (rules/preseden-SUMBER.md,
        // rows marked FRESH SET 5).
        FreshSet(number: 5, session: 20, bodies: [
            // A public-works training office's berkala page (8 open items, two report wordings)
            // from a local copy of its CMS database.
            "Balai Pengembangan Kompetensi PUPR Wilayah VI Surabaya",
            // A regency environment office's berkala, setiap-saat and serta-merta pages (42 open
            // items, no DIK) kept in a CMS dump that was copied from its website's database.
            "Dinas Lingkungan Hidup Kabupaten Kulon Progo",
            // A ministry's own DIK (3 withheld items, Pasal 17 huruf c each) from the Lampiran of
            // its 2011 decree as a document site transcribes it; only the table's start is stored.
            "Kementerian Pertahanan",
        ]),
        // Set 6 (session 21), measured once at the end of session 21 (docs/classification.md
        // §32); ordinary training / held-out bodies since session 22 (all eleven fall in
        // training by their hash). Bodies new to the corpus, none from a source that already
        // supplied a body (rules/preseden-SUMBER.md, rows marked FRESH SET 6).
        FreshSet(number: 6, session: 21, bodies: [
            // A provincial civil-service agency's berkala page (34 open items, 2017) as its PPID
            // site carries it, pasted with the agency's own file links; its DIK is a PDF.
            "Badan Kepegawaian Daerah Provinsi Jawa Tengah",
            // A tourism authority's open lists (5 items: berkala, serta merta, setiap saat) from the
            // static views of its PPID portal's production code; its DIK page is empty.
            "Badan Pelaksana Otorita Labuan Bajo Flores",
            // A provincial food, marine and agriculture office's PPID pages of 2023 (15 open items:
            // berkala, serta merta, setiap saat) as static views of its website's code.
            "Dinas Ketahanan Pangan, Kelautan dan Pertanian Provinsi DKI Jakarta",
            // A regency communications office's open lists (42 items: berkala, serta merta, setiap saat)
            // from a rebuild of its website that carries its own documents.
            "Dinas Komunikasi dan Informatika Kabupaten Banyumas",
            // A provincial water-resources and spatial-planning office's DIP of 2020 (79 open items:
            // berkala, serta merta, setiap saat), pasted whole into another body's PPID app database.
            "Dinas Pekerjaan Umum Sumber Daya Air dan Penataan Ruang Provinsi Jawa Tengah",
            // A faculty's own DIK (13 withheld items in English, no ground) and one berkala item,
            // from the English pages of its PPID (Universitas Airlangga's Faculty of Economics).
            "Fakultas Ekonomi dan Bisnis Universitas Airlangga",
            // A ministry inspectorate's withheld list (7 items, no ground) as its own web
            // application states it: internal-audit reports and whistle-blowing complaints.
            "Inspektorat Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            // A subdistrict's open lists (51 items: berkala, setiap saat) as a portal of it copies them
            // from the subdistrict's own PPID pages, each entry with its file on the official site.
            "Kecamatan Banjarmangu Kabupaten Banjarnegara",
            // A national council's own withheld items (3, no ground) from the article of its 2014
            // regulation on information services that lists them (Konsil Kedokteran Indonesia).
            "Konsil Kedokteran Indonesia",
            // A higher-education service office's open lists (50 items: berkala, serta merta,
            // setiap saat), each with its own Drive folder, from a seeder of its rebuilt portal.
            "LLDikti Wilayah IV",
            // A university's berkala list only (9 items in English, no withheld list stored).
            "Universitas Sebelas Maret",
        ]),
        // Set 7 (session 22), measured once at the end of session 22 (docs/classification.md
        // §37); ordinary training / held-out bodies since session 23. Bodies new to the corpus,
        // none from a source that already supplied a body (rules/preseden-SUMBER.md, rows
        // marked FRESH SET 7).
        FreshSet(number: 7, session: 22, bodies: [
            // A public broadcaster's open lists (70 items: berkala, serta merta, setiap saat) as its
            // PPID site's category menu, copied with each entry's category into an RRI archive app.
            "Lembaga Penyiaran Publik Radio Republik Indonesia (LPP RRI)",
        ]),
        // Set 8 (session 23), measured once at the end of session 23 (docs/classification.md
        // §42); ordinary training / held-out bodies since session 24. Bodies new to the corpus,
        // none from a source that already supplied a body (rules/preseden-SUMBER.md, rows
        // marked FRESH SET 8).
        FreshSet(number: 8, session: 23, bodies: [
            // An arts institute's withheld list (3 rows, 2 with Pasal 17 huruf i), every row a
            // near-identical twin of ISBI Tanah Papua's list: a withheld set, but no no-twin items.
            "Institut Seni Budaya Indonesia Bandung",
        ]),
        // Set 9 (session 24): bodies new to the corpus, none from a source that already
        // supplied a body (rules/preseden-SUMBER.md, rows marked FRESH SET 9), added as the
        // session's search finds them.
        FreshSet(number: 9, session: 24, bodies: [
        ]),
    ]

    /// The current fresh set (the last generation of `freshSets`).
    public static var currentFreshSet: FreshSet { freshSets[freshSets.count - 1] }

    /// The bodies of the current fresh set: kept for the one fresh measurement.
    public static var freshBodies: Set<String> { currentFreshSet.bodies }

    /// The bodies of earlier fresh sets: measured once, now ordinary corpus bodies.
    public static var formerFreshBodies: Set<String> {
        freshSets.dropLast().reduce(into: Set<String>()) { $0.formUnion($1.bodies) }
    }

    /// Whether a body's rows are kept for the one fresh measurement (see `freshBodies`).
    public static func isFresh(body: String, fresh: Set<String> = freshBodies) -> Bool {
        fresh.contains(body)
    }

    /// The corpus split by body for the benches: `training` (not held out, not fresh),
    /// `heldOut` (fold 0 of `isHeldOut`, not fresh) and `fresh` (`freshBodies`). Every
    /// precedent is in exactly one of the three.
    public static func split(_ corpus: [Precedent], fresh: Set<String> = freshBodies)
        -> (training: [Precedent], heldOut: [Precedent], fresh: [Precedent]) {
        var training: [Precedent] = [], heldOut: [Precedent] = [], freshRows: [Precedent] = []
        for precedent in corpus {
            if isFresh(body: precedent.body, fresh: fresh) {
                freshRows.append(precedent)
            } else if isHeldOut(body: precedent.body) {
                heldOut.append(precedent)
            } else {
                training.append(precedent)
            }
        }
        return (training, heldOut, freshRows)
    }

    /// The fold (0..<folds) of a body, by the FNV-1a 64 hash of its lower-cased name.
    public static func fold(of body: String, folds: Int) -> Int {
        Int(fnv1a64(body.lowercased()) % UInt64(folds))
    }

    /// How many folds nested validation splits the training bodies into (each fold in turn is
    /// the validation set: about a quarter of the training bodies), and how many times the
    /// split is drawn again with another salt, so that no single lucky split decides.
    public static let validationFolds = 4
    public static let validationRepeats = 3

    /// The validation fold (0..<folds) of a training body in split `split`: the FNV-1a 64 hash
    /// of its lower-cased name behind a salt naming the split, a different hash from the
    /// held-out split (`fold(of:folds:)`), so which bodies validate has nothing to do with which
    /// are held out. The hash goes through SplitMix64's finaliser first: FNV-1a's low bits
    /// depend only on the low bits of each byte, so modulo 4 every salt would give the same
    /// partition with the folds renumbered.
    public static func validationFold(of body: String, split: Int = 0, folds: Int = validationFolds) -> Int {
        var z = fnv1a64("validasi-\(split)/" + body.lowercased())
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Int(z % UInt64(folds))
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
