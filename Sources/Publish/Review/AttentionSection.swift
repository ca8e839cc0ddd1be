import Foundation
import OfficeFormats

/// The layout of a review-pack section that needs the PPID before anything else (lists held
/// back, exemption periods that end): on the page a red-bordered section above the contents, in
/// the workbook a sheet of its own with the title, the intro and the table. One layout, so the
/// sections read alike; each section supplies its texts and rows.
enum AttentionSection {
    /// The page's section: the lead (what to do) in plain weight, the rest of the explanation
    /// folded under "Keterangan lengkap", then the table, whose `commandColumns` are commands to
    /// copy (`HTMLTables.commandCell`). On a 390 px phone the exemption periods' box opened with
    /// its whole explanation set in bold, some twenty lines before the first row (session 26).
    static func html(id: String, title: String, lead: String, details: String, headers: [String], rows: [[String]],
                     commandColumns: Set<Int> = []) -> String {
        var out = "<section id=\"\(id)\" style=\"border:3px solid #b00000;padding:0 .8em .5em;margin:1em 0\">\n"
        out += "<h2>\(HTMLTables.escape(title)) (\(rows.count))</h2>\n"
        out += "<p class=\"pengantar\">\(HTMLTables.escape(lead))</p>\n"
        if !details.isEmpty {
            out += "<details><summary>Keterangan lengkap</summary><p>\(HTMLTables.escape(details))</p></details>\n"
        }
        out += HTMLTables.table(headers: headers, rows: rows, empty: "", commandColumns: commandColumns)
        out += "</section>\n"
        return out
    }

    /// The workbook's intro: the lead and the explanation in one paragraph (a sheet has no folds).
    static func intro(lead: String, details: String) -> String {
        details.isEmpty ? lead : lead + " " + details
    }

    /// The workbook's sheet: the cells of `numberColumns` written as numbers.
    static func sheet(name: String, title: String, intro: String, headers: [String], widths: [Double],
                      rows body: [[String]], numberColumns: Set<Int>) -> XLSXSheet {
        let last = headers.count - 1
        var rows: [[XLSXCell]] = [
            [XLSXCell("\(title) (\(body.count))", style: XLSXStyle(bold: true))],
            [XLSXCell(intro, style: XLSXStyle(wrap: true, verticalTop: true))],
            [],
            headers.map { XLSXCell($0, style: .header) },
        ]
        let style = XLSXStyle(wrap: true, border: true, verticalTop: true)
        for row in body {
            rows.append(row.enumerated().map { i, text in
                numberColumns.contains(i) ? XLSXCell(.number(Double(text) ?? 0), style: style) : XLSXCell(text, style: style)
            })
        }
        return XLSXSheet(
            name: name, rows: rows, columns: widths.map { XLSXColumn(width: $0) },
            print: .f4Landscape,
            merges: [MergedRange(firstRow: 1, lastRow: 1, firstColumn: 0, lastColumn: last),
                     MergedRange(firstRow: 2, lastRow: 2, firstColumn: 0, lastColumn: last)])
    }
}
