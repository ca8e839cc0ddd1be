import DIPCore
import Foundation
import OfficeFormats

/// The building blocks every decree and form shares: page setup from the settings, the
/// letterhead, label–colon–text rows, the signature block and the Tembusan.
struct DecreeLayout {
    let settings: DecreeSettings
    let clock: Clock

    // Numbering ids used by the decrees (each list restarts at a/1).
    static let menimbangList = 1
    static let mengingatList = 2
    static let tembusanList = 3
    static let kategoriList = 4

    static let numberings = [
        DOCXNumbering(id: menimbangList, levels: [DOCXNumberingLevel(format: .lowerLetter, text: "%1.", indentLeft: 397, hanging: 397)]),
        DOCXNumbering(id: mengingatList, levels: [DOCXNumberingLevel(format: .decimal, text: "%1.", indentLeft: 397, hanging: 397)]),
        DOCXNumbering(id: tembusanList, levels: [DOCXNumberingLevel(format: .decimal, text: "%1.", indentLeft: 397, hanging: 397)]),
        DOCXNumbering(id: kategoriList, levels: [DOCXNumberingLevel(format: .lowerLetter, text: "%1.", indentLeft: 397, hanging: 397)]),
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
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Clock.wib
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

    /// Letterhead: centred lines, the first two larger, a double rule under the last.
    func letterhead() -> [DOCXBlock] {
        let lines = settings.letterhead
        return lines.enumerated().map { i, line in
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
    func labelTable(_ rows: [LabelRow], textWidth: Int) -> DOCXBlock {
        let label = Self.twips(cm: 3.0), colon = Self.twips(cm: 0.5)
        let widths = [label, colon, textWidth - label - colon]
        return .table(DOCXTable(columnWidths: widths, rows: rows.map { row in
            DOCXRow([
                DOCXCell([DOCXParagraph([DOCXRun(row.label, bold: true)])]),
                DOCXCell([DOCXParagraph([DOCXRun(row.label.isEmpty ? "" : ":")])]),
                DOCXCell(row.paragraphs),
            ])
        }, borders: false))
    }

    /// "Ditetapkan di … pada tanggal …", title, space, name, rank, NIP; kept on one page and
    /// placed in the right half of the text width.
    func signature(date: Date?, year: Int, textWidth: Int, official: Official? = nil) -> [DOCXBlock] {
        let who = official ?? settings.ppid
        let indent = textWidth / 2
        func line(_ t: String, bold: Bool = false, underline: Bool = false, after: Int = 0) -> DOCXBlock {
            .paragraph(DOCXParagraph([DOCXRun(t, bold: bold, underline: underline)], keepWithNext: true,
                                     keepLinesTogether: true, spaceAfter: after, indentLeft: indent))
        }
        var blocks: [DOCXBlock] = [
            empty(true),
            line("Ditetapkan di \(settings.city)"),
            line("pada tanggal \(dateText(date, year: year))", after: 240),
        ]
        if let title = who.title { blocks.append(line("\(title),", bold: true)) }
        blocks += [empty(true), empty(true), empty(true)]
        blocks.append(line(who.name, bold: true, underline: true))
        if let rank = who.rank { blocks.append(line(rank)) }
        // The last line ends the keep-together chain.
        blocks.append(.paragraph(DOCXParagraph([DOCXRun("NIP. \(who.nip ?? "………………………………")")], indentLeft: indent)))
        return blocks
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
