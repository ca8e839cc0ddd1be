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
        var indexes = Array(workbook.sheets.indices)
        if let sheet {
            guard let i = workbook.sheetIndex(named: sheet) else { throw OfficeError.noSuchSheet(-1) }
            indexes = [i]
        }
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
        var indexes = Array(workbook.sheets.indices)
        if let sheet {
            guard let i = workbook.sheetIndex(named: sheet) else { throw OfficeError.noSuchSheet(-1) }
            indexes = [i]
        }
        for i in indexes {
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
    /// out, empty rows skipped), then `(N baris)`.
    public static func streamText<R: RowSource>(name: String, from source: inout R, maxCharacters: Int,
                                                write: (String) -> Void) throws {
        write("== \(name)\n")
        var count = 0
        while let row = try source.nextRow() {
            let values = row.cells.map(DumpValue.init)
            guard let last = values.lastIndex(where: { !$0.isNull }) else { continue }
            count += 1
            let cells = values[...last].map { cut($0.text, maxCharacters).replacingOccurrences(of: "\n", with: "\\n") }
            write(String(row.number).leftPadded(3) + " | " + cells.joined(separator: " | ") + "\n")
        }
        write("(\(count) baris)\n\n")
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
