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

/// One row of a sheet as read: the 1-based row number a spreadsheet program shows, and its
/// cells by 0-based column (A = 0).
///
/// A row costs memory in proportion to the cells it holds, not to how far right they sit
/// (issue 16 #10): an ordinary row is stored densely from column A (gaps `.empty`), but a row
/// whose gaps would outweigh its cells (one cell at column XFD) stores only its filled cells
/// with their columns. Code reading untrusted rows walks `nonEmptyCells` or asks `row[column]`;
/// `cells` spells every position out and is for small rows and tests.
public struct SheetRow: Sendable {
    public var number: Int
    public var isHidden: Bool
    /// Link targets carried by the row's cells themselves, by 0-based column (XLSX
    /// `HYPERLINK("url", …)` formulas); nil for most rows. As written: untrusted.
    public var links: [Int: String]?
    /// A CSV record's field count, empty trailing fields included (the reader stores its cells
    /// without them); nil for other formats. A spreadsheet exports a column without a heading
    /// as an empty last header field: the header reaches that column all the same.
    public var recordWidth: Int?
    /// What the row holds (dense or sparse, see `RowCells`).
    var storage: RowCells

    public init(number: Int, cells: [CellValue], isHidden: Bool = false, links: [Int: String]? = nil) {
        self.number = number
        self.storage = RowCells(dense: cells)
        self.isHidden = isHidden
        self.links = links
    }

    init(number: Int, storage: RowCells, isHidden: Bool = false) {
        self.number = number
        self.storage = storage
        self.isHidden = isHidden
    }

    /// The cell at a 0-based column, `.empty` where the row has none.
    public subscript(column: Int) -> CellValue {
        storage[column]
    }

    /// One past the column of the last stored cell (0 for a row without cells).
    public var width: Int { storage.width }

    /// How many cell positions the row keeps in memory: up to `width` for a dense row, only
    /// its filled cells for a sparse one. What the reader's cell budget counts.
    public var storedCellCount: Int { storage.values.count }

    /// The filled cells, left to right, with their 0-based columns; `.empty` is never
    /// returned. Costs the cells the row holds, however far right they sit.
    public var nonEmptyCells: NonEmptyCells { NonEmptyCells(storage: storage) }

    /// Every position from column A to the row's last cell (gaps `.empty`). Costs `width`
    /// cells: for small rows and tests; a row from an untrusted file is walked with
    /// `nonEmptyCells` instead.
    public var cells: [CellValue] {
        if storage.columns.isEmpty { return storage.values }
        var out = [CellValue](repeating: .empty, count: storage.width)
        for (i, c) in storage.columns.enumerated() { out[c] = storage.values[i] }
        return out
    }

    /// Sets the cell at a 0-based column (`.empty` clears it).
    public mutating func setCell(_ value: CellValue, column: Int) {
        storage.set(value, at: column)
    }

    /// The filled cells of a row, left to right (see `SheetRow.nonEmptyCells`).
    public struct NonEmptyCells: Sequence {
        let storage: RowCells

        public struct Iterator: IteratorProtocol {
            let storage: RowCells
            var index = 0

            public mutating func next() -> (column: Int, value: CellValue)? {
                let values = storage.values
                while index < values.count {
                    let i = index
                    index += 1
                    if case .empty = values[i] { continue }
                    return (storage.columns.isEmpty ? i : storage.columns[i], values[i])
                }
                return nil
            }
        }

        public func makeIterator() -> Iterator { Iterator(storage: storage) }
        public var underestimatedCount: Int { 0 }
    }
}

extension SheetRow: Hashable {
    /// Equal rows hold the same cells, whether stored densely or sparsely.
    public static func == (a: SheetRow, b: SheetRow) -> Bool {
        guard a.number == b.number, a.isHidden == b.isHidden, a.links == b.links, a.width == b.width else { return false }
        if a.storage.columns.isEmpty && b.storage.columns.isEmpty { return a.storage.values == b.storage.values }
        return a.nonEmptyCells.elementsEqual(b.nonEmptyCells) { $0.column == $1.column && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(number)
        hasher.combine(isHidden)
        hasher.combine(links)
        hasher.combine(width)
        for (column, value) in nonEmptyCells {
            hasher.combine(column)
            hasher.combine(value)
        }
    }
}

/// The cells of a row as a reader builds them. Dense while the row's width stays within a
/// small multiple of the cells set (`values[i]` is column i, gaps `.empty`); sparse once a
/// gap would outweigh them (`values[i]` sits at column `columns[i]`, ascending, no `.empty`),
/// so a row costs at most about twice its cells whatever columns they are in.
struct RowCells: Sendable {
    var values: [CellValue] = []
    /// Columns of `values` for a sparse row; empty for a dense one.
    var columns: [Int] = []
    /// Non-empty cells set so far (an upper bound: a cell written twice counts twice).
    private var filled = 0

    init() {}

    init(dense cells: [CellValue]) {
        values = cells
        filled = cells.count
    }

    /// Most positions a dense row may span for `filled` cells.
    @inline(__always)
    static func denseWidthLimit(filled: Int) -> Int { 2 &* filled &+ 32 }

    var isSparse: Bool { !columns.isEmpty }

    var width: Int {
        if let last = columns.last { return last + 1 }
        return values.count
    }

    subscript(column: Int) -> CellValue {
        if columns.isEmpty { return column >= 0 && column < values.count ? values[column] : .empty }
        guard let i = sparseIndex(column) else { return .empty }
        return values[i]
    }

    /// Empties the row for reuse, keeping its capacity.
    @inline(__always)
    mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        columns.removeAll(keepingCapacity: true)
        filled = 0
    }

    @inline(__always)
    mutating func reserveCapacity(_ n: Int) { values.reserveCapacity(n) }

    /// Sets the cell at `column` (`.empty` clears it).
    @inline(__always)
    mutating func set(_ value: CellValue, at column: Int) {
        let isEmpty: Bool
        if case .empty = value { isEmpty = true } else { isEmpty = false }
        if columns.isEmpty {
            if column < values.count {
                values[column] = value
                if !isEmpty { filled &+= 1 }
                return
            }
            if isEmpty { return }
            filled &+= 1
            if column < Self.denseWidthLimit(filled: filled) {
                while values.count < column { values.append(.empty) }
                values.append(value)
                return
            }
            makeSparse()
            // A dense row with no cells left has no columns yet: fall through to append.
        }
        setSparse(value, at: column, isEmpty: isEmpty)
    }

    /// Drops trailing empty positions of a dense row (a sparse row holds none).
    @inline(__always)
    mutating func trimTrailingEmpties() {
        guard columns.isEmpty else { return }
        while let last = values.last, case .empty = last { values.removeLast() }
    }

    private mutating func makeSparse() {
        var newValues: [CellValue] = []
        var newColumns: [Int] = []
        for (c, v) in values.enumerated() {
            if case .empty = v { continue }
            newValues.append(v)
            newColumns.append(c)
        }
        values = newValues
        columns = newColumns
        // An empty `columns` would read as dense: the caller appends the new cell at once.
    }

    private mutating func setSparse(_ value: CellValue, at column: Int, isEmpty: Bool) {
        if columns.isEmpty || columns[columns.count - 1] < column {
            if isEmpty { return }
            values.append(value)
            columns.append(column)
            return
        }
        // Rare: a cell out of order or written again.
        var lo = 0, hi = columns.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if columns[mid] < column { lo = mid + 1 } else { hi = mid }
        }
        if lo < columns.count && columns[lo] == column {
            if isEmpty {
                values.remove(at: lo)
                columns.remove(at: lo)
                if columns.isEmpty { values.removeAll() } // no cells: an empty dense row
            } else {
                values[lo] = value
            }
        } else if !isEmpty {
            values.insert(value, at: lo)
            columns.insert(column, at: lo)
        }
    }

    private func sparseIndex(_ column: Int) -> Int? {
        var lo = 0, hi = columns.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = columns[mid]
            if c == column { return mid }
            if c < column { lo = mid + 1 } else { hi = mid }
        }
        return nil
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
