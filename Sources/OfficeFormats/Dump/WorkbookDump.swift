/// A whole workbook (or one sheet of it) as a grid of `DumpValue`s, for `dip dump` and for
/// comparing with other readers: each sheet from A1 to the last cell holding a value, rows of
/// nulls for missing rows so indices match the sheet.
public struct WorkbookDump: Sendable {
    /// Sheet names in tab order (hidden sheets included).
    public var sheetNames: [String]
    /// Grids by sheet name: rows of equal width.
    public var sheets: [String: [[DumpValue]]]

    public init(sheetNames: [String], sheets: [String: [[DumpValue]]]) {
        self.sheetNames = sheetNames
        self.sheets = sheets
    }

    /// Reads an XLSX workbook; with `sheet`, only that sheet's grid is filled (all names are
    /// still listed). Throws `OfficeError`, or `noSuchSheet(-1)` for an unknown sheet name.
    public static func xlsx(path: String, sheet: String? = nil, limits: XLSXLimits = XLSXLimits()) throws -> WorkbookDump {
        let workbook = try XLSXWorkbook(path: path, limits: limits)
        var grids: [String: [[DumpValue]]] = [:]
        let indexes = try sheetIndexes(of: workbook.sheets, named: sheet)
        for i in indexes {
            var reader = try workbook.rows(sheet: i)
            grids[workbook.sheets[i].name] = try grid(from: &reader)
        }
        return WorkbookDump(sheetNames: workbook.sheets.map(\.name), sheets: grids)
    }

    /// Reads a CSV file (dialect and encoding detected by `CSVReader`) as one sheet named
    /// after the file. Throws `CSVError`.
    public static func csv(path: String) throws -> WorkbookDump {
        var reader = try CSVReader(path: path)
        let name = String(path.split(separator: "/").last ?? Substring(path))
        return WorkbookDump(sheetNames: [name], sheets: [name: try grid(from: &reader)])
    }

    /// Builds a rectangular grid from any row source. Rows written twice are merged, last write
    /// wins per cell.
    public static func grid<R: RowSource>(from source: inout R) throws -> [[DumpValue]] {
        var byNumber: [Int: [DumpValue]] = [:]
        while let row = try source.nextRow() {
            let values = row.cells.map(DumpValue.init)
            if var existing = byNumber[row.number] {
                for (i, v) in values.enumerated() where !v.isNull {
                    while existing.count <= i { existing.append(.null) }
                    existing[i] = v
                }
                byNumber[row.number] = existing
            } else {
                byNumber[row.number] = values
            }
        }
        var lastRow = 0
        var width = 0
        for (number, values) in byNumber {
            guard let last = values.lastIndex(where: { !$0.isNull }) else { continue }
            lastRow = max(lastRow, number)
            width = max(width, last + 1)
        }
        guard lastRow > 0 else { return [] }
        var grid: [[DumpValue]] = []
        grid.reserveCapacity(lastRow)
        for number in 1...lastRow {
            var row = Array((byNumber[number] ?? []).prefix(width))
            while row.count < width { row.append(.null) }
            grid.append(row)
        }
        return grid
    }

    /// Streams an XLSX workbook (or one sheet) as readable lines, each row written as it is
    /// read, so no grid is held whatever the sheet's shape; texts longer than `maxCharacters`
    /// are cut (0 keeps them whole). Rows written twice in the file are shown twice.
    public static func streamXLSX(path: String, sheet: String? = nil, maxCharacters: Int,
                                  limits: XLSXLimits = XLSXLimits(), write: (String) -> Void) throws {
        let workbook = try XLSXWorkbook(path: path, limits: limits)
        let indexes = try sheetIndexes(of: workbook.sheets, named: sheet)
        for i in indexes {
            var reader = try workbook.rows(sheet: i)
            try streamText(name: workbook.sheets[i].name, from: &reader, maxCharacters: maxCharacters, write: write)
        }
    }

    /// Streams an ODS workbook (or one sheet) as `streamXLSX` does: intake reads ODS lists
    /// too, so "what does dip see in this file?" is asked of them as well.
    public static func streamODS(path: String, sheet: String? = nil, maxCharacters: Int,
                                 limits: XLSXLimits = XLSXLimits(), write: (String) -> Void) throws {
        let workbook = try ODSWorkbook(path: path, limits: limits)
        for i in try sheetIndexes(of: workbook.sheets, named: sheet) {
            var reader = try workbook.rows(sheet: i)
            try streamText(name: workbook.sheets[i].name, from: &reader, maxCharacters: maxCharacters, write: write)
        }
    }

    /// Streams a web page's tables ("tabel ke-N", `HTMLWorkbook`) as `streamXLSX` does.
    public static func streamHTML(path: String, sheet: String? = nil, maxCharacters: Int,
                                  limits: XLSXLimits = XLSXLimits(), write: (String) -> Void) throws {
        let workbook = try HTMLWorkbook(path: path, limits: limits)
        for i in try sheetIndexes(of: workbook.sheets, named: sheet) {
            var reader = try workbook.rows(sheet: i)
            try streamText(name: workbook.sheets[i].name, from: &reader, maxCharacters: maxCharacters, write: write)
        }
    }

    /// Streams a CSV file as `streamXLSX` does.
    public static func streamCSV(path: String, maxCharacters: Int, write: (String) -> Void) throws {
        var reader = try CSVReader(path: path)
        let name = String(path.split(separator: "/").last ?? Substring(path))
        try streamText(name: name, from: &reader, maxCharacters: maxCharacters, write: write)
    }

    /// One sheet as `== name`, then `row | cell | cell …` lines (trailing empty cells left
    /// out, empty rows skipped), then `(N baris)`. A row stored sparse (cells far apart, one
    /// at column XFD) is written as `row | A: cell | XFD: cell`, its filled cells only.
    public static func streamText<R: RowSource>(name: String, from source: inout R, maxCharacters: Int,
                                                write: (String) -> Void) throws {
        write("== \(name)\n")
        var count = 0
        func shown(_ value: DumpValue) -> String {
            cut(value.text, maxCharacters).replacingOccurrences(of: "\n", with: "\\n")
        }
        while let row = try source.nextRow() {
            if row.storedCellCount < row.width {
                let cells = row.nonEmptyCells.map { ($0.column, DumpValue($0.value)) }.filter { !$0.1.isNull }
                guard !cells.isEmpty else { continue }
                count += 1
                write(String(row.number).leftPadded(3) + " | "
                      + cells.map { columnLetters($0.0) + ": " + shown($0.1) }.joined(separator: " | ") + "\n")
                continue
            }
            let values = row.cells.map(DumpValue.init)
            guard let last = values.lastIndex(where: { !$0.isNull }) else { continue }
            count += 1
            let cells = values[...last].map(shown)
            write(String(row.number).leftPadded(3) + " | " + cells.joined(separator: " | ") + "\n")
        }
        write("(\(count) baris)\n\n")
    }

    /// The sheets a dump covers (of an XLSX or ODS workbook's sheet list): all of them, or only
    /// the one named `sheet` (`noSuchSheet(-1)` when no sheet has that name).
    static func sheetIndexes(of sheets: [SheetInfo], named sheet: String?) throws -> [Int] {
        guard let sheet else { return Array(sheets.indices) }
        guard let i = XLSXWorkbook.sheetIndex(named: sheet, in: sheets) else { throw OfficeError.noSuchSheet(-1) }
        return [i]
    }

    // MARK: streamed JSON

    /// Streams an XLSX workbook (or one sheet) as `json` would write its dump, without holding
    /// the grid: each sheet is read once to learn its size, then again row by row (the second
    /// read draws nothing more on the file's budget). Texts longer than `maxCharacters` are cut
    /// as in the text format (0 keeps them whole). A sheet whose grid would hold more positions
    /// than the file's cell budget (`ExpansionBudget.cellLimit`), or whose rows are out of
    /// order, is written as its filled cells instead (see `streamJSONSheets`).
    public static func streamJSONXLSX(path: String, sheet: String? = nil, maxCharacters: Int,
                                      limits: XLSXLimits = XLSXLimits(), write: (String) -> Void) throws {
        let workbook = try XLSXWorkbook(path: path, limits: limits)
        let indexes = try sheetIndexes(of: workbook.sheets, named: sheet)
        // As the grid dump's dictionary: a name used twice keeps its last sheet.
        var byName: [String: Int] = [:]
        for i in indexes { byName[workbook.sheets[i].name] = i }
        try streamJSONSheets(sheetNames: workbook.sheets.map(\.name),
                             sheets: byName.keys.sorted().map { name in (name, { try workbook.rows(sheet: byName[name]!) }) },
                             gridLimit: workbook.budget.cellLimit, maxCharacters: maxCharacters, write: write)
    }

    /// Streams an ODS workbook (or one sheet) as `streamJSONXLSX` does.
    public static func streamJSONODS(path: String, sheet: String? = nil, maxCharacters: Int,
                                     limits: XLSXLimits = XLSXLimits(), write: (String) -> Void) throws {
        let workbook = try ODSWorkbook(path: path, limits: limits)
        var byName: [String: Int] = [:]
        for i in try sheetIndexes(of: workbook.sheets, named: sheet) { byName[workbook.sheets[i].name] = i }
        try streamJSONSheets(sheetNames: workbook.sheets.map(\.name),
                             sheets: byName.keys.sorted().map { name in (name, { try workbook.rows(sheet: byName[name]!) }) },
                             gridLimit: workbook.budget.cellLimit, maxCharacters: maxCharacters, write: write)
    }

    /// Streams a web page's tables as `streamJSONXLSX` does (the grid limit is the cell budget
    /// an XLSX file of the same size would have).
    public static func streamJSONHTML(path: String, sheet: String? = nil, maxCharacters: Int,
                                      limits: XLSXLimits = XLSXLimits(), write: (String) -> Void) throws {
        let workbook = try HTMLWorkbook(path: path, limits: limits)
        var byName: [String: Int] = [:]
        for i in try sheetIndexes(of: workbook.sheets, named: sheet) { byName[workbook.sheets[i].name] = i }
        let limit = ExpansionBudget(inputBytes: ExpansionBudget.inputSize(path), limits: limits).cellLimit
        try streamJSONSheets(sheetNames: workbook.sheets.map(\.name),
                             sheets: byName.keys.sorted().map { name in (name, { try workbook.rows(sheet: byName[name]!) }) },
                             gridLimit: limit, maxCharacters: maxCharacters, write: write)
    }

    /// Streams a CSV file as `streamJSONXLSX` does (one sheet named after the file; the grid
    /// limit is the cell budget an XLSX file of the same size would have).
    public static func streamJSONCSV(path: String, maxCharacters: Int, write: (String) -> Void) throws {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let limit = ExpansionBudget(inputBytes: ExpansionBudget.inputSize(path), limits: XLSXLimits()).cellLimit
        try streamJSONSheets(sheetNames: [name], sheets: [(name, { try CSVReader(path: path) })],
                             gridLimit: limit, maxCharacters: maxCharacters, write: write)
    }

    /// The streamed JSON dump of `sheets` (already in the order to write, names unique), each
    /// opened twice by its `open`. The text is `json`'s for the same grids (cut texts aside):
    /// `{"sheet_names": [...], "sheets": {name: [[row], ...]}}`. A sheet whose grid would
    /// exceed `gridLimit` positions, or whose rows come out of order (so a row cannot be
    /// written where it belongs), is written as
    /// `{"rows": R, "columns": C, "cells": [["A1", value], ...]}`: its filled cells in reading
    /// order (a cell written twice is listed twice; the later one wins), so the output stays
    /// in proportion to what the file holds.
    public static func streamJSONSheets(sheetNames: [String], sheets: [(name: String, open: () throws -> any RowSource)],
                                        gridLimit: Int, maxCharacters: Int, write: (String) -> Void) throws {
        write("{\n \"sheet_names\": [" + sheetNames.map(jsonString).joined(separator: ", ") + "],\n \"sheets\": {")
        func value(_ cell: CellValue) -> DumpValue {
            let v = DumpValue(cell)
            if case .string(let s) = v { return .string(cut(s, maxCharacters)) }
            return v
        }
        for (n, sheet) in sheets.enumerated() {
            write((n == 0 ? "\n" : ",\n") + "  " + jsonString(sheet.name) + ": ")
            // First read: the grid's size, and whether rows come in order.
            var lastRow = 0
            var width = 0
            var inOrder = true
            var previous = 0
            var source = try sheet.open()
            while let row = try source.nextRow() {
                if row.number <= previous { inOrder = false }
                previous = row.number
                var last = -1
                for (column, cell) in row.nonEmptyCells where !DumpValue(cell).isNull { last = column }
                guard last >= 0 else { continue }
                lastRow = max(lastRow, row.number)
                width = max(width, last + 1)
            }
            let positions = lastRow.multipliedReportingOverflow(by: width)
            source = try sheet.open()
            if inOrder && !positions.overflow && positions.partialValue <= gridLimit {
                // The grid, row by row: rows of nulls where the sheet has none.
                guard lastRow > 0 else { write("[]"); continue }
                write("[")
                var next = 1
                func emit(_ values: [DumpValue]) {
                    write((next == 1 ? "\n" : ",\n") + "   [" + values.map(\.json).joined(separator: ", ") + "]")
                    next += 1
                }
                let nullRow = [DumpValue](repeating: .null, count: width)
                while next <= lastRow, let row = try source.nextRow() {
                    guard row.number <= lastRow else { break }
                    while next < row.number { emit(nullRow) }
                    var values = nullRow
                    for (column, cell) in row.nonEmptyCells where column < width { values[column] = value(cell) }
                    emit(values)
                }
                while next <= lastRow { emit(nullRow) }
                write("\n  ]")
            } else {
                write("{\"rows\": \(lastRow), \"columns\": \(width), \"cells\": [")
                var first = true
                while let row = try source.nextRow() {
                    for (column, cell) in row.nonEmptyCells {
                        let v = value(cell)
                        if v.isNull { continue }
                        write((first ? "\n" : ",\n") + "   [\"" + columnLetters(column) + String(row.number) + "\", " + v.json + "]")
                        first = false
                    }
                }
                write(first ? "]}" : "\n  ]}")
            }
        }
        write(sheets.isEmpty ? "}\n}\n" : "\n }\n}\n")
    }

    /// `text` cut to `maxCharacters` characters with the number left out (0: whole).
    public static func cut(_ text: String, _ maxCharacters: Int) -> String {
        guard maxCharacters > 0, text.utf8.count > maxCharacters else { return text }
        var end = text.startIndex
        var kept = 0
        while kept < maxCharacters, end < text.endIndex { end = text.index(after: end); kept += 1 }
        guard end < text.endIndex else { return text }
        let rest = text[end...].count
        return String(text[..<end]) + "… (+\(rest) karakter)"
    }

    /// `{"sheet_names": [...], "sheets": {name: [[...], ...]}}` with keys sorted, one row per line.
    public var json: String {
        var out = "{\n \"sheet_names\": [" + sheetNames.map(jsonString).joined(separator: ", ") + "],\n \"sheets\": {"
        let names = sheets.keys.sorted()
        for (n, name) in names.enumerated() {
            let rows = sheets[name] ?? []
            out += (n == 0 ? "\n" : ",\n") + "  " + jsonString(name) + ": ["
            for (i, row) in rows.enumerated() {
                out += (i == 0 ? "\n" : ",\n") + "   [" + row.map(\.json).joined(separator: ", ") + "]"
            }
            out += rows.isEmpty ? "]" : "\n  ]"
        }
        out += names.isEmpty ? "}\n}\n" : "\n }\n}\n"
        return out
    }

    /// A readable table per sheet: a header line, then `row | cell | cell …` lines.
    public var text: String {
        var out = ""
        for name in sheetNames {
            guard let rows = sheets[name] else { continue }
            out += "== \(name) (\(rows.count) rows)\n"
            if let width = rows.first?.count, width > 0 {
                out += "    | " + (0..<width).map { columnLetters($0) }.joined(separator: " | ") + "\n"
            }
            for (i, row) in rows.enumerated() {
                let cells = row.map { $0.text.replacingOccurrences(of: "\n", with: "\\n") }
                out += String(i + 1).leftPadded(3) + " | " + cells.joined(separator: " | ") + "\n"
            }
            out += "\n"
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
