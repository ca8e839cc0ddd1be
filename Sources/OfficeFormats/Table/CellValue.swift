/// One cell as a reader found it. Dates stay raw (serial plus the workbook's 1904 flag):
/// interpreting them is the caller's business (calamine's `Data`/`ExcelDateTime` split).
public enum CellValue: Hashable, Sendable {
    case empty
    case string(String)
    case number(Double)
    case bool(Bool)
    /// An error cell, as its text ("#N/A", "#DIV/0!").
    case error(String)
    /// A number whose format is a date/time format: an Excel serial.
    case dateTime(ExcelDateTime)
    /// A `t="d"` ISO 8601 cell, text as written.
    case isoDateTime(String)
}

/// An Excel serial date-time with the date system it belongs to.
public struct ExcelDateTime: Hashable, Sendable {
    public var serial: Double
    public var is1904: Bool
    /// True when the format is an elapsed-time (duration) format ("[h]:mm", built-in 46).
    /// Time-of-day formats ("hh:mm") give false; their serials are below 1.
    public var isDuration: Bool

    public init(serial: Double, is1904: Bool, isDuration: Bool = false) {
        self.serial = serial
        self.is1904 = is1904
        self.isDuration = isDuration
    }
}

/// One row of a sheet as read: the 1-based row number a spreadsheet program shows, and the
/// cells from column A (index 0) to the last non-empty cell.
public struct SheetRow: Hashable, Sendable {
    public var number: Int
    public var cells: [CellValue]
    public var isHidden: Bool
    /// Link targets carried by the row's cells themselves, by 0-based column (XLSX
    /// `HYPERLINK("url", …)` formulas); nil for most rows. As written: untrusted.
    public var links: [Int: String]?

    public init(number: Int, cells: [CellValue], isHidden: Bool = false, links: [Int: String]? = nil) {
        self.number = number
        self.cells = cells
        self.isHidden = isHidden
        self.links = links
    }

    /// The cell at a 0-based column, `.empty` beyond the end.
    public subscript(column: Int) -> CellValue {
        column < cells.count ? cells[column] : .empty
    }
}

/// A rectangular merged range, 1-based rows and 0-based columns, inclusive.
public struct MergedRange: Hashable, Sendable {
    public var firstRow: Int
    public var lastRow: Int
    public var firstColumn: Int
    public var lastColumn: Int

    public init(firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.lastRow = lastRow
        self.firstColumn = firstColumn
        self.lastColumn = lastColumn
    }
}

/// Column letters for a 0-based index: 0 → "A", 26 → "AA".
public func columnLetters(_ index: Int) -> String {
    var n = index + 1
    var s = ""
    while n > 0 {
        let r = (n - 1) % 26
        s = String(UnicodeScalar(UInt8(65 + r))) + s
        n = (n - 1) / 26
    }
    return s
}
