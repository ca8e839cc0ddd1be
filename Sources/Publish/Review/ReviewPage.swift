import DIPCore
import Foundation
import Register
import Rules

/// The review pack as one static HTML page (`reports/review/index.html`): the same tables as
/// the review workbook, readable offline (no scripts, no external files) and printable
/// (landscape, table headers repeated on each page).
public enum ReviewPage {
    public static func html(
        draft: DIPVersion?, pending: [PendingTest], diff: VersionDiff,
        problemsByUnit: [String: [Problem]], completeness: CompletenessReport?, clock: Clock
    ) -> String {
        html(ReviewInput(draft: draft, pending: pending, diff: diff, problemsByUnit: problemsByUnit,
                         completeness: completeness), clock: clock)
    }

    public static func html(_ input: ReviewInput, clock: Clock) -> String {
        let lines = ReviewContent.instructions(input, clock: clock)
        let tables = ReviewContent.tables(input)
        var body = "<header><h1>\(HTMLTables.escape(lines[0]))</h1>\n<p>\(HTMLTables.escape(lines[1]))</p>\n"
        body += "<p>Halaman ini berisi hal yang sama dengan lembar kerja pemeriksaan (Excel). "
            + "Keputusan diisi pada lembar kerja tersebut, bukan di halaman ini.</p>\n"
        body += "<nav><ul>\n"
        for (i, t) in tables.enumerated() {
            body += "<li><a href=\"#t\(i + 1)\">\(HTMLTables.escape(t.title))</a> (\(t.rows.count))</li>\n"
        }
        body += "</ul></nav></header>\n<main>\n"
        for (i, t) in tables.enumerated() {
            // Input columns are empty here and ids are shown, so the page can be checked
            // against the workbook row by row.
            let keep = t.columns.indices.filter { !t.columns[$0].input || t.columns[$0].header == ReviewFormat.legalBasisHeader }
            body += "<section id=\"t\(i + 1)\">\n<h2>\(HTMLTables.escape(t.title))</h2>\n"
            body += "<p>\(HTMLTables.escape(t.intro))</p>\n"
            body += HTMLTables.table(
                headers: keep.map { t.columns[$0].header.replacingOccurrences(of: " (jangan diubah)", with: "") },
                rows: t.rows.map { row in keep.map { $0 < row.count ? row[$0] : "" } },
                empty: "Tidak ada data.")
            body += "</section>\n"
        }
        body += "</main>\n"
        return HTMLTables.page(title: "Pemeriksaan Daftar Informasi Publik", body: body)
    }
}

/// Small helpers for the offline report pages (review page, unit feedback).
enum HTMLTables {
    static func escape(_ s: String) -> String {
        // A clean value is its own escape (xmlSafe would rebuild it scalar by scalar).
        WebText.isClean(s) ? s : WebText.escape(WebText.xmlSafe(s))
    }

    /// Escaped text with line breaks kept.
    static func cell(_ s: String) -> String {
        if WebText.isClean(s) && !s.utf8.contains(0x0A) { return s }
        return escape(s).replacingOccurrences(of: "\n", with: "<br>")
    }

    static func table(headers: [String], rows: [[String]], empty: String) -> String {
        if rows.isEmpty { return "<p class=\"empty\">\(escape(empty))</p>\n" }
        var out = "<table>\n<thead><tr>"
        for h in headers { out += "<th scope=\"col\">\(escape(h))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for value in row {
                out += "<td>"
                out += cell(value)
                out += "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static let css = """
        body{font-family:"Liberation Sans",Arial,sans-serif;font-size:11pt;margin:1.5em;color:#111}
        h1{font-size:16pt}h2{font-size:13pt;margin-top:1.5em;border-bottom:1px solid #999}
        table{border-collapse:collapse;width:100%;margin:.5em 0}
        th,td{border:1px solid #777;padding:3px 5px;vertical-align:top;text-align:left}
        th{background:#d9d9d9}tbody tr:nth-child(even){background:#f5f5f5}
        .empty{font-style:italic;color:#555}
        @page{size:330mm 215mm;margin:12mm}
        @media print{nav{display:none}thead{display:table-header-group}tr{page-break-inside:avoid}
        section{page-break-before:always}section:first-of-type{page-break-before:auto}}
        """

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="id">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
