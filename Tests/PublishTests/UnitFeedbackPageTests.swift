import DIPCore
import Foundation
import Register
import TestSupport
import XCTest

@testable import Publish

/// The unit feedback page is written as bytes, row by row (`HTMLTables.rowBytes`); it must be
/// the page joined from strings with `HTMLTables.table`, as it was first written, also for
/// awkward texts (markup next to combining marks, controls, CR, LF, C1 controls, U+FFFE).
final class UnitFeedbackPageTests: XCTestCase {
    /// The first version of `UnitFeedback.html(unit:_:)`.
    func joined(unit: WorkUnit, _ c: UnitFeedback.Content) -> String {
        var body = "<header><h1>\(HTMLTables.escape("Umpan Balik Daftar Informasi Publik – \(unit.name)"))</h1>\n"
        for line in c.summary { body += "<p>\(HTMLTables.escape(line))</p>\n" }
        body += "</header>\n<main>\n"
        // Session 19: lines on many rows written once (`compacted`); the items table labelled by CSS.
        var tables = c.tables
        if let (items, repeated, _) = UnitFeedback.compacted(tables[0]) {
            tables[0] = items
            tables.insert(repeated, at: 0)
        }
        for t in [c.files] + tables {
            body += "<section>\n<h2>\(HTMLTables.escape(t.title))</h2>\n"
            body += HTMLTables.table(headers: t.headers, rows: t.rows, empty: t.empty, widths: t.widths,
                                     cssClass: t.sheet == UnitFeedback.itemsSheet ? UnitFeedback.itemsClass : nil)
            body += "</section>\n"
        }
        body += "</main>\n"
        return HTMLTables.page(title: "Umpan Balik DIP – \(unit.name)", body: body,
                               extraCSS: HTMLTables.columnLabelCSS(cssClass: UnitFeedback.itemsClass, headers: c.tables[0].headers))
    }

    func testBytePageIsTheJoinedPage() {
        var texts = PieceTexts(["Laporan ", "keuangan", " & ", "<b>", "\"", "'", ">", "é", "e\u{301}", "\u{301}", "—", "\n",
                                "\r\n", "\t", "\u{1}", "\u{7F}", "\u{85}", "\u{FFFE}", "•", "😀", "2025"],
                               maxPieces: 9, seed: 16)
        let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
        for round in 0..<40 {
            let unit = WorkUnit(code: "u\(round)", name: texts.nextText())
            let count = round % 7 == 0 ? 0 : 1 + texts.nextInt() % 30
            let items = (0..<count).map { n in
                InformationItem(source: SourceLocation(file: "dip.csv", sheet: nil, row: n + 2), nomor: texts.nextText(),
                                ringkasan: texts.nextText(), pejabatPenguasa: texts.nextText(), penanggungJawab: "PJ",
                                waktuPembuatan: "2025", tempatPembuatan: "Serang", bentuk: "Cetak", retensi: "5 tahun",
                                kategoriText: texts.nextText(), kategori: n % 2 == 0 ? .berkala : nil)
            }
            let classes = items.map { _ in
                Classification(declared: .berkala, suggested: .berkala, subgroup: .C, needsConsequenceTest: false,
                               exemptionGrounds: [], needsReview: false, missingLegalBasis: false,
                               hits: [RuleHit(ruleID: "r", description: texts.nextText(), matchedWords: [])],
                               notes: [texts.nextText()])
            }
            let problems = items.prefix(3).enumerated().map { n, item in
                Problem(file: "dip.csv", sheet: nil, row: n == 2 ? 999 : item.source.row, column: "B",
                        severity: n == 1 ? .info : .warning, code: "x", message: texts.nextText(), hint: texts.nextText())
            }
            let notes = items.prefix(1).map {
                ReturnNote(itemID: "u-0001", revision: 1, nomor: $0.nomor, ringkasan: $0.ringkasan, note: texts.nextText(),
                           by: texts.nextText(), at: clock.now)
            }
            let files = round % 3 == 0 ? [] : [FeedbackFile(fileName: texts.nextText(), status: .accepted, detail: texts.nextText())]
            let c = UnitFeedback.content(unit: unit, items: items, problems: problems, returnNotes: notes,
                                         classifications: classes, files: files, citations: .builtIn, clock: clock)
            XCTAssertEqual(Array(UnitFeedback.html(unit: unit, c).utf8), Array(joined(unit: unit, c).utf8), "round \(round)")
        }
    }

    /// A test on record as the unit reads it: an exemption is tested again also when its period
    /// ends (the review pack and the unit's blank forms ask for it then), an open conclusion only
    /// when the item changes.
    func testATestOnRecordSaysWhenItIsTestedAgain() {
        let clock = Clock(now: Date(timeIntervalSince1970: 1_767_225_600))
        func text(_ conclusion: ConsequenceConclusion) -> String {
            UnitFeedback.testedText(TestOnRecord(itemID: "dinkes-0001", revision: 1, nomor: "1", ringkasan: "Rincian HPS",
                                                 conclusion: conclusion, testedOn: nil), clock: clock)
        }
        XCTAssertEqual(text(.exemptWhole), "sudah diuji konsekuensi oleh PPID, kesimpulan: dikecualikan seluruhnya "
            + "(diuji lagi bila isinya diubah atau jangka waktu pengecualiannya berakhir)")
        XCTAssertTrue(text(.exemptPart).hasSuffix("atau jangka waktu pengecualiannya berakhir)"))
        XCTAssertEqual(text(.open), "sudah diuji konsekuensi oleh PPID, kesimpulan: terbuka (diuji lagi bila isinya diubah)")
    }
}
