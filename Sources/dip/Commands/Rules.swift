import ArgumentParser
import DIPCore
import Foundation
import Pipeline
import Publish
import Rules

extension DIP {
    /// `dip rules`: check and try the PPID's classification rules.
    struct RulesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "Memeriksa dan mencoba aturan klasifikasi PPID.",
            subcommands: [Check.self, Explain.self, Evaluate.self, Impact.self, Decide.self])
    }
}

/// Where the rules come from: `--rules DIR`, `--workspace DIR` (its rules/), ./rules, or the
/// defaults built into the program.
struct RulesLocation: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Folder aturan (berisi kategori.yaml, aturan.yaml, …).", valueName: "folder"))
    var rulesDirectory: String?

    @Option(name: .customLong("workspace"), help: ArgumentHelp("Folder workspace; aturan dibaca dari <folder>/rules.", valueName: "folder"))
    var workspace: String?

    /// The folder to read, or nil for the built-in defaults.
    func directory() -> URL? {
        if let rulesDirectory { return URL(fileURLWithPath: rulesDirectory) }
        if let workspace { return URL(fileURLWithPath: workspace).appendingPathComponent("rules") }
        let local = URL(fileURLWithPath: "rules")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: local.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return local
        }
        return nil
    }

    /// Loads the rules; on failure prints every issue and throws exit code 1.
    func load() throws -> RuleSet {
        do {
            if let directory = directory() { return try RuleSet.load(directory: directory) }
            return try RuleSet.defaults()
        } catch let error as RuleSetError {
            for issue in error.issues { print(issue.text) }
            if error.issues.isEmpty { print(error.description) }
            throw ExitCode.failure
        }
    }

    var sourceLabel: String { directory()?.path ?? "aturan bawaan program" }
}

extension DIP.RulesCommand {
    /// `dip rules check`: every problem with file:line; non-zero exit on any error.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Memeriksa berkas aturan: penulisan YAML, isian tak dikenal, id ganda, aturan yang tidak pernah berlaku, contoh yang gagal.")

        @OptionGroup var location: RulesLocation

        func run() throws {
            let ruleSet = try location.load()
            let issues = ruleSet.validate()
            for issue in issues where issue.severity != .info { print(issue.text) }
            var errors = issues.filter(\.blocksCheck).count
            var warnings = issues.filter { $0.severity == .warning && !$0.blocksCheck }.count
            // keputusan.json: what the decrees print (placeholders are errors).
            if let directory = location.directory() {
                let url = directory.appendingPathComponent("keputusan.json")
                if let data = try? Data(contentsOf: url) {
                    do {
                        let settings = try JSONDecoder().decode(DecreeSettings.self, from: data)
                        let sectoral = settings.sectoralMengingatWarnings(citations: LegalCitations(ruleSet: ruleSet),
                                                                          codes: ruleSet.grounds.map(\.code))
                        for issue in settings.issues() + settings.officeNameWarnings(units: ruleSet.units.units) + sectoral {
                            print("keputusan.json: \(issue.error ? "galat" : "peringatan"): \(issue.message)")
                            if issue.error { errors += 1 } else { warnings += 1 }
                        }
                        if let problem = DecreeLogo.load(settings, rulesDirectory: directory).problem {
                            print("keputusan.json: galat: \(problem)")
                            errors += 1
                        }
                    } catch {
                        print("keputusan.json: galat: tidak dapat dibaca: \(ConfigurationText.describe(error, data: data))")
                        errors += 1
                    }
                }
            }
            // penerimaan.json: when a unit's list is held for the PPID (issue 16 #7).
            if let directory = location.directory(),
               let data = try? Data(contentsOf: directory.appendingPathComponent(IntakeSettings.fileName)) {
                do {
                    let settings = try JSONDecoder().decode(IntakeSettings.self, from: data)
                    for problem in settings.holdMassWithdrawal.problems {
                        print("\(IntakeSettings.fileName): galat: holdMassWithdrawal: \(problem)")
                        errors += 1
                    }
                } catch {
                    print("\(IntakeSettings.fileName): galat: tidak dapat dibaca: \(ConfigurationText.describe(error, data: data))")
                    errors += 1
                }
            }
            // After an upgrade the workspace keeps its own rules/ (the PPID's edits): the
            // rules this release ships and the folder lacks are named, so new legal rules are
            // not silently left out. A note, not a warning: the PPID may have removed one on
            // purpose, and merging is a person's choice (docs/ops.md §6).
            if location.directory() != nil, let defaults = try? RuleSet.defaults() {
                let own = Set(ruleSet.rules.map(\.id))
                let missing = defaults.rules.map(\.id).filter { !own.contains($0) }
                if !missing.isEmpty {
                    let shown = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", dan \(missing.count - 10) lainnya" : "")
                    print("aturan.yaml: catatan: \(missing.count) aturan bawaan dip \(DIP.version) tidak ada di folder ini: \(shown). "
                        + "Bila aturan itu baru di rilis ini (lihat CHANGELOG.md), gabungkan aturan bawaan ke folder ini "
                        + "menurut docs/ops.md §6; aturan yang sengaja dihapus PPID boleh dibiarkan.")
                }
            }
            print("Aturan \(location.sourceLabel): \(ruleSet.rules.count) aturan, \(ruleSet.precedents.count) preseden dari \(Set(ruleSet.precedents.map(\.body)).count) badan publik, \(ruleSet.morphology.roots.count) kata dasar, \(ruleSet.morphology.abbreviations.count) singkatan; \(errors) galat, \(warnings) peringatan.")
            if errors > 0 { throw ExitCode.failure }
        }
    }

    /// `dip rules explain "TEXT"`: which rules fire on a text and the resulting classification.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Menunjukkan aturan yang berlaku untuk sebuah teks dan hasil klasifikasinya.")

        @Argument(help: ArgumentHelp("Teks ringkasan informasi.", valueName: "teks"))
        var text: String

        @Option(name: [.customLong("category"), .customLong("kategori")],
                help: ArgumentHelp("Kategori yang dinyatakan unit: berkala, serta_merta, setiap_saat, dikecualikan.", valueName: "kategori"))
        var declared: String?

        @Option(name: [.customLong("legal-basis"), .customLong("dasar")],
                help: ArgumentHelp("Dasar pengecualian yang ditulis unit, misalnya \"Pasal 17 huruf h\".", valueName: "dasar-hukum"))
        var basis: String?

        @OptionGroup var location: RulesLocation

        func validate() throws {
            if let declared, Category(rawValue: declared) == nil {
                throw ValidationError("Kategori '\(declared)' tidak dikenal: berkala, serta_merta, setiap_saat, dikecualikan.")
            }
        }

        func run() throws {
            let ruleSet = try location.load()
            let item = InformationItem(
                source: SourceLocation(file: "-", sheet: nil, row: 0), nomor: "", ringkasan: text,
                pejabatPenguasa: "", penanggungJawab: "", waktuPembuatan: "", tempatPembuatan: "",
                bentuk: "", retensi: "", kategori: declared.flatMap(Category.init(rawValue:)),
                dasarHukumText: basis)
            let classifier = Classifier(ruleSet: ruleSet)
            let c = classifier.classify(item)
            let firings = classifier.firings(item.searchableText)
            let written = TextNormalizer.tokens(text)
            let tokens = ruleSet.morphology.spelledOut(written)
            print("Teks ternormalisasi: \(written.joined(separator: " "))")
            if tokens != written { print("Ditulis lengkap (bentuk singkat, bahasa Inggris): \(tokens.joined(separator: " "))") }
            print("Kata dasar: \(tokens.map { word in let key = ruleSet.morphology.key(word); return key == word ? word : "\(word)→\(key)" }.joined(separator: " "))")
            if let expanded = ruleSet.morphology.expanded(tokens) {
                print("Singkatan diuraikan: \(expanded.joined(separator: " "))")
            }
            if c.hits.isEmpty { print("Tidak ada aturan yang berlaku.") }
            for hit in c.hits {
                print("- \(hit.ruleID): \(hit.description) [kata: \(hit.matchedWords.joined(separator: ", "))]")
                if let firing = firings.first(where: { $0.rule.id == hit.ruleID }), !firing.overridingWords.isEmpty {
                    print("  kata \(firing.overridingWords.map { "\"\($0)\"" }.joined(separator: ", ")) (mengalahkan_kecuali) mengalahkan "
                          + "pengecualian \(firing.overriddenExceptions.map { "\"\($0)\"" }.joined(separator: ", ")) (kecuali): aturan ini tetap berlaku.")
                }
                // The editors' note is for whoever edits the rules: here, never in any report.
                if let note = ruleSet.rules.first(where: { $0.id == hit.ruleID })?.editorNote {
                    print("  catatan penyunting: \(note)")
                }
            }
            print("Kategori unit: \(c.declared?.rawValue ?? "-")")
            print("Kategori saran: \(c.suggested?.rawValue ?? "-")\(c.subgroup.map { " (subkelompok \($0.rawValue))" } ?? "")")
            print("Perlu uji konsekuensi: \(c.needsConsequenceTest ? "ya" : "tidak")\(c.exemptionGrounds.isEmpty ? "" : " — dasar: " + c.exemptionGrounds.joined(separator: ", "))")
            print("Perlu ditinjau: \(c.needsReview ? "ya" : "tidak")")
            if c.precedents.isEmpty {
                print("Preseden: tidak ada judul yang mirip di \(ruleSet.precedents.count) preseden.")
            } else {
                print("Saran preseden: \(c.precedentCategory?.rawValue ?? "-")")
            }
            for hit in c.precedents {
                let grounds = hit.grounds.isEmpty ? "" : " \(hit.grounds.joined(separator: ","))"
                print("- preseden (\(hit.origin)) kemiripan \(String(format: "%.2f", hit.similarity)): '\(hit.title)' — \(hit.category.rawValue)\(grounds), \(hit.body)\(hit.bodies > 1 ? " dan \(hit.bodies - 1) badan lain" : ""); sumber: \(hit.source)")
            }
            if let learned = c.learned {
                let words = learned.withheldWords.isEmpty ? "" : " (kata yang condong dikecualikan: \(learned.withheldWords.joined(separator: ", ")))"
                print("Lapisan pembelajaran: peluang dikecualikan \(Int((learned.withheldProbability * 100).rounded()))%\(words)"
                      + "; kategori terbuka menurut kata-katanya: \(learned.openCategory?.rawValue ?? "-")"
                      + "; dasar menurut kata-katanya: \(learned.ground ?? "-")"
                      + (learned.flagged ? "; lapisan ini menandai perlu uji konsekuensi" : "")
                      + (learned.review ? "; lapisan ini meminta ditinjau" : ""))
            } else {
                print("Lapisan pembelajaran: tidak ada kata teks ini yang dikenal dari preseden.")
            }
            for note in c.notes { print("Catatan: \(note)") }
        }
    }

    /// `dip rules evaluate FILE`: the figures of the rules and precedents on a labelled list.
    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mengukur klasifikasi pada daftar berlabel (CSV: judul, kategori, dasar Pasal 17 opsional, badan opsional); kategori unit disembunyikan.")

        @Argument(help: ArgumentHelp("Berkas CSV berlabel; tajuk preseden.csv (judul,kategori,pasal17,badan,…) juga diterima.", valueName: "berkas"))
        var file: String

        @Flag(name: [.customLong("rules-only"), .customLong("tanpa-preseden")], help: "Hanya aturan, tanpa preseden (dan tanpa lapisan pembelajaran).")
        var rulesOnly = false

        @Flag(name: [.customLong("no-learned-layer"), .customLong("tanpa-pembelajaran")], help: "Aturan dan preseden, tanpa lapisan pembelajaran.")
        var withoutLearnedLayer = false

        @OptionGroup var location: RulesLocation

        func run() throws {
            let ruleSet = try location.load()
            let url = URL(fileURLWithPath: file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                print("Berkas \(file) tidak ada atau tidak dapat dibuka: periksa nama dan foldernya.")
                throw ExitCode.failure
            }
            guard let text = String(data: data, encoding: .utf8) else {
                print("Berkas \(file) tidak dapat dibaca sebagai teks UTF-8: simpan ulang sebagai CSV UTF-8.")
                throw ExitCode.failure
            }
            let items: [LabelledItem]
            do {
                items = try LabelledList.read(text, file: url.lastPathComponent)
            } catch let error as LabelledList.ReadError {
                for message in error.messages { print(message) }
                throw ExitCode.failure
            }
            let report: EvaluationReport
            if rulesOnly {
                report = Evaluator.evaluate(items, classifier: Classifier(ruleSet: ruleSet, precedents: []), file: url.lastPathComponent)
                print("Dinilai: \(items.count) butir, hanya aturan (tanpa preseden).")
            } else {
                report = Evaluator.evaluateLeavingOutBodies(items, ruleSet: ruleSet, precedents: ruleSet.precedents,
                                                            policy: withoutLearnedLayer ? .withoutLearnedLayer : .standard,
                                                            file: url.lastPathComponent)
                print("Dinilai: \(items.count) butir; butir setiap badan publik dibandingkan hanya dengan preseden badan publik LAIN (\(ruleSet.precedents.count) preseden)"
                      + (withoutLearnedLayer ? ", tanpa lapisan pembelajaran." : "; lapisan pembelajaran dilatih ulang tanpa badan itu."))
            }
            for line in report.figureLines { print(line) }
            if report.withGround > 0 { print(report.groundDetailLine) }
            if !rulesOnly && !withoutLearnedLayer { print(report.reviewLine) }
            print("Meleset (\(report.misses.count)):")
            for miss in report.misses { print("- \(miss)") }
        }
    }
}
