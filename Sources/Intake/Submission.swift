import DIPCore
import Foundation
import OfficeFormats

/// What reading one submitted file gave: its items and problems, or why it was refused.
public struct SubmissionResult: Codable, Hashable, Sendable {
    /// Whether the file can be used.
    public enum Status: String, Codable, Sendable {
        case accepted
        case refused
        /// The system could not read the file (an I/O error of the disk or share, out of
        /// memory, permission denied): nothing is known of its content, so it is neither
        /// accepted nor refused; `reason` says the system's cause, for the IT officer.
        /// Reading it again later may succeed.
        case failed
    }

    /// The path as given to `readSubmission`.
    public var path: String
    public var status: Status
    /// For a refused file: the Indonesian reason told to the unit; for a failed one, the
    /// system's cause (Indonesian, for the IT officer: never told to the unit).
    public var reason: String?
    /// The items in source order (empty when refused).
    public var items: [InformationItem]
    /// Every problem, sorted by sheet, row, column and code.
    public var problems: [Problem]
    /// The sheet the DIP table was read from (nil for CSV).
    public var sheet: String?
    /// For CSV: the dialect used, e.g. "pemisah ';', UTF-8 dengan BOM".
    public var dialect: String?

    public init(
        path: String, status: Status, reason: String? = nil, items: [InformationItem] = [],
        problems: [Problem] = [], sheet: String? = nil, dialect: String? = nil
    ) {
        self.path = path
        self.status = status
        self.reason = reason
        self.items = items
        self.problems = problems
        self.sheet = sheet
        self.dialect = dialect
    }
}

/// The intake stage: reads unit submissions into `InformationItem`s with `Problem`s.
public enum Intake {
    /// Whether the file is a web page the intake reads as one (an HTML "Export ke Excel" named
    /// .xls, an .html page): what `dip dump` shows with the HTML reader.
    public static func isWebPage(path: String) -> Bool {
        if case .html = SubmissionKind.sniff(path: path) { return true }
        return false
    }

    /// Whether a file in an inbox is not a submission at all and must be skipped silently:
    /// Office lock files (`~$x.xlsx`), LibreOffice locks (`.~lock.x.xlsx#`), other dot files,
    /// temporary files (`*.tmp`, `*~`, `*.part`, `*.crdownload`).
    public static func isIgnorable(fileName: String) -> Bool {
        let name = (fileName as NSString).lastPathComponent
        if name.isEmpty || name.hasPrefix("~$") || name.hasPrefix(".") { return true }
        let lower = name.lowercased()
        if lower.hasPrefix(".~lock") || lower.hasSuffix("#") || lower.hasSuffix("~") { return true }
        for ext in [".tmp", ".temp", ".part", ".crdownload", ".swp"] where lower.hasSuffix(ext) {
            return true
        }
        return lower == "thumbs.db" || lower == "desktop.ini"
    }
}

/// Reads one submitted file (XLSX or CSV) into items and problems. Never throws: a file that
/// cannot be used comes back `.refused` with a reason and an error problem. Collects what
/// `streamSubmission` hands over, then sorts the problems.
///
/// - Parameters:
///   - path: the file.
///   - displayName: the name used in problems (default: the file name).
///   - maxDataRows: data rows after which the file is refused (items are kept in memory here).
///   - receivedAt: when the file was received (the run's clock), for the `made-after-receipt`
///     warning; nil: not checked.
public func readSubmission(at path: String, displayName: String? = nil, maxDataRows: Int = defaultMaxDataRows,
                           receivedAt: Date? = nil) -> SubmissionResult {
    var items: [InformationItem] = []
    var collector = ProblemCollector()
    let summary = streamSubmission(at: path, displayName: displayName, maxDataRows: maxDataRows, receivedAt: receivedAt,
                                   onItem: { items.append($0) }, onProblem: { collector.add($0) })
    if summary.status == .refused, let problem = collector.last {
        return refusal(path: path, problem)  // what was handed over before the refusal is void
    }
    if summary.status == .failed {
        return SubmissionResult(path: path, status: .failed, reason: summary.reason)
    }
    var problems = collector.finish()
    sortProblems(in: &problems)
    return SubmissionResult(path: path, status: .accepted, items: items, problems: problems,
                            sheet: summary.sheet, dialect: summary.dialect)
}

/// Problems of one code in one column of one sheet kept one by one; beyond them only a count
/// and the row range are kept, told in one summary problem. A unit learns nothing from the
/// 201st "kolom kosong" line that the first 200 did not say, and a list of 40,000 rows holding
/// only a number made 280,000 problems (112 MB for `dip check` of a 0.4 MB file, over the
/// cost budget). 200 still lists every row of any real DIP list we have seen (the largest
/// example has fewer than 200 rows with the same problem).
public let alikeProblemsKept = 200

/// Collects the problems `streamSubmission` hands over, keeping at most `alikeProblemsKept`
/// of one code in one column (or row-level field) of one sheet; the rest become one summary
/// per (sheet, column, code) with the severity of what it summarises, so acceptance and
/// counts (`Problem.standsFor`) do not change. Problems without a row are always kept.
struct ProblemCollector {
    private struct Key: Hashable {
        var sheet: String?
        var column: String?
        var code: String
    }

    private struct Tally {
        var kept = 0
        var omitted = 0
        var firstOmittedRow = 0
        var lastOmittedRow = 0
        var example: Problem?
        /// Every omitted problem had the example's message (a missing value's "Kolom … kosong.").
        var sameMessage = true
        /// The rows not kept one by one, as runs of consecutive rows (a column empty on
        /// 40,000 rows is one run), so the summary still names every row.
        var runs: [ClosedRange<Int>] = []
        var runsCut = false
    }

    /// At most this many runs of omitted rows are named per summary (a pathological
    /// alternation of rows on a million-row sheet); beyond, the summary says the list stops.
    static let omittedRunsKept = 20_000

    private(set) var problems: [Problem] = []
    /// The last problem handed over, kept or not (a refusal is the last one).
    private(set) var last: Problem?
    private var tallies: [Key: Tally] = [:]
    /// Keys in the order their first omitted problem came, for deterministic summaries.
    private var omittedOrder: [Key] = []

    mutating func add(_ problem: Problem) {
        last = problem
        guard let row = problem.row else {
            problems.append(problem)
            return
        }
        let key = Key(sheet: problem.sheet, column: problem.column, code: problem.code)
        var tally = tallies[key, default: Tally()]
        if tally.kept < alikeProblemsKept {
            tally.kept += 1
            problems.append(problem)
        } else {
            if tally.omitted == 0 {
                tally.firstOmittedRow = row
                tally.lastOmittedRow = row
                tally.example = problem
                omittedOrder.append(key)
            } else if tally.sameMessage && problem.message != tally.example?.message {
                tally.sameMessage = false
            }
            tally.omitted += 1
            tally.firstOmittedRow = min(tally.firstOmittedRow, row)
            tally.lastOmittedRow = max(tally.lastOmittedRow, row)
            if let last = tally.runs.last, row == last.upperBound + 1 {
                tally.runs[tally.runs.count - 1] = last.lowerBound...row
            } else if tally.runs.last.map({ $0.contains(row) }) != true {
                if tally.runs.count < Self.omittedRunsKept { tally.runs.append(row...row) } else { tally.runsCut = true }
            }
        }
        tallies[key] = tally
    }

    /// The kept problems followed by one summary per (sheet, column, code) that had more.
    mutating func finish() -> [Problem] {
        for key in omittedOrder {
            guard let tally = tallies[key], let example = tally.example else { continue }
            var summary = Self.summary(of: example, omitted: tally.omitted,
                                       first: tally.firstOmittedRow, last: tally.lastOmittedRow,
                                       rows: Self.merged(tally.runs), cut: tally.runsCut)
            summary.rowText = tally.sameMessage ? example.message : Self.shortText(of: example)
            problems.append(summary)
        }
        omittedOrder = []
        return problems
    }

    /// "… dan 39.800 baris lain (baris 202–40001) ... juga tanpa isi pada kolom "X"."
    /// Runs sorted and joined where they touch (rows can come out of order).
    static func merged(_ runs: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        for run in runs.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, run.lowerBound <= last.upperBound + 1 {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, run.upperBound)
            } else {
                out.append(run)
            }
        }
        return out
    }

    static func summary(of example: Problem, omitted: Int, first: Int, last: Int,
                        rows: [ClosedRange<Int>] = [], cut: Bool = false) -> Problem {
        let column = example.columnName.map { "\"\($0)\"" } ?? example.column.map { "kolom \($0)" }
        let range = first == last ? "baris \(first)" : "baris \(first)–\(last)"
        var place = "pada berkas \"\(example.file)\""
        if let sheet = example.sheet { place += ", sheet \"\(sheet)\"" }
        let what: String
        let hint: String
        switch example.code {
        case ProblemCode.missingValue.rawValue:
            what = "juga tanpa isi pada kolom " + (column ?? "yang sama")
            hint = "Isi kolom itu untuk semua baris, lalu kirim ulang."
        case ProblemCode.missingCategory.rawValue:
            what = "juga belum menyatakan jenis informasi (Berkala, Serta Merta, Setiap Saat, Dikecualikan)"
            hint = example.hint
        default:
            what = "juga mempunyai masalah yang sama (kode \(example.code))"
                + (column.map { " pada kolom \($0)" } ?? "") + ", misalnya: " + example.message
            hint = example.hint + " Perbaiki semua baris itu, lalu kirim ulang."
        }
        var p = Problem(
            file: example.file, sheet: example.sheet, row: first, column: example.column,
            columnName: example.columnName, severity: example.severity, code: example.code,
            message: "… dan \(TableBuilder.grouped(omitted)) baris lain (\(range)) \(place) \(what). "
                // Every row named, unless the range already is every row ("baris 202–5001").
                + (rows.isEmpty || (rows == [first...last] && !cut) ? ""
                    : "Baris itu: \(RowList.text(runs: rows))" + (cut ? ", dan seterusnya" : "") + ". ")
                + "Hanya \(alikeProblemsKept) baris pertama dengan masalah ini dicantumkan satu per satu.",
            hint: hint)
        p.alsoInRows = omitted
        p.summarisedRows = rows.isEmpty ? nil : rows
        return p
    }

    /// What a problem of `example`'s code says of one row, without the row's own value: the
    /// summary's `rowText` when its rows' messages differ.
    static func shortText(of example: Problem) -> String {
        let column = example.columnName.map { " pada kolom \"\($0)\"" } ?? example.column.map { " pada kolom \($0)" } ?? ""
        switch ProblemCode(rawValue: example.code) {
        case .unknownCategory: return "Jenis informasi tidak dikenali."
        case .retentionBareYear: return "Retensi ditulis sebagai tahun, bukan jangka waktu penyimpanan."
        case .personalDataValue: return "Ringkasan atau judul informasi memuat data pribadi seseorang."
        case .linkUnsafe: return "Tautan bukan alamat web (http:// atau https://), sehingga tidak dipakai."
        case .madeAfterReceipt: return "Waktu pembuatan jatuh sesudah tanggal berkas ini diterima."
        case .dateNoSuchDay: return "Waktu pembuatan bukan tanggal yang ada di kalender."
        case .yearInDateCell: return "Tahun diketik di sel berformat tanggal."
        case .duplicateItem: return "Ringkasan informasi ini sama dengan baris lain."
        case .errorValue: return "Sel\(column) berisi nilai galat."
        case .retentionUnknown: return "Retensi tidak dapat dibaca sebagai jangka waktu."
        case .formUnknown: return "Bentuk informasi tidak dikenali sebagai cetak atau elektronik."
        // Never the register's code ("retention-unknown"): unit staff read this line, in Indonesian.
        default: return "Masalah yang sama\(column) seperti diuraikan pada ringkasannya."
        }
    }
}

func refusal(path: String, _ problem: Problem) -> SubmissionResult {
    SubmissionResult(
        path: path, status: .refused, reason: problem.message + " " + problem.hint,
        problems: [problem])
}

func sortProblems(_ problems: [Problem]) -> [Problem] {
    var sorted = problems
    sortProblems(in: &sorted)
    return sorted
}

/// Sorts problems by sheet, row, column and code, keeping the order they were found in
/// otherwise. In place, through a sorted index: a list of near-empty rows can hold hundreds
/// of thousands of problems, and a sorted copy of them (with their offsets) doubled the
/// memory `dip check` needs for it.
func sortProblems(in problems: inout [Problem]) {
    func columnKey(_ c: String?) -> (Int, String) { (c?.count ?? 0, c ?? "") }
    let order = problems.indices.sorted { i, j in
        let x = problems[i], y = problems[j]
        if (x.sheet ?? "") != (y.sheet ?? "") { return (x.sheet ?? "") < (y.sheet ?? "") }
        if (x.row ?? 0) != (y.row ?? 0) { return (x.row ?? 0) < (y.row ?? 0) }
        if columnKey(x.column) != columnKey(y.column) { return columnKey(x.column) < columnKey(y.column) }
        if x.code != y.code { return x.code < y.code }
        return i < j
    }
    // Position k takes the problem at order[k]: follow each cycle of the permutation once.
    var placed = [Bool](repeating: false, count: problems.count)
    for start in problems.indices where !placed[start] {
        let first = problems[start]
        var k = start
        while true {
            placed[k] = true
            let source = order[k]
            if source == start {
                problems[k] = first
                break
            }
            problems[k] = problems[source]
            k = source
        }
    }
}


// MARK: - File kinds

/// Text that is markup, not a table of values: a web page (what a web application's "Export to
/// Excel" button saves, often named .xls) or an Excel 2003 XML Spreadsheet. Read as CSV it
/// gave "Tabel DIP tidak ditemukan" quoting `<html …>` (session 21).
enum MarkupKind: Equatable {
    case html
    case spreadsheetML2003

    /// Recognised from the start of the file: after a BOM and blanks it opens a tag, and the
    /// first 4 KB hold `<html`, `<!doctype html`, `<table` or the SpreadsheetML namespace.
    init?(head: [UInt8]) {
        // A page saved as UTF-16 ("Unicode" in some exports) is looked at as UTF-8.
        let head = utf16Units(head).map { Array(String(decoding: $0, as: UTF16.self).utf8) } ?? head
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        bytes = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard bytes.first == UInt8(ascii: "<") else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        // `<html` first: a web "Excel export" may declare the SpreadsheetML namespace on its
        // <html> element, and no XML Spreadsheet has an <html> element; a bare `<table` after
        // the namespace check, since an XML Spreadsheet's <Table> lower-cases to it.
        if text.contains("<html") || text.contains("<!doctype html") {
            self = .html
        } else if text.contains("urn:schemas-microsoft-com:office:spreadsheet") || text.contains("progid=\"excel.sheet\"") {
            self = .spreadsheetML2003
        } else if text.contains("<table") {
            self = .html
        } else {
            return nil
        }
    }

    func message(ext: String) -> String {
        let named = ["xls", "xlsx", "xlsm", "ods", "csv", "txt"].contains(ext) ? " meskipun bernama .\(ext)" : ""
        switch self {
        case .html:
            return "File ini sebenarnya halaman web (HTML)\(named), biasanya hasil tombol \"Export ke Excel\" dari aplikasi "
                + "web, bukan buku kerja Excel atau CSV, sehingga tabelnya tidak dibaca."
        case .spreadsheetML2003:
            return "File ini berformat XML Spreadsheet 2003\(named), format lama yang tidak dibaca; yang dapat dibaca: "
                + ".xlsx, .ods dan CSV."
        }
    }

    static let hint = "Buka file itu di Excel atau LibreOffice, lalu simpan ulang (Save As) sebagai .xlsx (Excel Workbook) "
        + "dan kirim berkas .xlsx itu."
}

/// What a file is, from its first bytes and its extension.
enum SubmissionKind {
    case csv
    case xlsx
    case ods
    /// A web page (an HTML table named .xls by a web application's "Export ke Excel", or
    /// .html/.htm): its tables are read (`HTMLWorkbook`).
    case html
    case refused(ProblemCode, message: String, hint: String)
    /// The system could not read the file's first bytes.
    case failed(FileReadError)

    static let resave = "Buka file di Excel atau LibreOffice, lalu simpan ulang sebagai .xlsx (Excel Workbook) atau .ods (LibreOffice) tanpa kata sandi dan kirim kembali."

    /// A zip that cannot be read is most often a copy cut short (a file dropped while still
    /// being copied over a slow share, then left alone longer than the settle window): say so
    /// first, then how to save it again.
    static let truncatedHint = "Bila berkas ini disalin dari komputer lain atau dari share jaringan, penyalinannya mungkin "
        + "terputus: salin ulang berkas aslinya ke folder unit Anda. Bila tidak, " + resave.prefix(1).lowercased() + resave.dropFirst()

    /// Why a CFB container is refused, in plain words.
    static let legacyMessage = "File ini berformat Excel 97-2003 (.xls) atau dilindungi kata sandi, sehingga tidak dapat dibaca. Format .xls (format biner lama Excel 97-2003) tidak didukung; yang dapat dibaca: .xlsx, .ods dan CSV."

    static func sniff(path: String) -> SubmissionKind {
        let ext = (path as NSString).pathExtension.lowercased()
        // What `dip check` is given by hand: a path that is not there, or a folder (read as a
        // file of 0 bytes, "File kosong"), said as such.
        var info = stat()
        if stat(path, &info) != 0 && errno == ENOENT {
            return .refused(.fileUnreadable, message: "File tidak ditemukan.", hint: "Periksa nama dan folder berkasnya.")
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            return .refused(.fileUnreadable, message: "Ini sebuah folder, bukan berkas.",
                            hint: "Sebutkan berkas DIP di dalam folder itu (.xlsx, .ods atau .csv).")
        }
        // One look at the bytes; a read the system fails says nothing of them.
        let head: [UInt8]
        let kind: SpreadsheetFileKind
        do {
            head = try fileHead(path: path, count: 8)
            if head.isEmpty {
                return .refused(.fileEmpty, message: "File kosong (0 byte).",
                                hint: "Kirim ulang file DIP yang lengkap; kemungkinan file belum selesai disalin.")
            }
            kind = try sniffFileKind(path: path)
        } catch let failure as FileReadError {
            return .failed(failure)
        } catch {
            return .failed(FileReadError(path: path, code: EIO, operation: "read"))
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            let encrypted = kind == .cfbContainer(encrypted: true)
            return .refused(
                .legacyOrEncrypted,
                message: encrypted
                    ? "File ini dilindungi kata sandi (terenkripsi), sehingga tidak dapat dibaca."
                    : SubmissionKind.legacyMessage,
                hint: resave)
        }
        if head.starts(with: Array("%PDF".utf8)) {
            return .refused(.unsupportedType, message: "File ini adalah PDF, bukan tabel DIP.",
                            hint: "Kirim DIP dalam bentuk tabel Excel (.xlsx), LibreOffice (.ods) atau CSV.")
        }
        let isZip = head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
        if isZip {
            switch kind {
            case .xlsx:
                return .xlsx
            case .ods:
                return .ods
            case .zipNotWorkbook:
                if ["docx", "doc", "odt", "rtf"].contains(ext) {
                    return .refused(.unsupportedType, message: "File ini adalah dokumen Word/teks, bukan tabel DIP.",
                                    hint: "Salin tabel DIP ke Excel dan simpan sebagai .xlsx.")
                }
                return .refused(.unsupportedType, message: "File ini arsip zip yang tidak berisi buku kerja Excel.",
                                hint: "Kirim DIP dalam bentuk tabel Excel (.xlsx), LibreOffice (.ods) atau CSV.")
            default:
                return .refused(.corruptFile, message: "File ini rusak atau tidak utuh (arsip zip tidak dapat dibaca).",
                                hint: truncatedHint)
            }
        }
        if kind == .text, let markup = (try? fileHead(path: path, count: 4096)).flatMap(MarkupKind.init(head:)) {
            // Session 23: web pages are read (their tables); SpreadsheetML 2003 stays refused.
            if markup == .html { return .html }
            return .refused(.unsupportedType, message: markup.message(ext: ext), hint: MarkupKind.hint)
        }
        if kind == .text, ["html", "htm", "xhtml"].contains(ext) { return .html }
        // A CSV saved under a spreadsheet name is read as text.
        if ["xlsx", "xlsm", "xls"].contains(ext), kind == .text {
            return .csv
        }
        switch ext {
        case "xlsx", "xlsm", "xltx", "ods", "ots":
            return .refused(.corruptFile, message: "File .\(ext) ini rusak atau tidak utuh (bukan arsip buku kerja yang sah).",
                            hint: resave)
        case "xls":
            return .refused(.legacyOrEncrypted, message: "File .xls ini tidak dapat dibaca: isinya bukan format Excel 97-2003 yang utuh.", hint: resave)
        case "csv", "txt", "tsv", "tab", "":
            return .csv
        default:
            return .refused(.unsupportedType, message: "Jenis file .\(ext) tidak diterima.",
                            hint: "Kirim DIP dalam bentuk tabel Excel (.xlsx), LibreOffice (.ods) atau CSV.")
        }
    }
}

// MARK: - Tables

/// Looks for the header in the first 30 rows; when found, streams the rest of the sheet into
/// `sink` and returns the column map. Returns nil when the sheet has no DIP header.
///
/// - Parameter mergedRanges: the sheet's merged ranges and hyperlinks, called once the header is found (so a sheet without one costs no
///   scan); an error from it is thrown only if reading the rows does not fail first, so a
///   broken part reports the reader's error, as it did when merges came from the reader.
func streamTable<S: RowSource>(
    _ source: inout S, sheet: String?, factory: ProblemFactory, sink: TableSink, maxDataRows: Int,
    mergedRanges: () throws -> (mergedRanges: [MergedRange], hyperlinks: [CellHyperlink]) = { ([], []) },
    fillsFirstColumn: Bool = false, acceptHeader: (Int) throws -> Bool = { _ in true }, declaredBy: String? = nil
) throws -> ColumnMap? {
    var buffered: [SheetRow] = []
    while buffered.count < headerSearchRows, let r = try source.nextRow() { buffered.append(r) }
    // `acceptHeader` may pass over a weak header (its score) for a better sheet.
    guard var best = bestHeader(buffered), try acceptHeader(best.score) else { return nil }
    var merges: [MergedRange] = []
    var links: [CellHyperlink] = []
    var scanError: Error?
    do { (merges, links) = try mergedRanges() } catch { scanError = error }
    if !merges.isEmpty, let merged = headerWithMerges(buffered, best: best, merges: merges) { best = merged }
    let observe = sink.observe
    // A web page's table takes its category from the heading above it (`declaredBy`), as a
    // sheet does from its name.
    var start = tableStart(above: buffered[..<best.index], map: best.map, sheet: declaredBy ?? sheet)
    start.fillsFirstColumn = fillsFirstColumn
    var builder = TableBuilder(map: best.map, sheet: sheet, factory: factory, sink: sink, mergedRanges: merges,
                               hyperlinks: links, start: start)
    for row in buffered[(best.index + 1)...] {
        builder.consume(row)
        observe?(builder.retained)
    }
    buffered = []
    var count = 0
    // The rest of the rows are read on a helper thread while this one builds the items.
    let pipe = RowPipe(source)
    pipe.start()
    do {
        defer { source = pipe.stop() }
        var spent: [SheetRow] = []
        while true {
            // The last batch goes back to the reading thread, which frees its rows.
            let batch = try pipe.next(recycling: consume spent)
            if batch.isEmpty { break }
            for r in batch {
                // The cap keeps `readSubmission`'s collected items bounded; streaming lifts it.
                // Only rows holding something count: a sheet formatted down to its last row
                // stores a styled, empty row each (1,048,576 of them), and a list of six items
                // was refused as "more than 50,000 rows of data" (session 19).
                var filled = r.nonEmptyCells.makeIterator()
                if filled.next() != nil {
                    count += 1
                    if count > maxDataRows { throw TooManyRows(sheet: sheet, limit: maxDataRows) }
                }
                builder.consume(r)
                observe?(builder.retained)
            }
            spent = batch
        }
    } catch {
        // What was read before the failure is handed over before the refusal, as rows came.
        sink.finish()
        throw error
    }
    if let scanError { throw scanError }
    if let junk = builder.junkProblem(headerRow: best.map.headerRows[0]) { sink.problem(junk) }
    for f in [Field.nomor, .ringkasan, .pejabat, .penanggungJawab, .bentuk, .retensi] where best.map.column(f) == nil {
        if f == .bentuk && best.map.hasTicks { continue }
        sink.problem(missingColumn(f, sheet: sheet, factory: factory, headerRow: best.map.headerRows[0]))
    }
    if best.map.column(.waktu) == nil && best.map.column(.waktuTempat) == nil {
        sink.problem(missingColumn(.waktuTempat, sheet: sheet, factory: factory, headerRow: best.map.headerRows[0]))
    }
    return best.map
}

/// Rows searched for the header at the top of a sheet.
let headerSearchRows = 30

/// The header found again once the sheet's merged ranges are known (XLSX/ODS; they are read
/// after the header is found, so a sheet without one costs no scan): a label merged across
/// columns covers all of them (a group title over sub-titles, or one field over several data
/// columns), and a label merged down from the row above fills the header row's cell (a
/// two-row header whose lower row was taken). The row found without merges, then the rows
/// above and below it, are tried; nil when no merge touches them or none scores at least as
/// well as the header found without merges (a tie keeps the first tried).
func headerWithMerges(_ rows: [SheetRow], best: (index: Int, map: ColumnMap, score: Int),
                      merges: [MergedRange]) -> (index: Int, map: ColumnMap, score: Int)? {
    var found: (index: Int, map: ColumnMap, score: Int)?
    let memo = HeaderMemo()
    // The row found first: on a tie it stays the header.
    for i in [best.index, best.index - 1, best.index + 1] where rows.indices.contains(i) {
        let h = rows[i].number
        var header = rows[i]
        var groups: [ClosedRange<Int>] = []
        var touched = false
        for m in merges where m.firstRow <= h && h <= m.lastRow && (m.lastColumn > m.firstColumn || m.firstRow < h) {
            touched = true
            // A merge wider than a sheet's header is not a header cell (a title across the page).
            if m.lastColumn > m.firstColumn, m.lastColumn - m.firstColumn < 32 { groups.append(m.firstColumn...m.lastColumn) }
            if m.firstRow < h, case .empty = header[m.firstColumn],
               let anchor = rows[..<i].last(where: { $0.number == m.firstRow })
            {
                header.setCell(anchor[m.firstColumn], column: m.firstColumn)
            }
        }
        guard touched else { continue }
        guard let (map, _, score) = ColumnMap.detect(
            header: header, next: i + 1 < rows.count ? rows[i + 1] : nil,
            below: rows[min(i + 2, rows.count)...], memo: memo, groups: groups)
        else { continue }
        if score >= best.score, found == nil || score > found!.score { found = (i, map, score) }
    }
    return found
}

/// The best header among the first rows of a sheet (`ColumnMap.detect`): its index, map and
/// score (1000 and more for a full DIP header, less for a title-column header).
func bestHeader(_ buffered: [SheetRow]) -> (index: Int, map: ColumnMap, score: Int)? {
    var best: (index: Int, map: ColumnMap, score: Int)?
    let memo = HeaderMemo()
    for (i, row) in buffered.enumerated() {
        guard let (map, _, score) = ColumnMap.detect(
            header: row, next: i + 1 < buffered.count ? buffered[i + 1] : nil,
            below: buffered[min(i + 2, buffered.count)...], memo: memo)
        else { continue }
        if best == nil || score > best!.score { best = (i, map, score) }
    }
    return best
}

/// The score of the best header in the first rows of `source` (nil: none), reading nothing more.
func peekHeaderScore<S: RowSource>(_ source: inout S) throws -> Int? {
    var buffered: [SheetRow] = []
    while buffered.count < headerSearchRows, let r = try source.nextRow() { buffered.append(r) }
    return bestHeader(buffered)?.score
}

/// The category in force before a table's first section row, by precedence: the nearest
/// category heading above the header row ("A. INFORMASI YANG WAJIB … BERKALA", with a
/// sub-group heading between it and the header), the title column's header when it names a
/// category ("Informasi Wajib Disediakan dan Diumumkan Secara Berkala"), the sheet's name
/// ("Berkala", "Dikecualikan").
func tableStart(above rows: ArraySlice<SheetRow>, map: ColumnMap, sheet: String?) -> TableStart {
    var start = TableStart()
    for row in rows.reversed() {
        var texts: [String] = []
        for (_, cell) in row.nonEmptyCells {
            let t = Text.clean(CellText.text(cell))
            if !t.isEmpty { texts.append(t) }
            if texts.count > 3 { break }
        }
        guard !texts.isEmpty, texts.count <= 3 else { continue }
        let text = texts.joined(separator: " ")
        if isCategoryHeading(text) {
            start.section = text
            break
        }
        if start.subgroup == nil {
            let stripped = TableBuilder.stripMarker(text)
            let w = Text.words(Text.fold(stripped))
            if stripped != text, Text.hasPhrase(w, ["informasi", "tentang"])
                || w.first.map({ Text.similar($0, "ringkasan") }) == true
                || BerkalaSubgroup.allCases.contains(where: { Text.fold($0.title) == w.joined(separator: " ") })
            {
                start.subgroup = stripped
            }
        }
    }
    if start.section == nil, let c = map.column(.ringkasan), let label = map.labels[c], Values.category(label) != nil {
        start.section = label
    }
    if start.section == nil, let sheet, Values.category(sheet) != nil {
        start.section = sheet
    }
    return start
}

/// A heading that declares a category for what follows ("A. INFORMASI … BERKALA", "SETIAP
/// SAAT"); a list title ("DAFTAR INFORMASI PUBLIK … DIKECUALIKAN") is not one.
func isCategoryHeading(_ text: String) -> Bool {
    guard Values.category(text) != nil, TableBuilder.isSectionShape(text, nomor: "", ringkasan: "") else { return false }
    return !Text.hasWord(Text.words(Text.fold(text)), "daftar")
}

/// More data rows than any DIP list has (a regency's largest unit lists a few thousand). It
/// bounds what `readSubmission` (and so `dip run` / `dip check`) collects; `streamSubmission`
/// keeps no rows and runs with it lifted (`maxDataRows: .max`).
public let defaultMaxDataRows = 50_000

/// Thrown by `streamTable` past `maxDataRows`; the file is refused.
struct TooManyRows: Error {
    var sheet: String?
    var limit: Int

    func problem(_ factory: ProblemFactory) -> Problem {
        factory.make(.tooManyRows, sheet: sheet,
                     message: "File berisi lebih dari \(IndonesianNumber.grouped(limit)) baris berisi data; ini bukan daftar "
                        + "DIP yang wajar dan tidak dibaca.",
                     hint: "Kirim hanya tabel DIP unit Anda (satu baris per informasi), tanpa data lain.")
    }
}

/// A field with no column. `columnName` is the field's label (the column the unit must add):
/// the PPID's review lists these per unit (`ReviewInput.missingFieldsByUnit`).
func missingColumn(_ f: Field, sheet: String?, factory: ProblemFactory, headerRow: Int) -> Problem {
    factory.make(
        .missingColumn, sheet: sheet, row: headerRow, columnName: f.label,
        message: "Kolom \(f.label) tidak ditemukan pada judul tabel.",
        hint: "Tambahkan kolom \(f.label); DIP wajib memuat ketujuh unsur (Peraturan Komisi Informasi Nomor 1 Tahun 2021 tentang Standar Layanan Informasi Publik).")
}

/// What a file without a DIP header holds where the header should be, so that the unit reads
/// which row dip looked at and what it found there (the refusal named neither).
struct SeenRow {
    var sheet: String?
    var row: Int
    var texts: [String]
}

/// The row of the first `headerSearchRows` with the most texts: the header the unit meant, or
/// the only text (a title alone). Nil when those rows hold no text.
func likelyHeader<S: RowSource>(_ source: inout S, sheet: String?) throws -> SeenRow? {
    var best: SeenRow?
    var read = 0
    while read < headerSearchRows, let row = try source.nextRow() {
        read += 1
        var texts: [String] = []
        for (_, cell) in row.nonEmptyCells {
            let t = Text.clean(CellText.text(cell))
            if !t.isEmpty { texts.append(t) }
        }
        if texts.count > (best?.texts.count ?? 0) { best = SeenRow(sheet: sheet, row: row.number, texts: texts) }
    }
    return best
}

func noTable(factory: ProblemFactory, seen: SeenRow? = nil, otherSheets: [String] = []) -> StreamOutcome {
    let sevenFields = "No, Ringkasan Isi Informasi, Pejabat yang Menguasai Informasi, Penanggung Jawab, Waktu dan Tempat, Bentuk Informasi, Retensi"
    let titleColumns = "\"Ringkasan Isi Informasi\", \"Judul\", \"Nama/Jenis Dokumen\" atau \"Informasi …\""
    func quoted(_ texts: [String]) -> String {
        let limit = texts.count == 1 ? 100 : 40
        let shown = texts.prefix(8).map { t in "\"\(t.count > limit ? String(t.prefix(limit)) + "…" : t)\"" }
        return shown.joined(separator: ", ") + (texts.count > 8 ? ", …" : "")
    }
    // A web page's tables ("tabel ke-2") are named as such, not as sheets.
    let page = (otherSheets + [seen?.sheet].compactMap { $0 }).contains(where: isPageTableName)
    let others = otherSheets.isEmpty ? ""
        : (page ? " Tabel lain pada halaman ini juga bukan tabel DIP: " + otherSheets.prefix(5).joined(separator: ", ")
            : " Sheet lain juga tidak memuat tabel DIP: " + otherSheets.prefix(5).map { "'\($0)'" }.joined(separator: ", "))
        + (otherSheets.count > 5 ? ", …" : "") + "."
    // "baris 3 tabel ke-2": a page's row numbers count within each of its tables.
    let row = { (seen: SeenRow) in "baris \(seen.row)" + (seen.sheet.map { isPageTableName($0) ? " \($0)" : "" } ?? "") }
    let message: String
    let hint: String
    switch seen {
    case let seen? where seen.texts.count >= 2:
        message = "Tabel DIP tidak ditemukan: \(row(seen)) berisi judul kolom \(quoted(seen.texts)), tetapi tidak satu pun "
            + "berupa kolom judul atau ringkasan informasi seperti \(titleColumns).\(others)"
        hint = "Ganti judul kolom yang berisi nama informasi menjadi \"Ringkasan Isi Informasi\" (atau tambahkan kolom itu), lalu kirim ulang; "
            + "sebaiknya tabel memuat ketujuh unsur DIP: \(sevenFields)."
    case let seen?:
        message = "Tabel DIP tidak ditemukan: di 30 baris pertama hanya ada \(quoted(seen.texts)) (\(row(seen))), "
            + "tanpa baris judul kolom dan tanpa daftar informasi di bawahnya.\(others)"
        hint = "Di bawah judul itu buat baris judul kolom (\(sevenFields)), lalu satu baris untuk setiap informasi, dan kirim ulang."
    case nil:
        message = "Tabel DIP tidak ditemukan: 30 baris pertama \(otherSheets.isEmpty ? "berkas" : page ? "setiap tabel" : "setiap sheet") kosong."
        hint = "Isi tabel DIP mulai dari baris pertama: baris judul kolom (\(sevenFields)), lalu satu baris untuk setiap informasi."
    }
    return .refused(factory.make(.noDIPTable, sheet: seen?.sheet, row: seen?.row, message: message, hint: hint))
}

func emptyTable(sheet: String?, factory: ProblemFactory) -> StreamOutcome {
    .refused(factory.make(
        .emptyTable, sheet: sheet,
        message: "Tabel DIP ditemukan, tetapi tidak berisi satu pun informasi di bawah judul kolomnya.",
        // A list with no item is refused, not read as the withdrawal of every item: an empty file
        // sent by mistake must never wipe a unit's DIP. The unit that really holds nothing any more
        // (merged, dissolved) is told who withdraws its items (docs/publish.md "Session 25").
        hint: "Isi daftar informasi di bawah baris judul kolom, lalu kirim ulang. Daftar kosong tidak diterima agar "
            + "berkas kosong yang terkirim tanpa sengaja tidak menghapus DIP unit Anda; bila unit Anda memang tidak lagi "
            + "menguasai informasi apa pun (misalnya karena penggabungan unit), sampaikan kepada PPID, yang menarik "
            + "informasinya dari DIP."))
}

// MARK: - CSV

/// Whether the file's last 512 bytes (or all of a shorter file) are zero while its first byte
/// is not: text whose end was never written.
func endsInZeroBytes(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    guard let first = try? handle.read(upToCount: 1), first.first.map({ $0 != 0 }) == true,
          let size = try? handle.seekToEnd(), size > 1 else { return false }
    let tail = min(UInt64(512), size - 1)
    guard (try? handle.seek(toOffset: size - tail)) != nil, let bytes = try? handle.read(upToCount: Int(tail)) else { return false }
    return !bytes.isEmpty && bytes.allSatisfy { $0 == 0 }
}

/// Streams a CSV submission into `output`.
func streamCSVSubmission(path: String, factory: ProblemFactory, maxDataRows: Int, output: TableOutput) -> StreamOutcome {
    func unreadable() -> StreamOutcome {
        .refused(factory.make(.fileUnreadable, message: "File tidak dapat dibaca.", hint: "Kirim ulang file."))
    }
    var reader: CSVReader
    do {
        reader = try CSVReader(path: path)
    } catch let error as CSVError {
        if let failure = error.systemFailure { return .failed(failure) }
        return .refused(csvProblem(error, factory: factory, path: path))
    } catch {
        return unreadable()
    }
    let sink = TableSink(output)
    let map: ColumnMap?
    do {
        map = try streamTable(&reader, sheet: nil, factory: factory, sink: sink, maxDataRows: maxDataRows,
                              fillsFirstColumn: true)
    } catch let error as TooManyRows {
        return .refused(error.problem(factory))
    } catch let error as CSVError {
        if let failure = error.systemFailure { return .failed(failure) }
        return .refused(csvProblem(error, factory: factory, path: path))
    } catch {
        return unreadable()
    }
    if let record = reader.openQuoteRecord {
        // A quote never closed: the rest of the file was one cell (a copy cut inside a quoted
        // cell, or a stray quote). Said with its row, not as an overlong cell (session 21).
        return .refused(factory.make(
            .corruptFile, row: record,
            message: "File CSV ini tidak dapat dibaca utuh: tanda kutip (\") yang dibuka pada baris \(record) tidak pernah "
                + "ditutup, sehingga semua isi sesudahnya sampai akhir berkas terbaca sebagai satu sel.",
            hint: "Periksa baris \(record): tambahkan tanda kutip penutup atau hapus tanda kutip yang tidak berpasangan "
                + "(bila berkas terpotong saat disalin, salin ulang berkas aslinya secara utuh), lalu kirim ulang."))
    }
    if reader.endsMidRecord {
        // Half a file: taken, its missing rows would withdraw the unit's items.
        return .refused(factory.make(
            .corruptFile, message: "File CSV ini terpotong: baris terakhirnya berhenti di tengah (berkas belum selesai disalin?).",
            hint: "Salin ulang file secara utuh ke folder unit, atau kirim dalam bentuk .xlsx."))
    }
    if map == nil || sink.itemCount == 0, let mixed = reader.mixedDelimiters {
        // Read with either delimiter, the header or the rows are one cell each: said as such,
        // not as "no table" quoting a header glued into one cell.
        return .refused(mixedDelimiterProblem(mixed, factory: factory))
    }
    guard map != nil else {
        var seen: SeenRow?
        if var again = try? CSVReader(path: path) { seen = try? likelyHeader(&again, sheet: nil) }
        return noTable(factory: factory, seen: seen)
    }
    if sink.itemCount == 0 { return emptyTable(sheet: nil, factory: factory) }
    let d = reader.dialect
    let delimiterName = csvDelimiterName(d.delimiter)
    let encodingName: String
    switch d.encoding {
    case .utf8: encodingName = d.hadBOM ? "UTF-8 dengan BOM" : "UTF-8"
    case .windows1252: encodingName = "Windows-1252"
    // Excel's "Teks Unicode (*.txt)" is UTF-16LE: the name the unit saw when saving.
    case .utf16LE, .utf16BE: encodingName = "\(d.encoding.rawValue) (Teks Unicode)"
    }
    // A file read as Windows-1252 is said once, by the encoding note below (with what to
    // check): the unit read "…dan pengodean Windows-1252." and "…bukan UTF-8; dibaca sebagai
    // Windows-1252." one above the other.
    let encodingSaid = d.encoding == .windows1252 ? "" : " dan pengodean \(encodingName)"
    sink.problem(factory.make(
        .delimiterGuess,
        message: "File CSV dibaca dengan pemisah kolom \(delimiterName)\(encodingSaid).",
        hint: "Jika kolom tampak tergeser, simpan ulang dari Excel sebagai \"CSV UTF-8\" atau kirim dalam bentuk .xlsx."))
    if d.encoding == .windows1252 || reader.windows1252Records > 0 {
        var message = d.encoding == .windows1252
            ? "File CSV ini bukan UTF-8; dibaca sebagai Windows-1252."
            : "\(reader.windows1252Records) baris bukan UTF-8 yang sah dan dibaca sebagai Windows-1252."
        if reader.undefinedBytes > 0 {
            message += " \(reader.undefinedBytes) karakter tidak dapat dibaca dan diganti dengan \u{FFFD}."
        }
        sink.problem(factory.make(
            .encodingGuess, message: message,
            hint: "Periksa huruf beraksen pada hasil; sebaiknya simpan dari Excel sebagai \"CSV UTF-8 (Comma delimited)\"."))
    }
    return .accepted(sheet: nil, dialect: "pemisah \(d.delimiterText == "\t" ? "tab" : d.delimiterText), \(encodingName)",
                     sink)
}

/// A delimiter as the unit knows it ("titik koma (;)").
func csvDelimiterName(_ delimiter: UInt8) -> String {
    switch delimiter {
    case UInt8(ascii: ";"): return "titik koma (;)"
    case UInt8(ascii: ","): return "koma (,)"
    case 9: return "tab"
    case UInt8(ascii: "|"): return "garis tegak (|)"
    default: return "'\(String(UnicodeScalar(delimiter)))'"
    }
}

/// The refusal of a CSV whose header and rows are split by different delimiters.
func mixedDelimiterProblem(_ mixed: MixedDelimiters, factory: ProblemFactory) -> Problem {
    let header = csvDelimiterName(mixed.header)
    let rows = csvDelimiterName(mixed.rows)
    // The header is the first record of either kind (`CSVReader.findMixedDelimiters`).
    let message = "File CSV \"\(factory.file)\" memakai dua pemisah kolom yang berbeda: baris \(mixed.headerRecord) "
        + "(judul kolom) dipisah dengan \(header), sedangkan baris \(mixed.firstRowRecord) dan seterusnya dipisah dengan "
        + "\(rows), sehingga kolom-kolomnya tidak dapat dibaca."
    let hint = "Samakan pemisah kolomnya: ganti pemisah pada baris \(mixed.headerRecord) (judul kolom) menjadi \(rows) "
        + "seperti baris lainnya, lalu kirim ulang; atau salin tabelnya ke Excel dan kirim dalam bentuk .xlsx."
    return factory.make(.delimiterMixed, row: mixed.headerRecord, message: message, hint: hint)
}

func csvProblem(_ error: CSVError, factory: ProblemFactory, path: String? = nil) -> Problem {
    switch error {
    case .binaryContent where path.map(endsInZeroBytes) == true:
        // Text followed by zero bytes: a copy whose space was reserved before it was filled
        // (Windows copies over a share do so), taken before the copy finished.
        return factory.make(
            .fileUnreadable, message: "File CSV ini belum utuh: bagian akhirnya masih berisi byte kosong (nol), "
                + "tanda berkas belum selesai disalin.",
            hint: "Salin ulang berkas aslinya ke folder unit Anda dan tunggu sampai penyalinan selesai.")
    case .unsupportedEncoding(let name):
        return factory.make(
            .encodingUnsupported, message: "Pengodean teks file CSV ini (\(name)) tidak didukung.",
            hint: "Simpan ulang dari Excel sebagai \"CSV UTF-8 (Comma delimited)\" atau kirim dalam bentuk .xlsx.")
    case .binaryContent:
        return factory.make(
            .unsupportedType, message: "File ini bukan teks CSV (berisi data biner).",
            hint: "Kirim DIP dalam bentuk tabel Excel (.xlsx), LibreOffice (.ods) atau CSV.")
    case .recordTooLarge(let record, let detail):
        return factory.make(
            .zipBomb, message: "File ditolak karena isinya berukuran tidak wajar: baris \(record) berisi \(detail).",
            hint: "Kirim hanya tabel DIP unit Anda (satu baris per informasi, sekitar sepuluh kolom).")
    case .cannotOpen, .readFailed:
        // Not reached from the intake (`CSVError.systemFailure` is a failed read, not a
        // refusal); kept for callers that want a problem for every error.
        return factory.make(
            .fileUnreadable, message: "File tidak dapat dibaca.",
            hint: "Periksa apakah file masih disalin atau dikunci, lalu kirim ulang.")
    }
}

extension CSVError {
    /// The system's failure when the file could not be opened or read (not its content).
    var systemFailure: FileReadError? {
        switch self {
        case .cannotOpen(let path, let code): return FileReadError(path: path, code: code, operation: "open")
        case .readFailed(let path, let code): return FileReadError(path: path, code: code, operation: "read")
        default: return nil
        }
    }
}

/// What the IT officer reads when the system could not read a submission (never the unit:
/// nothing is known of the file's content). Indonesian, the system's message explained.
func readFailureText(_ failure: FileReadError) -> String {
    "Berkas tidak dapat dibaca dari disk (gangguan sistem, bukan isi berkasnya): "
        + "\(SystemErrorText.explained(failure.systemMessage)). Berkas yang dibaca: \(failure.path)."
}
