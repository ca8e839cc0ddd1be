import Foundation

/// A value to write into a cell.
public enum XLSXValue: Sendable, Equatable {
    case empty
    case string(String)
    case number(Double)
    /// Written as an Excel serial (1900 system) in the workbook's time zone, with a date format.
    case date(Date)
    /// Date and time, same as `.date` with a date-time format.
    case dateTime(Date)
    case bool(Bool)
}

/// Horizontal alignment of a cell.
public enum XLSXHorizontalAlignment: String, Sendable, Hashable {
    case left, center, right
}

/// A cell format. Equal styles share one `cellXfs` entry.
public struct XLSXStyle: Sendable, Hashable {
    public var bold: Bool
    public var wrap: Bool
    public var border: Bool
    /// Solid fill, RGB hex ("D9D9D9").
    public var fill: String?
    public var horizontal: XLSXHorizontalAlignment?
    public var verticalTop: Bool
    /// False marks an input cell that stays editable when the sheet is protected.
    public var locked: Bool
    /// The value is kept (read back by dip, shown in the formula bar) but never drawn, on screen
    /// or in print: number format `;;;`. The writer gives it to every cell of a hidden column.
    public var concealed = false

    public init(bold: Bool = false, wrap: Bool = false, border: Bool = false, fill: String? = nil,
                horizontal: XLSXHorizontalAlignment? = nil, verticalTop: Bool = false, locked: Bool = true) {
        self.bold = bold
        self.wrap = wrap
        self.border = border
        self.fill = fill
        self.horizontal = horizontal
        self.verticalTop = verticalTop
        self.locked = locked
    }

    public static let plain = XLSXStyle()
    /// Bold, grey fill, wrapped, bordered: the usual header row.
    public static let header = XLSXStyle(bold: true, wrap: true, border: true, fill: "D9D9D9", verticalTop: true)
    /// Wrapped and bordered body cell.
    public static let body = XLSXStyle(wrap: true, border: true, verticalTop: true)
}

/// A cell: a value with a style.
public struct XLSXCell: Sendable {
    public var value: XLSXValue
    public var style: XLSXStyle

    public init(_ value: XLSXValue, style: XLSXStyle = .plain) {
        self.value = value
        self.style = style
    }

    public init(_ text: String, style: XLSXStyle = .plain) { self.init(.string(text), style: style) }
}

/// A column's width (in characters) and visibility.
public struct XLSXColumn: Sendable {
    public var width: Double
    public var hidden: Bool
    /// Widen the column, up to this many characters, until every text of it shows whole in a
    /// row of the maximum height (`XLSXRowHeight.WidthFitter`), measured while the rows are
    /// written: a generated sheet's texts are read once. Only when a text needs more than
    /// `width` (rare: over 31 lines) are the sheet's rows made again at the wider width, since
    /// every row's height depends on it. Nil: the width is fixed.
    public var fitLimit: Double?

    public init(width: Double, hidden: Bool = false, fitLimit: Double? = nil) {
        self.width = width
        self.hidden = hidden
        self.fitLimit = fitLimit
    }
}

/// A list dropdown on a range of cells.
public struct XLSXListValidation: Sendable {
    /// Cell range, e.g. "F2:F500".
    public var range: String
    /// Either the allowed values (written inline, ≤255 characters in total)…
    public var options: [String]
    /// …or a reference to cells holding them, e.g. "'Daftar'!$A$1:$A$4" (takes precedence).
    public var sourceRange: String?
    public var allowBlank: Bool
    /// Shown when a value outside the list is typed.
    public var errorMessage: String?
    /// False lets a value outside the list stand after a warning (Excel's "warning" error
    /// style): for lists that suggest rather than restrict.
    public var strict: Bool

    public init(range: String, options: [String] = [], sourceRange: String? = nil, allowBlank: Bool = true,
                errorMessage: String? = nil, strict: Bool = true) {
        self.range = range
        self.options = options
        self.sourceRange = sourceRange
        self.allowBlank = allowBlank
        self.errorMessage = errorMessage
        self.strict = strict
    }
}

/// Print setup of a sheet.
public struct XLSXPrintSetup: Sendable {
    /// Excel paper size code: 14 = Folio 8.5 × 13 in, which LibreOffice renders as F4; 9 = A4.
    public var paperSize: Int
    public var landscape: Bool
    /// Fit all columns on one page width (pages run as long as needed).
    public var fitToWidth: Bool
    /// Rows repeated on every printed page (1-based, inclusive), e.g. 1...1.
    public var titleRows: ClosedRange<Int>?

    public init(paperSize: Int = 14, landscape: Bool = true, fitToWidth: Bool = true, titleRows: ClosedRange<Int>? = 1...1) {
        self.paperSize = paperSize
        self.landscape = landscape
        self.fitToWidth = fitToWidth
        self.titleRows = titleRows
    }

    /// F4 landscape, fit to width, header row repeated.
    public static let f4Landscape = XLSXPrintSetup()
}

/// One worksheet.
public struct XLSXSheet: Sendable {
    public var name: String
    /// Rows from row 1; a row's cells from column A. For a sheet made with
    /// `init(name:rowCount:row:…)` reading this builds every row (the writer does not).
    public var rows: [[XLSXCell]] {
        get {
            switch source {
            case .rows(let rows): return rows
            case .generated(let count, let make): return (0..<count).map(make)
            }
        }
        set { source = .rows(newValue) }
    }
    /// The rows, held or made one at a time while the sheet is written.
    enum RowSource: Sendable {
        case rows([[XLSXCell]])
        case generated(count: Int, row: @Sendable (Int) -> [XLSXCell])
    }
    var source: RowSource
    public var columns: [XLSXColumn]
    /// Rows frozen at the top (0: none).
    public var frozenRows: Int
    /// Columns frozen at the left (0: none): the columns that say which row is which stay in
    /// sight while the reader scrolls right to the columns they decide or fix in.
    public var frozenColumns = 0
    /// An autofilter over the first row and all data columns.
    public var autoFilter: Bool
    public var print: XLSXPrintSetup?
    public var validations: [XLSXListValidation]
    public var merges: [MergedRange]
    public var hidden: Bool
    /// Protect the sheet (no password); cells with `locked: false` stay editable.
    public var protected: Bool
    /// Write each row's height, estimated from its wrapped text and the column widths
    /// (`XLSXRowHeight`), so that LibreOffice and WPS, which do not grow rows on opening,
    /// show all of it. Rows whose text fits one line keep the default height.
    public var rowHeights = true

    public init(name: String, rows: [[XLSXCell]], columns: [XLSXColumn] = [], frozenRows: Int = 0,
                frozenColumns: Int = 0,
                autoFilter: Bool = false, print: XLSXPrintSetup? = nil, validations: [XLSXListValidation] = [],
                merges: [MergedRange] = [], hidden: Bool = false, protected: Bool = false) {
        self.name = name
        self.source = .rows(rows)
        self.columns = columns
        self.frozenRows = frozenRows
        self.frozenColumns = frozenColumns
        self.autoFilter = autoFilter
        self.print = print
        self.validations = validations
        self.merges = merges
        self.hidden = hidden
        self.protected = protected
    }

    /// A sheet whose `rowCount` rows are made by `row` (0-based) while it is written, so a
    /// large sheet's cells are never all in memory (the review workbook's were a quarter of a
    /// run's peak). Rows hold at most `columns.count` cells, which sets the sheet's width.
    public init(name: String, rowCount: Int, row: @escaping @Sendable (Int) -> [XLSXCell], columns: [XLSXColumn],
                frozenRows: Int = 0, frozenColumns: Int = 0, autoFilter: Bool = false, print: XLSXPrintSetup? = nil,
                validations: [XLSXListValidation] = [], merges: [MergedRange] = [], hidden: Bool = false,
                protected: Bool = false) {
        self.init(name: name, rows: [], columns: columns, frozenRows: frozenRows, frozenColumns: frozenColumns,
                  autoFilter: autoFilter,
                  print: print, validations: validations, merges: merges, hidden: hidden, protected: protected)
        source = .generated(count: rowCount, row: row)
    }

    /// Number of rows.
    public var rowCount: Int {
        switch source {
        case .rows(let rows): return rows.count
        case .generated(let count, _): return count
        }
    }

    /// Calls `body` with each row in order, making generated rows one at a time.
    func forEachRow(_ body: (Int, [XLSXCell]) throws -> Void) rethrows {
        switch source {
        case .rows(let rows): for (r, row) in rows.enumerated() { try body(r, row) }
        case .generated(let count, let make): for r in 0..<count { try body(r, make(r)) }
        }
    }

    /// Number of columns: the widest row or the column definitions.
    public var columnCount: Int {
        switch source {
        case .rows(let rows): return max(columns.count, rows.map(\.count).max() ?? 0)
        case .generated: return columns.count
        }
    }
}

/// What the writer does with a text longer than a cell can hold (32,767 UTF-16 code units;
/// Excel repairs a file with a longer one).
public enum XLSXLongText: Sendable {
    /// Throw `XLSXWriterError.cellTooLong`: the caller made a text no cell can carry.
    case refuse
    /// Cut it to the limit, ending with "…": for reports made from stored data, which must be
    /// written whatever the data holds (the full text stays where it is stored).
    case truncate
}

/// A workbook to write.
public struct XLSXDocument: Sendable {
    public var sheets: [XLSXSheet]
    public var title: String
    public var creator: String
    public var created: Date
    /// Zone in which dates become serials (e.g. WIB).
    public var timeZone: TimeZone
    /// Texts longer than a cell: refused (the default) or truncated.
    public var longText: XLSXLongText
    /// How the parts are deflated (zlib level 6 unless a workbook says otherwise).
    public var compression: ZipCompression

    public init(sheets: [XLSXSheet], title: String = "", creator: String = "", created: Date,
                timeZone: TimeZone = TimeZone(identifier: "UTC")!, longText: XLSXLongText = .refuse,
                compression: ZipCompression = .default) {
        self.sheets = sheets
        self.title = title
        self.creator = creator
        self.created = created
        self.timeZone = timeZone
        self.longText = longText
        self.compression = compression
    }
}

/// Errors Excel would answer with its repair dialog.
public enum XLSXWriterError: Error, Equatable, CustomStringConvertible {
    case invalidSheetName(String)
    case duplicateSheetName(String)
    case noVisibleSheet
    case cellTooLong(sheet: String, cell: String)
    case listTooLong(sheet: String, range: String)
    case overlappingMerges(sheet: String)
    case tooManyRows(sheet: String)

    public var description: String {
        switch self {
        case .invalidSheetName(let n): return "invalid sheet name: \(n)"
        case .duplicateSheetName(let n): return "duplicate sheet name: \(n)"
        case .noVisibleSheet: return "a workbook needs at least one visible sheet"
        case .cellTooLong(let s, let c): return "cell \(s)!\(c) exceeds 32767 characters"
        case .listTooLong(let s, let r): return "dropdown list on \(s)!\(r) exceeds 255 characters"
        case .overlappingMerges(let s): return "overlapping merged ranges on \(s)"
        case .tooManyRows(let s): return "sheet \(s) exceeds 1048576 rows"
        }
    }
}
