import DIPCore
import Foundation
import TestSupport
import OfficeFormats
import Register
import Rules
import XCTest

@testable import Publish

/// Inputs for the review pack: the fixture's version 3 as a draft, two pending tests, a diff,
/// problems and a completeness report.
enum ReviewFixtures {
    static let clock = Fixture.clock

    static func classification(_ suggested: DIPCore.Category?, grounds: [String] = [], test: Bool = false) -> Classification {
        Classification(
            declared: .setiapSaat, suggested: suggested, subgroup: nil, needsConsequenceTest: test,
            exemptionGrounds: grounds, needsReview: true, missingLegalBasis: false,
            hits: [RuleHit(ruleID: "data-pribadi", description: "Data pribadi pasien <rahasia>",
                           matchedWords: ["pasien", "rekam medis"])],
            notes: ["Unit menyatakan setiap saat, aturan menyarankan dikecualikan."])
    }

    static func pending() -> [PendingTest] {
        let item = Fixture.item("dinkes-0099", rev: 2, unit: Fixture.dinkes, nomor: "12",
                                ringkasan: "Rekam medis pasien & hasil laboratorium", category: .dikecualikan).item
        let item2 = Fixture.item("bpbd-0042", unit: Fixture.bpbd, nomor: "3",
                                 ringkasan: "Data korban bencana per keluarga", category: .dikecualikan).item
        return [
            PendingTest(itemID: "dinkes-0099", revision: 2, unit: Fixture.dinkes, item: item,
                        classification: classification(.dikecualikan, grounds: ["17h2"], test: true)),
            PendingTest(itemID: "bpbd-0042", revision: 1, unit: Fixture.bpbd, item: item2,
                        classification: classification(.dikecualikan, grounds: ["17h"], test: true)),
        ]
    }

    static func diff() -> VersionDiff {
        VersionDiff(
            from: 2, to: nil,
            added: [ItemDelta(itemID: "dinkes-0006", unit: "dinkes", revision: 1, change: .added, fields: [],
                              ringkasan: "Rencana umum pengadaan", nomor: "6", toCategory: .berkala)],
            changed: [ItemDelta(itemID: "bpbd-0002", unit: "bpbd", revision: 3, change: .changed,
                                fields: ["ringkasan", "bentuk"], ringkasan: "Program kesiapsiagaan", nomor: "2",
                                fromCategory: .berkala, toCategory: .berkala)],
            reclassified: [], withdrawn: [])
    }

    static func problems() -> [String: [Problem]] {
        ["dinkes": [Problem(file: "dip-dinkes.xlsx", sheet: "DIP", row: 14, column: "F", columnName: "Bentuk",
                            severity: .warning, code: "bentuk_kosong", message: "Bentuk informasi kosong.",
                            hint: "Isi Cetak atau Online.")]]
    }

    static func completeness() throws -> CompletenessReport {
        let json = """
            {"units":[{"unit":"dinkes","itemCount":9,"subgroupCounts":{"A":2,"B":1},"missingSubgroups":["E","K"],
            "missingSetiapSaat":["rencana_kerja_proyek"]}],
            "body":{"itemCount":24,"subgroupCounts":{"A":3},"missingSubgroups":[],"missingSetiapSaat":[]},
            "setiapSaatNames":{"rencana_kerja_proyek":"Rencana kerja proyek dan anggarannya"}}
            """
        return try JSONDecoder().decode(CompletenessReport.self, from: Data(json.utf8))
    }

    static func input() throws -> ReviewInput {
        var draft = Fixture.version3()
        draft.status = .draft
        return ReviewInput(draft: draft, pending: pending(), diff: diff(), problemsByUnit: problems(),
                           completeness: try completeness())
    }

    /// Every row of a sheet of an XLSX file.
    static func rows(_ path: String, sheet: String) throws -> [SheetRow] {
        let wb = try XLSXWorkbook(path: path)
        guard let i = wb.sheetIndex(named: sheet) else { return [] }
        let reader = try wb.rows(sheet: i)
        var out: [SheetRow] = []
        while let r = try reader.nextRow() { out.append(r) }
        return out
    }

    static func text(_ c: CellValue) -> String {
        if case .string(let s) = c { return s }
        if case .number(let d) = c { return String(Int(d)) }
        return ""
    }
}
