import Foundation
/// Everything that can go wrong while reading an office file. Cases carry the context a
/// caller needs to tell the user precisely what is wrong (Intake turns them into Indonesian
/// messages); `description` is English, for logs.
public enum OfficeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A CFB (OLE2) container: a legacy .xls or an encrypted/password-protected OOXML file.
    /// `encrypted` is true when the container holds an `EncryptedPackage` stream.
    case cfbContainer(encrypted: Bool)
    /// The file is not a zip archive at all (or its central directory is unreadable).
    case notAZip(String)
    /// A zip archive that is not an OOXML workbook (no officeDocument relationship, no workbook).
    case notAWorkbook(String)
    /// The file has 0 bytes.
    case emptyFile
    // A file the system cannot read (open or read failing with an errno) is not an
    // OfficeError: the readers throw `FileReadError`, which says nothing of the bytes.
    /// A part the workbook needs is missing from the package.
    case missingPart(String)
    /// Several zip entries match a part name once case is ignored.
    case ambiguousPart(String, candidates: [String])
    /// A part or relationship target escapes the package root (`..`) or is otherwise unsafe.
    case unsafePartName(String)
    /// libzip reported an error reading an entry (bad CRC, truncated data, unsupported method).
    case zipError(part: String, message: String)
    /// The XML of a part is not well-formed (or not UTF-8/UTF-16 as declared).
    case xmlError(part: String, line: Int, message: String)
    /// A part carries a DOCTYPE; no legitimate OOXML part has one (entity bombs, XXE).
    case doctypeRefused(part: String)
    /// A security or resource cap was hit (zip bomb, huge text, too many cells).
    case limitExceeded(what: String, limit: Int)
    /// A value in a part is invalid in a way that stops reading (bad shared-string index …).
    case invalidContent(part: String, message: String)
    /// The sheet index asked for does not exist.
    case noSuchSheet(Int)
    /// The workbook part is a binary `.xlsb` workbook, which this reader does not read.
    case unsupportedFormat(String)
    /// Reading the file would expand it beyond its budget (`ExpansionBudget`): `what` is
    /// "cells", "text" or "shared strings"; `sheet` is nil for workbook-level parts.
    case expansionExceeded(sheet: String?, what: String, limit: Int)
    /// A text file (an HTML page) in a character encoding the system's converter does not know.
    case unsupportedEncoding(String)

    public var description: String {
        switch self {
        case .cfbContainer(let encrypted):
            return encrypted
                ? "encrypted (password-protected) workbook: a CFB container with an EncryptedPackage stream"
                : "CFB (OLE2) container: a legacy .xls workbook or an encrypted OOXML file, not a zip"
        case .notAZip(let msg): return "not a zip archive: \(msg)"
        case .notAWorkbook(let msg): return "zip archive is not an XLSX workbook: \(msg)"
        case .emptyFile: return "the file is empty (0 bytes)"
        case .missingPart(let name): return "missing package part \(name)"
        case .ambiguousPart(let name, let candidates):
            return "part \(name) matches several zip entries: \(candidates.joined(separator: ", "))"
        case .unsafePartName(let name): return "unsafe part name \(name)"
        case .zipError(let part, let msg): return "zip error in \(part): \(msg)"
        case .xmlError(let part, let line, let msg): return "XML error in \(part) line \(line): \(msg)"
        case .doctypeRefused(let part): return "DOCTYPE refused in \(part): entity expansion and external entities are not allowed"
        case .limitExceeded(let what, let limit): return "limit exceeded: \(what) (limit \(limit))"
        case .invalidContent(let part, let msg): return "invalid content in \(part): \(msg)"
        case .noSuchSheet(let index): return "no sheet with index \(index)"
        case .unsupportedFormat(let msg): return "unsupported format: \(msg)"
        case .expansionExceeded(let sheet, let what, let limit):
            return "expansion budget exceeded: \(what) over \(limit)" + (sheet.map { " in sheet \($0)" } ?? "")
        case .unsupportedEncoding(let name): return "unsupported character encoding \(name)"
        }
    }
}

/// Caps that protect the reader against hostile or broken files (zip bombs, huge parts,
/// amplification). Defaults are generous for real workbooks and modelled on POI's ZipSecureFile.
public struct XLSXLimits: Sendable, Equatable {
    /// Maximum number of entries in the zip central directory.
    public var maxEntryCount: Int = 10_000
    /// Maximum uncompressed size of a single part, declared or actually inflated.
    public var maxPartSize: Int = 2 << 30
    /// Maximum uncompressed/compressed ratio of a part, once it has inflated `ratioGraceBytes`.
    /// POI uses 100, but real Excel sheets reach 121 (sheetjs large_strings); deflate's ceiling
    /// is about 1,030, which is where bombs sit.
    public var maxCompressionRatio: Int = 500
    /// Bytes a part may inflate before the ratio is enforced (small parts compress very well).
    public var ratioGraceBytes: Int = 1 << 20
    /// Maximum bytes of a single XML text value (a cell, a shared string).
    public var maxTextBytes: Int = 32 << 20
    /// Maximum total bytes of the shared-string table.
    public var maxSharedStringBytes: Int = 1 << 30
    /// Maximum number of shared strings.
    public var maxSharedStringCount: Int = 10_000_000
    /// Highest column count in a row (Excel: 16,384 = XFD).
    public var maxColumns: Int = 16_384
    /// Highest row number (Excel: 1,048,576).
    public var maxRows: Int = 1_048_576
    /// Most merged ranges of one XLSX worksheet (kept in memory before its rows are read).
    /// A DIP list has at most 50,000 rows; four merges a row is far more than any list has.
    public var maxMergedRanges: Int = 200_000
    /// Per-file expansion budget (docs/problems.md, `content-too-large`): what reading a file
    /// may produce is bounded by a fixed allowance plus a multiple of the file's size in bytes,
    /// whatever its shape. Cells count every position a row stores (`SheetRow.storedCellCount`:
    /// gaps of an ordinary row included, only the filled cells of a sparse one), text counts the bytes of every string cell as read (a shared string once per
    /// referencing cell), shared strings count the whole table whether referenced or not.
    public var baseCells: Int = 1_000_000
    public var cellsPerInputByte: Int = 2
    public var baseTextBytes: Int = 8 << 20
    public var textBytesPerInputByte: Int = 128
    /// The shared-string table: a real workbook's table is smaller than its file (at most
    /// 0.6 bytes per file byte in the xlsx corpus, the long-text sheetjs `large_strings`
    /// included); a table up to 32 times the file, plus 4 MB, is read, which with Swift's
    /// string overhead and dip's own start-up stays under 100 MB per MB of input.
    public var baseSharedStringBytes: Int = 4 << 20
    public var sharedStringBytesPerInputByte: Int = 32

    public init() {}
}

/// What reading one file may still expand into (see `XLSXLimits.baseCells` and the
/// following fields). One per opened file, shared by all its sheets, so reading every sheet
/// of a workbook costs no more than the file's budget. A sheet read again (intake peeks at
/// a sheet's header, then reads it; `dip dump` reads it twice) draws nothing more than its
/// largest read so far: each read goes through its own `SheetMeter`.
public final class ExpansionBudget: @unchecked Sendable {
    public let cellLimit: Int
    public let textLimit: Int
    public let sharedStringLimit: Int
    /// What the file's reads have drawn: per sheet, the most any one read of it has.
    private(set) var cells = 0
    private(set) var textBytes = 0
    /// By sheet index: the most cells and text bytes any one read of the sheet has reached.
    private var marks: [(cells: Int, text: Int)] = []

    public init(inputBytes: Int, limits: XLSXLimits) {
        let n = max(0, inputBytes)
        cellLimit = limits.baseCells &+ n.multipliedReportingOverflow(by: limits.cellsPerInputByte).partialValue
        textLimit = limits.baseTextBytes &+ n.multipliedReportingOverflow(by: limits.textBytesPerInputByte).partialValue
        sharedStringLimit = min(limits.maxSharedStringBytes,
                                limits.baseSharedStringBytes &+ n.multipliedReportingOverflow(by: limits.sharedStringBytesPerInputByte).partialValue)
    }

    /// The size of the file at `path` (0 when it cannot be read: the reader fails anyway).
    static func inputSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    /// A meter for one read of sheet `index` (named `name` in errors).
    func meter(sheet index: Int, name: String?) -> SheetMeter {
        SheetMeter(budget: self, sheet: index, name: name)
    }

    /// Records that a read of sheet `index` has reached `cells` cells and `text` bytes; the
    /// file is charged only beyond what earlier reads of that sheet reached. The error when
    /// the budget is exceeded.
    fileprivate func reach(sheet index: Int, name: String?, cells readCells: Int, text readText: Int) -> OfficeError? {
        // Called for every row (and every inline text): an array slot, no lock (the readers
        // of one opened file are used from one thread, as the file itself is).
        if index >= marks.count { marks += repeatElement((cells: 0, text: 0), count: index + 1 - marks.count) }
        if readCells > marks[index].cells { cells &+= readCells &- marks[index].cells; marks[index].cells = readCells }
        if readText > marks[index].text { textBytes &+= readText &- marks[index].text; marks[index].text = readText }
        if cells > cellLimit { return .expansionExceeded(sheet: name, what: "cells", limit: cellLimit) }
        if textBytes > textLimit { return .expansionExceeded(sheet: name, what: "text", limit: textLimit) }
        return nil
    }
}

/// Counts what one read of one sheet produces and draws it from the file's `ExpansionBudget`.
final class SheetMeter {
    private let budget: ExpansionBudget
    private let sheet: Int
    private let name: String?
    private var cells = 0
    private var textBytes = 0

    fileprivate init(budget: ExpansionBudget, sheet: Int, name: String?) {
        self.budget = budget
        self.sheet = sheet
        self.name = name
    }

    /// Counts `n` cells; the error when the file's budget is exceeded.
    func spendCells(_ n: Int) -> OfficeError? {
        cells &+= n
        return budget.reach(sheet: sheet, name: name, cells: cells, text: textBytes)
    }

    /// Counts `n` bytes of cell text; the error when the file's budget is exceeded.
    func spendText(_ n: Int) -> OfficeError? {
        textBytes &+= n
        return budget.reach(sheet: sheet, name: name, cells: cells, text: textBytes)
    }
}
