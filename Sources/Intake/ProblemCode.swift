import DIPCore
import Foundation
import OfficeFormats

/// Every problem the intake reports, with its stable code and severity. Messages and hints are
/// Indonesian (the unit reads them); docs/problems.md lists them all.
public enum ProblemCode: String, CaseIterable, Sendable {
    // Refusals: the file cannot be used (severity error, status refused).
    case fileEmpty = "file-empty"
    case fileUnreadable = "file-unreadable"
    case legacyOrEncrypted = "legacy-or-encrypted"
    case unsupportedType = "unsupported-type"
    case corruptFile = "corrupt-file"
    case zipBomb = "zip-bomb"
    case encodingUnsupported = "encoding-unsupported"
    case noDIPTable = "no-dip-table"
    /// A CSV whose header and rows use different delimiters (`;` over `,` or the reverse):
    /// neither reading gives the table.
    case delimiterMixed = "delimiter-mixed"
    case emptyTable = "empty-table"
    // Cells and rows (warning: keep the item, fix the list).
    case missingColumn = "missing-column"
    case missingValue = "missing-value"
    case unknownCategory = "unknown-category"
    case retentionBareYear = "retention-bare-year"
    /// A summary or title holds a value of personal data (a NIK, an NPWP, a telephone or account
    /// number, an e-mail address: `PersonalDataValues`): it names the information by quoting it.
    case personalDataValue = "personal-data-value"
    case duplicateItem = "duplicate-item"
    case errorValue = "error-value"
    /// A cell longer than a spreadsheet cell can be (32,767 characters): the row is not taken,
    /// since no workbook dip writes (feedback, review, templates) could carry it.
    case cellTooLong = "cell-too-long"
    /// A hyperlink or link-column value that is not a plain web address (`javascript:`,
    /// `file:`, a local path, spaces or quotes in it): dropped, the item keeps no link.
    case linkUnsafe = "link-unsafe"
    /// A time of making (*waktu pembuatan*) after the day the file was received: almost always
    /// a typo in the year or date (information not made yet is not held, UU 14/2008 Pasal 11
    /// ayat (1) huruf a). The item is kept; the unit is asked to check it.
    case madeAfterReceipt = "made-after-receipt"
    /// A time of making written as a numeric date that is no calendar day ("31/02/2026"): kept
    /// as written, and the decree would print it so.
    case dateNoSuchDay = "date-no-such-day"
    /// A CSV row with cells right of the header's last column: a delimiter inside a field
    /// that is not quoted ("Rencana strategis, rencana kerja, …") shifts the row's cells, so
    /// its fields are read from the wrong columns. The item is kept; the unit is told why.
    case rowShifted = "row-shifted"
    /// A year typed into a date-formatted cell (2025 shows as 17/07/1905): the year is taken
    /// as the time of making and the unit is told, instead of printing 1905 in the decree.
    case yearInDateCell = "year-in-date-cell"
    // Worth knowing (info).
    case missingCategory = "missing-category"
    case retentionUnknown = "retention-unknown"
    case formUnknown = "form-unknown"
    case encodingGuess = "encoding-guess"
    case delimiterGuess = "delimiter-guess"
    case hiddenSheet = "hidden-sheet"
    /// The file is a web page (an HTML table saved as .xls by a web application): which of its
    /// tables was read, in which encoding, and how its rows are numbered.
    case htmlTable = "html-table"
    case rowIgnored = "row-ignored"
    /// Columns that are not DIP fields (unnamed, codes, helper formulas or SQL) held data: one
    /// line for the whole table, their error values counted in it.
    case columnsIgnored = "columns-ignored"
    /// More rows than any DIP list has: refused before memory grows without bound.
    case tooManyRows = "too-many-rows"
    /// Reading the file would expand it far beyond its size (cells far to the right, the same
    /// long text referenced by many cells, a huge shared-string table): refused within the
    /// per-file budget (docs/problems.md).
    case contentTooLarge = "content-too-large"

    /// How serious the problem is.
    public var severity: Severity {
        switch self {
        case .fileEmpty, .fileUnreadable, .legacyOrEncrypted, .unsupportedType, .corruptFile,
             .zipBomb, .encodingUnsupported, .noDIPTable, .delimiterMixed, .emptyTable, .tooManyRows, .contentTooLarge:
            return .error
        // retention-unknown: the DIP Lampiran prints column (7) as written and `dip approve` asks
        // the PPID to have the unit write a period; told "tidak perlu diperbaiki", the unit
        // heard the opposite (and, as a note, never saw the hint).
        case .missingColumn, .missingValue, .unknownCategory, .retentionBareYear, .retentionUnknown, .duplicateItem, .personalDataValue,
             .errorValue, .cellTooLong, .linkUnsafe, .madeAfterReceipt, .dateNoSuchDay, .rowShifted, .yearInDateCell:
            return .warning
        case .missingCategory, .formUnknown, .encodingGuess, .delimiterGuess,
             .hiddenSheet, .htmlTable, .rowIgnored, .columnsIgnored:
            return .info
        }
    }

    /// Whether the problem refuses the whole file.
    public var refuses: Bool { severity == .error }
}

/// Builds problems with the file name filled in; knows the day the file was received.
struct ProblemFactory {
    let file: String
    /// The WIB day the file was received (the run's clock), when known: a time of making after
    /// it is reported (`madeAfterReceipt`).
    var receivedOn: Date? = nil

    func make(
        _ code: ProblemCode, sheet: String? = nil, row: Int? = nil, column: Int? = nil,
        columnName: String? = nil, message: String, hint: String
    ) -> Problem {
        Problem(
            file: file, sheet: sheet, row: row, column: column.map(columnLetters),
            columnName: columnName, severity: code.severity, code: code.rawValue,
            message: message, hint: hint)
    }
}
