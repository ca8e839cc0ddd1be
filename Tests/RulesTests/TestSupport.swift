import DIPCore
import Foundation
import TestSupport
@testable import Rules

/// The repository root (three levels up from this file), its rules and the rules tests' fixtures.
enum Paths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let rules = root.appendingPathComponent("rules")
    static let fixtures = root.appendingPathComponent("Tests/RulesTests/Fixtures")
}

/// An item with only the fields the rules read.
func item(_ text: String, declared: Category? = nil, basis: String? = nil, heading: String? = nil,
          remark: String? = nil) -> InformationItem {
    InformationItem(
        source: SourceLocation(file: "test.xlsx", sheet: "DIP", row: 2), nomor: "1", ringkasan: text,
        pejabatPenguasa: "Sekretariat", penanggungJawab: "Kepala Dinas", waktuPembuatan: "2026",
        tempatPembuatan: "Serang", bentuk: "Softcopy", retensi: "5 tahun",
        kategori: declared, subkelompok: heading, keterangan: remark, dasarHukumText: basis)
}

/// The default rules, loaded once.
let defaultRules: RuleSet = {
    do { return try RuleSet.load(directory: Paths.rules) } catch { fatalError("default rules do not load: \(error)") }
}()

/// A temporary rules folder holding copies of the default files with some replaced.
func temporaryRules(replacing replacements: [String: String]) throws -> URL {
    let directory = try Scratch.directory("dip-rules")
    for name in RuleSet.fileNames {
        let text = try replacements[name]
            ?? String(contentsOf: Paths.rules.appendingPathComponent(name), encoding: .utf8)
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return directory
}
