import TestSupport
import XCTest

@testable import OfficeFormats

/// `XLSXRowHeight.lineCount`'s byte path must count exactly the lines the Character walk
/// counts (kept as `lineCountCharacters`), on random texts mixing words, spaces, line feeds,
/// CR LF, controls, Latin letters, combining marks, wide scalars and words longer than a line.
final class RowHeightTests: XCTestCase {
    func testByteLayoutEqualsTheCharacterLayout() {
        let pieces: [String] = [
            "a", "W", "0", " ", "  ", "\n", "\r", "\r\n", "\t", "\u{1}", "\u{7F}", "\u{A0}", "é", "ß",
            "\u{2FF}", "\u{301}", " \u{301}", "\n\u{301}", "—", "😀", "laporan ", "keuangan ", "—", "2023—2024", " — ", "“kutipan” ", " …", "\u{2028}", "\u{2060}", " \u{200D}",
            "\u{600}", "\u{200D}", "a\u{300}", "\u{FFFD}",
            "Dinas Pendidikan ", "Peraturan Bupati Nomor 12 Tahun 2024 ", "WWWWWWWWWWWWWWWWWWWWWWWW",
            "https://ppid.example.go.id/dokumen/laporan-keuangan-2024.pdf",
        ]
        var texts = PieceTexts(pieces, maxPieces: 16, seed: 0x2545_F491_4F6C_DD1D)
        let widths = [8.43, 12, 20, 35, 60].map { XLSXRowHeight.usableWidth(columnWidth: $0) } + [0.5, 30]
        var byBytes = 0
        for _ in 0..<20_000 {
            let text = texts.nextText()
            let width = widths[texts.nextInt() % widths.count]
            let bold = texts.nextInt() % 2 == 0
            XCTAssertEqual(XLSXRowHeight.lineCount(text, width: width, bold: bold),
                           XLSXRowHeight.lineCountCharacters(text, width: width, bold: bold),
                           "\(text.unicodeScalars.map { $0.value }) width \(width) bold \(bold)")
            var copy = text
            if copy.withUTF8({ XLSXRowHeight.lineCountBytes($0, width: width, bold: bold) }) != nil { byBytes += 1 }
        }
        XCTAssertGreaterThan(byBytes, 3_000, "the byte path is exercised")
    }

    /// Heights with the per-workbook memo of long texts' line counts equal heights without it,
    /// for rows repeating texts in other columns, widths, weights, merges and NFC/NFD forms
    /// (byte-different texts are laid out apart: NFD "e" + U+0301 is wider than NFC "é").
    func testHeightsWithTheMemoEqualHeightsWithout() {
        let pieces = ["Laporan keuangan ", "é", "e\u{301}", "\n", "WWWWWWWW ", "dan ", "—", "Peraturan Bupati "]
        var texts = PieceTexts(pieces, maxPieces: 14, seed: 0x19)
        var pool: [String] = []
        for _ in 0..<40 { pool.append(texts.nextText()) }
        var memo: XLSXRowHeight.LineMemo?
        let widths = [5.0, 22, 48, 14]
        var tall = 0
        for _ in 0..<3_000 {
            var row: [XLSXCell] = []
            for _ in 0..<(1 + texts.nextInt() % 4) {
                let style = [XLSXStyle.body, .header, .plain][texts.nextInt() % 3]
                row.append(XLSXCell(pool[texts.nextInt() % pool.count], style: style))
            }
            let spans: [Int: Double] = texts.nextInt() % 5 == 0 ? [0: 70] : [:]
            let expected = XLSXRowHeight.height(row, widths: widths, spans: spans)
            XCTAssertEqual(XLSXRowHeight.height(row, widths: widths, spans: spans, memo: &memo), expected)
            if expected != nil { tall += 1 }
        }
        XCTAssertGreaterThan(tall, 300)
        XCTAssertGreaterThan(memo?.lines.count ?? 0, 20, "the memo is used")
    }
}

/// `XLSXRowHeight.widthFitting`: a column is widened just enough that no text needs a row taller
/// than a spreadsheet shows, and `surelyFits` (which spares the layout of short texts) never
/// calls a text fitting that does not.
final class ColumnFitTests: XCTestCase {
    func testSurelyFitsNeverPassesATextThatOverflows() {
        let pieces = ["a", "W", "@", " ", "\n", "é", "—", "laporan ", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
                      "https://ppid.example.go.id/dokumen/laporan-keuangan-2024.pdf ", "Peraturan Bupati Nomor 12 "]
        var texts = PieceTexts(pieces, maxPieces: 90, seed: 0x5EED_0022)
        var passed = 0, overflowing = 0
        for _ in 0..<6_000 {
            let text = texts.nextText()
            let width = [8.0, 14, 24, 40][texts.nextInt() % 4]
            let bold = texts.nextInt() % 2 == 0
            let lines = [4, 12, 31][texts.nextInt() % 3]
            let n = XLSXRowHeight.lineCount(text, width: XLSXRowHeight.usableWidth(columnWidth: width), bold: bold)
            if n > lines { overflowing += 1 }
            if XLSXRowHeight.surelyFits(text, columnWidth: width, lines: lines, bold: bold) {
                passed += 1
                XCTAssertLessThanOrEqual(n, lines, "\(text.debugDescription) width \(width) bold \(bold)")
            }
        }
        XCTAssertGreaterThan(passed, 200, "the bound spares some texts their layout")
        XCTAssertGreaterThan(overflowing, 500, "the texts test the bound")
    }

    func testALongTextWidensItsColumnJustEnough() {
        let most = XLSXRowHeight.maximumLines
        XCTAssertEqual(most, 31)
        let short = ["Berkala", "Setiap Saat", String(repeating: "informasi publik ", count: 20)]
        XCTAssertEqual(XLSXRowHeight.widthFitting(short, width: 40, limit: 110), 40, "texts that fit keep the width")
        // Twelve explanation lines of about 150 characters: 40 lines and more at width 40.
        let line = "Preseden: mirip dengan 'Data pribadi penerima bantuan sosial' (kemiripan 44%) — dikecualikan oleh "
            + "Kementerian Pendidikan Dasar dan Menengah."
        let long = Array(repeating: line, count: 12).joined(separator: "\n")
        let lines = { (w: Double) in XLSXRowHeight.lineCount(long, width: XLSXRowHeight.usableWidth(columnWidth: w), bold: false) }
        XCTAssertGreaterThan(lines(40), most)
        let w = XLSXRowHeight.widthFitting(short + [long], width: 40, limit: 110)
        XCTAssertGreaterThan(w, 40)
        XCTAssertLessThanOrEqual(lines(w), most, "the text fits the widened column")
        XCTAssertGreaterThan(lines(w - 2), most, "and the column is not much wider than it needs")
        // A text that cannot fit stops at the limit.
        let endless = Array(repeating: line, count: 200).joined(separator: "\n")
        XCTAssertEqual(XLSXRowHeight.widthFitting([endless], width: 40, limit: 110), 110)
        XCTAssertEqual(XLSXRowHeight.widthFitting([long], width: 120, limit: 110), 120, "never narrower than given")
    }
}

/// `DOCXWriter.needsPreserve`'s byte test must agree with the Character and substring test
/// it shortcuts, on random texts with single and double spaces, combining marks and dashes.
final class DOCXPreserveTests: XCTestCase {
    func testByteTestEqualsTheCharacterTest() {
        let pieces = ["a", " ", "  ", "\u{301}", " \u{301}", "é", "—", "\u{A0}", "Dinas", "\r\n", "x"]
        var texts = PieceTexts(pieces, maxPieces: 8, seed: 0x5DEE_CE66_D1CE_4E5B)
        var preserved = 0
        for _ in 0..<20_000 {
            let text = texts.nextText()
            let reference = text.first == " " || text.last == " " || text.contains("  ")
            XCTAssertEqual(DOCXWriter.needsPreserve(text), reference, "\(text.unicodeScalars.map { $0.value })")
            if reference { preserved += 1 }
        }
        XCTAssertGreaterThan(preserved, 2_000)
        XCTAssertLessThan(preserved, 18_000)
    }
}
