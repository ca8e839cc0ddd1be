import ArgumentParser
import DIPCore
import Foundation
import Rules

extension DIP {
    /// `dip rules`: check and try the PPID's classification rules.
    struct RulesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "Memeriksa dan mencoba aturan klasifikasi PPID.",
            subcommands: [Check.self, Explain.self])
    }
}

/// Where the rules come from: `--rules DIR`, `--workspace DIR` (its rules/), ./rules, or the
/// defaults built into the program.
struct RulesLocation: ParsableArguments {
    @Option(name: .customLong("rules"), help: "Folder aturan (berisi kategori.yaml, aturan.yaml, …).")
    var rulesDirectory: String?

    @Option(name: .customLong("workspace"), help: "Folder kerja; aturan dibaca dari <folder>/rules.")
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
            let errors = issues.filter { $0.severity == .error }.count
            let warnings = issues.filter { $0.severity == .warning }.count
            print("Aturan \(location.sourceLabel): \(ruleSet.rules.count) aturan, \(errors) galat, \(warnings) peringatan.")
            if errors > 0 { throw ExitCode.failure }
        }
    }

    /// `dip rules explain "TEXT"`: which rules fire on a text and the resulting classification.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Menunjukkan aturan yang berlaku untuk sebuah teks dan hasil klasifikasinya.")

        @Argument(help: "Teks ringkasan informasi.")
        var text: String

        @Option(name: .customLong("kategori"), help: "Kategori yang dinyatakan unit: berkala, serta_merta, setiap_saat, dikecualikan.")
        var declared: String?

        @Option(name: .customLong("dasar"), help: "Dasar pengecualian yang ditulis unit, mis. \"Pasal 17 huruf h\".")
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
            let c = Classifier(ruleSet: ruleSet).classify(item)
            print("Teks ternormalisasi: \(TextNormalizer.normalise(text))")
            if c.hits.isEmpty { print("Tidak ada aturan yang berlaku.") }
            for hit in c.hits {
                print("- \(hit.ruleID): \(hit.description) [kata: \(hit.matchedWords.joined(separator: ", "))]")
            }
            print("Kategori unit: \(c.declared?.rawValue ?? "-")")
            print("Kategori saran: \(c.suggested?.rawValue ?? "-")\(c.subgroup.map { " (subkelompok \($0.rawValue))" } ?? "")")
            print("Perlu uji konsekuensi: \(c.needsConsequenceTest ? "ya" : "tidak")\(c.exemptionGrounds.isEmpty ? "" : " — dasar: " + c.exemptionGrounds.joined(separator: ", "))")
            print("Perlu ditinjau: \(c.needsReview ? "ya" : "tidak")")
            for note in c.notes { print("Catatan: \(note)") }
        }
    }
}
