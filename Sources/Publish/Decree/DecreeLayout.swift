import DIPCore
import Foundation
import OfficeFormats

/// The building blocks every decree and form shares: page setup from the settings, the
/// letterhead, label–colon–text rows, the signature block and the Tembusan.
struct DecreeLayout {
    let settings: DecreeSettings
    let clock: Clock
    /// The kop's logo (`DecreeLogo`), printed centred above the letterhead lines.
    var logo: DOCXImage? = nil

    // Numbering ids used by the decrees (each list restarts at a/1).
    static let menimbangList = 1
    static let mengingatList = 2
    static let tembusanList = 3
    static let kategoriList = 4
    static let liftedList = 5

    static let numberings = [
        DOCXNumbering(id: menimbangList, levels: [DOCXNumberingLevel(format: .lowerLetter, text: "%1.", indentLeft: 397, hanging: 397)]),
        DOCXNumbering(id: mengingatList, levels: [DOCXNumberingLevel(format: .decimal, text: "%1.", indentLeft: 397, hanging: 397)]),
        DOCXNumbering(id: tembusanList, levels: [DOCXNumberingLevel(format: .decimal, text: "%1.", indentLeft: 397, hanging: 397)]),
        DOCXNumbering(id: kategoriList, levels: [DOCXNumberingLevel(format: .lowerLetter, text: "%1.", indentLeft: 397, hanging: 397)]),
        DOCXNumbering(id: liftedList, levels: [DOCXNumberingLevel(format: .lowerLetter, text: "%1.", indentLeft: 397, hanging: 397)]),
    ]

    var paperSize: (Int, Int) {
        switch settings.paper {
        case .f4: return (DOCXSection.f4Width, DOCXSection.f4Height)
        case .a4: return (DOCXSection.a4Width, DOCXSection.a4Height)
        }
    }

    func section(_ orientation: DOCXOrientation, _ m: PageMargins, restartNumbering: Bool = false) -> DOCXSection {
        let (w, h) = paperSize
        return DOCXSection(paperWidth: w, paperHeight: h, orientation: orientation,
                           marginTop: Self.twips(cm: m.top), marginRight: Self.twips(cm: m.right),
                           marginBottom: Self.twips(cm: m.bottom), marginLeft: Self.twips(cm: m.left),
                           pageNumberStart: restartNumbering ? 1 : nil)
    }

    var portrait: DOCXSection { section(.portrait, settings.margins) }
    var landscape: DOCXSection { section(.landscape, settings.lampiranMargins, restartNumbering: true) }

    static func twips(cm: Double) -> Int { DOCXSection.twips(mm: cm * 10) }

    /// The year the decree is for: the decree date's year in WIB, else the clock's.
    func year(_ date: Date?) -> Int {
        let cal = Clock.wibCalendar
        return cal.component(.year, from: date ?? clock.now)
    }

    /// "26 November 2026", or a dotted blank with the year when the decree is not dated yet.
    func dateText(_ date: Date?, year: Int) -> String {
        if let date { return clock.indonesianDate(date) }
        return "……………………… \(year)"
    }

    func paragraph(_ text: String, bold: Bool = false, size: Double? = nil, alignment: DOCXAlignment? = nil,
                   spaceAfter: Int? = nil, keepWithNext: Bool = false, indentLeft: Int? = nil) -> DOCXBlock {
        .paragraph(DOCXParagraph([DOCXRun(text, bold: bold, size: size)], alignment: alignment, keepWithNext: keepWithNext,
                                 spaceAfter: spaceAfter, indentLeft: indentLeft))
    }

    func empty(_ keepWithNext: Bool = false) -> DOCXBlock {
        .paragraph(DOCXParagraph(keepWithNext: keepWithNext))
    }

    /// The contact lines of the kop: "Jalan … Telepon …", "Pos-el … Laman …".
    var contactLines: [String] {
        guard let c = settings.contact else { return [] }
        var first = c.address
        if let t = c.telephone, !t.isEmpty { first += " Telepon \(t)" }
        var second: [String] = []
        if let e = c.email, !e.isEmpty { second.append("Pos-el: \(e)") }
        if let w = c.website, !w.isEmpty { second.append("Laman: \(w)") }
        return [first] + (second.isEmpty ? [] : [second.joined(separator: " – ")])
    }

    /// Letterhead: the logo if any, centred lines, the first two larger, then the contact lines,
    /// a rule under the last.
    func letterhead() -> [DOCXBlock] {
        let lines = settings.letterhead + contactLines
        var blocks: [DOCXBlock] = []
        if let logo {
            blocks.append(.paragraph(DOCXParagraph(alignment: .center, keepWithNext: true, spaceAfter: 60,
                                                   picture: DOCXPicture(image: logo, widthCm: DecreeLogo.widthCm,
                                                                        description: "Logo \(settings.bodyName)"))))
        }
        return blocks + lines.enumerated().map { i, line in
            let size: Double = i == 0 ? settings.fontSize + 2 : (i == 1 ? settings.fontSize + 2 : settings.fontSize - 1)
            return .paragraph(DOCXParagraph([DOCXRun(line, bold: i < 2, size: size)], alignment: .center,
                                            spaceAfter: i == lines.count - 1 ? 240 : 0,
                                            bottomBorder: i == lines.count - 1))
        }
    }

    /// The centred heading block: KEPUTUSAN …, NOMOR, TENTANG, title.
    func heading(number: String, title: String) -> [DOCXBlock] {
        [
            paragraph("KEPUTUSAN \(settings.issuer)", bold: true, alignment: .center),
            paragraph("NOMOR \(number)", alignment: .center, spaceAfter: 240),
            paragraph("TENTANG", bold: true, alignment: .center, spaceAfter: 0),
            paragraph(title.uppercased(), bold: true, alignment: .center, spaceAfter: 240),
            paragraph("DENGAN RAHMAT TUHAN YANG MAHA ESA", bold: true, alignment: .center, spaceAfter: 240),
            paragraph("\(settings.issuer),", bold: true, alignment: .center, spaceAfter: 240),
        ]
    }

    /// One label row of the considerations table: "Menimbang : a. …".
    struct LabelRow {
        var label: String
        var paragraphs: [DOCXParagraph]
    }

    func justified(_ text: String, bold: Bool = false, numbering: Int? = nil, spaceAfter: Int = 120) -> DOCXParagraph {
        DOCXParagraph([DOCXRun(text, bold: bold)], alignment: .both, numbering: numbering.map { ($0, 0) },
                      spaceAfter: spaceAfter)
    }

    /// A borderless three-column table: label, colon, text (Menimbang, Mengingat, diktum).
    /// With `keepLastRowWithNext` the last row cannot split and keeps with what follows (the
    /// signature), so the signature never stands alone on a page. With `wholeRows` (the diktums)
    /// a row that fits on a page does not split either: a diktum broken after its first line
    /// left "KESATU : Menetapkan Klasifikasi Informasi yang Dikecualikan di" alone at the foot
    /// of a signed page (seventh legal review). A Mengingat list may still run on.
    func labelTable(_ rows: [LabelRow], textWidth: Int, keepLastRowWithNext: Bool = false, wholeRows: Bool = false) -> DOCXBlock {
        let label = Self.twips(cm: 3.0), colon = Self.twips(cm: 0.5)
        let widths = [label, colon, textWidth - label - colon]
        return .table(DOCXTable(columnWidths: widths, rows: rows.enumerated().map { i, row in
            let text = row.paragraphs.map { $0.runs.map(\.text).joined() }.joined(separator: "\n")
            let whole = wholeRows && fitsOnePage([text], widths: [widths[2]], section: portrait)
            var r = DOCXRow([
                DOCXCell([DOCXParagraph([DOCXRun(row.label, bold: true)])]),
                DOCXCell([DOCXParagraph([DOCXRun(row.label.isEmpty ? "" : ":")])]),
                DOCXCell(row.paragraphs),
            ], cantSplit: whole || (keepLastRowWithNext && i == rows.count - 1))
            if keepLastRowWithNext && i == rows.count - 1 { DecreeWriter.markKeepWithNext(&r) }
            return r
        }, borders: false))
    }

    /// The diktums: `labelTable` with whole rows, its last row (the one-line "Keputusan ini mulai
    /// berlaku …") written as a paragraph laid out like a row (label, colon, text at the table's
    /// column offsets) and kept with the signature after it. LibreOffice ignores keep-with-next
    /// on a table row's paragraphs: a DIK decree whose diktums filled page 3 printed its
    /// signature alone on page 4 (eighth legal review); a paragraph it keeps with what follows.
    /// A last row of several paragraphs (never made by dip) stays a kept-together row.
    func diktumBlocks(_ rows: [LabelRow], textWidth: Int) -> [DOCXBlock] {
        guard let last = rows.last, rows.count > 1, last.paragraphs.count == 1, last.paragraphs[0].numbering == nil else {
            return [labelTable(rows, textWidth: textWidth, keepLastRowWithNext: true, wholeRows: true)]
        }
        let label = Self.twips(cm: 3.0), colon = Self.twips(cm: 0.5)
        // The table's cells start their text one cell margin (85 twips, DOCXWriter) in.
        let margin = 85
        var p = last.paragraphs[0]
        p.runs = [DOCXRun(last.label, bold: true), DOCXRun("\t:\t")] + p.runs
        p.keepWithNext = true
        p.keepLinesTogether = true
        p.indentLeft = label + colon + margin
        p.indentHanging = label + colon
        p.tabStops = [label + margin, label + colon + margin]
        return [labelTable(Array(rows.dropLast()), textWidth: textWidth, wholeRows: true), .paragraph(p)]
    }

    /// Column widths from `weights`, each at least wide enough for the longest word of its
    /// header in the header font, so no header breaks inside a word ("Pengecualia-n").
    func fitWidths(_ weights: [Double], headers: [String], total: Int) -> [Int] {
        let size = settings.fontSize - 1
        // Bold Arial averages about 0.62 em a character; 0.72 leaves room; plus cell margins.
        let minimum = headers.map { h -> Int in
            let longest = h.split(whereSeparator: { $0 == " " || $0 == "/" }).map(\.count).max() ?? 1
            return Int((Double(longest) * size * 20 * 0.72).rounded(.up)) + 300
        }
        var widths = Self.widths(weights, total: total)
        // Columns raised to their minimum stay there; the others share what is left by weight.
        var fixed = Set<Int>()
        while true {
            let short = widths.indices.filter { !fixed.contains($0) && widths[$0] < minimum[$0] }
            guard !short.isEmpty else { break }
            for i in short { widths[i] = minimum[i]; fixed.insert(i) }
            let rest = widths.indices.filter { !fixed.contains($0) }
            guard !rest.isEmpty else { break }
            let free = total - fixed.reduce(0) { $0 + widths[$1] }
            let scaled = Self.widths(rest.map { weights[$0] }, total: max(free, rest.count))
            for (k, i) in rest.enumerated() { widths[i] = scaled[k] }
        }
        widths[widths.count - 1] += total - widths.reduce(0, +)
        return widths
    }

    /// A dotted line for a name or NIP not known yet (drafts only).
    static let blank = "………………………………"

    /// The signature lines of `who`: title, space, name, rank, NIP. A published decree prints
    /// the approval's signatory and never dotted lines (an unknown rank is left out).
    func signatureLines(_ who: Official?, title: String, final: Bool) -> [(text: String, bold: Bool, underline: Bool, after: Int)] {
        let name = who?.name.trimmingCharacters(in: .whitespaces) ?? ""
        var lines: [(String, Bool, Bool, Int)] = [("\(title),", true, false, 0), ("", false, false, 0), ("", false, false, 0),
                                                   ("", false, false, 0)]
        lines.append((name.isEmpty ? (final ? "" : Self.blank) : name, true, !name.isEmpty, 0))
        if let rank = who?.rank, !rank.isEmpty { lines.append((rank, false, false, 0)) }
        if let nip = who?.nip, !nip.isEmpty {
            lines.append(("NIP. \(nip)", false, false, 0))
        } else if !final {
            lines.append(("NIP. \(Self.blank)", false, false, 0))
        }
        return lines
    }

    /// "Ditetapkan di … pada tanggal …" (when `place`), then the signatory, indented by
    /// `indent`; every line keeps with the next, so the block stays on one page.
    func signatureParagraphs(date: Date?, year: Int, indent: Int, official: Official?, final: Bool,
                             place: Bool) -> [DOCXParagraph] {
        var lines: [(text: String, bold: Bool, underline: Bool, after: Int)] = []
        if place {
            lines.append(("Ditetapkan di \(settings.city)", false, false, 0))
            lines.append(("pada tanggal \(dateText(date, year: year))", false, false, 240))
        }
        lines += signatureLines(official ?? settings.ppid, title: settings.signatureTitle(official), final: final)
        return lines.enumerated().map { i, l in
            DOCXParagraph([DOCXRun(l.text, bold: l.bold, underline: l.underline)], keepWithNext: i < lines.count - 1,
                          keepLinesTogether: true, spaceAfter: l.after, indentLeft: indent)
        }
    }

    /// The signature after the body: in the right half of the text width, kept with the text
    /// before it (that text keeps with the block).
    func signature(date: Date?, year: Int, textWidth: Int, official: Official? = nil, final: Bool = false,
                   place: Bool = true) -> [DOCXBlock] {
        [empty(true)] + signatureParagraphs(date: date, year: year, indent: textWidth / 2, official: official,
                                            final: final, place: place).map { .paragraph($0) }
    }

    /// The closing row of a Lampiran table: the signature inside the table, without side or
    /// bottom borders, kept with the last item row (LibreOffice and Word keep table rows with
    /// keep-with-next together, but not a table with the paragraph after it).
    func signatureRow(date: Date?, year: Int, widths: [Int], official: Official?, final: Bool) -> DOCXRow {
        let total = widths.reduce(0, +)
        var paragraphs = [DOCXParagraph(keepWithNext: true)]
        paragraphs += signatureParagraphs(date: date, year: year, indent: total / 2, official: official, final: final,
                                          place: false)
        return DOCXRow([DOCXCell(paragraphs, gridSpan: widths.count, openSides: true)], cantSplit: true)
    }

    /// The two halves of a signature with the Atasan PPID's approval: "Menyetujui," and the
    /// Atasan PPID on the left, `rightHeading` (e.g. "Ditetapkan di …") and `right` on the
    /// right. Two rows, titles then names, so both names stand on one line whatever the
    /// titles' lengths; every line keeps with the next and neither row splits.
    /// `atasanFinal` (default `final`): whether the Atasan PPID's side is the signed one (no
    /// fill-in line where a name is missing); a draft's test record is final for the tester only.
    func approvalRows(date: Date?, year: Int, widths: (left: Int, right: Int), right: Official?, rightTitle: String,
                      rightHeading: [String], atasan: Official?, final: Bool, atasanFinal: Bool? = nil,
                      openSides: Bool = false) -> [DOCXRow] {
        func paragraphs(_ lines: [(text: String, bold: Bool, underline: Bool, after: Int)], last: Bool) -> [DOCXParagraph] {
            lines.enumerated().map { i, l in
                DOCXParagraph([DOCXRun(l.text, bold: l.bold, underline: l.underline)], alignment: .center,
                              keepWithNext: !(last && i == lines.count - 1), keepLinesTogether: true, spaceAfter: l.after)
            }
        }
        let a = atasan ?? settings.atasanPPID
        let atasanLines = signatureLines(a, title: a.title ?? settings.atasanPPID.title ?? "ATASAN PPID", final: atasanFinal ?? final)
        let rightLines = signatureLines(right, title: rightTitle, final: final)
        var leftTop: [(text: String, bold: Bool, underline: Bool, after: Int)] = rightHeading.map { _ in ("", false, false, 0) }
        var rightTop: [(text: String, bold: Bool, underline: Bool, after: Int)] = rightHeading.map { ($0, false, false, 0) }
        leftTop.append(("Menyetujui,", false, false, 0))
        rightTop.append(("", false, false, 0))
        leftTop.append(atasanLines[0])
        rightTop.append(rightLines[0])
        let top = DOCXRow([DOCXCell(paragraphs(leftTop, last: false), verticalAlignment: .bottom, openSides: openSides),
                           DOCXCell(paragraphs(rightTop, last: false), verticalAlignment: .bottom, openSides: openSides)],
                          cantSplit: true)
        let bottom = DOCXRow([DOCXCell(paragraphs(Array(atasanLines.dropFirst()), last: true), openSides: openSides),
                              DOCXCell(paragraphs(Array(rightLines.dropFirst()), last: true), openSides: openSides)],
                             cantSplit: true)
        return [top, bottom]
    }

    /// The DIK decree's signature after the body (the PPID sets the classification with the
    /// Atasan PPID's approval, as Perki 1/2017 Pasal 4 had it), as a borderless table.
    func approvedSignature(date: Date?, year: Int, textWidth: Int, official: Official?, atasan: Official?,
                           final: Bool) -> [DOCXBlock] {
        let half = textWidth / 2
        let rows = approvalRows(date: date, year: year, widths: (half, textWidth - half), right: official ?? settings.ppid,
                                rightTitle: settings.signatureTitle(official),
                                rightHeading: ["Ditetapkan di \(settings.city)", "pada tanggal \(dateText(date, year: year))", ""],
                                atasan: atasan, final: final)
        return [empty(true), .table(DOCXTable(columnWidths: [half, textWidth - half], rows: rows, borders: false))]
    }

    /// The DIK Lampiran's closing rows: both signatures inside the table, kept with the last row.
    func approvedSignatureRows(date: Date?, year: Int, widths: [Int], official: Official?, atasan: Official?,
                               final: Bool) -> [DOCXRow] {
        let split = widths.count / 2
        var rows = approvalRows(date: date, year: year, widths: (0, 0), right: official ?? settings.ppid,
                                rightTitle: settings.signatureTitle(official), rightHeading: [""], atasan: atasan,
                                final: final, openSides: true)
        for r in rows.indices {
            rows[r].cells[0].gridSpan = split
            rows[r].cells[1].gridSpan = widths.count - split
            // The names under the titles: no rule between them (the first row's top closes the
            // table under its last item; the second's drew a line across both signatures).
            if r > 0 { for c in rows[r].cells.indices { rows[r].cells[c].openTop = true } }
        }
        return rows
    }

    func tembusan() -> [DOCXBlock] {
        guard !settings.tembusan.isEmpty else { return [] }
        var blocks: [DOCXBlock] = [empty(true), .paragraph(DOCXParagraph([DOCXRun("Tembusan:", bold: true)], keepWithNext: true))]
        for (i, t) in settings.tembusan.enumerated() {
            blocks.append(.paragraph(DOCXParagraph([DOCXRun(t)], keepWithNext: i < settings.tembusan.count - 1,
                                                   numbering: (Self.tembusanList, 0))))
        }
        return blocks
    }

    /// The Lampiran's top-right block: LAMPIRAN, KEPUTUSAN …, NOMOR, TANGGAL, TENTANG.
    func lampiranHeader(number: String, dateText: String, title: String, textWidth: Int) -> [DOCXBlock] {
        let indent = textWidth - Self.twips(cm: 11.5)
        let labelWidth = Self.twips(cm: 2.3)
        func line(_ label: String, _ value: String) -> DOCXBlock {
            .paragraph(DOCXParagraph([DOCXRun("\(label)\t: \(value)")], indentLeft: indent + labelWidth + 227,
                                     indentHanging: labelWidth + 227, tabStops: [indent + labelWidth]))
        }
        return [
            .paragraph(DOCXParagraph([DOCXRun("LAMPIRAN")], indentLeft: indent)),
            .paragraph(DOCXParagraph([DOCXRun("KEPUTUSAN \(settings.issuer)")], alignment: .left, indentLeft: indent)),
            line("NOMOR", number),
            line("TANGGAL", dateText),
            line("TENTANG", title.uppercased()),
            empty(),
        ]
    }

    /// Proportional column widths summing exactly to `total`.
    static func widths(_ weights: [Double], total: Int) -> [Int] {
        let sum = weights.reduce(0, +)
        var w = weights.map { Int((Double(total) * $0 / sum).rounded(.down)) }
        w[w.count - 1] += total - w.reduce(0, +)
        return w
    }

    func headerCell(_ text: String) -> DOCXCell {
        DOCXCell([DOCXParagraph([DOCXRun(text, bold: true, size: settings.fontSize - 1)], alignment: .center)],
                 shading: "D9D9D9", verticalAlignment: .center)
    }

    /// Whether a table row of these cell texts (in columns of these widths, twips) surely fits
    /// on one page of `section`, so it may be kept from splitting. A row that must not split and
    /// is taller than a page is clipped by LibreOffice at the page's foot (measured: the end of a
    /// 300-phrase summary was lost from the PDF), so such rows are allowed to split. The estimate
    /// is generous to the text (half an em per character, 1.2 lines), so no tall row is missed.
    func fitsOnePage(_ texts: [String], widths: [Int], section: DOCXSection) -> Bool {
        let points = settings.fontSize - 1
        let charTwips = max(1.0, points * 20 * 0.5)
        let lineTwips = points * 20 * 1.2
        var tallest = 0.0
        for (text, width) in zip(texts, widths) {
            let perLine = max(1, Int(Double(max(width - 230, 200)) / charTwips))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .reduce(0) { $0 + max(1, ($1.count + perLine - 1) / perLine) }
            tallest = max(tallest, Double(lines) * lineTwips + 120)
        }
        // Room on a page below the repeated header rows (about 2,000 twips).
        let room = Double(section.pageHeight - section.marginTop - section.marginBottom - 2_000)
        return tallest < room * 0.9
    }

    func bodyCell(_ text: String, alignment: DOCXAlignment? = nil, bold: Bool = false, gridSpan: Int = 1,
                  shading: String? = nil) -> DOCXCell {
        DOCXCell([DOCXParagraph([DOCXRun(text, bold: bold, size: settings.fontSize - 1)], alignment: alignment)],
                 gridSpan: gridSpan, shading: shading)
    }

    func document(blocks: [DOCXBlock], final: DOCXSection, title: String) -> DOCXDocument {
        DOCXDocument(blocks: blocks, finalSection: final, defaultFont: settings.font, defaultSize: settings.fontSize,
                     language: "id-ID", numberings: Self.numberings, pageNumbers: true, title: title,
                     creator: "dip", created: clock.now)
    }
}
