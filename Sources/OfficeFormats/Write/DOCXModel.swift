import Foundation

/// Paragraph alignment (`w:jc`).
public enum DOCXAlignment: String, Sendable {
    case left, center, right
    /// Justified.
    case both
}

/// A run of text with uniform formatting. TAB becomes `<w:tab/>`, a newline `<w:br/>`.
public struct DOCXRun: Sendable {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    public var allCaps: Bool
    /// Size in points (nil: the style's size).
    public var size: Double?
    /// A font overriding the document default.
    public var font: String?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false,
                allCaps: Bool = false, size: Double? = nil, font: String? = nil) {
        self.text = text
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.allCaps = allCaps
        self.size = size
        self.font = font
    }
}

/// A paragraph: runs plus paragraph properties. Spacing and indents are in twips.
public struct DOCXParagraph: Sendable {
    public var runs: [DOCXRun]
    /// A paragraph style id (must be defined in `DOCXDocument.styles`).
    public var style: String?
    public var alignment: DOCXAlignment?
    public var keepWithNext: Bool
    public var keepLinesTogether: Bool
    public var pageBreakBefore: Bool
    /// `(numId, level)` of a numbering definition.
    public var numbering: (id: Int, level: Int)?
    public var spaceBefore: Int?
    public var spaceAfter: Int?
    /// Line spacing in 240ths of a line (240 = single).
    public var lineSpacing: Int?
    public var indentLeft: Int?
    public var indentRight: Int?
    public var indentHanging: Int?
    public var indentFirstLine: Int?
    /// Tab stops (left-aligned) at these positions.
    public var tabStops: [Int]
    /// A rule under the paragraph (letterheads).
    public var bottomBorder: Bool
    /// An inline picture written before the runs (e.g. a letterhead's logo).
    public var picture: DOCXPicture?

    public init(_ runs: [DOCXRun] = [], style: String? = nil, alignment: DOCXAlignment? = nil,
                keepWithNext: Bool = false, keepLinesTogether: Bool = false, pageBreakBefore: Bool = false,
                numbering: (id: Int, level: Int)? = nil, spaceBefore: Int? = nil, spaceAfter: Int? = nil,
                lineSpacing: Int? = nil, indentLeft: Int? = nil, indentRight: Int? = nil,
                indentHanging: Int? = nil, indentFirstLine: Int? = nil, tabStops: [Int] = [],
                bottomBorder: Bool = false, picture: DOCXPicture? = nil) {
        self.runs = runs
        self.picture = picture
        self.style = style
        self.alignment = alignment
        self.keepWithNext = keepWithNext
        self.keepLinesTogether = keepLinesTogether
        self.pageBreakBefore = pageBreakBefore
        self.numbering = numbering
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.lineSpacing = lineSpacing
        self.indentLeft = indentLeft
        self.indentRight = indentRight
        self.indentHanging = indentHanging
        self.indentFirstLine = indentFirstLine
        self.tabStops = tabStops
        self.bottomBorder = bottomBorder
    }

    /// A one-run paragraph.
    public init(text: String, bold: Bool = false, size: Double? = nil, alignment: DOCXAlignment? = nil) {
        self.init([DOCXRun(text, bold: bold, size: size)], alignment: alignment)
    }
}

/// Vertical merge state of a table cell.
public enum DOCXVerticalMerge: Sendable {
    case none, restart, `continue`
}

/// Vertical alignment of a cell's content.
public enum DOCXVerticalAlignment: String, Sendable {
    case top, center, bottom
}

/// A table cell. An empty `paragraphs` still serialises one empty paragraph (Word requires it).
public struct DOCXCell: Sendable {
    public var paragraphs: [DOCXParagraph]
    public var gridSpan: Int
    public var verticalMerge: DOCXVerticalMerge
    /// Background fill as hex RGB ("D9D9D9").
    public var shading: String?
    public var verticalAlignment: DOCXVerticalAlignment?
    /// Draw no left, right or bottom border (a borderless closing row of a bordered table,
    /// e.g. a signature kept with the last rows).
    public var openSides: Bool = false
    /// With `openSides`, no top border either: a closing row under another closing row (the
    /// names under the titles of a two-row signature), which would otherwise draw a rule
    /// across the signatures.
    public var openTop: Bool = false

    public init(_ paragraphs: [DOCXParagraph] = [], gridSpan: Int = 1, verticalMerge: DOCXVerticalMerge = .none,
                shading: String? = nil, verticalAlignment: DOCXVerticalAlignment? = nil, openSides: Bool = false) {
        self.openSides = openSides
        self.paragraphs = paragraphs
        self.gridSpan = gridSpan
        self.verticalMerge = verticalMerge
        self.shading = shading
        self.verticalAlignment = verticalAlignment
    }

    /// A cell holding one paragraph of text.
    public init(text: String, bold: Bool = false, size: Double? = nil, alignment: DOCXAlignment? = nil,
                gridSpan: Int = 1, shading: String? = nil) {
        self.init([DOCXParagraph(text: text, bold: bold, size: size, alignment: alignment)],
                  gridSpan: gridSpan, shading: shading)
    }
}

/// A table row. Header rows must come first; they repeat on every page (`w:tblHeader`).
public struct DOCXRow: Sendable {
    public var cells: [DOCXCell]
    public var isHeader: Bool
    /// Keeps the row from breaking across pages (`w:cantSplit`).
    public var cantSplit: Bool

    public init(_ cells: [DOCXCell], isHeader: Bool = false, cantSplit: Bool = false) {
        self.cells = cells
        self.isHeader = isHeader
        self.cantSplit = cantSplit
    }
}

/// A table with a fixed grid (column widths in twips).
public struct DOCXTable: Sendable {
    public var columnWidths: [Int]
    /// The rows. For a table made with `init(columnWidths:rowCount:row:…)` reading this
    /// builds every row (the writer does not: it makes each row while writing it).
    public var rows: [DOCXRow] {
        get {
            switch source {
            case .rows(let rows): return rows
            case .generated(let count, let row): return (0..<count).map(row)
            }
        }
        set { source = .rows(newValue) }
    }
    /// Single-line borders around and inside the table.
    public var borders: Bool
    public var alignment: DOCXAlignment?
    /// Row `i` already rendered (`DOCXWriter.rowXML`, kept by the caller between runs), or
    /// nil to make it with `row(i)`. A rendered row counts as a body row.
    public var renderedRow: (@Sendable (Int) throws -> [UInt8]?)?

    /// The rows, held or made one at a time while the table is written (a decree's annex of
    /// a whole regency, held as cells, was the largest thing in a run's memory).
    enum Source: Sendable {
        case rows([DOCXRow])
        case generated(count: Int, row: @Sendable (Int) -> DOCXRow)
    }
    var source: Source

    public init(columnWidths: [Int], rows: [DOCXRow], borders: Bool = true, alignment: DOCXAlignment? = nil) {
        self.columnWidths = columnWidths
        self.source = .rows(rows)
        self.borders = borders
        self.alignment = alignment
    }

    /// A table whose row `i` (0-based, header rows first) is made by `row(i)` when written.
    public init(columnWidths: [Int], rowCount: Int, row: @escaping @Sendable (Int) -> DOCXRow,
                borders: Bool = true, alignment: DOCXAlignment? = nil) {
        self.columnWidths = columnWidths
        self.source = .generated(count: rowCount, row: row)
        self.borders = borders
        self.alignment = alignment
    }

    public var rowCount: Int {
        switch source {
        case .rows(let rows): return rows.count
        case .generated(let count, _): return count
        }
    }

    /// Row `i`, made now for a generated table.
    public func row(_ i: Int) -> DOCXRow {
        switch source {
        case .rows(let rows): return rows[i]
        case .generated(_, let row): return row(i)
        }
    }

    public var width: Int { columnWidths.reduce(0, +) }
}

/// Page orientation of a section.
public enum DOCXOrientation: String, Sendable {
    case portrait, landscape
}

/// Page setup of a section. Sizes are given for portrait; landscape swaps them on output.
public struct DOCXSection: Sendable {
    /// Portrait width and height in twips.
    public var paperWidth: Int
    public var paperHeight: Int
    public var orientation: DOCXOrientation
    public var marginTop: Int
    public var marginRight: Int
    public var marginBottom: Int
    public var marginLeft: Int
    public var headerDistance: Int
    public var footerDistance: Int
    /// Restart page numbering at this number.
    public var pageNumberStart: Int?

    public init(paperWidth: Int, paperHeight: Int, orientation: DOCXOrientation = .portrait,
                marginTop: Int = 1440, marginRight: Int = 1440, marginBottom: Int = 1440, marginLeft: Int = 1440,
                headerDistance: Int = 709, footerDistance: Int = 709, pageNumberStart: Int? = nil) {
        self.paperWidth = paperWidth
        self.paperHeight = paperHeight
        self.orientation = orientation
        self.marginTop = marginTop
        self.marginRight = marginRight
        self.marginBottom = marginBottom
        self.marginLeft = marginLeft
        self.headerDistance = headerDistance
        self.footerDistance = footerDistance
        self.pageNumberStart = pageNumberStart
    }

    /// F4 / Folio, 215 × 330 mm.
    public static let f4Width = 12189
    public static let f4Height = 18709
    /// A4, 210 × 297 mm.
    public static let a4Width = 11906
    public static let a4Height = 16838

    /// Millimetres to twips, rounded.
    public static func twips(mm: Double) -> Int { Int((mm * 1440 / 25.4).rounded()) }

    /// The page width and height as written (`w:pgSz`), after the landscape swap.
    public var pageWidth: Int { orientation == .landscape ? max(paperWidth, paperHeight) : min(paperWidth, paperHeight) }
    public var pageHeight: Int { orientation == .landscape ? min(paperWidth, paperHeight) : max(paperWidth, paperHeight) }
    /// Width available to text and tables.
    public var textWidth: Int { pageWidth - marginLeft - marginRight }
}

/// A block of the body. `.sectionBreak` ends the current section with the given page setup;
/// the blocks after it belong to the next section (the document's `finalSection` for the last).
public enum DOCXBlock: Sendable {
    case paragraph(DOCXParagraph)
    case table(DOCXTable)
    case sectionBreak(DOCXSection)
}

/// Number formats for list levels.
public enum DOCXNumberFormat: String, Sendable {
    case decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet
}

/// One level of a numbering definition.
public struct DOCXNumberingLevel: Sendable {
    public var format: DOCXNumberFormat
    /// The level text, "%1." for level 0.
    public var text: String
    public var start: Int
    public var indentLeft: Int
    public var hanging: Int

    public init(format: DOCXNumberFormat, text: String, start: Int = 1, indentLeft: Int = 720, hanging: Int = 360) {
        self.format = format
        self.text = text
        self.start = start
        self.indentLeft = indentLeft
        self.hanging = hanging
    }
}

/// A list definition; paragraphs refer to it by `id` (the `w:numId`).
public struct DOCXNumbering: Sendable {
    public var id: Int
    public var levels: [DOCXNumberingLevel]

    public init(id: Int, levels: [DOCXNumberingLevel]) {
        self.id = id
        self.levels = levels
    }
}

/// A named paragraph style based on Normal.
public struct DOCXStyle: Sendable {
    public var id: String
    public var name: String
    public var bold: Bool
    public var size: Double?
    public var alignment: DOCXAlignment?
    public var spaceBefore: Int?
    public var spaceAfter: Int?
    public var keepWithNext: Bool

    public init(id: String, name: String, bold: Bool = false, size: Double? = nil, alignment: DOCXAlignment? = nil,
                spaceBefore: Int? = nil, spaceAfter: Int? = nil, keepWithNext: Bool = false) {
        self.id = id
        self.name = name
        self.bold = bold
        self.size = size
        self.alignment = alignment
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.keepWithNext = keepWithNext
    }
}

/// A whole WordprocessingML document.
public struct DOCXDocument: Sendable {
    public var blocks: [DOCXBlock]
    /// Page setup of the last section (the `w:sectPr` at the end of `w:body`).
    public var finalSection: DOCXSection
    public var defaultFont: String
    /// Default size in points.
    public var defaultSize: Double
    /// `w:lang` of the defaults, e.g. "id-ID".
    public var language: String
    public var styles: [DOCXStyle]
    public var numberings: [DOCXNumbering]
    /// A centred page number in the footer of every section.
    public var pageNumbers: Bool
    public var title: String
    public var creator: String
    /// Created/modified date written into the core properties and zip entries.
    public var created: Date

    public init(blocks: [DOCXBlock], finalSection: DOCXSection, defaultFont: String = "Arial",
                defaultSize: Double = 12, language: String = "id-ID", styles: [DOCXStyle] = [],
                numberings: [DOCXNumbering] = [], pageNumbers: Bool = false, title: String = "",
                creator: String = "", created: Date) {
        self.blocks = blocks
        self.finalSection = finalSection
        self.defaultFont = defaultFont
        self.defaultSize = defaultSize
        self.language = language
        self.styles = styles
        self.numberings = numberings
        self.pageNumbers = pageNumbers
        self.title = title
        self.creator = creator
        self.created = created
    }
}
