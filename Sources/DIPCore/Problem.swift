/// How serious a problem is for the unit's submission.
public enum Severity: String, Codable, Sendable, Comparable {
    /// The file cannot be used at all.
    case error
    /// A row or cell is wrong; the item is kept but must be fixed.
    case warning
    /// Something worth knowing; nothing to fix.
    case info

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .info: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem found in a submission, told to the unit in Indonesian.
///
/// `code` is stable (tools and tests match on it); `message` says what is wrong and `hint`
/// what to do, both in Bahasa Indonesia.
public struct Problem: Codable, Hashable, Sendable {
    public var file: String
    public var sheet: String?
    /// 1-based row, when the problem is in a row.
    public var row: Int?
    /// Column letter ("C") or CSV column number as text, when the problem is in a cell.
    public var column: String?
    /// The column's header text, to help the unit find it.
    public var columnName: String?
    public var severity: Severity
    public var code: String
    public var message: String
    public var hint: String
    /// Set on a summary of alike problems (the intake's collector keeps only the first
    /// `alikeProblemsKept` of one code in one column of a sheet): how many further rows have
    /// the same problem. Such a summary stands for that many problems in counts (`standsFor`).
    public var alsoInRows: Int?
    /// On a summary of alike problems: the rows it stands for, as runs of consecutive rows
    /// (nil when not known: a summary recorded before the register's `v20-problem-summarised-rows`;
    /// fewer rows than `alsoInRows` when the intake stopped naming runs). The unit's feedback
    /// workbook marks each of them (`rowText`), so a clerk filtering it misses none.
    public var summarisedRows: [ClosedRange<Int>]?
    /// On a summary: what each of its rows has, said briefly (the message every one of them
    /// had, or the code's short form when the messages differed, e.g. by the value quoted).
    public var rowText: String?

    public init(
        file: String, sheet: String? = nil, row: Int? = nil, column: String? = nil,
        columnName: String? = nil, severity: Severity, code: String, message: String,
        hint: String
    ) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.columnName = columnName
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// Whether `summarisedRows` names every row a summary stands for.
    public var namesEverySummarisedRow: Bool {
        guard let alsoInRows, let runs = summarisedRows else { return false }
        return runs.reduce(0) { $0 + $1.count } == alsoInRows
    }

    /// How many problems this one counts for: 1, or for a summary the rows it stands for.
    public var standsFor: Int { alsoInRows ?? 1 }

    /// How many problems a unit must fix among `problems`: errors and warnings, each summary
    /// for as many as it stands for; notes worth knowing (severity info, such as the CSV
    /// dialect read) are none. The count the unit's feedback, `dip run`, its log and
    /// `dip status` all give ("masalah").
    public static func toFix<S: Sequence>(_ problems: S) -> Int where S.Element == Problem {
        problems.reduce(0) { $0 + ($1.severity == .info ? 0 : $1.standsFor) }
    }

    /// "sheet 'DIP', baris 12, kolom C (Ringkasan)" — where the problem is, in Indonesian
    /// ("tabel ke-2, baris 5, …" for a table of a web page).
    public var locationText: String {
        var parts: [String] = []
        if let sheet { parts.append(sheetPhrase(sheet)) }
        if let row { parts.append("baris \(row)") }
        if let column {
            parts.append(columnName.map { "kolom \(column) (\($0))" } ?? "kolom \(column)")
        }
        return parts.joined(separator: ", ")
    }
}

/// How a message names where a table was read: "sheet 'DIP'" for a workbook's sheet, the name
/// itself for a table of a web page ("tabel ke-2", `HTMLWorkbook`), which has no sheets.
public func sheetPhrase(_ sheet: String) -> String {
    isPageTableName(sheet) ? sheet : "sheet '\(sheet)'"
}

/// Whether a sheet name is a web page's table ("tabel ke-3") rather than a workbook's sheet.
public func isPageTableName(_ sheet: String) -> Bool {
    guard sheet.hasPrefix("tabel ke-") else { return false }
    let digits = sheet.dropFirst("tabel ke-".count)
    return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
}
