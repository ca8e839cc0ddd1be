import XCTest
@testable import OfficeFormats

/// `DOCXWriter.rowXML` renders a row on its own exactly as the table writes it inline, so a
/// document made from rows kept by an earlier run (`DOCXTable.renderedRow`) has the bytes of
/// one rendered whole.
final class DOCXRenderedRowTests: XCTestCase {
    let when = Date(timeIntervalSince1970: 1_767_225_600)
    let widths = DOCXRenderedRowTests.widths
    static let widths = [800, 6000, 3000, 3000, 4000]

    func rows() -> [DOCXRow] { Self.rows() }

    static func rows() -> [DOCXRow] {
        var rows = [DOCXRow(widths.indices.map { DOCXCell(text: "Kepala \($0 + 1)", bold: true, shading: "D9D9D9") },
                            isHeader: true)]
        rows.append(DOCXRow([DOCXCell(text: "A", bold: true, shading: "F2F2F2"),
                             DOCXCell(text: "Bagian A & <B>", bold: true, gridSpan: 4)], cantSplit: true))
        let texts = ["Laporan keuangan \"2024\" & neraca", "baris satu\nbaris dua\r\nbaris tiga", "  spasi di tepi  ",
                     "tab\tdi tengah", "Rp 1.000 — 2.000 ‘kutip’", "", "Penyusunan ⟨≥⟩ é ü ñ", "\u{1}kendali"]
        for (i, text) in texts.enumerated() {
            var row = DOCXRow([
                DOCXCell([DOCXParagraph([DOCXRun("\(i + 1)", size: 10)], alignment: .center)]),
                DOCXCell([DOCXParagraph([DOCXRun(text, size: 10)])]),
                DOCXCell(i % 2 == 1 ? [] : [DOCXParagraph(text: "unit")], verticalMerge: i % 2 == 1 ? .restart : .continue),
                DOCXCell(text: text.uppercased(), bold: i % 3 == 0),
                DOCXCell(text: "5 tahun", shading: i == 2 ? "EEEEEE" : nil),
            ], cantSplit: i % 2 == 0)
            if i == texts.count - 1 {
                for c in row.cells.indices { for p in row.cells[c].paragraphs.indices { row.cells[c].paragraphs[p].keepWithNext = true } }
            }
            rows.append(row)
        }
        return rows
    }

    func document(_ table: DOCXTable) -> DOCXDocument {
        DOCXDocument(blocks: [.paragraph(DOCXParagraph(text: "Awal")), .table(table), .paragraph(DOCXParagraph(text: "Akhir."))],
                     finalSection: DOCXSection(paperWidth: DOCXSection.f4Width, paperHeight: DOCXSection.f4Height),
                     pageNumbers: true, title: "Uji", creator: "dip", created: when)
    }

    func testRowsRenderedOnTheirOwnGiveTheSameDocument() throws {
        let rows = rows()
        let whole = try DOCXWriter.write(document(DOCXTable(columnWidths: widths, rows: rows)))
        var table = DOCXTable(columnWidths: widths, rows: rows)
        let widths = self.widths
        table.renderedRow = { r in r == 0 ? nil : try DOCXWriter.rowXML(rows[r], columnWidths: widths) }
        let pieced = try DOCXWriter.write(document(table))
        XCTAssertEqual(whole, pieced)
        // The rendered rows really replaced the model's: a different rendered row shows.
        table.renderedRow = { r in r == 3 ? try DOCXWriter.rowXML(rows[4], columnWidths: widths) : nil }
        XCTAssertNotEqual(whole, try DOCXWriter.write(document(table)))
    }

    func testARowThatDoesNotFitTheGridIsRefused() {
        let row = DOCXRow([DOCXCell(text: "satu")])
        XCTAssertThrowsError(try DOCXWriter.rowXML(row, columnWidths: widths))
    }
}

/// A package made around the compressed body of an earlier one (`write(_:bodyFrom:)`) is the
/// package written whole, whatever the new frame's clock.
final class DOCXKeptBodyTests: XCTestCase {
    func testABodyTakenFromAnEarlierPackageGivesTheSameBytes() throws {
        let rows = DOCXRenderedRowTests.rows()
        func document(_ created: Date, blocks: Bool) -> DOCXDocument {
            let table = DOCXTable(columnWidths: DOCXRenderedRowTests.widths, rows: rows)
            return DOCXDocument(
                blocks: blocks ? [.paragraph(DOCXParagraph(text: "Lembar & uji")), .table(table)] : [],
                finalSection: DOCXSection(paperWidth: DOCXSection.f4Width, paperHeight: DOCXSection.f4Height),
                pageNumbers: true, title: "Uji", creator: "dip", created: created)
        }
        let first = Date(timeIntervalSince1970: 1_767_225_600), later = Date(timeIntervalSince1970: 1_767_400_000)
        let earlier = try DOCXWriter.writeForKeeping(document(first, blocks: true))
        XCTAssertTrue(earlier.keepable)
        let whole = try DOCXWriter.write(document(later, blocks: true))
        let lent = try DOCXWriter.write(document(later, blocks: false), bodyFrom: earlier.package)
        XCTAssertEqual(whole, lent)
        XCTAssertNotEqual(whole, earlier.package, "the clock must change the package, or the test proves nothing")
        // The copied part reads back as the body.
        let part = OPCPart(name: "word/document.xml", contentType: nil, copiedFrom: earlier.package, entry: "word/document.xml")
        XCTAssertTrue(String(decoding: part.data, as: UTF8.self).contains("Lembar &amp; uji"))
    }
}
